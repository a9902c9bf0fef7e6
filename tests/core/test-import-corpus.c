/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <sqlite3.h>

#include "likert-csv.h"
#include "likert-encoding.h"
#include "likert-import-private.h"
#include "likert-import.h"
#include "likert-store.h"
#include "test-common.h"

/* The import corpus: bad input refused with an exact error or planned with an exact report
 * (tests/data/bad, written by tests/data/make-corpus.py; see its README.md), the same survey
 * written every way it can be (tests/data/equivalence), re-imports and the vendor exports
 * (tests/data/vendors). Every failed import must leave the project exactly as it was. */

#if defined(__SANITIZE_ADDRESS__)
#define SLOW_FACTOR 10
#else
#define SLOW_FACTOR 1
#endif

static char *
data_path (const char *dir,
           const char *file)
{
  const char *root = g_getenv ("LIKERT_SOURCE_ROOT");

  return g_build_filename (root ? root : SOURCE_ROOT, "tests", "data", dir, file, NULL);
}

/* Bugs in src/core that make cases below fail, while they are not fixed: such a case is
 * reported as incomplete (TODO) rather than failing the suite. Remove the mark with the fix. */

/* ---------------------------------------------------------------------------------------------
 * The project as a reader sees it: counts, integrity and a digest of every row of every table.
 */

typedef struct
{
  gint64  responses;
  gint64  datasets;
  gint64  imports;
  char   *digest;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->digest, g_free);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
snapshot_take (const char *path,
               Snapshot   *snapshot)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  snapshot->responses = query_int (db, "SELECT count (*) FROM response");
  snapshot->datasets = query_int (db, "SELECT count (*) FROM dataset");
  snapshot->imports = query_int (db, "SELECT count (*) FROM import");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 5);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *name = g_ptr_array_index (tables, t);
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\"", name);

      g_checksum_update (checksum, (const guchar *) name, -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            guchar type = (guchar) sqlite3_column_type (stmt, c);
            const void *blob = sqlite3_column_blob (stmt, c);
            int size = sqlite3_column_bytes (stmt, c);
            guchar size_bytes[4] = { size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff,
                                     (size >> 24) & 0xff };

            g_checksum_update (checksum, &type, 1);
            g_checksum_update (checksum, size_bytes, 4);
            if (blob != NULL)
              g_checksum_update (checksum, blob, size);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  snapshot->digest = g_strdup (g_checksum_get_string (checksum));
}

/* A project with one good import in it, as the corpus cases start from. */
static LikertStore *
project_with_one_import (TestDir  *dir,
                         char    **path_out)
{
  g_autofree char *path = test_dir_file (dir, "project.likert");
  g_autofree char *good = test_dir_write (dir, "good.csv",
                                          "key,score,remark\nA,4,ok\nB,5,\"fine, really\"\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  store = test_import_new (path, good, &report);
  g_assert_cmpuint (report->n_new, ==, 2);
  *path_out = g_steal_pointer (&path);
  return g_steal_pointer (&store);
}

/* "LINE:KEY LINE:KEY …" for the responses an import added, in the order they were stored. */
static char *
landed_responses (const char *path,
                  gint64      import_id)
{
  g_autoptr(GString) landed = g_string_new (NULL);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT line, coalesce (response_key, '') "
                                       "FROM response WHERE import_id = ? ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, import_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (landed, "%s%lld:%s", landed->len ? " " : "",
                            (long long) sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&landed), FALSE);
}

static gint64
count_answers (const char *path,
               gint64      import_id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM answer JOIN response "
                                       "ON response.id = answer.response_id "
                                       "WHERE response.import_id = ?", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, import_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The id of the response of dataset_id whose key is key (or, without keys, whose record is). */
static gint64
find_response (const char *path,
               gint64      dataset_id,
               const char *key)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM response WHERE dataset_id = ?1 AND "
                                       "(response_key = ?2 OR "
                                       " (response_key IS NULL AND record = ?2))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

/* ---------------------------------------------------------------------------------------------
 * Options as the table writes them: "encoding=UTF-8 rating=rating:1-5 header-rows=3
 * shape=headerless date-order=mdy keep-excluded".
 */

static void
parse_options (const char          *spec,
               LikertImportOptions *options)
{
  g_auto(GStrv) words = g_strsplit (spec ? spec : "", " ", -1);

  likert_import_options_init (options);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      g_autoptr(GError) error = NULL;

      if (*word == '\0')
        continue;
      if (g_str_has_prefix (word, "encoding="))
        options->encoding = g_strdup (word + strlen ("encoding="));
      else if (g_str_has_prefix (word, "rating="))
        {
          likert_import_options_add_rating (options, word + strlen ("rating="), &error);
          g_assert_no_error (error);
        }
      else if (g_str_has_prefix (word, "header-rows="))
        options->header_rows = atoi (word + strlen ("header-rows="));
      else if (g_str_has_prefix (word, "shape="))
        g_assert_true (likert_shape_kind_from_string (word + strlen ("shape="), &options->shape));
      else if (g_str_has_prefix (word, "delimiter="))
        options->delimiter = word[strlen ("delimiter=")];
      else if (strcmp (word, "date-order=dmy") == 0)
        options->date_order = LIKERT_DATE_ORDER_DMY;
      else if (strcmp (word, "date-order=mdy") == 0)
        options->date_order = LIKERT_DATE_ORDER_MDY;
      else if (strcmp (word, "keep-excluded") == 0)
        options->keep_excluded = TRUE;
      else if (strcmp (word, "skip-bad-rows") == 0)
        options->skip_bad_rows = TRUE;
      else
        g_error ("unknown option “%s” in the table", word);
    }
}

/* ---------------------------------------------------------------------------------------------
 * The bad-input table
 */

typedef GQuark (*DomainFunc) (void);

typedef struct
{
  const char *file;           /* in tests/data/bad */
  const char *options;        /* see parse_options () */

  /* A file that cannot be read as CSV, or an option that does not fit: the error. */
  DomainFunc  domain;
  int         code;
  const char *message;

  /* Otherwise the plan. */
  guint64     n_records;
  guint64     n_excluded;
  guint64     n_problems;
  guint64     n_bad_records;
  guint64     record;         /* the first problem (in line order) */
  guint       line;
  guint       column;
  const char *field;
  const char *value;
  const char *problem;
  const char *encoding;       /* nullable: the plan's encoding */
  const char *headers;        /* nullable: the column names, "|" between */
  const char *roles;          /* nullable: the roles, " " between */
  const char *notices;        /* nullable: substrings, each of some notice, "\n" between */
  gboolean    ambiguous;      /* date_order_ambiguous */
  /* What the import (with skip_bad_rows when the plan has problems) adds: "LINE:KEY …" in
   * order, or "except:R,R…" for every record but those (a file whose records are one line
   * each after one header line, its ID column, if any, holding the record number); NULL: only
   * the count is checked. */
  const char *landed;
  int         answers;        /* answer rows the import adds; -1: not checked */
  const char *cell_key;       /* nullable: a response (key or record) to look at… */
  guint       cell_column;
  const char *cell;           /* …its cell in that column… */
  gint64      submitted_at;   /* …and its time (0: not checked) */
  const char *bug;            /* nullable: a known bug in src/core that makes the case fail */
} BadCase;

#define ERR(f, dom, c, msg) \
  { .file = f, .domain = dom, .code = c, .message = msg, .answers = -1 }

#define CSV(f, c, msg)      ERR (f, likert_csv_error_quark, c, msg)
#define ENC(f, msg)         ERR (f, likert_encoding_error_quark, LIKERT_ENCODING_ERROR_INVALID, msg)
#define EMPTY(f, msg)       ERR (f, likert_import_error_quark, LIKERT_IMPORT_ERROR_EMPTY, msg)

