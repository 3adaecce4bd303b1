"""`wxlint server` on a uni-app project: a `.vue` page's findings while it is typed, at the file's own places."""

from __future__ import annotations

import asyncio
import shutil
import sys

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import SAMPLES

WORKSPACE = {}


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "wxlint", "server"]))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("editor") / "uni-shop"
    shutil.copytree(SAMPLES / "uni-shop", root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    WORKSPACE["root"] = root
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="uni-shop")]))
    yield
    await lsp_client.shutdown_session()


async def test_a_vue_page_typed_in_the_editor(client: LanguageClient):
    page = WORKSPACE["root"] / "src" / "pages" / "mine" / "mine.vue"
    uri = page.as_uri()
    saved = page.read_text(encoding="utf-8")
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="vue", version=1, text=saved)))
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    before = client.diagnostics[uri]
    assert {(d.code, d.range.start.line) for d in before if d.code == "getuserprofile-outside-tap"} == {
        ("getuserprofile-outside-tap", 12), ("getuserprofile-outside-tap", 18)}  # 0-based: lines 13 and 19
    # the call in onLoad taken out, unsaved: that finding goes, the one in uni.login's success stays
    typed = saved.replace("    uni.getUserProfile({ desc: '用于完善会员资料' })\n", "    this.profile = null\n", 1)
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=typed)]))
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    after = client.diagnostics[uri]
    assert [(d.code, d.range.start.line, d.range.start.character) for d in after if d.code == "getuserprofile-outside-tap"] == [
        ("getuserprofile-outside-tap", 18, 10)]
    assert page.read_text(encoding="utf-8") == saved
