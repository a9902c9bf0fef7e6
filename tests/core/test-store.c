/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "likert-frame.h"
#include "likert-import.h"
#include "likert-store.h"
#include "test-common.h"

static gint64
import_small (LikertStore *store,
              TestDir     *dir)
{
  g_autofree char *csv = test_dir_write (dir, "small.csv",
                                         "id,rating,comment\n"
                                         "a,5,\"Great, really\"\n"
                                         "b,2,Slow\n"
                                         "c,,\n", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report->dataset_id;
}

static void
test_create_reopen (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  gint64 tag_id;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");

  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 0);
  import_small (store, &dir);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 3);

  g_assert_true (likert_store_set_note (store, 1, "Checkout bug — see ticket 42", "Amal", &error));
  g_assert_no_error (error);
  tag_id = likert_store_ensure_tag (store, "checkout", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tag_id, >, 0);
  g_assert_cmpint (likert_store_ensure_tag (store, " checkout ", NULL), ==, tag_id);
  g_assert_true (likert_store_set_tag (store, 1, tag_id, TRUE, "Amal", &error));
  g_assert_true (likert_store_set_tag (store, 1, tag_id, TRUE, "Amal", &error)); /* idempotent */
  g_assert_true (likert_store_set_status (store, 1, LIKERT_STATUS_REVIEWED, "Amal", &error));
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_history (store, 1, NULL), ==, 3);
  g_clear_object (&store);

  /* Reopen: everything is there. */
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  response = likert_store_get_response (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->note, ==, "Checkout bug — see ticket 42");
  g_assert_cmpstr (response->author, ==, "Amal");
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_REVIEWED);
  g_assert_cmpuint (response->tag_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (response->tag_ids, gint64, 0), ==, tag_id);
  g_assert_cmpstr (response->key, ==, "a");
  g_assert_cmpint (response->line, ==, 2);
  g_assert_cmpuint (g_strv_length (response->cells), ==, 3);
  g_assert_cmpstr (response->cells[2], ==, "Great, really");
  g_clear_pointer (&response, likert_response_free);

  tags = likert_store_list_tags (store, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  g_assert_cmpstr (((LikertTag *) tags->pdata[0])->name, ==, "checkout");

  /* Untag records history; a missing response is an error, not a crash. */
  g_assert_true (likert_store_set_tag (store, 1, tag_id, FALSE, "Amal", &error));
  g_assert_cmpint (likert_store_count_history (store, 1, NULL), ==, 4);
  g_assert_false (likert_store_set_note (store, 999, "x", "Amal", &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (likert_store_set_tag (store, 1, 999, TRUE, "Amal", &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (likert_store_count_history (store, 1, NULL), ==, 4);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_not_a_project (void)
{
  TestDir dir;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_autofree char *missing = NULL;
  LikertStore *store;
  sqlite3 *db;

  test_dir_init (&dir);

  /* A text file. */
  text = test_dir_write (&dir, "notes.likert", "hello, this is not a database\n", -1);
  store = likert_store_open (text, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, "notes.likert"));
  g_clear_error (&error);

  /* Another application's SQLite database. */
  other = test_dir_file (&dir, "other.likert");
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = likert_store_open (other, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);

  /* A project from the future. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 99;",
                                            LIKERT_STORE_APPLICATION_ID);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);
  store = likert_store_open (other, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  /* No file, no create flag. */
  missing = test_dir_file (&dir, "missing.likert");
  store = likert_store_open (missing, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  test_dir_clear (&dir);
}

static void
test_schema (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(LikertStore) store = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, NULL);
  g_assert_nonnull (store);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT user_version FROM pragma_user_version), "
                          "(SELECT journal_mode FROM pragma_journal_mode), "
                          "(SELECT page_size FROM pragma_page_size)", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, LIKERT_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, LIKERT_STORE_SCHEMA_VERSION);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "wal");
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 32768);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  test_dir_clear (&dir);
}

