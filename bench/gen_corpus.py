#!/usr/bin/env python3
"""Generate a deterministic jianxun benchmark site.

Usage:
    python3 bench/gen_corpus.py N OUTDIR [--force] [--wide]

Writes OUTDIR/jianxun.yaml, 8 campaigns under OUTDIR/content/campaigns/ and
N bulletins under OUTDIR/content/bulletins/<year>/<mm>/b<00000>.md.

With --wide the archive is wide rather than long: 300 campaigns, regions
from 31 provinces × 12 cities × 8 counties (2,976 counties) and 1,500 tags,
the breadth of a national archive, for checking that no page grows with
how many campaigns, regions or tags there are.

Everything is derived from random.Random(SEED), so the same N always yields
byte-identical files.  Only the Python standard library is used.
"""

import argparse
import datetime
import os
import random
import shutil
import sys

# Bump when the output format changes on purpose (build.py also hashes this
# file, so any edit invalidates cached corpora anyway).
GENERATOR_VERSION = 1
SEED = 20200101

DATE_FIRST = datetime.date(2020, 1, 1)
DATE_LAST = datetime.date(2026, 10, 31)

CONFIG_YAML = """\
title: 基准测试站点
base_url: https://example.org/
language: zh-CN
paginate: 10
metrics:
  参与企业: { unit: 家, aggregate: sum }
  参与职工: { unit: 名, aggregate: sum }
  投入资金: { unit: 元, aggregate: sum }
  隐患整改: { unit: 项, aggregate: sum }
  培训场次: { unit: 场, aggregate: sum }
  建议采纳率: { unit: "%", aggregate: mean }
"""

METRICS = ["参与企业", "参与职工", "投入资金", "隐患整改", "培训场次", "建议采纳率"]

# slug, name, full_name, organizer, short topic used in titles/bodies
CAMPAIGNS = [
    ("anquan-shengchan-yue", "安全生产月", "全国“安全生产月”活动",
     "国务院安全生产委员会办公室", "安全生产"),
    ("ankang-bei", "安康杯竞赛", "全国“安康杯”竞赛活动",
     "中华全国总工会、应急管理部", "安康杯"),
    ("jinqiu-zhuxue", "金秋助学", "工会“金秋助学”活动",
     "中华全国总工会", "金秋助学"),
    ("xiasong-qingliang", "夏送清凉", "夏季“送清凉”慰问活动",
     "各级工会组织", "送清凉"),
    ("dongsong-wennuan", "冬送温暖", "元旦春节“送温暖”活动",
     "中华全国总工会", "送温暖"),
    ("zhigong-jineng", "职工技能大赛", "全国职工职业技能大赛",
     "中华全国总工会、人力资源和社会保障部", "技能竞赛"),
    ("heli-jianyi", "合理化建议", "职工合理化建议和技术创新活动",
     "中华全国总工会", "合理化建议"),
    ("yinhuan-zhengzhi", "隐患排查整治", "重大事故隐患专项排查整治行动",
     "国务院安全生产委员会", "隐患整治"),
]

PROVINCES = [
    ("四川", ["宜宾", "绵阳", "泸州"]),
    ("山西", ["大同", "长治", "晋中"]),
    ("福建", ["厦门", "泉州", "漳州"]),
    ("辽宁", ["营口", "鞍山", "锦州"]),
    ("山东", ["威海", "烟台", "潍坊"]),
    ("江苏", ["苏州", "无锡", "徐州"]),
    ("浙江", ["宁波", "温州", "绍兴"]),
    ("河南", ["洛阳", "开封", "南阳"]),
    ("湖北", ["宜昌", "襄阳", "荆州"]),
    ("广东", ["佛山", "东莞", "珠海"]),
]
REGIONS = [(p, c) for p, cities in PROVINCES for c in cities]

