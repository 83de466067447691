# Factbase web image: gunicorn serving Django, static files by WhiteNoise.
# Build and run with docker compose (see docker-compose.yml); settings come from the
# environment (.env.example lists them).
FROM python:3.11-slim

# Keep in step with UV_VERSION in the Makefile (.ci/run checks that they match).
ARG UV_VERSION=0.13.9

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PATH="/app/.venv/bin:${PATH}"

RUN pip install "uv==${UV_VERSION}" \
    && groupadd --system --gid 10001 factbase \
    && useradd --system --uid 10001 --gid factbase --home-dir /home/factbase --create-home \
        --shell /usr/sbin/nologin factbase

WORKDIR /app

# Dependencies first, from the lock file only, so code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --python /usr/local/bin/python3

COPY . .

# Static files are collected into the image; the key is a throwaway used for this step only.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret-used-for-this-one-build-step ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --no-input \
    && chmod 0755 docker/entrypoint.sh docker/healthcheck.py

# The factbase user made above, by number so Kubernetes-style runAsNonRoot can verify it.
USER 10001:10001

# gunicorn reads gunicorn.conf.py (the entrypoint names it); in a container it listens on
# every interface, and only the port compose publishes reaches it.
ENV DEBUG=0 \
    GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
