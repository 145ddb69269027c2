"""Asking for a page in one of the interface languages.

For now a reader's language comes from the Accept-Language header; once the addresses carry a
language prefix (/ru/) this is the one place the tests learn of it.
"""


def get_in(client, language: str, path: str, **kwargs):
    return client.get(path, headers={"accept-language": language}, **kwargs)
