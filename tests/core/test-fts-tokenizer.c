/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The learnt unicode61 (likert-fts-tokenizer.h) gives the tokens SQLite's own gives, with the
 * same offsets, for every code point, for bytes that are no valid UTF-8, and for each set of
 * arguments unicode61 takes. */
#include "config.h"

#include <string.h>

#include "likert-fts-tokenizer.h"

/* The argument sets compared: the text index's own first. */
static const char * const argument_sets[][7] = {
  { "remove_diacritics", "2", NULL },
  { NULL },
  { "remove_diacritics", "0", NULL },
  { "remove_diacritics", "1", NULL },
  { "tokenchars", "-_\xc3\xa9\xe2\x82\xac", "separators", "x\xd9\x85", NULL },
  { "categories", "L* N* Co Mn", "remove_diacritics", "2", NULL },
  { "categories", "Lu Nd", NULL },
};

typedef struct
{
  sqlite3        *db;
  fts5_tokenizer  module;
  Fts5Tokenizer  *tokenizer;
} Side;

typedef struct
{
  Side real;
  Side learnt;
} Pair;

static fts5_api *
fts5_api_of (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  g_assert_nonnull (api);
  return api;
}

static int
side_open (Side               *side,
           gboolean            learnt,
           const char * const *args)
{
  fts5_api *api;
  void *data;

  g_assert_cmpint (sqlite3_open (":memory:", &side->db), ==, SQLITE_OK);
  if (learnt)
    g_assert_cmpint (likert_fts_tokenizer_learn_unicode61 (side->db), ==, SQLITE_OK);
  api = fts5_api_of (side->db);
  g_assert_cmpint (api->xFindTokenizer (api, "unicode61", &data, &side->module), ==,
                   SQLITE_OK);
  side->tokenizer = NULL;
  return side->module.xCreate (data, (const char **) args, (int) g_strv_length ((GStrv) args),
                               &side->tokenizer);
}

static void
side_close (Side *side)
{
  if (side->tokenizer != NULL)
    side->module.xDelete (side->tokenizer);
  sqlite3_close (side->db);
}

static void
pair_open (Pair               *pair,
           const char * const *args)
{
  g_assert_cmpint (side_open (&pair->real, FALSE, args), ==, SQLITE_OK);
  g_assert_cmpint (side_open (&pair->learnt, TRUE, args), ==, SQLITE_OK);
  /* Not SQLite's own: its functions are other ones. */
  g_assert_true (pair->learnt.module.xTokenize != pair->real.module.xTokenize);
}

static void
pair_close (Pair *pair)
{
  side_close (&pair->real);
  side_close (&pair->learnt);
}

typedef struct
{
  GString *out;
  guint    n;
  guint    stop_after;   /* 0: never */
  int      stop_with;
} Listing;

static int
list_token_cb (void       *data,
               int         flags,
               const char *token,
               int         n,
               int         start,
               int         end)
{
  Listing *listing = data;

  g_string_append_printf (listing->out, "%d|", flags);
  g_string_append_len (listing->out, token, n);
  g_string_append_printf (listing->out, "|%d|%d\n", start, end);
  if (listing->stop_after != 0 && ++listing->n == listing->stop_after)
    return listing->stop_with;
  return SQLITE_OK;
}

/* The side's tokens of text, one line each (flags, token, start, end), then its result. */
static char *
tokens_of (Side       *side,
           const char *text,
           gsize       length,
           guint       stop_after,
           int         stop_with)
{
  Listing listing = { g_string_new (NULL), 0, stop_after, stop_with };
  int rc;

  rc = side->module.xTokenize (side->tokenizer, &listing, FTS5_TOKENIZE_DOCUMENT, text,
                               (int) length, list_token_cb);
  g_string_append_printf (listing.out, "= %d", rc);
  return g_string_free (listing.out, FALSE);
}

static void
assert_same_tokens (Pair       *pair,
                    const char *text,
                    gsize       length)
{
  g_autofree char *real = tokens_of (&pair->real, text, length, 0, 0);
  g_autofree char *learnt = tokens_of (&pair->learnt, text, length, 0, 0);

  if (g_strcmp0 (real, learnt) != 0)
    {
      g_autofree char *escaped = g_strescape (text, NULL);

      g_test_message ("text: %s", escaped);
      g_assert_cmpstr (learnt, ==, real);
    }
}

static gsize
put_utf8 (GString *text,
          guint32  c)
{
  char bytes[6];
  gint n = g_unichar_to_utf8 (c, bytes);

  g_string_append_len (text, bytes, n);
  return (gsize) n;
}

/* Every code point (surrogates too, written as UTF-8 would write them), alone, after and
 * before a letter, doubled, and between separators, 64 to a text. */
