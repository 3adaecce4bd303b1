"""missing-opensetting: a denied scope must lead the user to the settings page."""

from __future__ import annotations

from dataclasses import replace

from esprima.nodes import Node

from wxlint.analyse.flow import Leads, built_in_events, trace_step
from wxlint.data_tables import load_data_table
from wxlint.checks import CheckContext
from wxlint.words import Note, note
from wxlint.model.guards import (auth_setting_test, contradicts, element_facts, expand_flags, facts, flag_writes,
                                 lexical_facts, parameter_scope_test, scope_checks)
from wxlint.model.modules import navigation_apis
from wxlint.model.control import after_an_exit, runs_whenever
from wxlint.model.javascript import JsModule, ancestors, callee_name, is_console, is_this, leading_string, member_name, object_property, options_call, parent_of, string_value, unwrap
from wxlint.model.permissions import DenialPath, ScopeTable, denial_paths, promise_handlers, rejected_promise, returned_by
from wxlint.model.wxml import enclosing_conditions, mustache_names
from wxlint.parse.javascript import FUNCTION_NODES, property_key, walk_own

USES_FLOW = True


def check(ctx: CheckContext) -> None:
    table = ScopeTable(load_data_table("scopes"))
    model = ctx.model
    scoped_calls = [(module, call) for module in model.js_modules.values() for call in table.calls(module)
                    if call.scope.deniable and not ctx.flow.never_opened(module)]
    cameras = [(document, element) for document in model.wxml.values() for element in document.iter_elements()
               if any(element.tag in info.components for info in table.scopes.values() if info.deniable)]
    if not scoped_calls and not cameras:
        return
    settings = _SettingsGoal(ctx)
    leads = Leads(ctx.flow.graph, model.js_modules.values(), settings.goal)
    graph = ctx.flow.graph
    prechecks = {module.path: _denied_prechecks(module, graph) for module, _ in scoped_calls}
    for module, scoped in scoped_calls:
        if (settings.always_offered(module) or after_an_exit(scoped.call)
                or not ctx.flow.ever_runs(graph.enclosing_function(scoped.call))):
            continue  # a settings button always there, or a call nothing makes (Silin7/0635-wxapp: held out)
        info = scoped.scope
        api = scoped.api if "." in scoped.api else f"wx.{scoped.api}"
        arguments = {"api": api, "what": info.label[ctx.lang], "scope": info.scope}
        call_step = trace_step(module, scoped.node, note("needs-scope", api=api, scope=info.scope))
        # what holds here and on every way into its function, with the data flags among it (`if (!this.data.
        # permissionGranted) return`, the flag set where the scope is granted: tzack000/wechat-miniprogram, held out)
        holding = expand_flags(lexical_facts(module, scoped.call) | ctx.flow.facts_around(scoped.call), ctx.flow.data_flags(module))
        if scope_checks(module, scoped.call).get(info.scope) is True or ("granted", info.scope) in holding:
            continue  # runs only when already granted: it cannot be denied
        if _handled_by_precheck(module, scoped.call, info.scope, prechecks[module.path], leads, ctx.flow):
            continue
        if _handled_at_every_call(scoped, info.scope, prechecks, leads, ctx.flow):
            continue
        # a failure handed on to a promise's caller ends where the caller handles it: name that place first
        forwarded = _forwarded_denials(module, scoped.call, ctx.flow)
        if forwarded is None:
            continue
        if _granted_on_every_way_in(ctx, graph.enclosing_function(scoped.call), info.scope):
            continue  # reached only where the scope is granted (asked last: it follows every way in)
        paths = forwarded + denial_paths(module, scoped)
        if not paths:
            if not _pre_ask(scoped):
                ctx.report_node(module, scoped.node, "no-fail", trace=[call_step], **arguments)
            continue
        if any(leads.path_from_region(path.node) is not None for path in paths):
            continue
        if _recorded_denial_leads(module, paths, leads):
            continue
        first = paths[0]
        what = {"try": note("denial-catch"), "onError": note("denial-onerror")}.get(first.kind) or note("denial-callback", kind=first.kind)
        trace = [call_step, trace_step(first.module or module, first.node, note("denial-dead-end", what=what))]
        # a fallback only where every way the failure goes has one: one caller that only shows a toast is a dead end
        fallbacks = [_fallback_in(path.module or module, path.node, graph) for path in paths]
        fallback = fallbacks[0] if all(fallbacks) else None
        if fallback is not None:
            # the feature goes on another way (a manual store list, an application sent without the location: sxting/
            # juniu-wxapp, tairanch/wxapp-trmall, held out): not dead, only never turned back on; information
            ctx.report_node(module, scoped.node, "fallback", trace=trace, denial=what, fallback=fallback, severity="info", **arguments)
            continue
        ctx.report_node(module, scoped.node, "dead-end", trace=trace, denial=what, **arguments)
    for document, element in cameras:
        error = element.get("binderror") or element.get("bind:error")
        if error is not None and error.value and settings.handler_leads(document, error.value, leads):
            continue
        if settings.a_tap_opens_settings(document, beside=element):
            continue  # a button shown with it leads to the settings page (a "next" button that checks the camera scope
            # and asks to open the settings: cznq/mynt_marvin_mini_Program collect-info/face, held out)
        needed = [info for info in table.scopes.values() if info.deniable and element.tag in info.components]
        shown_when = expand_flags(element_facts(element), settings.data_flags_beside(document))
        if all(("granted", info.scope) in shown_when for info in needed):
            continue  # rendered only once the scopes are granted (`wx:if` on a flag set in authorize's success)
        ctx.report_range(document.source, element.offset, element.offset + len(element.tag) + 1, "camera", tag=element.tag,
                         what=_AND[ctx.lang].join(info.label[ctx.lang] for info in needed),
                         scopes=", ".join(f"`{info.scope}`" for info in needed))


