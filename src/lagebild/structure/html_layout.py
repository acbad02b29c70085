"""Structure of a saved HTML news page.

Metadata comes from what the page states for machines (JSON-LD
`NewsArticle`, OpenGraph and `article:*` meta, `<time datetime>`), the
article itself from the DOM: the article element, its `h1`, lead, byline,
figure and caption, then paragraphs and sub-headings in reading order. Pages
without a recognisable article element are handed to trafilatura's
main-content extraction. Either way every paragraph still passes the same
cue checks as page text (furniture, notes, stamps, datelines).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import lxml.html
from lxml import etree

from lagebild.record import Section
from lagebild.structure.cues import Cues
from lagebild.structure.text_layout import Kind, Line, TextLayout, TextStructure, normalise_space
from lagebild.structure.timestamps import parse_iso, parse_stamp_line

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd"}
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}


class HtmlError(ValueError):
    """The markup holds no readable article."""


@dataclass
class PageMeta:
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: list[str] = field(default_factory=list)
    description: str | None = None
    url: str | None = None
    language: str | None = None
    site_name: str | None = None


def _classes(el: etree._Element) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}".lower()


def _text(el: etree._Element) -> str:
    return normalise_space(el.text_content())


def _iter_jsonld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _iter_jsonld(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _iter_jsonld(node["@graph"])


def _names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value; organisations are not authors."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            kind = str(item.get("@type", "Person")).lower()
            if "organization" not in kind and item.get("name"):
                out.append(str(item["name"]))
    return [normalise_space(n) for n in out if n and n.strip()]


def _link_density(el: etree._Element, exclude: etree._Element | None = None) -> float:
    """Share of an element's text that sits in links (navigation and teaser boxes are mostly links)."""
    total = len(_text(el)) - (len(_text(exclude)) if exclude is not None else 0)
    if total <= 0:
        return 0.0
    linked = sum(len(_text(a)) for a in el.iter("a"))
    return min(1.0, linked / total)


