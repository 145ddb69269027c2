from django.urls import path

from taxonomy.kinds import KINDS
from website import term_pages as views

app_name = "taxonomy"

urlpatterns = [
    path("countries/", views.country_index, name="countries"),
    path("fields-of-work/", views.field_index, name="fields"),
    path("structures/", views.structure_index, name="structures"),
    # One page per term of every kind: /countries/austria/, /meetings/<slug>/, ...
    *(
        path(
            f"{kind.path}/<slug:slug>/",
            views.term_detail,
            {"kind": kind},
            name=kind.url_name.removeprefix(f"{app_name}:"),
        )
        for kind in KINDS
    ),
]
