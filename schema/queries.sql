-- Example queries over gazette's tables; each runs unchanged on SQLite and PostgreSQL.
-- tests/sink.rs runs every query in this file against both backends, so they stay correct.
-- Entity ids are examples: per.qassem-soleimani, org.kataib-hezbollah, gn:98182 (Baghdad).

-- name: spellings_by_feed
-- Every spelling of each entity by feed, most used first ('' = no feed named).
SELECT e.id, e.canonical, v.source, v.surface, v.mentions, v.documents
FROM variant_counts v
JOIN entities e ON e.id = v.entity
ORDER BY e.id, v.source, v.mentions DESC, v.surface;

-- name: documents_with_both
-- Documents mentioning two entities together (reads only the mentions_entity index).
SELECT document FROM mentions WHERE entity = 'per.qassem-soleimani'
INTERSECT
SELECT document FROM mentions WHERE entity = 'org.kataib-hezbollah'
ORDER BY document;

-- name: co_mentioned_with
-- Entities co-mentioned most with Baghdad: in how many of its documents each other entity
-- appears.
SELECT e.id, e.canonical, count(DISTINCT o.document) AS documents
FROM (SELECT DISTINCT document FROM mentions WHERE entity = 'gn:98182') x
JOIN mentions o ON o.document = x.document AND o.entity <> 'gn:98182'
JOIN entities e ON e.id = o.entity
GROUP BY e.id, e.canonical
ORDER BY documents DESC, e.id
LIMIT 20;
