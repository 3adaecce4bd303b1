"""The cache makes a second run fast with identical findings; worker processes change nothing."""

from __future__ import annotations

import json
import shutil
from collections import Counter

from conftest import SAMPLES, run_cli


def _json(root, *args):
    code, out, err = run_cli("check", "--format", "json", *args, ".", cwd=root)
    assert code in (0, 1), err
    return json.loads(out)


def test_cached_runs_give_identical_findings(tmp_path):
    root = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", root)
    cold = _json(root)
    assert (root / ".wxlint_cache" / "results").is_dir() and (root / ".wxlint_cache" / "parse").is_dir()
    warm = _json(root)
    assert warm == cold
    assert _json(root, "--no-cache") == cold


def test_changes_to_project_files_invalidate_the_cached_result(tmp_path):
    root = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", root)
    before = _json(root, "--select", "login-popup-on-launch")
    app_json = root / "miniprogram" / "app.json"
    data = json.loads(app_json.read_text(encoding="utf-8"))
    data["entryPagePath"] = "pages/me/me"  # the launch context moves
    app_json.write_text(json.dumps(data), encoding="utf-8")
    after = _json(root, "--select", "login-popup-on-launch")
    assert len(after["findings"]) < len(before["findings"])
    (root / ".wxlint.yml").write_text("rules:\n  login-popup-on-launch: off\n", encoding="utf-8")
    assert _json(root, "--select", "login-popup-on-launch")["findings"] == []


def test_a_corrupt_cache_is_ignored(tmp_path):
    root = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", root)
    cold = _json(root)
    for path in (root / ".wxlint_cache").rglob("*"):
        if path.is_file() and path.name != ".gitignore":
            path.write_bytes(b"garbage")
    assert _json(root) == cold


def test_jobs_one_and_two_give_identical_output(tmp_path):
    root = tmp_path / "big"
    shutil.copytree(SAMPLES / "legacy-shop", root / "a")
    shutil.copytree(SAMPLES / "member-2021", root / "b")
    for n in range(30):  # enough files for worker processes to start
        page = root / "b" / "extra" / f"e{n}.js"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"// {n}\nmodule.exports = () => wx.getUserInfo()\n", encoding="utf-8")
    one = _json(root, "--jobs", "1", "--no-cache")
    two = _json(root, "--jobs", "2", "--no-cache")
    assert one == two and len(one["findings"]) > 40


def test_single_file_runs_find_exactly_what_the_whole_run_finds_there(tmp_path):
    """Given one file (as pre-commit does), wxlint analyses only the files that can matter to it;
    that must never change the findings in it."""
    for sample in ("legacy-shop", "member-2021"):
        root = tmp_path / sample
        shutil.copytree(SAMPLES / sample, root)
        whole = _json(root, "--no-cache")
        by_path: dict[str, list] = {}
        for finding in whole["findings"]:  # a file's findings, and those whose trace passes through it
            for path in dict.fromkeys([finding["path"], *(step["path"] for step in finding["trace"])]):
                by_path.setdefault(path, []).append(finding)
        sources = [p for p in root.rglob("*") if p.suffix in (".js", ".wxml", ".ts") and "cloudfunctions" not in p.parts
                   and ".wxlint_cache" not in p.parts and "libs" not in p.parts]
        assert len(sources) > 10
        for source in sources:
            relative = source.relative_to(root).as_posix()
            code, out, err = run_cli("check", "--format", "json", relative, cwd=root)
            assert code in (0, 1), err
            assert json.loads(out)["findings"] == by_path.get(relative, []), relative


def _run(root, **options):
    from wxlint.runner import RunOptions, run

    return run(RunOptions(paths=[root], cwd=root, **options))


def test_the_caches_are_really_used(tmp_path):
    root = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    cold = _run(root)
    assert cold.results_from_cache == 0 and cold.cache_hits == 0
    warm = _run(root)
    assert warm.results_from_cache == 1  # the whole project's findings, not recomputed
    assert [f.fingerprint for f in warm.findings] == [f.fingerprint for f in cold.findings]
    # A configuration change invalidates the result, not the syntax trees.
    (root / ".wxlint.yml").write_text("rules:\n  unused-disable: off\n", encoding="utf-8")
    changed = _run(root)
    assert changed.results_from_cache == 0 and changed.cache_hits == len(changed.checked_files) > 10
    assert _run(root, use_cache=False).results_from_cache == 0


