//! R: each rule's firing and quiet case (`CASES`), then the cases in detail. The reader's
//! notes, failed and skipped files are put in the month by hand, as the reader would.

use std::path::PathBuf;

use crate::load::FailedReturn;
use crate::model::register::PrevAction;
use crate::model::{Field, MappedColumn, Named, NamedBy, NoteKind, Rag, ReadNote, Source};
use crate::read::ReadError;
use crate::read::intake::{Skip, Skipped};
use crate::reconcile::testkit::*;
use crate::reconcile::{Code, Party, Report};

#[rustfmt::skip]
pub(crate) const CASES: &[Case] = &[
    Case { code: Code::R01, fires: cell_error, quiet: clean_run },
    Case { code: Code::R02, fires: unreadable_id, quiet: clean_run },
    Case { code: Code::R03, fires: duplicate_header, quiet: clean_run },
    Case { code: Code::R04, fires: missing_id, quiet: clean_run },
    Case { code: Code::R05, fires: unreadable_rag, quiet: clean_run },
    Case { code: Code::R06, fires: one_return_failed, quiet: clean_run },
    Case { code: Code::R07, fires: stray_values, quiet: clean_run },
    Case { code: Code::R08, fires: unsure_header, quiet: clean_run },
    Case { code: Code::R09, fires: sheet_not_read, quiet: clean_run },
    Case { code: Code::R10, fires: lock_file, quiet: appendix_in_folder },
    Case { code: Code::R11, fires: appendix_in_folder, quiet: lock_file },
    Case { code: Code::R11, fires: master_copy_in_folder, quiet: superseded_draft },
    Case { code: Code::R12, fires: superseded_draft, quiet: master_copy_in_folder },
    Case { code: Code::R13, fires: no_commentary, quiet: clean_run },
    Case { code: Code::R13, fires: no_commentary, quiet: no_commentary_column },
    Case { code: Code::R14, fires: directorate_unknown, quiet: clean_run },
    Case { code: Code::R15, fires: directorate_from_actions, quiet: directorate_unknown },
    Case { code: Code::R16, fires: return_without_ratings, quiet: clean_run },
    Case { code: Code::R16, fires: plan_without_dates, quiet: clean_run },
];

/// Each note kind and the code it becomes.
const NOTED: [(NoteKind, Code); 8] = [
    (NoteKind::CellError, Code::R01),
    (NoteKind::UnreadableId, Code::R02),
    (NoteKind::DuplicateHeader, Code::R03),
    (NoteKind::MissingId, Code::R04),
    (NoteKind::UnreadableRag, Code::R05),
    (NoteKind::StrayValues, Code::R07),
    (NoteKind::UnsureHeader, Code::R08),
    (NoteKind::SheetNotRead, Code::R09),
];

fn clean_run() -> Report {
    clean_scene().run()
}

/// A note of `kind` on the second row of Housing's return.
fn note(kind: NoteKind) -> ReadNote {
    ReadNote {
        kind,
        action: None,
        source: src("housing.xlsx", 2, 4),
        detail: "what the reader saw".into(),
    }
}

/// `clean()` with a note of `kind` in Housing's return.
fn noted(kind: NoteKind) -> Report {
    let mut s = clean_scene();
    s.returns[0].table.notes.push(note(kind));
    s.run()
}

fn cell_error() -> Report {
    noted(NoteKind::CellError)
}
fn unreadable_id() -> Report {
    noted(NoteKind::UnreadableId)
}
fn duplicate_header() -> Report {
    noted(NoteKind::DuplicateHeader)
}
fn missing_id() -> Report {
    noted(NoteKind::MissingId)
}
fn unreadable_rag() -> Report {
    noted(NoteKind::UnreadableRag)
}
fn stray_values() -> Report {
    noted(NoteKind::StrayValues)
}
fn unsure_header() -> Report {
    noted(NoteKind::UnsureHeader)
}
fn sheet_not_read() -> Report {
    noted(NoteKind::SheetNotRead)
}

fn one_return_failed() -> Report {
    let mut s = clean_scene();
    s.failed.push(FailedReturn {
        path: PathBuf::from("returns/Finance.xlsx"),
        error: ReadError::Empty {
            file: "Finance.xlsx".into(),
        },
        directorate: "Finance".into(),
        source: Source::whole_file("returns/Finance.xlsx"),
    });
    s.run()
}

/// `clean()` with a file in the returns folder set aside for `why`.
fn set_aside(path: &str, why: Skip) -> Report {
    let mut s = clean_scene();
    s.skipped.push(Skipped::new(PathBuf::from(path), why));
    s.run()
}

