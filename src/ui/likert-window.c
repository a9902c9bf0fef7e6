/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-annotation-pane.h"
#include "likert-codebook-view.h"
#include "likert-filter-bar.h"
#include "likert-export.h"
#include "likert-format.h"
#include "likert-history.h"
#include "likert-chart-export-dialog.h"
#include "likert-chart-picker.h"
#include "likert-chart-view.h"
#include "likert-import.h"
#include "likert-import-dialog.h"
#include "likert-imports-window.h"
#include "likert-response-item.h"
#include "likert-response-model.h"
#include "likert-settings.h"
#include "likert-stats.h"
#include "likert-stats-csv.h"
#include "likert-store.h"
#include "likert-window.h"

#define NOTE_SAVE_DELAY_MS 400

struct _LikertWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *stack;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkSpinner           *spinner;
  LikertChartView      *chart_view;
  LikertChartPicker    *chart_picker;
  GtkGrid              *stats_grid;
  GtkLabel             *count_label;
  GtkDropDown          *sort_dropdown;
  LikertFilterBar      *filter_bar;
  GtkColumnView        *column_view;
  GtkPaned             *paned;
  GtkStack             *side_stack;
  LikertAnnotationPane *annotation_pane;
  LikertCodebookView   *codebook_view;

  GSettings            *settings;
  GCancellable         *cancellable;       /* the load under way */
  LikertImportDialog   *import_dialog;     /* while a file is being imported */
  char                 *project_path;
  LikertStore          *store;             /* main thread's connection: one-row reads, edits */
  LikertFrame          *frame;
  LikertResponseModel  *model;
  GtkMultiSelection    *selection;
  gboolean              refreshing_row;
  gboolean              busy;
  gint64                reselect_id;       /* to select again once the project is reloaded */
  guint                 open_stage_id;     /* opening in turns: see next_open_stage () */
  GSourceFunc           open_stage;
  gboolean              open_reload;
  gboolean              exporting;
  guint                 scroll_source;     /* a scroll waiting for the list's layout */
  guint                 scroll_position;
  guint                 scroll_tries;
};

G_DEFINE_FINAL_TYPE (LikertWindow, likert_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_project (LikertWindow *self,
                          const char   *path);

/* Helpers */

static void
show_toast (LikertWindow *self,
            const char   *message)
{
  /* Toast titles are markup; messages name files and quote their cells. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_debug ("toast: %s", message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (LikertWindow *self,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_toast (self, error->message);
}

static void
set_busy (LikertWindow *self,
          gboolean      busy,
          const char   *message)
{
  self->busy = busy;
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_label_set_text (self->progress_label, message ? message : "");
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !busy);
}

/* Recent projects on the empty page */

static void
refresh_recent (LikertWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-projects");
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      name = g_path_get_basename (recent[i]);
      dir = g_path_get_dirname (recent[i]);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
}

static void
recent_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         LikertWindow  *self)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");

  if (path != NULL)
    open_project (self, path);
}

/* Statistics beside the chart */

static void
stats_add_row (LikertWindow *self,
               int           row,
               const char   *name,
               const char   *value)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *number = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  gtk_label_set_selectable (GTK_LABEL (number), TRUE);
  gtk_widget_add_css_class (number, "stat-value");
  gtk_grid_attach (self->stats_grid, label, 0, row, 1, 1);
  gtk_grid_attach (self->stats_grid, number, 1, row, 1, 1);
}

static void update_undo_actions (LikertWindow *self);
static void reload_frame        (LikertWindow *self);

static guint chart_question (LikertWindow  *self);
static void  update_chart   (LikertWindow  *self,
                             const guint64 *rows);

/* The statistics of the rows in filter: the whole summary, then the segments if any. */
static void
update_analysis (LikertWindow  *self,
                 const guint64 *filter,
                 guint          n_selected)
{
  GtkWidget *child;
  LikertStats stats;
  guint question;
  g_autofree char *n = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *ci = NULL;
  g_autofree char *median = NULL;
  g_autofree char *sd = NULL;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;
  g_autofree char *count = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count_text = NULL;
  guint n_rows = likert_frame_get_n_rows (self->frame);
  int segment;
  int row = 0;

  /* First, as a project just opened gives the chart its segment, which comes back here. */
  update_chart (self, filter);
  segment = likert_filter_bar_get_segment (self->filter_bar);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_grid))) != NULL)
    gtk_grid_remove (self->stats_grid, child);

  count = likert_format_count (n_selected);
  total = likert_format_count (n_rows);
  if (n_selected == n_rows)
    count_text = g_strdup_printf (ngettext ("%s response", "%s responses", n_rows), total);
  else
    /* Translators: the responses that pass the filters, of all the project's */
    count_text = g_strdup_printf (ngettext ("%s of %s response", "%s of %s responses", n_rows),
                                  count, total);
  gtk_label_set_text (self->count_label, count_text);

  if (likert_frame_get_n_questions (self->frame) == 0)
    {
      stats_add_row (self, 0, _("Ratings"), _("None in this project"));
      return;
    }

  question = chart_question (self);
  likert_frame_compute_stats (self->frame, question, filter, &stats);

  n = likert_format_count (stats.n);
  missing = likert_format_count (stats.missing);
  stats_add_row (self, row++, _("Answered"), n);
  stats_add_row (self, row++, _("No answer"), missing);
  if (stats.n == 0)
    return;

  mean = g_strdup_printf ("%.2f", stats.mean);
  median = g_strdup_printf ("%g", stats.median);
  stats_add_row (self, row++, _("Mean"), mean);
  if (stats.n >= 2)
    {
      /* Translators: a confidence interval, low – high */
      ci = g_strdup_printf (_("%.2f – %.2f"), stats.ci95_low, stats.ci95_high);
      sd = g_strdup_printf ("%.2f", stats.sd);
      /* xgettext:no-c-format */
      stats_add_row (self, row++, _("95 % CI of the mean"), ci);
    }
  stats_add_row (self, row++, _("Median"), median);
  if (sd != NULL)
    stats_add_row (self, row++, _("Standard deviation"), sd);
  /* Translators: a percentage */
  top = g_strdup_printf (_("%.1f %%"), 100 * stats.top2box);
  bottom = g_strdup_printf (_("%.1f %%"), 100 * stats.bottom2box);
  stats_add_row (self, row++, _("Top-2-box"), top);
  stats_add_row (self, row++, _("Bottom-2-box"), bottom);
  if (likert_stats_small_n (&stats))
    stats_add_row (self, row++, _("Caution"), _("Fewer than 30 answers"));

  /* Split by a categorical field: the mean of each value, largest groups first. */
  if (segment >= 0 && (guint) segment < likert_frame_get_n_categories (self->frame))
    {
      guint n_values = likert_frame_get_n_category_values (self->frame, (guint) segment);
      g_autofree LikertStats *by_value = g_new0 (LikertStats, MAX (n_values, 1));
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
      GtkWidget *heading = gtk_label_new (likert_frame_get_category_title (self->frame,
                                                                           (guint) segment));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, 6);
      gtk_grid_attach (self->stats_grid, heading, 0, row++, 2, 1);

      likert_frame_compute_segment_stats (self->frame, question, (guint) segment, filter,
                                          by_value);
      for (guint code = 1; code < n_values; code++)
        if (by_value[code].n > 0)
          g_array_append_val (order, code);
      for (guint i = 0; i < order->len; i++)
        for (guint k = i + 1; k < order->len; k++)
          if (by_value[g_array_index (order, guint, k)].n > by_value[g_array_index (order, guint, i)].n)
            {
              guint swap = g_array_index (order, guint, i);
              g_array_index (order, guint, i) = g_array_index (order, guint, k);
              g_array_index (order, guint, k) = swap;
            }
      for (guint i = 0; i < MIN (order->len, 8u); i++)
        {
          guint code = g_array_index (order, guint, i);
          g_autofree char *answers = likert_format_count (by_value[code].n);
          /* Translators: a mean rating and, in parentheses, how many answers it is of */
          g_autofree char *value = g_strdup_printf (_("%.2f (%s)"), by_value[code].mean, answers);

          stats_add_row (self, row++,
                         likert_frame_get_category_value (self->frame, (guint) segment, code),
                         value);
        }
    }
}

