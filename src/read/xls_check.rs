//! Legacy `.xls` files checked before calamine sees them: a damaged file can claim billions of
//! cells or loop its sector chain, and calamine would allocate until the process aborts.

use std::io::Cursor;

/// Most cells a legacy `.xls` sheet can hold (65,536 rows by 256 columns).
pub(super) const XLS_MAX_CELLS: u64 = 65_536 * 256;
/// Most cells a sheet's values may span: calamine holds an `.xls` sheet as a dense grid of
/// about 32 bytes a cell, so this bounds one return to about 130 MB however its cells sit.
pub(super) const XLS_MAX_SPAN: u64 = 4_000_000;

/// Why a legacy `.xls` is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum XlsProblem {
    /// A FILEPASS record: the workbook is encrypted (RC4, XOR or CryptoAPI).
    Encrypted,
    /// The file contradicts the format.
    Damaged(String),
    /// Valid, but its values sit so far apart that reading it would take too much memory.
    TooSpread(u64),
}

/// Check the cell positions of a legacy `.xls` before calamine reads it. calamine sizes each
/// sheet's grid from the `DIMENSIONS` record and from the furthest cells, and a damaged file
/// can claim billions of cells: the allocation then fails and aborts the process, which no
/// guard can catch. A sheet larger than an `.xls` can be is reported as damaged instead.
///
/// The container is opened with the `cfb` crate first, which validates sector chains:
/// calamine's own container reader follows a looping chain of a damaged file until memory
/// runs out. A container `cfb` rejects is reported as damaged.
pub(super) fn xls_bounds_check(bytes: &[u8]) -> Result<(), XlsProblem> {
    use std::io::Read as _;
    let damaged = XlsProblem::Damaged;
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(format!("its container is damaged ({e})")))?;
    let mut stream = Vec::new();
    let mut s = cf
        .open_stream("Workbook")
        .or_else(|_| cf.open_stream("Book"))
        .map_err(|_| damaged("it has no workbook stream".to_string()))?;
    s.read_to_end(&mut stream)
        .map_err(|e| damaged(format!("its workbook stream is damaged ({e})")))?;
    let u16_at = |d: &[u8], i: usize| {
        d.get(i..i + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
    };
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
    };
    let too_big = |what: &str| {
        Err(damaged(format!(
            "a sheet's {what} more cells than an .xls sheet can hold ({XLS_MAX_CELLS}), \
             so the file is damaged"
        )))
    };
    // A span within the format's limits that would still take too much memory.
    let spread = |cells: u64| {
        if cells > XLS_MAX_SPAN {
            Err(XlsProblem::TooSpread(cells))
        } else {
            Ok(())
        }
    };
    // Bounds of the cells of the current substream: (min row, max row, min col, max col).
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let area = |b: Option<(u64, u64, u64, u64)>| {
        b.map(|(r0, r1, c0, c1)| (r1 - r0 + 1) * (c1 - c0 + 1))
            .unwrap_or(0)
    };
    let mut pos = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&stream, pos), u16_at(&stream, pos + 2)) {
        let start = pos + 4;
        let Some(data) = stream.get(start..start + len as usize) else {
            break;
        };
        pos = start + len as usize;
        let mut extend = |row: u64, c0: u64, c1: u64| {
            let (lo, hi) = (c0.min(c1), c0.max(c1));
            bounds = Some(match bounds {
                None => (row, row, lo, hi),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(lo), b.max(hi)),
            });
        };
        match typ {
            // FILEPASS: the workbook is encrypted.
            0x002F => return Err(XlsProblem::Encrypted),
            // BOF, EOF: a sheet (or chart) substream starts or ends.
            0x0809 | 0x000A => {
                if area(bounds) > XLS_MAX_CELLS {
                    return too_big("cells span");
                }
                spread(area(bounds))?;
                bounds = None;
            }
            // DIMENSIONS, computed as calamine does (BIFF5: u16 rows; BIFF8: u32 rows).
            0x0200 => {
                let dims = match data.len() {
                    10 => (
                        u16_at(data, 0),
                        u16_at(data, 2),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    ),
                    14 | 16 => (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    ),
                    _ => continue,
                };
                let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = dims else {
                    continue;
                };
                if cf > 0xFF || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let (r1, c1) = (rl - 1, cl - 1);
                    if r1 < rf || c1 < cf || (r1 - rf + 1) * (c1 - cf + 1) > XLS_MAX_CELLS {
                        return too_big("DIMENSIONS record claims");
                    }
                    spread((r1 - rf + 1) * (c1 - cf + 1))?;
                }
            }
            // Cell records: row, then column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD => {
                if let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) {
                    extend(r, c, c);
                }
            }
            // MULRK: row, first column, ..., last column.
            0x00BD => {
                if let (Some(r), Some(c0), Some(c1)) = (
                    u16_at(data, 0),
                    u16_at(data, 2),
                    data.len().checked_sub(2).and_then(|i| u16_at(data, i)),
                ) {
                    extend(r, c0, c1);
                }
            }
            _ => {}
        }
    }
    if area(bounds) > XLS_MAX_CELLS {
        return too_big("cells span");
    }
    spread(area(bounds))
}
