"""minify-disabled: the upload scan's JS_COMPRESS_OPEN, WXML_COMPRESS_OPEN and WXSS_COMPRESS_OPEN, one finding a
setting of project.config.json that is not true (missing counts as off, as the scan reads it)."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.upload import project_config, truthy
from wxlint.parse.json_document import add_member, replace_value

USES_FLOW = False


def check(ctx: CheckContext) -> None:
    document = project_config(ctx.model.project)
    if document is None:
        return  # no project.config.json (or one discovery already reported as broken): nothing is uploaded from here
    setting = document.member("setting")
    for message_id, key in ctx.data["settings"].items():
        member = document.member("setting", key)
        if member is not None and truthy(member.value):
            continue
        if member is not None:
            where, change = member.key, replace_value(document, member, True)
        elif setting is not None and setting.value.type == "ObjectExpression":
            where, change = setting.key, add_member(document, setting.value, key, True)
        elif setting is not None:
            where, change = setting.key, replace_value(document, setting, {key: True})
        else:
            where, change = document.root, add_member(document, document.root, "setting", {key: True})
        line, column, end_line, end_column = document.span(where)
        if where is document.root:
            end_line, end_column = line, column + 1  # the opening brace, not the whole file
        ctx.report(document.source.path, (line, column, end_line, end_column), message_id,
                   fix=ctx.fix("fix-setting", change, key=key))
