/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <xlsxwriter.h>

#include "likert-codebook.h"
#include "likert-export.h"
#include "likert-progress.h"
#include "likert-store-private.h"

/* The value column of a rating field, and its scale. */
typedef struct
{
  guint column;
  int   scale_min;
  int   scale_max;
} ValueColumn;

/* What a column of the export holds. */
typedef enum {
  COLUMN_CELL,          /* a field of the datasets: the original text */
  COLUMN_VALUE,         /* a rating question's value */
  COLUMN_TAGS,
  COLUMN_NOTE,
  COLUMN_STATUS,
  COLUMN_SENTIMENT,
  COLUMN_AUTHOR,
  COLUMN_UPDATED,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  char       *header;
  gboolean    numeric;  /* a cell that reads as a number is a number */
} Column;

typedef struct
{
  LikertStore               *store;
  const LikertExportOptions *options;
  const char                *path;
  char                      *display_path;
  GPtrArray                 *columns;          /* Column * */
  GHashTable                *dataset_columns;  /* dataset id → GArray (guint): column of each
                                                * cell position */
  GHashTable                *dataset_values;   /* dataset id → GArray (ValueColumn): the
                                                * value column of each byte of its ratings */
  guint                      tags_column;      /* the first annotation column */
  GPtrArray                 *tags;             /* LikertTag *, parents first, siblings by name */
  GHashTable                *tag_paths;        /* tag id → "A / B" */
  GHashTable                *tag_counts;       /* tag id → exported responses that have it */
  JsonParser                *parser;
  char                     **row;              /* the row being written: a cell per column,
                                                * each owned and nullable */
  gint64                     row_updated_at;   /* the row's annotation time, 0 when none */
  guint64                    total;
  guint64                    n_written;
  LikertProgressFunc         progress;
  gpointer                   progress_data;
  GCancellable              *cancellable;
} Export;

/* How many rows between checks for cancellation and reports of progress. */
#define CHECK_EVERY 1024

/* Excel's limits: characters in a cell, rows (the header row is one) and columns a sheet. */
#define XLSX_MAX_CELL_CHARS 32767

G_DEFINE_QUARK (likert-export-error-quark, likert_export_error)

/* Helpers: columns and tags */

static void
column_free (Column *column)
{
  g_free (column->header);
  g_free (column);
}

static guint
add_column (Export     *export,
            ColumnKind  kind,
            const char *header,
            gboolean    numeric)
{
  Column *column = g_new0 (Column, 1);

  column->kind = kind;
  column->header = g_strdup (header);
  column->numeric = numeric;
  g_ptr_array_add (export->columns, column);
  return export->columns->len - 1;
}

/* The columns: the datasets' fields (shared by header and place among the same headers), the
 * value of each rating question, then the annotation. */
