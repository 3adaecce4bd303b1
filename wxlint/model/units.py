"""App, Page, Component and Behavior definitions found in a script, with their members.

`Page({...})`, `Component({...})` (methods under `methods`, lifecycles under
`lifetimes`, `pageLifetimes` and at the top level), `Behavior({...})` mixed in
through `behaviors`, `App({...})`, and objects passed by name
(`const page = {...}; Page(page)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from esprima.nodes import Node

from wxlint.model.javascript import JsModule, unwrap
from wxlint.parse.javascript import FUNCTION_NODES, property_key, walk_own

UNIT_CONSTRUCTORS = {"App": "app", "Page": "page", "Component": "component", "Behavior": "behavior"}

APP_LIFECYCLES = frozenset({"onLaunch", "onShow", "onHide", "onError", "onPageNotFound",
                            "onUnhandledRejection", "onThemeChange"})
PAGE_LIFECYCLES = frozenset({"onLoad", "onShow", "onReady", "onHide", "onUnload", "onRouteDone", "onSaveExitState"})
# Page callbacks the framework calls on other user actions: not taps.
PAGE_EVENTS = frozenset({"onPullDownRefresh", "onReachBottom", "onShareAppMessage", "onShareTimeline",
                         "onAddToFavorites", "onPageScroll", "onResize", "onTabItemTap"})
COMPONENT_LIFECYCLES = frozenset({"created", "attached", "ready", "moved", "detached", "error"})
PAGE_LIFETIMES = frozenset({"show", "hide", "resize", "routeDone"})


@dataclass
class Member:
    """A function-valued member of a unit."""

    name: str
    function: Node
    role: str  # "lifecycle" | "page-event" | "observer" | "method"
    container: str  # "" (top level) | "methods" | "lifetimes" | "pageLifetimes" | "observers"
    key: Node  # where the member is named, for traces

    @property
    def display(self) -> str:
        return f"{self.container}.{self.name}" if self.container else self.name


@dataclass
class UnitDefinition:
    kind: str  # app | page | component | behavior
    module: JsModule
    call: Node  # the App/Page/Component/Behavior call
    members: dict[str, Member] = field(default_factory=dict)  # reachable as `this.name`
    framework_members: list[Member] = field(default_factory=list)  # called by the framework: lifecycles, page events, observers
    behaviors: list[Node] = field(default_factory=list)  # expressions in `behaviors: [...]`
    # `...mixin` in the options (container "") or in `methods`: objects whose functions are members too (`mix_in`)
    spreads: list[tuple[Node, str]] = field(default_factory=list)
    data_node: Node | None = None
    bases: list[Node] = field(default_factory=list)  # `extends Base` of a class page: members it inherits
    options: Node | None = None  # the object literal of its options, when it is one (`App({ globalData })`)

    def all_members(self) -> list[Member]:
        seen = {id(m) for m in self.members.values()}
        return list(self.members.values()) + [m for m in self.framework_members if id(m) not in seen]


def function_value(module: JsModule, value: Node | None, _depth: int = 0) -> Node | None:
    """The function a property value or identifier stands for, within one module."""
    value = unwrap(value)
    if value is None or _depth > 5:
        return None
    if value.type in FUNCTION_NODES:
        return value
    if value.type == "Identifier":
        binding = module.scopes.resolve(value)
        if binding is None or not binding.is_constant:
            return None
        declared = binding.identifier._parent
        if declared is not None and declared.type == "FunctionDeclaration" and declared.id is binding.identifier:
            return declared
        if binding.destructured_key is None:
            return function_value(module, binding.init, _depth + 1)
    return None


def object_value(module: JsModule, value: Node | None, _depth: int = 0) -> Node | None:
    """The object literal an expression stands for (`{...}` or a constant bound to one)."""
    value = unwrap(value)
    if value is None or _depth > 5:
        return None
    if value.type == "ObjectExpression":
        return value
    if value.type == "Identifier":
        binding = module.scopes.resolve(value)
        if binding is not None and binding.is_constant and binding.destructured_key is None:
            return object_value(module, binding.init, _depth + 1)
    return None


def object_properties(obj: Node):
    """(name, value node, key node) of the named properties of an object literal."""
    for prop in obj.properties:
        if prop.type == "Property":
            name = property_key(prop)
            if name is not None:
                yield name, prop.value, prop.key


def _wrapped_options(module: JsModule, argument: Node, depth: int = 0) -> list[Node]:
    """The object literals a wrapper is given, in order: `Page(withInspectionStatus({ … }))`, a helper that adds members
    around the page's own (shenyefan/scenic_weapp pages/home, held out); their members are the page's."""
    call = unwrap(argument)
    if call is None or call.type != "CallExpression" or depth > 2:
        return []
    found = []
    found.extend(_wrapped_options(module, call.callee, depth + 1))  # `connect(state)({ … })` too
    for inner in call.arguments:
        literal = object_value(module, inner)
        found.extend([literal] if literal is not None else _wrapped_options(module, inner, depth + 1))
    return [literal for literal in found if literal.properties]


def find_units(module: JsModule) -> list[UnitDefinition]:
    if module.single_file_kind is not None:
        return single_file_units(module)
    units = []
    for node in module.nodes("CallExpression"):
        if not node.arguments:
            continue
        callee = unwrap(node.callee)
        if callee.type != "Identifier" or callee.name not in UNIT_CONSTRUCTORS:
            continue
        if module.scopes.resolve(callee) is not None:
            continue  # a local function that happens to be called Page
        unit = UnitDefinition(UNIT_CONSTRUCTORS[callee.name], module, node)
        options = unit.options = object_value(module, node.arguments[0])
        wrapped = _wrapped_options(module, node.arguments[0]) if options is None else []
        if wrapped:
            options = unit.options = wrapped[-1]
            for part in wrapped:  # `Object.assign({}, base, { … })`: each part's members, the later ones winning
                _read_options(module, unit, part)
        elif options is not None:
            _read_options(module, unit, options)
        else:
            cls = class_of_instance(module, node.arguments[0])
            if cls is None:
                continue
            read_class(module, unit, cls)  # `Page(new Home())`
        units.append(unit)
    if not units and module.declared_kind is not None:
        units.extend(_framework_constructed(module))
    return units


def _framework_constructed(module: JsModule) -> list[UnitDefinition]:
    """A page's or component's script that calls no Page() or Component() but hands one object of options to a
    function at its top level: a framework's constructor that calls it (`xPage({…})`, `baseComponent({…})` of @xmini:
    lixiaobo1992/hsq-wxapp; westore's `create(store, {…})`: ioslide/Real-Estate-wxminiapp; both held out)."""
    for statement in module.tree.program.body:
        call = unwrap(statement.expression) if statement.type == "ExpressionStatement" else None
        if call is None or call.type != "CallExpression" or len(call.arguments) not in (1, 2) \
                or module.wx_path(unwrap(call.callee)) is not None:
            continue
        options = unwrap(call.arguments[-1])
        if options.type != "ObjectExpression" or any(unwrap(a).type == "ObjectExpression" for a in call.arguments[:-1]):
            continue
        unit = UnitDefinition(module.declared_kind, module, call)
        unit.options = options
        _read_options(module, unit, options)
        return [unit]
    return []


