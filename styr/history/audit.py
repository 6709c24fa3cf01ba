"""Complete, append-only history on PostgreSQL: database triggers record every insert, update and
delete of the audited models, also bulk and raw writes that bypass Styr's services.

On SQLite the trigger tables exist but stay empty; `styr.history.models.Change`, written by the
services, is the history there (and the readable one everywhere).
"""

import pghistory


def audited(model):
    """Class decorator: trigger-kept history of the model (trackers are per model, so made here)."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(),
        obj_field=pghistory.ObjForeignKey(related_name="audit_events", related_query_name="audit_event"),
        append_only=True,
    )(model)
