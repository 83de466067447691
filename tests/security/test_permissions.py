"""Who may write what: every write endpoint of the API and every admin page and action,
for each role (anonymous, signed in without a role, editor, reviewer, superuser).

The API's endpoints are read from its router and the admin's from the admin site, and each
must have a row in the tables below: a new endpoint without one fails the test that lists
them, so none can be left unchecked.
"""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.api.urls import router
from apps.claims import editing
from apps.claims.models import Claim, ClaimRevision, Rating
from apps.ingest.models import ImportJob
from apps.quotes.models import Quote
from apps.sources.models import Source, SourceVersion
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from apps.topics.services import topic_delete
from tests import factories
from tests.admin.helpers import form_data
from tests.api.conftest import token_client
from tests.factories import arranged

ROLES = ["anonymous", "no-role", "editor", "reviewer", "superuser"]
EVERYONE = frozenset(ROLES)
EDITORS = frozenset({"editor", "reviewer", "superuser"})
REVIEWERS = frozenset({"reviewer", "superuser"})
SUPERUSERS = frozenset({"superuser"})
WRITES = ("POST", "PUT", "PATCH", "DELETE")


@pytest.fixture(autouse=True)
def _clean_throttle_counts():
    cache.clear()
    yield
    cache.clear()


def user_for(role: str):
    """A new user in `role` (None for anonymous)."""
    if role == "anonymous":
        return None
    user = factories.UserFactory(
        username=role.replace(" ", "-"), is_staff=True, is_superuser=role == "superuser"
    )
    group = {"editor": Role.EDITOR, "reviewer": Role.REVIEWER}.get(role)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


# --- the API ---------------------------------------------------------------------------


def api_write_endpoints() -> set[tuple[str, str]]:
    """(URL name, method) of every write the router serves."""
    found = set()
    for pattern in router.urls:
        for method in getattr(pattern.callback, "actions", {}):
            if method.upper() in WRITES:
                found.add((pattern.name, method.upper()))
    return found


RESOURCES = ["speaker", "publisher", "source", "quote", "claim", "topic"]
# The router's basenames, longest first: "claim-revision-accept" is a revision's endpoint.
BASENAMES = sorted([*RESOURCES, "rating", "claim-revision", "tombstone"], key=len, reverse=True)


def basename_of(name: str) -> str:
    return next(base for base in BASENAMES if name.startswith(f"{base}-"))


# Who may make each write. The roles' model permissions decide the resources (ratings are
# the verdict scale: read-only for editors and reviewers); the workflow decides its moves.
API_MAY = {
    **{(f"{name}-list", "POST"): EDITORS for name in [*RESOURCES, "rating"]},
    **{
        (f"{name}-detail", method): EDITORS
        for name in RESOURCES
        for method in ("PUT", "PATCH", "DELETE")
    },
    ("rating-list", "POST"): SUPERUSERS,
    **{("rating-detail", method): SUPERUSERS for method in ("PUT", "PATCH", "DELETE")},
    ("claim-submit", "POST"): EDITORS,
    ("claim-return-to-draft", "POST"): EDITORS,
    ("claim-publish", "POST"): REVIEWERS,
    ("claim-retract", "POST"): REVIEWERS,
    ("quote-confirm", "POST"): EDITORS,
    ("quote-reject", "POST"): EDITORS,
    # An editor's change to a published claim is proposed; a reviewer decides on it.
    ("claim-revision-accept", "POST"): REVIEWERS,
    ("claim-revision-reject", "POST"): REVIEWERS,
}


def proposed_revision() -> ClaimRevision:
    """A pending change to a published claim, proposed by an editor who is none of the
    roles under test (so that four eyes lets any reviewer decide on it)."""
    claim = factories.PublishedClaimFactory(summary="Yes.")
    factories.CitationFactory(claim=claim)
    proposer = factories.UserFactory(username="proposer")
    proposer.groups.add(Group.objects.get(name=Role.EDITOR))
    return editing.claim_edit(claim=claim, actor=proposer, analysis="Checked again.").revision


