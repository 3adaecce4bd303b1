"""`wxlint server` on a uni-app project: a `.vue` page's findings while it is typed, at the file's own places."""

from __future__ import annotations

from lsprotocol import types
from pytest_lsp import LanguageClient

from editor_session import client_in_a_copy_of, published_diagnostics

WORKSPACE = {}
client = client_in_a_copy_of("uni-shop", WORKSPACE)


async def test_a_vue_page_typed_in_the_editor(client: LanguageClient):
    page = WORKSPACE["root"] / "src" / "pages" / "mine" / "mine.vue"
    uri = page.as_uri()
    saved = page.read_text(encoding="utf-8")
    before = await published_diagnostics(client, uri, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="vue", version=1, text=saved))))
    assert {(d.code, d.range.start.line) for d in before if d.code == "getuserprofile-outside-tap"} == {
        ("getuserprofile-outside-tap", 12), ("getuserprofile-outside-tap", 18)}  # 0-based: lines 13 and 19
    # the call in onLoad taken out, unsaved: that finding goes, the one in uni.login's success stays
    typed = saved.replace("    uni.getUserProfile({ desc: '用于完善会员资料' })\n", "    this.profile = null\n", 1)
    after = await published_diagnostics(client, uri, lambda: client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)])))
    assert [(d.code, d.range.start.line, d.range.start.character) for d in after if d.code == "getuserprofile-outside-tap"] == [
        ("getuserprofile-outside-tap", 18, 10)]
    assert page.read_text(encoding="utf-8") == saved
