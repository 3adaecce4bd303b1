"""missing-caniuse-fallback: APIs and components newer than the project's minimum base library."""

from __future__ import annotations

from wxlint.checks import CheckContext
from wxlint.model.control import catching_clause
from wxlint.model.guards import (Fact, api_versions, attribute_value_facts, component_versions, element_facts, lexical_facts,
                                 proves, version_key)
from wxlint.model.javascript import JsModule
from wxlint.analyse.flow import library_native_element
from wxlint.model.wxml import component_keys
from wxlint.parse.vue import hyphenated

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    minimum, _ = ctx.model.project.config.effective_min_lib_version
    floor = version_key(minimum)
    all_apis, all_components = api_versions(), component_versions()
    apis = {name: since for name, since in all_apis.items() if version_key(since) > floor}
    components = {key: since for key, since in all_components.items() if version_key(since) > floor}
    if not apis and not components:
        return
    guards = _Guards(ctx, {**all_apis, **all_components})
    for module in ctx.model.js_modules.values():
        for use in module.wx_uses:
            if use.kind == "call" and use.api in apis:
                if ctx.flow.surely_never_runs_at(module, use.call):
                    continue  # a method nothing binds or calls throws on no client (ywconetime/guahao-hospital, held out)
                requirement = ("api", use.api, apis[use.api])
                if not guards.call_guarded(module, use.call, requirement):
                    ctx.report_node(module, use.node, "api", api=use.api, since=apis[use.api], minimum=minimum)
    for document in ctx.model.wxml.values():
        flags = guards.flags_for_document(document)
        route = ctx.model.route_of_template(document.source.path)
        for element in document.iter_elements():
            for key, attribute in component_keys(element):
                if key not in components and attribute is not None and route is not None:
                    key = _as_built_in(ctx, route, element.tag, key, attribute)
                if key not in components:
                    continue
                found = element_facts(element)
                if attribute is not None:
                    found |= attribute_value_facts(attribute, key.rsplit(".", 1)[-1])
                if guards.covers(found, flags, ("component", key, components[key])):
                    continue
                start = attribute.offset if attribute is not None else element.offset
                end = attribute.end if attribute is not None else element.offset + len(element.tag) + 1
                written = f'<{element.tag} {attribute.name}="{attribute.value}">' if attribute is not None else f"<{element.tag}>"
                ctx.report_range(document.source, start, end, "component", component=written, schema=key,
                                 since=components[key], minimum=minimum)


class _Guards:
    def __init__(self, ctx: CheckContext, versions: dict[str, str]):
        self.ctx = ctx
        self.flow = ctx.flow
        self.versions = versions  # API or `canIUse` key -> the base library it needs

    def flags_of(self, module: JsModule | None) -> dict[str, frozenset[Fact]]:
        return self.flow.data_flags(module)

    def flags_for_document(self, document) -> dict[str, frozenset[Fact]]:
        return self.flags_of(self.ctx.model.script_beside(document.source.path))

    def covers(self, found, flags, requirement) -> bool:
        return proves(found, flags, requirement, self.versions)

    def call_guarded(self, module: JsModule, call, requirement) -> bool:
        flags = self.flags_of(module)
        if self.covers(lexical_facts(module, call.callee), flags, requirement):
            return True
        if catching_clause(call) is not None:
            # an old client's TypeError goes to the `catch`: the fallback (`try { wx.getWindowInfo() } catch (e)
            # { width = 375 }`, CY-CPU1011/KaiLift_wx, held out)
            return True
        function = self.flow.graph.enclosing_function(call)
        if self.flow.holds_on_every_way_in(function, lambda found, flags: self.covers(found, flags, requirement)):
            return True
        # the TypeError leaves each function called synchronously, up to a caller's `catch` (App onLaunch's
        # `try { this.initThemeMode() } catch (error) {…}`: 0x13217D4/starlumina-tools-wechat, held out)
        return self.flow.every_way_in(function, lambda edge: _synchronous(edge) and catching_clause(edge.site) is not None,
                                      lambda entry: False, carries=_synchronous)


def _as_built_in(ctx: CheckContext, route: str, tag: str, key: str, attribute) -> str:
    """The key of an attribute a UI library's component passes to the built-in element it renders (`t-button.open-type.
    chooseAvatar` is `button.open-type.chooseAvatar`: Resuragam/lost-found, held out); else the key as it is."""
    component = ctx.model.component_of_tag(route, tag)
    if component is None:
        return key
    name = hyphenated(attribute.name)
    element = library_native_element(component or ctx.flow.foreign_component(route, tag), name)
    return f"{element}.{name}.{key.rsplit('.', 1)[-1]}" if element is not None else key


def _synchronous(edge) -> bool:
    return edge.kind == "call"
