"""How long `wxlint server` takes to show diagnostics in an editor: a page of a generated project opened, then
edited (unsaved) a few times; prints the median time from each edit to its diagnostics.

    python benchmarks/editor_latency.py [--pages 1000] [--edits 5]

The project is generated as for the side-by-side benchmark (benchmarks/generate_project.py); the first open
builds the cache a later session finds, as the command line's first run does.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent


async def measure(root: Path, edits: int) -> tuple[float, list[float]]:
    client = LanguageClient("editor-latency", "1")
    published = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "wxlint", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri()))
    client.initialized(types.InitializedParams())
    page = next(sorted((root / "pages").glob("*/*.js")).__iter__())
    uri, text = page.as_uri(), page.read_text(encoding="utf-8")
    started = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "javascript", 1, text)))
    await published.get()
    first = time.perf_counter() - started
    latencies = []
    for version in range(2, edits + 2):
        edited = text + f"\n// edit {version}\nwx.getUserInfo()\n"
        started = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version=version, uri=uri), [types.TextDocumentContentChangeWholeDocument(edited)]))
        params = await published.get()
        latencies.append(time.perf_counter() - started)
        assert any(d.code == "deprecated-getuserinfo" for d in params.diagnostics), "the edit's finding is missing"
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wxlint-editor-") as folder:
        root = Path(folder) / "project"
        subprocess.run([sys.executable, str(HERE / "generate_project.py"), str(root), "--pages", str(args.pages)],
                       check=True, stdout=subprocess.DEVNULL)
        first, latencies = asyncio.run(measure(root, args.edits))
    print(f"{args.pages} pages: first diagnostics after opening a page {first:.2f} s (builds the cache)")
    print(f"diagnostics after an edit: median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s over {len(latencies)} edits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
