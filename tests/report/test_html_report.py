"""The HTML report: self-contained, escaped, bilingual, and working in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, expected_counts, run_cli, write_project

LEGACY = SAMPLES / "legacy-shop"
EXPECTED = expected_counts(LEGACY)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
HOSTILE = '</script><script>alert(1)</script>'
HOSTILE_ATTRIBUTE = '"><img src=x onerror=alert(2)>'


def html_report(root: Path, *args: str) -> str:
    code, out, err = run_cli("check", "--format", "html", *args, ".", cwd=root)
    assert code in (0, 1), err
    return out


@pytest.fixture
def hostile_project(tmp_path):
    return write_project(tmp_path / "hostile", {
        "pages/index/index.js": f"Page({{ tap() {{ wx.getUserInfo({{ lang: '{HOSTILE}' }}) }} }})\n",
        "pages/index/index.wxml": '<button bindtap="tap">资料</button>\n',
        f"pages/{HOSTILE_ATTRIBUTE.replace('/', '')}/x.js": f"// {HOSTILE_ATTRIBUTE}\nwx.getUserInfo()\n",
    })


def test_source_paths_and_messages_are_escaped(hostile_project):
    html = html_report(hostile_project)
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html or "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert html.count("<script>") == 1  # only the report's own filter script


def test_self_contained_no_external_resources():
    html = html_report(LEGACY)
    for marker in ('src="http', "src='http", '<link ', "@import", "url(http"):
        assert marker not in html
    assert "Content-Security-Policy" in html


def test_header_counts_chart_verdict_and_rule_docs():
    html = html_report(LEGACY)
    assert f'<b data-count="error">{EXPECTED["error"]}</b>' in html and f'<b data-count="warning">{EXPECTED["warning"]}</b>' in html
    assert '<span class="verdict fail" id="verdict">FAIL</span>' in html
    assert html.count('<rect class="bar') == len([key for key in EXPECTED if key.startswith("rule:")]) > 2
    assert 'id="rule-login-popup-on-launch"' in html and 'href="#rule-login-popup-on-launch"' in html
    assert "https://developers.weixin.qq.com/community/develop/doc/000640bb8441b82900e89f48351401" in html
    assert html.count('<article class="finding"') == EXPECTED["total"]


def test_chinese_report(hostile_project):
    html = html_report(LEGACY, "--lang", "zh")
    assert '<html lang="zh-CN">' in html and "wxlint 检查报告" in html and "触发路径" in html
    assert "自 2021-04-28 起" in html and "修复方法" in html


def _browser():
    """Playwright's entry point; the page's CSP forbids eval, so waits use locator assertions."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or CHROMIUM is None:
        if os.environ.get("WXLINT_REQUIRE_BROWSER"):
            pytest.fail("WXLINT_REQUIRE_BROWSER is set but Playwright or Chromium is missing")
        pytest.skip("needs Playwright and Debian's chromium (apt-get install chromium)")
    return sync_playwright


def test_report_in_a_real_browser(tmp_path):
    sync_playwright = _browser()
    from playwright.sync_api import expect

    report = tmp_path / "report.html"
    report.write_text(html_report(LEGACY), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        requests, dialogs = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(report.as_uri())
        assert page.inner_text('[data-count="error"]') == str(EXPECTED["error"])
        assert page.inner_text("#shown-count") == str(EXPECTED["total"])
        assert page.is_visible("#filters")
        page.select_option("#filter-rule", "login-popup-on-launch")
        launch = EXPECTED["rule:login-popup-on-launch"]
        expect(page.locator("#shown-count")).to_have_text(str(launch))
        assert page.locator("article.finding:visible").count() == launch > 1
        page.select_option("#filter-rule", "")
        page.select_option("#filter-severity", "warning")
        page.fill("#filter-text", "getlocation")
        expect(page.locator("#shown-count")).to_have_text("2")
        assert page.locator("details.file:visible").count() == 2
        page.click('a[href="#rule-missing-opensetting"] >> nth=0')
        assert page.is_visible("#rule-missing-opensetting")
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    assert dialogs == []


def test_hostile_source_runs_no_script_in_the_browser(tmp_path, hostile_project):
    sync_playwright = _browser()
    report = tmp_path / "hostile.html"
    report.write_text(html_report(hostile_project), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(report.as_uri())
        page.wait_for_timeout(200)
        assert dialogs == []
        assert page.locator("img").count() == 0
        assert HOSTILE in page.inner_text("main")
        browser.close()


def test_large_report_opens_and_filters(tmp_path):
    """5,000 findings: the page loads and a filter pass updates every row (timings: benchmarks/html_report.py)."""
    sync_playwright = _browser()
    from playwright.sync_api import expect

    calls = "\n".join("  wx.getUserInfo({})" if i % 2 else "  wx.authorize({ scope: 'scope.userInfo' })" for i in range(100))
    files = {f"pages/p{n}/p{n}.js": f"{calls}\n" for n in range(50)}
    root = write_project(tmp_path / "large", files)
    report = tmp_path / "large.html"
    report.write_text(html_report(root), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page()
        page.goto(report.as_uri())
        assert page.inner_text("#shown-count") == "5000"
        page.fill("#filter-text", "wx.authorize")
        expect(page.locator("#shown-count")).to_have_text("2500")
        browser.close()


def test_the_header_says_what_the_run_covered(tmp_path):
    """A FAIL over one rule of many, a configuration, a baseline that hid findings: the reader is told."""
    root = tmp_path / "notes"
    shutil.copytree(SAMPLES / "modern-notes", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    (root / "miniprogram" / "pages" / "index" / "old.js").write_text("wx.getUserInfo()\nwx.getUserInfo({})\n", encoding="utf-8")
    page = root / "miniprogram" / "pages" / "index" / "index.ts"
    page.write_text("import './old.js'\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    run_cli("baseline", ".", cwd=root)
    code, out, _ = run_cli("check", "--no-cache", "--format", "html", "--select", "deprecated-getuserinfo,location-undeclared",
                           "--min-lib-version", "2.21.2", ".", cwd=root)
    header = re.search(r'<p class="meta" id="coverage">(.*?)</p>', out).group(1)
    facts = re.findall(r"<span>(.*?)</span>", header)
    from wxlint.catalogue import load_catalogue
    assert facts == [f"Rules: 2 of {len(load_catalogue())} ran", "Configuration: .wxlint.yml",
                     "Baseline: .wxlint-baseline.json, 2 findings hidden",
                     "Minimum base library: 2.21.2 (from --min-lib-version)"]
