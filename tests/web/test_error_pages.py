"""The 404 and 500 pages, in the site's own layout."""

from django.test import Client
from django.urls import path

from factbase.urls import urlpatterns as site_urlpatterns
from tests.web.helpers import page, texts


def test_unknown_address_answers_404_in_the_sites_layout(client, db):
    tree = page(client.get("/no/such/page/"), status=404)

    assert texts(tree, "//h1") == ["Page not found"]
    assert tree.xpath("//nav[@aria-label='Main']//a/@href")[:1] == ["/claims/"]


def _fail(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _fail), *site_urlpatterns]


def test_server_error_answers_500_in_the_sites_layout(db, settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    tree = page(response, status=500)
    assert texts(tree, "//h1") == ["Something went wrong on our side"]
    assert texts(tree, "//title") == ["Something went wrong — Factbase"]
