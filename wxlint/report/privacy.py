"""The privacy inventory as text or JSON (`wxlint privacy`)."""

from __future__ import annotations

import json
from pathlib import Path

from wxlint.model.privacy import PrivacyUse
from wxlint.report.paths import display_path

_WORDS = {
    "en": {"title": "Personal information this project handles", "none": "No use of personal information found.",
           "hint": "Hold this list against your privacy guide (用户隐私保护指引): reviews compare the two."},
    "zh": {"title": "本项目处理的用户个人信息", "none": "未发现使用个人信息的接口或组件。",
           "hint": "请将此清单与小程序的《用户隐私保护指引》核对：审核会比对两者。"},
}


def render_privacy(uses: list[PrivacyUse], output_format: str, lang: str, cwd: Path) -> str:
    if output_format == "json":
        items = [{"kind": u.kind, "what": u.what, "path": display_path(u.path, cwd), "line": u.line, "column": u.column}
                 for u in uses]
        return json.dumps({"privacy": items}, ensure_ascii=False, indent=2) + "\n"
    words = _WORDS.get(lang, _WORDS["en"])
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
