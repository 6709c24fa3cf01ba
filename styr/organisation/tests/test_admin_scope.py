"""Every foreign key of every admin form and inline refuses an id from outside the user's scope.

For each registered model admin and each of two controllers (one of a unit, one of another
municipality), the page is opened as a browser would (the change page of an object they keep, else
the add page), one choice field at a time gets the id of an object outside their scope, and the
post must come back with that field refused and no row changed.
"""

from django.contrib.admin import site
from django.contrib.auth.models import User
from django.forms import ModelChoiceField, ModelMultipleChoiceField

from styr.organisation.admin_site import ScopedAdmin
from styr.organisation.tests.admin_world import AdminWorldTestCase, admin_url, posted_data


def choice_fields(page):
    """(form prefix, field name, field) of every choice of objects on the page, inlines included."""
    form = page.context["adminform"].form
    for name, field in form.fields.items():
        if isinstance(field, ModelChoiceField):
            yield None, name, field
    for inline in page.context["inline_admin_formsets"]:
        row = inline.formset.forms[0] if inline.formset.forms else inline.formset.empty_form
        for name, field in row.fields.items():
            # The row's own id is not a choice: Django takes an id not among the rows as a new row.
            if isinstance(field, ModelChoiceField) and name != inline.formset.model._meta.pk.name:
                yield inline.formset.prefix, name, field


def error_codes(response, prefix: str | None, name: str) -> set[str]:
    if prefix is None:
        errors = response.context["adminform"].form.errors
    else:
        formset = next(inline.formset for inline in response.context["inline_admin_formsets"]
                       if inline.formset.prefix == prefix)
        errors = formset.forms[0].errors
    return {error.code for error in errors.as_data().get(name, [])}


def rows() -> dict:
    """Every row of every model the admin shows, inlines' included."""
    models = set(site._registry)
    for model_admin in site._registry.values():
        models |= {inline.model for inline in model_admin.inlines}
    return {model._meta.label: list(model._default_manager.order_by("pk").values()) for model in models}


class EveryForeignKeyTestCase(AdminWorldTestCase):
    def actors(self) -> list[tuple[str, User, dict, dict]]:
        """Each controller, the objects they keep, and objects of every kind outside their scope."""
        return [
            ("controller of Barnenheten", self.unit_controller, self.children,
             {**self.bortby, **self.culture, User: self.bortby_member}),
            ("controller of Bortby", self.other_controller, {**self.bortby, **self.bortby_social},
             {**self.annanby, **self.social, User: self.annanby_member}),
        ]

    def test_every_foreign_key_of_every_admin_refuses_an_id_out_of_scope(self):
        checked = set()
        for model, model_admin in site._registry.items():
            for label, actor, own, foreign in self.actors():
                with self.subTest(model=model._meta.label, actor=label):
                    self.client.force_login(actor)
                    if not isinstance(model_admin, ScopedAdmin):
                        # Users, tokens, tasks and the logs are not scoped to units: superusers only.
                        self.assertEqual(self.client.get(admin_url(model, "changelist")).status_code, 403)
                        self.assertEqual(self.client.post(admin_url(model, "add"), {}).status_code, 403)
                        continue
                    obj = own.get(model)
                    url = admin_url(model, "change", obj.pk) if obj else admin_url(model, "add")
                    page = self.client.get(url)
                    if obj is None and page.status_code == 403:
                        continue  # nothing to add here (a municipality), so nothing to post
                    self.assertEqual(page.status_code, 200)
                    data = posted_data(page)
                    if obj is not None:  # the page as opened saves: a refusal below is the one id's
                        self.assertEqual(self.client.post(url, data).status_code, 302)
                    for prefix, name, field in choice_fields(page):
                        self.assert_refused(url, data, prefix, name, field, foreign)
                        checked.add((label, model._meta.label, prefix, name))
        self.assertGreaterEqual(len(checked), 2 * 22)

    def assert_refused(self, url, data, prefix, name, field, foreign) -> None:
        related = field.queryset.model
        self.assertIn(related, foreign, f"the test world has no {related.__name__} outside the scope")
        value = [foreign[related].pk] if isinstance(field, ModelMultipleChoiceField) else foreign[related].pk
        posted = dict(data)
        if prefix is None:
            posted[name] = value
        else:
            posted[f"{prefix}-0-{name}"] = value
            posted.setdefault(f"{prefix}-0-id", "")
            posted[f"{prefix}-TOTAL_FORMS"] = max(int(posted[f"{prefix}-TOTAL_FORMS"]), 1)
        before = rows()
        response = self.client.post(url, posted)
        self.assertEqual(response.status_code, 200, f"{prefix or ''} {name}: saved")
        self.assertIn("invalid_choice", error_codes(response, prefix, name), f"{prefix or ''} {name}")
        self.assertEqual(rows(), before)
