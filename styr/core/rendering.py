"""The form renderer of Styr: the plain widgets and labels written in Python, not a template each.

A follow-up page holds a couple of thousand widgets; rendering each through Django's templates
(the select's every option an include of its own) was most of the page's time. The markup is
byte for byte what Django's own templates write (a test compares them); any other template, such
as the admin's widgets, goes to Django's templates as before.
"""

import html

from django.forms.renderers import DjangoTemplates

WIDGETS = "django/forms/widgets/"
INPUTS = frozenset(f"{WIDGETS}{kind}.html" for kind in ("input", "text", "number", "hidden", "email", "url", "password"))
OPTION = f"{WIDGETS}select_option.html"


def _text(value) -> str:
    """As `{{ value|stringformat:'s' }}` writes it: escaped (as Django's `escape` does) unless already safe."""
    return str(value.__html__()) if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget: dict) -> str:
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class FastRenderer(DjangoTemplates):
    """Django's template renderer, with the common widgets and the label written directly."""

    def render(self, template_name, context, request=None):
        if template_name in INPUTS:
            return _input(context["widget"])
        if template_name == f"{WIDGETS}textarea.html":
            return _textarea(context["widget"])
        if template_name == f"{WIDGETS}select.html" and self._plain_options(context["widget"]):
            return self._select(context["widget"])
        if template_name == "django/forms/label.html":
            return self._label(context)
        return super().render(template_name, context, request=request)

    @staticmethod
    def _plain_options(widget: dict) -> bool:
        return all(option["template_name"] == OPTION for _, options, _ in widget["optgroups"] for option in options)

    @staticmethod
    def _select(widget: dict) -> str:
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in options:
                parts.append(f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>'
                             f'{_text(option["label"])}</option>\n')  # the option template's last line
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)

    @staticmethod
    def _label(context: dict) -> str:
        label = _text(context["label"])
        if not context["use_tag"]:
            return label
        tag = _text(context["tag"])
        return f"<{tag}{_attrs(context['attrs'] or {})}>{label}</{tag}>"
