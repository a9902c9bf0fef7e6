#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the tests in meson's JSON test logs and prints 'N passed, N failed'.

A test passes when meson says OK or EXPECTEDFAIL; skipped tests are reported apart. A missing log (a run that did not start) counts as one failure, so that a broken
setup can never print a clean summary.
"""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            lines = [line for line in log if line.strip()]
    except OSError:
        print(f"test-summary: no test log at {path}", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        result = json.loads(line).get("result")
        if result in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += 1

summary = f"{passed} passed, {failed} failed"
if skipped:
    summary += f", {skipped} skipped"
print(summary)
sys.exit(1 if failed or passed == 0 else 0)
