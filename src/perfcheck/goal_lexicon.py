"""Word lists and masks for reading goal text (年度绩效目标): verbs, scaffolding, slogans, dates.

Goal text is free Chinese prose; without a segmenter we lean on short closed word
lists taken from real goal tables. Kept in one place so a jurisdiction (or a
later config file) can see and extend them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .target_text import DATE_RE

# Verbs that head a task or a counted commitment (longest first when compiled).
VERBS = """调研走访 走访调研 走访慰问 调研 走访 提交 报送 上报 编制 编印 印发 召开 举办 举行 开展 组织 完成 实施
培训 轮训 开设 建设 建成 新建 改建 扩建 改造 维修 维护 修缮 发放 资助 补助 救助 慰问 帮扶 扶持 覆盖 服务 接待
受理 告知 办理 办结 处理 处置 调解 检查 巡查 督查 抽检 抽查 检测 监测 宣传 制作 拍摄 出版 发布 采购 购置 购买 配备
配置 安装 更新 升级 招聘 引进 培育 培养 推广 种植 造林 治理 整治 清理 收集 清运 接种 筛查 体检 义诊 演出 放映
参加 参与 组建 创建 打造 铺设 修建 硬化 绿化 安置 吸纳 带动 提供 聘请 聘用 签订 签约 录入 归档 整理 编写 撰写
出具 评审 评估 审核 审计 考核 验收 回访 随访 救治 诊疗 投放 放流 养护 保洁 巡逻 排查 化解 查处 结案 进行 落实 整改 拆除 储备
补贴 奖励 表彰 服务于 惠及 解决""".split()
# 建成区 is a place (built-up area), not 建成 + 区
VERB_RE = re.compile("|".join(sorted(set(VERBS), key=len, reverse=True)).replace("建成", "建成(?!区)"))
LIGHT_VERBS = ("进行", "开展", "组织", "实施", "做好", "抓好", "落实", "加大")
# generic aims that say nothing about the task itself ("提升…能力" → "…能力")
VAGUE_VERBS = ("进一步", "加强", "强化", "提升", "提高", "推进", "促进", "推动", "确保", "保障", "认真", "切实",
               "贯彻", "全面", "深入", "持续", "积极", "不断", "努力", "着力", "扎实", "有效")

# time words and adverbs that open a clause and belong to no object
SCAFFOLD_RE = re.compile(
    r"^(?:\x00+|第?[一二三四1-4]季度|上半年|下半年|年初|年中|第[一二三四五六七八九十\d]+批次?|每年|每月|每季度|每季|每周|每天|每日|全年|年内|年度|当年|本年度|本年|今年|年底前|年底|年末|底前|前|"
    r"计划|预计|力争|确保|争取|累计|共计|合计|总计|共|其中|主要|用于|主要用于|通过|实现|除|还需|还要|同时|并且|并|"
    r"以及|另外|此外|且|和|及|与|要|需|将|拟|继续|持续|进一步|全面|积极|认真|切实|按时|按期|及时|"
    r"[一二三四五六七八九十]是|[(（]?[一二三四五六七八九十\d]+[)）、.]|[;；,，、\s])+")


def strip_scaffold(s: str) -> str:
    """``s`` without its opening scaffolding (SCAFFOLD_RE is anchored: one match at the start, no scan)."""
    m = SCAFFOLD_RE.match(s)
    return s[m.end():] if m else s


PREPOSITIONS = ("对", "为", "向", "给", "帮助", "面向", "针对", "围绕", "在", "把", "将")
# an object is shortened to what follows the last of these (反映…问题重复信访量 → 重复信访量)
SCOPE_WORDS = frozenset({"全区", "全市", "全县", "全镇", "全省", "辖区", "本区", "本市", "全部", "所有", "各", "全",
                         "全校", "全院", "区内", "市内", "县内"})
# a standard per person or per thing (每人每年补助2000元, 亩均投资3000元, 每具遗体1500元, 500元/人), not a total;
# 每年/每月/每季度 are periods, not units
PER_CAPITA_RE = re.compile(r"每(?![年月季周天日期批次])[\u4e00-\u9fff]|[人户亩生床]均|单个|单[家户项台所名座]|单位面积|同一"
                           r"|/[人户生亩个家]|按[^，。；]{0,12}标准|给予(?:一次性)?(?:奖励|补助|补贴|资助|奖补)"
                           r"|给予[\d.]+[万亿]?元|(?:分别|一次性)(?:奖励|补助|补贴|资助|奖补)"
                           r"|元[\u4e00-\u9fff]{0,3}(?:补贴|奖励|补助|资助)(?!资金|经费|款|总)")  # 100万元安家补贴
# background counts that state a fact, not a promise (我区现有特困供养人员420人, 辖区常住人口86万人)
# (an institution's own description: 本中心下设急救分站9个, 现组建团队14个, 在校学生1460人, 全镇辖19个行政村,
# 全县林地面积68万亩, 日均羁押量约320人)
BACKGROUND_RE = re.compile(r"现有|共有|现存|拥有|目前有|(?:辖区|全区|我区|本区|全市|全县|全镇)内?有(?![效序力关利])"
                           r"|常住人口|户籍人口|总人口|人口总数|年均|在建|户籍|常住"
                           r"|(?:本|我)(?:校|院|园|站|所|馆|宫|处|中心|队|台|镇|乡|街道)(?:现|共|目前)?(?:下设|设有|开设|配备|配有"
                           r"|建有|承担|列管|管辖|下辖|辖|为|是|系|核定|编制|进驻|管护|管养|管理|负责|馆藏|收藏|服务|覆盖|面向|集中|有)"
                           r"|位于|地处"
                           r"|(?:全|本|我)[县镇区市乡]已(?:建成|建有|完成|实施|创建)|尚有|仍有"
                           r"|[镇乡县区市道](?:下)?辖(?![区内])"
                           r"|(?<![实发体出呈展兑表再涌显])现(?:已)?(?:集中)?(?:组建|配备|设有|开设|下设|供养|养育|承担|入驻|建有|登记|收治|入住|管理"
                           r"|管护|管养|运营|负责)"
                           r"|在(?:校|园|册|押|编|岗|职)(?![园内外门区期间时前后中])|(?:[全本][镇乡县区市]|街道)(?:下)?辖"
                           r"|(?:辖区|占地|耕地|林地|草地|草原|湿地|水域|国土|行政区域)面积|日均[\u4e00-\u9fff]{0,10}约"
                           r"|总用地|用地面积|总投资|已(?:完成|建成|实施)[\u4e00-\u9fff]{0,6}的")
# measure words target_text does not know, taken after an Arabic number only (500顶帐篷, 6500对, 1200起)
EXTRA_UNIT_RE = re.compile(r"(?:顶|盏|根|口|眼|对|起|单|笔|枚|组|箱|袋|吨次|尾|羽|把|副|双|层|卷|字)(?![位织象点子面级岸径码号步草])")
# opening words of an aim that states no task of its own (提升江北知名度, 带动农户增收)
VAGUE_AIM_RE = re.compile(r"^(?:进一步|不断|持续|有效|切实|全面|努力|着力)?(?:提升|提高|加强|强化|促进|推动|带动|增强|改善|优化|助力|营造|确保|满足|丰富|提振|激发|增进|办好|保持|巩固"
                          r"|保障(?=[^，。；]*(?:正常|顺利|有序|安全|稳定)))")  # 保障冬季教学和住宿正常进行
# a clause that opens with the means (依托全县15个乡镇调委会和312个村调委会, 依托院内治未病中心): what it names are
# resources, up to the verb of the task proper (依托…平台开展培训500人次: the training is the task)
MEANS_RE = re.compile(r"[\s\x00]*(?:依托|依靠|借助|统筹|整合|结合)")
_NOUN_AFTER_VERB = frozenset("的委员会站点所室队中心")


def means_end(text: str, a: int = 0, b: int | None = None) -> int:
    """Where the means named at the start of text[a:b] end (at its first verb of a task; ``b`` when it has
    none), or ``a`` when the clause does not open with means."""
    b = len(text) if b is None else b
    m = MEANS_RE.match(text, a, b)
    if m is None:
        return a
    for v in VERB_RE.finditer(text, m.end(), b):
        if text[v.end():v.end() + 1] not in _NOUN_AFTER_VERB:  # 建成的, 调解委员会: no verb of a task
            return v.start()
    return b


OBJ_BOUNDARY_RE = re.compile(r"问题|方面|中的|之中|关于|通过|促进|推动|实现|确保|保障|反映|围绕|针对|为单位|使|让|的")
# a measurable quantity (for numberless change commitments)
METRIC_SUFFIX_RE = re.compile(
    r"(?:量|率|数|人数|次数|件数|户数|比例|比重|占比|时间|时长|时限|成本|费用|金额|支出|面积|数量|浓度|排放|指数|"
    r"规模|收入|产量|产值|总额|满意度|知晓率|知名度|美誉度|发病率|死亡率|事故|案件|投诉)$")

CHANGE_UP = ("提高", "提升", "增长", "增加", "上升", "扩大", "增幅", "提速", "增至", "增到", "升至", "升到")
CHANGE_DOWN = ("下降", "减少", "降低", "压减", "压缩", "缩短", "减轻", "节约", "节省", "下降率", "降幅", "减幅",
               "降至", "降到", "减至", "减到")
_CHANGE_ALT = "|".join(sorted(CHANGE_UP + CHANGE_DOWN, key=len, reverse=True))
COMPARATIVE = (r"(?:同比|环比|较上年度|较上年|较去年|较往年|比上年|比去年|与上年相比|较基期|较基准年|较\x00+|比\x00+"
               r"|较近[一二三四五两\d]年(?:平均值|平均水平|均值)?|较(?:上年|去年)?同期)")
# a change word at the end of the text before a number: 同比下降 / 较上年提高 / 下降到
CHANGE_END_RE = re.compile(rf"(?:{COMPARATIVE})?(?:{_CHANGE_ALT})(?:了)?(?P<to>到|至|为)?(?:约)?$")
CHANGE_ANY_RE = re.compile(rf"(?P<cmp>{COMPARATIVE})?(?P<word>{_CHANGE_ALT})(?P<to>到|至)?")
COMPARATIVE_RE = re.compile(COMPARATIVE)

# soft operator words goal text uses before a figure (保持在95%以上)
# a bare measure after a verb names the quantity with it: 培训|人数 → 培训人数, 补助|标准 → 补助标准
BARE_MEASURE_RE = re.compile(r"^(?:人数|次数|数量|人次|户数|场次|标准|金额|额度|面积|规模|总量|总数|比例|比重|占比|数|量|率)$")
TRAILING_ADVERBS = ("进一步", "持续", "不断", "逐步", "明显", "大幅", "稳步", "有所", "显著", "切实", "有效", "力争", "确保")
TRAILING_ADVERB_RE = re.compile(f"(?:{'|'.join(TRAILING_ADVERBS)})+$")

SOFT_OPS = ("保持在", "稳定在", "维持在", "保持", "达", "约", "为", "共计", "合计", "累计", "共", "总计", "各")

# slogans and names whose numerals count nothing
SLOGANS = """十四五 十三五 十五五 十二五 一带一路 两个维护 两个确立 四个意识 四个自信 四个全面 五位一体 三个代表
两学一做 三会一课 三重一大 一岗双责 两不愁三保障 两不愁 三保障 六稳 六保 三农 一网通办 一网统管 一件事一次办
最多跑一次 一次办 一站式 一窗受理 一门式 一体化 一把手 一盘棋 一张图 一张网 一卡通 一码通 一对一 一户一档
一人一档 一村一品 一校一策 一企一策 一事一议 一案一策 两山 两新 三支一扶 双减 双一流 三甲 二甲 一线 一流
两委 两会 三旧 三供一业 四好农村路 五个一 一老一小 一次性 一揽子 一系列 一定 一般 一致 一起 一同 一直 一并
一方面 另一方面 进一步 一些 万一 统一 唯一 单一 同一 第一 其一 之一 新一轮""".split()
SLOGAN_RE = re.compile("|".join(sorted(SLOGANS, key=len, reverse=True)))
DOC_NO_RE = re.compile(
    r"[\u4e00-\u9fff]{0,8}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d+\s*号(?:文件?)?"
    r"|第\s*\d+\s*号|(?<!\d)\d+\s*号文")
TITLE_RE = re.compile(r"《[^《》]{0,60}》")
QUOTED_RE = re.compile(r"[“\"「‘'][^“”\"「」‘’']{0,14}[”\"」’']")
# round-the-clock service (24小时值班, 24小时监控): a mode of work, not a time limit (24小时内办结)
FESTIVAL_RE = re.compile(r"(?:八一|三八|五一|六一|七一|五四|十一)(?=期间|节|前夕|前后|当天|建军|妇女|劳动|儿童|建党|青年|国庆|慰问|走访)")
ROUND_CLOCK_RE = re.compile(r"(?:24|二十四)\s*小时(?=(?:自动|实时|动态|不间断|全天候|在线)?(?:值班|值守|监控|监测|在线|服务|运行|运转|城市书房|书房|驿站|图书馆|药房|药店|便利店|开放|不间断|轮班|巡逻|巡查|热线|畅通|营业"
                            r"|接警|待命|全天候|守护|无休|不打烊|自助|应急值守|响应机制))")
# a time limit inside a rate's name (5分钟内到达现场率, 24小时晴雨预报准确率, 3个工作日内办结率): part of what is
# measured, not a promise of its own
RATE_LIMIT_RE = re.compile(r"(?:(?<![\d.])\d+(?:\.\d+)?|[一二两三四五六七八九十半]+个?)\s*(?:小时|分钟|秒钟?|个?工作日|天|日|年|个?月)(?:以?内)?"
                           r"(?=[\u4e00-\u9fff]{0,10}?(?:率|比例))")
# a short aside in brackets (村（社区）, 家庭（含监测对象家庭）) is part of the word, no clause break; a bracket that
# explains how a figure is computed (2364场（每村每月1场）) promises nothing of its own
ASIDE_RE = re.compile(r"[（(][^（）()\d，,。；;：:]{1,14}[）)]|[（(]每[^（）()，,。；;]{1,16}[）)]"
                      r"|[（(][约共]\d+(?:\.\d+)?[万]?[\u4e00-\u9fff]{0,2}[）)]"  # 社区矫正对象（约420人）: a fact aside
                      r"|[（(]\d+(?:\.\d+)?[万]?[\u4e00-\u9fff]{0,2}(?:以上|以下)[）)]"  # 较大人口规模（30户以上）: who
                      r"|[（(][\u4e00-\u9fff]{0,2}\d+(?:\.\d+)?[\u4e00-\u9fff]{1,3}[）)]"  # 存放（3天内）, 骨灰寄存（1年）: a detail
                      r"|(?<=[\u4e00-\u9fff\d%])[（(](?![^（）()]*(?:完成|开展|新建|举办|组织|培训))[^（）()。；;]{1,24}[）)]")
# (the last: a breakdown or comparison after a figure or noun, 监测站（国控1个、省控2个）, （2024年为94.3%）, （含市级加发30元）)
# a day of the month a payment is due by (每季度首月15日前): a date
DAY_DUE_RE = re.compile(r"(?:首|当|次|每|本)月\d{1,2}日(?:前|之前|以前)?")
# what the work is organised around (以“人人学急救”为主题, 以15分钟生活圈试点为抓手): a name, not a promise
THEME_RE = re.compile(r"以[^，,。；;]{1,24}?为(?:主题|抓手|载体|重点|核心|主线|契机|引领|突破口|切入点|目标|依托|单元)"
                      r"|一支[^，,。；;\d]{0,24}?队伍|\d+(?:\.\d+)?%人口抽样调查")  # 打造一支懂技术…的队伍; a survey's name
YEAR_SPAN_RE = re.compile(r"(?:19|20)\d{2}\s*[-~至到—–]+\s*(?:19|20)\d{2}\s*年?度?")
CODE_RE = re.compile(r"(?<![A-Za-z])[A-Za-z]+\d+(?:\.\d+)?|(?<!\d)\d+[A-Z]+(?![a-z])|(?<!\d)\d+\s*[+×*]\s*[\dA-Za-z]+"
                     r"|[A-Za-z]\s*[+×*]\s*\d+|(?<!\d)\d{5,}(?![\d.万亿千元人次个家户%])")


class _OneChar(dict):  # type: ignore[type-arg]
    """str.translate table: NFKC of a character where that is one character, learnt as characters come."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        n = unicodedata.normalize("NFKC", ch) if code > 127 else ch
        self[code] = out = n if len(n) == 1 else ch
        return out


