"""Shared helpers: write a small mini-program to a temporary folder and lint it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from wxlint.cli import main
from wxlint.rule_tester import write_project  # noqa: F401 - the tests import it from here

# project.config.json `setting` that the upload gate accepts (minify-disabled): for tests about something else
UPLOAD_SETTING = {"minified": True, "minifyWXML": True, "minifyWXSS": True}
REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_projects"
DATA = Path(__file__).resolve().parent / "data"


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Run the `wxlint` command in-process; (exit code, stdout, stderr)."""
    previous = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


def lint_json(root: Path, *args: str) -> tuple[int, dict]:
    """Lint `root` from inside it, so finding paths are relative to it."""
    code, out, err = run_cli("check", "--format", "json", *args, ".", cwd=root)
    assert code in (0, 1), f"exit {code}: {err}"
    return code, json.loads(out)


def expected_counts(root: Path) -> dict:
    """What a report of `root` must show, counted from wxlint's own JSON run, so that report tests
    check the formats and not today's rule catalogue: totals, by severity, by rule and by file."""
    _, report = lint_json(root)
    findings = report["findings"]
    counts = {"total": len(findings)}
    for finding in findings:
        for key in (finding["severity"], f"rule:{finding['rule']}", f"file:{finding['path']}"):
            counts[key] = counts.get(key, 0) + 1
    return counts


def findings_of(report: dict, rule: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if rule is None or f["rule"] == rule]


def positions(report: dict, rule: str | None = None) -> list[tuple[str, int, int]]:
    """(path, line, column) of each finding of a rule."""
    return [(f["path"], f["line"], f["column"]) for f in findings_of(report, rule)]


@pytest.fixture
def project(tmp_path):
    """`project(files)` writes a project and returns its folder."""
    counter = {"n": 0}

    def make(files: dict[str, str | bytes], app_json: dict | None = None) -> Path:
        counter["n"] += 1
        return write_project(tmp_path / f"p{counter['n']}", files, app_json)

    return make


@pytest.fixture(autouse=True, scope="session")
def _cache_signing_key_outside_the_home(tmp_path_factory):
    """Cache entries are signed with a key from the user's cache folder: keep the tests' own."""
    from wxlint.cache_files import signing_key

    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    signing_key.cache_clear()
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous
    signing_key.cache_clear()
