/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* From a frame, the rows a filter selected and a chart spec (src/core), the numbers each
 * renderer draws. src/chart reads src/core here; src/core never reads src/chart. */

#include "likert-chart-export.h"
#include "likert-chart-spec.h"
#include "likert-diverging.h"
#include "likert-frame.h"
#include "likert-histogram.h"
#include "likert-interval.h"
#include "likert-nps.h"
#include "likert-tags.h"
#include "likert-trend.h"

G_BEGIN_DECLS

/* What a spec draws: the renderer's data (the member of kind), and what it points into. */
typedef struct
{
  LikertChartKind kind;
  union {
    LikertHistogramData  histogram;   /* HISTOGRAM */
    LikertDivergingData  diverging;   /* DIVERGING */
    LikertIntervalData   interval;    /* MEAN, CSAT */
    LikertNpsData        nps;         /* NPS */
    LikertTrendData      trend;       /* TREND */
    LikertTagBarsData    tag_bars;    /* TAGS */
    LikertTagHeatmapData heatmap;     /* HEATMAP */
  };
  guint           n_selected;         /* the responses the chart is about */
  /* DIVERGING, MEAN, CSAT, NPS with a segment: each row's value of the segment field as the
   * frame has it ("" for an empty cell, which the row's label calls "(empty)"), in the order of
   * the renderer's rows; NULL without a segment. For filtering on a clicked row. */
  const char * const *segment_values;
  /* TREND: the periods' bounds in UTC seconds, n_periods + 1 of them: period i is
   * [period_bounds[i], period_bounds[i + 1]). NULL for the other kinds. */
  const gint64   *period_bounds;
  /*< private >*/
  GPtrArray      *owned;              /* strings and arrays the data points into */
} LikertChartData;

/* The numbers of spec over the rows set in selected (a bitmap of the frame's rows; all rows
 * when NULL); spec->filter is not applied here (likert_chart_spec_select does that). Rows of
 * the diverging, mean, CSAT and NPS charts: one per value of spec->segment that has selected
 * rows, most answers first, then by value; a single row "All" without a segment. Trend: every
 * period (UTC) from the first selected submission to the last, empty ones included. Tags and
 * heat map: every tag, most responses first. Unknown question or segment names, and NPS of a
 * question that is not 0–10, are LIKERT_CHART_ERROR_DATA. */
LikertChartData *likert_chart_data_build      (LikertFrame           *frame,
                                               const guint64         *selected,
                                               const LikertChartSpec *spec,
                                               GError               **error);
void             likert_chart_data_free       (LikertChartData       *data);
LikertChartRenderFunc likert_chart_data_get_render_func (const LikertChartData *data);
/* The renderer's text description (accessibility, tests, `likert-cli chart --describe`). */
char            *likert_chart_data_describe   (const LikertChartData *data);
/* Writes the chart to path (PNG, SVG or PDF by its extension; width and height in points, or
 * pixels at scale 1) in the default light or dark style. */
gboolean         likert_chart_data_export     (const LikertChartData *data,
                                               const char            *path,
                                               double                 width,
                                               double                 height,
                                               double                 scale,
                                               gboolean               dark,
                                               GError               **error);
/* The same, laid out right to left when rtl (as the widget that shows it). */
gboolean         likert_chart_data_export_full (const LikertChartData *data,
                                                const char            *path,
                                                double                 width,
                                                double                 height,
                                                double                 scale,
                                                gboolean               dark,
                                                gboolean               rtl,
                                                GError               **error);
/* The chart as PNG bytes, in the default light or dark style, right to left when rtl. */
GBytes          *likert_chart_data_render_png  (const LikertChartData *data,
                                                double                 width,
                                                double                 height,
                                                double                 scale,
                                                gboolean               dark,
                                                gboolean               rtl,
                                                GError               **error);

/* The rows spec->filter selects and, when n_selected is not NULL, their number (store: a
 * connection to the frame's project, for a text search); NULL with error set for names the
 * project does not have. */
guint64         *likert_chart_spec_select     (LikertFrame           *frame,
                                               LikertStore           *store,
                                               const LikertChartSpec *spec,
                                               guint                 *n_selected,
                                               GError               **error);

/* Selects, builds and writes the chart of spec to path (PNG, SVG or PDF by its extension;
 * width and height in points, or pixels at scale 1) in the default light or dark style. */
gboolean         likert_chart_render_spec_to_file (LikertFrame           *frame,
                                                   LikertStore           *store,
                                                   const LikertChartSpec *spec,
                                                   const char            *path,
                                                   double                 width,
                                                   double                 height,
                                                   double                 scale,
                                                   gboolean               dark,
                                                   GError               **error);
/* The text description of the chart of spec; NULL with error set as above. */
char            *likert_chart_spec_describe   (LikertFrame           *frame,
                                               LikertStore           *store,
                                               const LikertChartSpec *spec,
                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertChartData, likert_chart_data_free)

G_END_DECLS
