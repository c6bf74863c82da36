//! The master ids nearest an unknown one ("did you mean CO.A1.2?"), at most two edits away.
//!
//! Comparing every unknown id with every master id costs unknowns x actions edit distances:
//! on a bad month (2,000 unknown ids in a 100,000-action plan) 200 million, about 40 s. Past
//! a small number of comparisons the candidates are found by deletion variants (SymSpell):
//! two ids within two edits share a string made by deleting at most two characters from
//! each. The unknown ids' variants are put in a table, the master ids' variants looked up
//! in it in one pass, and only the pairs that meet are measured. The answer is the same
//! either way (a property test compares them).

use std::hash::BuildHasher;

use rayon::prelude::*;

use crate::model::ActionId;

/// Edits at most, for a suggestion.
const MAX_EDITS: usize = 2;

/// Below this many comparisons, compare directly.
const DIRECT_LIMIT: usize = 5_000_000;

/// Bits of the filter of the queries' variant hashes (128 KB).
const SEEN_BITS: usize = 1 << 20;

/// Suggestions per unknown id.
const MAX_SUGGESTIONS: usize = 3;

/// For each of `queries`, the master ids within two edits of it, nearest first (then in
/// id order), at most three.
pub fn nearest(ids: &[&ActionId], queries: &[&ActionId]) -> Vec<Vec<String>> {
    nearest_past(ids, queries, DIRECT_LIMIT)
}

/// [`nearest`], comparing directly up to `direct_limit` comparisons.
fn nearest_past(ids: &[&ActionId], queries: &[&ActionId], direct_limit: usize) -> Vec<Vec<String>> {
    if queries.len().saturating_mul(ids.len()) <= direct_limit {
        return queries
            .iter()
            .map(|q| best(q, ids.iter().copied()))
            .collect();
    }
    // The queries' variants, then one pass over the master ids' variants: the pairs that
    // share one are the candidates. (A 32-bit hash: a collision only adds a candidate,
    // which is then measured.)
    let mut by_hash: foldhash::HashMap<u32, Vec<u32>> = foldhash::HashMap::default();
    // The queries' hashes as bits too: most master variants meet none, and a bit says so
    // faster than the table (no false "no": a set bit is then looked up).
    let mut seen = vec![0u64; SEEN_BITS / 64];
    let mut hashes = Vec::new();
    for (qi, q) in queries.iter().enumerate() {
        hashes.clear();
        variant_hashes(q.as_str(), &mut hashes);
        hashes.sort_unstable();
        hashes.dedup();
        for h in &hashes {
            by_hash.entry(*h).or_default().push(qi as u32);
            let b = *h as usize % SEEN_BITS;
            seen[b / 64] |= 1 << (b % 64);
        }
    }
    let mut pairs: Vec<(u32, u32)> = ids
        .par_iter()
        .enumerate()
        .fold(
            || (Vec::new(), Vec::new()),
            |(mut pairs, mut hashes): (Vec<(u32, u32)>, Vec<u32>), (mi, m)| {
                hashes.clear();
                variant_hashes(m.as_str(), &mut hashes);
                for h in &hashes {
                    let b = *h as usize % SEEN_BITS;
                    if seen[b / 64] & (1 << (b % 64)) == 0 {
                        continue;
                    }
                    if let Some(qs) = by_hash.get(h) {
                        pairs.extend(qs.iter().map(|q| (*q, mi as u32)));
                    }
                }
                (pairs, hashes)
            },
        )
        .map(|(pairs, _)| pairs)
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    pairs.sort_unstable();
    pairs.dedup();
    let found: Vec<(u32, Vec<String>)> = pairs
        .par_chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let qi = group[0].0;
            let q = queries[qi as usize];
            (qi, best(q, group.iter().map(|(_, mi)| ids[*mi as usize])))
        })
        .collect();
    let mut out = vec![Vec::new(); queries.len()];
    for (qi, near) in found {
        out[qi as usize] = near;
    }
    out
}

/// The candidates within two edits of `q`, nearest first, at most three.
fn best<'a>(q: &ActionId, candidates: impl Iterator<Item = &'a ActionId>) -> Vec<String> {
    let mut scored: Vec<(usize, &ActionId)> = candidates
        .filter_map(|m| Some((edits_within(q.as_str(), m.as_str(), MAX_EDITS)?, m)))
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, m)| m.to_string())
        .collect()
}

/// The edit distance of `a` and `b` (`strsim::levenshtein`: insertions, deletions and
/// substitutions of characters) when it is at most `max`. Ids are short and most candidates
/// are out of reach, so a row of the table past `max` ends the count.
fn edits_within(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.is_ascii() && b.is_ascii() {
        within(a.as_bytes(), b.as_bytes(), max)
    } else {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        within(&a, &b, max)
    }
}

