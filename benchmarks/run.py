"""Benchmark wxlint against ESLint and Semgrep on one generated mini-program, side by side.

    python benchmarks/run.py --pages 1000 --runs 3 [FOLDER OF REAL MINI-PROGRAMS ...]

Times, as medians of --runs runs on the same tree: wxlint cold (no cache), wxlint warm (cache
filled), wxlint on one changed file (the pre-commit case: the file is given, the project is
context), ESLint with `no-restricted-properties` for wx.getUserInfo / wx.getUserProfile, and
Semgrep with one pattern rule; then the ratios and wxlint's peak memory (of its largest process, and of all its
processes together). A peer that is not installed is skipped, and the output says so. Peers are looked up on
PATH, or in a folder given with --peers (`npm install eslint` and `pip install semgrep` there).

    python benchmarks/run.py --pages 0 --memory 1000,3000,5000

measures how memory grows with the project: a cold run's peak memory, all processes together, for generated
projects of each size.
"""

from __future__ import annotations

import argparse
import os
import platform
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
    """Seconds one run of `command` takes; a run that fails (exit code above 1: a crash, a bad option)
    stops the benchmark, since the time of a tool that stopped early says nothing."""
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        error = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise SystemExit(f"{' '.join(command)} in {cwd} failed with exit code {completed.returncode}:\n" + "\n".join(error))
    return elapsed


def median_of(runs: int, command: list[str], cwd: Path, before=None) -> float:
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(timed(command, cwd))
    return statistics.median(samples)


