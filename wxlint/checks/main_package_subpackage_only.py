"""main-package-subpackage-only: the upload scan's CONTAINS_OTHER_PKG_JS (a main-package script whose every importer
is in a subpackage) and CONTAINS_OTHER_PKG_COMPONENTS (a main-package component no main-package page or app.json
reaches)."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import babel_output, project_config, upload_package, uploaded_from_here

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    if not uploaded_from_here(ctx.model.project):
        return
    package = upload_package(ctx.model)
    if not package.subpackage_roots:
        return
    graph = package.graph
    babel = babel_output(project_config(ctx.model.project))
    scripts = []
    for name, kind in graph.kinds.items():
        parents = graph.parents.get(name, set())
        if kind != "js" or not name.endswith(".js") or name not in package.files or babel in name:
            continue
        if parents and graph.in_main_package(name) and not any(graph.in_main_package(p) for p in parents):
            scripts.append((name, sorted({package.package_of(p) for p in parents})))
    if sum(package.files[name].size for name, _ in scripts) > 0:  # as the scan: empty files alone do not fail it
        for name, users in sorted(scripts):
            ctx.report(package.files[name].path, (1, 1, 1, 1), "script", name=name, subpackages=_named(users))
    for name, users in _subpackage_only_components(graph):
        path = package.path_of(name)
        ctx.report(path, (1, 1, 1, 1), "component", name=name[:-len(".json")], subpackages=_named(users))


def _subpackage_only_components(graph) -> list[tuple[str, list[str]]]:
    """Main-package components that no main-package page or app.json reaches, going up from holder to holder and
    stopping at pages; with the subpackages whose pages reach them."""
    found = []
    for name, kind in sorted(graph.kinds.items()):
        if kind != "component" or not graph.in_main_package(name):
            continue
        seen, stack, users, reached_main = {name}, [name], set(), False
        while stack and not reached_main:
            for parent in graph.parents.get(stack.pop(), ()):
                if parent in seen:
                    continue
                seen.add(parent)
                parent_kind = graph.kinds.get(parent)
                if parent_kind == "app" or (parent_kind == "page" and graph.in_main_package(parent)):
                    reached_main = True
                elif parent_kind == "page":
                    users.add(graph.package.package_of(parent))
                else:
                    stack.append(parent)
        if not reached_main and users:
            found.append((name, sorted(users)))
    return found


def _named(roots: list[str]) -> str:
    return ", ".join(f"`{root}`" for root in roots)
