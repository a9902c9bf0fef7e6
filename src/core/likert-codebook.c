/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-codebook"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-codebook-private.h"
#include "likert-csv.h"
#include "likert-store-private.h"

/* Codes of a REFI-QDA codebook (or rows of a CSV one) on their way into the store. */
typedef struct _Entry Entry;
struct _Entry
{
  char      *guid;          /* nullable */
  char      *name;
  char      *parent;        /* CSV: the parent's path; nullable */
  char      *colour;        /* nullable: leave as it is */
  char      *description;   /* nullable: leave as it is */
  char      *shortcut;      /* nullable: leave as it is */
  guint      line;          /* CSV: the record's line, for messages */
  GPtrArray *children;      /* Entry *; QDC only */
};

typedef struct
{
  LikertStore          *store;
  const char           *author;
  LikertCodebookImport *counts;
} ImportContext;

/* Deeper than any codebook: a guard against runaway nesting in files. */
#define MAX_DEPTH 64

static void
entry_free (Entry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->guid);
  g_free (entry->name);
  g_free (entry->parent);
  g_free (entry->colour);
  g_free (entry->description);
  g_free (entry->shortcut);
  g_clear_pointer (&entry->children, g_ptr_array_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

static char *
number_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static void
set_not_found (LikertStore  *store,
               gint64        tag_id,
               GError      **error)
{
  g_autofree char *number = number_text (tag_id);

  g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_NOT_FOUND,
               _("There is no tag %s in “%s”"), number, likert_store_get_path (store));
}

/* Validation */

/* The name stripped of surrounding space, or NULL (error set) when the codebook refuses it. */
static char *
clean_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("The tag name is not valid UTF-8 text"));
      return NULL;
    }
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0')
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("A tag needs a name"));
      return NULL;
    }
  for (const char *p = clean; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                     _("The tag name “%s” holds a line break or another control character"),
                     clean);
        return NULL;
      }
  if (strstr (clean, LIKERT_CODEBOOK_PATH_SEPARATOR) != NULL)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   /* Translators: “ / ” separates the levels of a tag path */
                   _("The tag name “%s” holds “ / ”, which separates the levels of a path"),
                   clean);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/* *out: "#rrggbb", or NULL for colour NULL or "". */
static gboolean
clean_colour (const char  *colour,
              char       **out,
              GError     **error)
{
  gsize length;

  *out = NULL;
  if (colour == NULL)
    return TRUE;
  while (g_ascii_isspace (*colour))
    colour++;
  length = strlen (colour);
  while (length > 0 && g_ascii_isspace (colour[length - 1]))
    length--;
  if (length == 0)
    return TRUE;

  if (colour[0] == '#' && (length == 7 || length == 4))
    {
      gboolean hex = TRUE;

      for (gsize i = 1; i < length; i++)
        hex &= g_ascii_isxdigit (colour[i]) != 0;
      if (hex && length == 7)
        {
          *out = g_ascii_strdown (colour, 7);
          return TRUE;
        }
      if (hex)
        {
          char *expanded = g_malloc (8);

          expanded[0] = '#';
          for (guint i = 0; i < 3; i++)
            expanded[1 + 2 * i] = expanded[2 + 2 * i] = g_ascii_tolower (colour[1 + i]);
          expanded[7] = '\0';
          *out = expanded;
          return TRUE;
        }
    }

  {
    g_autofree char *shown = g_utf8_make_valid (colour, (gssize) length);

    g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                 /* Translators: #rrggbb is the form of a colour, as in #1c71d8 */
                 _("“%s” is not a colour: use the form #rrggbb"), shown);
  }
  return FALSE;
}

/* *out: one character, or NULL for shortcut NULL or "". */
static gboolean
clean_shortcut (const char  *shortcut,
                char       **out,
                GError     **error)
{
  *out = NULL;
  if (shortcut == NULL || *shortcut == '\0')
    return TRUE;
  if (!g_utf8_validate (shortcut, -1, NULL) || g_utf8_strlen (shortcut, -1) != 1 ||
      !g_unichar_isgraph (g_utf8_get_char (shortcut)))
    {
      g_autofree char *shown = g_utf8_make_valid (shortcut, -1);

      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("“%s” cannot be a shortcut: a shortcut is one key, a letter, digit or sign"),
                   shown);
      return FALSE;
    }
  *out = g_strdup (shortcut);
  return TRUE;
}

static gboolean
clean_description (const char  *description,
                   char       **out,
                   GError     **error)
{
  *out = NULL;
  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("The description is not valid UTF-8 text"));
      return FALSE;
    }
  *out = g_strdup (description != NULL ? description : "");
  return TRUE;
}

/* Queries */

/* The first column of the first row of sql, or 0; sql may use any of ?1 (number), ?2 (text)
 * and ?3 (except). */
static gint64
query_id (LikertStore *store,
          const char  *sql,
          gint64       number,
          const char  *text,
          gint64       except)
{
  sqlite3_stmt *stmt = _likert_store_prepare (store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, number);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, except);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
likert_codebook_find (LikertStore *store,
                      gint64       parent_id,
                      const char  *name)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), 0);

  if (name == NULL)
    return 0;
  return query_id (store,
                   "SELECT id FROM tag WHERE ifnull (parent_id, 0) = ?1 AND name = ?2 "
                   "AND id != ?3",
                   parent_id, name, 0);
}

gint64
likert_codebook_find_shortcut (LikertStore *store,
                               const char  *shortcut)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), 0);

  if (shortcut == NULL || *shortcut == '\0')
    return 0;
  return query_id (store, "SELECT id FROM tag WHERE shortcut = ?2 AND id != ?3", 0, shortcut, 0);
}

static gint64
find_uuid (LikertStore *store,
           const char  *uuid)
{
  if (uuid == NULL)
    return 0;
  return query_id (store, "SELECT id FROM tag WHERE uuid = ?2 AND id != ?3", 0, uuid, 0);
}