fn lock_file() -> Report {
    let workbook = "Finance return.xlsx".to_string();
    set_aside(
        "returns/~$Finance return.xlsx",
        Skip::OpenInExcel { workbook },
    )
}
fn appendix_in_folder() -> Report {
    set_aside("returns/Appendix June.xlsx", Skip::Appendix)
}
fn master_copy_in_folder() -> Report {
    set_aside("returns/Plan copy.xlsx", Skip::MasterCopy)
}
fn superseded_draft() -> Report {
    let by = PathBuf::from("returns/Finance v2.xlsx");
    set_aside("returns/Finance v1 draft.xlsx", Skip::Superseded { by })
}

/// `clean()` with no commentary in Housing's return, which has a Progress column when
/// `column` says so; with `last_month`, OC.A1.1 was rated so last month.
fn silent_return(column: bool, last_month: Option<Rag>) -> Report {
    let mut s = clean_scene();
    s.returns[0].rows[0].progress = None;
    if column {
        s.returns[0].table.columns.push(MappedColumn {
            field: Field::Progress,
            col: 6,
            header: "Progress".into(),
            by_words: None,
        });
    }
    s.previous = last_month.map(|rag| {
        previous_with(PrevAction {
            rag: Some(rag),
            ..PrevAction::default()
        })
    });
    s.run()
}

/// `clean()` with Housing's return named "Estates" by its file, which the master lacks.
fn directorate_unknown() -> Report {
    let mut s = clean_scene();
    s.returns[0].directorate = "Estates".into();
    s.returns[0].named = Named {
        by: NamedBy::FileName,
        text: "Estates IP return".into(),
        unmatched: Some(vec!["Housing".into()]),
    };
    s.run()
}

/// `clean()` where Housing's return has no rating column.
fn return_without_ratings() -> Report {
    let mut s = clean_scene();
    s.returns[0].table.columns.clear();
    s.returns[0].rows[0].rag = None;
    s.run()
}

/// `clean()` where the master plan has no due-date column.
fn plan_without_dates() -> Report {
    let mut s = clean_scene();
    s.master.table.columns.clear();
    for a in &mut s.master.actions {
        a.due = None;
    }
    s.run()
}

#[test]
fn r16_is_said_once_and_g08_stands_down() {
    let rep = return_without_ratings();
    assert_eq!(all_codes(&rep), vec![Code::R16], "not G08 for the row");
    let f = finding(&rep, Code::R16);
    assert_eq!(f.party, Party::Directorate("Housing".into()));
    assert!(
        f.message.starts_with("housing.xlsx has no rating column"),
        "{}",
        f.message
    );
    let rep = plan_without_dates();
    let f = finding(&rep, Code::R16);
    assert_eq!(f.party, Party::Master);
    assert!(
        f.message.starts_with("master.xlsx has no due-date column"),
        "{}",
        f.message
    );
}

fn directorate_from_actions() -> Report {
    let mut s = clean_scene();
    s.returns[0].named = Named {
        by: NamedBy::Actions,
        text: "Estates IP return".into(),
        unmatched: None,
    };
    s.run()
}

#[test]
fn r15_says_whose_actions_named_the_return() {
    let rep = directorate_from_actions();
    let f = finding(&rep, Code::R15);
    assert_eq!(f.party, Party::Directorate("Housing".into()));
    assert!(
        f.message.contains(
            "\"Estates IP return\" names no directorate of the master plan; taken as Housing's"
        ),
        "{}",
        f.message
    );
    assert!(
        !all_codes(&rep).contains(&Code::M01),
        "the return is Housing's"
    );
}

#[test]
fn r14_names_what_named_the_return_and_the_masters_nearest() {
    let rep = directorate_unknown();
    let f = finding(&rep, Code::R14);
    assert_eq!(f.party, Party::Directorate("Estates".into()));
    assert!(
        f.message.starts_with(
            "housing.xlsx: its file name names its directorate \"Estates IP return\", none of the master plan's (nearest: Housing)"
        ),
        "{}",
        f.message
    );
    assert_eq!(f.sources, vec![Source::whole_file("housing.xlsx")]);
    // Its rows still meet the rules, and Housing's action counts as not reported.
    assert!(
        all_codes(&rep).contains(&Code::M01),
        "{:?}",
        all_codes(&rep)
    );
}

fn no_commentary() -> Report {
    silent_return(true, None)
}
fn no_commentary_column() -> Report {
    silent_return(false, None)
}

#[test]
fn each_note_becomes_its_code_at_the_noted_cell_for_the_party_of_its_file() {
    for (kind, code) in NOTED {
        let rep = noted(kind);
        let f = finding(&rep, code);
        assert_eq!(all_codes(&rep), vec![code], "{kind:?}");
        assert_eq!(f.sources, vec![note(kind).source], "{code}");
        assert_eq!(f.party, Party::Directorate("Housing".into()), "{code}");
        assert!(
            f.message.contains("what the reader saw"),
            "{code}: {}",
            f.message
        );
        // The same note in the master plan is the master's to fix.
        let mut s = clean_scene();
        s.master.table.notes.push(note(kind));
        assert_eq!(finding(&s.run(), code).party, Party::Master, "{code}");
    }
}

