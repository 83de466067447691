"""`evaluate_matching` measures how well claim matching finds a claim from a paraphrase:
hits@1, hits@5 and MRR per part of a paraphrase set (tests/claims/paraphrases/)."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from apps.claims.matching import evaluation
from apps.claims.matching.evaluation import (
    MalformedSet,
    Scores,
    evaluate,
    load_set,
    scores,
)
from apps.claims.models import Claim

REAL_SET = Path(__file__).resolve().parent / "paraphrases"

CORPUS = (
    "liar_id\tstatement\n"
    "1\tWisconsin is dead last in the Midwest for job creation.\n"
    "2\tTexas has more than 80,000 abortions each year.\n"
    "3\tForeign aid is less than 1 percent of our federal budget.\n"
)
QUERIES = (
    "split\tdifficulty\tliar_id\tparaphrase\n"
    "tuned\tlight\t1\tWisconsin ranks last in the Midwest at creating jobs.\n"
    "held-out\tlight\t3\tForeign aid makes up under 1 percent of the federal budget.\n"
    "held-out\theavy\t2\tBananas grow quickly.\n"
)


def write_set(directory: Path, corpus: str = CORPUS, queries: str = QUERIES) -> Path:
    (directory / "corpus.tsv").write_text(corpus, encoding="utf-8")
    (directory / "queries.tsv").write_text(queries, encoding="utf-8")
    return directory


def test_scores_of_known_ranks():
    assert scores([1, 3, None, 5]) == Scores(
        queries=4, hits_at_1=0.25, hits_at_5=0.75, mrr=(1 + 1 / 3 + 1 / 5) / 4
    )


def test_scores_of_no_queries_are_zero():
    assert scores([]) == Scores(0, 0.0, 0.0, 0.0)


def test_load_set_reads_the_corpus_and_the_parts(tmp_path):
    paraphrases = load_set(write_set(tmp_path))

    assert list(paraphrases.corpus) == ["1", "2", "3"]
    assert [(query.expected, query.difficulty) for query in paraphrases.part("held-out")] == [
        ("3", "light"),
        ("2", "heavy"),
    ]


@pytest.mark.parametrize(
    ("corpus", "queries", "problem"),
    [
        ("id\tstatement\n1\tA.\n", QUERIES, r"corpus.tsv:1: the header must be"),
        (CORPUS + "4\tOne\tfield too many.\n", QUERIES, r"corpus.tsv:5: 3 tab-separated"),
        (CORPUS + "1\tAgain.\n", QUERIES, r"corpus.tsv:5: the id '1' is already"),
        (CORPUS + "4\t \n", QUERIES, r"corpus.tsv:5: the statement is empty"),
        (CORPUS, QUERIES + "tuned\tlight\t9\tNo such claim.\n", r"queries.tsv:5: the id '9'"),
        (CORPUS, QUERIES + "train\tlight\t1\tWisconsin.\n", r"queries.tsv:5: the split must"),
        (
            CORPUS,
            QUERIES + "tuned\tlight\t2\tTexas has more than 80,000 abortions each year.\n",
            r"queries.tsv:5: the paraphrase is the statement itself",
        ),
        (CORPUS, QUERIES.replace("tuned", "held-out"), r"queries.tsv: no tuned queries"),
    ],
)
def test_load_set_names_the_problem_of_a_malformed_set(tmp_path, corpus, queries, problem):
    write_set(tmp_path, corpus, queries)

    with pytest.raises(MalformedSet, match=problem):
        load_set(tmp_path)


def test_load_set_names_a_missing_file(tmp_path):
    (tmp_path / "corpus.tsv").write_text(CORPUS, encoding="utf-8")

    with pytest.raises(MalformedSet, match=r"queries.tsv: no such file"):
        load_set(tmp_path)


def test_evaluate_ranks_the_claim_each_query_paraphrases(db, tmp_path):
    paraphrases = load_set(write_set(tmp_path))

    results = evaluate(paraphrases, weights=[0.0])

    assert [(result.split, result.scores) for result in results] == [
        ("tuned", Scores(queries=1, hits_at_1=1.0, hits_at_5=1.0, mrr=1.0)),
        ("held-out", Scores(queries=2, hits_at_1=0.5, hits_at_5=0.5, mrr=0.5)),
    ]
    held_out = results[1]
    assert held_out.by_difficulty == {
        "light": Scores(1, 1.0, 1.0, 1.0),
        "heavy": Scores(1, 0.0, 0.0, 0.0),
    }
    assert [(query.text, rank) for query, rank in held_out.misses] == [
        ("Bananas grow quickly.", None)
    ]


def test_evaluate_counts_the_claims_found_as_near_duplicates(db, tmp_path):
    queries = (
        "split\tdifficulty\tliar_id\tparaphrase\n"
        "tuned\tlight\t2\tTexas has more than 80,000 abortions each year!\n"
        "tuned\theavy\t1\tBananas grow quickly.\n"
        # Another claim's words, expecting this one: the other is the near-duplicate.
        "tuned\theavy\t3\tTexas has more than 80,000 abortions every year.\n"
        "held-out\tlight\t3\tForeign aid makes up under 1 percent of the federal budget.\n"
    )
    paraphrases = load_set(write_set(tmp_path, queries=queries))

    [tuned] = evaluate(paraphrases, weights=[0.0], splits=["tuned"])

    assert (tuned.near_duplicate, tuned.other_near_duplicate) == (1 / 3, 1 / 3)


def test_evaluate_leaves_the_database_as_it_was(db, tmp_path):
    paraphrases = load_set(write_set(tmp_path))

    evaluate(paraphrases, weights=[0.0, 0.5])

    assert Claim.objects.count() == 0


def evaluate_matching(*args) -> str:
    out = StringIO()
    call_command("evaluate_matching", *args, stdout=out, no_color=True)
    return out.getvalue()


def test_evaluate_matching_sweeps_weights_on_the_tuned_part_only(db, tmp_path):
    output = evaluate_matching("--set", str(write_set(tmp_path)), "--weights", "0.5,0")

    rows = [line.split()[:2] for line in output.splitlines()[2:]]
    assert rows == [["tuned", "0.00"], ["tuned", "0.50"]]


def test_evaluate_matching_lists_tuned_misses_only(db, tmp_path):
    output = evaluate_matching("--set", str(write_set(tmp_path)), "--misses")

    # The held-out part has a miss ("Bananas grow quickly."), not shown; the tuned query
    # came first at every weight.
    assert "Bananas" not in output
    assert output.splitlines()[-1].startswith("Tuned queries not first at weight")


def test_evaluate_matching_prints_scores_by_difficulty(db, tmp_path):
    output = evaluate_matching(
        "--set", str(write_set(tmp_path)), "--weights", "0", "--by-difficulty"
    )

    rows = [line.split()[:3] for line in output.splitlines()[2:]]
    assert rows == [["tuned", "0.00", "1"], ["light", "1", "1.000"]]


@pytest.mark.parametrize("weights", ["0,x", "0,1.5", ","])
def test_evaluate_matching_refuses_weights_outside_0_to_1(db, tmp_path, weights):
    with pytest.raises(CommandError, match="--weights"):
        evaluate_matching("--set", str(write_set(tmp_path)), "--weights", weights)


def test_evaluate_matching_reports_a_malformed_set(db, tmp_path):
    write_set(tmp_path, queries=QUERIES + "tuned\tlight\t9\tNo such claim.\n")

    with pytest.raises(CommandError, match=r"Malformed paraphrase set: .*the id '9' is not"):
        evaluate_matching("--set", str(tmp_path))


ROW = re.compile(r"^(tuned|held-out)\s+([0-9.]+)\s+(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)")


@pytest.mark.slow
def test_evaluate_matching_measures_the_real_set(db):
    output = evaluate_matching()

    assert output.startswith("2567 claims, 334 queries (168 tuned, 166 held-out)")
    rows = [ROW.match(line).groups() for line in output.splitlines()[2:] if ROW.match(line)]
    figures = {(split, float(weight)): [float(x) for x in rest] for split, weight, *rest in rows}
    lexical = {split: figures[split, 0.0] for split in ("tuned", "held-out")}
    # Lexical matching finds most retold claims first; a regression in candidates or
    # scoring would drop this well below (measured: hits@1 0.79-0.80 on both parts).
    assert all(hits_at_1 >= 0.7 for _, hits_at_1, _, _ in lexical.values())
    weight = settings.CLAIM_MATCHING_SEMANTIC_WEIGHT
    if weight > 0:
        # Meaning finds the paraphrases words miss (measured: MRR +0.06 tuned, +0.10
        # held-out at weight 0.3).
        for split in ("tuned", "held-out"):
            assert figures[split, round(weight, 2)][3] > lexical[split][3] + 0.02


def test_evaluate_writes_the_corpus_in_batches_with_slugs_of_their_own(db, tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "WRITE_BATCH", 2)
    corpus = CORPUS + "4\tWisconsin is dead last in the Midwest for job creation.\n"
    paraphrases = load_set(write_set(tmp_path, corpus=corpus))

    [tuned] = evaluate(paraphrases, weights=[0.0], splits=["tuned"])

    # The same statement twice, in two batches: two claims, each its own slug.
    assert tuned.scores.queries == 1
    assert Claim.objects.count() == 0


def test_load_set_refuses_a_statement_no_claim_may_hold_naming_its_line(tmp_path):
    write_set(tmp_path, corpus=CORPUS + "4\tA bell\x07 rings.\n")

    with pytest.raises(MalformedSet, match=r"corpus.tsv:5: the statement: .*U\+0007"):
        load_set(tmp_path)
