//! Generator for the bundled samples and for benchmark data.
//!
//! `plan-recon samples samples` writes `samples/`: an invented master plan of 62
//! actions over the six themes and recommendations S1-S6, and the July 2023 returns of six
//! directorates (a seventh, Housing, has not sent its return). The returns contain the
//! faults listed in [`planted_faults`], written to `samples/FAULTS.md` beside them.
//! Every text is invented in the style of published Cabinet appendices.
//!
//! [`write_scale`] writes N actions over M returns in the same formats for benchmarks.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use crate::model::Theme;

/// The report month of the bundled samples.
pub const SAMPLE_MONTH: &str = "2023-07";

/// A directorate and how its return is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Directorate {
    pub name: &'static str,
    pub file: &'static str,
    pub style: Style,
}

/// Return layouts seen in the wild, so that reading is tested against more than one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The plan-recon template headers in row 1.
    Template,
    /// A title block with "Directorate: ..." and the header in row 5, other header words.
    TitleBlock,
    /// Theme column merged down over each theme's rows; header in row 2.
    MergedThemes,
    /// OpenDocument spreadsheet.
    Ods,
}

pub const DIRECTORATES: [Directorate; 7] = [
    Directorate {
        name: "Chief Executive's Office",
        file: "chief-executives-office.xlsx",
        style: Style::Template,
    },
    Directorate {
        name: "Finance & Transformation",
        file: "finance-and-transformation.xlsx",
        style: Style::TitleBlock,
    },
    Directorate {
        name: "Regeneration & Growth",
        file: "regeneration-and-growth.xlsx",
        style: Style::MergedThemes,
    },
    Directorate {
        name: "Law & Governance",
        file: "law-and-governance.ods",
        style: Style::Ods,
    },
    Directorate {
        name: "Borough Economy",
        file: "borough-economy.xlsx",
        style: Style::Template,
    },
    Directorate {
        name: "Children & Adults",
        file: "children-and-adults.xlsx",
        style: Style::TitleBlock,
    },
    Directorate {
        name: "Housing",
        file: "housing.xlsx",
        style: Style::Template,
    },
];

/// The directorate that does not send a return in the samples.
pub const MISSING_RETURN: &str = "Housing";

/// Invented statutory recommendations.
pub const RECOMMENDATIONS: [(&str, &str); 6] = [
    (
        "S1",
        "Senior officers and members must take firm corporate grip of long-running service problems and embed lasting solutions across the Council",
    ),
    (
        "S2",
        "The Council must make sure the lessons on commercial decisions, procurement and contract management are understood throughout the organisation",
    ),
    (
        "S3",
        "Officers and members must show they work together well, in line with the Council's values and codes, with zero tolerance of poor behaviour",
    ),
    (
        "S4",
        "The Council must put in place a clear, funded strategic direction with a plan to deliver it",
    ),
    (
        "S5",
        "Decision making must be transparent, timely and within the constitution, with scrutiny that adds value",
    ),
    (
        "S6",
        "The Council must rebuild trusted relationships with its partners and its companies",
    ),
];

