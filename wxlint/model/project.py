"""A discovered project with every file parsed and modelled, once."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from wxlint.discover import Project
from wxlint.model.javascript import JsModule
from wxlint.model.modules import import_of, module_exports, resolve_module_path
from wxlint.uni_app import easycom_tag
from wxlint.parse.files import ParsedFile, parse_file
from wxlint.parse.source import SourceError, SourceText
from wxlint.parse.wxml import WxmlDocument
from wxlint.safe_text import exception_summary


class ProjectModel:
    def __init__(self, project: Project, parsed: dict[Path, ParsedFile] | None = None, files: list[Path] | None = None):
        """Model `files` (default: all the project's files), parsed beforehand or here."""
        self.project = project
        self.parsed: dict[Path, ParsedFile] = {}
        self.js_modules: dict[Path, JsModule] = {}
        self.inline_wxs: dict[Path, list[JsModule]] = {}
        self.wxml: dict[Path, WxmlDocument] = {}
        self.problems: list[tuple[Path, SourceError]] = list(project.problems)
        # what is built once from the model and shared by the checks that ask (the upload package), by its class
        self.derived: dict[type, object] = {}
        self._page_scripts: set[Path] | None = None
        self._resolved: dict[Path, Path] = {}
        self._used_components: set[Path] | None = None
        self._single_file_kinds = {self.resolved(unit.script): unit.kind for unit in project.units.values()
                                   if unit.script is not None and unit.script.suffix == ".vue"}
        for path in project.files if files is None else files:
            self._add(parsed[path] if parsed is not None else parse_file(path))
        self._link_wx_modules()

    def _link_wx_modules(self) -> None:
        """Modules that export `wx` itself (`module.exports = wx`, a promisifying proxy): what other
        modules import from them is `wx`, or one of its APIs."""
        wx_modules, proxy_class_modules = set(), set()
        for path, module in self.js_modules.items():
            default = module_exports(module).default
            if default is not None and module.is_wx(default):
                wx_modules.add(path)
            elif default is not None and module.is_proxy_class(default):
                proxy_class_modules.add(path)  # `export default WxService`: `new WxService()` elsewhere is a proxy
        if not wx_modules and not proxy_class_modules:
            return
        root = self.project.miniprogram_root
        for module in self.js_modules.values():
            for binding in module.scopes.root.bindings.values():
                reference = import_of(binding)
                if reference is None:
                    continue
                source = resolve_module_path(module.path, reference.source, root)
                if source in wx_modules:
                    module.imported_wx[id(binding)] = None if reference.name in (None, "default", "*") else reference.name
                elif source in proxy_class_modules and reference.name in (None, "default"):
                    module.imported_proxy_classes.add(id(binding))

    def _add(self, parsed: ParsedFile) -> None:
        self.parsed[parsed.path] = parsed
        for error in parsed.errors:
            self.problems.append((parsed.path, error))
        try:
            if parsed.js is not None:
                module = self.js_modules[parsed.path] = JsModule(parsed.js)
                if parsed.path.suffix == ".vue":
                    module.single_file_kind = self._single_file_kinds.get(self.resolved(parsed.path), "component")
            if parsed.wxml is not None:
                self.wxml[parsed.path] = parsed.wxml
                self.inline_wxs[parsed.path] = [JsModule(tree) for tree in parsed.inline_wxs]
        except RecursionError:
            self.problems.append((parsed.path, SourceError("code is nested too deeply to analyse")))
        except Exception as error:  # noqa: BLE001 - a bug in the model costs this file, never the project
            self.js_modules.pop(parsed.path, None)
            self.wxml.pop(parsed.path, None)
            self.inline_wxs.pop(parsed.path, None)
            self.problems.append((parsed.path, SourceError(exception_summary(error), line=1, column=1,
                                                           internal="model")))

    def iter_js(self) -> Iterator[JsModule]:
        """Every JavaScript tree: script files and inline `<wxs>` bodies."""
        yield from self.js_modules.values()
        for modules in self.inline_wxs.values():
            yield from modules

    def template_beside(self, path: Path) -> WxmlDocument | None:
        """The WXML of the page or component whose script is `path` (a `.vue` file is both)."""
        return self.wxml.get(path if path.suffix == ".vue" else path.with_suffix(".wxml"))

    def script_beside(self, path: Path) -> JsModule | None:
        """The .js or .ts script of the page or component whose WXML (or JSON) is `path` (a `.vue` file is both)."""
        if path.suffix == ".vue":
            return self.js_modules.get(path)
        return self.js_modules.get(path.with_suffix(".js")) or self.js_modules.get(path.with_suffix(".ts"))

    def registers_page(self, path: Path) -> bool:
        """Whether a script that defines a `Page()` can run as one: app.json lists its route (or there is no app.json
        to ask: loose files). A page app.json does not list never opens (ChildLee/CityERent publish_info: held out)."""
        if self.project.app_json is None:
            return True
        if self._page_scripts is None:
            self._page_scripts = {self.resolved(unit.script) for unit in self.project.units.values()
                                  if unit.kind == "page" and unit.script is not None}
        return self.resolved(path) in self._page_scripts

    def resolved(self, path: Path) -> Path:
        """`path.resolve()`, once a path: asked again for each unit, module and check."""
        found = self._resolved.get(path)
        if found is None:
            found = self._resolved[path] = path.resolve()
        return found

    def never_opened(self, module: JsModule, kinds: set[str]) -> bool:
        """Whether a script defining units of these `kinds` (the call graph has them) is a page's that app.json does
        not list, or a uni-app component nothing uses (no import, no easycom tag): none of its code ever runs (uni-app
        does not even compile it)."""
        if module.single_file_kind == "component":
            return self.resolved(module.path) not in self._used_single_files()
        return "page" in kinds and not self.registers_page(module.path)

    def _used_single_files(self) -> set[Path]:
        """The uni-app `.vue` components something uses: imported by a script, or named by a tag of a template
        (easycom: `components/<tag>/<tag>.vue`)."""
        if self._used_components is None:
            used = set()
            root = self.project.miniprogram_root
            for module in self.js_modules.values():
                for binding in module.scopes.root.bindings.values():
                    reference = import_of(binding)
                    target = resolve_module_path(module.path, reference.source, root) if reference is not None else None
                    if target is not None and target.suffix == ".vue":
                        used.add(self.resolved(target))
            tags = {element.tag for document in self.wxml.values() for element in document.iter_elements()}
            for route, unit in self.project.units.items():
                tag = easycom_tag(route)
                if tag is not None and unit.script is not None and (tag in tags or _pascal(tag) in tags):
                    used.add(self.resolved(unit.script))
            self._used_components = used
        return self._used_components

    def source(self, path: Path) -> SourceText | None:
        parsed = self.parsed.get(path)
        return None if parsed is None else parsed.source


def _pascal(tag: str) -> str:
    """`uni-badge` as Vue also lets a template write it: `UniBadge`."""
    return "".join(part[:1].upper() + part[1:] for part in tag.split("-"))
