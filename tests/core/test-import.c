/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <sqlite3.h>

#include "likert-csv.h"
#include "likert-encoding.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-import-private.h"
#include "likert-store.h"
#include "likert-store-private.h"
#include "test-common.h"

/* An independent, character-at-a-time reading of the sample (not the tokenizer): counts the
 * values of column `column` per rating 1–5 (index 0 = empty). */
static void
count_column (const char *path,
              guint       column,
              guint64     counts[6],
              guint64    *records)
{
  g_autofree char *text = NULL;
  gsize length;
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;
  guint field = 0;
  guint line_no = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  memset (counts, 0, 6 * sizeof (guint64));
  *records = 0;

  for (gsize i = 0; i <= length; i++)
    {
      char c = i < length ? text[i] : '\n';

      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            g_string_append_c (cell, text[++i]);
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, c);
          continue;
        }
      if (c == '"')
        quoted = TRUE;
      else if (c == ',' || c == '\n')
        {
          if (field == column && line_no > 0)
            counts[cell->len == 0 ? 0 : (guint) (cell->str[0] - '0')]++;
          g_string_truncate (cell, 0);
          field++;
          if (c == '\n')
            {
              if (line_no > 0 && field > 1)
                (*records)++;
              line_no++;
              field = 0;
              if (i + 1 >= length)
                break;
            }
        }
      else if (c != '\r')
        g_string_append_c (cell, c);
    }
  g_string_free (cell, TRUE);
}

/* The cells as JSON: every character that needs an escape, at every offset in the eight-byte
 * words the importer scans, comes out as _likert_json_string_array () writes it (an earlier
 * import's responses are recognised by that text). */
static void
test_cells_escaped (void)
{
  static const char * const specials[] = { "\"", "\\", "\t", "\r\n", "\n", "\x1f", "\x7f", "é",
                                            "/", " ", NULL };
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GString) text = g_string_new ("rating,comment\n");
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint row = 0;

  for (guint k = 0; specials[k] != NULL; k++)
    for (guint before = 0; before < 18; before++)
      {
        g_autoptr(GString) comment = g_string_new (NULL);
        const char *cells[3] = { "3", NULL, NULL };
        g_auto (GStrv) parts = NULL;
        g_autofree char *quoted = NULL;

        for (guint i = 0; i < before; i++)
          g_string_append_c (comment, (char) ('a' + i));
        g_string_append (comment, specials[k]);
        g_string_append (comment, before % 2 ? "tail" : "a longer tail, past a word");
        if (before % 3 == 0)
          g_string_append (comment, specials[k]);
        cells[1] = comment->str;
        g_ptr_array_add (expected, _likert_json_string_array (cells, 2));
        /* Quoted, with its quotes doubled. */
        parts = g_strsplit (comment->str, "\"", -1);
        quoted = g_strjoinv ("\"\"", parts);
        g_string_append_printf (text, "3,\"%s\"\n", quoted);
      }

  test_dir_init (&dir);
  path = test_dir_file (&dir, "escaped.likert");
  csv = test_dir_write (&dir, "escaped.csv", text->str, (gssize) text->len);
  store = test_import_new (path, csv, &report);
  g_assert_cmpuint (report->n_new, ==, expected->len);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT cells FROM response ORDER BY id", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (row, <, expected->len);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                       g_ptr_array_index (expected, row));
      row++;
    }
  g_assert_cmpuint (row, ==, expected->len);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A value of one row of SQL run on a project through a connection of its own. */
static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_sql (const char *path,
            const char *sql,
            const char *expected)
{
  g_autofree char *value = sql_text (path, sql);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_sample (void)
{
  TestDir dir;
  g_autofree char *sample = test_sample_path ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  guint64 expected[6], records;
  LikertStats stats;
  const LikertField *question;
  const char *roles[] = { "id", "time", "rating", "label", "text", "category", "category",
                          "category", "category", "category" };

  test_dir_init (&dir);
  path = test_dir_file (&dir, "sample.likert");
  store = test_import_new (path, sample, &report);
  count_column (sample, 2, expected, &records);
  g_assert_cmpuint (records, ==, 5000);
  g_assert_cmpuint (report->n_records, ==, records);
  g_assert_cmpuint (report->n_columns, ==, G_N_ELEMENTS (roles));
  g_assert_cmpint (report->delimiter, ==, ',');
  for (guint c = 0; c < G_N_ELEMENTS (roles); c++)
    {
      LikertField *field = g_ptr_array_index (report->fields, c);
      g_assert_cmpstr (likert_role_to_string (field->role), ==, roles[c]);
    }
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 5000);

  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_questions (frame), ==, 1);
  question = likert_frame_get_question (frame, 0);
  g_assert_cmpstr (question->header, ==, "rating");
  g_assert_cmpint (question->scale_min, ==, 1);
  g_assert_cmpint (question->scale_max, ==, 5);
  g_assert_cmpstr (question->labels[0], ==, "Extremely dissatisfied");
  g_assert_cmpstr (question->labels[4], ==, "Extremely satisfied");
  likert_frame_compute_stats (frame, 0, NULL, &stats);
  for (guint v = 1; v <= 5; v++)
    g_assert_cmpuint (stats.counts[v - 1], ==, expected[v]);
  g_assert_cmpuint (stats.missing, ==, expected[0]);
  g_assert_cmpuint (stats.n + stats.missing, ==, 5000);
  g_assert_cmpint (likert_frame_get_comment_column (frame), ==, 4);
  g_assert_cmpint (likert_frame_get_submitted_at (frame, 0), >=, 1704067200); /* 2024-01-01 */
  assert_facets_match_cells (path);
  assert_blocks_match_rows (path);
  /* Blocks gather the import's batches (1,024 rows each), up to their size. */
  assert_sql (path, "SELECT group_concat (n) FROM (SELECT n FROM response_block ORDER BY first_id)",
              "4096,904");
  assert_sql (path, "PRAGMA page_size", "32768");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* Imports contents and expects it to fail with message, leaving the project as it was. */
