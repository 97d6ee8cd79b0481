"""Folding makes the many spellings of one word comparable."""

from __future__ import annotations

import pytest

from bot.search.fold import (
    MAX_MATCH_CHARS,
    asked_words,
    fold,
    plain,
    spelling_variants,
    words,
    words_and_singulars,
)


@pytest.mark.parametrize(
    "variants",
    [
        ("тимчасовий захист", "tymchasovyi zakhyst", "timchasoviy zakhist"),
        ("що я мушу повідомляти", "shcho ya mushu povidomliaty"),
        ("dočasná ochrana", "docasna ochrana", "DOČASNÁ OCHRANA"),
        ("гуманітарка", "humanitarka", "гуманитарка"),
        ("живностенський лист", "živnostenský list"),
        ("карта працівника", "karta pratsivnyka"),
    ],
)
def test_spellings_of_the_same_words_fold_alike(variants: tuple[str, ...]) -> None:
    folded = {tuple(fold(v)) for v in variants}
    assert len(folded) == 1, folded


def test_cyrillic_abbreviations_read_as_what_they_stand_for() -> None:
    # "ЄС" transliterates to "yes", a stopword; it means the EU.
    assert words("громадяни ЄС") == words("громадяни EU")
    assert words("граждане ЕС") == words("граждане EU")
    assert words("есть, є с") == ["est", "ie", "s"]
    # "US" in capitals is the USA; "us" is a pronoun.
    assert words("US visa, U.S. embassy, tell us") == ["usa", "visa", "usa", "embasi", "tel", "us"]


def test_function_words_that_fold_like_topic_words_are_dropped() -> None:
    # "být" (to be) folds like "byt" (a flat), "ведь" like "weed", "has" like "gas".
    assert words("musí být, он ведь, it has") == ["musi", "on", "it"]
    assert words("byt weed gas") == ["bit", "ved", "has"]


def test_inflected_forms_share_a_stem() -> None:
    assert fold("ochrana")[0] == fold("ochrany")[0] == fold("ochranou")[0]
    assert fold("pobyt")[0] == fold("pobytu")[0]


@pytest.mark.parametrize(
    "forms",
    [
        ("karta", "kartu", "karty", "kartou"),
        ("віза", "візу", "візи", "визу"),
        ("škola", "školy", "školu", "школа", "школу"),
        ("dávka", "dávky", "dávku"),
    ],
)
def test_short_words_share_a_stem_across_case_endings(forms: tuple[str, ...]) -> None:
    assert len({fold(form)[0] for form in forms}) == 1, [fold(form) for form in forms]


@pytest.mark.parametrize(
    "forms",
    [
        ("krize", "krizový", "кризисного", "кризова"),
        ("bydlení", "bydlím", "bydlet"),
        ("ukrajinský", "Україна", "ukrainian"),
    ],
)
def test_a_cut_that_lands_on_a_vowel_drops_it(forms: tuple[str, ...]) -> None:
    # "krizo|vý" and "krizi|sného" would keep a vowel the short form "kriz|e" has lost.
    assert len({fold(form)[0] for form in forms}) == 1, [fold(form) for form in forms]


def test_ending_vowels_never_cut_a_stem_below_three_letters() -> None:
    assert fold("pes bije auto") == ["pes", "bie", "aut"]


def test_numbers_are_kept_whole() -> None:
    assert fold("call 112 or 155") == ["cal", "112", "or", "155"]


def test_a_number_is_split_from_its_unit_but_a_level_stays_whole() -> None:
    assert words("noise after 10pm") == words("noise after 10 pm")
    assert words("300euro") == ["300", "euro"]
    assert words("zkouška A2") == ["zkouska", "a2"]


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "👍🔥🎉", "\x00\x01\x1b[31m", "'; DROP TABLE residents; --", "<b>x</b>"],
)
def test_bad_input_never_raises(text: str) -> None:
    assert isinstance(fold(text), list)
    assert isinstance(plain(text), str)


def test_emoji_and_symbols_fold_to_nothing() -> None:
    assert fold("👍 🙏 ✅") == []


def test_long_input_is_truncated_for_matching() -> None:
    assert len(fold("slovo " * 10_000)) <= MAX_MATCH_CHARS // 2


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("zahyst", "захист"),  # "h" for "х"
        ("zaxyst", "захист"),  # "x" for "х"
        ("dohid", "дохід"),
        ("hochu", "хочу"),
        ("vyihaty", "виїхати"),
    ],
)
def test_h_and_x_may_be_read_as_kha(written: str, meant: str) -> None:
    assert words(meant)[0] in spelling_variants(words(written)[0])


def test_each_h_alone_is_a_reading_too() -> None:
    # "г" and "х" in one word: only the last "h" of "horoh" is "х".
    assert words("горох")[0] in spelling_variants(words("horoh")[0])


def test_words_without_h_or_x_have_no_other_reading() -> None:
    assert spelling_variants(words("pobyt")[0]) == []


def test_the_question_of_a_story_is_what_was_asked() -> None:
    asked = asked_words("We moved to Slovany last month. Do I have to report it?")
    assert asked == frozenset(words("Do I have to report it"))


def test_without_a_question_mark_the_last_sentence_of_a_story_is_what_was_asked() -> None:
    # Residents in a hurry skip the question mark; the ask still comes last.
    asked = asked_words("We moved to Slovany last month. how to report it")
    assert asked == frozenset(words("how to report it"))


def test_a_bare_question_asks_about_the_sentence_before_it() -> None:
    # "Is that normal?" has one word that is not a function word: the ask is the
    # situation just told, so that sentence weighs like the question too.
    function_words = frozenset(words("is that what do i"))
    text = "I rented a flat. The landlord wants three deposits. Is that normal?"
    asked = asked_words(text, ignored=function_words)
    assert asked == frozenset(words("The landlord wants three deposits. Is that normal"))


def test_a_question_with_enough_words_of_its_own_stands_alone() -> None:
    function_words = frozenset(words("do i have to it"))
    text = "We moved to Slovany. Do I have to report the new address?"
    asked = asked_words(text, ignored=function_words)
    assert asked == frozenset(words("Do I have to report the new address"))


@pytest.mark.parametrize(
    "text",
    [
        "Do I have to report a new address?",  # one sentence: all of it is the question
        "Kde je OAMP? A kdy má otevřeno?",  # every sentence asks
        "",
    ],
)
def test_without_a_story_around_a_question_nothing_stands_out(text: str) -> None:
    assert asked_words(text) == frozenset()


def test_english_plurals_in_ts_also_give_their_singular() -> None:
    text = "Your rights; bus tickets; jobs"
    assert words_and_singulars(text) == (words(text, None), words("right ticket"))
    # A word in "ц" gets one too, harmlessly: past five letters the stem is the same.
    assert words_and_singulars("іноземець")[1] == words("inozemet")
    # The plural folds like Latin "ц", so without the singular the two would never meet.
    assert fold("rights") != fold("right")
