"""The cache folder is inside the linted repository: what is found there is never run, never trusted
unless wxlint signed it, and no state of it (corrupt, truncated, read-only, shared by two runs, left by
a killed run) changes the findings."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import SAMPLES, run_cli


def _json(root, *args):
    code, out, err = run_cli("check", "--format", "json", *args, ".", cwd=root)
    assert code in (0, 1), err
    return json.loads(out)


def _entries(root):
    return [p for p in (root / ".wxlint_cache").rglob("*") if p.is_file() and p.name != ".gitignore"]


class _RunsCode:
    """A pickle that creates a file when loaded."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(SAMPLES / "legacy-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    return root


def test_a_pickle_planted_in_the_cache_is_never_loaded(shop, tmp_path):
    cold = _json(shop)
    marker = tmp_path / "pwned"
    planted = pickle.dumps(_RunsCode(marker))
    entries = _entries(shop)
    assert any(p.suffix == ".pickle" for p in entries)
    for path in entries:
        path.write_bytes(planted)
    # a forged result that hides every finding, at the place of the real one
    for path in (shop / ".wxlint_cache" / "results").glob("*.json"):
        path.write_text(json.dumps({"findings": [], "notes": []}), encoding="utf-8")
    assert _json(shop) == cold
    assert not marker.exists()


def test_signed_entries_moved_to_another_name_are_misses(shop):
    from wxlint.runner import RunOptions, run

    cold = _json(shop)
    trees = sorted(p for p in _entries(shop) if p.suffix == ".pickle")
    contents = [p.read_bytes() for p in trees]
    for path, content in zip(trees, contents[1:] + contents[:1]):  # every tree now sits under another file's key
        path.write_bytes(content)
    for path in (shop / ".wxlint_cache" / "results").glob("*.json"):
        path.unlink()
    result = run(RunOptions(paths=[shop], cwd=shop))
    assert result.cache_hits == 0
    assert _json(shop) == cold


def test_truncated_entries_and_a_cache_that_cannot_be_written(shop):
    cold = _json(shop)
    for path in _entries(shop):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    assert _json(shop) == cold
    shutil.rmtree(shop / ".wxlint_cache")
    (shop / ".wxlint_cache").write_text("not a folder", encoding="utf-8")  # nothing can be written there
    assert _json(shop) == cold


def _start(root, *args):
    return subprocess.Popen([sys.executable, "-m", "wxlint", "check", "--format", "json", *args, "."], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())


def test_two_runs_at_once_and_a_run_killed_mid_write(shop):
    for n in range(60):  # enough to be writing the cache when killed
        (shop / "miniprogram" / "utils" / f"gen{n}.js").write_text(
            "".join(f"export function f{i}() {{ return wx.getStorageSync('k{i}') }}\n" for i in range(200)), encoding="utf-8")
    expected = _json(shop, "--no-cache")
    first, second = _start(shop), _start(shop)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [json.loads(out) for out, _ in outputs] == [expected, expected]
    shutil.rmtree(shop / ".wxlint_cache")
    killed = _start(shop, "--jobs", "1")
    time.sleep(1.5)
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    assert _json(shop) == expected
    assert _json(shop) == expected  # and again, from what this run cached


def test_without_a_usable_key_nothing_is_cached(shop, monkeypatch, tmp_path):
    from wxlint import cache_files

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delenv(cache_files.KEY_VARIABLE, raising=False)
    cache_files.signing_key.cache_clear()
    try:
        assert cache_files.signing_key() is None
        cold = _json(shop)
        assert _json(shop) == cold
        assert not any(p.suffix == ".pickle" for p in _entries(shop))
    finally:
        cache_files.signing_key.cache_clear()


