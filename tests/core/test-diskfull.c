/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Disk full: a child process (fork) limited to small files (RLIMIT_FSIZE, with SIGXFSZ
 * ignored, so that a write past the limit fails with EFBIG as on a full disk) imports a
 * bigger CSV, annotates every response at once, exports the responses as CSV and a chart as
 * PNG and PDF. Each must fail with a clear error naming the file, without a crash, and leave
 * nothing half-written: the project afterwards opens, passes PRAGMA integrity_check and holds
 * exactly what it held before. Each operation is first run without the limit on a copy, to
 * show that it is the limit that makes it fail. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "likert-chart-data.h"
#include "likert-export.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-store.h"
#include "test-common.h"

#define N_ROWS      2000      /* in the project */
#define N_BIG_ROWS  20000     /* in the CSV imported under the limit */
#define LIMIT       (64 * 1024)
#define PDF_LIMIT   4096      /* a PDF chart is a few kB: vectors */

typedef enum {
  OP_IMPORT,
  OP_BULK_STATUS,
  OP_BULK_TAG,
  OP_EXPORT_CSV,
  OP_CHART_PNG,
  OP_CHART_PDF,
} Op;

typedef struct
{
  TestDir  dir;
  char    *project;
  char    *big_csv;
  char    *dump;       /* every row of every table of the project, as set up */
  gint64   n_responses;
} Fixture;

/* ---------------------------------------------------------------- helpers ------------ */

static void
write_csv (const char *path,
           guint       n_rows,
           const char *prefix)
{
  g_autoptr(GString) s = g_string_new ("id,submitted,rating,comment,country\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (s, "%s%u,2024-%02u-%02u 10:%02u,%u,\"comment %u, about %s\",c%u\n",
                            prefix, i, 1 + i % 12, 1 + i % 28, i % 60, 1 + i % 5,
                            i * 7919 % 10007, prefix, i % 13);
  g_file_set_contents (path, s->str, (gssize) s->len, &error);
  g_assert_no_error (error);
}

/* Every row of every table (the full-text indexes' shadow tables included), in a stable
 * order, as text: two projects with the same dump hold the same content. */
