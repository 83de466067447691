"""Reads behind the public pages, feeds and sitemap, a module per part of the site
(claims, quotes, speakers, sources, topics); how much a page shows is in apps/web/limits.py,
and the old-slug redirects in apps/web/slugs.py.

Visibility is never decided here: every read goes through the one `public()` method of each
model, including nested data (a claim's quote, a source's appearances, a speaker's counts),
through `Prefetch(..., queryset=X.objects.public())` or `__in=X.objects.public()`. A forward
relation prefetched through `public()` reads as None when its target is not public, so a
template cannot reach a draft speaker through a published claim.

Each function's docstring names the queries it costs, because the page query-count tests
hold every page to a fixed budget whatever the amount of data behind it.
"""

from apps.web.selectors import claims, quotes, sources, speakers, topics

__all__ = ["claims", "quotes", "sources", "speakers", "topics"]
