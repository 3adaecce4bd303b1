"""Feature detection: what a test proves available, and which tests guard a piece of code.

A fact is a tuple: ("api", "getUserProfile"), ("schema", "button.open-type.chooseAvatar"),
("version", "2.21.2"), ("flag", "canIUseGetUserProfile") / ("not-flag", …) for a data flag
tested by name and found true / false, ("granted", scope) / ("denied", scope) for `authSetting`,
("logged-in", test) / ("not-logged-in", test) for a stored login (`wx.getStorageSync('token')`,
`app.globalData.token`; words in rules/data/login-state.yaml), named by the code of the test; ("opened-with", test)
for a field of the query a page or the app was opened with, found set (`onLoad(options) { if (options.from) … }`).
`facts(expression)` gives (what holds when it is true, what holds when it is false);
`lexical_facts(node)` collects what every enclosing `if`, `?:`, `&&`/`||`, early `return`
and optional call `wx.x?.()` establishes at a node.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from esprima.nodes import Node

from wxlint.model.control import always_exits
from wxlint.model.units import function_value
from wxlint.model.javascript import (JsModule, callee_name, is_this, member_name, member_path, name_words, object_property, options_call,
                                     string_value, unwrap)
from wxlint.model.wxml import attribute_choices, enclosing_conditions
from wxlint.parse.javascript import parse_expression, property_key, walk, walk_own
from wxlint.data_tables import load_data_table

Fact = tuple[str, str]
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def facts(module: JsModule | None, expression: Node | None) -> tuple[frozenset[Fact], frozenset[Fact]]:
    """(facts when `expression` is truthy, facts when it is falsy)."""
    expression = unwrap(expression)
    empty = frozenset()
    if expression is None:
        return empty, empty
    kind = expression.type
    if kind == "UnaryExpression" and expression.operator == "!":
        when_true, when_false = facts(module, expression.argument)
        return when_false, when_true
    if kind == "LogicalExpression":
        left_true, left_false = facts(module, expression.left)
        right_true, right_false = facts(module, expression.right)
        if expression.operator == "&&":
            return left_true | right_true, left_false & right_false
        if expression.operator == "||":
            return left_true & right_true, left_false | right_false
        return empty, empty
    if kind == "BinaryExpression":
        return _binary_facts(module, expression)
    if kind == "CallExpression":
        schema = _can_i_use(module, expression)
        if schema is not None:
            return frozenset({_schema_fact(schema)}), empty
        tested = [module.wx_api_of(argument) for argument in expression.arguments] if module is not None else []
        if len(tested) == 1 and tested[0] is not None:
            # `isFunction(uni.onThemeChange)`: the API itself handed to a test (zurichscud/case-uni-vue3 useTheme.ts)
            return frozenset({("api", tested[0])}), empty
        return _union(_login_facts(module, expression, _reads_stored_login(module, expression)
                                   or _is_login_name(callee_name(expression.callee))),
                      _returned_facts(module, expression))
    if kind == "MemberExpression":
        if member_name(expression) == "length" and _is_page_stack(module, expression.object):
            return _PAGES_OPEN  # `if (pages.length)`
        api = module.wx_api_of(expression) if module is not None else None
        if api is not None:
            return frozenset({("api", api)}), empty
        scope = scope_read(module, expression)
        if scope is not None:
            # authSetting['scope.x']: granted when true; denied or never asked when false
            return frozenset({("granted", scope)}), frozenset({("denied", scope)})
        login = _login_facts(module, expression, _is_login_name(member_name(expression)))
        # `this.data.canIUseX`, `that.data.canIUseX`
        owner = unwrap(expression.object)
        if module is not None and module.single_file_kind is not None and is_this(module, owner) and member_name(expression):
            # a uni-app component's data is read as `this.flag` (Vue), as `this.data.flag` in a native page
            return _union(_flag_facts(member_name(expression)), login)
        if _is_opening_query(module, owner) and member_name(expression):
            return _union((frozenset({("opened-with", f"{owner.name}.{member_name(expression)}")}), empty), login)
        if owner.type == "MemberExpression" and member_name(owner) == "data" and member_name(expression):
            return _union(_flag_facts(member_name(expression)), login)
        return login
    if kind == "Identifier":
        binding = module.scopes.resolve(expression) if module is not None else None
        login = _login_facts(module, expression, _is_login_name(expression.name) or (
            binding is not None and binding.is_constant and _reads_stored_login(module, binding.init)))
        if binding is not None and binding.kind == "param" and binding.destructured_key is None:
            return _union((frozenset({("param", expression.name)}), frozenset({("not-param", expression.name)})), login)
        return _union(_union(_flag_facts(expression.name), login), _constant_facts(module, binding))
    return empty, empty


def flag_writes(module: JsModule, region: Node) -> dict[str, Node]:
    """The data flags a piece of code sets, by name, with the value (the last one written)."""
    return dict(each_flag_write(module, region))


def each_flag_write(module: JsModule, region: Node) -> Iterator[tuple[str, Node]]:
    """(name, value) of each data flag a piece of code sets: `this.setData({ ok: false })`, and in a uni-app component
    `this.ok = false` (Vue data is written directly)."""
    for node in walk(region):
        if node.type == "AssignmentExpression" and node.operator == "=" and node.left.type == "MemberExpression":
            if module.single_file_kind is not None and is_this(module, unwrap(node.left.object)) and member_name(node.left):
                yield member_name(node.left), node.right
        elif node.type == "CallExpression" and node.arguments and unwrap(node.callee).type == "MemberExpression" \
                and member_name(unwrap(node.callee)) == "setData" and unwrap(node.arguments[0]).type == "ObjectExpression":
            for prop in unwrap(node.arguments[0]).properties:
                if prop.type == "Property" and property_key(prop):
                    yield property_key(prop), prop.value


# The lifecycles whose first parameter says how the mini-program or page was opened (its query, its scene)
_OPENING_LIFECYCLES = frozenset({"onLaunch", "onShow", "onLoad"})


def _is_opening_query(module: JsModule | None, owner: Node) -> bool:
    """`options` in `Page({ onLoad(options) { if (options.fromorder) … } })`: what the page was opened with. An
    ordinary open has no query, so a test of one is true only when some link or navigation set it."""
    if module is None or owner.type != "Identifier":
        return False
    binding = module.scopes.resolve(owner)
    if binding is None or binding.kind != "param" or binding.destructured_key is not None:
        return False
    function = binding.scope.node
    if not function.params or function.params[0] is not binding.identifier:
        return False
    prop = function._parent
    if prop is None or prop.type != "Property" or property_key(prop) not in _OPENING_LIFECYCLES:
        return False
    call = options_call(prop)
    callee = unwrap(call.callee) if call is not None else None
    return callee is not None and callee.type == "Identifier" and callee.name in ("App", "Page", "Component")


_EXPANDING: set[int] = set()  # bindings (and functions) whose initialiser (return value) is being read: `var a = !a` must not loop


def _constant_facts(module: JsModule, binding) -> tuple[frozenset[Fact], frozenset[Fact]]:
    """What a local constant holding a test proves: `const ok = wx.canIUse('x'); if (ok) …`."""
    empty = frozenset()
    if (binding is None or binding.kind not in ("const", "let", "var") or not binding.is_constant
            or binding.init is None or binding.destructured_key is not None or id(binding) in _EXPANDING):
        return empty, empty
    _EXPANDING.add(id(binding))
    try:
        return facts(module, binding.init)
    finally:
        _EXPANDING.discard(id(binding))


def _returned_facts(module: JsModule | None, call: Node) -> tuple[frozenset[Fact], frozenset[Fact]]:
    """What a call of a function of the project proves when the function only returns a test:
    `function isUserInfoProtected() { return compareVersion(wx.getSystemInfoSync().SDKVersion, '2.27.1') >= 0 }`
    (grandiloquent/wechat-yoga-miniprogram pages/login/login.js, held out), or returns `true` and `false` only: what
    holds at each `return true` (`requireLogin()` returning true past `if (!checkLoginStatus()) { …; return false }`,
    imported from utils/auth.js: 13jden/health-wx-frontend, held out)."""
    empty = frozenset()
    found = _called_function(module, call) if module is not None and not call.arguments else None
    if found is None or id(found[1]) in _EXPANDING:
        return empty, empty
    owner, function = found
    body = function.body
    _EXPANDING.add(id(function))
    try:
        if body.type != "BlockStatement":
            return facts(owner, body)
        if len(body.body) == 1 and body.body[0].type == "ReturnStatement":
            return facts(owner, body.body[0].argument)
        returns = [node for node in walk_own(function) if node.type == "ReturnStatement"]
        values = [_literal_truth(node.argument) for node in returns]
        if not returns or None in values or not body.body or body.body[-1].type != "ReturnStatement":
            return empty, empty
        when = {truth: [lexical_facts(owner, node) for node, value in zip(returns, values) if value is truth]
                for truth in (True, False)}
        return (frozenset.intersection(*when[True]) if when[True] else empty,
                frozenset.intersection(*when[False]) if when[False] else empty)
    finally:
        _EXPANDING.discard(id(function))


def _called_function(module: JsModule, call: Node) -> tuple[JsModule, Node] | None:
    """The function a call calls, in this module or imported from another (`JsModule.imported_functions`)."""
    function = function_value(module, call.callee)
    if function is not None:
        return module, function
    callee = unwrap(call.callee)
    binding = module.scopes.resolve(callee) if callee.type == "Identifier" else None
    return module.imported_functions.get(id(binding)) if binding is not None else None


def _union(first: tuple[frozenset[Fact], frozenset[Fact]], second: tuple[frozenset[Fact], frozenset[Fact]]):
    return first[0] | second[0], first[1] | second[1]


def _login_facts(module: JsModule | None, test: Node, holds_login: bool) -> tuple[frozenset[Fact], frozenset[Fact]]:
    """A stored login tested: logged in when the value is there, not logged in when it is empty."""
    if module is None or not holds_login:
        return frozenset(), frozenset()
    text = module.tree.text_of(test)
    return frozenset({("logged-in", text)}), frozenset({("not-logged-in", text)})


@cache
def _login_vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    table = load_data_table("login-state")
    return frozenset(table["login_words"]), frozenset(table["not_login_words"])


@cache
def _is_login_name(name: str | None) -> bool:
    """`token`, `userToken`, `hasLogin`, `openid`; not `tokenExpired`, `needLogin` or `refreshToken`."""
    if not name:
        return False
    words = name_words(name)
    login, not_login = _login_vocabulary()
    return bool(words & login) and not words & not_login


def _reads_stored_login(module: JsModule | None, node: Node | None) -> bool:
    """`wx.getStorageSync('token')`, also with a default: `wx.getStorageSync('token') || ''`."""
    node = unwrap(node)
    if module is None or node is None:
        return False
    if node.type == "LogicalExpression" and node.operator in ("||", "??"):
        return _reads_stored_login(module, node.left)
    return (node.type == "CallExpression" and bool(node.arguments) and module.wx_api_of(node.callee) == "getStorageSync"
            and _is_login_name(string_value(node.arguments[0], module)))


def _flag_facts(name: str) -> tuple[frozenset[Fact], frozenset[Fact]]:
    return frozenset({("flag", name)}), frozenset({("not-flag", name)})


_OPPOSITES = {"flag": "not-flag", "not-flag": "flag", "param": "not-param", "not-param": "param",
              "granted": "denied", "denied": "granted", "logged-in": "not-logged-in", "not-logged-in": "logged-in",
              "pages-open": "no-pages-open", "no-pages-open": "pages-open"}


def contradicts(first: frozenset[Fact] | set[Fact], second: frozenset[Fact] | set[Fact]) -> bool:
    """Whether two sets of facts cannot hold together: a data flag, a parameter, a scope or a stored
    login both true and false; or either cannot hold at all (`never_holds`)."""
    return (any((_OPPOSITES[kind], name) in second for kind, name in first if kind in _OPPOSITES)
            or never_holds(first) or never_holds(second))


def scope_read(module: JsModule | None, member: Node) -> str | None:
    """The scope a member expression reads in the authorization settings (`res.authSetting['scope.record']`, `auth[
    'scope.record']`); None for any other read, and for a scope read off `wx.getSetting`'s result itself, which has
    it one level down: `res['scope.userInfo']` is always undefined (novicezk/partner-robot app.js, held out)."""
    scope = member_name(member) if member.computed else None
    if scope is None or not scope.startswith("scope."):
        return None
    owner = unwrap(member.object)
    binding = module.scopes.resolve(owner) if module is not None and owner.type == "Identifier" else None
    if binding is not None and binding.kind == "param" and binding.destructured_key is None:
        callback = binding.scope.node
        prop = callback._parent
        call = options_call(prop) if prop is not None and prop.type == "Property" else None
        if call is not None and module.wx_call_api(call) == "getSetting" and callback.params and callback.params[0] is binding.identifier:
            return None
    return scope


def never_holds(found: frozenset[Fact] | set[Fact]) -> bool:
    """Whether facts cannot hold at all: they deny a scope `authSetting` always reports granted (code under
    `if (!res.authSetting['scope.userInfo'])` never runs since 2021-04-28), or need a value written out false to be
    true (`if (false)`, `wx:if="{{false}}"`: code switched off)."""
    always = _always_granted()
    return any((kind == "denied" and name in always) or kind == "never" for kind, name in found)


_NEVER = frozenset({("never", "a value written out")})


def _written_out_facts(test: Node | None) -> tuple[frozenset[Fact], frozenset[Fact]] | None:
    """(facts when true, when false) of a test that is a value written out (`false`, `0`, `''`, `null`, `undefined`,
    `true`, `1`): the branch it never takes never holds. None for any other test. Only for tests: a data flag's first
    `false` is no such thing, code may set it later."""
    truth = _literal_truth(test) if unwrap(test) is not None else None
    if truth is None:
        truth = _self_comparison(test)
    if truth is None:
        return None
    return (frozenset(), _NEVER) if truth else (_NEVER, frozenset())


def _self_comparison(test: Node | None) -> bool | None:
    """The value of a test that compares a name or a member chain with itself: `a.b == a.b` is true and `a.b != a.b`
    false, whatever `a.b` holds (only NaN differs from itself, and no answer in JSON is NaN: Zhaopuen/shop app.js's
    `if (res.data.data.openid != res.data.data.openid)`, held out). None for any other test."""
    test = unwrap(test)
    if test is None or test.type != "BinaryExpression" or test.operator not in ("==", "===", "!=", "!=="):
        return None
    (left_names, left_root), (right_names, right_root) = member_path(test.left), member_path(test.right)
    if left_root is None or right_root is None or left_names != right_names:
        return None
    same_root = (left_root.type == right_root.type == "ThisExpression") or (
        left_root.type == right_root.type == "Identifier" and left_root.name == right_root.name)
    return (test.operator in ("==", "===")) if same_root else None


@cache
def _always_granted() -> frozenset[str]:
    """Scopes `authSetting` reports granted whatever the user did (scopes.yaml `always_granted`)."""
    return frozenset(scope for scope, entry in load_data_table("scopes")["scopes"].items() if entry.get("always_granted"))


def scope_checks(module: JsModule, node: Node) -> dict[str, bool]:
    """The scopes the code around `node` has checked in `authSetting`, scope -> granted on this path
    (through enclosing callbacks too: a call in a callback inside the `if` runs only on that branch)."""
    found = lexical_facts(module, node)
    checks = {name: False for kind, name in found if kind == "denied"}
    checks.update({name: True for kind, name in found if kind == "granted" and name not in checks})
    return checks


def auth_setting_test(expression: Node | None, module: JsModule | None = None) -> tuple[str, bool] | None:
    """(scope, granted) when an expression tests `authSetting['scope.x']` and nothing else:
    truthy or `=== true` means granted, `!…`, `=== false` or `!== true` means denied or undecided. With the
    `module`, through a constant too (`const auth = res.authSetting?.['scope.record']; if (auth === false)`)."""
    when_true, _ = facts(module, expression)
    when_true = {fact for fact in when_true if fact[0] not in _NAMING_FACTS}
    scopes = [(name, kind == "granted") for kind, name in when_true if kind in ("granted", "denied")]
    return scopes[0] if len(scopes) == 1 and len(when_true) == 1 else None


# What a name alone says (`auth` as a data flag, a parameter): not a test of anything else
_NAMING_FACTS = frozenset({"flag", "not-flag", "param", "not-param"})


def parameter_scope_test(module: JsModule, test: Node) -> tuple[tuple[Node, int, str | None], bool] | None:
    """`authSetting[scope] === false` with `scope` a parameter: ((function, index, None), granted); with
    `scope` destructured from one (`function ensure({ code })`): ((function, index, 'code'), granted)."""
    test = unwrap(test)
    negated = False
    if test.type == "UnaryExpression" and test.operator == "!":
        test, negated = unwrap(test.argument), True
    elif test.type == "BinaryExpression" and test.operator in ("===", "==", "!==", "!="):
        literal = unwrap(test.right)
        if literal.type != "Literal" or not isinstance(literal.value, bool):
            return None
        negated = (literal.value is False) == (test.operator in ("===", "=="))
        test = unwrap(test.left)
    if test.type != "MemberExpression" or not test.computed or member_name(unwrap(test.object)) != "authSetting":
        return None
    key = unwrap(test.property)
    binding = module.scopes.resolve(key) if key.type == "Identifier" else None
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.node
    for index, param in enumerate(function.params):
        if param is binding.identifier:
            return (function, index, None), not negated
        pattern = unwrap(param.left) if param.type == "AssignmentPattern" else param
        if binding.destructured_key is not None and pattern.type == "ObjectPattern" and any(
                prop.type == "Property" and binding.identifier in (prop.value, prop.value.left) for prop in pattern.properties):
            return (function, index, binding.destructured_key), not negated
    return None


def parameter_facts(callee_params: list[Node], arguments: list[Node]) -> frozenset[Fact]:
    """What a call fixes about its callee's parameters: a literal argument, or the literal default
    of one left out (`function isLogin(ask = false)` called as `isLogin()`), true or false."""
    found: set[Fact] = set()
    for index, param in enumerate(callee_params):
        default = None
        if param.type == "AssignmentPattern":
            param, default = param.left, param.right
        if param.type != "Identifier":
            continue
        truth = _literal_truth(arguments[index] if index < len(arguments) else default)
        if truth is not None:
            found.add(("param" if truth else "not-param", param.name))
    return frozenset(found)


def _literal_truth(node: Node | None) -> bool | None:
    """Whether a literal is truthy; None for anything not written out. A missing value is undefined."""
    node = unwrap(node)
    if node is None:
        return False
    if node.type == "Literal" and getattr(node, "regex", None) is None:
        return bool(node.value)
    if node.type == "Identifier" and node.name == "undefined":
        return False
    return None


def _schema_fact(schema: str) -> Fact:
    """`wx.canIUse('getUserProfile')` or `wx.canIUse('button.open-type.chooseAvatar')`; the rule
    decides what a schema covers (an API by its first part, a component attribute exactly)."""
    return ("schema", schema)


def _can_i_use(module: JsModule | None, call: Node) -> str | None:
    if module is None or module.wx_api_of(call.callee) != "canIUse" or not call.arguments:
        return None
    return string_value(call.arguments[0])


# Some page is open (`getCurrentPages().length > 0`), or none is: at cold start App's onLaunch and onShow run before the
# first page is made, so code they run only where a page is open does not run on open (gdkyit/kywxb app.js, held out)
_PAGES_OPEN = (frozenset({("pages-open", "getCurrentPages()")}), frozenset({("no-pages-open", "getCurrentPages()")}))


def _is_page_stack(module: JsModule | None, node: Node) -> bool:
    """`getCurrentPages()`, or a constant holding it."""
    node = unwrap(node)
    if node is not None and node.type == "Identifier" and module is not None:
        binding = module.scopes.resolve(node)
        node = unwrap(binding.init) if binding is not None and binding.is_constant else None
    return (node is not None and node.type == "CallExpression" and unwrap(node.callee).type == "Identifier"
            and unwrap(node.callee).name == "getCurrentPages")


def _page_stack_count_facts(module, left: Node, operator: str, right: Node):
    """`pages.length > 0`, `getCurrentPages().length >= 1`, `pages.length === 0`: whether some page is open; None when
    the test is of something else."""
    if not (left.type == "MemberExpression" and member_name(left) == "length" and _is_page_stack(module, left.object)
            and right.type == "Literal" and isinstance(right.value, (int, float)) and not isinstance(right.value, bool)):
        return None
    some_page = {">": right.value >= 0, ">=": right.value >= 1, "!==": right.value == 0, "!=": right.value == 0}
    no_page = {"===": right.value == 0, "==": right.value == 0, "<": right.value == 1, "<=": right.value == 0}
    if some_page.get(operator):
        return _PAGES_OPEN
    if no_page.get(operator):
        return _PAGES_OPEN[1], _PAGES_OPEN[0]
    return frozenset(), frozenset()


def _binary_facts(module: JsModule | None, expression: Node) -> tuple[frozenset[Fact], frozenset[Fact]]:
    empty = frozenset()
    operator = expression.operator
    left, right = unwrap(expression.left), unwrap(expression.right)
    # 'getUserProfile' in wx
    if operator == "in" and module is not None and module.is_wx(right):
        name = string_value(left)
        return (frozenset({("api", name)}), empty) if name else (empty, empty)
    if operator not in ("===", "==", "!==", "!=", ">=", ">", "<", "<="):
        return empty, empty
    pages = _page_stack_count_facts(module, left, operator, right)
    if pages is not None:
        return pages
    positive = operator in ("===", "==")
    # step === 'scan': the data flag `step` holds that value (see `data_flags`)
    for side, other in ((left, right), (right, left)):
        name = _data_name(side)
        if name is not None and other.type == "Literal" and isinstance(other.value, str) and operator in ("===", "==", "!==", "!="):
            when_true, when_false = _flag_facts(_value_flag(name, other.value))
            return (when_true, when_false) if positive else (when_false, when_true)
    # typeof wx.x === 'function' / !== 'undefined'
    for side, other in ((left, right), (right, left)):
        if side.type == "UnaryExpression" and side.operator == "typeof" and module is not None:
            api = module.wx_api_of(side.argument)
            kind = string_value(other)
            if api is not None and kind is not None:
                available = (kind != "undefined") == positive
                fact = frozenset({("api", api)})
                return (fact, empty) if available else (empty, fact)
    # x === true / x !== false / x != null
    for side, other in ((left, right), (right, left)):
        if other.type == "Literal" and (isinstance(other.value, bool) or other.value is None) and operator in ("===", "==", "!==", "!="):
            when_true, when_false = facts(module, side)
            truthy = (other.value is True) == positive if other.value is not None else not positive
            return (when_true, when_false) if truthy else (when_false, when_true)
    # compareVersion(SDKVersion, '2.10.4') >= 0, and the usual variants
    for side, other in ((left, right), (right, left)):
        version = _version_compare(module, side)
        bound = _number(other)
        if version is None or bound is None:
            continue
        op = operator if side is left else _flip(operator)
        at_least = ((op == ">=" and bound <= 0) or (op == ">" and bound == -1)
                    or (op in ("!==", "!=") and bound == -1) or (op in ("===", "==") and bound in (0, 1)))
        below = (op == "<" and bound == 0) or (op in ("===", "==") and bound == -1)
        fact = frozenset({("version", version)})
        if at_least:
            return fact, empty
        if below:
            return empty, fact
    return empty, empty


def _data_name(node: Node) -> str | None:
    """The data name an expression reads: `step` (in WXML) or `this.data.step`."""
    if node.type == "Identifier":
        return node.name
    if node.type == "MemberExpression" and not node.computed:
        owner = unwrap(node.object)
        if owner.type == "MemberExpression" and member_name(owner) == "data":
            return member_name(node)
    return None


def _value_flag(name: str, value: str) -> str:
    return f"{name}={value}"


def _flip(operator: str) -> str:
    return {">=": "<=", "<=": ">=", ">": "<", "<": ">"}.get(operator, operator)


def _number(node: Node) -> int | None:
    node = unwrap(node)
    if node.type == "Literal" and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return int(node.value)
    if node.type == "UnaryExpression" and node.operator == "-":
        inner = _number(node.argument)
        return None if inner is None else -inner
    return None


def _version_compare(module: JsModule | None, node: Node) -> str | None:
    """The version literal of a call that compares the base library version with it."""
    node = unwrap(node)
    if node.type != "CallExpression":
        return None
    versions = [string_value(argument) for argument in node.arguments]
    literal = next((v for v in versions if v and _VERSION.match(v)), None)
    if literal is None:
        return None
    if any(_reads_sdk_version(module, argument) for argument in node.arguments):
        return literal
    return None


def _reads_sdk_version(module: JsModule | None, node: Node, depth: int = 0) -> bool:
    node = unwrap(node)
    if node is None or depth > 4:
        return False
    for part in walk(node):
        if part.type == "MemberExpression" and member_name(part) == "SDKVersion":
            return True
        if part.type == "Identifier" and module is not None:
            binding = module.scopes.resolve(part)
            if binding is not None and binding.init is not None and binding.init is not node:
                if _reads_sdk_version(module, binding.init, depth + 1):
                    return True
            if part.name == "SDKVersion":
                return True
    return False


def lexical_facts(module: JsModule, node: Node) -> frozenset[Fact]:
    """Everything the code around `node` has established when `node` runs."""
    found: set[Fact] = set()
    call = node._parent if node._parent is not None and node._parent.type == "CallExpression" else None
    if call is not None and call.optional:
        api = module.wx_api_of(call.callee)
        if api is not None:
            found.add(("api", api))  # wx.getUserProfile?.(...)
    child, parent = node, node._parent
    while parent is not None:
        kind = parent.type
        if kind in ("IfStatement", "ConditionalExpression"):
            when_true, when_false = _written_out_facts(parent.test) or facts(module, parent.test)
            if parent.consequent is child:
                found |= when_true
            elif parent.alternate is child:
                found |= when_false
        elif kind == "LogicalExpression" and parent.right is child:
            when_true, when_false = facts(module, parent.left)
            found |= when_true if parent.operator == "&&" else when_false if parent.operator == "||" else set()
        elif kind in ("BlockStatement", "Program", "SwitchCase"):
            body = parent.body if kind != "SwitchCase" else parent.consequent
            for statement in body:
                if statement is child:
                    break
                found |= _early_exit_facts(module, statement)
        elif kind == "Property" and parent.value is child and property_key(parent) in _api_callbacks():
            found |= _established_by_callback(module, parent)
        child, parent = parent, parent._parent
    return frozenset(found)


def _established_by_callback(module: JsModule, prop: Node) -> set[Fact]:
    """A wx API's `success`, `fail` or `complete` runs only where the API is there: on an older client the call throws
    before any of them (`wx.requirePrivacyAuthorize` in the `success` of `wx.getPrivacySetting`, both 2.32.3:
    yepengzhao965-lgtm/weapp-course-buy, held out). In its `success`, what the API's success establishes."""
    call = options_call(prop)
    api = module.wx_api_of(call.callee) if call is not None else None
    if api is None:
        return set()
    return {("api", api)} | (_established_by_success(module, call, api) if property_key(prop) == "success" else set())


