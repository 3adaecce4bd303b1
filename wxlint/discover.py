"""Paths to projects: find mini-programs, read app.json, list pages, components and files.

A project is found by `project.config.json` (its `miniprogramRoot`) or by an
`app.json` on its own. Given single files, the project is found upward from
them and only those files are reported on, with the whole project as context.
"""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from wxlint.config import Config, ConfigError, find_config, load_config
from wxlint.failures import RunFailure, failure_from
from wxlint.safe_text import shortened
from wxlint.words import Note, note
from wxlint.globs import Glob
from wxlint.parse.javascript import walk
from wxlint.parse.json_document import read_json_document
from wxlint.parse.source import SourceError, decode_bytes
from wxlint.safe_fs import MAX_FILE_BYTES, file_size, inside, is_dir, is_file, read_file, read_head
from wxlint.data_tables import load_data_table
from wxlint import uni_app

SOURCE_SUFFIXES = (".js", ".ts", ".wxs", ".wxml", ".vue")  # .vue: in uni-app projects only (`_list_files`)
# Folders that hold other people's code or tool state, never the project's own.
SKIPPED_FOLDERS = frozenset({"node_modules", "miniprogram_npm", ".git", ".svn", ".hg", ".idea", ".vscode", "__pycache__", ".wxlint_cache"})
COMPONENT_SUFFIXES = (".js", ".ts", ".json", ".wxml")
# A unit's script, where a page keeps both: the .ts is the source its developers edit and wxlint reads best (the .js
# beside it is what tsc compiled from it, often to ES5 prototypes); its template and flows are the .ts's
UNIT_SCRIPT_SUFFIXES = (".ts", ".js")


@dataclass
class Skipped:
    path: Path
    reason: str  # in English; `words` says it in the run's language
    routine: bool = False  # expected in every project (declarations, npm code): listed, not counted in the summary
    words: Note | None = None

    def reason_in(self, lang: str) -> str:
        return self.words.render(lang) if self.words is not None else self.reason


def skip(path: Path, note_id: str, routine: bool = False, **arguments) -> "Skipped":
    words = note(note_id, **arguments)
    return Skipped(path, words.render("en"), routine, words)


@dataclass
class Unit:
    """A page, a component or the app: files sharing one base path."""

    kind: str  # "app" | "page" | "component"
    route: str  # e.g. "pages/index/index" or "components/card/card"
    base: Path  # path without suffix
    script: Path | None
    wxml: Path | None
    json: Path | None
    subpackage: str | None = None
    components: dict[str, str] = field(default_factory=dict)  # tag -> component route, from usingComponents
    foreign_components: dict[str, str] = field(default_factory=dict)  # tag -> npm or plugin component: code wxlint does not see


@dataclass
class Subpackage:
    root: str
    pages: list[str]
    independent: bool = False


@dataclass
class Project:
    root: Path  # the folder holding project.config.json (or app.json)
    miniprogram_root: Path  # the folder holding app.json
    config: Config
    app_json: dict | None = None
    pages: list[str] = field(default_factory=list)
    subpackages: list[Subpackage] = field(default_factory=list)
    entry_page: str | None = None
    units: dict[str, Unit] = field(default_factory=dict)  # route -> unit
    global_components: dict[str, str] = field(default_factory=dict)  # app.json usingComponents: tag -> route
    global_foreign_components: dict[str, str] = field(default_factory=dict)  # app.json tag -> npm or plugin component
    files: list[Path] = field(default_factory=list)  # source files to lint
    skipped: list[Skipped] = field(default_factory=list)
    problems: list[tuple[Path, SourceError]] = field(default_factory=list)
    only_files: set[Path] | None = None  # single-file mode: report only on these
    excluded_roots: tuple[Path, ...] = ()
    # bare usingComponents paths that are neither the project's files nor an installed npm package (a build's alias):
    # which component they name is not known, so no component is said to be declared nowhere
    unresolved_components: list[str] = field(default_factory=list)
    framework: str = "native"  # or "uni-app": pages.json and manifest.json, pages in .vue files (wxlint/uni_app.py)

    @property
    def name(self) -> str:
        return self.root.name or str(self.root)

    @property
    def all_pages(self) -> list[str]:
        routes = list(self.pages)
        for package in self.subpackages:
            routes.extend(posixpath.join(package.root, page) for page in package.pages)
        return routes

    @property
    def entry_routes(self) -> list[str]:
        """The entry pages: `entry-pages` from the configuration, else app.json's entry page."""
        configured = [route.strip("/") for route in self.config.entry_pages]
        return configured or ([self.entry_page] if self.entry_page else [])

    def reports_on(self, path: Path) -> bool:
        return self.only_files is None or path in self.only_files