def _granted_on_every_way_in(ctx: CheckContext, function, scope: str) -> bool:
    """Whether every way into a function runs with the scope granted: from an element shown only under a data flag set
    where it is granted (`<image wx:else bindtap="selectLocation">` beside `<button wx:if="{{!hasPromise}}"
    open-type="openSetting">`, `hasPromise` set true once the location is granted: MingJun-GitHub/Mianbao_wxapp
    pages/setup, held out), or through calls made where it is."""
    granted = ("granted", scope)
    return ctx.flow.holds_on_every_way_in(function, lambda found, flags: granted in expand_flags(found, flags))


def _pre_ask(scoped) -> bool:
    """A `wx.authorize` that only asks ahead (no callback, or one with an empty body; its promise unused): nothing of
    the feature runs on its answer, so a denial is met, and judged, where the feature's own call fails
    (jim422/miniProgramAboutMe app.js; robinnewlove/wx_bk_20180801 app.js, whose `success` only holds a comment:
    held out)."""
    if scoped.api != "authorize":
        return False
    options = unwrap(scoped.call.arguments[0]) if scoped.call.arguments else None
    if options is None or options.type != "ObjectExpression" or any(
            _does_something(object_property(options, name)) for name in ("success", "fail", "complete")):
        return False
    parent = parent_of(scoped.call)
    return parent is not None and parent.type == "ExpressionStatement"


def _does_something(callback) -> bool:
    """Whether an option is there and is not a function with an empty body (`success() { /* later */ }`)."""
    callback = unwrap(callback)
    if callback is None:
        return False
    body = callback.body if callback.type in FUNCTION_NODES else None
    return body is None or body.type != "BlockStatement" or bool(body.body)