_ONE_CHAR = _OneChar()
# characters NFKC may fold into a neighbour (combining marks, voiced kana marks): there the whole-string pass
# could keep the length yet shift offsets
_COMBINING_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099-\u309c\ufe20-\ufe2f]")


def normalise_keep_length(text: str) -> str:
    """NFKC char by char where it keeps one char (full-width digits/％/，→ ASCII), so offsets still hold."""
    whole = unicodedata.normalize("NFKC", text)  # one C pass; the usual case keeps every offset
    if len(whole) == len(text) and not _COMBINING_RE.search(text):
        return whole
    return text.translate(_ONE_CHAR)


MAX_GOAL_CHARS = 4000  # a goal longer than this is pasted prose; the rest is not read
BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")  # one bracketed aside: 万头（只）, 三年行动计划（2024—2026年）

DROP = "\x00"   # masked and dropped from objects: dates, document numbers, titles
KEEP = "\x01"   # masked for number finding but kept in objects: slogans, codes (PM2.5, 5G)


def _drop(m: re.Match[str]) -> str:
    return DROP * (m.end() - m.start())


def _keep(m: re.Match[str]) -> str:
    return KEEP * (m.end() - m.start())


_DIGIT_RE = re.compile(r"\d")
_QUOTE_CHAR_RE = re.compile(r"[“\"「‘']")
_CODE_HINT_RE = re.compile(r"[A-Za-z+×*]|\d{5}")  # CODE_RE cannot match without one of these
_DATE_ANCHOR_RE = re.compile(r"[年月]|\d[-/.]\d")  # nor DATE_RE without one of these
_CLAUSE_SEP_RE = re.compile(r"[，,。；;]")
# DOC_NO_RE without its leading issuer (渝财绩): found first, the issuer is added by hand (no 8-character
# look-back tried at every position)
_DOC_CORE_RE = re.compile(
    r"(?P<core>[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d+\s*号(?:文件?)?)"
    r"|第\s*\d+\s*号|(?<!\d)\d+\s*号文")