def target(name: str):
    """A fresh object for the endpoint `name`, in the state its write applies to."""
    resource = basename_of(name)
    action = name.removeprefix(f"{resource}-")
    if resource == "claim-revision":
        return proposed_revision()
    if resource == "claim":
        status = {
            "return-to-draft": Claim.Status.IN_REVIEW,
            "publish": Claim.Status.IN_REVIEW,
            "retract": Claim.Status.PUBLISHED,
        }.get(action, Claim.Status.DRAFT)
        if status == Claim.Status.PUBLISHED:
            claim = factories.PublishedClaimFactory(summary="Yes.")
        else:
            claim = factories.ClaimFactory(
                status=status, rating=factories.rating("false"), summary="No."
            )
        factories.CitationFactory(claim=claim)  # found in the factory's source text
        return claim
    if resource == "quote":
        quote = factories.QuoteFactory(status=Quote.Status.DRAFT)
        factories.AppearanceFactory(quote=quote)
        return quote
    if resource == "rating":
        with arranged():  # one outside the default scale, which a migration installs
            return Rating.objects.create(
                label="Wildly off",
                slug="wildly-off",
                description="Not even close.",
                colour="#000000",
                normalised_class=Rating.NormalisedClass.FALSE,
            )
    factory = {
        "speaker": factories.SpeakerFactory,
        "publisher": factories.PublisherFactory,
        "source": factories.SourceFactory,
        "topic": factories.TopicFactory,
    }[resource]
    return factory()


def api_client(user) -> APIClient:
    return APIClient() if user is None else token_client(user)


# What a permitted write answers with these requests: an empty body is invalid for a
# create or a full update (400), an empty partial update changes nothing (200).
PERMITTED = {"POST": 400, "PUT": 400, "PATCH": 200, "DELETE": 204}


def expected_api_status(name: str, method: str, role: str, *, visible: bool) -> int:
    if role == "anonymous":
        return 401
    if role not in API_MAY[(name, method)]:
        # A workflow move asks only for a signed-in user and leaves the decision to the
        # workflow; a draft the user may not even see is, to them, not there.
        return 403 if visible or name.endswith(("-list", "-detail")) else 404
    if name.endswith(("-list", "-detail")):
        return PERMITTED[method]
    return 200  # a workflow move on an object in the state it applies to


def test_every_api_write_endpoint_is_in_the_matrix():
    assert api_write_endpoints() == set(API_MAY)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method"), sorted(API_MAY))
def test_api_write_is_allowed_only_to_its_roles(db, name, method, role):
    obj = None if name.endswith("-list") else target(name)
    url = reverse(f"api:{name}", kwargs={} if obj is None else {"pk": obj.pk})
    client = api_client(user_for(role))
    headers, visible = {}, True
    if obj is not None:  # the ETag this user reads, as a client would send it back
        detail = reverse(f"api:{basename_of(name)}-detail", kwargs={"pk": obj.pk})
        read = client.get(detail)
        visible = read.status_code == 200
        # A revision has none: its decision is checked against the claim as it now is.
        etag = read.get("ETag") if visible else None
        headers = {"HTTP_IF_MATCH": etag} if etag else {}
    body = {"note": "Checked again."} if name.endswith(("retract", "return-to-draft")) else {}

    response = client.generic(
        method, url, json.dumps(body), content_type="application/json", **headers
    )

    assert response.status_code == expected_api_status(name, method, role, visible=visible), (
        response.content
    )


@pytest.mark.parametrize(
    ("role", "status", "rating_after", "revisions"),
    [("editor", 202, "true", ["pending"]), ("reviewer", 200, "false", [])],
)
def test_only_a_reviewer_changes_a_published_verdict(db, role, status, rating_after, revisions):
    claim = factories.PublishedClaimFactory(rating=factories.rating("true"), summary="Yes.")
    factories.CitationFactory(claim=claim)
    client = api_client(user_for(role))
    url = reverse("api:claim-detail", kwargs={"pk": claim.pk})

    response = client.patch(
        url,
        {"rating": "false", "summary": "No.", "correction_note": "New figures."},
        format="json",
        HTTP_IF_MATCH=client.get(url)["ETag"],
    )

    claim.refresh_from_db()
    proposed = list(claim.revisions.values_list("status", flat=True))
    assert (response.status_code, claim.rating.slug, proposed) == (status, rating_after, revisions)


