"""The notice and body of a plan, read from its lines of text.

The notice (通知) gives the 文号, the issuer, the title, the addressees and the
issue date; the body gives chapters (一、...), numbered paragraphs ((一)...) and
numbered items (1. ...). A paragraph cut by a page break (it does not end a
sentence) goes on with the next line, with nothing put between.

Only the notice's own header says what the notice is: its 文号 is a line of its
own (or the page's 发文字号), never a document it cites (根据《…》(国办发〔2022〕8号));
its issuer is the 发文机关标志 (…文件), the name before 关于印发, or the signature
above the date; its title is the one 关于印发…的通知 issues (with or without 《》),
the one the notice hands out (现将《…》印发), or the title line of its own above the
body. Lines a web page adds (正文内容区域请使用tab按钮切换浏览, a breadcrumb, 打印本页)
are left out of the body and listed, and a mirror's "??" for full-width spaces
is indentation. Words are matched in simplified characters (plan/spelling.py), and
whatever is kept is the line's own text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from gongkai_cli.plan.importing.table import squeeze
from gongkai_cli.plan.spelling import simplified

# A 文号: 沪府办〔2021〕21号, 苏政办发〔2022〕35号, 长府办[2022]8号.
_NUMBER = r"[\u4e00-\u9fff]{1,12}[〔\[［（(]\d{4}[〕\]］）)]第?\d{1,4}号"
_NUMBER_LINE = re.compile(rf"(?:(?:发文字号|文号|发文号|字号)\s*[:：]\s*)?({_NUMBER})")
_NUMBER_YEAR = re.compile(r"[〔\[［（(](\d{4})[〕\]］）)]")
_ISSUED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# The page's own date after a title: 关于印发《…》的通知 ( 2024年04月08日 )
_PAGE_DATE = r"(?:\s*[(（]\s*\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*[)）])?"
# 上海市人民政府办公厅关于印发《2021年上海市政务公开工作要点》的通知
_NOTICE_TITLE = re.compile(
    r"^(?P<issuer>[^《》〈〉“”\"：:，,。；;（）()]{2,40}?)\s*关于\s*印发\s*(?P<title>.+?)\s*的\s*通知"
    + _PAGE_DATE
    + "$"
)
# The notice hands the plan out: 现将《…》印发给你们; 《…》已经市政府同意,现印发给你们
_HANDED_OUT = re.compile(r"(?:^|现将|特将|现把)《(?P<title>[^《》]+)》(?:印发|已经|已|经)")
# A plan's own title line: 2025年奉贤区政务公开工作要点, 荆州市2022年政务公开任务分解责任清单
_GENRES = (
    "工作要点",
    "实施方案",
    "工作方案",
    "任务分解表",
    "任务分解",
    "责任清单",
    "任务清单",
    "责任分工",
    "任务分工",
    "分工方案",
    "重点任务",
    "工作任务",
    "任务表",
    "工作计划",
    "行动计划",
)
_TITLE_LINE = re.compile(
    r"^[^。，,；;：:！？]{4,80}?(?:" + "|".join(_GENRES) + r")(?:[(（][^)）]{1,12}[)）])?$"
)
_ORGAN = re.compile(
    r"(?:人民政府办公厅|人民政府办公室|政府办公室|办公厅|办公室|人民政府|政府|委员会|局|委|办|厅|署"
    r"|中心|管委会|管理委员会)$"
)
_ISSUER_LINE = re.compile(r"^(.{2,30})文件$")
_META_ISSUER = re.compile(r"^(?:发文机构|发文机关|发布机构)\s*[:：]\s*(.{2,40})$")
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
PARAGRAPH_MARKER = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
# A numbered item: 1. 1、 1． 1﹒ (1) （1）
ITEM_MARKER = re.compile(r"^(?:(\d{1,3})[.．、﹒]|[(（](\d{1,3})[)）])\s*")
SENTENCE_END = ("。", "！", "？", "；", "）", ")", "”", "」")
_ANNEX = re.compile(r"^附件\s*[:：\d一二三四五六七八九十]?")
# Lines of a web page around the document, never part of it.
_JUNK = re.compile(
    r"^(?:正文内容区域请使用tab按钮切换浏览"
    r"|(?:当前位置|您当前的位置|您现在的位置|当前所在位置|所在位置)\s*[:：].*"
    r"|首页\s*(?:[>＞»/›]\s*\S+\s*)+"
    r"|.*(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?.*"
    r"|[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?\s*[:：]?)\s*[】\]]?"
    r"(?:\s*[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏|分享到?\s*[:：]?)\s*[】\]]?)*"
    r"|扫一扫在手机(?:上)?打开当前页.*"
    r"|(?:浏览次数|访问次数|阅读次数|点击数)\s*[:：].*"
    r")$"
)
# The information panel of a government portal's page: read, then left out of the body.
_META = re.compile(
    r"^[•·●]?\s*(?:发文机构|发文机关|发布机构|索引号|公开属性|主题分类|发文字号|文号|发布日期"
    r"|成文日期|公开方式|公开范围|有效性|信息来源)\s*[:：].*$"
)
_MIRROR_INDENT = re.compile(r"^\?+(?=\S)")


@dataclass(slots=True)
class Page:
    """The lines of a source without the web page around it.

    `lines` are the document's own lines, stripped of indentation; `plain` is each
    of them in simplified characters, one character for each of the line's.
    """

    lines: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    """Lines of the web page, not of the document, verbatim, in order."""
    mirror_indents: int = 0
    """Lines that began with "??", a mirror's rendering of full-width indentation."""
    meta: list[str] = field(default_factory=list)
    """The page's information panel (发文字号:…), simplified, with its marks."""

    @property
    def traditional(self) -> bool:
        """Whether the document is written in traditional characters."""
        return any(line != plain for line, plain in zip(self.lines, self.plain, strict=True))


