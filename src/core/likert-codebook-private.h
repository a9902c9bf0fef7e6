/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-codebook.h"

G_BEGIN_DECLS

/* A tag as history records it: {"uuid", "id", "parent" (uuid or null), "name", "colour",
 * "description", "shortcut"}; NULL (error set) when there is no such tag. */
char     *_likert_codebook_tag_state   (LikertStore  *store,
                                        gint64        tag_id,
                                        GError      **error);
/* Inside the caller's transaction, takes a tag from state from to state to (either NULL, or an
 * object without "uuid", for no tag: the change created or deleted it). */
gboolean  _likert_codebook_apply_state (LikertStore  *store,
                                        const char   *from,
                                        const char   *to,
                                        GError      **error);

G_END_DECLS
