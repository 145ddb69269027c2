"""Password reset for staff, next to the admin login ("Forgotten your password?").

Django's own views, with the admin's templates. They never tell whether an address belongs
to an account: the same "check your inbox" page follows every request, so the form cannot be
used to find out who works in the newsroom.
"""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

# The admin's templates show the site's name rather than "Django administration".
ADMIN_CONTEXT = {
    "site_header": settings.NEWSROOM["SITE_NAME"],
    "site_title": settings.NEWSROOM["SITE_NAME"],
}

urlpatterns = [
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("password_reset_done"),
            extra_context=ADMIN_CONTEXT,
        ),
        # The admin login page links to a URL of this name when it exists.
        name="admin_password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_CONTEXT),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("password_reset_complete"), extra_context=ADMIN_CONTEXT
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_CONTEXT),
        name="password_reset_complete",
    ),
]
