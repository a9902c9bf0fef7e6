/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-format"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-format.h"

char *
likert_format_count (guint64 n)
{
  /* %' groups thousands as the locale does. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

char *
likert_format_time (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == G_MININT64 || (utc = g_date_time_new_from_unix_utc (when)) == NULL)
    return g_strdup (_("Unknown time"));
  local = g_date_time_to_local (utc);
  /* Translators: a response's date and time; see g_date_time_format() */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}