/// One master plan action as the generator knows it.
#[derive(Debug, Clone)]
pub struct Seed {
    pub id: &'static str,
    pub rec: &'static str,
    pub title: &'static str,
    pub directorate: usize,
    pub owner: &'static str,
    /// Due date: either a real date cell or text.
    pub due: Due,
    /// Master RAG (baseline).
    pub rag: &'static str,
    pub milestones: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub enum Due {
    Date(i32, u32, u32),
    Text(&'static str),
}

impl Due {
    pub fn text(&self) -> String {
        match *self {
            Due::Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
            Due::Text(t) => t.to_string(),
        }
    }
}

const CEO: usize = 0;
const FIN: usize = 1;
const REG: usize = 2;
const LAW: usize = 3;
const BOR: usize = 4;
const CHA: usize = 5;
const HOU: usize = 6;

macro_rules! seed {
    ($id:expr, $rec:expr, $dir:expr, $owner:expr, $due:expr, $rag:expr, $title:expr, $ms:expr) => {
        Seed {
            id: $id,
            rec: $rec,
            title: $title,
            directorate: $dir,
            owner: $owner,
            due: $due,
            rag: $rag,
            milestones: $ms,
        }
    };
}

/// The 62 actions of the sample master plan.
pub fn seeds() -> Vec<Seed> {
    use Due::{Date, Text};
    vec![
        // Organisational Culture
        seed!(
            "OC.A1.1",
            "S3",
            CEO,
            "Assistant Chief Executive",
            Date(2023, 3, 31),
            "Complete",
            "Run phase 2 staff engagement to define the culture the Council wants",
            "Listening groups held; findings reported to Leadership Team - Complete"
        ),
        seed!(
            "OC.A1.2",
            "S3",
            CEO,
            "Assistant Chief Executive",
            Text("March 2023"),
            "Complete",
            "Approve the statement of the Council's desired culture and values",
            "Statement approved by Cabinet - Complete"
        ),
        seed!(
            "OC.A2.1",
            "S3",
            CEO,
            "Director of HR",
            Text("September 2023"),
            "Green",
            "Approve the workforce strategy",
            "Draft to Leadership Team in August; approval due in September"
        ),
        seed!(
            "OC.A2.2",
            "S2",
            CEO,
            "Director of HR",
            Text("Autumn 2023"),
            "Green",
            "Launch the management development programme for all people managers",
            "Pilot cohort in April; full launch Autumn"
        ),
        seed!(
            "OC.B1.1",
            "S3",
            CEO,
            "Director of HR",
            Date(2023, 5, 31),
            "Complete",
            "Revise the corporate induction to include the values and behaviours",
            "Revised induction live - Complete"
        ),
        seed!(
            "OC.B1.3",
            "S3",
            CEO,
            "Director of HR",
            Text("June 2023"),
            "Green",
            "Introduce a staff recognition scheme linked to the values",
            "Scheme design agreed; launch date to follow"
        ),
        seed!(
            "OC.B2.1",
            "S2",
            LAW,
            "Monitoring Officer",
            Text("October 2023"),
            "Green",
            "Deliver the corporate governance development programme through scenario-based sessions",
            "First sessions in October"
        ),
        seed!(
            "OC.C1.1",
            "S3",
            LAW,
            "Monitoring Officer",
            Text("Q3 2023/24"),
            "Green",
            "Review the member-officer protocol with group leaders",
            "Draft protocol to Standards Committee in Q3"
        ),
        seed!(
            "OC.C4.1",
            "S3",
            CEO,
            "Assistant Chief Executive",
            Text("May 23"),
            "Amber",
            "Set up ways to gain ongoing insight into the officer and member relationship",
            "Autumn insight gathering with members and staff"
        ),
        seed!(
            "OC.C5.2",
            "S3",
            CEO,
            "Head of Communications",
            Text("August 2023"),
            "Green",
            "Publish guidance on working effectively with local MPs",
            "Guidance drafted; sign-off in August"
        ),
        // Corporate Oversight
        seed!(
            "CO.A1.2",
            "S1",
            FIN,
            "Director of Finance",
            Date(2023, 2, 28),
            "Complete",
            "Oracle ERP: complete the discovery phase",
            "Discovery phase complete - Complete"
        ),
        seed!(
            "CO.A1.9",
            "S1",
            FIN,
            "Director of Finance",
            Text("June 23"),
            "Green",
            "Oracle ERP: complete the modelling phase for finance, procurement, HR and payroll",
            "Modelling phase sign-off by Programme Board"
        ),
        seed!(
            "CO.A1.10",
            "S1",
            FIN,
            "Director of Finance",
            Text("April 2024"),
            "Green",
            "Oracle ERP: go live",
            "Go live planned for April 2024"
        ),
        seed!(
            "CO.B1.1",
            "S1",
            FIN,
            "Director of Finance",
            Date(2023, 4, 30),
            "Complete",
            "Review corporate debt recovery processes",
            "Processes reviewed - Complete April 23"
        ),
        seed!(
            "CO.B2.1",
            "S1",
            FIN,
            "Director of Finance",
            Text("December 2023"),
            "Amber",
            "Sign off the 2020/21 statement of accounts",
            "Final adjustments agreed with external auditor"
        ),
        seed!(
            "CO.B2.2",
            "S1",
            FIN,
            "Director of Finance",
            Text("March 2024"),
            "Green",
            "Submit the 2021/22 statement of accounts for audit",
            "Accounts to external audit in October"
        ),
        seed!(
            "CO.C1.1",
            "S1",
            FIN,
            "Head of Transformation",
            Text("end 2023"),
            "Green",
            "Put a corporate programme management office in place",
            "Local Partnerships review complete; PMO design agreed"
        ),
        seed!(
            "CO.C1.9",
            "S1",
            FIN,
            "Head of Performance",
            Text("March 2024"),
            "Red",
            "Integrate revenue, capital and performance reporting",
            "Work to start once the new ERP reporting is understood"
        ),
        seed!(
            "CO.D1.1",
            "S1",
            CEO,
            "Chief Executive",
            Text("December 2023"),
            "On hold",
            "Restructure at directorate level",
            "Next steps to be set once the new Assistant Chief Executive starts"
        ),
        seed!(
            "CO.D2.1",
            "S1",
            FIN,
            "Head of Transformation",
            Text("September 2023"),
            "Green",
            "Re-establish the corporate transformation board with new terms of reference",
            "Board in place; meeting dates confirmed"
        ),
        // Strategic Direction
        seed!(
            "SD.A1.1",
            "S4",
            CEO,
            "Head of Policy",
            Date(2023, 3, 31),
            "Complete",
            "Approve the refreshed corporate plan",
            "Corporate plan approved - Complete"
        ),
        seed!(
            "SD.A3.1",
            "S4",
            REG,
            "Director of Regeneration",
            Text("May 23"),
            "Green",
            "Agree the regeneration pipeline and procure a strategic delivery partner",
            "Cabinet report on delivery partner"
        ),
        seed!(
            "SD.A5.3",
            "S2",
            REG,
            "Head of Commercial",
            Text("October 23"),
            "Amber",
            "Complete full business cases for the agreed commercial workstreams",
            "Business cases to Leadership Team by October"
        ),
        seed!(
            "SD.A5.4",
            "S2",
            REG,
            "Head of Commercial",
            Text("December 2023"),
            "Amber",
            "Recruit a commercial project officer",
            "Recruitment campaign"
        ),
        seed!(
            "SD.A6.4",
            "S4",
            REG,
            "Director of Housing Strategy",
            Text("September 2023"),
            "Red",
            "Procure stock condition surveys for the HRA business plan",
            "Contractor starts surveys 1st September 2023"
        ),
        seed!(
            "SD.B1.1",
            "S4",
            CEO,
            "Head of Policy",
            Text("September 2024"),
            "Green",
            "Approve the equality, diversity and inclusion strategy",
            "Audit and assessment stage reported in August"
        ),
        seed!(
            "SD.B2.1",
            "S4",
            REG,
            "Director of Regeneration",
            Text("November 2023"),
            "Green",
            "Adopt the corporate asset management strategy delivery plan",
            "Working groups set up; delivery plan covers three years"
        ),
        seed!(
            "SD.B2.3",
            "S4",
            REG,
            "Director of Regeneration",
            Text("January 2024"),
            "Green",
            "Dispose of the first tranche of surplus assets",
            "Surplus assets list agreed by Cabinet"
        ),
        seed!(
            "SD.F1.0",
            "S4",
            CEO,
            "Head of Customer Services",
            Text("March 2024"),
            "Red",
            "Approve the customer journey strategy",
            "Resident engagement sessions; strategy to Cabinet"
        ),
        seed!(
            "SD.F2.1",
            "S4",
            CEO,
            "Head of Communications",
            Text("Date tbc"),
            "Green",
            "Approve the communications and corporate affairs strategy",
            "Date to be confirmed with the new Assistant Chief Executive"
        ),
        // Decision Making
        seed!(
            "DM.A1.1",
            "S5",
            LAW,
            "Monitoring Officer",
            Date(2022, 11, 30),
            "Complete",
            "Approve the revised scheme of delegation",
            "Approved by Council in November - Complete"
        ),
        seed!(
            "DM.A2.1",
            "S5",
            LAW,
            "Monitoring Officer",
            Text("Autumn 2023"),
            "Green",
            "Roll out effective decision-making training to officers",
            "Sessions booked from September"
        ),
        seed!(
            "DM.A2.2",
            "S5",
            LAW,
            "Monitoring Officer",
            Text("November 2023"),
            "Green",
            "Publish decision-making guidance for report authors",
            "Guidance drafted"
        ),
        seed!(
            "DM.B1.1",
            "S5",
            LAW,
            "Head of Democratic Services",
            Date(2023, 6, 5),
            "Complete",
            "Confirm the Executive's position on further reviews of historic reports",
            "Report received by Audit Committee - Complete"
        ),
        seed!(
            "DM.B1.2",
            "S5",
            LAW,
            "Head of Democratic Services",
            Text("October 2023"),
            "Green",
            "Refresh the scrutiny work programme with members",
            "Work programme workshop with chairs"
        ),
        seed!(
            "DM.B2.1",
            "S5",
            LAW,
            "Head of Democratic Services",
            Text("December 2023"),
            "Green",
            "Publish a forward plan of key decisions every month",
            "Forward plan template agreed"
        ),
        seed!(
            "DM.C1.1",
            "S5",
            LAW,
            "Monitoring Officer",
            Text("Q4 2023/24"),
            "Green",
            "Review the constitution's contract procedure rules after a year in use",
            "Review scoped"
        ),
        seed!(
            "DM.C1.2",
            "S5",
            FIN,
            "Director of Finance",
            Text("December 2023"),
            "Green",
            "Refresh the financial regulations",
            "Draft to Audit Committee"
        ),
        seed!(
            "DM.C2.1",
            "S5",
            LAW,
            "Head of Democratic Services",
            Text("September 2023"),
            "Green",
            "Introduce a member enquiries portal with service standards",
            "Portal live; standards agreed"
        ),
        seed!(
            "DM.C2.2",
            "S5",
            LAW,
            "Monitoring Officer",
            Text("March 2024"),
            "Not started",
            "Evaluate the impact of the governance training programme",
            "Evaluation after first year of training"
        ),
        // Procurement & Commercial
        seed!(
            "PC.A1.1",
            "S2",
            BOR,
            "Director of Borough Economy",
            Date(2023, 7, 13),
            "Complete",
            "Hand over the aquatics centre to the leisure operator",
            "Handover complete 13/07/23"
        ),
        seed!(
            "PC.A2.1",
            "S2",
            BOR,
            "Director of Borough Economy",
            Text("June 2023"),
            "Green",
            "Agree future arrangements for leisure services to 2027",
            "Supplementary agreement signed"
        ),
        seed!(
            "PC.A3.1",
            "S2",
            BOR,
            "Director of Borough Economy",
            Text("September 2023"),
            "Green",
            "Implement the street cleansing recovery plan",
            "Recovery plan built into the annual service plan"
        ),
        seed!(
            "PC.A5.2",
            "S1",
            BOR,
            "Director of Borough Economy",
            Text("Mid 2023"),
            "Amber",
            "Complete the waste fleet replacement",
            "Final order for refuse vehicles placed; delivery around end 2023"
        ),
        seed!(
            "PC.B1.2",
            "S2",
            BOR,
            "Head of Procurement",
            Text("October 2023"),
            "Green",
            "Add the waste and leisure contracts to the contract management system",
            "Module configured; enhancement work commissioned"
        ),
        seed!(
            "PC.B2.1",
            "S2",
            BOR,
            "Head of Procurement",
            Text("September 2023"),
            "Green",
            "Start procurement of the next SEND transport framework",
            "Procurement to commence in September"
        ),
        seed!(
            "PC.C1.1",
            "S2",
            FIN,
            "Head of Performance",
            Text("October 23"),
            "Amber",
            "Complete an options appraisal for a corporate performance management system",
            "Options appraisal after the ERP demonstration"
        ),
        seed!(
            "PC.C2.1",
            "S2",
            BOR,
            "Head of Procurement",
            Text("Q3 2023/24"),
            "Green",
            "Publish contract management guidance and templates",
            "Guidance live on the intranet"
        ),
        seed!(
            "PC.D1.1",
            "S1",
            REG,
            "Director of Regeneration",
            Date(2023, 1, 31),
            "Complete",
            "Report to Cabinet on the developer's position at the Lion Lane site",
            "Report to Cabinet - Complete"
        ),
        seed!(
            "PC.D1.2",
            "S1",
            REG,
            "Director of Regeneration",
            Text("September 2023"),
            "Green",
            "Implement phase 2 of the property asset database",
            "Data transfer complete; go live September"
        ),
        // Partnerships & Relationships
        seed!(
            "PR.A1.1",
            "S6",
            CHA,
            "Director of Children's Services",
            Date(2023, 3, 31),
            "Complete",
            "Conclude the review of the children's trust contract",
            "Review complete; two KPIs finalised in Q1"
        ),
        seed!(
            "PR.A1.2",
            "S6",
            CHA,
            "Director of Children's Services",
            Text("December 2023"),
            "Green",
            "Agree the revised KPI suite with the children's trust",
            "KPI suite agreed with the Trust"
        ),
        seed!(
            "PR.B1.1",
            "S6",
            CHA,
            "Director of Adult Social Care",
            Text("Autumn 2023"),
            "Green",
            "Hold joint leadership meetings with the children's trust each quarter",
            "Meetings diarised"
        ),
        seed!(
            "PR.C1.1",
            "S6",
            CHA,
            "Director of Adult Social Care",
            Text("December 2023"),
            "Amber",
            "Start the project to remodel the pathway from children's to adults' services",
            "Project commenced; 'as is' modelling started in May"
        ),
        seed!(
            "PR.C1.2",
            "S6",
            CHA,
            "Director of Adult Social Care",
            Text("March 2024"),
            "Green",
            "Bring the transitions project into the corporate transformation programme",
            "Project in programme - Complete"
        ),
        seed!(
            "PR.D1.1",
            "S6",
            CEO,
            "Head of Policy",
            Text("October 2023"),
            "Green",
            "Refresh the partnership agreement with the voluntary and community sector",
            "Partners' workshop in September"
        ),
        seed!(
            "PR.D1.3",
            "S6",
            CEO,
            "Head of Policy",
            Text("Autumn 2023"),
            "On hold",
            "Consult on the draft voluntary and community sector strategy",
            "Cabinet report in the Autumn on next steps"
        ),
        seed!(
            "PR.E1.1",
            "S6",
            CHA,
            "Director of Children's Services",
            Text("November 2023"),
            "Green",
            "Embed the children and families strategic partnership priorities",
            "Priorities agreed and monitored"
        ),
        seed!(
            "PR.E2.1",
            "S6",
            REG,
            "Director of Regeneration",
            Text("January 2024"),
            "Green",
            "Agree a joint investment plan with the combined authority",
            "Investment plan workshop"
        ),
        seed!(
            "PR.F1.1",
            "S6",
            LAW,
            "Monitoring Officer",
            Text("Q4 2023/24"),
            "Green",
            "Review governance of the Council's companies",
            "Shareholder board terms agreed"
        ),
        // Housing (whose return is missing)
        seed!(
            "SD.H1.1",
            "S4",
            HOU,
            "Director of Housing",
            Text("December 2023"),
            "Green",
            "Approve the HRA 30-year business plan",
            "Draft plan shared with the lead member"
        ),
        seed!(
            "PC.H1.1",
            "S2",
            HOU,
            "Director of Housing",
            Text("March 2024"),
            "Green",
            "Re-procure the housing repairs contract",
            "Soft market testing"
        ),
    ]
}

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

fn theme_of(id: &str) -> String {
    Theme::from_prefix(id.split('.').next().unwrap_or(""))
        .map(|t| t.name().to_string())
        .unwrap_or_default()
}

/// The clean return row for an action: consistent with the master for the July 2023 report.
fn clean_row(s: &Seed, k: usize) -> SampleRow {
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
    let seeds = seeds();
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

// ---------------------------------------------------------------------------------------
// Writing

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#1F3864")
        .set_font_color("#FFFFFF")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
}

/// Headers used by each style, per field.
fn headers(style: Style) -> [&'static str; 12] {
    match style {
        Style::Template | Style::Ods => [
            "Action Ref",
            "Theme",
            "Action",
            "Owner",
            "Due date",
            "RAG Status",
            "Progress commentary",
            "Achievements this period",
            "Next steps",
            "Issues raised",
            "Revised date",
            "Change control",
        ],
        Style::TitleBlock => [
            "Ref",
            "Theme",
            "Action Title",
            "Lead Officer",
            "Target date",
            "RAG",
            "Commentary",
            "Achievements this month",
            "Next Steps",
            "Risks & Issues",
            "Revised due date",
            "Change control note",
        ],
        Style::MergedThemes => [
            "Action ID",
            "Theme",
            "Description",
            "Action Owner",
            "Due",
            "Rating",
            "Progress this month",
            "Achievements",
            "Next steps",
            "Issues",
            "New date",
            "Change request",
        ],
    }
}

fn row_texts(r: &SampleRow) -> [Option<String>; 12] {
    [
        Some(r.id.clone()),
        Some(r.theme.clone()),
        Some(r.title.clone()),
        Some(r.owner.clone()),
        r.due.map(|d| d.text()),
        Some(r.rag.clone()),
        r.progress.clone(),
        r.achievements.clone(),
        r.next_steps.clone(),
        r.issues.clone(),
        r.revised.clone(),
        r.change_control.clone(),
    ]
}

fn write_due(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    due: Due,
    date_fmt: &Format,
) -> Result<(), XlsxError> {
    match due {
        Due::Date(y, m, d) => {
            let date = NaiveDate::from_ymd_opt(y, m, d)
                .ok_or_else(|| XlsxError::ParameterError("bad sample date".into()))?;
            ws.write_date_with_format(row, col, date, date_fmt)?;
        }
        Due::Text(t) => {
            ws.write_string(row, col, t)?;
        }
    }
    Ok(())
}

/// Write one return workbook (.xlsx) in the given style.
pub fn write_return_xlsx(
    path: &Path,
    directorate: &str,
    style: Style,
    rows: &[SampleRow],
    month_label: &str,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed_time()));
    let ws = wb.add_worksheet();
    ws.set_name(match style {
        Style::TitleBlock => "Tracker",
        _ => "Return",
    })?;
    let hdr = header_format();
    let date_fmt = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header_row: u32 = match style {
        Style::TitleBlock => {
            ws.write_string_with_format(
                0,
                0,
                "Improvement Plan - Monthly Directorate Return",
                &Format::new().set_bold().set_font_size(14),
            )?;
            ws.write_string(1, 0, format!("Directorate: {directorate}"))?;
            ws.write_string(2, 0, format!("Reporting period: {month_label}"))?;
            4
        }
        Style::MergedThemes => {
            ws.merge_range(
                0,
                0,
                0,
                11,
                &format!("{directorate} - Improvement Plan update {month_label}"),
                &Format::new().set_bold(),
            )?;
            1
        }
        _ => 0,
    };
    for (c, h) in headers(style).iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, *h, &hdr)?;
    }
    let widths = [
        11.0, 18.0, 40.0, 18.0, 12.0, 11.0, 50.0, 36.0, 36.0, 30.0, 14.0, 30.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let mut row = header_row + 1;
    // Rows sorted by theme order so merged theme cells make sense.
    let mut sorted: Vec<&SampleRow> = rows.iter().collect();
    if style == Style::MergedThemes {
        sorted.sort_by_key(|r| {
            Theme::ALL
                .iter()
                .position(|t| t.name() == r.theme)
                .unwrap_or(99)
        });
    }
    let mut theme_start: Option<(u32, String)> = None;
    for r in &sorted {
        let texts = row_texts(r);
        for (c, t) in texts.iter().enumerate() {
            let col = c as u16;
            if c == 4 {
                if let Some(d) = r.due {
                    write_due(ws, row, col, d, &date_fmt)?;
                }
                continue;
            }
            if c == 6 && r.progress_ref_error {
                ws.write_formula(row, col, Formula::new("=#REF!").set_result("#REF!"))?;
                continue;
            }
            if c == 1 && style == Style::MergedThemes {
                continue; // written as merged ranges below
            }
            if let Some(t) = t {
                ws.write_string_with_format(row, col, t, &wrap)?;
            }
        }
        if style == Style::MergedThemes {
            match &theme_start {
                Some((_, th)) if *th == r.theme => {}
                _ => {
                    if let Some((start, th)) = theme_start.take() {
                        write_theme_block(ws, start, row - 1, &th, &wrap)?;
                    }
                    theme_start = Some((row, r.theme.clone()));
                }
            }
        }
        row += 1;
    }
    if let Some((start, th)) = theme_start {
        write_theme_block(ws, start, row - 1, &th, &wrap)?;
    }
    // A trailing note, as officers leave them.
    ws.write_string(row + 1, 0, "Key: R = off track, A = at risk, G = on track")?;
    ws.set_freeze_panes(header_row + 1, 0)?;
    wb.save(path)
}

