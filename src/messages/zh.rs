//! 中文消息目录（默认语言）。
//!
//! Takes a [`Key`]; gives its Chinese sentence with `{0}`, `{1}` … for the
//! variable parts. Written for an office editor: short, plain, and saying
//! how to fix the problem.

use super::Key;

/// The Chinese template of `key`.
pub fn template(key: Key) -> &'static str {
    match key {
        Key::LabelError => "错误",
        Key::LabelWarning => "警告",
        Key::LabelHint => "提示",
        Key::CheckClean => "没有发现问题。",
        Key::CheckWarningsOnly => "没有错误；{0}。",
        Key::CheckErrorsAndWarnings => "{0}，{1}。",
        Key::NothingWritten => "共 {0} 个错误，没有写出任何文件。",
        Key::FmExample => "文件第一行写 `---`，接着写 `title: …` 这样的字段，最后再写一行 `---`",
        Key::FileEmpty => "这个文件是空的",
        Key::FmMissing => "文件开头缺少 `---` 行，没有文件头（front matter）",
        Key::FmUnclosed => "第 1 行开始的文件头一直没有结束",
        Key::FmUnclosedHint => "在最后一个字段后面加一行，只写 `---`",
        Key::YamlTab => "这一行用 Tab 键缩进了；YAML 只能用空格缩进",
        Key::YamlTabHint => "把行首的 Tab 换成空格",
        Key::YamlThisKey => "这个字段",
        Key::YamlWrongForm => "{0} 的写法不对",
        Key::YamlHintTags => "写一个标签，或者写成列表：tags: [园区, 隐患排查]",
        Key::YamlHintCampaign => {
            "写活动的简称或名称，或者写成列表：campaign: [ankang-cup, safety-month]"
        }
        Key::YamlHintSource => {
            "写发布单位，或者写成 source: { publisher: 四川工人日报, issue: 第13461期 }"
        }
        Key::YamlHintSeeReadme => "这个字段怎么写，请看 README.md 里的示例",
        Key::YamlDuplicate => "字段 `{0}` 写了两次",
        Key::YamlDuplicateHint => "同一个字段只能写一次，请删掉其中一个",
        Key::YamlNeedsMap => "{0} 下面要写 `名称: 数值` 这样的行",
        Key::YamlNeedsMapHint => "在 `{0}:` 下面缩进，每行一项，例如 `  参与企业: 411`",
        Key::YamlNeedsText => "{0} 要写文字，不能写成列表或映射",
        Key::YamlNeedsTextHint => {
            "以 [ 或 { 开头的值会被当成列表或映射，请加上引号，例如 {0}: \"[通知] …\""
        }
        Key::YamlNeedsBool => "{0} 只能写 true 或 false",
        Key::YamlNeedsBoolHint => "写 true 或 false",
        Key::YamlNeedsWhole => "{0} 要写整数",
        Key::YamlNeedsWholeHint => "只写数字，例如 {0}: 10",
        Key::YamlColonInValue => "值里有 `: `（冒号加空格），YAML 会把它当成新的字段",
        Key::YamlColonInValueHint => "给整个值加上引号，例如 title: \"宜宾：园区检查\"",
        Key::YamlUnknownField => "不认识的字段 `{0}`",
        Key::YamlUnknownFieldAllowed => "不认识的字段 `{0}`，这里可以写的字段有：{1}",
        Key::YamlUnknownFieldHint => "删掉这个字段，或者改正拼写；这里允许的字段见上面",
        Key::YamlFoundTab => "这里有一个 Tab 字符，YAML 不认它",
        Key::YamlSpacesOnly => "YAML 只能用空格缩进",
        Key::YamlOther => "YAML 写法有误（{0}）",
        Key::Quoted => "`{0}`",
        Key::Resave => "用编辑器打开这个文件，另存为 UTF-8 编码",
        Key::NotUtf8Utf16 => "这个文件是 UTF-16 编码（{0}，记事本里叫“Unicode”），不是 UTF-8",
        Key::LittleEndian => "小端序",
        Key::BigEndian => "大端序",
        Key::NotUtf8Legacy => "这个文件不是 UTF-8 编码（看起来是 GBK 或别的旧编码）",
        Key::IoNotFound => "文件或文件夹不存在",
        Key::IoPermission => "没有权限",
        Key::IoAlreadyExists => "已经存在",
        Key::IoOther => "{0}",
        Key::CannotReadFile => "读不了这个文件：{0}",
        Key::CheckFileReadable => "请确认文件存在，并且你有权限读取",
        Key::ConfigMissing => "在 {1} 里没有找到 {0}",
        Key::ConfigMissingHint => {
            "请在网站文件夹里运行 jianxun，或者用 --root 指定文件夹，也可以用 `jianxun init` 新建一个网站"
        }
        Key::ContentPlace => "这个 Markdown 文件不在任何一个内容文件夹里",
        Key::ContentPlaceHint => {
            "简讯放在 content/bulletins/，活动放在 content/campaigns/，普通页面放在 content/pages/"
        }
        Key::ThemeMissing => "找不到主题 `{0}`：没有 themes/{0}/ 这个文件夹",
        Key::ThemeMissingHint => "新建这个主题文件夹，或者删掉 `theme:` 这一行，改用内置的默认主题",
        Key::CannotFollowLink => "跟不过去这个链接：{0}",
        Key::CannotRead => "读不了：{0}",
        Key::CheckPathReadable => "请确认文件或文件夹存在，并且你有权限读取",
        Key::SymlinkOutside => {
            "这是一个指向 `{0}` 的链接，在网站文件夹外面；不会通过它读取任何内容"
        }
        Key::SymlinkOutsideHint => "把文件复制到网站文件夹里，不要用链接；或者删掉这个链接",
        Key::SymlinkBroken => "这是一个指向 `{0}` 的链接，但那里什么也没有",
        Key::SymlinkBrokenHint => "让链接指向一个存在的文件，或者删掉它",
        Key::SymlinkLoop => "这个链接又指回了包含它的文件夹（绕成了圈），不会跟过去",
        Key::SymlinkLoopHint => "删掉这个链接，或者让它指向一个不包含它的文件夹",
        Key::DateNoMonth => "没有 {0} 月，月份只能是 1 到 12",
        Key::DateDaysInMonth => "{0}年{1}月只有 {2} 天",
        Key::DateNotRealBecause => "日期 `{0}` 不存在：{1}",
        Key::DateNotReal => "日期 `{0}` 不存在",
        Key::DateBadForm => "`{0}` 不是日期；请写成 2024-03-11 或 2024-03-11 09:30 这样",
        Key::DateHint => "日期请写成 {0} 这样",
        Key::CampaignNoName => "活动没有写 `name`（名称）",
        Key::CampaignNoNameHint => "在两行 --- 之间加一行，例如 `name: 安康杯竞赛`",
        Key::CampaignFileName => "活动的文件名 `{0}` 不行：只能用小写英文字母、数字和连字符",
        Key::CampaignFileNameHint => "把文件改名为 content/campaigns/{0}.md",
        Key::TargetUndeclared => "目标里的指标 `{0}` 没有在 jianxun.yaml 里登记",
        Key::MetricDeclareHint => {
            "在 jianxun.yaml 的 metrics: 下面登记 `{0}`，或者检查一下是不是写错了字"
        }
        Key::SlugFromFileName => "这个文件名生成不了网址（slug）",
        Key::SlugAddHint => "在文件头里加一行 `slug: some-name`（只用小写英文字母、数字和连字符）",
        Key::PageFolderHint => "content/pages/ 下面的文件夹名也是网址的一部分：请给文件夹改名",
        Key::PageNoTitle => "页面没有写 `title`（标题）",
        Key::PageNoTitleHint => "在两行 --- 之间加一行，例如 `title: 关于本站`",
        Key::NumSays => "`{0}` {1}",
        Key::NumEmpty => "没有填数值",
        Key::NumEmptyHint => "写一个数，例如 411{0}、1.2万{0} 或 60余{0}",
        Key::NumTooLarge => "数太大了",
        Key::NumTooLargeHint => "请写一个小一些的数",
        Key::NumTooPrecise => "小数位太多了：最多只能精确到 28 位",
        Key::NumTooPreciseHint => "少写几位小数，例如 0.25 或 1.5万",
        Key::NumTwoNumbers => "里面有两个数；只能写一个",
        Key::NumTwoNumbersHint => "只写一个数，例如 1292{0} 或 1,292{0}",
        Key::NumNeedsUnit => "要写上单位：这个指标的单位是 {0}",
        Key::NumWriteAs => "写成 {0}",
        Key::NumNegative => "这个指标不能是负数",
        Key::NumNegativeHint => {
            "去掉负号；如果这个指标确实可能为负，在 jianxun.yaml 里给它加上 `signed: true`"
        }
        Key::NumTwoBounds => "`{0}` 既说“以上”又说“大约”，两者只能留一个",
        Key::NumTwoBoundsHint => "只留一种说法：“以上”用 余/多/以上/超/逾，“大约”用 近/约/左右",
        Key::NumBoundNoNumber => "只有“余、约”这类字，没有数",
        Key::NumUnitNoNumber => "只有单位，没有数",
        Key::NumSignNoNumber => "只有正负号，没有数",
        Key::NumPutNumberIn => "把数写进去，例如 60余{0} 或 约100{0}",
        Key::NumWordBefore => "把 `{0}` 写在了数的前面",
        Key::NumWordAfterHint => "`{0}` 要写在数的后面：60{0}",
        Key::NumNotANumber => "不是一个数",
        Key::NumNotANumberHint => "用阿拉伯数字或中文数字，例如 411{0} 或 三十{0}",
        Key::NumAfterUnit => "单位后面还有数",
        Key::NumAfterUnitHint => "单位写在最后：写成 {0}{1}",
        Key::NumRange => "写的是一个范围；只能写一个数",
        Key::NumRangeHint => "只写一个数，例如 {0}{1}；要表示“以上”就写 {0}余{1}",
        Key::NumPercentNotHere => "是百分数，但这个指标不是百分数",
        Key::NumUnitNone => "带了单位 `{0}`，但这个指标没有单位",
        Key::NumUnitWrong => "的单位是 `{0}`，但这个指标的单位是 {1}",
        Key::NumBareHint => "这个指标没有单位：只写数，例如 {0}",
        Key::NumPercentHint => "这个指标是百分数：写成 {0}% 这样",
        Key::NumUnitHint => "这个指标的单位是 {0}：写成 {1}{0} 这样",
        Key::NumWrongOrder => "万、千这些字的顺序不对",
        Key::NumWrongOrderHint => "从小到大写，每个只写一次：3千万、1.5万亿",
        Key::NumAfterBound => "“余、多”这类字后面还接着写了数",
        Key::NumAfterBoundHint => "“余、多”要放在数的最后，或者放在 万/亿 前面：600余万、12万余",
        Key::NumMultiplierNoDigit => "十、百、千前面缺了数字",
        Key::NumMultiplierNoDigitHint => "例如写成 一百一十",
        Key::NumBadComma => "不是一个数：逗号只能每三位数字分一次",
        Key::NumBadCommaHint => "只写一个数，例如 1,292 或 1292",
        Key::NumBadPoint => "小数点的位置不对",
        Key::NumBadPointHint => "小数点只写一个，两边都要有数字，例如 7.5",
        Key::MetricValue => "指标 `{0}`：{1}",
        Key::MetricWriteNot => "{2} 这一项请写成 {0}，不要写 {1}",
        Key::FieldMissing => "文件头里没有写 `{0}`",
        Key::FieldMissingHint => "在两行 --- 之间加一行，例如 `{0}: {1}`",
        Key::TitleEmpty => "标题是空的",
        Key::TitleEmptyHint => "在 `title:` 后面写上这篇简讯的标题",
        Key::DateHintWithTime => "日期请写成 2024-03-11，要写时间就写 2024-03-11 09:30",
        Key::CampaignEmpty => "`campaign` 没有写是哪个活动",
        Key::CampaignEmptyHint => "写活动的简称或名称，例如 campaign: ankang-cup",
        Key::RegionEmpty => "`region`（地区）是空的",
        Key::RegionEmptyHint => "从大到小写地区，例如 region: 四川/宜宾（全国性的写 全国）",
        Key::MetricDidYouMean => {
            "是不是想写 `{0}`？如果不是，请在 jianxun.yaml 的 metrics: 下面登记 `{1}`"
        }
        Key::MetricDeclareExample => {
            "在 jianxun.yaml 的 metrics: 下面登记 `{0}`，例如 {0}: { unit: 家, aggregate: sum }"
        }
        Key::MetricUndeclared => "指标 `{0}` 没有在 jianxun.yaml 里登记",
        Key::SlugNotAscii => "网址名 `{0}` 只能用小写英文字母、数字和连字符",
        Key::SlugWriteHint => "写成 slug: {0}",
        Key::SlugAddAsciiHint => {
            "在文件头里加一行 `slug: some-name`（只用小写英文字母、数字和连字符）"
        }
        Key::SlugSubject => "网址名 `{0}`",
        Key::SlugSubjectTag => "标签 {1} 的网址名 `{0}`",
        Key::SlugSubjectRegion => "地区 {1} 的网址名 `{0}`",
        Key::SlugSubjectTitle => "由标题生成的网址名 `{0}`",
        Key::SlugSubjectFor => "{1} 的网址名 `{0}`",
        Key::SlugTooLong => "{0}太长了：有 {1} 个字节，网址的每一段最多 {2} 个字节",
        Key::SlugReserved => "{0}是 Windows 的设备名，不能用作文件或文件夹的名字",
        Key::SlugContainsReserved => {
            "{0}里有 `{1}`，这是 Windows 的设备名，不能用作文件或文件夹的名字"
        }
        Key::SlugFixShorter => "短一些（最多 {0} 个字母）",
        Key::SlugFixDifferent => "换一个（例如 {0}-1）",
        Key::SlugFieldHint => "把 `slug:` 改得{0}",
        Key::SlugFromNameHint => {
            "网址名来自文件名：请给文件改名，或者在文件头里写一个{0}的 `slug:`"
        }
        Key::SlugIsNameHint => "网址名就是文件名：请把文件名改得{0}",
        Key::TagNoSlug => "标签 `{0}` 生成不了网址名：里面没有字母、数字或汉字",
        Key::TagNoSlugHint => "标签里要有字母、数字或汉字，或者删掉这个标签",
        Key::TagShorterHint => "把标签写短一些，或者换个词",
        Key::RegionNoSlug => "地区 {0} 生成不了网址名",
        Key::RegionSlugHint => {
            "在 jianxun.yaml 的 regions: 下面给它起一个简短的网址名，例如 {0}: my-region"
        }
        Key::RegionList => "地区 `{0}` 写成了好几个（用了 `{1}` 分隔）",
        Key::RegionListHint => "一篇简讯只写一个地区：从大到小用 `/` 连起来，例如 region: {0}",
        Key::RegionAmbiguous => "`{0}` 可能是这几个地方中的任何一个：{1}",
        Key::RegionAmbiguousHint => {
            "写完整的路径，例如 region: {0}；或者在 jianxun.yaml 的 regions: 下面说明 {1} 在哪里，例如 {1}: { parent: {2} }"
        }
        Key::CannotListFolder => "列不出这个文件夹的内容：{0}",
        Key::IoCreateFolder => "建不了文件夹：{0}",
        Key::IoCreateStaging => "建不了临时的生成文件夹：{0}",
        Key::IoPutInPlace => "没法把新生成的网站换上去：{0}",
        Key::IoReadLink => "读不了这个链接：{0}",
        Key::IoReadStatic => "读不了这个静态文件：{0}",
        Key::IoRemoveOldStaging => "删不掉上次留下的临时生成文件夹：{0}",
        Key::IoRemoveStaging => "删不掉临时生成文件夹：{0}",
        Key::IoRemove => "删不掉：{0}",
        Key::IoWriteManifest => "写不了文件清单：{0}",
        Key::IoWrite => "写不了：{0}",
        Key::StagingForeign => {
            "文件夹 {0} 是 jianxun 准备生成结果的地方，但里面有 {1} 个不是 jianxun 写的文件：{2}"
        }
        Key::StagingForeignHint => "先把这些文件移到别处（什么都没有删），然后重新生成",
        Key::OutIsRoot => "输出文件夹就是网站文件夹本身；在这里生成会把网站和源文件混在一起",
        Key::OutIsRootHint => "用默认的 `site` 文件夹，或者用 --output 指定一个单独的文件夹",
        Key::OutContainsRoot => "输出文件夹 {0} 把网站文件夹包在了里面",
        Key::OutContainsRootHint => "用 --output 指定网站文件夹里面或旁边的一个文件夹",
        Key::OutInsideSource => {
            "输出文件夹 {0} 在网站的 `{1}` 文件夹里：每次生成都会把上一次的结果又发布一遍"
        }
        Key::OutInsideSourceHint => {
            "用默认的 `site` 文件夹，或者用 --output 指定 content/、static/、templates/、themes/ 以外的文件夹"
        }
        Key::OutLooksLikeSite => "输出文件夹 {0} 里有 `{1}`：它看起来是一个网站，不是生成结果",
        Key::OutLooksLikeSiteHint => "用 --output 指定一个空文件夹，或者上次生成结果所在的文件夹",
        Key::OutForeign => "输出文件夹 {0} 里有 {1} 个不是 jianxun 写的文件：{2}",
        Key::OutForeignHint => {
            "把它们移走，或者换一个 --output，或者加上 --force 在它们旁边写（这些文件永远不会被删除）"
        }
        Key::OutBadPath => "拒绝写入 `{0}`：它不是输出文件夹里的普通路径",
        Key::MoreNotWritten => "{0}（另外还有 {1} 个文件没有写出；输出文件夹没有变）",
        Key::ManifestUnreadable => "读不了上次生成时留下的文件清单：{0}",
        Key::ManifestInvalid => "上次生成时留下的文件清单有问题：{0}；什么都没有删除",
        Key::ManifestNotUtf8 => "它不是 UTF-8 文本",
        Key::ManifestBadLine => "`{0}` 不是输出文件夹里的路径",
        Key::ManifestInvalidHint => {
            "这一行不是 jianxun 写的；删掉 `.jianxun-manifest` 文件（这样文件夹里的文件都会被当作不是 jianxun 写的），或者换一个 --output"
        }
        Key::KeywordEmpty => "指标 `{0}` 有一个关键词是空的",
        Key::KeywordEmptyHint => "写出正文里用来指这个指标的说法，例如 keywords: [{0}]",
        Key::KeywordTaken => "指标 `{1}` 的关键词 `{0}` 已经用来指指标 `{2}` 了",
        Key::KeywordTakenHint => "正文里的一个说法只能指一个指标：只在其中一个指标下面保留它",
        Key::BaseUrlNotAbsolute => "base_url `{0}` 不是完整的网址",
        Key::BaseUrlHint => "写成 https://example.org/ 这样（网站放在根目录的话写 /）",
        Key::PaginateZero => "paginate（每页篇数）至少是 1",
        Key::PaginateHint => "例如写 paginate: 10",
        Key::AliasIsPath => "{1} 的别名 `{0}` 是一条路径，不是一个名字",
        Key::AliasTwice => "`{0}` 同时登记给了 {1} 和 {2}",
        Key::AliasHint => {
            "别名是同一个地方的另一种叫法，例如 宜宾: { aliases: [宜宾市, 叙州] }；它所在的上级地区写成 parent: 四川"
        }
        Key::RegionSlugNotAscii => "给 {1} 起的网址名 `{0}` 只能用小写英文字母、数字和连字符",
        Key::RegionSlugAsciiHint => "用小写英文字母、数字和连字符，例如 重庆: chongqing",
        Key::RegionSlugUnfitHint => {
            "换一个短一些、又不是 Windows 设备名的网址名，例如 重庆: chongqing"
        }
        Key::CampaignNameTwice => "活动名称 `{0}` 同时被 {1} 和 {2} 用了",
        Key::CampaignNameTwiceHint => "给每个活动起一个不同的名称",
        Key::DidYouMeanNamed => "是不是想写 {0}（{1}）？",
        Key::DidYouMean => "是不是想写 {0}？",
        Key::NoCampaignsYet => "还没有任何活动：请新建 content/campaigns/<slug>.md",
        Key::KnownCampaigns => "现有的活动：{0}",
        Key::CampaignUnknown => "找不到活动 `{0}`",
        Key::TagSlugTwice => "标签 `{0}` 和 `{1}` 生成了同一个网址名 `{2}`",
        Key::TagSlugTwiceHint => "像其他简讯一样写成 `{0}`",
        Key::SlugTwice => "{0}网址名 `{1}` 同时被 {2} 和 {3} 用了",
        Key::SlugTwiceHint => "给其中一个换个文件名，或者在它的文件头里写一个 `slug:`",
        Key::RegionSlugTwice => "地区 {0} 和 {1} 生成了同一个网址名 `{2}`（在 {3} 和 {4} 里）",
        Key::RegionSlugTwiceHint => {
            "在 jianxun.yaml 的 regions: 下面给其中一个起个网址名，例如 {0}: {1}-2"
        }
        Key::RegionSplit => "地区 `{0}` 在 {2} 里写成了 `{1}`：它的合计会被拆成两份",
        Key::RegionSplitHint => {
            "写成 region: {0}；或者在 jianxun.yaml 的 regions: 下面说明 {1} 在哪里，例如 {1}: { parent: {2} }"
        }
        Key::KindBulletin => "简讯的",
        Key::KindCampaign => "活动的",
        Key::KindPage => "页面的",
        Key::LinkDraft => "`{0}` 链接到一篇草稿，草稿不会发布",
        Key::LinkDraftHint => "发布 {0}（删掉 `draft: true`），或者删掉这个链接",
        Key::LinkNoFile => "`{0}` 指向 {1}，但这个文件不存在",
        Key::LinkByFileHint => {
            "链接别的简讯可以写它的文件，例如 [标题](../2024/other.md)，也可以写它的网址，例如 [标题](/bulletins/slug/)"
        }
        Key::WordImage => "图片",
        Key::WordFile => "文件",
        Key::FileNotFound => "找不到{0} `{1}`：没有 {2}",
        Key::PutImageHint => {
            "把图片放在 {0}（和引用它的文件放在一起），或者放在 static/ 下面，写成 /name.png"
        }
        Key::PutFileHint => "把文件放在 {0}，或者放在 static/ 下面",
        Key::PutStaticImageHint => "把图片放在 static/{0}，或者放在简讯旁边，用相对路径链接",
        Key::ImageNoStatic => "找不到图片 `{0}`：没有静态文件 {1}",
        Key::CheckSlugHint => {
            "检查一下网址名：简讯的网址是 /bulletins/<slug>/，slug 来自 `slug:` 或文件名"
        }
        Key::LinkNoPage => "`{0}` 指向 {1}，但那里没有页面",
        Key::DateFuture => "这篇简讯的日期是 {0}，还没到",
        Key::DateFutureHint => "它会马上以这个日期发布；请检查一下年份和月份",
        Key::MetricOutlier => "指标 `{0}`：{1} 是 {2} 里其他数值的 {3} 倍以上",
        Key::MetricOutlierHint => {
            "这个数对吗？多写一个“万”或者多一个 0 都会让数值翻倍；第二大的是 {1} 里的 {0}"
        }
        Key::TitleTwice => "标题 `{0}` 在 {1} 里也用过了",
        Key::TitleTwiceHint => "读者靠标题区分简讯：加上地点、日期或者新的内容",
        Key::RegionSpellingElsewhere => "`{0}` 在别处写作 `{1}`；请统一用标准写法",
        Key::RegionSpelling => "`{0}` 就是地区 `{1}`；请用标准写法",
        Key::RegionSpellingHint => "写成 region: {0}；网站上显示为 {1}",
        Key::MetricUnreported => "第 {0} 行写了 `{1}`，但文件头里没有 `{2}`",
        Key::MetricUnreportedHint => "在 metrics: 下面加上 `{0}: {1}`",
        Key::MetricMismatch => "指标 `{0}`：文件头写的是 {1}，但第 {2} 行写的是 `{3}`",
        Key::MetricMismatchHint => "改正写错的那一处，让文件头和正文的数一致",
        Key::CaliberCounts => "指标 `{0}` 统计的是{1}，但",
        Key::CaliberPlain => "指标 `{0}`：",
        Key::MetricCaliber => "{0}第 {1} 行给出的这个数是{2}（`{3}`）：两者统计的不是一回事",
        Key::CaliberDeclareHint => {
            "在 jianxun.yaml 里为{0}登记一个指标（例如 `{0}: { unit: {1}, keywords: [{0}] }`），把数值填在那里，不要填在 {2} 下面"
        }
        Key::CaliberRenameHint => "如果简讯说的是{0}，请写 `{0}: {1}`，不要写 `{2}: {1}`",
        Key::TemplateMissing => "主题里没有模板 `{0}`",
        Key::TemplateMissingHint => {
            "把它加到主题的 templates/ 文件夹，或者网站自己的 templates/ 文件夹里"
        }
        Key::TemplateSyntax => "模板写法有误：{0}",
        Key::TemplateRender => "模板生成页面时出错：{0}",
        Key::TemplateOther => "模板出错：{0}",
        Key::TemplateSyntaxHint => "检查这个位置的标签或表达式",
        Key::TemplateRenderHint => {
            "检查这个页面上有没有这个变量（可有可无的变量请用 `is defined` 或 `| default(value=…)`）"
        }
        Key::WhileRendering => "{0}（生成 /{1} 时）",
        Key::NewCreated => "已新建 {0}",
        Key::NewPreview => "预览：{0}{1} （`jianxun serve` 运行时可以打开）",
        Key::NewDateHint => "日期请写成 2025-06-12 这样",
        Key::NoCampaignsNewHint => {
            "还没有任何活动：先用 `jianxun new campaign SLUG --name 名称` 建一个"
        }
        Key::NewTitleEmpty => "标题是空的",
        Key::NewTitleEmptyHint => "jianxun new bulletin \"宜宾安康杯竞赛走进园区\" …",
        Key::NewRegionEmpty => "地区是空的",
        Key::NewRegionEmptyHint => "从大到小写，例如 --region 四川/宜宾，全国性的写 --region 全国",
        Key::NewNoSlug => "标题 `{0}` 生成不了网址名",
        Key::NewNoSlugHint => "标题里要有汉字、字母或数字",
        Key::NewOtherTitleHint => "给这篇简讯换个标题",
        Key::NewSlugTaken => "网址名为 `{0}` 的简讯已经有了：{1}",
        Key::NewSlugTakenHint => "去改那篇简讯，或者给新简讯换个标题",
        Key::NewExists => "{0} 已经存在",
        Key::NewExistsBulletinHint => "直接改它，或者给新简讯换个标题",
        Key::NewCannotWrite => "写不了 {0}：{1}",
        Key::NewCannotWriteHint => "请确认这个文件夹可以写入",
        Key::NewNotSlug => "`{0}` 不能做网址名（只能用小写英文单词，用 `-` 连接）",
        Key::NewNotSlugHint => "用小写英文单词，用 `-` 连接，例如 song-wennuan",
        Key::NewOtherSlugHint => "换一个网址名，例如 {0}-1",
        Key::NewNameEmpty => "名称是空的",
        Key::NewNameEmptyHint => "--name 送温暖行动",
        Key::NewNameTaken => "活动 {0} 已经用了名称 {1}",
        Key::NewNameTakenHint => "给新活动起一个不同的名称",
        Key::NewExistsCampaignHint => "直接改它，或者换一个网址名",
        Key::Built => {
            "已生成 {0} 篇简讯，输出到 {1}，用时 {2} 毫秒：写入 {3} 个文件，{4} 个没有变化，删除 {5} 个。"
        }
        Key::ErrorsOne => "1 个错误",
        Key::ErrorsMany => "{0} 个错误",
        Key::WarningsOne => "1 个警告",
        Key::WarningsMany => "{0} 个警告",
        Key::ExplainWrong => "错误的写法：",
        Key::ExplainRight => "正确的写法：",
        Key::ExplainUnknown => "没有错误代码 `{0}`",
        Key::ExplainUnknownHint => "代码写成 E012 或 W003 这样；`jianxun check` 的每条消息里都有",
        Key::ExplainListHint => "是不是想查 {0}？",
        Key::ServeStillServed => "共 {0} 个错误：浏览器里仍然是上一次正确生成的网站。",
        Key::ServeCannotResolve => "解析不了 --bind 地址 `{0}`：{1}",
        Key::ServeCannotResolveHint => {
            "写一个 IP 地址，例如 127.0.0.1，或者本机的名字，例如 localhost"
        }
        Key::ServeCannotListen => "没法在 {0} 上监听：{1}",
        Key::ServePortInUse => {
            "别的程序占用了这个端口；用 --port 0 自动挑一个空闲端口，或者换一个 --port"
        }
        Key::ServeNotOurAddress => "{0} 不是本机的地址；去掉 --bind，就会在 127.0.0.1 上预览",
        Key::ServeLowPort => "1024 以下的端口需要特殊权限；用 --port 0 或者 1024 以上的端口",
        Key::ServeCannotWatch => "没法监视 {0} 的变化：{1}",
        Key::Serving => "正在预览 {0}，请打开 {1} 查看（生成用时 {2} 毫秒；按 Ctrl-C 停止）",
        Key::ServeStoppedListening => "预览服务器停止了在 {0} 上的监听：{1}",
        Key::ServeStoppedWatching => "停止了对 {0} 的变化监视",
        Key::ServeStartAgain => "请重新运行 jianxun serve",
        Key::ServeRebuilt => "已重新生成 {0} 个文件，用时 {1} 毫秒；已通知 {2} 个页面。",
        Key::ServeLan => {
            "注意：预览服务器对局域网开放（{0}）：同一网络中的任何人都能打开预览，包括草稿。只在本机预览时请去掉 --bind（默认 127.0.0.1）。"
        }
        Key::ServeLanAll => "{0}，本机的所有网络地址",
        Key::ServeNewConnection => "接不了新的连接：{0}（已打开 {1} 个）；正在重试",
        Key::Text => "{0}",
        Key::OverlayHeading => "构建失败：{0} 个错误（保存修正后自动刷新）",
        Key::OverlayHint => "提示：",
        Key::InitIsFile => "{0} 是一个文件，不是文件夹",
        Key::InitIsFileHint => "给新网站选一个文件夹",
        Key::InitNotEmpty => "{0} 不是空文件夹",
        Key::InitNotEmptyHint => {
            "选一个新的或空的文件夹；或者加上 --force，只补上缺少的文件（不会覆盖或删除任何东西）"
        }
        Key::InitCannotRead => "读不了 {0}：{1}",
        Key::InitCreated => "已新建  {0}",
        Key::InitKept => "已保留  {0}（原来就有）",
        Key::InitCannotWrite => "写不了 {0}：{1}",
        Key::InitReady => "新网站已经建好，在 {0}。接下来：",
        Key::InitPreview => "jianxun serve      # 在 http://127.0.0.1:1111/ 预览",
        Key::StatsNoCampaign => "没有活动 `{0}`",
        Key::StatsNoRegion => "没有地区 `{0}`",
        Key::HelpUsage => "用法：",
        Key::HelpCommands => "命令",
        Key::HelpOptions => "选项",
        Key::HelpArguments => "参数",
        Key::HelpHelp => "显示帮助",
        Key::HelpVersion => "显示版本",
        Key::HelpHelpCommand => "显示帮助，或者某个命令的帮助",
        Key::HelpAbout => "jianxun（简讯）：把 Markdown 写的活动简讯生成网站。",
        Key::HelpAfter => {
            "示例：\n  jianxun init 我的网站 && cd 我的网站\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun serve\n  jianxun check\n  jianxun build\n\n退出码：0 成功，1 内容有错误，2 命令写错了。\n不懂某个错误代码（如 E012）时，运行 jianxun explain E012。"
        }
        Key::HelpRoot => "网站文件夹（放 jianxun.yaml 的文件夹；默认是当前文件夹）",
        Key::HelpDrafts => "把草稿也包括进来",
        Key::HelpBuild => "生成网站，写到输出文件夹（默认 site/）",
        Key::HelpBuildAfter => {
            "示例：\n  jianxun build --root 我的网站 --base-url https://example.org/jianxun/"
        }
        Key::HelpBuildOutput => "输出文件夹（默认是 jianxun.yaml 里的 output_dir，也就是 site/）",
        Key::HelpBuildBaseUrl => "临时换一个 base_url，不用 jianxun.yaml 里的",
        Key::HelpBuildForce => "输出文件夹里有不是 jianxun 写的文件时也照样生成（那些文件会保留）",
        Key::HelpStats => "显示统计：按活动、地区、年份和月份的合计",
        Key::HelpStatsAfter => {
            "示例：\n  jianxun stats\n  jianxun stats --campaign ankang-cup --format csv > ankang.csv\n  jianxun stats --region 四川 --format json"
        }
        Key::HelpStatsCampaign => "只看这个活动（写简称或名称），并按地区列出合计",
        Key::HelpStatsRegion => "只看这个地区（例如 四川/宜宾）和它下面的地区",
        Key::HelpStatsYear => "只看这一年和它的各个月",
        Key::HelpStatsFrom => "只算这个月（例如 2025-01）以后的简讯",
        Key::HelpStatsTo => "只算到这个月（例如 2025-06）为止的简讯",
        Key::HelpStatsFormat => {
            "输出格式：table（终端里的表格，默认）、csv（带 BOM，Excel 能直接打开）、json"
        }
        Key::HelpCheck => {
            "检查整个网站，不写任何文件：报告 build 会报的所有错误，还有坏链接、缺图片、未来日期、异常数值和重复标题"
        }
        Key::HelpCheckAfter => {
            "示例：\n  jianxun check\n  jianxun check --root 我的网站 --format json\n\n有错误时退出码是 1；只有警告时是 0。\n看某个错误代码的详细说明：jianxun explain E012"
        }
        Key::HelpCheckFormat => {
            "输出格式：text（默认，标出文件、行、列和出错的地方）或 json（每行一个 JSON 对象）"
        }
        Key::HelpExplain => "详细解释一个错误代码（例如 E012），并给出错误和正确的写法",
        Key::HelpExplainAfter => "示例：\n  jianxun explain E012\n  jianxun explain W003",
        Key::HelpExplainCode => "错误代码，就是 check 显示的那个（E012、W003）",
        Key::HelpNew => "用模板新建一篇简讯或一个活动",
        Key::HelpNewAfter => {
            "示例：\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new campaign song-wennuan --name 送温暖行动"
        }
        Key::HelpNewBulletin => "新建简讯：content/bulletins/<年>/<slug>.md，文件头已经填好",
        Key::HelpNewBulletinAfter => {
            "示例：\n  jianxun new bulletin \"宜宾安康杯竞赛走进12个工业园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new bulletin \"厦门安全生产月演练\" --campaign 安全生产月 --region 福建/厦门 --date 2025-06-12"
        }
        Key::HelpNewTitle => "标题（文件名和网址用它的拼音）",
        Key::HelpNewCampaignArg => "所属活动，写简称或名称（见 content/campaigns/）",
        Key::HelpNewRegion => "地区，从大到小：省/市 或 省/市/县，全国性的写 全国",
        Key::HelpNewDate => "日期，例如 2025-06-12（默认是北京时间的今天）",
        Key::HelpNewCampaign => "新建活动：content/campaigns/<slug>.md",
        Key::HelpNewCampaignAfter => {
            "示例：\n  jianxun new campaign song-wennuan --name 送温暖行动"
        }
        Key::HelpNewSlug => "活动的简称（网址名）：小写英文单词，用 - 连接，例如 song-wennuan",
        Key::HelpNewName => "活动名称，简讯里可以用它代替简称，例如 送温暖行动",
        Key::HelpInit => "新建一个马上就能生成的网站：jianxun.yaml、一个活动、一篇简讯",
        Key::HelpInitAfter => {
            "示例：\n  jianxun init 我的网站\n  jianxun init . --force    # 只补上缺少的文件，不覆盖任何文件"
        }
        Key::HelpInitDir => "在哪个文件夹里建网站（默认是当前文件夹）",
        Key::HelpInitForce => "文件夹不是空的也照样建：只补上缺少的文件，不覆盖任何文件",
        Key::HelpServe => "在内存里生成网站并在本机预览，每次保存后浏览器自动刷新",
        Key::HelpServeAfter => {
            "示例：\n  jianxun serve --port 0    # 自动挑一个空闲端口，并显示网址"
        }
        Key::HelpServePort => "端口（默认 1111）；写 0 会自动挑一个空闲端口",
        Key::HelpServeBind => "监听的地址（默认 127.0.0.1，只有本机能访问）",
        Key::HelpServeOpen => "用浏览器打开网站",
        Key::MonthBad => "`{0}` 不是月份：请写成 2025-01 这样",
        Key::ArgUnknownCommand => "没有 `{0}` 这个命令",
        Key::ArgUnknownOption => "不认识的选项 `{0}`",
        Key::ArgMissing => "少了必须写的参数：{0}",
        Key::ArgBadValue => "`{0}` 不能用作 {1}",
        Key::ArgPossible => "可以写：{0}",
        Key::ArgTooMany => "多写了参数 `{0}`",
        Key::ArgConflict => "{0} 不能和 {1} 一起用",
        Key::ArgNoValue => "{0} 后面要写一个值",
        Key::ArgSeeHelp => "运行 `{0} --help` 查看用法",
        Key::ServeForbidden => {
            "403 禁止访问：预览只接受 localhost、127.0.0.1、[::1] 或它监听的地址（带端口）打开"
        }
        Key::ServeBusy => "503 预览服务器的连接太多了，请稍后再试",
        Key::ValFolder => "文件夹",
        Key::ValUrl => "网址",
        Key::ValCampaign => "活动",
        Key::ValRegion => "地区",
        Key::ValYear => "年份",
        Key::ValMonth => "月份",
        Key::ValFormat => "格式",
        Key::ValCode => "代码",
        Key::ValTitle => "标题",
        Key::ValDate => "日期",
        Key::ValSlug => "简称",
        Key::ValName => "名称",
        Key::ValPort => "端口",
        Key::ValAddress => "地址",
        Key::ValCommand => "命令",
        Key::CheckErrorsOnly => "{0}，没有警告。",
        Key::IoDiskFull => "磁盘满了",
        Key::IoFileTooLarge => "文件太大，超出了系统允许的大小",
        Key::IoReadOnly => "这个位置是只读的",
        Key::IoIsFolder => "这是一个文件夹，不是文件",
        Key::IoNotFolder => "路径里有一段是文件，不是文件夹",
    }
}
