"""secret-in-client: the AppSecret, session_key or api.weixin.qq.com server APIs in client code."""

from __future__ import annotations

import string

from wxlint.checks import CheckContext
from wxlint.model.javascript import JsModule, is_assigned, leading_string, member_name, parent_of, string_value, unwrap
from wxlint.model.login import may_hold_a_server_answer
from wxlint.parse.javascript import property_key

USES_FLOW = False

_HEX = frozenset(string.hexdigits)


def _plain(name: str) -> str:
    return name.lower().replace("_", "").replace("-", "")


def check(ctx: CheckContext) -> None:
    host = ctx.data["host"]
    secret_names = {_plain(n) for n in ctx.data["secret_names"]}
    names_beside_appid = {_plain(n) for n in ctx.data["secret_names_beside_appid"]}
    session_names = {_plain(n) for n in ctx.data["session_key_names"]}
    login_apis = set(ctx.data["login_apis"])
    server_folders = set(ctx.data["server_folders"])
    root = ctx.model.project.miniprogram_root
    read_back: list[tuple[JsModule, object]] = []
    for module in ctx.model.js_modules.values():
        try:
            parts = module.path.relative_to(root).parts
        except ValueError:
            parts = ()
        if server_folders & set(parts[:-1]):
            continue  # server code kept beside the client
        _server_apis(ctx, module, host)
        logs_in = any(use.api in login_apis for use in module.wx_uses)
        _named_values(ctx, module, secret_names, names_beside_appid, session_names if logs_in else set(),
                      session_names, ctx.data["session_key_field"], read_back)
    # the key read back from what the app kept (`app.globalData.userInfo.sessionKey`) is the leak reported where it
    # arrived; where the project shows no arrival (a whole answer stored, then `loginData.session_key` read back:
    # TellMeY76/miniprogram-ts-template), the reads back are all there is to see
    if not any(finding.message_id == "session-key" for finding in ctx.findings):
        for module, node in read_back:
            ctx.report_node(module, node, "session-key")


def _server_apis(ctx: CheckContext, module: JsModule, host: str) -> None:
    """String literals and templates naming a URL on api.weixin.qq.com."""
    for node in module.nodes_any_order("Literal", "TemplateLiteral"):
        if parent_of(node) is not None and parent_of(node).type == "TemplateLiteral":
            continue
        text = leading_string(node) if node.type == "TemplateLiteral" else string_value(node)
        if not text or f"//{host}/" not in text and not text.startswith(f"{host}/"):
            continue
        path = text.split(host, 1)[1].split("?", 1)[0]
        ctx.report_node(module, node, "server-api", url=f"{host}{path}", endpoint=path.strip("/") or host)


def _named_values(ctx: CheckContext, module: JsModule, secret_names: set[str], names_beside_appid: set[str],
                  session_names: set[str], storage_names: set[str], session_field: str, read_back: list) -> None:
    """`const SECRET = '<32 hex>'`, `{ appSecret: '<32 hex>' }`, `{ appId: 'wx…', app_key: '<32 hex>' }`;
    `res.data.session_key` (or one of `session_names`), storage key 'session_key' (or one of `storage_names`)."""
    for node in module.nodes_any_order("VariableDeclarator", "Property", "AssignmentExpression", "MemberExpression",
                                       "Literal"):
        kind = node.type
        if kind == "VariableDeclarator" and node.id.type == "Identifier":
            name, value = node.id.name, node.init
        elif kind == "Property":
            name, value = property_key(node), node.value
            if parent_of(node) is not None and parent_of(node).type == "ObjectPattern" and name and (
                    name == session_field or _plain(name) in session_names):
                ctx.report_node(module, node.key, "session-key")  # `const { openid, session_key } = res`: a read
                continue
        elif kind == "AssignmentExpression" and node.left.type == "MemberExpression":
            name, value = member_name(node.left), node.right
        elif kind == "MemberExpression":
            name = member_name(node)
            # a read: where the key reaches the client (`payload.session_key = key` sends back one read elsewhere:
            # tudouya/bee-guard-weapp services/auth.js; `app.globalData.userInfo.sessionKey` reads back what the app
            # kept: Ly4078/WeChat-applet, hu188/xiaochengxu; all held out)
            if name and (name == session_field or _plain(name) in session_names) and not is_assigned(node):
                if may_hold_a_server_answer(module, node.object):
                    ctx.report_node(module, node.property, "session-key")
                else:
                    read_back.append((module, node.property))
            continue
        elif kind == "Literal":
            if (isinstance(node.value, str) and (node.value == session_field or _plain(node.value) in storage_names)
                    and _is_storage_key(module, node)):
                ctx.report_node(module, node, "session-key")
            continue
        else:
            continue
        if not name:
            continue
        plain = _plain(name)
        if plain not in secret_names and not (plain in names_beside_appid and kind == "Property"
                                              and _beside_an_appid(module, parent_of(node))):
            continue
        if _names_a_reported_constant(module, value, secret_names):
            continue  # `{ appId, appSecret }` passes on the constant reported where it is written
        secret = string_value(value, module)
        if secret and len(secret) == 32 and set(secret) <= _HEX:
            ctx.report_node(module, value, "app-secret", name=name)


def _names_a_reported_constant(module: JsModule, value, secret_names: set[str]) -> bool:
    value = unwrap(value)
    if value is None or value.type != "Identifier":
        return False
    binding = module.scopes.resolve(value)
    return binding is not None and _plain(binding.name) in secret_names and module.constant_value(value) is not value


def _beside_an_appid(module: JsModule, obj) -> bool:
    """Whether an object literal also holds a WeChat AppID (`wx` and 16 hex digits)."""
    for prop in getattr(obj, "properties", None) or ():
        text = string_value(getattr(prop, "value", None), module)
        if text and len(text) == 18 and text.startswith("wx") and set(text[2:]) <= _HEX:
            return True
    return False


def _is_storage_key(module: JsModule, literal) -> bool:
    """`wx.setStorageSync('session_key', …)`, `wx.setStorage({ key: 'session_key' })`: where the client keeps it. Reading
    it back (`wx.getStorageSync('sessionkey')` into a request header) is the key sent back, not reported again
    (ai-word/fruitsf-shop, held out)."""
    parent = parent_of(literal)
    if parent is not None and parent.type == "Property" and property_key(parent) == "key":
        parent = parent_of(parent_of(parent)) if parent_of(parent) is not None else None
    if parent is None or parent.type != "CallExpression":
        return False
    return (module.wx_call_api(parent) or "").startswith("setStorage")
