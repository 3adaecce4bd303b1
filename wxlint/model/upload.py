"""What goes up at an upload, as WeChat's packager and its code quality scan (代码质量, `checkCodeQuality` of the
official `miniprogram-ci` package) see a project: its settings, the files of each package and their sizes.
The rules of the upload gate (minify-disabled, lazy-code-loading-off, package-size, …) ask here."""

from __future__ import annotations

import json
import os
import posixpath
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from esprima.nodes import Node

from wxlint.data_tables import load_data_table
from wxlint.globs import Glob
from wxlint.discover import Project
from wxlint.model.javascript import member_name, object_property, string_value, unwrap
from wxlint.model.modules import require_source, resolve_module_path
from wxlint.model.project import ProjectModel
from wxlint.parse.files import ParsedFile, parse_bytes
from wxlint.parse.javascript import walk
from wxlint.parse.json_document import JsonDocument, json_document_of
from wxlint.parse.source import SourceError, decode_bytes
from wxlint.parse.script_references import ScriptReferences, script_references
from wxlint.parse.wxss import wxss_imports
from wxlint.safe_fs import inside, is_file, read_file


def project_config(project: Project) -> JsonDocument | None:
    """project.config.json, where the upload settings are; None when there is none or it is no JSON object."""
    return _settings_document(project.root / "project.config.json", project.root)


def app_config(project: Project) -> JsonDocument | None:
    return _settings_document(project.miniprogram_root / "app.json", project.root)


def _settings_document(path: Path, root: Path) -> JsonDocument | None:
    # every rule of the gate asks for these two files: parsed once for their content, unsaved or not
    try:
        data = read_file(path, root)
    except OSError:
        return None
    return _document_of(path, data)


@lru_cache(maxsize=16)
def _document_of(path: Path, data: bytes) -> JsonDocument | None:
    return json_document_of(path, data)


def uploaded_from_here(project: Project) -> bool:
    """Whether the project is a mini-program DevTools and miniprogram-ci upload: a project.config.json and an app.json,
    both readable, and no other `compileType` (a plugin project uploads its plugin; its mini-program is a demo). A
    folder with app.json alone is the source of a build or an older layout; the scan cannot run on it."""
    if project.app_json is None:
        return False
    document = project_config(project)
    if document is None:
        return False
    kind = document.member("compileType")
    return kind is None or kind.value.type != "Literal" or kind.value.value in ("miniprogram", "", None)


def truthy(node: Node) -> bool:
    """Whether a JSON value is true to JavaScript's `!!`, as the scan tests its settings."""
    if node.type == "Literal":
        return bool(node.value) and node.value == node.value  # NaN cannot be written in JSON; 0, "" and null are false
    if node.type == "UnaryExpression" and node.argument.type == "Literal":
        return bool(node.argument.value)
    return True  # an object or an array


# -- the files that go up, by package ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PackedFile:
    path: Path
    name: str  # posix path from the miniprogram root, as the scan names it
    size: int
    package: str  # "" for the main package, else its subpackage's root with a trailing "/"


def scan_table() -> dict:
    return load_data_table("upload-scan")


