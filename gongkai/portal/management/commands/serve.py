"""gongkai serve [--host H] [--port P] [--workers N]: migrate if needed, then serve the portal with
gunicorn (one worker process per core by default) and the indexer as a process of its own, which
keeps the search index and the kept pages current (docs/adr/0006-published-pages-as-files.md).
Both are children of this process, which stops them when it is stopped (Ctrl-C, SIGTERM)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def check_port_free(host: str, port: int) -> None:
    """One clear line rather than gunicorn's retries and traceback when something holds the port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise CommandError(f"cannot serve on {host}:{port}: {exc.strerror or exc} "
                               f"(is another server running? choose one with --port)") from None


def start_indexer() -> subprocess.Popen[bytes]:
    """`gongkai indexer` beside the web workers: the one writer of the index and the page janitor."""
    code = "import sys; from gongkai.cli import main; main(['gongkai', 'indexer', '--quiet'])"
    return subprocess.Popen([sys.executable, "-c", code], env=os.environ.copy())


class Command(BaseCommand):
    help = "启动门户网站 / Serve the portal"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="web worker processes (default: one per core)")
        parser.add_argument("--threads", type=int, default=1, help="threads per worker")
        parser.add_argument("--no-indexer", action="store_true",
                            help="do not start the indexer (when `gongkai indexer` runs separately)")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        check_port_free(opts["host"], opts["port"])
        if pending_migrations():
            self.stdout.write("applying database migrations …")
            call_command("migrate", verbosity=0)
        connections.close_all()
        self.stdout.write(f"Gongkai at http://{opts['host']}:{opts['port']}/ "
                          f"({opts['workers']} workers; data: {settings.DATA_DIR})")
        self.stdout.flush()
        # This process only watches: gunicorn and the indexer are its children, each reaping its own.
        signal.signal(signal.SIGTERM, _stop)
        children = [subprocess.Popen(gunicorn_command(opts), env=os.environ.copy())]
        if not opts["no_indexer"]:
            children.append(start_indexer())
        try:
            status = children[0].wait()
        except (KeyboardInterrupt, SystemExit):
            status = 0
        finally:
            for child in children:
                _end(child)
        if status:
            raise CommandError(f"gunicorn stopped with status {status}")


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _end(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.terminate()
    try:
        child.wait(timeout=20)
    except subprocess.TimeoutExpired:
        child.kill()


def gunicorn_command(opts: dict[str, Any]) -> list[str]:
    host, port = opts["host"], opts["port"]
    command = [
        sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
        "--bind", f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
        "--preload",  # Django loads once; the workers fork from it
        "--name", "gongkai", "--error-logfile", "-", "--log-level", "warning",
        "--timeout", "60", "--keep-alive", "5",
    ]
    if settings.TRUSTED_PROXY:
        command += ["--forwarded-allow-ips", settings.TRUSTED_PROXY]
    return command
