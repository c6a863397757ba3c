-- The group roles and what each may read. Roles are cluster-wide: created only where missing, and
-- shared by every database of the cluster that has payops. Re-applied by every install (idempotent).
DO $roles$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall',
                             'payops_all_tenants'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$roles$;
GRANT payops_viewer TO payops_support, payops_finance, payops_oncall;

-- Viewers read the read model and payops' own tables; no group writes any table directly, and no
-- group may create objects in payops' schemas.
REVOKE ALL ON ALL TABLES IN SCHEMA payops FROM PUBLIC;
REVOKE CREATE ON SCHEMA payops FROM PUBLIC;
GRANT USAGE ON SCHEMA payops TO payops_viewer;
GRANT SELECT ON payops.operator_actions, payops.ip_blocklist, payops.schema_migrations, payops.settings,
    payops.payout_requests, payops.dead_letter_requeues, payops.venue_names, payops.definitions TO payops_viewer;
