#!/usr/bin/python3
# Reads a Prometheus text exposition on stdin with the real parser
# (prometheus_client.parser, Debian's python3-prometheus-client) and prints its samples
# as JSON: [{"family", "type", "name", "labels", "value"}, ...]. A text the parser
# refuses makes this exit non-zero with the parser's error, so the test fails.
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        samples.append({"family": family.name, "type": family.type, "name": sample.name,
                        "labels": sample.labels, "value": sample.value})
json.dump(samples, sys.stdout)
