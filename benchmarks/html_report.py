"""Measure the HTML report with 5,000 findings in headless Chromium: size, load and filter times.

    python benchmarks/html_report.py [--findings 5000] [--chromium /usr/bin/chromium]

Needs Playwright (pip) and Debian's chromium (apt); prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("skipped: Playwright is not installed (pip install playwright)")
        return 0
    if not Path(args.chromium).exists():
        print(f"skipped: no Chromium at {args.chromium} (apt-get install chromium)")
        return 0
    work = Path(tempfile.mkdtemp(prefix="wxlint-html-"))
    per_file = 100
    calls = "\n".join("  wx.getUserInfo({})" if i % 2 else "  wx.authorize({ scope: 'scope.userInfo' })" for i in range(per_file))
    for n in range(args.findings // per_file):
        page = work / "project" / "pages" / f"p{n}" / f"p{n}.js"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"function load() {{\n{calls}\n}}\n", encoding="utf-8")
    (work / "project" / "app.json").write_text('{"pages": []}', encoding="utf-8")
    report = work / "report.html"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "wxlint", "check", "--no-cache", "--exit-zero", "--output-html", str(report),
                    "--select", "deprecated-getuserinfo", "project"], cwd=work, check=True)
    written = time.perf_counter() - started
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=FLAGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(report.as_uri(), wait_until="load")
        loaded = time.perf_counter() - started
        shown = page.inner_text("#shown-count")
        timings = []
        for query in ("wx.authorize", "getuserinfo", "p7/", ""):
            started = time.perf_counter()
            page.fill("#filter-text", query)
            page.wait_for_timeout(0)
            page.locator("#shown-count").inner_text()
            page.evaluate("() => new Promise(requestAnimationFrame)")
            timings.append((query or "(cleared)", time.perf_counter() - started, page.inner_text("#shown-count")))
        browser.close()
    print(f"{shown} findings, report {report.stat().st_size / 1e6:.1f} MB, written in {written:.2f} s")
    print(f"page load in Chromium: {loaded * 1000:.0f} ms")
    for query, seconds, count in timings:
        print(f"filter {query!r}: {seconds * 1000:.0f} ms ({count} shown)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
