-- gazette's output tables for SQLite. src/sink/sqlite.rs runs this file (include_str!) every
-- time it opens a database, so every statement must be idempotent. schema/postgres.sql holds
-- the same tables, columns and indexes for PostgreSQL; keep the two in step.
--
-- The grain of each table:
--   documents       one row per document id: the version (content hash) last written
--   entities        one row per entity id
--   aliases         one row per way (how) a surface names an entity
--   mentions        one row per mention, numbered (seq) in the document's mention order
--   variant_counts  one row per (entity, source, surface): recomputed at the end of each run
--
-- STRICT makes SQLite reject a value of the wrong type instead of storing it. WITHOUT ROWID
-- stores a table in its primary key's order, so all of a document's mentions sit together.

CREATE TABLE IF NOT EXISTS documents (
    id           TEXT PRIMARY KEY,
    source       TEXT,              -- feed name; NULL when the input named none
    content_hash TEXT NOT NULL,     -- lowercase hex SHA-256 of the text's UTF-8 bytes
    bytes        INTEGER NOT NULL,  -- length of the text in bytes
    processed_at TEXT NOT NULL      -- UTC, ISO 8601: when this version was written
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS entities (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,             -- PERSON, ORG, GPE, LOC or FACILITY
    canonical  TEXT NOT NULL,
    wikidata   TEXT,                      -- Wikidata QID
    geonames   INTEGER,                   -- GeoNames id
    lat        REAL,
    lon        REAL,
    country    TEXT,                      -- ISO 3166-1 alpha-2
    parent     TEXT,                      -- id of the parent or affiliated entity
    attributes TEXT NOT NULL DEFAULT '{}',  -- JSON object of string values
    discovered INTEGER NOT NULL DEFAULT 0   -- 1 when found in text rather than a gazetteer
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS aliases (
    entity  TEXT NOT NULL REFERENCES entities (id),
    surface TEXT NOT NULL,  -- the name as written
    key     TEXT NOT NULL,  -- the surface through the matcher's normaliser
    how     TEXT NOT NULL,  -- canonical, alias, code, observed, variant or discovered
    PRIMARY KEY (entity, surface, how)
) STRICT, WITHOUT ROWID;

-- Name lookups: which entities can this (normalised) spelling be?
CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key);

CREATE TABLE IF NOT EXISTS mentions (
    document   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,  -- 0-based position in the document's mentions
    start_byte INTEGER NOT NULL,  -- UTF-8 byte offset of the surface in the original text
    end_byte   INTEGER NOT NULL,  -- one past the last byte
    surface    TEXT NOT NULL,
    entity     TEXT NOT NULL REFERENCES entities (id),
    match_kind TEXT NOT NULL,     -- exact, alias, variant, partial, acronym, coref, discovered
    sentence   INTEGER NOT NULL,  -- 0-based sentence the mention starts in
    confidence REAL NOT NULL,
    antecedent INTEGER,           -- coref mentions: seq of the antecedent
    trace      TEXT,              -- the rules that made the link, when recorded
    PRIMARY KEY (document, seq)
) STRICT, WITHOUT ROWID;

-- "documents mentioning two entities together" and the first half of "entities co-mentioned
-- most with X" read only this index; the other half walks the primary key by document.
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity, document);

CREATE TABLE IF NOT EXISTS variant_counts (
    entity         TEXT NOT NULL,
    source         TEXT NOT NULL,     -- '' for documents that named no feed
    surface        TEXT NOT NULL,
    mentions       INTEGER NOT NULL,
    documents      INTEGER NOT NULL,  -- distinct documents
    first_document TEXT NOT NULL,     -- smallest document id (byte order)
    last_document  TEXT NOT NULL,     -- largest document id (byte order)
    PRIMARY KEY (entity, source, surface)
) STRICT, WITHOUT ROWID;
