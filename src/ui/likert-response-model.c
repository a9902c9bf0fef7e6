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
  GTimeZone    *local;         /* made once: each g_time_zone_new_local () stats the zone file */

  /* The frame rows shown: all, in frame order, while all_rows; else rows[0 … n_rows). */
  gboolean      all_rows;
  guint        *rows;
  guint         n_rows;

  char         *highlight;     /* the search's text, nullable */
  GStrv         keys;          /* its words, folded (fold_word) */

  /* The items given out and still alive (a view's rows hold them): LikertResponseItem * →
   * position, weak. What a refresh has to redraw. */
  GHashTable   *live;

  guint         held;          /* while > 0: only the first held rows are shown (see hold) */
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
format_time (LikertResponseModel *self,
             gint64               when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == G_MININT64)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, self->local);
  /* Translators: date and time of a response in the list; see g_date_time_format() */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/* Highlighting */

/* The next word of text from *p (a run of letters, digits and marks, as FTS5's unicode61
 * tokenizer and likert_search_query () see words); its length, 0 at the end. */
static gsize
next_word (const char **p,
           const char **start)
{
  const char *q = *p;

  while (*q != '\0' && !g_unichar_isalnum (g_utf8_get_char (q)) &&
         !g_unichar_ismark (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  *start = q;
  while (*q != '\0' && (g_unichar_isalnum (g_utf8_get_char (q)) ||
                         g_unichar_ismark (g_utf8_get_char (q))))
    q = g_utf8_next_char (q);
  *p = q;
  return (gsize) (q - *start);
}

/* A word without accents and case, for comparing as FTS5 (remove_diacritics) does. */
static char *
fold_word (const char *word,
           gssize      length)
{
  g_autofree char *nfd = g_utf8_normalize (word, length, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, (gssize) bare->len);
}

static GStrv
search_keys (const char *search)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = search;
  const char *start;
  gsize length;

  while (p != NULL && (length = next_word (&p, &start)) > 0)
    {
      g_autofree char *key = fold_word (start, (gssize) length);

      if (*key != '\0')
        g_strv_builder_add (builder, key);
    }
  return g_strv_builder_end (builder);
}

static char *
markup_with_keys (const char         *text,
                  const char * const *keys)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = valid;
  const char *done = valid;
  const char *start;
  gsize length;

  if (keys == NULL || keys[0] == NULL)
    return g_markup_escape_text (valid, -1);

  while ((length = next_word (&p, &start)) > 0)
    {
      g_autofree char *folded = fold_word (start, (gssize) length);
      gboolean match = FALSE;

      for (guint k = 0; !match && keys[k] != NULL; k++)
        match = g_str_has_prefix (folded, keys[k]);
      if (!match)
        continue;

      {
        g_autofree char *before = g_markup_escape_text (done, start - done);
        g_autofree char *word = g_markup_escape_text (start, (gssize) length);

        g_string_append (markup, before);
        g_string_append_printf (markup, "<b>%s</b>", word);
        done = p;
      }
    }
  {
    g_autofree char *rest = g_markup_escape_text (done, -1);

    g_string_append (markup, rest);
  }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static guint
n_shown (LikertResponseModel *self)
{
  guint n = self->all_rows ? likert_frame_get_n_rows (self->frame) : self->n_rows;

  return self->held > 0 ? MIN (n, self->held) : n;
}

static guint
row_at (LikertResponseModel *self,
        guint                position)
{
  return self->all_rows ? position : self->rows[position];
}

static GType
likert_response_model_get_item_type (GListModel *model)
{
  return LIKERT_TYPE_RESPONSE_ITEM;
}

static guint
likert_response_model_get_n_items (GListModel *model)
{
  return n_shown (LIKERT_RESPONSE_MODEL (model));
}

static void
item_finalized_cb (gpointer  data,
                   GObject  *item)
{
  LikertResponseModel *self = data;

  g_hash_table_remove (self->live, item);
}

/* Live items closer than this are redrawn together (see redraw_live). */
#define RUN_GAP 64

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Tells the views that the rows they show changed: one items-changed per run of live items
 * (the rows around the view's anchor, and those its focus and selection trackers keep), so
 * that GTK 4.8 makes those rows again. One items-changed over every row made it call get_item
 * for each of a million rows (15 s) looking for its anchor; one per item cost it 8 ms each.
 * Rows without a live item are bound afresh when they are scrolled to. */
static void
redraw_live (LikertResponseModel *self)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer value;
  guint n = n_shown (self);

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint position = GPOINTER_TO_UINT (value);

      if (position < n)
        g_array_append_val (positions, position);
    }
  g_array_sort (positions, compare_positions);
  for (guint i = 0; i < positions->len;)
    {
      guint first = g_array_index (positions, guint, i);
      guint last = first;

      /* A run: positions less than RUN_GAP apart. */
      while (++i < positions->len && g_array_index (positions, guint, i) - last < RUN_GAP)
        last = g_array_index (positions, guint, i);
      g_list_model_items_changed (G_LIST_MODEL (self), first, last - first + 1,
                                  last - first + 1);
    }
}

