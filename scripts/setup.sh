#!/usr/bin/env bash
# Quick start, step 1: install dependencies, build doppel in Release, and run
# it on the example corpus that ships in examples/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDOPPEL_BUILD_TESTS=OFF > /dev/null
cmake --build build -j "$(nproc)"
echo
echo "Running: build/doppel dedup examples/corpus -o out/example"
build/doppel dedup examples/corpus -o out/example
echo
echo "See out/example/documents.jsonl for every document's verdict."