gint64
likert_codebook_find_path (LikertStore *store,
                           const char  *path)
{
  g_auto(GStrv) names = NULL;
  gint64 id = 0;

  g_return_val_if_fail (LIKERT_IS_STORE (store), 0);

  if (path == NULL)
    return 0;
  names = g_strsplit (path, LIKERT_CODEBOOK_PATH_SEPARATOR, -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_strstrip (names[i]);
      id = likert_codebook_find (store, id, names[i]);
      if (id == 0)
        return 0;
    }
  return id;
}

LikertTag *
likert_codebook_get_tag (LikertStore  *store,
                         gint64        tag_id,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  LikertTag *tag = NULL;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  stmt = _likert_store_prepare (store,
                                "SELECT uuid, parent_id, name, colour, description, shortcut "
                                "FROM tag WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      tag = g_new0 (LikertTag, 1);
      tag->id = tag_id;
      tag->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      tag->parent_id = sqlite3_column_int64 (stmt, 1);
      tag->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      tag->colour = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      tag->description = g_strdup (sqlite3_column_type (stmt, 4) == SQLITE_NULL
                                   ? "" : (const char *) sqlite3_column_text (stmt, 4));
      tag->shortcut = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (tag == NULL)
    set_not_found (store, tag_id, error);
  return tag;
}

char *
likert_codebook_dup_path (LikertStore  *store,
                          gint64        tag_id,
                          GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *path;
  gint64 id = tag_id;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  while (id != 0)
    {
      g_autoptr(LikertTag) tag = likert_codebook_get_tag (store, id, error);

      if (tag == NULL)
        return NULL;
      if (names->len > MAX_DEPTH)
        {
          g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                       _("The codebook of “%s” has a tag inside itself"),
                       likert_store_get_path (store));
          return NULL;
        }
      g_ptr_array_add (names, g_steal_pointer (&tag->name));
      id = tag->parent_id;
    }

  path = g_string_new (NULL);
  for (guint i = names->len; i > 0; i--)
    {
      if (i < names->len)
        g_string_append (path, LIKERT_CODEBOOK_PATH_SEPARATOR);
      g_string_append (path, g_ptr_array_index (names, i - 1));
    }
  return g_string_free (path, FALSE);
}

/* TRUE when ancestor is tag_id or one of its ancestors. UNION: ends even on a damaged
 * codebook with a cycle. */
static gboolean
is_ancestor (LikertStore *store,
             gint64       ancestor,
             gint64       tag_id)
{
  return query_id (store,
                   "WITH RECURSIVE up (id) AS (SELECT ?1 UNION "
                   "  SELECT t.parent_id FROM tag t JOIN up ON t.id = up.id "
                   "  WHERE t.parent_id IS NOT NULL) "
                   "SELECT 1 FROM up WHERE id = ?3",
                   tag_id, NULL, ancestor) != 0;
}

gint64
likert_codebook_count_uses (LikertStore  *store,
                            gint64        tag_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (LIKERT_IS_STORE (store), -1);

  stmt = _likert_store_prepare (store, "SELECT count (*) FROM response_tag WHERE tag_id = ?",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _likert_store_set_error (store, error, _("Could not read the project"));
  sqlite3_reset (stmt);
  return n;
}

/* History states */

char *
_likert_codebook_tag_state (LikertStore  *store,
                            gint64        tag_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  char *state = NULL;

  stmt = _likert_store_prepare (store,
                                "SELECT json_object ('uuid', t.uuid, 'id', t.id, "
                                "'parent', p.uuid, 'name', t.name, 'colour', t.colour, "
                                "'description', t.description, 'shortcut', t.shortcut) "
                                "FROM tag t LEFT JOIN tag p ON p.id = t.parent_id WHERE t.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (state == NULL)
    set_not_found (store, tag_id, error);
  return state;
}

static gboolean
state_has_tag (LikertStore *store,
               const char  *state)
{
  sqlite3_stmt *stmt;
  gboolean has = FALSE;

  if (state == NULL)
    return FALSE;
  stmt = _likert_store_prepare (store,
                                "SELECT json_valid (?1) AND json_type (?1, '$.uuid') = 'text'",
                                NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    has = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return has;
}

static gboolean
step_state (LikertStore   *store,
            sqlite3_stmt  *stmt,
            const char    *state,
            GError       **error)
{
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  return _likert_store_step_done (store, stmt, error);
}

gboolean
_likert_codebook_apply_state (LikertStore  *store,
                              const char   *from,
                              const char   *to,
                              GError      **error)
{
  sqlite3_stmt *stmt;

  if (!state_has_tag (store, to))
    {
      if (!state_has_tag (store, from))
        return TRUE;
      stmt = _likert_store_prepare (store, "DELETE FROM tag WHERE uuid = json_extract (?1, '$.uuid')",
                                    error);
      return stmt != NULL && step_state (store, stmt, from, error);
    }

  stmt = _likert_store_prepare (store,
                                "UPDATE tag SET "
                                "parent_id = (SELECT p.id FROM tag p "
                                "  WHERE p.uuid = json_extract (?1, '$.parent')), "
                                "name = json_extract (?1, '$.name'), "
                                "colour = json_extract (?1, '$.colour'), "
                                "description = ifnull (json_extract (?1, '$.description'), ''), "
                                "shortcut = json_extract (?1, '$.shortcut') "
                                "WHERE uuid = json_extract (?1, '$.uuid')",
                                error);
  if (stmt == NULL || !step_state (store, stmt, to, error))
    return FALSE;
  if (sqlite3_changes (_likert_store_get_db (store)) > 0)
    return TRUE;

  /* Back as it was, under its old id when that is free (views and frames may hold it). */
  stmt = _likert_store_prepare (store,
                                "INSERT INTO tag (id, uuid, parent_id, name, colour, description, "
                                "shortcut) SELECT "
                                "CASE WHEN EXISTS (SELECT 1 FROM tag WHERE id = json_extract "
                                "  (?1, '$.id')) THEN NULL ELSE json_extract (?1, '$.id') END, "
                                "json_extract (?1, '$.uuid'), "
                                "(SELECT p.id FROM tag p WHERE p.uuid = json_extract (?1, '$.parent')), "
                                "json_extract (?1, '$.name'), json_extract (?1, '$.colour'), "
                                "ifnull (json_extract (?1, '$.description'), ''), "
                                "json_extract (?1, '$.shortcut')",
                                error);
  return stmt != NULL && step_state (store, stmt, to, error);
}

/* Writing, inside the caller's transaction */

static gboolean
check_name_free (LikertStore  *store,
                 gint64        parent_id,
                 const char   *name,
                 gint64        tag_id,
                 GError      **error)
{
  g_autofree char *where = NULL;

  if (query_id (store,
                "SELECT id FROM tag WHERE ifnull (parent_id, 0) = ?1 AND name = ?2 AND id != ?3",
                parent_id, name, tag_id) == 0)
    return TRUE;
  if (parent_id == 0)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("There is already a top-level tag “%s”"), name);
      return FALSE;
    }
  where = likert_codebook_dup_path (store, parent_id, NULL);
  g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
               _("There is already a tag “%s” in “%s”"), name, where ? where : "");
  return FALSE;
}

