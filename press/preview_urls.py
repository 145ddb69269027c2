from django.urls import path

from press import preview

app_name = "press_preview"

urlpatterns = [
    path("<str:token>/", preview.preview, name="preview"),
]