static char *
dump_project (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
    "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);

  for (guint t = 0; t < tables->len; t++)
    {
      char *sql = sqlite3_mprintf ("SELECT * FROM \"%w\" ORDER BY 1, 2", tables->pdata[t]);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_free (sql);
      g_string_append_printf (out, "[%s]\n", (char *) tables->pdata[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guint8 *bytes;
              int n;

              switch (sqlite3_column_type (stmt, c))
                {
                case SQLITE_NULL:
                  g_string_append (out, "NULL");
                  break;
                case SQLITE_BLOB:
                  bytes = sqlite3_column_blob (stmt, c);
                  n = sqlite3_column_bytes (stmt, c);
                  g_string_append_c (out, 'x');
                  for (int i = 0; i < n; i++)
                    g_string_append_printf (out, "%02x", bytes[i]);
                  break;
                default:
                  g_string_append_printf (out, "%d:%s", sqlite3_column_type (stmt, c),
                                          sqlite3_column_text (stmt, c));
                  break;
                }
              g_string_append_c (out, '|');
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in dir, sorted, joined with spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (d);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* ---------------------------------------------------------------- the child ---------- */

static const char *
op_output (Op op)
{
  switch (op)
    {
    case OP_EXPORT_CSV:
      return "responses.csv";
    case OP_CHART_PNG:
      return "chart.png";
    case OP_CHART_PDF:
      return "chart.pdf";
    default:
      return NULL;
    }
}

static gboolean
run_op (LikertStore  *store,
        Op            op,
        const char   *big_csv,
        const char   *output,
        GError      **error)
{
  g_autofree gint64 *ids = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  g_autoptr(LikertChartSpec) spec = NULL;
  LikertExportOptions options = { 0 };
  gint64 n = likert_store_count_responses (store, error);
  guint n_changed = 0;

  if (n <= 0)
    return FALSE;
  ids = g_new (gint64, n);
  for (gint64 i = 0; i < n; i++)
    ids[i] = i + 1;

  switch (op)
    {
    case OP_IMPORT:
      report = likert_import_file (store, big_csv, NULL, NULL, NULL, NULL, error);
      return report != NULL;
    case OP_BULK_STATUS:
      return likert_store_bulk_status (store, ids, (guint) n, LIKERT_STATUS_REVIEWED, "disk",
                                       &n_changed, error);
    case OP_BULK_TAG:
      return likert_store_bulk_tag (store, ids, (guint) n, likert_store_find_tag (store, "full"),
                                    TRUE, "disk", &n_changed, error);
    case OP_EXPORT_CSV:
      options.format = LIKERT_EXPORT_FORMAT_CSV;
      return likert_export_responses (store, output, &options, NULL, NULL, NULL, NULL, error);
    case OP_CHART_PNG:
    case OP_CHART_PDF:
      frame = likert_frame_load (store, NULL, error);
      if (frame == NULL)
        return FALSE;
      spec = likert_chart_spec_new ();
      spec->kind = LIKERT_CHART_DIVERGING;
      spec->segment = g_strdup ("country");
      return likert_chart_render_spec_to_file (frame, store, spec, output, 1600, 1200, 2.0,
                                               FALSE, error);
    default:
      g_assert_not_reached ();
    }
}

/* In the child: opens the project, then runs op with files limited to limit bytes (0: no
 * limit), and writes to fd
 * "ok" or the error ("domain code message"), then the number of responses after it. */
static int
child_main (const char *project,
            Op          op,
            const char *big_csv,
            const char *output,
            rlim_t      limit,
            int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok;

  store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 2;
    }
  if (limit > 0)
    {
      struct rlimit rl = { limit, limit };

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
        return 3;
    }
  ok = run_op (store, op, big_csv, output, &error);
  if (ok)
    g_string_append (out, "ok");
  else if (error == NULL)
    g_string_append (out, "failed without an error");
  else
    g_string_append_printf (out, "%s %d %s", g_quark_to_string (error->domain), error->code,
                            error->message);
  g_clear_error (&error);
  /* The connection still works after the failure. */
  g_string_append_printf (out, "\n%" G_GINT64_FORMAT,
                          likert_store_count_responses (store, &error));
  if (error != NULL)
    g_string_append_printf (out, " %s", error->message);
  g_clear_object (&store);

  if (write (fd, out->str, out->len) != (ssize_t) out->len)
    return 4;
  return 0;
}

/* Forks a child that runs op; returns what it reported. */
static char *
run_child (const char *project,
           Op          op,
           const char *big_csv,
           const char *output,
           rlim_t      limit)
{
  g_autoptr(GString) report = g_string_new (NULL);
  int fds[2];
  int status = 0;
  pid_t pid;
  char buf[4096];
  ssize_t n;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      _exit (child_main (project, op, big_csv, output, limit, fds[1]));
    }
  close (fds[1]);
  while ((n = read (fds[0], buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      g_string_append_len (report, buf, n);
    }
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!WIFEXITED (status))
    g_error ("the child died of signal %d", WTERMSIG (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return g_string_free (g_steal_pointer (&report), FALSE);
}

/* ---------------------------------------------------------------- the tests ---------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autofree char *csv = NULL;

  test_dir_init (&fixture->dir);
  csv = test_dir_file (&fixture->dir, "small.csv");
  write_csv (csv, N_ROWS, "s");
  fixture->big_csv = test_dir_file (&fixture->dir, "big.csv");
  write_csv (fixture->big_csv, N_BIG_ROWS, "b");

  fixture->project = test_dir_file (&fixture->dir, "p.likert");
  store = likert_store_open (fixture->project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_ensure_tag (store, "full", &error), >, 0);
  g_assert_true (likert_store_set_note (store, 3, "before the disk filled up", "tester", &error));
  g_assert_no_error (error);
  fixture->n_responses = likert_store_count_responses (store, &error);
  g_assert_cmpint (fixture->n_responses, ==, N_ROWS);
  g_clear_object (&store);

  /* Closed cleanly: the project is one file, bigger than the limit (reading it is allowed). */
  {
    g_autofree char *wal = g_strconcat (fixture->project, "-wal", NULL);
    GStatBuf st;

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_stat (fixture->project, &st), ==, 0);
    g_assert_cmpint (st.st_size, >, LIMIT);
  }
  fixture->dump = dump_project (fixture->project);
}

/* Removes path, a file or a folder with what it holds. */
static void
remove_all (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_all (child);
    }
  if (d != NULL)
    g_dir_close (d);
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_all (fixture->dir.path);
  g_free (fixture->dir.path);
  g_free (fixture->project);
  g_free (fixture->big_csv);
  g_free (fixture->dump);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  Op op = GPOINTER_TO_INT (data);
  rlim_t limit = op == OP_CHART_PDF ? PDF_LIMIT : LIMIT;
  g_autofree char *copy = test_dir_file (&fixture->dir, "copy.likert");
  g_autofree char *out_free = g_build_filename (fixture->dir.path, "out-free", NULL);
  g_autofree char *out_full = g_build_filename (fixture->dir.path, "out-full", NULL);
  g_autofree char *output_free = NULL;
  g_autofree char *output_full = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *report = NULL;
  g_autofree char *expected_count = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir (out_free, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out_full, 0700), ==, 0);
  if (op_output (op) != NULL)
    {
      output_free = g_build_filename (out_free, op_output (op), NULL);
      output_full = g_build_filename (out_full, op_output (op), NULL);
    }

  /* Without the limit, on a copy: it works, and writes more than the limit. */
  g_assert_true (g_file_get_contents (fixture->project, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  report = run_child (copy, op, fixture->big_csv, output_free, 0);
  g_test_message ("without a limit: %s", report);
  g_assert_true (g_str_has_prefix (report, "ok\n"));
  if (output_free != NULL)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (output_free, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, limit);
    }
  else
    {
      g_autofree char *changed = dump_project (copy);

      g_assert_false (g_str_equal (changed, fixture->dump));
    }
  g_clear_pointer (&report, g_free);

  /* With the limit, on the project. */
  report = run_child (fixture->project, op, fixture->big_csv, output_full, limit);
  g_test_message ("with a limit: %s", report);
  g_assert_false (g_str_has_prefix (report, "ok"));
  g_assert_false (g_str_has_prefix (report, "failed without an error"));
  /* The error names the file that could not be written; the store's and the chart's are their
   * I/O errors. */
  if (output_full != NULL)
    g_assert_nonnull (strstr (report, op_output (op)));
  else
    g_assert_nonnull (strstr (report, fixture->project));
  if (op != OP_EXPORT_CSV)
    {
      gboolean chart = op == OP_CHART_PNG || op == OP_CHART_PDF;
      g_autofree char *kind = g_strdup_printf ("%s %d ",
        g_quark_to_string (chart ? LIKERT_CHART_ERROR : LIKERT_STORE_ERROR),
        chart ? LIKERT_CHART_ERROR_WRITE : LIKERT_STORE_ERROR_IO);

      g_assert_true (g_str_has_prefix (report, kind));
    }
  /* And the store still read the project afterwards. */
  expected_count = g_strdup_printf ("\n%" G_GINT64_FORMAT, fixture->n_responses);
  g_assert_true (g_str_has_suffix (report, expected_count));

  /* The project is intact and unchanged. */
  assert_integrity (fixture->project);
  {
    g_autofree char *dump = dump_project (fixture->project);

    g_assert_true (g_str_equal (dump, fixture->dump));
  }
  store = likert_store_open (fixture->project, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, fixture->n_responses);

  /* An export leaves neither a partial file nor a temporary one. */
  listing = list_dir (out_full);
  g_assert_cmpstr (listing, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, op) \
  g_test_add ("/disk-full/" name, Fixture, GINT_TO_POINTER (op), fixture_set_up, \
              test_disk_full, fixture_tear_down)
  ADD ("import", OP_IMPORT);
  ADD ("bulk-status", OP_BULK_STATUS);
  ADD ("bulk-tag", OP_BULK_TAG);
  ADD ("export-csv", OP_EXPORT_CSV);
  ADD ("chart-png", OP_CHART_PNG);
  ADD ("chart-pdf", OP_CHART_PDF);
#undef ADD

  return g_test_run ();
}
