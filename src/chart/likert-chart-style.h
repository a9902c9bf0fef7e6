/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The most points a rating scale has (0–10 is 11; LIKERT_MAX_SCALE in core). */
#define LIKERT_CHART_MAX_POINTS 11

/* Groups with fewer answers than this are flagged ("n = 12 ⚠", a muted label, a hollow dot):
 * their shares and intervals are too wide to compare. */
#define LIKERT_CHART_SMALL_N 30

typedef struct
{
  double red, green, blue, alpha;
} LikertRgba;

typedef struct
{
  double x, y, width, height;
} LikertChartRect;

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
  PangoContext         *context;      /* nullable, owned: on screen, the widget's context (font
                                       * options, scale, direction); else made from the cairo_t */
  gboolean              rtl;          /* mirror category axes and legends */
} LikertChartStyle;

void     likert_chart_style_init_default  (LikertChartStyle       *style,
                                           gboolean                dark);
void     likert_chart_style_clear         (LikertChartStyle       *style);

/* Whether the style draws light on dark: from the background when it is opaque, else from the
 * foreground (on screen the background is the widget's, alpha 0). Picks the palettes' variants. */
gboolean likert_chart_style_is_dark       (const LikertChartStyle *style);

/* The diverging palette for a scale of n_points (1…LIKERT_CHART_MAX_POINTS) into colors[0…n−1],
 * most negative first: ColorBrewer RdBu with the n-class colours (red ↔ blue, safe for the
 * common colour-vision deficiencies, distinct in greyscale by lightness), the middle point of
 * an odd scale a neutral grey. On a dark style the lightness runs the other way (the extremes
 * lightest, the middle darkest, hue and order kept), so the extremes stand out on either
 * background. NPS uses n_points = 3 (detractors, passives, promoters). */
void     likert_chart_style_get_diverging (const LikertChartStyle *style,
                                           guint                   n_points,
                                           LikertRgba             *colors);

/* Parses "#rrggbb" (a tag's colour) into an opaque colour; FALSE and *rgba untouched otherwise. */
gboolean likert_rgba_parse                (LikertRgba             *rgba,
                                           const char             *spec);

G_END_DECLS
