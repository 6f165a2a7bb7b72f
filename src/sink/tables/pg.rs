//! The PostgreSQL sink: one transaction per batch; documents and mentions go in with binary
//! `COPY`, entities and aliases as arrays through `unnest` with `ON CONFLICT`.

use super::{
    AliasRow, Database, DocumentOutput, EntityRow, Plan, Session, attributes_json, redact, sql_int,
};
use crate::error::Error;
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Transaction};
use std::collections::HashMap;

const SCHEMA: &str = include_str!("../../../schema/postgres.sql");

/// Serialises writers to the same schema: every batch reads the stored content hashes and then
/// writes according to them, which must not interleave with another run's batch. Readers are
/// not blocked.
const LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext('gazette ' || current_schema()))";

const UPSERT_ENTITIES: &str = "
    INSERT INTO entities (id, type, canonical, wikidata, geonames, lat, lon, country, parent,
                          attributes, discovered)
    SELECT id, type, canonical, wikidata, geonames, lat, lon, country, parent,
           attributes::jsonb, discovered
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::float8[],
                $7::float8[], $8::text[], $9::text[], $10::text[], $11::bool[])
         AS t (id, type, canonical, wikidata, geonames, lat, lon, country, parent, attributes,
               discovered)
    ON CONFLICT (id) DO UPDATE SET
        type = excluded.type, canonical = excluded.canonical, wikidata = excluded.wikidata,
        geonames = excluded.geonames, lat = excluded.lat, lon = excluded.lon,
        country = excluded.country, parent = excluded.parent,
        attributes = excluded.attributes, discovered = excluded.discovered
    -- An unchanged row is left alone rather than rewritten (a dead tuple per re-run).
    WHERE (entities.type, entities.canonical, entities.wikidata, entities.geonames,
           entities.lat, entities.lon, entities.country, entities.parent,
           entities.attributes, entities.discovered)
          IS DISTINCT FROM
          (excluded.type, excluded.canonical, excluded.wikidata, excluded.geonames,
           excluded.lat, excluded.lon, excluded.country, excluded.parent,
           excluded.attributes, excluded.discovered)";

const INSERT_ALIASES: &str = "
    INSERT INTO aliases (entity, surface, key, how)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
    ON CONFLICT DO NOTHING";

const COPY_DOCUMENTS: &str =
    "COPY documents (id, source, content_hash, bytes) FROM STDIN (FORMAT binary)";
const DOCUMENT_TYPES: [Type; 4] = [Type::TEXT, Type::TEXT, Type::TEXT, Type::INT8];

const COPY_MENTIONS: &str = "
    COPY mentions (document, seq, start_byte, end_byte, surface, entity, match_kind, sentence,
                   confidence, antecedent, trace)
    FROM STDIN (FORMAT binary)";
const MENTION_TYPES: [Type; 11] = [
    Type::TEXT,
    Type::INT8,
    Type::INT8,
    Type::INT8,
    Type::TEXT,
    Type::TEXT,
    Type::TEXT,
    Type::INT8,
    Type::FLOAT4,
    Type::INT8,
    Type::TEXT,
];

/// Recomputes `variant_counts`. Text columns compare bytewise (COLLATE "C"), so first and
/// last documents are the ones SQLite picks.
const RECOUNT_VARIANTS: &str = "
    DELETE FROM variant_counts;
    INSERT INTO variant_counts
        (entity, source, surface, mentions, documents, first_document, last_document)
    SELECT m.entity, coalesce(d.source, ''), m.surface,
           count(*), count(DISTINCT m.document), min(m.document), max(m.document)
    FROM mentions m JOIN documents d ON d.id = m.document
    GROUP BY m.entity, coalesce(d.source, ''), m.surface;";

/// Writes into the first schema on the connection's search_path.
pub(super) struct PgSink {
    client: Client,
    /// The connection URL with its password hidden, for error messages.
    url: String,
    session: Session,
}

impl PgSink {
    /// Connects and creates the tables if they are missing.
    pub(super) fn connect(url: &str) -> Result<PgSink, Error> {
        let shown = redact(url);
        let client = Client::connect(url, NoTls).map_err(|source| Error::PostgresConnect {
            url: shown.clone(),
            source,
        })?;
        let mut sink = PgSink {
            client,
            url: shown,
            session: Session::default(),
        };
        sink.create_schema().map_err(|e| sink.error(e))?;
        Ok(sink)
    }

    fn create_schema(&mut self) -> Result<(), postgres::Error> {
        // Two runs starting together would race on CREATE TABLE IF NOT EXISTS.
        let mut tx = self.client.transaction()?;
        tx.batch_execute(LOCK)?;
        tx.batch_execute(SCHEMA)?;
        tx.commit()
    }
}

impl Database for PgSink {
    type Failure = postgres::Error;

    fn session(&mut self) -> &mut Session {
        &mut self.session
    }

    fn error(&self, source: postgres::Error) -> Error {
        Error::Postgres {
            url: self.url.clone(),
            source,
        }
    }

    /// Writes a checked batch in one transaction; returns (documents, mentions) written.
    fn write(&mut self, plan: &Plan<'_>) -> Result<(u64, u64), postgres::Error> {
        let mut tx = self.client.transaction()?;
        tx.batch_execute(LOCK)?;
        upsert_entities(&mut tx, &plan.entities)?;
        insert_aliases(&mut tx, &plan.aliases)?;
        let fresh = fresh_documents(&mut tx, &plan.docs)?;
        copy_documents(&mut tx, &fresh)?;
        let mentions = copy_mentions(&mut tx, &fresh)?;
        tx.commit()?;
        Ok((fresh.len() as u64, mentions))
    }