class UploadPackage:
    """The files the code quality scan counts, each in its package, and what reaches what from app.json
    (`graph`). Built once a project, on first use (`upload_package`)."""

    def __init__(self, model: ProjectModel):
        self.model = model
        self.project = model.project
        self.root = self.project.miniprogram_root
        table = scan_table()
        self.links_outside: list[Path] = []
        found = _scanned_files(self.root, self.project.root, table, self.links_outside)
        self.subpackage_roots = self._subpackage_roots({name for name, _, _ in found})
        self.files: dict[str, PackedFile] = {name: PackedFile(path, name, size, self.package_of(name))
                                             for name, path, size in found}
        self._graph: ReachGraph | None = None

    def _subpackage_roots(self, names: set[str]) -> list[str]:
        """The subpackages the scan knows: a `root` written as a folder (no leading `/` or `./`) that holds a
        counted file; the files of any other are the main package's, as the scan counts them."""
        app = self.project.app_json or {}
        packages = app.get("subPackages") or app.get("subpackages") or []
        roots = []
        for package in packages if isinstance(packages, list) else []:
            root = package.get("root") if isinstance(package, dict) else None
            if not isinstance(root, str) or not root.strip() or root.startswith(("/", "./")):
                continue
            folder = root.rstrip("/") + "/"
            if any(name.startswith(folder) for name in names):
                roots.append(folder)
        return roots

    def package_of(self, name: str) -> str:
        """The package a file is in: "" for the main one, else its subpackage's root."""
        matching = [root for root in self.subpackage_roots if name.startswith(root)]
        return max(matching, key=len) if matching else ""

    def sizes(self) -> dict[str, int]:
        """Bytes of each package: "" for the main one, each subpackage by its root."""
        sizes = {"": 0}
        for packed in self.files.values():
            sizes[packed.package] = sizes.get(packed.package, 0) + packed.size
        return sizes

    def package_files(self, package: str) -> list[PackedFile]:
        return sorted((f for f in self.files.values() if f.package == package), key=lambda f: (-f.size, f.name))

    @property
    def graph(self) -> "ReachGraph":
        if self._graph is None:
            self._graph = ReachGraph(self)
        return self._graph

    def name_of(self, path: Path) -> str | None:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def path_of(self, name: str) -> Path:
        return self.root / name


def upload_package(model: ProjectModel) -> UploadPackage:
    """The project's upload package, built once and shared by the rules that ask."""
    package = model.derived.get(UploadPackage)
    if package is None:
        package = model.derived[UploadPackage] = UploadPackage(model)
    return package


def left_out_of_the_upload(model: ProjectModel, path: Path) -> bool:
    """Whether a script never runs because the upload leaves it out: a native project's .js or .ts that nothing
    reached from app.json names (a behavior nothing requires, a helper only a page app.json does not list requires:
    0x13217D4/starlumina-tools-wechat, held out), in a project whose upload leaves such files out (the default)."""
    if path.suffix not in (".js", ".ts") or model.is_unit_script(path):
        return False  # a unit's script is judged as its unit (`in_a_page_never_opened`): no package to build for it
    left_out = model.derived.get(left_out_of_the_upload)
    if left_out is None:
        left_out = model.derived[left_out_of_the_upload] = _scripts_left_out(model)
    return model.resolved(path) in left_out


def _scripts_left_out(model: ProjectModel) -> frozenset[Path]:
    project = model.project
    if project.framework != "native" or not uploaded_from_here(project) \
            or uploads_unused_files(project_config(project)) is not None:
        return frozenset()
    package = upload_package(model)
    graph = package.graph
    # the packager reaches a page's .js; the .ts beside it is its source, which wxlint reads in its place
    return frozenset(model.resolved(f.path) for f in package.files.values() if f.name.endswith((".js", ".ts"))
                     and not graph.reached(f.name) and not graph.reached(f.name.rsplit(".", 1)[0] + ".js"))


def _scanned_files(root: Path, project_root: Path, table: dict, links_outside: list[Path]) -> list[tuple[str, Path, int]]:
    """(name, path, size) of each file the scan counts below `root`; sizes from the file system, nothing is read.
    A link to a file outside the project is not followed (its size would tell of a file that is not the
    repository's): it is listed in `links_outside`."""
    endings = tuple(table["scanned_endings"])
    excluded_endings = tuple(table["excluded_endings"])
    excluded_folders, excluded_names = set(table["excluded_folders"]), set(table["excluded_names"])
    found = []
    for folder, folders, names in os.walk(root, followlinks=False, onerror=lambda _error: None):
        folders[:] = sorted(f for f in folders if f not in excluded_folders)
        for name in sorted(names):
            if not name.endswith(endings) or name.endswith(excluded_endings) or name in excluded_names:
                continue
            path = Path(folder, name)
            try:
                status = os.lstat(path)
                if stat.S_ISLNK(status.st_mode):
                    if not inside(project_root, path):
                        links_outside.append(path)
                        continue
                    status = os.stat(path)
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(status.st_mode):
                found.append((path.relative_to(root).as_posix(), path, status.st_size))
    return found


