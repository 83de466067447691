"""generate_data: a synthetic data set that satisfies every rule the real one does."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from apps.claims.models import Citation, Claim, Correction
from apps.quotes.models import Appearance, Quote
from apps.search.selectors import match_claims, search
from apps.sources.anchoring import Match, locate
from apps.sources.models import Publisher, Source
from apps.speakers.models import Speaker, SpeakerAlias, SpeakerRole
from apps.topics.models import Topic
from bench.generate import DatabaseNotEmpty, generate, history_tables
from bench.synthetic import Sizes
from tests.factories import SpeakerFactory

SIZES = Sizes.scaled(200, speakers=20)


def quietly(message: str) -> None:
    pass


@pytest.fixture
def generated(db):
    return generate(SIZES, seed=1, progress=quietly)


def test_generate_data_writes_the_sizes_asked_for(generated):
    counts = (Quote.objects.count(), Claim.objects.count(), Source.objects.count())

    assert (counts, Speaker.objects.count()) == ((200, 40, 20), 20)


def test_generate_data_reports_what_it_wrote(generated):
    assert generated.counts["quotes_quote"] == Quote.objects.count()
    assert generated.counts["claims_citation"] == Citation.objects.count()
    assert set(generated.timings) >= {"generate and write quotes", "total"}


def test_generate_data_scales_everything_from_the_number_of_quotes():
    assert Sizes.scaled(1_000_000) == Sizes(
        quotes=1_000_000, claims=200_000, sources=100_000, speakers=10_000
    )
    assert Sizes.scaled(10_000) == Sizes(quotes=10_000, claims=2_000, sources=1_000, speakers=100)


def test_generate_data_anchors_every_passage_exactly_where_the_service_would(generated):
    for model in (Appearance, Citation):
        for passage in model.objects.select_related("source"):
            text = passage.source.text
            found = locate(text, passage.exact, prefix=passage.prefix, suffix=passage.suffix)

            assert text[passage.start : passage.end] == passage.exact
            assert (passage.match, passage.similarity) == (Match.EXACT, 1.0)
            assert (found.match, found.start, found.end) == (
                Match.EXACT,
                passage.start,
                passage.end,
            )
            assert (found.prefix, found.suffix) == (passage.prefix, passage.suffix)


def test_generate_data_puts_quotes_in_one_or_two_sources(generated):
    per_quote = Counter(Appearance.objects.values_list("quote_id", flat=True))

    assert set(per_quote) == set(Quote.objects.values_list("pk", flat=True))
    assert set(per_quote.values()) <= {1, 2}


def test_generate_data_cites_two_or_three_sources_per_claim(generated):
    per_claim = Claim.objects.annotate(n=Count("citations")).values_list("n", flat=True)

    assert set(per_claim) <= {2, 3}
    states = Citation.objects.filter(relation="states").values_list("claim_id", flat=True)
    assert sorted(states) == sorted(Claim.objects.values_list("pk", flat=True))


def test_generate_data_skews_quotes_towards_a_few_speakers(db):
    generate(Sizes.scaled(3000, speakers=100), seed=2, progress=quietly)

    per_speaker = sorted(
        Quote.objects.exclude(speaker=None)
        .values("speaker")
        .annotate(n=Count("pk"))
        .values_list("n", flat=True),
        reverse=True,
    )
    # The most quoted tenth of the speakers say over half of the quotes.
    assert sum(per_speaker[:10]) > 0.5 * sum(per_speaker)


def test_generate_data_spreads_statuses_ratings_and_years(generated):
    statuses = Counter(Claim.objects.values_list("status", flat=True))
    rated = Claim.objects.filter(status="published").exclude(rating=None)
    years = {day.year for day in Source.objects.values_list("published_on", flat=True)}

    assert statuses.most_common(1)[0][0] == "published"
    assert len(statuses) >= 2
    assert rated.values("rating").distinct().count() >= 3
    assert len(years) >= 5


def test_generate_data_rows_pass_model_validation(generated):
    for model in (Topic, Speaker, SpeakerAlias, SpeakerRole, Publisher, Quote, Claim, Source):
        for obj in model.objects.all()[:25]:
            obj.full_clean()
    for obj in Correction.objects.all():
        obj.full_clean()


def test_generate_data_writes_no_history(generated):
    assert Quote.history.count() == 0
    assert Claim.history.count() == 0


def test_generate_data_finds_its_claims_by_search_and_matching(generated):
    claim = Claim.objects.public().order_by("pk").first()

    matches = match_claims(claim.statement)
    results = search(f'"{claim.statement}"')

    assert matches[0].claim == claim
    assert claim in [hit.object for hit in results.hits]


def test_generate_data_makes_the_same_data_from_the_same_seed(generated):
    first = list(Quote.objects.order_by("pk").values_list("text", "speaker_id"))

    generate(SIZES, seed=1, force=True, progress=quietly)

    assert list(Quote.objects.order_by("pk").values_list("text", "speaker_id")) == first


def test_generate_data_refuses_a_database_that_has_data(db):
    SpeakerFactory(name="Ada Lovelace")

    with pytest.raises(DatabaseNotEmpty, match="speakers_speaker"):
        generate(SIZES, progress=quietly)

    assert list(Speaker.objects.values_list("name", flat=True)) == ["Ada Lovelace"]


def test_generate_data_force_replaces_the_data_and_its_history(db):
    SpeakerFactory(name="Ada Lovelace")

    generate(SIZES, force=True, progress=quietly)

    assert not Speaker.objects.filter(name="Ada Lovelace").exists()
    assert Speaker.objects.count() == SIZES.speakers
    assert "speakers_historicalspeaker" in history_tables()
    assert Speaker.history.count() == 0


def test_generate_data_command_refuses_a_database_that_has_data(db):
    SpeakerFactory()

    with pytest.raises(CommandError, match="--force"):
        call_command("generate_data", quotes=50, stdout=StringIO())


def test_generate_data_command_prints_its_phases_and_counts(db):
    out = StringIO()

    call_command("generate_data", quotes=50, seed=3, stdout=out)

    assert "generate and write quotes:" in out.getvalue()
    assert "quotes_quote: 50 rows" in out.getvalue()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the limit is SQLite's")
def test_generate_data_command_keeps_sqlite_to_small_sizes(db):
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_data", quotes=1_000_000, stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL defers indexes")
def test_generate_data_builds_every_index_again(db):
    def indexes():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "ORDER BY indexname"
            )
            return cursor.fetchall()

    before = indexes()

    generate(SIZES, progress=quietly)

    assert indexes() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL strategy")
def test_generate_data_can_add_the_search_vectors_after_loading(db):
    def vectors():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attrelid::regclass::text, attstattarget, "
                "pg_get_expr(adbin, adrelid) FROM pg_attribute "
                "JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum "
                "WHERE attname = 'search_vector' ORDER BY 1"
            )
            return cursor.fetchall()

    before = vectors()

    generate(SIZES, vectors="after", progress=quietly)

    assert vectors() == before
    claim = Claim.objects.public().order_by("pk").first()
    assert match_claims(claim.statement)[0].claim == claim