static void
expect_failure_with (const char *encoding,
                     const char *contents,
                     gssize      length,
                     GQuark      domain,
                     int         code,
                     const char *message)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) first = NULL;
  LikertImportOptions options;
  LikertImportReport *report;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  good = test_dir_write (&dir, "good.csv", "rating,comment\n4,ok\n5,fine\n", -1);
  first = likert_import_file (store, good, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  bad = test_dir_write (&dir, "bad.csv", contents, length);
  likert_import_options_init (&options);
  options.encoding = g_strdup (encoding);
  report = likert_import_file (store, bad, &options, NULL, NULL, NULL, &error);
  likert_import_options_clear (&options);
  g_assert_null (report);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  /* Unchanged: still the first import only, and the store still works. */
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 2);
  g_assert_cmpint (likert_store_count_datasets (store, NULL), ==, 1);
  g_clear_object (&store);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 2);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
expect_failure (const char *contents,
                gssize      length,
                GQuark      domain,
                int         code,
                const char *message)
{
  expect_failure_with (NULL, contents, length, domain, code, message);
}

static void
test_unterminated_quote (void)
{
  expect_failure ("rating,comment\n4,fine\n3,\"never closed\n5,x\n", -1,
                  LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_UNTERMINATED,
                  "bad.csv:3:3: the quoted field that starts here is never closed");
}

static void
test_ragged (void)
{
  expect_failure ("rating,comment\n4,fine\n3,too,many\n", -1,
                  LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS,
                  "bad.csv:3:7: this record has 3 fields; the header has 2");
  expect_failure ("rating,comment,page\n4,fine,/\n3\n", -1,
                  LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS,
                  "bad.csv:3:2: this record has 1 field; the header has 3");
}

static void
test_invalid_utf8 (void)
{
  /* Not valid in the encoding the analyst chose: refused, never imported with replacements. */
  expect_failure_with ("UTF-8", "rating,comment\n4,tr\xe8s bien\n", -1,
                       LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID,
                       "bad.csv:2:5: byte 0xE8 at offset 19 is not valid UTF-8 text");
}

static void
test_empty (void)
{
  expect_failure ("", 0, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                  "bad.csv: the file is empty");
  expect_failure ("rating,comment\n", -1, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                  "bad.csv: the file has a header but no responses");
}

static void
test_cancel (void)
{
  TestDir dir;
  g_autofree char *sample = test_sample_path ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LikertImportReport *report;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_cancellable_cancel (cancellable);
  report = likert_import_file (store, sample, NULL, NULL, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 0);
  g_assert_cmpint (likert_store_count_datasets (store, NULL), ==, 0);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* likert_import_file_into (): the project opened beside the planning of the file's beginning.
 * It imports into a new project, which it leaves closed; a file that is no project is refused
 * with the store's reason, before any problem of the file, and is left as it was. */
static void
test_into (void)
{
  static const char text[] = "These are not the responses you are looking for.\n";
  TestDir dir;
  g_autofree char *sample = test_sample_path ();
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  LikertImportReport *report;
  gsize length;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  wal = g_strconcat (path, "-wal", NULL);
  missing = test_dir_file (&dir, "missing.csv");
  report = likert_import_file_into (path, LIKERT_STORE_OPEN_CREATE, sample, NULL, NULL, NULL,
                                    NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_new, ==, 5000);
  g_clear_pointer (&report, likert_import_report_free);
  /* Closed: no log left beside it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 5000);
  g_clear_object (&store);

  /* A file of the project's that cannot be read: the file's error, the project unchanged. */
  report = likert_import_file_into (path, LIKERT_STORE_OPEN_DEFAULT, missing, NULL, NULL, NULL,
                                    NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 5000);
  g_clear_object (&store);

  /* Not a project: refused for that, with a good file and with a missing one alike. */
  notes = test_dir_write (&dir, "notes.txt", text, -1);
  for (guint i = 0; i < 2; i++)
    {
      report = likert_import_file_into (notes, LIKERT_STORE_OPEN_CREATE, i == 0 ? sample : missing,
                                        NULL, NULL, NULL, NULL, NULL, &error);
      g_assert_null (report);
      g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (notes, &after, &length, NULL));
      g_assert_cmpstr (after, ==, text);
      g_clear_pointer (&after, g_free);
    }
  test_dir_clear (&dir);
}