# -- what reaches what ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ComponentEntry:
    """A `usingComponents` (or `componentGenerics` default) entry of a page, a component or app.json."""

    holder: str  # the JSON file's name
    tag: str
    component: str  # the component's JSON file's name
    generic: bool = False


class ReachGraph:
    """Every file reached from app.json, as the packager follows them: pages and subpackage pages, components
    (usingComponents, generics), scripts (import, require, export from), WXML import/include/wxs, WXSS @import,
    the configuration files app.json names, workers and plugin exports. A file's `parents` are the files whose
    reference reached it; a page or component is its JSON file."""

    def __init__(self, package: UploadPackage):
        self.package = package
        self.model = package.model
        self.root = package.root
        self.kinds: dict[str, str] = {}
        self.parents: dict[str, set[str]] = {}
        self.entries: list[ComponentEntry] = []
        self.placeholders: dict[str, set[str]] = {}  # holder -> the tags its componentPlaceholder names
        self.wxml_tags: dict[str, set[str]] = {}  # WXML file -> the tags and generic values it uses
        self.wxml_children: dict[str, set[str]] = {}  # WXML file -> the WXML files it imports or includes
        self.plugin_uses: dict[str, set[str]] = {}  # file -> plugin aliases or providers it names
        self.dynamic_plugin_require = False  # a requirePlugin(x) whose name is not written: any plugin may be used
        self._queue: list[tuple[str, str]] = []
        self._app()
        while self._queue:
            kind, name = self._queue.pop()
            try:
                getattr(self, "_" + kind)(name)
            except RecursionError:
                continue  # a file nested too deeply: its references stay unknown (its parse error says so)

    # -- building
    def _reach(self, kind: str, name: str | None, parent: str | None) -> None:
        if name is None:
            return
        if parent is not None:
            self.parents.setdefault(name, set()).add(parent)
        if name not in self.kinds:
            self.kinds[name] = kind
            if kind in ("page", "component", "js", "wxs", "wxml", "wxss", "ts"):
                self._queue.append((kind, name))

    def _exists(self, name: str) -> bool:
        return name in self.package.files or is_file(self.root / name)

    def _app(self) -> None:
        app = self.model.project.app_json
        self.kinds["app.json"] = "app"
        if not isinstance(app, dict):
            return
        for name in ("app.js", "app.wxss"):
            self._reach("js" if name.endswith(".js") else "wxss", name if self._exists(name) else None, "app.json")
        if not self._exists("app.js") and self._exists("app.ts"):
            self._reach("ts", "app.ts", "app.json")
        for page in _strings(app.get("pages")):
            self._page_route(page, "page", "app.json")
        self._holder_json("app.json", app)
        for root in self.package.subpackage_roots:
            self.kinds.setdefault(root, "subpackage")
        packages = app.get("subPackages") or app.get("subpackages") or []
        for package in packages if isinstance(packages, list) else []:
            if not isinstance(package, dict) or not isinstance(package.get("root"), str):
                continue
            root = package["root"].strip("/")
            for page in _strings(package.get("pages")):
                self._page_route(posixpath.join(root, page), "page", "app.json")
            self._plugin_exports(package.get("plugins"), root)
            if isinstance(package.get("entry"), str):
                self._reach("js", _with_suffix(posixpath.normpath(posixpath.join(root, package["entry"])), ".js"), "app.json")
        self._plugin_exports(app.get("plugins"), "")
        sitemap = app.get("sitemapLocation")
        self._config(sitemap.lstrip("/") if isinstance(sitemap, str) else "sitemap.json")
        if isinstance(app.get("themeLocation"), str):
            self._config(app["themeLocation"].lstrip("/"))
        for name in ("ext.json", "project.config.json"):
            self._config(name)
        tab_bar = app.get("tabBar")
        if isinstance(tab_bar, dict) and tab_bar.get("custom") is True:
            self._app_component("custom-tab-bar")
        if _js_truthy(app.get("appBar")):  # `"appBar": {}` turns it on
            self._app_component("app-bar")
        workers = app.get("workers")
        if isinstance(workers, dict) and workers.get("isSubpackage") is True:
            workers = workers.get("path")
        if isinstance(workers, str) and workers.strip("/"):
            folder = workers.strip("/") + "/"
            for name in self.package.files:
                if name.startswith(folder) and name.endswith(".js"):
                    self._reach("js", name, "app.json")
        if self._exists("functional-pages/request-payment.js"):
            self._reach("js", "functional-pages/request-payment.js", "app.json")

    def _json_values(self, name: str):
        """A JSON file's values (no positions needed here: the rules that report in it read its tree); None when
        it cannot be read or is not JSON (discovery reports it)."""
        try:
            text, _ = decode_bytes(read_file(self.root / name, self.model.project.root))
            return json.loads(text)
        except (OSError, SourceError, ValueError, RecursionError):
            return None

    def _app_component(self, folder: str) -> None:
        """A component app.json turns on by a setting (the custom tab bar, the app bar): used by the app itself."""
        component = self._component_at(folder + "/index", "app.json")
        if component is not None:
            self.entries.append(ComponentEntry("app.json", folder, component))

    def _config(self, name: str) -> None:
        if self._exists(name):
            self._reach("config", name, "app.json")

    def _plugin_exports(self, plugins, root: str) -> None:
        for plugin in plugins.values() if isinstance(plugins, dict) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("export"), str):
                self._reach("js", _with_suffix(posixpath.normpath(posixpath.join(root, plugin["export"])), ".js"), "app.json")

    def _page_route(self, route: str, kind: str, parent: str) -> None:
        if route.startswith("/"):
            return  # the packager finds no page at a route written from the root (`/pages/a/a`)
        self._reach(kind, route + ".json", parent)

    def _component_at(self, base: str, parent: str) -> str | None:
        for name in (base + ".json", base + "/index.json"):
            if self._exists(name):
                self._reach("component", name, parent)
                return name
        return None

    def _page(self, name: str) -> None:
        base = name[:-len(".json")]
        for suffix, kind in ((".wxml", "wxml"), (".js", "js"), (".wxss", "wxss")):
            if self._exists(base + suffix):
                self._reach(kind, base + suffix, name)
        if not self._exists(base + ".js") and self._exists(base + ".ts"):
            self._reach("ts", base + ".ts", name)
        if self._exists(name):
            config = self._json_values(name)
            if isinstance(config, dict):
                self._holder_json(name, config)

    _component = _page

    def _holder_json(self, name: str, config: dict) -> None:
        using = config.get("usingComponents")
        for tag, target in using.items() if isinstance(using, dict) else []:
            if not isinstance(target, str):
                continue
            alias = _plugin_alias(target)
            if alias is not None:
                self.plugin_uses.setdefault(name, set()).add(alias)
                continue
            component = self._resolve_component(name, target)
            if component is not None:
                self.entries.append(ComponentEntry(name, tag, component))
        generics = config.get("componentGenerics")
        for tag, spec in generics.items() if isinstance(generics, dict) else []:
            if isinstance(spec, dict) and isinstance(spec.get("default"), str):
                component = self._resolve_component(name, spec["default"])
                if component is not None:
                    self.entries.append(ComponentEntry(name, f"{tag}-default", component, generic=True))
        placeholder = config.get("componentPlaceholder")
        if isinstance(placeholder, dict):
            self.placeholders[name] = {v for v in placeholder.values() if isinstance(v, str)}

    def _resolve_component(self, holder: str, target: str) -> str | None:
        folder = posixpath.dirname(holder)
        base = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found = self._component_at(base, holder) if not base.startswith("../") else None
        if found is None:
            found = self._npm(folder, target, ".json", lambda name: self._reach("component", name, holder))
        return found

    def _npm(self, folder: str, request: str, suffix: str, reach) -> str | None:
        """`miniprogram_npm/<request>` in the folder or a folder above it, as the packager looks it up."""
        while True:
            for name in (_with_suffix(posixpath.join(folder, "miniprogram_npm", request), suffix),
                         posixpath.join(folder, "miniprogram_npm", request, "index" + suffix)):
                name = posixpath.normpath(name)
                if not name.startswith("../") and self._exists(name):
                    reach(name)
                    return name
            if folder in ("", "."):
                return None
            folder = posixpath.dirname(folder)

    def _wxml(self, name: str) -> None:
        document = self._parsed(name)
        wxml = document.wxml if document is not None else None
        if wxml is None:
            return
        tags, children = set(), set()
        for element in wxml.iter_elements():
            tags.add(element.tag)
            for attribute in element.attributes:
                if attribute.name.startswith("generic:") and attribute.value:
                    tags.add(attribute.value)
                if attribute.value and ("plugin://" in attribute.value or "plugin-private://" in attribute.value):
                    self._plugin_text(name, attribute.value)
            src = element.value("src")
            if element.tag in ("import", "include", "wxs") and src and "{{" not in src:
                suffix = ".wxs" if element.tag == "wxs" else ".wxml"
                target = self._relative(name, src, suffix)
                if target is not None and self._exists(target):
                    self._reach(suffix[1:], target, name)
                    if suffix == ".wxml":
                        children.add(target)
        for tree in document.inline_wxs:
            self._follow(name, _estree_references(walk(tree.program)), ".wxs")
        self.wxml_tags[name] = tags
        self.wxml_children[name] = children

    def _wxss(self, name: str) -> None:
        try:
            text, _ = decode_bytes(read_file(self.root / name, self.model.project.root))
        except (OSError, SourceError):
            return
        for _, request in wxss_imports(text):
            target = self._relative(name, request, ".wxss")
            if target is not None and self._exists(target):
                self._reach("wxss", target, name)

    def _js(self, name: str) -> None:
        self._follow(name, self._references(name), ".js")

    _ts = _js

    def _wxs(self, name: str) -> None:
        self._follow(name, self._references(name), ".wxs")

    def _references(self, name: str) -> ScriptReferences | None:
        """What a script names: from its tree when the linter modelled it, else from tree-sitter's alone (a copied
        library or an npm package: building and validating its tree would cost the run more than the rest)."""
        path = self.root / name
        module = self.model.js_modules.get(path)
        if module is not None:
            return _estree_references(module.nodes_any_order(*_REFERENCE_NODES))
        if path in self.model.parsed:
            return None  # modelled, but no tree: its parse error is reported
        try:
            return script_references(read_file(path, self.model.project.root))
        except (OSError, ValueError):
            return None  # unreadable, or tree-sitter stopped: its references stay unknown

    def _follow(self, name: str, references: ScriptReferences | None, suffix: str) -> None:
        if references is None:
            return
        self.dynamic_plugin_require |= references.computed_plugin
        if references.plugins:
            self.plugin_uses.setdefault(name, set()).update(references.plugins)
        for text in references.plugin_texts:
            self._plugin_text(name, text)
        path = self.root / name
        for specifier in references.modules:
            if not specifier:
                continue
            if suffix == ".wxs":
                target = self._relative(name, specifier, ".wxs")
                if target is not None and self._exists(target):
                    self._reach("wxs", target, name)
                continue
            resolved = resolve_module_path(path, specifier, self.root)
            target = self.package.name_of(resolved) if resolved is not None else None
            if target is not None:
                self._reach("ts" if target.endswith(".ts") else "js", target, name)
            elif not specifier.startswith((".", "/")):
                self._npm(posixpath.dirname(name), specifier, ".js", lambda found: self._reach("js", found, name))

    def _plugin_text(self, name: str, text: str) -> None:
        for prefix in ("plugin://", "plugin-private://"):
            start = text.find(prefix)
            while start >= 0:
                alias = text[start + len(prefix):].split("/", 1)[0]
                if alias:
                    self.plugin_uses.setdefault(name, set()).add(alias)
                start = text.find(prefix, start + 1)

    def _relative(self, name: str, request: str, suffix: str) -> str | None:
        base = request.lstrip("/") if request.startswith("/") else posixpath.join(posixpath.dirname(name), request)
        target = posixpath.normpath(_with_suffix(base, suffix))
        return None if target.startswith("../") or target == ".." else target

    def _parsed(self, name: str) -> ParsedFile | None:
        path = self.root / name
        parsed = self.model.parsed.get(path)
        if parsed is not None:
            return parsed
        try:
            data = read_file(path, self.model.project.root)
        except OSError:
            return None
        return parse_bytes(path, data)

    # -- questions
    def reached(self, name: str) -> bool:
        return name in self.kinds

    def in_main_package(self, name: str) -> bool:
        return not any(name.startswith(root) for root in self.package.subpackage_roots)

    def tags_of(self, holder: str) -> set[str]:
        """The tags a page or component uses: in its WXML and the WXML that imports or includes, all the way."""
        start = holder[:-len(".json")] + ".wxml"
        tags, seen, stack = set(), set(), [start]
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            tags |= self.wxml_tags.get(name, set())
            stack.extend(self.wxml_children.get(name, ()))
        return tags

    def used_components(self) -> set[str]:
        """The components the scan counts as used: named by app.json, or their tag used by a holder that declares
        them (its WXML, generics, or a placeholder)."""
        used = set()
        for entry in self.entries:
            if entry.holder == "app.json" or entry.generic or entry.tag in self.tags_of(entry.holder) \
                    or entry.tag in self.placeholders.get(entry.holder, ()):
                used.add(entry.component)
        return used