# --- reading -----------------------------------------------------------------------------


def api_read_endpoints() -> set[str]:
    """URL name of every read the router serves (but its root, which lists the others)."""
    return {
        pattern.name for pattern in router.urls if "get" in getattr(pattern.callback, "actions", {})
    }


# Who reads each endpoint's object while readers may not: a draft speaker, source, quote or
# claim (a source's earlier texts are read as the source is), a proposed change to a claim
# (never public). Publishers, topics, ratings and tombstones have no such state.
API_READ_MAY = {
    **{
        f"{name}-{view}": EDITORS
        for name in ("speaker", "source", "quote", "claim", "claim-revision")
        for view in ("list", "detail")
    },
    "source-versions": EDITORS,
    **{
        f"{name}-{view}": EVERYONE
        for name in ("publisher", "topic", "rating")
        for view in ("list", "detail")
    },
    "tombstone-list": EVERYONE,
}
# Read by signed-in users only; anyone may read the others (and sees in them what they may).
SIGNED_IN_ONLY = {"claim-revision-list", "claim-revision-detail"}


def unseen_target(name: str) -> tuple[object, object]:
    """A fresh object for the read endpoint `name`, hidden from readers where its kind can
    be, and what the endpoint shows of it (see `shown_by`)."""
    resource = basename_of(name)
    if resource == "claim-revision":
        revision = proposed_revision()
        return revision, revision.pk
    if resource == "tombstone":
        topic = factories.TopicFactory()
        key = ("topic", topic.pk)
        topic_delete(topic=topic)
        return None, key
    if resource == "source":
        source = factories.SourceFactory()
        source_update(source=source, text="Exports fell.", text_change_note="The wrong article.")
        source_update(source=source, status=Source.Status.DRAFT)
        return source, 1 if name == "source-versions" else source.pk
    obj = {
        "speaker": lambda: factories.SpeakerFactory(status=Speaker.Status.DRAFT),
        "quote": lambda: factories.QuoteFactory(status=Quote.Status.DRAFT),
        "claim": lambda: factories.ClaimFactory(status=Claim.Status.DRAFT),
        "publisher": factories.PublisherFactory,
        "topic": factories.TopicFactory,
        "rating": lambda: factories.rating("false"),
    }[resource]()
    return obj, obj.pk


def shown_by(name: str, response) -> list:
    """What a read shows: the ids of its objects; a tombstone's kind and id; the numbers of
    a source's earlier texts."""
    if response.status_code != 200:
        return []
    body = response.json()
    if name == "source-versions":
        return [version["number"] for version in body]
    items = body["results"] if name.endswith("-list") else [body]
    if name == "tombstone-list":
        return [(item["kind"], item["id"]) for item in items]
    return [item["id"] for item in items]


def expected_read(name: str, role: str) -> tuple[int, bool]:
    """The status of the read, and whether it shows the hidden object."""
    if role == "anonymous" and name in SIGNED_IN_ONLY:
        return 401, False
    may = role in API_READ_MAY[name]
    if name.endswith("-list") and name not in SIGNED_IN_ONLY:
        return 200, may  # the list leaves out what the reader may not see
    return (200, True) if may else (404, False)  # to them, it is not there


def test_every_api_read_endpoint_is_in_the_matrix():
    assert api_read_endpoints() == set(API_READ_MAY)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(API_READ_MAY))
def test_api_read_shows_hidden_objects_only_to_their_roles(db, name, role):
    obj, key = unseen_target(name)
    url = reverse(f"api:{name}", kwargs={} if name.endswith("-list") else {"pk": obj.pk})
    client = api_client(user_for(role))

    response = client.get(url)

    shown = key in shown_by(name, response)
    assert (response.status_code, shown) == expected_read(name, role), response.content


# --- tokens ------------------------------------------------------------------------------


