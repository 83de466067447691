from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "apps.web"

    def ready(self):
        from apps.web.reader_keys import declare_pages

        # What each page shows, for the response cache (apps/ops/staleness.py).
        declare_pages()