static void
test_roles (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  LikertField *field;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  /* Semicolons, a BOM, CRLF, labels only (no number twin), a 0–10 question, no final newline. */
  csv = test_dir_write (&dir, "labels.csv",
                        "\xef\xbb\xbf" "Date;Satisfaction;Recommend;Why\r\n"
                        "2025-01-02 10:00:00;Very satisfied;9;\"Fast; clear\"\r\n"
                        "2025-01-03 11:00:00;Dissatisfied;3;Slow\r\n"
                        "2025-01-04 12:00:00;;10;", -1);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpuint (report->n_records, ==, 3);

  field = g_ptr_array_index (report->fields, 0);
  g_assert_cmpint (field->role, ==, LIKERT_ROLE_TIME);
  field = g_ptr_array_index (report->fields, 1);
  g_assert_cmpint (field->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (field->scale_max, ==, 5);
  g_assert_cmpstr (field->labels[4], ==, "Very satisfied");
  field = g_ptr_array_index (report->fields, 2);
  g_assert_cmpint (field->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (field->scale_min, ==, 0);
  g_assert_cmpint (field->scale_max, ==, 10);
  field = g_ptr_array_index (report->fields, 3);
  g_assert_cmpint (field->role, ==, LIKERT_ROLE_TEXT);

  {
    g_autoptr(LikertFrame) frame = likert_frame_load (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (likert_frame_get_n_questions (frame), ==, 2);
    g_assert_cmpint (likert_frame_get_rating (frame, 0, 0), ==, 5);
    g_assert_cmpint (likert_frame_get_rating (frame, 0, 1), ==, 2);
    g_assert_cmpint (likert_frame_get_rating (frame, 0, 2), ==, -1);
    g_assert_cmpint (likert_frame_get_rating (frame, 1, 2), ==, 10);
    g_assert_cmpint (likert_frame_get_submitted_at (frame, 1), ==, 1735902000);
  }

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_no_rating (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  csv = test_dir_write (&dir, "text.csv", "comment,page\nNice,/a\nBad,/b\n", -1);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->notices->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->notices, 0), "No rating column"));

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* --rating COLUMN[:MIN-MAX]: a colon in a column's name is part of the name. */
static void
test_rating_option (void)
{
  g_auto(LikertImportOptions) options;
  g_autoptr(GError) error = NULL;
  LikertRatingChoice *choice;

  likert_import_options_init (&options);
  g_assert_true (likert_import_options_add_rating (&options, "Q1: How satisfied?", &error));
  g_assert_true (likert_import_options_add_rating (&options, "Q2: Ease:1-7", &error));
  g_assert_true (likert_import_options_add_rating (&options, "x:1-5xyz", &error));
  g_assert_no_error (error);
  choice = g_ptr_array_index (options.ratings, 0);
  g_assert_cmpstr (choice->column, ==, "Q1: How satisfied?");
  g_assert_cmpint (choice->scale_max, ==, 0);
  choice = g_ptr_array_index (options.ratings, 1);
  g_assert_cmpstr (choice->column, ==, "Q2: Ease");
  g_assert_cmpint (choice->scale_min, ==, 1);
  g_assert_cmpint (choice->scale_max, ==, 7);
  choice = g_ptr_array_index (options.ratings, 2);
  g_assert_cmpstr (choice->column, ==, "x:1-5xyz");
  g_assert_false (likert_import_options_add_rating (&options, "x:5-1", &error));
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION);
}

/* --role COLUMN=ROLE: the last "=" splits; only the roles a column can be given. */
static void
test_role_option (void)
{
  g_auto(LikertImportOptions) options;
  g_autoptr(GError) error = NULL;
  LikertRoleChoice *choice;

  likert_import_options_init (&options);
  g_assert_true (likert_import_options_add_role (&options, "Q1: a=b=Text", &error));
  g_assert_true (likert_import_options_add_role (&options, "when=time", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options.roles->len, ==, 2);
  choice = g_ptr_array_index (options.roles, 0);
  g_assert_cmpstr (choice->column, ==, "Q1: a=b");
  g_assert_cmpint (choice->role, ==, LIKERT_ROLE_TEXT);
  /* A second choice for a column replaces the first. */
  g_assert_true (likert_import_options_add_role (&options, "when=other", &error));
  g_assert_cmpuint (options.roles->len, ==, 2);
  choice = g_ptr_array_index (options.roles, 1);
  g_assert_cmpint (choice->role, ==, LIKERT_ROLE_OTHER);

  g_assert_false (likert_import_options_add_role (&options, "x=label", &error));
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION);
  g_clear_error (&error);
  g_assert_false (likert_import_options_add_role (&options, "x=score", &error));
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION);
  g_clear_error (&error);
  g_assert_false (likert_import_options_add_role (&options, "=text", &error));
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION);
  g_clear_error (&error);
  g_assert_cmpuint (options.roles->len, ==, 2);
}

static const LikertField *
find_field (GPtrArray  *fields,
            const char *header)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (fields, i);

      if (g_str_equal (field->header, header))
        return field;
    }
  g_assert_not_reached ();
}

/* Roles chosen for columns override what the layout and the values say, in the plan and in
 * the project; a chosen identifier or time takes the place of the detected one. */
static void
test_role_choices (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_auto(LikertImportOptions) options;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  csv = test_dir_write (&dir, "roles.csv",
                        "id,code,when,sent,score,channel\n"
                        "1,A7,2024-03-01 10:00,2024-04-01 09:00,5,web\n"
                        "2,B3,2024-03-02 10:00,2024-04-02 09:00,4,mail\n"
                        "3,C9,2024-03-03 11:00,2024-04-03 09:00,3,web\n", -1);

  /* As detected. */
  plan = likert_import_plan_file (csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->fields[0]->role, ==, LIKERT_ROLE_ID);
  g_assert_cmpint (plan->fields[2]->role, ==, LIKERT_ROLE_TIME);
  g_assert_cmpint (plan->fields[3]->role, !=, LIKERT_ROLE_TIME);
  g_assert_cmpint (plan->fields[4]->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (plan->fields[5]->role, ==, LIKERT_ROLE_CATEGORY);
  g_clear_pointer (&plan, likert_import_plan_free);

  /* As chosen. */
  likert_import_options_init (&options);
  likert_import_options_set_role (&options, "code", LIKERT_ROLE_ID);
  likert_import_options_set_role (&options, "sent", LIKERT_ROLE_TIME);
  likert_import_options_set_role (&options, "score", LIKERT_ROLE_TEXT);
  likert_import_options_set_role (&options, "channel", LIKERT_ROLE_RATING);
  plan = likert_import_plan_file (csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->fields[0]->role, !=, LIKERT_ROLE_ID);
  g_assert_cmpint (plan->fields[1]->role, ==, LIKERT_ROLE_ID);
  g_assert_cmpint (plan->fields[2]->role, !=, LIKERT_ROLE_TIME);
  g_assert_cmpint (plan->fields[3]->role, ==, LIKERT_ROLE_TIME);
  g_assert_cmpint (plan->fields[4]->role, ==, LIKERT_ROLE_TEXT);
  g_assert_null (plan->labels[4]);
  /* Words as ratings: each one a problem, and listed as a word to map. */
  g_assert_cmpint (plan->fields[5]->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpuint (plan->n_problems, ==, 3);
  g_assert_nonnull (plan->labels[5]);
  g_assert_cmpuint (plan->labels[5]->len, ==, 2);
  g_assert_cmpstr (((LikertFoundLabel *) g_ptr_array_index (plan->labels[5], 0))->label, ==, "web");
  g_assert_cmpuint (((LikertFoundLabel *) g_ptr_array_index (plan->labels[5], 0))->count, ==, 2);
  g_assert_cmpint (((LikertFoundLabel *) g_ptr_array_index (plan->labels[5], 0))->value, ==,
                   LIKERT_LABEL_UNREAD);
  g_clear_pointer (&plan, likert_import_plan_free);

  /* A column the file does not have is an error of the plan. */
  likert_import_options_set_role (&options, "nope", LIKERT_ROLE_TEXT);
  plan = likert_import_plan_file (csv, &options, NULL, NULL, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION);
  g_assert_nonnull (strstr (error->message, "“nope”"));
  g_clear_error (&error);
  g_ptr_array_remove_index (options.roles, options.roles->len - 1);

  /* The channel read as words of a scale; then imported: the roles reach the project. The
   * words chosen name their points. */
  likert_import_options_set_label (&options, "channel", "web", 1);
  likert_import_options_set_label (&options, "channel", "mail", 2);
  g_assert_true (likert_import_options_add_rating (&options, "channel:1-2", &error));
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (store, csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 3);
  fields = likert_store_list_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_field (fields, "id")->role, ==, LIKERT_ROLE_CATEGORY);
  g_assert_cmpint (find_field (fields, "code")->role, ==, LIKERT_ROLE_ID);
  g_assert_cmpint (find_field (fields, "sent")->role, ==, LIKERT_ROLE_TIME);
  g_assert_cmpint (find_field (fields, "score")->role, ==, LIKERT_ROLE_TEXT);
  g_assert_cmpint (find_field (fields, "channel")->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (find_field (fields, "channel")->scale_min, ==, 1);
  g_assert_cmpint (find_field (fields, "channel")->scale_max, ==, 2);
  g_assert_cmpstr (find_field (fields, "channel")->labels[0], ==, "web");
  g_assert_cmpstr (find_field (fields, "channel")->labels[1], ==, "mail");

  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_questions (frame), ==, 1);
  g_assert_cmpint (likert_frame_find_question (frame, "channel"), ==, 0);
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 0), ==, 1);
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 1), ==, 2);
  /* The time is the chosen column's: 2024-04-02 09:00 UTC. */
  g_assert_cmpint (likert_frame_get_submitted_at (frame, 1), ==, 1712048400);

  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A word of a rating column the known labels do not read is a problem until the analyst maps
 * it; a mapped word, or one chosen as missing, is read so in the plan and in the project. */
