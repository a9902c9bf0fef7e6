/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <unistd.h>

#include "likert-codebook.h"
#include "likert-csv.h"
#include "likert-export.h"
#include "likert-filter.h"
#include "likert-frame.h"
#include "likert-import.h"
#include "test-common.h"

/* A small survey with hostile comments, annotated. */
static const char fixture_csv[] =
  "id,rating,comment,city\n"
  "r1,5,Great service,Paris\n"
  "r2,1,\"=HYPERLINK(\"\"http://x\"\")\",Lyon\n"
  "r3,3,+1,Nice\n"
  "r4,4,@SUM(A1),Paris\n"
  "r5,2,-2+3,Lyon\n"
  "r6,,\"\tTabbed reply\",Nice\n"
  "r7,5,\"Line one\nline two, with \"\"quotes\"\"\",Paris\n";

#define N_RESPONSES 7

/* The header of the export of the fixture. */
static const char * const expected_header[] = {
  "id", "rating", "comment", "city", "rating (value)", "Tags", "Note", "Status", "Sentiment",
  "Annotated by", "Annotated at", NULL
};

enum {
  COL_ID, COL_RATING, COL_COMMENT, COL_CITY, COL_VALUE, COL_TAGS, COL_NOTE, COL_STATUS,
  COL_SENTIMENT, COL_AUTHOR, COL_AT, N_COLS
};

typedef struct
{
  TestDir      dir;
  char        *path;
  LikertStore *store;
  gint64       ids[N_RESPONSES];
  char        *comments[N_RESPONSES];  /* as the store holds them */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *csv_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  gint64 product, checkout, billing;
  gint comment_column;

  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  csv_path = test_dir_write (&f->dir, "responses.csv", fixture_csv, -1);
  report = likert_import_file (f->store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (f->store, NULL), ==, N_RESPONSES);

  frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);
  comment_column = likert_frame_get_comment_column (frame);
  g_assert_cmpint (comment_column, ==, COL_COMMENT);
  for (guint i = 0; i < N_RESPONSES; i++)
    {
      g_autoptr(LikertResponse) response = NULL;

      f->ids[i] = likert_frame_get_response_id (frame, i);
      response = likert_store_get_response (f->store, f->ids[i], &error);
      g_assert_no_error (error);
      f->comments[i] = g_strdup (response->cells[COL_COMMENT]);
    }
  g_assert_cmpstr (f->comments[1], ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (f->comments[5], ==, "\tTabbed reply");

  /* Two tags on r1 (one of them a subtag), a note on r2, r3 flagged, a sentiment on r4. */
  product = likert_codebook_create (f->store, "Product", 0, "#3584e4", "About the product",
                                    "p", "Ana", &error);
  g_assert_no_error (error);
  checkout = likert_codebook_create (f->store, "Checkout", product, NULL, NULL, NULL, "Ana",
                                     &error);
  g_assert_no_error (error);
  billing = likert_codebook_create (f->store, "Billing", 0, NULL, NULL, NULL, "Ana", &error);
  g_assert_no_error (error);
  likert_store_set_tag (f->store, f->ids[0], checkout, TRUE, "Ana", &error);
  g_assert_no_error (error);
  likert_store_set_tag (f->store, f->ids[0], billing, TRUE, "Ana", &error);
  g_assert_no_error (error);
  likert_store_set_tag (f->store, f->ids[6], billing, TRUE, "Ana", &error);
  g_assert_no_error (error);
  likert_store_set_note (f->store, f->ids[1], "Call back, \"urgent\"\nsecond line", "Ben",
                         &error);
  g_assert_no_error (error);
  likert_store_set_status (f->store, f->ids[2], LIKERT_STATUS_FLAGGED, "Ana", &error);
  g_assert_no_error (error);
  likert_store_set_sentiment (f->store, f->ids[3], -1, "Ana", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  for (guint i = 0; i < N_RESPONSES; i++)
    g_free (f->comments[i]);
  g_free (f->path);
  test_dir_clear (&f->dir);
}

/* The records of a CSV export, read back with the project's own tokenizer (GStrv each). */
static GPtrArray *
read_csv (const char *path,
          gboolean   *had_bom)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char * const *fields;
  const char *data;
  gsize length;
  guint n;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  *had_bom = length >= 3 && memcmp (contents, "\xEF\xBB\xBF", 3) == 0;
  raw = g_bytes_new (contents, length);
  text = likert_csv_decode (raw, path, &encoding, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (text, &length);
  tokenizer = likert_csv_tokenizer_new (data, length, ',', path);
  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, &error))
    g_ptr_array_add (records, g_strdupv ((char **) fields));
  g_assert_no_error (error);
  return records;
}

