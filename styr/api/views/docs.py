"""Error answers as the OpenAPI description states them, shared by the views."""

from drf_spectacular.utils import OpenApiResponse

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Messages per field (`non_field_errors` for the whole input, `detail` for unreadable JSON).",
    "additionalProperties": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
}

NOT_SIGNED_IN = OpenApiResponse(DETAIL, description="Not signed in, and the item is not published.")
REFUSED = OpenApiResponse(DETAIL, description="Signed in, but the user's roles do not allow it.")
NOT_FOUND = OpenApiResponse(DETAIL, description="No such item.")
INVALID = OpenApiResponse(FIELD_ERRORS, description="Invalid input; nothing was written.")

READ_ERRORS = {401: NOT_SIGNED_IN, 403: REFUSED, 404: NOT_FOUND}


def write_errors(conflict_serializer) -> dict:
    return {
        **READ_ERRORS, 400: INVALID,
        409: OpenApiResponse(conflict_serializer, description="Saved by someone else in the meantime; nothing was written."),
    }
