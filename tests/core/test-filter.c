/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-sql-oracle.h"
#include "test-common.h"

/* The frame's answers against SQL's on the same file, for random filters. */

static const char * const countries[] = { "MA", "FR", "US", "GB", "EG", "SA", "RU", "CA", "ZZ" };
static const char * const devices[] = { "desktop", "mobile", "tablet" };
static const char * const words[] = { "slow", "page", "merci", "checkout", "lent", "خدمة",
                                      "страница", "zzzz-nothing" };
static const char * const tags[] = { "bug", "praise", "billing" };

typedef struct
{
  TestDir      dir;
  char        *path;
  LikertStore *store;
  sqlite3     *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = test_sample_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, sample, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Annotations on a random fifth of the responses. */
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    likert_store_ensure_tag (f->store, tags[i], &error);
  for (gint64 id = 1; id <= 5000; id++)
    {
      if (g_rand_int_range (rand, 0, 5) != 0)
        continue;
      g_assert_true (likert_store_set_status (f->store, id,
                                              (LikertStatus) g_rand_int_range (rand, 0, 4),
                                              "T", &error));
      for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
        if (g_rand_boolean (rand))
          likert_store_set_tag (f->store, id, likert_store_find_tag (f->store, tags[t]), TRUE,
                                "T", &error);
      if (g_rand_int_range (rand, 0, 4) == 0)
        likert_store_set_note (f->store, id, g_rand_boolean (rand) ? "checkout bug" : "billing",
                               "T", &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (sqlite3_open_v2 (f->path, &f->db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  sqlite3_close (f->db);
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
}

static GPtrArray *
pick (GRand              *rand,
      const char * const *choices,
      guint               n)
{
  GPtrArray *picked;
  guint k;

  if (g_rand_int_range (rand, 0, 2) == 0)
    return NULL;
  picked = g_ptr_array_new ();
  k = (guint) g_rand_int_range (rand, 1, 3);
  for (guint i = 0; i < k; i++)
    {
      const char *choice = choices[g_rand_int_range (rand, 0, (gint32) n)];

      if (!g_ptr_array_find_with_equal_func (picked, choice, g_str_equal, NULL))
        g_ptr_array_add (picked, (gpointer) choice);
    }
  return picked;
}

static void
test_random_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  g_assert_no_error (error);
  for (guint trial = 0; trial < 150; trial++)
    {
      g_autoptr(LikertFilter) filter = likert_filter_new ();
      g_autoptr(GPtrArray) country = pick (rand, countries, G_N_ELEMENTS (countries));
      g_autoptr(GPtrArray) device = pick (rand, devices, G_N_ELEMENTS (devices));
      g_autoptr(GPtrArray) tag_names = pick (rand, tags, G_N_ELEMENTS (tags));
      g_autofree guint64 *bits = NULL;
      g_autofree guint64 *matches = NULL;
      g_autofree char *condition = NULL;
      g_autoptr(LikertFilter) reloaded = NULL;
      g_autofree char *json = NULL;
      gint64 from, to;
      LikertTagMatch match = (LikertTagMatch) g_rand_int_range (rand, 0, 3);
      const char *search = NULL;
      guint64 expected[6], total;
      guint n_selected;
      LikertStats stats;

      for (guint i = 0; country && i < country->len; i++)
        likert_filter_add_value (filter, "country", g_ptr_array_index (country, i));
      for (guint i = 0; device && i < device->len; i++)
        likert_filter_add_value (filter, "device", g_ptr_array_index (device, i));
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          from = 1704067200 + (gint64) g_rand_int_range (rand, 0, 700) * 86400;  /* 2024 + days */
          to = from + (gint64) g_rand_int_range (rand, 1, 200) * 86400;
          likert_filter_set_range (filter, from, to);
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        for (int v = 1; v <= 5; v++)
          if (g_rand_boolean (rand))
            {
              likert_filter_add_rating (filter, "rating", v);
            }
      for (guint i = 0; tag_names && i < tag_names->len; i++)
        likert_filter_add_tag (filter, g_ptr_array_index (tag_names, i));
      likert_filter_set_tag_match (filter, match);
      if (g_rand_int_range (rand, 0, 3) == 0)
        for (int s = 0; s < 4; s++)
          if (g_rand_boolean (rand))
            {
              likert_filter_add_status (filter, (LikertStatus) s);
            }
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          search = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
          likert_filter_set_search (filter, search);
          matches = likert_frame_search (frame, f->store, search, NULL, &error);
          g_assert_no_error (error);
        }

      /* A saved view gives the same filter back. */
      json = likert_filter_to_json (filter);
      reloaded = likert_filter_from_json (json, &error);
      g_assert_no_error (error);
      g_assert_true (likert_filter_equal (filter, reloaded));

      bits = likert_filter_select (reloaded, frame, matches, NULL, &n_selected, &error);
      g_assert_no_error (error);
      likert_frame_compute_stats (frame, 0, bits, &stats);

      condition = likert_sql_oracle_condition (f->db, json, &error);
      g_assert_no_error (error);
      total = likert_sql_oracle_counts (f->db, condition, "rating", 1, expected, 6);
      g_test_message ("trial %u: %s → %u rows", trial, json, n_selected);
      g_assert_cmpuint (n_selected, ==, total);
      g_assert_cmpuint (stats.missing, ==, expected[0]);
      for (int v = 1; v <= 5; v++)
        g_assert_cmpuint (stats.counts[v - 1], ==, expected[v]);
      if (stats.n > 0)
        {
          double sum = 0;

          for (int v = 1; v <= 5; v++)
            sum += v * (double) expected[v];
          g_assert_cmpfloat_with_epsilon (stats.mean, sum / (double) stats.n, 1e-12);
          g_assert_cmpfloat_with_epsilon (stats.top2box,
                                          (double) (expected[4] + expected[5]) / (double) stats.n,
                                          1e-12);
        }
    }
}

static void
test_facets_and_segments (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  g_autoptr(LikertFilter) filter = likert_filter_new ();
  g_autofree guint64 *bits = NULL;
  g_autofree guint64 *counts = NULL;
  g_autofree LikertStats *stats = NULL;
  gint country = likert_frame_find_category (frame, "country");
  gint fr, ma;
  guint n, n_values;
  guint64 sum = 0;

  g_assert_no_error (error);
  g_assert_cmpint (country, >=, 0);
  g_assert_cmpint (likert_frame_find_category (frame, "comment"), ==, -1);
  n_values = likert_frame_get_n_category_values (frame, (guint) country);
  fr = likert_frame_find_category_value (frame, (guint) country, "FR");
  ma = likert_frame_find_category_value (frame, (guint) country, "MA");
  g_assert_cmpint (fr, >, 0);
  g_assert_cmpstr (likert_frame_get_category_value (frame, (guint) country, (guint) fr), ==, "FR");

  /* A facet's counts ignore its own selection: choosing FR still counts MA. */
  likert_filter_add_value (filter, "country", "FR");
  likert_filter_add_value (filter, "device", "mobile");
  bits = likert_filter_select (filter, frame, NULL, "country", &n, &error);
  counts = g_new0 (guint64, n_values);
  likert_frame_count_category (frame, (guint) country, bits, counts);
  g_assert_cmpuint (counts[ma], >, 0);
  for (guint c = 0; c < n_values; c++)
    sum += counts[c];
  g_assert_cmpuint (sum, ==, n);

  /* Segment stats add up to the whole. */
  stats = g_new0 (LikertStats, n_values);
  likert_frame_compute_segment_stats (frame, 0, (guint) country, NULL, stats);
  sum = 0;
  for (guint c = 0; c < n_values; c++)
    sum += stats[c].n + stats[c].missing;
  g_assert_cmpuint (sum, ==, likert_frame_get_n_rows (frame));

  /* Time buckets are categories too: 24 months in the sample, counted as SQL counts them. */
  {
    gint month = likert_frame_find_category (frame, LIKERT_FRAME_MONTH);
    g_autoptr(LikertFilter) march = likert_filter_new ();
    g_autofree guint64 *march_bits = NULL;
    guint n_march;
    sqlite3_stmt *stmt;

    g_assert_cmpint (month, >=, 0);
    g_assert_cmpint (likert_frame_find_category (frame, LIKERT_FRAME_WEEK), >=, 0);
    g_assert_cmpuint (likert_frame_get_n_category_values (frame, (guint) month), ==, 25);
    g_assert_cmpstr (likert_frame_get_category_value (frame, (guint) month, 1), ==, "2024-01");
    g_assert_cmpstr (likert_frame_get_category_title (frame, (guint) month), ==,
                     "Month submitted");
    likert_filter_add_value (march, LIKERT_FRAME_MONTH, "2025-03");
    likert_filter_add_status (march, LIKERT_STATUS_NEW);
    likert_filter_add_status (march, LIKERT_STATUS_REVIEWED);
    likert_filter_add_status (march, LIKERT_STATUS_FLAGGED);
    likert_filter_add_status (march, LIKERT_STATUS_EXCLUDED);
    march_bits = likert_filter_select (march, frame, NULL, NULL, &n_march, &error);
    g_assert_no_error (error);
    sqlite3_prepare_v2 (f->db, "SELECT count (*) FROM response WHERE strftime ('%Y-%m', "
                               "submitted_at, 'unixepoch') = '2025-03'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpuint (n_march, ==, (guint) sqlite3_column_int (stmt, 0));
    g_assert_cmpuint (n_march, >, 0);
    sqlite3_finalize (stmt);
  }

  /* Unknown names are errors, not crashes. */
  likert_filter_add_value (filter, "nope", "x");
  g_free (bits);
  bits = likert_filter_select (filter, frame, NULL, NULL, &n, &error);
  g_assert_error (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_edits_patch_frame (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  g_autoptr(LikertFilter) filter = likert_filter_new ();
  g_autofree guint64 *before = NULL;
  g_autofree guint64 *after = NULL;
  gint64 tag_id = likert_store_ensure_tag (f->store, "fresh", &error);
  guint tag = likert_frame_add_tag (frame, tag_id, "fresh");
  guint n_before, n_after;

  likert_filter_add_tag (filter, "fresh");
  before = likert_filter_select (filter, frame, NULL, NULL, &n_before, &error);
  g_assert_cmpuint (n_before, ==, 0);

  /* Tag row 10 in the store and patch the frame, as the window does: no reload. */
  g_assert_true (likert_store_set_tag (f->store, likert_frame_get_response_id (frame, 10), tag_id,
                                       TRUE, "T", &error));
  likert_frame_set_tag (frame, 10, tag, TRUE);
  after = likert_filter_select (filter, frame, NULL, NULL, &n_after, &error);
  g_assert_cmpuint (n_after, ==, 1);
  g_assert_true ((after[0] >> 10) & 1);

  /* Excluded rows leave the default selection. */
  likert_frame_set_status (frame, 10, LIKERT_STATUS_EXCLUDED);
  g_free (after);
  after = likert_filter_select (filter, frame, NULL, NULL, &n_after, &error);
  g_assert_cmpuint (n_after, ==, 0);
}

static void
test_search_query (void)
{
  g_autofree char *q1 = likert_search_query ("  slow  Page! ");
  g_autofree char *q2 = likert_search_query ("\"; DROP TABLE response; --");
  g_autofree char *q3 = likert_search_query ("…  ");
  g_autofree char *q4 = likert_search_query ("très lent");

  g_assert_cmpstr (q1, ==, "\"slow\"* \"Page\"*");
  g_assert_cmpstr (q2, ==, "\"DROP\"* \"TABLE\"* \"response\"*");
  g_assert_null (q3);
  g_assert_cmpstr (q4, ==, "\"très\"* \"lent\"*");
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  g_autofree guint *by_time = NULL;
  g_autofree guint *by_rating = NULL;
  guint n;

  by_time = likert_frame_sort_rows (frame, NULL, LIKERT_SORT_TIME, 0, TRUE, &n);
  g_assert_cmpuint (n, ==, 5000);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (likert_frame_get_submitted_at (frame, by_time[i - 1]), >=,
                     likert_frame_get_submitted_at (frame, by_time[i]));
  by_rating = likert_frame_sort_rows (frame, NULL, LIKERT_SORT_RATING, 0, FALSE, &n);
  for (guint i = 1; i < n; i++)
    {
      int a = likert_frame_get_rating (frame, 0, by_rating[i - 1]);
      int b = likert_frame_get_rating (frame, 0, by_rating[i]);

      /* Ascending; no answer last; ties in row order. */
      g_assert_true ((a >= 0 && (b < 0 || a < b || (a == b && by_rating[i - 1] < by_rating[i]))) ||
                     (a < 0 && b < 0 && by_rating[i - 1] < by_rating[i]));
    }
}

/* Sorting by the free-text and tag columns: presence (or count) first, then row order. */
static void
test_sort_presence (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  LikertSortKey keys[] = { LIKERT_SORT_TEXT, LIKERT_SORT_NOTE, LIKERT_SORT_TAGS };
  sqlite3_stmt *stmt;
  gint with_text;

  g_assert_no_error (error);
  sqlite3_prepare_v2 (f->db, "SELECT count (*) FROM response WHERE json_extract (cells, '$[4]') != ''",
                      -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  with_text = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (with_text, >, 1000);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autofree guint *rows = NULL;
      guint n, previous = G_MAXUINT;

      rows = likert_frame_sort_rows (frame, NULL, keys[k], 0, TRUE, &n);
      g_assert_cmpuint (n, ==, 5000);
      for (guint i = 0; i < n; i++)
        {
          guint key = 0;
          g_autoptr(LikertResponse) response =
            likert_store_get_response (f->store, likert_frame_get_response_id (frame, rows[i]), NULL);

          /* The key from the store itself: a comment (cell 4), a note, the number of tags. */
          if (keys[k] == LIKERT_SORT_TEXT)
            key = response->cells[4][0] != '\0';
          else if (keys[k] == LIKERT_SORT_NOTE)
            key = response->note[0] != '\0';
          else
            key = response->tag_ids->len;
          g_assert_cmpuint (key, <=, previous);
          if (keys[k] == LIKERT_SORT_TEXT && i == (guint) with_text)
            g_assert_cmpuint (key, ==, 0);
          if (key == previous && i > 0)
            g_assert_cmpuint (rows[i], >, rows[i - 1]);
          previous = key;
        }
    }
}

static void
test_views (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *json = NULL;

  g_assert_true (likert_store_save_view (f->store, "Mobile in Morocco",
                                         "{\"where\":{\"country\":[\"MA\"]}}", &error));
  g_assert_true (likert_store_save_view (f->store, "Mobile in Morocco",
                                         "{\"where\":{\"device\":[\"mobile\"]}}", &error));
  names = likert_store_list_views (f->store, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  json = likert_store_get_view (f->store, "Mobile in Morocco", &error);
  g_assert_cmpstr (json, ==, "{\"where\":{\"device\":[\"mobile\"]}}");
  g_assert_true (likert_store_delete_view (f->store, "Mobile in Morocco", &error));
  g_assert_null (likert_store_get_view (f->store, "Mobile in Morocco", &error));
  g_assert_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/filter/random-vs-sql", Fixture, NULL, fixture_setup, test_random_filters,
              fixture_teardown);
  g_test_add ("/filter/facets-segments", Fixture, NULL, fixture_setup, test_facets_and_segments,
              fixture_teardown);
  g_test_add ("/filter/edits", Fixture, NULL, fixture_setup, test_edits_patch_frame,
              fixture_teardown);
  g_test_add ("/filter/sort", Fixture, NULL, fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/filter/sort-presence", Fixture, NULL, fixture_setup, test_sort_presence,
              fixture_teardown);
  g_test_add ("/filter/views", Fixture, NULL, fixture_setup, test_views, fixture_teardown);
  g_test_add_func ("/filter/search-query", test_search_query);
  return g_test_run ();
}
