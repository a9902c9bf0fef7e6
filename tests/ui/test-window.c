/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "likert-filter-bar.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-chart-view.h"
#include "likert-import.h"
#include "likert-response-item.h"
#include "likert-store.h"
#include "likert-window.h"
#include "test-common.h"

/* The counts the window's chart shows (a histogram, the default kind). */
static const guint64 *
chart_counts (LikertWindow *window,
              guint        *n_counts)
{
  const LikertChartData *data = likert_chart_view_get_data (likert_window_get_chart_view (window));

  g_assert_nonnull (data);
  g_assert_cmpint (data->kind, ==, LIKERT_CHART_HISTOGRAM);
  *n_counts = (guint) (data->histogram.scale_max - data->histogram.scale_min + 1);
  return data->histogram.counts;
}

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

static gboolean
window_idle (gpointer data)
{
  return !likert_window_is_busy (data);
}

static void
destroy_window (LikertWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Counts per rating 1–5 straight from the project file by SQL. */
static void
sql_counts (const char *path,
            guint64     counts[5])
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  memset (counts, 0, 5 * sizeof (guint64));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT value, count(*) FROM answer GROUP BY value", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    counts[sqlite3_column_int (stmt, 0) - 1] = (guint64) sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
activate (LikertWindow *window,
          const char   *action,
          GVariant     *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, parameter));
}

static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/app/likert/Likert/gtk/help-overlay.ui");
  LikertWindow *window;

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  window = likert_window_new (NULL);
  g_assert_false (likert_window_has_project (window));
  g_assert_null (likert_window_get_responses (window));
  destroy_window (window);
}

static void
test_open_annotate_reopen (gconstpointer data)
{
  gboolean rtl = GPOINTER_TO_INT (data);
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponseItem) item = NULL;
  LikertWindow *window;
  const guint64 *counts;
  guint n_counts;
  guint64 expected[5];
  g_autofree char *note = NULL;
  gint64 tag_id;
  gint64 response_id;

  gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  test_dir_init (&dir);
  path = test_make_sample_project (&dir);
  file = g_file_new_for_path (path);

  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  likert_window_open_file (window, file);
  g_assert_true (wait_for (window_ready, window, 30));
  if (rtl)
    g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);

  /* The histogram shows what the store holds. */
  counts = chart_counts (window, &n_counts);
  sql_counts (path, expected);
  g_assert_cmpuint (n_counts, ==, 5);
  for (guint v = 0; v < 5; v++)
    g_assert_cmpuint (counts[v], ==, expected[v]);
  g_assert_nonnull (strstr (likert_chart_view_get_description (likert_window_get_chart_view (window)),
                            "Extremely satisfied"));
  g_assert_cmpuint (g_list_model_get_n_items (likert_window_get_responses (window)), ==, 5000);

  /* Annotate the fourth response through the window's actions. */
  item = g_list_model_get_item (likert_window_get_responses (window), 3);
  response_id = likert_response_item_get_id (item);
  activate (window, "win.select-response", g_variant_new_uint32 (3));
  activate (window, "win.set-note", g_variant_new_string ("Mentions the checkout — follow up"));
  activate (window, "win.toggle-tag", g_variant_new_string ("checkout"));
  g_clear_object (&item);
  item = g_list_model_get_item (likert_window_get_responses (window), 3);
  g_assert_cmpstr (likert_response_item_get_note (item), ==, "Mentions the checkout — follow up");
  g_assert_cmpstr (likert_response_item_get_tags (item), ==, "checkout");
  /* The frame was patched in place: filters see the tag without a reload. */
  {
    LikertFrame *frame = likert_window_get_frame (window);
    gint tag = likert_frame_find_tag_by_name (frame, "checkout");

    g_assert_cmpint (tag, >=, 0);
    g_assert_true (likert_frame_has_tag (frame, (guint) likert_frame_find_row (frame, response_id),
                                         (guint) tag));
    g_assert_true (likert_frame_has_note (frame, (guint) likert_frame_find_row (frame, response_id)));
  }
  destroy_window (window);

  /* On disk, from another connection. */
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  response = likert_store_get_response (store, response_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (response->note, ==, "Mentions the checkout — follow up");
  tag_id = likert_store_find_tag (store, "checkout");
  g_assert_cmpint (tag_id, >, 0);
  g_assert_cmpuint (response->tag_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (response->tag_ids, gint64, 0), ==, tag_id);
  g_clear_object (&store);

  /* Reopen in a new window: the note is in the pane, the tag in the list. */
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  likert_window_open_file (window, file);
  g_assert_true (wait_for (window_ready, window, 30));
  activate (window, "win.select-response", g_variant_new_uint32 (3));
  note = likert_window_dup_note_text (window);
  g_assert_cmpstr (note, ==, "Mentions the checkout — follow up");
  g_clear_object (&item);
  item = g_list_model_get_item (likert_window_get_responses (window), 3);
  g_assert_cmpstr (likert_response_item_get_tags (item), ==, "checkout");

  /* Toggling again removes the tag. */
  activate (window, "win.toggle-tag", g_variant_new_string ("checkout"));
  g_clear_object (&item);
  item = g_list_model_get_item (likert_window_get_responses (window), 3);
  g_assert_cmpstr (likert_response_item_get_tags (item), ==, "");
  destroy_window (window);

  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  test_dir_clear (&dir);
}

