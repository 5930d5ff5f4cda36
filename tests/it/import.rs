//! `jianxun import`: Word and WPS documents become draft bulletin bundles
//! that `check` accepts; documents that cannot be read get a clear error.

use crate::docx::{Docx, WORD_NS, WPS_NS, anchored_picture, inline_picture, p, png, r};
use crate::support::{Fixture, run_lang};

const CONFIG: &str = "title: 测试简讯\nbase_url: https://example.org/\nmetrics:
  参与企业: { unit: 家, aggregate: sum, keywords: [参与企业, 企业参与] }
  参与职工: { unit: 名, aggregate: sum, keywords: [参与职工, 职工参与] }
  奖励金额: { unit: 元, aggregate: sum, keywords: [奖励金额, 奖金] }
series:
  yibin-ankang: { name: 宜宾市“安康杯”竞赛简报 }
  yingkou-anquan: { name: 营口市总工会安全生产工作简讯 }
";

fn site() -> Fixture {
    let f = Fixture::empty();
    f.write("jianxun.yaml", CONFIG);
    f.write(
        "content/campaigns/ankang-cup.md",
        "---\nname: 安康杯竞赛\nfull_name: 全国“安康杯”竞赛\n---\n简介。\n",
    );
    f.write(
        "content/campaigns/worker-safety-reports.md",
        "---\nname: 职工安全隐患有奖报告\n---\n简介。\n",
    );
    f.write(
        "content/campaigns/safety-month.md",
        "---\nname: 安全生产月\n---\n简介。\n",
    );
    f
}

const STYLES: &str = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>"#;
const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
const NOTES: &str = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 数据来自市总工会劳动保护部。</w:t></w:r></w:p></w:footnote></w:footnotes>"#;

