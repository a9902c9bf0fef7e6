#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the import test corpus: tests/data/bad/ and tests/data/equivalence/.

    python3 tests/data/make-corpus.py [--check]

Deterministic: no clock, no randomness, fixed byte strings; running it again rewrites the
same bytes (--check compares instead of writing and exits 1 on a difference). The expected
errors and reports are in tests/core/test-import-corpus.c, one table row per file here.

One file is not written here: the 10 MB single field (big-field.csv) is made by the test in
a temporary directory, so that the repository does not hold 10 MB of "x".
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")
EQUIVALENCE = os.path.join(HERE, "equivalence")

BOM8 = b"\xef\xbb\xbf"
BOM16LE = b"\xff\xfe"

files = {}          # path relative to tests/data → bytes
descriptions = []   # (name, what is wrong) for bad/README.md


def utf8(text):
    return text.encode("utf-8")


def utf16le(text, bom=True):
    return (BOM16LE if bom else b"") + text.encode("utf-16-le")


def cp1252(text):
    return text.encode("windows-1252")


def crlf(text):
    return text.replace("\n", "\r\n")


def cr(text):
    return text.replace("\n", "\r")


def bad(name, data, what):
    assert isinstance(data, bytes)
    assert name not in files, name
    files["bad/" + name] = data
    descriptions.append((name, what))


def rows(n, rating=lambda i: str(i % 5 + 1), comment=lambda i: "ok"):
    """Data lines 'id,rating,comment' for ids 1..n."""
    return "".join("%d,%s,%s\n" % (i, rating(i), comment(i)) for i in range(1, n + 1))


HEADER = "id,rating,comment\n"

# -------------------------------------------------------------------------------------------
# CSV syntax: quotes

bad("quote-unterminated.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"never closed\n3,5,Fine\n"),
    "a quoted field opened on line 3 is never closed")
bad("quote-unterminated-line2.csv",
    utf8(HEADER + "\"1,4,Good\n2,3,Fine\n"),
    "the quote that is never closed is the first character of line 2")
bad("quote-unterminated-last-line.csv",
    utf8(HEADER + "1,4,Good\n2,3,Fine\n3,5,Nice\n4,2,\"oops"),
    "the last line, without a final newline, opens a quote")
bad("quote-unterminated-after-multiline.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"line one\nline two\nline three\"\n3,5,Nice\n"
         "4,2,\"never closed\n5,1,Bad\n"),
    "a three-line quoted comment (lines 3–5), then a quote never closed on line 7 (record 4)")
bad("quote-unterminated-utf16le.csv",
    utf16le("id,comment,rating\n1,\"Élan 😀 ok\",4\n2,Très bien 😀,\"never closed\n3,x,5\n"),
    "UTF-16LE with BOM: the column of the quote counts characters (an accent, an emoji)")
bad("quote-text-after.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"fine\"x\n3,5,Nice\n"),
    "text right after a closing quote on line 3")
bad("quote-text-after-header.csv",
    utf8("id,\"rating\"s,comment\n1,4,Good\n"),
    "text after a closing quote in the header")
bad("quote-text-after-multiline.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"line one\nline two\"x\n3,5,Nice\n"),
    "text after the closing quote of a two-line field: the error is on the closing line")
bad("quote-text-after-multiline-crlf.csv",
    utf8(crlf(HEADER + "1,4,Good\n2,3,\"line one\nline two\"x\n3,5,Nice\n")),
    "text after the closing quote of a two-line field, CRLF line ends")
bad("quote-text-after-multiline-cr.csv",
    utf8(cr(HEADER + "1,4,Good\n2,3,\"line one\nline two\"x\n3,5,Nice\n")),
    "text after the closing quote of a two-line field, CR line ends (old Mac)")
bad("quote-text-after-bom.csv",
    BOM8 + utf8("id,\"rating\"s,comment\n1,4,Good\n"),
    "a UTF-8 BOM, then text after a closing quote in the header: the BOM is no column")
