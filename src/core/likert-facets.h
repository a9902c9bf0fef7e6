/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-store.h"

G_BEGIN_DECLS

/* Categorical fields are dictionary-encoded when a response is stored: response.facets holds
 * one little-endian guint16 code per CATEGORY field of its dataset, in column order (0: empty),
 * and field_value maps codes to values. The frame reads them without parsing any text. */

#define LIKERT_FACET_OTHER G_MAXUINT16   /* past 65,534 distinct values */

typedef struct _LikertFacetCoder LikertFacetCoder;

/* A coder for the CATEGORY fields among fields (all of one dataset, indexed by position),
 * with the dictionaries the project already holds. Use it inside the caller's transaction. */
LikertFacetCoder *likert_facet_coder_new     (LikertStore         *store,
                                              LikertField * const *fields,
                                              guint                n_fields,
                                              GError             **error);
/* A value met for the first time, with the code it got, not yet in field_value. */
typedef struct
{
  gint64  field_id;
  guint   code;
  char   *value;
} LikertFacetValue;

/* Bytes of a facets value (2 per categorical field; 0 when the dataset has none). */
gsize             likert_facet_coder_size    (LikertFacetCoder    *self);
/* Encodes the cells of one response (their lengths in bytes, or NULL for NUL-terminated
 * cells to be measured) into out (likert_facet_coder_size() bytes). Values met
 * for the first time get the next code and are added to field_value, or, when new_values is
 * not NULL, appended to it (LikertFacetValue) for likert_facet_coder_store (): then no SQL is
 * run, and another thread may store them while this one encodes on. */
gboolean          likert_facet_coder_encode  (LikertFacetCoder    *self,
                                              const char * const  *cells,
                                              const gsize         *lengths,
                                              guint                n_cells,
                                              guint8              *out,
                                              GArray              *new_values,
                                              GError             **error);
/* Adds the values that encode () appended to new_values to field_value. */
gboolean          likert_facet_coder_store   (LikertFacetCoder    *self,
                                              GArray              *new_values,
                                              GError             **error);
/* An array for new_values, each value freed with the array. */
GArray           *likert_facet_values_new    (void);
void              likert_facet_coder_free    (LikertFacetCoder    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertFacetCoder, likert_facet_coder_free)

G_END_DECLS
