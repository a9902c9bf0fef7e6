/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_RESPONSE_MODEL (likert_response_model_get_type ())
G_DECLARE_FINAL_TYPE (LikertResponseModel, likert_response_model, LIKERT, RESPONSE_MODEL, GObject)

/* A lazy GListModel of LikertResponseItem over a frame: items are built when asked for (one
 * short query for the row's text) and not kept, so a million responses cost no GObjects. */
LikertResponseModel *likert_response_model_new          (LikertStore         *store,
                                                         LikertFrame         *frame);
/* Tells views that the response's row changed (after an annotation edit). */
void                 likert_response_model_row_changed  (LikertResponseModel *self,
                                                         gint64               response_id);
gint64               likert_response_model_get_response_id (LikertResponseModel *self,
                                                            guint                position);

G_END_DECLS
