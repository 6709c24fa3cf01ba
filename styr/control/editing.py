"""The internal-control follow-up page: the follow-up's editor (styr.followup.editing) with the control items.

The same rules as the follow-up page: each item is saved on its own through its service, conflicts come
back with both texts, and a decided period asks for the reason of an amendment.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from styr.control import services
from styr.control.forms import REPORT_TEXTS, ControlReportForm, ControlResultForm
from styr.control.models import (
    AuditAction,
    AuditActionReport,
    ControlReport,
    ControlResult,
    RiskAction,
    RiskActionReport,
)
from styr.control.reading import unit_controls
from styr.followup.editing import EditItem, Editor, _version


class ControlEditor(Editor):
    def builders(self) -> list:
        builders = []
        if self.may_edit_committee_texts:
            builders.append(self._control_report_item)
        if self.may_report:
            builders += [self._risk_action_items, self._audit_action_items, self._control_result_items]
        return builders

    def _control_report_item(self, data, only):
        report = ControlReport.objects.filter(plan=self.plan, period=self.period).first()
        key = "controlreport"
        initial = {"version": _version(report),
                   **{name: getattr(report, name) for name in [*REPORT_TEXTS, "verdict"] if report}}
        form = ControlReportForm(self.bound_data(key, data, only), prefix=key, initial=initial)
        return [EditItem(key=key, title=_("The internal control's texts"), form=form, group=_("Committee"),
                         extra={"saved_object": report})]

    def _risk_action_items(self, data, only):
        actions = RiskAction.objects.filter(risk__plan=self.plan).select_related("risk")
        reports = {r.action_id: r for r in RiskActionReport.objects.filter(action__risk__plan=self.plan, period=self.period)}
        return self._status_items(data, only, objects=actions, reports=reports, prefix="riskaction",
                                  group_of=lambda action: _("Risk: %(risk)s") % {"risk": action.risk})

    def _audit_action_items(self, data, only):
        actions = AuditAction.objects.filter(review__plan=self.plan).select_related("review")
        reports = {r.action_id: r for r in AuditActionReport.objects.filter(action__review__plan=self.plan,
                                                                            period=self.period)}
        return self._status_items(data, only, objects=actions, reports=reports, prefix="auditaction",
                                  group_of=lambda action: _("Review: %(review)s") % {"review": action.review})

    def _control_result_items(self, data, only):
        results = {r.control_id: r for r in ControlResult.objects.filter(unit=self.plan.unit, period=self.period)}
        items = []
        for control in unit_controls(self.plan):
            key = f"control-{control.pk}"
            saved = results.get(control.pk)
            initial = {"version": _version(saved)}
            if saved:
                initial.update({"outcome": saved.outcome, "found": saved.found, "proposed_action": saved.proposed_action,
                                "status": saved.status_id})
            form = ControlResultForm(self.bound_data(key, data, only), prefix=key, initial=initial, statuses=self.statuses)
            items.append(EditItem(key=key, title=control.what, form=form, group=_("Control activities"),
                                  extra={"object": control, "saved_object": saved}))
        return items

    def write(self, item: EditItem, data: dict):
        try:
            return self._write(item, data)
        except ValidationError as error:  # a text over the limit: refused with its message, nothing saved
            raise services.WriteRefused(" ".join(error.messages)) from None

    def _write(self, item: EditItem, data: dict):
        kind = item.key.split("-")[0]
        common = {"user": self.user, "period": self.period, "expected_version": data["version"],
                  "reason": data.get("amendment_reason", ""), "source": self.source}
        if kind == "controlreport":
            return services.save_control_report(plan=self.plan, verdict=data["verdict"],
                                                **{name: data[name] for name in REPORT_TEXTS}, **common)
        if kind == "control":
            return services.report_control_result(
                control=item.extra["object"], unit=self.plan.unit, outcome=data["outcome"], found=data["found"],
                proposed_action=data["proposed_action"], status=data["status"], **common)
        report = services.report_risk_action if kind == "riskaction" else services.report_audit_action
        return report(action=item.extra["object"], status=data["status"], comment=data["comment"], **common)
