/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shape detection (likert-shape) on the first records of any text, as the importer hands them
 * (tokenized, at most 50): a shape or an error, never a crash; a shape's column names are
 * unique and never empty, its header rows fit the records, and every data record can be asked
 * whether it is excluded. First byte: the forced kind (or auto) and forced header rows (or
 * detect); the delimiter is sniffed. */
#include "config.h"

#include "likert-csv.h"
#include "likert-shape.h"
#include "fuzz-common.h"

#define MAX_RECORDS 50

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(LikertShape) shape = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *text = NULL;
  const char * const *fields;
  LikertShapeKind kind;
  int header_rows;
  guint n;
  gsize length;

  if (size < 1)
    return 0;
  /* 0–8: a kind forced, else auto (more often); header rows -1 (detect) to 3. */
  kind = (data[0] & 15) < LIKERT_SHAPE_N_KINDS ? (LikertShapeKind) (data[0] & 15)
                                               : LIKERT_SHAPE_AUTO;
  header_rows = (data[0] >> 4) < 5 ? (data[0] >> 4) - 1 : -1;
  text = fuzz_text (data + 1, size - 1, &length);

  tokenizer = likert_csv_tokenizer_new (text, length, likert_csv_sniff (text, length),
                                        "fuzz.csv");
  while (records->len < MAX_RECORDS && likert_csv_tokenizer_next (tokenizer, &fields, &n, NULL))
    {
      char **copy = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        copy[i] = g_strdup (fields[i]);
      g_ptr_array_add (records, copy);
    }

  shape = likert_shape_detect ((const char * const * const *) records->pdata, records->len, kind,
                               header_rows, &error);
  if (shape == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == LIKERT_SHAPE_ERROR);
      return 0;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (kind == LIKERT_SHAPE_AUTO || shape->kind == kind);
  FUZZ_CHECK (header_rows < 0 || shape->header_rows == (guint) header_rows);
  FUZZ_CHECK (shape->header_rows <= 3);
  FUZZ_CHECK (shape->skip_rows + shape->header_rows <= records->len);
  FUZZ_CHECK (shape->status_column < (int) shape->n_columns);
  FUZZ_CHECK (likert_shape_kind_to_string (shape->kind) != NULL);

  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < shape->n_columns; c++)
    {
      const LikertShapeColumn *column = &shape->columns[c];

      FUZZ_CHECK (column->name != NULL && column->name[0] != '\0');
      FUZZ_CHECK (g_utf8_validate (column->name, -1, NULL));
      FUZZ_CHECK (g_hash_table_add (names, column->name));   /* unique */
      FUZZ_CHECK (column->scale_min <= column->scale_max);
    }
  for (guint i = 0; i < shape->notices->len; i++)
    FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (shape->notices, i), -1, NULL));

  for (guint r = shape->skip_rows + shape->header_rows; r < records->len; r++)
    {
      const char *reason = NULL;

      if (likert_shape_excludes (shape, g_ptr_array_index (records, r), &reason))
        FUZZ_CHECK (reason != NULL);
    }
  return 0;
}
