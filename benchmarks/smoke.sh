#!/usr/bin/env bash
# Benchmark smoke, run by .ci/run with DATABASE_URL pointing at its PostgreSQL server:
# 1,000 synthetic profiles (500 + 500, query counts compared for the N+1 guard), a few seconds of
# wrk per endpoint, the registration race. Fails on any HTTP/socket error, an endpoint that does
# not answer 200, query counts that grow with the data, or a lost race.
# The full run is: .venv/bin/python benchmarks/run.py   (see BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python benchmarks/run.py --smoke "$@"
