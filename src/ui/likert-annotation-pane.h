/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_ANNOTATION_PANE (likert_annotation_pane_get_type ())

G_DECLARE_FINAL_TYPE (LikertAnnotationPane, likert_annotation_pane, LIKERT, ANNOTATION_PANE, GtkWidget)

/* The right-hand pane: one response to read and annotate (status, sentiment, note, tags,
 * history), or many selected responses to tag or set the status of in one step. Every edit is
 * committed to the store before the pane says "Saved", then patched into the frame; the pane
 * emits "changed" (the response id, or 0 when many responses changed) so that the window
 * redraws rows and filters, "codebook-changed" when the frame's tags must be reloaded, and
 * "toast" with a message for the window to show. Actions (group "pane"): set-status (s),
 * toggle-tag (s, a name), toggle-tag-key (s, one character: a tag's shortcut, or 1–9 for the
 * first nine tags), focus-note, tag-search, bulk-tag (b), bulk-status (s). */

void      likert_annotation_pane_set_project   (LikertAnnotationPane *self,
                                                LikertStore          *store,
                                                LikertFrame          *frame);
/* Shows one response (0 for none); a note being typed is saved first. */
void      likert_annotation_pane_show_response (LikertAnnotationPane *self,
                                                gint64                response_id);
/* Many responses (n ≥ 2): the bulk page, which acts on all of them. */
void      likert_annotation_pane_show_many     (LikertAnnotationPane *self,
                                                const gint64         *response_ids,
                                                guint                 n_responses,
                                                gboolean              whole_filter);
gint64    likert_annotation_pane_get_response  (LikertAnnotationPane *self);
/* Saves the note being typed now; FALSE when that failed (the pane says so). */
gboolean  likert_annotation_pane_flush         (LikertAnnotationPane *self);
gboolean  likert_annotation_pane_set_note      (LikertAnnotationPane *self,
                                                const char           *text);
char     *likert_annotation_pane_dup_note_text (LikertAnnotationPane *self);
/* Adds a tag to the response or removes it (creating it when new). */
gboolean  likert_annotation_pane_toggle_tag    (LikertAnnotationPane *self,
                                                const char           *name);
gboolean  likert_annotation_pane_set_status    (LikertAnnotationPane *self,
                                                LikertStatus          status);
/* Undo and redo the last change of the project, off the main thread. */
void      likert_annotation_pane_undo          (LikertAnnotationPane *self,
                                                gboolean              redo);
/* Whether a bulk change, undo or redo is under way. */
gboolean  likert_annotation_pane_is_busy       (LikertAnnotationPane *self);

G_END_DECLS
