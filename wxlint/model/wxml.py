"""What WXML elements mean: event bindings (`bindtap`, `catch:tap`, …) and their handlers."""

from __future__ import annotations

from dataclasses import dataclass

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

    @property
    def event_key(self) -> str:
        """The event name compared case-insensitively, as built-in events are."""
        return self.event.lower()

    @property
    def is_dynamic(self) -> bool:
        return self.handler is None


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
                bindings.append(binding)
    return bindings


def mentions_literal(attribute: WxmlAttribute, value: str) -> bool:
    """Whether an attribute is `value`, or a `{{ }}` expression holding the quoted string `value`."""
    raw = attribute.value
    if raw is None:
        return False
    if raw.strip() == value:
        return True
    return "{{" in raw and (f"'{value}'" in raw or f'"{value}"' in raw)
