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
/* Chooses a role for column in its drop-down (any role but Labels, which only a column found to
 * name another's values offers); FALSE when the drop-down does not offer it. */
gboolean                likert_import_dialog_set_role         (LikertImportDialog *self,
                                                               const char         *column,
                                                               LikertRole          role);
void                    likert_import_dialog_set_skip_bad_rows (LikertImportDialog *self,
                                                                gboolean            skip);

/* The label map of a rating column (0-based), as its popover lists it: a line per word found
 * in the column, "word = value" with the value as its drop-down shows it ("Agree = 4 · Agree",
 * "Meh = Not read", "N/S = Missing"); "" when the column holds numbers only; NULL when the
 * column is no rating. */
char                   *likert_import_dialog_dup_column_labels (LikertImportDialog *self,
                                                                guint               column);
/* Chooses the value of label in column's label map (0–10 or LIKERT_LABEL_MISSING), as its
 * drop-down does (which plans again); FALSE when the map does not list label or offer value. */
gboolean                likert_import_dialog_set_label_value  (LikertImportDialog *self,
                                                               const char         *column,
                                                               const char         *label,
                                                               int                 value);
/* Forgets the values chosen for column's words, as the label map's Reset button does. */
void                    likert_import_dialog_reset_labels     (LikertImportDialog *self,
                                                               const char         *column);
/* A preview cell (0-based row and column) as shown: the cell and, for a rating or a time
 * column, a newline and how the import reads it when that is not the cell as written ("4",
 * "missing", "2024-03-05 10:00"), after a "!" when the import cannot take it ("!not read").
 * NULL outside the preview. */
char                   *likert_import_dialog_dup_preview_cell (LikertImportDialog *self,
                                                               guint               row,
                                                               guint               column);

G_END_DECLS
