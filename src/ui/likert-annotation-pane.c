/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-annotation-pane"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-annotation-pane.h"
#include "likert-codebook.h"
#include "likert-format.h"
#include "likert-history.h"
#include "likert-settings.h"

/* A note is saved this long after the last keystroke (and on focus change and close). */
#define NOTE_SAVE_DELAY_MS 400

struct _LikertAnnotationPane
{
  GtkWidget       parent_instance;

  /* template */
  GtkStack       *stack;
  GtkLabel       *response_title;
  GtkLabel       *response_meta;
  GtkLabel       *response_comment;
  GtkDropDown    *sentiment_dropdown;
  GtkTextView    *note_view;
  GtkLabel       *saved_label;
  GtkMenuButton  *tag_search_button;
  GtkPopover     *tag_popover;
  GtkSearchEntry *tag_search_entry;
  GtkListBox     *tag_search_list;
  GtkFlowBox     *tag_box;
  GtkExpander    *history_expander;
  GtkListBox     *history_list;
  GtkLabel       *bulk_title;
  GtkEntry       *bulk_tag_entry;
  GtkSpinner     *bulk_spinner;

  GSettings      *settings;
  LikertStore    *store;         /* the window's connection (main thread) */
  LikertFrame    *frame;
  GCancellable   *cancellable;
  gint64          current_id;    /* the response shown, 0 for none */
  GArray         *many;          /* gint64: the responses of the bulk page, or NULL */
  char           *status;        /* the shown response's status, as likert_status_to_string () */
  guint           note_timeout;
  gboolean        filling;       /* widgets being set from the store: no saving */
  gboolean        busy;          /* a bulk change, undo or redo runs */
};

