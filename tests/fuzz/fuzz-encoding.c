/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The encoding detector and the decoder (likert-encoding): any bytes give a name the decoder
 * accepts and either UTF-8 text (valid, without NUL) or an error naming the file, never a
 * crash; decoding in chunks of any size gives the same text and the same error as in one go.
 * First byte: bit 0 whether the sample is the whole file, bits 1–5 the chunk size − 1, bits
 * 6–7 the encoding decoded with (detected, UTF-16LE, WINDOWS-1252, UTF-8). */
#include "config.h"

#include "likert-encoding.h"
#include "fuzz-common.h"

/* Decodes in chunks of step bytes (0: all at once); the text, and the error after it. */
static char *
decode (const char    *encoding,
        gsize          bom,
        const uint8_t *data,
        size_t         size,
        gsize          step)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertDecoder) decoder = likert_decoder_new (encoding, "fuzz.csv", &error);
  GString *out = g_string_new (NULL);
  gsize pos = bom;

  FUZZ_CHECK (decoder != NULL);
  FUZZ_CHECK (g_ascii_strcasecmp (likert_decoder_get_encoding (decoder), encoding) == 0);
  likert_decoder_set_offset (decoder, bom);
  do
    {
      gsize n = step == 0 ? size - pos : MIN (step, size - pos);
      gboolean final = pos + n == size;

      if (!likert_decoder_feed (decoder, data + pos, n, final, out, &error))
        {
          FUZZ_CHECK (error != NULL && error->domain == LIKERT_ENCODING_ERROR);
          FUZZ_CHECK (strstr (error->message, "fuzz.csv") != NULL);
          break;
        }
      FUZZ_CHECK (error == NULL);
      pos += n;
    }
  while (pos < size);

  FUZZ_CHECK (g_utf8_validate_len (out->str, out->len, NULL));   /* no NUL either */
  if (error != NULL)
    g_string_append_printf (out, "\n[error %d: %s]", error->code, error->message);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const fixed[] = { NULL, "UTF-16LE", "WINDOWS-1252", "UTF-8" };
  g_autofree char *detected = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *chunked = NULL;
  const char *encoding;
  gsize bom = 99;
  gsize step;

  if (size < 1)
    return 0;
  detected = likert_encoding_detect (data + 1, size - 1, data[0] & 1, &bom);
  FUZZ_CHECK (detected != NULL);
  FUZZ_CHECK (bom == 0 || bom == 2 || bom == 3 || bom == 4);
  FUZZ_CHECK (bom <= size - 1);

  encoding = fixed[data[0] >> 6] ? fixed[data[0] >> 6] : detected;
  if (encoding != detected)
    bom = 0;
  step = 1 + ((data[0] >> 1) & 31);
  whole = decode (encoding, bom, data + 1, size - 1, 0);
  chunked = decode (encoding, bom, data + 1, size - 1, step);
  if (!g_str_equal (whole, chunked))
    {
      fprintf (stderr, "%s in one go:\n%s\nin chunks of %zu:\n%s\n", encoding, whole, step,
               chunked);
      FUZZ_CHECK (g_str_equal (whole, chunked));
    }
  return 0;
}
