from apps.ingest.extraction import extract_quotes


def summary(text: str) -> list[tuple[str, str, str]]:
    """(words, label, speaker name) of every quoted span."""
    return [(p.words, p.label, p.speaker_name) for p in extract_quotes(text)]


def test_a_pronoun_refers_to_the_last_person_named():
    text = 'Jane Roe, the mayor, spoke first. "We will rebuild the bridge," she said.'

    assert summary(text) == [("We will rebuild the bridge", "speech", "Jane Roe")]


def test_a_pronoun_passes_over_a_person_of_the_other_gender():
    text = (
        "Lawyer Peter Aalto thanked Judge Helena Brandt for her patience. "
        '"It was a fair hearing," he said.'
    )

    assert summary(text) == [("It was a fair hearing", "speech", "Peter Aalto")]


def test_a_surname_refers_to_the_full_name_given_earlier():
    text = 'Tomas Reyes leads the union. "No deal," Reyes said.'

    assert summary(text) == [("No deal", "speech", "Tomas Reyes")]


def test_a_title_refers_to_the_person_the_text_titled_so():
    text = (
        "The Esterian prime minister, Ilya Varga, was cautious. "
        '"We have signed a paper," the Esterian prime minister said.'
    )

    proposal = extract_quotes(text)[0]

    assert (proposal.speaker_name, proposal.method, proposal.mention) == (
        "Ilya Varga",
        "title",
        "the Esterian prime minister",
    )


def test_a_title_before_a_name_is_not_part_of_the_name():
    text = 'Russian President Vladimir Putin said, "I don\'t even want to discuss it."'

    proposal = extract_quotes(text)[0]

    assert (proposal.speaker_name, proposal.speaker_title) == (
        "Vladimir Putin",
        "Russian President",
    )


def test_both_halves_of_a_split_quote_share_the_speaker():
    text = '"I have asked them to meet," Transport Minister Karl Oberg said, "and they will."'

    assert summary(text) == [
        ("I have asked them to meet", "speech", "Karl Oberg"),
        ("and they will", "speech", "Karl Oberg"),
    ]


def test_an_unattributed_sentence_continues_the_previous_quotation():
    text = '"Nobody wins a long strike," Ingrid Solberg said. "Not the workers, not the town."'

    proposals = extract_quotes(text)

    assert [(p.speaker_name, p.method) for p in proposals] == [
        ("Ingrid Solberg", "name"),
        ("Ingrid Solberg", "continuation"),
    ]
    assert proposals[1].confidence < proposals[0].confidence


def test_a_partial_quote_is_attributed_to_the_subject_of_its_verb():
    text = 'President Donald Trump called the airstrikes a "spectacular military success."'

    assert summary(text) == [("spectacular military success", "speech", "Donald Trump")]


def test_a_scare_quote_after_so_called_is_not_speech():
    text = 'The strike began after a so-called "efficiency plan" was announced.'

    assert summary(text) == [("efficiency plan", "scare", "")]


def test_a_short_phrase_no_one_is_said_to_have_said_is_a_scare_quote():
    text = 'The backlog has become a "crisis" for exporters, port data show.'

    assert summary(text) == [("crisis", "scare", "")]


def test_a_quoted_title_of_a_work_is_not_speech():
    text = 'The dispute inspired the documentary "Dry Fields", which premiered last month.'

    assert summary(text) == [("Dry Fields", "title", "")]


def test_a_quoted_term_is_not_speech():
    text = 'Aalto said the word "sustainable" appeared 212 times in the filings.'

    assert summary(text) == [("sustainable", "term", "")]


def test_quotation_marks_in_a_heading_are_not_speech():
    text = "Putin’s Statement: Israel as a “Russian-Speaking Country”\nWhen asked, he spoke."

    assert summary(text) == [("Russian-Speaking Country", "heading", "")]


def test_a_title_cased_phrase_someone_is_said_to_have_called_something_is_less_sure():
    sure = extract_quotes('Hale said the plan was "a disaster for the town."')[0]
    unsure = extract_quotes('Hale said the plan was "Another Grand Disaster."')[0]

    assert (sure.label, unsure.label) == ("speech", "speech")
    assert unsure.confidence < sure.confidence


