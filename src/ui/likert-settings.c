/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-settings"

#include "config.h"

#include "likert-settings.h"
#include "likert-store.h"

#define MAX_RECENT 10

char *
likert_settings_dup_author (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "analyst-name");

  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);
  return g_strdup (likert_default_author ());
}

void
likert_settings_add_recent (GSettings  *settings,
                            const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-projects", (const char * const *) recent);
}
