"""Page files: whole published pages kept on this node's disk, and what each of them depends on.

    <root>/files/<path>index.html     the page at <path> as every reader with the default display
                                      settings gets it: the file nginx serves without asking Django
    <root>/files/<path>_v/<hash>.html the same page with a query string or another display variant
    <root>/deps.sqlite3               (tag, file) rows, the invalidation epoch, the site generation,
                                      the applied changes

A tag names something a page shows: `doc:12` (that document), `list` (any list of documents),
`minutes` (the decision register), `related:topic:3` (the documents a 相关阅读 list may draw from).
Invalidating a tag deletes exactly the files that recorded it.

A page rendered while a change is being applied could be written after its invalidation and stay
stale. So the writer reads the epoch before rendering and checks it after writing; the invalidator
bumps it before deleting: a page whose render overlapped an invalidation deletes itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Only paths made of plain segments ending in "/" are kept: no dots, so no file name a URL could
# steer outside the folder, and the same spelling nginx's try_files looks for.
CACHEABLE_PATH = re.compile(r"^/(?:[A-Za-z0-9_-]+/)*$")

# Variants written in one day (the day's change forgets them all and the count): about 1 GB of pages.
MAX_VARIANTS = 100_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS deps (tag TEXT NOT NULL, file TEXT NOT NULL, PRIMARY KEY (tag, file)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS deps_file ON deps (file);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applied (id INTEGER PRIMARY KEY);
INSERT OR IGNORE INTO meta VALUES ('epoch', '0');
INSERT OR IGNORE INTO meta VALUES ('variants', '0');
"""


@dataclass(frozen=True)
class PageKey:
    path: str  # the request's path, language prefix included
    query: str = ""  # the query string as sent
    variant: str = ""  # the display variant (gongkai.portal.context.display_variant), "" by default

    @property
    def relpath(self) -> str:
        base = self.path.lstrip("/")
        if not self.query and not self.variant:
            return base + "index.html"
        digest = hashlib.sha256(f"{self.query}\0{self.variant}".encode()).hexdigest()[:32]
        return f"{base}_v/{digest}.html"


@dataclass(frozen=True)
class StoredPage:
    content: bytes
    mtime_ns: int

    @property
    def etag(self) -> str:
        return f'"{self.mtime_ns:x}-{len(self.content):x}"'


class PageStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = root / "files"
        self._local = threading.local()

    # --- the database of dependencies: one connection per thread and process (gunicorn forks) ----

    def _db(self) -> sqlite3.Connection:
        held = getattr(self._local, "db", None)
        if held is not None and held[0] == os.getpid():
            return held[1]
        self.root.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.root / "deps.sqlite3", timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        self._local.db = (os.getpid(), db)
        return db

    def epoch(self) -> int:
        return int(self._db().execute("SELECT v FROM meta WHERE k='epoch'").fetchone()[0])

    def _bump_epoch(self) -> None:
        self._db().execute("UPDATE meta SET v = CAST(v AS INTEGER) + 1 WHERE k='epoch'")

    def meta(self, name: str) -> str | None:
        row = self._db().execute("SELECT v FROM meta WHERE k=?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        self._db().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    # --- pages -------------------------------------------------------------------------------------

    def read(self, key: PageKey, not_before_ns: int = 0) -> StoredPage | None:
        """The stored page, unless there is none or it was written before `not_before_ns`."""
        try:
            with open(self.files / key.relpath, "rb") as handle:
                mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
                if mtime_ns < not_before_ns:
                    return None
                return StoredPage(handle.read(), mtime_ns)
        except (FileNotFoundError, NotADirectoryError):
            return None

    def write(self, key: PageKey, content: bytes, tags: Iterable[str], epoch: int) -> StoredPage | None:
        """Keep the page; None (and nothing kept) when an invalidation ran while it was rendered, or
        when it is a variant (a query string, display settings) and MAX_VARIANTS are kept already:
        queries are the reader's to invent, the disk is not."""
        target = self.files / key.relpath
        db = self._db()
        if key.query or key.variant:
            if int(self.meta("variants") or 0) >= MAX_VARIANTS:
                return None
            db.execute("UPDATE meta SET v = CAST(v AS INTEGER) + 1 WHERE k='variants'")
        target.parent.mkdir(parents=True, exist_ok=True)
        db.executemany("INSERT OR IGNORE INTO deps VALUES (?, ?)", [(t, key.relpath) for t in set(tags)])
        temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
        temporary.write_bytes(content)
        os.replace(temporary, target)  # readers see the old file or the new one, never half of one
        if self.epoch() != epoch:
            self._delete([key.relpath])
            return None
        return StoredPage(content, target.stat().st_mtime_ns)

    def invalidate(self, tags: Iterable[str]) -> int:
        """Delete every page that depends on one of `tags`; how many were deleted."""
        tags = sorted(set(tags))
        if not tags:
            return 0
        self._bump_epoch()
        db = self._db()
        marks = ",".join("?" * len(tags))
        files = [row[0] for row in db.execute(f"SELECT DISTINCT file FROM deps WHERE tag IN ({marks})", tags)]
        self._delete(files)
        return len(files)

    def _delete(self, files: list[str]) -> None:
        db = self._db()
        for relpath in files:
            (self.files / relpath).unlink(missing_ok=True)
        for start in range(0, len(files), 500):
            chunk = files[start : start + 500]
            db.execute(f"DELETE FROM deps WHERE file IN ({','.join('?' * len(chunk))})", chunk)

    def site_generation(self) -> str:
        """Changes whenever every page is forgotten: what the workers' copies of site-wide rows
        (gongkai.portal.sitewide) are keyed by."""
        return self.meta("site") or "0"

    def bump_site(self) -> None:
        self._db().execute("INSERT OR IGNORE INTO meta VALUES ('site', '0')")
        self._db().execute("UPDATE meta SET v = CAST(v AS INTEGER) + 1 WHERE k='site'")

    def clear(self) -> None:
        """Forget every page (the day changed, the site's settings changed, or this node was away)."""
        self._bump_epoch()
        self.bump_site()
        if self.files.exists():
            # Moved aside first, so that no reader finds a half-deleted tree.
            doomed = self.root / f".old-{uuid.uuid4().hex}"
            os.replace(self.files, doomed)
            shutil.rmtree(doomed, ignore_errors=True)
        self._db().execute("DELETE FROM deps")
        self.set_meta("variants", "0")

    def count(self) -> int:
        return self._db().execute("SELECT COUNT(DISTINCT file) FROM deps").fetchone()[0]

    # --- which page changes this node has applied --------------------------------------------------

    def applied(self, ids: Iterable[int]) -> set[int]:
        ids = list(ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {row[0] for row in self._db().execute(f"SELECT id FROM applied WHERE id IN ({marks})", ids)}

    def mark_applied(self, ids: Iterable[int]) -> None:
        self._db().executemany("INSERT OR IGNORE INTO applied VALUES (?)", [(i,) for i in ids])

    def last_applied(self) -> int | None:
        return self._db().execute("SELECT MAX(id) FROM applied").fetchone()[0]

    def forget_applied_below(self, first_id: int) -> None:
        self._db().execute("DELETE FROM applied WHERE id < ?", (first_id,))
