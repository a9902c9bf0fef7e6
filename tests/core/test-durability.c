/* SPDX-License-Identifier: GPL-3.0-or-later */
/* kill -9 durability: a child writer (this program re-executed with --writer or --importer) is
 * killed at random points; the project must then open, pass PRAGMA integrity_check, and hold
 * every annotation the child reported as saved (and an in-flight edit either wholly or not at
 * all), and an import either wholly or not at all. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "likert-import.h"
#include "likert-store.h"
#include "test-common.h"

#define N_ANNOTATION_KILLS 200
#define N_IMPORT_KILLS     50
#define N_SMALL_ROWS       2000
#define N_BIG_ROWS         20000
#define N_HOT              64     /* responses the writer edits */
#define N_TAGS             3

enum { KIND_NOTE, KIND_STATUS, KIND_TAG };

/* ---------------------------------------------------------------- the child ---------- */

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  char line[256];
  va_list args;
  int n;

  va_start (args, format);
  n = g_vsnprintf (line, sizeof line, format, args);
  va_end (args);
  /* One write(2) per line: atomic on a pipe (< PIPE_BUF), no stdio buffering. */
  if (write (STDOUT_FILENO, line, (size_t) n) != n)
    _exit (3);
}

static int
writer_main (const char *project,
             guint32     seed,
             gint64      first_id,
             gint64      seq_base)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 tags[N_TAGS];

  store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 2;
    }
  for (guint t = 0; t < N_TAGS; t++)
    {
      g_autofree char *name = g_strdup_printf ("t%u", t);

      tags[t] = likert_store_find_tag (store, name);
      if (tags[t] <= 0)
        return 2;
    }
  say ("ready\n");

  for (gint64 seq = seq_base; ; seq++)
    {
      int kind = g_rand_int_range (rand, 0, 3);
      gint64 response = first_id + g_rand_int_range (rand, 0, N_HOT);
      int value = 0;
      gboolean ok = FALSE;
      g_autofree char *note = NULL;

      if (kind == KIND_STATUS)
        value = g_rand_int_range (rand, LIKERT_STATUS_NEW, LIKERT_STATUS_EXCLUDED + 1);
      else if (kind == KIND_TAG)
        value = g_rand_int_range (rand, 0, 2 * N_TAGS);  /* tag * 2 + active */

      say ("begin %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %d\n", seq, kind, response, value);
      switch (kind)
        {
        case KIND_NOTE:
          note = g_strdup_printf ("n%" G_GINT64_FORMAT, seq);
          ok = likert_store_set_note (store, response, note, "dur", &error);
          break;
        case KIND_STATUS:
          ok = likert_store_set_status (store, response, value, "dur", &error);
          break;
        default:
          ok = likert_store_set_tag (store, response, tags[value / 2], value % 2, "dur", &error);
          break;
        }
      if (!ok)
        {
          g_printerr ("writer: %s\n", error->message);
          return 2;
        }
      say ("saved %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %d\n", seq, kind, response, value);
    }
  return 0;
}

static int
importer_main (const char *project,
               const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_printerr ("importer: %s\n", error->message);
      return 2;
    }
  say ("ready\n");
  report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("importer: %s\n", error->message);
      return 2;
    }
  say ("done %u\n", report->n_new);
  return 0;
}

/* ---------------------------------------------------------------- the parent --------- */

static char *self_exe;

typedef struct
{
  GPid     pid;
  int      fd;
  GString *out;
  gboolean eof;
} Child;

static void
child_spawn (Child       *child,
             const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, self_exe);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  child->out = g_string_new (NULL);
  child->eof = FALSE;
  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &child->pid, NULL, &child->fd, NULL, &error);
  g_assert_no_error (error);
}