static gboolean
check_shortcut_free (LikertStore  *store,
                     const char   *shortcut,
                     gint64        tag_id,
                     GError      **error)
{
  gint64 other;
  g_autoptr(LikertTag) tag = NULL;

  if (shortcut == NULL)
    return TRUE;
  other = query_id (store, "SELECT id FROM tag WHERE shortcut = ?2 AND id != ?3", 0, shortcut,
                    tag_id);
  if (other == 0)
    return TRUE;
  tag = likert_codebook_get_tag (store, other, NULL);
  g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
               _("The key “%s” is already the shortcut of “%s”"), shortcut,
               tag ? tag->name : "");
  return FALSE;
}

static gboolean
check_parent (LikertStore  *store,
              gint64        parent_id,
              GError      **error)
{
  g_autoptr(LikertTag) parent = NULL;

  if (parent_id == 0)
    return TRUE;
  parent = likert_codebook_get_tag (store, parent_id, error);
  return parent != NULL;
}

/* Adds a tag (its fields already clean) with its history row. uuid: NULL for a new one. */
static gint64
insert_tag (LikertStore  *store,
            const char   *uuid,
            const char   *name,
            gint64        parent_id,
            const char   *colour,
            const char   *description,
            const char   *shortcut,
            const char   *author,
            const char   *what,
            GError      **error)
{
  g_autofree char *new_uuid = NULL;
  g_autofree char *state = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_parent (store, parent_id, error) ||
      !check_name_free (store, parent_id, name, 0, error) ||
      !check_shortcut_free (store, shortcut, 0, error))
    return 0;

  stmt = _likert_store_prepare (store,
                                "INSERT INTO tag (uuid, parent_id, name, colour, description, "
                                "shortcut) VALUES (?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  if (uuid == NULL)
    uuid = new_uuid = _likert_uuid ();
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, description ? description : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, shortcut, -1, SQLITE_STATIC);
  if (!_likert_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (_likert_store_get_db (store));

  state = _likert_codebook_tag_state (store, id, error);
  if (state == NULL ||
      !_likert_store_record_history (store, 0, author, what, NULL, state, error))
    return 0;
  return id;
}

/* Writes every field of tag (its fields already clean), and its history row when that changed
 * anything. */
static gboolean
save_tag (LikertStore      *store,
          const LikertTag  *tag,
          const char       *author,
          const char       *what,
          gboolean         *changed,
          GError          **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  if (changed != NULL)
    *changed = FALSE;
  before = _likert_codebook_tag_state (store, tag->id, error);
  if (before == NULL ||
      !check_parent (store, tag->parent_id, error) ||
      !check_name_free (store, tag->parent_id, tag->name, tag->id, error) ||
      !check_shortcut_free (store, tag->shortcut, tag->id, error))
    return FALSE;

  stmt = _likert_store_prepare (store,
                                "UPDATE tag SET parent_id = ?, name = ?, colour = ?, "
                                "description = ?, shortcut = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (tag->parent_id != 0)
    sqlite3_bind_int64 (stmt, 1, tag->parent_id);
  sqlite3_bind_text (stmt, 2, tag->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tag->colour, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, tag->description ? tag->description : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tag->shortcut, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, tag->id);
  if (!_likert_store_step_done (store, stmt, error))
    return FALSE;

  after = _likert_codebook_tag_state (store, tag->id, error);
  if (after == NULL)
    return FALSE;
  if (g_strcmp0 (before, after) == 0)
    return TRUE;
  if (changed != NULL)
    *changed = TRUE;
  return _likert_store_record_history (store, 0, author, what, before, after, error);
}

static GArray *
child_ids (LikertStore  *store,
           gint64        tag_id,
           GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _likert_store_prepare (store, "SELECT id FROM tag WHERE parent_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

typedef struct
{
  gint64  response_id;
  char   *author;
  gint64  at;
} Use;

static void
use_clear (Use *use)
{
  g_free (use->author);
}

/* Removes every use of the tag, recording each as a tag-remove of its response. */
static GArray *
remove_uses (LikertStore      *store,
             const LikertTag  *tag,
             const char       *author,
             GError          **error)
{
  g_autoptr(GArray) uses = g_array_new (FALSE, FALSE, sizeof (Use));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (uses, (GDestroyNotify) use_clear);
  stmt = _likert_store_prepare (store,
                                "DELETE FROM response_tag WHERE tag_id = ? "
                                "RETURNING response_id, author, created_at",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, tag->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Use use = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
      };
      g_array_append_val (uses, use);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not write to the project"));
      return NULL;
    }

  for (guint i = 0; i < uses->len; i++)
    {
      Use *use = &g_array_index (uses, Use, i);
      g_autofree char *ref = _likert_store_tag_ref (tag->uuid, tag->name, use->author, use->at);

      if (!_likert_store_record_history (store, use->response_id, author, "tag-remove", ref,
                                         NULL, error))
        return NULL;
    }
  return g_steal_pointer (&uses);
}

static gboolean
delete_tag_row (LikertStore      *store,
                const LikertTag  *tag,
                const char       *author,
                const char       *what,
                const char       *after,
                GError          **error)
{
  g_autofree char *before = _likert_codebook_tag_state (store, tag->id, error);
  sqlite3_stmt *stmt;

  if (before == NULL)
    return FALSE;
  stmt = _likert_store_prepare (store, "DELETE FROM tag WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, tag->id);
  return _likert_store_step_done (store, stmt, error) &&
         _likert_store_record_history (store, 0, author, what, before, after, error);
}

static gboolean
merge_into (LikertStore  *store,
            gint64        source_id,
            gint64        target_id,
            const char   *author,
            guint64      *n_moved,
            guint         depth,
            GError      **error)
{
  g_autoptr(LikertTag) source = likert_codebook_get_tag (store, source_id, error);
  g_autoptr(LikertTag) target = NULL;
  g_autoptr(GArray) children = NULL;
  g_autoptr(GArray) uses = NULL;
  g_autoptr(GString) into = NULL;

  if (source == NULL || (target = likert_codebook_get_tag (store, target_id, error)) == NULL)
    return FALSE;
  if (depth > MAX_DEPTH)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                   _("The codebook of “%s” has a tag inside itself"),
                   likert_store_get_path (store));
      return FALSE;
    }

  /* Subtags go under the target, or merge into its subtag of the same name; the one on the
   * way to the target (when the target is inside the source) takes the source's place. */
  children = child_ids (store, source_id, error);
  if (children == NULL)
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      gint64 child_id = g_array_index (children, gint64, i);
      g_autoptr(LikertTag) child = likert_codebook_get_tag (store, child_id, error);
      gint64 twin;

      if (child == NULL)
        return FALSE;
      if (is_ancestor (store, child_id, target_id))
        child->parent_id = source->parent_id;
      else if ((twin = likert_codebook_find (store, target_id, child->name)) != 0)
        {
          if (!merge_into (store, child_id, twin, author, n_moved, depth + 1, error))
            return FALSE;
          continue;
        }
      else
        child->parent_id = target_id;
      if (!save_tag (store, child, author, "tag-move", NULL, error))
        return FALSE;
    }

  uses = remove_uses (store, source, author, error);
  if (uses == NULL)
    return FALSE;
  for (guint i = 0; i < uses->len; i++)
    {
      Use *use = &g_array_index (uses, Use, i);
      gboolean changed;

      /* The use keeps who made it and when. */
      if (!_likert_store_write_tag (store, use->response_id, target_id, TRUE, use->author,
                                    use->at, NULL, NULL, &changed, error))
        return FALSE;
      if (changed)
        {
          g_autofree char *ref = _likert_store_tag_ref (target->uuid, target->name,
                                                        use->author, use->at);

          if (!_likert_store_record_history (store, use->response_id, author, "tag-add", NULL,
                                             ref, error))
            return FALSE;
        }
    }
  if (n_moved != NULL && depth == 0)
    *n_moved = uses->len;

  into = g_string_new ("{\"into\":");
  _likert_json_append_string (into, target->uuid);
  g_string_append (into, ",\"name\":");
  _likert_json_append_string (into, target->name);
  g_string_append_c (into, '}');
  return delete_tag_row (store, source, author, "tag-merge", into->str, error);
}

