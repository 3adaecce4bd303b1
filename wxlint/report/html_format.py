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
from wxlint.report.paths import display_path, failure_line

EXCERPT_CONTEXT = 2  # lines shown above and below a finding
WORST_FILES = 10  # files in the summary table
SEVERITY_ORDER = ("error", "warning", "info")

WORDS = {
    "en": {
        "title": "wxlint report", "generated": "Generated", "version": "wxlint", "min_lib": "Minimum base library",
        "not_set": "not set", "projects": "Projects", "files_checked": "files checked", "verdict_pass": "PASS",
        "verdict_fail": "FAIL", "verdict_text": "fails on {level} and above", "by_rule": "Findings by rule",
        "filter_rule": "Rule", "filter_severity": "Severity", "filter_text": "Search", "all": "All",
        "showing": "Showing", "of": "of", "findings": "findings", "trace": "How it gets there", "docs": "Rules",
        "why": "Why", "fix": "How to fix", "bad": "Flagged", "good": "Accepted", "references": "References",
        "skipped": "Skipped files", "notes": "Not followed", "no_findings": "No problems found.",
        "error": "error", "warning": "warning", "info": "info", "severity": "Severity", "rule": "Rule",
        "default_severity": "Default severity", "since": "Since", "count": "Count", "line": "line",
        "default": "default", "show_suppressed": "Show suppressed", "suppressed_badge": "suppressed",
        "colon": ": ", "by_file": "Worst files", "file": "File", "blocks": "Blocks the release",
        "fix_first": "Fix first", "click_to_filter": "click a row or a bar to filter",
        "incomplete": "Incomplete: wxlint did not analyse everything",
        "incomplete_text": "What is listed here was not analysed, so its problems are not in this report. "
                           "Do not read the result as clean.",
    },
    "zh": {
        "title": "wxlint 检查报告", "generated": "生成时间", "version": "wxlint 版本", "min_lib": "最低基础库版本",
        "not_set": "未设置", "projects": "项目", "files_checked": "个文件已检查", "verdict_pass": "通过",
        "verdict_fail": "未通过", "verdict_text": "{level} 及以上级别视为失败", "by_rule": "各规则问题数",
        "filter_rule": "规则", "filter_severity": "级别", "filter_text": "搜索", "all": "全部",
        "showing": "显示", "of": "/", "findings": "个问题", "trace": "触发路径", "docs": "规则说明",
        "why": "原因", "fix": "修复方法", "bad": "会被报告", "good": "不会被报告", "references": "参考资料",
        "skipped": "跳过的文件", "notes": "未追踪的内容", "no_findings": "未发现问题。",
        "error": "错误", "warning": "警告", "info": "提示", "severity": "级别", "rule": "规则",
        "default_severity": "默认级别", "since": "适用自", "count": "数量", "line": "行",
        "default": "默认值", "show_suppressed": "显示已抑制的问题", "suppressed_badge": "已抑制",
        "colon": "：", "by_file": "问题最多的文件", "file": "文件", "blocks": "阻止发布",
        "fix_first": "优先修复", "click_to_filter": "点击行或柱形可筛选",
        "incomplete": "检查不完整：wxlint 未能分析全部内容",
        "incomplete_text": "以下内容未被分析，其中的问题不在本报告中。请勿将结果视为无问题。",
    },
}


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


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    environment.filters["code_spans"] = code_spans
    return environment


def render(result, context) -> str:
    words = WORDS[context.lang]
    lang = context.lang
    cwd = context.cwd
    by_file = defaultdict(list)
    # Errors first, then by rule, then by place: what blocks the release is read first.
    ordered = sorted(result.findings, key=lambda f: (_severity_rank(f.severity), f.rule, display_path(f.path, cwd), f.line, f.column))
    for finding in ordered:
        by_file[display_path(finding.path, cwd)].append({
            "rule": finding.rule, "severity": finding.severity, "line": finding.line, "column": finding.column,
            "message": finding.message,
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
    min_libs = sorted(f"{version} ({words['default']})" if is_default else version
                      for version, is_default in {p.config.effective_min_lib_version for p in result.projects})
    template = _environment().get_template("report.html.j2")
    return template.render(
        w=words, lang=lang, version=__version__,
        generated=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        projects=projects,
        min_lib=", ".join(min_libs) or words["not_set"],
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
               "bad": [(e.title[lang], list(e.files.items())) for e in r.bad_examples],
               "good": [(e.title[lang], list(e.files.items())) for e in r.good_examples]} for r in documented],
        skipped=[(display_path(s.path, cwd), s.reason_in(lang)) for s in result.skipped],
        notes=[(f"{display_path(n.path, cwd)}:{n.line}:{n.column}", n.note) for n in result.notes],
        severities=SEVERITY_ORDER,
    )