def test_worker_processes_really_parse(tmp_path):
    root = tmp_path / "many"
    shutil.copytree(SAMPLES / "member-2021", root)
    for n in range(40):
        (root / "utils" / f"extra{n}.js").write_text(f"module.exports = () => wx.getUserInfo({{ n: {n} }})\n", encoding="utf-8")
    one = _run(root, jobs=1, use_cache=False)
    two = _run(root, jobs=2, use_cache=False)
    assert one.parsed_in_workers == 0
    # The worker takes chunks from the front while this process parses from the back.
    assert 0 < two.parsed_in_workers < len(two.checked_files)
    assert [(f.path, f.line, f.message) for f in two.findings] == [(f.path, f.line, f.message) for f in one.findings]


def test_repeated_in_process_runs_do_not_keep_each_others_trees(tmp_path):
    """The command line freezes its trees away from the collector; a process that runs wxlint again
    (an editor, the test suite, the fuzzer) must get the earlier run's trees back."""
    import gc

    root = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    kept = []
    for _ in range(4):
        _run(root, use_cache=False)
        kept.append(gc.get_freeze_count())
    assert kept[1] > 10_000  # the trees were frozen
    assert max(kept[1:]) - min(kept[1:]) < kept[1] // 10, kept


def test_dependencies_read_from_the_model_are_those_of_the_whole_tree():
    # a cold run stores each file's dependencies from the model's index of nodes, not from a walk of every
    # node; a pre-commit run trusts them to choose the files that matter
    from wxlint.discover import discover
    from wxlint.model.modules import file_dependencies
    from wxlint.model.project import ProjectModel
    from wxlint.parse.batch import parse_all

    compared = 0
    for sample in ("legacy-shop", "member-2021", "modern-notes"):
        for project in discover([SAMPLES / sample], set()):
            parsed = parse_all(project.files)
            model = ProjectModel(project, parsed, project.files)
            for path, file in parsed.items():
                if file.js is None and not file.inline_wxs:
                    continue
                modules = ([model.js_modules[path]] if path in model.js_modules else []) + model.inline_wxs.get(path, [])
                assert file_dependencies(file, modules) == file_dependencies(file), path
                compared += bool(file_dependencies(file))
    assert compared > 10


def test_a_module_added_between_two_runs_in_one_process_is_found(project):
    from conftest import lint_json

    # module paths are looked up once per run: a second run (an editor, the fuzzer) sees a file added since
    page = "const auth = require('../../utils/auth.js')\nPage({ onLoad() { auth.ask() } })\n"
    root = project({"pages/index/index.js": page})
    _, before = lint_json(root, "--no-cache", "--select", "getuserprofile-outside-tap")
    assert before["findings"] == []
    (root / "utils").mkdir()
    (root / "utils/auth.js").write_text("module.exports = { ask() { wx.getUserProfile({ desc: 'x' }) } }\n",
                                        encoding="utf-8")
    _, after = lint_json(root, "--no-cache", "--select", "getuserprofile-outside-tap")
    # the call is found through the page's require, so it is reached from onLoad
    assert [(f["path"], [step["path"] for step in f["trace"]][:1]) for f in after["findings"]] == [
        ("utils/auth.js", ["pages/index/index.js"])]


