"""The product's settings with the benchmarks installed: their management commands.

    .venv/bin/python manage.py bench_compare --settings=bench.settings
    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python manage.py generate_data --quotes 1000

A settings module of its own (Django's way to run the same project for another purpose)
rather than a switch in factbase/settings.py: the product's settings, and the image built
from them, never name the benchmarks. The servers the benchmarks start run the product's
settings (bench/compare/servers.py says so).
"""

from factbase.settings import *  # noqa: F403
from factbase.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
