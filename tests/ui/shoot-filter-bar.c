/* SPDX-License-Identifier: GPL-3.0-or-later */
/* likert-shoot-filter-bar: renders the filter bar above a histogram and the response list of a
 * project to a PNG, with filters set and a popover open, for looking at it in review:
 *   likert-shoot-filter-bar PROJECT OUT.png [--search TEXT] [--value FIELD=VALUE]…
 *                           [--open BUTTON] [--segment FIELD] [--save-view NAME]
 *                           [--width W] [--height H]
 *                           [--rtl] [--dark]
 * BUTTON is the start of a filter button's label (a field's name, or Date, Rating, …). The
 * open popover, a surface of its own, is drawn over the window where it stands. */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "likert-chart-view.h"
#include "likert-filter-bar.h"
#include "likert-response-item.h"
#include "likert-response-model.h"

typedef struct
{
  LikertFrame          *frame;
  LikertFilterBar      *bar;
  LikertChartView      *chart;
  LikertResponseModel  *model;
  GtkLabel             *count;
} Shot;

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

/* What the window will do on "changed". */
static void
changed_cb (LikertFilterBar *bar,
            Shot            *shot)
{
  guint n_selected = 0, n_rows = 0;
  const guint64 *rows = likert_filter_bar_get_rows (bar, &n_selected);
  guint n_total = likert_frame_get_n_rows (shot->frame);
  g_autofree char *selected = g_strdup_printf ("%'u", n_selected);
  g_autofree char *total = g_strdup_printf ("%'u", n_total);
  g_autofree char *count = NULL;
  guint *sorted;

  /* Translators: how many responses pass the filters, of how many */
  count = g_strdup_printf (ngettext ("%s of %s response", "%s of %s responses", n_total),
                           selected, total);
  gtk_label_set_text (shot->count, count);

  likert_chart_view_set_rows (shot->chart, rows, likert_filter_bar_get_filter (bar));

  sorted = likert_frame_sort_rows (shot->frame, rows, LIKERT_SORT_TIME, 0, TRUE, &n_rows);
  likert_response_model_set_highlight (shot->model, likert_filter_bar_get_search (bar));
  likert_response_model_set_rows (shot->model, sorted, n_rows);
}

enum { COLUMN_TIME, COLUMN_RATING, COLUMN_COMMENT, COLUMN_TAGS };

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell;

  if (column == COLUMN_COMMENT || column == COLUMN_TAGS)
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column == COLUMN_COMMENT ? 50 : 14);
    }
  else
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), column == COLUMN_RATING ? 0.5f : 0.0f);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  LikertResponseItem *response = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  switch (column)
    {
    case COLUMN_TIME:
      gtk_label_set_text (GTK_LABEL (cell), likert_response_item_get_time (response));
      break;
    case COLUMN_RATING:
      gtk_label_set_text (GTK_LABEL (cell), likert_response_item_get_rating (response));
      break;
    case COLUMN_COMMENT:
      {
        /* One line in the list: line breaks become spaces (never inside a markup tag). */
        const char *markup = likert_response_item_get_comment_markup (response);
        g_autofree char *line = g_strdelimit (g_strdup (markup), "\r\n", ' ');

        gtk_inscription_set_markup (GTK_INSCRIPTION (cell), line);
      }
      break;
    case COLUMN_TAGS:
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), likert_response_item_get_tags (response));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_column (GtkColumnView *view,
            guint          column,
            const char    *title,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (view, view_column);
  g_object_unref (view_column);
}