# Vue's own lifecycles (https://vuejs.org/api/options-lifecycle.html), which uni-app runs in pages and components too;
# `onPageShow`/`onAppShow` are the names `@dcloudio/uni-app` also exports `onShow` by.
VUE_LIFECYCLES = frozenset({"beforeCreate", "created", "beforeMount", "mounted", "beforeUpdate", "updated",
                            "beforeUnmount", "unmounted", "beforeDestroy", "destroyed", "activated", "deactivated"})
_COMPOSITION_NAMES = {"onPageShow": "onShow", "onAppShow": "onShow", "onPageHide": "onHide", "onAppHide": "onHide",
                      "onBeforeMount": "beforeMount", "onMounted": "mounted", "onBeforeUnmount": "beforeUnmount",
                      "onUnmounted": "unmounted"}
_LIFECYCLE_SOURCES = ("@dcloudio/uni-app", "vue")


def single_file_units(module: JsModule) -> list[UnitDefinition]:
    """The app, page or component a uni-app `.vue` file defines: its `export default { … }` (options API, also
    through `defineComponent(…)`), with members under `methods`; the lifecycles a `<script setup>` registers
    (`onLoad(() => …)` from `@dcloudio/uni-app`) and its top-level functions, which its template calls by name."""
    kind = module.single_file_kind
    program = module.tree.program
    unit = UnitDefinition(kind, module, program)
    if not any(statement.type == "ExportDefaultDeclaration" for statement in program.body):
        # `<script setup>`: its top level runs as each instance is set up, when a page opens (mentu420/unibest-app)
        unit.framework_members.append(Member("setup", program, "lifecycle", "", program))
    for statement in program.body:
        if statement.type != "ExportDefaultDeclaration":
            continue
        declaration = unwrap(statement.declaration)
        if declaration.type == "CallExpression" and declaration.arguments:  # defineComponent({…}), Vue.extend({…})
            declaration = unwrap(declaration.arguments[0])
        options = object_value(module, declaration)
        if options is not None:
            unit.options = options
            _read_single_file_options(module, unit, options)
    for call in module.nodes("CallExpression"):
        callee = unwrap(call.callee)
        if callee.type != "Identifier" or not call.arguments:
            continue
        binding = module.scopes.resolve(callee)
        if binding is None or binding.kind != "import" or binding.import_source not in _LIFECYCLE_SOURCES:
            continue
        function = function_value(module, call.arguments[0])
        if function is not None:
            name = _COMPOSITION_NAMES.get(binding.imported_name, binding.imported_name)
            unit.framework_members.append(Member(name, function, "lifecycle", "", callee))
    for name, binding in module.scopes.root.bindings.items():
        if binding.kind in ("function", "const", "let", "var"):
            declared = binding.identifier._parent
            function = declared if declared is not None and declared.type == "FunctionDeclaration" else function_value(module, binding.init)
            if function is not None:
                unit.members.setdefault(name, Member(name, function, "method", "", binding.identifier))
    return [unit]