/* Charts */

/* The question the chart (and the statistics) are of. */
static guint
chart_question (LikertWindow *self)
{
  const char *name = likert_chart_view_get_question (self->chart_view);
  gint q = name != NULL ? likert_frame_find_question (self->frame, name) : 0;

  return q >= 0 ? (guint) q : 0;
}

static void
update_chart (LikertWindow  *self,
              const guint64 *rows)
{
  gboolean has_chart;

  if (likert_chart_view_get_frame (self->chart_view) != self->frame)
    {
      g_autofree char *saved = g_settings_get_string (self->settings, "chart-segment");
      int segment = likert_frame_find_category (self->frame, saved);

      /* A project opened: its fields, the first question, the segment last chosen if the
       * project has that field, else the filter bar's. */
      if (segment < 0)
        segment = likert_filter_bar_get_segment (self->filter_bar);
      likert_chart_picker_set_project (self->chart_picker, self->frame, self->store);
      likert_chart_view_set_frame (self->chart_view, self->frame);
      likert_chart_view_set_question (self->chart_view, NULL);
      likert_chart_view_set_segment (self->chart_view,
                                     segment >= 0 ? likert_frame_get_category (self->frame,
                                                                               (guint) segment)->header
                                                  : NULL);
    }
  likert_chart_view_set_rows (self->chart_view, rows,
                              likert_filter_bar_get_filter (self->filter_bar));
  has_chart = likert_chart_view_get_data (self->chart_view) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", has_chart);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-statistics", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-statistics", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-chart", TRUE);
}

static void
refresh_analysis (LikertWindow *self)
{
  const guint64 *rows;
  guint n_selected = 0;

  if (self->frame == NULL)
    return;
  rows = likert_filter_bar_get_rows (self->filter_bar, &n_selected);
  update_analysis (self, rows, n_selected);
}

/* The chart's segment and the filter bar's are one. */
static void
chart_segment_changed_cb (LikertWindow *self)
{
  const char *name = likert_chart_view_get_segment (self->chart_view);

  if (self->frame == NULL)
    return;
  g_settings_set_string (self->settings, "chart-segment", name != NULL ? name : "");
  likert_filter_bar_set_segment (self->filter_bar,
                                 name != NULL ? likert_frame_find_category (self->frame, name) : -1);
}

static void
bar_segment_changed_cb (LikertWindow *self)
{
  int segment = likert_filter_bar_get_segment (self->filter_bar);

  if (self->frame == NULL)
    return;
  likert_chart_view_set_segment (self->chart_view,
                                 segment >= 0 ? likert_frame_get_category (self->frame,
                                                                           (guint) segment)->header
                                              : NULL);
  refresh_analysis (self);
}

static void
chart_question_changed_cb (LikertWindow *self)
{
  refresh_analysis (self);
}

/* A click on a bar narrows the filter to it. */
static void
chart_activate_bar_cb (LikertChartView      *view,
                       const LikertChartHit *hit,
                       LikertWindow         *self)
{
  g_autoptr(LikertFilter) filter = NULL;

  if (self->frame == NULL)
    return;
  filter = likert_filter_copy (likert_filter_bar_get_filter (self->filter_bar));
  likert_chart_hit_apply (hit, filter);
  likert_filter_bar_set_filter (self->filter_bar, filter);
}

static void
chart_load_cb (LikertChartPicker     *picker,
               const LikertChartSpec *spec,
               LikertWindow          *self)
{
  likert_chart_view_set_spec (self->chart_view, spec);
  likert_filter_bar_set_filter (self->filter_bar, spec->filter);
}

static void
chart_exported_cb (LikertChartExportDialog *dialog,
                   const char              *path,
                   const GError            *error,
                   LikertWindow            *self)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  name = g_filename_display_basename (path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Chart exported to “%s”"), name);
  show_toast (self, message);
}

static char *
dup_statistics_csv (LikertWindow *self)
{
  guint n = likert_frame_get_n_questions (self->frame);
  g_autofree guint *questions = g_new (guint, MAX (n, 1));

  for (guint q = 0; q < n; q++)
    questions[q] = q;
  return likert_stats_csv (self->frame, likert_filter_bar_get_rows (self->filter_bar, NULL),
                           questions, n, likert_filter_bar_get_segment (self->filter_bar));
}

static void
save_statistics_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             LikertWindow    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *csv = g_object_get_data (G_OBJECT (dialog), "csv");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL &&
      !g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, &error))
    show_error (self, error);
  else if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Statistics saved to “%s”"), display);

      show_toast (self, message);
    }
  g_object_unref (dialog);
}

static gboolean
save_chart (LikertWindow  *self,
            const char    *name,
            GError       **error)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_view_dup_spec (self->chart_view);
  g_autofree char *definition = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (self->store == NULL || *stripped == '\0')
    return TRUE;
  if (spec->kind != LIKERT_CHART_TAGS && spec->question == NULL &&
      likert_frame_get_n_questions (self->frame) > 0)
    /* The question by name, so that the saved chart keeps showing it. */
    spec->question = g_strdup (likert_frame_get_question (self->frame, chart_question (self))->header);
  definition = likert_chart_spec_to_json (spec);
  if (!likert_store_save_view (self->store, stripped, definition, error))
    return FALSE;
  likert_chart_picker_refresh (self->chart_picker);
  return TRUE;
}