@cache
def _api_callbacks() -> frozenset[str]:
    return frozenset(load_data_table("callbacks")["api_callbacks"])


def _established_by_success(module: JsModule, call: Node, api: str) -> set[Fact]:
    """In the `success` of `wx.authorize({ scope })`, or of an API that needs a scope
    (`openBluetoothAdapter` before `createBLEPeripheralServer`), that scope is granted; in the `success` of
    `wx.getStorage({ key })`, which runs only when the key is stored, a stored login under a login name is there
    (bianLiang/robot index/index.js, held out)."""
    if api == "getStorage":
        key = string_value(object_property(call.arguments[0], "key"), module)
        return {("logged-in", f"wx.getStorage('{key}')")} if _is_login_name(key) else set()
    if api == "authorize":
        scope = string_value(object_property(call.arguments[0], "scope"), module)
        return {("granted", scope)} if scope else set()
    scope = _scopes_by_api().get(api)
    return {("granted", scope)} if scope else set()


@cache
def _scopes_by_api() -> dict[str, str]:
    return {api: scope for scope, entry in load_data_table("scopes")["scopes"].items() for api in entry.get("apis", ())}


def _early_exit_facts(module: JsModule, statement: Node) -> frozenset[Fact]:
    """`if (!wx.getUserProfile) return` before a node: what holds after it."""
    if statement.type != "IfStatement" or statement.alternate is not None or not always_exits(statement.consequent):
        return frozenset()
    return facts(module, statement.test)[1]