def _js_truthy(value) -> bool:
    """`!!value` in JavaScript, for a value read from JSON: an empty object or array is true."""
    return value is not None and value is not False and value != 0 and value != ""


_REFERENCE_NODES = ("ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration", "ImportExpression",
                    "CallExpression", "Literal")


def _estree_references(nodes) -> ScriptReferences:
    """What a modelled script names, read off its ESTree nodes (the same questions `script_references` asks of
    tree-sitter's tree)."""
    found = ScriptReferences()
    for node in nodes:
        kind = node.type
        if kind in ("ImportDeclaration", "ExportNamedDeclaration", "ExportAllDeclaration") and node.source is not None:
            found.modules.append(node.source.value)
        elif kind == "ImportExpression":
            found.modules.append(string_value(node.source) or "")
        elif kind == "CallExpression":
            callee = unwrap(node.callee)
            required = require_source(node)
            if required is not None:
                found.modules.append(required)
            elif callee.type == "MemberExpression" and member_name(callee) == "async" and node.arguments \
                    and unwrap(callee.object).type == "Identifier" and unwrap(callee.object).name == "require":
                found.modules.append(string_value(node.arguments[0]) or "")  # require.async('../pkg/x.js')
            elif callee.type == "Identifier" and callee.name == "requirePlugin":
                plugin = string_value(node.arguments[0]) if node.arguments else None
                if plugin:
                    found.plugins.add(plugin)
                else:
                    found.computed_plugin = True
        elif kind == "Literal" and isinstance(node.value, str) and "plugin" in node.value:
            found.plugin_texts.append(node.value)
    return found


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _with_suffix(name: str, suffix: str) -> str:
    return name if name.endswith(suffix) else name + suffix


