/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "likert-word-table.h"

/* Open addressing with linear probing over a power-of-two array of slots, at most half full.
 * A slot holds its word's hash, so a probe compares bytes only when the hashes are equal;
 * the words sit NUL-terminated one after another in one pool, in the order inserted. */

typedef struct
{
  guint64 hash;     /* 0: free (a word hashing to 0 is stored as 1) */
  guint32 entry;    /* index into entries */
} Slot;

typedef struct
{
  gsize   offset;   /* of the word in the pool */
  gsize   length;
  guint64 value;
} Entry;

struct _LikertWordTable
{
  Slot       *slots;
  guint       mask;       /* number of slots - 1 */
  GArray     *entries;    /* Entry, in insertion order */
  GByteArray *pool;
  guint64     seed;       /* per table: a file cannot be made to collide in every run */
};

#define INITIAL_SLOTS 64

LikertWordTable *
likert_word_table_new (void)
{
  LikertWordTable *self = g_new0 (LikertWordTable, 1);

  self->slots = g_new0 (Slot, INITIAL_SLOTS);
  self->mask = INITIAL_SLOTS - 1;
  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->pool = g_byte_array_new ();
  self->seed = ((guint64) g_random_int () << 32 | g_random_int ()) | 1;
  return self;
}

void
likert_word_table_free (LikertWordTable *self)
{
  if (self == NULL)
    return;
  g_free (self->slots);
  g_array_unref (self->entries);
  g_byte_array_unref (self->pool);
  g_free (self);
}

guint
likert_word_table_size (LikertWordTable *self)
{
  return self->entries->len;
}

/* Mixes one 64-bit word into h (multiply, then fold the high bits down). */
static inline guint64
mix (guint64 h,
     guint64 word)
{
  h = (h ^ word) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  return h ^ (h >> 29);
}

static inline guint64
load64 (const char *p)
{
  guint64 word;

  memcpy (&word, p, 8);
  return word;
}

static inline guint64
load32 (const char *p)
{
  guint32 word;

  memcpy (&word, p, 4);
  return word;
}

/* Eight bytes at a time, the last eight overlapping the others (the length is mixed in, so
 * no two words of different lengths collide for that); a word of up to eight bytes is one
 * round, built from two overlapping four-byte reads or three single bytes. No call to memcpy
 * of a variable length: most cells are a few bytes long. */
static guint64
hash_word (const LikertWordTable *self,
           const char            *word,
           gsize                  length)
{
  guint64 h = self->seed ^ (length * G_GUINT64_CONSTANT (0xFF51AFD7ED558CCD));

  if (length > 8)
    {
      gsize i;

      for (i = 0; i + 8 < length; i += 8)
        h = mix (h, load64 (word + i));
      h = mix (h, load64 (word + length - 8));
    }
  else if (length >= 4)
    h = mix (h, load32 (word) | load32 (word + length - 4) << 32);
  else if (length > 0)
    h = mix (h, (guchar) word[0] | (guint64) (guchar) word[length / 2] << 8 |
                (guint64) (guchar) word[length - 1] << 16);
  else
    h = mix (h, 0);
  return h != 0 ? h : 1;
}

static Slot *
find_slot (LikertWordTable *self,
           guint64          hash,
           const char      *word,
           gsize            length)
{
  for (guint i = (guint) hash & self->mask;; i = (i + 1) & self->mask)
    {
      Slot *slot = &self->slots[i];
      const Entry *entry;

      if (slot->hash == 0)
        return slot;
      if (slot->hash != hash)
        continue;
      entry = &g_array_index (self->entries, Entry, slot->entry);
      if (entry->length == length && memcmp (self->pool->data + entry->offset, word, length) == 0)
        return slot;
    }
}

guint64 *
likert_word_table_lookup (LikertWordTable *self,
                          const char      *word,
                          gsize            length)
{
  Slot *slot = find_slot (self, hash_word (self, word, length), word, length);

  return slot->hash != 0 ? &g_array_index (self->entries, Entry, slot->entry).value : NULL;
}

static void
grow (LikertWordTable *self)
{
  guint n_slots = 2 * (self->mask + 1);
  Slot *old = self->slots;
  guint old_n = self->mask + 1;

  self->slots = g_new0 (Slot, n_slots);
  self->mask = n_slots - 1;
  for (guint i = 0; i < old_n; i++)
    {
      guint j;

      if (old[i].hash == 0)
        continue;
      for (j = (guint) old[i].hash & self->mask; self->slots[j].hash != 0; j = (j + 1) & self->mask)
        ;
      self->slots[j] = old[i];
    }
  g_free (old);
}

guint64 *
likert_word_table_insert (LikertWordTable *self,
                          const char      *word,
                          gsize            length,
                          guint64          value)
{
  guint64 hash = hash_word (self, word, length);
  Slot *slot = find_slot (self, hash, word, length);
  Entry entry = { self->pool->len, length, value };

  if (slot->hash != 0)
    {
      Entry *found = &g_array_index (self->entries, Entry, slot->entry);

      found->value = value;
      return &found->value;
    }
  if (2 * (self->entries->len + 1) > self->mask + 1)
    {
      grow (self);
      slot = find_slot (self, hash, word, length);
    }
  g_byte_array_append (self->pool, (const guint8 *) word, (guint) length);
  g_byte_array_append (self->pool, (const guint8 *) "", 1);
  slot->hash = hash;
  slot->entry = self->entries->len;
  g_array_append_val (self->entries, entry);
  return &g_array_index (self->entries, Entry, slot->entry).value;
}

const char *
likert_word_table_word (LikertWordTable *self,
                        guint            index,
                        gsize           *length,
                        guint64         *value)
{
  const Entry *entry;

  g_return_val_if_fail (index < self->entries->len, NULL);
  entry = &g_array_index (self->entries, Entry, index);
  if (length != NULL)
    *length = entry->length;
  if (value != NULL)
    *value = entry->value;
  return (const char *) self->pool->data + entry->offset;
}
