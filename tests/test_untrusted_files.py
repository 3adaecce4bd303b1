"""What a repository holds cannot make wxlint read a file outside it, write outside it, block, or run code:
links out of the project for every kind of file, the cache folder and the cache key, FIFOs and devices,
configuration globs that would backtrack for ever."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys

import pytest

from conftest import SAMPLES, run_cli, write_project

PAGE_JS = "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"
SECRET = "//registry.npmjs.org/:_authToken=npm_SECRET_TOKEN_1234\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform.startswith("win"), reason="POSIX links")


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "home" / ".npmrc"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def _everything(root, *args):
    """The outputs of one run in every format, joined: what a CI artefact could show."""
    outputs = []
    for name in ("text", "json", "sarif", "html", "github", "junit", "gitlab"):
        code, out, err = run_cli("check", "--no-cache", "--verbose", "--format", name, *args, ".", cwd=root)
        assert "Traceback" not in err
        outputs.append(out + err)
    return "\n".join(outputs)


@pytest.mark.parametrize("linked", ["app.json", "project.config.json", "pages/index/index.json"])
def test_a_project_json_linked_out_of_the_project_is_not_read_nor_shown(tmp_path, secret, linked):
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS, "pages/index/index.wxml": "<view/>\n",
                                             "project.config.json": "{}"})
    if linked == "app.json":
        (root / "app.json").unlink()
        (root / "pages" / "index" / "index.json").write_text("{}", encoding="utf-8")
    (root / linked).unlink(missing_ok=True)
    (root / linked).symlink_to(secret)
    everything = _everything(root)
    assert "npm_SECRET_TOKEN" not in everything and "_authToken" not in everything
    code, out, _ = run_cli("check", "--no-cache", "--verbose", "--format", "json", ".", cwd=root)
    report = json.loads(out)
    problems = [(f["path"], f["message"]) for f in report["findings"] if f["rule"] == "parse-error"]
    if linked.startswith("pages/"):  # a page's file is the page's: listed as skipped, like a linked script
        assert problems == [] and {"path": linked, "reason": "a link to a file outside the project"} in report["skipped"]
    else:  # the project's own files: a located problem
        assert problems == [(linked, "cannot lint this file: cannot read file: a link to a file outside the project: not read")]


def test_a_component_folder_linked_out_of_the_project_is_listed_as_skipped(tmp_path, secret):
    library = tmp_path / "elsewhere" / "card"
    library.mkdir(parents=True)
    (library / "index.json").symlink_to(secret)
    (library / "index.js").write_text("Component({ methods: { go() { wx.getUserInfo() } } })\n", encoding="utf-8")
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS,
                                             "pages/index/index.json": '{"usingComponents": {"card": "/components/card/index"}}'})
    (root / "components").mkdir()
    (root / "components" / "card").symlink_to(library)
    everything = _everything(root)
    assert "npm_SECRET_TOKEN" not in everything
    code, out, _ = run_cli("check", "--no-cache", "--verbose", "--format", "json", ".", cwd=root)
    report = json.loads(out)
    assert {s["path"]: s["reason"] for s in report["skipped"]} == {
        "components/card/index.js": "a link to a file outside the project",
        "components/card/index.json": "a link to a file outside the project"}
    assert [f["path"] for f in report["findings"]] == ["pages/index/index.js"]


def test_a_configuration_linked_out_of_its_folder_is_refused(tmp_path, secret):
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS})
    (root / ".wxlint.yml").symlink_to(secret)
    code, out, err = run_cli("check", "--no-cache", ".", cwd=root)
    assert code == 2 and "a link to a file outside its folder: not read" in err and "SECRET" not in err


def test_a_fifo_or_a_device_where_a_file_is_expected_neither_blocks_nor_is_read(tmp_path):
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS})
    os.mkfifo(root / "pages" / "index" / "index.json")
    (root / "vant").mkdir()
    os.mkfifo(root / "base.wxml")  # Taro's generated file is recognised by a marker read from its head
    (root / "project.config.json").symlink_to("/dev/zero")
    result = subprocess.run([sys.executable, "-m", "wxlint", "check", "--no-cache", "--format", "json", "."], cwd=root,
                            capture_output=True, timeout=120)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert ("pages/index/index.js", "deprecated-getuserinfo") in [(f["path"], f["rule"]) for f in report["findings"]]


def test_an_exclude_glob_that_would_backtrack_for_ever_is_matched_at_once(tmp_path):
    # `*a*a*…*b` translated to a backtracking regular expression never finished on a 40-character name.
    root = write_project(tmp_path / "shop", {"pages/index/index.js": PAGE_JS, "utils/" + "a" * 40 + ".js": "wx.getUserInfo()\n",
                                             ".wxlint.yml": 'exclude: ["*a*a*a*a*a*a*a*a*a*a*a*a*b", "utils/a*.js"]\n'})
    result = subprocess.run([sys.executable, "-m", "wxlint", "check", "--no-cache", "--format", "json", "."], cwd=root,
                            capture_output=True, timeout=30)  # a second or two; the backtracking took 100 s
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["pages/index/index.js"]


@pytest.mark.parametrize("pattern, path, matches", [
    ("libs/**", "libs/a/b.js", True), ("libs/**", "src/libs/a.js", False), ("*.min.js", "a/b/c.min.js", True),
    ("vendor/", "x/vendor/", True), ("vendor/", "x/vendor/a.js", True), ("a/**/b.js", "a/b.js", True),
    ("a/**/b.js", "a/x/y/b.js", True), ("a?c.js", "abc.js", True), ("a?c.js", "a/c.js", False), ("/top.js", "x/top.js", False),
    ("*a*a*a*a*a*a*a*a*a*a*a*a*b", "a" * 10_000, False), ("*a*a*a*a*a*a*a*a*a*a*a*a*b", "a" * 40 + "b", True),
])
def test_globs(pattern, path, matches):
    from wxlint.globs import Glob

    assert Glob(pattern).match(path) is matches


@pytest.fixture
def shop(tmp_path):
    root = tmp_path / "shop"
    shutil.copytree(SAMPLES / "legacy-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    return root


def _json(root, *args):
    code, out, err = run_cli("check", "--format", "json", *args, ".", cwd=root)
    assert code in (0, 1), err
    return json.loads(out)


def test_a_linked_cache_folder_is_not_used(shop, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (shop / ".wxlint_cache").symlink_to(elsewhere)
    report = _json(shop, "--verbose")
    assert list(elsewhere.iterdir()) == []
    assert any(n["note"].startswith("no cache used: the cache folder") for n in report["notes"])


def test_links_inside_the_cache_folder_are_never_followed(shop, tmp_path):
    cold = _json(shop)
    cache = shop / ".wxlint_cache"
    target = tmp_path / "victim"
    target.mkdir()
    victim_file = tmp_path / "victim.txt"
    victim_file.write_text("precious\n", encoding="utf-8")
    # every folder of trees, the results folder and the facts: links to elsewhere
    for folder in [*(cache / "parse").iterdir(), cache / "results"]:
        shutil.rmtree(folder)
        folder.symlink_to(target)
    (cache / "facts.json").unlink()
    (cache / "facts.json").symlink_to("/dev/zero")
    for pid in range(os.getpid() - 5, os.getpid() + 50):  # the temporary names of old versions were predictable
        (cache / f"facts.json.{pid}.tmp").symlink_to(victim_file)
    assert _json(shop) == cold
    assert list(target.iterdir()) == []
    assert victim_file.read_text(encoding="utf-8") == "precious\n"


class _RunsCode:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickle_signed_with_a_planted_key_runs_no_code(shop, tmp_path, monkeypatch):
    # With XDG_CACHE_HOME inside the checkout (a GitLab CI cache pattern), the repository could plant the key.
    from wxlint import cache_files
    from wxlint.parse.batch import ParseCache

    monkeypatch.setenv("XDG_CACHE_HOME", str(shop / ".cache"))
    monkeypatch.delenv(cache_files.KEY_VARIABLE, raising=False)
    cache_files.signing_key.cache_clear()
    try:
        assert cache_files.key_refusal([shop]) is not None
        report = _json(shop, "--verbose")
        assert any("lies inside a repository" in n["note"] for n in report["notes"])
        assert not (shop / ".wxlint_cache").exists()  # nothing written, nothing read
        # the key in another checkout than the linted one: that repository could have planted it as well
        other = tmp_path / "other-checkout"
        (other / ".git").mkdir(parents=True)
        monkeypatch.setenv("XDG_CACHE_HOME", str(other / ".cache"))
        assert cache_files.key_refusal([shop]) is not None
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
        assert cache_files.key_refusal([shop]) is None
    finally:
        cache_files.signing_key.cache_clear()
    # and even an entry signed with the right key loads no code: trees are loaded with their classes only
    monkeypatch.setenv(cache_files.KEY_VARIABLE, "k" * 40)
    marker = tmp_path / "pwned"
    folder = cache_files.CacheFolder(tmp_path / "cache", b"k" * 40)
    cache = ParseCache(folder)
    cache.put_payload("ab" * 32, pickle.dumps(_RunsCode(marker)))
    assert cache.get("ab" * 32, shop / "x.js") is None
    assert not marker.exists()