static void
save_chart_entry_changed_cb (GtkEditable      *entry,
                             AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
save_chart_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LikertWindow     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "save"))
    return;
  if (!save_chart (self, gtk_editable_get_text (entry), &error))
    {
      show_error (self, error);
      return;
    }
  /* Translators: %s is the name the analyst gave a chart */
  message = g_strdup_printf (_("Chart saved as “%s”"), gtk_editable_get_text (entry));
  show_toast (self, message);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  LikertChartExportDialog *dialog;

  if (likert_chart_view_get_data (self->chart_view) == NULL)
    return;
  dialog = likert_chart_export_dialog_new (GTK_WINDOW (self), self->chart_view);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (chart_exported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  double width, height;

  if (likert_chart_view_get_data (self->chart_view) == NULL)
    return;
  /* As big as on screen, at twice the pixels, in the style of the last export. */
  likert_chart_view_get_chart_size (self->chart_view, &width, &height);
  if (width < 200 || height < 150)
    {
      width = 800;
      height = 450;
    }
  png = likert_chart_view_render_png (self->chart_view, width, height, 2.0,
                                      g_settings_get_boolean (self->settings, "export-dark"),
                                      &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      show_error (self, error);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  show_toast (self, _("Chart copied"));
}

static void
copy_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  g_autofree char *csv = NULL;

  if (self->frame == NULL)
    return;
  csv = dup_statistics_csv (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), csv);
  show_toast (self, _("Statistics copied as CSV"));
}

static void
save_statistics_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;

  if (self->frame == NULL)
    return;
  base = g_path_get_basename (self->project_path);
  if (g_str_has_suffix (base, ".likert"))
    base[strlen (base) - strlen (".likert")] = '\0';
  /* Translators: the file name of saved statistics; %s is the project's name */
  title = g_strdup_printf (_("%s statistics"), base);
  name = likert_chart_file_name (title, "csv");

  dialog = gtk_file_chooser_native_new (_("Save Statistics as CSV"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "csv", dup_statistics_csv (self), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (save_statistics_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  const char *title = likert_chart_view_get_title (self->chart_view);
  const char *kind = likert_chart_kind_get_title (likert_chart_view_get_kind (self->chart_view));
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  /* Translators: the name a saved chart gets unless the analyst types another: the kind of
   * chart — its title, e.g. “Histogram — rating” */
  name = title != NULL ? g_strdup_printf (_("%s — %s"), kind, title) : g_strdup (kind);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Chart"),
                                                       _("The project keeps the chart and its "
                                                         "filters under this name, in the list "
                                                         "of saved charts.")));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (save_chart_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_chart_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
save_chart_as_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!save_chart (self, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error);
}

static void
load_chart_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!likert_chart_picker_load_saved (self->chart_picker, g_variant_get_string (parameter, NULL),
                                       &error))
    show_error (self, error);
}


static gboolean
same_rows (LikertResponseModel *model,
           const guint         *rows,
           guint                n)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (likert_response_model_get_row (model, i) != rows[i])
      return FALSE;
  return TRUE;
}

/* The filtered rows in the chosen order, into the list; the selected response stays selected. */
static void
update_list (LikertWindow  *self,
             const guint64 *filter)
{
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  g_autofree guint *rows = NULL;
  guint n = 0;
  gint64 current;
  gint position;

  switch (sort)
    {
    case 1: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_TIME, 0, TRUE, &n); break;
    case 2: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_TIME, 0, FALSE, &n); break;
    case 3: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_RATING, 0, TRUE, &n); break;
    case 4: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_RATING, 0, FALSE, &n); break;
    case 5: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_TEXT, 0, TRUE, &n); break;
    case 6: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_TAGS, 0, TRUE, &n); break;
    case 7: rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_NOTE, 0, TRUE, &n); break;
    default:
      /* File order is row order: the rows of the bitmap as they come. */
      rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_ROW, 0, FALSE, &n);
      break;
    }
  if ((sort == 3 || sort == 4) && likert_frame_get_n_questions (self->frame) == 0)
    {
      g_free (rows);
      rows = likert_frame_sort_rows (self->frame, filter, LIKERT_SORT_ROW, 0, FALSE, &n);
    }

  /* After an edit the rows are often the same: keep the list (and its scroll) as it is. */
  if (same_rows (self->model, rows, n) &&
      g_strcmp0 (likert_response_model_get_highlight (self->model),
                 likert_filter_bar_get_search (self->filter_bar)) == 0)
    return;

  self->refreshing_row = TRUE;
  likert_response_model_show (self->model, g_steal_pointer (&rows), n,
                              likert_filter_bar_get_search (self->filter_bar));
  current = likert_annotation_pane_get_response (self->annotation_pane);
  position = current ? likert_response_model_find_position (self->model, current) : -1;
  if (position >= 0)
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), (guint) position, TRUE);
  else
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  self->refreshing_row = FALSE;
  if (position < 0)
    likert_annotation_pane_show_response (self->annotation_pane, 0);
}

static void
filter_changed_cb (LikertFilterBar *bar,
                   LikertWindow    *self)
{
  const guint64 *rows;
  guint n_selected = 0;

  if (self->frame == NULL)
    return;
  rows = likert_filter_bar_get_rows (bar, &n_selected);
  update_analysis (self, rows, n_selected);
  update_list (self, rows);
  likert_codebook_view_set_filter (self->codebook_view, rows);
}

static void
filter_error_cb (LikertFilterBar *bar,
                 const GError    *error,
                 LikertWindow    *self)
{
  show_error (self, error);
}

static void
sort_changed_cb (GtkDropDown  *dropdown,
                 GParamSpec   *pspec,
                 LikertWindow *self)
{
  if (self->frame != NULL)
    update_list (self, likert_filter_bar_get_rows (self->filter_bar, NULL));
}

/* The annotation pane */

/* A copy of the selection: the model's own bitset changes with the model. */
static GtkBitset *
copy_selection (LikertWindow *self)
{
  g_autoptr(GtkBitset) live = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return gtk_bitset_copy (live);
}

