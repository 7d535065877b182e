"""gongkai demo [--docs N] [--seed S] [--force]: fill an empty catalog with the fictional 青禾区 of 云川市."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.catalog.demo.generator import DEFAULT_SEED, KIND_LABELS, generate
from gongkai.lib.command import command_name


class Command(BaseCommand):
    help = "生成演示数据(虚构的云川市青禾区) / Fill an empty catalog with a fictional district's documents"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", type=int, default=300, help="how many documents (default 300)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="equal seeds, equal catalogs")
        parser.add_argument("--force", action="store_true", help="add the demo even when documents exist")
        parser.add_argument("--if-empty", action="store_true",
                            help="do nothing (and succeed) when documents exist: for `make demo` run twice")

    def handle(self, *args: Any, **opts: Any) -> None:
        from gongkai.catalog.models import Document

        if opts["docs"] < 1:
            raise CommandError("--docs must be at least 1", returncode=2)
        call_command("migrate", verbosity=0)
        existing = Document.objects.count()
        if existing and opts["if_empty"]:
            self.stdout.write(f"the catalog already holds {existing} documents; no demo content added")
            return
        if existing and not opts["force"]:
            raise CommandError(
                f"the catalog already holds {existing} documents; the demo fills only an empty one "
                "(--force adds it anyway)",
                returncode=1,
            )
        result = generate(opts["docs"], opts["seed"])
        ranked = sorted(result.by_kind.items(), key=lambda kv: -kv[1])
        kinds = "、".join(f"{KIND_LABELS[k]} {n}" for k, n in ranked)
        self.stdout.write(
            f"演示区 青禾区: {result.agencies} agencies, {result.documents} documents ({kinds}); "
            f"{result.abolished} abolished, {result.withdrawn} withdrawn."
        )
        self.stdout.write(f"Serve it with `make serve` or `{command_name()} serve`, then open {settings.SITE_URL}/")
