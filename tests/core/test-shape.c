/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "likert-csv.h"
#include "likert-shape.h"

/* How many records the importer hands to likert_shape_detect (). */
#define SAMPLE_RECORDS 50

/* Tokenizes UTF-8 text (a BOM is skipped) into records: a GPtrArray of GStrv. limit 0: all. */
static GPtrArray *
tokenize (const char *text,
          gsize       length,
          guint       limit,
          char       *delimiter_out)
{
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char * const *fields;
  guint n;
  char delimiter;

  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  delimiter = likert_csv_sniff (text, length);
  if (delimiter_out != NULL)
    *delimiter_out = delimiter;
  tokenizer = likert_csv_tokenizer_new (text, length, delimiter, "test.csv");
  while ((limit == 0 || records->len < limit) &&
         likert_csv_tokenizer_next (tokenizer, &fields, &n, &error))
    {
      char **copy = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        copy[i] = g_strdup (fields[i]);
      g_ptr_array_add (records, copy);
    }
  g_assert_no_error (error);
  return records;
}

static GPtrArray *
tokenize_string (const char *text)
{
  return tokenize (text, strlen (text), 0, NULL);
}

static GPtrArray *
read_fixture (const char *name,
              guint       limit,
              char       *delimiter)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "vendors", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return tokenize (contents, length, limit, delimiter);
}

static const char * const * const *
as_records (GPtrArray *records)
{
  return (const char * const * const *) records->pdata;
}

/* Detects the shape of a fixture from its first SAMPLE_RECORDS records. */
static LikertShape *
detect_fixture (const char *name)
{
  g_autoptr(GPtrArray) records = read_fixture (name, SAMPLE_RECORDS, NULL);
  g_autoptr(GError) error = NULL;
  LikertShape *shape;

  shape = likert_shape_detect (as_records (records), records->len, LIKERT_SHAPE_AUTO, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (shape);
  return shape;
}

static LikertShape *
detect_string (const char      *text,
               LikertShapeKind  force_kind,
               int              force_header_rows,
               GError         **error)
{
  g_autoptr(GPtrArray) records = tokenize_string (text);

  return likert_shape_detect (as_records (records), records->len, force_kind, force_header_rows,
                              error);
}

static void
assert_column (const LikertShape *shape,
               guint              c,
               const char        *name,
               LikertRole         role,
               gboolean           metadata)
{
  g_assert_cmpuint (c, <, shape->n_columns);
  g_assert_cmpstr (shape->columns[c].name, ==, name);
  g_assert_cmpstr (likert_role_to_string (shape->columns[c].role_hint), ==,
                   likert_role_to_string (role));
  g_assert_cmpint (shape->columns[c].metadata, ==, metadata);
}

static void
assert_unique_names (const LikertShape *shape)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint c = 0; c < shape->n_columns; c++)
    {
      g_assert_nonnull (shape->columns[c].name);
      g_assert_cmpstr (shape->columns[c].name, !=, "");
      g_assert_false (g_hash_table_contains (seen, shape->columns[c].name));
      g_hash_table_add (seen, shape->columns[c].name);
    }
}

