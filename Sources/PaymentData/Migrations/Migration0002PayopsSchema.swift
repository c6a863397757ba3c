extension Migration {
    /// payops' own schema: the operator-action log, the IP blocklist, immutability, the four group roles.
    static let payopsSchema = Migration(version: 2, name: "payops schema, roles, immutability", sql: #"""
    CREATE TABLE payops.operator_actions (
        id               bigserial PRIMARY KEY,
        at               timestamptz NOT NULL DEFAULT now(),
        operator         text NOT NULL DEFAULT session_user,
        action           text NOT NULL,
        target_type      text NOT NULL,
        target_id        text NOT NULL,
        reason           text,
        request          jsonb NOT NULL DEFAULT '{}',
        result           jsonb NOT NULL DEFAULT '{}',
        idempotency_key  text NOT NULL UNIQUE
    );

    CREATE TABLE payops.ip_blocklist (
        network     cidr PRIMARY KEY,
        reason      text NOT NULL,
        created_by  text NOT NULL DEFAULT session_user,
        created_at  timestamptz NOT NULL DEFAULT now(),
        expires_at  timestamptz
    );

    -- Append-only tables: UPDATE, DELETE and TRUNCATE are refused for everyone, owners included.
    CREATE FUNCTION payops.refuse_change() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
    BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'P0100', HINT = 'audit rows are immutable; write a new row instead';
    END
    $fn$;

    CREATE TRIGGER payment_events_immutable BEFORE UPDATE OR DELETE ON public.payment_events
        FOR EACH ROW EXECUTE FUNCTION payops.refuse_change();
    CREATE TRIGGER payment_events_no_truncate BEFORE TRUNCATE ON public.payment_events
        FOR EACH STATEMENT EXECUTE FUNCTION payops.refuse_change();
    CREATE TRIGGER operator_actions_immutable BEFORE UPDATE OR DELETE ON payops.operator_actions
        FOR EACH ROW EXECUTE FUNCTION payops.refuse_change();
    CREATE TRIGGER operator_actions_no_truncate BEFORE TRUNCATE ON payops.operator_actions
        FOR EACH STATEMENT EXECUTE FUNCTION payops.refuse_change();

    -- The four group roles are cluster-wide: create them only where they are missing.
    DO $roles$
    DECLARE r text;
    BEGIN
        FOREACH r IN ARRAY ARRAY['payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall'] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            END IF;
        END LOOP;
    END
    $roles$;
    GRANT payops_viewer TO payops_support, payops_finance, payops_oncall;

    -- Viewers read everything the panes show; no group writes any table directly.
    REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
    REVOKE ALL ON ALL TABLES IN SCHEMA payops FROM PUBLIC;
    GRANT USAGE ON SCHEMA public, payops TO payops_viewer;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO payops_viewer;
    GRANT SELECT ON payops.operator_actions, payops.ip_blocklist, payops.schema_migrations TO payops_viewer;
    REVOKE ALL ON FUNCTION payops.refuse_change() FROM PUBLIC;
    """#)
}
