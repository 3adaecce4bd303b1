"""secret-in-client: what leaks, and what merely looks like it."""

from __future__ import annotations

from conftest import lint_json

RULE = "secret-in-client"


def found(project, files):
    _, report = lint_json(project(files), "--select", RULE)
    return [(f["path"], f["line"], f["column"], f["message_id"]) for f in report["findings"]]


def test_leaks(project):
    js = ("const config = { appId: 'wx1234567890abcdef', appSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' }\n"
          "wx.request({ url: 'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential', success: (res) => {\n"
          "  wx.setStorageSync('session_key', res.data.session_key)\n} })\n")
    assert found(project, {"utils/config.js": js}) == [
        ("utils/config.js", 1, 58, "app-secret"), ("utils/config.js", 2, 19, "server-api"),
        ("utils/config.js", 3, 21, "session-key"), ("utils/config.js", 3, 45, "session-key")]


def test_what_is_not_a_leak(project):
    files = {
        "utils/api.js": ("const SECRET = 'YOUR_APP_SECRET'\nconst secretHint = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'\n"
                         "wx.request({ url: 'https://shop.example.com/api/jscode2session', data: { code: 1 } })\n"
                         "const doc = 'see api.weixin.qq.com docs'\n"),
        "cloudfunctions/login/index.js": "const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'\n",
        "server/token.js": "fetch('https://api.weixin.qq.com/cgi-bin/token')\n",
    }
    assert found(project, files) == []
