"""Benchmark wxlint against ESLint and Semgrep on one generated mini-program, side by side.

    python benchmarks/run.py --pages 1000 --runs 3

Times, as medians of --runs runs on the same tree: wxlint cold (no cache), wxlint warm (cache
filled), wxlint on one changed file (the pre-commit case: the file is given, the project is
context), ESLint with `no-restricted-properties` for wx.getUserInfo / wx.getUserProfile, and
Semgrep with one pattern rule; then the ratios and wxlint's peak memory. A peer that is not
installed is skipped, and the output says so. Peers are looked up on PATH, or in a folder given
with --peers (`npm install eslint` and `pip install semgrep` there).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_project import generate  # noqa: E402

ESLINT_CONFIG = """export default [{
  files: ["**/*.js"],
  languageOptions: { ecmaVersion: "latest", sourceType: "module",
    globals: { wx: "readonly", getApp: "readonly", Page: "readonly", App: "readonly", Component: "readonly",
               Behavior: "readonly", require: "readonly", module: "writable", console: "readonly" } },
  rules: { "no-restricted-properties": ["error",
    { object: "wx", property: "getUserInfo", message: "anonymous data since 2021-04-28" },
    { object: "wx", property: "getUserProfile", message: "needs a tap" }] },
}];
"""
SEMGREP_RULE = """rules:
  - id: wx-getuserinfo
    languages: [javascript]
    severity: WARNING
    message: wx.getUserInfo returns anonymous data since 2021-04-28
    pattern: wx.getUserInfo(...)
"""


def timed(command: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_of(runs: int, command: list[str], cwd: Path, before=None) -> float:
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(timed(command, cwd))
    return statistics.median(samples)


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Peak resident memory of one run of `command`, in MB (Linux reports KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def find_peer(name: str, peers: Path | None) -> str | None:
    if peers is not None:
        for candidate in (peers / "node_modules" / ".bin" / name, peers / "bin" / name):
            if candidate.exists():
                return str(candidate)
    beside_python = Path(sys.executable).parent / name  # a virtual environment not on PATH
    return str(beside_python) if beside_python.exists() else shutil.which(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", type=Path, help="folder with node_modules/.bin/eslint or bin/semgrep")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="wxlint-bench-"))
    project = work / "project"
    if project.exists():
        shutil.rmtree(project)
    stats = generate(project, args.pages)
    wxlint = [sys.executable, "-m", "wxlint", "check", "--quiet", "--exit-zero"]
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"project: {stats['pages']} pages, {stats['files']} files, {stats['js_bytes'] / 1e6:.1f} MB of JS; "
          f"medians of {args.runs} runs\n")

    results: dict[str, float | None] = {}
    cache = project / ".wxlint_cache"
    results["wxlint cold"] = median_of(args.runs, wxlint + ["--no-cache", "."], project)
    shutil.rmtree(cache, ignore_errors=True)
    timed(wxlint + ["."], project)  # fill the cache
    results["wxlint warm"] = median_of(args.runs, wxlint + ["."], project)
    changed = project / "pages" / "p0" / "p0.js"
    counter = iter(range(10_000))
    results["wxlint, one changed file"] = median_of(
        args.runs, wxlint + [str(changed.relative_to(project))], project,
        before=lambda: changed.write_text(changed.read_text(encoding="utf-8") + f"// edit {next(counter)}\n", encoding="utf-8"))
    memory = peak_memory_mb(wxlint + ["--no-cache", "."], project)

    eslint = find_peer("eslint", args.peers)
    if eslint:
        (work / "eslint.config.mjs").write_text(ESLINT_CONFIG, encoding="utf-8")
        results["ESLint"] = median_of(args.runs, [eslint, "--config", str(work / "eslint.config.mjs"), "--no-warn-ignored",
                                                  "project"], work)
    else:
        results["ESLint"] = None
    semgrep = find_peer("semgrep", args.peers)
    if semgrep:
        (work / "semgrep.yml").write_text(SEMGREP_RULE, encoding="utf-8")
        results["Semgrep"] = median_of(args.runs, [semgrep, "scan", "--config", str(work / "semgrep.yml"), "--metrics=off",
                                                   "--disable-version-check", "--quiet", "project"], work)
    else:
        results["Semgrep"] = None

    width = max(map(len, results))
    for name, seconds in results.items():
        shown = f"{seconds:8.2f} s" if seconds is not None else "  skipped (not installed: see --peers)"
        print(f"{name:<{width}}  {shown}")
    print(f"{'wxlint peak memory (cold)':<{width}}  {memory:8.0f} MB")
    cold, warm = results["wxlint cold"], results["wxlint warm"]
    for peer in ("ESLint", "Semgrep"):
        if results[peer]:
            print(f"wxlint cold / {peer}: {cold / results[peer]:.2f}   wxlint warm / {peer}: {warm / results[peer]:.3f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
