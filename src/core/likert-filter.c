/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-filter"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "likert-filter.h"

#define ALL_BUT_EXCLUDED ((1u << LIKERT_STATUS_NEW) | (1u << LIKERT_STATUS_REVIEWED) | \
                          (1u << LIKERT_STATUS_FLAGGED))

struct _LikertFilter
{
  GHashTable     *values;      /* field → GPtrArray of values, in the order added */
  gint64          from;
  gint64          to;
  GHashTable     *ratings;     /* question → GUINT_TO_POINTER (mask of values 0–10) */
  GPtrArray      *tags;
  LikertTagMatch  tag_match;
  guint           statuses;    /* mask of LikertStatus; 0: all but excluded */
  char           *search;
};

G_DEFINE_QUARK (likert-filter-error-quark, likert_filter_error)

static const char * const status_names[] = { "new", "reviewed", "flagged", "excluded" };
static const char * const match_names[] = { "any", "all", "none" };

LikertFilter *
likert_filter_new (void)
{
  LikertFilter *self = g_new0 (LikertFilter, 1);

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->ratings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->from = G_MININT64;
  self->to = G_MAXINT64;
  return self;
}

void
likert_filter_free (LikertFilter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->values);
  g_hash_table_unref (self->ratings);
  g_ptr_array_unref (self->tags);
  g_free (self->search);
  g_free (self);
}

LikertFilter *
likert_filter_copy (const LikertFilter *self)
{
  g_autofree char *json = likert_filter_to_json (self);

  return likert_filter_from_json (json, NULL);
}

gboolean
likert_filter_is_empty (const LikertFilter *self)
{
  return g_hash_table_size (self->values) == 0 && self->from == G_MININT64 &&
         self->to == G_MAXINT64 && g_hash_table_size (self->ratings) == 0 &&
         self->tags->len == 0 && self->statuses == 0 &&
         (self->search == NULL || *self->search == '\0');
}

gboolean
likert_filter_equal (const LikertFilter *a,
                     const LikertFilter *b)
{
  g_autofree char *ja = likert_filter_to_json (a);
  g_autofree char *jb = likert_filter_to_json (b);

  return g_str_equal (ja, jb);
}

static gint
find_string (GPtrArray  *array,
             const char *value)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return (gint) i;
  return -1;
}

void
likert_filter_add_value (LikertFilter *self,
                         const char   *field,
                         const char   *value)
{
  GPtrArray *values = g_hash_table_lookup (self->values, field);

  if (values == NULL)
    {
      values = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->values, g_strdup (field), values);
    }
  if (find_string (values, value) < 0)
    g_ptr_array_add (values, g_strdup (value));
}

void
likert_filter_remove_value (LikertFilter *self,
                            const char   *field,
                            const char   *value)
{
  GPtrArray *values = g_hash_table_lookup (self->values, field);
  gint i = find_string (values, value);

  if (i >= 0)
    g_ptr_array_remove_index (values, (guint) i);
  if (values != NULL && values->len == 0)
    g_hash_table_remove (self->values, field);
}

gboolean
likert_filter_has_value (const LikertFilter *self,
                         const char         *field,
                         const char         *value)
{
  return find_string (g_hash_table_lookup (self->values, field), value) >= 0;
}

GStrv
likert_filter_dup_values (const LikertFilter *self,
                          const char         *field)
{
  GPtrArray *values = g_hash_table_lookup (self->values, field);
  GStrv copy = g_new0 (char *, (values ? values->len : 0) + 1);

  for (guint i = 0; values != NULL && i < values->len; i++)
    copy[i] = g_strdup (g_ptr_array_index (values, i));
  return copy;
}