static void
test_every_code_point (gconstpointer data)
{
  const char * const *args = data;
  g_autoptr(GString) text = g_string_new (NULL);
  Pair pair;

  pair_open (&pair, args);
  for (guint32 block = 0; block <= 0x10FFFF; block += 64)
    {
      g_string_truncate (text, 0);
      for (guint32 c = block; c < block + 64; c++)
        {
          if (c == 0)
            g_string_append_len (text, "\0", 1);
          else if (c >= 0xD800 && c <= 0xDFFF)
            {
              g_string_append_c (text, (char) (0xE0 | (c >> 12)));
              g_string_append_c (text, (char) (0x80 | ((c >> 6) & 0x3F)));
              g_string_append_c (text, (char) (0x80 | (c & 0x3F)));
            }
          else
            {
              g_string_append (text, "a");
              put_utf8 (text, c);
              g_string_append (text, "b ");
              put_utf8 (text, c);
              put_utf8 (text, c);
              g_string_append (text, "-");
              put_utf8 (text, c);
              g_string_append (text, " ");
            }
        }
      assert_same_tokens (&pair, text->str, text->len);
    }
  pair_close (&pair);
}

/* Random texts of letters, digits, punctuation, accents, combining marks, Greek, Cyrillic,
 * Arabic with its vowel marks, Hebrew, Devanagari, CJK, Hangul, emoji, noncharacters and
 * bytes that are no valid UTF-8. */
static void
test_random_texts (gconstpointer data)
{
  const char * const *args = data;
  static const guint32 ranges[][2] = {
    { 0x20, 0x7E }, { 'a', 'z' }, { 'A', 'Z' }, { '0', '9' }, { 0xA0, 0xFF },
    { 0x100, 0x24F }, { 0x300, 0x36F }, { 0x370, 0x3FF }, { 0x400, 0x4FF }, { 0x600, 0x6FF },
    { 0x64B, 0x652 }, { 0x590, 0x5FF }, { 0x900, 0x97F }, { 0x1E00, 0x1EFF },
    { 0x2000, 0x206F }, { 0x3040, 0x30FF }, { 0x4E00, 0x4E80 }, { 0xAC00, 0xAC80 },
    { 0xFB00, 0xFB4F }, { 0xFE00, 0xFE2F }, { 0xFFF0, 0xFFFF }, { 0x1F300, 0x1F6FF },
    { 0x1D400, 0x1D4FF }, { 0xE0000, 0xE007F }, { 0x10FF00, 0x10FFFF },
  };
  static const char * const odd_bytes[] = {
    "\x80", "\xBF", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xC0\xAF", "\xC1\x81", "\xE0\x80\x80",
    "\xED\xA0\x80", "\xED\xBF\xBF", "\xEF\xBF\xBE", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80",
    "\xFC\x84\x80\x80\x80\x80", "\xFE", "\xFF", "\xC3\xA9\x80\x80", "\x00",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GString) text = g_string_new (NULL);
  Pair pair;

  pair_open (&pair, args);
  for (guint i = 0; i < 20000; i++)
    {
      guint n = (guint) g_rand_int_range (rand, 0, 40);

      g_string_truncate (text, 0);
      for (guint k = 0; k < n; k++)
        {
          if (g_rand_int_range (rand, 0, 30) == 0)
            {
              const char *odd = odd_bytes[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd_bytes))];

              g_string_append_len (text, odd, odd[0] == '\0' ? 1 : (gssize) strlen (odd));
            }
          else
            {
              guint r = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges));
              guint32 c = (guint32) g_rand_int_range (rand, (gint32) ranges[r][0],
                                                      (gint32) ranges[r][1] + 1);

              put_utf8 (text, c);
            }
        }
      assert_same_tokens (&pair, text->str, text->len);
    }
  pair_close (&pair);
}

/* Where the learnt tokenizer hands over to unicode61 (a code point beyond U+10FFFF, read from
 * five or six bytes): the tokens before it are its own, those from it unicode61's, and the
 * offsets of both are the text's. */
static void
test_beyond_unicode (void)
{
  static const char * const texts[] = {
    "caf\xc3\xa9 au lait \xF8\x88\x80\x80\x80 suite \xc3\xa9t\xc3\xa9",
    "d\xc3\xa9j\xc3\xa0\xF8\x88\x80\x80\x80vu encore",
    "\xFC\x84\x80\x80\x80\x80",
    "un deux\xFC\x84\x80\x80\x80\x80",
    "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 \xF8\x88\x80\x80\x80\xd8\xa8\xd9\x83",
  };
  Pair pair;

  pair_open (&pair, argument_sets[0]);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_tokens (&pair, texts[i], strlen (texts[i]));
  pair_close (&pair);
}

