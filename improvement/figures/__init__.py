"""Figure claims set beside the official statistics: the matcher (matcher.py, plain Python), the verdict
(verdicts.py, plain Python) and the checks in the database: proposed (proposing.py), judged (judging.py), confirmed
or rejected by a person (checks.py).

The review workbench calls confirm(check, user, note="") and reject(check, user, note="")."""

from .checks import check_of, checks_for, confirm, reject
from .judging import judge, tolerance_for
from .proposing import propose_all, propose_for

__all__ = ["check_of", "checks_for", "confirm", "judge", "propose_all", "propose_for", "reject", "tolerance_for"]