static char *
export_to (Fixture                   *f,
           const char                *name,
           const LikertExportOptions *options,
           guint64                    expected_n)
{
  g_autoptr(GError) error = NULL;
  char *out = test_dir_file (&f->dir, name);
  guint64 n = 0;

  g_assert_true (likert_export_responses (f->store, out, options, NULL, NULL, NULL, &n,
                                          &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_n);
  return out;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_CSV, FALSE, NULL, 0 };
  g_autofree char *out = export_to (f, "out.csv", &options, N_RESPONSES);
  g_autoptr(GPtrArray) records = NULL;
  gboolean bom;
  char **row;

  records = read_csv (out, &bom);
  g_assert_false (bom);
  g_assert_cmpuint (records->len, ==, N_RESPONSES + 1);
  g_assert_cmpstrv ((char **) g_ptr_array_index (records, 0), expected_header);

  for (guint i = 0; i < N_RESPONSES; i++)
    {
      row = g_ptr_array_index (records, i + 1);
      g_assert_cmpuint (g_strv_length (row), ==, N_COLS);
    }

  /* r1: plain text, two tags (by path, sorted), never annotated otherwise. */
  row = g_ptr_array_index (records, 1);
  g_assert_cmpstr (row[COL_ID], ==, "r1");
  g_assert_cmpstr (row[COL_RATING], ==, "5");
  g_assert_cmpstr (row[COL_COMMENT], ==, "Great service");
  g_assert_cmpstr (row[COL_CITY], ==, "Paris");
  g_assert_cmpstr (row[COL_VALUE], ==, "5");
  g_assert_cmpstr (row[COL_TAGS], ==, "Billing; Product / Checkout");
  g_assert_cmpstr (row[COL_NOTE], ==, "");
  g_assert_cmpstr (row[COL_STATUS], ==, "new");
  g_assert_cmpstr (row[COL_SENTIMENT], ==, "");

  /* r2: the note, quotes and line break whole; its author and time. */
  row = g_ptr_array_index (records, 2);
  g_assert_cmpstr (row[COL_NOTE], ==, "Call back, \"urgent\"\nsecond line");
  g_assert_cmpstr (row[COL_AUTHOR], ==, "Ben");
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                       row[COL_AT], 0, 0));
  g_assert_cmpstr (row[COL_TAGS], ==, "");

  row = g_ptr_array_index (records, 3);
  g_assert_cmpstr (row[COL_STATUS], ==, "flagged");
  g_assert_cmpstr (row[COL_AUTHOR], ==, "Ana");

  /* r4: a sentiment of -1 is a number in a numeric column: no '. */
  row = g_ptr_array_index (records, 4);
  g_assert_cmpstr (row[COL_SENTIMENT], ==, "-1");

  /* r6: no rating. */
  row = g_ptr_array_index (records, 6);
  g_assert_cmpstr (row[COL_RATING], ==, "");
  g_assert_cmpstr (row[COL_VALUE], ==, "");

  /* r7: a quoted line break and quotes, whole. */
  row = g_ptr_array_index (records, 7);
  g_assert_cmpstr (row[COL_COMMENT], ==, "Line one\nline two, with \"quotes\"");
  g_assert_cmpstr (row[COL_TAGS], ==, "Billing");

  /* Every cell but the neutralised ones is the text the store holds. */
  for (guint i = 0; i < N_RESPONSES; i++)
    {
      const char *comment = f->comments[i];
      row = g_ptr_array_index (records, i + 1);

      if (strchr ("=+-@\t", comment[0]) != NULL)
        {
          g_autofree char *expected = g_strconcat ("'", comment, NULL);

          g_assert_cmpstr (row[COL_COMMENT], ==, expected);
        }
      else
        g_assert_cmpstr (row[COL_COMMENT], ==, comment);
    }
}

