//! Display width of text: how many terminal cells (or chart text units) a
//! character takes. Shared by diagnostics, scaffolding and charts.

/// Columns a character takes in a monospace terminal: 2 for East Asian wide
/// and full-width characters (汉字, `，`, `１`), 0 for controls, combining
/// marks and zero-width characters, else 1. Also the basis of the charts'
/// text-width estimate.
pub fn char_cells(c: char) -> usize {
    match c as u32 {
        0..=0x1F | 0x7F..=0x9F | 0x300..=0x36F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}
