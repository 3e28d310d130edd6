//! The hub's PostgreSQL schema, in numbered migrations as in SQLite: the
//! production, its kiosks (one login role each), the events every kiosk
//! sent in one hub order, the contacts beside them, and the row-level
//! security that lets a kiosk's role insert only its own events.

use postgres::Transaction;

/// The advisory lock every ingest takes, so hub sequence numbers commit in
/// the order they are given and a reader's cursor never skips a row.
pub(super) const INGEST_LOCK: i64 = 0x6578_6b69;

/// The channel kiosks listen on; an ingest notifies it.
pub(super) const CHANNEL: &str = "extras_kiosk_events";

const MIGRATIONS: &[&str] = &[
    // 1: production, kiosks, events, contacts, forks, and who may write.
    r#"
    CREATE TABLE production (
        one        integer PRIMARY KEY CHECK (one = 1),
        code       text NOT NULL,
        title      text NOT NULL,
        secret     bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE kiosks (
        kiosk_id        text PRIMARY KEY,
        name            text,
        role_name       text UNIQUE,
        lead            boolean NOT NULL DEFAULT false,
        badge_from      integer NOT NULL DEFAULT 0,
        retired_at      timestamptz,
        last_seen       timestamptz,
        last_seq        bigint NOT NULL DEFAULT 0,   -- the kiosk's own head, at its last sync
        clock_offset_ms bigint,
        conflicts_open  integer NOT NULL DEFAULT 0
    );
    CREATE TABLE events (
        hub_seq     bigserial PRIMARY KEY,
        id          text NOT NULL UNIQUE,
        kiosk_id    text NOT NULL,
        kind        text NOT NULL,
        day_id      bigint,
        booking_id  bigint,
        area_id     bigint,
        happened_at text NOT NULL,
        recorded_at text NOT NULL,
        actor       text NOT NULL,
        payload     text NOT NULL,
        prev_hash   text NOT NULL,
        hash        text NOT NULL,
        kiosk_seq   bigint,
        hlc         text,
        date        text,
        badge       text,
        area        text,
        sent_by     text NOT NULL DEFAULT current_user,
        received_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kiosk_id, kiosk_seq)
    );
    CREATE TABLE contacts (
        date        text NOT NULL,
        badge       text NOT NULL,
        phone       text,
        email       text,
        contacts_at text NOT NULL,
        rev         bigserial,
        PRIMARY KEY (date, badge)
    );
    CREATE TABLE forks (
        kiosk_id    text NOT NULL,
        from_seq    bigint NOT NULL,
        reported_by text NOT NULL DEFAULT current_user,
        seen_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kiosk_id, from_seq)
    );

    -- Who is asking: the kiosk whose role this is, and whether it leads.
    -- Every name qualified and the search path fixed: a temporary table
    -- of the same name cannot stand in for ours.
    CREATE FUNCTION hub_kiosk() RETURNS text LANGUAGE sql STABLE
        SET search_path = pg_catalog, public, pg_temp
        AS $$ SELECT kiosk_id FROM public.kiosks WHERE role_name = current_user AND retired_at IS NULL $$;
    CREATE FUNCTION hub_is_lead() RETURNS boolean LANGUAGE sql STABLE
        SET search_path = pg_catalog, public, pg_temp
        AS $$ SELECT EXISTS (SELECT 1 FROM public.kiosks WHERE role_name = current_user AND lead) $$;
    DO $$ BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    END $$;

    -- The hub checks each kiosk's chain as it ingests: an event follows
    -- the one before it of its kiosk (or is the kiosk's first), and is
    -- written under the ingest lock, so hub sequence numbers commit in
    -- order and no reader's cursor skips a row committed late.
    CREATE FUNCTION hub_check_event() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, public, pg_temp AS $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                       AND classid = 0 AND objid = 1702390633 AND granted) THEN
            RAISE EXCEPTION 'events are written under the ingest lock (pg_advisory_xact_lock(1702390633))';
        END IF;
        IF NEW.kiosk_seq IS NOT NULL AND NEW.kiosk_seq > 1 AND NOT EXISTS (
            SELECT 1 FROM public.events WHERE kiosk_id = NEW.kiosk_id AND kiosk_seq = NEW.kiosk_seq - 1
                                   AND hash = NEW.prev_hash) THEN
            RAISE EXCEPTION 'kiosk %''s event % does not follow the event before it on the hub',
                NEW.kiosk_id, NEW.kiosk_seq;
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER events_follow_their_chain BEFORE INSERT ON events
        FOR EACH ROW EXECUTE FUNCTION hub_check_event();

    -- A kiosk inserts only its own events; only the lead relays others'
    -- (those that reached it on a carry file). The owner is no exception.
    ALTER TABLE events ENABLE ROW LEVEL SECURITY;
    ALTER TABLE events FORCE ROW LEVEL SECURITY;
    CREATE POLICY events_read ON events FOR SELECT USING (true);
    CREATE POLICY events_own ON events FOR INSERT
        WITH CHECK (kiosk_id = hub_kiosk() OR hub_is_lead());

    ALTER TABLE kiosks ENABLE ROW LEVEL SECURITY;
    ALTER TABLE kiosks FORCE ROW LEVEL SECURITY;
    CREATE POLICY kiosks_read ON kiosks FOR SELECT USING (true);
    CREATE POLICY kiosks_first_lead ON kiosks FOR INSERT
        WITH CHECK (hub_is_lead() OR (lead AND role_name = current_user
                                      AND NOT EXISTS (SELECT 1 FROM kiosks k WHERE k.lead)));
    CREATE POLICY kiosks_heartbeat ON kiosks FOR UPDATE
        USING (role_name = current_user OR hub_is_lead());

    CREATE TABLE hub_version (version integer NOT NULL);
    INSERT INTO hub_version VALUES (0);
    "#,
    // 2: the hub trusts no kiosk (issue 24). Every event is checked at the
    // door as a kiosk checks it on arrival (its hash over what it carries,
    // its place in its kiosk's chain, its kiosk against the role, its
    // payload's form and size); contacts change only through a function
    // that stamps the hub's clock and the kiosk; a retired kiosk writes
    // nothing more.
    r#"
    CREATE OR REPLACE FUNCTION hub_check_event() RETURNS trigger LANGUAGE plpgsql
        SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        sep constant text := chr(31);
        writer public.kiosks%ROWTYPE;
        before_hash text;
        computed text;
        what text;
        seq_text text := COALESCE(NEW.kiosk_seq::text, NEW.id);
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()
                       AND classid = 0 AND objid = 1702390633 AND granted) THEN
            RAISE EXCEPTION 'events are written under the ingest lock (pg_advisory_xact_lock(1702390633))';
        END IF;
        SELECT * INTO writer FROM public.kiosks WHERE role_name = current_user;
        IF FOUND AND writer.retired_at IS NOT NULL THEN
            RAISE EXCEPTION 'kiosk %''s event %: kiosk % was retired from the hub and writes nothing more; nothing of this push was stored',
                NEW.kiosk_id, seq_text, writer.kiosk_id USING ERRCODE = '42501';
        END IF;
        IF NOT COALESCE(writer.lead, false) AND NEW.kiosk_id IS DISTINCT FROM writer.kiosk_id THEN
            RAISE EXCEPTION 'kiosk %''s event % was sent by the role %, which is %: a kiosk sends only its own events; nothing of this push was stored',
                NEW.kiosk_id, seq_text, current_user,
                COALESCE('kiosk ' || writer.kiosk_id, 'no kiosk of the production') USING ERRCODE = '42501';
        END IF;
        IF octet_length(NEW.payload) > 16777216 THEN
            what := format('has a payload of %s bytes, over the limit of 16777216', octet_length(NEW.payload));
        ELSE
            BEGIN
                IF jsonb_typeof(NEW.payload::jsonb) <> 'object' THEN
                    what := 'has a payload that is not a JSON object';
                END IF;
            EXCEPTION WHEN others THEN
                what := 'has a payload that is not well-formed JSON';
            END;
        END IF;
        IF what IS NULL THEN
            IF NEW.kiosk_seq IS NULL THEN
                IF NOT COALESCE(writer.lead, false) THEN
                    what := 'has no place in a kiosk''s chain (only the lead relays events made before chains)';
                END IF;
            ELSIF NEW.kiosk_seq < 1 THEN
                what := 'has a sequence below 1';
            ELSIF NEW.kiosk_seq = 1 THEN
                IF NEW.prev_hash <> repeat('0', 64) AND NOT EXISTS (
                    SELECT 1 FROM public.events WHERE kiosk_seq IS NULL AND hash = NEW.prev_hash) THEN
                    what := 'does not follow the event before it (the kiosk''s first event, and its previous hash is no start the hub knows)';
                END IF;
            ELSE
                SELECT hash INTO before_hash FROM public.events
                    WHERE kiosk_id = NEW.kiosk_id AND kiosk_seq = NEW.kiosk_seq - 1;
                IF NOT FOUND THEN
                    what := format('comes after a gap: event %s of kiosk %s is not on the hub', NEW.kiosk_seq - 1, NEW.kiosk_id);
                ELSIF before_hash <> NEW.prev_hash THEN
                    what := 'does not follow the event before it (its previous hash differs)';
                END IF;
            END IF;
        END IF;
        IF what IS NULL THEN
            computed := encode(sha256(convert_to(
                NEW.prev_hash || sep || NEW.id || sep || NEW.kiosk_id || sep || NEW.kind || sep
                || COALESCE(NEW.day_id::text, '') || sep || COALESCE(NEW.booking_id::text, '') || sep
                || COALESCE(NEW.area_id::text, '') || sep || NEW.happened_at || sep || NEW.recorded_at || sep
                || NEW.actor || sep || NEW.payload || sep
                || CASE WHEN NEW.kiosk_seq IS NULL THEN ''
                        ELSE NEW.kiosk_seq::text || sep || COALESCE(NEW.hlc, '') || sep END,
                'UTF8')), 'hex');
            IF computed <> NEW.hash THEN
                what := 'does not match its hash (what it carries was changed after it was written)';
            END IF;
        END IF;
        IF what IS NOT NULL THEN
            RAISE EXCEPTION 'kiosk %''s event % %; the hub refused it, and nothing of this push was stored',
                NEW.kiosk_id, seq_text, what USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
    END $$;

    -- A retired kiosk's heartbeat and fork reports are refused too.
    ALTER POLICY kiosks_heartbeat ON kiosks
        USING ((role_name = current_user AND retired_at IS NULL) OR hub_is_lead());
    ALTER TABLE forks ENABLE ROW LEVEL SECURITY;
    ALTER TABLE forks FORCE ROW LEVEL SECURITY;
    CREATE POLICY forks_read ON forks FOR SELECT USING (true);
    CREATE POLICY forks_report ON forks FOR INSERT WITH CHECK (hub_kiosk() IS NOT NULL OR hub_is_lead());

    -- Contacts: no kiosk role writes the table; the function below does,
    -- with the hub's clock and the kiosk that asked.
    ALTER TABLE contacts ADD COLUMN changed_by text;
    CREATE TABLE contact_changes (
        rev       bigint NOT NULL,
        date      text NOT NULL,
        badge     text NOT NULL,
        kiosk_id  text NOT NULL,
        purge     boolean NOT NULL,
        at        timestamptz NOT NULL DEFAULT now()
    );
    CREATE FUNCTION hub_put_contact(p_date text, p_badge text, p_phone text, p_email text)
        RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp AS $$
    DECLARE
        k public.kiosks%ROWTYPE;
        n bigint;
        purge boolean := p_phone IS NULL AND p_email IS NULL;
        new_rev bigint;
    BEGIN
        SELECT * INTO k FROM public.kiosks WHERE role_name = session_user;
        IF NOT FOUND OR k.retired_at IS NOT NULL THEN
            RAISE EXCEPTION 'the contacts of %: the role % is no kiosk of the production, or was retired', p_badge, session_user
                USING ERRCODE = '42501';
        END IF;
        IF NOT k.lead THEN
            IF purge THEN
                RAISE EXCEPTION 'kiosk % may not purge the contacts of %: only the lead purges', k.kiosk_id, p_badge
                    USING ERRCODE = '42501';
            END IF;
            n := substring(p_badge FROM '^B-([0-9]{1,9})$')::bigint;
            IF n IS NULL OR n < k.badge_from OR n > k.badge_from + 9998 THEN
                RAISE EXCEPTION 'kiosk % may change only the contacts of its own walk-ins (B-% to B-%), not of %',
                    k.kiosk_id, k.badge_from, k.badge_from + 9998, p_badge USING ERRCODE = '42501';
            END IF;
        END IF;
        IF p_date !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' OR octet_length(p_badge) > 16 THEN
            RAISE EXCEPTION 'the contacts of %: not a day''s date and badge', left(p_badge, 16)
                USING ERRCODE = '22023';
        END IF;
        IF octet_length(COALESCE(p_phone, '')) > 200 OR octet_length(COALESCE(p_email, '')) > 200 THEN
            RAISE EXCEPTION 'the contacts of % are too long', p_badge USING ERRCODE = '22023';
        END IF;
        INSERT INTO public.contacts (date, badge, phone, email, contacts_at, changed_by)
        VALUES (p_date, p_badge, p_phone, p_email,
                to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), k.kiosk_id)
        ON CONFLICT (date, badge) DO UPDATE
            SET phone = excluded.phone, email = excluded.email, contacts_at = excluded.contacts_at,
                changed_by = excluded.changed_by, rev = nextval('public.contacts_rev_seq')
        RETURNING rev INTO new_rev;
        INSERT INTO public.contact_changes (rev, date, badge, kiosk_id, purge)
            VALUES (new_rev, p_date, p_badge, k.kiosk_id, purge);
        RETURN new_rev;
    END $$;
    REVOKE ALL ON FUNCTION hub_put_contact(text, text, text, text) FROM PUBLIC;
    DO $$
    DECLARE r text;
    BEGIN
        FOR r IN SELECT role_name FROM public.kiosks WHERE role_name IS NOT NULL AND role_name <> current_user LOOP
            IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
                EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.contacts FROM %I', r);
                EXECUTE format('GRANT SELECT ON public.contact_changes TO %I', r);
                EXECUTE format('GRANT EXECUTE ON FUNCTION public.hub_put_contact(text, text, text, text) TO %I', r);
            END IF;
        END LOOP;
    END $$;
    "#,
];