/* A token callback that stops the run (SQLITE_DONE: no error) or fails it: both stop at the
 * same token, with the same result. */
static void
test_callback_stops (void)
{
  const char *text = "premi\xc3\xa8re deuxi\xc3\xa8me troisi\xc3\xa8me quatri\xc3\xa8me";
  const int results[] = { SQLITE_DONE, SQLITE_NOMEM, SQLITE_ERROR };
  Pair pair;

  pair_open (&pair, argument_sets[0]);
  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    for (guint after = 1; after <= 4; after++)
      {
        g_autofree char *real = tokens_of (&pair.real, text, strlen (text), after, results[r]);
        g_autofree char *learnt = tokens_of (&pair.learnt, text, strlen (text), after,
                                             results[r]);

        g_assert_cmpstr (learnt, ==, real);
      }
  pair_close (&pair);
}

/* Arguments unicode61 refuses, it refuses learnt too. */
static void
test_bad_arguments (void)
{
  static const char * const odd[] = { "remove_diacritics", NULL };
  static const char * const bad_value[] = { "remove_diacritics", "3", NULL };
  static const char * const unknown[] = { "stem", "yes", NULL };
  const char * const *sets[] = { odd, bad_value, unknown };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      Side real, learnt;
      int real_rc = side_open (&real, FALSE, sets[i]);
      int learnt_rc = side_open (&learnt, TRUE, sets[i]);

      g_assert_cmpint (real_rc, !=, SQLITE_OK);
      g_assert_cmpint (learnt_rc, ==, real_rc);
      g_assert_null (learnt.tokenizer);
      side_close (&real);
      side_close (&learnt);
    }
}

/* An FTS5 table on the learnt connection indexes what one on SQLite's own does: the same
 * shadow tables, byte for byte, after the same documents. */
static void
test_same_index (void)
{
  static const char * const documents[] = {
    "Tr\xc3\xa8s satisfait, merci !", "\xd8\xa7\xd9\x84\xd8\xae\xd8\xaf\xd9\x85\xd8\xa9 "
    "\xd9\x85\xd9\x85\xd8\xaa\xd8\xa7\xd8\xb2\xd8\xa9", "\xd0\x9e\xd1\x87\xd0\xb5\xd0\xbd\xd1\x8c "
    "\xd0\xbc\xd0\xb5\xd0\xb4\xd0\xbb\xd0\xb5\xd0\xbd\xd0\xbd\xd0\xbe", "Cafe\xcc\x81 fro\xc3\xaf"
    "d \xf0\x9f\x98\x80 na\xc3\xafve", "\xe6\x9c\x8d\xe5\x8a\xa1\xe5\xbe\x88\xe5\xa5\xbd",
  };
  char *dumps[2] = { NULL, NULL };

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(GString) dump = g_string_new (NULL);
      sqlite3 *db;
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
      if (side == 1)
        g_assert_cmpint (likert_fts_tokenizer_learn_unicode61 (db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (text, "
                                         "content = '', detail = none, columnsize = 0, "
                                         "tokenize = 'unicode61 remove_diacritics 2')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (rowid, text) VALUES (?, ?)", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      for (guint i = 0; i < 400; i++)
        {
          sqlite3_bind_int (stmt, 1, (int) i + 1);
          sqlite3_bind_text (stmt, 2, documents[i % G_N_ELEMENTS (documents)], -1,
                             SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, quote (block) FROM t_data "
                                               "ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (dump, "%lld %s\n", (long long) sqlite3_column_int64 (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (dump->len, >, 0);
      dumps[side] = g_string_free (g_steal_pointer (&dump), FALSE);
    }
  g_assert_cmpstr (dumps[1], ==, dumps[0]);
  g_free (dumps[0]);
  g_free (dumps[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (argument_sets); i++)
    {
      g_autofree char *every = g_strdup_printf ("/fts-tokenizer/every-code-point/%u", i);
      g_autofree char *random = g_strdup_printf ("/fts-tokenizer/random-texts/%u", i);

      /* Every code point (a second each) for the index's own arguments, and those that
       * change which characters are tokens: exceptions outside ASCII, marks as letters. */
      if (i == 0 || i == 4 || i == 5)
        g_test_add_data_func (every, argument_sets[i], test_every_code_point);
      g_test_add_data_func (random, argument_sets[i], test_random_texts);
    }
  g_test_add_func ("/fts-tokenizer/beyond-unicode", test_beyond_unicode);
  g_test_add_func ("/fts-tokenizer/callback-stops", test_callback_stops);
  g_test_add_func ("/fts-tokenizer/bad-arguments", test_bad_arguments);
  g_test_add_func ("/fts-tokenizer/same-index", test_same_index);
  return g_test_run ();
}