/* The selected responses, in list order (a GtkBitset walk: cheap even for all of them). */
static GArray *
selected_ids (LikertWindow *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                   (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = likert_response_model_get_response_id (self->model, position);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Redraws a response's row after an edit. The model makes a new item for the row, which the
 * selection takes for a new row: select it again without touching the pane. */
static void
refresh_row (LikertWindow *self,
             gint64        response_id)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return;
  selected = copy_selection (self);
  self->refreshing_row = TRUE;
  likert_response_model_row_changed (self->model, response_id);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
  self->refreshing_row = FALSE;
}

static void
pane_changed_cb (LikertAnnotationPane *pane,
                 gint64                response_id,
                 LikertWindow         *self)
{
  if (self->frame == NULL)
    return;
  if (response_id != 0)
    refresh_row (self, response_id);
  else
    {
      /* Many rows changed (a bulk change, an undo): every item is made again. */
      g_autoptr(GtkBitset) selected = copy_selection (self);

      self->refreshing_row = TRUE;
      likert_response_model_refresh (self->model);
      gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, selected);
      self->refreshing_row = FALSE;
    }
  likert_filter_bar_refresh (self->filter_bar);
  update_undo_actions (self);
}

/* After the codebook changed (an edit in the codebook view, or its undo): tag buttons, rows,
 * filters and counts show the tags as they are now. */
static void
codebook_followed (LikertWindow *self)
{
  gint64 current = likert_annotation_pane_get_response (self->annotation_pane);

  if (self->frame == NULL)
    return;
  if (current != 0)
    likert_annotation_pane_show_response (self->annotation_pane, current);
  pane_changed_cb (self->annotation_pane, 0, self);
  likert_codebook_view_refresh (self->codebook_view);
}

static void
pane_codebook_changed_cb (LikertAnnotationPane *pane,
                          LikertWindow         *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = likert_settings_dup_author (self->settings);

  /* Tags were created, renamed, merged or deleted by an undo or redo: the frame reads its tags
   * again (the rest of it stays), or the whole project when that fails. */
  if (self->frame == NULL)
    return;
  if (!likert_frame_reload_tags (self->frame, self->store, &error))
    {
      show_error (self, error);
      reload_frame (self);
      return;
    }
  likert_codebook_view_set_project (self->codebook_view, self->store, self->frame, author);
  codebook_followed (self);
}

static void
codebook_changed_cb (LikertCodebookView *view,
                     LikertWindow       *self)
{
  codebook_followed (self);
}

static void
codebook_error_cb (LikertCodebookView *view,
                   const GError       *error,
                   LikertWindow       *self)
{
  show_error (self, error);
}

/* A tag chosen in the codebook: the list shows the responses that have it. */
static void
codebook_filter_tag_cb (LikertCodebookView *view,
                        gint64              tag_id,
                        LikertWindow       *self)
{
  g_autoptr(LikertFilter) filter = NULL;
  gint tag;

  if (self->frame == NULL || (tag = likert_frame_find_tag (self->frame, tag_id)) < 0)
    return;
  filter = likert_filter_copy (likert_filter_bar_get_filter (self->filter_bar));
  if (!likert_filter_has_tag (filter, likert_frame_get_tag_name (self->frame, (guint) tag)))
    likert_filter_add_tag (filter, likert_frame_get_tag_name (self->frame, (guint) tag));
  likert_filter_bar_set_filter (self->filter_bar, filter);
}

static void
pane_toast_cb (LikertAnnotationPane *pane,
               const char           *message,
               LikertWindow         *self)
{
  show_toast (self, message);
}

static void
selection_changed_cb (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      LikertWindow      *self)
{
  g_autoptr(GArray) ids = NULL;
  guint n_all;

  if (self->refreshing_row)
    return;
  ids = selected_ids (self);
  n_all = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  likert_annotation_pane_show_many (self->annotation_pane, (const gint64 *) ids->data, ids->len,
                                    ids->len == n_all && n_all > 1);
}

/* Brings a row into view with the least scrolling. The rows are all one height, so the
 * adjustment tells where a row is. (GTK 4.8's list.scroll-to-item leaves the rows above the
 * target undrawn when it was already in view; GTK 4.12's gtk_column_view_scroll_to is too new.) */
static gboolean
scroll_to_position (LikertWindow *self,
                    guint         position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  double upper, page, value, row, top;

  if (adjustment == NULL || n == 0)
    return TRUE;
  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (page <= 0 || upper <= page)
    return FALSE;
  value = gtk_adjustment_get_value (adjustment);
  row = upper / n;
  top = position * row;
  if (top < value)
    gtk_adjustment_set_value (adjustment, top);
  else if (top + 2 * row > value + page)
    gtk_adjustment_set_value (adjustment, top + 2 * row - page);
  return TRUE;
}

/* Until the list has its size (a list just filled has none yet), for a second at most. */
static gboolean
scroll_later_cb (gpointer user_data)
{
  LikertWindow *self = user_data;

  if (self->selection != NULL && self->scroll_tries++ < 20 &&
      self->scroll_position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)) &&
      !scroll_to_position (self, self->scroll_position))
    return G_SOURCE_CONTINUE;
  self->scroll_source = 0;
  return G_SOURCE_REMOVE;
}

/* Selects one response alone and brings it into view. */
static void
select_position (LikertWindow *self,
                 guint         position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  if (!scroll_to_position (self, position))
    {
      self->scroll_position = position;
      self->scroll_tries = 0;
      self->scroll_source = g_timeout_add (50, scroll_later_cb, self);
    }
}

static void
update_undo_actions (LikertWindow *self)
{
  gboolean open = self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 open && likert_store_can_undo (self->store, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 open && likert_store_can_redo (self->store, NULL));
}

/* Single keys code the selected response (j, k, 1–9, t, n, r, f, x, Space, /), unless the
 * focus is where text is typed: there they are text. */
static gboolean
coding_focus (LikertWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL || focus == GTK_WIDGET (self))
    return TRUE;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w))
        return FALSE;
      if (w == GTK_WIDGET (self->column_view) || w == GTK_WIDGET (self->annotation_pane))
        return TRUE;
    }
  return FALSE;
}

static gboolean
coding_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               LikertWindow          *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  char key[8] = { 0 };

  if (self->frame == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) ||
      !coding_focus (self) || !gtk_widget_get_visible (GTK_WIDGET (self->column_view)))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_j:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.move", "i", 1);
    case GDK_KEY_k:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.move", "i", -1);
    case GDK_KEY_space:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.next-unreviewed", NULL);
    case GDK_KEY_t:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.tag-search", NULL);
    case GDK_KEY_n:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-note", NULL);
    case GDK_KEY_r:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.set-status", "s", "reviewed");
    case GDK_KEY_f:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.set-status", "s", "flagged");
    case GDK_KEY_x:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.set-status", "s", "excluded");
    case GDK_KEY_slash:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.find", NULL);
    default:
      break;
    }

  /* 1–9 and the tags' own keys. */
  if (c != 0 && g_unichar_isgraph (c))
    {
      g_unichar_to_utf8 (c, key);
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.toggle-tag-key", "s", key);
    }
  return GDK_EVENT_PROPAGATE;
}