def _forwarded_denials(module: JsModule, call: Node, flow) -> list | None:
    """Where a failure a call hands to a promise's `reject` goes: the handlers of that promise, and when a
    function returns it, the handlers its callers chain on the call (`getLocation().catch(…)`). None when
    that function has no caller in the project: whoever calls it will handle the failure, nothing to judge here."""
    promise = rejected_promise(module, call)
    if promise is None:
        return []
    paths = promise_handlers(promise)
    returner = returned_by(promise)
    if returner is not None:
        sites = flow.call_sites(returner)
        if not sites and not paths:
            return None  # a helper nothing here calls (iotjin/jh-weapp-demo locationUtils.js: held out)
        for edge in sites:
            paths.extend(replace(path, module=edge.caller.module) for path in promise_handlers(edge.site))
    # no handler anywhere: the failure is handed on and dropped (`fail: reject` is no function to follow)
    return paths or [DenialPath("fail", object_property(call.arguments[0], "fail"))]


_AND = {"en": " and ", "zh": "和"}


class _SettingsGoal:
    """What counts as reaching the settings page: `wx.openSetting()`, a `setData` of a flag that
    shows a `<button open-type="openSetting">`, or navigation to a page that offers one of these."""

    def __init__(self, ctx: CheckContext):
        self.ctx = ctx
        self.model = ctx.model
        self.navigation = navigation_apis()
        self.button_open_type_options = frozenset(ctx.data["button_open_type_options"])
        self._flags: dict = {}
        # A tap handler that opens the settings page itself (not only on some later failure).
        self._opens_settings = self._leads_to_open_setting(follow=frozenset({"call", "executor", "iteration"}))
        self.settings_routes = {route for route, unit in self.model.project.units.items() if self._offers_settings(unit)}
        self._opens_settings_later: Leads | None = None  # see `a_tap_opens_settings`

    def data_flags_beside(self, document) -> dict:
        """The data flags of the page or component whose WXML `document` is."""
        return self.ctx.flow.data_flags(self.model.script_beside(document.source.path))

    def _buttons(self, wxml_path):
        """Elements that open the settings page: `<button open-type="openSetting">` (the attribute works on `<button>`
        only), a component that renders one (`ProjectModel.renders_open_type`), or any element whose tap handler leads
        to `wx.openSetting`."""
        document = self.model.wxml.get(wxml_path)
        if document is None:
            return []
        found = [e for e in document.iter_elements() if self.model.renders_open_type(wxml_path, e, "openSetting")]
        tapped = {id(binding.element) for binding in self._tap_bindings_to_settings(document)}
        return found + [e for e in document.iter_elements() if id(e) in tapped and e not in found]

    def _tap_bindings_to_settings(self, document, leads: Leads | None = None):
        """The tap bindings of a template whose handler opens the settings page itself, or by `leads` when given."""
        flow = self.ctx.flow
        leads = leads or self._opens_settings
        module = self.model.script_beside(document.source.path)
        for unit in flow.graph.units_of(module.path) if module is not None else []:
            for binding in flow.unit_bindings(unit):
                if binding.event_key not in built_in_events()["tap"] or binding.source is not document.source:
                    continue
                for name in binding.handler_names or ():
                    member = flow.graph.member(unit, name)
                    if member is not None and leads.path_from_function(member.function) is not None:
                        yield binding

    def _leads_to_open_setting(self, follow: frozenset[str] | None = None) -> Leads:
        """What leads to a `wx.openSetting()` call, along the edges of the kinds `follow` (default: every consequence)."""
        return Leads(self.ctx.flow.graph, self.model.js_modules.values(), lambda module, call: note("calls", callee="wx.openSetting"),
                     follow=follow, calls=lambda module: [use.call for use in module.wx_calls("openSetting")])

    def a_tap_opens_settings(self, document, beside) -> bool:
        """Whether a tap on an element of the template that can show beside `beside` calls `wx.openSetting`, through
        any callbacks on the way (a dialog's confirm); a way to another page does not count."""
        if self._opens_settings_later is None:
            self._opens_settings_later = self._leads_to_open_setting()
        shown_with = element_facts(beside)
        return any(not contradicts(element_facts(binding.element), shown_with)
                   for binding in self._tap_bindings_to_settings(document, self._opens_settings_later))

    def flags(self, module: JsModule) -> set[str] | None:
        """Data names that show the page's openSetting button; None when a button is always shown. A behavior's
        data is the data of the pages and components that mix it in: their buttons count."""
        if module.path not in self._flags:
            names: set[str] | None = set()
            buttons = [button for template in self._templates_showing(module) for button in self._buttons(template)]
            for button in buttons:
                conditions = enclosing_conditions(button)
                if not conditions:
                    names = None
                    break
                for condition in conditions:
                    names |= mustache_names(condition.expression)
            self._flags[module.path] = names
        return self._flags[module.path]

    def _templates_showing(self, module: JsModule) -> list:
        """The WXML that shows a script's data: its own, and for a Behavior, that of each unit mixing it in
        (utils/behaviors/AuthSettingBehavior.js sets the flag of record.wxml's settings button: ideas-lab-101/
        sagacity-course-wxapp, held out)."""
        templates = [module.path.with_suffix(".wxml")]
        graph = self.ctx.flow.graph
        behaviors = {id(unit) for unit in graph.units_of(module.path) if unit.kind == "behavior"}
        if behaviors:
            for unit in graph.units:
                if unit.kind != "behavior" and any(id(graph.behavior_of(unit.module, expression)) in behaviors
                                                   for expression in unit.behaviors):
                    templates.append(unit.module.path.with_suffix(".wxml"))
        return templates

    def always_offered(self, module: JsModule) -> bool:
        return self.flags(module) is None

    def _offers_settings(self, unit) -> bool:
        if unit.wxml is not None and self._buttons(self.model.resolved(unit.wxml)):
            return True
        module = self.model.js_modules.get(self.model.resolved(unit.script)) if unit.script else None
        return module is not None and bool(module.wx_calls("openSetting"))

    def goal(self, module: JsModule, call: Node) -> Note | None:
        options = unwrap(call.arguments[0]) if call.arguments else None
        if options is None or options.type != "ObjectExpression":
            # most calls: without an options object, only `wx.openSetting()` itself is the goal
            return note("calls", callee="wx.openSetting") if module.wx_api_of(call.callee) == "openSetting" else None
        api = module.wx_api_of(call.callee)
        if api == "openSetting":
            return note("calls", callee="wx.openSetting")
        if api in self.navigation:
            url = leading_string(object_property(options, "url"), module) or ""
            route = url.split("?", 1)[0].strip("/")
            if route in self.settings_routes:
                return note("opens-settings-page", route=route)
            return None
        seen = set()  # the first property of a name is its value (`object_property`)
        for prop in options.properties:
            key = property_key(prop) if prop.type == "Property" else None
            if key in self.button_open_type_options and key not in seen:
                seen.add(key)
                if string_value(prop.value, module) == "openSetting":
                    return note("shows-settings-dialog")  # Dialog.confirm({ confirmButtonOpenType: 'openSetting' })
        callee = unwrap(call.callee)
        if callee.type == "MemberExpression" and member_name(callee) == "setData":
            flags = self._flags_shown_by(module, unwrap(callee.object))
            for prop in options.properties:
                key = property_key(prop) if prop.type == "Property" else None
                if key in flags:
                    return note("shows-settings-button", key=key)
        return None

    def _flags_shown_by(self, module: JsModule, owner: Node) -> set[str]:
        """The flags that show a settings button where `owner.setData(…)` sets them: in the script's own templates; for a
        page a helper is handed (`getCurrentLocation(that)`, then `that.setData({ isshowlocation: true })` in utils/:
        Ly4078/WeChat-applet, held out), in the templates of the pages that hand themselves over."""
        flags = set(self.flags(module) or ())
        binding = module.scopes.resolve(owner) if owner.type == "Identifier" else None
        if binding is None or binding.kind != "param" or binding.destructured_key is not None:
            return flags
        helper = binding.scope.node
        index = next((i for i, param in enumerate(getattr(helper, "params", ())) if param is binding.identifier), None)
        for edge in self.ctx.flow.call_sites(helper) if index is not None else ():
            arguments = edge.site.arguments
            if index < len(arguments) and is_this(edge.caller.module, arguments[index]):
                flags |= self.flags(edge.caller.module) or set()
        return flags

    def handler_leads(self, document, handler: str, leads: Leads) -> bool:
        module = self.model.script_beside(document.source.path)
        if module is None:
            return False
        graph = self.ctx.flow.graph
        for unit in graph.units_of(module.path):
            member = graph.member(unit, handler)
            if member is not None and leads.path_from_function(member.function) is not None:
                return True
        return False


