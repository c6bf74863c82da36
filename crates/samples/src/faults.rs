//! The sample returns: each directorate's clean rows for July 2023, with the planted faults
//! applied, and the list of faults with the finding codes each must raise.

use crate::council::{CEO, DIRECTORATES, Directorate, Due, FIN, SEEDS, Seed, theme_of};

/// A planted fault: what was done to the returns and the finding codes it must raise.
#[derive(Debug, Clone)]
pub struct Planted {
    /// The action the finding is about (None for a whole-return fault).
    pub action: Option<&'static str>,
    pub directorate: &'static str,
    pub codes: &'static [&'static str],
    pub what: &'static str,
}

/// The faults planted in the sample returns, with the finding codes each must raise.
pub fn planted_faults() -> Vec<Planted> {
    vec![
        Planted {
            action: Some("CO.A1.12"),
            directorate: "Finance & Transformation",
            codes: &["M02"],
            what: "Unknown action id CO.A1.12 (not in the master plan; nearest is CO.A1.2 / CO.A1.10)",
        },
        Planted {
            action: Some("SD.B2.3"),
            directorate: "Regeneration & Growth",
            codes: &["M03"],
            what: "Missing action: SD.B2.3 is owned by Regeneration & Growth but left out of its return",
        },
        Planted {
            action: Some("DM.A2.1"),
            directorate: "Law & Governance",
            codes: &["M04"],
            what: "Duplicate row: DM.A2.1 appears twice in the Law & Governance return",
        },
        Planted {
            action: Some("PC.B1.2"),
            directorate: "Borough Economy",
            codes: &["F01"],
            what: "Changed title: PC.B1.2's action text reworded in the return",
        },
        Planted {
            action: Some("OC.B1.3"),
            directorate: "Chief Executive's Office",
            codes: &["D01"],
            what: "Slipped date without change control: due June 2023, revised to October 23, no change control recorded",
        },
        Planted {
            action: Some("CO.A1.9"),
            directorate: "Finance & Transformation",
            codes: &["D02"],
            what: "Slipped date with change control: due June 23, change control to December 23",
        },
        Planted {
            action: Some("SD.A3.1"),
            directorate: "Regeneration & Growth",
            codes: &["D03", "G01"],
            what: "Green but overdue: due May 23, still rated Green in July with no revised date",
        },
        Planted {
            action: Some("PC.A2.1"),
            directorate: "Borough Economy",
            codes: &["G02"],
            what: "Complete while the commentary speaks of slippage and awaiting sign-off",
        },
        Planted {
            action: Some("PR.C1.1"),
            directorate: "Chief Executive's Office",
            codes: &["G04"],
            what: "Rated Amber by Children & Adults and Green by the Chief Executive's Office",
        },
        Planted {
            action: Some("DM.B1.2"),
            directorate: "Law & Governance",
            codes: &["D05"],
            what: "Unparseable revised date: \"after the elections\"",
        },
        Planted {
            action: Some("PC.B2.1"),
            directorate: "Borough Economy",
            codes: &["R01"],
            what: "#REF! formula error in the progress commentary cell",
        },
        Planted {
            action: None,
            directorate: "Housing",
            codes: &["M01"],
            what: "Missing return: Housing owns SD.H1.1 and PC.H1.1 but sent no return",
        },
    ]
}

/// One row of a return as the generator writes it.
#[derive(Debug, Clone, Default)]
pub struct SampleRow {
    pub id: String,
    pub theme: String,
    pub title: String,
    pub owner: String,
    pub due: Option<Due>,
    pub rag: String,
    pub progress: Option<String>,
    pub achievements: Option<String>,
    pub next_steps: Option<String>,
    pub issues: Option<String>,
    pub revised: Option<String>,
    pub change_control: Option<String>,
    /// Write a `#REF!` error into the progress cell instead of text.
    pub progress_ref_error: bool,
}

