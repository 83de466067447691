from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "apps.api"
    verbose_name = "REST API"

    def ready(self):
        # Fail at start-up, naming the variable, rather than on the first throttled request.
        from apps.api.throttling import check_throttle_settings

        check_throttle_settings()

        from apps.api.reader_keys import declare_endpoints

        # What each endpoint shows, for the response cache (apps/ops/staleness.py).
        declare_endpoints()
