/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "likert-csv.h"
#include "likert-scale.h"

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  gsize       step;
} Drip;

/* A fill function that hands out the text a few bytes at a time. */
static gboolean
drip_fill (gpointer   user_data,
           GString   *text,
           gboolean  *eof,
           GError   **error)
{
  Drip *drip = user_data;
  gsize n = MIN (drip->step, drip->length - drip->pos);

  g_string_append_len (text, drip->text + drip->pos, (gssize) n);
  drip->pos += n;
  *eof = drip->pos >= drip->length;
  return TRUE;
}

static char *
tokenize_with (LikertCsvTokenizer  *tokenizer,
               GError             **error)
{
  GString *out = g_string_new (NULL);
  const char * const *fields;
  guint n;

  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, error))
    {
      const gsize *lengths = likert_csv_tokenizer_lengths (tokenizer);

      for (guint i = 0; i < n; i++)
        {
          /* The lengths given are the fields' own, in every test of the tokenizer. */
          g_assert_cmpuint (lengths[i], ==, strlen (fields[i]));
          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, fields[i]);
        }
      g_string_append_c (out, ';');
    }
  return g_string_free (out, FALSE);
}

/* Tokenizes text and returns its records joined as "a|b;c|d;" for easy comparison; checks that
 * a streaming tokenizer fed 1, 2, 3 and 5 bytes at a time gives the same records and errors. */
static char *
tokenize (const char *text,
          char        delimiter,
          GError    **error)
{
  g_autoptr(LikertCsvTokenizer) tokenizer = likert_csv_tokenizer_new (text, strlen (text),
                                                                      delimiter, "t.csv");
  g_autoptr(GError) local_error = NULL;
  char *expected = tokenize_with (tokenizer, &local_error);

  for (gsize step = 1; step <= 5; step += step < 3 ? 1 : 2)
    {
      Drip drip = { text, strlen (text), 0, step };
      g_autoptr(LikertCsvTokenizer) streaming = likert_csv_tokenizer_new_streaming (drip_fill, &drip,
                                                                                    delimiter, "t.csv");
      g_autoptr(GError) streaming_error = NULL;
      g_autofree char *got = tokenize_with (streaming, &streaming_error);

      g_assert_cmpstr (got, ==, expected);
      if (local_error == NULL)
        g_assert_no_error (streaming_error);
      else
        g_assert_cmpstr (streaming_error ? streaming_error->message : NULL, ==, local_error->message);
      g_assert_cmpuint (likert_csv_tokenizer_offset (streaming), ==,
                        local_error ? likert_csv_tokenizer_offset (streaming) : strlen (text));
    }

  if (local_error)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return expected;
}

/* Unquoted fields of every length from 0 to 19 bytes (the tokenizer reads runs eight bytes at
 * a time), each followed by every delimiter and line end, with the other delimiters and a
 * quote inside as plain text: each record is what was written. */
static void
test_unquoted_runs (void)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  static const char * const ends[] = { "\n", "\r\n", "\r" };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autoptr(GString) expected = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        g_autofree char *got = NULL;

        for (guint length = 0; length < 20; length++)
          {
            g_autoptr(GString) field = g_string_new (NULL);

            for (guint i = 0; i < length; i++)
              {
                /* Another delimiter than this one, a quote past the start, or a letter. */
                char c = "abc;,|\t\"xyzw"[(i * 7 + length) % 12];

                if (c == delimiters[d] || (c == '"' && i == 0))
                  c = 'q';
                g_string_append_c (field, c);
              }
            g_string_append_printf (text, "%s%c%s%s", field->str, delimiters[d], field->str,
                                    ends[e]);
            g_string_append_printf (expected, "%s|%s;", field->str, field->str);
          }
        got = tokenize (text->str, delimiters[d], &error);
        g_assert_no_error (error);
        g_assert_cmpstr (got, ==, expected->str);
      }
}

static void
test_rfc4180 (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "a,b,c\n1,2,3\n", "a|b|c;1|2|3;" },
    { "a,b\r\n1,2\r\n", "a|b;1|2;" },
    { "a,b\r1,2\r", "a|b;1|2;" },
    { "a,b\n1,2", "a|b;1|2;" },                         /* no final newline */
    { "a,b\r\n1,2\n3,4\r5,6", "a|b;1|2;3|4;5|6;" },      /* mixed line ends */
    { "\"x,y\",z\n", "x,y|z;" },                        /* quoted delimiter */
    { "\"say \"\"hi\"\"\",2\n", "say \"hi\"|2;" },      /* doubled quotes */
    { "\"line\nbreak\",2\n", "line\nbreak|2;" },        /* quoted newline */
    { "\"\",,\n", "||;" },                              /* empty fields */
    { "a\"b,c\n", "a\"b|c;" },                          /* quote inside unquoted field */
    { "\"a\"\"\",\"\"\"\"\"\"\r\n\"x\r\ny\"\r\n", "a\"|\"\";x\r\ny;" }, /* quotes, CRLF at every cut */
    { "\n\na,b\n", ";;a|b;" },                        /* leading blank lines are records */
    { "é,ß,\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\n", "é|ß|مرحبا;" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *got = tokenize (cases[i].in, ',', &error);

      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_lines (void)
{
  const char *text = "h1,h2\n\"multi\nline\",x\nlast,y\n";
  g_autoptr(LikertCsvTokenizer) tokenizer = likert_csv_tokenizer_new (text, strlen (text), ',', "t");
  const char * const *fields;
  guint n;
  guint expected[] = { 1, 2, 4 };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_true (likert_csv_tokenizer_next (tokenizer, &fields, &n, NULL));
      g_assert_cmpuint (likert_csv_tokenizer_line (tokenizer), ==, expected[i]);
    }
  g_assert_cmpuint (likert_csv_tokenizer_column (tokenizer, 1), ==, 6);
  g_assert_false (likert_csv_tokenizer_next (tokenizer, &fields, &n, NULL));
}