/* A copy, in dir, of a project written by an earlier version (tests/data/projects/name). */
static char *
copy_old_project (TestDir    *dir,
                  const char *name)
{
  g_autofree char *fixture = g_build_filename (g_getenv ("LIKERT_SOURCE_ROOT"), "tests", "data",
                                               "projects", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_no_error (error);
  return test_dir_write (dir, "old.likert", contents, (gssize) length);
}

/* A project written by the first version (schema 1) opens, is migrated, and keeps everything. */
static void
test_migrate_v1 (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertResponse) response = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  path = copy_old_project (&dir, "v1.likert");

  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 30);
  response = likert_store_get_response (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->note, ==, "Kept across the migration");
  g_assert_cmpint (response->status, ==, LIKERT_STATUS_REVIEWED);
  g_assert_cmpuint (response->tag_ids->len, ==, 1);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT user_version FROM pragma_user_version), "
                                       "(SELECT n_records FROM import WHERE id = 1), "
                                       "(SELECT count (*) FROM response WHERE import_id = 1), "
                                       "(SELECT count (*) FROM response_text WHERE response_text "
                                       "  MATCH 'blank AND chrome'), "
                                       "(SELECT rowid FROM response_text WHERE response_text "
                                       "  MATCH 'disappointing')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LIKERT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 30);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 30);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 2);  /* responses 2 and 9 */
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 2);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Categories imported before schema 2 were dictionary-encoded by the migration. */
  assert_facets_match_cells (path);

  test_dir_clear (&dir);
}

/* Rowids matching each of queries, as "q1:1,2 q2:5 …", with db's index. */
static char *
matches_of (sqlite3            *db,
            const char * const *queries)
{
  GString *out = g_string_new (NULL);

  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_autofree char *rowids = test_match_rowids (db, queries[q]);

      /* Each query finds something: a lost index would not pass for an unchanged one. */
      g_assert_cmpstr (rowids, !=, "");
      g_string_append_printf (out, "%s%s:%s", q ? " " : "", queries[q], rowids);
    }
  return g_string_free (out, FALSE);
}

/* A project of schema 2 (its text index with word positions) opens, its index is rebuilt
 * without them (schema 3, detail = none), and every search finds what it found before. */
static void
test_migrate_v2 (void)
{
  static const char * const queries[] = {
    "service", "\"fast\"*", "\"line\"* \"second\"*", "\"impress\"*", "formulario", "ok",
    "\"deliv\"* OR \"largo\"*", NULL
  };
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  gint64 indexed;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  path = copy_old_project (&dir, "v2.likert");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  before = matches_of (db, queries);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT count (*) FROM response_text)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  indexed = sqlite3_column_int64 (stmt, 1);
  g_assert_cmpint (indexed, >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 30);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  after = matches_of (db, queries);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT count (*) FROM response WHERE has_text), "
                                           "(SELECT sql FROM sqlite_schema "
                                           " WHERE name = 'response_text'), "
                                           "(SELECT count (*) FROM response_tag)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LIKERT_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, indexed);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 2), "detail = none"));
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 5);
  sqlite3_finalize (stmt);
  /* A phrase asks for positions, which the index no longer keeps. */
  g_assert_cmpint (sqlite3_exec (db, "SELECT rowid FROM response_text "
                                     "WHERE response_text MATCH '\"very fast\"'",
                                 NULL, NULL, NULL), ==, SQLITE_ERROR);
  sqlite3_close (db);

  test_dir_clear (&dir);
}

/* A project of schema 3 (its text index with a size row per document) opens; which responses
 * have text moves to response.has_text, the index is rebuilt without sizes (schema 4,
 * columnsize = 0), every search finds what it found before, and the frame sees the same
 * responses with text. */
