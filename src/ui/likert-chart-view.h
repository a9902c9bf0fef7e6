/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-chart-data.h"
#include "likert-chart-spec.h"
#include "likert-filter.h"
#include "likert-frame.h"

G_BEGIN_DECLS

/* What is under the pointer in a chart: a mark, its tooltip, and the filter condition a click
 * on it stands for (the rating value or values, the segment's value, the tag, the period). */
typedef struct
{
  LikertChartKind  kind;
  int              row;          /* the data row (segment, period, tag; 0 for a histogram) */
  int              point;        /* the scale point (value − scale_min) or NPS group; −1 */
  graphene_rect_t  area;         /* the mark, in the view's coordinates */
  char            *text;         /* the tooltip: exact count and share, or value and interval */

  /* The condition; each part is unset when NULL (or from > to). */
  char            *question;     /* rating_min…rating_max of this question */
  int              rating_min;
  int              rating_max;
  int              scale_min;    /* the question's scale, to replace its chosen values */
  int              scale_max;
  char            *field;        /* field = value */
  char            *value;
  char            *tag;
  gint64           from;         /* submission time in [from, to) */
  gint64           to;
} LikertChartHit;

#define LIKERT_TYPE_CHART_HIT (likert_chart_hit_get_type ())
GType           likert_chart_hit_get_type      (void) G_GNUC_CONST;
LikertChartHit *likert_chart_hit_copy          (const LikertChartHit *hit);
void            likert_chart_hit_free          (LikertChartHit       *hit);
gboolean        likert_chart_hit_has_condition (const LikertChartHit *hit);
/* Narrows filter to the hit: the question's chosen ratings become the hit's, the field's chosen
 * values its value, the chosen tags its tag (any of), the time range its period. */
void            likert_chart_hit_apply         (const LikertChartHit *hit,
                                                LikertFilter         *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertChartHit, likert_chart_hit_free)

#define LIKERT_TYPE_CHART_VIEW (likert_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (LikertChartView, likert_chart_view, LIKERT, CHART_VIEW, GtkWidget)

/* Draws any chart of src/chart from a frame and the rows the filters selected, in the theme's
 * colours and the widget's font and direction. Properties: "kind" (a LikertChartKind),
 * "question" (NULL: the first), "segment" (a categorical field or NULL; used by the diverging,
 * mean, CSAT and NPS charts), "period" (a LikertPeriod, trend), "percent" (histogram). A chart
 * that cannot be drawn (NPS of a 1–5 question, diverging bars without a segment, tags without
 * tags, no responses) shows why instead. Hovering a mark shows its numbers; clicking one emits
 * "activate-bar" with a LikertChartHit whose condition the window adds to the filter. */
GtkWidget             *likert_chart_view_new             (void);
LikertFrame           *likert_chart_view_get_frame       (LikertChartView       *self);
void                   likert_chart_view_set_frame       (LikertChartView       *self,
                                                          LikertFrame           *frame);
/* rows: a bitmap of the frame's rows (NULL: all); filter: what selected them (saved with the
 * chart). Both copied. */
void                   likert_chart_view_set_rows        (LikertChartView       *self,
                                                          const guint64         *rows,
                                                          const LikertFilter    *filter);

LikertChartKind        likert_chart_view_get_kind        (LikertChartView       *self);
void                   likert_chart_view_set_kind        (LikertChartView       *self,
                                                          LikertChartKind        kind);
const char            *likert_chart_view_get_question    (LikertChartView       *self);
void                   likert_chart_view_set_question    (LikertChartView       *self,
                                                          const char            *question);
const char            *likert_chart_view_get_segment     (LikertChartView       *self);
void                   likert_chart_view_set_segment     (LikertChartView       *self,
                                                          const char            *segment);
LikertPeriod           likert_chart_view_get_period      (LikertChartView       *self);
void                   likert_chart_view_set_period      (LikertChartView       *self,
                                                          LikertPeriod           period);
gboolean               likert_chart_view_get_percent     (LikertChartView       *self);
void                   likert_chart_view_set_percent     (LikertChartView       *self,
                                                          gboolean               percent);

/* Whether kind draws a row per value of the segment field. */
gboolean               likert_chart_kind_takes_segment   (LikertChartKind        kind);
/* "Histogram", "Diverging Bars", … (translated). */
const char            *likert_chart_kind_get_title       (LikertChartKind        kind);

/* The chart as a spec (its filter the one given with the rows); the kind, question, segment,
 * period and percent of spec (not its filter) into the view. */
LikertChartSpec       *likert_chart_view_dup_spec        (LikertChartView       *self);
void                   likert_chart_view_set_spec        (LikertChartView       *self,
                                                          const LikertChartSpec *spec);

/* What is drawn: NULL when a placeholder shows. */
const LikertChartData *likert_chart_view_get_data        (LikertChartView       *self);
/* The text shown instead of a chart, or NULL. */
const char            *likert_chart_view_get_placeholder (LikertChartView       *self);
/* The chart's text description (its accessible description), or the placeholder. */
const char            *likert_chart_view_get_description (LikertChartView       *self);
/* The chart's title (the question, "Tags"…), for a file name; NULL without a chart. */
const char            *likert_chart_view_get_title       (LikertChartView       *self);
/* The size the chart is drawn at on screen (it keeps its aspect within the widget). */
void                   likert_chart_view_get_chart_size  (LikertChartView       *self,
                                                          double                *width,
                                                          double                *height);

/* The mark under (x, y) in the view's coordinates, or NULL. */
LikertChartHit        *likert_chart_view_hit_test        (LikertChartView       *self,
                                                          double                 x,
                                                          double                 y);
/* What a click at (x, y) does: emits "activate-bar" when a mark with a condition is there. */
gboolean               likert_chart_view_activate_at     (LikertChartView       *self,
                                                          double                 x,
                                                          double                 y);
/* Where the mark of row and point (as in LikertChartHit) is drawn; FALSE when it is not. */
gboolean               likert_chart_view_get_mark        (LikertChartView       *self,
                                                          int                    row,
                                                          int                    point,
                                                          graphene_rect_t       *area);

/* The chart in the default light or dark style, as `likert-cli chart` draws it. */
GBytes                *likert_chart_view_render_png      (LikertChartView       *self,
                                                          double                 width,
                                                          double                 height,
                                                          double                 scale,
                                                          gboolean               dark,
                                                          GError               **error);
/* PNG, SVG or PDF after the extension of path; width and height in pixels or points. */
gboolean               likert_chart_view_export          (LikertChartView       *self,
                                                          const char            *path,
                                                          double                 width,
                                                          double                 height,
                                                          double                 scale,
                                                          gboolean               dark,
                                                          GError               **error);

G_END_DECLS
