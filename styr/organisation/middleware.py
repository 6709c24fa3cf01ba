"""Each user's memberships are read once per request, however many permission questions the page asks."""

from styr.organisation.permissions import memberships_read_once


class MembershipsReadOnce:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with memberships_read_once():
            return self.get_response(request)
