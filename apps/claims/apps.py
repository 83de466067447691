from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "apps.claims"

    def ready(self):
        from apps.claims import checks  # noqa: F401  (registers the system checks)