/* Forgets the live items: their positions mean nothing once the rows change. */
static void
forget_live (LikertResponseModel *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      g_object_weak_unref (G_OBJECT (item), item_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
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
  LikertResponseItem *item;
  const char *comment = "";
  gint64 id;
  gint column;
  guint row;

  if (position >= n_shown (self))
    return NULL;

  row = row_at (self, position);
  id = likert_frame_get_response_id (self->frame, row);
  response = likert_store_get_response (self->store, id, NULL);
  time = format_time (self, likert_frame_get_submitted_at (self->frame, row));
  if (likert_frame_get_n_questions (self->frame) > 0)
    {
      int value = likert_frame_get_rating (self->frame, 0, row);
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

  item = likert_response_item_new (id, row, time, rating ? rating : "", comment, tags->str,
                                   response ? response->note : "");
  if (self->keys != NULL && self->keys[0] != NULL && *comment != '\0')
    {
      g_autofree char *markup = markup_with_keys (comment, (const char * const *) self->keys);

      likert_response_item_set_comment_markup (item, markup);
    }
  g_hash_table_insert (self->live, item, GUINT_TO_POINTER (position));
  g_object_weak_ref (G_OBJECT (item), item_finalized_cb, self);
  return item;
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
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->highlight, g_free);
  g_clear_pointer (&self->keys, g_strfreev);
  g_clear_pointer (&self->local, g_time_zone_unref);
  forget_live (self);
  g_clear_pointer (&self->live, g_hash_table_unref);

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
  self->all_rows = TRUE;
  self->local = g_time_zone_new_local ();
  self->live = g_hash_table_new (NULL, NULL);
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
likert_response_model_set_rows (LikertResponseModel *self,
                                guint               *rows,
                                guint                n_rows)
{
  guint old;

  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  /* In two steps, all rows out then the new ones in: a single items-changed (0, old, new) made
   * GTK 4.8 call get_item for each new row, looking for the row its view was anchored to. */
  old = n_shown (self);
  self->held = 0;
  g_free (self->rows);
  self->rows = NULL;
  self->n_rows = 0;
  self->all_rows = FALSE;
  forget_live (self);
  if (old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
  self->rows = rows;
  self->n_rows = n_rows;
  if (n_rows > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_rows);
}

/* The words to highlight; TRUE when they changed (the items made before show the old ones). */
static gboolean
change_highlight (LikertResponseModel *self,
                  const char          *text)
{
  g_auto(GStrv) keys = NULL;

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->highlight) == 0)
    return FALSE;
  g_free (self->highlight);
  self->highlight = g_strdup (text);
  keys = search_keys (text);
  if (self->keys != NULL &&
      g_strv_equal ((const char * const *) keys, (const char * const *) self->keys))
    return FALSE;
  g_strfreev (self->keys);
  self->keys = g_steal_pointer (&keys);
  return TRUE;
}

void
likert_response_model_set_highlight (LikertResponseModel *self,
                                     const char          *text)
{
  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));

  if (change_highlight (self, text))
    redraw_live (self);
}

void
likert_response_model_show (LikertResponseModel *self,
                            guint               *rows,
                            guint                n_rows,
                            const char          *highlight)
{
  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));
  g_return_if_fail (rows != NULL || n_rows == 0);

  /* Every item is made again by set_rows: with the new words. */
  change_highlight (self, highlight);
  likert_response_model_set_rows (self, rows, n_rows);
}

const char *
likert_response_model_get_highlight (LikertResponseModel *self)
{
  g_return_val_if_fail (LIKERT_IS_RESPONSE_MODEL (self), NULL);
  return self->highlight;
}

void
likert_response_model_row_changed (LikertResponseModel *self,
                                   gint64               response_id)
{
  gint position;

  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));

  load_tag_names (self);
  position = likert_response_model_find_position (self, response_id);
  if (position >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), (guint) position, 1, 1);
}

void
likert_response_model_refresh (LikertResponseModel *self)
{
  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));

  load_tag_names (self);
  redraw_live (self);
}

void
likert_response_model_hold (LikertResponseModel *self,
                            guint                n_rows)
{
  guint old;

  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));
  g_return_if_fail (n_rows > 0);

  old = n_shown (self);
  self->held = n_rows;
  if (old > n_shown (self))
    g_list_model_items_changed (G_LIST_MODEL (self), n_shown (self), old - n_shown (self), 0);
}

void
likert_response_model_release (LikertResponseModel *self)
{
  guint old;

  g_return_if_fail (LIKERT_IS_RESPONSE_MODEL (self));

  if (self->held == 0)
    return;
  old = n_shown (self);
  self->held = 0;
  if (n_shown (self) > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_shown (self) - old);
}

gint64
likert_response_model_get_response_id (LikertResponseModel *self,
                                       guint                position)
{
  g_return_val_if_fail (LIKERT_IS_RESPONSE_MODEL (self), 0);
  g_return_val_if_fail (position < n_shown (self), 0);
  return likert_frame_get_response_id (self->frame, row_at (self, position));
}

guint
likert_response_model_get_row (LikertResponseModel *self,
                               guint                position)
{
  g_return_val_if_fail (LIKERT_IS_RESPONSE_MODEL (self), 0);
  g_return_val_if_fail (position < n_shown (self), 0);
  return row_at (self, position);
}

gint
likert_response_model_find_position (LikertResponseModel *self,
                                     gint64               response_id)
{
  gint row;
  guint n;

  g_return_val_if_fail (LIKERT_IS_RESPONSE_MODEL (self), -1);

  row = likert_frame_find_row (self->frame, response_id);
  n = n_shown (self);
  if (row < 0 || self->all_rows)
    return row >= 0 && (guint) row < n ? row : -1;
  /* A linear scan: once per edit, a few ms for a million rows. */
  for (guint i = 0; i < n; i++)
    if (self->rows[i] == (guint) row)
      return (gint) i;
  return -1;
}

char *
likert_highlight_markup (const char *text,
                         const char *search)
{
  g_auto(GStrv) keys = search_keys (search);

  g_return_val_if_fail (text != NULL, NULL);
  return markup_with_keys (text, (const char * const *) keys);
}
