"""Municipalities, their organisational tree and their chosen vocabulary."""

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from styr.core.validators import validate_kolada_municipality


class UnreportedDisplay(models.TextChoices):
    """How a document prints a commitment or activity without a status in the period."""

    NOT_REPORTED = "not_reported", _("as “Not reported”")
    DASH = "dash", _("as a dash (–)")
    NOTHING = "nothing", _("as nothing")


class Municipality(models.Model):
    """A municipality or region (kommun/region); one installation can hold several."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    kolada_id = models.CharField(_("Kolada id"), max_length=4, unique=True, validators=[validate_kolada_municipality])
    vision = models.CharField(_("vision"), max_length=500, blank=True)
    vision_text = models.TextField(_("vision text"), blank=True)
    assessment_criteria = models.TextField(_("assessment criteria"), blank=True)
    publish_without_login = models.BooleanField(
        _("published plans and reports are readable without login"), default=False
    )
    # How the documents lay out what the plan says (the words themselves are the vocabulary, Term).
    unreported_display = models.CharField(
        _("unreported items print"), max_length=20, choices=UnreportedDisplay.choices,
        default=UnreportedDisplay.NOT_REPORTED,
    )
    print_council_goal_text = models.BooleanField(
        _("documents print the council goal's wording under its heading"), default=True
    )
    goal_texts_in_every_document = models.BooleanField(
        _("documents print the goals' interpretation and priorities in every report, not only in the plan"),
        default=False,
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def county_code(self) -> str:
        """The county (län) is the first two digits of the municipality's Kolada id."""
        return self.kolada_id[:2]


