/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tokenizer (likert-csv): any text gives records or an error, never a crash; a streaming
 * tokenizer fed a few bytes at a time, or handed a first part with push, reads the same records,
 * lines, columns and error as the in-memory one, and so does the in-memory one after a rewind.
 * Also the delimiter sniffer and likert_csv_decode on the raw bytes.
 * First byte: bits 0–1 the delimiter, bits 2–5 the size of the pieces − 1, bits 6–7 how much
 * is pushed ahead (in quarters; 0: nothing, pieces only). */
#include "config.h"

#include "likert-csv.h"
#include "fuzz-common.h"

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  gsize       step;
} Drip;

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

/* Every record as "line:column:field" items, with the error message at the end. */
static char *
tokenize_all (LikertCsvTokenizer *tokenizer)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char * const *fields;
  guint n;

  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, &error))
    {
      guint line = likert_csv_tokenizer_line (tokenizer);

      FUZZ_CHECK (line >= 1);
      g_string_append_printf (out, "%u/%u:", line, n);
      for (guint i = 0; i < n; i++)
        {
          guint column = likert_csv_tokenizer_column (tokenizer, i);

          FUZZ_CHECK (column >= 1);
          FUZZ_CHECK (g_utf8_validate (fields[i], -1, NULL));
          g_string_append_printf (out, "%u=%zu:%s\x1f", column, strlen (fields[i]), fields[i]);
        }
      g_string_append_printf (out, "end %u\n", likert_csv_tokenizer_end_column (tokenizer));
    }
  if (error != NULL)
    {
      FUZZ_CHECK (error->domain == LIKERT_CSV_ERROR);
      g_string_append_printf (out, "error %d %s\n", error->code, error->message);
    }
  else
    g_string_append_printf (out, "eof at %zu\n", likert_csv_tokenizer_offset (tokenizer));
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dripped = NULL;
  g_autofree char *pushed = NULL;
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(LikertCsvTokenizer) streaming = NULL;
  g_autoptr(LikertCsvTokenizer) ahead = NULL;
  gsize length, push_length;
  char delimiter, sniffed;
  Drip drip, rest;

  if (size < 1)
    return 0;
  delimiter = delimiters[data[0] & 3];
  text = fuzz_text (data + 1, size - 1, &length);

  sniffed = likert_csv_sniff (text, length);
  FUZZ_CHECK (memchr (delimiters, sniffed, sizeof delimiters) != NULL);

  tokenizer = likert_csv_tokenizer_new (text, length, delimiter, "fuzz.csv");
  expected = tokenize_all (tokenizer);
  likert_csv_tokenizer_rewind (tokenizer);
  again = tokenize_all (tokenizer);
  FUZZ_CHECK (g_str_equal (expected, again));

  /* One streaming tokenizer a run (each holds a 1 MiB window, costly under ASan): fed pieces
   * of a few bytes, or handed a first part with push and then fed the rest. */
  if ((data[0] >> 6) == 0)
    {
      /* At most ~64 pieces: the streaming tokenizer reads a record again from its start after
       * each piece (see tests/fuzz/README.md), which small pieces of long records make slow. */
      drip = (Drip) { text, length, 0, MAX (1 + ((data[0] >> 2) & 15), length / 64) };
      streaming = likert_csv_tokenizer_new_streaming (drip_fill, &drip, delimiter, "fuzz.csv");
      dripped = tokenize_all (streaming);
      if (!g_str_equal (expected, dripped))
        {
          fprintf (stderr, "in memory:\n%s\nstreaming (pieces of %zu):\n%s\n", expected,
                   drip.step, dripped);
          FUZZ_CHECK (g_str_equal (expected, dripped));
        }
    }
  else
    {
      /* A first part pushed (as the importer does after sniffing), the rest filled. */
      push_length = length * (data[0] >> 6) / 4;
      while (push_length < length && (text[push_length] & 0xC0) == 0x80)
        push_length++;   /* whole characters: push takes decoded text */
      rest = (Drip) { text + push_length, length - push_length, 0,
                      MAX (1 + ((data[0] >> 2) & 15), length / 64) };
      ahead = likert_csv_tokenizer_new_streaming (drip_fill, &rest, delimiter, "fuzz.csv");
      likert_csv_tokenizer_push (ahead, text, push_length, push_length == length);
      pushed = tokenize_all (ahead);
      FUZZ_CHECK (g_str_equal (expected, pushed));
    }

  /* The reader on the raw bytes. */
  {
    g_autoptr(GBytes) raw = g_bytes_new_static (data + 1, size - 1);
    g_autoptr(GError) error = NULL;
    g_autofree char *encoding = NULL;
    g_autoptr(GBytes) decoded = likert_csv_decode (raw, "fuzz.csv", &encoding, &error);

    if (decoded != NULL)
      {
        gsize n;
        const char *utf8 = g_bytes_get_data (decoded, &n);

        FUZZ_CHECK (error == NULL);
        /* UTF-8 in Unicode's sense: U+0000 is allowed here (the UTF-8 path refuses it, the
         * UTF-16 path lets it through: see tests/fuzz/README.md). */
        for (gsize i = 0; i < n; i += strnlen (utf8 + i, n - i) + 1)
          FUZZ_CHECK (g_utf8_validate (utf8 + i, (gssize) strnlen (utf8 + i, n - i), NULL));
      }
    else
      FUZZ_CHECK (error != NULL);
  }
  return 0;
}
