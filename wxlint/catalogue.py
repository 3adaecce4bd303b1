"""The rule catalogue: one YAML file per rule under `rules/`, validated on load.

What a rule says (title, messages, rationale, fix, references, examples) and
the data it consults are catalogue data; `wxlint/checks/` holds only mechanism.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from wxlint.config import SEVERITIES
from wxlint.data_tables import CatalogueError, read_yaml, rules_dir
from wxlint.words import fill, unfold_chinese

LANGUAGES = ("en", "zh")
_REQUIRED = ("id", "severity", "category", "title", "messages", "rationale", "fix", "references", "since", "examples")
_BILINGUAL = ("title", "rationale", "fix", "since")
_OPTIONAL = ("data", "kind", "help_uri", "tags")


@dataclass(frozen=True)
class Expected:
    """A finding an example must produce: its message id and where."""

    message: str
    line: int
    column: int
    path: str | None = None  # default: the example's only file


@dataclass(frozen=True)
class Example:
    title: dict[str, str]  # language -> text
    files: dict[str, str]  # project-relative path -> content
    config: dict = field(default_factory=dict)
    expect: tuple[Expected, ...] = ()  # bad examples: exactly these findings of the rule; good ones: none
    sized: dict[str, int] = field(default_factory=dict)  # path -> bytes: files whose size is the point (images, bundles)

    def written_files(self) -> dict[str, str | bytes]:
        """What the example's project holds: its files, and a file of zeros for each sized one."""
        return {**self.files, **{path: bytes(size) for path, size in self.sized.items()}}

    def shown_files(self, sized_words: str) -> list[tuple[str, str]]:
        """(path, text) to show in the documentation; a sized file as `sized_words` with its size filled in."""
        return list(self.files.items()) + [(path, sized_words.format(size=f"{size:,}")) for path, size in self.sized.items()]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    category: str
    title: dict[str, str]
    messages: dict[str, dict[str, str]]  # message id -> language -> template
    rationale: dict[str, str]
    fix: dict[str, str]
    references: tuple[str, ...]
    since: dict[str, str]  # language -> since when the rule applies
    bad_examples: tuple[Example, ...]
    good_examples: tuple[Example, ...]
    data: dict
    kind: str  # "check": `check(ctx)` in wxlint/checks; "core": built in (wxlint/checks too), run by the pipeline
    tags: tuple[str, ...]
    path: Path

    @property
    def module_name(self) -> str:
        return self.id.replace("-", "_")

    def message(self, message_id: str, lang: str, **arguments) -> str:
        return fill(self.messages[message_id], lang, arguments)


@lru_cache(maxsize=4)
def load_catalogue(folder: Path | None = None) -> dict[str, Rule]:
    folder = folder or rules_dir()
    if not folder.is_dir():
        raise CatalogueError(f"{folder}: rule catalogue folder not found")
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.yaml")):
        rule = _load_rule(path)
        rules[rule.id] = rule
    if not rules:
        raise CatalogueError(f"{folder}: no rule files (*.yaml) found")
    return rules


