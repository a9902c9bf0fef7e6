/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert"

#include "config.h"

#include <locale.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "likert-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LikertApplication) app = NULL;
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");

  /* The language chosen in the preferences, unless LANGUAGE is set for this run. */
  if (g_getenv ("LANGUAGE") == NULL)
    {
      GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                                 APP_ID, TRUE);

      if (schema != NULL && g_settings_schema_has_key (schema, "language"))
        {
          g_autoptr(GSettings) settings = g_settings_new (APP_ID);
          g_autofree char *language = g_settings_get_string (settings, "language");

          if (*language != '\0')
            g_setenv ("LANGUAGE", language, TRUE);
        }
      g_clear_pointer (&schema, g_settings_schema_unref);
    }

  /* LIKERT_LOCALEDIR lets an uninstalled build use the catalogues in build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = likert_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