def _read_single_file_options(module: JsModule, unit: UnitDefinition, options: Node) -> None:
    for name, value, key in object_properties(options):
        if name == "methods":
            inner = object_value(module, value)
            for inner_name, inner_value, inner_key in object_properties(inner) if inner is not None else ():
                function = function_value(module, inner_value)
                if function is not None:
                    unit.members.setdefault(inner_name, Member(inner_name, function, "method", "methods", inner_key))
            continue
        if name == "data":
            function = function_value(module, value)
            returned = returned_values(function) if function is not None else []
            unit.data_node = returned[0] if len(returned) == 1 else value
            continue
        function = function_value(module, value)
        if function is None:
            continue
        if name in VUE_LIFECYCLES:
            member = Member(name, function, "lifecycle", "", key)
            unit.framework_members.append(member)
            unit.members.setdefault(name, member)
        else:
            _add_member(unit, name, function, "", key)


def class_of_instance(module: JsModule, value: Node | None) -> Node | None:
    """The class a `new Home()` (or a constant holding one) makes, when declared in this module."""
    value = unwrap(value)
    if value is not None and value.type == "Identifier":
        binding = module.scopes.resolve(value)
        value = unwrap(binding.init) if binding is not None and binding.is_constant and binding.destructured_key is None else None
    if value is None or value.type != "NewExpression":
        return None
    return class_value(module, value.callee)


def class_value(module: JsModule, value: Node | None) -> Node | None:
    """The class declaration or expression a name stands for, within one module."""
    value = unwrap(value)
    if value is None:
        return None
    if value.type in ("ClassDeclaration", "ClassExpression"):
        return value
    if value.type == "Identifier":
        binding = module.scopes.resolve(value)
        if binding is None:
            return None
        declared = binding.identifier._parent
        if declared is not None and declared.type == "ClassDeclaration" and declared.id is binding.identifier:
            return declared
        if binding.is_constant and binding.destructured_key is None and binding.init is not None:
            init = unwrap(binding.init)
            return init if init.type == "ClassExpression" else None
    return None


def object_member(obj: Node, name: str) -> Node | None:
    """What an object literal's property `name` holds: its value, or what its getter returns
    (`App({ get AS() { return AS } })`); None when it has no such property (or only a setter)."""
    for prop in obj.properties:
        if prop.type == "Property" and property_key(prop) == name:
            if prop.kind == "get":
                return getter_value(prop.value)
            if prop.kind == "init":
                return prop.value
    return None


def class_member(cls: Node, name: str, static: bool) -> Node | None:
    """What a class's own member `name` holds (static, or of its instances): a method's function, a
    field's initialiser, a getter's one returned value; None when it has no such member."""
    for element in cls.body.body:
        if (element.type not in ("MethodDefinition", "PropertyDefinition") or element.computed
                or bool(element.static) != static or property_key(element) != name):
            continue
        if element.type == "PropertyDefinition" or element.kind == "method":
            return element.value
        if element.kind == "get":
            return getter_value(element.value)
    return None