/* Reads what the child wrote until deadline (monotonic µs), EOF, or `until` appears. */
static void
child_read (Child      *child,
            gint64      deadline,
            const char *until)
{
  while (!child->eof && (until == NULL || strstr (child->out->str, until) == NULL))
    {
      gint64 left = deadline - g_get_monotonic_time ();
      struct pollfd p = { child->fd, POLLIN, 0 };
      char buf[8192];
      ssize_t n;
      int r;

      if (left <= 0)
        return;
      r = poll (&p, 1, (int) MAX (1, left / 1000));
      if (r < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (r, >=, 0);
      if (r == 0)
        continue;
      n = read (child->fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        child->eof = TRUE;
      else
        g_string_append_len (child->out, buf, n);
    }
}

/* Kills (when still running), reaps, reads the rest; returns the wait status. */
static int
child_kill (Child   *child,
            gboolean do_kill)
{
  int status = 0;

  if (do_kill)
    kill (child->pid, SIGKILL);
  g_assert_cmpint (waitpid (child->pid, &status, 0), ==, child->pid);
  child_read (child, G_MAXINT64, NULL);
  close (child->fd);
  g_spawn_close_pid (child->pid);
  return status;
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

static void
write_csv (const char *path,
           guint       n_rows,
           const char *header,
           const char *prefix)
{
  g_autoptr(GString) s = g_string_new (header);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n_rows; i++)
    g_string_append_printf (s, "%s%u,%u,\"comment %u, about %s\",/p%u\n",
                            prefix, i, 1 + i % 5, i * 7919 % 10007, prefix, i % 13);
  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
}

/* What the parent knows of one hot response. */
typedef struct
{
  char  *note;
  int    status;
  guint  tags;                /* bit t: tag t */
} State;

static void
state_apply (State      *state,
             int         kind,
             gint64      seq,
             int         value)
{
  switch (kind)
    {
    case KIND_NOTE:
      g_free (state->note);
      state->note = g_strdup_printf ("n%" G_GINT64_FORMAT, seq);
      break;
    case KIND_STATUS:
      state->status = value;
      break;
    default:
      if (value % 2)
        state->tags |= 1u << (value / 2);
      else
        state->tags &= ~(1u << (value / 2));
      break;
    }
}

static gboolean
state_equal (const State *a,
             const State *b)
{
  return g_strcmp0 (a->note, b->note) == 0 && a->status == b->status && a->tags == b->tags;
}

static void
read_state (LikertStore  *store,
            gint64        response_id,
            const gint64  tags[N_TAGS],
            State        *state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = likert_store_get_response (store, response_id, &error);

  g_assert_no_error (error);
  state->note = g_strdup (response->note);
  state->status = response->status;
  state->tags = 0;
  for (guint i = 0; i < response->tag_ids->len; i++)
    {
      gint64 id = g_array_index (response->tag_ids, gint64, i);
      guint t;

      for (t = 0; t < N_TAGS && tags[t] != id; t++)
        ;
      g_assert_cmpuint (t, <, N_TAGS);
      state->tags |= 1u << t;
    }
}

static void
test_annotations (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  State expected[N_HOT];
  gint64 tags[N_TAGS];
  gint64 first_id;
  guint n_saved = 0, n_landed = 0, n_lost = 0, n_noop = 0, n_idle = 0, n_early = 0;
  gint64 t0 = g_get_monotonic_time ();

  test_dir_init (&dir);
  path = test_dir_file (&dir, "p.likert");
  csv = test_dir_file (&dir, "small.csv");
  write_csv (csv, N_SMALL_ROWS, "id,rating,comment,page\n", "s");

  {
    g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_CREATE, &error);
    g_autoptr(LikertImportReport) report = NULL;
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    report = likert_import_file (store, csv, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_new, ==, N_SMALL_ROWS);
    for (guint t = 0; t < N_TAGS; t++)
      {
        g_autofree char *name = g_strdup_printf ("t%u", t);

        tags[t] = likert_store_ensure_tag (store, name, &error);
        g_assert_no_error (error);
      }
    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min (id), max (id) FROM "
                                             "(SELECT id FROM response ORDER BY id LIMIT ?)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int (stmt, 1, N_HOT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    first_id = sqlite3_column_int64 (stmt, 0);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, first_id + N_HOT - 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  for (guint i = 0; i < N_HOT; i++)
    expected[i] = (State) { g_strdup (""), LIKERT_STATUS_NEW, 0 };

  for (guint round = 0; round < N_ANNOTATION_KILLS; round++)
    {
      Child child;
      g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, first_id);
      g_autofree char *base = g_strdup_printf ("%u", (round + 1) * 1000000u);
      const char *args[] = { "--writer", path, seed, first, base, NULL };
      g_auto(GStrv) lines = NULL;
      gboolean have_begin = FALSE;
      gint64 b_seq = 0, b_resp = 0;
      int b_kind = 0, b_value = 0;
      int status;
      g_autoptr(LikertStore) store = NULL;

      child_spawn (&child, args);
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          /* Anywhere from start-up (opening, WAL recovery) to the first edits. */
          child_read (&child, g_get_monotonic_time () + g_rand_int_range (rand, 0, 40000), NULL);
        }
      else
        {
          child_read (&child, g_get_monotonic_time () + 20 * G_USEC_PER_SEC, "ready\n");
          g_assert_nonnull (strstr (child.out->str, "ready\n"));
          child_read (&child, g_get_monotonic_time () + g_rand_int_range (rand, 0, 30001), NULL);
        }
      status = child_kill (&child, TRUE);
      if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
        g_error ("round %u: the writer ended on its own (status %d): %s", round, status,
                 child.out->str);
      if (strstr (child.out->str, "ready\n") == NULL)
        n_early++;

      lines = g_strsplit (child.out->str, "\n", -1);
      /* A last piece without its newline was not completely reported: ignored. */
      for (guint i = 0; lines[i] && lines[i + 1]; i++)
        {
          char word[8];
          gint64 seq, resp;
          int kind, value;

          if (strcmp (lines[i], "ready") == 0)
            continue;
          g_assert_cmpint (sscanf (lines[i], "%7s %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %d",
                                   word, &seq, &kind, &resp, &value), ==, 5);
          g_assert_cmpint (resp, >=, first_id);
          g_assert_cmpint (resp, <, first_id + N_HOT);
          if (strcmp (word, "begin") == 0)
            {
              g_assert_false (have_begin);
              have_begin = TRUE;
              b_seq = seq, b_kind = kind, b_resp = resp, b_value = value;
            }
          else
            {
              g_assert_cmpstr (word, ==, "saved");
              g_assert_true (have_begin);
              g_assert_cmpint (seq, ==, b_seq);
              have_begin = FALSE;
              state_apply (&expected[resp - first_id], kind, seq, value);
              n_saved++;
            }
        }

      store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      assert_integrity (path);

      for (guint i = 0; i < N_HOT; i++)
        {
          State found = { 0 };
          State newer = { g_strdup (expected[i].note), expected[i].status, expected[i].tags };
          gboolean in_flight = have_begin && b_resp == first_id + i;

          if (in_flight)
            state_apply (&newer, b_kind, b_seq, b_value);
          read_state (store, first_id + i, tags, &found);
          if (in_flight && state_equal (&newer, &expected[i]))
            n_noop++;
          else if (in_flight && state_equal (&found, &newer))
            {
              n_landed++;
              g_free (expected[i].note);
              expected[i] = newer;
              newer.note = NULL;
            }
          else if (state_equal (&found, &expected[i]))
            n_lost += in_flight;
          else
            g_error ("round %u, response %" G_GINT64_FORMAT ": found note '%s' status %d tags %u; "
                     "expected note '%s' status %d tags %u (in flight: %s)",
                     round, first_id + i, found.note, found.status, found.tags,
                     expected[i].note, expected[i].status, expected[i].tags,
                     in_flight ? "yes" : "no");
          g_free (found.note);
          g_free (newer.note);
        }
      if (!have_begin)
        n_idle++;
    }

  for (guint i = 0; i < N_HOT; i++)
    g_free (expected[i].note);
  g_test_message ("annotations: %u kills (%u before the writer was ready), %u edits reported "
                  "saved and found; in-flight edits: %u landed, %u not, %u no-ops; %u kills "
                  "between edits; %.1f s",
                  N_ANNOTATION_KILLS, n_early, n_saved, n_landed, n_lost, n_noop, n_idle,
                  (g_get_monotonic_time () - t0) / 1e6);
  test_dir_clear (&dir);
}

