"""A file's identity, shared by the loader (what it read), the refresh (what it published), the
Parquet manifest and the drop-folder sensor: its SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_hash(path: Path) -> str | None:
    """SHA-256 of a file, None when it does not exist."""
    if not path.exists():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
