/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import dialog and the imports window, driven through the main window as a user would:
 * open a CSV, read what the dialog found, change it, import, and look at the project. */
#include "config.h"

#include <adwaita.h>

#include "likert-frame.h"
#include "likert-import-dialog.h"
#include "likert-imports-window.h"
#include "likert-store.h"
#include "likert-window.h"
#include "test-common.h"

static void
settle (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
dialog_idle (gpointer data)
{
  return !likert_import_dialog_is_busy (data);
}

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

static gboolean
no_dialog (gpointer data)
{
  return likert_window_get_import_dialog (data) == NULL;
}

static void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Opens csv in window and waits for the dialog's plan. */
static LikertImportDialog *
open_csv (LikertWindow *window,
          const char   *csv)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  LikertImportDialog *dialog;

  likert_window_open_file (window, file);
  dialog = likert_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (likert_window_is_busy (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  return dialog;
}

static void
wait_plan (LikertImportDialog *dialog)
{
  g_assert_true (wait_for (dialog_idle, dialog, 30));
  g_assert_cmpstr (likert_import_dialog_get_page (dialog), ==, "plan");
}

static void
assert_setting (LikertImportDialog *dialog,
                const char         *row,
                const char         *expected)
{
  g_autofree char *shown = likert_import_dialog_dup_setting (dialog, row);

  g_assert_cmpstr (shown, ==, expected);
}

static void
assert_role (LikertImportDialog *dialog,
             guint               column,
             const char         *expected)
{
  g_autofree char *shown = likert_import_dialog_dup_column_role (dialog, column);

  g_assert_cmpstr (shown, ==, expected);
}

/* The first button bound to action under widget. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether the button of action can be clicked (the action's enabled state). */
static gboolean
action_enabled (GtkWidget  *widget,
                const char *action)
{
  GtkWidget *button = find_action_button (widget, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static LikertImportsWindow *
find_imports_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (LIKERT_IS_IMPORTS_WINDOW (item))
        return LIKERT_IMPORTS_WINDOW (item);
    }
  return NULL;
}

static void
remove_project (const char *project)
{
  g_autofree char *wal = g_strconcat (project, "-wal", NULL);
  g_autofree char *shm = g_strconcat (project, "-shm", NULL);

  g_remove (project);
  g_remove (wal);
  g_remove (shm);
}

static char *
projects_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "likert", "projects", NULL);
}

static guint
count_projects (void)
{
  g_autofree char *dir_path = projects_dir ();
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  if (dir != NULL)
    g_dir_close (dir);
  return n;
}

/* Every template, in both directions, and the imports window on a project without imports. */
static void
test_templates (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  LikertImportsWindow *imports;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "tiny.csv", "rating,comment\n5,great\n1,awful\n", -1);
  project = test_dir_file (&dir, "empty.likert");

  for (int rtl = 0; rtl <= 1; rtl++)
    {
      LikertImportDialog *dialog;

      gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      dialog = likert_import_dialog_new (NULL, csv, project);
      g_assert_true (LIKERT_IS_IMPORT_DIALOG (dialog));
      g_assert_cmpstr (likert_import_dialog_get_page (dialog), ==, "planning");
      g_assert_true (likert_import_dialog_is_busy (dialog));
      g_assert_false (likert_import_dialog_can_import (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      if (rtl)
        g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (dialog)), ==, GTK_TEXT_DIR_RTL);
      wait_plan (dialog);
      g_assert_true (likert_import_dialog_can_import (dialog));
      assert_role (dialog, 0, "Rating");
      settle (0.2);
      destroy_window (GTK_WINDOW (dialog));
    }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));

  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  imports = likert_imports_window_new (NULL, store);
  g_assert_cmpuint (likert_imports_window_get_n_imports (imports), ==, 0);
  gtk_window_present (GTK_WINDOW (imports));
  settle (0.2);
  destroy_window (GTK_WINDOW (imports));
  g_clear_object (&store);

  test_dir_clear (&dir);
}

