"""The fictional district's 政府信息公开 section: its guide, rules, functions and leaders, and the
statutory columns (法定主动公开内容) mapped to the national vocabularies, in Chinese and English.

`fill()` is called by the demo generator after the site settings are written; it is idempotent (rows
are found by their slug), so a second run changes nothing. Every name, address and number here is
invented: the district, its offices, its telephone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.applications.clock import CORRECTION_NOTICE_DAYS, EXTENSION_MAX, FEE_DAYS, REPLY_DAYS
from gongkai.catalog.demo.texts import LEADERS
from gongkai.catalog.models import SiteSettings, Term
from gongkai.columns import actions
from gongkai.columns.models import Column, Page

HOURS = "周一至周五（法定节假日除外）上午9:00—12:00，下午13:30—17:30"
HOURS_EN = "Monday to Friday except public holidays, 9:00–12:00 and 13:30–17:30"
PHONE, FAX, EMAIL = "0000-1234567", "0000-1234568", "xxgk@qinghe.example"
WINDOW = "区行政中心1号楼一楼政务公开受理窗口"


def _office_rows(site: SiteSettings) -> str:
    rows = (("机构名称", "青禾区人民政府办公室（区政务公开办）"), ("办公地址", f"{site.address}1号楼一楼"),
            ("办公时间", HOURS), ("邮政编码", site.postcode), ("联系电话", PHONE), ("传真", FAX),
            ("电子邮箱", EMAIL))
    return "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)


def _office_rows_en(site: SiteSettings) -> str:
    address = site.address_en or "Building 1, District Administrative Centre, 1 Helan Avenue, Qinghe District, Yunchuan"
    rows = (("Office", "Office of the Qinghe District People's Government (Government Information Disclosure Office)"),
            ("Address", f"Ground floor, {address}"), ("Opening hours", HOURS_EN), ("Postcode", site.postcode),
            ("Telephone", PHONE), ("Fax", FAX), ("E-mail", EMAIL))
    return "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)


def guide(site: SiteSettings) -> tuple[str, str]:
    """政府信息公开指南 (条例 Art. 12): how the information is arranged and obtained, and the office."""
    zh = f"""
