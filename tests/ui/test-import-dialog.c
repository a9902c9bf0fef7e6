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

/* Whether a window's surface is on a monitor (a popover cannot be placed before). */
static gboolean
on_monitor (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return surface != NULL && gtk_widget_get_mapped (data) &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
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

static void
assert_preview (LikertImportDialog *dialog,
                guint               row,
                guint               column,
                const char         *expected)
{
  g_autofree char *shown = likert_import_dialog_dup_preview_cell (dialog, row, column);

  g_assert_cmpstr (shown, ==, expected);
}

/* Whether the label map of column lists line ("word = value"). */
static gboolean
labels_have (LikertImportDialog *dialog,
             guint               column,
             const char         *line)
{
  g_autofree char *labels = likert_import_dialog_dup_column_labels (dialog, column);
  g_auto(GStrv) lines = labels ? g_strsplit (labels, "\n", -1) : NULL;

  return lines != NULL && g_strv_contains ((const char * const *) lines, line);
}

/* The descendant of widget of type type whose accessible name is label (NULL: any). */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               GType       type,
               const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          g_autofree char *differs = label == NULL ? NULL
            : gtk_test_accessible_check_property (GTK_ACCESSIBLE (child),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label);

          if (differs == NULL)
            return child;
        }
      if ((found = find_labelled (child, type, label)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)) != NULL)
        return found;
    }
  return NULL;
}

/* Every descendant of widget of type type. */
static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

/* Moves the keyboard focus with Tab from start within scope until it comes back or steps
 * out; TRUE when it reaches (a part of) every widget in targets. */
static gboolean
tab_reaches (GtkWidget *scope,
             GtkWidget *start,
             GPtrArray *targets)
{
  GtkRoot *root = gtk_widget_get_root (scope);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);

  g_assert_true (gtk_widget_grab_focus (start));
  for (guint step = 0; step < 400; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (root);

      for (guint i = 0; focus != NULL && i < targets->len; i++)
        {
          GtkWidget *target = g_ptr_array_index (targets, i);

          if (focus == target || gtk_widget_is_ancestor (focus, target))
            g_hash_table_add (reached, target);
        }
      if (g_hash_table_size (reached) == targets->len)
        return TRUE;
      if (!gtk_widget_child_focus (scope, GTK_DIR_TAB_FORWARD))
        break;
    }
  for (guint i = 0; i < targets->len; i++)
    if (!g_hash_table_contains (reached, g_ptr_array_index (targets, i)))
      g_test_message ("not reached by Tab: %s %p",
                      G_OBJECT_TYPE_NAME (g_ptr_array_index (targets, i)),
                      g_ptr_array_index (targets, i));
  return FALSE;
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

  /* The channel column as a category is offered other roles: Text, here; the file is planned
   * again with it. */
  assert_role (dialog, 2, "Category");
  g_assert_true (likert_import_dialog_set_role (dialog, "channel", LIKERT_ROLE_TEXT));
  g_assert_true (likert_import_dialog_is_busy (dialog));
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->fields[2]->role, ==, LIKERT_ROLE_TEXT);
  g_assert_cmpuint (plan->n_problems, ==, 2);
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

/* Every role can be chosen for any column; a rating column's words can be mapped to values.
 * Each choice plans the file again: the preview, the problems and the label map follow, and
 * the import lands with the roles and values chosen. */
