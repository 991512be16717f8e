"""The record as a whole: its version (bumped by the database with every change), the page cache keyed by it,
and its backup and restore."""
