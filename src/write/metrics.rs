//! How wide text is: the advance widths of Calibri, the font the appendix is written in
//! (read from its metric-compatible twin Carlito, which LibreOffice uses in its place, so
//! both print the same line breaks), in thousandths of an em.
//!
//! Used to estimate how many lines a cell's text wraps to, so that rows and page breaks are
//! placed by the writer (see `page`). Characters outside the table take a wide average, so
//! an estimate errs towards more lines, never fewer.

/// Widths of the printable ASCII characters, space (32) to tilde (126), regular weight.
const REGULAR: [u16; 95] = [
    226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533, 615, 488,
    459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642, 567, 890, 519,
    487, 468, 307, 386, 307, 498, 498, 291, 479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455,
    229, 799, 525, 527, 525, 525, 349, 391, 335, 525, 452, 715, 433, 453, 395, 314, 460, 314, 498,
];

/// The same, bold.
const BOLD: [u16; 95] = [
    226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529, 630, 488,
    459, 637, 631, 267, 331, 547, 423, 874, 659, 676, 532, 686, 563, 473, 495, 653, 591, 906, 551,
    520, 478, 325, 430, 325, 498, 498, 300, 494, 537, 418, 537, 503, 316, 474, 537, 246, 255, 480,
    246, 813, 537, 538, 537, 537, 355, 399, 347, 537, 473, 745, 459, 474, 397, 344, 475, 344, 498,
];

/// The width of `c` in thousandths of an em.
pub fn char_width(c: char, bold: bool) -> u32 {
    let table = if bold { &BOLD } else { &REGULAR };
    match c as u32 {
        n @ 32..=126 => u32::from(table[(n - 32) as usize]),
        // Bullets, dashes, quotes, accented letters: about a digit's width.
        0x2014 => 910,
        0x00A0..=0x2000 | 0x2010..=0x2027 => 510,
        // Other symbols: wide.
        0x2030..=0x2BFF => 910,
        // Ideographs, kana, hangul, emoji: a full em.
        _ if c as u32 >= 0x2E80 => 1000,
        _ => 600,
    }
}

/// The width of `s` at `pt` points, in points.
pub fn text_width_pt(s: &str, pt: f64, bold: bool) -> f64 {
    let units: u32 = s.chars().map(|c| char_width(c, bold)).sum();
    f64::from(units) * pt / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // A digit is about half an em, an "m" wider than an "i", bold wider than regular.
        assert_eq!(char_width('0', false), 507);
        assert!(char_width('m', false) > 3 * char_width('i', false));
        assert!(
            text_width_pt("Organisational", 10.0, true)
                > text_width_pt("Organisational", 10.0, false)
        );
        // "Organisational Culture" at 10 pt is about 94 points wide.
        let w = text_width_pt("Organisational Culture", 10.0, false);
        assert!((90.0..100.0).contains(&w), "{w}");
        // Scripts outside the table count a full em.
        assert_eq!(char_width('\u{5B57}', false), 1000);
    }
}
