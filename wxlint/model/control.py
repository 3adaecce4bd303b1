"""Order of execution inside one function, read from the syntax tree.

A light approximation of control flow, enough to tell whether one piece of code
can run before another in the same function: earlier in the source and on a path
that falls through to the later one. Two branches of the same `if`/`?:` exclude
each other, so do two `case`s of a `switch` unless the first falls through, and a
branch that always ends in `return`/`throw` never reaches the code after it.
"""

from __future__ import annotations

from esprima.nodes import Node

from wxlint.parse.javascript import FUNCTION_NODES

_BRANCHING = ("IfStatement", "ConditionalExpression")


def always_exits(statement: Node | None) -> bool:
    """Whether a statement always ends its function: `return`, `throw`, or a block ending in one."""
    if statement is None:
        return False
    if statement.type in ("ReturnStatement", "ThrowStatement"):
        return True
    if statement.type == "BlockStatement" and statement.body:
        return always_exits(statement.body[-1])
    if statement.type == "IfStatement" and statement.alternate is not None:
        return always_exits(statement.consequent) and always_exits(statement.alternate)
    return False


def _leaves_switch(case: Node) -> bool:
    """Whether a `case` never falls through to the next: it ends in `break`, `return`, `throw` or `continue`."""
    last = case.consequent[-1] if case.consequent else None
    while last is not None and last.type == "BlockStatement" and last.body:
        last = last.body[-1]
    return last is not None and (last.type in ("BreakStatement", "ContinueStatement") or always_exits(last))


def _ancestors(node: Node) -> list[Node]:
    """The node and its ancestors up to (and including) the nearest function or program."""
    chain = [node]
    current = node._parent
    while current is not None:
        chain.append(current)
        if current.type in FUNCTION_NODES or current.type == "Program":
            break
        current = current._parent
    return chain


def runs_before(earlier: Node, later: Node) -> bool:
    """Whether `earlier` can run before `later` when both are in the same function body
    (nested functions are the caller's business): it ends before `later` starts, is not
    in a branch exclusive with it, and is not in a branch that always leaves the function."""
    if earlier.range[1] > later.range[0]:
        return False
    earlier_chain = _ancestors(earlier)
    later_chain = _ancestors(later)
    later_ids = {id(node) for node in later_chain}
    for index, node in enumerate(earlier_chain):
        if id(node) in later_ids:
            common, child = node, earlier_chain[index - 1] if index else None
            break
    else:
        return False  # not in the same function
    if common.type in _BRANCHING and child is not None and child is not common.test:
        return False  # consequent and alternate of the same test
    if common.type == "SwitchStatement" and child is not None and child.type == "SwitchCase":
        later_case = next(node for node in later_chain if node._parent is common)
        cases = common.cases
        between = cases[cases.index(child):cases.index(later_case)] if later_case in cases else []
        if any(_leaves_switch(case) for case in between):
            return False  # another `case`: reached only by falling through
    # Walk from `earlier` up to the common ancestor: a branch on the way that always
    # exits never falls through to `later`.
    for node, parent in zip(earlier_chain, earlier_chain[1:]):
        if parent is common:
            break
        if parent.type == "IfStatement" and node is not parent.test and always_exits(node):
            return False
    return True


# Where a child runs only sometimes when its parent runs: a branch, a loop's body, the right of `&&`/`||`/`??`, a
# `case`, a `catch` or `finally`-less handler.
_SOMETIMES = frozenset({"IfStatement", "ConditionalExpression", "LogicalExpression", "SwitchCase", "CatchClause",
                        "ForStatement", "ForInStatement", "ForOfStatement", "WhileStatement", "DoWhileStatement"})


def runs_whenever(node: Node, container: Node) -> bool:
    """Whether `node` runs every time `container` (a statement list or expression around it in the same function)
    runs: no branch, loop, handler or function lies between them, and no statement before it in a block on the way
    always leaves the function."""
    current = node
    while current is not container:
        parent = current._parent
        if parent is None or parent.type in FUNCTION_NODES:
            return False
        if parent.type in _SOMETIMES and not (parent.type in _BRANCHING and current is parent.test) \
                and not (parent.type == "LogicalExpression" and current is parent.left):
            return False
        if parent.type in ("BlockStatement", "Program"):
            for statement in parent.body:
                if statement is current:
                    break
                if always_exits(statement):
                    return False
        current = parent
    return True


def after_an_exit(node: Node) -> bool:
    """Whether `node` sits after a statement that always leaves its function (`return;` left above old code:
    xzxwsk/uni-app-project qrcode.vue), so it never runs."""
    child, parent = node, node._parent
    while parent is not None and parent.type not in FUNCTION_NODES:
        if parent.type in ("BlockStatement", "Program", "SwitchCase"):
            statements = parent.body if parent.type != "SwitchCase" else parent.consequent
            for statement in statements:
                if statement is child:
                    break
                if always_exits(statement):
                    return True
        child, parent = parent, parent._parent
    return False


def catching_clause(node: Node) -> Node | None:
    """The `catch` clause that gets what `node` throws, within its own function (`try { … node … } catch (e) { … }`);
    None when an error there leaves the function."""
    child, parent = node, node._parent
    while parent is not None and parent.type not in FUNCTION_NODES:
        if parent.type == "TryStatement" and parent.block is child and parent.handler is not None:
            return parent.handler
        child, parent = parent, parent._parent
    return None