/* Public operations: one transaction each */

static const char *
author_or_default (const char *author)
{
  return author != NULL ? author : likert_default_author ();
}

static gboolean
finish (LikertStore  *store,
        gboolean      ok,
        GError      **error)
{
  if (!ok)
    {
      _likert_store_rollback (store);
      return FALSE;
    }
  return _likert_store_commit (store, error);
}

gint64
likert_codebook_create (LikertStore  *store,
                        const char   *name,
                        gint64        parent_id,
                        const char   *colour,
                        const char   *description,
                        const char   *shortcut,
                        const char   *author,
                        GError      **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *clean_col = NULL;
  g_autofree char *clean_desc = NULL;
  g_autofree char *clean_key = NULL;
  gint64 id;

  g_return_val_if_fail (LIKERT_IS_STORE (store), 0);

  if ((clean = clean_name (name, error)) == NULL ||
      !clean_colour (colour, &clean_col, error) ||
      !clean_description (description, &clean_desc, error) ||
      !clean_shortcut (shortcut, &clean_key, error) ||
      !_likert_store_begin (store, error))
    return 0;
  id = insert_tag (store, NULL, clean, parent_id, clean_col, clean_desc, clean_key,
                   author_or_default (author), "tag-create", error);
  if (!finish (store, id != 0, error))
    return 0;
  return id;
}

typedef enum {
  FIELD_NAME,
  FIELD_COLOUR,
  FIELD_DESCRIPTION,
  FIELD_SHORTCUT,
} Field;

static gboolean
change_field (LikertStore  *store,
              gint64        tag_id,
              Field         field,
              const char   *value,
              const char   *author,
              GError      **error)
{
  static const char * const whats[] = {
    [FIELD_NAME] = "tag-rename",
    [FIELD_COLOUR] = "tag-recolour",
    [FIELD_DESCRIPTION] = "tag-describe",
    [FIELD_SHORTCUT] = "tag-shortcut",
  };
  g_autoptr(LikertTag) tag = NULL;
  g_autofree char *clean = NULL;
  gboolean ok;

  switch (field)
    {
    case FIELD_NAME: ok = (clean = clean_name (value, error)) != NULL; break;
    case FIELD_COLOUR: ok = clean_colour (value, &clean, error); break;
    case FIELD_DESCRIPTION: ok = clean_description (value, &clean, error); break;
    case FIELD_SHORTCUT: ok = clean_shortcut (value, &clean, error); break;
    default: g_return_val_if_reached (FALSE);
    }
  if (!ok || !_likert_store_begin (store, error))
    return FALSE;

  tag = likert_codebook_get_tag (store, tag_id, error);
  if (tag != NULL)
    {
      char **slot = field == FIELD_NAME ? &tag->name
                    : field == FIELD_COLOUR ? &tag->colour
                    : field == FIELD_DESCRIPTION ? &tag->description
                    : &tag->shortcut;

      g_free (*slot);
      *slot = g_steal_pointer (&clean);
    }
  return finish (store,
                 tag != NULL && save_tag (store, tag, author_or_default (author), whats[field],
                                          NULL, error),
                 error);
}

gboolean
likert_codebook_rename (LikertStore  *store,
                        gint64        tag_id,
                        const char   *name,
                        const char   *author,
                        GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return change_field (store, tag_id, FIELD_NAME, name, author, error);
}

