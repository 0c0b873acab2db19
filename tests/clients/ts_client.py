"""The official TypeScript MCP SDK client (tests/clients/ts/client.mjs), run by Node on a JSON plan.

`ensure_installed()` installs the pinned SDK (tests/clients/ts/package.json + package-lock.json) with `npm ci` into
`~/.cache/zava-mcp/node/ts-sdk-<hash of those files>/` (`ZAVA_MCP_NODE_CACHE` moves the root, else
`XDG_CACHE_HOME`), outside the repository, once per machine and version of the files. It raises with npm's output
when it cannot: a conformance suite that silently skips proves nothing. `run_plan(plan)` runs the client on a plan
and returns one record per step ({"ok": result} or {"threw": {...}}); `run_client(plan)` returns the whole document.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

TS_DIR = Path(__file__).resolve().parent / "ts"
SCRIPT = TS_DIR / "client.mjs"
PACKAGE_FILES = ("package.json", "package-lock.json")


class NodeClientError(RuntimeError):
    """npm could not install the client, or the client could not run its plan."""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise NodeClientError(f"{name} not found on PATH: the TypeScript SDK conformance tests need Node.js >= 18")
    return path


def package_hash() -> str:
    digest = hashlib.sha256()
    for name in PACKAGE_FILES:
        path = TS_DIR / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<absent>")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def cache_root() -> Path:
    if os.environ.get("ZAVA_MCP_NODE_CACHE"):  # the root, shared with tests/clients/official_tools.py
        return Path(os.environ["ZAVA_MCP_NODE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "zava-mcp" / "node"


def install_dir() -> Path:
    return cache_root() / f"ts-sdk-{package_hash()}"


def _installed(folder: Path) -> bool:
    return (folder / ".installed").exists() and (folder / "node_modules" / "@modelcontextprotocol" / "sdk").is_dir()


def ensure_installed() -> Path:
    """The cache folder with node_modules for the pinned package files (installed now if missing)."""
    folder = install_dir()
    if _installed(folder):
        return folder
    npm = _tool("npm")
    _tool("node")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f"{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one installer per machine; the others wait and find it done
        if _installed(folder):
            return folder
        staging = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=folder.parent))
        try:
            for name in PACKAGE_FILES:
                if (TS_DIR / name).exists():
                    shutil.copy2(TS_DIR / name, staging / name)
            locked = (staging / "package-lock.json").exists()
            command = [npm, "ci" if locked else "install", "--ignore-scripts", "--no-audit", "--no-fund"]
            try:
                done = subprocess.run(
                    command, cwd=staging, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL
                )
            except subprocess.TimeoutExpired as exc:
                raise NodeClientError(f"{' '.join(command)} timed out:\n{exc.stdout}\n{exc.stderr}") from exc
            if done.returncode != 0 or not (staging / "node_modules" / "@modelcontextprotocol" / "sdk").is_dir():
                raise NodeClientError(
                    f"{' '.join(command)} in {staging} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
                )
            (staging / ".installed").write_text(" ".join(command) + "\n")
            if folder.exists():  # a half-made folder from an interrupted run
                shutil.rmtree(folder)
            staging.rename(folder)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return folder


def _script_in(folder: Path) -> Path:
    """client.mjs next to the cache's node_modules (ES modules resolve packages from the importing file's folder,
    not from NODE_PATH); rewritten only when the repository's copy changed."""
    target = folder / "client.mjs"
    text = SCRIPT.read_bytes()
    if not target.exists() or target.read_bytes() != text:
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".mjs.tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(text)
        os.replace(tmp, target)
    return target


def run_client(plan: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
    """Run client.mjs on the plan; the whole output document (sdkVersion, server, protocolVersion, steps)."""
    folder = ensure_installed()
    script = _script_in(folder)
    env = {**os.environ, "NODE_PATH": str(folder / "node_modules"), "NODE_NO_WARNINGS": "1"}
    try:
        done = subprocess.run(
            [_tool("node"), str(script)],
            input=json.dumps(plan),
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise NodeClientError(f"the TypeScript client did not finish in {timeout} s; stderr:\n{exc.stderr}") from exc
    document = None
    with contextlib.suppress(json.JSONDecodeError):
        document = json.loads(done.stdout)
    if done.returncode != 0 or not isinstance(document, dict):
        raise NodeClientError(
            f"the TypeScript client exited with {done.returncode}: {done.stdout[:4000]}\nstderr:\n{done.stderr[-8000:]}"
        )
    document["stderr"] = done.stderr
    return document


def run_plan(plan: dict[str, Any], timeout: float = 120) -> list[dict[str, Any]]:
    """One record per step of the plan, in order: {"op", "label", "startedAt", "endedAt", "ok" | "threw"}."""
    return run_client(plan, timeout)["steps"]
