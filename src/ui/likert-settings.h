/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The analyst name recorded with every annotation: the preference, else the user's real name. */
char *likert_settings_dup_author (GSettings  *settings);
/* Puts path first in the recent projects, at most ten, without repeats. */
void  likert_settings_add_recent (GSettings  *settings,
                                  const char *path);

G_END_DECLS
