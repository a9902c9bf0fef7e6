/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_FILTER_BAR (likert_filter_bar_get_type ())
G_DECLARE_FINAL_TYPE (LikertFilterBar, likert_filter_bar, LIKERT, FILTER_BAR, GtkWidget)

/* The filters over a frame: a text search (run on a worker thread with its own connection),
 * a facet per categorical field with a count beside every value, dates, ratings, tags, review
 * status; the segment field; saved views. It keeps the selection bitmap current and emits
 * "changed" when it changes; "error" (a GError) carries what the window should show once.
 *
 * Actions (group "filter"), for keyboard shortcuts and tests:
 *   filter.search s · filter.toggle-value (ss) field, value · filter.clear-field s ·
 *   filter.toggle-rating (si) question, value · filter.toggle-tag s · filter.tag-match s
 *   ("any", "all", "none") · filter.toggle-status s ("new", "reviewed", "flagged", "excluded") ·
 *   filter.set-range (xx) from, to (UTC seconds, [from, to); G_MININT64 / G_MAXINT64 leave an
 *   end open) · filter.clear-range · filter.segment s (a field, "" for none) ·
 *   filter.save-view s · filter.load-view s · filter.delete-view s · filter.clear ·
 *   filter.focus-search */
GtkWidget          *likert_filter_bar_new                (void);
/* frame and store (the main thread's connection: views) may be NULL to show nothing;
 * project_path is opened by the search worker. The filter is kept when the project is the
 * same (a re-import), its names the new frame lacks dropped. */
void                likert_filter_bar_set_frame          (LikertFilterBar    *self,
                                                          LikertFrame        *frame,
                                                          LikertStore        *store,
                                                          const char         *project_path);
/* The filter the bar shows (owned by the bar; change it with likert_filter_bar_set_filter). */
const LikertFilter *likert_filter_bar_get_filter         (LikertFilterBar    *self);
/* Shows filter (copied); names the frame lacks are dropped and reported by "error". */
void                likert_filter_bar_set_filter         (LikertFilterBar    *self,
                                                          const LikertFilter *filter);
/* The selection: a bitmap of the frame's rows (search applied), NULL without a frame. While
 * a search runs it is the previous selection, until "changed". */
const guint64      *likert_filter_bar_get_rows           (LikertFilterBar    *self,
                                                          guint              *n_selected);
/* The words the selection was searched for (to highlight), or NULL. */
const char         *likert_filter_bar_get_search         (LikertFilterBar    *self);
/* The categorical field to split statistics by, or -1 (property "segment"). */
int                 likert_filter_bar_get_segment        (LikertFilterBar    *self);
void                likert_filter_bar_set_segment        (LikertFilterBar    *self,
                                                          int                 category);
/* The counts beside the values of a categorical field (by code): the rows that pass every
 * filter but that field's. NULL when the frame has no such field. */
const guint64      *likert_filter_bar_get_facet_counts   (LikertFilterBar    *self,
                                                          const char         *field,
                                                          guint              *n_values);
/* After the frame was patched in place (status, tags): recomputes and emits "changed". */
void                likert_filter_bar_refresh            (LikertFilterBar    *self);
/* TRUE while a search runs. */
gboolean            likert_filter_bar_is_busy            (LikertFilterBar    *self);
void                likert_filter_bar_focus_search       (LikertFilterBar    *self);

G_END_DECLS
