#!/usr/bin/env python3
"""Where planbot's CPU time goes, from a perf recording of a webhook load run.

Run after `PERF=1 bench/run-webhook-bench.sh` (which records with --call-graph dwarf):

    perf script -i OUT/c64/perf.data -F comm,ip,sym | bench/perf_breakdown.py

Every sample is put in exactly one bucket: the first rule below (in order) whose
marker appears anywhere in the sample's call chain. Chains that dwarf unwinding cut
short land in "other (unattributed)". Prints bucket, share of samples, count.
"""
import sys
from collections import Counter

# (bucket, markers): the first rule with a marker in the chain wins, so order matters.
RULES = [
    ("dispatcher: Outbox::ready poll after every notify", ["Outbox::ready", "Outbox::next_not_before"]),
    ("dispatcher: sending (HTTP client, mark_sent)", ["Dispatcher::deliver", "Dispatcher::run"]),
    ("sqlite: WAL checkpoint (+fdatasync)", ["sqlite3WalCheckpoint"]),
    ("sqlite: COMMIT, writing WAL frames", ["sqlite3WalFrames"]),
    ("sqlite: BEGIN/COMMIT other (exec, prepare, locks)", ["Transaction::", "Database::execute"]),
    ("sqlite: outbox INSERT (row + 3 indexes)", ["Outbox::append"]),
    ("sqlite: users/chats upserts", ["UpdateHandler::record"]),
    ("sqlite: processed_updates lookup+insert", ["ProcessedUpdates::"]),
    ("question engine (commands::handle)", ["commands::handle"]),
    ("reply split/escape (outbox_messages)", ["outbox_messages"]),
    ("JSON parse (parse_update)", ["parse_update"]),
    ("secret check (SHA-256)", ["secrets_equal", "SHA256"]),
    ("logging", ["log::write"]),
    ("sqlite: other statements", ["Statement::step", "sqlite3_"]),
    ("update handler glue (allocation, strings)", ["UpdateHandler::handle"]),
    ("health check", ["Service::health"]),
    ("HTTP response build, router", ["make_response", "Service::route", "Service::webhook", "_Function_handler"]),
    ("HTTP write (sendmsg, loopback delivery)", ["sendmsg", "write_op", "write_some_op"]),
    ("HTTP read + parse (recvmsg, beast parser)", ["recvmsg", "basic_parser", "read_some", "async_read"]),
    ("event loop (epoll, scheduler, timers)", ["epoll", "scheduler::", "timer_queue"]),
]


def main():
    counts, total, chain = Counter(), 0, []

    def flush():
        nonlocal total
        if not chain:
            return
        total += 1
        text = "\n".join(chain)
        for bucket, markers in RULES:
            if any(marker in text for marker in markers):
                counts[bucket] += 1
                break
        else:
            counts["other (unattributed)"] += 1
        chain.clear()

    for line in sys.stdin:
        if not line.strip():
            flush()
        elif line[0] in " \t":
            chain.append(line.strip())
    flush()
    for bucket, count in counts.most_common():
        print(f"{100.0 * count / total:6.1f}%  {count:6d}  {bucket}")
    print(f"{100.0:6.1f}%  {total:6d}  samples")


if __name__ == "__main__":
    main()
