/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-history"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "likert-history.h"
#include "likert-codebook-private.h"
#include "likert-store-private.h"

/* One row of a batch being reverted. */
typedef struct
{
  gint64  response_id;
  char   *what;
  char   *before;
  char   *after;
} Change;

/* The last tagging resolved: a bulk batch names the same one many times. */
typedef struct
{
  char   *ref;
  gint64  tag_id;
  char   *author;
  gint64  at;
} TagCache;

/* Longer chains of undo and redo than any session makes: a guard against damaged files. */
#define MAX_CHAIN 100000

static gint64 query_number (LikertStore  *store,
                            const char   *sql,
                            gint64        param,
                            gint64       *second,
                            GError      **error);

static void
change_clear (Change *change)
{
  g_free (change->what);
  g_free (change->before);
  g_free (change->after);
}

static void
tag_cache_clear (TagCache *cache)
{
  g_clear_pointer (&cache->ref, g_free);
  g_clear_pointer (&cache->author, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TagCache, tag_cache_clear)

void
likert_history_entry_free (LikertHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->author);
  g_free (entry->what);
  g_free (entry->before);
  g_free (entry->after);
  g_free (entry);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Listing */

static GPtrArray *
list_entries (LikertStore  *store,
              const char   *sql,
              gint64        key,
              GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_history_entry_free);
  stmt = _likert_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LikertHistoryEntry *entry = g_new0 (LikertHistoryEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->batch = sqlite3_column_int64 (stmt, 1);
      entry->response_id = sqlite3_column_int64 (stmt, 2);
      entry->author = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->at = sqlite3_column_int64 (stmt, 4);
      entry->what = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->before = dup_column (stmt, 6);
      entry->after = dup_column (stmt, 7);
      entry->undoes = sqlite3_column_int64 (stmt, 8);
      entry->redoes = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GPtrArray *
likert_history_list (LikertStore  *store,
                     gint64        response_id,
                     GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  return list_entries (store,
                       "SELECT id, batch, response_id, author, at, what, before, after, "
                       "undoes, redoes FROM history WHERE response_id = ? ORDER BY id DESC",
                       response_id, error);
}

GPtrArray *
likert_history_list_batch (LikertStore  *store,
                           gint64        batch,
                           GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  return list_entries (store,
                       "SELECT id, batch, response_id, author, at, what, before, after, "
                       "undoes, redoes FROM history WHERE batch = ? ORDER BY id",
                       batch, error);
}

gint64
likert_store_get_last_batch (LikertStore *store)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), 0);
  return _likert_store_get_last_batch (store);
}

static char *json_member (const char *json,
                          const char *member);

/* Uuid → id of every tag, for reading taggings in bulk. */
static GHashTable *
tag_ids_by_uuid (LikertStore  *store,
                 GError      **error)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (store, error);
  GHashTable *ids;

  if (tags == NULL)
    return NULL;
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);

      g_hash_table_insert (ids, g_strdup (tag->uuid), g_memdup2 (&tag->id, sizeof tag->id));
    }
  return ids;
}

GArray *
likert_history_batch_changes (LikertStore  *store,
                              gint64        batch,
                              gboolean     *codebook_changed,
                              GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) tag_ids = NULL;
  g_autoptr(GArray) changes = NULL;
  gboolean codebook = FALSE;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  if ((entries = likert_history_list_batch (store, batch, error)) == NULL ||
      (tag_ids = tag_ids_by_uuid (store, error)) == NULL)
    return NULL;

  changes = g_array_sized_new (FALSE, TRUE, sizeof (LikertAnnotationChange), entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      const LikertHistoryEntry *entry = g_ptr_array_index (entries, i);
      LikertAnnotationChange change = { entry->response_id, 0, 0, 0 };

      if (entry->response_id == 0)
        {
          codebook = TRUE;
          continue;
        }
      if (g_str_equal (entry->what, "status"))
        {
          LikertStatus status;

          if (!likert_status_from_string (entry->after, &status))
            continue;
          change.kind = LIKERT_CHANGE_STATUS;
          change.value = (gint8) status;
        }
      else if (g_str_equal (entry->what, "note"))
        {
          change.kind = LIKERT_CHANGE_NOTE;
          change.value = entry->after != NULL && *entry->after != '\0';
        }
      else if (g_str_equal (entry->what, "sentiment"))
        {
          change.kind = LIKERT_CHANGE_SENTIMENT;
          change.value = entry->after == NULL ? 2 : (gint8) CLAMP (atoi (entry->after), -1, 1);
        }
      else if (g_str_equal (entry->what, "tag-add") || g_str_equal (entry->what, "tag-remove"))
        {
          g_autofree char *uuid = json_member (entry->after ? entry->after : entry->before, "tag");
          const gint64 *tag_id = uuid ? g_hash_table_lookup (tag_ids, uuid) : NULL;

          if (tag_id == NULL)
            continue;
          change.kind = LIKERT_CHANGE_TAG;
          change.tag_id = *tag_id;
          change.value = entry->after != NULL;
        }
      else
        continue;
      g_array_append_val (changes, change);
    }

  if (codebook_changed != NULL)
    *codebook_changed = codebook;
  return g_steal_pointer (&changes);
}

