"""Reading source files: decoding, line/column bookkeeping, UTF-16 offsets."""

from __future__ import annotations

import bisect
import codecs
from dataclasses import dataclass, field
from pathlib import Path


class SourceError(Exception):
    """A file that cannot be read, decoded or parsed, with the place it went wrong.

    `offset` is a code-point index into the decoded text (None when the file
    could not be decoded at all, in which case the problem is reported at 1:1).
    """

    def __init__(self, message: str, offset: int | None = None, line: int | None = None, column: int | None = None,
                 words=None, whole_file: bool = True, internal: str | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
        self.words = words  # a `wxlint.findings.Note` saying it in both languages, when there is one
        self.whole_file = whole_file  # False: one entry of the file is refused, the rest is linted
        # "parse" or "model" when the cause is a bug of wxlint's own, not the file: the run is then incomplete
        self.internal = internal


# One int object per offset for every tree of a run: a node's `range` is a pair of offsets, and most offsets are
# shared by several nodes (a call and its callee start together); an int past 256 is an object of 28 bytes of
# its own, so a range of two shared offsets saves a fifth of a syntax tree's memory. A list indexed by the offset
# is the fastest way to the shared object (this runs for every node); offsets past it are rare (files over
# 256 KB) and left unshared.
_SHARED_OFFSETS: list[int] = list(range(1 << 12))  # grown to the largest file's size, up to the limit
_SHARED_OFFSET_LIMIT = 1 << 18


def shared_range(start: int, end: int) -> tuple[int, int]:
    """`(start, end)` made of the run's shared int objects (see `_SHARED_OFFSETS`)."""
    offsets = _SHARED_OFFSETS
    if end < len(offsets):
        return offsets[start], offsets[end]
    if end < _SHARED_OFFSET_LIMIT:
        offsets.extend(range(len(offsets), min(_SHARED_OFFSET_LIMIT, 2 * end)))
        return offsets[start], offsets[end]
    return start, end


# Bytes sniffed for NUL characters before deciding a file is not text.
_BINARY_SNIFF = 8192


@dataclass
class SourceText:
    """Decoded text of one file with 1-based line and column lookup.

    Columns are counted in Unicode code points, the unit SARIF calls
    `unicodeCodePoints`; JavaScript parsers count UTF-16 units, so their
    offsets go through `from_utf16` first.
    """

    path: Path
    text: str
    encoding: str = "utf-8"
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _astral_utf16: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        text = self.text
        index = 0
        length = len(text)
        # Lines end at \n, \r\n or a lone \r, as editors count them.
        while True:
            nl = text.find("\n", index)
            cr = text.find("\r", index)
            if nl < 0 and cr < 0:
                break
            if cr >= 0 and (nl < 0 or cr < nl):
                index = cr + 2 if cr + 1 < length and text[cr + 1] == "\n" else cr + 1
            else:
                index = nl + 1
            starts.append(index)
        self._line_starts = starts

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line_index = bisect.bisect_right(self._line_starts, offset) - 1
        return line_index + 1, offset - self._line_starts[line_index] + 1

    def offset_of(self, line: int, column: int) -> int:
        """Code-point offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self._line_starts)))
        return min(self._line_starts[line - 1] + max(column, 1) - 1, len(self.text))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line ending."""
        if line < 1 or line > len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def from_utf16(self, utf16_offset: int) -> int:
        """Code-point offset of a UTF-16 offset (what esprima and browsers count)."""
        if self._astral_utf16 is None:
            # Characters outside the BMP take two UTF-16 units; only they shift offsets.
            text = self.text
            # max() of a str runs in C: scan character by character only when an astral one exists.
            has_astral = not text.isascii() and max(text) > "\uffff"
            astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if has_astral else []
            self._astral_utf16 = [i + n for n, i in enumerate(astral)]
        if not self._astral_utf16:
            return utf16_offset
        return utf16_offset - bisect.bisect_left(self._astral_utf16, utf16_offset)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 or UTF-32 with BOM, or GB18030/GBK.

    Raises SourceError for binary data or bytes that fit none of these.
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both BOMs
        try:
            return data.decode("utf-32"), "utf-32"
        except UnicodeDecodeError as error:
            raise SourceError(f"cannot decode as UTF-32: {error.reason}") from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise _decode_error(data, error, "UTF-8") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise SourceError(f"cannot decode as UTF-16: {error.reason}") from None
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise SourceError("not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        if decode_lossy(data) is not None:
            # UTF-8 with a few broken sequences: GB18030 would read it too, as nonsense (its pairs take in the quote
            # or brace after a broken byte); the parser reads it as V8 does (`decode_lossy`), this refuses it
            raise _decode_error(data, utf8_error, "UTF-8") from None
        try:
            # GB18030 is a superset of GBK and GB2312, common in older Chinese projects.
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise _decode_error(data, utf8_error, "UTF-8 or GBK/GB18030") from None


# At most this share of a file's bytes may be broken UTF-8 for it to be read as V8 reads it (below).
LOSSY_UTF8_SHARE = 0.01


def decode_lossy(data: bytes) -> tuple[str, int] | None:
    """A file that is UTF-8 but for a few broken byte sequences (an emoji whose last byte a tool dropped:
    18ghwg/wechat-miniapp, held out), read as V8 and DevTools read it, each broken sequence as U+FFFD: (text, how
    many were replaced). None for anything else: binary data, a byte-order mark, another encoding (a GBK comment
    beside UTF-8 code has more broken sequences than well-formed characters). Only for linting: such a text is
    never written back (`--fix` decodes strictly)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:_BINARY_SNIFF]:
        return None
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    if replaced <= 0 or replaced > max(1, len(data) * LOSSY_UTF8_SHARE):
        return None
    # most of its other characters are well-formed UTF-8: a GBK file's Chinese is hardly ever that
    well_formed = sum(1 for character in text if character > "\x7f" and character != "\ufffd")
    return (text, replaced) if well_formed >= 4 * replaced else None


def _decode_error(data: bytes, error: UnicodeDecodeError, tried: str) -> SourceError:
    head = data[: error.start]
    line = head.count(b"\n") + 1
    column = error.start - (head.rfind(b"\n") + 1) + 1
    return SourceError(f"cannot decode as {tried}: invalid byte 0x{data[error.start]:02x}", line=line, column=column)