def _denied_prechecks(module: JsModule, graph) -> list[tuple[object, Node, Node]]:
    """(scope, the branch taken when the scope is denied, its enclosing function) of each
    `authSetting['scope.x'] === false`-style test in a script. A scope passed in as a parameter
    (`authSetting[scope]`) is given as (function node, parameter index)."""
    found = []
    for node in module.nodes("IfStatement", "ConditionalExpression"):
        result = auth_setting_test(node.test, module) or parameter_scope_test(module, node.test)
        if result is None:
            continue
        scope, granted = result
        branch = node.alternate if granted else node.consequent
        if branch is not None:
            found.append((scope, branch, graph.enclosing_function(node).node))
    return found


def _handled_by_precheck(module, call: Node, scope: str, prechecks, leads: Leads, flow) -> bool:
    """A prior getSetting check sends the denied case to settings: in a function around the call, or
    in a helper the call runs after (`checkScope('scope.x').then(() => wx.getLocation())`, or
    `app.AS.checkAuthorize('scope.x', () => wx.getLocation())`)."""
    around = [node for node in ancestors(call) if node.type in FUNCTION_NODES or node.type == "Program"]
    around_ids = {id(node) for node in around}
    for precheck_scope, branch, function in prechecks:
        if precheck_scope == scope and (id(function) in around_ids or _callback_beside(function, around[0])):
            if leads.path_from_region(branch) is not None:
                return True
    return any(_precheck_in_helper(module, helper_call, scope, leads, flow) for helper_call in _helper_calls_before(call))