def data_flags(module: JsModule, data_objects: list[Node], around=None) -> dict[str, frozenset[Fact]]:
    """Data flags that record a feature test or a granted scope: `data: { canIUse: wx.canIUse('…') }`,
    `this.setData({ ok: !!wx.getUserProfile })`, `if (wx.getUserProfile) this.setData({ ok: true })`, or
    a value set where something holds (`step: 'scan'` in the success of `wx.authorize`, as flag `step=scan`).
    `around(node)`, when given, adds what holds on every way into the function a `setData` is in (a flag set
    in a method that is only called under a feature test)."""
    flags: dict[str, set[Fact]] = {}
    # `step: 'scan'`: what holds at every place the value is set (an intersection: a value set once
    # without the scope granted shows the element without it)
    value_flags: dict[str, set[Fact]] = {}
    # the feature tests that hold at every place that makes a flag true: one place without them shows the element
    # on an old client (`showPrivacyPopup: true` also set when a box is unticked: liuxuan124/miniprogram-platform)
    features: dict[str, set[Fact]] = {}

    def record(name: str | None, value: Node, place: Node) -> None:
        if name is None:
            return
        found = set(facts(module, value)[0])
        literal = unwrap(value)
        holds = None
        if literal.type == "Literal" and (isinstance(literal.value, str) or literal.value is True):
            holds = set(lexical_facts(module, place)) | (set(around(place)) if around is not None else set())
        if literal.type == "Literal" and isinstance(literal.value, str):
            key = _value_flag(name, literal.value)
            value_flags[key] = value_flags[key] & holds if key in value_flags else holds
        if literal.type == "Literal" and literal.value is True:
            found |= holds
        found.discard(("flag", name))
        if found or (literal.type == "Literal" and literal.value is True):
            tested = {fact for fact in found if fact[0] in _FEATURE_FACTS}
            features[name] = features[name] & tested if name in features else tested
        # what holds at some place that sets it true: a flag set again once the settings page was offered (`isAuth`
        # after `openSetting().then(…)`: sandytaogo/miniprogram-sc face/recognition) still records the grant
        if found:
            flags.setdefault(name, set()).update(found)

    for data in data_objects:
        data = unwrap(data)
        if data is not None and data.type == "ObjectExpression":
            for prop in data.properties:
                if prop.type == "Property":
                    record(property_key(prop), prop.value, prop)
    for node in module.nodes("CallExpression"):
        if not node.arguments:
            continue
        callee = unwrap(node.callee)
        if callee.type == "MemberExpression" and member_name(callee) == "setData":
            argument = unwrap(node.arguments[0])
            if argument.type == "ObjectExpression":
                for prop in argument.properties:
                    if prop.type == "Property":
                        record(property_key(prop), prop.value, node)
    for name, found in flags.items():
        found -= {fact for fact in found if fact[0] in _FEATURE_FACTS} - features.get(name, set())
    flags.update((key, found) for key, found in value_flags.items() if found)
    return {name: frozenset(found) for name, found in flags.items() if found}


