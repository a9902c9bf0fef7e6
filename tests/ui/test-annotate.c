/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Coding responses from the keyboard, bulk changes and undo, driven through the window's key
 * handling and actions under Xvfb, checked against the project file. */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "likert-annotation-pane.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "likert-preferences-window.h"
#include "likert-store.h"
#include "likert-window.h"
#include "test-common.h"

#define N_RESPONSES 40

typedef struct
{
  TestDir       dir;
  char         *path;
  LikertStore  *store;      /* the test's own connection, to check what is on disk */
  LikertWindow *window;
  gint64        billing;
  gint64        praise;
} Fixture;

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

static LikertAnnotationPane *
pane_of (Fixture *f)
{
  return likert_window_get_annotation_pane (f->window);
}

static gboolean
pane_idle (gpointer data)
{
  return !likert_annotation_pane_is_busy (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("id,rating,comment\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv_path = NULL;

  gtk_widget_set_default_direction (GPOINTER_TO_INT (data) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  test_dir_init (&f->dir);
  for (guint i = 1; i <= N_RESPONSES; i++)
    g_string_append_printf (csv, "r%u,%u,comment number %u\n", i, 1 + i % 5, i);
  csv_path = test_dir_write (&f->dir, "responses.csv", csv->str, -1);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->billing = likert_store_ensure_tag (f->store, "billing", &error);
  f->praise = likert_store_ensure_tag (f->store, "praise", &error);
  g_assert_no_error (error);

  f->window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  file = g_file_new_for_path (f->path);
  likert_window_open_file (f->window, file);
  g_assert_true (wait_for (window_ready, f->window, 30));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* The tooltip timer of the list's cells runs out while the window exists (a loaded machine
   * showed the critical test_settle () avoids). */
  test_settle ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* A key press as the window's capture-phase key handler gets it; TRUE when it was handled. */
static gboolean
press (Fixture *f,
       guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                                 &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
}

static gint64
shown (Fixture *f)
{
  return likert_annotation_pane_get_response (pane_of (f));
}

static gint64
id_at (Fixture *f,
       guint    position)
{
  g_autoptr(GObject) item = g_list_model_get_item (likert_window_get_responses (f->window),
                                                   position);
  LikertFrame *frame = likert_window_get_frame (f->window);

  g_assert_nonnull (item);
  /* The list shows frame rows in file order here: position i is response i + 1's row. */
  return likert_frame_get_response_id (frame, position);
}

static LikertResponse *
on_disk (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  LikertResponse *response = likert_store_get_response (f->store, id, &error);

  g_assert_no_error (error);
  return response;
}

static gboolean
has_tag (LikertResponse *response,
         gint64          tag_id)
{
  for (guint i = 0; i < response->tag_ids->len; i++)
    if (g_array_index (response->tag_ids, gint64, i) == tag_id)
      return TRUE;
  return FALSE;
}

static gboolean
focus_in_popover (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (data));

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  LikertFrame *frame = likert_window_get_frame (f->window);
  g_autoptr(LikertResponse) first = NULL;
  g_autoptr(LikertResponse) second = NULL;
  GtkWidget *focus;
  gint64 a, b;

  /* j selects the first response, j again the second, k back. */
  g_assert_true (press (f, GDK_KEY_j));
  a = id_at (f, 0);
  g_assert_cmpint (shown (f), ==, a);
  g_assert_true (press (f, GDK_KEY_j));
  g_assert_cmpint (shown (f), ==, id_at (f, 1));
  g_assert_true (press (f, GDK_KEY_k));
  g_assert_cmpint (shown (f), ==, a);

  /* 1 toggles the first tag of the codebook, 2 the second; r marks it reviewed. */
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_true (press (f, GDK_KEY_2));
  g_assert_true (press (f, GDK_KEY_2));
  g_assert_true (press (f, GDK_KEY_r));
  /* Edits redraw the row; it stays selected. */
  g_assert_true (gtk_selection_model_is_selected (
      GTK_SELECTION_MODEL (likert_window_get_responses (f->window)), 0));
  first = on_disk (f, a);
  g_assert_true (has_tag (first, f->billing));
  g_assert_false (has_tag (first, f->praise));
  g_assert_cmpint (first->status, ==, LIKERT_STATUS_REVIEWED);
  g_assert_nonnull (first->author);
  /* The frame follows without a reload. */
  g_assert_cmpint (likert_frame_get_status (frame, (guint) likert_frame_find_row (frame, a)), ==,
                   LIKERT_STATUS_REVIEWED);

  /* Space: the next response still new, after the selected one. */
  g_assert_true (press (f, GDK_KEY_space));
  b = shown (f);
  g_assert_cmpint (b, ==, id_at (f, 1));
  g_assert_true (press (f, GDK_KEY_f));
  second = on_disk (f, b);
  g_assert_cmpint (second->status, ==, LIKERT_STATUS_FLAGGED);

  /* x excludes: the response leaves the list (excluded ones are filtered out by default). */
  g_assert_true (press (f, GDK_KEY_x));
  g_assert_cmpuint (g_list_model_get_n_items (likert_window_get_responses (f->window)), ==,
                    N_RESPONSES - 1);

  /* n puts the focus in the note; there, letters are text, not commands. */
  g_assert_true (press (f, GDK_KEY_j));
  g_assert_true (press (f, GDK_KEY_n));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_TEXT_VIEW (focus));
  g_assert_false (press (f, GDK_KEY_j));

  /* Escape: back in the list, where j moves again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.focus-list", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_COLUMN_VIEW));
  b = shown (f);
  g_assert_true (press (f, GDK_KEY_j));
  g_assert_cmpint (shown (f), !=, b);

  /* t opens the tag search, its entry focused once the X server has mapped the popover (on a
   * loaded machine, after more than one turn of the main loop). */
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);
  g_assert_true (press (f, GDK_KEY_t));
  g_assert_true (wait_for (focus_in_popover, f->window, 10));

  /* Closed, and GTK's tooltip timer left to run out while its surface exists. */
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                                             GTK_TYPE_POPOVER)));
  test_settle ();
}

