"""shim/prompts.py with sql/functions/0400_prompts.sql: prompts and argument completion from the catalog, computed
under the caller's identity (a store manager completes and reviews only their own store)."""

import asyncpg
import mcp_types as types
import pytest
from identity import HEAD_OFFICE, STORE_MANAGERS

from shim.calls import CallSettings, Executor
from shim.prompts import MAX_VALUES, PromptError, complete, get_prompt, load_prompts

SEATTLE = STORE_MANAGERS["Zava Retail Seattle"]
EASTSIDE = "5e0c2f1a-7b3d-4c8e-9a10-000000000101"  # regional manager: Bellevue, Redmond, Kirkland
UNKNOWN = "12345678-1234-1234-1234-123456789abc"
SETTINGS = CallSettings()
GRAINS = ("day", "week", "month", "quarter", "year")

# A prompt and a completer that take context, and one that yields more values than a completion may carry.
EXTRA_SQL = """
SET ROLE zava_owner;
INSERT INTO retail.categories (category_name) VALUES ('Hardware'), ('Garden & Outdoor');
CREATE FUNCTION prompts.echo_many(many text, note text DEFAULT NULL) RETURNS text LANGUAGE sql STABLE
AS $$ SELECT many || coalesce(' ' || note, '') $$;
COMMENT ON FUNCTION prompts.echo_many(text, text) IS 'Echo.
@param many Anything.';
CREATE FUNCTION prompts.complete_many(prefix text, context jsonb) RETURNS SETOF text LANGUAGE sql STABLE
AS $$ SELECT prefix || coalesce(context->>'note', '') || n FROM generate_series(1, 150) AS n $$;
CREATE FUNCTION prompts.nothing() RETURNS text LANGUAGE sql STABLE AS $$ SELECT NULL::text $$;
CREATE FUNCTION prompts.helper() RETURNS integer LANGUAGE sql STABLE AS $$ SELECT 1 $$;
CREATE FUNCTION prompts.hidden() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'x' $$;
REVOKE ALL ON FUNCTION prompts.hidden() FROM public;
GRANT EXECUTE ON FUNCTION prompts.echo_many(text, text), prompts.complete_many(text, jsonb), prompts.nothing(),
    prompts.helper() TO zava_store_manager, zava_regional_manager, zava_head_office;
RESET ROLE;
"""


@pytest.fixture
async def pool(tenant_db):
    with tenant_db.connect() as conn:
        conn.execute(EXTRA_SQL)
    url = tenant_db.server.url(tenant_db.name, user="zava_mcp")
    # As server.py's pool: asyncpg's own reset would unlock advisory locks, which the login may not call.
    pool = await asyncpg.create_pool(url, min_size=1, max_size=2, reset=lambda conn: conn.execute("RESET ALL"))
    yield pool
    await pool.close()


@pytest.fixture
async def executor(pool):
    executor = Executor(pool, SETTINGS)
    yield executor
    await executor.queue.close()  # the connections its queue keeps go back before the pool closes


@pytest.fixture
async def prompts(pool):
    async with pool.acquire() as conn:
        return await load_prompts(conn)


def ref(name):
    return types.PromptReference(type="ref/prompt", name=name)


async def values(executor, prompts, name, argument, value, identity, context=None):
    return await complete(executor, prompts, ref(name), argument, value, context, identity)


async def test_prompts_are_the_text_functions_the_request_roles_may_execute(prompts):
    assert set(prompts) == {"weekly_store_review", "category_deep_dive", "stock_risk_check", "echo_many", "nothing"}
    review = prompts["weekly_store_review"].to_mcp()
    assert isinstance(review, types.Prompt)
    assert review.description.startswith("Weekly review of one store")
    assert [(a.name, a.required) for a in review.arguments] == [("store_name", True), ("week_ending", False)]
    assert "Zava Retail Seattle" in review.arguments[0].description
    dive = prompts["category_deep_dive"]
    grain = next(a for a in dive.arguments if a.name == "grain")
    assert grain.choices == GRAINS and not grain.required and grain.type_sql == "api.time_grain"
    assert {a.name: a.completer for a in dive.arguments} == {
        "category_name": '"prompts"."complete_category_name"',
        "grain": None,
        "store_name": '"prompts"."complete_store_name"',
    }
    assert prompts["echo_many"].arguments[0].completer_takes_context


