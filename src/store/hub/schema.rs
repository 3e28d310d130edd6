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
];

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
/// own, by the policy), keep contacts, and its heartbeat.
pub(super) fn grant_kiosk(role: &str, database: &str) -> String {
    let role = ident(role);
    let database = ident(database);
    format!(
        "GRANT CONNECT ON DATABASE {database} TO {role};
         GRANT USAGE ON SCHEMA public TO {role};
         GRANT SELECT ON production, kiosks, events, contacts, forks, hub_version TO {role};
         GRANT INSERT ON events, forks TO {role};
         GRANT INSERT, UPDATE ON contacts TO {role};
         GRANT UPDATE (last_seen, last_seq, clock_offset_ms, conflicts_open) ON kiosks TO {role};
         GRANT USAGE ON SEQUENCE events_hub_seq_seq, contacts_rev_seq TO {role};"
    )
}

/// `name` quoted as an SQL identifier.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