    /// Recomputes `variant_counts` in one transaction, then refreshes the planner's statistics.
    fn recount(&mut self) -> Result<(), postgres::Error> {
        let mut tx = self.client.transaction()?;
        tx.batch_execute(LOCK)?;
        tx.batch_execute(RECOUNT_VARIANTS)?;
        tx.commit()?;
        // Autovacuum would get to it, but a query right after a first load would be planned
        // as if the tables were empty: "co-mentioned with X" scanned all of mentions instead
        // of using its indexes. ANALYZE samples, so this stays cheap on a large archive.
        self.client
            .batch_execute("ANALYZE documents, entities, aliases, mentions, variant_counts")
    }
}

fn upsert_entities(tx: &mut Transaction<'_>, rows: &[&EntityRow]) -> Result<(), postgres::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let column = |f: fn(&EntityRow) -> Option<&str>| rows.iter().map(|e| f(e)).collect::<Vec<_>>();
    let ids = column(|e| Some(e.id.as_str()));
    let kinds = column(|e| Some(e.kind.as_str()));
    let canonicals = column(|e| Some(e.canonical.as_str()));
    let wikidata = column(|e| e.wikidata.as_deref());
    let countries = column(|e| e.country.as_deref());
    let parents = column(|e| e.parent.as_deref());
    let geonames: Vec<Option<i64>> = rows.iter().map(|e| e.geonames.map(sql_int)).collect();
    let lats: Vec<Option<f64>> = rows.iter().map(|e| e.lat).collect();
    let lons: Vec<Option<f64>> = rows.iter().map(|e| e.lon).collect();
    let attributes: Vec<String> = rows
        .iter()
        .map(|e| attributes_json(&e.attributes))
        .collect();
    let discovered: Vec<bool> = rows.iter().map(|e| e.discovered).collect();
    let params: [&(dyn ToSql + Sync); 11] = [
        &ids,
        &kinds,
        &canonicals,
        &wikidata,
        &geonames,
        &lats,
        &lons,
        &countries,
        &parents,
        &attributes,
        &discovered,
    ];
    tx.execute(UPSERT_ENTITIES, &params)?;
    Ok(())
}

fn insert_aliases(tx: &mut Transaction<'_>, rows: &[&AliasRow]) -> Result<(), postgres::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let column = |f: fn(&AliasRow) -> &str| rows.iter().map(|a| f(a)).collect::<Vec<_>>();
    let entities = column(|a| &a.entity);
    let surfaces = column(|a| &a.surface);
    let keys = column(|a| &a.key);
    let hows = column(|a| &a.how);
    tx.execute(INSERT_ALIASES, &[&entities, &surfaces, &keys, &hows])?;
    Ok(())
}

/// The documents to write: those not stored, or stored with another content hash. The
/// latter are deleted first, mentions and all, so that `COPY` can insert them again.
fn fresh_documents<'a>(
    tx: &mut Transaction<'_>,
    docs: &[&'a DocumentOutput],
) -> Result<Vec<&'a DocumentOutput>, postgres::Error> {
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    let stored: HashMap<String, String> = tx
        .query(
            "SELECT id, content_hash FROM documents WHERE id = ANY($1)",
            &[&ids],
        )?
        .into_iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    let mut replaced = Vec::new();
    let mut fresh: Vec<&DocumentOutput> = Vec::with_capacity(docs.len());
    for doc in docs {
        match stored.get(&doc.meta.id) {
            Some(hash) if *hash == doc.meta.content_hash => continue,
            Some(_) => replaced.push(doc.meta.id.as_str()),
            None => {}
        }
        fresh.push(doc);
    }
    if !replaced.is_empty() {
        tx.execute(
            "DELETE FROM mentions WHERE document = ANY($1)",
            &[&replaced],
        )?;
        tx.execute("DELETE FROM documents WHERE id = ANY($1)", &[&replaced])?;
    }
    Ok(fresh)
}

/// Inserts the document rows with binary `COPY`.
fn copy_documents(
    tx: &mut Transaction<'_>,
    docs: &[&DocumentOutput],
) -> Result<(), postgres::Error> {
    let mut copy = BinaryCopyInWriter::new(tx.copy_in(COPY_DOCUMENTS)?, &DOCUMENT_TYPES);
    for doc in docs {
        let m = &doc.meta;
        copy.write(&[&m.id, &m.source, &m.content_hash, &sql_int(m.bytes)])?;
    }
    copy.finish()?;
    Ok(())
}

/// Inserts the documents' mentions with binary `COPY`, numbered in document order (the `seq`
/// column); returns how many.
fn copy_mentions(
    tx: &mut Transaction<'_>,
    docs: &[&DocumentOutput],
) -> Result<u64, postgres::Error> {
    let mut mentions = 0;
    let mut copy = BinaryCopyInWriter::new(tx.copy_in(COPY_MENTIONS)?, &MENTION_TYPES);
    for doc in docs {
        for (seq, m) in doc.mentions.iter().enumerate() {
            copy.write(&[
                &doc.meta.id,
                &sql_int(seq),
                &sql_int(m.start),
                &sql_int(m.end),
                &m.text,
                &m.entity,
                &m.how.as_str(),
                &sql_int(m.sentence),
                &m.confidence,
                &m.antecedent.map(sql_int),
                &m.trace,
            ])?;
        }
        mentions += doc.mentions.len() as u64;
    }
    copy.finish()?;
    Ok(mentions)
}
