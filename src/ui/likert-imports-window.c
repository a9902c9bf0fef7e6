/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-imports-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-imports-window.h"
#include "likert-shape.h"

/* Skipped rows shown per import; the project records up to 1000. */
#define MAX_SKIPPED_SHOWN 200

struct _LikertImportsWindow
{
  AdwWindow            parent_instance;

  /* template */
  AdwWindowTitle      *window_title;
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *imports_group;

  GPtrArray           *imports;      /* LikertImportRecord *, oldest first */
  GPtrArray           *summaries;    /* char *, by import */
};

G_DEFINE_FINAL_TYPE (LikertImportsWindow, likert_imports_window, ADW_TYPE_WINDOW)

/* Helpers */

static char *
format_count (guint64 n)
{
  /* %' groups thousands as the locale does. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (utc);
  /* Translators: a response's date and time; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static const char *
delimiter_name (const char *delimiter)
{
  if (delimiter == NULL)
    return _("Unknown");
  if (g_str_equal (delimiter, ","))
    return C_("delimiter", "Comma");
  if (g_str_equal (delimiter, ";"))
    return C_("delimiter", "Semicolon");
  if (g_str_equal (delimiter, "\t"))
    return C_("delimiter", "Tab");
  if (g_str_equal (delimiter, "|"))
    return C_("delimiter", "Vertical bar");
  return delimiter;
}

static char *
summary_text (const LikertImportRecord *record)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *n_new = format_count (record->n_new);

  /* Translators: responses added by an import */
  g_string_append_printf (text, ngettext ("%s new", "%s new",
                                          (gulong) MIN (record->n_new, G_MAXULONG)),
                          n_new);
  if (record->n_duplicates > 0)
    {
      g_autofree char *n = format_count (record->n_duplicates);

      g_string_append (text, " · ");
      /* Translators: responses of an import that an earlier import had added */
      g_string_append_printf (text, ngettext ("%s already imported", "%s already imported",
                                              (gulong) MIN (record->n_duplicates, G_MAXULONG)),
                              n);
    }
  if (record->n_skipped > 0)
    {
      g_autofree char *n = format_count (record->n_skipped);

      g_string_append (text, " · ");
      /* Translators: rows with problems an import left out */
      g_string_append_printf (text, ngettext ("%s skipped", "%s skipped",
                                              (gulong) MIN (record->n_skipped, G_MAXULONG)),
                              n);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_detail (AdwExpanderRow *expander,
            const char     *title,
            const char     *value,
            gboolean        monospace)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, monospace ? "monospace" : "dim-label");
  if (monospace)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_expander_row_add_row (expander, row);
}

static void
add_count (AdwExpanderRow *expander,
           const char     *title,
           guint64         n)
{
  g_autofree char *count = format_count (n);

  add_detail (expander, title, count, FALSE);
}

