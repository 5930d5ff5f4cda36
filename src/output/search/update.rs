//! Output, search: the index kept between two states of a site, and made
//! again for a few bulletins edited where they stand.
//!
//! Takes the index of a site (its files) and the site before and after a
//! change; gives the files of the site after, the same bytes as
//! [`write`](super::write) makes, having made again only the files the
//! edited bulletins are in: the shards of the keys they gained or lost,
//! those keys' long lists, their chunks of documents and the manifest
//! (whose build key follows every file). A bulletin's id is its position,
//! so this holds while every bulletin keeps its place, the campaigns and
//! regions are the same, the documents' chunk size and the shard count do
//! not change and no list becomes long or short; any other change (or a
//! file that does not read back) makes the whole index again. The preview
//! and `build --watch` keep one: a save of a bulletin's text costs what
//! it changes, not a search index of the whole site.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::shards::{self, Entry};
use super::terms::{self, List};
use super::{BLOCK, TEXT_CHARS, chunk_size, docs_chunk, same_item};
use crate::content::markdown;
use crate::site::Site;

/// How many edited bulletins an update takes; more make the whole index.
const FEW: usize = 16;

/// A site's search index: its files and what an update needs of them.
#[derive(Clone, Default)]
pub struct Index {
    /// Every file, in path order.
    pub files: Vec<(String, Arc<[u8]>)>,
    /// Each file behind the build key, with its hash.
    hashes: BTreeMap<String, u64>,
    /// The lists' weight in all, the shard count and the chunk size.
    total: usize,
    shards: usize,
    chunk: usize,
}

/// How the keys of one shard change: key → ids gained, ids lost.
type Changes = BTreeMap<u64, (Vec<u32>, Vec<u32>)>;

impl Index {
    /// The whole index of `site`.
    pub fn of(site: &Site) -> Index {
        let files = std::sync::Mutex::new(Vec::new());
        let made = super::make(site, &|path, bytes| {
            let mut f = files.lock().unwrap_or_else(|e| e.into_inner());
            f.push((path, Arc::from(bytes)));
        });
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Index {
            files,
            hashes: made.hashes.into_iter().collect(),
            total: made.total,
            shards: made.shards,
            chunk: made.chunk,
        }
    }

    /// The index of `after`, this being the index of `before`: made from
    /// this one when the two differ by a few bulletins edited where they
    /// stand, else whole.
    pub fn next(&self, before: &Site, after: &Site) -> Index {
        self.update(before, after)
            .unwrap_or_else(|| Index::of(after))
    }

    fn file(&self, path: &str) -> Option<&[u8]> {
        let i = (self.files)
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()?;
        Some(&self.files[i].1)
    }

    /// The index of `after` made from this one, when an update can.
    fn update(&self, before: &Site, after: &Site) -> Option<Index> {
        let n = after.items.len();
        if self.files.is_empty() || before.items.len() != n || !super::same_names(before, after) {
            return None;
        }
        let edited: Vec<usize> = (0..n)
            .filter(|&i| !same_item(&before.items[i], &after.items[i]))
            .take(FEW + 1)
            .collect();
        if edited.len() > FEW || chunk_size(after) != self.chunk {
            return None;
        }
        let text =
            |site: &Site, i: usize| markdown::plain_text(&site.items[i].bulletin.body, TEXT_CHARS);
        let mut by_shard: BTreeMap<usize, Changes> = BTreeMap::new();
        for &i in &edited {
            let old = terms::doc_keys(before, &text(before, i), i);
            let new = terms::doc_keys(after, &text(after, i), i);
            let mut change = |k: u64, gained: bool| {
                let shard = terms::hash_of(k) as usize % self.shards;
                let e = by_shard.entry(shard).or_default().entry(k).or_default();
                if gained { &mut e.0 } else { &mut e.1 }.push(i as u32);
            };
            old.iter()
                .filter(|k| new.binary_search(k).is_err())
                .for_each(|&k| change(k, false));
            new.iter()
                .filter(|k| old.binary_search(k).is_err())
                .for_each(|&k| change(k, true));
        }
        let mut made: BTreeMap<String, Vec<u8>> = BTreeMap::new();
        let mut total = self.total;
        for (shard, changes) in by_shard {
            let path = format!("search/terms/{shard}.json");
            let mut entries = shards::read(self.file(&path)?)?;
            for (k, (gained, lost)) in changes {
                total = self.change(&mut entries, k, (&gained, &lost), n, total, &mut made)?;
            }
            made.insert(path, shards::write(&entries));
        }
        if shards::count_for(total) != self.shards {
            return None;
        }
        let mut firsts: Vec<usize> = edited.iter().map(|i| i / self.chunk * self.chunk).collect();
        firsts.dedup();
        for first in firsts {
            let texts: Vec<String> = (first..(first + self.chunk).min(n))
                .map(|i| text(after, i))
                .collect();
            let (path, bytes) = docs_chunk(after, self.chunk, first, &texts);
            made.insert(path, bytes);
        }
        Some(self.with(after, made, total))
    }

