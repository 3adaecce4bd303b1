"""Text from a linted repository made safe for a terminal, a CI log or a report.

File names, code, configuration keys and exception messages can carry escape sequences (a terminal title,
OSC 52 clipboard writes, a forged GitHub workflow command after a newline): every output and stderr
shows them through `printable`, and bounded by `shortened`.
"""

from __future__ import annotations

import traceback
from pathlib import Path

# Characters from linted code that must not reach a terminal, a CI log or a report raw: control
# characters but the tab (ANSI escapes, carriage returns, newlines that would forge a finding line) and the
# bidirectional overrides that make text read differently from what it is.
_UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0))}
_UNPRINTABLE.update({code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def printable(text: str) -> str:
    """Text safe to print anywhere: unprintable characters and lone surrogates (from file names that are
    not UTF-8) written as escapes."""
    text = text.translate(_UNPRINTABLE)
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# How much of a message from the linted project (a file name, an exception's text) reaches an output:
# a 1 MB page route must not become a 1 MB line on stderr.
MESSAGE_LIMIT = 300


def shortened(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """Printable text of at most about `limit` characters, the middle left out."""
    text = printable(str(text))
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]}…{text[-half:]}"


def exception_summary(error: BaseException) -> str:
    """One printable line for an exception of wxlint's own: its type, its text (shortened) and the source
    line that raised it, `TypeError: … (flow.py:120)`."""
    frames = traceback.extract_tb(error.__traceback__)
    origin = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return shortened(f"{type(error).__name__}: {error}") + origin
