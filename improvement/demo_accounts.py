"""The demo logins load_demo creates: a manager of Leicestershire, one of Leeds, a regional adviser for the East
Midlands (Leicestershire's region) and a staff member."""

import secrets

from django.contrib.auth import get_user_model

from inspections.models import Authority, Membership

# username -> (ONS code of the authority the user works for, or None; is staff)
DEMO_ACCOUNTS = {
    "leicestershire.manager": ("E10000018", False),
    "leeds.manager": ("E08000035", False),
    "staff.analyst": (None, True),
    "east-midlands.adviser": (None, False),
}
# username -> ONS code of a council whose Ofsted region the user advises (a regional membership)
DEMO_REGIONAL = {
    "east-midlands.adviser": "E10000018",
}


def ensure_demo_accounts(reset_passwords=False):
    """Create the demo accounts where missing (with no usable password until one is set).

    Returns {username: new password} when resetting, else {username: None} for the accounts created."""
    users = get_user_model().objects
    passwords = {}
    for username, (ons_code, is_staff) in DEMO_ACCOUNTS.items():
        user, created = users.get_or_create(username=username, defaults={"is_staff": is_staff})
        if reset_passwords:
            passwords[username] = secrets.token_urlsafe(9)
            user.set_password(passwords[username])
            user.save()
        elif created:
            user.set_unusable_password()
            user.save()
            passwords[username] = None
        if ons_code:
            Membership.objects.get_or_create(
                user=user, authority=Authority.objects.get(ons_code=ons_code), role=Membership.Role.AUTHORITY
            )
        if username in DEMO_REGIONAL:
            region = Authority.objects.get(ons_code=DEMO_REGIONAL[username]).ofsted_region
            Membership.objects.get_or_create(user=user, role=Membership.Role.REGIONAL, region=region)
    return passwords