G_DEFINE_FINAL_TYPE (LikertAnnotationPane, likert_annotation_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

enum {
  CHANGED,
  CODEBOOK_CHANGED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void fill_tags (LikertAnnotationPane *self, GArray *active);

/* Helpers */

static void
toast (LikertAnnotationPane *self,
       const char           *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
toast_error (LikertAnnotationPane *self,
             const GError         *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
set_saved_state (LikertAnnotationPane *self,
                 const char           *text,
                 gboolean              saved)
{
  gtk_label_set_text (self->saved_label, text);
  if (saved)
    gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "saved");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "saved");
}

/* An edit of the shown response was committed: tell the pane and the window. */
static void
edited (LikertAnnotationPane *self)
{
  set_saved_state (self, _("Saved"), TRUE);
  g_signal_emit (self, signals[CHANGED], 0, self->current_id);
}

static char *
dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gint
current_row (LikertAnnotationPane *self)
{
  return self->frame != NULL ? likert_frame_find_row (self->frame, self->current_id) : -1;
}

static void
set_status_field (LikertAnnotationPane *self,
                  LikertStatus          status)
{
  g_free (self->status);
  self->status = g_strdup (likert_status_to_string (status));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The history of the shown response, newest first. */
static void
fill_history (LikertAnnotationPane *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  if (self->current_id == 0 || !gtk_expander_get_expanded (self->history_expander))
    return;

  entries = likert_history_list (self->store, self->current_id, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const LikertHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *title = likert_history_entry_describe (entry);
      g_autofree char *when = likert_format_time (entry->at);
      /* Translators: who made a change · when */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), entry->author ? entry->author : "",
                                                   when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
  if (entries == NULL || entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
      gtk_list_box_append (self->history_list, row);
    }
}

/* Editing one response */

static gboolean
save_note (LikertAnnotationPane *self)
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
      toast_error (self, error);
      return FALSE;
    }
  if ((row = current_row (self)) >= 0)
    likert_frame_set_has_note (self->frame, (guint) row, *text != '\0');
  edited (self);
  fill_history (self);
  return TRUE;
}

static gboolean
note_timeout_cb (gpointer user_data)
{
  LikertAnnotationPane *self = user_data;

  self->note_timeout = 0;
  save_note (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (GtkTextBuffer        *buffer,
                 LikertAnnotationPane *self)
{
  if (self->filling)
    return;
  set_saved_state (self, _("Saving…"), FALSE);
  g_clear_handle_id (&self->note_timeout, g_source_remove);
  self->note_timeout = g_timeout_add (NOTE_SAVE_DELAY_MS, note_timeout_cb, self);
}

static void
note_focus_leave_cb (GtkEventControllerFocus *controller,
                     LikertAnnotationPane    *self)
{
  if (self->note_timeout != 0)
    save_note (self);
}

/* The frame's index of a tag, added to the frame when it is new there. */
static gint
frame_tag (LikertAnnotationPane *self,
           gint64                tag_id)
{
  g_autoptr(LikertTag) tag = NULL;
  gint index = likert_frame_find_tag (self->frame, tag_id);

  if (index >= 0)
    return index;
  tag = likert_codebook_get_tag (self->store, tag_id, NULL);
  if (tag == NULL)
    return -1;
  return (gint) likert_frame_add_tag (self->frame, tag->id, tag->name);
}

static gboolean
set_tag (LikertAnnotationPane *self,
         gint64                tag_id,
         gboolean              active)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = likert_settings_dup_author (self->settings);
  gint row, tag;

  if (!likert_store_set_tag (self->store, self->current_id, tag_id, active, author, &error))
    {
      toast_error (self, error);
      return FALSE;
    }

  /* Committed: patch the frame in place, so filters and counts follow without a reload. */
  if ((row = current_row (self)) >= 0 && (tag = frame_tag (self, tag_id)) >= 0)
    likert_frame_set_tag (self->frame, (guint) row, (guint) tag, active);
  edited (self);
  fill_history (self);
  return TRUE;
}

static gboolean
response_has_tag (LikertAnnotationPane *self,
                  gint64                tag_id)
{
  /* The frame has every response's tags, patched by each edit: no query per key press. */
  gint row = current_row (self);
  gint tag = self->frame != NULL ? likert_frame_find_tag (self->frame, tag_id) : -1;

  return row >= 0 && tag >= 0 && likert_frame_has_tag (self->frame, (guint) row, (guint) tag);
}

/* Toggles a tag of the shown response and redraws its buttons. */
static gboolean
toggle_tag_id (LikertAnnotationPane *self,
               gint64                tag_id)
{
  g_autoptr(LikertResponse) response = NULL;

  if (!set_tag (self, tag_id, !response_has_tag (self, tag_id)))
    return FALSE;
  response = likert_store_get_response (self->store, self->current_id, NULL);
  self->filling = TRUE;
  fill_tags (self, response ? response->tag_ids : NULL);
  self->filling = FALSE;
  return TRUE;
}

static void
tag_toggled_cb (GtkToggleButton      *button,
                LikertAnnotationPane *self)
{
  gint64 tag_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "tag-id"));
  gboolean active = gtk_toggle_button_get_active (button);

  if (self->filling)
    return;
  if (!set_tag (self, tag_id, active))
    {
      self->filling = TRUE;
      gtk_toggle_button_set_active (button, !active);
      self->filling = FALSE;
    }
}

/* Every tag of the codebook as a toggle; the first nine say their number key. */
static void
fill_tags (LikertAnnotationPane *self,
           GArray               *active)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_box))) != NULL)
    gtk_flow_box_remove (self->tag_box, child);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (tag->name);
      g_autofree char *tooltip = NULL;
      gboolean on = FALSE;

      for (guint k = 0; active != NULL && k < active->len; k++)
        on |= g_array_index (active, gint64, k) == tag->id;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), on);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      if (tag->shortcut != NULL)
        /* Translators: the tooltip of a tag button; %s is the key that toggles it */
        tooltip = g_strdup_printf (_("Key: %s"), tag->shortcut);
      else if (i < 9)
        tooltip = g_strdup_printf (_("Key: %s"), (char[]) { (char) ('1' + i), '\0' });
      gtk_widget_set_tooltip_text (button, tooltip);
      g_object_set_data (G_OBJECT (button), "tag-id", GSIZE_TO_POINTER ((gsize) tag->id));
      g_signal_connect (button, "toggled", G_CALLBACK (tag_toggled_cb), self);
      gtk_flow_box_append (self->tag_box, button);
    }
}

