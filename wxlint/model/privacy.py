"""The privacy inventory: where a project handles personal information (rules/data/privacy.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from wxlint.data_tables import load_data_table
from wxlint.model.project import ProjectModel
from wxlint.model.wxml import component_keys


@dataclass(frozen=True)
class PrivacyUse:
    kind: str  # "location", "album", "phone-number", …
    what: str  # `wx.getLocation` or `<button open-type="getPhoneNumber">`
    path: Path
    line: int
    column: int


@cache
def _table() -> tuple[dict[str, str], dict[str, str]]:
    """(API -> kind, component key -> kind)."""
    data = load_data_table("privacy")
    apis = {api: kind for kind, names in data["apis"].items() for api in names}
    components = {key: kind for kind, keys in data["components"].items() for key in keys}
    return apis, components


def privacy_uses(model: ProjectModel) -> list[PrivacyUse]:
    apis, components = _table()
    found = []
    for module in model.js_modules.values():
        for use in module.wx_uses:
            if use.api in apis and use.kind in ("call", "value"):
                line, column, _, _ = module.tree.span(use.node)
                found.append(PrivacyUse(apis[use.api], f"wx.{use.api}", module.path, line, column))
    for document in model.wxml.values():
        for element in document.iter_elements():
            for key, attribute in component_keys(element):
                if key in components:
                    written = f'<{element.tag} {attribute.name}="{attribute.value}">' if attribute else f"<{element.tag}>"
                    line, column = document.source.position(attribute.offset if attribute else element.offset)
                    found.append(PrivacyUse(components[key], written, document.source.path, line, column))
    return sorted(found, key=lambda use: (use.kind, use.what, str(use.path), use.line, use.column))
