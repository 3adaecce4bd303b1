"""The layout's promises, checked: no import cycle among wxlint's modules (and none hidden by an import inside a
function), and checks that use the engine only through its public API: no `_parent`, no private name of
another module, each declaring whether it uses the flow engine."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "wxlint"


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def _imports(path: Path, modules) -> list[tuple[str, bool, str]]:
    """(module imported, whether inside a function or class, name imported) for each wxlint import."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wxlint"):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                found.append((target if target in modules else node.module, node.col_offset > 0, alias.name))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.col_offset > 0, alias.name) for alias in node.names if alias.name.startswith("wxlint"))
    return found


def _graph_and_hidden(modules) -> tuple[dict[str, set[str]], list[str]]:
    graph = {name: set() for name in modules}
    hidden = []
    for name, path in modules.items():
        for target, nested, _ in _imports(path, modules):
            if target in modules and target != name:
                graph[name].add(target)
                if nested:
                    hidden.append(f"{name} -> {target}")
    return graph, hidden


def _cycles(graph: dict[str, set[str]]) -> list[str]:
    state, stack, cycles = {}, [], []

    def visit(name):
        state[name] = "open"
        stack.append(name)
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append(" -> ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target)
        stack.pop()
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return cycles


def test_no_import_cycles_and_no_import_hidden_in_a_function():
    graph, hidden = _graph_and_hidden(_modules())
    assert hidden == []
    assert _cycles(graph) == []


def test_a_cycle_hidden_in_a_function_is_found(tmp_path, monkeypatch):
    package = tmp_path / "wxlint"
    package.mkdir()
    (package / "a.py").write_text("from wxlint.b import x\n", encoding="utf-8")
    (package / "b.py").write_text("def f():\n    from wxlint.a import y\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package)
    graph, hidden = _graph_and_hidden(_modules())
    assert hidden == ["wxlint.b -> wxlint.a"]
    assert _cycles(graph) == ["wxlint.a -> wxlint.b -> wxlint.a"]


def test_checks_use_the_public_api_only():
    for path in sorted((PACKAGE / "checks").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        private_reads = [f"{path.name}:{node.lineno} .{node.attr}" for node in ast.walk(tree)
                         if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                         and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))]
        private_imports = [f"{path.name}: {name}" for _, _, name in _imports(path, _modules()) if name.startswith("_")]
        assert private_reads == [] and private_imports == []