def test_speakers_the_text_does_not_name_are_not_given_a_name():
    text = 'Some analysts have described the stance as "hawkish," citing the data.'

    proposal = extract_quotes(text)[0]

    assert (proposal.label, proposal.speaker_name, proposal.mention) == (
        "speech",
        "",
        "Some analysts",
    )


def test_a_proposal_holds_the_other_names_the_article_gives_the_speaker():
    text = (
        'Sarah Marsh chairs the board. "We will rebuild," Ms Marsh said. '
        '"It takes time," Marsh added.'
    )

    proposal = extract_quotes(text)[0]

    assert (proposal.speaker_name, proposal.speaker_aliases) == (
        "Sarah Marsh",
        ("Marsh", "Ms Marsh"),
    )


def test_an_office_before_a_surname_makes_an_alias_and_a_place_does_not():
    text = 'Russian President Vladimir Putin spoke in Sochi. "No," President Putin said.'

    proposal = extract_quotes(text)[0]

    assert proposal.speaker_aliases == ("Putin", "President Putin")


def test_a_pronoun_is_never_an_alias():
    text = 'Jane Roe, the mayor, spoke first. "We will rebuild the bridge," she said.'

    assert extract_quotes(text)[0].speaker_aliases == ()


def test_a_proposal_holds_the_role_an_appositive_states():
    text = '"We do not comment," said Jane Doe, a spokeswoman for the council.'

    assert extract_quotes(text)[0].speaker_role == "spokeswoman for the council"


def test_a_proposal_holds_the_role_stated_after_the_quotation():
    text = (
        '"We will rebuild," Sarah Marsh said. Marsh, the deputy mayor of Leeds, '
        "spoke for ten minutes."
    )

    assert extract_quotes(text)[0].speaker_role == "deputy mayor of Leeds"


def test_a_title_before_the_name_is_the_role():
    text = 'Russian President Vladimir Putin said, "I don\'t even want to discuss it."'

    assert extract_quotes(text)[0].speaker_role == "Russian President"


def test_a_no_break_space_between_a_title_and_a_name_is_a_space():
    text = '"That changes political reality," said Sen.\u00a0Bernie\u00a0Sanders.'

    proposal = extract_quotes(text)[0]

    assert (proposal.speaker_name, proposal.speaker_title) == ("Bernie Sanders", "Sen.")


def test_a_description_in_lower_case_before_the_name_is_the_role():
    text = 'Leeds council leader Judith Blake told reporters: "We will rebuild."'

    assert extract_quotes(text)[0].speaker_role == "Leeds council leader"


def test_a_description_before_the_name_ends_at_a_function_word():
    text = 'According to police chief Mark Rowley, "crews worked through the night."'

    assert extract_quotes(text)[0].speaker_role == "police chief"


def test_a_description_before_the_name_leaves_out_a_body_named_before_it():
    text = 'Bank of Canada governor Tiff Macklem said: "Rates will stay high."'

    assert extract_quotes(text)[0].speaker_role == "governor"


def test_a_description_before_the_name_ends_in_a_role_noun():
    text = 'On Tuesday morning Judith Blake said: "We will rebuild."'

    assert extract_quotes(text)[0].speaker_role == ""


def test_a_title_comes_before_a_description_as_the_role():
    text = (
        "Council leader Judith Blake spoke first. Blake, the leader of Leeds City Council, "
        'said: "We will rebuild."'
    )

    assert extract_quotes(text)[0].speaker_role == "leader of Leeds City Council"


def test_a_courtesy_title_is_no_role():
    text = 'Ms Sarah Marsh said, "We will rebuild."'

    assert extract_quotes(text)[0].speaker_role == ""


def test_a_role_in_commas_without_an_article_is_the_role():
    text = (
        '"This attack is meant to frighten tourists," said Lotfi Azzouz, Tunisia country '
        "director for Amnesty International, a rights group."
    )

    assert extract_quotes(text)[0].speaker_role == (
        "Tunisia country director for Amnesty International"
    )


def test_a_clause_in_commas_is_no_role():
    text = '"We will win," said Tom Forte, who follows the company closely.'

    assert extract_quotes(text)[0].speaker_role == ""


def test_a_role_before_the_name_after_a_possessive_is_the_role():
    text = 'Its general secretary, Sharon Graham, said: "We will not accept it."'

    assert extract_quotes(text)[0].speaker_role == "general secretary"
