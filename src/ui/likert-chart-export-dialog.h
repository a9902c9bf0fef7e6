/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-chart-view.h"

G_BEGIN_DECLS

typedef enum {
  LIKERT_CHART_FORMAT_PNG,
  LIKERT_CHART_FORMAT_SVG,
  LIKERT_CHART_FORMAT_PDF,
} LikertChartFormat;

#define LIKERT_TYPE_CHART_EXPORT_DIALOG (likert_chart_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LikertChartExportDialog, likert_chart_export_dialog, LIKERT,
                      CHART_EXPORT_DIALOG, AdwWindow)

/* Asks how to export the chart of view (format, size in pixels or points, PNG resolution, light
 * or dark; remembered in GSettings), then where (a native file chooser), and writes it with
 * src/chart from the data the view draws. "finished" (path, GError or NULL) tells the window
 * what to show; a cancelled chooser emits nothing. */
LikertChartExportDialog *likert_chart_export_dialog_new        (GtkWindow               *parent,
                                                                LikertChartView         *view);
void                     likert_chart_export_dialog_set_format (LikertChartExportDialog *self,
                                                                LikertChartFormat        format);
LikertChartFormat        likert_chart_export_dialog_get_format (LikertChartExportDialog *self);
void                     likert_chart_export_dialog_set_size   (LikertChartExportDialog *self,
                                                                int                      width,
                                                                int                      height,
                                                                int                      scale,
                                                                gboolean                 dark);
/* The name the file chooser offers: the chart's title made safe, and the format's extension. */
char                    *likert_chart_export_dialog_dup_file_name (LikertChartExportDialog *self);
/* Writes the chart to path as the dialog is set (what "Export…" does after the chooser). */
gboolean                 likert_chart_export_dialog_export_to  (LikertChartExportDialog *self,
                                                                const char              *path,
                                                                GError                 **error);

/* title as a file name: without / \ : * ? " < > | and control characters, white space runs
 * made one space, trimmed of spaces and dots, at most 80 characters; "Chart" when nothing is
 * left. Then "." and extension (when not NULL). */
char                    *likert_chart_file_name                (const char              *title,
                                                                const char              *extension);
const char              *likert_chart_format_extension         (LikertChartFormat        format);

G_END_DECLS