static void
test_bom (Fixture       *f,
          gconstpointer  data)
{
  LikertExportOptions plain = { LIKERT_EXPORT_FORMAT_CSV, FALSE, NULL, 0 };
  LikertExportOptions bom = { LIKERT_EXPORT_FORMAT_CSV, TRUE, NULL, 0 };
  g_autofree char *out_plain = export_to (f, "plain.csv", &plain, N_RESPONSES);
  g_autofree char *out_bom = export_to (f, "bom.csv", &bom, N_RESPONSES);
  g_autofree char *text_plain = NULL;
  g_autofree char *text_bom = NULL;
  gsize n_plain, n_bom;
  g_autoptr(GPtrArray) records = NULL;
  gboolean had_bom;

  g_assert_true (g_file_get_contents (out_plain, &text_plain, &n_plain, NULL));
  g_assert_true (g_file_get_contents (out_bom, &text_bom, &n_bom, NULL));
  g_assert_cmpuint (n_bom, ==, n_plain + 3);
  g_assert_cmpmem (text_bom, 3, "\xEF\xBB\xBF", 3);
  /* The export is the same after the BOM (the annotation times are the same seconds). */
  g_assert_cmpmem (text_bom + 3, n_bom - 3, text_plain, n_plain);
  /* RFC 4180 line ends. */
  g_assert_true (g_str_has_prefix (text_plain, "id,rating,comment,city,"));
  g_assert_nonnull (strstr (text_plain, "Annotated at\r\nr1,5,"));

  records = read_csv (out_bom, &had_bom);
  g_assert_true (had_bom);
  g_assert_cmpstrv ((char **) g_ptr_array_index (records, 0), expected_header);
}