/// The clean return row for an action: consistent with the master for the July 2023 report.
pub(crate) fn clean_row(s: &Seed, k: usize) -> SampleRow {
    const PROGRESS_GREEN: [&str; 4] = [
        "Work is progressing to plan and the project team meets fortnightly.",
        "Draft prepared and shared with the lead member for comment; on track.",
        "Stakeholder workshops held this month with good attendance; on track for the due date.",
        "Scope agreed by Leadership Team and resources are in place.",
    ];
    const ACHIEVED: [&str; 4] = [
        "Project board established and terms of reference agreed",
        "Briefing delivered to Cabinet members",
        "Consultation plan signed off",
        "Baseline data collected and reported to Leadership Team",
    ];
    let mut r = SampleRow {
        id: s.id.to_string(),
        theme: theme_of(s.id),
        title: s.title.to_string(),
        owner: s.owner.to_string(),
        due: Some(s.due),
        rag: s.rag.to_string(),
        next_steps: Some(
            "Continue delivery and report progress to the Improvement Plan board next month."
                .to_string(),
        ),
        issues: Some("No issues raised".to_string()),
        ..Default::default()
    };
    match s.rag {
        "Complete" => {
            r.progress = Some(format!("Complete. {}", s.milestones));
            r.next_steps = None;
        }
        "Amber" => {
            r.progress =
                Some("Rated Amber: the timetable is tight and depends on partners; mitigation agreed with the lead member.".to_string());
            r.issues = Some(
                "Capacity in the project team is a risk; additional support requested.".to_string(),
            );
        }
        "Red" => {
            r.progress =
                Some("Rated Red: dependent on another programme completing first; the plan will be re-baselined once it has.".to_string());
            r.issues = Some("Dependency on the ERP programme".to_string());
        }
        "On hold" => {
            r.progress = Some("Placed on hold by Leadership Team until the new Assistant Chief Executive starts in September.".to_string());
        }
        "Not started" => {
            r.progress = Some(
                "Not started: scheduled to begin after the first year of training.".to_string(),
            );
        }
        _ => {
            r.progress = Some(PROGRESS_GREEN[k % PROGRESS_GREEN.len()].to_string());
            if k.is_multiple_of(2) {
                r.achievements = Some(ACHIEVED[k % ACHIEVED.len()].to_string());
            }
        }
    }
    r
}

/// The sample returns, per directorate index, with the planted faults applied.
pub fn sample_returns() -> Vec<(Directorate, Vec<SampleRow>)> {
    let seeds = SEEDS;
    let mut out: Vec<(Directorate, Vec<SampleRow>)> =
        DIRECTORATES.iter().map(|d| (*d, Vec::new())).collect();
    for (k, s) in seeds.iter().enumerate() {
        let mut r = clean_row(s, k);
        match s.id {
            "SD.B2.3" => continue, // missing action
            "PC.B1.2" => r.title = "Add the waste, leisure and SEND transport contracts to the new contract management module".into(),
            "OC.B1.3" => {
                r.rag = "Amber".into();
                r.revised = Some("October 23".into());
                r.progress = Some("Scheme design agreed but launch has moved back to October because of HR capacity.".into());
            }
            "CO.A1.9" => {
                r.rag = "Amber".into();
                r.revised = Some("December 23".into());
                r.change_control =
                    Some("Change control approved by Programme Board on 9 July: modelling for HR and payroll extended".into());
                r.progress = Some("Modelling phase complete for finance and procurement; HR and payroll modelling extended. Go live still planned for April 2024.".into());
            }
            "SD.A3.1" => {
                r.rag = "Green".into();
                r.progress = Some("Cabinet report on the strategic delivery partner being prepared.".into());
            }
            "PC.A2.1" => {
                r.rag = "Complete".into();
                r.progress = Some(
                    "Complete, although there was slippage on the legal agreement and we are still awaiting final sign-off of the lease."
                        .into(),
                );
            }
            "DM.B1.2" => {
                r.revised = Some("after the elections".into());
            }
            "PC.B2.1" => {
                r.progress_ref_error = true;
                r.progress = None;
            }
            "PC.A5.2" => {
                // Clean exception with change control: "Due Mid 2023 (change control to Dec 23)".
                r.revised = Some("Dec 23".into());
                r.change_control = Some("Change control to Dec 23 agreed at Waste Board".into());
                r.progress = Some(
                    "Final order for 16 refuse collection vehicles in place with build slots meaning delivery around the end of 2023."
                        .into(),
                );
            }
            "OC.C4.1" => {
                r.revised = Some("December 23".into());
                r.change_control = Some("Change control to December 23".into());
                r.progress = Some("Spring survey did not give robust insight; a revised approach with interviews and a staff survey will run in the Autumn.".into());
            }
            _ => {}
        }
        out[s.directorate].1.push(r.clone());
        if s.id == "DM.A2.1" {
            out[s.directorate].1.push(r.clone()); // duplicate row
        }
        if s.id == "PR.C1.1" {
            // Jointly reported by the Chief Executive's Office, rated Green there.
            let mut joint = r.clone();
            joint.rag = "Green".into();
            joint.progress = Some("Corporate Transformation Office supporting the project; as-is modelling under way.".into());
            out[CEO].1.push(joint);
        }
        if s.id == "CO.A1.2" {
            // Unknown id reported by Finance.
            let mut unknown = clean_row(s, k);
            unknown.id = "CO.A1.12".into();
            unknown.title = "Oracle ERP: complete the data migration rehearsal".into();
            unknown.rag = "Green".into();
            unknown.due = Some(Due::Text("November 2023"));
            unknown.progress = Some("First rehearsal scheduled.".into());
            out[FIN].1.push(unknown);
        }
    }
    out
}
