"""bench_search's typo workload: misspelt names and words of the data, searched for the way
the search page and the API search (search_forgiving)."""

from io import StringIO

import pytest
from django.core.management import call_command

from apps.search import vocabulary
from apps.search.models import VocabularyWord
from apps.search.vocabulary import words_of
from bench.generate import generate
from bench.search_bench import TYPO, build_workloads, run
from bench.synthetic import Sizes


@pytest.fixture
def generated(db):
    generate(Sizes.scaled(300, speakers=20), seed=4, progress=lambda message: None)
    vocabulary.rebuild()  # generate() writes by COPY or in bulk, which sends no signal


def _typo_workload():
    return next(workload for workload in build_workloads(per_kind=5) if workload.name == TYPO)


def test_typo_workload_queries_each_misspell_a_word(generated):
    known = set(VocabularyWord.objects.values_list("word", flat=True))

    workload = _typo_workload()

    assert len(workload.queries) >= 10
    assert [q for q in workload.queries if set(words_of(q)) <= known] == []


def test_typo_workload_finds_what_its_queries_were_made_from(generated):
    workload = _typo_workload()

    run([workload], iterations=len(workload.queries), warmup=0)

    assert sum(workload.hits) >= 0.8 * len(workload.queries)


def test_bench_search_only_typo_prints_its_latency_and_recall(generated):
    out = StringIO()

    call_command("bench_search", iterations=2, only="typo", explain="none", stdout=out)

    printed = out.getvalue()
    assert "\ntypo " in printed
    assert "typo: the object the misspelt query was made from is on the first page" in printed
