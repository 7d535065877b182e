"""The first run of a fresh checkout: `make demo PORT=…` serves where it is told, a taken port is one
line and status 1, `make test` ends by naming what it skipped and what enables it, and no test reads
anything outside the repository."""

from __future__ import annotations

import ast
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

from gongkai.lib.command import command_name
from tests import conftest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(data: Path) -> dict[str, str]:
    env = {**os.environ, "GONGKAI_DATA_DIR": str(data)}
    env.pop("DATABASE_URL", None)  # SQLite in the data directory, in either pass of scripts/test.sh
    return env


def gongkai(*args: str, data: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The `gongkai` command as a user runs it, in a process of its own on a data directory of its own."""
    return subprocess.run([sys.executable, "-m", "gongkai.cli", *args], env=environment(data),
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("first-run-data")


# --- a taken port ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("check", [False, True], ids=["serve", "serve --check"])
def test_a_taken_port_is_one_line_and_status_1(data: Path, check: bool) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = gongkai("serve", "--port", str(port), *(["--check"] if check else []), data=data)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"port {port} is in use") and "PORT=" in lines[0] and "--port" in lines[0]
    assert "Traceback" not in done.stderr and "CommandError" not in done.stderr
    assert "Gongkai at" not in done.stdout  # nothing was started


def test_a_free_port_is_served_there(data: Path) -> None:
    """The socket this process binds is the one gunicorn serves on; stopping serve stops it."""
    port = free_port()
    command = [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port), "--workers", "1",
               "--no-indexer"]
    serve = subprocess.Popen(command, env=environment(data), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        status = _wait_for(f"http://127.0.0.1:{port}/", serve)
        assert status == 200
        taken = gongkai("serve", "--port", str(port), "--check", data=data)
        assert taken.returncode == 1 and f"port {port} is in use" in taken.stderr
    finally:
        serve.terminate()
        out, err = serve.communicate(timeout=30)
    assert serve.returncode == 0, err
    assert f"Gongkai at http://127.0.0.1:{port}/" in out
    with socket.socket() as again:  # gunicorn went with it: the port is free
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 90) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve stopped: {process.communicate()[1][-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"nothing answered at {url}")


# --- make demo PORT=… --------------------------------------------------------------------------------------


@pytest.fixture
def fake_venv(tmp_path: Path) -> Path:
    """A virtual environment whose `gongkai` only says how it was called, newer than what `make setup`
    installs from, so that make runs the recipes of demo and serve and nothing else."""
    if not shutil.which("make"):
        pytest.fail("make is missing: the README's two commands are make targets")
    bin_ = tmp_path / "venv" / "bin"
    bin_.mkdir(parents=True)
    script = bin_ / "gongkai"
    script.write_text('#!/bin/sh\necho "gongkai $* site=$GONGKAI_SITE_URL"\n', encoding="utf-8")
    script.chmod(0o755)
    installed = tmp_path / "venv" / ".installed"
    installed.touch()
    newest = max((ROOT / name).stat().st_mtime for name in ("pyproject.toml", "requirements.lock"))
    os.utime(installed, (newest + 60, newest + 60))
    return tmp_path / "venv"


def _make(target: str, venv: Path, *assignments: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GONGKAI_SITE_URL", "PORT", "HOST", "MAKEFLAGS")}
    done = subprocess.run(["make", "-s", "-C", str(ROOT), target, f"VENV={venv}", *assignments], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip().splitlines()


def test_make_demo_serves_on_the_port_and_host_given(fake_venv: Path) -> None:
    site = "site=http://127.0.0.1:8080"
    assert _make("demo", fake_venv, "PORT=8080") == [
        f"gongkai serve --host 127.0.0.1 --port 8080 --check {site}",  # a taken port stops it before the demo
        f"gongkai demo --if-empty {site}",
        f"gongkai serve --host 127.0.0.1 --port 8080 {site}",
    ]
    assert _make("serve", fake_venv, "HOST=0.0.0.0", "PORT=9000") == [
        "gongkai serve --host 0.0.0.0 --port 9000 site=http://127.0.0.1:9000"]
    assert _make("serve", fake_venv) == [
        "gongkai serve --host 127.0.0.1 --port 8000 site=http://127.0.0.1:8000"]


def test_what_the_demo_tells_the_user_to_run_is_on_their_path(monkeypatch: pytest.MonkeyPatch,
                                                              tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("gongkai")
    assert script.exists()
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # as after `make setup`: the venv is not on PATH
    monkeypatch.chdir(ROOT)
    named = command_name()
    assert named != "gongkai" and Path(named).resolve() == script.resolve()
    assert not Path(named).is_absolute() or not script.resolve().is_relative_to(ROOT)
    monkeypatch.setenv("PATH", f"{script.parent}:/usr/bin:/bin")
    assert command_name() == "gongkai"


# --- make test: what skipped, and what enables it ---------------------------------------------------------


def _skipped(reason: str, name: str = "t") -> pytest.TestReport:
    return pytest.TestReport(f"tests/test_x.py::{name}", ("tests/test_x.py", 1, name), {}, "skipped",
                             ("tests/test_x.py", 10, f"Skipped: {reason}"), "setup")


class FakeTerminal:
    def __init__(self, stats: dict[str, list[object]]) -> None:
        self.stats, self.lines = stats, []

    def write_line(self, line: str, **markup: bool) -> None:
        self.lines.append(line)


def test_skips_are_grouped_by_what_enables_them() -> None:
    reasons = ["/usr/bin/chromium is missing"] * 3 + ["nginx is not installed (apt-get install nginx)",
                                                        "no Redis at redis://127.0.0.1:6379/15", "because"]
    groups = conftest.skip_groups(reasons)
    assert [(g.name, g.count) for g in groups][0] == ("browser test", 3)
    line = conftest.skip_line(groups)
    assert line.startswith("skipped: 3 browser tests (install Debian chromium: apt-get install chromium); ")
    assert "1 nginx test (apt-get install nginx)" in line and "1 Redis test (start Redis" in line
    assert "1 other test (pytest -rs says why)" in line
    axe = conftest.skip_groups(["node_modules/axe-core/axe.min.js is missing"])
    assert "npm ci" in conftest.skip_line(axe) and axe[0].name == "browser test"
    assert conftest.skip_line([]) == "nothing skipped"


def test_the_run_ends_with_the_skip_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(conftest.SKIP_SUMMARY_FILE, raising=False)
    skipped = [_skipped("/usr/bin/chromium is missing", f"t{i}") for i in range(2)]
    terminal = FakeTerminal({"skipped": skipped, "passed": []})
    conftest.pytest_terminal_summary(terminal)
    assert terminal.lines == ["skipped: 2 browser tests (install Debian chromium: apt-get install chromium)"]
    quiet = FakeTerminal({"passed": []})
    conftest.pytest_terminal_summary(quiet)
    assert quiet.lines == []
    # under scripts/test.sh the groups go to its file, and it prints the one line
    target = tmp_path / "skipped"
    monkeypatch.setenv(conftest.SKIP_SUMMARY_FILE, str(target))
    conftest.pytest_terminal_summary(terminal)
    assert terminal.lines[1:] == [] and target.read_text(encoding="utf-8") == (
        "2 browser tests (install Debian chromium: apt-get install chromium)\n")


def test_make_test_names_the_skipped_groups_and_the_postgresql_pass_last(tmp_path: Path) -> None:
    """scripts/test.sh with a pytest that skips and a PostgreSQL that does not answer."""
    browser = "2 browser tests (install Debian chromium: apt-get install chromium)"
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "pytest").write_text(f'#!/bin/sh\necho "3 passed, 2 skipped"\n[ -n "$GONGKAI_SKIP_SUMMARY" ] && '
                                 f'echo "{browser}" >> "$GONGKAI_SKIP_SUMMARY"\nexit 0\n', encoding="utf-8")
    # the check whether PostgreSQL answers: it does not
    (bin_ / "python").write_text("#!/bin/sh\ncat >/dev/null\nexit 1\n", encoding="utf-8")
    for tool in bin_.iterdir():
        tool.chmod(0o755)
    pg = "postgres://postgres@127.0.0.1:1/gongkai"
    env = {**os.environ, "GONGKAI_TEST_BIN": str(bin_), "GONGKAI_TEST_DATA_DIR": str(tmp_path / "data"),
           "CI": "false", "GONGKAI_TEST_PG_URL": pg}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", str(ROOT / "scripts" / "test.sh")], env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    done = run()
    assert done.returncode == 0, done.stderr
    pg_pass = f"PostgreSQL pass (start PostgreSQL so that {pg} answers, or set GONGKAI_TEST_PG_URL)"
    assert done.stdout.strip().splitlines()[-1] == f"skipped: {browser}; {pg_pass}"
    env["CI"] = "true"  # in CI a PostgreSQL that does not answer fails the run
    assert run().returncode == 1


# --- nothing outside the repository ------------------------------------------------------------------------

# A string that starts by climbing out of the repository, or an absolute path into a scratch or home
# folder: either makes a test depend on what one machine happens to hold.
OUTSIDE = re.compile(r"""["'](?:\.\./|/tmp/|/home/|/root/)""")


def _escapes(source: str, depth: int) -> list[str]:
    """`Path(__file__)…parents[k]` (or .parent chains) that climb above the repository root, in the source
    of a file `depth` folders below it (parents[depth] is the root)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "parents" and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, int) and node.slice.value > depth):
            found.append(f"parents[{node.slice.value}] at line {node.lineno}")
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            chain, inner = 1, node.value
            while isinstance(inner, ast.Attribute) and inner.attr == "parent":
                chain, inner = chain + 1, inner.value
            if chain > depth + 1:  # Path(__file__).parent is the file's folder, one more each step
                found.append(f".parent x{chain} at line {node.lineno}")
    return found


def test_no_test_reads_anything_outside_the_repository() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path != Path(__file__).resolve():
            offenders += [f"{path.relative_to(ROOT)}: {m.group()}" for m in OUTSIDE.finditer(text)]
        depth = len(path.relative_to(ROOT).parts) - 1
        offenders += [f"{path.relative_to(ROOT)}: {e}" for e in _escapes(text, depth)]
    assert offenders == []


def test_the_scan_sees_a_climb_out_of_the_repository() -> None:
    source = ("from pathlib import Path\nA = Path(__file__).resolve().parents[3] / 'x'\n"
              "B = Path(__file__).parent.parent.parent.parent\nC = Path(__file__).resolve().parents[2]\n"
              "D = Path(__file__).parent.parent.parent\n")
    assert sorted(_escapes(source, depth=2)) == [".parent x4 at line 3", "parents[3] at line 2"]
    assert _escapes(source, depth=3) == []


# --- packaging ---------------------------------------------------------------------------------------------


def test_the_licence_is_an_spdx_string_with_its_file() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "AGPL-3.0-or-later"
    assert all((ROOT / name).exists() for name in project["project"]["license-files"])
    assert "setuptools>=77" in project["build-system"]["requires"]  # the first to read that form
