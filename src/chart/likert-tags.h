/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-chart-style.h"

G_BEGIN_DECLS

/* The most tags either tag chart draws; more are listed in the description only. */
#define LIKERT_TAGS_MAX_ROWS 64

/* Tag frequency */

typedef struct
{
  const char *name;
  guint64     count;   /* responses with the tag */
  const char *color;   /* nullable: the tag's colour as "#rrggbb"; else the accent */
} LikertTagCount;

/* Horizontal bars, one per tag in the given order, from the start side (mirrored when
 * style->rtl), each labelled with its count and, when total > 0, its share of total. */
typedef struct
{
  const char           *title;    /* nullable */
  const LikertTagCount *tags;
  guint                 n_tags;
  guint64               total;    /* the responses the shares are of; 0 for counts only */
} LikertTagBarsData;

typedef struct
{
  guint           n_rows;      /* bars drawn, in data order */
  guint           n_hidden;    /* tags left out for want of height */
  LikertChartRect bars[LIKERT_TAGS_MAX_ROWS];    /* width 0 for a count of 0 */
  LikertChartRect rows[LIKERT_TAGS_MAX_ROWS];    /* each row's band, name to count */
  LikertChartRect plot;        /* where the bars grow: a count of max_count fills its width */
  guint64         max_count;
} LikertTagBarsGeometry;

void  likert_tag_bars_render   (cairo_t                 *cr,
                                double                   width,
                                double                   height,
                                const LikertChartStyle  *style,
                                const LikertTagBarsData *data,
                                LikertTagBarsGeometry   *geometry);

/* render without geometry, data a LikertTagBarsData: a LikertChartRenderFunc. */
void  likert_tag_bars_draw     (cairo_t                 *cr,
                                double                   width,
                                double                   height,
                                const LikertChartStyle  *style,
                                gconstpointer            data);

char *likert_tag_bars_describe (const LikertTagBarsData *data);

/* Tag × rating */

/* A heat map: a row per tag, a column per scale point (scale_min at the start side, mirrored
 * when style->rtl), each cell shaded by its count (the accent, from faint to full at the
 * largest count) with the count written in it, in black or white, whichever reads better. */
typedef struct
{
  const char         *title;       /* nullable */
  int                 scale_min;
  int                 scale_max;   /* at most LIKERT_CHART_MAX_POINTS points */
  const char * const *labels;      /* nullable; else one nullable label per point */
  const char * const *tags;        /* n_tags names */
  guint               n_tags;
  const guint64      *counts;      /* n_tags rows of scale_max − scale_min + 1 counts:
                                    * counts[tag × n_points + (v − scale_min)] */
} LikertTagHeatmapData;

typedef struct
{
  guint           n_rows;       /* tags drawn, in data order */
  guint           n_columns;    /* scale points */
  guint           n_hidden;     /* tags left out for want of height */
  /* cells[row][v − scale_min], wherever the column stands */
  LikertChartRect cells[LIKERT_TAGS_MAX_ROWS][LIKERT_CHART_MAX_POINTS];
  LikertChartRect grid;         /* all the cells */
  guint64         max_count;
} LikertTagHeatmapGeometry;

void  likert_tag_heatmap_render   (cairo_t                    *cr,
                                   double                      width,
                                   double                      height,
                                   const LikertChartStyle     *style,
                                   const LikertTagHeatmapData *data,
                                   LikertTagHeatmapGeometry   *geometry);

/* render without geometry, data a LikertTagHeatmapData: a LikertChartRenderFunc. */
void  likert_tag_heatmap_draw     (cairo_t                    *cr,
                                   double                      width,
                                   double                      height,
                                   const LikertChartStyle     *style,
                                   gconstpointer               data);

char *likert_tag_heatmap_describe (const LikertTagHeatmapData *data);

/* The fill of a heat map cell of count in a map whose largest count is max_count: the accent
 * with an alpha from 0.08 (count 1) to 1 (max_count); transparent for 0. */
LikertRgba likert_tag_heatmap_cell_color (const LikertChartStyle *style,
                                          guint64                 count,
                                          guint64                 max_count);

G_END_DECLS
