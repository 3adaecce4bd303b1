"""The catalogue's files: `rules/` inside the installed package (or at the top of a checkout), its shared data
tables (`rules/data/`), and the error a malformed one raises. The lowest layer: every other part of wxlint may
read the tables, and this module reads nothing of wxlint's."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import yaml


class CatalogueError(Exception):
    """A malformed catalogue file; its text names the file and key."""


def rules_dir() -> Path:
    """The catalogue folder: inside the installed package, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


# LibYAML's loader where PyYAML has it (its wheels do): the catalogue loads in every run
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


@lru_cache(maxsize=None)  # one entry a file of rules/data
def load_data_table(name: str) -> dict:
    """A shared data table: `rules/data/<name>.yaml` (kept by hand) or `<name>.json` (generated)."""
    folder = rules_dir() / "data"
    path = folder / f"{name}.yaml"
    if not path.is_file():
        path = folder / f"{name}.json"
    try:
        text = path.read_text(encoding="utf-8")
        return json.loads(text) if path.suffix == ".json" else read_yaml(text)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: cannot load data table: {error}") from None
