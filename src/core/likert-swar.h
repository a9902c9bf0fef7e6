/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* Eight bytes at a time in a 64-bit word (SIMD within a register): the importer's byte loops
 * (UTF-8 validation, the CSV tokenizer's unquoted runs, JSON escaping) test a whole word
 * before they look at its bytes one by one. The tests are those of Bit Twiddling Hacks
 * ("determine if a word has a zero byte", "… a byte less than n"): each sets the high bit of
 * the bytes it finds, exactly for the lowest one (a borrow may mark some above it). */

#define LIKERT_SWAR_BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (guint8) (b))

static inline guint64
likert_swar_load (const void *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return word;
}

/* The high bit of the bytes of word that are 0. */
static inline guint64
likert_swar_zero (guint64 word)
{
  return (word - LIKERT_SWAR_BYTES (0x01)) & ~word & LIKERT_SWAR_BYTES (0x80);
}

/* … that equal c. */
static inline guint64
likert_swar_equal (guint64 word,
                   guint8  c)
{
  return likert_swar_zero (word ^ LIKERT_SWAR_BYTES (c));
}

/* … that are below n (n ≤ 128). */
static inline guint64
likert_swar_below (guint64 word,
                   guint8  n)
{
  return (word - LIKERT_SWAR_BYTES (n)) & ~word & LIKERT_SWAR_BYTES (0x80);
}

/* … that are 0x80 or above. */
static inline guint64
likert_swar_high (guint64 word)
{
  return word & LIKERT_SWAR_BYTES (0x80);
}

/* Where in memory order the first byte marked in mask (not 0) is, on a little-endian
 * machine; LIKERT_SWAR_FIND is 0 elsewhere, and callers then look at the bytes one by one. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
#define LIKERT_SWAR_FIND 1
static inline guint
likert_swar_first (guint64 mask)
{
  return (guint) __builtin_ctzll (mask) / 8;
}
#else
#define LIKERT_SWAR_FIND 0
#endif

G_END_DECLS
