from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("preferences/<str:token>/", views.preferences, name="preferences"),
    path("preferences/<str:token>/my-data.json", views.my_data, name="my-data"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
