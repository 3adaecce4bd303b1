"""WXML to an element tree with the position of every element and attribute.

WXML is not HTML, so this is a small dedicated tokenizer rather than an HTML
parser: attribute names keep their case (`bindgetRealTimePhoneNumber`),
`{{ … }}` is opaque (it may hold `<`, `>` and quotes), `<wxs>` bodies are raw
JavaScript, any element may self-close, attributes may be unquoted, repeated
or glued together (`a="1"b="2"`), and stray `>` or unclosed tags are tolerated.
Only constructs cut off by the end of the file are reported as problems; the
tree up to that point is still returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from wxlint.parse.source import SourceError, SourceText

# Elements whose content is raw text up to their end tag.
_RAW_TEXT_ELEMENTS = frozenset({"wxs"})
# Elements that never have content even when written without `/>`.
_VOID_ELEMENTS = frozenset({"import", "include", "input", "br", "hr", "img"})
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_TAG_NAME_CHARS = _NAME_START | frozenset("0123456789-:.")
_SPACE = frozenset(" \t\r\n\f")
_ATTR_NAME_STOP = _SPACE | frozenset("=>\"'") | frozenset("/")


@dataclass
class WxmlAttribute:
    name: str
    value: str | None  # None for a bare boolean attribute such as `disabled`
    offset: int  # where the name starts
    end: int  # after the value (or name)
    value_offset: int | None = None  # where the value's text starts (inside quotes)

    @property
    def is_dynamic(self) -> bool:
        return self.value is not None and "{{" in self.value


@dataclass
class WxmlNode:
    offset: int
    end: int
    parent: "WxmlElement | None" = field(default=None, repr=False)


@dataclass
class WxmlText(WxmlNode):
    text: str = ""


@dataclass
class WxmlComment(WxmlNode):
    text: str = ""  # between `<!--` and `-->`
    text_offset: int = 0


@dataclass
class WxmlElement(WxmlNode):
    tag: str = ""
    attributes: list[WxmlAttribute] = field(default_factory=list)
    children: list[WxmlNode] = field(default_factory=list)
    self_closing: bool = False

    def get(self, name: str) -> WxmlAttribute | None:
        """The first attribute of that exact name, as WeChat's compiler keeps it."""
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None

    def value(self, name: str) -> str | None:
        attribute = self.get(name)
        return None if attribute is None else attribute.value

    def iter_elements(self) -> Iterator["WxmlElement"]:
        """This element's descendants (not itself), in document order."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if isinstance(node, WxmlElement):
                yield node
                stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator["WxmlElement"]:
        node = self.parent
        while node is not None and node.tag != "#document":
            yield node
            node = node.parent

    @property
    def raw_text(self) -> str:
        """Raw content of a raw-text element such as inline `<wxs>`."""
        return "".join(c.text for c in self.children if isinstance(c, WxmlText))


@dataclass
class WxmlDocument:
    source: SourceText
    root: WxmlElement
    problems: list[SourceError]

    def iter_elements(self) -> Iterator[WxmlElement]:
        return self.root.iter_elements()

    def comments(self) -> Iterator[WxmlComment]:
        stack = list(reversed(self.root.children))
        while stack:
            node = stack.pop()
            if isinstance(node, WxmlComment):
                yield node
            elif isinstance(node, WxmlElement):
                stack.extend(reversed(node.children))


def parse_wxml(source: SourceText, text: str | None = None) -> WxmlDocument:
    """The document of `source`, or of `text` (the source with all but a template blanked: a `.vue` file's)."""
    return _WxmlParser(source, text).parse()


class _WxmlParser:
    def __init__(self, source: SourceText, text: str | None = None):
        self.source = source
        self.text = source.text if text is None else text
        self.length = len(self.text)
        self.root = WxmlElement(offset=0, end=self.length, tag="#document")
        self.stack: list[WxmlElement] = [self.root]
        self.problems: list[SourceError] = []

    def parse(self) -> WxmlDocument:
        text = self.text
        position = 0
        text_start = 0
        while position < self.length:
            lt = self._find_tag_open(position)
            if lt < 0:
                break
            following = text[lt + 1: lt + 2]
            if following in _NAME_START:
                self._add_text(text_start, lt)
                position = self._start_tag(lt)
                text_start = position
            elif following == "/" and text[lt + 2: lt + 3] in _NAME_START:
                self._add_text(text_start, lt)
                position = self._end_tag(lt)
                text_start = position
            elif text.startswith("<!--", lt):
                self._add_text(text_start, lt)
                position = self._comment(lt)
                text_start = position
            elif following == "!" or following == "?":
                # <!DOCTYPE …> or <?xml …?>: not WXML content
                self._add_text(text_start, lt)
                close = text.find(">", lt)
                position = self.length if close < 0 else close + 1
                text_start = position
            else:
                position = lt + 1  # a lone `<` in text
        self._add_text(text_start, self.length)
        return WxmlDocument(source=self.source, root=self.root, problems=self.problems)

    def _find_tag_open(self, position: int) -> int:
        """Next `<` outside `{{ … }}` in text content."""
        text = self.text
        while True:
            lt = text.find("<", position)
            mustache = text.find("{{", position)
            if mustache < 0 or lt < 0 or lt < mustache:
                return lt
            close = text.find("}}", mustache + 2)
            if close < 0:
                return lt
            position = close + 2

    def _add_text(self, start: int, end: int) -> None:
        if end > start:
            parent = self.stack[-1]
            parent.children.append(WxmlText(offset=start, end=end, parent=parent, text=self.text[start:end]))

    def _problem(self, message: str, offset: int) -> None:
        self.problems.append(SourceError(message, offset=offset))

    def _start_tag(self, lt: int) -> int:
        text = self.text
        position = lt + 1
        while position < self.length and text[position] in _TAG_NAME_CHARS:
            position += 1
        tag = text[lt + 1: position]
        parent = self.stack[-1]
        element = WxmlElement(offset=lt, end=self.length, parent=parent, tag=tag)
        parent.children.append(element)
        closed = False
        while True:
            while position < self.length and text[position] in _SPACE:
                position += 1
            if position >= self.length:
                # One problem per cut-off tag: an unterminated value already said it.
                if not self.problems or (self.problems[-1].offset or 0) < lt:
                    self._problem(f"unterminated start tag <{tag}>", lt)
                element.end = self.length
                return self.length
            ch = text[position]
            if ch == ">":
                position += 1
                break
            if text.startswith("/>", position):
                position += 2
                closed = True
                element.self_closing = True
                break
            if ch in "\"'/=":
                position += 1  # stray character between attributes
                continue
            position = self._attribute(element, position)
        element.end = position
        if closed or tag in _VOID_ELEMENTS:
            return position
        if tag in _RAW_TEXT_ELEMENTS:
            return self._raw_body(element, position)
        self.stack.append(element)
        return position

    def _attribute(self, element: WxmlElement, start: int) -> int:
        text = self.text
        position = start
        while position < self.length and text[position] not in _ATTR_NAME_STOP:
            position += 1
        if position < self.length and text[position] == "/" and not text.startswith("/>", position):
            # A `/` inside a name is part of it (rare); keep scanning.
            while position < self.length and text[position] not in (_ATTR_NAME_STOP - {"/"}):
                position += 1
        name = text[start:position]
        after_name = position
        while position < self.length and text[position] in _SPACE:
            position += 1
        if position >= self.length or text[position] != "=":
            element.attributes.append(WxmlAttribute(name=name, value=None, offset=start, end=after_name))
            return after_name
        position += 1
        while position < self.length and text[position] in _SPACE:
            position += 1
        if position < self.length and text[position] in "\"'":
            quote = text[position]
            value_start = position + 1
            value_end = self._quoted_value_end(value_start, quote)
            if value_end < 0:
                self._problem(f"unterminated value of attribute {name!r}", start)
                value_end = self.length
                end = self.length
            else:
                end = value_end + 1
        else:
            value_start = position
            while position < self.length and text[position] not in _SPACE and text[position] != ">" and not text.startswith("/>", position):
                position += 1
            value_end = end = position
        element.attributes.append(WxmlAttribute(
            name=name, value=text[value_start:value_end], offset=start, end=end, value_offset=value_start))
        return end

    def _quoted_value_end(self, position: int, quote: str) -> int:
        """Index of the closing quote; quotes inside a complete `{{ … }}` do not count."""
        text = self.text
        while True:
            close = text.find(quote, position)
            mustache = text.find("{{", position)
            if close < 0:
                return -1
            if mustache < 0 or close < mustache:
                return close
            end = text.find("}}", mustache + 2)
            if end < 0:
                return close
            # A `{{` whose `}}` lies beyond a line break and a closing quote is
            # more likely a typo than a multi-line expression holding quotes.
            position = end + 2

    def _raw_body(self, element: WxmlElement, position: int) -> int:
        text = self.text
        lowered_tag = f"</{element.tag}"
        close = text.find(lowered_tag, position)
        if close < 0:
            self._problem(f"<{element.tag}> is not closed", element.offset)
            element.children.append(WxmlText(offset=position, end=self.length, parent=element, text=text[position:]))
            element.end = self.length
            return self.length
        if close > position:
            element.children.append(WxmlText(offset=position, end=close, parent=element, text=text[position:close]))
        gt = text.find(">", close)
        element.end = self.length if gt < 0 else gt + 1
        return element.end

    def _end_tag(self, lt: int) -> int:
        text = self.text
        position = lt + 2
        while position < self.length and text[position] in _TAG_NAME_CHARS:
            position += 1
        tag = text[lt + 2: position]
        gt = text.find(">", position)
        end = self.length if gt < 0 else gt + 1
        if gt < 0:
            self._problem(f"unterminated end tag </{tag}>", lt)
        # Close up to the nearest open element of that name; elements left open
        # inside it are closed with it. An end tag that matches nothing is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                for element in self.stack[depth:]:
                    element.end = end
                del self.stack[depth:]
                break
        return end

    def _comment(self, lt: int) -> int:
        close = self.text.find("-->", lt + 4)
        parent = self.stack[-1]
        if close < 0:
            self._problem("unterminated comment <!--", lt)
            end = self.length
            body = self.text[lt + 4:]
        else:
            end = close + 3
            body = self.text[lt + 4: close]
        parent.children.append(WxmlComment(offset=lt, end=end, parent=parent, text=body, text_offset=lt + 4))
        return end