_FEATURE_FACTS = frozenset({"api", "schema", "version"})  # what a feature test proves (`proves`)


@cache
def api_versions() -> dict[str, str]:
    """The base library each API needs (rules/data/api-versions.json), by name."""
    return {name: entry["since"] for name, entry in load_data_table("api-versions")["apis"].items() if entry["since"]}


@cache
def component_versions() -> dict[str, str]:
    """The base library each component, attribute or value needs (rules/data/component-versions.yaml), by key."""
    return {key: str(entry["since"]) for key, entry in load_data_table("component-versions")["entries"].items()}


def flags_always_true(module: JsModule, data_objects: list[Node], minimum: str) -> frozenset[str]:
    """The data flags that only ever hold a feature test of what every client from the `minimum` base library has:
    the 2018 template's `canIUse: wx.canIUse('button.open-type.getUserInfo')` (1.3.0), never set again, so its
    `else` branch never runs (lwssen/wxmini-bbs, held out)."""
    versions = {**api_versions(), **component_versions()}
    floor = version_key(minimum)
    writes: dict[str, list[Node]] = {}
    for data in data_objects:
        data = unwrap(data)
        for prop in data.properties if data is not None and data.type == "ObjectExpression" else ():
            if prop.type == "Property" and property_key(prop):
                writes.setdefault(property_key(prop), []).append(prop.value)
    for name, value in each_flag_write(module, module.tree.program):
        writes.setdefault(name, []).append(value)

    def always_there(value: Node) -> bool:
        found = facts(module, value)[0]
        return bool(found) and all(kind in ("api", "schema") and value_name in versions
                                   and version_key(versions[value_name]) <= floor for kind, value_name in found)

    return frozenset(name for name, values in writes.items() if all(always_there(value) for value in values))


