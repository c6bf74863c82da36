//! Rule codes, listed once (`with_registry!`): the enum, [`Code::ALL`] and the map from each
//! code to its rule (`registry.rs`) come from that one list.

use std::fmt;

use serde::Serialize;

/// The registry, from one list: each family's file under `rules/` and the codes it declares
/// (with `rule!`, beside each check). The list is written here once and handed to a macro:
/// `declare_codes` below makes the [`Code`] enum and [`Code::ALL`], `map_rules` in
/// `registry.rs` makes [`Code::rule`], as ruff's `map_codes` generates its enum. A code
/// listed here without its `rule!` does not compile, and a `rule!` not listed here fails a
/// test (`registry.rs`: every family file declares exactly the codes listed for it).
macro_rules! with_registry {
    ($then:ident) => {
        $then! {
            reading: R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13, R14, R15, R16;
            matching: M01, M02, M03, M04, M05, M06;
            fields: F01, F02, F03;
            dates: D01, D02, D03, D04, D05;
            ratings: G01, G02, G03, G04, G05, G06, G07, G08, G09;
            progress: P01, P02, P03, P04, P05, P06, P07;
        }
    };
}
pub(crate) use with_registry;

macro_rules! declare_codes {
    ($($family:ident: $($code:ident),+;)+) => {
        /// A rule's code. The letter is the family: R reading, M matching returns to the
        /// master, F fields changed, D dates, G ratings, P progress since last month.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($($code),+),+
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            pub const ALL: &[Code] = &[$($(Code::$code),+),+];
        }
    };
}

with_registry!(declare_codes);

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}
