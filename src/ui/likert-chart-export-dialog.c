/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-chart-export-dialog.h"

#define MAX_NAME_CHARS 80

struct _LikertChartExportDialog
{
  AdwWindow             parent_instance;

  /* template */
  AdwComboRow          *format_row;
  GtkSpinButton        *width_spin;
  GtkSpinButton        *height_spin;
  GtkLabel             *width_unit;
  GtkLabel             *height_unit;
  AdwComboRow          *scale_row;
  AdwComboRow          *style_row;

  LikertChartView      *view;
  GSettings            *settings;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (LikertChartExportDialog, likert_chart_export_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const format_names[] = { "png", "svg", "pdf" };

/* Helpers */

static gboolean
forbidden (gunichar c)
{
  return c < 0x20 || g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT ||
         g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
         g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR ||
         (c < 0x80 && strchr ("/\\:*?\"<>|", (char) c) != NULL);
}

static void
update_units (LikertChartExportDialog *self)
{
  gboolean png = likert_chart_export_dialog_get_format (self) == LIKERT_CHART_FORMAT_PNG;
  const char *unit;

  if (png)
    /* Translators: pixels, after the width of a PNG image */
    unit = _("px");
  else
    /* Translators: points, after the width of an SVG or PDF document */
    unit = _("pt");
  gtk_label_set_text (self->width_unit, unit);
  gtk_label_set_text (self->height_unit, unit);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), png);
}

/* GSettings holds the format by name and the scale as 1–3. */
static gboolean
format_from_setting (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (name, format_names[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
format_to_setting (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint format = g_value_get_uint (value);

  return g_variant_new_string (format_names[MIN (format, G_N_ELEMENTS (format_names) - 1)]);
}

static gboolean
scale_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, (guint) CLAMP (g_variant_get_int32 (variant), 1, 3) - 1);
  return TRUE;
}

static GVariant *
scale_to_setting (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) MIN (g_value_get_uint (value), 2) + 1);
}

static gboolean
dark_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_uint (value, g_variant_get_boolean (variant) ? 1 : 0);
  return TRUE;
}

static GVariant *
dark_to_setting (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  return g_variant_new_boolean (g_value_get_uint (value) == 1);
}

/* Callbacks */

static void
format_changed_cb (LikertChartExportDialog *self)
{
  update_units (self);
}

static void
chooser_response_cb (GtkNativeDialog         *chooser,
                     int                      response,
                     LikertChartExportDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file"), uri);
    }
  else
    likert_chart_export_dialog_export_to (self, path, &error);
  g_object_ref (self);
  g_signal_emit (self, signals[FINISHED], 0, path, error);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
export_clicked_cb (LikertChartExportDialog *self)
{
  g_autofree char *name = likert_chart_export_dialog_dup_file_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  LikertChartFormat format = likert_chart_export_dialog_get_format (self);
  static const char * const mime_types[] = { "image/png", "image/svg+xml", "application/pdf" };
  static const char * const patterns[] = { "*.png", "*.svg", "*.pdf" };

  const char *filter_names[] = { _("PNG Image"), _("SVG Drawing"), _("PDF Document") };

  gtk_file_filter_set_name (filter, filter_names[format]);
  gtk_file_filter_add_mime_type (filter, mime_types[format]);
  gtk_file_filter_add_pattern (filter, patterns[format]);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* GObject */

static void
likert_chart_export_dialog_dispose (GObject *object)
{
  LikertChartExportDialog *self = LIKERT_CHART_EXPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_CHART_EXPORT_DIALOG);
  g_clear_object (&self->view);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_chart_export_dialog_parent_class)->dispose (object);
}