static void
test_note_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LikertResponse) response = NULL;
  g_autofree char *note = NULL;
  gint64 a;

  g_assert_true (press (f, GDK_KEY_j));
  a = shown (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-note", "s",
                                             "asks for a refund"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-tag", "s",
                                             "refund"));
  response = on_disk (f, a);
  g_assert_cmpstr (response->note, ==, "asks for a refund");
  g_clear_pointer (&response, likert_response_free);

  /* Ctrl+Z: the tagging goes, then the new tag, then the note. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));
  response = on_disk (f, a);
  g_assert_false (has_tag (response, likert_store_find_tag (f->store, "refund")));
  g_assert_cmpstr (response->note, ==, "asks for a refund");
  g_clear_pointer (&response, likert_response_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));
  g_assert_true (wait_for (window_ready, f->window, 30));
  g_assert_cmpint (likert_store_find_tag (f->store, "refund"), ==, 0);
  /* The codebook changed, so the project was read again: the same response is selected. */
  g_assert_cmpint (shown (f), ==, a);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));
  response = on_disk (f, a);
  g_assert_cmpstr (response->note, ==, "");
  g_clear_pointer (&response, likert_response_free);
  /* The pane shows what the project has. */
  note = likert_window_dup_note_text (f->window);
  g_assert_cmpstr (note, ==, "");

  /* Ctrl+Shift+Z: the note again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));
  response = on_disk (f, a);
  g_assert_cmpstr (response->note, ==, "asks for a refund");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  LikertFrame *frame = likert_window_get_frame (f->window);
  AdwMessageDialog *dialog;
  guint n_flagged = 0;

  /* Ctrl+A: all responses of the filter; x asks first, then excludes all in one step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL));
  g_assert_cmpint (shown (f), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane_of (f)), "pane.bulk-status", "s",
                                             "flagged"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* The confirmation names the count. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "40"));
  adw_message_dialog_response (dialog, "apply");
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));

  for (gint64 id = 1; id <= N_RESPONSES; id++)
    {
      g_autoptr(LikertResponse) response = on_disk (f, id);

      n_flagged += response->status == LIKERT_STATUS_FLAGGED;
      g_assert_cmpint (likert_frame_get_status (frame, (guint) likert_frame_find_row (frame, id)),
                       ==, response->status);
    }
  g_assert_cmpuint (n_flagged, ==, N_RESPONSES);

  /* Cancelled: nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane_of (f)), "pane.bulk-status", "s",
                                             "new"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(LikertResponse) response = on_disk (f, 7);

    g_assert_cmpint (response->status, ==, LIKERT_STATUS_FLAGGED);
  }

  /* One undo takes the whole bulk change back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_true (wait_for (pane_idle, pane_of (f), 30));
  for (gint64 id = 1; id <= N_RESPONSES; id++)
    {
      g_autoptr(LikertResponse) response = on_disk (f, id);

      g_assert_cmpint (response->status, ==, LIKERT_STATUS_NEW);
      g_assert_cmpint (likert_frame_get_status (frame, (guint) likert_frame_find_row (frame, id)),
                       ==, LIKERT_STATUS_NEW);
    }
}

static gboolean
export_done (gpointer data)
{
  return !likert_window_is_exporting (data);
}

/* The responses of the filter, with what was coded, to CSV from the window. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = test_dir_file (&f->dir, "coded.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (press (f, GDK_KEY_j));
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-note", "s",
                                             "=HYPERLINK(\"http://x\")"));
  /* Excluded: no longer in the filter, so not exported. */
  g_assert_true (press (f, GDK_KEY_j));
  g_assert_true (press (f, GDK_KEY_x));

  likert_window_export_responses (f->window, out, TRUE);
  g_assert_true (likert_window_is_exporting (f->window));
  g_assert_true (wait_for (export_done, f->window, 30));
  g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  lines = g_strsplit (contents, "\r\n", -1);
  /* The header, the responses but the excluded one, and the empty string after the last. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + (N_RESPONSES - 1) + 1);
  g_assert_nonnull (strstr (lines[1], "billing"));
  g_assert_nonnull (strstr (lines[1], "'=HYPERLINK"));
  g_assert_null (strstr (contents, "comment number 2,"));
}

/* A label showing exactly text, as text (not markup), somewhere under widget. */
static gboolean
shows_literally (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_literally (child, text))
      return TRUE;
  return FALSE;
}