static const BadCase bad_cases[] = {
  /* Quotes */
  CSV ("quote-unterminated.csv", LIKERT_CSV_ERROR_UNTERMINATED,
       "quote-unterminated.csv:3:5: the quoted field that starts here is never closed"),
  CSV ("quote-unterminated-line2.csv", LIKERT_CSV_ERROR_UNTERMINATED,
       "quote-unterminated-line2.csv:2:1: the quoted field that starts here is never closed"),
  CSV ("quote-unterminated-last-line.csv", LIKERT_CSV_ERROR_UNTERMINATED,
       "quote-unterminated-last-line.csv:5:5: the quoted field that starts here is never "
       "closed"),
  CSV ("quote-unterminated-after-multiline.csv", LIKERT_CSV_ERROR_UNTERMINATED,
       "quote-unterminated-after-multiline.csv:7:5: the quoted field that starts here is never "
       "closed"),
  CSV ("quote-unterminated-utf16le.csv", LIKERT_CSV_ERROR_UNTERMINATED,
       "quote-unterminated-utf16le.csv:3:15: the quoted field that starts here is never closed"),
  CSV ("quote-text-after.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after.csv:3:11: unexpected text after a closing quote"),
  CSV ("quote-text-after-header.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-header.csv:1:12: unexpected text after a closing quote"),
  CSV ("quote-text-after-multiline.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-multiline.csv:4:10: unexpected text after a closing quote"),
  CSV ("quote-text-after-multiline-crlf.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-multiline-crlf.csv:4:10: unexpected text after a closing quote"),
  CSV ("quote-text-after-multiline-cr.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-multiline-cr.csv:4:10: unexpected text after a closing quote"),
  CSV ("quote-text-after-bom.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-bom.csv:1:12: unexpected text after a closing quote"),
  CSV ("quote-text-after-utf16le.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-utf16le.csv:2:10: unexpected text after a closing quote"),
  CSV ("quote-text-after-last-line.csv", LIKERT_CSV_ERROR_QUOTE,
       "quote-text-after-last-line.csv:3:11: unexpected text after a closing quote"),

  /* Encodings */
  ENC ("utf8-invalid-after-64k.csv",
       "utf8-invalid-after-64k.csv:3002:11: byte 0xFF at offset 99814 is not valid UTF-8 text"),
  { .file = "utf8-invalid-forced.csv", .options = "encoding=UTF-8",
    .domain = likert_encoding_error_quark, .code = LIKERT_ENCODING_ERROR_INVALID,
    .message = "utf8-invalid-forced.csv:3:7: byte 0xE8 at offset 33 is not valid UTF-8 text" },
  { .file = "cp1252-forced-utf8.csv", .options = "encoding=UTF-8",
    .domain = likert_encoding_error_quark, .code = LIKERT_ENCODING_ERROR_INVALID,
    .message = "cp1252-forced-utf8.csv:2:7: byte 0xE8 at offset 24 is not valid UTF-8 text" },
  ENC ("utf8-invalid-after-bom.csv",
       "utf8-invalid-after-bom.csv:3:8: byte 0xE9 at offset 37 is not valid UTF-8 text"),
  ENC ("utf8-invalid-in-multiline-field.csv",
       "utf8-invalid-in-multiline-field.csv:4:8: byte 0xC3 at offset 53 is not valid UTF-8 "
       "text"),
  ENC ("utf8-invalid-cr.csv",
       "utf8-invalid-cr.csv:4:6: byte 0x80 at offset 44 is not valid UTF-8 text"),
  { .file = "utf8-truncated.csv", .options = "encoding=UTF-8",
    .domain = likert_encoding_error_quark, .code = LIKERT_ENCODING_ERROR_INVALID,
    .message = "utf8-truncated.csv:3:8: the file ends in the middle of a UTF-8 character "
               "(offset 34)" },
  ENC ("nul-byte.csv",
       "nul-byte.csv:3:7: NUL character at offset 39: CSV text never contains one (is the file "
       "really UTF-8?)"),
  ENC ("nul-byte-line2.csv",
       "nul-byte-line2.csv:2:1: NUL character at offset 18: CSV text never contains one (is the "
       "file really UTF-8?)"),
  ENC ("nul-byte-utf16le.csv",
       "nul-byte-utf16le.csv:2:10: NUL character at offset 58: CSV text never contains one (is "
       "the file really UTF-16LE?)"),
  ENC ("utf16le-truncated.csv",
       "utf16le-truncated.csv:3:1: the file ends in the middle of a UTF-16LE character "
       "(offset 54)"),
  ENC ("utf16le-lone-surrogate.csv",
       "utf16le-lone-surrogate.csv:3:4: byte 0x3D at offset 58 is not valid UTF-16LE text"),
  { .file = "cp1252-detected.csv", .n_records = 3, .encoding = "WINDOWS-1252",
    .landed = "2:1 3:2 4:3", .answers = 3,
    .cell_key = "2", .cell_column = 2, .cell = "Déçu, “trop cher” à 15 €" },

  /* Nothing to import */
  EMPTY ("empty.csv", "empty.csv: the file is empty"),
  EMPTY ("empty-bom.csv", "empty-bom.csv: the file is empty"),
  EMPTY ("empty-utf16le-bom.csv", "empty-utf16le-bom.csv: the file is empty"),
  EMPTY ("empty-blank-lines.csv", "empty-blank-lines.csv: the file is empty"),
  EMPTY ("header-only.csv", "header-only.csv: the file has a header but no responses"),
  EMPTY ("header-only-no-newline.csv",
         "header-only-no-newline.csv: the file has a header but no responses"),
  EMPTY ("header-only-blank-lines.csv",
         "header-only-blank-lines.csv: the file has a header but no responses"),
  EMPTY ("header-only-qualtrics.csv",
         "header-only-qualtrics.csv: the file has a header but no responses"),
  { .file = "shape-too-few-rows.csv", .options = "header-rows=3",
    .domain = likert_import_error_quark, .code = LIKERT_IMPORT_ERROR_OPTION,
    .message = "shape-too-few-rows.csv: The file has no third header row." },
  { .file = "shape-kind-misfit.csv", .options = "shape=headerless header-rows=1",
    .domain = likert_import_error_quark, .code = LIKERT_IMPORT_ERROR_OPTION,
    .message = "shape-kind-misfit.csv: A file in the “CSV without a header row” layout cannot "
               "have 1 header row." },

  /* Ragged rows */
  { .file = "ragged-too-many.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 10,
    .problem = "this record has 4 fields; the header has 3", .landed = "2:1 4:3", .answers = 2 },
  { .file = "ragged-too-few.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 4,
    .problem = "this record has 2 fields; the header has 3", .landed = "2:1 4:3", .answers = 2 },
  { .file = "ragged-line2.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 1, .line = 2, .column = 2,
    .problem = "this record has 1 field; the header has 3", .landed = "3:2 4:3", .answers = 2 },
  { .file = "ragged-last-line.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 3, .line = 4, .column = 10,
    .problem = "this record has 5 fields; the header has 3", .landed = "2:1 3:2", .answers = 2 },
  { .file = "ragged-after-multiline.csv", .n_records = 5, .n_problems = 1, .n_bad_records = 1,
    .record = 4, .line = 7, .column = 4,
    .problem = "this record has 2 fields; the header has 3", .landed = "2:1 3:2 6:3 8:5",
    .answers = 4, .cell_key = "2", .cell_column = 2, .cell = "line one\nline two\nline three" },
  { .file = "ragged-crlf.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 4,
    .problem = "this record has 2 fields; the header has 3", .landed = "2:1 4:3", .answers = 2,
    .cell_key = "3", .cell_column = 2, .cell = "Nice" },
  { .file = "ragged-cr.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 4,
    .problem = "this record has 2 fields; the header has 3", .landed = "2:1 4:3", .answers = 2,
    .cell_key = "3", .cell_column = 2, .cell = "Nice" },
  { .file = "ragged-utf16le.csv", .n_records = 2, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 17, .encoding = "UTF-16LE",
    .problem = "this record has 4 fields; the header has 3", .landed = "2:1", .answers = -1,
    .cell_key = "1", .cell_column = 1, .cell = "Ça va" },
  { .file = "ragged-spaces-line.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 2, .line = 3, .column = 4,
    .problem = "this record has 1 field; the header has 3", .landed = "2:1 4:3", .answers = 2 },
  { .file = "ragged-middle.csv", .n_records = 200, .n_problems = 2, .n_bad_records = 2,
    .record = 120, .line = 121, .column = 6,
    .problem = "this record has 2 fields; the header has 3", .landed = "except:120,150",
    .answers = 198 },
  { .file = "ragged-many.csv", .n_records = 2400, .n_problems = 1200, .n_bad_records = 1200,
    .record = 2, .line = 3, .column = 4,
    .problem = "this record has 2 fields; the header has 3", .answers = 1200 },

  /* Header names */
  { .file = "header-duplicate.csv", .n_records = 2, .headers = "id|rating|rating (2)|comment",
    .notices = "The column name “rating” is repeated; column 3 is called “rating (2)”.",
    .landed = "2:1 3:2", .answers = -1 },
  { .file = "header-empty.csv", .n_records = 2, .headers = "id|Column 2|comment",
    .notices = "Column 2 has no name; it is called “Column 2”.", .landed = "2:1 3:2",
    .answers = -1 },
  { .file = "header-empty-and-duplicate.csv", .n_records = 2,
    .headers = "id|Column 2|rating|rating (2)|Column 2 (2)",
    .notices = "Column 2 has no name; it is called “Column 2”.\n"
               "The column name “rating” is repeated; column 4 is called “rating (2)”.\n"
               "The column name “Column 2” is repeated; column 5 is called “Column 2 (2)”.",
    .landed = "2:1 3:2", .answers = -1 },

  /* Ratings */
  { .file = "rating-outside-forced-scale.csv", .options = "rating=rating:1-5", .n_records = 4,
    .n_problems = 1, .n_bad_records = 1, .record = 3, .line = 4, .column = 3, .field = "rating",
    .value = "7", .problem = "7 is outside the scale 1–5", .roles = "id rating text",
    .landed = "2:1 3:2 5:4", .answers = 3 },
  { .file = "rating-big.csv", .n_records = 60, .n_problems = 1, .n_bad_records = 1,
    .record = 33, .line = 34, .column = 4, .field = "rating", .value = "42",
    .problem = "42 is outside the scale 1–5", .roles = "id rating text",
    .landed = "except:33", .answers = 59 },
  { .file = "rating-non-numeric.csv", .n_records = 60, .n_problems = 1, .n_bad_records = 1,
    .record = 60, .line = 61, .column = 4, .field = "rating", .value = "great",
    .problem = "“great” is neither a number nor a known label (the scale is 1–5)",
    .roles = "id rating text", .landed = "except:60", .answers = 59 },
  { .file = "rating-decimal-dot.csv", .options = "rating=rating", .n_records = 4,
    .n_problems = 1, .n_bad_records = 1, .record = 2, .line = 3, .column = 3, .field = "rating",
    .value = "3.5", .problem = "“3.5” is not a whole number (the scale is 1–5)",
    .landed = "2:1 4:3 5:4", .answers = 3 },
  { .file = "rating-decimal-comma.csv", .options = "rating=rating", .n_records = 4,
    .n_problems = 1, .n_bad_records = 1, .record = 2, .line = 3, .column = 3, .field = "rating",
    .value = "3,5", .problem = "“3,5” is not a whole number (the scale is 1–5)",
    .landed = "2:1 4:3 5:4", .answers = 3 },
  { .file = "rating-missing-values.csv", .n_records = 7, .roles = "id rating text",
    .landed = "2:1 3:2 4:3 5:4 6:5 7:6 8:7", .answers = 2,
    .cell_key = "2", .cell_column = 1, .cell = "N/A" },
  { .file = "rating-negative-last-line.csv", .options = "rating=rating:1-5", .n_records = 4,
    .n_problems = 1, .n_bad_records = 1, .record = 4, .line = 5, .column = 3, .field = "rating",
    .value = "-1", .problem = "-1 is outside the scale 1–5", .landed = "2:1 3:2 4:3",
    .answers = 3 },
  { .file = "label-unmapped.csv", .n_records = 60, .n_problems = 1, .n_bad_records = 1,
    .record = 45, .line = 46, .column = 4, .field = "agreement", .value = "Meh",
    .problem = "“Meh” is neither a number nor a known label (the scale is 1–5)",
    .roles = "id rating text", .landed = "except:45", .answers = 59 },

  /* Times */
  { .file = "time-google-forms-unparseable.csv", .n_records = 20, .n_problems = 1,
    .n_bad_records = 1, .record = 7, .line = 8, .column = 1, .field = "Timestamp",
    .value = "yesterday", .problem = "“yesterday” is not a date and time",
    .roles = "time rating category", .landed = "except:7", .answers = 19,
    .cell_key = "1", .cell_column = 0, .cell = "2024/03/02 10:01:00 AM GMT+1",
    .submitted_at = 1709370060 },
  { .file = "time-hotjar-impossible-date.csv", .n_records = 10, .n_problems = 1,
    .n_bad_records = 1, .record = 4, .line = 5, .column = 6, .field = "Date Submitted",
    .value = "2024-02-30 10:00:00", .problem = "“2024-02-30 10:00:00” is not a date and time",
    .landed = "except:4", .answers = 9 },
  { .file = "time-ambiguous.csv", .n_records = 20, .ambiguous = TRUE,
    .roles = "id time rating",
    .notices = "Every date in the file reads both as day/month and as month/day",
    .landed = "except:", .answers = 20,
    .cell_key = "1", .cell_column = 1, .cell = "02/11/2024 10:00", .submitted_at = 1730541600 },
  { .file = "time-conflicting-orders.csv", .n_records = 3, .n_problems = 1, .n_bad_records = 1,
    .record = 3, .line = 4, .column = 1, .field = "Timestamp", .value = "01/13/2024 12:00:00",
    .problem = "“01/13/2024 12:00:00” is not a date and time", .landed = "2: 3:",
    .answers = 2 },
  { .file = "time-forced-order.csv", .options = "date-order=mdy", .n_records = 3,
    .n_problems = 2, .n_bad_records = 2, .record = 1, .line = 2, .column = 3, .field = "date",
    .value = "25/03/2024 10:00", .problem = "“25/03/2024 10:00” is not a date and time",
    .landed = "3:2", .answers = 1, .cell_key = "2", .cell_column = 1,
    .cell = "02/03/2024 11:00", .submitted_at = 1706958000 },

  /* Vendors' own exclusions: a report, not an error */
  { .file = "qualtrics-preview.csv", .n_records = 6, .n_excluded = 3,
    .notices = "3 records are marked by the survey tool as not real responses (",
    .landed = "5:R_a1 7:R_a2 9:R_a3", .answers = 3 },
  { .file = "qualtrics-preview.csv", .options = "keep-excluded", .n_records = 6,
    .n_excluded = 3, .notices = "; they are imported anyway.",
    .landed = "4:R_p1 5:R_a1 6:R_t1 7:R_a2 8:R_p2 9:R_a3", .answers = 6 },
  { .file = "qualtrics-preview-junk.csv", .n_records = 4, .n_excluded = 1,
    .notices = "1 record is marked by the survey tool as not a real response (a survey "
               "preview: 1); it is left out.",
    .landed = "5:R_a1 6:R_a2 7:R_a3", .answers = 3 },
};