/* What the dialog shows, and a change that plans again. */
static void
test_plan_and_replan (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *scale = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;
  const LikertImportPlan *plan;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "scores.csv",
                        "id,rating,comment\n"
                        "a,5,\"Great, really\"\n"
                        "b,1,Awful\n"
                        "c,4,\n"
                        "d,Extremely dissatisfied,Slow\n", -1);
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = open_csv (window, csv);
  wait_plan (dialog);

  plan = likert_import_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->n_columns, ==, 3);
  g_assert_cmpuint (plan->n_records, ==, 4);
  assert_setting (dialog, "encoding", "UTF-8 (detected)");
  assert_setting (dialog, "delimiter", "Comma (detected)");
  assert_setting (dialog, "shape", "Plain CSV with a header row (detected)");
  assert_setting (dialog, "header-rows", "1 (detected)");
  assert_setting (dialog, "dates", NULL);
  assert_role (dialog, 0, "Identifier");
  assert_role (dialog, 1, "Rating");
  assert_role (dialog, 2, "Text");
  scale = likert_import_dialog_dup_column_scale (dialog, 1);
  g_assert_true (g_str_has_prefix (scale, "1–5\n"));
  g_assert_nonnull (strstr (scale, "1 = Extremely dissatisfied"));
  g_assert_null (likert_import_dialog_dup_column_scale (dialog, 2));
  g_assert_cmpuint (likert_import_dialog_get_n_problem_rows (dialog), ==, 0);
  g_assert_true (likert_import_dialog_can_import (dialog));

  /* Another delimiter: the file is planned again, as one column. */
  likert_import_dialog_set_delimiter (dialog, ';');
  g_assert_true (likert_import_dialog_is_busy (dialog));
  g_assert_false (likert_import_dialog_can_import (dialog));
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->delimiter, ==, ';');
  g_assert_cmpuint (plan->n_columns, ==, 1);
  assert_setting (dialog, "delimiter", "Semicolon");

  /* Back to the detected one. */
  likert_import_dialog_set_delimiter (dialog, ',');
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->delimiter, ==, ',');
  g_assert_cmpuint (plan->n_columns, ==, 3);
  assert_setting (dialog, "delimiter", "Comma (detected)");

  /* Two changes in a row: the first plan is cancelled, the second shown. */
  likert_import_dialog_set_encoding (dialog, "WINDOWS-1252");
  likert_import_dialog_set_header_rows (dialog, 0);
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpstr (plan->encoding, ==, "WINDOWS-1252");
  g_assert_cmpuint (plan->shape->header_rows, ==, 0);
  g_assert_cmpuint (plan->n_records, ==, 5);
  assert_setting (dialog, "encoding", "WINDOWS-1252");
  assert_setting (dialog, "header-rows", "0");

  /* Another survey tool: its header rows. */
  likert_import_dialog_set_shape (dialog, LIKERT_SHAPE_SURVEYMONKEY);
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->shape->kind, ==, LIKERT_SHAPE_SURVEYMONKEY);
  g_assert_cmpuint (plan->shape->header_rows, ==, 2);
  assert_setting (dialog, "shape", "SurveyMonkey");
  assert_setting (dialog, "header-rows", "2 (detected)");

  /* Escape cancels: nothing was imported. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  g_assert_true (wait_for (no_dialog, window, 5));
  g_assert_false (likert_window_has_project (window));
  g_assert_cmpuint (count_projects (), ==, 0);
  destroy_window (GTK_WINDOW (window));
  test_dir_clear (&dir);
}

/* An encoding that does not fit: the error is shown, the settings stay to try another. */
static void
test_plan_error (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *project = NULL;
  g_autofree char *detected = NULL;
  LikertImportDialog *dialog;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "latin.csv", "rating,comment\n5,caf\xe9 cr\xe8me\n2,tr\xe8s lent\n", -1);
  project = test_dir_file (&dir, "latin.likert");
  dialog = likert_import_dialog_new (NULL, csv, project);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_plan (dialog);
  detected = g_strdup (likert_import_dialog_get_plan (dialog)->encoding);
  g_assert_cmpstr (detected, !=, "UTF-8");

  likert_import_dialog_set_encoding (dialog, "UTF-8");
  wait_plan (dialog);
  g_assert_null (likert_import_dialog_get_plan (dialog));
  g_assert_nonnull (likert_import_dialog_get_error (dialog));
  g_assert_false (likert_import_dialog_can_import (dialog));
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "import.run"));
  assert_setting (dialog, "encoding", "UTF-8");

  likert_import_dialog_set_encoding (dialog, NULL);
  wait_plan (dialog);
  g_assert_nonnull (likert_import_dialog_get_plan (dialog));
  g_assert_null (likert_import_dialog_get_error (dialog));
  g_assert_cmpstr (likert_import_dialog_get_plan (dialog)->encoding, ==, detected);
  g_assert_true (likert_import_dialog_can_import (dialog));

  /* A rating chosen for a column, then no header row: the column is gone, and so is the
   * choice; the file plans with its new column names. */
  likert_import_dialog_set_rating (dialog, "rating", 1, 7);
  wait_plan (dialog);
  g_assert_cmpint (likert_import_dialog_get_plan (dialog)->fields[0]->scale_max, ==, 7);
  likert_import_dialog_set_header_rows (dialog, 0);
  wait_plan (dialog);
  g_assert_null (likert_import_dialog_get_error (dialog));
  g_assert_nonnull (likert_import_dialog_get_plan (dialog));
  g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->shape->header_rows, ==, 0);
  g_assert_cmpstr (likert_import_dialog_get_plan (dialog)->fields[0]->header, !=, "rating");

  destroy_window (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  test_dir_clear (&dir);
}

