"""Time the sitemap index and every file it lists, on DATABASE_URL's data.

    DATABASE_URL=postgres://…/sm_bench .venv/bin/python manage.py generate_data \\
        --settings=bench.settings --quotes 200000
    DATABASE_URL=postgres://…/sm_bench .venv/bin/python -m bench.sitemap

Requests go through Django's test client in this process (no server, no response cache:
DEBUG's default keeps it off), so the figures are the render's own: seconds, bytes and
addresses per file.
"""

import os
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.test import Client

    client = Client()
    client.get("/sitemap.xml")  # warm-up: imports, URL resolver, connection
    started = time.perf_counter()
    response = client.get("/sitemap.xml")
    elapsed = time.perf_counter() - started
    files = [loc.text for loc in ET.fromstring(response.content).iter(f"{NS}loc")]
    print(f"/sitemap.xml  {elapsed:.2f} s  {len(files)} files")
    total, slowest = 0, 0.0
    for url in files:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        addresses = response.content.count(b"<url>")
        total, slowest = total + addresses, max(slowest, elapsed)
        print(
            f"{path}  {response.status_code}  {elapsed:.2f} s  "
            f"{len(response.content) / 1e6:.1f} MB  {addresses:,} addresses"
        )
    print(f"{total:,} addresses in {len(files)} files; slowest file {slowest:.2f} s")


if __name__ == "__main__":
    main()
