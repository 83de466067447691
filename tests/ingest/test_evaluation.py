from io import StringIO

import pytest
from django.core.management import call_command

from apps.ingest.evaluation import evaluate, load_labelled
from apps.speakers.models import Speaker
from tests.ingest.conftest import LABELLED

pytestmark = pytest.mark.django_db


def test_every_labelled_span_is_in_its_text():
    articles = load_labelled(LABELLED)

    assert len(articles) >= 8
    assert all(article.spans for article in articles)


def test_extraction_on_the_seed_articles_has_recall_of_at_least_0_9():
    scores, _total = evaluate(LABELLED)

    seeds = [score for score in scores if score.name.startswith("seed_")]
    assert [(s.name, s.recall >= 0.9, s.attribution) for s in seeds] == [
        ("seed_putin_iran_nriglobe_long", True, 1.0),
        ("seed_putin_iran_nriglobe_short", True, 1.0),
    ]


def test_the_evaluation_writes_nothing():
    evaluate(LABELLED)

    assert Speaker.objects.count() == 0


def test_the_command_prints_precision_recall_and_attribution():
    out = StringIO()

    call_command("evaluate_extraction", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].split() == [
        "article",
        "speech",
        "proposed",
        "correct",
        "precision",
        "recall",
        "attribution",
    ]
    assert lines[-1].split()[0] == "total"
