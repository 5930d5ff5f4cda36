//! Tables of values as the bulletins write them.
use std::str::FromStr;

use super::*;

/// `raw@unit=value`, then `≥` for at least or `≈` for about; no `@`
/// for no unit; `_` stands for a space.
const ACCEPTED: &str = "
    1292@家=1292  1,292@家=1292  1，292@家=1292  １２９２@家=1292  7.2=7.2  １．５=1.5
    1.25=1.25  1,292.5=1292.5  1,000,000=1000000  0=0  411=411  +3=3  ＋3=3
    100_万元@元=1000000  三十=30  一百二十=120  两千=2000  百=100  十五=15
    一万二千=12000  三千五百万=35000000  零=0  〇=0  一百零五=105  一万零五=10005
    三百五=350  一万二=12000  一亿五=150000000  三亿五千万=350000000  1.2万=12000
    3千=3000  1万2千=12000  3千万=30000000  萬=10000  7.2万=72000  1.25万=12500
    2亿=200000000  1.5万亿=1500000000000  三万亿=3000000000000
    超50亿元@元=5000000000≥  近百=100≈  约55%@%=55≈  逾千=1000≥  600余万元@元=6000000≥
    60余项@项=60≥  4000多场@场=4000≥  三千多=3000≥  12万余@名=120000≥
    12万余名@名=120000≥  80家左右@家=80≈  20项以上@项=20≥  1090余万元@元=10900000≥
    大约100=100≈  100左右=100≈  超过50家@家=50≥  十余万=100000≥  三千多万=30000000≥
    万余名@名=10000≥  将近2万=20000≈  1亿3千余万=130000000≥  约80家左右@家=80≈
    55%左右@%=55≈  百余@场=100≥  300万元@元=3000000  411家@家=411  55%@%=55
    55@%=55  55％@%=55  百分之五十五@%=55  100人@名=100  100名@名=100  76位@名=76
    1.25万人次@人次=12500  5千克@千克=5  300万元@万元=300  3亿元@万元=30000
    5000元@万元=0.5  300@万元=300  2万人@万人=2  34项@项=34  18%@%=18  20余项@项=20≥
    500元@元=500  40万元@元=400000  150余条@条=150≥  83条@条=83  519家@家=519
    804个@个=804  6855人@名=6855  3000余人次@人次=3000≥  7万余人次@人次=70000≥
    5000元@元=5000  9000余元@元=9000≥  1500余家@家=1500≥  200余名@名=200≥
    2238名@名=2238  171个@个=171  100余场@场=100≥  70余场@场=70≥  300余篇@篇=300≥
    220余次@次=220≥  20余万份@份=200000≥  100亿元@元=10000000000  9000亿元@元=900000000000
    18.9万名@名=189000  3万余名@名=30000≥  1292家@家=1292  2038名@名=2038
    500余期次@期次=500≥  3000余人@名=3000≥  100余家@家=100≥  23项@项=23
    0万=0  0.0万=0  0亿=0  0万亿=0  零万=0  约0.0万=0≈  0万余=0≥  0万元@元=0  0.0万人@名=0
    0.0000000000000000000000000001=0.0000000000000000000000000001
    79228162514264337593543950335=79228162514264337593543950335  0.5万元@万元=0.5
";

#[test]
fn accepts_the_bulletins_notation() {
    for case in ACCEPTED.split_whitespace() {
        let (written, want) = case.rsplit_once('=').unwrap();
        let (raw, unit) = written.split_once('@').unwrap_or((written, ""));
        let (value, bound) = match want.strip_suffix('≥') {
            Some(v) => (v, Bound::AtLeast),
            None => match want.strip_suffix('≈') {
                Some(v) => (v, Bound::About),
                None => (want, Bound::Exact),
            },
        };
        let raw = raw.replace('_', " ");
        let want = (Decimal::from_str(value).unwrap(), bound);
        let got = parse(&raw, unit, false).map(|q| (q.value, q.bound));
        assert_eq!(got, Ok(want), "{raw} ({unit})");
    }
    assert_eq!(
        parse("  411 ", "家", false).map(|q| q.value),
        Ok(Decimal::from(411))
    );
    let signed = [
        ("-3", "-3", Bound::Exact),
        ("负3", "-3", Bound::Exact),
        ("约-3", "-3", Bound::About),
        ("-12万余", "-120000", Bound::AtLeast),
    ];
    for (raw, value, bound) in signed {
        let want = (Decimal::from_str(value).unwrap(), bound);
        let got = parse(raw, "", true).map(|q| (q.value, q.bound));
        assert_eq!(got, Ok(want), "{raw}");
    }
}