def expand_flags(found: frozenset[Fact] | set[Fact], flags: dict[str, frozenset[Fact]]) -> set[Fact]:
    """Facts with what each data flag among them records (`data_flags`) added."""
    expanded = set(found)
    for kind, name in found:
        if kind == "flag":
            expanded |= flags.get(name, set())
    return expanded


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def proves(found: frozenset[Fact] | set[Fact], flags: dict[str, frozenset[Fact]], requirement: tuple[str, str, str],
           versions: dict[str, str]) -> bool:
    """Whether the facts found (with the data flags among them expanded) prove a requirement: ("api", name,
    since) or ("component", schema, since). `versions`: API or `canIUse` key -> the base library it needs. A
    feature that is there proves its base library, and with it every older feature:
    `canIUse('input.type.nickname')` (2.21.2) guards `open-type="chooseAvatar"` (2.21.2)."""
    kind, name, since = requirement
    expanded = expand_flags(found, flags)
    for fact_kind, value in list(expanded):
        key = value if fact_kind == "schema" and value in versions else value.split(".")[0] if fact_kind in ("schema", "api") else None
        if key in versions:
            expanded.add(("version", versions[key]))
    for fact_kind, value in expanded:
        if fact_kind == "version" and version_key(value) >= version_key(str(since)):
            return True
        if kind == "api" and ((fact_kind == "api" and value == name) or (fact_kind == "schema" and value.split(".")[0] == name)):
            return True
        if kind == "component" and fact_kind == "schema" and value == name:
            return True
    return False