typedef struct
{
  gint64 responses, datasets, imports;
} Counts;

static void
read_counts (const char *path,
             Counts     *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) imports = NULL;

  g_assert_no_error (error);
  assert_integrity (path);
  counts->responses = likert_store_count_responses (store, &error);
  g_assert_no_error (error);
  counts->datasets = likert_store_count_datasets (store, &error);
  g_assert_no_error (error);
  imports = likert_store_list_imports (store, &error);
  g_assert_no_error (error);
  counts->imports = imports->len;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

static void
remove_project (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
}

static void
test_import (void)
{
  TestDir dir;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const char *args[4];
  Counts old, full;
  gint64 full_us, t0 = g_get_monotonic_time ();
  guint n_landed = 0, n_not = 0, n_ready = 0;

  test_dir_init (&dir);
  base = test_dir_file (&dir, "base.likert");
  path = test_dir_file (&dir, "p.likert");
  small = test_dir_file (&dir, "small.csv");
  big = test_dir_file (&dir, "big.csv");
  write_csv (small, 200, "id,rating,comment,page\n", "s");
  write_csv (big, N_BIG_ROWS, "ref,score,remark,url\n", "b");

  {
    g_autoptr(LikertStore) store = likert_store_open (base, LIKERT_STORE_OPEN_CREATE, &error);
    g_autoptr(LikertImportReport) report = NULL;

    g_assert_no_error (error);
    report = likert_import_file (store, small, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  read_counts (base, &old);
  g_assert_cmpint (old.responses, ==, 200);

  /* One whole import, timed from the spawn. */
  args[0] = "--importer", args[1] = path, args[2] = big, args[3] = NULL;
  copy_file (base, path);
  {
    Child child;
    int status;

    gint64 start = g_get_monotonic_time ();

    child_spawn (&child, args);
    child_read (&child, start + 60 * G_USEC_PER_SEC, "done");
    full_us = g_get_monotonic_time () - start;
    g_assert_nonnull (strstr (child.out->str, "done"));
    status = child_kill (&child, FALSE);
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_nonnull (strstr (child.out->str, "done 20000\n"));
  }
  read_counts (path, &full);
  g_assert_cmpint (full.responses, ==, old.responses + N_BIG_ROWS);
  g_assert_cmpint (full.imports, ==, old.imports + 1);
  g_assert_cmpint (full.datasets, >=, old.datasets);
  remove_project (path);
  g_test_message ("import: a whole import of %u rows takes %.2f s from the spawn",
                  N_BIG_ROWS, full_us / 1e6);

  t0 = g_get_monotonic_time ();
  for (guint round = 0; round < N_IMPORT_KILLS; round++)
    {
      Child child;
      Counts now;
      int status;
      /* 0 to a quarter past a whole import's time, so that some land. */
      gint64 delay = g_rand_int_range (rand, 0, (gint32) (full_us * 5 / 4) + 1);

      copy_file (base, path);
      child_spawn (&child, args);
      child_read (&child, g_get_monotonic_time () + delay, NULL);
      status = child_kill (&child, TRUE);
      n_ready += strstr (child.out->str, "ready\n") != NULL;
      g_assert_true ((WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL) ||
                     (WIFEXITED (status) && WEXITSTATUS (status) == 0));
      read_counts (path, &now);
      if (now.responses == old.responses)
        {
          g_assert_cmpint (now.datasets, ==, old.datasets);
          g_assert_cmpint (now.imports, ==, old.imports);
          g_assert_null (strstr (child.out->str, "done"));
          n_not++;
        }
      else
        {
          g_assert_cmpint (now.responses, ==, full.responses);
          g_assert_cmpint (now.datasets, ==, full.datasets);
          g_assert_cmpint (now.imports, ==, full.imports);
          n_landed++;
        }
      remove_project (path);
    }
  g_test_message ("import: %u kills at 0-%.2f s (%u after the project was open): %u imports "
                  "landed whole, %u left nothing; %.1f s",
                  N_IMPORT_KILLS, full_us * 1.25 / 1e6, n_ready, n_landed, n_not,
                  (g_get_monotonic_time () - t0) / 1e6);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 2 && strcmp (argv[1], "--writer") == 0)
    {
      g_assert (argc == 6);
      return writer_main (argv[2], (guint32) g_ascii_strtoull (argv[3], NULL, 10),
                          g_ascii_strtoll (argv[4], NULL, 10), g_ascii_strtoll (argv[5], NULL, 10));
    }
  if (argc >= 2 && strcmp (argv[1], "--importer") == 0)
    {
      g_assert (argc == 4);
      return importer_main (argv[2], argv[3]);
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/durability/annotations", test_annotations);
  g_test_add_func ("/durability/import", test_import);
  return g_test_run ();
}
