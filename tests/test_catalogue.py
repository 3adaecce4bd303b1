"""The rule catalogue: validation, every example run, and shipping inside the wheel."""

from __future__ import annotations

import json

import subprocess
import sys
import zipfile

import pytest

from wxlint.catalogue import load_catalogue
from wxlint.data_tables import CatalogueError
from wxlint.checks import check_module
from wxlint.rule_tester import catalogue_examples, example_mismatch, rule_findings

from conftest import REPO, SAMPLES, run_cli

CATALOGUE = load_catalogue()
EXAMPLES = catalogue_examples()


@pytest.mark.parametrize("rule_id, kind, index, example", EXAMPLES,
                         ids=[f"{r}-{k}-{i}" for r, k, i, _ in EXAMPLES])
def test_catalogue_example(tmp_path, rule_id, kind, index, example):
    assert example_mismatch(rule_id, example, tmp_path / "example") is None


def test_the_rule_tester_says_what_differs(tmp_path):
    rule = CATALOGUE["deprecated-getuserinfo"]
    bad = rule.bad_examples[0]
    assert example_mismatch(rule.id, bad, tmp_path / "bad") is None
    wrong = type(bad)(title=bad.title, files=bad.files, config=bad.config, expect=bad.expect[1:])
    assert "expected" in example_mismatch(rule.id, wrong, tmp_path / "wrong")
    found = rule_findings(rule.id, {"pages/a/a.js": "Page({ onTap() { wx.getUserInfo({}) } })\n",
                                    "pages/a/a.wxml": '<button bindtap="onTap">资料</button>\n'}, tmp_path / "one")
    assert [(f.path.name, f.line, f.column, f.message_id) for f in found] == [("a.js", 1, 18, "call")]


def test_every_check_rule_has_a_module():
    for rule in CATALOGUE.values():
        if rule.kind == "check":
            assert callable(check_module(rule).check), rule.id


def test_messages_render_in_both_languages():
    rule = CATALOGUE["deprecated-getuserinfo"]
    for message_id in rule.messages:
        arguments = {"api": "getUserInfo", "attribute": "bindgetuserinfo", "type": "userNickName"}
        assert rule.message(message_id, "en", **arguments) != rule.message(message_id, "zh", **arguments)


@pytest.mark.parametrize("mutation, error", [
    (lambda d: d.pop("fix"), "key 'fix': missing"),
    (lambda d: d.update(severity="fatal"), "key 'severity': must be one of"),
    (lambda d: d["title"].pop("zh"), "key 'title': must have non-empty 'en' and 'zh'"),
    (lambda d: d.update(since="2021-04-28"), "key 'since': must have non-empty 'en' and 'zh'"),
    (lambda d: d["examples"]["bad"][0].update(title="Calling wx.getUserInfo on load"),
     "key 'examples.bad[0].title': must have non-empty 'en' and 'zh'"),
    (lambda d: d.update(colour="red"), "key 'colour': unknown key"),
    (lambda d: d["messages"]["call"].update(zh="{other}"), "key 'messages.call': en and zh templates must use the same"),
    (lambda d: d.update(references=["http://insecure.example"]), "key 'references': must be a list of https://"),
    (lambda d: d["examples"].update(bad=[]), "key 'examples': must have a non-empty 'bad' list"),
])
def test_malformed_rule_file_is_an_error_naming_file_and_key(tmp_path, mutation, error):
    import yaml

    source = CATALOGUE["deprecated-getuserinfo"].path
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    mutation(data)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "deprecated-getuserinfo.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    assert str(raised.value).startswith(str(folder / "deprecated-getuserinfo.yaml"))
    assert error in str(raised.value)


def test_installed_wheel_ships_and_finds_the_catalogue(tmp_path):
    """Build the wheel, install it without its dependencies into a folder, and load the catalogue from there."""
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("wxlint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "wxlint/rules/deprecated-getuserinfo.yaml" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = ("import wxlint.catalogue as c; rules = c.load_catalogue(); "
             "print(c.rules_dir()); print(sorted(rules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            env={"PYTHONPATH": str(target), "PATH": ""})
    assert result.returncode == 0, result.stderr
    folder, ids = result.stdout.splitlines()
    assert folder == str(target / "wxlint" / "rules")
    assert "deprecated-getuserinfo" in ids


def test_every_trace_note_speaks_both_languages_with_the_same_arguments():
    import string

    from wxlint.data_tables import load_data_table

    notes = load_data_table("trace-notes")["notes"]
    for note_id, templates in notes.items():
        assert set(templates) == {"en", "zh"}, note_id
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in templates.values()]
        assert fields[0] == fields[1], note_id


