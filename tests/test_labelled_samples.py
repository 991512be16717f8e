"""The hand-labelled samples bench/classifiers.py measures the classifiers on stay real and well-formed.

tests/data/labelled_themes.csv: findings, areas for improvement and claims of the real documents, each with
the theme a person gave it after reading it ("none" where no theme of the list fits); the rules were improved
looking at it. labelled_themes_unseen.csv: findings and areas of reports not in that sample, labelled the same
way in rounds, each before the next change of the rules (bench/classifiers.py says which rounds' errors were
looked at since). labelled_claim_kinds.csv:
every claim the parser proposes from the seed self-evaluation, with the kind a person gave it. Accuracy is
not asserted here: bench/classifiers.py prints it.
"""

import csv
import functools
from collections import Counter
from pathlib import Path

import pytest

from inspections.importing.families import self_evaluation
from inspections.importing.readers.common import normalise
from inspections.importing.readers.text import read_path
from inspections.themes import THEMES
from tests.conftest import REPORTS as SEED_AUTHORITY_REPORTS  # the focused visit letters among them
from tests.conftest import SEEDS
from tests.national import JTAI, REPORTS

DATA = Path(__file__).parent / "data"
THEME_LABELS = {theme.slug for theme in THEMES} | {"none"}
CLAIM_KINDS = {"figure", "quality", "context", "plan"}
MAX_EXCERPT_WORDS = 15


def rows(name):
    with (DATA / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def document_path(name):
    for folder in (SEEDS, SEED_AUTHORITY_REPORTS, REPORTS, JTAI):
        if (folder / name).exists():
            return folder / name
    raise AssertionError(f"{name}: not a document of the seeds, data/reports or the national corpus")


@functools.cache
def document_text(name):
    """The document's words, one space apart, so that an excerpt is found whatever the line breaks."""
    return _plain(" ".join(read_path(document_path(name)).pages))


def _plain(text):
    # PDF text breaks "multi-agency" as "multi\ufffeagency", which normalise() closes up: so hyphens go too.
    return normalise(text).replace("-", "")


def test_the_theme_sample_is_well_formed_and_spread():
    sample = rows("labelled_themes.csv")
    assert len(sample) >= 150
    assert set(sample[0]) == {"source_file", "source_ref", "kind", "excerpt", "theme"}
    for row in sample:
        assert row["kind"] in {"finding", "area", "claim"}, row
        assert row["theme"] in THEME_LABELS, row
        assert row["source_ref"] and 3 <= len(row["excerpt"].split()) <= MAX_EXCERPT_WORDS, row
    kinds = Counter(row["kind"] for row in sample)
    assert min(kinds.values()) >= 40, kinds
    assert len({row["source_file"] for row in sample}) >= 50
    themes = Counter(row["theme"] for row in sample)
    assert len(themes) >= 15, themes  # spread over the list, not a few easy themes
    assert len({(row["source_file"], row["source_ref"], row["excerpt"]) for row in sample}) == len(sample)


def test_the_unseen_sample_is_well_formed_and_from_other_documents():
    unseen, seen = rows("labelled_themes_unseen.csv"), rows("labelled_themes.csv")
    assert len(unseen) >= 230  # three rounds: 50, 76 and 104 rows
    # Every kind of document, letters too: the rules must hold on each.
    names = {row["source_file"] for row in unseen}
    assert any(name.endswith("-focused-visit.pdf") for name in names) and any(name.endswith("-jtai.pdf") for name in names)
    assert any(row["source_file"].startswith("004_") for row in unseen)  # the seed monitoring letter
    assert set(unseen[0]) == set(seen[0])
    assert not {row["source_file"] for row in unseen} & {row["source_file"] for row in seen}
    assert len({row["source_file"] for row in unseen}) >= 12
    for row in unseen:
        assert row["kind"] in {"finding", "area"} and row["theme"] in THEME_LABELS, row
        assert row["source_ref"] and 3 <= len(row["excerpt"].split()) <= MAX_EXCERPT_WORDS, row
    assert len({(row["source_file"], row["source_ref"]) for row in unseen}) == len(unseen)


@pytest.mark.parametrize("name", ["labelled_themes.csv", "labelled_themes_unseen.csv", "labelled_claim_kinds.csv"])
def test_each_excerpt_is_found_in_its_document(name):
    missing = [row for row in rows(name) if _plain(row["excerpt"]) not in document_text(row["source_file"])]
    assert not missing


def test_every_claim_the_parser_proposes_from_the_seed_has_a_kind_given_by_hand():
    labelled = rows("labelled_claim_kinds.csv")
    assert set(labelled[0]) == {"source_file", "source_ref", "excerpt", "kind"}
    assert all(row["kind"] in CLAIM_KINDS for row in labelled)
    assert set(Counter(row["kind"] for row in labelled)) == CLAIM_KINDS
    path = document_path(labelled[0]["source_file"])
    proposed = self_evaluation.parse(read_path(path).pages, path.name).claims
    assert sorted(row["source_ref"] for row in labelled) == sorted(claim.source_ref for claim in proposed)
