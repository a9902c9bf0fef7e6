/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} LikertRgba;

/* Everything a renderer needs to know about looks. The widget fills it from the theme
 * (light or dark); an export uses the same struct so file and screen match. */
typedef struct
{
  LikertRgba            background;   /* alpha 0 draws no background (on screen) */
  LikertRgba            foreground;   /* text, axis labels */
  LikertRgba            muted;        /* axis lines, grid, secondary text */
  LikertRgba            accent;       /* bars */
  LikertRgba            on_accent;    /* text drawn on a bar */
  PangoFontDescription *font;         /* owned */
  PangoContext         *context;      /* nullable, owned: on screen, the widget's context
                                       * (font options, scale, direction); else made from the cairo_t */
  gboolean              rtl;          /* mirror category axes and legends */
} LikertChartStyle;

void likert_chart_style_init_default (LikertChartStyle *style,
                                      gboolean          dark);
void likert_chart_style_clear        (LikertChartStyle *style);

G_END_DECLS