def _plugin_alias(target: str) -> str | None:
    for prefix in ("plugin://", "plugin-private://"):
        if target.startswith(prefix):
            return target[len(prefix):].split("/", 1)[0] or None
    return None


# -- where a finding about the package goes in app.json --------------------------------------------------------

def subpackage_entry(document: JsonDocument, root: str) -> Node | None:
    """The object of app.json's `subpackages` (or `subPackages`) list whose `root` is `root` (slashes aside)."""
    for key in ("subPackages", "subpackages"):
        member = document.member(key)
        if member is None or member.value.type != "ArrayExpression":
            continue
        for element in member.value.elements:
            if element is None or element.type != "ObjectExpression":
                continue
            value = object_property(element, "root")
            if value is not None and value.type == "Literal" and isinstance(value.value, str) \
                    and value.value.strip("/") == root.strip("/"):
                return element
    return None


def uploads_unused_files(document: JsonDocument | None) -> str | None:
    """The project.config.json setting that makes files nothing uses go up too (`ignoreUploadUnusedFiles` or
    `ignoreDevUnusedFiles` set to false: the scan then fails CONTAINS_UNUSED_CODES), or None."""
    if document is None:
        return None
    for key in ("ignoreUploadUnusedFiles", "ignoreDevUnusedFiles"):
        member = document.member("setting", key)
        if member is not None and member.value.type == "Literal" and member.value.value is False:
            return key
    return None