def _load_rule(path: Path) -> Rule:
    try:
        raw = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: cannot read rule file: {error}") from None
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path}: a rule file must be a mapping")

    def fail(key: str, problem: str):
        raise CatalogueError(f"{path}: key '{key}': {problem}")

    for key in _REQUIRED:
        if key not in raw:
            fail(key, "missing")
    for key in raw:
        if key not in _REQUIRED and key not in _OPTIONAL:
            fail(key, "unknown key")
    if raw["id"] != path.stem:
        fail("id", f"must match the file name ({path.stem!r})")
    if raw["severity"] not in SEVERITIES:
        fail("severity", f"must be one of {', '.join(SEVERITIES)}")
    for key in _BILINGUAL:
        _check_bilingual(raw[key], key, fail)
    messages = raw["messages"]
    if not isinstance(messages, dict) or not messages:
        fail("messages", "must map message ids to {en, zh} templates")
    for message_id, templates in messages.items():
        _check_bilingual(templates, f"messages.{message_id}", fail)
        fields = [{name for _, name, _, _ in string.Formatter().parse(t) if name} for t in templates.values()]
        if fields[0] != fields[1]:
            fail(f"messages.{message_id}", "en and zh templates must use the same {placeholders}")
    references = raw["references"]
    if not isinstance(references, list) or not all(isinstance(r, str) and r.startswith("https://") for r in references):
        fail("references", "must be a list of https:// URLs")
    examples = raw["examples"]
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"} or not examples.get("bad"):
        fail("examples", "must have a non-empty 'bad' list and an optional 'good' list")
    kind = raw.get("kind", "check")
    if kind not in ("check", "core"):
        fail("kind", "must be 'check' or 'core'")
    def written(texts: dict[str, str]) -> dict[str, str]:
        return {lang: unfold_chinese(text) if lang == "zh" else text for lang, text in texts.items()}

    return Rule(
        id=raw["id"], severity=raw["severity"], category=str(raw["category"]),
        title=written(raw["title"]), messages={key: written(value) for key, value in messages.items()},
        rationale=written(raw["rationale"]), fix=written(raw["fix"]),
        references=tuple(references), since=written(raw["since"]),
        bad_examples=tuple(_example(e, f"examples.bad[{i}]", fail, messages, True) for i, e in enumerate(examples.get("bad") or [])),
        good_examples=tuple(_example(e, f"examples.good[{i}]", fail, messages, False) for i, e in enumerate(examples.get("good") or [])),
        data=raw.get("data") or {}, kind=kind, tags=tuple(raw.get("tags") or ()), path=path,
    )


def _check_bilingual(value, key: str, fail) -> None:
    if not isinstance(value, dict) or set(value) != set(LANGUAGES) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        fail(key, "must have non-empty 'en' and 'zh' texts")


def _example(raw, key: str, fail, messages: dict, bad: bool) -> Example:
    """An example is `{title, files: {path: code}}` or the short form `{title, path, code}`; a bad one
    says what it must produce: `expect: [{message: id, line: 3, column: 5, path: …}]`."""
    if not isinstance(raw, dict) or "title" not in raw:
        fail(key, "must be a mapping with a 'title'")
    _check_bilingual(raw["title"], f"{key}.title", fail)
    if "files" in raw:
        files = raw["files"]
        if not isinstance(files, dict) or not files or not all(isinstance(v, str) for v in files.values()):
            fail(f"{key}.files", "must map file paths to their contents")
    elif "path" in raw and "code" in raw:
        files = {raw["path"]: raw["code"]}
    else:
        fail(key, "needs 'files', or 'path' and 'code'")
    sized = raw.get("sized") or {}
    if not isinstance(sized, dict) or not all(isinstance(k, str) and type(v) is int and 0 <= v <= 50_000_000
                                              for k, v in sized.items()):
        fail(f"{key}.sized", "must map file paths to sizes in bytes (at most 50,000,000)")
    config = raw.get("config") or {}
    if not isinstance(config, dict):
        fail(f"{key}.config", "must be a mapping")
    expected = raw.get("expect")
    if bad != bool(expected):
        fail(f"{key}.expect", "a bad example must list the findings it produces" if bad else "a good example expects nothing")
    found = []
    for index, item in enumerate(expected or []):
        where = f"{key}.expect[{index}]"
        if not isinstance(item, dict) or set(item) - {"message", "line", "column", "path"}:
            fail(where, "must be {message, line, column} and an optional path")
        if item.get("message") not in messages:
            fail(where, f"message {item.get('message')!r} is not one of this rule's messages")
        if not all(isinstance(item.get(k), int) and item[k] >= 1 for k in ("line", "column")):
            fail(where, "line and column must be 1-based numbers")
        path = item.get("path")
        if path is None and len(files) != 1 or path is not None and path not in files and path not in sized:
            fail(where, "path must name one of the example's files")
        found.append(Expected(item["message"], item["line"], item["column"], path))
    return Example(title=raw["title"], files=dict(files), config=config, expect=tuple(found), sized=dict(sized))