static void
test_kind_strings (void)
{
  for (int k = 0; k < LIKERT_SHAPE_N_KINDS; k++)
    {
      LikertShapeKind kind = LIKERT_SHAPE_AUTO;
      const char *str = likert_shape_kind_to_string ((LikertShapeKind) k);

      g_assert_true (likert_shape_kind_from_string (str, &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (likert_shape_kind_display_name ((LikertShapeKind) k));
    }
  g_assert_cmpstr (likert_shape_kind_to_string (LIKERT_SHAPE_GOOGLE_FORMS), ==, "google-forms");
  g_assert_cmpstr (likert_shape_kind_display_name (LIKERT_SHAPE_PLAIN), ==,
                   "Plain CSV with a header row");
  {
    LikertShapeKind kind = LIKERT_SHAPE_PLAIN;

    g_assert_false (likert_shape_kind_from_string ("excel", &kind));
    g_assert_false (likert_shape_kind_from_string (NULL, &kind));
    g_assert_cmpint (kind, ==, LIKERT_SHAPE_PLAIN);
  }
}

static void
test_plain (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("plain.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (shape->skip_rows, ==, 0);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 6);
  g_assert_cmpint (shape->status_column, ==, -1);
  g_assert_cmpuint (shape->notices->len, ==, 0);
  assert_column (shape, 0, "response_id", LIKERT_ROLE_OTHER, FALSE);
  assert_column (shape, 3, "comment", LIKERT_ROLE_OTHER, FALSE);
  assert_column (shape, 5, "language", LIKERT_ROLE_OTHER, FALSE);
  g_assert_null (shape->columns[3].question);
}

static void
test_headerless (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("headerless.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_HEADERLESS);
  g_assert_cmpuint (shape->header_rows, ==, 0);
  g_assert_cmpuint (shape->n_columns, ==, 5);
  g_assert_cmpuint (shape->notices->len, ==, 0);
  for (guint c = 0; c < shape->n_columns; c++)
    {
      g_autofree char *name = g_strdup_printf ("Column %u", c + 1);

      assert_column (shape, c, name, LIKERT_ROLE_OTHER, FALSE);
    }
}

static void
test_google_forms (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("google-forms.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_GOOGLE_FORMS);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 7);
  assert_column (shape, 0, "Timestamp", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 1, "How satisfied are you with our service?", LIKERT_ROLE_OTHER, FALSE);
  g_assert_null (shape->columns[1].question);
  assert_column (shape, 3, "Rate the following [Speed]", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[3].question, ==, "Rate the following");
  g_assert_cmpstr (shape->columns[5].question, ==, "Rate the following");
  g_assert_cmpuint (shape->notices->len, ==, 0);
}

static void
test_google_forms_localized (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("google-forms-fr.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_GOOGLE_FORMS);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 6);
  assert_column (shape, 0, "Horodateur", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 4, "Notez les points suivants [Amabilité]", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[4].question, ==, "Notez les points suivants");
}

static void
test_surveymonkey (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("surveymonkey.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_SURVEYMONKEY);
  g_assert_cmpuint (shape->header_rows, ==, 2);
  g_assert_cmpuint (shape->n_columns, ==, 17);
  g_assert_cmpuint (shape->notices->len, ==, 0);
  assert_column (shape, 0, "Respondent ID", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 1, "Collector ID", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 2, "Start Date", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 3, "End Date", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 4, "IP Address", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 8, "Custom Data 1", LIKERT_ROLE_OTHER, TRUE);
  g_assert_null (shape->columns[0].question);

  assert_column (shape, 9, "How satisfied are you with our support?", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[9].question, ==, "How satisfied are you with our support?");
  assert_column (shape, 10, "How would you rate the following? — Speed", LIKERT_ROLE_OTHER,
                 FALSE);
  assert_column (shape, 12, "How would you rate the following? — Knowledge", LIKERT_ROLE_OTHER,
                 FALSE);
  g_assert_cmpstr (shape->columns[12].question, ==, "How would you rate the following?");
  assert_column (shape, 13,
                 "Which channels did you use to contact us? (select all that apply) — Email",
                 LIKERT_ROLE_OTHER, FALSE);
  assert_column (shape, 15,
                 "Which channels did you use to contact us? (select all that apply) — Other "
                 "(please specify)", LIKERT_ROLE_TEXT, FALSE);
  assert_column (shape, 16, "What could we do better?", LIKERT_ROLE_TEXT, FALSE);
  assert_unique_names (shape);
}

static void
test_qualtrics (void)
{
  g_autoptr(GPtrArray) records = read_fixture ("qualtrics.csv", 0, NULL);
  g_autoptr(LikertShape) shape = detect_fixture ("qualtrics.csv");
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  guint excluded = 0;

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_QUALTRICS);
  g_assert_cmpuint (shape->header_rows, ==, 3);
  g_assert_cmpuint (shape->n_columns, ==, 24);
  g_assert_cmpint (shape->status_column, ==, 2);
  g_assert_cmpuint (shape->notices->len, ==, 0);

  assert_column (shape, 0, "StartDate", LIKERT_ROLE_OTHER, TRUE);
  g_assert_cmpstr (shape->columns[0].question, ==, "Start Date");
  g_assert_cmpstr (shape->columns[0].import_id, ==, "startDate");
  assert_column (shape, 2, "Status", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 5, "Duration (in seconds)", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 7, "RecordedDate", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 8, "ResponseId", LIKERT_ROLE_ID, FALSE);
  g_assert_cmpstr (shape->columns[8].import_id, ==, "_recordId");
  assert_column (shape, 16, "UserLanguage", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 17, "Q1", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[17].question, ==,
                   "How likely are you to recommend us to a friend or colleague?");
  g_assert_cmpstr (shape->columns[17].import_id, ==, "QID1");
  assert_column (shape, 19, "Q2_2", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[19].question, ==,
                   "How satisfied are you with each of the following? - Delivery");
  g_assert_cmpstr (shape->columns[19].import_id, ==, "QID2_2");
  assert_column (shape, 21, "Q3", LIKERT_ROLE_TEXT, FALSE);
  g_assert_cmpstr (shape->columns[21].import_id, ==, "QID3_TEXT");
  assert_column (shape, 23, "Q4_5_TEXT", LIKERT_ROLE_TEXT, FALSE);

  /* Two previews, a test and a spam response are excluded; "Imported" is a real response. */
  for (guint r = shape->skip_rows + shape->header_rows; r < records->len; r++)
    {
      const char * const *record = g_ptr_array_index (records, r);
      const char *reason = NULL;

      if (likert_shape_excludes (shape, record, &reason))
        {
          g_assert_nonnull (reason);
          g_assert_cmpstr (record[2], !=, "IP Address");
          g_assert_cmpstr (record[2], !=, "Imported");
          g_hash_table_add (reasons, (gpointer) reason);
          excluded++;
        }
      else
        {
          g_assert_null (reason);
          g_assert_true (g_str_equal (record[2], "IP Address") ||
                         g_str_equal (record[2], "Imported"));
        }
    }
  g_assert_cmpuint (excluded, ==, 4);
  g_assert_cmpuint (g_hash_table_size (reasons), ==, 3);
}

static void
test_qualtrics_numeric_status (void)
{
  const char *text =
    "StartDate,EndDate,Status,IPAddress,Progress,Finished,RecordedDate,ResponseId,Q1\n"
    "Start Date,End Date,Response Type,IP Address,Progress,Finished,Recorded Date,Response ID,"
    "How was it?\n"
    "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"Europe/Paris\"\"}\","
    "\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\","
    "\"{\"\"ImportId\"\":\"\"ipAddress\"\"}\",\"{\"\"ImportId\"\":\"\"progress\"\"}\","
    "\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\","
    "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{ \"\"ImportId\"\" : \"\"QID\\u0031\"\" }\"\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,0,192.0.2.1,100,1,2024-03-01 10:05:00,R_a,5\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,1,,100,1,2024-03-01 10:05:00,R_b,4\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,2,,100,1,2024-03-01 10:05:00,R_c,3\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,8,,100,1,2024-03-01 10:05:00,R_d,3\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,4,,100,1,2024-03-01 10:05:00,R_e,2\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,16,,100,1,2024-03-01 10:05:00,R_f,1\n"
    "2024-03-01 10:00:00,2024-03-01 10:05:00,256,,100,1,2024-03-01 10:05:00,R_g,1\n"
    "short,row\n";
  gboolean expected[] = { FALSE, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE, FALSE };
  g_autoptr(GPtrArray) records = tokenize_string (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) shape = likert_shape_detect (as_records (records), records->len,
                                                      LIKERT_SHAPE_AUTO, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_QUALTRICS);
  g_assert_cmpuint (shape->header_rows, ==, 3);
  g_assert_cmpint (shape->status_column, ==, 2);
  g_assert_cmpstr (shape->columns[8].import_id, ==, "QID1");
  g_assert_cmpstr (shape->columns[8].question, ==, "How was it?");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *reason = NULL;

      g_assert_cmpint (likert_shape_excludes (shape, g_ptr_array_index (records, 3 + i), &reason),
                       ==, expected[i]);
      g_assert_true ((reason != NULL) == expected[i]);
    }
  g_assert_false (likert_shape_excludes (shape, NULL, NULL));
}

static void
test_qualtrics_one_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) shape =
    detect_string ("StartDate,EndDate,Status,ResponseId,Q1\n"
                   "2024-03-01 10:00:00,2024-03-01 10:05:00,Survey Preview,R_a,5\n",
                   LIKERT_SHAPE_AUTO, -1, &error);
  const char *reason = NULL;
  const char * const preview[] = { "x", "y", "Survey Preview", "R_a", "5", NULL };
  const char * const real[] = { "x", "y", "IP Address", "R_b", "5", NULL };

  g_assert_no_error (error);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_QUALTRICS);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_null (shape->columns[4].question);
  assert_column (shape, 3, "ResponseId", LIKERT_ROLE_ID, FALSE);
  g_assert_true (likert_shape_excludes (shape, preview, &reason));
  g_assert_nonnull (reason);
  g_assert_false (likert_shape_excludes (shape, real, &reason));
}

static void
test_limesurvey (void)
{
  g_autoptr(LikertShape) shape = NULL;
  g_autoptr(GPtrArray) records = NULL;
  char delimiter = 0;

  records = read_fixture ("limesurvey.csv", SAMPLE_RECORDS, &delimiter);
  g_assert_cmpint (delimiter, ==, ';');
  shape = likert_shape_detect (as_records (records), records->len, LIKERT_SHAPE_AUTO, -1, NULL);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_LIMESURVEY);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 17);
  assert_column (shape, 0, "id", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 1, "submitdate", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 2, "lastpage", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 4, "seed", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 7, "ipaddr", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 10, "Q2[SQ001]", LIKERT_ROLE_OTHER, FALSE);
  g_assert_null (shape->columns[10].question);
  assert_column (shape, 14, "Q3[other]", LIKERT_ROLE_TEXT, FALSE);
  assert_column (shape, 16, "interviewtime", LIKERT_ROLE_OTHER, TRUE);
}

