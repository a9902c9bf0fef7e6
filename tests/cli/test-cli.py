#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end tests of likert-cli against the bundled sample and the fixtures of tests/data.

Environment (set by tests/cli/meson.build): LIKERT_CLI, the likert-cli executable;
LIKERT_SOURCE_ROOT, the source tree (for data/samples/website-feedback.csv and tests/data).
Python's csv module is the reference: what it reads from the file is what the CLI must report.
"""

import collections
import csv
import hashlib
import json
import math
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import unittest
import uuid

CLI = os.environ.get("LIKERT_CLI", "likert-cli")
SOURCE_ROOT = os.environ.get("LIKERT_SOURCE_ROOT",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SAMPLE = os.path.join(SOURCE_ROOT, "data", "samples", "website-feedback.csv")
VENDORS = os.path.join(SOURCE_ROOT, "tests", "data", "vendors")
ENCODINGS = os.path.join(SOURCE_ROOT, "tests", "data", "encodings")

# tests/data/vendors/README.md: each fixture's layout, header rows, delimiter, columns, and the
# records its survey tool marks as not real responses.
VENDOR_FIXTURES = {
    "plain.csv": ("plain", 1, ",", 6, 0),
    "headerless.csv": ("headerless", 0, ",", 5, 0),
    "google-forms.csv": ("google-forms", 1, ",", 7, 0),
    "google-forms-fr.csv": ("google-forms", 1, ",", 6, 0),
    "surveymonkey.csv": ("surveymonkey", 2, ",", 17, 0),
    "qualtrics.csv": ("qualtrics", 3, ",", 24, 4),
    "limesurvey.csv": ("limesurvey", 1, ";", 17, 0),
    "limesurvey-text.csv": ("limesurvey", 1, ";", 12, 0),
    "hotjar-feedback.csv": ("hotjar", 1, ",", 11, 0),
    "hotjar-survey.csv": ("hotjar", 1, ",", 11, 0),
    "typeform.csv": ("typeform", 1, ",", 10, 0),
}

# What the text output calls each layout (likert_shape_kind_display_name, in English).
SHAPE_NAMES = {
    "plain": "Plain CSV with a header row",
    "headerless": "CSV without a header row",
    "google-forms": "Google Forms",
    "surveymonkey": "SurveyMonkey",
    "qualtrics": "Qualtrics",
    "limesurvey": "LimeSurvey",
    "hotjar": "Hotjar",
    "typeform": "Typeform",
}

# The keys of `import --dry-run --json`, and of each of its columns and problems.
PLAN_KEYS = {"file", "size", "sha256", "encoding", "delimiter", "shape", "header_rows",
             "date_order", "date_order_ambiguous", "records", "excluded", "bad_records",
             "problems_total", "columns", "problems", "notices"}
PROBLEM_KEYS = {"line", "column", "field", "value", "message"}

# Qualtrics' Status values that are not real responses.
QUALTRICS_EXCLUDED = {"Survey Preview", "Survey Test", "Spam"}

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


def read_rows(path, delimiter=",", encoding="utf-8-sig"):
    """The records of a CSV file as lists of cells, blank lines left out."""
    with open(path, newline="", encoding=encoding) as f:
        return [row for row in csv.reader(f, delimiter=delimiter) if row]


def vendor(name):
    return os.path.join(VENDORS, name)


def summary_counts(stdout):
    """The counts of an import summary: {"Records": 30, "New": 30, …}."""
    counts = {}
    for key in ("Records", "New", "Already present", "Skipped", "Excluded"):
        match = re.search(rf"^  {key}:\s+(\d+)$", stdout, re.MULTILINE)
        if match is None:
            raise AssertionError(f"no “{key}:” in the summary:\n{stdout}")
        counts[key] = int(match.group(1))
    return counts


def file_state(path):
    """What a project file holds on disk, to check that a command left it alone."""
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


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
                        ["chart", text, "-o", self.path("x.png")],
                        ["import", SAMPLE, "-o", text]):
            with self.subTest(command=command[0]):
                result = run(*command)
                self.assertEqual(result.returncode, 1)
                self.assertIn("not a Likert project", result.stderr)
                self.assertTrue(result.stderr.startswith("likert-cli: "))
        # Left as it was, and not removed.
        with open(text, encoding="utf-8") as f:
            self.assertEqual(f.read(), "These are not the responses you are looking for.\n")

    def test_missing_project(self):
        result = run("stats", self.path("nowhere.likert"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("nowhere.likert", result.stderr)
        self.assertFalse(os.path.exists(self.path("nowhere.likert")))

    def test_drawing_commands_run_full(self):
        """likert-cli loads no drawing library; chart, report and export run likert-cli-full."""
        cli = shutil.which(CLI) or CLI
        with open(cli, "rb") as f:
            lean = f.read()
        for library in (b"libcairo.so", b"libpango-1.0.so", b"libxlsxwriter.so"):
            self.assertNotIn(library, lean)
        png = self.path("h.png")
        self.assertEqual(run("report", self.project, "-o", png).returncode, 0)
        self.assertTrue(os.path.getsize(png) > 0)
        # Alone, without likert-cli-full beside it nor installed: it says so.
        alone = self.path("bin")
        os.mkdir(alone)
        shutil.copy(cli, alone)
        result = subprocess.run([os.path.join(alone, os.path.basename(cli)), "chart",
                                 self.project, "-o", self.path("c.png")],
                                capture_output=True, encoding="utf-8", timeout=100,
                                env=dict(os.environ, LC_ALL="C.UTF-8"))
        if result.returncode == 0:
            self.skipTest("a likert-cli-full is installed on this machine")
        self.assertEqual(result.returncode, 1)
        self.assertIn("likert-cli: chart: could not run", result.stderr)
        self.assertIn("likert-cli-full", result.stderr)
        self.assertFalse(os.path.exists(self.path("c.png")))

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


class ImportTest(unittest.TestCase):
    """likert-cli import's options: --dry-run, --shape, --header-rows, --encoding, --delimiter,
    --rating, --date-order, --skip-bad-rows, --keep-excluded, and re-imports."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="likert-cli-import-test-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write(self, name, text, encoding="utf-8"):
        path = self.path(name)
        with open(path, "w", encoding=encoding, newline="") as f:
            f.write(text)
        return path

    def plan(self, csv_path, *extra):
        result = run("import", csv_path, "--dry-run", "--json", *extra, check=0)
        self.assertEqual(result.stderr, "")
        return json.loads(result.stdout)

    def import_counts(self, csv_path, project, *extra):
        return summary_counts(run("import", csv_path, "-o", project, *extra, check=0).stdout)

    def show(self, project):
        return json.loads(run("show", project, "--json", check=0).stdout)

    def project_snapshot(self, project):
        return (run("stats", project, "--json", check=0).stdout,
                run("show", project, "--json", check=0).stdout)

    def rating_file(self, name, bad_value="7"):
        """A small export whose third record rates bad_value; returns its path and rows."""
        rows = [["id", "rating", "comment"], ["1", "4", "fine"], ["2", "5", "great"],
                ["3", bad_value, "seven?"], ["4", "2", "slow, very slow"], ["5", "3", "ok"]]
        text = "".join(",".join(f'"{c}"' if "," in c else c for c in row) + "\r\n"
                       for row in rows)
        return self.write(name, text), rows

    # --dry-run

    def test_dry_run_json_vendors(self):
        for name, (shape, header_rows, delimiter, width, excluded) in VENDOR_FIXTURES.items():
            with self.subTest(fixture=name):
                path = vendor(name)
                plan = self.plan(path)
                rows = read_rows(path, delimiter)
                with open(path, "rb") as f:
                    data = f.read()

                self.assertEqual(set(plan), PLAN_KEYS)
                self.assertEqual(plan["file"], path)
                self.assertEqual(plan["size"], len(data))
                self.assertEqual(plan["sha256"], hashlib.sha256(data).hexdigest())
                self.assertEqual(plan["encoding"], "UTF-8")
                self.assertEqual(plan["delimiter"], delimiter)
                self.assertEqual(plan["shape"], shape)
                self.assertEqual(plan["header_rows"], header_rows)
                self.assertIn(plan["date_order"], ("dmy", "mdy", "ymd"))
                self.assertIsInstance(plan["date_order_ambiguous"], bool)
                self.assertEqual(plan["records"], len(rows) - header_rows)
                self.assertEqual(plan["excluded"], excluded)
                self.assertEqual((plan["bad_records"], plan["problems_total"]), (0, 0))
                self.assertEqual(plan["problems"], [])
                self.assertTrue(all(isinstance(n, str) for n in plan["notices"]))

                columns = plan["columns"]
                self.assertEqual(len(columns), width)
                names = [c["name"] for c in columns]
                self.assertEqual(len(set(names)), width, "column names are unique")
                if header_rows == 1:
                    self.assertEqual(names, rows[0])
                for column in columns:
                    self.assertIn(column["role"], ("id", "time", "rating", "text", "category",
                                                   "label", "other"))
                    if column["role"] == "rating":
                        low, high = column["scale"]
                        self.assertLess(low, high)
                        self.assertTrue(all(low <= int(v) <= high for v in column["labels"]))
                        self.assertTrue(all(column["labels"].values()))
                    else:
                        self.assertNotIn("scale", column)
                        self.assertNotIn("labels", column)
                self.assertTrue(any(c["role"] == "rating" for c in columns))

    def test_dry_run_text_vendors(self):
        for name, (shape, header_rows, delimiter, width, excluded) in VENDOR_FIXTURES.items():
            with self.subTest(fixture=name):
                path = vendor(name)
                records = len(read_rows(path, delimiter)) - header_rows
                result = run("import", path, "--dry-run", check=0)
                out = result.stdout
                self.assertEqual(result.stderr, "")
                self.assertRegex(out, rf"Layout:\s+{re.escape(SHAPE_NAMES[shape])}, "
                                      rf"{header_rows} header rows?\n")
                self.assertRegex(out, r"Encoding:\s+UTF-8\n")
                self.assertRegex(out, rf"Delimiter:\s+{re.escape(delimiter)}\n")
                self.assertRegex(out, rf"Records:\s+{records}\n")
                self.assertRegex(out, rf"Excluded:\s+{excluded}\n")
                self.assertIn(f"{width} columns:", out)
                self.assertIn("No problems.", out)
                self.assertTrue(out.rstrip().endswith("Nothing was written (--dry-run)."))

    def test_dry_run_creates_nothing(self):
        project = self.path("dry.likert")
        for extra in ([], ["--json"]):
            with self.subTest(extra=extra):
                run("import", vendor("plain.csv"), "-o", project, "--dry-run", *extra, check=0)
                self.assertEqual([f for f in os.listdir(self.tmp) if f.startswith("dry.")], [])
        # Nor does it touch a project that exists.
        run("import", vendor("plain.csv"), "-o", project, check=0)
        before = file_state(project)
        run("import", vendor("typeform.csv"), "-o", project, "--dry-run", check=0)
        self.assertEqual(file_state(project), before)
        self.assertEqual(len(self.show(project)), 30)

    def test_dry_run_lists_problems(self):
        path, rows = self.rating_file("dry-problems.csv")
        plan = self.plan(path, "--rating", "rating:1-5")
        self.assertEqual((plan["records"], plan["bad_records"], plan["problems_total"]),
                         (5, 1, 1))
        self.assertEqual(len(plan["problems"]), 1)
        problem = plan["problems"][0]
        self.assertEqual(set(problem), PROBLEM_KEYS)
        self.assertEqual((problem["line"], problem["column"]), (4, 3))
        self.assertEqual((problem["field"], problem["value"]), ("rating", "7"))
        self.assertIn("1–5", problem["message"])
        rating = [c for c in plan["columns"] if c["name"] == "rating"][0]
        self.assertEqual(rating["scale"], [1, 5])

        out = run("import", path, "--dry-run", "--rating", "rating:1-5", check=0).stdout
        self.assertIn("1 problem:", out)
        self.assertRegex(out, rf"(?m)^{re.escape(path)}:4:3: .*7")

    def test_json_needs_dry_run(self):
        result = run("import", vendor("plain.csv"), "-o", self.path("json.likert"), "--json")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--dry-run", result.stderr)
        self.assertFalse(os.path.exists(self.path("json.likert")))

    # --role

    def test_role_override(self):
        path, rows = self.rating_file("roles.csv")
        detected = {c["name"]: c["role"] for c in self.plan(path)["columns"]}
        self.assertEqual(detected["comment"], "text")
        plan = self.plan(path, "--role", "comment=category", "--role", "id=other")
        roles = {c["name"]: c["role"] for c in plan["columns"]}
        self.assertEqual((roles["comment"], roles["id"], roles["rating"]),
                         ("category", "other", "rating"))
        # The choice reaches the project: the comment is a category, so not searchable text.
        project = self.path("roles.likert")
        run("import", path, "-o", project, "--role", "comment=category", "--skip-bad-rows",
            check=0)
        stats = json.loads(run("stats", project, "--json", "--search", "slow", check=0).stdout)
        self.assertEqual(stats["responses"], 0)
        # Imported as text, the same word finds it.
        project = self.path("roles-text.likert")
        run("import", path, "-o", project, "--skip-bad-rows", check=0)
        stats = json.loads(run("stats", project, "--json", "--search", "slow", check=0).stdout)
        self.assertEqual(stats["responses"], 1)

    def test_role_errors(self):
        path, rows = self.rating_file("roles-bad.csv")
        for spec, needle in (("nosuch=text", "nosuch"), ("comment=colour", "colour"),
                             ("comment", "comment")):
            with self.subTest(spec=spec):
                result = run("import", path, "--dry-run", "--role", spec)
                self.assertNotEqual(result.returncode, 0)
                self.assertIn(needle, result.stderr)

    # --shape, --header-rows

    def test_shape_forced(self):
        plan = self.plan(vendor("plain.csv"), "--shape", "headerless")
        self.assertEqual((plan["shape"], plan["header_rows"], plan["records"]),
                         ("headerless", 0, 31))
        self.assertEqual([c["name"] for c in plan["columns"]],
                         [f"Column {i}" for i in range(1, 7)])

        plan = self.plan(vendor("plain.csv"), "--header-rows", "2")
        self.assertEqual((plan["shape"], plan["header_rows"], plan["records"]), ("plain", 2, 29))

        plan = self.plan(vendor("headerless.csv"), "--shape", "plain")
        self.assertEqual((plan["shape"], plan["header_rows"], plan["records"]), ("plain", 1, 23))
        self.assertEqual([c["name"] for c in plan["columns"]],
                         read_rows(vendor("headerless.csv"))[0])

        # The forced layout is the one imported.
        project = self.path("forced.likert")
        counts = self.import_counts(vendor("plain.csv"), project, "--shape", "headerless")
        self.assertEqual(counts["New"], 31)
        shown = self.show(project)
        self.assertEqual(shown[0], {f"Column {i + 1}": cell
                                    for i, cell in enumerate(read_rows(vendor("plain.csv"))[0])})

    def test_shape_misfit(self):
        project = self.path("misfit.likert")
        for extra in (["--shape", "surveymonkey", "--header-rows", "1"],
                      ["--shape", "headerless", "--header-rows", "1"],
                      ["--shape", "typeform", "--header-rows", "2"]):
            with self.subTest(extra=extra):
                for mode in (["-o", project], ["--dry-run"]):
                    result = run("import", vendor("plain.csv"), *mode, *extra)
                    self.assertEqual(result.returncode, 1, result.stderr)
                    self.assertRegex(result.stderr, r"^likert-cli: plain\.csv: .*header row")
                    self.assertEqual(result.stdout, "")
                    self.assertFalse(os.path.exists(project))

    def test_header_rows_beyond_the_file(self):
        path = self.write("two-lines.csv", "id,score\r\n1,4\r\n")
        project = self.path("two-lines.likert")
        result = run("import", path, "-o", project, "--header-rows", "3")
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r"^likert-cli: two-lines\.csv: .*third header row")
        self.assertFalse(os.path.exists(project))

    def test_shape_and_header_rows_usage(self):
        result = run("import", vendor("plain.csv"), "--dry-run", "--shape", "excel")
        self.assertEqual(result.returncode, 2)
        self.assertIn("excel", result.stderr)
        for shape in SHAPE_NAMES:
            self.assertIn(shape, result.stderr)
        for rows in ("4", "-2", "two"):
            with self.subTest(rows=rows):
                result = run("import", vendor("plain.csv"), "--dry-run", "--header-rows", rows)
                self.assertEqual(result.returncode, 2)

    # --encoding

    def test_encoding(self):
        expected = read_rows(os.path.join(ENCODINGS, "expected", "fr.csv"), ";", "utf-8")
        header, records = expected[0], expected[1:]
        for name, encoding in (("fr-windows-1252.csv", "windows-1252"),
                               ("fr-utf8.csv", "UTF-8"),
                               ("fr-utf16le.txt", "UTF-16LE")):
            with self.subTest(fixture=name, encoding=encoding):
                path = os.path.join(ENCODINGS, name)
                plan = self.plan(path, "--encoding", encoding)
                self.assertEqual(plan["encoding"].upper(), encoding.upper())
                self.assertEqual([c["name"] for c in plan["columns"]], header)

                project = self.path(f"encoding-{name}.likert")
                summary = run("import", path, "-o", project, "--encoding", encoding,
                              check=0).stdout
                self.assertRegex(summary, rf"Encoding:\s+{re.escape(plan['encoding'])}\n")
                self.assertEqual(self.show(project),
                                 [dict(zip(header, record)) for record in records])

    def test_wrong_encoding(self):
        project = self.path("wrong-encoding.likert")
        path = os.path.join(ENCODINGS, "fr-windows-1252.csv")
        result = run("import", path, "-o", project, "--encoding", "UTF-8")
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r"^likert-cli: fr-windows-1252\.csv:1:\d+: .*UTF-8")
        self.assertFalse(os.path.exists(project))

        result = run("import", path, "--dry-run", "--encoding", "no-such-encoding")
        self.assertEqual(result.returncode, 1)
        self.assertIn("no-such-encoding", result.stderr)

    # --delimiter

    def test_delimiter(self):
        path = self.write("pipes.csv", "id|score|comment\r\n1|4|fine, thanks\r\n"
                                       "2|5|great, really\r\n3|2|slow\r\n")
        for word in ("|", "pipe", "PIPE"):
            with self.subTest(delimiter=word):
                plan = self.plan(path, "--delimiter", word)
                self.assertEqual(plan["delimiter"], "|")
                self.assertEqual([c["name"] for c in plan["columns"]],
                                 ["id", "score", "comment"])
        plan = self.plan(path, "--delimiter", "comma")
        self.assertEqual(plan["delimiter"], ",")
        self.assertEqual([c["name"] for c in plan["columns"]], ["id|score|comment"])
        self.assertGreater(plan["problems_total"], 0)  # the commas in comments split records

        fr = os.path.join(ENCODINGS, "fr-utf8.csv")
        for word in (";", "semicolon"):
            self.assertEqual(self.plan(fr, "--delimiter", word)["delimiter"], ";")
        tab = os.path.join(ENCODINGS, "fr-utf16le-bom.txt")
        for word in ("tab", "\t"):
            plan = self.plan(tab, "--delimiter", word)
            self.assertEqual((plan["delimiter"], len(plan["columns"])), ("\t", 8))

        project = self.path("pipes.likert")
        summary = run("import", path, "-o", project, "--delimiter", "pipe", check=0).stdout
        self.assertRegex(summary, r"Delimiter:\s+\|\n")
        self.assertEqual(self.show(project)[0],
                         {"id": "1", "score": "4", "comment": "fine, thanks"})

        result = run("import", path, "--dry-run", "--delimiter", "colon")
        self.assertEqual(result.returncode, 2)
        self.assertIn("colon", result.stderr)

    # --date-order

    def test_date_order(self):
        path = vendor("google-forms-fr.csv")  # 01/03/2024: every date reads both ways
        plan = self.plan(path)
        self.assertEqual((plan["date_order"], plan["date_order_ambiguous"]), ("dmy", True))
        for order in ("mdy", "dmy", "ymd"):
            with self.subTest(order=order):
                plan = self.plan(path, "--date-order", order)
                self.assertEqual((plan["date_order"], plan["date_order_ambiguous"]),
                                 (order, False))
        out = run("import", path, "--dry-run", "--date-order", "mdy", check=0).stdout
        self.assertRegex(out, r"Date order:\s+month/day/year\n")
        out = run("import", path, "--dry-run", check=0).stdout
        self.assertRegex(out, r"Date order:\s+day/month/year \(a guess")

        result = run("import", path, "--dry-run", "--date-order", "yyyy-mm-dd")
        self.assertEqual(result.returncode, 2)

    # --rating, problems, --skip-bad-rows

    def test_rating_makes_a_problem(self):
        path, rows = self.rating_file("seven.csv")
        project = self.path("seven.likert")
        good = self.write("good.csv", "id,rating,comment\r\n10,3,ok\r\n11,1,no\r\n")
        run("import", good, "-o", project, check=0)
        before = self.project_snapshot(project)

        result = run("import", path, "-o", project, "--rating", "rating:1-5")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stdout, "")
        lines = result.stderr.splitlines()
        self.assertRegex(lines[0], rf"^{re.escape(path)}:4:3: .*7 .*1–5")
        self.assertRegex(lines[-1], r"^likert-cli: .*seven\.csv: .*1 problem .*--skip-bad-rows")
        self.assertEqual(self.project_snapshot(project), before)

        # No project is created for an import that fails.
        fresh = self.path("seven-fresh.likert")
        self.assertEqual(run("import", path, "-o", fresh, "--rating", "rating:1-5").returncode, 1)
        self.assertFalse(os.path.exists(fresh))

        # Without --rating the scale is guessed from the values: 7 fits.
        self.assertEqual(self.plan(path)["problems_total"], 0)

    def test_skip_bad_rows(self):
        path, rows = self.rating_file("skip.csv")
        project = self.path("skip.likert")
        counts = self.import_counts(path, project, "--rating", "rating:1-5", "--skip-bad-rows")
        self.assertEqual(counts, {"Records": 5, "New": 4, "Already present": 0, "Skipped": 1,
                                  "Excluded": 0})
        header = rows[0]
        self.assertEqual(self.show(project),
                         [dict(zip(header, row)) for row in rows[1:] if row[1] != "7"])
        stats = json.loads(run("stats", project, "--json", check=0).stdout)
        self.assertEqual(stats["responses"], 4)
        self.assertEqual(stats["questions"][0]["scale"], [1, 5])
        self.assertEqual(stats["questions"][0]["counts"], {"1": 0, "2": 1, "3": 1, "4": 1, "5": 1})

    def test_many_problems(self):
        rows = ["id,score"] + [f"{i},{9 if i % 2 else 3}" for i in range(1, 201)]
        path = self.write("many.csv", "\r\n".join(rows) + "\r\n")
        result = run("import", path, "-o", self.path("many.likert"), "--rating", "score:1-5")
        self.assertEqual(result.returncode, 1)
        listed = [line for line in result.stderr.splitlines() if line.startswith(path + ":")]
        for line in listed:
            match = re.match(rf"{re.escape(path)}:(\d+):(\d+): ", line)
            line_number, column = int(match.group(1)), int(match.group(2))
            self.assertEqual(line_number % 2, 0)  # record N (odd) is on line N + 1
            self.assertEqual(column, len(str(line_number - 1)) + 2)
        more = re.search(r"^… and (\d+) more problems$", result.stderr, re.MULTILINE)
        self.assertIsNotNone(more, result.stderr)
        self.assertEqual(len(listed) + int(more.group(1)), 100)
        self.assertIn("100 problems in 100 records", result.stderr)

        counts = self.import_counts(path, self.path("many.likert"), "--rating", "score:1-5",
                                    "--skip-bad-rows")
        self.assertEqual((counts["New"], counts["Skipped"]), (100, 100))

    def test_rating_options(self):
        path, rows = self.rating_file("options.csv", bad_value="3")
        # A column that does not exist is an error, not a silent no-op.
        result = run("import", path, "-o", self.path("options.likert"), "--rating", "score")
        self.assertEqual(result.returncode, 1)
        self.assertIn("“score”", result.stderr)
        self.assertIn("“rating”", result.stderr)  # lists the columns there are
        self.assertFalse(os.path.exists(self.path("options.likert")))
        # A bad scale is a command line error.
        for spec in ("rating:5-1", "rating:1-50"):
            with self.subTest(spec=spec):
                self.assertEqual(run("import", path, "--dry-run", "--rating", spec).returncode, 2)
        # What follows the last colon is a scale only when it is MIN-MAX: else it is part of the
        # column's name (names such as "Q1: How satisfied?" have colons).
        result = run("import", path, "--dry-run", "--rating", "rating:one-five")
        self.assertEqual(result.returncode, 1)
        self.assertIn("“rating:one-five”", result.stderr)
        # Repeatable; the scale given wins over the guess.
        plan = self.plan(path, "--rating", "rating:0-10", "--rating", "id")
        roles = {c["name"]: (c["role"], c.get("scale")) for c in plan["columns"]}
        self.assertEqual(roles["rating"], ("rating", [0, 10]))
        self.assertEqual(roles["id"][0], "rating")

    # --keep-excluded

    def test_qualtrics_excluded(self):
        path = vendor("qualtrics.csv")
        rows = read_rows(path)
        header, records = rows[0], rows[3:]
        status = header.index("Status")
        real = [r for r in records if r[status] not in QUALTRICS_EXCLUDED]
        self.assertEqual(len(records) - len(real), 4)

        project = self.path("qualtrics.likert")
        result = run("import", path, "-o", project, check=0)
        self.assertEqual(summary_counts(result.stdout),
                         {"Records": 38, "New": 34, "Already present": 0, "Skipped": 0,
                          "Excluded": 4})
        self.assertRegex(result.stdout, r"Layout:\s+Qualtrics\n")
        self.assertIn("left out", result.stdout)
        self.assertEqual(self.show(project), [dict(zip(header, r)) for r in real])

        kept = self.path("qualtrics-kept.likert")
        counts = self.import_counts(path, kept, "--keep-excluded")
        self.assertEqual((counts["New"], counts["Excluded"]), (38, 0))
        self.assertEqual(self.show(kept), [dict(zip(header, r)) for r in records])

    # re-imports

    def test_reimport(self):
        path = vendor("plain.csv")
        rows = read_rows(path)
        project = self.path("again.likert")
        self.assertEqual(self.import_counts(path, project),
                         {"Records": 30, "New": 30, "Already present": 0, "Skipped": 0,
                          "Excluded": 0})
        before = self.project_snapshot(project)

        # The same file again: nothing new.
        result = run("import", path, "-o", project, check=0)
        self.assertEqual(summary_counts(result.stdout),
                         {"Records": 30, "New": 0, "Already present": 30, "Skipped": 0,
                          "Excluded": 0})
        self.assertEqual(self.project_snapshot(project), before)

        # A later export with 5 more responses: only those are added, after the others.
        extra = [[f"R-{n:04d}", f"2024-03-09 1{n - 31}:00:00", str(n - 30), f"more {n}", "FR",
                  "fr"] for n in range(31, 36)]
        with open(path, newline="", encoding="utf-8") as f:
            text = f.read()
        later = self.write("plain-later.csv",
                           text + "".join(",".join(row) + "\r\n" for row in extra))
        self.assertEqual(self.import_counts(later, project),
                         {"Records": 35, "New": 5, "Already present": 30, "Skipped": 0,
                          "Excluded": 0})
        self.assertEqual(self.import_counts(later, project)["New"], 0)

        header = rows[0]
        shown = self.show(project)
        self.assertEqual(shown, [dict(zip(header, r)) for r in rows[1:] + extra])
        stats = json.loads(run("stats", project, "--json", check=0).stdout)
        self.assertEqual(stats["responses"], 35)
        rating = [q for q in stats["questions"] if q["name"] == "rating"][0]
        counted = collections.Counter(r[2] for r in rows[1:] + extra)
        self.assertEqual(rating["counts"], {str(v): counted.get(str(v), 0) for v in range(1, 6)})
        self.assertEqual(rating["n"] + rating["missing"], 35)

    def test_reimport_beside_another_dataset(self):
        project = self.path("mixed.likert")
        self.import_counts(vendor("plain.csv"), project)
        self.import_counts(vendor("typeform.csv"), project)
        counts = self.import_counts(vendor("plain.csv"), project)
        self.assertEqual((counts["New"], counts["Already present"]), (0, 30))
        typeform = read_rows(vendor("typeform.csv"))
        plain = read_rows(vendor("plain.csv"))
        self.assertEqual(self.show(project),
                         [dict(zip(plain[0], r)) for r in plain[1:]] +
                         [dict(zip(typeform[0], r)) for r in typeform[1:]])
        stats = json.loads(run("stats", project, "--json", check=0).stdout)
        self.assertEqual(stats["responses"], len(plain) - 1 + len(typeform) - 1)

    def test_help_lists_options(self):
        out = run("import", "--help", check=0).stdout
        for option in ("--encoding", "--delimiter", "--shape", "--header-rows", "--rating",
                       "--date-order", "--skip-bad-rows", "--keep-excluded", "--dry-run",
                       "--json"):
            self.assertIn(option, out)


