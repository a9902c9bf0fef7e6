/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* The most bars a histogram draws: a 0–10 scale (LIKERT_MAX_SCALE in core). */
#define LIKERT_HISTOGRAM_MAX_BARS 11

/* What the histogram draws: one bar per scale value. */
typedef struct
{
  const char         *title;        /* nullable: the question */
  int                 scale_min;
  int                 scale_max;
  const guint64      *counts;       /* scale_max − scale_min + 1 values */
  const char * const *labels;       /* nullable; else scale_max − scale_min + 1 nullable strings */
  gboolean            percent;      /* the axis in % of the answers, each bar labelled with its
                                     * share first; else in counts */
} LikertHistogramData;

/* Where it drew each bar, in the units of width and height (the cairo_t's user space when
 * render was called), for hit-testing and tests. bars[0] is scale_min wherever it stands;
 * n_bars is 0 when no bars were drawn (below 50 × 50, or too small for them). */
typedef struct
{
  guint           n_bars;
  LikertChartRect bars[LIKERT_HISTOGRAM_MAX_BARS];
  LikertChartRect plot;            /* the area bars stand in */
} LikertHistogramGeometry;

void  likert_histogram_render   (cairo_t                   *cr,
                                 double                     width,
                                 double                     height,
                                 const LikertChartStyle    *style,
                                 const LikertHistogramData *data,
                                 LikertHistogramGeometry   *geometry);

/* A plain-text description of what render draws (accessibility, tests). */
char *likert_histogram_describe (const LikertHistogramData *data);

/* render without geometry, data a LikertHistogramData: a LikertChartRenderFunc for export. */
void  likert_histogram_draw     (cairo_t                   *cr,
                                 double                     width,
                                 double                     height,
                                 const LikertChartStyle    *style,
                                 gconstpointer              data);

G_END_DECLS
