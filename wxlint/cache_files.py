"""Cache entries on disk, signed so that nothing a linted repository contains is loaded as wxlint's own.

A cache folder usually sits inside the linted repository (`.wxlint_cache/`), where anyone who can open
a pull request can put files: a pickle there is code, and a result there could hide findings. Each
entry is signed with an HMAC over its name and content, with a key kept outside every repository
(`WXLINT_CACHE_KEY`, or a random key created once in the user's cache folder). An entry whose signature
does not match is a miss, whatever the reason: forged, truncated, corrupt, or written by another key.
Writes go to a temporary file renamed into place, so concurrent runs and a run killed mid-write
leave the old entry or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

_SIGNATURE_SIZE = hashlib.sha256().digest_size
KEY_VARIABLE = "WXLINT_CACHE_KEY"


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
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_hex(32).encode())
        temporary.replace(path)
        key = path.read_bytes()  # another process may have replaced it first: use whichever won
        return key if len(key) >= 32 else None
    except OSError:
        return None


def _signature(key: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()


def read_entry(path: Path, name: str) -> bytes | None:
    """The payload stored at `path` under `name`, or None unless it is there and signed by our key."""
    key = signing_key()
    if key is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, payload = data[:_SIGNATURE_SIZE], data[_SIGNATURE_SIZE:]
    if len(signature) != _SIGNATURE_SIZE or not hmac.compare_digest(signature, _signature(key, name, payload)):
        return None
    return payload


def write_entry(path: Path, name: str, payload: bytes) -> None:
    """Store a signed payload; a cache that cannot be written only costs time."""
    key = signing_key()
    if key is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(_signature(key, name, payload) + payload)
        temporary.replace(path)
    except OSError:
        pass