fn write_theme_block(
    ws: &mut Worksheet,
    start: u32,
    end: u32,
    theme: &str,
    fmt: &Format,
) -> Result<(), XlsxError> {
    if start == end {
        ws.write_string_with_format(start, 1, theme, fmt)?;
    } else {
        ws.merge_range(start, 1, end, 1, theme, fmt)?;
    }
    Ok(())
}

/// A fixed document time so that generated files are byte-identical run to run.
pub fn fixed_time() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 8, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

/// Write a return as an OpenDocument spreadsheet (.ods): a minimal but valid package.
pub fn write_return_ods(path: &Path, directorate: &str, rows: &[SampleRow]) -> std::io::Result<()> {
    let mut content = String::new();
    content.push_str(r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Return">"#);
    let cell = |s: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
            xml_escape(s)
        )
    };
    let _ = write!(
        content,
        "<table:table-row>{}</table:table-row>",
        cell(&format!("Directorate: {directorate}"))
    );
    content.push_str("<table:table-row>");
    for h in headers(Style::Ods) {
        content.push_str(&cell(h));
    }
    content.push_str("</table:table-row>");
    for r in rows {
        content.push_str("<table:table-row>");
        for (c, t) in row_texts(r).iter().enumerate() {
            match (c, r.due, t) {
                (4, Some(Due::Date(y, m, d)), _) => {
                    let _ = write!(
                        content,
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"#
                    );
                }
                (_, _, Some(t)) => content.push_str(&cell(t)),
                _ => content.push_str("<table:table-cell/>"),
            }
        }
        content.push_str("</table:table-row>");
    }
    content.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("mimetype", stored)
        .map_err(std::io::Error::other)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(content.as_bytes())?;
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}