bad("quote-text-after-utf16le.csv",
    utf16le("id,comment,rating\n1,\"Été 😀\"!,4\n"),
    "UTF-16LE with BOM: text after a closing quote, column in characters")
bad("quote-text-after-last-line.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"fine\" "),
    "a space after the closing quote on the last line, without a final newline")

# -------------------------------------------------------------------------------------------
# Encoding

# Valid UTF-8 (with accents) past the 64 KiB that encoding detection reads, then a stray byte:
# detected as UTF-8, refused by the decoder with the byte's line, column and offset.
_lines = "".join("%d,%d,\"Très bien, numéro %d\"\n" % (i, i % 5 + 1, i) for i in range(1, 3001))
bad("utf8-invalid-after-64k.csv",
    utf8(HEADER + _lines) + b"3001,4,caf\xff\n3002,5,ok\n",
    "valid UTF-8 for 100 KB (detected as UTF-8), then a 0xFF byte on line 3002")
bad("utf8-invalid-forced.csv",
    utf8(HEADER + "1,4,Good\n2,3,Tr") + b"\xe8" + utf8("s bien\n"),
    "a Windows-1252 è in a file forced as UTF-8, line 3")
bad("cp1252-forced-utf8.csv",
    cp1252(HEADER + "1,4,Très bien\n2,3,\"Déçu, “trop cher” à 15 €\"\n3,5,Œuvre d’art\n"),
    "a whole Windows-1252 file (é, €, “ ”, Œ, ’) forced as UTF-8: the first è on line 2")
bad("cp1252-detected.csv",
    cp1252(HEADER + "1,4,Très bien\n2,3,\"Déçu, “trop cher” à 15 €\"\n3,5,Œuvre d’art\n"),
    "the bytes of cp1252-forced-utf8.csv with the encoding detected: imports as WINDOWS-1252 "
    "(the control case)")
bad("utf8-invalid-after-bom.csv",
    BOM8 + utf8(HEADER + "1,4,Good\n2,3,caf") + b"\xe9" + utf8("\n"),
    "a UTF-8 BOM (so UTF-8 without asking), then a Latin-1 é: the offset counts the BOM, the "
    "column does not")
bad("utf8-invalid-in-multiline-field.csv",
    BOM8 + utf8(HEADER + "1,4,Good\n2,3,\"first line\nsecond ") + b"\xc3\x28" + utf8(" line\"\n"),
    "a bad UTF-8 sequence on the second line of a quoted field (line 4, record 2)")
bad("utf8-invalid-cr.csv",
    BOM8 + utf8(cr(HEADER + "1,4,Good\n2,3,Fine\n3,2,x")) + b"\x80" + utf8("\r"),
    "CR line ends (old Mac), a stray 0x80 on line 4")
bad("utf8-truncated.csv",
    utf8(HEADER + "1,4,Good\n2,3,caf") + b"\xc3",
    "forced as UTF-8, the file ends in the middle of a two-byte character")
bad("nul-byte.csv",
    utf8(HEADER + "1,4,Très bien\n2,3,Fi") + b"\x00" + utf8("ne\n3,5,Nice\n"),
    "a 0x00 byte in the middle of line 3 of UTF-8 text")
bad("nul-byte-line2.csv",
    utf8(HEADER) + b"\x00" + utf8("1,4,Good\n"),
    "a 0x00 byte as the first byte of line 2")
bad("nul-byte-utf16le.csv",
    utf16le("id,comment,rating\n1,Ça 😀 va\x00,4\n"),
    "UTF-16LE with a U+0000 character: column counted in characters")
bad("utf16le-truncated.csv",
    utf16le("id,comment,rating\n1,Été,4\n") + b"2",
    "UTF-16LE whose last character is cut (an odd number of bytes)")
bad("utf16le-lone-surrogate.csv",
    utf16le("id,comment,rating\n1,ok,4\n2,x") + b"\x3d\xd8" + utf16le(",5\n", bom=False),
    "UTF-16LE with a high surrogate followed by no low surrogate, line 3")

