"""What the language-server tests share: a session in a copy of a sample project, and the diagnostics a
notification leads to."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import SAMPLES


async def open_copy_of_sample(lsp_client: LanguageClient, tmp_path_factory, sample: str) -> Path:
    """Start a session whose workspace is a fresh copy of `sample_projects/<sample>`; its folder."""
    root = tmp_path_factory.mktemp("editor") / sample
    shutil.copytree(SAMPLES / sample, root, ignore=shutil.ignore_patterns(".wxlint_cache"))
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=sample)]))
    return root


def client_in_a_copy_of(sample: str, workspace: dict):
    """A pytest-lsp `client` fixture: `wxlint server` started in a fresh copy of `sample_projects/<sample>`, whose
    folder goes to `workspace["root"]`."""

    @pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "wxlint", "server"]))
    async def client(lsp_client: LanguageClient, tmp_path_factory):
        workspace["root"] = await open_copy_of_sample(lsp_client, tmp_path_factory, sample)
        yield
        await lsp_client.shutdown_session()

    return client


async def published_diagnostics(client: LanguageClient, uri: str, send) -> list[types.Diagnostic]:
    """Send a notification; the diagnostics the server publishes for `uri` after it (a run for a JSON file
    publishes for other files too)."""
    client.diagnostics.pop(uri, None)
    send()
    while uri not in client.diagnostics:
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    return client.diagnostics[uri]
