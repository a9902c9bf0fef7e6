/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "likert-encoding.h"

/* The fixtures of tests/data/encodings (made by make-fixtures.py) and what they must give. */
typedef struct
{
  const char *file;
  const char *encoding;      /* what likert_encoding_detect() says */
  gsize       bom;
  const char *expected;      /* the UTF-8 text, in expected/ */
} Fixture;

static const Fixture fixtures[] = {
  { "fr-utf8.csv", "UTF-8", 0, "fr.csv" },
  { "fr-utf8-bom.csv", "UTF-8", 3, "fr.csv" },
  { "fr-windows-1252.csv", "WINDOWS-1252", 0, "fr.csv" },
  /* uchardet says ISO-8859-1; WINDOWS-1252 is its superset for text */
  { "fr-iso-8859-1.csv", "WINDOWS-1252", 0, "fr-latin1.csv" },
  { "fr-utf16le-bom.txt", "UTF-16LE", 2, "fr-tab.txt" },
  { "fr-utf16be-bom.txt", "UTF-16BE", 2, "fr-tab.txt" },
  { "fr-utf16le.txt", "UTF-16LE", 0, "fr-tab.txt" },
  { "fr-utf16be.txt", "UTF-16BE", 0, "fr-tab.txt" },
  { "ar-windows-1256.csv", "WINDOWS-1256", 0, "ar.csv" },
  { "ar-iso-8859-6.csv", "ISO-8859-6", 0, "ar.csv" },
  { "ar-utf16le-bom.txt", "UTF-16LE", 2, "ar-tab.txt" },
  { "ar-utf16le.txt", "UTF-16LE", 0, "ar-tab.txt" },       /* half the code units are ASCII */
  { "ru-windows-1251.csv", "WINDOWS-1251", 0, "ru.csv" },
  { "ru-koi8-r.csv", "KOI8-R", 0, "ru-lf.csv" },
};

/* Chunk sizes every decode is repeated with; 0 is the whole input at once. */
static const gsize chunk_sizes[] = { 1, 2, 3, 7, 4096, 0 };

static GBytes *
read_data (const char *dir,
           const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  path = dir ? g_test_build_filename (G_TEST_DIST, "data", "encodings", dir, name, NULL)
             : g_test_build_filename (G_TEST_DIST, "data", "encodings", name, NULL);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char *
detect (const void *data,
        gsize       length,
        gboolean    complete,
        gsize      *bom)
{
  return likert_encoding_detect (data, MIN (length, 64 * 1024), complete && length <= 64 * 1024,
                                 bom);
}

/* Decodes data[skip..length) as the importer does, in chunks of chunk bytes (0: all at once).
 * separate_final: the chunks are fed as not final, then an empty final one. in_place: for
 * UTF-8, the chunks after the first four bytes (which hold any byte-order mark, as the
 * importer's first chunk does) are appended to out and checked there. */
static gboolean
decode (const char   *encoding,
        const guint8 *data,
        gsize         length,
        gsize         skip,
        gsize         chunk,
        gboolean      separate_final,
        gboolean      in_place,
        GString      *out,
        GError      **error)
{
  g_autoptr(LikertDecoder) decoder = likert_decoder_new (encoding, "export.csv", error);
  gsize pos = skip;

  if (decoder == NULL)
    return FALSE;
  likert_decoder_set_offset (decoder, skip);
  if (chunk == 0)
    chunk = G_MAXSIZE;
  in_place = in_place && likert_decoder_reads_in_place (decoder);

  do
    {
      gsize n = MIN (chunk, length - pos);
      gboolean final = !separate_final && pos + n == length;

      if (in_place && pos >= skip + 4)
        {
          g_string_append_len (out, (const char *) data + pos, (gssize) n);
          if (!likert_decoder_feed_in_place (decoder, out, n, final, error))
            return FALSE;
        }
      else if (!likert_decoder_feed (decoder, data + pos, n, final, out, error))
        return FALSE;
      pos += n;
    }
  while (pos < length);

  if (separate_final && in_place && pos >= skip + 4)
    return likert_decoder_feed_in_place (decoder, out, 0, TRUE, error);
  if (separate_final)
    return likert_decoder_feed (decoder, NULL, 0, TRUE, out, error);
  return TRUE;
}

/* Decodes with every chunk size (and both ways of ending, and in place); asserts all give the
 * same text and the same error. Returns the text; *message the error message (NULL: success). */
static char *
decode_all_ways (const char   *encoding,
                 const guint8 *data,
                 gsize         length,
                 gsize         skip,
                 char        **message)
{
  char *first_text = NULL, *first_message = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      for (int way = 0; way < 4; way++)
        {
          g_autoptr(GString) out = g_string_new (NULL);
          g_autoptr(GError) error = NULL;
          gboolean ok = decode (encoding, data, length, skip, chunk_sizes[i], way & 1,
                                way >> 1, out, &error);

          g_assert_true (ok == (error == NULL));
          if (error != NULL)
            g_assert_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID);
          g_assert_null (strstr (out->str, "\xEF\xBF\xBD"));   /* never U+FFFD */
          if (first)
            {
              first_text = g_strdup (out->str);
              first_message = error ? g_strdup (error->message) : NULL;
              first = FALSE;
            }
          else
            {
              g_assert_cmpstr (out->str, ==, first_text);
              g_assert_cmpstr (error ? error->message : NULL, ==, first_message);
            }
        }
    }
  *message = first_message;
  return first_text;
}

