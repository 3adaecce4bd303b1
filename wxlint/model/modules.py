"""What a script imports and exports: `require`/`import` bindings and `module.exports`/`export`.

Resolution across files happens in the flow engine, which holds every module;
this module only reads one file and resolves import paths.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from esprima.nodes import Node

from wxlint.data_tables import load_data_table
from wxlint.discover import UNIT_SCRIPT_SUFFIXES
from wxlint.model.javascript import JsModule, leading_string, member_name, object_property, string_value, unwrap
from wxlint.model.scopes import Binding
from wxlint.parse.javascript import walk

SCRIPT_SUFFIXES = (".js", ".ts")


@dataclass
class Exports:
    named: dict[str, Node] = field(default_factory=dict)  # exported name -> value expression or declaration
    default: Node | None = None  # `module.exports = X` or `export default X`


@dataclass(frozen=True)
class ImportRef:
    source: str  # the specifier as written, e.g. '../../utils/auth'
    name: str | None  # an exported name, "default", "*" (a namespace import), or None (`require` of the whole module)


def require_source(node: Node | None) -> str | None:
    """'./x' for `require('./x')`, else None."""
    node = unwrap(node)
    if (node is not None and node.type == "CallExpression" and len(node.arguments) == 1
            and unwrap(node.callee).type == "Identifier" and unwrap(node.callee).name == "require"):
        return string_value(node.arguments[0])
    return None


def import_of(binding: Binding) -> ImportRef | None:
    """What a binding imports: `import x from`, `import {x}`, `const x = require()`, `const {x} = require()`."""
    if binding.kind == "import" and binding.import_source is not None:
        return ImportRef(binding.import_source, binding.imported_name)
    if binding.init is None or not binding.is_constant:
        return None
    init = unwrap(binding.init)
    source = require_source(init)
    if source is not None:
        return ImportRef(source, binding.destructured_key)
    # `const x = require('./m').x`
    if init.type == "MemberExpression" and binding.destructured_key is None:
        source = require_source(init.object)
        if source is not None:
            return ImportRef(source, member_name(init))
    return None


def module_exports(module: JsModule) -> Exports:
    exports = Exports()
    for statement in _top_level_statements(module.tree.program.body):
        kind = statement.type
        if kind == "ExportNamedDeclaration":
            declaration = statement.declaration
            if declaration is not None:
                if declaration.type in ("FunctionDeclaration", "ClassDeclaration") and declaration.id is not None:
                    exports.named[declaration.id.name] = declaration
                elif declaration.type == "VariableDeclaration":
                    for declarator in declaration.declarations:
                        if declarator.id.type == "Identifier" and declarator.init is not None:
                            exports.named[declarator.id.name] = declarator.init
            elif statement.source is None:
                for specifier in statement.specifiers:
                    exported = specifier.exported
                    name = exported.name if exported.type == "Identifier" else exported.value
                    exports.named[name] = specifier.local
        elif kind == "ExportDefaultDeclaration":
            exports.default = statement.declaration
        elif kind == "ExpressionStatement":
            _commonjs_export(statement.expression, exports)
    return exports


def _top_level_statements(body: list[Node], depth: int = 0):
    """The statements of a module's top level, and those of a function it calls at once there (`;(function () {
    … module.exports.network = { POST } })()`: cznq/mynt_marvin_mini_Program utils/util.js, held out)."""
    for statement in body:
        yield statement
        expression = unwrap(statement.expression) if statement.type == "ExpressionStatement" else None
        if expression is not None and expression.type == "UnaryExpression":
            expression = unwrap(expression.argument)  # `!function () { … }()`
        callee = unwrap(expression.callee) if expression is not None and expression.type == "CallExpression" else None
        if (callee is not None and callee.type in ("FunctionExpression", "ArrowFunctionExpression")
                and callee.body.type == "BlockStatement" and depth < 2):
            yield from _top_level_statements(callee.body.body, depth + 1)


def _commonjs_export(expression: Node, exports: Exports) -> None:
    if expression.type != "AssignmentExpression" or expression.operator != "=":
        return
    target = unwrap(expression.left)
    if target.type != "MemberExpression":
        return
    obj = unwrap(target.object)
    name = member_name(target)
    if obj.type == "Identifier" and obj.name == "module" and name == "exports":
        exports.default = expression.right  # module.exports = X
    elif obj.type == "Identifier" and obj.name == "exports" and name is not None:
        exports.named[name] = expression.right  # exports.x = X
    elif (obj.type == "MemberExpression" and member_name(obj) == "exports"
          and unwrap(obj.object).type == "Identifier" and unwrap(obj.object).name == "module" and name is not None):
        exports.named[name] = expression.right  # module.exports.x = X


def resolve_module_path(importer: Path, specifier: str, miniprogram_root: Path) -> Path | None:
    """The file a `require`/`import` specifier names, or None (npm packages, missing files)."""
    if specifier.startswith("/"):
        base = os.path.join(miniprogram_root, specifier.lstrip("/"))
    elif specifier.startswith("@/"):  # uni-app's (and many a build's) name for the source root
        base = os.path.join(miniprogram_root, specifier[2:])
    else:  # WeChat resolves a bare path relative to the file first, then in miniprogram_npm.
        base = os.path.join(os.path.dirname(importer), specifier)
    # `..` taken off by name, as WeChat's bundler does; then one lookup for each file every page requires. A
    # TypeScript file's import is the .ts where tsc's .js sits beside it (wxlint reads the source: UNIT_SCRIPT_SUFFIXES).
    suffixes = UNIT_SCRIPT_SUFFIXES if str(importer).endswith(".ts") else SCRIPT_SUFFIXES
    return _resolve_module_base(os.path.normpath(base), suffixes)


@lru_cache(maxsize=8192)
def _resolve_module_base(name: str, suffixes: tuple[str, ...]) -> Path | None:
    # Cached for one run (see `forget_module_paths`): a thousand pages that require the same utils
    # would each pay a handful of stat calls and a realpath.
    base = Path(name)
    candidates = [base] if base.suffix in SCRIPT_SUFFIXES or base.suffix == ".vue" else []
    candidates += [base.with_name(base.name + s) for s in suffixes]
    candidates += [base / f"index{s}" for s in suffixes]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    return None


def forget_module_paths() -> None:
    """Start a run afresh: files may have come or gone since the last run in this process."""
    _resolve_module_base.cache_clear()


@cache
def navigation_apis() -> frozenset[str]:
    """The wx APIs that open a page by its route (rules/data/navigation.yaml)."""
    return frozenset(load_data_table("navigation")["apis"])


_DEPENDENCY_NODES = ("ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration", "ImportExpression", "CallExpression")


def file_dependencies(parsed, modules: list | None = None) -> list[tuple[str, str]]:
    """What a parsed file can depend on, for choosing the files that matter to a single-file run:
    ("module", specifier) for require/import/export-from and `<wxs src>`, ("template", src) for
    `<import>`/`<include>`, ("app", "") for `getApp()`, ("route", url) for navigation; read from the
    JsModules of the file (script and inline `<wxs>`) when given. Over-inclusion is harmless here;
    missing a dependency is not."""
    found: set[tuple[str, str]] = set()
    if modules is None:
        trees = ([parsed.js] if parsed.js is not None else []) + list(parsed.inline_wxs)
        candidates = (node for tree in trees for node in walk(tree.program))
    else:  # the models' index of nodes by type: no walk over every node
        candidates = (node for module in modules for kind in _DEPENDENCY_NODES for node in module.nodes(kind))
    for node in candidates:
        kind = node.type
        if kind in ("ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration") and node.source is not None:
            found.add(("module", node.source.value))
        elif kind == "ImportExpression" and string_value(node.source):
            found.add(("module", string_value(node.source)))
        elif kind == "CallExpression":
            callee = unwrap(node.callee)
            required = require_source(node)
            if required:
                found.add(("module", required))
            elif callee.type == "Identifier" and callee.name == "getApp":
                found.add(("app", ""))
            elif (callee.type == "MemberExpression" and member_name(callee) in navigation_apis() and node.arguments):
                url = leading_string(object_property(node.arguments[0], "url"))
                if url:
                    found.add(("route", url))
    if parsed.wxml is not None:
        for element in parsed.wxml.iter_elements():
            src = element.value("src")
            if src and "{{" not in src:
                found.add(("module" if element.tag == "wxs" else "template", src))
    return sorted(found)

