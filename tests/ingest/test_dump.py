import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from apps.claims import workflow
from apps.claims.models import Claim
from apps.ingest.dump import write_dump
from apps.ingest.errors import IngestError
from apps.ingest.load import load_dump
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.sources.services import source_update
from apps.speakers.models import Speaker
from tests import factories
from tests.ingest.helpers import empty_instance, published_data_set

pytestmark = pytest.mark.django_db


def dump_lines() -> list[dict]:
    out = StringIO()
    write_dump(out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def dump_bytes() -> bytes:
    out = StringIO()
    write_dump(out)
    return out.getvalue().encode()


def test_a_dump_loaded_into_an_empty_instance_dumps_the_same():
    published_data_set()
    first = dump_bytes()
    empty_instance()

    counts = load_dump(io.BytesIO(first), name="dump.ndjson")

    second = dump_bytes()
    assert second.splitlines()[1:] == first.splitlines()[1:]  # all but the dated header
    assert counts == {
        "rating": 6,
        "topic": 1,
        "publisher": 2,
        "speaker": 2,
        "source": 2,
        "quote": 2,
        "claim": 3,
    }


def test_every_line_is_one_object_with_a_stable_id():
    published_data_set()

    lines = dump_lines()

    assert lines[0]["type"] == "factbase-dump"
    ids = [line["id"] for line in lines[1:]]
    assert len(ids) == len(set(ids))
    hale = Speaker.objects.get(slug="viktor-hale")
    speaker_line = next(line for line in lines if line.get("id") == f"speaker:{hale.pk}")
    assert (speaker_line["name"], [a["name"] for a in speaker_line["aliases"]]) == (
        "Viktor Hale",
        ["Hale"],
    )


def test_the_dump_holds_nothing_that_is_not_public():
    data = published_data_set()
    drafts = data["drafts"]

    lines = dump_lines()

    ids = {line.get("id") for line in lines}
    assert {
        f"speaker:{drafts['speaker'].pk}",
        f"source:{drafts['source'].pk}",
        f"quote:{drafts['quote'].pk}",
        f"claim:{drafts['claim'].pk}",
    } & ids == set()
    drafted = Claim.objects.get(slug="grain-prices-fell")
    assert (
        next(line for line in lines if line.get("id") == f"claim:{drafted.pk}")["claimant"] is None
    )


def test_a_translation_keeps_its_link_to_the_original():
    data = published_data_set()
    first = dump_bytes()
    empty_instance()

    load_dump(io.BytesIO(first), name="dump.ndjson")

    translation = Quote.objects.get(pk=data["translation"].pk)
    assert translation.translation_of_id == data["translation"].translation_of_id


def test_loading_into_an_instance_that_is_not_empty_is_refused():
    published_data_set()
    first = dump_bytes()

    with pytest.raises(IngestError) as error:
        load_dump(io.BytesIO(first), name="dump.ndjson")

    assert str(error.value).startswith("dump.ndjson: this instance is not empty (it has topics,")


def test_a_bad_line_stops_the_load_naming_it_and_writes_nothing():
    published_data_set()
    lines = dump_bytes().splitlines()
    empty_instance()
    lines[5] = b'{"type": "speaker", "id": "speaker:x"}'

    with pytest.raises(IngestError) as error:
        load_dump(io.BytesIO(b"\n".join(lines)), name="dump.ndjson")

    assert str(error.value) == (
        "dump.ndjson, line 6: speaker:x: missing or malformed field: 'name'"
    )
    assert (Speaker.objects.count(), Claim.objects.count()) == (0, 0)


def test_a_truncated_dump_is_refused_naming_the_last_line():
    published_data_set()
    raw = dump_bytes()[:-30]
    line_count = raw.count(b"\n") + 1
    empty_instance()

    with pytest.raises(IngestError) as error:
        load_dump(io.BytesIO(raw), name="dump.ndjson")

    assert str(error.value).startswith(
        f"dump.ndjson, line {line_count}: not a JSON object (truncated?)"
    )
    assert Speaker.objects.count() == 0


def test_a_file_that_is_not_a_dump_is_refused():
    with pytest.raises(IngestError) as error:
        load_dump(io.BytesIO(b'{"@type": "DataFeed"}\n'), name="feed.json")

    assert str(error.value) == "feed.json, line 1: not a Factbase dump (no “factbase-dump” header)"


def test_an_oversized_dump_is_refused(settings):
    settings.INGEST_MAX_FEED_BYTES = 50

    with pytest.raises(IngestError) as error:
        load_dump(
            io.BytesIO(
                b'{"type": "factbase-dump", "version": 1, "padding": "' + b"x" * 60 + b'"}\n'
            ),
            name="d",
        )

    assert (
        str(error.value)
        == "d, line 1: the file is over the limit of 50 bytes (INGEST_MAX_FEED_BYTES)"
    )


def test_the_commands_dump_and_load_through_files(tmp_path):
    published_data_set()
    path = tmp_path / "dump.ndjson"
    call_command("dump", "-o", str(path))
    empty_instance()
    out = StringIO()

    call_command("load_dump", str(path), stdout=out)

    # The test's transaction never commits, so the claims' similar claims, found after a
    # commit, are not: the command says how to find them (tests/claims/test_claim_neighbours.py).
    assert out.getvalue().splitlines()[0] == (
        "Loaded 6 ratings, 1 topics, 2 publishers, 2 speakers, 2 sources, 2 quotes, 3 claims."
    )


def test_the_load_command_says_nothing_was_loaded_when_it_fails(tmp_path):
    path = tmp_path / "missing.ndjson"

    with pytest.raises(CommandError) as error:
        call_command("load_dump", str(path))

    assert str(error.value) == f"{path}: cannot read the file: No such file or directory"


def test_the_public_record_of_change_survives_a_dump_and_a_load():
    data = published_data_set()
    article = Source.objects.get(slug="hale-defends-budget")
    source_update(source=article, text="Updated. " + article.text, text_change_note="A line added.")
    reviewer = factories.UserFactory(is_superuser=True, is_staff=True)
    workflow.claim_retract(claim=data["claims"][1], actor=reviewer, note="A misreading.")
    first = dump_bytes()
    empty_instance()

    load_dump(io.BytesIO(first), name="dump.ndjson")

    assert dump_bytes().splitlines()[1:] == first.splitlines()[1:]
    restored = Source.objects.get(slug="hale-defends-budget")
    retracted = Claim.objects.get(slug="council-sold-grain")
    assert (
        restored.text_version,
        list(restored.versions.values_list("number", "change_note")),
        retracted.status,
        list(retracted.corrections.values_list("kind", "note")),
    ) == (2, [(1, "A line added.")], "retracted", [("retraction", "A misreading.")])
