/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "likert-codebook.h"
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

static void
tag_rows (LikertStore *store,
          gint64       tag_id,
          const guint *rows,
          guint        n_rows,
          LikertFrame *frame)
{
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GError) error = NULL;

      likert_store_set_tag (store, likert_frame_get_response_id (frame, rows[i]), tag_id, TRUE,
                            "test", &error);
      g_assert_no_error (error);
    }
}

/* The frame's tags patched as the codebook changes agree with a frame loaded afresh. */
static void
assert_tags_as_loaded (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) fresh = likert_frame_load (f->store, NULL, &error);
  gsize n_words = likert_frame_bitmap_words (f->frame);

  g_assert_no_error (error);
  g_assert_cmpuint (likert_frame_get_n_tags (f->frame), ==, likert_frame_get_n_tags (fresh));
  for (guint t = 0; t < likert_frame_get_n_tags (fresh); t++)
    {
      gint mine = likert_frame_find_tag (f->frame, likert_frame_get_tag_id (fresh, t));

      g_assert_cmpint (mine, >=, 0);
      g_assert_cmpstr (likert_frame_get_tag_name (f->frame, (guint) mine), ==,
                       likert_frame_get_tag_name (fresh, t));
      g_assert_cmpmem (likert_frame_get_tag_rows (f->frame, (guint) mine),
                       n_words * sizeof (guint64),
                       likert_frame_get_tag_rows (fresh, t), n_words * sizeof (guint64));
    }
}

