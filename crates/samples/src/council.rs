//! The sample council: its directorates, themes, statutory recommendations and the 62
//! actions of its master plan. Every name and text is invented, in the style of published
//! Cabinet appendices. Longer than most files because it is data: one `seed!` per action.

use Due::{Date, Text};

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

pub(crate) const CEO: usize = 0;
pub(crate) const FIN: usize = 1;
const REG: usize = 2;
const LAW: usize = 3;
const BOR: usize = 4;
const CHA: usize = 5;
const HOU: usize = 6;

/// The master plan's column headers, in order.
pub const MASTER_HEADERS: [&str; 9] = [
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

/// The sample council's themes: id prefix and name, in the order its Cabinet reports use.
pub const THEMES: [(&str, &str); 6] = [
    ("OC", "Organisational Culture"),
    ("CO", "Corporate Oversight"),
    ("SD", "Strategic Direction"),
    ("DM", "Decision Making"),
    ("PC", "Procurement & Commercial"),
    ("PR", "Partnerships & Relationships"),
];

/// The theme named by an id's prefix ("OC.C4.1" -> "Organisational Culture").
pub fn theme_of(id: &str) -> String {
    let prefix = id.split('.').next().unwrap_or("");
    THEMES
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(prefix))
        .map(|(_, name)| name.to_string())
        .unwrap_or_default()
}

/// A theme's position in [`THEMES`] (unknown themes last).
pub fn theme_order(name: &str) -> usize {
    THEMES.iter().position(|(_, n)| *n == name).unwrap_or(99)
}

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
///
/// Data, not logic: one `seed!` per action, in master order.
pub const SEEDS: &[Seed] = &[
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
];