void
likert_filter_clear_field (LikertFilter *self,
                           const char   *field)
{
  g_hash_table_remove (self->values, field);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

GStrv
likert_filter_dup_fields (const LikertFilter *self)
{
  guint n = 0;
  GStrv fields = (GStrv) g_hash_table_get_keys_as_array (self->values, &n);
  GStrv copy = g_new0 (char *, n + 1);

  qsort (fields, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (fields[i]);
  g_free (fields);
  return copy;
}

void
likert_filter_set_range (LikertFilter *self,
                         gint64        from,
                         gint64        to)
{
  self->from = from;
  self->to = to;
}

void
likert_filter_get_range (const LikertFilter *self,
                         gint64             *from,
                         gint64             *to)
{
  *from = self->from;
  *to = self->to;
}

void
likert_filter_add_rating (LikertFilter *self,
                          const char   *question,
                          int           value)
{
  guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->ratings, question));

  g_return_if_fail (value >= 0 && value < LIKERT_MAX_SCALE);
  g_hash_table_replace (self->ratings, g_strdup (question), GUINT_TO_POINTER (mask | 1u << value));
}

void
likert_filter_remove_rating (LikertFilter *self,
                             const char   *question,
                             int           value)
{
  guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->ratings, question));

  g_return_if_fail (value >= 0 && value < LIKERT_MAX_SCALE);
  mask &= ~(1u << value);
  if (mask == 0)
    g_hash_table_remove (self->ratings, question);
  else
    g_hash_table_replace (self->ratings, g_strdup (question), GUINT_TO_POINTER (mask));
}

gboolean
likert_filter_has_rating (const LikertFilter *self,
                          const char         *question,
                          int                 value)
{
  guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->ratings, question));

  return value >= 0 && value < LIKERT_MAX_SCALE && (mask & (1u << value)) != 0;
}

