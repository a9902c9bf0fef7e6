/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-response-item"

#include "config.h"

#include "likert-response-item.h"

struct _LikertResponseItem
{
  GObject  parent_instance;

  gint64   id;
  guint    row;
  char    *time;
  char    *rating;
  char    *comment;
  char    *comment_markup;  /* nullable until asked for */
  char    *tags;
  char    *note;
};

G_DEFINE_FINAL_TYPE (LikertResponseItem, likert_response_item, G_TYPE_OBJECT)

static void
likert_response_item_finalize (GObject *object)
{
  LikertResponseItem *self = LIKERT_RESPONSE_ITEM (object);

  g_free (self->time);
  g_free (self->rating);
  g_free (self->comment);
  g_free (self->comment_markup);
  g_free (self->tags);
  g_free (self->note);

  G_OBJECT_CLASS (likert_response_item_parent_class)->finalize (object);
}

static void
likert_response_item_class_init (LikertResponseItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = likert_response_item_finalize;
}

static void
likert_response_item_init (LikertResponseItem *self)
{
}

LikertResponseItem *
likert_response_item_new (gint64      response_id,
                          guint       row,
                          const char *time,
                          const char *rating,
                          const char *comment,
                          const char *tags,
                          const char *note)
{
  LikertResponseItem *self = g_object_new (LIKERT_TYPE_RESPONSE_ITEM, NULL);

  self->id = response_id;
  self->row = row;
  self->time = g_strdup (time);
  self->rating = g_strdup (rating);
  self->comment = g_strdup (comment);
  self->tags = g_strdup (tags);
  self->note = g_strdup (note);
  return self;
}

gint64
likert_response_item_get_id (LikertResponseItem *self)
{
  return self->id;
}

guint
likert_response_item_get_row (LikertResponseItem *self)
{
  return self->row;
}

const char *
likert_response_item_get_time (LikertResponseItem *self)
{
  return self->time;
}

const char *
likert_response_item_get_rating (LikertResponseItem *self)
{
  return self->rating;
}

const char *
likert_response_item_get_comment (LikertResponseItem *self)
{
  return self->comment;
}

const char *
likert_response_item_get_comment_markup (LikertResponseItem *self)
{
  if (self->comment_markup == NULL)
    self->comment_markup = g_markup_escape_text (self->comment, -1);
  return self->comment_markup;
}

void
likert_response_item_set_comment_markup (LikertResponseItem *self,
                                         const char         *markup)
{
  g_free (self->comment_markup);
  self->comment_markup = g_strdup (markup);
}

const char *
likert_response_item_get_tags (LikertResponseItem *self)
{
  return self->tags;
}

const char *
likert_response_item_get_note (LikertResponseItem *self)
{
  return self->note;
}
