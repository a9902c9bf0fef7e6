/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile project files: a project is shared by email, so a file made or altered by hand (a
 * trigger, a view, a column, a table or an index added, a definition edited, another
 * application's ID, a format from the future or below zero, a truncated file, a damaged page)
 * is refused by likert_store_open with a clear error, before any statement but the checks runs
 * on it and without writing a byte. Every SQL statement any connection runs is traced (through
 * an automatic extension, registered before the store opens anything) to show it. */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "likert-import.h"
#include "likert-store-private.h"
#include "test-common.h"

/* ---------------------------------------------------------------- tracing ------------ */

/* Statements run on the connection to the file under test (its base name), in order. */
static GPtrArray *traced;
static char *traced_file;

static int
trace_cb (unsigned  type,
          void     *data,
          void     *p,
          void     *x)
{
  sqlite3 *db = sqlite3_db_handle (p);
  const char *file = sqlite3_db_filename (db, "main");
  g_autofree char *base = NULL;

  if (traced_file == NULL || file == NULL || *file == '\0')
    return 0;
  base = g_path_get_basename (file);
  if (g_str_equal (base, traced_file))
    g_ptr_array_add (traced, g_strdup (x));
  return 0;
}

static int
trace_entry (sqlite3                           *db,
             const char                       **message,
             const struct sqlite3_api_routines *api)
{
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, NULL);
  return SQLITE_OK;
}

static void
trace_start (const char *path)
{
  g_clear_pointer (&traced_file, g_free);
  traced_file = g_path_get_basename (path);
  g_ptr_array_set_size (traced, 0);
}

/* What the store may run on a file before it has decided the file is a project it can open. */
static const char * const checks[] = {
  "PRAGMA application_id",
  "PRAGMA user_version",
  "SELECT count(*) FROM sqlite_schema",
  "SELECT ifnull (type, ''), ifnull (name, ''), ifnull (tbl_name, ''), ifnull (sql, '') "
  "FROM sqlite_schema",
  "PRAGMA quick_check(1)",
};

static void
assert_only_checks_ran (gboolean quick_check_allowed)
{
  g_assert_cmpuint (traced->len, >, 0);
  for (guint i = 0; i < traced->len; i++)
    {
      const char *sql = g_ptr_array_index (traced, i);
      gboolean known = FALSE;

      for (guint c = 0; c < G_N_ELEMENTS (checks); c++)
        if (g_str_equal (sql, checks[c]))
          known = TRUE;
      if (!known || (!quick_check_allowed && g_str_equal (sql, "PRAGMA quick_check(1)")))
        g_error ("statement run on a refused file: %s", sql);
    }
}

/* ---------------------------------------------------------------- fixtures ----------- */

