/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "likert-frame.h"
#include "likert-import.h"
#include "test-common.h"

typedef struct
{
  TestDir      dir;
  char        *path;
  LikertStore *store;
  LikertFrame *frame;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, sample, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->frame, likert_frame_unref);
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
}

/* Per-value counts of the rating by SQL over rows whose id is in [lo, hi]. */
static void
sql_counts (const char *path,
            gint64      lo,
            gint64      hi,
            guint64     counts[5])
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  memset (counts, 0, 5 * sizeof (guint64));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT a.value, count(*) FROM answer a "
                                       "JOIN field f ON f.id = a.field_id AND f.role = 'rating' "
                                       "WHERE a.response_id BETWEEN ? AND ? GROUP BY a.value",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, lo);
  sqlite3_bind_int64 (stmt, 2, hi);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    counts[sqlite3_column_int (stmt, 0) - 1] = (guint64) sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  guint n = likert_frame_get_n_rows (f->frame);

  g_assert_cmpuint (n, ==, 5000);
  for (guint row = 0; row < n; row += 97)
    g_assert_cmpint (likert_frame_find_row (f->frame, likert_frame_get_response_id (f->frame, row)),
                     ==, (gint) row);
  g_assert_cmpint (likert_frame_find_row (f->frame, 0), ==, -1);
  g_assert_cmpint (likert_frame_find_row (f->frame, 999999), ==, -1);
  g_assert_cmpint (likert_frame_find_question (f->frame, "rating"), ==, 0);
  g_assert_cmpint (likert_frame_find_question (f->frame, "comment"), ==, -1);

  /* Times ascend as in the file. */
  for (guint row = 1; row < n; row++)
    g_assert_cmpint (likert_frame_get_submitted_at (f->frame, row), >=,
                     likert_frame_get_submitted_at (f->frame, row - 1));
}

static void
test_filter_matches_sql (Fixture       *f,
                         gconstpointer  data)
{
  guint n = likert_frame_get_n_rows (f->frame);
  g_autofree guint64 *filter = g_new0 (guint64, (n + 63) / 64);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint trial = 0; trial < 20; trial++)
    {
      guint a = (guint) g_rand_int_range (rand, 0, (gint32) n);
      guint b = (guint) g_rand_int_range (rand, (gint32) a, (gint32) n);
      guint64 expected[5];
      LikertStats stats;

      memset (filter, 0, (n + 63) / 64 * sizeof (guint64));
      for (guint row = a; row <= b; row++)
        filter[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);

      likert_frame_compute_stats (f->frame, 0, filter, &stats);
      sql_counts (f->path, likert_frame_get_response_id (f->frame, a),
                  likert_frame_get_response_id (f->frame, b), expected);
      for (guint v = 0; v < 5; v++)
        g_assert_cmpuint (stats.counts[v], ==, expected[v]);
      g_assert_cmpuint (stats.n + stats.missing, ==, b - a + 1);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LikertFrame **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = likert_frame_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LikertFrame) frame = NULL;

  likert_frame_load_async (f->path, NULL, load_cb, &frame);
  while (frame == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (likert_frame_get_n_rows (frame), ==, likert_frame_get_n_rows (f->frame));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/frame/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/frame/filter-matches-sql", Fixture, NULL, fixture_setup, test_filter_matches_sql,
              fixture_teardown);
  g_test_add ("/frame/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  return g_test_run ();
}
