//! 错误代码的详细说明（`jianxun explain E012`），中文。
//!
//! Takes a code such as `E012`; gives what it means, a wrong example and a
//! right one. The English twin is `en_explain.rs`; a test checks that both
//! explain every code.

use super::Explanation;

const fn e(what: &'static str, wrong: &'static str, right: &'static str) -> Explanation {
    Explanation { what, wrong, right }
}

/// The Chinese explanation of `id`.
pub fn explain(id: &str) -> Option<Explanation> {
    Some(match id {
        "E001" => e(
            "文件是空的。每篇简讯、每个活动、每个页面都要以文件头开始：第一行 `---`，然后是字段，再以 `---` 结束。",
            "（空文件）",
            "---\ntitle: 宜宾“安康杯”竞赛走进工业园区\ndate: 2024-03-11\ncampaign: ankang-cup\nregion: 四川/宜宾\n---\n正文……",
        ),
        "E002" => e(
            "文件的第一行必须是 `---`，文件头（标题、日期等字段）写在两行 `---` 之间。",
            "title: 宜宾园区检查\ndate: 2024-03-11\n正文……",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---\n正文……",
        ),
        "E003" => e(
            "文件头开始了，但没有结束：最后一个字段后面缺少只有 `---` 的一行。",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n正文……",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---\n正文……",
        ),
        "E004" => e(
            "文件头（或 jianxun.yaml）的写法不对：字段名写错、同一字段写了两次、值的形式不对，或者值里有没加引号的冒号。提示会说明具体是哪一种。",
            "title: 宜宾园区: 安全检查\nregoin: 四川/宜宾",
            "title: \"宜宾园区：安全检查\"\nregion: 四川/宜宾",
        ),
        "E005" => e(
            "文件头用 Tab 键缩进了。YAML 只认空格，请用两个空格缩进。",
            "metrics:\n\t参与企业: 411",
            "metrics:\n  参与企业: 411",
        ),
        "E006" => e(
            "文件不是 UTF-8 编码。Windows 记事本的“ANSI”（GBK）或“Unicode”（UTF-16）编码都不行。用编辑器打开文件，“另存为”时把编码选成 UTF-8。",
            "（用 GBK 或 UTF-16 保存的文件）",
            "（用 UTF-8 保存的同一个文件）",
        ),
        "E007" => e(
            "读写文件或文件夹时出错：文件不存在、没有权限，或者磁盘满了。请检查提到的文件或文件夹。",
            "jianxun build --output /只读的文件夹",
            "jianxun build --output site",
        ),
        "E008" => e(
            "没有找到 jianxun.yaml。请在网站文件夹里运行 jianxun，或者用 --root 指定网站文件夹；还没有网站的话用 `jianxun init` 新建一个。",
            "cd 桌面\njianxun build",
            "cd 我的网站\njianxun build\n# 或者：jianxun build --root 我的网站",
        ),
        "E009" => e(
            "jianxun.yaml 里的 base_url 必须是完整的网址（以 http:// 或 https:// 开头），网站放在根目录时写 /。",
            "base_url: example.org",
            "base_url: https://example.org/",
        ),
        "E010" => e(
            "文件头少了必须写的字段。简讯要有 title、date、campaign、region；活动要有 name；页面要有 title。",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\n---",
            "---\ntitle: 宜宾园区检查\ndate: 2024-03-11\ncampaign: ankang-cup\nregion: 四川/宜宾\n---",
        ),
        "E011" => e(
            "字段写了，但后面什么也没填。",
            "title:\nregion:",
            "title: 宜宾园区检查\nregion: 四川/宜宾",
        ),
        "E012" => e(
            "日期写错了，或者这一天根本不存在（比如 13 月、2 月 30 日）。日期写成 年-月-日，要写时间就在后面加 时:分。",
            "date: 2024-13-01\ndate: 2024-02-30\ndate: 昨天",
            "date: 2024-12-01\ndate: 2024-02-29\ndate: 2024-03-11 09:30",
        ),
        "E013" => e(
            "指标的数值看不懂：不是一个数、单位和 jianxun.yaml 里登记的不一样，或者写了两个数、一个范围。可以写 411、1.2万、60余、约100、三十 这样的数，单位要和登记的一致。",
            "metrics:\n  投入资金: 7.2万人\n  参与企业: 100-120家",
            "metrics:\n  投入资金: 7.2万元\n  参与企业: 100余家",
        ),
        "E014" => e(
            "简讯（或活动的目标）里用的指标没有在 jianxun.yaml 的 metrics: 下面登记。先登记，或者检查是不是写错了字。",
            "metrics:\n  参与人数: 500",
            "# jianxun.yaml\nmetrics:\n  参与人数: { unit: 人, aggregate: sum }",
        ),
        "E015" => e(
            "从文件名生成不了网址名（slug），比如文件名全是符号。请在文件头里写一个 slug。",
            "content/bulletins/！！！.md",
            "---\nslug: yibin-yuanqu\n---",
        ),
        "E016" => e(
            "slug 只能用小写英文字母、数字和连字符 -。",
            "slug: 宜宾 园区",
            "slug: yibin-yuanqu",
        ),
        "E017" => e(
            "网址名太长了，网址的每一段都有长度限制。写一个短一些的 slug，或者给文件改个短名字。",
            "slug: yibin-ankangbei-jingsai-zoujin-shier-ge-gongye-yuanqu-kaizhan-anquan-jiancha",
            "slug: yibin-yuanqu-jiancha",
        ),
        "E018" => e(
            "网址名是 Windows 不允许的设备名（con、aux、nul、com1、lpt1 等），在 Windows 上建不了这个文件。换一个名字。",
            "slug: con",
            "slug: con-1",
        ),
        "E019" => e(
            "两篇简讯（或两个活动、两个页面、两个标签、两个地区）生成了同一个网址名，一个会把另一个覆盖掉。给其中一个换名字。两个读音相同的标签（公益、工艺）或地区，在 jianxun.yaml 的 tags: 或 regions: 下面给其中一个起个网址名。",
            "# a.md 和 b.md 都写了\nslug: yibin",
            "# a.md\nslug: yibin\n# b.md\nslug: yibin-2",
        ),
        "E020" => e(
            "简讯的 campaign 写的活动不存在。写 content/campaigns/ 里的文件名（slug）或活动的 name。",
            "campaign: 安康杯竞塞",
            "campaign: 安康杯竞赛\n# 或者：campaign: ankang-cup",
        ),
        "E021" => e(
            "两个活动用了同一个名称，简讯写这个名称时分不清是哪一个。给每个活动起不同的名称。",
            "# a.md 和 b.md 都写了\nname: 安康杯竞赛",
            "# a.md\nname: 安康杯竞赛\n# b.md\nname: 安康杯竞赛（2025）",
        ),
        "E022" => e(
            "活动的文件名就是它的网址名，只能用小写英文字母、数字和连字符。",
            "content/campaigns/安康杯.md",
            "content/campaigns/ankang-cup.md",
        ),
        "E023" => e(
            "一篇简讯只能写一个地区，从大到小用 / 连起来。涉及几个地方的，写它们共同的上级。",
            "region: 四川、宜宾\nregion: 宜宾, 泸州",
            "region: 四川/宜宾\nregion: 四川",
        ),
        "E024" => e(
            "这个地名在好几个地方都有（比如朝阳），看不出是哪一个。写完整的路径，或者在 jianxun.yaml 的 regions: 下面说明它在哪里。",
            "region: 朝阳",
            "region: 辽宁/朝阳\n# 或者在 jianxun.yaml 里：\nregions:\n  朝阳: { parent: 辽宁 }",
        ),
        "E025" => e(
            "同一个地方在不同简讯里写到了不同的层级（一篇写“慈溪”，另一篇写“浙江/宁波/慈溪”），它的合计会被拆成两份。统一写完整的路径。",
            "region: 慈溪",
            "region: 浙江/宁波/慈溪",
        ),
        "E026" => e(
            "这个 Markdown 文件不在任何一个内容文件夹里，jianxun 不知道它是什么。简讯放在 content/bulletins/，活动放在 content/campaigns/，普通页面放在 content/pages/。",
            "content/宜宾园区检查.md",
            "content/bulletins/2024/宜宾园区检查.md",
        ),
        "E027" => e(
            "jianxun.yaml 里 theme: 写的主题在 themes/ 下面找不到。新建这个主题文件夹，或者删掉 theme: 这一行，用内置的默认主题。",
            "theme: 红色",
            "# 删掉 theme: 这一行\n# 或者新建 themes/红色/",
        ),
        "E028" => e(
            "paginate 是每页显示多少篇简讯，至少是 1。",
            "paginate: 0",
            "paginate: 10",
        ),
        "E029" => e(
            "地区的别名写得不对：别名是同一个地方的另一种叫法，不能是一条路径，也不能同时登记给两个地方。",
            "regions:\n  宜宾: { aliases: [四川/宜宾] }\n  泸州: { aliases: [宜宾] }",
            "regions:\n  宜宾: { aliases: [宜宾市, 叙州], parent: 四川 }",
        ),
        "E030" => e(
            "在 jianxun.yaml 的 regions: 下面给地区起的网址名只能用小写英文字母、数字和连字符。",
            "regions:\n  宜宾: Yi Bin",
            "regions:\n  宜宾: yibin",
        ),
        "E067" => e(
            "在 jianxun.yaml 的 tags: 下面给标签起的网址名只能用小写英文字母、数字和连字符，也不能太长或是 Windows 的设备名。",
            "tags:\n  工艺: 工艺技术",
            "tags:\n  工艺: gongyi-jishu",
        ),
        "E031" => e(
            "指标的关键词（keywords）里有一个是空的。关键词是正文里用来指这个指标的说法。",
            "参与企业: { unit: 家, keywords: [\"\"] }",
            "参与企业: { unit: 家, keywords: [参与企业, 企业参与] }",
        ),
        "E032" => e(
            "同一个关键词登记给了两个指标，正文里出现它时分不清是哪一个。只在一个指标下面保留它。",
            "参与企业: { unit: 家, keywords: [企业] }\n走访企业: { unit: 家, keywords: [企业] }",
            "参与企业: { unit: 家, keywords: [参与企业] }\n走访企业: { unit: 家, keywords: [走访企业] }",
        ),
        "E033" => e(
            "正文里的链接指向的简讯或页面不存在：文件名或网址写错了，或者那篇已经改名。",
            "详见[宜宾的做法](../2024/yibin.md)",
            "详见[宜宾的做法](../2024/yibin-yuanqu.md)",
        ),
        "E034" => e(
            "正文里引用的图片或文件找不到。图片可以和简讯放在一起，用相对路径引用；也可以放在 static/ 下面，用 / 开头的路径引用。",
            "![检查现场](img/xianchang.jpg)   # 但没有这张图",
            "![检查现场](img/xianchang.jpg)   # 图片放在简讯旁边的 img/ 里",
        ),
        "E035" => e(
            "主题缺少必需的模板文件。把它加到主题的 templates/ 文件夹，或者网站自己的 templates/ 文件夹。",
            "themes/我的主题/templates/   # 没有 bulletin.html",
            "themes/我的主题/templates/bulletin.html",
        ),
        "E036" => e(
            "模板的写法有误（标签没有闭合、表达式写错）。这是主题作者要改的地方。",
            "{% if page.title %}",
            "{% if page.title %}…{% endif %}",
        ),
        "E037" => e(
            "模板生成页面时出错，常见原因是用了这个页面上没有的变量。可有可无的变量用 `is defined` 或 `| default(value=…)`。",
            "{{ page.subtitle }}",
            "{{ page.subtitle | default(value=\"\") }}",
        ),
        "E038" => e(
            "模板出错（不是语法，也不是某个页面的问题）。请看错误信息里的说明。",
            "（模板之间互相引用出错）",
            "（改正提到的模板）",
        ),
        "E039" => e(
            "网站文件夹里有一个链接（快捷方式）指向网站文件夹外面，jianxun 不会通过它读取内容，以免把别的文件发布出去。把文件复制进来。",
            "content/bulletins/共享 -> /home/别人/文件",
            "content/bulletins/共享/   # 复制进来的文件",
        ),
        "E040" => e(
            "网站文件夹里有一个链接（快捷方式），它指向的文件已经不存在。",
            "static/logo.png -> 已删除的文件",
            "static/logo.png   # 真正的图片文件",
        ),
        "E041" => e(
            "一个链接又指回了包含它的文件夹，绕成了圈。删掉这个链接。",
            "content/pages/自己 -> ..",
            "（删掉这个链接）",
        ),
        "E042" => e(
            "jianxun 拒绝写入这个输出文件夹：它就是网站文件夹、包含网站文件夹、在源文件夹里面，或者里面有不是 jianxun 写的文件。换一个输出文件夹，或者把那些文件移走。",
            "jianxun build --output content",
            "jianxun build --output site",
        ),
        "E043" => e(
            "要写出的文件路径不是输出文件夹里的普通路径（通常是主题或配置出了问题）。",
            "（输出路径里有 .. ）",
            "（普通的相对路径）",
        ),
        "E044" => e(
            "输出文件夹里记录上次生成了哪些文件的清单（.jianxun-manifest）坏了，jianxun 为了安全什么都不删。删掉这个清单文件，或者换一个输出文件夹。",
            "site/.jianxun-manifest   # 被改过",
            "（删掉 site/.jianxun-manifest 后重新生成）",
        ),
        "E045" => e(
            "键后面用了全角冒号 `：`（中文输入法常这样打）。YAML 只认半角冒号 `:`，冒号后面再空一格。`jianxun check --fix` 可以自动改正。",
            "title：宜宾园区安全检查",
            "title: 宜宾园区安全检查",
        ),
        "E046" => e(
            "行首用全角空格 `　`（U+3000）缩进了。YAML 只认半角空格，请用两个半角空格缩进。`jianxun check --fix` 可以自动改正。",
            "metrics:\n　参与企业: 411",
            "metrics:\n  参与企业: 411",
        ),
        "E047" => e(
            "列表写在全角括号或引号里了（【】、［］、“”），整串字会被当成一个名称。列表要用半角方括号，各项之间用半角逗号隔开。",
            "tags: 【安全，宣传】",
            "tags: [安全, 宣传]",
        ),
        "E048" => e(
            "键的冒号后面用了全角空格 `　`（中文输入法常这样打）。YAML 要求冒号后面是半角空格。`jianxun check --fix` 可以自动改正。",
            "title:　宜宾园区安全检查",
            "title: 宜宾园区安全检查",
        ),
        "W001" => e(
            "链接指向一篇草稿（draft: true），草稿不会发布，读者点进去会找不到。发布那篇，或者删掉链接。",
            "见[草稿](d.md)   # d.md 里写着 draft: true",
            "见[草稿](d.md)   # d.md 去掉 draft: true 之后",
        ),
        "W002" => e(
            "简讯的日期还没到。它会马上以这个日期发布，请检查年份和月份。",
            "date: 2099-01-01",
            "date: 2025-01-01",
        ),
        "W003" => e(
            "这个数比同一活动里其他简讯的数大得多，可能多写了一个“万”或者一个 0。",
            "参与企业: 4110万",
            "参与企业: 411",
        ),
        "W004" => e(
            "两篇简讯用了一样的标题，读者分不清。加上地点、日期或者新的内容。",
            "title: 园区安全检查   # 两篇都这样写",
            "title: 宜宾园区安全检查（3月）",
        ),
        "W005" => e(
            "地区没有用标准写法，同一个地方写法不统一会让统计和列表分开。按提示写成标准的路径。",
            "region: 四川省宜宾市",
            "region: 四川/宜宾",
        ),
        "W006" => e(
            "正文里写了一个指标的数，但文件头的 metrics: 里没有这个指标，统计里就少了它。",
            "metrics:\n  参与职工: 500\n---\n共有411家企业参与……",
            "metrics:\n  参与职工: 500\n  参与企业: 411\n---\n共有411家企业参与……",
        ),
        "W007" => e(
            "文件头填的数和正文里写的数对不上，总有一处是错的。",
            "参与企业: 400\n---\n参与企业达411家……",
            "参与企业: 411\n---\n参与企业达411家……",
        ),
        "W008" => e(
            "文件头把一个数填在了统计口径不同的指标下面（比如把“走访企业”的数填成“参与企业”）。",
            "参与企业: 1292\n---\n走访企业1292家……",
            "走访企业: 1292\n---\n走访企业1292家……",
        ),
        "W009" => e(
            "地区里的一个地名不在地名表里（内置的，或 jianxun.yaml 的 regions: 里登记的），但它和一个已知地名读音完全一样，多半是输入法选错了同音字，或者直接打了拼音。",
            "region: 四川/宜滨",
            "region: 四川/宜宾",
        ),
        "E049" => e(
            "简讯里还留着 `jianxun new` 写的提示文字（以“（请在此填写”开头的括号）。这样的简讯不能发布：把提示换成真正的内容；还没写完就标成草稿。",
            "---\ntitle: 宜宾园区检查\n…\n---\n（请在此填写导语：一句话写清谁、在哪里、做了什么、效果如何）",
            "---\ntitle: 宜宾园区检查\n…\n---\n宜宾市总工会组织411家企业开展隐患排查，整改率达95%。",
        ),
        "E050" => e(
            "status 写的不是三种状态之一。简讯的状态只有：草稿（还在写）、待审（写完等审核）、已审（审核通过）。",
            "status: 审完了",
            "status: 已审",
        ),
        "E051" => e(
            "draft 和 status 说法矛盾：draft: true 表示草稿，status 却写了待审或已审（或者反过来）。只留 status 一行就不会矛盾。",
            "draft: true\nstatus: 已审",
            "status: 已审",
        ),
        "E052" => e(
            "jianxun.yaml 的 publish 写错了。publish: approved-only 表示只发布审核通过（status: 已审）的简讯；不写就发布除草稿以外的全部简讯。",
            "publish: 审核后发布",
            "publish: approved-only",
        ),
        "W010" => e(
            "草稿里还有 `jianxun new` 写的提示文字。草稿可以先留着，但去掉草稿标记之前要把它们都换成真正的内容，否则 build 会报错 E049。",
            "draft: true\n---\n（请在此填写主要做法）",
            "draft: true\n---\n各园区工会组织班组长开展隐患排查。",
        ),
        "W011" => e(
            "jianxun.yaml 的 base_url 还是 `jianxun init` 写的示例网址，订阅（feed）和网站地图里的链接会指向 example.org。改成网站真正的地址；还不知道就写 /。",
            "base_url: https://example.org/",
            "base_url: https://www.example.gov.cn/jianxun/",
        ),
        "E053" => e(
            "简讯的 series 写的系列没有在 jianxun.yaml 的 series: 下面登记。series 可以写系列的简称（网址里用的英文）或名称。",
            "series: 安全生产简讯",
            "series: anquan-jianxun    # jianxun.yaml 里登记了 anquan-jianxun: { name: 安全生产工作简讯 }",
        ),
        "E054" => e(
            "期号（issue）看不懂。期号要写清是第几期：2024年第2期、第2期（年份取印发日期或简讯日期的年份）或 〔2024〕2号。",
            "issue: 2024-2",
            "issue: 2024年第2期",
        ),
        "E055" => e(
            "分送范围（distribution）写法不对。它分 报、送、发 三栏，每栏写一个或一串单位名称（列表，或用顿号、逗号隔开）。",
            "distribution: 市委办公室、各区县总工会",
            "distribution:\n  报: 市委办公室\n  送: [各区县总工会, 各产业工会]",
        ),
        "E056" => e(
            "jianxun.yaml 里登记的简讯系列写法不对：简称要用小写英文字母、数字和连字符，每个系列的名称不能重复。",
            "series:\n  安全简讯: { name: 安全生产工作简讯 }",
            "series:\n  anquan-jianxun: { name: 安全生产工作简讯, issuer: 宜宾市总工会办公室 }",
        ),
        "W012" => e(
            "同一个简讯系列在同一年里有两篇简讯用了同一个期号，系列页和打印出来的报头会重号。",
            "issue: 2024年第2期    # 另一篇也是第2期",
            "issue: 2024年第3期",
        ),
        "W013" => e(
            "期号和简讯系列要一起写：写了期号却没写系列，期号没有地方显示；写了系列却没写期号，打印时报头缺“第几期”。",
            "series: anquan-jianxun",
            "series: anquan-jianxun\nissue: 2024年第2期",
        ),
        "E061" => e(
            "要导入的文件不是 .docx：旧版 Word 的 .doc、WPS 的 .wps 是另一种格式，jianxun 读不了。用 Word 或 WPS 打开，“另存为”Word 文档（*.docx）再导入。",
            "jianxun import 简报.doc",
            "jianxun import 简报.docx    # 在 Word/WPS 里另存为 .docx 后",
        ),
        "E062" => e(
            "要导入的 .docx 已经损坏（压缩包或里面的 XML 不完整），常见于没下载完的附件。用 Word 或 WPS 打开它，能打开就另存为一份新的 .docx 再导入。",
            "jianxun import 没下载完的附件.docx",
            "jianxun import 另存的新文件.docx",
        ),
        "E063" => e(
            "文件是压缩包，但不是 Word 文档：里面没有正文 word/document.xml。可能是 Excel（.xlsx）、PPT（.pptx）或改了扩展名的文件。",
            "jianxun import 统计表.xlsx",
            "jianxun import 简报正文.docx",
        ),
        "E064" => e(
            "这份文件导入后的文件夹已经有了，多半是以前导入过。jianxun 不会覆盖已有的简讯：加 --force 才会用新导入的替换它。",
            "jianxun import 简报.docx    # 第二次导入",
            "jianxun import 简报.docx --force",
        ),
        "E065" => e(
            "导入的简讯写不进网站文件夹：磁盘满了、文件夹只读，或没有权限。什么也没有写进去。",
            "（磁盘已满时导入）",
            "（腾出空间后再导入）",
        ),
        "E066" => e(
            "要导入的文件打不开：文件名或文件夹写错了、文件不存在，或者正被别的程序占用。",
            "jianxun import 简根.docx",
            "jianxun import 简报.docx",
        ),
        "W016" => e(
            "文档里有 EMF/WMF 格式的图片（多是 Word 里画的图形或从别的程序粘贴的图），浏览器显示不了，没有导入。把它另存为 PNG 或 JPG 放进简讯文件夹。",
            "（正文里的 EMF 图形）",
            "![流程图](photo-3.png)",
        ),
        "W017" => e(
            "jianxun import 从正文推测了这个值（活动、地区或指标），在它后面用“# 推测：……”注释写明了根据。编辑核对后删去注释，警告就没有了。",
            "region: 四川/宜宾    # 推测：正文提到“宜宾”",
            "region: 四川/宜宾",
        ),
        "E057" => e(
            "简讯里用的一张照片打不开：文件不是图片（例如把文档改了个 .jpg 的名字），或者复制时损坏了。网页上的照片都要重新处理（转正方向、缩小、去掉拍摄位置），打不开的照片没法处理。",
            "![现场](xianchang.jpg)    # xianchang.jpg 其实是一个 Word 文档",
            "![现场](xianchang.jpg)    # 从手机重新导出的 JPG 照片",
        ),
        "E058" => e(
            "照片是网页用不了的格式，例如苹果手机的 HEIC 照片或 GIF、TIFF 图片。网页上的照片要用 JPG、PNG 或 WebP。",
            "![现场](IMG_0012.HEIC)",
            "![现场](IMG_0012.jpg)    # 在手机或电脑上另存为 JPG",
        ),
        "E059" => e(
            "照片太大（超过 1.2 亿像素或一边超过 3 万像素），处理它要占用太多内存。网页上的照片最宽只用到 1600 像素。",
            "![全景](quanjing.jpg)    # 40000×12000 像素的拼接全景",
            "![全景](quanjing.jpg)    # 缩小到宽 4000 像素",
        ),
        "E060" => e(
            "jianxun.yaml 里 share_image: 写的默认分享图片在网站里找不到。没有照片的页面在微信里分享时用这张图。",
            "share_image: static/images/share.jpg",
            "share_image: images/share.jpg    # 图片放在 static/images/share.jpg",
        ),
        "W014" => e(
            "照片的方括号是空的，没有写它拍的是什么。用读屏软件的读者（视力不好的同志）只能听到“图片”两个字；照片下面也没有说明可用。",
            "![](yanlian.jpg)",
            "![职工在厂区广场参加应急疏散演练](yanlian.jpg)",
        ),
        _ => return None,
    })
}