class HtmlLayout:
    def __init__(self, cues: Cues, text_layout: TextLayout):
        self.cues = cues
        self.text_layout = text_layout

    def __call__(self, markup: str) -> tuple[TextStructure, PageMeta]:
        try:
            doc = lxml.html.document_fromstring(markup)
        except (etree.ParserError, ValueError) as exc:
            raise HtmlError(f"HTML could not be parsed ({exc})") from exc
        meta = self.page_meta(doc)
        self._drop_furniture(doc)
        root = self._article_root(doc)
        result = TextStructure()
        result.title = self._title(doc, root, meta)
        result.kicker = self._first_marked(root, "html_kicker_markers")
        self._figure(root, result)
        result.author = self._author(root) or self._meta_author(meta)
        result.published = meta.published or self._time(root) or self._time(doc) or self._visible_stamp(root)
        lead_el = self._lead_element(root)
        result.lead = _text(lead_el) if lead_el is not None else None
        units = self._body_units(root, lead_el)
        if sum(len(text) for _kind, text in units if _kind == "p") < 80:
            units = self._trafilatura_units(markup) or units
        self._read_units(units, result, meta)
        result.published = result.published or meta.modified
        if not result.title and not any(s.paragraphs for s in result.sections):
            raise HtmlError("no article text found in the HTML")
        return result, meta

    # ---- metadata ------------------------------------------------------------

    def page_meta(self, doc: etree._Element) -> PageMeta:
        meta = PageMeta()
        for script in doc.xpath('//script[@type="application/ld+json"]'):
            try:
                data = json.loads(script.text_content() or "null")
            except json.JSONDecodeError:
                continue
            for node in _iter_jsonld(data):
                types = node.get("@type", "")
                types = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
                if types & ARTICLE_TYPES:
                    meta.title = meta.title or (normalise_space(str(node["headline"])) if node.get("headline") else None)
                    meta.published = meta.published or parse_iso(node.get("datePublished"), self.cues["timezone"])
                    meta.modified = meta.modified or parse_iso(node.get("dateModified"), self.cues["timezone"])
                    meta.authors = meta.authors or _names(node.get("author"))
                    meta.description = meta.description or node.get("description")
                    meta.url = meta.url or node.get("url")
        props = {}
        for el in doc.xpath("//meta[@content]"):
            key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
            if key and key not in props:
                props[key] = el.get("content")
        meta.title = meta.title or props.get("og:title") or props.get("twitter:title")
        for key in ("article:published_time", "datepublished", "date", "pubdate", "dc.date", "dcterms.created", "publishdate"):
            if not meta.published and props.get(key):
                meta.published = parse_iso(props[key], self.cues["timezone"])
        meta.modified = meta.modified or parse_iso(props.get("article:modified_time"), self.cues["timezone"])
        if not meta.authors and props.get("author"):
            meta.authors = [normalise_space(props["author"])]
        meta.description = meta.description or props.get("og:description") or props.get("description")
        meta.site_name = props.get("og:site_name")
        canonical = doc.xpath('//link[@rel="canonical"]/@href')
        meta.url = meta.url or props.get("og:url") or (canonical[0] if canonical else None)
        meta.language = (doc.get("lang") or "").split("-")[0].lower() or None
        return meta

    # ---- the article element ---------------------------------------------------

    def _drop_furniture(self, doc: etree._Element) -> None:
        drop_tags = set(self.cues["html_drop_tags"])
        markers = self.cues["html_drop_markers"]
        doomed = []
        for el in doc.iter():
            if not isinstance(el.tag, str):
                doomed.append(el)  # comments, processing instructions
                continue
            if el.tag in drop_tags or el.tag == "head":
                doomed.append(el)
                continue
            if el.tag in ("html", "body", "article", "main"):
                continue
            classes = _classes(el)
            if classes.strip() and any(m in classes for m in markers):
                doomed.append(el)
        for el in doomed:
            parent = el.getparent()
            if parent is not None:
                el.drop_tree() if isinstance(el, lxml.html.HtmlElement) else parent.remove(el)

    def _article_root(self, doc: etree._Element) -> etree._Element:
        candidates = doc.xpath('//*[@itemprop="articleBody"]') or doc.xpath("//article")
        if not candidates:
            candidates = [el for el in doc.iter() if isinstance(el.tag, str)
                          and any(k in _classes(el) for k in ("article", "story", "beitrag", "content"))]
        if not candidates:
            candidates = doc.xpath("//main") or doc.xpath("//body") or [doc]
        def weight(el: etree._Element) -> int:
            return sum(len(_text(p)) for p in el.iter("p"))
        best = max(candidates, key=weight)
        # An articleBody without the header: widen to the enclosing article.
        if best.tag != "article":
            outer = best.xpath("ancestor::article")
            if outer:
                best = outer[-1]
        return best

    def _title(self, doc: etree._Element, root: etree._Element, meta: PageMeta) -> str | None:
        for scope in (root, doc):
            h1 = scope.xpath(".//h1")
            if h1 and _text(h1[0]):
                # A kicker set inside the headline (<h1><span class="kicker">…) is not title.
                title = _text(h1[0])
                for kicker in self._marked(h1[0], "html_kicker_markers"):
                    title = normalise_space(title.replace(_text(kicker), "", 1)).lstrip(":–- ")
                return title
        if meta.title:
            return normalise_space(meta.title)
        title = doc.xpath("//title")
        if title:
            text = _text(title[0])
            return re.split(r"\s+[|–—-]\s+[^|–—-]+$", text)[0] if text else None
        return None

    def _marked(self, root: etree._Element, key: str) -> Iterator[etree._Element]:
        markers = self.cues[key]
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag not in ("article", "main", "body", "html"):
                classes = _classes(el)
                if any(re.search(rf"(^|[\s_-]){re.escape(m)}($|[\s_-])", classes) for m in markers):
                    yield el

    def _first_marked(self, root: etree._Element, key: str) -> str | None:
        for el in self._marked(root, key):
            text = _text(el)
            if text:
                return text
        return None

    def _lead_element(self, root: etree._Element) -> etree._Element | None:
        for el in self._marked(root, "html_lead_markers"):
            if el.tag in ("p", "div", "section", "header", "span", "strong") and len(_text(el)) >= 20 and not el.xpath(".//h1"):
                return el
        # Many sites set the teaser as the first paragraph, wholly in bold.
        first = next((p for p in root.iter("p") if _text(p)), None)
        if first is not None and len(_text(first)) >= 40:
            bold = [b for b in first if isinstance(b.tag, str) and b.tag in ("strong", "b")]
            if len(bold) == 1 and _text(bold[0]) == _text(first):
                return first
        return None

    def _author(self, root: etree._Element) -> str | None:
        for el in root.xpath('.//*[@rel="author"] | .//*[@itemprop="author"]'):
            text = _text(el)
            if text:
                return self._clean_author(text)
        for el in self._marked(root, "html_author_markers"):
            text = _text(el)
            if text:
                for line in text.split("  "):
                    author = self._clean_author(line)
                    if author:
                        return author
        return None

    def _meta_author(self, meta: PageMeta) -> str | None:
        """The first metadata author that is a person, not the publisher or its newsroom."""
        words = {w.lower() for w in self.cues["organisation_author_words"]}
        site = (meta.site_name or "").lower()
        for name in meta.authors:
            tokens = {t.lower().strip(".,") for t in name.split()}
            if tokens & words or (site and site in name.lower()):
                continue
            return name
        return None

    def _visible_stamp(self, root: etree._Element) -> str | None:
        """A stamp printed in a small date element (`<span class="date">Stand: …</span>`)."""
        for el in self._marked(root, "html_date_markers"):
            text = _text(el)
            for piece in [text] + [_text(child) for child in el]:
                stamp = parse_stamp_line(piece, self.cues) if piece else None
                if stamp:
                    return stamp.iso
        return None

    def _clean_author(self, text: str) -> str | None:
        text = normalise_space(text)
        for pattern in self.cues.byline:
            match = pattern.match(text)
            if match:
                return match.group("author")
        match = re.match(r"(?:[Vv]on\s+)?([A-ZÄÖÜ][\w'.-]+(?:\s+[A-ZÄÖÜ][\w'.-]+){1,3})", text)
        return match.group(1) if match else None

    def _time(self, root: etree._Element) -> str | None:
        for el in root.xpath(".//time"):
            value = parse_iso(el.get("datetime"), self.cues["timezone"])
            if value:
                return value
            stamp = parse_stamp_line(_text(el), self.cues)
            if stamp:
                return stamp.iso
        return None

    def _figure(self, root: etree._Element, result: TextStructure) -> None:
        for fig in root.xpath(".//figure | .//*[contains(@class, 'image')]"):
            caption_el = fig.xpath(".//figcaption") or fig.xpath(".//*[contains(@class, 'caption')]")
            if not caption_el:
                continue
            cap = caption_el[0]
            credit = None
            for el in self._marked(fig, "html_credit_markers"):
                credit_text = _text(el)
                match = self.text_layout._match_any(self.cues.credit_only, credit_text)
                credit = match.group("credit").strip() if match else credit_text
                el.drop_tree()
                break
            caption = _text(cap)
            if credit is None and caption:
                match = self.text_layout._match_any(self.cues.caption_with_credit, caption)
                if match:
                    caption, credit = match.group("caption").strip(), match.group("credit").strip()
            result.caption = caption or None
            result.image_credit = credit
            return

    # ---- the body ----------------------------------------------------------------

    def _body_units(self, root: etree._Element, lead_el: etree._Element | None) -> list[tuple[str, str]]:
        skip: set[etree._Element] = set()
        for el in root.xpath(".//figure | .//h1 | .//time | .//figcaption | .//*[@rel='author']"):
            skip.add(el)
        for key in ("html_author_markers", "html_kicker_markers", "html_credit_markers"):
            skip.update(self._marked(root, key))
        if lead_el is not None:
            skip.add(lead_el)
        units: list[tuple[str, str]] = []

        def walk(el: etree._Element) -> None:
            if not isinstance(el.tag, str) or el in skip:
                return
            if el.tag in BLOCK_TAGS and not el.xpath(".//p | .//li"):
                text = _text(el)
                if text:
                    units.append(("h" if el.tag in HEADING_TAGS else "p", text))
                return
            in_related_box = False
            for child in el:
                if not isinstance(child.tag, str):
                    continue
                if self._is_related_header(child):
                    # A "Mehr zum Thema" box: drop the header and the link lists after it.
                    in_related_box = True
                    if el is not root and _link_density(el, exclude=child) >= 0.6:
                        return
                    continue
                if in_related_box and (child.tag in ("ul", "ol") or _link_density(child) >= 0.6):
                    continue
                in_related_box = False
                walk(child)

        walk(root)
        return units

    def _is_related_header(self, el: etree._Element) -> bool:
        if el.tag not in HEADING_TAGS | {"p", "div", "span", "strong", "b", "header"}:
            return False
        text = _text(el)
        return bool(text) and len(text) < 60 and self.text_layout._match_any(self.cues.related_headers, text) is not None

    def _trafilatura_units(self, markup: str) -> list[tuple[str, str]]:
        import trafilatura

        xml = trafilatura.extract(markup, output_format="xml", include_comments=False, include_tables=False,
                                  include_images=False, favor_precision=True, deduplicate=False)
        if not xml:
            return []
        tree = etree.fromstring(xml.encode("utf-8"))
        units: list[tuple[str, str]] = []
        for el in tree.iter("head", "p", "item", "quote"):
            text = normalise_space("".join(el.itertext()))
            if text:
                units.append(("h" if el.tag == "head" else "p", text))
        return units

    def _read_units(self, units: list[tuple[str, str]], result: TextStructure, meta: PageMeta) -> None:
        sections: list[Section] = [Section(None, [])]
        skip_texts = {t for t in (result.title, result.lead, result.caption, result.kicker) if t}
        for kind, text in units:
            if text in skip_texts:
                continue
            line = Line(text, 0)
            self.text_layout.classify(line)
            if line.kind is Kind.NOTE:
                result.notes.append(text)
                continue
            if line.kind is Kind.STAMP:
                if line.stamp and not result.published:
                    result.published = line.stamp.iso
                continue
            if line.kind is Kind.BYLINE:
                result.author = result.author or line.author
                continue
            if line.kind in (Kind.FURNITURE, Kind.RELATED, Kind.CREDIT):
                result.dropped.append(text)
                continue
            if kind == "h":
                sections.append(Section(text, []))
                continue
            if not any(s.paragraphs for s in sections) and result.dateline is None:
                match = self.cues.dateline.match(text)
                if match:
                    result.dateline = match.group(0).rstrip(" -–—").strip()
                    text = text[match.end():].strip()
            sections[-1].paragraphs.append(text)
        if not sections[0].paragraphs and len(sections) > 1:
            sections = sections[1:]
        result.sections = [s for s in sections if s.paragraphs]
        if result.lead is None and meta.description and result.sections:
            first = result.sections[0].paragraphs[0]
            if normalise_space(meta.description) == first:
                result.lead = first
                result.sections[0].paragraphs.pop(0)
                result.sections = [s for s in result.sections if s.paragraphs]
