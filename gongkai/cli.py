"""The `gongkai` console command: everything a user runs (serve, import, search, ask, demo, bench …).

Each subcommand is a Django management command of the app that owns it, so `gongkai X` and
`python -m django X` are the same thing; this wrapper only picks the settings and turns a bad
configuration into one line instead of a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
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
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
