/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "likert-store.h"

G_BEGIN_DECLS

/* For the other core modules (import, frame): raw access within the store's rules. */
sqlite3      *_likert_store_get_db   (LikertStore  *self);
sqlite3_stmt *_likert_store_prepare  (LikertStore  *self,
                                      const char   *sql,
                                      GError      **error);
gboolean      _likert_store_begin    (LikertStore  *self,
                                      GError      **error);
gboolean      _likert_store_begin_read (LikertStore  *self,
                                        GError      **error);
gboolean      _likert_store_commit   (LikertStore  *self,
                                      GError      **error);
void          _likert_store_rollback (LikertStore  *self);
gboolean      _likert_store_step_done (LikertStore  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
void          _likert_store_set_error (LikertStore  *self,
                                       GError      **error,
                                       const char   *what);
char         *_likert_json_string_array (const char * const *strv,
                                         gsize               n);
char         *_likert_uuid           (void);

G_END_DECLS
