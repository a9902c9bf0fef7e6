/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LIKERT_TYPE_RESPONSE_ITEM (likert_response_item_get_type ())
G_DECLARE_FINAL_TYPE (LikertResponseItem, likert_response_item, LIKERT, RESPONSE_ITEM, GObject)

/* One row of the response list, made on demand by LikertResponseModel and dropped when the
 * list no longer shows it. Holds only the text the row displays. */
LikertResponseItem *likert_response_item_new          (gint64      response_id,
                                                       guint       row,
                                                       const char *time,
                                                       const char *rating,
                                                       const char *comment,
                                                       const char *tags,
                                                       const char *note);
gint64              likert_response_item_get_id       (LikertResponseItem *self);
guint               likert_response_item_get_row      (LikertResponseItem *self);
const char         *likert_response_item_get_time     (LikertResponseItem *self);
const char         *likert_response_item_get_rating   (LikertResponseItem *self);
const char         *likert_response_item_get_comment  (LikertResponseItem *self);
/* The comment as Pango markup: escaped, with the words a search matched in <b>. */
const char         *likert_response_item_get_comment_markup (LikertResponseItem *self);
/* For LikertResponseModel: markup must be valid Pango markup of the comment's text. */
void                likert_response_item_set_comment_markup (LikertResponseItem *self,
                                                             const char         *markup);
const char         *likert_response_item_get_tags     (LikertResponseItem *self);
const char         *likert_response_item_get_note     (LikertResponseItem *self);

G_END_DECLS
