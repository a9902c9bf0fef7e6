/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-frame: the interactive layer on a large project, against SQL on the same file.
 *
 *   bench-frame [ROWS] [PROJECT]
 *
 * Builds (or reuses) a project of ROWS generated responses (default 1,000,000), then prints
 * medians of: open → frame ready; histogram + statistics under 100 random filters, by the
 * frame and by an SQL GROUP BY (tests/common's oracle), and their ratio; a full-text search
 * of a common and a rare word; sorting the filtered list by time and by rating; peak RSS. */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-sql-oracle.h"

#define N_FILTERS 100

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static long
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

/* In a child process, so that the import's memory does not count in the parent's peak. */
static gboolean
build_project (const char *project,
               guint       rows)
{
  g_autofree char *csv = g_strdup_printf ("%s.csv", project);
  g_autofree char *generator = g_build_filename (SOURCE_ROOT, "data", "samples", "generate.py",
                                                 NULL);
  g_autofree char *count = g_strdup_printf ("%u", rows);
  const char *argv[] = { "python3", generator, "--rows", count, "-o", csv, NULL };
  g_autoptr(GError) error = NULL;
  int status;
  pid_t pid;

  g_printerr ("generating %u responses…\n", rows);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-frame: %s\n", error->message);
      return FALSE;
    }

  g_printerr ("importing…\n");
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr(LikertStore) store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
      g_autoptr(LikertImportReport) report = NULL;

      if (store != NULL)
        report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
      if (report == NULL)
        g_printerr ("bench-frame: %s\n", error->message);
      _exit (report != NULL ? 0 : 1);
    }
  waitpid (pid, &status, 0);
  g_remove (csv);
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Random filters over the generated fields, as an analyst would combine them. */
static LikertFilter *
random_filter (GRand *rand)
{
  static const char * const countries[] = { "MA", "FR", "US", "GB", "EG", "SA", "RU", "CA" };
  static const char * const devices[] = { "desktop", "mobile", "tablet" };
  static const char * const languages[] = { "en", "fr", "ar", "ru" };
  LikertFilter *filter = likert_filter_new ();
  guint k = (guint) g_rand_int_range (rand, 1, 3);

  for (guint i = 0; i < k; i++)
    likert_filter_add_value (filter, "country", countries[g_rand_int_range (rand, 0, 8)]);
  if (g_rand_boolean (rand))
    likert_filter_add_value (filter, "device", devices[g_rand_int_range (rand, 0, 3)]);
  if (g_rand_boolean (rand))
    likert_filter_add_value (filter, "language", languages[g_rand_int_range (rand, 0, 4)]);
  if (g_rand_boolean (rand))
    {
      gint64 from = 1704067200 + (gint64) g_rand_int_range (rand, 0, 600) * 86400;
      likert_filter_set_range (filter, from, from + (gint64) g_rand_int_range (rand, 7, 120) * 86400);
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      likert_filter_add_rating (filter, "rating", 4);
      likert_filter_add_rating (filter, "rating", 5);
    }
  return filter;
}

