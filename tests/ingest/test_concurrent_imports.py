"""Several imports of the same input at the same moment, as separate `manage.py` processes on
PostgreSQL (as the outside test ran them): each ends cleanly, the input is imported once,
and the others say it is already there. Never a raw database error, never an item
reported as refused because another import was writing it.
"""

import json
import re
import time

import pytest

from apps.claims.models import Claim
from apps.ingest.models import ClaimReviewOrigin
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.ingest.child import child_database_url, result_of, start_command
from tests.ingest.test_import_claimreview import make_review

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres(
        reason="needs PostgreSQL (set DATABASE_URL=postgres://…): SQLite lets one writer in "
        "at a time",
    ),
    # The children write to the test database and must see each other's commits.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PARALLEL = 4


def at_once(commands: list[tuple[str, ...]], database_url: str) -> list[dict]:
    """Run the commands in children that start their work at the same moment."""
    start = {"CHILD_START_AT": str(time.time() + 6)}  # once Python and Django are up
    children = [start_command(*args, database_url=database_url, env=start) for args in commands]
    return [result_of(child) for child in children]


def run_at_once(*args: str, database_url: str, count: int = PARALLEL) -> list[dict]:
    return at_once([args] * count, database_url)


def test_parallel_imports_of_one_article_import_it_once(seeds, tmp_path):
    url = child_database_url(tmp_path)
    article = seeds[0]

    results = run_at_once("import_source", str(article), database_url=url)

    assert [r["error"] for r in results] == [""] * PARALLEL, results
    statuses = sorted(r["output"].split(": ", 1)[1].split(" ", 1)[0] for r in results)
    assert statuses == ["already"] * (PARALLEL - 1) + ["imported"]
    assert Source.objects.count() == 1
    source = Source.objects.get()
    unchanged = [r["output"] for r in results if "already" in r["output"]]
    assert unchanged == [
        f"{article}: already imported as source “{source.title}” (same text); nothing changed.\n"
    ] * (PARALLEL - 1)


def test_parallel_imports_of_different_articles_with_one_title_and_speaker_all_succeed(
    tmp_path,
):
    url = child_database_url(tmp_path)
    paths = []
    for number in range(PARALLEL):
        path = tmp_path / f"article-{number}.txt"
        path.write_text(
            "Port strike enters third week\n\n"
            f'"We will not go back until there is a real offer," said Tomas Reyes, the '
            f"union's leader, on day {number + 15} of the strike.\n"
        )
        paths.append(path)

    results = at_once([("import_source", str(path)) for path in paths], url)

    assert [r["error"] for r in results] == [""] * PARALLEL, results
    assert all(": imported as source" in r["output"] for r in results), results
    assert sorted(Source.objects.values_list("slug", flat=True)) == [
        "port-strike-enters-third-week",
        "port-strike-enters-third-week-2",
        "port-strike-enters-third-week-3",
        "port-strike-enters-third-week-4",
    ]
    assert Speaker.objects.filter(name="Tomas Reyes").count() == 1


def feed(path, numbers) -> str:
    path.write_text(json.dumps([make_review(n) for n in numbers]))
    return str(path)


def test_parallel_claimreview_imports_of_one_file_import_each_item_once(tmp_path):
    url = child_database_url(tmp_path)
    path = feed(tmp_path / "feed.json", range(1, 201))

    results = run_at_once("import_claimreview", "--no-progress", path, database_url=url)

    assert [r["error"] for r in results] == [""] * PARALLEL, results
    summaries = sorted(r["output"].splitlines()[-1].split(" (")[0] for r in results)
    assert summaries == [f"{path}: 200 items read, 0 imported, 200 already there, 0 skipped"] * (
        PARALLEL - 1
    ) + [f"{path}: 200 items read, 200 imported, 0 already there, 0 skipped"]
    assert (Claim.objects.count(), ClaimReviewOrigin.objects.count()) == (200, 200)
    assert Speaker.objects.filter(name="Dana Novak").count() == 1


def test_parallel_claimreview_imports_of_overlapping_files_skip_nothing(tmp_path):
    url = child_database_url(tmp_path)
    paths = [feed(tmp_path / f"feed-{n}.json", range(n * 50, n * 50 + 100)) for n in range(4)]

    results = at_once([("import_claimreview", "--no-progress", path) for path in paths], url)

    assert [r["error"] for r in results] == [""] * PARALLEL, results
    assert not [line for r in results for line in r["output"].splitlines() if "skipped:" in line]
    assert ClaimReviewOrigin.objects.count() == 250


def working_seconds(output: str) -> float:
    """The time an import reports it worked, waiting for another aside."""
    summary = output.splitlines()[-1]
    return float(re.search(r"\(([0-9.]+) s, ", summary).group(1))


def test_parallel_claimreview_imports_each_work_about_as_long_as_one_alone(tmp_path):
    url = child_database_url(tmp_path)
    first, second = (
        feed(tmp_path / "first.json", range(300)),
        feed(tmp_path / "second.json", range(300, 600)),
    )
    (alone,) = at_once([("import_claimreview", "--no-progress", first)], url)

    results = run_at_once("import_claimreview", "--no-progress", second, database_url=url)

    assert [r["error"] for r in (alone, *results)] == [""] * (PARALLEL + 1)
    # Before, the imports waited on each other's unique keys and then wrote their items
    # one at a time, each refused: 4 at once took 10 to 30 times as long as one. Now they
    # queue, and each works about as long as one alone (or less: its items are there).
    limit = 3 * working_seconds(alone["output"]) + 1
    assert [working_seconds(r["output"]) < limit for r in results] == [True] * PARALLEL, (
        alone["output"],
        [r["output"] for r in results],
    )
