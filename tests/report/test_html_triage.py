"""The HTML report answers a reviewer first: does it block the release, what to fix first, which files
are worst; the flagged column is marked; code in messages reads as code; it fits a phone."""

from __future__ import annotations

import re

from conftest import SAMPLES, expected_counts, run_cli, write_project
from test_html_report import BROWSER_FLAGS, CHROMIUM, _browser, html_report

LEGACY = SAMPLES / "legacy-shop"
LONG_LINE_PAGE = {
    "pages/index/index.js": "Page({ onLoad() { const padding = '" + "x" * 400 + "'; wx.getUserInfo({ success: () => {} }) } })\n",
    "pages/me/me.js": "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n",
}


def _order(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_errors_first_tables_by_rule_and_by_file():
    html = html_report(LEGACY)
    expected = expected_counts(LEGACY)
    severities = _order(html, r'<article class="finding[^"]*" id="[^"]+" data-rule="[^"]+" data-severity="(\w+)"')
    first_file = _order(html, r'<details class="file" open>\s*<summary>(.+?) <span')[0].replace("<wbr>", "")
    assert severities[0] == "error"
    assert sum(1 for s in severities if s == "error") == expected["error"]
    rows = _order(html, r'<tr data-filter-rule="([^"]+)" tabindex="0"><td>')
    assert rows[0] in {rule.split(":", 1)[1] for rule in expected if rule.startswith("rule:")}
    assert len(rows) == len({k for k in expected if k.startswith("rule:")})
    worst = _order(html, r'<tr data-filter-text="([^"]+):" tabindex="0"><td>')
    assert worst[0] == max((k.split(":", 1)[1] for k in expected if k.startswith("file:")),
                           key=lambda path: _errors_in(html, path))
    assert first_file in worst[:3]
    assert "Projects: legacy-shop" in html  # the folder's name, not "."


def _errors_in(html: str, path: str) -> int:
    row = re.search(rf'<tr data-filter-text="{re.escape(path)}:" tabindex="0"><td>.*?</td><td class="(?:error|zero)">(\d+)</td>', html)
    return int(row.group(1)) if row else 0


def test_the_flagged_column_is_marked_and_code_spans_render_escaped(tmp_path):
    root = write_project(tmp_path / "app", LONG_LINE_PAGE, {"pages": ["pages/index/index", "pages/me/me"]})
    html = html_report(root, "--select", "deprecated-getuserinfo")
    assert '<span class="ln">3</span>    <mark>wx.getUserInfo</mark>({ success:' in html
    assert "<code>wx.getUserInfo</code>" in html
    assert "<code>&lt;button open-type=&#34;chooseAvatar&#34;&gt;</code>" in html
    messages = _order(html, r'<p class="message">(.*?)</p>')
    assert messages and not any("`" in message for message in messages)


def test_in_a_browser_rows_and_bars_filter_search_takes_path_line_and_long_lines_scroll(tmp_path):
    sync_playwright = _browser()
    from playwright.sync_api import expect

    root = write_project(tmp_path / "app", LONG_LINE_PAGE, {"pages": ["pages/index/index", "pages/me/me"]})
    (root / "pages" / "me" / "me.js").write_text(
        "Page({\n  onLoad() {\n    // wxlint-disable-next-line deprecated-getuserinfo\n    wx.getUserInfo()\n"
        "    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n", encoding="utf-8")
    report = tmp_path / "report.html"
    report.write_text(html_report(root), encoding="utf-8")
    legacy = tmp_path / "legacy.html"
    legacy.write_text(html_report(LEGACY), encoding="utf-8")
    expected = expected_counts(LEGACY)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(legacy.as_uri())
        page.click('#by-rule tr[data-filter-rule="missing-opensetting"]')
        expect(page.locator("#shown-count")).to_have_text(str(expected["rule:missing-opensetting"]))
        page.evaluate("window.scrollTo(0, 0)")  # the chart is at the top, under the sticky filters once scrolled
        page.click('svg.chart g[data-filter-rule="login-popup-on-launch"]')
        expect(page.locator("#shown-count")).to_have_text(str(expected["rule:login-popup-on-launch"]))
        page.evaluate("window.scrollTo(0, 0)")
        worst = page.locator("#by-file tbody tr").first
        path = worst.get_attribute("data-filter-text").removesuffix(":")  # the file, not app.json beside app.js
        worst.click()
        expect(page.locator("#shown-count")).to_have_text(str(expected[f"file:{path}"]))
        page.select_option("#filter-rule", "")
        page.fill("#filter-text", "miniprogram/app.js:26")
        expect(page.locator("#shown-count")).to_have_text("1")

        page.goto(report.as_uri())
        expect(page.locator("#shown-count")).to_have_text("2")
        expect(page.locator("#shown-total")).to_have_text("2")
        page.check("#filter-suppressed")
        expect(page.locator("#shown-count")).to_have_text("3")
        expect(page.locator("#shown-total")).to_have_text("3")
        mark = page.locator("article.finding", has_text="index.js:1:").locator("pre.code mark")
        box, pre = mark.bounding_box(), mark.locator("xpath=ancestor::pre").bounding_box()
        assert pre["x"] <= box["x"] and box["x"] + box["width"] <= pre["x"] + pre["width"]  # scrolled into view

        for uri in (legacy.as_uri(), report.as_uri()):
            phone = browser.new_page(viewport={"width": 390, "height": 800})
            phone.goto(uri)
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            phone.close()
        browser.close()


def test_rules_with_only_suppressed_findings_show_no_empty_bars(tmp_path):
    root = write_project(tmp_path / "app", {"pages/index/index.js": (
        "Page({\n  onLoad() {\n    // wxlint-disable-next-line deprecated-getuserinfo\n    wx.getUserInfo()\n  }\n})\n")})
    code, html, _ = run_cli("check", "--format", "html", ".", cwd=root)
    assert code == 0
    assert 'data-filter-rule="deprecated-getuserinfo"' not in html
    assert '<details class="file" open hidden>' in html and "(0)" in html
    assert 'id="rule-deprecated-getuserinfo"' in html  # its documentation stays for the suppressed finding


def test_in_a_browser_findings_have_anchors_search_reads_traces_and_filters_take_the_keyboard(tmp_path):
    sync_playwright = _browser()
    from playwright.sync_api import expect

    report = tmp_path / "legacy.html"
    report.write_text(html_report(LEGACY), encoding="utf-8")
    expected = expected_counts(LEGACY)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(report.as_uri())
        anchor = page.locator("article.finding a.anchor").first.get_attribute("href")
        assert re.fullmatch(r"#finding-[0-9a-f]{16}", anchor) and page.locator(anchor).count() == 1
        # a trace step's words: "onLaunch" appears in the traces of launch findings, never in their messages' paths
        every = page.inner_text("#shown-count")
        page.fill("#filter-text", "onlaunch")
        # the filter applies as the input event is handled: wait for the count to leave the unfiltered one (reading it
        # at once raced the handler on a loaded machine), and for it not to be empty
        expect(page.locator("#shown-count")).not_to_have_text(re.compile(rf"^(0|{every})$"))
        shown = int(page.inner_text("#shown-count"))
        messages = page.locator("article.finding:not([hidden]) .message").all_inner_texts()
        assert shown == len(messages) and not all("onLaunch" in m for m in messages)
        page.fill("#filter-text", "")
        page.focus('#by-rule tr[data-filter-rule="missing-opensetting"]')
        page.keyboard.press("Enter")
        expect(page.locator("#shown-count")).to_have_text(str(expected["rule:missing-opensetting"]))
        browser.close()


def test_at_phone_width_the_chart_gives_way_to_the_table_and_headers_stay_whole(tmp_path):
    sync_playwright = _browser()
    report = tmp_path / "legacy-zh.html"
    report.write_text(html_report(LEGACY, "--lang", "zh"), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(report.as_uri())
        assert not page.locator("svg.chart").is_visible()
        heights = page.locator("#by-rule thead th").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().height)")
        rows = page.locator("#by-rule tbody td").first.evaluate("c => c.getBoundingClientRect().height")
        assert max(heights) < 2 * rows  # 错误 on one line, not 错 over 误
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        browser.close()
