/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-csv.h"
#include "likert-import.h"
#include "likert-progress.h"
#include "likert-scale.h"
#include "likert-store-private.h"

/* The import pipeline of DESIGN.md:
 *   reader (likert_csv_decode) → tokenizer (LikertCsvTokenizer) → shape (header, profiles,
 *   roles: profile_columns/assign_roles) → mapper (likert-scale) → store (store_records).
 * The tokenizer runs twice over the decoded text: first to check the whole file and profile its
 * columns, then to write it; so nothing is written unless the whole file is good. */

#define DISTINCT_CAP 1000

typedef struct
{
  guint       non_empty;
  guint       ints;
  int         int_min;
  int         int_max;
  guint       labels;
  int         label_min;
  int         label_max;
  guint       times;
  guint64     total_length;
  guint       with_space;
  GHashTable *distinct;           /* capped at DISTINCT_CAP */
  gboolean    distinct_overflow;
  char       *label_text[LIKERT_MAX_SCALE]; /* first label seen for value v (index v) */
} ColumnProfile;

typedef struct
{
  char          *source_name;
  GBytes        *text;
  char          *encoding;
  char           delimiter;
  guint          n_columns;
  char         **headers;
  ColumnProfile *profiles;
  gboolean      *twin;            /* twin[l * n + r]: label column l agrees with number column r */
  int           *row_int;         /* per-row scratch */
  int           *row_label;
  guint          n_records;
  LikertField  **fields;          /* the roles chosen, one per column */
  int            time_column;
  int            key_column;
} Import;

G_DEFINE_QUARK (likert-import-error-quark, likert_import_error)

static void
import_clear (Import *import)
{
  for (guint c = 0; c < import->n_columns; c++)
    {
      g_clear_pointer (&import->profiles[c].distinct, g_hash_table_unref);
      for (guint v = 0; v < LIKERT_MAX_SCALE; v++)
        g_free (import->profiles[c].label_text[v]);
      if (import->fields)
        likert_field_free (import->fields[c]);
    }
  g_free (import->fields);
  g_free (import->profiles);
  g_free (import->twin);
  g_free (import->row_int);
  g_free (import->row_label);
  g_strfreev (import->headers);
  g_clear_pointer (&import->text, g_bytes_unref);
  g_free (import->encoding);
  g_free (import->source_name);
}

static gboolean
header_is (const char          *header,
           const char * const  *names)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  return g_strv_contains (names, g_strstrip (folded));
}

static gboolean
header_has (const char          *header,
            const char * const  *words)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  for (guint i = 0; words[i]; i++)
    if (strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static const char * const id_names[] = {
  "id", "response id", "response_id", "responseid", "respondent id", "respondent_id",
  "respondentid", "submission id", "#", "number", NULL
};
static const char * const text_words[] = {
  "comment", "feedback", "message", "why", "reason", "remark", "suggest", "explain", "tell us",
  "commentaire", "تعليق", "комментарий", NULL
};

/* The shape stage: the header row. Empty names get "Column N"; repeated ones a suffix. */
static gboolean
read_header (Import              *import,
             LikertCsvTokenizer  *tokenizer,
             GPtrArray           *notices,
             GError             **error)
{
  const char * const *fields;
  guint n;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;

  /* Leading blank lines are not a header. */
  do
    {
      if (!likert_csv_tokenizer_next (tokenizer, &fields, &n, &local_error))
        {
          if (local_error)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                         _("%s: the file is empty"), import->source_name);
          return FALSE;
        }
    }
  while (n == 1 && fields[0][0] == '\0');

  import->n_columns = n;
  import->headers = g_new0 (char *, n + 1);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (fields[c]));

      if (*name == '\0')
        {
          g_free (name);
          name = g_strdup_printf ("Column %u", c + 1);
        }
      if (g_hash_table_contains (seen, name))
        {
          char *unique = g_strdup_printf ("%s (%u)", name, c + 1);

          g_ptr_array_add (notices,
                           g_strdup_printf (_("The column name “%s” is repeated; column %u is "
                                              "called “%s”."), name, c + 1, unique));
          g_free (name);
          name = unique;
        }
      import->headers[c] = g_steal_pointer (&name);
      g_hash_table_add (seen, import->headers[c]);
    }
  return TRUE;
}