static void
sentiment_changed_cb (GtkDropDown          *dropdown,
                      GParamSpec           *pspec,
                      LikertAnnotationPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);
  int sentiment = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? G_MININT
                                                                         : (int) selected - 2;

  if (self->filling || self->current_id == 0)
    return;
  author = likert_settings_dup_author (self->settings);
  if (!likert_store_set_sentiment (self->store, self->current_id, sentiment, author, &error))
    {
      toast_error (self, error);
      return;
    }
  edited (self);
  fill_history (self);
}

static void
history_expanded_cb (GtkExpander          *expander,
                     GParamSpec           *pspec,
                     LikertAnnotationPane *self)
{
  fill_history (self);
}

/* The tag search popover: type to find a tag, Enter toggles it, or creates the tag typed. */

static gboolean
tag_search_filter (GtkListBoxRow *row,
                   gpointer       user_data)
{
  LikertAnnotationPane *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_search_entry));
  const char *name = g_object_get_data (G_OBJECT (row), "tag-name");
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (g_object_get_data (G_OBJECT (row), "create") != NULL)
    return *text != '\0' && likert_store_find_tag (self->store, text) == 0;
  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (name, -1);
  return strstr (haystack, needle) != NULL;
}

static GtkListBoxRow *
first_visible_row (GtkListBox *list,
                   gint        from,
                   gint        step)
{
  for (gint i = from; i >= 0; i += step)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (row == NULL)
        return NULL;
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        return row;
    }
  return NULL;
}

static void
select_first_match (LikertAnnotationPane *self)
{
  gtk_list_box_select_row (self->tag_search_list, first_visible_row (self->tag_search_list, 0, 1));
}

static void
fill_tag_search (LikertAnnotationPane *self)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);
  g_autoptr(LikertResponse) response = likert_store_get_response (self->store, self->current_id,
                                                                  NULL);
  GtkWidget *child;
  GtkWidget *create;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_search_list))) != NULL)
    gtk_list_box_remove (self->tag_search_list, child);

  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (tag->name);
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
      GtkWidget *row = gtk_list_box_row_new ();
      gboolean on = FALSE;

      for (guint k = 0; response != NULL && k < response->tag_ids->len; k++)
        on |= g_array_index (response->tag_ids, gint64, k) == tag->id;
      gtk_widget_set_opacity (check, on ? 1 : 0);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), check);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "tag-name", g_strdup (tag->name), g_free);
      g_object_set_data (G_OBJECT (row), "tag-id", GSIZE_TO_POINTER ((gsize) tag->id));
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_CHECKED,
                                   on ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                      : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
      gtk_list_box_append (self->tag_search_list, row);
    }

  /* Last: "Create “…”", shown when what is typed names no tag. */
  create = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (create), gtk_label_new (NULL));
  gtk_label_set_xalign (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (create))), 0);
  g_object_set_data (G_OBJECT (create), "create", GINT_TO_POINTER (TRUE));
  gtk_list_box_append (self->tag_search_list, create);
}

static void
tag_search_changed_cb (GtkSearchEntry       *entry,
                       LikertAnnotationPane *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (self->tag_search_list));
  GtkListBoxRow *create = GTK_IS_LIST_BOX_ROW (last) ? GTK_LIST_BOX_ROW (last) : NULL;

  if (create != NULL && g_object_get_data (G_OBJECT (create), "create") != NULL)
    {
      /* Translators: %s is a tag name the user typed */
      g_autofree char *label = g_strdup_printf (_("Create “%s”"), text);

      gtk_label_set_text (GTK_LABEL (gtk_list_box_row_get_child (create)), label);
    }
  gtk_list_box_invalidate_filter (self->tag_search_list);
  select_first_match (self);
}

static void
tag_popover_show_cb (GtkPopover           *popover,
                     LikertAnnotationPane *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->tag_search_entry), "");
  fill_tag_search (self);
  gtk_list_box_invalidate_filter (self->tag_search_list);
  select_first_match (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_search_entry));
}