def writes_with(key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.post("/api/v1/topics/", {"name": "Trade", "slug": "trade"}, format="json")


def test_a_revoked_token_stops_working_at_once(db):
    user = user_for("editor")
    key = Token.objects.create(user=user).key
    before = writes_with(key).status_code

    call_command("revoketoken", user.username)

    response = writes_with(key)
    assert (before, response.status_code, response.json()["errors"][0]["detail"]) == (
        201,
        401,
        "Invalid token.",
    )


def test_revoking_says_whether_there_was_a_token(db, capsys):
    user = user_for("editor")
    Token.objects.create(user=user)

    call_command("revoketoken", user.username)
    call_command("revoketoken", user.username)

    assert capsys.readouterr().out == (
        "Revoked the API token of editor.\neditor has no API token: nothing to revoke.\n"
    )


def test_a_replaced_token_stops_working(db):
    user = user_for("editor")
    old = Token.objects.create(user=user).key

    call_command("drf_create_token", user.username, reset_token=True)

    new = Token.objects.get(user=user).key
    assert (writes_with(old).status_code, writes_with(new).status_code) == (401, 201)


def test_a_deactivated_account_s_token_stops_working(db):
    user = user_for("editor")
    key = Token.objects.create(user=user).key
    user.is_active = False
    user.save()

    response = writes_with(key)

    assert (response.status_code, response.json()["errors"][0]["detail"]) == (
        401,
        "User inactive or deleted.",
    )


def test_a_superuser_revokes_a_token_in_the_admin(client, db):
    user = user_for("editor")
    key = Token.objects.create(user=user).key
    client.force_login(user_for("superuser"))

    response = client.post(
        reverse("admin:authtoken_tokenproxy_delete", args=[user.pk]), {"post": "yes"}
    )

    assert (response.status_code, writes_with(key).status_code) == (302, 401)


# --- the admin ---------------------------------------------------------------------------

CURATED = {
    "speakers.speaker",
    "sources.publisher",
    "sources.source",
    "topics.topic",
    "quotes.quote",
    "quotes.appearance",
    "claims.claim",
    "claims.citation",
}
# Editors and reviewers see the verdict scale, the corrections (written by the workflow
# only) and the records of imports (the way to the import screens), but do not change them;
# accounts, tokens and sign-in records are the superuser's.
READ_ONLY_FOR_EDITORS = {
    "claims.rating",
    "claims.correction",
    "claims.claimrevision",
    "ingest.quoteproposal",
    "ingest.claimrevieworigin",
}
# Nobody adds or deletes these in the admin, superusers included: a correction is written
# and kept with the change it records, an import's record with what it imported, a proposed
# change with the claim (reviewers decide on it with their own buttons, below).
RECORDS = {
    "claims.correction",
    "claims.claimrevision",
    "ingest.quoteproposal",
    "ingest.claimrevieworigin",
}
# Sign-in records are never added by hand.
NEVER_ADDED = {"axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", *RECORDS}
REGISTERED = {
    *CURATED,
    *READ_ONLY_FOR_EDITORS,
    *NEVER_ADDED,
    "auth.group",
    "auth.user",
    "authtoken.tokenproxy",
}
STANDARD_VIEWS = ("changelist", "add", "change", "delete", "history")
# django-simple-history's page of one past version, whose form reverts to it (see below).
VERSION_VIEW = "simple_history"


def expected_admin_status(label: str, view: str, role: str) -> int:
    if role == "anonymous":
        return 302  # to the sign-in page
    if (view == "add" and label in NEVER_ADDED) or (view == "delete" and label in RECORDS):
        return 403
    if role == "superuser":
        return 200
    if role in EDITORS and label in CURATED:
        return 200
    if role in EDITORS and label in READ_ONLY_FOR_EDITORS:
        return 403 if view in ("add", "delete") else 200
    return 403


@pytest.fixture
def one_of_everything(db):
    """A row of every model the admin shows that tests can make, superuser and token too."""
    claim = factories.PublishedClaimFactory(summary="Yes.")
    citation = factories.CitationFactory(claim=claim)
    factories.CorrectionFactory(claim=claim)
    quote = factories.QuoteFactory(status=Quote.Status.DRAFT)
    factories.AppearanceFactory(quote=quote, source=citation.source)
    factories.QuoteProposalFactory(quote=quote, source=citation.source)
    factories.ClaimReviewOriginFactory(claim=claim)
    factories.ClaimRevisionFactory(claim=claim, status="rejected", decided_at=timezone.now())
    factories.TopicFactory()
    Token.objects.create(user=factories.UserFactory(username="token-holder"))


def admin_client(client, role: str):
    user = user_for(role)
    if user is not None:
        client.force_login(user)
    return client


def test_every_admin_model_is_in_the_matrix():
    assert {model._meta.label_lower for model in admin.site._registry} == REGISTERED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", sorted(REGISTERED))
def test_admin_pages_are_open_only_to_their_roles(client, one_of_everything, label, role):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    opts = model._meta
    newest = model._default_manager.order_by("pk").last()
    views = [v for v in STANDARD_VIEWS if newest is not None or v in ("changelist", "add")]
    client = admin_client(client, role)

    answers = {
        view: client.get(
            reverse(
                f"admin:{opts.app_label}_{opts.model_name}_{view}",
                args=[newest.pk] if view in ("change", "delete", "history") else [],
            )
        ).status_code
        for view in views
    }

    assert answers == {view: expected_admin_status(label, view, role) for view in views}


# The bulk actions each role is offered on each list (Django leaves out those the user may
# not use, and ignores a posted action it did not offer).
ACTIONS_FOR_EDITORS = {
    "speakers.speaker": ["delete_selected"],
    "sources.publisher": ["delete_selected"],
    "sources.source": ["delete_selected", "recheck_anchors"],
    "topics.topic": ["delete_selected"],
    "quotes.quote": ["confirm_quotes", "delete_selected", "recheck_anchors", "reject_quotes"],
    "quotes.appearance": ["delete_selected"],
    # Claims are deleted one at a time through the service, which refuses published ones.
    "claims.claim": ["recheck_anchors"],
    "claims.citation": ["delete_selected"],
    "claims.rating": [],
    "claims.correction": [],
    "claims.claimrevision": [],
}


def offered_actions(response) -> list[str]:
    form = response.context["action_form"]
    if form is None:
        return []
    return sorted(name for name, _ in form.fields["action"].choices if name)


@pytest.mark.parametrize("role", ["editor", "reviewer", "superuser"])
@pytest.mark.parametrize("label", sorted(ACTIONS_FOR_EDITORS))
def test_each_role_is_offered_only_its_bulk_actions(client, db, label, role):
    app_label, model_name = label.split(".")
    client = admin_client(client, role)

    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))

    expected = ACTIONS_FOR_EDITORS[label]
    if role == "superuser" and label in READ_ONLY_FOR_EDITORS - RECORDS:
        expected = ["delete_selected"]
    assert offered_actions(response) == expected


