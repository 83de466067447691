from django.urls import path

from apps.web import feeds, sharing, views

app_name = "web"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/<slug:slug>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<slug:slug>/card.png", sharing.claim_card, name="claim-card"),
    path("claims/<slug:slug>/embed/", sharing.claim_embed, name="claim-embed"),
    path("quotes/", views.QuoteListView.as_view(), name="quote-list"),
    path("quotes/<int:pk>/", views.QuoteDetailView.as_view(), name="quote-detail"),
    path("speakers/", views.SpeakerListView.as_view(), name="speaker-list"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker-detail"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("sources/<slug:slug>/text.txt", views.source_text, name="source-text"),
    path(
        "sources/<slug:slug>/versions/", views.SourceVersionsView.as_view(), name="source-versions"
    ),
    path(
        "sources/<slug:slug>/versions/<int:number>/",
        views.SourceVersionView.as_view(),
        name="source-version",
    ),
    path(
        "sources/<slug:slug>/versions/<int:number>.txt",
        views.source_text,
        name="source-version-text",
    ),
    path("topics/", views.TopicListView.as_view(), name="topic-list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("corrections/", views.CorrectionListView.as_view(), name="correction-list"),
    path("method/", sharing.MethodView.as_view(), name="method"),
    path("feeds/claims/", feeds.ClaimsFeed(), name="feed-claims"),
    path("feeds/corrections/", feeds.CorrectionsFeed(), name="feed-corrections"),
    path("feeds/speakers/<slug:slug>/", feeds.SpeakerClaimsFeed(), name="feed-speaker"),
    path("feeds/topics/<slug:slug>/", feeds.TopicClaimsFeed(), name="feed-topic"),
    path("robots.txt", views.robots_txt, name="robots"),
]
