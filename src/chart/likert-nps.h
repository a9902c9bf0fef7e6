/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* The most rows an NPS chart draws; more are listed in the description only. */
#define LIKERT_NPS_MAX_ROWS 64

typedef enum {
  LIKERT_NPS_DETRACTORS,   /* 0–6 */
  LIKERT_NPS_PASSIVES,     /* 7–8 */
  LIKERT_NPS_PROMOTERS,    /* 9–10 */
  LIKERT_NPS_N_GROUPS,
} LikertNpsGroup;

/* One row: a segment (a device, a country…) or everyone, of a 0–10 question. The NPS and its
 * interval are computed by the caller (src/core): % promoters − % detractors. */
typedef struct
{
  const char *label;                        /* nullable */
  guint64     counts[LIKERT_NPS_N_GROUPS];  /* detractors, passives, promoters; n is their sum */
  double      nps;                          /* −100…100; NAN without answers */
  double      low;                          /* its interval; NAN when unknown */
  double      high;
} LikertNpsRow;

/* Per row: a 100 % stacked bar of detractors, passives and promoters (detractors at the start
 * side, mirrored when style->rtl), and beside it the NPS as a dot with its interval as a
 * whisker on an axis from −100 to 100, its value and interval printed, and n. Rows in the given
 * order. */
typedef struct
{
  const char         *title;    /* nullable: the question */
  const LikertNpsRow *rows;
  guint               n_rows;
} LikertNpsData;

/* Where render drew, in the units of width and height. */
typedef struct
{
  LikertChartRect band;                          /* the row, label to n */
  LikertChartRect pieces[LIKERT_NPS_N_GROUPS];   /* width 0 for a group without answers */
  double          y;                             /* the NPS whisker's line */
  double          nps_x;                         /* the dot; NAN without a value */
  double          low_x;                         /* the whisker's ends; NAN without interval */
  double          high_x;
} LikertNpsMark;

typedef struct
{
  guint           n_rows;     /* rows drawn, in data order */
  guint           n_hidden;   /* rows left out for want of height */
  LikertNpsMark   marks[LIKERT_NPS_MAX_ROWS];
  LikertChartRect bars;       /* the stacked bars' panel, 0–100 % */
  LikertChartRect scores;     /* the NPS panel, −100…100 */
  double          zero_x;     /* NPS 0 in the scores panel */
  double          minus_100_x;
  double          plus_100_x;
  LikertChartRect legend[LIKERT_NPS_N_GROUPS];
  gboolean        has_legend;
} LikertNpsGeometry;

void  likert_nps_render   (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const LikertChartStyle *style,
                           const LikertNpsData    *data,
                           LikertNpsGeometry      *geometry);

/* render without geometry, data a LikertNpsData: a LikertChartRenderFunc. */
void  likert_nps_draw     (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const LikertChartStyle *style,
                           gconstpointer           data);

/* A plain-text description of what render draws (accessibility, tests). */
char *likert_nps_describe (const LikertNpsData    *data);

G_END_DECLS