/* Descriptions */

/* A string member of a JSON object, or NULL. */
static char *
json_member (const char *json,
             const char *member)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;

  if (json == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  return g_strdup (json_object_get_string_member_with_default (object, member, NULL));
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "reviewed") == 0)
    return C_("review status", "Reviewed");
  if (g_strcmp0 (status, "flagged") == 0)
    return C_("review status", "Flagged");
  if (g_strcmp0 (status, "excluded") == 0)
    return C_("review status", "Excluded");
  return C_("review status", "New");
}

static const char *
sentiment_label (const char *sentiment)
{
  if (sentiment == NULL)
    return C_("sentiment", "None");
  if (g_str_equal (sentiment, "-1"))
    return C_("sentiment", "Negative");
  if (g_str_equal (sentiment, "1"))
    return C_("sentiment", "Positive");
  return C_("sentiment", "Neutral");
}

/* What a row (or n rows like it, for a batch) did, from its own before and after. */
static char *
describe_change (const char *what,
                 const char *before,
                 const char *after,
                 gint64      n)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  gulong plural = (gulong) MIN (n, G_MAXLONG);

  if (g_str_equal (what, "note"))
    {
      if (n > 1)
        /* Translators: %s is a number of responses */
        return g_strdup_printf (ngettext ("Edit the note of %s response",
                                          "Edit the notes of %s responses", plural), count);
      if (before == NULL || *before == '\0')
        return g_strdup (_("Add a note"));
      if (after == NULL || *after == '\0')
        return g_strdup (_("Remove the note"));
      return g_strdup (_("Edit the note"));
    }
  if (g_str_equal (what, "status"))
    {
      if (n > 1)
        /* Translators: the first %s is a number of responses, the second a review status */
        return g_strdup_printf (ngettext ("Mark %s response as “%s”",
                                          "Mark %s responses as “%s”", plural),
                                count, status_label (after));
      /* Translators: a change of review status, from → to */
      return g_strdup_printf (_("Status: %s → %s"), status_label (before), status_label (after));
    }
  if (g_str_equal (what, "sentiment"))
    {
      if (n > 1)
        return g_strdup_printf (ngettext ("Set the sentiment of %s response",
                                          "Set the sentiment of %s responses", plural), count);
      /* Translators: a change of the analyst's sentiment, from → to */
      return g_strdup_printf (_("Sentiment: %s → %s"), sentiment_label (before),
                              sentiment_label (after));
    }
  if (g_str_equal (what, "tag-add") || g_str_equal (what, "tag-remove"))
    {
      gboolean added = after != NULL;

      name = json_member (added ? after : before, "name");
      if (n > 1 && added)
        /* Translators: the first %s is a number of responses, the second a tag */
        return g_strdup_printf (ngettext ("Tag %s response with “%s”",
                                          "Tag %s responses with “%s”", plural),
                                count, name ? name : "");
      if (n > 1)
        /* Translators: the first %s is a tag, the second a number of responses */
        return g_strdup_printf (ngettext ("Remove “%s” from %s response",
                                          "Remove “%s” from %s responses", plural),
                                name ? name : "", count);
      return g_strdup_printf (added ? _("Tagged “%s”") : _("Untagged “%s”"), name ? name : "");
    }

  name = json_member (before != NULL ? before : after, "name");
  if (name == NULL)
    name = g_strdup ("");
  if (g_str_equal (what, "tag-create") || g_str_equal (what, "tag-delete"))
    return g_strdup_printf (after != NULL ? _("Create tag “%s”") : _("Delete tag “%s”"), name);
  if (g_str_equal (what, "tag-rename"))
    {
      other = json_member (after, "name");
      /* Translators: renaming a tag: old name, new name */
      return g_strdup_printf (_("Rename tag “%s” to “%s”"), name, other ? other : "");
    }
  if (g_str_equal (what, "tag-recolour"))
    return g_strdup_printf (_("Change the colour of “%s”"), name);
  if (g_str_equal (what, "tag-describe"))
    return g_strdup_printf (_("Change the description of “%s”"), name);
  if (g_str_equal (what, "tag-shortcut"))
    return g_strdup_printf (_("Change the key of “%s”"), name);
  if (g_str_equal (what, "tag-move"))
    return g_strdup_printf (_("Move tag “%s”"), name);
  if (g_str_equal (what, "tag-merge"))
    {
      g_autofree char *into = json_member (before, "into");

      if (before == NULL || into != NULL)
        {
          /* An undo's row: the tag comes back. */
          g_free (name);
          name = json_member (after, "name");
          return g_strdup_printf (_("Unmerge tag “%s”"), name ? name : "");
        }
      other = json_member (after, "name");
      /* Translators: merging tags: the merged one, the one it went into */
      return g_strdup_printf (_("Merge tag “%s” into “%s”"), name, other ? other : "");
    }
  if (g_str_equal (what, "tag-import"))
    return g_strdup (_("Import a codebook"));
  return g_strdup (what);
}

