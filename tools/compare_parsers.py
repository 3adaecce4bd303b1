"""Compare the native front end (tree-sitter, wxlint/parse/native_javascript.py) with esprima on
real files: every file the native front end answers for must give esprima's tree exactly.

    python tools/compare_parsers.py FOLDER... [--show N]

Prints how many files each front end answered for, the time each took, and the first
difference in each file where the trees differ.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from esprima.objects import Object  # noqa: E402

from wxlint.parse import native_javascript  # noqa: E402
from wxlint.parse.javascript import _parse_program, native_program  # noqa: E402
from wxlint.parse.source import SourceError, decode_bytes  # noqa: E402

# attributes only esprima's own parse leaves on nodes (positions of errors, cover-grammar marks)
PRIVATE = frozenset({"_start", "_end", "_line", "_column", "loc", "_trailingComma"})


def first_difference(native, expected, path="program"):
    """Where two trees first differ (type strings, attributes, ranges), or None when they are the same."""
    if isinstance(expected, Object) or isinstance(native, Object):
        if not (isinstance(expected, Object) and isinstance(native, Object)):
            return f"{path}: {_brief(native)} != {_brief(expected)}"
        names = {k for k in vars(expected) if k not in PRIVATE} | {k for k in vars(native) if k not in PRIVATE}
        for name in sorted(names, key=lambda n: (n != "type", n != "range", n)):
            found = first_difference(getattr(native, name), getattr(expected, name), f"{path}.{name}")
            if found:
                return found + (f"  [{getattr(expected, 'type', '')} at {getattr(expected, 'range', '')}]"
                                if name in ("type", "range") else "")
        return None
    if isinstance(expected, (list, tuple)) and isinstance(native, (list, tuple)):
        if len(expected) != len(native):
            return f"{path}: {len(native)} items != {len(expected)}"
        for index, (a, b) in enumerate(zip(native, expected)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    if native != expected or type(native) is not type(expected):
        return f"{path}: {native!r} != {expected!r}"
    return None


def _brief(value):
    return getattr(value, "type", None) or repr(value)[:60]


def esprima_tree(code: str):
    import esprima

    for source_type in ("module", "script"):
        try:
            return _parse_program(code, source_type)
        except (esprima.Error, AssertionError, RecursionError):
            continue
    return None


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("folders", nargs="+", type=Path)
    arguments.add_argument("--show", type=int, default=30, help="differences to print")
    arguments.add_argument("--why", action="store_true", help="count why the native front end left files to esprima")
    options = arguments.parse_args()
    files = sorted(p for folder in options.folders for p in ([folder] if folder.is_file() else folder.rglob("*.js"))
                   if p.is_file() and "node_modules" not in p.parts)
    answered = same = refused_valid = 0
    native_time = esprima_time = 0.0
    shown = 0
    reasons: dict[str, int] = {}
    for path in files:
        try:
            code = decode_bytes(path.read_bytes())[0]
        except (SourceError, OSError):
            continue
        started = time.perf_counter()
        native = native_program(code)
        native_time += time.perf_counter() - started
        if native is None and options.why:
            try:
                native_javascript._Converter(code).program()
            except Exception as error:  # noqa: BLE001 - the reason is what is printed
                line = traceback.extract_tb(error.__traceback__)[-1].lineno
                reason = f"{type(error).__name__} {error} (native_javascript.py:{line})"
                reasons[reason] = reasons.get(reason, 0) + 1
        started = time.perf_counter()
        expected = esprima_tree(code)
        esprima_time += time.perf_counter() - started
        if native is None:
            refused_valid += expected is not None
            continue
        answered += 1
        difference = "esprima refuses this file" if expected is None else first_difference(native, expected)
        if difference is None:
            same += 1
        elif shown < options.show:
            shown += 1
            print(f"{path}: {difference}")
    print(f"{len(files)} files; native answered {answered}, {same} the same as esprima; "
          f"left to esprima {refused_valid} that esprima parses")
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"  left to esprima: {count} × {reason}")
    print(f"native {native_time:.2f} s, esprima {esprima_time:.2f} s")
    return 0 if same == answered else 1


if __name__ == "__main__":
    sys.exit(main())
