//! The gazetteer parser on arbitrary bytes as one file: no panic; a file it accepts
//! compiles, and matching a fixed text against it keeps spans inside that text.
#![no_main]

use gazette::bench::Stages;
use gazette::gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "Gen. Dana Whitfield met the Vantor Kessel Brigade in Baghdad on Jan. 3.";

fuzz_target!(|data: &[u8]| {
    let content = String::from_utf8_lossy(data);
    let mut g = Gazetteer::default();
    if g.add_str("fuzz.tsv", &content).is_err() {
        return;
    }
    let Ok(stages) = Stages::new(g) else {
        return;
    };
    let doc = Stages::analyse(TEXT);
    let found = stages.find(&doc);
    let _ = stages.resolve(&doc, &found);
});
