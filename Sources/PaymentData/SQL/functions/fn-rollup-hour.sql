-- The UTC hour a time falls in: the key of payops.rollup_ip_hours (an hour holds [hour, hour + 1 h)). As
-- payops.rollup_minute: AT TIME ZONE 'UTC', so that the session's TimeZone never moves a boundary. Inlined.
CREATE OR REPLACE FUNCTION payops.rollup_hour(p_at timestamptz)
 RETURNS timestamptz
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT date_trunc('hour', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $fn$;
REVOKE ALL ON FUNCTION payops.rollup_hour(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.rollup_hour(timestamptz) TO payops_viewer;