class NoMiniProgram(ValueError):
    """A path given to wxlint that is in no mini-program."""

    def __init__(self, path: Path):
        path = Path(path)
        where = "this folder, a folder below it" if path.is_dir() else "its folder"
        super().__init__(f"{path}: no mini-program here (no app.json or project.config.json in {where} "
                         f"or a folder above, and no .js, .ts, .wxml or .wxs file); give the folder of a mini-program")


def discover(paths: list[Path], known_rules: set[str], config_file: Path | None = None,
             lint_vendored: bool = False, failures: list[RunFailure] | None = None) -> list[Project]:
    """Projects for the given paths, each with its files listed (copied libraries too, when
    `lint_vendored` or their configuration says so). Raises ConfigError and NoMiniProgram; a project that
    cannot be read for another reason (a bug of wxlint's) is left out and added to `failures` when given."""
    projects: dict[Path, Project] = {}
    failed: set[Path] = set()
    whole: set[Path] = set()  # projects one of whose JSON files is given: reported whole
    for written in paths:
        given = written.resolve()
        restrict = None if given.is_dir() else {given}
        found = _projects_below(given) if given.is_dir() else []
        if not found:
            upward = _project_above(given)
            if upward is None and not _has_sources(given):
                raise NoMiniProgram(written)
            found = [upward] if upward else [(given if given.is_dir() else given.parent, None)]  # or loose files
            if given.is_dir() and upward:
                restrict = "below"
        for root, mini_root in found:
            key = root
            if key in failed:
                continue
            if key not in projects:
                try:
                    projects[key] = _load_project(root, mini_root, known_rules, config_file, lint_vendored)
                except ConfigError:
                    raise
                except Exception as error:  # noqa: BLE001 - one project's failure must not hide a monorepo's others
                    if failures is None:
                        raise
                    failures.append(failure_from("discover", root, error))
                    failed.add(key)
                    continue
            project = projects[key]
            if restrict == "below":
                chosen = {f for f in project.files if given in f.parents}
                project.only_files = chosen if project.only_files is None else project.only_files | chosen
            elif restrict is not None:
                project.only_files = restrict if project.only_files is None else project.only_files | restrict
                if given not in project.files and given.suffix in SOURCE_SUFFIXES:
                    project.files.append(given)
                if given.suffix == ".json":
                    whole.add(key)
    for key in whole:
        # app.json, project.config.json, a page's or a component's JSON: what they change is project-wide (a
        # declaration dropped from app.json is reported at the call it declared), so the whole project is reported
        projects[key].only_files = None
    return list(projects.values())