/* Line and 1-based column just after UTF-8 text (CR, LF and CRLF each end one line). */
static void
position_after (const char *text,
                guint      *line,
                guint      *column)
{
  char previous = 0;

  *line = 1;
  *column = 1;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (*p == '\r' || (*p == '\n' && previous != '\r'))
        {
          (*line)++;
          *column = 1;
        }
      else if (*p != '\n')
        (*column)++;
      previous = *p;
    }
}

/* The bytes of UTF-8 text[0..length) in encoding. */
static GBytes *
encode (const char *text,
        gssize      length,
        const char *encoding)
{
  g_autoptr(GError) error = NULL;
  gsize written;
  char *bytes = g_convert (text, length, encoding, "UTF-8", NULL, &written, &error);

  g_assert_no_error (error);
  return g_bytes_new_take (bytes, written);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_detect_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = read_data (NULL, fixtures[i].file);
      gsize length, bom = 99;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      g_autofree char *encoding = detect (data, length, TRUE, &bom);

      g_test_message ("%s: %s, BOM %" G_GSIZE_FORMAT, fixtures[i].file, encoding, bom);
      g_assert_cmpstr (encoding, ==, fixtures[i].encoding);
      g_assert_cmpuint (bom, ==, fixtures[i].bom);
    }
}

static void
test_decode_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = read_data (NULL, fixtures[i].file);
      g_autoptr(GBytes) reference = read_data ("expected", fixtures[i].expected);
      g_autoptr(GBytes) suffix = NULL;
      g_autoptr(GByteArray) with_nul = NULL;
      g_autofree char *text = NULL, *message = NULL, *expected_message = NULL;
      g_autofree char *text_before_nul = NULL;
      gsize length, suffix_length;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      const guint8 *suffix_data;
      guint line, column;

      g_test_message ("%s", fixtures[i].file);
      text = decode_all_ways (fixtures[i].encoding, data, length, fixtures[i].bom, &message);
      g_assert_null (message);
      g_assert_cmpstr (text, ==, g_bytes_get_data (reference, NULL));

      /* The same file with "x" and a NUL after it: every way of chunking must report the NUL
       * at the same line, column and offset, which proves the counting across chunks. */
      suffix = encode ("x\0", 2, fixtures[i].encoding);
      suffix_data = g_bytes_get_data (suffix, &suffix_length);
      with_nul = g_byte_array_new ();
      g_byte_array_append (with_nul, data, (guint) length);
      g_byte_array_append (with_nul, suffix_data, (guint) suffix_length);

      g_free (text);
      text = decode_all_ways (fixtures[i].encoding, with_nul->data, with_nul->len,
                              fixtures[i].bom, &message);
      text_before_nul = g_strconcat (g_bytes_get_data (reference, NULL), "x", NULL);
      g_assert_cmpstr (text, ==, text_before_nul);
      position_after (text_before_nul, &line, &column);
      expected_message = g_strdup_printf ("export.csv:%u:%u: NUL character at offset %"
                                          G_GSIZE_FORMAT ": CSV text never contains one "
                                          "(is the file really %s?)",
                                          line, column, length + suffix_length / 2,
                                          fixtures[i].encoding);
      g_assert_cmpstr (message, ==, expected_message);
    }
}