static gboolean
plan_columns (Export  *export,
              GError **error)
{
  g_autoptr(GPtrArray) fields = likert_store_list_fields (export->store, error);
  g_autoptr(GHashTable) cell_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) value_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = NULL;
  gint64 dataset_id = 0;

  if (fields == NULL)
    return FALSE;

  for (guint i = 0; i < fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (fields, i);
      GArray *positions = g_hash_table_lookup (export->dataset_columns, &field->dataset_id);
      g_autofree char *key = NULL;
      gpointer found;
      guint column, occurrence;

      if (seen == NULL || field->dataset_id != dataset_id)
        {
          /* How often each header has come so far in this dataset. */
          g_clear_pointer (&seen, g_hash_table_unref);
          seen = g_hash_table_new (g_str_hash, g_str_equal);
          dataset_id = field->dataset_id;
        }
      occurrence = GPOINTER_TO_UINT (g_hash_table_lookup (seen, field->header));
      g_hash_table_insert (seen, field->header, GUINT_TO_POINTER (occurrence + 1));
      key = g_strdup_printf ("%s\x1f%u", field->header, occurrence);

      if (g_hash_table_lookup_extended (cell_keys, key, NULL, &found))
        {
          Column *shared;

          column = GPOINTER_TO_UINT (found);
          shared = g_ptr_array_index (export->columns, column);
          /* Numeric only when every dataset has a rating there. */
          shared->numeric = shared->numeric && field->role == LIKERT_ROLE_RATING;
        }
      else
        {
          column = add_column (export, COLUMN_CELL, field->header,
                               field->role == LIKERT_ROLE_RATING);
          g_hash_table_insert (cell_keys, g_steal_pointer (&key), GUINT_TO_POINTER (column));
        }

      if (positions == NULL)
        {
          positions = g_array_new (FALSE, TRUE, sizeof (guint));
          g_hash_table_insert (export->dataset_columns,
                               g_memdup2 (&field->dataset_id, sizeof (gint64)), positions);
        }
      if (positions->len <= field->position)
        g_array_set_size (positions, field->position + 1);
      g_array_index (positions, guint, field->position) = column;
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (fields, i);
      gpointer found;
      guint column;
      GArray *values;

      if (field->role != LIKERT_ROLE_RATING)
        continue;
      if (g_hash_table_lookup_extended (value_keys, field->header, NULL, &found))
        column = GPOINTER_TO_UINT (found);
      else
        {
          /* Translators: the header of an exported column: %s is a rating question's header;
           * the column holds its ratings as numbers */
          g_autofree char *header = g_strdup_printf (_("%s (value)"), field->header);

          column = add_column (export, COLUMN_VALUE, header, TRUE);
          g_hash_table_insert (value_keys, field->header, GUINT_TO_POINTER (column));
        }
      values = g_hash_table_lookup (export->dataset_values, &field->dataset_id);
      if (values == NULL)
        {
          values = g_array_new (FALSE, FALSE, sizeof (ValueColumn));
          g_hash_table_insert (export->dataset_values,
                               g_memdup2 (&field->dataset_id, sizeof (gint64)), values);
        }
      g_array_append_val (values, ((ValueColumn) { column, field->scale_min, field->scale_max }));
    }

  /* value_keys borrows the fields' headers: let it go before they do. */
  g_clear_pointer (&value_keys, g_hash_table_unref);
  g_clear_pointer (&seen, g_hash_table_unref);

  /* Translators: headers of exported columns */
  export->tags_column = add_column (export, COLUMN_TAGS, C_("export column", "Tags"), FALSE);
  add_column (export, COLUMN_NOTE, C_("export column", "Note"), FALSE);
  add_column (export, COLUMN_STATUS, C_("export column", "Status"), FALSE);
  add_column (export, COLUMN_SENTIMENT, C_("export column", "Sentiment"), TRUE);
  add_column (export, COLUMN_AUTHOR, C_("export column", "Annotated by"), FALSE);
  add_column (export, COLUMN_UPDATED, C_("export column", "Annotated at"), FALSE);
  return TRUE;
}

typedef struct
{
  LikertTag  *tag;
  char      **names;   /* its path, a name a level */
} TagPath;

static int
compare_tag_paths (gconstpointer a,
                   gconstpointer b)
{
  const TagPath *x = a, *y = b;
  guint i;

  for (i = 0; x->names[i] != NULL && y->names[i] != NULL; i++)
    {
      int order = strcmp (x->names[i], y->names[i]);

      if (order != 0)
        return order;
    }
  /* A parent before its children. */
  return (x->names[i] != NULL) - (y->names[i] != NULL);
}

/* The codebook: each tag's path, and the tags in the order of the Codebook sheet. */
static gboolean
load_tags (Export  *export,
           GError **error)
{
  g_autoptr(GPtrArray) tags = likert_store_list_tags (export->store, error);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) paths = g_array_new (FALSE, FALSE, sizeof (TagPath));

  if (tags == NULL)
    return FALSE;

  for (guint i = 0; i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);

      g_hash_table_insert (by_id, &tag->id, tag);
    }

  for (guint i = 0; i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      TagPath path = { tag, NULL };

      /* Up to the top (the codebook refuses cycles; the depth limit only guards the loop). */
      for (LikertTag *up = tag; up != NULL && names->len < 64;
           up = up->parent_id != 0 ? g_hash_table_lookup (by_id, &up->parent_id) : NULL)
        g_ptr_array_insert (names, 0, g_strdup (up->name));
      g_ptr_array_add (names, NULL);
      path.names = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
      g_hash_table_insert (export->tag_paths, g_memdup2 (&tag->id, sizeof (gint64)),
                           g_strjoinv (LIKERT_CODEBOOK_PATH_SEPARATOR, path.names));
      g_array_append_val (paths, path);
    }

  g_array_sort (paths, compare_tag_paths);
  for (guint i = 0; i < paths->len; i++)
    {
      TagPath *path = &g_array_index (paths, TagPath, i);

      g_ptr_array_add (export->tags, path->tag);
      g_strfreev (path->names);
    }
  /* export->tags owns them now. */
  g_ptr_array_set_free_func (tags, NULL);
  return TRUE;
}

