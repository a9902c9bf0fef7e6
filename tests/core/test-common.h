/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* A temporary directory removed (with its files) at the end of the test. */
typedef struct
{
  char *path;
} TestDir;

static inline void
test_dir_init (TestDir *dir)
{
  g_autoptr(GError) error = NULL;

  dir->path = g_dir_make_tmp ("likert-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline char *
test_dir_file (TestDir    *dir,
               const char *name)
{
  return g_build_filename (dir->path, name, NULL);
}

static inline char *
test_dir_write (TestDir    *dir,
                const char *name,
                const char *contents,
                gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = test_dir_file (dir, name);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static inline void
test_dir_clear (TestDir *dir)
{
  GDir *d = g_dir_open (dir->path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir->path, name, NULL);
      g_remove (path);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir->path);
  g_free (dir->path);
}

/* Runs the main loop until check returns TRUE, at most timeout_s seconds (UI and async tests). */
static inline gboolean
wait_for (gboolean (*check) (gpointer),
          gpointer   data,
          double     timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout_s * G_USEC_PER_SEC);

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* Runs the main loop for a while (UI tests): GTK's tooltip timer, started by crossing events
 * over widgets with tooltips or by a popover's window, runs out while that window exists. GTK
 * 4.8 otherwise fires it after the window is destroyed, on a dead surface (a critical in
 * gdk_surface_get_device_position). */
static inline void
test_settle (void)
{
  gint64 end = g_get_monotonic_time () + 700 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static inline char *
test_sample_path (void)
{
  const char *root = g_getenv ("LIKERT_SOURCE_ROOT");

  return g_build_filename (root ? root : SOURCE_ROOT, "data", "samples", "website-feedback.csv",
                           NULL);
}

#ifdef LIKERT_IMPORT_ERROR
/* A new project at path with csv imported as it is detected: its store, and *report. */
static inline LikertStore *
test_import_new (const char          *path,
                 const char          *csv,
                 LikertImportReport **report)
{
  g_autoptr(GError) error = NULL;
  LikertStore *store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  *report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/* A project in dir made from the bundled sample (5,000 responses); its path. */
static inline char *
test_make_sample_project (TestDir *dir)
{
  g_autofree char *sample = test_sample_path ();
  char *path = test_dir_file (dir, "sample.likert");
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertStore) store = test_import_new (path, sample, &report);

  return path;
}
#endif

#ifdef SQLITE_OK
/* The rowids (in order, joined with commas) the full-text query finds in response_text. */
static inline char *
test_match_rowids (sqlite3    *db,
                   const char *query)
{
  sqlite3_stmt *stmt;
  char *rowids;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT ifnull (group_concat (rowid), '') FROM "
                                           "(SELECT rowid FROM response_text "
                                           " WHERE response_text MATCH ? ORDER BY rowid)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rowids = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return rowids;
}

/* Every response's facets decode, through field_value, to the cells of its CATEGORY fields. */
static inline void
assert_facets_match_cells (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt, *lookup;
  guint checked = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* One row per (response, category field), with the field's rank among the categories. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT r.facets, json_extract (r.cells, '$[' || f.position || ']'), f.id, "
    "       (SELECT count (*) FROM field g WHERE g.dataset_id = f.dataset_id "
    "        AND g.role = 'category' AND g.position < f.position) "
    "FROM response r JOIN field f ON f.dataset_id = r.dataset_id AND f.role = 'category'",
    -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT value FROM field_value WHERE field_id = ? AND code = ?", -1, &lookup, NULL),
    ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const guint8 *facets = sqlite3_column_blob (stmt, 0);
      int size = sqlite3_column_bytes (stmt, 0);
      const char *cell = (const char *) sqlite3_column_text (stmt, 1);
      int rank = sqlite3_column_int (stmt, 3);
      guint code;

      g_assert_cmpint (size, >=, 2 * rank + 2);
      code = facets[2 * rank] | (guint) facets[2 * rank + 1] << 8;
      if (code == 0)
        g_assert_cmpstr (cell, ==, "");
      else
        {
          sqlite3_reset (lookup);
          sqlite3_bind_int64 (lookup, 1, sqlite3_column_int64 (stmt, 2));
          sqlite3_bind_int (lookup, 2, (int) code);
          g_assert_cmpint (sqlite3_step (lookup), ==, SQLITE_ROW);
          g_assert_cmpstr ((const char *) sqlite3_column_text (lookup, 0), ==, cell);
        }
      checked++;
    }
  sqlite3_finalize (lookup);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (checked, >, 0);
}

/* Every response is in exactly one block of response_block, in id order, with its own time,
 * text flag, facets and ratings (the blocks' packed columns read back against the rows). */
static inline void
assert_blocks_match_rows (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *rows, *blocks;
  guint checked = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, dataset_id, submitted_at, has_text, "
                                           "facets, ratings FROM response ORDER BY id",
                                       -1, &rows, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT first_id, n, dataset_id, submitted_at, "
                                           "has_text, facet_bytes, facets, rating_bytes, "
                                           "ratings FROM response_block ORDER BY first_id",
                                       -1, &blocks, NULL), ==, SQLITE_OK);
  while (sqlite3_step (blocks) == SQLITE_ROW)
    {
      gint64 first_id = sqlite3_column_int64 (blocks, 0);
      gint64 n = sqlite3_column_int64 (blocks, 1);
      const guint8 *times = sqlite3_column_blob (blocks, 3);
      const guint8 *texts = sqlite3_column_blob (blocks, 4);
      gint64 facet_bytes = sqlite3_column_int64 (blocks, 5);
      const guint8 *facets = sqlite3_column_blob (blocks, 6);
      gint64 rating_bytes = sqlite3_column_int64 (blocks, 7);
      const guint8 *ratings = sqlite3_column_blob (blocks, 8);

      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (sqlite3_column_bytes (blocks, 3), ==, 8 * n);
      g_assert_cmpint (sqlite3_column_bytes (blocks, 4), ==, n);
      g_assert_cmpint (sqlite3_column_bytes (blocks, 6), ==, facet_bytes * n);
      g_assert_cmpint (sqlite3_column_bytes (blocks, 8), ==, rating_bytes * n);
      for (gint64 i = 0; i < n; i++)
        {
          guint64 time;

          g_assert_cmpint (sqlite3_step (rows), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int64 (rows, 0), ==, first_id + i);
          g_assert_cmpint (sqlite3_column_int64 (rows, 1), ==,
                           sqlite3_column_int64 (blocks, 2));
          memcpy (&time, times + 8 * i, sizeof time);
          if (sqlite3_column_type (rows, 2) == SQLITE_NULL)
            g_assert_cmpint ((gint64) GUINT64_FROM_LE (time), ==, G_MININT64);
          else
            g_assert_cmpint ((gint64) GUINT64_FROM_LE (time), ==,
                             sqlite3_column_int64 (rows, 2));
          g_assert_cmpint (texts[i], ==, sqlite3_column_int (rows, 3));
          g_assert_cmpint (sqlite3_column_bytes (rows, 4), ==, facet_bytes);
          if (facet_bytes > 0)
            g_assert_cmpmem (facets + facet_bytes * i, facet_bytes,
                             sqlite3_column_blob (rows, 4), facet_bytes);
          g_assert_cmpint (sqlite3_column_bytes (rows, 5), ==, rating_bytes);
          if (rating_bytes > 0)
            g_assert_cmpmem (ratings + rating_bytes * i, rating_bytes,
                             sqlite3_column_blob (rows, 5), rating_bytes);
          checked++;
        }
    }
  /* no response left out of the blocks */
  g_assert_cmpint (sqlite3_step (rows), ==, SQLITE_DONE);
  sqlite3_finalize (rows);
  sqlite3_finalize (blocks);
  sqlite3_close (db);
  g_assert_cmpuint (checked, >, 0);
}
#endif
