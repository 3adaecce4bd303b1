"""Which files of a project can matter to findings in a few given files (pre-commit runs).

Findings in a file depend on: the file itself and its unit siblings (a page's .js, .wxml,
.json); everything that can call into it (files that import it, WXML that includes it,
`getApp()` users for app.js), transitively; what all of those call, transitively; and the code
that runs at launch (App, entry pages, their components). Navigation targets are kept for the
settings-page goal of missing-opensetting. Nothing else can change those findings.
"""

from __future__ import annotations

from pathlib import Path

from wxlint.discover import Project
from wxlint.model.modules import file_dependencies, resolve_module_path
from wxlint.parse.batch import ParseCache, parse_all
from wxlint.parse.files import ParsedFile

UNIT_SUFFIXES = (".js", ".ts", ".wxml", ".json")


def resolve_dependency(project: Project, importer: Path, kind: str, spec: str) -> list[Path]:
    if kind == "module":
        path = resolve_module_path(importer, spec, project.miniprogram_root)
        return [path] if path is not None else []
    if kind == "template":
        base = project.miniprogram_root / spec.lstrip("/") if spec.startswith("/") else importer.parent / spec
        if base.suffix != ".wxml":
            base = base.with_name(base.name + ".wxml")
        return [base.resolve()] if base.is_file() else []
    if kind == "app":
        return [p for p in (project.miniprogram_root / name for name in ("app.js", "app.ts", "App.vue")) if p.is_file()]
    if kind == "route":
        return _route_files(project, spec.split("?", 1)[0].strip("/"))
    return []


def _route_files(project: Project, route: str) -> list[Path]:
    unit = project.units.get(route)
    if unit is None:
        return []
    return [p.resolve() for p in (unit.script, unit.wxml, unit.json) if p is not None]


def _siblings(path: Path) -> list[Path]:
    base = path.with_suffix("")
    return [candidate for candidate in (base.with_suffix(s) for s in UNIT_SUFFIXES) if candidate.is_file()]


def relevant_files(project: Project, given: set[Path], dependencies: dict[Path, list[tuple[str, str]]]) -> set[Path]:
    forward: dict[Path, set[Path]] = {}
    backward: dict[Path, set[Path]] = {}
    for path, deps in dependencies.items():
        for kind, spec in deps:
            for target in resolve_dependency(project, path, kind, spec):
                forward.setdefault(path, set()).add(target)
                if kind != "route":  # a navigation target does not call back into its caller
                    backward.setdefault(target, set()).add(path)

    def close(start: set[Path], edges: dict[Path, set[Path]]) -> set[Path]:
        seen = set(start)
        stack = list(start)
        while stack:
            current = stack.pop()
            for nxt in edges.get(current, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen

    def with_siblings(paths: set[Path]) -> set[Path]:
        return paths | {s.resolve() for p in paths for s in _siblings(p)}

    callers = close(with_siblings(set(given)), backward)
    launch = set(resolve_dependency(project, project.miniprogram_root / "app.json", "app", ""))
    for route in project.entry_routes:
        launch |= set(_route_files(project, route))
        for component in _components_of(project, route):
            launch |= set(_route_files(project, component))
    reached = close(with_siblings(callers | launch), forward)
    return with_siblings(reached)


def _components_of(project: Project, route: str) -> set[str]:
    found: set[str] = set()
    queue = [route]
    while queue:
        unit = project.units.get(queue.pop())
        if unit is None:
            continue
        for target in {**project.global_components, **unit.components}.values():
            if target not in found:
                found.add(target)
                queue.append(target)
    return found


def files_that_matter(project: Project, contents, parse_cache: ParseCache | None, parsed: dict[Path, ParsedFile],
                      jobs: int, deadline: float | None) -> list[Path]:
    """For a run on a few files: the project files that can affect their findings. Dependencies come from the
    cache's facts; files it does not know are parsed now (and kept in `parsed`)."""
    dependencies: dict[Path, list] = {}
    unknown = []
    for path in project.files:
        data = contents[path]
        known = parse_cache.fact(ParseCache.key(path, data)) if parse_cache is not None and isinstance(data, bytes) else None
        if known is None:
            unknown.append(path)
        else:
            dependencies[path] = [tuple(d) for d in known]
    if unknown:
        parsed.update(parse_all(unknown, jobs=jobs, cache=parse_cache, contents=contents, deadline=deadline))
        for path in unknown:
            if path in parsed:
                dependencies[path] = file_dependencies(parsed[path])
        if parse_cache is not None:
            remember_dependencies(parse_cache, contents, parsed)
    relevant = relevant_files(project, set(project.only_files), dependencies)
    return [path for path in project.files if path in relevant or path in project.only_files]


def remember_dependencies(parse_cache: ParseCache, contents, parsed: dict[Path, ParsedFile], model=None) -> None:
    """Store each new file's dependencies (`file_dependencies`) in the cache's facts, read from the project
    model when there is one."""
    for path, file in parsed.items():
        data = contents.get(path)
        if isinstance(data, bytes):
            key = ParseCache.key(path, data)
            if parse_cache.fact(key) is None:
                modules = None
                if model is not None:
                    modules = ([model.js_modules[path]] if path in model.js_modules else []) + model.inline_wxs.get(path, [])
                    if len(modules) != (file.js is not None) + len(file.inline_wxs):
                        modules = None  # a tree the model could not take: read the tree itself
                parse_cache.remember(key, file_dependencies(file, modules))
    parse_cache.save_facts()