static void
test_unterminated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = tokenize ("a,b\n1,\"open\n2,3\n", ',', &error);

  g_assert_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_UNTERMINATED);
  g_assert_cmpstr (error->message, ==, "t.csv:2:3: the quoted field that starts here is never closed");
}

static void
test_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = tokenize ("a,b\n\"x\"y,2\n", ',', &error);

  g_assert_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_QUOTE);
  g_assert_cmpstr (error->message, ==, "t.csv:2:4: unexpected text after a closing quote");
}

static void
test_sniff (void)
{
  g_assert_cmpint (likert_csv_sniff ("a,b,c\n1,2,3\n", 12), ==, ',');
  g_assert_cmpint (likert_csv_sniff ("a;b;c\n1;\"2,5\";3\n", 17), ==, ';');
  g_assert_cmpint (likert_csv_sniff ("a\tb\tc\n1,5\t2\t3\n", 14), ==, '\t');
  g_assert_cmpint (likert_csv_sniff ("a|b|c\n", 6), ==, '|');
}

static GBytes *
decode (const char  *data,
        gsize        length,
        char       **encoding,
        GError     **error)
{
  g_autoptr(GBytes) raw = g_bytes_new (data, length);
  return likert_csv_decode (raw, "t.csv", encoding, error);
}

static void
test_decode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GBytes) text = NULL;
  static const char utf16le[] = "\xff\xfe" "a\0,\0\xe9\0\n\0";
  static const char utf16be[] = "\xfe\xff" "\0a\0,\0\xe9\0\n";

  text = decode ("\xef\xbb\xbf" "a,b\n", 7, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "UTF-8 (BOM)");
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "a,b\n", 4);
  g_clear_pointer (&text, g_bytes_unref);
  g_clear_pointer (&encoding, g_free);

  text = decode (utf16le, sizeof utf16le - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "UTF-16LE");
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "a,é\n", 5);
  g_clear_pointer (&text, g_bytes_unref);
  g_clear_pointer (&encoding, g_free);

  text = decode (utf16be, sizeof utf16be - 1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text), "a,é\n", 5);
  g_clear_pointer (&text, g_bytes_unref);
  g_clear_pointer (&encoding, g_free);

  /* U+0000 in UTF-16 is refused like a NUL in UTF-8, at its place: line 2, column 2, byte 8
   * (the BOM, "a" LF, then "b"). */
  {
    static const char with_nul[] = "\xff\xfe" "a\0\n\0b\0\0\0c\0";

    text = decode (with_nul, sizeof with_nul - 1, &encoding, &error);
    g_assert_null (text);
    g_assert_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_ENCODING);
    g_assert_true (g_str_has_prefix (error->message, "t.csv:2:2: NUL character at offset 8"));
    g_clear_error (&error);
    g_clear_pointer (&encoding, g_free);
  }

  /* Latin-1 é (0xE9) on line 2, after "ab," */
  text = decode ("h1,h2\nab,caf\xe9\n", 15, &encoding, &error);
  g_assert_null (text);
  g_assert_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "t.csv:2:7: the byte 0xE9 at offset 12 is not valid UTF-8 text");
}

/* An endless quoted field: x without end, a MiB at a time, counted. */
static gboolean
endless_fill (gpointer   user_data,
              GString   *text,
              gboolean  *eof,
              GError   **error)
{
  gsize *supplied = user_data;
  gsize before = text->len;
  gsize from;

  if (*supplied == 0)
    g_string_append (text, "id,comment\n1,\"");
  from = text->len;
  g_string_set_size (text, from + 1024 * 1024);
  memset (text->str + from, 'x', text->len - from);
  *supplied += text->len - before;
  *eof = FALSE;
  return TRUE;
}

/* A record longer than the limit is an error at its line, after reading little more than the
 * limit (memory stays bounded), and in linear time (the window doubles). */
static void
test_too_long (void)
{
  g_autoptr(GError) error = NULL;
  gsize supplied = 0;
  LikertCsvTokenizer *tokenizer = likert_csv_tokenizer_new_streaming (endless_fill, &supplied,
                                                                       ',', "endless.csv");
  const char * const *fields;
  guint n;

  g_assert_true (likert_csv_tokenizer_next (tokenizer, &fields, &n, &error));
  g_assert_no_error (error);
  g_assert_false (likert_csv_tokenizer_next (tokenizer, &fields, &n, &error));
  g_assert_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_TOO_LONG);
  g_assert_true (g_str_has_prefix (error->message, "endless.csv:2: "));
  g_assert_cmpuint (supplied, <=, 2 * (gsize) LIKERT_CSV_MAX_RECORD + 2 * 1024 * 1024);
  likert_csv_tokenizer_free (tokenizer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/csv/unquoted-runs", test_unquoted_runs);
  g_test_add_func ("/csv/lines", test_lines);
  g_test_add_func ("/csv/unterminated", test_unterminated);
  g_test_add_func ("/csv/too-long", test_too_long);
  g_test_add_func ("/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/csv/sniff", test_sniff);
  g_test_add_func ("/csv/decode", test_decode);
  return g_test_run ();
}
