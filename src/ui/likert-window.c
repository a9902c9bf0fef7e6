/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-filter-bar.h"
#include "likert-histogram-view.h"
#include "likert-import.h"
#include "likert-import-dialog.h"
#include "likert-imports-window.h"
#include "likert-response-item.h"
#include "likert-response-model.h"
#include "likert-settings.h"
#include "likert-stats.h"
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
  LikertHistogramView  *histogram;
  GtkGrid              *stats_grid;
  GtkLabel             *count_label;
  GtkDropDown          *sort_dropdown;
  LikertFilterBar      *filter_bar;
  GtkColumnView        *column_view;
  GtkStack             *pane_stack;
  GtkLabel             *response_title;
  GtkLabel             *response_meta;
  GtkLabel             *response_comment;
  GtkTextView          *note_view;
  GtkLabel             *saved_label;
  GtkFlowBox           *tag_box;
  GtkEntry             *new_tag_entry;

  GSettings            *settings;
  GCancellable         *cancellable;       /* the load under way */
  LikertImportDialog   *import_dialog;     /* while a file is being imported */
  char                 *project_path;
  LikertStore          *store;             /* main thread's connection: one-row reads, edits */
  LikertFrame          *frame;
  LikertResponseModel  *model;
  GtkSingleSelection   *selection;
  gint64                current_id;        /* the response in the pane, 0 for none */
  guint                 note_timeout;
  gboolean              filling_pane;
  gboolean              refreshing_row;
  gboolean              busy;
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

static char *
format_count (guint64 n)
{
  /* %' groups thousands as the locale does. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == G_MININT64 || (utc = g_date_time_new_from_unix_utc (when)) == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (utc);
  /* Translators: a response's date and time; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
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

/* Statistics beside the histogram */

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

static void show_response (LikertWindow *self,
                           gint64        response_id);

/* The statistics of the rows in filter: the whole summary, then the segments if any. */
static void
update_analysis (LikertWindow  *self,
                 const guint64 *filter,
                 guint          n_selected)
{
  GtkWidget *child;
  LikertStats stats;
  const LikertField *question;
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
  int segment = likert_filter_bar_get_segment (self->filter_bar);
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_grid))) != NULL)
    gtk_grid_remove (self->stats_grid, child);

  count = format_count (n_selected);
  total = format_count (n_rows);
  if (n_selected == n_rows)
    count_text = g_strdup_printf (ngettext ("%s response", "%s responses", n_rows), total);
  else
    /* Translators: the responses that pass the filters, of all the project's */
    count_text = g_strdup_printf (ngettext ("%s of %s response", "%s of %s responses", n_rows),
                                  count, total);
  gtk_label_set_text (self->count_label, count_text);

  if (likert_frame_get_n_questions (self->frame) == 0)
    {
      likert_histogram_view_clear (self->histogram);
      stats_add_row (self, 0, _("Ratings"), _("None in this project"));
      return;
    }

  question = likert_frame_get_question (self->frame, 0);
  likert_frame_compute_stats (self->frame, 0, filter, &stats);
  likert_histogram_view_set_data (self->histogram, question->header, stats.scale_min,
                                  stats.scale_max, stats.counts,
                                  (const char * const *) question->labels);

  n = format_count (stats.n);
  missing = format_count (stats.missing);
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

      likert_frame_compute_segment_stats (self->frame, 0, (guint) segment, filter, by_value);
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
          g_autofree char *answers = format_count (by_value[code].n);
          /* Translators: a mean rating and, in parentheses, how many answers it is of */
          g_autofree char *value = g_strdup_printf (_("%.2f (%s)"), by_value[code].mean, answers);

          stats_add_row (self, row++,
                         likert_frame_get_category_value (self->frame, (guint) segment, code),
                         value);
        }
    }
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
  likert_response_model_set_highlight (self->model, likert_filter_bar_get_search (self->filter_bar));
  likert_response_model_set_rows (self->model, g_steal_pointer (&rows), n);
  position = self->current_id ? likert_response_model_find_position (self->model, self->current_id)
                              : -1;
  gtk_single_selection_set_selected (self->selection, position >= 0 ? (guint) position
                                                                    : GTK_INVALID_LIST_POSITION);
  self->refreshing_row = FALSE;
  if (position < 0 && self->current_id != 0)
    show_response (self, 0);
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