def _mask_doc_numbers(s: str) -> str:
    """DOC_NO_RE.sub(_drop, s), faster."""
    out, pos = [], 0
    for m in _DOC_CORE_RE.finditer(s):
        start = m.start()
        if m.group("core"):
            while start > pos and m.start() - start < 8 and "\u4e00" <= s[start - 1] <= "\u9fff":
                start -= 1
        out.append(s[pos:start])
        out.append(DROP * (m.end() - start))
        pos = m.end()
    out.append(s[pos:])
    return "".join(out)


def _in_clauses(rx: re.Pattern[str], anchor: re.Pattern[str], s: str) -> str:
    """rx.sub(_drop, s) for a pattern that never spans ，。；: run only on the clauses that hold an anchor."""
    out, pos = [], 0
    for sep in [*_CLAUSE_SEP_RE.finditer(s), None]:
        end = sep.start() if sep else len(s)
        clause = s[pos:end]
        out.append(rx.sub(_drop, clause) if anchor.search(clause) else clause)
        if sep:
            out.append(sep.group())
            pos = sep.end()
    return "".join(out)


def _keep_quoted(m: re.Match[str]) -> str:
    inner = m.group()
    return _keep(m) if re.search(r"[\d一二两三四五六七八九十]", inner) else inner


def mask(text: str) -> str:
    """Hide what only looks like a figure; the result has the same length as ``text``.

    Dates, document numbers and titles become DROP; slogans, quoted names and codes
    become KEEP (``visible`` puts them back for quoting objects).
    """
    s = text
    digits = _DIGIT_RE.search(s) is not None  # each pass runs only where its pattern can match
    if digits:
        s = YEAR_SPAN_RE.sub(_drop, s)
    if "号" in s:
        s = _mask_doc_numbers(s)
    if "《" in s:
        s = TITLE_RE.sub(_drop, s)
    if _QUOTE_CHAR_RE.search(s):
        s = QUOTED_RE.sub(_keep_quoted, s)
    if digits or "月" in s or "年" in s:
        s = _in_clauses(DATE_RE, _DATE_ANCHOR_RE, s)
    if "月" in s and digits:
        s = DAY_DUE_RE.sub(_drop, s)
    s = SLOGAN_RE.sub(_keep, s)
    s = FESTIVAL_RE.sub(_drop, s)
    if "小时" in s:
        s = ROUND_CLOCK_RE.sub(_keep, s)
    if "率" in s and digits:
        s = RATE_LIMIT_RE.sub(_keep, s)
    if "（" in s or "(" in s:
        s = ASIDE_RE.sub(_drop, s)
    if "以" in s or "一支" in s or "抽样" in s:
        s = THEME_RE.sub(_keep, s)
    return CODE_RE.sub(_keep, s) if _CODE_HINT_RE.search(s) else s


