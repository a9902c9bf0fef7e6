#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of likert-cli against the bundled sample.

Environment (set by tests/cli/meson.build): LIKERT_CLI, the likert-cli executable;
LIKERT_SOURCE_ROOT, the source tree (for data/samples/website-feedback.csv).
Python's csv module is the reference: what it reads from the file is what the CLI must report.
"""

import collections
import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("LIKERT_CLI", "likert-cli")
SOURCE_ROOT = os.environ.get("LIKERT_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "website-feedback.csv")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_MAGIC = b"%PDF-"


def run(*args, env=None, check=None):
    """Runs likert-cli; returns the CompletedProcess (text mode, UTF-8)."""
    full_env = dict(os.environ)
    full_env.setdefault("LC_ALL", "C.UTF-8")
    if env:
        full_env.update(env)
    result = subprocess.run([CLI, *args], capture_output=True, env=full_env,
                            encoding="utf-8", timeout=100)
    if check is not None and result.returncode != check:
        raise AssertionError(
            f"likert-cli {' '.join(args)}: exit {result.returncode}, expected {check}\n"
            f"stdout: {result.stdout[-2000:]}\nstderr: {result.stderr[-2000:]}")
    return result


def read_sample():
    with open(SAMPLE, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def magic_of(path, length):
    with open(path, "rb") as f:
        return f.read(length)


class CliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="likert-cli-test-")
        cls.project = os.path.join(cls.tmp, "feedback.likert")
        cls.rows = read_sample()
        cls.import_result = run("import", SAMPLE, "-o", cls.project, check=0)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def stats_json(self, project=None, *extra):
        result = run("stats", project or self.project, "--json", *extra, check=0)
        return json.loads(result.stdout)

    def rating_question(self, stats):
        by_name = {q["name"]: q for q in stats["questions"]}
        self.assertIn("rating", by_name)
        return by_name["rating"]

    # import

    def test_import_summary(self):
        out = self.import_result.stdout
        self.assertIn("5000", out)
        for header in self.rows[0].keys():
            self.assertIn(header, out)
        self.assertRegex(out, r"rating\s+rating 1–5")
        self.assertEqual(self.import_result.stderr, "")  # no progress when stderr is a pipe

    # stats

    def test_stats_json_matches_csv(self):
        stats = self.stats_json()
        self.assertEqual(stats["responses"], 5000)
        self.assertEqual(stats["responses"], len(self.rows))

        q = self.rating_question(stats)
        self.assertEqual(q["scale"], [1, 5])
        self.assertEqual(q["labels"]["1"], "Extremely dissatisfied")
        self.assertEqual(q["labels"]["5"], "Extremely satisfied")
        self.assertEqual(set(q["counts"]), {str(v) for v in range(1, 6)})

        counted = collections.Counter(row["rating"].strip() for row in self.rows)
        expected = {str(v): counted.get(str(v), 0) for v in range(1, 6)}
        self.assertEqual(q["counts"], expected)

        n = sum(expected.values())
        self.assertEqual(q["n"], n)
        self.assertEqual(q["n"] + q["missing"], 5000)

        values = sorted(v for v in range(1, 6) for _ in range(expected[str(v)]))
        mean = sum(values) / n
        median = (values[(n - 1) // 2] + values[n // 2]) / 2
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
        top2box = (expected["4"] + expected["5"]) / n
        bottom2box = (expected["1"] + expected["2"]) / n
        self.assertAlmostEqual(q["mean"], mean, delta=1e-9)
        self.assertAlmostEqual(q["median"], median, delta=1e-9)
        self.assertAlmostEqual(q["sd"], sd, delta=1e-9)
        self.assertAlmostEqual(q["se"], sd / math.sqrt(n), delta=1e-9)
        self.assertAlmostEqual(q["top2box"], top2box, delta=1e-9)
        self.assertAlmostEqual(q["bottom2box"], bottom2box, delta=1e-9)

        low, high = q["ci95"]
        self.assertLess(low, q["mean"])
        self.assertGreater(high, q["mean"])
        self.assertAlmostEqual(q["mean"] - low, high - q["mean"], delta=1e-9)
        self.assertIsNone(q["nps"])

    def test_stats_question_option(self):
        stats = self.stats_json(None, "--question", "rating")
        self.assertEqual([q["name"] for q in stats["questions"]], ["rating"])

    def test_stats_text(self):
        out = run("stats", self.project, check=0).stdout
        self.assertIn("rating (scale 1–5)", out)
        self.assertIn("Extremely dissatisfied", out)
        self.assertIn("Top-2-box", out)

    # show

    def test_show_json_reproduces_file(self):
        result = run("show", self.project, "--json", check=0)
        shown = json.loads(result.stdout)
        self.assertEqual(len(shown), 5000)
        self.assertEqual(shown, self.rows)
        # The difficult cells are really there.
        comments = [row["comment"] for row in self.rows]
        self.assertTrue(any('"' in c for c in comments))
        self.assertTrue(any("\n" in c for c in comments))
        self.assertTrue(any("," in c for c in comments))
        self.assertTrue(any(re.search("[\u0600-\u06ff]", c) for c in comments))

    def test_show_two_datasets(self):
        project = self.path("two.likert")
        first = self.path("first.csv")
        second = self.path("second.csv")
        with open(first, "w", encoding="utf-8", newline="") as f:
            f.write('score,comment\n4,"a ""quoted"" word"\n,\n2,tab\there\n')
        with open(second, "w", encoding="utf-8", newline="") as f:
            f.write("label,score,city\r\nExtremely satisfied,5,Rabat\r\n"
                    "Extremely dissatisfied,1,Москва\r\nSomewhat satisfied,4,\r\n")
        run("import", first, "-o", project, check=0)
        summary = run("import", second, "-o", project, check=0).stdout
        # A label column before the number it names is recognised as its twin.
        self.assertRegex(summary, r"label\s+rating labels \(of “score”\)")

        shown = json.loads(run("show", project, "--json", check=0).stdout)
        self.assertEqual(shown, [
            {"score": "4", "comment": 'a "quoted" word'},
            {"score": "", "comment": ""},
            {"score": "2", "comment": "tab\there"},
            {"label": "Extremely satisfied", "score": "5", "city": "Rabat"},
            {"label": "Extremely dissatisfied", "score": "1", "city": "Москва"},
            {"label": "Somewhat satisfied", "score": "4", "city": ""},
        ])
        stats = self.stats_json(project)
        self.assertEqual(stats["responses"], 6)
        labelled = [q for q in stats["questions"] if q["labels"]]
        self.assertEqual(len(labelled), 1)
        self.assertEqual(labelled[0]["labels"]["5"], "Extremely satisfied")
        self.assertEqual(labelled[0]["counts"], {"1": 1, "2": 0, "3": 0, "4": 1, "5": 1})

    def test_show_text(self):
        out = run("show", self.project, check=0).stdout
        self.assertIn("R-000001", out)
        self.assertIn("4980 more", out)

    # chart

    def test_chart_formats(self):
        for ext, check in (("png", lambda b: b.startswith(PNG_MAGIC)),
                           ("svg", lambda b: b.lstrip().startswith(b"<?xml") and b"<svg" in b),
                           ("pdf", lambda b: b.startswith(PDF_MAGIC))):
            with self.subTest(ext=ext):
                out = self.path("chart." + ext)
                result = run("chart", self.project, "-o", out, check=0)
                self.assertEqual(result.stdout.strip(), out)
                self.assertTrue(check(magic_of(out, 4096)), ext)

    def test_chart_options(self):
        out = self.path("chart-dark.png")
        run("chart", self.project, "-o", out, "--question", "rating", "--width", "400",
            "--height", "300", "--scale", "2", "--dark", check=0)
        header = magic_of(out, 24)
        self.assertTrue(header.startswith(PNG_MAGIC))
        width = int.from_bytes(header[16:20], "big")
        height = int.from_bytes(header[20:24], "big")
        self.assertEqual((width, height), (800, 600))

    def test_chart_bad_extension(self):
        out = self.path("chart.txt")
        result = run("chart", self.project, "-o", out)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("chart.txt", result.stderr)
        self.assertFalse(os.path.exists(out))

    # errors

    def test_unterminated_quote_leaves_project_unchanged(self):
        project = self.path("small.likert")
        good = self.path("small.csv")
        bad = self.path("bad.csv")
        with open(good, "w", encoding="utf-8", newline="") as f:
            f.write("id,score,comment\r\n1,4,fine\r\n2,5,great\r\n3,2,\"slow, very slow\"\r\n")
        with open(bad, "w", encoding="utf-8", newline="") as f:
            f.write("id,score,comment\n1,4,ok\n2,3,\"never closed\n3,5,fine\n")
        run("import", good, "-o", project, check=0)
        before = run("stats", project, "--json", check=0).stdout
        shown_before = run("show", project, "--json", check=0).stdout

        result = run("import", bad, "-o", project)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r"^likert-cli: .*bad\.csv:\d+:\d+:")
        self.assertEqual(result.stdout, "")

        self.assertEqual(run("stats", project, "--json", check=0).stdout, before)
        self.assertEqual(run("show", project, "--json", check=0).stdout, shown_before)

    def test_not_a_project(self):
        text = self.path("notes.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("These are not the responses you are looking for.\n")
        for command in (["stats", text], ["show", text, "--json"],
                        ["chart", text, "-o", self.path("x.png")]):
            with self.subTest(command=command[0]):
                result = run(*command)
                self.assertEqual(result.returncode, 1)
                self.assertIn("not a Likert project", result.stderr)
                self.assertTrue(result.stderr.startswith("likert-cli: "))

    def test_missing_project(self):
        result = run("stats", self.path("nowhere.likert"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("nowhere.likert", result.stderr)
        self.assertFalse(os.path.exists(self.path("nowhere.likert")))

    def test_unknown_command(self):
        result = run("frobnicate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("frobnicate", result.stderr)

    def test_usage_errors(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("stats").returncode, 2)
        self.assertEqual(run("stats", self.project, "--no-such-option").returncode, 2)
        self.assertEqual(run("import", SAMPLE).returncode, 2)  # no -o

    def test_unknown_question(self):
        result = run("stats", self.project, "--question", "nope")
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope", result.stderr)
        self.assertIn("“rating”", result.stderr)  # lists the questions there are
        result = run("chart", self.project, "--question", "nope", "-o", self.path("n.png"))
        self.assertEqual(result.returncode, 1)

    # help and version

    def test_help_and_version(self):
        result = run("--help", check=0)
        for command in ("import", "stats", "show", "chart", "report"):
            self.assertIn(command, result.stdout)
        result = run("stats", "--help", check=0)
        self.assertIn("--question", result.stdout)
        self.assertIn("--json", result.stdout)
        self.assertIn("--json", run("show", "--help", check=0).stdout)
        self.assertRegex(run("--version", check=0).stdout, r"^likert-cli \d+\.\d+")

    # report

    def test_report(self):
        cache = tempfile.mkdtemp(prefix="cache-", dir=self.tmp)
        result = run("report", env={"LIKERT_SAMPLE": SAMPLE, "XDG_CACHE_HOME": cache}, check=0)
        last = result.stdout.rstrip("\n").splitlines()[-1]
        match = re.fullmatch(r"Histogram written to (.+\.png)", last)
        self.assertIsNotNone(match, last)
        png = match.group(1)
        self.assertTrue(png.startswith(cache), png)
        self.assertTrue(magic_of(png, 8).startswith(PNG_MAGIC))
        self.assertIn("rating (scale 1–5)", result.stdout)
        self.assertIn("5000 responses", result.stdout)

    def test_report_project(self):
        cache = tempfile.mkdtemp(prefix="cache-", dir=self.tmp)
        out = self.path("report.png")
        result = run("report", self.project, "-o", out, env={"XDG_CACHE_HOME": cache}, check=0)
        self.assertEqual(result.stdout.rstrip("\n").splitlines()[-1],
                         f"Histogram written to {out}")
        self.assertTrue(magic_of(out, 8).startswith(PNG_MAGIC))


if __name__ == "__main__":
    if not os.path.exists(SAMPLE):
        print(f"sample not found: {SAMPLE}", file=sys.stderr)
        sys.exit(1)
    unittest.main(verbosity=2)
