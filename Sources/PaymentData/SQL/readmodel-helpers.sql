-- Conversions the read model's views use, one overload per native type, so that one view definition
-- fits the variants a platform's schema comes in. Plain SQL, IMMUTABLE, no SET clause, not STRICT:
-- the planner inlines them, so an index on the same expression (payops.utc(created_at), …) is used.
-- {{tz}} is the zone the platform's zone-less timestamps are written in (payops db install --timezone).
CREATE OR REPLACE FUNCTION payops.utc(timestamp) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT pg_catalog.timezone({{tz}}, $1) $$;
CREATE OR REPLACE FUNCTION payops.utc(timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 $$;
CREATE OR REPLACE FUNCTION payops.cents(numeric) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1::bigint $$;
CREATE OR REPLACE FUNCTION payops.cents(bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 $$;
CREATE OR REPLACE FUNCTION payops.cents(integer) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1::bigint $$;
-- Major units (a numeric of dollars, as Prisma's Decimal or `numeric(12,2)` hold them) to minor units, half away
-- from zero, for two-decimal currencies (the platforms that store major units use those).
CREATE OR REPLACE FUNCTION payops.minor(numeric) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT round($1 * 100)::bigint $$;
-- Ids as the read model's uuid: a uuid column as it is, a text column holding uuids (Prisma's default) cast, an
-- integer id as the uuid 00000000-0000-0000-0000-<12 hex digits> (searchable and reversible).
CREATE OR REPLACE FUNCTION payops.uid(uuid) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 $$;
CREATE OR REPLACE FUNCTION payops.uid(text) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1::uuid $$;
CREATE OR REPLACE FUNCTION payops.uid(bigint) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ('00000000-0000-0000-0000-' || lpad(to_hex($1), 12, '0'))::uuid $$;
CREATE OR REPLACE FUNCTION payops.uid(integer) RETURNS uuid
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT ('00000000-0000-0000-0000-' || lpad(to_hex($1), 12, '0'))::uuid $$;
CREATE OR REPLACE FUNCTION payops.txt(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1 $$;
CREATE OR REPLACE FUNCTION payops.txt(varchar) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT $1::text $$;
-- An enum's text is not immutable in PostgreSQL (a label can be renamed), so `status::text` cannot be
-- indexed; a CASE over the labels compares enums (immutable) and can. One overload per enum type of the
-- platform's schemas; labels added later need `payops db install` again.
DO $enums$
DECLARE
    t record;
    body text;
BEGIN
    FOR t IN SELECT e.enumtypid::regtype AS typ,
                    string_agg(format('WHEN %L THEN %L', e.enumlabel, e.enumlabel), ' ' ORDER BY e.enumsortorder) AS cases
             FROM pg_enum e JOIN pg_type ty ON ty.oid = e.enumtypid
             JOIN pg_namespace n ON n.oid = ty.typnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^payops'
             GROUP BY e.enumtypid LOOP
        body := format('SELECT CASE $1 %s END', t.cases);
        EXECUTE format('CREATE OR REPLACE FUNCTION payops.txt(%s) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
                       t.typ, body);
    END LOOP;
END
$enums$;

-- The guard of every tenant-isolated view: a session that claims every tenant (app.is_system_user, which any
-- login can set) sees rows only if payops lets it see every tenant (payops_all_tenants, or a superuser).
-- No row in it: PostgreSQL evaluates it once per query, as a one-time filter.
CREATE OR REPLACE FUNCTION payops.tenant_guard() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(current_setting('app.is_system_user', true), '') <> 'true'
        OR coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = session_user), false)
        OR coalesce((SELECT pg_catalog.pg_has_role(session_user, g.oid, 'MEMBER') FROM pg_catalog.pg_roles g
                     WHERE g.rolname = 'payops_all_tenants'), false)
$$;
