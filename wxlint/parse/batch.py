"""Parsing many files: a content-hash cache and worker processes.

Each file is read once; its bytes are hashed with the wxlint and parser
versions into a cache key. Cached trees are pickled (loading one is several
times faster than parsing) and signed (`wxlint.cache_files`): the cache folder is inside the repository being
linted. A pickle can name any function to call while it loads, so trees are loaded by `load_tree`, which builds
only the classes a syntax tree is made of: even an entry signed by a leaked key runs no code. What is not cached
is parsed in `jobs` worker processes, or in this process for small batches.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

import esprima

from esprima.objects import Object as EsprimaObject

from wxlint.cache_files import CacheFolder
from wxlint.parse.files import PARSE_SECONDS_LIMIT, ParsedFile, parse_bytes
from wxlint.parse.source import SourceError
from wxlint.safe_fs import read_file
from wxlint.stamp import code_stamp

# Worker processes pay for themselves only past this many files.
_PARALLEL_MIN_FILES = 24
# What a parsed file is made of, besides esprima's nodes and its other objects (`esprima.objects.Object`).
_TREE_CLASSES = frozenset({
    ("wxlint.parse.files", "ParsedFile"), ("wxlint.parse.javascript", "JsTree"),
    ("wxlint.parse.javascript", "_rebuild_node"), ("wxlint.parse.source", "SourceText"),
    ("wxlint.parse.source", "SourceError"), ("wxlint.parse.wxml", "WxmlDocument"), ("wxlint.parse.wxml", "WxmlElement"),
    ("wxlint.parse.wxml", "WxmlAttribute"), ("wxlint.parse.wxml", "WxmlText"), ("wxlint.parse.wxml", "WxmlComment"),
    ("wxlint.words", "Note"), ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"),
})


class _TreeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _TREE_CLASSES:
            return super().find_class(module, name)
        if module.startswith("esprima."):
            found = super().find_class(module, name)
            if isinstance(found, type) and issubclass(found, EsprimaObject):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a syntax tree")


def load_tree(payload: bytes):
    """A pickled `ParsedFile` (or None, from a worker past the deadline), loaded without calling anything but
    the constructors of the classes a tree is made of."""
    return _TreeUnpickler(io.BytesIO(payload)).load()


def _salt() -> bytes:
    return f"{code_stamp()} esprima {getattr(esprima, 'version', '?')} python {sys.version_info[:2]}".encode()


class ParseCache:
    """Pickled parse results in a cache folder, one file per content hash."""

    # The facts of every file a project ever had: generous, and still a bound on what is read.
    FACTS_LIMIT = 64_000_000

    def __init__(self, folder: CacheFolder):
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._facts: dict[str, list] | None = None
        self._facts_changed = False

    # Small per-file facts (such as a file's dependencies) by content key, in one JSON file,
    # so a run can decide what to parse without loading any tree.
    def fact(self, key: str):
        if self._facts is None:
            try:
                self._facts = json.loads(self.folder.read("facts.json", "facts", self.FACTS_LIMIT) or b"{}")
            except ValueError:
                self._facts = {}
            if not isinstance(self._facts, dict):
                self._facts = {}
        return self._facts.get(key)

    def remember(self, key: str, value) -> None:
        self.fact(key)
        self._facts[key] = value
        self._facts_changed = True

    def save_facts(self) -> None:
        if not self._facts_changed:
            return
        self.folder.write("facts.json", "facts", json.dumps(self._facts).encode())
        self._facts_changed = False

    @staticmethod
    def key(path: Path, data: bytes) -> str:
        return hashlib.sha256(_salt() + os.fsencode(path.suffix) + b"\0" + data).hexdigest()

    @staticmethod
    def _entry(key: str) -> str:
        return f"parse/{key[:2]}/{key}.pickle"

    def get(self, key: str, path: Path) -> ParsedFile | None:
        payload = self.folder.read(self._entry(key), key)
        try:
            parsed = load_tree(payload) if payload is not None else None
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError,
                KeyError, RecursionError, MemoryError):
            parsed = None  # signed by us, yet unreadable: written by another wxlint version
        if not isinstance(parsed, ParsedFile):
            self.misses += 1
            return None
        self.hits += 1
        # The same content may live at another path: point the result here.
        parsed.path = path
        if parsed.source is not None:
            parsed.source.path = path
        return parsed

    def put(self, key: str, parsed: ParsedFile) -> ParsedFile:
        """Store a result parsed in this process; returns the copy to use from now on. Pickling a
        node gives it a `__dict__` object for good (64 bytes a node, a sixth of a tree's memory):
        the pickled copy, loaded back, has none."""
        try:
            payload = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, RecursionError):
            return parsed  # a cache that cannot be written only costs time
        self.put_payload(key, payload)
        return load_tree(payload)

    def put_payload(self, key: str, payload: bytes) -> None:
        """Store a result pickled elsewhere (by a worker) as it is."""
        self.folder.write(self._entry(key), key, payload)


def _parse_job(item: tuple[Path, bytes], deadline: float | None = None) -> ParsedFile | None:
    """The file parsed, or None when the run's `deadline` (time.monotonic) has passed."""
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    gc.disable()  # in workers too: trees are short-lived garbage-free allocations
    seconds = PARSE_SECONDS_LIMIT
    if deadline is not None:
        seconds = min(seconds, deadline - time.monotonic())
        if seconds <= 0:
            return None
    parsed = parse_bytes(*item, seconds_limit=seconds)
    if seconds < PARSE_SECONDS_LIMIT and _stopped_for_time(parsed):
        return None  # stopped by the run's budget, not by its own slowness: a file left, not a parse error
    return parsed


def _stopped_for_time(parsed: ParsedFile) -> bool:
    return any(error.words is not None and error.words.id == "too-slow" for error in parsed.errors)


def _parse_chunk(items: list[tuple[Path, bytes]], out: Path, deadline: float | None) -> Path:
    # Through a file, not the result pipe: a worker writing megabytes into the pipe waits for this
    # process's reader thread, which waits for the GIL while this process parses. Each file is pickled
    # on its own: that payload is also the file's cache entry, which this process writes as it is.
    payloads = [pickle.dumps(_parse_job(item, deadline), protocol=pickle.HIGHEST_PROTOCOL) for item in items]
    with out.open("wb") as stream:
        pickle.dump(payloads, stream, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def _parse_shared(todo: list[tuple[Path, bytes, str | None]], jobs: int, keep, counts: Counter | None,
                  cache: ParseCache | None, deadline: float | None, compact: bool) -> None:
    """Parse `todo` in `jobs` processes: `jobs - 1` workers take chunks from the front while this
    process parses chunks from the back that no worker has started, and loads each chunk a worker has
    finished between two of its own (so that little is left to load, by this process alone, when they meet).
    Loading a worker's trees costs less than parsing them, so this process is worth more parsing than waiting;
    except when the trees go to the cache, or must be `compact`: then `jobs` workers parse, and this process only
    loads (and stores) what they pickled (a tree loaded from a pickle takes less memory, see `ParseCache.put`)."""
    size = max(4, len(todo) // (jobs * 32))
    chunks = [todo[start:start + size] for start in range(0, len(todo), size)]
    only_load = cache is not None or compact
    workers = jobs if only_load else jobs - 1
    loaded = 0  # the chunks from the front whose trees are here

    def load_finished(wait: bool) -> None:
        nonlocal loaded
        while loaded < len(chunks) and (wait or futures[loaded].done()):
            chunk, future = chunks[loaded], futures[loaded]
            loaded += 1
            if future.cancelled():
                continue
            with future.result().open("rb") as stream:
                payloads = pickle.load(stream)
            for (path, _, key), payload in zip(chunk, payloads):
                parsed = load_tree(payload)
                if parsed is None:
                    continue  # the deadline passed before the worker reached it
                if cache is not None:
                    cache.put_payload(key, payload)
                keep(path, None, parsed)
                if counts is not None:
                    counts["workers"] += 1

    with tempfile.TemporaryDirectory(prefix="wxlint-parse-") as folder, ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_parse_chunk, [(path, data) for path, data, _ in chunk], Path(folder) / f"{number}.pickle",
                               deadline) for number, chunk in enumerate(chunks)]
        for chunk, future in zip(reversed(chunks), reversed(futures)):
            if only_load or not future.cancel():
                break  # a worker has it, and every chunk before it
            for path, data, key in chunk:
                keep(path, key, _parse_job((path, data), deadline))
            load_finished(wait=False)
        load_finished(wait=True)


class Progress:
    """`parsed 120/1000 files` on stderr, for runs over a second, on a terminal only."""

    def __init__(self, total: int):
        self.total = total
        self.start = time.monotonic()
        self.enabled = sys.stderr.isatty() and total > 0
        self.shown = False

    def update(self, done: int) -> None:
        if self.enabled and time.monotonic() - self.start > 1.0:
            sys.stderr.write(f"\rwxlint: parsed {done}/{self.total} files")
            sys.stderr.flush()
            self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 40 + "\r")
            sys.stderr.flush()


