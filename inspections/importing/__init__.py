"""Turning Ofsted documents into records: plain Python, no database.

text.py reads a file into pages; detect.py names its family; each family module parses pages into a
DocumentRecord (records.py). loading.py (outside this package) saves records through the ORM.
"""
