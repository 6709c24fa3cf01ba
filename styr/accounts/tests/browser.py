"""Follows a sign-in across Styr and a protocol peer, as a browser would, cookies per host.

Requests to Styr go through Django's test client by default (so a test stays inside its database
transaction) or over real HTTP to a live server; requests to the peer always go over real HTTP.
"""

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
import requests

TEST_SERVER = "http://testserver"
USER_AGENT = "styr-sign-in-test"


@dataclass
class Page:
    url: str
    status: int
    text: str
    location: str  # absolute URL of a redirect, else ""


class Browser:
    def __init__(self, django_client=None, styr_url: str = TEST_SERVER):
        self.django_client = django_client
        self.styr_url = styr_url
        self.http = requests.Session()
        self.http.headers["User-Agent"] = USER_AGENT

    def _via_django(self, url: str) -> bool:
        return self.django_client is not None and url.startswith(TEST_SERVER)

    def absolute(self, url: str) -> str:
        return urljoin(self.styr_url + "/", url)

    def get(self, url: str, params: dict | None = None) -> Page:
        url = self.absolute(url)
        if self._via_django(url):
            parts = urlsplit(url)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            response = self.django_client.get(path, params or None, HTTP_USER_AGENT=USER_AGENT)
            return self._django_page(url, response)
        response = self.http.get(url, params=params, allow_redirects=False)
        return self._http_page(response)

    def post(self, url: str, data: dict) -> Page:
        url = self.absolute(url)
        if self._via_django(url):
            response = self.django_client.post(urlsplit(url).path, data, HTTP_USER_AGENT=USER_AGENT)
            return self._django_page(url, response)
        return self._http_page(self.http.post(url, data=data, allow_redirects=False))

    def forget_cookies(self) -> None:
        """Become another browser: no session at Styr or at the peer."""
        self.http.cookies.clear()
        if self.django_client is not None:
            self.django_client.cookies.clear()

    def csrf_token(self) -> str:
        self.get("/konto/logga-in/")
        if self.django_client is not None:
            return self.django_client.cookies["csrftoken"].value
        token = self.http.cookies["csrftoken"]
        assert token is not None, "the sign-in page sets a CSRF cookie"
        return token

    def _django_page(self, url, response) -> Page:
        location = urljoin(url, response["Location"]) if response.has_header("Location") else ""
        return Page(url, response.status_code, response.content.decode(), location)

    def _http_page(self, response) -> Page:
        location = urljoin(response.url, response.headers["Location"]) if "Location" in response.headers else ""
        return Page(response.url, response.status_code, response.text, location)


def only_form(page: Page) -> tuple[str, dict]:
    """The action URL and field values of the single form on a page."""
    document = lxml.html.fromstring(page.text, base_url=page.url)
    (form,) = document.forms
    return form.action or page.url, dict(form.form_values())
