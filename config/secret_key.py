"""The local secret key: made once at first use and kept outside git, never a key committed to the repository.

Production sets DJANGO_SECRET_KEY (and DJANGO_ENV=production, so that a missing key is an error rather than a
quietly generated one: several servers behind one proxy must share the key, and a file on one of them is not
shared).
"""

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 50  # check --deploy wants at least 50 characters; token_urlsafe(50) gives 67


def local_secret_key(path: Path) -> str:
    """The key stored in `path` (mode 0600), made there if it does not exist yet."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    key = secrets.token_urlsafe(KEY_BYTES)
    try:
        # O_EXCL: two processes starting at once must not each write a different key; the loser reads the winner's.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip() or _unreadable(path)
    except OSError as error:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY is not set and no local key could be written to {path} ({error.strerror}); "
            "set DJANGO_SECRET_KEY, or DJANGO_SECRET_KEY_FILE to a writable path"
        ) from error
    with os.fdopen(fd, "w") as file:
        file.write(key + "\n")
    return key


def _unreadable(path):
    raise ImproperlyConfigured(f"{path} exists but holds no key; delete it to have a new one made")
