"""The notice and body of a plan, read from its lines of text.

The notice (通知) gives the 文号, the issuer, the title in 《》, the addressees
and the issue date; the body gives chapters (一、...) and numbered paragraphs
((一)...). A paragraph cut by a page break (it does not end a sentence) goes on
with the next line, with nothing put between.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gongkai_cli.plan.importing.table import squeeze

_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d+号")
_TITLE = re.compile(r"印发\s*《(.+?)》")
_ISSUER = re.compile(r"^(.{2,30}?)关于印发")
_ISSUED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_MARKER = re.compile(r"^[(（]([一二三四五六七八九十]+)[)）]")
# A numbered item: 1. 1、 1． (1) （1）
ITEM_MARKER = re.compile(r"^(?:(\d{1,3})[.．、]|[(（](\d{1,3})[)）])\s*")
_SENTENCE_END = ("。", "！", "？", "；", "）", ")", "”", "」")
_ANNEX = re.compile(r"^附件\s*[:：\d一二三四五六七八九十]?")


@dataclass(slots=True)
class Notice:
    """What the notice says about the document; None where it says nothing."""

    number: str | None = None
    title: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    addressees: str | None = None


@dataclass(slots=True)
class Body:
    """The chapters and paragraphs of the body, verbatim, with their ids."""

    chapters: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    item_sections: list[str] = field(default_factory=list)
    """For each item line met, in order: the id of the numbered paragraph it sits under, or ""."""


def read_notice(lines: list[str]) -> Notice:
    """The 文号, title, issuer, addressees and issue date the notice states."""
    notice = Notice()
    text = [line.strip() for line in lines if line.strip()]
    for line in text[:40]:
        if notice.number is None and (match := _NUMBER.search(line)):
            notice.number = match[0]
        if notice.title is None and (match := _TITLE.search(line)):
            notice.title = match[1]
        if notice.issuer is None and line.endswith("文件") and len(line) <= 30:
            notice.issuer = line.removesuffix("文件")
        if (
            notice.addressees is None
            and line[-1] in ":："
            and len(line) <= 60
            and ("、" in line or "各" in line)
        ):
            notice.addressees = line[:-1]
        if notice.issued is None and (match := _ISSUED.fullmatch(line)):
            with contextlib.suppress(ValueError):  # 2021年2月30日 is no date: keep looking
                notice.issued = dt.date(int(match[1]), int(match[2]), int(match[3]))
    if notice.issuer is None:
        # A page copied from the web has no 发文机关标志 (…文件): the notice's title names it.
        for line in text[:40]:
            if match := _ISSUER.match(line):
                notice.issuer = match[1]
                break
    return notice


def body_lines(lines: list[str], title: str | None) -> list[str]:
    """The lines of the body: after its own title (or the notice's date), up to the annex."""
    text = [line.strip() for line in lines if line.strip()]
    start = 0
    if title:
        squeezed = squeeze(title)
        found = [i for i, line in enumerate(text) if squeeze(line) == squeezed]
        if found:
            start = found[0] + 1
    end = next((i for i, line in enumerate(text) if i >= start and _ANNEX.match(line)), len(text))
    return text[start:end]


def read_body(lines: list[str], is_item: Callable[[str], bool] = lambda line: False) -> Body:
    """Chapters and paragraphs of the body lines, with ids such as 一、(一) and 五、末段.

    Lines that `is_item` accepts are tasks of an items plan, not paragraphs: each is
    noted with the numbered paragraph (its heading) it sits under.
    """
    body = Body()
    chapter: str | None = None
    section = ""
    open_paragraph = False
    for line in lines:
        if heading := _CHAPTER.match(line):
            chapter = heading[1]
            body.chapters.append((chapter, line))
            open_paragraph, section = False, ""
            continue
        if is_item(line):
            body.item_sections.append(section)
            open_paragraph = False
            continue
        marker = _MARKER.match(line)
        if open_paragraph and not marker and not ITEM_MARKER.match(line):
            # A page break cut the paragraph: the next line goes on with nothing between.
            pid, text = body.paragraphs[-1]
            body.paragraphs[-1] = (pid, text + line)
        elif marker:
            section = _unique(body, f"{chapter}、({marker[1]})")
            body.paragraphs.append((section, line))
        elif line[-1] in ":：" and len(line) <= 20:
            continue  # 主要工作如下:
        else:
            pid = "总体要求" if chapter is None else f"{chapter}、末段"
            body.paragraphs.append((_unique(body, pid), line))
        open_paragraph = not body.paragraphs[-1][1].endswith(_SENTENCE_END)
    return body


def _unique(body: Body, pid: str) -> str:
    taken = {existing for existing, _ in body.paragraphs}
    if pid not in taken:
        return pid
    count = 2
    while f"{pid}{count}" in taken:
        count += 1
    return f"{pid}{count}"