static GtkMenuButton *
find_button (GtkWidget  *bar,
             const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (bar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *content;
      const char *label;

      if (!GTK_IS_MENU_BUTTON (child))
        continue;
      label = gtk_menu_button_get_label (GTK_MENU_BUTTON (child));
      if (label != NULL && g_str_has_prefix (label, prefix))
        return GTK_MENU_BUTTON (child);
      /* Buttons with an icon and a label (Views). */
      content = gtk_menu_button_get_child (GTK_MENU_BUTTON (child));
      if (ADW_IS_BUTTON_CONTENT (content) &&
          g_str_has_prefix (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), prefix))
        return GTK_MENU_BUTTON (child);
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  int width = 1100, height = 720;
  gboolean rtl = FALSE, dark = FALSE;
  const char *search = NULL, *open = NULL, *segment = NULL, *save = NULL;
  g_auto(GStrv) values = NULL;
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Search for these words", "TEXT" },
    { "value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values, "Choose a value of a field",
      "FIELD=VALUE" },
    { "open", 0, 0, G_OPTION_ARG_STRING, &open, "Open this filter's popover", "BUTTON" },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, "Split by this field", "FIELD" },
    { "save-view", 0, 0, G_OPTION_ARG_STRING, &save, "Save the filter as a view (in the project)",
      "NAME" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "rtl", 0, 0, G_OPTION_ARG_NONE, &rtl, "Right to left", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT OUT.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkPopover *popover = NULL;
  GtkWidget *window, *box, *content, *scrolled, *view;
  Shot shot = { NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3)
    {
      g_printerr ("%s\n",
                  error ? error->message : "usage: likert-shoot-filter-bar PROJECT OUT.png");
      return 2;
    }

  gtk_init ();
  adw_init ();
  if (rtl)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  /* The application's additions to Adwaita (AdwApplication loads them for the app). */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/app/likert/Likert/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  store = likert_store_open (argv[1], LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    shot.frame = likert_frame_load (store, NULL, &error);
  if (shot.frame == NULL)
    {
      g_printerr ("likert-shoot-filter-bar: %s\n", error->message);
      return 1;
    }

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);

  shot.bar = LIKERT_FILTER_BAR (likert_filter_bar_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (shot.bar));
  shot.count = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (shot.count, 0);
  gtk_widget_add_css_class (GTK_WIDGET (shot.count), "dim-label");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (shot.count));
  shot.chart = LIKERT_CHART_VIEW (likert_chart_view_new ());
  likert_chart_view_set_frame (shot.chart, shot.frame);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (shot.chart));

  shot.model = likert_response_model_new (store, shot.frame);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (shot.model)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (g_object_ref (selection)));
  add_column (GTK_COLUMN_VIEW (view), COLUMN_TIME, _("Submitted"), FALSE);
  add_column (GTK_COLUMN_VIEW (view), COLUMN_RATING, _("Rating"), FALSE);
  add_column (GTK_COLUMN_VIEW (view), COLUMN_COMMENT, _("Comment"), TRUE);
  add_column (GTK_COLUMN_VIEW (view), COLUMN_TAGS, _("Tags"), FALSE);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (content), scrolled);

  g_signal_connect (shot.bar, "changed", G_CALLBACK (changed_cb), &shot);
  gtk_window_present (GTK_WINDOW (window));
  likert_filter_bar_set_frame (shot.bar, shot.frame, store, argv[1]);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (values[i], "=", 2);

      if (pair[1] != NULL)
        gtk_widget_activate_action (GTK_WIDGET (shot.bar), "filter.toggle-value", "(ss)",
                                    pair[0], pair[1]);
    }
  if (segment != NULL)
    gtk_widget_activate_action (GTK_WIDGET (shot.bar), "filter.segment", "s", segment);
  if (search != NULL)
    gtk_widget_activate_action (GTK_WIDGET (shot.bar), "filter.search", "s", search);
  while (likert_filter_bar_is_busy (shot.bar))
    g_main_context_iteration (NULL, TRUE);
  settle (0.5);
  if (save != NULL)
    gtk_widget_activate_action (GTK_WIDGET (shot.bar), "filter.save-view", "s", save);

  if (open != NULL)
    {
      GtkMenuButton *button = find_button (GTK_WIDGET (shot.bar), open);

      if (button == NULL)
        {
          g_printerr ("likert-shoot-filter-bar: no filter button “%s”\n", open);
          return 1;
        }
      gtk_menu_button_popup (button);
      popover = gtk_menu_button_get_popover (button);
    }
  settle (1.5);

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  if (popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover)))
    {
      /* Where the popover stands over the window: its surface's place relative to the window's,
       * each widget's offset in its own surface (shadows) taken into account. */
      g_autoptr(GdkPaintable) popover_paintable = gtk_widget_paintable_new (GTK_WIDGET (popover));
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
      double window_x, window_y, popover_x, popover_y;

      gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
      gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface))
                                                    + popover_x - window_x,
                                                    gdk_popup_get_position_y (GDK_POPUP (surface))
                                                    + popover_y - window_y));
      gdk_paintable_snapshot (popover_paintable, GDK_SNAPSHOT (snapshot),
                              gtk_widget_get_width (GTK_WIDGET (popover)),
                              gtk_widget_get_height (GTK_WIDGET (popover)));
      gtk_snapshot_restore (snapshot);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                              gtk_widget_get_height (window)));
  if (!gdk_texture_save_to_png (texture, argv[2]))
    {
      g_printerr ("likert-shoot-filter-bar: could not write %s\n", argv[2]);
      return 1;
    }
  g_print ("%s\n", argv[2]);
  if (popover != NULL)
    gtk_popover_popdown (popover);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (shot.model);
  likert_frame_unref (shot.frame);
  return 0;
}