/* The first difference between what a case expects and what happens, for the message. */
#define EXPECT(cond, ...) \
  G_STMT_START { \
    if (!(cond)) \
      { \
        g_string_append_printf (why, __VA_ARGS__); \
        return FALSE; \
      } \
  } G_STMT_END
#define EXPECT_STR(what, got, expected) \
  EXPECT (g_strcmp0 ((got), (expected)) == 0, "%s is “%s”, expected “%s”", what, got, expected)
#define EXPECT_INT(what, got, expected) \
  EXPECT ((gint64) (got) == (gint64) (expected), "%s is %" G_GINT64_FORMAT ", expected %" \
          G_GINT64_FORMAT, what, (gint64) (got), (gint64) (expected))

/* A case that fails: a test failure, or — for a bug in src/core known and not yet fixed — an
 * incomplete test (reported, not failing the suite). */
static void
known_bug_or_fail (const char *file,
                   const char *options,
                   const char *bug,
                   const char *why)
{
  if (bug != NULL)
    g_test_incomplete_printf ("known bug (%s): %s%s%s: %s", bug, file, options ? " with " : "",
                              options ? options : "", why);
  else
    g_test_fail_printf ("%s%s%s: %s", file, options ? " with " : "", options ? options : "",
                        why);
}

static gboolean
snapshot_unchanged (const char     *path,
                    const Snapshot *before,
                    GString        *why)
{
  Snapshot after = { 0 };
  gboolean same;

  snapshot_take (path, &after);
  same = after.responses == before->responses && after.datasets == before->datasets &&
         after.imports == before->imports && g_strcmp0 (after.digest, before->digest) == 0;
  if (!same)
    g_string_append_printf (why, "the failed import changed the project (%" G_GINT64_FORMAT
                            " → %" G_GINT64_FORMAT " responses, %" G_GINT64_FORMAT " → %"
                            G_GINT64_FORMAT " datasets, %" G_GINT64_FORMAT " → %"
                            G_GINT64_FORMAT " imports)", before->responses, after.responses,
                            before->datasets, after.datasets, before->imports, after.imports);
  snapshot_clear (&after);
  return same;
}