def pack_ignored(document: JsonDocument | None):
    """What `packOptions.ignore` of project.config.json leaves out of the upload, as a test of a file's name: the
    `folder`, `file`, `suffix`, `prefix` and `glob` rules, without regard to case, paths from the miniprogramRoot
    (projectconfig.html). A `regexp` rule is not applied: wxlint does not run a repository's regular expressions,
    so what only it would leave out is counted."""
    rules = document.member("packOptions", "ignore") if document is not None else None
    folders, files, suffixes, prefixes, globs = [], set(), [], [], []
    for element in rules.value.elements if rules is not None and rules.value.type == "ArrayExpression" else []:
        if element is None or element.type != "ObjectExpression":
            continue
        kind, value = (object_property(element, key) for key in ("type", "value"))
        if kind is None or value is None or value.type != "Literal" or not isinstance(value.value, str):
            continue
        text = value.value.lower().strip()
        kind = kind.value if kind.type == "Literal" else None
        if not text:
            continue
        if kind == "folder":
            folders.append(text.removeprefix("./").strip("/") + "/")  # (a `.git`-like folder keeps its dot)
        elif kind == "file":
            files.add(text.lstrip("/").removeprefix("./"))
        elif kind == "suffix":
            suffixes.append(text)
        elif kind == "prefix":
            prefixes.append(text)
        elif kind == "glob":
            globs.append(Glob(text))

    def ignored(name: str) -> bool:
        lowered = name.lower()
        base = lowered.rsplit("/", 1)[-1]
        return (lowered in files or lowered.startswith(tuple(folders)) or lowered.endswith(tuple(suffixes))
                or base.startswith(tuple(prefixes)) or any(glob.match(lowered) for glob in globs))
    return ignored


def unused_code_files(package: UploadPackage, document: JsonDocument | None) -> list[PackedFile]:
    """The script, template, style and JSON files nothing reaches from app.json, as the scan lists them (a
    path that holds the Babel output folder is the compiler's, never unused)."""
    table = scan_table()
    babel = babel_output(document)
    graph = package.graph
    endings = tuple(table["code_endings"])
    return sorted((f for f in package.files.values() if f.name.endswith(endings) and not graph.reached(f.name)
                   and babel not in f.name), key=lambda f: f.name)


def babel_output(document: JsonDocument | None) -> str:
    """The folder the compiler writes Babel's helpers to (`setting.babelSetting.outputPath`): the scan takes a path
    that holds it for the compiler's, never unused nor misplaced."""
    output = document.member("setting", "babelSetting", "outputPath") if document is not None else None
    if output is not None and output.value.type == "Literal" and isinstance(output.value.value, str) and output.value.value:
        return output.value.value
    return scan_table()["babel_output_default"]


def megabytes(size: int) -> str:
    """A size as the scan's messages count it (K and M of 1,024)."""
    return f"{size / 1048576:.2f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"
