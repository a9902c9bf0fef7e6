/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-frame.h"

G_BEGIN_DECLS

/* What the analyst is looking at: categorical values (OR within a field, AND across fields),
 * a time range, rating values, tags, review statuses and a text search, combined with AND.
 * Names, not codes: a filter outlives a frame (saved views, the CLI). */

#define LIKERT_FILTER_ERROR (likert_filter_error_quark ())

typedef enum {
  LIKERT_FILTER_ERROR_PARSE,      /* not a filter's JSON */
  LIKERT_FILTER_ERROR_UNKNOWN,    /* names a field, value or tag the project does not have */
} LikertFilterError;

typedef enum {
  LIKERT_TAG_MATCH_ANY,
  LIKERT_TAG_MATCH_ALL,
  LIKERT_TAG_MATCH_NONE,
} LikertTagMatch;

typedef struct _LikertFilter LikertFilter;

GQuark        likert_filter_error_quark  (void);

LikertFilter *likert_filter_new          (void);
LikertFilter *likert_filter_copy         (const LikertFilter *self);
void          likert_filter_free         (LikertFilter       *self);
gboolean      likert_filter_is_empty     (const LikertFilter *self);
gboolean      likert_filter_equal        (const LikertFilter *a,
                                          const LikertFilter *b);

/* Categorical values: field = value. */
void          likert_filter_add_value    (LikertFilter       *self,
                                          const char         *field,
                                          const char         *value);
void          likert_filter_remove_value (LikertFilter       *self,
                                          const char         *field,
                                          const char         *value);
gboolean      likert_filter_has_value    (const LikertFilter *self,
                                          const char         *field,
                                          const char         *value);
/* The chosen values of field, in the order added (empty when none). */
GStrv         likert_filter_dup_values   (const LikertFilter *self,
                                          const char         *field);
void          likert_filter_clear_field  (LikertFilter       *self,
                                          const char         *field);
/* The fields with chosen values. */
GStrv         likert_filter_dup_fields   (const LikertFilter *self);

/* Submission time in [from, to): UTC seconds; G_MININT64 / G_MAXINT64 leave an end open. */
void          likert_filter_set_range    (LikertFilter       *self,
                                          gint64              from,
                                          gint64              to);
void          likert_filter_get_range    (const LikertFilter *self,
                                          gint64             *from,
                                          gint64             *to);

/* Rating values of a question (OR). */
void          likert_filter_add_rating   (LikertFilter       *self,
                                          const char         *question,
                                          int                 value);
void          likert_filter_remove_rating (LikertFilter      *self,
                                          const char         *question,
                                          int                 value);
gboolean      likert_filter_has_rating   (const LikertFilter *self,
                                          const char         *question,
                                          int                 value);
/* The questions with chosen values, sorted. */
GStrv         likert_filter_dup_rating_questions (const LikertFilter *self);
void          likert_filter_clear_ratings (LikertFilter      *self);

void          likert_filter_add_tag      (LikertFilter       *self,
                                          const char         *tag);
void          likert_filter_remove_tag   (LikertFilter       *self,
                                          const char         *tag);
gboolean      likert_filter_has_tag      (const LikertFilter *self,
                                          const char         *tag);
/* The chosen tags, in the order added. */
GStrv         likert_filter_dup_tags     (const LikertFilter *self);
void          likert_filter_set_tag_match (LikertFilter      *self,
                                          LikertTagMatch      match);
LikertTagMatch likert_filter_get_tag_match (const LikertFilter *self);

/* Review statuses (OR); none chosen: every status but excluded. */
void          likert_filter_add_status   (LikertFilter       *self,
                                          LikertStatus        status);
void          likert_filter_remove_status (LikertFilter      *self,
                                          LikertStatus        status);
/* Whether status was chosen (not whether it passes: none chosen passes all but excluded). */
gboolean      likert_filter_has_status   (const LikertFilter *self,
                                          LikertStatus        status);
void          likert_filter_clear_status (LikertFilter       *self);

/* Words to find in the responses' text and the notes; "" or NULL: no search. */
void          likert_filter_set_search   (LikertFilter       *self,
                                          const char         *text);
const char   *likert_filter_get_search   (const LikertFilter *self);

/* A saved view's definition. */
char         *likert_filter_to_json      (const LikertFilter *self);
LikertFilter *likert_filter_from_json    (const char         *json,
                                          GError            **error);

/* The rows of frame that pass, as a bitmap. matches is the result of the text search (rows),
 * required when the filter has one. skip_field, when not NULL, leaves that categorical field's
 * values out: the rows a facet's counts are taken over. Unknown names select nothing and set
 * error, if given. */
guint64      *likert_filter_select       (const LikertFilter *self,
                                          LikertFrame        *frame,
                                          const guint64      *matches,
                                          const char         *skip_field,
                                          guint              *n_selected,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertFilter, likert_filter_free)

G_END_DECLS