/* Helpers: cells */

/* Whether text reads whole as a decimal number: an optional sign, digits with an optional
 * fraction (or a fraction alone), an optional exponent. */
static gboolean
is_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* Whether a spreadsheet opening CSV text could take the cell for a formula (OWASP). */
static gboolean
starts_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

static gboolean
is_numeric_cell (const Column *column,
                 const char   *text)
{
  return column != NULL && column->numeric && is_number (text);
}

static char *
format_time (gint64 at)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (at);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static void
clear_row (Export *export)
{
  for (guint i = 0; i < export->columns->len; i++)
    g_clear_pointer (&export->row[i], g_free);
  export->row_updated_at = 0;
}

/* Parses the cells (a JSON array of strings) into the row. */
static void
fill_cells (Export     *export,
            gint64      dataset_id,
            const char *json)
{
  GArray *positions = g_hash_table_lookup (export->dataset_columns, &dataset_id);
  JsonArray *array;
  JsonNode *root;
  guint n;

  if (positions == NULL || json == NULL ||
      !json_parser_load_from_data (export->parser, json, -1, NULL) ||
      (root = json_parser_get_root (export->parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return;

  array = json_node_get_array (root);
  n = MIN (json_array_get_length (array), positions->len);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint column = g_array_index (positions, guint, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_free (export->row[column]);
          export->row[column] = g_strdup (json_node_get_string (node));
        }
    }
}

/* A response's ratings (response.ratings: a byte per rating field of its dataset, the value's
 * place on the field's scale, 0 for none) into the value columns. */
static void
fill_values (Export       *export,
             gint64        dataset_id,
             const guint8 *ratings,
             gsize         n_ratings)
{
  GArray *values = g_hash_table_lookup (export->dataset_values, &dataset_id);

  for (guint k = 0; values != NULL && k < values->len && k < n_ratings; k++)
    {
      const ValueColumn *value = &g_array_index (values, ValueColumn, k);

      if (!likert_rating_code_is_answer (ratings[k], value->scale_min, value->scale_max))
        continue;
      g_free (export->row[value->column]);
      export->row[value->column] = g_strdup_printf ("%d", value->scale_min + ratings[k] - 1);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "id,id" of the tags into the Tags column: their paths, sorted, joined with "; ". */
static void
fill_tags (Export     *export,
           const char *tag_ids)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  if (tag_ids == NULL)
    return;
  ids = g_strsplit (tag_ids, ",", -1);
  paths = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (ids[i], NULL, 10);
      const char *path = g_hash_table_lookup (export->tag_paths, &id);
      guint count;

      if (path == NULL)
        continue;
      g_ptr_array_add (paths, (gpointer) path);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (export->tag_counts, &id));
      g_hash_table_insert (export->tag_counts, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER (count + 1));
    }
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);
  export->row[export->tags_column] = g_strjoinv ("; ", (char **) paths->pdata);
}

