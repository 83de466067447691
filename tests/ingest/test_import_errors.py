"""Every way an import can fail, each with the message it gives and nothing left behind.

The other ingest tests cover the common failures (empty, truncated, oversized, malformed,
refused by the database); these are the rest of the error paths of the article import, the
ClaimReview import and the dump loader. Imports read local files and streams only: nothing
is fetched over the network (an article's URL is recorded, never downloaded).
"""

import io
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from apps.claims.models import Claim
from apps.ingest.articles import ArticleImporter
from apps.ingest.dump import write_dump
from apps.ingest.errors import IngestError
from apps.ingest.load import load_dump
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker
from tests.factories import UserFactory
from tests.ingest.helpers import empty_instance, published_data_set
from tests.ingest.test_import_claimreview import import_json, make_review

pytestmark = pytest.mark.django_db


def nothing_written() -> dict:
    return {"sources": Source.objects.count(), "quotes": Quote.objects.count()}


# --- articles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "report.pdf",
            b"%PDF-1.4\x00\x01\x02binary",
            "this is not a text or HTML file (it holds binary data)",
        ),
        (
            "bom.txt",
            b"\xef\xbb\xbfExports rose \xff\xfe by 9%.",
            "it is not valid utf-8-sig text: invalid start byte",
        ),
        (
            "noise.bin",
            bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 5,
            "cannot tell its text encoding (is it a text or HTML file?)",
        ),
        (
            "menu.html",
            b"<html><head><title>Menu</title></head><body><script>x()</script></body></html>",
            "no article text found in this HTML",
        ),
    ],
    ids=["binary", "broken-bom", "unknown-encoding", "html-without-text"],
)
def test_an_unreadable_article_fails_with_its_reason_and_writes_nothing(name, data, message):
    outcome = ArticleImporter().import_bytes(data, name=name)

    assert (outcome.status, str(outcome), nothing_written()) == (
        "failed",
        f"{name}: {message}",
        {"sources": 0, "quotes": 0},
    )


def test_an_article_whose_url_is_a_script_is_refused():
    outcome = ArticleImporter().import_text(
        "Exports rose.\nThe minister said so.", name="a.txt", url="javascript:alert(1)"
    )

    assert (outcome.status, str(outcome), nothing_written()) == (
        "failed",
        "a.txt: nothing imported: Enter a valid URL.",
        {"sources": 0, "quotes": 0},
    )


def test_an_empty_quotation_does_not_stop_the_article_s_import():
    text = (
        "Jane Roe spoke at the harbour today.\n"
        '"," she said, and then: "We will rebuild the bridge," she said.'
    )

    outcome = ArticleImporter().import_text(text, name="harbour.txt")

    assert (outcome.status, list(Quote.objects.values_list("text", flat=True))) == (
        "imported",
        ["We will rebuild the bridge"],
    )


def test_import_source_takes_a_url_for_one_file_only(tmp_path):
    paths = []
    for name in ("a.txt", "b.txt"):
        path = tmp_path / name
        path.write_text("Exports rose.\nThe minister said so.")
        paths.append(str(path))

    with pytest.raises(CommandError) as error:
        call_command("import_source", *paths, url="https://news.example/a")

    assert (str(error.value), nothing_written()) == (
        "--url names one article's address: give one file with it.",
        {"sources": 0, "quotes": 0},
    )


@pytest.fixture
def importer_client(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_an_oversized_upload_is_refused_on_the_form_before_it_is_read(importer_client, settings):
    settings.INGEST_MAX_DOCUMENT_BYTES = 100

    response = importer_client.post(
        reverse("admin:ingest_quoteproposal_import"),
        {"file": SimpleUploadedFile("big.txt", b"x" * 101)},
    )

    assert (response.status_code, response.context["form"].errors, nothing_written()) == (
        200,
        {
            "file": [
                "big.txt: it is 101 bytes, over the limit of 100 bytes (INGEST_MAX_DOCUMENT_BYTES)"
            ]
        },
        {"sources": 0, "quotes": 0},
    )


def test_an_upload_the_import_refuses_is_reported_in_the_admin(importer_client):
    message = "big.txt: this is not a text or HTML file (it holds binary data)"

    response = importer_client.post(
        reverse("admin:ingest_quoteproposal_import"),
        {"file": SimpleUploadedFile("big.txt", b"\x00\x01binary")},
        follow=True,
    )

    shown = messages_of(response)
    assert (response.status_code, len(shown), shown[0].startswith(message), nothing_written()) == (
        200,
        1,
        True,
        {"sources": 0, "quotes": 0},
    )


# --- ClaimReview feeds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "failure"),
    [
        (
            b"42",
            "malformed JSON after the first item, near byte 2: the file holds a single JSON "
            "value, not an object or a list",
        ),
        (
            b"   \n  ",
            "the JSON ends before it is complete (truncated?) after the first item, at byte 6",
        ),
        (
            '[{"url": "caf\u00e9"}]'.encode("latin-1"),
            "malformed JSON after the first item, near byte 17: lexical error: invalid bytes in "
            "UTF8 string.",
        ),
    ],
    ids=["scalar", "blank", "not-utf8"],
)
def test_a_feed_that_is_not_json_claimreview_fails_whole(raw, failure):
    report, _ = import_json(raw)

    assert (report.failed, report.imported, Claim.objects.count()) == (failure, 0, 0)


