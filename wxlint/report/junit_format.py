"""JUnit XML: a test suite per checked file, a failing test case per finding, an erroring one per failure."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree

from wxlint.report.coverage import coverage_lines
from wxlint.report.paths import display_path, failure_line

# Characters XML 1.0 does not allow anywhere, not even escaped (https://www.w3.org/TR/xml/#charsets):
# control characters but tab and line ends, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text any XML 1.0 reader accepts, whatever a file name or message holds: the forbidden characters
    written as `\\uXXXX`."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render(result, context) -> str:
    by_file = defaultdict(list)
    for finding in result.active:
        by_file[finding.path].append(finding)
    files = list(dict.fromkeys([*result.checked_files, *by_file]))
    # A file without findings is one passing test case; otherwise each finding is a failing one.
    tests = sum(len(by_file[path]) or 1 for path in files) + len(result.failures)
    root = ElementTree.Element("testsuites", name="wxlint", tests=str(tests), failures=str(len(result.active)),
                               errors=str(len(result.failures)))
    # what the run covered, as JUnit's properties (read by CI servers that show them)
    properties = ElementTree.SubElement(root, "properties")
    for number, fact in enumerate(coverage_lines(result, "en", context.cwd), 1):
        ElementTree.SubElement(properties, "property", name=f"wxlint.coverage.{number}", value=fact)
    if result.failures:
        # What wxlint did not analyse is an error, not a pass: a suite of its own, read first.
        suite = ElementTree.SubElement(root, "testsuite", name="wxlint: not analysed", tests=str(len(result.failures)),
                                       failures="0", errors=str(len(result.failures)))
        for failure in result.failures:
            line = _xml(failure_line(failure, context.cwd))
            name = _xml(display_path(failure.path, context.cwd)) if failure.path is not None else "wxlint"
            case = ElementTree.SubElement(suite, "testcase", name=f"not analysed ({failure.stage})", classname=name)
            ElementTree.SubElement(case, "error", message=line, type=failure.stage).text = line
    for path in files:
        name = _xml(display_path(path, context.cwd))
        findings = by_file[path]
        suite = ElementTree.SubElement(root, "testsuite", name=name, tests=str(len(findings) or 1),
                                       failures=str(len(findings)), errors="0")
        if not findings:
            ElementTree.SubElement(suite, "testcase", name="wxlint", classname=name)
        for f in findings:
            case = ElementTree.SubElement(suite, "testcase", name=f"{f.rule} at {f.line}:{f.column}", classname=name)
            failure = ElementTree.SubElement(case, "failure", message=_xml(f.message), type=f.severity)
            trace = "".join(f"\n  {step.line}:{step.column} {display_path(step.path, context.cwd)} {step.note}" for step in f.trace)
            failure.text = _xml(f"{name}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}{trace}")
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
