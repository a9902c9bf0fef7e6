/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-filter-bar"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "likert-filter-bar.h"
#include "likert-wrap-layout.h"

/* A popover lists at most this many values; a search entry narrows longer lists. */
#define FACET_MAX_ROWS      300
#define FACET_SEARCH_VALUES 15

typedef struct _Facet Facet;
typedef struct _SearchConnection SearchConnection;

struct _LikertFilterBar
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkSearchEntry    *search_entry;
  GtkMenuButton     *date_button;
  GtkPopover        *date_popover;
  GtkCheckButton    *from_check;
  GtkCalendar       *from_calendar;
  GtkCheckButton    *to_check;
  GtkCalendar       *to_calendar;
  GtkButton         *date_clear_button;
  GtkMenuButton     *rating_button;
  GtkBox            *rating_box;
  GtkMenuButton     *tags_button;
  GtkDropDown       *tag_match_dropdown;
  GtkScrolledWindow *tags_scrolled;
  GtkBox            *tags_box;
  GtkLabel          *no_tags_label;
  GtkMenuButton     *status_button;
  GtkCheckButton    *status_new;
  GtkCheckButton    *status_reviewed;
  GtkCheckButton    *status_flagged;
  GtkCheckButton    *status_excluded;
  GtkBox            *segment_box;
  GtkDropDown       *segment_dropdown;
  GtkMenuButton     *views_button;
  GtkPopover        *views_popover;
  GtkStack          *views_stack;
  GtkLabel          *no_views_label;
  GtkScrolledWindow *views_scrolled;
  GtkBox            *views_box;
  GtkEntry          *view_name_entry;
  GtkButton         *save_view_button;
  GtkButton         *clear_button;

  /* The project */
  LikertFrame       *frame;
  LikertStore       *store;              /* the main thread's connection: views */
  char              *project_path;
  SearchConnection  *connection;         /* the search worker's */
  GPtrArray         *facets;             /* Facet *, one per categorical field */
  gint64             first_time;         /* the frame's submission times, G_MININT64 if none */
  gint64             last_time;

  /* What is shown */
  LikertFilter      *filter;             /* as the widgets show it */
  LikertFilter      *applied;            /* the filter the selection was made with */
  guint64           *rows;
  guint              n_selected;
  int                segment;

  /* The text search */
  guint64           *matches;            /* rows matching matches_text */
  char              *matches_text;
  char              *pending_text;       /* the search running, or NULL */
  GCancellable      *search_cancellable;

  guint              syncing;            /* > 0 while widgets are set from the filter */
};

struct _Facet
{
  LikertFilterBar   *bar;                /* unowned: the bar owns the facet */
  guint              category;
  char              *name;
  char              *title;     /* what the interface calls the field */
  guint              n_values;
  guint64           *totals;             /* per code, over the whole frame */
  guint64           *counts;             /* per code, over the rows of the other filters */
  gboolean           counts_valid;
  char              *tooltip;
  GtkMenuButton     *button;
  GtkPopover        *popover;
  GtkSearchEntry    *search;             /* nullable: only for long lists */
  GtkBox            *list;
  GtkLabel          *more_label;
  GtkButton         *clear;
};

/* The worker's connection: opened by the first search on the worker thread, then used by one
 * search at a time. */
struct _SearchConnection
{
  gatomicrefcount    ref;
  GMutex             mutex;
  char              *path;
  LikertStore       *store;
};

typedef struct
{
  SearchConnection  *connection;
  LikertFrame       *frame;
  char              *text;
} SearchJob;

G_DEFINE_FINAL_TYPE (LikertFilterBar, likert_filter_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEGMENT,
  N_PROPS
};

enum {
  CHANGED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const LikertStatus statuses[] = {
  LIKERT_STATUS_NEW, LIKERT_STATUS_REVIEWED, LIKERT_STATUS_FLAGGED, LIKERT_STATUS_EXCLUDED,
};

static void filter_changed (LikertFilterBar *self);
static void facet_update_counts (Facet *facet);

/* Helpers */

static char *
format_count (guint64 n)
{
  /* %' groups thousands as the locale does. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
report_error (LikertFilterBar *self,
              const GError    *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* The text of an entry without the spaces around it. */
static char *
dup_stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static GtkCheckButton *
status_check (LikertFilterBar *self,
              LikertStatus     status)
{
  switch (status)
    {
    case LIKERT_STATUS_NEW: return self->status_new;
    case LIKERT_STATUS_REVIEWED: return self->status_reviewed;
    case LIKERT_STATUS_FLAGGED: return self->status_flagged;
    case LIKERT_STATUS_EXCLUDED: return self->status_excluded;
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
status_from_string (const char   *name,
                    LikertStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (name, likert_status_to_string (statuses[i])) == 0)
      {
        *status = statuses[i];
        return TRUE;
      }
  return FALSE;
}

/* A menu button's label: its name, with the number of values chosen. */
static void
set_button_state (GtkMenuButton *button,
                  const char    *name,
                  guint          n_chosen,
                  const char    *tooltip)
{
  if (n_chosen > 0)
    {
      /* Translators: a filter button: a field's name and how many of its values are chosen */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), name, n_chosen);

      gtk_menu_button_set_label (button, label);
      gtk_widget_add_css_class (GTK_WIDGET (button), "filter-active");
    }
  else
    {
      gtk_menu_button_set_label (button, name);
      gtk_widget_remove_css_class (GTK_WIDGET (button), "filter-active");
    }
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
}

static GDateTime *
local_date (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  return utc != NULL ? g_date_time_to_local (utc) : NULL;
}

static char *
format_date (gint64 when)
{
  g_autoptr(GDateTime) local = local_date (when);

  if (local == NULL)
    return g_strdup ("?");
  /* Translators: a day in a date filter's button; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/* Local midnight at the start of the calendar's day (+ days), in UTC seconds. */
static gint64
calendar_midnight (GtkCalendar *calendar,
                   int          days)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (date),
                                                         g_date_time_get_month (date),
                                                         g_date_time_get_day_of_month (date),
                                                         0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days);

  return g_date_time_to_unix (day);
}

static void
calendar_show (GtkCalendar *calendar,
               gint64       when)
{
  g_autoptr(GDateTime) local = local_date (when);

  if (local != NULL)
    gtk_calendar_select_day (calendar, local);
}