static void
profile_cell (ColumnProfile *profile,
              const char    *cell,
              int           *as_int,
              int           *as_label)
{
  gsize length = strlen (cell);
  gint64 when;
  int value;

  *as_int = -1;
  *as_label = -1;
  if (length == 0)
    return;

  profile->non_empty++;
  profile->total_length += length;
  if (strchr (cell, ' ') != NULL)
    profile->with_space++;

  if (likert_scale_parse_int (cell, &value))
    {
      if (profile->ints == 0 || value < profile->int_min)
        profile->int_min = value;
      if (profile->ints == 0 || value > profile->int_max)
        profile->int_max = value;
      profile->ints++;
      *as_int = value;
    }
  else if (profile->labels + 1 == profile->non_empty && likert_scale_parse_label (cell, &value))
    {
      if (profile->labels == 0 || value < profile->label_min)
        profile->label_min = value;
      if (profile->labels == 0 || value > profile->label_max)
        profile->label_max = value;
      profile->labels++;
      if (value >= 0 && value < LIKERT_MAX_SCALE && profile->label_text[value] == NULL)
        profile->label_text[value] = g_strstrip (g_strdup (cell));
      *as_label = value;
    }
  else if ((profile->times + 1 == profile->non_empty) && likert_scale_parse_time (cell, &when))
    profile->times++;

  if (!profile->distinct_overflow)
    {
      if (g_hash_table_size (profile->distinct) >= DISTINCT_CAP)
        profile->distinct_overflow = TRUE;
      else if (!g_hash_table_contains (profile->distinct, cell))
        g_hash_table_add (profile->distinct, g_strdup (cell));
    }
}

static gboolean
ragged_error (Import              *import,
              LikertCsvTokenizer  *tokenizer,
              guint                n,
              GError             **error)
{
  guint line = likert_csv_tokenizer_line (tokenizer);
  guint column = n > import->n_columns
                 ? likert_csv_tokenizer_column (tokenizer, import->n_columns)
                 : likert_csv_tokenizer_end_column (tokenizer);

  /* Translators: file:line:column: message; the numbers count fields */
  g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_RAGGED,
               ngettext ("%s:%u:%u: this record has %u field; the header has %u",
                         "%s:%u:%u: this record has %u fields; the header has %u", n),
               import->source_name, line, column, n, import->n_columns);
  return FALSE;
}

