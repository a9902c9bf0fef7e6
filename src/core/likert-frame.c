/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-frame"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-frame.h"
#include "likert-history.h"
#include "likert-store-private.h"

typedef struct
{
  LikertField *field;
  guint16     *codes;         /* per row */
  GPtrArray   *values;        /* char *, by code; [0] = "" */
  GHashTable  *lookup;        /* value → code + 1 */
} Category;

typedef struct
{
  gint64   id;
  char    *name;
  guint64 *rows;              /* bitmap */
} Tag;

struct _LikertFrame
{
  guint      n_rows;
  gsize      n_words;        /* of a row bitmap */
  gint64    *ids;            /* ascending */
  gint64    *submitted_at;
  GPtrArray *questions;      /* LikertField * of the rating fields */
  GPtrArray *codes;          /* guint8 * per question */
  GArray    *categories;     /* Category */
  guint8    *status;         /* LikertStatus per row */
  guint64   *has_text;       /* bitmap: rows with a text field filled (response.has_text) */
  guint64   *has_note;       /* bitmap: rows with a note */
  GArray    *tags;           /* Tag */
  gint       comment_column;
};

static void
category_clear (gpointer data)
{
  Category *category = data;

  likert_field_free (category->field);
  g_free (category->codes);
  g_clear_pointer (&category->values, g_ptr_array_unref);
  g_clear_pointer (&category->lookup, g_hash_table_unref);
}

static void
tag_clear (gpointer data)
{
  Tag *tag = data;

  g_free (tag->name);
  g_free (tag->rows);
}

static void
frame_clear (gpointer data)
{
  LikertFrame *self = data;

  g_free (self->ids);
  g_free (self->submitted_at);
  g_free (self->status);
  g_free (self->has_text);
  g_free (self->has_note);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_array_unref);
  g_clear_pointer (&self->tags, g_array_unref);
}

