-- Locks dead letters for requeueing, in id order, and returns what the read model says of them. The lock
-- is an advisory one on each id (the same for every profile: a dead-letter view may join the platform's
-- table with payops' requeue stamps, which FOR UPDATE cannot lock); payops is the only writer of stamps.
CREATE OR REPLACE FUNCTION payops.lock_dead_letters(p_ids bigint[])
    RETURNS TABLE (id bigint, last_error text, requeued_at timestamptz)
    LANGUAGE plpgsql SET search_path = pg_catalog, payops, pg_temp AS $fn$
DECLARE
    v_id bigint;
BEGIN
    FOREACH v_id IN ARRAY ARRAY(SELECT DISTINCT x FROM unnest(p_ids) AS x WHERE x IS NOT NULL ORDER BY 1) LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('payops.dead_letter:' || v_id, 0));
    END LOOP;
    RETURN QUERY SELECT d.id, d.last_error, d.requeued_at FROM payops_read.dead_letters d
        WHERE d.id = ANY (p_ids) ORDER BY d.id;
END
$fn$;
REVOKE ALL ON FUNCTION payops.lock_dead_letters(bigint[]) FROM PUBLIC;