typedef struct
{
  TestDir  dir;
  char    *project;    /* a valid project with one import and an annotation */
  char    *contents;   /* its bytes */
  gsize    length;
  gsize    page_size;  /* read from its header */
  guint    n_made;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autofree char *csv = NULL;

  test_dir_init (&fixture->dir);
  csv = test_dir_write (&fixture->dir, "small.csv",
                        "id,submitted,rating,comment,country\n"
                        "a,2024-03-05 10:00,5,\"Great, really\",FR\n"
                        "b,2024-03-06 11:30,2,Slow,MA\n"
                        "c,2024-03-07 09:15,,,FR\n", -1);
  fixture->project = test_dir_file (&fixture->dir, "base.likert");
  store = likert_store_open (fixture->project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (likert_store_set_note (store, 1, "a note", "tester", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (fixture->project, &fixture->contents, &fixture->length,
                                      NULL));
  /* The page size, big-endian at offset 16 of the header (1 stands for 65536). */
  g_assert_cmpuint (fixture->length, >=, 100);
  fixture->page_size = (gsize) ((guchar) fixture->contents[16] << 8 |
                                (guchar) fixture->contents[17]);
  if (fixture->page_size == 1)
    fixture->page_size = 65536;
  g_assert_cmpuint (fixture->page_size, >=, 4096);
  /* Closed cleanly: no log left beside it, all of it is in the file. */
  g_assert_cmpuint (fixture->length, >, fixture->page_size);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&traced_file, g_free);
  g_free (fixture->project);
  g_free (fixture->contents);
  test_dir_clear (&fixture->dir);
}

/* A copy of the project under a new name (a new file: nothing remembered about it). */
static char *
copy_project (Fixture *fixture)
{
  g_autofree char *name = g_strdup_printf ("copy%u.likert", fixture->n_made++);

  return test_dir_write (&fixture->dir, name, fixture->contents, (gssize) fixture->length);
}

/* Runs SQL on a copy of the project with SQLite itself, as someone editing it by hand would. */
static char *
altered_copy (Fixture    *fixture,
              const char *sql)
{
  char *path = copy_project (fixture);
  char *message = NULL;
  sqlite3 *db;

  trace_start ("(none)");
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

/* Opens path, which must be refused with domain/code and a message naming the file and
 * holding `says`; checks that only the checks ran on it and that it is unchanged. */
static void
assert_refused (const char *path,
                int         code,
                const char *says,
                gboolean    quick_check_allowed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gsize before_length, after_length;
  LikertStore *store;

  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  trace_start (path);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  if (says != NULL && strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  assert_only_checks_ran (quick_check_allowed);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* ---------------------------------------------------------------- tests -------------- */

/* The project, a copy of it, and a project of the first format all open: the whitelist
 * accepts what the migrations make (and sqlite_stat1, which ANALYZE adds). */
static void
test_valid (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *copy = copy_project (fixture);
  g_autofree char *analyzed = altered_copy (fixture, "ANALYZE");
  g_autofree char *v1_fixture = g_build_filename (g_getenv ("LIKERT_SOURCE_ROOT"), "tests",
                                                  "data", "projects", "v1.likert", NULL);
  g_autofree char *v1_contents = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *empty = test_dir_write (&fixture->dir, "empty.likert", "", 0);
  const char *paths[4];
  gsize v1_length;

  g_assert_true (g_file_get_contents (v1_fixture, &v1_contents, &v1_length, NULL));
  v1 = test_dir_write (&fixture->dir, "v1.likert", v1_contents, (gssize) v1_length);
  paths[0] = copy;
  paths[1] = analyzed;
  paths[2] = v1;
  paths[3] = empty;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertStore) store = likert_store_open (paths[i], LIKERT_STORE_OPEN_DEFAULT,
                                                        &error);

      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_clear_object (&store);
      /* And again once migrated or remembered as verified. */
      store = likert_store_open (paths[i], LIKERT_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
    }
}

static void
test_trigger (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "CREATE TRIGGER wipe AFTER UPDATE ON annotation BEGIN DELETE FROM response; END;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "the trigger “wipe” is not part", FALSE);
}

static void
test_trigger_on_history (Fixture       *fixture,
                             gconstpointer  data)
{
  /* A trigger that does nothing, named like one of our indexes. */
  g_autofree char *path = altered_copy (fixture,
    "CREATE TRIGGER response_frame_t BEFORE INSERT ON history BEGIN SELECT 1; END;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "response_frame_t", FALSE);
}

static void
test_view (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "CREATE VIEW everything AS SELECT * FROM response JOIN annotation ON response_id = id;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                  "the view “everything” is not part", FALSE);
}

static void
test_application_id (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture, "PRAGMA application_id = 1234;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "another application", FALSE);
}

static void
test_future_version (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d;",
                                          LIKERT_STORE_SCHEMA_VERSION + 1);
  g_autofree char *path = altered_copy (fixture, sql);

  assert_refused (path, LIKERT_STORE_ERROR_TOO_NEW, "newer version of Likert", FALSE);
}

/* A negative format would have run migrations[-1]. */
static void
test_negative_version (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture, "PRAGMA user_version = -1;");
  g_autofree char *lowest = altered_copy (fixture, "PRAGMA user_version = -2147483648;");

  assert_refused (path, LIKERT_STORE_ERROR_CORRUPT, "damaged", FALSE);
  assert_refused (lowest, LIKERT_STORE_ERROR_CORRUPT, "damaged", FALSE);
}

/* An older format whose schema is not the one that format had: not migrated over. */
static void
test_older_version_newer_schema (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture, "PRAGMA user_version = 1;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "altered outside Likert", FALSE);
}

static void
test_extra_column (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "ALTER TABLE annotation ADD COLUMN secret TEXT DEFAULT 'x';");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                  "the table “annotation” is not defined", FALSE);
}

static void
test_extra_table (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "CREATE TABLE payload (x BLOB); INSERT INTO payload VALUES (zeroblob (100));");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "the table “payload” is not part", FALSE);
}

static void
test_foreign_index (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "CREATE INDEX response_key ON response (response_key);");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                  "the index “response_key” is not part", FALSE);
}

/* An index of ours redefined (same name, another expression). */
static void
test_index_redefined (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "DROP INDEX history_response; CREATE INDEX history_response ON history (author);");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                  "the index “history_response” is not defined", FALSE);
}

static void
test_missing_index (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture, "DROP INDEX response_tag_tag;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "“response_tag_tag” is missing", FALSE);
}

/* The stored SQL edited in place (writable_schema), as a hand-made file could have it. */
static void
test_definition_edited (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "PRAGMA writable_schema = ON;"
    "UPDATE sqlite_schema SET sql = replace (sql, 'status INTEGER NOT NULL DEFAULT 0', "
    "                                        'status INTEGER NOT NULL DEFAULT 2') "
    "WHERE name = 'annotation';"
    "PRAGMA writable_schema = OFF;");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                  "the table “annotation” is not defined", FALSE);
}

/* A table renamed to one of ours' names after ours is dropped: same name, other definition. */
static void
test_table_replaced (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = altered_copy (fixture,
    "PRAGMA foreign_keys = OFF;"
    "DROP TABLE view;"
    "CREATE TABLE view (id INTEGER PRIMARY KEY, name TEXT, definition TEXT, updated_at);");

  assert_refused (path, LIKERT_STORE_ERROR_NOT_A_PROJECT, "the table “view” is not defined", FALSE);
}