LikertFrame *
likert_frame_ref (LikertFrame *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
likert_frame_unref (LikertFrame *self)
{
  g_atomic_rc_box_release_full (self, frame_clear);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static inline void
bit_set (guint64 *bits,
         guint    row)
{
  bits[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
}

static inline void
bit_clear (guint64 *bits,
           guint    row)
{
  bits[row / 64] &= ~(G_GUINT64_CONSTANT (1) << (row % 64));
}

static inline gboolean
bit_test (const guint64 *bits,
          guint          row)
{
  return (bits[row / 64] >> (row % 64)) & 1;
}

/* Rows come in id order from every query: walk forward from the last row found. */
static inline gint
advance_to (LikertFrame *self,
            guint       *cursor,
            gint64       id)
{
  while (*cursor < self->n_rows && self->ids[*cursor] < id)
    (*cursor)++;
  return *cursor < self->n_rows && self->ids[*cursor] == id ? (gint) *cursor : -1;
}

static gboolean
load_dictionaries (LikertFrame  *self,
                   LikertStore  *store,
                   GError      **error)
{
  g_autoptr(GHashTable) by_field = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;

  for (guint c = 0; c < self->categories->len; c++)
    {
      Category *category = &g_array_index (self->categories, Category, c);

      category->values = g_ptr_array_new_with_free_func (g_free);
      category->lookup = g_hash_table_new (g_str_hash, g_str_equal);
      g_ptr_array_add (category->values, g_strdup (""));
      g_hash_table_insert (by_field, &category->field->id, category);
    }

  stmt = _likert_store_prepare (store,
                                "SELECT field_id, code, value FROM field_value "
                                "ORDER BY field_id, code",
                                error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 field_id = sqlite3_column_int64 (stmt, 0);
      guint code = (guint) sqlite3_column_int (stmt, 1);
      Category *category = g_hash_table_lookup (by_field, &field_id);

      if (category == NULL || code == 0 || code > G_MAXUINT16)
        continue;
      if (category->values->len <= code)
        g_ptr_array_set_size (category->values, (int) code + 1);
      /* A file changed by hand may name a code twice (fuzz-store found the leak): last wins. */
      g_free (g_ptr_array_index (category->values, code));
      g_ptr_array_index (category->values, code) =
        g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  for (guint c = 0; c < self->categories->len; c++)
    {
      Category *category = &g_array_index (self->categories, Category, c);

      for (guint code = 0; code < category->values->len; code++)
        {
          if (g_ptr_array_index (category->values, code) == NULL)
            g_ptr_array_index (category->values, code) = g_strdup ("");
          g_hash_table_insert (category->lookup, g_ptr_array_index (category->values, code),
                               GUINT_TO_POINTER (code + 1));
        }
    }
  return TRUE;
}

/* The list of dataset_id in lists (a GArray of guint: the index, in the frame, of the
 * dataset's k-th category, or of its k-th question), made when there is none. */
static GArray *
dataset_list (GHashTable *lists,
              gint64      dataset_id)
{
  GArray *list = g_hash_table_lookup (lists, &dataset_id);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (lists, g_memdup2 (&dataset_id, sizeof dataset_id), list);
    }
  return list;
}

/* Every response's id, time, text flag, facets and ratings, from its block (response_block:
 * a row per thousand responses, each column packed). The blocks hold n_rows ids, each once, in
 * order: anything else is a damaged project. */
static gboolean
load_rows (LikertFrame   *self,
           LikertStore   *store,
           GHashTable    *dataset_categories,
           GHashTable    *dataset_questions,
           GCancellable  *cancellable,
           GError       **error)
{
  sqlite3_stmt *stmt;
  guint row = 0;
  gint64 next_id = G_MININT64;
  int rc;

  stmt = _likert_store_prepare (store,
                                "SELECT first_id, n, dataset_id, submitted_at, has_text, "
                                "facet_bytes, facets, rating_bytes, ratings "
                                "FROM response_block ORDER BY first_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 first_id = sqlite3_column_int64 (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);
      gint64 dataset_id = sqlite3_column_int64 (stmt, 2);
      GArray *positions = g_hash_table_lookup (dataset_categories, &dataset_id);
      GArray *questions = g_hash_table_lookup (dataset_questions, &dataset_id);
      const guint8 *times = sqlite3_column_blob (stmt, 3);
      const guint8 *texts = sqlite3_column_blob (stmt, 4);
      gint64 facet_bytes = sqlite3_column_int64 (stmt, 5);
      const guint8 *facets = sqlite3_column_blob (stmt, 6);
      gint64 rating_bytes = sqlite3_column_int64 (stmt, 7);
      const guint8 *ratings = sqlite3_column_blob (stmt, 8);
      guint n_facets, n_ratings;

      if (n <= 0 || n > (gint64) (self->n_rows - row) || first_id < next_id ||
          facet_bytes < 0 || facet_bytes > 2 * G_MAXUINT16 || rating_bytes < 0 ||
          rating_bytes > G_MAXUINT16 ||
          sqlite3_column_bytes (stmt, 3) != n * 8 || sqlite3_column_bytes (stmt, 4) != n ||
          sqlite3_column_bytes (stmt, 6) != n * facet_bytes ||
          sqlite3_column_bytes (stmt, 8) != n * rating_bytes)
        {
          g_set_error_literal (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                               _("The project is damaged: its responses are not all there"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      /* The k-th facet of a response is its dataset's k-th category; its k-th rating byte,
       * its dataset's k-th question: the place on its scale (0: none). */
      n_facets = positions != NULL ? MIN (positions->len, (guint) facet_bytes / 2) : 0;
      n_ratings = questions != NULL ? MIN (questions->len, (guint) rating_bytes) : 0;
      for (guint k = 0; k < n_facets; k++)
        {
          Category *category = &g_array_index (self->categories, Category,
                                               g_array_index (positions, guint, k));
          const guint8 *p = facets + 2 * k;

          for (gint64 i = 0; i < n; i++, p += facet_bytes)
            category->codes[row + i] = (guint16) (p[0] | p[1] << 8);
        }
      for (guint k = 0; k < n_ratings; k++)
        {
          guint q = g_array_index (questions, guint, k);
          const LikertField *field = g_ptr_array_index (self->questions, q);
          guint8 *codes = g_ptr_array_index (self->codes, q);
          const guint8 *p = ratings + k;

          for (gint64 i = 0; i < n; i++, p += rating_bytes)
            if (likert_rating_code_is_answer (*p, field->scale_min, field->scale_max))
              codes[row + i] = *p;
        }
      next_id = first_id + n;
      for (gint64 i = 0; i < n; i++, row++)
        {
          guint64 time;

          memcpy (&time, times + 8 * i, sizeof time);
          self->ids[row] = first_id + i;
          self->submitted_at[row] = (gint64) GUINT64_FROM_LE (time);
          if (texts[i] != 0)
            bit_set (self->has_text, row);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  /* A read that failed part way is no end of the responses. */
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not read the project"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (row != self->n_rows)
    {
      g_set_error_literal (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                           _("The project is damaged: its responses are not all there"));
      return FALSE;
    }
  return TRUE;
}

/* A bitmap of the rows whose ids a query lists. */
static gboolean
load_presence (LikertFrame  *self,
               LikertStore  *store,
               const char   *sql,
               guint64      *bits,
               GError      **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint row = likert_frame_find_row (self, sqlite3_column_int64 (stmt, 0));

      if (row >= 0)
        bit_set (bits, (guint) row);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The time buckets as categories: values in time order, so codes sort as time does. */
static void
add_time_category (LikertFrame *self,
                   const char  *name,
                   const char  *format)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char **labels = g_new0 (char *, MAX (self->n_rows, 1));
  Category category = { 0 };

  for (guint row = 0; row < self->n_rows; row++)
    {
      g_autoptr(GDateTime) when = NULL;
      char *label;

      if (self->submitted_at[row] == G_MININT64 ||
          (when = g_date_time_new_from_unix_utc (self->submitted_at[row])) == NULL)
        continue;
      label = g_date_time_format (when, format);
      if (g_hash_table_lookup_extended (seen, label, (gpointer *) &labels[row], NULL))
        g_free (label);
      else
        {
          g_hash_table_add (seen, label);
          g_ptr_array_add (keys, label);
          labels[row] = label;
        }
    }
  if (keys->len == 0)
    return;
  g_ptr_array_sort_with_data (keys, compare_keys, NULL);

  category.field = g_new0 (LikertField, 1);
  category.field->header = g_strdup (name);
  category.field->role = LIKERT_ROLE_CATEGORY;
  category.codes = g_new0 (guint16, MAX (self->n_rows, 1));
  category.values = g_ptr_array_new_with_free_func (g_free);
  category.lookup = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (category.values, g_strdup (""));
  for (guint i = 0; i < keys->len && i < G_MAXUINT16 - 1; i++)
    g_ptr_array_add (category.values, g_strdup (g_ptr_array_index (keys, i)));
  for (guint code = 0; code < category.values->len; code++)
    g_hash_table_insert (category.lookup, g_ptr_array_index (category.values, code),
                         GUINT_TO_POINTER (code + 1));
  for (guint row = 0; row < self->n_rows; row++)
    if (labels[row] != NULL)
      category.codes[row] = (guint16) (GPOINTER_TO_UINT (g_hash_table_lookup (category.lookup,
                                                                              labels[row])) - 1);
  g_array_append_val (self->categories, category);
}

/* self->tags (empty) from the store's tags and their uses. */
static gboolean
load_tags (LikertFrame  *self,
           LikertStore  *store,
           GError      **error)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (store, error);
  g_autoptr(GHashTable) tag_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;

  if (tags == NULL)
    return FALSE;
  for (guint i = 0; i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      likert_frame_add_tag (self, tag->id, tag->name);
    }
  for (guint t = 0; t < self->tags->len; t++)
    {
      Tag *tag = &g_array_index (self->tags, Tag, t);
      g_hash_table_insert (tag_index, &tag->id, GUINT_TO_POINTER (t + 1));
    }

  stmt = _likert_store_prepare (store, "SELECT tag_id, response_id FROM response_tag", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 tag_id = sqlite3_column_int64 (stmt, 0);
      guint t = GPOINTER_TO_UINT (g_hash_table_lookup (tag_index, &tag_id));
      gint row = likert_frame_find_row (self, sqlite3_column_int64 (stmt, 1));

      if (t > 0 && row >= 0)
        bit_set (g_array_index (self->tags, Tag, t - 1).rows, (guint) row);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
load_annotations (LikertFrame  *self,
                  LikertStore  *store,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  guint cursor = 0;

  if (!load_tags (self, store, error))
    return FALSE;

  stmt = _likert_store_prepare (store,
                                "SELECT response_id, status FROM annotation ORDER BY response_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint row = advance_to (self, &cursor, sqlite3_column_int64 (stmt, 0));

      if (row >= 0)
        self->status[row] = (guint8) CLAMP (sqlite3_column_int (stmt, 1), 0, LIKERT_STATUS_EXCLUDED);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

LikertFrame *
likert_frame_load (LikertStore   *store,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LikertFrame) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GHashTable) dataset_categories = NULL;
  g_autoptr(GHashTable) dataset_questions = NULL;
  gint64 n_rows;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  self = g_atomic_rc_box_new0 (LikertFrame);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->categories = g_array_new (FALSE, TRUE, sizeof (Category));
  g_array_set_clear_func (self->categories, category_clear);
  self->tags = g_array_new (FALSE, TRUE, sizeof (Tag));
  g_array_set_clear_func (self->tags, tag_clear);
  self->comment_column = -1;
  dataset_categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  dataset_questions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_array_unref);

  /* One read transaction: a consistent snapshot even while another connection writes. */
  if (!_likert_store_begin_read (store, error))
    return NULL;

  fields = likert_store_list_fields (store, error);
  if (fields == NULL)
    goto fail;
  n_rows = likert_store_count_responses (store, error);
  if (n_rows < 0)
    goto fail;

  self->n_rows = (guint) n_rows;
  self->n_words = ((gsize) n_rows + 63) / 64;
  self->ids = g_new (gint64, MAX (n_rows, 1));
  self->submitted_at = g_new (gint64, MAX (n_rows, 1));
  self->status = g_new0 (guint8, MAX (n_rows, 1));
  self->has_text = g_new0 (guint64, MAX (self->n_words, 1));
  self->has_note = g_new0 (guint64, MAX (self->n_words, 1));

  /* Fields arrive by dataset and position: categories of a dataset in facet order, its
   * questions in the order of its ratings' bytes. */
  for (guint i = 0; i < fields->len; i++)
    {
      LikertField *field = g_ptr_array_index (fields, i);

      if (field->role == LIKERT_ROLE_TEXT && self->comment_column < 0)
        self->comment_column = (gint) field->position;
      if (field->role == LIKERT_ROLE_CATEGORY)
        {
          Category category = { 0 };
          guint index = self->categories->len;

          g_array_append_val (dataset_list (dataset_categories, field->dataset_id), index);
          category.field = g_ptr_array_steal_index (fields, i);
          category.codes = g_new0 (guint16, MAX (n_rows, 1));
          g_array_append_val (self->categories, category);
          i--;
        }
      else if (field->role == LIKERT_ROLE_RATING)
        {
          guint index = self->questions->len;

          g_array_append_val (dataset_list (dataset_questions, field->dataset_id), index);
          g_ptr_array_add (self->questions, g_ptr_array_steal_index (fields, i));
          g_ptr_array_add (self->codes, g_new0 (guint8, MAX (n_rows, 1)));
          i--;
        }
    }

  if (!load_rows (self, store, dataset_categories, dataset_questions, cancellable, error))
    goto fail;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !load_dictionaries (self, store, error) ||
      !load_annotations (self, store, error))
    goto fail;
  if (!load_presence (self, store, "SELECT response_id FROM annotation WHERE note != ''",
                      self->has_note, error))
    goto fail;
  add_time_category (self, LIKERT_FRAME_MONTH, "%Y-%m");
  add_time_category (self, LIKERT_FRAME_WEEK, "%G-W%V");

  _likert_store_rollback (store);
  return g_steal_pointer (&self);

fail:
  _likert_store_rollback (store);
  return NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(LikertStore) store = NULL;
  GError *error = NULL;
  LikertFrame *frame;

  store = likert_store_open (task_data, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  frame = likert_frame_load (store, cancellable, &error);
  if (frame == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, frame, (GDestroyNotify) likert_frame_unref);
}

void
likert_frame_load_async (const char          *project_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, likert_frame_load_async);
  g_task_set_name (task, "[likert] frame");
  g_task_set_task_data (task, g_strdup (project_path), g_free);
  g_task_run_in_thread (task, load_thread);
}

LikertFrame *
likert_frame_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
likert_frame_get_n_rows (LikertFrame *self)
{
  return self->n_rows;
}

gint64
likert_frame_get_response_id (LikertFrame *self,
                              guint        row)
{
  g_return_val_if_fail (row < self->n_rows, 0);
  return self->ids[row];
}

gint64 *
likert_frame_get_response_ids (LikertFrame   *self,
                               const guint64 *rows,
                               gsize         *n_ids)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (n_ids != NULL, NULL);

  /* Rows are in id order: the ids come out ascending. */
  for (guint row = 0; row < self->n_rows; row++)
    if (rows == NULL || (rows[row / 64] >> (row % 64)) & 1)
      g_array_append_val (ids, self->ids[row]);
  *n_ids = ids->len;
  return (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
}

gint64
likert_frame_get_submitted_at (LikertFrame *self,
                               guint        row)
{
  g_return_val_if_fail (row < self->n_rows, G_MININT64);
  return self->submitted_at[row];
}

gint
likert_frame_find_row (LikertFrame *self,
                       gint64       response_id)
{
  guint lo = 0, hi = self->n_rows;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (self->ids[mid] < response_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->n_rows && self->ids[lo] == response_id ? (gint) lo : -1;
}

guint
likert_frame_get_n_questions (LikertFrame *self)
{
  return self->questions->len;
}

const LikertField *
likert_frame_get_question (LikertFrame *self,
                           guint        question)
{
  g_return_val_if_fail (question < self->questions->len, NULL);
  return g_ptr_array_index (self->questions, question);
}

gint
likert_frame_find_question (LikertFrame *self,
                            const char  *name)
{
  for (guint q = 0; q < self->questions->len; q++)
    {
      const LikertField *field = g_ptr_array_index (self->questions, q);

      if (g_strcmp0 (field->header, name) == 0)
        return (gint) q;
    }
  return -1;
}

const guint8 *
likert_frame_get_codes (LikertFrame *self,
                        guint        question)
{
  g_return_val_if_fail (question < self->codes->len, NULL);
  return g_ptr_array_index (self->codes, question);
}

int
likert_frame_get_rating (LikertFrame *self,
                         guint        question,
                         guint        row)
{
  const LikertField *field = likert_frame_get_question (self, question);
  const guint8 *codes = likert_frame_get_codes (self, question);

  g_return_val_if_fail (row < self->n_rows, -1);
  return codes[row] == 0 ? -1 : field->scale_min + codes[row] - 1;
}

gint
likert_frame_get_comment_column (LikertFrame *self)
{
  return self->comment_column;
}

void
likert_frame_compute_stats (LikertFrame   *self,
                            guint          question,
                            const guint64 *filter,
                            LikertStats   *stats)
{
  const LikertField *field = likert_frame_get_question (self, question);

  likert_stats_compute (stats, field->scale_min, field->scale_max,
                        likert_frame_get_codes (self, question), self->n_rows, filter);
}

/* Categories */

guint
likert_frame_get_n_categories (LikertFrame *self)
{
  return self->categories->len;
}

static Category *
get_category (LikertFrame *self,
              guint        category)
{
  g_assert (category < self->categories->len);
  return &g_array_index (self->categories, Category, category);
}

const LikertField *
likert_frame_get_category (LikertFrame *self,
                           guint        category)
{
  return get_category (self, category)->field;
}

gint
likert_frame_find_category (LikertFrame *self,
                            const char  *name)
{
  for (guint c = 0; c < self->categories->len; c++)
    if (g_strcmp0 (g_array_index (self->categories, Category, c).field->header, name) == 0)
      return (gint) c;
  return -1;
}

const char *
likert_frame_get_category_title (LikertFrame *self,
                                 guint        category)
{
  const char *header = get_category (self, category)->field->header;

  if (g_str_equal (header, LIKERT_FRAME_MONTH))
    return _("Month submitted");
  if (g_str_equal (header, LIKERT_FRAME_WEEK))
    return _("Week submitted");
  return header;
}

const guint16 *
likert_frame_get_category_codes (LikertFrame *self,
                                 guint        category)
{
  return get_category (self, category)->codes;
}

guint
likert_frame_get_n_category_values (LikertFrame *self,
                                    guint        category)
{
  return get_category (self, category)->values->len;
}

const char *
likert_frame_get_category_value (LikertFrame *self,
                                 guint        category,
                                 guint        code)
{
  Category *c = get_category (self, category);

  g_return_val_if_fail (code < c->values->len, NULL);
  return g_ptr_array_index (c->values, code);
}

gint
likert_frame_find_category_value (LikertFrame *self,
                                  guint        category,
                                  const char  *value)
{
  return (gint) GPOINTER_TO_UINT (g_hash_table_lookup (get_category (self, category)->lookup,
                                                       value)) - 1;
}

/* Calls body for every row set in filter (every row when filter is NULL). */
#define FOR_EACH_ROW(self, filter, row, body)                                   \
  G_STMT_START {                                                                \
    if ((filter) == NULL)                                                       \
      {                                                                         \
        for (guint row = 0; row < (self)->n_rows; row++)                        \
          { body; }                                                             \
      }                                                                         \
    else                                                                        \
      for (gsize w_ = 0; w_ < (self)->n_words; w_++)                            \
        {                                                                       \
          guint64 word_ = (filter)[w_];                                         \
          while (word_ != 0)                                                    \
            {                                                                   \
              guint row = (guint) (w_ * 64 + (guint) __builtin_ctzll (word_));  \
              word_ &= word_ - 1;                                               \
              { body; }                                                         \
            }                                                                   \
        }                                                                       \
  } G_STMT_END

void
likert_frame_count_category (LikertFrame   *self,
                             guint          category,
                             const guint64 *filter,
                             guint64       *counts)
{
  Category *c = get_category (self, category);
  const guint16 *codes = c->codes;
  guint n_values = c->values->len;

  memset (counts, 0, n_values * sizeof (guint64));
  FOR_EACH_ROW (self, filter, row,
                if (codes[row] < n_values) counts[codes[row]]++);
}

void
likert_frame_compute_segment_stats (LikertFrame   *self,
                                    guint          question,
                                    guint          category,
                                    const guint64 *filter,
                                    LikertStats   *stats)
{
  const LikertField *field = likert_frame_get_question (self, question);
  const guint8 *ratings = likert_frame_get_codes (self, question);
  Category *c = get_category (self, category);
  const guint16 *codes = c->codes;
  guint n_values = c->values->len;
  guint n_points = (guint) (field->scale_max - field->scale_min + 1);
  g_autofree guint64 *table = g_new0 (guint64, (gsize) n_values * (n_points + 1));

  /* table[code][rating code]: rating code 0 is no answer. */
  FOR_EACH_ROW (self, filter, row,
                if (codes[row] < n_values && ratings[row] <= n_points)
                  table[codes[row] * (n_points + 1) + ratings[row]]++);

  for (guint code = 0; code < n_values; code++)
    {
      const guint64 *counts = table + code * (n_points + 1);
      likert_stats_from_counts (&stats[code], field->scale_min, field->scale_max, counts + 1,
                                counts[0]);
    }
}

/* Annotations */

LikertStatus
likert_frame_get_status (LikertFrame *self,
                         guint        row)
{
  g_return_val_if_fail (row < self->n_rows, LIKERT_STATUS_NEW);
  return (LikertStatus) self->status[row];
}

void
likert_frame_set_status (LikertFrame  *self,
                         guint         row,
                         LikertStatus  status)
{
  g_return_if_fail (row < self->n_rows);
  self->status[row] = (guint8) status;
}

guint
likert_frame_get_n_tags (LikertFrame *self)
{
  return self->tags->len;
}

static Tag *
get_tag (LikertFrame *self,
         guint        tag)
{
  g_assert (tag < self->tags->len);
  return &g_array_index (self->tags, Tag, tag);
}

gint64
likert_frame_get_tag_id (LikertFrame *self,
                         guint        tag)
{
  return get_tag (self, tag)->id;
}

const char *
likert_frame_get_tag_name (LikertFrame *self,
                           guint        tag)
{
  return get_tag (self, tag)->name;
}

gint
likert_frame_find_tag (LikertFrame *self,
                       gint64       tag_id)
{
  for (guint t = 0; t < self->tags->len; t++)
    if (g_array_index (self->tags, Tag, t).id == tag_id)
      return (gint) t;
  return -1;
}

gint
likert_frame_find_tag_by_name (LikertFrame *self,
                               const char  *name)
{
  for (guint t = 0; t < self->tags->len; t++)
    if (g_strcmp0 (g_array_index (self->tags, Tag, t).name, name) == 0)
      return (gint) t;
  return -1;
}

guint
likert_frame_add_tag (LikertFrame *self,
                      gint64       tag_id,
                      const char  *name)
{
  gint existing = likert_frame_find_tag (self, tag_id);
  Tag tag;

  if (existing >= 0)
    return (guint) existing;
  tag.id = tag_id;
  tag.name = g_strdup (name);
  tag.rows = g_new0 (guint64, MAX (self->n_words, 1));
  g_array_append_val (self->tags, tag);
  return self->tags->len - 1;
}

gboolean
likert_frame_has_tag (LikertFrame *self,
                      guint        row,
                      guint        tag)
{
  g_return_val_if_fail (row < self->n_rows, FALSE);
  return bit_test (get_tag (self, tag)->rows, row);
}

void
likert_frame_set_tag (LikertFrame *self,
                      guint        row,
                      guint        tag,
                      gboolean     active)
{
  g_return_if_fail (row < self->n_rows);
  if (active)
    bit_set (get_tag (self, tag)->rows, row);
  else
    bit_clear (get_tag (self, tag)->rows, row);
}

const guint64 *
likert_frame_get_tag_rows (LikertFrame *self,
                           guint        tag)
{
  return get_tag (self, tag)->rows;
}

void
likert_frame_rename_tag (LikertFrame *self,
                         guint        tag,
                         const char  *name)
{
  Tag *t = get_tag (self, tag);
  char *copy = g_strdup (name);

  g_free (t->name);
  t->name = copy;
}

void
likert_frame_remove_tag (LikertFrame *self,
                         guint        tag)
{
  g_return_if_fail (tag < self->tags->len);
  g_array_remove_index (self->tags, tag);
}

guint
likert_frame_merge_tag (LikertFrame *self,
                        guint        source,
                        guint        target)
{
  const guint64 *from = get_tag (self, source)->rows;
  guint64 *into = get_tag (self, target)->rows;

  g_return_val_if_fail (source != target, target);
  for (gsize w = 0; w < self->n_words; w++)
    into[w] |= from[w];
  likert_frame_remove_tag (self, source);
  return target > source ? target - 1 : target;
}

gboolean
likert_frame_reload_tags (LikertFrame  *self,
                          LikertStore  *store,
                          GError      **error)
{
  g_autoptr(GArray) old = self->tags;

  self->tags = g_array_new (FALSE, TRUE, sizeof (Tag));
  g_array_set_clear_func (self->tags, tag_clear);
  if (!load_tags (self, store, error))
    {
      /* Keep what the frame had rather than no tags at all. */
      g_array_unref (self->tags);
      self->tags = g_steal_pointer (&old);
      return FALSE;
    }
  return TRUE;
}

gboolean
likert_frame_has_note (LikertFrame *self,
                       guint        row)
{
  g_return_val_if_fail (row < self->n_rows, FALSE);
  return bit_test (self->has_note, row);
}

void
likert_frame_set_has_note (LikertFrame *self,
                           guint        row,
                           gboolean     has_note)
{
  g_return_if_fail (row < self->n_rows);
  if (has_note)
    bit_set (self->has_note, row);
  else
    bit_clear (self->has_note, row);
}

const guint8 *
likert_frame_get_statuses (LikertFrame *self)
{
  return self->status;
}

const gint64 *
likert_frame_get_times (LikertFrame *self)
{
  return self->submitted_at;
}

/* Bitmaps */

gsize
likert_frame_bitmap_words (LikertFrame *self)
{
  return self->n_words;
}

guint64 *
likert_frame_bitmap_new (LikertFrame *self,
                         gboolean     all)
{
  guint64 *bits = g_new0 (guint64, MAX (self->n_words, 1));

  if (all && self->n_words > 0)
    {
      memset (bits, 0xff, self->n_words * sizeof (guint64));
      if (self->n_rows % 64 != 0)
        bits[self->n_words - 1] = (G_GUINT64_CONSTANT (1) << (self->n_rows % 64)) - 1;
    }
  return bits;
}

guint
likert_bitmap_count (const guint64 *bits,
                     gsize          n_words)
{
  guint n = 0;

  for (gsize w = 0; w < n_words; w++)
    n += (guint) __builtin_popcountll (bits[w]);
  return n;
}

/* Search */

char *
likert_search_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      const char *start;

      /* Words are runs of letters, digits and marks (as FTS5's unicode61 sees them). */
      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)) &&
             !g_unichar_ismark (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && (g_unichar_isalnum (g_utf8_get_char (p)) ||
                            g_unichar_ismark (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);
      if (p == start)
        break;
      /* A quoted string is a literal token for FTS5: no operator can hide in it. */
      g_string_append_printf (query, "%s\"%.*s\"*", query->len ? " " : "", (int) (p - start), start);
    }
  return query->len ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static gboolean
search_table (LikertFrame   *self,
              LikertStore   *store,
              const char    *sql,
              const char    *query,
              guint64       *bits,
              GError       **error)
{
  sqlite3_stmt *stmt = _likert_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint row = likert_frame_find_row (self, sqlite3_column_int64 (stmt, 0));

      if (row >= 0)
        bit_set (bits, (guint) row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (store, error, _("Could not search the project"));
      return FALSE;
    }
  return TRUE;
}

guint64 *
likert_frame_search (LikertFrame  *self,
                     LikertStore  *store,
                     const char   *text,
                     guint        *n_matches,
                     GError      **error)
{
  g_autofree char *query = likert_search_query (text);
  g_autofree guint64 *bits = likert_frame_bitmap_new (self, query == NULL);

  if (query != NULL &&
      (!search_table (self, store, "SELECT rowid FROM response_text WHERE response_text MATCH ?",
                      query, bits, error) ||
       !search_table (self, store, "SELECT rowid FROM note_text WHERE note_text MATCH ?",
                      query, bits, error)))
    return NULL;
  if (n_matches != NULL)
    *n_matches = likert_bitmap_count (bits, self->n_words);
  return g_steal_pointer (&bits);
}

/* Sorting */

typedef struct
{
  LikertFrame   *frame;
  const guint8  *ratings;
  const guint16 *keys;        /* a small number per row (tags, presence) */
  gboolean       descending;
} SortContext;

static int
compare_key (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const SortContext *context = user_data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  int ka = context->keys[ra], kb = context->keys[rb];

  if (ka != kb)
    return context->descending ? kb - ka : ka - kb;
  return (ra > rb) - (ra < rb);
}

static int
compare_time (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortContext *context = user_data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  gint64 ta = context->frame->submitted_at[ra], tb = context->frame->submitted_at[rb];

  /* Unknown times last, whatever the direction. */
  if (ta == G_MININT64 || tb == G_MININT64)
    return ta == tb ? (ra > rb) - (ra < rb) : ta == G_MININT64 ? 1 : -1;
  if (ta != tb)
    return context->descending ? (ta < tb) - (ta > tb) : (ta > tb) - (ta < tb);
  return (ra > rb) - (ra < rb);
}

static int
compare_rating (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const SortContext *context = user_data;
  guint ra = *(const guint *) a, rb = *(const guint *) b;
  int va = context->ratings[ra], vb = context->ratings[rb];

  if (va == 0 || vb == 0)
    return va == vb ? (ra > rb) - (ra < rb) : va == 0 ? 1 : -1;
  if (va != vb)
    return context->descending ? vb - va : va - vb;
  return (ra > rb) - (ra < rb);
}

guint *
likert_frame_sort_rows (LikertFrame   *self,
                        const guint64 *filter,
                        LikertSortKey  key,
                        guint          question,
                        gboolean       descending,
                        guint         *n_rows)
{
  guint *rows = g_new (guint, MAX (self->n_rows, 1));
  guint n = 0;
  SortContext context = { self, NULL, NULL, descending };

  FOR_EACH_ROW (self, filter, row, rows[n++] = row);
  *n_rows = n;

  if (key == LIKERT_SORT_RATING && question < self->codes->len)
    {
      context.ratings = likert_frame_get_codes (self, question);
      g_qsort_with_data (rows, (gint) n, sizeof (guint), compare_rating, &context);
    }
  else if (key == LIKERT_SORT_TIME)
    g_qsort_with_data (rows, (gint) n, sizeof (guint), compare_time, &context);
  else if (key == LIKERT_SORT_TAGS || key == LIKERT_SORT_TEXT || key == LIKERT_SORT_NOTE)
    {
      g_autofree guint16 *keys = g_new0 (guint16, MAX (self->n_rows, 1));

      for (guint i = 0; i < n; i++)
        {
          guint row = rows[i];

          if (key == LIKERT_SORT_TEXT)
            keys[row] = bit_test (self->has_text, row);
          else if (key == LIKERT_SORT_NOTE)
            keys[row] = bit_test (self->has_note, row);
          else
            for (guint t = 0; t < self->tags->len; t++)
              keys[row] += bit_test (g_array_index (self->tags, Tag, t).rows, row);
        }
      context.keys = keys;
      g_qsort_with_data (rows, (gint) n, sizeof (guint), compare_key, &context);
    }
  return rows;
}

guint
likert_frame_apply_changes (LikertFrame  *self,
                            LikertStore  *store,
                            const GArray *changes)
{
  g_autoptr(GPtrArray) tags = NULL;
  gint64 last_row_id = 0;
  gint row = -1;
  guint n_rows = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (changes != NULL, 0);

  for (guint i = 0; i < changes->len; i++)
    {
      const LikertAnnotationChange *change = &g_array_index (changes, LikertAnnotationChange, i);
      gint tag;

      /* Changes of one response come together: look its row up once. */
      if (change->response_id != last_row_id)
        {
          last_row_id = change->response_id;
          row = likert_frame_find_row (self, change->response_id);
          n_rows += row >= 0;
        }
      if (row < 0)
        continue;

      switch ((LikertChangeKind) change->kind)
        {
        case LIKERT_CHANGE_STATUS:
          likert_frame_set_status (self, (guint) row, (LikertStatus) change->value);
          break;
        case LIKERT_CHANGE_NOTE:
          likert_frame_set_has_note (self, (guint) row, change->value != 0);
          break;
        case LIKERT_CHANGE_TAG:
          tag = likert_frame_find_tag (self, change->tag_id);
          if (tag < 0 && store != NULL)
            {
              if (tags == NULL)
                tags = likert_store_list_tags (store, NULL);
              for (guint k = 0; tags != NULL && k < tags->len; k++)
                {
                  const LikertTag *known = g_ptr_array_index (tags, k);

                  if (known->id == change->tag_id)
                    tag = (gint) likert_frame_add_tag (self, known->id, known->name);
                }
            }
          if (tag >= 0)
            likert_frame_set_tag (self, (guint) row, (guint) tag, change->value != 0);
          break;
        case LIKERT_CHANGE_SENTIMENT:
        default:
          break;
        }
    }
  return n_rows;
}