/// Write the master plan workbook.
pub fn write_master(path: &Path, seeds: &[Seed]) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed_time()));
    let ws = wb.add_worksheet();
    ws.set_name("Improvement Plan")?;
    let hdr = header_format();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date_fmt = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top);
    ws.merge_range(
        0,
        0,
        0,
        8,
        "Improvement Plan - Master Action Plan (version 3.2)",
        &Format::new().set_bold().set_font_size(14),
    )?;
    let heads = [
        "Action Ref",
        "Theme",
        "Statutory Recommendation",
        "Action",
        "Owner",
        "Directorate",
        "Due date",
        "RAG",
        "Milestones",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &hdr)?;
    }
    for (c, w) in [11.0, 22.0, 14.0, 50.0, 26.0, 26.0, 13.0, 11.0, 50.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, s) in seeds.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string_with_format(row, 0, s.id, &wrap)?;
        ws.write_string_with_format(row, 1, theme_of(s.id), &wrap)?;
        ws.write_string_with_format(row, 2, s.rec, &wrap)?;
        ws.write_string_with_format(row, 3, s.title, &wrap)?;
        ws.write_string_with_format(row, 4, s.owner, &wrap)?;
        ws.write_string_with_format(
            row,
            5,
            DIRECTORATES
                .get(s.directorate)
                .map(|d| d.name)
                .unwrap_or(""),
            &wrap,
        )?;
        write_due(ws, row, 6, s.due, &date_fmt)?;
        ws.write_string_with_format(row, 7, s.rag, &wrap)?;
        ws.write_string_with_format(row, 8, s.milestones, &wrap)?;
    }
    ws.autofilter(2, 0, 2 + seeds.len() as u32, 8)?;
    ws.set_freeze_panes(3, 0)?;
    let rs = wb.add_worksheet();
    rs.set_name("Recommendations")?;
    rs.write_string_with_format(0, 0, "Recommendation", &hdr)?;
    rs.write_string_with_format(0, 1, "Text", &hdr)?;
    rs.set_column_width(1, 100)?;
    for (i, (code, text)) in RECOMMENDATIONS.iter().enumerate() {
        rs.write_string(1 + i as u32, 0, *code)?;
        rs.write_string_with_format(1 + i as u32, 1, *text, &wrap)?;
    }
    wb.save(path)
}