static void
test_neutralise (Fixture       *f,
                 gconstpointer  data)
{
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_CSV, FALSE, NULL, 0 };
  g_autofree char *out = export_to (f, "out.csv", &options, N_RESPONSES);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gboolean bom;

  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  /* As written: quoted, with a ' first. */
  g_assert_nonnull (strstr (text, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_nonnull (strstr (text, ",\"'+1\","));
  g_assert_nonnull (strstr (text, ",\"'@SUM(A1)\","));
  g_assert_nonnull (strstr (text, ",\"'-2+3\","));
  g_assert_nonnull (strstr (text, ",\"'\tTabbed reply\","));
  /* Nothing left that a spreadsheet would evaluate: no field starts with = + - @ TAB or CR
   * unless it is a number in a numeric column. */
  records = read_csv (out, &bom);
  for (guint r = 0; r < records->len; r++)
    {
      char **row = g_ptr_array_index (records, r);

      for (guint c = 0; row[c] != NULL; c++)
        if (row[c][0] != '\0' && strchr ("=+-@\t\r", row[c][0]) != NULL)
          {
            g_assert_true (r > 0 && (c == COL_SENTIMENT || c == COL_VALUE ||
                                     c == COL_RATING));
            g_assert_true (g_regex_match_simple ("^[-+]?\\d+$", row[c], 0, 0));
          }
    }
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 4))[COL_SENTIMENT], ==, "-1");
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 3))[COL_COMMENT], ==, "'+1");
  /* Ratings stay numbers. */
  for (guint r = 1; r < records->len; r++)
    {
      char **row = g_ptr_array_index (records, r);

      g_assert_true (g_regex_match_simple ("^\\d?$", row[COL_RATING], 0, 0));
      g_assert_cmpstr (row[COL_RATING], ==, row[COL_VALUE]);
    }
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertFrame) frame = likert_frame_load (f->store, NULL, &error);
  g_autoptr(LikertFilter) filter = likert_filter_new ();
  g_autofree guint64 *selected = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) records = NULL;
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_CSV, FALSE, NULL, 0 };
  guint n_selected;
  gsize n_ids;
  gboolean bom;

  g_assert_no_error (error);
  likert_filter_add_value (filter, "city", "Paris");
  selected = likert_filter_select (filter, frame, NULL, NULL, &n_selected, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_selected, ==, 3);
  ids = likert_frame_get_response_ids (frame, selected, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
  options.response_ids = ids;
  options.n_response_ids = n_ids;
  out = export_to (f, "paris.csv", &options, 3);

  records = read_csv (out, &bom);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 1))[COL_ID], ==, "r1");
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 2))[COL_ID], ==, "r4");
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 3))[COL_ID], ==, "r7");

  /* An empty selection: the header alone. */
  options.n_response_ids = 0;
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&records, g_ptr_array_unref);
  out = export_to (f, "none.csv", &options, 0);
  records = read_csv (out, &bom);
  g_assert_cmpuint (records->len, ==, 1);
}

