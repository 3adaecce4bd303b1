"""uni-app's conditional compilation: keep what is compiled for WeChat, blank out the rest.

uni-app marks platform code with comments: `// #ifdef MP-WEIXIN` … `// #endif` in scripts and pages.json,
`<!-- #ifdef H5 -->` … `<!-- #endif -->` in templates, `/* #ifndef APP-PLUS */` … `/* #endif */` anywhere
(https://uniapp.dcloud.net.cn/tutorial/platform.html). Its compiler reads them line by line, before any parser
sees the file; so does this module: a directive is a line whose comment starts with `#ifdef`, `#ifndef`, `#if`,
`#else` (undocumented, accepted by the Vue 3 compiler) or `#endif`. The condition is platform names joined by
`||`, `&&`, `!` and parentheses; a name it does not know is false, as the compiler has it. Code of the branches
not taken is replaced by spaces, line ends kept, so every position in what remains is the file's own.
"""

from __future__ import annotations

from dataclasses import dataclass

# What is defined when uni-app compiles for WeChat (uni-cli-shared preprocess context: MP_WEIXIN and MP; `-` and
# `_` are the same in a name). VUE2 and VUE3 are left undefined: a file does not say which it is compiled with.
WEIXIN = frozenset({"MP-WEIXIN", "MP"})
_OPENERS = ("<!--", "//", "/*")


@dataclass(frozen=True)
class _Directive:
    kind: str  # ifdef | ifndef | else | endif
    condition: str


def _directive(line: str) -> _Directive | None:
    text = line.strip()
    opener = next((o for o in _OPENERS if text.startswith(o)), None)
    if opener is None:
        return None
    body = text[len(opener):].strip()
    if not body.startswith("#"):
        return None
    for closer in ("-->", "*/"):
        if body.endswith(closer):
            body = body[: -len(closer)].strip()
    word, _, rest = body[1:].partition(" ")
    if not rest and "\t" in word:
        word, _, rest = word.partition("\t")
    word = word.strip()
    if word in ("ifdef", "if"):
        return _Directive("ifdef", rest.strip())
    if word in ("ifndef", "else", "endif"):
        return _Directive(word, rest.strip())
    return None


def holds(condition: str, defined: frozenset[str]) -> bool:
    """Whether a directive's condition is true with `defined` names; one that cannot be read is false."""
    tokens = _tokens(condition.replace("\u3000", " "))
    if tokens is None:
        return False
    position = 0

    def expression() -> bool:
        nonlocal position
        value = term()
        while position < len(tokens) and tokens[position] == "||":
            position += 1
            value = term() or value
        return value

    def term() -> bool:
        nonlocal position
        value = factor()
        while position < len(tokens) and tokens[position] == "&&":
            position += 1
            value = factor() and value
        return value

    def factor() -> bool:
        nonlocal position
        if position >= len(tokens):
            raise ValueError("condition ends early")
        token = tokens[position]
        position += 1
        if token == "!":
            return not factor()
        if token == "(":
            value = expression()
            if position >= len(tokens) or tokens[position] != ")":
                raise ValueError("unclosed parenthesis")
            position += 1
            return value
        if token in ("||", "&&", ")"):
            raise ValueError(f"unexpected {token}")
        return token.replace("_", "-").upper() in defined

    try:
        value = expression()
    except ValueError:
        return False
    return value if position == len(tokens) else False


def _tokens(condition: str) -> list[str] | None:
    tokens: list[str] = []
    position = 0
    while position < len(condition):
        ch = condition[position]
        if ch.isspace():
            position += 1
        elif condition.startswith(("||", "&&"), position):
            tokens.append(condition[position:position + 2])
            position += 2
        elif ch == "|":  # a single `|` written for `||` (seen in public projects): the compiler's JavaScript reads it as or
            tokens.append("||")
            position += 1
        elif ch in "!()":
            tokens.append(ch)
            position += 1
        elif ch.isalnum() or ch in "-_.":
            start = position
            while position < len(condition) and (condition[position].isalnum() or condition[position] in "-_."):
                position += 1
            tokens.append(condition[start:position])
        else:
            return None  # `uniVersion > 3.9` and the like: not a platform test wxlint can decide
    return tokens


def compile_for_weixin(text: str, defined: frozenset[str]) -> str:
    """`text` with the code of every branch not compiled for WeChat blanked (line ends kept); directive lines stay,
    as the comments they are."""
    if "#if" not in text:
        return text
    lines = text.splitlines(keepends=True)
    taken: list[bool] = []  # each open block: whether its current branch is compiled
    kept_lines = []
    for line in lines:
        directive = _directive(line) if "#" in line else None
        if directive is not None:
            if directive.kind in ("ifdef", "ifndef"):
                value = holds(directive.condition, defined)
                taken.append(value if directive.kind == "ifdef" else not value)
            elif directive.kind == "else" and taken:
                taken[-1] = not taken[-1]
            elif directive.kind == "endif" and taken:
                taken.pop()
            kept_lines.append(line)
            continue
        kept_lines.append(line if all(taken) else _blank(line))
    return "".join(kept_lines)


def _blank(line: str) -> str:
    return "".join(ch if ch in "\r\n" else " " for ch in line)
