//! References typed as numbers. Excel stores `1.10` as the number 1.1 and shows it as
//! "1.10" only through the cell's number format; the id is what the officer sees, so an
//! xlsx id cell holding a number is read in its displayed form. Other formats give no
//! number formats to calamine: there 1.10 reads as 1.1, and two master rows that then
//! collide are reported (M06) rather than merged.

use std::io::Cursor;

use calamine::Sheets;

use super::raw::{Table, Value};
use crate::model::ActionId;
use crate::model::Field;

/// Rewrite numeric id cells of an xlsx sheet as the text their number format shows.
pub(super) fn ids_as_displayed(table: &mut Table, sheets: &mut Sheets<Cursor<&[u8]>>, sheet: &str) {
    let slot = Field::Id.index();
    let numeric = |c: &Option<(Value, u32)>| matches!(c, Some((Value::Number(_), _)));
    if !table.rows.iter().any(|r| numeric(&r.cells[slot])) {
        return;
    }
    let Sheets::Xlsx(x) = sheets else { return };
    let Ok(styles) = x.worksheet_style(sheet) else {
        return;
    };
    for r in table.rows.iter_mut().filter(|r| numeric(&r.cells[slot])) {
        let Some((Value::Number(n), col)) = r.cells[slot] else {
            continue;
        };
        let code = styles
            .get((r.row, col))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.as_str())
            .unwrap_or("General");
        let text = displayed(n, code);
        r.id = ActionId::parse(&text);
        r.cells[slot] = Some((Value::Text(text), col));
    }
}

/// A number as a simple number format shows it: "0.00" gives 1.1 as "1.10", "0.0#" as
/// "1.1", "General" (or a format this does not know) as Excel's shortest form.
pub fn displayed(n: f64, code: &str) -> String {
    let section = code.split(';').next().unwrap_or("");
    // Text in quotes or after a backslash is literal, not digits.
    let mut digits = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in section.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            _ if quoted => {}
            '0' | '#' | '?' | '.' => digits.push(c),
            _ => {}
        }
    }
    let general = section.eq_ignore_ascii_case("general") || !digits.contains(['0', '#', '?']);
    if general || section.contains(['%', 'E', 'e', '/']) {
        return shortest(n);
    }
    let decimals = digits.split_once('.').map(|(_, d)| d).unwrap_or("");
    let min = decimals.chars().filter(|c| *c == '0').count();
    let max = decimals.chars().count();
    let mut s = format!("{n:.max$}");
    if let Some(dot) = s.find('.') {
        while s.len() - dot - 1 > min && s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    s
}

fn shortest(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_their_format_shows_them() {
        assert_eq!(displayed(1.1, "0.00"), "1.10");
        assert_eq!(displayed(1.1, "General"), "1.1");
        assert_eq!(displayed(1.1, "0.0#"), "1.1");
        assert_eq!(displayed(1.25, "0.0#"), "1.25");
        assert_eq!(displayed(2.0, "0.0"), "2.0");
        assert_eq!(displayed(12.0, "0"), "12");
        assert_eq!(displayed(10.4, "#,##0.0"), "10.4");
        assert_eq!(displayed(1.1, "\"Action \"0.00"), "1.10");
        assert_eq!(displayed(0.5, "0%"), "0.5");
        assert_eq!(displayed(3.0, "@"), "3");
    }
}