/* Pass one: every record checked and every column profiled. */
static gboolean
profile_columns (Import              *import,
                 LikertCsvTokenizer  *tokenizer,
                 LikertProgressFunc   progress,
                 gpointer             progress_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  const guint n_columns = import->n_columns;
  const char * const *fields;
  guint n;
  g_autoptr(GError) local_error = NULL;
  gsize length = g_bytes_get_size (import->text);

  import->profiles = g_new0 (ColumnProfile, n_columns);
  import->twin = g_new (gboolean, n_columns * n_columns);
  import->row_int = g_new (int, n_columns);
  import->row_label = g_new (int, n_columns);
  for (guint c = 0; c < n_columns; c++)
    import->profiles[c].distinct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_columns * n_columns; i++)
    import->twin[i] = TRUE;

  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, &local_error))
    {
      if (n == 1 && fields[0][0] == '\0')
        continue; /* a blank line */
      if (n != n_columns)
        return ragged_error (import, tokenizer, n, error);

      for (guint c = 0; c < n_columns; c++)
        profile_cell (&import->profiles[c], fields[c], &import->row_int[c], &import->row_label[c]);

      /* A label column is the twin of a number column when both say the same on every row. */
      for (guint l = 0; l < n_columns; l++)
        {
          ColumnProfile *lp = &import->profiles[l];

          if (lp->labels != lp->non_empty)
            continue;
          for (guint r = 0; r < n_columns; r++)
            if (r != l && import->twin[l * n_columns + r] &&
                import->row_label[l] != import->row_int[r])
              import->twin[l * n_columns + r] = FALSE;
        }

      import->n_records++;
      if ((import->n_records & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.3 * likert_csv_tokenizer_offset (tokenizer) / MAX (length, 1),
                      progress_data);
        }
    }
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (import->n_records == 0)
    {
      g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                   _("%s: the file has a header but no responses"), import->source_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_rating_numbers (const ColumnProfile *p,
                   const char          *header)
{
  return p->non_empty > 0 && p->ints == p->non_empty && p->int_min >= 0 && p->int_max <= 10 &&
         !header_is (header, id_names);
}

static gboolean
is_rating_labels (const ColumnProfile *p)
{
  return p->non_empty > 0 && p->labels == p->non_empty;
}

/* The shape stage's decision: a role for every column. */
static void
assign_roles (Import    *import,
              GPtrArray *notices)
{
  const guint n_columns = import->n_columns;
  guint n_ratings = 0;

  import->fields = g_new0 (LikertField *, n_columns);
  import->time_column = -1;
  import->key_column = -1;

  for (guint c = 0; c < n_columns; c++)
    {
      const ColumnProfile *p = &import->profiles[c];
      const char *header = import->headers[c];
      LikertField *field = g_new0 (LikertField, 1);
      guint distinct = g_hash_table_size (p->distinct);
      double mean_length = p->non_empty ? (double) p->total_length / p->non_empty : 0;

      field->position = c;
      field->header = g_strdup (header);
      field->role = LIKERT_ROLE_OTHER;
      import->fields[c] = field;

      if (import->key_column < 0 && header_is (header, id_names) &&
          (p->distinct_overflow || distinct == p->non_empty) && p->non_empty == import->n_records)
        {
          field->role = LIKERT_ROLE_ID;
          import->key_column = (int) c;
        }
      else if (import->time_column < 0 && p->non_empty > 0 && p->times == p->non_empty)
        {
          field->role = LIKERT_ROLE_TIME;
          import->time_column = (int) c;
        }
      else if (is_rating_numbers (p, header))
        {
          field->role = LIKERT_ROLE_RATING;
          likert_scale_guess_range (p->int_min, p->int_max, header,
                                    &field->scale_min, &field->scale_max);
        }
      else if (is_rating_labels (p))
        {
          field->role = LIKERT_ROLE_RATING;
          field->scale_min = 1;
          field->scale_max = 5;
          for (int v = 1; v <= 5; v++)
            field->labels[v - 1] = g_strdup (p->label_text[v]);
        }
      else if (p->non_empty > 0 &&
               (header_has (header, text_words) ||
                (p->with_space * 2 >= p->non_empty && (mean_length >= 25 || p->distinct_overflow))))
        field->role = LIKERT_ROLE_TEXT;
      else if (p->non_empty > 0 && !p->distinct_overflow &&
               distinct <= MAX (20u, MIN (200u, import->n_records / 5)))
        field->role = LIKERT_ROLE_CATEGORY;
    }

  /* Label twins: "Extremely satisfied" beside "5" names the number rather than repeating it. */
  for (guint l = 0; l < n_columns; l++)
    {
      LikertField *label_field = import->fields[l];

      if (label_field->role != LIKERT_ROLE_RATING || !import->profiles[l].labels)
        continue;
      for (guint r = 0; r < n_columns; r++)
        {
          LikertField *number_field = import->fields[r];

          if (r == l || !import->twin[l * n_columns + r] ||
              number_field->role != LIKERT_ROLE_RATING || number_field->labels[2] != NULL ||
              number_field->scale_min != 1 || number_field->scale_max != 5)
            continue;

          label_field->role = LIKERT_ROLE_LABEL;
          label_field->label_of = r; /* a column until the store gives field ids */
          for (guint v = 0; v < 5; v++)
            {
              number_field->labels[v] = label_field->labels[v];
              label_field->labels[v] = NULL;
            }
          break;
        }
    }

  for (guint c = 0; c < n_columns; c++)
    if (import->fields[c]->role == LIKERT_ROLE_RATING)
      n_ratings++;
  if (n_ratings == 0)
    g_ptr_array_add (notices, g_strdup (_("No rating column was found: the responses are "
                                          "imported with their text and categories only.")));
}

static char *
labels_json (const LikertField *field)
{
  g_autoptr(GString) json = g_string_new ("{");
  gboolean any = FALSE;

  for (int v = field->scale_min; v <= field->scale_max; v++)
    {
      const char *label = field->labels[v - field->scale_min];
      g_autofree char *quoted = NULL;

      if (label == NULL)
        continue;
      quoted = _likert_json_string_array (&label, 1);
      /* quoted is ["…"]: keep the string between the brackets */
      g_string_append_printf (json, "%s\"%d\":%.*s", any ? "," : "", v,
                              (int) strlen (quoted) - 2, quoted + 1);
      any = TRUE;
    }
  g_string_append_c (json, '}');
  return any ? g_string_free (g_steal_pointer (&json), FALSE) : NULL;
}

static gboolean
store_fields (LikertStore  *store,
              Import       *import,
              gint64        dataset_id,
              GError      **error)
{
  sqlite3_stmt *stmt;

  for (guint c = 0; c < import->n_columns; c++)
    {
      LikertField *field = import->fields[c];
      g_autofree char *json = labels_json (field);

      stmt = _likert_store_prepare (store,
                                    "INSERT INTO field (dataset_id, position, header, role, "
                                    "scale_min, scale_max, labels, label_of) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, dataset_id);
      sqlite3_bind_int (stmt, 2, (int) c);
      sqlite3_bind_text (stmt, 3, field->header, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, likert_role_to_string (field->role), -1, SQLITE_STATIC);
      if (field->role == LIKERT_ROLE_RATING)
        {
          sqlite3_bind_int (stmt, 5, field->scale_min);
          sqlite3_bind_int (stmt, 6, field->scale_max);
        }
      sqlite3_bind_text (stmt, 7, json, -1, SQLITE_STATIC);
      if (!_likert_store_step_done (store, stmt, error))
        return FALSE;
      field->id = sqlite3_last_insert_rowid (_likert_store_get_db (store));
      field->dataset_id = dataset_id;
    }

  /* Label twins point at their number column's field, which may come later in the file: link
   * them once every field has its id, and turn label_of from a column into that id. */
  for (guint c = 0; c < import->n_columns; c++)
    {
      LikertField *field = import->fields[c];

      if (field->role != LIKERT_ROLE_LABEL)
        continue;
      field->label_of = import->fields[field->label_of]->id;
      stmt = _likert_store_prepare (store, "UPDATE field SET label_of = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, field->label_of);
      sqlite3_bind_int64 (stmt, 2, field->id);
      if (!_likert_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
store_dataset (LikertStore  *store,
               Import       *import,
               GBytes       *raw,
               GError      **error)
{
  g_autofree char *uuid = _likert_uuid ();
  g_autofree char *sha = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dialect = NULL;
  const char *dot;
  sqlite3_stmt *stmt;

  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, raw);
  dot = strrchr (import->source_name, '.');
  name = dot ? g_strndup (import->source_name, (gsize) (dot - import->source_name))
             : g_strdup (import->source_name);
  dialect = g_strdup_printf ("{\"delimiter\":\"%s\"}",
                             import->delimiter == '\t' ? "\\t" : (char[]) { import->delimiter, 0 });

  stmt = _likert_store_prepare (store,
                                "INSERT INTO dataset (uuid, name, source_name, sha256, encoding, "
                                "dialect, shape, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, import->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sha, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, import->encoding, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dialect, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, "plain", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  if (!_likert_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_likert_store_get_db (store));
}

/* Pass two, the store stage: one response row and one answer row per rating. */
static gboolean
store_records (LikertStore         *store,
               Import              *import,
               LikertCsvTokenizer  *tokenizer,
               gint64               dataset_id,
               LikertProgressFunc   progress,
               gpointer             progress_data,
               GCancellable        *cancellable,
               GError             **error)
{
  const char * const *fields;
  guint n;
  gint64 record = 0;
  gsize length = g_bytes_get_size (import->text);
  sqlite3 *db = _likert_store_get_db (store);

  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, error))
    {
      g_autofree char *cells = NULL;
      sqlite3_stmt *stmt;
      gint64 response_id;
      gint64 when;

      if (n == 1 && fields[0][0] == '\0')
        continue;
      g_assert (n == import->n_columns); /* checked in pass one */
      record++;

      stmt = _likert_store_prepare (store,
                                    "INSERT INTO response (dataset_id, record, line, response_key, "
                                    "submitted_at, cells) VALUES (?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      cells = _likert_json_string_array (fields, n);
      sqlite3_bind_int64 (stmt, 1, dataset_id);
      sqlite3_bind_int64 (stmt, 2, record);
      sqlite3_bind_int64 (stmt, 3, likert_csv_tokenizer_line (tokenizer));
      if (import->key_column >= 0)
        sqlite3_bind_text (stmt, 4, fields[import->key_column], -1, SQLITE_STATIC);
      if (import->time_column >= 0 &&
          likert_scale_parse_time (fields[import->time_column], &when))
        sqlite3_bind_int64 (stmt, 5, when);
      sqlite3_bind_text (stmt, 6, cells, -1, SQLITE_STATIC);
      if (!_likert_store_step_done (store, stmt, error))
        return FALSE;
      response_id = sqlite3_last_insert_rowid (db);

      for (guint c = 0; c < n; c++)
        {
          LikertField *field = import->fields[c];
          int value;

          if (field->role != LIKERT_ROLE_RATING || fields[c][0] == '\0')
            continue;
          if (!likert_scale_parse_int (fields[c], &value) &&
              !likert_scale_parse_label (fields[c], &value))
            continue;

          stmt = _likert_store_prepare (store,
                                        "INSERT INTO answer (response_id, field_id, value) "
                                        "VALUES (?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, response_id);
          sqlite3_bind_int64 (stmt, 2, field->id);
          sqlite3_bind_int (stmt, 3, value);
          if (!_likert_store_step_done (store, stmt, error))
            return FALSE;
        }

      if ((record & 4095) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (0.3 + 0.7 * likert_csv_tokenizer_offset (tokenizer) / MAX (length, 1),
                      progress_data);
        }
    }
  return error == NULL || *error == NULL;
}

static LikertImportReport *
make_report (Import    *import,
             gint64     dataset_id,
             GPtrArray *notices)
{
  LikertImportReport *report = g_new0 (LikertImportReport, 1);

  report->dataset_id = dataset_id;
  report->source_name = g_strdup (import->source_name);
  report->encoding = g_strdup (import->encoding);
  report->delimiter = import->delimiter;
  report->n_records = import->n_records;
  report->n_columns = import->n_columns;
  report->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  for (guint c = 0; c < import->n_columns; c++)
    {
      g_ptr_array_add (report->fields, import->fields[c]);
      import->fields[c] = NULL;
    }
  report->notices = g_ptr_array_ref (notices);
  return report;
}

LikertImportReport *
likert_import_file (LikertStore         *store,
                    const char          *path,
                    LikertProgressFunc   progress,
                    gpointer             progress_data,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Import import = { 0 };
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_free);
  LikertImportReport *report = NULL;
  const char *text;
  gsize length;
  gint64 dataset_id;

  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  import.source_name = g_path_get_basename (path);

  /* The reader stage. */
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    goto out;
  raw = g_mapped_file_get_bytes (mapped);
  import.text = likert_csv_decode (raw, import.source_name, &import.encoding, error);
  if (import.text == NULL)
    goto out;

  text = g_bytes_get_data (import.text, &length);
  if (text == NULL)
    text = "";
  import.delimiter = likert_csv_sniff (text, length);
  tokenizer = likert_csv_tokenizer_new (text, length, import.delimiter, import.source_name);

  if (!read_header (&import, tokenizer, notices, error) ||
      !profile_columns (&import, tokenizer, progress, progress_data, cancellable, error))
    goto out;
  assign_roles (&import, notices);

  /* Back to the first record after the header, for pass two. */
  likert_csv_tokenizer_rewind (tokenizer);
  {
    const char * const *fields;
    guint n;

    do
      likert_csv_tokenizer_next (tokenizer, &fields, &n, NULL);
    while (n == 1 && fields[0][0] == '\0');
  }

  if (!_likert_store_begin (store, error))
    goto out;
  dataset_id = store_dataset (store, &import, raw, error);
  if (dataset_id == 0 ||
      !store_fields (store, &import, dataset_id, error) ||
      !store_records (store, &import, tokenizer, dataset_id, progress, progress_data,
                      cancellable, error) ||
      !_likert_store_commit (store, error))
    {
      _likert_store_rollback (store);
      goto out;
    }

  if (progress)
    progress (1.0, progress_data);
  report = make_report (&import, dataset_id, notices);

out:
  import_clear (&import);
  return report;
}

typedef struct
{
  char           *project_path;
  char           *path;
  LikertProgress *progress;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_free (data->project_path);
  g_free (data->path);
  likert_progress_free (data->progress);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportTask *data = task_data;
  g_autoptr(LikertStore) store = NULL;
  GError *error = NULL;
  LikertImportReport *report;

  store = likert_store_open (data->project_path, LIKERT_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  report = likert_import_file (store, data->path,
                               data->progress ? likert_progress_forward : NULL, data->progress,
                               cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) likert_import_report_free);
}

void
likert_import_file_async (const char          *project_path,
                          const char          *path,
                          LikertProgressFunc   progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTask *data = g_new0 (ImportTask, 1);

  data->project_path = g_strdup (project_path);
  data->path = g_strdup (path);
  if (progress)
    data->progress = likert_progress_new (NULL, progress, progress_data);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, likert_import_file_async);
  g_task_set_name (task, "[likert] import");
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  g_task_run_in_thread (task, import_thread);
}

LikertImportReport *
likert_import_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
likert_import_report_free (LikertImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source_name);
  g_free (report->encoding);
  g_clear_pointer (&report->fields, g_ptr_array_unref);
  g_clear_pointer (&report->notices, g_ptr_array_unref);
  g_free (report);
}
