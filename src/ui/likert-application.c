/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-application"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-application.h"
#include "likert-preferences-window.h"
#include "likert-window.h"

struct _LikertApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (LikertApplication, likert_application, ADW_TYPE_APPLICATION)

static LikertWindow *
get_empty_or_new_window (LikertApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (LIKERT_IS_WINDOW (l->data) && !likert_window_has_project (l->data))
      return l->data;
  return likert_window_new (GTK_APPLICATION (self));
}

static void
likert_application_activate (GApplication *app)
{
  LikertApplication *self = LIKERT_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (likert_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
likert_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  LikertApplication *self = LIKERT_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      LikertWindow *window = get_empty_or_new_window (self);

      likert_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
likert_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("likert %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (likert_window_new (GTK_APPLICATION (user_data))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window flushes its pending note. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_destroy (windows->data);
      windows = next;
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "Likert developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Likert"),
                        "developer-name", _("Likert developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Analyse satisfaction feedback: load survey exports, "
                                      "chart the ratings and tag every comment."),
                        "website", "https://likert.app",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (likert_preferences_window_new (parent)));
}

static void
color_scheme_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      likert_preferences_color_scheme (scheme));
}

static const GActionEntry app_actions[] = {
  { "new-window", new_window_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
  { "about", about_action },
};

static void
likert_application_startup (GApplication *app)
{
  LikertApplication *self = LIKERT_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (likert_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  /* The style chosen in the preferences, now and when it changes. */
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::color-scheme",
                    G_CALLBACK (color_scheme_changed_cb), self);
  color_scheme_changed_cb (self->settings, "color-scheme", self);
}

static void
likert_application_dispose (GObject *object)
{
  LikertApplication *self = LIKERT_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (likert_application_parent_class)->dispose (object);
}

static void
likert_application_class_init (LikertApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = likert_application_dispose;

  app_class->activate = likert_application_activate;
  app_class->open = likert_application_open;
  app_class->startup = likert_application_startup;
  app_class->handle_local_options = likert_application_handle_local_options;
}

static void
likert_application_init (LikertApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LikertApplication *
likert_application_new (void)
{
  return g_object_new (LIKERT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/app/likert/Likert",
                       NULL);
}