/* The project still takes a good import after a failed one (no transaction left open). */
static gboolean
store_still_works (LikertStore *store,
                   TestDir     *dir,
                   GString     *why)
{
  g_autofree char *path = test_dir_write (dir, "after.csv", "when,mark\n2024-01-01,3\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  report = likert_import_file (store, path, NULL, NULL, NULL, NULL, &error);
  EXPECT (report != NULL, "a good import after the failure fails: %s", error->message);
  EXPECT_INT ("n_new after the failure", report->n_new, 1);
  return TRUE;
}

static char *
expected_landed (const BadCase          *c,
                 const LikertImportPlan *plan)
{
  g_autoptr(GString) landed = g_string_new (NULL);
  g_auto(GStrv) except = NULL;
  gboolean keyed = FALSE;

  if (c->landed == NULL || !g_str_has_prefix (c->landed, "except:"))
    return g_strdup (c->landed);

  except = g_strsplit (c->landed + strlen ("except:"), ",", -1);
  for (guint i = 0; i < plan->n_columns; i++)
    keyed |= plan->fields[i]->role == LIKERT_ROLE_ID;
  for (guint64 r = 1; r <= c->n_records; r++)
    {
      g_autofree char *record = g_strdup_printf ("%" G_GUINT64_FORMAT, r);

      if (g_strv_contains ((const char * const *) except, record))
        continue;
      g_string_append_printf (landed, "%s%" G_GUINT64_FORMAT ":%s", landed->len ? " " : "",
                              r + 1, keyed ? record : "");
    }
  return g_string_free (g_steal_pointer (&landed), FALSE);
}

static gboolean
check_plan (const BadCase          *c,
            const LikertImportPlan *plan,
            GString                *why)
{
  EXPECT_INT ("n_records", plan->n_records, c->n_records);
  EXPECT_INT ("n_excluded", plan->n_excluded, c->n_excluded);
  if (plan->n_problems > 0 && c->n_problems == 0)
    {
      const LikertImportProblem *p = g_ptr_array_index (plan->problems, 0);

      EXPECT (FALSE, "the plan has %" G_GUINT64_FORMAT " problems, expected none; the first: "
              "%u:%u: %s", plan->n_problems, p->line, p->column, p->message);
    }
  EXPECT_INT ("n_problems", plan->n_problems, c->n_problems);
  EXPECT_INT ("n_bad_records", plan->n_bad_records, c->n_bad_records);
  EXPECT_INT ("problems listed", plan->problems->len,
              MIN (c->n_problems, LIKERT_IMPORT_MAX_PROBLEMS));
  if (c->n_problems > 0)
    {
      const LikertImportProblem *p = g_ptr_array_index (plan->problems, 0);

      EXPECT_STR ("the first problem", p->message, c->problem);
      EXPECT_INT ("its record", p->record, c->record);
      EXPECT_INT ("its line", p->line, c->line);
      EXPECT_INT ("its column", p->column, c->column);
      EXPECT_STR ("its field", p->field, c->field);
      EXPECT_STR ("its value", p->value, c->value);
      for (guint i = 1; i < plan->problems->len; i++)
        {
          const LikertImportProblem *a = g_ptr_array_index (plan->problems, i - 1);
          const LikertImportProblem *b = g_ptr_array_index (plan->problems, i);

          EXPECT (a->line < b->line || (a->line == b->line && a->column <= b->column),
                  "problems out of order: %u:%u before %u:%u", a->line, a->column, b->line,
                  b->column);
        }
    }
  if (c->encoding)
    EXPECT_STR ("the encoding", plan->encoding, c->encoding);
  EXPECT_INT ("date_order_ambiguous", plan->date_order_ambiguous, c->ambiguous);

  if (c->headers || c->roles)
    {
      g_autoptr(GString) headers = g_string_new (NULL);
      g_autoptr(GString) roles = g_string_new (NULL);

      for (guint i = 0; i < plan->n_columns; i++)
        {
          g_string_append_printf (headers, "%s%s", i ? "|" : "", plan->fields[i]->header);
          g_string_append_printf (roles, "%s%s", i ? " " : "",
                                  likert_role_to_string (plan->fields[i]->role));
        }
      if (c->headers)
        EXPECT_STR ("the columns", headers->str, c->headers);
      if (c->roles)
        EXPECT_STR ("the roles", roles->str, c->roles);
    }

  if (c->notices)
    {
      g_auto(GStrv) wanted = g_strsplit (c->notices, "\n", -1);

      for (guint w = 0; wanted[w] != NULL; w++)
        {
          gboolean found = FALSE;

          for (guint i = 0; i < plan->notices->len && !found; i++)
            found = strstr (g_ptr_array_index (plan->notices, i), wanted[w]) != NULL;
          EXPECT (found, "no notice says “%s”", wanted[w]);
        }
    }
  return TRUE;
}

static gboolean
run_bad_case (const BadCase       *c,
              TestDir             *dir,
              LikertStore         *store,
              const char          *project,
              const Snapshot      *before,
              LikertImportOptions *options,
              GString             *why)
{
  g_autofree char *file = data_path ("bad", c->file);
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *landed = NULL;
  g_autofree char *expected = NULL;
  Snapshot after = { 0 };

  if (c->message != NULL)
    {
      /* Refused whole, by the plan and by the import in one call, the project untouched. */
      plan = likert_import_plan_file (file, options, NULL, NULL, NULL, &error);
      EXPECT (plan == NULL, "the plan succeeds (%" G_GUINT64_FORMAT " records, %"
              G_GUINT64_FORMAT " problems), expected “%s”", plan->n_records, plan->n_problems,
              c->message);
      EXPECT (error->domain == c->domain () && error->code == c->code,
              "error %s %d “%s”, expected %s %d", g_quark_to_string (error->domain),
              error->code, error->message, g_quark_to_string (c->domain ()), c->code);
      EXPECT_STR ("the error", error->message, c->message);
      g_clear_error (&error);

      report = likert_import_file (store, file, options, NULL, NULL, NULL, &error);
      EXPECT (report == NULL, "likert_import_file succeeds");
      EXPECT_STR ("likert_import_file's error", error->message, c->message);
      return snapshot_unchanged (project, before, why) && store_still_works (store, dir, why);
    }

  plan = likert_import_plan_file (file, options, NULL, NULL, NULL, &error);
  EXPECT (plan != NULL, "the plan fails: %s", error->message);
  if (!check_plan (c, plan, why))
    return FALSE;

  if (c->n_problems > 0)
    {
      /* Refused without skip_bad_rows, with the first problem and how many more. */
      g_autofree char *message = NULL;

      if (c->n_problems == 1)
        message = g_strdup_printf ("%s:%u:%u: %s", c->file, c->line, c->column, c->problem);
      else
        message = g_strdup_printf ("%s:%u:%u: %s (and %" G_GUINT64_FORMAT " more problem%s)",
                                   c->file, c->line, c->column, c->problem, c->n_problems - 1,
                                   c->n_problems == 2 ? "" : "s");
      report = likert_import_run (store, plan, options, NULL, NULL, NULL, &error);
      EXPECT (report == NULL, "the run imports a plan with problems");
      EXPECT (g_error_matches (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS),
              "the run fails with “%s”, not LIKERT_IMPORT_ERROR_PROBLEMS", error->message);
      EXPECT_STR ("the run's error", error->message, message);
      g_clear_error (&error);
      report = likert_import_file (store, file, options, NULL, NULL, NULL, &error);
      EXPECT (report == NULL, "likert_import_file imports a file with problems");
      EXPECT_STR ("likert_import_file's error", error->message, message);
      g_clear_error (&error);
      if (!snapshot_unchanged (project, before, why))
        return FALSE;
      options->skip_bad_rows = TRUE;
    }

  report = likert_import_run (store, plan, options, NULL, NULL, NULL, &error);
  EXPECT (report != NULL, "the run fails: %s", error->message);
  EXPECT_INT ("the report's n_records", report->n_records, c->n_records);
  EXPECT_INT ("n_skipped", report->n_skipped, c->n_bad_records);
  EXPECT_INT ("the report's n_excluded", report->n_excluded,
              options->keep_excluded ? 0 : c->n_excluded);
  EXPECT_INT ("n_new", report->n_new,
              c->n_records - c->n_bad_records - (options->keep_excluded ? 0 : c->n_excluded));
  EXPECT_INT ("n_duplicates", report->n_duplicates, 0);

  landed = landed_responses (project, report->import_id);
  expected = expected_landed (c, plan);
  if (expected != NULL)
    EXPECT_STR ("the responses imported (line:key)", landed, expected);
  if (c->answers >= 0)
    EXPECT_INT ("the answers imported", count_answers (project, report->import_id), c->answers);
  if (c->cell_key != NULL)
    {
      gint64 id = find_response (project, report->dataset_id, c->cell_key);
      g_autoptr(LikertResponse) response = NULL;

      EXPECT (id > 0, "no response %s", c->cell_key);
      response = likert_store_get_response (store, id, &error);
      EXPECT (response != NULL, "likert_store_get_response: %s", error->message);
      EXPECT (c->cell_column < g_strv_length (response->cells), "response %s has %u cells",
              c->cell_key, g_strv_length (response->cells));
      EXPECT_STR ("the cell", response->cells[c->cell_column], c->cell);
      if (c->submitted_at != 0)
        EXPECT_INT ("submitted_at", response->submitted_at, c->submitted_at);
    }

  snapshot_take (project, &after);
  g_string_append_printf (why, "%" G_GINT64_FORMAT " responses, %" G_GINT64_FORMAT
                          " datasets, %" G_GINT64_FORMAT " imports after the import",
                          after.responses, after.datasets, after.imports);
  if (after.responses != before->responses + (gint64) report->n_new ||
      after.datasets != before->datasets + 1 || after.imports != before->imports + 1)
    {
      snapshot_clear (&after);
      return FALSE;
    }
  snapshot_clear (&after);
  g_string_truncate (why, 0);
  return TRUE;
}

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GString) why = g_string_new (NULL);
  TestDir dir;

  g_autofree char *project = NULL;
  g_autoptr(LikertStore) store = NULL;
  LikertImportOptions options;
  Snapshot before = { 0 };

  test_dir_init (&dir);
  store = project_with_one_import (&dir, &project);
  snapshot_take (project, &before);
  parse_options (c->options, &options);
  if (!run_bad_case (c, &dir, store, project, &before, &options, why))
    known_bug_or_fail (c->file, c->options, c->bug, why->str);
  else if (c->bug != NULL)
    g_test_message ("%s passes: the bug “%s” is fixed, remove its mark", c->file, c->bug);
  likert_import_options_clear (&options);
  snapshot_clear (&before);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* The table covers every file of the corpus, and the corpus is large enough. */
