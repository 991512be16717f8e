"""Post an admin add/change page back the way a browser would, changing only what a test says."""

import datetime

import pytest

from tests.factories import make_superuser


@pytest.fixture
def manager(client):
    """The test client signed in as a superuser, for the admin's pages."""
    user = make_superuser("manager")
    client.force_login(user)
    return user


def form_data(response):
    """The POST data of an admin change page as rendered: the main form plus each inline's saved rows."""
    data = _values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): value for name, value in management.initial.items()})
        # Blank extra rows are left out, as a browser leaves them unchanged.
        data[management.add_prefix("TOTAL_FORMS")] = len(formset.initial_forms)
        for form in formset.initial_forms:
            data.update(_values(form))
    return data


def _values(form):
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        key = form.add_prefix(name)
        if value is None:
            data[key] = ""
        elif isinstance(value, bool):
            if value:  # an unticked box is simply absent
                data[key] = "on"
        elif isinstance(value, (list, tuple)):
            data[key] = [str(item) for item in value]
        elif isinstance(value, (datetime.date, datetime.datetime)):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def inline_row(prefix, index, **fields):
    """Fields of one new inline row, e.g. inline_row("judgements", 0, area="...", grade="Good")."""
    return {f"{prefix}-{index}-{name}": value for name, value in fields.items()}
