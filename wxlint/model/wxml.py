"""What WXML elements mean: event bindings (`bindtap`, `catch:tap`, …) and their handlers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wxlint.parse.javascript import parse_expression, walk
from wxlint.parse.source import SourceText
from wxlint.parse.vue import hyphenated
from wxlint.parse.wxml import WxmlAttribute, WxmlDocument, WxmlElement

# Longest first: `capture-bind:tap` must not be read as `capture-…`.
_EVENT_PREFIXES = (
    ("capture-bind:", "capture-bind"), ("capture-catch:", "capture-catch"), ("mut-bind:", "mut-bind"),
    ("bind:", "bind"), ("catch:", "catch"), ("bind", "bind"), ("catch", "catch"),
)


@dataclass
class EventBinding:
    element: WxmlElement
    attribute: WxmlAttribute
    prefix: str  # bind | catch | capture-bind | capture-catch | mut-bind
    event: str  # as written, e.g. "tap", "getRealTimePhoneNumber"
    handler: str | None  # the method name; None when dynamic (`bindtap="{{name}}"`)
    source: SourceText | None = None  # the file the element is in (an included file for `<include>`)

    @property
    def event_key(self) -> str:
        """The event name compared case-insensitively, as built-in events are."""
        return self.event.lower()

    @property
    def is_dynamic(self) -> bool:
        return self.handler is None

    @property
    def handler_names(self) -> list[str] | None:
        """The methods the binding can name: `bindtap="{{ loading ? '' : 'onClick' }}"` -> ["onClick"];
        None when a name is computed at run time."""
        if self.handler is not None:
            return [self.handler]
        value = (self.attribute.value or "").strip()
        if not (value.startswith("{{") and value.endswith("}}")) or value.count("{{") != 1:
            return None
        names = _string_values(parse_expression(value[2:-2]))
        return None if names is None else [name for name in names if name]


def _string_values(expression) -> list[str] | None:
    """Every string an expression can evaluate to, when each is written out; None otherwise."""
    if expression is None:
        return None
    if expression.type == "Literal" and isinstance(expression.value, str):
        return [expression.value]
    if expression.type == "ConditionalExpression":
        parts = (expression.consequent, expression.alternate)
    elif expression.type == "LogicalExpression" and expression.operator == "&&":
        parts = (expression.right,)  # the falsy left side names no method
    elif expression.type == "LogicalExpression":
        parts = (expression.left, expression.right)
    else:
        return None
    values = [_string_values(part) for part in parts]
    return None if any(v is None for v in values) else [name for v in values for name in v]


def event_binding(element: WxmlElement, attribute: WxmlAttribute) -> EventBinding | None:
    name = attribute.name
    for written, prefix in _EVENT_PREFIXES:
        if name.startswith(written) and len(name) > len(written):
            event = name[len(written):]
            value = (attribute.value or "").strip()
            handler = None if "{{" in value else value
            return EventBinding(element, attribute, prefix, event, handler)
    return None


def event_bindings(document: WxmlDocument) -> list[EventBinding]:
    bindings = []
    for element in document.iter_elements():
        for attribute in element.attributes:
            binding = event_binding(element, attribute)
            if binding is not None:
                binding.source = document.source
                bindings.append(binding)
    return bindings


def component_keys(element: WxmlElement):
    """(canIUse-style key, attribute or None) of what an element uses: `page-container`,
    `button.open-type.chooseAvatar`, `input.type.nickname`; of an attribute set from data, the values its `{{ }}`
    writes out (`{{ agree ? 'getRealtimePhoneNumber|agreePrivacyAuthorization' : '' }}`)."""
    yield element.tag, None
    for attribute in element.attributes:
        for value in sorted(attribute_values(attribute)):
            yield f"{element.tag}.{hyphenated(attribute.name)}.{value}", attribute


# The spellings of a button's `open-type`: the framework reads an attribute's camelCase name as its hyphenated one
# (`openType`, `formType`, `hoverClass` in code unpacked from a published package: shiruiqiang/xiaochengxu_qianduan,
# held out)
OPEN_TYPE_NAMES = frozenset({"open-type", "openType"})


def open_types(element: WxmlElement) -> list[WxmlAttribute]:
    """Every `open-type` of an element: one written twice (litemall's login button, `getUserProfile` then
    `getUserInfo`) is read in both."""
    return [attribute for attribute in element.attributes if attribute.name in OPEN_TYPE_NAMES]


def attribute_can_be(attribute: WxmlAttribute, value: str) -> bool:
    """Whether an attribute can be `value`: written as it is, or a `{{ }}` expression that can give
    it (`{{ ask ? 'getUserInfo' : '' }}`); not a test of it (`{{ t === 'getUserInfo' ? '' : t }}`)."""
    raw = attribute.value
    if raw is None or value not in raw:
        return False  # the value is written out wherever an attribute can be it (and parsing `{{ }}` costs)
    return value in attribute_values(attribute)


def attribute_values(attribute: WxmlAttribute) -> set[str]:
    """The values an attribute can have, as far as they are written out (`attribute_choices`)."""
    return {value for value, _ in attribute_choices(attribute)}


# A test on the way to a value of a `{{ }}` expression: (the test, whether it holds there)
Choice = tuple[str, tuple[tuple[object, bool], ...]]


def attribute_choices(attribute: WxmlAttribute) -> list[Choice]:
    """(value, the tests on the way to it) of each value an attribute can have, as far as it is written out: its text,
    or a string a whole `{{ }}` expression can give (`_string_choices`). An `open-type` asks for each ability of a
    `|`-joined list (`getPhoneNumber|agreePrivacyAuthorization`: the privacy agreement with the phone number, in one tap)."""
    text = (attribute.value or "").strip()
    if not text:
        return []
    if "{{" not in text:
        choices: list[Choice] = [(text, ())]
    elif text.startswith("{{") and text.endswith("}}") and text.count("{{") == 1:
        if not any(quote in text for quote in "'\"`"):
            return []  # no string written in it (`{{item.name}}`, most bindings): nothing to parse for
        expression = parse_expression(text[2:-2])
        choices = _string_choices(expression) if expression is not None else []
    else:
        return []  # text around or between expressions: not a whole value wxlint can read
    if attribute.name in OPEN_TYPE_NAMES:
        choices = [(part.strip(), tests) for value, tests in choices for part in value.split("|")]
    return [(value, tests) for value, tests in choices if value]


def _string_choices(expression, tests: tuple = ()) -> list[Choice]:
    """The strings an expression can evaluate to, as far as they are written out, each with the tests on the way:
    literals, both branches of `?:`, either side of `||`/`??` (the right one where the left fails), the right of `&&`."""
    kind = expression.type
    if kind == "Literal":
        return [(expression.value, tests)] if isinstance(expression.value, str) else []
    if kind == "TemplateLiteral" and not expression.expressions:
        return [(expression.quasis[0].value.cooked, tests)]
    if kind == "ConditionalExpression":
        return (_string_choices(expression.consequent, (*tests, (expression.test, True)))
                + _string_choices(expression.alternate, (*tests, (expression.test, False))))
    if kind == "LogicalExpression":
        if expression.operator == "&&":
            return _string_choices(expression.right, (*tests, (expression.left, True)))
        return _string_choices(expression.left, tests) + _string_choices(expression.right, (*tests, (expression.left, False)))
    if kind in ("ParenthesizedExpression", "ChainExpression"):
        return _string_choices(expression.expression, tests)
    return []


@dataclass
class Condition:
    """A `wx:if`/`wx:elif`/`wx:else` that decides whether an element renders."""

    element: WxmlElement  # the element carrying the attribute
    attribute: WxmlAttribute | None  # None for the implied tests of `wx:else`
    expression: str  # the `{{ }}` text of the test
    negated: bool  # True for the earlier branches a `wx:elif`/`wx:else` implies are false


def enclosing_conditions(element: WxmlElement) -> list[Condition]:
    """Every condition that must hold for `element` to render, innermost first."""
    conditions = []
    node: WxmlElement | None = element
    while node is not None and node.tag != "#document":
        conditions.extend(_own_conditions(node))
        node = node.parent
    return conditions


def _own_conditions(element: WxmlElement) -> list[Condition]:
    own = []
    for name in ("wx:if", "wx:elif"):
        attribute = element.get(name)
        if attribute is not None:
            own.append(Condition(element, attribute, attribute.value or "", False))
    if element.get("wx:elif") is not None or element.get("wx:else") is not None:
        # Each earlier branch of the chain was false.
        for sibling in _previous_branches(element):
            attribute = sibling.get("wx:if") or sibling.get("wx:elif")
            own.append(Condition(sibling, attribute, attribute.value or "", True))
    return own


def _previous_branches(element: WxmlElement) -> list[WxmlElement]:
    parent = element.parent
    if parent is None:
        return []
    siblings = [c for c in parent.children if isinstance(c, WxmlElement)]
    index = siblings.index(element)
    branches = []
    for sibling in reversed(siblings[:index]):
        if sibling.get("wx:elif") is not None:
            branches.append(sibling)
        elif sibling.get("wx:if") is not None:
            branches.append(sibling)
            break
        else:
            break
    return branches


def template_source(document: WxmlDocument, element: WxmlElement, miniprogram_root: Path) -> Path | None:
    """The file an `<import src>`/`<include src>` names, as a Path (or None)."""
    src = element.value("src")
    if not src or "{{" in src or document.source.path is None:
        return None
    base = miniprogram_root / src.lstrip("/") if src.startswith("/") else document.source.path.parent / src
    if base.suffix != ".wxml":
        base = base.with_name(base.name + ".wxml")
    return base.resolve() if base.is_file() else None


def unit_event_bindings(document: WxmlDocument, load, miniprogram_root) -> list[EventBinding]:
    """Event bindings of a page or component's WXML, with `<include>`d files and the
    `<import>`ed templates it uses. `load(path)` returns a parsed WxmlDocument or None."""
    bindings: list[EventBinding] = []
    _collect(document, load, miniprogram_root, bindings, set(), only_templates=None)
    return bindings


def _template_of(element: WxmlElement) -> str | None:
    for node in (element, *element.ancestors()):
        if node.tag == "template" and node.get("name") is not None:
            return node.value("name")
    return None


def _collect(document, load, miniprogram_root, bindings, seen, only_templates) -> None:
    """`only_templates`: None for a whole document; for an imported file, the names of
    the templates the importer uses (every template when the importer's `is` is dynamic)."""
    path = document.source.path
    if path in seen:
        return
    seen.add(path)
    used = {e.value("is") or "" for e in document.iter_elements() if e.tag == "template" and e.get("is") is not None}
    used_here = "*" if any("{{" in name for name in used) else frozenset(used)
    for element in document.iter_elements():
        if only_templates is not None and only_templates != "*" and _template_of(element) not in only_templates:
            continue
        for attribute in element.attributes:
            binding = event_binding(element, attribute)
            if binding is not None:
                binding.source = document.source
                bindings.append(binding)
        if element.tag in ("include", "import"):
            target = template_source(document, element, miniprogram_root)
            included = load(target) if target is not None else None
            if included is None:
                continue
            if element.tag == "include":
                _collect(included, load, miniprogram_root, bindings, seen, only_templates)
            else:
                _collect(included, load, miniprogram_root, bindings, seen, used_here)


def _mustache_expressions(value: str | None):
    """The expressions of the `{{ … }}` in an attribute value or text, each parsed (those that parse)."""
    text = value or ""
    start = text.find("{{")
    while start >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break
        expression = parse_expression(text[start + 2:end])
        if expression is not None:
            yield expression
        start = text.find("{{", end + 2)


def mustache_names(value: str | None) -> set[str]:
    """Data names a `{{ … }}` attribute value reads: `{{!denied && user.ready}}` -> {denied, user}."""
    names: set[str] = set()
    for expression in _mustache_expressions(value):
        member_names = {id(n.property) for n in walk(expression) if n.type == "MemberExpression" and not n.computed}
        names.update(n.name for n in walk(expression) if n.type == "Identifier" and id(n) not in member_names)
    return names


def mustache_strings(value: str | None) -> set[str]:
    """The string literals written in the `{{ … }}` of an attribute value: `{{ {openType: 'share'} }}` -> {share}."""
    return {node.value for expression in _mustache_expressions(value) for node in walk(expression)
            if node.type == "Literal" and isinstance(node.value, str)}