static void
test_migrate_v3 (void)
{
  static const char * const queries[] = {
    "service", "\"fast\"*", "\"line\"* \"second\"*", "\"impress\"*", "formulario", "ok",
    "\"deliv\"* OR \"largo\"*", NULL
  };
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *indexed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autofree guint *rows = NULL;
  GString *with_text = g_string_new (NULL);
  guint n_rows;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  path = copy_old_project (&dir, "v3.likert");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  before = matches_of (db, queries);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT group_concat (rowid) FROM "
                                           " (SELECT rowid FROM response_text ORDER BY rowid))",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  indexed = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* Some responses have text and some have none. */
  g_assert_cmpstr (indexed, ==, "1,2,3,4,5,6,7,8,9,10,11,13,14,15,17,19,20,21,22,23,24,25,26,27,"
                                "28,29,30");

  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_rows (frame), ==, 30);
  rows = likert_frame_sort_rows (frame, NULL, LIKERT_SORT_TEXT, 0, TRUE, &n_rows);
  g_assert_cmpuint (n_rows, ==, 30);
  /* Responses with text first, in row order: as many as the old index held. */
  for (guint i = 0; i < 27; i++)
    g_string_append_printf (with_text, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            likert_frame_get_response_id (frame, rows[i]));
  g_assert_cmpstr (with_text->str, ==, indexed);
  g_string_free (with_text, TRUE);
  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  after = matches_of (db, queries);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT group_concat (id) FROM "
                                           " (SELECT id FROM response WHERE has_text ORDER BY id)), "
                                           "(SELECT sql FROM sqlite_schema "
                                           " WHERE name = 'response_text'), "
                                           "(SELECT count (*) FROM sqlite_schema "
                                           " WHERE name = 'response_text_docsize')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LIKERT_STORE_SCHEMA_VERSION);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, indexed);
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 2), "columnsize = 0"));
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 0);
  sqlite3_finalize (stmt);
  /* The frame reads the flag with its other columns from the responses' blocks (schema 7),
   * and no index of the responses is left to write. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_schema "
                                           "WHERE type = 'index' AND tbl_name = 'response'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  assert_blocks_match_rows (path);

  test_dir_clear (&dir);
}

/* "response:field:value …" of every answer of db, through the answer table (schema 4) or view. */
static char *
answers_of (sqlite3 *db)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT response_id, field_id, value FROM answer "
                                           "ORDER BY response_id, field_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d",
                            out->len > 0 ? " " : "", (gint64) sqlite3_column_int64 (stmt, 0),
                            (gint64) sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* A project of schema 4 (a row per answer) opens; each response's answers move into its
 * ratings (schema 5), the answer table goes (schema 6) and a view of the same name reads the
 * ratings back: the same answers, row for row, as the frame reads them too. Its three surveys:
 * two rating questions on 1–5 and 0–10 with answers left out, none, and labels with N/A. */
