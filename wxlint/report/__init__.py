"""Findings to output formats. Each format is a module with
`render(result, context) -> str`; `FORMATS` maps names to them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wxlint.report import json_format, text_format


@dataclass
class ReportContext:
    lang: str = "en"
    color: bool = False
    verbose: bool = False
    quiet: bool = False
    cwd: Path = Path(".")


FORMATS = {
    "text": text_format,
    "json": json_format,
}