/* Export, then import the export into a new project: the same responses come back. */
static void
test_import_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_CSV, TRUE, NULL, 0 };
  g_autofree char *out = export_to (f, "export.csv", &options, N_RESPONSES);
  g_autofree char *project = test_dir_file (&f->dir, "again.likert");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_autoptr(LikertImportReport) report = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(LikertFrame) frame = NULL;
  gint comment = -1, tags = -1;

  g_assert_no_error (error);
  report = likert_import_file (store, out, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_new, ==, N_RESPONSES);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, N_RESPONSES);

  fields = likert_store_list_fields (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, N_COLS);
  for (guint i = 0; i < fields->len; i++)
    {
      const LikertField *field = g_ptr_array_index (fields, i);

      g_assert_cmpstr (field->header, ==, expected_header[i]);
      if (g_strcmp0 (field->header, "comment") == 0)
        comment = (gint) field->position;
      else if (g_strcmp0 (field->header, "Tags") == 0)
        tags = (gint) field->position;
    }
  g_assert_cmpint (comment, ==, COL_COMMENT);
  g_assert_cmpint (tags, ==, COL_TAGS);

  frame = likert_frame_load (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_RESPONSES; i++)
    {
      g_autoptr(LikertResponse) response =
        likert_store_get_response (store, likert_frame_get_response_id (frame, i), &error);
      const char *original = f->comments[i];

      g_assert_no_error (error);
      /* The neutralised comments come back with their '. */
      if (strchr ("=+-@\t", original[0]) != NULL)
        {
          g_assert_cmpint (response->cells[comment][0], ==, '\'');
          g_assert_cmpstr (response->cells[comment] + 1, ==, original);
        }
      else
        g_assert_cmpstr (response->cells[comment], ==, original);
    }
  {
    g_autoptr(LikertResponse) first =
      likert_store_get_response (store, likert_frame_get_response_id (frame, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (first->cells[tags], ==, "Billing; Product / Checkout");
  }
}

/* Helpers: XLSX */

typedef struct
{
  GHashTable *cells;      /* "B2" → text, or "=n:5" for a number */
  GString    *text;
  char       *ref;
  char       *type;
  gboolean    in_text;
  gboolean    in_value;
  guint       formulas;
  GPtrArray  *sheet_names;
} SheetReader;

static void
sheet_start_cb (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  SheetReader *reader = user_data;

  if (strcmp (element, "c") == 0)
    {
      g_clear_pointer (&reader->ref, g_free);
      g_clear_pointer (&reader->type, g_free);
      for (guint i = 0; names[i] != NULL; i++)
        if (strcmp (names[i], "r") == 0)
          reader->ref = g_strdup (values[i]);
        else if (strcmp (names[i], "t") == 0)
          reader->type = g_strdup (values[i]);
      g_string_truncate (reader->text, 0);
    }
  else if (strcmp (element, "t") == 0)
    reader->in_text = TRUE;
  else if (strcmp (element, "v") == 0)
    reader->in_value = TRUE;
  else if (strcmp (element, "f") == 0)
    reader->formulas++;
  else if (strcmp (element, "sheet") == 0)
    for (guint i = 0; names[i] != NULL; i++)
      if (strcmp (names[i], "name") == 0)
        g_ptr_array_add (reader->sheet_names, g_strdup (values[i]));
}

static void
sheet_end_cb (GMarkupParseContext  *context,
              const char           *element,
              gpointer              user_data,
              GError              **error)
{
  SheetReader *reader = user_data;

  if (strcmp (element, "t") == 0)
    reader->in_text = FALSE;
  else if (strcmp (element, "v") == 0)
    reader->in_value = FALSE;
  else if (strcmp (element, "c") == 0 && reader->ref != NULL)
    {
      /* A cell without a type is a number. */
      char *value = reader->type == NULL ? g_strconcat ("=n:", reader->text->str, NULL)
                                         : g_strdup (reader->text->str);

      g_hash_table_insert (reader->cells, g_steal_pointer (&reader->ref), value);
    }
}

static void
sheet_text_cb (GMarkupParseContext  *context,
               const char           *text,
               gsize                 length,
               gpointer              user_data,
               GError              **error)
{
  SheetReader *reader = user_data;

  if (reader->in_text || reader->in_value)
    g_string_append_len (reader->text, text, (gssize) length);
}

/* Reads a member of the XLSX (a zip) with unzip and parses it. */
static void
read_xlsx_member (const char  *xlsx,
                  const char  *member,
                  SheetReader *reader)
{
  static const GMarkupParser parser = { sheet_start_cb, sheet_end_cb, sheet_text_cb, NULL, NULL };
  const char *argv[] = { "unzip", "-p", xlsx, member, NULL };
  g_autofree char *xml = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &xml, &errors,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<?xml"));

  context = g_markup_parse_context_new (&parser, 0, reader, NULL);
  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
sheet_reader_init (SheetReader *reader)
{
  memset (reader, 0, sizeof *reader);
  reader->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader->text = g_string_new (NULL);
  reader->sheet_names = g_ptr_array_new_with_free_func (g_free);
}

static void
sheet_reader_clear (SheetReader *reader)
{
  g_hash_table_unref (reader->cells);
  g_string_free (reader->text, TRUE);
  g_free (reader->ref);
  g_free (reader->type);
  g_ptr_array_unref (reader->sheet_names);
}

static const char *
cell (SheetReader *reader,
      const char  *ref)
{
  return g_hash_table_lookup (reader->cells, ref);
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_XLSX, FALSE, NULL, 0 };
  g_autofree char *out = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autofree char *contents = NULL;
  SheetReader responses, codebook, workbook;
  gsize length;

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }

  out = export_to (f, "out.xlsx", &options, N_RESPONSES);
  g_assert_true (g_file_get_contents (out, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 4, "PK\x03\x04", 4);

  sheet_reader_init (&workbook);
  read_xlsx_member (out, "xl/workbook.xml", &workbook);
  g_assert_cmpuint (workbook.sheet_names->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (workbook.sheet_names, 0), ==, "Responses");
  g_assert_cmpstr (g_ptr_array_index (workbook.sheet_names, 1), ==, "Codebook");
  sheet_reader_clear (&workbook);

  sheet_reader_init (&responses);
  read_xlsx_member (out, "xl/worksheets/sheet1.xml", &responses);
  /* Headers. */
  g_assert_cmpstr (cell (&responses, "A1"), ==, "id");
  g_assert_cmpstr (cell (&responses, "C1"), ==, "comment");
  g_assert_cmpstr (cell (&responses, "E1"), ==, "rating (value)");
  g_assert_cmpstr (cell (&responses, "F1"), ==, "Tags");
  g_assert_cmpstr (cell (&responses, "K1"), ==, "Annotated at");
  /* Numbers as numbers, text as text. */
  g_assert_cmpstr (cell (&responses, "A2"), ==, "r1");
  g_assert_cmpstr (cell (&responses, "B2"), ==, "=n:5");
  g_assert_cmpstr (cell (&responses, "E2"), ==, "=n:5");
  g_assert_cmpstr (cell (&responses, "F2"), ==, "Billing; Product / Checkout");
  g_assert_cmpstr (cell (&responses, "I5"), ==, "=n:-1");
  g_assert_cmpstr (cell (&responses, "H4"), ==, "flagged");
  g_assert_cmpstr (cell (&responses, "G3"), ==, "Call back, \"urgent\"\nsecond line");
  /* The annotation time is a date (a number with a date format). */
  g_assert_true (g_str_has_prefix (cell (&responses, "K3"), "=n:4"));
  /* Hostile text is a string cell, exactly as it was; no formula anywhere. */
  g_assert_cmpstr (cell (&responses, "C3"), ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (cell (&responses, "C4"), ==, "+1");
  g_assert_cmpstr (cell (&responses, "C5"), ==, "@SUM(A1)");
  g_assert_cmpstr (cell (&responses, "C6"), ==, "-2+3");
  g_assert_cmpstr (cell (&responses, "C7"), ==, "\tTabbed reply");
  g_assert_cmpuint (responses.formulas, ==, 0);
  /* No rating: no cell. */
  g_assert_null (cell (&responses, "B7"));
  g_assert_nonnull (cell (&responses, "A8"));
  g_assert_null (cell (&responses, "A9"));
  sheet_reader_clear (&responses);

  sheet_reader_init (&codebook);
  read_xlsx_member (out, "xl/worksheets/sheet2.xml", &codebook);
  g_assert_cmpstr (cell (&codebook, "A1"), ==, "Tag");
  g_assert_cmpstr (cell (&codebook, "F1"), ==, "Responses");
  /* Parents first, siblings by name: Billing, Product, Product / Checkout. */
  g_assert_cmpstr (cell (&codebook, "A2"), ==, "Billing");
  g_assert_cmpstr (cell (&codebook, "F2"), ==, "=n:2");
  g_assert_cmpstr (cell (&codebook, "A3"), ==, "Product");
  g_assert_null (cell (&codebook, "B3"));
  g_assert_cmpstr (cell (&codebook, "C3"), ==, "#3584e4");
  g_assert_cmpstr (cell (&codebook, "D3"), ==, "About the product");
  g_assert_cmpstr (cell (&codebook, "E3"), ==, "p");
  g_assert_cmpstr (cell (&codebook, "F3"), ==, "=n:0");
  g_assert_cmpstr (cell (&codebook, "A4"), ==, "Checkout");
  g_assert_cmpstr (cell (&codebook, "B4"), ==, "Product");
  g_assert_cmpstr (cell (&codebook, "F4"), ==, "=n:1");
  g_assert_null (cell (&codebook, "A5"));
  sheet_reader_clear (&codebook);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Numbers in the XML are written the same whatever the locale (no 45000,5 in French). */
static void
test_xlsx_locale (Fixture       *f,
                  gconstpointer  data)
{
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_XLSX, FALSE, NULL, 0 };
  g_autofree char *out = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));
  SheetReader responses;
  const char *time;
  char *end;
  double serial;

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  if (setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL &&
      setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no locale with a decimal comma");
      return;
    }
  out = export_to (f, "locale.xlsx", &options, N_RESPONSES);
  setlocale (LC_NUMERIC, previous);

  sheet_reader_init (&responses);
  read_xlsx_member (out, "xl/worksheets/sheet1.xml", &responses);
  /* The annotation time: a date serial with a fraction of a day. */
  time = cell (&responses, "K3");
  g_assert_nonnull (time);
  g_assert_true (g_str_has_prefix (time, "=n:"));
  g_assert_null (strchr (time, ','));
  serial = g_ascii_strtod (time + 3, &end);
  g_assert_cmpint (*end, ==, '\0');
  /* After 2020-01-01 (43831), before 2100. */
  g_assert_cmpfloat (serial, >, 43831.0);
  g_assert_cmpfloat (serial, <, 73051.0);
  g_assert_cmpstr (cell (&responses, "I5"), ==, "=n:-1");
  sheet_reader_clear (&responses);
}

