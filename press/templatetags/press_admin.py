from django import template

from press.dashboard import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def newsroom_desk(context):
    """The desk of the person looking at the admin's home page, if they work on releases."""
    request = context["request"]
    if not request.user.has_perm("press.view_pressrelease"):
        return []
    return desk(request.user)


@register.filter
def attribute(obj, name: str):
    return getattr(obj, name, None)
