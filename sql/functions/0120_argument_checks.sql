-- The name lookups took one parameter (wanted text) before they learnt which argument they check; CREATE OR
-- REPLACE cannot add a parameter, so the one-parameter versions go first.
DROP FUNCTION IF EXISTS retail.store_filter(text);
DROP FUNCTION IF EXISTS retail.category_filter(text);

-- Argument checks shared by the API functions, for what a type cannot say (the ranges of numbers are domains,
-- sql/schema/1000_api_range_domains.sql). They run as the caller, so "unknown store" lists only the stores the
-- caller can see, and they raise 22023 (invalid_parameter_value) naming the argument (the error's column field),
-- which the shim reports as a VALIDATION_ERROR with that field and the hint, so a model can correct itself.

-- A store to its id, named in full or by the city of its location ('Seattle' for 'Seattle, WA'), any case; NULL for
-- NULL or ''. The short form comes from the data, not from a brand written here; a city with two stores the caller
-- can see names neither (the full name still does).
CREATE OR REPLACE FUNCTION retail.store_filter(wanted text, argument_name text DEFAULT 'store_name')
RETURNS uuid
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    found uuid;
BEGIN
    IF nullif(btrim(wanted), '') IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT m.store_id INTO found
    FROM (
        SELECT s.store_id, lower(s.store_name) = lower(btrim(wanted)) AS by_name, count(*) OVER () AS matches
        FROM retail.stores AS s
        WHERE lower(btrim(wanted)) IN (lower(s.store_name), lower(btrim(split_part(s.location, ',', 1))))
    ) AS m
    WHERE m.by_name OR m.matches = 1;
    IF found IS NULL THEN
        RAISE EXCEPTION 'unknown store: %', wanted
            USING ERRCODE = '22023', COLUMN = argument_name,
            HINT = 'stores you can see: ' || coalesce(
                (SELECT string_agg(s.store_name, ', ' ORDER BY s.store_name) FROM retail.stores AS s), 'none');
    END IF;
    RETURN found;
END
$$;

-- A category name (any case) to its id; NULL for NULL or ''.
CREATE OR REPLACE FUNCTION retail.category_filter(wanted text, argument_name text DEFAULT 'category_name')
RETURNS uuid
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    found uuid;
BEGIN
    IF nullif(btrim(wanted), '') IS NULL THEN
        RETURN NULL;
    END IF;
    SELECT c.category_id INTO found FROM retail.categories AS c WHERE lower(c.category_name) = lower(btrim(wanted));
    IF found IS NULL THEN
        RAISE EXCEPTION 'unknown category: %', wanted
            USING ERRCODE = '22023', COLUMN = argument_name,
            HINT = 'categories: ' || (SELECT string_agg(c.category_name, ', ' ORDER BY c.category_name)
                                      FROM retail.categories AS c);
    END IF;
    RETURN found;
END
$$;

-- A period must be given, ordered and at most ten years long. Returns true so it can sit in a WHERE clause. Callers
-- check the period before they compute anything from it: date arithmetic on an unchecked period can fail first
-- with a message that helps nobody ("timestamp out of range" for 0001-01-01 .. 9999-12-31).
CREATE OR REPLACE FUNCTION retail.check_period(period_start date, period_end date)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE
AS $$
BEGIN
    IF period_start IS NULL THEN
        RAISE EXCEPTION 'period_start and period_end are required' USING ERRCODE = '22023', COLUMN = 'period_start';
    END IF;
    IF period_end IS NULL THEN
        RAISE EXCEPTION 'period_start and period_end are required' USING ERRCODE = '22023', COLUMN = 'period_end';
    END IF;
    IF period_end < period_start THEN
        RAISE EXCEPTION 'period_end (%) is before period_start (%)', period_end, period_start
            USING ERRCODE = '22023', COLUMN = 'period_end',
            HINT = 'swap them: the period runs from period_start to period_end, inclusive';
    END IF;
    IF period_end - period_start > 3660 THEN
        RAISE EXCEPTION 'the period is longer than ten years'
            USING ERRCODE = '22023', COLUMN = 'period_end',
            HINT = 'period_end may be at most 3660 days after period_start; ask for several shorter periods';
    END IF;
    RETURN true;
END
$$;

-- An integer argument within bounds, or 22023 naming it. Tools take a range domain instead (it reaches their JSON
-- Schema); this is for what has none, such as the text arguments of prompts.
CREATE OR REPLACE FUNCTION retail.check_range(argument_name text, value integer, lowest integer, highest integer)
RETURNS integer
LANGUAGE plpgsql
IMMUTABLE
AS $$
BEGIN
    IF value IS NULL OR value < lowest OR value > highest THEN
        RAISE EXCEPTION '% must be between % and %, got %', argument_name, lowest, highest, coalesce(value::text, 'null')
            USING ERRCODE = '22023', COLUMN = argument_name;
    END IF;
    RETURN value;
END
$$;

COMMENT ON FUNCTION retail.store_filter(text, text) IS
'Store name to store id for API arguments; 22023 listing visible stores.';
COMMENT ON FUNCTION retail.category_filter(text, text) IS
'Category name to id for API arguments; 22023 listing categories.';
COMMENT ON FUNCTION retail.check_period(date, date) IS 'Validates a reporting period; 22023 when it is not usable.';
COMMENT ON FUNCTION retail.check_range(text, integer, integer, integer) IS 'Validates an integer argument; 22023.';

GRANT EXECUTE ON FUNCTION retail.store_filter(text, text), retail.category_filter(text, text),
retail.check_period(date, date), retail.check_range(text, integer, integer, integer)
TO zava_api_caller;