/* Line breaks of every kind, alone, doubled and mixed, among ASCII and longer characters, at
 * every place in a word of eight bytes and across pieces: the NUL after them is reported at
 * the line and column counted one character at a time. */
static void
test_line_breaks (void)
{
  static const char * const pieces[] = {
    "\r", "\n", "\r\n", "\n\r", "a", "bc", "\xc3\xa9", "\xd8\xb9", "\xe2\x82\xac",
    "\xf0\x9f\x98\x80", "\"", ",",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (1128);

  /* 300 random texts, then long runs of one kind of break (more than 255 in a byte lane) */
  for (guint i = 0; i < 300 + 3; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *decoded = NULL, *message = NULL, *expected = NULL;
      guint n = (guint) g_rand_int_range (rand, 0, 60), line, column;

      for (guint k = 0; k < n && i < 300; k++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      for (guint k = 0; k < 5000 && i >= 300; k++)
        g_string_append (text, pieces[i - 300]);
      position_after (text->str, &line, &column);
      expected = g_strdup_printf ("export.csv:%u:%u: NUL character at offset %" G_GSIZE_FORMAT
                                  ": CSV text never contains one (is the file really UTF-8?)",
                                  line, column, text->len);
      g_string_append_len (text, "\0", 1);
      decoded = decode_all_ways ("UTF-8", (const guint8 *) text->str, text->len, 0, &message);
      g_assert_cmpstr (message, ==, expected);
    }
}

static void
test_detect_utf16_without_bom (void)
{
  static const char text[] = "id\trating\tcomment\r\n1\t5\tTrès bien\r\n2\t1\tبطيء جدا\r\n";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GBytes) bytes = encode (text, -1, encodings[i]);
      gsize length, bom = 99;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      g_autofree char *encoding = likert_encoding_detect (data, length, TRUE, &bom);
      g_autofree char *cut = NULL;
      g_autofree char *decoded = NULL, *message = NULL;

      g_assert_cmpstr (encoding, ==, encodings[i]);
      g_assert_cmpuint (bom, ==, 0);

      /* a sample that ends in the middle of a code unit */
      cut = likert_encoding_detect (data, length - 1, FALSE, &bom);
      g_assert_cmpstr (cut, ==, encodings[i]);

      decoded = decode_all_ways (encoding, data, length, 0, &message);
      g_assert_null (message);
      g_assert_cmpstr (decoded, ==, text);
    }
}

