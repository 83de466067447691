from django.views.generic import TemplateView

from apps.claims.models import Claim
from apps.quotes.models import Quote
from apps.sources.models import Source
from apps.speakers.models import Speaker


class HomeView(TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = {
            "claims": Claim.objects.public().count(),
            "quotes": Quote.objects.public().count(),
            "speakers": Speaker.objects.public().count(),
            "sources": Source.objects.public().count(),
        }
        return context