/* A value problem: the import waits for a choice; skipping imports the good rows only, and the
 * project records what was skipped. A role chosen in the dialog reaches the project. */
static void
test_problems_skip (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *project = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;
  LikertImportsWindow *imports;
  const LikertImportPlan *plan;
  const LikertImportRecord *record;
  const LikertSkippedRow *skipped;
  LikertStore *store;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "problems.csv",
                        "rating,comment,channel\n"
                        "5,good,web\n"
                        "7,too high,mail\n"
                        "3.5,half,web\n"
                        "2,ok,mail\n", -1);
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = open_csv (window, csv);
  wait_plan (dialog);

  /* Not a rating by itself (a decimal); declared one on 1–5. */
  assert_role (dialog, 0, "Category");
  likert_import_dialog_set_rating (dialog, "rating", 1, 5);
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  assert_role (dialog, 0, "Rating");
  g_assert_cmpuint (plan->n_problems, ==, 2);
  g_assert_cmpuint (plan->n_bad_records, ==, 2);
  g_assert_false (likert_import_dialog_can_import (dialog));
  g_assert_false (action_enabled (GTK_WIDGET (dialog), "import.run"));
  g_assert_cmpuint (likert_import_dialog_get_n_problem_rows (dialog), ==, 2);
  text = likert_import_dialog_dup_problem_text (dialog, 0);
  g_assert_true (g_str_has_prefix (text, "Line 3, column 1 — rating — "));
  g_assert_nonnull (strstr (text, "7"));
  g_free (text);
  text = likert_import_dialog_dup_problem_text (dialog, 1);
  g_assert_true (g_str_has_prefix (text, "Line 4, column 1 — rating — "));
  g_assert_nonnull (strstr (text, "3.5"));

  /* The channel column as a category is offered other roles: Text, here. */
  assert_role (dialog, 2, "Category");
  g_assert_true (likert_import_dialog_set_role (dialog, "channel", LIKERT_ROLE_TEXT));
  g_assert_false (likert_import_dialog_is_busy (dialog));
  assert_role (dialog, 2, "Text");

  /* Skip the rows with problems, and import. */
  likert_import_dialog_set_skip_bad_rows (dialog, TRUE);
  g_assert_true (likert_import_dialog_can_import (dialog));
  g_assert_true (action_enabled (GTK_WIDGET (dialog), "import.run"));
  project = g_strdup (likert_import_dialog_get_project_path (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (window_ready, window, 30));
  g_assert_null (likert_window_get_import_dialog (window));
  g_assert_cmpstr (likert_window_get_project_path (window), ==, project);
  g_assert_cmpuint (likert_frame_get_n_rows (likert_window_get_frame (window)), ==, 2);

  /* The imports window lists the import with the rows it skipped. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-imports", NULL));
  imports = find_imports_window ();
  g_assert_nonnull (imports);
  g_assert_cmpuint (likert_imports_window_get_n_imports (imports), ==, 1);
  record = likert_imports_window_get_import (imports, 0);
  g_assert_cmpstr (record->source_name, ==, "problems.csv");
  g_assert_cmpuint (record->n_records, ==, 4);
  g_assert_cmpuint (record->n_new, ==, 2);
  g_assert_cmpuint (record->n_skipped, ==, 2);
  g_assert_cmpuint (record->skipped_rows->len, ==, 2);
  skipped = g_ptr_array_index (record->skipped_rows, 0);
  g_assert_cmpuint (skipped->line, ==, 3);
  g_assert_cmpuint (skipped->column, ==, 1);
  summary = likert_imports_window_dup_summary (imports, 0);
  g_assert_cmpstr (summary, ==, "2 new · 2 skipped");
  settle (0.2);
  destroy_window (GTK_WINDOW (imports));

  /* The roles as chosen. */
  store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fields = likert_store_list_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 3);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 0))->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 0))->scale_max, ==, 5);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 2))->role, ==, LIKERT_ROLE_TEXT);
  g_object_unref (store);

  destroy_window (GTK_WINDOW (window));
  remove_project (project);
  test_dir_clear (&dir);
}

