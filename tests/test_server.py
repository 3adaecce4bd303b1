"""`wxlint server` driven end to end by a real language client (pytest-lsp): diagnostics while typing,
traces, code actions."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from editor_session import client_in_a_copy_of, published_diagnostics

WORKSPACE = {}  # filled by the fixture: the copy of a sample project the server works in
client = client_in_a_copy_of("member-2021", WORKSPACE)


async def test_a_finding_appears_while_the_file_is_typed_and_goes_when_it_is_fixed(client: LanguageClient):
    page = WORKSPACE["root"] / "pages" / "settings" / "settings.js"
    uri = page.as_uri()
    saved = page.read_text(encoding="utf-8")
    before = await published_diagnostics(client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="javascript", version=1, text=saved))))
    assert all(d.code != "deprecated-getuserinfo" or d.range.start.line != 1 for d in before)
    # typed, not saved: a call of wx.getUserInfo on the second line, after an emoji (two UTF-16 units)
    typed = "Page({\n  onShow() { const s = '🙂'; wx.getUserInfo({ success: (res) => this.setData(res) }) }\n})\n"
    after = await published_diagnostics(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)])))
    [finding] = [d for d in after if d.code == "deprecated-getuserinfo"]
    assert (finding.range.start.line, finding.range.start.character) == (1, 29)  # 28 characters, the emoji 2 UTF-16 units
    assert finding.source == "wxlint" and finding.severity == types.DiagnosticSeverity.Warning
    assert finding.code_description.href.startswith("https://developers.weixin.qq.com/")
    assert page.read_text(encoding="utf-8") == saved  # the editor's buffer, not the disk
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=finding.range,
        context=types.CodeActionContext(diagnostics=[finding])))
    [disable] = [a for a in actions if "disable" in a.title]
    [edit] = disable.edit.changes[uri]
    assert edit.new_text == "  // wxlint-disable-next-line deprecated-getuserinfo\n" and edit.range.start.line == 1
    fixed = await published_diagnostics(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="Page({ onShow() {} })\n")])))
    assert [d for d in fixed if d.code == "deprecated-getuserinfo"] == []


async def test_traces_are_related_information_and_fixes_are_code_actions(client: LanguageClient):
    root = WORKSPACE["root"]
    (root / "project.config.json").write_text('{\n  "appid": "wx1",\n  "setting": {\n    "minified": true\n  }\n}\n',
                                              encoding="utf-8")
    config_uri = (root / "project.config.json").as_uri()
    config_text = (root / "project.config.json").read_text(encoding="utf-8")
    diagnostics = await published_diagnostics(client, config_uri, lambda: client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=config_uri, language_id="json", version=1, text=config_text))))
    wxml = [d for d in diagnostics if d.code == "minify-disabled" and "WXML" in d.message]
    assert wxml and wxml[0].range.start.line == 2
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=config_uri), range=wxml[0].range,
        context=types.CodeActionContext(diagnostics=wxml)))
    [fix] = [a for a in actions if "minifyWXML" in a.title]
    [edit] = fix.edit.changes[config_uri]
    assert edit.new_text == ',\n    "minifyWXML": true' and not any("disable" in a.title for a in actions)  # JSON has no comments
    index = root / "pages" / "member" / "member.js"
    opened = await published_diagnostics(client, index.as_uri(), lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=index.as_uri(), language_id="javascript", version=1, text=index.read_text(encoding="utf-8")))))
    traced = [d for d in opened if d.related_information]
    assert len(traced) == 5 and all(info.location.uri.startswith("file://") and info.message[0].isdigit()
                          for d in traced for info in d.related_information)