static void
test_detect_boms (void)
{
  static const struct
  {
    const char *data;
    gsize       length;
    const char *encoding;
    gsize       bom;
    const char *text;       /* decoded after the mark */
  } cases[] = {
    { "\xEF\xBB\xBF" "a,b\n", 7, "UTF-8", 3, "a,b\n" },
    { "\xFF\xFE" "a\0,\0b\0", 8, "UTF-16LE", 2, "a,b" },
    { "\xFE\xFF" "\0a\0,\0b", 8, "UTF-16BE", 2, "a,b" },
    { "\xFF\xFE\0\0" "a\0\0\0", 8, "UTF-32LE", 4, "a" },
    { "\0\0\xFE\xFF" "\0\0\0a", 8, "UTF-32BE", 4, "a" },
    { "\xEF\xBB", 2, "UTF-8", 0, NULL },        /* a cut mark: still valid UTF-8 so far */
    { "", 0, "UTF-8", 0, "" },
    { "id,name\r\n1,Bob\r\n", 16, "UTF-8", 0, "id,name\r\n1,Bob\r\n" },   /* ASCII */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize bom = 99;
      g_autofree char *encoding = likert_encoding_detect ((const guint8 *) cases[i].data,
                                                          cases[i].length, FALSE, &bom);
      g_autofree char *text = NULL, *message = NULL;

      g_assert_cmpstr (encoding, ==, cases[i].encoding);
      g_assert_cmpuint (bom, ==, cases[i].bom);
      if (cases[i].text == NULL)
        continue;
      text = decode_all_ways (encoding, (const guint8 *) cases[i].data, cases[i].length, bom,
                              &message);
      g_assert_null (message);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* A sample cut by the 64 KiB limit in the middle of a character is still UTF-8; a whole file
 * that ends that way is not. */
static void
test_detect_cut_sample (void)
{
  static const char text[] = "Région;Commentaire\r\n"
                             "Île-de-France;Très bien, « parfait » — merci\r\n";
  gsize length = strlen (text);

  for (gsize cut = 1; cut <= length; cut++)
    {
      g_autofree char *encoding = likert_encoding_detect ((const guint8 *) text, cut, FALSE, NULL);

      g_assert_cmpstr (encoding, ==, "UTF-8");
    }
}

/* Short samples: few non-ASCII bytes for uchardet to go on. */
static void
test_detect_short (void)
{
  static const struct { const char *text; const char *encoding; const char *expected; } cases[] = {
    /* one accented letter is enough to call it ISO-8859-1 (hence WINDOWS-1252) */
    { "Name,City\r\nBob,Montréal\r\n", "WINDOWS-1252", "WINDOWS-1252" },
    { "Nom;Prénom;Âge\r\nDupont;Éric;42\r\n", "WINDOWS-1252", "WINDOWS-1252" },
    { "Город;Оценка\r\nМосква;5\r\nКазань;4\r\n", "WINDOWS-1251", "WINDOWS-1251" },
    { "Город;Оценка\r\nМосква;5\r\nКазань;4\r\n", "KOI8-R", "KOI8-R" },
    { "المدينة,التقييم\r\nالرياض,5\r\n", "WINDOWS-1256", "WINDOWS-1256" },
    { "المدينة,التقييم\r\nالرياض,5\r\n", "ISO-8859-6", "ISO-8859-6" },
    /* uchardet 0.0.7 says ISO-8859-2, which cannot be: ź is 0x9F, a C1 control there */
    { "Miasto;Opinia\r\nŁódź;Bardzo dobra obsługa\r\n", "WINDOWS-1250", "WINDOWS-1250" },
    /* Known misdetections of uchardet 0.0.7 on two or three words (the user overrides):
     * KOI8-R "Да;Нет" is taken for ISO-8859-7 (Greek), and a two-line Spanish WINDOWS-1252
     * text for WINDOWS-1250 (harmless for á é í ó ú, wrong for ñ). */
    { "Да;Нет\r\n", "KOI8-R", "ISO-8859-7" },
    { "Ciudad;Opinión\r\nMálaga;Muy buena atención\r\n", "WINDOWS-1252", "WINDOWS-1250" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = encode (cases[i].text, -1, cases[i].encoding);
      gsize length, bom = 99;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      g_autofree char *encoding = likert_encoding_detect (data, length, TRUE, &bom);

      g_assert_cmpstr (encoding, ==, cases[i].expected);
      g_assert_cmpuint (bom, ==, 0);
    }
}

/* A file that is not UTF-8 and about which uchardet says nothing useful. */
static void
test_detect_fallback (void)
{
  static const guint8 data[] = { 'a', ',', 'b', '\n', 0xFF, '\n' };
  g_autofree char *encoding = likert_encoding_detect (data, sizeof data, TRUE, NULL);

  g_assert_cmpstr (encoding, ==, "WINDOWS-1252");
}

/* A UTF-8 export with one stray Windows-1252 "é" pasted in: uchardet still says UTF-8, and so
 * does detection, so that the decoder names the bad byte instead of turning every other
 * accented letter into mojibake. */
static void
test_detect_stray_byte (void)
{
  g_autoptr(GBytes) bytes = read_data ("expected", "fr.csv");
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gsize length;
  const guint8 *text = g_bytes_get_data (bytes, &length);
  g_autofree char *encoding = NULL;

  g_byte_array_append (data, text, 500);
  g_byte_array_append (data, (const guint8 *) "caf\xE9 ", 5);
  g_byte_array_append (data, text + 500, (guint) (length - 500));
  encoding = likert_encoding_detect (data->data, data->len, TRUE, NULL);
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

/* The issue's example: a bad byte after a CRLF that the chunks split, with a BOM before. */
static void
test_invalid_utf8 (void)
{
  /* BOM (3) + "id;note\r\n" (9) + "1;ok\r\n" (6) + "2;çà" (6 bytes, 4 characters) + 0xE9 */
  static const char data[] = "\xEF\xBB\xBF" "id;note\r\n1;ok\r\n2;çà\xE9t\xC3\xA9\r\n";
  gsize length = sizeof data - 1, bom = 99;
  g_autofree char *encoding = likert_encoding_detect ((const guint8 *) data, 20, FALSE, &bom);
  g_autofree char *text = NULL, *message = NULL;

  g_assert_cmpstr (encoding, ==, "UTF-8");   /* 0xE9 is beyond the sample */
  g_assert_cmpuint (bom, ==, 3);

  text = decode_all_ways ("UTF-8", (const guint8 *) data, length, bom, &message);
  g_assert_cmpstr (text, ==, "id;note\r\n1;ok\r\n2;çà");
  g_assert_cmpstr (message, ==, "export.csv:3:5: byte 0xE9 at offset 24 is not valid UTF-8 text");

  /* the CRLF split explicitly: CR at the end of one chunk, LF at the start of the next */
  {
    g_autoptr(LikertDecoder) decoder = likert_decoder_new ("UTF-8", "export.csv", NULL);
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    const guint8 *p = (const guint8 *) data + 3;

    likert_decoder_set_offset (decoder, 3);
    g_assert_true (likert_decoder_feed (decoder, p, 14, FALSE, out, &error));
    g_assert_cmpint (out->str[out->len - 1], ==, '\r');
    g_assert_false (likert_decoder_feed (decoder, p + 14, length - 17, TRUE, out, &error));
    g_assert_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "export.csv:3:5: byte 0xE9 at offset 24 is not valid UTF-8 text");
  }
}

/* Ill-formed sequences, each at line 2, column 3, offset 8 after "a,b\r\n" + "é,". */
static void
test_invalid_utf8_sequences (void)
{
  static const struct { const char *bad; guint8 byte; } cases[] = {
    { "\x80", 0x80 },                /* lone continuation byte */
    { "\xC0\xAF", 0xC0 },            /* overlong */
    { "\xE2\x82" "A", 0xE2 },        /* cut short by an ASCII byte */
    { "\xED\xA0\x80", 0xED },        /* surrogate */
    { "\xF4\x90\x80\x80", 0xF4 },    /* above U+10FFFF */
    { "\xF8\x88\x80\x80\x80", 0xF8 },
    { "\xFF", 0xFF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strconcat ("a,b\r\n\xC3\xA9,", cases[i].bad, "z\n", NULL);
      g_autofree char *text = NULL, *message = NULL, *expected = NULL;

      text = decode_all_ways ("UTF-8", (const guint8 *) data, strlen (data), 0, &message);
      g_assert_cmpstr (text, ==, "a,b\r\né,");
      expected = g_strdup_printf ("export.csv:2:3: byte 0x%02X at offset 8 is not valid UTF-8 text",
                                  cases[i].byte);
      g_assert_cmpstr (message, ==, expected);
    }
}

/* Random text, mostly ASCII with characters of every length, sometimes broken (a stray byte,
 * a cut or overlong sequence, a surrogate, a NUL): the decoder keeps exactly what
 * g_utf8_validate () accepts and stops where it stops, whatever the chunks. */
static void
test_utf8_like_glib (void)
{
  static const char * const pieces[] = {
    "a", "Z", "0", ",", " ", "\n", "\"", "é", "ß", "€", "中", "😀", "ص", "Ж", "\xEF\xBF\xBF",
    "\xF4\x8F\xBF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF",
  };
  static const char * const breaks[] = {
    "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
    "\xF5\x80\x80\x80", "\xFF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC3" "A", "",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) data = g_string_new (NULL);
      g_autofree char *text = NULL, *message = NULL;
      guint n = (guint) g_rand_int_range (rand, 1, 120);
      const char *stop;
      gboolean valid;

      for (guint i = 0; i < n; i++)
        {
          /* runs of ASCII long enough for the eight-byte steps */
          if (g_rand_int_range (rand, 0, 4) == 0)
            for (int k = g_rand_int_range (rand, 1, 24); k > 0; k--)
              g_string_append_c (data, (char) g_rand_int_range (rand, 0x20, 0x7F));
          else
            g_string_append (data, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      if (round % 3 != 0)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) data->len + 1);
          const char *broken = breaks[g_rand_int_range (rand, 0, G_N_ELEMENTS (breaks))];

          if (*broken == '\0')
            g_string_insert_len (data, (gssize) at, "\0", 1);
          else
            g_string_insert (data, (gssize) at, broken);
        }

      valid = g_utf8_validate (data->str, (gssize) data->len, &stop);
      text = decode_all_ways ("UTF-8", (const guint8 *) data->str, data->len, 0, &message);
      if (valid)
        {
          g_assert_null (message);
          g_assert_cmpstr (text, ==, data->str);
        }
      else
        {
          g_autofree char *offset = g_strdup_printf ("offset %lu", (gulong) (stop - data->str));

          g_assert_nonnull (message);
          g_assert_nonnull (strstr (message, offset));
          g_assert_cmpuint (strlen (text), ==, (gsize) (stop - data->str));
          g_assert_true (strncmp (text, data->str, strlen (text)) == 0);
        }
    }
}

static void
test_truncated (void)
{
  g_autofree char *text = NULL, *message = NULL;
  g_autoptr(GBytes) bytes = encode ("a,b\r\nc,d", -1, "UTF-16LE");
  g_autoptr(GByteArray) cut = g_byte_array_new ();
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  static const char utf8[] = "a,b\nc,\xE2\x82";

  /* UTF-16LE with a BOM and a stray last byte */
  g_byte_array_append (cut, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (cut, data, (guint) length);
  g_byte_array_append (cut, (const guint8 *) "x", 1);
  text = decode_all_ways ("UTF-16LE", cut->data, cut->len, 2, &message);
  g_assert_cmpstr (text, ==, "a,b\r\nc,d");
  g_assert_cmpstr (message, ==, "export.csv:2:4: the file ends in the middle of a UTF-16LE "
                                "character (offset 18)");

  /* the file ends after the first half of a surrogate pair */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&message, g_free);
  text = decode_all_ways ("UTF-16LE", (const guint8 *) "a\0\n\0\x3D\xD8", 6, 0, &message);
  g_assert_cmpstr (text, ==, "a\n");
  g_assert_cmpstr (message, ==, "export.csv:2:1: the file ends in the middle of a UTF-16LE "
                                "character (offset 4)");

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&message, g_free);
  text = decode_all_ways ("UTF-8", (const guint8 *) utf8, sizeof utf8 - 1, 0, &message);
  g_assert_cmpstr (text, ==, "a,b\nc,");
  g_assert_cmpstr (message, ==, "export.csv:2:3: the file ends in the middle of a UTF-8 "
                                "character (offset 6)");
}

static void
test_unknown_encoding (void)
{
  g_autoptr(GError) error = NULL;
  LikertDecoder *decoder = likert_decoder_new ("NO-SUCH-CHARSET", "export.csv", &error);

  g_assert_null (decoder);
  g_assert_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_UNKNOWN);
  g_assert_cmpstr (error->message, ==, "export.csv: unknown encoding “NO-SUCH-CHARSET”");
}

