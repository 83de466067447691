"""Sign-in attempts are limited: 5 failures for a user name from an address lock that pair
out for an hour (django-axes), with a page that says so."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor_login(superuser):
    superuser.set_password(PASSWORD)
    superuser.save()
    return superuser.username


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def fail(client, username, times, **extra):
    return [sign_in(client, username, "wrong password", **extra).status_code for _ in range(times)]


def test_four_failures_still_allow_signing_in(client, editor_login):
    failures = fail(client, editor_login, 4)

    response = sign_in(client, editor_login, PASSWORD)

    assert (failures, response.status_code, response["Location"]) == ([200] * 4, 302, "/admin/")


def test_five_failures_lock_the_user_name_out_even_with_the_right_password(client, editor_login):
    failures = fail(client, editor_login, 5)

    response = sign_in(client, editor_login, PASSWORD)

    assert (failures, response.status_code, response["Retry-After"]) == (
        [200, 200, 200, 200, 429],
        429,
        "3600",
    )


def test_lockout_page_says_why_and_for_how_long(client, editor_login):
    fail(client, editor_login, 5)

    content = sign_in(client, editor_login, PASSWORD).content.decode()

    assert [
        "<h1>Too many failed sign-in attempts</h1>" in content,
        "after 5 failed attempts" in content,
        "Try again in 1 hour." in content,
        "axes_reset_username" in content,
    ] == [True, True, True, True]


def test_lockout_holds_for_that_user_name_from_that_address_only(client, editor_login):
    fail(client, editor_login, 5, REMOTE_ADDR="203.0.113.7")

    other_address = sign_in(client, editor_login, PASSWORD, REMOTE_ADDR="198.51.100.2")

    assert other_address.status_code == 302


def test_lockout_ends_after_the_cool_off(client, editor_login):
    fail(client, editor_login, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))

    response = sign_in(client, editor_login, PASSWORD)

    assert response.status_code == 302


def test_a_successful_sign_in_forgets_earlier_failures(client, editor_login):
    fail(client, editor_login, 4)
    sign_in(client, editor_login, PASSWORD)
    client.logout()

    failures = fail(client, editor_login, 4)

    assert failures == [200] * 4


def test_behind_a_proxy_clients_are_told_apart_by_forwarded_address(client, editor_login, settings):
    settings.FACTBASE_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    fail(client, editor_login, 5, **proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")

    other_client = sign_in(
        client, editor_login, PASSWORD, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.2"
    )

    assert other_client.status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, editor_login, settings):
    # With no proxy in front, X-Forwarded-For is whatever the client wrote: ignored.
    settings.FACTBASE_PROXY_COUNT = 0
    fail(client, editor_login, 5, HTTP_X_FORWARDED_FOR="203.0.113.7")

    forged = sign_in(client, editor_login, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert forged.status_code == 429