/* The response list */

enum { COLUMN_TIME, COLUMN_RATING, COLUMN_COMMENT, COLUMN_TAGS, COLUMN_NOTE };

static const char *
cell_text (LikertResponseItem *response,
           guint               column)
{
  switch (column)
    {
    case COLUMN_TIME: return likert_response_item_get_time (response);
    case COLUMN_RATING: return likert_response_item_get_rating (response);
    case COLUMN_COMMENT: return likert_response_item_get_comment (response);
    case COLUMN_TAGS: return likert_response_item_get_tags (response);
    case COLUMN_NOTE: return likert_response_item_get_note (response);
    default: g_assert_not_reached ();
    }
}

/* A comment, its tags or its note in full, as plain text. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *cell,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  LikertResponseItem *response = gtk_list_item_get_item (GTK_LIST_ITEM (user_data));
  const char *text;

  if (response == NULL)
    return FALSE;
  text = cell_text (response,
                    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "likert-column")));
  if (*text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell;

  if (column == COLUMN_COMMENT || column == COLUMN_NOTE || column == COLUMN_TAGS)
    {
      cell = gtk_inscription_new (NULL);
      gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                         GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column == COLUMN_COMMENT ? 50 : 14);
      gtk_widget_set_hexpand (cell, column == COLUMN_COMMENT);
      /* The whole text on hover, asked for then: setting a tooltip at every bind made GTK 4.8
       * ask the X server where the pointer is, three round trips per cell, which was most of
       * the time the window took to show a large project's list. */
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_object_set_data (G_OBJECT (cell), "likert-column", GUINT_TO_POINTER (column));
      g_signal_connect_object (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item,
                               0);
    }
  else
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), column == COLUMN_RATING ? 0.5f : 0.0f);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static const char *column_titles[5];

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  LikertResponseItem *response = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  const char *text = cell_text (response, column);

  if (column == COLUMN_COMMENT)
    {
      /* One line in the list: line breaks become spaces (safe in markup); the words searched
       * for in bold. The tooltip has the whole comment as plain text (cell_query_tooltip_cb). */
      g_autofree char *line = g_strdelimit (g_strdup (likert_response_item_get_comment_markup (response)),
                                            "\r\n", ' ');
      gtk_inscription_set_markup (GTK_INSCRIPTION (cell), line);
    }
  else if (GTK_IS_INSCRIPTION (cell))
    {
      /* One line in the list: line breaks in comments become spaces. */
      g_autofree char *line = g_strdelimit (g_strdup (text), "\r\n", ' ');
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);
    }
  else
    gtk_label_set_text (GTK_LABEL (cell), text);

  /* A screen reader says what each cell is: "Rating: 4", "Comment: …". */
  {
    /* Translators: a cell of the response list read by a screen reader: column: value */
    g_autofree char *spoken = g_strdup_printf (_("%s: %s"), column_titles[column],
                                               *text ? text : C_("no value", "none"));

    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                    -1);
  }
}

static void
add_column (LikertWindow *self,
            guint         column,
            const char   *title,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* Opening and importing */

/* Lets go of the frame and everything made from it (the store stays). */
static void
drop_frame (LikertWindow *self)
{
  if (self->open_stage_id != 0)
    {
      /* Closed before it was all shown (see next_open_stage ()). */
      g_clear_handle_id (&self->open_stage_id, g_source_remove);
      gtk_spinner_stop (self->spinner);
      set_busy (self, FALSE, NULL);
    }
  likert_annotation_pane_flush (self->annotation_pane);
  likert_annotation_pane_set_project (self->annotation_pane, NULL, NULL);
  likert_codebook_view_set_project (self->codebook_view, NULL, NULL, NULL);
  likert_filter_bar_set_frame (self->filter_bar, NULL, NULL, NULL);
  likert_chart_picker_set_project (self->chart_picker, NULL, NULL);
  likert_chart_view_set_frame (self->chart_view, NULL);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->frame, likert_frame_unref);
}

static void
close_project (LikertWindow *self)
{
  drop_frame (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->project_path, g_free);
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-responses", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-imports", FALSE);
  update_undo_actions (self);
  refresh_recent (self);
}

/* A load: a project to open (store NULL), or the frame of the open one to read again after a
 * change of its codebook (store: a sibling connection for the worker). */
typedef struct
{
  char        *path;
  LikertStore *store;
  LikertFrame *frame;
  gboolean     reload;
} Opened;

static void
opened_free (Opened *opened)
{
  g_free (opened->path);
  g_clear_object (&opened->store);
  g_clear_pointer (&opened->frame, likert_frame_unref);
  g_free (opened);
}