static void
set_saved_state (LikertWindow *self,
                 const char   *text,
                 gboolean      saved)
{
  gtk_label_set_text (self->saved_label, text);
  if (saved)
    gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "saved");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "saved");
}

/* Redraws the response's row after an edit. The model makes a new item for the row, which
 * a GtkSingleSelection takes for a new row: select it again without touching the pane. */
static void
refresh_row (LikertWindow *self,
             gint64        response_id)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->refreshing_row = TRUE;
  likert_response_model_row_changed (self->model, response_id);
  gtk_single_selection_set_selected (self->selection, selected);
  self->refreshing_row = FALSE;
}

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
save_note (LikertWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *author = NULL;
  gint row;

  g_clear_handle_id (&self->note_timeout, g_source_remove);
  if (self->store == NULL || self->current_id == 0)
    return TRUE;

  text = dup_buffer_text (self->note_view);
  author = likert_settings_dup_author (self->settings);
  if (!likert_store_set_note (self->store, self->current_id, text, author, &error))
    {
      set_saved_state (self, _("Not saved"), FALSE);
      show_error (self, error);
      return FALSE;
    }
  row = likert_frame_find_row (self->frame, self->current_id);
  if (row >= 0)
    likert_frame_set_has_note (self->frame, (guint) row, *text != '\0');
  set_saved_state (self, _("Saved"), TRUE);
  refresh_row (self, self->current_id);
  likert_filter_bar_refresh (self->filter_bar);
  return TRUE;
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  LikertWindow *self = user_data;

  self->note_timeout = 0;
  save_note (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (GtkTextBuffer *buffer,
                 LikertWindow  *self)
{
  if (self->filling_pane)
    return;
  set_saved_state (self, _("Saving…"), FALSE);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
}

static void fill_tags (LikertWindow *self, GArray *active);

static gboolean
set_tag (LikertWindow *self,
         gint64        tag_id,
         gboolean      active)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = likert_settings_dup_author (self->settings);

  gint row;

  if (!likert_store_set_tag (self->store, self->current_id, tag_id, active, author, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  /* Committed: patch the frame in place, so filters and counts follow without a reload. */
  row = likert_frame_find_row (self->frame, self->current_id);
  if (row >= 0)
    {
      gint tag = likert_frame_find_tag (self->frame, tag_id);

      if (tag < 0)
        {
          g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);

          for (guint i = 0; tags != NULL && i < tags->len; i++)
            if (((LikertTag *) g_ptr_array_index (tags, i))->id == tag_id)
              tag = (gint) likert_frame_add_tag (self->frame, tag_id,
                                                 ((LikertTag *) g_ptr_array_index (tags, i))->name);
        }
      if (tag >= 0)
        likert_frame_set_tag (self->frame, (guint) row, (guint) tag, active);
    }

  set_saved_state (self, _("Saved"), TRUE);
  refresh_row (self, self->current_id);
  likert_filter_bar_refresh (self->filter_bar);
  return TRUE;
}

static void
tag_toggled_cb (GtkToggleButton *button,
                LikertWindow    *self)
{
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "tag-id"));
  gboolean active = gtk_toggle_button_get_active (button);

  if (self->filling_pane)
    return;
  if (!set_tag (self, tag_id, active))
    {
      self->filling_pane = TRUE;
      gtk_toggle_button_set_active (button, !active);
      self->filling_pane = FALSE;
    }
}

