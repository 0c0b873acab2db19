"""README.md taken apart for tests/docs: fenced blocks, inline code, tables, and the commands in them checked the
way a reader would run them, through `make -n` and each script's own argument parser."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib
import importlib.util
import inspect
import io
import os
import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"
ILLUSTRATIVE = "<!-- docs: illustrative, not run -->"
SHELL_OPERATORS = {"&&", "||", "|", ";", ">", ">>", "<", ">&2", "2>&1", "2>/dev/null", ">/dev/null"}


@dataclasses.dataclass(frozen=True)
class Block:
    lang: str
    body: str
    line: int
    illustrative: bool


def text() -> str:
    return README.read_text(encoding="utf-8")


def blocks(readme: str | None = None) -> list[Block]:
    readme = text() if readme is None else readme
    found = []
    for m in re.finditer(r"^(?P<indent> *)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```$", readme, re.M | re.S):
        indent = len(m["indent"])
        body = "".join(line[indent:] + "\n" for line in m["body"].splitlines())
        before = readme[: m.start()].rstrip("\n").rsplit("\n", 1)[-1].strip()
        found.append(Block(m["lang"], body, readme.count("\n", 0, m.start()) + 1, before == ILLUSTRATIVE))
    return found


def prose(readme: str | None = None) -> str:
    """The README without its fenced blocks."""
    readme = text() if readme is None else readme
    return re.sub(r"^( *)```\w*\n.*?^\1```$", "", readme, flags=re.M | re.S)


def code_spans(readme: str | None = None) -> list[str]:
    """Inline code of the prose, generated figures' markers removed (`<!--f:x-->python ...<!--/f-->` inside
    backticks is a command too)."""
    clean = re.sub(r"<!--/?f(:[a-z0-9_.-]+)?-->", "", prose(readme))
    return [" ".join(m[1].split()) for m in re.finditer(r"`([^`]+)`", clean)]


def table_after(heading_regex: str, readme: str | None = None) -> list[list[str]]:
    """The rows (cells) of the first table at or after the first line matching heading_regex, without its header."""
    lines = (text() if readme is None else readme).splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(heading_regex, line))
    rows, started = [], False
    for line in lines[start:]:
        stripped = line.strip()
        if stripped.startswith("|"):
            started = True
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", stripped.strip("|"))]
            if not all(re.fullmatch(r"-+", c) for c in cells):
                rows.append(cells)
        elif started:
            break
    return rows[1:]


# ----- the Makefile ------------------------------------------------------------------------------------------------


@cache
def make_targets() -> dict[str, str]:
    """Targets with a `## help` line, and their help."""
    return dict(re.findall(r"^([a-z-]+):[^\n]*?## (.*)$", MAKEFILE.read_text(), re.M))


@cache
def make_variables() -> set[str]:
    return set(re.findall(r"^([A-Z_]+) *[?:]?=", MAKEFILE.read_text(), re.M))


def make_dry_run(args: list[str], env: dict | None = None, cwd: Path = ROOT) -> list[str]:
    """The recipe lines `make -n` prints for these arguments (nothing runs but make's own parsing)."""
    result = subprocess.run(
        ["make", "-n", *args], cwd=cwd, capture_output=True, text=True, timeout=30, env={**shell_env(), **(env or {})}
    )
    assert result.returncode == 0, f"make -n {' '.join(args)} failed:\n{result.stderr}"
    joined = re.sub(r"\\\n\s*", " ", result.stdout)  # a recipe line continued with a backslash
    return [line for line in joined.splitlines() if line.strip()]


def shell_env() -> dict[str, str]:
    """The environment of a reader's shell: none of the make variables an enclosing `make test` passes down (they
    would make make print 'make[1]: ...' and share its jobserver)."""
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}


# ----- the scripts' own parsers ------------------------------------------------------------------------------------


class _Captured(Exception):
    def __init__(self, parser: argparse.ArgumentParser):
        self.parser = parser