char *
likert_history_entry_describe (const LikertHistoryEntry *entry)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (entry != NULL, NULL);

  text = describe_change (entry->what, entry->before, entry->after, 1);
  if (entry->undoes != 0)
    /* Translators: a change made by undoing another */
    return g_strdup_printf (_("%s (undo)"), text);
  if (entry->redoes != 0)
    /* Translators: a change made by redoing another */
    return g_strdup_printf (_("%s (redo)"), text);
  return g_steal_pointer (&text);
}

/* The user action a batch goes back to: through undos and redos to the original batch. */
static gint64
origin_batch (LikertStore *store,
              gint64       batch)
{
  for (guint i = 0; i < MAX_CHAIN; i++)
    {
      sqlite3_stmt *stmt = _likert_store_prepare (store,
                                                  "SELECT undoes, redoes FROM history "
                                                  "WHERE batch = ? LIMIT 1",
                                                  NULL);
      gint64 undoes = 0, redoes = 0;

      if (stmt == NULL)
        return batch;
      sqlite3_bind_int64 (stmt, 1, batch);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          undoes = sqlite3_column_int64 (stmt, 0);
          redoes = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (undoes == 0 && redoes == 0)
        return batch;
      batch = undoes != 0 ? undoes : redoes;
    }
  return batch;
}

/* What the user action behind a batch did: its last row (a codebook change writes its main row
 * last), counted with the rows like it. */
static char *
describe_batch (LikertStore *store,
                gint64       batch)
{
  g_autofree char *what = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;
  gint64 n;

  batch = origin_batch (store, batch);
  stmt = _likert_store_prepare (store,
                                "SELECT what, before, after FROM history WHERE batch = ? "
                                "ORDER BY id DESC LIMIT 1",
                                NULL);
  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, batch);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      what = dup_column (stmt, 0);
      before = dup_column (stmt, 1);
      after = dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (what == NULL)
    return g_strdup ("");

  /* A batch whose last row is a response's is all of one kind (an edit, or a bulk one): its
   * size counts them (from the index alone). */
  n = query_number (store, "SELECT count (*) FROM history WHERE batch = ?", batch, NULL, NULL);
  return describe_change (what, before, after, MAX (n, 1));
}

/* Undo and redo */

