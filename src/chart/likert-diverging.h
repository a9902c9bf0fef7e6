/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* The most bars a diverging chart draws; more segments are listed in the description only. */
#define LIKERT_DIVERGING_MAX_ROWS 64

/* One bar: the answers of one segment (a country, a device…). */
typedef struct
{
  const char    *label;    /* the segment's value; nullable */
  const guint64 *counts;   /* scale_max − scale_min + 1 answers, one per scale point;
                            * n is their sum */
} LikertDivergingSegment;

/* A diverging stacked bar per segment. The points below the middle of the scale are negative
 * and stack leftwards from a centre line, those above positive and stack rightwards (mirrored
 * when style->rtl); the middle point of an odd scale is neutral and straddles the centre line,
 * an even scale has none. Bars are sorted by net score, % positive − % negative, highest at the
 * top (ties keep the given order; segments without answers go last). */
typedef struct
{
  const char                   *title;       /* nullable: the question */
  int                           scale_min;
  int                           scale_max;   /* at most LIKERT_CHART_MAX_POINTS points */
  const char * const           *labels;      /* nullable; else one nullable label per point */
  const LikertDivergingSegment *segments;
  guint                         n_segments;
} LikertDivergingData;

/* Where render drew, in the units of width and height. */
typedef struct
{
  guint           n_rows;       /* bars drawn, top to bottom */
  guint           n_hidden;     /* segments left out for want of height */
  guint           order[LIKERT_DIVERGING_MAX_ROWS];  /* row → index in data->segments */
  /* pieces[row][v − scale_min]: each point's part of the bar; width 0 when it has no answers */
  LikertChartRect pieces[LIKERT_DIVERGING_MAX_ROWS][LIKERT_CHART_MAX_POINTS];
  LikertChartRect rows[LIKERT_DIVERGING_MAX_ROWS];   /* each row's band, label to n */
  LikertChartRect plot;         /* where the bars stand */
  double          centre_x;     /* the centre line: negative meets positive (or neutral's middle) */
  double          percent_min;  /* the axis: −percent_min % at one end of plot… */
  double          percent_max;  /* …and percent_max % at the other */
  LikertChartRect legend[LIKERT_CHART_MAX_POINTS];   /* the swatch of each point */
  gboolean        has_legend;
} LikertDivergingGeometry;

void   likert_diverging_render   (cairo_t                   *cr,
                                  double                     width,
                                  double                     height,
                                  const LikertChartStyle    *style,
                                  const LikertDivergingData *data,
                                  LikertDivergingGeometry   *geometry);

/* render without geometry, data a LikertDivergingData: a LikertChartRenderFunc. */
void   likert_diverging_draw     (cairo_t                   *cr,
                                  double                     width,
                                  double                     height,
                                  const LikertChartStyle    *style,
                                  gconstpointer              data);

/* A plain-text description of what render draws (accessibility, tests). */
char  *likert_diverging_describe (const LikertDivergingData *data);

/* The net score of a segment, % positive − % negative (−100…100); NAN without answers. */
double likert_diverging_net      (const LikertDivergingData *data,
                                  guint                      segment);

/* The order render draws the segments in: order receives data->n_segments indices. */
void   likert_diverging_order    (const LikertDivergingData *data,
                                  guint                     *order);

G_END_DECLS
