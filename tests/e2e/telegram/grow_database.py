#!/usr/bin/python3
# Grows planbot's database as if it had seen many updates, for the crash tests' kills
# during a WAL checkpoint and during a backup: adds ROWS processed_updates rows
# (platform 'telegram', update ids FIRST_ID on, processed at AT, unix seconds) in one
# transaction, with planbot stopped. With --leave-wal the commit stays in the
# write-ahead log: automatic checkpoints are off and the process ends without closing
# the database (as if killed), so the next planbot finds ROWS rows' worth of WAL to
# checkpoint. Prints the WAL's size in bytes.
import os
import sqlite3
import sys

database, rows, first_id, at = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
leave_wal = "--leave-wal" in sys.argv[5:]
connection = sqlite3.connect(database, isolation_level=None)
if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
    sys.exit(f"{database} is not in WAL mode")
connection.execute("PRAGMA wal_autocheckpoint = 0")
connection.execute("BEGIN IMMEDIATE")
connection.executemany("INSERT INTO processed_updates (platform, update_id, processed_at) VALUES ('telegram', ?, ?)",
                       ((first_id + i, at) for i in range(rows)))
connection.execute("COMMIT")
wal = database + "-wal"
print(os.path.getsize(wal) if os.path.exists(wal) else 0, flush=True)
if leave_wal:
    os._exit(0)  # no sqlite3_close: the last connection's close would checkpoint the WAL
connection.close()