gboolean
likert_codebook_recolour (LikertStore  *store,
                          gint64        tag_id,
                          const char   *colour,
                          const char   *author,
                          GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return change_field (store, tag_id, FIELD_COLOUR, colour, author, error);
}

gboolean
likert_codebook_set_description (LikertStore  *store,
                                 gint64        tag_id,
                                 const char   *description,
                                 const char   *author,
                                 GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return change_field (store, tag_id, FIELD_DESCRIPTION, description, author, error);
}

gboolean
likert_codebook_set_shortcut (LikertStore  *store,
                              gint64        tag_id,
                              const char   *shortcut,
                              const char   *author,
                              GError      **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  return change_field (store, tag_id, FIELD_SHORTCUT, shortcut, author, error);
}

gboolean
likert_codebook_move (LikertStore  *store,
                      gint64        tag_id,
                      gint64        parent_id,
                      const char   *author,
                      GError      **error)
{
  g_autoptr(LikertTag) tag = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);

  if (!_likert_store_begin (store, error))
    return FALSE;
  tag = likert_codebook_get_tag (store, tag_id, error);
  if (tag != NULL && check_parent (store, parent_id, error))
    {
      if (parent_id != 0 && is_ancestor (store, tag_id, parent_id))
        g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                     _("“%s” cannot move inside itself"), tag->name);
      else
        {
          tag->parent_id = parent_id;
          ok = save_tag (store, tag, author_or_default (author), "tag-move", NULL, error);
        }
    }
  return finish (store, ok, error);
}

gboolean
likert_codebook_merge (LikertStore  *store,
                       gint64        source_id,
                       gint64        target_id,
                       const char   *author,
                       guint64      *n_moved,
                       GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);

  if (n_moved != NULL)
    *n_moved = 0;
  if (source_id == target_id)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("A tag cannot be merged into itself"));
      return FALSE;
    }
  if (!_likert_store_begin (store, error))
    return FALSE;
  ok = merge_into (store, source_id, target_id, author_or_default (author), n_moved, 0, error);
  if (!finish (store, ok, error))
    {
      if (n_moved != NULL)
        *n_moved = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
likert_codebook_delete (LikertStore  *store,
                        gint64        tag_id,
                        const char   *author,
                        guint64      *n_removed,
                        GError      **error)
{
  g_autoptr(LikertTag) tag = NULL;
  g_autoptr(GArray) uses = NULL;
  g_autoptr(GArray) children = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  author = author_or_default (author);
  if (!_likert_store_begin (store, error))
    return FALSE;

  tag = likert_codebook_get_tag (store, tag_id, error);
  if (tag != NULL &&
      (uses = remove_uses (store, tag, author, error)) != NULL &&
      (children = child_ids (store, tag_id, error)) != NULL)
    {
      ok = TRUE;
      for (guint i = 0; ok && i < children->len; i++)
        {
          g_autoptr(LikertTag) child = likert_codebook_get_tag (store,
                                                                g_array_index (children, gint64, i),
                                                                error);

          ok = child != NULL;
          if (ok)
            {
              child->parent_id = tag->parent_id;
              ok = save_tag (store, child, author, "tag-move", NULL, error);
            }
        }
      ok = ok && delete_tag_row (store, tag, author, "tag-delete", NULL, error);
    }
  if (!finish (store, ok, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = uses->len;
  return TRUE;
}

/* Export */

typedef struct
{
  GPtrArray  *tags;       /* LikertTag *, owned */
  GHashTable *children;   /* parent id (gint64 *) → GPtrArray of LikertTag *, by name */
} Tree;

static void
tree_clear (Tree *tree)
{
  g_clear_pointer (&tree->children, g_hash_table_unref);
  g_clear_pointer (&tree->tags, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tree, tree_clear)

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  const LikertTag *x = *(LikertTag * const *) a;
  const LikertTag *y = *(LikertTag * const *) b;
  int by_name = strcmp (x->name, y->name);

  if (by_name != 0)
    return by_name;
  return (x->id > y->id) - (x->id < y->id);
}

static gboolean
tree_load (Tree         *tree,
           LikertStore  *store,
           GError      **error)
{
  static const gint64 top = 0;
  GHashTableIter iter;
  gpointer value;

  tree->tags = likert_store_list_tags (store, error);
  if (tree->tags == NULL)
    return FALSE;
  tree->children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < tree->tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tree->tags, i);
      GPtrArray *siblings = g_hash_table_lookup (tree->children, &tag->parent_id);

      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (tree->children,
                               tag->parent_id == 0 ? (gpointer) &top : &tag->parent_id,
                               siblings);
        }
      g_ptr_array_add (siblings, tag);
    }
  g_hash_table_iter_init (&iter, tree->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_tags);
  return TRUE;
}

static GPtrArray *
tree_children (Tree   *tree,
               gint64  parent_id)
{
  return g_hash_table_lookup (tree->children, &parent_id);
}

static void
csv_append_field (GString    *out,
                  const char *value)
{
  gboolean quote;

  if (value == NULL)
    return;
  quote = strpbrk (value, ",\"\r\n") != NULL ||
          (*value != '\0' && (g_ascii_isspace (value[0]) ||
                              g_ascii_isspace (value[strlen (value) - 1])));
  if (!quote)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_append_tree (GString  *out,
                 Tree     *tree,
                 gint64    parent_id,
                 GString  *path,
                 guint     depth)
{
  GPtrArray *children = tree_children (tree, parent_id);

  if (children == NULL || depth > MAX_DEPTH)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (children, i);
      gsize length = path->len;

      csv_append_field (out, tag->name);
      g_string_append_c (out, ',');
      csv_append_field (out, path->str);
      g_string_append_c (out, ',');
      csv_append_field (out, tag->colour);
      g_string_append_c (out, ',');
      csv_append_field (out, tag->description);
      g_string_append_c (out, ',');
      csv_append_field (out, tag->shortcut);
      g_string_append_c (out, '\n');

      if (path->len > 0)
        g_string_append (path, LIKERT_CODEBOOK_PATH_SEPARATOR);
      g_string_append (path, tag->name);
      csv_append_tree (out, tree, tag->id, path, depth + 1);
      g_string_truncate (path, length);
    }
}

