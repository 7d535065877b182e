"""The name a message should give the `gongkai` command, so that what it tells the user to type works."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def command_name() -> str:
    """`gongkai` when that is the one on PATH, else the script beside this interpreter (`.venv/bin/gongkai`
    after `make setup`, which puts nothing on PATH), as a path relative to the working directory if it can."""
    script = Path(sys.executable).with_name("gongkai")
    found = shutil.which("gongkai")
    if found and script.exists() and Path(found).resolve() == script.resolve():
        return "gongkai"
    if not script.exists():
        return f"{sys.executable} -m gongkai.cli"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)
