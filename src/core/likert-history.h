/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-store.h"

G_BEGIN_DECLS

/* The history of annotations: every change (note, status, sentiment, tags, codebook, bulk) is
 * recorded as rows (who, when, what, before, after) grouped in batches, one per user action.
 *
 * what and its before/after:
 *   "note"        the note's text before and after ("" for none)
 *   "status"      "new", "reviewed", "flagged", "excluded"
 *   "sentiment"   "-1", "0", "1", or NULL for none
 *   "tag-add", "tag-remove"   a tagging: {"tag": uuid, "name", "author", "at"} after (added)
 *                             or before (removed), NULL on the other side
 *   "tag-create", "tag-rename", "tag-recolour", "tag-describe", "tag-shortcut", "tag-move",
 *   "tag-delete", "tag-import"   the tag's state: {"uuid", "id", "parent" (uuid or null), "name",
 *                             "colour", "description", "shortcut"}, NULL when it does not exist
 *   "tag-merge"   the source tag's state before; {"into": uuid, "name"} after
 * A codebook change has no response (response_id 0); deleting or merging a tag also records
 * each response that lost (tag-remove) or gained (tag-add) a tag, so undo restores exactly.
 *
 * Undo and redo reach the batches of this store's session (made since it was opened, by any
 * connection), newest first. An undo is a new batch that reverts one (its rows are the reverted
 * rows' inverses, newest first, marked undoes = that batch); a redo reverts an undo the same way
 * (redoes = the undo batch). A new action after undos drops them from the redo list. */

typedef struct
{
  gint64  id;
  gint64  batch;
  gint64  response_id;    /* 0 for a change of the codebook */
  char   *author;
  gint64  at;             /* UTC seconds */
  char   *what;
  char   *before;         /* nullable */
  char   *after;          /* nullable */
  gint64  undoes;         /* this row belongs to the undo of that batch, else 0 */
  gint64  redoes;         /* this row belongs to the redo of that undo batch, else 0 */
} LikertHistoryEntry;

/* A response's history, newest first (LikertHistoryEntry *). */
GPtrArray  *likert_history_list           (LikertStore               *store,
                                           gint64                     response_id,
                                           GError                   **error);
/* One batch's rows, in the order written. */
GPtrArray  *likert_history_list_batch     (LikertStore               *store,
                                           gint64                     batch,
                                           GError                   **error);
/* A line for the response pane: "Tagged “Billing”", "Status: New → Reviewed", … (translated). */
char       *likert_history_entry_describe (const LikertHistoryEntry  *entry);
void        likert_history_entry_free     (LikertHistoryEntry        *entry);

/* Whether there is something to undo / redo; description: what (translated), e.g.
 * "Tag 250 responses with “Billing”". */
gboolean    likert_store_can_undo         (LikertStore               *store,
                                           char                     **description);
gboolean    likert_store_can_redo         (LikertStore               *store,
                                           char                     **description);
/* Reverts the newest action (or redo) not yet undone, in one transaction, as a new batch
 * written by author. FALSE with LIKERT_STORE_ERROR_NOT_FOUND when there is nothing to undo.
 * description: what was undone (translated). */
gboolean    likert_store_undo             (LikertStore               *store,
                                           const char                *author,
                                           char                     **description,
                                           GError                   **error);
gboolean    likert_store_redo             (LikertStore               *store,
                                           const char                *author,
                                           char                     **description,
                                           GError                   **error);
/* The batch of the last change this store committed (an undo and a redo included), 0 if none:
 * likert_history_list_batch () tells what to refresh. */
gint64      likert_store_get_last_batch   (LikertStore               *store);

/* What a batch left the responses it touched with, for patching a frame in place without
 * reloading it (likert_frame_apply_changes ()). */
typedef enum
{
  LIKERT_CHANGE_STATUS,       /* value: the LikertStatus now */
  LIKERT_CHANGE_NOTE,         /* value: 1 when the response now has a note */
  LIKERT_CHANGE_TAG,          /* value: 1 when the response now has tag_id */
  LIKERT_CHANGE_SENTIMENT,    /* value: -1, 0, 1, or 2 for none */
} LikertChangeKind;

typedef struct
{
  gint64  response_id;
  gint64  tag_id;             /* LIKERT_CHANGE_TAG only */
  guint8  kind;               /* LikertChangeKind */
  gint8   value;
} LikertAnnotationChange;

/* The changes of batch to responses, in the order written (LikertAnnotationChange). Taggings
 * of tags no longer in the project are left out. *codebook_changed tells whether the batch
 * also changed the codebook (tags created, renamed, merged, deleted, …): a frame then needs
 * reloading for its tag names. */
GArray     *likert_history_batch_changes  (LikertStore               *store,
                                           gint64                     batch,
                                           gboolean                  *codebook_changed,
                                           GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertHistoryEntry, likert_history_entry_free)

G_END_DECLS
