"""A rule run on a few files in this process, as ESLint's `RuleTester` runs one: for a rule's examples in its
YAML and for the tests of a new rule, without the command line or a report in between.

    from wxlint.rule_tester import rule_findings
    found = rule_findings("deprecated-getuserinfo", {"pages/a/a.js": "wx.getUserInfo()"}, tmp_path)
    assert [(f.line, f.column) for f in found] == [(1, 1)]
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from wxlint.catalogue import Example, load_catalogue
from wxlint.findings import Finding
from wxlint.runner import RunOptions, run


def write_project(root: Path, files: dict[str, str | bytes], app_json: dict | None = None) -> Path:
    """Write `files` under `root`; add an app.json listing the pages when none is given."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    if "app.json" not in files:
        pages = sorted({p.rsplit(".", 1)[0] for p in files if p.startswith("pages/") and p.endswith((".js", ".ts", ".wxml"))})
        # as DevTools writes a new app.json (lazy injection on), so that the upload gate has nothing to say of it
        app_json = app_json or {"pages": pages or ["pages/index/index"], "lazyCodeLoading": "requiredComponents"}
        (root / "app.json").write_text(json.dumps(app_json), encoding="utf-8")
    return root


def rule_findings(rule_id: str, files: dict[str, str | bytes], folder: Path, config: dict | None = None,
                  app_json: dict | None = None) -> list[Finding]:
    """The findings of one rule on a project made of `files`, written under `folder` (with `config` as its
    `.wxlint.yml`). Every rule runs, as in a real run (`unused-disable` judges a directive by the rules that run);
    a run that was not complete raises AssertionError with what failed."""
    root = write_project(folder, files, app_json)
    if config:
        (root / ".wxlint.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = run(RunOptions(paths=[root], cwd=root, use_cache=False))
    if result.failures:
        raise AssertionError("; ".join(failure.describe(str(failure.path)) for failure in result.failures))
    return [finding for finding in result.findings if finding.rule == rule_id]


def example_mismatch(rule_id: str, example: Example, folder: Path) -> str | None:
    """None when the example gives exactly the findings it expects (a good example: none), else what differs."""
    found = rule_findings(rule_id, example.written_files(), folder, example.config)
    only_file = next(iter(example.files)) if len(example.files) == 1 else None
    got = sorted((f.message_id, f.path.relative_to(folder.resolve()).as_posix(), f.line, f.column) for f in found)
    expected = sorted((e.message, e.path or only_file, e.line, e.column) for e in example.expect)
    if got == expected:
        return None
    return f"{rule_id} example {example.title.get('en')!r}: expected {expected}, found {got}"


def catalogue_examples() -> list[tuple[str, str, int, Example]]:
    """(rule id, "bad" or "good", index, example) for every example of the catalogue."""
    return [(rule.id, kind, index, example) for rule in load_catalogue().values()
            for kind, examples in (("bad", rule.bad_examples), ("good", rule.good_examples))
            for index, example in enumerate(examples)]
