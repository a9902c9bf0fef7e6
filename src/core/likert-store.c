/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "likert-codebook.h"
#include "likert-facets.h"
#include "likert-store-private.h"

struct _LikertStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* const char *sql → sqlite3_stmt * */
  gboolean    checked;      /* quick_check ran at open (rather than a remembered one) */
  gboolean    verified;     /* the file passed quick_check, now or before */

  /* History: every transaction that records history is one batch (one user action). */
  gint64      batch;        /* the batch of the transaction under way; 0 until it records */
  gint64      batch_at;     /* its time, shared by its rows */
  gint64      batch_undoes; /* the batch it reverts, when it is an undo */
  gint64      batch_redoes; /* the undo batch it reverts, when it is a redo */
  gint64      last_batch;   /* the batch of the last transaction committed that recorded one */
  gint64      session_floor; /* batches up to this one were written before this store opened */
};

G_DEFINE_FINAL_TYPE (LikertStore, likert_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (likert-store-error-quark, likert_store_error)

/* Forward migrations: migrations[i] takes user_version i to i + 1. Never edit a landed step. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE dataset ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  source_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  encoding TEXT NOT NULL,"
  "  dialect TEXT NOT NULL,"
  "  shape TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE field ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER NOT NULL REFERENCES dataset (id),"
  "  position INTEGER NOT NULL,"
  "  header TEXT NOT NULL,"
  "  role TEXT NOT NULL,"
  "  scale_min INTEGER,"
  "  scale_max INTEGER,"
  "  labels TEXT,"
  "  label_of INTEGER REFERENCES field (id),"
  "  UNIQUE (dataset_id, position)"
  ");"
  /* response.record is numbered by the importer, in file order, per dataset: no index is kept
   * for it (one fewer B-tree per inserted row); file order is id order. */
  "CREATE TABLE response ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER NOT NULL REFERENCES dataset (id),"
  "  record INTEGER NOT NULL,"
  "  line INTEGER NOT NULL,"
  "  response_key TEXT,"
  "  submitted_at INTEGER,"
  "  cells TEXT NOT NULL"
  ");"
  "CREATE TABLE answer ("
  "  response_id INTEGER NOT NULL REFERENCES response (id),"
  "  field_id INTEGER NOT NULL REFERENCES field (id),"
  "  value INTEGER NOT NULL,"
  "  PRIMARY KEY (response_id, field_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE annotation ("
  "  response_id INTEGER PRIMARY KEY REFERENCES response (id),"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  note TEXT NOT NULL DEFAULT '',"
  "  status INTEGER NOT NULL DEFAULT 0,"
  "  author TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES tag (id),"
  "  name TEXT NOT NULL,"
  "  colour TEXT,"
  "  shortcut TEXT"
  ");"
  "CREATE UNIQUE INDEX tag_name ON tag (ifnull (parent_id, 0), name);"
  "CREATE TABLE response_tag ("
  "  response_id INTEGER NOT NULL REFERENCES response (id),"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id),"
  "  author TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (response_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX response_tag_tag ON response_tag (tag_id);"
  "CREATE TABLE history ("
  "  id INTEGER PRIMARY KEY,"
  "  response_id INTEGER REFERENCES response (id),"
  "  author TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  what TEXT NOT NULL,"
  "  before TEXT,"
  "  after TEXT"
  ");"
  "CREATE INDEX history_response ON history (response_id);",

  /* 1 → 2: each import recorded apart from its dataset (a dataset grows by re-imports of newer
   * exports); full-text search over the responses' text fields. */
  "CREATE TABLE import ("
  "  id INTEGER PRIMARY KEY,"
  "  dataset_id INTEGER NOT NULL REFERENCES dataset (id),"
  "  source_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  size INTEGER NOT NULL,"
  "  encoding TEXT NOT NULL,"
  "  dialect TEXT NOT NULL,"
  "  shape TEXT NOT NULL,"
  "  header_rows INTEGER NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  author TEXT,"
  "  n_records INTEGER NOT NULL,"
  "  n_new INTEGER NOT NULL,"
  "  n_duplicates INTEGER NOT NULL,"
  "  n_skipped INTEGER NOT NULL,"
  "  skipped TEXT"
  ");"
  "INSERT INTO import (id, dataset_id, source_name, sha256, size, encoding, dialect, shape, "
  "  header_rows, imported_at, n_records, n_new, n_duplicates, n_skipped) "
  "  SELECT d.id, d.id, d.source_name, d.sha256, 0, d.encoding, d.dialect, d.shape, 1, "
  "    d.imported_at, n, n, 0, 0 "
  "  FROM (SELECT d.*, (SELECT count (*) FROM response r WHERE r.dataset_id = d.id) AS n "
  "        FROM dataset d) d;"
  "ALTER TABLE response ADD COLUMN import_id INTEGER REFERENCES import (id);"
  "ALTER TABLE field ADD COLUMN question TEXT;"
  "ALTER TABLE field ADD COLUMN metadata INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE field_value ("
  "  field_id INTEGER NOT NULL REFERENCES field (id),"
  "  code INTEGER NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (field_id, code)"
  ") WITHOUT ROWID;"
  "ALTER TABLE response ADD COLUMN facets BLOB;"
  /* What the frame reads of every response, narrow: opening reads this, not the cells. */
  "CREATE INDEX response_frame ON response (id, dataset_id, submitted_at, facets);"
  "CREATE VIRTUAL TABLE note_text USING fts5 ("
  "  note, content = '', tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO note_text (rowid, note) SELECT response_id, note FROM annotation WHERE note != '';"
  "CREATE TABLE view ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  definition TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "UPDATE response SET import_id = dataset_id;"
  "CREATE VIRTUAL TABLE response_text USING fts5 ("
  "  text, content = '', tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO response_text (rowid, text) "
  "  SELECT r.id, group_concat (j.value, ' ') FROM response r "
  "  JOIN field f ON f.dataset_id = r.dataset_id AND f.role = 'text' "
  "  JOIN json_each (r.cells) j ON j.key = f.position "
  "  WHERE j.value != '' GROUP BY r.id;"
  /* The codebook: a description per tag, and one-key shortcuts unique among tags. */
  "ALTER TABLE tag ADD COLUMN description TEXT NOT NULL DEFAULT '';"
  "UPDATE tag SET shortcut = NULL WHERE shortcut = '' OR id NOT IN "
  "  (SELECT min (id) FROM tag WHERE shortcut IS NOT NULL GROUP BY shortcut);"
  "CREATE UNIQUE INDEX tag_shortcut ON tag (shortcut) WHERE shortcut IS NOT NULL;"
  "CREATE INDEX tag_parent ON tag (parent_id);"
  /* A manual sentiment per response: -1, 0, +1, or NULL for none. */
  "ALTER TABLE annotation ADD COLUMN sentiment INTEGER CHECK (sentiment BETWEEN -1 AND 1);"
  /* History in batches (one per user action; a bulk action is one batch of many rows); an undo
   * is a new batch that reverts one (undoes), a redo one that reverts an undo (redoes). */
  "ALTER TABLE history ADD COLUMN batch INTEGER;"
  "ALTER TABLE history ADD COLUMN undoes INTEGER;"
  "ALTER TABLE history ADD COLUMN redoes INTEGER;"
  "UPDATE history SET batch = id;"
  "CREATE INDEX history_batch ON history (batch);"
  "CREATE INDEX history_undoes ON history (undoes) WHERE undoes IS NOT NULL;"
  "CREATE INDEX history_redoes ON history (redoes) WHERE redoes IS NOT NULL;",

  /* 2 → 3: the index of the responses' text keeps which responses hold each word, not where
   * (detail = none). A search asks for words and the words they begin (likert_search_query),
   * never for phrases or nearness, so it finds the same responses; the index is half the size,
   * and a million-row import builds it with a fifth less work. */
  "DROP TABLE response_text;"
  "CREATE VIRTUAL TABLE response_text USING fts5 ("
  "  text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO response_text (rowid, text) "
  "  SELECT r.id, group_concat (j.value, char (10)) FROM response r "
  "  JOIN field f ON f.dataset_id = r.dataset_id AND f.role = 'text' "
  "  JOIN json_each (r.cells) j ON j.key = f.position "
  "  WHERE j.value != '' GROUP BY r.id;",

  /* 3 → 4: which responses have text is kept with each response (has_text, read with the
   * frame's other columns from response_frame), not as a row per document beside the index:
   * the text index keeps no column sizes (columnsize = 0), which nothing reads, and a
   * million-row import builds it with a fifth less work. A contentless FTS5 table without
   * them cannot be scanned, so the flag is taken from the old index before it is rebuilt. */
  "ALTER TABLE response ADD COLUMN has_text INTEGER NOT NULL DEFAULT 0;"
  "UPDATE response SET has_text = 1 WHERE id IN (SELECT rowid FROM response_text);"
  "DROP INDEX response_frame;"
  "CREATE INDEX response_frame ON response (id, dataset_id, submitted_at, facets, has_text);"
  "DROP TABLE response_text;"
  "CREATE VIRTUAL TABLE response_text USING fts5 ("
  "  text, content = '', detail = none, columnsize = 0,"
  "  tokenize = 'unicode61 remove_diacritics 2'"
  ");"
  "INSERT INTO response_text (rowid, text) "
  "  SELECT r.id, group_concat (j.value, char (10)) FROM response r "
  "  JOIN field f ON f.dataset_id = r.dataset_id AND f.role = 'text' "
  "  JOIN json_each (r.cells) j ON j.key = f.position "
  "  WHERE j.value != '' GROUP BY r.id;",

  /* 4 → 5: a response's ratings in the response row (encode_ratings () fills them from the
   * answers of schema 4): one byte per RATING field of its dataset, in column order, the
   * value's place on the field's scale (value − scale_min + 1); 0, or no byte (the value
   * shorter, or NULL), for no answer. 5 → 6 then drops the answer table. */
  "ALTER TABLE response ADD COLUMN ratings BLOB;",

  /* 5 → 6: no answer table. A row per answer was a second B-tree insert per response, a fifth
   * of a million-row import's writing; the frame now reads the ratings with its other columns
   * from response_frame. answer stays, as a view decoding response.ratings, for SQL that reads
   * answers (k: the field's place among its dataset's ratings). */
  "DROP TABLE answer;"
  "CREATE VIEW answer (response_id, field_id, value) AS "
  "  SELECT r.id, f.id, f.scale_min - 1 + unicode (CAST (substr (r.ratings, f.k, 1) AS TEXT)) "
  "  FROM (SELECT g.id, g.dataset_id, g.scale_min, "
  "          (SELECT count (*) FROM field h WHERE h.dataset_id = g.dataset_id "
  "             AND h.role = 'rating' AND h.position <= g.position) AS k "
  "        FROM field g WHERE g.role = 'rating') f "
  "  JOIN response r ON r.dataset_id = f.dataset_id "
  "  WHERE unicode (CAST (substr (r.ratings, f.k, 1) AS TEXT)) > 0;"
  "DROP INDEX response_frame;"
  "CREATE INDEX response_frame ON response (id, dataset_id, submitted_at, facets, has_text, "
  "  ratings);",

  /* 6 → 7: what the frame reads of the responses, packed: a row per block of responses with
   * consecutive ids, all of one dataset, each column a blob of the block's values in id order
   * (see LikertBlock in likert-store-private.h; encode_blocks () fills it from the responses
   * of schema 6). Not the response_frame index: its entry per response was a second B-tree
   * insert, 28 % of a large import's writing, and opening read it a row at a time. The
   * responses keep these columns, for SQL. */
  "DROP INDEX response_frame;"
  "CREATE TABLE response_block ("
  "  first_id INTEGER PRIMARY KEY,"
  "  n INTEGER NOT NULL CHECK (n > 0),"
  "  dataset_id INTEGER NOT NULL REFERENCES dataset (id),"
  "  submitted_at BLOB NOT NULL,"
  "  has_text BLOB NOT NULL,"
  "  facet_bytes INTEGER NOT NULL,"
  "  facets BLOB,"
  "  rating_bytes INTEGER NOT NULL,"
  "  ratings BLOB"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == LIKERT_STORE_SCHEMA_VERSION);

