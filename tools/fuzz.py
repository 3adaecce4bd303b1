"""Fuzzing wxlint: mutated real-looking files through the parsers, the configuration loader and the whole
pipeline (discovery, model, flow, every rule, every output format), every input.

    python tools/fuzz.py --inputs 3000 --seed 1 --corpus ../corpus --out fuzz-failures/

mutates the sample projects' files, and with `--corpus` the .js, .ts, .wxs, .wxml and .json files of real
mini-programs in that folder too; each input is linted in a forked child (on Linux) with a time limit, so a crash
of native code (a segfault) and a hang are failures like any other. It prints the inputs tried per kind, the
failures (each minimised and saved as a reproducer under `--out`) and the slowest inputs. A failure is anything
but a clean result: a crash, a hang, an exception escaping a parser or the run, an incomplete run (what exit code 2
says), or an output that is not well-formed. `tests/test_fuzz.py` runs a short campaign and replays every
reproducer in `tests/data/fuzz/`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from wxlint.config import ConfigError, load_config  # noqa: E402
from wxlint.parse.files import parse_bytes  # noqa: E402

SAMPLES = REPO / "sample_projects"
KINDS = (".js", ".ts", ".wxs", ".wxml", ".json", ".yml")
# Pieces of JavaScript, TypeScript, WXML and JSON that change how the parsers read what follows.
TOKENS = [
    b"{", b"}", b"(", b")", b"[", b"]", b"'", b'"', b"`", b"${", b"/*", b"*/", b"//", b"\n", b"\r", b"\\", b";", b",",
    b"=>", b"async ", b"await ", b"function ", b"class ", b"import ", b"export ", b"return ", b"new Promise(",
    b"wx.getUserProfile({", b"wx.openSetting()", b"wx.canIUse('", b"this.", b".then(", b"setTimeout(", b"require('",
    b"<", b">", b"</", b"/>", b"<view ", b"<button ", b"bindtap=", b"bind:tap=\"", b"wx:if=\"{{", b"{{", b"}}",
    b"<wxs module=\"m\">", b"</wxs>", b"<template name=\"t\">", b"<include src=\"", b"<import src=\"", b"<!--", b"-->",
    b"open-type=\"getUserInfo\"", b":", b"null", b"true", b"-1e999", b"\"pages\": [", b"as ", b"interface ", b": string",
    b"<T>", b"enum ", b"\x00", b"\xff", b"\xed\xa0\x80", b"\xe4\xb8", b"\xef\xbb\xbf", b"\t", "\u2028".encode(),
]
TEMPLATE_APP = {"pages": ["pages/index/index"], "subPackages": [{"root": "shop", "pages": ["cart/cart"]}],
                "usingComponents": {"card": "/components/card/card"}}
# a DevTools project: the upload gate (wxlint/model/upload.py) reads every mutated app.json, template and script too
TEMPLATE_PROJECT_CONFIG = {"appid": "wx0000000000000000", "setting": {"minified": True},
                           "packOptions": {"ignore": [{"type": "glob", "value": "**/*.md"}]}}


@dataclass
class Failure:
    kind: str
    signature: str  # exception type and where it was raised: the same bug found twice is one failure
    detail: str
    data: bytes


@dataclass
class Campaign:
    tried: dict[str, int] = field(default_factory=dict)
    failures: dict[str, Failure] = field(default_factory=dict)
    slowest: list[tuple[float, str, bytes]] = field(default_factory=list)


def corpus(real: Path | None = None, per_kind: int = 400) -> dict[str, list[bytes]]:
    """The sample projects' files by kind, with up to `per_kind` of each kind from the real mini-programs under
    `real`, plus one of each kind so no kind is empty."""
    files: dict[str, list[bytes]] = {kind: [] for kind in KINDS}
    for path in sorted(SAMPLES.rglob("*")):
        if path.is_file() and ".wxlint_cache" not in path.parts and path.suffix in files:
            files[path.suffix].append(path.read_bytes())
    if real is not None:
        found: dict[str, list[Path]] = {kind: [] for kind in KINDS}
        for path in sorted(real.rglob("*")):
            if path.suffix in found and "node_modules" not in path.parts and path.is_file() and not path.is_symlink():
                if path.stat().st_size <= 200_000:
                    found[path.suffix].append(path)
        picker = random.Random(0)
        for kind, paths in found.items():
            files[kind].extend(p.read_bytes() for p in picker.sample(paths, min(per_kind, len(paths))))
    files[".wxs"].append(b"var f = function (a) { return a > 1 ? 'x' : 'y' }\nmodule.exports = { f: f }\n")
    files[".yml"].append(b"min-lib-version: \"2.10.4\"\nrules:\n  missing-opensetting: error\nexclude: [\"libs/**\"]\n")
    return files


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """One to four edits: byte flips, truncation, token insertion, chunk deletion or duplication, splicing."""
    for _ in range(rng.randint(1, 4)):
        operation = rng.randrange(6)
        position = rng.randint(0, len(data))
        if operation == 0 and data:
            index = min(position, len(data) - 1)
            data = data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1:]
        elif operation == 1:
            data = data[:position]
        elif operation == 2:
            data = data[:position] + rng.choice(TOKENS) * rng.choice((1, 1, 1, 3, 50)) + data[position:]
        elif operation == 3:
            end = min(len(data), position + rng.randint(1, 200))
            data = data[:position] + data[end:]
        elif operation == 4:
            end = min(len(data), position + rng.randint(1, 200))
            data = data[:end] + data[position:end] * rng.randint(1, 20) + data[end:]
        else:
            other = rng.choice(pool)
            data = data[:position] + other[rng.randint(0, len(other)):]
    return data


# -- targets: each returns None when the input was handled cleanly, else a description of the failure ---------

def check_parser(kind: str, data: bytes) -> str | None:
    parsed = parse_bytes(Path(f"fuzz{kind}"), data)
    for error in parsed.errors:
        if not isinstance(error.message, str) or not error.message:
            return f"parse error without a message: {error!r}"
    return None


def check_config(data: bytes) -> str | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".wxlint.yml"
        path.write_bytes(data)
        try:
            load_config(path, {"missing-opensetting", "deprecated-getuserinfo"})
        except ConfigError as error:
            if not str(error).startswith(str(path)):
                return f"configuration error that does not name the file: {error}"
            if "\n" in str(error):
                return f"configuration error on more than one line: {error}"
    return None


def check_pipeline(kind: str, data: bytes, base: dict[str, bytes]) -> str | None:
    """A small project with the mutated file in it, linted in-process and rendered in every format."""
    from wxlint.catalogue import load_catalogue
    from wxlint.report import FORMATS, ReportContext
    from wxlint.rule_tester import write_project
    from wxlint.runner import RunOptions, run

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        target = {".js": "pages/index/index.js", ".ts": "pages/index/index.ts", ".wxs": "pages/index/tools.wxs",
                  ".wxml": "pages/index/index.wxml", ".json": "app.json", ".yml": ".wxlint.yml"}[kind]
        files = dict(base)
        if kind == ".ts":
            files.pop("pages/index/index.js", None)
        files[target] = data
        write_project(root, files)  # the base holds an app.json, so none is added
        try:
            result = run(RunOptions(paths=[root], cwd=root, use_cache=False, jobs=1))
        except ConfigError as error:
            if kind != ".yml":
                return "configuration error from a project file"
            return f"configuration error on more than one line: {error}" if "\n" in str(error) else None
        if result.failures:
            return "; ".join(f.describe(str(f.path)) for f in result.failures)
        context = ReportContext(cwd=root, verbose=True, catalogue=load_catalogue())
        for name, module in FORMATS.items():
            output = module.render(result, context)
            output.encode("utf-8")  # must be printable as UTF-8
            if name in ("json", "sarif", "gitlab"):
                json.loads(output)
            elif name == "junit":
                ElementTree.fromstring(output)
            if any(ch in output for ch in "\x1b\x07\x00"):
                return f"{name} output carries control characters"
    return None


def base_project() -> dict[str, bytes]:
    return {
        "app.json": json.dumps(TEMPLATE_APP).encode(),
        "project.config.json": json.dumps(TEMPLATE_PROJECT_CONFIG).encode(),
        "shop/cart/cart.js": b"const u = require('../../utils/format.js')\nPage({})\n",
        "utils/format.js": b"module.exports = (n) => n\n",
        "components/card/card.json": b'{"component": true}',
        "components/card/card.js": b"Component({})\n",
        "components/card/card.wxml": b"<view/>\n",
        "pages/index/index.wxss": b'@import "/styles/base.wxss";\n',
        "images/logo.png": bytes(210_000),
        "pages/index/index.js": (SAMPLES / "member-2021" / "pages" / "index" / "index.js").read_bytes()
        if (SAMPLES / "member-2021" / "pages" / "index" / "index.js").is_file()
        else b"Page({ onLoad() { wx.getUserInfo() } })\n",
        "pages/index/index.wxml": b'<wxs src="./tools.wxs" module="tools"/>\n<button bindtap="login">{{tools.f(1)}}</button>\n',
        "pages/index/tools.wxs": b"module.exports = { f: function (a) { return a } }\n",
        # a long name of one letter: where an `exclude` glob backtracks, it shows on this one
        "utils/" + "a" * 40 + ".js": b"module.exports = { ask() { return wx.getStorageSync('k') } }\n",
    }


# An input may take this long in a forked child before it counts as a hang (the parse limit is 20 s a file).
HANG_SECONDS = 60


def run_one(kind: str, data: bytes, pipeline: bool, base: dict[str, bytes], isolate: bool = False) -> str | None:
    """Run one input; the failure's signature and detail, or None. With `isolate`, in a forked child (Linux), so
    that a crash in native code or a hang is reported instead of ending the campaign."""
    if isolate and hasattr(os, "fork") and sys.platform.startswith("linux"):
        return _run_isolated(kind, data, pipeline, base)
    try:
        if kind == ".yml":
            problem = check_config(data)
        else:
            problem = check_parser(kind, data)
        if problem is None and pipeline:
            problem = check_pipeline(kind, data, base)
    except Exception as error:  # the point of fuzzing: anything escaping is a failure
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}\n{traceback.format_exc()}"
    return problem


def _run_isolated(kind: str, data: bytes, pipeline: bool, base: dict[str, bytes]) -> str | None:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, write the outcome, leave without cleaning up what the parent owns
        os.close(read)
        status = 0
        try:
            outcome = run_one(kind, data, pipeline, base) or ""
            with os.fdopen(write, "wb") as stream:
                stream.write(outcome.encode("utf-8", "backslashreplace"))
        except BaseException:  # noqa: BLE001
            status = 3
        os._exit(status)
    os.close(write)
    deadline = time.monotonic() + HANG_SECONDS
    chunks = []
    with os.fdopen(read, "rb") as stream:
        os.set_blocking(stream.fileno(), False)
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            try:
                chunk = stream.read()
            except BlockingIOError:
                chunk = None
            if chunk:
                chunks.append(chunk)
            if done:
                rest = stream.read()
                if rest:
                    chunks.append(rest)
                break
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return f"hang: more than {HANG_SECONDS} s"
            time.sleep(0.005)
    if os.WIFSIGNALED(status):
        return f"crash: killed by signal {os.WTERMSIG(status)}"
    if os.WEXITSTATUS(status) != 0:
        return f"crash: exit status {os.WEXITSTATUS(status)}"
    return b"".join(chunks).decode("utf-8") or None


def signature_of(problem: str) -> str:
    return problem.splitlines()[0][:200]


def minimise(kind: str, data: bytes, signature: str, pipeline: bool, base: dict[str, bytes], budget: int = 300,
             isolate: bool = False) -> bytes:
    """Delta debugging: drop chunks while the same failure remains."""
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and budget > 0:
        start, changed = 0, False
        while start < len(data) and budget > 0:
            candidate = data[:start] + data[start + chunk:]
            budget -= 1
            problem = run_one(kind, candidate, pipeline, base, isolate)
            if problem is not None and signature_of(problem) == signature:
                data, changed = candidate, True
            else:
                start += chunk
        if not changed:
            chunk //= 2
    return data


def campaign(inputs: int, seed: int, pipeline_every: int = 1, out: Path | None = None, progress: bool = False,
             real: Path | None = None, isolate: bool = False) -> Campaign:
    rng = random.Random(seed)
    files = corpus(real)
    pool = [content for contents in files.values() for content in contents]
    base = base_project()
    result = Campaign()
    started = time.monotonic()
    for number in range(inputs):
        kind = KINDS[number % len(KINDS)]
        data = mutate(rng.choice(files[kind]), pool, rng)
        pipeline = number % pipeline_every == 0
        began = time.perf_counter()
        problem = run_one(kind, data, pipeline, base, isolate)
        elapsed = time.perf_counter() - began
        result.tried[kind] = result.tried.get(kind, 0) + 1
        result.slowest = sorted(result.slowest + [(elapsed, kind, data)], key=lambda item: -item[0])[:5]
        if problem is not None:
            signature = signature_of(problem)
            if signature not in result.failures:
                small = minimise(kind, data, signature, pipeline, base, isolate=isolate)
                result.failures[signature] = Failure(kind, signature, problem, small)
                if out is not None:
                    save(out, result.failures[signature], pipeline)
        if progress and number and number % 1000 == 0:
            print(f"  {number} inputs, {len(result.failures)} failures, {time.monotonic() - started:.0f} s", file=sys.stderr)
    return result


def save(out: Path, failure: Failure, pipeline: bool) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    name = f"{'pipeline' if pipeline else 'parse'}-{hashlib.sha256(failure.data).hexdigest()[:12]}{failure.kind}"
    path = out / name
    path.write_bytes(failure.data)
    path.with_name(name + ".txt").write_text(failure.detail, encoding="utf-8")
    return path


def replay(path: Path) -> str | None:
    """Run a saved reproducer (`parse-<hash>.js`, `pipeline-<hash>.wxml`) as the campaign did: in a child, so that
    a crash or a hang that came back fails its test instead of ending the suite."""
    return run_one(path.suffix, path.read_bytes(), path.name.startswith("pipeline-"), base_project(), isolate=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pipeline-every", type=int, default=1, help="run the whole pipeline on every Nth input")
    parser.add_argument("--corpus", type=Path, help="a folder of real mini-programs whose files are mutated too")
    parser.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    arguments = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))  # as the wxlint command does
    began = time.monotonic()
    result = campaign(arguments.inputs, arguments.seed, arguments.pipeline_every, arguments.out, progress=True,
                      real=arguments.corpus, isolate=True)
    seconds = time.monotonic() - began
    print(f"inputs tried: {sum(result.tried.values())} in {seconds:.0f} s "
          f"({', '.join(f'{kind} {count}' for kind, count in sorted(result.tried.items()))})")
    print("whole-pipeline runs: every input" if arguments.pipeline_every == 1 else
          f"whole-pipeline runs: every {arguments.pipeline_every}th input")
    print(f"failures: {len(result.failures)}")
    for failure in result.failures.values():
        print(f"  {failure.kind} {failure.signature} ({len(failure.data)} bytes saved in {arguments.out}/)")
    print("slowest inputs:")
    for elapsed, kind, data in result.slowest:
        print(f"  {elapsed * 1000:8.1f} ms  {kind}  {len(data)} bytes")
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
