"""Words for the user: notes by id from `rules/data/trace-notes.yaml` and the bilingual templates of rule
messages, filled in the run's language. Parsers, the model, the flow engine and the findings all speak
through here."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

from wxlint.data_tables import load_data_table
from wxlint.safe_text import printable


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


_HAN_CHARACTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CHARACTERS}]")


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
    return load_data_table("trace-notes")["notes"]


# A space YAML's folding put between two Chinese characters, or beside full-width punctuation: Chinese has none
# there (a space between a Chinese character and Latin text or code stays).
_FULL_WIDTH_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
_FOLDED_HAN_SPACE = re.compile(f"(?<=[{_HAN_CHARACTERS}]) (?=[{_HAN_CHARACTERS}])"
                               f"|(?<=[{_FULL_WIDTH_PUNCTUATION}]) | (?=[{_FULL_WIDTH_PUNCTUATION}])")


def unfold_chinese(text: str) -> str:
    """Chinese text as written: the spaces that joining folded YAML lines left between Chinese characters go."""
    return _FOLDED_HAN_SPACE.sub("", text)

