"""The shim's catalog description in SQL (shim/sql/functions/0110-0130), read like a specification: how a
function's comment becomes its texts and directives (mcp.comment_docs), and which domain CHECKs become schema
keywords (mcp.domain_check_schema) and which stay with the database."""

from __future__ import annotations

import pytest
from conftest import clone


@pytest.fixture(scope="module")
def admin(pg_server, template_db):
    with clone(pg_server, template_db, prefix="zava_catalog_sql") as db, db.connect() as conn:
        yield conn
        conn.rollback()


def comment_docs(admin, text: str | None) -> dict:
    return admin.execute("SELECT mcp.comment_docs(%s)", (text,)).fetchone()[0]


def check_schema(admin, *checks: str) -> dict:
    return admin.execute("SELECT mcp.domain_check_schema(%s)", (list(checks),)).fetchone()[0]


def test_a_comment_is_a_description_param_and_column_texts_and_directives(admin):
    docs = comment_docs(
        admin,
        "Best sellers.\n\nRevenue is after discounts.\n@param store_name The store,\n  e.g. 'Seattle'.\n"
        "@column revenue Net revenue.\n@readonly\n@cache 60\nA closing line.",
    )
    assert docs == {
        "description": "Best sellers.\n\nRevenue is after discounts.\nA closing line.",
        "docs": {"store_name": "The store, e.g. 'Seattle'.", "@column revenue": "Net revenue."},
        "read_only": True,
        "cache_ttl_s": 60,
    }


def test_cache_alone_is_300_seconds_and_crlf_lines_read_alike(admin):
    assert comment_docs(admin, "Summary.\r\n@cache\r\n@param a The a.")["cache_ttl_s"] == 300
    assert comment_docs(admin, "Summary.\r\n@cache\r\n@param a The a.")["docs"] == {"a": "The a."}


def test_an_unindented_line_ends_a_param_text_and_no_comment_is_empty(admin):
    docs = comment_docs(admin, "@param a First.\nnot a continuation")
    assert docs["docs"] == {"a": "First."} and docs["description"] == "not a continuation"
    assert comment_docs(admin, None) == {"description": "", "docs": {}, "read_only": False, "cache_ttl_s": None}


@pytest.mark.parametrize(
    ("check", "schema"),
    [
        ("CHECK (((VALUE >= 1) AND (VALUE <= 365)))", {"minimum": 1, "maximum": 365}),
        ("CHECK (((VALUE > 0.5) AND (VALUE < 99.5)))", {"exclusiveMinimum": 0.5, "exclusiveMaximum": 99.5}),
        ("CHECK ((char_length(VALUE) <= 200))", {"maxLength": 200}),
        ("CHECK ((char_length((VALUE)::text) < 9))", {"maxLength": 8}),
        ("CHECK ((length(VALUE) = 3))", {"minLength": 3, "maxLength": 3}),
        ("CHECK ((char_length(VALUE) > 1))", {"minLength": 2}),
        ("CHECK ((VALUE ~ '^[A-Z]{2}''s$'::text))", {"pattern": "^[A-Z]{2}'s$"}),
        ("CHECK ((VALUE = ANY (ARRAY['a'::text, 'it''s'::text])))", {"enum": ["a", "it's"]}),
        (
            "CHECK (((VALUE)::text = ANY ((ARRAY['red'::character varying, 'blue'::character varying])::text[])))",
            {"enum": ["red", "blue"]},
        ),
        # With OR, a schema from one side would refuse what the other admits: the database alone decides.
        ("CHECK (((char_length(VALUE) <= 5) OR (VALUE ~~ 'x%'::text)))", {}),
        # OR inside a string literal is not an OR.
        ("CHECK ((VALUE = ANY (ARRAY['OR'::text, 'AND'::text])))", {"enum": ["OR", "AND"]}),
        # What the function cannot read stays with the database.
        ("CHECK ((lower(VALUE) = VALUE))", {}),
    ],
)
def test_simple_domain_checks_become_schema_keywords(admin, check, schema):
    assert check_schema(admin, check) == schema