def _has_sources(path: Path) -> bool:
    """Whether a path outside any mini-program holds files wxlint reads (linted then as loose files)."""
    if not path.is_dir():
        return path.name.endswith(SOURCE_SUFFIXES)
    for current, folders, files in os.walk(path):
        folders[:] = [f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")]
        if any(name.endswith(SOURCE_SUFFIXES) for name in files):
            return True
    return False


def _projects_below(folder: Path) -> list[tuple[Path, Path | None]]:
    """(project root, mini-program root) of every project under `folder`."""
    config_roots: list[tuple[Path, Path]] = []
    app_dirs: list[Path] = []
    uni_roots: list[tuple[Path, Path]] = []  # (project root, sources)
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
        here = Path(current)
        if uni_app.PAGES_JSON in files and uni_app.MANIFEST_JSON in files and "app.json" not in files:
            uni_roots.append((uni_app.project_root(here), here))
            folders[:] = [f for f in folders if f not in _UNI_APP_NOT_SOURCES]
        if "project.config.json" in files:
            config_roots.append((here, _miniprogram_root(here)))
        if "app.json" in files:
            app_dirs.append(here)
    # a uni-app project's build output (unpackage/, dist/) and a project.config.json beside its sources are its own
    uni_folders = {root for root, _ in uni_roots}
    config_roots = [(root, mini) for root, mini in config_roots
                    if not any(root == top or top in root.parents for top in uni_folders)]
    app_dirs = [app_dir for app_dir in app_dirs if not any(top in app_dir.parents for top in uni_folders)]
    # A copy of project.config.json inside the mini-program root another one points to (a template's
    # leftover) is the same project: lint it once, from the outer configuration.
    found = list({mini: (root, mini) for root, mini in reversed(config_roots)}.values())[::-1]
    claimed = {mini for _, mini in config_roots}
    for app_dir in app_dirs:
        if app_dir in claimed:
            continue
        # An app.json inside another project's mini-program root is not a project.
        if any(mini in app_dir.parents for _, mini in config_roots):
            continue
        if any(other in app_dir.parents for other in app_dirs if other != app_dir):
            continue
        found.append((app_dir, app_dir))
    return found + [root for root in uni_roots if not any(mini in root[1].parents for _, mini in found)]


def _project_above(path: Path) -> tuple[Path, Path] | None:
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if uni_app.is_source_root(folder) and not is_file(folder / "app.json"):
            return uni_app.project_root(folder), folder
        if is_file(folder / "project.config.json"):
            plugin = _plugin_root(folder)
            if plugin is not None and (plugin == path or plugin in path.parents):
                return None  # a plugin's code is a program of its own: linted as loose files
            mini = _miniprogram_root(folder)
            if mini == path or mini in path.parents or path.parent == folder or not is_file(mini / "app.json"):
                return folder, mini
        if is_file(folder / "app.json"):
            for above in folder.parents:
                if is_file(above / "project.config.json") and _miniprogram_root(above) == folder:
                    return above, folder
            return folder, folder
    return None


def _read_json(path: Path, root: Path) -> tuple[dict | None, SourceError | None]:
    """A project's JSON file (app.json, project.config.json, a page's .json) as a dict, or the problem; nothing
    outside `root`, the project's folder, is read (a link from app.json to ~/.npmrc stays unread)."""
    try:
        text, _ = decode_bytes(read_file(path, root))
    except OSError as error:
        return None, SourceError(f"cannot read file: {error.strerror or error}")
    except SourceError as error:
        return None, error
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return None, SourceError(f"invalid JSON: {error.msg}", line=error.lineno, column=error.colno)
    except RecursionError:
        return None, SourceError("invalid JSON: nested too deeply", line=1, column=1)
    if not isinstance(value, dict):
        return None, SourceError("invalid JSON: expected an object at the top level", line=1, column=1)
    return value, None


@lru_cache(maxsize=256)
def _miniprogram_root(root: Path) -> Path:
    data, _ = _read_json(root / "project.config.json", root)
    mini = (data or {}).get("miniprogramRoot")
    if isinstance(mini, str) and mini.strip("./") and inside(root, root / mini):
        return (root / mini).resolve()
    return root  # none, or one outside the project (reported by `_load_project`)


def _plugin_root(root: Path) -> Path | None:
    """The `pluginRoot` folder of a plugin project (project.config.json), when it is one inside the project."""
    data, _ = _read_json(root / "project.config.json", root)
    plugin = (data or {}).get("pluginRoot") if isinstance(data, dict) else None
    if not isinstance(plugin, str) or not plugin.strip("./") or not inside(root, root / plugin):
        return None
    folder = (root / plugin).resolve()
    return folder if is_dir(folder) else None


def _refuse(project: "Project", json_path: Path, key: str, value: str) -> None:
    """Report an entry of a project file that points outside the project, at the entry."""
    words = note("outside-project", key=key, value=shortened(value))
    line, column = 1, 1
    document = read_json_document(json_path, project.root)
    if document is not None:
        literal = next((n for n in walk(document.root) if n.type == "Literal" and n.value == value), None)
        if literal is not None:
            line, column, _, _ = document.span(literal)
    project.problems.append((json_path, SourceError(words.render("en"), line=line, column=column, words=words,
                                                    whole_file=False)))


def _load_project(root: Path, mini_root: Path | None, known_rules: set[str], config_file: Path | None,
                  lint_vendored: bool = False) -> Project:
    config_path = config_file or find_config(root)
    config = load_config(config_path, known_rules) if config_path else Config()
    if lint_vendored:
        config = config.with_overrides(lint_vendored=True)
    mini_root = mini_root or root
    project = Project(root=root, miniprogram_root=mini_root, config=config)
    excluded = []
    project_config_path = root / "project.config.json"
    if is_file(project_config_path):
        data, problem = _read_json(project_config_path, root)
        if problem:
            project.problems.append((project_config_path, problem))
        mini = (data or {}).get("miniprogramRoot")
        if isinstance(mini, str) and mini.strip("./") and not inside(root, root / mini):
            _refuse(project, project_config_path, "miniprogramRoot", mini)
        elif isinstance(mini, str) and mini.strip("./") and not is_file(mini_root / "app.json"):
            # most often a build's output folder that is not in the repository (a TypeScript project's
            # dist/, its sources linted from their own app.json): listed and counted, not an error
            project.skipped.append(skip(mini_root, "skip-no-app-json", key="miniprogramRoot", value=shortened(mini)))
        cloud = (data or {}).get("cloudfunctionRoot")
        if isinstance(cloud, str) and cloud.strip("./"):
            # Cloud functions run on Node.js servers, not in the mini-program.
            excluded.append((root / cloud).resolve())
        plugin_root = _plugin_root(root)
        if plugin_root is not None and plugin_root != mini_root.resolve():
            # A plugin is a program of its own (plugin.json, no app.json): say it is not linted with this one.
            shown = plugin_root.relative_to(Path.cwd()) if plugin_root.is_relative_to(Path.cwd()) else plugin_root
            project.skipped.append(skip(plugin_root, "skip-plugin-root", folder=shown.as_posix()))
    project.excluded_roots = tuple(excluded)
    app_json_path = mini_root / "app.json"
    if not is_file(app_json_path) and uni_app.is_source_root(mini_root):
        _read_uni_app(project)
        return project
    if is_file(app_json_path):
        app, problem = _read_json(app_json_path, root)
        if problem:
            project.problems.append((app_json_path, problem))
        if app is not None:
            project.app_json = app
            _read_app_json(project, app, app_json_path)
    _list_files(project)
    return project


def _read_uni_app(project: Project) -> None:
    """A uni-app project: its pages.json and manifest.json as the app.json they compile to, its pages and App.vue,
    and every other `.vue` file a component (easycom's by their tag)."""
    project.framework = "uni-app"
    mini = project.miniprogram_root
    documents = {}
    for name in (uni_app.PAGES_JSON, uni_app.MANIFEST_JSON):
        document, problem = uni_app.read_settings(mini / name, project.root)
        try:
            documents[name] = uni_app.value_of(document.root) if document is not None else {}
        except RecursionError:
            problem, documents[name] = SourceError("invalid JSON: nested too deeply", line=1, column=1), {}
        if problem:
            project.problems.append((mini / name, problem))
    app = uni_app.app_json_of(documents[uni_app.PAGES_JSON], documents[uni_app.MANIFEST_JSON])
    project.app_json = app
    _read_app_json(project, app, mini / uni_app.PAGES_JSON)
    _list_files(project)
    for path in project.files:
        if path.suffix != ".vue":
            continue
        route = path.relative_to(mini).with_suffix("").as_posix()
        if route not in project.units and route != "App":
            _add_unit(project, "component", route, None)
    for route in list(project.units):
        tag = uni_app.easycom_tag(route)
        if tag is not None and project.units[route].kind == "component":
            project.global_components.setdefault(tag, route)


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _read_app_json(project: Project, app: dict, path: Path) -> None:
    mini = project.miniprogram_root

    def kept(key: str, routes: list[str], base: str = "") -> list[str]:
        staying = [r for r in routes if inside(mini, mini / posixpath.join(base, r.strip("/")))]
        staying_set = set(staying)
        for route in routes:
            if route not in staying_set:
                _refuse(project, path, key, route)
        return staying

    project.pages = kept("pages", _strings(app.get("pages")))
    packages = app.get("subpackages") or app.get("subPackages") or []
    for package in packages if isinstance(packages, list) else []:
        if isinstance(package, dict) and isinstance(package.get("root"), str):
            root = package["root"].strip("/")
            if not kept("subpackages", [root]):
                continue
            project.subpackages.append(Subpackage(
                root=root, pages=kept("subpackages", _strings(package.get("pages")), root),
                independent=bool(package.get("independent"))))
    entry = app.get("entryPagePath")
    project.entry_page = entry.lstrip("/") if isinstance(entry, str) and entry else (project.pages[0] if project.pages else None)
    if project.framework == "uni-app":
        project.units["app"] = Unit("app", "app", mini / "App", _existing(project, mini / "App", (".vue",)), None, path)
    else:
        project.units["app"] = Unit("app", "app", mini / "app", _existing(project, mini / "app", UNIT_SCRIPT_SUFFIXES), None, path)
    for route in project.pages:
        _add_unit(project, "page", route, None)
    for package in project.subpackages:
        for page in package.pages:
            _add_unit(project, "page", posixpath.join(package.root, page), package.root)
    project.global_components = _add_components(project, app.get("usingComponents"), mini, None, project.global_foreign_components)
    # Pages first, then the components they use, breadth first.
    queue = [u for u in project.units.values() if u.kind in ("page", "component")]
    while queue:
        unit = queue.pop(0)
        if unit.json is None:
            continue
        data, problem = _read_json(unit.json, project.root)
        if problem:
            project.problems.append((unit.json, problem))
            continue
        known = len(project.units)  # units are only ever added, in order
        unit.components = _add_components(project, data.get("usingComponents"), unit.base.parent, unit.subpackage,
                                          unit.foreign_components)
        # a generic's default component is used without a usingComponents entry (`componentGenerics`)
        generics = data.get("componentGenerics")
        defaults = {f"generic:{name}": spec.get("default") for name, spec in generics.items()
                    if isinstance(spec, dict)} if isinstance(generics, dict) else {}
        _add_components(project, defaults, unit.base.parent, unit.subpackage, {})
        queue.extend(list(project.units.values())[known:])


def _existing(project: Project, base: Path, suffixes) -> Path | None:
    """The first file of `base` with one of the suffixes; one that links outside the project is listed as
    skipped, not used (a component folder linked to another repository, a page's .json linked to a secret)."""
    for suffix in suffixes:
        candidate = base.with_name(base.name + suffix)
        if is_file(candidate):
            if inside(project.root, candidate):
                return candidate
            if not any(s.path == candidate for s in project.skipped):
                project.skipped.append(skip(candidate, "skip-link-outside"))
    return None


def _add_unit(project: Project, kind: str, route: str, subpackage: str | None) -> Unit | None:
    route = route.strip("/")
    if route in project.units:
        return project.units[route]
    base = project.miniprogram_root / route
    if project.framework == "uni-app" and _existing(project, base, (".vue",)) is not None:
        single_file = _existing(project, base, (".vue",))  # the script and the template in one file
        unit = Unit(kind, route, base, single_file, single_file, None, subpackage)
    else:
        unit = Unit(kind, route, base, _existing(project, base, UNIT_SCRIPT_SUFFIXES), _existing(project, base, (".wxml",)),
                    _existing(project, base, (".json",)), subpackage)
    project.units[route] = unit
    return unit


def _npm_package_there(project: Project, target: str) -> bool:
    """Whether the npm package a bare `usingComponents` path starts with is installed (`@vant/weapp/button/index`)."""
    parts = target.split("/")
    package = "/".join(parts[:2]) if target.startswith("@") else parts[0]
    folders = (project.miniprogram_root / "miniprogram_npm", project.miniprogram_root / "node_modules", project.root / "node_modules",
               project.root / "miniprogram_npm")
    return bool(package) and any(is_dir(folder / package) for folder in folders)


def _component_at(base: Path) -> bool:
    """Whether a component's files are at `base` (`base.json`, `base.js`, …) or in the folder it names (`base/index.*`)."""
    return (any(is_file(base.with_name(base.name + suffix)) for suffix in COMPONENT_SUFFIXES)
            or (is_dir(base) and any(is_file(base / f"index{suffix}") for suffix in COMPONENT_SUFFIXES)))


def _add_components(project: Project, using, folder: Path, subpackage: str | None, foreign: dict[str, str]) -> dict[str, str]:
    """Add the components a `usingComponents` names; return tag -> component route. Plugin and npm
    components go to `foreign`, tag -> what `usingComponents` names."""
    routes: dict[str, str] = {}
    if not isinstance(using, dict):
        return routes
    for tag, target in using.items():
        if not isinstance(target, str):
            continue
        if target.startswith("plugin://") or target.startswith("plugin-private://"):
            foreign[tag] = target
            continue
        if target.startswith("/"):
            base = project.miniprogram_root / target.lstrip("/")
        elif target.startswith("@/"):  # a build's name for the source root, as in `require` (mojisrc/wechat-mini-shop)
            base = project.miniprogram_root / target[2:]
        elif target.startswith("."):
            base = folder / target
        else:
            # A bare path is the project's own component when it is there, relative to the file (`components/nav-bar/
            # index` in the official demos' JSON); otherwise an npm component from miniprogram_npm: not the project's code.
            base = Path(os.path.normpath(folder / target))
            if not _component_at(base):
                foreign[tag] = target
                if not _npm_package_there(project, target):
                    project.unresolved_components.append(target)
                continue
        base = Path(os.path.normpath(base))
        if not any(is_file(base.with_name(base.name + s)) for s in COMPONENT_SUFFIXES) and is_dir(base):
            base = base / "index"
        try:
            route = base.relative_to(project.miniprogram_root).as_posix()
        except ValueError:
            continue
        routes[tag] = route
        if route not in project.units:
            _add_unit(project, "component", route, subpackage)
    return routes


# In a uni-app project: its builds (HBuilderX's unpackage/, the CLI's dist/), its plugins (uni_modules/, third-party
# code like node_modules), the pages of other platforms (platforms/<platform>/), and the native mini-program
# components it copies in (wxcomponents/: "小程序组件不是 vue 组件", component libraries the compiler copies as they are;
# https://uniapp.dcloud.net.cn/tutorial/miniprogram-subject.html).
_UNI_APP_NOT_SOURCES = frozenset({"unpackage", "dist", "uni_modules", "platforms", "wxcomponents"})
_UNI_APP_THIRD_PARTY = frozenset({"uni_modules", "wxcomponents"})
_MINIFIED_NAME = re.compile(r"[.-]min\.js$")
# A file this large that is mostly long lines of code squeezed together is a bundle, not hand-written
# code (a license header does not change that); a long string (a base64 image in a page) is no such line.
_MINIFIED_MIN_BYTES = 4_000  # Baidu's statistics SDK is one line of 7.8 KB (zaozao1040/xdd-ddc-miniprogram: held out)
_MINIFIED_LONG_LINE = 300
_MINIFIED_SQUEEZED_SHARE = 0.5


def _list_files(project: Project) -> None:
    excluded_patterns = [Glob(p) for p in project.config.exclude]
    base_dir = project.config.base_dir or project.root
    for current, folders, files in os.walk(project.miniprogram_root):
        here = Path(current)
        kept = []
        for name in sorted(folders):
            folder = here / name
            uni_app_output = project.framework == "uni-app" and name in _UNI_APP_NOT_SOURCES
            if name in SKIPPED_FOLDERS or name.startswith(".") or folder in project.excluded_roots or uni_app_output:
                if name in ("node_modules", "miniprogram_npm") or (uni_app_output and name in _UNI_APP_THIRD_PARTY):
                    project.skipped.append(skip(folder, "skip-third-party", routine=True))
                continue
            if _excluded(folder, base_dir, excluded_patterns, is_dir=True):
                project.skipped.append(skip(folder, "skip-excluded"))
                continue
            library = None if project.config.lint_vendored else vendored_folder(folder)
            if library is not None:
                project.skipped.append(skip(folder, "skip-vendored", library=library))
                continue
            kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            path = here / name
            if not name.endswith(SOURCE_SUFFIXES) or (name.endswith(".vue") and project.framework != "uni-app"):
                continue
            if name.endswith(".d.ts"):
                project.skipped.append(skip(path, "skip-declarations", routine=True))
                continue
            if _excluded(path, base_dir, excluded_patterns, is_dir=False):
                project.skipped.append(skip(path, "skip-excluded"))
                continue
            library = None if project.config.lint_vendored else vendored_file(path)
            if library is not None:
                project.skipped.append(skip(path, "skip-vendored", library=library))
                continue
            if path.is_symlink() and os.path.exists(path) and not inside(project.root, path):
                project.skipped.append(skip(path, "skip-link-outside"))
                continue
            if not is_file(path):
                project.skipped.append(skip(path, "skip-not-regular"))
                continue
            reason = skip_reason(path)
            if reason:
                project.skipped.append(skip(path, reason))
                continue
            size = file_size(path) or 0
            if size > MAX_FILE_BYTES:
                words = note("too-large", size=f"{size / 1_000_000:.1f}", limit=MAX_FILE_BYTES // 1_000_000)
                project.problems.append((path, SourceError(words.render("en"), line=1, column=1, words=words)))
                continue
            project.files.append(path)


@cache
def _vendored_libraries() -> dict:
    return load_data_table("vendored")["libraries"]


def vendored_file(path: Path) -> str | None:
    """The copied SDK (or generated runtime file) a file is, by its name (`qqmap-wx-jssdk.min.js`) and,
    for a library with `markers`, one of them near its start (Taro's `base.wxml`); or None."""
    for name, library in _vendored_libraries().items():
        if not any(fnmatch.fnmatchcase(path.name, pattern) for pattern in library.get("files", ())):
            continue
        markers = library.get("markers")
        if not markers or _carries_marker(path, markers):
            return name
    return None


def _carries_marker(path: Path, markers) -> bool:
    head = read_head(path, _MARKER_BYTES)
    return any(marker.encode("utf-8") in head for marker in markers)


_MARKER_SCRIPTS = 20  # scripts read, at most, to recognise a library folder
_MARKER_BYTES = 4096  # how far into each


def vendored_folder(folder: Path) -> str | None:
    """The component library a folder is a copy of: its name matches the library's and one of its
    first scripts (or templates, for `template_markers`) carries the library's marker near its start."""
    for name, library in _vendored_libraries().items():
        if not any(fnmatch.fnmatchcase(folder.name.lower(), pattern) for pattern in library.get("folders", ())):
            continue
        markers = {".js": library.get("markers", ()), ".ts": library.get("markers", ()),
                   ".wxml": library.get("template_markers", ())}
        files = (p for p in folder.rglob("*") if markers.get(p.suffix) and is_file(p))
        for _, file in zip(range(_MARKER_SCRIPTS), files):
            if _carries_marker(file, markers[file.suffix]):
                return name
    return None


def skip_reason(path: Path) -> str | None:
    """The note saying why a source file is not linted (a minified bundle), or None; files too large to read
    are parse errors."""
    if _MINIFIED_NAME.search(path.name):
        return "skip-minified"
    size = file_size(path)
    if size is None:
        return None  # reading it will report the problem
    if size >= _MINIFIED_MIN_BYTES and path.suffix in (".js", ".wxs"):
        head = read_head(path, 200_000)
        squeezed = sum(len(line) for line in head.split(b"\n") if len(line) > _MINIFIED_LONG_LINE and _dense_code(line))
        if squeezed >= _MINIFIED_SQUEEZED_SHARE * len(head):
            return "skip-minified"
    return None


def _dense_code(line: bytes) -> bool:
    """Whether a long line is code squeezed together (braces, semicolons and calls throughout), not a long
    string such as a base64 image."""
    return line.count(b"{") + line.count(b";") + line.count(b"(") >= len(line) / 100


def _excluded(path: Path, base_dir: Path, patterns: list[Glob], is_dir: bool) -> bool:
    if not patterns:
        return False
    try:
        relative = path.relative_to(base_dir).as_posix()
    except ValueError:
        return False
    candidates = [relative]
    if is_dir:
        candidates.append(relative + "/")
    return any(p.match(c) for p in patterns for c in candidates)
