-- The UTC minute a time falls in: the key of every rollup bucket (a bucket holds [minute, minute + 1 min)).
-- Written with AT TIME ZONE 'UTC' so that the session's TimeZone never moves a boundary. Inlined by the planner.
CREATE OR REPLACE FUNCTION payops.rollup_minute(p_at timestamptz)
 RETURNS timestamptz
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $fn$ SELECT date_trunc('minute', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $fn$;
REVOKE ALL ON FUNCTION payops.rollup_minute(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION payops.rollup_minute(timestamptz) TO payops_viewer;
