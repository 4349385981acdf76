-- dualdraw: one bureau's schema on a PostgreSQL platform (issue 18).
-- Run by PgStore::create_bureau inside the bureau's schema (search_path set),
-- in one transaction. Tables mirror the SQLite workspace's (src/store/sqlite),
-- BYTEA for BLOB, BIGINT for INTEGER, and every text column COLLATE "C" (byte
-- order, as SQLite's BINARY): ids, USCCs and dates sort as in a workspace
-- whatever the database's locale.

CREATE TABLE meta (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value BYTEA NOT NULL
);
-- One row, locked EXCLUSIVE by every write transaction before its snapshot:
-- one writer at a time per bureau (readers are never blocked).
CREATE TABLE writer (
    one INTEGER PRIMARY KEY CHECK (one = 1)
);
INSERT INTO writer VALUES (1);

-- One immutable version of one registry. `size = -1` while its chunks are
-- being written (a streamed update); it is set once, then never changes.
CREATE TABLE registry_versions (
    id         BIGINT PRIMARY KEY,
    kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('items', 'entities', 'officers', 'recusals')),
    root       BYTEA NOT NULL CHECK (length(root) = 32),
    size       BIGINT NOT NULL CHECK (size >= -1),
    created_at TEXT COLLATE "C" NOT NULL
);
-- Its records, in key order, packed as lp(record) runs (the SQLite codec).
CREATE TABLE registry_chunks (
    version BIGINT NOT NULL REFERENCES registry_versions(id),
    seq     BIGINT NOT NULL,
    data    BYTEA NOT NULL,
    PRIMARY KEY (version, seq)
);
-- A snapshot: one version of each registry.
CREATE TABLE snapshots (
    id         BIGINT PRIMARY KEY,
    digest     BYTEA NOT NULL CHECK (length(digest) = 32),
    created_at TEXT COLLATE "C" NOT NULL,
    note       TEXT COLLATE "C" NOT NULL,
    items_v    BIGINT NOT NULL REFERENCES registry_versions(id),
    entities_v BIGINT NOT NULL REFERENCES registry_versions(id),
    officers_v BIGINT NOT NULL REFERENCES registry_versions(id),
    recusals_v BIGINT NOT NULL REFERENCES registry_versions(id)
);
-- USCCs failing their check character that the bureau accepted knowingly.
CREATE TABLE legacy_uscc (
    code TEXT COLLATE "C" PRIMARY KEY
);

