import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from apps.ingest.evaluation import LabelledSetError, evaluate, load_labelled
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


def _copy_articles(source: Path, target: Path, prefix: str) -> None:
    target.mkdir()
    for path in source.glob(f"{prefix}*"):
        shutil.copy(path, target / path.name)
    shutil.copy(source / "speakers.json", target / "speakers.json")


def test_the_command_prints_a_total_for_each_directory_given(tmp_path):
    _copy_articles(LABELLED, tmp_path / "first", "seed_")
    _copy_articles(LABELLED, tmp_path / "second", "wire_")
    out = StringIO()

    call_command("evaluate_extraction", tmp_path / "first", tmp_path / "second", stdout=out)

    lines = out.getvalue().splitlines()
    totals = [line.split() for line in lines if line.startswith("total")]
    assert [line for line in lines if line.startswith(str(tmp_path))] == [
        str(tmp_path / "first"),
        str(tmp_path / "second"),
    ]
    assert [int(total[1]) for total in totals] == [
        evaluate(tmp_path / "first")[1].gold_speech,
        evaluate(tmp_path / "second")[1].gold_speech,
    ]


def test_the_command_prints_only_totals_when_asked(tmp_path):
    _copy_articles(LABELLED, tmp_path / "seeds", "seed_")
    out = StringIO()

    call_command("evaluate_extraction", tmp_path / "seeds", totals=True, stdout=out)

    lines = out.getvalue().splitlines()
    assert not [line for line in lines if line.startswith("seed_")]
    assert lines[-1].split()[0] == "total"


def _labelled_article(directory: Path, text: str, spans: list[dict]) -> Path:
    directory.mkdir()
    (directory / "article.txt").write_text(text, encoding="utf-8")
    gold = {"text": "article.txt", "spans": spans}
    (directory / "article.json").write_text(json.dumps(gold), encoding="utf-8")
    return directory


def test_a_quotation_over_paragraphs_labelled_paragraph_by_paragraph_scores_each(tmp_path):
    text = (
        "Ruth Hale spoke at the meeting.\n"
        "“We will not close the library. It serves the whole town.\n"
        "“Nor will we cut its hours,” Hale said.\n"
    )
    directory = _labelled_article(
        tmp_path / "paragraphs",
        text,
        [
            {
                "quote": "We will not close the library. It serves the whole town.",
                "label": "speech",
                "speaker": "Ruth Hale",
            },
            {"quote": "Nor will we cut its hours,", "label": "speech", "speaker": "Ruth Hale"},
        ],
    )

    _scores, total = evaluate(directory)

    assert (total.gold_speech, total.proposed, total.true_positives) == (2, 2, 2)


WEWORK = "WeWork paid for the word “We”, a spokesman said: “We stand by the deal.”"


def _placed(directory: Path) -> list[str]:
    (article,) = load_labelled(directory)
    return [article.text[span.start - 1 : span.end + 1] for span in article.spans]


def test_a_span_is_placed_after_the_words_it_follows(tmp_path):
    directory = _labelled_article(
        tmp_path / "after", WEWORK, [{"quote": "We", "label": "term", "after": "the word “"}]
    )

    assert _placed(directory) == ["“We”"]


def test_a_span_marked_inside_is_looked_for_within_the_span_before_it(tmp_path):
    text = "“He told me ‘never again’ and left,” she said. Never again, she said."
    directory = _labelled_article(
        tmp_path / "inside",
        text,
        [
            {"quote": "He told me ‘never again’ and left,", "label": "speech", "speaker": None},
            {"quote": "never again", "label": "speech", "speaker": None, "inside": True},
        ],
    )

    assert _placed(directory) == ["“He told me ‘never again’ and left,”", "‘never again’"]


def test_several_spans_marked_inside_are_looked_for_one_after_another_in_the_outer_span(
    tmp_path,
):
    text = "“They said, ‘We left,’ and then ‘We left’ again,” she said. We left, she said."
    directory = _labelled_article(
        tmp_path / "inside",
        text,
        [
            {"quote": "They said, ‘We left,’ and then ‘We left’ again,", "label": "speech"},
            {"quote": "We left,", "label": "speech", "speaker": None, "inside": True},
            {"quote": "We left", "label": "speech", "speaker": None, "inside": True},
            {"quote": "We left,", "label": "speech", "speaker": None},
        ],
    )

    assert _placed(directory) == [
        "“They said, ‘We left,’ and then ‘We left’ again,”",
        "‘We left,’",
        "‘We left’",
        " We left, ",
    ]


def test_words_a_span_follows_that_are_not_in_the_text_are_an_error_naming_the_span(tmp_path):
    directory = _labelled_article(
        tmp_path / "missing", WEWORK, [{"quote": "We", "label": "term", "after": "the name “"}]
    )

    with pytest.raises(LabelledSetError, match=r"article\.json, span 1: .*“the name “”"):
        load_labelled(directory)


def test_a_span_marked_inside_that_is_not_within_the_one_before_is_an_error(tmp_path):
    directory = _labelled_article(
        tmp_path / "outside",
        WEWORK,
        [
            {"quote": "We", "label": "term", "after": "the word “"},
            {"quote": "We stand by the deal.", "label": "speech", "inside": True},
        ],
    )

    with pytest.raises(LabelledSetError, match=r"span 2: .*not inside the span before it"):
        load_labelled(directory)
