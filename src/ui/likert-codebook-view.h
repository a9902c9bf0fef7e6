/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_CODEBOOK_VIEW (likert_codebook_view_get_type ())
G_DECLARE_FINAL_TYPE (LikertCodebookView, likert_codebook_view, LIKERT, CODEBOOK_VIEW, GtkBox)

/* The codebook as a tree of tags, each with its colour, key and the number of responses under
 * the current filter that have it; the edits of likert-codebook.h (recorded in the history with
 * the author given), each patching the frame's tags so that filters and counts follow.
 *
 * Signals: "filter-tag" (gint64 tag id) when the user activates a tag; "changed" after any
 * edit of the codebook (tag buttons, list rows and undo then need a refresh); "error" (a
 * GError, translated) for what the window should show once.
 *
 * Actions (group "codebook"; x is a tag id), for menus, keyboard shortcuts and tests:
 *   codebook.create · codebook.import · codebook.export · codebook.filter x ·
 *   codebook.add-subtag x · codebook.rename x · codebook.recolour x (the palette) ·
 *   codebook.set-colour (xs) id, "#rrggbb" or "" for none · codebook.describe x ·
 *   codebook.set-shortcut x · codebook.move x · codebook.merge x · codebook.delete x
 * The actions that ask (every x action but filter, recolour and set-colour) present an
 * AdwMessageDialog transient for the view's window; what they do happens on its response. */
GtkWidget *likert_codebook_view_new         (void);
/* store (the main thread's connection) and frame of the open project, or NULLs for none;
 * author: whom the history records (NULL: the default author). */
void       likert_codebook_view_set_project (LikertCodebookView  *self,
                                             LikertStore         *store,
                                             LikertFrame         *frame,
                                             const char          *author);
/* The rows the counts are of: a bitmap of the frame's rows (copied), NULL for every row. */
void       likert_codebook_view_set_filter  (LikertCodebookView  *self,
                                             const guint64       *rows);
/* Reads the codebook again and recounts (after tagging, an undo or a redo elsewhere; the
 * caller brings the frame up to date first, likert_frame_reload_tags () after an undo). */
void       likert_codebook_view_refresh     (LikertCodebookView  *self);
/* The codebook to or from a file (CSV or REFI-QDA .qdc, by the name's extension), as the
 * Import and Export menu items do after the file chooser. Import emits "changed". */
gboolean   likert_codebook_view_import      (LikertCodebookView  *self,
                                             const char          *path,
                                             GError             **error);
gboolean   likert_codebook_view_export      (LikertCodebookView  *self,
                                             const char          *path,
                                             GError             **error);

G_END_DECLS