CREATE TABLE announcements (
    campaign_id  TEXT COLLATE "C" PRIMARY KEY,
    hash         BYTEA NOT NULL CHECK (length(hash) = 32),
    body         TEXT COLLATE "C" NOT NULL,
    announced_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE reveals (
    campaign_id TEXT COLLATE "C" NOT NULL REFERENCES announcements(campaign_id),
    name        TEXT COLLATE "C" NOT NULL,
    secret      TEXT COLLATE "C" NOT NULL,
    revealed_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (campaign_id, name)
);
CREATE TABLE voids (
    campaign_id TEXT COLLATE "C" PRIMARY KEY REFERENCES announcements(campaign_id),
    reason      TEXT COLLATE "C" NOT NULL,
    at          TEXT COLLATE "C" NOT NULL
);
-- One draw per announcement: the primary key is the announcement's.
CREATE TABLE draws (
    campaign_id TEXT COLLATE "C" PRIMARY KEY REFERENCES announcements(campaign_id),
    seed        BYTEA NOT NULL CHECK (length(seed) = 32),
    proof       TEXT COLLATE "C" NOT NULL
);
CREATE TABLE replacements (
    campaign_id TEXT COLLATE "C" NOT NULL REFERENCES draws(campaign_id),
    seq         BIGINT NOT NULL,
    body        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (campaign_id, seq)
);
CREATE TABLE replacement_requests (
    campaign_id TEXT COLLATE "C" PRIMARY KEY,
    body        TEXT COLLATE "C" NOT NULL
);
CREATE TABLE schedule_secrets (
    campaign_id TEXT COLLATE "C" PRIMARY KEY,
    secret      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE ledger (
    seq      BIGINT PRIMARY KEY CHECK (seq >= 1),
    prev     BYTEA NOT NULL CHECK (length(prev) = 32),
    hash     BYTEA NOT NULL UNIQUE CHECK (length(hash) = 32),
    kind     TEXT COLLATE "C" NOT NULL,
    campaign TEXT COLLATE "C" NOT NULL,
    at       TEXT COLLATE "C" NOT NULL,
    operator TEXT COLLATE "C" NOT NULL,
    approver TEXT COLLATE "C" NOT NULL,
    body     TEXT COLLATE "C" NOT NULL
);

CREATE TABLE results (
    campaign_id TEXT COLLATE "C" NOT NULL,
    target      TEXT COLLATE "C" NOT NULL,
    item        TEXT COLLATE "C" NOT NULL,
    body        TEXT COLLATE "C" NOT NULL,
    inspected   TEXT COLLATE "C" NOT NULL,
    published   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, target, item)
);
CREATE TABLE history (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uscc      TEXT COLLATE "C" NOT NULL,
    inspected TEXT COLLATE "C" NOT NULL,
    source    TEXT COLLATE "C" NOT NULL
);
CREATE TABLE publications (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,
    at          TEXT COLLATE "C" NOT NULL
);
CREATE TABLE schedules (
    key  TEXT COLLATE "C" PRIMARY KEY,
    body TEXT COLLATE "C" NOT NULL
);
CREATE TABLE calendars (
    year INTEGER PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('official', 'assumed')),
    body TEXT COLLATE "C" NOT NULL,
    at   TEXT COLLATE "C" NOT NULL
);

-- The ledger is a chain: an entry's seq is one past the last and its prev the
-- last one's hash, checked by the database (two writers cannot fork it).
CREATE FUNCTION ledger_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_seq  BIGINT;
    last_hash BYTEA;
BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM ledger ORDER BY seq DESC LIMIT 1;
    IF last_seq IS NULL THEN
        last_seq := 0;
        last_hash := decode(repeat('00', 32), 'hex');
    END IF;
    IF NEW.seq <> last_seq + 1 OR NEW.prev <> last_hash THEN
        RAISE EXCEPTION 'dualdraw: ledger entry % does not extend the chain (last entry %)', NEW.seq, last_seq
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_extends_chain BEFORE INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_extends_chain();

-- Append-only tables refuse UPDATE, DELETE and TRUNCATE, for every role.
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dualdraw: % is append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['ledger', 'announcements', 'reveals', 'voids', 'draws',
        'replacements', 'schedule_secrets', 'registry_chunks', 'snapshots', 'legacy_uscc',
        'history', 'publications', 'meta']
    LOOP
        EXECUTE format('CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION append_only()', t);
        EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION append_only()', t);
    END LOOP;
END $$;

-- A registry version changes once: from pending (size -1) to its root and size.
CREATE FUNCTION version_set_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.size = -1 AND NEW.id = OLD.id AND NEW.kind = OLD.kind
        AND NEW.size >= 0 THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'dualdraw: registry version % is immutable (% refused)', OLD.id, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER version_set_once BEFORE UPDATE OR DELETE ON registry_versions
    FOR EACH ROW EXECUTE FUNCTION version_set_once();
CREATE TRIGGER version_set_once_truncate BEFORE TRUNCATE ON registry_versions
    FOR EACH STATEMENT EXECUTE FUNCTION append_only();

-- A voided campaign is never drawn.
CREATE FUNCTION no_draw_after_void() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM voids WHERE campaign_id = NEW.campaign_id) THEN
        RAISE EXCEPTION 'dualdraw: campaign % is voided and cannot be drawn', NEW.campaign_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER no_draw_after_void BEFORE INSERT ON draws
    FOR EACH ROW EXECUTE FUNCTION no_draw_after_void();