int
main (int   argc,
      char *argv[])
{
  guint rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *project = argc > 2 ? g_strdup (argv[2])
                                      : g_strdup_printf ("%s/likert-bench-%u.likert",
                                                         g_get_tmp_dir (), rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  double open_ms[5], load_ms[5], frame_ms[N_FILTERS], sql_ms[N_FILTERS], ratio[N_FILTERS];
  double search_common[5], search_rare[5], sort_time[5], sort_rating[5];
  guint64 common_hits = 0, rare_hits = 0;
  sqlite3 *db;

  if (!g_file_test (project, G_FILE_TEST_EXISTS) && !build_project (project, rows))
    return 1;

  /* Open → frame ready, as the window does it (open with quick_check, load the frame). */
  for (guint i = 0; i < G_N_ELEMENTS (open_ms); i++)
    {
      double start = now_ms ();

      g_clear_object (&store);
      g_clear_pointer (&frame, likert_frame_unref);
      store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
      open_ms[i] = now_ms () - start;
      if (store != NULL)
        frame = likert_frame_load (store, NULL, &error);
      if (frame == NULL)
        {
          g_printerr ("bench-frame: %s\n", error->message);
          return 1;
        }
      load_ms[i] = now_ms () - start - open_ms[i];
    }

  if (sqlite3_open_v2 (project, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return 1;

  for (guint i = 0; i < N_FILTERS; i++)
    {
      g_autoptr(LikertFilter) filter = random_filter (rand);
      g_autofree char *json = likert_filter_to_json (filter);
      g_autofree char *condition = likert_sql_oracle_condition (db, json, &error);
      g_autofree guint64 *bits = NULL;
      guint64 counts[6];
      LikertStats stats;
      guint n;
      double start = now_ms ();

      bits = likert_filter_select (filter, frame, NULL, NULL, &n, &error);
      likert_frame_compute_stats (frame, 0, bits, &stats);
      frame_ms[i] = now_ms () - start;

      start = now_ms ();
      likert_sql_oracle_counts (db, condition, "rating", 1, counts, 6);
      sql_ms[i] = now_ms () - start;

      for (guint v = 0; v < 5; v++)
        if (counts[v + 1] != stats.counts[v])
          g_error ("frame and SQL disagree on %s", json);
      ratio[i] = sql_ms[i] / MAX (frame_ms[i], 0.001);
    }

  for (guint i = 0; i < G_N_ELEMENTS (search_common); i++)
    {
      g_autofree guint64 *a = NULL;
      g_autofree guint64 *b = NULL;
      guint n;
      double start = now_ms ();

      a = likert_frame_search (frame, store, "page", &n, &error);
      search_common[i] = now_ms () - start;
      common_hits = n;
      start = now_ms ();
      b = likert_frame_search (frame, store, "خروجي", &n, &error);
      search_rare[i] = now_ms () - start;
      rare_hits = n;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sort_time); i++)
    {
      g_autoptr(LikertFilter) filter = likert_filter_new ();
      g_autofree guint64 *bits = NULL;
      g_autofree guint *sorted = NULL;
      guint n;
      double start;

      likert_filter_add_value (filter, "device", "mobile");
      bits = likert_filter_select (filter, frame, NULL, NULL, &n, &error);
      start = now_ms ();
      sorted = likert_frame_sort_rows (frame, bits, LIKERT_SORT_TIME, 0, TRUE, &n);
      sort_time[i] = now_ms () - start;
      g_free (sorted);
      start = now_ms ();
      sorted = likert_frame_sort_rows (frame, bits, LIKERT_SORT_RATING, 0, TRUE, &n);
      sort_rating[i] = now_ms () - start;
    }
  sqlite3_close (db);

  printf ("project: %s, %u responses\n", project, likert_frame_get_n_rows (frame));
  printf ("open (defensive checks, quick_check): %8.1f ms\n", median (open_ms, 5));
  printf ("frame load:                  %8.1f ms\n", median (load_ms, 5));
  for (guint i = 0; i < 5; i++)
    open_ms[i] += load_ms[i];
  printf ("open → frame ready:          %8.1f ms  (goal ≤ 1000 ms)\n", median (open_ms, 5));
  printf ("filter + histogram + stats:  %8.2f ms  (goal ≤ 5 ms; median of %d filters)\n",
          median (frame_ms, N_FILTERS), N_FILTERS);
  printf ("same by SQL GROUP BY:        %8.1f ms  (ratio SQL/frame: median %.0fx)\n",
          median (sql_ms, N_FILTERS), median (ratio, N_FILTERS));
  printf ("search, common word (%lu):  %8.1f ms  (goal ≤ 50 ms)\n", (gulong) common_hits,
          median (search_common, 5));
  printf ("search, rare word (%lu):    %8.1f ms\n", (gulong) rare_hits, median (search_rare, 5));
  printf ("sort filtered list by time:  %8.1f ms\n", median (sort_time, 5));
  printf ("sort filtered list by rating:%8.1f ms\n", median (sort_rating, 5));
  printf ("peak RSS with the project open: %ld MB  (goal ≤ 150 MB)\n", peak_rss_mb ());
  return 0;
}