GStrv
likert_filter_dup_rating_questions (const LikertFilter *self)
{
  guint n = 0;
  GStrv questions = (GStrv) g_hash_table_get_keys_as_array (self->ratings, &n);
  GStrv copy = g_new0 (char *, n + 1);

  qsort (questions, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (questions[i]);
  g_free (questions);
  return copy;
}

void
likert_filter_clear_ratings (LikertFilter *self)
{
  g_hash_table_remove_all (self->ratings);
}

void
likert_filter_add_tag (LikertFilter *self,
                       const char   *tag)
{
  if (find_string (self->tags, tag) < 0)
    g_ptr_array_add (self->tags, g_strdup (tag));
}

void
likert_filter_remove_tag (LikertFilter *self,
                          const char   *tag)
{
  gint i = find_string (self->tags, tag);

  if (i >= 0)
    g_ptr_array_remove_index (self->tags, (guint) i);
}

gboolean
likert_filter_has_tag (const LikertFilter *self,
                       const char         *tag)
{
  return find_string (self->tags, tag) >= 0;
}

GStrv
likert_filter_dup_tags (const LikertFilter *self)
{
  GStrv copy = g_new0 (char *, self->tags->len + 1);

  for (guint i = 0; i < self->tags->len; i++)
    copy[i] = g_strdup (g_ptr_array_index (self->tags, i));
  return copy;
}

void
likert_filter_set_tag_match (LikertFilter   *self,
                             LikertTagMatch  match)
{
  self->tag_match = match;
}

LikertTagMatch
likert_filter_get_tag_match (const LikertFilter *self)
{
  return self->tag_match;
}

void
likert_filter_add_status (LikertFilter *self,
                          LikertStatus  status)
{
  self->statuses |= 1u << status;
}

void
likert_filter_remove_status (LikertFilter *self,
                             LikertStatus  status)
{
  self->statuses &= ~(1u << status);
}

gboolean
likert_filter_has_status (const LikertFilter *self,
                          LikertStatus        status)
{
  return (self->statuses & (1u << status)) != 0;
}

void
likert_filter_clear_status (LikertFilter *self)
{
  self->statuses = 0;
}

void
likert_filter_set_search (LikertFilter *self,
                          const char   *text)
{
  g_free (self->search);
  self->search = text && *text ? g_strstrip (g_strdup (text)) : NULL;
  if (self->search && *self->search == '\0')
    g_clear_pointer (&self->search, g_free);
}

const char *
likert_filter_get_search (const LikertFilter *self)
{
  return self->search;
}

/* JSON: {"where": {field: [values]}, "from": s, "to": s, "ratings": {question: [values]},
 *        "tags": [names], "tag_match": "any", "status": ["new", …], "search": "words"} —
 * keys in a fixed order and fields sorted, so equal filters give equal text. */
char *
likert_filter_to_json (const LikertFilter *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) fields = likert_filter_dup_fields (self);
  guint n_questions = 0;
  g_autofree const char **questions = NULL;

  json_builder_begin_object (builder);
  if (fields[0] != NULL)
    {
      json_builder_set_member_name (builder, "where");
      json_builder_begin_object (builder);
      for (guint f = 0; fields[f] != NULL; f++)
        {
          GPtrArray *values = g_hash_table_lookup (self->values, fields[f]);

          json_builder_set_member_name (builder, fields[f]);
          json_builder_begin_array (builder);
          for (guint i = 0; i < values->len; i++)
            json_builder_add_string_value (builder, g_ptr_array_index (values, i));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  if (self->from != G_MININT64)
    {
      json_builder_set_member_name (builder, "from");
      json_builder_add_int_value (builder, self->from);
    }
  if (self->to != G_MAXINT64)
    {
      json_builder_set_member_name (builder, "to");
      json_builder_add_int_value (builder, self->to);
    }
  questions = (const char **) g_hash_table_get_keys_as_array (self->ratings, &n_questions);
  if (n_questions > 0)
    {
      qsort (questions, n_questions, sizeof (char *), compare_strings);
      json_builder_set_member_name (builder, "ratings");
      json_builder_begin_object (builder);
      for (guint q = 0; q < n_questions; q++)
        {
          guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (self->ratings, questions[q]));

          json_builder_set_member_name (builder, questions[q]);
          json_builder_begin_array (builder);
          for (int v = 0; v < LIKERT_MAX_SCALE; v++)
            if (mask & (1u << v))
              json_builder_add_int_value (builder, v);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  if (self->tags->len > 0)
    {
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->tags->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (self->tags, i));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "tag_match");
      json_builder_add_string_value (builder, match_names[self->tag_match]);
    }
  if (self->statuses != 0)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_begin_array (builder);
      for (guint s = 0; s < G_N_ELEMENTS (status_names); s++)
        if (self->statuses & (1u << s))
          json_builder_add_string_value (builder, status_names[s]);
      json_builder_end_array (builder);
    }
  if (self->search != NULL)
    {
      json_builder_set_member_name (builder, "search");
      json_builder_add_string_value (builder, self->search);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
parse_error (GError     **error,
             const char  *what)
{
  g_set_error (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_PARSE,
               /* Translators: %s says which part of a saved filter is wrong */
               _("The saved filter is damaged: %s"), what);
  return FALSE;
}

static gboolean
read_strings (JsonNode   *node,
              GPtrArray  *out,
              GError    **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return parse_error (error, "array expected");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return parse_error (error, "string expected");
      g_ptr_array_add (out, g_strdup (json_node_get_string (element)));
    }
  return TRUE;
}

LikertFilter *
likert_filter_from_json (const char  *json,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LikertFilter) self = likert_filter_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      parse_error (error, local_error->message);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      parse_error (error, "object expected");
      return NULL;
    }
  object = json_node_get_object (node);

  if ((node = json_object_get_member (object, "where")) != NULL)
    {
      JsonObject *where;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return parse_error (error, "“where” is no object"), NULL;
      where = json_node_get_object (node);
      members = json_object_get_members (where);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

          if (!read_strings (json_object_get_member (where, l->data), values, error))
            return NULL;
          for (guint i = 0; i < values->len; i++)
            likert_filter_add_value (self, l->data, g_ptr_array_index (values, i));
        }
    }
  if ((node = json_object_get_member (object, "from")) != NULL)
    self->from = json_node_get_int (node);
  if ((node = json_object_get_member (object, "to")) != NULL)
    self->to = json_node_get_int (node);
  if ((node = json_object_get_member (object, "ratings")) != NULL)
    {
      JsonObject *ratings;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return parse_error (error, "“ratings” is no object"), NULL;
      ratings = json_node_get_object (node);
      members = json_object_get_members (ratings);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *values = json_object_get_member (ratings, l->data);
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (values))
            return parse_error (error, "array expected"), NULL;
          array = json_node_get_array (values);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              gint64 v = json_array_get_int_element (array, i);

              if (v < 0 || v >= LIKERT_MAX_SCALE)
                return parse_error (error, "rating out of range"), NULL;
              likert_filter_add_rating (self, l->data, (int) v);
            }
        }
    }
  if ((node = json_object_get_member (object, "tags")) != NULL &&
      !read_strings (node, self->tags, error))
    return NULL;
  if ((node = json_object_get_member (object, "tag_match")) != NULL)
    {
      const char *match = json_node_get_string (node);

      for (guint m = 0; m < G_N_ELEMENTS (match_names); m++)
        if (g_strcmp0 (match, match_names[m]) == 0)
          self->tag_match = (LikertTagMatch) m;
    }
  if ((node = json_object_get_member (object, "status")) != NULL)
    {
      g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);

      if (!read_strings (node, statuses, error))
        return NULL;
      for (guint i = 0; i < statuses->len; i++)
        for (guint s = 0; s < G_N_ELEMENTS (status_names); s++)
          if (g_str_equal (g_ptr_array_index (statuses, i), status_names[s]))
            self->statuses |= 1u << s;
    }
  if ((node = json_object_get_member (object, "search")) != NULL)
    likert_filter_set_search (self, json_node_get_string (node));

  return g_steal_pointer (&self);
}

