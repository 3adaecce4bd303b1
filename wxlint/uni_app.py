"""uni-app projects: pages.json and manifest.json read as the app.json uni-app compiles them to for WeChat.

A uni-app project is a folder holding `pages.json` and `manifest.json`: the project's root (HBuilderX) or its
`src/` (the CLI and Vite layout, https://uniapp.dcloud.net.cn/quickstart-cli.html#clidiff). Both files are JSON
with comments, and pages.json has conditional compilation (`// #ifdef MP-WEIXIN`). What they give, as uni-app's
compiler writes it into app.json (uni-cli-shared json/mp/pages.ts, json/manifest.ts):
- `pages[].path` in order, the first the entry page; `subPackages` (or `subpackages`): `root` + `pages[].path`;
  `tabBar`; `globalStyle.usingComponents` (mini-program components, as app.json `usingComponents`);
- manifest.json `mp-weixin`: every key but the few uni-app keeps for itself (`requiredPrivateInfos`, `permission`,
  `lazyCodeLoading`, `plugins`, … https://uniapp.dcloud.net.cn/collocation/manifest.html#mp-weixin).
Pages are `<route>.vue`; `App.vue` is the app; easycom components are `components/<name>/<name>.vue` and
`uni_modules/<id>/components/<name>/<name>.vue`, used by tag without registration
(https://uniapp.dcloud.net.cn/collocation/pages.html#easycom).
"""

from __future__ import annotations

from pathlib import Path

from esprima.nodes import Node

from wxlint.parse.conditional import WEIXIN, compile_for_weixin
from wxlint.parse.json_document import JsonDocument, json_document_of
from wxlint.parse.source import SourceError
from wxlint.safe_fs import is_file, read_file

PAGES_JSON = "pages.json"
MANIFEST_JSON = "manifest.json"
# manifest.json `mp-weixin` keys uni-app does not copy into app.json (uni-cli-shared json/mp/utils.ts NON_APP_JSON_KEYS),
# and those it puts into project.config.json instead (json/mp/project.ts projectKeys)
_NOT_APP_JSON = frozenset({"unipush", "secureNetwork", "usingComponents", "optimization", "scopedSlotsCompiler",
                           "uniStatistics", "mergeVirtualHostAttributes", "styleIsolation", "enableVirtualHost", "nativeTags",
                           "appid", "setting", "miniprogramRoot", "cloudfunctionRoot", "qcloudRoot", "pluginRoot",
                           "compileType", "libVersion", "projectname", "packOptions", "debugOptions", "scripts",
                           "cloudbaseRoot", "watchOptions"})


def is_source_root(folder: Path) -> bool:
    """Whether a folder holds a uni-app project's sources: pages.json and manifest.json side by side."""
    return is_file(folder / PAGES_JSON) and is_file(folder / MANIFEST_JSON)


def project_root(source_root: Path) -> Path:
    """The repository folder of a uni-app project: the folder above `src/` in the CLI layout, else the sources'."""
    if source_root.name == "src" and is_file(source_root.parent / "package.json"):
        return source_root.parent
    return source_root


def read_settings(path: Path, root: Path) -> tuple[JsonDocument | None, SourceError | None]:
    """pages.json or manifest.json as a JSON document (comments, trailing commas and WeChat's conditional
    compilation as uni-app reads them), or the problem."""
    try:
        data = read_file(path, root)
    except OSError as error:
        return None, SourceError(f"cannot read file: {error.strerror or error}")
    document = json_document_of(path, data, prepare=lambda text: compile_for_weixin(text, WEIXIN))
    if document is None:
        return None, SourceError("invalid JSON: not an object, or not JSON with comments as uni-app reads it", line=1, column=1)
    return document, None


def value_of(node: Node | None):
    """The Python value of a JSON document's node (objects, arrays, strings, numbers, booleans, null)."""
    if node is None:
        return None
    kind = node.type
    if kind == "Literal":
        return node.value
    if kind == "ObjectExpression":
        found = {}
        for prop in node.properties:
            if prop.type != "Property":
                continue
            key = prop.key.value if prop.key.type == "Literal" else getattr(prop.key, "name", None)
            if isinstance(key, str):
                found[key] = value_of(prop.value)
        return found
    if kind == "ArrayExpression":
        return [value_of(element) for element in node.elements]
    if kind == "UnaryExpression" and node.operator == "-" and node.argument.type == "Literal":
        value = node.argument.value
        return -value if isinstance(value, (int, float)) else None
    return None


def app_json_of(pages: dict, manifest: dict) -> dict:
    """The app.json uni-app writes for WeChat from pages.json and manifest.json."""
    app: dict = {}
    app["pages"] = _page_paths(pages.get("pages"))
    packages = pages.get("subPackages") or pages.get("subpackages") or []
    app["subPackages"] = [{**{k: v for k, v in package.items() if k != "pages"}, "pages": _page_paths(package.get("pages"))}
                          for package in packages if isinstance(package, dict) and isinstance(package.get("root"), str)]
    for key in ("tabBar", "entryPagePath", "preloadRule", "workers", "plugins"):
        if key in pages:
            app[key] = pages[key]
    style = pages.get("globalStyle")
    if isinstance(style, dict) and isinstance(style.get("usingComponents"), dict):
        app["usingComponents"] = style["usingComponents"]
    weixin = manifest.get("mp-weixin")
    if isinstance(weixin, dict):
        app.update({key: value for key, value in weixin.items() if key not in _NOT_APP_JSON})
    return app


def _page_paths(pages) -> list[str]:
    return [page["path"] for page in pages or [] if isinstance(page, dict) and isinstance(page.get("path"), str)]


def weixin_settings(source_root: Path, root: Path) -> JsonDocument | None:
    """manifest.json's `mp-weixin` object as a document of its own (at its place in the file): where a uni-app
    project declares what a native one declares in app.json (`requiredPrivateInfos`, `permission`)."""
    manifest, _ = read_settings(source_root / MANIFEST_JSON, root)
    member = manifest.member("mp-weixin") if manifest is not None else None
    if member is None or member.value.type != "ObjectExpression":
        return None
    return JsonDocument(manifest.source, member.value)


def easycom_tag(route: str) -> str | None:
    """The tag easycom gives a component by its place: `components/<name>/<name>` and
    `uni_modules/<id>/components/<name>/<name>` -> `<name>`."""
    parts = route.split("/")
    if len(parts) == 3 and parts[0] == "components" and parts[1] == parts[2]:
        return parts[1]
    if len(parts) == 5 and parts[0] == "uni_modules" and parts[2] == "components" and parts[3] == parts[4]:
        return parts[3]
    return None