static gboolean encode_facets (LikertStore *self, GError **error);
static gboolean encode_ratings (LikertStore *self, GError **error);
static gboolean encode_blocks (LikertStore *self, GError **error);

/* Steps in C after a migration's SQL, in the same transaction (NULL: none). */
static gboolean (* const migration_code[]) (LikertStore *, GError **) = {
  NULL,
  encode_facets,
  NULL,
  NULL,
  encode_ratings,
  NULL,
  encode_blocks,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migration_code) == LIKERT_STORE_SCHEMA_VERSION);

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

typedef struct
{
  char str[24];
} NumberText;

/* A number as text, so that translatable messages need no platform format macros. */
static NumberText
number_text (gint64 n)
{
  NumberText text;

  g_snprintf (text.str, sizeof text.str, "%" G_GINT64_FORMAT, n);
  return text;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_likert_store_set_error (LikertStore  *self,
                         GError      **error,
                         const char   *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  LikertStoreError kind = LIKERT_STORE_ERROR_IO;

  if (primary == SQLITE_NOTADB)
    kind = LIKERT_STORE_ERROR_NOT_A_PROJECT;
  else if (primary == SQLITE_CORRUPT)
    kind = LIKERT_STORE_ERROR_CORRUPT;
  else if (primary == SQLITE_CONSTRAINT || primary == SQLITE_MISMATCH)
    kind = LIKERT_STORE_ERROR_INVALID;

  /* Translators: the first %s is a file name, the second what failed, the third SQLite's reason */
  g_set_error (error, LIKERT_STORE_ERROR, kind, _("%s: %s: %s"),
               self->path, what, sqlite3_errmsg (self->db));
}

sqlite3 *
_likert_store_get_db (LikertStore *self)
{
  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);
  return self->db;
}

/* Statements are prepared once per connection and cached by the address of their SQL, which
 * must be a string literal (the same text at two addresses is merely prepared twice). */
sqlite3_stmt *
_likert_store_prepare (LikertStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _likert_store_set_error (self, error, _("Could not prepare a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_likert_store_step_done (LikertStore   *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _likert_store_set_error (self, error, _("Could not write to the project"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Runs a script of this file's own: the migrations, pragmas and transaction statements, all
 * literals (the one built with printf is "PRAGMA user_version = <integer>", which cannot take a
 * bound value). Nothing from a user or a file ever reaches it: those go through _prepare and
 * bound parameters. */
static gboolean
exec (LikertStore  *self,
      const char   *sql,
      GError      **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO, "%s: %s",
                   self->path, message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static void
reset_batch (LikertStore *self)
{
  self->batch = 0;
  self->batch_at = 0;
  self->batch_undoes = 0;
  self->batch_redoes = 0;
}

/* A write transaction: its history rows, if any, make one batch. */
gboolean
_likert_store_begin (LikertStore  *self,
                     GError      **error)
{
  reset_batch (self);
  return exec (self, "BEGIN IMMEDIATE", error);
}

/* A read transaction: what it reads is one snapshot, whatever other connections write. */
gboolean
_likert_store_begin_read (LikertStore  *self,
                          GError      **error)
{
  return exec (self, "BEGIN", error);
}

gboolean
_likert_store_commit (LikertStore  *self,
                      GError      **error)
{
  if (sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      /* Said before the rollback, while SQLite still has the reason (a full disk, say). */
      _likert_store_set_error (self, error, _("Could not save the changes"));
      _likert_store_rollback (self);
      return FALSE;
    }
  if (self->batch != 0)
    self->last_batch = self->batch;
  reset_batch (self);
  return TRUE;
}

void
_likert_store_rollback (LikertStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  reset_batch (self);
}

static gint64
pragma_int (LikertStore *self,
            const char  *sql,
            gboolean    *ok)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  *ok = FALSE;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      *ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return value;
}

/* An import's write transaction (commit or roll it back, then _likert_store_end_import).
 *
 * Foreign keys are not checked in it: an import writes only ids it has just made or read (its
 * dataset, its import, its responses, their fields), and checking the references of every
 * response and answer was a fifth of SQLite's work (tests/core/test-import.c checks
 * PRAGMA foreign_key_check after imports).
 *
 * A project without responses (a new one) is written in rollback-journal mode for the
 * transaction: the pages after the file's end need no journal, so each page is written once,
 * where WAL writes it to the log and then again into the file at the checkpoint (for a
 * million rows, 280 MB twice). A crash still leaves the project as it was: SQLite rolls the
 * hot journal back at the next open. SQLite leaves WAL only when no other connection has the
 * project open; otherwise the import runs in WAL. *journal_changed says which, for
 * _likert_store_end_import. */
gboolean
_likert_store_begin_import (LikertStore  *self,
                            gboolean     *journal_changed,
                            GError      **error)
{
  gboolean ok;
  gint64 has_responses;

  *journal_changed = FALSE;
  has_responses = pragma_int (self, "SELECT EXISTS (SELECT 1 FROM response)", &ok);
  if (!ok)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return FALSE;
    }
  if (!exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!has_responses)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL)
          == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        *journal_changed = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
      sqlite3_finalize (stmt);
    }
  if (!_likert_store_begin (self, error))
    {
      _likert_store_end_import (self, *journal_changed);
      return FALSE;
    }
  return TRUE;
}

/* After an import's transaction: foreign keys checked again, and the project back in WAL. */
void
_likert_store_end_import (LikertStore *self,
                          gboolean     journal_changed)
{
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (journal_changed)
    sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
}

/* The index of the responses' text built apart: a survey's first import into a project whose
 * index is empty builds it in a database of its own, on a thread of its own (likert-import.c),
 * and the project then takes its tables whole. These are the FTS5 shadow tables of the
 * contentless response_text without column sizes (no _content or _docsize table): the copy
 * below names them, so the index is only built apart while the project has exactly these
 * three. */
#define INDEX_SHADOW_TABLES 3

