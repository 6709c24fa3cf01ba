"""The site's named routes, read from the URLconf (for the generated permission and reflow tests)."""

from django.urls import URLPattern, URLResolver, get_resolver


def routes() -> dict[str, str]:
    """Every named route of the site with its path pattern, e.g. "goal": "<slug:municipality>/…/mal/<slug:goal>/".

    The admin counts as one route, "admin:index": its views all check the same site permission. A name given
    to several patterns (a period's report and its own documents, "documents:web") keeps its first.
    """
    found = {}

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    found["admin:index"] = "admin/"
                    continue
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.setdefault(f"{namespace}:{pattern.name}" if namespace else pattern.name, prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns)
    return found
