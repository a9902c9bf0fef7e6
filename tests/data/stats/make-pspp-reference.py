#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/stats/pspp-reference.csv: 60 survey answers (segment a/b/c, rating 1–5).

    python3 tests/data/stats/make-pspp-reference.py [--check]

Deterministic: a fixed linear congruential generator (the C standard's example rand(),
seed 1), no clock. Each segment draws its ratings from its own distribution (CUMULATIVE below,
in per cent): a leans low, b sits in the middle, c leans high, so that the χ² and Kruskal–Wallis
tests have something to find. Three ratings are left empty (no answer). Running it again
rewrites the same bytes (--check compares and exits 1 on a difference).

The figures in pspp-reference.txt are GNU PSPP's output for pspp-reference.sps on this file;
tests/core/test-stats.c reads this file and checks Likert's statistics against them.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "pspp-reference.csv")

state = 1

# Per segment, the cumulative per cent of ratings 1…5.
CUMULATIVE = {
    "a": (25, 50, 75, 90, 100),
    "b": (10, 30, 60, 85, 100),
    "c": (5, 15, 35, 65, 100),
}


def rand():
    """The C standard's example rand(): next = next * 1103515245 + 12345; 15 bits out."""
    global state
    state = (state * 1103515245 + 12345) % 2**31
    return (state // 65536) % 32768


def make():
    lines = ["id,segment,rating"]
    for i in range(60):
        segment = "abc"[i % 3]
        draw = rand() % 100
        rating = 1 + sum(1 for c in CUMULATIVE[segment] if draw >= c)
        cell = "" if i in (17, 38, 51) else str(rating)
        lines.append(f"{i + 1},{segment},{cell}")
    return ("\n".join(lines) + "\n").encode("ascii")


def main():
    data = make()
    if "--check" in sys.argv[1:]:
        with open(PATH, "rb") as f:
            if f.read() != data:
                print(f"{PATH} differs", file=sys.stderr)
                return 1
        return 0
    with open(PATH, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
