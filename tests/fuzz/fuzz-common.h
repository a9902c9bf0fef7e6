/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the libFuzzer targets (tests/fuzz/fuzz-*.c). */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A property the code under test promised does not hold: a crash libFuzzer records. */
#define FUZZ_CHECK(condition) \
  G_STMT_START { \
    if (G_UNLIKELY (!(condition))) \
      { \
        fprintf (stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
        abort (); \
      } \
  } G_STMT_END

/* The bytes as the reader stage hands text on: valid UTF-8 without NUL (g_utf8_make_valid
 * turns invalid sequences and NULs into U+FFFD). The tokenizer, shape and scale stages only
 * ever see such text; the reader's own handling of raw bytes is fuzz-encoding's. */
static inline char *
fuzz_text (const uint8_t *data,
           size_t         size,
           gsize         *length)
{
  char *valid = g_utf8_make_valid ((const char *) data, (gssize) size);

  if (length != NULL)
    *length = strlen (valid);
  return valid;
}

/* Splits text at line feeds into cells (the rating and time targets). */
static inline char **
fuzz_cells (const uint8_t *data,
            size_t         size)
{
  g_autofree char *text = fuzz_text (data, size, NULL);

  return g_strsplit (text, "\n", 256);
}