/* The search worker */

static SearchConnection *
search_connection_new (const char *path)
{
  SearchConnection *connection = g_new0 (SearchConnection, 1);

  g_atomic_ref_count_init (&connection->ref);
  g_mutex_init (&connection->mutex);
  connection->path = g_strdup (path);
  return connection;
}

static SearchConnection *
search_connection_ref (SearchConnection *connection)
{
  g_atomic_ref_count_inc (&connection->ref);
  return connection;
}

static void
search_connection_unref (SearchConnection *connection)
{
  if (connection == NULL || !g_atomic_ref_count_dec (&connection->ref))
    return;
  g_clear_object (&connection->store);
  g_mutex_clear (&connection->mutex);
  g_free (connection->path);
  g_free (connection);
}

static void
search_job_free (SearchJob *job)
{
  search_connection_unref (job->connection);
  likert_frame_unref (job->frame);
  g_free (job->text);
  g_free (job);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  SearchConnection *connection = job->connection;
  g_autoptr(GError) error = NULL;
  guint64 *bits = NULL;

  /* Searches queue here; one that is no longer wanted gives up before touching SQLite. */
  g_mutex_lock (&connection->mutex);
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      if (connection->store == NULL)
        connection->store = likert_store_open (connection->path, LIKERT_STORE_OPEN_DEFAULT,
                                               &error);
      if (connection->store != NULL)
        bits = likert_frame_search (job->frame, connection->store, job->text, NULL, &error);
    }
  g_mutex_unlock (&connection->mutex);

  if (bits != NULL)
    g_task_return_pointer (task, bits, g_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (source);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree guint64 *bits = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || job->frame != self->frame ||
      g_strcmp0 (job->text, self->pending_text) != 0)
    return;

  g_clear_pointer (&self->pending_text, g_free);
  g_clear_object (&self->search_cancellable);
  if (bits == NULL)
    {
      /* Shown once; the search then finds nothing rather than everything. */
      report_error (self, error);
      bits = likert_frame_bitmap_new (self->frame, FALSE);
    }
  g_free (self->matches);
  self->matches = g_steal_pointer (&bits);
  g_free (self->matches_text);
  self->matches_text = g_strdup (job->text);
  filter_changed (self);
}

static void
cancel_search (LikertFilterBar *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->pending_text, g_free);
}

static void
start_search (LikertFilterBar *self,
              const char      *text)
{
  g_autoptr(GTask) task = NULL;
  SearchJob *job;

  cancel_search (self);
  self->search_cancellable = g_cancellable_new ();
  self->pending_text = g_strdup (text);

  job = g_new0 (SearchJob, 1);
  job->connection = search_connection_ref (self->connection);
  job->frame = likert_frame_ref (self->frame);
  job->text = g_strdup (text);
  task = g_task_new (self, self->search_cancellable, search_done_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_name (task, "[likert] search");
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

/* The selection */

static void
invalidate_counts (LikertFilterBar *self)
{
  for (guint i = 0; self->facets != NULL && i < self->facets->len; i++)
    {
      Facet *facet = g_ptr_array_index (self->facets, i);

      facet->counts_valid = FALSE;
      if (gtk_widget_get_visible (GTK_WIDGET (facet->popover)))
        facet_update_counts (facet);
    }
}

static void
select_rows (LikertFilterBar *self)
{
  const char *search;

  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->applied, likert_filter_free);
  self->n_selected = 0;
  if (self->frame == NULL)
    return;

  self->applied = likert_filter_copy (self->filter);
  search = likert_filter_get_search (self->applied);
  self->rows = likert_filter_select (self->applied, self->frame, search ? self->matches : NULL,
                                     NULL, &self->n_selected, NULL);
  invalidate_counts (self);
}

/* Labels */

static void
sync_labels (LikertFilterBar *self)
{
  guint n;

  for (guint i = 0; self->facets != NULL && i < self->facets->len; i++)
    {
      Facet *facet = g_ptr_array_index (self->facets, i);
      g_auto(GStrv) values = likert_filter_dup_values (self->filter, facet->name);
      g_autofree char *chosen = g_strjoinv (", ", values);

      n = g_strv_length (values);
      set_button_state (facet->button, facet->title, n, n > 0 ? chosen : facet->tooltip);
      gtk_widget_set_sensitive (GTK_WIDGET (facet->clear), n > 0);
    }

  n = 0;
  for (guint q = 0; self->frame != NULL && q < likert_frame_get_n_questions (self->frame); q++)
    {
      const LikertField *question = likert_frame_get_question (self->frame, q);

      for (int v = question->scale_min; v <= question->scale_max; v++)
        n += likert_filter_has_rating (self->filter, question->header, v);
    }
  set_button_state (self->rating_button, _("Rating"), n, NULL);

  {
    g_auto(GStrv) tags = likert_filter_dup_tags (self->filter);

    set_button_state (self->tags_button, _("Tags"), g_strv_length (tags), NULL);
  }

  n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    n += likert_filter_has_status (self->filter, statuses[i]);
  set_button_state (self->status_button, _("Status"), n, NULL);

  {
    gint64 from, to;
    g_autofree char *label = NULL;

    likert_filter_get_range (self->filter, &from, &to);
    if (from != G_MININT64 && to != G_MAXINT64)
      {
        g_autofree char *first = format_date (from);
        g_autofree char *last = format_date (to - 1);

        /* Translators: a date range on the date filter's button */
        label = g_strdup_printf (_("%s – %s"), first, last);
      }
    else if (from != G_MININT64)
      {
        g_autofree char *first = format_date (from);

        /* Translators: on the date filter's button; %s is a day */
        label = g_strdup_printf (_("From %s"), first);
      }
    else if (to != G_MAXINT64)
      {
        g_autofree char *last = format_date (to - 1);

        /* Translators: on the date filter's button; %s is a day (included) */
        label = g_strdup_printf (_("Until %s"), last);
      }
    gtk_menu_button_set_label (self->date_button, label ? label : _("Date"));
    if (label != NULL)
      gtk_widget_add_css_class (GTK_WIDGET (self->date_button), "filter-active");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_button), "filter-active");
    gtk_widget_set_sensitive (GTK_WIDGET (self->date_clear_button), label != NULL);
  }

  gtk_widget_set_visible (GTK_WIDGET (self->clear_button), !likert_filter_is_empty (self->filter));
}