def test_an_action_not_offered_is_not_carried_out(client, db):
    client = admin_client(client, "editor")
    verdict = factories.rating("false")

    client.post(
        reverse("admin:claims_rating_changelist"),
        {"action": "delete_selected", "_selected_action": [verdict.pk], "post": "yes"},
    )

    assert Rating.objects.filter(pk=verdict.pk).exists() is True


def test_every_custom_admin_view_is_in_the_matrix():
    custom = set()
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        standard = {
            f"{opts.app_label}_{opts.model_name}_{view}" for view in (*STANDARD_VIEWS, VERSION_VIEW)
        }
        custom |= {
            pattern.name
            for pattern in model_admin.get_urls()
            if pattern.name and pattern.name not in standard
        }
    assert custom == set(CUSTOM_VIEWS)


# URL name: (method, arguments from the test's objects, who may, status when allowed).
CUSTOM_VIEWS = {
    "auth_user_password_change": ("GET", lambda o: [o["user"].pk], SUPERUSERS, 200),
    "sources_source_reanchor": ("POST", lambda o: [o["source"].pk], EDITORS, 302),
    "quotes_quote_reanchor": ("POST", lambda o: [o["quote"].pk], EDITORS, 302),
    "claims_claim_reanchor": ("POST", lambda o: [o["claim"].pk], EDITORS, 302),
    "claims_claim_transition": ("POST", lambda o: [o["claim"].pk, "submit"], EDITORS, 302),
    "ingest_quoteproposal_import": ("GET", lambda o: [], EDITORS, 200),
    "ingest_quoteproposal_import_job": ("GET", lambda o: [o["import_job"].pk], EDITORS, 200),
    "ingest_quoteproposal_review": ("GET", lambda o: [], EDITORS, 200),
    "ingest_quoteproposal_decide": ("POST", lambda o: [o["proposal"].pk], EDITORS, 302),
    "review_queue": ("GET", lambda o: [], EDITORS, 200),
    # Editors may post, and are refused by the service with a message (reviewers decide).
    "claims_claimrevision_decide": ("POST", lambda o: [o["revision"].pk, "reject"], EDITORS, 302),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CUSTOM_VIEWS))
