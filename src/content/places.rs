//! The built-in gazetteer: China's 34 provincial-level regions with their
//! short names, and the prefecture-, county- and district-level places the
//! bulletins name most, each with the path of the region it lies in.
//!
//! Data only; [`super::region`] uses it to resolve how a region is written
//! (`四川省/宜宾市`, `宜宾市`) to one canonical path of short names
//! (`四川/宜宾`). A site adds or overrides places under `regions:` in
//! jianxun.yaml.

/// Provincial-level regions: (short name, full name), in the order of
/// their GB/T 2260 codes (北京 11 … 澳门 82), which is the order lists of
/// regions follow. The short name is the canonical one, shown on pages and
/// used for slugs.
pub const PROVINCES: &[(&str, &str)] = &[
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("内蒙古", "内蒙古自治区"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("上海", "上海市"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("广西", "广西壮族自治区"),
    ("海南", "海南省"),
    ("重庆", "重庆市"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("西藏", "西藏自治区"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
    ("台湾", "台湾省"),
    ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
];

/// The whole country: a top-level region of its own.
pub const NATIONWIDE: &str = "全国";

/// Places below the provinces: (short name, full name, path of the region
/// it lies in), each province's in the order of their GB/T 2260 codes. A
/// short name may appear twice (朝阳 in 辽宁 and in 北京): written alone it
/// is then ambiguous.
pub const PLACES: &[(&str, &str, &str)] = &[
    // 四川
    ("成都", "成都市", "四川"),
    ("自贡", "自贡市", "四川"),
    ("攀枝花", "攀枝花市", "四川"),
    ("泸州", "泸州市", "四川"),
    ("德阳", "德阳市", "四川"),
    ("绵阳", "绵阳市", "四川"),
    ("广元", "广元市", "四川"),
    ("遂宁", "遂宁市", "四川"),
    ("内江", "内江市", "四川"),
    ("乐山", "乐山市", "四川"),
    ("南充", "南充市", "四川"),
    ("眉山", "眉山市", "四川"),
    ("宜宾", "宜宾市", "四川"),
    ("广安", "广安市", "四川"),
    ("达州", "达州市", "四川"),
    ("雅安", "雅安市", "四川"),
    ("巴中", "巴中市", "四川"),
    ("资阳", "资阳市", "四川"),
    ("阿坝", "阿坝藏族羌族自治州", "四川"),
    ("甘孜", "甘孜藏族自治州", "四川"),
    ("凉山", "凉山彝族自治州", "四川"),
    ("长宁", "长宁县", "四川/宜宾"),
    ("古蔺", "古蔺县", "四川/泸州"),
    ("叙永", "叙永县", "四川/泸州"),
    // 山西
    ("太原", "太原市", "山西"),
    ("大同", "大同市", "山西"),
    ("阳泉", "阳泉市", "山西"),
    ("长治", "长治市", "山西"),
    ("晋城", "晋城市", "山西"),
    ("朔州", "朔州市", "山西"),
    ("晋中", "晋中市", "山西"),
    ("运城", "运城市", "山西"),
    ("忻州", "忻州市", "山西"),
    ("临汾", "临汾市", "山西"),
    ("吕梁", "吕梁市", "山西"),
    // 福建
    ("福州", "福州市", "福建"),
    ("厦门", "厦门市", "福建"),
    ("莆田", "莆田市", "福建"),
    ("三明", "三明市", "福建"),
    ("泉州", "泉州市", "福建"),
    ("漳州", "漳州市", "福建"),
    ("南平", "南平市", "福建"),
    ("龙岩", "龙岩市", "福建"),
    ("宁德", "宁德市", "福建"),
    // 山东
    ("济南", "济南市", "山东"),
    ("青岛", "青岛市", "山东"),
    ("淄博", "淄博市", "山东"),
    ("枣庄", "枣庄市", "山东"),
    ("东营", "东营市", "山东"),
    ("烟台", "烟台市", "山东"),
    ("潍坊", "潍坊市", "山东"),
    ("济宁", "济宁市", "山东"),
    ("泰安", "泰安市", "山东"),
    ("威海", "威海市", "山东"),
    ("日照", "日照市", "山东"),
    ("临沂", "临沂市", "山东"),
    ("德州", "德州市", "山东"),
    ("聊城", "聊城市", "山东"),
    ("滨州", "滨州市", "山东"),
    ("菏泽", "菏泽市", "山东"),
    ("荣成", "荣成市", "山东/威海"),
    // 辽宁
    ("沈阳", "沈阳市", "辽宁"),
    ("大连", "大连市", "辽宁"),
    ("鞍山", "鞍山市", "辽宁"),
    ("抚顺", "抚顺市", "辽宁"),
    ("本溪", "本溪市", "辽宁"),
    ("丹东", "丹东市", "辽宁"),
    ("锦州", "锦州市", "辽宁"),
    ("营口", "营口市", "辽宁"),
    ("阜新", "阜新市", "辽宁"),
    ("辽阳", "辽阳市", "辽宁"),
    ("盘锦", "盘锦市", "辽宁"),
    ("铁岭", "铁岭市", "辽宁"),
    ("朝阳", "朝阳市", "辽宁"),
    ("葫芦岛", "葫芦岛市", "辽宁"),
    ("鲅鱼圈", "鲅鱼圈区", "辽宁/营口"),
    // Districts of the municipalities that share a name with a place above.
    ("朝阳", "朝阳区", "北京"),
    ("长宁", "长宁区", "上海"),
    // The other provincial capitals, and a few cities named as often.
    ("石家庄", "石家庄市", "河北"),
    ("长春", "长春市", "吉林"),
    ("哈尔滨", "哈尔滨市", "黑龙江"),
    ("南京", "南京市", "江苏"),
    ("苏州", "苏州市", "江苏"),
    ("杭州", "杭州市", "浙江"),
    ("宁波", "宁波市", "浙江"),
    ("合肥", "合肥市", "安徽"),
    ("南昌", "南昌市", "江西"),
    ("郑州", "郑州市", "河南"),
    ("武汉", "武汉市", "湖北"),
    ("长沙", "长沙市", "湖南"),
    ("广州", "广州市", "广东"),
    ("深圳", "深圳市", "广东"),
    ("海口", "海口市", "海南"),
    ("贵阳", "贵阳市", "贵州"),
    ("昆明", "昆明市", "云南"),
    ("西安", "西安市", "陕西"),
    ("兰州", "兰州市", "甘肃"),
    ("西宁", "西宁市", "青海"),
    ("呼和浩特", "呼和浩特市", "内蒙古"),
    ("南宁", "南宁市", "广西"),
    ("拉萨", "拉萨市", "西藏"),
    ("银川", "银川市", "宁夏"),
    ("乌鲁木齐", "乌鲁木齐市", "新疆"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_province_is_there_once() {
        assert_eq!(PROVINCES.len(), 34);
        let mut shorts: Vec<_> = PROVINCES.iter().map(|p| p.0).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), 34);
    }

    #[test]
    fn every_place_lies_in_a_province_and_is_listed_once() {
        for (short, full, parent) in PLACES {
            let top = parent.split('/').next().unwrap_or("");
            assert!(PROVINCES.iter().any(|p| p.0 == top), "{short}: {parent}");
            assert!(full.starts_with(short), "{short} / {full}");
            let same = PLACES
                .iter()
                .filter(|p| p.0 == *short && p.2 == *parent)
                .count();
            assert_eq!(same, 1, "{short} in {parent}");
        }
    }
}
