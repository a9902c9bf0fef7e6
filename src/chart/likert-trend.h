/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* One period (a day, a week, a month) with a statistic computed by the caller (src/core). */
typedef struct
{
  const char *label;   /* "2024-03", "Mar 2024"; nullable */
  double      value;   /* NAN when the period has no answers: the line breaks there */
  double      low;     /* its interval; NAN when unknown */
  double      high;
  guint64     n;       /* answers in the period; below LIKERT_CHART_SMALL_N the dot is hollow */
} LikertTrendPeriod;

/* A statistic over time: a line through the periods' values, their intervals as a translucent
 * band, each period's n as a small bar along the bottom, period labels thinned so that they
 * never overlap. Time runs from the start side (mirrored when style->rtl). */
typedef struct
{
  const char              *title;        /* nullable: the question */
  const char              *value_name;   /* nullable: "Mean (1–5)", "CSAT", "NPS" */
  const LikertTrendPeriod *periods;      /* oldest first */
  guint                    n_periods;
  gboolean                 percent;      /* values are proportions 0–1, shown as % */
  double                   axis_min;     /* the value axis; when not axis_min < axis_max, */
  double                   axis_max;     /* fitted to the values and intervals */
} LikertTrendData;

/* Where render drew, in the units of width and height. Period i stands at
 * x = x_first + i × x_step (x_step < 0 in RTL); a value v at
 * y = plot.y + plot.height × (axis_max − v) / (axis_max − axis_min). */
typedef struct
{
  guint           n_periods;     /* 0 when nothing was drawn */
  LikertChartRect plot;          /* the values */
  LikertChartRect counts;        /* the strip of n bars under it */
  double          x_first;
  double          x_step;
  double          axis_min;
  double          axis_max;
  guint           label_every;   /* every label_every-th period is labelled, from the first */
  guint64         max_n;         /* the n of a full-height bar */
} LikertTrendGeometry;

void   likert_trend_render   (cairo_t                   *cr,
                              double                     width,
                              double                     height,
                              const LikertChartStyle    *style,
                              const LikertTrendData     *data,
                              LikertTrendGeometry       *geometry);

/* render without geometry, data a LikertTrendData: a LikertChartRenderFunc. */
void   likert_trend_draw     (cairo_t                   *cr,
                              double                     width,
                              double                     height,
                              const LikertChartStyle    *style,
                              gconstpointer              data);

/* A plain-text description of what render draws (accessibility, tests): every period when
 * there are at most 36, else a summary (first, last, lowest, highest). */
char  *likert_trend_describe (const LikertTrendData     *data);

/* The position of period i and of value v in a geometry render filled. */
double likert_trend_geometry_x (const LikertTrendGeometry *geometry,
                                guint                      period);
double likert_trend_geometry_y (const LikertTrendGeometry *geometry,
                                double                     value);

G_END_DECLS