def peak_memory_mb(command: list[str], cwd: Path) -> float:
    """Peak resident memory of one run of `command`, in MB: measured in a fresh child, because a process's
    RUSAGE_CHILDREN keeps the largest of all the children it ever waited for (Linux reports KiB)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
             "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    output = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True).stdout
    return int(output.strip() or 0) / 1024


def peak_total_memory_mb(command: list[str], cwd: Path) -> float | None:
    """Peak memory of one run of `command` and every process it starts, together, in MB: the sum of their
    proportional set sizes (PSS: a page shared by a forked child and its parent counts half to each), sampled
    every 20 ms from /proc. None where /proc has no smaps_rollup (outside Linux)."""
    if not Path("/proc/self/smaps_rollup").exists():
        return None
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss_kib(pid) for pid in _process_tree(process.pid)))
        time.sleep(0.02)
    return peak / 1024


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_growth(sizes: list[int], work: Path) -> None:
    """Peak memory of a cold run with the defaults, all processes together, for generated projects of each size."""
    print("memory, cold run with the defaults (--no-cache), all processes together (PSS):")
    wxlint = [sys.executable, "-m", "wxlint", "check", "--quiet", "--exit-zero", "--no-cache", "."]
    for pages in sizes:
        project = work / f"memory-{pages}"
        if project.exists():
            shutil.rmtree(project)
        stats = generate(project, pages)
        total = peak_total_memory_mb(wxlint, project)
        if total is None:
            print("  not measured: needs Linux's /proc")
            return
        print(f"  {pages:>6} pages ({stats['files']} files, {stats['js_bytes'] / 1e6:.1f} MB of JS): {total:6.0f} MB, "
              f"{total / pages * 1000:4.0f} MB per 1,000 pages")
        shutil.rmtree(project, ignore_errors=True)
    print()


def find_peer(name: str, peers: Path | None) -> str | None:
    if peers is not None:
        for candidate in (peers / "node_modules" / ".bin" / name, peers / "bin" / name):
            if candidate.exists():
                return str(candidate)
    beside_python = Path(sys.executable).parent / name  # a virtual environment not on PATH
    return str(beside_python) if beside_python.exists() else shutil.which(name)


def measure(tree: Path, work: Path, changed: Path, runs: int, peers: Path | None) -> dict[str, float | None]:
    """Every figure for one tree: wxlint cold (without and with writing the cache), warm and on one changed
    file, ESLint, Semgrep, peak memory."""
    wxlint = [sys.executable, "-m", "wxlint", "check", "--quiet", "--exit-zero"]
    results: dict[str, float | None] = {}
    caches = lambda: [shutil.rmtree(c, ignore_errors=True) for c in tree.rglob(".wxlint_cache")]  # noqa: E731
    caches()
    results["wxlint cold"] = median_of(runs, wxlint + ["--no-cache", "."], tree)
    # the default run without a cache yet (a fresh CI checkout) also writes one
    results["wxlint cold, writing the cache"] = median_of(runs, wxlint + ["."], tree, before=caches)
    results["wxlint warm"] = median_of(runs, wxlint + ["."], tree)
    original = changed.read_bytes()
    counter = iter(range(10_000))
    try:
        results["wxlint, one changed file"] = median_of(
            runs, wxlint + [str(changed.relative_to(tree))], tree,
            before=lambda: changed.write_bytes(original + f"\n// edit {next(counter)}\n".encode()))
    finally:
        changed.write_bytes(original)
    results["wxlint peak memory (MB)"] = peak_memory_mb(wxlint + ["--no-cache", "."], tree)
    results["wxlint peak memory, all processes (MB)"] = peak_total_memory_mb(wxlint + ["--no-cache", "."], tree)
    caches()
    results["wxlint peak memory, writing the cache (MB)"] = peak_memory_mb(wxlint + ["."], tree)
    caches()

    eslint = find_peer("eslint", peers)
    results["ESLint"] = None
    if eslint:
        (work / "eslint.config.mjs").write_text(ESLINT_CONFIG, encoding="utf-8")
        # Run inside the tree: ESLint ignores files outside its working directory.
        results["ESLint"] = median_of(runs, [eslint, "--config", str(work / "eslint.config.mjs"), "--no-warn-ignored",
                                             "--no-error-on-unmatched-pattern", "."], tree)
    semgrep = find_peer("semgrep", peers)
    results["Semgrep"] = None
    if semgrep:
        (work / "semgrep.yml").write_text(SEMGREP_RULE, encoding="utf-8")
        results["Semgrep"] = median_of(runs, [semgrep, "scan", "--config", str(work / "semgrep.yml"), "--metrics=off",
                                              "--disable-version-check", "--quiet", "."], tree)
    return results


def report(title: str, results: dict[str, float | None]) -> None:
    print(title)
    width = max(map(len, results))
    for name, value in results.items():
        if name.endswith("(MB)"):
            print(f"  {name:<{width}}  {value:8.0f} MB" if value is not None else f"  {name:<{width}}  not measured")
        else:
            shown = f"{value:8.2f} s" if value is not None else "  skipped (not installed: see --peers)"
            print(f"  {name:<{width}}  {shown}")
    cold, warm, one = results["wxlint cold"], results["wxlint warm"], results["wxlint, one changed file"]
    for peer in ("ESLint", "Semgrep"):
        if results[peer]:
            print(f"  ratios to {peer}: cold {cold / results[peer]:.2f}, warm {warm / results[peer]:.3f}, "
                  f"one changed file {one / results[peer]:.3f}")
    print()


def tree_stats(tree: Path) -> str:
    scripts = [p for p in tree.rglob("*") if p.suffix in (".js", ".ts") and p.is_file() and "node_modules" not in p.parts
               and ".wxlint_cache" not in p.parts]
    projects = len([p for p in tree.rglob("app.json") if "node_modules" not in p.parts])
    return (f"{projects} mini-program(s), {len(scripts)} JS/TS files, "
            f"{sum(p.stat().st_size for p in scripts) / 1e6:.1f} MB of JS/TS")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real", nargs="*", type=Path,
                        help="folders of real mini-programs to measure as well (each is linted as one tree)")
    parser.add_argument("--pages", type=int, default=1000, help="pages of the generated project (0: none)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--peers", type=Path, help="folder with node_modules/.bin/eslint or bin/semgrep")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--memory", metavar="PAGES,…", help="also measure how memory grows: peak memory of all "
                        "processes for generated projects of these sizes (e.g. 1000,3000,5000)")
    args = parser.parse_args()

    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"medians of {args.runs} runs\n")
    work = args.keep or Path(tempfile.mkdtemp(prefix="wxlint-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.pages:
        project = work / "project"
        if project.exists():
            shutil.rmtree(project)
        stats = generate(project, args.pages)
        title = (f"generated: {stats['pages']} pages, {stats['files']} files, {stats['js_bytes'] / 1e6:.1f} MB of JS")
        report(title, measure(project, work, project / "pages" / "p0" / "p0.js", args.runs, args.peers))
    if args.memory:
        memory_growth([int(size) for size in args.memory.split(",")], work)
    for tree in args.real:
        tree = tree.resolve()
        pages = sorted(p for p in tree.rglob("pages/*/*.js") if "node_modules" not in p.parts)
        if not pages:
            print(f"{tree}: no pages/*/*.js found; skipped\n")
            continue
        report(f"real code: {tree.name}: {tree_stats(tree)}", measure(tree, work, pages[0], args.runs, args.peers))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
