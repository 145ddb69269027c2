"""What ninja's OpenAPI schema leaves out: what every answer of the API carries."""

from __future__ import annotations

from api.problems import PROBLEM_JSON

_COMMON_HEADERS = {
    "ETag": "The content generation and address: send it back in `If-None-Match`.",
    "Last-Modified": "When the current content generation began.",
    "Cache-Control": "`public, max-age=…` for answers shared by every client.",
    "RateLimit-Limit": "Requests allowed in the current window.",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window ends.",
}


def _header(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "schema": schema or {"type": "string"}}


def finish_schema(schema: dict) -> dict:
    """ninja's schema, completed: the headers of every answer, 304, 401, problem+json."""
    for item in schema["paths"].values():
        for operation in item.values():
            # ninja keys responses by int; JSON by string (both would give duplicate keys).
            responses = operation["responses"] = {
                str(status): response for status, response in operation["responses"].items()
            }
            for status, response in responses.items():
                headers = {name: _header(text) for name, text in _COMMON_HEADERS.items()}
                if status == "429":
                    headers["Retry-After"] = _header(
                        "Seconds to wait before asking again.", {"type": "integer"}
                    )
                if status == "301":
                    headers["Location"] = _header("The release's current address in the API.")
                if int(status) >= 400 and "content" in response:
                    response["content"] = {PROBLEM_JSON: response["content"]["application/json"]}
                response["headers"] = headers
            responses["304"] = {"description": "Not Modified: the client's copy is current."}
            responses.setdefault(
                "400",
                {
                    "description": "Bad Request",
                    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                },
            )
            responses["401"] = {
                "description": "The Authorization header names no active API key.",
                "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
            }
            operation["security"] = [{}, {"apiKey": []}]
    schema.setdefault("components", {})["securitySchemes"] = {
        "apiKey": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from the newsroom: a higher rate limit. Optional.",
        }
    }
    return schema
