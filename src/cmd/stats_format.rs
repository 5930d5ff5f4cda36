//! Output of `jianxun stats`: statistics rows as an aligned terminal table.
//! (CSV is [`crate::output::data::stats_csv`], the same as `/stats/stats.csv`.)
//!
//! Takes headers and rows of display strings (`宜宾`, `1,292家`, `约55%`);
//! gives the finished text, ending with a line break. Pure: printing is the
//! command's business.

use crate::render::charts::char_cells;

/// Gap between two columns of the terminal table.
const GAP: &str = "  ";

/// A table for the terminal. Columns are padded by display width (汉字 and
/// full-width characters take two cells), numeric columns are right-aligned,
/// the header is underlined with `─`, and no line ends in spaces.
///
/// A column is numeric when every cell starts with a digit, a minus sign
/// before a digit, or `约`, or is empty or a lone dash (`—`, the mark for "not
/// reported"). Rows may be shorter or longer than the header; missing cells
/// are empty. Line breaks and tabs inside a cell become spaces.
pub fn aligned_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let clean = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let head: Vec<String> = (0..columns)
        .map(|j| headers.get(j).map_or_else(String::new, |h| clean(h)))
        .collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            (0..columns)
                .map(|j| r.get(j).map_or_else(String::new, |c| clean(c)))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..columns)
        .map(|j| {
            body.iter()
                .map(|r| width(&r[j]))
                .chain([width(&head[j])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = (0..columns)
        .map(|j| body.iter().all(|r| is_numeric(&r[j])))
        .collect();
    let mut out = line(&head, &widths, &numeric);
    let rule: Vec<String> = widths.iter().map(|&w| "─".repeat(w)).collect();
    out.push_str(&line(&rule, &widths, &numeric));
    for row in &body {
        out.push_str(&line(row, &widths, &numeric));
    }
    out
}

/// Display width in terminal cells.
fn width(text: &str) -> usize {
    text.chars().map(char_cells).sum()
}

fn is_numeric(cell: &str) -> bool {
    let digit_after = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    // Values are shown as the bulletins wrote them: `近百场`, `超50亿元`, `三十家`.
    let numeral = |s: &str| s.starts_with(|c: char| "零〇一二两三四五六七八九十百千万".contains(c));
    let bound = ["约", "近", "超", "逾", "不少于", "大约", "将近", "接近"]
        .iter()
        .find_map(|b| cell.strip_prefix(b));
    // A period (`2022年11月—2026年1月`) is text.
    let period = cell.contains('年');
    matches!(cell, "" | "—" | "-" | "–")
        || (digit_after(cell) && !period)
        || numeral(cell)
        || bound.is_some_and(|rest| digit_after(rest) || numeral(rest))
        || cell.strip_prefix('-').is_some_and(digit_after)
}

/// One padded line without trailing spaces.
fn line(cells: &[String], widths: &[usize], numeric: &[bool]) -> String {
    let mut out = String::new();
    for (j, cell) in cells.iter().enumerate() {
        if j > 0 {
            out.push_str(GAP);
        }
        let pad = " ".repeat(widths[j].saturating_sub(width(cell)));
        if numeric[j] {
            out.push_str(&pad);
            out.push_str(cell);
        } else {
            out.push_str(cell);
            out.push_str(&pad);
        }
    }
    let end = out.trim_end_matches(' ').len();
    out.truncate(end);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: &[&[&str]]) -> Vec<Vec<String>> {
        table
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn mixed_chinese_and_ascii_align() {
        let body = rows(&[
            &["宜宾", "411家", "约55%"],
            &["Xiamen 厦门", "1,292家", "—"],
            &["全国“安康杯”竞赛", "12.3万余名", "60%以上"],
            &["荣成", "", "7%"],
        ]);
        let text = aligned_table(&["范围", "参与企业", "建议采纳率"], &body);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        assert!(text.ends_with('\n'));
        // The last column is numeric, so every line is padded to the same width.
        let widths: Vec<usize> = lines.iter().map(|l| width(l)).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}\n{text}");
        assert_eq!(
            lines[1].chars().filter(|&c| c != ' ').collect::<String>(),
            "─".repeat(36)
        );
        assert_eq!(lines[2], "宜宾                   411家       约55%");
        assert_eq!(lines[3], "Xiamen 厦门          1,292家           —");
        assert_eq!(lines[5], "荣成                                  7%");
    }

    #[test]
    fn text_columns_are_left_aligned_without_trailing_spaces() {
        let body = rows(&[&["411", "宜宾"], &["1,292", "厦门市"], &["约5", "a\nb"]]);
        let text = aligned_table(&["家", "地区"], &body);
        assert_eq!(
            text,
            "   家  地区\n─────  ──────\n  411  宜宾\n1,292  厦门市\n  约5  a b\n"
        );
        assert!(text.lines().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn numeric_columns() {
        for (cell, numeric) in [
            ("1,292家", true),
            ("约55%", true),
            ("", true),
            ("—", true),
            ("-3", true),
            ("宜宾", false),
            ("-", true),
            ("-a", false),
            ("超50亿元", true),
            ("近百场", true),
            ("三十家", true),
            ("超出", false),
        ] {
            assert_eq!(is_numeric(cell), numeric, "{cell:?}");
        }
    }

    #[test]
    fn ragged_and_empty_tables() {
        assert_eq!(aligned_table(&[], &[]), "");
        let text = aligned_table(&["a"], &rows(&[&["x", "1"], &[]]));
        assert_eq!(text, "a\n─  ─\nx  1\n\n");
    }
}