/// `raw | unit | column | part of the message`.
const REJECTED: &str = "
    | 家 | 0 | empty
    3 4 | | 2 | two numbers
    1 292 | | 2 | two numbers
    3、4 | | 1 | two numbers
    二〇二五 | | 1 | two numbers
    3-5 | | 1 | a range; write one number
    3到5 | | 1 | a range; write one number
    3～5家 | 家 | 1 | a range
    很多 | | 0 | not a number
    abc | | 0 | not a number
    1e3 | | 1 | two numbers
    余 | | 0 | a bound with no number
    约 | 家 | 0 | a bound with no number
    家 | 家 | 0 | a unit with no number
    - | | 0 | a sign with no number
    余60 | | 0 | before the number
    家411 | 家 | 0 | before the number
    3万千 | | 2 | wrong order
    2亿万 | | 2 | wrong order
    3万万 | | 2 | wrong order
    3亿5亿 | | 3 | wrong order
    一十百 | | 2 | wrong order
    9999万亿亿 | | 6 | wrong order
    一百十 | | 2 | no digit before
    7.2万人 | 元 | 4 | has the unit `人`, but this metric is counted in 元
    411个 | 家 | 3 | counted in 家
    12万余名 | 人次 | 4 | counted in 人次
    411家企业 | 家 | 3 | counted in 家
    411家 | | 3 | has the unit `家`, but this metric has none
    55% | 家 | 2 | is a percentage
    3家4 | 家 | 2 | a number after the unit
    -3 | | 0 | negative values are not allowed
    约-3 | | 1 | negative values are not allowed
    3,4 | | 1 | commas
    1,2345 | | 1 | commas
    12,34,567 | | 2 | commas
    1.2,345 | | 3 | commas
    7. | | 1 | decimal point
    1.2.3 | | 3 | decimal point
    近100余 | | 4 | both
    60余5 | | 3 | after its bound
    300万 | 万元 | 0 | needs its unit
    99999999999999999999999999999 | | 0 | too large
    1000000000000000000万亿 | | 0 | too large
    79228162514264337593543950336.5 | | 0 | too large
    0.00000000000000000000000000001 | | 1 | too precise
    1.00000000000000000000000000001 | | 1 | too precise
    约12,345.000000000000000000000000001 | | 7 | too precise
    0.0000000000000000000000000001元 | 万元 | 0 | too precise
    7922816251426433759354万0.0000001 | | 0 | too precise
";

#[test]
fn rejects_with_a_message_and_a_column() {
    let spaces = parse("   ", "家", false).unwrap_err();
    assert_eq!(
        (spaces.column, spaces.message.en().as_str()),
        (0, "the value is empty")
    );
    for line in REJECTED.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        let (raw, unit, column, message) = (f[0], f[1], f[2].parse::<usize>().unwrap(), f[3]);
        let e = parse(raw, unit, false).unwrap_err();
        assert!(
            e.message.en().contains(message),
            "{raw}: {}",
            e.message.en()
        );
        assert_eq!(e.column, column, "{raw}: {}", e.message);
        assert!(!e.hint.en().is_empty(), "{raw}");
    }
}

/// `raw | unit | hint`.
const HINTS: &str = "
    7.2万人 | 元 | this metric is counted in 元: write e.g. 7.2万元
    12万余名 | 人次 | this metric is counted in 人次: write e.g. 12万余人次
    411家 | | this metric has no unit: write the bare number, e.g. 411
    3-5 | 项 | write one number, e.g. 3项, or 3余项 for “at least”
    300万 | 万元 | write 300万元
    0.00000000000000000000000000001 | | round it to fewer decimal places, e.g. 0.25 or 1.5万
";

#[test]
fn a_wrong_unit_suggests_the_right_value() {
    let e = parse("7.2万人", "元", false).unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("7.2万元"));
    assert_eq!(parse("3-5", "项", false).unwrap_err().suggestion, None);
}

#[test]
fn hints_show_the_correct_form() {
    for line in HINTS.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(
            parse(f[0], f[1], false).unwrap_err().hint.en(),
            f[2],
            "{}",
            f[0]
        );
    }
}

/// `raw@unit=step`, then `+` when the amount has no upper limit; the step
/// is the place a bound leaves open, or how precise an approximate amount is.
const STEPS: &str = "
    411=0  7.2万=0  30余万=100000  30万余=10000  12万余@名=10000  12万余名@名=10000
    1.2万余=1000  1.25万余=100  600余万元@元=1000000  30余=10  30余家@家=10  1,292余=1
    1000余=1000  百余@场=100  三千多=1000  十余万=100000  一百二十余=10  1亿3千余万=10000000
    4000多场@场=1000  万余名@名=10000  3万余名@名=10000  20余万份@份=100000
    约300=100  约2,000=1000  约1.2万=1000  近百=100  80家左右@家=10  约55%@%=1  约55.5%@%=0.1
    将近2万=10000  约0.0万=1  20项以上@项=10+  超50亿元@元=1000000000+  逾千=1000+
    超过50家@家=10+  411以上=1+  1万以上=10000+  600余万元@万元=100  9000余元@万元=0.1
";

#[test]
fn steps_say_what_a_bound_leaves_open() {
    for case in STEPS.split_whitespace() {
        let (written, want) = case.rsplit_once('=').unwrap();
        let (raw, unit) = written.split_once('@').unwrap_or((written, ""));
        let (step, open) = match want.strip_suffix('+') {
            Some(s) => (s, true),
            None => (want, false),
        };
        let q = parse(raw, unit, false).unwrap();
        assert_eq!(
            (q.step, q.open),
            (Decimal::from_str(step).unwrap().normalize(), open),
            "{raw} ({unit})"
        );
    }
}
