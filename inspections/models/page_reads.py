"""What the authority page reads of its council in Python, from rows it fetches anyway or from one plain query:
the latest grades of the council and its neighbours, its neighbours in force, its timeline's judgements.

The same rules as the SQL of latest.py (with_latest_grades(), with_neighbours(), for_timeline()), whose subqueries
cost more to build than to run for a page of one council (bench/pages.py);
tests/inspections/test_latest_grades_read.py holds both to the same answers, on the national record too.
"""

import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q

from inspections.grades import Strand

from .latest import SHOWN_STRANDS, without_overall_q


def neighbourhood(ons_code):
    """(the authority with this ONS code or None, its statistical neighbours in force today closest first, each
    with its `position`, and its neighbour links of every model as {model: {neighbour id: position}}, which "How
    it compares" reads): what split_neighbours(with_neighbours(ons_code)) gives, in two plain queries, not one whose
    subqueries (StatisticalNeighbour.objects.in_force(), twice) cost more to build than to run."""
    from .authorities import Authority, StatisticalNeighbour, neighbour_model_for

    links = {}
    rows = StatisticalNeighbour.objects.filter(authority__ons_code=ons_code).order_by()
    for model, neighbour_id, position in rows.values_list("model", "neighbour_id", "position"):
        links.setdefault(model, {})[neighbour_id] = position
    # in_force(): the model of the year if the authority has links in it, else the 2021 groupings.
    in_force = links.get(neighbour_model_for(datetime.date.today().year)) or links.get("2021", {})
    authorities = list(Authority.objects.filter(Q(ons_code=ons_code) | Q(pk__in=list(in_force))))
    authority = next((a for a in authorities if a.ons_code == ons_code), None)
    neighbours = [a for a in authorities if a is not authority]
    for neighbour in neighbours:
        neighbour.position = in_force[neighbour.pk]
    if authority is not None:
        authority.position = None
    return authority, sorted(neighbours, key=lambda a: a.position), links


# What read_latest_grades() reads of each judgement; `supersedes`: its inspection made no overall judgement.
_READ_FIELDS = ("inspection__authority_id", "inspection_id", "strand", "grade", "grade_rank", "known_on", "supersedes")


def read_latest_grades(authorities, as_at=None):
    """Sets on each of a few authorities (a page's council and its neighbours) what with_latest_grades(as_at)
    annotates, but `open_areas`: the same rules, read in Python from one query of their judgements and their
    predecessors'. Building with_latest_grades()'s two dozen subqueries costs ten times more than running them
    (bench/pages.py), and more than reading a few hundred judgements; a listing of every council, filtered and
    sorted by grade, keeps the SQL. tests/inspections/test_latest_grades_read.py holds the two to the same answers.
    Two queries: the predecessors (prefetched, as with_latest_grades() does) and the judgements."""
    from django.db.models import prefetch_related_objects

    from .record import Judgement

    authorities = list(authorities)
    prefetch_related_objects(authorities, "predecessors")
    ids = {a.pk for a in authorities} | {p.pk for a in authorities for p in a.predecessors.all()}
    supersedes = ExpressionWrapper(without_overall_q("inspection__"), output_field=BooleanField())
    rows = (
        Judgement.objects.of_the_authority().known_by(as_at).filter(inspection__authority__in=ids)
        .annotate(supersedes=supersedes).latest_first().values_list(*_READ_FIELDS)
    )
    by_authority = {}
    for order, row in enumerate(rows):  # latest first, as _latest_judgements() orders each record
        by_authority.setdefault(row[0], []).append((order, *row))
    for authority in authorities:
        own = by_authority.get(authority.pk, [])
        # Its predecessors' records as one, in the database's order (a council can replace several).
        theirs = sorted(row for p in authority.predecessors.all() for row in by_authority.get(p.pk, []))
        for name, value in _latest_values(authority.pk, own, theirs).items():
            setattr(authority, name, value)
    return authorities


def _latest_values(pk, own, theirs):
    """with_latest_grades()'s annotations of one authority from its own judgements and its predecessors', each
    latest first as (order, *_READ_FIELDS): what _own_else_predecessors(), _inherited() and _superseding_on() say
    in SQL."""
    def first(rows, strand):
        return next((row for row in rows if strand is None or row[3] == strand), None)

    def own_else_theirs(index, strand=None):  # Coalesce(own, theirs): a NULL of the own falls to theirs
        for rows in (own, theirs):
            row = first(rows, strand)
            if row is not None and row[index] is not None:
                return row[index]
        return None

    def inherited(strand=None):
        if first(own, strand) is not None:
            return pk
        row = first(theirs, strand)
        return row[1] if row else None

    latest = own[0] if own else (theirs[0] if theirs else None)
    values = {
        "overall_grade": own_else_theirs(4, Strand.OVERALL),
        "overall_rank": own_else_theirs(5, Strand.OVERALL),
        "overall_on": own_else_theirs(6, Strand.OVERALL),
        "overall_authority_id": inherited(Strand.OVERALL),
        "no_overall_on": latest[6] if latest and latest[7] else None,
        "latest_inspection_id": own_else_theirs(2),
        "latest_authority_id": inherited(),
    }
    for strand in SHOWN_STRANDS[1:]:
        values[f"{strand}_grade"] = own_else_theirs(4, strand)
        values[f"{strand}_rank"] = own_else_theirs(5, strand)
    return values


def timeline_judgements(inspections):
    """Judgement.objects.for_timeline(authority)'s judgements, from the authority's record already fetched by
    Inspection.objects.of_record(authority).listed(): the same rule in Python (graded, not the LSCB's, of a strand),
    in the same order, without a second query of the judgements, their inspections and authorities."""
    judgements = [j for inspection in inspections for j in inspection.judgements.all()
                  if j.grade is not None and not j.is_lscb and j.strand != Strand.NONE]
    return sorted(judgements, key=lambda j: (j.inspection.start_date, j.position, j.pk))
