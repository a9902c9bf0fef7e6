/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-frame"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-frame.h"
#include "likert-store-private.h"

struct _LikertFrame
{
  guint      n_rows;
  gint64    *ids;            /* ascending */
  gint64    *submitted_at;
  GPtrArray *questions;      /* LikertField * of the rating fields */
  GPtrArray *codes;          /* guint8 * per question */
  gint       comment_column;
};

static void
frame_clear (gpointer data)
{
  LikertFrame *self = data;

  g_free (self->ids);
  g_free (self->submitted_at);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
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

LikertFrame *
likert_frame_load (LikertStore   *store,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(LikertFrame) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  sqlite3_stmt *stmt;
  gint64 n_rows;
  guint row = 0;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);

  self = g_atomic_rc_box_new0 (LikertFrame);
  self->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->comment_column = -1;

  fields = likert_store_list_fields (store, error);
  if (fields == NULL)
    return NULL;
  n_rows = likert_store_count_responses (store, error);
  if (n_rows < 0)
    return NULL;

  self->n_rows = (guint) n_rows;
  self->ids = g_new (gint64, MAX (n_rows, 1));
  self->submitted_at = g_new (gint64, MAX (n_rows, 1));

  if (!_likert_store_begin (store, error))
    return NULL;

  stmt = _likert_store_prepare (store, "SELECT id, submitted_at FROM response ORDER BY id", error);
  if (stmt == NULL)
    goto fail;
  while (row < self->n_rows && sqlite3_step (stmt) == SQLITE_ROW)
    {
      self->ids[row] = sqlite3_column_int64 (stmt, 0);
      self->submitted_at[row] = sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                ? G_MININT64 : sqlite3_column_int64 (stmt, 1);
      row++;
      if ((row & 65535) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          goto fail;
        }
    }
  sqlite3_reset (stmt);
  self->n_rows = row;

  for (guint i = 0; i < fields->len; i++)
    {
      LikertField *field = g_ptr_array_index (fields, i);
      guint8 *codes;
      gint last = 0;

      if (field->role == LIKERT_ROLE_TEXT && self->comment_column < 0)
        self->comment_column = (gint) field->position;
      if (field->role != LIKERT_ROLE_RATING)
        continue;

      codes = g_new0 (guint8, MAX (self->n_rows, 1));
      stmt = _likert_store_prepare (store,
                                    "SELECT response_id, value FROM answer WHERE field_id = ? "
                                    "ORDER BY response_id",
                                    error);
      if (stmt == NULL)
        {
          g_free (codes);
          goto fail;
        }
      sqlite3_bind_int64 (stmt, 1, field->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          int value = sqlite3_column_int (stmt, 1);

          /* Answers come in id order: walk forward from the last row found. */
          while ((guint) last < self->n_rows && self->ids[last] < id)
            last++;
          if ((guint) last < self->n_rows && self->ids[last] == id &&
              value >= field->scale_min && value <= field->scale_max)
            codes[last] = (guint8) (value - field->scale_min + 1);
        }
      sqlite3_reset (stmt);

      g_ptr_array_add (self->codes, codes);
      g_ptr_array_add (self->questions, g_ptr_array_steal_index (fields, i));
      i--;
    }

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
