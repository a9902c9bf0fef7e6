/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "likert-frame.h"
#include "likert-import.h"

/* bench-import [ROWS]: how fast a CSV export becomes a project, against SQLite's own CSV import,
 * in process, with the importer's two passes timed apart (bench/import.sh times the CLI).
 *
 * Generates ROWS rows shaped like the sample (data/samples/generate.py --seed SEED, or a built-in
 * generator when Python or the script is missing), then times, as the median of RUNS runs:
 *   (a) likert_import_plan_file: the first pass (decode, tokenize, shape, profile, problems);
 *   (b) likert_import_run into a fresh project (open, second pass and writes, close);
 *   (c) the sqlite3 shell's `.import` in CSV mode into a fresh database, the reference;
 *   (d) likert_frame_load of the imported project.
 * Prints the rows, megabytes, seconds and rows per second of each, and the peak RSS. */

#define DEFAULT_ROWS 200000
#define SEED 20240601
#define RUNS 3

typedef struct
{
  char   *dir;
  char   *csv;
  guint   rows;
  double  megabytes;
} Bench;

static double
median (double *values,
        guint   n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[j - 1] > values[j]; j--)
      {
        double swap = values[j];

        values[j] = values[j - 1];
        values[j - 1] = swap;
      }
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* 1234567 → "1,234,567" whatever the locale. */
static char *
thousands (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", value);
  GString *out = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The fallback generator: the sample's columns, ratings skewed positive, comments with commas,
 * quotes, line breaks and Arabic text now and then. */
static gboolean
generate_builtin (const char  *path,
                  guint        rows,
                  GError     **error)
{
  static const char * const labels[] = {
    "", "Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied",
    "Somewhat satisfied", "Extremely satisfied"
  };
  static const char * const comments[] = {
    "", "", "", "Great site, easy to use.", "\"Checkout\" failed twice, then worked.",
    "Too slow on mobile.\r\nPlease fix the menu.", "تجربة جميلة جداً.", "Rien à redire, merci !",
    "Не могу найти страницу оплаты.", "ok"
  };
  static const char * const pages[] = { "/", "/checkout", "/search", "/blog", "/account/login" };
  static const char * const countries[] = { "US", "FR", "MA", "RU", "GB", "EG" };
  static const char * const languages[] = { "en", "fr", "ar", "ru" };
  static const char * const devices[] = { "desktop", "mobile", "tablet" };
  static const char * const browsers[] = { "Chrome", "Safari", "Firefox", "Edge" };
  static const int weights[] = { 8, 12, 20, 35, 25 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GString) out = g_string_sized_new (1 << 20);
  FILE *file = g_fopen (path, "wb");
  gint64 when = 1704067200; /* 2024-01-01 */

  if (file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  g_string_append (out, "response_id,submitted_at,rating,rating_label,comment,page_url,"
                        "country,language,device,browser\r\n");
  for (guint i = 1; i <= rows; i++)
    {
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *stamp = NULL;
      const char *comment = comments[g_rand_int_range (rand, 0, G_N_ELEMENTS (comments))];
      int pick = g_rand_int_range (rand, 0, 100);
      int rating = 1;

      for (int acc = weights[0]; rating < 5 && pick >= acc; acc += weights[rating])
        rating++;
      if (g_rand_int_range (rand, 0, 100) == 0)
        rating = 0; /* skipped */

      when += g_rand_int_range (rand, 1, 600);
      time = g_date_time_new_from_unix_utc (when);
      stamp = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");

      g_string_append_printf (out, "R-%06u,%s,", i, stamp);
      if (rating > 0)
        g_string_append_printf (out, "%d", rating);
      g_string_append_printf (out, ",%s,", labels[rating]);
      if (strpbrk (comment, ",\"\r\n") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = comment; *p; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else
        g_string_append (out, comment);
      g_string_append_printf (out, ",https://www.example.org%s,%s,%s,%s,%s\r\n",
                              pages[g_rand_int_range (rand, 0, G_N_ELEMENTS (pages))],
                              countries[g_rand_int_range (rand, 0, G_N_ELEMENTS (countries))],
                              languages[g_rand_int_range (rand, 0, G_N_ELEMENTS (languages))],
                              devices[g_rand_int_range (rand, 0, G_N_ELEMENTS (devices))],
                              browsers[g_rand_int_range (rand, 0, G_N_ELEMENTS (browsers))]);
      if (out->len > (1 << 20))
        {
          fwrite (out->str, 1, out->len, file);
          g_string_truncate (out, 0);
        }
    }
  fwrite (out->str, 1, out->len, file);
  if (fclose (file) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* The CSV: generate.py when it and python3 are there, else the built-in generator. */
static gboolean
generate_csv (Bench   *bench,
              GError **error)
{
  g_autofree char *script = g_build_filename (SOURCE_ROOT, "data", "samples", "generate.py", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *rows = g_strdup_printf ("%u", bench->rows);
  g_autofree char *seed = g_strdup_printf ("%u", SEED);
  gint64 start = g_get_monotonic_time ();
  GStatBuf st;

  if (python != NULL && g_file_test (script, G_FILE_TEST_IS_REGULAR))
    {
      const char *argv[] = { python, script, "--rows", rows, "--seed", seed, "-o", bench->csv,
                             NULL };
      g_autofree char *errors = NULL;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                         NULL, &errors, &status, error) ||
          !g_spawn_check_wait_status (status, error))
        {
          g_prefix_error (error, "generate.py: %s", errors ? errors : "");
          return FALSE;
        }
      g_print ("csv: generated by data/samples/generate.py in %.1f s\n", seconds_since (start));
    }
  else
    {
      if (!generate_builtin (bench->csv, bench->rows, error))
        return FALSE;
      g_print ("csv: generated by the built-in generator (%s) in %.1f s\n",
               python == NULL ? "no python3" : "no generate.py", seconds_since (start));
    }

  if (g_stat (bench->csv, &st) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "%s was not written", bench->csv);
      return FALSE;
    }
  bench->megabytes = st.st_size / 1e6;
  return TRUE;
}

/* The importer's two passes, each timed. */
typedef struct
{
  double plan;
  double run;
  double total;
} ImportTimes;

/* (a) and (b): plan the file, then open a fresh project, run the plan and close. */
static gboolean
time_likert_import (Bench        *bench,
                    const char   *project,
                    ImportTimes  *times,
                    guint        *n_new,
                    GError      **error)
{
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  gint64 start;

  remove_database (project);
  start = g_get_monotonic_time ();
  plan = likert_import_plan_file (bench->csv, NULL, NULL, NULL, NULL, error);
  if (plan == NULL)
    return FALSE;
  times->plan = seconds_since (start);

  start = g_get_monotonic_time ();
  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  report = likert_import_run (store, plan, NULL, NULL, NULL, NULL, error);
  if (report == NULL)
    return FALSE;
  g_clear_object (&store);
  times->run = seconds_since (start);
  times->total = times->plan + times->run;
  *n_new = report->n_new;
  return TRUE;
}

static gint64
count_rows (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM t", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* (b) sqlite3 DB -cmd '.mode csv' '.import FILE t' into a fresh database. */
static double
time_sqlite_import (Bench       *bench,
                    const char  *sqlite3_path,
                    const char  *database,
                    gint64      *n_rows,
                    GError     **error)
{
  g_autofree char *import = g_strdup_printf (".import \"%s\" t", bench->csv);
  const char *argv[] = { sqlite3_path, database, "-cmd", ".mode csv", import, NULL };
  g_autofree char *errors = NULL;
  int status = 0;
  gint64 start;
  double seconds;

  remove_database (database);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &errors, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "sqlite3: %s", errors ? errors : "");
      return -1;
    }
  seconds = seconds_since (start);
  if (errors != NULL && *errors != '\0')
    g_printerr ("sqlite3 says: %s", errors);
  *n_rows = count_rows (database);
  return seconds;
}

/* (c) likert_frame_load of the imported project (the store is opened outside the timing). */
static double
time_frame_load (const char  *project,
                 guint       *n_rows,
                 GError     **error)
{
  g_autoptr(LikertStore) store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, error);
  g_autoptr(LikertFrame) frame = NULL;
  gint64 start;
  double seconds;

  if (store == NULL)
    return -1;
  start = g_get_monotonic_time ();
  frame = likert_frame_load (store, NULL, error);
  seconds = seconds_since (start);
  if (frame == NULL)
    return -1;
  *n_rows = likert_frame_get_n_rows (frame);
  return seconds;
}

static void
print_line (const char *what,
            guint64     rows,
            double      megabytes,
            double      seconds,
            const char *extra)
{
  g_autofree char *rate = thousands (rows / MAX (seconds, 1e-9));

  g_print ("%-16s %" G_GUINT64_FORMAT " rows", what, rows);
  if (megabytes > 0)
    g_print (" %.1f MB", megabytes);
  g_print ("  %.3f s  %s rows/s%s\n", seconds, rate, extra ? extra : "");
}

static double
peak_rss_megabytes (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0;
  return usage.ru_maxrss / 1024.0; /* kilobytes on Linux */
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *project = NULL;
  g_autofree char *database = NULL;
  g_autofree char *sqlite3_path = g_find_program_in_path ("sqlite3");
  g_autofree char *ratio = NULL;
  double plan_runs[RUNS], run_runs[RUNS], likert_runs[RUNS], sqlite_runs[RUNS], frame_runs[RUNS];
  double plan_s, run_s, likert_s, sqlite_s = 0, frame_s;
  guint n_records = 0, n_frame = 0;
  gint64 n_sqlite = -1;
  guint64 rows = DEFAULT_ROWS;

  /* Messages in the user's language and charset; numbers always with a decimal point. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");

  if (argc > 2 || (argc == 2 && !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT,
                                                              &rows, &error)))
    {
      g_printerr ("Usage: bench-import [ROWS]   (default %u)\n%s%s", DEFAULT_ROWS,
                  error ? error->message : "", error ? "\n" : "");
      return 2;
    }
  bench.rows = (guint) rows;

  bench.dir = g_dir_make_tmp ("likert-bench-XXXXXX", &error);
  if (bench.dir == NULL)
    goto fail;
  bench.csv = g_build_filename (bench.dir, "bench.csv", NULL);
  project = g_build_filename (bench.dir, "bench.likert", NULL);
  database = g_build_filename (bench.dir, "reference.sqlite", NULL);

  if (!generate_csv (&bench, &error))
    goto fail;
  g_print ("csv: %u rows, %.1f MB; median of %d runs\n\n", bench.rows, bench.megabytes, RUNS);

  for (guint run = 0; run < RUNS; run++)
    {
      ImportTimes times;

      if (!time_likert_import (&bench, project, &times, &n_records, &error))
        goto fail;
      plan_runs[run] = times.plan;
      run_runs[run] = times.run;
      likert_runs[run] = times.total;
    }
  plan_s = median (plan_runs, RUNS);
  run_s = median (run_runs, RUNS);
  likert_s = median (likert_runs, RUNS);

  if (sqlite3_path != NULL)
    {
      for (guint run = 0; run < RUNS; run++)
        if ((sqlite_runs[run] = time_sqlite_import (&bench, sqlite3_path, database, &n_sqlite,
                                                    &error)) < 0)
          goto fail;
      sqlite_s = median (sqlite_runs, RUNS);
      ratio = g_strdup_printf ("  ratio vs sqlite3 .import: %.2fx (goal ≤ 0.5x)",
                               likert_s / sqlite_s);
    }
  else
    ratio = g_strdup ("  (no sqlite3 binary: reference skipped)");

  for (guint run = 0; run < RUNS; run++)
    if ((frame_runs[run] = time_frame_load (project, &n_frame, &error)) < 0)
      goto fail;
  frame_s = median (frame_runs, RUNS);

  print_line ("plan:", n_records, bench.megabytes, plan_s, NULL);
  print_line ("run:", n_records, bench.megabytes, run_s, NULL);
  print_line ("import:", n_records, bench.megabytes, likert_s, ratio);
  if (sqlite3_path != NULL)
    print_line ("sqlite3 .import:", n_sqlite, bench.megabytes, sqlite_s, NULL);
  print_line ("frame load:", n_frame, 0, frame_s, NULL);
  g_print ("peak RSS: %.1f MB (bench-import), %.1f MB (largest child: generator or sqlite3)\n",
           peak_rss_megabytes (RUSAGE_SELF), peak_rss_megabytes (RUSAGE_CHILDREN));

  if (n_records != bench.rows || n_frame != bench.rows ||
      (sqlite3_path != NULL && n_sqlite != (gint64) bench.rows))
    g_printerr ("warning: row counts differ: asked %u, likert %u, frame %u, sqlite3 %"
                G_GINT64_FORMAT "\n", bench.rows, n_records, n_frame, n_sqlite);

  remove_database (project);
  remove_database (database);
  g_unlink (bench.csv);
  g_rmdir (bench.dir);
  g_free (bench.csv);
  g_free (bench.dir);
  return 0;

fail:
  g_printerr ("bench-import: %s\n", error ? error->message : "failed");
  if (bench.dir != NULL)
    {
      remove_database (project);
      remove_database (database);
      g_unlink (bench.csv);
      g_rmdir (bench.dir);
    }
  g_free (bench.csv);
  g_free (bench.dir);
  return 1;
}