/* Opening checks the whole file (quick_check) and reads the frame: both off the main thread.
 * The connection is then handed to the main thread, which alone uses it from there on. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Opened *opened = task_data;
  GError *error = NULL;

  if (opened->store == NULL)
    opened->store = likert_store_open (opened->path, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (opened->store != NULL)
    opened->frame = likert_frame_load (opened->store, cancellable, &error);
  /* A reload's sibling connection is done with: closed here, where its last write (the
   * verified mark, with an fsync) cannot hold the main loop. */
  if (opened->reload)
    g_clear_object (&opened->store);
  if (opened->frame == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Opening shows a project in turns of the main loop, each well under 100 ms on a million
 * responses: the old list's rows go (a reload), the new list's first 100 rows are made, then
 * its others (GTK 4.8 makes 200 rows of cells, whatever the window's height), then its filter,
 * statistics and charts.
 * The window stays busy until the last. open_stage is the turn pending, if any. */
static gboolean finish_open_cb (gpointer user_data);
static gboolean release_list_cb (gpointer user_data);

/* More than a tall window shows, half of what GTK 4.8 makes (see show_list_cb). */
#define FIRST_ROWS 100

static void
next_open_stage (LikertWindow *self,
                 GSourceFunc   stage)
{
  self->open_stage = stage;
  self->open_stage_id = g_idle_add (stage, self);
}

/* The pending turns run now: a new load starts from a window that shows the last one whole. */
static void
complete_open (LikertWindow *self)
{
  while (self->open_stage_id != 0)
    {
      g_clear_handle_id (&self->open_stage_id, g_source_remove);
      self->open_stage (self);
    }
}

static gboolean
show_list_cb (gpointer user_data)
{
  LikertWindow *self = user_data;

  self->open_stage_id = 0;
  self->model = likert_response_model_new (self->store, self->frame);
  /* The rows a window shows first now, GTK's other rows in the next turn. */
  likert_response_model_hold (self->model, FIRST_ROWS);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_stack_set_visible_child_name (self->stack, "project");
  next_open_stage (self, release_list_cb);
  return G_SOURCE_REMOVE;
}

static gboolean
release_list_cb (gpointer user_data)
{
  LikertWindow *self = user_data;

  self->open_stage_id = 0;
  likert_response_model_release (self->model);
  next_open_stage (self, finish_open_cb);
  return G_SOURCE_REMOVE;
}

static gboolean
finish_open_cb (gpointer user_data)
{
  LikertWindow *self = user_data;
  g_autofree char *name = NULL;

  self->open_stage_id = 0;
  gtk_spinner_stop (self->spinner);
  set_busy (self, FALSE, NULL);
  likert_annotation_pane_set_project (self->annotation_pane, self->store, self->frame);
  {
    g_autofree char *author = likert_settings_dup_author (self->settings);

    likert_codebook_view_set_project (self->codebook_view, self->store, self->frame, author);
  }

  /* The bar selects (all rows, but excluded ones) and says "changed": statistics and list follow. */
  likert_filter_bar_set_frame (self->filter_bar, self->frame, self->store, self->project_path);
  name = g_path_get_basename (self->project_path);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-responses", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-imports", TRUE);
  update_undo_actions (self);
  if (!self->open_reload)
    likert_settings_add_recent (self->settings, self->project_path);

  if (self->reselect_id != 0)
    {
      gint position = likert_response_model_find_position (self->model, self->reselect_id);

      self->reselect_id = 0;
      if (position >= 0)
        select_position (self, (guint) position);
    }
  return G_SOURCE_REMOVE;
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikertWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Opened *opened = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_spinner_stop (self->spinner);
      set_busy (self, FALSE, NULL);
      show_error (self, error);
      if (!opened->reload)
        close_project (self);
      return;
    }

  self->open_reload = opened->reload;
  if (opened->reload)
    {
      drop_frame (self);
      self->frame = g_steal_pointer (&opened->frame);
      next_open_stage (self, show_list_cb);
    }
  else
    {
      self->project_path = g_strdup (opened->path);
      self->store = g_steal_pointer (&opened->store);
      self->frame = g_steal_pointer (&opened->frame);
      show_list_cb (self);
    }
}

static void
start_load (LikertWindow *self,
            Opened       *opened,
            const char   *message)
{
  g_autoptr(GTask) task = NULL;

  complete_open (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_busy (self, TRUE, message);
  gtk_progress_bar_pulse (self->progress_bar);

  task = g_task_new (NULL, self->cancellable, open_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, opened, (GDestroyNotify) opened_free);
  g_task_run_in_thread (task, open_thread);
}

static void
open_project (LikertWindow *self,
              const char   *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;
  Opened *opened = g_new0 (Opened, 1);

  close_project (self);
  opened->path = g_strdup (path);

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Opening “%s”…"), name);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);
  start_load (self, opened, message);
}

/* After a change of the codebook (tags renamed, merged, deleted): the frame is read again on
 * a sibling connection; the window's own connection, and with it the undo history, stays. */
static void
reload_frame (LikertWindow *self)
{
  g_autoptr(GError) error = NULL;
  Opened *opened;

  if (self->store == NULL)
    return;
  opened = g_new0 (Opened, 1);
  opened->path = g_strdup (self->project_path);
  opened->reload = TRUE;
  opened->store = likert_store_open_sibling (self->store, &error);
  if (opened->store == NULL)
    {
      show_error (self, error);
      opened_free (opened);
      return;
    }
  self->reselect_id = likert_annotation_pane_get_response (self->annotation_pane);
  start_load (self, opened, _("Reading the project again…"));
}

/* A new project for an import when none is open: beside the user's other projects. */
static char *
new_project_path (const char *csv_path)
{
  g_autofree char *base = g_path_get_basename (csv_path);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "likert", "projects", NULL);
  char *dot = strrchr (base, '.');
  char *path;

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_mkdir_with_parents (dir, 0700);
  path = g_strdup_printf ("%s/%s.likert", dir, base);
  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/%s (%u).likert", dir, base, i);
    }
  return path;
}

static void
import_dialog_imported_cb (LikertImportDialog *dialog,
                           LikertImportReport *report,
                           LikertWindow       *self)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *count = likert_format_count (report->n_new);

  /* Translators: %s is a number of responses, then a file name */
  g_string_append_printf (message, ngettext ("Imported %s response from “%s”",
                                             "Imported %s responses from “%s”",
                                             report->n_new),
                          count, report->source_name);
  if (report->n_duplicates > 0)
    {
      g_autofree char *n = likert_format_count (report->n_duplicates);

      g_string_append (message, " · ");
      g_string_append_printf (message, ngettext ("%s already in the project",
                                                 "%s already in the project",
                                                 report->n_duplicates),
                              n);
    }
  if (report->n_skipped > 0)
    {
      g_autofree char *n = likert_format_count (report->n_skipped);

      g_string_append (message, " · ");
      g_string_append_printf (message, ngettext ("%s row skipped", "%s rows skipped",
                                                 report->n_skipped),
                              n);
    }
  show_toast (self, message->str);
  /* Into the open project: read again on a sibling connection, the list shown meanwhile (and
   * the connection, with its undo history, kept). */
  if (self->store != NULL &&
      g_strcmp0 (self->project_path, likert_import_dialog_get_project_path (dialog)) == 0)
    reload_frame (self);
  else
    open_project (self, likert_import_dialog_get_project_path (dialog));
}

static void
import_dialog_done_cb (LikertImportDialog *dialog,
                       LikertWindow       *self)
{
  g_signal_handlers_disconnect_by_data (dialog, self);
  self->import_dialog = NULL;
}

/* Imports through the import dialog: into the open project, else into a new one. */
static void
import_csv (LikertWindow *self,
            const char   *csv_path)
{
  g_autofree char *project_path = NULL;

  if (self->import_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->import_dialog));
      return;
    }
  likert_annotation_pane_flush (self->annotation_pane);

  project_path = self->project_path ? g_strdup (self->project_path) : new_project_path (csv_path);
  self->import_dialog = likert_import_dialog_new (GTK_WINDOW (self), csv_path, project_path);
  g_signal_connect (self->import_dialog, "imported", G_CALLBACK (import_dialog_imported_cb), self);
  g_signal_connect (self->import_dialog, "done", G_CALLBACK (import_dialog_done_cb), self);
  g_signal_connect (self->import_dialog, "destroy", G_CALLBACK (import_dialog_done_cb), self);
  gtk_window_present (GTK_WINDOW (self->import_dialog));
}

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".likert");
}