/// Written in Word: a masthead with its red rule, a Title, metrics in the
/// text, a numbered list, a table with merged cells, two photos with
/// captions, a footnote, a link and the distribution block.
fn word_masthead() -> Vec<u8> {
    let red = r#"<w:color w:val="FF0000"/><w:sz w:val="72"/><w:b/>"#;
    let rule =
        r#"<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="FF0000"/></w:pBdr>"#;
    let cell = |props: &str, text: &str| {
        format!(
            "<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>",
            p("", &[r("", text)])
        )
    };
    let body = [
        p(r#"<w:jc w:val="center"/>"#, &[r(red, "宜宾市“安康杯”竞赛简报")]),
        p(r#"<w:jc w:val="center"/>"#, &[r("", "2025年第3期")]),
        p(rule, &[r("", "宜宾市总工会劳动保护部　　　　　　2025年3月11日")]),
        p(r#"<w:pStyle w:val="Title"/>"#, &[r("", "宜宾“安康杯”竞赛走进工业园区")]),
        p("", &[r("", "　　3月上旬，宜宾市总工会把“安康杯”竞赛开进12个工业园区，全市411家企业参与，职工参与12万余名。"), "<w:r><w:footnoteReference w:id=\"1\"/></w:r>".into()]),
        p("", &[]),
        p(r#"<w:pStyle w:val="Heading1"/>"#, &[r("", "一、主要做法")]),
        p(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#, &[r("<w:b/>", "班组排查"), r("", "：每周一次。")]),
        p(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>"#, &[r("", "整改通报：每月一次。")]),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("", "园区"),
            cell(r#"<w:gridSpan w:val="2"/>"#, "参赛情况"),
            cell(r#"<w:vMerge w:val="restart"/>"#, "临港园区"),
            cell("", "企业"),
            cell("", "86家"),
            cell("<w:vMerge/>", ""),
            cell("", "职工"),
            cell("", "2.1万名"),
        ),
        p("", &[inline_picture("rIdImg1")]),
        p(r#"<w:jc w:val="center"/>"#, &[r("", "图为临港园区职工开展应急疏散演练（张三 摄）")]),
        p("", &[inline_picture("rIdImg2")]),
        p(r#"<w:jc w:val="center"/>"#, &[r("", "（李四 摄）")]),
        p("", &[r("", "详见"), r#"<w:hyperlink r:id="rIdLink"><w:r><w:t>竞赛通知</w:t></w:r></w:hyperlink>"#.into(), r("<w:i/>", "原文"), r("", "。")]),
        p("", &[r("", "━━━━━━━━━━━━━━━━━━━━")]),
        p("", &[r("", "报：四川省总工会劳动保护部")]),
        p("", &[r("", "发：各区县总工会、各产业工会")]),
        p("", &[r("", "宜宾市总工会办公室　　　　2025年3月12日印发")]),
    ]
    .concat();
    Docx::new(WORD_NS, &body)
        .part("word/styles.xml", STYLES.as_bytes())
        .part("word/numbering.xml", NUMBERING.as_bytes())
        .part("word/footnotes.xml", NOTES.as_bytes())
        .image("rIdImg1", "image1.png", &png(4, 3, [200, 40, 40]))
        .image("rIdImg2", "image2.jpeg", &png(3, 2, [40, 40, 200]))
        .link("rIdLink", "https://example.org/tongzhi")
        .bytes()
}

/// Written like a WPS export: wpsCustomData, w14/wp14 namespaces,
/// `w:rFonts w:hint="eastAsia"`, styles named by ids "1"/"2" with
/// localized names, the masthead in a text box (with its VML fallback),
/// a date in Chinese numerals, a bulleted list, bold section heads, an
/// anchored photo and an EMF drawing.
fn wps_export() -> Vec<u8> {
    let ea = r#"<w:rFonts w:hint="eastAsia"/>"#;
    let boxed = |text: &str| {
        format!(
            r#"<w:r><w:rPr>{ea}</w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="3" name="文本框 3"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{ea}<w:color w:val="C00000"/><w:sz w:val="84"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#
        )
    };
    let ns = format!("{WORD_NS} {WPS_NS}");
    let body = [
        format!(
            r#"<w:p><w:pPr><w:rPr>{ea}</w:rPr></w:pPr>{}</w:p>"#,
            boxed("营口市总工会安全生产工作简讯")
        ),
        p("", &[r(ea, "第6期")]),
        p(
            "",
            &[r(ea, "营口市总工会办公室　　　　　二〇二五年十二月三十日")],
        ),
        p("", &[r(ea, "━━━━━━━━━━━━━━━━━━━━")]),
        p(
            r#"<w:pStyle w:val="2"/><w:jc w:val="center"/>"#,
            &[r(ea, "营口设立专项资金奖励职工报告隐患")],
        ),
        p(
            "",
            &[r(
                ea,
                "　　营口市总工会与市安委办联合设立专项资金，全年发放奖金7.2万元。",
            )],
        ),
        p("", &[r(&format!("{ea}<w:b/>"), "一、两家协同发力")]),
        p(
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#,
            &[r(ea, "工会负责发动职工；")],
        ),
        p(
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#,
            &[r(ea, "安委办负责审核把关。")],
        ),
        p("", &[anchored_picture("rId7")]),
        p("", &[r(ea, "图为职工报告隐患现场核查（王五 摄）")]),
        p("", &[inline_picture("rId8")]),
        p("", &[r(ea, "　　")]),
        p("", &[r(ea, "报：辽宁省总工会。送：营口市应急管理局")]),
    ]
    .concat();
    let styles = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 1"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#;
    Docx::new(&ns, &body)
        .part("word/styles.xml", styles.as_bytes())
        .part("word/numbering.xml", NUMBERING.as_bytes())
        .image("rId7", "image1.png", &png(5, 4, [30, 160, 60]))
        .image("rId8", "image2.emf", b"\x01\x00\x00\x00 EMF")
        .bytes()
}

/// A plain document: no styles, the title a first short line, the date
/// in brackets, a place the site knows, no campaign named.
fn plain() -> Vec<u8> {
    let body = [
        p("", &[r("", "厦门港区开展消防演练")]),
        p("", &[r("", "（2025年6月12日）")]),
        p(
            "",
            &[r(
                "",
                "厦门港区工会组织码头职工开展消防疏散演练，200余名职工参加。",
            )],
        ),
    ]
    .concat();
    Docx::new(WORD_NS, &body).bytes()
}

#[test]
fn a_word_document_with_a_masthead_becomes_a_draft_bundle() {
    let f = site();
    f.write_bytes("收稿/宜宾简报.docx", &word_masthead());
    let run = f.run(&["import", "收稿/宜宾简报.docx"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let dir = "content/bulletins/2025/yibin-ankangbei-jingsaizoujingongyeyuanqu";
    assert!(
        run.stdout.contains(&format!("{dir}/index.md")),
        "{}",
        run.stdout
    );
    let text = f.read(&format!("{dir}/index.md"));
    let (front, body) = text
        .trim_start_matches("---\n")
        .split_once("\n---\n")
        .expect("front matter");
    for line in [
        "title: 宜宾“安康杯”竞赛走进工业园区",
        "date: 2025-03-11",
        "campaign: ankang-cup    # 推测：正文提到“安康杯竞赛”",
        "region: 四川/宜宾    # 推测：正文提到“宜宾”",
        "  参与企业: 411家    # 推测：正文第1段“411家企业参与”",
        "  参与职工: 12万余名    # 推测：正文第1段“职工参与12万余名”",
        "series: yibin-ankang    # 报头：宜宾市“安康杯”竞赛简报",
        "issue: 2025年第3期",
        "issuer: 宜宾市总工会劳动保护部",
        "printed: 2025-03-12",
        "  报: [四川省总工会劳动保护部]",
        "  发: [各区县总工会, 各产业工会]",
        "status: 草稿",
    ] {
        assert!(
            front.lines().any(|l| l == line),
            "missing {line:?} in\n{front}"
        );
    }
    assert_eq!(
        body,
        "3月上旬，宜宾市总工会把“安康杯”竞赛开进12个工业园区，全市411家企业参与，职工参与12万余名。[^1]\n\n\
## 一、主要做法\n\n1. **班组排查**：每周一次。\n1. 整改通报：每月一次。\n\n\
| 园区 | 参赛情况 |  |\n|---|---|---|\n| 临港园区 | 企业 | 86家 |\n| 临港园区 | 职工 | 2.1万名 |\n\n\
![图为临港园区职工开展应急疏散演练](photo-1.png \"（张三 摄）\")\n\n\
![](photo-2.jpg \"（李四 摄）\")\n\n\
详见[竞赛通知](https://example.org/tongzhi)*原文*。\n\n[^1]: 数据来自市总工会劳动保护部。\n"
    );
    assert_eq!(
        std::fs::read(f.path(&format!("{dir}/photo-1.png"))).unwrap(),
        png(4, 3, [200, 40, 40])
    );
    assert_eq!(
        std::fs::read(f.path(&format!("{dir}/photo-2.jpg"))).unwrap(),
        png(3, 2, [40, 40, 200])
    );
    assert!(
        run.stdout
            .contains("masthead (yibin-ankang、2025年第3期、宜宾市总工会劳动保护部)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2 images (2 captioned), 1 footnotes"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("参与企业 411家 (paragraph 1)"),
        "{}",
        run.stdout
    );
    // `check` accepts it: the draft's placeholder is a warning, not an error.
    let check = f.run(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("W010"), "{}", check.stderr);
    // Each guess is a warning at its comment until an editor confirms it.
    let at = format!(
        "{dir}/index.md:4:25: warning[W017]: this value was guessed from the text on import"
    );
    assert!(check.stderr.contains(&at), "{}", check.stderr);
    assert_eq!(
        check.stderr.matches("[W017]").count(),
        4,
        "{}",
        check.stderr
    );
    assert!(!check.stderr.contains("E0"), "{}", check.stderr);
    // Not published until an editor has looked.
    assert_eq!(f.run(&["build"]).code, 0);
    assert!(
        !f.path("site/bulletins/yibin-ankangbei-jingsaizoujingongyeyuanqu")
            .exists()
    );
}

#[test]
fn a_wps_export_reads_like_a_word_document() {
    let f = site();
    f.write_bytes("营口简讯.docx", &wps_export());
    let run = f.run(&["import", "营口简讯.docx"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let dir = "content/bulletins/2025/yingkoushelizhuanxiangzijinjianglizhigongbaogaoyinhuan";
    let text = f.read(&format!("{dir}/index.md"));
    for line in [
        "title: 营口设立专项资金奖励职工报告隐患",
        "date: 2025-12-30",
        "region: 辽宁/营口    # 推测：正文提到“营口”",
        "  奖励金额: 7.2万元    # 推测：正文第1段“奖金7.2万元”",
        "series: yingkou-anquan    # 报头：营口市总工会安全生产工作简讯",
        "issue: 第6期",
        "issuer: 营口市总工会办公室",
        "  报: [辽宁省总工会]",
        "  送: [营口市应急管理局]",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing {line:?} in\n{text}"
        );
    }
    // No campaign named: the first stands in, with a placeholder to replace.
    assert!(
        text.contains("campaign: ankang-cup    # （请在此填写活动"),
        "{text}"
    );
    let body = text.split("\n---\n").nth(1).unwrap();
    assert_eq!(
        body,
        "营口市总工会与市安委办联合设立专项资金，全年发放奖金7.2万元。\n\n## 一、两家协同发力\n\n- 工会负责发动职工；\n- 安委办负责审核把关。\n\n![图为职工报告隐患现场核查](photo-1.png \"（王五 摄）\")\n"
    );
    assert!(f.path(&format!("{dir}/photo-1.png")).is_file());
    assert!(!f.path(&format!("{dir}/photo-2.emf")).exists());
    assert!(
        run.stderr
            .contains("营口简讯.docx: warning[W016]: 1 image(s) in EMF format"),
        "{}",
        run.stderr
    );
    let check = f.run(&["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn a_plain_document_asks_for_what_it_does_not_say() {
    let f = site();
    f.write_bytes("荣成简讯.docx", &plain());
    let run = run_lang(f.root(), &["import", "荣成简讯.docx"], None);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = f.read("content/bulletins/2025/xiamen-gangqukaizhanxiaofangyanlian/index.md");
    assert!(
        text.starts_with("---\ntitle: 厦门港区开展消防演练\ndate: 2025-06-12\n"),
        "{text}"
    );
    assert!(
        text.contains("region: 福建/厦门    # 推测：正文提到“厦门”"),
        "{text}"
    );
    assert!(!text.contains("metrics:"), "{text}");
    assert!(
        text.ends_with("---\n厦门港区工会组织码头职工开展消防疏散演练，200余名职工参加。\n"),
        "{text}"
    );
    assert!(
        run.stdout
            .contains("认出：标题“厦门港区开展消防演练”；日期 2025-06-12"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("请核对：活动：正文没有提到认得的活动"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("以草稿保存"), "{}", run.stdout);
    assert_eq!(f.run(&["check"]).code, 0);
}

#[test]
fn the_command_line_wins_over_guesses_and_a_folder_imports_every_docx() {
    let f = site();
    f.write_bytes("in/简讯.docx", &plain());
    f.write_bytes("in/~$简讯.docx", b"lock");
    f.write("in/notes.txt", "x");
    f.write_bytes(
        "old/a.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    );
    let old = f.run(&["import", "old"]);
    assert_eq!(old.code, 1, "{}", old.stderr);
    assert!(
        old.stderr.contains("old/a.doc: error[E061]"),
        "a .doc in a folder is named: {}",
        old.stderr
    );
    let run = f.run(&[
        "import",
        "in",
        "--campaign",
        "安全生产月",
        "--region",
        "福建省厦门市",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let text = f.read("content/bulletins/2025/xiamen-gangqukaizhanxiaofangyanlian/index.md");
    assert!(
        text.contains("\ncampaign: safety-month\nregion: 福建/厦门\n"),
        "{text}"
    );
    assert!(
        run.stdout.contains("1 imported, 0 file(s) not imported"),
        "{}",
        run.stdout
    );
}

#[test]
fn documents_that_are_not_docx_are_refused_with_how_to_save_them() {
    let f = site();
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    f.write_bytes("old.doc", &ole);
    f.write_bytes("old.wps", &ole);
    f.write_bytes("broken.docx", b"PK\x03\x04\x14\x00garbage that is no zip");
    let sheet = Docx::new(WORD_NS, "").bytes();
    // A zip without word/document.xml: rebuild one from its other parts.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, b"<workbook/>").unwrap();
    f.write_bytes("sheet.docx", &zip.finish().unwrap().into_inner());
    assert!(!sheet.is_empty());
    f.write("text.docx", "这是纯文本，不是 Word 文档");
    f.write_bytes("badxml.docx", &Docx::new(WORD_NS, "<w:p></w:r>").bytes());
    for (file, code, words) in [
        (
            "old.doc",
            "E061",
            "`old.doc` is an old Word or WPS file (.doc / .wps)",
        ),
        (
            "old.wps",
            "E061",
            "`old.wps` is an old Word or WPS file (.doc / .wps)",
        ),
        (
            "text.docx",
            "E061",
            "`text.docx` is not a Word document (.docx)",
        ),
        (
            "broken.docx",
            "E062",
            "`broken.docx` is damaged and cannot be read",
        ),
        (
            "sheet.docx",
            "E063",
            "`sheet.docx` is a zip file without a Word body (word/document.xml)",
        ),
        ("missing.docx", "E066", "cannot read `missing.docx`"),
    ] {
        let run = f.run(&["import", file]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{file}: error[{code}]: {words}")),
            "{file}: {}",
            run.stderr
        );
        assert!(
            run.stdout.contains("0 imported, 1 file(s) not imported"),
            "{}",
            run.stdout
        );
    }
    let zh = run_lang(f.root(), &["import", "old.doc"], None);
    assert!(
        zh.stderr.contains(
            "old.doc: 错误[E061]: `old.doc` 是旧版 Word 或 WPS 文件（.doc / .wps），jianxun 读不了"
        ),
        "{}",
        zh.stderr
    );
    assert!(zh.stderr.contains("另存为"), "{}", zh.stderr);
    assert!(!f.path("content/bulletins").exists());
}

#[test]
fn a_second_import_is_refused_unless_forced() {
    let f = site();
    f.write_bytes("简讯.docx", &plain());
    assert_eq!(f.run(&["import", "简讯.docx"]).code, 0);
    let index = "content/bulletins/2025/xiamen-gangqukaizhanxiaofangyanlian/index.md";
    f.write(
        index,
        &f.read(index).replace("status: 草稿", "status: 待审"),
    );
    let again = f.run(&["import", "简讯.docx"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("简讯.docx: error[E064]: content/bulletins/2025/xiamen-gangqukaizhanxiaofangyanlian/ already exists"), "{}", again.stderr);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert!(
        f.read(index).contains("status: 待审"),
        "the editor's file is kept"
    );
    let forced = f.run(&["import", "简讯.docx", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        forced.stdout.contains("replacing the earlier one"),
        "{}",
        forced.stdout
    );
    assert!(f.read(index).contains("status: 草稿"));
    let left: Vec<_> = std::fs::read_dir(f.path("content/bulletins/2025"))
        .unwrap()
        .collect();
    assert_eq!(left.len(), 1, "no hidden folder is left behind");
}

#[test]
fn unknown_campaigns_and_series_are_usage_errors_with_a_suggestion() {
    let f = site();
    f.write_bytes("简讯.docx", &plain());
    let run = f.run(&["import", "简讯.docx", "--campaign", "ankang-cu"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown campaign `ankang-cu`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("安康杯竞赛 (ankang-cup)"),
        "{}",
        run.stderr
    );
    let run = f.run(&["import", "简讯.docx", "--series", "yibin-ankan"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no bulletin series `yibin-ankan`"),
        "{}",
        run.stderr
    );
    assert!(!f.path("content/bulletins").exists());
    let help = run_lang(f.root(), &["import", "--help"], None);
    assert!(
        help.stdout
            .contains("把 Word/WPS 文档（.docx）导入成简讯草稿"),
        "{}",
        help.stdout
    );
}

#[test]
fn a_slug_taken_by_another_bulletin_an_empty_folder_and_an_unwritable_site_are_refused() {
    let f = site();
    f.write_bytes("简讯.docx", &plain());
    f.write(
        "content/bulletins/2024/xiamen-gangqukaizhanxiaofangyanlian.md",
        "---\ntitle: 旧稿\ndate: 2024-06-12\ncampaign: ankang-cup\nregion: 福建/厦门\n---\n正文。\n",
    );
    let run = f.run(&["import", "简讯.docx", "--force"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("简讯.docx: error[E064]: the slug `xiamen-gangqukaizhanxiaofangyanlian` is already used by content/bulletins/2024/xiamen-gangqukaizhanxiaofangyanlian.md"),
        "{}",
        run.stderr
    );
    assert!(!f.path("content/bulletins/2025").exists());
    std::fs::remove_file(f.path("content/bulletins/2024/xiamen-gangqukaizhanxiaofangyanlian.md"))
        .unwrap();

    std::fs::create_dir_all(f.path("empty")).unwrap();
    let run = f.run(&["import", "empty"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error: the folder `empty` holds no .docx file"),
        "{}",
        run.stderr
    );

    // A file where the year's folder should be: nothing can be written.
    f.write("content/bulletins/2025", "not a folder");
    let run = f.run(&["import", "简讯.docx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("简讯.docx: error[E065]: cannot write content/bulletins/2025/xiamen-gangqukaizhanxiaofangyanlian:"),
        "{}",
        run.stderr
    );
    assert_eq!(f.read("content/bulletins/2025"), "not a folder");
}

/// What `import` writes is what the build publishes: the document's photos
/// come out as figures, captioned and credited, from processed copies.
#[test]
fn an_imported_document_builds_with_its_photos_as_figures() {
    let f = site();
    f.write_bytes("收稿/宜宾简报.docx", &word_masthead());
    assert_eq!(f.run(&["import", "收稿/宜宾简报.docx"]).code, 0);
    let r = f.run(&["build", "--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let slug = "yibin-ankangbei-jingsaizoujingongyeyuanqu";
    let page = f.read(&format!("site/bulletins/{slug}/index.html"));
    let want = "<figcaption>图为临港园区职工开展应急疏散演练<span class=\"credit\">（张三 摄）</span></figcaption>";
    assert!(page.contains(want), "{page}");
    assert!(
        page.contains("<figcaption><span class=\"credit\">（李四 摄）</span></figcaption>"),
        "{page}"
    );
    let photo = format!("site/bulletins/2025/{slug}/photo-1.png");
    assert!(f.path(&photo).is_file(), "the photo is published");
    assert!(page.contains("class=\"photo\""), "{page}");
}
