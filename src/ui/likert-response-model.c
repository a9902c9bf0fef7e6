/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-response-model"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-response-item.h"
#include "likert-response-model.h"

struct _LikertResponseModel
{
  GObject       parent_instance;

  LikertStore  *store;
  LikertFrame  *frame;
  GHashTable   *tag_names;     /* gint64 id → name, refreshed on row_changed */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LikertResponseModel, likert_response_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
load_tag_names (LikertResponseModel *self)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (self->store, NULL);

  g_hash_table_remove_all (self->tag_names);
  for (guint i = 0; tags != NULL && i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      gint64 *key = g_new (gint64, 1);

      *key = tag->id;
      g_hash_table_insert (self->tag_names, key, g_strdup (tag->name));
    }
}

static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == G_MININT64)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: date and time of a response in the list; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static GType
likert_response_model_get_item_type (GListModel *model)
{
  return LIKERT_TYPE_RESPONSE_ITEM;
}

static guint
likert_response_model_get_n_items (GListModel *model)
{
  LikertResponseModel *self = LIKERT_RESPONSE_MODEL (model);

  return likert_frame_get_n_rows (self->frame);
}

static gpointer
likert_response_model_get_item (GListModel *model,
                                guint       position)
{
  LikertResponseModel *self = LIKERT_RESPONSE_MODEL (model);
  g_autoptr(LikertResponse) response = NULL;
  g_autoptr(GString) tags = g_string_new (NULL);
  g_autofree char *time = NULL;
  g_autofree char *rating = NULL;
  const char *comment = "";
  gint64 id;
  gint column;

  if (position >= likert_frame_get_n_rows (self->frame))
    return NULL;

  id = likert_frame_get_response_id (self->frame, position);
  response = likert_store_get_response (self->store, id, NULL);
  time = format_time (likert_frame_get_submitted_at (self->frame, position));
  if (likert_frame_get_n_questions (self->frame) > 0)
    {
      int value = likert_frame_get_rating (self->frame, 0, position);
      rating = value < 0 ? g_strdup ("–") : g_strdup_printf ("%d", value);
    }

  column = likert_frame_get_comment_column (self->frame);
  if (response != NULL && column >= 0 && (guint) column < g_strv_length (response->cells))
    comment = response->cells[column];

  for (guint i = 0; response != NULL && i < response->tag_ids->len; i++)
    {
      gint64 tag_id = g_array_index (response->tag_ids, gint64, i);
      const char *name = g_hash_table_lookup (self->tag_names, &tag_id);

      if (name == NULL)
        continue;
      if (tags->len > 0)
        /* Translators: separates tag names in the response list */
        g_string_append (tags, _(", "));
      g_string_append (tags, name);
    }

  return likert_response_item_new (id, position, time, rating ? rating : "", comment, tags->str,
                                   response ? response->note : "");
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = likert_response_model_get_item_type;
  iface->get_n_items = likert_response_model_get_n_items;
  iface->get_item = likert_response_model_get_item;
}

static void
likert_response_model_finalize (GObject *object)
{
  LikertResponseModel *self = LIKERT_RESPONSE_MODEL (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_pointer (&self->tag_names, g_hash_table_unref);

  G_OBJECT_CLASS (likert_response_model_parent_class)->finalize (object);
}

static void
likert_response_model_class_init (LikertResponseModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = likert_response_model_finalize;
}

static void
likert_response_model_init (LikertResponseModel *self)
{
  self->tag_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

LikertResponseModel *
likert_response_model_new (LikertStore *store,
                           LikertFrame *frame)
{
  LikertResponseModel *self = g_object_new (LIKERT_TYPE_RESPONSE_MODEL, NULL);

  self->store = g_object_ref (store);
  self->frame = likert_frame_ref (frame);
  load_tag_names (self);
  return self;
}

void
likert_response_model_row_changed (LikertResponseModel *self,
                                   gint64               response_id)
{
  gint row;

  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));

  load_tag_names (self);
  row = likert_frame_find_row (self->frame, response_id);
  if (row >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), (guint) row, 1, 1);
}

gint64
likert_response_model_get_response_id (LikertResponseModel *self,
                                       guint                position)
{
  g_return_val_if_fail (LIKERT_IS_RESPONSE_MODEL (self), 0);
  g_return_val_if_fail (position < likert_frame_get_n_rows (self->frame), 0);
  return likert_frame_get_response_id (self->frame, position);
}