/* Widgets from the filter */

static void
sync_facet_checks (Facet *facet)
{
  LikertFilterBar *self = facet->bar;

  for (GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (facet->list)); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    {
      guint code = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "likert-code"));
      const char *value = likert_frame_get_category_value (self->frame, facet->category, code);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   likert_filter_has_value (self->filter, facet->name, value));
    }
}

static void
sync_widgets (LikertFilterBar *self)
{
  /* A copy: setting the entry's text empties it first, and an empty search entry emits
   * search-changed at once. */
  g_autofree char *search = g_strdup (likert_filter_get_search (self->filter));
  g_autofree char *typed = dup_stripped (GTK_EDITABLE (self->search_entry));
  gint64 from, to;

  self->syncing++;

  if (g_strcmp0 (*typed ? typed : NULL, search) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search ? search : "");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    gtk_check_button_set_active (status_check (self, statuses[i]),
                                 likert_filter_has_status (self->filter, statuses[i]));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->rating_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *question = g_object_get_data (G_OBJECT (child), "likert-question");
      int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "likert-value"));

      if (question != NULL)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                     likert_filter_has_rating (self->filter, question, value));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (child),
                                 likert_filter_has_tag (self->filter,
                                                        g_object_get_data (G_OBJECT (child),
                                                                           "likert-tag")));
  gtk_drop_down_set_selected (self->tag_match_dropdown,
                              (guint) likert_filter_get_tag_match (self->filter));

  for (guint i = 0; self->facets != NULL && i < self->facets->len; i++)
    sync_facet_checks (g_ptr_array_index (self->facets, i));

  likert_filter_get_range (self->filter, &from, &to);
  gtk_check_button_set_active (self->from_check, from != G_MININT64);
  gtk_check_button_set_active (self->to_check, to != G_MAXINT64);
  if (from != G_MININT64)
    calendar_show (self->from_calendar, from);
  if (to != G_MAXINT64)
    calendar_show (self->to_calendar, to - 1);

  gtk_drop_down_set_selected (self->segment_dropdown, (guint) (self->segment + 1));

  self->syncing--;
}

/* Recomputes after any change of the filter: the selection now, or when the search the
 * filter asks for has run; "changed" then. */
static void
filter_changed (LikertFilterBar *self)
{
  const char *search = likert_filter_get_search (self->filter);

  sync_labels (self);
  if (self->frame != NULL && search != NULL && g_strcmp0 (search, self->matches_text) != 0)
    {
      if (g_strcmp0 (search, self->pending_text) != 0)
        start_search (self, search);
      return;
    }
  cancel_search (self);
  select_rows (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Drops the names the frame lacks; TRUE when there were some. */
static gboolean
prune_filter (LikertFilter *filter,
              LikertFrame  *frame)
{
  g_auto(GStrv) fields = likert_filter_dup_fields (filter);
  g_auto(GStrv) questions = likert_filter_dup_rating_questions (filter);
  g_auto(GStrv) tags = likert_filter_dup_tags (filter);
  gboolean pruned = FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    if (likert_frame_find_category (frame, fields[i]) < 0)
      {
        likert_filter_clear_field (filter, fields[i]);
        pruned = TRUE;
      }
  for (guint i = 0; questions[i] != NULL; i++)
    if (likert_frame_find_question (frame, questions[i]) < 0)
      {
        for (int v = 0; v < LIKERT_MAX_SCALE; v++)
          likert_filter_remove_rating (filter, questions[i], v);
        pruned = TRUE;
      }
  for (guint i = 0; tags[i] != NULL; i++)
    if (likert_frame_find_tag_by_name (frame, tags[i]) < 0)
      {
        likert_filter_remove_tag (filter, tags[i]);
        pruned = TRUE;
      }
  return pruned;
}

/* Facets */

static const guint64 *
facet_counts (Facet *facet)
{
  LikertFilterBar *self = facet->bar;

  if (self->applied == NULL)
    {
      /* The first search has not answered yet: nothing is selected. */
      memset (facet->counts, 0, MAX (facet->n_values, 1) * sizeof (guint64));
      return facet->counts;
    }
  if (!facet->counts_valid)
    {
      LikertFilter *filter = self->applied;
      const char *search = likert_filter_get_search (filter);
      g_autofree guint64 *rows = NULL;
      guint n = 0;

      rows = likert_filter_select (filter, self->frame, search ? self->matches : NULL,
                                   facet->name, &n, NULL);
      likert_frame_count_category (self->frame, facet->category, rows, facet->counts);
      facet->counts_valid = TRUE;
    }
  return facet->counts;
}

static void
facet_free (Facet *facet)
{
  gtk_widget_unparent (GTK_WIDGET (facet->button));
  g_free (facet->name);
  g_free (facet->title);
  g_free (facet->tooltip);
  g_free (facet->totals);
  g_free (facet->counts);
  g_free (facet);
}

static void
facet_set_count (GtkWidget *check,
                 guint64    count)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (check), "likert-count");
  GtkWidget *name = g_object_get_data (G_OBJECT (check), "likert-name");
  g_autofree char *text = format_count (count);
  g_autofree char *description = g_strdup_printf (ngettext ("%s response", "%s responses", count),
                                                  text);

  gtk_label_set_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  /* A value no selected response has: its name dimmed, the check box as it is. */
  if (count == 0)
    gtk_widget_add_css_class (name, "dim-label");
  else if (g_object_get_data (G_OBJECT (check), "likert-empty") == NULL)
    gtk_widget_remove_css_class (name, "dim-label");
}

static void
facet_update_counts (Facet *facet)
{
  const guint64 *counts = facet_counts (facet);

  for (GtkWidget *check = gtk_widget_get_first_child (GTK_WIDGET (facet->list)); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    facet_set_count (check, counts[GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check),
                                                                        "likert-code"))]);
}

