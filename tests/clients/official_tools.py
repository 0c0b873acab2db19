"""The official MCP tools from npm, driven against a live server of ours: the conformance suite and the Inspector CLI.

`install()` puts tests/clients/official/package.json (+ lock) into a cache folder outside the repo,
`~/.cache/zava-mcp/node/official-<hash of those files>/` (`ZAVA_MCP_NODE_CACHE` moves the root), with `npm ci`, once
per version of the files. Both tools need Node >= 22 (the conformance suite imports `fs.globSync`, the Inspector
declares `>=22.19`), and Node 22 comes from npm too: the `node` package pinned there, whose binary ends up in
`node_modules/node/bin/node`. Anything missing or failing raises `InstallError`: the tests that need these tools
error out, they never skip.

- `run_conformance(url, scenario, ...)`: `conformance server --url URL --scenario S -o DIR`, the checks it wrote.
  The suite has no option for request headers, so a bearer token goes in through a preload (`node --import`) that
  adds `Authorization` to every request to the server's origin: the suite sends requests through Node's `fetch`
  (the SDK client, its raw SSE requests) and through `undici.request` (the DNS-rebinding scenario), and both send
  through the one global undici dispatcher the preload wraps.
- `inspector_tools_list(url, headers)`: `inspector --cli URL --transport http --method tools/list --strict
  --format json`, the listed tools and the schema-portability findings of the Inspector's lint
  (core/json/schemaLint.ts in the Inspector's source).
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
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent / "official"
PACKAGE_FILES = ("package.json", "package-lock.json")
NODE_MAJOR = 22
INSTALL_TIMEOUT_S = 900


class InstallError(RuntimeError):
    """The npm tools could not be installed or do not work: a test that needs them must fail, not skip."""


def cache_root() -> Path:
    if os.environ.get("ZAVA_MCP_NODE_CACHE"):
        return Path(os.environ["ZAVA_MCP_NODE_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "zava-mcp" / "node"


def package_hash() -> str:
    digest = hashlib.sha256()
    for name in PACKAGE_FILES:
        digest.update(name.encode() + b"\0" + (PACKAGE_DIR / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Tools:
    """An installed copy of tests/clients/official: its folder, Node 22 and the two tools' entry points."""

    root: Path

    @property
    def modules(self) -> Path:
        return self.root / "node_modules"

    @property
    def node(self) -> Path:
        return self.modules / "node" / "bin" / "node"

    @property
    def conformance_js(self) -> Path:
        return self.modules / "@modelcontextprotocol" / "conformance" / "dist" / "index.js"

    @property
    def inspector_js(self) -> Path:
        return self.modules / "@modelcontextprotocol" / "inspector" / "clients" / "launcher" / "build" / "index.js"

    @property
    def auth_preload(self) -> Path:
        return self.root / "zava-authorization-preload.mjs"

    def versions(self) -> dict[str, str]:
        found = {}
        for name in ("@modelcontextprotocol/conformance", "@modelcontextprotocol/inspector", "node"):
            found[name] = json.loads((self.modules / name / "package.json").read_text())["version"]
        return found

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for a tool: Node 22 first on PATH (tools that spawn `node` get it), no npm noise."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("npm_", "NODE_OPTIONS"))}
        env["PATH"] = f"{self.node.parent}{os.pathsep}{env.get('PATH', '')}"
        env["NO_COLOR"] = "1"
        env["FORCE_COLOR"] = "0"
        env.update(extra)
        return env


def _check(tools: Tools) -> None:
    for path in (tools.node, tools.conformance_js, tools.inspector_js):
        if not path.exists():
            raise InstallError(f"{path} is missing after npm ci in {tools.root}")
    try:
        version = subprocess.run(
            [str(tools.node), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise InstallError(f"{tools.node} does not run: {exc}") from exc
    if not version.startswith(f"v{NODE_MAJOR}."):
        raise InstallError(f"{tools.node} is {version}, expected Node {NODE_MAJOR}")


def install() -> Tools:
    """Install (once per version of the package files) and return the tools; InstallError when that fails."""
    for name in PACKAGE_FILES:
        if not (PACKAGE_DIR / name).exists():
            raise InstallError(f"{PACKAGE_DIR / name} is missing")
    root = cache_root()
    target = root / f"official-{package_hash()}"
    done = target / ".installed"
    if done.exists():
        tools = Tools(target)
        _check(tools)
        _write_preload(tools)
        return tools
    npm = shutil.which("npm")
    if npm is None:
        raise InstallError("npm is not on PATH: the conformance suite and the Inspector are installed with npm")
    root.mkdir(parents=True, exist_ok=True)
    with (root / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one installer at a time; the others find it done
        if not done.exists():
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=root))
            try:
                for name in PACKAGE_FILES:
                    shutil.copy2(PACKAGE_DIR / name, staging / name)
                env = {k: v for k, v in os.environ.items() if not k.startswith("npm_")}
                try:
                    result = subprocess.run(
                        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                        cwd=staging,
                        capture_output=True,
                        text=True,
                        timeout=INSTALL_TIMEOUT_S,
                        env=env,
                    )
                except subprocess.TimeoutExpired as exc:
                    raise InstallError(f"npm ci took longer than {INSTALL_TIMEOUT_S} s in {staging}") from exc
                if result.returncode != 0:
                    raise InstallError(
                        f"npm ci failed (exit {result.returncode}) in {staging}:\n"
                        f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
                    )
                _check(Tools(staging))
                (staging / ".installed").write_text(json.dumps(Tools(staging).versions()) + "\n")
                if target.exists():  # a half-made copy from an older run
                    shutil.rmtree(target)
                staging.rename(target)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)
    tools = Tools(target)
    _check(tools)
    _write_preload(tools)
    return tools


