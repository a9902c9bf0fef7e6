/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-facets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "likert-facets.h"
#include "likert-store-private.h"
#include "likert-word-table.h"

typedef struct
{
  gint64      field_id;
  guint       position;
  LikertWordTable *codes;   /* value → code */
  guint       next_code;
} FacetField;

struct _LikertFacetCoder
{
  LikertStore *store;
  GArray      *fields;      /* FacetField, in column order */
};

static void
facet_field_clear (gpointer data)
{
  g_clear_pointer (&((FacetField *) data)->codes, likert_word_table_free);
}

LikertFacetCoder *
likert_facet_coder_new (LikertStore         *store,
                        LikertField * const *fields,
                        guint                n_fields,
                        GError             **error)
{
  g_autoptr(LikertFacetCoder) self = g_new0 (LikertFacetCoder, 1);

  self->store = store;
  self->fields = g_array_new (FALSE, TRUE, sizeof (FacetField));
  g_array_set_clear_func (self->fields, facet_field_clear);

  for (guint c = 0; c < n_fields; c++)
    {
      FacetField facet = { 0 };
      sqlite3_stmt *stmt;

      if (fields[c] == NULL || fields[c]->role != LIKERT_ROLE_CATEGORY)
        continue;
      facet.field_id = fields[c]->id;
      facet.position = fields[c]->position;
      facet.codes = likert_word_table_new ();
      facet.next_code = 1;

      stmt = _likert_store_prepare (store,
                                    "SELECT code, value FROM field_value WHERE field_id = ?",
                                    error);
      if (stmt == NULL)
        {
          facet_field_clear (&facet);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, facet.field_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          guint code = (guint) sqlite3_column_int (stmt, 0);

          likert_word_table_insert (facet.codes, (const char *) sqlite3_column_text (stmt, 1),
                                    (gsize) sqlite3_column_bytes (stmt, 1), code);
          facet.next_code = MAX (facet.next_code, code + 1);
        }
      sqlite3_reset (stmt);
      g_array_append_val (self->fields, facet);
    }
  return g_steal_pointer (&self);
}

gsize
likert_facet_coder_size (LikertFacetCoder *self)
{
  return 2 * (gsize) self->fields->len;
}

static void
facet_value_clear (gpointer data)
{
  g_free (((LikertFacetValue *) data)->value);
}

GArray *
likert_facet_values_new (void)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (LikertFacetValue));

  g_array_set_clear_func (values, facet_value_clear);
  return values;
}

static gboolean
store_value (LikertFacetCoder  *self,
             gint64             field_id,
             guint              code,
             const char        *value,
             GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = _likert_store_prepare (self->store,
                                "INSERT INTO field_value (field_id, code, value) VALUES (?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field_id);
  sqlite3_bind_int (stmt, 2, (int) code);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_STATIC);
  return _likert_store_step_done (self->store, stmt, error);
}

static guint
code_for (LikertFacetCoder  *self,
          FacetField        *facet,
          const char        *value,
          gsize              length,
          GArray            *new_values,
          GError           **error)
{
  const guint64 *code;

  if (length == 0)
    return 0;
  if ((code = likert_word_table_lookup (facet->codes, value, length)) != NULL)
    return (guint) *code;
  if (facet->next_code >= LIKERT_FACET_OTHER)
    return LIKERT_FACET_OTHER;

  if (new_values != NULL)
    {
      LikertFacetValue added = { facet->field_id, facet->next_code, g_strndup (value, length) };

      g_array_append_val (new_values, added);
    }
  else if (!store_value (self, facet->field_id, facet->next_code, value, error))
    return G_MAXUINT;
  likert_word_table_insert (facet->codes, value, length, facet->next_code);
  return facet->next_code++;
}

gboolean
likert_facet_coder_encode (LikertFacetCoder    *self,
                           const char * const  *cells,
                           const gsize         *lengths,
                           guint                n_cells,
                           guint8              *out,
                           GArray              *new_values,
                           GError             **error)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FacetField *facet = &g_array_index (self->fields, FacetField, i);
      const guint p = facet->position;
      guint code = p < n_cells ? code_for (self, facet, cells[p],
                                           lengths != NULL ? lengths[p] : strlen (cells[p]),
                                           new_values, error)
                               : 0;

      if (code == G_MAXUINT)
        return FALSE;
      out[2 * i] = (guint8) (code & 0xff);
      out[2 * i + 1] = (guint8) (code >> 8);
    }
  return TRUE;
}

gboolean
likert_facet_coder_store (LikertFacetCoder  *self,
                          GArray            *new_values,
                          GError           **error)
{
  for (guint i = 0; i < new_values->len; i++)
    {
      const LikertFacetValue *added = &g_array_index (new_values, LikertFacetValue, i);

      if (!store_value (self, added->field_id, added->code, added->value, error))
        return FALSE;
    }
  return TRUE;
}

void
likert_facet_coder_free (LikertFacetCoder *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->fields, g_array_unref);
  g_free (self);
}
