-- dualdraw workspace, schema version 1.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
-- One immutable version of one registry.
CREATE TABLE registry_versions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('items', 'entities', 'officers', 'recusals')),
    root       BLOB NOT NULL,
    size       INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
-- Its records, in key order, packed as lp(record) runs.
CREATE TABLE registry_chunks (
    version INTEGER NOT NULL REFERENCES registry_versions(id),
    seq     INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (version, seq)
) WITHOUT ROWID;
-- A snapshot: one version of each registry.
CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY,
    digest     BLOB NOT NULL,
    created_at TEXT NOT NULL,
    note       TEXT NOT NULL,
    items_v    INTEGER NOT NULL REFERENCES registry_versions(id),
    entities_v INTEGER NOT NULL REFERENCES registry_versions(id),
    officers_v INTEGER NOT NULL REFERENCES registry_versions(id),
    recusals_v INTEGER NOT NULL REFERENCES registry_versions(id)
);
-- USCCs failing their check character that the bureau accepted knowingly.
CREATE TABLE legacy_uscc (
    code TEXT PRIMARY KEY
);
