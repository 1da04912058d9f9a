#!/usr/bin/python3
# Searches every column of every table of a SQLite database (FTS shadow tables too) for
# each needle given, as text and as the UTF-8 bytes of a blob, and prints the hits as
# JSON: {"needle": ["table.column (rows)", ...]}. Read-only.
import json
import sqlite3
import sys

database, needles = sys.argv[1], sys.argv[2:]
connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
hits = {needle: [] for needle in needles}
tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
for table in tables:
    columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{table}')")]
    for row in connection.execute(f'SELECT * FROM "{table}"'):
        for column, value in zip(columns, row):
            for needle in needles:
                if (isinstance(value, str) and needle in value) or \
                   (isinstance(value, bytes) and needle.encode() in value) or \
                   (isinstance(value, int) and needle == str(value)):
                    hits[needle].append(f"{table}.{column}: {str(value)[:120]!r}")
json.dump(hits, sys.stdout, ensure_ascii=False)
