//! The long English explanations of diagnostic codes (`jianxun explain E012`
//! with `JIANXUN_LANG=en`).
//!
//! Takes a code such as `E012`; gives what it means, a wrong example and a
//! right one. The Chinese twin is `zh_explain.rs`.

use super::Explanation;

const fn e(what: &'static str, wrong: &'static str, right: &'static str) -> Explanation {
    Explanation { what, wrong, right }
}

/// The English explanation of `id`.
pub fn explain(id: &str) -> Option<Explanation> {
    Some(match id {
        "E001" => e(
            "The file is empty. Every bulletin, campaign and page starts with front matter: a line `---`, the keys, and a closing `---`.",
            "(an empty file)",
            "---\ntitle: 宜宾“安康杯”竞赛走进工业园区\ndate: 2024-03-11\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\nBody…",
        ),
        "E002" => e(
            "The first line of the file must be `---`; the keys (title, date …) go between two `---` lines.",
            "title: 宜宾园区检查\ndate: 2024-03-11\nBody…",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---\nBody…",
        ),
        "E003" => e(
            "The front matter is opened but never closed: a line holding only `---` is missing after the last key.",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\nBody…",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---\nBody…",
        ),
        "E004" => e(
            "The front matter (or jianxun.yaml) cannot be read: a misspelt key, a key written twice, a value of the wrong form, or an unquoted colon in a value. The hint says which.",
            "title: 宜宾园区: 安全检查\nregoin: 四川/宜宾",
            "title: \"宜宾园区：安全检查\"\nregion: 四川/宜宾",
        ),
        "E005" => e(
            "The front matter is indented with a tab. YAML accepts spaces only: indent with two spaces.",
            "metrics:\n\t参与企业: 411",
            "metrics:\n  参与企业: 411",
        ),
        "E006" => e(
            "The file is not UTF-8. Notepad's \"ANSI\" (GBK) and \"Unicode\" (UTF-16) encodings do not work: open the file and save it again choosing UTF-8.",
            "(a file saved as GBK or UTF-16)",
            "(the same file saved as UTF-8)",
        ),
        "E007" => e(
            "A file or folder could not be read or written: it is missing, you may not access it, or the disk is full. Check the file or folder named.",
            "jianxun build --output /read-only-folder",
            "jianxun build --output site",
        ),
        "E008" => e(
            "There is no jianxun.yaml. Run jianxun in the site folder, or pass --root; create a site with `jianxun init` if you have none.",
            "cd Desktop\njianxun build",
            "cd my-site\njianxun build\n# or: jianxun build --root my-site",
        ),
        "E009" => e(
            "base_url in jianxun.yaml must be a whole URL starting with http:// or https://, or / for a site served at the root.",
            "base_url: example.org",
            "base_url: https://example.org/",
        ),
        "E010" => e(
            "A required key is missing. A bulletin needs title, date, campaign and region; a campaign needs name; a page needs title.",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\ncampaign: ankang-cup\nregion: 四川/宜宾\n---",
        ),
        "E011" => e(
            "The key is written but has no value.",
            "title:\nregion:",
            "title: 宜宾园区检查\nregion: 四川/宜宾",
        ),
        "E012" => e(
            "The date is not written as a date, or the day does not exist (month 13, 30 February). Write year-month-day, and hour:minute after it for a time.",
            "date: 2024-13-01\ndate: 2024-02-30\ndate: yesterday",
            "date: 2024-12-01\ndate: 2024-02-29\ndate: 2024-03-11 09:30",
        ),
        "E013" => e(
            "A metric's value cannot be read: it is not a number, its unit differs from the one declared in jianxun.yaml, or it holds two numbers or a range. Numbers such as 411, 1.2万, 60余, 约100, 三十 are fine, with the declared unit.",
            "metrics:\n  投入资金: 7.2万人\n  参与企业: 100-120家",
            "metrics:\n  投入资金: 7.2万元\n  参与企业: 100余家",
        ),
        "E014" => e(
            "A metric used in a bulletin (or in a campaign's targets) is not declared under metrics: in jianxun.yaml. Declare it, or correct its spelling.",
            "metrics:\n  参与人数: 500",
            "# jianxun.yaml\nmetrics:\n  参与人数: { unit: 人, aggregate: sum }",
        ),
        "E015" => e(
            "No URL slug can be made from the file name (e.g. it is all punctuation). Write a slug in the front matter.",
            "content/bulletins/！！！.md",
            "---\nslug: yibin-yuanqu\n---",
        ),
        "E016" => e(
            "A slug may hold lowercase ASCII letters, digits and hyphens only.",
            "slug: 宜宾 园区",
            "slug: yibin-yuanqu",
        ),
        "E017" => e(
            "The slug is too long for one URL segment. Write a shorter slug, or give the file a shorter name.",
            "slug: yibin-ankangbei-jingsai-zoujin-shier-ge-gongye-yuanqu-kaizhan-anquan-jiancha",
            "slug: yibin-yuanqu-jiancha",
        ),
        "E018" => e(
            "The slug is a name Windows reserves for devices (con, aux, nul, com1, lpt1 …): the file cannot be created on Windows. Choose another.",
            "slug: con",
            "slug: con-1",
        ),
        "E019" => e(
            "Two bulletins (or campaigns, pages, tags, regions) get the same slug; one would overwrite the other. Rename one of them. Two tags or regions that read alike (公益, 工艺) can keep their names: give one of them a slug under tags: or regions: in jianxun.yaml.",
            "# both a.md and b.md\nslug: yibin",
            "# a.md\nslug: yibin\n# b.md\nslug: yibin-2",
        ),
        "E020" => e(
            "The campaign a bulletin names does not exist. Write the file name (slug) of a file in content/campaigns/ or its name.",
            "campaign: 安康杯竞塞",
            "campaign: 安康杯竞赛\n# or: campaign: ankang-cup",
        ),
        "E021" => e(
            "Two campaigns have the same name, so a bulletin writing it is ambiguous. Give each campaign its own name.",
            "# both a.md and b.md\nname: 安康杯竞赛",
            "# a.md\nname: 安康杯竞赛\n# b.md\nname: 安康杯竞赛（2025）",
        ),
        "E022" => e(
            "A campaign's file name is its slug: lowercase ASCII letters, digits and hyphens only.",
            "content/campaigns/安康杯.md",
            "content/campaigns/ankang-cup.md",
        ),
        "E023" => e(
            "A bulletin has one region, written broad to narrow with /. For several places, write the region they share.",
            "region: 四川、宜宾\nregion: 宜宾, 泸州",
            "region: 四川/宜宾\nregion: 四川",
        ),
        "E024" => e(
            "The place name exists in several places (e.g. 朝阳). Write the whole path, or say where it lies under regions: in jianxun.yaml.",
            "region: 朝阳",
            "region: 辽宁/朝阳\n# or in jianxun.yaml:\nregions:\n  朝阳: { parent: 辽宁 }",
        ),
        "E025" => e(
            "One place is written at two depths in different bulletins (慈溪 here, 浙江/宁波/慈溪 there), which would split its totals. Write the whole path everywhere.",
            "region: 慈溪",
            "region: 浙江/宁波/慈溪",
        ),
        "E026" => e(
            "The Markdown file is in no content folder, so jianxun does not know what it is. Bulletins go in content/bulletins/, campaigns in content/campaigns/, plain pages in content/pages/.",
            "content/宜宾园区检查.md",
            "content/bulletins/2024/宜宾园区检查.md",
        ),
        "E027" => e(
            "The theme named by theme: in jianxun.yaml is not under themes/. Create the theme folder, or remove the theme: line to use the built-in default theme.",
            "theme: red",
            "# remove the theme: line\n# or create themes/red/",
        ),
        "E028" => e(
            "paginate is how many bulletins a page lists: at least 1.",
            "paginate: 0",
            "paginate: 10",
        ),
        "E029" => e(
            "A region alias is wrong: an alias is another name of the same place, never a path, and belongs to one place only.",
            "regions:\n  宜宾: { aliases: [四川/宜宾] }\n  泸州: { aliases: [宜宾] }",
            "regions:\n  宜宾: { aliases: [宜宾市, 叙州], parent: 四川 }",
        ),
        "E030" => e(
            "A slug given to a region under regions: in jianxun.yaml may hold lowercase ASCII letters, digits and hyphens only.",
            "regions:\n  宜宾: Yi Bin",
            "regions:\n  宜宾: yibin",
        ),
        "E067" => e(
            "A slug given to a tag under tags: in jianxun.yaml may hold lowercase ASCII letters, digits and hyphens only, and must fit in a folder name on every system.",
            "tags:\n  工艺: 工艺技术",
            "tags:\n  工艺: gongyi-jishu",
        ),
        "E031" => e(
            "One of a metric's keywords is empty. Keywords are the phrases that name the metric in the text.",
            "参与企业: { unit: 家, keywords: [\"\"] }",
            "参与企业: { unit: 家, keywords: [参与企业, 企业参与] }",
        ),
        "E032" => e(
            "One keyword is declared for two metrics, so a phrase in the text would be ambiguous. Keep it under one of them.",
            "参与企业: { unit: 家, keywords: [企业] }\n走访企业: { unit: 家, keywords: [企业] }",
            "参与企业: { unit: 家, keywords: [参与企业] }\n走访企业: { unit: 家, keywords: [走访企业] }",
        ),
        "E033" => e(
            "A link in the text leads to a bulletin or page that does not exist: the file name or URL is misspelt, or the target was renamed.",
            "[宜宾的做法](../2024/yibin.md)",
            "[宜宾的做法](../2024/yibin-yuanqu.md)",
        ),
        "E034" => e(
            "An image or file the text shows is missing. Put images beside the bulletin and link by a relative path, or under static/ and link by a path starting with /.",
            "![检查现场](img/xianchang.jpg)   # no such image",
            "![检查现场](img/xianchang.jpg)   # the image is in img/ beside the bulletin",
        ),
        "E035" => e(
            "The theme lacks a required template. Add it to the theme's templates/ folder or to the site's templates/ folder.",
            "themes/mine/templates/   # no bulletin.html",
            "themes/mine/templates/bulletin.html",
        ),
        "E036" => e(
            "A template has a syntax error (an unclosed tag, a wrong expression); the theme's author fixes it.",
            "{% if page.title %}",
            "{% if page.title %}…{% endif %}",
        ),
        "E037" => e(
            "A template failed while rendering a page, usually by using a variable that page lacks. Use `is defined` or `| default(value=…)` for optional ones.",
            "{{ page.subtitle }}",
            "{{ page.subtitle | default(value=\"\") }}",
        ),
        "E038" => e(
            "A template error that is neither syntax nor one page's: see the message.",
            "(templates that include each other wrongly)",
            "(the template named, corrected)",
        ),
        "E039" => e(
            "A link (shortcut) in the site folder leads outside it; jianxun reads nothing through it, so no other file is published by mistake. Copy the files in.",
            "content/bulletins/shared -> /home/someone/files",
            "content/bulletins/shared/   # copied files",
        ),
        "E040" => e(
            "A link (shortcut) in the site folder leads to a file that no longer exists.",
            "static/logo.png -> a deleted file",
            "static/logo.png   # the real image",
        ),
        "E041" => e(
            "A link leads back to a folder that contains it, a loop. Remove the link.",
            "content/pages/self -> ..",
            "(the link removed)",
        ),
        "E042" => e(
            "jianxun refuses to write to this output folder: it is the site folder, contains it, is inside a source folder, or holds files jianxun did not write. Choose another output folder, or move those files away.",
            "jianxun build --output content",
            "jianxun build --output site",
        ),
        "E043" => e(
            "A file to be written has a path that is not a plain path inside the output folder (usually a theme or configuration problem).",
            "(an output path with ..)",
            "(a plain relative path)",
        ),
        "E044" => e(
            "The list of files the last build wrote (.jianxun-manifest) is damaged; to be safe jianxun removes nothing. Delete that file or choose another output folder.",
            "site/.jianxun-manifest   # edited by hand",
            "(delete site/.jianxun-manifest, then build again)",
        ),
        "E045" => e(
            "A key is followed by a full-width colon `：` (as a Chinese input method types it). YAML only knows the half-width colon `:`, followed by a space. `jianxun check --fix` fixes it.",
            "title：宜宾园区安全检查",
            "title: 宜宾园区安全检查",
        ),
        "E046" => e(
            "The line is indented with full-width spaces `　` (U+3000). YAML only knows half-width spaces: indent with two. `jianxun check --fix` fixes it.",
            "metrics:\n　参与企业: 411",
            "metrics:\n  参与企业: 411",
        ),
        "E047" => e(
            "A list is written between full-width brackets or quotes (【】, ［］, “”), so the whole text would be one name. A list needs half-width square brackets, with half-width commas between the items.",
            "tags: 【安全，宣传】",
            "tags: [安全, 宣传]",
        ),
        "E048" => e(
            "A key's colon is followed by a full-width space `　` (as a Chinese input method types it). YAML needs a half-width space after the colon. `jianxun check --fix` fixes it.",
            "title:　宜宾园区安全检查",
            "title: 宜宾园区安全检查",
        ),
        "W001" => e(
            "A link leads to a draft (draft: true), which is not published: readers would find nothing. Publish it or remove the link.",
            "[draft](d.md)   # d.md has draft: true",
            "[draft](d.md)   # after removing draft: true from d.md",
        ),
        "W002" => e(
            "The bulletin's date is in the future. It is published with that date at once: check the year and month.",
            "date: 2099-01-01",
            "date: 2025-01-01",
        ),
        "W003" => e(
            "This value is far larger than the other bulletins' in the same campaign: perhaps a stray 万 or an extra zero.",
            "参与企业: 4110万",
            "参与企业: 411",
        ),
        "W004" => e(
            "Two bulletins share a title, so readers cannot tell them apart. Add the place, the date or what is new.",
            "title: 园区安全检查   # in both",
            "title: 宜宾园区安全检查（3月）",
        ),
        "W005" => e(
            "The region is not written the canonical way; one place written two ways splits its totals and lists. Write the path the hint gives.",
            "region: 四川省宜宾市",
            "region: 四川/宜宾",
        ),
        "W006" => e(
            "The text states a metric's number that metrics: in the front matter leaves out, so the totals miss it.",
            "metrics:\n  参与职工: 500\n---\n共有411家企业参与……",
            "metrics:\n  参与职工: 500\n  参与企业: 411\n---\n共有411家企业参与……",
        ),
        "W007" => e(
            "The front matter and the text give different numbers for one metric; one of them is wrong.",
            "参与企业: 400\n---\n参与企业达411家……",
            "参与企业: 411\n---\n参与企业达411家……",
        ),
        "W008" => e(
            "The front matter files a number under a metric that counts something else (e.g. enterprises visited reported as enterprises taking part).",
            "参与企业: 1292\n---\n走访企业1292家……",
            "走访企业: 1292\n---\n走访企业1292家……",
        ),
        "W009" => e(
            "A place in the region is in no table (the built-in one or regions: in jianxun.yaml) but sounds exactly like a known place: most likely the input method chose a homophone, or the pinyin was typed.",
            "region: 四川/宜滨",
            "region: 四川/宜宾",
        ),
        "E049" => e(
            "The bulletin still holds a prompt written by `jianxun new` (a bracket starting with “（请在此填写”). Such a bulletin cannot be published: replace the prompt with the real text, or mark the bulletin as a draft until it is finished.",
            "---\ntitle: 宜宾园区检查\n…\n---\n（请在此填写导语：一句话写清谁、在哪里、做了什么、效果如何）",
            "---\ntitle: 宜宾园区检查\n…\n---\n宜宾市总工会组织411家企业开展隐患排查，整改率达95%。",
        ),
        "E050" => e(
            "status is not one of the three states: 草稿 (being written), 待审 (waiting for review) and 已审 (approved).",
            "status: 审完了",
            "status: 已审",
        ),
        "E051" => e(
            "draft and status disagree: draft: true makes a draft while status says 待审 or 已审 (or the other way round). Keep the status line alone.",
            "draft: true\nstatus: 已审",
            "status: 已审",
        ),
        "E052" => e(
            "publish in jianxun.yaml has a value it cannot have. publish: approved-only publishes only approved bulletins (status: 已审); without it every bulletin but drafts is published.",
            "publish: after-review",
            "publish: approved-only",
        ),
        "W010" => e(
            "A draft still holds prompts written by `jianxun new`. A draft may keep them for now, but replace them before it stops being a draft, or build reports E049.",
            "draft: true\n---\n（请在此填写主要做法）",
            "draft: true\n---\n各园区工会组织班组长开展隐患排查。",
        ),
        "W011" => e(
            "base_url in jianxun.yaml is still the example written by `jianxun init`, so the links in feeds and the sitemap point to example.org. Write the site's real address, or / until it is known.",
            "base_url: https://example.org/",
            "base_url: https://www.example.gov.cn/jianxun/",
        ),
        "E053" => e(
            "The bulletin's series is not declared under series: in jianxun.yaml. series takes the series' slug (the ASCII name used in URLs) or its name.",
            "series: 安全生产简讯",
            "series: anquan-jianxun    # jianxun.yaml declares anquan-jianxun: { name: 安全生产工作简讯 }",
        ),
        "E054" => e(
            "The issue number cannot be read. Write which issue it is: 2024年第2期, 第2期 (the year is that of the printed date or the bulletin's date) or 〔2024〕2号.",
            "issue: 2024-2",
            "issue: 2024年第2期",
        ),
        "E055" => e(
            "The distribution is not written as expected. It has three lists, 报, 送 and 发, each one or more names of units (a list, or names joined by 、 or ，).",
            "distribution: 市委办公室、各区县总工会",
            "distribution:\n  报: 市委办公室\n  送: [各区县总工会, 各产业工会]",
        ),
        "E056" => e(
            "A bulletin series declared in jianxun.yaml is not written as expected: the slug takes lowercase ASCII letters, digits and hyphens, and no two series may share a name.",
            "series:\n  安全简讯: { name: 安全生产工作简讯 }",
            "series:\n  anquan-jianxun: { name: 安全生产工作简讯, issuer: 宜宾市总工会办公室 }",
        ),
        "W012" => e(
            "Two bulletins of one series give the same issue number in the same year: the series page and the printed mastheads repeat a number.",
            "issue: 2024年第2期    # another bulletin is 第2期 too",
            "issue: 2024年第3期",
        ),
        "W013" => e(
            "An issue number and a series go together: an issue without a series has nowhere to show; a series without an issue prints a masthead without 第N期.",
            "series: anquan-jianxun",
            "series: anquan-jianxun\nissue: 2024年第2期",
        ),
        "E061" => e(
            "The file to import is not a .docx: old Word .doc and WPS .wps files use another format that jianxun cannot read. Open it in Word or WPS and Save As a Word document (*.docx).",
            "jianxun import bulletin.doc",
            "jianxun import bulletin.docx    # after Save As .docx",
        ),
        "E062" => e(
            "The .docx is damaged (the zip or the XML inside is incomplete), as happens with attachments not fully downloaded. Open it in Word or WPS and Save As a new .docx.",
            "jianxun import half-downloaded.docx",
            "jianxun import saved-again.docx",
        ),
        "E063" => e(
            "The file is a zip but not a Word document: it has no word/document.xml. Perhaps an Excel (.xlsx) or PowerPoint (.pptx) file, or a renamed one.",
            "jianxun import figures.xlsx",
            "jianxun import bulletin.docx",
        ),
        "E064" => e(
            "The folder this document would be imported into already exists, usually from an earlier import. jianxun never overwrites a bulletin: add --force to replace it.",
            "jianxun import bulletin.docx    # a second time",
            "jianxun import bulletin.docx --force",
        ),
        "E065" => e(
            "The imported bulletin could not be written into the site: the disk is full, the folder read-only, or access is denied. Nothing was written.",
            "(importing with a full disk)",
            "(importing after freeing space)",
        ),
        "E066" => e(
            "The file to import cannot be opened: the name or folder is wrong, the file does not exist, or another program holds it.",
            "jianxun import bulletn.docx",
            "jianxun import bulletin.docx",
        ),
        "W016" => e(
            "The document holds EMF/WMF images (shapes drawn in Word or pasted from other programs) that browsers cannot show; they were left out. Save them as PNG or JPG into the bulletin's folder.",
            "(an EMF shape in the text)",
            "![flow chart](photo-3.png)",
        ),
        "W017" => e(
            "jianxun import guessed this value (campaign, region or metric) from the text and wrote why in a “# 推测：…” comment after it. Once an editor has checked it and deleted the comment, the warning goes.",
            "region: 四川/宜宾    # 推测：正文提到“宜宾”",
            "region: 四川/宜宾",
        ),
        "E057" => e(
            "A photo used in a bulletin cannot be opened: the file is not an image (a document renamed to .jpg, say) or was damaged when copied. Every photo on the site is processed (turned upright, shrunk, its location removed); one that does not open cannot be.",
            "![现场](xianchang.jpg)    # xianchang.jpg is really a Word document",
            "![现场](xianchang.jpg)    # a JPG exported again from the phone",
        ),
        "E058" => e(
            "The photo is in a format web pages cannot use, such as an iPhone's HEIC or a GIF or TIFF image. Photos on the site must be JPG, PNG or WebP.",
            "![现场](IMG_0012.HEIC)",
            "![现场](IMG_0012.jpg)    # saved as JPG on the phone or computer",
        ),
        "E059" => e(
            "The photo is too large (over 120 million pixels, or over 30,000 pixels on a side): processing it would take too much memory. Photos on the site are at most 1600 pixels wide.",
            "![全景](quanjing.jpg)    # a 40000×12000 stitched panorama",
            "![全景](quanjing.jpg)    # shrunk to 4000 pixels wide",
        ),
        "E060" => e(
            "The default share image named by share_image: in jianxun.yaml is not in the site. Pages without a photo of their own are shared with it.",
            "share_image: static/images/share.jpg",
            "share_image: images/share.jpg    # the image is static/images/share.jpg",
        ),
        "W014" => e(
            "The photo's brackets are empty: nothing says what it shows. A reader using a screen reader hears only \"image\", and the figure has no caption to fall back on.",
            "![](yanlian.jpg)",
            "![职工在厂区广场参加应急疏散演练](yanlian.jpg)",
        ),
        _ => return None,
    })
}