@cache
def script_parser(script: str) -> argparse.ArgumentParser:
    """The argparse parser a script builds in main(): main runs until it parses (which is stopped there)."""
    path = ROOT / script
    assert path.is_file(), f"{script} does not exist"
    if path.parent == ROOT:
        module = importlib.import_module(path.stem)
    else:
        spec = importlib.util.spec_from_file_location(f"_docs_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    original = argparse.ArgumentParser.parse_args, argparse.ArgumentParser.parse_known_args

    def capture(self, *args, **kwargs):
        raise _Captured(self)

    argparse.ArgumentParser.parse_args = argparse.ArgumentParser.parse_known_args = capture
    try:
        main = module.main
        call = main([]) if inspect.signature(main).parameters else main()
        if inspect.iscoroutine(call):
            asyncio.run(call)
    except _Captured as captured:
        return captured.parser
    finally:
        argparse.ArgumentParser.parse_args, argparse.ArgumentParser.parse_known_args = original
    raise AssertionError(f"{script}: main() returned without parsing arguments")


def mint_token_parser() -> argparse.ArgumentParser:
    from shim import cli

    original = argparse.ArgumentParser.parse_args

    def capture(self, *args, **kwargs):
        raise _Captured(self)

    argparse.ArgumentParser.parse_args = capture
    try:
        cli.mint_token_main([])
    except _Captured as captured:
        return captured.parser
    finally:
        argparse.ArgumentParser.parse_args = original
    raise AssertionError("mint-token parsed nothing")


def exact(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The parser, and its subcommands' parsers, taking no abbreviation: the README must spell each flag out."""
    parser.allow_abbrev = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                exact(sub)
    return parser


def all_options(parser: argparse.ArgumentParser) -> set[str]:
    found = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= all_options(sub)
    return found


def check_script_args(script: str, args: list[str], partial: bool = False) -> None:
    """The arguments as the script's parser takes them; partial (the README elides the rest with ...): only that
    every option is one the script knows."""
    if script == "server.py" and args[:1] == ["mint-token"]:
        parser, args = exact(mint_token_parser()), args[1:]
    else:
        parser = exact(script_parser(script))
    if partial:
        unknown = [a.split("=")[0] for a in args if a.startswith("--") and a.split("=")[0] not in all_options(parser)]
        assert not unknown, f"{script} has no option {unknown}"
        return
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            if getattr(parser, "passes_unknown_arguments", False):
                parser.parse_known_args(args)
            else:
                parser.parse_args(args)
        except SystemExit as exc:
            assert exc.code == 0, f"{script} {' '.join(args)}: {err.getvalue().strip()}"


# ----- commands ----------------------------------------------------------------------------------------------------


def expand(command: str) -> list[str]:
    """`python migrate.py {status,plan}` -> one command per alternative."""
    m = re.search(r"\{([\w-]+(?:,[\w-]+)+)\}", command)
    if not m:
        return [command]
    return [c for alt in m[1].split(",") for c in expand(command[: m.start()] + alt + command[m.end() :])]


def words(command: str) -> list[str]:
    """shlex words, placeholders `<...>` made concrete, a trailing `...` kept as a word."""
    return [re.sub(r"<[^>]+>", "x", w) for w in shlex.split(command, comments=True)]


def until_operator(tokens: list[str]) -> list[str]:
    out = []
    for t in tokens:
        if t in SHELL_OPERATORS or t.startswith((">", "2>")):
            break
        out.append(t)
    return out


def check_recipe_line(line: str) -> str | None:
    """A recipe line make -n printed: a project script run by the venv's Python must parse; returns its script."""
    try:
        tokens = shlex.split(line)
    except ValueError:
        return None
    for i, token in enumerate(tokens):
        if token.endswith(".venv/bin/python") and i + 1 < len(tokens) and tokens[i + 1].endswith(".py"):
            script = tokens[i + 1]
            check_script_args(script, until_operator(tokens[i + 2 :]))
            return script
        if token.endswith(".venv/bin/pytest"):
            for arg in until_operator(tokens[i + 1 :]):
                if arg.startswith("tests/"):
                    assert (ROOT / arg).exists(), f"{line}: {arg} does not exist"
            return "pytest"
    return None


def check_command(command: str) -> list[str]:
    """One command as the README writes it: make (targets, variables, and the recipes make -n prints), a project
    script (its parser), with environment assignments before it. Returns what it checked, e.g. ['make status',
    'migrate.py']; an empty list means the command is none of those (the caller decides)."""
    checked = []
    for one in expand(command):
        tokens = words(one)
        env = {}
        while tokens and re.fullmatch(r"[A-Z_][A-Z0-9_]*=.*", tokens[0]):
            name, value = tokens.pop(0).split("=", 1)
            env[name] = value
        if not tokens:
            continue
        partial = tokens[-1] == "..."
        tokens = [t for t in tokens if t != "..."]
        if tokens[0] == "make":
            checked += check_make(tokens[1:], env)
        elif tokens[0] in ("python", ".venv/bin/python") and len(tokens) > 1:
            check_script_args(tokens[1], tokens[2:], partial)
            checked.append(tokens[1])
        elif tokens[0].endswith(".py") and "/" in tokens[0]:
            check_script_args(tokens[0], tokens[1:], partial)
            checked.append(tokens[0])
    return checked


def check_make(args: list[str], env: dict | None = None) -> list[str]:
    """make's own options (-s, -C dir), targets that exist, variables the Makefile has; then make -n, and every
    script line of the recipes through its parser."""
    targets, rest, i = [], [], 0
    while i < len(args):
        a = args[i]
        if a == "-C":
            assert Path(args[i + 1]).resolve() == ROOT, f"make -C {args[i + 1]}: not this checkout"
            i += 2
            continue
        if a in ("-s", "--silent", "-n"):
            i += 1
            continue
        if re.fullmatch(r"[A-Z_]+=.*", a):
            name = a.split("=", 1)[0]
            assert name in make_variables(), f"make {' '.join(args)}: the Makefile has no variable {name}"
        else:
            assert a in make_targets(), f"make {' '.join(args)}: the Makefile has no target {a!r}"
            targets.append(a)
        rest.append(a)
        i += 1
    scripts = [s for line in make_dry_run(rest, env) if (s := check_recipe_line(line))]
    return [f"make {' '.join(targets or ['help'])}", *scripts]


def run_python(args: list[str], env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
