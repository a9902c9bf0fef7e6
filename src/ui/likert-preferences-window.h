/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIKERT_TYPE_PREFERENCES_WINDOW (likert_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LikertPreferencesWindow, likert_preferences_window, LIKERT,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The analyst's name for annotations, the interface language and the light/dark style, each
 * stored in GSettings as soon as it changes. */
GtkWidget *likert_preferences_window_new (GtkWindow *parent);

/* The style a "color-scheme" setting asks libadwaita for. */
AdwColorScheme likert_preferences_color_scheme (const char *setting);

G_END_DECLS