static void
test_corpus_complete (void)
{
  g_autofree char *dir_path = data_path ("bad", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean listed = FALSE;

      if (!g_str_has_suffix (name, ".csv"))
        continue;
      n_files++;
      for (guint i = 0; i < G_N_ELEMENTS (bad_cases) && !listed; i++)
        listed = strcmp (bad_cases[i].file, name) == 0;
      if (!listed)
        g_test_fail_printf ("tests/data/bad/%s has no row in the table", name);
    }
  g_assert_cmpuint (n_files, >=, 45);
  g_assert_cmpuint (G_N_ELEMENTS (bad_cases) + 1, >=, 45); /* + the big field below */
}

/* The committed files are what tests/data/make-corpus.py writes. */
static void
test_generator_in_sync (void)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = data_path ("make-corpus.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { python, script, "--check", NULL };
  int status = 0;

  if (python == NULL)
    {
      g_test_skip ("no python3");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "");
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------------------------------
 * A 10 MB single field: imports whole, in a few seconds, without memory growing with it.
 */

static glong
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Processor time used so far, in microseconds: unlike the wall clock, not stretched when
 * the machine is busy with other builds. */
static gint64
cpu_time (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
test_big_field (void)
{
  const gsize size = 10 << 20;
  TestDir dir;
  g_autofree char *project = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) contents = g_string_sized_new (size + 100);
  g_autoptr(GString) field = g_string_sized_new (size + 16);
  g_autoptr(GString) expected = g_string_sized_new (size + 16);
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, start_cpu, elapsed, elapsed_cpu;
  gint64 id;

  test_dir_init (&dir);
  store = project_with_one_import (&dir, &project);

  /* A quoted field of 10 MiB with commas, quotes and line breaks in it, between two records. */
  for (gsize i = 0; field->len < size; i++)
    {
      g_string_append (field, i % 1000 == 999 ? "\"\", line\n" : "x");
      g_string_append (expected, i % 1000 == 999 ? "\", line\n" : "x");
    }
  g_string_append (contents, "id,rating,comment\n1,4,\"");
  g_string_append_len (contents, field->str, (gssize) field->len);
  g_string_append (contents, "\"\n2,5,short\n");
  path = test_dir_write (&dir, "big-field.csv", contents->str, (gssize) contents->len);
  g_string_free (g_steal_pointer (&contents), TRUE);
  g_string_free (g_steal_pointer (&field), TRUE);

  start = g_get_monotonic_time ();
  start_cpu = cpu_time ();
  plan = likert_import_plan_file (path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_records, ==, 2);
  g_assert_cmpuint (plan->n_problems, ==, 0);
  report = likert_import_run (store, plan, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  elapsed_cpu = cpu_time () - start_cpu;
  g_test_message ("10 MB field: planned and imported in %.2f s (%.2f s of processor time), "
                  "peak RSS %ld MiB", (double) elapsed / G_USEC_PER_SEC,
                  (double) elapsed_cpu / G_USEC_PER_SEC, peak_rss_kib () / 1024);
  g_assert_cmpint (elapsed_cpu, <, 5 * SLOW_FACTOR * G_USEC_PER_SEC);
  g_assert_cmpuint (report->n_new, ==, 2);

  /* The cell is the field unquoted, whole. */
  id = find_response (project, report->dataset_id, "1");
  g_assert_cmpint (id, >, 0);
  response = likert_store_get_response (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (response->cells[2]), ==, expected->len);
  g_assert_true (memcmp (response->cells[2], expected->str, expected->len) == 0);

#if !defined(__SANITIZE_ADDRESS__)
  /* The whole test, project and the 10 MB text held here included, stays far below what
   * copies per character would take. */
  g_assert_cmpint (peak_rss_kib (), <, 400 * 1024);
#endif

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---------------------------------------------------------------------------------------------
 * Equivalence: the same survey in every encoding, line end and delimiter.
 */

static const struct
{
  const char *file;
  const char *encoding;
  char        delimiter;
} variants[] = {
  { "survey-utf8-lf.csv", "UTF-8", ',' },             /* the reference */
  { "survey-utf8-crlf.csv", "UTF-8", ',' },
  { "survey-utf8-cr.csv", "UTF-8", ',' },
  { "survey-utf8-bom.csv", "UTF-8", ',' },
  { "survey-utf8-no-final-newline.csv", "UTF-8", ',' },
  { "survey-utf16le.csv", "UTF-16LE", ',' },
  { "survey-utf16le-tab.txt", "UTF-16LE", '\t' },
  { "survey-windows-1252.csv", "WINDOWS-1252", ',' },
  { "survey-windows-1252-lf.csv", "WINDOWS-1252", ',' },
  { "survey-tab.tsv", "UTF-8", '\t' },
  { "survey-semicolon.csv", "UTF-8", ';' },
};

/* Every response of the project, in record order, as one line of text each: its cells, its
 * time and its answers. */
static GPtrArray *
describe_responses (LikertStore *store,
                    const char  *project)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *ids, *answers;

  g_assert_cmpint (sqlite3_open_v2 (project, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, record FROM response ORDER BY record",
                                       -1, &ids, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT f.header, a.value FROM answer a JOIN field f "
                                       "ON f.id = a.field_id WHERE a.response_id = ? "
                                       "ORDER BY f.position", -1, &answers, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (ids) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertResponse) response =
        likert_store_get_response (store, sqlite3_column_int64 (ids, 0), &error);
      g_autofree char *cells = NULL;
      GString *line = g_string_new (NULL);

      g_assert_no_error (error);
      cells = g_strjoinv ("␟", response->cells);
      g_string_append_printf (line, "record %lld: [%s] at %" G_GINT64_FORMAT " key %s;",
                              (long long) sqlite3_column_int64 (ids, 1), cells,
                              response->submitted_at, response->key ? response->key : "-");
      sqlite3_reset (answers);
      sqlite3_bind_int64 (answers, 1, response->id);
      while (sqlite3_step (answers) == SQLITE_ROW)
        g_string_append_printf (line, " %s=%d", sqlite3_column_text (answers, 0),
                                sqlite3_column_int (answers, 1));
      g_ptr_array_add (out, g_string_free (line, FALSE));
    }
  sqlite3_finalize (answers);
  sqlite3_finalize (ids);
  sqlite3_close (db);
  return out;
}

static char *
describe_fields (const LikertImportReport *report)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < report->fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (report->fields, i);

      g_string_append_printf (out, "%s:%s", field->header, likert_role_to_string (field->role));
      if (field->role == LIKERT_ROLE_RATING)
        {
          g_string_append_printf (out, " %d-%d", field->scale_min, field->scale_max);
          for (int v = 0; v < LIKERT_MAX_SCALE; v++)
            if (field->labels[v])
              g_string_append_printf (out, " %d=%s", v + field->scale_min, field->labels[v]);
        }
      g_string_append (out, "; ");
    }
  return g_string_free (out, FALSE);
}

