//! The properties the `cargo fuzz` targets check, in one place so that the fuzz targets
//! (`fuzz/fuzz_targets/`) and the regression test over saved crash inputs
//! (`tests/fuzz_regressions.rs`) run exactly the same code. Each function panics when a
//! property fails, which is what a fuzzer and a test both want.
use std::path::Path;
use std::sync::OnceLock;

use crate::columns::{ColumnMap, normalise_header};
use crate::dates::{self, DateContext, PlanDate, Span};
use crate::model::{ActionId, Rag, Themes, heading_theme};
use crate::read::read_return_bytes;

/// Date parser: the first two bytes choose the report month, the rest is the text.
/// Never panics; every range is ordered; every found date lies inside the text.
pub fn dates(data: &[u8]) {
    if data.len() < 2 {
        return;
    }
    let year = 1990 + (data[0] as i32 % 120);
    let month = 1 + (data[1] as u32 % 12);
    let Some(d) = chrono::NaiveDate::from_ymd_opt(year, month, 1) else {
        return;
    };
    let ctx = DateContext::new(d);
    let text = String::from_utf8_lossy(&data[2..]);
    let p = PlanDate::parse(&text, &ctx);
    if let Span::Range { start, end, .. } = p.span {
        assert!(start <= end, "unordered range for {text:?}");
    }
    for f in dates::find_dates(&text, &ctx) {
        assert!(
            f.start <= f.end && f.end <= text.len(),
            "bad span for {text:?}"
        );
    }
    let phrases = crate::commentary::Phrases::builtin();
    let _ = phrases.revisions_in(&text, &ctx);
    let _ = phrases.mentions_change_control(&text);
    let _ = phrases.speaks_of_delay(&text);
}

/// Id normaliser and the RAG/theme/header word parsers: never panic; normalising is
/// idempotent.
pub fn ids(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(id) = ActionId::parse(&text) {
        assert_eq!(
            ActionId::parse(id.as_str()).as_ref(),
            Some(&id),
            "not idempotent for {text:?}"
        );
        let _ = id.has_digit();
    }
    let _ = Rag::parse(&text);
    let mut themes = Themes::default();
    if let Some(t) = themes.intern(&text) {
        assert_eq!(
            themes.find(&text),
            Some(t),
            "a theme finds itself: {text:?}"
        );
    }
    let _ = heading_theme(&text);
    let _ = normalise_header(&text);
}

/// Return reader: the first byte chooses the file extension, the rest is the file.
/// Any bytes give rows or an error, never a panic.
pub fn read_return(data: &[u8]) {
    static MAP: OnceLock<ColumnMap> = OnceLock::new();
    let map = MAP.get_or_init(ColumnMap::builtin);
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = ["return.xlsx", "return.xls", "return.ods", "return.xlsm"][kind as usize % 4];
    let Some(month) = chrono::NaiveDate::from_ymd_opt(2023, 7, 1) else {
        return;
    };
    let _ = read_return_bytes(bytes, Path::new(name), map, &DateContext::new(month));
}
