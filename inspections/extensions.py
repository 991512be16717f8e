"""Hooks through which other apps add to the record's pages, so that inspections never imports them.

improvement registers a provider of an authority's self-evaluations (with claim counts) that the user
may see; the authority page draws them on its timeline.
"""

_authority_markers = []


def register_authority_markers(provider):
    """provider(user, authority) -> objects with .published, .title and .claim_count."""
    if provider not in _authority_markers:
        _authority_markers.append(provider)


def authority_markers(user, authority):
    return [marker for provider in _authority_markers for marker in provider(user, authority)]