static void
fill_tags (LikertWindow *self,
           GArray       *active)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box))) != NULL)
    gtk_flow_box_remove (self->tag_box, child);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (tag->name);
      gboolean on = FALSE;

      for (guint k = 0; active != NULL && k < active->len; k++)
        on |= g_array_index (active, gint64, k) == tag->id;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), on);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      g_object_set_data (G_OBJECT (button), "tag-id", GSIZE_TO_POINTER ((gsize) tag->id));
      g_signal_connect (button, "toggled", G_CALLBACK (tag_toggled_cb), self);
      gtk_flow_box_append (self->tag_box, button);
    }
}

static void
show_response (LikertWindow *self,
               gint64        response_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autofree char *title = NULL;
  g_autofree char *record = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  const char *comment = NULL;
  gint row, column;

  /* Whatever was typed for the previous response is saved before it leaves the pane. */
  if (self->note_timeout != 0)
    save_note (self);

  self->current_id = 0;
  if (response_id == 0 || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->pane_stack, "none");
      return;
    }

  response = likert_store_get_response (self->store, response_id, &error);
  if (response == NULL)
    {
      show_error (self, error);
      gtk_stack_set_visible_child_name (self->pane_stack, "none");
      return;
    }

  self->filling_pane = TRUE;
  self->current_id = response_id;

  if (response->key == NULL)
    record = g_strdup_printf ("%" G_GINT64_FORMAT, response->record);
  /* Translators: %s is the response's identifier in the survey tool, or its record number */
  title = g_strdup_printf (_("Response %s"), response->key ? response->key : record);
  gtk_label_set_text (self->response_title, title);

  when = format_time (response->submitted_at);
  row = likert_frame_find_row (self->frame, response_id);
  if (row >= 0 && likert_frame_get_n_questions (self->frame) > 0 &&
      likert_frame_get_rating (self->frame, 0, (guint) row) >= 0)
    {
      const LikertField *question = likert_frame_get_question (self->frame, 0);
      int value = likert_frame_get_rating (self->frame, 0, (guint) row);
      const char *label = question->labels[value - question->scale_min];

      if (label != NULL)
        /* Translators: time · rating (its label) */
        meta = g_strdup_printf (_("%s · Rating %d (%s)"), when, value, label);
      else
        /* Translators: time · rating */
        meta = g_strdup_printf (_("%s · Rating %d"), when, value);
    }
  else
    meta = g_strdup_printf (_("%s · No rating"), when);
  gtk_label_set_text (self->response_meta, meta);

  column = likert_frame_get_comment_column (self->frame);
  if (column >= 0 && (guint) column < g_strv_length (response->cells))
    comment = response->cells[column];
  if (comment == NULL || *comment == '\0')
    {
      gtk_label_set_text (self->response_comment, _("No comment"));
      gtk_widget_add_css_class (GTK_WIDGET (self->response_comment), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->response_comment, comment);
      gtk_widget_remove_css_class (GTK_WIDGET (self->response_comment), "dim-label");
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), response->note, -1);
  fill_tags (self, response->tag_ids);
  set_saved_state (self, response->updated_at ? _("Saved") : "", response->updated_at != 0);
  gtk_stack_set_visible_child_name (self->pane_stack, "response");

  self->filling_pane = FALSE;
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      LikertWindow       *self)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->refreshing_row)
    return;
  if (position == GTK_INVALID_LIST_POSITION)
    show_response (self, 0);
  else
    show_response (self, likert_response_model_get_response_id (self->model, position));
}

