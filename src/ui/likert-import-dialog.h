/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-import.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_IMPORT_DIALOG (likert_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LikertImportDialog, likert_import_dialog, LIKERT, IMPORT_DIALOG, AdwWindow)

/* The import dialog: plans the import of path on a worker thread, shows what it found (encoding,
 * delimiter, survey tool, header rows, dates, a preview, the columns and their roles, problems,
 * notices), lets the analyst change any of it (each change plans again) and runs the import into
 * project_path (created when it does not exist) on a worker thread.
 *
 * Signals: "imported" (LikertImportReport *report, owned by the dialog) when the import landed;
 * then "done" whenever the dialog finishes — imported, cancelled or closed — just before it
 * destroys itself.
 *
 * Actions: import.run (Ctrl+Return), import.cancel (Escape), import.back (after a failed run). */
LikertImportDialog     *likert_import_dialog_new              (GtkWindow          *parent,
                                                               const char         *path,
                                                               const char         *project_path);

const char             *likert_import_dialog_get_path         (LikertImportDialog *self);
const char             *likert_import_dialog_get_project_path (LikertImportDialog *self);

/* "planning", "plan", "importing" or "failed". */
const char             *likert_import_dialog_get_page         (LikertImportDialog *self);
/* TRUE while a plan or a run is under way. */
gboolean                likert_import_dialog_is_busy          (LikertImportDialog *self);
/* The plan shown; NULL while the first plan is made, after a plan failed, and during the run. */
const LikertImportPlan *likert_import_dialog_get_plan         (LikertImportDialog *self);
/* The message of the last failed plan or run, else NULL. */
const char             *likert_import_dialog_get_error        (LikertImportDialog *self);
/* Whether import.run would import now. */
gboolean                likert_import_dialog_can_import       (LikertImportDialog *self);

/* What the dialog shows. row: "encoding", "delimiter", "shape", "header-rows" or "dates":
 * the selected item of that row (NULL for a hidden row). */
char                   *likert_import_dialog_dup_setting      (LikertImportDialog *self,
                                                               const char         *row);
/* The role shown for column (0-based), as its drop-down names it ("Rating", "Text", …). */
char                   *likert_import_dialog_dup_column_role  (LikertImportDialog *self,
                                                               guint               column);
/* The scale (for instance "1–5") and label map shown under a rating column, else NULL. */
char                   *likert_import_dialog_dup_column_scale (LikertImportDialog *self,
                                                               guint               column);
/* The text of problem row index ("Line 3, column 1 — rating — …"). */
char                   *likert_import_dialog_dup_problem_text (LikertImportDialog *self,
                                                               guint               index);
guint                   likert_import_dialog_get_n_problem_rows (LikertImportDialog *self);

/* The same as the controls do (each selects the item in the dialog, which plans again). */
void                    likert_import_dialog_set_encoding     (LikertImportDialog *self,
                                                               const char         *encoding);
void                    likert_import_dialog_set_delimiter    (LikertImportDialog *self,
                                                               char                delimiter);
void                    likert_import_dialog_set_shape        (LikertImportDialog *self,
                                                               LikertShapeKind     kind);
void                    likert_import_dialog_set_header_rows  (LikertImportDialog *self,
                                                               int                 header_rows);
void                    likert_import_dialog_set_date_order   (LikertImportDialog *self,
                                                               LikertDateOrder     order);
/* Declares column a rating on scale_min–scale_max (both 0: guess), as its drop-downs do. */
void                    likert_import_dialog_set_rating       (LikertImportDialog *self,
                                                               const char         *column,
                                                               int                 scale_min,
                                                               int                 scale_max);
/* Chooses a role for column in its drop-down; FALSE when the drop-down does not offer it. */
gboolean                likert_import_dialog_set_role         (LikertImportDialog *self,
                                                               const char         *column,
                                                               LikertRole          role);
void                    likert_import_dialog_set_skip_bad_rows (LikertImportDialog *self,
                                                                gboolean            skip);

G_END_DECLS
