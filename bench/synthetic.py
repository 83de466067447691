"""The rows of a synthetic Factbase: speakers, sources with their texts, quotes anchored in
them, claims citing them. Pure Python, deterministic for a seed; bench/generate.py
writes the rows to the database.

What makes it realistic enough to benchmark against:
- words follow Zipf's law (bench/vocabulary.py), so common and rare words exist;
- speakers are drawn by a power law too: the hundred most quoted of 10,000 say about half
  of all quotes, as in quote corpora;
- every quote and cited passage is planted in its source's text and anchored there, with
  the offsets, prefix and suffix the anchoring service would store for it;
- statuses, verdicts, ratings and dates are spread the way a working newsroom's are.
"""

import datetime
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.text import slugify

from bench.synthetic_texts import CITATION, QUOTE, Plant, SourceTexts, timestamp
from bench.vocabulary import (
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    OCCASIONS,
    ORGANISATION_KINDS,
    ROLE_TITLES,
    TOPICS,
    Vocabulary,
    zipf_weights,
)

FIRST_DAY = datetime.date(2010, 1, 1)
LAST_DAY = datetime.date(2025, 6, 30)
# Speakers' share of quotes falls off as 1/rank^SPEAKER_SKEW.
SPEAKER_SKEW = 1.05
PUBLISHER_NAMES = ("Times", "Post", "Herald", "Tribune", "Gazette", "Observer", "Chronicle")


