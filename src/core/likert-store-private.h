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
gboolean      _likert_store_begin_import (LikertStore  *self,
                                          gboolean     *journal_changed,
                                          GError      **error);
void          _likert_store_end_import (LikertStore  *self,
                                        gboolean      journal_changed);

/* A block of responses as response_block keeps it (schema 7), for the frame: consecutive ids,
 * all of one dataset, each column packed in id order. submitted_at: 8 bytes per response,
 * little-endian, G_MININT64 for none; has_text: a byte per response, 0 or 1; facets and
 * ratings: the response's own bytes (response.facets, response.ratings), facet_bytes and
 * rating_bytes of them each. The importer and the migration fill each one up to
 * LIKERT_BLOCK_MAX_ROWS consecutive responses of one dataset. */
#define LIKERT_BLOCK_MAX_ROWS 4096

typedef struct
{
  gint64  first_id;
  guint   n;
  gint64  dataset_id;
  gsize   facet_bytes;
  gsize   rating_bytes;
  guint8 *submitted_at;   /* each LIKERT_BLOCK_MAX_ROWS responses long */
  guint8 *has_text;
  guint8 *facets;         /* grown to the sizes of the first response added */
  guint8 *ratings;
  gsize   facet_room;     /* the bytes facets and ratings have room for, per response */
  gsize   rating_room;
} LikertBlock;

void          _likert_block_init  (LikertBlock       *block);
void          _likert_block_clear (LikertBlock       *block);
/* Whether a response of these joins the block: the next id, the same dataset and sizes, and
 * room (an empty block takes any response). */
gboolean      _likert_block_takes (const LikertBlock *block,
                                   gint64             id,
                                   gint64             dataset_id,
                                   gsize              facet_bytes,
                                   gsize              rating_bytes);
void          _likert_block_add   (LikertBlock       *block,
                                   gint64             id,
                                   gint64             dataset_id,
                                   gboolean           has_time,
                                   gint64             submitted_at,
                                   gboolean           has_text,
                                   const guint8      *facets,
                                   gsize              facet_bytes,
                                   const guint8      *ratings,
                                   gsize              rating_bytes);
/* In the caller's write transaction: the block, then empties it (nothing when empty). */
gboolean      _likert_store_write_block (LikertStore  *self,
                                         LikertBlock  *block,
                                         GError      **error);

/* The full-text index of the responses' text, built apart by an import. *definition is
 * response_text's CREATE statement when the index holds nothing yet (an index built apart
 * from the same definition may then replace it whole), else NULL; *page_size is the
 * project's. FALSE when the project could not be read. */
gboolean      _likert_store_describe_empty_index (LikertStore  *self,
                                                  char        **definition,
                                                  gint64       *page_size,
                                                  GError      **error);
/* Within the caller's write transaction (an empty index, as above): response_text takes the
 * index of the database at path, built from that definition. Then, after the commit or the
 * rollback, _likert_store_detach_index. */
gboolean      _likert_store_replace_index (LikertStore  *self,
                                           const char   *path,
                                           GError      **error);
void          _likert_store_detach_index (LikertStore  *self);
gboolean      _likert_store_step_done (LikertStore  *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
void          _likert_store_set_error (LikertStore  *self,
                                       GError      **error,
                                       const char   *what);
char         *_likert_json_string_array (const char * const *strv,
                                         gsize               n);
char         *_likert_uuid           (void);
void          _likert_json_append_string (GString    *out,
                                          const char *s);

/* History: within a write transaction (_likert_store_begin), rows recorded make one batch. */
gboolean      _likert_store_record_history (LikertStore  *self,
                                            gint64        response_id,
                                            const char   *author,
                                            const char   *what,
                                            const char   *before,
                                            const char   *after,
                                            GError      **error);
gint64        _likert_store_batch_time (LikertStore *self);
void          _likert_store_set_batch_origin (LikertStore *self,
                                              gint64       undoes,
                                              gint64       redoes);
gint64        _likert_store_get_last_batch (LikertStore *self);
gint64        _likert_store_get_session_floor (LikertStore *self);
char         *_likert_store_tag_ref  (const char   *uuid,
                                      const char   *name,
                                      const char   *author,
                                      gint64        at);

/* Writers of one annotation inside the caller's transaction, without history. */
gboolean      _likert_store_write_note (LikertStore  *self,
                                        gint64        response_id,
                                        const char   *note,
                                        const char   *author,
                                        char        **old_note,
                                        GError      **error);
gboolean      _likert_store_write_status (LikertStore   *self,
                                          gint64         response_id,
                                          LikertStatus   status,
                                          const char    *author,
                                          LikertStatus  *old_status,
                                          GError       **error);
gboolean      _likert_store_write_sentiment (LikertStore  *self,
                                             gint64        response_id,
                                             int           sentiment,
                                             const char   *author,
                                             int          *old_sentiment,
                                             GError      **error);
gboolean      _likert_store_write_tag (LikertStore  *self,
                                       gint64        response_id,
                                       gint64        tag_id,
                                       gboolean      active,
                                       const char   *author,
                                       gint64        at,
                                       char        **old_author,
                                       gint64       *old_at,
                                       gboolean     *changed,
                                       GError      **error);

G_END_DECLS
