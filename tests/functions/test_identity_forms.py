"""retail.parse_uuid: only the canonical 8-4-4-4-12 spelling is an identity, in either case.

PostgreSQL's uuid input accepts more spellings (braces, no hyphens, a hyphen after any four digits); an identity
written so is refused, not read as the uuid it spells: identities fail closed."""

import pytest

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


@pytest.mark.parametrize("candidate", [SEATTLE, SEATTLE.upper(), "F47AC10B-58cc-4372-A567-0e02b2c3d479"])
def test_the_canonical_spelling_in_any_case_is_the_uuid(db, candidate):
    with db.connect() as conn:
        row = conn.execute("SELECT retail.parse_uuid(%s)::text, auth.request_role(%s)", (candidate, candidate))
        assert row.fetchone() == (SEATTLE, "zava_store_manager")


@pytest.mark.parametrize(
    "candidate",
    [
        "{" + SEATTLE + "}",  # braces: uuid_in accepts them
        SEATTLE.replace("-", ""),  # no hyphens: accepted by uuid_in
        "f47a-c10b-58cc-4372-a567-0e02-b2c3-d479",  # a hyphen after every four digits: accepted by uuid_in
        "f47ac10b58cc-4372-a567-0e02b2c3d479-",  # 36 characters, hyphens in the wrong places
        "f47ac10b-58cc-4372-a567-0e02b2c3d47g",  # not hex
        "f47ac10b-58cc-4372-a567-0e02b2c3d4790",  # too long
        " " + SEATTLE[1:],  # a space in place of a digit
        SEATTLE + " ",
        "",
        "garbage",
        None,
    ],
)
def test_every_other_spelling_is_no_identity(db, candidate):
    with db.connect() as conn:
        row = conn.execute("SELECT retail.parse_uuid(%s), auth.request_role(%s)", (candidate, candidate))
        assert row.fetchone() == (None, None)