async def test_get_prompt_runs_as_the_caller(executor, prompts):
    result = await get_prompt(executor, prompts["weekly_store_review"], {"store_name": "seattle"}, SEATTLE)
    assert isinstance(result, types.GetPromptResult) and len(result.messages) == 1
    message = result.messages[0]
    assert message.role == "user"
    # The store's latest order is 2025-01-04 (tests/fixtures/tenant_rows.sql): the seven days ending then.
    assert "Write the weekly review of Zava Retail Seattle for the seven days from 2024-12-29 to 2025-01-04" in (
        message.content.text
    )
    assert "get_store_performance" in message.content.text
    with pytest.raises(PromptError) as caught:  # another store: not one a Seattle manager can see
        await get_prompt(executor, prompts["weekly_store_review"], {"store_name": "Tacoma"}, SEATTLE)
    assert caught.value.code == types.INVALID_PARAMS
    assert caught.value.data["sqlstate"] == "22023"
    assert caught.value.data["hint"] == "stores you can see: Zava Retail Seattle"


async def test_get_prompt_with_an_enum_and_defaults(executor, prompts):
    result = await get_prompt(
        executor, prompts["category_deep_dive"], {"category_name": "hand tools", "grain": "week"}, HEAD_OFFICE
    )
    text = result.messages[0].content.text
    assert text.startswith("Analyse the category Hand Tools over the twelve months from 2024-01-05 to 2025-01-04, "
                           "by week, for every store you can see.")  # fmt: skip
    assert "store_name '" not in text
    # The data ends on 2025-01-04: its year is partial, and the growth step says so (an outside analyst's probe).
    assert "get_category_growth with year 2025" in text and "The data ends on 2025-01-04, so that year is set" in text
    # Product types grow or shrink against the twelve months before, which a second call gives.
    assert "once for the twelve months before (period_start '2023-01-05', period_end '2024-01-04')" in text
    stock = await get_prompt(executor, prompts["stock_risk_check"], {"horizon_days": "14"}, SEATTLE)
    assert "Check the stock of every store you can see: what runs out within 14 days" in stock.messages[0].content.text
    assert "get_slow_movers with lookback_days 90" in stock.messages[0].content.text


@pytest.mark.parametrize(
    ("week_ending", "caution"),
    [
        ("2025-01-04", None),  # the store's last order date
        ("2025-01-07", "The store's orders end on 2025-01-04, inside this week"),
        ("2025-03-01", "The store's orders end on 2025-01-04, before this week"),
    ],
)
async def test_a_review_of_a_week_past_the_data_says_so(executor, prompts, week_ending, caution):
    """An outside analyst asked for a week after the data ends and got a review plan with no word of it."""
    arguments = {"store_name": "Seattle", "week_ending": week_ending}
    text = (await get_prompt(executor, prompts["weekly_store_review"], arguments, SEATTLE)).messages[0].content.text
    assert ("The store's orders end on" in text) is (caution is not None)
    assert caution is None or caution in text


@pytest.mark.parametrize(
    ("name", "arguments", "message"),
    [
        ("weekly_store_review", {}, "missing required argument(s) 'store_name'"),
        ("weekly_store_review", {"store_name": "Seattle", "colour": "red"}, "unknown argument(s) 'colour'"),
        ("category_deep_dive", {"category_name": "Hand Tools", "grain": "fortnight"}, "must be one of: day, week"),
        ("stock_risk_check", {"horizon_days": "soon"}, "invalid input syntax for type integer"),
        # dates PostgreSQL reads but no period can be made of (an outside client author got "from  to ")
        ("weekly_store_review", {"store_name": "Seattle", "week_ending": "infinity"}, "week_ending must be a date"),
        ("weekly_store_review", {"store_name": "Seattle", "week_ending": "-infinity"}, "week_ending must be a date"),
        ("weekly_store_review", {"store_name": "Seattle", "week_ending": "4713-01-01 BC"}, "week_ending must be"),
        ("stock_risk_check", {"horizon_days": "0"}, "horizon_days must be between 1 and 365"),
        ("category_deep_dive", {"category_name": "Toys"}, "unknown category: Toys"),
        ("nothing", {}, "returned nothing"),
    ],
)
async def test_bad_arguments_are_invalid_params(executor, prompts, name, arguments, message):
    with pytest.raises(PromptError) as caught:
        await get_prompt(executor, prompts[name], arguments, SEATTLE)
    assert caught.value.code == types.INVALID_PARAMS
    assert message in caught.value.message


@pytest.mark.parametrize("identity", [None, "", UNKNOWN, "not-a-uuid"])
async def test_no_prompt_without_a_known_identity(executor, prompts, identity):
    with pytest.raises(PromptError) as caught:
        await get_prompt(executor, prompts["stock_risk_check"], {}, identity)
    assert caught.value.code == types.INVALID_REQUEST


