"""Failed logins: which attempts are locked out (django-axes, with its database handler).

A press office signs in from behind one address (a NAT, a proxy). Locking a whole address
after a few failures would let one person guessing one account lock everyone in the office out;
locking a whole username would let anyone lock any colleague out. So the lockout is per
username *and* address (``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``,
``AXES_FAILURE_LIMIT`` failures), and an address that fails on many usernames is throttled
as a whole only at a higher limit, ``NEWSROOM_ADDRESS_FAILURE_LIMIT`` failures within the
cool-off time.

axes compares one count with one limit, so the address's count is folded in here: an address
over its own limit counts as at the pair limit for every username it tries.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class PairLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.NEWSROOM_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def address_failures(self, request) -> int:
        """Failures from this request's address on any username, within the cool-off time.

        A successful login clears only its own username's failures at this address
        (``AXES_RESET_ON_SUCCESS`` works on the lockout parameters), so an attacker cannot
        reset the address's count by signing in to an account of their own.
        """
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
