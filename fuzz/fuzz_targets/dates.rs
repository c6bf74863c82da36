//! The council date parser on any text and any report month: never panics, ranges ordered.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plan_recon::dates::{self, DateContext, PlanDate, Span};

fuzz_target!(|data: &[u8]| {
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
        assert!(start <= end, "{text:?}");
    }
    for f in dates::find_dates(&text, &ctx) {
        assert!(f.start <= f.end && f.end <= text.len());
    }
    let _ = dates::revisions_in(&text, &ctx);
    let _ = dates::mentions_change_control(&text);
});
