//! "Did you mean": the closest known name to a mistyped one, for hints in
//! every stage (campaign references, metric keys, links).

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let n = word.chars().count();
    candidates
        .into_iter()
        .filter_map(|c| {
            let d = strsim::levenshtein(word, c);
            let close = d <= (n.max(c.chars().count()) / 2).max(1)
                || (!word.is_empty() && (c.contains(word) || word.contains(c)));
            close.then_some((d, c))
        })
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_table() {
        let c = ["安康杯竞赛", "绿色家园", "ankang-cup", "safety-month"];
        assert_eq!(did_you_mean("绿色家圆", c), Some("绿色家园"));
        assert_eq!(did_you_mean("安康杯", c), Some("安康杯竞赛"));
        assert_eq!(did_you_mean("ankang-cap", c), Some("ankang-cup"));
        assert_eq!(did_you_mean("送温暖", c), None);
    }
}
