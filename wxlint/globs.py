"""gitignore-like globs (`exclude:` in `.wxlint.yml`), matched in time linear in the path's length.

A pattern comes from the linted repository's configuration: translated to a backtracking regular expression,
`*a*a*a*a*a*a*a*a*a*a*a*a*b` against a 40-character name never finished. Here a pattern is a short list of
tokens and a path is read once, keeping the set of tokens it may have reached (a Thompson automaton), so the
work is at most the path's length times the pattern's.

`*` matches within a name, `?` one character of a name, `**/` any number of folders, `**` anything; a
pattern with a `/` (other than a trailing one) is anchored at the configuration's folder, one without matches
at any depth; a pattern also matches everything below what it names.
"""

from __future__ import annotations

_STAR, _ANY, _QUESTION, _FOLDERS = "*", "**", "?", "**/"


class Glob:
    def __init__(self, pattern: str):
        pattern = pattern.strip()
        anchored = "/" in pattern.rstrip("/")
        pattern = pattern.lstrip("/")
        tokens: list[str] = [] if anchored else [_FOLDERS]
        index = 0
        while index < len(pattern):
            for token in (_FOLDERS, _ANY, _STAR, _QUESTION):
                if pattern.startswith(token, index):
                    tokens.append(token)
                    index += len(token)
                    break
            else:
                tokens.append(pattern[index])  # a literal character
                index += 1
        if pattern.endswith("/"):
            tokens.append(_ANY)
        self.pattern = pattern
        self._tokens = tuple(tokens)

    def _closure(self, states: set) -> set:
        """The states reachable from `states` without reading a character. A state is a token index (the
        tokens before it are matched), ("in", i) inside the folders of a `**/` at i, or "below" (past the
        whole pattern and a `/`: anything follows)."""
        pending = list(states)
        reached = set(states)
        while pending:
            state = pending.pop()
            if not isinstance(state, int) or state >= len(self._tokens):
                continue
            token = self._tokens[state]
            following = [state + 1] if token in (_STAR, _ANY, _FOLDERS) else []
            if token == _FOLDERS:
                following.append(("in", state))
            for other in following:
                if other not in reached:
                    reached.add(other)
                    pending.append(other)
        return reached

    def match(self, path: str) -> bool:
        tokens = self._tokens
        end = len(tokens)
        states = self._closure({0})
        for char in path:
            moved = set()
            for state in states:
                if state == "below":
                    moved.add("below")
                elif isinstance(state, tuple):  # inside `**/`: any character, and a `/` may end it
                    moved.add(state)
                    if char == "/":
                        moved.add(state[1] + 1)
                elif state == end:
                    if char == "/":
                        moved.add("below")
                else:
                    token = tokens[state]
                    if token == _ANY or (token == _STAR and char != "/"):
                        moved.add(state)
                    elif (token == _QUESTION and char != "/") or token == char:
                        moved.add(state + 1)
            if not moved:
                return False
            states = self._closure(moved)
        return end in states or "below" in states