@dataclass(frozen=True)
class Sizes:
    quotes: int
    claims: int
    sources: int
    speakers: int

    @classmethod
    def scaled(cls, quotes: int, *, claims=None, sources=None, speakers=None) -> "Sizes":
        """The issue's proportions (per million quotes: 200,000 claims, 100,000 sources,
        10,000 speakers), unless told otherwise."""
        scale = quotes / 1_000_000
        return cls(
            quotes=quotes,
            claims=claims if claims is not None else max(1, round(200_000 * scale)),
            sources=sources if sources is not None else max(1, round(100_000 * scale)),
            speakers=speakers if speakers is not None else max(5, round(10_000 * scale)),
        )

    @property
    def publishers(self) -> int:
        return max(3, min(300, self.sources // 300))


class SyntheticData(SourceTexts):
    """Generates rows table by table; each `*_rows` method yields tuples in the column
    order of the matching entry of COLUMNS. Call them in the order of COLUMNS' keys: later
    tables depend on what earlier ones drew (which quotes each source must carry, …).
    The sources' texts, with the passages planted in them, are made by SourceTexts
    (bench/synthetic_texts.py)."""

    def __init__(self, sizes: Sizes, *, seed: int = 0, ratings: list[tuple[int, int | None]]):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(self.rng)
        self.ratings = ratings  # (id, score) of the scale in the database
        self.span = (LAST_DAY - FIRST_DAY).days
        # More sources every year, as archives grow: day offsets drawn with density ∝ t.
        self.source_days = sorted(
            FIRST_DAY + datetime.timedelta(days=int(self.span * math.sqrt(self.rng.random())))
            for _ in range(sizes.sources)
        )
        self.plants: list[list[Plant]] = [[] for _ in range(sizes.sources)]
        self.speaker_names: list[str] = []
        self.speaker_attributions: list[list[str]] = []
        # Speakers in order of how much they are quoted, most first (ids drawn at random,
        # so popularity does not follow the alphabet or the id).
        self.popular = list(range(1, sizes.speakers + 1))
        self.rng.shuffle(self.popular)
        self.speaker_cum = zipf_weights(sizes.speakers, SPEAKER_SKEW)
        self.topic_cum = zipf_weights(min(len(TOPICS), max(3, sizes.quotes // 20)), 0.8)
        self.quote_texts: list[str] = []
        self.quote_speakers: list[int | None] = []
        self.quote_attributions: list[str] = []
        self.quote_sources: list[int] = []
        self.corrections: list[tuple] = []

    # -- people, topics, publishers ------------------------------------------------------

    def topic_rows(self) -> Iterator[tuple]:
        for pk, name in enumerate(TOPICS[: len(self.topic_cum)], start=1):
            created = timestamp(FIRST_DAY, self.rng)
            description = f"Claims and quotes about {name.lower()}."
            yield (pk, created, created, name, slugify(name), description)

    def speaker_rows(self) -> Iterator[tuple]:
        rng = self.rng
        taken: set[str] = set()
        slugs: set[str] = set()
        self.speaker_roles: list[list[tuple]] = []
        for pk in range(1, self.sizes.speakers + 1):
            is_person = rng.random() < 0.9
            if is_person:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                name = f"{first} {last}"
                if name in taken:
                    name = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {last}"
                title, country = rng.choice(ROLE_TITLES), rng.choice(COUNTRIES)
                description = f"{title} of {country}"
                aliases = [last] if rng.random() < 0.7 else []
                if rng.random() < 0.3:
                    aliases.append(f"the {country} {title}")
                if rng.random() < 0.15:
                    aliases.append(f"{first[0]}. {last}")
                self.speaker_roles.append(self._roles(title, country))
            else:
                kind = rng.choice(ORGANISATION_KINDS)
                name = f"{kind} of {rng.choice(COUNTRIES)}"
                if name in taken:
                    name = f"{rng.choice(LAST_NAMES)} {kind}"
                description = kind
                initials = "".join(word[0] for word in name.split() if word[0].isupper())
                aliases = [initials] if rng.random() < 0.6 and len(initials) > 1 else []
                self.speaker_roles.append([])
            number = 2
            while name in taken:
                name = f"{name.rsplit(' #', 1)[0]} #{number}"
                number += 1
            taken.add(name)
            slug = slugify(name)
            while slug in slugs:
                slug = f"{slugify(name)}-{pk}"
            slugs.add(slug)
            self.speaker_names.append(name)
            self.speaker_attributions.append([name, *dict.fromkeys(aliases)])
            wikidata = f"Q{100_000 + pk * 7}" if rng.random() < 0.6 else ""
            status = "published" if rng.random() < 0.98 else "draft"
            created = timestamp(self._random_day(), rng)
            yield (
                pk,
                created,
                created,
                name,
                slug,
                "person" if is_person else "organisation",
                description,
                wikidata,
                status,
            )

    def _roles(self, title: str, country: str) -> list[tuple]:
        rng = self.rng
        roles = []
        start = datetime.date(rng.randint(1995, 2012), rng.randint(1, 12), 1)
        for number in range(rng.choice((0, 1, 1, 1, 2, 2))):
            last = number == 0  # the current role is drawn first, the earlier one after
            end = None
            if not last or rng.random() < 0.5:
                end = start + datetime.timedelta(days=rng.randint(365, 8 * 365))
            roles.append((title if last else rng.choice(ROLE_TITLES), country, start, end))
            start = start - datetime.timedelta(days=rng.randint(400, 3000))
        return roles

    def alias_rows(self) -> Iterator[tuple]:
        pk = 0
        for speaker_id, names in enumerate(self.speaker_attributions, start=1):
            for alias in names[1:]:
                pk += 1
                created = timestamp(self._random_day(), self.rng)
                yield (pk, created, created, alias, speaker_id)

    def role_rows(self) -> Iterator[tuple]:
        pk = 0
        for speaker_id, roles in enumerate(self.speaker_roles, start=1):
            for title, organisation, start, end in roles:
                pk += 1
                created = timestamp(self._random_day(), self.rng)
                yield (
                    pk,
                    created,
                    created,
                    title,
                    organisation,
                    start.isoformat(),
                    end and end.isoformat(),
                    speaker_id,
                )

    def publisher_rows(self) -> Iterator[tuple]:
        names = [f"The {country} {word}" for country in COUNTRIES for word in PUBLISHER_NAMES]
        self.rng.shuffle(names)
        self.publisher_slugs = []
        for pk, name in enumerate(names[: self.sizes.publishers], start=1):
            slug = slugify(name)
            self.publisher_slugs.append(slug)
            created = timestamp(FIRST_DAY, self.rng)
            yield (pk, created, created, name, slug, f"https://www.{slug}.example/")

    # -- quotes ----------------------------------------------------------------------------

    def quote_rows(self) -> Iterator[tuple]:
        rng, sizes = self.rng, self.sizes
        sources = sorted(rng.randrange(sizes.sources) for _ in range(sizes.quotes))
        speakers = rng.choices(self.popular, cum_weights=self.speaker_cum, k=sizes.quotes)
        verdicts = ["verified"] * 85 + ["paraphrased"] * 5 + ["altered"] * 3
        verdicts += ["out_of_context"] * 3 + ["misattributed"] * 2 + ["unsourced"] * 2
        for index in range(sizes.quotes):
            pk = index + 1
            source = sources[index]
            words = self.vocab.words(rng.randint(6, 30))
            words[0] = words[0].capitalize()
            text = " ".join(words)
            speaker_id: int | None = speakers[index]
            if rng.random() < 0.03:
                speaker_id = None
                attribution = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            else:
                attribution = rng.choice(self.speaker_attributions[speaker_id - 1])
            draw = rng.random()
            status = "confirmed" if draw < 0.88 else "draft" if draw < 0.98 else "rejected"
            verdict = rng.choice(verdicts) if status == "confirmed" else ""
            if status == "rejected":
                verdict = rng.choice(("misattributed", "unsourced", "paraphrased"))
            misattributed_to = None
            if verdict == "misattributed" and rng.random() < 0.5:
                misattributed_to = rng.randint(1, sizes.speakers)
            day = self.source_days[source]
            said_on = None if rng.random() < 0.05 else day - datetime.timedelta(rng.randint(0, 3))
            original_text, original_language = "", ""
            if rng.random() < 0.04:
                original_language = rng.choice(("ru", "fr", "de", "es", "ar", "uk", "fa"))
                original_text = self.vocab.foreign_sentence(6, 30)
            created = timestamp(day + datetime.timedelta(rng.randint(0, 5)), rng)
            self.quote_texts.append(text)
            self.quote_speakers.append(speaker_id)
            self.quote_attributions.append(attribution)
            self.quote_sources.append(source)
            self.plants[source].append(Plant(QUOTE, pk, text, attribution))
            if rng.random() < 0.3 and sizes.sources > 1:
                other = min(max(source + rng.randint(-20, 20), 0), sizes.sources - 1)
                if other != source:
                    self.plants[other].append(Plant(QUOTE, pk, text, attribution))
            yield (
                pk,
                created,
                created,
                text,
                attribution,
                said_on and said_on.isoformat(),
                rng.choice(OCCASIONS) if rng.random() < 0.25 else "",
                "en",
                original_text,
                original_language,
                status,
                verdict,
                misattributed_to,
                speaker_id,
                None,
            )

    def quote_topic_rows(self) -> Iterator[tuple]:
        yield from self._topic_links(self.sizes.quotes, (0, 0, 0, 1, 1, 1, 1, 2, 2))

    def _topic_links(self, count: int, how_many: tuple[int, ...]) -> Iterator[tuple]:
        rng, pk = self.rng, 0
        topics = range(1, len(self.topic_cum) + 1)
        for owner in range(1, count + 1):
            chosen = rng.choices(topics, cum_weights=self.topic_cum, k=rng.choice(how_many))
            for topic in dict.fromkeys(chosen):
                pk += 1
                yield (pk, owner, topic)

    # -- claims ----------------------------------------------------------------------------

    def claim_rows(self) -> Iterator[tuple]:
        rng, sizes = self.rng, self.sizes
        rating_weights = {5: 15, 4: 15, 3: 17, 2: 20, 1: 25, None: 8}
        ratings = [pk for pk, _ in self.ratings]
        weights = [rating_weights.get(score, 5) for _, score in self.ratings]
        correction_pk = 0
        for index in range(sizes.claims):
            pk = index + 1
            if self.quote_texts and rng.random() < 0.6:
                quote = rng.randrange(len(self.quote_texts))
                words = self.quote_texts[quote].split()
                length = min(len(words), rng.randint(6, 18))
                begin = rng.randint(0, len(words) - length)
                clause = " ".join(words[begin : begin + length]).lower()
                statement = clause[0].upper() + clause[1:] + "."
                claimant, quote_id = self.quote_speakers[quote], quote + 1
                states_in = self.quote_sources[quote]
                teller = self.quote_attributions[quote]
            else:
                statement = self._checkable_sentence()
                claimant = (
                    rng.choices(self.popular, cum_weights=self.speaker_cum)[0]
                    if rng.random() < 0.9
                    else None
                )
                quote_id, states_in = None, rng.randrange(sizes.sources)
                teller = self.speaker_names[claimant - 1] if claimant else ""
            draw = rng.random()
            status = (
                "published"
                if draw < 0.85
                else "draft"
                if draw < 0.91
                else "in_review"
                if draw < 0.97
                else "retracted"
            )
            public = status in ("published", "retracted")
            rated = rng.random() < (0.92 if public else 0.4)
            rating = rng.choices(ratings, weights=weights)[0] if rated and ratings else None
            cited = [states_in]
            while len(cited) < min(rng.choice((2, 3)), sizes.sources):
                other = min(max(states_in + rng.randint(-300, 300), 0), sizes.sources - 1)
                if other not in cited:
                    cited.append(other)
            stated = f"{teller} claimed that {clause_of(statement)}" if teller else statement
            self.plants[states_in].append(Plant(CITATION, pk, stated, relation="states"))
            for source in cited[1:]:
                relation = rng.choices(("supports", "contradicts", "context"), (40, 35, 25))[0]
                evidence = self.vocab.words(rng.randint(8, 20)) + rng.sample(
                    statement.rstrip(".").split(), 2
                )
                rng.shuffle(evidence)
                sentence = " ".join(evidence)
                note = self.vocab.sentence(6, 15) if rng.random() < 0.4 else ""
                self.plants[source].append(
                    Plant(CITATION, pk, f"{sentence[0].upper()}{sentence[1:]}.", "", relation, note)
                )
            latest = max(self.source_days[source] for source in cited)
            created = timestamp(latest + datetime.timedelta(rng.randint(1, 14)), rng)
            published_at = created if public else None
            if public and rating and rng.random() < 0.01:
                correction_pk += 1
                note = self.vocab.sentence(8, 20)
                after = rng.choice(ratings)
                self.corrections.append(
                    (correction_pk, created, created, created[:10], note, pk, rating, after)
                )
            summary = self.vocab.sentence(8, 20) if public or rng.random() < 0.5 else ""
            analysis = ""
            if public or rng.random() < 0.5:
                analysis = " ".join(self.vocab.sentence(8, 25) for _ in range(rng.randint(2, 4)))
            slug = f"{slugify(' '.join(statement.split()[:8]))[:80].strip('-')}-{pk}"
            yield (
                pk,
                created,
                created,
                statement,
                slug,
                summary,
                analysis,
                status,
                published_at,
                claimant,
                quote_id,
                None,
                rating,
            )

    def _checkable_sentence(self) -> str:
        rng = self.rng
        words = self.vocab.words(rng.randint(8, 20))
        if rng.random() < 0.4:
            number = rng.choice(
                (
                    f"by {rng.randint(2, 90)} percent",
                    f"{rng.randint(2, 900)} million",
                    f"in {rng.randint(1990, 2025)}",
                    f"{rng.randint(2, 99)},000 people",
                )
            )
            words.insert(rng.randrange(len(words)), number)
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."

    def claim_topic_rows(self) -> Iterator[tuple]:
        yield from self._topic_links(self.sizes.claims, (1, 1, 2, 2, 3))

    def correction_rows(self) -> Iterator[tuple]:
        yield from self.corrections

    def _random_day(self) -> datetime.date:
        return FIRST_DAY + datetime.timedelta(days=self.rng.randrange(self.span))


def clause_of(sentence: str) -> str:
    """“Exports doubled.” as it reads after “… claimed that”: “exports doubled.”"""
    return sentence[0].lower() + sentence[1:]
