/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_RESPONSE_MODEL (likert_response_model_get_type ())
G_DECLARE_FINAL_TYPE (LikertResponseModel, likert_response_model, LIKERT, RESPONSE_MODEL, GObject)

/* A lazy GListModel of LikertResponseItem over a frame: items are built when asked for (one
 * short query for the row's text) and not kept, so a million responses cost no GObjects.
 * It shows an array of frame rows (a filter's selection, sorted): all rows in frame order
 * until likert_response_model_set_rows () is called. */
LikertResponseModel *likert_response_model_new          (LikertStore         *store,
                                                         LikertFrame         *frame);
/* Shows these frame rows, in this order (rows is taken; NULL only when n_rows is 0): two
 * items-changed, (0, old, 0) then (0, 0, new). */
void                 likert_response_model_set_rows     (LikertResponseModel *self,
                                                         guint               *rows,
                                                         guint                n_rows);
/* The words of a search to highlight in the comments (items' comment markup); NULL or ""
 * for none. When the words change, the items still alive (the rows a view shows) are made
 * again: items-changed (p, k, k) over each run of them. */
void                 likert_response_model_set_highlight (LikertResponseModel *self,
                                                          const char          *text);
/* set_highlight () and set_rows () in one, the rows made once, with the new words. */
void                 likert_response_model_show         (LikertResponseModel *self,
                                                         guint               *rows,
                                                         guint                n_rows,
                                                         const char          *highlight);
const char          *likert_response_model_get_highlight (LikertResponseModel *self);
/* Shows only the first n_rows rows (n_rows > 0) until likert_response_model_release (), which
 * adds the others (items-changed (n_rows, 0, rest)); set_rows () ends it too. A view given a
 * held model makes its rows for those first ones, the rest in another turn of the main loop:
 * GTK 4.8 makes 200 rows of cells at once, about 100 ms. */
void                 likert_response_model_hold         (LikertResponseModel *self,
                                                         guint                n_rows);
void                 likert_response_model_release      (LikertResponseModel *self);
/* Tells views that the response's row changed (after an annotation edit). */
void                 likert_response_model_row_changed  (LikertResponseModel *self,
                                                         gint64               response_id);
/* Tells views that every row may have changed (after a bulk change or an undo): the live
 * items are made again, as likert_response_model_set_highlight () does. */
void                 likert_response_model_refresh      (LikertResponseModel *self);
gint64               likert_response_model_get_response_id (LikertResponseModel *self,
                                                            guint                position);
/* The frame row at position. */
guint                likert_response_model_get_row      (LikertResponseModel *self,
                                                         guint                position);
/* The position of a response in the model, or -1 when it is not shown. */
gint                 likert_response_model_find_position (LikertResponseModel *self,
                                                          gint64               response_id);

/* text as Pango markup, escaped, with every word that a search for search would match (the
 * words of search as prefixes, ignoring case and accents, as likert_search_query () asks
 * FTS5) in <b>…</b>. */
char                *likert_highlight_markup            (const char          *text,
                                                         const char          *search);

G_END_DECLS