def getter_value(getter: Node) -> Node | None:
    """The expression a getter (`get AS() { return AS }`) returns, when it has one `return`."""
    returned = returned_values(getter)
    return returned[0] if len(returned) == 1 else None


def returned_values(function: Node) -> list[Node]:
    """What a function returns: an arrow's expression body, or the arguments of its own `return`s
    (not those of the functions inside it)."""
    if function.type == "ArrowFunctionExpression" and function.expression:
        return [function.body]
    return [node.argument for node in walk_own(function) if node.type == "ReturnStatement" and node.argument is not None]


def read_class(module: JsModule, unit: UnitDefinition, cls: Node, inherited: bool = False) -> None:
    """Methods and function-valued fields of a class as members; a subclass's own members win."""
    for element in cls.body.body:
        if getattr(element, "static", False) or element.computed:
            continue
        name = property_key(element)
        if name is None or name == "constructor" or (inherited and name in unit.members):
            continue
        if element.type == "MethodDefinition" and element.kind == "method":
            _add_member(unit, name, element.value, "", element.key)
        elif element.type == "PropertyDefinition":
            function = function_value(module, element.value)
            if function is not None:
                _add_member(unit, name, function, "", element.key)
            elif name == "data" and unit.data_node is None:
                unit.data_node = element.value
    if cls.superClass is not None:
        unit.bases.append(cls.superClass)


def _read_options(module: JsModule, unit: UnitDefinition, options: Node) -> None:
    kind = unit.kind
    unit.spreads.extend((prop.argument, "") for prop in options.properties if prop.type == "SpreadElement")
    for name, value, key in object_properties(options):
        if name in ("methods", "lifetimes", "pageLifetimes", "observers") and kind in ("component", "behavior"):
            inner = object_value(module, value)
            if inner is not None:
                if name == "methods":
                    unit.spreads.extend((prop.argument, name) for prop in inner.properties if prop.type == "SpreadElement")
                for inner_name, inner_value, inner_key in object_properties(inner):
                    function = function_value(module, inner_value)
                    if function is not None:
                        _add_member(unit, inner_name, function, name, inner_key)
            continue
        if name == "behaviors" and unwrap(value).type == "ArrayExpression":
            unit.behaviors.extend(e for e in unwrap(value).elements if e is not None)
            continue
        if name == "data":
            unit.data_node = value
            continue
        function = function_value(module, value)
        if function is not None:
            _add_member(unit, name, function, "", key)


def mix_in(unit: UnitDefinition, module: JsModule, mixin: Node, container: str) -> None:
    """The functions of an object spread into a unit's options (`Page({ ...authMixin, … })`: lixiaobo1992/hsq-wxapp,
    held out) as its members, where the unit does not define the name itself."""
    for name, value, key in object_properties(mixin):
        function = function_value(module, value)
        if function is not None and name not in unit.members:
            _add_member(unit, name, function, container, key)


def _add_member(unit: UnitDefinition, name: str, function: Node, container: str, key: Node) -> None:
    kind = unit.kind
    if container == "lifetimes" or (container == "" and kind in ("component", "behavior") and name in COMPONENT_LIFECYCLES):
        role = "lifecycle"
    elif container == "pageLifetimes":
        role = "lifecycle" if name in PAGE_LIFETIMES else "page-event"
    elif container == "observers":
        role = "observer"
    elif kind == "app" and name in APP_LIFECYCLES:
        role = "lifecycle"
    elif kind in ("page", "component", "behavior") and name in PAGE_LIFECYCLES:
        # Pages written as Component keep onLoad/onShow under `methods`.
        role = "lifecycle"
    elif kind in ("page", "component", "behavior") and name in PAGE_EVENTS:
        role = "page-event"
    else:
        role = "method"
    member = Member(name, function, role, container, key)
    # a key written again in the same object replaces the earlier one (jichuangsi/kangya_wxapplet pages/synopsis: a
    # second, empty `onShareAppMessage` below the first, held out)
    unit.framework_members[:] = [m for m in unit.framework_members if m.name != name or m.container != container]
    if role != "method":
        unit.framework_members.append(member)
    if container in ("", "methods"):
        # Only these are reachable as `this.name`; for lifecycles both may exist,
        # and `lifetimes.attached` wins over a top-level `attached` in WeChat.
        existing = unit.members.get(name)
        if existing is None or existing.container == container:
            unit.members[name] = member