static GtkWidget *
import_row (const LikertImportRecord *record,
            const char               *summary)
{
  GtkWidget *expander = adw_expander_row_new ();
  AdwExpanderRow *row = ADW_EXPANDER_ROW (expander);
  g_autofree char *when = format_time (record->imported_at);
  g_autofree char *subtitle = NULL;
  g_autofree char *size = NULL;
  g_autofree char *header_rows = NULL;
  LikertShapeKind kind = LIKERT_SHAPE_PLAIN;
  const char *shape = record->shape;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), record->source_name);
  if (record->author != NULL && *record->author != '\0')
    /* Translators: when a file was imported, then who imported it */
    subtitle = g_strdup_printf (_("%s · %s"), when, record->author);
  else
    subtitle = g_strdup (when);
  adw_expander_row_set_subtitle (row, subtitle);

  {
    GtkWidget *label = gtk_label_new (summary);

    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "numeric");
    adw_expander_row_add_action (row, label);
  }

  add_count (row, _("Records read"), record->n_records);
  add_count (row, _("New responses"), record->n_new);
  add_count (row, _("Already in the project"), record->n_duplicates);
  add_count (row, _("Rows skipped"), record->n_skipped);
  size = record->size > 0 ? g_format_size (record->size) : g_strdup (_("Unknown"));
  add_detail (row, _("Size"), size, FALSE);
  add_detail (row, C_("checksum", "SHA-256"), record->sha256, TRUE);
  add_detail (row, _("Encoding"), record->encoding, FALSE);
  add_detail (row, _("Delimiter"), delimiter_name (record->delimiter), FALSE);
  if (likert_shape_kind_from_string (record->shape, &kind))
    shape = likert_shape_kind_display_name (kind);
  /* Translators: which survey tool (Qualtrics, SurveyMonkey, …) wrote the file */
  add_detail (row, _("Survey tool"), shape, FALSE);
  header_rows = g_strdup_printf ("%u", record->header_rows);
  add_detail (row, _("Header rows"), header_rows, FALSE);

  for (guint i = 0; i < record->skipped_rows->len && i < MAX_SKIPPED_SHOWN; i++)
    {
      const LikertSkippedRow *skipped = g_ptr_array_index (record->skipped_rows, i);
      GtkWidget *skipped_row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *where = NULL;

      /* Translators: where a skipped row is in the file */
      where = g_strdup_printf (_("Skipped: line %u, column %u"), skipped->line, skipped->column);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (skipped_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (skipped_row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (skipped_row), skipped->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (skipped_row), 3);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Skipped row"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (skipped_row), icon);
      adw_expander_row_add_row (row, skipped_row);
    }
  if (record->n_skipped > MIN (record->skipped_rows->len, MAX_SKIPPED_SHOWN))
    {
      guint64 more = record->n_skipped - MIN (record->skipped_rows->len, MAX_SKIPPED_SHOWN);
      g_autofree char *count = format_count (more);
      g_autofree char *text = NULL;
      GtkWidget *more_row = adw_action_row_new ();

      text = g_strdup_printf (ngettext ("%s more skipped row is not listed",
                                        "%s more skipped rows are not listed",
                                        (gulong) MIN (more, G_MAXULONG)),
                              count);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more_row), text);
      gtk_widget_add_css_class (more_row, "dim-label");
      adw_expander_row_add_row (row, more_row);
    }
  return expander;
}

static void
show_imports (LikertImportsWindow *self)
{
  guint n = self->imports->len;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->summaries, summary_text (g_ptr_array_index (self->imports, i)));
  for (guint i = n; i-- > 0;)
    adw_preferences_group_add (self->imports_group,
                               import_row (g_ptr_array_index (self->imports, i),
                                           g_ptr_array_index (self->summaries, i)));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

/* GObject */

static void
likert_imports_window_dispose (GObject *object)
{
  LikertImportsWindow *self = LIKERT_IMPORTS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_IMPORTS_WINDOW);
  g_clear_pointer (&self->imports, g_ptr_array_unref);
  g_clear_pointer (&self->summaries, g_ptr_array_unref);

  G_OBJECT_CLASS (likert_imports_window_parent_class)->dispose (object);
}

static void
likert_imports_window_class_init (LikertImportsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likert_imports_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-imports-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertImportsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LikertImportsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LikertImportsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LikertImportsWindow, imports_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
likert_imports_window_init (LikertImportsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->imports = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_import_record_free);
  self->summaries = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

LikertImportsWindow *
likert_imports_window_new (GtkWindow   *parent,
                           LikertStore *store)
{
  LikertImportsWindow *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  self = g_object_new (LIKERT_TYPE_IMPORTS_WINDOW, "transient-for", parent, NULL);
  name = g_path_get_basename (likert_store_get_path (store));
  adw_window_title_set_subtitle (self->window_title, name);

  imports = likert_store_list_imports (store, &error);
  if (imports == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_status_page_set_icon_name (self->empty_page, "dialog-error-symbolic");
      adw_status_page_set_title (self->empty_page, _("The Imports Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return self;
    }
  g_ptr_array_extend_and_steal (self->imports, g_steal_pointer (&imports));
  show_imports (self);
  return self;
}

guint
likert_imports_window_get_n_imports (LikertImportsWindow *self)
{
  g_return_val_if_fail (LIKERT_IS_IMPORTS_WINDOW (self), 0);
  return self->imports->len;
}

const LikertImportRecord *
likert_imports_window_get_import (LikertImportsWindow *self,
                                  guint                index)
{
  g_return_val_if_fail (LIKERT_IS_IMPORTS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->imports->len, NULL);
  return g_ptr_array_index (self->imports, index);
}

char *
likert_imports_window_dup_summary (LikertImportsWindow *self,
                                   guint                index)
{
  g_return_val_if_fail (LIKERT_IS_IMPORTS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->summaries->len, NULL);
  return g_strdup (g_ptr_array_index (self->summaries, index));
}
