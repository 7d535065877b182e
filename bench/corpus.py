"""A synthetic corpus of disclosure documents from a fictional district, for the search benchmark.

Every word list here is ours: a fictional district (枫林区 of 江岚市), its towns, agencies and people,
and the generic vocabulary of Chinese government documents. Words are drawn with a Zipf-like spread
(a few very common, a long tail of rare ones) and documents vary in genre, length (300–3000
characters, skewed towards short) and structure, so that posting lists have realistic shapes rather
than the same sentence repeated. The output is deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from gongkai.lib.text import to_traditional
from gongkai.search.backend import SearchDoc

DISTRICT = "枫林区"
CITY = "江岚市"
TOWNS = (
    "枫桥街道", "石湾镇", "柳塘镇", "白沙街道", "云谷镇", "青岗镇", "南浦街道", "东湖街道",
    "梅岭镇", "西塘镇", "北溪街道", "龙湾镇", "桂山镇", "芦荻镇", "新桥街道", "花溪镇",
)
# (full name, short name used in document numbers)
AGENCIES = (
    ("区人民政府", "枫政发"), ("区政府办公室", "枫政办发"), ("区发展和改革局", "枫发改"),
    ("区财政局", "枫财"), ("区教育局", "枫教"), ("区卫生健康局", "枫卫健"), ("区民政局", "枫民"),
    ("区住房和城乡建设局", "枫建"), ("区交通运输局", "枫交"), ("区农业农村局", "枫农"),
    ("区生态环境局", "枫环"), ("区市场监督管理局", "枫市监"), ("区人力资源和社会保障局", "枫人社"),
    ("区应急管理局", "枫应急"), ("区文化广电和旅游体育局", "枫文旅"), ("区司法局", "枫司"),
    ("区审计局", "枫审"), ("区统计局", "枫统"), ("区自然资源和规划局", "枫自然资源"),
    ("区水利局", "枫水"), ("区商务局", "枫商"), ("区科学技术局", "枫科"),
    ("区退役军人事务局", "枫退役"), ("区医疗保障局", "枫医保"), ("区城市管理局", "枫城管"),
    ("区行政审批局", "枫审批"), ("区数据资源管理局", "枫数据"), ("区机关事务管理中心", "枫机关"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉萍红建文辉力斌宇浩凯鹏飞云海波晨阳雪梅琳欣怡佳慧志国庆春晓晶亮峰宁"
TOPICS = (
    "综合政务", "国民经济管理、国有资产监管", "财政、金融、审计", "农业、林业、水利",
    "工业、交通", "商贸、海关、旅游", "城乡建设、环境保护", "科技、教育", "文化、广电、新闻出版",
    "卫生、体育", "民政、扶贫、救灾", "劳动、人事、监察", "公安、安全生产、司法", "机关事务",
)
COMBOS = (
    "政策文件", "规划计划", "政府会议", "财政信息", "人事信息", "重大项目", "政府工作报告",
    "统计信息", "应急管理", "行政执法", "政府信息公开年报", "公示公告",
)
VALIDITY = (("有效", 70), ("", 15), ("失效", 8), ("废止", 7))
# Ordered from most to least frequent: the Zipf weights follow this order.
NOUNS = (
    "工作", "发展", "建设", "管理", "服务", "项目", "企业", "安全", "资金", "群众", "政策", "制度",
    "经济", "社会", "环境", "教育", "卫生", "城市", "农村", "改革", "市场", "保障", "生态", "产业",
    "基层", "社区", "文化", "交通", "住房", "就业", "医疗", "养老", "民生", "财政", "预算", "规划",
    "应急", "消防", "防汛", "人才", "科技", "创新", "数字化", "营商环境", "乡村振兴", "基础设施",
    "公共服务", "重点项目", "民生实事", "安全生产", "生态环境", "污染防治", "河道整治", "垃圾分类",
    "老旧小区改造", "学前教育", "义务教育", "职业教育", "公共卫生", "疾病预防", "食品安全",
    "药品监管", "市场监管", "行政执法", "政务公开", "信息公开", "依法行政", "审计整改", "国有资产",
    "债务风险", "招商引资", "对外开放", "外贸出口", "商贸流通", "消费市场", "旅游发展", "文物保护",
    "公共文化", "全民健身", "体育设施", "社会救助", "最低生活保障", "残疾人", "未成年人保护",
    "退役军人", "优抚安置", "殡葬改革", "婚姻登记", "社会组织", "志愿服务", "网格化管理",
    "矛盾纠纷", "信访工作", "法律援助", "人民调解", "社区矫正", "禁毒工作", "反诈宣传", "道路交通",
    "公共交通", "停车设施", "农村公路", "水利工程", "农田水利", "高标准农田", "粮食安全",
    "耕地保护", "种业振兴", "农业机械", "农产品质量", "畜牧养殖", "林业生态", "森林防火",
    "地质灾害", "自然资源", "土地征收", "不动产登记", "国土空间", "城市更新", "园林绿化",
    "市容环境", "燃气安全", "供水保障", "污水处理", "海绵城市", "智慧城市", "数据共享",
    "电子政务", "一网通办", "政务服务", "审批改革", "信用体系", "知识产权", "专利申请",
    "科技型企业", "高新技术", "研发投入", "人才公寓", "创业担保", "技能培训", "劳动关系",
    "工资支付", "社会保险", "医疗保险", "长期护理", "家庭医生", "妇幼保健", "托育服务",
    "校园安全", "课后服务", "教师队伍", "集团化办学", "文明创建", "移风易俗", "非遗传承",
    "古建筑", "红色资源", "气象服务", "防雷减灾", "人口普查", "统计调查", "经济普查",
    "节能降耗", "碳达峰", "新能源", "光伏发电", "充电设施", "物流园区", "冷链物流",
    "跨境电商", "夜间经济", "老字号", "农贸市场", "菜篮子", "价格监测", "特种设备",
    "危险化学品", "工贸企业", "建筑施工", "有限空间", "电动自行车", "群租房", "高层建筑",
)
VERBS = (
    "推进", "加强", "落实", "完善", "提升", "推动", "做好", "开展", "强化", "深化", "健全", "优化",
    "加快", "保障", "规范", "组织", "实施", "统筹", "支持", "引导", "鼓励", "指导", "督促", "部署",
    "研究", "审议", "听取", "协调", "巩固", "拓展", "培育", "扩大", "改善", "整治", "排查", "监测",
)
ADVERBS = ("进一步", "全面", "持续", "切实", "扎实", "积极", "稳步", "大力", "认真", "统筹", "有序", "加快")
UNITS = (("万元", 1, 90000), ("亿元", 1, 300), ("个", 1, 900), ("家", 1, 600), ("人次", 100, 90000),
         ("公里", 1, 300), ("平方米", 100, 900000), ("户", 10, 9000), ("件", 10, 9000), ("场", 1, 400))
GENRES = ("通知", "意见", "办法", "方案", "报告", "会议纪要", "批复", "公告", "决定", "函")
GENRE_WEIGHTS = (24, 10, 8, 12, 10, 14, 6, 8, 4, 4)
# Injected into one document in this many: the "rare term" of the benchmark's query mix.
RARE_PHRASE = "鸬鹚湾湿地"
RARE_EVERY = 9973
START, END = date(2012, 1, 1), date(2025, 12, 31)


@dataclass(frozen=True)
class CorpusStats:
    docs: int
    chars: int


class _Zipf:
    """Weighted choice where the item of rank r has weight 1 / r**s."""

    def __init__(self, items: Sequence[str], s: float = 1.05) -> None:
        self.items = list(items)
        self.cum = list(accumulate(1.0 / (rank**s) for rank in range(1, len(items) + 1)))

    def pick(self, rng: random.Random, k: int = 1) -> list[str]:
        return rng.choices(self.items, cum_weights=self.cum, k=k)


_NOUN = _Zipf(NOUNS)
_VERB = _Zipf(VERBS, 0.8)
_TOWN = _Zipf(TOWNS, 0.7)
_AGENCY = _Zipf([a for a, _ in AGENCIES], 0.6)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _amount(rng: random.Random) -> str:
    unit, low, high = rng.choice(UNITS)
    return f"{rng.randint(low, high)}{unit}"


def _sentence(rng: random.Random, year: int) -> str:
    n1, n2, n3 = _distinct_nouns(rng, 3)
    v1, v2 = _VERB.pick(rng, 2)
    adv = rng.choice(ADVERBS)
    town = _TOWN.pick(rng)[0]
    agency = _AGENCY.pick(rng)[0]
    kind = rng.randrange(14)
    if kind == 0:
        return f"{adv}{v1}{n1}{n2}，{v2}{n3}，确保各项任务落到实处。"
    if kind == 1:
        return f"截至{year}年底，全区{n1}累计完成{_amount(rng)}，同比增长{rng.randint(1, 300) / 10}%。"
    if kind == 2:
        return f"{town}{adv}{v1}{n1}工作，{v2}{n2}与{n3}协同发展。"
    if kind == 3:
        return f"{agency}要牵头{v1}{n1}，会同相关部门{v2}{n2}，按时报送进展情况。"
    if kind == 4:
        return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日，{person(rng)}同志主持召开{n1}专题会议。"
    if kind == 5:
        return f"会议原则同意{agency}提出的《关于{v1}{n1}{n2}的实施意见》，请按程序办理。"
    if kind == 6:
        return f"各街道（镇）、各部门要{adv}提高认识，把{n1}摆在突出位置，{v1}{n2}长效机制。"
    if kind == 7:
        return f"全年共{v1}{n1}项目{rng.randint(2, 80)}个，涉及{n2}资金{_amount(rng)}。"
    if kind == 8:
        return f"{town}{n1}{n2}建设项目总投资{_amount(rng)}，计划于{year + 1}年竣工。"
    if kind == 9:
        return f"联系人：{person(rng)}，联系电话：{rng.randint(60000000, 69999999)}。"
    if kind == 10:
        return f"二是{v1}{n1}。围绕{n2}和{n3}，{adv}{v2}工作举措。"
    if kind == 11:
        return f"对{n1}中发现的问题，{agency}要建立台账，{adv}{v2}整改。"
    if kind == 12:
        return f"{n1}、{n2}、{n3}等工作取得明显成效，群众满意度达到{rng.randint(850, 999) / 10}%。"
    return f"{adv}{v1}{n1}，{v2}{n2}，为{DISTRICT}{n3}提供有力保障。"


def _distinct_nouns(rng: random.Random, k: int) -> list[str]:
    nouns: list[str] = []
    while len(nouns) < k:
        nouns += [n for n in _NOUN.pick(rng, k) if n not in nouns]
    return nouns[:k]


def _title(rng: random.Random, genre: str, year: int, agency: str) -> str:
    n1, n2 = _distinct_nouns(rng, 2)
    v1 = _VERB.pick(rng)[0]
    town = _TOWN.pick(rng)[0]
    if genre == "会议纪要":
        return rng.choice((f"区政府第{rng.randint(1, 150)}次常务会议纪要", f"{agency}{year}年第{rng.randint(1, 30)}次办公会议纪要"))
    if genre == "报告":
        return rng.choice((f"{year}年{DISTRICT}政府工作报告", f"{agency}{year}年政府信息公开工作年度报告",
                           f"关于{year}年{n1}工作情况的报告"))
    if genre in ("通知", "方案"):
        plan = rng.choice(("实施方案", "工作方案", "管理办法", f"三年行动计划（{year}—{year + 2}年）", "实施细则"))
        return f"{agency}关于印发《{DISTRICT}{n1}{n2}{plan}》的通知"
    if genre == "批复":
        return f"关于同意{town}{n1}{n2}项目立项的批复"
    if genre in ("公告", "函"):
        return f"关于{town}{n1}{v1}情况的{genre}"
    if genre == "决定":
        return f"关于表彰{year}年度{n1}先进集体和先进个人的决定"
    return f"关于{v1}{n1}{n2}的{genre}"


def _body(rng: random.Random, doc_id: int, year: int, title: str) -> str:
    target = int(min(3000, max(300, rng.lognormvariate(6.75, 0.55))))
    paragraphs = [f"各街道（镇）、区政府各部门：\n    现将《{title}》有关事项通知如下。"]
    length = len(paragraphs[0])
    while length < target:
        para = "".join(_sentence(rng, year) for _ in range(rng.randint(2, 6)))
        paragraphs.append("    " + para)
        length += len(para) + 5
    if doc_id % RARE_EVERY == 0:
        paragraphs.insert(1, f"    {RARE_PHRASE}生态修复工作纳入年度重点任务。")
    return "\n".join(paragraphs)


def make_doc(doc_id: int, rng: random.Random) -> SearchDoc:
    genre = rng.choices(GENRES, weights=GENRE_WEIGHTS)[0]
    published = START + timedelta(days=rng.randrange((END - START).days))
    agency_index = rng.randrange(len(AGENCIES))
    agency, abbr = AGENCIES[agency_index]
    title = _title(rng, genre, published.year, agency)
    body = _body(rng, doc_id, published.year, title)
    attachments = f"附件：{title}申报表\n单位名称 联系人 {person(rng)} 项目金额 {_amount(rng)}" if rng.random() < 0.25 else ""
    if rng.random() < 0.02:  # a few pages arrive in Traditional characters, as on some portals
        title, body = to_traditional(title), to_traditional(body)
    return SearchDoc(
        doc_id=doc_id,
        index_no=f"{1000000 + agency_index * 7919:09d}/{published.year}-{doc_id % 100000:05d}",
        title=title,
        summary=body[body.find("\n") + 1 :][:80].strip(),
        body=body,
        doc_no=f"{abbr}〔{published.year}〕{rng.randint(1, 120)}号" if genre not in ("会议纪要", "报告") else "",
        publisher=f"{DISTRICT}{agency[1:]}",
        attachments_text=attachments,
        topic=rng.choice(TOPICS),
        genre=genre,
        combo=rng.choice(COMBOS),
        year=published.year,
        validity=rng.choices([v for v, _ in VALIDITY], weights=[w for _, w in VALIDITY])[0],
        published=published,
        url=f"/docs/{doc_id}/",
    )


def make_corpus(n: int, seed: int = 20240125) -> Iterator[SearchDoc]:
    """`n` documents with ids 1..n; the same seed gives the same documents."""
    rng = random.Random(seed)
    for doc_id in range(1, n + 1):
        yield make_doc(doc_id, rng)


def corpus_stats(docs: Sequence[SearchDoc]) -> CorpusStats:
    return CorpusStats(docs=len(docs), chars=sum(len(d.title) + len(d.body) + len(d.attachments_text) for d in docs))
