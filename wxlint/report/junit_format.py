"""JUnit XML: a test suite per checked file, a failing test case per finding."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree

from wxlint.report.paths import display_path


def render(result, context) -> str:
    by_file = defaultdict(list)
    for finding in result.active:
        by_file[finding.path].append(finding)
    files = list(dict.fromkeys([*result.checked_files, *by_file]))
    # A file without findings is one passing test case; otherwise each finding is a failing one.
    tests = sum(len(by_file[path]) or 1 for path in files)
    root = ElementTree.Element("testsuites", name="wxlint", tests=str(tests), failures=str(len(result.active)))
    for path in files:
        name = display_path(path, context.cwd)
        findings = by_file[path]
        suite = ElementTree.SubElement(root, "testsuite", name=name, tests=str(len(findings) or 1),
                                       failures=str(len(findings)), errors="0")
        if not findings:
            ElementTree.SubElement(suite, "testcase", name="wxlint", classname=name)
        for f in findings:
            case = ElementTree.SubElement(suite, "testcase", name=f"{f.rule} at {f.line}:{f.column}", classname=name)
            failure = ElementTree.SubElement(case, "failure", message=f.message, type=f.severity)
            trace = "".join(f"\n  {step.line}:{step.column} {display_path(step.path, context.cwd)} {step.note}" for step in f.trace)
            failure.text = f"{name}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{trace}"
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
