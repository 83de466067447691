"""Highlighting passages in a source's text, showing them in context, and comparing wordings."""

from apps.sources.highlighting import (
    Passage,
    highlight,
    in_context,
    number_passages,
    word_differences,
)


def _passage(start, end, html_id, kind="claim", href="/claims/x/", title="T"):
    return Passage(start=start, end=end, html_id=html_id, href=href, kind=kind, title=title)


def test_highlight_marks_a_passage_with_its_id_and_a_numbered_link():
    text = "One two three four."
    passages = number_passages([_passage(4, 13, "citation-1", title="A claim")], len(text))

    html = highlight(text, passages)

    assert html == (
        '<p>One <mark id="citation-1" class="passage passage--claim">two three</mark>'
        '<a class="passage-ref passage-ref--claim" href="/claims/x/" title="A claim">'
        '<span class="visually-hidden">Claim </span>1</a> four.</p>'
    )


def test_highlight_escapes_the_source_text_and_the_titles():
    text = '<script>alert("x")</script> & more'
    passages = number_passages([_passage(0, 8, "appearance-2", "quote", title="<b>")], len(text))

    html = highlight(text, passages)

    assert html == (
        '<p><mark id="appearance-2" class="passage passage--quote">&lt;script&gt;</mark>'
        '<a class="passage-ref passage-ref--quote" href="/claims/x/" title="&lt;b&gt;">'
        '<span class="visually-hidden">Quote </span>1</a>'
        "alert(&quot;x&quot;)&lt;/script&gt; &amp; more</p>"
    )


def test_highlight_nests_a_passage_inside_the_one_containing_it():
    text = "aaa bbb ccc"
    passages = number_passages(
        [_passage(4, 7, "appearance-1", "quote"), _passage(0, 11, "citation-1")], len(text)
    )

    html = highlight(text, passages)

    assert html == (
        '<p><mark id="citation-1" class="passage passage--claim">aaa </mark>'
        '<mark class="passage passage--claim">'
        '<mark id="appearance-1" class="passage passage--quote">bbb</mark></mark>'
        '<a class="passage-ref passage-ref--quote" href="/claims/x/" title="T">'
        '<span class="visually-hidden">Quote </span>2</a>'
        '<mark class="passage passage--claim"> ccc</mark>'
        '<a class="passage-ref passage-ref--claim" href="/claims/x/" title="T">'
        '<span class="visually-hidden">Claim </span>1</a></p>'
    )


def test_highlight_gives_each_of_two_identical_passages_its_own_id():
    text = "same words"
    passages = number_passages(
        [_passage(0, 10, "citation-2"), _passage(0, 10, "citation-1")], len(text)
    )

    html = highlight(text, passages)

    assert html.count('id="citation-1"') == 1
    assert html.count('id="citation-2"') == 1
    assert html.startswith(
        '<p><mark id="citation-1" class="passage passage--claim">'
        '<mark id="citation-2" class="passage passage--claim">same words</mark></mark>'
    )


def test_highlight_splits_partly_overlapping_passages_into_segments():
    text = "abcdefghij"
    passages = number_passages([_passage(0, 6, "citation-1"), _passage(4, 10, "citation-2")], 10)

    html = str(highlight(text, passages))

    # "abcd" only in 1; "ef" in both; "ghij" only in 2. Each id once, on its first segment.
    assert html.index('id="citation-1"') < html.index("abcd") < html.index('id="citation-2"')
    assert html.index('id="citation-2"') < html.index("ef") < html.index("ghij")
    assert (html.count("<mark"), html.count('id="')) == (4, 2)


def test_highlight_turns_lines_into_paragraphs_and_carries_a_passage_across_them():
    text = "Title\n\nFirst line ends\nnext starts here."
    start = text.index("ends")
    passages = number_passages([_passage(start, start + 9, "citation-1")], len(text))

    html = highlight(text, passages)

    assert html == (
        "<p>Title</p>\n"
        '<p>First line <mark id="citation-1" class="passage passage--claim">ends</mark></p>\n'
        '<p><mark class="passage passage--claim">next</mark>'
        '<a class="passage-ref passage-ref--claim" href="/claims/x/" title="T">'
        '<span class="visually-hidden">Claim </span>1</a> starts here.</p>'
    )


def test_number_passages_drops_spans_outside_the_text_and_orders_by_position():
    passages = number_passages(
        [_passage(5, 8, "citation-2"), _passage(0, 3, "citation-1"), _passage(8, 99, "citation-3")],
        10,
    )

    assert [(p.html_id, p.number) for p in passages] == [("citation-1", 1), ("citation-2", 2)]


def test_in_context_shows_the_passage_with_text_around_it_cut_at_words():
    text = "word " * 60 + "THE PASSAGE" + " tail" * 60
    start = text.index("THE")

    html = in_context(text, start, start + len("THE PASSAGE"), context=20)

    assert html == '…word word word <mark class="passage">THE PASSAGE</mark> tail tail tail…'


def test_in_context_escapes_the_text():
    text = "a <b> c"

    assert in_context(text, 2, 5) == 'a <mark class="passage">&lt;b&gt;</mark> c'


def test_word_differences_is_none_when_only_typography_and_case_differ():
    assert word_differences("It's a “delicate” issue,", 'it’s a "Delicate" issue') is None


def test_word_differences_marks_words_each_side_has_alone():
    html = word_differences("almost two million people reside", "approximately two million reside")

    assert html == (
        '<del><span class="visually-hidden">[quote has: </span>almost'
        '<span class="visually-hidden">]</span></del> '
        '<ins><span class="visually-hidden">[source has: </span>approximately'
        '<span class="visually-hidden">]</span></ins> two million '
        '<del><span class="visually-hidden">[quote has: </span>people'
        '<span class="visually-hidden">]</span></del> reside'
    )


def test_word_differences_escapes_both_texts():
    html = word_differences("a <i>", "a <b>")

    assert (html.count("<i>"), html.count("<b>")) == (0, 0)
    assert (html.count("&lt;i&gt;"), html.count("&lt;b&gt;")) == (1, 1)
