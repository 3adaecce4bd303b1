"""A rule's documentation as Markdown, generated from its catalogue entry."""

from __future__ import annotations

from wxlint.catalogue import Rule
from wxlint.data_tables import load_data_table



def _fence(path: str) -> str:
    return {"wxml": "html", "ts": "ts", "json": "json"}.get(path.rsplit(".", 1)[-1], "js")


def render_rule(rule: Rule, lang: str) -> str:
    words = load_data_table("report-words")["rule_documentation"][lang]
    lines = [f"# {rule.id}: {rule.title[lang]}", "",
             f"{words['default_severity']}{words['colon']}{words['severity_' + rule.severity]} · {words['since']}{words['colon']}{rule.since[lang]}", "",
             f"## {words['why']}", "", rule.rationale[lang].strip(), "",
             f"## {words['fix']}", "", rule.fix[lang].strip(), ""]
    for key, examples in (("bad", rule.bad_examples), ("good", rule.good_examples)):
        if not examples:
            continue
        lines += [f"## {words[key]}", ""]
        for example in examples:
            lines.append(f"{example.title[lang]}:")
            lines.append("")
            for path, code in example.shown_files(words["sized_file"]):
                lines += [f"`{path}`", "", f"```{_fence(path)}", code.rstrip("\n"), "```", ""]
    lines += [f"## {words['references']}", ""]
    lines += [f"- {url}" for url in rule.references]
    return "\n".join(lines) + "\n"
