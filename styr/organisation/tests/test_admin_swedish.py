"""Every admin add form of Styr's models, rendered in Swedish, has only Swedish labels and empty choices."""

import lxml.html
import pytest
from django.contrib import admin
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import trans_real

pytestmark = pytest.mark.django_db


def swedish_texts() -> set[str]:
    """Every translated text Swedish has (Styr's own and Django's), as a label shows it."""
    catalog = trans_real.translation("sv")._catalog  # type: ignore[attr-defined]  # the merged catalogue has no public reader
    return {value.strip().casefold() for _key, value in catalog.items() if isinstance(value, str) and value}


def labels(page: str) -> list[str]:
    """The labels, inline column headings and empty choices of an admin form."""
    document = lxml.html.fromstring(page)
    form = document.get_element_by_id("content-main")
    found = [element.text_content() for element in form.xpath(
        './/label | .//*[contains(@class, "inline-group")]//thead//th | .//select/option[@value=""]')]
    return [text.strip().rstrip(":").strip() for text in found if text.strip()]


def english_in(page: str, swedish: set[str]) -> list[str]:
    return [text for text in labels(page) if text.casefold() not in swedish]


def admin_add_urls() -> list[tuple[str, str]]:
    urls = []
    for model in admin.site._registry:
        if not model.__module__.startswith("styr."):
            continue
        try:
            urls.append((model.__name__, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")))
        except NoReverseMatch:  # an admin without an add page
            continue
    return urls


@override_settings(LANGUAGE_CODE="sv")
def test_every_admin_add_form_is_in_swedish(world):
    world.alice.is_superuser = world.alice.is_staff = True
    world.alice.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.force_login(world.alice)
    swedish = swedish_texts()
    english: dict[str, list[str]] = {}
    checked = 0
    with translation.override("sv"):
        for name, url in admin_add_urls():
            response = client.get(url)
            if response.status_code == 403:  # a read-only admin (the history)
                continue
            assert response.status_code == 200, url
            checked += 1
            found = english_in(response.content.decode(), swedish)
            if found:
                english[name] = found
    assert checked >= 19  # every model admin of Styr, their inlines included
    assert not english, "\n".join(f"{name}: {texts}" for name, texts in english.items())


def test_the_check_finds_an_english_label():
    page = ('<div id="content-main"><form><label for="id_unit">Unit:</label><label>Namn:</label>'
            '<select><option value="">- Select an option -</option></select></form></div>')
    assert english_in(page, swedish_texts()) == ["Unit", "- Select an option -"]