static void
test_nul (void)
{
  static const char data[] = "id,note\r\nx\r\rab\0c\n";
  g_autofree char *text = NULL, *message = NULL;

  text = decode_all_ways ("UTF-8", (const guint8 *) data, sizeof data - 1, 0, &message);
  g_assert_cmpstr (text, ==, "id,note\r\nx\r\rab");
  g_assert_cmpstr (message, ==, "export.csv:4:3: NUL character at offset 14: CSV text never "
                                "contains one (is the file really UTF-8?)");

  /* the same in an 8-bit encoding and in UTF-16 (offset counted in bytes of the file) */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&message, g_free);
  text = decode_all_ways ("windows-1252", (const guint8 *) data, sizeof data - 1, 0, &message);
  g_assert_cmpstr (message, ==, "export.csv:4:3: NUL character at offset 14: CSV text never "
                                "contains one (is the file really WINDOWS-1252?)");
  {
    g_autoptr(GBytes) bytes = encode (data, sizeof data - 1, "UTF-16BE");
    gsize length;
    const guint8 *p = g_bytes_get_data (bytes, &length);

    g_clear_pointer (&text, g_free);
    g_clear_pointer (&message, g_free);
    text = decode_all_ways ("UTF-16BE", p, length, 0, &message);
    g_assert_cmpstr (text, ==, "id,note\r\nx\r\rab");
    g_assert_cmpstr (message, ==, "export.csv:4:3: NUL character at offset 28: CSV text never "
                                  "contains one (is the file really UTF-16BE?)");
  }
}

