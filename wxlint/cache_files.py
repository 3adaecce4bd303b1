"""The cache folder, which the linted repository can fill as it likes: nothing in it may change what wxlint
reads, writes or runs.

A cache folder usually sits inside the linted repository (`.wxlint_cache/`), where anyone who can open a pull
request can put files:
- an entry could hide findings, and a pickle is code: each entry is signed with an HMAC over its name and
  content, with a key kept outside the linted repository (`WXLINT_CACHE_KEY`, or a random key created once in
  the user's cache folder, refused when that folder lies in the linted tree or the git work tree holding it, as
  with `XDG_CACHE_HOME` inside a CI checkout). An entry whose signature does not match is a miss, whatever the
  reason: forged, truncated, corrupt, or written with another key;
- a link or a special file could send reads and writes elsewhere: the folder and every folder and file in it
  are opened without following links (relative to the folder's descriptor, so a link swapped in meanwhile
  changes nothing), only regular files are read, never more than a bound, and writes go to a temporary file of
  an unpredictable name, created exclusively, then renamed into place, so concurrent runs and a run killed
  mid-write leave the old entry or the new one, never half of one, and never write through a planted link.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
import time
from functools import lru_cache
from pathlib import Path

from wxlint.safe_fs import inside

_SIGNATURE_SIZE = hashlib.sha256().digest_size
KEY_VARIABLE = "WXLINT_CACHE_KEY"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# Where descriptors can be walked (Linux, macOS, the BSDs); elsewhere each step is checked with lstat first.
_BY_DESCRIPTOR = bool(_NO_FOLLOW and _DIRECTORY) and {os.open, os.mkdir, os.rename, os.unlink} <= os.supports_dir_fd
# The largest entry read back: a 5 MB source file's pickled tree stays well under it.
MAX_ENTRY_BYTES = 256_000_000
# An entry no run has used for this long is removed when a run stores its result; so is a temporary file left by a run
# killed mid-write. Without it the folder grew by the trees of every version of every file ever linted.
UNUSED_ENTRY_SECONDS = 30 * 24 * 3600
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.(pickle|json)|\..+\.[0-9a-f]{16}\.tmp")
_SHARD_NAME = re.compile(r"[0-9a-f]{2}")


def key_file() -> Path:
    """Where the signing key lives when `WXLINT_CACHE_KEY` is not set: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wxlint" / "cache-signing.key"


@lru_cache(maxsize=1)
def signing_key() -> bytes | None:
    """The key entries are signed with; None when none can be had (then nothing is cached)."""
    from_environment = os.environ.get(KEY_VARIABLE)
    if from_environment:
        return from_environment.encode()
    path = key_file()
    key = _read_key(path)
    if key is not None:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_hex(32).encode())
        temporary.replace(path)
    except OSError:
        return None
    return _read_key(path)  # another process may have replaced it first: use whichever won


def _read_key(path: Path) -> bytes | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING | _BINARY)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        key = handle.read(4096)
    return key if len(key) >= 32 else None


def key_refusal(linted_roots) -> str | None:
    """Why the key file may not be used for these linted folders, or None: a key that a repository holds (the
    linted tree, or any git work tree: a checkout's cache folder) could have been planted with entries signed
    by it."""
    if os.environ.get(KEY_VARIABLE):
        return None
    folder = key_file().parent
    holders = [root for root in linted_roots if inside(root, folder)]
    holders.extend(tree for tree in [_work_tree(folder)] if tree is not None)
    if holders:
        return (f"the cache signing key's folder {folder} lies inside a repository ({holders[0]}); "
                f"set {KEY_VARIABLE} or XDG_CACHE_HOME elsewhere to use a cache")
    return None