static void
activate_search_row (LikertAnnotationPane *self,
                     GtkListBoxRow        *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_search_entry));

  if (row == NULL || self->current_id == 0)
    return;
  if (g_object_get_data (G_OBJECT (row), "create") != NULL)
    likert_annotation_pane_toggle_tag (self, text);
  else
    toggle_tag_id (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "tag-id")));
  gtk_popover_popdown (self->tag_popover);
}

static void
tag_search_row_activated_cb (GtkListBox           *list,
                             GtkListBoxRow        *row,
                             LikertAnnotationPane *self)
{
  activate_search_row (self, row);
}

static void
tag_search_activate_cb (GtkSearchEntry       *entry,
                        LikertAnnotationPane *self)
{
  activate_search_row (self, gtk_list_box_get_selected_row (self->tag_search_list));
}

static void
move_search_selection (LikertAnnotationPane *self,
                       gint                  step)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->tag_search_list);
  gint from = selected ? gtk_list_box_row_get_index (selected) + step : 0;
  GtkListBoxRow *row = first_visible_row (self->tag_search_list, from, step);

  if (row != NULL)
    gtk_list_box_select_row (self->tag_search_list, row);
}

static void
tag_search_next_cb (GtkSearchEntry       *entry,
                    LikertAnnotationPane *self)
{
  move_search_selection (self, 1);
}

static void
tag_search_previous_cb (GtkSearchEntry       *entry,
                        LikertAnnotationPane *self)
{
  move_search_selection (self, -1);
}

static void
tag_search_stop_cb (GtkSearchEntry       *entry,
                    LikertAnnotationPane *self)
{
  gtk_popover_popdown (self->tag_popover);
}

/* Up and Down in the search entry move through the list. */
static gboolean
tag_search_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   LikertAnnotationPane  *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    move_search_selection (self, 1);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    move_search_selection (self, -1);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

/* Many responses at once: off the main thread, on a connection of its own */

typedef enum
{
  WORK_TAG,
  WORK_STATUS,
  WORK_UNDO,
  WORK_REDO,
} WorkKind;

typedef struct
{
  WorkKind      kind;
  LikertStore  *store;        /* the worker's connection */
  char         *author;
  GArray       *ids;          /* gint64 */
  gint64        tag_id;
  gboolean      add;
  LikertStatus  status;
  /* results */
  guint         n_changed;
  char         *description;
  GArray       *changes;      /* LikertAnnotationChange */
  gboolean      codebook;
} Work;

static void
work_free (Work *work)
{
  g_clear_object (&work->store);
  g_free (work->author);
  g_clear_pointer (&work->ids, g_array_unref);
  g_free (work->description);
  g_clear_pointer (&work->changes, g_array_unref);
  g_free (work);
}

static void
work_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (work->kind)
    {
    case WORK_TAG:
      ok = likert_store_bulk_tag (work->store, (const gint64 *) work->ids->data, work->ids->len,
                                  work->tag_id, work->add, work->author, &work->n_changed, &error);
      break;
    case WORK_STATUS:
      ok = likert_store_bulk_status (work->store, (const gint64 *) work->ids->data, work->ids->len,
                                     work->status, work->author, &work->n_changed, &error);
      break;
    case WORK_UNDO:
    case WORK_REDO:
      ok = work->kind == WORK_UNDO
           ? likert_store_undo (work->store, work->author, &work->description, &error)
           : likert_store_redo (work->store, work->author, &work->description, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  /* What changed, read back here so the main thread only patches its frame. */
  if (ok && likert_store_get_last_batch (work->store) != 0)
    ok = (work->changes = likert_history_batch_changes (work->store,
                                                        likert_store_get_last_batch (work->store),
                                                        &work->codebook, &error)) != NULL;
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
set_busy (LikertAnnotationPane *self,
          gboolean              busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->bulk_spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.bulk-tag", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pane.bulk-status", !busy);
}

static void
work_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LikertAnnotationPane) self = user_data;
  g_autoptr(GError) error = NULL;
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_error (self, error);
      return;
    }
  if (self->frame == NULL)
    return;

  if (work->changes != NULL)
    likert_frame_apply_changes (self->frame, self->store, work->changes);

  count = likert_format_count (work->n_changed);
  switch (work->kind)
    {
    case WORK_TAG:
    case WORK_STATUS:
      message = g_strdup_printf (ngettext ("%s response changed", "%s responses changed",
                                           work->n_changed), count);
      break;
    case WORK_UNDO:
      /* Translators: %s says what was undone, e.g. Tag 250 responses with “Billing” */
      message = g_strdup_printf (_("Undone: %s"), work->description ? work->description : "");
      break;
    case WORK_REDO:
      /* Translators: %s says what was done again */
      message = g_strdup_printf (_("Redone: %s"), work->description ? work->description : "");
      break;
    default:
      g_assert_not_reached ();
    }
  toast (self, message);

  if (work->codebook)
    g_signal_emit (self, signals[CODEBOOK_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0, (gint64) 0);

  /* The pane shows the new state. */
  if (self->current_id != 0)
    likert_annotation_pane_show_response (self, self->current_id);
}