/* The names in a directory, sorted, joined with spaces. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  for (LikertExportFormat format = LIKERT_EXPORT_FORMAT_CSV;
       format <= LIKERT_EXPORT_FORMAT_XLSX; format++)
    {
      LikertExportOptions options = { format, FALSE, NULL, 0 };
      g_autofree char *missing = test_dir_file (&f->dir, "missing/out.file");
      g_autofree char *locked_dir = test_dir_file (&f->dir, "locked");
      g_autofree char *locked = g_build_filename (locked_dir, "out.file", NULL);
      g_autofree char *before = list_dir (f->dir.path);
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;

      /* A folder that does not exist. */
      g_assert_false (likert_export_responses (f->store, missing, &options, NULL, NULL, NULL,
                                               NULL, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
      g_assert_nonnull (strstr (error->message, missing));
      g_clear_error (&error);
      after = list_dir (f->dir.path);
      g_assert_cmpstr (after, ==, before);

      /* A folder that cannot be written to (root writes anywhere: then only the above). */
      if (geteuid () != 0)
        {
          g_autofree char *listed = NULL;

          g_assert_cmpint (g_mkdir (locked_dir, 0555), ==, 0);
          g_assert_false (likert_export_responses (f->store, locked, &options, NULL, NULL,
                                                   NULL, NULL, &error));
          g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
          g_assert_nonnull (strstr (error->message, locked));
          g_clear_error (&error);
          listed = list_dir (locked_dir);
          g_assert_cmpstr (listed, ==, "");
          g_rmdir (locked_dir);
        }
    }
}

