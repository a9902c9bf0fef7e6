/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-filter.h"

G_BEGIN_DECLS

/* A chart definition: what to draw (kind, question, segment, period) over which responses
 * (a filter). Saved in the project as a view whose JSON holds the filter's members plus
 * "chart": {"kind", "question", "segment", "period", "percent"}, so that the chart can be drawn
 * again, identically, by the GUI or by `likert-cli chart PROJECT --view NAME`. */

typedef enum {
  LIKERT_CHART_HISTOGRAM,   /* counts (or %) per scale point */
  LIKERT_CHART_DIVERGING,   /* diverging stacked bars, one per segment value */
  LIKERT_CHART_MEAN,        /* mean with its 95 % interval per segment value */
  LIKERT_CHART_CSAT,        /* top-2-box share with its Wilson interval per segment value */
  LIKERT_CHART_NPS,         /* NPS of a 0–10 question, overall or per segment value */
  LIKERT_CHART_TREND,       /* mean per period of submission time */
  LIKERT_CHART_TAGS,        /* responses per tag */
  LIKERT_CHART_HEATMAP,     /* tag × rating counts */
  LIKERT_CHART_N_KINDS,
} LikertChartKind;

typedef enum {
  LIKERT_PERIOD_DAY,
  LIKERT_PERIOD_WEEK,       /* ISO weeks, Monday to Sunday, UTC */
  LIKERT_PERIOD_MONTH,
  LIKERT_PERIOD_N_PERIODS,
} LikertPeriod;

typedef struct
{
  LikertChartKind  kind;
  char            *question;   /* nullable: the first rating question */
  LikertFilter    *filter;     /* never NULL */
  char            *segment;    /* nullable: a categorical field */
  LikertPeriod     period;
  gboolean         percent;    /* histogram: shares instead of counts */
} LikertChartSpec;

#define LIKERT_CHART_SPEC_ERROR (likert_chart_spec_error_quark ())

typedef enum {
  LIKERT_CHART_SPEC_ERROR_PARSE,     /* not a chart's JSON */
  LIKERT_CHART_SPEC_ERROR_NO_CHART,  /* a view without a chart part */
} LikertChartSpecError;

GQuark           likert_chart_spec_error_quark (void);

/* A histogram of the first question over every response. */
LikertChartSpec *likert_chart_spec_new         (void);
LikertChartSpec *likert_chart_spec_copy        (const LikertChartSpec *self);
void             likert_chart_spec_free        (LikertChartSpec       *self);
gboolean         likert_chart_spec_equal       (const LikertChartSpec *a,
                                                const LikertChartSpec *b);

/* "histogram", "diverging", "mean", "csat", "nps", "trend", "tags", "heatmap". */
const char      *likert_chart_kind_to_string   (LikertChartKind        kind);
gboolean         likert_chart_kind_from_string (const char            *text,
                                                LikertChartKind       *kind);
/* "day", "week", "month". */
const char      *likert_period_to_string       (LikertPeriod           period);
gboolean         likert_period_from_string     (const char            *text,
                                                LikertPeriod          *period);

/* The view definition: the filter's members and "chart"; keys in a fixed order, so equal specs
 * give equal text. */
char            *likert_chart_spec_to_json     (const LikertChartSpec *self);
/* Reads a view definition; one without a "chart" member is LIKERT_CHART_SPEC_ERROR_NO_CHART
 * (a plain filter view: likert_filter_from_json reads it). */
LikertChartSpec *likert_chart_spec_from_json   (const char            *json,
                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertChartSpec, likert_chart_spec_free)

G_END_DECLS
