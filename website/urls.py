from django.urls import path

from website import events, feeds, views

app_name = "press"

urlpatterns = [
    path("", views.release_list, name="list"),
    path("feed/", feeds.ReleaseFeed(), name="feed"),
    path("feed/atom/", feeds.AtomReleaseFeed(), name="feed-atom"),
    path("<slug:slug>/", views.release_detail, name="detail"),
    path("<slug:slug>/event.ics", events.release_calendar, name="event-calendar"),
]
