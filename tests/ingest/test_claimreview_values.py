"""ClaimReview values that are not what their field takes are never coerced silently: the
item is skipped (counted, naming the item and the field) where it cannot do without the
value, and otherwise imported without it, with a counted note naming the item.

The items are schema.org's own examples (shared/data/claimreview-examples), each with one
value changed as the outside test changed it.
"""

import copy
import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from apps.claims.models import Claim
from apps.ingest.claimreview.values import LEFT_OUT, SHORTENED
from apps.ingest.models import ClaimReviewOrigin
from tests.ingest.test_import_claimreview import import_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def perry(shared_dir) -> dict:
    """schema.org's eg-0324: PolitiFact's review of a claim by Rick Perry."""
    path = shared_dir / "data" / "claimreview-examples" / "eg-0324.jsonld"
    return json.loads(path.read_text())


@pytest.fixture
def obama(shared_dir) -> dict:
    """schema.org's eg-0325: a review of a clip of Barack Obama's Cairo speech."""
    path = shared_dir / "data" / "claimreview-examples" / "eg-0325.jsonld"
    return json.loads(path.read_text())


def variants(example: dict, count: int) -> list[dict]:
    """`count` copies of `example`, each with a URL of its own."""
    items = []
    for number in range(1, count + 1):
        item = copy.deepcopy(example)
        item["url"] = f"{example['url']}#{number}"
        items.append(item)
    return items


def test_a_list_of_statements_is_skipped_not_cut_to_its_first(obama):
    two, one = variants(obama, 2)
    two["claimReviewed"] = [obama["claimReviewed"], "The UK played no role."]
    one["claimReviewed"] = [obama["claimReviewed"]]

    report, skipped = import_json([two, one])

    assert (report.imported, report.skipped, skipped) == (
        1,
        1,
        [
            "feed.json, item 1 (item 1): skipped: `claimReviewed` holds 2 values, where one is "
            "expected"
        ],
    )
    assert Claim.objects.get().statement == obama["claimReviewed"]


def test_a_statement_of_two_million_characters_is_skipped(obama):
    long, fine = variants(obama, 2)
    long["claimReviewed"] = "The United States played a role. " * 60_607  # 2,000,031 characters

    report, skipped = import_json([fine, long])

    assert (report.imported, report.skipped, skipped) == (
        1,
        1,
        [
            "feed.json, item 2 (item 2): skipped: `claimReviewed` is 2,000,030 characters long; "
            "at most 5,000 are imported"
        ],
    )


def test_a_date_that_is_no_date_is_left_out_with_a_note_naming_the_item(perry):
    first, second, third = variants(perry, 3)
    second["datePublished"] = "last Tuesday"
    third["datePublished"] = 2014

    report, skipped = import_json([first, second, third])

    assert (report.imported, skipped, report.notes[LEFT_OUT]) == (
        3,
        [],
        [
            2,
            [
                "item 2: `datePublished` 'last Tuesday' is not a date (YYYY-MM-DD); left out",
                "item 3: `datePublished` '2014' is not a date (YYYY-MM-DD); left out",
            ],
        ],
    )
    dates = dict(ClaimReviewOrigin.objects.values_list("review_url", "review_date"))
    assert [dates[item["url"]] for item in (first, second, third)] == [
        datetime.date(2014, 7, 23),
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("NaN", "'NaN'"), (1e308, "1e+308"), ("Infinity", "'Infinity'"), ("high", "'high'")],
)
def test_a_rating_number_that_is_not_one_is_left_out_with_a_note(perry, value, shown):
    perry["reviewRating"]["ratingValue"] = value

    report, _ = import_json(perry)

    assert report.notes[LEFT_OUT] == [
        1,
        [
            f"item 1: `reviewRating.ratingValue` {shown} is not a rating number (finite, at "
            "most 1,000,000 either way); left out"
        ],
    ]
    origin = ClaimReviewOrigin.objects.get()
    assert (origin.rating_value, origin.best_rating, origin.rating_label) == (None, 6.0, "True")


@pytest.mark.parametrize(
    ("place", "field"),
    [
        (("claimReviewed",), "claimReviewed"),
        (("itemReviewed", "author", "name"), "itemReviewed.author.name"),
        (("itemReviewed", "isPartOf", "name"), "appearance.headline"),
        (("reviewBody",), "reviewBody"),
    ],
)
def test_text_with_a_control_character_is_skipped_naming_the_field(obama, place, field):
    bad, good = variants(obama, 2)
    target = bad
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = target[place[-1]][:5] + "\x02" + target[place[-1]][5:]

    report, skipped = import_json([bad, good])

    assert (report.imported, report.skipped, skipped) == (
        1,
        1,
        [
            f"feed.json, item 1 (item 1): skipped: `{field}`: Remove the control character "
            "U+0002 at position 6: text may hold tabs and line breaks, but no other control "
            "characters."
        ],
    )


def test_a_control_character_that_looks_like_whitespace_is_not_collapsed_away(obama):
    obama["claimReviewed"] = obama["claimReviewed"].replace(" ", "\x1f", 1)  # a space to Python

    report, skipped = import_json(obama)

    assert (report.imported, len(skipped), Claim.objects.count()) == (0, 1, 0)


def test_a_long_summary_is_shortened_with_a_note(obama):
    obama["description"] = "The UK also played a role. " * 40

    report, _ = import_json(obama)

    assert report.notes[SHORTENED] == [
        1,
        ["item 1: `description` shortened from 1,079 to 500 characters"],
    ]
    assert len(Claim.objects.get().summary) == 500


def test_the_command_prints_each_kind_of_skip_and_note_with_its_count(perry, tmp_path):
    items = variants(perry, 3)
    items[0]["claimReviewed"] = ["one", "two"]
    items[1]["reviewRating"]["ratingValue"] = "NaN"
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(items))
    out = StringIO()

    call_command("import_claimreview", "--no-progress", str(path), stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == (
        f"{path}, item 1 (item 1): skipped: `claimReviewed` holds 2 values, where one is expected"
    )
    assert lines[1].startswith(f"{path}: 3 items read, 2 imported, 0 already there, 1 skipped")
    assert f"  1 × {LEFT_OUT}, such as:" in lines
    assert (
        "    item 2: `reviewRating.ratingValue` 'NaN' is not a rating number (finite, at most "
        "1,000,000 either way); left out"
    ) in lines
