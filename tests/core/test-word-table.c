/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "likert-word-table.h"

/* A word of 0 to 40 bytes, any byte but NUL, many of them sharing a prefix or a length. */
static GBytes *
random_word (GRand *rand)
{
  guint length = (guint) g_rand_int_range (rand, 0, 41);
  guint8 *bytes = g_malloc (length + 1);

  for (guint i = 0; i < length; i++)
    bytes[i] = (guint8) (g_rand_boolean (rand) ? 'a' + g_rand_int_range (rand, 0, 3)
                                              : g_rand_int_range (rand, 1, 256));
  return g_bytes_new_take (bytes, length);
}

/* Against a GHashTable of the same words: every lookup, every update, the order kept. */
static void
test_like_hash_table (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(LikertWordTable) table = likert_word_table_new ();
  g_autoptr(GHashTable) reference = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                           (GDestroyNotify) g_bytes_unref, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GBytes) word = random_word (rand);
      gsize length;
      const char *data = g_bytes_get_data (word, &length);
      guint64 *found = likert_word_table_lookup (table, data, length);
      gpointer expected;
      gboolean known = g_hash_table_lookup_extended (reference, word, NULL, &expected);

      g_assert_cmpint (found != NULL, ==, known);
      if (known)
        {
          g_assert_cmpuint (*found, ==, GPOINTER_TO_SIZE (expected));
          /* Set again: the value changes, the word stays where it was. */
          likert_word_table_insert (table, data, length, i);
          g_hash_table_insert (reference, g_bytes_ref (word), GSIZE_TO_POINTER (i));
          continue;
        }
      g_assert_cmpuint (*likert_word_table_insert (table, data, length, i), ==, i);
      g_hash_table_insert (reference, g_bytes_ref (word), GSIZE_TO_POINTER (i));
      g_ptr_array_add (order, g_bytes_ref (word));
    }

  g_assert_cmpuint (likert_word_table_size (table), ==, g_hash_table_size (reference));
  g_assert_cmpuint (likert_word_table_size (table), >, 10000);
  for (guint i = 0; i < order->len; i++)
    {
      GBytes *word = g_ptr_array_index (order, i);
      gsize length, stored_length;
      const char *data = g_bytes_get_data (word, &length);
      guint64 value;
      const char *stored = likert_word_table_word (table, i, &stored_length, &value);

      g_assert_cmpuint (stored_length, ==, length);
      g_assert_cmpmem (stored, stored_length, data, length);
      g_assert_cmpint (stored[stored_length], ==, '\0');
      g_assert_cmpuint (value, ==, GPOINTER_TO_SIZE (g_hash_table_lookup (reference, word)));
      g_bytes_unref (word);
    }
}

/* Words that differ only by length or by their last byte are different words. */
static void
test_prefixes (void)
{
  g_autoptr(LikertWordTable) table = likert_word_table_new ();
  static const char text[] = "abcdefghijklmnopqrstuvwxyz0123456789";

  for (guint length = 0; length < sizeof text; length++)
    likert_word_table_insert (table, text, length, length + 100);
  g_assert_cmpuint (likert_word_table_size (table), ==, sizeof text);
  for (guint length = 0; length < sizeof text; length++)
    g_assert_cmpuint (*likert_word_table_lookup (table, text, length), ==, length + 100);
  g_assert_null (likert_word_table_lookup (table, "abcdefghX", 9));
  g_assert_null (likert_word_table_lookup (table, "bcd", 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/word-table/like-hash-table", test_like_hash_table);
  g_test_add_func ("/word-table/prefixes", test_prefixes);
  return g_test_run ();
}
