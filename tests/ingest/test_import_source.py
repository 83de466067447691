import hashlib
import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.ingest.articles import ArticleImporter
from apps.ingest.models import QuoteProposal
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests import factories

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Mayor defends budget\n\n"
    'Mayor Viktor Hale said the figure was "simply wrong." '
    '"Every crown is accounted for," he said.\n'
)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Source, Quote, Appearance, Speaker, QuoteProposal)
    }


def fixture_quotes() -> set[tuple[str, str, str]]:
    """(source title, words, speaker) of the curated demo quotes quoted in each seed."""
    objects = json.loads((settings.BASE_DIR / "fixtures" / "demo.json").read_text())
    by_model = {}
    for obj in objects:
        by_model.setdefault(obj["model"], {})[obj["pk"]] = obj["fields"]
    found = set()
    for appearance in by_model["quotes.appearance"].values():
        quote = by_model["quotes.quote"][appearance["quote"]]
        if appearance["exact"] and appearance["exact"] != quote["text"]:
            continue  # reworded by the source, not quoted
        source = by_model["sources.source"][appearance["source"]]
        speaker = by_model["speakers.speaker"][quote["speaker"]]["name"]
        found.add((source["title"], quote["text"].rstrip(".,"), speaker))
    return found


def proposed_quotes() -> set[tuple[str, str, str]]:
    return {
        (a.source.title, a.quote.text.rstrip(".,"), a.quote.display_speaker)
        for a in Appearance.objects.select_related("source", "quote__speaker")
        if a.quote.status == Quote.Status.DRAFT
    }


def test_importing_the_seed_articles_proposes_their_quotes_with_their_speakers(seeds):
    importer = ArticleImporter()

    outcomes = [importer.import_path(path) for path in seeds]

    assert [outcome.status for outcome in outcomes] == ["imported", "imported"]
    expected = fixture_quotes()
    recall = len(expected & proposed_quotes()) / len(expected)
    assert recall >= 0.9
    assert proposed_quotes() == expected


def test_reimporting_the_seed_articles_changes_nothing(seeds):
    importer = ArticleImporter()
    for path in seeds:
        importer.import_path(path)
    before = counts()

    outcomes = [importer.import_path(path) for path in seeds]

    assert counts() == before
    assert [outcome.status for outcome in outcomes] == ["unchanged", "unchanged"]
    assert "nothing changed" in outcomes[0].message


def test_import_source_twice_changes_nothing_and_says_so(tmp_path):
    path = tmp_path / "hale.txt"
    path.write_text(ARTICLE)
    call_command("import_source", str(path), stdout=StringIO())
    before = counts()
    out = StringIO()
    call_command("import_source", str(path), stdout=out)

    assert counts() == before
    assert out.getvalue() == (
        f"{path}: already imported as source “Mayor defends budget” (same text); nothing changed.\n"
    )


def test_a_document_with_an_archived_url_is_not_imported_again():
    factories.SourceFactory(url="https://example.org/hale", text="Other text.")
    before = counts()

    outcome = ArticleImporter().import_text(ARTICLE, name="pasted", url="https://example.org/hale")

    assert (outcome.status, counts()) == ("unchanged", before)


def test_the_imported_source_is_a_draft_with_the_sha256_of_its_text():
    outcome = ArticleImporter().import_text(ARTICLE, name="pasted")

    source = Source.objects.get(pk=outcome.source.pk)
    assert (source.title, source.status, source.text, source.text_sha256) == (
        "Mayor defends budget",
        Source.Status.DRAFT,
        ARTICLE,
        hashlib.sha256(ARTICLE.encode()).hexdigest(),
    )


