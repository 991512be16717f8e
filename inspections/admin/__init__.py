"""The admin for data entry, one module per group of models (importing them registers them)."""

from . import authorities, documents, facts, record, statistics  # noqa: F401