def read_page(lines: list[str]) -> Page:
    """The document's lines, without blank lines, page junk and a mirror's "??" indents."""
    page = Page()
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if indent := _MIRROR_INDENT.match(line):
            page.mirror_indents += 1
            line = line[indent.end() :].strip()
        plain = simplified(line)
        if _JUNK.match(plain):
            page.dropped.append(line)
            continue
        if _META.match(plain):
            page.dropped.append(line)
            page.meta.append(plain.lstrip("•·● "))
            continue
        page.lines.append(line)
        page.plain.append(plain)
    return page


@dataclass(slots=True)
class Notice:
    """What the notice says about the document; None where it says nothing."""

    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    addressees: str | None = None
    title_line: int | None = None
    """The index (in the page's lines) of the plan's own title line above the body."""
    dropped: list[str] = field(default_factory=list)
    """Lines of the web page left out (see Page.dropped)."""
    mirror_indents: int = 0
    traditional: bool = False


def above_header(rows: Iterable[Sequence[str]], header: Sequence[str]) -> list[str]:
    """The non-empty cells of a table file's rows above its header (whose cells are
    `header`), in order: a sheet's title row, where a table-only file names its plan."""
    words = {squeeze(text) for text in header}
    lines: list[str] = []
    for cells in rows:
        texts = [cell.strip() for cell in cells if cell.strip()]
        if words and words <= {squeeze(text) for text in texts}:
            return lines
        lines += texts
    return []


def _header_end(page: Page) -> int:
    """Where the notice's header ends: the first chapter, numbered paragraph or item."""
    for index, plain in enumerate(page.plain):
        if _CHAPTER.match(plain) or PARAGRAPH_MARKER.match(plain) or ITEM_MARKER.match(plain):
            return index
    return len(page.plain)


def _cut(page: Page, index: int, match: re.Match[str], group: str | int) -> str:
    """The text of `group` of a match in line `index`'s simplified copy, from the line itself."""
    return page.lines[index][match.start(group) : match.end(group)]