# -------------------------------------------------------------------------------------------
# Nothing to import

bad("empty.csv", b"", "zero bytes")
bad("empty-bom.csv", BOM8, "a UTF-8 BOM and nothing else")
bad("empty-utf16le-bom.csv", BOM16LE, "a UTF-16LE BOM and nothing else")
bad("empty-blank-lines.csv", b"\n\r\n\n", "line ends only")
bad("header-only.csv", utf8(HEADER), "a header row and no data")
bad("header-only-no-newline.csv", utf8("id,rating,comment"), "a header row without a newline")
bad("header-only-blank-lines.csv", utf8(crlf(HEADER + "\n\n")),
    "a header row followed by blank lines (CRLF)")
bad("header-only-qualtrics.csv",
    utf8(crlf("StartDate,EndDate,Status,ResponseId,Q1\n"
              "Start Date,End Date,Response Type,Response ID,How satisfied are you?\n"
              "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\","
              "\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
              "\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n")),
    "Qualtrics' three header rows and no response")
bad("shape-too-few-rows.csv", utf8(HEADER + "1,4,Good\n"),
    "two records, imported with three header rows forced: the option does not fit")
bad("shape-kind-misfit.csv", utf8(HEADER + "1,4,Good\n"),
    "a headerless layout forced with one header row: the option does not fit")

# -------------------------------------------------------------------------------------------
# Ragged rows

bad("ragged-too-many.csv", utf8(HEADER + "1,4,Good\n2,3,Fine,extra\n3,5,Nice\n"),
    "line 3 has a fourth field")
bad("ragged-too-few.csv", utf8(HEADER + "1,4,Good\n2,3\n3,5,Nice\n"),
    "line 3 has two fields")
bad("ragged-line2.csv", utf8(HEADER + "1\n2,3,Fine\n3,5,Nice\n"),
    "the first data line has one field")
bad("ragged-last-line.csv", utf8(HEADER + "1,4,Good\n2,3,Fine\n3,5,Nice,,"),
    "the last line, without a final newline, has five fields")
bad("ragged-after-multiline.csv",
    utf8(HEADER + "1,4,Good\n2,3,\"line one\nline two\nline three\"\n3,5,Nice\n4,2\n5,1,Bad\n"),
    "a three-line quoted comment, then a short row on line 7 (record 4)")
bad("ragged-crlf.csv", utf8(crlf(HEADER + "1,4,Good\n2,3\n3,5,Nice\n")),
    "line 3 has two fields, CRLF line ends")
bad("ragged-cr.csv", utf8(cr(HEADER + "1,4,Good\n2,3\n3,5,Nice\n")),
    "line 3 has two fields, CR line ends")
bad("ragged-utf16le.csv",
    utf16le("id,comment,rating\n1,Ça va,4\n2,Très 😀 bien,5,x\n"),
    "UTF-16LE: line 3 has a fourth field, its column counted in characters")
bad("ragged-spaces-line.csv", utf8(HEADER + "1,4,Good\n   \n3,5,Nice\n"),
    "a line of three spaces is a record of one field, not a blank line")
bad("ragged-middle.csv",
    utf8(HEADER + rows(200).replace("120,1,ok\n", "120,1\n").replace("150,1,ok\n",
                                                                      "150,1,ok,more\n")),
    "200 rows; rows 120 (too few) and 150 (too many) are ragged, past the first 50 records")
bad("ragged-many.csv",
    utf8(HEADER + "".join("%d,%d,ok\n" % (i, i % 5 + 1) if i % 2 else "%d,%d\n" % (i, i % 5 + 1)
                          for i in range(1, 2401))),
    "2 400 rows, every other one short: 1 200 problems, more than the 1 000 listed")

# -------------------------------------------------------------------------------------------
# Header names (imports, with notices)

bad("header-duplicate.csv", utf8("id,rating,rating,comment\n1,4,5,Good\n2,3,2,Fine\n"),
    "two columns called rating: imports, the second is renamed with a notice")