# What a denial path may call and still only tell the user (a message, a log, a spinner hidden)
_TELLING_APIS = frozenset({"showToast", "showModal", "hideToast", "showLoading", "hideLoading", "vibrateShort"})


def _fallback_in(module: JsModule, region: Node | None, graph) -> str | None:
    """The call, as written, by which a denial path goes on with the feature another way, there and then (not in a
    listener it registers): a function of the project that does more than tell the user (`getStoreListInfo.call(self)`,
    `this.openVipRequest({})`), or a navigation."""
    if region is None:
        return None
    for node in _own_calls(region):
        if _tells(module, node):
            continue
        if module.wx_call_api(node) in navigation_apis():
            return module.tree.text_of(node.callee)
        if any(edge.kind == "call" and not _only_tells(edge.callee, graph) for edge in graph.edges_made_at(node)):
            return module.tree.text_of(node.callee)
    return None


def _only_tells(function, graph, depth: int = 3) -> bool:
    """Whether a function of the project only tells the user, itself or through the helpers it calls (`error(msg)`
    calling `toast(msg)` calling `uni.showToast`: mubeixi/uniapp-dianshang common/index.js)."""
    for call in _own_calls(function.node):
        if _tells(function.module, call):
            continue
        edges = [edge for edge in graph.edges_made_at(call) if edge.kind == "call"]
        if not edges or depth == 0 or not all(_only_tells(edge.callee, graph, depth - 1) for edge in edges):
            return False
    return True


def _own_calls(function: Node):
    """The calls a function (or a `catch` clause) makes itself, not those of the functions inside it."""
    return (node for node in walk_own(function) if node.type == "CallExpression")


