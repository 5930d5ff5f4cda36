//! Small fixture sites written into temporary folders, and a runner for the real binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A throwaway site.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

pub const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\npaginate: 2\nmetrics:\n  参与企业: { unit: 家, aggregate: sum }\n  参与职工: { unit: 名, aggregate: sum }\n";
pub const CAMPAIGN: &str =
    "---\nname: 安康杯竞赛\nfull_name: 全国“安康杯”竞赛\n---\n安康杯竞赛简介。\n";

impl Fixture {
    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A minimal valid site: config and one campaign, no bulletins.
    pub fn new() -> Fixture {
        let f = Fixture::empty();
        f.write("jianxun.yaml", CONFIG);
        f.write("content/campaigns/ankang-cup.md", CAMPAIGN);
        f
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Fixture {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
        self
    }

    /// Adds a bulletin with the given front-matter lines after the required ones.
    pub fn bulletin(
        &self,
        name: &str,
        title: &str,
        date: &str,
        region: &str,
        extra: &str,
        body: &str,
    ) -> &Fixture {
        self.write(
            &format!("content/bulletins/{name}.md"),
            &format!("---\ntitle: {title}\ndate: {date}\ncampaign: ankang-cup\nregion: {region}\n{extra}---\n{body}\n"),
        )
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs the real binary with `args` in the fixture's root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }
}

/// The result of running the binary.
pub struct Run {
    pub code: i32,
    #[allow(dead_code)]
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary in English (`JIANXUN_LANG=en`): most tests check the
/// English wording; [`run_lang`] runs it in another language.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_lang(dir, args, Some("en"))
}

/// Runs the binary with `JIANXUN_LANG` set to `lang`, or unset.
pub fn run_lang(dir: &Path, args: &[&str], lang: Option<&str>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianxun"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    match lang {
        Some(l) => cmd.env("JIANXUN_LANG", l),
        None => cmd.env_remove("JIANXUN_LANG"),
    };
    let out = cmd.output().expect("run jianxun");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` with its bytes. A manifest is kept as the list
/// of its paths: the sizes, mtimes and hashes beside them, the inputs'
/// fingerprint and the content files' stamps are bookkeeping that differs
/// between two equal builds (a build records only content files changed
/// more than two seconds before it began, so how many stamps it keeps
/// depends on how long after the files were written it ran).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(&path).expect("read");
            if rel.rsplit('/').next() != Some(".jianxun-manifest") {
                return (rel, bytes);
            }
            let paths: String = String::from_utf8_lossy(&bytes)
                .lines()
                .filter(|l| !l.starts_with("#fingerprint") && !l.starts_with("#source"))
                .map(|l| format!("{}\n", l.split('\t').next().unwrap_or(l)))
                .collect();
            (rel, paths.into_bytes())
        })
        .collect()
}

/// Every file under `dir`: its path below `dir` (with `/`) and its path,
/// in path order.
pub fn files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, e.into_path())
        })
        .collect()
}

/// The repository root (the example site).
/// How many cases a property test runs: the environment variable `var`
/// when it holds a number, else `default`.
pub fn cases(var: &str, default: u32) -> u32 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small real PNG (`seed` tints it), for sites that need a photo beside a bulletin.
pub fn tiny_png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 6, image::Rgb([seed, 90, 160]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

/// Sets the modification time of the file at `path` (its change time
/// becomes now, as on any change).
pub fn set_mtime(path: &Path, time: std::time::SystemTime) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(time).unwrap();
}
