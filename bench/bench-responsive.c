/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-responsive PROJECT CSV: how long the window's main loop is ever blocked while it opens a
 * large project, plans the import of another large file through the import dialog, imports it
 * and reads the project again. A 10 ms timer records the gaps between its runs; a gap longer
 * than the period is time the main loop could not run (no redraw, no input). Prints, per phase,
 * the wall time, the number of ticks, the longest gap, the 99th percentile and how many gaps
 * exceeded 100 ms (the goal: none). Run it under Xvfb (bench/responsive.sh does). */
#include "config.h"

#include <execinfo.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <adwaita.h>

#include "likert-filter-bar.h"
#include "likert-frame.h"
#include "likert-import-dialog.h"
#include "likert-window.h"

#define PERIOD_MS 10

typedef struct
{
  const char *name;
  gint64      start;
  gint64      last;
  GArray     *gaps;     /* gint64 µs beyond the period */
} Phase;

static Phase *phase;

/* LIKERT_STALL_TRACE=1: a watchdog thread interrupts the main thread every 5 ms while the main
 * loop has not ticked for 40 ms, and the signal handler prints the main thread's stack to stderr
 * (after a "phase NAME" line at each phase; resolve the addresses of static functions with
 * addr2line): where the stalls are spent. */
static gint64 last_tick;   /* atomic */
static pthread_t main_thread;

static void
print_stack (int signum)
{
  void *frames[48];
  int n = backtrace (frames, G_N_ELEMENTS (frames));
  static const char mark[] = "--- stall sample\n";

  (void) signum;
  if (write (STDERR_FILENO, mark, sizeof mark - 1) < 0)
    return;
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
}

static gpointer
watchdog (gpointer data)
{
  (void) data;
  for (;;)
    {
      g_usleep (5 * 1000);
      if (g_get_monotonic_time () - __atomic_load_n (&last_tick, __ATOMIC_RELAXED) > 40 * 1000)
        pthread_kill (main_thread, SIGPROF);
    }
  return NULL;
}

static void
start_stall_trace (void)
{
  void *frames[1];

  backtrace (frames, 1);   /* loads libgcc before any signal */
  main_thread = pthread_self ();
  last_tick = g_get_monotonic_time ();
  signal (SIGPROF, print_stack);
  g_thread_unref (g_thread_new ("stall-watchdog", watchdog, NULL));
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  __atomic_store_n (&last_tick, now, __ATOMIC_RELAXED);

  if (phase != NULL)
    {
      gint64 gap = now - phase->last - PERIOD_MS * 1000;

      g_array_append_val (phase->gaps, gap);
      phase->last = now;
    }
  return G_SOURCE_CONTINUE;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
phase_begin (Phase      *p,
             const char *name)
{
  if (g_getenv ("LIKERT_STALL_TRACE") != NULL)
    g_printerr ("--- stall sample\nphase %s\n", name);
  p->name = name;
  p->start = p->last = g_get_monotonic_time ();
  p->gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  phase = p;
}

static void
phase_end (Phase *p)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wall = now - p->start;
  gint64 last_gap = now - p->last - PERIOD_MS * 1000;
  guint n, over = 0;
  gint64 max = 0, p99 = 0;

  /* The stretch since the last tick counts too. */
  g_array_append_val (p->gaps, last_gap);
  n = p->gaps->len;
  phase = NULL;
  g_array_sort (p->gaps, compare_gaps);
  if (n > 0)
    {
      max = g_array_index (p->gaps, gint64, n - 1);
      p99 = g_array_index (p->gaps, gint64, MIN (n - 1, (guint) (n * 0.99)));
    }
  for (guint i = 0; i < n; i++)
    over += g_array_index (p->gaps, gint64, i) > 100 * 1000;
  g_print ("%-28s %8.2f s  %6u ticks  longest stall %7.1f ms  p99 %6.1f ms  stalls > 100 ms: %u\n",
           p->name, wall / 1e6, n, MAX (max, 0) / 1e3, MAX (p99, 0) / 1e3, over);
  g_array_unref (p->gaps);
}

