//! A month where things have gone badly, at benchmark scale: about half the actions Amber
//! or Red, a sixth slipped (half of those with no change control), many findings (unknown
//! and missing actions, changed titles, overdue dates, exceptions without commentary) and
//! long commentary; the headers of the master and the returns are another council's, not
//! the samples'.

use std::path::Path;

use rust_xlsxwriter::XlsxError;

use crate::council::SEEDS;
use crate::xlsx::dated_workbook;

/// The master plan's headers: another council's words for the same fields.
const MASTER: [&str; 8] = [
    "Action Reference",
    "Workstream",
    "Direction",
    "Description",
    "Lead Officer",
    "Service Area",
    "Target date",
    "Status",
];

/// The returns' headers.
const RETURN: [&str; 9] = [
    "Reference",
    "Description",
    "Target date",
    "Status",
    "Update",
    "Key achievements",
    "Planned next steps",
    "Forecast date",
    "CC reference",
];

const WORKSTREAMS: [&str; 5] = ["Governance", "Finance", "People", "Place", "Partnerships"];

const DUES: [&str; 6] = [
    "June 2024",
    "September 2023",
    "December 2023",
    "March 2024",
    "Q3 2023/24",
    "31/05/2023",
];

const LONG: &str = "The programme board reviewed the position this month. Delivery has been affected by vacancies in the project team and by the dependency on the finance system upgrade, which the supplier has put back twice; interim arrangements are in place and the risk has been escalated to the directorate management team. A recovery plan will be presented next month with revised milestones and the resources needed to meet them.";

/// Service areas' names: words only, as a file name would carry them (a number in a file
/// name is read as a version, not as part of the directorate).
fn area(i: usize) -> String {
    const A: [&str; 10] = [
        "North", "South", "East", "West", "Central", "Upper", "Lower", "Inner", "Outer", "Coastal",
    ];
    const B: [&str; 20] = [
        "Housing",
        "Planning",
        "Highways",
        "Libraries",
        "Leisure",
        "Waste",
        "Parks",
        "Schools",
        "Care",
        "Licensing",
        "Revenues",
        "Benefits",
        "Transport",
        "Museums",
        "Markets",
        "Cemeteries",
        "Harbours",
        "Lighting",
        "Drainage",
        "Estates",
    ];
    const C: [&str; 5] = ["", " Services", " Operations", " Programme", " Partnership"];
    format!("{} {}{}", A[i % 10], B[(i / 10) % 20], C[(i / 200) % 5])
}

/// One action's id: `WS-0001`-style, numbered through the plan.
fn id(i: usize) -> String {
    let ws = WORKSTREAMS[i % WORKSTREAMS.len()];
    format!("{}-{:05}", &ws[..3].to_uppercase(), i + 1)
}

/// Write the bad month: `master-plan.xlsx` and `returns/` in `dir`.
pub fn write_bad_month(
    dir: &Path,
    actions: usize,
    returns: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let returns = returns.max(1);
    let returns_dir = dir.join("returns");
    std::fs::create_dir_all(&returns_dir)?;
    let names: Vec<String> = (0..returns).map(area).collect();
    let mut master = dated_workbook();
    let ws = master.add_worksheet();
    ws.set_name("Plan")?;
    for (c, h) in MASTER.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    let mut rows: Vec<Vec<[String; 9]>> = vec![Vec::new(); returns];
    for i in 0..actions {
        let s = &SEEDS[i % SEEDS.len()];
        let d = i % returns;
        let due = DUES[i % DUES.len()];
        let row = 1 + i as u32;
        let cells = [
            id(i),
            WORKSTREAMS[i % WORKSTREAMS.len()].to_string(),
            format!("D{}", i % 7 + 1),
            s.title.to_string(),
            s.owner.to_string(),
            names[d].clone(),
            due.to_string(),
            // Half the plan's own ratings already say what the returns will.
            if i % 8 < 4 { "Green" } else { rag_of(i) }.to_string(),
        ];
        for (c, t) in cells.iter().enumerate() {
            ws.write_string(row, c as u16, t)?;
        }
        if let Some(r) = return_row(i, s.title, due) {
            rows[d].push(r);
        }
    }
    master.save(dir.join("master-plan.xlsx"))?;
    for (d, rows) in rows.iter().enumerate() {
        let file = format!("{}.xlsx", names[d].to_lowercase().replace(' ', "-"));
        write_return(&returns_dir.join(file), rows)?;
    }
    Ok(())
}

/// The rating action `i`'s return gives: half are exceptions, a quarter Red, a quarter Amber.
fn rag_of(i: usize) -> &'static str {
    match i % 4 {
        0 => "Red",
        2 => "Amber",
        _ if i.is_multiple_of(9) => "Complete",
        _ => "Green",
    }
}

/// What action `i`'s return says, or `None` when it is left out (M03).
fn return_row(i: usize, title: &str, due: &str) -> Option<[String; 9]> {
    if i % 40 == 1 {
        return None;
    }
    let rag = rag_of(i);
    let id = if i.is_multiple_of(50) {
        format!("{}x", id(i)) // a typo: not in the plan (M02), and the real one missing
    } else {
        id(i)
    };
    let title = if i % 30 == 2 {
        format!("{title} (revised scope)")
    } else {
        title.to_string()
    };
    // A sixth slipped; every other one of those with no change control.
    let (revised, cc) = if i % 6 == 3 {
        let cc = if i % 12 == 3 {
            ""
        } else {
            "CC-2023-114 approved by programme board"
        };
        ("March 2025".to_string(), cc.to_string())
    } else {
        (String::new(), String::new())
    };
    // Exceptions explain themselves at length, but some say nothing (G03).
    let update = match rag {
        "Red" | "Amber" if i % 20 == 4 => String::new(),
        "Red" | "Amber" => format!("{LONG} ({})", id),
        _ => "Work is progressing to plan; the project team meets fortnightly.".to_string(),
    };
    Some([
        id,
        title,
        due.to_string(),
        rag.to_string(),
        update,
        if i.is_multiple_of(3) {
            "Workshop held with partners\nDraft policy agreed".to_string()
        } else {
            String::new()
        },
        "Report to the board next month.".to_string(),
        revised,
        cc,
    ])
}

fn write_return(path: &Path, rows: &[[String; 9]]) -> Result<(), XlsxError> {
    let mut wb = dated_workbook();
    let ws = wb.add_worksheet();
    ws.set_name("Update")?;
    for (c, h) in RETURN.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, t) in cells.iter().enumerate() {
            if !t.is_empty() {
                ws.write_string(1 + r as u32, c as u16, t)?;
            }
        }
    }
    wb.save(path)
}