TAGS = [
    "安全生产", "隐患排查", "职工培训", "技能竞赛", "劳动保护", "职业健康",
    "困难帮扶", "助学", "送清凉", "送温暖", "合理化建议", "班组建设",
    "应急演练", "消防安全", "建筑施工", "危险化学品", "道路交通", "矿山安全",
    "制造业", "交通运输", "农民工", "新就业形态", "女职工", "劳模工匠",
    "创新工作室", "厂务公开", "集体协商", "工资支付", "安全文化", "宣传教育",
    "志愿服务", "基层工会", "企业走访", "专项检查", "督导检查", "典型经验",
    "表彰奖励", "数字化", "高温防护", "节能减排",
]

# ---------------------------------------------------------------------------
# Text pools
# ---------------------------------------------------------------------------

COMMON_CHARS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可"
    "主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家"
    "电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合"
    "还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边"
    "流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战"
    "先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
)

ORGS = [
    "市总工会", "市应急管理局", "区总工会", "县总工会", "市人社局", "市住建局",
    "市安委办", "产业工会", "市交通运输局", "开发区工委", "市卫健委", "市教育工会",
    "市国资委", "县应急管理局", "市工信局", "园区管委会",
]
ACTIONS = [
    "扎实推进", "全面开展", "深入推进", "精心组织", "持续深化", "启动实施",
    "圆满完成", "统筹推进", "高位推动", "积极开展", "稳步推进", "集中开展",
]
TITLE_SUFFIX = [
    "活动", "工作", "专项行动", "取得阶段性成效", "成效明显", "工作纪实",
    "推进会召开", "工作综述", "情况通报", "见行见效", "全面铺开", "落地见效",
]
TITLE_EXTRA = [
    "聚焦一线", "凝聚合力", "突出重点", "压实责任", "创新方式", "多措并举",
    "守牢底线", "服务职工", "提质增效", "点面结合",
]
SUBJECTS = [
    "各级工会组织", "重点企业", "基层单位", "广大职工", "行业主管部门",
    "安全管理人员", "班组长", "劳模工匠", "志愿服务队", "企业负责人",
    "一线职工", "工会干部", "专家团队", "属地乡镇",
]
VERBS = [
    "组织开展", "深入排查", "督促落实", "统筹协调", "扎实推进", "持续加强",
    "认真落实", "广泛宣传", "全面梳理", "严格执行", "及时整改", "不断完善",
    "重点检查", "细化分解", "建立健全", "跟踪督办",
]
OBJECTS = [
    "安全生产责任制", "隐患排查治理", "职工技能培训", "应急预案演练",
    "劳动保护措施", "职业病防治", "困难职工帮扶", "安全教育培训",
    "班组安全建设", "高温作业防护", "消防设施检查", "危险作业审批",
    "特种设备检验", "合理化建议征集", "技术创新成果转化", "厂务公开制度",
    "工资集体协商", "安全文化阵地", "送温暖慰问资金", "助学金发放",
]
RESULTS = [
    "取得了良好的社会效果", "职工满意度明显提升", "安全形势总体平稳",
    "各项任务按期完成", "形成了一批可复制的经验", "企业主体责任进一步压实",
    "基层基础不断夯实", "职工获得感持续增强", "隐患整改率达到预期目标",
    "工作机制更加健全",
]
ADVERBS = ["切实", "进一步", "持续", "全面", "不断", "扎实", "有效", "认真"]
QUOTES = [
    "一线工作法", "安全体检", "清单化管理", "网格化巡查", "送教上门",
    "师带徒", "点单式服务", "互联网+", "流动课堂", "随手拍",
    "四不两直", "双随机一公开", "红黄绿灯", "工匠讲堂",
]
HEADINGS = [
    "基本情况", "主要做法", "工作成效", "存在问题", "下一步打算", "典型经验",
    "组织保障", "经验启示", "重点任务", "工作亮点", "数据统计", "意见建议",
]
BOLD_LEADS = [
    "强化组织领导", "突出问题导向", "创新工作方式", "加强宣传引导",
    "压实工作责任", "注重典型示范", "完善制度机制", "强化督导检查",
    "聚焦重点行业", "深化协同联动",
]