def test_custom_admin_views_are_open_only_to_their_roles(client, db, name, role):
    quote = factories.QuoteFactory(status=Quote.Status.DRAFT)
    appearance = factories.AppearanceFactory(quote=quote)
    objects = {
        "user": factories.UserFactory(username="someone"),
        "source": appearance.source,
        "quote": quote,
        "claim": factories.ClaimFactory(),
        "proposal": factories.QuoteProposalFactory(quote=quote, source=appearance.source),
        "revision": factories.ClaimRevisionFactory(),
        "import_job": ImportJob.objects.create(name="report.txt", document=b"x", size=1),
    }
    method, arguments, may, allowed = CUSTOM_VIEWS[name]
    client = admin_client(client, role)
    url = reverse(f"admin:{name}", args=arguments(objects))
    data = {f"p{objects['proposal'].pk}-action": "reject"} if name.endswith("decide") else {}

    response = client.post(url, data) if method == "POST" else client.get(url)

    expected = 302 if role == "anonymous" else allowed if role in may else 403
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("transition", "before", "after_by"),
    [
        ("submit", "draft", {"editor": "in_review", "reviewer": "in_review"}),
        ("return-to-draft", "in_review", {"editor": "draft", "reviewer": "draft"}),
        ("publish", "in_review", {"editor": "in_review", "reviewer": "published"}),
        ("retract", "published", {"editor": "published", "reviewer": "retracted"}),
    ],
)
@pytest.mark.parametrize("role", ["no-role", "editor", "reviewer", "superuser"])
def test_admin_workflow_buttons_move_a_claim_only_for_their_roles(
    client, db, transition, before, after_by, role
):
    claim = factories.ClaimFactory(
        status=before,
        rating=factories.rating("false"),
        summary="No.",
        published_at=timezone.now() if before == "published" else None,
    )
    factories.CitationFactory(claim=claim)
    client = admin_client(client, role)

    response = client.post(
        reverse("admin:claims_claim_transition", args=[claim.pk, transition]),
        {"note": "Checked again."},
    )

    claim.refresh_from_db()
    after = {**after_by, "superuser": after_by["reviewer"], "no-role": before}[role]
    assert (response.status_code, claim.status) == (403 if role == "no-role" else 302, after)


@pytest.mark.parametrize(
    ("action", "role", "status"),
    [
        ("confirm_quotes", "editor", "confirmed"),
        ("reject_quotes", "editor", "rejected"),
        ("confirm_quotes", "no-role", "draft"),
        ("reject_quotes", "no-role", "draft"),
    ],
)
def test_quote_bulk_actions_need_the_change_permission(client, db, action, role, status):
    quote = factories.QuoteFactory(status=Quote.Status.DRAFT)
    factories.AppearanceFactory(quote=quote)
    client = admin_client(client, role)

    client.post(
        reverse("admin:quotes_quote_changelist"),
        {"action": action, "_selected_action": [quote.pk]},
    )

    quote.refresh_from_db()
    assert quote.status == status


