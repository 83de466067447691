"""Re-anchoring from the admin: the "Re-anchor" button of the source, quote and claim
change pages, and the bulk action "Re-check anchors" with its confirmation page.

A text corrected where nothing re-anchors (a script, a database fix) is what the button
is for; the tests correct it with `QuerySet.update()`, past the services, which does the same.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertTemplateUsed

from apps.accounts.roles import Role
from apps.claims.models import Citation, Claim
from apps.claims.services import citation_update
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.sources.services import passages_reanchor
from tests.admin.helpers import messages_of, signed_in
from tests.factories import (
    ARTICLE_TEXT,
    AppearanceFactory,
    CitationFactory,
    QuoteFactory,
    SourceFactory,
    UserFactory,
    arranged,
)

WORDS = "We have never sold more grain abroad,"
PASSAGE = "exports rose by 12% last year"


def correct_text_behind_the_admins_back(source: Source, text: str) -> None:
    with arranged():  # no door changes a text without re-anchoring: the state to repair
        Source.objects.filter(pk=source.pk).update(text=text)


def reanchor_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_reanchor", args=[obj.pk])


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def anchor_of(passage) -> tuple:
    passage.refresh_from_db()
    return (passage.match, passage.start, passage.end)


# --- the button ----------------------------------------------------------------------------


def test_reanchor_relocates_a_quotes_appearances_in_the_corrected_text(superuser_client):
    appearance = AppearanceFactory(quote__speaker__name="Olha Stefanishyna")
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)

    response = superuser_client.post(reanchor_url(appearance.quote), follow=True)

    start = len("KYIV — ") + ARTICLE_TEXT.index(WORDS)
    assert anchor_of(appearance) == ("exact", start, start + len(WORDS))
    assert messages_of(response) == [
        f"Anchors re-checked for “Olha Stefanishyna: “{WORDS}””: "
        "1 passage: 1 exact, 0 approximate, 0 not found (1 anchor moved)."
    ]


def test_reanchor_returns_to_the_change_page(superuser_client):
    appearance = AppearanceFactory()

    response = superuser_client.post(reanchor_url(appearance.quote))

    assert (response.status_code, response["Location"]) == (302, change_url(appearance.quote))


def test_reanchor_marks_a_citation_whose_passage_is_gone_as_not_found(superuser_client):
    citation = CitationFactory(claim__statement="Exports rose by 12% last year.")
    correct_text_behind_the_admins_back(
        citation.source, ARTICLE_TEXT.replace("by 12% last year", "sharply")
    )

    response = superuser_client.post(reanchor_url(citation.claim), follow=True)

    assert anchor_of(citation) == ("not_found", None, None)
    assert [(m.level_tag, str(m)) for m in response.context["messages"]] == [
        (
            "warning",
            "Anchors re-checked for “Exports rose by 12% last year.”: "
            "1 passage: 0 exact, 0 approximate, 1 not found (1 anchor moved).",
        )
    ]


def test_reanchor_of_a_source_relocates_its_appearances_and_citations(superuser_client):
    source = SourceFactory(title="Grain exports")
    appearance = AppearanceFactory(source=source)
    citation = CitationFactory(source=source)
    AppearanceFactory(quote=appearance.quote)  # in another source: left alone
    correct_text_behind_the_admins_back(source, "KYIV — " + ARTICLE_TEXT)

    response = superuser_client.post(reanchor_url(source), follow=True)

    shift = len("KYIV — ")
    words_at, passage_at = ARTICLE_TEXT.index(WORDS), ARTICLE_TEXT.index(PASSAGE)
    assert (anchor_of(appearance), anchor_of(citation)) == (
        ("exact", shift + words_at, shift + words_at + len(WORDS)),
        ("exact", shift + passage_at, shift + passage_at + len(PASSAGE)),
    )
    assert messages_of(response) == [
        "Anchors re-checked for “Grain exports”: "
        "2 passages: 2 exact, 0 approximate, 0 not found (2 anchors moved)."
    ]


def test_reanchor_records_the_moved_anchor_in_history_by_the_signed_in_user(
    superuser_client, superuser
):
    appearance = AppearanceFactory()
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)

    superuser_client.post(reanchor_url(appearance.quote))

    assert [(row.history_type, row.history_user) for row in appearance.history.all()] == [
        ("~", superuser),
        ("+", None),
    ]


def test_reanchor_leaves_the_history_of_an_anchor_that_did_not_move_alone(superuser_client):
    appearance = AppearanceFactory()

    response = superuser_client.post(reanchor_url(appearance.quote), follow=True)

    assert appearance.history.count() == 1
    assert messages_of(response)[0].endswith(
        "1 passage: 1 exact, 0 approximate, 0 not found (0 anchors moved)."
    )


def test_reanchor_answers_a_get_with_method_not_allowed(superuser_client):
    appearance = AppearanceFactory()

    response = superuser_client.get(reanchor_url(appearance.quote))

    assert (response.status_code, response["Allow"]) == (405, "POST")


def test_reanchor_of_a_missing_object_is_not_found(superuser_client):
    response = superuser_client.post(reverse("admin:quotes_quote_reanchor", args=[999999]))

    assert response.status_code == 404


@pytest.mark.parametrize("model", ["source", "quote", "claim"])
def test_change_page_offers_the_reanchor_button(superuser_client, model):
    citation = CitationFactory(claim__quote=QuoteFactory())
    obj = {"source": citation.source, "quote": citation.claim.quote, "claim": citation.claim}[model]

    response = superuser_client.get(change_url(obj))

    assert response.context["reanchor"]["url"] == reanchor_url(obj)
    assert f'<form method="post" action="{reanchor_url(obj)}" class="reanchor"' in (
        response.content.decode()
    )


def test_change_page_offers_no_reanchor_button_to_whom_may_only_view(client, db):
    appearance = AppearanceFactory()
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_quote"))
    client.force_login(viewer)

    response = client.get(change_url(appearance.quote))

    assert (response.status_code, "reanchor" in response.context) == (200, False)


# --- who may re-anchor ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", [Role.EDITOR, Role.REVIEWER, "superuser"], ids=["editor", "reviewer", "superuser"]
)
def test_editors_reviewers_and_superusers_may_reanchor(client, db, role):
    appearance = AppearanceFactory()
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)
    if role == "superuser":
        signed_in(client, is_superuser=True)
    else:
        signed_in(client, role)

    response = client.post(reanchor_url(appearance.quote))

    assert (response.status_code, anchor_of(appearance)[1]) == (
        302,
        len("KYIV — ") + ARTICLE_TEXT.index(WORDS),
    )


def test_staff_without_permissions_may_not_reanchor(client, db):
    appearance = AppearanceFactory()
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)
    signed_in(client)

    response = client.post(reanchor_url(appearance.quote))

    assert (response.status_code, anchor_of(appearance)[1]) == (403, ARTICLE_TEXT.index(WORDS))


def test_whom_may_only_view_may_not_reanchor(client, db):
    appearance = AppearanceFactory()
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_quote"))
    client.force_login(viewer)

    response = client.post(reanchor_url(appearance.quote))

    assert (response.status_code, anchor_of(appearance)[1]) == (403, ARTICLE_TEXT.index(WORDS))


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    appearance = AppearanceFactory()
    correct_text_behind_the_admins_back(appearance.source, "KYIV — " + ARTICLE_TEXT)

    response = client.post(reanchor_url(appearance.quote))

    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("admin:login"),
    )
    assert anchor_of(appearance)[1] == ARTICLE_TEXT.index(WORDS)


# --- the bulk action -------------------------------------------------------------------------


def recheck(client, model, objects, *, confirmed: bool, follow=False):
    data = {"action": "recheck_anchors", "_selected_action": [obj.pk for obj in objects]}
    if confirmed:
        data["post"] = "yes"
    return client.post(changelist_url(model), data, follow=follow)


def test_recheck_asks_for_confirmation_first_and_changes_nothing(superuser_client):
    first, second = SourceFactory(title="Grain exports"), SourceFactory(title="Forum speech")
    appearance = AppearanceFactory(source=first)
    correct_text_behind_the_admins_back(first, "KYIV — " + ARTICLE_TEXT)

    response = recheck(superuser_client, Source, [first, second], confirmed=False)

    assertTemplateUsed(response, "admin/reanchor_confirmation.html")
    assert sorted(str(obj) for obj in response.context["queryset"]) == [
        "Forum speech",
        "Grain exports",
    ]
    assert anchor_of(appearance)[1] == ARTICLE_TEXT.index(WORDS)


def test_the_confirmation_page_posts_the_selection_back_confirmed(superuser_client):
    source = SourceFactory()

    response = recheck(superuser_client, Source, [source], confirmed=False)

    page = response.content.decode()
    assert all(
        field in page
        for field in (
            f'<input type="hidden" name="_selected_action" value="{source.pk}">',
            '<input type="hidden" name="action" value="recheck_anchors">',
            '<input type="hidden" name="post" value="yes">',
        )
    )


def test_recheck_of_sources_reports_how_their_passages_stand(superuser_client):
    first, second = SourceFactory(), SourceFactory()
    moved = AppearanceFactory(source=first)
    AppearanceFactory(source=second)
    CitationFactory(source=second, exact="The ministry later said exports rose by 8%.")
    CitationFactory(source=second, exact="Exports fell sharply.")
    correct_text_behind_the_admins_back(first, "KYIV — " + ARTICLE_TEXT)

    response = recheck(superuser_client, Source, [first, second], confirmed=True, follow=True)

    assert messages_of(response) == [
        "Anchors re-checked in 2 sources: "
        "4 passages: 2 exact, 1 approximate, 1 not found (1 anchor moved)."
    ]
    assert anchor_of(moved)[1] == len("KYIV — ") + ARTICLE_TEXT.index(WORDS)


def test_recheck_of_quotes_relocates_only_their_appearances(superuser_client):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)
    other = AppearanceFactory(source=source, quote__text="a fantasy.")
    correct_text_behind_the_admins_back(source, "KYIV — " + ARTICLE_TEXT)

    response = recheck(
        superuser_client, appearance.quote, [appearance.quote], confirmed=True, follow=True
    )

    assert messages_of(response) == [
        "Anchors re-checked in 1 quote: "
        "1 passage: 1 exact, 0 approximate, 0 not found (1 anchor moved)."
    ]
    assert (anchor_of(appearance)[1], anchor_of(other)[1]) == (
        len("KYIV — ") + ARTICLE_TEXT.index(WORDS),
        ARTICLE_TEXT.index("a fantasy."),
    )


def test_recheck_of_claims_relocates_their_citations(superuser_client):
    citation = CitationFactory()
    correct_text_behind_the_admins_back(citation.source, "KYIV — " + ARTICLE_TEXT)

    response = recheck(
        superuser_client, citation.claim, [citation.claim], confirmed=True, follow=True
    )

    assert messages_of(response) == [
        "Anchors re-checked in 1 claim: "
        "1 passage: 1 exact, 0 approximate, 0 not found (1 anchor moved)."
    ]
    assert anchor_of(citation)[1] == len("KYIV — ") + ARTICLE_TEXT.index(PASSAGE)


@pytest.mark.parametrize("model", [Source, Quote, Claim])
def test_the_action_is_not_offered_to_whom_may_only_view(client, db, model):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename=f"view_{model._meta.model_name}",
            content_type__app_label=model._meta.app_label,
        )
    )
    client.force_login(viewer)

    response = client.get(changelist_url(model))

    assert response.context["action_form"] is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.REVIEWER])
def test_editors_and_reviewers_are_offered_the_action(client, db, role):
    signed_in(client, role)

    response = client.get(changelist_url(Source))

    choices = [name for name, _ in response.context["action_form"].fields["action"].choices]
    assert "recheck_anchors" in choices


def test_whom_may_only_view_cannot_post_the_action(client, db):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)
    correct_text_behind_the_admins_back(source, "KYIV — " + ARTICLE_TEXT)
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_source"))
    client.force_login(viewer)

    recheck(client, Source, [source], confirmed=True)

    assert anchor_of(appearance)[1] == ARTICLE_TEXT.index(WORDS)


def test_anonymous_visitors_cannot_post_the_action(client, db):
    source = SourceFactory()
    appearance = AppearanceFactory(source=source)
    correct_text_behind_the_admins_back(source, "KYIV — " + ARTICLE_TEXT)

    response = recheck(client, Source, [source], confirmed=True)

    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("admin:login"),
    )
    assert anchor_of(appearance)[1] == ARTICLE_TEXT.index(WORDS)


def test_reanchoring_writes_only_the_anchor_over_a_change_made_meanwhile(db):
    # The service behind the button and the action (apps/sources/services.py): an editor
    # who edits a citation's note while its source is re-checked keeps the note.
    citation = CitationFactory(note="")
    stale = list(Citation.objects.select_related("source").filter(pk=citation.pk))
    citation_update(
        citation=Citation.objects.get(pk=citation.pk), note="The ministry revised it to 9%."
    )
    correct_text_behind_the_admins_back(citation.source, "KYIV — " + ARTICLE_TEXT)
    stale[0].source.refresh_from_db()

    passages_reanchor(passages=stale)

    citation.refresh_from_db()
    assert (citation.note, citation.start) == (
        "The ministry revised it to 9%.",
        len("KYIV — ") + ARTICLE_TEXT.index(PASSAGE),
    )