static void
test_limesurvey_texts (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("limesurvey-text.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_LIMESURVEY);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 12);
  assert_column (shape, 0, "Response ID", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 1, "Date submitted", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 4, "Seed", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 8, "Bitte bewerten Sie [Preis]", LIKERT_ROLE_OTHER, FALSE);
  g_assert_cmpstr (shape->columns[8].question, ==, "Bitte bewerten Sie");
  assert_column (shape, 10, "Was sollten wir verbessern? [Comment]", LIKERT_ROLE_TEXT, FALSE);
  assert_column (shape, 11, "Total time", LIKERT_ROLE_OTHER, TRUE);
}

static void
test_hotjar_feedback (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("hotjar-feedback.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_HOTJAR);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 11);
  assert_column (shape, 0, "Number", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 1, "User", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 2, "Date Submitted", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 3, "Country", LIKERT_ROLE_OTHER, FALSE);
  assert_column (shape, 8, "Email", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 9, "Message", LIKERT_ROLE_TEXT, FALSE);
  assert_column (shape, 10, "Emotion (1-5)", LIKERT_ROLE_RATING, FALSE);
  g_assert_cmpint (shape->columns[10].scale_min, ==, 1);
  g_assert_cmpint (shape->columns[10].scale_max, ==, 5);
  g_assert_cmpint (shape->columns[9].scale_max, ==, 0);
}

static void
test_hotjar_survey (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("hotjar-survey.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_HOTJAR);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 11);
  assert_column (shape, 0, "Number", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 2, "Date Submitted", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 9, "What almost stopped you from completing your purchase today?",
                 LIKERT_ROLE_OTHER, FALSE);
  /* Only the feedback widget's Emotion column has a scale from the vendor. */
  g_assert_cmpint (shape->columns[10].scale_max, ==, 0);
}

static void
test_typeform (void)
{
  g_autoptr(LikertShape) shape = detect_fixture ("typeform.csv");

  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_TYPEFORM);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 10);
  assert_column (shape, 0, "#", LIKERT_ROLE_ID, FALSE);
  assert_column (shape, 1, "What's your first name?", LIKERT_ROLE_OTHER, FALSE);
  assert_column (shape, 6, "Start Date (UTC)", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 7, "Submit Date (UTC)", LIKERT_ROLE_TIME, FALSE);
  assert_column (shape, 8, "Network ID", LIKERT_ROLE_OTHER, TRUE);
  assert_column (shape, 9, "Tags", LIKERT_ROLE_OTHER, FALSE);
}

/* A "Response" cell under a header is data, not SurveyMonkey's second header row. */
static void
test_plain_with_response (void)
{
  const char * const texts[] = {
    "id,comment,rating\n1,Response,4\n2,ok,5\n",
    "Respondent ID,Answer,Other\n,Response,Open-Ended Response\n7,x,y\n",
    "Respondent ID,Collector ID,Start Date,Q\n1,2,2024-01-01,Response\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertShape) shape = detect_string (texts[i], LIKERT_SHAPE_AUTO, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_PLAIN);
      g_assert_cmpuint (shape->header_rows, ==, 1);
    }
}

/* Look-alikes of the other vendors stay plain too. */
static void
test_plain_lookalikes (void)
{
  const char * const texts[] = {
    "Timestamp,rating\nyesterday,4\n",                           /* not a Forms time */
    "#,rating\n1,4\n",                                           /* no Typeform dates */
    "Number,Date Submitted,rating\n1,2024-01-01,4\n",            /* no Hotjar columns */
    "id,submitdate,rating\n1,2024-01-01,4\n",                    /* no LimeSurvey columns */
    "StartDate,EndDate,rating\n2024-01-01,2024-01-01,4\n",      /* no ResponseId */
    "a,b\n\"{\"\"other\"\":1}\",x\n\"{\"\"ImportId\"\":\"\"\"\"}\",y\n", /* no ImportId row */
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertShape) shape = detect_string (texts[i], LIKERT_SHAPE_AUTO, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (likert_shape_kind_to_string (shape->kind), ==, "plain");
    }
}

static void
test_headerless_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) shape = detect_string ("1,4.5,,05/03/2024 10:33,-2\n2,3,x,,\n",
                                                LIKERT_SHAPE_AUTO, -1, &error);
  g_autoptr(LikertShape) text = detect_string ("R1,5\nR2,4\n", LIKERT_SHAPE_AUTO, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_HEADERLESS);
  g_assert_cmpuint (shape->n_columns, ==, 5);
  g_assert_cmpstr (shape->columns[4].name, ==, "Column 5");
  /* A text cell may be a name: not header-less without being told. */
  g_assert_cmpint (text->kind, ==, LIKERT_SHAPE_PLAIN);
}