static void
test_migrate_v4 (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(GString) from_frame = g_string_new (NULL);
  guint n_answers = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  path = copy_old_project (&dir, "v4.likert");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  before = answers_of (db);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT count (*) FROM answer), "
                                           "(SELECT count (DISTINCT field_id) FROM answer)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 80);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_rows (frame), ==, 65);
  g_assert_cmpuint (likert_frame_get_n_questions (frame), ==, 3);
  /* The frame's ratings, in the view's order (by response, then field). */
  for (guint row = 0; row < likert_frame_get_n_rows (frame); row++)
    for (guint q = 0; q < likert_frame_get_n_questions (frame); q++)
      {
        int value = likert_frame_get_rating (frame, q, row);

        if (value < 0)
          continue;
        g_string_append_printf (from_frame, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d",
                                from_frame->len > 0 ? " " : "",
                                likert_frame_get_response_id (frame, row),
                                likert_frame_get_question (frame, q)->id, value);
        n_answers++;
      }
  g_assert_cmpuint (n_answers, ==, 80);
  g_assert_cmpstr (from_frame->str, ==, before);
  g_clear_pointer (&frame, likert_frame_unref);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  after = answers_of (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                           "(SELECT type FROM sqlite_schema WHERE name = 'answer'), "
                                           "(SELECT count (*) FROM response WHERE ratings IS NULL), "
                                           "(SELECT hex (ratings) FROM response WHERE id = 5)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, LIKERT_STORE_SCHEMA_VERSION);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "view");
  /* The survey without ratings (10), and the responses that answered none (A35, C6, C12). */
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 13);
  /* A5: satisfaction 1 (the 1st of 1–5), no recommendation. */
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "01");
  sqlite3_finalize (stmt);
  /* Blocks (schema 7) end where the survey or the ratings' width changes: several, and each
   * response in one of them. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) > 3 FROM response_block",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  assert_blocks_match_rows (path);

  test_dir_clear (&dir);
}

static void
test_list_imports (void)
{
  static const char csv_text[] = "rating,comment\n5,good\n7,too high\n3.5,half\n2,ok\n";
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  LikertImportOptions options;
  const LikertImportRecord *record;
  const LikertSkippedRow *row;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "imports.likert");
  csv = test_dir_write (&dir, "scores.csv", csv_text, -1);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, csv_text, -1);
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  /* A new project has no imports. */
  imports = likert_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 0);
  g_clear_pointer (&imports, g_ptr_array_unref);

  /* Twice the same file, on a 1–5 scale, skipping the rows with problems. */
  likert_import_options_init (&options);
  g_assert_true (likert_import_options_add_rating (&options, "rating:1-5", &error));
  options.skip_bad_rows = TRUE;
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LikertImportReport) report = likert_import_file (store, csv, &options, NULL, NULL,
                                                                 NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_skipped, ==, 2);
    }
  likert_import_options_clear (&options);

  imports = likert_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  record = g_ptr_array_index (imports, 0);
  g_assert_cmpint (record->id, >, 0);
  g_assert_cmpint (record->dataset_id, >, 0);
  g_assert_cmpstr (record->source_name, ==, "scores.csv");
  g_assert_cmpstr (record->sha256, ==, sha);
  g_assert_cmpuint (record->size, ==, strlen (csv_text));
  g_assert_cmpstr (record->encoding, ==, "UTF-8");
  g_assert_nonnull (record->dialect);
  g_assert_cmpstr (record->delimiter, ==, ",");
  g_assert_cmpstr (record->shape, ==, "plain");
  g_assert_cmpuint (record->header_rows, ==, 1);
  g_assert_cmpint (ABS (record->imported_at - g_get_real_time () / G_USEC_PER_SEC), <, 600);
  g_assert_nonnull (record->author);
  g_assert_cmpuint (record->n_records, ==, 4);
  g_assert_cmpuint (record->n_new, ==, 2);
  g_assert_cmpuint (record->n_duplicates, ==, 0);
  g_assert_cmpuint (record->n_skipped, ==, 2);
  g_assert_nonnull (record->skipped);
  g_assert_cmpuint (record->skipped_rows->len, ==, 2);
  row = g_ptr_array_index (record->skipped_rows, 0);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpuint (row->column, ==, 1);
  g_assert_nonnull (strstr (row->reason, "7"));
  row = g_ptr_array_index (record->skipped_rows, 1);
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_nonnull (strstr (row->reason, "3.5"));

  /* The second import of the same survey: nothing new. */
  record = g_ptr_array_index (imports, 1);
  g_assert_cmpint (record->id, >, ((LikertImportRecord *) g_ptr_array_index (imports, 0))->id);
  g_assert_cmpint (record->dataset_id, ==,
                   ((LikertImportRecord *) g_ptr_array_index (imports, 0))->dataset_id);
  g_assert_cmpuint (record->n_new, ==, 0);
  g_assert_cmpuint (record->n_duplicates, ==, 2);
  g_assert_cmpuint (record->n_skipped, ==, 2);
  g_clear_pointer (&imports, g_ptr_array_unref);
  g_clear_object (&store);

  /* A damaged skipped list reads as none; a v1 import (no size) reads as 0 bytes. */
  {
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE import SET skipped = '[{\"line\":', size = 0, "
                                   "dialect = 'comma' WHERE id = 1", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    sqlite3_close (db);
  }
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  imports = likert_store_list_imports (store, &error);
  g_assert_no_error (error);
  record = g_ptr_array_index (imports, 0);
  g_assert_cmpuint (record->skipped_rows->len, ==, 0);
  g_assert_cmpuint (record->n_skipped, ==, 2);
  g_assert_cmpuint (record->size, ==, 0);
  g_assert_cmpstr (record->dialect, ==, "comma");
  g_assert_null (record->delimiter);
  g_clear_pointer (&imports, g_ptr_array_unref);
  g_clear_object (&store);

  test_dir_clear (&dir);
}

