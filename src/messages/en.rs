//! The English message catalogue, shown on request (`JIANXUN_LANG=en` or
//! `language: en`).
//!
//! Takes a [`Key`]; gives its English sentence with `{0}`, `{1}` … for the
//! variable parts.

use super::Key;

/// The English template of `key`.
pub fn template(key: Key) -> &'static str {
    match key {
        Key::LabelError => "error",
        Key::LabelWarning => "warning",
        Key::LabelHint => "hint",
        Key::CheckClean => "No problems found.",
        Key::CheckWarningsOnly => "No errors; {0}.",
        Key::CheckErrorsAndWarnings => "{0}, {1}.",
        Key::NothingWritten => "{0} error(s); nothing was written.",
        Key::FmExample => {
            "start the file with a line `---`, then keys such as `title: …`, then a closing `---`"
        }
        Key::FileEmpty => "the file is empty",
        Key::FmMissing => "the file does not start with front matter (a `---` line)",
        Key::FmUnclosed => "the front matter opened on line 1 is never closed",
        Key::FmUnclosedHint => "add a line containing only `---` after the last front-matter key",
        Key::YamlTab => "a tab is used for indentation; YAML indents with spaces only",
        Key::YamlTabHint => "replace the tab at the start of this line with spaces",
        Key::YamlThisKey => "this key",
        Key::YamlWrongForm => "{0} has a value of the wrong form",
        Key::YamlHintTags => "write one tag or a list: tags: [园区, 隐患排查]",
        Key::YamlHintCampaign => {
            "write a campaign slug or name, or a list: campaign: [ankang-cup, safety-month]"
        }
        Key::YamlHintSource => {
            "write the publisher, or source: { publisher: 四川工人日报, issue: 第13461期 }"
        }
        Key::YamlHintSeeReadme => "see the examples in README.md for what this key takes",
        Key::YamlDuplicate => "the key `{0}` appears twice",
        Key::YamlDuplicateHint => "a key may appear only once; remove one of the two",
        Key::YamlNeedsMap => "{0} needs `name: value` lines under it",
        Key::YamlNeedsMapHint => "indent them under `{0}:`, one per line, e.g. `  参与企业: 411`",
        Key::YamlNeedsText => "{0} takes text, not a list or a map",
        Key::YamlNeedsTextHint => {
            "a value starting with [ or { is read as a list or a map: put it in quotes, e.g. {0}: \"[通知] …\""
        }
        Key::YamlNeedsBool => "{0} must be true or false",
        Key::YamlNeedsBoolHint => "write true or false",
        Key::YamlNeedsWhole => "{0} must be a whole number",
        Key::YamlNeedsWholeHint => "write digits, e.g. {0}: 10",
        Key::YamlColonInValue => "a value contains `: `, which YAML reads as a new key",
        Key::YamlColonInValueHint => "put the value in quotes, e.g. title: \"宜宾：园区检查\"",
        Key::YamlUnknownField => "unknown field `{0}`",
        Key::YamlUnknownFieldAllowed => "unknown field `{0}`, expected one of {1}",
        Key::YamlUnknownFieldHint => {
            "remove this key or correct its spelling; the keys allowed here are listed above"
        }
        Key::YamlFoundTab => "a tab character is not allowed here",
        Key::YamlSpacesOnly => "YAML indents with spaces only",
        Key::YamlOther => "{0}",
        Key::Quoted => "`{0}`",
        Key::Resave => "open it in your editor and save it again with the encoding UTF-8",
        Key::NotUtf8Utf16 => "the file is UTF-16 text ({0}), not UTF-8",
        Key::LittleEndian => "little-endian",
        Key::BigEndian => "big-endian",
        Key::NotUtf8Legacy => {
            "the file is not UTF-8 text (it looks like GBK or another legacy encoding)"
        }
        Key::IoNotFound => "No such file or directory",
        Key::IoPermission => "permission denied",
        Key::IoAlreadyExists => "already exists",
        Key::IoOther => "{0}",
        Key::CannotReadFile => "cannot read the file: {0}",
        Key::CheckFileReadable => "check that the file exists and that you may read it",
        Key::ConfigMissing => "no {0} in {1}",
        Key::ConfigMissingHint => {
            "run jianxun in a site folder, pass --root DIR, or create one with `jianxun init`"
        }
        Key::ContentPlace => "this Markdown file is not in a known content folder",
        Key::ContentPlaceHint => {
            "put bulletins under content/bulletins/, campaigns in content/campaigns/, plain pages under content/pages/"
        }
        Key::ThemeMissing => "theme `{0}` not found: there is no folder themes/{0}/",
        Key::ThemeMissingHint => {
            "create the theme folder, or remove `theme:` to use the built-in default theme"
        }
        Key::CannotFollowLink => "cannot follow the link: {0}",
        Key::CannotRead => "cannot read: {0}",
        Key::CheckPathReadable => "check that the file or folder exists and that you may read it",
        Key::SymlinkOutside => {
            "this is a link to `{0}`, outside the site folder; nothing is read through it"
        }
        Key::SymlinkOutsideHint => {
            "copy the files into the site folder instead of linking to them, or remove the link"
        }
        Key::SymlinkBroken => "this is a link to `{0}`, which does not exist",
        Key::SymlinkBrokenHint => "point the link at an existing file, or remove it",
        Key::SymlinkLoop => {
            "this link leads back to a folder that contains it (a loop); it is not followed"
        }
        Key::SymlinkLoopHint => "remove the link, or point it at a folder that does not contain it",
        Key::DateNoMonth => "there is no month {0} (months run from 01 to 12)",
        Key::DateDaysInMonth => "{0}年{1}月 has {2} days",
        Key::DateNotRealBecause => "`{0}` is not a real date: {1}",
        Key::DateNotReal => "`{0}` is not a real date",
        Key::DateBadForm => "`{0}` is not a date in the form 2024-03-11 or 2024-03-11 09:30",
        Key::DateHint => "write the date as {0}",
        Key::CampaignNoName => "the campaign has no `name`",
        Key::CampaignNoNameHint => "add a line such as `name: 安康杯竞赛` between the --- lines",
        Key::CampaignFileName => "campaign file name `{0}` is not a lowercase ASCII slug",
        Key::CampaignFileNameHint => "rename the file to content/campaigns/{0}.md",
        Key::TargetUndeclared => "target metric `{0}` is not declared in jianxun.yaml",
        Key::MetricDeclareHint => {
            "declare `{0}` under metrics: in jianxun.yaml, or correct its spelling"
        }
        Key::SlugFromFileName => "cannot make a URL slug from this file name",
        Key::SlugAddHint => "add `slug: some-name` to the front matter",
        Key::PageFolderHint => {
            "the folders under content/pages/ are part of the URL: rename the folder"
        }
        Key::PageNoTitle => "the page has no `title`",
        Key::PageNoTitleHint => "add a line such as `title: 关于本站` between the --- lines",
        Key::NumSays => "`{0}` {1}",
        Key::NumEmpty => "the value is empty",
        Key::NumEmptyHint => "write a number, e.g. 411{0}, 1.2万{0} or 60余{0}",
        Key::NumTooLarge => "is too large",
        Key::NumTooLargeHint => "write a smaller number",
        Key::NumTooPrecise => "is too precise: at most 28 digits can be counted exactly",
        Key::NumTooPreciseHint => "round it to fewer decimal places, e.g. 0.25 or 1.5万",
        Key::NumTwoNumbers => "holds two numbers; write one number",
        Key::NumTwoNumbersHint => "write one number, e.g. 1292{0} or 1,292{0}",
        Key::NumNeedsUnit => "needs its unit: this metric is counted in {0}",
        Key::NumWriteAs => "write {0}",
        Key::NumNegative => "negative values are not allowed for this metric",
        Key::NumNegativeHint => {
            "write the amount without a sign, or declare the metric `signed: true`"
        }
        Key::NumTwoBounds => "`{0}` says both “at least” and “about”",
        Key::NumTwoBoundsHint => {
            "keep one bound: 余/多/以上/超/逾 for at least, or 近/约/左右 for about"
        }
        Key::NumBoundNoNumber => "is a bound with no number",
        Key::NumUnitNoNumber => "is a unit with no number",
        Key::NumSignNoNumber => "is a sign with no number",
        Key::NumPutNumberIn => "put the number in, e.g. 60余{0} or 约100{0}",
        Key::NumWordBefore => "has `{0}` before the number",
        Key::NumWordAfterHint => "write it after: 60{0}",
        Key::NumNotANumber => "is not a number",
        Key::NumNotANumberHint => "write digits or Chinese numerals, e.g. 411{0} or 三十{0}",
        Key::NumAfterUnit => "has a number after the unit",
        Key::NumAfterUnitHint => "the unit ends the value: write {0}{1}",
        Key::NumRange => "is a range; write one number",
        Key::NumRangeHint => "write one number, e.g. {0}{1}, or {0}余{1} for “at least”",
        Key::NumPercentNotHere => "is a percentage, but this metric is not",
        Key::NumUnitNone => "has the unit `{0}`, but this metric has none",
        Key::NumUnitWrong => "has the unit `{0}`, but this metric is counted in {1}",
        Key::NumBareHint => "this metric has no unit: write the bare number, e.g. {0}",
        Key::NumPercentHint => "this metric is a percentage: write e.g. {0}%",
        Key::NumUnitHint => "this metric is counted in {0}: write e.g. {1}{0}",
        Key::NumWrongOrder => "has its multipliers in the wrong order",
        Key::NumWrongOrderHint => "write them small to large, once each: 3千万, 1.5万亿",
        Key::NumAfterBound => "goes on after its bound",
        Key::NumAfterBoundHint => "a bound ends the number or precedes 万/亿: 600余万, 12万余",
        Key::NumMultiplierNoDigit => "has a multiplier with no digit before it",
        Key::NumMultiplierNoDigitHint => "write e.g. 一百一十",
        Key::NumBadComma => "is not one number: commas go between groups of three digits",
        Key::NumBadCommaHint => "write one number, e.g. 1,292 or 1292",
        Key::NumBadPoint => "has a misplaced decimal point",
        Key::NumBadPointHint => "write digits on both sides of one point, e.g. 7.5",
        Key::MetricValue => "metric `{0}`: {1}",
        Key::MetricWriteNot => "write {0}, not {1}, for {2}",
        Key::FieldMissing => "the front matter has no `{0}`",
        Key::FieldMissingHint => "add a line such as `{0}: {1}` between the --- lines",
        Key::TitleEmpty => "the title is empty",
        Key::TitleEmptyHint => "write the bulletin's headline after `title:`",
        Key::DateHintWithTime => "write the date as 2024-03-11, or 2024-03-11 09:30 with a time",
        Key::CampaignEmpty => "`campaign` names no campaign",
        Key::CampaignEmptyHint => "write a campaign slug or name, e.g. campaign: ankang-cup",
        Key::RegionEmpty => "`region` is empty",
        Key::RegionEmptyHint => {
            "write a region path from broad to narrow, e.g. region: 四川/宜宾 (or 全国)"
        }
        Key::MetricDidYouMean => {
            "did you mean `{0}`? Otherwise declare `{1}` under metrics: in jianxun.yaml"
        }
        Key::MetricDeclareExample => {
            "declare `{0}` under metrics: in jianxun.yaml, e.g. {0}: { unit: 家, aggregate: sum }"
        }
        Key::MetricUndeclared => "metric `{0}` is not declared in jianxun.yaml",
        Key::SlugNotAscii => "slug `{0}` is not lowercase ASCII",
        Key::SlugWriteHint => "write slug: {0}",
        Key::SlugAddAsciiHint => "add `slug: some-name` (lowercase ASCII) to the front matter",
        Key::SlugSubject => "the slug `{0}`",
        Key::SlugSubjectTag => "the slug `{0}` of the tag {1}",
        Key::SlugSubjectRegion => "the slug `{0}` of the region {1}",
        Key::SlugSubjectTitle => "the slug `{0}` made from the title",
        Key::SlugSubjectFor => "the slug `{0}` for {1}",
        Key::SlugTooLong => "{0} is {1} bytes long; one URL segment may have at most {2}",
        Key::SlugReserved => {
            "{0} is a device name that Windows does not allow as a file or folder name"
        }
        Key::SlugContainsReserved => {
            "{0} contains `{1}`, a device name that Windows does not allow as a file or folder name"
        }
        Key::SlugFixShorter => "shorter (at most {0} letters)",
        Key::SlugFixDifferent => "different (e.g. {0}-1)",
        Key::SlugFieldHint => "make the `slug:` {0}",
        Key::SlugFromNameHint => {
            "the slug comes from the file name: rename the file, or set a `slug:` that is {0} in the front matter"
        }
        Key::SlugIsNameHint => "the slug is the file name: rename the file to one that is {0}",
        Key::TagNoSlug => {
            "the tag `{0}` gives no slug: it has no letters, digits or Chinese characters"
        }
        Key::TagNoSlugHint => {
            "write the tag with letters, digits or Chinese characters, or remove it"
        }
        Key::TagShorterHint => "write a shorter tag, or another word",
        Key::RegionNoSlug => "the region {0} gets no slug",
        Key::RegionSlugHint => {
            "give it a short slug under regions: in jianxun.yaml, e.g. {0}: my-region"
        }
        Key::RegionList => "the region `{0}` is written as a list (with `{1}`)",
        Key::RegionListHint => {
            "one region per bulletin: write the path from broad to narrow with `/`, e.g. region: {0}"
        }
        Key::RegionAmbiguous => "`{0}` could be any of {1}",
        Key::RegionAmbiguousHint => {
            "write the whole path, e.g. region: {0}, or say where {1} lies under regions: in jianxun.yaml, e.g. {1}: { parent: {2} }"
        }
        Key::CannotListFolder => "cannot list the folder: {0}",
        Key::IoCreateFolder => "cannot create a folder: {0}",
        Key::IoCreateStaging => "cannot create the staging folder: {0}",
        Key::IoPutInPlace => "cannot put the new site in place: {0}",
        Key::IoReadLink => "cannot read a link: {0}",
        Key::IoReadStatic => "cannot read a static file: {0}",
        Key::IoRemoveOldStaging => "cannot remove an old staging folder: {0}",
        Key::IoRemoveStaging => "cannot remove the staging folder: {0}",
        Key::IoRemove => "cannot remove: {0}",
        Key::IoWriteManifest => "cannot write the manifest: {0}",
        Key::IoWrite => "cannot write: {0}",
        Key::StagingForeign => {
            "the folder {0} is where jianxun prepares a build, but it holds {1} file(s) jianxun did not write: {2}"
        }
        Key::StagingForeignHint => {
            "move these files somewhere else (nothing was deleted), then build again"
        }
        Key::OutIsRoot => {
            "the output folder is the site root; building there would mix the site with its sources"
        }
        Key::OutIsRootHint => {
            "use the default `site`, or pass --output DIR with a folder of its own"
        }
        Key::OutContainsRoot => "the output folder {0} contains the site root",
        Key::OutContainsRootHint => "pass --output DIR with a folder inside or beside the site",
        Key::OutInsideSource => {
            "the output folder {0} is inside the site's `{1}` folder: every build would publish the previous one again"
        }
        Key::OutInsideSourceHint => {
            "use the default `site`, or pass --output DIR with a folder outside content/, static/, templates/ and themes/"
        }
        Key::OutLooksLikeSite => {
            "the output folder {0} holds `{1}`: it looks like a site, not a build output"
        }
        Key::OutLooksLikeSiteHint => {
            "pass --output DIR with an empty folder or the folder of a previous build"
        }
        Key::OutForeign => "the output folder {0} holds {1} file(s) jianxun did not write: {2}",
        Key::OutForeignHint => {
            "move them away, choose another --output, or pass --force to write beside them (they are never deleted)"
        }
        Key::OutBadPath => "refusing to write `{0}`: not a plain path inside the output folder",
        Key::MoreNotWritten => {
            "{0} ({1} more file(s) were not written; the output folder is unchanged)"
        }
        Key::ManifestUnreadable => "cannot read the list of files of the last build: {0}",
        Key::ManifestInvalid => {
            "the list of files of the last build is not valid: {0}; nothing was removed"
        }
        Key::ManifestNotUtf8 => "it is not UTF-8 text",
        Key::ManifestBadLine => "`{0}` is not a path inside the output folder",
        Key::ManifestInvalidHint => {
            "jianxun did not write this line; delete the file `.jianxun-manifest` (the folder's files are then treated as not written by jianxun) or choose another --output"
        }
        Key::KeywordEmpty => "metric `{0}` has an empty keyword",
        Key::KeywordEmptyHint => "write the phrases that name it in the text, e.g. keywords: [{0}]",
        Key::KeywordTaken => "the keyword `{0}` of metric `{1}` already names metric `{2}`",
        Key::KeywordTakenHint => {
            "a phrase in the text must name one metric only: keep it under one of them"
        }
        Key::BaseUrlNotAbsolute => "base_url `{0}` is not an absolute URL",
        Key::BaseUrlHint => "write it as https://example.org/ (or / for a site served at the root)",
        Key::PaginateZero => "paginate must be at least 1",
        Key::PaginateHint => "write e.g. paginate: 10",
        Key::AliasIsPath => "the alias `{0}` of {1} is a path, not one name",
        Key::AliasTwice => "`{0}` is declared for both {1} and {2}",
        Key::AliasHint => {
            "an alias is another name of one place, e.g. 宜宾: { aliases: [宜宾市, 叙州] }; write the place it lies in as parent: 四川"
        }
        Key::RegionSlugNotAscii => "region slug `{0}` for {1} is not lowercase ASCII",
        Key::RegionSlugAsciiHint => {
            "use lowercase letters, digits and hyphens, e.g. 重庆: chongqing"
        }
        Key::RegionSlugUnfitHint => {
            "choose a shorter slug that is not a Windows device name, e.g. 重庆: chongqing"
        }
        Key::CampaignNameTwice => "campaign name `{0}` is used by both {1} and {2}",
        Key::CampaignNameTwiceHint => "give each campaign its own name",
        Key::DidYouMeanNamed => "did you mean {0} ({1})?",
        Key::DidYouMean => "did you mean {0}?",
        Key::NoCampaignsYet => "there are no campaigns yet: create content/campaigns/<slug>.md",
        Key::KnownCampaigns => "known campaigns: {0}",
        Key::CampaignUnknown => "unknown campaign `{0}`",
        Key::TagSlugTwice => "tags `{0}` and `{1}` both get the slug `{2}`",
        Key::TagSlugTwiceHint => "write the tag as `{0}` like the other bulletins",
        Key::SlugTwice => "{0} slug `{1}` is used by both {2} and {3}",
        Key::SlugTwiceHint => {
            "give one of them a different file name or a `slug:` in its front matter"
        }
        Key::RegionSlugTwice => "regions {0} and {1} both get the slug `{2}` (in {3} and {4})",
        Key::RegionSlugTwiceHint => {
            "add a slug for one of them under regions: in jianxun.yaml, e.g. {0}: {1}-2"
        }
        Key::RegionSplit => {
            "the region `{0}` is written `{1}` in {2}: its totals would be split in two"
        }
        Key::RegionSplitHint => {
            "write region: {0}, or say where {1} lies under regions: in jianxun.yaml, e.g. {1}: { parent: {2} }"
        }
        Key::KindBulletin => "bulletin",
        Key::KindCampaign => "campaign",
        Key::KindPage => "page",
        Key::LinkDraft => "`{0}` links to a draft, which is not published",
        Key::LinkDraftHint => "publish {0} (remove `draft: true`) or remove the link",
        Key::LinkNoFile => "`{0}` points to {1}, which does not exist",
        Key::LinkByFileHint => {
            "link to another bulletin by its file, e.g. [标题](../2024/other.md), or by its URL, e.g. [标题](/bulletins/slug/)"
        }
        Key::WordImage => "image",
        Key::WordFile => "file",
        Key::FileNotFound => "{0} `{1}` not found: there is no {2}",
        Key::PutImageHint => {
            "put the image at {0} (beside the file that shows it), or under static/ and write /name.png"
        }
        Key::PutFileHint => "put the file at {0}, or under static/",
        Key::PutStaticImageHint => {
            "put the image at static/{0}, or beside the bulletin and link to it by a relative path"
        }
        Key::ImageNoStatic => "image `{0}` not found: no static file {1}",
        Key::CheckSlugHint => {
            "check the slug: a bulletin's URL is /bulletins/<slug>/, its slug from `slug:` or its file name"
        }
        Key::LinkNoPage => "`{0}` points to {1}, but no page is there",
        Key::DateFuture => "the bulletin is dated {0}, in the future",
        Key::DateFutureHint => "it is published with that date at once; check the year and month",
        Key::MetricOutlier => "metric `{0}`: {1} is {3} or more times any other value in {2}",
        Key::MetricOutlierHint => {
            "is it right? A stray 万 or an extra zero multiplies a value; the next largest is {0} in {1}"
        }
        Key::TitleTwice => "the title `{0}` is also used by {1}",
        Key::TitleTwiceHint => {
            "readers tell bulletins apart by their titles: add the place, the date or what is new"
        }
        Key::RegionSpellingElsewhere => {
            "`{0}` is written `{1}` elsewhere; use the canonical spelling"
        }
        Key::RegionSpelling => "`{0}` is the region `{1}`; use the canonical spelling",
        Key::RegionSpellingHint => "write region: {0}; the site shows it as {1}",
        Key::MetricUnreported => "line {0} says `{1}`; the front matter has no `{2}`",
        Key::MetricUnreportedHint => "add `{0}: {1}` under metrics:",
        Key::MetricMismatch => "metric `{0}`: the front matter says {1}, but line {2} says `{3}`",
        Key::MetricMismatchHint => {
            "correct whichever is wrong, so that the front matter and the body give the same number"
        }
        Key::CaliberCounts => "metric `{0}` counts {1}, but",
        Key::CaliberPlain => "metric `{0}`:",
        Key::MetricCaliber => {
            "{0} line {1} gives this number for {2} (`{3}`): the two count different things"
        }
        Key::CaliberDeclareHint => {
            "declare a metric for {0} in jianxun.yaml (e.g. `{0}: { unit: {1}, keywords: [{0}] }`) and report the value there, not as {2}"
        }
        Key::CaliberRenameHint => {
            "if the bulletin means {0}, write `{0}: {1}` instead of `{2}: {1}`"
        }
        Key::TemplateMissing => "the theme has no template `{0}`",
        Key::TemplateMissingHint => {
            "add it to the theme's templates/ folder or to the site's templates/ folder"
        }
        Key::TemplateSyntax => "{0}",
        Key::TemplateRender => "{0}",
        Key::TemplateOther => "{0}",
        Key::TemplateSyntaxHint => "check the tag or expression at this position",
        Key::TemplateRenderHint => {
            "check that the variable exists on this page (use `is defined` or `| default(value=…)` for optional ones)"
        }
        Key::WhileRendering => "{0} (while rendering /{1})",
        Key::NewCreated => "Created {0}",
        Key::NewPreview => "Preview: {0}{1} (while `jianxun serve` runs)",
        Key::NewDateHint => "write the date as 2025-06-12",
        Key::NoCampaignsNewHint => {
            "there are no campaigns yet: create one with `jianxun new campaign SLUG --name 名称`"
        }
        Key::NewTitleEmpty => "the title is empty",
        Key::NewTitleEmptyHint => "jianxun new bulletin \"宜宾安康杯竞赛走进园区\" …",
        Key::NewRegionEmpty => "the region is empty",
        Key::NewRegionEmptyHint => {
            "write it broad to narrow, e.g. --region 四川/宜宾, or --region 全国"
        }
        Key::NewNoSlug => "cannot make a URL slug from the title `{0}`",
        Key::NewNoSlugHint => "give the title some Chinese characters, letters or digits",
        Key::NewOtherTitleHint => "give the bulletin a different title",
        Key::NewSlugTaken => "a bulletin with the slug `{0}` already exists: {1}",
        Key::NewSlugTakenHint => "edit that bulletin, or give the new one a different title",
        Key::NewExists => "{0} already exists",
        Key::NewExistsBulletinHint => "edit it, or give the new bulletin a different title",
        Key::NewCannotWrite => "cannot write {0}: {1}",
        Key::NewCannotWriteHint => "check that the folder is writable",
        Key::NewNotSlug => "`{0}` is not a slug (lowercase ASCII words joined by `-`)",
        Key::NewNotSlugHint => "use lowercase ASCII words joined by `-`, e.g. song-wennuan",
        Key::NewOtherSlugHint => "choose another slug, e.g. {0}-1",
        Key::NewNameEmpty => "the name is empty",
        Key::NewNameEmptyHint => "--name 送温暖行动",
        Key::NewNameTaken => "the campaign {0} already has the name {1}",
        Key::NewNameTakenHint => "give the new campaign its own name",
        Key::NewExistsCampaignHint => "edit it, or choose another slug",
        Key::Built => {
            "Built {0} bulletins into {1} in {2} ms: {3} files written, {4} unchanged, {5} removed."
        }
        Key::ErrorsOne => "1 error",
        Key::ErrorsMany => "{0} errors",
        Key::WarningsOne => "1 warning",
        Key::WarningsMany => "{0} warnings",
        Key::ExplainWrong => "Wrong:",
        Key::ExplainRight => "Right:",
        Key::ExplainUnknown => "there is no error code `{0}`",
        Key::ExplainUnknownHint => {
            "codes look like E012 or W003; every message of `jianxun check` shows one"
        }
        Key::ExplainListHint => "did you mean {0}?",
        Key::ServeStillServed => "{0} error(s): the last good site is still served.",
        Key::ServeCannotResolve => "cannot resolve the --bind address `{0}`: {1}",
        Key::ServeCannotResolveHint => {
            "pass an IP address such as 127.0.0.1, or a name of this machine such as localhost"
        }
        Key::ServeCannotListen => "cannot listen on {0}: {1}",
        Key::ServePortInUse => {
            "another program uses this port; pass --port 0 to pick a free one, or another --port"
        }
        Key::ServeNotOurAddress => {
            "{0} is not an address of this machine; leave out --bind to serve on 127.0.0.1"
        }
        Key::ServeLowPort => {
            "ports below 1024 need special rights; pass --port 0 or a port above 1024"
        }
        Key::ServeCannotWatch => "cannot watch {0}: {1}",
        Key::Serving => "Serving {0} at {1} (built in {2} ms; Ctrl-C to stop)",
        Key::ServeStoppedListening => "the preview server stopped listening on {0}: {1}",
        Key::ServeStoppedWatching => "stopped watching {0} for changes",
        Key::ServeStartAgain => "start jianxun serve again",
        Key::ServeRebuilt => "Rebuilt {0} file(s) in {1} ms; told {2} page(s).",
        Key::ServeLan => {
            "Note: the preview server is open to the local network ({0}): anyone on it can open the preview, drafts included. Leave out --bind (127.0.0.1 by default) to preview on this machine only."
        }
        Key::ServeLanAll => "{0}, every network address of this machine",
        Key::ServeNewConnection => "cannot take a new connection: {0} ({1} open); retrying",
        Key::Text => "{0}",
        Key::OverlayHeading => {
            "Build failed: {0} error(s) (fix and save; the page reloads by itself)"
        }
        Key::OverlayHint => "Hint: ",
        Key::InitIsFile => "{0} is a file, not a folder",
        Key::InitIsFileHint => "choose a folder for the new site",
        Key::InitNotEmpty => "{0} is not empty",
        Key::InitNotEmptyHint => {
            "choose a new or empty folder, or pass --force to add only the files that are missing (nothing is overwritten or deleted)"
        }
        Key::InitCannotRead => "cannot read {0}: {1}",
        Key::InitCreated => "created  {0}",
        Key::InitKept => "kept     {0} (already there)",
        Key::InitCannotWrite => "cannot write {0}: {1}",
        Key::InitReady => "A new site is ready in {0}. Next:",
        Key::InitPreview => "jianxun serve      # preview at http://127.0.0.1:1111/",
        Key::StatsNoCampaign => "no campaign `{0}`",
        Key::StatsNoRegion => "no region `{0}`",
        Key::HelpUsage => "Usage:",
        Key::HelpCommands => "Commands",
        Key::HelpOptions => "Options",
        Key::HelpArguments => "Arguments",
        Key::HelpHelp => "Print help",
        Key::HelpVersion => "Print version",
        Key::HelpHelpCommand => "Print this message or the help of the given command(s)",
        Key::HelpAbout => "jianxun (简讯): build campaign bulletin sites from Markdown.",
        Key::HelpAfter => {
            "Examples:\n  jianxun init my-site && cd my-site\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun serve\n  jianxun check\n  jianxun build\n\nExit codes: 0 success, 1 content errors, 2 usage errors.\nFor an error code such as E012, run jianxun explain E012."
        }
        Key::HelpRoot => "Site root (the folder holding jianxun.yaml; default: the current folder)",
        Key::HelpDrafts => "Include drafts",
        Key::HelpBuild => "Build the site into the output folder (default: site/)",
        Key::HelpBuildAfter => {
            "Example:\n  jianxun build --root my-site --base-url https://example.org/jianxun/"
        }
        Key::HelpBuildOutput => "Output folder (default: output_dir from jianxun.yaml, i.e. site/)",
        Key::HelpBuildBaseUrl => "Override base_url from jianxun.yaml",
        Key::HelpBuildForce => {
            "Write even if the output folder holds files jianxun did not write (they are kept)"
        }
        Key::HelpStats => {
            "Print the aggregated statistics: totals per campaign, region, year and month"
        }
        Key::HelpStatsAfter => {
            "Examples:\n  jianxun stats\n  jianxun stats --campaign ankang-cup --format csv > ankang.csv\n  jianxun stats --region 四川 --format json"
        }
        Key::HelpStatsCampaign => "Only this campaign (slug or name), with its totals per region",
        Key::HelpStatsRegion => "Only this region (e.g. 四川/宜宾) and its sub-regions",
        Key::HelpStatsYear => "Only this year and its months",
        Key::HelpStatsFrom => {
            "Only bulletins from this month on (e.g. 2025-01); totals are computed over them"
        }
        Key::HelpStatsTo => {
            "Only bulletins up to this month (e.g. 2025-06); totals are computed over them"
        }
        Key::HelpStatsFormat => {
            "Output format: table (for the terminal, the default), csv (with a byte-order mark, opens in Excel) or json"
        }
        Key::HelpCheck => {
            "Check the whole site without writing anything: every error `build` would report, plus broken links, missing images, future dates, outlying numbers and duplicate titles"
        }
        Key::HelpCheckAfter => {
            "Examples:\n  jianxun check\n  jianxun check --root my-site --format json | jq .message\n\nErrors exit 1; warnings alone exit 0.\nFor the long explanation of a code: jianxun explain E012"
        }
        Key::HelpCheckFormat => {
            "Output format: text (the default: file, line, column, the line underlined, a hint) or json (one JSON object per line)"
        }
        Key::HelpExplain => {
            "Explain a diagnostic code (e.g. E012) with a wrong and a right example"
        }
        Key::HelpExplainAfter => "Examples:\n  jianxun explain E012\n  jianxun explain W003",
        Key::HelpExplainCode => "The code, as `check` prints it (E012, W003)",
        Key::HelpNew => "Create a new bulletin or campaign from a template",
        Key::HelpNewAfter => {
            "Examples:\n  jianxun new bulletin \"宜宾安康杯竞赛走进园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new campaign song-wennuan --name 送温暖行动"
        }
        Key::HelpNewBulletin => {
            "A bulletin: content/bulletins/<year>/<slug>.md, its front matter filled in"
        }
        Key::HelpNewBulletinAfter => {
            "Examples:\n  jianxun new bulletin \"宜宾安康杯竞赛走进12个工业园区\" --campaign ankang-cup --region 四川/宜宾\n  jianxun new bulletin \"厦门安全生产月演练\" --campaign 安全生产月 --region 福建/厦门 --date 2025-06-12"
        }
        Key::HelpNewTitle => "The title (the file name and URL slug are its pinyin)",
        Key::HelpNewCampaignArg => "The campaign, by slug or name (see content/campaigns/)",
        Key::HelpNewRegion => "The region, broad to narrow: 省/市 or 省/市/县, or 全国",
        Key::HelpNewDate => "The date, e.g. 2025-06-12 (default: today in China, +08:00)",
        Key::HelpNewCampaign => "A campaign: content/campaigns/<slug>.md",
        Key::HelpNewCampaignAfter => {
            "Example:\n  jianxun new campaign song-wennuan --name 送温暖行动"
        }
        Key::HelpNewSlug => "The slug: lowercase ASCII words joined by `-`, e.g. song-wennuan",
        Key::HelpNewName => "The name bulletins may write instead of the slug, e.g. 送温暖行动",
        Key::HelpInit => {
            "Create a new site that builds at once: jianxun.yaml, one campaign, one bulletin"
        }
        Key::HelpInitAfter => {
            "Examples:\n  jianxun init my-site\n  jianxun init . --force    # add what is missing; never overwrites a file"
        }
        Key::HelpInitDir => "The folder to create the site in (default: the current folder)",
        Key::HelpInitForce => {
            "Use a folder that is not empty: only missing files are created, none overwritten"
        }
        Key::HelpServe => {
            "Build the site in memory, serve it on loopback and reload the browser on every save"
        }
        Key::HelpServeAfter => {
            "Example:\n  jianxun serve --port 0    # pick a free port and print the URL"
        }
        Key::HelpServePort => "Port to listen on (default: 1111); 0 picks a free one",
        Key::HelpServeBind => "Address to bind (default: 127.0.0.1, this machine only)",
        Key::HelpServeOpen => "Open the site in a browser",
        Key::MonthBad => "`{0}` is not a month: write it like 2025-01",
        Key::ArgUnknownCommand => "there is no command `{0}`",
        Key::ArgUnknownOption => "unknown option `{0}`",
        Key::ArgMissing => "a required argument is missing: {0}",
        Key::ArgBadValue => "`{0}` is not a valid value for {1}",
        Key::ArgPossible => "possible values: {0}",
        Key::ArgTooMany => "unexpected argument `{0}`",
        Key::ArgConflict => "{0} cannot be used with {1}",
        Key::ArgNoValue => "{0} needs a value",
        Key::ArgSeeHelp => "run `{0} --help` for how to use it",
        Key::ServeForbidden => {
            "403 forbidden: the preview answers only to localhost, 127.0.0.1, [::1] or the address it listens on, with its port"
        }
        Key::ServeBusy => "503 too many connections to the preview server; try again",
        Key::ValFolder => "DIR",
        Key::ValUrl => "URL",
        Key::ValCampaign => "CAMPAIGN",
        Key::ValRegion => "REGION",
        Key::ValYear => "YEAR",
        Key::ValMonth => "MONTH",
        Key::ValFormat => "FORMAT",
        Key::ValCode => "CODE",
        Key::ValTitle => "TITLE",
        Key::ValDate => "DATE",
        Key::ValSlug => "SLUG",
        Key::ValName => "NAME",
        Key::ValPort => "PORT",
        Key::ValAddress => "ADDRESS",
        Key::ValCommand => "COMMAND",
        Key::CheckErrorsOnly => "{0}, 0 warnings.",
        Key::IoDiskFull => "the disk is full",
        Key::IoFileTooLarge => "the file is larger than the system allows",
        Key::IoReadOnly => "the place is read-only",
        Key::IoIsFolder => "it is a folder, not a file",
        Key::IoNotFolder => "a part of the path is a file, not a folder",
    }
}