static void
facet_value_toggled_cb (GtkCheckButton *check,
                        Facet          *facet)
{
  LikertFilterBar *self = facet->bar;
  guint code = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "likert-code"));
  const char *value;

  if (self->syncing > 0 || self->frame == NULL)
    return;
  value = likert_frame_get_category_value (self->frame, facet->category, code);
  if (gtk_check_button_get_active (check))
    likert_filter_add_value (self->filter, facet->name, value);
  else
    likert_filter_remove_value (self->filter, facet->name, value);
  filter_changed (self);
}

typedef struct
{
  guint     code;
  gboolean  chosen;
  guint64   count;
  char     *key;       /* for sorting by name: g_utf8_collate_key */
} FacetEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const FacetEntry *ea = a, *eb = b;

  /* Chosen values first, then the most frequent, then by name. */
  if (ea->chosen != eb->chosen)
    return ea->chosen ? -1 : 1;
  if (ea->count != eb->count)
    return ea->count > eb->count ? -1 : 1;
  return strcmp (ea->key, eb->key);
}

static GtkWidget *
facet_row_new (Facet *facet,
               guint  code)
{
  LikertFilterBar *self = facet->bar;
  const char *value = likert_frame_get_category_value (self->frame, facet->category, code);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  /* Values come from the file: plain text, never markup. */
  if (*value == '\0')
    {
      gtk_label_set_text (GTK_LABEL (name), _("(empty)"));
      gtk_widget_add_css_class (name, "dim-label");
      g_object_set_data (G_OBJECT (check), "likert-empty", GINT_TO_POINTER (TRUE));
    }
  else
    gtk_label_set_text (GTK_LABEL (name), value);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 36);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_tooltip_text (check, *value ? value : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (name)), -1);
  g_object_set_data (G_OBJECT (check), "likert-code", GUINT_TO_POINTER (code));
  g_object_set_data (G_OBJECT (check), "likert-count", count);
  g_object_set_data (G_OBJECT (check), "likert-name", name);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               likert_filter_has_value (self->filter, facet->name, value));
  g_signal_connect (check, "toggled", G_CALLBACK (facet_value_toggled_cb), facet);
  return check;
}

/* Fills the popover's list: the values (matching its search), sorted, with their counts. */
static void
facet_rebuild (Facet *facet)
{
  LikertFilterBar *self = facet->bar;
  const guint64 *counts = facet_counts (facet);
  g_autofree char *needle = NULL;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (FacetEntry));
  guint n_shown;

  if (facet->search != NULL)
    {
      g_autofree char *text = dup_stripped (GTK_EDITABLE (facet->search));

      if (*text != '\0')
        needle = g_utf8_casefold (text, -1);
    }

  for (guint code = 0; code < facet->n_values; code++)
    {
      const char *value = likert_frame_get_category_value (self->frame, facet->category, code);
      gboolean chosen = likert_filter_has_value (self->filter, facet->name, value);
      FacetEntry entry = { code, chosen, counts[code], NULL };

      /* Values no response has (an empty cell in a field that is never empty) are left out. */
      if (facet->totals[code] == 0 && !chosen)
        continue;
      if (needle != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (value, -1);

          if (strstr (folded, needle) == NULL)
            continue;
        }
      entry.key = g_utf8_collate_key (value, -1);
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  self->syncing++;
  remove_children (facet->list);
  n_shown = MIN (entries->len, FACET_MAX_ROWS);
  for (guint i = 0; i < entries->len; i++)
    {
      FacetEntry *entry = &g_array_index (entries, FacetEntry, i);

      if (i < n_shown)
        {
          GtkWidget *row = facet_row_new (facet, entry->code);

          gtk_box_append (facet->list, row);
          facet_set_count (row, entry->count);
        }
      g_free (entry->key);
    }
  self->syncing--;

  if (entries->len == 0)
    {
      gtk_label_set_text (facet->more_label, _("No value matches"));
      gtk_widget_set_visible (GTK_WIDGET (facet->more_label), TRUE);
    }
  else if (n_shown < entries->len)
    {
      g_autofree char *shown = format_count (n_shown);
      g_autofree char *total = format_count (entries->len);
      g_autofree char *text =
        /* Translators: below a list of values cut short; %s are numbers */
        g_strdup_printf (ngettext ("The first %s of %s value. Type to find the others.",
                                   "The first %s of %s values. Type to find the others.",
                                   entries->len),
                         shown, total);

      gtk_label_set_text (facet->more_label, text);
      gtk_widget_set_visible (GTK_WIDGET (facet->more_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (facet->more_label), FALSE);
}

static void
facet_popover_show_cb (GtkPopover *popover,
                       Facet      *facet)
{
  facet_rebuild (facet);
}

static void
facet_search_changed_cb (GtkSearchEntry *entry,
                         Facet          *facet)
{
  facet_rebuild (facet);
}

static Facet *
facet_new (LikertFilterBar *self,
           guint            category)
{
  Facet *facet = g_new0 (Facet, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  facet->bar = self;
  facet->category = category;
  facet->name = g_strdup (likert_frame_get_category (self->frame, category)->header);
  facet->title = g_strdup (likert_frame_get_category_title (self->frame, category));
  facet->n_values = likert_frame_get_n_category_values (self->frame, category);
  facet->totals = g_new0 (guint64, MAX (facet->n_values, 1));
  facet->counts = g_new0 (guint64, MAX (facet->n_values, 1));
  likert_frame_count_category (self->frame, category, NULL, facet->totals);

  facet->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_label (facet->button, facet->title);
  facet->popover = GTK_POPOVER (gtk_popover_new ());
  g_signal_connect (facet->popover, "show", G_CALLBACK (facet_popover_show_cb), facet);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  if (facet->n_values > FACET_SEARCH_VALUES)
    {
      g_autofree char *label = NULL;

      facet->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
      g_object_set (facet->search, "placeholder-text", _("Find a value"), NULL);
      /* Translators: the accessible name of the search entry in a field's filter */
      label = g_strdup_printf (_("Find a value of “%s”"), facet->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (facet->search),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (facet->search, "search-changed", G_CALLBACK (facet_search_changed_cb),
                        facet);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (facet->search));
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  facet->list = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_widget_set_size_request (GTK_WIDGET (facet->list), 220, -1);
  /* Room for the overlay scrollbar, so it never covers the counts. */
  gtk_widget_set_margin_end (GTK_WIDGET (facet->list), 10);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (facet->list));
  gtk_box_append (GTK_BOX (box), scrolled);

  facet->more_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (facet->more_label, TRUE);
  gtk_label_set_max_width_chars (facet->more_label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (facet->more_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (facet->more_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (facet->more_label));

  facet->clear = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Any Value")));
  gtk_widget_set_halign (GTK_WIDGET (facet->clear), GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (facet->clear), "filter.clear-field");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (facet->clear),
                                          g_variant_new_string (facet->name));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (facet->clear));

  gtk_popover_set_child (facet->popover, box);
  gtk_menu_button_set_popover (facet->button, GTK_WIDGET (facet->popover));
  /* Translators: tooltip of a field's filter button; %s is the field's name */
  facet->tooltip = g_strdup_printf (_("Responses by their “%s”"), facet->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (facet->button), facet->tooltip);
  gtk_widget_insert_before (GTK_WIDGET (facet->button), GTK_WIDGET (self),
                            GTK_WIDGET (self->date_button));
  return facet;
}

static Facet *
find_facet (LikertFilterBar *self,
            const char      *field)
{
  for (guint i = 0; self->facets != NULL && i < self->facets->len; i++)
    {
      Facet *facet = g_ptr_array_index (self->facets, i);

      if (g_str_equal (facet->name, field))
        return facet;
    }
  return NULL;
}

/* Ratings, tags, segments */

static void
rating_toggled_cb (GtkCheckButton  *check,
                   LikertFilterBar *self)
{
  const char *question = g_object_get_data (G_OBJECT (check), "likert-question");
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "likert-value"));

  if (self->syncing > 0)
    return;
  if (gtk_check_button_get_active (check))
    likert_filter_add_rating (self->filter, question, value);
  else
    likert_filter_remove_rating (self->filter, question, value);
  filter_changed (self);
}

static void
build_ratings (LikertFilterBar *self)
{
  guint n_questions = self->frame ? likert_frame_get_n_questions (self->frame) : 0;

  remove_children (self->rating_box);
  for (guint q = 0; q < n_questions; q++)
    {
      const LikertField *question = likert_frame_get_question (self->frame, q);

      if (n_questions > 1)
        {
          GtkWidget *heading = gtk_label_new (question->header);

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (heading), 36);
          gtk_widget_add_css_class (heading, "heading");
          if (q > 0)
            gtk_widget_set_margin_top (heading, 12);
          gtk_box_append (self->rating_box, heading);
        }
      /* Highest first, as rating scales are read. */
      for (int v = question->scale_max; v >= question->scale_min; v--)
        {
          const char *name = question->labels[v - question->scale_min];
          g_autofree char *label = NULL;
          GtkWidget *check;

          if (name != NULL && *name != '\0')
            /* Translators: a rating value and its label, as in “5 — Extremely satisfied” */
            label = g_strdup_printf (_("%d — %s"), v, name);
          else
            label = g_strdup_printf ("%d", v);
          check = gtk_check_button_new_with_label (label);
          g_object_set_data_full (G_OBJECT (check), "likert-question",
                                  g_strdup (question->header), g_free);
          g_object_set_data (G_OBJECT (check), "likert-value", GINT_TO_POINTER (v));
          g_signal_connect (check, "toggled", G_CALLBACK (rating_toggled_cb), self);
          gtk_box_append (self->rating_box, check);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rating_button), n_questions > 0);
}

