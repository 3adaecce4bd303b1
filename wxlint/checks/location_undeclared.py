"""location-undeclared: location APIs must be declared in app.json (requiredPrivateInfos, permission,
requiredBackgroundModes), and the fuzzy and precise location are not declared together."""

from __future__ import annotations

from wxlint.data_tables import load_data_table
from wxlint.checks import CheckContext
from wxlint.parse.json_document import read_json_document
from wxlint.uni_app import weixin_settings

USES_FLOW = True


def _strings(document, key: str) -> set[str]:
    member = document.member(key) if document is not None else None
    if member is None or member.value.type != "ArrayExpression":
        return set()
    return {e.value for e in member.value.elements if e is not None and e.type == "Literal" and isinstance(e.value, str)}


def check(ctx: CheckContext) -> None:
    project = ctx.model.project
    root = project.miniprogram_root
    if project.framework == "uni-app":
        documents = [d for d in (weixin_settings(root, project.root),) if d is not None]
    else:
        documents = [d for d in (read_json_document(root / name, project.root) for name in ctx.data["config_files"]) if d is not None]
    if not documents:
        return  # no app.json: single files, or a project discovery already reported
    # where the declarations belong: app.json, or what uni-app compiles into it
    settings = "`manifest.json` `mp-weixin`" if project.framework == "uni-app" else "`app.json`"
    declared = set().union(*(_strings(d, "requiredPrivateInfos") for d in documents))
    background = set().union(*(_strings(d, "requiredBackgroundModes") for d in documents))
    has_purpose = any(d.member("permission", ctx.data["needs_purpose_scope"], "desc") is not None for d in documents)
    purpose_apis = set(load_data_table("scopes")["scopes"][ctx.data["needs_purpose_scope"]]["apis"])
    apis, background_apis = set(ctx.data["declared_apis"]), set(ctx.data["background_apis"])
    graph = None
    for module in ctx.model.js_modules.values():
        uses = [use for use in module.wx_uses if use.kind == "call" and use.api in apis]
        if not uses or ctx.flow.never_opened(module):
            continue  # a call that never runs never fails
        graph = graph or ctx.flow.graph
        # nor does one in a method nothing binds or calls, or a helper nothing calls (held-out caaaaaainiao, feiyue)
        uses = [use for use in uses if ctx.flow.ever_runs(graph.enclosing_function(use.call))]
        for use in uses:
            if use.api not in declared:
                ctx.report_node(module, use.node, "undeclared", api=use.api, settings=settings)
            if use.api in purpose_apis and not has_purpose:
                ctx.report_node(module, use.node, "no-permission-desc", api=use.api, settings=settings)
            if use.api in background_apis and "location" not in background:
                ctx.report_node(module, use.node, "no-background-mode", api=use.api, settings=settings)
    precise = sorted(declared & set(ctx.data["precise_apis"]))
    if "getFuzzyLocation" in declared and precise:
        for document in documents:
            member = document.member("requiredPrivateInfos")
            if member is not None and "getFuzzyLocation" in _strings(document, "requiredPrivateInfos"):
                ctx.report(document.source.path, document.span(member.key), "fuzzy-and-precise",
                           precise=", ".join(f"`{name}`" for name in precise))