/* Cut at half, at a page and a few bytes, and inside page 1 (past the 100-byte header). */
static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  const gsize lengths[] = { fixture->length / 2, fixture->page_size + 7, 4096, 200 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *name = g_strdup_printf ("cut%u.likert", i);
      g_autofree char *path = test_dir_write (&fixture->dir, name, fixture->contents,
                                              (gssize) lengths[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_length, after_length;
      LikertStore *store;

      g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
      trace_start (path);
      store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
      g_assert_null (store);
      g_assert_nonnull (error);
      g_test_message ("cut at %zu: %s", lengths[i], error->message);
      g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "damaged"));
      assert_only_checks_ran (TRUE);
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (before, before_length, after, after_length);
    }
}

/* The page number of the root of a table (read from the intact project). */
static int
root_page (Fixture    *fixture,
           const char *table)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  int page;

  g_assert_cmpint (sqlite3_open_v2 (fixture->project, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (page, >, 1);
  return page;
}

/* A damaged page of a table: its b-tree header overwritten with garbage. */
static void
test_corrupt_page (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *tables[] = { "response", "annotation", "field" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gsize offset = (gsize) (root_page (fixture, tables[i]) - 1) * fixture->page_size;
      g_autofree char *damaged = g_memdup2 (fixture->contents, fixture->length);
      g_autofree char *name = g_strdup_printf ("damaged-%s.likert", tables[i]);
      g_autofree char *path = NULL;

      g_assert_cmpuint (offset + 64, <=, fixture->length);
      for (guint b = 0; b < 64; b++)
        damaged[offset + b] = (char) (0xA5 ^ (b * 37));
      path = test_dir_write (&fixture->dir, name, damaged, (gssize) fixture->length);
      assert_refused (path, LIKERT_STORE_ERROR_CORRUPT, "damaged", TRUE);
    }
}

/* Page 1 (the schema) damaged past the header: the schema cannot be read. */
static void
test_corrupt_schema_page (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *damaged = g_memdup2 (fixture->contents, fixture->length);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LikertStore *store;

  memset (damaged + 100, 0xFF, 12);
  path = test_dir_write (&fixture->dir, "damaged-schema.likert", damaged,
                         (gssize) fixture->length);
  trace_start (path);
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  assert_only_checks_ran (TRUE);
}

/* Extension loading is off on the store's connection (and load_extension () refused), the
 * connection is defensive and does not trust the schema. */
static void
test_connection_config (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = likert_store_open (fixture->project, LIKERT_STORE_OPEN_DEFAULT,
                                                    &error);
  sqlite3 *db;
  char *message = NULL;
  int value = -1;

  g_assert_no_error (error);
  db = _likert_store_get_db (store);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value), ==,
                   SQLITE_OK);
  g_assert_cmpint (value, ==, 0);
  value = -1;
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &value), ==, SQLITE_OK);
  g_assert_cmpint (value, ==, 1);
  value = -1;
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value), ==,
                   SQLITE_OK);
  g_assert_cmpint (value, ==, 0);

  g_assert_cmpint (sqlite3_exec (db, "SELECT load_extension ('/nonexistent/evil')", NULL, NULL,
                                 &message), ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (message, "not authorized"));
  sqlite3_free (message);

  /* Defensive: the schema cannot be written through the connection. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA writable_schema = ON; "
                                     "UPDATE sqlite_schema SET sql = sql WHERE name = 'tag'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  traced = g_ptr_array_new_with_free_func (g_free);
  g_assert_cmpint (sqlite3_auto_extension ((void (*) (void)) trace_entry), ==, SQLITE_OK);

#define ADD(name, func) \
  g_test_add ("/hostile/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("valid", test_valid);
  ADD ("trigger", test_trigger);
  ADD ("trigger-on-history", test_trigger_on_history);
  ADD ("view", test_view);
  ADD ("application-id", test_application_id);
  ADD ("future-version", test_future_version);
  ADD ("negative-version", test_negative_version);
  ADD ("older-version-newer-schema", test_older_version_newer_schema);
  ADD ("extra-column", test_extra_column);
  ADD ("extra-table", test_extra_table);
  ADD ("foreign-index", test_foreign_index);
  ADD ("index-redefined", test_index_redefined);
  ADD ("missing-index", test_missing_index);
  ADD ("definition-edited", test_definition_edited);
  ADD ("table-replaced", test_table_replaced);
  ADD ("truncated", test_truncated);
  ADD ("corrupt-page", test_corrupt_page);
  ADD ("corrupt-schema-page", test_corrupt_schema_page);
  ADD ("connection-config", test_connection_config);
#undef ADD

  {
    int status = g_test_run ();

    sqlite3_reset_auto_extension ();
    g_ptr_array_unref (traced);
    return status;
  }
}