def words_of(text):
    """The words of text as FTS5's unicode61 tokenizer with remove_diacritics sees them: case
    folded, accents dropped, runs of letters and digits."""
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", text)


def rating_counts(rows):
    counted = collections.Counter(row["rating"].strip() for row in rows)
    return {str(v): counted.get(str(v), 0) for v in range(1, 6)}


class FilterTest(unittest.TestCase):
    """The filter options of stats, chart and show, checked against the sample read with csv."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="likert-filter-test-")
        cls.rows = read_sample()
        cls.project = cls.import_sample("feedback.likert")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def import_sample(cls, name):
        project = os.path.join(cls.tmp, name)
        run("import", SAMPLE, "-o", project, check=0)
        return project

    def path(self, name):
        return os.path.join(self.tmp, name)

    def stats(self, *extra, project=None):
        result = run("stats", project or self.project, "--json", *extra, check=0)
        return json.loads(result.stdout)

    def rating(self, stats):
        (question,) = [q for q in stats["questions"] if q["name"] == "rating"]
        return question

    def assert_selects(self, expected_rows, *extra, project=None):
        """stats --json with the options extra reports exactly expected_rows."""
        stats = self.stats(*extra, project=project)
        self.assertEqual(stats["responses"], len(expected_rows), extra)
        question = self.rating(stats)
        self.assertEqual(question["counts"], rating_counts(expected_rows), extra)
        self.assertEqual(question["n"] + question["missing"], len(expected_rows), extra)
        self.assertNotIn("segments", question)
        return stats

    def where(self, **fields):
        """The rows whose fields have one of the given values (a value or a tuple of them)."""
        def passes(row):
            return all(row[f] in (v if isinstance(v, tuple) else (v,)) for f, v in fields.items())
        return [row for row in self.rows if passes(row)]

    def response_ids(self, project):
        """The response id of each row of the sample, in file order."""
        with sqlite3.connect(project) as db:
            ids = [id for id, in db.execute("SELECT id FROM response ORDER BY record")]
        self.assertEqual(len(ids), len(self.rows))
        return ids

    # categorical values

    def test_where(self):
        self.assert_selects(self.where(country="MA"), "--where", "country=MA")

    def test_where_same_field_is_or(self):
        self.assert_selects(self.where(country=("MA", "FR")),
                            "--where", "country=MA", "--where", "country=FR")

    def test_where_fields_are_and(self):
        self.assert_selects(self.where(device="mobile", language="fr"),
                            "--where", "device=mobile", "--where", "language=fr")

    def test_where_unknown_value_selects_nothing(self):
        self.assert_selects([], "--where", "country=XX")

    def test_stats_text_says_how_many_pass(self):
        out = run("stats", self.project, "--where", "country=MA", check=0).stdout
        self.assertIn(f"{len(self.where(country='MA'))} of 5000 responses", out)

    # time

    def test_date_range(self):
        expected = [row for row in self.where(device="mobile")
                    if "2025-01-01 00:00:00" <= row["submitted_at"] < "2025-07-01 00:00:00"]
        self.assertTrue(expected)
        self.assert_selects(expected, "--where", "device=mobile",
                            "--from", "2025-01-01", "--to", "2025-06-30")

    def test_date_range_open_ends(self):
        self.assert_selects([r for r in self.rows if r["submitted_at"] >= "2025-01-01"],
                            "--from", "2025-01-01")
        self.assert_selects([r for r in self.rows if r["submitted_at"] < "2024-04-01"],
                            "--to", "2024-03-31")

    def test_times_are_inclusive_to_the_second(self):
        moment = self.rows[1234]["submitted_at"]
        iso = moment.replace(" ", "T")
        self.assert_selects([r for r in self.rows if r["submitted_at"] <= moment], "--to", iso)
        self.assert_selects([r for r in self.rows if r["submitted_at"] >= moment],
                            "--from", moment)
        self.assert_selects([r for r in self.rows if r["submitted_at"] == moment],
                            "--from", iso + "Z", "--to", iso + "+00:00")

    # text search

    def test_search(self):
        for word in ("slow", "SLOW", "pag"):
            with self.subTest(word=word):
                prefix = words_of(word)[0]
                expected = [row for row in self.rows
                            if any(w.startswith(prefix) for w in words_of(row["comment"]))]
                self.assertGreater(len(expected), 10)
                self.assert_selects(expected, "--search", word)

    def test_search_words_are_and(self):
        expected = [row for row in self.rows
                    if any(w.startswith("slow") for w in words_of(row["comment"])) and
                    any(w.startswith("page") for w in words_of(row["comment"]))]
        self.assert_selects(expected, "--search", "slow page")
        self.assert_selects([r for r in expected if r["country"] == "US"],
                            "--search", "slow page", "--where", "country=US")

    # ratings

    def test_rating_value(self):
        self.assert_selects([r for r in self.rows if r["rating"] in ("4", "5")],
                            "--rating-value", "rating=5", "--rating-value", "rating=4")

    # segments

    def check_chi2(self, question):
        # χ² of rating × segment computed here from the segments' counts: statistic, df, V.
        points = sorted(question["counts"], key=int)
        table = [[s["counts"][p] for p in points] for s in question["segments"]]
        table = [row for row in table if sum(row) > 0]
        columns = [c for c in range(len(points)) if sum(row[c] for row in table) > 0]
        table = [[row[c] for c in columns] for row in table]
        n = sum(map(sum, table))
        rows_total = [sum(row) for row in table]
        cols_total = [sum(row[c] for row in table) for c in range(len(columns))]
        statistic = sum((table[i][j] - rows_total[i] * cols_total[j] / n) ** 2 /
                        (rows_total[i] * cols_total[j] / n)
                        for i in range(len(table)) for j in range(len(columns)))
        chi2 = question["chi2"]
        self.assertAlmostEqual(chi2["statistic"], statistic, places=6)
        self.assertEqual(chi2["df"], (len(table) - 1) * (len(columns) - 1))
        self.assertAlmostEqual(chi2["cramers_v"],
                               (statistic / (n * (min(len(table), len(columns)) - 1))) ** 0.5,
                               places=9)
        self.assertTrue(0 <= chi2["p"] <= 1)
        self.assertIn("h", question["kruskal_wallis"])

    def check_segments(self, rows, *extra):
        stats = self.stats("--segment", "country", *extra)
        self.assertEqual(stats["responses"], len(rows))
        question = self.rating(stats)
        segments = question["segments"]
        self.check_chi2(question)

        by_country = collections.defaultdict(list)
        for row in rows:
            by_country[row["country"]].append(row)
        self.assertEqual({s["value"] for s in segments}, set(by_country))
        self.assertEqual(sum(s["n"] + s["missing"] for s in segments), stats["responses"])
        self.assertEqual([(s["n"], s["value"]) for s in segments],
                         sorted(((s["n"], s["value"]) for s in segments),
                                key=lambda pair: (-pair[0], pair[1])))
        for segment in segments:
            with self.subTest(value=segment["value"]):
                self.assertEqual(set(segment),
                                 {"value", "n", "missing", "counts", "mean", "top2box"})
                expected = rating_counts(by_country[segment["value"]])
                self.assertEqual(segment["counts"], expected)
                n = sum(expected.values())
                self.assertEqual(segment["n"], n)
                self.assertEqual(segment["n"] + segment["missing"],
                                 len(by_country[segment["value"]]))
                mean = sum(int(v) * c for v, c in expected.items()) / n
                self.assertAlmostEqual(segment["mean"], mean, delta=1e-9)
                self.assertAlmostEqual(segment["top2box"], (expected["4"] + expected["5"]) / n,
                                       delta=1e-9)
        return segments

    def test_segment(self):
        self.check_segments(self.rows)

    def test_segment_with_filters(self):
        self.check_segments(self.where(device="mobile", language=("fr", "ar")),
                            "--where", "device=mobile", "--where", "language=fr",
                            "--where", "language=ar")

    def test_segment_text(self):
        out = run("stats", self.project, "--segment", "country", check=0).stdout
        self.assertIn("By country:", out)
        segments = self.rating(self.stats("--segment", "country"))["segments"]
        for segment in segments:
            line = re.search(rf"^    {segment['value']}  +{segment['n']}  +(\S+)  +(\S+) %(.*)$",
                             out, re.MULTILINE)
            self.assertIsNotNone(line, segment["value"])
            self.assertAlmostEqual(float(line.group(1)), segment["mean"], delta=0.005)
            self.assertAlmostEqual(float(line.group(2)), segment["top2box"] * 100, delta=0.05)
            self.assertEqual("small n" in line.group(3), segment["n"] < 30, segment["value"])
        self.assertTrue(any(s["n"] < 30 for s in segments))

    def test_segment_unknown_field(self):
        result = run("stats", self.project, "--segment", "planet")
        self.assertEqual(result.returncode, 1)
        self.assertIn("planet", result.stderr)
        self.assertIn("“country”", result.stderr)  # lists the fields there are

    # tags and statuses, written with sqlite3 as the GUI would

    def test_tags(self):
        project = self.import_sample("tags.likert")
        ids = self.response_ids(project)
        # "praise" on every MA response and the mobile ones among the first 1000, "bug" on
        # every mobile response.
        praise = {i for i, r in enumerate(self.rows)
                  if r["country"] == "MA" or (i < 1000 and r["device"] == "mobile")}
        bug = {i for i, r in enumerate(self.rows) if r["device"] == "mobile"}
        with sqlite3.connect(project) as db:
            for name, rows in (("praise", praise), ("bug", bug)):
                tag_id = db.execute("INSERT INTO tag (uuid, name) VALUES (?, ?)",
                                    (str(uuid.uuid4()), name)).lastrowid
                db.executemany("INSERT INTO response_tag (response_id, tag_id, author, "
                               "created_at) VALUES (?, ?, 'test', 1700000000)",
                               [(ids[i], tag_id) for i in sorted(rows)])

        def rows_of(indices):
            return [self.rows[i] for i in sorted(indices)]

        everything = set(range(len(self.rows)))
        tags = ("--tag", "praise", "--tag", "bug")
        self.assert_selects(rows_of(praise), "--tag", "praise", project=project)
        self.assert_selects(rows_of(praise | bug), *tags, project=project)
        self.assert_selects(rows_of(praise | bug), *tags, "--tags-match", "any",
                            project=project)
        self.assert_selects(rows_of(praise & bug), *tags, "--tags-match", "all",
                            project=project)
        self.assert_selects(rows_of(everything - praise - bug), *tags, "--tags-match", "none",
                            project=project)
        self.assert_selects(rows_of(i for i in praise & bug if self.rows[i]["country"] == "MA"),
                            *tags, "--tags-match", "all", "--where", "country=MA",
                            project=project)

        result = run("stats", project, "--tag", "nope")
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope", result.stderr)

    def test_status(self):
        project = self.import_sample("status.likert")
        ids = self.response_ids(project)
        excluded = {i for i, r in enumerate(self.rows)
                    if r["country"] == "FR" and r["rating"] == "5"}
        flagged = {i for i, r in enumerate(self.rows)
                   if r["country"] == "US" and r["rating"] == "1"}
        with sqlite3.connect(project) as db:
            db.executemany("INSERT INTO annotation (response_id, uuid, note, status, author, "
                           "updated_at) VALUES (?, ?, '', ?, 'test', 1700000000)",
                           [(ids[i], str(uuid.uuid4()), 3) for i in excluded] +
                           [(ids[i], str(uuid.uuid4()), 2) for i in flagged])

        def rows_of(indices):
            return [self.rows[i] for i in sorted(indices)]

        everything = set(range(len(self.rows)))
        self.assert_selects(rows_of(everything - excluded), project=project)
        self.assert_selects(rows_of(excluded), "--status", "excluded", project=project)
        self.assert_selects(rows_of(flagged), "--status", "flagged", project=project)
        self.assert_selects(rows_of(everything - flagged - excluded), "--status", "new",
                            project=project)
        self.assert_selects(rows_of(everything), "--status", "new", "--status", "reviewed",
                            "--status", "flagged", "--status", "excluded", project=project)

        # show lists every imported row without filter options, the filtered ones with them.
        shown = json.loads(run("show", project, "--json", check=0).stdout)
        self.assertEqual(shown, self.rows)
        shown = json.loads(run("show", project, "--json", "--status", "excluded",
                               check=0).stdout)
        self.assertEqual(shown, rows_of(excluded))

    # saved views

    def test_view_round_trip(self):
        project = self.import_sample("views.likert")
        options = ("--where", "country=MA", "--where", "device=mobile", "--from", "2024-06-01",
                   "--search", "slow", "--rating-value", "rating=1", "--rating-value", "rating=2")
        saved = run("stats", project, "--json", *options, "--save-view", "mobile MA", check=0)
        again = run("stats", project, "--json", "--view", "mobile MA", check=0)
        self.assertEqual(again.stdout, saved.stdout)
        self.assertEqual(json.loads(again.stdout), self.stats(*options, project=project))

        # Further options add to the view.
        expected = [r for r in self.where(country=("MA", "FR"), device="mobile")
                    if r["submitted_at"] >= "2024-06-01" and r["rating"] in ("1", "2") and
                    any(w.startswith("slow") for w in words_of(r["comment"]))]
        self.assert_selects(expected, "--view", "mobile MA", "--where", "country=FR",
                            project=project)
        # --to narrows it; the view keeps its own --from.
        self.assert_selects([r for r in expected if r["submitted_at"] < "2025-01-01"],
                            "--view", "mobile MA", "--where", "country=FR",
                            "--to", "2024-12-31", project=project)

        # Saving again under the name replaces the view.
        run("stats", project, "--json", "--where", "country=SN", "--save-view", "mobile MA",
            check=0)
        self.assert_selects(self.where(country="SN"), "--view", "mobile MA", project=project)

        text = run("stats", project, "--save-view", "everyone", check=0).stdout
        self.assertIn("“everyone”", text)

        result = run("stats", project, "--view", "nope")
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope", result.stderr)

    # errors

    def test_unknown_names_fail(self):
        for option, value, name in (("--where", "planet=Mars", "planet"),
                                    ("--where", "comment=slow", "comment"),
                                    ("--tag", "nope", "nope"),
                                    ("--rating-value", "speed=3", "speed")):
            for command in ("stats", "show", "chart"):
                with self.subTest(option=option, value=value, command=command):
                    extra = ("-o", self.path("unknown.png")) if command == "chart" else ()
                    result = run(command, self.project, option, value, *extra)
                    self.assertEqual(result.returncode, 1, result.stderr)
                    self.assertTrue(result.stderr.startswith("likert-cli: "))
                    self.assertIn(f"“{name}”", result.stderr)
                    self.assertEqual(result.stdout, "")

    def test_bad_values_are_usage_errors(self):
        for option, value in (("--from", "2025-13-01"), ("--from", "2025-02-30"),
                              ("--to", "yesterday"), ("--to", "2025-06-30T25:00:00"),
                              ("--where", "country"), ("--where", "=MA"),
                              ("--status", "lost"), ("--tags-match", "some"),
                              ("--rating-value", "rating=x"), ("--rating-value", "rating=11"),
                              ("--rating-value", "rating")):
            for command in ("stats", "show", "chart"):
                with self.subTest(option=option, value=value, command=command):
                    extra = ("-o", self.path("bad.png")) if command == "chart" else ()
                    result = run(command, self.project, option, value, *extra)
                    self.assertEqual(result.returncode, 2, result.stderr)
                    self.assertIn(option, result.stderr)
                    self.assertIn(value, result.stderr)
        result = run("stats", self.project, "--from", "2025-02-01", "--to", "2025-01-31")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--from", result.stderr)

    def test_help_lists_filter_options(self):
        for command in ("stats", "show", "chart"):
            out = run(command, "--help", check=0).stdout
            for option in ("--where", "--from", "--to", "--search", "--tag", "--tags-match",
                           "--status", "--rating-value", "--view"):
                self.assertIn(option, out, command)
        out = run("stats", "--help", check=0).stdout
        self.assertIn("--segment", out)
        self.assertIn("--save-view", out)

    # show and chart

    def test_show_filtered(self):
        shown = json.loads(run("show", self.project, "--json", "--where", "country=MA",
                               check=0).stdout)
        self.assertEqual(shown, self.where(country="MA"))

        expected = [r for r in self.where(device="tablet") if r["submitted_at"] < "2024-02-01"]
        shown = json.loads(run("show", self.project, "--json", "--where", "device=tablet",
                               "--to", "2024-01-31", check=0).stdout)
        self.assertEqual(shown, expected)

        out = run("show", self.project, "--where", "country=MA", check=0).stdout
        self.assertIn(self.where(country="MA")[0]["response_id"], out)
        self.assertIn(f"{len(self.where(country='MA')) - 20} more", out)

    def test_chart_filtered(self):
        whole = self.path("whole.png")
        filtered = self.path("filtered.png")
        run("chart", self.project, "-o", whole, check=0)
        result = run("chart", self.project, "-o", filtered, "--where", "country=MA",
                     "--search", "slow", check=0)
        self.assertEqual(result.stdout.strip(), filtered)
        self.assertTrue(magic_of(filtered, 8).startswith(PNG_MAGIC))
        with open(whole, "rb") as a, open(filtered, "rb") as b:
            self.assertNotEqual(a.read(), b.read())


SVG_MAGIC = (b"<?xml", b"<svg")
SEGMENTED_KINDS = ("diverging", "mean", "csat", "nps")


class ChartTest(unittest.TestCase):
    """chart --kind …, --describe, --save-chart and --view, and stats --csv, on the sample."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="likert-chart-test-")
        cls.rows = read_sample()
        cls.project = os.path.join(cls.tmp, "feedback.likert")
        run("import", SAMPLE, "-o", cls.project, check=0)
        # A 0–10 question for the NPS chart.
        cls.nps_csv = os.path.join(cls.tmp, "nps.csv")
        with open(cls.nps_csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "score", "group"])
            for i in range(220):
                writer.writerow([i + 1, (i * 7) % 11, "odd" if i % 2 else "even"])
        cls.nps_project = os.path.join(cls.tmp, "nps.likert")
        run("import", cls.nps_csv, "-o", cls.nps_project, check=0)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def project_for(self, kind):
        return self.nps_project if kind == "nps" else self.project

    def test_every_kind_every_format(self):
        for kind in ("histogram", "diverging", "mean", "csat", "nps", "trend", "tags",
                     "heatmap"):
            segment = ("--segment", "group" if kind == "nps" else "country") \
                if kind in SEGMENTED_KINDS else ()
            for ext in ("png", "svg", "pdf"):
                with self.subTest(kind=kind, ext=ext):
                    out = self.path(f"{kind}.{ext}")
                    result = run("chart", self.project_for(kind), "--kind", kind, *segment,
                                 "-o", out, check=0)
                    self.assertEqual(result.stdout.strip(), out)
                    head = magic_of(out, 8)
                    if ext == "png":
                        self.assertTrue(head.startswith(PNG_MAGIC))
                    elif ext == "pdf":
                        self.assertTrue(head.startswith(PDF_MAGIC))
                    else:
                        self.assertTrue(head.startswith(SVG_MAGIC), head)

    def test_describe_diverging_by_country(self):
        text = run("chart", self.project, "--kind", "diverging", "--segment", "country",
                   "--describe", check=0).stdout
        counts = collections.Counter(r["country"] for r in self.rows if r["rating"] != "")
        for country, n in counts.items():
            self.assertIn(f"{country} (n = {n}", text)

    def test_describe_mean_and_csat(self):
        stats = json.loads(run("stats", self.project, "--json", "--segment", "device",
                               check=0).stdout)
        (question,) = stats["questions"]
        mean = run("chart", self.project, "--kind", "mean", "--segment", "device",
                   "--describe", check=0).stdout
        csat = run("chart", self.project, "--kind", "csat", "--segment", "device",
                   "--describe", check=0).stdout
        for segment in question["segments"]:
            self.assertIn(f"{segment['value']}: {segment['mean']:.2f}", mean)
            self.assertIn(f"n = {segment['n']}", mean)
            self.assertIn(f"{segment['value']}: ", csat)
        self.assertIn(f"{question['mean']:.2f}", mean)

    def test_trend_by_month(self):
        text = run("chart", self.project, "--kind", "trend", "--period", "month",
                   "--describe", check=0).stdout
        self.assertIn("over 24 periods", text)
        months = sorted({r["submitted_at"][:7] for r in self.rows})
        self.assertEqual(len(months), 24)
        for month in months:
            n = sum(1 for r in self.rows if r["submitted_at"].startswith(month) and r["rating"])
            self.assertIn(f"{month}: ", text)
            self.assertIn(f"n = {n}", text)

    def test_tags_without_tags(self):
        out = self.path("notags.png")
        run("chart", self.project, "--kind", "tags", "-o", out, check=0)
        self.assertTrue(magic_of(out, 8).startswith(PNG_MAGIC))

    def test_save_chart_then_view(self):
        project = os.path.join(self.tmp, "saved.likert")
        run("import", SAMPLE, "-o", project, check=0)
        first = self.path("saved-first.svg")
        again = self.path("saved-again.svg")
        options = ("--kind", "mean", "--segment", "device", "--where", "country=MA",
                   "--search", "slow")
        run("chart", project, "-o", first, *options, "--save-chart", "mobile speed", check=0)
        run("chart", project, "-o", again, "--view", "mobile speed", check=0)
        with open(first, "rb") as a, open(again, "rb") as b:
            self.assertEqual(a.read(), b.read())
        described = run("chart", project, *options, "--describe", check=0).stdout
        self.assertEqual(run("chart", project, "--view", "mobile speed", "--describe",
                             check=0).stdout, described)

        # Options given with --view override the saved chart.
        csat = run("chart", project, "--view", "mobile speed", "--kind", "csat", "--describe",
                   check=0).stdout
        self.assertIn("CSAT", csat)
        self.assertNotEqual(csat, described)

        # The saved chart is a view: its filter applies to stats too.
        ma_slow = [r for r in self.rows if r["country"] == "MA" and
                   any(w.startswith("slow") for w in words_of(r["comment"]))]
        stats = json.loads(run("stats", project, "--json", "--view", "mobile speed",
                               check=0).stdout)
        self.assertEqual(stats["responses"], len(ma_slow))

        # The saved definition: the filter's members and "chart".
        with sqlite3.connect(project) as db:
            (definition,) = db.execute("SELECT definition FROM view WHERE name = ?",
                                       ("mobile speed",)).fetchone()
        saved = json.loads(definition)
        self.assertEqual(saved["chart"], {"kind": "mean", "question": "rating",
                                          "segment": "device", "period": "month",
                                          "percent": False})
        self.assertEqual(saved["where"], {"country": ["MA"]})

        # A plain filter view draws the default chart over its rows.
        run("stats", project, "--where", "country=MA", "--save-view", "MA", check=0)
        text = run("chart", project, "--view", "MA", "--describe", check=0).stdout
        self.assertEqual(text, run("chart", project, "--where", "country=MA", "--describe",
                                   check=0).stdout)

    def test_chart_errors(self):
        result = run("chart", self.project, "--kind", "pie", "-o", self.path("pie.png"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("pie", result.stderr)
        result = run("chart", self.project, "--kind", "trend", "--period", "year", "--describe")
        self.assertEqual(result.returncode, 2)
        self.assertIn("year", result.stderr)
        result = run("chart", self.project, "--kind", "trend", "--segment", "country",
                     "--describe")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--segment", result.stderr)
        result = run("chart", self.project, "--kind", "nps", "-o", self.path("nps.png"))
        self.assertEqual(result.returncode, 1)
        self.assertIn("0–10", result.stderr)
        self.assertFalse(os.path.exists(self.path("nps.png")))
        result = run("chart", self.project, "--kind", "diverging", "--segment", "planet",
                     "--describe")
        self.assertEqual(result.returncode, 1)
        self.assertIn("“planet”", result.stderr)
        result = run("chart", self.project)
        self.assertEqual(result.returncode, 2)

    def test_stats_csv(self):
        out = run("stats", self.project, "--csv", "--segment", "device", check=0).stdout
        table = list(csv.reader(out.splitlines()))
        self.assertEqual(table[0], ["question", "segment", "n", "missing", "mean", "ci_low",
                                    "ci_high", "median", "sd", "top2box", "top2box_low",
                                    "top2box_high", "nps"])
        stats = json.loads(run("stats", self.project, "--json", "--segment", "device",
                               check=0).stdout)
        segments = stats["questions"][0]["segments"]
        self.assertEqual(len(table) - 1, len(segments))
        for line, segment in zip(table[1:], segments):
            self.assertEqual(line[0], "rating")
            self.assertEqual(line[1], segment["value"])
            self.assertEqual(int(line[2]), segment["n"])
            self.assertAlmostEqual(float(line[4]), segment["mean"], places=6)
            self.assertEqual(line[12], "")          # no NPS on a 1–5 question

        whole = list(csv.reader(run("stats", self.project, "--csv", check=0).stdout
                                .splitlines()))
        self.assertEqual(len(whole), 2)
        question = stats["questions"][0]
        self.assertEqual(int(whole[1][2]), question["n"])
        self.assertAlmostEqual(float(whole[1][5]), question["ci95"][0], places=6)
        # Numbers stay locale-neutral.
        french = run("stats", self.project, "--csv", env={"LC_ALL": "fr_FR.UTF-8"},
                     check=0).stdout
        self.assertEqual(french.splitlines()[1], ",".join(whole[1]))

        result = run("stats", self.project, "--csv", "--json")
        self.assertEqual(result.returncode, 2)


class ExportTagTest(unittest.TestCase):
    """export writes what show and stats select; tag changes exactly those rows, in history."""

    EXTRA = ["rating (value)", "Tags", "Note", "Status", "Sentiment", "Annotated by",
             "Annotated at"]
    FILTER = ("--where", "country=MA", "--search", "slow")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="likert-export-test-")
        cls.rows = read_sample()
        cls.project = os.path.join(cls.tmp, "feedback.likert")
        run("import", SAMPLE, "-o", cls.project, check=0)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def fresh_project(self, name):
        """A copy of the imported sample, to annotate (no connection is open: no WAL)."""
        self.assertFalse(os.path.exists(self.project + "-wal"))
        project = self.path(name)
        shutil.copyfile(self.project, project)
        return project

    def stats_n(self, project, *extra):
        return json.loads(run("stats", project, "--json", *extra, check=0).stdout)["responses"]

    def shown_keys(self, project, *extra):
        shown = json.loads(run("show", project, "--json", *extra, check=0).stdout)
        return [row["response_id"] for row in shown]

    def tagged_keys(self, project, tag):
        with sqlite3.connect(project) as db:
            return sorted(json.loads(cells)[0] for cells, in db.execute(
                "SELECT r.cells FROM response r JOIN response_tag rt ON rt.response_id = r.id "
                "JOIN tag t ON t.id = rt.tag_id WHERE t.name = ?", (tag,)))

    # export

    def test_export_csv_reproduces_the_responses(self):
        out = self.path("all.csv")
        result = run("export", self.project, "-o", out, check=0)
        self.assertIn("5000", result.stdout)
        with open(out, "rb") as f:
            self.assertNotEqual(f.read(3), b"\xef\xbb\xbf")
        exported = read_rows(out)
        headers = list(self.rows[0].keys())
        self.assertEqual(exported[0], headers + self.EXTRA)
        self.assertEqual(len(exported) - 1, len(self.rows))
        for line, row in zip(exported[1:], self.rows):
            self.assertEqual(line[:len(headers)], list(row.values()))
            extra = dict(zip(self.EXTRA, line[len(headers):]))
            self.assertEqual(extra["rating (value)"], row["rating"])
            self.assertEqual(extra["Status"], "new")
            self.assertEqual((extra["Tags"], extra["Note"], extra["Sentiment"]), ("", "", ""))
        with open(out, newline="", encoding="utf-8") as f:
            self.assertTrue(f.readline().endswith("\r\n"))

    def test_export_bom_and_xlsx(self):
        out = self.path("bom.csv")
        run("export", self.project, "-o", out, "--bom", check=0)
        with open(out, "rb") as f:
            self.assertEqual(f.read(3), b"\xef\xbb\xbf")

        import xml.etree.ElementTree as ET
        import zipfile
        xlsx = self.path("all.xlsx")
        run("export", self.project, "-o", xlsx, check=0)
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
        with zipfile.ZipFile(xlsx) as z:
            workbook = ET.fromstring(z.read("xl/workbook.xml"))
            names = [s.get("name") for s in workbook.iter(f"{{{ns['m']}}}sheet")]
            self.assertEqual(names, ["Responses", "Codebook"])
            sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        rows = sheet.findall(".//m:sheetData/m:row", ns)
        self.assertEqual(len(rows), len(self.rows) + 1)
        first = {c.get("r"): c for c in rows[1].findall("m:c", ns)}
        self.assertEqual(first["A2"].findtext(".//m:t", namespaces=ns),
                         self.rows[0]["response_id"])
        # The rating is a number cell (no type), not a string.
        self.assertIsNone(first["C2"].get("t"))
        self.assertEqual(float(first["C2"].findtext("m:v", namespaces=ns)),
                         float(self.rows[0]["rating"]))
        self.assertEqual(sheet.findall(".//m:f", ns), [])

        # --format names the format whatever the extension.
        data = self.path("export.dat")
        run("export", self.project, "-o", data, "--format", "xlsx", check=0)
        self.assertEqual(magic_of(data, 4), b"PK\x03\x04")

    def test_export_filtered(self):
        out = self.path("filtered.csv")
        result = run("export", self.project, "-o", out, *self.FILTER, check=0)
        n = self.stats_n(self.project, *self.FILTER)
        self.assertGreater(n, 0)
        self.assertLess(n, len(self.rows))
        self.assertIn(f"Exported {n} responses", result.stdout)
        exported = read_rows(out)
        self.assertEqual([line[0] for line in exported[1:]],
                         self.shown_keys(self.project, *self.FILTER))

    def test_export_neutralises_formulas(self):
        source = self.path("hostile.csv")
        with open(source, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([
                ["id", "rating", "comment"],
                ["h1", "5", '=HYPERLINK("http://x")'],
                ["h2", "4", "+1"],
                ["h3", "3", "@SUM(A1)"],
                ["h4", "2", "-2+3"],
                ["h5", "1", "\tTabbed"],
                ["h6", "5", "fine"],
            ])
        project = self.path("hostile.likert")
        run("import", source, "-o", project, check=0)
        out = self.path("hostile-out.csv")
        run("export", project, "-o", out, check=0)
        exported = read_rows(out)
        self.assertEqual([line[2] for line in exported[1:]],
                         ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2+3", "'\tTabbed",
                          "fine"])
        self.assertEqual([line[1] for line in exported[1:]], ["5", "4", "3", "2", "1", "5"])

    def test_export_errors(self):
        bad = self.path("out.txt")
        result = run("export", self.project, "-o", bad)
        self.assertEqual(result.returncode, 2)
        self.assertIn("out.txt", result.stderr)
        self.assertFalse(os.path.exists(bad))
        self.assertEqual(run("export", self.project).returncode, 2)
        self.assertEqual(run("export", self.project, "-o", bad, "--format", "ods").returncode, 2)
        missing = self.path(os.path.join("no-such-folder", "out.csv"))
        result = run("export", self.project, "-o", missing)
        self.assertEqual(result.returncode, 1)
        self.assertIn(missing, result.stderr)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        self.assertEqual(run("export", self.project, "-o", self.path("x.csv"), "--where",
                             "nope=1").returncode, 1)

    # tag

    def test_tag_add_and_remove(self):
        project = self.fresh_project("tag.likert")
        n = self.stats_n(project, *self.FILTER)
        expected = sorted(self.shown_keys(project, *self.FILTER))
        self.assertEqual(len(expected), n)

        result = run("tag", project, "--add", "Slow pages", *self.FILTER, "--author",
                     "Test Analyst", check=0)
        self.assertIn("Created the tag “Slow pages”", result.stdout)
        self.assertIn(f"Tagged {n} responses with “Slow pages”", result.stdout)
        self.assertEqual(self.tagged_keys(project, "Slow pages"), expected)
        self.assertEqual(self.stats_n(project, "--tag", "Slow pages"), n)
        with sqlite3.connect(project) as db:
            history = db.execute("SELECT count (*), count (DISTINCT batch), "
                                 "group_concat (DISTINCT author) FROM history "
                                 "WHERE what = 'tag-add'").fetchone()
        self.assertEqual(history, (n, 1, "Test Analyst"))

        # Again: nothing changes, nothing recorded.
        result = run("tag", project, "--add", "Slow pages", *self.FILTER, check=0)
        self.assertIn("Tagged 0 responses", result.stdout)
        self.assertNotIn("Created", result.stdout)

        # A wider filter tags only the rows it adds.
        wider = self.stats_n(project, "--where", "country=MA")
        result = run("tag", project, "--add", "Slow pages", "--where", "country=MA", check=0)
        self.assertIn(f"Tagged {wider - n} responses", result.stdout)
        result = run("tag", project, "--remove", "Slow pages", "--where", "country=MA",
                     "--author", "Test Analyst", check=0)
        self.assertIn(f"Removed “Slow pages” from {wider} responses", result.stdout)
        self.assertEqual(self.tagged_keys(project, "Slow pages"), [])
        with sqlite3.connect(project) as db:
            removed = db.execute("SELECT count (*), group_concat (DISTINCT author) "
                                 "FROM history WHERE what = 'tag-remove'").fetchone()
            authors = {a for a, in db.execute("SELECT DISTINCT author FROM history")}
        self.assertEqual(removed, (wider, "Test Analyst"))
        # Without --author: the user's name.
        import pwd
        entry = pwd.getpwuid(os.getuid())
        gecos = entry.pw_gecos.split(",")[0]
        default = gecos if gecos and gecos != "Unknown" else entry.pw_name
        self.assertIn(default, authors)

    def test_tag_path_and_status(self):
        project = self.fresh_project("status.likert")
        n = self.stats_n(project, "--where", "country=FR", "--rating-value", "rating=1")
        result = run("tag", project, "--add", "Product / Checkout", "--where", "country=FR",
                     "--rating-value", "rating=1", check=0)
        self.assertIn(f"Tagged {n} responses", result.stdout)
        with sqlite3.connect(project) as db:
            (parent,) = db.execute("SELECT p.name FROM tag t JOIN tag p ON p.id = t.parent_id "
                                   "WHERE t.name = 'Checkout'").fetchone()
        self.assertEqual(parent, "Product")

        result = run("tag", project, "--set-status", "flagged", "--where", "country=FR",
                     "--rating-value", "rating=1", "--author", "Reviewer", check=0)
        self.assertIn(f"Set the status of {n} responses to flagged", result.stdout)
        self.assertEqual(self.stats_n(project, "--status", "flagged"), n)
        out = self.path("flagged.csv")
        run("export", project, "-o", out, "--status", "flagged", check=0)
        exported = read_rows(out)
        header = exported[0]
        self.assertEqual(len(exported) - 1, n)
        for line in exported[1:]:
            row = dict(zip(header, line))
            self.assertEqual((row["Status"], row["Annotated by"], row["Tags"]),
                             ("flagged", "Reviewer", "Product / Checkout"))
            self.assertRegex(row["Annotated at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

        # Excluded responses leave the default selection, as in stats.
        run("tag", project, "--set-status", "excluded", "--where", "country=FR", check=0)
        self.assertEqual(self.stats_n(project), len(self.rows) -
                         sum(1 for r in self.rows if r["country"] == "FR"))

    def test_tag_errors(self):
        project = self.fresh_project("errors.likert")
        before = file_state(project)
        self.assertEqual(run("tag", project).returncode, 2)
        self.assertEqual(run("tag", project, "--add", "a", "--remove", "b").returncode, 2)
        self.assertEqual(run("tag", project, "--set-status", "done").returncode, 2)
        result = run("tag", project, "--remove", "nope")
        self.assertEqual(result.returncode, 1)
        self.assertIn("nope", result.stderr)
        self.assertEqual(run("tag", project, "--add", "x", "--where", "nope=1").returncode, 1)
        self.assertEqual(file_state(project), before)


if __name__ == "__main__":
    if not os.path.exists(SAMPLE):
        print(f"sample not found: {SAMPLE}", file=sys.stderr)
        sys.exit(1)
    unittest.main(verbosity=2)
