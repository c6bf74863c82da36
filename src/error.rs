//! The library's error: what went wrong, where (file, sheet, cell when known), what to do.
//!
//! Each layer has an error of its own ([`ReadError`], [`MapError`], [`LoadError`],
//! [`WriteError`], [`NarrativeError`]); [`Error`] gathers them for the caller, and no layer
//! below imports it. Every message names the file and ends with a `hint:` line. The CLI
//! turns an error's [`ErrorKind`] into its exit code in one place; the library never exits.

use crate::columns::MapError;
use crate::load::LoadError;
pub use crate::model::Location;
use crate::read::{NarrativeError, ReadError};
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
    Load(#[from] LoadError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error(transparent)]
    Narrative(#[from] Box<NarrativeError>),
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Read(_) | Error::Map(_) | Error::Narrative(_) => ErrorKind::Input,
            Error::Load(LoadError::PreviousNotEarlier { .. }) => ErrorKind::Usage,
            Error::Load(LoadError::Read(_) | LoadError::NoReturns { .. }) => ErrorKind::Input,
            Error::Write(WriteError::UnknownDirectorate { .. }) => ErrorKind::Usage,
            Error::Write(_) => ErrorKind::Output,
        }
    }

    /// The file (and sheet and cell, where known) the error is about.
    pub fn location(&self) -> Option<Location> {
        let file = |file: &str| Location {
            file: file.to_string(),
            ..Location::default()
        };
        match self {
            Error::Read(e) | Error::Load(LoadError::Read(e)) => Some(e.location()),
            Error::Narrative(e) => Some(e.location()),
            Error::Map(e) => Some(file(e.path())),
            Error::Write(e) => e.path().map(file),
            Error::Load(LoadError::PreviousNotEarlier { file: f, .. }) => Some(file(f)),
            Error::Load(LoadError::NoReturns { .. }) => None,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Write(WriteError::Xlsx(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layers_error_keeps_its_kind_and_file() {
        let e = Error::from(LoadError::PreviousNotEarlier {
            file: "june.xlsx".into(),
            previous: "July 2023".into(),
            month: "July 2023".into(),
        });
        assert_eq!(e.kind(), ErrorKind::Usage);
        assert_eq!(e.location().map(|l| l.file), Some("june.xlsx".to_string()));
        let e = Error::from(LoadError::NoReturns { searched: vec![] });
        assert_eq!(e.kind(), ErrorKind::Input);
        let e = Error::from(WriteError::UnknownDirectorate {
            directorate: "Parks".into(),
            known: vec!["Housing".into()],
        });
        assert_eq!(e.kind(), ErrorKind::Usage);
        let e = Error::from(WriteError::OutputExists {
            path: "a.xlsx".into(),
        });
        assert_eq!(e.kind(), ErrorKind::Output);
        assert_eq!(e.location().map(|l| l.file), Some("a.xlsx".to_string()));
    }
}
