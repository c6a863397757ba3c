-- payops_read.change_line(payload): one line saying what an event changed, read from the shape of its payload in
-- payops_read.events (READ-MODEL.md), so that the Audit trail and a payment's timeline show "status: pending →
-- succeeded" rather than two JSON documents. The shapes, whichever platform wrote them:
--     old_values / new_values   a row image before and after (an audit trigger): the fields that differ, old → new;
--                               only new_values: "created: field=value, …"; only old_values: "deleted: …"
--     from / to, from_status / to_status   a status change: "pending → succeeded" and the reason, if any
--     balance_before / balance_after       a ledger move in minor units: "balance 100.00 → 87.66"
-- Anything else: NULL (the payload is shown as it is). Bookkeeping fields (id, created_at, updated_at and their
-- camelCase forms) are left out. Expensive on purpose (COST), so that the planner computes it only for the rows a
-- page returns, after its sort and limit. Applied with the read model.
CREATE FUNCTION payops_read.change_line(p jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 SET search_path = pg_catalog AS $fn$
SELECT CASE
    WHEN jsonb_typeof(p -> 'old_values') = 'object' AND jsonb_typeof(p -> 'new_values') = 'object' THEN
        (SELECT string_agg(k || ': ' || coalesce(p -> 'old_values' ->> k, '∅') || ' → '
                           || coalesce(p -> 'new_values' ->> k, '∅'), '; ' ORDER BY k)
         FROM jsonb_object_keys((p -> 'old_values') || (p -> 'new_values')) AS k
         WHERE (p -> 'old_values' -> k) IS DISTINCT FROM (p -> 'new_values' -> k)
           AND k NOT IN ('id', 'created_at', 'updated_at', 'createdAt', 'updatedAt'))
    WHEN jsonb_typeof(p -> 'new_values') = 'object' THEN
        'created: ' || (SELECT string_agg(k || '=' || coalesce(p -> 'new_values' ->> k, '∅'), ', ' ORDER BY k)
                        FROM jsonb_object_keys(p -> 'new_values') AS k
                        WHERE k NOT IN ('id', 'created_at', 'updated_at', 'createdAt', 'updatedAt'))
    WHEN jsonb_typeof(p -> 'old_values') = 'object' THEN
        'deleted: ' || (SELECT string_agg(k || '=' || coalesce(p -> 'old_values' ->> k, '∅'), ', ' ORDER BY k)
                        FROM jsonb_object_keys(p -> 'old_values') AS k
                        WHERE k NOT IN ('id', 'created_at', 'updated_at', 'createdAt', 'updatedAt'))
    WHEN p ? 'to' OR p ? 'to_status' THEN
        coalesce(p ->> 'from', p ->> 'from_status', '∅') || ' → ' || coalesce(p ->> 'to', p ->> 'to_status', '∅')
        || coalesce(' (' || nullif(p ->> 'reason', '') || ')', '')
    WHEN jsonb_typeof(p -> 'balance_before') = 'number' AND jsonb_typeof(p -> 'balance_after') = 'number' THEN
        'balance ' || round((p ->> 'balance_before')::numeric / 100, 2) || ' → '
        || round((p ->> 'balance_after')::numeric / 100, 2)
END
$fn$;
