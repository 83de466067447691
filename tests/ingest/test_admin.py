import warnings

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.ingest.articles import ArticleImporter
from apps.ingest.models import QuoteProposal
from apps.quotes.models import Appearance, Quote
from apps.sources.models import Source
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from tests import factories
from tests.factories import arranged

pytestmark = pytest.mark.django_db
IMPORT = reverse("admin:ingest_quoteproposal_import")
REVIEW = reverse("admin:ingest_quoteproposal_review")
ARTICLE = 'Budget row\n\nMayor Viktor Hale said the figure was "simply wrong."\n'


@pytest.fixture(autouse=True)
def _quiet_static_and_fast_hashing(settings):
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def proposal(*, source_published: bool = False) -> QuoteProposal:
    """The one quote proposed by importing ARTICLE; its source, a draft as imported, is
    published first if asked (a quote is confirmed only in a published source)."""
    ArticleImporter().import_text(ARTICLE, name="pasted text")
    item = QuoteProposal.objects.select_related("quote", "source").get()
    if source_published:
        source_update(source=item.source, status=Source.Status.PUBLISHED)
    return item


def test_the_import_page_offers_upload_and_paste(admin_client):
    response = admin_client.get(IMPORT)

    assert list(response.context["form"].fields) == ["file", "text", "title", "url"]
    assert b'type="file"' in response.content


def test_pasted_text_is_imported_and_its_proposals_shown(admin_client):
    response = admin_client.post(IMPORT, {"text": ARTICLE, "url": "https://oster.example/b"})

    source = Source.objects.get()
    assert response.url == f"{REVIEW}?source={source.pk}"
    assert messages_of(response) == [
        "pasted text: imported as source “Budget row”; 1 quote proposed; "
        "new draft speakers: Viktor Hale."
    ]
    assert source.url == "https://oster.example/b"


def test_an_uploaded_file_is_imported(admin_client):
    upload = SimpleUploadedFile("budget.txt", ARTICLE.encode("cp1252"), "text/plain")

    admin_client.post(IMPORT, {"file": upload})

    assert list(Quote.objects.values_list("text", flat=True)) == ["simply wrong"]


def test_an_import_with_neither_file_nor_text_is_refused(admin_client):
    response = admin_client.post(IMPORT, {"title": "Nothing"})

    assert response.context["form"].non_field_errors() == [
        "Upload a file or paste the text (one of them)."
    ]
    assert Source.objects.count() == 0


def test_the_review_screen_shows_each_proposal_in_its_context(admin_client):
    item = proposal()

    response = admin_client.get(REVIEW)

    rows = response.context["rows"]
    assert [(row["proposal"], row["appearance"].found_passage) for row in rows] == [
        (item, "simply wrong")
    ]
    assert "<mark>simply wrong</mark>" in response.content.decode()


def decide(client, item, action, **fields):
    data = {f"p{item.pk}-action": action}
    data.update({f"p{item.pk}-{name}": value for name, value in fields.items()})
    return client.post(reverse("admin:ingest_quoteproposal_decide", args=[item.pk]), data)


def test_confirming_a_proposal_confirms_its_quote(admin_client, superuser):
    item = proposal(source_published=True)

    decide(admin_client, item, "confirm")

    quote = Quote.objects.get()
    assert (quote.status, quote.history.first().history_user) == ("confirmed", superuser)


def test_rejecting_a_proposal_rejects_its_quote(admin_client):
    item = proposal()

    decide(admin_client, item, "reject")

    assert Quote.objects.get().status == "rejected"


def test_a_proposal_is_reattributed_to_an_existing_speaker(admin_client):
    item = proposal()
    other = factories.SpeakerFactory(name="Dana Novak", slug="dana-novak")

    decide(admin_client, item, "reattribute", speaker=other.pk)

    assert (Quote.objects.get().speaker, Quote.objects.get().status) == (other, "draft")


def test_a_proposal_is_reattributed_to_a_new_draft_speaker(admin_client):
    item = proposal()

    decide(admin_client, item, "reattribute", new_speaker_name="Eva Lund")

    speaker = Quote.objects.get().speaker
    assert (speaker.name, speaker.status) == ("Eva Lund", Speaker.Status.DRAFT)


def test_confirming_words_not_found_in_the_source_is_refused(admin_client):
    item = proposal(source_published=True)
    with arranged():  # an anchor lost, as if the text had been changed under it
        Appearance.objects.update(
            match="not_found", start=None, end=None, similarity=0, found_passage=""
        )

    response = decide(admin_client, item, "confirm")

    assert Quote.objects.get().status == "draft"
    assert messages_of(response) == [
        "Cannot confirm “Viktor Hale: “simply wrong””: its words are not found in any of "
        "its published sources."
    ]


def test_confirming_a_proposal_whose_source_is_still_a_draft_is_refused(admin_client):
    item = proposal()

    response = decide(admin_client, item, "confirm")

    assert (Quote.objects.get().status, Appearance.objects.get().match) == ("draft", "exact")
    assert messages_of(response) == [
        "Cannot confirm “Viktor Hale: “simply wrong””: its words are not found in any of "
        "its published sources; they are found in “Budget row”, not published yet: publish "
        "it first."
    ]


def test_staff_without_permissions_cannot_import_or_review(client, editor):
    client.force_login(editor)

    responses = [client.get(IMPORT), client.get(REVIEW)]

    assert [r.status_code for r in responses] == [403, 403]
    assert Source.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(REVIEW)

    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("articles", [1, 3])
def test_the_review_screen_costs_the_same_queries_for_more_proposals(
    admin_client, django_assert_max_num_queries, articles
):
    for number in range(articles):
        ArticleImporter().import_text(
            ARTICLE.replace("Budget row", f"Budget row {number}"), name=f"a{number}"
        )
    admin_client.get(REVIEW)  # the session and permissions are cached after the first

    with django_assert_max_num_queries(8):
        response = admin_client.get(REVIEW)

    assert len(response.context["rows"]) == articles


@pytest.mark.parametrize("role", ["Editor", "Reviewer"])
def test_newsroom_roles_find_the_import_and_the_proposals_from_the_admin_index(client, role):
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)

    page = client.get(reverse("admin:index")).content.decode()

    assert (
        f'href="{IMPORT}"' in page,
        f'href="{reverse("admin:ingest_quoteproposal_changelist")}"' in page,
        client.get(IMPORT).status_code,
    ) == (True, True, 200)


def test_staff_without_a_role_get_no_import_link(client):
    client.force_login(factories.UserFactory(is_staff=True))

    page = client.get(reverse("admin:index")).content.decode()

    assert (f'href="{IMPORT}"' in page, client.get(IMPORT).status_code) == (False, 403)
