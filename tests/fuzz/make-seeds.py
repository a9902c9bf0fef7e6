#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz targets, tests/fuzz/corpus/<target>/, from the test data.

    tests/fuzz/make-seeds.py BUILDDIR/src/cli/likert-cli

Each text seed starts with the target's control byte (see the comment at the top of each
fuzz-*.c); text is cut to 4 KiB so that the fuzzers' inputs stay short. The store seeds are
small projects: one made by `likert-cli import`, annotated, and the first-format project of
tests/data/projects, both rewritten with 512-byte pages (a few kB instead of a few hundred).
Crash reproducers found later are added by hand, named after what they found.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
CORPUS = os.path.join(HERE, "corpus")
LIMIT = 4096


def data(*parts):
    with open(os.path.join(DATA, *parts), "rb") as f:
        return f.read()


def listing(folder, prefixes=("",), max_size=LIMIT):
    names = sorted(os.listdir(os.path.join(DATA, folder)))
    return [n for n in names
            if n.endswith((".csv", ".tsv", ".txt")) and n.startswith(prefixes)
            and os.path.getsize(os.path.join(DATA, folder, n)) <= max_size]


def write(target, name, content):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(content[:LIMIT] if target != "store" else content)


def text_seeds():
    # csv: delimiter in bits 0-1 (, ; TAB |), step - 1 in bits 2-5, push share in bits 6-7.
    for i, name in enumerate(listing("bad")):
        write("csv", "bad-" + name, bytes([(i % 16) << 2 | (i % 4) << 6]) + data("bad", name))
    for name, delimiter in [("survey-utf8-lf.csv", 0), ("survey-semicolon.csv", 1),
                            ("survey-tab.tsv", 2), ("survey-utf8-cr.csv", 0),
                            ("survey-utf8-crlf.csv", 0)]:
        write("csv", "eq-" + name, bytes([delimiter | 0x44]) + data("equivalence", name))
    for name in ["plain.csv", "qualtrics.csv", "surveymonkey.csv"]:
        write("csv", "vendor-" + name, b"\x08" + data("vendors", name))

    # encoding: bit 0 complete, chunk - 1 in bits 1-5, encoding in bits 6-7 (0: detected).
    for i, name in enumerate(sorted(os.listdir(os.path.join(DATA, "encodings")))):
        if name.endswith((".csv", ".txt")):
            content = data("encodings", name)
            write("encoding", "enc-" + name, bytes([(len(content) <= LIMIT) | (i % 32) << 1])
                  + content)
    for i, name in enumerate(listing("bad", ("utf8", "utf16", "nul", "cp1252", "empty"))):
        write("encoding", "bad-" + name, bytes([1 | (i % 32) << 1 | (i % 4) << 6])
              + data("bad", name))
    for name in ["survey-windows-1252.csv", "survey-utf16le.csv", "survey-utf8-bom.csv"]:
        write("encoding", "eq-" + name, b"\x07" + data("equivalence", name))

    # shape: 0xFF is auto-detect; bits 0-3 a forced kind, bits 4-7 forced header rows + 1.
    for name in listing("vendors", max_size=1 << 20):
        write("shape", "vendor-" + name, b"\xff" + data("vendors", name))
    for name in listing("bad", ("shape", "header", "qualtrics", "time", "rating")):
        write("shape", "bad-" + name, b"\xff" + data("bad", name))
    write("shape", "forced-qualtrics", bytes([4 | 4 << 4]) + data("vendors", "qualtrics.csv"))
    write("shape", "forced-headerless", bytes([1 | 1 << 4]) + data("vendors", "plain.csv"))

    # rating and time: one cell per line.
    write("rating", "numbers", "\n".join([
        "5", " 10 ", "+3", "-1", "0", "٥", "۷", "3.5", "3,5", ".5", "1234567890", "",
        "NA", "N/A", "n/a", "N.A.", "#N/A", "-", "--", "–", "—"]).encode())
    write("rating", "labels", "\n".join([
        "Extremely satisfied", "Extremely dissatisfied", "Neither satisfied nor dissatisfied",
        "Strongly agree", "Somewhat disagree", "Extremely likely", "Very poor", "Excellent",
        "Neutral", "Neutre", "محايد", "Très satisfait", "Plutôt satisfait", "راض جدا",
        "Очень доволен", "Muy satisfecho", "  EXTREMELY   satisfied  "]).encode())
    write("rating", "mixed", "\n".join([
        "5 - Extremely satisfied", "(5) Agree", "5. Très satisfait", "Extremely satisfied (5)",
        "7 - Best ever", "7. Best ever", "(7) Best ever", "Best ever (7)", "Best ever - 7",
        "5 Agree", "3 apples", "10 = Extremely likely", "1: Very poor", "[4] Good"]).encode())
    for name in listing("bad", ("rating", "label")):
        write("rating", "bad-" + name, data("bad", name))

    write("time", "iso", "\n".join([
        "2024-03-05", "2024/03/05", "2024-03-05T10:33", "2024-03-05 10:33:07",
        "2024-03-05T10:33:07.123Z", "2024-03-05T10:33:07+01:00", "2024-03-05 10:33 +0100",
        "2024-03-05 10:33 +01", "2024-03-05 10:33 UTC", "2024-03-05 10:33 GMT+1",
        "2024-03-05 10:33 UTC-03:30", "2025-02-29", "2024-02-29", "2024-03-05 24:00",
        "1970-01-01T00:00:00Z", "9999-12-31 23:59:59", "0001-01-01"]).encode())
    write("time", "names", "\n".join([
        "March 5, 2024", "Mar 5 2024", "5 March 2024", "5 mars 2024", "1er mars 2024",
        "March 5, 2024, 10:33 AM", "5 mars 2024 12:00 AM", "Mar 5 2024 12:30 p.m.",
        "Sep 31 2024", "févr. 3 2024", "13:00 PM"]).encode())
    write("time", "year-last", "\n".join([
        "05/03/2024", "13/03/2024", "03/13/2024", "05.03.2024", "05-03-2024 10:33",
        "N/A", "", "-"]).encode())
    for name in listing("bad", ("time",)):
        write("time", "bad-" + name, data("bad", name))