@lru_cache(maxsize=1024)  # the rules ask goal by goal: extraction and tasks share one entry
def prepare(goal: str) -> tuple[str, str, str]:
    """(normalised, masked, visible) forms of a goal text, all the same length: commitment extraction and
    task splitting both start from them (one computation per goal)."""
    work = normalise_keep_length(goal)
    masked = mask(work)
    if "," in goal:
        work, masked = _ungrouped(goal, work, masked)
    return work, masked, visible(masked, work)


# 3,280盏, 1,234,567元, 1,500-2,000人: thousands written with ASCII commas (a clause comma is full-width ，)
_GROUP = r"\d{1,3}(?:,\d{3})+"
_GROUPED_RE = re.compile(rf"(?<![\d.])(?:{_GROUP}|\d+)(?:[-~～至到—–](?:{_GROUP}|\d+))?(?![\d.])")


def _ungrouped(goal: str, work: str, masked: str) -> tuple[str, str]:
    """Each thousands comma dropped (DROP before the digits), so the figure reads whole, no clause breaks
    inside it, and every offset still holds."""
    w, m = list(work), list(masked)
    for g in _GROUPED_RE.finditer(goal):
        a, b = g.span()
        if "," not in g.group() or masked[a:b] != work[a:b]:
            continue  # inside a date, code or title
        digits = g.group().replace(",", "")
        w[a:b] = m[a:b] = DROP * (b - a - len(digits)) + digits
    return "".join(w), "".join(m)


def visible(masked: str, text: str) -> str:
    """``masked`` with KEEP spans restored from ``text`` (same length); DROP stays."""
    if KEEP not in masked:
        return masked
    return "".join(t if m == KEEP else m for m, t in zip(masked, text))
