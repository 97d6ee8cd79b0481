"""The editors' markup renders to Telegram HTML that is always well formed."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.knowledge import markup


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ok &= tag in ("b", "i", "a")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ok &= bool(self.stack) and self.stack.pop() == tag


def well_formed(html: str) -> bool:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    return parser.ok and not parser.stack


def test_bold_italic_links_and_lists() -> None:
    text = "A **bold _mixed_** word, [MV ČR](https://www.mvcr.cz/?a=1&b=2)\n- item\n1. first"
    assert markup.to_html(text) == (
        'A <b>bold <i>mixed</i></b> word, <a href="https://www.mvcr.cz/?a=1&amp;b=2">MV ČR</a>\n'
        "• item\n1. first"
    )
    assert markup.to_plain(text) == (
        "A bold mixed word, MV ČR (https://www.mvcr.cz/?a=1&b=2)\n• item\n1. first"
    )


def test_everything_else_is_escaped() -> None:
    html = markup.to_html("1 < 2 & <script>alert(1)</script>")
    assert html == "1 &lt; 2 &amp; &lt;script&gt;alert(1)&lt;/script&gt;"


def test_escaped_resident_text_stays_literal() -> None:
    words = "my **name** is _x_ [a](https://evil.example) <b>"
    html = markup.to_html(markup.escape(words))
    assert "<b>" not in html
    assert "<a" not in html
    assert markup.to_plain(markup.escape(words)) == words


def test_unclosed_markers_render_literally_and_well_formed() -> None:
    for text in ("**open", "_open", "[label](", "**a _b** c_", "[x](javascript:alert(1))"):
        assert well_formed(markup.to_html(text)), text
    assert "<a" not in markup.to_html("[x](javascript:alert(1))")


def test_check_reports_refused_markup_per_line() -> None:
    problems = markup.check("fine\n<b>raw</b>\n# heading\n**open\n[x](ftp://host)")
    assert [line for line, _ in problems] == [1, 2, 3, 4]