/// What a retired kiosk's role loses: its login, and every right (an open
/// session of it is refused at its next statement).
pub(super) fn revoke_kiosk(role: &str, database: &str) -> String {
    let role = ident(role);
    let database = ident(database);
    format!(
        "ALTER ROLE {role} NOLOGIN;
         REVOKE ALL ON production, kiosks, events, contacts, contact_changes, forks, hub_version FROM {role};
         REVOKE EXECUTE ON FUNCTION hub_put_contact(text, text, text, text) FROM {role};
         REVOKE USAGE ON SEQUENCE events_hub_seq_seq, contacts_rev_seq FROM {role};
         REVOKE CONNECT ON DATABASE {database} FROM {role};"
    )
}

/// The schema version this build writes on a hub.
pub(super) const HUB_VERSION: i32 = MIGRATIONS.len() as i32;

/// The hub's schema version (0 when it has none yet).
pub(super) fn version(tx: &mut Transaction<'_>) -> Result<i32, postgres::Error> {
    let has = tx
        .query_one("SELECT to_regclass('hub_version') IS NOT NULL", &[])?
        .get::<_, bool>(0);
    if !has {
        return Ok(0);
    }
    Ok(tx.query_one("SELECT version FROM hub_version", &[])?.get(0))
}

/// Brings the hub's schema up to this build's, in `tx`.
pub(super) fn migrate(tx: &mut Transaction<'_>) -> Result<i32, postgres::Error> {
    let found = version(tx)?;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        tx.batch_execute(step)?;
        tx.execute("UPDATE hub_version SET version = $1", &[&(i as i32 + 1)])?;
    }
    Ok(found)
}

