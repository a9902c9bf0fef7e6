/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "likert-histogram.h"

G_BEGIN_DECLS

#define LIKERT_CHART_ERROR (likert_chart_error_quark ())

typedef enum {
  LIKERT_CHART_ERROR_FORMAT,   /* unknown file extension */
  LIKERT_CHART_ERROR_WRITE,    /* cairo could not write the file */
  LIKERT_CHART_ERROR_DATA,     /* the chart asks for what the data does not have */
} LikertChartError;

/* A renderer without its geometry: likert_histogram_draw, likert_diverging_draw,
 * likert_interval_draw, likert_nps_draw, likert_trend_draw, likert_tag_bars_draw,
 * likert_tag_heatmap_draw, each with its own data struct. */
typedef void (*LikertChartRenderFunc) (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       const LikertChartStyle *style,
                                       gconstpointer           data);

GQuark           likert_chart_error_quark      (void);

/* Writes the chart that render draws from data to path; the format (PNG, SVG or PDF) follows
 * the extension, in any case. width and height are in points (PDF, SVG) or pixels at scale 1
 * (PNG); scale multiplies PNG pixels. A transparent background becomes white in SVG and PDF.
 * Safe in a worker thread when style->context is NULL (a widget's context belongs to the main
 * thread) and data stays untouched meanwhile. */
gboolean         likert_chart_export           (const char                *path,
                                                double                     width,
                                                double                     height,
                                                double                     scale,
                                                const LikertChartStyle    *style,
                                                LikertChartRenderFunc      render,
                                                gconstpointer              data,
                                                GError                   **error);

/* The chart in an ARGB32 image surface of ceil (width × scale) × ceil (height × scale) pixels
 * with the device scale set, for the clipboard; NULL if cairo fails (out of memory). */
cairo_surface_t *likert_chart_render_image     (double                     width,
                                                double                     height,
                                                double                     scale,
                                                const LikertChartStyle    *style,
                                                LikertChartRenderFunc      render,
                                                gconstpointer              data);

/* The chart as a PNG file in memory (image/png on the clipboard). */
GBytes          *likert_chart_render_png       (double                     width,
                                                double                     height,
                                                double                     scale,
                                                const LikertChartStyle    *style,
                                                LikertChartRenderFunc      render,
                                                gconstpointer              data,
                                                GError                   **error);

/* likert_chart_export with likert_histogram_draw. */
gboolean         likert_chart_export_histogram (const char                *path,
                                                double                     width,
                                                double                     height,
                                                double                     scale,
                                                const LikertChartStyle    *style,
                                                const LikertHistogramData *data,
                                                GError                   **error);

G_END_DECLS