static void
run_work (LikertAnnotationPane *self,
          Work                 *work)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  work->store = likert_store_open_sibling (self->store, &error);
  if (work->store == NULL)
    {
      toast_error (self, error);
      work_free (work);
      return;
    }
  work->author = likert_settings_dup_author (self->settings);
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->cancellable, work_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, run_work);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, work_thread);
}

static Work *
work_new (LikertAnnotationPane *self,
          WorkKind              kind)
{
  Work *work = g_new0 (Work, 1);

  work->kind = kind;
  if (self->many != NULL)
    {
      work->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->many->len);
      g_array_append_vals (work->ids, self->many->data, self->many->len);
    }
  return work;
}

static void
confirm_response_cb (AdwMessageDialog     *dialog,
                     const char           *response,
                     LikertAnnotationPane *self)
{
  Work *work = g_object_steal_data (G_OBJECT (dialog), "work");

  /* Answered once: the dialog goes. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (work == NULL)
    return;
  if (g_strcmp0 (response, "apply") == 0 && self->store != NULL)
    run_work (self, work);
  else
    work_free (work);
}

/* Asks before a change of many responses: the dialog names what and how many. */
static void
confirm_work (LikertAnnotationPane *self,
              Work                 *work,
              const char           *heading,
              const char           *body,
              const char           *apply)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, NULL);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", apply,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "work", work, (GDestroyNotify) work_free);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bulk_tag (LikertAnnotationPane *self,
          gboolean              add)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bulk_tag_entry))));
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  Work *work;
  gint64 tag_id;

  if (self->many == NULL || self->busy)
    return;
  if (*name == '\0')
    {
      toast (self, _("Type the name of a tag first"));
      gtk_widget_grab_focus (GTK_WIDGET (self->bulk_tag_entry));
      return;
    }
  tag_id = add ? likert_store_ensure_tag (self->store, name, &error)
               : likert_store_find_tag (self->store, name);
  if (tag_id == 0)
    {
      if (error != NULL)
        toast_error (self, error);
      else
        {
          /* Translators: %s is a tag name */
          g_autofree char *message = g_strdup_printf (_("There is no tag “%s”"), name);

          toast (self, message);
        }
      return;
    }

  work = work_new (self, WORK_TAG);
  work->tag_id = tag_id;
  work->add = add;
  count = likert_format_count (self->many->len);
  if (add)
    {
      heading = g_strdup_printf (ngettext ("Tag %s Response?", "Tag %s Responses?", self->many->len),
                                 count);
      /* Translators: %s is a tag name, %s a number of responses */
      body = g_strdup_printf (ngettext ("The tag “%s” will be added to %s response.",
                                        "The tag “%s” will be added to %s responses.",
                                        self->many->len), name, count);
    }
  else
    {
      heading = g_strdup_printf (ngettext ("Untag %s Response?", "Untag %s Responses?",
                                           self->many->len), count);
      body = g_strdup_printf (ngettext ("The tag “%s” will be removed from %s response.",
                                        "The tag “%s” will be removed from %s responses.",
                                        self->many->len), name, count);
    }
  confirm_work (self, work, heading, body, add ? _("_Add Tag") : _("_Remove Tag"));
}

