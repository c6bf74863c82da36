//! Four invented councils, each writing its plan its own way: ids, themes (as a column, as
//! heading bands, as one sheet each), headers, rating words, title rows, milestone rows,
//! returns split over sheets or rated by fill colour. Each comes with the findings its
//! planted faults must raise, and nothing else: no finding may come from the council's
//! vocabulary itself. Long because it is data: one council per function.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::book::{Cell, Sheet, write_ods, write_xlsx};

/// One council's plan, returns, map and expectations.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub name: &'static str,
    /// The report month, as `--month` takes it.
    pub month: &'static str,
    /// A column map to pass with `--map` (only what differs from the built-in map).
    pub map: Option<&'static str>,
    pub master_file: &'static str,
    pub master: Vec<Sheet>,
    /// File name and sheets of each return.
    pub returns: Vec<(&'static str, Vec<Sheet>)>,
    /// Finding codes per action id (as the finding names it), or `return:<directorate>`.
    pub expected: BTreeMap<String, BTreeSet<&'static str>>,
    /// The themes, in the order the appendix must list them.
    pub themes: Vec<&'static str>,
    /// The recommendations sheet's name in the appendix; `None` for a plan with none.
    pub recommendations_sheet: Option<&'static str>,
    pub actions: usize,
}

fn t(s: &str) -> Cell {
    Cell::from(s)
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| t(c)).collect()
}

fn band(text: &str) -> Vec<Cell> {
    vec![t(text)]
}

