"""Small conventions crawlers and readers expect: HEAD on robots.txt, no empty canonical."""

from django.test import Client

from tests.web.helpers import page


def test_robots_txt_answers_head_like_get(client, db):
    get = client.get("/robots.txt")

    head = client.head("/robots.txt")

    assert (head.status_code, head["Content-Type"], head.content) == (
        200,
        "text/plain; charset=utf-8",
        b"",
    )
    assert head["Cache-Control"] == get["Cache-Control"]


def test_robots_txt_still_refuses_post(client, db):
    assert client.post("/robots.txt").status_code == 405


def test_production_404_has_no_canonical_link(db, settings):
    settings.DEBUG = False

    tree = page(Client().get("/no/such/page/"), status=404)

    assert tree.xpath("//link[@rel='canonical']") == []


def test_pages_keep_their_canonical_link(client, db):
    tree = page(client.get("/method/"))

    assert tree.xpath("//link[@rel='canonical']/@href") == ["http://testserver/method/"]