/* Text from a file or typed by a user is never markup: it shows as it is. */
static void
test_markup_literal (Fixture       *f,
                     gconstpointer  data)
{
  static const char *hostile = "<b>bold</b> &amp; %s %n \u202Eevil\u202C";
  static const char *tag = "<i>x</i> & y";

  g_assert_true (press (f, GDK_KEY_j));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.set-note", "s", hostile));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-tag", "s", tag));
  /* The tag's button, and the note's line in the history. */
  g_assert_true (shows_literally (GTK_WIDGET (pane_of (f)), tag));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move", "i", 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.move", "i", -1));
  {
    g_autofree char *note = likert_window_dup_note_text (f->window);

    g_assert_cmpstr (note, ==, hostile);
  }
  /* The codebook lists it as typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-codebook", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (shows_literally (GTK_WIDGET (f->window), tag));
}

/* The analyst name typed in the preferences is the author of what is coded next. */
static void
test_preferences_author (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *preferences = likert_preferences_window_new (GTK_WINDOW (f->window));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(LikertResponse) response = NULL;
  GtkWidget *row = NULL;

  gtk_window_present (GTK_WINDOW (preferences));
  /* The first editable row is the analyst name. */
  for (GtkWidget *w = gtk_widget_get_first_child (preferences); w != NULL && row == NULL;)
    {
      if (ADW_IS_ENTRY_ROW (w))
        row = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "  Samira Haddad ");
  {
    g_autofree char *name = g_settings_get_string (settings, "analyst-name");

    g_assert_cmpstr (name, ==, "Samira Haddad");
  }

  g_assert_true (press (f, GDK_KEY_j));
  g_assert_true (press (f, GDK_KEY_r));
  response = on_disk (f, shown (f));
  g_assert_cmpstr (response->author, ==, "Samira Haddad");

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "analyst-name");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/annotate/keyboard", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_keyboard, fixture_teardown);
  g_test_add ("/annotate/keyboard-rtl", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_keyboard, fixture_teardown);
  g_test_add ("/annotate/note-undo-redo", Fixture, NULL, fixture_setup, test_note_undo_redo,
              fixture_teardown);
  g_test_add ("/annotate/bulk", Fixture, NULL, fixture_setup, test_bulk, fixture_teardown);
  g_test_add ("/annotate/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/annotate/preferences-author", Fixture, NULL, fixture_setup,
              test_preferences_author, fixture_teardown);
  g_test_add ("/annotate/markup-literal", Fixture, NULL, fixture_setup, test_markup_literal,
              fixture_teardown);
  return g_test_run ();
}