static const char *
status_title (LikertStatus status)
{
  switch (status)
    {
    case LIKERT_STATUS_REVIEWED: return C_("status", "Reviewed");
    case LIKERT_STATUS_FLAGGED: return C_("status", "Flagged");
    case LIKERT_STATUS_EXCLUDED: return C_("status", "Excluded");
    case LIKERT_STATUS_NEW:
    default: return C_("status", "New");
    }
}

static void
bulk_status (LikertAnnotationPane *self,
             LikertStatus          status)
{
  g_autofree char *count = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  Work *work;

  if (self->many == NULL || self->busy)
    return;
  work = work_new (self, WORK_STATUS);
  work->status = status;
  count = likert_format_count (self->many->len);
  heading = g_strdup_printf (ngettext ("Change the Status of %s Response?",
                                       "Change the Status of %s Responses?", self->many->len),
                             count);
  /* Translators: the first %s is a number of responses, the second a status */
  body = g_strdup_printf (ngettext ("%s response will be marked “%s”.",
                                    "%s responses will be marked “%s”.", self->many->len),
                          count, status_title (status));
  confirm_work (self, work, heading, body, _("_Change Status"));
}

static void
bulk_tag_activate_cb (GtkEntry             *entry,
                      LikertAnnotationPane *self)
{
  bulk_tag (self, TRUE);
}

/* Actions */

static void
bulk_tag_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  bulk_tag (LIKERT_ANNOTATION_PANE (widget), g_variant_get_boolean (parameter));
}

static void
bulk_status_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LikertStatus status;

  if (likert_status_from_string (g_variant_get_string (parameter, NULL), &status))
    bulk_status (LIKERT_ANNOTATION_PANE (widget), status);
}

static void
toggle_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  likert_annotation_pane_toggle_tag (LIKERT_ANNOTATION_PANE (widget),
                                     g_variant_get_string (parameter, NULL));
}

/* A tag's own key, else 1–9 for the first nine tags of the codebook. */
static void
toggle_tag_key_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  gint64 tag_id;

  if (self->store == NULL || self->current_id == 0 || *key == '\0')
    return;
  tag_id = likert_codebook_find_shortcut (self->store, key);
  if (tag_id == 0 && key[0] >= '1' && key[0] <= '9' && key[1] == '\0')
    {
      g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);
      guint index = (guint) (key[0] - '1');

      if (tags != NULL && index < tags->len)
        tag_id = ((LikertTag *) g_ptr_array_index (tags, index))->id;
    }
  if (tag_id != 0)
    toggle_tag_id (self, tag_id);
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (widget);

  if (self->current_id != 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
tag_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (widget);

  if (self->current_id != 0)
    gtk_menu_button_popup (self->tag_search_button);
  else if (self->many != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->bulk_tag_entry));
}

/* GObject */