/* Whether the options select the response. */
static gboolean
is_selected (const LikertExportOptions *options,
             gint64                     id)
{
  gsize lo = 0, hi = options->n_response_ids;

  if (options->response_ids == NULL)
    return TRUE;
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (options->response_ids[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < options->n_response_ids && options->response_ids[lo] == id;
}

/* Helpers: the walk over the responses */

typedef gboolean (*WriteRowFunc) (Export   *export,
                                  gpointer  writer,
                                  GError  **error);

static gboolean
check_progress (Export  *export,
                GError **error)
{
  if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
    return FALSE;
  if (export->progress != NULL && export->total > 0)
    export->progress (MIN (1.0, (double) export->n_written / (double) export->total),
                      export->progress_data);
  return TRUE;
}

/* Calls write_row with each selected response in the row, in file order. */
static gboolean
foreach_response (Export        *export,
                  WriteRowFunc   write_row,
                  gpointer       writer,
                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _likert_store_prepare (export->store,
                                "SELECT r.id, r.dataset_id, r.cells, a.note, a.status, "
                                "a.author, a.updated_at, a.sentiment, "
                                "(SELECT group_concat (t.tag_id) FROM response_tag t "
                                " WHERE t.response_id = r.id), "
                                "r.ratings "
                                "FROM response r LEFT JOIN annotation a ON a.response_id = r.id "
                                "ORDER BY r.dataset_id, r.record",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean annotated = sqlite3_column_type (stmt, 4) != SQLITE_NULL;

      if (!is_selected (export->options, id))
        continue;

      clear_row (export);
      fill_cells (export, sqlite3_column_int64 (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2));
      fill_values (export, sqlite3_column_int64 (stmt, 1), sqlite3_column_blob (stmt, 9),
                   (gsize) sqlite3_column_bytes (stmt, 9));
      fill_tags (export, (const char *) sqlite3_column_text (stmt, 8));
      for (guint c = export->tags_column + 1; c < export->columns->len; c++)
        {
          const Column *column = g_ptr_array_index (export->columns, c);
          char **cell = &export->row[c];

          switch (column->kind)
            {
            case COLUMN_NOTE:
              *cell = g_strdup (annotated ? (const char *) sqlite3_column_text (stmt, 3) : "");
              break;
            case COLUMN_STATUS:
              *cell = g_strdup (likert_status_to_string (
                annotated ? (LikertStatus) sqlite3_column_int (stmt, 4) : LIKERT_STATUS_NEW));
              break;
            case COLUMN_SENTIMENT:
              if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
                *cell = g_strdup_printf ("%d", sqlite3_column_int (stmt, 7));
              break;
            case COLUMN_AUTHOR:
              *cell = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
              break;
            case COLUMN_UPDATED:
              if (annotated && sqlite3_column_int64 (stmt, 6) > 0)
                {
                  export->row_updated_at = sqlite3_column_int64 (stmt, 6);
                  *cell = format_time (export->row_updated_at);
                }
              break;
            case COLUMN_CELL:
            case COLUMN_VALUE:
            case COLUMN_TAGS:
            default:
              break;
            }
        }

      if (!write_row (export, writer, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      export->n_written++;
      if (export->n_written % CHECK_EVERY == 0 && !check_progress (export, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _likert_store_set_error (export->store, error, _("Could not read the project"));
      return FALSE;
    }
  return check_progress (export, error);
}

/* Helpers: files */

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *display_path)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: %s is a file name, then the reason */
               _("Could not write “%s”: %s"), display_path, g_strerror (saved_errno));
}

/* Creates an empty file beside path under a name of its own (mode 0666 less the umask):
 * returns its descriptor and name, or -1. */
static int
create_temporary (const char  *path,
                  const char  *display_path,
                  char       **temp_path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = NULL;
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  template = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (template, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_io_error (error, errno, display_path);
      return -1;
    }
  *temp_path = g_steal_pointer (&template);
  return fd;
}

/* Moves the complete temporary file over the target. */
static gboolean
finish_temporary (const char  *temp_path,
                  const char  *path,
                  const char  *display_path,
                  GError     **error)
{
  if (g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      set_io_error (error, saved_errno, display_path);
      return FALSE;
    }
  return TRUE;
}

/* Helpers: CSV */

/* A field of RFC 4180 CSV: quoted when it holds a comma, a quote or a line break, and, when it
 * is text that a spreadsheet could take for a formula, quoted after a '. */
static void
csv_append (GString      *line,
            const Column *column,
            const char   *text)
{
  gboolean neutralise = starts_like_formula (text) && !is_numeric_cell (column, text);

  if (!neutralise && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }
  g_string_append_c (line, '"');
  if (neutralise)
    g_string_append_c (line, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

typedef struct
{
  FILE    *out;
  GString *line;
} CsvWriter;

static gboolean
csv_write_line (Export     *export,
                CsvWriter  *writer,
                GError    **error)
{
  g_string_append (writer->line, "\r\n");
  if (fwrite (writer->line->str, 1, writer->line->len, writer->out) != writer->line->len)
    {
      set_io_error (error, errno, export->display_path);
      return FALSE;
    }
  g_string_truncate (writer->line, 0);
  return TRUE;
}

static gboolean
csv_write_row (Export    *export,
               gpointer   data,
               GError   **error)
{
  CsvWriter *writer = data;

  for (guint i = 0; i < export->columns->len; i++)
    {
      if (i > 0)
        g_string_append_c (writer->line, ',');
      csv_append (writer->line, g_ptr_array_index (export->columns, i),
                  export->row[i] != NULL ? export->row[i] : "");
    }
  return csv_write_line (export, writer, error);
}

static gboolean
write_csv (Export      *export,
           FILE        *out,
           GError     **error)
{
  g_autoptr(GString) line = g_string_sized_new (1024);
  CsvWriter writer = { out, line };

  if (export->options->bom)
    g_string_append (line, "\xEF\xBB\xBF");
  for (guint i = 0; i < export->columns->len; i++)
    {
      const Column *column = g_ptr_array_index (export->columns, i);

      if (i > 0)
        g_string_append_c (line, ',');
      /* Headers are text. */
      csv_append (line, NULL, column->header);
    }
  return csv_write_line (export, &writer, error) &&
         foreach_response (export, csv_write_row, &writer, error);
}

static gboolean
export_csv (Export  *export,
            GError **error)
{
  g_autofree char *temp_path = NULL;
  FILE *out;
  int fd;

  fd = create_temporary (export->path, export->display_path, &temp_path, error);
  if (fd < 0)
    return FALSE;
  out = fdopen (fd, "wb");
  if (out == NULL)
    {
      set_io_error (error, errno, export->display_path);
      close (fd);
      g_unlink (temp_path);
      return FALSE;
    }
  setvbuf (out, NULL, _IOFBF, 1 << 16);

  if (!write_csv (export, out, error))
    {
      fclose (out);
      g_unlink (temp_path);
      return FALSE;
    }
  /* On disk before it takes the target's name. */
  if (fflush (out) != 0 || fsync (fileno (out)) != 0)
    {
      set_io_error (error, errno, export->display_path);
      fclose (out);
      g_unlink (temp_path);
      return FALSE;
    }
  if (fclose (out) != 0)
    {
      set_io_error (error, errno, export->display_path);
      g_unlink (temp_path);
      return FALSE;
    }
  return finish_temporary (temp_path, export->path, export->display_path, error);
}

/* Helpers: XLSX */

typedef struct
{
  lxw_workbook  *workbook;
  lxw_worksheet *sheet;
  lxw_format    *bold;
  lxw_format    *time;
} XlsxWriter;

static gboolean
check_xlsx (Export     *export,
            lxw_error   code,
            GError    **error)
{
  if (code == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, LIKERT_EXPORT_ERROR, LIKERT_EXPORT_ERROR_WRITE,
               /* Translators: %s is a file name, then the reason (in English) */
               _("Could not write “%s”: %s"), export->display_path, lxw_strerror (code));
  return FALSE;
}

/* A string cell: text as it is (a string cell is never a formula), cut at Excel's limit. */
static lxw_error
xlsx_write_string (lxw_worksheet *sheet,
                   lxw_row_t      row,
                   lxw_col_t      col,
                   const char    *text,
                   lxw_format    *format)
{
  if (g_utf8_strlen (text, XLSX_MAX_CELL_CHARS + 1) > XLSX_MAX_CELL_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (text, XLSX_MAX_CELL_CHARS);
      g_autofree char *cut = g_strndup (text, (gsize) (end - text));

      return worksheet_write_string (sheet, row, col, cut, format);
    }
  return worksheet_write_string (sheet, row, col, text, format);
}

static gboolean
xlsx_write_row (Export    *export,
                gpointer   data,
                GError   **error)
{
  XlsxWriter *writer = data;
  lxw_row_t row = (lxw_row_t) export->n_written + 1;

  for (guint i = 0; i < export->columns->len; i++)
    {
      const Column *column = g_ptr_array_index (export->columns, i);
      const char *text = export->row[i];
      lxw_error code;

      if (text == NULL || *text == '\0')
        continue;
      if (is_numeric_cell (column, text))
        code = worksheet_write_number (writer->sheet, row, (lxw_col_t) i,
                                       g_ascii_strtod (text, NULL), NULL);
      else if (column->kind == COLUMN_UPDATED && export->row_updated_at > 0)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (export->row_updated_at);
          lxw_datetime datetime = {
            g_date_time_get_year (time), g_date_time_get_month (time),
            g_date_time_get_day_of_month (time), g_date_time_get_hour (time),
            g_date_time_get_minute (time), g_date_time_get_second (time)
          };

          code = worksheet_write_datetime (writer->sheet, row, (lxw_col_t) i, &datetime,
                                           writer->time);
        }
      else
        code = xlsx_write_string (writer->sheet, row, (lxw_col_t) i, text, NULL);
      if (!check_xlsx (export, code, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether Excel takes name for a sheet: up to 31 characters, none of []:*?/\, not starting or
 * ending with an apostrophe. */
static gboolean
is_sheet_name (const char *name)
{
  glong length = g_utf8_strlen (name, -1);

  return length > 0 && length <= 31 && strpbrk (name, "[]:*?/\\") == NULL &&
         name[0] != '\'' && name[strlen (name) - 1] != '\'';
}

static lxw_worksheet *
add_sheet (lxw_workbook *workbook,
           const char   *name,
           const char   *untranslated)
{
  return workbook_add_worksheet (workbook, is_sheet_name (name) ? name : untranslated);
}

static gboolean
xlsx_write_codebook (Export      *export,
                     XlsxWriter  *writer,
                     GError     **error)
{
  const char *headers[] = {
    /* Translators: headers of the Codebook sheet of an exported spreadsheet */
    C_("codebook column", "Tag"), C_("codebook column", "Parent"),
    C_("codebook column", "Colour"), C_("codebook column", "Description"),
    C_("codebook column", "Shortcut"), C_("codebook column", "Responses"),
  };
  /* Translators: the name of a sheet of an exported spreadsheet (at most 31 characters, none
   * of []:*?/\) */
  lxw_worksheet *sheet = add_sheet (writer->workbook, C_("sheet", "Codebook"), "Codebook");

  if (sheet == NULL)
    return check_xlsx (export, LXW_ERROR_PARAMETER_VALIDATION, error);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    if (!check_xlsx (export, xlsx_write_string (sheet, 0, (lxw_col_t) i, headers[i],
                                                writer->bold), error))
      return FALSE;

  for (guint i = 0; i < export->tags->len; i++)
    {
      const LikertTag *tag = g_ptr_array_index (export->tags, i);
      lxw_row_t row = i + 1;
      const char *parent = tag->parent_id != 0
                           ? g_hash_table_lookup (export->tag_paths, &tag->parent_id) : NULL;
      const char *texts[] = { tag->name, parent, tag->colour, tag->description, tag->shortcut };
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (export->tag_counts, &tag->id));

      for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
        if (texts[c] != NULL && *texts[c] != '\0' &&
            !check_xlsx (export, xlsx_write_string (sheet, row, (lxw_col_t) c, texts[c], NULL),
                         error))
          return FALSE;
      if (!check_xlsx (export, worksheet_write_number (sheet, row, (lxw_col_t) G_N_ELEMENTS (texts),
                                                       count, NULL), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_xlsx (Export      *export,
            XlsxWriter  *writer,
            GError     **error)
{
  /* Translators: the name of a sheet of an exported spreadsheet (at most 31 characters, none
   * of []:*?/\) */
  writer->sheet = add_sheet (writer->workbook, C_("sheet", "Responses"), "Responses");
  writer->bold = workbook_add_format (writer->workbook);
  writer->time = workbook_add_format (writer->workbook);
  if (writer->sheet == NULL || writer->bold == NULL || writer->time == NULL)
    return check_xlsx (export, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
  format_set_bold (writer->bold);
  format_set_num_format (writer->time, "yyyy-mm-dd hh:mm:ss");

  for (guint i = 0; i < export->columns->len; i++)
    {
      const Column *column = g_ptr_array_index (export->columns, i);

      if (!check_xlsx (export, xlsx_write_string (writer->sheet, 0, (lxw_col_t) i,
                                                  column->header, writer->bold), error))
        return FALSE;
    }
  worksheet_freeze_panes (writer->sheet, 1, 0);

  return foreach_response (export, xlsx_write_row, writer, error) &&
         xlsx_write_codebook (export, writer, error);
}

static gboolean
export_xlsx (Export  *export,
             GError **error)
{
  g_autofree char *temp_path = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  XlsxWriter writer = { 0 };
  locale_t c_locale, previous = (locale_t) 0;
  gboolean written;
  lxw_error code;
  int fd;

  if (export->total >= LXW_ROW_MAX || export->columns->len > LXW_COL_MAX)
    {
      g_set_error (error, LIKERT_EXPORT_ERROR, LIKERT_EXPORT_ERROR_TOO_BIG,
                   /* Translators: %s is a file name */
                   _("Could not write “%s”: a spreadsheet holds at most 1048575 responses and "
                     "16384 columns"), export->display_path);
      return FALSE;
    }

  /* libxlsxwriter writes the file when the workbook closes: reserve a name for it. */
  fd = create_temporary (export->path, export->display_path, &temp_path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  writer.workbook = workbook_new_opt (temp_path, &options);
  if (writer.workbook == NULL)
    {
      g_unlink (temp_path);
      return check_xlsx (export, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
    }

  /* libxlsxwriter prints numbers with printf ("%.16G"): in the C locale, or a French one
   * would write 45000,5 into the XML. uselocale () changes this thread only. */
  c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (c_locale != (locale_t) 0)
    previous = uselocale (c_locale);
  written = write_xlsx (export, &writer, error);
  /* Closing also frees the workbook: done whether or not the rows were written. */
  code = workbook_close (writer.workbook);
  if (c_locale != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (c_locale);
    }
  if (!written || !check_xlsx (export, code, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  return finish_temporary (temp_path, export->path, export->display_path, error);
}

static void
export_clear (Export *export)
{
  if (export->row != NULL)
    {
      clear_row (export);
      g_free (export->row);
    }
  g_clear_pointer (&export->display_path, g_free);
  g_clear_pointer (&export->columns, g_ptr_array_unref);
  g_clear_pointer (&export->dataset_columns, g_hash_table_unref);
  g_clear_pointer (&export->dataset_values, g_hash_table_unref);
  g_clear_pointer (&export->tags, g_ptr_array_unref);
  g_clear_pointer (&export->tag_paths, g_hash_table_unref);
  g_clear_pointer (&export->tag_counts, g_hash_table_unref);
  g_clear_object (&export->parser);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* Async */

typedef struct
{
  char                *project_path;
  char                *path;
  LikertExportOptions  options;
  gint64              *ids;
  LikertProgress      *progress;
  guint64              n_exported;
} ExportTask;

static void
export_task_free (ExportTask *data)
{
  g_free (data->project_path);
  g_free (data->path);
  g_free (data->ids);
  if (data->progress != NULL)
    likert_progress_free (data->progress);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(LikertStore) store = NULL;
  GError *error = NULL;

  store = likert_store_open (data->project_path, LIKERT_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !likert_export_responses (store, data->path, &data->options,
                                data->progress ? likert_progress_forward : NULL, data->progress,
                                cancellable, &data->n_exported, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Public API */

gboolean
likert_export_format_for_path (const char         *path,
                               LikertExportFormat *format)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".csv"))
    *format = LIKERT_EXPORT_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = LIKERT_EXPORT_FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

gboolean
likert_export_format_from_string (const char          *name,
                                  LikertExportFormat  *format,
                                  GError             **error)
{
  if (g_ascii_strcasecmp (name, "csv") == 0)
    *format = LIKERT_EXPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name, "xlsx") == 0)
    *format = LIKERT_EXPORT_FORMAT_XLSX;
  else
    {
      g_set_error (error, LIKERT_EXPORT_ERROR, LIKERT_EXPORT_ERROR_FORMAT,
                   /* Translators: %s is what the user typed; csv and xlsx are literal */
                   _("Unknown export format “%s”: it is csv or xlsx"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * likert_export_responses:
 * @store: the project
 * @path: the file to write (replaced once complete)
 * @options: (nullable): the format and the responses; %NULL: CSV of every response
 * @progress: (nullable): called on this thread with the fraction done
 * @progress_data: for @progress
 * @cancellable: (nullable): cancels the export (G_IO_ERROR_CANCELLED; no file is left)
 * @n_exported: (out) (optional): how many responses were written
 * @error: where to put the reason it failed, naming the file
 *
 * Exports responses and their annotations (see likert-export.h for the columns and the cells).
 */
gboolean
likert_export_responses (LikertStore               *store,
                         const char                *path,
                         const LikertExportOptions *options,
                         LikertProgressFunc         progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         guint64                   *n_exported,
                         GError                   **error)
{
  static const LikertExportOptions defaults = { 0 };
  g_auto(Export) export = { 0 };
  gboolean done;

  g_return_val_if_fail (LIKERT_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  export.store = store;
  export.options = options != NULL ? options : &defaults;
  export.path = path;
  export.display_path = g_filename_display_name (path);
  export.columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  export.dataset_columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                  (GDestroyNotify) g_array_unref);
  export.dataset_values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                 (GDestroyNotify) g_array_unref);
  export.tags = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_tag_free);
  export.tag_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  export.tag_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  export.parser = json_parser_new_immutable ();
  export.progress = progress;
  export.progress_data = progress_data;
  export.cancellable = cancellable;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* One snapshot of the project, whatever other connections write meanwhile. */
  if (!_likert_store_begin_read (store, error))
    return FALSE;
  if (export.options->response_ids != NULL)
    export.total = export.options->n_response_ids;
  else
    {
      gint64 count = likert_store_count_responses (store, error);

      if (count < 0)
        {
          _likert_store_rollback (store);
          return FALSE;
        }
      export.total = (guint64) count;
    }
  if (!plan_columns (&export, error) || !load_tags (&export, error))
    {
      _likert_store_rollback (store);
      return FALSE;
    }
  export.row = g_new0 (char *, export.columns->len);

  if (export.options->format == LIKERT_EXPORT_FORMAT_XLSX)
    done = export_xlsx (&export, error);
  else
    done = export_csv (&export, error);
  _likert_store_rollback (store);

  if (done && n_exported != NULL)
    *n_exported = export.n_written;
  return done;
}

void
likert_export_responses_async (const char                *project_path,
                               const char                *path,
                               const LikertExportOptions *options,
                               LikertProgressFunc         progress,
                               gpointer                   progress_data,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportTask *data = g_new0 (ExportTask, 1);

  g_return_if_fail (project_path != NULL);
  g_return_if_fail (path != NULL);

  data->project_path = g_strdup (project_path);
  data->path = g_strdup (path);
  if (options != NULL)
    {
      data->options = *options;
      if (options->response_ids != NULL)
        {
          /* At least one element, so that an empty selection stays a selection. */
          data->ids = g_new (gint64, MAX (options->n_response_ids, 1));
          memcpy (data->ids, options->response_ids, options->n_response_ids * sizeof (gint64));
          data->options.response_ids = data->ids;
        }
    }
  if (progress != NULL)
    data->progress = likert_progress_new (NULL, progress, progress_data);

  g_task_set_source_tag (task, likert_export_responses_async);
  g_task_set_name (task, "[likert] export");
  g_task_set_task_data (task, data, (GDestroyNotify) export_task_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
likert_export_responses_finish (GAsyncResult  *result,
                                guint64       *n_exported,
                                GError       **error)
{
  GTask *task = G_TASK (result);
  ExportTask *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  data = g_task_get_task_data (task);
  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_exported != NULL)
    *n_exported = data->n_exported;
  return TRUE;
}
