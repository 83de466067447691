"""Rate limits that hold (apps/ops/ratelimit.py, apps/api/throttling.py): counted where every
worker sees them, atomically, and for failed token sign-ins too.

The outside test's cases: three gunicorn workers allowed three times the documented rate
(each counted in its own memory), and 400 random tokens in 3 s were all answered 401.
"""

import secrets
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from apps.api.throttling import check_throttle_settings, client_network
from apps.ops import ratelimit
from apps.ops.models import RateCount
from tests.factories import UserFactory
from tests.security.gunicorn_server import production_server, raw_get

# serialized_rollback: the flush after the committing test leaves the rating scale and
# content types as the migrations made them, for the tests that run after.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def statuses(client, count: int, **headers) -> list[int]:
    return [client.get("/api/v1/topics/", **headers).status_code for _ in range(count)]


def random_token() -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Token {secrets.token_hex(20)}"}


# --- shared, atomic counting -----------------------------------------------------------------


@committing
def test_requests_counted_at_once_on_separate_connections_never_pass_the_limit():
    if connection.vendor == "sqlite":
        # The tests' in-memory SQLite refuses a second writer at once ("table is locked")
        # instead of waiting; the three-worker test below covers SQLite, in a file.
        pytest.skip("concurrent writers need PostgreSQL or an SQLite file")
    # Eight threads, each with its own database connection (as eight workers would have),
    # ask together for 10 requests each against one limit of 25.
    allowed, errors = [], []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            allowed.extend(
                ratelimit.take("anon:203.0.113.7", limit=25, period=60).allowed for _ in range(10)
            )
        except Exception as error:  # reported below, with the counts
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (errors, allowed.count(True), allowed.count(False)) == ([], 25, 55)
    assert RateCount.objects.get(key="anon:203.0.113.7").count == 25


@pytest.mark.django_db
def test_a_window_starts_with_the_first_request_and_ends_after_its_period():
    first = ratelimit.take("k", limit=2, period=60, now=1000.0)
    second = ratelimit.take("k", limit=2, period=60, now=1030.0)
    refused = ratelimit.take("k", limit=2, period=60, now=1059.0)
    next_window = ratelimit.take("k", limit=2, period=60, now=1060.0)

    assert [(d.allowed, d.count, d.wait) for d in (first, second, refused, next_window)] == [
        (True, 1, 60.0),
        (True, 2, 30.0),
        (False, 2, 1.0),
        (True, 1, 60.0),
    ]


@pytest.mark.django_db
def test_the_rows_of_ended_windows_are_cleaned_up(monkeypatch):
    ratelimit.take("old", limit=5, period=60, now=1000.0)
    monkeypatch.setattr(ratelimit, "CLEAN_UP_EVERY", 1)

    ratelimit.take("new", limit=5, period=60, now=2000.0)

    kept = RateCount.objects.filter(key__in=["old", "new"]).values_list("key", flat=True)
    assert list(kept) == ["new"]


@pytest.mark.django_db
def test_anonymous_clients_are_counted_per_address_in_the_shared_table(settings):
    settings.API_THROTTLE_ANON = "3/min"
    client = Client()

    first = statuses(client, 4, REMOTE_ADDR="203.0.113.7")
    other = statuses(client, 1, REMOTE_ADDR="203.0.113.8")

    assert (first, other) == ([200, 200, 200, 429], [200])
    counted = RateCount.objects.filter(key__contains="203.0.113.")
    assert dict(counted.values_list("key", "count")) == {
        "anon:203.0.113.7": 3,
        "anon:203.0.113.8": 1,
    }


@pytest.mark.django_db
def test_a_refusal_says_when_to_come_back(settings):
    settings.API_THROTTLE_ANON = "1/hour"
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.get("/api/v1/topics/")

    refused = client.get("/api/v1/topics/")

    assert refused.status_code == 429
    assert 3590 <= int(refused["Retry-After"]) <= 3600


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_an_ipv6_client_is_counted_by_its_64_network(rf, address, counted_as):
    assert client_network(rf.get("/", REMOTE_ADDR=address)) == counted_as


# --- failed token sign-ins -------------------------------------------------------------------


@pytest.mark.django_db
def test_random_invalid_tokens_are_refused_with_429_after_the_limit(settings):
    settings.API_THROTTLE_FAILED_AUTH = "10/min"
    client = Client()

    answers = [client.get("/api/v1/topics/", **random_token()) for _ in range(40)]

    assert [a.status_code for a in answers] == [401] * 10 + [429] * 30
    assert answers[-1].json()["errors"][0]["code"] == "throttled"
    assert 50 <= int(answers[-1]["Retry-After"]) <= 60


@pytest.mark.django_db
def test_after_the_limit_a_valid_token_from_that_address_is_refused_too(settings):
    settings.API_THROTTLE_FAILED_AUTH = "3/min"
    token, _ = Token.objects.get_or_create(user=UserFactory(username="api-editor"))
    valid = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    client = Client()
    statuses(client, 3, **random_token())

    from_there = statuses(client, 1, **valid)
    from_elsewhere = statuses(client, 1, REMOTE_ADDR="198.51.100.4", **valid)
    without_token = statuses(client, 1)

    assert (from_there, from_elsewhere, without_token) == ([429], [200], [200])


@pytest.mark.django_db
def test_valid_tokens_are_not_counted_as_failures(settings):
    settings.API_THROTTLE_FAILED_AUTH = "2/min"
    token, _ = Token.objects.get_or_create(user=UserFactory(username="api-editor"))

    answers = statuses(Client(), 5, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert answers == [200] * 5
    assert not RateCount.objects.filter(key__startswith="auth-failure:").exists()


def test_a_failed_sign_in_rate_that_cannot_be_read_stops_start_up(settings):
    settings.API_THROTTLE_FAILED_AUTH = "often"

    with pytest.raises(ImproperlyConfigured, match="API_THROTTLE_FAILED_AUTH="):
        check_throttle_settings()


# --- under gunicorn, three workers ---------------------------------------------------------


# Both tests that use it run on one pytest-xdist worker (`xdist_group`): it starts once.
@pytest.fixture(scope="module")
def three_workers(tmp_path_factory):
    with production_server(
        tmp_path_factory.mktemp("rates"),
        workers=3,
        API_THROTTLE_ANON="30/min",
        API_THROTTLE_FAILED_AUTH="10/min",
    ) as server:
        yield server


def at_once(port: int, count: int, headers) -> list[int]:
    """`count` requests to the API from 12 threads at once; their statuses."""
    answers = []

    def client(share: int):
        for _ in range(share):
            answers.append(raw_get(port, "/api/v1/topics/", headers())[0])

    threads = [threading.Thread(target=client, args=(count // 12,)) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.slow
@pytest.mark.xdist_group("three_workers")
@pytest.mark.database_independent  # the server's SQLite database, whatever DATABASE_URL says
def test_three_workers_allow_the_documented_rate_not_three_times_it(three_workers):
    answers = at_once(three_workers.port, 120, dict)

    assert (answers.count(200), answers.count(429)) == (30, 90)


@pytest.mark.slow
@pytest.mark.xdist_group("three_workers")
@pytest.mark.database_independent  # the server's SQLite database, whatever DATABASE_URL says
def test_three_workers_refuse_random_tokens_after_the_limit(three_workers):
    answers = at_once(
        three_workers.port, 120, lambda: {"Authorization": f"Token {secrets.token_hex(20)}"}
    )

    # Past the limit, each worker may have one request already checked: at most 2 more 401s.
    assert 10 <= answers.count(401) <= 12
    assert answers.count(429) == 120 - answers.count(401)
