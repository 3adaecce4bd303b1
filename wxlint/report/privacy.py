"""The privacy inventory as text or JSON (`wxlint privacy`)."""

from __future__ import annotations

import json
from pathlib import Path

from wxlint.data_tables import load_data_table
from wxlint.model.privacy import PrivacyUse
from wxlint.report.paths import display_path



def render_privacy(uses: list[PrivacyUse], output_format: str, lang: str, cwd: Path) -> str:
    if output_format == "json":
        items = [{"kind": u.kind, "what": u.what, "path": display_path(u.path, cwd), "line": u.line, "column": u.column}
                 for u in uses]
        return json.dumps({"privacy": items}, ensure_ascii=False, indent=2) + "\n"
    words = load_data_table("report-words")["privacy"][lang]
    if not uses:
        return words["none"] + "\n"
    lines = [words["title"], ""]
    current = None
    for use in uses:
        if use.kind != current:
            current = use.kind
            lines.append(f"{use.kind}:")
        lines.append(f"  {use.what}  {display_path(use.path, cwd)}:{use.line}:{use.column}")
    lines += ["", words["hint"]]
    return "\n".join(lines) + "\n"
