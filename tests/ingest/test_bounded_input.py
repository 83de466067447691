"""JSON files that would take unbounded memory are refused, in bounded memory, naming the
file and where: ClaimReview files (`import_claimreview`) and dumps (`load_dump`).

Each runs the real command in a child process under a memory cap (tests/ingest/child.py):
before the bounds, the 200 KB file of nested brackets the security test sent ended in a
MemoryError there (23 GB without the cap), and a long line or item was read whole.
"""

import json

import pytest

from tests.ingest.child import child_database_url, run_command

# Not inside a test transaction: the child reads a copy of the database (SQLite's backup
# waits forever on a connection in a transaction), or the database itself.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

NESTED = b"[" * 100_000 + b"]" * 100_000  # 200 KB
HEADER = json.dumps({"type": "factbase-dump", "version": 2}).encode()
# What the child holds besides its input: Python, Django and the apps.
BASELINE_MIB = 250


@pytest.fixture
def database_url(tmp_path) -> str:
    return child_database_url(tmp_path)


def test_import_claimreview_refuses_nested_brackets_in_bounded_memory(tmp_path, database_url):
    path = tmp_path / "nested.json"
    path.write_bytes(NESTED)

    result = run_command(
        "import_claimreview", "--no-progress", str(path), database_url=database_url
    )

    assert (result["output"], result["error"]) == (
        f"{path}: FAILED, nothing imported: the JSON nests deeper than 32 levels at byte 33, "
        "reading item 1: no ClaimReview nests so deep\n",
        "CommandError: 1 of 1 files failed; nothing from them was imported.",
    )


def test_import_claimreview_refuses_an_item_over_its_bound_without_reading_it_whole(
    tmp_path, database_url
):
    path = tmp_path / "big.json"
    statement = "x" * (64 * 1024 * 1024)
    path.write_text(json.dumps([{"url": "https://c.example/1", "claimReviewed": statement}]))

    result = run_command(
        "import_claimreview",
        "--no-progress",
        str(path),
        database_url=database_url,
        env={"INGEST_MAX_ITEM_BYTES": str(1024 * 1024)},
    )

    assert (result["output"], result["error"]) == (
        f"{path}: FAILED, nothing imported: more than 1,048,576 bytes (INGEST_MAX_ITEM_BYTES) "
        "without the item's end, at byte 1,179,648, reading item 1: an item is read whole, so "
        "it must be smaller\n",
        "CommandError: 1 of 1 files failed; nothing from them was imported.",
    )
    assert result["peak_mib"] < BASELINE_MIB


def test_load_dump_refuses_a_nested_line_in_bounded_memory(tmp_path, database_url):
    path = tmp_path / "nested.ndjson"
    path.write_bytes(HEADER + b"\n" + NESTED + b"\n")

    result = run_command("load_dump", str(path), database_url=database_url)

    assert result["error"] == (
        f"CommandError: {path}, line 2: the JSON nests deeper than 32 levels at byte 33 of the "
        "line (no dump line nests so deep) (nothing was loaded)"
    )


def test_load_dump_refuses_a_long_line_without_reading_it_whole(tmp_path, database_url):
    path = tmp_path / "long.ndjson"
    topic = {"id": "topic:1", "type": "topic", "name": "x" * (64 * 1024 * 1024)}
    path.write_bytes(HEADER + b"\n" + json.dumps(topic).encode() + b"\n")

    result = run_command(
        "load_dump",
        str(path),
        database_url=database_url,
        env={"INGEST_MAX_LINE_BYTES": str(1024 * 1024)},
    )

    assert result["error"] == (
        f"CommandError: {path}, line 2: the line is longer than the limit of 1,048,576 bytes "
        "(INGEST_MAX_LINE_BYTES); a line is read whole, so it must be shorter (nothing was "
        "loaded)"
    )
    assert result["peak_mib"] < BASELINE_MIB