# ----- the conformance suite ---------------------------------------------------------------------------------

# Loaded with `node --import` into the conformance suite: adds `Authorization: <ZAVA_MCP_AUTHORIZATION>` to every
# request for the origin ZAVA_MCP_AUTHORIZATION_ORIGIN that does not carry one. Node's fetch and undici.request both
# dispatch through the dispatcher stored under this global symbol (undici's documented global dispatcher), so one
# wrapper around it covers both.
AUTH_PRELOAD = r"""
const value = process.env.ZAVA_MCP_AUTHORIZATION;
const origin = process.env.ZAVA_MCP_AUTHORIZATION_ORIGIN;
const KEY = Symbol.for('undici.globalDispatcher.1');
if (value && origin) {
  void globalThis.Headers; // loads Node's own undici, which installs its global Agent (fetch loads it lazily)
  const inner = globalThis[KEY];
  if (!inner) throw new Error('zava preload: no global undici dispatcher to wrap');
  const addAuthorization = (headers) => {
    if (headers == null) return { authorization: value };
    if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        return headers.some(([k]) => String(k).toLowerCase() === 'authorization') ? headers
          : [...headers, ['authorization', value]];
      }
      for (let i = 0; i < headers.length; i += 2) {
        if (String(headers[i]).toLowerCase() === 'authorization') return headers;
      }
      return [...headers, 'authorization', value];
    }
    if (typeof headers[Symbol.iterator] === 'function' && typeof headers !== 'string') {
      return addAuthorization([...headers]);
    }
    return Object.keys(headers).some((k) => k.toLowerCase() === 'authorization') ? headers
      : { ...headers, authorization: value };
  };
  const dispatch = (opts, handler) => {
    const target = String(opts.origin ?? '').replace(/\/+$/, '');
    const next = target === origin ? { ...opts, headers: addAuthorization(opts.headers) } : opts;
    return inner.dispatch(next, handler);
  };
  const wrapper = new Proxy(inner, {
    get(target, key) {
      if (key === 'dispatch') return dispatch;
      const member = Reflect.get(target, key, target);
      return typeof member === 'function' ? member.bind(target) : member;
    },
  });
  globalThis[KEY] = wrapper;
}
"""


def _write_preload(tools: Tools) -> None:
    if not tools.auth_preload.exists() or tools.auth_preload.read_text() != AUTH_PRELOAD:
        tmp = tools.auth_preload.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(AUTH_PRELOAD)
        tmp.replace(tools.auth_preload)