static void
tag_toggled_cb (GtkCheckButton  *check,
                LikertFilterBar *self)
{
  const char *tag = g_object_get_data (G_OBJECT (check), "likert-tag");

  if (self->syncing > 0)
    return;
  if (gtk_check_button_get_active (check))
    likert_filter_add_tag (self->filter, tag);
  else
    likert_filter_remove_tag (self->filter, tag);
  filter_changed (self);
}

static void
build_tags (LikertFilterBar *self)
{
  guint n_tags = self->frame ? likert_frame_get_n_tags (self->frame) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  remove_children (self->tags_box);
  for (guint t = 0; t < n_tags; t++)
    g_ptr_array_add (names, (gpointer) likert_frame_get_tag_name (self->frame, t));
  g_ptr_array_sort (names, compare_names);
  for (guint t = 0; t < names->len; t++)
    {
      const char *name = g_ptr_array_index (names, t);
      GtkWidget *check = gtk_check_button_new_with_label (name);

      g_object_set_data_full (G_OBJECT (check), "likert-tag", g_strdup (name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (tag_toggled_cb), self);
      gtk_box_append (self->tags_box, check);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_tags_label), n_tags == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tag_match_dropdown), n_tags > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_scrolled), n_tags > 0);
}

static void
build_segments (LikertFilterBar *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = self->frame ? likert_frame_get_n_categories (self->frame) : 0;

  /* Translators: no segment: the statistics are not split */
  gtk_string_list_append (model, C_("segment", "None"));
  for (guint c = 0; c < n; c++)
    gtk_string_list_append (model, likert_frame_get_category_title (self->frame, c));
  self->syncing++;
  gtk_drop_down_set_model (self->segment_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->segment_dropdown, (guint) (self->segment + 1));
  self->syncing--;
  gtk_widget_set_visible (GTK_WIDGET (self->segment_box), n > 0);
}

/* Views */

static void
views_rebuild (LikertFilterBar *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  remove_children (self->views_box);
  if (self->store != NULL)
    names = likert_store_list_views (self->store, &error);
  if (error != NULL)
    report_error (self, error);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *load = gtk_button_new ();
      GtkWidget *label = gtk_label_new (names[i]);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: the accessible name of the button that deletes a saved view */
      g_autofree char *remove_label = g_strdup_printf (_("Delete View “%s”"), names[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_button_set_child (GTK_BUTTON (load), label);
      gtk_widget_set_tooltip_text (load, names[i]);
      gtk_widget_add_css_class (load, "flat");
      gtk_widget_set_hexpand (load, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (load), "filter.load-view");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (load),
                                              g_variant_new_string (names[i]));
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete View"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "filter.delete-view");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_string (names[i]));
      gtk_box_append (GTK_BOX (row), load);
      gtk_box_append (GTK_BOX (row), remove);
      gtk_box_append (self->views_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->no_views_label), names == NULL || names[0] == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->views_scrolled), names != NULL && names[0] != NULL);
}

