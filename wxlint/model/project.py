"""A discovered project with every file parsed and modelled, once."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from wxlint.discover import UNIT_SCRIPT_SUFFIXES, Project
from wxlint.model.javascript import JsModule, is_this, leading_string, member_name, member_path, string_value, unwrap
from wxlint.model.guards import UNKNOWN_VALUE, element_facts, false_at_first, first_values, never_holds, written_value
from wxlint.model.units import find_units, function_value, object_member
from wxlint.model.wxml import OPEN_TYPE_NAMES, attribute_can_be, mustache_strings, open_types, template_source
from wxlint.model.modules import import_of, module_exports, resolve_module_path
from wxlint.uni_app import easycom_tag
from wxlint.parse.files import ParsedFile, parse_file
from wxlint.parse.javascript import property_key
from wxlint.parse.source import SourceError, SourceText
from wxlint.parse.vue import camel_case, hyphenated
from wxlint.parse.wxml import WxmlAttribute, WxmlDocument, WxmlElement
from wxlint.safe_text import exception_summary


class ScriptModels:
    """The model of each script, built as its tree arrives (`parse_all(then=…)`): in this process, while workers
    still parse, rather than after them, with one core idle. `ProjectModel` takes them."""

    def __init__(self):
        self.built: dict[Path, JsModule] = {}

    def add(self, parsed: ParsedFile) -> None:
        if parsed.js is None or parsed.path.suffix == ".vue":
            return
        try:
            self.built[parsed.path] = JsModule(parsed.js)
        except Exception:  # noqa: BLE001 - `ProjectModel` builds it again, and says what went wrong
            pass


class ProjectModel:
    def __init__(self, project: Project, parsed: dict[Path, ParsedFile] | None = None, files: list[Path] | None = None,
                 scripts: "ScriptModels | None" = None):
        """Model `files` (default: all the project's files), parsed beforehand or here; with the models of `scripts`
        built beforehand."""
        self._prebuilt = scripts.built if scripts is not None else {}
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
        self._routes_by_template: dict[Path, str] | None = None
        self._component_uses: dict[str, list[WxmlElement]] | None = None
        self._written: dict[str, bool] = {}
        self._never_opened_files: dict[Path, bool] = {}
        self._rendered_routes: dict[str, bool] | None = None  # declared component route -> whether a template uses its tag
        self._component_scripts: dict[Path, str] = {}
        self._unit_scripts: set[Path] | None = None  # the scripts of every page and component (see `_declared_nowhere`)
        self._shown_templates: set[Path] | None = None  # see `_never_shown_template`
        self._written_keys: tuple[dict[str, list], set[str]] | None | bool = False  # see `_data_keys_written` (False: not yet)
        self._single_file_kinds = {self.resolved(unit.script): unit.kind for unit in project.units.values()
                                   if unit.script is not None and unit.script.suffix == ".vue"}
        for path in project.files if files is None else files:
            self._add(parsed[path] if parsed is not None else parse_file(path))
        for unit in project.units.values():
            module = self.js_modules.get(unit.script) if unit.kind in ("page", "component") and unit.script else None
            if module is not None and module.single_file_kind is None:
                module.declared_kind = unit.kind
        self._link_wx_modules()

    def _link_wx_modules(self) -> None:
        """Modules that export `wx` itself (`module.exports = wx`, a promisifying proxy): what other
        modules import from them is `wx`, or one of its APIs."""
        self._link_imported_functions()
        app_members = self._app_wx_members()
        for module in self.js_modules.values() if app_members else ():
            module.app_wx_members = app_members
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

    def _link_imported_functions(self) -> None:
        """Each module's names imported from another module of the project that stand for a function it declares or
        exports as one (`import { isLoggedIn } from …`, `const { requireLogin } = require(…)`): `JsModule.imported_functions`."""
        root = self.project.miniprogram_root
        exports_of: dict[Path, object] = {}
        for module in self.js_modules.values():
            for binding in module.scopes.root.bindings.values():
                reference = import_of(binding)
                if reference is None or reference.name in (None, "*", "default"):
                    continue
                path = resolve_module_path(module.path, reference.source, root)
                target = self.js_modules.get(path) if path is not None else None
                if target is None:
                    continue
                if path not in exports_of:
                    exports_of[path] = module_exports(target)
                exports = exports_of[path]
                value = exports.named.get(reference.name)
                if value is None and exports.default is not None and unwrap(exports.default).type == "ObjectExpression":
                    value = object_member(unwrap(exports.default), reference.name)  # `module.exports = { requireLogin }`
                function = function_value(target, value) if value is not None else None
                if function is not None:
                    module.imported_functions[id(binding)] = (target, function)

    def _app_wx_members(self) -> set[tuple[str, ...]]:
        """The App's members its script fills with wx's APIs: `promisifyAll(wx, this.wxp)` in `onLaunch` gives ("wxp",)
        (thinmelon/pusu-mini-program app.js, held out; the usage miniprogram-api-promise's README shows)."""
        root = self.project.miniprogram_root
        module = self.js_modules.get(root / "app.js") or self.js_modules.get(root / "app.ts")
        found: set[tuple[str, ...]] = set()
        for call in module.nodes("CallExpression") if module is not None else ():
            target = module.promisified_all(call)
            names, root = member_path(target) if target is not None else ([], None)
            if names and root is not None and root.type == "ThisExpression":
                found.add(tuple(names))
        return found

    def _add(self, parsed: ParsedFile) -> None:
        self.parsed[parsed.path] = parsed
        for error in parsed.errors:
            self.problems.append((parsed.path, error))
        try:
            if parsed.js is not None:
                module = self._prebuilt.pop(parsed.path, None)
                if module is None or module.tree is not parsed.js:
                    module = JsModule(parsed.js)
                self.js_modules[parsed.path] = module
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
        first, second = UNIT_SCRIPT_SUFFIXES
        return self.js_modules.get(path.with_suffix(first)) or self.js_modules.get(path.with_suffix(second))

    def registers_page(self, path: Path) -> bool:
        """Whether a script that defines a `Page()` can run as one: app.json lists its route (or there is no app.json
        to ask: loose files). A page app.json does not list never opens (ChildLee/CityERent publish_info: held out)."""
        if self.project.app_json is None:
            return True
        return self.resolved(path) in self._listed_scripts()

    def _listed_scripts(self) -> set[Path]:
        """The scripts of the pages app.json lists."""
        if self._page_scripts is None:
            self._page_scripts = {self.resolved(unit.script) for unit in self.project.units.values()
                                  if unit.kind == "page" and unit.script is not None}
        return self._page_scripts

    def resolved(self, path: Path) -> Path:
        """`path.resolve()`, once a path: asked again for each unit, module and check."""
        found = self._resolved.get(path)
        if found is None:
            found = self._resolved[path] = path.resolve()
        return found

    def never_opened(self, module: JsModule, kinds: set[str]) -> bool:
        """Whether a script defining units of these `kinds` (the call graph has them) is a page's that app.json does
        not list, an app's other than the project's app script, or a uni-app component nothing uses (no import, no
        easycom tag): none of its code ever runs (uni-app does not even compile it)."""
        if module.single_file_kind == "component":
            return self.resolved(module.path) not in self._used_single_files()
        if kinds == {"component"} and module.single_file_kind is None and self.project.app_json is not None:
            # a component that usingComponents declares but no template renders (x1449237/jsdj-pwdd-xcx voice-recorder,
            # declared in app.json only: held out)
            return self._declared_but_never_rendered(module.path) or self._declared_nowhere(module.path)
        if kinds == {"app"} and self.project.app_json is not None:
            # an `App()` beside the project's own app script: a copy of the app left in a folder (Tully-L/0729-wxapp-
            # tennis-frontend frontend/miniprogram/app.js, held out)
            app = self.project.units.get("app")
            return app is None or app.script is None or self.resolved(app.script) != self.resolved(module.path)
        return "page" in kinds and not self.registers_page(module.path)

    def _declared_but_never_rendered(self, script: Path) -> bool:
        """Whether a script is a declared component's (one usingComponents names) whose tag no element of any template
        has: it is never created. A script no usingComponents names is not judged so (the custom tab bar, a generic's
        default and a plugin's component are used without one)."""
        if self._rendered_routes is None:
            # lower-cased on both sides: a tag that differs only in case is not worth a claim that code never runs
            tags = {element.tag.lower() for document in self.wxml.values() for element in document.iter_elements()}
            declared: dict[str, set[str]] = {}  # component route -> the tags that name it
            for holder in (self.project.global_components, *(unit.components for unit in self.project.units.values())):
                for tag, route in holder.items():
                    declared.setdefault(route, set()).add(tag.lower())
            self._rendered_routes = {route: bool(names & tags) for route, names in declared.items()}
            self._component_scripts = {self.resolved(unit.script): route for route, unit in self.project.units.items()
                                       if unit.kind == "component" and unit.script is not None}
        route = self._component_scripts.get(self.resolved(script))
        return route is not None and self._rendered_routes.get(route) is False

    def _declared_nowhere(self, script: Path) -> bool:
        """Whether a component's script is no page's or component's that app.json, a usingComponents or a generic's
        default names, and not the custom tab bar (which is used without one): nothing ever creates it (the cloud
        template's `components/chatroom`, left when its page was removed: uestc-msc/wechat-mini-program, held out)."""
        if self.project.unresolved_components:
            return False
        resolved = self.resolved(script)
        try:
            top = resolved.relative_to(self.resolved(self.project.miniprogram_root)).parts[0]
        except (ValueError, IndexError):
            return False
        return not self.is_unit_script(resolved) and top != "custom-tab-bar"

    def is_unit_script(self, path: Path) -> bool:
        """Whether a script is the app's, a page's or a component's that app.json or a usingComponents names."""
        if self._unit_scripts is None:
            self._unit_scripts = {self.resolved(unit.script) for unit in self.project.units.values() if unit.script is not None}
        return self.resolved(path) in self._unit_scripts

    def compiled_from_typescript(self, path: Path) -> bool:
        """Whether a script is the `.js` tsc compiled from the `.ts` beside it: wxlint reads and reports the source
        (`UNIT_SCRIPT_SUFFIXES`), so a finding in both would be one finding twice (zhao-ping/wechat-miniprogram-ts-sass)."""
        return path.suffix == ".js" and path.with_suffix(".ts") in self.js_modules and path in self.js_modules

    def in_a_page_never_opened(self, path: Path) -> bool:
        """Whether a file is the script or template of a page that never opens (`never_opened`): a page folder app.json
        does not list, left in the tree (three held-out labellers left such pages out: YuJieQiu/ququgou-xiaochengxu
        pages/profile-old, MyChecky/Checky-Wechat-Applet pages/index, 1078509127/law-meet-client-app my/edit; the upload
        leaves them out too unless `ignoreUploadUnusedFiles` is off, and `unused-file` reports them then)."""
        found = self._never_opened_files.get(path)
        if found is None:
            # a script is itself (of a page's .js and .ts, the one that does not run is a page never opened)
            module = self.js_modules.get(path) or self.script_beside(path)
            if module is None and path.suffix == ".wxml" and self.project.app_json is not None:
                found = self._never_shown_template(path)
            elif module is None or self.project.app_json is None:
                found = False
            elif module.single_file_kind is None and self.resolved(module.path) in self._listed_scripts():
                found = False  # a page app.json lists: no need to find its units again
            else:
                found = self.never_opened(module, {unit.kind for unit in find_units(module)})
            self._never_opened_files[path] = found
        return found

    def _never_shown_template(self, path: Path) -> bool:
        """Whether a template with no script beside it is shown nowhere: no template includes or imports it (a copy
        left beside a component's template, `index - 副本.wxml`: nick2834/zhitaowx-mini, held out)."""
        if self._shown_templates is None:
            root = self.project.miniprogram_root
            self._shown_templates = {self.resolved(target) for document in self.wxml.values()
                                     for element in document.iter_elements() if element.tag in ("include", "import")
                                     for target in [template_source(document, element, root)] if target is not None}
            self._shown_templates |= {self.resolved(unit.wxml) for unit in self.project.units.values() if unit.wxml}
        return self.project.framework == "native" and self.resolved(path) not in self._shown_templates

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

    def component_of_tag(self, route: str, tag: str) -> str | None:
        """What a tag on a page or component stands for: the route of a project component, "" for an
        npm or plugin component (code wxlint does not see), None for a built-in element."""
        unit = self.project.units.get(route)
        if unit is None:
            return None
        if tag in unit.components:
            return unit.components[tag]
        if tag in self.project.global_components:
            return self.project.global_components[tag]
        if tag in unit.foreign_components or tag in self.project.global_foreign_components:
            return ""
        return None

    def route_of_template(self, path: Path) -> str | None:
        """The page or component whose WXML (or `.vue` file) `path` is."""
        if self._routes_by_template is None:
            self._routes_by_template = {self.resolved(unit.wxml): route for route, unit in self.project.units.items()
                                        if unit.wxml is not None}
        return self._routes_by_template.get(self.resolved(path))

    def components_selected(self, script: Path, selector: str) -> list[Path]:
        """The scripts of the components `this.selectComponent(selector)` can return in a page's or component's script:
        its template's elements an `#id` or a `.class` selector picks that are project components (other selectors,
        and ids or classes set from data, pick none that wxlint knows)."""
        document = self.template_beside(script)
        route = self.route_of_template(document.source.path) if document is not None else None
        if route is None or len(selector) < 2 or selector[0] not in "#." or not selector[1:].replace("-", "_").isidentifier():
            return []
        attribute, wanted = ("id", selector[1:]) if selector[0] == "#" else ("class", selector[1:])
        found = []
        for element in document.iter_elements():
            written = element.value(attribute) or ""
            if wanted not in (written.split() if attribute == "class" else [written.strip()]):
                continue
            component = self.component_of_tag(route, element.tag)
            unit = self.project.units.get(component) if component else None
            if unit is not None and unit.script is not None and self.resolved(unit.script) not in found:
                found.append(self.resolved(unit.script))
        return found

    def component_uses(self, component: str) -> list[WxmlElement]:
        """Every element of the project's templates that renders the component `component` (a route)."""
        if self._component_uses is None:
            self._component_uses = {}
            for path, document in self.wxml.items():
                route = self.route_of_template(path)
                if route is None:
                    continue
                for element in document.iter_elements():
                    target = self.component_of_tag(route, element.tag)
                    if target:
                        self._component_uses.setdefault(target, []).append(element)
        return self._component_uses.get(component, [])

    def never_rendered(self, template: Path, element: WxmlElement, never_runs=None) -> bool:
        """Whether an element of a page's template never renders: under a `wx:if` that the page's first data makes false,
        on a key no `setData` of the project ever names (`<view wx:if="{{isHide}}">` with `data: { isHide: false }`:
        Suqing999/Recruitment-wechat-applet, SLLME/wechat-app, held out). Pages only: a component's data may come from
        its properties; and only while every `setData` of the project names its keys. `never_runs(module, call)`, when
        the caller knows which code runs: a `setData` it says never runs sets nothing."""
        found = element_facts(element)
        if never_holds(found):
            return True  # `wx:if="{{false}}"`, or under a test of a scope that is always granted
        flag_keys = {name.partition("=")[0] for kind, name in found if kind in ("flag", "not-flag")}
        if not flag_keys:
            return False
        module = self.script_beside(template)
        units = find_units(module) if module is not None and module.single_file_kind is None else []
        written = self._data_keys_written()
        if not units or any(unit.kind != "page" for unit in units) or written is None:
            return False
        first: dict[str, object] = {}
        for unit in units:
            first.update(first_values(unit.data_node))
        if all(unit.data_node is None or unwrap(unit.data_node).type == "ObjectExpression" for unit in units):
            # a key the page's data does not name is undefined at first (addnew's `isLogin`: jinbohao2013/xiaochengxu)
            first.update((key, None) for key in flag_keys if key not in first)
        keys, starts = written

        def changes(key: str, value, page, site) -> bool:
            # a key only ever written back to its first value stays as it was (`show: false` when a dialog closes);
            # another page's `this.setData` writes that page's data only
            return (page in (None, module.path) and (value is UNKNOWN_VALUE or value != first[key])
                    and (never_runs is None or not never_runs(*site)))

        set_later = {key for key in flag_keys if key in first and any(changes(key, *write) for write in keys.get(key, ()))}
        set_later |= {key for key in flag_keys if key in first and any(key.startswith(start) for start in starts)}
        return false_at_first(found, first, set_later)

    def _data_keys_written(self) -> tuple[dict[str, list], set[str]] | None:
        """`_setdata_keys` of the project's scripts, worked out once."""
        if self._written_keys is False:
            self._written_keys = _setdata_keys(self.js_modules.values())
        return self._written_keys

    def surely_no_component(self, template: Path, element: WxmlElement) -> bool:
        """Whether an element of a page's or component's template is a built-in one or a tag nothing declares (`<bottom>`
        written for `<button>`), never a component; a hyphenated tag may be one wxlint cannot resolve, and a template
        no page or component owns (an import) may be rendered where any tag is declared."""
        route = self.route_of_template(template)
        return route is not None and "-" not in element.tag and self.component_of_tag(route, element.tag) is None

    def open_type_never_fires(self, template: Path, element: WxmlElement, open_type: str) -> bool:
        """Whether an element's event of an open-type (`bindgetuserinfo` of `getUserInfo`) can never fire: on a built-in
        element that is no `<button>` (`<div bindgetphonenumber>`: exchange-knowledge, held out), on a button without an
        open-type or with another written one, and with one from data only if the project can give it the value: a
        component's property (`open-type="{{openType}}"`) from what the pages using the component pass
        (a copied ThorUI button: YuJieQiu/ququgou-xiaochengxu, held out), other data if the project writes the value
        anywhere (Honye/weapp-mark templates/actionsheet: held out)."""
        if element.tag != "button":
            return self.surely_no_component(template, element)  # a component may fire it; a built-in element never does
        route = self.route_of_template(template)
        written = open_types(element)
        if not written:
            return True  # a button without an open-type never gets user info (bingzhe/uni-shop wyb-button.vue)
        if any(attribute_can_be(attribute, open_type) for attribute in written):
            return False
        if not any("{{" in (attribute.value or "") for attribute in written):
            return True
        passed = [self._property_passed(route, attribute, open_type) for attribute in written]
        if passed and all(found is not None for found in passed):
            return not any(passed)
        return not self._written_anywhere(open_type)

    def renders_open_type(self, template: Path, element: WxmlElement, value: str) -> bool:
        """Whether an element is a button of an open-type (`openSetting`): a `<button>` whose open-type is that value, or
        a component given it: as `open-type` (the button components of vant, iView, wux pass it on: yaojaa/group-shop-
        miniprogramme add_self, held out), or as a property its template binds to a button's open-type
        (`<dialog-modal confirmType="openSetting">` rendering `<button open-type="{{confirmType}}">`, the same)."""
        if element.tag == "button":
            return any(attribute_can_be(attribute, value) for attribute in open_types(element))
        route = self.route_of_template(template)
        component = self.component_of_tag(route, element.tag) if route is not None else None
        if component is None:
            return False
        for attribute in element.attributes:
            if not attribute_can_be(attribute, value):
                continue
            if attribute.name in OPEN_TYPE_NAMES:
                return True
            unit = self.project.units.get(component)
            document = self.wxml.get(self.resolved(unit.wxml)) if unit is not None and unit.wxml is not None else None
            names = {attribute.name, camel_case(attribute.name)}
            if document is not None and any(
                    (written.value or "").strip()[2:-2].strip() in names and (written.value or "").strip().startswith("{{")
                    for button in document.iter_elements() if button.tag == "button" for written in open_types(button)):
                return True
        return False

    def _property_passed(self, route: str | None, attribute: WxmlAttribute, value: str) -> bool | None:
        """Whether a component's `attr="{{name}}"`, `name` one of its properties, can be `value` by what its users pass
        or by its default; None when the attribute is not a property of a project component."""
        name = (attribute.value or "").strip()[2:-2].strip()
        unit = self.project.units.get(route) if route is not None else None
        if unit is None or unit.kind != "component" or not name.isidentifier():
            return None
        default = self._property_default(unit, name)
        if default is False:
            return None  # not a declared property: data the component sets itself
        written_as = {name, hyphenated(name)}  # `open-type` gives the property `openType`
        for element in self.component_uses(route):
            given = [attribute for attribute in element.attributes if attribute.name in written_as]
            if not given:
                if default is not None and default == value:
                    return True
                continue
            if any(attribute_can_be(attribute, value) for attribute in given):
                return True
            if any("{{" in (attribute.value or "") for attribute in given) and self._written_anywhere(value):
                return True
        return False

    def _property_default(self, unit, name: str):
        """The default string of a declared component property `name` (None without one), False when the component's
        script declares no such property (or cannot be read)."""
        module = self.js_modules.get(unit.script) if unit.script is not None else None
        if module is None:
            return False
        for definition in find_units(module):
            properties = object_member(definition.options, "properties") if definition.options is not None else None
            declared = object_member(properties, name) if properties is not None and properties.type == "ObjectExpression" else None
            if declared is None:
                continue
            default = object_member(declared, "value") if declared.type == "ObjectExpression" else None
            return string_value(default, module)
        return False

    def _written_anywhere(self, value: str) -> bool:
        """Whether a script or a template of the project writes the string `value` (a literal, not a name or a comment)."""
        found = self._written.get(value)
        if found is None:
            found = self._written[value] = _writes(self, value)
        return found

    def source(self, path: Path) -> SourceText | None:
        parsed = self.parsed.get(path)
        return None if parsed is None else parsed.source


def _setdata_keys(modules) -> tuple[dict[str, list], set[str]] | None:
    """The data keys some `setData` of these scripts names (`'list[0].x'` names `list`), each with its writes: the value
    written out (`written_value`; `UNKNOWN_VALUE` for a part of it), the page script whose own data it is (a
    page's `this.setData`; None: any page's, as `prevPage.setData` or a helper's) and (module, call); and the starts of
    keys it builds (`` [`item${i}`] `` starts with `item`); None when one names them some other way (an object built
    elsewhere, a key wholly computed)."""
    keys: dict[str, list] = {}
    starts: set[str] = set()
    for module in modules:
        for call in module.nodes("CallExpression"):
            callee = unwrap(call.callee)
            if not call.arguments or callee.type != "MemberExpression" or member_name(callee) != "setData":
                continue
            page = module.path if module.declared_kind == "page" and is_this(module, callee.object) else None
            argument = unwrap(call.arguments[0])
            if argument.type != "ObjectExpression":
                return None
            for prop in argument.properties:
                if prop.type != "Property":
                    return None
                name = property_key(prop)
                if name is not None:
                    head = name.split(".")[0].split("[")[0]
                    value = written_value(prop.value) if head == name else UNKNOWN_VALUE  # a part of it: unknown
                    keys.setdefault(head, []).append((value, page, (module, call)))
                    continue
                start = leading_string(prop.key, module)
                if not start:
                    return None
                head = start.split(".")[0].split("[")[0]
                if head != start:
                    keys.setdefault(head, []).append((UNKNOWN_VALUE, page, (module, call)))
                else:
                    starts.add(head)
    return keys, starts


def _writes(model: ProjectModel, value: str) -> bool:
    for module in model.iter_js():
        if any(node.value == value for node in module.nodes("Literal")):
            return True
        if any(quasi.value.cooked == value for node in module.nodes("TemplateLiteral") for quasi in node.quasis):
            return True
    # in a template: written out (`<qui-button open-type="getUserInfo">` hands it to a component's property) or
    # in a `{{ }}`
    return any((attribute.value or "").strip() == value or value in mustache_strings(attribute.value)
               for document in model.wxml.values() for element in document.iter_elements() for attribute in element.attributes)


def _pascal(tag: str) -> str:
    """`uni-badge` as Vue also lets a template write it: `UniBadge`."""
    return "".join(part[:1].upper() + part[1:] for part in tag.split("-"))