bad("header-empty.csv", utf8("id,,comment\n1,4,Good\n2,3,Fine\n"),
    "a column without a name: imports as “Column 2” with a notice")
bad("header-empty-and-duplicate.csv",
    utf8("id,,rating,rating,Column 2\n1,a,4,5,x\n2,b,3,2,y\n"),
    "an empty name, a repeated name and a name equal to the one given to the empty column")

# -------------------------------------------------------------------------------------------
# Values in rating and time columns

bad("rating-outside-forced-scale.csv",
    utf8(HEADER + "1,4,Good\n2,3,Fine\n3,7,Great\n4,5,Nice\n"),
    "a 7 in a rating column forced to 1–5 (rating:1-5)")
bad("rating-big.csv", utf8(HEADER + rows(60, rating=lambda i: "42" if i == 33 else
                                         str(i % 5 + 1))),
    "60 ratings 1–5 and one 42 on line 34")
bad("rating-non-numeric.csv", utf8(HEADER + rows(60, rating=lambda i: "great" if i == 60 else
                                                 str(i % 5 + 1))),
    "60 ratings 1–5 and one “great” on the last line")
bad("rating-decimal-dot.csv", utf8(HEADER + "1,4,Good\n2,3.5,Fine\n3,5,Nice\n4,1,Bad\n"),
    "a rating column forced with --rating holding 3.5")
bad("rating-decimal-comma.csv", utf8("id;rating;comment\n1;4;Good\n2;3,5;Fine\n3;5;Nice\n"
                                     "4;1;Bad\n"),
    "semicolons, a rating column forced with --rating holding 3,5")
bad("rating-missing-values.csv",
    utf8(HEADER + "1,4,Good\n2,N/A,Fine\n3,NA,Nice\n4,-,Bad\n5,,Empty\n6,#N/A,Excel\n7,2,ok\n"),
    "N/A, NA, -, an empty cell and #N/A in a rating column: missing answers, not problems")
bad("rating-negative-last-line.csv",
    utf8(HEADER + "1,4,Good\n2,3,Fine\n3,5,Nice\n4,-1,Bad"),
    "a -1 in a rating column forced to 1–5, on the last line without a final newline")
bad("label-unmapped.csv",
    utf8("id,agreement,comment\n" +
         "".join("%d,%s,ok\n" % (i, "Meh" if i == 45 else
                                 ["Strongly disagree", "Disagree",
                                  "Neither agree nor disagree", "Agree",
                                  "Strongly agree"][i % 5]) for i in range(1, 61))),
    "60 agreement labels and one “Meh” on line 46")
bad("time-google-forms-unparseable.csv",
    utf8(crlf("Timestamp,How satisfied are you?,Anything else?\n" +
              "".join("2024/03/%02d 10:%02d:00 AM GMT+1,%d,%s\n" % (i % 28 + 1, i, i % 5 + 1,
                                                                    "fine")
                      if i != 7 else "yesterday,3,\"unsure, really\"\n"
                      for i in range(1, 21)))),
    "Google Forms (Timestamp is the time column): “yesterday” on line 8")
bad("time-hotjar-impossible-date.csv",
    utf8("Number,User,Date Submitted,Country,Source URL,Device,Browser,OS,Email,Message,"
         "Emotion (1-5)\n" +
         "".join("%d,u%d,%s,France,https://shop.example.com/,desktop,Firefox,Linux,,ok,%d\n"
                 % (i, i, "2024-02-30 10:00:00" if i == 4 else
                    "2024-02-%02d 10:00:00" % (i + 10), i % 5 + 1) for i in range(1, 11))),
    "Hotjar (Date Submitted is the time column): 2024-02-30 on line 5")
bad("time-ambiguous.csv",
    utf8("id,date,rating\n" +
         "".join("%d,%02d/%02d/2024 10:00,%d\n" % (i, i % 12 + 1, 12 - i % 12, i % 5 + 1)
                 for i in range(1, 21))),
    "every date reads as day/month and as month/day: imports as d/m/y with a notice")