static gboolean
dialog_idle (gpointer data)
{
  return !likert_import_dialog_is_busy (data);
}

static gboolean
no_dialog (gpointer data)
{
  return likert_window_get_import_dialog (data) == NULL;
}

/* A CSV opens the import dialog; importing from it makes a new project. */
static gboolean
filter_idle (gpointer data)
{
  return !likert_filter_bar_is_busy (data);
}

/* Searching and picking facets in the window: the list and the histogram follow. */
static void
test_filter_window (void)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertFilter) expected_filter = likert_filter_new ();
  g_autofree guint64 *matches = NULL;
  g_autofree guint64 *expected = NULL;
  g_autoptr(GError) error = NULL;
  LikertWindow *window;
  LikertFilterBar *bar;
  LikertFrame *frame;
  LikertStats stats;
  const guint64 *counts;
  guint n_counts, n_expected;
  guint64 shown = 0;

  test_dir_init (&dir);
  path = test_make_sample_project (&dir);
  file = g_file_new_for_path (path);
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  likert_window_open_file (window, file);
  g_assert_true (wait_for (window_ready, window, 30));
  bar = LIKERT_FILTER_BAR (likert_window_get_filter_bar (window));
  frame = likert_window_get_frame (window);

  /* Type a word, pick a country. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (bar), "filter.search",
                                                     g_variant_new_string ("slow")));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (bar), "filter.toggle-value",
                                                     g_variant_new ("(ss)", "country", "US")));
  g_assert_true (wait_for (filter_idle, bar, 30));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* What it should be, computed apart: the frame's search and filter. */
  store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  matches = likert_frame_search (frame, store, "slow", NULL, &error);
  likert_filter_set_search (expected_filter, "slow");
  likert_filter_add_value (expected_filter, "country", "US");
  expected = likert_filter_select (expected_filter, frame, matches, NULL, &n_expected, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_expected, >, 0);
  g_assert_cmpuint (n_expected, <, 5000);

  g_assert_cmpuint (g_list_model_get_n_items (likert_window_get_responses (window)), ==, n_expected);
  likert_frame_compute_stats (frame, 0, expected, &stats);
  counts = chart_counts (window, &n_counts);
  for (guint v = 0; v < n_counts; v++)
    {
      g_assert_cmpuint (counts[v], ==, stats.counts[v]);
      shown += counts[v];
    }
  g_assert_cmpuint (shown, ==, stats.n);

  /* Clearing brings every response back (excluded ones aside: none here). */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (bar), "filter.clear", NULL));
  g_assert_true (wait_for (filter_idle, bar, 30));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (likert_window_get_responses (window)), ==, 5000);

  g_clear_object (&store);
  destroy_window (window);
  test_dir_clear (&dir);
}

static void
test_import_csv (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;
  g_autofree char *project = NULL;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "tiny.csv", "rating,comment\n5,great\n1,awful\n4,\n", -1);
  file = g_file_new_for_path (csv);

  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  likert_window_open_file (window, file);
  g_assert_true (likert_window_is_busy (window));
  dialog = likert_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  g_assert_nonnull (likert_import_dialog_get_plan (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (window_ready, window, 30));
  g_assert_null (likert_window_get_import_dialog (window));
  g_assert_cmpuint (likert_frame_get_n_rows (likert_window_get_frame (window)), ==, 3);
  project = g_strdup (likert_window_get_project_path (window));
  g_assert_true (g_str_has_prefix (project, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (project, "tiny.likert"));

  /* A bad file: the dialog shows the error; cancelled, the project keeps its three responses. */
  g_clear_object (&file);
  g_free (csv);
  csv = test_dir_write (&dir, "bad.csv", "rating,comment\n5,\"open\n", -1);
  file = g_file_new_for_path (csv);
  likert_window_open_file (window, file);
  dialog = likert_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  g_assert_null (likert_import_dialog_get_plan (dialog));
  g_assert_nonnull (likert_import_dialog_get_error (dialog));
  g_assert_false (likert_import_dialog_can_import (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (wait_for (no_dialog, window, 5));
  g_assert_true (wait_for (window_idle, window, 30));
  g_assert_cmpstr (likert_window_get_project_path (window), ==, project);
  g_assert_cmpuint (likert_frame_get_n_rows (likert_window_get_frame (window)), ==, 3);
  destroy_window (window);

  {
    g_autofree char *projects = g_build_filename (g_get_user_data_dir (), "likert", "projects", NULL);
    g_autofree char *wal = g_strconcat (project, "-wal", NULL);
    g_autofree char *shm = g_strconcat (project, "-shm", NULL);
    g_autofree char *likert_dir = g_build_filename (g_get_user_data_dir (), "likert", NULL);

    g_remove (project);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (projects);
    g_rmdir (likert_dir);
  }
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("likert-data-XXXXXX", NULL);
  int status;

  /* New projects from imports go to the user data dir: keep them in a scratch one. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/templates", test_templates);
  g_test_add_data_func ("/ui/open-annotate-reopen/ltr", GINT_TO_POINTER (FALSE),
                        test_open_annotate_reopen);
  g_test_add_data_func ("/ui/open-annotate-reopen/rtl", GINT_TO_POINTER (TRUE),
                        test_open_annotate_reopen);
  g_test_add_func ("/ui/import-csv", test_import_csv);
  g_test_add_func ("/ui/filter-window", test_filter_window);
  status = g_test_run ();
  g_rmdir (data_home);
  return status;
}
