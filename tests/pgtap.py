"""pgTAP-shaped assertions over a psycopg connection.

Each helper is named and behaves like its pgTAP namesake (has_table, columns_are, policies_are, results_eq,
throws_ok, ...) and fails with a message that says what was expected and what the catalog holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg


def _rows(conn: psycopg.Connection, sql: str, params: Sequence | dict = ()) -> list[tuple]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _set_eq(kind: str, where: str, have: Iterable, want: Iterable) -> None:
    have, want = set(have), set(want)
    missing, extra = sorted(want - have), sorted(have - want)
    assert not missing and not extra, f"{kind} of {where}: missing {missing}, unexpected {extra}"


def has_table(conn, schema: str, table: str) -> None:
    found = _rows(conn, "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s", (schema, table))
    assert found, f"table {schema}.{table} should exist"


def tables_are(conn, schema: str, tables: Iterable[str]) -> None:
    have = [r[0] for r in _rows(conn, "SELECT tablename FROM pg_tables WHERE schemaname = %s", (schema,))]
    _set_eq("tables", schema, have, tables)


def columns_are(conn, schema: str, table: str, columns: dict[str, str]) -> None:
    """columns: name -> format_type() text, e.g. {"store_id": "uuid", "store_name": "character varying(100)"}."""
    have = dict(
        _rows(
            conn,
            """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod)
        FROM pg_attribute AS a
        WHERE a.attrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
    """,
            (schema, table),
        )
    )
    _set_eq("columns", f"{schema}.{table}", have, columns)
    wrong = {c: (have[c], t) for c, t in columns.items() if have[c] != t}
    assert not wrong, f"column types of {schema}.{table} (have, want): {wrong}"


def col_not_null(conn, schema: str, table: str, columns: Iterable[str]) -> None:
    nullable = [
        r[0]
        for r in _rows(
            conn,
            """
        SELECT attname FROM pg_attribute
        WHERE attrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND attnum > 0 AND NOT attnotnull
    """,
            (schema, table),
        )
    ]
    bad = sorted(set(columns) & set(nullable))
    assert not bad, f"{schema}.{table}: columns {bad} should be NOT NULL"


def _constraint_columns(conn, schema: str, table: str, contype: str) -> list[tuple[str, ...]]:
    return [
        tuple(r[0])
        for r in _rows(
            conn,
            """
        SELECT array_agg(a.attname ORDER BY k.ord)
        FROM pg_constraint AS c
        CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k (attnum, ord)
        JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        WHERE c.conrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND c.contype = %s
        GROUP BY c.oid
    """,
            (schema, table, contype),
        )
    ]


def has_pk(conn, schema: str, table: str, columns: Sequence[str]) -> None:
    pks = _constraint_columns(conn, schema, table, "p")
    assert pks == [tuple(columns)], f"primary key of {schema}.{table} should be {tuple(columns)}, is {pks}"


def has_unique(conn, schema: str, table: str, columns: Sequence[str]) -> None:
    uniques = _constraint_columns(conn, schema, table, "u")
    assert tuple(columns) in uniques, f"{schema}.{table} should have UNIQUE {tuple(columns)}; has {uniques}"


def fk_ok(conn, schema: str, table: str, columns: Sequence[str], ref_table: str, ref_columns: Sequence[str]) -> None:
    fks = _rows(
        conn,
        """
        SELECT
            array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k (n, o)
                  JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
            c.confrelid::regclass::text,
            array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k (n, o)
                  JOIN pg_attribute AS a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
        FROM pg_constraint AS c
        WHERE c.conrelid = format('%%I.%%I', %s::text, %s::text)::regclass AND c.contype = 'f'
    """,
        (schema, table),
    )
    want = (list(columns), ref_table, list(ref_columns))
    assert want in [(list(a), b, list(c)) for a, b, c in fks], f"{schema}.{table} should have FK {want}; has {fks}"


def has_index_on(conn, schema: str, table: str, columns: Sequence[str]) -> None:
    """Some index (or key) of the table starts with exactly these columns."""
    leading = [
        tuple(r[0][: len(columns)])
        for r in _rows(
            conn,
            """
        SELECT array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY AS k (n, o)
                     JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)
        FROM pg_index AS i WHERE i.indrelid = format('%%I.%%I', %s::text, %s::text)::regclass
    """,
            (schema, table),
        )
    ]
    assert tuple(columns) in leading, f"{schema}.{table} should have an index leading with {tuple(columns)}"


def rls_enabled_and_forced(conn, schema: str, table: str) -> None:
    [(enabled, forced)] = _rows(
        conn,
        """
        SELECT relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE oid = format('%%I.%%I', %s::text, %s::text)::regclass
    """,
        (schema, table),
    )
    assert enabled and forced, f"{schema}.{table}: RLS enabled={enabled}, forced={forced}; both should be true"


def policies_are(conn, schema: str, table: str, policies: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    """policies: name -> (command, roles), command as pg_policies says it (SELECT, INSERT, UPDATE, DELETE, ALL)."""
    have = {
        name: (cmd, tuple(sorted(roles)))
        for name, cmd, roles in _rows(
            conn,
            """
        SELECT policyname, cmd, roles::text[] FROM pg_policies WHERE schemaname = %s AND tablename = %s
    """,
            (schema, table),
        )
    }
    _set_eq("policies", f"{schema}.{table}", have, policies)
    want = {n: (c, tuple(sorted(r))) for n, (c, r) in policies.items()}
    wrong = {n: (have[n], want[n]) for n in want if have[n] != want[n]}
    assert not wrong, f"policy (command, roles) on {schema}.{table} (have, want): {wrong}"


def functions_are(conn, schema: str, functions: Iterable[str]) -> None:
    have = [
        r[0]
        for r in _rows(
            conn,
            """
        SELECT p.proname FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE n.nspname = %s
    """,
            (schema,),
        )
    ]
    _set_eq("functions", schema, have, functions)


def results_eq(conn, sql: str, expected: Iterable[tuple], params: Sequence | dict = (), ordered=False) -> None:
    have = _rows(conn, sql, params)
    expected = list(expected)
    if not ordered:
        have, expected = sorted(have, key=repr), sorted(expected, key=repr)
    assert have == expected, f"results of {sql!r}:\n have {have}\n want {expected}"


def is_empty(conn, sql: str, params: Sequence | dict = ()) -> None:
    have = _rows(conn, sql, params)
    assert not have, f"{sql!r} should return no rows, returned {have[:5]}"


def throws_ok(conn: psycopg.Connection, sql: str, sqlstate: str, params: Sequence | dict = ()) -> psycopg.Error:
    """The statement fails with exactly this SQLSTATE. Runs in a savepoint so the caller's transaction survives."""
    try:
        with conn.transaction(), conn.cursor() as cur:
            cur.execute(sql, params)
    except psycopg.Error as exc:
        assert exc.sqlstate == sqlstate, f"{sql!r} should fail with {sqlstate}, failed with {exc.sqlstate}: {exc}"
        return exc
    raise AssertionError(f"{sql!r} should fail with {sqlstate}, but succeeded")