def _work_tree(root: Path) -> Path | None:
    for folder in (root, *root.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _signature(key: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()


class CacheFolder:
    """One cache folder: signed entries addressed by a relative path (`parse/ab/abcd….pickle`), read and
    written without following any link in or below the folder."""

    def __init__(self, path: Path, key: bytes):
        self.path = path
        self._key = key
        self.used: set[str] = set()  # the entries this run read or wrote, kept by `forget_unused`

    def read(self, relative: str, name: str, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
        """The payload stored at `relative` under `name`, or None unless it is there, a regular file within
        `limit`, and signed by our key."""
        data = self._read_bytes(relative.split("/"), limit + _SIGNATURE_SIZE)
        if data is None:
            return None
        signature, payload = data[:_SIGNATURE_SIZE], data[_SIGNATURE_SIZE:]
        if len(signature) != _SIGNATURE_SIZE or not hmac.compare_digest(signature, _signature(self._key, name, payload)):
            return None
        self.used.add(relative)
        return payload

    def write(self, relative: str, name: str, payload: bytes) -> None:
        """Store a signed payload; a cache that cannot be written only costs time."""
        self.used.add(relative)
        self._write_bytes(relative.split("/"), _signature(self._key, name, payload) + payload)

    def forget_unused(self, area: str, keep_newest: int | None = None, now: float | None = None) -> int:
        """Remove the entries of the folder `area` (`results`) or of its two-letter folders (`parse/ab/`) that no run
        has used for `UNUSED_ENTRY_SECONDS`, and, in each folder, past the `keep_newest` most recently used; an entry
        this run read or wrote counts as used now. Only regular files and links named as wxlint names its entries are
        removed (a link itself, never what it points to); what cannot be read or removed stays. Returns how many went."""
        now = time.time() if now is None else now
        top = self._open_folder([area], create=False)
        if top is None:
            return 0
        try:
            removed = self._forget_in(top, f"{area}/", keep_newest, now)
            for name in _names_in(top):
                if not _SHARD_NAME.fullmatch(name):
                    continue
                try:
                    shard = _open_folder_at(top, name)
                except OSError:
                    continue  # no real folder
                try:
                    removed += self._forget_in(shard, f"{area}/{name}/", keep_newest, now)
                finally:
                    _close(shard)
            return removed
        finally:
            _close(top)

    def _forget_in(self, folder, prefix: str, keep_newest: int | None, now: float) -> int:
        entries = []  # (last used, name)
        removed = 0
        for name in _names_in(folder):
            if not _ENTRY_NAME.fullmatch(name):
                continue
            try:
                status = _lstat_at(folder, name)
            except OSError:
                continue
            if not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
                continue
            if name.endswith(".tmp"):  # another run may be writing it: only a day-old one is left over
                if status.st_mtime < now - 24 * 3600:
                    removed += _removed_at(folder, name)
                continue
            if prefix + name in self.used:
                _touch_at(folder, name, now)
                entries.append((now, name))
            else:
                entries.append((status.st_mtime, name))
        entries.sort(reverse=True)
        for rank, (last_used, name) in enumerate(entries):
            if last_used < now - UNUSED_ENTRY_SECONDS or (keep_newest is not None and rank >= keep_newest):
                removed += _removed_at(folder, name)
        return removed

    def _read_bytes(self, parts: list[str], limit: int) -> bytes | None:
        folder = self._open_folder(parts[:-1], create=False)
        if folder is None:
            return None
        try:
            descriptor = _open_at(folder, parts[-1], os.O_RDONLY | _NO_FOLLOW | _NON_BLOCKING | _BINARY)
            with os.fdopen(descriptor, "rb") as handle:
                status = os.fstat(descriptor)
                if not stat.S_ISREG(status.st_mode) or status.st_size > limit:
                    return None
                data = handle.read(limit + 1)
            return data if len(data) <= limit else None
        except OSError:
            return None
        finally:
            _close(folder)

    def _write_bytes(self, parts: list[str], data: bytes) -> None:
        folder = self._open_folder(parts[:-1], create=True)
        if folder is None:
            return
        temporary = f".{parts[-1]}.{secrets.token_hex(8)}.tmp"
        try:
            descriptor = _open_at(folder, temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _BINARY, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            _rename_at(folder, temporary, parts[-1])  # a rename replaces a planted link itself, never its target
        except OSError:
            try:
                _unlink_at(folder, temporary)
            except OSError:
                pass
        finally:
            _close(folder)

    def _open_folder(self, parts: list[str], create: bool):
        """A handle on the folder `parts` below the cache folder (a descriptor, or a checked path where
        descriptors cannot be walked); None when it is missing, or anything on the way is not a real folder."""
        if create:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                os.mkdir(self.path, 0o700)
                _write_ignore_file(self)
            except FileExistsError:
                pass
            except OSError:
                return None
        try:
            current = _open_folder_at(None, str(self.path))
        except OSError:
            return None  # missing, a link, or not a folder: no cache here
        for part in parts:
            if part in ("", ".", ".."):
                _close(current)
                return None
            try:
                if create:
                    try:
                        _mkdir_at(current, part)
                    except FileExistsError:
                        pass
                following = _open_folder_at(current, part)
            except OSError:
                _close(current)
                return None
            _close(current)
            current = following
        return current


def _write_ignore_file(folder: CacheFolder) -> None:
    """A new cache folder gets its `.gitignore`, so that it is never committed."""
    handle = _open_folder_at(None, str(folder.path))
    try:
        descriptor = _open_at(handle, ".gitignore", os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW | _BINARY, 0o644)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(b"# created by wxlint\n*\n")
    except OSError:
        pass
    finally:
        _close(handle)


# The folder handles: a descriptor opened without following links where the system walks descriptors,
# otherwise the path, each step checked with lstat (a link swapped in between the check and the use is the
# one race left there).

def _open_folder_at(parent, name: str):
    if _BY_DESCRIPTOR:
        return os.open(name, os.O_RDONLY | _DIRECTORY | _NO_FOLLOW, dir_fd=parent)
    path = name if parent is None else os.path.join(parent, name)
    if not stat.S_ISDIR(os.lstat(path).st_mode):
        raise NotADirectoryError(path)
    return path


def _open_at(folder, name: str, flags: int, mode: int = 0o666) -> int:
    if _BY_DESCRIPTOR:
        return os.open(name, flags, mode, dir_fd=folder)
    path = os.path.join(folder, name)
    if os.path.lexists(path) and not stat.S_ISREG(os.lstat(path).st_mode):
        raise OSError(f"{path}: not a regular file")
    return os.open(path, flags, mode)


def _mkdir_at(folder, name: str) -> None:
    if _BY_DESCRIPTOR:
        os.mkdir(name, 0o700, dir_fd=folder)
    else:
        os.mkdir(os.path.join(folder, name), 0o700)


def _rename_at(folder, source: str, target: str) -> None:
    if _BY_DESCRIPTOR:
        os.rename(source, target, src_dir_fd=folder, dst_dir_fd=folder)
    else:
        os.replace(os.path.join(folder, source), os.path.join(folder, target))


def _names_in(folder) -> list[str]:
    try:
        return os.listdir(folder)  # a descriptor lists the folder it holds, whatever its path has become
    except OSError:
        return []


def _lstat_at(folder, name: str) -> os.stat_result:
    if _BY_DESCRIPTOR:
        return os.lstat(name, dir_fd=folder)
    return os.lstat(os.path.join(folder, name))


def _touch_at(folder, name: str, when: float) -> None:
    try:
        if _BY_DESCRIPTOR:
            os.utime(name, (when, when), dir_fd=folder, follow_symlinks=False)
        else:
            os.utime(os.path.join(folder, name), (when, when), follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass  # an entry that keeps its old time is only removed sooner


def _removed_at(folder, name: str) -> bool:
    try:
        _unlink_at(folder, name)
        return True
    except OSError:
        return False


def _unlink_at(folder, name: str) -> None:
    if _BY_DESCRIPTOR:
        os.unlink(name, dir_fd=folder)
    else:
        os.unlink(os.path.join(folder, name))


def _close(folder) -> None:
    if isinstance(folder, int):
        os.close(folder)


def open_cache(folder: Path, linted_roots) -> tuple[CacheFolder | None, str | None]:
    """The cache at `folder` for a run over `linted_roots`, or (None, why not) when it cannot be trusted."""
    refusal = key_refusal(linted_roots)
    if refusal is not None:
        return None, refusal
    key = signing_key()
    if key is None:
        return None, None  # no key can be had (a read-only home): no cache, and nothing to tell
    if os.path.islink(folder):
        return None, f"the cache folder {folder} is a link: not used"
    return CacheFolder(folder, key), None
