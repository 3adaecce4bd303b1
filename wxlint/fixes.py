"""Fixes: the text edits a finding proposes, and applying them to the files (`wxlint check --fix`).

A fix is made of edits of one decoded file, in code points; applying it re-reads the file and writes it in its
own encoding only when its text is still what was linted, never through a symbolic link and never outside
the project. A fix whose edits overlap another's waits for the next run, as ESLint's and Ruff's do. `safe`
is false for a fix that can change what the mini-program does: such a fix is applied only when asked for
(`--unsafe-fixes`, as Ruff's).
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wxlint.findings import Edit, Fix
from wxlint.parse.source import SourceError, SourceText, decode_bytes
from wxlint.safe_fs import inside, read_file


@dataclass
class FixOutcome:
    """What `apply_fixes` did: each file it changed (or would change), before and after, and its new bytes."""

    before: dict[Path, str]
    after: dict[Path, str]
    encoded: dict[Path, bytes]  # the new text in the file's own encoding
    applied: int  # fixes applied
    refused: list[tuple[Path, str]]  # files not written, and why


def unified_diffs(before: dict[Path, str], after: dict[Path, str]) -> list[str]:
    """A unified diff a file, paths from the current folder, as `git diff` prints them."""
    diffs = []
    for path in sorted(after, key=str):
        relative = os.path.relpath(path)
        diffs.append("".join(difflib.unified_diff(before[path].splitlines(keepends=True),
                                                  after[path].splitlines(keepends=True), f"a/{relative}", f"b/{relative}")))
    return diffs


def apply_fixes(findings, root_of, write: bool, unsafe: bool = False) -> FixOutcome:
    """Apply the fixes of `findings` (the safe ones, and the unsafe ones too when `unsafe`); `root_of(path)` is the
    project folder a file must lie in. With `write` false nothing is written: the outcome holds the diffs."""
    by_file: dict[Path, list[Fix]] = {}
    for finding in findings:
        fix = finding.fix
        if fix is None or finding.suppressed or (not fix.safe and not unsafe):
            continue
        paths = {e.path for e in fix.edits}
        if len(paths) != 1:
            continue  # every fix of these rules edits one file; a fix across files is never half applied
        by_file.setdefault(paths.pop(), []).append(fix)
    outcome = FixOutcome({}, {}, {}, 0, [])
    for path, fixes in sorted(by_file.items(), key=lambda item: str(item[0])):
        root = root_of(path)
        try:
            if path.is_symlink() or not inside(root, path):
                raise OSError("a link: not written")
            data = read_file(path, root)
            text, encoding = decode_bytes(data)
        except (OSError, SourceError) as error:
            outcome.refused.append((path, getattr(error, "strerror", None) or str(error)))
            continue
        new_text, applied = _apply(text, fixes)
        if applied == 0 or new_text == text:
            continue
        if not _same_as_linted(text, fixes):
            outcome.refused.append((path, "changed since it was linted: not written"))
            continue
        try:
            encoded = new_text.encode(encoding)
            if write:
                _write(path, encoded)
        except (OSError, UnicodeError) as error:
            outcome.refused.append((path, getattr(error, "strerror", None) or str(error)))
            continue
        outcome.before[path], outcome.after[path], outcome.encoded[path] = text, new_text, encoded
        outcome.applied += applied
    return outcome


def _same_as_linted(text: str, fixes: list[Fix]) -> bool:
    """The positions of the edits still point where they were made: each edit's line and column match its offset."""
    source = SourceText(path=Path(), text=text)
    return all(source.position(e.start) == e.start_position and source.position(e.end) == e.end_position
               for fix in fixes for e in fix.edits)


def _apply(text: str, fixes: list[Fix]) -> tuple[str, int]:
    """The text with the fixes whose edits overlap no earlier fix's, and how many were applied."""
    taken: list[tuple[int, int]] = []
    chosen: list[Edit] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min(e.start for e in f.edits)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(start < end_taken and start_taken < end or (start == end == start_taken)
               for start, end in spans for start_taken, end_taken in taken):
            continue
        taken.extend(spans)
        chosen.extend(fix.edits)
        applied += 1
    for e in sorted(chosen, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text, applied


def _write(path: Path, data: bytes) -> None:
    """Replace the file's content through a new file in its folder, keeping its mode."""
    mode = stat.S_IMODE(os.stat(path, follow_symlinks=False).st_mode)
    descriptor, temporary = tempfile.mkstemp(prefix=".wxlint-fix-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