/* File chooser */

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     LikertWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      likert_window_open_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
run_chooser (LikertWindow *self,
             const char   *title,
             const char   *filter_name,
             const char   *pattern,
             const char   *mime_type)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime_type);
  if (g_str_equal (pattern, "*.csv"))
    {
      gtk_file_filter_add_pattern (filter, "*.tsv");
      gtk_file_filter_add_pattern (filter, "*.txt");
      gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Exporting the responses with their annotations (CSV, XLSX) */

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  LikertWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LikertWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *message = NULL;
  guint64 n = 0;

  set_busy (self, FALSE, NULL);
  self->exporting = FALSE;
  if (!likert_export_responses_finish (result, &n, &error))
    {
      show_error (self, error);
      return;
    }
  count = likert_format_count (n);
  message = g_strdup_printf (ngettext ("%s response exported", "%s responses exported", n), count);
  show_toast (self, message);
}

void
likert_window_export_responses (LikertWindow *self,
                                const char   *path,
                                gboolean      bom)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  LikertExportOptions options = { 0 };

  g_return_if_fail (LIKERT_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->frame == NULL || self->busy)
    return;
  if (!likert_export_format_for_path (path, &options.format))
    {
      g_autofree char *base = g_path_get_basename (path);

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” is neither a .csv nor an .xlsx file"), base);
      show_toast (self, message);
      return;
    }
  likert_annotation_pane_flush (self->annotation_pane);

  /* What the list shows: the responses of the filter. */
  ids = likert_frame_get_response_ids (self->frame,
                                       likert_filter_bar_get_rows (self->filter_bar, NULL),
                                       &options.n_response_ids);
  options.response_ids = ids;
  options.bom = bom;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  name = g_path_get_basename (path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Exporting to “%s”…"), name);
  set_busy (self, TRUE, message);
  self->exporting = TRUE;
  likert_export_responses_async (self->project_path, path, &options, export_progress_cb, self,
                                 self->cancellable, export_done_cb, g_object_ref (self));
}

gboolean
likert_window_is_exporting (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), FALSE);
  return self->exporting;
}

static void
export_chooser_response_cb (GtkNativeDialog *dialog,
                            int              response,
                            LikertWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
      const char *bom = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "bom");
      LikertExportFormat chosen;

      /* A name without the format's extension gets it. */
      if (path != NULL && !likert_export_format_for_path (path, &chosen))
        {
          char *with = g_strconcat (path, g_strcmp0 (format, "xlsx") == 0 ? ".xlsx" : ".csv", NULL);

          g_free (path);
          path = with;
        }
      if (path != NULL)
        likert_window_export_responses (self, path, g_strcmp0 (bom, "true") == 0);
    }
  g_object_unref (dialog);
}

static void
export_responses_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  static const char *formats[] = { "csv", "xlsx", NULL };
  const char *format_labels[] = { _("CSV"), _("Excel workbook (XLSX)"), NULL };
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  char *dot;

  if (self->project_path == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Responses"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "format", _("Format"), formats,
                               format_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "format", "csv");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "bom",
                               _("Mark the CSV as UTF-8 for Excel (byte order mark)"), NULL, NULL);
  base = g_path_get_basename (self->project_path);
  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  /* Translators: the default name of an export; %s is the project's name */
  name = g_strdup_printf (_("%s responses.csv"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Actions */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (LIKERT_WINDOW (widget), _("Open Project"), _("Likert projects"), "*.likert",
               "application/x-likert-project");
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_chooser (LIKERT_WINDOW (widget), _("Import CSV"), _("Survey exports (CSV, TSV)"), "*.csv",
               "text/csv");
}

static void
show_imports_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (likert_imports_window_new (GTK_WINDOW (self), self->store)));
}

static void
close_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  close_project (LIKERT_WINDOW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (LIKERT_WINDOW (widget)->cancellable);
}

static void
select_response_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->selection != NULL &&
      position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    select_position (self, position);
}

static void
set_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  likert_annotation_pane_set_note (LIKERT_WINDOW (widget)->annotation_pane,
                                   g_variant_get_string (parameter, NULL));
}

static void
toggle_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  likert_annotation_pane_toggle_tag (LIKERT_WINDOW (widget)->annotation_pane,
                                     g_variant_get_string (parameter, NULL));
}

/* Coding from the keyboard: the pane's actions, reached from anywhere in the window. */
static void
pane_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  const char *name = strchr (action_name, '.') + 1;
  g_autofree char *pane_name = g_strconcat ("pane.", name, NULL);

  gtk_stack_set_visible_child_name (self->side_stack, "response");
  gtk_widget_activate_action_variant (GTK_WIDGET (self->annotation_pane), pane_name, parameter);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  LikertStatus status;

  if (likert_status_from_string (g_variant_get_string (parameter, NULL), &status))
    likert_annotation_pane_set_status (self->annotation_pane, status);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  likert_annotation_pane_undo (self->annotation_pane, g_str_equal (action_name, "win.redo"));
}

/* j/k and the arrow keys: the next or previous response of the list, alone selected. */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  gint step = g_variant_get_int32 (parameter);
  guint n, position;
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (self->selection))) == 0)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    position = step > 0 ? 0 : n - 1;
  else if (step > 0)
    position = MIN (gtk_bitset_get_maximum (selected) + 1, n - 1);
  else
    position = gtk_bitset_get_minimum (selected) > 0 ? gtk_bitset_get_minimum (selected) - 1 : 0;
  select_position (self, position);
}

/* Space: the next response after the selected one, in list order, that is still new. */
static void
next_unreviewed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  g_autoptr(GtkBitset) selected = NULL;
  guint n, start;

  if (self->selection == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (self->selection))) == 0)
    return;
  likert_annotation_pane_flush (self->annotation_pane);
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  start = gtk_bitset_is_empty (selected) ? 0 : gtk_bitset_get_maximum (selected) + 1;
  for (guint k = 0; k < n; k++)
    {
      guint position = (start + k) % n;
      guint row = likert_response_model_get_row (self->model, position);

      if (likert_frame_get_status (self->frame, row) == LIKERT_STATUS_NEW &&
          (k > 0 || gtk_bitset_is_empty (selected) || !gtk_bitset_contains (selected, position)))
        {
          select_position (self, position);
          return;
        }
    }
  show_toast (self, _("Every response in the list has been reviewed"));
}

