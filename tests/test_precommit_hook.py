"""The pre-commit hook for real: `pre-commit run` with the README's configuration on a repository holding a sample app."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, SAMPLES

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        if os.environ.get("WXLINT_REQUIRE_PRE_COMMIT"):
            pytest.fail("WXLINT_REQUIRE_PRE_COMMIT is set but pre-commit is not installed")
        pytest.skip("needs pre-commit (pip install '.[test]')")
    # One hook environment for the module: installing it is the slow part.
    return tmp_path_factory.mktemp("pre-commit-home")


def _readme_configuration() -> tuple[str, str, str]:
    """The README's .pre-commit-config.yaml, with the repository URL and the tag it names."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    config = readme.split("# .pre-commit-config.yaml\n", 1)[1].split("```", 1)[0]
    [url] = [line.split("repo:", 1)[1].split("#")[0].strip() for line in config.splitlines() if "repo:" in line]
    [tag] = [line.split("rev:", 1)[1].split("#")[0].strip() for line in config.splitlines() if "rev:" in line]
    return config, url, tag


@pytest.fixture(scope="module")
def hosted_wxlint(tmp_path_factory) -> str:
    """This working tree, uncommitted changes included, committed and tagged as the README says in a
    repository of its own (its URL is returned): every run of the module installs the hook from the same
    repository and rev, so pre-commit builds the environment once (`try-repo` would build it in a store of
    its own at every run)."""
    hosted = tmp_path_factory.mktemp("hosted") / "wxlint"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for relative in filter(None, listed):
        if (REPO / relative).is_file():
            (hosted / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / relative, hosted / relative)
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    for command in (["git", "init", "-q"], ["git", "add", "-A"], [*git, "commit", "-qm", "wxlint"],
                    ["git", "tag", _readme_configuration()[2]]):
        subprocess.run(command, cwd=hosted, check=True)
    return hosted.as_uri()


def _git_repo_with(sample: str, tmp_path):
    repo = tmp_path / sample
    shutil.copytree(SAMPLES / sample, repo)
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "app"]):
        subprocess.run(command, cwd=repo, check=True)
    return repo


def _run_hook(repo, home, hosted: str, *options: str):
    """`pre-commit run` in `repo` with the README's configuration pointed at `hosted` (kept outside the
    repository, so that a run on the staged files has no unstaged configuration to refuse)."""
    config, url, _ = _readme_configuration()
    config_file = repo.parent / f"{repo.name}-pre-commit-config.yaml"
    config_file.write_text(config.replace(url, hosted), encoding="utf-8")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([*PRE_COMMIT, "run", "--config", str(config_file), *options], cwd=repo,
                          capture_output=True, text=True, env=environment, timeout=600)


def test_hook_fails_on_the_legacy_app(pre_commit_home, hosted_wxlint, tmp_path):
    result = _run_hook(_git_repo_with("legacy-shop", tmp_path), pre_commit_home, hosted_wxlint, "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "wxlint" in result.stdout and "Failed" in result.stdout
    assert "miniprogram/app.js:26:11: error login-popup-on-launch" in result.stdout


def test_hook_passes_on_the_modern_app(pre_commit_home, hosted_wxlint, tmp_path):
    result = _run_hook(_git_repo_with("modern-notes", tmp_path), pre_commit_home, hosted_wxlint, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


SUBSCRIBE_PAGE = {
    "app.json": '{"pages": ["pages/order/order"]}\n',
    "pages/order/order.wxml": '<button bindtap="onSubscribe">订阅发货通知</button>\n',
    "pages/order/order.js": ("Page({\n  onSubscribe() {\n"
                             "    wx.requestSubscribeMessage({ tmplIds: ['TEMPLATE_ID'], complete: () => this.submit() })\n"
                             "  },\n  submit() {}\n})\n"),
}


def test_a_staged_wxml_reports_the_js_finding_its_change_causes(pre_commit_home, hosted_wxlint, tmp_path):
    repo = tmp_path / "shop"
    for relative, content in SUBSCRIBE_PAGE.items():
        (repo / relative).parent.mkdir(parents=True, exist_ok=True)
        (repo / relative).write_text(content, encoding="utf-8")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]
    for command in (["git", "init", "-q"], ["git", "add", "-A"], [*git, "commit", "-qm", "order page"]):
        subprocess.run(command, cwd=repo, check=True)
    wxml = repo / "pages/order/order.wxml"
    wxml.write_text(wxml.read_text(encoding="utf-8").replace("bindtap", "bindlongpress"), encoding="utf-8")
    subprocess.run(["git", "add", "pages/order/order.wxml"], cwd=repo, check=True)
    result = _run_hook(repo, pre_commit_home, hosted_wxlint)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pages/order/order.js:3:5: error tap-only-api-outside-tap" in result.stdout
    assert "1. pages/order/order.wxml:1:9 `bindlongpress=\"onSubscribe\"`" in result.stdout


def test_the_readme_configuration_works_with_a_tag(pre_commit_home, hosted_wxlint, tmp_path):
    """The README's .pre-commit-config.yaml, pointed at a repository of this code tagged as it says."""
    config, url, _ = _readme_configuration()
    repo = _git_repo_with("legacy-shop", tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(config.replace(url, hosted_wxlint), encoding="utf-8")
    environment = {**os.environ, "PRE_COMMIT_HOME": str(pre_commit_home), "NO_COLOR": "1"}
    result = subprocess.run([*PRE_COMMIT, "run", "--all-files"], cwd=repo, capture_output=True, text=True,
                            env=environment, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "miniprogram/app.js:26:11: error login-popup-on-launch" in result.stdout


def test_a_commit_that_only_changes_app_json_is_checked_as_a_whole_project(pre_commit_home, hosted_wxlint, tmp_path):
    """Dropping a declaration from app.json moves no line of script, yet the call it declared now fails."""
    repo = _git_repo_with("modern-notes", tmp_path)
    app_json = repo / "miniprogram" / "app.json"
    app_json.write_text(app_json.read_text(encoding="utf-8").replace('  "requiredPrivateInfos": ["getLocation"],\n', ""),
                        encoding="utf-8")
    subprocess.run(["git", "add", "miniprogram/app.json"], cwd=repo, check=True)
    result = _run_hook(repo, pre_commit_home, hosted_wxlint)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "miniprogram/pages/nearby/nearby.ts:6:5: error location-undeclared" in result.stdout