def test_proposed_quotes_are_anchored_drafts_with_their_confidence():
    ArticleImporter().import_text(ARTICLE, name="pasted")

    rows = [
        (
            p.quote.text,
            p.quote.status,
            p.quote.speaker.name,
            p.method,
            p.mention,
            p.quote.appearances.get().match,
        )
        for p in QuoteProposal.objects.select_related("quote__speaker")
    ]
    assert rows == [
        ("simply wrong", "draft", "Viktor Hale", "name", "Mayor Viktor Hale", "exact"),
        ("Every crown is accounted for", "draft", "Viktor Hale", "pronoun", "he", "exact"),
    ]
    assert all(0 < p.confidence <= 1 for p in QuoteProposal.objects.all())


def test_unknown_speakers_become_draft_speakers_once():
    outcome = ArticleImporter().import_text(ARTICLE, name="pasted")

    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.status, speaker.description, outcome.speakers_created) == (
        "Viktor Hale",
        Speaker.Status.DRAFT,
        "Mayor",
        ["Viktor Hale"],
    )


def test_known_speakers_are_matched_through_a_misspelt_name():
    hale = factories.SpeakerFactory(name="Viktor Hale", slug="viktor-hale")
    text = 'Council meets\n\n"We will rebuild the bridge," said Viktor Halle.\n'

    ArticleImporter().import_text(text, name="pasted")

    assert list(Quote.objects.values_list("text", "speaker")) == [
        ("We will rebuild the bridge", hale.pk)
    ]
    assert Speaker.objects.count() == 1


def test_known_speakers_are_matched_through_their_title():
    putin = factories.SpeakerFactory(
        name="Vladimir Putin", slug="vladimir-putin", description="President of Russia"
    )
    text = 'Kremlin talks\n\n"It is a delicate issue," the Russian President told reporters.\n'

    ArticleImporter().import_text(text, name="pasted")

    assert list(Quote.objects.values_list("speaker", flat=True)) == [putin.pk]


def test_a_quote_no_one_is_named_for_keeps_the_words_that_name_the_speaker():
    text = 'Checks\n\nA spokesman for the ministry said checks would be "light but thorough."\n'

    ArticleImporter().import_text(text, name="pasted")

    assert list(Quote.objects.values_list("speaker", "speaker_name")) == [
        (None, "A spokesman for the ministry")
    ]


def test_a_document_the_database_refuses_halfway_writes_nothing(refuse_rows):
    refuse_rows("quotes_appearance", "exact", "explode")
    text = 'Hale\n\n"First words," said Viktor Hale. "These will explode," he added.\n'

    outcome = ArticleImporter().import_text(text, name="halfway.txt")

    assert (outcome.status, counts()) == (
        "failed",
        {"Source": 0, "Quote": 0, "Appearance": 0, "Speaker": 0, "QuoteProposal": 0},
    )
    assert outcome.message.startswith("nothing imported: ")


def test_a_run_over_many_files_reports_each_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    missing = tmp_path / "missing.txt"
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_source", str(missing), str(empty), str(good), stdout=out)

    assert out.getvalue().splitlines() == [
        f"{missing}: cannot read the file: No such file or directory",
        f"{empty}: no article text found in it",
        f"{good}: imported as source “Mayor defends budget”; 2 quotes proposed; "
        "new draft speakers: Viktor Hale.",
    ]
    assert str(error.value) == "2 of 3 files failed; nothing from them was imported."
    assert Source.objects.count() == 1


def test_an_html_file_is_imported_with_its_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='en'><head><title>Hale defends budget</title>"
        "<link rel='canonical' href='https://oster.example/hale'></head><body><article>"
        "<h1>Hale defends budget</h1>"
        '<p>Mayor Viktor Hale said the figure was "simply wrong," and that every crown was '
        "accounted for in the city's books this year.</p></article></body></html>",
        encoding="utf-8",
    )

    outcome = ArticleImporter().import_path(path)

    source = Source.objects.get()
    assert (outcome.status, source.title, source.url, outcome.proposed) == (
        "imported",
        "Hale defends budget",
        "https://oster.example/hale",
        1,
    )