/* Escape: from the note (or anywhere) back to the list, the note saved, for the next key. */
static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->frame == NULL)
    return;
  likert_annotation_pane_flush (self->annotation_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Ctrl+B: the codebook beside the list, and back to the response. */
static void
toggle_codebook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);
  gboolean to_codebook = g_strcmp0 (gtk_stack_get_visible_child_name (self->side_stack),
                                    "codebook") != 0;

  gtk_stack_set_visible_child_name (self->side_stack, to_codebook ? "codebook" : "response");
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->side_stack), GTK_DIR_TAB_FORWARD);
}

/* Ctrl+A: every response of the filter, for a bulk change. */
static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->frame != NULL)
    likert_filter_bar_focus_search (self->filter_bar);
}

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LikertWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  likert_window_open_file (self, files->data);
  return TRUE;
}

/* GObject */

static gboolean
likert_window_close_request (GtkWindow *window)
{
  LikertWindow *self = LIKERT_WINDOW (window);

  likert_annotation_pane_flush (self->annotation_pane);
  return GTK_WINDOW_CLASS (likert_window_parent_class)->close_request (window);
}

static void
likert_window_dispose (GObject *object)
{
  LikertWindow *self = LIKERT_WINDOW (object);

  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->open_stage_id, g_source_remove);
  if (self->annotation_pane != NULL)
    likert_annotation_pane_flush (self->annotation_pane);
  if (self->import_dialog != NULL)
    {
      LikertImportDialog *dialog = g_steal_pointer (&self->import_dialog);

      g_signal_handlers_disconnect_by_data (dialog, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->project_path, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_window_parent_class)->dispose (object);
}

static void
likert_window_class_init (LikertWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = likert_window_dispose;
  window_class->close_request = likert_window_close_request;

  g_type_ensure (LIKERT_TYPE_CHART_VIEW);
  g_type_ensure (LIKERT_TYPE_CHART_PICKER);
  g_type_ensure (LIKERT_TYPE_FILTER_BAR);
  g_type_ensure (LIKERT_TYPE_ANNOTATION_PANE);
  g_type_ensure (LIKERT_TYPE_CODEBOOK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/likert/Likert/likert-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, chart_picker);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, filter_bar);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, annotation_pane);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, codebook_view);
  gtk_widget_class_bind_template_callback (widget_class, codebook_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, codebook_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, codebook_filter_tag_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_codebook_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.show-imports", NULL, show_imports_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.select-response", "u",
                                   select_response_action);
  gtk_widget_class_install_action (widget_class, "win.set-note", "s", set_note_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-tag", "s", toggle_tag_action);
  gtk_widget_class_install_action (widget_class, "win.focus-note", NULL, pane_action);
  gtk_widget_class_install_action (widget_class, "win.tag-search", NULL, pane_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-tag-key", "s", pane_action);
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.move", "i", move_action);
  gtk_widget_class_install_action (widget_class, "win.next-unreviewed", NULL,
                                   next_unreviewed_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-codebook", NULL,
                                   toggle_codebook_action);
  gtk_widget_class_install_action (widget_class, "win.focus-list", NULL, focus_list_action);
  gtk_widget_class_install_action (widget_class, "win.export-responses", NULL,
                                   export_responses_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.export-chart", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "win.copy-chart", NULL, copy_chart_action);
  gtk_widget_class_install_action (widget_class, "win.copy-statistics", NULL,
                                   copy_statistics_action);
  gtk_widget_class_install_action (widget_class, "win.save-statistics", NULL,
                                   save_statistics_action);
  gtk_widget_class_install_action (widget_class, "win.save-chart", NULL, save_chart_action);
  gtk_widget_class_install_action (widget_class, "win.save-chart-as", "s", save_chart_as_action);
  gtk_widget_class_install_action (widget_class, "win.load-chart", "s", load_chart_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.focus-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.tag-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "win.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK,
                                       "win.toggle-codebook", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.focus-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-responses", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-responses", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-chart", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-chart", NULL);
}

static void
likert_window_init (LikertWindow *self)
{
  GtkEventController *key;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "pane-position", self->paned, "position", G_SETTINGS_BIND_DEFAULT);

  column_titles[COLUMN_TIME] = _("Date");
  column_titles[COLUMN_RATING] = _("Rating");
  column_titles[COLUMN_COMMENT] = _("Comment");
  column_titles[COLUMN_TAGS] = _("Tags");
  column_titles[COLUMN_NOTE] = _("Note");
  for (guint column = COLUMN_TIME; column <= COLUMN_NOTE; column++)
    add_column (self, column, column_titles[column], column == COLUMN_COMMENT);

  /* Capture: the coding keys reach the window before the list's own bindings (Space). */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (coding_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (self->chart_view, "activate-bar", G_CALLBACK (chart_activate_bar_cb),
                           self, 0);
  g_signal_connect_object (self->chart_view, "notify::segment",
                           G_CALLBACK (chart_segment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_view, "notify::question",
                           G_CALLBACK (chart_question_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_bar, "notify::segment",
                           G_CALLBACK (bar_segment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_picker, "load-chart", G_CALLBACK (chart_load_cb), self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-chart", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-statistics", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-statistics", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-chart", FALSE);

  set_busy (self, FALSE, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-responses", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-imports", FALSE);
  refresh_recent (self);
}

LikertWindow *
likert_window_new (GtkApplication *application)
{
  return g_object_new (LIKERT_TYPE_WINDOW, "application", application, NULL);
}

void
likert_window_open_file (LikertWindow *self,
                         GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIKERT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file"), uri);

      show_toast (self, message);
      return;
    }
  if (is_project_file (file))
    open_project (self, path);
  else
    import_csv (self, path);
}

gboolean
likert_window_has_project (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), FALSE);
  return self->project_path != NULL || self->busy || self->import_dialog != NULL;
}

gboolean
likert_window_is_busy (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), FALSE);
  return self->busy || self->import_dialog != NULL;
}

LikertImportDialog *
likert_window_get_import_dialog (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->import_dialog;
}

const char *
likert_window_get_project_path (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->project_path;
}

LikertFrame *
likert_window_get_frame (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->frame;
}

GtkWidget *
likert_window_get_filter_bar (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->filter_bar);
}

LikertChartView *
likert_window_get_chart_view (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->chart_view;
}

GListModel *
likert_window_get_responses (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->selection ? G_LIST_MODEL (self->selection) : NULL;
}

char *
likert_window_dup_note_text (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return likert_annotation_pane_dup_note_text (self->annotation_pane);
}

LikertAnnotationPane *
likert_window_get_annotation_pane (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->annotation_pane;
}
