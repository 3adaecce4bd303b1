"""lazy-code-loading-off: the upload scan's LAZYCODE_LOADING_OPEN: app.json's `lazyCodeLoading` must be true to `!!`."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import app_config, truthy, uploaded_from_here
from wxlint.parse.json_document import add_member, replace_value

USES_FLOW = False


def check(ctx: CheckContext) -> None:
    document = app_config(ctx.model.project)
    if document is None or not uploaded_from_here(ctx.model.project):
        return  # not a DevTools project (or a broken file, which discovery reports)
    member = document.member("lazyCodeLoading")
    value = ctx.data["value"]
    if member is None:
        line, column, _, _ = document.span(document.root)
        ctx.report(document.source.path, (line, column, line, column + 1), "missing",
                   fix=ctx.fix("fix-lazy", add_member(document, document.root, "lazyCodeLoading", value), safe=False))
    elif not truthy(member.value):
        ctx.report(document.source.path, document.span(member), "not-on",
                   fix=ctx.fix("fix-lazy", replace_value(document, member, value), safe=False))