def _origin(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


@dataclass
class ScenarioRun:
    scenario: str
    returncode: int
    output: str
    checks: list[dict]

    def by_status(self, *statuses: str) -> list[dict]:
        return [c for c in self.checks if c.get("status") in statuses]

    def describe(self, checks: list[dict] | None = None) -> str:
        return "; ".join(
            f"{c.get('id')} {c.get('status')}: {c.get('errorMessage') or c.get('description')}"
            for c in (self.checks if checks is None else checks)
        )


def conformance_command(tools: Tools, *args: str, authorization: str | None = None) -> list[str]:
    preload = ["--import", tools.auth_preload.as_uri()] if authorization else []
    return [str(tools.node), *preload, str(tools.conformance_js), *args]


def list_server_scenarios(tools: Tools) -> list[str]:
    """The server scenarios this version of the suite has (`conformance list --server`)."""
    result = subprocess.run(
        conformance_command(tools, "list", "--server"),
        capture_output=True,
        text=True,
        timeout=60,
        env=tools.env(),
        check=True,
    )
    names = []
    for line in result.stdout.splitlines():
        line = line.strip()
        if line.startswith("- "):
            names.append(line[2:].split()[0])
    if not names:
        raise InstallError(f"conformance list --server listed nothing:\n{result.stdout}\n{result.stderr}")
    return names


def run_conformance(
    tools: Tools, url: str, scenario: str, output_dir: Path, authorization: str | None = None, timeout: float = 60
) -> ScenarioRun:
    """One server scenario against `url`; the checks come from the checks.json the suite writes."""
    output_dir.mkdir(parents=True, exist_ok=True)
    env = tools.env()
    if authorization:
        env.update(ZAVA_MCP_AUTHORIZATION=authorization, ZAVA_MCP_AUTHORIZATION_ORIGIN=_origin(url))
    result = subprocess.run(
        conformance_command(
            tools, "server", "--url", url, "--scenario", scenario, "-o", str(output_dir), authorization=authorization
        ),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    found = sorted(output_dir.rglob("checks.json"))
    output = result.stdout + result.stderr
    if len(found) != 1:
        raise RuntimeError(
            f"conformance wrote {len(found)} checks.json for {scenario} (exit {result.returncode}):\n{output[-4000:]}"
        )
    return ScenarioRun(scenario, result.returncode, output, json.loads(found[0].read_text()))


# ----- the Inspector CLI -------------------------------------------------------------------------------------


@dataclass
class InspectorList:
    returncode: int
    tools: list[dict]
    findings: list[dict]  # one entry per finding: {tool, rule, severity, schema, path, issue, suggestion}
    stderr: str


def inspector_tools_list(tools: Tools, url: str, headers: dict[str, str], home: Path) -> InspectorList:
    """`tools/list` through the Inspector CLI with its strict schema-portability report (`--strict --format json`:
    the findings come in the JSON envelope as `schemaFindings`). `home` keeps its catalog and secrets out of ~."""
    home.mkdir(parents=True, exist_ok=True)
    args = [str(tools.node), str(tools.inspector_js), "--cli", url, "--transport", "http"]
    for name, value in headers.items():
        args += ["--header", f"{name}: {value}"]
    args += ["--method", "tools/list", "--strict", "--format", "json"]
    env = tools.env(HOME=str(home), MCP_CATALOG_PATH=str(home / "mcp.json"))
    with contextlib.suppress(KeyError):
        del env["XDG_CONFIG_HOME"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    try:
        envelope = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError) as exc:
        raise RuntimeError(
            f"the Inspector printed no JSON (exit {result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        ) from exc
    if "result" not in envelope:
        raise RuntimeError(f"the Inspector failed (exit {result.returncode}): {envelope}\n{result.stderr[-4000:]}")
    findings = [
        {"tool": entry["toolName"], **finding}
        for entry in envelope.get("schemaFindings", [])
        for finding in entry["findings"]
    ]
    return InspectorList(result.returncode, envelope["result"].get("tools", []), findings, result.stderr)


# ----- make inspector ----------------------------------------------------------------------------------------------


def inspector_command(tools: Tools, url: str, token: str, *args: str) -> list[str]:
    """The Inspector CLI against a running server over HTTP, as the README's npx command runs it."""
    return [
        str(tools.node),
        str(tools.inspector_js),
        "--cli",
        url,
        "--transport",
        "http",
        "--header",
        f"Authorization: Bearer {token}",
        *args,
    ]


def main(argv: list[str] | None = None) -> int:
    """`make inspector`: the pinned Inspector CLI, run by the Node 22 installed with it, for machines whose own Node
    is older than the Inspector's engines (>= 22.19)."""
    import argparse
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root))
    from shim.auth import mint_token
    from shim.config import dev_secret

    parser = argparse.ArgumentParser(prog="official_tools.py", description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    inspect = sub.add_parser("inspector", help="run the Inspector CLI against a running server (make serve)")
    inspect.add_argument("--url", default="http://127.0.0.1:8000/mcp")
    inspect.add_argument("--identity", default="f47ac10b-58cc-4372-a567-0e02b2c3d479", help="whose token to send")
    inspect.add_argument("--method", default="tools/list", help="the Inspector's --method (default tools/list)")
    parser.epilog = "Arguments not listed here go to the Inspector as they are, e.g. --tool-name get_current_utc_date."
    parser.passes_unknown_arguments = True  # tests/docs parses make inspector's ARGS with parse_known_args
    args, rest = parser.parse_known_args(argv)
    tools = install()
    token = mint_token(dev_secret(), args.identity, 3600)
    command = inspector_command(tools, args.url, token, "--method", args.method, *rest)
    return subprocess.run(command, env=tools.env()).returncode


if __name__ == "__main__":
    raise SystemExit(main())
