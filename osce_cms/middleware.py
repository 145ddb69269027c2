from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def reject_oversized_queries(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Parse the query string before anything else reads it.

    Django refuses a query with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` parameters lazily,
    on the first use of ``request.GET``. When that first use comes while an error page is
    rendered (the header's search box shows ``?q=`` on every page, 404s included), the refusal
    escapes the error handler and becomes a server error. Parsed up front, the request is
    answered 400 Bad Request whatever page it asked for.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        request.GET  # noqa: B018 - raises TooManyFieldsSent, a SuspiciousOperation (400)
        return get_response(request)

    return middleware