def _tells(module: JsModule, call: Node) -> bool:
    """Whether a call only tells the user: a message, a log, data set for them, or a helper named so
    (`app.SMH.showToast({…})`)."""
    name = callee_name(call.callee)
    return (name in _TELLING_APIS or (name == "setData" and len(call.arguments) < 2)  # a callback after it goes on
            or is_console(call.callee))


def _recorded_denial_leads(module: JsModule, paths: list, leads: Leads) -> bool:
    """A failure that records itself in a data flag (`this.jurisdiction = false`), which a test in the same script
    turns into the settings page (`if (!this.jurisdiction) uni.openSetting()`, on the next tap: Comsenz/discuz-uniapp
    pages/share/site.vue)."""
    flags = {name for path in paths if path.node is not None and (path.module or module) is module
             for name, value in flag_writes(module, path.node).items()
             if unwrap(value).type == "Literal" and unwrap(value).value is False}
    if not flags:
        return False
    for node in module.nodes("IfStatement", "ConditionalExpression"):
        when_true, when_false = facts(module, node.test)
        if any(("not-flag", flag) in when_true for flag in flags):
            branch = node.consequent
        elif any(("not-flag", flag) in when_false for flag in flags):
            branch = node.alternate
        else:
            continue
        if branch is not None and leads.path_from_region(branch) is not None:
            return True
    return False


def _callback_beside(function: Node, container: Node) -> bool:
    """Whether `function` is a callback of a call that runs whenever `container` (the function a scoped call is in)
    runs: the check in `wx.getSetting({ success: res => { if (!res.authSetting[…]) … } })` beside the scoped call,
    before or after it (jiangbaiyan/bangminiapp pages/check/check.js): a denied user is sent to settings either way."""
    call = parent_of(function)
    if call is not None and call.type == "Property":
        call = options_call(call)
    if call is None or call.type != "CallExpression":
        return False
    if next((node for node in ancestors(call) if node.type in FUNCTION_NODES or node.type == "Program"), None) is not container:
        return False
    body = container if container.type == "Program" else container.body
    return runs_whenever(call, body)


def _handled_at_every_call(scoped, scope: str, prechecks: dict, leads: Leads, flow) -> bool:
    """The call sits in a function (`const save = () => wx.saveImageToPhotosAlbum(…)`) that runs only from places a
    prior check handles: each call of it has the check around it, or sits in a function for which this holds."""
    graph = flow.graph

    def site_handled(edge) -> bool:
        module = edge.caller.module
        if module.path not in prechecks:
            prechecks[module.path] = _denied_prechecks(module, graph)
        return _handled_by_precheck(module, edge.site, scope, prechecks[module.path], leads, flow)

    return flow.every_way_in(graph.enclosing_function(scoped.call), site_handled, lambda _entry: False)


def _helpers_within(helper, graph, depth: int = 3):
    """A helper, and the functions it calls or awaits in turn (`new Auth(scope).check()` awaiting
    `new MpAuth(this.authType).checkAuth()`: ITmonkey-cn/shopro-uniapp shopro/permission)."""
    seen, pending = set(), [(helper, 0)]
    while pending:
        function, level = pending.pop()
        if id(function.node) in seen:
            continue
        seen.add(id(function.node))
        yield function
        if level < depth:
            pending.extend((edge.callee, level + 1) for edge in graph.edges_from.get(id(function.node), ())
                           if edge.kind in ("call", "await"))


