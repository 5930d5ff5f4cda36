//! The region tree: every prefix of every bulletin's region path is a node
//! (四川, 四川/宜宾, 四川/宜宾/长宁), so totals roll up city → province.

use std::collections::BTreeMap;

use crate::content::places::{NATIONWIDE, PLACES, PROVINCES};
use crate::content::slug::region_slug;

/// One region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionNode {
    /// The last name, e.g. 宜宾.
    pub name: String,
    /// The full path, e.g. 四川/宜宾.
    pub key: String,
    /// Slug path, e.g. sichuan/yibin.
    pub slug_path: String,
    /// Depth: 0 for a top-level region.
    pub depth: usize,
    /// Parent node.
    pub parent: Option<usize>,
    /// Child nodes, in [`RegionTree::build`]'s order.
    pub children: Vec<usize>,
    /// Bulletins placed exactly here.
    pub own: Vec<usize>,
    /// Bulletins here and in every sub-region, in site order.
    pub all: Vec<usize>,
}

/// Where the last region of `path` sorts among its siblings: by the
/// site's `order`, then 全国, the provinces and the gazetteer's places in
/// national order; `usize::MAX` for the rest (they sort by slug).
fn rank(path: &[String], order: &[String]) -> usize {
    let key = path.join("/");
    if let Some(i) = order.iter().position(|o| *o == key) {
        return i;
    }
    let base = order.len() + 1;
    let (name, parent) = match path.split_last() {
        Some((name, parent)) => (name.as_str(), parent.join("/")),
        None => return usize::MAX,
    };
    if parent.is_empty() {
        if name == NATIONWIDE {
            return base;
        }
        if let Some(i) = PROVINCES.iter().position(|p| p.0 == name) {
            return base + 1 + i;
        }
        return usize::MAX;
    }
    (PLACES.iter())
        .position(|p| p.0 == name && p.2 == parent)
        .map_or(usize::MAX, |i| base + 1 + i)
}

/// All regions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegionTree {
    /// Nodes in tree order: parents before children, siblings in the
    /// national order (see [`RegionTree::build`]).
    pub nodes: Vec<RegionNode>,
    /// Top-level nodes.
    pub roots: Vec<usize>,
    index: BTreeMap<String, usize>,
}

impl RegionTree {
    /// Builds the tree from each bulletin's region path (index = bulletin
    /// index). Siblings are ordered as a Chinese reader expects: those the
    /// site lists in `order` first, in that order; then 全国, the provinces
    /// in the order of their GB/T 2260 codes and the places of the
    /// gazetteer in theirs; then the rest by slug.
    pub fn build(
        paths: &[&[String]],
        overrides: &BTreeMap<String, String>,
        order: &[String],
    ) -> RegionTree {
        // Collect every prefix with its slug path, then lay out in tree order.
        let mut prefixes: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
        // Thousands of bulletins share a few dozen regions: slug each name once.
        let mut name_slugs: BTreeMap<&str, String> = BTreeMap::new();
        let mut seen_paths: std::collections::HashSet<&[String]> = std::collections::HashSet::new();
        for path in paths {
            if !seen_paths.insert(path) {
                continue;
            }
            let mut slug = String::new();
            for i in 0..path.len() {
                if i > 0 {
                    slug.push('/');
                }
                let s = name_slugs
                    .entry(path[i].as_str())
                    .or_insert_with(|| region_slug(&path[i], overrides));
                slug.push_str(s);
                prefixes
                    .entry(path[..=i].join("/"))
                    .or_insert_with(|| (path[..=i].to_vec(), slug.clone()));
            }
        }
        let mut laid: Vec<(String, Vec<String>, String)> = prefixes
            .into_iter()
            .map(|(k, (names, slug))| (k, names, slug))
            .collect();
        // Tree order by each segment's rank and slug, then by key, so output is stable.
        laid.sort_by_cached_key(|(key, names, slug)| {
            let ranked: Vec<(usize, String)> = (0..names.len())
                .zip(slug.split('/'))
                .map(|(i, s)| (rank(&names[..=i], order), s.to_string()))
                .collect();
            (ranked, key.clone())
        });
        let mut tree = RegionTree::default();
        for (key, names, slug_path) in laid {
            let parent = (names.len() > 1)
                .then(|| names[..names.len() - 1].join("/"))
                .and_then(|p| tree.index.get(&p).copied());
            let id = tree.nodes.len();
            tree.nodes.push(RegionNode {
                name: names.last().cloned().unwrap_or_default(),
                key: key.clone(),
                slug_path,
                depth: names.len() - 1,
                parent,
                children: Vec::new(),
                own: Vec::new(),
                all: Vec::new(),
            });
            tree.index.insert(key, id);
            match parent {
                Some(p) => tree.nodes[p].children.push(id),
                None => tree.roots.push(id),
            }
        }
        let mut ids: std::collections::HashMap<&[String], Option<usize>> =
            std::collections::HashMap::new();
        for (b, path) in paths.iter().enumerate() {
            let id = *ids
                .entry(path)
                .or_insert_with(|| tree.index.get(&path.join("/")).copied());
            if let Some(id) = id {
                tree.nodes[id].own.push(b);
                let mut cur = Some(id);
                while let Some(c) = cur {
                    tree.nodes[c].all.push(b);
                    cur = tree.nodes[c].parent;
                }
            }
        }
        tree
    }