static void
likert_annotation_pane_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_annotation_pane_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (object);
  LikertStatus status;

  switch (prop_id)
    {
    case PROP_STATUS:
      if (likert_status_from_string (g_value_get_string (value), &status))
        likert_annotation_pane_set_status (self, status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_annotation_pane_dispose (GObject *object)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (object);

  if (self->note_timeout != 0)
    save_note (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_ANNOTATION_PANE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_pointer (&self->many, g_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_annotation_pane_parent_class)->dispose (object);
}

static void
likert_annotation_pane_finalize (GObject *object)
{
  LikertAnnotationPane *self = LIKERT_ANNOTATION_PANE (object);

  g_free (self->status);

  G_OBJECT_CLASS (likert_annotation_pane_parent_class)->finalize (object);
}

static void
likert_annotation_pane_class_init (LikertAnnotationPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = likert_annotation_pane_get_property;
  object_class->set_property = likert_annotation_pane_set_property;
  object_class->dispose = likert_annotation_pane_dispose;
  object_class->finalize = likert_annotation_pane_finalize;

  /* The shown response's review status; setting it saves it. */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "new",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[CODEBOOK_CHANGED] = g_signal_new ("codebook-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-annotation-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, stack);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, response_title);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, response_meta);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, response_comment);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, sentiment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, note_view);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, saved_label);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, tag_search_button);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, tag_popover);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, tag_search_entry);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, tag_search_list);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, tag_box);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, history_expander);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, history_list);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, bulk_title);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, bulk_tag_entry);
  gtk_widget_class_bind_template_child (widget_class, LikertAnnotationPane, bulk_spinner);
  gtk_widget_class_bind_template_callback (widget_class, tag_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_search_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_expanded_cb);
  gtk_widget_class_bind_template_callback (widget_class, bulk_tag_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "pane.set-status", "status");
  gtk_widget_class_install_action (widget_class, "pane.toggle-tag", "s", toggle_tag_action);
  gtk_widget_class_install_action (widget_class, "pane.toggle-tag-key", "s", toggle_tag_key_action);
  gtk_widget_class_install_action (widget_class, "pane.focus-note", NULL, focus_note_action);
  gtk_widget_class_install_action (widget_class, "pane.tag-search", NULL, tag_search_action);
  gtk_widget_class_install_action (widget_class, "pane.bulk-tag", "b", bulk_tag_action);
  gtk_widget_class_install_action (widget_class, "pane.bulk-status", "s", bulk_status_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "annotationpane");
}

static void
likert_annotation_pane_init (LikertAnnotationPane *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->status = g_strdup ("new");

  g_signal_connect (gtk_text_view_get_buffer (self->note_view), "changed",
                    G_CALLBACK (note_changed_cb), self);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (note_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), controller);

  g_signal_connect (self->sentiment_dropdown, "notify::selected",
                    G_CALLBACK (sentiment_changed_cb), self);

  gtk_list_box_set_filter_func (self->tag_search_list, tag_search_filter, self, NULL);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (tag_search_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_search_entry), controller);
}

/* Public API */

void
likert_annotation_pane_set_project (LikertAnnotationPane *self,
                                    LikertStore          *store,
                                    LikertFrame          *frame)
{
  g_return_if_fail (LIKERT_IS_ANNOTATION_PANE (self));

  likert_annotation_pane_show_response (self, 0);
  /* Work under way belongs to the project before. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);

  g_set_object (&self->store, store);
  g_clear_pointer (&self->frame, likert_frame_unref);
  if (frame != NULL)
    self->frame = likert_frame_ref (frame);
}

void
likert_annotation_pane_show_response (LikertAnnotationPane *self,
                                      gint64                response_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertResponse) response = NULL;
  g_autofree char *title = NULL;
  g_autofree char *record = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  const char *comment = NULL;
  gint row, column;

  g_return_if_fail (LIKERT_IS_ANNOTATION_PANE (self));

  /* Whatever was typed for the previous response is saved before it leaves the pane. */
  if (self->note_timeout != 0)
    save_note (self);

  g_clear_pointer (&self->many, g_array_unref);
  self->current_id = 0;
  if (response_id == 0 || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  response = likert_store_get_response (self->store, response_id, &error);
  if (response == NULL)
    {
      toast_error (self, error);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  self->filling = TRUE;
  self->current_id = response_id;

  if (response->key == NULL)
    record = g_strdup_printf ("%" G_GINT64_FORMAT, response->record);
  /* Translators: %s is the response's identifier in the survey tool, or its record number */
  title = g_strdup_printf (_("Response %s"), response->key ? response->key : record);
  gtk_label_set_text (self->response_title, title);

  when = likert_format_time (response->submitted_at);
  row = current_row (self);
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

  column = self->frame ? likert_frame_get_comment_column (self->frame) : -1;
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

  set_status_field (self, response->status);
  gtk_drop_down_set_selected (self->sentiment_dropdown,
                              response->sentiment == G_MININT ? 0
                                                              : (guint) (response->sentiment + 2));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), response->note, -1);
  fill_tags (self, response->tag_ids);
  fill_history (self);
  set_saved_state (self, response->updated_at ? _("Saved") : "", response->updated_at != 0);
  gtk_stack_set_visible_child_name (self->stack, "response");

  self->filling = FALSE;
}

void
likert_annotation_pane_show_many (LikertAnnotationPane *self,
                                  const gint64         *response_ids,
                                  guint                 n_responses,
                                  gboolean              whole_filter)
{
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (LIKERT_IS_ANNOTATION_PANE (self));
  g_return_if_fail (n_responses == 0 || response_ids != NULL);

  if (n_responses < 2)
    {
      likert_annotation_pane_show_response (self, n_responses == 1 ? response_ids[0] : 0);
      return;
    }
  likert_annotation_pane_show_response (self, 0);
  self->many = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_responses);
  g_array_append_vals (self->many, response_ids, n_responses);

  count = likert_format_count (n_responses);
  if (whole_filter)
    title = g_strdup_printf (ngettext ("All %s response in the filter",
                                       "All %s responses in the filter", n_responses), count);
  else
    title = g_strdup_printf (ngettext ("%s response selected", "%s responses selected",
                                       n_responses), count);
  gtk_label_set_text (self->bulk_title, title);
  gtk_stack_set_visible_child_name (self->stack, "bulk");
}