def _authorizes_in(helper, scope: str, leads: Leads, flow) -> bool:
    """Whether a helper asks for the scope with `wx.authorize` and sends a user who denies it to settings: what runs
    after it (`await checkPhotoPermission(); await uni.saveImageToPhotosAlbum(…)`) has had its denial handled
    (zyqVizzzzz/jd-uni-app pages/share/share.vue). A scope the helper builds (`scope.${this.scopeValue}`) is any
    scope: a permission helper that handles every denial it is given. A denial handed to a promise's `reject` goes
    where the promise's callers handle it (`await this.authorizeScope('scope.record')` in a `try` whose `catch`
    guides to settings: yyyyyyqqqqq/jichu-miniprogram-02 pages/chat, held out)."""
    module = helper.module
    for use in module.wx_calls("authorize"):
        if not use.call.arguments or not any(node is helper.node for node in ancestors(use.call)):
            continue
        options = use.call.arguments[0]
        asked = string_value(object_property(options, "scope"), module)
        if asked is not None and asked != scope:
            continue
        fail = object_property(options, "fail")
        if fail is not None and leads.path_from_region(fail) is not None:
            return True
        forwarded = _forwarded_denials(module, use.call, flow) if fail is not None else None
        if forwarded and all(path.node is not None and leads.path_from_region(path.node) is not None for path in forwarded):
            return True
    return False


def _helper_calls_before(call: Node):
    """The calls `call` runs after: whose promise it waits for (`helper(…).then(() => call)`,
    `await helper(…); call`), or that it is handed to as a callback (`helper(scope, () => call)`)."""
    for current in ancestors(call):
        if current.type in FUNCTION_NODES:
            parent = parent_of(current)
            if (parent is not None and parent.type == "CallExpression" and unwrap(parent.callee).type == "MemberExpression"
                    and member_name(unwrap(parent.callee)) == "then" and parent.arguments and parent.arguments[0] is current):
                promise = unwrap(unwrap(parent.callee).object)
                if promise.type == "CallExpression":
                    yield promise
            elif parent is not None and parent.type == "CallExpression" and any(
                    unwrap(argument) is current for argument in parent.arguments):
                yield parent
        elif current.type in ("BlockStatement", "Program"):
            for statement in current.body:
                if statement.range[0] >= call.range[0]:
                    break
                # `await check()`, `const state = await check()`, `state = await check()`
                if statement.type == "ExpressionStatement":
                    awaited = [statement.expression]
                    if unwrap(statement.expression).type == "AssignmentExpression":
                        awaited.append(unwrap(statement.expression).right)
                elif statement.type == "VariableDeclaration":
                    awaited = [declarator.init for declarator in statement.declarations]
                else:
                    awaited = []
                for node in awaited:
                    node = unwrap(node)
                    if node is not None and node.type == "AwaitExpression" and unwrap(node.argument).type == "CallExpression":
                        yield unwrap(node.argument)


def _precheck_in_helper(module: JsModule, helper_call: Node, scope: str, leads: Leads, flow) -> bool:
    for edge in leads.graph.edges_made_at(helper_call):
        if edge.kind not in ("call", "await"):
            continue
        helper = edge.callee
        if any(_authorizes_in(inner, scope, leads, flow) for inner in _helpers_within(helper, leads.graph)):
            return True
        for precheck_scope, branch, function in _denied_prechecks(helper.module, leads.graph):
            if isinstance(precheck_scope, tuple):
                function_node, index, key = precheck_scope
                if function_node is not helper.node or index >= len(helper_call.arguments):
                    continue
                argument = helper_call.arguments[index]
                if key is not None:  # `ensure({ code: 'scope.userLocation' })`
                    argument = object_property(module.constant_value(argument), key)
                if string_value(argument, module) != scope:
                    continue
            elif precheck_scope != scope:
                continue
            inside = function is helper.node or any(node is helper.node for node in ancestors(function))
            if inside and leads.path_from_region(branch) is not None:
                return True
        # deeper: a permission helper's own helper testing the scope it is handed (`checkAuthorize(scope, cb)` calling
        # `checkAuthorizeHelp(scope, cb)`, which sends `authSetting[scope] == false` to settings: jimmy88228)
        for inner in list(_helpers_within(helper, leads.graph))[1:]:
            for precheck_scope, branch, function in _denied_prechecks(inner.module, leads.graph):
                inside = function is inner.node or any(node is inner.node for node in ancestors(function))
                if (isinstance(precheck_scope, tuple) and precheck_scope[0] is inner.node and inside
                        and leads.path_from_region(branch) is not None):
                    return True
    return False
