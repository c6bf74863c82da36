//! Action id normaliser and the RAG/theme/header word parsers: never panic; ids are stable.
#![no_main]
use libfuzzer_sys::fuzz_target;
use plan_recon::columns::normalise_header;
use plan_recon::model::{ActionId, Rag, Theme};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(id) = ActionId::parse(&text) {
        // Normalising is idempotent.
        assert_eq!(ActionId::parse(id.as_str()).as_ref(), Some(&id));
        let _ = id.theme();
    }
    let _ = Rag::parse(&text);
    let _ = Theme::parse(&text);
    let _ = normalise_header(&text);
});