static void
test_equivalence (void)
{
  g_autoptr(GPtrArray) reference = NULL;
  g_autofree char *reference_fields = NULL;
  TestDir dir;

  test_dir_init (&dir);
  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autofree char *file = data_path ("equivalence", variants[v].file);
      g_autofree char *name = g_strdup_printf ("%u.likert", v);
      g_autofree char *project = test_dir_file (&dir, name);
      g_autofree char *fields = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertStore) store = NULL;
      g_autoptr(LikertImportReport) report = NULL;
      g_autoptr(GPtrArray) responses = NULL;

      g_test_message ("%s", variants[v].file);
      store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
      g_assert_no_error (error);
      report = likert_import_file (store, file, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (report->encoding, ==, variants[v].encoding);
      g_assert_cmpint (report->delimiter, ==, variants[v].delimiter);
      g_assert_cmpuint (report->n_records, ==, 30);
      g_assert_cmpuint (report->n_new, ==, 30);
      g_assert_cmpuint (report->notices->len, ==, 0);

      fields = describe_fields (report);
      responses = describe_responses (store, project);
      g_assert_cmpuint (responses->len, ==, 30);
      if (reference == NULL)
        {
          /* The reference itself, against the generator's text. */
          g_assert_cmpstr (fields, ==,
                           "id:id; submitted:time; satisfaction:rating 1-5; "
                           "recommend:rating 0-10; agreement:rating 1-5 1=Strongly disagree "
                           "2=Disagree 3=Neither agree nor disagree 4=Agree "
                           "5=Tout à fait d'accord; language:category; comment:text; ");
          g_assert_cmpstr (g_ptr_array_index (responses, 3), ==,
                           "record 4: [R004␟2024-03-05 04:52:08␟3␟6␟Strongly disagree␟en␟"
                           "Première commande : livraison à l'heure.] at 1709614328 key R004; "
                           "satisfaction=3 recommend=6 agreement=1");
          g_assert_cmpstr (g_ptr_array_index (responses, 5), ==,
                           "record 6: [R006␟2024-03-07 18:18:42␟4␟9␟D'accord␟en␟Déçu : le "
                           "colis est arrivé abîmé.\nJ'ai dû appeler deux fois.] at 1709835522 "
                           "key R006; satisfaction=4 recommend=9 agreement=4");
          g_assert_cmpstr (g_ptr_array_index (responses, 8), ==,
                           "record 9: [R009␟2024-03-10 15:57:33␟␟8␟Agree␟en␟Ça marche, sans "
                           "plus.] at 1710086253 key R009; recommend=8 agreement=4");
          g_assert_cmpstr (g_ptr_array_index (responses, 10), ==,
                           "record 11: [R011␟2024-03-12 05:23:07␟4␟0␟Disagree␟en␟The \"new\" "
                           "checkout is confusing, really.] at 1710220987 key R011; "
                           "satisfaction=4 recommend=0 agreement=2");
          reference_fields = g_steal_pointer (&fields);
          reference = g_steal_pointer (&responses);
          continue;
        }
      g_assert_cmpstr (fields, ==, reference_fields);
      for (guint i = 0; i < responses->len; i++)
        g_assert_cmpstr (g_ptr_array_index (responses, i), ==,
                         g_ptr_array_index (reference, i));
    }
  test_dir_clear (&dir);
}

/* All the variants into one project: the first adds the survey, every other is the same
 * survey again and adds nothing. */
static void
test_equivalence_one_project (void)
{
  TestDir dir;
  g_autofree char *project = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dataset = 0;

  test_dir_init (&dir);
  project = test_dir_file (&dir, "all.likert");
  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autofree char *file = data_path ("equivalence", variants[v].file);
      g_autoptr(LikertImportReport) report = NULL;

      report = likert_import_file (store, file, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_new, ==, v == 0 ? 30 : 0);
      g_assert_cmpuint (report->n_duplicates, ==, v == 0 ? 0 : 30);
      if (v == 0)
        dataset = report->dataset_id;
      g_assert_cmpint (report->dataset_id, ==, dataset);
    }
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 30);
  g_assert_cmpint (likert_store_count_datasets (store, NULL), ==, 1);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---------------------------------------------------------------------------------------------
 * Re-imports
 */

/* "header\nrow 1\n…": rows first…last, in the order given by order (NULL: ascending). */
static char *
survey_text (gboolean    with_id,
             guint       n,
             const guint *order)
{
  GString *text = g_string_new (with_id ? "id,date,rating,comment\n" : "date,rating,comment\n");

  for (guint k = 0; k < n; k++)
    {
      guint i = order ? order[k] : k + 1;

      if (with_id)
        g_string_append_printf (text, "S%03u,", i);
      g_string_append_printf (text, "2024-04-%02u %02u:00:00,%u,\"comment %u, %s\"\n",
                              i % 28 + 1, i % 24, i % 5 + 1, i, i % 3 ? "fine" : "line\nbreak");
    }
  return g_string_free (text, FALSE);
}

static LikertImportReport *
import_text (LikertStore *store,
             TestDir     *dir,
             const char  *name,
             const char  *text)
{
  g_autofree char *path = test_dir_write (dir, name, text, -1);
  g_autoptr(GError) error = NULL;
  LikertImportReport *report;

  report = likert_import_file (store, path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return report;
}

static void
check_reimport (gboolean with_id)
{
  /* The newer export: the same 20 responses, some reordered, and 5 new ones among them. */
  static const guint newer[] = { 1, 2, 21, 4, 3, 5, 6, 7, 22, 9, 8, 10, 11, 12, 13, 23, 14, 15,
                                 16, 20, 19, 18, 17, 24, 25 };
  TestDir dir;
  g_autofree char *project = NULL;
  g_autofree char *first_text = survey_text (with_id, 20, NULL);
  g_autofree char *newer_text = survey_text (with_id, G_N_ELEMENTS (newer), newer);
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) first = NULL;
  g_autoptr(LikertImportReport) again = NULL;
  g_autoptr(LikertImportReport) update = NULL;
  g_autoptr(LikertImportReport) update_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) responses = NULL;

  test_dir_init (&dir);
  project = test_dir_file (&dir, "p.likert");
  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  first = import_text (store, &dir, "export.csv", first_text);
  g_assert_cmpuint (first->n_new, ==, 20);
  g_assert_cmpuint (first->n_duplicates, ==, 0);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (first->fields, 0))->role, ==,
                   with_id ? LIKERT_ROLE_ID : LIKERT_ROLE_TIME);

  /* The same file again: nothing new. */
  again = import_text (store, &dir, "export.csv", first_text);
  g_assert_cmpuint (again->n_records, ==, 20);
  g_assert_cmpuint (again->n_new, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 20);
  g_assert_cmpint (again->dataset_id, ==, first->dataset_id);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 20);

  /* A newer export: only the 5 new responses. */
  update = import_text (store, &dir, "export (1).csv", newer_text);
  g_assert_cmpuint (update->n_records, ==, 25);
  g_assert_cmpuint (update->n_new, ==, 5);
  g_assert_cmpuint (update->n_duplicates, ==, 20);
  g_assert_cmpint (update->dataset_id, ==, first->dataset_id);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 25);
  g_assert_cmpint (likert_store_count_datasets (store, NULL), ==, 1);

  /* The new ones are 21–25, in the order of the newer file. */
  responses = describe_responses (store, project);
  g_assert_cmpuint (responses->len, ==, 25);
  for (guint k = 0; k < 5; k++)
    {
      g_autofree char *comment = g_strdup_printf ("comment %u, ", 21 + k);

      g_assert_nonnull (strstr (g_ptr_array_index (responses, 20 + k), comment));
    }

  /* And again: nothing. */
  update_again = import_text (store, &dir, "export (2).csv", newer_text);
  g_assert_cmpuint (update_again->n_new, ==, 0);
  g_assert_cmpuint (update_again->n_duplicates, ==, 25);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 25);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_reimport_with_id (void)
{
  check_reimport (TRUE);
}

static void
test_reimport_without_id (void)
{
  check_reimport (FALSE);
}

/* Without an ID column, two respondents who gave the same answers are two responses: a newer
 * export with one more such row adds it. */
static gboolean
check_identical_rows (TestDir *dir,
                      GString *why)
{
  g_autofree char *project = test_dir_file (dir, "p.likert");
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) first = NULL;
  g_autoptr(LikertImportReport) newer = NULL;
  g_autoptr(GError) error = NULL;

  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  first = import_text (store, dir, "ratings.csv", "rating,comment\n5,\n4,\n5,\n");
  EXPECT_INT ("n_new of the first export", first->n_new, 3);
  newer = import_text (store, dir, "ratings (1).csv", "rating,comment\n5,\n4,\n5,\n5,\n3,\n");
  EXPECT_INT ("n_new of the newer export", newer->n_new, 2);
  EXPECT_INT ("n_duplicates of the newer export", newer->n_duplicates, 3);
  EXPECT_INT ("responses", likert_store_count_responses (store, NULL), 5);
  return TRUE;
}

static void
test_reimport_identical_rows (void)
{
  g_autoptr(GString) why = g_string_new (NULL);
  TestDir dir;

  test_dir_init (&dir);
  if (!check_identical_rows (&dir, why))
    known_bug_or_fail ("identical rows", NULL, NULL, why->str);
  test_dir_clear (&dir);
}

/* ---------------------------------------------------------------------------------------------
 * The vendor fixtures
 */

typedef struct
{
  const char *file;
  const char *shape;
  guint       header_rows;
  guint       n_records;
  guint       n_new;
  guint       n_excluded;
  const char *id;              /* the ID column's name, or NULL */
  const char *time;            /* the time column's name, or NULL */
  const char *ratings[8];      /* "MIN-MAX name" of every rating column, in order */
  const char *labels[4];       /* "name: 1=…, 2=…" for some rating columns */
  const char *text;            /* the name of one text column */
  const char *notice;          /* nullable: a substring of a notice */
  const char *bug;             /* nullable: a known bug in src/core that makes the case fail */
} VendorCase;