def test_verbose_notes_follow_the_language(project):
    from conftest import run_cli

    root = project({"pages/me/me.wxml": '<button bindtap="{{action}}">go</button>',
                    "pages/me/me.js": "Page({ later() { wx.getUserProfile({ desc: 'x' }) } })"})
    _, out, _ = run_cli("check", "--lang", "zh", "--verbose", "--select", "getuserprofile-outside-tap", ".", cwd=root)
    assert '`bindtap="{{action}}"`：处理函数在运行时才确定；未追踪' in out
    assert "later 中的 wx.getUserProfile：没有点击处理函数或生命周期能到达它" in out


def test_a_check_using_a_message_or_data_key_its_yaml_lacks_fails_at_load(tmp_path):
    import importlib.util

    from wxlint.checks import verify_contract

    rule = CATALOGUE["opensetting-outside-tap"]

    def check_module_with(name: str, body: str):
        source = tmp_path / f"{name}.py"
        source.write_text(body, encoding="utf-8")
        spec = importlib.util.spec_from_file_location(name, source)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    verify_contract(rule, check_module_with("fine", "def check(ctx):\n    ctx.data['tap_state']\n    ctx.report_node(None, None, 'lifecycle')\nUSES_FLOW = False\n"))
    with pytest.raises(CatalogueError, match=r"unknown_message.py:2: message id 'on-launch' is not in opensetting-outside-tap.yaml"):
        verify_contract(rule, check_module_with("unknown_message", "def check(ctx):\n    ctx.report_node(None, None, 'on-launch')\nUSES_FLOW = True\n"))
    with pytest.raises(CatalogueError, match=r"unknown_key.py:3: data key 'api'"):
        verify_contract(rule, check_module_with("unknown_key", "def check(ctx):\n    x = 1\n    return ctx.data['api']\nUSES_FLOW = True\n"))
    with pytest.raises(CatalogueError, match=r"undeclared.py: a check declares USES_FLOW"):
        verify_contract(rule, check_module_with("undeclared", "def check(ctx):\n    ctx.flow\n"))


def test_a_check_that_reads_the_flow_engine_without_declaring_it_fails(project, monkeypatch):
    # which process runs a check follows its declaration: one that lies about it must not run without the engine
    from conftest import run_cli
    from wxlint.checks import secret_in_client

    monkeypatch.setattr(secret_in_client, "check", lambda ctx: ctx.flow)
    root = project({"pages/index/index.js": "Page({ onLoad() { wx.getUserInfo() } })\n"})
    code, out, _ = run_cli("check", "--no-cache", "--format", "json", ".", cwd=root)
    report = json.loads(out)
    assert code == 2
    assert [(f["stage"], f["rule"]) for f in report["summary"]["failures"]] == [("check", "secret-in-client")]
    assert "declares USES_FLOW = False" in report["summary"]["failures"][0]["message"]


def test_tap_rules_define_every_verdict_the_tap_model_gives():
    from wxlint.analyse.tap import VERDICT_KINDS, apis_reported_by, tap_facts

    for rule in CATALOGUE.values():
        apis = apis_reported_by(rule.id)
        if apis:
            kinds = set(VERDICT_KINDS) - ({"payment"} if not apis & set(tap_facts()["payment_tap_not_for"]) else set())
            assert kinds <= set(rule.messages), rule.id


def test_the_readme_rules_table_lists_the_catalogue():
    """The README's table of rules is written by hand; it must name every rule with its default severity."""
    import re

    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Rules\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning|info) \|", section, flags=re.M))
    assert rows == {rule.id: rule.severity for rule in CATALOGUE.values()}


def test_chinese_texts_have_no_space_that_folding_left_between_characters():
    """YAML joins folded lines with a space; Chinese puts none between characters or beside its punctuation."""
    import re

    from wxlint.words import unfold_chinese

    assert unfold_chinese("并在管理后台 通过申请；按 `wx.canIUse` 判断、 `getLocation`") == \
        "并在管理后台通过申请；按 `wx.canIUse` 判断、`getLocation`"
    stray = re.compile(r"[\u4e00-\u9fff] [\u4e00-\u9fff]|[，。；：、（）] | [，。；：、（）]")
    for rule in CATALOGUE.values():
        texts = [rule.title["zh"], rule.rationale["zh"], rule.fix["zh"], rule.since["zh"],
                 *(template["zh"] for template in rule.messages.values())]
        assert not [t for t in texts if stray.search(t)], rule.id


def test_explain_and_statistics_name_severities_in_the_language_asked():
    code, out, _ = run_cli("explain", "location-undeclared", "--lang", "zh")
    assert code == 0 and "默认级别：错误" in out
    code, out, _ = run_cli("check", "--no-cache", "--statistics", "--lang", "zh", str(SAMPLES / "legacy-shop"))
    assert "警告" in out and "warning" not in out
