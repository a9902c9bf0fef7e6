/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likert-shoot: renders the main window on a project, with a response selected, to a PNG.
 * For looking at the UI in review and for the AppStream screenshots:
 *   likert-shoot PROJECT OUT.png [--select N] [--note TEXT] [--action win.NAME]… [--width W]
 *                [--height H] [--rtl]
 * Given a CSV instead, it renders the import dialog on it, as planned:
 *   likert-shoot FILE.csv OUT.png [--rating COLUMN:MIN-MAX] [--skip] [--width W] [--height H]
 * With --imports, it renders the project's list of imports instead of the window (--select N
 * expands the Nth, 0 the newest).
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "likert-import-dialog.h"
#include "likert-imports-window.h"
#include "likert-window.h"

static gboolean
wait_until (gboolean (*check) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  /* Not a blocking iteration: a project that fails to open leaves nothing to wake it up. */
  while (!check (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  return check (data);
}

static gboolean
render (GtkWidget  *widget,
        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  return gdk_texture_save_to_png (texture, path);
}

/* Expands the expander row numbered n (0: the first) under widget; returns the rows seen. */
static int
expand_row (GtkWidget *widget,
            int        n)
{
  int seen = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child))
        {
          if (seen++ == n)
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
        }
      else
        seen += expand_row (child, n - seen);
    }
  return seen;
}

static gboolean
ready (gpointer window)
{
  return likert_window_get_frame (window) != NULL && !likert_window_is_busy (window);
}

static gboolean
dialog_ready (gpointer dialog)
{
  return !likert_import_dialog_is_busy (dialog);
}

static void
settle (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

int
main (int   argc,
      char *argv[])
{
  int select = -1, width = 1100, height = 720;
  gboolean rtl = FALSE, dark = FALSE, skip = FALSE, imports = FALSE, large_text = FALSE;
  const char *note = NULL;
  const char *rating = NULL;
  g_auto(GStrv) actions = NULL;
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");
  GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_INT, &select, "Select response N", "N" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "Type this note for it", "TEXT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "rtl", 0, 0, G_OPTION_ARG_NONE, &rtl, "Right to left", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "large-text", 0, 0, G_OPTION_ARG_NONE, &large_text,
      "Large text (fonts at 150 %, as the accessibility setting does)", NULL },
    { "rating", 0, 0, G_OPTION_ARG_STRING, &rating, "Import dialog: declare a rating column",
      "COLUMN:MIN-MAX" },
    { "skip", 0, 0, G_OPTION_ARG_NONE, &skip, "Import dialog: skip the rows with problems", NULL },
    { "imports", 0, 0, G_OPTION_ARG_NONE, &imports, "Render the project's imports", NULL },
    { "action", 0, 0, G_OPTION_ARG_STRING_ARRAY, &actions,
      "Activate this window action (without parameter) before the shot; repeatable", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT OUT.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  LikertWindow *window;
  LikertImportDialog *dialog;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n", error ? error->message : "usage: likert-shoot PROJECT OUT.png");
      return 2;
    }

  gtk_init ();
  adw_init ();
  if (rtl)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  if (large_text)
    g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  window = likert_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[1]);
  likert_window_open_file (window, file);

  dialog = likert_window_get_import_dialog (window);
  if (dialog != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
      if (!wait_until (dialog_ready, dialog))
        {
          g_printerr ("likert-shoot: the import was not planned\n");
          return 1;
        }
      if (rating != NULL)
        {
          g_auto(GStrv) parts = g_strsplit_set (rating, ":-", 3);
          int scale_min = parts[1] ? atoi (parts[1]) : 0;
          int scale_max = parts[1] && parts[2] ? atoi (parts[2]) : 0;

          likert_import_dialog_set_rating (dialog, parts[0], scale_min, scale_max);
          wait_until (dialog_ready, dialog);
        }
      if (skip)
        likert_import_dialog_set_skip_bad_rows (dialog, TRUE);
      settle (1.5);
      if (!render (GTK_WIDGET (dialog), argv[2]))
        {
          g_printerr ("likert-shoot: could not write %s\n", argv[2]);
          return 1;
        }
      g_print ("%s\n", argv[2]);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  if (!wait_until (ready, window))
    {
      g_printerr ("likert-shoot: the project did not open\n");
      return 1;
    }
  if (select >= 0)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.select-response", "u", (guint32) select);
  if (note != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.set-note", "s", note);
  for (guint i = 0; actions != NULL && actions[i] != NULL; i++)
    if (!gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL))
      g_printerr ("likert-shoot: no action %s\n", actions[i]);
  settle (1.5);

  if (imports)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWidget *shown = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-imports", NULL);
      for (guint i = 0; shown == NULL && i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

          if (LIKERT_IS_IMPORTS_WINDOW (item))
            shown = GTK_WIDGET (item);
        }
      if (shown == NULL)
        {
          g_printerr ("likert-shoot: no imports window\n");
          return 1;
        }
      gtk_window_set_default_size (GTK_WINDOW (shown), MIN (width, 700), height);
      if (select >= 0)
        expand_row (shown, select);
      settle (1.0);
      if (!render (shown, argv[2]))
        {
          g_printerr ("likert-shoot: could not write %s\n", argv[2]);
          return 1;
        }
      g_print ("%s\n", argv[2]);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  if (!render (GTK_WIDGET (window), argv[2]))
    {
      g_printerr ("likert-shoot: could not write %s\n", argv[2]);
      return 1;
    }
  g_print ("%s\n", argv[2]);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
