"""Load and check the whole content tree; report every problem at once.

The loader never stops at the first mistake: editors fix a batch of files in one go,
and a running bot that reloads broken content keeps its last good version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge import fieldchecks
from bot.knowledge.announcements import FOLDER as ANNOUNCEMENTS_FOLDER
from bot.knowledge.announcements import load_announcements
from bot.knowledge.districts import load_districts
from bot.knowledge.model import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    Area,
    Article,
    KnowledgeBase,
    Office,
    Section,
    Source,
    Translation,
)
from bot.knowledge.office_loader import load_office
from bot.knowledge.out_of_scope import load_out_of_scope
from bot.knowledge.problems import ContentError, Problem, Severity, display_path
from bot.knowledge.yamlnodes import FileReader, Mapping, line_of

# A review older than this is flagged so editors re-check facts that may have changed.
REVIEW_MAX_AGE = dt.timedelta(days=365)
TITLE_MAX = 120
SUMMARY_MAX = 400
BODY_MAX = 3000

TRANSLATION_REQUIRED = ("id", "reviewed", "title", "summary", "body", "keywords")
TRANSLATION_OPTIONAL = ("questions", "sections")
FACTS_REQUIRED = ("id", "sources")
FACTS_OPTIONAL = ("order", "related", "offices")


@dataclass(frozen=True)
class LoadResult:
    knowledge: KnowledgeBase | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


@dataclass(frozen=True)
class _Facts:
    area: str
    order: int
    related: tuple[tuple[str, int], ...]
    offices: tuple[tuple[str, int], ...]
    sources: tuple[Source, ...]
    where: str


def load(root: Path, today: dt.date | None = None) -> LoadResult:
    """Read and check everything under root; the knowledge base only if there is no error."""
    return _Loader(root, today or dt.date.today()).run()


def load_or_raise(root: Path, today: dt.date | None = None) -> KnowledgeBase:
    result = load(root, today)
    if result.knowledge is None:
        raise ContentError(result.errors)
    return result.knowledge


class _Loader:
    def __init__(self, root: Path, today: dt.date) -> None:
        self.root = root
        self.today = today
        self.problems: list[Problem] = []
        # Files already reported as unreadable or incomplete: not reported again as "missing".
        self.unreadable: set[str] = set()
        # (lang, article id) -> line of `reviewed`, where a stale translation is reported.
        self.reviewed_lines: dict[tuple[str, str], int] = {}

    def reader(self, path: Path) -> FileReader:
        return FileReader(display_path(path, self.root), self.problems)

    def run(self) -> LoadResult:
        if not self.root.is_dir():
            problem = Problem(str(self.root), 1, "content directory does not exist")
            return LoadResult(None, [problem])
        areas, emergency = self.load_topics()
        offices = self.load_offices()
        announcements = load_announcements(
            self.root, self.reader, {area_id for area_id, _, _ in areas}
        )
        districts = load_districts(self.root, self.reader, offices)
        facts = self.load_facts({area_id for area_id, _, _ in areas})
        translations = {lang: self.load_language(lang, facts) for lang in LANGUAGES}
        self.cross_check(facts, offices, translations, emergency)
        out_of_scope = load_out_of_scope(self.root, self.reader, facts.keys())
        articles = {
            article_id: Article(
                id=article_id,
                area=fact.area,
                order=fact.order,
                related=tuple(ref for ref, _ in fact.related if ref in facts),
                offices=tuple(ref for ref, _ in fact.offices if ref in offices),
                sources=fact.sources,
                translations={
                    lang: translations[lang][article_id]
                    for lang in LANGUAGES
                    if article_id in translations[lang]
                },
            )
            for article_id, fact in facts.items()
        }
        area_objects = tuple(
            Area(
                id=area_id,
                icon=icon,
                title=title,
                article_ids=tuple(
                    article.id
                    for article in sorted(
                        (a for a in articles.values() if a.area == area_id),
                        key=lambda a: (a.order, a.id),
                    )
                ),
            )
            for area_id, icon, title in areas
        )
        problems = sorted(set(self.problems))
        if any(p.severity is Severity.ERROR for p in problems):
            return LoadResult(None, problems)
        knowledge = KnowledgeBase(
            area_objects,
            articles,
            offices,
            emergency or "",
            announcements,
            districts,
            out_of_scope,
        )
        return LoadResult(knowledge, problems)

    # -- topics ---------------------------------------------------------------------------

    def load_topics(self) -> tuple[list[tuple[str, str, dict[str, str]]], str | None]:
        path = self.root / "topics.yaml"
        reader = self.reader(path)
        if not path.is_file():
            reader.error(1, "topics.yaml is missing: it lists the menu areas")
            return [], None
        top = reader.load(path)
        if top is None:
            return [], None
        reader.check_fields(top, required=("areas", "emergency_article"))
        emergency = reader.text(top, "emergency_article")
        areas: list[tuple[str, str, dict[str, str]]] = []
        node = top.entries.get("areas")
        if node is None:
            return areas, emergency[0] if emergency else None
        if not hasattr(node, "value") or not isinstance(node.value, list):
            reader.error(line_of(node), "'areas' must be a list")
            return areas, emergency[0] if emergency else None
        seen: set[str] = set()
        for item in node.value:
            area = reader.mapping(item, "an area")
            if area is None:
                continue
            reader.check_fields(area, required=("id", "title"), optional=("icon",))
            found_id = reader.text(area, "id")
            icon = reader.text(area, "icon")
            title = reader.languages(area, "title", LANGUAGES)
            if found_id is None:
                continue
            area_id, line = found_id
            if area_id in seen:
                reader.error(line, f"area '{area_id}' is listed twice")
            seen.add(area_id)
            areas.append((area_id, icon[0] if icon else "", title))
        return areas, emergency[0] if emergency else None

    # -- offices --------------------------------------------------------------------------

    def load_offices(self) -> dict[str, Office]:
        offices: dict[str, Office] = {}
        for path in sorted((self.root / "offices").glob("*.yaml")):
            office = load_office(self.reader(path), path)
            if office is not None:
                offices[office.id] = office
        return offices

    # -- facts ----------------------------------------------------------------------------

    def load_facts(self, areas: set[str]) -> dict[str, _Facts]:
        facts: dict[str, _Facts] = {}
        for path in sorted((self.root / "facts").glob("*/*.yaml")):
            reader = self.reader(path)
            area = path.parent.name
            if area not in areas:
                reader.error(1, f"area folder '{area}' is not listed in topics.yaml")
            data = reader.load(path)
            if data is None:
                continue
            reader.check_fields(data, required=FACTS_REQUIRED, optional=FACTS_OPTIONAL)
            article_id = self.checked_id(reader, data, path.stem)
            if article_id is None:
                continue
            if article_id in facts:
                reader.error(
                    data.line, f"duplicate id '{article_id}': also in {facts[article_id].where}"
                )
                continue
            facts[article_id] = _Facts(
                area=area,
                order=reader.integer(data, "order", 100),
                related=tuple(reader.text_list(data, "related")),
                offices=tuple(reader.text_list(data, "offices")),
                sources=self.sources(reader, data),
                where=reader.path,
            )
        return facts

    def sources(self, reader: FileReader, data: Mapping) -> tuple[Source, ...]:
        node = data.entries.get("sources")
        if node is None:
            return ()
        if not hasattr(node, "value") or not isinstance(node.value, list) or not node.value:
            reader.error(line_of(node), "'sources' must be a non-empty list of {url, title}")
            return ()
        sources: list[Source] = []
        for item in node.value:
            entry = reader.mapping(item, "a source")
            if entry is None:
                continue
            reader.check_fields(entry, required=("url",), optional=("title",))
            url = reader.text(entry, "url")
            title = reader.text(entry, "title")
            if url and self.url(reader, url[0], url[1]):
                sources.append(Source(url[0], title[0] if title else None))
        return tuple(sources)

    # -- translations ---------------------------------------------------------------------

    def load_language(self, lang: str, facts: dict[str, _Facts]) -> dict[str, Translation]:
        found: dict[str, Translation] = {}
        for path in sorted((self.root / lang).glob("*/*.yaml")):
            if path.parent.name == ANNOUNCEMENTS_FOLDER:
                continue  # read by load_announcements
            reader = self.reader(path)
            data = reader.load(path)
            if data is None:
                self.unreadable.add(path.relative_to(self.root).as_posix())
                continue
            reader.check_fields(data, required=TRANSLATION_REQUIRED, optional=TRANSLATION_OPTIONAL)
            article_id = self.checked_id(reader, data, path.stem)
            if article_id is None:
                continue
            fact = facts.get(article_id)
            if fact is None:
                reader.error(
                    data.line, f"no facts file for '{article_id}' (facts/<area>/{article_id}.yaml)"
                )
            elif fact.area != path.parent.name:
                reader.error(
                    data.line,
                    f"'{article_id}' belongs to area '{fact.area}', not '{path.parent.name}'",
                )
            if article_id in found:
                reader.error(data.line, f"duplicate id '{article_id}' in {lang}")
                continue
            translation = self.translation(reader, data, lang)
            if translation is None:
                self.unreadable.add(path.relative_to(self.root).as_posix())
            else:
                found[article_id] = translation
                self.reviewed_lines[(lang, article_id)] = data.key_lines["reviewed"]
        return found

    def translation(self, reader: FileReader, data: Mapping, lang: str) -> Translation | None:
        title = reader.text(data, "title", max_length=TITLE_MAX)
        summary = reader.text(data, "summary", max_length=SUMMARY_MAX)
        body = reader.text(data, "body", max_length=BODY_MAX)
        reviewed = reader.date(data, "reviewed")
        keywords = reader.text_list(data, "keywords")
        if "keywords" in data.entries and not keywords:
            reader.error(data.key_lines["keywords"], "give at least one keyword")
        questions = reader.text_list(data, "questions")
        for field_value in (title, summary, body):
            if field_value:
                self.markup(reader, *field_value)
        sections = self.sections(reader, data)
        if reviewed and self.today - reviewed > REVIEW_MAX_AGE:
            reader.warning(
                data.key_lines["reviewed"],
                f"reviewed {reviewed.isoformat()}, over 12 months ago: check the facts",
            )
        if reviewed and reviewed > self.today:
            reader.error(data.key_lines["reviewed"], f"reviewed date {reviewed} is in the future")
        if not (title and summary and body and reviewed and keywords):
            return None
        return Translation(
            lang=lang,
            title=title[0],
            summary=summary[0],
            body=body[0],
            reviewed=reviewed,
            keywords=tuple(k for k, _ in keywords),
            questions=tuple(q for q, _ in questions),
            sections=sections,
        )

    def sections(self, reader: FileReader, data: Mapping) -> tuple[Section, ...]:
        node = data.entries.get("sections")
        if node is None:
            return ()
        if not hasattr(node, "value") or not isinstance(node.value, list):
            reader.error(line_of(node), "'sections' must be a list of {title, body}")
            return ()
        sections: list[Section] = []
        for item in node.value:
            entry = reader.mapping(item, "a section")
            if entry is None:
                continue
            reader.check_fields(entry, required=("title", "body"))
            title = reader.text(entry, "title", max_length=TITLE_MAX)
            body = reader.text(entry, "body", max_length=BODY_MAX)
            for field_value in (title, body):
                if field_value:
                    self.markup(reader, *field_value)
            if title and body:
                sections.append(Section(title[0], body[0]))
        return tuple(sections)

    # -- checks across files --------------------------------------------------------------

    def cross_check(
        self,
        facts: dict[str, _Facts],
        offices: dict[str, Office],
        translations: dict[str, dict[str, Translation]],
        emergency: str | None,
    ) -> None:
        for article_id, fact in facts.items():
            reader = FileReader(fact.where, self.problems)
            for lang in LANGUAGES:
                expected = f"{lang}/{fact.area}/{article_id}.yaml"
                if article_id not in translations[lang] and expected not in self.unreadable:
                    reader.error(
                        1,
                        f"'{article_id}' has no {lang} version ({lang}/{fact.area}/{article_id}.yaml)",
                    )
            for ref, line in fact.related:
                if ref not in facts:
                    reader.error(line, f"related article '{ref}' does not exist")
                elif ref == article_id:
                    reader.error(line, "an article cannot be related to itself")
            for ref, line in fact.offices:
                if ref not in offices:
                    reader.error(line, f"office '{ref}' does not exist (offices/{ref}.yaml)")
            source = translations[SOURCE_LANGUAGE].get(article_id)
            for lang in LANGUAGES:
                version = translations[lang].get(article_id)
                if source and version and is_stale(lang, version.reviewed, source.reviewed):
                    self.reader(self.root / lang / fact.area / f"{article_id}.yaml").warning(
                        self.reviewed_lines[(lang, article_id)],
                        f"translation reviewed {version.reviewed}, before the Czech text changed "
                        f"({source.reviewed}): update it and its date",
                    )
        if emergency and emergency not in facts:
            self.reader(self.root / "topics.yaml").error(
                1, f"emergency_article '{emergency}' does not exist"
            )

    # -- small field checks ---------------------------------------------------------------

    def checked_id(self, reader: FileReader, data: Mapping, stem: str) -> str | None:
        return fieldchecks.checked_id(reader, data, stem)

    def markup(self, reader: FileReader, text: str, line: int) -> None:
        fieldchecks.markup_text(reader, text, line)

    def url(self, reader: FileReader, url: str, line: int) -> bool:
        return fieldchecks.url(reader, url, line)

    def phone(self, reader: FileReader, phone: str, line: int) -> bool:
        return fieldchecks.phone(reader, phone, line)

    def email(self, reader: FileReader, email: str, line: int) -> bool:
        return fieldchecks.email(reader, email, line)


def is_stale(lang: str, reviewed: dt.date, source_reviewed: dt.date) -> bool:
    """A translation last reviewed before the Czech source's latest review date.

    Editors bump `reviewed` in the Czech file whenever they change its text, so that
    date is when the source last changed.
    """
    return lang != SOURCE_LANGUAGE and reviewed < source_reviewed
