//! Output of `jianxun stats`: statistics rows as an aligned terminal table or
//! as CSV. (JSON is serde_json's job and needs no helper.)
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

/// CSV as RFC 4180 writes it: a field holding a quote, comma or line break
/// is quoted with its quotes doubled, every record ends in CRLF, and the
/// text starts with a UTF-8 byte-order mark so Excel reads the Chinese
/// correctly. An empty header list writes no header record.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    if !headers.is_empty() {
        record(&mut out, headers.iter().copied());
    }
    for row in rows {
        record(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// Display width in terminal cells.
fn width(text: &str) -> usize {
    text.chars().map(char_cells).sum()
}

fn is_numeric(cell: &str) -> bool {
    let digit_after = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    matches!(cell, "" | "—" | "-" | "–")
        || digit_after(cell)
        || cell.starts_with('约')
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

fn record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (j, field) in fields.enumerate() {
        if j > 0 {
            out.push(',');
        }
        if field.contains(['"', ',', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
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
            ("超50亿", false),
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

    #[test]
    fn csv_quotes_and_bom() {
        let body = rows(&[&["宜宾", "1,292家", "说\"好\""], &["a\nb", "x\r", "plain"]]);
        let text = csv(&["范围", "参与企业", "备注"], &body);
        assert_eq!(
            text,
            "\u{feff}范围,参与企业,备注\r\n宜宾,\"1,292家\",\"说\"\"好\"\"\"\r\n\"a\nb\",\"x\r\",plain\r\n"
        );
        assert_eq!(csv(&[], &[]), "\u{feff}");
        assert_eq!(csv(&[], &rows(&[&["", "1"]])), "\u{feff},1\r\n");
    }
}
