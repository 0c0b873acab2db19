"""Packaging: the console scripts pyproject.toml declares (`zava-mcp`, `zava-migrate`) are the same commands as the
files the README runs (`python server.py ...`, `python migrate.py ...`), which stay thin entry points."""

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT


def test_the_console_scripts_are_the_files_entry_points():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"zava-mcp": "shim.cli:main", "zava-migrate": "migrate:main"}
    mains = {name: getattr(importlib.import_module(t.split(":")[0]), t.split(":")[1]) for name, t in scripts.items()}
    assert mains["zava-mcp"] is importlib.import_module("server").main
    assert all(callable(m) for m in mains.values())


@pytest.mark.parametrize(("script", "command"), [("server.py", "zava-mcp"), ("migrate.py", "zava-migrate")])
def test_an_installed_script_prints_what_the_file_prints(script, command):
    installed = Path(sys.executable).parent / command
    if not installed.exists():
        pytest.skip(f"{command} is not installed in this environment (make install installs it)")
    by_file = subprocess.run([sys.executable, script, "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    by_script = subprocess.run([installed, "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    words = by_script.stdout.replace(command, script).split()  # the usage lines wrap by the name's length
    assert words == by_file.stdout.split()
