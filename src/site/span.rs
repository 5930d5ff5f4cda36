//! Aggregate stage: the months a scope's bulletins span, and how many there
//! are, so every total can say what period it covers.
//!
//! Takes the site and a list of bulletin positions (a campaign's, a
//! region's, a year's); gives a [`Span`]. Pure.

use super::Site;

/// The months a scope's bulletins span, and how many there are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// First and last (year, month); none without bulletins.
    pub months: Option<((i16, i8), (i16, i8))>,
    /// How many bulletins.
    pub bulletins: usize,
}

impl Span {
    /// Counts one more bulletin, of `(year, month)`.
    pub fn add(&mut self, ym: (i16, i8)) {
        self.add_many(ym, 1);
    }

    /// Counts `n` more bulletins, all of `(year, month)`.
    pub fn add_many(&mut self, ym: (i16, i8), n: usize) {
        if n == 0 {
            return;
        }
        self.bulletins += n;
        self.months = Some(match self.months {
            None => (ym, ym),
            Some((a, b)) => (a.min(ym), b.max(ym)),
        });
    }

    /// The span of the bulletins at `list` (positions in the site).
    pub fn of(site: &Site, list: &[usize]) -> Span {
        // Items are ordered newest first, so a list in site order spans
        // from its last bulletin to its first: no need to visit the rest.
        if let (Some(&first), Some(&last)) = (list.first(), list.last())
            && last < site.items.len()
            && list.is_sorted()
        {
            let ym = |i: usize| {
                let d = site.items[i].bulletin.date;
                (d.year(), d.month())
            };
            let (a, b) = (ym(last), ym(first));
            if a <= b {
                return Span {
                    months: Some((a, b)),
                    bulletins: list.len(),
                };
            }
        }
        let mut s = Span::default();
        for &i in list {
            if let Some(it) = site.items.get(i) {
                s.add((it.bulletin.date.year(), it.bulletin.date.month()));
            }
        }
        s
    }

    /// The span of every bulletin of the site.
    pub fn of_site(site: &Site) -> Span {
        if let (Some(newest), Some(oldest)) = (site.items.first(), site.items.last()) {
            let ym = |d: crate::content::date::Date| (d.year(), d.month());
            let (a, b) = (ym(oldest.bulletin.date), ym(newest.bulletin.date));
            if a <= b {
                return Span {
                    months: Some((a, b)),
                    bulletins: site.items.len(),
                };
            }
        }
        let mut s = Span::default();
        for it in site.items.iter() {
            s.add((it.bulletin.date.year(), it.bulletin.date.month()));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_grow_both_ways_and_count() {
        let mut s = Span::default();
        assert_eq!(s.months, None);
        s.add((2025, 3));
        s.add((2022, 12));
        s.add((2026, 1));
        s.add((2025, 3));
        assert_eq!(s.months, Some(((2022, 12), (2026, 1))));
        assert_eq!(s.bulletins, 4);
    }
}
