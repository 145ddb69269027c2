"""The media contacts page and each contact's vCard: whom journalists call, and how."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from taxonomy.contacts import contact_directory


@require_safe
def media_contacts(request: HttpRequest) -> HttpResponse:
    return render(request, "taxonomy/media_contacts.html", {"groups": contact_directory().grouped})


@require_safe
def media_contact_vcard(request: HttpRequest, pk: int) -> HttpResponse:
    # The directory holds only active contacts: an inactive one's card is gone, like it.
    contact = contact_directory().by_id.get(pk)
    if contact is None:
        raise Http404(_("No media contact at this address."))
    card = contact.vcard(
        organisation=settings.NEWSROOM["PUBLISHER"], url=request.build_absolute_uri()
    )
    response = HttpResponse(card, content_type="text/vcard; charset=utf-8")
    filename = slugify(contact.name) or "contact"
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response