def read_notice(page: Page) -> Notice:
    """The 文号, title, issuer, addressees and issue date the notice states."""
    notice = Notice(
        dropped=list(page.dropped),
        mirror_indents=page.mirror_indents,
        traditional=page.traditional,
    )
    end = min(_header_end(page), 60)
    header = range(end)
    plain = page.plain
    for i in header:
        line = plain[i]
        if notice.number is None and (match := _NUMBER_LINE.fullmatch(squeeze(line))):
            notice.number = _squeezed_cut(page.lines[i], line, match.start(1), match.end(1))
        if notice.title is None and (match := _NOTICE_TITLE.match(line)):
            notice.title = _unquoted(_cut(page, i, match, "title"))
            issuer = match["issuer"].strip()
            if _ORGAN.search(issuer) and notice.issuer is None:
                notice.issuer = _cut(page, i, match, "issuer").strip()
        if (
            notice.issuer is None
            and (match := _ISSUER_LINE.match(line))
            and _ORGAN.search(match[1])
        ):
            notice.issuer = _cut(page, i, match, 1)
        if (
            notice.addressees is None
            and line[-1] in ":："
            and len(line) <= 80
            and ("、" in line or "各" in line)
        ):
            notice.addressees = page.lines[i][:-1]
        if notice.issued is None and (match := _ISSUED.fullmatch(line)):
            with contextlib.suppress(ValueError):  # 2021年2月30日 is no date: keep looking
                notice.issued = dt.date(int(match[1]), int(match[2]), int(match[3]))
                if notice.issuer is None and i > 0 and _is_organ_line(plain[i - 1]):
                    notice.issuer = page.lines[i - 1]  # the signature above the date
    signed = _signature(page)
    if signed is not None and end < len(plain):
        # The signature and date after the body (or after a .docx's table): the notice's.
        first, date = signed
        if notice.issued is None and (match := _ISSUED.fullmatch(plain[date])):
            with contextlib.suppress(ValueError):
                notice.issued = dt.date(int(match[1]), int(match[2]), int(match[3]))
        if notice.issuer is None and first < date:
            notice.issuer = page.lines[first]
    if notice.title is None:
        for i in header:
            if match := _HANDED_OUT.search(plain[i]):
                notice.title = _cut(page, i, match, "title")
                break
    notice.title_line = _title_line(page, notice.title, end)
    if notice.title is None and notice.title_line is not None:
        notice.title = page.lines[notice.title_line]
    for meta in page.meta:
        key, _, value = meta.partition(":") if ":" in meta else meta.partition("：")
        value = value.strip()
        wants_number = notice.number is None and key.strip() in ("发文字号", "文号")
        if wants_number and (match := re.fullmatch(_NUMBER, squeeze(value))):
            notice.number = _meta_value(page, meta, match[0])
        if notice.issuer is None and (match := _META_ISSUER.match(meta)):
            notice.issuer = _meta_value(page, meta, match[1].strip())
    return notice


def _squeezed_cut(line: str, plain: str, start: int, end: int) -> str:
    """Characters start..end of `plain` without whitespace, taken from `line`."""
    kept = [i for i, char in enumerate(plain) if not char.isspace()]
    return "".join(line[i] for i in kept[start:end])


def _meta_value(page: Page, meta: str, value: str) -> str:
    """`value` (simplified, from the page's panel) as the dropped line writes it."""
    for line in page.dropped:
        plain = simplified(line)
        if (at := plain.find(value)) >= 0 and meta in plain:
            return line[at : at + len(value)]
    return value


def _unquoted(title: str) -> str:
    """A title without the book-title marks that wrap it whole: 《X》 -> X."""
    text = title.strip()
    if text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        return text[1:-1].strip()
    return text


def _is_organ_line(line: str) -> bool:
    if re.search(r"[，,。：:《》]", line):
        return False
    return 2 <= len(line) <= 30 and bool(_ORGAN.search(line))


def _comparable(text: str) -> str:
    """A title as compared with a line: no whitespace, 〈〉 as 《》, simplified."""
    return simplified(squeeze(text)).replace("〈", "《").replace("〉", "》")


def _title_line(page: Page, title: str | None, end: int) -> int | None:
    """The index of the plan's own title line: the one that reads as the title (or as
    the title cut over two lines), else the last line before the body shaped like one."""
    if title:
        wanted = _comparable(title)
        for i in range(min(end + 1, len(page.lines))):
            line = _comparable(page.lines[i])
            if line == wanted:
                return i
            if i + 1 < len(page.lines) and line + _comparable(page.lines[i + 1]) == wanted:
                return i + 1
    found = None
    for i in range(min(end, len(page.plain))):
        line = page.plain[i]
        if _TITLE_LINE.match(line) and not _NOTICE_TITLE.match(line) and not _ANNEX.match(line):
            found = i
    return found


_PUBLISHED = re.compile(r"[(（]此件.{2,8}[)）]")


def _signature(page: Page) -> tuple[int, int] | None:
    """(first line, date line) of the signature that ends the document: an issuer's line
    (if any) and the date, before at most a (此件公开发布); None when it ends otherwise."""
    last = len(page.plain) - 1
    while last >= 0 and _PUBLISHED.fullmatch(page.plain[last]):
        last -= 1
    if last < 0 or not _ISSUED.fullmatch(page.plain[last]):
        return None
    first = last - 1 if last > 0 and _is_organ_line(page.plain[last - 1]) else last
    return first, last


