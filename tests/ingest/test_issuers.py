"""A document that speaks is its issuer's where the text states one, and no one's where it
does not (apps/ingest/extraction/issuers.py, issue 19 round 21; extraction only, no
database)."""

from apps.ingest.extraction import extract_quotes


def speakers(text: str) -> list[str]:
    return [p.speaker_name for p in extract_quotes(text) if p.is_speech]


def test_a_report_whose_author_the_text_does_not_give_is_no_ones_not_the_person_before():
    text = (
        "Ann Bell runs the school board.\n"
        "“In hindsight, it would have been prudent to brief other staff,” the report concludes."
    )

    assert speakers(text) == [""]


def test_the_quotation_that_goes_on_from_a_report_is_no_ones_too():
    text = (
        "Ann Bell runs the school board. “In hindsight, it would have been prudent,” the "
        "report concludes. “Because of the scope, a shutdown was the only option.”"
    )

    assert speakers(text) == ["", ""]


def test_a_document_named_with_its_issuer_is_the_issuers():
    text = (
        "Police made more arrests on Monday.\n"
        "“We will find every buyer, wherever they are,” the DOJ release states."
    )

    assert speakers(text) == ["DOJ"]


def test_a_document_brought_in_from_someone_is_theirs():
    text = (
        "The network ran flats, according to a criminal complaint affidavit from Homeland "
        "Security.\nThe suspects rented flats. Often women were “enticed” with travel and "
        "lodging, the affidavit said."
    )

    assert speakers(text) == ["Homeland Security"]


def test_a_report_whose_author_the_next_sentence_gives_is_the_authors():
    text = (
        "Staff are treated as second-class citizens, says a report highlighting the “alarming "
        "rise of mass casualised labour” in higher education.\n"
        "The report by the University and College Union claims institutions did this."
    )

    assert speakers(text) == ["University and College Union"]


def test_a_letter_is_the_person_who_wrote_it():
    text = (
        "Tom Reed wrote a letter to the council on Monday. Ann Bell read it at the meeting.\n"
        "“We cannot wait any longer for the bridge to be mended,” the letter said."
    )

    assert speakers(text) == ["Tom Reed"]


def test_a_document_after_a_sentence_whose_speaker_says_it_keeps_that_speaker():
    text = (
        "Ann Bell said that the deaths were nine times the expected rate.\n"
        "“In our professional medical opinion, this is an emergency,” says the letter signed "
        "by seven physicians."
    )

    assert speakers(text) == ["Ann Bell"]


def test_a_report_after_a_sentence_that_praises_someone_is_still_no_ones():
    text = (
        "Acme Corp has been praised for its rapid responses to crises.\n"
        "“The police lacked an adequate standing response plan,” the report states."
    )

    assert speakers(text) == [""]


def test_words_according_to_a_report_whose_author_the_text_does_not_give_are_no_ones():
    text = (
        "Ann Bell runs the school board.\n"
        "“It was decided that all school sites should be checked,” according to the report."
    )

    assert speakers(text) == [""]


def test_a_report_is_the_body_that_said_it_in_that_report():
    text = (
        "Two soldiers were killed, the US military said in a report on Wednesday.\n"
        "“The cause of the crash is under investigation,” the report said."
    )

    assert speakers(text) == ["US military"]
