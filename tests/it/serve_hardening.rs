//! The preview server under strain, started for real on a free loopback
//! port: folders moved into, out of and within `content/`.

use std::time::Duration;

use crate::serve::{Server, site};

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn folders_moved_out_of_into_and_within_content_are_seen() {
    let f = site();
    f.bulletin(
        "2031/x",
        "二〇三一年的简讯",
        "2024-03-01",
        "山西/大同",
        "",
        "正文。",
    );
    f.write(
        "content/bulletins/broken/y.md",
        "---\ntitle: 坏\ndate: 2024-13-01\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n坏。\n",
    );
    std::fs::create_dir_all(f.path("attic")).expect("mkdir");
    let s = Server::start(&f);
    let mut ev = s.events();
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("errors"));
    // The broken file leaves with its folder: the errors clear.
    std::fs::rename(f.path("content/bulletins/broken"), f.path("attic/broken")).expect("move out");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 200);
    // A bulletin leaves with its folder: its page goes.
    std::fs::rename(f.path("content/bulletins/2031"), f.path("attic/2031")).expect("move out");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 404);
    // Back in under another name, then renamed in place: served once, no duplicate.
    std::fs::rename(f.path("attic/2031"), f.path("content/bulletins/back")).expect("move in");
    assert_eq!(ev.next(WAIT).map(|e| e.0).as_deref(), Some("reload"));
    assert_eq!(s.get("/bulletins/x/").status, 200);
    std::fs::rename(
        f.path("content/bulletins/back"),
        f.path("content/bulletins/2032"),
    )
    .expect("rename");
    let (name, data) = ev.next(WAIT).expect("an event after the rename");
    assert_eq!(name, "reload", "{data}");
    assert_eq!(s.get("/bulletins/x/").status, 200);
}