/* quick_check runs on files changed outside Likert since they last passed it, and only then. */
static void
test_verified_cache (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length, page_size;
  sqlite3 *db;

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  import_small (store, &dir);
  g_assert_false (likert_store_was_checked (store));   /* new: nothing to check */
  g_clear_object (&store);

  /* Unchanged since this process closed it: not read through again. */
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (likert_store_was_checked (store));
  g_assert_true (likert_store_set_note (store, 1, "edited in Likert", "A", &error));
  g_clear_object (&store);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_false (likert_store_was_checked (store));
  g_clear_object (&store);

  /* Written by something else: checked again. */
  g_usleep (10000);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE dataset SET name = 'renamed'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (likert_store_was_checked (store));
  g_clear_object (&store);

  /* Damaged by something else: refused. The header of the last page (a b-tree page). */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guchar) contents[16] << 8) | (guchar) contents[17];
  g_assert_cmpuint (length, >=, 2 * page_size);
  memset (contents + length - page_size, 0xA5, 64);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT);

  test_dir_clear (&dir);
}

/* The cache of verified projects keeps the last ones closed, not every one ever opened. */
static void
test_verified_cache_bounded (void)
{
  TestDir dir;
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "likert", "verified.ini",
                                             NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) known = NULL;
  gsize n_known = 0;

  test_dir_init (&dir);
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%u.likert", i);
      g_autofree char *path = test_dir_file (&dir, name);
      g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);

      g_assert_no_error (error);
      if (i == 0)
        first = g_canonicalize_filename (path, NULL);
      else if (i == 79)
        last = g_canonicalize_filename (path, NULL);
    }

  g_assert_true (g_key_file_load_from_file (keys, cache, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  known = g_key_file_get_keys (keys, "verified", &n_known, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_known, <=, 64);
  g_assert_cmpuint (n_known, >=, 1);
  g_assert_false (g_key_file_has_key (keys, "verified", first, NULL));
  g_assert_true (g_key_file_has_key (keys, "verified", last, NULL));

  /* Forgotten, the first is checked again when it opens; the last is not. */
  {
    g_autoptr(LikertStore) store = likert_store_open (first, LIKERT_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (likert_store_was_checked (store));
  }
  {
    g_autoptr(LikertStore) store = likert_store_open (last, LIKERT_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_false (likert_store_was_checked (store));
  }
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  TestDir cache;
  g_autofree char *likert = NULL;
  g_autofree char *verified = NULL;
  int status;

  /* A cache of verified projects of this program's own: the suite's other programs, running
   * beside it, open and close projects too, and would push this one's out of the shared one.
   * (Not G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets for each test.) */
  test_dir_init (&cache);
  g_setenv ("XDG_CACHE_HOME", cache.path, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/create-reopen", test_create_reopen);
  g_test_add_func ("/store/not-a-project", test_not_a_project);
  g_test_add_func ("/store/schema", test_schema);
  g_test_add_func ("/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/store/migrate-v2", test_migrate_v2);
  g_test_add_func ("/store/migrate-v3", test_migrate_v3);
  g_test_add_func ("/store/migrate-v4", test_migrate_v4);
  g_test_add_func ("/store/verified-cache", test_verified_cache);
  g_test_add_func ("/store/verified-cache/bounded", test_verified_cache_bounded);
  g_test_add_func ("/store/list-imports", test_list_imports);
  status = g_test_run ();

  likert = g_build_filename (cache.path, "likert", NULL);
  verified = g_build_filename (likert, "verified.ini", NULL);
  g_remove (verified);
  g_rmdir (likert);
  test_dir_clear (&cache);
  return status;
}