#[test]
fn r02_shows_what_the_master_plans_ids_look_like() {
    let rep = unreadable_id();
    let m = &finding(&rep, Code::R02).message;
    assert!(m.contains("(the master plan's look like OC.A1.1)"), "{m}");
    let mut s = clean_scene();
    s.master.actions.clear();
    s.returns[0].table.notes.push(note(NoteKind::UnreadableId));
    let rep = s.run();
    let m = &finding(&rep, Code::R02).message;
    assert!(!m.contains("look like"), "no ids to show: {m}");
}

#[test]
fn r06_gives_the_first_line_and_keeps_the_hint_for_the_directorate_of_the_file() {
    let rep = one_return_failed();
    let f = finding(&rep, Code::R06);
    assert_eq!(f.party, Party::Directorate("Finance".into()));
    assert_eq!(f.message, "Finance.xlsx: the file is empty (0 bytes)");
    assert_eq!(f.sources, vec![Source::whole_file("returns/Finance.xlsx")]);
    let detail = f.detail.as_deref().unwrap_or("");
    assert!(
        detail.contains("hint: the upload may have failed"),
        "{detail}"
    );
}

#[test]
fn r10_to_r12_name_the_files_and_the_directorate_they_belong_to() {
    let rep = lock_file();
    let f = finding(&rep, Code::R10);
    assert_eq!(f.party, Party::Directorate("Finance".into()));
    assert!(
        f.message
            .starts_with("Finance return.xlsx is open in Excel"),
        "{}",
        f.message
    );
    assert_eq!(f.sources[0].file(), "returns/~$Finance return.xlsx");
    // Where load aligned the name to the master's spelling, that spelling is the party.
    let mut s = clean_scene();
    let mut lock = Skipped::new(
        PathBuf::from("returns/~$finance return.xlsx"),
        Skip::OpenInExcel {
            workbook: "finance return.xlsx".into(),
        },
    );
    lock.directorate = Some("Finance & Transformation".into());
    s.skipped.push(lock);
    let rep = s.run();
    let party = &finding(&rep, Code::R10).party;
    assert_eq!(
        party,
        &Party::Directorate("Finance & Transformation".into())
    );

    let appendix = appendix_in_folder();
    let copy = master_copy_in_folder();
    let (a, c) = (finding(&appendix, Code::R11), finding(&copy, Code::R11));
    assert_eq!((&a.party, &c.party), (&Party::Master, &Party::Master));
    assert_eq!(a.sources[0].file(), "returns/Appendix June.xlsx");
    assert!(
        a.message.contains("is a workbook plan-recon wrote"),
        "{}",
        a.message
    );
    assert!(
        c.message.contains("is a copy of the master plan"),
        "{}",
        c.message
    );

    let rep = superseded_draft();
    let f = finding(&rep, Code::R12);
    assert_eq!(f.party, Party::Directorate("Finance".into()));
    assert_eq!(f.sources[0].file(), "returns/Finance v1 draft.xlsx");
    assert!(
        f.message.contains("v1 draft.xlsx is superseded by")
            && f.message.contains("v2.xlsx; only the latter was read"),
        "{}",
        f.message
    );
}

#[test]
fn r13_says_whether_the_return_is_last_months_unchanged() {
    let rep = no_commentary();
    let f = finding(&rep, Code::R13);
    assert!(
        f.message.contains("has no commentary this month"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("in all 1 rows (G2 to G2)"),
        "{}",
        f.message
    );
    assert_eq!(f.sources[0].col, 6);
    assert_eq!(f.party, Party::Directorate("Housing".into()));

    let same = silent_return(true, Some(Rag::Green));
    let m = &finding(&same, Code::R13).message;
    assert!(m.contains("was not updated since last month"), "{m}");
    let rerated = silent_return(true, Some(Rag::Amber));
    let m = &finding(&rerated, Code::R13).message;
    assert!(m.contains("has no commentary this month"), "{m}");
    // One row with commentary among silent ones: the return was filled in.
    let mut s = clean_scene();
    let mut second = s.returns[0].rows[0].clone();
    second.progress = None;
    s.returns[0].rows.push(second);
    s.returns[0].table.columns.push(MappedColumn {
        field: Field::Progress,
        col: 6,
        header: "Progress".into(),
        by_words: None,
    });
    assert!(!all_codes(&s.run()).contains(&Code::R13));
}