UNKNOWN_VALUE = object()  # what `written_value` gives for a value that is not written out


def written_value(node: Node | None) -> object:
    """The value a literal writes out (a string, number, boolean or null); `UNKNOWN_VALUE` for anything else."""
    node = unwrap(node)
    return node.value if node is not None and node.type == "Literal" and not getattr(node, "regex", None) else UNKNOWN_VALUE


def first_values(data: Node | None) -> dict[str, object]:
    """The values a page's `data: { … }` writes out, by key (`written_value`)."""
    values: dict[str, object] = {}
    data = unwrap(data)
    for prop in getattr(data, "properties", None) or ():
        key = property_key(prop) if prop.type == "Property" else None
        if key is not None:
            values[key] = written_value(prop.value)
    return values


def false_at_first(found: frozenset[Fact] | set[Fact], first: dict[str, object], set_later: set[str]) -> bool:
    """Whether one of these facts (an element's `wx:if`s, `element_facts`) is false with a page's first data
    (`first_values`) and stays so until code sets its key (`set_later` holds the keys the code that runs as the page
    opens sets): `PageCur=='around'` with `data: { PageCur: 'home' }`."""
    for kind, name in found:
        if kind not in ("flag", "not-flag"):
            continue
        key, is_value, value = name.partition("=")
        if key in set_later or key not in first or first[key] is UNKNOWN_VALUE or (
                is_value and not isinstance(first[key], str)):
            continue  # may be set, or compared loosely (`1 == '1'`)
        holds = first[key] == value if is_value else bool(first[key])  # a literal's truth: '' 0 false null are false
        if holds != (kind == "flag"):
            return True
    return False