def make_pseudo_words(rng, count):
    """Pre-build pseudo 'words' of 2-4 common characters (faster than per-char)."""
    words = []
    for _ in range(count):
        k = rng.choice((2, 2, 2, 3, 4))
        words.append("".join(rng.choice(COMMON_CHARS) for _ in range(k)))
    return words


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.words = make_pseudo_words(self.rng, 3000)

    # -- sentences -----------------------------------------------------------
    def w(self):
        return self.rng.choice(self.words)

    def av(self):
        """Adverb + verb, avoiding doubles such as 全面全面梳理."""
        a = self.rng.choice(ADVERBS)
        v = self.rng.choice(VERBS)
        if v.startswith(a[:2]) or a.startswith(v[:2]):
            return v
        return a + v

    def sentence(self, city, topic):
        r = self.rng
        c = r.choice
        t = r.randrange(9)
        if t == 0:
            s = f"{city}{c(ORGS)}{self.av()}{c(OBJECTS)}，{c(VERBS)}{c(OBJECTS)}，{c(RESULTS)}。"
        elif t == 1:
            n = r.randint(3, 980)
            u = c(("家", "名", "项", "场", "次", "人次"))
            s = f"截至{r.randint(1, 12)}月底，{c(SUBJECTS)}累计{c(VERBS)}{c(OBJECTS)}{n}{u}，{c(RESULTS)}。"
        elif t == 2:
            s = (f"{c(SUBJECTS)}坚持{self.w()}{self.w()}，把{c(OBJECTS)}作为{topic}工作的重要抓手，"
                 f"{self.av()}{c(OBJECTS)}。")
        elif t == 3:
            s = (f"通过“{c(QUOTES)}”等方式，{c(VERBS)}{c(OBJECTS)}，"
                 f"{self.w()}、{self.w()}和{self.w()}{c(ADVERBS)}得到加强。")
        elif t == 4:
            s = f"{self.w()}{self.w()}{self.w()}，{self.w()}{self.w()}{c(OBJECTS)}，{self.w()}{self.w()}。"
        elif t == 5:
            s = (f"针对{c(OBJECTS)}中存在的薄弱环节，{c(SUBJECTS)}{c(VERBS)}{self.w()}{self.w()}，"
                 f"做到{self.w()}、{self.w()}、{self.w()}。")
        elif t == 6:
            s = f"活动期间，共{c(VERBS)}{c(OBJECTS)}{r.randint(2, 600)}次，{c(SUBJECTS)}参与热情高涨，{c(RESULTS)}。"
        elif t == 7:
            s = f"{c(SUBJECTS)}表示，将以此次{topic}为契机，{self.av()}{c(OBJECTS)}，{self.w()}{self.w()}{self.w()}。"
        else:
            s = f"{city}{self.w()}{self.w()}{c(OBJECTS)}{self.w()}，{c(RESULTS)}。"
        return s

    def paragraph(self, city, topic, budget):
        parts = []
        n = 0
        while True:
            s = self.sentence(city, topic)
            parts.append(s)
            n += len(s)
            if n >= budget:
                break
        return "".join(parts)

    def body(self, city, topic):
        r = self.rng
        target = r.randint(600, 2380)
        nsec = r.randint(2, 4)
        heads = r.sample(HEADINGS, nsec)
        blocks = []
        lead = self.paragraph(city, topic, r.randint(60, 140))
        blocks.append(lead)
        total = len(lead)
        per_sec = max(120, (target - total) // nsec)
        for h in heads:
            head = f"## {h}"
            blocks.append(head)
            total += len(head) + 2
            sec_used = 0
            while sec_used < per_sec and total < target:
                kind = r.random()
                remaining = min(per_sec - sec_used, target - total)
                if kind < 0.12:
                    items = []
                    for _ in range(r.randint(3, 5)):
                        items.append(f"- {r.choice(VERBS)}{r.choice(OBJECTS)}，{self.w()}{self.w()}{self.w()}")
                    blk = "\n".join(items)
                elif kind < 0.25:
                    blk = f"**{r.choice(BOLD_LEADS)}：**" + self.paragraph(
                        city, topic, min(remaining, r.randint(80, 260)))
                else:
                    blk = self.paragraph(city, topic, min(remaining, r.randint(90, 320)))
                blocks.append(blk)
                total += len(blk) + 2
                sec_used += len(blk) + 2
        text = "\n\n".join(blocks) + "\n"
        while len(text) < 600:
            text += "\n" + self.paragraph(city, topic, 120) + "\n"
        if len(text) > 2500:
            # Drop trailing sentences until within the limit (rare).
            cut = text.rfind("。", 0, 2499)
            text = text[:cut + 1] + "\n"
        return text

    # -- titles --------------------------------------------------------------
    def title(self, city, camp_name, seen):
        r = self.rng
        for attempt in range(8):
            parts = []
            if r.random() < 0.8:
                parts.append(city + r.choice(("", "市", "")))
            if r.random() < 0.5:
                parts.append(r.choice(ORGS).lstrip("市"))
            if r.random() < 0.35:
                parts.append(r.choice(TITLE_EXTRA))
            parts.append(r.choice(ACTIONS))
            parts.append(camp_name)
            parts.append(r.choice(TITLE_SUFFIX))
            t = "".join(parts)
            while len(t) < 10:
                t = self.w() + t
            if len(t) > 24:
                continue
            if t not in seen:
                seen.add(t)
                return t
        # Fall back to an issue number to keep titles unique-ish.
        base = f"{city}{camp_name}{r.choice(TITLE_SUFFIX)}"[:18]
        i = 2
        while f"{base}（{i}）" in seen:
            i += 1
        t = f"{base}（{i}）"
        seen.add(t)
        return t

    # -- metrics -------------------------------------------------------------
    def metric_value(self, name):
        r = self.rng
        x = r.random()
        if name == "建议采纳率":
            v = r.randint(30, 96)
            return f"{v}%" if x < 0.7 else str(v)
        if name == "参与企业":
            v = int(10 ** r.uniform(1, 3.3))
            if x < 0.15:
                return f"{max(10, round(v, -1))}家左右"
            if x < 0.22:
                return "近百"
        elif name == "参与职工":
            v = int(10 ** r.uniform(2, 5.3))
        elif name == "投入资金":
            v = int(10 ** r.uniform(4, 7.7))
            if x < 0.25:
                return f"{max(1, v // 10000)}余万元"
        elif name == "隐患整改":
            v = int(10 ** r.uniform(1, 3.7))
            if x < 0.15:
                return f"{max(10, round(v, -1))}项以上"
            if x < 0.2:
                return "近百"
        else:  # 培训场次
            v = int(10 ** r.uniform(0.5, 2.8))
            if x < 0.06:
                return "近百"
        y = r.random()
        if v >= 10000 and y < 0.3:
            return f"{v // 10000}万余"
        if v >= 10000 and y < 0.6:
            s = f"{v / 10000:.1f}"
            if s.endswith(".0"):
                s = s[:-2]
            return f"{s}万"
        if v >= 1000 and y < 0.8:
            return f"{v:,}"
        return str(v)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, outdir):
    g = Gen(SEED)
    r = g.rng

    write(os.path.join(outdir, "jianxun.yaml"), CONFIG_YAML)

    camp_dir = os.path.join(outdir, "content", "campaigns")
    os.makedirs(camp_dir, exist_ok=True)
    for slug, name, full, org, topic in CAMPAIGNS:
        intro = (
            f"{full}由{org}组织开展，旨在{g.av()}{r.choice(OBJECTS)}，"
            f"推动{r.choice(OBJECTS)}和{r.choice(OBJECTS)}落到实处。\n\n"
            f"本专题汇集各地关于**{name}**的简讯，按地区和时间归档，"
            f"并对{r.choice(('参与企业', '参与职工', '投入资金'))}等指标进行汇总。\n"
        )
        write(os.path.join(camp_dir, f"{slug}.md"),
              f"---\nname: {name}\nfull_name: {full}\norganizer: {org}\n"
              f"start: 2020-01-01\n---\n\n{intro}")

    span = (DATE_LAST - DATE_FIRST).days
    dates = sorted(DATE_FIRST + datetime.timedelta(days=r.randint(0, span)) for _ in range(n))

    seen_titles = set()
    made_dirs = set()
    total_body = 0
    for i, d in enumerate(dates):
        prov, city = r.choice(REGIONS)
        ci = r.randrange(len(CAMPAIGNS))
        camp = CAMPAIGNS[ci]
        if r.random() < 0.10:
            cj = r.randrange(len(CAMPAIGNS) - 1)
            if cj >= ci:
                cj += 1
            camp_line = f"campaign:\n  - {camp[0]}\n  - {CAMPAIGNS[cj][0]}\n"
        else:
            camp_line = f"campaign: {camp[0]}\n"
        title = g.title(city, camp[1], seen_titles)
        tags = r.sample(TAGS, r.randint(1, 3))
        mnames = r.sample(METRICS, r.randint(3, 6))
        mnames.sort(key=METRICS.index)
        mlines = "".join(f"  {m}: {g.metric_value(m)}\n" for m in mnames)
        body = g.body(city, camp[4])
        total_body += len(body)

        sub = os.path.join(outdir, "content", "bulletins", f"{d.year:04d}", f"{d.month:02d}")
        if sub not in made_dirs:
            os.makedirs(sub, exist_ok=True)
            made_dirs.add(sub)
        write(os.path.join(sub, f"b{i:05d}.md"),
              f"---\ntitle: {title}\ndate: {d.isoformat()}\n{camp_line}"
              f"region: {prov}/{city}\ntags: [{', '.join(tags)}]\nmetrics:\n{mlines}---\n\n{body}")
    return total_body


