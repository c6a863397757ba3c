-- Where a maintenance step's scan of changed payments stops (payops.rollup_step, for each source): the updated_at
-- p_max_rows rows after p_from, or NULL when fewer are left (the scan then goes up to the step's start). When more
-- than p_max_rows rows share p_from's updated_at (one bulk update), the first updated_at after it: all of them go
-- into one step. Called only by rollup_step (which runs as the installing role); granted to no one.
CREATE OR REPLACE FUNCTION payops.rollup_changes_to(p_from timestamptz, p_max_rows integer)
 RETURNS timestamptz
 LANGUAGE plpgsql
 STABLE
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
 SET plan_cache_mode = force_custom_plan
AS $fn$
DECLARE
    v_to timestamptz;
BEGIN
    SELECT p.updated_at INTO v_to FROM payops_read.payments p WHERE p.updated_at >= p_from
    ORDER BY p.updated_at OFFSET p_max_rows LIMIT 1;
    IF v_to = p_from THEN
        SELECT min(p.updated_at) INTO v_to FROM payops_read.payments p WHERE p.updated_at > p_from;
    END IF;
    RETURN v_to;
END
$fn$;
REVOKE ALL ON FUNCTION payops.rollup_changes_to(timestamptz, integer) FROM PUBLIC;