def test_items_with_a_script_url_or_an_overlong_claimant_are_skipped_with_why():
    overlong = make_review(2)
    overlong["itemReviewed"]["author"]["name"] = "N" * 201

    report, skipped = import_json(
        [make_review(1, url="javascript:alert(1)"), overlong, make_review(3)]
    )

    assert (report.imported, skipped) == (
        1,
        [
            "feed.json, item 1 (item 1): skipped: `url` is not a web address: "
            "'javascript:alert(1)'",
            "feed.json, item 2 (item 2): skipped: the claimant's name is longer than "
            "200 characters",
        ],
    )


def test_an_item_nested_too_deep_fails_the_file_naming_the_item_and_byte():
    deep = make_review(3, itemReviewed={"a": {"b": {"c": []}}})
    target = deep["itemReviewed"]["a"]["b"]["c"]
    for _ in range(40):
        target.append([])
        target = target[0]
    feed = {"@type": "DataFeed", "dataFeedElement": [make_review(1), make_review(2), deep]}
    raw = json.dumps(feed).encode()

    report, _ = import_json(raw)

    position = raw.index(b"[[[") + 32 - 5  # the 33rd level: 5 were open before the brackets
    assert (report.failed, Claim.objects.count()) == (
        f"the JSON nests deeper than 32 levels at byte {position:,}, reading item 3: no "
        "ClaimReview nests so deep",
        0,
    )


def test_a_feed_whose_items_come_after_64_kib_is_bounded_too():
    # Past its first 64 KiB the reader follows the file's events, not ijson's items.
    head = json.dumps({"@type": "DataFeed", "description": "x" * 70_000})[:-1]
    raw = f'{head}, "dataFeedElement": [{json.dumps(make_review(1))}, {"[" * 50 + "]" * 50}]}}'

    report, _ = import_json(raw.encode())

    assert report.failed.startswith("the JSON nests deeper than 32 levels at byte 70,")
    assert report.failed.endswith(", reading item 2: no ClaimReview nests so deep")


def test_the_import_command_reports_a_missing_file_and_fails(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps([make_review(1)]))
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("import_claimreview", str(tmp_path / "missing.json"), str(good), stdout=out)

    assert ("missing.json" in out.getvalue(), Claim.objects.count()) == (True, 1)


# --- dumps --------------------------------------------------------------------------------


def dump_lines() -> list[dict]:
    published_data_set()
    out = StringIO()
    write_dump(out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    empty_instance()
    return lines


def load_lines(lines: list) -> str:
    raw = b"\n".join(
        line if isinstance(line, bytes) else json.dumps(line).encode() for line in lines
    )
    with pytest.raises(IngestError) as error:
        load_dump(io.BytesIO(raw), name="dump.ndjson")
    return str(error.value)


def first(lines: list[dict], kind: str) -> int:
    return next(index for index, line in enumerate(lines) if line["type"] == kind)


def test_a_dump_of_another_version_is_refused():
    assert load_lines([{"type": "factbase-dump", "version": 3}]) == (
        "dump.ndjson, line 1: dump version 3; this Factbase reads 1 and 2"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (b'{"type": "widget", "id": "widget:1"}', "unknown type 'widget'"),
        (b'["speaker", 1]', "not a JSON object"),
        (b'{"type": "speaker", "name": "Caf\xe9"}', "not UTF-8 text: invalid continuation byte"),
    ],
    ids=["unknown-type", "not-an-object", "not-utf8"],
)
def test_a_line_that_is_no_object_of_the_dump_stops_the_load(line, problem):
    lines = dump_lines()

    message = load_lines([*lines[:3], line, *lines[3:]])

    assert (message, Speaker.objects.count()) == (f"dump.ndjson, line 4: {problem}", 0)


