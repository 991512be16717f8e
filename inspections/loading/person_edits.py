"""A person's edit is never overwritten by a re-import: how loaders know a fact was corrected by a person.

The mark is the record's own history (django-simple-history): a history row with `history_user` set was made by a
signed-in person (an admin save), while loaders save without a user. A field is a person's edit when such a row
changed it (against the row before, or any value if the row is the object's first). Nothing new is stored, every
edit made so far counts, and the history shows who made it and when. The DfE's figures (Measure, MeasureValue)
keep no history (44,000 rows a load); a person corrects them only in the admin, so for them the admin's own log
of changes (LogEntry: who, which object, which fields) is the mark.

A loader asks `PersonEdits(model, objects).kept(obj, values)` before writing: fields a person edited whose value
the file would change are left as the person set them, and each becomes a Conflict for the loader's summary
(which object, which field, the person's value, the file's value). A later loader save never clears the mark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Conflict:
    what: str  # the object, as a person would name it: "authority Leicester (E06000016)"
    field: str
    persons_value: object
    files_value: object
    who: str

    def __str__(self):
        return (f"kept a person's edit: {self.what}, {self.field}: {self.persons_value!r} (edited by {self.who}); "
                f"the file says {self.files_value!r}")


def _attname(model, name):
    return model._meta.get_field(name).attname


class PersonEdits:
    """The fields of some objects of a model that a person edited, read in two queries (one if none were)."""

    def __init__(self, model, objects=None):
        self.model = model
        self.edits = {}  # pk -> {attname: username}
        history = getattr(model, "history", None)
        if history is None:
            self._from_admin_log(objects)
            return
        by_person = history.model.objects.filter(history_user__isnull=False)
        ids = set(by_person.values_list("id", flat=True).distinct())
        if objects is not None:
            ids &= {obj.pk for obj in objects}
        if not ids:
            return
        fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
        held = {f.attname for f in history.model._meta.concrete_fields}
        fields = [name for name in fields if name in held]
        rows = (history.model.objects.filter(id__in=ids).order_by("id", "history_date", "history_id")
                .values("id", "history_user__username", *fields))
        previous = {}
        for row in rows:
            before, who = previous.get(row["id"]), row["history_user__username"]
            if who:
                edited = self.edits.setdefault(row["id"], {})
                edited.update({name: who for name in fields if before is None or before[name] != row[name]})
            previous[row["id"]] = row

    def _from_admin_log(self, objects):
        from django.contrib.admin.models import CHANGE, LogEntry
        from django.contrib.contenttypes.models import ContentType
        from django.utils.text import capfirst

        by_label = {str(capfirst(f.verbose_name)): f.attname for f in self.model._meta.concrete_fields}
        entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(self.model),
                                          action_flag=CHANGE).select_related("user").order_by("action_time")
        wanted = None if objects is None else {str(obj.pk) for obj in objects}
        for entry in entries:
            if wanted is not None and entry.object_id not in wanted:
                continue
            for change in json.loads(entry.change_message) if entry.change_message.startswith("[") else []:
                if "name" in change.get("changed", {}):
                    continue  # a change to an inline object, not to this one
                for label in change.get("changed", {}).get("fields", []):
                    if label in by_label:
                        self.edits.setdefault(self.model._meta.pk.to_python(entry.object_id), {})[by_label[label]] = (
                            entry.user.get_username())

    def __bool__(self):
        return bool(self.edits)

    def kept(self, obj, values, conflicts, what=None):
        """`values` ({field name: the file's value}) without the fields a person edited that the file would
        change; each of those is appended to `conflicts` as a Conflict."""
        edited = self.edits.get(obj.pk)
        if not edited:
            return values
        allowed = {}
        for name, value in values.items():
            attname = _attname(self.model, name)
            current = getattr(obj, attname)
            wanted = value.pk if name != attname and hasattr(value, "pk") else value
            if attname in edited and current != wanted:
                conflicts.append(Conflict(what or f"{self.model._meta.verbose_name} {obj}",
                                          str(self.model._meta.get_field(name).verbose_name), current, wanted,
                                          edited[attname]))
                continue
            allowed[name] = value
        return allowed
