"""A small public record about Russia, Iran and Israel, built with the factories, for the
search and matching tests (the service, the API and the page).

It holds what those tests search for, and what they must not find: two published sources,
Putin's quote with its appearance, five published claims and one still in review (which
mentions Israel too), four speakers with their aliases, four topics. The statements,
topics and verdicts are those of the demo data set (fixtures/demo.json, which is for
people, not for tests), so that a search behaves as a reader of the demo site sees it.
"""

import datetime
from dataclasses import dataclass

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.search.vocabulary import rebuild
from apps.sources.models import Source
from apps.speakers.models import Speaker
from apps.topics.models import Topic
from tests import factories
from tests.factories import rating

PUBLISHED_AT = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)

PUTINS_WORDS = (
    "I would like to draw your attention to the fact that almost two million people from "
    "the former Soviet Union and Russian Federation reside in Israel"
)

FIRST_ARTICLE = (
    "Russian President Vladimir Putin has clarified why his country is not intervening in "
    "the conflict between Iran and Israel, despite its close ties with Tehran. Speaking at "
    "the St. Petersburg International Economic Forum, he said: "
    f'"{PUTINS_WORDS}." He called those who question Russia\'s loyalty "provocateurs". '
    "Meanwhile the US carried out Operation Midnight Hammer, targeting three of Iran's key "
    "military sites over the weekend. President Donald Trump called the airstrikes a "
    '"spectacular military success," claiming that major nuclear facilities were '
    '"completely obliterated." Earlier, Putin had offered to mediate a ceasefire deal '
    "between Iran and Israel, but Trump rejected the offer. Iran's Foreign Minister Abbas "
    "Araqchi accused the US and Israel of derailing negotiations. Putin also pointed out "
    "that Muslims make up 15% of Russia's population. The Kremlin did not say what it "
    "would do next, and officials in Tehran declined to comment on the talks."
)

SECOND_ARTICLE = (
    "In a recent statement, Russian President Vladimir Putin addressed why Russia is not "
    "assisting Iran. He noted that approximately two million people from the former "
    "Soviet Union and the Russian Federation reside in Israel, and Putin pointed out that "
    "Israel is \u201calmost a Russian-speaking country.\u201d Putin also revealed that he had "
    "previously offered to broker a ceasefire deal between Israel and Iran; former U.S. "
    "President Donald Trump rejected the proposal. Key points: Around 2 million "
    "Russian-speaking immigrants live in Israel. Putin\u2019s ceasefire proposal was turned "
    "down by Trump. Analysts said the relationship between Moscow and Tehran remains one "
    "of convenience rather than alliance, shaped by trade, energy and arms."
)


@dataclass(frozen=True)
class Record:
    putin: Speaker
    trump: Speaker
    first_article: Source
    second_article: Source
    putins_quote: Quote
    # The published claims, named by what they say.
    two_million: Claim
    trump_a_former_president: Claim
    mediation_refused: Claim
    midnight_hammer: Claim
    russian_speaking_country: Claim
    # In review: mentions Israel, never shown to the public.
    derailed_negotiations: Claim
    iran_israel_conflict: Topic
    russian_foreign_policy: Topic
    us_strikes: Topic
    diaspora: Topic


def _speaker(name, slug, description, aliases):
    speaker = factories.SpeakerFactory(name=name, slug=slug, description=description)
    for alias in aliases:
        factories.SpeakerAliasFactory(speaker=speaker, name=alias)
    return speaker


def _claim(statement, slug, verdict, topics, summary, **fields):
    fields.setdefault("status", Claim.Status.PUBLISHED)
    if fields["status"] == Claim.Status.PUBLISHED:
        fields.setdefault("published_at", PUBLISHED_AT)
    claim = factories.ClaimFactory(
        statement=statement, slug=slug, rating=rating(verdict), summary=summary, **fields
    )
    with factories.arranged():
        claim.topics.set(topics)
    return claim


