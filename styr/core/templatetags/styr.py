from django import template

from styr.core.formatting import format_average, format_number, format_value

register = template.Library()


@register.filter
def number(value, decimals=None):
    """{{ value|number }} → "80,2"; a missing value ("") prints nothing."""
    return "" if value == "" else format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def with_unit(value, unit):
    """{{ outcome.total|with_unit:measure.unit_of_measure }} → "85 %"; a missing value ("") prints nothing."""
    return "" if value == "" else format_value(value, unit)


@register.inclusion_tag("core/badge.html")
def assessment_badge(assessment):
    """The assessment's level as a coloured badge with icon and label (or "Ej bedömd")."""
    return {"assessment": assessment}


@register.inclusion_tag("core/status.html")
def status_badge(report):
    return {"report": report}


@register.filter
def period_label(result, outcome):
    """{{ result|period_label:outcome }} → "2020" or "11-2020"."""
    return result.period_label(outcome)


@register.filter
def month_label(result, outcome):
    """{{ result|month_label:outcome }} → "04-2020", whatever the measure's period."""
    return result.month_label(outcome)


@register.filter
def model_name(instance) -> str:
    """{{ object|model_name }} → "goalassessment", for URLs that name a kind of object."""
    return instance._meta.model_name


@register.filter
def get_item(mapping: dict, key):
    """{{ values|get_item:key }}: a dictionary lookup with a key held in a variable."""
    return mapping.get(key)


@register.filter
def average(value, unit):
    """{{ outcome.county_average|average:measure.unit_of_measure }} → "60,2 dagar"."""
    return format_average(value, unit)
