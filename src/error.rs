//! The library's error: what went wrong, where (file, sheet, cell when known), what to do.
//!
//! Every error message names the file and ends with a `hint:` line. The CLI turns an
//! error's [`ErrorKind`] into its exit code in one place; the library never exits.

use std::path::PathBuf;

use crate::columns::MapError;
pub use crate::model::Location;
use crate::read::ReadError;
use crate::write::WriteError;

/// What kind of failure this is, for the caller's exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command was asked something that cannot be (an unknown directorate, say).
    Usage,
    /// An input could not be read: master plan, column map, previous appendix, returns folder.
    Input,
    /// The output could not (or must not) be written.
    Output,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Map(#[from] MapError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Narrative(#[from] Box<crate::narrative::NarrativeError>),
    #[error(
        "no returns found in {}\n  hint: put the directorate returns (.xlsx, .xlsm, .xls, .ods) in one folder and pass it with --returns",
        .searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoReturns { searched: Vec<PathBuf> },
    #[error(
        "{file} is the appendix for {previous}, not for a month before {month}\n  hint: pass the appendix of an earlier month with --previous, usually last month's"
    )]
    PreviousNotEarlier {
        file: String,
        previous: String,
        month: String,
    },
    #[error(
        "no actions in the master plan belong to {directorate:?}\n  directorates in the master: {}",
        .known.join(", ")
    )]
    UnknownDirectorate {
        directorate: String,
        known: Vec<String>,
    },
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read(_) | Error::Map(_) | Error::NoReturns { .. } | Error::Narrative(_) => {
                ErrorKind::Input
            }
            Error::PreviousNotEarlier { .. } => ErrorKind::Usage,
            Error::Write(_) => ErrorKind::Output,
            Error::UnknownDirectorate { .. } => ErrorKind::Usage,
        }
    }

    /// The file (and sheet and cell, where known) the error is about.
    pub fn location(&self) -> Option<Location> {
        match self {
            Error::Read(e) => Some(e.location()),
            Error::Narrative(e) => Some(e.location()),
            Error::Map(e) => Some(Location {
                file: e.path().to_string(),
                ..Location::default()
            }),
            Error::Write(e) => e.path().map(|p| Location {
                file: p.to_string(),
                ..Location::default()
            }),
            Error::PreviousNotEarlier { file, .. } => Some(Location {
                file: file.clone(),
                ..Location::default()
            }),
            Error::NoReturns { .. } | Error::UnknownDirectorate { .. } => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Write(WriteError::Xlsx(e))
    }
}
