"""Writing a batch of ClaimReview reviews: claims in review with their origins, the sources
they cite (draft, matched by URL, then title) and those sources' publishers, through the
apps' services (bulk inserts with their history rows, apps/core/writes.py `bulk_insert`).

A new source's text is not in the markup, so it holds a note saying so until an editor
archives the real text, which re-anchors the citations.
"""

from django.db.models import Model
from django.db.models.functions import Lower

from apps.claims.models import Citation, Claim, Rating
from apps.claims.services import claims_import
from apps.core.slugs import unique_slug, unique_slugs
from apps.core.writes import service
from apps.ingest.claimreview.cache import BoundedCache
from apps.ingest.claimreview.claimants import ClaimantSpeakers, claimant_key
from apps.ingest.claimreview.mapping import Appearance, Review, map_rating, synonym_labels
from apps.ingest.claimreview.reader import Item
from apps.ingest.claimreview.report import FileReport
from apps.ingest.models import ClaimReviewOrigin
from apps.sources.models import Publisher, Source
from apps.sources.services import publishers_create_many, sources_create_drafts

PLACEHOLDER_TEXT = (
    "Not archived yet. Factbase knows this source only from imported ClaimReview markup, "
    "which names it as where a claim was made. Replace this note with the source's text "
    "to anchor the claims that cite it."
)
CHANGE_REASON = "Imported from ClaimReview"