class ComparisonMunicipality(models.Model):
    """A municipality that this municipality chooses to compare itself with."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="comparison_municipalities"
    )
    kolada_id = models.CharField(_("Kolada id"), max_length=4, validators=[validate_kolada_municipality])
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("comparison municipality")
        verbose_name_plural = _("comparison municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kolada_id"], name="unique_comparison_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", _("committee")
    ADMINISTRATION = "administration", _("administration")
    AREA = "area", _("activity area")
    UNIT = "unit", _("unit")


class OrganisationUnit(models.Model):
    """A node of the organisational tree: a committee (nämnd) and everything below it."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", verbose_name=_("unit above"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"))
    responsibility = models.TextField(_("area of responsibility"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="unique_unit_slug"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A unit stays in its municipality, under a unit of the same municipality, never under itself."""
        if self.pk and self.municipality_id:
            saved = OrganisationUnit.objects.filter(pk=self.pk).values_list("municipality_id", flat=True).first()
            if saved not in (None, self.municipality_id):
                raise ValidationError({"municipality": _("A unit cannot move to another municipality.")})
        parent = self.parent if self.parent_id else None
        if parent is not None and self.municipality_id:
            if parent.municipality_id != self.municipality_id:
                raise ValidationError({"parent": _("The unit above must be of the same municipality.")})
            if self.pk and parent.pk in self.subtree_ids():
                raise ValidationError({"parent": _("A unit cannot be placed under itself or a unit below it.")})

    def ancestors(self) -> list["OrganisationUnit"]:
        """From the root down to the parent of this unit."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def committee(self) -> "OrganisationUnit":
        """The committee this unit reports to (itself if it is one)."""
        for node in [self, *reversed(self.ancestors())]:
            if node.kind == UnitKind.COMMITTEE:
                return node
        return self

    def subtree_ids(self) -> set[int]:
        """Ids of this unit and every unit below it, in one query."""
        rows = OrganisationUnit.objects.filter(municipality_id=self.municipality_id).values_list(
            "id", "parent_id"
        )
        children: dict[int | None, list[int]] = {}
        for unit_id, parent_id in rows:
            children.setdefault(parent_id, []).append(unit_id)
        found, stack = set(), [self.pk]
        while stack:
            unit_id = stack.pop()
            found.add(unit_id)
            stack.extend(children.get(unit_id, []))
        return found


class TermKey(models.TextChoices):
    COMMITTEE_GOAL = "committee_goal", _("committee goal")
    UNIT_GOAL = "unit_goal", _("unit goal")
    MEASURE = "measure", _("measure")
    INDICATOR = "indicator", _("indicator")
    TARGET = "target", _("target")
    COMMITMENT = "commitment", _("development commitment")
    ACTIVITY = "activity", _("activity")
    ASSESSMENT = "assessment", _("goal fulfilment")
    PLAN = "plan", _("operational plan")
    ANNUAL_REPORT = "annual_report", _("annual report")


# Huddinge's words: singular and plural, then the definite singular ("måttet") and a short form ("VB").
DEFAULT_TERMS = {
    TermKey.COMMITTEE_GOAL: ("Nämndmål", "Nämndmål"),
    TermKey.UNIT_GOAL: ("Enhetsmål", "Enhetsmål"),
    TermKey.MEASURE: ("Mått", "Mått"),
    TermKey.INDICATOR: ("Indikator", "Indikatorer"),
    TermKey.TARGET: ("Etappmål", "Etappmål"),
    TermKey.COMMITMENT: ("Utvecklingsåtagande", "Utvecklingsåtaganden"),
    TermKey.ACTIVITY: ("Aktivitet", "Aktiviteter"),
    TermKey.ASSESSMENT: ("Måluppfyllelse", "Måluppfyllelse"),
    TermKey.PLAN: ("Verksamhetsplan", "Verksamhetsplaner"),
    TermKey.ANNUAL_REPORT: ("Verksamhetsberättelse", "Verksamhetsberättelser"),
}
DEFAULT_FORMS = {
    TermKey.COMMITTEE_GOAL: ("nämndmålet", ""),
    TermKey.UNIT_GOAL: ("enhetsmålet", ""),
    TermKey.MEASURE: ("måttet", ""),
    TermKey.INDICATOR: ("indikatorn", ""),
    TermKey.TARGET: ("etappmålet", ""),
    TermKey.COMMITMENT: ("utvecklingsåtagandet", ""),
    TermKey.ACTIVITY: ("aktiviteten", ""),
    TermKey.ASSESSMENT: ("måluppfyllelsen", ""),
    TermKey.PLAN: ("verksamhetsplanen", "VP"),
    TermKey.ANNUAL_REPORT: ("verksamhetsberättelsen", "VB"),
}


class Term(models.Model):
    """The municipality's own word for a level of the steering model or a kind of document."""

    municipality = models.ForeignKey(Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="terms")
    key = models.CharField(_("concept"), max_length=30, choices=TermKey.choices)
    singular = models.CharField(_("singular"), max_length=100)
    plural = models.CharField(_("plural"), max_length=100)
    definite = models.CharField(
        _("definite form"), max_length=100, blank=True,
        help_text=_("As in \"reach the target\"; empty: the singular in lower case."),
    )
    short = models.CharField(
        _("short form"), max_length=30, blank=True, help_text=_("An abbreviation such as VB; empty: the singular."),
    )

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("vocabulary")
        constraints = [models.UniqueConstraint(fields=["municipality", "key"], name="unique_term")]

    def __str__(self) -> str:
        return self.singular


vocabulary_cache: ContextVar[dict[tuple[str, object], "Vocabulary"] | None] = ContextVar("styr_vocabulary", default=None)


class Vocabulary(dict[str, str]):
    """The municipality's words by key: "<key>", "<key>_plural", "<key>_definite" and "<key>_short" for
    every TermKey ("measure" → "Mått", "target_definite" → "etappmålet", "annual_report_short" → "VB")."""

    @classmethod
    def of(cls, terms: list[Term]) -> "Vocabulary":
        words = cls()
        for key, (singular, plural) in DEFAULT_TERMS.items():
            words._put(key.value, singular, plural, *DEFAULT_FORMS[key])
        for term in terms:
            words._put(term.key, term.singular, term.plural, term.definite, term.short)
        return words

    def _put(self, key: str, singular: str, plural: str, definite: str, short: str) -> None:
        self[key], self[f"{key}_plural"] = singular, plural
        self[f"{key}_definite"] = definite or singular.lower()
        self[f"{key}_short"] = short or singular

    def defaults_replaced(self) -> list[str]:
        """Huddinge's words that this vocabulary does not use (what a page of it must not show)."""
        own = {word.casefold() for word in self.values()}
        return sorted({word for word in Vocabulary.of([]).values() if word.casefold() not in own})


def _read_vocabulary(key: tuple[str, object]) -> Vocabulary:
    cache = vocabulary_cache.get()
    if cache is not None and key in cache:
        return cache[key]
    field, value = key
    words = Vocabulary.of(list(Term.objects.filter(**{field: value})))
    if cache is not None:
        cache[key] = words
    return words


def vocabulary(municipality: Municipality | int) -> Vocabulary:
    """The one way to the municipality's words (by the municipality or its id), Huddinge's where it has none.

    Read once per request and municipality (organisation.vocabulary.VocabularyCache); outside a request
    (documents built by a worker, commands) every call reads afresh. Templates read the same as `terms`.
    """
    pk = municipality.pk if isinstance(municipality, Municipality) else municipality
    return _read_vocabulary(("municipality_id", pk))


def vocabulary_by_slug(slug: str) -> Vocabulary:
    return _read_vocabulary(("municipality__slug", slug))


class Role(models.TextChoices):
    READER = "reader", _("reader")
    REPORTER = "reporter", _("reporter")
    CONTROLLER = "controller", _("controller")
    ADMINISTRATOR = "administrator", _("administrator")


class Membership(models.Model):
    """A user's role at a unit; it applies to that unit and every unit below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
