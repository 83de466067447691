"""Security headers on every kind of page: public, admin, API, API reference, errors."""

import pytest
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from apps.claims.demo import load_demo
from apps.claims.models import Claim
from apps.ops.csp import FactbaseCSPMiddleware

SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
)
STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: sources} (its order is not fixed)."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


def security_headers(response) -> dict[str, str]:
    return {name: response.get(name) for name in SECURITY_HEADERS}


@pytest.mark.parametrize("path", ["/", "/claims/", "/no-such-page/", "/admin/login/", "/healthz"])
def test_pages_carry_the_security_headers(client, db, path):
    response = client.get(path)

    assert security_headers(response) == {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@pytest.mark.parametrize("path", ["/", "/claims/", "/no-such-page/", "/admin/login/"])
def test_pages_carry_the_strict_content_security_policy(client, db, path):
    assert policy(client.get(path)) == STRICT_POLICY


def test_api_reference_may_use_inline_styles_and_a_blob_worker_but_no_inline_script(client, db):
    # Redoc builds its styles in the browser and runs its search in a blob: worker.
    response = client.get("/api/v1/docs/")

    assert (response.status_code, policy(response)) == (
        200,
        {
            **STRICT_POLICY,
            "style-src": ["'self'", "'unsafe-inline'"],
            "worker-src": ["blob:"],
        },
    )


def test_browsable_api_may_use_inline_styles_but_no_inline_script(client, db):
    response = client.get("/api/v1/claims/", headers={"Accept": "text/html"})

    assert (response.status_code, policy(response)) == (
        200,
        {**STRICT_POLICY, "style-src": ["'self'", "'unsafe-inline'"]},
    )


def test_api_reference_page_has_no_inline_script(client, db):
    # The strict script-src holds there too; this keeps the template honest about it.
    content = client.get("/api/v1/docs/").content.decode()

    scripts = content.split("<script")[1:]
    assert [s.split(">")[0].strip().startswith("src=") for s in scripts] == [True]


def test_public_pages_have_no_inline_script_other_than_json_ld(client, db):
    load_demo()
    claim = Claim.objects.public().first()

    content = client.get(claim.get_absolute_url()).content.decode()

    openings = [s.split(">")[0] for s in content.split("<script")[1:]]
    # The search box's suggestions, JSON-LD (data, not script), and the share panel's copy
    # buttons, the scripts from this site.
    assert openings == [
        ' src="/static/js/suggest.js" defer',
        ' type="application/ld+json"',
        ' src="/static/js/share.js" defer',
    ]


# --- with HTTPS on (FACTBASE_HTTPS=1 sets these; see test_production_settings.py) ------


@pytest.fixture
def https_on(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def test_https_pages_carry_hsts_for_a_year_with_subdomains(client, db, https_on):
    response = client.get("/", secure=True)

    assert (response.status_code, response["Strict-Transport-Security"]) == (
        200,
        "max-age=31536000; includeSubDomains",
    )


def test_hsts_preload_is_sent_only_when_opted_in(client, db, https_on, settings):
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https(client, db, https_on):
    response = client.get("/claims/?rating=false")

    assert (response.status_code, response["Location"]) == (
        301,
        "https://testserver/claims/?rating=false",
    )


def test_the_proxy_header_marks_a_request_secure(client, db, https_on):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})

    assert (response.status_code, "Strict-Transport-Security" in response) == (200, True)


def test_admin_cookies_are_secure_and_http_only_over_https(client, db, https_on, superuser):
    superuser.set_password("correct-horse-battery-staple")
    superuser.save()

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser.username, "password": "correct-horse-battery-staple"},
        secure=True,
    )

    session = response.cookies["sessionid"]
    assert (response.status_code, session["secure"], session["httponly"], session["samesite"]) == (
        302,
        True,
        True,
        "Lax",
    )


@pytest.mark.parametrize(
    "path", ["/", "/claims/", "/no-such-page/", "/api/v1/docs/", "/api/v1/claims/"]
)
def test_the_policy_kept_per_prefix_is_django_csps(client, db, path):
    # apps/ops/csp.py builds a plain response's policy once per prefix; django-csp's own
    # middleware (with the prefixes' updates) builds it every time.
    first, kept = client.get(path), client.get(path)
    middleware = FactbaseCSPMiddleware(lambda r: None)
    request = RequestFactory().get(path)
    middleware.process_request(request)
    built = CSPMiddleware.process_response(middleware, request, HttpResponse())

    assert policy(first) == policy(kept) == policy(built)
    assert "Content-Security-Policy-Report-Only" not in kept


def test_a_changed_policy_setting_is_not_kept_over(client, db, settings):
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'self'"]}}

    response = client.get("/")

    assert policy(response) == {"default-src": ["'none'"]}
    # (django-csp adds its default `default-src 'self'`.)
    assert "img-src 'self'" in response["Content-Security-Policy-Report-Only"].split("; ")


def test_a_response_with_a_policy_of_its_own_gets_it(rf):
    request = rf.get("/")
    middleware = FactbaseCSPMiddleware(lambda r: None)
    middleware.process_request(request)
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://example.org"]}

    middleware.process_response(request, response)

    assert policy(response)["img-src"] == ["'self'", "data:", "https://example.org"]
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
