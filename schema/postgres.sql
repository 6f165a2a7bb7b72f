-- gazette's output tables for PostgreSQL. src/sink/pg.rs runs this file (include_str!) every
-- time it connects, so every statement must be idempotent. The tables go into the first schema
-- on the search_path. Columns and indexes match schema/sqlite.sql, which documents each column.
--
-- Every text column compares byte by byte (COLLATE "C"), as SQLite's do, so ids and names sort
-- the same on both backends whatever the database's locale (first_document and last_document in
-- variant_counts depend on it).

CREATE TABLE IF NOT EXISTS documents (
    id           text COLLATE "C" PRIMARY KEY,
    source       text COLLATE "C",
    content_hash text COLLATE "C" NOT NULL,
    bytes        bigint NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS entities (
    id         text COLLATE "C" PRIMARY KEY,
    type       text COLLATE "C" NOT NULL,
    canonical  text COLLATE "C" NOT NULL,
    wikidata   text COLLATE "C",
    geonames   bigint,
    lat        double precision,
    lon        double precision,
    country    text COLLATE "C",
    parent     text COLLATE "C",
    attributes jsonb NOT NULL DEFAULT '{}',
    discovered boolean NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS aliases (
    entity  text COLLATE "C" NOT NULL REFERENCES entities (id),
    surface text COLLATE "C" NOT NULL,
    key     text COLLATE "C" NOT NULL,
    how     text COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, surface, how)
);

CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key);

-- Unlike SQLite, no FOREIGN KEY on document and entity: PostgreSQL checks each with a query
-- per row, which cut loading to a third (65,000 instead of 220,000 mentions/s in
-- benches/sink.rs). The sink keeps both true itself: it refuses a mention whose entity it has
-- not written, and deletes a document's mentions before its row.
CREATE TABLE IF NOT EXISTS mentions (
    document   text COLLATE "C" NOT NULL,
    seq        bigint NOT NULL,
    start_byte bigint NOT NULL,
    end_byte   bigint NOT NULL,
    surface    text COLLATE "C" NOT NULL,
    entity     text COLLATE "C" NOT NULL,
    match_kind text COLLATE "C" NOT NULL,
    sentence   bigint NOT NULL,
    confidence real NOT NULL,
    antecedent bigint,
    trace      text COLLATE "C",
    PRIMARY KEY (document, seq)
);

-- On entity alone, unlike SQLite's (entity, document): a key's entries share one posting list
-- (B-tree deduplication), and a mention costs the server a fifth less CPU to insert (2.35
-- against 3.0 microseconds in benches/sink.rs). The example queries read an entity's documents
-- through a bitmap heap scan, as they would anyway until VACUUM makes index-only scans possible.
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity);

CREATE TABLE IF NOT EXISTS variant_counts (
    entity         text COLLATE "C" NOT NULL,
    source         text COLLATE "C" NOT NULL,
    surface        text COLLATE "C" NOT NULL,
    mentions       bigint NOT NULL,
    documents      bigint NOT NULL,
    first_document text COLLATE "C" NOT NULL,
    last_document  text COLLATE "C" NOT NULL,
    PRIMARY KEY (entity, source, surface)
);
