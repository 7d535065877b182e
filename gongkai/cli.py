"""The `gongkai` console command: everything a user runs (serve, import, search, ask, demo, bench …).

Each subcommand is a Django management command of the app that owns it, so `gongkai X` and
`python -m django X` are the same thing; this wrapper only picks the settings and turns a bad
configuration into one line instead of a traceback. The one exception is a command that another
installed package plugs in under the `gongkai.commands` entry point (the benchmarks): it gets the
rest of the command line before Django starts, so the product never imports it
(docs/adr/0005-benchmarks-outside-the-product.md).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib.metadata import entry_points


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    plugged = plugin(argv[1]) if len(argv) > 1 else None
    if plugged is not None:
        plugged(argv[2:])
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"gongkai: configuration error: {exc}\n")
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    argv[0] = "gongkai"
    if len(argv) > 1 and argv[1] in NEEDS_DATABASE:
        ensure_database()
    execute_from_command_line(argv)


# The commands a user runs on a data directory that may be new: they bring its database up to date
# first, so that `gongkai import` on a fresh GONGKAI_DATA_DIR just works.
NEEDS_DATABASE = {"serve", "demo", "import", "search", "ask", "minutes", "reindex", "indexer", "send_digests",
                  "createsuperuser"}
NEEDS_DATABASE.add("deadline")  # the due date reads the staff table of holiday overrides
NEEDS_DATABASE.add("annual_report")  # counts applications and documents of a data directory that may be new


def plugin(name: str) -> Callable[[list[str]], None] | None:
    found = entry_points(group="gongkai.commands", name=name)
    return next(iter(found)).load() if found else None


def ensure_database() -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


if __name__ == "__main__":
    main()