char *
likert_codebook_to_csv (LikertStore  *store,
                        GError      **error)
{
  g_auto(Tree) tree = { NULL, NULL };
  g_autoptr(GString) path = g_string_new (NULL);
  GString *out;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  if (!tree_load (&tree, store, error))
    return NULL;
  out = g_string_new ("name,parent,colour,description,shortcut\n");
  csv_append_tree (out, &tree, 0, path, 0);
  return g_string_free (out, FALSE);
}

static void
qdc_indent (GString *out,
            guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
qdc_append_tree (GString *out,
                 Tree    *tree,
                 gint64   parent_id,
                 guint    depth)
{
  GPtrArray *children = tree_children (tree, parent_id);

  if (children == NULL || depth > MAX_DEPTH + 2)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (children, i);
      gboolean has_description = tag->description != NULL && *tag->description != '\0';
      gboolean has_children = tree_children (tree, tag->id) != NULL;
      g_autofree char *start = g_markup_printf_escaped ("<Code guid=\"%s\" name=\"%s\" "
                                                        "isCodable=\"true\"",
                                                        tag->uuid, tag->name);

      qdc_indent (out, depth);
      g_string_append (out, start);
      if (tag->colour != NULL)
        {
          g_autofree char *upper = g_ascii_strup (tag->colour, -1);
          g_autofree char *colour = g_markup_printf_escaped (" color=\"%s\"", upper);

          g_string_append (out, colour);
        }
      if (!has_description && !has_children)
        {
          g_string_append (out, "/>\n");
          continue;
        }
      g_string_append (out, ">\n");
      if (has_description)
        {
          g_autofree char *description = g_markup_printf_escaped ("<Description>%s</Description>\n",
                                                                  tag->description);

          qdc_indent (out, depth + 1);
          g_string_append (out, description);
        }
      qdc_append_tree (out, tree, tag->id, depth + 1);
      qdc_indent (out, depth);
      g_string_append (out, "</Code>\n");
    }
}

char *
likert_codebook_to_qdc (LikertStore  *store,
                        GError      **error)
{
  g_auto(Tree) tree = { NULL, NULL };
  GString *out;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  if (!tree_load (&tree, store, error))
    return NULL;
  out = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"Likert "
                      PACKAGE_VERSION "\">\n");
  if (tree_children (&tree, 0) == NULL)
    g_string_append (out, "  <Codes/>\n");
  else
    {
      g_string_append (out, "  <Codes>\n");
      qdc_append_tree (out, &tree, 0, 2);
      g_string_append (out, "  </Codes>\n");
    }
  g_string_append (out, "</CodeBook>\n");
  return g_string_free (out, FALSE);
}

/* Import */

/* A GUID of the file as a uuid: 8-4-4-4-12 hex digits, braces allowed; NULL otherwise. */
static char *
guid_to_uuid (const char *guid)
{
  g_autofree char *clean = NULL;
  gsize length;

  if (guid == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (guid));
  length = strlen (clean);
  if (length == 38 && clean[0] == '{' && clean[37] == '}')
    {
      memmove (clean, clean + 1, 36);
      clean[36] = '\0';
    }
  if (!g_uuid_string_is_valid (clean))
    return NULL;
  return g_ascii_strdown (clean, -1);
}

static gboolean
prefix_line (GError **error,
             guint    line)
{
  if (error != NULL && *error != NULL && line > 0)
    {
      g_autofree char *number = g_strdup_printf ("%u", line);

      /* Translators: %s is a line number in a codebook file */
      g_prefix_error (error, _("Line %s: "), number);
    }
  return FALSE;
}

/* Finds or creates the tag of entry under parent_id, and brings it up to date. */
static gint64
import_entry (ImportContext  *context,
              gint64          parent_id,
              Entry          *entry,
              GError        **error)
{
  LikertStore *store = context->store;
  g_autofree char *name = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *description = NULL;
  g_autofree char *shortcut = NULL;
  g_autofree char *uuid = guid_to_uuid (entry->guid);
  g_autoptr(LikertTag) tag = NULL;
  gint64 id = 0;
  gboolean changed;

  if ((name = clean_name (entry->name, error)) == NULL ||
      !clean_colour (entry->colour, &colour, error) ||
      (entry->description != NULL &&
       !clean_description (entry->description, &description, error)) ||
      !clean_shortcut (entry->shortcut, &shortcut, error))
    return prefix_line (error, entry->line);

  id = find_uuid (store, uuid);
  if (id == 0)
    id = likert_codebook_find (store, parent_id, name);

  /* A key another tag has stays that tag's. */
  if (shortcut != NULL)
    {
      gint64 owner = likert_codebook_find_shortcut (store, shortcut);

      if (owner != 0 && owner != id)
        {
          g_clear_pointer (&shortcut, g_free);
          context->counts->n_shortcuts_skipped++;
        }
    }

  if (id == 0)
    {
      /* A guid the project has (for another tag) is not taken twice: find_uuid found none. */
      id = insert_tag (store, uuid, name, parent_id, colour, description, shortcut,
                       context->author, "tag-import", error);
      if (id == 0)
        return prefix_line (error, entry->line);
      context->counts->n_created++;
      return id;
    }

  tag = likert_codebook_get_tag (store, id, error);
  if (tag == NULL)
    return 0;
  if (colour != NULL)
    {
      g_free (tag->colour);
      tag->colour = g_steal_pointer (&colour);
    }
  if (description != NULL && *description != '\0')
    {
      g_free (tag->description);
      tag->description = g_steal_pointer (&description);
    }
  if (shortcut != NULL)
    {
      g_free (tag->shortcut);
      tag->shortcut = g_steal_pointer (&shortcut);
    }
  if (!save_tag (store, tag, context->author, "tag-import", &changed, error))
    return prefix_line (error, entry->line);
  if (changed)
    context->counts->n_updated++;
  else
    context->counts->n_unchanged++;
  return id;
}

