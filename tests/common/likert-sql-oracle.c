/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "likert-sql-oracle.h"

/* Appends a string literal for SQL (test code: values come from our own filters). */
static void
append_literal (GString    *sql,
                const char *value)
{
  char *quoted = sqlite3_mprintf ("%Q", value);

  g_string_append (sql, quoted);
  sqlite3_free (quoted);
}

static gboolean
field_position (sqlite3    *db,
                const char *name,
                int        *position)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  sqlite3_prepare_v2 (db, "SELECT position FROM field WHERE header = ? AND role = 'category'",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *position = sqlite3_column_int (stmt, 0);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

static void
append_list (GString   *sql,
             JsonArray *array,
             gboolean   strings)
{
  g_string_append (sql, "(NULL");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_string_append_c (sql, ',');
      if (strings)
        append_literal (sql, json_array_get_string_element (array, i));
      else
        g_string_append_printf (sql, "%" G_GINT64_FORMAT, json_array_get_int_element (array, i));
    }
  g_string_append_c (sql, ')');
}

char *
likert_sql_oracle_condition (sqlite3     *db,
                             const char  *filter_json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) sql = g_string_new ("1");
  JsonObject *filter;
  JsonObject *where;
  JsonArray *status;
  const char *match;

  if (!json_parser_load_from_data (parser, filter_json, -1, error))
    return NULL;
  filter = json_node_get_object (json_parser_get_root (parser));

  if (json_object_has_member (filter, "where") &&
      (where = json_object_get_object_member (filter, "where")) != NULL)
    {
      g_autoptr(GList) fields = json_object_get_members (where);

      for (GList *l = fields; l != NULL; l = l->next)
        {
          int position;

          if (!field_position (db, l->data, &position))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no field %s",
                           (const char *) l->data);
              return NULL;
            }
          g_string_append_printf (sql, " AND json_extract (r.cells, '$[%d]') IN ", position);
          append_list (sql, json_object_get_array_member (where, l->data), TRUE);
        }
    }
  if (json_object_has_member (filter, "from"))
    g_string_append_printf (sql, " AND r.submitted_at >= %" G_GINT64_FORMAT,
                            json_object_get_int_member (filter, "from"));
  if (json_object_has_member (filter, "to"))
    g_string_append_printf (sql, " AND r.submitted_at < %" G_GINT64_FORMAT,
                            json_object_get_int_member (filter, "to"));
  if (json_object_has_member (filter, "ratings"))
    {
      JsonObject *ratings = json_object_get_object_member (filter, "ratings");
      g_autoptr(GList) questions = json_object_get_members (ratings);

      for (GList *l = questions; l != NULL; l = l->next)
        {
          g_string_append (sql, " AND (SELECT a.value FROM answer a JOIN field f ON "
                                "f.id = a.field_id WHERE a.response_id = r.id AND f.header = ");
          append_literal (sql, l->data);
          g_string_append (sql, ") IN ");
          append_list (sql, json_object_get_array_member (ratings, l->data), FALSE);
        }
    }
  if (json_object_has_member (filter, "tags"))
    {
      JsonArray *tags = json_object_get_array_member (filter, "tags");
      g_autoptr(GString) list = g_string_new (NULL);

      match = json_object_get_string_member_with_default (filter, "tag_match", "any");
      append_list (list, tags, TRUE);
      if (g_str_equal (match, "all"))
        g_string_append_printf (sql, " AND (SELECT count (*) FROM response_tag rt JOIN tag t ON "
                                     "t.id = rt.tag_id WHERE rt.response_id = r.id AND t.name IN "
                                     "%s) = %u", list->str, json_array_get_length (tags));
      else
        g_string_append_printf (sql, " AND %s EXISTS (SELECT 1 FROM response_tag rt JOIN tag t "
                                     "ON t.id = rt.tag_id WHERE rt.response_id = r.id AND t.name "
                                     "IN %s)", g_str_equal (match, "none") ? "NOT" : "",
                                list->str);
    }
  g_string_append (sql, " AND (SELECT CASE coalesce (a.status, 0) WHEN 0 THEN 'new' "
                        "WHEN 1 THEN 'reviewed' WHEN 2 THEN 'flagged' ELSE 'excluded' END "
                        "FROM (SELECT (SELECT status FROM annotation WHERE response_id = r.id) "
                        "AS status) a) IN ");
  if (json_object_has_member (filter, "status") &&
      (status = json_object_get_array_member (filter, "status")) != NULL)
    append_list (sql, status, TRUE);
  else
    g_string_append (sql, "('new', 'reviewed', 'flagged')");
  if (json_object_has_member (filter, "search"))
    {
      g_auto(GStrv) words = g_strsplit (json_object_get_string_member (filter, "search"), " ", -1);
      g_autoptr(GString) query = g_string_new (NULL);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", words[i]);
      g_string_append (sql, " AND (r.id IN (SELECT rowid FROM response_text WHERE response_text "
                            "MATCH ");
      append_literal (sql, query->str);
      g_string_append (sql, ") OR r.id IN (SELECT rowid FROM note_text WHERE note_text MATCH ");
      append_literal (sql, query->str);
      g_string_append (sql, "))");
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

guint64
likert_sql_oracle_counts (sqlite3    *db,
                          const char *condition,
                          const char *question,
                          int         scale_min,
                          guint64    *counts,
                          guint       n_counts)
{
  g_autofree char *sql = g_strdup_printf ("SELECT (SELECT a.value FROM answer a JOIN field f ON "
                                          "f.id = a.field_id WHERE a.response_id = r.id AND "
                                          "f.header = ?), count (*) FROM response r WHERE %s "
                                          "GROUP BY 1", condition);
  sqlite3_stmt *stmt;
  guint64 total = 0;

  memset (counts, 0, n_counts * sizeof (guint64));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("oracle: %s: %s", sqlite3_errmsg (db), sql);
  sqlite3_bind_text (stmt, 1, question, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint64 n = (guint64) sqlite3_column_int64 (stmt, 1);
      gint64 index = sqlite3_column_type (stmt, 0) == SQLITE_NULL
                     ? 0 : sqlite3_column_int64 (stmt, 0) - scale_min + 1;

      if (index >= 0 && (guint64) index < n_counts)
        counts[index] += n;
      total += n;
    }
  sqlite3_finalize (stmt);
  return total;
}
