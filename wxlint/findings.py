"""Findings and the trace steps that explain them."""

from __future__ import annotations

import hashlib
import re
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from wxlint.safe_text import printable

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Note:
    """The words of a trace step, by id (`rules/data/trace-notes.yaml`) with their arguments;
    rendered in the run's language. An argument may be a Note itself."""

    id: str
    arguments: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "en") -> str:
        templates = _note_templates()[self.id]
        return fill(templates, lang, dict(self.arguments))

    def __str__(self) -> str:
        return self.render("en")


def fill(templates: dict[str, str], lang: str, arguments: dict) -> str:
    """A bilingual template in `lang` (English when it has none) with its arguments, Notes rendered
    in the same language; printable. Trace notes and rule messages both come through here."""
    values = {name: value.render(lang) if isinstance(value, Note) else value for name, value in arguments.items()}
    template = templates.get(lang, templates["en"])
    if lang != "zh":
        return printable(template.format(**values))
    # Chinese templates set names apart with spaces (`调用 {callee}`), which is right for code and
    # wrong beside a name in Chinese (匿名函数 中的): drop a template's space between two Han characters.
    pieces: list[tuple[str, bool]] = []  # (text, from an argument)
    formatter = string.Formatter()
    for literal, field_name, spec, conversion in formatter.parse(template):
        if literal:
            pieces.append((literal, False))
        if field_name is not None:
            value, _ = formatter.get_field(field_name, (), values)
            pieces.append((format(formatter.convert_field(value, conversion), spec or ""), True))
    for index, (text, from_argument) in enumerate(pieces):
        if from_argument:
            continue
        before = pieces[index - 1][0] if index > 0 else ""
        after = pieces[index + 1][0] if index + 1 < len(pieces) else ""
        if text.startswith(" ") and _HAN.fullmatch(before[-1:]) and _HAN.fullmatch(text[1:2]):
            text = text[1:]
        if text.endswith(" ") and _HAN.fullmatch(after[:1]) and _HAN.fullmatch(text[-2:-1]):
            text = text[:-1]
        pieces[index] = (text, False)
    return printable("".join(text for text, _ in pieces))


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def note(note_id: str, **arguments) -> Note:
    if note_id not in _note_templates():
        raise KeyError(f"trace note {note_id!r} is not in rules/data/trace-notes.yaml")
    return Note(note_id, tuple(arguments.items()))


def note_saying(prefix: str, text: str) -> Note | None:
    """The note among those whose id starts with `prefix` whose English template reads `text`, with
    the arguments taken from it (the parser's "Unexpected token :" -> parser-unexpected-token, token=':')."""
    for note_id, pattern in _note_patterns(prefix):
        found = pattern.fullmatch(text)
        if found:
            return note(note_id, **found.groupdict())
    return None


@lru_cache(maxsize=None)
def _note_patterns(prefix: str) -> list[tuple[str, re.Pattern]]:
    patterns = []
    for note_id, templates in _note_templates().items():
        if note_id.startswith(prefix):
            parts = re.split(r"\{(\w+)\}", templates["en"])
            regex = "".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)" for index, part in enumerate(parts))
            patterns.append((note_id, re.compile(regex, re.DOTALL)))
    return patterns


@lru_cache(maxsize=1)
def _note_templates() -> dict[str, dict[str, str]]:
    from wxlint.catalogue import load_data_table  # the catalogue sits above this module
    return load_data_table("trace-notes")["notes"]


@dataclass(frozen=True)
class TraceStep:
    path: Path
    line: int
    column: int
    note: str  # in English until `localized`
    words: Note | None = None  # what `note` says, to render in another language

    def localized(self, lang: str) -> "TraceStep":
        if self.words is None or lang == "en":
            return self
        return replace(self, note=self.words.render(lang))


def step_at(path: Path, line: int, column: int, words: Note) -> TraceStep:
    return TraceStep(path, line, column, words.render("en"), words)


@dataclass
class Finding:
    rule: str
    severity: str
    path: Path
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    message_id: str = ""
    trace: list[TraceStep] = field(default_factory=list)
    fingerprint: str = ""
    suppressed: dict | None = None  # {"kind": "inline" | "baseline", "reason": "…"}

    @property
    def sort_key(self):
        return (str(self.path), self.line, self.column, self.rule, self.message)


# Findings as plain data, each path written by `place` (relative to the current folder for the JSON
# report, to the project for the result cache) and read back by `path_of`.

def step_document(step: TraceStep, place) -> dict:
    return {"path": place(step.path), "line": step.line, "column": step.column, "note": step.note}


def finding_document(finding: Finding, place) -> dict:
    return {"rule": finding.rule, "message_id": finding.message_id, "severity": finding.severity,
            "path": place(finding.path), "line": finding.line, "column": finding.column,
            "end_line": finding.end_line, "end_column": finding.end_column, "message": finding.message,
            "trace": [step_document(step, place) for step in finding.trace],
            "fingerprint": finding.fingerprint, "suppressed": finding.suppressed}


def step_from_document(document: dict, path_of) -> TraceStep:
    return TraceStep(path_of(document["path"]), document["line"], document["column"], document["note"])


def finding_from_document(document: dict, path_of) -> Finding:
    return Finding(rule=document["rule"], severity=document["severity"], path=path_of(document["path"]),
                   line=document["line"], column=document["column"], end_line=document["end_line"],
                   end_column=document["end_column"], message=document["message"], message_id=document["message_id"],
                   trace=[step_from_document(step, path_of) for step in document["trace"]],
                   fingerprint=document["fingerprint"], suppressed=document["suppressed"])


def repository_place(root: Path) -> str:
    """Where a project sits in its repository ("apps/shop"; "" at the top or outside any repository), so that
    identical files in two projects of a monorepo get different fingerprints (`assign_fingerprints`)."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            return "" if folder == root else root.relative_to(folder).as_posix()
    return ""


def assign_fingerprints(findings: list[Finding], line_text, root_of, place: str = "") -> None:
    """Give each finding a fingerprint that survives unrelated edits.

    It hashes the rule, the message id, the path relative to its project and the
    flagged line's text with spaces removed, plus an occurrence counter for
    identical lines: moving code or editing other lines leaves it unchanged.
    `line_text(path, line)` and `root_of(path)` come from the run; `place` is where the project sits in
    its repository (a monorepo), left out when empty so single-project fingerprints stay as they were.
    """
    seen: Counter = Counter()
    for finding in sorted(findings, key=lambda f: f.sort_key):
        root = root_of(finding.path)
        try:
            relative = finding.path.relative_to(root).as_posix()
        except ValueError:
            relative = finding.path.as_posix()
        code = "".join(line_text(finding.path, finding.line).split())
        key = (finding.rule, finding.message_id, f"{place}/{relative}" if place else relative, code)
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(seen[key]))).encode("utf-8", "surrogateescape")).hexdigest()
        finding.fingerprint = digest[:32]
