//! The plain reader against the YAML reader: the same fields and
//! positions whenever the plain reader reads a text at all.

use proptest::prelude::*;

use super::super::RawBulletin;
use super::read;

/// What the YAML reader makes of `yaml`.
fn yaml_reader(yaml: &str) -> Result<RawBulletin, String> {
    serde_saphyr::from_str::<RawBulletin>(yaml).map_err(|e| e.to_string())
}

/// The fields with their lines and columns; the YAML reader's byte spans,
/// which nothing here reads, left out.
fn shown(raw: &RawBulletin) -> String {
    let mut s = format!("{raw:?}");
    while let Some(at) = s.find(", span: Span {") {
        let close = at + s[at..].find('}').expect("a span ends");
        let rest = &s[close + 1..];
        let id = rest.strip_prefix(", source_id: ").expect("a source id");
        let digits = id.len() - id.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let end = close + 1 + ", source_id: ".len() + digits;
        s.replace_range(at..end, "");
    }
    s
}

/// Reads `yaml` both ways; the plain reader's result when it reads it.
fn both(yaml: &str) -> Option<String> {
    let plain = read(yaml)?;
    let slow =
        yaml_reader(yaml).unwrap_or_else(|e| panic!("{yaml:?}: the YAML reader refused: {e}"));
    assert_eq!(shown(&plain), shown(&slow), "{yaml:?}");
    Some(shown(&plain))
}

const CORPUS: &str = concat!(
    "title: 凝聚合力全面开展夏送清凉工作综述\n",
    "date: 2026-10-31\n",
    "campaign: xiasong-qingliang\n",
    "region: 湖北/襄阳\n",
    "tags: [安全生产]\n",
    "metrics:\n",
    "  参与企业: 325\n",
    "  参与职工: 5,277\n",
    "  投入资金: 427余万元\n",
    "  隐患整改: 234\n",
    "  建议采纳率: 91%\n",
);

const SEED: &str = concat!(
    "title: 宜宾“安康杯”竞赛走进园区\n",
    "date: 2022-12-10\n",
    "campaign: [ankang-cup, 安全生产月]\n",
    "region: 四川/宜宾\n",
    "metrics:\n",
    "    参与企业: 411\n",
    "\n",
    "    职工: 12万余\n",
    "tags: [园区, 安康杯 ]\n",
    "source: 四川工人日报\n",
    "summary: 园区企业 411 家参加。\n",
    "draft: false\n",
    "slug: yibin-parks   \n",
    "status: 待审\n",
    "series: 工会简讯\n",
    "issuer: 市总工会办公室\n",
    "printed: 2022-12-12\n",
);

/// The front matter of a bulletin `jianxun new` makes.
fn jianxun_new() -> String {
    let text =
        crate::content::scaffold::bulletin("题目", "2026-12-01", "ankang-cup", "四川/宜宾", &[]);
    text.split("---\n")
        .nth(1)
        .expect("front matter")
        .to_string()
}

#[test]
fn reads_the_plain_shape_as_the_yaml_reader_does() {
    let shown = both(CORPUS).expect("the corpus's shape is plain");
    assert!(shown.contains("value: \"5,277\", referenced: Location { line: 8, column: 9"));
    let shown = both(SEED).expect("a seed bulletin's shape is plain");
    assert!(shown.contains("Many([\"园区\", \"安康杯\"])"), "{shown}");
    assert!(both("title: 一\nmetrics:\n  人数: 3\ntags: []\n").is_some());
    // What `jianxun new` writes, its comment line and all.
    let new = jianxun_new();
    assert!(both(&new).is_some(), "{new}");
    assert!(both("# 注释\ntitle: 一\nmetrics:\n  # 注释\n  人数: 3\n").is_some());
    let shown = both("campaign:\n  - jinqiu-zhuxue\n\n  - 金秋助学 \ntags:\n    - 园区\n").unwrap();
    assert!(
        shown.contains("Many([\"jinqiu-zhuxue\", \"金秋助学\"])"),
        "{shown}"
    );
}

#[test]
fn leaves_every_other_shape_to_the_yaml_reader() {
    let others = [
        "title: '引号'\n",
        "title: \"引号\"\n",
        "title: 一 # 注释\n",
        "title: 第一行\n  第二行\n",
        "tags:\n- 园区\n",
        "tags:\n  - - 园区\n",
        "tags:\n  - 园区\n   - 安康杯\n",
        "tags:\n  -园区\n",
        "tags:\n  - 2024\n",
        "title: 一\ntitle: 二\n",
        "metrics:\n  人数: 3\n  人数: 4\n",
        "metrics:\n  人数: 3\n   多: 4\n",
        "metrics:\n",
        "issue: 3\n",
        "distribution: 各区县\n",
        "author: 某人\n",
        "tags: [2024]\n",
        "campaign: 2024\n",
        "source: 123\n",
        "draft: yes\n",
        "title: ~\n",
        "title: null\n",
        "title:\n",
        "title:\t一\n",
        "title: 一\r\n",
        "title: a: b\n",
        "title: 一:\n",
        "title : 一\n",
        "title:一\n",
        "tags: [园区\n",
        "tags: [园区,]\n",
        "tags: [a:b]\n",
        "title: |\n  一\n",
        "title: &a 一\n",
        "- 一\n",
        "---\n",
    ];
    for yaml in others {
        assert!(read(yaml).is_none(), "{yaml:?} was read plainly");
    }
}