/* The number of sql's first row, its first column (0: none); -1 (error set) when it fails. */
static gint64
query_number (LikertStore  *store,
              const char   *sql,
              gint64        param,
              gint64       *second,
              GError      **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (store, sql, error);
  gint64 number = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      number = sqlite3_column_int64 (stmt, 0);
      if (second != NULL)
        *second = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      return -1;
    }
  return number;
}

/* Walks the session's batches from the newest, one index seek each (a batch of 100,000 rows
 * costs no more than one of a single row), to the one to undo (redo FALSE): the newest action
 * or redo that no undo reverted yet; or to the one to redo: the newest undo that no redo
 * reverted yet, if no new action came after it. 0: none; -1: error. */
static gint64
find_target (LikertStore  *store,
             gboolean      redo,
             GError      **error)
{
  gint64 floor = _likert_store_get_session_floor (store);
  gint64 batch = query_number (store, "SELECT ifnull (max (batch), 0) FROM history", 0, NULL,
                               error);

  while (batch > floor)
    {
      gint64 undoes = 0, redoes = 0, reverted;

      undoes = query_number (store, "SELECT undoes, redoes FROM history WHERE batch = ? LIMIT 1",
                             batch, &redoes, error);
      if (undoes < 0)
        return -1;
      if (!redo && undoes == 0)
        {
          reverted = query_number (store, "SELECT 1 FROM history WHERE undoes = ? LIMIT 1",
                                   batch, NULL, error);
          if (reverted <= 0)
            return reverted < 0 ? -1 : batch;
        }
      else if (redo && undoes == 0 && redoes == 0)
        return 0;
      else if (redo && undoes != 0)
        {
          reverted = query_number (store, "SELECT 1 FROM history WHERE redoes = ? LIMIT 1",
                                   batch, NULL, error);
          if (reverted <= 0)
            return reverted < 0 ? -1 : batch;
        }
      batch = query_number (store, "SELECT ifnull (max (batch), 0) FROM history WHERE batch < ?",
                            batch, NULL, error);
    }
  return batch < 0 ? -1 : 0;
}

static gint64
undo_target (LikertStore  *store,
             GError      **error)
{
  return find_target (store, FALSE, error);
}

static gint64
redo_target (LikertStore  *store,
             GError      **error)
{
  return find_target (store, TRUE, error);
}

static gboolean
can_revert (LikertStore  *store,
            gboolean      redo,
            char        **description)
{
  gint64 batch;

  if (description != NULL)
    *description = NULL;
  batch = redo ? redo_target (store, NULL) : undo_target (store, NULL);
  if (batch <= 0)
    return FALSE;
  if (description != NULL)
    *description = describe_batch (store, batch);
  return TRUE;
}

gboolean
likert_store_can_undo (LikertStore  *store,
                       char        **description)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return can_revert (store, FALSE, description);
}

gboolean
likert_store_can_redo (LikertStore  *store,
                       char        **description)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return can_revert (store, TRUE, description);
}

static GArray *
read_changes (LikertStore  *store,
              gint64        batch,
              GError      **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (changes, (GDestroyNotify) change_clear);
  stmt = _likert_store_prepare (store,
                                "SELECT response_id, what, before, after FROM history "
                                "WHERE batch = ? ORDER BY id DESC",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, batch);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Change change = {
        sqlite3_column_int64 (stmt, 0),
        dup_column (stmt, 1),
        dup_column (stmt, 2),
        dup_column (stmt, 3),
      };
      g_array_append_val (changes, change);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      return NULL;
    }
  return g_steal_pointer (&changes);
}

static gboolean
parse_sentiment (const char *text,
                 int        *sentiment)
{
  if (text == NULL)
    *sentiment = G_MININT;
  else if (g_str_equal (text, "-1"))
    *sentiment = -1;
  else if (g_str_equal (text, "0"))
    *sentiment = 0;
  else if (g_str_equal (text, "1"))
    *sentiment = 1;
  else
    return FALSE;
  return TRUE;
}

