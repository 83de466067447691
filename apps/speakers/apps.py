from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "apps.speakers"
