/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* The most rows an interval chart draws; more are listed in the description only. */
#define LIKERT_INTERVAL_MAX_ROWS 64

/* One row: a value with its confidence interval, computed by the caller (src/core), e.g. a
 * segment's mean with its 95 % t interval, or its top-2-box share (CSAT) with its Wilson
 * interval. */
typedef struct
{
  const char *label;    /* the segment's value; nullable */
  double      value;    /* NAN without answers */
  double      low;      /* the interval; NAN when unknown (one answer, say) */
  double      high;
  guint64     n;        /* the answers it rests on; below LIKERT_CHART_SMALL_N it is flagged */
} LikertIntervalRow;

/* A dot-and-whisker chart: one row per segment in the given order, the value as a dot, its
 * interval as a whisker, on a horizontal value axis (lowest value at the start side, mirrored
 * when style->rtl); segment labels at the start side, the value, its interval and n at the
 * end. */
typedef struct
{
  const char              *title;            /* nullable: the question */
  const char              *value_name;       /* nullable: "Mean", "CSAT" — under the axis */
  const LikertIntervalRow *rows;
  guint                    n_rows;
  gboolean                 percent;          /* values are proportions 0–1, shown as % */
  double                   axis_min;         /* the axis, e.g. the scale 1–5 or 0–1; when not */
  double                   axis_max;         /* axis_min < axis_max, fitted to the intervals */
  double                   reference;        /* a line across the rows (the overall value);
                                              * NAN for none */
  const char              *reference_label;  /* nullable: what the line is, e.g. "All" */
} LikertIntervalData;

/* Where render drew a row, in the units of width and height. */
typedef struct
{
  LikertChartRect band;     /* the row, label to n */
  double          y;        /* its centre line */
  double          x;        /* the dot; NAN without a value */
  double          low_x;    /* the whisker's ends, clamped to the axis; NAN without interval */
  double          high_x;
} LikertIntervalMark;

typedef struct
{
  guint              n_rows;       /* rows drawn, in data order */
  guint              n_hidden;     /* rows left out for want of height */
  LikertIntervalMark marks[LIKERT_INTERVAL_MAX_ROWS];
  LikertChartRect    plot;
  double             axis_min;     /* the axis as drawn: axis_min at x_min… */
  double             axis_max;     /* …axis_max at x_max (x_min > x_max in RTL) */
  double             x_min;
  double             x_max;
  double             reference_x;  /* NAN without a reference line */
} LikertIntervalGeometry;

void  likert_interval_render   (cairo_t                  *cr,
                                double                    width,
                                double                    height,
                                const LikertChartStyle   *style,
                                const LikertIntervalData *data,
                                LikertIntervalGeometry   *geometry);

/* render without geometry, data a LikertIntervalData: a LikertChartRenderFunc. */
void  likert_interval_draw     (cairo_t                  *cr,
                                double                    width,
                                double                    height,
                                const LikertChartStyle   *style,
                                gconstpointer             data);

/* A plain-text description of what render draws (accessibility, tests). */
char *likert_interval_describe (const LikertIntervalData *data);

G_END_DECLS
