"""gongkai serve [--host H] [--port P] [--workers N]: migrate if needed, then serve the portal with
gunicorn (one worker process per core by default) and the indexer as a process of its own, which
keeps the search index and the kept pages current (docs/adr/0006-published-pages-as-files.md).
Both are children of this process, which stops them when it is stopped (Ctrl-C, SIGTERM).

This process binds the listening socket itself and hands it to gunicorn (`--bind fd://N`): a port
that is taken is then one line here, never gunicorn's five retries and exit, and no other server can
take the port between the check and gunicorn's start."""

from __future__ import annotations

import errno
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

from gongkai.lib.command import command_name


def pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


class PortInUse(CommandError):
    """The port is taken: said in one line, without Django's "CommandError:" in front."""


def listen(host: str, port: int) -> socket.socket:
    """The socket gunicorn will serve on, bound and listening; a taken port or a bad host is one line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does: restart over TIME_WAIT
    try:
        sock.bind((host, port))
        sock.listen(2048)  # gunicorn's default backlog; it listens again with its own setting
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(f"port {port} is in use ({host}:{port}): choose another with PORT=… (make demo, "
                            f"make serve) or --port … ({command_name()} serve)") from None
        raise CommandError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def check_port_free(host: str, port: int) -> None:
    """Whether `listen` would succeed, without keeping the port."""
    listen(host, port).close()


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
        parser.add_argument("--check", action="store_true",
                            help="only check that the port is free (`make demo` does, before the demo)")

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except PortInUse as exc:
            if not getattr(self, "_called_from_command_line", False):
                raise
            self.stderr.write(str(exc))  # the one line, then the exit status Django gives a CommandError
            raise SystemExit(exc.returncode) from None

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        if opts["check"]:
            check_port_free(opts["host"], opts["port"])
            return
        # kept until gunicorn has its copy; the indexer gets none
        with listen(opts["host"], opts["port"]) as sock:
            if pending_migrations():
                self.stdout.write("applying database migrations …")
                call_command("migrate", verbosity=0)
            connections.close_all()
            host = f"[{opts['host']}]" if ":" in opts["host"] else opts["host"]
            self.stdout.write(f"Gongkai at http://{host}:{opts['port']}/ "
                              f"({opts['workers']} workers; data: {settings.DATA_DIR})")
            self.stdout.flush()
            # This process only watches: gunicorn and the indexer are its children, each reaping its own.
            signal.signal(signal.SIGTERM, _stop)
            children = [subprocess.Popen(gunicorn_command(opts, fd=sock.fileno()), env=os.environ.copy(),
                                         pass_fds=(sock.fileno(),))]
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


def gunicorn_command(opts: dict[str, Any], fd: int | None = None) -> list[str]:
    """gunicorn's command line, serving on the socket `fd` this process bound (or binding host:port)."""
    host, port = opts["host"], opts["port"]
    bind = f"fd://{fd}" if fd is not None else f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [
        sys.executable, "-m", "gunicorn", "gongkai.wsgi:application",
        "--bind", bind,
        "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
        "--preload",  # Django loads once; the workers fork from it
        "--name", "gongkai", "--error-logfile", "-", "--log-level", "warning",
        "--timeout", "60", "--keep-alive", "5",
    ]
    if settings.TRUSTED_PROXY:
        command += ["--forwarded-allow-ips", settings.TRUSTED_PROXY]
    return command
