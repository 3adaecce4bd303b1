"""unused-component: the upload scan's CONTAINS_UNUSED_COMPONENTS: a component that every page and component
declaring it leaves out of its templates; reported at each `usingComponents` entry that declares it, with a fix
that removes the entry."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import upload_package, uploaded_from_here
from wxlint.parse.json_document import read_json_document, remove_member

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    if not uploaded_from_here(ctx.model.project):
        return
    package = upload_package(ctx.model)
    graph = package.graph
    used = graph.used_components()
    for entry in graph.entries:
        if entry.component in used or entry.generic:
            continue
        document = read_json_document(package.path_of(entry.holder), ctx.model.project.root)
        member = document.member("usingComponents", entry.tag) if document is not None else None
        if member is None:
            continue
        using = document.member("usingComponents").value
        ctx.report(document.source.path, document.span(member.key), "unused", tag=entry.tag,
                   component=entry.component[:-len(".json")],
                   fix=ctx.fix("fix-remove", remove_member(document, using, member), tag=entry.tag))
