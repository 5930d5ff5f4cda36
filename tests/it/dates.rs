//! Dates typed the way Chinese editors type them build, and every page
//! shows them the same way.

use crate::support::Fixture;

#[test]
fn every_accepted_date_form_builds_and_shows_the_same_date() {
    let forms = [
        "2025-03-05",
        "2025年3月5日",
        "2025.3.5",
        "2025/3/5",
        "2025-3-5",
    ];
    let f = Fixture::new();
    for (i, form) in forms.iter().enumerate() {
        f.bulletin(
            &format!("b{i}"),
            &format!("简讯{i}"),
            form,
            "四川/宜宾",
            "",
            "正文。",
        );
    }
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (i, form) in forms.iter().enumerate() {
        let page = f.read(&format!("site/bulletins/b{i}/index.html"));
        assert!(page.contains("datetime=\"2025-03-05"), "{form}: {page}");
        assert!(page.contains("2025年3月5日"), "{form}");
    }
    // A date that does not exist is still an error at its line and column.
    f.bulletin("bad", "坏日期", "2023年2月29日", "四川/宜宾", "", "正文。");
    let r = f.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("content/bulletins/bad.md:3:7: error[E012]: `2023年2月29日` is not a real date: 2023年2月 has 28 days"),
        "{}",
        r.stderr
    );
}