def widen():
    """Switches the generator to a wide archive (see --wide)."""
    global CAMPAIGNS, REGIONS, TAGS
    CAMPAIGNS = [(f"huodong-{i:03d}", f"专项活动{i}号", f"全省第{i}号专项活动",
                  "省总工会", f"专项{i}") for i in range(300)]
    REGIONS = [(f"省{p:02d}", f"市{c:02d}/县{k}")
               for p in range(31) for c in range(12) for k in range(8)]
    TAGS = [f"专题{i}" for i in range(1500)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of bulletins")
    ap.add_argument("outdir", help="site root to create")
    ap.add_argument("--force", action="store_true",
                    help="replace OUTDIR/content and OUTDIR/jianxun.yaml if present")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--wide", action="store_true",
                    help="300 campaigns, 2,976 counties and 1,500 tags")
    a = ap.parse_args(argv)
    if a.wide:
        widen()
    if a.n < 0 or a.n > 1_000_000:
        ap.error("N must be in 0..1000000")
    if os.path.isdir(a.outdir) and os.listdir(a.outdir):
        if not a.force:
            ap.error(f"{a.outdir} is not empty (use --force to regenerate)")
        shutil.rmtree(os.path.join(a.outdir, "content"), ignore_errors=True)
        cfg = os.path.join(a.outdir, "jianxun.yaml")
        if os.path.exists(cfg):
            os.remove(cfg)
    os.makedirs(a.outdir, exist_ok=True)
    total_body = generate(a.n, a.outdir)
    if not a.quiet:
        avg = total_body / a.n if a.n else 0
        print(f"generated {a.n} bulletins + {len(CAMPAIGNS)} campaigns in {a.outdir} "
              f"(avg body {avg:.0f} chars)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