static gboolean
save_view (LikertFilterBar  *self,
           const char       *name,
           GError          **error)
{
  g_autofree char *json = likert_filter_to_json (self->filter);

  if (self->store == NULL)
    return TRUE;
  return likert_store_save_view (self->store, name, json, error);
}

static gboolean
load_view (LikertFilterBar  *self,
           const char       *name,
           GError          **error)
{
  g_autofree char *json = NULL;
  g_autoptr(LikertFilter) filter = NULL;

  if (self->store == NULL)
    return TRUE;
  json = likert_store_get_view (self->store, name, error);
  if (json == NULL)
    return FALSE;
  filter = likert_filter_from_json (json, error);
  if (filter == NULL)
    return FALSE;
  likert_filter_bar_set_filter (self, filter);
  return TRUE;
}

/* Callbacks */

static void
search_changed_cb (LikertFilterBar *self)
{
  g_autofree char *text = dup_stripped (GTK_EDITABLE (self->search_entry));

  if (self->syncing > 0 ||
      g_strcmp0 (*text ? text : NULL, likert_filter_get_search (self->filter)) == 0)
    return;
  likert_filter_set_search (self->filter, text);
  filter_changed (self);
}

static void
stop_search_cb (LikertFilterBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  search_changed_cb (self);
}

static void
update_range (LikertFilterBar *self)
{
  gint64 from = G_MININT64, to = G_MAXINT64;

  if (gtk_check_button_get_active (self->from_check))
    from = calendar_midnight (self->from_calendar, 0);
  if (gtk_check_button_get_active (self->to_check))
    to = calendar_midnight (self->to_calendar, 1);
  likert_filter_set_range (self->filter, from, to);
  filter_changed (self);
}

static void
range_changed_cb (LikertFilterBar *self)
{
  if (self->syncing == 0)
    update_range (self);
}

static void
from_day_selected_cb (LikertFilterBar *self)
{
  if (self->syncing > 0)
    return;
  self->syncing++;
  gtk_check_button_set_active (self->from_check, TRUE);
  self->syncing--;
  update_range (self);
}

static void
to_day_selected_cb (LikertFilterBar *self)
{
  if (self->syncing > 0)
    return;
  self->syncing++;
  gtk_check_button_set_active (self->to_check, TRUE);
  self->syncing--;
  update_range (self);
}

static void
date_popover_show_cb (LikertFilterBar *self)
{
  gint64 from, to;

  /* An open end shows the project's first or last day. */
  likert_filter_get_range (self->filter, &from, &to);
  self->syncing++;
  if (from == G_MININT64 && self->first_time != G_MININT64)
    calendar_show (self->from_calendar, self->first_time);
  if (to == G_MAXINT64 && self->last_time != G_MININT64)
    calendar_show (self->to_calendar, self->last_time);
  self->syncing--;
}

static void
status_toggled_cb (LikertFilterBar *self)
{
  if (self->syncing > 0)
    return;
  likert_filter_clear_status (self->filter);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (gtk_check_button_get_active (status_check (self, statuses[i])))
      likert_filter_add_status (self->filter, statuses[i]);
  filter_changed (self);
}

static void
tag_match_changed_cb (LikertFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_match_dropdown);

  if (self->syncing > 0 || selected > LIKERT_TAG_MATCH_NONE)
    return;
  likert_filter_set_tag_match (self->filter, (LikertTagMatch) selected);
  filter_changed (self);
}

static void
segment_selected_cb (LikertFilterBar *self)
{
  guint selected = gtk_drop_down_get_selected (self->segment_dropdown);

  if (self->syncing > 0)
    return;
  likert_filter_bar_set_segment (self, selected == GTK_INVALID_LIST_POSITION ? -1
                                                                             : (int) selected - 1);
}

static void
views_popover_show_cb (LikertFilterBar *self)
{
  gtk_stack_set_visible_child_name (self->views_stack, "list");
  views_rebuild (self);
}

static void
save_view_clicked_cb (LikertFilterBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->view_name_entry), "");
  gtk_stack_set_visible_child_name (self->views_stack, "save");
  gtk_widget_grab_focus (GTK_WIDGET (self->view_name_entry));
}

static void
save_view_cancel_cb (LikertFilterBar *self)
{
  gtk_stack_set_visible_child_name (self->views_stack, "list");
}

static void
view_name_changed_cb (LikertFilterBar *self)
{
  g_autofree char *name = dup_stripped (GTK_EDITABLE (self->view_name_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_view_button), *name != '\0');
}

static void
view_name_activate_cb (LikertFilterBar *self)
{
  g_autofree char *name = dup_stripped (GTK_EDITABLE (self->view_name_entry));

  if (*name == '\0')
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "filter.save-view", "s", name);
  gtk_popover_popdown (self->views_popover);
  gtk_stack_set_visible_child_name (self->views_stack, "list");
}

/* Actions */

static void
action_search (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);

  likert_filter_set_search (self->filter, g_variant_get_string (parameter, NULL));
  sync_widgets (self);
  filter_changed (self);
}

static void
action_toggle_value (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  const char *field, *value;

  g_variant_get (parameter, "(&s&s)", &field, &value);
  if (likert_filter_has_value (self->filter, field, value))
    likert_filter_remove_value (self->filter, field, value);
  else
    likert_filter_add_value (self->filter, field, value);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_clear_field (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);

  likert_filter_clear_field (self->filter, g_variant_get_string (parameter, NULL));
  sync_widgets (self);
  filter_changed (self);
}

