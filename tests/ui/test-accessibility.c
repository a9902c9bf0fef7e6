/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every control of the window has an accessible name, with a project open, a response in the
 * annotation pane, many responses on the bulk page, and the codebook shown; left to right and
 * right to left. Checked through GTK's test accessibility backend (GTK_A11Y=test). */
#include "config.h"

#include <adwaita.h>

#include "likert-import.h"
#include "likert-store.h"
#include "likert-window.h"
#include "test-common.h"

static gboolean
window_ready (gpointer data)
{
  return likert_window_get_frame (data) != NULL && !likert_window_is_busy (data);
}

/* A widget a user operates (as opposed to one that only shows something). */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_SCALE (widget) || GTK_IS_EXPANDER (widget);
}

/* A widget's own part of a control (the button inside a menu button, the text inside an
 * entry): the control is what carries the name. */
static gboolean
inside_control (GtkWidget *widget)
{
  for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL; p = gtk_widget_get_parent (p))
    if (GTK_IS_MENU_BUTTON (p) || GTK_IS_DROP_DOWN (p) || GTK_IS_SPIN_BUTTON (p) ||
        GTK_IS_SEARCH_ENTRY (p) || GTK_IS_ENTRY (p) || GTK_IS_PASSWORD_ENTRY (p) ||
        ADW_IS_ENTRY_ROW (p) || GTK_IS_WINDOW_CONTROLS (p) || GTK_IS_STACK_SWITCHER (p))
      return TRUE;
  return FALSE;
}

static gboolean
has_text_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* A menu button's popover is its child, but not its name. */
      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return TRUE;
      if (has_text_label (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_named (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) != NULL ||
           has_text_label (widget);
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_EXPANDER (widget))
    return has_text_label (widget);
  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *out,
                 guint     *n_checked)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (is_control (widget) && !inside_control (widget))
    {
      *n_checked += 1;
      if (g_test_verbose ())
        g_test_message ("  %s %s", G_OBJECT_TYPE_NAME (widget),
                        gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
    }
  if (is_control (widget) && !inside_control (widget) && !is_named (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      g_string_append_printf (out, "  %s (tooltip “%s”, in %s)\n", G_OBJECT_TYPE_NAME (widget),
                              tooltip ? tooltip : "",
                              G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, out, n_checked);
}

static void
assert_all_named (GtkWidget  *root,
                  const char *where,
                  guint       min_checked)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_checked = 0;

  collect_unnamed (root, unnamed, &n_checked);
  g_test_message ("%s: %u controls", where, n_checked);
  /* The walk reached the controls it is meant to check. */
  g_assert_cmpuint (n_checked, >=, min_checked);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name (%s):\n%s", where, unnamed->str);
}

/* Every cell of the response list that is drawn says what it is: "Rating: 4", "Comment: …". */
static void
collect_cells (GtkWidget *widget,
               guint     *n_rating,
               guint     *n_comment)
{
  if ((GTK_IS_INSCRIPTION (widget) || GTK_IS_LABEL (widget)) &&
      gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      char *rating = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                         GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                         "Rating: 4");
      char *comment = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                          "Comment: The page is blank in Chrome. "
                                                          "Everything is slow, especially the "
                                                          "images. Very disappointing.");

      *n_rating += rating == NULL;
      *n_comment += comment == NULL;
      g_free (rating);
      g_free (comment);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, n_rating, n_comment);
}

static char *
make_project (TestDir *dir)
{
  char *path = test_make_sample_project (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = likert_store_open (path, LIKERT_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_cmpint (likert_store_ensure_tag (store, "Delivery", &error), >, 0);
  g_assert_no_error (error);
  return path;
}

static void
test_named (gconstpointer data)
{
  TestDir dir;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  LikertWindow *window;

  gtk_widget_set_default_direction (GPOINTER_TO_INT (data) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  test_dir_init (&dir);
  path = make_project (&dir);

  window = likert_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  assert_all_named (GTK_WIDGET (window), "no project", 4);

  file = g_file_new_for_path (path);
  likert_window_open_file (window, file);
  g_assert_true (wait_for (window_ready, window, 30));
  assert_all_named (GTK_WIDGET (window), "project open", 23);
  {
    guint n_rating = 0, n_comment = 0;

    /* The sample's second response rates 1 with that comment; several in view rate 4. */
    while (g_main_context_iteration (NULL, FALSE))
      ;
    collect_cells (GTK_WIDGET (window), &n_rating, &n_comment);
    g_assert_cmpuint (n_rating, >, 0);
    g_assert_cmpuint (n_comment, ==, 1);
  }

  /* The annotation pane with a response. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-response", "u", 3));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_all_named (GTK_WIDGET (window), "a response selected", 30);

  /* The bulk page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.select-all", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_all_named (GTK_WIDGET (window), "all responses selected", 29);

  /* The codebook, with its tags. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-codebook", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  assert_all_named (GTK_WIDGET (window), "codebook", 26);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_dir_clear (&dir);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  /* The test backend keeps the accessible properties that the "none" backend drops. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/accessibility/named/ltr", GINT_TO_POINTER (FALSE), test_named);
  g_test_add_data_func ("/accessibility/named/rtl", GINT_TO_POINTER (TRUE), test_named);
  return g_test_run ();
}