async def test_store_names_complete_as_the_caller_sees_them(executor, prompts):
    seattle = await values(executor, prompts, "weekly_store_review", "store_name", "Zava", SEATTLE)
    assert seattle == types.Completion(values=["Zava Retail Seattle"], total=1, has_more=False)
    everyone = await values(executor, prompts, "weekly_store_review", "store_name", "zava retail ", HEAD_OFFICE)
    assert everyone.values == sorted(STORE_MANAGERS) and everyone.total == 8
    eastside = await values(executor, prompts, "stock_risk_check", "store_name", "", EASTSIDE)
    assert eastside.values == ["Zava Retail Bellevue", "Zava Retail Kirkland", "Zava Retail Redmond"]
    # A word of the name matches too: "ta" finds Tacoma for head office, nothing for Seattle's manager.
    assert (await values(executor, prompts, "weekly_store_review", "store_name", "ta", HEAD_OFFICE)).values == [
        "Zava Retail Tacoma"
    ]
    assert (await values(executor, prompts, "weekly_store_review", "store_name", "ta", SEATTLE)).values == []


async def test_categories_and_enums_complete(executor, prompts):
    categories = await values(executor, prompts, "category_deep_dive", "category_name", "ha", SEATTLE)
    assert categories.values == ["Hand Tools", "Hardware"]
    assert (await values(executor, prompts, "category_deep_dive", "category_name", "out", SEATTLE)).values == [
        "Garden & Outdoor"
    ]
    assert (await values(executor, prompts, "category_deep_dive", "grain", "", None)).values == list(GRAINS)
    assert await values(executor, prompts, "category_deep_dive", "grain", "Q", None) == types.Completion(
        values=["quarter"], total=1, has_more=False
    )


async def test_completion_is_capped_and_receives_the_context(executor, prompts):
    many = await values(executor, prompts, "echo_many", "many", "v", SEATTLE, context={"note": "-n-"})
    assert len(many.values) == MAX_VALUES and many.has_more is True and many.total is None
    assert many.values[:2] == ["v-n-1", "v-n-2"]


async def test_what_cannot_be_completed_completes_to_nothing(executor, prompts):
    empty = types.Completion(values=[])
    assert await values(executor, prompts, "test_prompt_with_arguments", "arg1", "", SEATTLE) == empty  # unknown prompt
    assert await values(executor, prompts, "weekly_store_review", "colour", "", SEATTLE) == empty  # unknown argument
    assert (
        await values(executor, prompts, "weekly_store_review", "week_ending", "2025", SEATTLE) == empty
    )  # no completer
    assert await values(executor, prompts, "weekly_store_review", "store_name", "", None) == empty  # no identity
    assert (
        await values(executor, prompts, "weekly_store_review", "store_name", "", UNKNOWN) == empty
    )  # unknown identity
    resource = types.ResourceTemplateReference(type="ref/resource", uri="test://template/{id}/data")
    assert await complete(executor, prompts, resource, "id", "", None, SEATTLE) == empty
    as_dict = {"type": "ref/prompt", "name": "weekly_store_review"}
    assert (await complete(executor, prompts, as_dict, "store_name", "", None, SEATTLE)).values == [
        "Zava Retail Seattle"
    ]


@pytest.mark.filterwarnings("ignore:The logging capability is deprecated")
async def test_prompts_completion_and_logging_through_the_sdk_client(tenant_db):
    """The server offers what the module computes: prompts/list, prompts/get and completion/complete as the stdio
    identity, JSON-RPC errors for a bad prompt request, and a call's log record at the level the client set."""
    from mcp_clients import stdio_session

    login = tenant_db.server.url(tenant_db.name, user="zava_mcp")
    records = []

    async def on_message(message):
        if isinstance(message, types.LoggingMessageNotification):
            records.append(message.params)

    async with stdio_session(login, "--identity", SEATTLE, message_handler=on_message) as s:
        listed = await s.list_prompts()
        assert {p.name for p in listed.prompts} == {"weekly_store_review", "category_deep_dive", "stock_risk_check"}
        review = await s.get_prompt("weekly_store_review", {"store_name": "seattle"})
        assert "Zava Retail Seattle" in review.messages[0].content.text
        completion = await s.complete(ref("weekly_store_review"), {"name": "store_name", "value": "za"})
        assert completion.completion.values == ["Zava Retail Seattle"]  # what this identity sees, nothing more
        with pytest.raises(Exception) as refused:
            await s.get_prompt("weekly_store_review", {"store_name": "Tacoma"})
        assert getattr(getattr(refused.value, "error", None), "code", None) == types.INVALID_PARAMS
        with pytest.raises(Exception) as unknown:
            await s.get_prompt("no_such_prompt", {})
        assert "Unknown prompt" in str(unknown.value)
        await s.set_logging_level("info")
        await s.call_tool("get_current_utc_date", {})
        assert any(r.level == "info" for r in records), records
