from apps.ingest.extraction.spans import find_spans


def quoted(text: str) -> list[str]:
    return [span.raw(text) for span in find_spans(text)]


def test_straight_and_curly_quotes_are_found():
    text = 'He said "one thing" and “another thing” today.'

    assert quoted(text) == ["one thing", "another thing"]


def test_guillemets_and_low_nine_quotes_are_found():
    text = "Elle a dit «non merci» et er sagte „ja bitte“."

    assert quoted(text) == ["non merci", "ja bitte"]


def test_a_quote_split_by_its_attribution_is_two_spans():
    text = '"We will go," he said, "and we will win."'

    assert quoted(text) == ["We will go,", "and we will win."]


def test_nested_quotes_are_part_of_the_outer_span():
    text = "“When she heard ‘the border is closed’, she wept,” he said."

    assert quoted(text) == ["When she heard ‘the border is closed’, she wept,"]


def test_apostrophes_are_not_quotation_marks():
    text = "Putin’s aides said the ‘deal’ was off and Russia’s envoy agreed."

    assert quoted(text) == ["deal"]


def test_a_quote_running_over_paragraphs_is_one_span():
    text = '"We call it a pay cut.\n\n"If they want the ships moving, they know where we are."'

    spans = find_spans(text)

    assert [(s.raw(text), s.continued) for s in spans] == [
        (
            'We call it a pay cut.\n\n"If they want the ships moving, they know where we are.',
            True,
        )
    ]
    assert spans[0].words(text) == (
        "We call it a pay cut. If they want the ships moving, they know where we are."
    )


def test_an_unclosed_quotation_mark_is_not_a_span():
    text = 'He said "this never ends\n\nA new paragraph starts here.'

    assert quoted(text) == []


def test_words_drop_the_surrounding_sentence_punctuation():
    text = 'They called it "a fantasy." "It is over," she said.'

    assert [span.words(text) for span in find_spans(text)] == ["a fantasy", "It is over"]
