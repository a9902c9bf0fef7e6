/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "likert-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LikertApplication) app = NULL;
  const char *localedir = g_getenv ("LIKERT_LOCALEDIR");

  /* LIKERT_LOCALEDIR lets an uninstalled build use the catalogues in build/po. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = likert_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
