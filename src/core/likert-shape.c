/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-shape"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-shape.h"

/* The first records of a file, as likert_shape_detect () sees them. */
typedef struct
{
  const char * const * const *records;
  guint                       n_records;
  guint                       first;       /* the first record that is not blank */
  guint                      *lengths;     /* cells in each record */
  char                      **folded[3];   /* records first…first+2, stripped and casefolded */
} Sheet;

/* A column name a vendor writes, with what it means. */
typedef struct
{
  const char *name;        /* casefolded; a final '*' matches any ending */
  LikertRole  role;
  gboolean    metadata;
} KnownColumn;

typedef enum {
  EXCLUDE_NONE,
  EXCLUDE_PREVIEW,
  EXCLUDE_TEST,
  EXCLUDE_SPAM,
  EXCLUDE_SYNTHETIC,
} ExcludeReason;

G_DEFINE_QUARK (likert-shape-error-quark, likert_shape_error)

static const char * const kind_names[] = {
  [LIKERT_SHAPE_PLAIN] = "plain",
  [LIKERT_SHAPE_HEADERLESS] = "headerless",
  [LIKERT_SHAPE_GOOGLE_FORMS] = "google-forms",
  [LIKERT_SHAPE_SURVEYMONKEY] = "surveymonkey",
  [LIKERT_SHAPE_QUALTRICS] = "qualtrics",
  [LIKERT_SHAPE_LIMESURVEY] = "limesurvey",
  [LIKERT_SHAPE_HOTJAR] = "hotjar",
  [LIKERT_SHAPE_TYPEFORM] = "typeform",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LIKERT_SHAPE_N_KINDS);

/* Google Forms names its first column after the form owner's language. */
static const char * const timestamp_names[] = {
  "timestamp", "horodateur", "zeitstempel", "marca temporal", "carimbo de data/hora",
  "informazioni cronologiche", "tijdstempel", "sygnatura czasowa", "отметка времени",
  "タイムスタンプ", "时间戳记", "zaman damgası", NULL
};

