from django.urls import path

from website import press_room

app_name = "press-room"

urlpatterns = [
    path("", press_room.room, name="room"),
    path("request/", press_room.request_access, name="request"),
    path("login/", press_room.PressRoomLoginView.as_view(), name="login"),
    path("<slug:slug>/", press_room.release, name="release"),
]
