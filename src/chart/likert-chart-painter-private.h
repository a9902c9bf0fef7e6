/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For tests only: what the renderers' text looks like once drawn, which pixels cannot tell
 * ("Extr-eme-ly" and "Extremely" both leave ink under a bar). */

#include <glib.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* Called for each line of text a chart draws, in drawing order: the line's characters (without
 * a hyphen Pango may add where it breaks a word), its logical extents in the user space of the
 * cairo_t the chart draws on, and whether Pango ellipsized the layout it belongs to. */
typedef void (*LikertChartTextRecorder) (const char            *line,
                                         const LikertChartRect *extents,
                                         gboolean               ellipsized,
                                         gpointer               user_data);

/* Sets (NULL unsets) the one recorder; not for a process that renders on several threads. */
void likert_chart_painter_set_recorder (LikertChartTextRecorder recorder,
                                        gpointer                user_data);

G_END_DECLS