@pytest.mark.parametrize("role", ["editor", "reviewer", "superuser"])
def test_a_sources_earlier_texts_are_shown_in_the_admin_and_never_edited(client, db, role):
    source = factories.SourceFactory()
    source_update(source=source, text="Exports fell.", text_change_note="The wrong article.")
    client = admin_client(client, role)

    response = client.get(reverse("admin:sources_source_change", args=[source.pk]))

    earlier_texts = [
        (
            inline.has_add_permission,
            inline.has_change_permission,
            inline.formset.can_delete,
            [row.original.number for row in inline],
        )
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is SourceVersion
    ]
    assert earlier_texts == [(False, False, False, [1])]


# Every model with history has a page per past version whose form reverts the object to it.
HISTORY_MODELS = sorted(
    model._meta.label_lower
    for model, model_admin in admin.site._registry.items()
    if hasattr(model_admin, "history_form_view")
)


# The field of each that a revert changes back (the version reverted to had the old value).
REVERTED_FIELD = {
    "speakers.speaker": "description",
    "sources.publisher": "name",
    "sources.source": "title",
    "topics.topic": "name",
    "quotes.quote": "occasion",
    "quotes.appearance": "exact",
    "claims.claim": "analysis",
    "claims.citation": "note",
    "claims.rating": "description",
    "claims.correction": "note",
    "claims.claimrevision": "decision_note",
}
# Words of the factories' source text, so that an appearance's passage is still found.
CHANGED_SINCE = "Critics called the figure"
# The fixture's claim is published: an editor's revert of it is proposed as a revision for a
# reviewer, and of its citation refused (a reviewer changes a published claim's citations).
EDITOR_REVERTS = {"claims.claim": "proposed", "claims.citation": "refused"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", HISTORY_MODELS)
def test_reverting_to_a_past_version_needs_the_change_permission(
    client, one_of_everything, label, role
):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    obj = model._default_manager.order_by("pk").last()
    field = REVERTED_FIELD[label]
    before = getattr(obj, field)
    with arranged():  # a version to revert to, then a change since
        obj.save()
        version = obj.history.latest()
        setattr(obj, field, CHANGED_SINCE)
        obj.save()
    opts = model._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_{VERSION_VIEW}",
        args=[obj.pk, version.history_id],
    )
    reader = admin_client(Client(), "superuser")
    data = form_data(reader.get(url))
    client = admin_client(client, role)

    response = client.post(url, data)

    obj.refresh_from_db()
    proposed = list(ClaimRevision.objects.filter(status="pending").values_list("status", flat=True))
    may_read = expected_admin_status(label, "change", role) == 200
    may_change = may_read and expected_admin_status(label, "delete", role) == 200
    outcome = EDITOR_REVERTS.get(label) if role == "editor" else None
    if role == "anonymous":
        expected = (302, CHANGED_SINCE, [])  # to the sign-in page
    elif not may_change:
        expected = (403, CHANGED_SINCE, [])
    elif outcome == "proposed":
        expected = (302, CHANGED_SINCE, ["pending"])
    elif outcome == "refused":
        expected = (302, CHANGED_SINCE, [])  # back to the page, with the refusal
    else:
        expected = (302, before, [])
    assert (response.status_code, getattr(obj, field), proposed) == expected


@pytest.mark.parametrize("field", ["label", "description"])
def test_an_editor_cannot_rewrite_the_verdict_scale_through_its_history(client, db, field):
    verdict = factories.rating("false")
    with arranged():  # a version to revert to: the scale's rows come from a migration
        verdict.save()
    url = reverse(
        "admin:claims_rating_simple_history", args=[verdict.pk, verdict.history.latest().pk]
    )
    data = form_data(admin_client(Client(), "superuser").get(url))
    client = admin_client(client, "editor")
    page = client.get(url)

    response = client.post(url, {**data, field: "True"})

    verdict.refresh_from_db()
    assert (page.status_code, response.status_code, verdict.label, verdict.slug) == (
        200,
        403,
        "False",
        "false",
    )
