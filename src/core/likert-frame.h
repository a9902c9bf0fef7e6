/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-stats.h"
#include "likert-store.h"

G_BEGIN_DECLS

/* The in-memory, columnar view of a project that analysis reads (DESIGN.md): one row per
 * response in id order; per rating question a guint8 code array (0 = no answer, else
 * value − scale_min + 1); submission times. Immutable once loaded; reference counted. */

LikertFrame       *likert_frame_load           (LikertStore          *store,
                                                GCancellable         *cancellable,
                                                GError              **error);
void               likert_frame_load_async     (const char           *project_path,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
LikertFrame       *likert_frame_load_finish    (GAsyncResult         *result,
                                                GError              **error);

LikertFrame       *likert_frame_ref            (LikertFrame          *self);
void               likert_frame_unref          (LikertFrame          *self);

guint              likert_frame_get_n_rows     (LikertFrame          *self);
gint64             likert_frame_get_response_id (LikertFrame         *self,
                                                 guint                row);
/* G_MININT64 when the response has no time. */
gint64             likert_frame_get_submitted_at (LikertFrame        *self,
                                                  guint               row);
/* The response ids of the rows set in rows (a bitmap of the frame's rows, as a filter
 * selects them; NULL: every row), ascending. g_free () it. */
gint64            *likert_frame_get_response_ids (LikertFrame        *self,
                                                  const guint64      *rows,
                                                  gsize              *n_ids);
/* The row of a response id, or -1. */
gint               likert_frame_find_row       (LikertFrame          *self,
                                                gint64                response_id);

guint              likert_frame_get_n_questions (LikertFrame         *self);
const LikertField *likert_frame_get_question   (LikertFrame          *self,
                                                guint                 question);
/* Index of the question whose header is name, or -1. */
gint               likert_frame_find_question  (LikertFrame          *self,
                                                const char           *name);
const guint8      *likert_frame_get_codes      (LikertFrame          *self,
                                                guint                 question);
/* The rating value of a row, or -1 when it has none. */
int                likert_frame_get_rating     (LikertFrame          *self,
                                                guint                 question,
                                                guint                 row);
/* The column (cell index) of the first TEXT field, or -1. */
gint               likert_frame_get_comment_column (LikertFrame      *self);

void               likert_frame_compute_stats  (LikertFrame          *self,
                                                guint                 question,
                                                const guint64        *filter,
                                                LikertStats          *stats);

/* Categorical fields, dictionary-encoded: code 0 is an empty cell. Besides the project's own,
 * the frame derives two from the submission time, "@month" (2025-03) and "@week" (2025-W09,
 * ISO weeks, UTC), so that time buckets filter and segment like any field. */
#define LIKERT_FRAME_MONTH "@month"
#define LIKERT_FRAME_WEEK  "@week"
guint              likert_frame_get_n_categories      (LikertFrame   *self);
const LikertField *likert_frame_get_category          (LikertFrame   *self,
                                                       guint          category);
gint               likert_frame_find_category         (LikertFrame   *self,
                                                       const char    *name);
/* What to call a categorical field in the interface: its header, or, for the time buckets,
 * "Month submitted" and "Week submitted" (translated). */
const char        *likert_frame_get_category_title    (LikertFrame   *self,
                                                       guint          category);
const guint16     *likert_frame_get_category_codes    (LikertFrame   *self,
                                                       guint          category);
/* Values have codes 0 … n − 1. */
guint              likert_frame_get_n_category_values (LikertFrame   *self,
                                                       guint          category);
const char        *likert_frame_get_category_value    (LikertFrame   *self,
                                                       guint          category,
                                                       guint          code);
gint               likert_frame_find_category_value   (LikertFrame   *self,
                                                       guint          category,
                                                       const char    *value);
/* counts[code] for the rows set in filter (all rows when NULL); counts has
 * likert_frame_get_n_category_values () entries. */
void               likert_frame_count_category        (LikertFrame   *self,
                                                       guint          category,
                                                       const guint64 *filter,
                                                       guint64       *counts);
/* stats[code] of question for the rows of each value of category (filtered as above). */
void               likert_frame_compute_segment_stats (LikertFrame   *self,
                                                       guint          question,
                                                       guint          category,
                                                       const guint64 *filter,
                                                       LikertStats   *stats);

/* Annotations, patched in place by edits (main thread). */
LikertStatus       likert_frame_get_status            (LikertFrame   *self,
                                                       guint          row);
void               likert_frame_set_status            (LikertFrame   *self,
                                                       guint          row,
                                                       LikertStatus   status);
guint              likert_frame_get_n_tags            (LikertFrame   *self);
gint64             likert_frame_get_tag_id            (LikertFrame   *self,
                                                       guint          tag);
const char        *likert_frame_get_tag_name          (LikertFrame   *self,
                                                       guint          tag);
/* The index of a tag by id, or -1. */
gint               likert_frame_find_tag              (LikertFrame   *self,
                                                       gint64         tag_id);
gint               likert_frame_find_tag_by_name      (LikertFrame   *self,
                                                       const char    *name);
/* Adds a tag (no row has it) and returns its index; an existing id returns its index. */
guint              likert_frame_add_tag               (LikertFrame   *self,
                                                       gint64         tag_id,
                                                       const char    *name);
gboolean           likert_frame_has_tag               (LikertFrame   *self,
                                                       guint          row,
                                                       guint          tag);
void               likert_frame_set_tag               (LikertFrame   *self,
                                                       guint          row,
                                                       guint          tag,
                                                       gboolean       active);
/* A bitmap of n_rows bits (bit i of word i / 64) of the rows that have the tag. */
const guint64     *likert_frame_get_tag_rows          (LikertFrame   *self,
                                                       guint          tag);
/* Codebook edits (likert-codebook.h), patched in place (main thread). Removing a tag shifts
 * the index of the tags after it down by one: look tags up by id again afterwards (and take
 * likert_frame_get_tag_rows () again after a removal, a merge or a reload). */
void               likert_frame_rename_tag            (LikertFrame   *self,
                                                       guint          tag,
                                                       const char    *name);
void               likert_frame_remove_tag            (LikertFrame   *self,
                                                       guint          tag);
/* The rows of source join target's and source is removed; returns target's new index. */
guint              likert_frame_merge_tag             (LikertFrame   *self,
                                                       guint          source,
                                                       guint          target);
/* Reads the tags and their rows again from store (the frame's project): after an edit the
 * functions above do not describe (subtags merged with a tag, a codebook imported, an undo). */
gboolean           likert_frame_reload_tags           (LikertFrame   *self,
                                                       LikertStore   *store,
                                                       GError       **error);

/* The columns themselves, for loops over many rows (n_rows entries each). */
const guint8      *likert_frame_get_statuses          (LikertFrame   *self);
const gint64      *likert_frame_get_times             (LikertFrame   *self);

/* Bitmaps of n_rows bits. */
gsize              likert_frame_bitmap_words          (LikertFrame   *self);
guint64           *likert_frame_bitmap_new            (LikertFrame   *self,
                                                       gboolean       all);
guint              likert_bitmap_count                (const guint64 *bits,
                                                       gsize          n_words);

/* The rows whose text (comments and other text fields) or note holds every word of text
 * (words as typed, each also matching longer words it starts). store is a connection to the
 * frame's project, on the calling thread. */
guint64           *likert_frame_search                (LikertFrame   *self,
                                                       LikertStore   *store,
                                                       const char    *text,
                                                       guint         *n_matches,
                                                       GError       **error);
/* The FTS5 query for text: each word quoted, as a prefix; NULL when text has no word. */
char              *likert_search_query                (const char    *text);

typedef enum {
  LIKERT_SORT_ROW,              /* file order */
  LIKERT_SORT_TIME,
  LIKERT_SORT_RATING,
  LIKERT_SORT_TAGS,             /* by the number of tags */
  LIKERT_SORT_TEXT,             /* responses with a comment (any text field) before the others */
  LIKERT_SORT_NOTE,             /* responses with a note before the others */
} LikertSortKey;

/* Patches the annotations of the rows that changes (LikertAnnotationChange, from
 * likert_history_batch_changes ()) touch; tags the frame does not know are added with name
 * looked up in store. Returns how many rows changed. Main thread, like every patch. */
guint              likert_frame_apply_changes         (LikertFrame   *self,
                                                       LikertStore   *store,
                                                       const GArray  *changes);

/* Whether a response has a note; edits patch it (main thread). */
gboolean           likert_frame_has_note              (LikertFrame   *self,
                                                       guint          row);
void               likert_frame_set_has_note          (LikertFrame   *self,
                                                       guint          row,
                                                       gboolean       has_note);

/* The rows set in filter (all when NULL), sorted by key (question for RATING; rows without
 * a time or a rating last), ties in row order. For TAGS, TEXT and NOTE, descending puts the
 * responses with most tags, or with a text or a note, first. */
guint             *likert_frame_sort_rows             (LikertFrame   *self,
                                                       const guint64 *filter,
                                                       LikertSortKey  key,
                                                       guint          question,
                                                       gboolean       descending,
                                                       guint         *n_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertFrame, likert_frame_unref)

G_END_DECLS