static const VendorCase vendor_cases[] = {
  { "plain.csv", "plain", 1, 30, 30, 0, "response_id", "submitted_at",
    { "1-5 rating" }, { NULL }, "comment", NULL },
  { "headerless.csv", "headerless", 0, 24, 24, 0, NULL, "Column 2",
    { "1-5 Column 3", "0-10 Column 4" }, { NULL }, NULL, NULL },
  { "google-forms.csv", "google-forms", 1, 32, 32, 0, NULL, "Timestamp",
    { "1-5 How satisfied are you with our service?",
      "0-10 How likely are you to recommend us to a friend or colleague?",
      "1-5 Rate the following [Speed]", "1-5 Rate the following [Friendliness]",
      "1-5 Rate the following [Price]" },
    /* The grid's five options, each its own point: "Very good" is not "Excellent". */
    { "Rate the following [Speed]: 1=Poor, 2=Fair, 3=Good, 4=Very good, 5=Excellent" },
    "Anything else you would like to tell us?", NULL, NULL },
  { "google-forms-fr.csv", "google-forms", 1, 22, 22, 0, NULL, "Horodateur",
    { "1-5 Êtes-vous satisfait de notre service ?",
      "0-10 Recommanderiez-vous notre boutique ? (0 = pas du tout, 10 = certainement)",
      "1-5 Notez les points suivants [Rapidité]", "1-5 Notez les points suivants [Amabilité]" },
    { "Notez les points suivants [Rapidité]: 1=Médiocre, 2=Passable, 3=Bien, 4=Très bien, "
      "5=Excellent" },
    "Un commentaire ?", "Every date in the file reads both as day/month and as month/day", NULL },
  { "surveymonkey.csv", "surveymonkey", 2, 34, 34, 0, "Respondent ID", "End Date",
    { "1-5 How satisfied are you with our support?",
      "1-5 How would you rate the following? — Speed",
      "1-5 How would you rate the following? — Friendliness",
      "1-5 How would you rate the following? — Knowledge" },
    { "How satisfied are you with our support?: 1=Very dissatisfied, 2=Dissatisfied, "
      "3=Neither satisfied nor dissatisfied, 4=Satisfied, 5=Very satisfied",
      "How would you rate the following? — Speed: 1=Terrible, 2=Poor, 3=Average, 4=Good, "
      "5=Excellent" },
    "What could we do better?", NULL, NULL },
  { "qualtrics.csv", "qualtrics", 3, 38, 34, 4, "ResponseId", "RecordedDate",
    { "0-10 Q1", "1-5 Q2_1", "1-5 Q2_2", "1-5 Q2_3" },
    { "Q2_1: 1=Extremely dissatisfied, 2=Somewhat dissatisfied, 3=Neither satisfied nor "
      "dissatisfied, 4=Somewhat satisfied, 5=Extremely satisfied" },
    "Q4_5_TEXT",
    "4 records are marked by the survey tool as not real responses", NULL },
  { "limesurvey.csv", "limesurvey", 1, 28, 28, 0, "id", "submitdate",
    { "1-5 Q1" }, { NULL }, "Q3[other]", NULL },
  { "limesurvey-text.csv", "limesurvey", 1, 21, 21, 0, "Response ID", "Date submitted",
    { "1-5 Wie zufrieden sind Sie insgesamt mit unserem Angebot?" }, { NULL },
    "Was sollten wir verbessern? [Comment]", NULL },
  { "hotjar-feedback.csv", "hotjar", 1, 30, 30, 0, "Number", "Date Submitted",
    { "1-5 Emotion (1-5)" }, { NULL }, "Message", NULL },
  { "hotjar-survey.csv", "hotjar", 1, 26, 26, 0, "Number", "Date Submitted",
    { "1-5 How easy was it to find what you were looking for? (1 = very hard, 5 = very easy)",
      "0-10 How likely is it that you would recommend us to a friend? (0-10)" }, { NULL },
    "What almost stopped you from completing your purchase today?", NULL },
  { "typeform.csv", "typeform", 1, 28, 28, 0, "#", "Submit Date (UTC)",
    { "1-5 How would you rate your experience today, {{field:first_name}}?",
      "0-10 How likely are you to recommend us to a friend?" }, { NULL },
    "What could we improve?", NULL, NULL },
};

static gboolean
check_vendor (const VendorCase *c,
              TestDir          *dir,
              GString          *why)
{
  g_autofree char *file = data_path ("vendors", c->file);
  g_autofree char *project = test_dir_file (dir, "p.likert");
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) label_maps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) responses = NULL;
  const char *id = NULL, *when = NULL;
  gboolean text_found = FALSE;
  guint n_expected = 0;

  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  plan = likert_import_plan_file (file, NULL, NULL, NULL, NULL, &error);
  EXPECT (plan != NULL, "the plan fails: %s", error->message);
  EXPECT_INT ("the header rows", plan->shape->header_rows, c->header_rows);
  EXPECT_INT ("problems", plan->n_problems, 0);
  report = likert_import_run (store, plan, NULL, NULL, NULL, NULL, &error);
  EXPECT (report != NULL, "the import fails: %s", error->message);

  EXPECT_STR ("the shape", report->shape, c->shape);
  EXPECT_INT ("n_records", report->n_records, c->n_records);
  EXPECT_INT ("n_new", report->n_new, c->n_new);
  EXPECT_INT ("n_excluded", report->n_excluded, c->n_excluded);
  EXPECT_INT ("n_skipped", report->n_skipped, 0);
  EXPECT_INT ("responses in the project", likert_store_count_responses (store, NULL), c->n_new);

  for (guint i = 0; i < report->fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (report->fields, i);

      if (field->role == LIKERT_ROLE_ID)
        {
          EXPECT (id == NULL, "two ID columns: %s and %s", id, field->header);
          id = field->header;
        }
      else if (field->role == LIKERT_ROLE_TIME)
        {
          EXPECT (when == NULL, "two time columns: %s and %s", when, field->header);
          when = field->header;
        }
      else if (field->role == LIKERT_ROLE_RATING)
        g_ptr_array_add (ratings, g_strdup_printf ("%d-%d %s", field->scale_min,
                                                   field->scale_max, field->header));
      else if (field->role == LIKERT_ROLE_TEXT && g_strcmp0 (field->header, c->text) == 0)
        text_found = TRUE;

      for (guint l = 0; l < G_N_ELEMENTS (c->labels) && c->labels[l]; l++)
        {
          g_autofree char *prefix = g_strdup_printf ("%s: ", field->header);
          GString *labels;

          if (!g_str_has_prefix (c->labels[l], prefix))
            continue;
          EXPECT (field->role == LIKERT_ROLE_RATING, "%s is no rating", field->header);
          labels = g_string_new (prefix);
          for (int v = field->scale_min; v <= field->scale_max; v++)
            g_string_append_printf (labels, "%s%d=%s", v > field->scale_min ? ", " : "", v,
                                    field->labels[v - field->scale_min]
                                    ? field->labels[v - field->scale_min] : "(none)");
          g_ptr_array_add (label_maps, g_string_free (labels, FALSE));
        }
    }
  EXPECT_STR ("the ID column", id, c->id);
  EXPECT (c->text == NULL || text_found, "“%s” is no text column", c->text);
  for (; n_expected < G_N_ELEMENTS (c->ratings) && c->ratings[n_expected]; n_expected++)
    {
      EXPECT (n_expected < ratings->len, "no rating column “%s”", c->ratings[n_expected]);
      EXPECT_STR ("a rating column", (const char *) g_ptr_array_index (ratings, n_expected),
                  c->ratings[n_expected]);
    }
  EXPECT_INT ("rating columns", ratings->len, n_expected);

  if (c->notice != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < report->notices->len && !found; i++)
        found = strstr (g_ptr_array_index (report->notices, i), c->notice) != NULL;
      EXPECT (found, "no notice says “%s”", c->notice);
    }

  /* Nothing that the vendor marks as not real was imported. */
  responses = describe_responses (store, project);
  for (guint i = 0; i < responses->len; i++)
    {
      const char *line = g_ptr_array_index (responses, i);

      EXPECT (strstr (line, "Survey Preview") == NULL && strstr (line, "Survey Test") == NULL &&
              strstr (line, "Spam") == NULL, "imported: %s", line);
    }

  /* Last, so that a known bug here leaves the checks above in force. */
  for (guint l = 0; l < G_N_ELEMENTS (c->labels) && c->labels[l]; l++)
    {
      EXPECT (l < label_maps->len, "no rating column for “%s”", c->labels[l]);
      EXPECT_STR ("the labels", (const char *) g_ptr_array_index (label_maps, l), c->labels[l]);
    }
  EXPECT_STR ("the time column", when, c->time);
  return TRUE;
}

static void
test_vendor (gconstpointer data)
{
  const VendorCase *c = data;
  g_autoptr(GString) why = g_string_new (NULL);
  TestDir dir;

  test_dir_init (&dir);
  if (!check_vendor (c, &dir, why))
    known_bug_or_fail (c->file, NULL, c->bug, why->str);
  else if (c->bug != NULL)
    g_test_message ("%s passes: the bug “%s” is fixed, remove its mark", c->file, c->bug);
  test_dir_clear (&dir);
}

