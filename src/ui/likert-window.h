/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-annotation-pane.h"
#include "likert-chart-view.h"
#include "likert-frame.h"
#include "likert-import-dialog.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_WINDOW (likert_window_get_type ())
G_DECLARE_FINAL_TYPE (LikertWindow, likert_window, LIKERT, WINDOW, AdwApplicationWindow)

LikertWindow        *likert_window_new            (GtkApplication *application);
/* Opens a .likert project, or opens the import dialog for a CSV (which imports into the open
 * project, else into a new one). */
void                 likert_window_open_file      (LikertWindow   *self,
                                                   GFile          *file);
gboolean             likert_window_has_project    (LikertWindow   *self);
/* TRUE while a project loads or the import dialog is open. */
gboolean             likert_window_is_busy        (LikertWindow   *self);
/* The import dialog while one is open, else NULL. */
LikertImportDialog  *likert_window_get_import_dialog (LikertWindow *self);
const char          *likert_window_get_project_path (LikertWindow *self);
LikertFrame         *likert_window_get_frame      (LikertWindow   *self);
LikertChartView     *likert_window_get_chart_view (LikertWindow   *self);
GtkWidget           *likert_window_get_filter_bar (LikertWindow   *self);
GListModel          *likert_window_get_responses  (LikertWindow   *self);
/* The text of the note editor, for the selected response. */
char                *likert_window_dup_note_text  (LikertWindow   *self);
LikertAnnotationPane *likert_window_get_annotation_pane (LikertWindow *self);
/* Writes the responses of the current filter with their annotations to path (.csv or .xlsx),
 * off the main thread, with progress and Cancel; the outcome shows as a toast. */
void                 likert_window_export_responses (LikertWindow *self,
                                                     const char   *path,
                                                     gboolean      bom);
gboolean             likert_window_is_exporting   (LikertWindow   *self);

G_END_DECLS