<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。本指南随工作变化及时更新，可以在本网站“政府信息公开”栏目查阅，也可以到{WINDOW}索取纸质文本。</p>
<h2>一、主动公开</h2>
<h3>（一）公开范围</h3>
<p>《条例》第十九条、第二十条、第二十一条规定应当主动公开的政府信息，在本网站“法定主动公开内容”栏目中分类发布，主要包括机构职能、领导信息、规范性文件、规划计划、统计信息、财政预决算、行政许可和行政处罚、重大建设项目、政府会议等。</p>
<h3>（二）公开形式</h3>
<p>主要通过本网站公开，并视情况通过新闻发布会以及报刊、广播、电视等途径公开。区档案馆、区图书馆和区政务服务中心设有政府信息查阅场所，免费提供查阅服务。</p>
<h3>（三）公开时限</h3>
<p>属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。法律、法规对公开期限另有规定的，从其规定。</p>
<h3>（四）目录的分类与编排</h3>
<p>政府信息公开目录按主题分类、体裁分类、组配分类和发布机构编排，每条信息列明索引号、信息名称、内容概述、发布机构、成文日期和发布日期。可以在<a href="/xxgk/">政府信息公开目录</a>中按分类浏览，也可以通过<a href="/search/">站内搜索</a>查找；文件的修改、废止和失效情况在原文件页面上注明。</p>
<h2>二、依申请公开</h2>
<h3>（一）受理机构</h3>
<p>青禾区人民政府办公室（区政务公开办）受理向区人民政府提出的政府信息公开申请。区政府各部门、各镇人民政府和街道办事处分别受理向本机关提出的申请。</p>
<h3>（二）申请方式</h3>
<ul>
<li>在线申请：登录个人中心后，在本网站<a href="/applications/">在线申请</a>页面填写提交；提交后凭申请编号和查询码<a href="/applications/status/">查询办理进度</a>。</li>
<li>当面申请：到{WINDOW}填写《政府信息公开申请表》。书写确有困难的，可以口头提出，由工作人员代为填写。</li>
<li>信函申请：将申请表寄至{site.address}（邮编{site.postcode}）青禾区人民政府办公室，信封左下角注明“政府信息公开申请”。</li>
<li>传真申请：传真至{FAX}，并电话确认。</li>
</ul>
<p>当面提交和邮政寄送是基本渠道，任何时候都不会被拒绝。本机关不受理通过电子邮件、电话提出的申请。</p>
<h3>（三）申请内容</h3>
<ol>
<li>申请人的姓名或者名称、身份证明、联系方式；</li>
<li>申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；</li>
<li>申请公开的政府信息的形式要求，包括获取信息的方式、途径。</li>
</ol>
<h3>（四）收到申请的时间</h3>
<ul>
<li>当面提交的，以提交之日为收到申请之日；</li>
<li>以邮寄方式提交的，以本机关签收之日为收到申请之日；以平常信函等无需签收的方式提交的，以本机关与申请人确认之日为收到申请之日；</li>
<li>通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日。</li>
</ul>
<h3>（五）办理时限</h3>
<p>能够当场答复的，当场予以答复。不能当场答复的，自收到申请之日起{REPLY_DAYS}个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过{EXTENSION_MAX}个工作日。</p>
<p>申请内容不明确的，在收到申请之日起{CORRECTION_NOTICE_DAYS}个工作日内一次性告知申请人作出补正，答复期限自收到补正的申请之日起计算。征求第三方和其他机关意见所需时间，不计算在答复期限内。</p>
<h3>（六）收费</h3>
<p>依申请提供政府信息，不收取费用。申请公开政府信息的数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费，按件或者按量计收，二者择一：</p>
<table>
<thead><tr><th>计收方式</th><th>免费部分</th><th>超出部分</th></tr></thead>
<tbody>
<tr><td>按件计收（同一申请人一个自然月内累计）</td><td>10件以下（含）</td><td>11—30件的部分每件100元；31件以上的部分每10件为一档，每增加一档，每件增加100元</td></tr>
<tr><td>按量计收（纸质、电子数据等）</td><td>30页以下（含）</td><td>31—100页的部分每页10元；101—200页的部分每页20元；201页以上的部分每页40元</td></tr>
</tbody>
</table>
<p>需要收费的，本机关出具收费通知，申请人应当自收到通知之日的次日起{FEE_DAYS}个工作日内缴纳；逾期未缴纳的，视为放弃申请。</p>
<h2>三、监督和救济</h2>
<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向云川市人民政府政务公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>
<h2>四、政府信息公开工作机构</h2>
<table><tbody>{_office_rows(site)}</tbody></table>
"""
    en = f"""