static void
test_roles_and_labels (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "bad", "label-unmapped.csv",
                                                NULL);
  g_autofree char *text = NULL;
  g_autofree char *project = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;
  const LikertImportPlan *plan;
  LikertFrame *frame;
  LikertStore *store;

  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = open_csv (window, csv);
  wait_plan (dialog);

  /* As found: “Meh” on line 46 is read as nothing, a problem. */
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->n_records, ==, 60);
  assert_role (dialog, 0, "Identifier");
  assert_role (dialog, 1, "Rating");
  assert_role (dialog, 2, "Text");
  g_assert_cmpuint (plan->n_problems, ==, 1);
  g_assert_cmpuint (likert_import_dialog_get_n_problem_rows (dialog), ==, 1);
  text = likert_import_dialog_dup_problem_text (dialog, 0);
  g_assert_true (g_str_has_prefix (text, "Line 46, column 4 — agreement — "));
  g_assert_nonnull (strstr (text, "Meh"));
  g_clear_pointer (&text, g_free);
  g_assert_false (likert_import_dialog_can_import (dialog));
  g_assert_true (labels_have (dialog, 1, "Meh = Not read"));
  g_assert_true (labels_have (dialog, 1, "Disagree = 2 · Disagree"));
  g_assert_true (labels_have (dialog, 1, "Strongly agree = 5 · Strongly agree"));
  g_assert_null (likert_import_dialog_dup_column_labels (dialog, 2));
  assert_preview (dialog, 0, 1, "Disagree\n2");
  assert_preview (dialog, 0, 2, "ok");
  /* A value the drop-down does not offer. */
  g_assert_false (likert_import_dialog_set_label_value (dialog, "agreement", "Meh", 9));
  g_assert_false (likert_import_dialog_set_label_value (dialog, "agreement", "Bof", 3));

  /* “Meh” is a 3: no problem left, the row can be imported. */
  g_assert_true (likert_import_dialog_set_label_value (dialog, "agreement", "Meh", 3));
  g_assert_true (likert_import_dialog_is_busy (dialog));
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->n_problems, ==, 0);
  g_assert_cmpuint (likert_import_dialog_get_n_problem_rows (dialog), ==, 0);
  g_assert_true (labels_have (dialog, 1, "Meh = 3 · Neither agree nor disagree"));
  g_assert_true (likert_import_dialog_can_import (dialog));
  g_assert_true (action_enabled (GTK_WIDGET (dialog), "import.run"));

  /* “Disagree” as missing: the preview reads it so. */
  g_assert_true (likert_import_dialog_set_label_value (dialog, "agreement", "Disagree",
                                                       LIKERT_LABEL_MISSING));
  wait_plan (dialog);
  assert_preview (dialog, 0, 1, "Disagree\nmissing");
  g_assert_true (labels_have (dialog, 1, "Disagree = Missing"));
  /* Reset: every word as found again (“Meh” included). */
  likert_import_dialog_reset_labels (dialog, "agreement");
  wait_plan (dialog);
  assert_preview (dialog, 0, 1, "Disagree\n2");
  g_assert_true (labels_have (dialog, 1, "Meh = Not read"));
  g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->n_problems, ==, 1);
  g_assert_true (likert_import_dialog_set_label_value (dialog, "agreement", "Meh", 3));
  wait_plan (dialog);
  g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->n_problems, ==, 0);

  /* Another scale, one the drop-down does not list: “Strongly agree” (5) falls outside it. */
  likert_import_dialog_set_rating (dialog, "agreement", 1, 4);
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpint (plan->fields[1]->scale_max, ==, 4);
  g_assert_cmpuint (plan->n_problems, ==, 12);
  assert_preview (dialog, 3, 1, "Strongly agree\n!5, outside 1–4");
  text = likert_import_dialog_dup_column_scale (dialog, 1);
  g_assert_true (g_str_has_prefix (text, "1–4"));
  g_clear_pointer (&text, g_free);
  likert_import_dialog_set_rating (dialog, "agreement", 1, 5);
  wait_plan (dialog);
  g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->n_problems, ==, 0);
  g_assert_true (labels_have (dialog, 1, "Meh = 3 · Neither agree nor disagree"));

  /* Roles: the rating as text has no reading in the preview and no label map; back again. */
  g_assert_true (likert_import_dialog_set_role (dialog, "agreement", LIKERT_ROLE_TEXT));
  wait_plan (dialog);
  assert_role (dialog, 1, "Text");
  assert_preview (dialog, 0, 1, "Disagree");
  g_assert_null (likert_import_dialog_dup_column_labels (dialog, 1));
  g_assert_null (likert_import_dialog_dup_column_scale (dialog, 1));
  g_assert_true (likert_import_dialog_set_role (dialog, "agreement", LIKERT_ROLE_RATING));
  wait_plan (dialog);
  assert_role (dialog, 1, "Rating");
  assert_preview (dialog, 0, 1, "Disagree\n2");
  /* The identifier as Other, the comment as a category, and a time that is none. */
  g_assert_true (likert_import_dialog_set_role (dialog, "id", LIKERT_ROLE_OTHER));
  wait_plan (dialog);
  g_assert_true (likert_import_dialog_set_role (dialog, "comment", LIKERT_ROLE_CATEGORY));
  wait_plan (dialog);
  assert_role (dialog, 0, "Other");
  assert_role (dialog, 2, "Category");
  g_assert_false (likert_import_dialog_set_role (dialog, "comment", LIKERT_ROLE_LABEL));
  g_assert_true (likert_import_dialog_set_role (dialog, "comment", LIKERT_ROLE_TIME));
  wait_plan (dialog);
  assert_role (dialog, 2, "Time");
  assert_preview (dialog, 0, 2, "ok\n!not a date");
  g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->n_problems, ==, 60);
  g_assert_false (likert_import_dialog_can_import (dialog));
  g_assert_true (likert_import_dialog_set_role (dialog, "comment", LIKERT_ROLE_CATEGORY));
  wait_plan (dialog);
  plan = likert_import_dialog_get_plan (dialog);
  g_assert_cmpuint (plan->n_problems, ==, 0);
  g_assert_cmpint (plan->fields[0]->role, ==, LIKERT_ROLE_OTHER);
  g_assert_cmpint (plan->fields[1]->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (plan->fields[2]->role, ==, LIKERT_ROLE_CATEGORY);

  /* Import: the project has the roles and the values chosen. */
  project = g_strdup (likert_import_dialog_get_project_path (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.run", NULL));
  g_assert_true (wait_for (window_ready, window, 30));
  frame = likert_window_get_frame (window);
  g_assert_cmpuint (likert_frame_get_n_rows (frame), ==, 60);
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 0), ==, 2);   /* Disagree */
  g_assert_cmpint (likert_frame_get_rating (frame, 0, 44), ==, 3);  /* Meh, line 46 */
  store = likert_store_open (project, LIKERT_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  fields = likert_store_list_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 0))->role, ==, LIKERT_ROLE_OTHER);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 1))->role, ==, LIKERT_ROLE_RATING);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 1))->scale_max, ==, 5);
  g_assert_cmpint (((LikertField *) g_ptr_array_index (fields, 2))->role, ==,
                   LIKERT_ROLE_CATEGORY);
  g_object_unref (store);

  destroy_window (GTK_WINDOW (window));
  remove_project (project);
}

