"""Reading rendered pages the way a reader (or a crawler) sees them."""

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html


def page(response, status: int = 200) -> lxml.html.HtmlElement:
    """The response's HTML, parsed; fails the test unless it is an HTML page with `status`."""
    assert (response.status_code, response["Content-Type"]) == (
        status,
        "text/html; charset=utf-8",
    )
    return lxml.html.fromstring(response.content.decode())


def texts(tree, xpath: str) -> list[str]:
    """The whitespace-normalised text of every element `xpath` selects."""
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]


def hrefs(tree, xpath: str = ".//a") -> list[str]:
    return [element.get("href") for element in tree.xpath(xpath)]


def visible_text(response) -> str:
    """Everything a page, feed or sitemap says, markup included, as one string."""
    return response.content.decode()


@dataclass
class Crawl:
    """What a crawl of the site found: each page's response, and every link with a #fragment."""

    responses: dict = field(default_factory=dict)
    fragment_links: list = field(default_factory=list)  # (on page, to path, fragment)


def crawl(client, start: list[str], *, limit: int = 500) -> Crawl:
    """Follow every link on the site from `start`, as a search engine would.

    Reads `<a href>` and `<link href>` in pages and `<loc>` in sitemaps; stays on the site
    and out of /admin/ and /static/. Redirects are followed, so a link answers with where it
    lands.
    """
    found = Crawl()
    queue = list(start)
    while queue:
        url = queue.pop(0)
        if url in found.responses:
            continue
        assert len(found.responses) < limit, f"more than {limit} pages: is a link looping?"
        response = client.get(url, follow=True)
        found.responses[url] = response
        if response.status_code != 200:
            continue
        for href in _links(response):
            target = urljoin(f"http://testserver{url}", href)
            parts = urlsplit(target)
            if parts.netloc != "testserver" or parts.path.startswith(("/admin/", "/static/")):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.fragment:
                found.fragment_links.append((url, path, parts.fragment))
            queue.append(path)
    return found


def _links(response) -> list[str]:
    content_type = response["Content-Type"]
    if content_type.startswith("text/html"):
        tree = lxml.html.fromstring(response.content.decode())
        return tree.xpath("//a/@href | //link/@href")
    if content_type == "application/xml":
        tree = lxml.etree.fromstring(response.content)
        return tree.xpath("//*[local-name()='loc']/text()")
    return []
