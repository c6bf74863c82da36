//! The return reader on arbitrary bytes named as each workbook type: errors, never panics.
#![no_main]
use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plan_recon::columns::ColumnMap;
use plan_recon::dates::DateContext;
use plan_recon::read::read_return_bytes;

fuzz_target!(|data: &[u8]| {
    static MAP: OnceLock<ColumnMap> = OnceLock::new();
    let map = MAP.get_or_init(ColumnMap::builtin);
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = ["return.xlsx", "return.xls", "return.ods", "return.xlsm"][kind as usize % 4];
    let ctx = DateContext::new(chrono::NaiveDate::from_ymd_opt(2023, 7, 1).unwrap());
    let _ = read_return_bytes(bytes, Path::new(name), map, &ctx);
});
