"""The setup pages' forms; they only read what is posted, the services in each app write it."""

import datetime

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from styr.followup.models import AssessmentLevel, FollowUpPeriod, StatusOption
from styr.organisation.models import Municipality, OrganisationUnit, TermKey, UnitKind, UnreportedDisplay, Vocabulary
from styr.plans.models import CouncilGoal, CouncilGoalGroup
from styr.setup.presets import PRESETS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewMunicipalityForm(forms.Form):
    preset = forms.ChoiceField(label=_("Start from"), widget=forms.RadioSelect,
                               choices=[(key, preset.label) for key, preset in PRESETS.items()], initial="huddinge")
    name = forms.CharField(label=_("Name"), max_length=200, help_text=_("E.g. Exempelby kommun"))
    short_name = forms.CharField(label=_("Short name"), max_length=100, help_text=_("E.g. Exempelby"))
    slug = forms.SlugField(label=_("Name in addresses"), help_text=_("Lower-case letters, digits and hyphens"))
    kolada_id = forms.CharField(label=_("Kolada id"), max_length=4, help_text=_("The municipality code, four digits"))
    committee = forms.CharField(label=_("First committee"), max_length=200, help_text=_("E.g. Socialnämnden"))
    year = forms.IntegerField(label=_("First year"), min_value=1990, max_value=2200,
                              initial=lambda: datetime.date.today().year,
                              help_text=_("The preset's follow-up periods are set up for this year"))

    def clean_committee(self) -> str:
        committee = self.cleaned_data["committee"]
        if not slugify(committee):
            raise forms.ValidationError(_("Write a name with letters or digits."))
        return committee


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "short_name", "kolada_id", "vision", "vision_text", "assessment_criteria",
                  "publish_without_login"]
        labels = {"name": _("Name"), "short_name": _("Short name"), "kolada_id": _("Kolada id"), "vision": _("Vision"),
                  "vision_text": _("About the vision"), "assessment_criteria": _("Criteria for goal fulfilment"),
                  "publish_without_login": _("Published plans and reports are readable without login")}