/* Runs the main loop until check is true; FALSE after timeout seconds. */
static gboolean
run_until (gboolean (*check) (gpointer),
           gpointer   data,
           double     timeout)
{
  gint64 end = g_get_monotonic_time () + (gint64) (timeout * G_USEC_PER_SEC);

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

static gboolean
dialog_planned (gpointer data)
{
  LikertImportDialog *dialog = likert_window_get_import_dialog (data);

  return dialog != NULL && !likert_import_dialog_is_busy (dialog);
}

static gboolean
filtered (gpointer data)
{
  return window_ready (data) && !likert_filter_bar_is_busy (LIKERT_FILTER_BAR (likert_window_get_filter_bar (data)));
}

/* Runs the main loop for a moment: what an action leaves to idle callbacks is its own. */
static void
pause_loop (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
import_done (gpointer data)
{
  return likert_window_get_import_dialog (data) == NULL && window_ready (data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) project = NULL;
  g_autoptr(GFile) csv = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;
  guint before, after;
  Phase open, plan, import, filter;

  if (argc != 3)
    {
      g_printerr ("usage: bench-responsive PROJECT CSV\n");
      return 2;
    }
  gtk_init ();
  adw_init ();

  g_timeout_add (PERIOD_MS, tick_cb, NULL);
  if (g_getenv ("LIKERT_STALL_TRACE") != NULL)
    start_stall_trace ();
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* The empty window drawn first: its first frames are not the project's to answer for. */
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }

  project = g_file_new_for_commandline_arg (argv[1]);
  phase_begin (&open, "open the project");
  likert_window_open_file (window, project);
  if (!run_until (window_ready, window, 600))
    {
      g_printerr ("bench-responsive: the project did not open\n");
      return 1;
    }
  phase_end (&open);
  before = likert_frame_get_n_rows (likert_window_get_frame (window));

  csv = g_file_new_for_commandline_arg (argv[2]);
  phase_begin (&plan, "plan the import (dialog)");
  likert_window_open_file (window, csv);
  if (!run_until (dialog_planned, window, 600))
    {
      g_printerr ("bench-responsive: the import was not planned\n");
      return 1;
    }
  phase_end (&plan);

  dialog = likert_window_get_import_dialog (window);
  if (!likert_import_dialog_can_import (dialog))
    {
      g_printerr ("bench-responsive: the file cannot be imported: %s\n",
                  likert_import_dialog_get_error (dialog) ? likert_import_dialog_get_error (dialog)
                                                          : "problems");
      return 1;
    }
  phase_begin (&import, "import and read again");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL);
  if (!run_until (import_done, window, 1800))
    {
      g_printerr ("bench-responsive: the import did not finish\n");
      return 1;
    }
  phase_end (&import);
  after = likert_frame_get_n_rows (likert_window_get_frame (window));

  /* What an analyst does next: narrow the list by a country, a rating and words, then clear. */
  phase_begin (&filter, "filter, search, clear");
  {
    GtkWidget *bar = GTK_WIDGET (likert_window_get_filter_bar (window));
    struct { const char *action; GVariant *parameter; } steps[] = {
      { "filter.toggle-value", g_variant_new ("(ss)", "country", "FR") },
      { "filter.toggle-rating", g_variant_new ("(si)", "rating", 1) },
      { "filter.search", g_variant_new_string ("slow") },
      { "filter.clear", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        gtk_widget_activate_action_variant (bar, steps[i].action, steps[i].parameter);
        if (!run_until (filtered, window, 600))
          {
            g_printerr ("bench-responsive: %s did not finish\n", steps[i].action);
            return 1;
          }
        pause_loop (0.3);
      }
  }
  phase_end (&filter);
  g_print ("responses: %u before, %u after\n", before, after);

  gtk_window_destroy (GTK_WINDOW (window));
  return after > before ? 0 : 1;
}
