"""Findings to output formats. Each format is a module with
`render(result, context) -> str`; `FORMATS` maps names to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from wxlint.report import github_format, gitlab_format, html_format, json_format, junit_format, sarif_format, text_format


@dataclass
class ReportContext:
    lang: str = "en"
    color: bool = False
    verbose: bool = False
    quiet: bool = False
    cwd: Path = Path(".")
    catalogue: dict = field(default_factory=dict)  # rule id -> Rule, for formats that document rules
    statistics: bool = False  # text: counts per rule instead of each finding


FORMATS = {
    "text": text_format,
    "json": json_format,
    "sarif": sarif_format,
    "html": html_format,
    "github": github_format,
    "junit": junit_format,
    "gitlab": gitlab_format,
}
