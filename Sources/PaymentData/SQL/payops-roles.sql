-- The group roles and what each may read. Roles are cluster-wide: created only where missing, and
-- shared by every database of the cluster that has payops. Re-applied by every install (idempotent).
DO $roles$
DECLARE r text;
BEGIN
    -- Another database of the cluster may be installing at the same moment (advisory locks are per database):
    -- a role or a membership the other install made first is fine.
    FOREACH r IN ARRAY ARRAY['payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall',
                             'payops_all_tenants'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END;
        END IF;
    END LOOP;
    FOREACH r IN ARRAY ARRAY['payops_support', 'payops_finance', 'payops_oncall'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = 'payops_viewer'::regrole
                       AND m.member = r::regrole) THEN
            BEGIN
                EXECUTE format('GRANT payops_viewer TO %I', r);
            EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL;
            END;
        END IF;
    END LOOP;
END
$roles$;

-- Viewers read the read model and payops' own tables; no group writes any table directly, and no
-- group may create objects in payops' schemas.
REVOKE ALL ON ALL TABLES IN SCHEMA payops FROM PUBLIC;
REVOKE CREATE ON SCHEMA payops FROM PUBLIC;
GRANT USAGE ON SCHEMA payops TO payops_viewer;
-- Each group role holds a privilege in every database with payops, so uninstalling payops from one database of
-- the cluster never drops a role another one still uses (DROP ROLE refuses while any database depends on it).
GRANT USAGE ON SCHEMA payops TO payops_all_tenants;
GRANT SELECT ON payops.operator_actions, payops.ip_blocklist, payops.schema_migrations, payops.settings,
    payops.payout_requests, payops.dead_letter_requeues, payops.venue_names, payops.definitions,
    payops.rollup_state, payops.rollup_payments, payops.rollup_ip_attempts, payops.rollup_ip_hours, payops.rollup_refunds, payops.rollup_open_refunds,
    payops.rollup_refund_alarms TO payops_viewer;
