from django.urls import path

from website import term_pages as views

app_name = "taxonomy"

urlpatterns = [
    path("countries/", views.country_index, name="countries"),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
    path("fields-of-work/", views.field_index, name="fields"),
    path("fields-of-work/<slug:slug>/", views.field_detail, name="field"),
    path("structures/", views.structure_index, name="structures"),
    path("structures/<slug:slug>/", views.structure_detail, name="structure"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting"),
]
