/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-chart-view.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_CHART_PICKER (likert_chart_picker_get_type ())
G_DECLARE_FINAL_TYPE (LikertChartPicker, likert_chart_picker, LIKERT, CHART_PICKER, GtkWidget)

/* The controls above a LikertChartView (property "view"): the chart's kind, question, segment,
 * period and counts or %, remembered in GSettings; the saved charts (views of the project with
 * a chart part), whose "load-chart" signal carries the LikertChartSpec to show; a menu of the
 * window's chart actions (export, copy, statistics as CSV, save). */
GtkWidget       *likert_chart_picker_new          (void);
LikertChartView *likert_chart_picker_get_view     (LikertChartPicker *self);
void             likert_chart_picker_set_view     (LikertChartPicker *self,
                                                   LikertChartView   *view);
/* Fills the questions and fields of frame; store lists the saved charts (both nullable). */
void             likert_chart_picker_set_project  (LikertChartPicker *self,
                                                   LikertFrame       *frame,
                                                   LikertStore       *store);
/* The names of the saved charts, sorted (also shown in the picker's list). */
GStrv            likert_chart_picker_dup_saved    (LikertChartPicker *self);
/* Reads the saved chart name and emits "load-chart"; FALSE with error set if it cannot. */
gboolean         likert_chart_picker_load_saved   (LikertChartPicker *self,
                                                   const char        *name,
                                                   GError           **error);
/* After a chart was saved or deleted. */
void             likert_chart_picker_refresh      (LikertChartPicker *self);

G_END_DECLS
