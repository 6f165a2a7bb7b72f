//! The name particles of `particles.tsv`: which rules treat a word as a particle. The words
//! are looked up by a perfect hash over their bytes packed into a `u32` (build.rs finds the
//! multiplier), so the stages can ask about every word of a text.

include!(concat!(env!("OUT_DIR"), "/particles.rs"));

/// The roles of a particle, one bit per column of `particles.tsv`.
pub(crate) mod role {
    /// A form of the Arabic article before a hyphen, folded to "al".
    pub(crate) const ARTICLE: u8 = 1;
    /// May open a gazetteer name written in lower case.
    pub(crate) const OPENS: u8 = 2;
    /// A particle of the variant stage.
    pub(crate) const VARIANT: u8 = 4;
    /// May stand inside a name found from context.
    pub(crate) const PERSON: u8 = 8;
    /// May stand inside a name given in parentheses.
    pub(crate) const ASIDE: u8 = 16;
}

/// A word of up to four bytes as the little-endian `u32` of its bytes, zero-padded.
const fn pack(word: &[u8]) -> u32 {
    let mut v = 0u32;
    let mut i = 0;
    while i < word.len() && i < 4 {
        v |= (word[i] as u32) << (8 * i);
        i += 1;
    }
    v
}

const fn slot(packed: u32) -> usize {
    (packed.wrapping_mul(HASH) >> 26) as usize
}

/// The particles by slot: each packed word, and its roles (`u32::MAX` and 0 in empty slots;
/// no word packs to `u32::MAX`).
const TABLE: [(u32, u8); 64] = {
    let mut t = [(u32::MAX, 0u8); 64];
    let mut i = 0;
    while i < LIST.len() {
        let v = pack(LIST[i].0.as_bytes());
        assert!(
            t[slot(v)].0 == u32::MAX,
            "HASH puts two particles in one slot"
        );
        t[slot(v)] = (v, LIST[i].1);
        i += 1;
    }
    t
};

/// The particles with any of `roles`, each packed in its slot (0 in the others: no word
/// packs to 0), for a stage that asks one question of every word.
pub(crate) const fn packed_with(roles: u8) -> [u32; 64] {
    let mut t = [0u32; 64];
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].1 & roles != 0 {
            t[i] = TABLE[i].0;
        }
        i += 1;
    }
    t
}

/// Is the word of `len` bytes whose first four bytes (zero-padded) are `first4` in `table`
/// (made by [`packed_with`])? No branch on the word.
#[inline]
pub(crate) fn in_packed(table: &[u32; 64], first4: u32, len: usize) -> bool {
    let v = first4 & mask(len);
    (len <= 4) & (table[slot(v)] == v)
}

/// The mask that keeps a word's `len` bytes of four.
#[inline]
const fn mask(len: usize) -> u32 {
    if len >= 4 {
        u32::MAX
    } else {
        (1u32 << (8 * len)) - 1
    }
}

/// The roles of a word of `len` bytes whose first four bytes (zero-padded) are `first4`,
/// with no branch on the word: a word longer than four bytes, or any other word, has none.
/// Zero padding cannot make a longer word look like a shorter one: no key holds a zero byte.
#[inline]
fn roles_packed(first4: u32, len: usize) -> u8 {
    let v = first4 & mask(len);
    let (word, roles) = TABLE[slot(v)];
    // Which words are particles is what a branch predictor cannot guess: no branch.
    let hit = u8::from((len <= 4) & (word == v));
    roles & hit.wrapping_neg()
}

/// The roles of a word (its bytes as written; particles are lower case).
#[inline]
pub(crate) fn roles(word: &[u8]) -> u8 {
    if word.len() > 4 {
        return 0;
    }
    roles_packed(pack(word), word.len())
}

/// Is the word a particle for the rule `role` (one of [`role`]'s bits)?
#[inline]
pub(crate) fn is(word: &str, role: u8) -> bool {
    roles(word.as_bytes()) & role != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `particles.tsv`, read here independently of build.rs.
    fn rows() -> Vec<(String, u8)> {
        let text = include_str!("particles.tsv");
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        lines.next();
        lines
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let roles = (0..5)
                    .filter(|&i| f[i + 1] == "x")
                    .fold(0, |r, i| r | 1 << i);
                (f[0].to_string(), roles)
            })
            .collect()
    }

    #[test]
    fn every_row_is_found_with_its_roles() {
        let rows = rows();
        assert!(rows.len() >= 20);
        for (w, r) in &rows {
            assert_eq!(roles(w.as_bytes()), *r, "{w}");
        }
    }

    #[test]
    fn other_words_have_no_roles() {
        for w in [
            "", "a", "the", "Al", "AL", "als", "alx", "bi", "bins", "abus", "ab", "d", "abdul",
            "dane", "laa", "é", "ال",
        ] {
            assert_eq!(roles(w.as_bytes()), 0, "{w:?}");
        }
    }

    #[test]
    fn each_rule_has_the_particles_it_had() {
        let with = |role: u8| -> Vec<String> {
            rows()
                .into_iter()
                .filter(|(_, r)| r & role != 0)
                .map(|(w, _)| w)
                .collect()
        };
        assert_eq!(
            with(role::OPENS),
            [
                "al", "ul", "bin", "ibn", "bint", "de", "van", "von", "da", "di", "le", "la", "du"
            ]
        );
        assert_eq!(
            with(role::VARIANT),
            [
                "al", "el", "ul", "bin", "ibn", "ben", "abu", "abou", "abo", "abd"
            ]
        );
        assert_eq!(
            with(role::PERSON),
            ["al", "el", "bin", "ibn", "bint", "de", "van", "von", "da"]
        );
        assert_eq!(with(role::ASIDE), ["al", "el", "bin", "ibn"]);
        assert_eq!(
            with(role::ARTICLE),
            [
                "al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "adh", "ath"
            ]
        );
    }
}
