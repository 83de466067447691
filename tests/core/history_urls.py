"""A test-only URLconf: a view that writes through a service without passing the user."""

from django.http import HttpResponse
from django.urls import path

from apps.speakers.services import speaker_create


def create_speaker(request):
    speaker = speaker_create(name=request.POST["name"])
    return HttpResponse(str(speaker.pk), status=201)


urlpatterns = [path("speakers/", create_speaker)]