pub(crate) fn expect(
    pairs: &[(&str, &[&'static str])],
) -> BTreeMap<String, BTreeSet<&'static str>> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().copied().collect()))
        .collect()
}

/// Every fixture council.
pub fn councils() -> Vec<Fixture> {
    let mut all = vec![northshire(), eastvale(), kingsbridge(), westmoor()];
    all.extend(crate::published::published());
    all
}

/// Write a council's master plan, returns (in `returns/`) and map (`map.toml`) into `dir`.
pub fn write_fixture(dir: &Path, f: &Fixture) -> Result<(), Box<dyn std::error::Error>> {
    let returns = dir.join("returns");
    std::fs::create_dir_all(&returns)?;
    write_book(&dir.join(f.master_file), &f.master)?;
    for (file, sheets) in &f.returns {
        write_book(&returns.join(file), sheets)?;
    }
    if let Some(map) = f.map {
        std::fs::write(dir.join("map.toml"), map)?;
    }
    Ok(())
}

fn write_book(path: &Path, sheets: &[Sheet]) -> Result<(), Box<dyn std::error::Error>> {
    if path.extension().is_some_and(|e| e == "ods") {
        write_ods(path, sheets)?;
    } else {
        write_xlsx(path, sheets)?;
    }
    Ok(())
}

/// Numbered ids (`1.1`, `2.2a`, `10.4`, one typed as a number) and `GOV-03`; themes as
/// heading bands over the rows; Directions; BRAG; title rows and milestone sub-rows; the
/// headers of its own tracker, read with no map.
fn northshire() -> Fixture {
    let mut master = Sheet::new(
        "Action Plan",
        &[
            "Action Reference",
            "Direction",
            "Action",
            "Accountable Officer",
            "Lead Directorate",
            "Target Completion Date",
            "Status (BRAG)",
        ],
    );
    master.above = vec![
        "Northshire Council - Improvement and Recovery Plan".into(),
        "Version 4, as agreed by Cabinet".into(),
    ];
    let legal = "Legal & Democratic";
    master.rows = vec![
        band("Theme 1: Governance"),
        row(&[
            "1.1",
            "D1",
            "Adopt a new constitution",
            "Monitoring Officer",
            legal,
            "31/12/2024",
            "Green",
        ]),
        row(&[
            "",
            "",
            "Draft constitution to Council",
            "",
            "",
            "November 2024",
            "",
        ]),
        row(&[
            "1.2",
            "D1",
            "Member development programme",
            "Head of Democratic Services",
            legal,
            "31/12/2023",
            "Amber",
        ]),
        row(&[
            "1.3",
            "D2",
            "Review the scrutiny arrangements",
            "Monitoring Officer",
            legal,
            "June 2024",
            "Green",
        ]),
        row(&[
            "GOV-03",
            "D2",
            "Publish the forward plan monthly",
            "Monitoring Officer",
            legal,
            "30/09/2023",
            "Blue",
        ]),
        band("Theme 2: Financial Sustainability"),
        vec![
            Cell::Number(2.1, "General"),
            t("D3"),
            t("Balanced medium term financial plan"),
            t("Section 151 Officer"),
            t("Finance"),
            t("30/11/2023"),
            t("Green"),
        ],
        row(&[
            "2.2a",
            "D3",
            "Savings delivery tracker in place",
            "Section 151 Officer",
            "Finance",
            "31/03/2024",
            "Amber",
        ]),
        row(&[
            "2.3",
            "D3",
            "Close the 2022/23 accounts",
            "Section 151 Officer",
            "Finance",
            "31/07/2023",
            "Blue",
        ]),
        band("Theme 10: Regeneration"),
        row(&[
            "10.4",
            "D4",
            "Town centre delivery plan",
            "Director of Place",
            "Place",
            "March 2024",
            "Green",
        ]),
        vec![],
        band("Key: B = complete, G = on track, A = at risk, R = off track"),
    ];
    let headers = [
        "Action Reference",
        "Current RAG status",
        "Update on progress",
        "Revised Completion Date",
        "Change Request Approved? (Y/N)",
    ];
    let mut legal_ret = Sheet::new("Update", &headers);
    legal_ret.above = vec![
        "Directorate: Legal & Democratic".into(),
        "January 2024".into(),
    ];
    legal_ret.rows = vec![
        row(&["1.1", "Green", "Working group meets fortnightly.", "", "N"]),
        row(&[
            "1.2",
            "Amber",
            "Two modules moved to the spring.",
            "end of March 2024",
            "Y - approved by the Improvement Board",
        ]),
        row(&[
            "gov 03",
            "Blue",
            "Forward plan published each month since September.",
            "",
            "",
        ]),
        row(&["1.10", "Green", "Scoping under way.", "", ""]),
    ];
    let mut finance = Sheet::new("Update", &headers);
    finance.rows = vec![
        row(&["2.1", "Green", "Draft plan to Cabinet.", "", "N"]),
        row(&[
            "2.2A",
            "Red",
            "Tracker delayed by the finance system upgrade.",
            "Q1 2024/25",
            "N",
        ]),
    ];
    Fixture {
        name: "Northshire",
        month: "2024-01",
        map: None,
        master_file: "improvement-plan.xlsx",
        master: vec![master],
        returns: vec![
            ("legal-and-democratic.xlsx", vec![legal_ret]),
            ("finance.xlsx", vec![finance]),
        ],
        expected: expect(&[
            ("1.2", &["D02"]),
            ("1.3", &["M03"]),
            ("2.1", &["D03", "G01"]),
            ("2.2a", &["D01"]),
            ("1.10", &["M02"]),
            ("return:Place", &["M01"]),
        ]),
        themes: vec!["Governance", "Financial Sustainability", "Regeneration"],
        recommendations_sheet: Some("Directions"),
        actions: 8,
    }
}

/// Prefixed ids (`GOV-01`, `FIN-07`); workstreams as a column; "On track / At risk / Off
/// track / Completed / Not yet started"; returns split over one sheet per workstream beside
/// a Guidance sheet; a map that names its labels.
fn eastvale() -> Fixture {
    let mut master = Sheet::new(
        "Plan",
        &[
            "Ref",
            "Workstream",
            "Recommendation",
            "Description",
            "Responsible Officer",
            "Service Area",
            "Deadline",
            "Rating",
        ],
    );
    let gov = "Governance and Assurance";
    let fin = "Financial Recovery";
    let ppl = "People and Culture";
    master.rows = vec![
        row(&[
            "GOV-01",
            gov,
            "Recommendation 1",
            "Refresh the code of governance",
            "Head of Audit",
            "Corporate Services",
            "31/03/2024",
            "On track",
        ]),
        row(&[
            "GOV-02",
            gov,
            "Recommendation 1",
            "Risk registers reviewed quarterly",
            "Head of Audit",
            "Corporate Services",
            "31/12/2023",
            "At risk",
        ]),
        row(&[
            "GOV-09",
            gov,
            "Recommendation 2",
            "Whistleblowing policy relaunched",
            "Monitoring Officer",
            "Legal Services",
            "31/01/2024",
            "On track",
        ]),
        row(&[
            "FIN-07",
            fin,
            "Recommendation 3",
            "Capital programme re-profiled",
            "Chief Finance Officer",
            "Finance",
            "31/12/2023",
            "Off track",
        ]),
        row(&[
            "FIN-08",
            fin,
            "Recommendation 3",
            "Debt recovery procedures updated",
            "Chief Finance Officer",
            "Finance",
            "31/10/2023",
            "On track",
        ]),
        row(&[
            "PPL-03",
            ppl,
            "Recommendation 2",
            "Staff survey action plan",
            "Head of HR",
            "People",
            "30/09/2023",
            "On track",
        ]),
        row(&[
            "PPL-04",
            ppl,
            "Recommendation 2",
            "Leadership development programme",
            "Head of HR",
            "People",
            "30/06/2024",
            "Not yet started",
        ]),
    ];
    let headers = [
        "Ref",
        "Workstream",
        "Rating",
        "Progress Narrative",
        "Revised Date",
        "Change control",
    ];
    let guidance = Sheet::text(
        "Guidance",
        &["Complete one row per action.", "Use the rating list."],
    );
    let sheet = |name: &str, rows: Vec<Vec<Cell>>| Sheet {
        rows,
        ..Sheet::new(name, &headers)
    };
    let corporate = vec![
        guidance.clone(),
        sheet(
            "Governance",
            vec![
                row(&[
                    "GOV-01",
                    "Governance & Assurance",
                    "On track",
                    "Draft code with the Audit Committee.",
                    "",
                    "",
                ]),
                row(&[
                    "GOV-02",
                    "Governance & Assurance",
                    "At risk",
                    "Two registers still to review.",
                    "",
                    "",
                ]),
            ],
        ),
    ];
    let finance = vec![
        guidance.clone(),
        sheet(
            "Financial Recovery",
            vec![
                row(&["FIN-07", fin, "Off track", "", "", ""]),
                row(&[
                    "FIN-08",
                    fin,
                    "On track",
                    "Procedures being drafted.",
                    "Jan 2024",
                    "",
                ]),
            ],
        ),
    ];
    let people = vec![
        sheet(
            "People and Culture",
            vec![
                row(&[
                    "PPL-03",
                    ppl,
                    "Completed",
                    "Action plan agreed; awaiting sign-off by the Chief Executive.",
                    "",
                    "",
                ]),
                row(&[
                    "PPL-04",
                    ppl,
                    "Not yet started",
                    "Starts after the restructure.",
                    "",
                    "",
                ]),
            ],
        ),
        guidance,
    ];
    Fixture {
        name: "Eastvale",
        month: "2023-11",
        map: Some(
            "# Eastvale's map: only what differs from the built-in one.\n[labels]\ntheme = \"Workstream\"\nrecommendation = \"Best Value Recommendation\"\n",
        ),
        master_file: "eastvale-plan.xlsx",
        master: vec![master],
        returns: vec![
            ("corporate-services.xlsx", corporate),
            ("finance.xlsx", finance),
            ("people.xlsx", people),
        ],
        expected: expect(&[
            ("FIN-07", &["G03"]),
            ("FIN-08", &["D01", "G01"]),
            ("PPL-03", &["G02"]),
            ("return:Legal Services", &["M01"]),
        ]),
        themes: vec![gov, fin, ppl],
        recommendations_sheet: Some("Best Value Recommendations"),
        actions: 7,
    }
}

/// Recommendation-led ids (`R1.1`, `R3.4`); priorities as a column ("Priority 1 -
/// Leadership"), ordered by the map's `themes`; real date cells in the master and text
/// dates in the returns ("end of Sept 2023", "Q3", "TBC", "w/c 11 March 2024"); RAG as
/// single letters, or only as a cell's fill colour.
fn kingsbridge() -> Fixture {
    let mut master = Sheet::new(
        "Improvement Plan",
        &[
            "Action No",
            "Priority",
            "Action",
            "Lead Officer",
            "Directorate",
            "Due date",
            "RAG",
        ],
    );
    master.above = vec![
        "Kingsbridge Borough Council".into(),
        "Best Value Improvement Plan".into(),
        "Owner: Assistant Chief Executive".into(),
    ];
    let lead = "Priority 1 - Leadership";
    let serv = "Priority 2 - Services";
    let action =
        |id: &str, p: &str, title: &str, who: &str, dir: &str, due: (i32, u32, u32), rag: &str| {
            vec![
                t(id),
                t(p),
                t(title),
                t(who),
                t(dir),
                Cell::Date(due.0, due.1, due.2),
                t(rag),
            ]
        };
    master.rows = vec![
        action(
            "R1.1",
            lead,
            "Corporate plan refreshed",
            "Chief Executive",
            "Chief Executive",
            (2023, 12, 31),
            "G",
        ),
        action(
            "R1.2",
            lead,
            "Senior leadership restructure",
            "Chief Executive",
            "Chief Executive",
            (2023, 10, 31),
            "A",
        ),
        action(
            "R2.1",
            serv,
            "Adult social care waiting list cleared",
            "Director of Adults",
            "Adults",
            (2023, 8, 31),
            "G",
        ),
        action(
            "R3.4",
            serv,
            "Care market sustainability plan",
            "Director of Adults",
            "Adults",
            (2023, 11, 30),
            "A",
        ),
        action(
            "R3.5",
            serv,
            "Children's placement sufficiency strategy",
            "Director of Children",
            "Children",
            (2024, 3, 31),
            "R",
        ),
    ];
    let headers = [
        "Action No",
        "RAG",
        "Commentary",
        "Revised date",
        "Change control note",
    ];
    let mut ceo = Sheet::new("Return", &headers);
    ceo.rows = vec![
        vec![
            t("R1.1"),
            Cell::Fill("#00B050"),
            t("Draft plan with members."),
            Cell::Empty,
            Cell::Empty,
        ],
        vec![
            t("R1.2"),
            Cell::Fill("#FFC000"),
            t("Consultation extended."),
            t("TBC"),
            Cell::Empty,
        ],
    ];
    let mut adults = Sheet::new("Return", &headers);
    adults.rows = vec![
        row(&[
            "R2.1",
            "G",
            "List down to 40 people.",
            "end of Sept 2023",
            "",
        ]),
        row(&[
            "R3.4",
            "A",
            "Market review under way.",
            "Q3",
            "Approved at Board 3 Sept",
        ]),
        row(&["R3.6", "G", "New action proposed.", "", ""]),
    ];
    let mut children = Sheet::new("Return", &headers);
    children.rows = vec![row(&[
        "R3.5",
        "R",
        "Brought forward to match the budget.",
        "w/c 11 March 2024",
        "",
    ])];
    Fixture {
        name: "Kingsbridge",
        month: "2023-09",
        map: Some("themes = [\"Services\", \"Leadership\"]\n"),
        master_file: "kingsbridge-plan.xlsx",
        master: vec![master],
        returns: vec![
            ("chief-executive.xlsx", vec![ceo]),
            ("adults.xlsx", vec![adults]),
            ("children.xlsx", vec![children]),
        ],
        expected: expect(&[
            ("R2.1", &["D01", "G01"]),
            ("R3.4", &["D02"]),
            ("R3.5", &["D04"]),
            ("R3.6", &["M02"]),
        ]),
        themes: vec!["Services", "Leadership"],
        recommendations_sheet: None,
        actions: 5,
    }
}

/// Letter-and-number ids (`A12`, `B1`); a master plan with one sheet per theme and a Notes
/// sheet; no recommendations; one return as OpenDocument.
fn westmoor() -> Fixture {
    let headers = [
        "Action No",
        "Action",
        "Owner",
        "Directorate",
        "Due",
        "RAG Rating",
    ];
    let theme = |name: &str, rows: Vec<Vec<Cell>>| Sheet {
        rows,
        ..Sheet::new(name, &headers)
    };
    let master = vec![
        theme(
            "Housing Standards",
            vec![
                row(&[
                    "A12",
                    "Damp and mould cases resolved within 28 days",
                    "Head of Housing",
                    "Housing",
                    "31/03/2024",
                    "Green",
                ]),
                row(&[
                    "A13",
                    "Stock condition survey",
                    "Head of Housing",
                    "Housing",
                    "30/06/2024",
                    "Amber",
                ]),
            ],
        ),
        theme(
            "Finance",
            vec![
                row(&[
                    "B1",
                    "Reserves strategy",
                    "Director of Resources",
                    "Resources",
                    "29/02/2024",
                    "Green",
                ]),
                row(&[
                    "B2",
                    "Budget monitoring monthly to Cabinet",
                    "Director of Resources",
                    "Resources",
                    "31/01/2024",
                    "Green",
                ]),
            ],
        ),
        theme(
            "Governance",
            vec![row(&[
                "C7",
                "Member code of conduct training",
                "Director of Resources",
                "Resources",
                "30/04/2024",
                "Green",
            ])],
        ),
        Sheet::text(
            "Notes",
            &[
                "Plan agreed by Council on 12 July.",
                "Ratings: Green, Amber, Red, Complete, On hold.",
            ],
        ),
    ];
    let mut housing = Sheet::new(
        "Return",
        &["Action No", "RAG Rating", "Progress update", "Achievements"],
    );
    housing.rows = vec![
        row(&[
            "A12",
            "Green",
            "Average time to resolve now 24 days.",
            "Backlog cleared",
        ]),
        row(&[
            "A13",
            "On hold",
            "Paused until the new contract starts.",
            "",
        ]),
    ];
    let mut resources = Sheet::new(
        "Return",
        &["Action No", "Action", "RAG Rating", "Progress update"],
    );
    resources.rows = vec![
        row(&["B1", "Reserves strategy", "Amber", ""]),
        row(&[
            "B2",
            "Budget monitoring reports to Cabinet each quarter",
            "Green",
            "Reports in the forward plan.",
        ]),
    ];
    Fixture {
        name: "Westmoor",
        month: "2023-12",
        map: None,
        master_file: "westmoor-plan.xlsx",
        master,
        returns: vec![
            ("housing.ods", vec![housing]),
            ("resources.xlsx", vec![resources]),
        ],
        expected: expect(&[("B1", &["G03", "G05"]), ("B2", &["F01"]), ("C7", &["M03"])]),
        themes: vec!["Housing Standards", "Finance", "Governance"],
        recommendations_sheet: None,
        actions: 5,
    }
}
