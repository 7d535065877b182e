"""gongkai import PATH… [--dry-run --json]: read pages of existing portals into the catalog."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from gongkai.importer.extract import PageError, extract
from gongkai.importer.pages import read_page

SUFFIXES = {".html", ".htm", ".txt", ".json"}


def expand(paths: list[str]) -> Iterator[Path]:
    """Files as given, and the page files inside folders given."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            yield path


class Command(BaseCommand):
    help = "导入现有门户网站的页面 (.html, .txt, .json) / Import pages of existing portals"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help="page files or folders of them")
        parser.add_argument("--dry-run", action="store_true", help="write nothing; show what would be imported")
        parser.add_argument("--json", action="store_true", help="one JSON object per page on standard output")

    def handle(self, *args: Any, **opts: Any) -> None:
        from gongkai.importer.load import save_record  # needs the database only when writing

        failed = 0
        for path in expand(opts["paths"]):
            try:
                # A page that shows no headline (a copied body) is titled by its opening sentence.
                record = extract(read_page(path), derive_title=True)
                if opts["dry_run"]:
                    self._show(record.to_dry_run_json() if opts["json"] else record.title, opts["json"])
                    continue
                saved = save_record(record)
            except PageError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc}")
                continue
            except OSError as exc:
                failed += 1
                self.stderr.write(f"{path}: cannot read: {exc.strerror or exc}")
                continue
            except RecursionError:
                failed += 1
                self.stderr.write(f"{path}: nested too deeply to read")
                continue
            except (DatabaseError, ValidationError, ValueError, UnicodeError) as exc:
                # The page's own transaction was rolled back; the next page has a transaction of its own.
                failed += 1
                self.stderr.write(f"{path}: cannot be saved: {_reason(exc)}")
                continue
            doc = saved.document
            verb = "imported" if saved.created else "updated"
            result = {"source": str(path), "status": verb, "id": doc.pk, "index_no": doc.index_no,
                      "title": doc.title, "url": doc.get_absolute_url()}
            self._show(result if opts["json"] else f"{verb}: {doc.index_no or '-'} {doc.title} ({path})", opts["json"])
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported", returncode=1)

    def _show(self, value: Any, as_json: bool) -> None:
        self.stdout.write(json.dumps(value, ensure_ascii=False) if as_json else str(value))


def _reason(exc: Exception) -> str:
    messages = getattr(exc, "messages", None) or [str(exc)]
    return " ".join(" ".join(str(m) for m in messages).split())[:300] or type(exc).__name__
