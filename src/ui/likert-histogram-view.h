/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-types.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_HISTOGRAM_VIEW (likert_histogram_view_get_type ())
G_DECLARE_FINAL_TYPE (LikertHistogramView, likert_histogram_view, LIKERT, HISTOGRAM_VIEW,
                      GtkDrawingArea)

/* A thin widget over the histogram renderer: it holds the data and the theme's colours and
 * asks src/chart to draw. */
GtkWidget     *likert_histogram_view_new             (void);
void           likert_histogram_view_set_data        (LikertHistogramView *self,
                                                      const char          *title,
                                                      int                  scale_min,
                                                      int                  scale_max,
                                                      const guint64       *counts,
                                                      const char * const  *labels);
void           likert_histogram_view_clear           (LikertHistogramView *self);
const guint64 *likert_histogram_view_get_counts      (LikertHistogramView *self,
                                                      guint               *n_counts);
/* The chart's text description (also its accessible description). */
const char    *likert_histogram_view_get_description (LikertHistogramView *self);

G_END_DECLS
