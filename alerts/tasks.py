"""The alerts' work, run by the Celery worker (``alerts.worker``).

- ``match_releases``: a release that went live is matched once against every
  subscription (``alerts.matching``); each match is a ``Delivery`` row, unique per
  subscription and release, so matching twice never makes a second one.
- ``scan`` (every minute, from beat): notices scheduled releases that went live since,
  matches them, reports deliveries whose worker stopped mid-send, sends what waits.
- ``send_immediate``, ``send_digests``: each delivery is claimed (committed) before its
  mail leaves, so no two workers, and no restarted worker, send it twice.

Changes to a release already announced send nothing, minor or major (a public change note,
"Updated …: corrected the figures"): its ``Announcement`` row says it was matched, and
matching never runs twice. Deliberately so for major changes too: subscribers asked for new
releases, and "exactly once per subscriber and release" is the promise the sign-up page
makes; a correction mail to everyone who had the first one would be a second mail per
release, sent for changes of every size. Readers meet the correction where the release
lives: on its page ("Updated" and the change history) and in the feeds, whose entry is
updated with the note.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
import time

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts import mails
from alerts.matching import (
    fresh_releases,
    indexed,
    listing_for,
    matching_queries,
    sendable,
    use_current_generation,
)
from alerts.models import (
    Announcement,
    Delivery,
    DeliveryStatus,
    Frequency,
    Subscription,
)
from alerts.tokens import SubscriptionRequest
from alerts.worker import app
from press.models import PressRelease

logger = logging.getLogger(__name__)

# A mail server's answers: refused for good, or not reached (try again later).
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)
MAIL_ERRORS = (smtplib.SMTPException, OSError)
# A claim older than this belongs to a worker that stopped.
CLAIM_LEASE = datetime.timedelta(minutes=15)


@app.task(name="alerts.send_confirmation", ignore_result=True)
def send_confirmation(email: str, query: str, frequency: str, language: str) -> None:
    """The double opt-in mail. Sent whether or not the address subscribes already: the
    answer to signing up must not tell."""
    use_current_generation()
    description = listing_for(query).describe()
    request = SubscriptionRequest(email, query, frequency, language)
    mails.confirmation(request, description).send()


@app.task(name="alerts.match_releases", ignore_result=True)
def match_releases(release_ids: list[int]) -> int:
    """Match the given releases that may be announced and were not yet; the number of
    deliveries made. Immediate ones are sent at once."""
    use_current_generation()
    announced = Announcement.objects.filter(release_id__in=release_ids).values("release_id")
    releases = list(fresh_releases().filter(pk__in=release_ids).exclude(pk__in=announced))
    # One not in the index yet (built a moment before it went live) waits for the scan.
    releases = indexed(releases)
    if not releases:
        return 0
    queries = list(
        Subscription.objects.active().order_by().values_list("query", flat=True).distinct()
    )
    found = matching_queries(releases, queries)
    made = 0
    for release in releases:
        wanted = found.get(release.pk, set())
        subscriptions = list(
            Subscription.objects.following(release)
            .filter(query__in=wanted)
            .values_list("pk", flat=True)
        )
        with transaction.atomic():
            try:
                Announcement.objects.create(release=release, subscriptions=len(subscriptions))
            except IntegrityError:  # another worker matched it meanwhile
                continue
            Delivery.objects.bulk_create(
                [Delivery(subscription_id=pk, release=release) for pk in subscriptions],
                batch_size=1000,
                ignore_conflicts=True,
            )
        made += len(subscriptions)
    if made:
        send_immediate.delay()
    return made


@app.task(name="alerts.scan", ignore_result=True)
def scan() -> None:
    """Every minute: scheduled releases that went live, stopped workers, waiting mail."""
    use_current_generation()
    announced = Announcement.objects.values("release_id")
    due = list(fresh_releases().exclude(pk__in=announced).values_list("pk", flat=True))
    if due:
        match_releases(due)
    stopped = Delivery.objects.stale_claims(CLAIM_LEASE).update(
        status=DeliveryStatus.INTERRUPTED,
        error="The worker stopped while sending; resend from the admin if it did not arrive.",
    )
    if stopped:
        logger.warning("%s alert deliveries were interrupted by a stopped worker", stopped)
    waiting = Delivery.objects.filter(
        status=DeliveryStatus.PENDING,
        subscription__frequency=Frequency.IMMEDIATELY,
        subscription__paused=False,
    )
    if waiting.exists():
        send_immediate()


class RateLimit:
    """At most ``per_minute`` mails a minute from this worker (0: no limit)."""

    def __init__(self, per_minute: int):
        self.per_minute, self.started, self.sent = per_minute, time.monotonic(), 0

    def wait(self) -> None:
        if not self.per_minute:
            return
        if self.sent >= self.per_minute:
            pause = 60 - (time.monotonic() - self.started)
            if pause > 0:
                time.sleep(pause)
            self.started, self.sent = time.monotonic(), 0
        self.sent += 1


def _finish(pks: list[int], status: str, error: str = "") -> None:
    Delivery.objects.filter(pk__in=pks).update(
        status=status,
        sent_at=timezone.now() if status == DeliveryStatus.SENT else None,
        error=error[:500],
    )


class ServerAway(Exception):
    """The mail server cannot be reached: what was claimed waits for the next round."""


def _send(connection, subscription: Subscription, deliveries: list[Delivery]) -> None:
    """Send what the claimed ``deliveries`` of one subscription hold, in one mail."""
    releases = {
        release.pk: release
        for release in PressRelease.objects.select_related("lead_source").filter(
            pk__in=[d.release_id for d in deliveries]
        )
    }
    live = [d for d in deliveries if d.release_id in releases and sendable(releases[d.release_id])]
    gone = [d.pk for d in deliveries if d not in live]
    if gone:  # withdrawn, unscheduled or back to draft since it was matched
        _finish(gone, DeliveryStatus.CANCELLED)
    if not live:
        return
    claimed = [d.pk for d in live]
    message = mails.alert(subscription, [releases[d.release_id] for d in live])
    try:
        connection.send_messages([message])
    except REFUSED as error:
        # This address or message is refused for good: reported, resent by hand only.
        logger.warning("Alert to subscription %s refused: %s", subscription.pk, error)
        _finish(claimed, DeliveryStatus.FAILED, str(error))
        connection.close()
        return
    except MAIL_ERRORS as error:
        # Nothing was accepted: the claim is given back, and the next scan tries again.
        Delivery.objects.filter(pk__in=claimed).update(
            status=DeliveryStatus.PENDING, claimed_at=None, error=str(error)[:500]
        )
        connection.close()
        raise ServerAway(str(error)) from error
    _finish(claimed, DeliveryStatus.SENT)


@app.task(name="alerts.send_immediate", ignore_result=True)
def send_immediate() -> int:
    """Send every waiting delivery of immediate subscriptions, one mail each."""
    limit = RateLimit(settings.ALERTS["MAX_PER_MINUTE"])
    sent = 0
    connection = get_connection()
    try:
        while True:
            batch = list(
                Delivery.objects.filter(
                    status=DeliveryStatus.PENDING,
                    subscription__frequency=Frequency.IMMEDIATELY,
                    subscription__paused=False,
                )
                .select_related("subscription__subscriber")
                .order_by("pk")[:200]
            )
            if not batch:
                return sent
            for delivery in batch:
                if not Delivery.objects.claim(delivery.pk):
                    continue  # another worker has it
                limit.wait()
                _send(connection, delivery.subscription, [delivery])
                sent += 1
    except ServerAway as error:
        logger.warning("Mail server away (%s); alerts wait for the next scan", error)
        return sent
    finally:
        connection.close()


@app.task(name="alerts.send_digests", ignore_result=True)
def send_digests(frequency: str) -> int:
    """One mail per daily (or weekly) subscription with releases waiting."""
    limit = RateLimit(settings.ALERTS["MAX_PER_MINUTE"])
    sent = 0
    subscriptions = Subscription.objects.filter(
        frequency=frequency,
        paused=False,
        deliveries__status=DeliveryStatus.PENDING,
    ).distinct()
    connection = get_connection()
    try:
        for subscription in list(subscriptions.select_related("subscriber")):
            waiting = list(
                subscription.deliveries.filter(status=DeliveryStatus.PENDING).values_list(
                    "pk", flat=True
                )
            )
            stamp = timezone.now()
            with transaction.atomic():
                Delivery.objects.filter(pk__in=waiting, status=DeliveryStatus.PENDING).update(
                    status=DeliveryStatus.SENDING, claimed_at=stamp
                )
            # Only what this worker claimed (another may have taken some meanwhile).
            claimed = list(
                Delivery.objects.filter(
                    pk__in=waiting, status=DeliveryStatus.SENDING, claimed_at=stamp
                ).order_by("-release__published_at")
            )
            if not claimed:
                continue
            limit.wait()
            _send(connection, subscription, claimed)
            Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=stamp)
            sent += 1
    except ServerAway as error:
        logger.warning("Mail server away (%s); digests wait for the next run", error)
    finally:
        connection.close()
    return sent
