-- The SET clauses of retail.search_products_hybrid (below) name settings of pg_trgm and pgvector. PostgreSQL lets
-- only a superuser name a setting of a library the session has not loaded yet (it could turn out to be superuser-
-- only), and this file runs as the owner: so both libraries are loaded first, by calling one function of each.
SELECT
    extensions.word_similarity('', '') AS pg_trgm_loaded,
    extensions.vector_dims('[1]'::extensions.vector) AS vector_loaded;

-- Hybrid product search: the vector neighbours of the query embedding fused with lexical evidence from the query
-- text, and a calibrated relevance floor below which nothing is returned (issue 22): what the tool
-- api.semantic_search_products runs when the shim passes the text it embedded (0310). Runs as the caller (RLS applies).
--
-- Lexical evidence, per word of the query (its first 16 distinct words of two or more letters, English stop words
-- left out): a product matches a word with strength 1 when the word's English stem is in its name or description
-- (full-text search, 'english') or in its type's name, or the word is in its Korean or Hebrew name or keywords
-- ('simple': no stemmer exists for those languages; so a Hangul word also matches by its first 2 to 40 syllables,
-- without its particles and endings, and a Hebrew word also without one or two one-letter prefixes), or the word's
-- English in the search glossary is in its English name, description or type (retail.search_glossary,
-- sql/reference: the longest term the word starts with, after up to two Hebrew one-letter prefixes; a term has at
-- most 40 letters; ASCII words skip the look-up); otherwise with the
-- trigram word similarity of the word to its name, its type's name or a translation (NFD letters, so Hangul counts
-- by jamo) when that is at least 0.6 (pg_trgm's word_similarity_threshold: misspellings in any script). A word
-- weighs its idf over the catalog, ln((N + 1) / (df + 0.5)), and a product's lexical score is the weighted share of
-- the query's words it matches, 0 to 1 (words that match nothing anywhere still count in the denominator).
--
-- score = cosine similarity + weight * lexical score, weight {{ search_lexical_weight_percent / 100 }},
-- over the union of the 40 nearest embeddings (HNSW; hnsw.ef_search {{ search_hnsw_ef_search }})
-- and the 100 best lexical matches, whose similarity is computed exactly. A weighted sum, not reciprocal rank
-- fusion: on the labelled set it ranks better (RRF loses how strongly a word matched), and its scale stays that of
-- the cosine, so one floor fits every query. The weight, the 0.6 and the floor
-- ({{ search_relevance_floor_permille / 1000 }}) were chosen on the fitting half of
-- tests/eval/search_queries_v2.jsonl and are reported on the other half: bench/search_results.md.
--
-- Sequential scans are off inside the function: with the few hundred rows of a catalog (or no statistics yet) the
-- planner would otherwise compute to_tsvector and trigrams of every product for every word (25 times slower, seen
-- on a fresh clone) instead of asking the indexes of sql/schema/1090; and it reads the 40 nearest through the HNSW
-- index at any size.
CREATE OR REPLACE FUNCTION retail.search_products_hybrid(
    query_text text,
    query_embedding extensions.vector({{ embedding_dim }}),
    max_rows integer DEFAULT 10,
    relevance_floor double precision DEFAULT {{ search_relevance_floor_permille / 1000 }}
)
RETURNS TABLE (
    product_id uuid, score double precision, similarity double precision, lexical_score double precision,
    above_floor boolean
)
LANGUAGE plpgsql
STABLE
SET "hnsw.ef_search" = {{ search_hnsw_ef_search }}
SET "pg_trgm.word_similarity_threshold" = 0.6
SET enable_seqscan = off
AS $$
#variable_conflict use_column
BEGIN
    IF nullif(btrim(query_text), '') IS NULL OR length(query_text) > 2000 THEN
        RAISE EXCEPTION 'query_text must hold 1 to 2,000 characters' USING ERRCODE = '22023', COLUMN = 'query_text';
    END IF;
    IF query_embedding IS NULL THEN
        RAISE EXCEPTION 'query_embedding is required' USING ERRCODE = '22023', COLUMN = 'query_embedding';
    END IF;
    IF max_rows IS NULL OR max_rows NOT BETWEEN 1 AND 40 THEN
        RAISE EXCEPTION 'max_rows must be 1 to 40, not %', coalesce(max_rows::text, 'NULL')
            USING ERRCODE = '22023', COLUMN = 'max_rows';
    END IF;
    IF relevance_floor IS NULL OR relevance_floor = 'NaN' THEN
        RAISE EXCEPTION 'relevance_floor must be a number (-1 to see every neighbour)'
            USING ERRCODE = '22023', COLUMN = 'relevance_floor';
    END IF;
    RETURN QUERY
    WITH terms AS (
        SELECT
            w.term,
            coalesce(plainto_tsquery('english'::regconfig, w.term) || (
                SELECT websearch_to_tsquery('english'::regconfig, replace(g.english, ' ', ' or '))
                FROM retail.search_glossary AS g
                WHERE
                    w.term !~ '^[[:ascii:]]*$'
                    AND g.term = ANY(ARRAY(
                        SELECT left(v.base, n.letters)
                        FROM unnest(b.bases) AS v (base)
                        CROSS JOIN LATERAL generate_series(1, least(length(v.base), 40)) AS n (letters)
                    ))
                ORDER BY length(g.term) DESC, starts_with(w.term, g.term) DESC
                LIMIT 1
            ), plainto_tsquery('english'::regconfig, w.term)) AS english,
            coalesce(plainto_tsquery('simple'::regconfig, w.term) || (
                SELECT to_tsquery('simple'::regconfig, string_agg(quote_literal(f.form), ' | '))
                FROM (
                    SELECT left(w.term, n.letters) AS form
                    FROM generate_series(2, least(length(w.term) - 1, 40)) AS n (letters)
                    WHERE w.term ~ '^[가-힣]+$'
                    UNION ALL
                    SELECT v.base
                    FROM unnest(b.bases) AS v (base)
                    WHERE w.term ~ '^[א-ת]+$'
                ) AS f
            ), plainto_tsquery('simple'::regconfig, w.term)) AS simple,
            normalize(w.term, nfd) AS letters
        FROM (
            SELECT s.term
            FROM regexp_split_to_table(lower(normalize(query_text, nfc)), '[^[:alnum:]]+') WITH ORDINALITY AS s (
                term, n
            )
            WHERE length(s.term) >= 2 AND to_tsvector('english'::regconfig, s.term) <> ''::tsvector
            GROUP BY s.term
            ORDER BY min(s.n)
            LIMIT 16
        ) AS w
        -- The word and the word without one or two Hebrew one-letter prefixes, at least two letters left: the forms
        -- the glossary and the translations are asked for.
        CROSS JOIN LATERAL (
            SELECT ARRAY(
                SELECT substr(w.term, k.stripped + 1)
                FROM generate_series(0, 2) AS k (stripped)
                WHERE left(w.term, k.stripped) ~ '^[ובהלמשכ]*$' AND length(w.term) - k.stripped >= 2
            ) AS bases
        ) AS b
    ),

    matches AS (
        SELECT x.term, x.product_id, max(x.strength) AS strength
        FROM terms AS t
        CROSS JOIN LATERAL (
            SELECT t.term, p.product_id, 1.0::double precision
            FROM retail.products AS p
            WHERE to_tsvector('english'::regconfig, p.product_name::text || ' ' || p.product_description) @@ t.english
            UNION ALL
            SELECT t.term, p.product_id, 1.0::double precision
            FROM retail.product_types AS pt
            INNER JOIN retail.products AS p ON pt.type_id = p.type_id
            WHERE to_tsvector('english'::regconfig, pt.type_name::text) @@ t.english
            UNION ALL
            SELECT t.term, tr.product_id, 1.0::double precision
            FROM retail.product_translations AS tr
            WHERE to_tsvector('simple'::regconfig, tr.product_name::text || ' ' || tr.keywords) @@ t.simple
            UNION ALL
            SELECT t.term, p.product_id,
                extensions.word_similarity(t.letters, normalize(lower(p.product_name::text), nfd))
            FROM retail.products AS p
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(p.product_name::text), nfd)
            UNION ALL
            SELECT t.term, p.product_id,
                extensions.word_similarity(t.letters, normalize(lower(pt.type_name::text), nfd))
            FROM retail.product_types AS pt
            INNER JOIN retail.products AS p ON pt.type_id = p.type_id
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(pt.type_name::text), nfd)
            UNION ALL
            SELECT t.term, tr.product_id,
                extensions.word_similarity(t.letters, normalize(lower(tr.product_name::text || ' ' || tr.keywords), nfd))
            FROM retail.product_translations AS tr
            WHERE t.letters OPERATOR(extensions.<%) normalize(lower(tr.product_name::text || ' ' || tr.keywords), nfd)
        ) AS x (term, product_id, strength)
        GROUP BY x.term, x.product_id
    ),

    weights AS (
        SELECT t.term, ln((c.products + 1) / (coalesce(d.products, 0) + 0.5)) AS idf
        FROM terms AS t
        CROSS JOIN (SELECT count(*)::double precision AS products FROM retail.products) AS c
        LEFT JOIN (SELECT m.term, count(*) AS products FROM matches AS m GROUP BY m.term) AS d ON t.term = d.term
    ),

    lexical AS (
        SELECT m.product_id, sum(w.idf * m.strength) / (SELECT sum(a.idf) FROM weights AS a) AS lexical_score
        FROM matches AS m
        INNER JOIN weights AS w ON m.term = w.term
        GROUP BY m.product_id
        ORDER BY lexical_score DESC, m.product_id
        LIMIT 100
    ),

    nearest AS (
        SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding) AS similarity
        FROM retail.product_description_embeddings AS e
        ORDER BY e.description_embedding OPERATOR(extensions.<=>) query_embedding
        LIMIT 40
    ),

    scored AS (
        SELECT c.product_id, c.similarity, coalesce(l.lexical_score, 0) AS lexical_score
        FROM (
            SELECT n.product_id, n.similarity FROM nearest AS n
            UNION ALL
            SELECT e.product_id, 1 - (e.description_embedding OPERATOR(extensions.<=>) query_embedding)
            FROM lexical AS l
            INNER JOIN retail.product_description_embeddings AS e ON l.product_id = e.product_id
            WHERE NOT EXISTS (SELECT FROM nearest AS n WHERE n.product_id = l.product_id)
        ) AS c
        LEFT JOIN lexical AS l ON c.product_id = l.product_id
    )

    SELECT
        s.product_id,
        s.similarity + {{ search_lexical_weight_percent / 100 }} * s.lexical_score,
        s.similarity,
        s.lexical_score,
        s.similarity + {{ search_lexical_weight_percent / 100 }} * s.lexical_score >= {{ search_relevance_floor_permille / 1000 }}
    FROM scored AS s
    INNER JOIN retail.products AS p ON s.product_id = p.product_id
    WHERE s.similarity + {{ search_lexical_weight_percent / 100 }} * s.lexical_score >= relevance_floor
    ORDER BY 2 DESC, p.sku
    LIMIT max_rows;
END
$$;

COMMENT ON FUNCTION retail.search_products_hybrid(text, extensions.vector, integer, double precision) IS
'Products for a query, best first: the query text and its embedding, fused vector and lexical evidence (score =
similarity + {{ search_lexical_weight_percent / 100 }} * lexical_score). Rows scoring below relevance_floor (default the calibrated
{{ search_relevance_floor_permille / 1000 }}) are left out, so a query nothing in the catalog answers returns no rows; above_floor says whether a
row clears the calibrated floor when a lower one is asked for. max_rows 1 to 40, query_text 1 to 2,000 characters.';

GRANT EXECUTE ON FUNCTION retail.search_products_hybrid(text, extensions.vector, integer, double precision)
TO zava_api_caller;
