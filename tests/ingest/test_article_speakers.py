"""What an article says about the people it quotes goes with the draft speakers the import
proposes (issue 19, item 2): the other names it uses, the role it states, its date for the
quotes, the Wikidata id its HTML gives; and known speakers are found by those first."""

import datetime

import pytest

from apps.ingest.articles import ArticleImporter
from apps.quotes.models import Quote
from apps.speakers.models import Speaker
from tests import factories

pytestmark = pytest.mark.django_db

MARSH = (
    "Council votes\n\n"
    'Jane Marsh, the deputy mayor of Leeds, said the plan was "a good start for the city." '
    'Later Ms Marsh added: "We will see how it goes next year."\n'
)
REEVES = (
    "Figures\n\n"
    '"It is far too early to tell," said Colin Reeves. '
    '"We have not seen the figures," Mr Reeves said.\n'
)


def html_page(body: str, *, head: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Council votes</title>{head}</head><body><article>"
        f"<h1>Council votes</h1>{body}</article></body></html>"
    )


def test_a_new_speaker_gets_the_names_the_article_uses_for_them_as_aliases():
    ArticleImporter().import_text(MARSH, name="pasted")

    speaker = Speaker.objects.get()
    assert sorted(speaker.aliases.values_list("name", flat=True)) == ["Marsh", "Ms Marsh"]


def test_a_new_speaker_gets_the_role_the_article_states_as_role_and_description():
    ArticleImporter().import_text(MARSH, name="pasted")

    speaker = Speaker.objects.get()
    assert (speaker.description, list(speaker.roles.values_list("title", "organisation"))) == (
        "Deputy mayor of Leeds",
        [("Deputy mayor", "Leeds")],
    )


def test_an_honorific_is_never_a_speakers_description_or_role():
    ArticleImporter().import_text(REEVES, name="pasted")

    speaker = Speaker.objects.get()
    assert (speaker.name, speaker.description, speaker.roles.count()) == ("Colin Reeves", "", 0)
    assert "Mr Reeves" in speaker.aliases.values_list("name", flat=True)


def test_the_aliases_and_roles_have_their_history_rows():
    ArticleImporter().import_text(MARSH, name="pasted")

    speaker = Speaker.objects.get()
    alias = speaker.aliases.get(name="Ms Marsh")
    role = speaker.roles.get()
    assert alias.history.get().history_change_reason == "Proposed by the article import"
    assert role.history.get().history_type == "+"


def test_quotes_get_the_articles_date_as_said_on(tmp_path):
    path = tmp_path / "page.html"
    page = html_page(
        '<p>Jane Marsh, the deputy mayor of Leeds, said the plan was "a good start for the '
        'city," and that the council would vote again in the spring of next year.</p>',
        head="<meta property='article:published_time' content='2025-03-04T10:00:00Z'>",
    )
    path.write_text(page, encoding="utf-8")

    ArticleImporter().import_path(path)

    assert list(Quote.objects.values_list("said_on", flat=True)) == [datetime.date(2025, 3, 4)]


def test_a_known_speaker_is_found_by_the_wikidata_id_the_page_links_the_name_to(tmp_path):
    known = factories.SpeakerFactory(name="Joseph R. Biden", slug="biden", wikidata_id="Q6279")
    path = tmp_path / "page.html"
    path.write_text(
        html_page(
            '<p><a href="https://www.wikidata.org/wiki/Q6279">Joe Biden</a> said the deal was '
            '"the best we could get," speaking to reporters at the White House on Tuesday.</p>'
        ),
        encoding="utf-8",
    )

    ArticleImporter().import_path(path)

    assert list(Quote.objects.values_list("speaker", flat=True)) == [known.pk]
    assert Speaker.objects.count() == 1


def test_a_new_speaker_gets_the_wikidata_id_the_pages_json_ld_gives_the_name(tmp_path):
    path = tmp_path / "page.html"
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "mentions": [{"@type": "Person", "name": "Jane Marsh", '
        '"sameAs": ["https://en.wikipedia.org/wiki/Jane_Marsh", '
        '"https://www.wikidata.org/wiki/Q123456"]}]}</script>'
    )
    path.write_text(
        html_page(
            '<p>Jane Marsh, the deputy mayor of Leeds, said the plan was "a good start for '
            'the city," and that the council would vote again in the spring.</p>',
            head=json_ld,
        ),
        encoding="utf-8",
    )

    ArticleImporter().import_path(path)

    assert Speaker.objects.get().wikidata_id == "Q123456"


def test_a_known_speaker_is_found_by_another_name_the_article_uses_for_them():
    known = factories.SpeakerFactory(name="Jane Q. Marsh-Whitby", slug="marsh")
    factories.SpeakerAliasFactory(speaker=known, name="Mayor Jane Marsh")
    text = (
        "Council votes\n\n"
        'Mayor Jane Marsh said the plan was "a good start for the city." '
        '"We will see how it goes," Ms Marsh added.\n'
    )

    ArticleImporter().import_text(text, name="pasted")

    assert set(Quote.objects.values_list("speaker", flat=True)) == {known.pk}
    assert Speaker.objects.count() == 1
