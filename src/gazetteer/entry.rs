//! The gazetteer's data types: an entity as the files describe it (with its lifetime), its
//! type, dated names and must-not-merge pairs.

use crate::date::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The five entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation: armed group, government body, party, company, outlet.
    Org,
    /// A geopolitical entity: country, province, city, district.
    Gpe,
    /// A non-political location: region, sea, river, mountain.
    Loc,
    /// A facility: base, airport, embassy, camp, zone.
    Facility,
}

impl EntityType {
    /// The upper-case name used in files and records.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Facility => "FACILITY",
        }
    }

    /// The lower-case name, as in the ids of discovered entities (`new:person:…`).
    pub fn as_lower_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Gpe => "gpe",
            EntityType::Loc => "loc",
            EntityType::Facility => "facility",
        }
    }

    /// Is it a place (a GPE or a LOC)? Facilities are named buildings and sites, not places.
    pub(crate) fn is_place(self) -> bool {
        matches!(self, EntityType::Gpe | EntityType::Loc)
    }

    /// Parses `PERSON`, `ORG`, `GPE`, `LOC` or `FACILITY`.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PERSON" => EntityType::Person,
            "ORG" => EntityType::Org,
            "GPE" => EntityType::Gpe,
            "LOC" => EntityType::Loc,
            "FACILITY" => EntityType::Facility,
            _ => return None,
        })
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name with the dates it was in use, when the gazetteer gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedName {
    /// The name.
    pub name: String,
    /// First date or year in use (`2014`, `2014-10-27`), if known.
    pub from: Option<String>,
    /// Last date or year in use, if known.
    pub to: Option<String>,
}

/// One gazetteer entry: an entity as the gazetteer files describe it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable id.
    pub id: String,
    /// Type.
    pub kind: EntityType,
    /// Canonical name.
    pub canonical: String,
    /// Aliases (matched when capitalised).
    pub aliases: Vec<DatedName>,
    /// Case-sensitive codes and acronyms.
    pub codes: Vec<String>,
    /// Definite descriptions that can refer to the entity ("Iranian general").
    pub descriptors: Vec<String>,
    /// Offices held, with dates.
    pub roles: Vec<DatedName>,
    /// Wikidata QID.
    pub qid: Option<String>,
    /// GeoNames id.
    pub geonames: Option<u64>,
    /// Latitude and longitude.
    pub coordinates: Option<[f64; 2]>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Parent or affiliated entity id.
    pub parent: Option<String>,
    /// Guard words: at least one must occur in a document for the entity to be accepted.
    pub context: Vec<String>,
    /// When the entity existed (an organisation) or was in public life (a person): it is
    /// not linked in documents dated outside it.
    pub active: Option<Span>,
    /// Other facts.
    pub attrs: BTreeMap<String, String>,
    /// `file:line` the entity was read from.
    pub origin: String,
}

impl Entry {
    /// Is the entity a country? A country lists the descriptor "country" or carries its
    /// ISO alpha-3 code (`iso3=` in `attrs`); the bundled countries.tsv gives today's both,
    /// and the dissolved states (the Soviet Union, West Germany) the descriptor.
    pub fn is_country(&self) -> bool {
        self.kind == EntityType::Gpe
            && (self.descriptors.iter().any(|d| d == "country") || self.attrs.contains_key("iso3"))
    }

    /// Must the text place this entity to link it: its region or country written right
    /// after it, here or elsewhere in the document (`evidence=placed`, which `gazette
    /// gazetteer import geonames --needs-placing` writes on the world's smaller towns)?
    pub fn needs_placing(&self) -> bool {
        self.attrs.get("evidence").is_some_and(|v| v == "placed")
    }

    /// Is the entity a country's first-level region (a US state, a Canadian province)? The
    /// bundled files mark them `admin_level=1` (countries.tsv) or `feature=A.ADM1` (the
    /// GeoNames imports).
    pub fn is_region(&self) -> bool {
        self.kind == EntityType::Gpe
            && (self.attrs.get("admin_level").is_some_and(|v| v == "1")
                || self.attrs.get("feature").is_some_and(|v| v == "A.ADM1"))
    }
}

/// A pair of names that must never be linked as variants of each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoMerge {
    /// One name.
    pub a: String,
    /// The other.
    pub b: String,
    /// When set, the pair also vetoes, for entities of this type, two longer names that
    /// differ only in this word; untyped pairs veto only the two names themselves.
    pub kind: Option<EntityType>,
}
