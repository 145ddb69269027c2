import re
from collections.abc import Callable

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import split_header_value

# C0 control characters but tab, line feed and carriage return (which pasted search text may
# carry). No address of the site has a use for them; PostgreSQL refuses NUL in text and XML
# (the feeds, the sitemap) cannot carry any of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class ControlCharacterInQuery(SuspiciousOperation):
    """A query string with a control character: answered 400 Bad Request."""


def reject_malformed_queries(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Refuse, with 400 Bad Request, query strings no page of the site could answer.

    Parsing happens here, before anything else reads the query. Django refuses more than
    ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` parameters lazily, on the first use of ``request.GET``;
    when that first use comes while an error page is rendered (the header's search box shows
    ``?q=`` on every page, 404s included), the refusal escapes the error handler and becomes a
    server error. Control characters are refused for every page at once rather than in each
    filter, feed and search.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        # Raises TooManyFieldsSent, a SuspiciousOperation (400), when there are too many.
        for key, values in request.GET.lists():
            if CONTROL_CHARACTERS.search(key) or any(
                CONTROL_CHARACTERS.search(value) for value in values
            ):
                raise ControlCharacterInQuery("Control character in the query string")
        return get_response(request)

    return middleware


class LanguageFromAddress(LocaleMiddleware):
    """Django's LocaleMiddleware, without ``Vary: Accept-Language`` where the address alone
    says the language: with English unprefixed and the others under /ru/, /fr/…, no page
    is chosen by the browser's languages, so caches (the page cache, nginx's micro-cache,
    a reader's) need not keep a copy per header value."""

    # Addresses without a language prefix whose answer is in the reader's language, as the
    # browser or client asks for it (Accept-Language): the public API.
    NEGOTIATED = ("/api/",)
    # The admin speaks the editor's browser language where its catalogue is complete
    # (English and Russian); the others translate the public pages only, and an admin
    # mostly in English with a few French words is worse than one in English.
    ADMIN_LANGUAGES = ("ru",)

    def process_request(self, request):
        if request.path_info.startswith(self.NEGOTIATED):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        if request.path_info.startswith("/" + settings.ADMIN_URL):
            asked = translation.get_language_from_request(request)
            translation.activate(asked if asked in self.ADMIN_LANGUAGES else settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
            return None
        return super().process_request(request)

    def process_response(self, request, response):
        if request.path_info.startswith((*self.NEGOTIATED, "/" + settings.ADMIN_URL)):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        response = super().process_response(request, response)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        used, prefixed_default = is_language_prefix_patterns_used(urlconf)
        if used and not prefixed_default and response.has_header("Vary"):
            kept = [
                value
                for value in split_header_value(response.headers["Vary"])
                if value and value.lower() != "accept-language"
            ]
            if kept:
                response.headers["Vary"] = ", ".join(kept)
            else:
                del response.headers["Vary"]
        return response
