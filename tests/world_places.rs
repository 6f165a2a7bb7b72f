//! The bundled world places (gazetteers/geonames-world.tsv and the former countries of
//! countries.tsv) on sentences of general news: well-known places resolve to their GeoNames
//! ids, and a guarded place stays out of a document that does not name its country or region.

mod common;
use common::pipeline;
use gazette::document::Document;

/// The (surface, type, entity id) of every mention of `text`.
fn mentions(text: &str) -> Vec<(String, String, String)> {
    let doc = Document::new("w", text);
    pipeline()
        .extract(&doc)
        .records(&doc)
        .into_iter()
        .map(|r| (r.text, r.kind, r.entity))
        .collect()
}

fn has(found: &[(String, String, String)], text: &str, kind: &str, id: &str) -> bool {
    found
        .iter()
        .any(|(t, k, e)| t == text && k == kind && e == id)
}

#[test]
fn well_known_world_places_resolve_to_their_geonames_ids() {
    let text = "Grain dealers in Chicago said buyers from Ontario and Texas were active, \
                and the wheat board of Canada agreed.";
    let found = mentions(text);
    for (name, id) in [
        ("Chicago", "gn:4887398"),
        ("Ontario", "gn:6093943"),
        ("Texas", "gn:4736286"),
    ] {
        assert!(has(&found, name, "GPE", id), "{name} as {id}: {found:?}");
    }
}

#[test]
fn former_countries_of_the_archive_era_are_places() {
    let found = mentions("Talks between the Soviet Union, West Germany and Yugoslavia resumed.");
    for (name, id) in [
        ("Soviet Union", "gpe.soviet-union"),
        ("West Germany", "gpe.west-germany"),
        ("Yugoslavia", "gpe.yugoslavia"),
    ] {
        assert!(has(&found, name, "GPE", id), "{name} as {id}: {found:?}");
    }
}

#[test]
fn a_guarded_place_needs_its_country_or_region_in_the_document() {
    // Phoenix is a common English word: the city counts only beside Arizona or its country.
    let city = mentions("Output rose in Phoenix, Arizona, the company said.");
    assert!(has(&city, "Phoenix", "GPE", "gn:5308655"), "{city:?}");
    let word = mentions("Like a Phoenix, the old firm rose again after the merger.");
    assert!(!word.iter().any(|(t, _, _)| t == "Phoenix"), "{word:?}");
    // A one-word city smaller than a million people: Quebec City needs Canada.
    let with = mentions("Quebec was cold, a Canadian trader in Canada said.");
    assert!(has(&with, "Quebec", "GPE", "gn:6325494"), "{with:?}");
    let without = mentions("Quebec was cold, the trader said.");
    assert!(
        !without.iter().any(|(t, _, _)| t == "Quebec"),
        "{without:?}"
    );
}

#[test]
fn a_city_then_its_state_names_the_state_and_a_foreign_namesake_is_not_linked() {
    let found = mentions(
        "The trust, based in Atlanta, Georgia, and a bank in Seattle, Washington, sold \
         bonds. A rodeo in Paris, Texas, drew crowds. Officials in Washington agreed.",
    );
    assert!(has(&found, "Georgia", "GPE", "gn:4197000"), "{found:?}");
    assert!(has(&found, "Washington", "GPE", "gn:5815135"), "{found:?}");
    assert!(
        has(&found, "Washington", "GPE", "gpe.washington-us"),
        "{found:?}"
    );
    assert!(!found.iter().any(|(t, _, _)| t == "Paris"), "{found:?}");
    assert!(has(&found, "Texas", "GPE", "gn:4736286"), "{found:?}");
    // The country is still Georgia where the document says so.
    let found = mentions("Talks in Tbilisi ended; Georgia will join, its president said.");
    assert!(has(&found, "Georgia", "GPE", "gn:614540"), "{found:?}");
}

#[test]
fn a_state_abbreviation_after_a_city_is_the_state_and_drops_a_foreign_namesake() {
    let found = mentions(
        "Acme Vineyards, based in San Jose, Calif., said its plant in Cairo, Ill., \
         and its office in Albany, N.Y., would stay open.",
    );
    assert!(has(&found, "Calif.", "GPE", "gn:5332921"), "{found:?}");
    assert!(has(&found, "Ill.", "GPE", "gn:4896861"), "{found:?}");
    assert!(has(&found, "N.Y.", "GPE", "gn:5128638"), "{found:?}");
    // Costa Rica's capital and Egypt's are other places of those names.
    assert!(
        !found
            .iter()
            .any(|(t, _, _)| t == "San Jose" || t == "Cairo"),
        "{found:?}"
    );
}

#[test]
fn major_rivers_and_seas_are_places_and_their_namesakes_stay_themselves() {
    let found = mentions(
        "Barges on the Rhine and the Danube were delayed, and a tanker left the \
         Gulf of Mexico for the Bosphorus as the Mississippi River rose.",
    );
    for (name, id) in [
        ("Rhine", "loc.rhine"),
        ("Danube", "loc.danube"),
        ("Gulf of Mexico", "loc.gulf-of-mexico"),
        ("Bosphorus", "loc.bosporus"),
        ("Mississippi River", "loc.mississippi-river"),
    ] {
        assert!(has(&found, name, "LOC", id), "{name} as {id}: {found:?}");
    }
    // A river whose bare name is a state, a country or a company is listed with "River"
    // only: the bare name keeps its other meaning, or none.
    let bare = mentions(
        "Farmers in Mississippi and traders in Niger said Amazon and Rhone-Poulenc were buying.",
    );
    assert!(has(&bare, "Mississippi", "GPE", "gn:4436296"), "{bare:?}");
    assert!(
        !bare
            .iter()
            .any(|(_, k, e)| k == "LOC" || e.starts_with("loc.")),
        "{bare:?}"
    );
}

#[test]
fn a_city_beside_its_states_abbreviation_meets_its_guard() {
    // A story that never writes the country: the state's code after the city does.
    let found = mentions("Acme Widget Inc, based in Seattle, Wash., said sales rose.");
    assert!(has(&found, "Seattle", "GPE", "gn:5809844"), "{found:?}");
    let found = mentions("The plant is in Portland, Ore., the firm said.");
    assert!(has(&found, "Portland", "GPE", "gn:5746545"), "{found:?}");
    // Without a region, code or country the guard still holds the city out.
    let found = mentions("Acme Widget Inc said sales in Seattle rose.");
    assert!(!found.iter().any(|(t, _, _)| t == "Seattle"), "{found:?}");
}