/// A value of the kinds editors write, and of the kinds YAML reads
/// otherwise.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[一二万余名家“a-z][一二万余名家%,.“”　a-z0-9/+-]{0,5}",
        1 => "[一二万余名家%,.:#“”　 a-z0-9+-]{0,7}",
        2 => "\\[[一二a-z0-9, :#\\]]{0,7}\\]?",
        2 => prop::sample::select(vec![
            "true", "false", "True", "yes", "null", "~", "1e3", "0x1F", ".5", "+5", "1_000", "-3",
            "12万余", "2026-10-31", "0.50", "007", ".inf", "[]", "[a, ]", "[ 1 ]", "y", "n",
            "[园区, 安康杯]", "第3#楼", "10:30", "a,b", "it's", "50%",
        ])
        .prop_map(String::from),
    ]
}

/// A front matter: some fields, some metrics, and now and then a line
/// of another shape.
fn front_matter() -> impl Strategy<Value = String> {
    let keys = vec![
        "title", "date", "campaign", "region", "tags", "slug", "status", "series", "issuer",
        "printed", "summary", "source", "draft",
    ];
    let fields = prop::sample::subsequence(keys, 0..9)
        .prop_flat_map(|ks| {
            ks.into_iter()
                .map(|k| {
                    (
                        Just(k),
                        " {1,2}",
                        if k == "draft" {
                            prop_oneof![3 => "true|false", 1 => value()].boxed()
                        } else {
                            value().boxed()
                        },
                    )
                })
                .collect::<Vec<_>>()
        })
        .prop_shuffle();
    let metric = ("[参与企业职工a1]{1,3}", " {1,2}", value());
    let list = (
        prop::sample::select(vec!["campaign", "tags"]),
        " {1,3}",
        prop::collection::vec(value(), 0..3),
    );
    let odd = prop_oneof![
        Just(String::new()),
        " {0,3}".prop_map(String::from),
        Just("# 注释".to_string()),
        Just("  # 注释: 一".to_string()),
        Just("  - 一".to_string()),
        Just("metrics:".to_string()),
        "[a-z]{1,5}:[ a-z0-9]{0,4}",
        "  [参与企业]{1,2}:? [0-9]{1,3}",
    ];
    (
        fields,
        prop::collection::vec(metric, 0..4),
        " {1,4}",
        0..8usize,
        prop::option::weighted(0.3, odd),
        prop::option::weighted(0.4, list),
    )
        .prop_map(|(fields, metrics, indent, at, odd, list)| {
            let mut lines: Vec<String> = fields
                .iter()
                .map(|(k, sp, v)| format!("{k}:{sp}{v}"))
                .collect();
            if !metrics.is_empty() {
                lines.push("metrics:".to_string());
                lines.extend(
                    metrics
                        .iter()
                        .map(|(k, sp, v)| format!("{indent}{k}:{sp}{v}")),
                );
            }
            if let Some((key, indent, items)) = list {
                lines.retain(|l| !l.starts_with(key));
                lines.push(format!("{key}:"));
                lines.extend(items.iter().map(|v| format!("{indent}- {v}")));
            }
            if let Some(o) = odd {
                lines.insert(at.min(lines.len()), o);
            }
            lines.join("\n") + "\n"
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Whenever the plain reader reads a front matter, the YAML reader
    /// reads it too, to the same fields at the same places.
    #[test]
    fn the_plain_reader_agrees_with_the_yaml_reader(yaml in front_matter()) {
        both(&yaml);
    }
}

/// Scalars YAML reads in its own ways (times, other bases, special
/// floats, tags, anchors and aliases inside a word), in every place a
/// plain value stands: wherever the plain reader reads one, it reads it as
/// the YAML reader does.
#[test]
fn unusual_scalars_are_read_alike_or_left_alone() {
    let values = [
        "1:30",
        "0b101",
        "1.5e+3",
        ".NaN",
        "-.inf",
        "0o17",
        "2026-10-31T10:00:00",
        "null余",
        "~余",
        "NULL",
        "Yes",
        "ON",
        "=",
        "<<",
        "0x_1F",
        "1,2",
        "１２３",
        "true余",
        "!!str",
        "a!b",
        "a&b",
        "a*b",
        "a|b",
        "a>b",
        "a%b",
        "a@b",
        "a`b",
        "a'b",
        "a\"b",
    ];
    for v in values {
        for yaml in [
            format!("title: {v}\n"),
            format!("metrics:\n  人数: {v}\n"),
            format!("tags: [{v}]\n"),
            format!("campaign:\n  - {v}\n"),
            format!("source: {v}\n"),
        ] {
            if let Some(plain) = read(&yaml) {
                let slow = yaml_reader(&yaml).unwrap_or_else(|e| panic!("{yaml:?}: {e}"));
                assert_eq!(shown(&plain), shown(&slow), "{yaml:?}");
            }
        }
    }
}
