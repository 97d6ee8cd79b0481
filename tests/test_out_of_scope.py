"""Out-of-scope topics: checked with file:line, and a better fit than every article hands off."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.library import Library
from bot.knowledge.loader import load
from bot.search import matcher as matcher_module
from bot.search.matcher import Action, Matcher, Reason
from tests.conftest import TODAY
from tests.contentkit import write_content
from tests.test_loader import messages

TOPIC = """\
id: other-countries
note: Residence and work in another country than Czechia.
keywords:
  cs: [pobyt v Německu, Německo]
  uk: [Німеччина, Германия]
  en: [residence in Germany, Germany]
"""
PATH = "content/out-of-scope/other-countries.yaml"


def write_topic(content: Path, text: str = TOPIC, name: str = "other-countries") -> None:
    folder = content / "out-of-scope"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_a_topic_loads_with_its_keywords_per_language(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    write_topic(content)
    result = load(content, TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    topic = result.knowledge.out_of_scope["other-countries"]
    assert topic.keywords["uk"] == ("Німеччина", "Германия")
    assert "other-countries" not in result.knowledge.articles


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            TOPIC.replace("  uk: [Німеччина, Германия]\n", ""),
            f"{PATH}:4: missing required field 'uk'",
        ),
        (
            TOPIC.replace("[Німеччина, Германия]", "[]"),
            f"{PATH}:5: 'uk' needs at least one keyword",
        ),
        (TOPIC.replace("en: [", "de: [x]\n  en: ["), f"{PATH}:6: unknown field 'de'"),
        (TOPIC.replace("note: Residence", "notes: Residence"), f"{PATH}:2: unknown field 'notes'"),
        (
            TOPIC.replace("id: other-countries", "id: elsewhere"),
            f"{PATH}:1: id 'elsewhere' does not match",
        ),
        (
            TOPIC.split("keywords:")[0] + "keywords: Germany\n",
            f"{PATH}:3: 'keywords' must be a mapping",
        ),
        (TOPIC + "  cs: [again]\n", f"{PATH}:7: field 'cs' appears twice"),
        (TOPIC.replace("id: other", "id: [other"), f"{PATH}:2: YAML syntax"),
        (TOPIC + "requires: []\n", f"{PATH}:7: 'requires' needs at least one word"),
        (
            TOPIC + "requires: [Germany, the Netherlands]\n",
            f"{PATH}:7: 'requires' lists single words, not phrases: 'the Netherlands'",
        ),
        (TOPIC + "places: []\n", f"{PATH}:7: 'places' needs at least one word"),
        (
            TOPIC + "places: [Spain, New Zealand]\n",
            f"{PATH}:7: 'places' lists single words, not phrases: 'New Zealand'",
        ),
    ],
)
def test_a_broken_topic_is_reported_with_file_and_line(
    tmp_path: Path, broken: str, expected: str
) -> None:
    content = write_content(tmp_path)
    write_topic(content, broken)
    found = messages(content)
    assert any(message.startswith(expected) for message in found), found


def test_a_topic_may_not_take_an_articles_id(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    write_topic(
        content,
        TOPIC.replace("other-countries", "emergency-numbers"),
        name="emergency-numbers",
    )
    assert (
        "content/out-of-scope/emergency-numbers.yaml:1: id 'emergency-numbers' is also an"
        " article's id; choose another" in messages(content)
    )


def matcher_with_topic(tmp_path: Path) -> Matcher:
    content = write_content(tmp_path)
    write_topic(content)
    result = load(content, TODAY)
    assert result.knowledge is not None
    return Matcher(result.knowledge)


def test_a_question_the_topic_fits_better_goes_to_a_person(tmp_path: Path) -> None:
    decision = matcher_with_topic(tmp_path).decide("how do I get a residence permit in Germany")
    assert decision.action is Action.HANDOFF
    assert decision.reason is Reason.OUT_OF_SCOPE
    assert "other-countries" not in decision.candidates


def test_a_question_an_article_fits_better_is_still_answered(tmp_path: Path) -> None:
    matcher = matcher_with_topic(tmp_path)
    decision = matcher.decide("I moved from Germany, where do I report the change of address")
    assert decision.action is Action.ANSWER
    assert decision.article == "address-change-reporting"


def test_a_topic_close_behind_a_strong_article_only_makes_it_a_suggestion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_content(tmp_path)
    write_topic(
        content,
        TOPIC.replace("Germany]", "fishing licence, fishing rod, fishing trip, fishing permit]"),
    )
    result = load(content, TODAY)
    assert result.knowledge is not None
    matcher = Matcher(result.knowledge)
    text = "extend temporary protection extension, fishing licence permit rod trip"
    # The topic explains the fishing words of its own and scores close behind: on its
    # own the question goes to a person.
    assert matcher.decide(text).reason is Reason.OUT_OF_SCOPE
    # Where the article is named strongly enough, both matter: the article is offered,
    # with a person beside it, and not answered as if the fishing were not asked.
    best = matcher.rank(text)[0][0][1]
    monkeypatch.setattr(matcher_module, "CONTESTED_EVIDENCE", best)
    monkeypatch.setattr(matcher_module, "CONTESTED_SHARE", 0.9)
    decision = matcher.decide(text)
    assert decision.action is Action.SUGGEST, decision
    assert decision.candidates[0] == "temporary-protection-extension"
    assert matcher.out_of_scope(text) is None


def test_a_number_in_a_topic_keyword_counts_only_beside_its_word(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    write_topic(content, TOPIC.replace("Germany]", "Germany, licence code 95]"))
    result = load(content, TODAY)
    assert result.knowledge is not None
    matcher = Matcher(result.knowledge)
    # No article uses "95", so alone it would weigh like the rarest word and take any
    # question with that number in it.
    assert matcher.out_of_scope("what is code 95 for drivers") == "other-countries"
    assert matcher.out_of_scope("address 95") is None
    assert matcher.decide("address 95").candidates == ("address-change-reporting",)


def test_a_topic_with_required_words_applies_only_when_one_is_named(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    write_topic(
        content,
        TOPIC.replace("Německo]", "Německo, registrace na ambasádě]")
        + "requires: [Německo, Německu, Germany]\n",
    )
    result = load(content, TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    matcher = Matcher(result.knowledge)
    # "registration at the embassy" is the topic's own phrase, but without a country it
    # is not about another country's rules.
    assert matcher.decide("registrace na ambasádě").reason is not Reason.OUT_OF_SCOPE
    assert matcher.decide("registrace na ambasádě v Německu").reason is Reason.OUT_OF_SCOPE
    # A street named after the country is an address ("Německá ulice", "Germany Street").
    assert matcher.decide("registrace na ambasádě, Německá ulice").reason is not (
        Reason.OUT_OF_SCOPE
    )
    assert matcher.decide("registrace na ambasádě Germany street").reason is not (
        Reason.OUT_OF_SCOPE
    )
    # Named as where one comes from, it is not where the question is set either.
    assert matcher.decide("registrace na ambasádě, přijeli jsme z Německa").reason is not (
        Reason.OUT_OF_SCOPE
    )
    assert matcher.decide("registrace na ambasádě z Německa v Německu").reason is (
        Reason.OUT_OF_SCOPE
    )


def test_a_question_set_in_one_of_the_places_goes_to_a_person(tmp_path: Path) -> None:
    content = write_content(tmp_path)
    write_topic(content, TOPIC + "requires: [Germany]\nplaces: [Spain, Іспанії, Іспанію]\n")
    result = load(content, TODAY)
    assert result.problems == []
    assert result.knowledge is not None
    matcher = Matcher(result.knowledge)
    assert matcher.decide("how to renew a driving licence in Spain").reason is (
        Reason.OUT_OF_SCOPE
    )
    assert matcher.decide("як продовжити посвідку в Іспанії").reason is Reason.OUT_OF_SCOPE
    assert matcher.decide("how to renew a driving licence in Spain before it expires").reason is (
        Reason.OUT_OF_SCOPE
    )
    # Named as where one comes from, where one goes or where one used to live, a place
    # is not the scene; nor does it make the topic apply the way a required word does.
    for text in (
        "I am from Spain, where do I report my address",
        "trip to Spain in summer",
        "before I lived in Spain, where do I report my address",
        "раніше жила в Іспанії, де повідомити адресу",
        "I worked in Spain, where do I report my address",
        "leaving for Spain tomorrow, where do I report my address",
        # The accusative is where one goes: "в Іспанію", not "в Іспанії".
        "чи можна з посвідкою в Іспанію, де повідомити адресу",
        # In a story, the place of a sentence that is not asked is the background.
        "In Spain we lived by the sea. Where do I report my address?",
    ):
        assert matcher.decide(text).reason is not Reason.OUT_OF_SCOPE, text
    assert matcher.decide(
        "I work in a factory. How to renew a driving licence in Spain?"
    ).reason is (Reason.OUT_OF_SCOPE)


def test_topics_never_appear_among_candidates(tmp_path: Path) -> None:
    matcher = matcher_with_topic(tmp_path)
    for text in ("Německo změna adresy", "Germany extension", "Германия"):
        assert "other-countries" not in matcher.decide(text).candidates


def test_an_urgent_message_still_shows_the_emergency_numbers(tmp_path: Path) -> None:
    decision = matcher_with_topic(tmp_path).decide("someone is beating me in Germany")
    assert decision.urgent
    assert decision.action is Action.ANSWER
    assert decision.article == "emergency-numbers"


@pytest.mark.parametrize(
    "text",
    [
        "how to get residence permit in Poland",
        "як отримати посвідку в Польщі",
        "как получить гражданство Германии",
        "kde vyměním hřivny za koruny",
        "vlak do Prahy jízdenka cena",
        "треба перекласти свідоцтво про народження у присяжного перекладача",
        "forklift licence course in Plzen",
        "де зробити посвідчення на навантажувач",
        "потрібен сантехнік терміново",
        # Set in a country of other-countries' places.
        "ukrainian driving licence in Spain",
        "как оформить пенсию в Казахстане находясь в Чехии",
        # ... or one of their big cities; a tax return there is not a trip.
        "hledám levný byt ve Vídni",
        "how to file my tax return in India from here",
        "Syn se chce přihlásit do české armády, jak se to dělá?",
        # Arranging a funeral here is a topic's; going home to one is a trip (below).
        "jak zařídit pohřeb v Plzni",
        "jaký je dnes směnný kurz eura",
        # Buying tyres is a car matter; throwing old ones away is waste sorting (below).
        "Kde v Plzni koupím levné pneumatiky?",
        # A visitor's Schengen visa is the embassy's, wherever the visit goes.
        "how to get schengen visa for my friend from Damascus to visit Germany",
        # A divorce, with or without the husband named; Prague's metro by its adjective.
        "развод с мужем",
        "how to divorce my husband",
        "сколько стоит проезд в пражском метро",
    ],
)
def test_the_bundled_topics_send_other_matters_to_a_person(
    bundled_library: Library, text: str
) -> None:
    decision = bundled_library.matcher.decide(text)
    assert decision.action is Action.HANDOFF, decision


@pytest.mark.parametrize(
    ("text", "article"),
    [
        ("I am a Polish citizen, do I need a permit to work in Plzeň", "work-eu-citizens"),
        ("ztratil jsem ukrajinský pas", "lost-documents"),
        ("jízdenka na tramvaj v Plzni", "public-transport"),
        ("бабушка получает пенсию в Украине, можно ли ей гуманитарку", "humanitarian-benefit"),
        ("my wife is German, can I live with her in Plzeň", "eu-citizens-residence"),
        # Plzeň's avenue named after America is an address.
        ("nejbližší policejní služebna u Americké třídy", "police-district-lookup"),
        # A forklift licence is a topic's; a forklift job is job search.
        ("шукаю роботу на навантажувачі", "job-search"),
        ("job as forklift driver in Plzen", "job-search"),
        # Home services name tradespeople; noisy neighbours at night are quiet hours.
        (
            "Сусіди зверху кожну ніч до 2 години гуляють, музика, крики. Кого викликати?",
            "quiet-hours",
        ),
        # A country or Prague as the place one goes to, where family is or how long one
        # stays there: the articles answer from here.
        ("Нужна ли виза чтобы съездить в Германию с временной защитой?", "travel-abroad"),
        ("my wife is in Poland, how can she come to live with me", "family-reunification"),
        ("загубила паспорт, треба їхати в консульство в Прагу?", "lost-documents"),
        ("можно ли с защитой пожить в Польше два месяца", "travel-abroad"),
        # A diploma from there to have recognised here.
        (
            "I was a nurse in India, how do I get my diploma recognised",
            "qualification-recognition",
        ),
        # Stolen, not forgotten: the police's, not the lost-and-found office's.
        ("ukradli mi batoh v autobuse", "police-and-municipal-police"),
        # A part of Plzeň, not Slovakia.
        ("переїхала в Slovany, треба десь nahlasit адресу?", "address-change-reporting"),
        ("маю захист, хочу поїхати на похорон в Україну на тиждень", "travel-abroad"),
        # "сменный" (shifts) folds like "směnný" (exchange rate): not banking.
        ("курсы чешского для тех, кто работает в сменный график", "czech-courses"),
        ("kam vyhodit staré pneumatiky", "waste-sorting"),
        ("do I need a visa to visit Germany with temporary protection", "travel-abroad"),
        # A husband in the story is not a divorce.
        ("воссоединение с мужем сколько ждать", "family-reunification"),
        # "робота" (work) is not "робот" (the bot).
        ("шукаю роботу зварювальником у Пльзні", "job-search"),
        # Where one used to work is the story's background, not its scene.
        (
            "раньше работал в Германии, как тут открыть živnost с картой сотрудника",
            "self-employment",
        ),
        # Leaving for a country is going there, not living there.
        (
            "штраф от městské policie, где заплатить? завтра уезжаю в Германию",
            "municipal-police-fines",
        ),
        ("I had blue card in Germany, now move to Plzen", "eu-blue-card"),
        ("забыла продлить ochranu, была у сестры в Польше", "temporary-protection-extension"),
        # The other place is the comparison; "and in Plzeň?" is the question.
        ("у Брно платили за сміття окремо, а в Пльзені як?", "waste-fee"),
        ("в Германии мы сортировали мусор по цветам, а в Пильзене как?", "waste-sorting"),
        ("is the dog fee in Plzen the same like in Brno?", "dog-rules"),
        ("kolik se platí za odpad v Plzni, v Brně to bylo levnější", "waste-fee"),
        # The war there is what the resident carries here.
        (
            "не можу спати після обстрілів в харкові, з ким поговорити українською",
            "mental-health",
        ),
        # A scene called Czech is here too: India is where the resident taught.
        (
            "I am a teacher in India, what do I need to teach in a Czech school",
            "qualification-recognition",
        ),
    ],
)
def test_the_bundled_topics_leave_covered_questions_alone(
    bundled_library: Library, text: str, article: str
) -> None:
    decision = bundled_library.matcher.decide(text)
    assert decision.action is not Action.HANDOFF, decision
    assert article in decision.candidates[:3], decision


@pytest.mark.parametrize(
    "text",
    [
        "скільки коштують квитки в зоопарк у Пльзені",  # "tickets" is public transport's
        "ipoteka na byt s dlouhodobým pobytem",  # "long-term residence" is an article's
    ],
)
def test_a_topic_close_behind_an_article_wins_with_words_of_its_own(
    bundled_library: Library, text: str
) -> None:
    # The article shares the common words and scores a little higher; the topic alone
    # explains "zoo" and "mortgage", which is what the question is about.
    decision = bundled_library.matcher.decide(text)
    assert decision.action is Action.HANDOFF, decision
    assert decision.reason is Reason.OUT_OF_SCOPE


@pytest.mark.parametrize(
    ("text", "article"),
    [
        # "on the bus" is the lost-and-found topic's word, but the question is about the
        # lost passport and protection card.
        (
            "Syn v autobuse ztratil batoh. Byl v něm jeho pas a průkaz o dočasné ochraně, co teď?",
            "lost-documents",
        ),
        # Nails and pedicures outscore work with protection for the beauty-services
        # topic, but the question asks only about working with protection.
        (
            "Роблю гель-лак і педикюр вдома для знайомих. Чи можна так працювати з захистом?",
            "work-temporary-protection",
        ),
    ],
)
def test_a_topic_word_in_a_storys_background_does_not_make_it_out_of_scope(
    bundled_library: Library, text: str, article: str
) -> None:
    decision = bundled_library.matcher.decide(text)
    assert decision.action is not Action.HANDOFF, decision
    assert article in decision.candidates[:3]


@pytest.mark.parametrize(
    "text",
    [
        "we are from poland and moved to plzen, do we need a residence permit",
        "i am from slovakia moved to plzen do i need residence permit",
    ],
)
def test_a_country_an_article_names_is_not_the_topics_own_word(
    bundled_library: Library, text: str
) -> None:
    # "moved" leads to the address article, which does not name Poland; the article for
    # EU citizens does, so Poland is where the resident comes from, and the article
    # should be offered rather than a person about another country's rules.
    decision = bundled_library.matcher.decide(text)
    assert decision.action is not Action.HANDOFF, decision
    assert "eu-citizens-residence" in decision.candidates[:3]


@pytest.mark.parametrize(
    ("text", "article"),
    [("bus ticket app", "public-transport"), ("zelena karta how to apply", "employee-card")],
)
def test_a_topic_that_only_repeats_an_articles_words_stays_behind_it(
    bundled_library: Library, text: str, article: str
) -> None:
    # Topics "bus ticket to Prague" and "green card for the car" carry these words too.
    decision = bundled_library.matcher.decide(text)
    assert decision.action is Action.ANSWER, decision
    assert decision.article == article


@pytest.mark.parametrize(
    "text",
    [
        "what is minimum wage in Germany",
        "jak najít levný byt v Brně",
        "як продовжити тимчасовий захист у Німеччині",
        "чи можна з тимчасовим захистом у Польщі отримати соцвиплати",
        # Ukraine's cities are other places too.
        "koly bude vidkljuchennja svitla u Lvovi",
    ],
)
def test_a_question_set_in_another_country_goes_to_a_person(
    bundled_library: Library, text: str
) -> None:
    # Wages, protection and benefits are the articles' words, and they score high; but
    # the articles give Czech rules, and the question asks about life over there.
    decision = bundled_library.matcher.decide(text)
    assert (decision.action, decision.reason) == (Action.HANDOFF, Reason.OUT_OF_SCOPE)
