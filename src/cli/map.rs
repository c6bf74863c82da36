//! `plan-recon map FILE`: a starting column map from a tracker's own headers.

use plan_recon::columns::{ColumnMap, DEFAULT_MAP, MapError, starting_map};
use plan_recon::model::TableKind;

use super::args::MapArgs;
use super::{Failure, Outcome, print};

pub fn run(a: &MapArgs) -> Result<Outcome, Failure> {
    // The map's own text is the base of the new one, comments and all.
    let (base, map) = match &a.map.map {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|source| MapError::Io {
                path: p.display().to_string(),
                source,
            })?;
            let map = ColumnMap::parse(&text, &p.display().to_string())?;
            (text, map)
        }
        None => (DEFAULT_MAP.to_string(), ColumnMap::builtin()),
    };
    let kind = TableKind::from(a.kind);
    let layout = map.layout(kind);
    let (origin, headers) = plan_recon::read::header_cells(&a.file, layout)?;
    print(&starting_map(&base, kind, &headers, &origin)?)?;
    Ok(Outcome::Done)
}