/* Dates that read both ways wait for the analyst's word. */
static void
test_ambiguous_dates (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  LikertImportDialog *dialog;
  const LikertImportPlan *plan;
  g_autofree char *project = NULL;

  test_dir_init (&dir);
  csv = test_dir_write (&dir, "dates.csv",
                        "submitted,rating\n05/03/2024 10:00,4\n01/02/2024 11:30,5\n", -1);
  project = test_dir_file (&dir, "dates.likert");
  dialog = likert_import_dialog_new (NULL, csv, project);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_true (plan->date_order_ambiguous);
  assert_role (dialog, 0, "Time");
  assert_setting (dialog, "dates", "Day/month/year");
  g_assert_false (likert_import_dialog_can_import (dialog));

  /* Confirming the order shown needs no new plan. */
  likert_import_dialog_set_date_order (dialog, LIKERT_DATE_ORDER_DMY);
  g_assert_false (likert_import_dialog_is_busy (dialog));
  g_assert_true (likert_import_dialog_can_import (dialog));

  /* The other order plans again. */
  likert_import_dialog_set_date_order (dialog, LIKERT_DATE_ORDER_MDY);
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->date_order, ==, LIKERT_DATE_ORDER_MDY);
  g_assert_false (plan->date_order_ambiguous);
  assert_setting (dialog, "dates", "Month/day/year");
  g_assert_true (likert_import_dialog_can_import (dialog));

  destroy_window (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  test_dir_clear (&dir);
}

static char *
write_big_csv (TestDir *dir,
               guint    n_rows)
{
  g_autoptr(GString) text = g_string_new ("id,rating,comment\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "r%u,%u,\"Comment number %u, with a comma\"\n", i, 1 + i % 5, i);
  return test_dir_write (dir, "big.csv", text->str, (gssize) text->len);
}

/* Cancelling, while planning or while importing, leaves nothing behind. */
static void
test_cancel (void)
{
  TestDir dir;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *project = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;

  test_dir_init (&dir);
  csv = write_big_csv (&dir, 200000);
  file = g_file_new_for_path (csv);
  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* While planning. */
  likert_window_open_file (window, file);
  dialog = likert_window_get_import_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (likert_import_dialog_is_busy (dialog));
  g_assert_cmpstr (likert_import_dialog_get_page (dialog), ==, "planning");
  settle (0.05);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_null (likert_window_get_import_dialog (window));
  settle (0.5);
  g_assert_false (likert_window_has_project (window));
  g_assert_cmpuint (count_projects (), ==, 0);

  /* While importing: the new project file goes too. */
  likert_window_open_file (window, file);
  dialog = likert_window_get_import_dialog (window);
  wait_plan (dialog);
  project = g_strdup (likert_import_dialog_get_project_path (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_cmpstr (likert_import_dialog_get_page (dialog), ==, "importing");
  g_assert_true (likert_import_dialog_is_busy (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  g_assert_true (wait_for (no_dialog, window, 30));
  settle (0.2);
  g_assert_false (likert_window_has_project (window));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_projects (), ==, 0);

  /* Closing the window while a plan runs. */
  likert_window_open_file (window, file);
  g_assert_nonnull (likert_window_get_import_dialog (window));
  destroy_window (GTK_WINDOW (window));
  settle (0.5);

  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("likert-data-XXXXXX", NULL);
  g_autofree char *projects = NULL;
  g_autofree char *likert_dir = NULL;
  int status;

  /* New projects from imports go to the user data dir: keep them in a scratch one. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-dialog/templates", test_templates);
  g_test_add_func ("/import-dialog/plan-and-replan", test_plan_and_replan);
  g_test_add_func ("/import-dialog/plan-error", test_plan_error);
  g_test_add_func ("/import-dialog/problems-skip", test_problems_skip);
  g_test_add_func ("/import-dialog/ambiguous-dates", test_ambiguous_dates);
  g_test_add_func ("/import-dialog/cancel", test_cancel);
  status = g_test_run ();

  projects = g_build_filename (data_home, "likert", "projects", NULL);
  likert_dir = g_build_filename (data_home, "likert", NULL);
  g_rmdir (projects);
  g_rmdir (likert_dir);
  g_rmdir (data_home);
  return status;
}
