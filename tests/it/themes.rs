//! Themes: the embedded default theme, site overrides, template errors.

use crate::support::Fixture;

fn one_bulletin(f: &Fixture) {
    f.bulletin(
        "a",
        "宜宾园区安全检查",
        "2022-12-10",
        "四川/宜宾",
        "",
        "正文。",
    );
}

#[test]
fn a_site_without_themes_folder_uses_the_embedded_default() {
    let f = Fixture::new();
    one_bulletin(&f);
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        f.read("site/bulletins/a/index.html")
            .contains("宜宾园区安全检查")
    );
    assert!(
        f.path("site/style.css").is_file(),
        "embedded static files are written"
    );
}

#[test]
fn site_templates_override_theme_templates_file_by_file() {
    let f = Fixture::new();
    one_bulletin(&f);
    f.write("templates/bulletin.html", "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ bulletin.title }}</p>{% endblock %}");
    f.write("static/extra.txt", "hello");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = f.read("site/bulletins/a/index.html");
    assert!(
        html.contains("<p class=\"mine\">宜宾园区安全检查</p>"),
        "override used"
    );
    assert!(
        html.contains("<html lang=\"zh-CN\">"),
        "base.html still from the theme"
    );
    assert_eq!(f.read("site/extra.txt"), "hello");
}

#[test]
fn autoescape_is_on() {
    let f = Fixture::new();
    f.bulletin(
        "a",
        "\"<script>alert(1)</script>\"",
        "2022-12-10",
        "四川/宜宾",
        "",
        "正文。",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = f.read("site/bulletins/a/index.html");
    assert!(!html.contains("<script>alert"), "title escaped");
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let f = Fixture::new();
    one_bulletin(&f);
    f.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
    );
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("templates/tag.html:3:"), "{}", r.stderr);
    assert!(!f.path("site").exists(), "nothing written");
}

#[test]
fn template_rendering_error_names_template_and_line() {
    let f = Fixture::new();
    one_bulletin(&f);
    f.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_variable }}\n{% endblock %}\n");
    f.write("content/pages/about.md", "---\ntitle: 关于\n---\n正文\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("templates/page.html:3:"), "{}", r.stderr);
    assert!(
        r.stderr.contains("/pages/about/"),
        "names the page being rendered: {}",
        r.stderr
    );
}

#[test]
fn a_sites_own_robots_txt_wins_over_the_generated_one() {
    let f = Fixture::new();
    one_bulletin(&f);
    f.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    let r = f.run(&["build"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(f.read("site/robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(
        f.read("site/sitemap.xml").contains("<urlset"),
        "the sitemap is still generated"
    );
}