static void
test_names_fixed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) shape = detect_string ("id, Q1 ,,Q1,Q1 (2),\n1,2,3,4,5,6\n",
                                                LIKERT_SHAPE_AUTO, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (shape->n_columns, ==, 6);
  g_assert_cmpstr (shape->columns[1].name, ==, "Q1");
  g_assert_cmpstr (shape->columns[2].name, ==, "Column 3");
  g_assert_cmpstr (shape->columns[3].name, ==, "Q1 (2)");
  g_assert_cmpstr (shape->columns[4].name, ==, "Q1 (2) (2)");
  g_assert_cmpstr (shape->columns[5].name, ==, "Column 6");
  assert_unique_names (shape);
  /* Two empty names and two repeated ones. */
  g_assert_cmpuint (shape->notices->len, ==, 4);
  for (guint i = 0; i < shape->notices->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (shape->notices, i), -1, NULL));
  g_assert_nonnull (strstr (g_ptr_array_index (shape->notices, 0), "Column 3"));
}

static void
test_leading_blank_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) shape = detect_string ("\n,,\nid,rating\n1,2\n", LIKERT_SHAPE_AUTO, -1,
                                                &error);

  g_assert_no_error (error);
  g_assert_cmpint (shape->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (shape->skip_rows, ==, 2);
  g_assert_cmpuint (shape->header_rows, ==, 1);
  g_assert_cmpuint (shape->n_columns, ==, 2);
  g_assert_cmpstr (shape->columns[1].name, ==, "rating");
}

