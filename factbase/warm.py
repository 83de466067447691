"""What a process loads lazily, loaded before it serves: gunicorn's master calls
`warm_process()` before it forks the workers (gunicorn.conf.py), so that a new or
recycled worker inherits it all instead of loading it while a request waits.

Measured in a fresh process (bench/README.md, "Recycled together"): its first request
took 400 ms, 285 of them importing the URL configuration and every view behind it; a
first page or API answer 40–65 ms more, compiling its templates.
"""

import logging
from pathlib import Path

logger = logging.getLogger(__name__)


def warm_process() -> None:
    """Import the URL configuration (and so every view), compile every template, and load
    claim matching's model and index (apps/claims/matching/semantic.py, `warm_up`)."""
    from apps.claims.matching.semantic import warm_up

    _import_urls()
    _compile_templates()
    warm_up()


def _import_urls() -> None:
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URL configuration and its views
    resolver.reverse_dict  # noqa: B018 - and builds what reverse() looks up


def _compile_templates() -> None:
    """Every template of every engine, through the engine's (cached) loaders: the compiled
    templates are kept by the loaders, as on a template's first use."""
    from django.template import engines
    from django.template.utils import get_app_template_dirs

    for engine in engines.all():
        directories = [
            *engine.dirs,
            *(get_app_template_dirs("templates") if engine.app_dirs else []),
        ]
        names = {
            path.relative_to(directory).as_posix()
            for directory in map(Path, directories)
            for path in directory.rglob("*")
            if path.is_file() and path.suffix in (".html", ".txt", ".xml")
        }
        for name in sorted(names):
            try:
                engine.get_template(name)
            except Exception:  # warming must never stop the server from starting
                # Compiled (or its error shown) on its first use, as without warming: a
                # library's template for a package not installed (django-filter's crispy
                # form) is one.
                logger.debug("Template %s was not compiled before serving.", name)
