-- gazette's output tables for PostgreSQL. src/sink/pg.rs runs this file (include_str!) every
-- time it connects, so every statement must be idempotent. The tables go into the first schema
-- on the search_path. Columns and indexes match schema/sqlite.sql, which documents each column.

CREATE TABLE IF NOT EXISTS documents (
    id           text PRIMARY KEY,
    source       text,
    content_hash text NOT NULL,
    bytes        bigint NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS entities (
    id         text PRIMARY KEY,
    type       text NOT NULL,
    canonical  text NOT NULL,
    wikidata   text,
    geonames   bigint,
    lat        double precision,
    lon        double precision,
    country    text,
    parent     text,
    attributes jsonb NOT NULL DEFAULT '{}',
    discovered boolean NOT NULL DEFAULT false
);

CREATE TABLE IF NOT EXISTS aliases (
    entity  text NOT NULL REFERENCES entities (id),
    surface text NOT NULL,
    key     text NOT NULL,
    how     text NOT NULL,
    PRIMARY KEY (entity, surface, how)
);

CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key);

CREATE TABLE IF NOT EXISTS mentions (
    document   text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq        bigint NOT NULL,
    start_byte bigint NOT NULL,
    end_byte   bigint NOT NULL,
    surface    text NOT NULL,
    entity     text NOT NULL REFERENCES entities (id),
    match_kind text NOT NULL,
    sentence   bigint NOT NULL,
    confidence real NOT NULL,
    antecedent bigint,
    trace      text,
    PRIMARY KEY (document, seq)
);

CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity, document);

CREATE TABLE IF NOT EXISTS variant_counts (
    entity         text NOT NULL,
    source         text NOT NULL,
    surface        text NOT NULL,
    mentions       bigint NOT NULL,
    documents      bigint NOT NULL,
    first_document text NOT NULL,
    last_document  text NOT NULL,
    PRIMARY KEY (entity, source, surface)
);