class VocabularyForm(forms.Form):
    """The municipality's word for each concept of the steering model: one, several, the definite form ("the
    measure") and a short form (an abbreviation such as VB)."""

    FORMS = {"singular": (_("%(concept)s, one"), ""), "plural": (_("%(concept)s, several"), "_plural"),
             "definite": (_("%(concept)s, definite form"), "_definite"), "short": (_("%(concept)s, short form"), "_short")}

    def __init__(self, *args, words: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        default = Vocabulary.of([])
        for key in TermKey:
            for form, (label, suffix) in self.FORMS.items():
                self.fields[f"{key.value}-{form}"] = forms.CharField(
                    label=label % {"concept": key.label}, max_length=30 if form == "short" else 100,
                    required=form in ("singular", "plural"), initial=words[f"{key.value}{suffix}"],
                    help_text=_("Default: %(word)s") % {"word": default[f"{key.value}{suffix}"]})

    def words(self) -> dict[str, tuple[str, str, str, str]]:
        """Per concept the four forms; a definite or short form left as it was shown beside a changed singular
        follows the new singular (so "Indikator" does not keep "måttet")."""
        data, found = self.cleaned_data, {}
        for key in TermKey:
            singular, plural, definite, short = (data[f"{key.value}-{form}"] for form in self.FORMS)
            if singular != self.fields[f"{key.value}-singular"].initial:
                definite = "" if definite == self.fields[f"{key.value}-definite"].initial else definite
                short = "" if short == self.fields[f"{key.value}-short"].initial else short
            found[key.value] = (singular, plural, definite, short)
        return found


class LayoutForm(forms.Form):
    """How the municipality's measure tables, pages and documents are laid out."""

    show_gender = forms.BooleanField(label=_("Measure tables show gender (women and men)"), required=False)
    show_unjustified = forms.BooleanField(label=_("Measure tables show “Unjustified differences?”"), required=False)
    show_ranking = forms.BooleanField(label=_("Measure tables show ranking and county average"), required=False)
    show_reference = forms.BooleanField(label=_("Measure tables show a reference value"), required=False)
    show_earlier_months = forms.BooleanField(
        label=_("Measure tables show the year's earlier months"), required=False,
        help_text=_("Besides the latest value, the year's earlier values (e.g. April beside August)."))
    unreported_display = forms.ChoiceField(label=_("Commitments and activities without a status print"),
                                           choices=UnreportedDisplay.choices)
    print_council_goal_text = forms.BooleanField(
        label=_("Documents print the council goal's wording under its heading"), required=False)
    goal_texts_in_every_document = forms.BooleanField(
        label=_("Documents print the goals' interpretation and priorities in every report, not only in the plan"),
        required=False)

    TABLE = ["show_gender", "show_unjustified", "show_ranking", "show_reference", "show_earlier_months"]
    DOCUMENTS = ["unreported_display", "print_council_goal_text", "goal_texts_in_every_document"]


class ScaleForm(forms.Form):
    name = forms.CharField(label=_("Name of the scale"), max_length=100)


class LevelForm(forms.ModelForm):
    class Meta:
        model = AssessmentLevel
        fields = ["label", "key", "description", "order", "colour", "icon", "is_evaluable"]
        labels = {"label": _("Label"), "key": _("Key"), "description": _("Description"), "order": _("Order"),
                  "colour": _("Colour"), "icon": _("Icon"), "is_evaluable": _("Counts as an evaluation")}
        help_texts = {"order": _("1 is the best level"), "key": _("Lower-case letters, digits and hyphens")}


class StatusForm(forms.ModelForm):
    class Meta:
        model = StatusOption
        fields = ["label", "key", "order", "colour", "icon", "is_done"]
        labels = {"label": _("Label"), "key": _("Key"), "order": _("Order"), "colour": _("Colour"), "icon": _("Icon"),
                  "is_done": _("Means done")}
        help_texts = {"key": _("Lower-case letters, digits and hyphens")}


class LastByDefault(forms.ModelForm):
    """A new item is placed last unless its order is given."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Empty: last")
        if self.instance.pk is None:
            self.fields["order"].initial = None


class GroupForm(LastByDefault):
    class Meta:
        model = CouncilGoalGroup
        fields = ["name", "singular", "order"]
        labels = {"name": _("Name"), "singular": _("One of them"), "order": _("Order")}


class CouncilGoalForm(LastByDefault):
    class Meta:
        model = CouncilGoal
        fields = ["group", "number", "name", "description", "order"]
        labels = {"group": _("Group"), "number": _("Number"), "name": _("Name"), "description": _("Wording"),
                  "order": _("Order")}

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        group = self.fields["group"]
        assert isinstance(group, forms.ModelChoiceField)
        group.queryset = municipality.council_goal_groups.all()
        group.empty_label = None


class UnitForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Under"), queryset=OrganisationUnit.objects.none(), required=False,
                                    empty_label=_("At the top (a committee)"))
    kind = forms.ChoiceField(label=_("Level"), choices=UnitKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(label=_("Name in addresses"), required=False,
                           help_text=_("Made from the name when left empty"))

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = parents

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("slug"):
            data["slug"] = slugify(data["name"])
        return data


class PeriodForm(forms.ModelForm):
    """A follow-up period with its default deadline and a deadline per level of the municipality's organisation."""

    class Meta:
        model = FollowUpPeriod
        fields = ["name", "kind", "slug", "as_of", "deadline"]
        labels = {"name": _("Name"), "kind": _("Kind"), "slug": _("Name in addresses"), "as_of": _("Reports as of"),
                  "deadline": _("Deadline")}
        help_texts = {"deadline": _("For every level without a deadline of its own")}
        widgets = {"as_of": DATE, "deadline": DATE}

    def __init__(self, *args, levels: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        own = {row.unit_kind: row.date for row in self.instance.deadlines.all()} if self.instance.pk else {}
        self.levels = levels
        for kind in levels:
            self.fields[kind] = forms.DateField(
                label=_("Deadline, %(level)s") % {"level": UnitKind(kind).label}, required=False, widget=DATE,
                initial=own.get(kind), help_text=_("Empty: the period's deadline"))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}

    def per_level(self) -> dict:
        return {kind: self.cleaned_data[kind] for kind in self.levels}