gint64
likert_annotation_pane_get_response (LikertAnnotationPane *self)
{
  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), 0);
  return self->current_id;
}

gboolean
likert_annotation_pane_flush (LikertAnnotationPane *self)
{
  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), FALSE);
  return self->note_timeout == 0 || save_note (self);
}

gboolean
likert_annotation_pane_set_note (LikertAnnotationPane *self,
                                 const char           *text)
{
  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), FALSE);
  if (self->current_id == 0)
    return FALSE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), text, -1);
  return save_note (self);
}

char *
likert_annotation_pane_dup_note_text (LikertAnnotationPane *self)
{
  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), NULL);
  return dup_buffer_text (self->note_view);
}

gboolean
likert_annotation_pane_toggle_tag (LikertAnnotationPane *self,
                                   const char           *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *clean = NULL;
  gint64 tag_id;

  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), FALSE);
  if (self->current_id == 0 || name == NULL)
    return FALSE;
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    return FALSE;
  tag_id = likert_store_ensure_tag (self->store, clean, &error);
  if (tag_id == 0)
    {
      toast_error (self, error);
      return FALSE;
    }
  return toggle_tag_id (self, tag_id);
}

gboolean
likert_annotation_pane_set_status (LikertAnnotationPane *self,
                                   LikertStatus          status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  gint row;

  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), FALSE);

  if (self->many != NULL)
    {
      bulk_status (self, status);
      return TRUE;
    }
  if (self->current_id == 0 || self->filling)
    return FALSE;

  author = likert_settings_dup_author (self->settings);
  if (!likert_store_set_status (self->store, self->current_id, status, author, &error))
    {
      toast_error (self, error);
      /* The buttons show the status the store has. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
      return FALSE;
    }
  if ((row = current_row (self)) >= 0)
    likert_frame_set_status (self->frame, (guint) row, status);
  set_status_field (self, status);
  edited (self);
  fill_history (self);
  return TRUE;
}

void
likert_annotation_pane_undo (LikertAnnotationPane *self,
                             gboolean              redo)
{
  g_return_if_fail (LIKERT_IS_ANNOTATION_PANE (self));

  if (self->store == NULL || self->busy)
    return;
  /* A note being typed is a change: it is saved, so it is what an undo takes back. */
  if (!likert_annotation_pane_flush (self))
    return;
  if (!(redo ? likert_store_can_redo (self->store, NULL) : likert_store_can_undo (self->store, NULL)))
    {
      toast (self, redo ? _("There is nothing to redo") : _("There is nothing to undo"));
      return;
    }
  run_work (self, work_new (self, redo ? WORK_REDO : WORK_UNDO));
}

gboolean
likert_annotation_pane_is_busy (LikertAnnotationPane *self)
{
  g_return_val_if_fail (LIKERT_IS_ANNOTATION_PANE (self), FALSE);
  return self->busy;
}