def body_lines(page: Page, notice: Notice) -> list[str]:
    """The lines of the body: after its own title line, up to the annex, without the
    signature and date that end the document."""
    start = 0 if notice.title_line is None else notice.title_line + 1
    if notice.title_line is None and notice.issued is not None:
        # No title line: the body starts after the notice's date (and 此件公开发布).
        for i in range(min(_header_end(page), len(page.plain))):
            if _ISSUED.fullmatch(page.plain[i]):
                start = i + 1
                break
        while start < len(page.plain) and _PUBLISHED.fullmatch(page.plain[start]):
            start += 1
    text = page.lines
    end = next(
        (i for i, line in enumerate(page.plain) if i >= start and _ANNEX.match(line)), len(text)
    )
    signed = _signature(page)
    if signed is not None and start <= signed[0] < end:
        end = signed[0]
    return text[start:end]


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the body as the reader meets it, joined across page breaks."""

    text: str
    """Verbatim."""
    kind: str
    """chapter (一、), paragraph ((一)), item (1.) or plain (no number)."""
    pid: str
    """The paragraph's id (一、(一), 一、末段); the chapter's id for a chapter; "" for an item."""
    section: str
    """For an item or a plain paragraph: the id of the numbered paragraph it sits under, or ""."""


@dataclass(slots=True)
class Body:
    """The chapters and paragraphs of the body, verbatim, with their ids."""

    chapters: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    """Every paragraph in order, items included."""


@dataclass(slots=True)
class _Reading:
    """A block being read: its lines are joined once, when it is done, so a paragraph cut
    by many page breaks costs its length, not its length times its lines."""

    kind: str
    pid: str
    section: str
    lines: list[str]
    length: int

    def add(self, line: str) -> None:
        self.lines.append(line)
        self.length += len(line)

    def block(self) -> Block:
        return Block("".join(self.lines), self.kind, self.pid, self.section)


def read_blocks(lines: list[str]) -> list[Block]:
    """The body's lines as blocks: chapters, numbered paragraphs, items and plain paragraphs.

    Linear in the text (4 MB of prose took minutes when each new paragraph looked
    through every id before it and a cut paragraph was rebuilt for each line).
    """
    blocks: list[_Reading] = []
    taken: dict[str, int] = {}
    chapter: str | None = None
    section = ""
    open_block = False

    def start(line: str, kind: str, pid: str, section: str) -> None:
        blocks.append(_Reading(kind, pid, section, [line], len(line)))

    for line in lines:
        plain = simplified(line)
        if heading := _CHAPTER.match(plain):
            chapter = heading[1]
            start(line, "chapter", chapter, "")
            open_block, section = False, ""
            continue
        marker = PARAGRAPH_MARKER.match(plain)
        item = ITEM_MARKER.match(plain)
        if open_block and not marker and not item and blocks:
            # A page break cut the paragraph: the next line goes on with nothing between.
            blocks[-1].add(line)
        elif marker:
            section = _unique(taken, f"{chapter}、({marker[1]})")
            start(line, "paragraph", section, "")
        elif item:
            start(line, "item", "", section)
        elif line[-1] in ":：" and len(line) <= 20:
            continue  # 主要工作如下:
        else:
            pid = "总体要求" if chapter is None else f"{chapter}、末段"
            start(line, "plain", _unique(taken, pid), section)
        open_block = _open(blocks[-1])
    return [reading.block() for reading in blocks]


def _open(block: _Reading) -> bool:
    """Whether a page break may have cut the block: it ends no sentence, and it is not a
    numbered paragraph's heading ((一)优化政策发布解读: short, no sentence in it)."""
    if block.lines[-1].endswith(SENTENCE_END):
        return False
    heading = block.kind == "paragraph" and block.length <= 40 and "。" not in "".join(block.lines)
    return not heading


def read_body(blocks: list[Block], items: Collection[int] = ()) -> Body:
    """Chapters and paragraphs of the body: every block but the items (`items`: indexes in
    `blocks`) that are not numbered paragraphs."""
    body = Body(blocks=blocks)
    for index, block in enumerate(blocks):
        if block.kind == "chapter":
            body.chapters.append((block.pid, block.text))
        elif block.kind == "paragraph" or (block.kind == "plain" and index not in items):
            body.paragraphs.append((block.pid, block.text))
    return body


def _unique(taken: dict[str, int], pid: str) -> str:
    """`pid` the first time, then `pid2`, `pid3` ... (`taken` counts each id's uses).

    No id the body gives ends in a digit, so a numbered one never meets another."""
    count = taken.get(pid, 0) + 1
    taken[pid] = count
    return pid if count == 1 else f"{pid}{count}"
