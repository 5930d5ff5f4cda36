//! The example site's two imported bulletins are what `jianxun import`
//! makes of the documents in `examples/word/`, once an editor has
//! confirmed them (guess comments, the review placeholder and the draft
//! status taken out) — and the documents are what the generator writes.

use crate::support::{Fixture, repo};

/// The documents and where the example site keeps their bulletins.
const IMPORTED: [(&str, &str, &[&str]); 2] = [
    (
        "yibin-anquan-chuangxin-gongzuoshi.docx",
        "content/bulletins/2025/yibin-anquan-chuangxin-gongzuoshi",
        &["photo-1.png", "photo-2.png"],
    ),
    (
        "xiamen-gonghui-yizhan-song-qingliang.docx",
        "content/bulletins/2026/xiamen-gonghui-yizhan-song-qingliang",
        &["photo-1.png"],
    ),
];

/// What an editor does after checking an import.
fn confirmed(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if line.starts_with("# 由 jianxun import")
            || line.contains("（请在此填写核对结果")
            || line == "status: 草稿"
        {
            continue;
        }
        let cut = ["    # 推测：", "    # 报头："]
            .iter()
            .find_map(|m| line.find(m));
        out.push(&line[..cut.unwrap_or(line.len())]);
    }
    out.join("\n")
}

#[test]
fn the_example_bulletins_are_what_import_makes_of_the_example_documents() {
    let f = Fixture::empty();
    f.write(
        "jianxun.yaml",
        &std::fs::read_to_string(repo().join("jianxun.yaml")).unwrap(),
    );
    for e in std::fs::read_dir(repo().join("content/campaigns")).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        f.write(
            &format!("content/campaigns/{name}"),
            &std::fs::read_to_string(e.path()).unwrap(),
        );
    }
    let mut args = vec!["import".to_string()];
    args.extend(
        IMPORTED
            .iter()
            .map(|(doc, _, _)| repo().join("examples/word").join(doc).display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = f.run(&args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for (doc, dir, photos) in IMPORTED {
        let made = f.read(&format!("{dir}/index.md"));
        assert!(
            made.contains("status: 草稿\n"),
            "{doc} is imported as a draft"
        );
        let kept = std::fs::read_to_string(repo().join(dir).join("index.md")).unwrap();
        assert_eq!(confirmed(&made), kept, "{doc}");
        for p in photos {
            let made = std::fs::read(f.path(&format!("{dir}/{p}"))).unwrap();
            assert_eq!(
                made,
                std::fs::read(repo().join(dir).join(p)).unwrap(),
                "{dir}/{p}"
            );
        }
        let files = std::fs::read_dir(f.path(dir)).unwrap().count();
        assert_eq!(files, photos.len() + 1, "{dir}");
    }
}

#[test]
fn the_example_documents_are_what_the_generator_writes() {
    let out = tempfile::tempdir().unwrap();
    let script = repo().join("examples/word/make_examples.py");
    let copy = out.path().join("make_examples.py");
    std::fs::copy(&script, &copy).unwrap();
    let status = std::process::Command::new("python3").arg(&copy).status();
    let Ok(status) = status else {
        eprintln!("python3 is not installed: the generator is not checked");
        return;
    };
    assert!(status.success());
    for (doc, _, _) in IMPORTED {
        let made = std::fs::read(out.path().join(doc)).unwrap();
        let kept = std::fs::read(repo().join("examples/word").join(doc)).unwrap();
        assert!(
            made == kept,
            "examples/word/{doc} differs from what make_examples.py writes"
        );
    }
}
