"""One entry point from a path to its syntax tree(s), whatever the file type."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from wxlint.parse import vue
from wxlint.parse.conditional import WEIXIN, compile_for_weixin
from wxlint.parse.javascript import JsTree, parse_js, wxs_as_javascript
from wxlint.parse.source import SourceError, SourceText, decode_bytes, decode_lossy
from wxlint.parse.typescript import TooComplex, strip_types
from wxlint.parse.wxml import WxmlDocument, parse_wxml
from wxlint.safe_fs import read_file
from wxlint.safe_text import exception_summary
from wxlint.words import note


@dataclass
class ParsedFile:
    path: Path
    source: SourceText | None = None
    js: JsTree | None = None  # .js, .ts, .wxs
    wxml: WxmlDocument | None = None
    inline_wxs: list[JsTree] = field(default_factory=list)  # `<wxs>` bodies of a WXML file
    errors: list[SourceError] = field(default_factory=list)


def parse_file(path: Path) -> ParsedFile:
    try:
        data = read_file(path)
    except OSError as error:
        return ParsedFile(path=path, errors=[SourceError(f"cannot read file: {error.strerror or error}")])
    return parse_bytes(path, data)


# No file may hold up a run longer than this (the parsers are linear; this bounds what is not).
PARSE_SECONDS_LIMIT = 20


class TooSlow(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Raise `TooSlow` in the block after `seconds`, where a timer signal can be had (POSIX, main thread)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(_signal, _frame):
        raise TooSlow()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_bytes(path: Path, data: bytes, seconds_limit: float = PARSE_SECONDS_LIMIT) -> ParsedFile:
    """Parse a file's content; every problem becomes a SourceError in `errors`."""
    parsed = ParsedFile(path=path)
    try:
        with time_limit(seconds_limit):
            _parse_into(parsed, data)
    except TooSlow:

        words = note("too-slow", seconds=f"{seconds_limit:g}")
        _give_up(parsed, SourceError(words.render("en"), line=1, column=1, words=words))
    except TooComplex:

        words = note("too-complex")
        _give_up(parsed, SourceError(words.render("en"), line=1, column=1, words=words))
    except Exception as error:  # noqa: BLE001 - a parser's bug costs this file, never the run
        _give_up(parsed, SourceError(exception_summary(error), line=1, column=1, internal="parse"))
    return parsed


def _give_up(parsed: ParsedFile, error: SourceError) -> None:
    parsed.js = parsed.wxml = None
    parsed.inline_wxs = []
    parsed.errors.append(error)


def _parse_into(parsed: ParsedFile, data: bytes) -> None:
    path = parsed.path
    try:
        text, encoding = decode_bytes(data)
    except SourceError as error:
        lossy = decode_lossy(data)
        if lossy is None:
            parsed.errors.append(error)
            return
        text, encoding = lossy[0], "utf-8"
        # the rest of the file is linted; the broken bytes are said where the first one is
        words = note("bytes-replaced", count=lossy[1])
        parsed.errors.append(SourceError(words.render("en"), line=error.line, column=error.column, words=words,
                                         whole_file=False))
    parsed.source = SourceText(path=path, text=text, encoding=encoding)
    source = parsed.source
    suffix = path.suffix
    try:
        if suffix == ".ts":
            parsed.js = parse_js(source, text=strip_types(compile_for_weixin(source.text, WEIXIN)))
        elif suffix == ".wxs":
            # WXS is an ES5-like script dialect, never a module.
            parsed.js = parse_js(source, text=wxs_as_javascript(source.text), module_first=False)
        elif suffix == ".js":
            # uni-app's scripts mark platform code (`// #ifdef H5`): what WeChat never gets is not read
            parsed.js = parse_js(source, text=compile_for_weixin(source.text, WEIXIN))
        elif suffix == ".wxml":
            parsed.wxml = parse_wxml(source)
            parsed.errors.extend(parsed.wxml.problems)
            _parse_inline_wxs(parsed)
        elif suffix == ".vue":
            _parse_single_file_component(parsed)
    except SourceError as error:
        parsed.errors.append(error)
    except RecursionError:
        parsed.errors.append(SourceError("code is nested too deeply to analyse"))


def _parse_single_file_component(parsed: ParsedFile) -> None:
    """A uni-app `.vue` file: its template as WXML and its script, each at the file's positions, as compiled for
    WeChat (`conditional.py`, `vue.py`)."""
    text = compile_for_weixin(parsed.source.text, WEIXIN)
    found = vue.blocks(text)
    for block in found:
        if not block.closed:  # as Vue's compiler: "Element is missing end tag"
            line, column = parsed.source.position(block.opened_at)
            raise SourceError(f"<{block.tag}> is not closed", line=line, column=column)
    parsed.wxml = vue.parse_template(parsed.source, text, found)
    if parsed.wxml is not None:
        parsed.errors.extend(parsed.wxml.problems)
    parsed.js = vue.parse_script(parsed.source, text, found)


def _parse_inline_wxs(parsed: ParsedFile) -> None:
    """Parse each inline `<wxs>` body in place: the rest of the file is blanked, so
    positions in its tree are positions in the WXML file."""
    text = parsed.source.text
    for element in parsed.wxml.iter_elements():
        if element.tag != "wxs" or element.get("src") is not None or not element.children:
            continue
        body = element.children[0]
        masked = "".join(ch if ch in "\r\n" else " " for ch in text[: body.offset]) + text[body.offset: body.end]
        masked += "".join(ch if ch in "\r\n" else " " for ch in text[body.end:])
        try:
            parsed.inline_wxs.append(parse_js(parsed.source, text=wxs_as_javascript(masked), module_first=False))
        except SourceError as error:
            parsed.errors.append(error)