def test_an_edit_that_keeps_the_size_and_restores_the_mtime_is_seen(shop):
    page = shop / "miniprogram" / "utils" / "auth.js"
    assert "wx.getUserInfo" in page.read_text(encoding="utf-8")
    before = _json(shop)
    stat = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("wx.getUserInfo", "xx.getUserInfo"), encoding="utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = _json(shop)
    assert len(after["findings"]) < len(before["findings"])
    assert after == _json(shop, "--no-cache")


class _ForgedNode:
    """A syntax node as a forged pickle would describe it: its attribute names carry code."""

    def __init__(self, names, values):
        self.names, self.values = names, values

    def __reduce__(self):
        from esprima.nodes import Identifier

        from wxlint.parse.javascript import _rebuild_node
        return (_rebuild_node, (Identifier, self.names, self.values))


def test_a_tree_whose_attribute_names_are_code_is_refused(tmp_path):
    # Even an entry signed by a leaked key runs no code: loading a node sets the attributes its pickle names,
    # and a name that is not one (`a = open(...)`) must not be taken for a statement.
    from wxlint.parse.batch import load_tree

    marker = tmp_path / "pwned"
    names = ("type", f"name = open({str(marker)!r}, 'w'); node.other")
    with pytest.raises(pickle.UnpicklingError):
        load_tree(pickle.dumps(_ForgedNode(names, ("Identifier", "x"))))
    assert not marker.exists()
    node = load_tree(pickle.dumps(_ForgedNode(("type", "name", "range"), ("Identifier", "wx", (3, 5)))))
    assert (node.type, node.name, node.range, node._parent) == ("Identifier", "wx", (3, 5), None)


def _age(path, days):
    then = time.time() - days * 24 * 3600
    os.utime(path, (then, then), follow_symlinks=False)


def test_entries_no_run_used_for_thirty_days_are_forgotten(shop, tmp_path):
    _json(shop)
    cache = shop / ".wxlint_cache"
    used_trees = sorted(cache.glob("parse/*/*.pickle"))
    for path in used_trees:
        _age(path, 40)  # used by the next run: kept, and counted as used now
    (cache / "parse" / "ab").mkdir(exist_ok=True)
    stale_tree = cache / "parse" / "ab" / ("ab" + "0" * 62 + ".pickle")
    stale_tree.write_bytes(b"a tree of a file that changed long ago")
    _age(stale_tree, 31)
    recent_tree = cache / "parse" / "ab" / ("ab" + "1" * 62 + ".pickle")
    recent_tree.write_bytes(b"a tree of last week")
    _age(recent_tree, 7)
    left_over = cache / "parse" / "ab" / (".x.pickle." + "2" * 16 + ".tmp")
    left_over.write_bytes(b"a run killed mid-write")
    _age(left_over, 2)
    someone_elses = cache / "parse" / "ab" / "notes.txt"
    someone_elses.write_text("not wxlint's", encoding="utf-8")
    _age(someone_elses, 99)
    # a link named as an entry goes, what it points to stays
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = cache / "results" / ("c" * 64 + ".json")
    link.symlink_to(outside)
    _age(link, 45)
    _json(shop, "--lang", "zh")  # another result, for which every tree is read again
    assert all(path.exists() for path in used_trees)
    assert min(path.stat().st_mtime for path in used_trees) > time.time() - 3600
    assert not stale_tree.exists() and recent_tree.exists() and not left_over.exists() and someone_elses.exists()
    assert not link.is_symlink() and outside.read_text(encoding="utf-8") == "keep me"


def test_only_the_newest_results_are_kept(shop):
    from wxlint.result_cache import KEPT_RESULTS
    results = shop / ".wxlint_cache" / "results"
    _json(shop)
    first = next(results.glob("*.json"))
    for number in range(KEPT_RESULTS + 3):  # as many states of the project, each a result of its own
        (shop / "miniprogram" / "utils" / "counter.js").write_text(f"module.exports = {number}\n", encoding="utf-8")
        _json(shop)
    assert len(list(results.glob("*.json"))) == KEPT_RESULTS
    assert not first.exists()
