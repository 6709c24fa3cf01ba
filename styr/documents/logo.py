"""The municipality's logo on the documents' covers, kept as one SVG: a PNG is wrapped in an SVG of its own
size, so Typst (PDF), the web page (an <img>) and Word (a picture drawn by Typst) all read the same text."""

import base64
import struct

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

LOGO_LIMIT = 512 * 1024  # bytes: a logo, not a photograph
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}svg"


def logo_svg(data: bytes) -> str:
    """The uploaded PNG or SVG as SVG text; anything else, or a broken or too large file, is refused."""
    if len(data) > LOGO_LIMIT:
        raise ValidationError(_("The logo is %(size)s kB; at most %(limit)s kB are accepted.") % {
            "size": len(data) // 1024, "limit": LOGO_LIMIT // 1024}, code="too_large")
    if data.startswith(PNG_SIGNATURE):
        return _png_as_svg(data)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None or root.tag != SVG:
        raise ValidationError(_("The logo must be a PNG or an SVG file."), code="format")
    return etree.tostring(root, encoding="unicode")


def _png_as_svg(data: bytes) -> str:
    # The IHDR chunk follows the signature: length, type, then width and height as 32-bit integers.
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ValidationError(_("The logo must be a PNG or an SVG file."), code="format")
    width, height = struct.unpack(">II", data[16:24])
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<image width="{width}" height="{height}" href="data:image/png;base64,{encoded}"/></svg>')