static gboolean
add_tag_by_name (LikertWindow *self,
                 const char   *name,
                 gboolean      toggle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = NULL;
  gint64 tag_id;
  gboolean active = TRUE;

  if (self->current_id == 0)
    return FALSE;
  tag_id = likert_store_ensure_tag (self->store, name, &error);
  if (tag_id == 0)
    {
      show_error (self, error);
      return FALSE;
    }
  if (toggle && (response = likert_store_get_response (self->store, self->current_id, NULL)))
    for (guint i = 0; i < response->tag_ids->len; i++)
      if (g_array_index (response->tag_ids, gint64, i) == tag_id)
        active = FALSE;
  if (!set_tag (self, tag_id, active))
    return FALSE;

  g_clear_pointer (&response, likert_response_free);
  response = likert_store_get_response (self->store, self->current_id, NULL);
  self->filling_pane = TRUE;
  fill_tags (self, response ? response->tag_ids : NULL);
  self->filling_pane = FALSE;
  return TRUE;
}

static void
new_tag_activate_cb (GtkEntry     *entry,
                     LikertWindow *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (*name != '\0' && add_tag_by_name (self, name, FALSE))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
new_tag_icon_cb (GtkEntry             *entry,
                 GtkEntryIconPosition  position,
                 LikertWindow         *self)
{
  new_tag_activate_cb (entry, self);
}

/* The response list */

enum { COLUMN_TIME, COLUMN_RATING, COLUMN_COMMENT, COLUMN_TAGS, COLUMN_NOTE };

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
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_TIME: text = likert_response_item_get_time (response); break;
    case COLUMN_RATING: text = likert_response_item_get_rating (response); break;
    case COLUMN_COMMENT: text = likert_response_item_get_comment (response); break;
    case COLUMN_TAGS: text = likert_response_item_get_tags (response); break;
    case COLUMN_NOTE: text = likert_response_item_get_note (response); break;
    default: g_assert_not_reached ();
    }

  if (column == COLUMN_COMMENT)
    {
      /* One line in the list: line breaks become spaces (safe in markup); the words searched
       * for in bold. The tooltip has the whole comment as plain text. */
      g_autofree char *line = g_strdelimit (g_strdup (likert_response_item_get_comment_markup (response)),
                                            "\r\n", ' ');
      gtk_inscription_set_markup (GTK_INSCRIPTION (cell), line);
      gtk_widget_set_tooltip_text (cell, *text ? text : NULL);
    }
  else if (GTK_IS_INSCRIPTION (cell))
    {
      /* One line in the list: line breaks in comments become spaces. */
      g_autofree char *line = g_strdelimit (g_strdup (text), "\r\n", ' ');
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), line);
      gtk_widget_set_tooltip_text (cell, *text ? text : NULL);
    }
  else
    gtk_label_set_text (GTK_LABEL (cell), text);
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

static void
close_project (LikertWindow *self)
{
  if (self->note_timeout != 0)
    save_note (self);
  self->current_id = 0;
  likert_filter_bar_set_frame (self->filter_bar, NULL, NULL, NULL);
  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->project_path, g_free);
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->pane_stack, "none");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-imports", FALSE);
  refresh_recent (self);
}

typedef struct
{
  LikertStore *store;
  LikertFrame *frame;
} Opened;

static void
opened_free (Opened *opened)
{
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
  Opened *opened = g_new0 (Opened, 1);
  GError *error = NULL;

  opened->store = likert_store_open (task_data, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (opened->store != NULL)
    opened->frame = likert_frame_load (opened->store, cancellable, &error);
  if (opened->frame == NULL)
    {
      opened_free (opened);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, opened, (GDestroyNotify) opened_free);
}

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikertWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  Opened *opened;
  const char *path = g_task_get_task_data (G_TASK (result));

  opened = g_task_propagate_pointer (G_TASK (result), &error);
  gtk_spinner_stop (self->spinner);
  set_busy (self, FALSE, NULL);
  if (opened == NULL)
    {
      show_error (self, error);
      close_project (self);
      return;
    }

  self->project_path = g_strdup (path);
  self->store = g_steal_pointer (&opened->store);
  self->frame = g_steal_pointer (&opened->frame);
  opened_free (opened);

  self->model = likert_response_model_new (self->store, self->frame);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* The bar selects (all rows, but excluded ones) and says "changed": statistics and list follow. */
  likert_filter_bar_set_frame (self->filter_bar, self->frame, self->store, path);
  name = g_path_get_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->stack, "project");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-imports", TRUE);
  likert_settings_add_recent (self->settings, path);
}