def test_checks_that_do_not_read_the_flow_engine_run_in_a_child(tmp_path):
    import sys

    root = tmp_path / "many"
    shutil.copytree(SAMPLES / "legacy-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    for n in range(30):
        (root / "miniprogram" / "utils" / f"extra{n}.js").write_text(
            f"module.exports = () => wx.getUserInfo({{ n: {n} }})\n", encoding="utf-8")
    one = _run(root, jobs=1, use_cache=False)
    two = _run(root, jobs=2, use_cache=False)
    assert one.checks_in_child == 0
    if sys.platform.startswith("linux"):
        assert two.checks_in_child > 0
    # some from the child, some from this process
    assert {f.rule for f in two.findings} >= {"deprecated-getuserinfo", "location-undeclared", "missing-opensetting"}
    assert [(f.path, f.line, f.column, f.message, f.trace) for f in two.findings] == \
        [(f.path, f.line, f.column, f.message, f.trace) for f in one.findings]
    assert two.notes == one.notes and two.failures == one.failures == []


def test_a_tree_the_validator_refuses_is_a_parse_error_with_child_processes_too(tmp_path, monkeypatch):
    """A file tree-sitter reads but esprima's validator refuses (a `let` declared twice) is a parse error
    at the later declaration, exactly the same whether checks run in child processes or not."""
    import wxlint.scheduling as scheduling

    root = tmp_path / "member"
    shutil.copytree(SAMPLES / "member-2021", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    (root / "utils" / "twice.js").write_text("let a = 1\nlet a = 2\nmodule.exports = () => wx.getUserInfo(a)\n",
                                             encoding="utf-8")
    one = _run(root, jobs=1, use_cache=False)
    monkeypatch.setattr(scheduling, "FORK_MIN_FILES", 1)  # this small project forks its checks
    two = _run(root, jobs=2, use_cache=False)
    assert two.checks_in_child > 0
    errors = [(f.path.name, f.line, f.message) for f in one.findings if f.rule == "parse-error"]
    assert errors == [("twice.js", 2, errors[0][2])] and "'a' has already been declared" in errors[0][2]
    assert [(f.path, f.line, f.message) for f in two.findings] == [(f.path, f.line, f.message) for f in one.findings]


def test_each_script_is_modelled_as_its_tree_arrives_and_the_project_model_takes_it(tmp_path):
    # with a worker beside it, this process builds each script's scopes while the worker still parses (instead of
    # after it, with one core idle); the project model takes those modules instead of building them again
    from wxlint.discover import discover
    from wxlint.model.project import ProjectModel, ScriptModels
    from wxlint.parse.batch import parse_all

    root = tmp_path / "shop"
    shutil.copytree(SAMPLES / "legacy-shop", root)
    for n in range(40):  # enough files for a worker to start
        page = root / "miniprogram" / "extra" / f"e{n}.js"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"// {n}\nmodule.exports = () => wx.getUserInfo()\n", encoding="utf-8")
    [project] = discover([root], set())
    counts, scripts = Counter(), ScriptModels()
    parsed = parse_all(project.files, jobs=2, counts=counts, then=scripts.add)
    assert counts["workers"] > 0  # some trees came from the worker, and were modelled here as they arrived
    built = dict(scripts.built)
    assert set(built) == {path for path, file in parsed.items() if file.js is not None}
    model = ProjectModel(project, parsed, project.files, scripts)
    assert all(model.js_modules[path] is module for path, module in built.items())
    # a module built on another tree of the file (parsed again) is not taken
    script = next(path for path in project.files if path.suffix == ".js")
    again = ScriptModels()
    again.add(parse_all([script])[script])
    stale = again.built[script]
    other = ProjectModel(project, parsed, project.files, again)
    assert other.js_modules[script] is not stale and other.js_modules[script].tree is parsed[script].js


def test_no_cache_is_written_where_the_code_quality_scan_counts_it(tmp_path):
    # miniprogram-ci's checkCodeQuality counts the files under the mini-program root, packOptions.ignore or not: a copy
    # of member-2021 with its `.wxlint_cache/` failed PACKAGE_SIZE_LIMIT at 1.6 MB. With no miniprogramRoot the project
    # root is that root; legacy-shop keeps its mini-program in miniprogram/, so its cache beside it is fine.
    root = tmp_path / "member"
    shutil.copytree(SAMPLES / "member-2021", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    refused = _run(root)
    assert not (root / ".wxlint_cache").exists() and refused.results_from_cache == 0
    assert any(n.words is not None and n.words.id == "cache-in-package" for n in refused.notes)
    # said in the run's language, as every note
    chinese = _run(root, lang="zh")
    assert any(n.note.startswith("未使用缓存") for n in chinese.notes)
    elsewhere = _run(root, cache_dir=tmp_path / "cache")
    assert (tmp_path / "cache").is_dir() and _run(root, cache_dir=tmp_path / "cache").results_from_cache == 1
    assert [f.fingerprint for f in elsewhere.findings] == [f.fingerprint for f in refused.findings]
    legacy = tmp_path / "legacy"
    shutil.copytree(SAMPLES / "legacy-shop", legacy, ignore=shutil.ignore_patterns(".wxlint_cache"))
    _run(legacy)
    assert (legacy / ".wxlint_cache").is_dir()