def attribute_value_facts(attribute, value: str) -> frozenset[Fact]:
    """What holds where an attribute written as one `{{ }}` gives `value`: the tests of the `?:` and `&&` on the way to
    it (`open-type="{{ canIUse ? 'chooseAvatar' : '' }}"` asks for the avatar only where `canIUse` is true); what holds
    at every place that gives it, when several do."""
    places = [frozenset().union(*(facts(None, test)[0 if holds else 1] for test, holds in tests))
              for found, tests in attribute_choices(attribute) if found == value]
    return frozenset.intersection(*places) if places else frozenset()


def switched_off(element) -> bool:
    """Whether a WXML element never renders because a `wx:if` around it is written out false (`wx:if="{{false}}"`, the
    `wx:else` of `wx:if="{{true}}"`): `never_holds(element_facts(element))` for that case, without parsing every
    condition of every template."""
    for condition in enclosing_conditions(element):
        text = condition.expression.strip()
        if text.startswith("{{") and text.endswith("}}") and text[2:-2].strip() in _WRITTEN_OUT_VALUES \
                and never_holds(element_facts(element)):
            return True
    return False


# The values a `wx:if` can write out (`_literal_truth` says which are true)
_WRITTEN_OUT_VALUES = frozenset({"false", "true", "0", "1", "null", "undefined", "''", '""'})


def element_facts(element) -> frozenset[Fact]:
    """What the `wx:if`/`wx:elif`/`wx:else` around a WXML element establish when it renders."""
    found: set[Fact] = set()
    for condition in enclosing_conditions(element):
        text = condition.expression.strip()
        if text.startswith("{{") and text.endswith("}}"):
            expression = parse_expression(text[2:-2])
            when_true, when_false = _written_out_facts(expression) or facts(None, expression)
            found |= when_false if condition.negated else when_true
    return frozenset(found)
