#!/bin/sh
# Web container start-up: migrate, load the demo data set (once; LOAD_DEMO=0 skips it),
# then hand the process over to gunicorn.
# Given a command instead (`docker compose run --rm web python manage.py createsuperuser`),
# it runs that command alone.
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

# A migration may rebuild an index for longer than the statement limit requests live by.
DB_STATEMENT_TIMEOUT=0 python manage.py migrate --no-input

if [ "${LOAD_DEMO:-1}" != "0" ]; then
    python manage.py load_demo
fi

# No gunicorn access log: Django logs one line per request itself, with its request id
# (and as JSON with LOG_FORMAT=json); gunicorn's own errors still go to standard error.
exec gunicorn factbase.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-3}"
