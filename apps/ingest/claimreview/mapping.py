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

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

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
_URL = URLValidator(schemes=["http", "https"])
_PLAIN_URL = re.compile(
    r"https?://(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::[0-9]{1,5})?"
    r"(?:[/?#][\x21-\x7e]*)?",
    re.IGNORECASE,
)
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


class SkipItem(Exception):
    pass


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
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        """Stable for the review: the claim's words, and a hash of the review URL."""
        base = slugify(self.statement)[:70].strip("-") or "claim"
        return f"{base}-{hashlib.sha1(self.review_url.encode()).hexdigest()[:8]}"


def read_review(data: dict) -> Review:
    url = _text(data.get("url"))
    if not url:
        raise SkipItem("no `url`: a review is recognised by its URL")
    if len(url) > 2000 or not _valid_url(url):
        raise SkipItem(f"`url` is not a web address: {url[:100]!r}")
    statement = _text(data.get("claimReviewed"))
    if not statement:
        raise SkipItem("no `claimReviewed`: the claim's words are missing")
    item = data.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    review = Review(review_url=url, statement=statement)
    description = _text(data.get("description"))
    review.summary = description if len(description) <= 500 else description[:499] + "…"
    review.analysis = _text(data.get("reviewBody"))
    review.review_date = _date(data.get("datePublished"))
    review.language = _language(data.get("inLanguage"))
    reviewer = _first(data.get("author"))
    if isinstance(reviewer, dict):
        review.reviewer_name = _text(reviewer.get("name"))[:300]
        reviewer_url = _text(reviewer.get("url"))
        review.reviewer_url = reviewer_url if _valid_url(reviewer_url) else ""
    _read_rating(review, data.get("reviewRating"))
    review.appearances = _appearances(item, review)
    review.claimant = _claimant(item)
    if review.claimant and _is_first_publisher(review.claimant, review.appearances):
        # The publication's own claim: Factbase's markup names the publisher of the first
        # source as the author of a claim that has no claimant, so it is not one.
        review.claimant = None
    return review


def _is_first_publisher(claimant: "Claimant", appearances: list["Appearance"]) -> bool:
    return (
        claimant.kind == "organisation"
        and bool(appearances)
        and claimant.name.casefold() == appearances[0].publisher.casefold()
    )


def _read_rating(review: Review, rating) -> None:
    rating = _first(rating)
    if not isinstance(rating, dict):
        return
    review.rating_label = _text(rating.get("alternateName") or rating.get("name"))[:300]
    review.rating_value = _number(rating.get("ratingValue"))
    review.best_rating = _number(rating.get("bestRating"))
    review.worst_rating = _number(rating.get("worstRating"))


def _claimant(item: dict) -> Claimant | None:
    author = _first(item.get("author"))
    if isinstance(author, str):
        author = {"@type": "Person", "name": author}
    if not isinstance(author, dict):
        return None
    name = _text(author.get("name"))
    if not name:
        return None
    if len(name) > 200:
        raise SkipItem("the claimant's name is longer than 200 characters")
    kind = "organisation" if "Organization" in str(author.get("@type", "")) else "person"
    same_as = author.get("sameAs") or []
    same_as = same_as if isinstance(same_as, list) else [same_as]
    wikidata = next((m.group(1) for s in same_as if (m := _WIKIDATA.search(str(s)))), "")
    description = _text(author.get("jobTitle") or author.get("description"))[:300]
    if wikidata and not re.fullmatch(WIKIDATA_ID_PATTERN, wikidata):
        wikidata = ""
    wikipedia = next((m.group(1) for s in same_as if (m := _WIKIPEDIA.search(str(s)))), "")
    wikipedia = unquote(wikipedia).replace("_", " ").strip()[:200]
    return Claimant(name, kind, wikidata, description, wikipedia)


def _appearances(item: dict, review: Review) -> list[Appearance]:
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
        appearance = _appearance(work, review)
        if appearance is not None:
            found.setdefault(appearance.url or appearance.title, appearance)
    return list(found.values())


def _appearance(work, review: Review) -> Appearance | None:
    if isinstance(work, str):
        work = {"url": work}
    if not isinstance(work, dict):
        return None
    url = _text(work.get("url"))
    if url and (len(url) > 2000 or not _valid_url(url)):
        review.notes.append("an appearance's url is not a web address; left out")
        return None
    title = _text(work.get("headline") or work.get("name")) or url
    if not title:
        return None
    if len(title) > 500:
        title = title[:499] + "…"
    publisher = _first(work.get("publisher"))
    publisher_name = publisher_url = ""
    if isinstance(publisher, dict):
        publisher_name = _text(publisher.get("name"))[:200]
        publisher_url = _text(publisher.get("url"))
        publisher_url = publisher_url if _valid_url(publisher_url) else ""
    authors = work.get("author") or []
    authors = authors if isinstance(authors, list) else [authors]
    names = [_text(a.get("name")) if isinstance(a, dict) else _text(a) for a in authors]
    kinds = work.get("@type", "")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    kind = next((_SOURCE_KINDS[k] for k in kinds if k in _SOURCE_KINDS), "article")
    return Appearance(
        url=url,
        title=title,
        kind=kind,
        published_on=_date(work.get("datePublished")),
        authors=", ".join(n for n in names if n)[:500],
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


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name", "")
    return re.sub(r"\s+", " ", str(value)).strip() if value is not None else ""


def _number(value) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(value) -> datetime.date | None:
    text = _text(value)
    try:
        return datetime.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def _language(value) -> str:
    text = _text(value)
    return text[:35] if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", text) else ""


def _valid_url(url: str) -> bool:
    """An http(s) address with a plausible host. Django's URLValidator says the same of the
    addresses fact-checkers publish, at a tenth of the cost (it is most of the time spent
    reading an item); anything unusual still goes through it."""
    if _PLAIN_URL.fullmatch(url):
        return True
    try:
        _URL(url)
    except ValidationError:
        return False
    return True


def _format(number: float | None) -> str:
    return f"{number:g}" if number is not None else "?"