/* Bytes a legacy encoding does not define, and a lone UTF-16 surrogate. */
static void
test_invalid_other (void)
{
  static const struct
  {
    const char *encoding;
    const char *data;
    gsize       length;
    const char *message;
  } cases[] = {
    { "WINDOWS-1252", "caf\xE9\r\nd\x81", 8,
      "export.csv:2:2: byte 0x81 at offset 7 is not valid WINDOWS-1252 text" },
    { "ISO-8859-6", "\xC7\xE4\n\xA1", 4,
      "export.csv:2:1: byte 0xA1 at offset 3 is not valid ISO-8859-6 text" },
    { "UTF-16LE", "a\0\n\0b\0\x00\xDC" "c\0", 10,
      "export.csv:2:2: byte 0x00 at offset 6 is not valid UTF-16LE text" },
    /* a high surrogate followed by "b" instead of a low surrogate */
    { "UTF-16LE", "a\0\n\0\x3D\xD8" "b\0", 8,
      "export.csv:2:1: byte 0x3D at offset 4 is not valid UTF-16LE text" },
    { "SHIFT_JIS", "\x93\xfa\x96\x7b\n\x82\x20", 7,
      "export.csv:2:1: byte 0x82 at offset 5 is not valid SHIFT_JIS text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL, *message = NULL;

      text = decode_all_ways (cases[i].encoding, (const guint8 *) cases[i].data,
                              cases[i].length, 0, &message);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

/* A caller that feeds the byte-order mark: dropped, and offsets still right. */
static void
test_bom_fed (void)
{
  static const char utf8[] = "\xEF\xBB\xBF" "a\n\xFF";
  g_autoptr(GBytes) utf16 = encode ("\xEF\xBB\xBF" "a\nb", -1, "UTF-16LE");
  g_autofree char *text = NULL, *message = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (utf16, &length);

  text = decode_all_ways ("UTF-8", (const guint8 *) utf8, sizeof utf8 - 1, 0, &message);
  g_assert_cmpstr (text, ==, "a\n");
  g_assert_cmpstr (message, ==, "export.csv:2:1: byte 0xFF at offset 5 is not valid UTF-8 text");

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&message, g_free);
  text = decode_all_ways ("UTF-16LE", data, length, 0, &message);
  g_assert_null (message);
  g_assert_cmpstr (text, ==, "a\nb");

  /* only at the start: a U+FEFF later is text */
  g_clear_pointer (&text, g_free);
  text = decode_all_ways ("UTF-8", (const guint8 *) "a\xEF\xBB\xBF", 4, 0, &message);
  g_assert_cmpstr (text, ==, "a\xEF\xBB\xBF");
}

/* The table decoder of single-byte encodings gives what iconv gives, byte by byte. */
static void
test_single_byte_tables (void)
{
  const char *encodings[] = {
    "WINDOWS-1252", "WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1256", "ISO-8859-6", "KOI8-R",
    "ISO-8859-15", "MAC-CYRILLIC", "IBM866", "WINDOWS-1258", "WINDOWS-1255", "IBM037",
  };

  for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
    {
      g_autoptr(GString) all = g_string_new (NULL);
      g_autoptr(GByteArray) valid = g_byte_array_new ();
      g_autofree char *text = NULL, *message = NULL;

      for (guint b = 1; b < 256; b++)
        {
          guint8 byte = (guint8) b;
          g_autofree char *piece = g_convert ((const char *) &byte, 1, "UTF-8", encodings[e],
                                              NULL, NULL, NULL);

          if (piece != NULL && *piece != '\0')
            g_byte_array_append (valid, &byte, 1);
        }
      g_test_message ("%s: %u valid bytes", encodings[e], valid->len);
      {
        g_autofree char *expected = g_convert ((const char *) valid->data, valid->len, "UTF-8",
                                               encodings[e], NULL, NULL, NULL);

        text = decode_all_ways (encodings[e], valid->data, valid->len, 0, &message);
        g_assert_null (message);
        g_assert_cmpstr (text, ==, expected);
      }
    }
}

/* ------------------------------------------------------------------------------------------ */

/* Decodes megabytes MB of copies of chunk, as consecutive 1 MiB chunks of one file; stops early
 * after a second (valgrind, sanitizers). Returns MB/s; *budget_hit tells whether it stopped. */
static double
bench_one (const char   *encoding,
           const guint8 *chunk,
           gsize         chunk_length,
           gsize         megabytes,
           gboolean     *budget_hit)
{
  g_autoptr(LikertDecoder) decoder = likert_decoder_new (encoding, "bench.csv", NULL);
  g_autoptr(GString) out = g_string_sized_new (4 * chunk_length);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time (), elapsed = 0;
  gsize total = 0;

  *budget_hit = FALSE;
  while (total < megabytes * 1000000)
    {
      gboolean final = total + chunk_length >= megabytes * 1000000;

      g_string_truncate (out, 0);
      g_assert_true (likert_decoder_feed (decoder, chunk, chunk_length, final, out, &error));
      total += chunk_length;
      elapsed = g_get_monotonic_time () - start;
      if (!final && elapsed > G_USEC_PER_SEC)
        {
          *budget_hit = TRUE;
          break;
        }
    }
  g_assert_no_error (error);
  return (double) total / (double) MAX (elapsed, 1);    /* bytes/µs = MB/s */
}

/* Throughput of 50 MB (LIKERT_BENCH_MB) in 1 MiB chunks, as the importer feeds it. Each chunk
 * holds whole copies of a fixture, so that chunks follow one another as in one file. */
static void
test_benchmark (void)
{
  static const struct { const char *dir, *file, *encoding; } cases[] = {
    { NULL, "fr-utf8.csv", "UTF-8" },
    { "expected", "ru.csv", "UTF-8" },        /* Cyrillic: two bytes a letter */
    { NULL, "fr-windows-1252.csv", "WINDOWS-1252" },
    { NULL, "ru-windows-1251.csv", "WINDOWS-1251" },
    { NULL, "fr-utf16le.txt", "UTF-16LE" },
  };
  const char *env = g_getenv ("LIKERT_BENCH_MB");
  gsize megabytes = env ? (gsize) g_ascii_strtoull (env, NULL, 10) : 50;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = read_data (cases[i].dir, cases[i].file);
      g_autoptr(GByteArray) chunk = g_byte_array_sized_new (1024 * 1024);
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);
      gboolean budget_hit = FALSE;
      double best = 0;

      while (chunk->len + length <= 1024 * 1024)
        g_byte_array_append (chunk, data, (guint) length);
      for (int run = 0; run < 3 && !budget_hit; run++)
        best = MAX (best, bench_one (cases[i].encoding, chunk->data, chunk->len, megabytes,
                                     &budget_hit));
      g_test_message ("decoding %s (%s): %.0f MB/s (%s%" G_GSIZE_FORMAT " MB in 1 MiB chunks%s)",
                      cases[i].encoding, cases[i].file, best, budget_hit ? "part of " : "",
                      megabytes, budget_hit ? ", stopped after 1 s" : ", best of 3");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoding/detect/fixtures", test_detect_fixtures);
  g_test_add_func ("/encoding/detect/utf16-without-bom", test_detect_utf16_without_bom);
  g_test_add_func ("/encoding/detect/boms", test_detect_boms);
  g_test_add_func ("/encoding/detect/cut-sample", test_detect_cut_sample);
  g_test_add_func ("/encoding/detect/short", test_detect_short);
  g_test_add_func ("/encoding/detect/fallback", test_detect_fallback);
  g_test_add_func ("/encoding/detect/stray-byte", test_detect_stray_byte);
  g_test_add_func ("/encoding/decode/fixtures", test_decode_fixtures);
  g_test_add_func ("/encoding/decode/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/encoding/decode/invalid-utf8-sequences", test_invalid_utf8_sequences);
  g_test_add_func ("/encoding/decode/invalid-other", test_invalid_other);
  g_test_add_func ("/encoding/decode/utf8-like-glib", test_utf8_like_glib);
  g_test_add_func ("/encoding/decode/truncated", test_truncated);
  g_test_add_func ("/encoding/decode/unknown", test_unknown_encoding);
  g_test_add_func ("/encoding/decode/nul", test_nul);
  g_test_add_func ("/encoding/decode/line-breaks", test_line_breaks);
  g_test_add_func ("/encoding/decode/bom-fed", test_bom_fed);
  g_test_add_func ("/encoding/decode/single-byte-tables", test_single_byte_tables);
  g_test_add_func ("/encoding/decode/benchmark", test_benchmark);

  return g_test_run ();
}