/// The grants a kiosk's role gets: read everything, insert events (its
/// own, by the policy and checked by the trigger), change contacts through
/// `hub_put_contact` only, and its heartbeat.
pub(super) fn grant_kiosk(role: &str, database: &str) -> String {
    let role = ident(role);
    let database = ident(database);
    format!(
        "GRANT CONNECT ON DATABASE {database} TO {role};
         GRANT USAGE ON SCHEMA public TO {role};
         GRANT SELECT ON production, kiosks, events, contacts, contact_changes, forks, hub_version TO {role};
         GRANT INSERT ON events, forks TO {role};
         GRANT EXECUTE ON FUNCTION hub_put_contact(text, text, text, text) TO {role};
         GRANT UPDATE (last_seen, last_seq, clock_offset_ms, conflicts_open) ON kiosks TO {role};
         GRANT USAGE ON SEQUENCE events_hub_seq_seq, contacts_rev_seq TO {role};"
    )
}

/// `name` quoted as an SQL identifier.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hub_refuses_the_payloads_a_kiosk_refuses() {
        let limit = crate::store::MAX_PAYLOAD_BYTES.to_string();
        assert!(super::MIGRATIONS[1].contains(&format!("> {limit} THEN")));
        assert!(super::MIGRATIONS[1].contains(&format!("over the limit of {limit}'")));
    }
}