<p>This guide explains how the Qinghe District People's Government makes its information public under the Regulations of the People's Republic of China on the Disclosure of Government Information (the Regulations), and how to ask for information that is not yet public. It is kept up to date on this website and is available on paper at the disclosure counter.</p>
<h2>1. Information made public proactively</h2>
<p>The information the Regulations (Articles 19 to 21) require to be published is listed under "Statutory proactive disclosure": functions and organisation, leaders, normative documents, plans, statistics, budgets and final accounts, licensing and penalties, major construction projects, government meetings and more.</p>
<p>It is published on this website, and where useful at press conferences and in newspapers, on radio and television. The district archives, the district library and the government service centre have reading rooms open to everyone, free of charge.</p>
<p>Such information is published within 20 working days of being created or changed, unless a law or regulation sets another period.</p>
<p>The <a href="/xxgk/">disclosure catalogue</a> is arranged by topic, genre, catalogue class and publishing body; every entry shows its index number, title, summary, publisher, date of writing and date of publication. It can be browsed or <a href="/search/">searched</a>; amendments, repeals and expiry are marked on the original document.</p>
<h2>2. Applying for information</h2>
<p>The Office of the District People's Government (the Government Information Disclosure Office) handles applications addressed to the District People's Government; each department, town and sub-district office handles those addressed to it.</p>
<ul>
<li>Online: sign in and fill in the <a href="/applications/">application form</a>; with the application number and the lookup code you can <a href="/applications/status/">follow its progress</a>.</li>
<li>In person: fill in the application form at the disclosure counter. Anyone who cannot write may apply orally; the staff fill in the form.</li>
<li>By post: send the form to the address below, marked "Application for government information".</li>
<li>By fax: {FAX}, then confirm by telephone.</li>
</ul>
<p>Applications in person and by post are always accepted. Applications by e-mail or telephone are not.</p>
<p>An application gives the applicant's name, proof of identity and contact details; the title, document number or another description of the information sought; and the form in which it should be provided.</p>
<p>An application that can be answered on the spot is answered on the spot; otherwise the reply comes within {REPLY_DAYS} working days of receipt. With the approval of the head of the disclosure office, and notice to the applicant, this may be extended once by at most {EXTENSION_MAX} working days. An unclear application is answered within {CORRECTION_NOTICE_DAYS} working days with everything that needs correcting, and the period starts again when the corrected application arrives. Time spent consulting third parties or other agencies is not counted.</p>
<p>Information is provided free of charge. Only when the number or frequency of requests clearly exceeds a reasonable range may an information-processing fee be charged, per request (free up to 10 requests a month) or per page (free up to 30 pages), under the State Council General Office's 2020 rules; a fee notice must be paid within {FEE_DAYS} working days, or the application lapses.</p>
<h2>3. Remedies</h2>
<p>Anyone who believes their lawful rights were infringed in disclosure work may complain to the disclosure authority of the Yunchuan Municipal People's Government, or apply for administrative reconsideration or bring an administrative lawsuit.</p>
<h2>4. The disclosure office</h2>
<table><tbody>{_office_rows_en(site)}</tbody></table>
"""
    return zh.strip(), en.strip()


RULES = """
<p>青禾区人民政府依照《中华人民共和国政府信息公开条例》，建立健全以下政府信息公开工作制度，并根据工作需要及时修订。</p>
<h2>一、主动公开制度</h2>
<p>区政府及其部门按照“谁制作、谁公开，谁保存、谁公开”的原则，编制主动公开基本目录，明确每类信息的公开内容、责任单位和公开时限；属于主动公开范围的信息，自形成或者变更之日起20个工作日内公开。</p>
<h2>二、依申请公开办理制度</h2>
<p>申请实行登记、审核、办理、答复、归档全过程管理：收到申请当日登记，需要补正的一次性告知，需要征求意见的书面征求，答复使用统一格式的告知书，办理材料按件归档。</p>
<h2>三、保密审查制度</h2>
<p>拟公开的政府信息在公开前依照《中华人民共和国保守国家秘密法》及有关规定进行审查，实行“先审查、后公开”和“一事一审”；不能确定是否可以公开的，报有关主管部门或者保密行政管理部门确定。</p>
<h2>四、政策解读和回应关切制度</h2>
<p>以区政府或者区政府办公室名义印发的重要政策文件，与解读材料同步组织、同步审签、同步部署；对涉及群众切身利益的社会关切，及时发布权威信息。</p>
<h2>五、工作考核、社会评议和责任追究制度</h2>
<p>政府信息公开工作纳入区政府绩效考核，每年组织社会评议，评议结果向社会公开；对未按规定履行公开义务的单位和个人，依照《条例》第五十三条追究责任。</p>
<h2>六、年度报告制度</h2>
<p>区政府各部门于每年1月31日前向区政务公开办报送并公开本部门上一年度政府信息公开工作年度报告；区政府的年度报告于每年3月31日前公布，见“政府信息公开工作年度报告”栏目。</p>
"""
RULES_EN = """
<p>The Qinghe District People's Government keeps the following rules for its disclosure work, under the Regulations on the Disclosure of Government Information, and revises them as the work requires.</p>
<h2>1. Proactive disclosure</h2>
<p>Each body publishes what it produces or keeps, following a basic catalogue that fixes the content, the body responsible and the deadline of each kind of information: within 20 working days of its creation or change.</p>
<h2>2. Handling applications</h2>
<p>Every application is registered on the day it arrives, reviewed, handled, answered with a standard letter and filed; corrections are asked for once, and third parties are consulted in writing.</p>
<h2>3. Confidentiality review</h2>
<p>Information is reviewed before it is published, one item at a time; where it is unclear whether it may be published, the competent authority decides.</p>
<h2>4. Explaining policies and answering public concerns</h2>
<p>Important policy documents are published together with their explanation; authoritative information is published promptly on matters of public concern.</p>
<h2>5. Assessment, public appraisal and accountability</h2>
<p>Disclosure work is part of the government's performance assessment; a public appraisal is held every year and its results are published; failures to disclose as required are dealt with under Article 53 of the Regulations.</p>
<h2>6. Annual reports</h2>
<p>Departments publish their annual disclosure reports by 31 January; the District People's Government publishes its own by 31 March, under "Annual reports".</p>
"""

# 机构职能: the offices a reader most often needs, with what they do (Art. 20 (二)).
FUNCTIONS = (
    ("青禾区人民政府办公室", "负责区政府日常运转，承担政务公开、督查、文电、会务和政务服务协调工作。",
     "Runs the district government's daily business: disclosure, inspection, documents, meetings and the service centre."),
    ("青禾区发展和改革局", "拟订并组织实施全区国民经济和社会发展规划，负责重大建设项目的审核和统筹。",
     "Drafts and carries out the district's economic and social development plans; reviews major construction projects."),
    ("青禾区财政局", "编制区级预算草案并组织执行，编制区级决算草案，管理区级财政收支。",
     "Drafts and executes the district budget, drafts the final accounts and manages public revenue and spending."),
    ("青禾区市场监督管理局", "负责市场主体登记、质量和食品安全监管，依法实施相关行政许可和行政处罚。",
     "Registers businesses, supervises product quality and food safety, and grants licences and imposes penalties."),
    ("青禾区人力资源和社会保障局", "负责就业促进、社会保险、劳动关系和人才工作。",
     "Employment, social insurance, labour relations and talent."),
    ("青禾区应急管理局", "组织编制全区应急预案，指导安全生产、防汛抗旱和消防工作。",
     "Prepares emergency plans and guides work safety, flood and drought control and fire safety."),
)

# 领导信息: the district's leaders (the demo's minutes name them) and what each is responsible for.
PORTFOLIOS = (
    ("区长", "District Mayor", "主持区政府全面工作。", "Leads the work of the District People's Government."),
    ("副区长", "Deputy Mayor", "负责发展改革、财政、审计、统计工作。", "Development and reform, finance, audit and statistics."),
    ("副区长", "Deputy Mayor", "负责住房和城乡建设、自然资源、交通工作。", "Housing, urban and rural construction, natural resources and transport."),
    ("副区长", "Deputy Mayor", "负责教育、卫生健康、人力资源和社会保障工作。", "Education, health, human resources and social security."),
    ("副区长", "Deputy Mayor", "负责农业农村、水利、乡村振兴工作。", "Agriculture, water and rural revitalisation."),
    ("副区长", "Deputy Mayor", "负责市场监管、应急管理、安全生产工作。", "Market supervision, emergency management and work safety."),
    ("副区长", "Deputy Mayor", "负责政务服务、大数据、政务公开工作。", "Government services, data and disclosure."),
)


def functions_page(site: SiteSettings) -> tuple[str, str]:
    rows = "".join(f"<tr><td>{name}</td><td>{duty}</td></tr>" for name, duty, _en in FUNCTIONS)
    rows_en = "".join(f"<tr><td>{_agency_en(name)}</td><td>{duty_en}</td></tr>" for name, _d, duty_en in FUNCTIONS)
    zh = (f"<p>青禾区人民政府及其工作部门的主要职责如下。各机关办公地址均为{site.address}，办公时间为{HOURS}。</p>"
          f"<table><thead><tr><th>机构</th><th>主要职责</th></tr></thead><tbody>{rows}</tbody></table>")
    en = ("<p>The main duties of the District People's Government's offices. All are at the District "
          f"Administrative Centre, open {HOURS_EN}.</p>"
          f"<table><thead><tr><th>Office</th><th>Main duties</th></tr></thead><tbody>{rows_en}</tbody></table>")
    return zh, en


AGENCIES_EN = {
    "青禾区人民政府办公室": "Office of the Qinghe District People's Government",
    "青禾区发展和改革局": "Qinghe District Development and Reform Bureau",
    "青禾区财政局": "Qinghe District Finance Bureau",
    "青禾区市场监督管理局": "Qinghe District Market Supervision Bureau",
    "青禾区人力资源和社会保障局": "Qinghe District Human Resources and Social Security Bureau",
    "青禾区应急管理局": "Qinghe District Emergency Management Bureau",
}


def _agency_en(name: str) -> str:
    return AGENCIES_EN.get(name, name)


def leaders_page() -> tuple[str, str]:
    names = LEADERS[max(LEADERS)]
    rows = "".join(f"<tr><td>{post}</td><td>{name}</td><td>{duty}</td></tr>"
                   for name, (post, _p, duty, _d) in zip(names, PORTFOLIOS))
    rows_en = "".join(f"<tr><td>{post}</td><td>{name}</td><td>{duty}</td></tr>"
                      for name, (_p, post, _d, duty) in zip(names, PORTFOLIOS))
    zh = ("<p>青禾区人民政府领导及其分工如下。</p>"
          f"<table><thead><tr><th>职务</th><th>姓名</th><th>分工</th></tr></thead><tbody>{rows}</tbody></table>")
    en = ("<p>The leaders of the District People's Government and their responsibilities.</p>"
          f"<table><thead><tr><th>Post</th><th>Name</th><th>Responsibilities</th></tr></thead><tbody>{rows_en}</tbody></table>")
    return zh, en


@dataclass(frozen=True)
class Spec:
    slug: str
    name: str
    name_en: str
    kind: str = Column.CATALOG
    basis: str = ""  # the Regulations' item it serves
    basis_en: str = ""
    page: str = ""  # a page's slug
    url: str = ""
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # vocabulary -> term names
    children: tuple[Spec, ...] = ()


STRUCTURE = (
    Spec("guide", "政府信息公开指南", "Guide to government information disclosure", Column.PAGE, page="guide",
         basis="依据《条例》第十二条", basis_en="Article 12 of the Regulations"),
    Spec("rules", "政府信息公开制度", "Disclosure rules", Column.PAGE, page="rules"),
    Spec("statutory", "法定主动公开内容", "Statutory proactive disclosure", Column.GROUP,
         basis="《条例》第十九条至第二十一条规定主动公开的政府信息",
         basis_en="The information Articles 19 to 21 of the Regulations require to be published", children=(
        Spec("functions", "机构职能", "Functions and organisation", Column.PAGE, page="functions",
             basis="依据《条例》第二十条第（二）项", basis_en="Article 20 (2)"),
        Spec("leaders", "领导信息", "Leaders", Column.PAGE, page="leaders",
             basis="依据《条例》第二十条第（二）项", basis_en="Article 20 (2)"),
        Spec("normative", "规范性文件", "Normative documents", basis="依据《条例》第二十条第（一）项",
             basis_en="Article 20 (1)",
             terms={"combos": ("政策文件",), "genres": ("决定", "命令（令）", "公告", "通告", "意见", "通知")}),
        Spec("interpretation", "政策解读", "Policy explanations", terms={"genres": ("政策解读",)}),
        Spec("plans", "规划计划", "Plans", basis="依据《条例》第二十条第（三）项", basis_en="Article 20 (3)",
             terms={"combos": ("规划计划",)}),
        Spec("statistics", "统计信息", "Statistics", basis="依据《条例》第二十条第（四）项", basis_en="Article 20 (4)",
             terms={"genres": ("统计数据",)}),
        Spec("budgets", "财政预决算", "Budgets and final accounts", basis="依据《条例》第二十条第（七）项",
             basis_en="Article 20 (7)", terms={"topics": ("财政",)}),
        Spec("permits", "行政许可和行政处罚", "Licensing and penalties", basis="依据《条例》第二十条第（五）（六）项",
             basis_en="Article 20 (5) and (6)", terms={"genres": ("公示",)}),
        Spec("projects", "重大建设项目", "Major construction projects", basis="依据《条例》第二十条第（十）项",
             basis_en="Article 20 (10)", terms={"combos": ("重大建设项目",)}),
        Spec("meetings", "政府会议", "Government meetings", terms={"combos": ("政府会议",)}),
        Spec("work-reports", "政府工作报告", "Government work reports", terms={"combos": ("政府工作报告",)}),
        Spec("personnel", "人事信息", "Personnel", basis="依据《条例》第二十条第（十四）项", basis_en="Article 20 (14)",
             terms={"combos": ("人事信息",)}),
    )),
    Spec("annual-reports", "政府信息公开工作年度报告", "Annual reports on disclosure",
         basis="依据《条例》第四十九条、第五十条", basis_en="Articles 49 and 50 of the Regulations",
         terms={"combos": ("政府信息公开年报",)}),
    Spec("apply", "依申请公开", "Apply for information", Column.LINK, url="applications:apply"),
)

KINDS = {"topics": Term.TOPIC, "genres": Term.GENRE, "combos": Term.COMBO}


def _pages(site: SiteSettings) -> dict[str, Page]:
    texts = {
        "guide": ("政府信息公开指南", "Guide to government information disclosure", *guide(site)),
        "rules": ("政府信息公开制度", "Disclosure rules", RULES.strip(), RULES_EN.strip()),
        "functions": ("机构职能", "Functions and organisation", *functions_page(site)),
        "leaders": ("领导信息", "Leaders", *leaders_page()),
    }
    made = {}
    for slug, (title, title_en, body, body_en) in texts.items():
        fields = {"title": title, "title_en": title_en, "slug": slug, "body": body, "body_en": body_en}
        made[slug] = actions.save_page(None, Page.objects.filter(slug=slug).first(), fields, system=True)
    return made


def _terms(spec: Spec) -> dict[str, list[Term]]:
    return {name: list(Term.objects.filter(kind=KINDS[name], name__in=names))
            for name, names in spec.terms.items()}


def _column(spec: Spec, position: int, parent: Column | None, pages: dict[str, Page]) -> Column:
    fields = {"name": spec.name, "name_en": spec.name_en, "slug": spec.slug, "kind": spec.kind,
              "position": position, "parent": parent, "description": spec.basis, "description_en": spec.basis_en,
              "page": pages.get(spec.page), "url": spec.url, **_terms(spec)}
    column = actions.save_column(None, Column.objects.filter(slug=spec.slug).first(), fields, system=True)
    for n, child in enumerate(spec.children, 1):
        _column(child, n * 10, column, pages)
    return column


def fill() -> None:
    """The demo's section: pages, columns and footer marks (nothing changes on a second run)."""
    pages = _pages(SiteSettings.get())
    for n, spec in enumerate(STRUCTURE, 1):
        _column(spec, n * 10, None, pages)
    actions.save_footer(None, {"conac_url": "https://bszs.conac.cn/sitename?method=show&id=000000000000"},
                        system=True)