bad("time-conflicting-orders.csv",
    utf8(crlf("Timestamp,How satisfied are you?\n"
              "13/01/2024 10:00:00,4\n02/03/2024 11:00:00,3\n01/13/2024 12:00:00,5\n")),
    "Google Forms with 13/01/2024 and 01/13/2024 in its time column: no order reads both")
bad("time-forced-order.csv",
    utf8("id,date,rating\n1,25/03/2024 10:00,4\n2,02/03/2024 11:00,3\n3,26/03/2024 12:00,5\n"),
    "day-first dates (25/03/2024) imported with the month/day order forced: no 25th month")
bad("qualtrics-preview.csv",
    utf8(crlf("StartDate,EndDate,Status,ResponseId,Q1\n"
              "Start Date,End Date,Response Type,Response ID,How satisfied are you?\n"
              "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\","
              "\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
              "\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"
              "2024-03-01 10:00:00,2024-03-01 10:05:00,Survey Preview,R_p1,3\n"
              "2024-03-01 11:00:00,2024-03-01 11:05:00,IP Address,R_a1,4\n"
              "2024-03-01 12:00:00,2024-03-01 12:05:00,Survey Test,R_t1,1\n"
              "2024-03-01 13:00:00,2024-03-01 13:05:00,IP Address,R_a2,5\n"
              "2024-03-01 14:00:00,2024-03-01 14:05:00,Survey Preview,R_p2,2\n"
              "2024-03-01 15:00:00,2024-03-01 15:05:00,IP Address,R_a3,2\n")),
    "Qualtrics with two previews and a test among six records: left out, reported")
bad("qualtrics-preview-junk.csv",
    utf8(crlf("StartDate,EndDate,Status,ResponseId,Q1\n"
              "Start Date,End Date,Response Type,Response ID,How satisfied are you?\n"
              "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\","
              "\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\","
              "\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n"
              "2024-03-01 10:00:00,2024-03-01 10:05:00,Survey Preview,R_p1,lorem ipsum\n"
              "2024-03-01 11:00:00,2024-03-01 11:05:00,IP Address,R_a1,4\n"
              "2024-03-01 13:00:00,2024-03-01 13:05:00,IP Address,R_a2,5\n"
              "2024-03-01 15:00:00,2024-03-01 15:05:00,IP Address,R_a3,2\n")),
    "Qualtrics whose preview (left out) has text in the rating column: no problem, since "
    "the preview is not imported")

# -------------------------------------------------------------------------------------------
# Equivalence: one survey, every way it is written

SURVEY_HEADER = ["id", "submitted", "satisfaction", "recommend", "agreement", "language",
                 "comment"]
_comments = [
    "Très bien, merci !",
    "Service rapide; personnel aimable.",
    "Le site est \"un peu\" lent.",
    "Great service, very fast delivery.",
    "Première commande : livraison à l'heure.",
    "",
    "Déçu : le colis est arrivé abîmé.\nJ'ai dû appeler deux fois.",
    "N/A",
    "Prices went up again; not happy.",
    "Ça marche, sans plus.",
    "L’équipe a été très réactive – bravo.",
    "The \"new\" checkout is confusing, really.",
    "Commande passée à 15 € au lieu de 12 €.",
    "Œuvre soignée, emballage parfait.",
    "Good, but the search could be smarter, e.g. typos.",
]
_agreement = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree",
              "Strongly disagree", "Tout à fait d'accord", "D'accord", ""]
_languages = ["fr", "en", "fr", "fr", "en"]


def survey_rows():
    out = []
    for i in range(1, 31):
        out.append([
            "R%03d" % i,
            "2024-03-%02d %02d:%02d:%02d" % (i % 28 + 1, (i * 7) % 24, (i * 13) % 60,
                                             (i * 17) % 60),
            "" if i == 9 else str((i * 3) % 5 + 1),
            str((i * 7) % 11),
            _agreement[i % len(_agreement)],
            _languages[i % len(_languages)],
            _comments[i % len(_comments)],
        ])
    return out