/* The tag at a path, made (with its missing parents) when it is not there. */
static gint64
import_path (ImportContext  *context,
             const char     *path,
             guint           line,
             GError        **error)
{
  g_auto(GStrv) names = NULL;
  gint64 id = 0;

  if (path == NULL)
    return 0;
  names = g_strsplit (path, LIKERT_CODEBOOK_PATH_SEPARATOR, -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      gint64 next;

      g_strstrip (names[i]);
      if (*names[i] == '\0')
        continue;
      next = likert_codebook_find (context->store, id, names[i]);
      if (next == 0)
        {
          Entry parent = { .name = names[i], .line = line };

          next = import_entry (context, id, &parent, error);
          if (next == 0)
            return -1;
        }
      id = next;
    }
  return id;
}

static gboolean
import_tree (ImportContext  *context,
             gint64          parent_id,
             GPtrArray      *entries,
             guint           depth,
             GError        **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (entries, i);
      gint64 parent = parent_id;
      gint64 id;

      /* CSV rows name their parent by its path; QDC codes are inside theirs. */
      if (entry->parent != NULL)
        {
          parent = import_path (context, entry->parent, entry->line, error);
          if (parent < 0)
            return FALSE;
        }
      id = import_entry (context, parent, entry, error);
      if (id == 0)
        return FALSE;
      if (entry->children != NULL && depth < MAX_DEPTH &&
          !import_tree (context, id, entry->children, depth + 1, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_entries (LikertStore           *store,
                GPtrArray             *entries,
                const char            *author,
                LikertCodebookImport  *counts,
                GError               **error)
{
  LikertCodebookImport ignored;
  ImportContext context = { store, author_or_default (author), counts ? counts : &ignored };

  memset (context.counts, 0, sizeof *context.counts);
  if (!_likert_store_begin (store, error))
    return FALSE;
  if (!finish (store, import_tree (&context, 0, entries, 0, error), error))
    {
      memset (context.counts, 0, sizeof *context.counts);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
decode_text (const char  *text,
             gssize       length,
             const char  *name,
             GError     **error)
{
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *encoding = NULL;

  if (length < 0)
    length = (gssize) strlen (text);
  raw = g_bytes_new (text, (gsize) length);
  return likert_csv_decode (raw, name, &encoding, error);
}

static int
csv_column (const char * const *fields,
            guint               n_fields,
            const char * const *names)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *field = g_utf8_strdown (fields[i], -1);

      g_strstrip (field);
      for (guint k = 0; names[k] != NULL; k++)
        if (g_str_equal (field, names[k]))
          return (int) i;
    }
  return -1;
}

static char *
csv_cell (const char * const *fields,
          guint               n_fields,
          int                 column)
{
  if (column < 0 || (guint) column >= n_fields || fields[column][0] == '\0')
    return NULL;
  return g_strdup (fields[column]);
}

static gboolean
codebook_from_csv (LikertStore           *store,
                   const char            *text,
                   gssize                 length,
                   const char            *filename,
                   const char            *author,
                   LikertCodebookImport  *counts,
                   GError               **error)
{
  static const char * const name_names[] = { "name", "code", "tag", NULL };
  static const char * const parent_names[] = { "parent", NULL };
  static const char * const colour_names[] = { "colour", "color", NULL };
  static const char * const description_names[] = { "description", NULL };
  static const char * const shortcut_names[] = { "shortcut", "key", NULL };
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  const char * const *fields;
  const char *data;
  gsize size;
  guint n_fields;
  int name_col, parent_col, colour_col, description_col, shortcut_col;
  GError *local_error = NULL;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  decoded = decode_text (text, length, filename, error);
  if (decoded == NULL)
    return FALSE;
  data = g_bytes_get_data (decoded, &size);
  tokenizer = likert_csv_tokenizer_new (data, size, likert_csv_sniff (data, size), filename);

  if (!likert_csv_tokenizer_next (tokenizer, &fields, &n_fields, &local_error) ||
      (name_col = csv_column (fields, n_fields, name_names)) < 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                     _("“%s” is not a codebook: its first line has no “name” column"), filename);
      return FALSE;
    }
  parent_col = csv_column (fields, n_fields, parent_names);
  colour_col = csv_column (fields, n_fields, colour_names);
  description_col = csv_column (fields, n_fields, description_names);
  shortcut_col = csv_column (fields, n_fields, shortcut_names);

  while (likert_csv_tokenizer_next (tokenizer, &fields, &n_fields, &local_error))
    {
      Entry *entry;
      gboolean empty = TRUE;

      for (guint i = 0; i < n_fields; i++)
        empty &= fields[i][0] == '\0';
      if (empty)
        continue;
      entry = g_new0 (Entry, 1);
      entry->line = likert_csv_tokenizer_line (tokenizer);
      entry->name = csv_cell (fields, n_fields, name_col);
      entry->parent = csv_cell (fields, n_fields, parent_col);
      entry->colour = csv_cell (fields, n_fields, colour_col);
      entry->description = csv_cell (fields, n_fields, description_col);
      entry->shortcut = csv_cell (fields, n_fields, shortcut_col);
      if (entry->parent == NULL)
        entry->parent = g_strdup ("");
      g_ptr_array_add (entries, entry);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return import_entries (store, entries, author, counts, error);
}

gboolean
likert_codebook_from_csv (LikertStore           *store,
                          const char            *text,
                          gssize                 length,
                          const char            *author,
                          LikertCodebookImport  *counts,
                          GError               **error)
{
  return codebook_from_csv (store, text, length, _("codebook"), author, counts, error);
}

typedef struct
{
  GPtrArray *roots;         /* Entry * */
  GPtrArray *open;          /* Entry *: the Code elements open, innermost last */
  GString   *description;   /* nullable: inside a Code's Description */
  guint      depth;         /* elements open */
  guint      codebook_depth; /* depth of <CodeBook> + 1, or 0 outside it */
  guint      codes_depth;   /* depth of <Codes> + 1 (directly in the CodeBook), or 0 */
  guint      code_depth;    /* depth of the innermost open <Code> + 1, or 0 */
  gboolean   seen_codebook;
} QdcParser;

/* Element names without a namespace prefix ("qdc:Code" → "Code"). */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static void
qdc_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  QdcParser *parser = user_data;
  const char *name = local_name (element_name);

  parser->depth++;
  if (g_str_equal (name, "CodeBook") && parser->codebook_depth == 0)
    {
      parser->codebook_depth = parser->depth;
      parser->seen_codebook = TRUE;
    }
  else if (g_str_equal (name, "Codes") && parser->codebook_depth != 0 &&
           parser->depth == parser->codebook_depth + 1)
    parser->codes_depth = parser->depth;
  else if (g_str_equal (name, "Code") && parser->codes_depth != 0 &&
           parser->depth == (parser->open->len == 0 ? parser->codes_depth + 1
                                                    : parser->code_depth + 1))
    {
      Entry *entry = g_new0 (Entry, 1);
      int line = 0;

      for (guint i = 0; attribute_names[i] != NULL; i++)
        {
          const char *attribute = local_name (attribute_names[i]);
          char **slot = g_str_equal (attribute, "guid") ? &entry->guid
                        : g_str_equal (attribute, "name") ? &entry->name
                        : g_str_equal (attribute, "color") ? &entry->colour
                        : NULL;

          if (slot != NULL)
            {
              g_free (*slot);
              *slot = g_strdup (attribute_values[i]);
            }
        }
      g_markup_parse_context_get_position (context, &line, NULL);
      entry->line = (guint) MAX (line, 0);
      if (entry->name == NULL)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_MISSING_ATTRIBUTE,
                       _("Line %d: a code without a name"), line);
          entry_free (entry);
          return;
        }
      if (parser->open->len == 0)
        g_ptr_array_add (parser->roots, entry);
      else
        {
          Entry *parent = g_ptr_array_index (parser->open, parser->open->len - 1);

          if (parent->children == NULL)
            parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
          g_ptr_array_add (parent->children, entry);
        }
      g_ptr_array_add (parser->open, entry);
      parser->code_depth = parser->depth;
      if (parser->open->len > MAX_DEPTH)
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     _("Codes nested too deep"));
    }
  else if (g_str_equal (name, "Description") && parser->code_depth != 0 &&
           parser->depth == parser->code_depth + 1)
    parser->description = g_string_new (NULL);
}