gboolean
_likert_store_describe_empty_index (LikertStore  *self,
                                    char        **definition,
                                    gint64       *page_size,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean empty = FALSE;
  gboolean ok;

  *definition = NULL;
  *page_size = 0;

  /* Empty: no document ever written (the averages record, id 1, is blank until the first
   * one, and the data holds it and the structure record alone), no setting but the version
   * FTS5 writes (a twin built apart would be built without them) and the three tables. */
  stmt = _likert_store_prepare (self,
                                "SELECT (SELECT count (*) FROM response_text_data) = 2 "
                                "  AND EXISTS (SELECT 1 FROM response_text_data "
                                "              WHERE id = 1 AND length (block) = 0) "
                                "  AND NOT EXISTS (SELECT 1 FROM response_text_config "
                                "                  WHERE k != 'version') "
                                "  AND (SELECT count (*) FROM sqlite_schema WHERE type = 'table' "
                                "       AND name GLOB 'response_text_*') = "
                                G_STRINGIFY (INDEX_SHADOW_TABLES) ", "
                                "  (SELECT sql FROM sqlite_schema "
                                "   WHERE type = 'table' AND name = 'response_text')",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  empty = sqlite3_column_int (stmt, 0) != 0;
  /* Only a virtual table's definition: it is run on another connection. */
  if (empty && sqlite3_column_type (stmt, 1) == SQLITE_TEXT &&
      g_ascii_strncasecmp ((const char *) sqlite3_column_text (stmt, 1),
                           "CREATE VIRTUAL TABLE ", strlen ("CREATE VIRTUAL TABLE ")) == 0)
    *definition = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (*definition == NULL)
    return TRUE;

  *page_size = pragma_int (self, "PRAGMA main.page_size", &ok);
  if (!ok)
    {
      g_clear_pointer (definition, g_free);
      _likert_store_set_error (self, error, _("Could not read the project"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_likert_store_replace_index (LikertStore  *self,
                             const char   *path,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  /* ATTACH works within a transaction (DETACH does not: _likert_store_detach_index). */
  stmt = _likert_store_prepare (self, "ATTACH ? AS likert_index", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the search index"));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  /* FTS5 keeps the index's structure of the last read, per connection, and reads it again
   * only after another connection's commit or a rollback: were this connection to have read
   * the empty index before, it would go on finding nothing, and its next insert would write
   * that empty structure back over the copied one. A write rolled back to a savepoint makes
   * it forget; nothing reads the index between that and the copy. */
  if (sqlite3_exec (self->db,
                    "SAVEPOINT likert_index;"
                    "INSERT INTO main.response_text (rowid, text) VALUES (0, '');"
                    "ROLLBACK TO likert_index;"
                    "RELEASE likert_index;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      _likert_store_set_error (self, error, _("Could not copy the search index into the project"));
      return FALSE;
    }

  /* Shadow tables are read-only to SQL in defensive mode: off for the copy alone. The data,
   * written by the same FTS5 as the project's, from the same definition, replaces the empty
   * index whole; the config (only its version row, as _describe_empty_index checked) goes
   * with the data it describes. The tables are empty after DELETE, so each INSERT … SELECT *
   * copies the records as they are (SQLite's transfer optimisation). */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 0, NULL);
  ok = sqlite3_exec (self->db,
                     "DELETE FROM main.response_text_data;"
                     "DELETE FROM main.response_text_idx;"
                     "DELETE FROM main.response_text_config;"
                     "INSERT INTO main.response_text_data "
                     "  SELECT * FROM likert_index.response_text_data;"
                     "INSERT INTO main.response_text_idx "
                     "  SELECT * FROM likert_index.response_text_idx;"
                     "INSERT INTO main.response_text_config "
                     "  SELECT * FROM likert_index.response_text_config;",
                     NULL, NULL, NULL) == SQLITE_OK;
  /* Said while SQLite still has the reason (a full disk, say). */
  if (!ok)
    _likert_store_set_error (self, error, _("Could not copy the search index into the project"));
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  return ok;
}

/* After the transaction of _likert_store_replace_index, committed or rolled back (the attached
 * database is locked until then), and before _likert_store_end_import (whose journal mode
 * would otherwise apply to it as well). Does nothing when it is not attached. */
void
_likert_store_detach_index (LikertStore *self)
{
  if (sqlite3_db_filename (self->db, "likert_index") == NULL)
    return;
  if (sqlite3_exec (self->db, "DETACH likert_index", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not detach the search index: %s", sqlite3_errmsg (self->db));
}

/* Appends s (NULL: "") as a JSON string, quotes included. */
void
_likert_json_append_string (GString    *out,
                            const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s ? s : ""; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

char *
_likert_json_string_array (const char * const *strv,
                           gsize               n)
{
  GString *out = g_string_sized_new (64 + n * 16);

  g_string_append_c (out, '[');
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      _likert_json_append_string (out, strv[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

char *
_likert_uuid (void)
{
  return g_uuid_string_random ();
}

const char *
likert_default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *empty,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char buffer[16];
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not open “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (buffer, 1, sizeof buffer, file);
  fclose (file);

  *empty = (n == 0);
  if (n == 0)
    return TRUE;
  if (n < sizeof buffer || memcmp (buffer, magic, sizeof magic) != 0)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Likert project: it is not an SQLite database"), path);
      return FALSE;
    }
  return TRUE;
}

/* Schema 5: each response's answers (the answer table of schema 4) as its ratings. */
typedef struct
{
  guint byte;       /* k - 1 for its dataset's k-th rating field */
  int   scale_min;
  int   scale_max;
} RatingPlace;

static gboolean
encode_ratings (LikertStore  *self,
                GError      **error)
{
  g_autoptr(GPtrArray) fields = likert_store_list_fields (self, error);
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(GByteArray) ratings = g_byte_array_new ();
  sqlite3_stmt *stmt = NULL;
  gint64 current = 0;
  gboolean more;
  int rc = SQLITE_DONE;

  if (fields == NULL)
    return FALSE;
  /* Fields come by dataset and position. */
  for (guint i = 0, k = 0; i < fields->len; i++)
    {
      LikertField *field = g_ptr_array_index (fields, i);
      RatingPlace *place;

      if (i > 0 && ((LikertField *) g_ptr_array_index (fields, i - 1))->dataset_id !=
                   field->dataset_id)
        k = 0;
      if (field->role != LIKERT_ROLE_RATING)
        continue;
      place = g_new (RatingPlace, 1);
      *place = (RatingPlace) { k++, field->scale_min, field->scale_max };
      g_hash_table_insert (places, g_memdup2 (&field->id, sizeof field->id), place);
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT response_id, field_id, value FROM answer "
                          "ORDER BY response_id, field_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return FALSE;
    }
  do
    {
      gint64 id = 0;
      gint64 field_id;
      const RatingPlace *place;

      more = (rc = sqlite3_step (stmt)) == SQLITE_ROW;
      if (more)
        id = sqlite3_column_int64 (stmt, 0);
      if (current != 0 && (!more || id != current))
        {
          sqlite3_stmt *update = _likert_store_prepare (self, "UPDATE response SET ratings = ? "
                                                              "WHERE id = ?", error);

          if (update == NULL)
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          sqlite3_bind_blob (update, 1, ratings->data, (int) ratings->len, SQLITE_STATIC);
          sqlite3_bind_int64 (update, 2, current);
          if (!_likert_store_step_done (self, update, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_byte_array_set_size (ratings, 0);
        }
      if (!more)
        break;
      current = id;
      field_id = sqlite3_column_int64 (stmt, 1);
      place = g_hash_table_lookup (places, &field_id);
      if (place != NULL)
        {
          static const guint8 none = 0;
          int value = sqlite3_column_int (stmt, 2);

          while (ratings->len <= place->byte)
            g_byte_array_append (ratings, &none, 1);
          ratings->data[place->byte] = likert_rating_code (value, place->scale_min,
                                                           place->scale_max);
        }
    }
  while (more);
  /* A read that failed part way is no end of the answers: the migration fails whole. */
  if (rc != SQLITE_DONE)
    _likert_store_set_error (self, error, _("Could not read the project"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* Schema 2: dictionary-encodes the categorical fields of responses imported before it. */
static gboolean
encode_facets (LikertStore  *self,
               GError      **error)
{
  g_autoptr(GPtrArray) fields = likert_store_list_fields (self, error);
  g_autoptr(GArray) datasets = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (fields == NULL)
    return FALSE;
  for (guint i = 0; i < fields->len; i++)
    {
      gint64 id = ((LikertField *) g_ptr_array_index (fields, i))->dataset_id;

      if (datasets->len == 0 || g_array_index (datasets, gint64, datasets->len - 1) != id)
        g_array_append_val (datasets, id);
    }

  for (guint d = 0; d < datasets->len; d++)
    {
      gint64 dataset_id = g_array_index (datasets, gint64, d);
      g_autoptr(GPtrArray) by_position = g_ptr_array_new ();
      g_autoptr(LikertFacetCoder) coder = NULL;
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autofree guint8 *facets = NULL;
      sqlite3_stmt *stmt;
      gint64 current = 0;
      gboolean more;
      int rc = SQLITE_DONE;

      for (guint i = 0; i < fields->len; i++)
        {
          LikertField *field = g_ptr_array_index (fields, i);

          if (field->dataset_id != dataset_id)
            continue;
          if (by_position->len <= field->position)
            g_ptr_array_set_size (by_position, (int) field->position + 1);
          g_ptr_array_index (by_position, field->position) = field;
        }
      coder = likert_facet_coder_new (self, (LikertField * const *) by_position->pdata,
                                      by_position->len, error);
      if (coder == NULL)
        return FALSE;
      if (likert_facet_coder_size (coder) == 0)
        continue;
      facets = g_malloc (likert_facet_coder_size (coder));

      /* Cells come as (response, key, value) rows in order; encode at each new response. */
      stmt = NULL;
      if (sqlite3_prepare_v2 (self->db,
                              "SELECT r.id, j.value FROM response r, json_each (r.cells) j "
                              "WHERE r.dataset_id = ? ORDER BY r.id, j.key",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          _likert_store_set_error (self, error, _("Could not read the project"));
          return FALSE;
        }
      sqlite3_bind_int64 (stmt, 1, dataset_id);
      do
        {
          gint64 id = 0;

          more = (rc = sqlite3_step (stmt)) == SQLITE_ROW;
          if (more)
            id = sqlite3_column_int64 (stmt, 0);
          if (current != 0 && (!more || id != current))
            {
              sqlite3_stmt *update;

              if (!likert_facet_coder_encode (coder, (const char * const *) cells->pdata, NULL,
                                              cells->len, facets, NULL, error) ||
                  (update = _likert_store_prepare (self, "UPDATE response SET facets = ? "
                                                         "WHERE id = ?", error)) == NULL)
                {
                  sqlite3_finalize (stmt);
                  return FALSE;
                }
              sqlite3_bind_blob (update, 1, facets, (int) likert_facet_coder_size (coder),
                                 SQLITE_STATIC);
              sqlite3_bind_int64 (update, 2, current);
              if (!_likert_store_step_done (self, update, error))
                {
                  sqlite3_finalize (stmt);
                  return FALSE;
                }
              g_ptr_array_set_size (cells, 0);
            }
          if (more)
            {
              current = id;
              g_ptr_array_add (cells, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
            }
        }
      while (more);
      /* A read that failed part way is no end of the cells: the migration fails whole. */
      if (rc != SQLITE_DONE)
        {
          _likert_store_set_error (self, error, _("Could not read the project"));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

static gboolean
migrate (LikertStore  *self,
         gint64        from,
         GError      **error)
{
  /* A project migrates one version per transaction, so that a step that fails leaves it at
   * the version before; a new one is made in a single transaction (it becomes a project
   * whole, or stays an empty file), which spares a sync per version. */
  const gboolean at_once = from == 0;

  if (at_once && !_likert_store_begin (self, error))
    return FALSE;
  for (gint64 version = from; version < LIKERT_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *bump = NULL;

      if (!at_once && !_likert_store_begin (self, error))
        return FALSE;
      bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!exec (self, migrations[version], error) ||
          (migration_code[version] != NULL && !migration_code[version] (self, error)) ||
          !exec (self, bump, error))
        {
          _likert_store_rollback (self);
          return FALSE;
        }
      if (version == 0 &&
          !exec (self, "PRAGMA application_id = " G_STRINGIFY (LIKERT_STORE_APPLICATION_ID), error))
        {
          _likert_store_rollback (self);
          return FALSE;
        }
      if (!at_once && !_likert_store_commit (self, error))
        return FALSE;
    }
  return !at_once || _likert_store_commit (self, error);
}

/* A check could not read the file: damaged (a page cut off or garbled, a schema that does
 * not parse), or an I/O error. */
static void
set_read_error (LikertStore  *self,
                GError      **error)
{
  int primary = sqlite3_extended_errcode (self->db) & 0xff;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_ERROR)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                 /* Translators: the second %s is SQLite's reason */
                 _("“%s” is damaged and cannot be opened safely (%s)"),
                 self->path, sqlite3_errmsg (self->db));
  else
    _likert_store_set_error (self, error, _("Could not read the project"));
}

/* The objects a project of schema version `version` holds, as the migrations create them
 * (read back from an in-memory database migrated to that version by this SQLite): name →
 * "type\ntbl_name\nsql" (sql empty for SQLite's automatic indexes). */
static GHashTable *
expected_schema (gint64        version,
                 const char   *path,
                 GError      **error)
{
  g_autoptr(GHashTable) objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;
  int rc;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO, "%s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  for (gint64 v = 0; v < version; v++)
    if (sqlite3_exec (db, migrations[v], NULL, NULL, &message) != SQLITE_OK)
      {
        g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO, "%s: %s", path,
                     message != NULL ? message : sqlite3_errmsg (db));
        sqlite3_free (message);
        sqlite3_close (db);
        return NULL;
      }

  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, ifnull (sql, '') FROM sqlite_schema",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_hash_table_insert (objects, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           g_strdup_printf ("%s\n%s\n%s", sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 2),
                                            sqlite3_column_text (stmt, 3)));
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO, "%s: %s", path,
                   sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&objects);
}

static const char *
object_kind (const char *type)
{
  if (g_strcmp0 (type, "table") == 0)
    return C_("database object", "table");
  if (g_strcmp0 (type, "index") == 0)
    return C_("database object", "index");
  if (g_strcmp0 (type, "view") == 0)
    return C_("database object", "view");
  if (g_strcmp0 (type, "trigger") == 0)
    return C_("database object", "trigger");
  return C_("database object", "object");
}

/* The schema whitelist: every table, index, view and trigger of the file must be one the
 * migrations create for its version, with the same definition, and none may be missing. A
 * project is shared by email: a trigger, a view, a column or an index added by hand could run
 * or change what Likert reads, so the file is refused before any statement touches a user
 * table. The only object allowed beyond them is sqlite_stat1 as ANALYZE creates it (query
 * planner statistics). Comparing SQL text exactly is safe: SQLite stores a CREATE statement as
 * written, and ALTER TABLE ADD COLUMN edits it the same way in every version. */
static gboolean
check_schema (LikertStore  *self,
              gint64        version,
              GError      **error)
{
  g_autoptr(GHashTable) expected = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  expected = expected_schema (version, self->path, error);
  if (expected == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT ifnull (type, ''), ifnull (name, ''), ifnull (tbl_name, ''), "
                           "ifnull (sql, '') FROM sqlite_schema",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *type = (const char *) sqlite3_column_text (stmt, 0);
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        g_autofree char *found = g_strdup_printf ("%s\n%s\n%s", type,
                                                  sqlite3_column_text (stmt, 2),
                                                  sqlite3_column_text (stmt, 3));
        const char *want;

        want = g_hash_table_lookup (expected, name);
        if (want == NULL && g_str_equal (name, "sqlite_stat1") &&
            g_str_equal (found, "table\nsqlite_stat1\nCREATE TABLE sqlite_stat1(tbl,idx,stat)"))
          continue;
        if (want == NULL)
          {
            g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                         /* Translators: the first %s is a file name, the second a kind of
                          * database object ("table", "trigger", …), the third its name */
                         _("“%s” was altered outside Likert and is not opened: the %s “%s” "
                           "is not part of a Likert project"),
                         self->path, object_kind (type), name);
            sqlite3_finalize (stmt);
            return FALSE;
          }
        if (!g_str_equal (want, found))
          {
            g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                         /* Translators: the first %s is a file name, the second a kind of
                          * database object ("table", "index", …), the third its name */
                         _("“%s” was altered outside Likert and is not opened: the %s “%s” "
                           "is not defined as Likert defines it"),
                         self->path, object_kind (type), name);
            sqlite3_finalize (stmt);
            return FALSE;
          }
        g_hash_table_remove (expected, name);
      }
  if (rc != SQLITE_DONE)
    {
      set_read_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (g_hash_table_size (expected) > 0)
    {
      g_autoptr(GList) names = g_hash_table_get_keys (expected);
      const char *name;
      g_auto(GStrv) parts = NULL;

      names = g_list_sort (names, (GCompareFunc) g_strcmp0);
      name = names->data;
      parts = g_strsplit (g_hash_table_lookup (expected, name), "\n", 2);
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                   /* Translators: the first %s is a file name, the second a kind of database
                    * object ("table", "index", …), the third its name */
                   _("“%s” was altered outside Likert and is not opened: the %s “%s” is "
                     "missing"),
                   self->path, object_kind (parts[0]), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_project (LikertStore  *self,
               gboolean      fresh,
               GError      **error)
{
  gint64 app_id, version, n_objects;
  gboolean ok;

  app_id = pragma_int (self, "PRAGMA application_id", &ok);
  if (!ok)
    {
      set_read_error (self, error);
      return FALSE;
    }
  version = pragma_int (self, "PRAGMA user_version", &ok);
  n_objects = pragma_int (self, "SELECT count(*) FROM sqlite_schema", &ok);

  if (app_id == 0 && version == 0 && n_objects == 0 && fresh)
    return TRUE;

  if (app_id != LIKERT_STORE_APPLICATION_ID)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Likert project: it is a database of another application"),
                   self->path);
      return FALSE;
    }
  if (version > LIKERT_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Likert (project format %d; this "
                     "version reads up to %d)"),
                   self->path, (int) version, LIKERT_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  /* user_version is a signed 32-bit field: no Likert writes a negative one. */
  if (version < 0)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged and cannot be opened safely (project format %d)"),
                   self->path, (int) version);
      return FALSE;
    }
  return check_schema (self, version, error);
}

static gboolean
quick_check (LikertStore  *self,
             GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                 _("“%s” is damaged and cannot be opened safely"), self->path);
  return ok;
}

/* Files that passed quick_check, remembered per user with what identifies their state
 * (device, inode, size, modification time): a file changed since, by anything but a Likert
 * that closed it cleanly, is checked again. Checking reads every page, as long as loading a
 * large project does; most opens are of the analyst's own files, unchanged since. */
static char *
verified_cache_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "likert", "verified.ini", NULL);
}

static char *
file_state (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  /* A write-ahead log left behind holds changes the main file does not show. */
  if (g_stat (path, &st) != 0 || g_file_test (wal, G_FILE_TEST_EXISTS))
    return NULL;
  return g_strdup_printf ("%lu:%lu:%lld:%lld:%ld", (gulong) st.st_dev, (gulong) st.st_ino,
                          (long long) st.st_size, (long long) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec);
}

static gboolean
remembered_as_verified (const char *path)
{
  g_autofree char *cache = verified_cache_path ();
  g_autofree char *state = file_state (path);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *known = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  if (state == NULL || !g_key_file_load_from_file (keys, cache, G_KEY_FILE_NONE, NULL))
    return FALSE;
  known = g_key_file_get_string (keys, "verified", canonical, NULL);
  return g_strcmp0 (known, state) == 0;
}

/* The projects closed last are remembered, the others forgotten (checked at their next open):
 * the file is read at every open and written at every close. */
#define VERIFIED_CAP 64

static void
remember_verified (const char *path)
{
  g_autofree char *cache = verified_cache_path ();
  g_autofree char *dir = g_path_get_dirname (cache);
  g_autofree char *state = file_state (path);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_auto(GStrv) known = NULL;
  gsize n_known = 0;

  g_key_file_load_from_file (keys, cache, G_KEY_FILE_NONE, NULL);
  /* Removed first, so that it goes last: the keys are in the order of the closes. */
  g_key_file_remove_key (keys, "verified", canonical, NULL);
  if (state != NULL)
    g_key_file_set_string (keys, "verified", canonical, state);
  known = g_key_file_get_keys (keys, "verified", &n_known, NULL);
  for (gsize i = 0; i + VERIFIED_CAP < n_known; i++)
    g_key_file_remove_key (keys, "verified", known[i], NULL);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_key_file_save_to_file (keys, cache, NULL);
}

static void
likert_store_finalize (GObject *object)
{
  LikertStore *self = (LikertStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Closed cleanly (the log checkpointed away), the file is as this connection left it. */
      if (sqlite3_close (self->db) == SQLITE_OK)
        {
          if (self->verified)
            remember_verified (self->path);
        }
      else
        sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (likert_store_parent_class)->finalize (object);
}

static void
likert_store_class_init (LikertStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = likert_store_finalize;

  /* Before the first connection (SQLite refuses it afterwards, harmlessly: a program that used
   * SQLite before its first store keeps them): no memory statistics. They put one
   * process-wide mutex around each of SQLite's allocations, which threads with connections of
   * their own then take turns at: an import's writer and its indexer lost more time to it than
   * the indexer saved. Nothing here reads them (sqlite3_memory_used, a soft heap limit). */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
likert_store_init (LikertStore *self)
{
  /* Keyed by the address of the SQL literal: no hashing of long strings per statement. */
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
}

/**
 * likert_store_open:
 * @path: the project file
 * @flags: whether to create it
 * @error: where to put the reason it failed
 *
 * Opens a project defensively: the file must be an SQLite database with Likert's
 * application ID and a schema version this build knows, and pass quick_check, before
 * anything else is read. Each thread must open its own store.
 */
LikertStore *
likert_store_open (const char            *path,
                   LikertStoreOpenFlags   flags,
                   GError               **error)
{
  g_autoptr(LikertStore) self = NULL;
  gboolean exists, empty = TRUE, remembered;
  gint64 version;
  gboolean ok;
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & LIKERT_STORE_OPEN_CREATE))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("Could not open “%s”: no such file"), path);
      return NULL;
    }
  if (exists && !has_sqlite_header (path, &empty, error))
    return NULL;
  /* Before SQLite opens it: opening a WAL database creates its log. */
  remembered = exists && !empty && remembered_as_verified (path);
  if (flags & LIKERT_STORE_OPEN_CREATE)
    open_flags |= SQLITE_OPEN_CREATE;

  self = g_object_new (LIKERT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, open_flags, NULL) != SQLITE_OK)
    {
      _likert_store_set_error (self, error, _("Could not open the project"));
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_busy_timeout (self->db, 5000);

  if (!check_project (self, !exists || empty, error))
    return NULL;
  if (exists && !empty && !remembered && !(flags & LIKERT_STORE_OPEN_TRUSTED))
    {
      if (!quick_check (self, error))
        return NULL;
      self->checked = TRUE;
    }
  self->verified = TRUE;

  /* A new project gets 32 KiB pages: rows with their cells are a few hundred bytes, and larger
   * pages take work off a large import's writer (1,000,000 rows, its CPU: 4 KiB → 16 KiB
   * ~10 % less, 16 → 32 KiB 12 % less; 64 KiB gave no more). Only possible before the first
   * table. */
  if ((!exists || empty) && !exec (self, "PRAGMA page_size = 32768", error))
    return NULL;

  if (!exec (self,
             "PRAGMA synchronous = FULL;"
             "PRAGMA foreign_keys = ON;",
             error))
    return NULL;
  /* A new project is made with a rollback journal, then goes over to WAL: its tables go
   * straight into the file, not through a log that an import (which leaves WAL, see
   * _likert_store_begin_import) would have to copy back first. */
  if (exists && !empty && !exec (self, "PRAGMA journal_mode = WAL", error))
    return NULL;

  version = pragma_int (self, "PRAGMA user_version", &ok);
  if (!ok || !migrate (self, version, error))
    return NULL;
  if ((!exists || empty) && !exec (self, "PRAGMA journal_mode = WAL", error))
    return NULL;

  /* Undo reaches back to this store's own session, not to earlier ones. */
  self->session_floor = pragma_int (self, "SELECT ifnull (max (batch), 0) FROM history", &ok);
  if (!ok)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
likert_store_was_checked (LikertStore *self)
{
  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);
  return self->checked;
}

const char *
likert_store_get_path (LikertStore *self)
{
  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);
  return self->path;
}

static gint64
count (LikertStore  *self,
       const char   *sql,
       GError      **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (self, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _likert_store_set_error (self, error, _("Could not read the project"));
  sqlite3_reset (stmt);
  return n;
}

void
_likert_block_init (LikertBlock *block)
{
  *block = (LikertBlock) { 0 };
  block->submitted_at = g_malloc (8 * LIKERT_BLOCK_MAX_ROWS);
  block->has_text = g_malloc (LIKERT_BLOCK_MAX_ROWS);
}

void
_likert_block_clear (LikertBlock *block)
{
  g_clear_pointer (&block->submitted_at, g_free);
  g_clear_pointer (&block->has_text, g_free);
  g_clear_pointer (&block->facets, g_free);
  g_clear_pointer (&block->ratings, g_free);
}

gboolean
_likert_block_takes (const LikertBlock *block,
                     gint64             id,
                     gint64             dataset_id,
                     gsize              facet_bytes,
                     gsize              rating_bytes)
{
  return block->n == 0 ||
         (block->n < LIKERT_BLOCK_MAX_ROWS && id == block->first_id + block->n &&
          dataset_id == block->dataset_id && facet_bytes == block->facet_bytes &&
          rating_bytes == block->rating_bytes);
}

void
_likert_block_add (LikertBlock  *block,
                   gint64        id,
                   gint64        dataset_id,
                   gboolean      has_time,
                   gint64        submitted_at,
                   gboolean      has_text,
                   const guint8 *facets,
                   gsize         facet_bytes,
                   const guint8 *ratings,
                   gsize         rating_bytes)
{
  guint64 time = GUINT64_TO_LE ((guint64) (has_time ? submitted_at : G_MININT64));

  g_assert (_likert_block_takes (block, id, dataset_id, facet_bytes, rating_bytes));
  if (block->n == 0)
    {
      block->first_id = id;
      block->dataset_id = dataset_id;
      block->facet_bytes = facet_bytes;
      block->rating_bytes = rating_bytes;
      if (facet_bytes > block->facet_room)
        {
          block->facet_room = facet_bytes;
          block->facets = g_realloc (block->facets, facet_bytes * LIKERT_BLOCK_MAX_ROWS);
        }
      if (rating_bytes > block->rating_room)
        {
          block->rating_room = rating_bytes;
          block->ratings = g_realloc (block->ratings, rating_bytes * LIKERT_BLOCK_MAX_ROWS);
        }
    }
  memcpy (block->submitted_at + 8 * block->n, &time, sizeof time);
  block->has_text[block->n] = has_text ? 1 : 0;
  if (facet_bytes > 0)
    memcpy (block->facets + facet_bytes * block->n, facets, facet_bytes);
  if (rating_bytes > 0)
    memcpy (block->ratings + rating_bytes * block->n, ratings, rating_bytes);
  block->n++;
}

gboolean
_likert_store_write_block (LikertStore  *self,
                           LikertBlock  *block,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  if (block->n == 0)
    return TRUE;
  stmt = _likert_store_prepare (self, "INSERT INTO response_block (first_id, n, dataset_id, "
                                      "submitted_at, has_text, facet_bytes, facets, "
                                      "rating_bytes, ratings) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, block->first_id);
  sqlite3_bind_int64 (stmt, 2, block->n);
  sqlite3_bind_int64 (stmt, 3, block->dataset_id);
  sqlite3_bind_blob (stmt, 4, block->submitted_at, (int) (8 * block->n), SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 5, block->has_text, (int) block->n, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, (gint64) block->facet_bytes);
  if (block->facet_bytes > 0)
    sqlite3_bind_blob (stmt, 7, block->facets, (int) (block->facet_bytes * block->n),
                       SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, (gint64) block->rating_bytes);
  if (block->rating_bytes > 0)
    sqlite3_bind_blob (stmt, 9, block->ratings, (int) (block->rating_bytes * block->n),
                       SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 9);
  if (!_likert_store_step_done (self, stmt, error))
    return FALSE;
  block->n = 0;
  return TRUE;
}

/* Schema 6 → 7: response_block from the responses, in id order. */
static gboolean
encode_blocks (LikertStore  *self,
               GError      **error)
{
  LikertBlock block;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (sqlite3_prepare_v2 (self->db, "SELECT id, dataset_id, submitted_at, has_text, facets, "
                                    "ratings FROM response ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return FALSE;
    }
  _likert_block_init (&block);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 dataset_id = sqlite3_column_int64 (stmt, 1);
      const guint8 *facets = sqlite3_column_blob (stmt, 4);
      gsize facet_bytes = (gsize) sqlite3_column_bytes (stmt, 4);
      const guint8 *ratings = sqlite3_column_blob (stmt, 5);
      gsize rating_bytes = (gsize) sqlite3_column_bytes (stmt, 5);

      if (!_likert_block_takes (&block, id, dataset_id, facet_bytes, rating_bytes))
        ok = _likert_store_write_block (self, &block, error);
      if (ok)
        _likert_block_add (&block, id, dataset_id, sqlite3_column_type (stmt, 2) != SQLITE_NULL,
                           sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
                           facets, facet_bytes, ratings, rating_bytes);
    }
  /* A read that failed part way is no end of the rows. */
  if (ok && rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (ok)
    ok = _likert_store_write_block (self, &block, error);
  _likert_block_clear (&block);
  return ok;
}

gint64
likert_store_count_responses (LikertStore  *self,
                              GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (self), -1);
  /* Every response is in one block (response_block): a row per thousand, not a walk of the
   * responses' pages. A block holds a byte of has_text per response (the frame checks it
   * does): counted from the bytes, a damaged count cannot claim more than the file holds. */
  return count (self, "SELECT coalesce (sum (length (has_text)), 0) FROM response_block", error);
}

gint64
likert_store_count_datasets (LikertStore  *self,
                             GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (self), -1);
  return count (self, "SELECT count(*) FROM dataset", error);
}

static void
field_read_labels (LikertStore *self,
                   LikertField *field,
                   const char  *json)
{
  sqlite3_stmt *stmt;

  if (json == NULL)
    return;
  stmt = _likert_store_prepare (self, "SELECT key, value FROM json_each (?)", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 value = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
      const char *label = (const char *) sqlite3_column_text (stmt, 1);

      if (value >= field->scale_min && value <= field->scale_max &&
          value - field->scale_min < LIKERT_MAX_SCALE && label != NULL)
        {
          g_free (field->labels[value - field->scale_min]);
          field->labels[value - field->scale_min] = g_strdup (label);
        }
    }
  sqlite3_reset (stmt);
}

GPtrArray *
likert_store_list_fields (LikertStore  *self,
                          GError      **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  g_autoptr(GPtrArray) label_json = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  stmt = _likert_store_prepare (self,
                                "SELECT id, dataset_id, position, header, role, scale_min, "
                                "scale_max, labels, label_of FROM field "
                                "ORDER BY dataset_id, position",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LikertField *field = g_new0 (LikertField, 1);
      gint64 position;

      field->id = sqlite3_column_int64 (stmt, 0);
      field->dataset_id = sqlite3_column_int64 (stmt, 1);
      field->position = (guint) sqlite3_column_int (stmt, 2);
      field->header = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      field->role = likert_role_from_string ((const char *) sqlite3_column_text (stmt, 4));
      field->scale_min = sqlite3_column_int (stmt, 5);
      field->scale_max = sqlite3_column_int (stmt, 6);
      field->label_of = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (label_json, g_strdup ((const char *) sqlite3_column_text (stmt, 7)));
      g_ptr_array_add (fields, field);

      /* What the importer never writes: a file changed by hand or damaged (the fuzzer found
       * a position of -1 that the facet migration then used as an index). */
      position = sqlite3_column_int64 (stmt, 2);
      if (position < 0 || position >= LIKERT_STORE_MAX_COLUMNS ||
          (field->role == LIKERT_ROLE_RATING &&
           (field->scale_min < 0 || field->scale_max < field->scale_min ||
            field->scale_max - field->scale_min >= LIKERT_MAX_SCALE)))
        {
          sqlite3_reset (stmt);
          g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                       /* Translators: %s is a file name, %lld a column number */
                       _("“%s” is damaged: its column %lld has an impossible place or scale"),
                       self->path, (long long) position);
          return NULL;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return NULL;
    }

  for (guint i = 0; i < fields->len; i++)
    field_read_labels (self, g_ptr_array_index (fields, i), g_ptr_array_index (label_json, i));

  return g_steal_pointer (&fields);
}

LikertResponse *
likert_store_get_response (LikertStore  *self,
                           gint64        response_id,
                           GError      **error)
{
  g_autoptr(LikertResponse) response = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  stmt = _likert_store_prepare (self,
                                "SELECT r.dataset_id, r.record, r.line, r.response_key, "
                                "r.submitted_at, r.cells, a.note, a.status, a.author, "
                                "a.updated_at, a.sentiment FROM response r "
                                "LEFT JOIN annotation a ON a.response_id = r.id WHERE r.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, response_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                   _("There is no response %s in “%s”"), number_text (response_id).str, self->path);
      return NULL;
    }

  response = g_new0 (LikertResponse, 1);
  response->id = response_id;
  response->dataset_id = sqlite3_column_int64 (stmt, 0);
  response->record = sqlite3_column_int64 (stmt, 1);
  response->line = sqlite3_column_int64 (stmt, 2);
  response->key = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  response->submitted_at = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                           ? G_MININT64 : sqlite3_column_int64 (stmt, 4);
  response->note = g_strdup (sqlite3_column_type (stmt, 6) == SQLITE_NULL
                             ? "" : (const char *) sqlite3_column_text (stmt, 6));
  response->status = (LikertStatus) sqlite3_column_int (stmt, 7);
  response->author = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  response->updated_at = sqlite3_column_int64 (stmt, 9);
  response->sentiment = sqlite3_column_type (stmt, 10) == SQLITE_NULL
                        ? G_MININT : sqlite3_column_int (stmt, 10);
  sqlite3_reset (stmt);

  cells = g_ptr_array_new_with_free_func (g_free);
  stmt = _likert_store_prepare (self,
                                "SELECT j.value FROM response r, json_each (r.cells) j "
                                "WHERE r.id = ? ORDER BY j.key",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, response_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (cells, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  g_ptr_array_add (cells, NULL);
  response->cells = (GStrv) g_ptr_array_free (g_steal_pointer (&cells), FALSE);

  response->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = _likert_store_prepare (self,
                                "SELECT tag_id FROM response_tag WHERE response_id = ? "
                                "ORDER BY tag_id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, response_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 tag_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (response->tag_ids, tag_id);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&response);
}

static gboolean
response_exists (LikertStore  *self,
                 gint64        response_id,
                 GError      **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (self, "SELECT 1 FROM response WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, response_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                 _("There is no response %s in “%s”"), number_text (response_id).str, self->path);
  return found;
}

/* The time of the batch under way: every row and tagging it writes shares it. */
gint64
_likert_store_batch_time (LikertStore *self)
{
  if (self->batch_at == 0)
    self->batch_at = now_seconds ();
  return self->batch_at;
}

/* Marks the batch under way as the undo of a batch (undoes) or the redo of an undo (redoes). */
void
_likert_store_set_batch_origin (LikertStore *self,
                                gint64       undoes,
                                gint64       redoes)
{
  self->batch_undoes = undoes;
  self->batch_redoes = redoes;
}

gint64
_likert_store_get_last_batch (LikertStore *self)
{
  return self->last_batch;
}

/**
 * likert_store_open_sibling:
 * @self: an open store
 *
 * Another connection to @self's project, for a worker thread: called on @self's thread, then
 * used only by the worker. It skips quick_check (@self passed it in this process) and shares
 * @self's session, so that it can undo what @self did.
 */
LikertStore *
likert_store_open_sibling (LikertStore  *self,
                           GError      **error)
{
  LikertStore *sibling;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  sibling = likert_store_open (self->path, LIKERT_STORE_OPEN_TRUSTED, error);
  if (sibling != NULL)
    sibling->session_floor = self->session_floor;
  return sibling;
}

gint64
_likert_store_get_session_floor (LikertStore *self)
{
  return self->session_floor;
}

/* Adds a row to the batch of the transaction under way (the first row numbers the batch).
 * response_id 0: a change of the codebook rather than of a response. */
gboolean
_likert_store_record_history (LikertStore  *self,
                              gint64        response_id,
                              const char   *author,
                              const char   *what,
                              const char   *before,
                              const char   *after,
                              GError      **error)
{
  sqlite3_stmt *stmt;

  if (self->batch == 0)
    {
      stmt = _likert_store_prepare (self, "SELECT ifnull (max (batch), 0) + 1 FROM history", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _likert_store_set_error (self, error, _("Could not read the project"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      self->batch = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  stmt = _likert_store_prepare (self,
                                "INSERT INTO history (response_id, author, at, what, before, after, "
                                "batch, undoes, redoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (response_id != 0)
    sqlite3_bind_int64 (stmt, 1, response_id);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _likert_store_batch_time (self));
  sqlite3_bind_text (stmt, 4, what, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, after, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, self->batch);
  if (self->batch_undoes != 0)
    sqlite3_bind_int64 (stmt, 8, self->batch_undoes);
  if (self->batch_redoes != 0)
    sqlite3_bind_int64 (stmt, 9, self->batch_redoes);
  return _likert_store_step_done (self, stmt, error);
}

static gboolean
record_history (LikertStore  *self,
                gint64        response_id,
                const char   *author,
                const char   *what,
                const char   *before,
                const char   *after,
                GError      **error)
{
  return _likert_store_record_history (self, response_id, author, what, before, after, error);
}

/* Makes sure the response has an annotation row and returns its current note, status and
 * sentiment (G_MININT: none). */
static gboolean
ensure_annotation (LikertStore   *self,
                   gint64         response_id,
                   const char    *author,
                   char         **note,
                   LikertStatus  *status,
                   int           *sentiment,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = _likert_store_prepare (self,
                                "SELECT note, status, sentiment FROM annotation "
                                "WHERE response_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, response_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *note = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *status = (LikertStatus) sqlite3_column_int (stmt, 1);
      *sentiment = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                   ? G_MININT : sqlite3_column_int (stmt, 2);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);

  stmt = _likert_store_prepare (self,
                                "INSERT INTO annotation (response_id, uuid, author, updated_at) "
                                "VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *uuid = _likert_uuid ();

    sqlite3_bind_int64 (stmt, 1, response_id);
    sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, author, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, _likert_store_batch_time (self));
  }
  *note = g_strdup ("");
  *status = LIKERT_STATUS_NEW;
  *sentiment = G_MININT;
  return _likert_store_step_done (self, stmt, error);
}

/* Keeps the notes' full-text index in step (contentless: the old text is needed to delete). */
static gboolean
index_note (LikertStore  *self,
            gint64        response_id,
            const char   *before,
            const char   *after,
            GError      **error)
{
  sqlite3_stmt *stmt;

  if (before != NULL && *before != '\0')
    {
      stmt = _likert_store_prepare (self,
                                    "INSERT INTO note_text (note_text, rowid, note) "
                                    "VALUES ('delete', ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_text (stmt, 2, before, -1, SQLITE_STATIC);
      if (!_likert_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (after != NULL && *after != '\0')
    {
      stmt = _likert_store_prepare (self, "INSERT INTO note_text (rowid, note) VALUES (?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
      if (!_likert_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The writers below change one thing of one response inside the caller's transaction, without
 * history (the caller records it: an edit, or an undo), and report what was there before. */

/* Runs "UPDATE annotation SET <column> = ?1, author = ?2, updated_at = ?3 WHERE response_id =
 * ?4" once the caller has bound ?1. */
static gboolean
run_annotation_update (LikertStore   *self,
                       sqlite3_stmt  *stmt,
                       gint64         response_id,
                       const char    *author,
                       GError       **error)
{
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, _likert_store_batch_time (self));
  sqlite3_bind_int64 (stmt, 4, response_id);
  return _likert_store_step_done (self, stmt, error);
}

gboolean
_likert_store_write_note (LikertStore  *self,
                          gint64        response_id,
                          const char   *note,
                          const char   *author,
                          char        **old_note,
                          GError      **error)
{
  g_autofree char *before = NULL;
  LikertStatus status;
  int sentiment;
  sqlite3_stmt *stmt;

  if (!ensure_annotation (self, response_id, author, &before, &status, &sentiment, error))
    return FALSE;
  if (g_strcmp0 (before, note) != 0)
    {
      stmt = _likert_store_prepare (self,
                                    "UPDATE annotation SET note = ?, author = ?, updated_at = ? "
                                    "WHERE response_id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, note, -1, SQLITE_STATIC);
      if (!run_annotation_update (self, stmt, response_id, author, error) ||
          !index_note (self, response_id, before, note, error))
        return FALSE;
    }
  if (old_note != NULL)
    *old_note = g_steal_pointer (&before);
  return TRUE;
}

gboolean
_likert_store_write_status (LikertStore   *self,
                            gint64         response_id,
                            LikertStatus   status,
                            const char    *author,
                            LikertStatus  *old_status,
                            GError       **error)
{
  g_autofree char *note = NULL;
  LikertStatus before;
  int sentiment;
  sqlite3_stmt *stmt;

  if (!ensure_annotation (self, response_id, author, &note, &before, &sentiment, error))
    return FALSE;
  if (before != status)
    {
      stmt = _likert_store_prepare (self,
                                    "UPDATE annotation SET status = ?, author = ?, updated_at = ? "
                                    "WHERE response_id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, status);
      if (!run_annotation_update (self, stmt, response_id, author, error))
        return FALSE;
    }
  if (old_status != NULL)
    *old_status = before;
  return TRUE;
}

gboolean
_likert_store_write_sentiment (LikertStore  *self,
                               gint64        response_id,
                               int           sentiment,
                               const char   *author,
                               int          *old_sentiment,
                               GError      **error)
{
  g_autofree char *note = NULL;
  LikertStatus status;
  int before;
  sqlite3_stmt *stmt;

  if (!ensure_annotation (self, response_id, author, &note, &status, &before, error))
    return FALSE;
  if (before != sentiment)
    {
      stmt = _likert_store_prepare (self,
                                    "UPDATE annotation SET sentiment = ?, author = ?, "
                                    "updated_at = ? WHERE response_id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      if (sentiment != G_MININT)
        sqlite3_bind_int (stmt, 1, sentiment);
      if (!run_annotation_update (self, stmt, response_id, author, error))
        return FALSE;
    }
  if (old_sentiment != NULL)
    *old_sentiment = before;
  return TRUE;
}

/* Tags (active) or untags a response. A tagging keeps author and at as its own; an untagging
 * reports the author and time of the tagging it removed. *changed: a row was added or removed. */
gboolean
_likert_store_write_tag (LikertStore  *self,
                         gint64        response_id,
                         gint64        tag_id,
                         gboolean      active,
                         const char   *author,
                         gint64        at,
                         char        **old_author,
                         gint64       *old_at,
                         gboolean     *changed,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *changed = FALSE;
  if (active)
    {
      stmt = _likert_store_prepare (self,
                                    "INSERT OR IGNORE INTO response_tag "
                                    "(response_id, tag_id, author, created_at) VALUES (?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, response_id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      sqlite3_bind_text (stmt, 3, author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, at);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                       _("There is no response %s in “%s”"), number_text (response_id).str,
                       self->path);
          return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          _likert_store_set_error (self, error, _("Could not write to the project"));
          return FALSE;
        }
      *changed = sqlite3_changes (self->db) > 0;
      return TRUE;
    }

  stmt = _likert_store_prepare (self,
                                "DELETE FROM response_tag WHERE response_id = ? AND tag_id = ? "
                                "RETURNING author, created_at",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, response_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *changed = TRUE;
      if (old_author != NULL)
        *old_author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (old_at != NULL)
        *old_at = sqlite3_column_int64 (stmt, 1);
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not write to the project"));
      return FALSE;
    }
  return TRUE;
}

/* A tagging as history records it: {"tag":uuid,"name":…,"author":…,"at":seconds}. */
static void
append_tag_ref (GString    *out,
                const char *uuid,
                const char *name,
                const char *author,
                gint64      at)
{
  g_string_append (out, "{\"tag\":");
  _likert_json_append_string (out, uuid);
  g_string_append (out, ",\"name\":");
  _likert_json_append_string (out, name);
  g_string_append (out, ",\"author\":");
  _likert_json_append_string (out, author);
  g_string_append_printf (out, ",\"at\":%" G_GINT64_FORMAT "}", at);
}

char *
_likert_store_tag_ref (const char *uuid,
                       const char *name,
                       const char *author,
                       gint64      at)
{
  GString *out = g_string_sized_new (128);

  append_tag_ref (out, uuid, name, author, at);
  return g_string_free (out, FALSE);
}

/* The uuid and name of a tag; FALSE (error NOT_FOUND) when there is none. */
static gboolean
lookup_tag (LikertStore  *self,
            gint64        tag_id,
            char        **uuid,
            char        **name,
            GError      **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (self, "SELECT uuid, name FROM tag WHERE id = ?",
                                              error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                 _("There is no tag %s in “%s”"), number_text (tag_id).str, self->path);
  return found;
}

static const char *
status_text (LikertStatus status)
{
  return likert_status_to_string (status);
}

gboolean
likert_store_set_note (LikertStore  *self,
                       gint64        response_id,
                       const char   *note,
                       const char   *author,
                       GError      **error)
{
  g_autofree char *before = NULL;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (author == NULL)
    author = likert_default_author ();
  if (!g_utf8_validate (note, -1, NULL))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("The note is not valid UTF-8 text"));
      return FALSE;
    }

  if (!_likert_store_begin (self, error))
    return FALSE;
  if (!response_exists (self, response_id, error) ||
      !_likert_store_write_note (self, response_id, note, author, &before, error))
    goto fail;
  if (g_strcmp0 (before, note) != 0 &&
      !record_history (self, response_id, author, "note", before, note, error))
    goto fail;

  return _likert_store_commit (self, error);

fail:
  _likert_store_rollback (self);
  return FALSE;
}

gboolean
likert_store_set_status (LikertStore   *self,
                         gint64         response_id,
                         LikertStatus   status,
                         const char    *author,
                         GError       **error)
{
  LikertStatus before;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);

  if ((guint) status > LIKERT_STATUS_EXCLUDED)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("Unknown review status %d"), (int) status);
      return FALSE;
    }
  if (author == NULL)
    author = likert_default_author ();

  if (!_likert_store_begin (self, error))
    return FALSE;
  if (!response_exists (self, response_id, error) ||
      !_likert_store_write_status (self, response_id, status, author, &before, error))
    goto fail;
  if (before != status &&
      !record_history (self, response_id, author, "status", status_text (before),
                       status_text (status), error))
    goto fail;

  return _likert_store_commit (self, error);

fail:
  _likert_store_rollback (self);
  return FALSE;
}

/* A sentiment as history records it: "-1", "0", "1", or NULL for none. */
static const char *
sentiment_text (int sentiment)
{
  switch (sentiment)
    {
    case -1: return "-1";
    case 0: return "0";
    case 1: return "1";
    default: return NULL;
    }
}

/**
 * likert_store_set_sentiment:
 * @self: a store
 * @response_id: the response
 * @sentiment: -1 (negative), 0 (neutral), 1 (positive), or %G_MININT for none
 * @author: (nullable): the analyst; %NULL for likert_default_author ()
 * @error: where to put the reason it failed
 *
 * Sets the analyst's own reading of a response's sentiment, committed with its history.
 */
gboolean
likert_store_set_sentiment (LikertStore  *self,
                            gint64        response_id,
                            int           sentiment,
                            const char   *author,
                            GError      **error)
{
  int before;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);

  if (sentiment != G_MININT && (sentiment < -1 || sentiment > 1))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("Unknown sentiment %d: use −1, 0 or +1"), sentiment);
      return FALSE;
    }
  if (author == NULL)
    author = likert_default_author ();

  if (!_likert_store_begin (self, error))
    return FALSE;
  if (!response_exists (self, response_id, error) ||
      !_likert_store_write_sentiment (self, response_id, sentiment, author, &before, error))
    goto fail;
  if (before != sentiment &&
      !record_history (self, response_id, author, "sentiment", sentiment_text (before),
                       sentiment_text (sentiment), error))
    goto fail;

  return _likert_store_commit (self, error);

fail:
  _likert_store_rollback (self);
  return FALSE;
}

GPtrArray *
likert_store_list_tags (LikertStore  *self,
                        GError      **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_tag_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  stmt = _likert_store_prepare (self,
                                "SELECT id, uuid, parent_id, name, colour, description, shortcut "
                                "FROM tag ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LikertTag *tag = g_new0 (LikertTag, 1);

      tag->id = sqlite3_column_int64 (stmt, 0);
      tag->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      tag->parent_id = sqlite3_column_int64 (stmt, 2);
      tag->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      tag->colour = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      tag->description = g_strdup (sqlite3_column_type (stmt, 5) == SQLITE_NULL
                                   ? "" : (const char *) sqlite3_column_text (stmt, 5));
      tag->shortcut = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      g_ptr_array_add (tags, tag);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return NULL;
    }
  return g_steal_pointer (&tags);
}

gint64
likert_store_find_tag (LikertStore *self,
                       const char  *name)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (LIKERT_IS_STORE (self), 0);

  stmt = _likert_store_prepare (self,
                                "SELECT id FROM tag WHERE parent_id IS NULL AND name = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The top-level tag of that name, created (as the default author's change, with its history)
 * when there is none. */
gint64
likert_store_ensure_tag (LikertStore  *self,
                         const char   *name,
                         GError      **error)
{
  g_autofree char *clean = NULL;
  gint64 id;

  g_return_val_if_fail (LIKERT_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("The tag name is not valid UTF-8 text"));
      return 0;
    }
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("A tag needs a name"));
      return 0;
    }

  id = likert_store_find_tag (self, clean);
  if (id != 0)
    return id;
  return likert_codebook_create (self, clean, 0, NULL, NULL, NULL, NULL, error);
}

gboolean
likert_store_set_tag (LikertStore  *self,
                      gint64        response_id,
                      gint64        tag_id,
                      gboolean      active,
                      const char   *author,
                      GError      **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *old_author = NULL;
  g_autofree char *ref = NULL;
  gint64 at, old_at = 0;
  gboolean changed;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);

  if (author == NULL)
    author = likert_default_author ();

  if (!_likert_store_begin (self, error))
    return FALSE;
  at = _likert_store_batch_time (self);
  if (!response_exists (self, response_id, error) ||
      !lookup_tag (self, tag_id, &uuid, &name, error) ||
      !_likert_store_write_tag (self, response_id, tag_id, active, author, at,
                                &old_author, &old_at, &changed, error))
    goto fail;

  if (changed)
    {
      ref = active ? _likert_store_tag_ref (uuid, name, author, at)
                   : _likert_store_tag_ref (uuid, name, old_author, old_at);
      if (!record_history (self, response_id, author, active ? "tag-add" : "tag-remove",
                           active ? NULL : ref, active ? ref : NULL, error))
        goto fail;
    }

  return _likert_store_commit (self, error);

fail:
  _likert_store_rollback (self);
  return FALSE;
}

/**
 * likert_store_bulk_tag:
 * @self: a store
 * @response_ids: (array length=n_responses): the responses
 * @n_responses: how many
 * @tag_id: the tag
 * @add: %TRUE to tag them, %FALSE to untag them
 * @author: (nullable): the analyst; %NULL for likert_default_author ()
 * @n_changed: (out) (optional): how many responses changed (those that already were as asked
 *   are left alone, and not recorded)
 * @error: where to put the reason it failed
 *
 * Tags or untags many responses in one transaction, recorded as one batch of history (undone
 * in one step). A response that does not exist fails the whole (error NOT_FOUND) when adding.
 */
gboolean
likert_store_bulk_tag (LikertStore   *self,
                       const gint64  *response_ids,
                       guint          n_responses,
                       gint64         tag_id,
                       gboolean       add,
                       const char    *author,
                       guint         *n_changed,
                       GError       **error)
{
  g_autofree char *uuid = NULL;
  g_autofree char *name = NULL;
  g_autofree char *added = NULL;
  g_autoptr(GString) removed = NULL;
  guint changes = 0;
  gint64 at;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);
  g_return_val_if_fail (response_ids != NULL || n_responses == 0, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (author == NULL)
    author = likert_default_author ();

  if (!_likert_store_begin (self, error))
    return FALSE;
  if (!lookup_tag (self, tag_id, &uuid, &name, error))
    goto fail;
  at = _likert_store_batch_time (self);
  if (add)
    added = _likert_store_tag_ref (uuid, name, author, at);
  else
    removed = g_string_sized_new (128);

  for (guint i = 0; i < n_responses; i++)
    {
      g_autofree char *old_author = NULL;
      gint64 old_at = 0;
      gboolean changed;

      if (!_likert_store_write_tag (self, response_ids[i], tag_id, add, author, at,
                                    &old_author, &old_at, &changed, error))
        goto fail;
      if (!changed)
        continue;
      if (!add)
        {
          g_string_truncate (removed, 0);
          append_tag_ref (removed, uuid, name, old_author, old_at);
        }
      if (!record_history (self, response_ids[i], author, add ? "tag-add" : "tag-remove",
                           add ? NULL : removed->str, add ? added : NULL, error))
        goto fail;
      changes++;
    }

  if (!_likert_store_commit (self, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changes;
  return TRUE;

fail:
  _likert_store_rollback (self);
  return FALSE;
}

/**
 * likert_store_bulk_status:
 * @self: a store
 * @response_ids: (array length=n_responses): the responses
 * @n_responses: how many
 * @status: the review status to give them
 * @author: (nullable): the analyst; %NULL for likert_default_author ()
 * @n_changed: (out) (optional): how many responses changed
 * @error: where to put the reason it failed
 *
 * Sets the review status of many responses in one transaction, one batch of history.
 */
gboolean
likert_store_bulk_status (LikertStore   *self,
                          const gint64  *response_ids,
                          guint          n_responses,
                          LikertStatus   status,
                          const char    *author,
                          guint         *n_changed,
                          GError       **error)
{
  const char *after = status_text (status);
  guint changes = 0;
  gint64 at;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);
  g_return_val_if_fail (response_ids != NULL || n_responses == 0, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if ((guint) status > LIKERT_STATUS_EXCLUDED)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("Unknown review status %d"), (int) status);
      return FALSE;
    }
  if (author == NULL)
    author = likert_default_author ();

  if (!_likert_store_begin (self, error))
    return FALSE;
  at = _likert_store_batch_time (self);

  for (guint i = 0; i < n_responses; i++)
    {
      gint64 id = response_ids[i];
      LikertStatus before = LIKERT_STATUS_NEW;
      gboolean exists;
      sqlite3_stmt *stmt;
      int rc;

      stmt = _likert_store_prepare (self, "SELECT status FROM annotation WHERE response_id = ?",
                                    error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      exists = sqlite3_step (stmt) == SQLITE_ROW;
      if (exists)
        before = (LikertStatus) sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      if (before == status)
        continue;

      if (exists)
        {
          stmt = _likert_store_prepare (self,
                                        "UPDATE annotation SET status = ?, author = ?, "
                                        "updated_at = ? WHERE response_id = ?",
                                        error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int (stmt, 1, status);
          sqlite3_bind_text (stmt, 2, author, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, at);
          sqlite3_bind_int64 (stmt, 4, id);
        }
      else
        {
          g_autofree char *uuid = _likert_uuid ();

          stmt = _likert_store_prepare (self,
                                        "INSERT INTO annotation (response_id, uuid, status, author, "
                                        "updated_at) VALUES (?, ?, ?, ?, ?)",
                                        error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 3, status);
          sqlite3_bind_text (stmt, 4, author, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 5, at);
        }
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                       _("There is no response %s in “%s”"), number_text (id).str, self->path);
          goto fail;
        }
      if (rc != SQLITE_DONE)
        {
          _likert_store_set_error (self, error, _("Could not write to the project"));
          goto fail;
        }
      if (!record_history (self, id, author, "status", status_text (before), after, error))
        goto fail;
      changes++;
    }

  if (!_likert_store_commit (self, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changes;
  return TRUE;

fail:
  _likert_store_rollback (self);
  return FALSE;
}

gint64
likert_store_count_history (LikertStore  *self,
                            gint64        response_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (LIKERT_IS_STORE (self), -1);

  stmt = _likert_store_prepare (self, "SELECT count(*) FROM history WHERE response_id = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, response_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static void
skipped_row_free (LikertSkippedRow *row)
{
  g_free (row->reason);
  g_free (row);
}

/* The import's skipped rows from their JSON; a malformed list reads as empty. */
static gboolean
read_skipped_rows (LikertStore         *self,
                   LikertImportRecord  *record,
                   GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (record->skipped == NULL)
    return TRUE;
  stmt = _likert_store_prepare (self,
                                "SELECT json_extract (value, '$.line'), "
                                "json_extract (value, '$.column'), "
                                "json_extract (value, '$.reason') "
                                "FROM json_each (CASE WHEN json_valid (?1) THEN ?1 ELSE '[]' END) "
                                "WHERE type = 'object'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->skipped, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LikertSkippedRow *row = g_new0 (LikertSkippedRow, 1);

      row->line = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
      row->column = (guint) CLAMP (sqlite3_column_int64 (stmt, 1), 0, G_MAXUINT);
      row->reason = g_strdup (sqlite3_column_type (stmt, 2) == SQLITE_TEXT
                              ? (const char *) sqlite3_column_text (stmt, 2) : "");
      g_ptr_array_add (record->skipped_rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return FALSE;
    }
  return TRUE;
}

static guint64
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return (guint64) MAX (sqlite3_column_int64 (stmt, column), 0);
}

/**
 * likert_store_list_imports:
 * @self: a store
 * @error: where to put the reason it failed
 *
 * Every import recorded in the project, oldest first, with the rows each one skipped.
 *
 * Returns: (transfer full) (element-type LikertImportRecord): the imports, or %NULL on error
 */
GPtrArray *
likert_store_list_imports (LikertStore  *self,
                           GError      **error)
{
  g_autoptr(GPtrArray) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_import_record_free);
  stmt = _likert_store_prepare (self,
                                "SELECT id, dataset_id, source_name, sha256, size, encoding, "
                                "dialect, CASE WHEN json_valid (dialect) "
                                "  THEN json_extract (dialect, '$.delimiter') END, "
                                "shape, header_rows, imported_at, author, n_records, n_new, "
                                "n_duplicates, n_skipped, skipped FROM import ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LikertImportRecord *record = g_new0 (LikertImportRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->dataset_id = sqlite3_column_int64 (stmt, 1);
      record->source_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      record->size = column_count (stmt, 4);
      record->encoding = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      record->dialect = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      record->delimiter = sqlite3_column_type (stmt, 7) == SQLITE_TEXT
                          ? g_strdup ((const char *) sqlite3_column_text (stmt, 7)) : NULL;
      record->shape = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      record->header_rows = (guint) CLAMP (sqlite3_column_int64 (stmt, 9), 0, G_MAXUINT);
      record->imported_at = sqlite3_column_int64 (stmt, 10);
      record->author = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
      record->n_records = column_count (stmt, 12);
      record->n_new = column_count (stmt, 13);
      record->n_duplicates = column_count (stmt, 14);
      record->n_skipped = column_count (stmt, 15);
      record->skipped = g_strdup ((const char *) sqlite3_column_text (stmt, 16));
      record->skipped_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_row_free);
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (self, error, _("Could not read the project"));
      return NULL;
    }

  for (guint i = 0; i < records->len; i++)
    if (!read_skipped_rows (self, g_ptr_array_index (records, i), error))
      return NULL;

  return g_steal_pointer (&records);
}

gboolean
likert_store_save_view (LikertStore  *self,
                        const char   *name,
                        const char   *definition,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);

  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("A view needs a name"));
      return FALSE;
    }
  stmt = _likert_store_prepare (self,
                                "INSERT INTO view (name, definition, updated_at) VALUES (?, ?, ?) "
                                "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, "
                                "updated_at = excluded.updated_at",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  return _likert_store_step_done (self, stmt, error);
}

char *
likert_store_get_view (LikertStore  *self,
                       const char   *name,
                       GError      **error)
{
  sqlite3_stmt *stmt;
  char *definition = NULL;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  stmt = _likert_store_prepare (self, "SELECT definition FROM view WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    definition = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (definition == NULL)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                 _("There is no view “%s” in “%s”"), name, self->path);
  return definition;
}

GStrv
likert_store_list_views (LikertStore  *self,
                         GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIKERT_IS_STORE (self), NULL);

  stmt = _likert_store_prepare (self, "SELECT name FROM view ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

gboolean
likert_store_delete_view (LikertStore  *self,
                          const char   *name,
                          GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LIKERT_IS_STORE (self), FALSE);

  stmt = _likert_store_prepare (self, "DELETE FROM view WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return _likert_store_step_done (self, stmt, error);
}

void
likert_field_free (LikertField *field)
{
  if (field == NULL)
    return;
  g_free (field->header);
  for (guint i = 0; i < LIKERT_MAX_SCALE; i++)
    g_free (field->labels[i]);
  g_free (field);
}

void
likert_tag_free (LikertTag *tag)
{
  if (tag == NULL)
    return;
  g_free (tag->uuid);
  g_free (tag->name);
  g_free (tag->colour);
  g_free (tag->description);
  g_free (tag->shortcut);
  g_free (tag);
}

void
likert_response_free (LikertResponse *response)
{
  if (response == NULL)
    return;
  g_free (response->key);
  g_strfreev (response->cells);
  g_free (response->note);
  g_free (response->author);
  g_clear_pointer (&response->tag_ids, g_array_unref);
  g_free (response);
}

void
likert_import_record_free (LikertImportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->source_name);
  g_free (record->sha256);
  g_free (record->encoding);
  g_free (record->dialect);
  g_free (record->delimiter);
  g_free (record->shape);
  g_free (record->author);
  g_free (record->skipped);
  g_clear_pointer (&record->skipped_rows, g_ptr_array_unref);
  g_free (record);
}
