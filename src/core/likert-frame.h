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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertFrame, likert_frame_unref)

G_END_DECLS