def parse_all(paths: list[Path], jobs: int = 1, cache: ParseCache | None = None,
              contents: dict[Path, bytes | OSError] | None = None, counts: Counter | None = None,
              deadline: float | None = None, compact: bool = False,
              then: Callable[[ParsedFile], None] | None = None) -> dict[Path, ParsedFile]:
    """Parse files (their bytes in `contents` when already read), using the cache and workers;
    `counts["workers"]` counts the files worker processes parsed. Files not parsed when the `deadline`
    (time.monotonic) passes are left out of the result. `compact`: with workers, every tree is parsed in one
    and loaded here, which takes less memory than a tree parsed here (for large projects). `then` is called on each
    file as it is parsed or loaded here (not on cached ones): work on it there overlaps the workers' parsing."""
    results: dict[Path, ParsedFile] = {}
    todo: list[tuple[Path, bytes, str | None]] = []
    progress = Progress(len(paths))
    for path in paths:
        try:
            data = contents[path] if contents is not None else read_file(path)
            if isinstance(data, OSError):
                raise data
        except OSError as error:
            results[path] = ParsedFile(path=path, errors=[SourceError(f"cannot read file: {error.strerror or error}")])
            continue
        key = ParseCache.key(path, data) if cache is not None else None
        cached = cache.get(key, path) if cache is not None else None
        if cached is not None:
            results[path] = cached
        else:
            todo.append((path, data, key))
    done = len(results)

    def keep(path: Path, key: str | None, parsed: ParsedFile | None) -> None:
        nonlocal done
        if parsed is None:
            return
        if cache is not None and key is not None:
            parsed = cache.put(key, parsed)
        results[path] = parsed
        if then is not None:
            then(parsed)
        done += 1
        progress.update(done)

    if jobs > 1 and len(todo) >= _PARALLEL_MIN_FILES:
        try:
            _parse_shared(todo, jobs, keep, counts, cache, deadline, compact)
        except Exception:  # workers unavailable or a result that would not travel: parse here instead
            pass
    for path, data, key in todo:
        if path not in results:
            keep(path, key, _parse_job((path, data), deadline))
    progress.close()
    return {path: results[path] for path in paths if path in results}
