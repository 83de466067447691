from django.conf import settings


def site(request):
    """The organisation's name, for page titles and footers."""
    return {"organisation_name": settings.FACTBASE_ORGANISATION_NAME}
