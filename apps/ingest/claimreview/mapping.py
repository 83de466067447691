"""Reading one ClaimReview into plain records, and mapping its verdict onto our scale.

Pure functions, no database: `read_review()` either returns a `Review` or raises
`SkipItem` with the reason the item cannot be imported.

Verdicts: the reviewer's name for it (`alternateName`) decides first, matched to our
labels and to the usual names of other scales ("Pants on Fire" is False, "Misleading" is
Mostly false, "Unverified" is Unproven). Only when the name is unknown do the numbers
decide: `ratingValue` is placed on our 1–5 scale in proportion to where it stands between
`worstRating` (1 unless given) and `bestRating` (5 unless given). The original name and
numbers are kept either way, and a name that disagrees with the numbers is reported.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from django.utils.text import slugify

from apps.core.text import without_control_characters
from apps.ingest.claimreview.values import (
    ANALYSIS_MAX,
    APPEARANCE_LEFT_OUT,
    SEVERAL,
    STATEMENT_MAX,
    SUMMARY_MAX,
    SkipItem,
    Values,
    valid_url,
)
from apps.speakers.models import WIKIDATA_ID_PATTERN

# Other scales' names for our verdicts (compared case-insensitively, punctuation ignored).
SYNONYMS = {
    "true": ["true", "correct", "accurate", "verified", "fact", "geppetto checkmark"],
    "mostly-true": [
        "mostly true",
        "mostly correct",
        "mostly accurate",
        "largely true",
        "largely accurate",
        "one pinocchio",
    ],
    "half-true": [
        "half true",
        "half-true",
        "mixture",
        "mixed",
        "partly true",
        "partly false",
        "partially true",
        "partially false",
        "half truth",
        "two pinocchios",
    ],
    "mostly-false": [
        "mostly false",
        "misleading",
        "largely false",
        "mostly inaccurate",
        "exaggerated",
        "distorts the facts",
        "three pinocchios",
    ],
    "false": [
        "false",
        "pants on fire",
        "incorrect",
        "inaccurate",
        "wrong",
        "fake",
        "hoax",
        "fabricated",
        "four pinocchios",
        "baseless",
    ],
    "unproven": [
        "unproven",
        "unverified",
        "unsupported",
        "unsubstantiated",
        "no evidence",
        "not proven",
        "lacks evidence",
        "insufficient evidence",
        "unclear",
        "research in progress",
        "needs context",
    ],
}
_WIKIDATA = re.compile(r"wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)\b")
_WIKIPEDIA = re.compile(r"^https?://[a-z\-]+\.wikipedia\.org/wiki/([^?#/]+)")
_SOURCE_KINDS = {
    "VideoObject": "video",
    "Clip": "video",
    "SocialMediaPosting": "social_post",
    "BlogPosting": "article",
    "NewsArticle": "article",
    "Article": "article",
    "Report": "official_record",
    "GovernmentService": "official_record",
    "Legislation": "official_record",
}


@dataclass(frozen=True)
class Claimant:
    name: str
    kind: str  # person or organisation
    wikidata_id: str = ""
    description: str = ""
    wikipedia_name: str = ""  # the title of the Wikipedia article `sameAs` links to


@dataclass(frozen=True)
class Appearance:
    url: str
    title: str
    kind: str = "article"
    published_on: datetime.date | None = None
    authors: str = ""
    publisher: str = ""
    publisher_url: str = ""


@dataclass
class Review:
    review_url: str
    statement: str
    summary: str = ""
    analysis: str = ""
    rating_label: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    reviewer_name: str = ""
    reviewer_url: str = ""
    review_date: datetime.date | None = None
    language: str = ""
    claimant: Claimant | None = None
    appearances: list[Appearance] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, what), for the report

    @property
    def slug(self) -> str:
        """Stable for the review: the claim's words, and a hash of the review URL."""
        base = slugify(self.statement)[:70].strip("-") or "claim"
        return f"{base}-{hashlib.sha1(self.review_url.encode()).hexdigest()[:8]}"