    /// The node for a full path such as 四川/宜宾.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Regions written in two places of one tree (`翠屏` or `四川/翠屏`
    /// beside `四川/宜宾/翠屏`): pairs of the shallower node and a deeper
    /// one (the deepest) by the same name under a region the shallower one lies in,
    /// whose totals would be split. A place inside a place of its own name
    /// (吉林/吉林) is no split.
    pub fn splits(&self) -> Vec<(usize, usize)> {
        let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            by_name.entry(n.name.as_str()).or_default().push(i);
        }
        let mut out = Vec::new();
        for ids in by_name.values() {
            for &a in ids {
                let (na, parent) = (&self.nodes[a], self.nodes[a].parent);
                let within = |k: &str| match parent {
                    Some(p) => k.starts_with(&format!("{}/", self.nodes[p].key)),
                    None => true,
                };
                let deeper = (ids.iter().copied())
                    .filter(|&b| {
                        let nb = &self.nodes[b];
                        nb.depth > na.depth
                            && within(&nb.key)
                            && !nb.key.starts_with(&format!("{}/", na.key))
                    })
                    .max_by_key(|&b| self.nodes[b].depth);
                if let Some(b) = deeper {
                    out.push((a, b));
                }
            }
        }
        out
    }

    /// Whether region `id` is `ancestor` or lies below it.
    pub fn is_within(&self, id: usize, ancestor: usize) -> bool {
        let mut cur = Some(id);
        while let Some(n) = cur {
            if n == ancestor {
                return true;
            }
            cur = self.nodes.get(n).and_then(|x| x.parent);
        }
        false
    }

    /// The chain of nodes from the top level down to `id`.
    pub fn ancestry(&self, id: usize) -> Vec<usize> {
        let mut chain = vec![id];
        let mut cur = self.nodes[id].parent;
        while let Some(c) = cur {
            chain.push(c);
            cur = self.nodes[c].parent;
        }
        chain.reverse();
        chain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split('/').map(str::to_string).collect()
    }

    #[test]
    fn prefixes_roll_up() {
        let a = v("四川/宜宾");
        let b = v("四川/宜宾/长宁");
        let c = v("全国");
        let d = v("四川/泸州");
        let t = RegionTree::build(&[&a, &b, &c, &d], &BTreeMap::new(), &[]);
        let keys: Vec<_> = t.nodes.iter().map(|n| n.slug_path.as_str()).collect();
        assert_eq!(
            keys,
            [
                "quanguo",
                "sichuan",
                "sichuan/luzhou",
                "sichuan/yibin",
                "sichuan/yibin/changning"
            ]
        );
        let sichuan = t.get("四川").unwrap();
        assert_eq!(t.nodes[sichuan].all, vec![0, 1, 3]);
        assert!(t.nodes[sichuan].own.is_empty());
        let yibin = t.get("四川/宜宾").unwrap();
        assert_eq!(t.nodes[yibin].all, vec![0, 1]);
        assert_eq!(t.nodes[yibin].own, vec![0]);
        assert_eq!(
            t.ancestry(t.get("四川/宜宾/长宁").unwrap()),
            vec![sichuan, yibin, t.get("四川/宜宾/长宁").unwrap()]
        );
        assert_eq!(t.roots.len(), 2);
        assert!(t.splits().is_empty());
    }

    fn laid_out(paths: &[&str], order: &[&str]) -> Vec<String> {
        let paths: Vec<Vec<String>> = paths.iter().map(|p| v(p)).collect();
        let refs: Vec<&[String]> = paths.iter().map(Vec::as_slice).collect();
        let order: Vec<String> = order.iter().map(|o| o.to_string()).collect();
        let t = RegionTree::build(&refs, &BTreeMap::new(), &order);
        t.nodes.into_iter().map(|n| n.key).collect()
    }

    #[test]
    fn regions_follow_the_national_order_not_the_alphabet() {
        // By slug: anhui, beijing, quanguo, sichuan/luzhou, sichuan/panzhihua,
        // sichuan/zigong, xinjiang, xyz.
        let paths = [
            "四川/泸州",
            "新疆",
            "全国",
            "四川/自贡",
            "北京",
            "安徽",
            "四川/攀枝花",
            "某地",
        ];
        let national = [
            "全国",
            "北京",
            "安徽",
            "四川",
            "四川/自贡",
            "四川/攀枝花",
            "四川/泸州",
            "新疆",
            "某地",
        ];
        assert_eq!(laid_out(&paths, &[]), national);
        // A site's own order comes first among siblings.
        let own = laid_out(&paths, &["四川", "四川/泸州", "某地"]);
        assert_eq!(
            own,
            [
                "四川",
                "四川/泸州",
                "四川/自贡",
                "四川/攀枝花",
                "某地",
                "全国",
                "北京",
                "安徽",
                "新疆"
            ]
        );
    }

    #[test]
    fn one_place_written_at_two_depths_is_a_split() {
        let paths: Vec<Vec<String>> = [
            "翠屏",
            "四川/翠屏",
            "四川/宜宾/翠屏",
            "吉林/吉林",
            "北京/朝阳",
            "辽宁/朝阳",
        ]
        .iter()
        .map(|p| v(p))
        .collect();
        let refs: Vec<&[String]> = paths.iter().map(Vec::as_slice).collect();
        let t = RegionTree::build(&refs, &BTreeMap::new(), &[]);
        let keys: Vec<(&str, &str)> = (t.splits().into_iter())
            .map(|(a, b)| (t.nodes[a].key.as_str(), t.nodes[b].key.as_str()))
            .collect();
        assert_eq!(
            keys,
            [("四川/翠屏", "四川/宜宾/翠屏"), ("翠屏", "四川/宜宾/翠屏")]
        );
    }
}
