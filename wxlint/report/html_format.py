"""A self-contained HTML report for a reviewer: no external resource, readable without JavaScript."""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from wxlint import __version__
from wxlint.safe_text import printable
from wxlint.data_tables import load_data_table
from wxlint.report.coverage import coverage_lines
from wxlint.report.paths import display_path, failure_line

EXCERPT_CONTEXT = 2  # lines shown above and below a finding
WORST_FILES = 10  # files in the summary table
SEVERITY_ORDER = ("error", "warning", "info")



def _excerpt(source, line: int, context: int, column: int = 0, end: tuple[int, int] | None = None) -> list[dict]:
    """Lines around `line`; the flagged line split at the flagged columns (1-based), so the template can mark
    them and the page can scroll a long line to them."""
    if source is None:
        return []
    first, last = max(1, line - context), min(source.line_count, line + context)
    rows = []
    for number in range(first, last + 1):
        text = source.line_text(number)
        row = {"n": number, "hit": number == line, "before": printable(text), "marked": "", "after": ""}
        if number == line and column:
            start = min(column - 1, len(text))
            stop = end[1] - 1 if end is not None and end[0] == line and end[1] - 1 > start else start + 1
            row.update(before=printable(text[:start]), marked=printable(text[start:stop]) or " ", after=printable(text[stop:]))
        rows.append(row)
    return rows


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: str) -> Markup:
    """Our messages and docs write code in backticks: shown as <code>, everything escaped first."""
    return Markup(_CODE_SPAN.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text))))


def breakable_path(path: str) -> Markup:
    """A path that a narrow screen wraps after a folder's `/`, not inside a name (`index.j` / `s`)."""
    return Markup(str(escape(path)).replace("/", "/<wbr>"))


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    environment.filters["code_spans"] = code_spans
    environment.filters["breakable_path"] = breakable_path
    return environment


def render(result, context) -> str:
    table = load_data_table("report-words")
    words = {**table["rule_documentation"][context.lang], **table["html"][context.lang]}
    lang = context.lang
    cwd = context.cwd
    by_file = defaultdict(list)
    # Errors first, then by rule, then by place: what blocks the release is read first.
    ordered = sorted(result.findings, key=lambda f: (_severity_rank(f.severity), f.rule, display_path(f.path, cwd), f.line, f.column))
    for finding in ordered:
        by_file[display_path(finding.path, cwd)].append({
            "rule": finding.rule, "severity": finding.severity, "line": finding.line, "column": finding.column,
            "message": finding.message, "anchor": f"finding-{finding.fingerprint[:16]}",
            "suppressed": finding.suppressed,
            "excerpt": _excerpt(result.sources.get(finding.path), finding.line, EXCERPT_CONTEXT, finding.column,
                                (finding.end_line, finding.end_column)),
            "trace": [{"place": f"{display_path(s.path, cwd)}:{s.line}:{s.column}", "note": s.note,
                       "excerpt": _excerpt(result.sources.get(s.path), s.line, 0, s.column)} for s in finding.trace],
        })
    rule_counts = Counter(f.rule for f in result.active)
    by_rule_severity = Counter((f.rule, f.severity) for f in result.active)
    rule_severity = {f.rule: f.severity for f in sorted(result.active, key=lambda f: -_severity_rank(f.severity))}
    used_rules = [context.catalogue[rule_id] for rule_id in
                  sorted(rule_counts, key=lambda r: (_severity_rank(rule_severity[r]), -rule_counts[r], r))]
    documented = used_rules + [context.catalogue[r] for r in sorted({f.rule for f in result.findings} - set(rule_counts))]
    counts = result.counts()
    chart_max = max(rule_counts.values(), default=1)
    file_counts = Counter((display_path(f.path, cwd), f.severity) for f in result.active)
    worst_files = sorted({path for path, _ in file_counts}, key=lambda p: (
        tuple(-file_counts[(p, s)] for s in SEVERITY_ORDER), p))[:WORST_FILES]

    def file_order(item):
        path, findings = item
        active = [f for f in findings if not f["suppressed"]]
        return (min((_severity_rank(f["severity"]) for f in active), default=len(SEVERITY_ORDER)), -len(active), path)

    projects = []
    for project in result.projects:
        shown = display_path(project.root, cwd)
        projects.append(project.root.name if shown == "." else shown)
    template = _environment().get_template("report.html.j2")
    return template.render(
        w=words, lang=lang, version=__version__,
        generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        projects=projects,
        coverage=coverage_lines(result, lang, cwd),
        files_checked=result.files_checked, counts=counts, total=sum(counts.values()),
        failed=result.failed, fail_on=words[result.fail_on],
        failures=[failure_line(f, cwd) for f in result.failures],
        rules=[{"id": r.id, "title": r.title[lang], "count": rule_counts[r.id], "severity": rule_severity[r.id],
                "by_severity": {s: by_rule_severity[(r.id, s)] for s in SEVERITY_ORDER},
                "width": round(100 * rule_counts[r.id] / chart_max)} for r in used_rules],
        worst_files=[{"path": p, "by_severity": {s: file_counts[(p, s)] for s in SEVERITY_ORDER}} for p in worst_files],
        suppressed=sum(result.suppressed_counts().values()),
        files=sorted(by_file.items(), key=file_order),
        docs=[{"id": r.id, "title": r.title[lang], "severity": r.severity, "since": r.since[lang],
               "rationale": r.rationale[lang], "fix": r.fix[lang], "references": r.references,
               "bad": [(e.title[lang], e.shown_files(words["sized_file"])) for e in r.bad_examples],
               "good": [(e.title[lang], e.shown_files(words["sized_file"])) for e in r.good_examples]} for r in documented],
        skipped=[(display_path(s.path, cwd), s.reason_in(lang)) for s in result.skipped],
        notes=[(f"{display_path(n.path, cwd)}:{n.line}:{n.column}", n.note) for n in result.notes],
        severities=SEVERITY_ORDER,
    )