class BatchWriter:
    """Writes batches of reviews, each in one transaction, as `actor`. The speakers and
    publishers it looks up are cached across batches: `forget` them when a write is
    rolled back."""

    def __init__(self, *, actor: Model | None):
        self.actor = actor
        self.claimants = ClaimantSpeakers(actor=actor, reason=CHANGE_REASON)
        self._publishers = BoundedCache()

    def forget(self) -> None:
        """Forget the ids looked up: a refused write rolled back the rows they name."""
        self.claimants.forget()
        self._publishers.clear()

    def read_scale(self) -> None:
        """Read our rating scale, which the reviewers' verdicts are mapped onto."""
        ratings = list(Rating.objects.values_list("label", "slug", "score", "pk"))
        self._labels = synonym_labels([(label, slug) for label, slug, _score, _pk in ratings])
        self._scores = {score: slug for _label, slug, score, _pk in ratings if score}
        self._rating_ids = {slug: pk for _label, slug, _score, pk in ratings}
        self._names = {slug: label for label, slug, _score, _pk in ratings}

    @service  # one transaction; the apps' own services write their rows in it
    def write(self, pairs: list[tuple[Item, Review]], report: FileReport) -> None:
        reviews = [review for _item, review in pairs]
        notes: list[tuple[str, str]] = []
        speaker_ids = self.claimants.ids([r.claimant for r in reviews if r.claimant], notes)
        sources = self._sources(reviews)
        claims, origins = [], []
        slugs = self._claim_slugs(reviews)
        for (item, review), slug in zip(pairs, slugs, strict=True):
            choice = map_rating(review, self._labels, self._scores, self._names)
            if choice.note:
                notes.append((_note_kind(choice), f"item {item.number}: {choice.note}"))
            notes.extend((kind, f"item {item.number}: {text}") for kind, text in review.notes)
            claim = Claim(
                statement=review.statement,
                slug=slug,
                claimant_id=speaker_ids.get(claimant_key(review.claimant))
                if review.claimant
                else None,
                rating_id=self._rating_ids.get(choice.slug) if choice.slug else None,
                summary=review.summary,
                analysis=review.analysis,
                status=Claim.Status.IN_REVIEW,
            )
            claims.append(claim)
            origins.append((claim, review, choice.method))
        citations = [
            Citation(
                claim=claim,
                source=sources[_source_key(appearance)],
                relation=Citation.Relation.STATES,
                exact=claim.statement,
            )
            for claim, review, _method in origins
            for appearance in review.appearances
        ]
        claims_import(claims=claims, citations=citations, actor=self.actor, reason=CHANGE_REASON)
        ClaimReviewOrigin.objects.bulk_create(
            [
                ClaimReviewOrigin(
                    claim=claim,
                    review_url=review.review_url,
                    reviewer_name=review.reviewer_name,
                    reviewer_url=review.reviewer_url,
                    review_date=review.review_date,
                    language=review.language,
                    rating_label=review.rating_label,
                    rating_value=review.rating_value,
                    best_rating=review.best_rating,
                    worst_rating=review.worst_rating,
                    rating_method=method,
                )
                for claim, review, method in origins
            ]
        )
        # Nothing for the response cache: claims in review, draft sources and speakers,
        # which readers do not see (apps/ops/staleness.py).
        report.imported += len(claims)
        for kind, example in notes:
            report.note(kind, example)

    def _claim_slugs(self, reviews: list[Review]) -> list[str]:
        wanted = [review.slug for review in reviews]
        taken = set(Claim.objects.filter(slug__in=wanted).values_list("slug", flat=True))
        slugs = []
        for slug in wanted:
            if slug in taken:
                slug = unique_slug(Claim, slug, max_length=220)
            taken.add(slug)
            slugs.append(slug)
        return slugs

    # --- sources ---------------------------------------------------------------------

    def _sources(self, reviews: list[Review]) -> dict[tuple, Source]:
        wanted: dict[tuple, Appearance] = {}
        for review in reviews:
            for appearance in review.appearances:
                wanted.setdefault(_source_key(appearance), appearance)
        if not wanted:
            return {}
        urls = [a.url for a in wanted.values() if a.url]
        titles = [a.title for a in wanted.values() if not a.url]
        found: dict[tuple, Source] = {}
        for source in Source.objects.filter(url__in=urls).only("pk", "url", "text"):
            found[("url", source.url)] = source
        for source in Source.objects.filter(url="", title__in=titles).only("pk", "title", "text"):
            found.setdefault(("title", source.title), source)
        publisher_ids = self._publisher_ids(
            [a for key, a in wanted.items() if key not in found and a.publisher]
        )
        new = []
        for key, appearance in wanted.items():
            if key in found:
                continue
            source = Source(
                title=appearance.title,
                url=appearance.url,
                kind=appearance.kind,
                published_on=appearance.published_on,
                authors=appearance.authors,
                publisher_id=publisher_ids.get(appearance.publisher.casefold()),
                language=next((r.language for r in reviews if r.language), "") or "en",
                text=PLACEHOLDER_TEXT,
                status=Source.Status.DRAFT,
            )
            found[key] = source
            new.append(source)
        for source, slug in zip(new, unique_slugs(Source, [s.title for s in new]), strict=True):
            source.slug = slug
        sources_create_drafts(sources=new, actor=self.actor, reason=CHANGE_REASON)
        return found

    def _publisher_ids(self, appearances: list[Appearance]) -> dict[str, int]:
        found: dict[str, int] = {}
        missing: dict[str, Appearance] = {}
        for appearance in appearances:
            key = appearance.publisher.casefold()
            cached = self._publishers.get(key)
            if cached is not None:
                found[key] = cached
            else:
                missing.setdefault(key, appearance)
        if missing:
            rows = Publisher.objects.annotate(folded=Lower("name")).filter(folded__in=list(missing))
            found.update(dict(rows.values_list("folded", "pk")))
            new = [
                Publisher(name=a.publisher, home_page=a.publisher_url)
                for key, a in missing.items()
                if key not in found
            ]
            for publisher, slug in zip(
                new, unique_slugs(Publisher, [p.name for p in new]), strict=True
            ):
                publisher.slug = slug
            publishers_create_many(publishers=new, actor=self.actor, reason=CHANGE_REASON)
            found.update({p.name.casefold(): p.pk for p in new})
        for key, pk in found.items():
            self._publishers.put(key, pk)
        return found


def _source_key(appearance: Appearance) -> tuple:
    return ("url", appearance.url) if appearance.url else ("title", appearance.title)


def _note_kind(choice) -> str:
    if choice.method == "label":
        return "verdict name and number disagree (the name wins)"
    if choice.method == "number":
        return "verdict mapped by its number"
    return "imported without a verdict"
