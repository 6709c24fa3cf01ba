"""The form renderer writes the plain widgets and labels exactly as Django's own templates do."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from styr.core.forms import NumberField
from styr.core.rendering import FastRenderer

CHOICES = [("", "Inget"), ("a", "Å & <b>"), (3, 'Tre "citat"')]


class Everything(forms.Form):
    name = forms.CharField(label="Namn & <efternamn>", max_length=20, help_text="hjälp")
    amount = NumberField(label="Belopp", required=False)
    count = forms.IntegerField(label="Antal", required=False)
    email = forms.EmailField(label="E-post", required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "data-x": mark_safe("<i>")}), required=False)
    choice = forms.ChoiceField(choices=CHOICES, required=False)
    grouped = forms.ChoiceField(choices=[("Grupp <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")], required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    flag = forms.BooleanField(required=False)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect, required=False)  # not written directly
    day = forms.DateField(required=False)


def rendered(form: forms.Form) -> list[str]:
    parts = []
    for field in form:
        parts += [str(field), str(field.label_tag()), str(field.legend_tag())]
    return parts


def test_every_widget_and_label_is_written_as_djangos_templates_write_it():
    data = {"name": 'Ann "A" <script>', "amount": "1 250,5", "count": "7", "version": "3", "text": "rad 1\n<rad 2> & 3",
            "choice": "a", "grouped": "y", "many": ["a", "3"], "flag": "on", "radio": "3", "email": "a@b.se"}
    for form_data in (None, data, {**data, "text": "", "choice": ""}):
        fast, django = Everything(form_data, renderer=FastRenderer()), Everything(form_data, renderer=DjangoTemplates())
        assert rendered(fast) == rendered(django)
    initial = Everything(initial={"amount": 1250.5, "count": 0, "text": "x", "choice": 3}, renderer=FastRenderer(),
                         auto_id=False)
    assert rendered(initial) == rendered(Everything(initial=initial.initial, renderer=DjangoTemplates(), auto_id=False))
    assert "value=\"1\xa0250,5\"" in str(initial["amount"])  # the number in Swedish, through NumberInput


def test_the_page_renderer_is_the_fast_one():
    assert isinstance(Everything().renderer, FastRenderer)
