"""The search tool gets the text behind its vector: a parameter of domain api.embedding_source is the server's to
fill (with the text it embedded, NULL for a vector the caller sent), never the caller's, and not in the schema.
Through a real MCP client over stdio, on the seeded catalog."""

import json

from mcp_clients import stdio_session, tool_error

from shim.offline_embedder import OfflineEmbedder

SEATTLE = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def rows(result) -> list[dict]:
    assert not result.is_error, result.content[0].text
    return result.structured_content["rows"]


async def test_the_text_reaches_the_hybrid_search_and_the_caller_cannot_set_it(seeded_db):
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    async with stdio_session(login, "--identity", SEATTLE) as s:
        tool = next(t for t in (await s.list_tools()).tools if t.name == "semantic_search_products")
        assert set(tool.input_schema["properties"]) == {"query_description", "max_rows", "similarity_threshold"}
        assert tool.input_schema["required"] == ["query_description"]
        assert "relevance" in tool.output_schema["properties"]["rows"]["items"]["properties"]

        # A misspelt query: the lexical half (trigrams of the text) carries it; relevance ranks above similarity.
        typo = rows(await s.call_tool("semantic_search_products", {"query_description": "coordless dril"}))
        assert typo and "drill" in typo[0]["product"].lower()
        assert typo[0]["relevance"] > typo[0]["similarity"]
        assert [r["relevance"] for r in typo] == sorted((r["relevance"] for r in typo), reverse=True)

        # The caller may not supply the text (it would not be what was embedded).
        spoofed = await s.call_tool("semantic_search_products", {"query_description": "drill", "query_text": "saw"})
        assert tool_error(spoofed)["code"] == "VALIDATION_ERROR" and tool_error(spoofed)["field"] == "query_text"

        # A NUL is refused naming the argument, as for any text (it got PostgreSQL's raw encoding error).
        nul = tool_error(await s.call_tool("semantic_search_products", {"query_description": "drill\u0000bit"}))
        assert nul["code"] == "VALIDATION_ERROR" and nul["field"] == "query_description", nul
        assert "NUL" in nul["message"]

        # similarity_threshold, when given, also requires that cosine similarity of every row.
        strict = rows(
            await s.call_tool(
                "semantic_search_products", {"query_description": "cordless drill", "similarity_threshold": 0.87}
            )
        )
        assert strict and all(r["similarity"] >= 0.87 for r in strict)
        assert len(strict) < len(
            rows(await s.call_tool("semantic_search_products", {"query_description": "cordless drill"}))
        )


async def test_a_query_nothing_matches_is_answered_with_no_rows(seeded_db):
    """Under the relevance floor nothing is returned (a vector search at its 0.80 cosine floor returns rows for this
    query). Not every off-catalog query is caught: bench/search_results.md measures how many."""
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    async with stdio_session(login, "--identity", SEATTLE) as s:
        result = await s.call_tool("semantic_search_products", {"query_description": "sushi"})
        assert rows(result) == [], json.dumps(result.structured_content)[:300]


async def test_a_server_without_an_embedder_takes_vectors_and_searches_by_vector_alone(seeded_db):
    login = seeded_db.server.url(seeded_db.name, user="zava_mcp")
    vector = OfflineEmbedder().embed_sync(["cordless drill"], kind="query")[0]
    async with stdio_session(login, "--identity", SEATTLE, "--embedder", "none") as s:
        tool = next(t for t in (await s.list_tools()).tools if t.name == "semantic_search_products")
        assert "query_text" not in tool.input_schema["properties"]  # the server's, embedder or not
        found = rows(await s.call_tool("semantic_search_products", {"query_description": vector, "max_rows": 5}))
        assert found and "drill" in found[0]["product"].lower()
        assert all(r["relevance"] == r["similarity"] >= 0.8 for r in found)  # no text: no lexical half
