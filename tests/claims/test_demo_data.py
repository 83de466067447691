"""The demo data set is for people; this checks once that it loads and is consistent."""

import hashlib

import pytest

from apps.claims.demo import DemoDataError, load_demo
from apps.claims.models import Citation, Claim
from apps.quotes.models import Appearance, Quote
from apps.sources.models import AnchoredPassage, Source
from apps.speakers.models import Speaker


def test_demo_data_loads_with_its_counts(db):
    load_demo()

    counts = {
        "sources": Source.objects.count(),
        "speakers": Speaker.objects.count(),
        "quotes": Quote.objects.count(),
        "claims": Claim.objects.count(),
        "not found": Appearance.objects.filter(match="not_found").count()
        + Citation.objects.filter(match="not_found").count(),
    }
    assert counts == {"sources": 2, "speakers": 4, "quotes": 8, "claims": 8, "not found": 0}


def test_demo_sources_are_the_seed_articles_verbatim(db, settings):
    load_demo()

    seeds = sorted((settings.BASE_DIR.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("the seed articles are not beside this checkout")
    expected = sorted(hashlib.sha256(path.read_bytes()).hexdigest() for path in seeds)
    assert sorted(Source.objects.values_list("text_sha256", flat=True)) == expected


def test_demo_data_loads_only_once(db):
    load_demo()

    second = load_demo()

    assert (second.loaded, Claim.objects.count()) == (False, 8)


def test_demo_data_records_a_first_version_in_history(db):
    load_demo()

    assert Claim.history.filter(history_type="+").count() == 8


def test_demo_data_with_a_passage_not_in_its_source_changes_nothing(db, tmp_path, settings):
    fixture = (settings.BASE_DIR / "fixtures" / "demo.json").read_text(encoding="utf-8")
    broken = tmp_path / "demo.json"
    broken.write_text(
        fixture.replace(
            '"exact": "accused the US and Israel of derailing negotiations"',
            '"exact": "sent a delegation to Oslo"',
        )
    )

    with pytest.raises(DemoDataError, match="sent a delegation to Oslo"):
        load_demo(broken)

    assert (Source.objects.count(), Claim.objects.count()) == (0, 0)


def test_every_demo_passage_is_anchored_where_its_words_stand(db):
    load_demo()

    passages: list[AnchoredPassage] = [
        *Appearance.objects.select_related("source"),
        *Citation.objects.select_related("source"),
    ]
    mismatched = [
        p.pk for p in passages if p.match == "exact" and p.found_passage.lower() != p.exact.lower()
    ]
    assert (len(passages), mismatched) == (25, [])
