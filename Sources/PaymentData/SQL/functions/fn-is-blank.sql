-- True for NULL, '' and text made only of whitespace (spaces, tabs, newlines, …).
CREATE OR REPLACE FUNCTION payops.is_blank(p_text text) RETURNS boolean
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
    SELECT p_text IS NULL OR p_text ~ '^[[:space:]]*$'
$fn$;
REVOKE ALL ON FUNCTION payops.is_blank(text) FROM PUBLIC;