static void
likert_chart_export_dialog_class_init (LikertChartExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likert_chart_export_dialog_dispose;

  /**
   * LikertChartExportDialog::finished:
   * @path: (nullable): the file written
   * @error: (nullable): why it was not written
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-chart-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, width_unit);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, height_unit);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, LikertChartExportDialog, style_row);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
likert_chart_export_dialog_init (LikertChartExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "export-format", self->format_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, format_from_setting, format_to_setting,
                                NULL, NULL);
  g_settings_bind (self->settings, "export-width", self->width_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-height", self->height_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "export-scale", self->scale_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scale_from_setting, scale_to_setting,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-dark", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, dark_from_setting, dark_to_setting,
                                NULL, NULL);
  update_units (self);
}

/* Public API */

LikertChartExportDialog *
likert_chart_export_dialog_new (GtkWindow       *parent,
                                LikertChartView *view)
{
  LikertChartExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LIKERT_IS_CHART_VIEW (view), NULL);

  self = g_object_new (LIKERT_TYPE_CHART_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->view = g_object_ref (view);
  return self;
}

void
likert_chart_export_dialog_set_format (LikertChartExportDialog *self,
                                       LikertChartFormat        format)
{
  g_return_if_fail (LIKERT_IS_CHART_EXPORT_DIALOG (self));
  g_return_if_fail (format <= LIKERT_CHART_FORMAT_PDF);

  adw_combo_row_set_selected (self->format_row, format);
}

LikertChartFormat
likert_chart_export_dialog_get_format (LikertChartExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (LIKERT_IS_CHART_EXPORT_DIALOG (self), LIKERT_CHART_FORMAT_PNG);

  selected = adw_combo_row_get_selected (self->format_row);
  return selected <= LIKERT_CHART_FORMAT_PDF ? (LikertChartFormat) selected
                                             : LIKERT_CHART_FORMAT_PNG;
}

void
likert_chart_export_dialog_set_size (LikertChartExportDialog *self,
                                     int                      width,
                                     int                      height,
                                     int                      scale,
                                     gboolean                 dark)
{
  g_return_if_fail (LIKERT_IS_CHART_EXPORT_DIALOG (self));

  gtk_spin_button_set_value (self->width_spin, width);
  gtk_spin_button_set_value (self->height_spin, height);
  adw_combo_row_set_selected (self->scale_row, (guint) CLAMP (scale, 1, 3) - 1);
  adw_combo_row_set_selected (self->style_row, dark ? 1 : 0);
}

char *
likert_chart_export_dialog_dup_file_name (LikertChartExportDialog *self)
{
  g_return_val_if_fail (LIKERT_IS_CHART_EXPORT_DIALOG (self), NULL);

  return likert_chart_file_name (likert_chart_view_get_title (self->view),
                                 likert_chart_format_extension (
                                   likert_chart_export_dialog_get_format (self)));
}

gboolean
likert_chart_export_dialog_export_to (LikertChartExportDialog  *self,
                                      const char               *path,
                                      GError                  **error)
{
  LikertChartFormat format;
  double scale;

  g_return_val_if_fail (LIKERT_IS_CHART_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  format = likert_chart_export_dialog_get_format (self);
  scale = format == LIKERT_CHART_FORMAT_PNG ? adw_combo_row_get_selected (self->scale_row) + 1.0
                                            : 1.0;
  return likert_chart_view_export (self->view, path,
                                   gtk_spin_button_get_value (self->width_spin),
                                   gtk_spin_button_get_value (self->height_spin),
                                   scale, adw_combo_row_get_selected (self->style_row) == 1,
                                   error);
}

const char *
likert_chart_format_extension (LikertChartFormat format)
{
  return format_names[MIN ((guint) format, G_N_ELEMENTS (format_names) - 1)];
}

char *
likert_chart_file_name (const char *title,
                        const char *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean space = FALSE;
  guint n_chars = 0;
  const char *p;

  for (p = title; p != NULL && *p != '\0' && n_chars < MAX_NAME_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isspace (c) || forbidden (c))
        {
          /* A forbidden character reads as a gap: "Q1: ease" → "Q1 ease". */
          space = name->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (name, ' ');
          n_chars++;
          space = FALSE;
          if (n_chars >= MAX_NAME_CHARS)
            break;
        }
      g_string_append_unichar (name, c);
      n_chars++;
    }
  /* Trimmed of spaces and dots: no hidden file, nothing Windows would drop. */
  while (name->len > 0 && (name->str[name->len - 1] == ' ' || name->str[name->len - 1] == '.'))
    g_string_truncate (name, name->len - 1);
  while (name->len > 0 && (name->str[0] == ' ' || name->str[0] == '.'))
    g_string_erase (name, 0, 1);
  if (name->len == 0)
    /* Translators: the file name of an exported chart without a title */
    g_string_assign (name, _("Chart"));
  if (extension != NULL)
    g_string_append_printf (name, ".%s", extension);
  return g_string_free (g_steal_pointer (&name), FALSE);
}