def test_a_row_the_models_refuse_stops_the_load_with_their_message():
    lines = dump_lines()
    at = first(lines, "speaker")
    lines[at]["wikidata_id"] = "Q0042"

    message = load_lines(lines)

    assert (message, Speaker.objects.count()) == (
        f"dump.ndjson, line {at + 1}: {lines[at]['id']}: “wikidata_id”: A Wikidata id is a Q "
        "followed by "
        "digits, with no leading zero, such as Q7747.",
        0,
    )


def test_a_source_whose_text_does_not_match_its_checksum_is_refused():
    lines = dump_lines()
    at = first(lines, "source")
    lines[at]["text"] += " Altered."

    message = load_lines(lines)

    assert (message, Source.objects.count()) == (
        f"dump.ndjson, line {at + 1}: {lines[at]['id']}: the text does not have the SHA-256 "
        "the dump gives",
        0,
    )


def test_a_passage_that_anchors_elsewhere_than_the_dump_says_is_refused():
    lines = dump_lines()
    at = next(i for i, line in enumerate(lines) if line["type"] == "quote" and line["appearances"])
    appearance = lines[at]["appearances"][0]
    appearance["start"] += 1
    appearance["end"] += 1
    actual = (appearance["start"] - 1, appearance["end"] - 1)

    message = load_lines(lines)

    assert (message, Quote.objects.count()) == (
        f"dump.ndjson, line {at + 1}: {appearance['id']}: the passage anchors at "
        f"{actual[0]}–{actual[1]} (exact), not where the dump says",
        0,
    )


@pytest.mark.parametrize("kind", ["rating", "topic", "speaker", "source", "claim"])
def test_a_line_given_twice_is_refused_naming_the_second(kind):
    lines = dump_lines()
    at = first(lines, kind)
    lines.insert(at + 1, lines[at])

    message = load_lines(lines)

    assert (message, Claim.objects.count()) == (
        f"dump.ndjson, line {at + 2}: {lines[at]['id']}: this id was loaded from an earlier "
        "line already",
        0,
    )


@pytest.mark.parametrize(
    ("kind", "field", "value", "problem"),
    [
        ("speaker", "name", {"first": "Viktor"}, "a string, not an object"),
        ("topic", "name", ["Ports"], "a string, not a list"),
        ("rating", "score", "5", "a whole number, not the string '5'"),
        ("source", "published_on", 20250304, "a date (YYYY-MM-DD), not the number 20250304"),
        ("claim", "rating", {"id": "rating:1"}, "a rating id (“rating:<number>”), not an object"),
        ("claim", "topics", "topic:1", "a list of topic ids, not the string 'topic:1'"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_naming_line_and_field(
    kind, field, value, problem
):
    lines = dump_lines()
    at = first(lines, kind)
    lines[at][field] = value

    message = load_lines(lines)

    assert (message, Speaker.objects.count()) == (
        f"dump.ndjson, line {at + 1}: {lines[at]['id']}: “{field}” must be {problem}",
        0,
    )


def test_an_alias_named_by_an_object_is_refused_naming_the_alias():
    lines = dump_lines()
    at = next(i for i, line in enumerate(lines) if line["type"] == "speaker" and line["aliases"])
    alias = lines[at]["aliases"][0]
    alias["name"] = {"name": "Hale"}

    message = load_lines(lines)

    assert message == (
        f"dump.ndjson, line {at + 1}: {alias['id']}: “name” must be a string, not an object"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            b'{"type": "topic", "id": "topic:9", "name": "Ports", "name": {"x": 1}}',
            "the key “name” appears twice in one object",
        ),
        (
            b'{"type": "rating", "id": "rating:1", "score": NaN}',
            "NaN is not a number JSON allows",
        ),
    ],
    ids=["key-twice", "nan"],
)
def test_json_that_python_would_read_loosely_is_refused(line, problem):
    lines = dump_lines()

    message = load_lines([lines[0], line])

    assert message == f"dump.ndjson, line 2: {problem}"


def test_a_control_character_in_a_dump_is_refused_naming_line_object_and_field():
    lines = dump_lines()
    at = next(i for i, line in enumerate(lines) if line["type"] == "speaker" and line["aliases"])
    alias = lines[at]["aliases"][0]
    alias["name"] = "Ha\x02le"

    message = load_lines(lines)

    assert message == (
        f"dump.ndjson, line {at + 1}: {alias['id']}: “name”: Remove the control character "
        "U+0002 at position 3: text may hold tabs and line breaks, but no other control "
        "characters."
    )
