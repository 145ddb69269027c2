"""Telling authors what happened to what they submitted: sent back with a comment, published
or scheduled by an editor. Mail leaves through the task queue, after the response."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from press.models import PressRelease, ReleaseTransition, Status

# The steps an author hears about: (from, to) -> what the subject says.
TOLD = {
    (Status.IN_REVIEW, Status.DRAFT): "returned",
    (Status.IN_REVIEW, Status.PUBLISHED): "published",
    (Status.DRAFT, Status.PUBLISHED): "published",
}


def concerns_the_authors(step: ReleaseTransition) -> bool:
    return (step.from_status, step.to_status) in TOLD


@task
def mail_authors(transition_id: int) -> None:
    """Mail the release's author and co-authors about one workflow step by someone else."""
    step = (
        ReleaseTransition.objects.select_related("release__created_by", "by")
        .filter(pk=transition_id)
        .first()
    )
    if step is None:
        return
    release: PressRelease = step.release
    people = [release.created_by, *release.shared_with.all()]
    addresses = sorted(
        {p.email for p in people if p and p.is_active and p.email and p.pk != step.by_id}
    )
    if not addresses:
        return
    who = (step.by.get_full_name() or step.by.get_username()) if step.by else _("An editor")
    link = settings.NEWSROOM["SITE_URL"] + reverse(
        "admin:press_pressrelease_change", args=[release.pk]
    )
    if TOLD[(step.from_status, step.to_status)] == "returned":
        subject = _("Sent back to you: %(title)s") % {"title": release.title}
        lead = _("%(who)s returned your release to draft.") % {"who": who}
    elif release.is_scheduled:
        when = date_format(timezone.localtime(release.published_at), "DATETIME_FORMAT")
        subject = _("Scheduled: %(title)s") % {"title": release.title}
        lead = _("%(who)s scheduled your release; it goes live on %(when)s.") % {
            "who": who,
            "when": when,
        }
    else:
        subject = _("Published: %(title)s") % {"title": release.title}
        lead = _("%(who)s published your release.") % {"who": who}
    lines = [lead, ""]
    if step.note:
        lines += [_("Comment:"), step.note, ""]
    lines += [_("Open it in the newsroom: %(link)s") % {"link": link}]
    send_mail(subject, "\n".join(lines), None, addresses)