/// Write the whole sample set into `dir`: `master-plan.xlsx`, `returns/`, `FAULTS.md`.
pub fn write_samples(dir: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let returns_dir = dir.join("returns");
    std::fs::create_dir_all(&returns_dir)?;
    write_master(&dir.join("master-plan.xlsx"), &seeds())?;
    for (d, rows) in sample_returns() {
        if d.name == MISSING_RETURN {
            continue;
        }
        let p = returns_dir.join(d.file);
        match d.style {
            Style::Ods => write_return_ods(&p, d.name, &rows)?,
            style => write_return_xlsx(&p, d.name, style, &rows, "July 2023")?,
        }
    }
    std::fs::write(dir.join("FAULTS.md"), faults_markdown())?;
    Ok(())
}

/// The planted-fault list as Markdown, kept beside the samples.
pub fn faults_markdown() -> String {
    let mut s = String::from(
        "# Faults planted in the sample returns (July 2023)\n\nGenerated by `cargo run --release -- samples samples` (the generator is `src/samples.rs`); `tests/samples.rs` checks that `plan-recon reconcile` finds each of them and reports nothing else as an error or warning.\n\n| # | action | return | expected finding codes | what was planted |\n|---|---|---|---|---|\n",
    );
    for (i, p) in planted_faults().iter().enumerate() {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            i + 1,
            p.action.unwrap_or("-"),
            p.directorate,
            p.codes.join(", "),
            p.what
        );
    }
    s.push_str("\nInformational findings (severity info) are also expected for the clean exceptions that have an approved change control (OC.C4.1, PC.A5.2).\n");
    s
}