static void
test_forced (void)
{
  g_autoptr(GPtrArray) plain = read_fixture ("plain.csv", SAMPLE_RECORDS, NULL);
  g_autoptr(GPtrArray) monkey = read_fixture ("surveymonkey.csv", SAMPLE_RECORDS, NULL);
  g_autoptr(GPtrArray) qualtrics = read_fixture ("qualtrics.csv", SAMPLE_RECORDS, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertShape) headerless = NULL;
  g_autoptr(LikertShape) one_row = NULL;
  g_autoptr(LikertShape) as_plain = NULL;
  g_autoptr(LikertShape) forced = NULL;
  g_autoptr(LikertShape) merged = NULL;

  /* No header row: the header becomes data. */
  headerless = likert_shape_detect (as_records (plain), plain->len, LIKERT_SHAPE_AUTO, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (headerless->kind, ==, LIKERT_SHAPE_HEADERLESS);
  g_assert_cmpuint (headerless->header_rows, ==, 0);
  g_assert_cmpstr (headerless->columns[0].name, ==, "Column 1");

  /* SurveyMonkey read with one header row: plain, its empty names given and reported. */
  one_row = likert_shape_detect (as_records (monkey), monkey->len, LIKERT_SHAPE_AUTO, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (one_row->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (one_row->header_rows, ==, 1);
  g_assert_cmpstr (one_row->columns[11].name, ==, "Column 12");
  g_assert_cmpuint (one_row->notices->len, ==, 4);
  assert_unique_names (one_row);

  /* Qualtrics forced to plain: row 1 names, nothing from the vendor. */
  as_plain = likert_shape_detect (as_records (qualtrics), qualtrics->len, LIKERT_SHAPE_PLAIN, -1,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (as_plain->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (as_plain->header_rows, ==, 1);
  g_assert_cmpint (as_plain->status_column, ==, -1);
  assert_column (as_plain, 8, "ResponseId", LIKERT_ROLE_OTHER, FALSE);

  /* A kind forced on a file that has its rows. */
  forced = likert_shape_detect (as_records (qualtrics), qualtrics->len, LIKERT_SHAPE_QUALTRICS, -1,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forced->header_rows, ==, 3);

  /* Two header rows of an unknown tool: merged like SurveyMonkey's. */
  merged = detect_string ("Q,,R\na,b,\n1,2,3\n", LIKERT_SHAPE_AUTO, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merged->kind, ==, LIKERT_SHAPE_PLAIN);
  g_assert_cmpuint (merged->header_rows, ==, 2);
  g_assert_cmpstr (merged->columns[0].name, ==, "Q — a");
  g_assert_cmpstr (merged->columns[1].name, ==, "Q — b");
  g_assert_cmpstr (merged->columns[2].name, ==, "R");
}

static void
test_forced_misfit (void)
{
  struct
  {
    const char      *text;
    LikertShapeKind  kind;
    int              rows;
    int              code;
  } cases[] = {
    { "Respondent ID,Collector ID\n", LIKERT_SHAPE_SURVEYMONKEY, -1, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n", LIKERT_SHAPE_AUTO, 3, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n", LIKERT_SHAPE_QUALTRICS, 3, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n3,4\n", LIKERT_SHAPE_HOTJAR, 2, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n3,4\n", LIKERT_SHAPE_SURVEYMONKEY, 3, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n", LIKERT_SHAPE_HEADERLESS, 1, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n", LIKERT_SHAPE_PLAIN, 0, LIKERT_SHAPE_ERROR_MISFIT },
    { "a,b\n1,2\n", LIKERT_SHAPE_AUTO, 4, LIKERT_SHAPE_ERROR_MISFIT },
    { "\n\n", LIKERT_SHAPE_AUTO, -1, LIKERT_SHAPE_ERROR_EMPTY },
    { "", LIKERT_SHAPE_AUTO, -1, LIKERT_SHAPE_ERROR_EMPTY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LikertShape) shape = detect_string (cases[i].text, cases[i].kind, cases[i].rows,
                                                    &error);

      g_assert_null (shape);
      g_assert_error (error, LIKERT_SHAPE_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LikertShape) shape = detect_string ("Respondent ID,Collector ID\n",
                                                  LIKERT_SHAPE_SURVEYMONKEY, -1, &error);

    g_assert_null (shape);
    g_assert_cmpstr (error->message, ==, "The file has no second header row.");
  }
}

/* Every vendor fixture is recognised whatever else it is read with, and in any prefix. */
static void
test_prefixes (void)
{
  const struct
  {
    const char      *name;
    LikertShapeKind  kind;
    guint            min_records;
  } fixtures[] = {
    { "plain.csv", LIKERT_SHAPE_PLAIN, 1 },
    { "headerless.csv", LIKERT_SHAPE_HEADERLESS, 1 },
    { "google-forms.csv", LIKERT_SHAPE_GOOGLE_FORMS, 1 },
    { "google-forms-fr.csv", LIKERT_SHAPE_GOOGLE_FORMS, 1 },
    { "surveymonkey.csv", LIKERT_SHAPE_SURVEYMONKEY, 2 },
    { "qualtrics.csv", LIKERT_SHAPE_QUALTRICS, 1 },
    { "limesurvey.csv", LIKERT_SHAPE_LIMESURVEY, 1 },
    { "limesurvey-text.csv", LIKERT_SHAPE_LIMESURVEY, 1 },
    { "hotjar-feedback.csv", LIKERT_SHAPE_HOTJAR, 1 },
    { "hotjar-survey.csv", LIKERT_SHAPE_HOTJAR, 1 },
    { "typeform.csv", LIKERT_SHAPE_TYPEFORM, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GPtrArray) records = read_fixture (fixtures[i].name, 0, NULL);

      g_assert_cmpuint (records->len, >=, 20);
      for (guint n = fixtures[i].min_records; n <= MIN (records->len, SAMPLE_RECORDS); n++)
        {
          g_autoptr(LikertShape) shape = likert_shape_detect (as_records (records), n,
                                                              LIKERT_SHAPE_AUTO, -1, NULL);

          g_assert_nonnull (shape);
          if (shape->kind != fixtures[i].kind)
            g_error ("%s, %u records: %s", fixtures[i].name, n,
                     likert_shape_kind_to_string (shape->kind));
          assert_unique_names (shape);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shape/kind-strings", test_kind_strings);
  g_test_add_func ("/shape/plain", test_plain);
  g_test_add_func ("/shape/plain-with-response", test_plain_with_response);
  g_test_add_func ("/shape/plain-lookalikes", test_plain_lookalikes);
  g_test_add_func ("/shape/headerless", test_headerless);
  g_test_add_func ("/shape/headerless-strings", test_headerless_strings);
  g_test_add_func ("/shape/google-forms", test_google_forms);
  g_test_add_func ("/shape/google-forms-localized", test_google_forms_localized);
  g_test_add_func ("/shape/surveymonkey", test_surveymonkey);
  g_test_add_func ("/shape/qualtrics", test_qualtrics);
  g_test_add_func ("/shape/qualtrics-numeric-status", test_qualtrics_numeric_status);
  g_test_add_func ("/shape/qualtrics-one-row", test_qualtrics_one_row);
  g_test_add_func ("/shape/limesurvey", test_limesurvey);
  g_test_add_func ("/shape/limesurvey-texts", test_limesurvey_texts);
  g_test_add_func ("/shape/hotjar-feedback", test_hotjar_feedback);
  g_test_add_func ("/shape/hotjar-survey", test_hotjar_survey);
  g_test_add_func ("/shape/typeform", test_typeform);
  g_test_add_func ("/shape/names-fixed", test_names_fixed);
  g_test_add_func ("/shape/leading-blank-rows", test_leading_blank_rows);
  g_test_add_func ("/shape/forced", test_forced);
  g_test_add_func ("/shape/forced-misfit", test_forced_misfit);
  g_test_add_func ("/shape/prefixes", test_prefixes);

  return g_test_run ();
}
