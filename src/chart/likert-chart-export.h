/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-histogram.h"

G_BEGIN_DECLS

#define LIKERT_CHART_ERROR (likert_chart_error_quark ())

typedef enum {
  LIKERT_CHART_ERROR_FORMAT,   /* unknown file extension */
  LIKERT_CHART_ERROR_WRITE,    /* cairo could not write the file */
} LikertChartError;

GQuark   likert_chart_error_quark      (void);

/* Writes the histogram to path; the format (PNG, SVG or PDF) follows the extension.
 * width and height are in points (PDF, SVG) or pixels at scale 1 (PNG); scale multiplies PNG pixels. */
gboolean likert_chart_export_histogram (const char                *path,
                                        double                     width,
                                        double                     height,
                                        double                     scale,
                                        const LikertChartStyle    *style,
                                        const LikertHistogramData *data,
                                        GError                   **error);

G_END_DECLS
