"""unused-plugin: the upload scan's CONTAINS_UNUSED_PLUGINS, reported at the plugin's entry in app.json (or in its
subpackage), with a fix that removes the entry."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.javascript import object_property
from wxlint.model.upload import app_config, subpackage_entry, upload_package, uploaded_from_here
from wxlint.parse.javascript import property_key
from wxlint.parse.json_document import remove_member

USES_FLOW = False
WHOLE_PROJECT = True  # the upload package: every file of the project


def check(ctx: CheckContext) -> None:
    document = app_config(ctx.model.project)
    if document is None or not uploaded_from_here(ctx.model.project):
        return
    graph = upload_package(ctx.model).graph
    if graph.dynamic_plugin_require:
        return  # requirePlugin(name) with a computed name: any plugin may be the one it loads
    global_uses = {alias for uses in graph.plugin_uses.values() for alias in uses}
    member = document.member("plugins")
    declared = [("", member.value if member is not None else None)]
    subpackages = ctx.model.project.app_json.get("subPackages") or ctx.model.project.app_json.get("subpackages") or []
    for package in subpackages if isinstance(subpackages, list) else []:
        root = package.get("root") if isinstance(package, dict) else None
        entry = subpackage_entry(document, root) if isinstance(root, str) else None
        if entry is not None:
            declared.append((root.strip("/") + "/", object_property(entry, "plugins")))
    for root, plugins in declared:
        if plugins is None or plugins.type != "ObjectExpression":
            continue
        uses = global_uses if not root else {alias for name, aliases in graph.plugin_uses.items()
                                             if name.startswith(root) for alias in aliases}
        for member in plugins.properties:
            if member.type != "Property":
                continue
            alias = property_key(member)
            provider_node = object_property(member.value, "provider")
            provider = provider_node.value if provider_node is not None and provider_node.type == "Literal" else None
            if alias in uses or (provider is not None and provider in uses):
                continue
            where = "app.json plugins" if not root else f"subpackage {root} plugins"
            ctx.report(document.source.path, document.span(member.key), "unused", alias=alias,
                       provider=provider or "?", where=where,
                       fix=ctx.fix("fix-remove", remove_member(document, plugins, member), alias=alias, where=where))
