"""tree-sitter parses that a file can neither hold up nor leave half done.

The per-file time limit (`wxlint.parse.files`) is a timer signal, and Python runs a signal's handler only
between its own instructions: a parse inside tree-sitter's C code ran on for minutes past the limit (a 4.9 MB
file of long names). Given a progress callback, tree-sitter calls back into Python as it goes (every hundred
steps or so, 3 % of the parse time), so the handler runs there, its exception cancels the parse, and the parser
is reset, since a cancelled parser would otherwise resume the old parse on the next file.
"""

from __future__ import annotations

import tree_sitter


def _keep_going(_offset: int, _has_error: bool) -> bool:
    return False  # never cancels by itself: it gives a pending signal handler a Python frame to run in


def parse_bounded(parser: tree_sitter.Parser, data: bytes, encoding: str | None = None) -> tree_sitter.Tree:
    """`parser.parse(data)` that a timer signal's exception can interrupt (see the module's words)."""
    view = memoryview(data)

    def read(offset: int, _point) -> memoryview:
        return view[offset:]

    try:
        if encoding is None:
            return parser.parse(read, progress_callback=_keep_going)
        return parser.parse(read, progress_callback=_keep_going, encoding=encoding)
    except BaseException:
        parser.reset()
        raise