/* ---------------------------------------------------------------------------------------------
 * One pass. likert_import_file () runs the import on the plan of the file's first records
 * while the whole file is planned beside it, and keeps the run only when the two plans agree.
 * Cut the beginning at 1, 2 and 7 records (so that it is shorter than every file here), and
 * every file of the corpus must import exactly as it does when planned whole first: the same
 * error, or the same project and report.
 */

/* What a reader of the project sees, without what differs from one import to the next (uuids,
 * times). */
static void
append_rows (GString    *out,
             sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c ? "|" : "", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

static char *
import_outcome (const char *file,
                const char *options_spec,
                guint       beginning)
{
  TestDir dir;
  g_autofree char *project = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  LikertImportOptions options;
  sqlite3 *db;

  test_dir_init (&dir);
  project = test_dir_file (&dir, "one-pass.likert");
  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  parse_options (options_spec, &options);
  _likert_import_set_speculation (beginning);
  report = likert_import_file (store, file, &options, NULL, NULL, NULL, &error);
  _likert_import_set_speculation (20000);
  likert_import_options_clear (&options);
  g_clear_object (&store);

  if (report == NULL)
    g_string_append_printf (out, "error %s %d: %s\n", g_quark_to_string (error->domain),
                            error->code, error->message);
  else
    {
      g_string_append_printf (out, "report %u %u %u %u %u %u %s\n", report->n_records,
                              report->n_new, report->n_duplicates, report->n_skipped,
                              report->n_excluded, report->n_columns, report->encoding);
      for (guint i = 0; i < report->notices->len; i++)
        g_string_append_printf (out, "notice %s\n",
                                (const char *) g_ptr_array_index (report->notices, i));
    }

  g_assert_cmpint (sqlite3_open_v2 (project, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  append_rows (out, db, "SELECT name, source_name, sha256, encoding, dialect, shape "
                        "FROM dataset ORDER BY id");
  append_rows (out, db, "SELECT * FROM field ORDER BY id");
  append_rows (out, db, "SELECT dataset_id, source_name, sha256, size, encoding, dialect, shape, "
                        "header_rows, n_records, n_new, n_duplicates, n_skipped, skipped "
                        "FROM import ORDER BY id");
  append_rows (out, db, "SELECT * FROM response ORDER BY id");
  append_rows (out, db, "SELECT * FROM answer ORDER BY response_id, field_id");
  append_rows (out, db, "SELECT * FROM field_value ORDER BY field_id, code");
  /* The index's words, each with the number of responses it is in. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE temp.words "
                                     "USING fts5vocab (main, response_text, 'row')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  append_rows (out, db, "SELECT term, doc FROM temp.words ORDER BY term");
  sqlite3_close (db);
  test_dir_clear (&dir);
  return g_string_free (out, FALSE);
}

static void
check_one_pass (const char *dir,
                const char *file,
                const char *options)
{
  g_autofree char *path = data_path (dir, file);
  g_autofree char *two_passes = import_outcome (path, options, 0);

  for (guint i = 0; i < 3; i++)
    {
      static const guint beginnings[] = { 1, 2, 7 };
      g_autofree char *one_pass = import_outcome (path, options, beginnings[i]);

      if (g_strcmp0 (one_pass, two_passes) != 0)
        g_test_message ("%s/%s (%s), beginning %u", dir, file, options ? options : "",
                        beginnings[i]);
      g_assert_cmpstr (one_pass, ==, two_passes);
    }
}

/* Year-last dates read day first and month first: one pass (the run reuses the planner's
 * reading of each time) stores the same times as two. The first record's first field is over
 * 12 in one file and its second in the other, so that even a one-record beginning knows the
 * order; every later date could be read either way, most of them to another time. */
static void
test_one_pass_date_orders (void)
{
  static const char * const orders[] = { "dmy", "mdy" };

  for (guint k = 0; k < G_N_ELEMENTS (orders); k++)
    {
      TestDir dir;
      g_autoptr(GString) text = g_string_new ("submitted,rating\n");
      g_autofree char *path = NULL;
      g_autofree char *two_passes = NULL;

      g_string_append (text, k == 0 ? "25/03/2024 10:00,4\n" : "03/25/2024 10:00,4\n");
      /* Past the 64 KiB the beginning is read in, or the beginning is the whole file. */
      for (guint i = 0; i < 5000; i++)
        g_string_append_printf (text, "%02u/%02u/2024 %02u:%02u,%u\n", 1 + i % 12,
                                1 + (i * 5 + i / 12) % 12, i % 24, i % 60, 1 + i % 5);
      test_dir_init (&dir);
      path = test_dir_write (&dir, "dates.csv", text->str, (gssize) text->len);
      two_passes = import_outcome (path, NULL, 0);
      g_assert_nonnull (strstr (two_passes, k == 0 ? "1711360800" : "1711360800"));
      for (guint beginning = 1; beginning <= 3; beginning++)
        {
          g_autofree char *one_pass = import_outcome (path, NULL, beginning);

          g_assert_cmpstr (one_pass, ==, two_passes);
        }
      test_dir_clear (&dir);
    }
}

static void
test_one_pass (void)
{
  static const char * const dirs[] = { "encodings", "equivalence" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    check_one_pass ("bad", bad_cases[i].file, bad_cases[i].options);
  for (guint i = 0; i < G_N_ELEMENTS (vendor_cases); i++)
    {
      check_one_pass ("vendors", vendor_cases[i].file, NULL);
      check_one_pass ("vendors", vendor_cases[i].file, "skip-bad-rows");
    }
  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *path = data_path (dirs[d], "");
      g_autoptr(GDir) listing = g_dir_open (path, 0, NULL);
      const char *name;

      g_assert_nonnull (listing);
      while ((name = g_dir_read_name (listing)) != NULL)
        if (g_str_has_suffix (name, ".csv") || g_str_has_suffix (name, ".tsv") ||
            g_str_has_suffix (name, ".txt"))
          check_one_pass (dirs[d], name, NULL);
    }
}

/* A file whose beginning misleads: ratings 1–5 and days that could be months (past the
 * records read for the shape), then a 7 and a 25th. The one-pass run is rolled back and run
 * again on the whole plan. */
static void
test_one_pass_misled (void)
{
  TestDir dir;
  g_autoptr(GString) csv = g_string_new ("id,when,rating,comment\n");
  g_autofree char *path = NULL;
  g_autofree char *two_passes = NULL;
  g_autofree char *one_pass = NULL;
  guint n = 400;   /* well past the 50 records the shape is read from */

  test_dir_init (&dir);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "R%u,%02u/%02u/2024 10:00,%u,Comment %u\n", i, 1 + i % 12,
                            1 + (i / 12) % 12, 1 + i % 5, i);
  g_string_append_printf (csv, "R%u,25/03/2024 10:00,7,Late and high\n", n + 1);
  path = test_dir_write (&dir, "misled.csv", csv->str, -1);

  two_passes = import_outcome (path, NULL, 0);
  one_pass = import_outcome (path, NULL, 100);
  g_assert_cmpstr (one_pass, ==, two_passes);
  /* The whole file decided: a 1–7 scale, days first (25/03 is the 25th of March). */
  g_assert_nonnull (strstr (two_passes, "|rating|rating|1|7|"));
  g_assert_nonnull (strstr (two_passes, "\"25/03/2024 10:00\",\"7\""));
  g_assert_cmpint (strstr (two_passes, "report ") - two_passes, ==, 0);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Diagnostics with their quotes and accents; messages stay untranslated. */
  setlocale (LC_CTYPE, "");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-corpus/bad/%s%s%s", bad_cases[i].file,
                                               bad_cases[i].options ? "+" : "",
                                               bad_cases[i].options ? bad_cases[i].options : "");

      g_strdelimit (path + 1, " =", '+');
      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }
  g_test_add_func ("/import-corpus/bad/complete", test_corpus_complete);
  g_test_add_func ("/import-corpus/bad/generator-in-sync", test_generator_in_sync);
  g_test_add_func ("/import-corpus/big-field", test_big_field);
  g_test_add_func ("/import-corpus/one-pass/corpus", test_one_pass);
  g_test_add_func ("/import-corpus/one-pass/misled", test_one_pass_misled);
  g_test_add_func ("/import-corpus/one-pass/date-orders", test_one_pass_date_orders);
  g_test_add_func ("/import-corpus/equivalence/separate", test_equivalence);
  g_test_add_func ("/import-corpus/equivalence/one-project", test_equivalence_one_project);
  g_test_add_func ("/import-corpus/reimport/with-id", test_reimport_with_id);
  g_test_add_func ("/import-corpus/reimport/without-id", test_reimport_without_id);
  g_test_add_func ("/import-corpus/reimport/identical-rows", test_reimport_identical_rows);
  for (guint i = 0; i < G_N_ELEMENTS (vendor_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import-corpus/vendor/%s", vendor_cases[i].file);

      g_test_add_data_func (path, &vendor_cases[i], test_vendor);
    }
  return g_test_run ();
}
