-- 12. Create an operator login (or reuse one) and grant it a payops group; superusers only.
CREATE OR REPLACE FUNCTION payops.create_operator(p_name text, p_group text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path = pg_catalog, payops, pg_temp
AS $fn$
DECLARE
    v_group text := 'payops_' || regexp_replace(lower(btrim(coalesce(p_group, ''))), '^payops_', '');
    v_created boolean := false;
BEGIN
    IF NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) THEN
        RAISE EXCEPTION 'only a superuser may create operators' USING ERRCODE = '42501';
    END IF;
    IF v_group NOT IN ('payops_viewer', 'payops_support', 'payops_finance', 'payops_oncall') THEN
        RAISE EXCEPTION 'unknown group %', p_group
            USING ERRCODE = 'PX050', HINT = 'viewer, support, finance or oncall';
    END IF;
    IF p_name IS NULL OR btrim(p_name) = '' OR p_name <> btrim(p_name) OR p_name ~* '^(pg_|payops_)'
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name AND rolsuper) THEN
        RAISE EXCEPTION 'invalid operator name %', coalesce(p_name, 'NULL') USING ERRCODE = 'PX051';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE', p_name);
        v_created := true;
    END IF;
    EXECUTE format('GRANT %I TO %I', v_group, p_name);
    RETURN jsonb_build_object('operator', p_name, 'group', v_group, 'created', v_created);
END
$fn$;
REVOKE ALL ON FUNCTION payops.create_operator(text, text) FROM PUBLIC;