/* The tag, author and time of a tagging as history records it. */
static gboolean
resolve_tagging (LikertStore  *store,
                 const char   *ref,
                 TagCache     *cache,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  if (cache->ref != NULL && g_str_equal (cache->ref, ref))
    return TRUE;
  tag_cache_clear (cache);
  stmt = _likert_store_prepare (store,
                                "SELECT t.id, json_extract (?1, '$.author'), "
                                "json_extract (?1, '$.at') FROM tag t "
                                "WHERE json_valid (?1) AND t.uuid = json_extract (?1, '$.tag')",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ref, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      cache->ref = g_strdup (ref);
      cache->tag_id = sqlite3_column_int64 (stmt, 0);
      cache->author = dup_column (stmt, 1);
      cache->at = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (!found)
    {
      g_autofree char *name = json_member (ref, "name");

      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                   _("The tag “%s” is no longer in the project"), name ? name : "");
    }
  return found;
}

static gboolean
cannot_revert (const Change  *change,
               GError       **error)
{
  g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
               _("A change of kind “%s” cannot be undone"), change->what);
  return FALSE;
}

/* Takes what a row changed from its state from to its state to. */
static gboolean
apply_change (LikertStore   *store,
              const Change  *change,
              const char    *from,
              const char    *to,
              const char    *author,
              TagCache      *cache,
              GError       **error)
{
  const char *what = change->what;
  gint64 id = change->response_id;

  if (g_str_equal (what, "note"))
    return _likert_store_write_note (store, id, to ? to : "", author, NULL, error);
  if (g_str_equal (what, "status"))
    {
      LikertStatus status;

      if (!likert_status_from_string (to, &status))
        return cannot_revert (change, error);
      return _likert_store_write_status (store, id, status, author, NULL, error);
    }
  if (g_str_equal (what, "sentiment"))
    {
      int sentiment;

      if (!parse_sentiment (to, &sentiment))
        return cannot_revert (change, error);
      return _likert_store_write_sentiment (store, id, sentiment, author, NULL, error);
    }
  if (g_str_equal (what, "tag-add") || g_str_equal (what, "tag-remove"))
    {
      const char *ref = to != NULL ? to : from;
      gboolean changed;

      if (ref == NULL)
        return cannot_revert (change, error);
      if (!resolve_tagging (store, ref, cache, error))
        return FALSE;
      return _likert_store_write_tag (store, id, cache->tag_id, to != NULL,
                                      cache->author ? cache->author : author,
                                      cache->at > 0 ? cache->at : _likert_store_batch_time (store),
                                      NULL, NULL, &changed, error);
    }
  if (g_str_has_prefix (what, "tag-"))
    return _likert_codebook_apply_state (store, from, to, error);
  return cannot_revert (change, error);
}

static gboolean
revert (LikertStore  *store,
        gboolean      redo,
        const char   *author,
        char        **description,
        GError      **error)
{
  g_autoptr(GArray) changes = NULL;
  g_auto(TagCache) cache = { NULL, 0, NULL, 0 };
  g_autofree char *text = NULL;
  gint64 batch;

  if (description != NULL)
    *description = NULL;
  if (author == NULL)
    author = likert_default_author ();
  if (!_likert_store_begin (store, error))
    return FALSE;

  batch = redo ? redo_target (store, error) : undo_target (store, error);
  if (batch == 0)
    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
                 redo ? _("There is nothing to redo") : _("There is nothing to undo"));
  if (batch <= 0 || (changes = read_changes (store, batch, error)) == NULL)
    goto fail;
  text = describe_batch (store, batch);

  /* Newest first, each row back from its after to its before, recorded as its inverse. */
  _likert_store_set_batch_origin (store, redo ? 0 : batch, redo ? batch : 0);
  for (guint i = 0; i < changes->len; i++)
    {
      const Change *change = &g_array_index (changes, Change, i);

      if (!apply_change (store, change, change->after, change->before, author, &cache, error) ||
          !_likert_store_record_history (store, change->response_id, author, change->what,
                                         change->after, change->before, error))
        goto fail;
    }

  if (!_likert_store_commit (store, error))
    return FALSE;
  if (description != NULL)
    *description = g_steal_pointer (&text);
  return TRUE;

fail:
  _likert_store_rollback (store);
  return FALSE;
}

gboolean
likert_store_undo (LikertStore  *store,
                   const char   *author,
                   char        **description,
                   GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return revert (store, FALSE, author, description, error);
}

gboolean
likert_store_redo (LikertStore  *store,
                   const char   *author,
                   char        **description,
                   GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return revert (store, TRUE, author, description, error);
}
