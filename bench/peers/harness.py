"""One run's state: the throw-away database, a scratch directory, our servers' JWT secret and tokens, the HTTP
servers, and per workload the statement our server sends per call (checked once before the cells)."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

from bench.peers import measure, runners
from bench.peers.checks import check_our_statement, check_same_rows
from bench.peers.configs import Config, Setup, configs_for, server_command, toolbox_yaml
from bench.peers.our_call import pgbench_script, toolbox_statement
from bench.peers.paths import PY, ROOT
from bench.peers.peerdb import PeerDB
from bench.peers.servers import HttpServer, spawn_server, stop_servers, wait_ready
from bench.peers.workloads import TOOL, Workload


class Harness:
    def __init__(self, args, db: PeerDB, tmp: Path):
        self.args = args
        self.db = db
        self.tmp = tmp
        self.secret = uuid.uuid4().hex * 2
        self.servers: dict[str, HttpServer] = {}
        self.tokens: dict[str, str] = {}
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MCP_")}
        self.env["PYTHONUNBUFFERED"] = "1"
        yaml = self.tmp / "tools.yaml"
        yaml.write_text(toolbox_yaml(db.port, toolbox_statement(db.url("zava_mcp"), TOOL)))
        self.setup = Setup(
            ours_url=db.url("zava_mcp"),
            ours_socket_url=db.socket_url("zava_mcp"),
            postgres_url=db.url("postgres"),
            toolbox_yaml=yaml,
            secret=self.secret,
        )
        self.statement_arguments: dict[str, dict] = {}
        self.our_scripts: dict[str, str] = {}

    def token(self, identity: str) -> str:
        if identity not in self.tokens:
            self.tokens[identity] = subprocess.run(
                [
                    PY,
                    ROOT / "server.py",
                    "mint-token",
                    "--identity",
                    identity,
                    "--secret",
                    self.secret,
                    "--ttl",
                    "7200",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        return self.tokens[identity]

    def prepare(self, w: Workload) -> None:
        """Build what the SQL-level configurations run for `w` (our per-call statement, with a vector computed once
        by the server's embedder where the tool embeds text) and check it returns a good answer."""
        arguments = dict(w.arguments)
        if w.embed:
            arguments[w.embed] = self.embed_once(arguments[w.embed])
        self.statement_arguments[w.key] = arguments
        script = pgbench_script(self.db.url("zava_mcp"), w.tool, w.identity, arguments)
        self.our_scripts[w.key] = script
        # The pgbench script is checked once by hand: it must return the rows under the request role.
        out = check_our_statement(w, script, self.db.url("zava_mcp"))
        if w.key in ("analytics", "adhoc"):
            check_same_rows(w, out, self.db.url("postgres"))

    def embed_once(self, text: str) -> list[float]:
        """`text` embedded by the server's embedder (as configured by the environment), in a child process."""
        code = (
            "import asyncio, json, sys; "
            "from shim.embedders import embed_one, from_environment; "
            "print(json.dumps(asyncio.run(embed_one(from_environment({}), sys.argv[1]))))"
        )
        out = subprocess.run([PY, "-c", code, text], capture_output=True, text=True, check=True, env=self.env, cwd=ROOT)
        return json.loads(out.stdout)

    def configs(self, w: Workload) -> list[Config]:
        """The configurations of workload `w`, in its order (after prepare(w))."""
        return configs_for(w, self.setup, self.token(w.identity), self.our_scripts[w.key])

    # -- servers --

    def start_servers(self, wanted: set[str]) -> None:
        for key in ("ours", "ours-unix", "toolbox", "sample"):
            if key in wanted:
                cmd, ready_path = server_command(key, self.setup)
                self.servers[key] = spawn_server(key, cmd, self.tmp, self.env)  # stop_servers() stops it
                wait_ready(self.servers[key], ready_path)

    def stop_servers(self) -> None:
        stop_servers(list(self.servers.values()))

    # -- cells --

    def backends(self) -> set[int]:
        return measure.backends(self.db.postmaster_pid())

    def snapshot(self, server_pid: int | None, settle: set[int] | None = None) -> tuple[float, float, float, float]:
        return measure.snapshot(self.db.postmaster_pid(), server_pid, settle)

    def drain(self) -> float:
        """Wait until PostgreSQL and the HTTP servers are idle; the seconds waited (measure.drain)."""
        return measure.drain([self.db.postmaster_pid(), *(s.process.pid for s in self.servers.values())])

    def cell(self, cfg: Config, conc: int, seconds: float) -> dict:
        return runners.cell(self, cfg, conc, seconds)
