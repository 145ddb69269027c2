"""Links to other sites in a release's text, checked in the background after a save.

A link that answers 404, 410 or a server error, or whose host cannot be reached, is listed
among the checks before submitting ("The link to … answered 404 Not Found"), so an author
hears of it before readers do. Each address is asked at most once a day, whichever releases
use it, with a short timeout and never from the request the author waits for.

The server asks on the author's behalf, so it refuses to ask what an outsider could not:
addresses that resolve to private, loopback or link-local networks (the database, the
cache, a cloud's metadata service) are not requested, nor are redirects leading there.
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings
from django.tasks import task

from press.checks import read_body, site_path
from press.models import LinkCheck, PressRelease

TIMEOUT_SECONDS = 4
MAX_AGE = datetime.timedelta(days=1)
# A release rarely has more; past this many the rest wait for the next save.
MAX_LINKS_PER_SAVE = 30
# Answers that say the page is not there. 401, 403 and 429 say it is (behind a login or a
# rate limit): a reader may well get through.
BROKEN_BELOW_SERVER_ERRORS = {404, 410}
# Servers that refuse HEAD get the same question as GET.
HEAD_REFUSED = {403, 405, 501}


class NotPublic(Exception):
    """The address leads into a private network."""


def external_links(html: str) -> list[str]:
    """The http(s) links of ``html`` that lead to other sites, each once, in order."""
    links = []
    for href, _text in read_body(html).links:
        parts = urlsplit(href)
        if parts.scheme in {"http", "https"} and parts.netloc and site_path(href) is None:
            links.append(href)
    return list(dict.fromkeys(links))


def ensure_public(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host in settings.NEWSROOM["LINK_CHECK_PRIVATE_HOSTS"]:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return  # the request itself will fail and say the host cannot be found
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise NotPublic(url)


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        ensure_public(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_PublicRedirects)


def _ask(url: str, method: str) -> int:
    request = urllib.request.Request(
        url,
        method=method,
        headers={"User-Agent": f"{settings.NEWSROOM['SITE_NAME']} link check"},
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def probe(url: str) -> tuple[int | None, str] | None:
    """(status, problem) for ``url``; problem is empty when a reader gets through, and the
    whole answer None when the address is not one to ask."""
    try:
        ensure_public(url)
        status = _ask(url, "HEAD")
        if status in HEAD_REFUSED:
            status = _ask(url, "GET")
    except NotPublic:
        return None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, socket.gaierror):
            return None, LinkCheck.Problem.NO_SUCH_HOST
        if isinstance(reason, TimeoutError):
            return None, LinkCheck.Problem.TIMEOUT
        return None, LinkCheck.Problem.UNREACHABLE
    if status in BROKEN_BELOW_SERVER_ERRORS or status >= 500:
        return status, LinkCheck.Problem.ERROR_STATUS
    return status, ""


@task
def check_links(release_id: int) -> None:
    """Ask each link of the release's text not asked within a day, a few at a time."""
    release = PressRelease.objects.filter(pk=release_id).only("body").first()
    if release is None:
        return
    due = LinkCheck.objects.due(external_links(release.body), MAX_AGE)[:MAX_LINKS_PER_SAVE]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(probe, due))
    for url, answer in zip(due, answers, strict=True):
        if answer is not None:
            LinkCheck.objects.record(url, *answer)
