//! Which return rows report which master action: the master's index of ids, each return's
//! rows matched to it, and who owns what.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;

use crate::model::DirectorateKey;
use crate::model::{ActionId, DirectorateReturn, MasterPlan, ReturnRow};

/// A reference to one row of one return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRef {
    /// Index into the month's returns.
    pub ret: usize,
    /// Index into that return's rows.
    pub row: usize,
}

/// A row that repeats an action already reported higher up the same return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatedRow {
    pub ret: usize,
    /// The first row with the id (the one that is used).
    pub first: usize,
    pub row: usize,
    /// Whether the two rows say the same thing.
    pub identical: bool,
}

/// One return matched against the master.
#[derive(Debug, Clone, Default)]
pub struct ReturnMatch {
    /// `(action index, row index)` for each row that reports a master action.
    pub pairs: Vec<(usize, usize)>,
    /// Rows whose id is not in the master plan.
    pub unknown: Vec<usize>,
    pub repeated: Vec<RepeatedRow>,
}

/// A directorate that owns actions in the master plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// As the master plan first spells it.
    pub name: String,
    /// How many actions it owns.
    pub actions: usize,
    /// Its return, if it sent one.
    pub ret: Option<usize>,
}

/// The master plan's ids: the row of each id, and the rows that repeat one.
pub struct MasterIndex<'a> {
    pub rows: HashMap<&'a ActionId, usize>,
    /// `(first row, repeated row)` for each id the master lists twice.
    pub repeated: Vec<(usize, usize)>,
}

impl<'a> MasterIndex<'a> {
    pub fn new(master: &'a MasterPlan) -> MasterIndex<'a> {
        let mut rows: HashMap<&ActionId, usize> = HashMap::with_capacity(master.actions.len());
        let mut repeated = Vec::new();
        for (i, a) in master.actions.iter().enumerate() {
            match rows.get(&a.id.value) {
                Some(&first) => repeated.push((first, i)),
                None => {
                    rows.insert(&a.id.value, i);
                }
            }
        }
        MasterIndex { rows, repeated }
    }
}

/// Match every return's rows to master actions, each return on its own core; the result is
/// in return order, so it does not depend on the threads.
pub fn match_returns(returns: &[DirectorateReturn], index: &MasterIndex) -> Vec<ReturnMatch> {
    returns
        .par_iter()
        .enumerate()
        .map(|(ri, ret)| match_return(ri, ret, index))
        .collect()
}

fn match_return(ri: usize, ret: &DirectorateReturn, index: &MasterIndex) -> ReturnMatch {
    let mut m = ReturnMatch {
        pairs: Vec::with_capacity(ret.rows.len()),
        ..ReturnMatch::default()
    };
    let mut seen: HashMap<&ActionId, usize> = HashMap::with_capacity(ret.rows.len());
    for (rowi, row) in ret.rows.iter().enumerate() {
        let id = &row.id.value;
        if let Some(&first) = seen.get(id) {
            m.repeated.push(RepeatedRow {
                ret: ri,
                first,
                row: rowi,
                identical: same_content(&ret.rows[first], row),
            });
            continue;
        }
        seen.insert(id, rowi);
        match index.rows.get(id) {
            Some(&ai) => m.pairs.push((ai, rowi)),
            None => m.unknown.push(rowi),
        }
    }
    m
}

fn same_content(a: &ReturnRow, b: &ReturnRow) -> bool {
    fn v<T: PartialEq>(x: &Option<crate::model::Sourced<T>>) -> Option<&T> {
        x.as_ref().map(|s| &s.value)
    }
    v(&a.rag) == v(&b.rag)
        && v(&a.progress) == v(&b.progress)
        && v(&a.revised) == v(&b.revised)
        && v(&a.title) == v(&b.title)
        && v(&a.achievements) == v(&b.achievements)
        && v(&a.next_steps) == v(&b.next_steps)
        && v(&a.issues) == v(&b.issues)
        && v(&a.change_control) == v(&b.change_control)
        && v(&a.due) == v(&b.due)
}

/// The directorates that own actions, in order of their normalised names, each with its
/// return if it sent one; and, per directorate as the plan spells it, that return.
pub fn owners<'a>(
    master: &'a MasterPlan,
    returns: &[DirectorateReturn],
) -> (Vec<Owner>, HashMap<&'a str, Option<usize>>) {
    // A later return of the same directorate wins, as it always has.
    let return_of: HashMap<DirectorateKey, usize> = returns
        .iter()
        .enumerate()
        .map(|(i, r)| (DirectorateKey::of(&r.directorate), i))
        .collect();
    // Count by the text as written first (a few distinct names over many actions), then
    // normalise each distinct name once; the first spelling in the plan names the owner.
    let mut by_text: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, a) in master.actions.iter().enumerate() {
        let d = a.directorate_text();
        if !d.is_empty() {
            by_text.entry(d).or_insert((i, 0)).1 += 1;
        }
    }
    let mut spellings: Vec<(&str, (usize, usize))> = by_text.into_iter().collect();
    spellings.sort_by_key(|(_, (first, _))| *first);
    let mut owners: BTreeMap<DirectorateKey, Owner> = BTreeMap::new();
    let mut ret_of_text: HashMap<&str, Option<usize>> = HashMap::new();
    for (d, (_, count)) in spellings {
        let key = DirectorateKey::of(d);
        let ret = return_of.get(&key).copied();
        ret_of_text.insert(d, ret);
        owners
            .entry(key)
            .or_insert_with(|| Owner {
                name: d.to_string(),
                actions: 0,
                ret,
            })
            .actions += count;
    }
    // Actions with no directorate: a return named "" never exists.
    ret_of_text.insert("", return_of.get(&DirectorateKey::of("")).copied());
    (owners.into_values().collect(), ret_of_text)
}
