"""Test database lifecycle: one PostgreSQL per session, a template built once by migrate, a clone per test.

With DATABASE_URL set, that server is used (any PostgreSQL >= 15 with pgvector; the user must be a superuser).
Otherwise a throw-away embedded PostgreSQL is started on tmpfs for the session and deleted afterwards.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict
from pytest_postgresql.janitor import DatabaseJanitor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import devdb  # noqa: E402
import embed  # noqa: E402
import migrate  # noqa: E402
import seed  # noqa: E402
from shim.offline_embedder import OfflineEmbedder  # noqa: E402

# Under pytest-xdist each worker has its own embedded server; the suffix keeps names apart on a shared DATABASE_URL.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
TEMPLATE_DB = f"zava_test_template{_WORKER and '_' + _WORKER}"
SEEDED_TEMPLATE_DB = f"zava_test_seeded{_WORKER and '_' + _WORKER}"
FIXTURES = Path(__file__).parent / "fixtures"


@dataclasses.dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str | None

    def url(self, dbname: str, user: str | None = None) -> str:
        auth = quote(user or self.user)
        if self.password and not user:
            auth += ":" + quote(self.password)
        if self.host.startswith("/"):
            return f"postgresql://{auth}@/{dbname}?host={quote(self.host)}&port={self.port}"
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"

    def janitor(self, dbname: str, **kwargs) -> DatabaseJanitor:
        return DatabaseJanitor(
            user=self.user, host=self.host, port=self.port, password=self.password, dbname=dbname, **kwargs
        )


@dataclasses.dataclass(frozen=True)
class Database:
    server: Server
    name: str

    @property
    def url(self) -> str:
        return self.server.url(self.name)

    def connect(self, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.url, **kwargs)


def _server_from_url(url: str) -> Server:
    info = conninfo_to_dict(url)
    return Server(
        info.get("host") or "localhost",
        int(info.get("port") or 5432),
        info.get("user") or "postgres",
        info.get("password"),
    )


@pytest.fixture(scope="session")
def pg_server():
    if os.environ.get("DATABASE_URL"):
        yield _server_from_url(os.environ["DATABASE_URL"])
        return
    base = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    pgdata = Path(tempfile.mkdtemp(prefix="zava-test-", dir=base)) / "pgdata"
    try:
        yield _server_from_url(devdb.start(pgdata=pgdata, database="postgres"))
    finally:
        devdb.stop(pgdata)
        shutil.rmtree(pgdata.parent, ignore_errors=True)


def apply_package(url: str, config: migrate.Config | None = None) -> list[str]:
    return asyncio.run(migrate.apply(url, config or migrate.load_config(), log=lambda *_: None))


@pytest.fixture(scope="session")
def template_db(pg_server: Server):
    janitor = pg_server.janitor(TEMPLATE_DB, as_template=True)
    with contextlib.suppress(psycopg.Error):
        janitor.drop()
    with janitor:
        apply_package(pg_server.url(TEMPLATE_DB))
        yield Database(pg_server, TEMPLATE_DB)


@pytest.fixture
def db(pg_server: Server, template_db: Database):
    """A fresh clone of the migrated template: tests may change anything."""
    name = f"zava_test_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=template_db.name):
        yield Database(pg_server, name)


@pytest.fixture
def package(tmp_path) -> Path:
    """A private copy of the SQL package and its config, free to edit."""
    shutil.copytree(ROOT / "sql", tmp_path / "sql")
    shutil.copytree(ROOT / "shim" / "sql", tmp_path / "shim" / "sql")  # the package it requires
    shutil.copy(ROOT / "migrate.toml", tmp_path / "migrate.toml")
    return tmp_path


@pytest.fixture
def empty_db(pg_server: Server):
    """A database with nothing applied, for migrate's own tests."""
    name = f"zava_empty_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name):
        yield Database(pg_server, name)


@pytest.fixture
def admin(db: Database):
    with db.connect() as conn:
        yield conn


@pytest.fixture
def tenant_db(db: Database):
    """The clone with a few rows per store (tests/fixtures/tenant_rows.sql)."""
    with db.connect() as conn:
        conn.execute((FIXTURES / "tenant_rows.sql").read_text())
    return db


@pytest.fixture
def shim_db(tenant_db: Database):
    """The clone with tenant rows and the shim's test API (tests/fixtures/shim_api.sql)."""
    with tenant_db.connect() as conn:
        conn.execute((FIXTURES / "shim_api.sql").read_text())
    return tenant_db


@pytest.fixture
def login_url(shim_db: Database) -> str:
    """The server's login URL to the clone (trust auth on the embedded server)."""
    return shim_db.server.url(shim_db.name, user="zava_mcp")


@contextlib.contextmanager
def clone(pg_server: Server, template: Database, *fixtures: str, prefix: str = "zava_test"):
    """A clone of `template` with the given files of tests/fixtures applied, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=template.name):
        database = Database(pg_server, name)
        if fixtures:
            with database.connect() as conn:
                for fixture in fixtures:
                    conn.execute((FIXTURES / fixture).read_text())
        yield database


@contextlib.contextmanager
def kept_unchanged(db: Database):
    """For a database tests share: fails (the module's last test errors) when its retail tables changed."""
    before = table_checksums(db)
    yield db
    changed = {t for t, checksum in table_checksums(db).items() if before.get(t) != checksum}
    assert not changed, f"a test changed the shared database {db.name}: {sorted(changed)}"


@pytest.fixture(scope="module")
def module_shim_db(pg_server: Server, template_db: Database):
    """What shim_db is, one clone for a whole test module: for tests that only read it, or undo what they change
    (a test that changes the catalog, or that needs a row count of its own, takes shim_db). Its retail tables are
    checked unchanged at the module's end."""
    with (
        clone(pg_server, template_db, "tenant_rows.sql", "shim_api.sql", prefix="zava_module") as database,
        kept_unchanged(database),
    ):
        yield database


@pytest.fixture(scope="module")
def module_login_url(module_shim_db: Database) -> str:
    """The server's login URL to module_shim_db."""
    return module_shim_db.server.url(module_shim_db.name, user="zava_mcp")


@pytest.fixture(scope="session")
def seeded_template_db(pg_server: Server, template_db: Database):
    """The migrated template plus the small generated data set, built once."""
    janitor = pg_server.janitor(SEEDED_TEMPLATE_DB, template_dbname=template_db.name, as_template=True)
    with contextlib.suppress(psycopg.Error):
        janitor.drop()
    with janitor:
        asyncio.run(seed.seed(pg_server.url(SEEDED_TEMPLATE_DB), "small", log=lambda *_: None))
        # Product vectors from the committed cache (data/embeddings/); tests/search checks the cache is honest.
        asyncio.run(embed.embed_products(pg_server.url(SEEDED_TEMPLATE_DB), OfflineEmbedder(), log=lambda *_: None))
        yield Database(pg_server, SEEDED_TEMPLATE_DB)


@pytest.fixture(scope="module")
def seeded_db(pg_server: Server, seeded_template_db: Database):
    """A clone of the seeded template shared by one test module (tests in it must not change it)."""
    name = f"zava_seeded_{uuid.uuid4().hex[:12]}"
    with pg_server.janitor(name, template_dbname=seeded_template_db.name):
        yield Database(pg_server, name)


def table_checksums(db: Database) -> dict[str, str]:
    """md5 of every retail table's rows in a fixed order: equal checksums, equal data."""
    with db.connect() as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'retail' ORDER BY 1").fetchall()
        ]
        return {
            t: conn.execute(
                f"SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM retail.{t} AS x"
            ).fetchone()[0]
            for t in tables
        }