/* An export cancelled half way leaves the earlier file as it was, and no temporary file. */
static void
progress_cancel_cb (double   fraction,
                    gpointer user_data)
{
  GCancellable *cancellable = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_cancellable_cancel (cancellable);
}

static void
test_cancel (void)
{
  TestDir dir;
  g_autofree char *project = NULL;
  g_autofree char *csv_path = NULL;
  g_autoptr(GString) csv = g_string_new ("id,rating,comment\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertStore) store = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&dir);
  project = test_dir_file (&dir, "big.likert");
  store = likert_store_open (project, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 5000; i++)
    g_string_append_printf (csv, "r%u,%u,comment number %u\n", i, 1 + i % 5, i);
  csv_path = test_dir_write (&dir, "big.csv", csv->str, -1);
  report = likert_import_file (store, csv_path, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (likert_store_count_responses (store, NULL), ==, 5000);

  for (LikertExportFormat format = LIKERT_EXPORT_FORMAT_CSV;
       format <= LIKERT_EXPORT_FORMAT_XLSX; format++)
    {
      LikertExportOptions options = { format, FALSE, NULL, 0 };
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autofree char *out = test_dir_write (&dir, "out.file", "earlier contents", -1);
      g_autofree char *before = list_dir (dir.path);
      g_autofree char *after = NULL;
      g_autofree char *contents = NULL;

      g_assert_false (likert_export_responses (store, out, &options, progress_cancel_cb,
                                               cancellable, cancellable, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "earlier contents");
      after = list_dir (dir.path);
      g_assert_cmpstr (after, ==, before);

      /* Uncancelled, it replaces the file. */
      g_clear_pointer (&contents, g_free);
      g_assert_true (likert_export_responses (store, out, &options, NULL, NULL, NULL, NULL,
                                              &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_cmpstr (contents, !=, "earlier contents");
      g_clear_pointer (&after, g_free);
      after = list_dir (dir.path);
      g_assert_cmpstr (after, ==, before);
    }

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_formats (void)
{
  g_autoptr(GError) error = NULL;
  LikertExportFormat format;

  g_assert_true (likert_export_format_for_path ("/tmp/a.CSV", &format));
  g_assert_cmpint (format, ==, LIKERT_EXPORT_FORMAT_CSV);
  g_assert_true (likert_export_format_for_path ("b.xlsx", &format));
  g_assert_cmpint (format, ==, LIKERT_EXPORT_FORMAT_XLSX);
  g_assert_false (likert_export_format_for_path ("c.xls", &format));
  g_assert_false (likert_export_format_for_path ("csv", &format));
  g_assert_true (likert_export_format_from_string ("XLSX", &format, &error));
  g_assert_cmpint (format, ==, LIKERT_EXPORT_FORMAT_XLSX);
  g_assert_false (likert_export_format_from_string ("ods", &format, &error));
  g_assert_error (error, LIKERT_EXPORT_ERROR, LIKERT_EXPORT_ERROR_FORMAT);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint64   n;
  GError   *error;
} AsyncResult;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->ok = likert_export_responses_finish (result, &async->n, &async->error);
  async->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((AsyncResult *) data)->done;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  gint64 ids[] = { f->ids[1], f->ids[3] };
  LikertExportOptions options = { LIKERT_EXPORT_FORMAT_CSV, FALSE, ids, G_N_ELEMENTS (ids) };
  g_autofree char *out = test_dir_file (&f->dir, "async.csv");
  g_autoptr(GPtrArray) records = NULL;
  AsyncResult async = { 0 };
  gboolean bom;

  likert_export_responses_async (f->path, out, &options, NULL, NULL, NULL, export_done_cb,
                                 &async);
  /* The options were copied. */
  ids[0] = ids[1] = 0;
  g_assert_true (wait_for (is_done, &async, 30));
  g_assert_no_error (async.error);
  g_assert_true (async.ok);
  g_assert_cmpuint (async.n, ==, 2);
  records = read_csv (out, &bom);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 1))[COL_ID], ==, "r2");
  g_assert_cmpstr (((char **) g_ptr_array_index (records, 2))[COL_ID], ==, "r4");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/export/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/export/bom", Fixture, NULL, fixture_setup, test_bom, fixture_teardown);
  g_test_add ("/export/neutralise", Fixture, NULL, fixture_setup, test_neutralise,
              fixture_teardown);
  g_test_add ("/export/selection", Fixture, NULL, fixture_setup, test_selection,
              fixture_teardown);
  g_test_add ("/export/import-round-trip", Fixture, NULL, fixture_setup,
              test_import_round_trip, fixture_teardown);
  g_test_add ("/export/xlsx", Fixture, NULL, fixture_setup, test_xlsx, fixture_teardown);
  g_test_add ("/export/xlsx-locale", Fixture, NULL, fixture_setup, test_xlsx_locale,
              fixture_teardown);
  g_test_add ("/export/failure-leaves-nothing", Fixture, NULL, fixture_setup,
              test_failure_leaves_nothing, fixture_teardown);
  g_test_add ("/export/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add_func ("/export/cancel", test_cancel);
  g_test_add_func ("/export/formats", test_formats);
  return g_test_run ();
}