    /// Gives key `k` of a shard's `entries` the ids gained and loses the
    /// ids lost; its long list's blocks go to `made`. Gives the new total
    /// weight; `None` when a list would become long or short, or does not
    /// read back as the last index wrote it.
    fn change(
        &self,
        entries: &mut Vec<(u64, Entry)>,
        k: u64,
        (gained, lost): (&[u32], &[u32]),
        n: usize,
        total: usize,
        made: &mut BTreeMap<String, Vec<u8>>,
    ) -> Option<usize> {
        let blocks = n.div_ceil(BLOCK as usize) as u32;
        let at = entries.binary_search_by_key(&k, |e| e.0);
        let (ids, f) = match at.map(|j| &entries[j].1) {
            Err(_) => (Vec::new(), None),
            Ok(Entry::Short(bytes)) => (terms::decode(bytes, 0)?, None),
            Ok(Entry::Long { count, f }) => {
                let mut ids = Vec::with_capacity(*count as usize);
                for b in 0..blocks {
                    let block = self.file(&format!("search/lists/{f}-{b}.txt"))?;
                    ids.extend(terms::decode(block, b * BLOCK)?);
                }
                (ids.len() == *count as usize).then_some((ids, Some(*f)))?
            }
        };
        let before = List::of(&ids);
        let mut now: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|id| !lost.contains(id))
            .collect();
        if now.len() + lost.len() != ids.len() || gained.iter().any(|id| ids.contains(id)) {
            return None;
        }
        now.extend_from_slice(gained);
        now.sort_unstable();
        let after = List::of(&now);
        if shards::is_long(&before) != shards::is_long(&after) {
            return None;
        }
        let weight = |l: &List, ids: &[u32]| if ids.is_empty() { 0 } else { shards::weight(l) };
        let total = total + weight(&after, &now) - weight(&before, &ids);
        let entry = match f {
            Some(f) => {
                for b in 0..blocks {
                    made.insert(format!("search/lists/{f}-{b}.txt"), after.block(b));
                }
                Entry::Long {
                    count: after.count,
                    f,
                }
            }
            None => Entry::Short(after.bytes),
        };
        match (at, now.is_empty()) {
            (Ok(j), true) => {
                entries.remove(j);
            }
            (Ok(j), false) => entries[j].1 = entry,
            (Err(j), false) => entries.insert(j, (k, entry)),
            (Err(_), true) => {}
        }
        Some(total)
    }

    /// This index with the files `made` (and a new manifest) in place.
    fn with(&self, site: &Site, made: BTreeMap<String, Vec<u8>>, total: usize) -> Index {
        let mut hashes = self.hashes.clone();
        for (path, bytes) in &made {
            hashes.insert(path.clone(), super::fx(bytes));
        }
        let key = super::build_key(hashes.values());
        let manifest = super::manifest(site, key, self.shards, self.chunk);
        let mut files = self.files.clone();
        let made = made
            .into_iter()
            .chain([("search/index.json".to_string(), manifest)]);
        for (path, bytes) in made {
            match files.binary_search_by(|(p, _)| p.as_str().cmp(&path)) {
                Ok(i) => files[i].1 = Arc::from(bytes),
                Err(i) => files.insert(i, (path, Arc::from(bytes))),
            }
        }
        Index {
            files,
            hashes,
            total,
            shards: self.shards,
            chunk: self.chunk,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// A site of `n` bulletins, every one saying 安全 (a long list) and
    /// most a word of their own, over two campaigns and three regions.
    fn site(dir: &Path, n: usize) {
        let w = |rel: &str, text: &str| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("folder");
            std::fs::write(p, text).expect("write");
        };
        w("jianxun.yaml", "title: 测试\nbase_url: /\n");
        w(
            "content/campaigns/ankang-cup.md",
            "---\nname: 安康杯竞赛\n---\n",
        );
        w(
            "content/campaigns/safety-month.md",
            "---\nname: 安全生产月\n---\n",
        );
        let regions = ["四川/宜宾", "福建/厦门", "陕西/安康"];
        let campaigns = ["ankang-cup", "safety-month"];
        for i in 0..n {
            let (m, d) = (1 + i % 12, 1 + i % 28);
            let text = format!(
                "---\ntitle: 第{i}号简讯\ndate: 2024-{m:02}-{d:02}\ncampaign: {}\nregion: {}\n---\n安全检查第{i}次，编号{}。\n",
                campaigns[i % 2],
                regions[i % 3],
                i * 7
            );
            w(&format!("content/bulletins/b{i:05}.md"), &text);
        }
    }

    fn load(dir: &Path) -> Site {
        match crate::load(dir, &crate::BuildOptions::default()) {
            Ok(l) => l.site,
            Err(d) => panic!("loads: {d:?}"),
        }
    }

    /// Each in-place edit is taken by an update, which gives the files the
    /// whole index gives: a new word, a word gone, a title, tags, another
    /// region, another campaign, several bulletins at once.
    #[test]
    fn an_update_gives_the_files_of_the_whole_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        site(dir.path(), 2_200);
        let mut before = load(dir.path());
        let mut index = Index::of(&before);
        assert!(index.shards > 1, "{} shards", index.shards);
        assert!(
            index
                .files
                .iter()
                .any(|(p, _)| p.starts_with("search/lists/")),
            "a long list"
        );
        let file = |i: usize| dir.path().join(format!("content/bulletins/b{i:05}.md"));
        let edit = |i: usize, from: &str, to: &str| {
            let text = std::fs::read_to_string(file(i)).expect("read");
            assert!(text.contains(from), "{from} in {text}");
            std::fs::write(file(i), text.replacen(from, to, 1)).expect("write");
        };
        let steps: [&dyn Fn(); 7] = [
            &|| edit(5, "。\n", "，发现鳄鱼。\n"),
            &|| edit(6, "安全检查", "巡查"),
            &|| edit(7, "title: 第7号简讯", "title: 厦门鼓浪屿专题"),
            &|| edit(8, "---\n安全", "tags: [夜查, 重点]\n---\n安全"),
            &|| edit(9, "region: 四川/宜宾", "region: 陕西/安康"),
            &|| edit(10, "campaign: ankang-cup", "campaign: safety-month"),
            &|| {
                edit(11, "。\n", "，鳄鱼又来了。\n");
                edit(1500, "安全检查", "消防演练");
            },
        ];
        for (n, step) in steps.iter().enumerate() {
            step();
            let after = load(dir.path());
            let next = index
                .update(&before, &after)
                .unwrap_or_else(|| panic!("step {n} is an update"));
            let whole = Index::of(&after);
            let paths = |x: &Index| x.files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
            assert_eq!(paths(&next), paths(&whole), "step {n}");
            for ((p, a), (_, b)) in next.files.iter().zip(&whole.files) {
                assert!(a == b, "step {n}: {p} differs from the whole index");
            }
            assert_eq!(
                (next.total, next.shards),
                (whole.total, whole.shards),
                "step {n}"
            );
            (before, index) = (after, next);
        }
    }

    /// A bulletin that moves a few places is an update of every place
    /// whose bulletin changed; one more bulletin moves every id after it,
    /// and the whole index is made instead.
    #[test]
    fn moves_are_updates_of_the_places_that_changed_or_the_whole_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        site(dir.path(), 40);
        let before = load(dir.path());
        let index = Index::of(&before);
        let path = dir.path().join("content/bulletins/b00003.md");
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text.replace("date: 2024-04-04", "date: 2023-01-01")).expect("write");
        let after = load(dir.path());
        let moved = index.update(&before, &after).expect("a few places");
        assert!(moved.files == Index::of(&after).files);
        let more = dir.path().join("content/bulletins/b00040.md");
        std::fs::write(&more, "---\ntitle: 新的\ndate: 2025-01-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文。\n").expect("write");
        let grown = load(dir.path());
        assert!(moved.update(&after, &grown).is_none());
        assert!(moved.next(&after, &grown).files == Index::of(&grown).files);
    }
}