def read_review(data: dict) -> Review:
    """The review an item describes. Raises SkipItem when the item cannot be imported as
    it is; a value that can be left out or shortened is, with a note in `Review.notes`."""
    values = Values()
    url = values.text(data.get("url"), "url", required=True)
    if not url:
        raise SkipItem("no `url`: a review is recognised by its URL")
    if len(url) > 2000 or not valid_url(url):
        raise SkipItem(f"`url` is not a web address: {url[:100]!r}")
    statement = values.text(
        data.get("claimReviewed"), "claimReviewed", required=True, limit=STATEMENT_MAX
    )
    if not statement:
        raise SkipItem("no `claimReviewed`: the claim's words are missing")
    item = data.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    review = Review(review_url=url, statement=statement)
    review.summary = values.text(data.get("description"), "description", limit=SUMMARY_MAX)
    review.analysis = values.text(
        data.get("reviewBody"), "reviewBody", required=True, limit=ANALYSIS_MAX
    )
    review.review_date = values.date(data.get("datePublished"), "datePublished")
    review.language = values.language(data.get("inLanguage"), "inLanguage")
    reviewer = _first(data.get("author"))
    if isinstance(reviewer, dict):
        review.reviewer_name = values.text(reviewer.get("name"), "author.name", limit=300)
        review.reviewer_url = values.url(reviewer.get("url"), "author.url")
    _read_rating(review, data.get("reviewRating"), values)
    review.appearances = _appearances(item, values)
    review.claimant = _claimant(item, values)
    if review.claimant and _is_first_publisher(review.claimant, review.appearances):
        # The publication's own claim: Factbase's markup names the publisher of the first
        # source as the author of a claim that has no claimant, so it is not one.
        review.claimant = None
    review.notes = values.notes
    return review


def _is_first_publisher(claimant: "Claimant", appearances: list["Appearance"]) -> bool:
    return (
        claimant.kind == "organisation"
        and bool(appearances)
        and claimant.name.casefold() == appearances[0].publisher.casefold()
    )


def _read_rating(review: Review, rating, values: Values) -> None:
    if isinstance(rating, list) and len(rating) > 1:
        values.note(SEVERAL, f"`reviewRating` holds {len(rating)} ratings; the first is kept")
    rating = _first(rating)
    if not isinstance(rating, dict):
        return
    review.rating_label = values.text(
        rating.get("alternateName") or rating.get("name"), "reviewRating.alternateName", limit=300
    )
    review.rating_value = values.number(rating.get("ratingValue"), "reviewRating.ratingValue")
    review.best_rating = values.number(rating.get("bestRating"), "reviewRating.bestRating")
    review.worst_rating = values.number(rating.get("worstRating"), "reviewRating.worstRating")


def _claimant(item: dict, values: Values) -> Claimant | None:
    author = _first(item.get("author"))
    if isinstance(author, str):
        author = {"@type": "Person", "name": author}
    if not isinstance(author, dict):
        return None
    name = values.text(author.get("name"), "itemReviewed.author.name", required=True)
    if not name:
        return None
    if len(name) > 200:
        raise SkipItem("the claimant's name is longer than 200 characters")
    kind = "organisation" if "Organization" in str(author.get("@type", "")) else "person"
    same_as = author.get("sameAs") or []
    same_as = same_as if isinstance(same_as, list) else [same_as]
    wikidata = next((m.group(1) for s in same_as if (m := _WIKIDATA.search(str(s)))), "")
    description = values.text(
        author.get("jobTitle") or author.get("description"),
        "itemReviewed.author.jobTitle",
        limit=300,
    )
    if wikidata and not re.fullmatch(WIKIDATA_ID_PATTERN, wikidata):
        wikidata = ""
    wikipedia = next((m.group(1) for s in same_as if (m := _WIKIPEDIA.search(str(s)))), "")
    wikipedia = without_control_characters(unquote(wikipedia).replace("_", " ").strip()[:200])
    return Claimant(name, kind, wikidata, description, wikipedia)


def _appearances(item: dict, values: Values) -> list[Appearance]:
    """Where the claim was made: `appearance`/`firstAppearance` of a Claim, or, in older
    markup, the reviewed CreativeWork itself (or the work it is part of)."""
    works = []
    for key in ("appearance", "firstAppearance"):
        value = item.get(key)
        works.extend(value if isinstance(value, list) else [value] if value else [])
    types = item.get("@type", "Claim")
    types = types if isinstance(types, list) else [types]
    if not works and "Claim" not in types and item:
        part = item.get("isPartOf")
        if isinstance(part, dict):  # a clip of a video: the video is where it appears
            works.append({"datePublished": item.get("datePublished"), **part})
        else:  # the reviewed work itself; its author is the claimant, not a byline
            works.append({**item, "author": None})
    found: dict[str, Appearance] = {}
    for work in works:
        appearance = _appearance(work, values)
        if appearance is not None:
            found.setdefault(appearance.url or appearance.title, appearance)
    return list(found.values())