static void
action_toggle_rating (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  const char *question;
  gint32 value;

  g_variant_get (parameter, "(&si)", &question, &value);
  if (value < 0 || value >= LIKERT_MAX_SCALE)
    return;
  if (likert_filter_has_rating (self->filter, question, value))
    likert_filter_remove_rating (self->filter, question, value);
  else
    likert_filter_add_rating (self->filter, question, value);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_toggle_tag (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  const char *tag = g_variant_get_string (parameter, NULL);

  if (likert_filter_has_tag (self->filter, tag))
    likert_filter_remove_tag (self->filter, tag);
  else
    likert_filter_add_tag (self->filter, tag);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_tag_match (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  const char *match = g_variant_get_string (parameter, NULL);

  if (g_str_equal (match, "any"))
    likert_filter_set_tag_match (self->filter, LIKERT_TAG_MATCH_ANY);
  else if (g_str_equal (match, "all"))
    likert_filter_set_tag_match (self->filter, LIKERT_TAG_MATCH_ALL);
  else if (g_str_equal (match, "none"))
    likert_filter_set_tag_match (self->filter, LIKERT_TAG_MATCH_NONE);
  else
    return;
  sync_widgets (self);
  filter_changed (self);
}

static void
action_toggle_status (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  LikertStatus status;

  if (!status_from_string (g_variant_get_string (parameter, NULL), &status))
    return;
  if (likert_filter_has_status (self->filter, status))
    likert_filter_remove_status (self->filter, status);
  else
    likert_filter_add_status (self->filter, status);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_set_range (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  gint64 from, to;

  g_variant_get (parameter, "(xx)", &from, &to);
  likert_filter_set_range (self->filter, from, to);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_clear_range (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);

  likert_filter_set_range (self->filter, G_MININT64, G_MAXINT64);
  sync_widgets (self);
  filter_changed (self);
}

static void
action_segment (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  const char *field = g_variant_get_string (parameter, NULL);

  if (*field == '\0')
    likert_filter_bar_set_segment (self, -1);
  else if (self->frame != NULL && likert_frame_find_category (self->frame, field) >= 0)
    likert_filter_bar_set_segment (self, likert_frame_find_category (self->frame, field));
}

static void
action_save_view (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  g_autoptr(GError) error = NULL;

  if (!save_view (self, g_variant_get_string (parameter, NULL), &error))
    report_error (self, error);
}

static void
action_load_view (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (self->views_popover);
  if (!load_view (self, g_variant_get_string (parameter, NULL), &error))
    report_error (self, error);
}

static void
action_delete_view (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL &&
      !likert_store_delete_view (self->store, g_variant_get_string (parameter, NULL), &error))
    report_error (self, error);
  if (gtk_widget_get_visible (GTK_WIDGET (self->views_popover)))
    views_rebuild (self);
}

static void
action_clear (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (widget);

  likert_filter_free (self->filter);
  self->filter = likert_filter_new ();
  sync_widgets (self);
  filter_changed (self);
}

static void
action_focus_search (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  likert_filter_bar_focus_search (LIKERT_FILTER_BAR (widget));
}

/* Overrides */

static void
likert_filter_bar_dispose (GObject *object)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (object);

  cancel_search (self);
  g_clear_pointer (&self->facets, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_FILTER_BAR);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->connection, search_connection_unref);

  G_OBJECT_CLASS (likert_filter_bar_parent_class)->dispose (object);
}

static void
likert_filter_bar_finalize (GObject *object)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (object);

  g_free (self->project_path);
  likert_filter_free (self->filter);
  likert_filter_free (self->applied);
  g_free (self->rows);
  g_free (self->matches);
  g_free (self->matches_text);
  g_free (self->pending_text);

  G_OBJECT_CLASS (likert_filter_bar_parent_class)->finalize (object);
}

static void
likert_filter_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_SEGMENT:
      g_value_set_int (value, self->segment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_filter_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LikertFilterBar *self = LIKERT_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_SEGMENT:
      likert_filter_bar_set_segment (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_filter_bar_class_init (LikertFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likert_filter_bar_dispose;
  object_class->finalize = likert_filter_bar_finalize;
  object_class->get_property = likert_filter_bar_get_property;
  object_class->set_property = likert_filter_bar_set_property;

  /**
   * LikertFilterBar:segment:
   *
   * The categorical field (its index in the frame) to split statistics by, or -1.
   */
  properties[PROP_SEGMENT] =
    g_param_spec_int ("segment", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LikertFilterBar::changed:
   *
   * The selection changed (after the search worker, when the filter has a search).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LikertFilterBar::error:
   * @error: what went wrong, translated
   *
   * Something the user should be told once (a search or a view that failed).
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  g_type_ensure (LIKERT_TYPE_WRAP_LAYOUT);
  g_type_ensure (ADW_TYPE_BUTTON_CONTENT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, date_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, date_popover);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, from_check);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, to_check);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, date_clear_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, rating_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, rating_box);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, tags_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, tag_match_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, tags_scrolled);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, tags_box);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, no_tags_label);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, status_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, status_new);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, status_reviewed);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, status_flagged);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, status_excluded);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, segment_box);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, views_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, views_popover);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, views_stack);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, no_views_label);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, views_scrolled);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, views_box);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, view_name_entry);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, save_view_button);
  gtk_widget_class_bind_template_child (widget_class, LikertFilterBar, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, from_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_match_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, segment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, views_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_view_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_view_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_name_activate_cb);

  gtk_widget_class_install_action (widget_class, "filter.search", "s", action_search);
  gtk_widget_class_install_action (widget_class, "filter.toggle-value", "(ss)",
                                   action_toggle_value);
  gtk_widget_class_install_action (widget_class, "filter.clear-field", "s", action_clear_field);
  gtk_widget_class_install_action (widget_class, "filter.toggle-rating", "(si)",
                                   action_toggle_rating);
  gtk_widget_class_install_action (widget_class, "filter.toggle-tag", "s", action_toggle_tag);
  gtk_widget_class_install_action (widget_class, "filter.tag-match", "s", action_tag_match);
  gtk_widget_class_install_action (widget_class, "filter.toggle-status", "s",
                                   action_toggle_status);
  gtk_widget_class_install_action (widget_class, "filter.set-range", "(xx)", action_set_range);
  gtk_widget_class_install_action (widget_class, "filter.clear-range", NULL, action_clear_range);
  gtk_widget_class_install_action (widget_class, "filter.segment", "s", action_segment);
  gtk_widget_class_install_action (widget_class, "filter.save-view", "s", action_save_view);
  gtk_widget_class_install_action (widget_class, "filter.load-view", "s", action_load_view);
  gtk_widget_class_install_action (widget_class, "filter.delete-view", "s", action_delete_view);
  gtk_widget_class_install_action (widget_class, "filter.clear", NULL, action_clear);
  gtk_widget_class_install_action (widget_class, "filter.focus-search", NULL,
                                   action_focus_search);

  gtk_widget_class_set_css_name (widget_class, "filterbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
likert_filter_bar_init (LikertFilterBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = likert_filter_new ();
  self->segment = -1;
  self->first_time = self->last_time = G_MININT64;
  build_ratings (self);
  build_tags (self);
  build_segments (self);
  sync_labels (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
likert_filter_bar_new (void)
{
  return g_object_new (LIKERT_TYPE_FILTER_BAR, NULL);
}

void
likert_filter_bar_set_frame (LikertFilterBar *self,
                             LikertFrame     *frame,
                             LikertStore     *store,
                             const char      *project_path)
{
  gboolean same_project;
  g_autofree char *segment_name = NULL;

  g_return_if_fail (LIKERT_IS_FILTER_BAR (self));
  g_return_if_fail (frame == NULL || LIKERT_IS_STORE (store));

  same_project = frame != NULL && self->frame != NULL &&
                 g_strcmp0 (project_path, self->project_path) == 0;
  if (same_project && self->segment >= 0)
    segment_name = g_strdup (likert_frame_get_category (self->frame,
                                                        (guint) self->segment)->header);

  /* The search results are rows of the old frame. */
  cancel_search (self);
  g_clear_pointer (&self->matches, g_free);
  g_clear_pointer (&self->matches_text, g_free);
  g_clear_pointer (&self->facets, g_ptr_array_unref);
  g_clear_pointer (&self->applied, likert_filter_free);
  g_clear_pointer (&self->rows, g_free);
  self->n_selected = 0;

  if (frame != NULL)
    likert_frame_ref (frame);
  g_clear_pointer (&self->frame, likert_frame_unref);
  self->frame = frame;
  g_set_object (&self->store, store);
  if (g_strcmp0 (project_path, self->project_path) != 0 || self->connection == NULL)
    {
      g_clear_pointer (&self->connection, search_connection_unref);
      if (project_path != NULL)
        self->connection = search_connection_new (project_path);
    }
  g_free (self->project_path);
  self->project_path = g_strdup (project_path);

  if (!same_project)
    {
      likert_filter_free (self->filter);
      self->filter = likert_filter_new ();
    }
  else
    prune_filter (self->filter, frame);
  self->segment = segment_name ? likert_frame_find_category (frame, segment_name) : -1;

  self->first_time = self->last_time = G_MININT64;
  if (frame != NULL)
    {
      self->facets = g_ptr_array_new_with_free_func ((GDestroyNotify) facet_free);
      for (guint c = 0; c < likert_frame_get_n_categories (frame); c++)
        g_ptr_array_add (self->facets, facet_new (self, c));
      for (guint row = 0; row < likert_frame_get_n_rows (frame); row++)
        {
          gint64 when = likert_frame_get_submitted_at (frame, row);

          if (when == G_MININT64)
            continue;
          if (self->first_time == G_MININT64 || when < self->first_time)
            self->first_time = when;
          if (self->last_time == G_MININT64 || when > self->last_time)
            self->last_time = when;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->date_button), self->first_time != G_MININT64);
  build_ratings (self);
  build_tags (self);
  build_segments (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), frame != NULL);

  sync_widgets (self);
  filter_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEGMENT]);
}

