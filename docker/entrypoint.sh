#!/bin/sh
# Web container start-up: migrate, load the demo data set (once, and only with LOAD_DEMO=1),
# then hand the process over to gunicorn.
# Given a command instead (`docker compose run --rm web python manage.py createsuperuser`),
# it runs that command alone.
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

# A migration may rebuild an index for longer than the statement limit requests live by.
DB_STATEMENT_TIMEOUT=0 python manage.py migrate --no-input

if [ "${LOAD_DEMO:-0}" = "1" ]; then
    python manage.py load_demo
fi

# gunicorn.conf.py: which proxies are believed, timeouts, worker recycling, no access log
# (Django logs each request with its id); the Dockerfile sets GUNICORN_BIND=0.0.0.0:8000.
exec gunicorn --config /app/gunicorn.conf.py
