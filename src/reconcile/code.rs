//! Rule codes. Declared once: the enum and [`Code::ALL`] come from the same list, and
//! `registry.rs` maps every code to its rule with an exhaustive `match`.

use std::fmt;

use serde::Serialize;

/// Declare the codes once: the enum and [`Code::ALL`] come from the same list.
macro_rules! codes {
    ($($code:ident),+ $(,)?) => {
        /// A rule's code. The letter is the family: R reading, M matching returns to the
        /// master, F fields changed, D dates, G ratings, P progress since last month.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($code),+
        }

        impl Code {
            /// Every code, in the order of the catalogue.
            pub const ALL: &[Code] = &[$(Code::$code),+];
        }
    };
}

codes! {
    R01, R02, R03, R04, R05, R06, R07, R08, R09, R10, R11, R12, R13,
    M01, M02, M03, M04, M05, M06,
    F01, F02, F03,
    D01, D02, D03, D04, D05,
    G01, G02, G03, G04, G05, G06, G07, G08,
    P01, P02, P03, P04, P05, P06, P07,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}
