-- A timestamptz as ISO 8601 text in UTC, whatever the session's time zone.
CREATE OR REPLACE FUNCTION payops.utc_text(p_at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
    SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$fn$;
REVOKE ALL ON FUNCTION payops.utc_text(timestamptz) FROM PUBLIC;