static void
test_codebook_edits (Fixture       *f,
                     gconstpointer  data)
{
  static const guint billing_rows[] = { 0, 3, 64, 65, 200 };
  static const guint price_rows[] = { 3, 7, 64, 4999 };
  g_autoptr(GError) error = NULL;
  gint64 billing, price, speed, fees, price_fees;
  gsize n_words = likert_frame_bitmap_words (f->frame);
  guint index;

  billing = likert_codebook_create (f->store, "Billing", 0, NULL, NULL, NULL, "test", &error);
  g_assert_no_error (error);
  price = likert_codebook_create (f->store, "Price", 0, NULL, NULL, NULL, "test", &error);
  g_assert_no_error (error);
  speed = likert_codebook_create (f->store, "Speed", 0, NULL, NULL, NULL, "test", &error);
  g_assert_no_error (error);
  tag_rows (f->store, billing, billing_rows, G_N_ELEMENTS (billing_rows), f->frame);
  tag_rows (f->store, price, price_rows, G_N_ELEMENTS (price_rows), f->frame);
  g_assert_true (likert_frame_reload_tags (f->frame, f->store, &error));
  g_assert_no_error (error);
  assert_tags_as_loaded (f);
  g_assert_cmpuint (likert_bitmap_count (likert_frame_get_tag_rows (f->frame, (guint)
                      likert_frame_find_tag (f->frame, billing)), n_words), ==, 5);

  /* Rename. */
  g_assert_true (likert_codebook_rename (f->store, speed, "Performance", "test", &error));
  g_assert_no_error (error);
  likert_frame_rename_tag (f->frame, (guint) likert_frame_find_tag (f->frame, speed),
                           "Performance");
  g_assert_cmpint (likert_frame_find_tag_by_name (f->frame, "Performance"), ==,
                   likert_frame_find_tag (f->frame, speed));
  g_assert_cmpint (likert_frame_find_tag_by_name (f->frame, "Speed"), ==, -1);
  assert_tags_as_loaded (f);

  /* Merge: Billing's rows join Price's (3 and 64 had both), Billing is gone. */
  g_assert_true (likert_codebook_merge (f->store, billing, price, "test", NULL, &error));
  g_assert_no_error (error);
  index = likert_frame_merge_tag (f->frame, (guint) likert_frame_find_tag (f->frame, billing),
                                  (guint) likert_frame_find_tag (f->frame, price));
  g_assert_cmpint ((gint) index, ==, likert_frame_find_tag (f->frame, price));
  g_assert_cmpint (likert_frame_find_tag (f->frame, billing), ==, -1);
  g_assert_cmpuint (likert_bitmap_count (likert_frame_get_tag_rows (f->frame, index), n_words),
                    ==, 7);
  assert_tags_as_loaded (f);

  /* Remove. */
  g_assert_true (likert_codebook_delete (f->store, speed, "test", NULL, &error));
  g_assert_no_error (error);
  likert_frame_remove_tag (f->frame, (guint) likert_frame_find_tag (f->frame, speed));
  g_assert_cmpint (likert_frame_find_tag (f->frame, speed), ==, -1);
  assert_tags_as_loaded (f);

  /* A merge that also merges subtags of the same name: reload. */
  fees = likert_codebook_create (f->store, "Fees", price, NULL, NULL, NULL, "test", &error);
  g_assert_no_error (error);
  billing = likert_codebook_create (f->store, "Billing", 0, NULL, NULL, NULL, "test", &error);
  g_assert_no_error (error);
  price_fees = likert_codebook_create (f->store, "Fees", billing, NULL, NULL, NULL, "test",
                                       &error);
  g_assert_no_error (error);
  tag_rows (f->store, price_fees, billing_rows, 2, f->frame);
  g_assert_true (likert_codebook_merge (f->store, billing, price, "test", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (likert_frame_reload_tags (f->frame, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (likert_frame_find_tag (f->frame, price_fees), ==, -1);
  g_assert_cmpuint (likert_bitmap_count (likert_frame_get_tag_rows (f->frame, (guint)
                      likert_frame_find_tag (f->frame, fees)), n_words), ==, 2);
  assert_tags_as_loaded (f);
}

/* A project whose blocks of what the frame reads (response_block) do not fit their responses
 * is refused as damaged, whatever the lie: the frame never reads past a blob, nor takes a
 * count it cannot hold. */
static void
test_damaged_blocks (void)
{
  static const char * const damages[] = {
    /* a time short */
    "UPDATE response_block SET submitted_at = substr (submitted_at, 9) WHERE first_id = 1",
    /* more responses than text flags */
    "UPDATE response_block SET n = n + 5 WHERE first_id = 1",
    /* facets wider than they are */
    "UPDATE response_block SET facet_bytes = facet_bytes + 2 WHERE first_id = 1",
    /* ratings wider than they are */
    "UPDATE response_block SET rating_bytes = rating_bytes + 1 WHERE first_id = 1",
    /* a block over its neighbour's ids */
    "UPDATE response_block SET first_id = 2 "
    "WHERE first_id = (SELECT min (first_id) FROM response_block WHERE first_id > 1)",
  };
  TestDir dir;
  g_autofree char *sample = NULL;

  test_dir_init (&dir);
  sample = test_make_sample_project (&dir);
  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autofree char *name = g_strdup_printf ("damaged-%u.likert", i);
      g_autofree char *path = test_dir_file (&dir, name);
      g_autofree char *contents = NULL;
      g_autoptr(LikertStore) store = NULL;
      g_autoptr(LikertFrame) frame = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;
      sqlite3 *db;

      g_assert_true (g_file_get_contents (sample, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, damages[i], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_changes (db), ==, 1);
      sqlite3_close (db);

      store = likert_store_open (path, 0, &error);
      g_assert_no_error (error);
      frame = likert_frame_load (store, NULL, &error);
      g_test_message ("%s", damages[i]);
      g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT);
      g_assert_null (frame);
    }

  /* The sample itself loads, all of it. */
  {
    g_autoptr(LikertStore) store = likert_store_open (sample, 0, NULL);
    g_autoptr(LikertFrame) frame = likert_frame_load (store, NULL, NULL);

    g_assert_nonnull (frame);
    g_assert_cmpuint (likert_frame_get_n_rows (frame), ==, 5000);
  }
  test_dir_clear (&dir);
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
  g_test_add ("/frame/codebook-edits", Fixture, NULL, fixture_setup, test_codebook_edits,
              fixture_teardown);
  g_test_add_func ("/frame/damaged-blocks", test_damaged_blocks);
  return g_test_run ();
}
