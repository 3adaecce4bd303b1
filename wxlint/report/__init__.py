"""Findings to output formats. Each format is a module with
`render(result, context) -> str`; `FORMATS` maps names to them."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType


@dataclass
class ReportContext:
    lang: str = "en"
    color: bool = False
    verbose: bool = False
    quiet: bool = False
    cwd: Path = Path(".")
    catalogue: dict = field(default_factory=dict)  # rule id -> Rule, for formats that document rules
    statistics: bool = False  # text: counts per rule instead of each finding


class _Formats(Mapping):
    """Format name -> its module (`wxlint.report.<name>_format`), imported when first asked for: a run
    renders one or two, and some import much (jinja2 for HTML)."""

    _NAMES = ("text", "json", "sarif", "html", "github", "junit", "gitlab")

    def __getitem__(self, name: str) -> ModuleType:
        if name not in self._NAMES:
            raise KeyError(name)
        return importlib.import_module(f"wxlint.report.{name}_format")

    def __iter__(self):
        return iter(self._NAMES)

    def __len__(self) -> int:
        return len(self._NAMES)


FORMATS = _Formats()
