/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-preferences-window.h"
#include "likert-store.h"

struct _LikertPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwEntryRow          *author_row;
  AdwComboRow          *language_row;
  AdwComboRow          *style_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (LikertPreferencesWindow, likert_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The interface languages: the code GSettings stores, and the language's own name (not
 * translated: a user finds their language by how it writes itself). */
static const struct
{
  const char *code;
  const char *name;
} languages[] = {
  { "", NULL },               /* follow the system */
  { "en", "English" },
  { "ar", "العربية" },
  { "es", "Español" },
  { "fr", "Français" },
  { "ru", "Русский" },
};

static const char * const styles[] = { "default", "light", "dark" };

/* Callbacks */

static void
author_changed_cb (GtkEditable             *editable,
                   LikertPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  g_settings_set_string (self->settings, "analyst-name", name);
}

static void
language_selected_cb (AdwComboRow             *row,
                      GParamSpec              *pspec,
                      LikertPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (languages))
    g_settings_set_string (self->settings, "language", languages[selected].code);
}

static void
style_selected_cb (AdwComboRow             *row,
                   GParamSpec              *pspec,
                   LikertPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected < G_N_ELEMENTS (styles))
    g_settings_set_string (self->settings, "color-scheme", styles[selected]);
}

/* GObject */

static void
likert_preferences_window_dispose (GObject *object)
{
  LikertPreferencesWindow *self = LIKERT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_preferences_window_parent_class)->dispose (object);
}

static void
likert_preferences_window_class_init (LikertPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likert_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertPreferencesWindow, author_row);
  gtk_widget_class_bind_template_child (widget_class, LikertPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, LikertPreferencesWindow, style_row);
}

static void
likert_preferences_window_init (LikertPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *author = NULL;
  g_autofree char *language = NULL;
  g_autofree char *style = NULL;
  g_autofree char *hint = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

  author = g_settings_get_string (self->settings, "analyst-name");
  gtk_editable_set_text (GTK_EDITABLE (self->author_row), author);
  /* Translators: %s is the user's real name, used when no analyst name is set */
  hint = g_strdup_printf (_("Recorded with every note, tag and status change; “%s” when empty"),
                          likert_default_author ());
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->author_row), hint);
  g_signal_connect (self->author_row, "changed", G_CALLBACK (author_changed_cb), self);

  language = g_settings_get_string (self->settings, "language");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      gtk_string_list_append (names, languages[i].name ? languages[i].name
                                                       : C_("language", "Follow the system"));
      if (g_strcmp0 (language, languages[i].code) == 0)
        adw_combo_row_set_selected (self->language_row, i);
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (names));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (language, languages[i].code) == 0)
      adw_combo_row_set_selected (self->language_row, i);
  g_signal_connect (self->language_row, "notify::selected", G_CALLBACK (language_selected_cb),
                    self);

  style = g_settings_get_string (self->settings, "color-scheme");
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    if (g_strcmp0 (style, styles[i]) == 0)
      adw_combo_row_set_selected (self->style_row, i);
  g_signal_connect (self->style_row, "notify::selected", G_CALLBACK (style_selected_cb), self);
}

GtkWidget *
likert_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (LIKERT_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

AdwColorScheme
likert_preferences_color_scheme (const char *setting)
{
  if (g_strcmp0 (setting, "light") == 0)
    return ADW_COLOR_SCHEME_FORCE_LIGHT;
  if (g_strcmp0 (setting, "dark") == 0)
    return ADW_COLOR_SCHEME_FORCE_DARK;
  return ADW_COLOR_SCHEME_DEFAULT;
}
