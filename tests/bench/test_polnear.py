"""bench/polnear.py reads PolNeAR's brat attributions and CoreNLP's XML, and scores the
extractor against them: here on a hand-made article in PolNeAR's formats (PolNeAR's own
texts have no licence to be copied into the repository)."""

from bench.polnear import Attribution, CoreNLP, attributions, scored_spans, speaker

TEXT = 'Sen. Jane Roe spoke on Monday. "We will win," she said. "It is over," Roe said.'


def token(number: int, word: str, begin: int, ner: str = "O") -> str:
    return (
        f'<token id="{number}"><word>{word}</word><NER>{ner}</NER>'
        f"<CharacterOffsetBegin>{begin}</CharacterOffsetBegin>"
        f"<CharacterOffsetEnd>{begin + len(word)}</CharacterOffsetEnd></token>"
    )


def sentence(number: int, *tokens: str) -> str:
    return f'<sentence id="{number}"><tokens>{"".join(tokens)}</tokens></sentence>'


SHE, LAST_ROE = TEXT.index("she"), TEXT.rindex("Roe")
XML = (
    "<root><document><sentences>"
    + sentence(
        1,
        token(1, "Sen.", 0),
        token(2, "Jane", 5, "PERSON"),
        token(3, "Roe", 10, "PERSON"),
        token(4, "spoke", 14),
    )
    + sentence(2, token(1, "she", SHE))
    + sentence(3, token(1, "Roe", LAST_ROE, "PERSON"))
    + "</sentences><coreference><coreference>"
    "<mention><sentence>1</sentence><start>2</start><end>4</end><head>3</head></mention>"
    "<mention><sentence>2</sentence><start>1</start><end>2</end><head>1</head></mention>"
    "</coreference></coreference></document></root>"
)


def span(words: str, after: int = 0) -> tuple[int, int]:
    start = TEXT.index(words, after)
    return start, start + len(words)


def ann() -> str:
    she, first = span("she"), span("We will win,")
    roe, second = (LAST_ROE, LAST_ROE + 3), span("It is over,")
    return "\n".join(
        [
            f"T1\tSource {she[0]} {she[1]}\tshe",
            f"T2\tContent {first[0]} {first[1]}\tWe will win,",
            f"T3\tSource {roe[0]} {roe[1]}\tRoe",
            f"T4\tContent {second[0]} {second[1]}\tIt is over,",
            "T5\tCue 0 1\tbroken line without its words",
            "E1\tAttribution:T9 Source:T1 Content:T2",
            "E2\tAttribution:T9 Source:T3 Content:T4",
        ]
    )


def test_the_attributions_of_a_brat_file_are_read_with_their_source_and_content():
    found = attributions(ann())

    assert [(a.source[2], TEXT[a.content[0] : a.content[1]]) for a in found] == [
        ("she", "We will win,"),
        ("Roe", "It is over,"),
    ]


def test_a_source_that_names_the_speaker_is_gold_and_widened_to_the_full_name():
    assert speaker((LAST_ROE, LAST_ROE + 3, "Roe"), CoreNLP.read(XML)) == ("Jane Roe", "gold")


def test_a_pronoun_source_is_named_by_its_coreference_chain_as_silver():
    she = span("she")

    assert speaker((*she, "she"), CoreNLP.read(XML)) == ("Jane Roe", "silver")


def test_a_source_named_neither_way_is_not_scored():
    assert speaker((0, 4, "Sen."), CoreNLP.read(XML)) == ("", "")


def test_each_speech_proposal_inside_a_content_is_scored_against_its_source():
    rows = scored_spans(TEXT, attributions(ann()), CoreNLP.read(XML), "roe")

    assert [(row["kind"], row["name"], row["right"]) for row in rows] == [
        ("silver", "Jane Roe", True),
        ("gold", "Jane Roe", True),
    ]


def test_a_proposal_outside_every_content_is_not_scored():
    content = span("It is over,")

    rows = scored_spans(TEXT, [Attribution(None, content)], CoreNLP.read(XML), "roe")

    assert rows == []