static const KnownColumn google_forms_columns[] = {
  { "email address", LIKERT_ROLE_OTHER, TRUE },
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

static const KnownColumn surveymonkey_columns[] = {
  { "respondent id", LIKERT_ROLE_ID, FALSE },
  { "collector id", LIKERT_ROLE_OTHER, TRUE },
  { "start date", LIKERT_ROLE_OTHER, TRUE },
  { "end date", LIKERT_ROLE_TIME, FALSE },
  { "ip address", LIKERT_ROLE_OTHER, TRUE },
  { "email address", LIKERT_ROLE_OTHER, TRUE },
  { "first name", LIKERT_ROLE_OTHER, TRUE },
  { "last name", LIKERT_ROLE_OTHER, TRUE },
  { "custom data*", LIKERT_ROLE_OTHER, TRUE },
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

/* Row 1 names and row 3 ImportIds of Qualtrics' own columns. */
static const KnownColumn qualtrics_columns[] = {
  { "startdate", LIKERT_ROLE_OTHER, TRUE },
  { "enddate", LIKERT_ROLE_OTHER, TRUE },
  { "status", LIKERT_ROLE_OTHER, TRUE },
  { "ipaddress", LIKERT_ROLE_OTHER, TRUE },
  { "progress", LIKERT_ROLE_OTHER, TRUE },
  { "duration (in seconds)", LIKERT_ROLE_OTHER, TRUE },
  { "duration", LIKERT_ROLE_OTHER, TRUE },
  { "finished", LIKERT_ROLE_OTHER, TRUE },
  { "recordeddate", LIKERT_ROLE_TIME, FALSE },
  { "responseid", LIKERT_ROLE_ID, FALSE },
  { "_recordid", LIKERT_ROLE_ID, FALSE },
  { "recipientlastname", LIKERT_ROLE_OTHER, TRUE },
  { "recipientfirstname", LIKERT_ROLE_OTHER, TRUE },
  { "recipientemail", LIKERT_ROLE_OTHER, TRUE },
  { "externalreference", LIKERT_ROLE_OTHER, TRUE },
  { "externaldatareference", LIKERT_ROLE_OTHER, TRUE },
  { "locationlatitude", LIKERT_ROLE_OTHER, TRUE },
  { "locationlongitude", LIKERT_ROLE_OTHER, TRUE },
  { "distributionchannel", LIKERT_ROLE_OTHER, TRUE },
  { "userlanguage", LIKERT_ROLE_OTHER, TRUE },
  { "q_*", LIKERT_ROLE_OTHER, TRUE },      /* Q_RecaptchaScore, Q_TotalDuration, Q_URL… */
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

/* LimeSurvey writes either question codes or full texts as headers. */
static const KnownColumn limesurvey_columns[] = {
  { "id", LIKERT_ROLE_ID, FALSE },
  { "response id", LIKERT_ROLE_ID, FALSE },
  { "submitdate", LIKERT_ROLE_TIME, FALSE },
  { "date submitted", LIKERT_ROLE_TIME, FALSE },
  { "lastpage", LIKERT_ROLE_OTHER, TRUE },
  { "last page", LIKERT_ROLE_OTHER, TRUE },
  { "startlanguage", LIKERT_ROLE_OTHER, TRUE },
  { "start language", LIKERT_ROLE_OTHER, TRUE },
  { "seed", LIKERT_ROLE_OTHER, TRUE },
  { "startdate", LIKERT_ROLE_OTHER, TRUE },
  { "date started", LIKERT_ROLE_OTHER, TRUE },
  { "datestamp", LIKERT_ROLE_OTHER, TRUE },
  { "date last action", LIKERT_ROLE_OTHER, TRUE },
  { "ipaddr", LIKERT_ROLE_OTHER, TRUE },
  { "ip address", LIKERT_ROLE_OTHER, TRUE },
  { "refurl", LIKERT_ROLE_OTHER, TRUE },
  { "referrer url", LIKERT_ROLE_OTHER, TRUE },
  { "token", LIKERT_ROLE_OTHER, TRUE },
  { "access code", LIKERT_ROLE_OTHER, TRUE },
  { "interviewtime", LIKERT_ROLE_OTHER, TRUE },
  { "total time", LIKERT_ROLE_OTHER, TRUE },
  { "grouptime*", LIKERT_ROLE_OTHER, TRUE },
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

static const KnownColumn hotjar_columns[] = {
  { "number", LIKERT_ROLE_ID, FALSE },
  { "user", LIKERT_ROLE_OTHER, TRUE },
  { "date submitted", LIKERT_ROLE_TIME, FALSE },
  { "email", LIKERT_ROLE_OTHER, TRUE },
  { "message", LIKERT_ROLE_TEXT, FALSE },
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

static const KnownColumn typeform_columns[] = {
  { "#", LIKERT_ROLE_ID, FALSE },
  { "response type", LIKERT_ROLE_OTHER, TRUE },
  { "start date (utc)", LIKERT_ROLE_OTHER, TRUE },
  { "stage date (utc)", LIKERT_ROLE_OTHER, TRUE },
  { "submit date (utc)", LIKERT_ROLE_TIME, FALSE },
  { "network id", LIKERT_ROLE_OTHER, TRUE },
  { NULL, LIKERT_ROLE_OTHER, FALSE }
};

/* Qualtrics' Status ("Response Type") codes and labels of responses that are not real. */
static const struct
{
  int           code;
  const char   *label;     /* casefolded */
  ExcludeReason reason;
} qualtrics_excluded[] = {
  { 1, "survey preview", EXCLUDE_PREVIEW },
  { 2, "survey test", EXCLUDE_TEST },
  { 8, "spam", EXCLUDE_SPAM },
  { 9, "survey preview spam", EXCLUDE_SPAM },
  { 12, "imported spam", EXCLUDE_SPAM },
  { 17, "offline survey preview", EXCLUDE_PREVIEW },
  { 40, "ex spam", EXCLUDE_SPAM },
  { 256, "synthetic", EXCLUDE_SYNTHETIC },
};

/* Helpers */

static char *
strip_dup (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static gboolean
is_empty (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
fold (const char *text)
{
  g_autofree char *copy = strip_dup (text);

  return g_utf8_casefold (copy, -1);
}

static guint
strv_length (const char * const *record)
{
  guint n = 0;

  while (record != NULL && record[n] != NULL)
    n++;
  return n;
}

static gboolean
record_is_blank (const char * const *record)
{
  for (guint i = 0; record != NULL && record[i] != NULL; i++)
    if (!is_empty (record[i]))
      return FALSE;
  return TRUE;
}

static void
sheet_init (Sheet                      *sheet,
            const char * const * const *records,
            guint                       n_records)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->records = records;
  sheet->n_records = n_records;
  sheet->lengths = g_new0 (guint, MAX (n_records, 1));
  for (guint r = 0; r < n_records; r++)
    sheet->lengths[r] = strv_length (records[r]);

  while (sheet->first < n_records && record_is_blank (records[sheet->first]))
    sheet->first++;

  for (guint r = 0; r < G_N_ELEMENTS (sheet->folded) && sheet->first + r < n_records; r++)
    {
      guint row = sheet->first + r;

      sheet->folded[r] = g_new0 (char *, sheet->lengths[row] + 1);
      for (guint c = 0; c < sheet->lengths[row]; c++)
        sheet->folded[r][c] = fold (records[row][c]);
    }
}

static void
sheet_clear (Sheet *sheet)
{
  for (guint r = 0; r < G_N_ELEMENTS (sheet->folded); r++)
    g_clear_pointer (&sheet->folded[r], g_strfreev);
  g_clear_pointer (&sheet->lengths, g_free);
}

/* Records after the blank ones. */
static guint
sheet_available (const Sheet *sheet)
{
  return sheet->n_records - sheet->first;
}

/* Cell c of record first + r, or "" when the record is shorter or missing. */
static const char *
sheet_cell (const Sheet *sheet,
            guint        r,
            guint        c)
{
  guint row = sheet->first + r;

  if (row >= sheet->n_records || c >= sheet->lengths[row])
    return "";
  return sheet->records[row][c];
}

static guint
sheet_width (const Sheet *sheet,
             guint        r)
{
  guint row = sheet->first + r;

  return row < sheet->n_records ? sheet->lengths[row] : 0;
}

/* The casefolded cell c of one of the first three records, or "". */
static const char *
sheet_folded (const Sheet *sheet,
              guint        r,
              guint        c)
{
  if (r >= G_N_ELEMENTS (sheet->folded) || sheet->folded[r] == NULL ||
      c >= sheet_width (sheet, r))
    return "";
  return sheet->folded[r][c];
}

/* The first column of record r whose folded name is name, or -1. */
static int
sheet_find (const Sheet *sheet,
            guint        r,
            const char  *name)
{
  for (guint c = 0; c < sheet_width (sheet, r) && r < G_N_ELEMENTS (sheet->folded); c++)
    if (strcmp (sheet->folded[r][c], name) == 0)
      return (int) c;
  return -1;
}

static gboolean
sheet_has (const Sheet *sheet,
           guint        r,
           const char  *name)
{
  return sheet_find (sheet, r, name) >= 0;
}

static guint
scan_digits (const char **p)
{
  guint n = 0;

  while (g_ascii_isdigit (**p))
    {
      (*p)++;
      n++;
    }
  return n;
}

/* "4", "-1.5", "3,25", "80%"; text is stripped. */
static gboolean
is_number (const char *text)
{
  const char *p = text;

  if (*p == '+' || *p == '-')
    p++;
  if (scan_digits (&p) == 0)
    return FALSE;
  if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      p++;
      scan_digits (&p);
    }
  if (*p == '%')
    p++;
  return *p == '\0';
}

/* A date with '-', '/' or '.' between its parts ("2024-03-05", "05/03/2024", "3/5/24"),
 * optionally followed by a time ("10:33:07 AM GMT+1", "T10:33:07Z"); text is stripped. */
static gboolean
is_date (const char *text,
         gboolean    need_time)
{
  const char *p = text;
  guint a, b, c, h, m;
  char separator;

  a = scan_digits (&p);
  separator = *p;
  if (a < 1 || a > 4 || (separator != '-' && separator != '/' && separator != '.'))
    return FALSE;
  p++;
  b = scan_digits (&p);
  if (b < 1 || b > 2 || *p != separator)
    return FALSE;
  p++;
  c = scan_digits (&p);
  if (c < 1 || c > 4 || (a != 4 && c != 4 && !(a <= 2 && c == 2)))
    return FALSE;
  if (*p == '\0')
    return !need_time;
  if (*p != ' ' && *p != 'T')
    return FALSE;
  p++;
  h = scan_digits (&p);
  if (h < 1 || h > 2 || *p != ':')
    return FALSE;
  p++;
  m = scan_digits (&p);
  if (m != 2)
    return FALSE;
  /* Seconds, fractions, AM/PM, a zone: "GMT+1", "UTC", "Z", "+01:00". */
  for (; *p; p++)
    if (!g_ascii_isdigit (*p) && strchr (":., +-AMPGTUCZamp", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_value (const char *cell)
{
  g_autofree char *text = strip_dup (cell);

  return is_number (text) || is_date (text, FALSE);
}

static const KnownColumn *
known_lookup (const KnownColumn *table,
              const char        *folded)
{
  for (guint i = 0; table[i].name != NULL; i++)
    {
      gsize length = strlen (table[i].name);

      if (table[i].name[length - 1] == '*')
        {
          if (strncmp (folded, table[i].name, length - 1) == 0)
            return &table[i];
        }
      else if (strcmp (folded, table[i].name) == 0)
        return &table[i];
    }
  return NULL;
}

static gboolean
known_apply (LikertShapeColumn *column,
             const KnownColumn *table,
             const char        *folded)
{
  const KnownColumn *known = known_lookup (table, folded);

  if (known == NULL)
    return FALSE;
  column->role_hint = known->role;
  column->metadata = known->metadata;
  return TRUE;
}

/* "Question [Row]" (Google Forms grids, LimeSurvey texts): the question, or NULL. */
static char *
bracket_question (const char *name)
{
  g_autofree char *text = strip_dup (name);
  const char *open = g_strrstr (text, " [");

  if (open == NULL || open == text || !g_str_has_suffix (text, "]") || open[2] == ']')
    return NULL;
  return g_strstrip (g_strndup (text, (gsize) (open - text)));
}

/* "emotion (1-5)" → 1, 5. */
static gboolean
parse_range_suffix (const char *folded,
                    int        *low,
                    int        *high)
{
  const char *open = strrchr (folded, '(');
  char *end;
  gint64 a, b;

  if (open == NULL || !g_ascii_isdigit (open[1]))
    return FALSE;
  a = g_ascii_strtoll (open + 1, &end, 10);
  if (*end != '-' || !g_ascii_isdigit (end[1]))
    return FALSE;
  b = g_ascii_strtoll (end + 1, &end, 10);
  if (strcmp (end, ")") != 0 || a < 0 || b <= a || b > 10)
    return FALSE;
  *low = (int) a;
  *high = (int) b;
  return TRUE;
}

static gboolean
hex4 (const char *p,
      gunichar   *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (gunichar) digit;
    }
  return TRUE;
}

/* The ImportId of a Qualtrics row-3 cell: {"ImportId":"QID2_1"} → "QID2_1", else NULL. */
static char *
parse_import_id (const char *cell)
{
  g_autofree char *text = strip_dup (cell);
  g_autoptr(GString) id = NULL;
  const char *p;

  if (text[0] != '{' || !g_str_has_suffix (text, "}"))
    return NULL;
  p = strstr (text, "\"ImportId\"");
  if (p == NULL)
    return NULL;
  p += strlen ("\"ImportId\"");
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != ':')
    return NULL;
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != '"')
    return NULL;

  id = g_string_new (NULL);
  for (; *p && *p != '"'; p++)
    {
      gunichar u, low;

      if (*p != '\\')
        {
          g_string_append_c (id, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case '"':
        case '\\':
        case '/':
          g_string_append_c (id, *p);
          break;
        case 'u':
          if (!hex4 (p + 1, &u))
            return NULL;
          p += 4;
          if (u >= 0xD800 && u < 0xDC00 && p[1] == '\\' && p[2] == 'u' && hex4 (p + 3, &low) &&
              low >= 0xDC00 && low < 0xE000)
            {
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          if (!g_unichar_validate (u) || u == 0)
            return NULL;
          g_string_append_unichar (id, u);
          break;
        default:
          return NULL;
        }
    }
  if (*p != '"' || id->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&id), FALSE);
}

/* Signatures */

/* Qualtrics' third header row: most cells are {"ImportId":…}. */
static gboolean
is_import_id_row (const Sheet *sheet,
                  guint        r)
{
  guint non_empty = 0, ids = 0;

  for (guint c = 0; c < sheet_width (sheet, r); c++)
    {
      const char *cell = sheet_cell (sheet, r, c);
      g_autofree char *id = NULL;

      if (is_empty (cell))
        continue;
      non_empty++;
      id = parse_import_id (cell);
      if (id != NULL)
        ids++;
    }
  return ids > 0 && ids * 2 >= non_empty;
}

static gboolean
has_qualtrics_names (const Sheet *sheet)
{
  return sheet_has (sheet, 0, "startdate") && sheet_has (sheet, 0, "enddate") &&
         sheet_has (sheet, 0, "responseid") &&
         (sheet_has (sheet, 0, "status") || sheet_has (sheet, 0, "recordeddate") ||
          sheet_has (sheet, 0, "ipaddress"));
}

/* 3 with the ImportId row; 2 when row 2 holds Qualtrics' labels ("Response ID"); else 1. */
static guint
qualtrics_header_rows (const Sheet *sheet)
{
  int id_column = sheet_find (sheet, 0, "responseid");
  int start_column = sheet_find (sheet, 0, "startdate");
  const char *id_label = id_column >= 0 ? sheet_folded (sheet, 1, (guint) id_column) : "";
  const char *start_label = start_column >= 0 ? sheet_folded (sheet, 1, (guint) start_column) : "";

  if (sheet_available (sheet) >= 3 && is_import_id_row (sheet, 2))
    return 3;
  if (strcmp (id_label, "response id") == 0 || strcmp (start_label, "start date") == 0)
    return 2;
  return 1;
}

static gboolean
is_qualtrics (const Sheet *sheet)
{
  return (sheet_available (sheet) >= 3 && is_import_id_row (sheet, 2)) ||
         has_qualtrics_names (sheet);
}

static gboolean
is_surveymonkey_answer (const char *folded)
{
  return strcmp (folded, "response") == 0 || strcmp (folded, "open-ended response") == 0;
}

/* Row 1 has SurveyMonkey's names; row 2 is empty under them and labels the answers. */
static gboolean
is_surveymonkey (const Sheet *sheet)
{
  static const char * const others[] = {
    "collector id", "start date", "end date", "ip address", "email address"
  };
  int id_column = sheet_find (sheet, 0, "respondent id");
  guint n_others = 0;
  gboolean labelled = FALSE;

  if (id_column < 0 || sheet_available (sheet) < 2)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (sheet_has (sheet, 0, others[i]))
      n_others++;
  if (n_others < 2 || !is_empty (sheet_cell (sheet, 1, (guint) id_column)))
    return FALSE;

  for (guint c = 0; c < MAX (sheet_width (sheet, 0), sheet_width (sheet, 1)); c++)
    {
      const char *label = sheet_folded (sheet, 1, c);

      if (*label == '\0')
        continue;
      /* "Response", or an option under a question whose text spans several columns. */
      if (is_surveymonkey_answer (label) || *sheet_folded (sheet, 0, c) == '\0')
        labelled = TRUE;
    }
  return labelled;
}

static gboolean
is_limesurvey (const Sheet *sheet)
{
  return (sheet_has (sheet, 0, "id") || sheet_has (sheet, 0, "response id")) &&
         (sheet_has (sheet, 0, "submitdate") || sheet_has (sheet, 0, "date submitted")) &&
         (sheet_has (sheet, 0, "lastpage") || sheet_has (sheet, 0, "last page") ||
          sheet_has (sheet, 0, "startlanguage") || sheet_has (sheet, 0, "start language"));
}

static gboolean
is_hotjar (const Sheet *sheet)
{
  static const char * const others[] = { "user", "country", "device", "browser", "os" };
  guint n_others = 0;

  if (strcmp (sheet_folded (sheet, 0, 0), "number") != 0 ||
      !sheet_has (sheet, 0, "date submitted") || !sheet_has (sheet, 0, "source url"))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (sheet_has (sheet, 0, others[i]))
      n_others++;
  return n_others >= 2;
}

static gboolean
is_typeform (const Sheet *sheet)
{
  return strcmp (sheet_folded (sheet, 0, 0), "#") == 0 &&
         sheet_has (sheet, 0, "submit date (utc)") &&
         (sheet_has (sheet, 0, "start date (utc)") || sheet_has (sheet, 0, "network id"));
}

static gboolean
is_google_forms (const Sheet *sheet)
{
  g_autofree char *first = NULL;

  if (sheet_width (sheet, 0) < 2 || !g_strv_contains (timestamp_names, sheet_folded (sheet, 0, 0)))
    return FALSE;
  /* The first answer's time, when there is one, is a date with a time. */
  first = strip_dup (sheet_cell (sheet, 1, 0));
  return *first == '\0' || is_date (first, TRUE);
}

/* Every cell of the first record is empty, a number or a date, and at least one is not empty:
 * no cell can be a column name. */
static gboolean
is_headerless (const Sheet *sheet)
{
  guint values = 0;

  for (guint c = 0; c < sheet_width (sheet, 0); c++)
    {
      const char *cell = sheet_cell (sheet, 0, c);

      if (is_empty (cell))
        continue;
      if (!is_value (cell))
        return FALSE;
      values++;
    }
  return values > 0;
}

static LikertShapeKind
detect_kind (const Sheet *sheet,
             guint       *header_rows)
{
  *header_rows = 1;
  if (is_qualtrics (sheet))
    {
      *header_rows = qualtrics_header_rows (sheet);
      return LIKERT_SHAPE_QUALTRICS;
    }
  if (is_surveymonkey (sheet))
    {
      *header_rows = 2;
      return LIKERT_SHAPE_SURVEYMONKEY;
    }
  if (is_limesurvey (sheet))
    return LIKERT_SHAPE_LIMESURVEY;
  if (is_hotjar (sheet))
    return LIKERT_SHAPE_HOTJAR;
  if (is_typeform (sheet))
    return LIKERT_SHAPE_TYPEFORM;
  if (is_google_forms (sheet))
    return LIKERT_SHAPE_GOOGLE_FORMS;
  if (is_headerless (sheet))
    {
      *header_rows = 0;
      return LIKERT_SHAPE_HEADERLESS;
    }
  return LIKERT_SHAPE_PLAIN;
}

static guint
default_header_rows (LikertShapeKind  kind,
                     const Sheet     *sheet)
{
  switch (kind)
    {
    case LIKERT_SHAPE_HEADERLESS:
      return 0;
    case LIKERT_SHAPE_SURVEYMONKEY:
      return 2;
    case LIKERT_SHAPE_QUALTRICS:
      return qualtrics_header_rows (sheet);
    case LIKERT_SHAPE_AUTO:
    case LIKERT_SHAPE_PLAIN:
    case LIKERT_SHAPE_GOOGLE_FORMS:
    case LIKERT_SHAPE_LIMESURVEY:
    case LIKERT_SHAPE_HOTJAR:
    case LIKERT_SHAPE_TYPEFORM:
    default:
      return 1;
    }
}

static gboolean
kind_allows_rows (LikertShapeKind kind,
                  guint           rows)
{
  switch (kind)
    {
    case LIKERT_SHAPE_HEADERLESS:
      return rows == 0;
    case LIKERT_SHAPE_PLAIN:
    case LIKERT_SHAPE_QUALTRICS:
      return rows >= 1 && rows <= 3;
    case LIKERT_SHAPE_SURVEYMONKEY:
      return rows == 2;
    case LIKERT_SHAPE_AUTO:
    case LIKERT_SHAPE_GOOGLE_FORMS:
    case LIKERT_SHAPE_LIMESURVEY:
    case LIKERT_SHAPE_HOTJAR:
    case LIKERT_SHAPE_TYPEFORM:
    default:
      return rows == 1;
    }
}

/* Column names */

/* One header row, or several merged: an empty cell above a non-empty one continues the last
 * name of its row (a merged cell); the parts are joined with " — ". */
static void
name_generic (LikertShape *shape,
              const Sheet *sheet)
{
  g_autofree char **carry = g_new0 (char *, shape->header_rows);

  for (guint c = 0; c < shape->n_columns; c++)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();

      for (guint r = 0; r < shape->header_rows; r++)
        {
          const char *cell = sheet_cell (sheet, r, c);
          gboolean below = FALSE;

          if (!is_empty (cell))
            {
              g_free (carry[r]);
              carry[r] = strip_dup (cell);
              g_ptr_array_add (parts, carry[r]);
              continue;
            }
          for (guint r2 = r + 1; r2 < shape->header_rows; r2++)
            below |= !is_empty (sheet_cell (sheet, r2, c));
          if (below && carry[r] != NULL)
            g_ptr_array_add (parts, carry[r]);
        }
      g_ptr_array_add (parts, NULL);
      shape->columns[c].name = g_strjoinv (" — ", (char **) parts->pdata);
    }
  for (guint r = 0; r < shape->header_rows; r++)
    g_free (carry[r]);
}

/* Row 1: metadata names, then question texts followed by empty cells for the question's other
 * columns; row 2: empty under the metadata, then "Response", "Open-Ended Response" or the
 * option / row label. */
static void
name_surveymonkey (LikertShape *shape,
                   const Sheet *sheet)
{
  const char *question = NULL;

  for (guint c = 0; c < shape->n_columns; c++)
    {
      LikertShapeColumn *column = &shape->columns[c];
      const char *top = sheet_cell (sheet, 0, c);
      const char *sub = sheet_cell (sheet, 1, c);
      const char *folded_sub = sheet_folded (sheet, 1, c);
      g_autofree char *sub_text = strip_dup (sub);

      if (!is_empty (top))
        question = top;

      if (is_empty (sub))
        {
          /* A metadata column, or one SurveyMonkey did not label. */
          if (!is_empty (top))
            {
              known_apply (column, surveymonkey_columns, sheet_folded (sheet, 0, c));
              column->name = strip_dup (top);
              question = NULL;
            }
          continue;
        }

      column->question = question ? strip_dup (question) : NULL;
      if (question == NULL)
        column->name = g_steal_pointer (&sub_text);
      else if (is_surveymonkey_answer (folded_sub))
        column->name = g_strdup (column->question);
      else
        column->name = g_strdup_printf ("%s — %s", column->question, sub_text);

      if (strcmp (folded_sub, "open-ended response") == 0 ||
          strcmp (folded_sub, "other (please specify)") == 0)
        column->role_hint = LIKERT_ROLE_TEXT;
    }
}

/* Row 1 short names, row 2 question texts, row 3 {"ImportId":…}. */
static void
name_qualtrics (LikertShape *shape,
                const Sheet *sheet)
{
  for (guint c = 0; c < shape->n_columns; c++)
    {
      LikertShapeColumn *column = &shape->columns[c];
      const char *folded = sheet_folded (sheet, 0, c);

      column->name = strip_dup (sheet_cell (sheet, 0, c));
      if (shape->header_rows >= 2 && !is_empty (sheet_cell (sheet, 1, c)))
        column->question = strip_dup (sheet_cell (sheet, 1, c));
      if (shape->header_rows >= 3)
        column->import_id = parse_import_id (sheet_cell (sheet, 2, c));

      if (!known_apply (column, qualtrics_columns, folded) && column->import_id != NULL)
        {
          g_autofree char *folded_id = g_utf8_casefold (column->import_id, -1);

          known_apply (column, qualtrics_columns, folded_id);
        }
      if (g_str_has_suffix (folded, "_text") ||
          (column->import_id != NULL && g_str_has_suffix (column->import_id, "_TEXT")))
        column->role_hint = LIKERT_ROLE_TEXT;
      if (shape->status_column < 0 &&
          (strcmp (folded, "status") == 0 ||
           g_strcmp0 (column->import_id, "status") == 0))
        shape->status_column = (int) c;
    }
}

/* The one-row vendors: the names as they are, with what the vendor's layout says. */
static void
name_one_row (LikertShape *shape,
              const Sheet *sheet)
{
  for (guint c = 0; c < shape->n_columns; c++)
    {
      LikertShapeColumn *column = &shape->columns[c];
      const char *folded = sheet_folded (sheet, 0, c);

      column->name = strip_dup (sheet_cell (sheet, 0, c));
      switch (shape->kind)
        {
        case LIKERT_SHAPE_GOOGLE_FORMS:
          if (c == 0)
            column->role_hint = LIKERT_ROLE_TIME;
          else
            known_apply (column, google_forms_columns, folded);
          column->question = bracket_question (column->name);
          break;

        case LIKERT_SHAPE_LIMESURVEY:
          known_apply (column, limesurvey_columns, folded);
          if (g_str_has_suffix (folded, "[comment]") || g_str_has_suffix (folded, "[other]"))
            column->role_hint = LIKERT_ROLE_TEXT;
          column->question = bracket_question (column->name);
          break;

        case LIKERT_SHAPE_HOTJAR:
          known_apply (column, hotjar_columns, folded);
          if (g_str_has_prefix (folded, "emotion") &&
              parse_range_suffix (folded, &column->scale_min, &column->scale_max))
            column->role_hint = LIKERT_ROLE_RATING;
          break;

        case LIKERT_SHAPE_TYPEFORM:
          known_apply (column, typeform_columns, folded);
          break;

        case LIKERT_SHAPE_AUTO:
        case LIKERT_SHAPE_PLAIN:
        case LIKERT_SHAPE_HEADERLESS:
        case LIKERT_SHAPE_SURVEYMONKEY:
        case LIKERT_SHAPE_QUALTRICS:
        default:
          break;
        }
    }
}

/* Empty names become "Column N", repeated ones get " (2)", " (3)"…; both are reported. At most
 * one column keeps the ID hint and one the TIME hint. */
static void
finish_columns (LikertShape *shape)
{
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean have_id = FALSE, have_time = FALSE;

  for (guint c = 0; c < shape->n_columns; c++)
    {
      LikertShapeColumn *column = &shape->columns[c];

      if (column->name == NULL || *column->name == '\0')
        {
          g_free (column->name);
          /* Not translated: the name is stored in the project, shared across languages. */
          column->name = g_strdup_printf ("Column %u", c + 1);
          if (shape->kind != LIKERT_SHAPE_HEADERLESS)
            g_ptr_array_add (shape->notices,
                             g_strdup_printf (_("Column %u has no name; it is called “%s”."),
                                              c + 1, column->name));
        }
      if (g_hash_table_contains (used, column->name))
        {
          char *unique = NULL;

          for (guint k = 2; unique == NULL || g_hash_table_contains (used, unique); k++)
            {
              g_free (unique);
              unique = g_strdup_printf ("%s (%u)", column->name, k);
            }
          g_ptr_array_add (shape->notices,
                           g_strdup_printf (_("The column name “%s” is repeated; column %u is "
                                              "called “%s”."), column->name, c + 1, unique));
          g_free (column->name);
          column->name = unique;
        }
      g_hash_table_add (used, column->name);

      if (column->role_hint == LIKERT_ROLE_ID)
        {
          if (have_id)
            column->role_hint = LIKERT_ROLE_OTHER;
          have_id = TRUE;
        }
      else if (column->role_hint == LIKERT_ROLE_TIME)
        {
          if (have_time)
            column->role_hint = LIKERT_ROLE_OTHER;
          have_time = TRUE;
        }
    }
}

static const char *
missing_row_message (guint row)
{
  switch (row)
    {
    case 1:
      return _("The file has no header row.");
    case 2:
      return _("The file has no second header row.");
    default:
      return _("The file has no third header row.");
    }
}

/* Public API */

const char *
likert_shape_kind_to_string (LikertShapeKind kind)
{
  if (kind >= 0 && kind < LIKERT_SHAPE_N_KINDS)
    return kind_names[kind];
  return "plain";
}

gboolean
likert_shape_kind_from_string (const char      *str,
                               LikertShapeKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        *kind = (LikertShapeKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
likert_shape_kind_display_name (LikertShapeKind kind)
{
  switch (kind)
    {
    case LIKERT_SHAPE_HEADERLESS:
      return _("CSV without a header row");
    case LIKERT_SHAPE_GOOGLE_FORMS:
      /* Translators: a product name */
      return _("Google Forms");
    case LIKERT_SHAPE_SURVEYMONKEY:
      /* Translators: a product name */
      return _("SurveyMonkey");
    case LIKERT_SHAPE_QUALTRICS:
      /* Translators: a product name */
      return _("Qualtrics");
    case LIKERT_SHAPE_LIMESURVEY:
      /* Translators: a product name */
      return _("LimeSurvey");
    case LIKERT_SHAPE_HOTJAR:
      /* Translators: a product name */
      return _("Hotjar");
    case LIKERT_SHAPE_TYPEFORM:
      /* Translators: a product name */
      return _("Typeform");
    case LIKERT_SHAPE_AUTO:
    case LIKERT_SHAPE_PLAIN:
    default:
      return _("Plain CSV with a header row");
    }
}

LikertShape *
likert_shape_detect (const char * const * const  *records,
                     guint                        n_records,
                     LikertShapeKind              force_kind,
                     int                          force_header_rows,
                     GError                     **error)
{
  g_autoptr(LikertShape) shape = NULL;
  Sheet sheet;
  LikertShapeKind kind;
  guint rows;

  g_return_val_if_fail (records != NULL || n_records == 0, NULL);
  g_return_val_if_fail (force_kind >= LIKERT_SHAPE_AUTO && force_kind < LIKERT_SHAPE_N_KINDS,
                        NULL);
  g_return_val_if_fail (force_header_rows >= -1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (force_header_rows > 3)
    {
      g_set_error (error, LIKERT_SHAPE_ERROR, LIKERT_SHAPE_ERROR_MISFIT,
                   _("A file can have at most 3 header rows, not %d."), force_header_rows);
      return NULL;
    }

  sheet_init (&sheet, records, n_records);
  if (sheet_available (&sheet) == 0)
    {
      sheet_clear (&sheet);
      g_set_error_literal (error, LIKERT_SHAPE_ERROR, LIKERT_SHAPE_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }

  if (force_kind == LIKERT_SHAPE_AUTO)
    {
      kind = detect_kind (&sheet, &rows);
      if (force_header_rows >= 0 && (guint) force_header_rows != rows)
        {
          rows = (guint) force_header_rows;
          if (!kind_allows_rows (kind, rows))
            kind = rows == 0 ? LIKERT_SHAPE_HEADERLESS : LIKERT_SHAPE_PLAIN;
        }
    }
  else
    {
      kind = force_kind;
      if (force_header_rows >= 0)
        rows = (guint) force_header_rows;
      else
        rows = default_header_rows (kind, &sheet);
      if (!kind_allows_rows (kind, rows))
        {
          g_set_error (error, LIKERT_SHAPE_ERROR, LIKERT_SHAPE_ERROR_MISFIT,
                       ngettext ("A file in the “%s” layout cannot have %u header row.",
                                 "A file in the “%s” layout cannot have %u header rows.", rows),
                       likert_shape_kind_display_name (kind), rows);
          sheet_clear (&sheet);
          return NULL;
        }
    }

  if (rows > sheet_available (&sheet))
    {
      g_set_error_literal (error, LIKERT_SHAPE_ERROR, LIKERT_SHAPE_ERROR_MISFIT,
                           missing_row_message (sheet_available (&sheet) + 1));
      sheet_clear (&sheet);
      return NULL;
    }

  shape = g_new0 (LikertShape, 1);
  shape->kind = kind;
  shape->skip_rows = sheet.first;
  shape->header_rows = rows;
  shape->status_column = -1;
  shape->notices = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < MAX (rows, 1); r++)
    shape->n_columns = MAX (shape->n_columns, sheet_width (&sheet, r));
  shape->columns = g_new0 (LikertShapeColumn, MAX (shape->n_columns, 1));

  switch (kind)
    {
    case LIKERT_SHAPE_HEADERLESS:
      break;
    case LIKERT_SHAPE_SURVEYMONKEY:
      name_surveymonkey (shape, &sheet);
      break;
    case LIKERT_SHAPE_QUALTRICS:
      name_qualtrics (shape, &sheet);
      break;
    case LIKERT_SHAPE_GOOGLE_FORMS:
    case LIKERT_SHAPE_LIMESURVEY:
    case LIKERT_SHAPE_HOTJAR:
    case LIKERT_SHAPE_TYPEFORM:
      name_one_row (shape, &sheet);
      break;
    case LIKERT_SHAPE_AUTO:
    case LIKERT_SHAPE_PLAIN:
    default:
      name_generic (shape, &sheet);
      break;
    }
  finish_columns (shape);

  sheet_clear (&sheet);
  return g_steal_pointer (&shape);
}

gboolean
likert_shape_excludes (const LikertShape  *shape,
                       const char * const *record,
                       const char        **reason)
{
  g_autofree char *status = NULL;
  ExcludeReason why = EXCLUDE_NONE;
  gint64 code = -1;
  char *end;
  guint c;

  g_return_val_if_fail (shape != NULL, FALSE);

  if (reason != NULL)
    *reason = NULL;
  if (shape->status_column < 0 || record == NULL)
    return FALSE;
  c = 0;
  while (record[c] != NULL && c < (guint) shape->status_column)
    c++;
  if (record[c] == NULL)
    return FALSE;

  status = fold (record[c]);
  if (g_ascii_isdigit (status[0]))
    {
      code = g_ascii_strtoll (status, &end, 10);
      if (*end != '\0')
        code = -1;
    }
  for (guint i = 0; i < G_N_ELEMENTS (qualtrics_excluded); i++)
    if (qualtrics_excluded[i].code == code || strcmp (qualtrics_excluded[i].label, status) == 0)
      why = qualtrics_excluded[i].reason;

  switch (why)
    {
    case EXCLUDE_PREVIEW:
      if (reason != NULL)
        *reason = _("a survey preview");
      return TRUE;
    case EXCLUDE_TEST:
      if (reason != NULL)
        *reason = _("a survey test");
      return TRUE;
    case EXCLUDE_SPAM:
      if (reason != NULL)
        *reason = _("marked as spam");
      return TRUE;
    case EXCLUDE_SYNTHETIC:
      if (reason != NULL)
        *reason = _("a synthetic response");
      return TRUE;
    case EXCLUDE_NONE:
    default:
      return FALSE;
    }
}

LikertShape *
likert_shape_copy (const LikertShape *shape)
{
  LikertShape *copy = g_memdup2 (shape, sizeof *shape);

  copy->columns = g_memdup2 (shape->columns, sizeof *shape->columns * shape->n_columns);
  for (guint c = 0; c < shape->n_columns; c++)
    {
      copy->columns[c].name = g_strdup (shape->columns[c].name);
      copy->columns[c].question = g_strdup (shape->columns[c].question);
      copy->columns[c].import_id = g_strdup (shape->columns[c].import_id);
    }
  if (shape->notices != NULL)
    {
      copy->notices = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < shape->notices->len; i++)
        g_ptr_array_add (copy->notices, g_strdup (g_ptr_array_index (shape->notices, i)));
    }
  return copy;
}

void
likert_shape_free (LikertShape *shape)
{
  if (shape == NULL)
    return;
  for (guint c = 0; c < shape->n_columns; c++)
    {
      g_free (shape->columns[c].name);
      g_free (shape->columns[c].question);
      g_free (shape->columns[c].import_id);
    }
  g_free (shape->columns);
  g_clear_pointer (&shape->notices, g_ptr_array_unref);
  g_free (shape);
}