static void
open_project (LikertWindow *self,
              const char   *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = NULL;

  close_project (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Opening “%s”…"), name);
  set_busy (self, TRUE, message);
  gtk_progress_bar_pulse (self->progress_bar);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (self->spinner);

  task = g_task_new (NULL, self->cancellable, open_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, open_project);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
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
  g_autofree char *count = format_count (report->n_new);

  /* Translators: %s is a number of responses, then a file name */
  g_string_append_printf (message, ngettext ("Imported %s response from “%s”",
                                             "Imported %s responses from “%s”",
                                             report->n_new),
                          count, report->source_name);
  if (report->n_duplicates > 0)
    {
      g_autofree char *n = format_count (report->n_duplicates);

      g_string_append (message, " · ");
      g_string_append_printf (message, ngettext ("%s already in the project",
                                                 "%s already in the project",
                                                 report->n_duplicates),
                              n);
    }
  if (report->n_skipped > 0)
    {
      g_autofree char *n = format_count (report->n_skipped);

      g_string_append (message, " · ");
      g_string_append_printf (message, ngettext ("%s row skipped", "%s rows skipped",
                                                 report->n_skipped),
                              n);
    }
  show_toast (self, message->str);
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
  if (self->note_timeout != 0)
    save_note (self);

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
    gtk_single_selection_set_selected (self->selection, position);
}

static void
set_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->current_id == 0)
    return;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            g_variant_get_string (parameter, NULL), -1);
  save_note (self);
}

static void
toggle_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  add_tag_by_name (LIKERT_WINDOW (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->current_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
focus_tag_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikertWindow *self = LIKERT_WINDOW (widget);

  if (self->current_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->new_tag_entry));
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

  if (self->note_timeout != 0)
    save_note (self);
  return GTK_WINDOW_CLASS (likert_window_parent_class)->close_request (window);
}

static void
likert_window_dispose (GObject *object)
{
  LikertWindow *self = LIKERT_WINDOW (object);

  if (self->note_timeout != 0)
    save_note (self);
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

  g_type_ensure (LIKERT_TYPE_HISTOGRAM_VIEW);
  g_type_ensure (LIKERT_TYPE_FILTER_BAR);

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
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, histogram);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, filter_bar);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, pane_stack);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, response_title);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, response_meta);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, response_comment);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, note_view);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, tag_box);
  gtk_widget_class_bind_template_child (widget_class, LikertWindow, new_tag_entry);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_tag_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_tag_icon_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.show-imports", NULL, show_imports_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.select-response", "u",
                                   select_response_action);
  gtk_widget_class_install_action (widget_class, "win.set-note", "s", set_note_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-tag", "s", toggle_tag_action);
  gtk_widget_class_install_action (widget_class, "win.focus-note", NULL, focus_note_action);
  gtk_widget_class_install_action (widget_class, "win.focus-tag", NULL, focus_tag_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "win.close-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.focus-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.focus-tag", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
}

static void
likert_window_init (LikertWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  add_column (self, COLUMN_TIME, _("Date"), FALSE);
  add_column (self, COLUMN_RATING, _("Rating"), FALSE);
  add_column (self, COLUMN_COMMENT, _("Comment"), TRUE);
  add_column (self, COLUMN_TAGS, _("Tags"), FALSE);
  add_column (self, COLUMN_NOTE, _("Note"), FALSE);

  g_signal_connect (gtk_text_view_get_buffer (self->note_view), "changed",
                    G_CALLBACK (note_changed_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  set_busy (self, FALSE, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-project", FALSE);
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

LikertHistogramView *
likert_window_get_histogram (LikertWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_WINDOW (self), NULL);
  return self->histogram;
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
  return dup_buffer_text (self->note_view);
}
