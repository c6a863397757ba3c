-- Forgets every rollup (waiting for a running step to finish): the next steps rebuild them from the first
-- payment on, p_max_rows rows at a time (`payops rollup --rebuild`). Catches what no step can see: rows
-- inserted with a time older than the margin, changes a platform made without bumping updated_at, deletes.
CREATE OR REPLACE FUNCTION payops.rollup_rebuild()
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
AS $fn$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('payops.rollup'));
    DELETE FROM payops.rollup_payments;
    DELETE FROM payops.rollup_ip_attempts;
    DELETE FROM payops.rollup_ip_hours;
    DELETE FROM payops.rollup_refunds;
    DELETE FROM payops.rollup_open_refunds;
    DELETE FROM payops.rollup_refund_alarms;
    UPDATE payops.rollup_state SET closed_until = NULL, changes_until = NULL, stepped_at = NULL, step_rows = 0, open_after = NULL;
END
$fn$;
REVOKE ALL ON FUNCTION payops.rollup_rebuild() FROM PUBLIC;