/* The new controls of the columns table and of a rating's label map: each reached by Tab and
 * named for assistive technologies. */
static void
test_columns_keyboard (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "bad", "label-unmapped.csv",
                                                NULL);
  g_autofree char *project = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  TestDir dir;
  LikertImportDialog *dialog;
  GtkWidget *role, *scale, *labels, *popover, *first, *reset;

  test_dir_init (&dir);
  project = test_dir_file (&dir, "keys.likert");
  dialog = likert_import_dialog_new (NULL, csv, project);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_plan (dialog);
  g_assert_true (wait_for (on_monitor, dialog, 10));
  settle (0.2);

  role = find_labelled (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, "Role of “agreement”");
  scale = find_labelled (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, "Scale of “agreement”");
  labels = find_labelled (GTK_WIDGET (dialog), GTK_TYPE_MENU_BUTTON,
                          "Scale and labels of “agreement”");
  g_assert_nonnull (role);
  g_assert_nonnull (scale);
  g_assert_nonnull (labels);
  g_assert_nonnull (find_labelled (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, "Role of “id”"));
  g_assert_nonnull (find_labelled (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, "Role of “comment”"));
  g_ptr_array_add (targets, scale);
  g_ptr_array_add (targets, labels);
  g_ptr_array_add (targets, role);
  first = find_labelled (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, "Role of “id”");
  g_assert_true (tab_reaches (GTK_WIDGET (dialog), first, targets));

  /* The popover: the scale's ends and each word's value, by Tab, each with a name. The button
   * is focused first: the page scrolls to it, as it would for a click. */
  g_assert_true (gtk_widget_grab_focus (labels));
  settle (0.3);
  gtk_menu_button_popup (GTK_MENU_BUTTON (labels));
  settle (0.3);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (labels)));
  g_assert_true (gtk_widget_get_mapped (popover));
  collect (popover, GTK_TYPE_SPIN_BUTTON, controls);
  g_assert_cmpuint (controls->len, ==, 2);
  collect (popover, GTK_TYPE_DROP_DOWN, controls);
  g_assert_cmpuint (controls->len, ==, 2 + 6);
  g_assert_nonnull (reset = find_button_labelled (popover, "_Reset the Words"));
  g_assert_nonnull (find_labelled (popover, GTK_TYPE_SPIN_BUTTON, "Lowest value of “agreement”"));
  g_assert_nonnull (find_labelled (popover, GTK_TYPE_SPIN_BUTTON, "Highest value of “agreement”"));
  g_assert_nonnull (find_labelled (popover, GTK_TYPE_DROP_DOWN, "Value of “Meh”"));
  for (guint i = 2; i < 8; i++)
    g_assert_true (gtk_test_accessible_has_property (g_ptr_array_index (controls, i),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL));
  /* The Reset button is insensitive while no word has a value chosen (out of the Tab chain). */
  g_assert_false (gtk_widget_get_sensitive (reset));
  g_assert_true (tab_reaches (popover, g_ptr_array_index (controls, 0), controls));

  /* A choice in the popover plans again and keeps the popover, its widgets and the focus. */
  {
    GtkWidget *meh = find_labelled (popover, GTK_TYPE_DROP_DOWN, "Value of “Meh”");

    g_assert_true (gtk_widget_grab_focus (meh));
    g_assert_true (likert_import_dialog_set_label_value (dialog, "agreement", "Meh", 3));
    wait_plan (dialog);
    settle (0.2);
    g_assert_true (gtk_widget_get_mapped (popover));
    g_assert_true (find_labelled (popover, GTK_TYPE_DROP_DOWN, "Value of “Meh”") == meh);
    g_assert_true (gtk_widget_has_focus (meh) ||
                   gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), meh));
    g_assert_cmpuint (likert_import_dialog_get_plan (dialog)->n_problems, ==, 0);
    g_assert_true (gtk_widget_get_sensitive (reset));
    g_ptr_array_add (controls, reset);
    g_assert_true (tab_reaches (popover, g_ptr_array_index (controls, 0), controls));
  }

  gtk_menu_button_popdown (GTK_MENU_BUTTON (labels));
  destroy_window (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (project, G_FILE_TEST_EXISTS));
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
  assert_preview (dialog, 0, 0, "05/03/2024 10:00\n2024-03-05 10:00");
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
  assert_preview (dialog, 0, 0, "05/03/2024 10:00\n2024-05-03 10:00");
  /* A number reads as written: no second line. */
  assert_preview (dialog, 1, 1, "5");
  g_assert_true (likert_import_dialog_can_import (dialog));

  /* The time column as text: no dates to order; as a time again: the order stays. */
  g_assert_true (likert_import_dialog_set_role (dialog, "submitted", LIKERT_ROLE_TEXT));
  wait_plan (dialog);
  assert_setting (dialog, "dates", NULL);
  assert_preview (dialog, 0, 0, "05/03/2024 10:00");
  g_assert_true (likert_import_dialog_set_role (dialog, "submitted", LIKERT_ROLE_TIME));
  wait_plan (dialog);
  assert_role (dialog, 0, "Time");
  assert_setting (dialog, "dates", "Month/day/year");
  assert_preview (dialog, 0, 0, "05/03/2024 10:00\n2024-05-03 10:00");

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
  /* The test accessibility backend: it keeps the accessible names the tests check (the suite's
   * "none" keeps nothing). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-dialog/templates", test_templates);
  g_test_add_func ("/import-dialog/plan-and-replan", test_plan_and_replan);
  g_test_add_func ("/import-dialog/plan-error", test_plan_error);
  g_test_add_func ("/import-dialog/problems-skip", test_problems_skip);
  g_test_add_func ("/import-dialog/roles-and-labels", test_roles_and_labels);
  g_test_add_func ("/import-dialog/columns-keyboard", test_columns_keyboard);
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
