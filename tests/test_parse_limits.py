"""Parsers that no file can take down: tree-sitter's native code neither crashes on deep error trees, nor runs past
the time limit, nor takes the memory of the machine; what it gives up on is a `parse-error` on that file."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from conftest import write_project
from wxlint.parse.files import parse_bytes

PAGE_JS = "Page({\n  onLoad() {\n    wx.getUserInfo({ success: (res) => this.setData(res) })\n  }\n})\n"


def _lint(root: Path) -> tuple[int, dict]:
    # in a child process: a crash of native code would end this test run, not fail one test
    completed = subprocess.run([sys.executable, "-m", "wxlint", "check", "--no-cache", "--format", "json", "."],
                               cwd=root, capture_output=True, timeout=300)
    assert completed.returncode in (0, 1), (completed.returncode, completed.stderr[-2000:])
    return completed.returncode, json.loads(completed.stdout)


@pytest.mark.parametrize("code", [
    # tree-sitter-typescript wraps a string assigned to in a zero-width MISSING `!`; asking that node for its parent
    # recursed in C as deep as the tree (a segfault past ~9,700 levels, exit code 139)
    "function f() { return " + "x=>" * 20_000 + "'m' = 1 }\n",
    "function f() { return " + "x=>" * 50_000 + "x }\n",
    "const y = " + "!" * 20_000 + "x\n",
])
def test_deep_typescript_is_a_parse_error_not_a_crash(tmp_path, code):
    root = write_project(tmp_path / "app", {"pages/index/index.ts": code, "pages/other/other.js": PAGE_JS})
    code_, report = _lint(root)
    assert code_ == 1
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [
        ("pages/index/index.ts", "parse-error"), ("pages/other/other.js", "deprecated-getuserinfo")]
    assert report["summary"]["complete"] is True


def test_typescript_error_recovery_that_would_take_all_memory_is_stopped():
    # `a<b,` repeated without an end: quadratic in time and memory inside one step of tree-sitter (100 KB took half a
    # minute and 10 GB); such text is stripped in a child process with bounded memory
    parsed = parse_bytes(Path("list.ts"), ("f(" + "a<b," * 25_000).encode())
    assert [e.message for e in parsed.errors] == ["the TypeScript parser ran out of memory on this file and was stopped"]


def test_typescript_with_many_generics_is_stripped_apart_with_the_same_result():
    from wxlint.parse.typescript import strip_types, strip_types_here

    text = "".join(f"const a{n}: Array<Map<string, number>> = []\n" for n in range(1200)) + "wx.getUserInfo()\n"
    assert text.count("<") > 2000
    assert strip_types(text) == strip_types_here(text)
    assert parse_bytes(Path("many.ts"), text.encode()).errors == []


def test_the_time_limit_interrupts_tree_sitter_itself():
    # A timer signal's handler runs only in Python code: without a progress callback, a long parse inside tree-sitter
    # ran to its end (55 s for a 4.9 MB file) before the limit could stop it.
    from wxlint.parse import native_javascript
    from wxlint.parse.tree_sitter_parse import parse_bounded

    class Stop(Exception):
        pass

    def stop(_signal, _frame):
        raise Stop

    parser = native_javascript.javascript_parser()
    big = b"a + b;\n" * 600_000
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 0.01)
    try:
        with pytest.raises(Stop) as stopped:
            parse_bounded(parser, big)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    # raised from the progress callback, that is, while tree-sitter was parsing
    assert "_keep_going" in "".join(traceback.format_tb(stopped.value.__traceback__))
    # and the parser was reset: the next file gets its own tree, not the rest of the cancelled one
    tree = parse_bounded(parser, b"let x = 1;")
    assert (tree.root_node.end_byte, tree.root_node.has_error) == (10, False)


def test_utf32_files_are_read_as_utf32():
    # read as UTF-16 (their BOM starts alike), they became text with a NUL between characters, 2 µs a character
    parsed = parse_bytes(Path("page.js"), "wx.getUserInfo({ desc: '登录' })\n".encode("utf-32"))
    assert parsed.errors == [] and parsed.source.encoding == "utf-32"
    assert parsed.source.text.startswith("wx.getUserInfo")