/// Benchmark data: a master plan of `actions` actions and `returns` return workbooks that
/// between them report on every action once, in the sample formats. Returns the paths.
pub fn write_scale(
    dir: &Path,
    actions: usize,
    returns: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let returns = returns.max(1);
    let returns_dir = dir.join("returns");
    std::fs::create_dir_all(&returns_dir)?;
    let base = seeds();
    let names: Vec<String> = (0..returns)
        .map(|i| format!("Directorate {:03}", i + 1))
        .collect();
    // Leak-free static strings are not needed: build owned seeds through SampleRows.
    let mut rows_by_return: Vec<Vec<SampleRow>> = vec![Vec::new(); returns];
    let mut master = Workbook::new();
    master.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed_time()),
    );
    let ws = master.add_worksheet();
    ws.set_name("Improvement Plan")?;
    let heads = [
        "Action Ref",
        "Theme",
        "Statutory Recommendation",
        "Action",
        "Owner",
        "Directorate",
        "Due date",
        "RAG",
        "Milestones",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for i in 0..actions {
        let s = &base[i % base.len()];
        let id = format!("{}.Z{}.{}", &s.id[..2], i / 1000 + 1, i % 1000 + 1);
        let d = i % returns;
        let row = 1 + i as u32;
        ws.write_string(row, 0, &id)?;
        ws.write_string(row, 1, theme_of(s.id))?;
        ws.write_string(row, 2, s.rec)?;
        ws.write_string(row, 3, s.title)?;
        ws.write_string(row, 4, s.owner)?;
        ws.write_string(row, 5, &names[d])?;
        ws.write_string(row, 6, s.due.text())?;
        ws.write_string(row, 7, s.rag)?;
        ws.write_string(row, 8, s.milestones)?;
        let mut r = clean_row(s, i);
        r.id = id;
        rows_by_return[d].push(r);
    }
    master.save(dir.join("master-plan.xlsx"))?;
    let styles = [Style::Template, Style::TitleBlock, Style::MergedThemes];
    for (d, rows) in rows_by_return.iter().enumerate() {
        let file = returns_dir.join(format!("directorate-{:03}.xlsx", d + 1));
        write_return_xlsx(
            &file,
            &names[d],
            styles[d % styles.len()],
            rows,
            "July 2023",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_unique_and_span_all_themes() {
        let s = seeds();
        assert_eq!(s.len(), 62);
        let mut ids: Vec<_> = s.iter().map(|x| x.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 62);
        for t in Theme::ALL {
            assert!(
                s.iter().filter(|x| x.id.starts_with(t.prefix())).count() >= 9,
                "{t}"
            );
        }
        for (code, _) in RECOMMENDATIONS {
            assert!(s.iter().any(|x| x.rec == code), "{code}");
        }
    }

    #[test]
    fn every_planted_action_exists_in_the_returns_or_is_missing_on_purpose() {
        let returns = sample_returns();
        for p in planted_faults() {
            let Some(a) = p.action else { continue };
            let present = returns
                .iter()
                .any(|(_, rows)| rows.iter().any(|r| r.id == a));
            assert_eq!(present, a != "SD.B2.3", "{a}");
        }
    }
}
