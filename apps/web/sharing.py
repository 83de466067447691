"""Sharing and embedding a fact-check, and the page that explains the verdicts.

- `/claims/<slug>/card.png`: the claim's share card (apps/web/share_card.py), the page's
  og:image.
- `/claims/<slug>/embed/`: the verdict widget other sites frame. The one page that may be
  framed, by any site (`frameable_anywhere`); every other page says
  `X-Frame-Options: DENY` and `frame-ancestors 'none'`.
- `/method/`: each verdict of the scale, from the Rating rows, with its ClaimReview number
  and the class it is exchanged as.

A retracted claim keeps its card and widget, which say "Retracted", not the verdict that
no longer stands; a draft has neither (404). A former slug redirects (301), as pages do,
so a card or widget already shared keeps working after a rename.
"""

from functools import wraps

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from apps.claims.models import Claim, Rating
from apps.speakers.models import Speaker
from apps.web import share_card, slugs

# Any site may frame the widget; the rest of the policy is the site's own.
EMBED_CSP_REPLACE = {"frame-ancestors": ["*"]}


def card_queryset():
    """Claims with a page (public or retracted), with their rating and public claimant:
    2 queries for one claim."""
    return (
        Claim.objects.on_record()
        .select_related("rating")
        .prefetch_related(Prefetch("claimant", queryset=Speaker.objects.public()))
    )


def _claim_or_redirect(slug: str, url_name: str):
    """The claim `slug` names, or a 301 to the same kind of address under its current slug."""
    queryset = card_queryset()
    claim = queryset.filter(slug=slug).first()
    if claim is not None:
        return claim, None
    current = slugs.current_slug_target(queryset, slug)
    if current is None:
        raise Http404("No such fact-check.")
    return None, redirect(reverse(url_name, args=[current.slug]), permanent=True)


@require_safe
def claim_card(request, slug):
    """The claim's share card as PNG, with its digest as ETag (304 when unchanged)."""
    claim, moved = _claim_or_redirect(slug, "web:claim-card")
    if moved:
        return moved
    card = share_card.CardText.of(claim)
    etag = f'"{card.digest}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(share_card.share_card_png(card), content_type="image/png")
    response["ETag"] = etag
    # Networks fetch the card when a link is first shared and keep their copy; an hour here
    # bounds how long a changed verdict's old card is served from caches between.
    patch_cache_control(response, public=True, max_age=3600)
    return response


def frameable_anywhere(view):
    """Let any site frame `view`'s pages: no X-Frame-Options, and `frame-ancestors *`.

    The policy is written into the response here, with django-csp's own builder, rather
    than left to `csp.decorators.csp_replace`: that decorator marks the response object for
    the CSP middleware, and the response cache (apps/ops/response_cache.py, inside the CSP
    middleware) stores headers, not marks, so a cached widget would be served with the
    site's `frame-ancestors 'none'`. A header already set is left alone by the middleware,
    and is stored and replayed with the response.
    """

    @xframe_options_exempt
    @wraps(view)
    def framed(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # On every answer the view gives, a 304 too: a browser revalidating the widget
        # takes the 304's headers for its stored copy. (A 404 is raised, so the error page
        # keeps the site's policy.)
        response[CSP_HEADER] = build_policy(replace=EMBED_CSP_REPLACE)
        return response

    return framed


@frameable_anywhere
@require_safe
def claim_embed(request, slug):
    """The verdict widget: the badge, the statement and its claimant, linking to the page."""
    claim, moved = _claim_or_redirect(slug, "web:claim-embed")
    if moved:
        return moved
    return TemplateResponse(
        request,
        "web/claim_embed.html",
        {"claim": claim, "retracted": claim.status == Claim.Status.RETRACTED},
    ).render()


class MethodView(ListView):
    """How claims are checked, and what each verdict of the scale means: 1 query."""

    template_name = "web/method.html"
    context_object_name = "ratings"

    def get_queryset(self):
        # Ratings have no draft state: the whole scale is public, as the badges are.
        return Rating.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            best_score=Rating.BEST_SCORE, worst_score=Rating.WORST_SCORE, **kwargs
        )
