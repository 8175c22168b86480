#!/usr/bin/env bash
# Quick start, step 2: build doppel with its tests and run the whole suite
# (unit and end-to-end tests), then the unit tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer. .ci/run runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

scripts/install-deps.sh
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DDOPPEL_BUILD_TESTS=ON > /dev/null
cmake --build build-test -j "$jobs"
ctest --test-dir build-test --output-on-failure -j "$jobs"

echo
echo "Unit tests under ASan + UBSan:"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DDOPPEL_BUILD_TESTS=ON -DDOPPEL_SANITIZE=ON > /dev/null
cmake --build build-asan -j "$jobs" --target unit_tests
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 build-asan/unit_tests --gtest_brief=1