static void
qdc_end_element (GMarkupParseContext  *context,
                 const char           *element_name,
                 gpointer              user_data,
                 GError              **error)
{
  QdcParser *parser = user_data;

  if (parser->description != NULL && parser->depth == parser->code_depth + 1)
    {
      Entry *entry = g_ptr_array_index (parser->open, parser->open->len - 1);

      g_free (entry->description);
      entry->description = g_string_free (g_steal_pointer (&parser->description), FALSE);
    }
  else if (parser->code_depth != 0 && parser->depth == parser->code_depth)
    {
      g_ptr_array_remove_index (parser->open, parser->open->len - 1);
      parser->code_depth = parser->open->len == 0 ? 0 : parser->code_depth - 1;
    }
  else if (parser->depth == parser->codes_depth)
    parser->codes_depth = 0;
  else if (parser->depth == parser->codebook_depth)
    parser->codebook_depth = 0;
  parser->depth--;
}

static void
qdc_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 text_len,
          gpointer              user_data,
          GError              **error)
{
  QdcParser *parser = user_data;

  if (parser->description != NULL && parser->depth == parser->code_depth + 1)
    g_string_append_len (parser->description, text, (gssize) text_len);
}

static gboolean
codebook_from_qdc (LikertStore           *store,
                   const char            *text,
                   gssize                 length,
                   const char            *filename,
                   const char            *author,
                   LikertCodebookImport  *counts,
                   GError               **error)
{
  static const GMarkupParser markup = {
    qdc_start_element, qdc_end_element, qdc_text, NULL, NULL,
  };
  g_autoptr(GBytes) decoded = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  QdcParser parser = { roots, open, NULL, 0, 0, 0, 0, FALSE };
  GError *local_error = NULL;
  const char *data;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  decoded = decode_text (text, length, filename, error);
  if (decoded == NULL)
    return FALSE;
  data = g_bytes_get_data (decoded, &size);

  context = g_markup_parse_context_new (&markup, G_MARKUP_TREAT_CDATA_AS_TEXT, &parser, NULL);
  ok = g_markup_parse_context_parse (context, data, (gssize) size, &local_error) &&
       g_markup_parse_context_end_parse (context, &local_error);
  if (parser.description != NULL)
    g_string_free (parser.description, TRUE);
  if (!ok)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second the XML error */
                   _("“%s” is not a REFI-QDA codebook: %s"), filename, local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  if (!parser.seen_codebook)
    {
      g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                   _("“%s” is not a REFI-QDA codebook: it has no CodeBook element"), filename);
      return FALSE;
    }

  return import_entries (store, roots, author, counts, error);
}

gboolean
likert_codebook_from_qdc (LikertStore           *store,
                          const char            *text,
                          gssize                 length,
                          const char            *author,
                          LikertCodebookImport  *counts,
                          GError               **error)
{
  return codebook_from_qdc (store, text, length, _("codebook"), author, counts, error);
}

LikertCodebookFormat
likert_codebook_format_for_path (const char *path)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  return g_str_has_suffix (lower, ".qdc") ? LIKERT_CODEBOOK_FORMAT_QDC
                                          : LIKERT_CODEBOOK_FORMAT_CSV;
}

gboolean
likert_codebook_export (LikertStore           *store,
                        const char            *path,
                        LikertCodebookFormat   format,
                        GError               **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = format == LIKERT_CODEBOOK_FORMAT_QDC ? likert_codebook_to_qdc (store, error)
                                              : likert_codebook_to_csv (store, error);
  return text != NULL && g_file_set_contents (path, text, -1, error);
}

gboolean
likert_codebook_import (LikertStore           *store,
                        const char            *path,
                        LikertCodebookFormat   format,
                        const char            *author,
                        LikertCodebookImport  *counts,
                        GError               **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (counts != NULL)
    memset (counts, 0, sizeof *counts);
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  name = g_path_get_basename (path);
  if (format == LIKERT_CODEBOOK_FORMAT_QDC)
    return codebook_from_qdc (store, contents, (gssize) length, name, author, counts, error);
  return codebook_from_csv (store, contents, (gssize) length, name, author, counts, error);
}