fn within<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len() + 1;
    let mut stack = [0usize; 64];
    let mut heap = Vec::new();
    let table: &mut [usize] = if 2 * n <= stack.len() {
        &mut stack[..2 * n]
    } else {
        heap.resize(2 * n, 0);
        &mut heap
    };
    let (mut prev, mut cur) = table.split_at_mut(n);
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut least = cur[0];
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            least = least.min(cur[j + 1]);
        }
        if least > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|d| *d <= max)
}

/// The hashes of `s` and of every string made by deleting up to two of its characters,
/// built in one reused buffer (no string per variant); a variant made two ways is there
/// twice (a master id's repeats only find the same candidates again, removed after).
fn variant_hashes(s: &str, out: &mut Vec<u32>) {
    let state = foldhash::fast::FixedState::with_seed(0x5eed);
    let hash = |b: &[u8]| -> u32 { state.hash_one(b) as u32 };
    // Character boundaries, so that a deletion removes a whole character.
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let n = bounds.len() - 1;
    let b = s.as_bytes();
    let mut buf: Vec<u8> = Vec::with_capacity(s.len());
    out.push(hash(b));
    for i in 0..n {
        buf.clear();
        buf.extend_from_slice(&b[..bounds[i]]);
        buf.extend_from_slice(&b[bounds[i + 1]..]);
        out.push(hash(&buf));
        for j in i + 1..n {
            buf.clear();
            buf.extend_from_slice(&b[..bounds[i]]);
            buf.extend_from_slice(&b[bounds[i + 1]..bounds[j]]);
            buf.extend_from_slice(&b[bounds[j + 1]..]);
            out.push(hash(&buf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(list: &[&str]) -> Vec<ActionId> {
        list.iter().map(|s| ActionId::parse(s).unwrap()).collect()
    }

    #[test]
    fn deletion_variants() {
        let distinct = |s: &str| {
            let mut h = Vec::new();
            variant_hashes(s, &mut h);
            let all = h.len();
            h.sort_unstable();
            h.dedup();
            (all, h.len())
        };
        // "ab": itself, "a", "b", "".
        assert_eq!(distinct("ab"), (4, 4));
        // "aab": itself, 3 one-deletions ("ab" twice, "aa"), 3 two-deletions ("b" twice,
        // "a"); distinct: "aab", "ab", "aa", "b", "a".
        assert_eq!(distinct("aab"), (7, 5));
        // A deletion removes a whole character, however many bytes it has.
        assert_eq!(distinct("é1"), (4, 4));
    }

    #[test]
    fn bounded_edits_on_long_ids_use_a_table_off_the_stack() {
        let long = "ABC.".repeat(12);
        let near = format!("{}X", &long[1..]);
        assert_eq!(edits_within(&long, &near, 2), Some(2));
        assert_eq!(edits_within(&long, &near, 1), None);
        assert_eq!(edits_within(&long, &long, 0), Some(0));
    }

    /// Through the candidate pass (forced), as a large month would go.
    fn indexed(ids: &[&ActionId], q: &ActionId) -> Vec<String> {
        nearest_past(ids, &[q], 0).swap_remove(0)
    }

    #[test]
    fn the_candidate_pass_finds_what_comparing_finds() {
        let master = ids(&["CO.A1.2", "CO.A1.10", "CO.A1.9", "CO.B2.1", "GOV-01"]);
        let refs: Vec<&ActionId> = master.iter().collect();
        let q = ActionId::parse("CO.A1.12").unwrap();
        let direct = nearest(&refs, &[&q]).swap_remove(0);
        assert_eq!(direct, ["CO.A1.2", "CO.A1.10", "CO.A1.9"]);
        assert_eq!(indexed(&refs, &q), direct);
        let far = ActionId::parse("ZZ.9").unwrap();
        assert!(indexed(&refs, &far).is_empty());
    }

    proptest! {
        #[test]
        fn bounded_edits_are_levenshtein_within_reach(
            a in "[A-C0-9.é-]{0,12}",
            b in "[A-C0-9.é-]{0,12}",
            max in 0usize..4,
        ) {
            let d = strsim::levenshtein(&a, &b);
            prop_assert_eq!(edits_within(&a, &b, max), (d <= max).then_some(d));
        }

        #[test]
        fn indexed_and_direct_agree(
            master in proptest::collection::vec("[A-C]{1,2}[.-]?[0-9]{1,3}", 1..40),
            query in "[A-C]{1,2}[.-]?[0-9]{1,3}",
        ) {
            let master: Vec<ActionId> = master.iter().filter_map(|s| ActionId::parse(s)).collect();
            let Some(q) = ActionId::parse(&query) else { return Ok(()) };
            let refs: Vec<&ActionId> = master.iter().collect();
            let direct = nearest(&refs, &[&q]).swap_remove(0);
            prop_assert_eq!(indexed(&refs, &q), direct);
        }
    }
}
