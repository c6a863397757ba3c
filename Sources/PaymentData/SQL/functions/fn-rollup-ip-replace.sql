-- Replaces ip_attempts buckets with the raw rows' aggregate: those of the payments p_ids (all minutes in
-- [p_from, p_to)), or with p_ids NULL every bucket of those minutes; and applies the difference to the per-hour
-- sums (payops.rollup_ip_hours), which so stay the sums of their minute buckets. Returns the attempts written.
-- Called only by rollup_step (which runs as the installing role); granted to no one.
CREATE OR REPLACE FUNCTION payops.rollup_ip_replace(p_ids uuid[], p_from timestamptz, p_to timestamptz)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
 SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
    v_attempts bigint;
    v_emptied timestamptz[];
    v_addresses inet[];
BEGIN
    WITH gone AS (
        DELETE FROM payops.rollup_ip_attempts x
        WHERE (p_ids IS NULL OR x.payment_id = ANY (p_ids)) AND x.minute >= p_from AND x.minute < p_to
        RETURNING x.minute, x.ip_address, -x.attempts AS attempts
    ),
    added AS (
        INSERT INTO payops.rollup_ip_attempts (minute, ip_address, payment_id, user_id, card, attempts, first_at, last_at)
        SELECT payops.rollup_minute(a.at), a.ip_address, a.payment_id, a.user_id, a.card, count(*), min(a.at), max(a.at)
        FROM payops_read.ip_attempts a
        WHERE (p_ids IS NULL OR a.payment_id = ANY (p_ids)) AND a.at >= p_from AND a.at < p_to
        GROUP BY 1, 2, 3, 4, 5
        RETURNING minute, ip_address, attempts
    ),
    delta AS (
        SELECT payops.rollup_hour(d.minute) AS hour, d.ip_address, sum(d.attempts)::bigint AS attempts
        FROM (SELECT * FROM gone UNION ALL SELECT * FROM added) d
        WHERE d.ip_address IS NOT NULL
        GROUP BY 1, 2 HAVING sum(d.attempts) <> 0
    ),
    summed AS (
        INSERT INTO payops.rollup_ip_hours AS h (hour, ip_address, attempts)
        SELECT d.hour, d.ip_address, d.attempts FROM delta d
        ON CONFLICT (hour, ip_address) DO UPDATE SET attempts = h.attempts + excluded.attempts
        RETURNING h.hour, h.ip_address, h.attempts
    )
    SELECT (SELECT coalesce(sum(a.attempts), 0) FROM added a),
           array_agg(s.hour) FILTER (WHERE s.attempts = 0), array_agg(s.ip_address) FILTER (WHERE s.attempts = 0)
    INTO v_attempts, v_emptied, v_addresses FROM summed s;
    IF v_emptied IS NOT NULL THEN
        DELETE FROM payops.rollup_ip_hours h
        USING unnest(v_emptied, v_addresses) e(hour, ip_address)
        WHERE h.hour = e.hour AND h.ip_address = e.ip_address AND h.attempts = 0;
    END IF;
    RETURN v_attempts;
END
$fn$;
REVOKE ALL ON FUNCTION payops.rollup_ip_replace(uuid[], timestamptz, timestamptz) FROM PUBLIC;
