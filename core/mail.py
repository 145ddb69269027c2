"""Mail that leaves after the response, through the task queue (see ``core.tasks``)."""

from django.contrib.auth.forms import PasswordResetForm
from django.tasks import task


@task
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Mail a reset link to every active account with this address; there may be none.

    The accounts are looked up here rather than in the request, so a request for an unknown
    address does exactly the same work as one for a staff member's.
    """
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)
