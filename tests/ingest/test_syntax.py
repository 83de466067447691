"""Speakers as the dependency parse reads them (apps/ingest/extraction/syntax.py, issue 19
round 14): speech the rules give no one takes the subject of the verb that governs it,
read by the rules; since round 15 so does speech the rules only guessed a speaker for;
since round 18 a description's name beside it is read, and speech after a quotation the
parse gave someone goes on from it (extraction only, no database)."""

import pytest

from apps.ingest.extraction import extract_quotes, mask_quotations, ner, syntax
from apps.ingest.extraction.attribution import Attributor
from apps.ingest.extraction.entities import Entity
from apps.ingest.extraction.mentions import Discourse
from apps.ingest.extraction.resolution import Attribution
from apps.ingest.extraction.spans import find_spans

# Billboard's page on The Doobie Brothers' tour (tests/ingest/labelled/real/tuned/
# billboard-9cb8224b), its `comments Johnston` given a verb the rules' list lacks: the
# rules' guess is whom the sentence before is about, the promoter.
TOUR = (
    "Live Nation is producing the tour, tickets for which go on sale Friday.\n"
    "“We're truly excited about our 50th Anniversary Tour,” Tom Johnston beamed."
)


def speakers(text: str) -> list[tuple[str, str, str]]:
    """(speaker name, mention, method) of every speech span."""
    return [(p.speaker_name, p.mention, p.method) for p in extract_quotes(text) if p.is_speech]


def test_a_verb_not_in_the_word_list_gives_the_speech_its_subject():
    text = (
        "The council met on Monday.\n"
        '"We will fix the road before winter comes," Jane Doe advised reporters.'
    )

    assert speakers(text) == [("Jane Doe", "Jane Doe", "name")]


def test_a_pronoun_as_the_subject_is_whom_the_rules_resolve_it_to():
    text = 'Jane Doe runs the clinic.\nShe advised, "Drink water before you feel thirsty."'

    assert speakers(text) == [("Jane Doe", "She", "pronoun")]


def test_a_subject_the_rules_read_as_no_one_leaves_the_speech_to_no_one():
    text = (
        'The council met on Monday.\n"We will fix the road before winter comes," someone advised.'
    )

    assert speakers(text) == [("", "", "none")]


def test_a_long_quotation_is_parsed_in_a_piece_of_bounded_length():
    quotation = "We will fix the road before winter comes and the snow falls. " * 40
    text = f'The council met on Monday.\n"{quotation}," Jane Doe advised reporters.'
    span = find_spans(text)[0]

    words, _ = syntax._piece(text, text, span.open_at, span.close_at)
    [subject] = syntax.subjects(text, text, [(span.open_at, span.close_at)])

    assert len(words) <= 2 * syntax.AROUND + 2 * syntax.QUOTE_END + 5
    assert text[subject.start : subject.end] == "Jane Doe"


def test_the_pipeline_runs_the_parser_alone_and_loads_once():
    assert syntax._pipeline().pipe_names == ["tok2vec", "parser"]
    assert syntax._pipeline() is syntax._pipeline()


def test_with_the_model_off_the_parser_is_never_loaded(settings, monkeypatch):
    settings.INGEST_NAME_MODEL = False
    monkeypatch.setattr(syntax, "_pipeline", lambda: pytest.fail("the parser was loaded"))
    text = 'Jane Doe runs the clinic.\nShe advised, "Drink water before you feel thirsty."'

    assert speakers(text) == [("", "", "none")]


def test_a_guess_gives_way_to_the_subject_the_parse_names():
    assert speakers(TOUR) == [("Tom Johnston", "Tom Johnston", "name")]


def test_speech_taken_for_a_corrected_guess_continuing_follows_it():
    text = TOUR + " “It's a celebration of the band's entire history.”"

    assert speakers(text) == [
        ("Tom Johnston", "Tom Johnston", "name"),
        ("Tom Johnston", "Tom Johnston", "continuation"),
    ]


def test_a_guess_the_parse_agrees_with_keeps_the_rules_reading():
    text = (
        "Justice Samuel Alito questioned Elizabeth Prelogar on Monday.\n"
        '"Then why were you talking about corporations?" he pressed.'
    )

    assert speakers(text) == [("Samuel Alito", "Justice Samuel Alito", "sentence")]


def test_a_guess_of_someone_unnamed_is_not_asked():
    guess = Attribution("the man", "continuation", 0.42)

    assert not syntax.asks(guess)


def test_a_speaker_the_rules_read_in_a_speech_clause_is_not_asked():
    person = Entity("Jane Doe", "person")
    clause = Attribution("Jane Doe", "sentence", 0.85, person)
    guess = Attribution("Jane Doe", "sentence", 0.57, person)

    assert (syntax.asks(clause), syntax.asks(guess)) == (False, True)


def test_a_continuation_the_parse_confirms_does_not_follow_a_changed_guess():
    promoter = Entity("Live Nation", "organisation")
    guess = Attribution("Live Nation", "sentence", 0.57, promoter)
    continuation = guess.shared(0.7, "continuation")
    follower = syntax.Follower()
    follower.step(
        guess, Attribution("Tom Johnston", "name", 0.95, Entity("Tom Johnston", "person"))
    )

    confirmed = syntax.chosen(continuation, Attribution("Live Nation", "name", 0.95, promoter))

    assert follower.step(continuation, confirmed) == continuation


# Round 18: speech the rules give no one, where the parse's subject is a description with a
# name beside it, or the quotation before is one the parse gave a speaker.
SPOKESMAN = '"We will fix the road," her spokesman, John Smith, advised reporters.'
ROAD = (
    '"We will fix the road before winter comes," the statement advised.\n'
    '"The snow will not wait for us."'
)
JANE = Attribution("Jane Doe", "name", 0.95, Entity("Jane Doe", "person"))


def _attributed(text: str) -> Attributor:
    """The rules' attributor of a text, every span attributed."""
    spans = find_spans(text)
    masked = mask_quotations(text, spans)
    attributor = Attributor(text, masked, spans, Discourse(masked, None, ner.people(text)))
    for index in range(len(spans)):
        attributor.attribute(index)
    return attributor


def test_a_description_with_a_name_beside_it_is_read_by_the_name():
    span = find_spans(SPOKESMAN)[0]

    [subject] = syntax.subjects(SPOKESMAN, SPOKESMAN, [(span.open_at, span.close_at)])

    assert SPOKESMAN[subject.start : subject.end] == "John Smith"


def test_speech_after_a_quotation_the_parse_gave_someone_goes_on_from_it():
    attributor = _attributed(ROAD)
    attributor.results[:] = [None, None]  # the rules gave both no one
    continuations = syntax.Continuations(attributor)

    continuations.step(0, JANE)

    assert continuations.step(1, None) == JANE.shared(0.7, "continuation")


def test_speech_the_rules_did_not_continue_from_their_own_speaker_stays_no_ones():
    attributor = _attributed(ROAD)
    attributor.results[:] = [JANE, None]  # the rules' speaker, and no continuation
    continuations = syntax.Continuations(attributor)

    continuations.step(0, JANE)

    assert continuations.step(1, None) is None


def test_someone_else_named_in_between_stops_the_continuation():
    text = ROAD.replace("\n", "\nJohn Roe, the engineer, disagreed.\n")
    attributor = _attributed(text)
    attributor.results[:] = [None, None]
    continuations = syntax.Continuations(attributor)

    continuations.step(0, JANE)

    assert continuations.step(1, None) is None
