"""Oversized uploads are refused before they are read.

Two guards. ``refuse_oversized_uploads`` (middleware, early in ``MIDDLEWARE``) compares the
declared ``Content-Length`` of a multipart request to the admin with
``UPLOAD_MAX_REQUEST_BYTES`` and answers 413 without reading the body; a request under that
limit is parsed right there, so that ``FileSizeLimitHandler`` (first in
``FILE_UPLOAD_HANDLERS``) can stop a file stream once it passes ``UPLOAD_MAX_FILE_BYTES`` and
the answer is the same page. Before, a 50 MB upload was received whole, written to a
temporary file, and only then refused by the image check.

The 413 page names the limit and says that going back keeps what was typed. nginx refuses a
body over its own ``client_max_body_size`` itself and shows the same page
(``upload_too_large``, see deploy/nginx.conf).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET


class FileTooLarge(MultiPartParserError):
    """A file in the request is larger than ``UPLOAD_MAX_FILE_BYTES``."""


class FileSizeLimitHandler(FileUploadHandler):
    """Passes each file's data on to the next handlers until it exceeds the limit, then
    stops the upload: the rest of the body is never read, nothing more is written."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_FILE_BYTES:
            raise FileTooLarge(f"A file is over {settings.UPLOAD_MAX_FILE_BYTES} bytes")
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) makes the file


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f}"


def upload_too_large_response() -> HttpResponse:
    """The 413 page: what the limits are, and that nothing typed is lost by going back."""
    html = render_to_string(
        "upload_too_large.html",
        {
            "file_limit": _megabytes(settings.UPLOAD_MAX_FILE_BYTES),
            "request_limit": _megabytes(settings.UPLOAD_MAX_REQUEST_BYTES),
        },
    )
    response = HttpResponse(html, status=413)
    response["Cache-Control"] = "no-store"
    return response


def _declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def refuse_oversized_uploads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: a multipart request to the admin larger than ``UPLOAD_MAX_REQUEST_BYTES``,
    or carrying a file larger than ``UPLOAD_MAX_FILE_BYTES``, is answered 413 at once."""
    prefix = "/" + settings.ADMIN_URL

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.method == "POST"
            and request.content_type == "multipart/form-data"
            and request.path_info.startswith(prefix)
        ):
            if _declared_length(request) > settings.UPLOAD_MAX_REQUEST_BYTES:
                return upload_too_large_response()
            try:
                # Parsed here, with the size-limited handlers, rather than by the first reader
                # further in (CSRF). Too many fields or files still raise their 400.
                request.FILES  # noqa: B018
            except FileTooLarge:
                return upload_too_large_response()
        return get_response(request)

    return middleware


@require_GET
def upload_too_large(request: HttpRequest) -> HttpResponse:
    """The same page at an address of its own, for nginx's ``error_page 413``."""
    return upload_too_large_response()
