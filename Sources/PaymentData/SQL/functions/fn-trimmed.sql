-- The text without leading and trailing whitespace; NULL when nothing is left.
CREATE OR REPLACE FUNCTION payops.trimmed(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
    SELECT nullif(regexp_replace(p_text, '^[[:space:]]+|[[:space:]]+$', '', 'g'), '')
$fn$;
REVOKE ALL ON FUNCTION payops.trimmed(text) FROM PUBLIC;