static void
test_label_choices (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GString) text = g_string_new ("id,agreement\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_auto(LikertImportOptions) options;
  static const char * const words[] = {
    "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"
  };
  const LikertFoundLabel *found;
  LikertStats stats;
  int value = -5;

  /* 100 known labels and 2 other words: still a rating column (2 % of odd cells at most). */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (text, "%u,%s\n", i + 1, words[i % 5]);
  g_string_append (text, "101, Meh \n102,Don't know\n");
  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  csv = test_dir_write (&dir, "labels.csv", text->str, -1);

  plan = likert_import_plan_file (csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan->fields[1]->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (plan->fields[1]->scale_max, ==, 5);
  g_assert_cmpuint (plan->n_problems, ==, 2);
  /* The words not read first, then in the scale's order. */
  g_assert_cmpuint (plan->labels[1]->len, ==, 7);
  found = g_ptr_array_index (plan->labels[1], 0);
  g_assert_cmpstr (found->label, ==, "Don't know");
  g_assert_cmpint (found->value, ==, LIKERT_LABEL_UNREAD);
  found = g_ptr_array_index (plan->labels[1], 1);
  g_assert_cmpstr (found->label, ==, "Meh");
  g_assert_cmpuint (found->count, ==, 1);
  g_assert_cmpint (found->value, ==, LIKERT_LABEL_UNREAD);
  found = g_ptr_array_index (plan->labels[1], 2);
  g_assert_cmpstr (found->label, ==, "Strongly disagree");
  g_assert_cmpuint (found->count, ==, 20);
  g_assert_cmpint (found->value, ==, 1);
  found = g_ptr_array_index (plan->labels[1], 6);
  g_assert_cmpstr (found->label, ==, "Strongly agree");
  g_assert_cmpint (found->value, ==, 5);
  g_assert_cmpint (likert_import_plan_read_rating (plan, NULL, 1, "Meh", &value), ==,
                   LIKERT_CELL_TEXT);
  g_assert_cmpint (likert_import_plan_read_rating (plan, NULL, 1, "Agree", &value), ==,
                   LIKERT_CELL_LABEL);
  g_assert_cmpint (value, ==, 4);
  g_clear_pointer (&plan, likert_import_plan_free);

  /* Mapped: no problem left; "Agree" chosen as missing. */
  likert_import_options_init (&options);
  likert_import_options_set_label (&options, "agreement", "Meh", 3);
  likert_import_options_set_label (&options, "agreement", "Don't know", LIKERT_LABEL_MISSING);
  likert_import_options_set_label (&options, "agreement", "Agree", 2);
  likert_import_options_set_label (&options, "agreement", "Agree", LIKERT_LABEL_MISSING);
  g_assert_cmpuint (options.labels->len, ==, 3);
  plan = likert_import_plan_file (csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_problems, ==, 0);
  g_assert_cmpint (plan->fields[1]->scale_min, ==, 1);
  g_assert_cmpint (plan->fields[1]->scale_max, ==, 5);
  for (guint i = 0; i < plan->labels[1]->len; i++)
    {
      found = g_ptr_array_index (plan->labels[1], i);
      if (g_str_equal (found->label, "Meh"))
        g_assert_cmpint (found->value, ==, 3);
      else if (g_str_equal (found->label, "Don't know") || g_str_equal (found->label, "Agree"))
        g_assert_cmpint (found->value, ==, LIKERT_LABEL_MISSING);
      else
        g_assert_cmpint (found->value, >=, 1);
    }
  g_assert_cmpint (likert_import_plan_read_rating (plan, &options, 1, "  Meh", &value), ==,
                   LIKERT_CELL_LABEL);
  g_assert_cmpint (value, ==, 3);
  g_assert_cmpint (likert_import_plan_read_rating (plan, &options, 1, "Agree", &value), ==,
                   LIKERT_CELL_MISSING);

  /* The run reads the same. */
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_run (store, plan, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, 102);
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 0), ==, 1);
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 3), ==, -1);   /* Agree: missing */
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 100), ==, 3);  /* Meh */
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 101), ==, -1); /* Don't know */
  likert_frame_compute_stats (frame, 0, NULL, &stats);
  g_assert_cmpuint (stats.missing, ==, 21);
  g_assert_cmpuint (stats.counts[2], ==, 21);

  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A project as an import leaves it: back in WAL with foreign keys checked on the importing
 * connection, no journal left, every reference sound although the import did not check them. */
static void
assert_imported_project (LikertStore *store,
                         const char  *path)
{
  sqlite3 *db = _likert_store_get_db (store);
  sqlite3_stmt *stmt;
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_sql (path, "SELECT count (*) FROM pragma_foreign_key_check", "0");
  assert_sql (path, "PRAGMA integrity_check", "ok");
}