def small_project(source, target):
    """Copies a project with 512-byte pages and no write-ahead log."""
    shutil.copyfile(source, target)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    db.close()
    with open(target, "rb") as f:
        return f.read()


def store_seeds(cli):
    with tempfile.TemporaryDirectory() as tmp:
        project = os.path.join(tmp, "plain.likert")
        env = dict(os.environ, XDG_CACHE_HOME=tmp, LC_ALL="C.UTF-8")
        subprocess.run([cli, "import", os.path.join(DATA, "vendors", "plain.csv"),
                        "-o", project], check=True, env=env, stdout=subprocess.DEVNULL)
        write("store", "plain.likert", small_project(project, os.path.join(tmp, "a")))

        # Annotated: a note, a status, tags (one a child), a saved view, their history.
        db = sqlite3.connect(project, isolation_level=None)
        db.executescript("""
            BEGIN;
            INSERT INTO tag (id, uuid, parent_id, name, colour, shortcut, description)
              VALUES (1, 'u1', NULL, 'delivery', '#3584e4', 'd', 'late or lost'),
                     (2, 'u2', 1, 'late', NULL, NULL, '');
            INSERT INTO annotation (response_id, uuid, note, status, author, updated_at,
                                    sentiment)
              VALUES (1, 'a1', 'Called back, see ticket 42', 1, 'tester', 1700000000, -1);
            INSERT INTO note_text (rowid, note) VALUES (1, 'Called back, see ticket 42');
            INSERT INTO response_tag VALUES (1, 2, 'tester', 1700000000),
                                            (2, 1, 'tester', 1700000000);
            INSERT INTO view VALUES (1, 'Late ones', '{"tags":["late"]}', 1700000000);
            INSERT INTO history (response_id, author, at, what, before, after, batch)
              VALUES (1, 'tester', 1700000000, 'note', '', 'Called back', 1);
            COMMIT;""")
        db.close()
        write("store", "annotated.likert", small_project(project, os.path.join(tmp, "b")))
        write("store", "v1.likert", small_project(os.path.join(DATA, "projects", "v1.likert"),
                                                  os.path.join(tmp, "c")))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text_seeds()
    store_seeds(os.path.abspath(sys.argv[1]))


if __name__ == "__main__":
    main()