def israel_record() -> Record:
    """Build the record in the test database; returns its rows by name."""
    conflict = factories.TopicFactory(name="Iran–Israel conflict", slug="iran-israel-conflict")
    foreign_policy = factories.TopicFactory(
        name="Russian foreign policy", slug="russian-foreign-policy"
    )
    strikes = factories.TopicFactory(name="US strikes on Iran", slug="us-strikes-on-iran")
    diaspora = factories.TopicFactory(
        name="Russian-speaking diaspora in Israel", slug="russian-speaking-diaspora-in-israel"
    )

    putin = _speaker(
        "Vladimir Putin",
        "vladimir-putin",
        "President of Russia",
        ["Putin", "Russian President Vladimir Putin", "the Russian President", "President Putin"],
    )
    trump = _speaker(
        "Donald Trump",
        "donald-trump",
        "President of the United States",
        ["Trump", "President Donald Trump", "U.S. President Donald Trump"],
    )
    araqchi = _speaker(
        "Abbas Araqchi",
        "abbas-araqchi",
        "Foreign Minister of Iran",
        ["Araqchi", "Iran's Foreign Minister Abbas Araqchi"],
    )
    _speaker(
        "Ali Khamenei",
        "ali-khamenei",
        "Supreme Leader of Iran",
        ["Khamenei", "Ayatollah Ali Khamenei", "Iran's Supreme Leader"],
    )

    first = factories.SourceFactory(
        title="Why is Putin not helping ally Iran? His reply",
        slug="why-is-putin-not-helping-ally-iran-his-reply",
        text=FIRST_ARTICLE,
    )
    second = factories.SourceFactory(
        title="Why Russia Is Not Assisting Iran: Putin\u2019s Perspective and Israel\u2019s "
        "Russian Connection",
        slug="why-russia-is-not-assisting-iran-putins-perspective",
        text=SECOND_ARTICLE,
    )

    quote = factories.QuoteFactory(
        text=PUTINS_WORDS,
        speaker=putin,
        occasion="St. Petersburg International Economic Forum",
    )
    with factories.arranged():
        quote.topics.set([conflict, foreign_policy, diaspora])
    factories.AppearanceFactory(quote=quote, source=first)
    spectacular = factories.QuoteFactory(text="spectacular military success", speaker=trump)
    factories.AppearanceFactory(quote=spectacular, source=first)

    two_million = _claim(
        "Almost two million people from the former Soviet Union and the Russian Federation "
        "live in Israel.",
        "almost-two-million-people-from-the-former-soviet-union-live-in-israel",
        "unproven",
        [conflict, diaspora],
        "Both sources repeat Putin's figure, but neither gives independent evidence for it.",
        claimant=putin,
        quote=quote,
    )
    former_president = _claim(
        "Donald Trump was a former U.S. president when he rejected Putin's offer to mediate "
        "between Israel and Iran.",
        "donald-trump-was-a-former-us-president-when-he-rejected-putins-offer",
        "false",
        [conflict],
        "The other report describes Trump acting as the sitting president at the time, not "
        "as a former one.",
        claimant=None,
    )
    mediation = _claim(
        "Putin offered to mediate a ceasefire between Iran and Israel, and Donald Trump "
        "turned the offer down.",
        "trump-rejected-putins-offer-to-mediate-an-iran-israel-ceasefire",
        "true",
        [conflict, foreign_policy],
        "Both articles report the offer and its rejection, and Trump's own account confirms "
        "he turned it down.",
        claimant=putin,
    )
    midnight_hammer = _claim(
        "The US carried out Operation Midnight Hammer, striking three of Iran's key military "
        "sites: Fordow, Natanz and Isfahan.",
        "us-operation-midnight-hammer-struck-fordow-natanz-and-isfahan",
        "unproven",
        [strikes],
        "Only one of the two sources reports the operation, and it cites no official statement.",
        claimant=None,
    )
    russian_speaking = _claim(
        "Israel is almost a Russian-speaking country.",
        "israel-is-almost-a-russian-speaking-country",
        "unproven",
        [diaspora],
        "The sources give the size of the Russian-speaking community but not Israel's "
        "population, so they cannot show what share it is.",
        claimant=putin,
    )
    derailed = _claim(
        "The US and Israel derailed negotiations with Iran.",
        "the-us-and-israel-derailed-negotiations-with-iran",
        "unproven",
        [conflict, strikes],
        "An accusation by Iran's foreign minister that the sources report but do not examine.",
        claimant=araqchi,
        status=Claim.Status.IN_REVIEW,
    )
    return Record(
        putin=putin,
        trump=trump,
        first_article=first,
        second_article=second,
        putins_quote=quote,
        two_million=two_million,
        trump_a_former_president=former_president,
        mediation_refused=mediation,
        midnight_hammer=midnight_hammer,
        russian_speaking_country=russian_speaking,
        derailed_negotiations=derailed,
        iran_israel_conflict=conflict,
        russian_foreign_policy=foreign_policy,
        us_strikes=strikes,
        diaspora=diaspora,
    )


def zeppelin_record(size: int) -> None:
    """`size` published speakers named Zeppelin, each with a claim and a quote, and as many
    sources: a misspelt "Zepelin" is corrected to hits of every kind (the typo tests' query
    counts, API and page), with the vocabulary rebuilt."""
    for n in range(size):
        speaker = factories.SpeakerFactory(name=f"Zeppelin Pilot {n}")
        factories.PublishedClaimFactory(statement=f"Zeppelin claim {n}.", claimant=speaker)
        factories.QuoteFactory(text=f"Zeppelin words {n}.", speaker=speaker)
        factories.SourceFactory(title=f"Zeppelin report {n}")
    rebuild()
