"""`.wxlint.yml`: loading, validation with file/line/key in every error, CLI overrides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from wxlint.safe_fs import inside, is_file, read_file

CONFIG_NAMES = (".wxlint.yml", ".wxlint.yaml")
SEVERITIES = ("info", "warning", "error")
RULE_LEVELS = ("off",) + SEVERITIES
# Used when neither `min-lib-version` nor --min-lib-version says: the base library that brought
# wx.getUserProfile, so the login-era APIs before it need no guard.
DEFAULT_MIN_LIB_VERSION = "2.10.4"
VERSION_PATTERN = re.compile(r"^\d+\.\d+\.\d+$")


class ConfigError(Exception):
    """A configuration problem; its text names the file, line and key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    min_lib_version: str | None = None
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> off|info|warning|error
    exclude: tuple[str, ...] = ()
    entry_pages: tuple[str, ...] = ()
    login_pages: tuple[str, ...] = ()
    fail_on: str = "warning"
    lint_vendored: bool = False  # lint copied libraries (rules/data/vendored.yaml) instead of skipping them

    @property
    def base_dir(self) -> Path | None:
        return None if self.path is None else self.path.parent

    @property
    def effective_min_lib_version(self) -> tuple[str, bool]:
        """(the project's minimum base library, whether it is the default)."""
        return (self.min_lib_version, False) if self.min_lib_version else (DEFAULT_MIN_LIB_VERSION, True)

    def with_overrides(self, **overrides) -> "Config":
        values = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **values) if values else self


def find_config(start: Path) -> Path | None:
    """The nearest `.wxlint.yml` in `start` or a folder above it. One that is a link out of its folder is not
    taken (nor any further up): a repository's link must not make wxlint read a file elsewhere."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if is_file(candidate):
                if not inside(folder, candidate):
                    raise ConfigError(f"{candidate}: a link to a file outside its folder: not read (give it with --config)")
                return candidate
    return None


# A configuration is a short, flat file: deeper nesting is a hostile one (the YAML scanner's time grows with
# the square of the depth: 100,000 brackets took 35 s to refuse).
_MAX_DEPTH = 32
_MAX_CONFIG_BYTES = 1_000_000


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than `_MAX_DEPTH` as soon as the scanner meets it."""

    def fetch_flow_collection_start(self, TokenClass):
        if self.flow_level >= _MAX_DEPTH:
            raise yaml.scanner.ScannerError(None, None, f"nested deeper than {_MAX_DEPTH} levels", self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column):
        if len(self.indents) >= _MAX_DEPTH:
            raise yaml.scanner.ScannerError(None, None, f"nested deeper than {_MAX_DEPTH} levels", self.get_mark())
        return super().add_indent(column)


def load_config(path: Path, known_rules: set[str]) -> Config:
    try:
        text = read_file(path, limit=_MAX_CONFIG_BYTES).decode("utf-8-sig")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read configuration: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read configuration: not UTF-8 (byte {error.start})") from None
    try:
        document = yaml.compose(text, Loader=_BoundedLoader)
    except RecursionError:
        raise ConfigError(f"{path}: invalid YAML: nested too deeply") from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses; its message spans lines
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise ConfigError(f"{path}:{line}:{column}: invalid YAML: the character U+{code:04X} is not allowed") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error)
        raise ConfigError(f"{where}: invalid YAML: {' '.join(problem.split())}") from None
    if document is None:
        return Config(path=path)
    if not isinstance(document, yaml.MappingNode):
        raise ConfigError(f"{path}:{document.start_mark.line + 1}: the configuration must be a mapping of keys")
    _require_plain_data(document, path)
    values: dict = {}
    constructor = yaml.constructor.SafeConstructor()
    for key_node, value_node in document.value:
        key = key_node.value
        line = key_node.start_mark.line + 1
        where = f"{path}:{line}: key '{key}'"
        value = constructor.construct_object(value_node, deep=True)
        if key == "min-lib-version":
            if not isinstance(value, str) or not VERSION_PATTERN.match(value):
                raise ConfigError(f"{where}: expected a version such as \"2.10.4\" (quoted), got {value!r}")
            values["min_lib_version"] = value
        elif key == "rules":
            values["rules"] = _rule_levels(value, value_node, path, where, known_rules)
        elif key in ("exclude", "entry-pages", "login-pages"):
            if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
                raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
            values[key.replace("-", "_")] = tuple(value)
        elif key == "lint-vendored":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false, got {value!r}")
            values["lint_vendored"] = value
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise ConfigError(f"{where}: expected one of {', '.join(SEVERITIES)}, got {value!r}")
            values["fail_on"] = value
        else:
            known = "min-lib-version, rules, exclude, entry-pages, login-pages, fail-on, lint-vendored"
            raise ConfigError(f"{where}: unknown key (known keys: {known})")
    return Config(path=path, **values)


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))


def _require_plain_data(document: yaml.Node, path: Path) -> None:
    """Plain values only: no aliases (an alias bomb expands to gigabytes; the file is short anyway) and no
    tags such as `!!python/object` (a configuration found in a linted repository is not trusted code)."""
    seen: set[int] = set()
    pending = [document]
    while pending:
        node = pending.pop()
        where = f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"
        if id(node) in seen:
            raise ConfigError(f"{where}: YAML aliases (*name) are not supported in the configuration")
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise ConfigError(f"{where}: YAML tag {node.tag!r} is not allowed in the configuration")
        if isinstance(node, yaml.MappingNode):
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise ConfigError(f"{path}:{key.start_mark.line + 1}:{key.start_mark.column + 1}: "
                                      "a key must be a plain name, not a list or a mapping")
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def _rule_levels(value, node, path: Path, where: str, known_rules: set[str]) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of rule id to one of {', '.join(RULE_LEVELS)}")
    levels = {}
    for key_node, value_node in node.value:
        rule, level = key_node.value, value_node.value
        rule_where = f"{path}:{key_node.start_mark.line + 1}: key 'rules.{rule}'"
        if rule not in known_rules:
            raise ConfigError(f"{rule_where}: unknown rule (see `wxlint rules`)")
        if level not in RULE_LEVELS:
            raise ConfigError(f"{rule_where}: expected one of {', '.join(RULE_LEVELS)}, got {level!r}")
        levels[rule] = level
    return levels