/* Sets error (once) for a name the frame does not have; message is translated and complete. */
static gboolean
unknown (GError **error,
         char    *message)
{
  if (error != NULL && *error == NULL)
    g_set_error_literal (error, LIKERT_FILTER_ERROR, LIKERT_FILTER_ERROR_UNKNOWN, message);
  g_free (message);
  return FALSE;
}

guint64 *
likert_filter_select (const LikertFilter *self,
                      LikertFrame        *frame,
                      const guint64      *matches,
                      const char         *skip_field,
                      guint              *n_selected,
                      GError            **error)
{
  const gsize n_words = likert_frame_bitmap_words (frame);
  guint64 *bits = likert_frame_bitmap_new (frame, TRUE);
  g_autoptr(GPtrArray) allowed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) questions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) question_masks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint64 *tag_bits = NULL;
  guint statuses = self->statuses ? self->statuses : ALL_BUT_EXCLUDED;
  gboolean ok = TRUE;
  GHashTableIter iter;
  gpointer key, value;

  /* Categorical values: a table of allowed codes per field. */
  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *values = value;
      gint c = likert_frame_find_category (frame, key);
      gboolean *table;

      if (skip_field != NULL && g_str_equal (skip_field, key))
        continue;
      if (c < 0)
        {
          ok = unknown (error, g_strdup_printf (_("There is no categorical field “%s”"),
                                                (const char *) key));
          continue;
        }
      table = g_new0 (gboolean, likert_frame_get_n_category_values (frame, (guint) c));
      for (guint i = 0; i < values->len; i++)
        {
          gint code = likert_frame_find_category_value (frame, (guint) c,
                                                        g_ptr_array_index (values, i));
          if (code >= 0)
            table[code] = TRUE;
        }
      g_ptr_array_add (allowed, table);
      g_array_append_val (categories, c);
    }

  g_hash_table_iter_init (&iter, self->ratings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint q = likert_frame_find_question (frame, key);
      const LikertField *field;
      guint mask = 0;

      if (q < 0)
        {
          ok = unknown (error, g_strdup_printf (_("There is no rating question “%s”"),
                                                (const char *) key));
          continue;
        }
      /* The mask by rating code (value − scale_min + 1); code 0, no answer, never passes. */
      field = likert_frame_get_question (frame, (guint) q);
      for (int v = field->scale_min; v <= field->scale_max; v++)
        if (GPOINTER_TO_UINT (value) & (1u << v))
          mask |= 1u << (v - field->scale_min + 1);
      g_array_append_val (questions, q);
      g_array_append_val (question_masks, mask);
    }

  if (self->tags->len > 0)
    {
      tag_bits = likert_frame_bitmap_new (frame, self->tag_match == LIKERT_TAG_MATCH_ALL);
      for (guint i = 0; i < self->tags->len; i++)
        {
          gint t = likert_frame_find_tag_by_name (frame, g_ptr_array_index (self->tags, i));
          const guint64 *rows;

          if (t < 0)
            {
              ok = unknown (error, g_strdup_printf (_("There is no tag “%s”"),
                                                    (const char *) g_ptr_array_index (self->tags, i)));
              continue;
            }
          rows = likert_frame_get_tag_rows (frame, (guint) t);
          for (gsize w = 0; w < n_words; w++)
            tag_bits[w] = self->tag_match == LIKERT_TAG_MATCH_ALL ? tag_bits[w] & rows[w]
                                                                  : tag_bits[w] | rows[w];
        }
    }

  if (!ok || (self->search != NULL && matches == NULL))
    {
      if (ok)
        g_critical ("likert_filter_select: a search needs its matches");
      memset (bits, 0, MAX (n_words, 1) * sizeof (guint64));
      *n_selected = 0;
      return bits;
    }

  /* Whole words first: the tags and the text search. */
  for (gsize w = 0; w < n_words; w++)
    {
      if (tag_bits != NULL)
        bits[w] &= self->tag_match == LIKERT_TAG_MATCH_NONE ? ~tag_bits[w] : tag_bits[w];
      if (self->search != NULL)
        bits[w] &= matches[w];
    }

  /* Then the rows still in, over the raw columns. */
  {
    const guint8 *status = likert_frame_get_statuses (frame);
    const gint64 *times = likert_frame_get_times (frame);
    const gboolean by_time = self->from != G_MININT64 || self->to != G_MAXINT64;
    const guint n_categories = categories->len;
    const guint n_questions = questions->len;
    g_autofree const guint16 **category_codes = g_new (const guint16 *, MAX (n_categories, 1));
    g_autofree const guint8 **rating_codes = g_new (const guint8 *, MAX (n_questions, 1));

    for (guint i = 0; i < n_categories; i++)
      category_codes[i] = likert_frame_get_category_codes (frame, g_array_index (categories, guint, i));
    for (guint i = 0; i < n_questions; i++)
      rating_codes[i] = likert_frame_get_codes (frame, g_array_index (questions, guint, i));

    for (gsize w = 0; w < n_words; w++)
      {
        guint64 word = bits[w];
        guint64 keep = word;

        while (word != 0)
          {
            guint bit = (guint) __builtin_ctzll (word);
            guint row = (guint) (w * 64 + bit);
            gboolean pass = (statuses >> status[row]) & 1;

            word &= word - 1;
            if (pass && by_time)
              pass = times[row] != G_MININT64 && times[row] >= self->from && times[row] < self->to;
            for (guint i = 0; pass && i < n_categories; i++)
              pass = ((const gboolean *) g_ptr_array_index (allowed, i))[category_codes[i][row]];
            for (guint i = 0; pass && i < n_questions; i++)
              pass = (g_array_index (question_masks, guint, i) >> rating_codes[i][row]) & 1;
            if (!pass)
              keep &= ~(G_GUINT64_CONSTANT (1) << bit);
          }
        bits[w] = keep;
      }
  }

  *n_selected = likert_bitmap_count (bits, n_words);
  return bits;
}
