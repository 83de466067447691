"""schema.org ClaimReview for a published claim: the exchange format of fact-checkers.

Built in this one function for the claim page, the API's ClaimReview feed and the
ClaimReview export alike, to Google's fact-check structured-data guidelines:
`claimReviewed`, `reviewRating`, `author`, `datePublished`, `url` and `itemReviewed` (a
`Claim` with its `author` and the sources where it appears). The page embeds it with
apps.web.jsonld.render.

Decisions:

- A verdict on the 1–5 scale gives `ratingValue` (its score), `bestRating` 5, `worstRating`
  1 and `alternateName` and `name` (its label: Google reads `alternateName`, schema.org
  consumers the `name` every Thing has). A verdict off the scale, such as "Unproven", gives
  `alternateName` only: a number would place it on the true–false scale, which it is not
  on. Google accepts a rating given by `alternateName` alone.
- A claim without a verdict is not a review, so it has no ClaimReview (None).
- `itemReviewed` is a `Claim` mapped as Google's Fact Check Tools read it: `author` (the
  claimant), `datePublished` (the claim date), `appearance` and `firstAppearance`. It has
  no `name`: Google reads `itemReviewed.name` as the *place* where the claim was made
  (`claimLocation`), which Factbase does not record; the statement is `claimReviewed`.
- The claim's `author` is its claimant; a claim with no (public) claimant is attributed to
  the publisher of the first source that states it, when that is known, and otherwise has
  no author rather than an invented one.
- `appearance` lists every public source whose citation *states* the claim (sources that
  only support, contradict or give context are evidence, not appearances);
  `firstAppearance` is the earliest of them by publication date.
"""

import datetime

from django.conf import settings

from apps.claims import selectors
from apps.claims.models import Citation, Claim, Rating
from apps.core.paths import path_with
from apps.sources.models import Source
from apps.speakers.models import Speaker

SCHEMA_CONTEXT = "https://schema.org"
# schema.org has no term for the next page of a feed; Hydra's `next` and `previous` are
# the JSON-LD vocabulary's own (https://www.w3.org/ns/hydra/core), given as links (@id).
HYDRA = "http://www.w3.org/ns/hydra/core#"
PAGING_CONTEXT = {
    "next": {"@id": f"{HYDRA}next", "@type": "@id"},
    "previous": {"@id": f"{HYDRA}previous", "@type": "@id"},
}


def claim_review(claim: Claim, request) -> dict | None:
    """The ClaimReview of a published `claim`, with absolute URLs for `request`'s host.

    Pass a claim loaded by `selectors.claim_detail_queryset()`, which holds only its public
    claimant and citations in public sources; any other claim is loaded again that way
    (6 queries), so that nothing private reaches the markup.
    """
    if "citations" not in getattr(claim, "_prefetched_objects_cache", {}):
        claim = selectors.claim_detail_queryset().get(pk=claim.pk)
    if claim.rating is None or claim.status != Claim.Status.PUBLISHED:
        return None  # a retracted claim's verdict no longer stands
    stated_in = _stating_sources(claim)
    review = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        # claim.get_absolute_url(), its route's path made once (apps/core/paths.py).
        "url": request.build_absolute_uri(path_with("web:claim-detail", "slug", claim.slug)),
        "claimReviewed": claim.statement,
        "datePublished": claim.published_at.date().isoformat(),
        "dateModified": claim.updated_at.isoformat(timespec="seconds"),
        "author": {
            "@type": "Organization",
            "name": settings.FACTBASE_ORGANISATION_NAME,
            "url": settings.FACTBASE_ORGANISATION_URL,
        },
        "reviewRating": _rating(claim.rating),
        "itemReviewed": _claim(claim, stated_in, request),
    }
    if claim.summary:
        review["description"] = claim.summary
    return review


def data_feed(elements: list[dict], *, date_modified: datetime.datetime, **links) -> dict:
    """A schema.org DataFeed of `elements` (see data_feed_item): the whole export, or one
    page of the API's feed, whose `links` (`next`, `previous`: absolute URLs) are Hydra's
    paging terms, declared in the feed's context so that a JSON-LD processor reads them."""
    feed: dict = {
        "@context": [SCHEMA_CONTEXT, PAGING_CONTEXT] if links else SCHEMA_CONTEXT,
        "@type": "DataFeed",
        "dateModified": date_modified.isoformat(timespec="seconds"),
    }
    feed.update({name: url for name, url in links.items() if url})
    feed["dataFeedElement"] = elements
    return feed


def data_feed_item(review: dict) -> dict:
    """One ClaimReview as an element of a DataFeed, as Google's feed format holds it: the
    review without its own `@context` (the feed's applies), in a one-item list."""
    return {
        "@type": "DataFeedItem",
        "dateCreated": review["datePublished"],
        "dateModified": review["dateModified"],
        "item": [{key: value for key, value in review.items() if key != "@context"}],
    }


def _rating(rating: Rating) -> dict:
    data = {"@type": "Rating", "alternateName": rating.label, "name": rating.label}
    if rating.score is not None:
        data.update(
            ratingValue=rating.score,
            bestRating=Rating.BEST_SCORE,
            worstRating=Rating.WORST_SCORE,
        )
    return data


def _stating_sources(claim: Claim) -> list[Source]:
    """The distinct public sources that state the claim, earliest published first."""
    sources: dict[int, Source] = {}
    for citation in claim.citations.all():
        if citation.relation == Citation.Relation.STATES:
            sources.setdefault(citation.source_id, citation.source)
    return sorted(
        sources.values(),
        key=lambda s: (s.published_on is None, s.published_on or 0, s.pk),
    )


def _claim(claim: Claim, stated_in: list[Source], request) -> dict:
    data: dict = {"@type": "Claim"}
    author = _claim_author(claim, stated_in)
    if author:
        data["author"] = author
    if stated_in:
        appearances = [_creative_work(source, request) for source in stated_in]
        data["appearance"] = appearances
        data["firstAppearance"] = appearances[0]
        if stated_in[0].published_on:
            data["datePublished"] = stated_in[0].published_on.isoformat()
    return data


def _claim_author(claim: Claim, stated_in: list[Source]) -> dict | None:
    if claim.claimant is not None:
        speaker = claim.claimant
        kind = "Organization" if speaker.kind == Speaker.Kind.ORGANISATION else "Person"
        author = {"@type": kind, "name": speaker.name}
        if speaker.wikidata_url:
            author["sameAs"] = speaker.wikidata_url
        if speaker.description:
            author["jobTitle" if kind == "Person" else "description"] = speaker.description
        return author
    publisher = stated_in[0].publisher if stated_in else None
    if publisher is not None:
        return _organisation(publisher)
    return None


def _creative_work(source: Source, request) -> dict:
    work = {
        "@type": "CreativeWork",
        "url": source.url or request.build_absolute_uri(source.get_absolute_url()),
        "headline": source.title,
    }
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.authors:
        work["author"] = [
            {"@type": "Person", "name": name.strip()}
            for name in source.authors.split(",")
            if name.strip()
        ]
    if source.publisher is not None:
        work["publisher"] = _organisation(source.publisher)
    return work


def _organisation(publisher) -> dict:
    data = {"@type": "Organization", "name": publisher.name}
    if publisher.home_page:
        data["url"] = publisher.home_page
    return data