def csv_text(records, delimiter, eol="\n"):
    """Records ended by eol; a line break inside a quoted cell stays LF, as Excel and the
    survey tools write it whatever their line ends."""
    def quote(cell):
        if any(ch in cell for ch in (delimiter, "\"", "\n", "\r")):
            return "\"" + cell.replace("\"", "\"\"") + "\""
        return cell
    return "".join(delimiter.join(quote(c) for c in record) + eol for record in records)


def equivalence(name, data):
    assert name not in files
    files["equivalence/" + name] = data


_survey = [SURVEY_HEADER] + survey_rows()
_lf = csv_text(_survey, ",")
_crlf = csv_text(_survey, ",", "\r\n")
equivalence("survey-utf8-lf.csv", utf8(_lf))
equivalence("survey-utf8-crlf.csv", utf8(_crlf))
equivalence("survey-utf8-cr.csv", utf8(csv_text(_survey, ",", "\r")))
equivalence("survey-utf8-bom.csv", BOM8 + utf8(_crlf))
equivalence("survey-utf8-no-final-newline.csv", utf8(_lf[:-1]))
equivalence("survey-utf16le.csv", utf16le(_crlf))
equivalence("survey-utf16le-tab.txt", utf16le(csv_text(_survey, "\t", "\r\n")))
equivalence("survey-windows-1252.csv", cp1252(_crlf))
equivalence("survey-windows-1252-lf.csv", cp1252(_lf))
equivalence("survey-tab.tsv", utf8(csv_text(_survey, "\t")))
equivalence("survey-semicolon.csv", utf8(csv_text(_survey, ";")))


# -------------------------------------------------------------------------------------------

def readme():
    lines = [
        "# Bad-input corpus",
        "",
        "Files that the importer must refuse with an exact error (line, column) or import with an",
        "exact report. Written by `tests/data/make-corpus.py` (do not edit them by hand: change",
        "the script and run it again; `--check` tells whether the files are what it writes); the",
        "expected errors and reports, and the options some cases are imported with (a forced",
        "encoding, `--rating`, header rows, a date order), are the table in",
        "`tests/core/test-import-corpus.c`. It also checks that a failed import leaves the",
        "project as it was and, for files with bad rows, which rows `skip_bad_rows` imports.",
        "The 10 MB single field (`big-field.csv`) is written by the test itself in a temporary",
        "directory. Line ends, BOMs and encodings are part of each case: `.gitattributes` keeps",
        "git from converting them.",
        "",
        "| File | What is wrong |",
        "|------|---------------|",
    ]
    for name, what in sorted(descriptions):
        lines.append("| `%s` | %s |" % (name, what))
    lines.append("")
    return "\n".join(lines).encode("utf-8")


ATTRIBUTES = (b"# Each file's bytes are the test case (line ends, BOMs, encodings): never convert.\n"
              b"* -text\n")
EDITORCONFIG = (b"# Each file's bytes are the test case: editors must leave them alone.\n"
                b"[*]\ncharset = unset\nend_of_line = unset\ninsert_final_newline = unset\n"
                b"trim_trailing_whitespace = unset\n")

files["bad/README.md"] = readme()
for directory in ("bad", "equivalence"):
    files[directory + "/.gitattributes"] = ATTRIBUTES
    files[directory + "/.editorconfig"] = EDITORCONFIG


def main():
    check = "--check" in sys.argv[1:]
    different = []
    for relative, data in sorted(files.items()):
        path = os.path.join(HERE, relative)
        if check:
            try:
                with open(path, "rb") as f:
                    if f.read() != data:
                        different.append(relative)
            except FileNotFoundError:
                different.append(relative)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    for directory in (BAD, EQUIVALENCE):
        for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
            relative = os.path.relpath(os.path.join(directory, name), HERE)
            if relative not in files:
                different.append(relative + " (not written by this script)")
    if different:
        print("\n".join(different))
        return 1 if check else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