def _appearance(work, values: Values) -> Appearance | None:
    if isinstance(work, str):
        work = {"url": work}
    if not isinstance(work, dict):
        return None
    url = values.text(work.get("url"), "appearance.url")
    if url and (len(url) > 2000 or not valid_url(url)):
        values.note(APPEARANCE_LEFT_OUT, "an appearance's url is not a web address; left out")
        return None
    title = values.text(work.get("headline") or work.get("name"), "appearance.headline", limit=500)
    title = title or values.shortened(url, "appearance.headline", 500)
    if not title:
        return None
    publisher = _first(work.get("publisher"))
    publisher_name = publisher_url = ""
    if isinstance(publisher, dict):
        publisher_name = values.text(publisher.get("name"), "appearance.publisher.name", limit=200)
        publisher_url = values.url(publisher.get("url"), "appearance.publisher.url")
    authors = work.get("author") or []
    authors = authors if isinstance(authors, list) else [authors]
    names = [
        values.text(a.get("name") if isinstance(a, dict) else a, "appearance.author.name")
        for a in authors
    ]
    kinds = work.get("@type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    kind = next((_SOURCE_KINDS[k] for k in kinds if k in _SOURCE_KINDS), "article")
    return Appearance(
        url=url,
        title=title,
        kind=kind,
        published_on=values.date(work.get("datePublished"), "appearance.datePublished"),
        authors=values.shortened(", ".join(n for n in names if n), "appearance.author", 500),
        publisher=publisher_name,
        publisher_url=publisher_url,
    )


# --- verdicts ------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingChoice:
    slug: str | None
    method: str  # label, number or none
    note: str = ""


def normalised_label(label: str) -> str:
    return re.sub(r"[^\w]+", " ", label.casefold()).strip()


def map_rating(
    review: Review, labels: dict[str, str], scores: dict[int, str], names: dict[str, str]
) -> RatingChoice:
    """Our rating (slug) for the review's verdict.

    `labels` maps normalised labels (ours and their synonyms) to slugs, `scores` maps our
    scores 1..5 to slugs, and `names` our slugs to our labels (for the notes).
    """
    by_number = _by_number(review, scores)
    label = normalised_label(review.rating_label)
    if label and label in labels:
        slug = labels[label]
        note = ""
        if by_number and by_number != slug:
            note = (
                f"verdict “{review.rating_label}” taken from alternateName; its number "
                f"{_format(review.rating_value)} on a {_format(_worst(review))}–"
                f"{_format(_best(review))} scale would have given "
                f"“{names.get(by_number, by_number)}”"
            )
        return RatingChoice(slug, "label", note)
    if by_number:
        note = f"verdict “{review.rating_label}” unknown; mapped by its number" if label else ""
        return RatingChoice(by_number, "number", note)
    if review.rating_label or review.rating_value is not None:
        return RatingChoice(
            None,
            "none",
            f"verdict “{review.rating_label or review.rating_value}” not mapped; "
            "imported without one",
        )
    return RatingChoice(None, "none", "no verdict given; imported without one")


def synonym_labels(ratings: list[tuple[str, str]]) -> dict[str, str]:
    """{normalised label: slug} from our ratings (label, slug) and the synonyms of each."""
    labels = {}
    for slug, names in SYNONYMS.items():
        for name in names:
            labels[normalised_label(name)] = slug
    for label, slug in ratings:  # our own labels win over any synonym
        labels[normalised_label(label)] = slug
        labels[normalised_label(slug)] = slug
    return labels


def _by_number(review: Review, scores: dict[int, str]) -> str | None:
    value = review.rating_value
    if value is None:
        return None
    best, worst = _best(review), _worst(review)
    if best <= worst or not worst <= value <= best:
        return None
    score = 1 + round(4 * (value - worst) / (best - worst))
    return scores.get(score)


def _best(review: Review) -> float:
    return review.best_rating if review.best_rating is not None else 5.0


def _worst(review: Review) -> float:
    return review.worst_rating if review.worst_rating is not None else 1.0


# --- small readers -------------------------------------------------------------------


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _format(number: float | None) -> str:
    return f"{number:g}" if number is not None else "?"