/* The writer's fast paths: cells as JSON exactly as before (escapes, runs, UTF-8), ids given
 * in order across imports, answers and the text index for every batch (more rows than one). */
static void
test_bulk_write (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GString) text = g_string_new ("id,when,rating,comment\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) second = NULL;
  const guint n = 2500;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  g_string_append (text, "R1,2025-01-02 10:00:00,4,\"say \"\"hi\"\" \\ back\tslash\x01; été, "
                         "\xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7\r\nbye\"\n");
  for (guint i = 2; i <= n; i++)
    g_string_append_printf (text, "R%u,2025-01-02 10:%02u:00,%u,%s\n", i, i % 60, 1 + i % 5,
                            i % 3 ? "rapide et clair" : "");
  csv = test_dir_write (&dir, "bulk.csv", text->str, (gssize) text->len);
  store = test_import_new (path, csv, &report);
  g_assert_cmpuint (report->n_new, ==, n);
  assert_imported_project (store, path);

  assert_sql (path, "SELECT cells FROM response WHERE record = 1",
              "[\"R1\",\"2025-01-02 10:00:00\",\"4\",\"say \\\"hi\\\" \\\\ back\\tslash\\u0001; "
              "été, \xd8\xb4\xd9\x83\xd8\xb1\xd8\xa7\\r\\nbye\"]");
  assert_sql (path, "SELECT cells FROM response WHERE record = 2",
              "[\"R2\",\"2025-01-02 10:02:00\",\"3\",\"rapide et clair\"]");
  assert_sql (path, "SELECT count (*) FROM response WHERE id = record AND line = record + 1 + "
                    "(record > 1) AND response_key = 'R' || record", "2500");
  assert_sql (path, "SELECT submitted_at FROM response WHERE record = 1", "1735812000");
  assert_sql (path, "SELECT count (*) || ' ' || sum (value) FROM answer",
              "2500 7502");
  assert_sql (path, "SELECT group_concat (rowid) FROM response_text WHERE response_text MATCH 'hi'",
              "1");
  assert_sql (path, "SELECT count (*) FROM response_text WHERE response_text MATCH 'rapide'",
              "1666");

  /* Another survey into the same project (now in WAL throughout): ids go on. */
  other = test_dir_write (&dir, "other.csv", "ref,score\nA,1\nB,2\n", -1);
  second = likert_import_file (store, other, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_new, ==, 2);
  assert_imported_project (store, path);
  assert_sql (path, "SELECT group_concat (id) FROM response WHERE dataset_id = 2", "2501,2502");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A run that fails on its last record (the file changed since the plan) leaves the new project
 * as it was, in WAL, whichever thread saw the failure. */
static void
test_failed_run (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GString) text = g_string_new ("id,rating,comment\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  LikertImportReport *report;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (text, "%u,%u,fine\n", i, 1 + i % 5);
  csv = test_dir_write (&dir, "late.csv", text->str, (gssize) text->len);
  plan = likert_import_plan_file (csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_string_append (text, "3001,9,too high\n");
  g_assert_true (g_file_set_contents (csv, text->str, (gssize) text->len, NULL));

  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_run (store, plan, NULL, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS);
  g_assert_nonnull (strstr (error->message, "late.csv:3002:"));
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 0);
  g_assert_cmpint (likert_store_count_datasets (store, NULL), ==, 0);
  assert_imported_project (store, path);
  assert_sql (path, "SELECT count (*) FROM import", "0");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---------------------------------------------------------------------------------------------
 * The full-text index built beside the writer (a survey's first import into a project whose
 * index is empty) against the one the writer builds row by row (every other import).
 */

/* A cell as CSV, quoted. */
static void
append_cell (GString    *out,
             const char *cell)
{
  g_string_append (out, ",\"");
  for (const char *p = cell; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Responses R<first> to R<first + n - 1> of a survey with three text columns in French, Arabic
 * and English (accents remove_diacritics folds, quotes, empty cells, and in every seventh row a
 * word of its own, n<number>), as a CSV in dir. */
static char *
write_survey (TestDir    *dir,
              const char *name,
              guint       first,
              guint       n)
{
  static const char * const comments[] = {
    "Très bien, l'équipe était rapide", "Service lent et café froid", "الخدمة ممتازة وسريعة",
    "Great support, fast answer", "", "Déjà vu : la naïve façade de l'été",
    "خدمة بطيئة جدا", "\"Quoted\" and Ünïcödé", "",
  };
  static const char * const suggestions[] = {
    "", "More coffee", "Plus de café, s'il vous plaît", "لا شيء", "faster delivery",
    "Élargir les horaires", "",
  };
  static const char * const remarks[] = {
    "شكرا", "", "ممتاز", "rapide et clair", "", "Noël à l'hôtel",
  };
  g_autoptr(GString) text = g_string_new ("id,when,rating,comment,suggestion,تعليق,country\n");

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *own = i % 7 == 0 ? g_strdup_printf ("%s n%u", comments[i % 9], i) : NULL;

      g_string_append_printf (text, "R%u,2025-01-%02u 10:%02u:00,%u", i, 1 + i % 28, i % 60,
                              1 + i % 5);
      append_cell (text, own != NULL ? own : comments[i % 9]);
      append_cell (text, suggestions[i % 7]);
      append_cell (text, remarks[i % 6]);
      g_string_append_printf (text, ",c%u\n", i % 4);
    }
  return test_dir_write (dir, name, text->str, (gssize) text->len);
}

/* n responses of a survey without text. */
static char *
write_scores (TestDir    *dir,
              const char *name,
              guint       n)
{
  g_autoptr(GString) text = g_string_new ("ref,score\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "S%u,%u\n", i, 1 + i % 5);
  return test_dir_write (dir, name, text->str, (gssize) text->len);
}

static LikertImportReport *
import_inline (LikertStore *store,
               const char  *csv)
{
  g_autoptr(GError) error = NULL;
  LikertImportReport *report;

  _likert_import_set_inline_index (TRUE);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  _likert_import_set_inline_index (FALSE);
  g_assert_no_error (error);
  return report;
}

/* The rowids (in order, joined with commas) a full-text query finds, through db (a store's)
 * or a connection of its own. */
static char *
match_rowids (const char *path,
              sqlite3    *db,
              const char *query)
{
  sqlite3 *own = NULL;
  char *rowids;

  if (db == NULL)
    {
      g_assert_cmpint (sqlite3_open_v2 (path, &own, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      db = own;
    }
  rowids = test_match_rowids (db, query);
  if (own != NULL)
    sqlite3_close (own);
  return rowids;
}

static void
assert_match (const char *path,
              sqlite3    *db,
              const char *query,
              const char *expected)
{
  g_autofree char *rowids = match_rowids (path, db, query);

  g_assert_cmpstr (rowids, ==, expected);
}

/* FTS5's own check of the index, through db (a store's) or a connection of its own. */
static void
assert_index_sound (const char *path,
                    sqlite3    *db)
{
  sqlite3 *own = NULL;
  char *message = NULL;

  if (db == NULL)
    {
      g_assert_cmpint (sqlite3_open_v2 (path, &own, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      db = own;
    }
  sqlite3_exec (db, "INSERT INTO response_text (response_text) VALUES ('integrity-check')",
                NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  if (own != NULL)
    sqlite3_close (own);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table of a project (the index's shadow tables too), sorted, as text. */
static char *
dump_project (const char *path)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                           "AND sql NOT LIKE 'CREATE VIRTUAL%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, t));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *line = g_string_new (g_ptr_array_index (tables, t));

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *blob = sqlite3_column_blob (stmt, c);
              int n = sqlite3_column_bytes (stmt, c);

              g_string_append_c (line, '|');
              for (int i = 0; i < n; i++)
                g_string_append_printf (line, "%02x", blob[i]);
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* The tables of response_text alone. */
static char *
dump_index (const char *path)
{
  g_autofree char *all = dump_project (path);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  g_autoptr(GString) index = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "response_text_"))
      g_string_append_printf (index, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&index), FALSE);
}

/* The indexes built beside the writer go to the temporary folder, the tests' own (see main):
 * none is left there, whatever happened. */
static void
assert_no_index_left (void)
{
  GDir *d = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_false (g_str_has_prefix (name, "likert-index-"));
  g_dir_close (d);
}

/* The threads of this process (0 where /proc is not), to see that an import leaves none. */
static guint
count_threads (void)
{
  GDir *d = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  g_dir_close (d);
  return n;
}

/* After an import through store, built beside the writer or not: nothing attached, the shadow
 * tables read-only to SQL again, no temporary index left. */
static void
assert_index_closed (LikertStore *store)
{
  sqlite3 *db = _likert_store_get_db (store);

  g_assert_null (sqlite3_db_filename (db, "likert_index"));
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM response_text_data", NULL, NULL, NULL), ==,
                   SQLITE_ERROR);
  assert_no_index_left ();
}

/* The index knows which responses hold a word, not where (detail = none): no phrase or NEAR
 * queries, which the application never makes. Two are written as likert_search_query () writes
 * the searches "café froid" and "service lent". */
static const char * const index_queries[] = {
  "rapide", "ete", "été", "cafe", "CAFÉ", "الخدمة", "ممتاز", "faster OR slow*",
  "\"café\"* \"froid\"*", "n7*", "\"service\"* \"lent\"*", "deja AND naive", "unicode",
  "cafe NOT froid", "noel", "quoted",
  "suggestion", /* only a header: nothing */
};

/* Both projects find the same responses for every query; all but the last find some. */
static void
assert_same_matches (const char *path,
                     sqlite3    *db,
                     const char *expected_path)
{
  for (guint q = 0; q < G_N_ELEMENTS (index_queries); q++)
    {
      g_autofree char *found = match_rowids (path, NULL, index_queries[q]);
      g_autofree char *expected = match_rowids (expected_path, NULL, index_queries[q]);

      g_assert_cmpstr (found, ==, expected);
      if (db != NULL)
        assert_match (path, db, index_queries[q], expected);
      if (q < G_N_ELEMENTS (index_queries) - 1)
        g_assert_cmpstr (found, !=, "");
      else
        g_assert_cmpstr (found, ==, "");
    }
}

/* The index of path (db: its importing connection, nullable) is the one the writer built
 * alone in expected_path: the same answers, the same bytes. */
static void
assert_same_index (const char *path,
                   sqlite3    *db,
                   const char *expected_path)
{
  g_autofree char *index = NULL;
  g_autofree char *expected = NULL;

  assert_same_matches (path, db, expected_path);
  index = dump_index (path);
  expected = dump_index (expected_path);
  g_assert_cmpstr (index, ==, expected);
}

/* A first import indexes beside the writer: the same index, to the byte, as the writer's own
 * row by row (the same inserts in the same order), sound, finding the same responses for
 * every query, through the importing connection too; a document for each response with text,
 * under its id; nothing left attached or behind. */
static void
test_index_beside_writer (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *inline_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertStore) other = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) second = NULL;
  guint parallel = _likert_import_count_parallel_indexes ();

  test_dir_init (&dir);
  csv = write_survey (&dir, "survey.csv", 1, 3000);
  path = test_dir_file (&dir, "beside.likert");
  inline_path = test_dir_file (&dir, "inline.likert");

  store = test_import_new (path, csv, &report);
  g_assert_cmpuint (report->n_new, ==, 3000);
  for (guint c = 3; c <= 5; c++)
    g_assert_cmpint (((LikertField *) g_ptr_array_index (report->fields, c))->role, ==,
                     LIKERT_ROLE_TEXT);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  assert_imported_project (store, path);
  assert_index_closed (store);

  other = likert_store_open (inline_path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  second = import_inline (other, csv);
  g_assert_cmpuint (second->n_new, ==, 3000);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);

  assert_sql (path, "SELECT count (*) > 2000 AND count (*) < 3000 FROM response WHERE has_text",
              "1");
  assert_sql (path, "SELECT count (*) FROM response WHERE (json_extract (cells, '$[3]') || "
                    "json_extract (cells, '$[4]') || json_extract (cells, '$[5]') != '') != "
                    "has_text", "0");
  assert_match (path, NULL, "n2002 OR n7", "7,2002");

  assert_index_sound (path, _likert_store_get_db (store));
  assert_index_sound (path, NULL);
  assert_index_sound (inline_path, NULL);
  assert_same_index (path, _likert_store_get_db (store), inline_path);

  g_clear_object (&store);
  g_clear_object (&other);
  test_dir_clear (&dir);
}

/* A newer export of the same survey (the writer indexes: only it knows which rows are new)
 * indexes its new rows after those indexed beside the writer; as the writer alone would. */
static void
test_index_appending (void)
{
  TestDir dir;
  g_autofree char *first = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *inline_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertStore) other = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) second = NULL;
  g_autoptr(LikertImportReport) inline_first = NULL;
  g_autoptr(LikertImportReport) inline_second = NULL;
  guint parallel = _likert_import_count_parallel_indexes ();

  test_dir_init (&dir);
  first = write_survey (&dir, "export-1.csv", 1, 1500);
  newer = write_survey (&dir, "export-2.csv", 1, 2600);
  path = test_dir_file (&dir, "p.likert");
  inline_path = test_dir_file (&dir, "inline.likert");

  store = test_import_new (path, first, &report);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  second = likert_import_file (store, newer, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->dataset_id, ==, report->dataset_id);
  g_assert_cmpuint (second->n_new, ==, 1100);
  g_assert_cmpuint (second->n_duplicates, ==, 1500);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  assert_imported_project (store, path);
  assert_index_closed (store);

  /* Old rows and new ones, through the connection that imported too. */
  assert_match (path, NULL, "n7 OR n1498 OR n1505 OR n2597", "7,1498,1505,2597");
  assert_match (path, _likert_store_get_db (store), "n1498 OR n2597", "1498,2597");
  assert_sql (path, "SELECT count (*) FROM response WHERE has_text AND id > 1500", "1082");
  assert_index_sound (path, _likert_store_get_db (store));
  /* The newer export's responses in blocks of their own, after the first ones. */
  assert_blocks_match_rows (path);
  assert_sql (path, "SELECT group_concat (n) FROM (SELECT n FROM response_block ORDER BY first_id)",
              "1500,1100");

  other = likert_store_open (inline_path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  inline_first = import_inline (other, first);
  inline_second = import_inline (other, newer);
  assert_same_index (path, _likert_store_get_db (store), inline_path);

  g_clear_object (&store);
  g_clear_object (&other);
  test_dir_clear (&dir);
}

/* Another survey into an index with documents: the writer indexes it, after the others. */
static void
test_index_not_empty (void)
{
  TestDir dir;
  g_autofree char *survey = NULL;
  g_autofree char *remarks = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) text = g_string_new ("ref,score,remark\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) second = NULL;
  guint parallel = _likert_import_count_parallel_indexes ();

  test_dir_init (&dir);
  survey = write_survey (&dir, "survey.csv", 1, 1200);
  for (guint i = 1; i <= 300; i++)
    g_string_append_printf (text, "Q%u,%u,\"%s\"\n", i, 1 + i % 5,
                            i % 2 ? "Toujours aussi lent" : "Parfait, merci");
  remarks = test_dir_write (&dir, "remarks.csv", text->str, (gssize) text->len);
  path = test_dir_file (&dir, "p.likert");

  store = test_import_new (path, survey, &report);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  second = likert_import_file (store, remarks, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_new, ==, 300);
  g_assert_cmpuint (second->dataset_id, !=, report->dataset_id);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  assert_imported_project (store, path);
  assert_index_closed (store);

  /* "lent" in both surveys; "merci" in the second alone, under its ids. */
  assert_sql (path, "SELECT group_concat (n) FROM (SELECT r.dataset_id, count (*) AS n "
                    "FROM response_text t JOIN response r ON r.id = t.rowid "
                    "WHERE response_text MATCH 'lent' GROUP BY r.dataset_id ORDER BY 1)",
              "134,150");
  assert_sql (path, "SELECT count (*) FROM response_text t JOIN response r ON r.id = t.rowid "
                    "WHERE response_text MATCH 'merci' AND r.dataset_id = 2 "
                    "AND r.cells LIKE '%Parfait%'", "150");
  assert_match (path, _likert_store_get_db (store), "n7 OR merci NOT parfait", "7");
  assert_index_sound (path, _likert_store_get_db (store));

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* The index empty but responses there (a survey without text): the first survey with text
 * indexes beside the writer, under ids after theirs. The importing connection had read the
 * empty index (the frame does): it finds the new documents at once, and its next insert (a
 * newer export) keeps them (FTS5 keeps the structure of the index it last read). */
static void
test_index_after_responses (void)
{
  TestDir dir;
  g_autofree char *scores = NULL;
  g_autofree char *first = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *inline_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertStore) other = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) second = NULL;
  g_autoptr(LikertImportReport) third = NULL;
  guint parallel = _likert_import_count_parallel_indexes ();
  sqlite3 *db;

  test_dir_init (&dir);
  scores = write_scores (&dir, "scores.csv", 500);
  first = write_survey (&dir, "export-1.csv", 1, 2000);
  newer = write_survey (&dir, "export-2.csv", 1, 2500);
  path = test_dir_file (&dir, "p.likert");
  inline_path = test_dir_file (&dir, "inline.likert");

  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  db = _likert_store_get_db (store);
  report = likert_import_file (store, scores, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Nothing to index: no index built. */
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel);
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  assert_match (path, db, "rapide", "");

  second = likert_import_file (store, first, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  assert_imported_project (store, path);
  assert_index_closed (store);
  assert_match (path, NULL, "n7 OR n1995", "507,2495");
  assert_match (path, db, "n7 OR n1995", "507,2495");
  assert_index_sound (path, db);

  third = likert_import_file (store, newer, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->n_new, ==, 500);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  assert_match (path, db, "n7 OR n1995 OR n2499", "507,2495,2999");
  assert_match (path, NULL, "n7 OR n1995 OR n2499", "507,2495,2999");
  assert_index_sound (path, db);
  assert_index_sound (path, NULL);

  other = likert_store_open (inline_path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, likert_import_report_free);
  report = import_inline (other, scores);
  g_clear_pointer (&second, likert_import_report_free);
  second = import_inline (other, first);
  g_clear_pointer (&third, likert_import_report_free);
  third = import_inline (other, newer);
  assert_same_index (path, db, inline_path);

  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);
  g_clear_object (&other);
  test_dir_clear (&dir);
}

typedef enum {
  FAIL_BAD_ROW,        /* a bad row at the end of the file (changed since the plan) */
  FAIL_CANCEL,         /* cancelled after the first batch */
  FAIL_CANCEL_LATE,    /* cancelled after the first batch, the file read whole already */
  FAIL_INDEX_FULL,     /* the index's own disk full */
} IndexFailure;

static void
cancel_cb (double   fraction,
           gpointer user_data)
{
  if (fraction > 0 && fraction < 1)
    g_cancellable_cancel (user_data);
}

/* At the first batch written: the reader, which read the small file in one chunk, is done. */
static void
cancel_now_cb (double   fraction,
               gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* A run that fails while the index is built beside the writer leaves the project exactly as
 * it was (its index still empty), no temporary index, no thread; the store goes on working,
 * and the next import builds the index. */
static void
test_index_failure (gconstpointer data)
{
  IndexFailure failure = GPOINTER_TO_INT (data);
  TestDir dir;
  g_autofree char *scores = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertImportReport) again = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LikertImportReport *failed;
  guint parallel;
  guint threads;

  test_dir_init (&dir);
  scores = write_scores (&dir, "scores.csv", 200);
  /* Past 2 MB, for the reader to see the cancellation at its next read. */
  csv = write_survey (&dir, "survey.csv", 1,
                     failure == FAIL_BAD_ROW || failure == FAIL_CANCEL_LATE ? 3000 : 20000);
  path = test_dir_file (&dir, "p.likert");
  store = test_import_new (path, scores, &report);
  plan = likert_import_plan_file (csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  before = dump_project (path);
  parallel = _likert_import_count_parallel_indexes ();
  threads = count_threads ();

  switch (failure)
    {
    case FAIL_BAD_ROW:
      {
        g_autofree char *text = NULL;
        g_autofree char *bad = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (csv, &text, &length, NULL));
        bad = g_strconcat (text, "R3001,2025-01-01 10:00:00,9,\"trop\",\"\",\"\",c1\n", NULL);
        g_assert_true (g_file_set_contents (csv, bad, -1, NULL));
        failed = likert_import_run (store, plan, NULL, NULL, NULL, NULL, &error);
        g_assert_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS);
        g_assert_nonnull (strstr (error->message, "survey.csv:3002:"));
        break;
      }
    case FAIL_CANCEL:
      failed = likert_import_run (store, plan, NULL, cancel_cb, cancellable, cancellable,
                                  &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      break;
    case FAIL_CANCEL_LATE:
      failed = likert_import_run (store, plan, NULL, cancel_now_cb, cancellable, cancellable,
                                  &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      break;
    case FAIL_INDEX_FULL:
      /* Room for the empty index (five pages), not for 20,000 documents. */
      _likert_import_set_index_page_limit (8);
      failed = likert_import_run (store, plan, NULL, NULL, NULL, NULL, &error);
      _likert_import_set_index_page_limit (0);
      g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, g_get_tmp_dir ()));
      g_assert_nonnull (strstr (error->message, ": Could not build the search index: "
                                                "database or disk is full"));
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_null (failed);
  g_clear_error (&error);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 1);
  g_assert_cmpuint (count_threads (), ==, threads);
  assert_imported_project (store, path);
  assert_index_closed (store);
  after = dump_project (path);
  g_assert_cmpstr (after, ==, before);
  assert_sql (path, "SELECT count (*) FROM response WHERE has_text", "0");
  assert_sql (path, "SELECT count (*) FROM response_text_data", "2");

  /* The same store, the original file again. */
  g_clear_pointer (&csv, g_free);
  csv = write_survey (&dir, "survey.csv", 1, 3000);
  again = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_new, ==, 3000);
  g_assert_cmpuint (_likert_import_count_parallel_indexes (), ==, parallel + 2);
  assert_match (path, _likert_store_get_db (store), "n7 OR n2002", "207,2202");
  assert_index_sound (path, _likert_store_get_db (store));
  assert_index_closed (store);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *base = g_getenv ("TMPDIR");
  g_autofree char *tmp = NULL;
  int status;

  /* A temporary folder of the tests' own, where the indexes built beside the writer go (set
   * before anything reads it: g_get_tmp_dir () reads TMPDIR once). */
  tmp = g_build_filename (base != NULL && *base != '\0' ? base : "/tmp",
                          "likert-test-import-XXXXXX", NULL);
  if (g_mkdtemp (tmp) == NULL)
    g_error ("Could not create %s: %s", tmp, g_strerror (errno));
  g_setenv ("TMPDIR", tmp, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/sample", test_sample);
  g_test_add_func ("/import/cells-escaped", test_cells_escaped);
  g_test_add_func ("/import/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/import/ragged", test_ragged);
  g_test_add_func ("/import/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/import/empty", test_empty);
  g_test_add_func ("/import/cancel", test_cancel);
  g_test_add_func ("/import/into", test_into);
  g_test_add_func ("/import/roles", test_roles);
  g_test_add_func ("/import/no-rating", test_no_rating);
  g_test_add_func ("/import/rating-option", test_rating_option);
  g_test_add_func ("/import/role-option", test_role_option);
  g_test_add_func ("/import/role-choices", test_role_choices);
  g_test_add_func ("/import/label-choices", test_label_choices);
  g_test_add_func ("/import/bulk-write", test_bulk_write);
  g_test_add_func ("/import/failed-run", test_failed_run);
  g_test_add_func ("/import/index/beside-writer", test_index_beside_writer);
  g_test_add_func ("/import/index/appending", test_index_appending);
  g_test_add_func ("/import/index/not-empty", test_index_not_empty);
  g_test_add_func ("/import/index/after-responses", test_index_after_responses);
  g_test_add_data_func ("/import/index/failure/bad-row", GINT_TO_POINTER (FAIL_BAD_ROW),
                        test_index_failure);
  g_test_add_data_func ("/import/index/failure/cancel-late", GINT_TO_POINTER (FAIL_CANCEL_LATE),
                        test_index_failure);
  g_test_add_data_func ("/import/index/failure/cancel", GINT_TO_POINTER (FAIL_CANCEL),
                        test_index_failure);
  g_test_add_data_func ("/import/index/failure/index-full", GINT_TO_POINTER (FAIL_INDEX_FULL),
                        test_index_failure);
  status = g_test_run ();
  g_rmdir (tmp);
  return status;
}