const LikertFilter *
likert_filter_bar_get_filter (LikertFilterBar *self)
{
  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), NULL);
  return self->filter;
}

void
likert_filter_bar_set_filter (LikertFilterBar    *self,
                              const LikertFilter *filter)
{
  g_return_if_fail (LIKERT_IS_FILTER_BAR (self));
  g_return_if_fail (filter != NULL);

  likert_filter_free (self->filter);
  self->filter = likert_filter_copy (filter);
  if (self->frame != NULL && prune_filter (self->filter, self->frame))
    {
      g_autoptr(GError) error =
        g_error_new_literal (LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN,
                             _("The view names fields, questions or tags this project does not "
                               "have; they were left out"));
      report_error (self, error);
    }
  sync_widgets (self);
  filter_changed (self);
}

const guint64 *
likert_filter_bar_get_rows (LikertFilterBar *self,
                            guint           *n_selected)
{
  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), NULL);

  if (n_selected != NULL)
    *n_selected = self->n_selected;
  return self->rows;
}

const char *
likert_filter_bar_get_search (LikertFilterBar *self)
{
  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), NULL);
  return self->applied ? likert_filter_get_search (self->applied) : NULL;
}

int
likert_filter_bar_get_segment (LikertFilterBar *self)
{
  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), -1);
  return self->segment;
}

void
likert_filter_bar_set_segment (LikertFilterBar *self,
                               int              category)
{
  g_return_if_fail (LIKERT_IS_FILTER_BAR (self));

  if (self->frame == NULL || category < 0 ||
      (guint) category >= likert_frame_get_n_categories (self->frame))
    category = -1;
  if (category == self->segment)
    return;
  self->segment = category;
  self->syncing++;
  gtk_drop_down_set_selected (self->segment_dropdown, (guint) (category + 1));
  self->syncing--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEGMENT]);
}

const guint64 *
likert_filter_bar_get_facet_counts (LikertFilterBar *self,
                                    const char      *field,
                                    guint           *n_values)
{
  Facet *facet;

  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  facet = find_facet (self, field);
  if (facet == NULL)
    return NULL;
  if (n_values != NULL)
    *n_values = facet->n_values;
  return facet_counts (facet);
}

void
likert_filter_bar_refresh (LikertFilterBar *self)
{
  g_return_if_fail (LIKERT_IS_FILTER_BAR (self));

  if (self->frame == NULL)
    return;
  /* Tags may have been added; statuses and tags of rows changed; notes, which the search
   * reads, too. */
  if (likert_frame_get_n_tags (self->frame) != count_children (GTK_WIDGET (self->tags_box)))
    {
      build_tags (self);
      sync_widgets (self);
    }
  g_clear_pointer (&self->matches_text, g_free);
  filter_changed (self);
}

gboolean
likert_filter_bar_is_busy (LikertFilterBar *self)
{
  g_return_val_if_fail (LIKERT_IS_FILTER_BAR (self), FALSE);
  return self->pending_text != NULL;
}

void
likert_filter_bar_focus_search (LikertFilterBar *self)
{
  g_return_if_fail (LIKERT_IS_FILTER_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
