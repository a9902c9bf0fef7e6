/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-fts-tokenizer"

#include "config.h"

#include <string.h>

#include "likert-fts-tokenizer.h"

/* What a character is to unicode61 (see likert-fts-tokenizer.h). */
typedef enum
{
  KIND_UNKNOWN = 0,   /* not learnt: the block is not filled, or unicode61 answered oddly */
  KIND_SEPARATOR,
  KIND_START,         /* begins a token, and continues one */
  KIND_CONTINUE,      /* only continues a token (a diacritic) */
} Kind;

#define FOLD_MAX 5

/* A character as unicode61 tokenizes it: its kind and what it writes into a token. */
typedef struct
{
  guint8 kind;
  guint8 length;
  char   fold[FOLD_MAX];
} Char;

G_STATIC_ASSERT (sizeof (Char) == 7);

#define BLOCK_BITS 6
#define BLOCK_SIZE (1u << BLOCK_BITS)
#define LAST_CODE_POINT 0x10FFFFu
#define N_BLOCKS ((LAST_CODE_POINT >> BLOCK_BITS) + 1)

/* SQLite's unicode61, as its fts5_api gave it. */
typedef struct
{
  fts5_tokenizer real;
  void          *real_data;
} Module;

typedef struct
{
  fts5_tokenizer  real;
  Fts5Tokenizer  *real_tokenizer;  /* made with this instance's arguments */
  Char          **blocks;          /* N_BLOCKS, each BLOCK_SIZE characters, filled when met */
  Char            ascii[0x80];     /* blocks 0 and 1 */
  gboolean        all_to_unicode61;
  char            marker;          /* an ASCII letter that begins a token and folds to itself */
  char           *out;             /* the token being folded */
  gsize           out_size;
} Tokenizer;

/* What one run of unicode61 gave: its tokens, folded, one after another. */
typedef struct
{
  guint n_tokens;
  guint length;       /* of bytes, all tokens */
  char  bytes[3 * FOLD_MAX + 8];
  gboolean overflow;
} Probe;

static int
probe_token_cb (void       *data,
                int         flags,
                const char *token,
                int         n,
                int         start,
                int         end)
{
  Probe *probe = data;

  if (probe->length + (guint) n > sizeof probe->bytes)
    {
      probe->overflow = TRUE;
      return SQLITE_OK;
    }
  memcpy (probe->bytes + probe->length, token, (gsize) n);
  probe->length += (guint) n;
  probe->n_tokens++;
  return SQLITE_OK;
}

static gboolean
probe (Tokenizer  *self,
       const char *text,
       gsize       length,
       Probe      *probe)
{
  memset (probe, 0, sizeof *probe);
  return self->real.xTokenize (self->real_tokenizer, probe, FTS5_TOKENIZE_DOCUMENT, text,
                               (int) length, probe_token_cb) == SQLITE_OK &&
         !probe->overflow;
}

/* The code point's shortest UTF-8 (five or six bytes beyond U+10FFFF are never asked). */
static gsize
encode (guint32  c,
        char    *out)
{
  if (c < 0x80)
    {
      out[0] = (char) c;
      return 1;
    }
  if (c < 0x800)
    {
      out[0] = (char) (0xC0 | (c >> 6));
      out[1] = (char) (0x80 | (c & 0x3F));
      return 2;
    }
  if (c < 0x10000)
    {
      out[0] = (char) (0xE0 | (c >> 12));
      out[1] = (char) (0x80 | ((c >> 6) & 0x3F));
      out[2] = (char) (0x80 | (c & 0x3F));
      return 3;
    }
  out[0] = (char) (0xF0 | (c >> 18));
  out[1] = (char) (0x80 | ((c >> 12) & 0x3F));
  out[2] = (char) (0x80 | ((c >> 6) & 0x3F));
  out[3] = (char) (0x80 | (c & 0x3F));
  return 4;
}

/* Asks unicode61 what c is: alone, a character that begins a token is one token (what it
 * folds to); between two markers, one that only continues a token joins them into one, and
 * a separator leaves two. */
static Char
learn (Tokenizer *self,
       guint32    c)
{
  Char learnt = { KIND_UNKNOWN, 0, { 0 } };
  char text[8];
  gsize n = encode (c, text + 1);
  Probe alone, between;

  if (!probe (self, text + 1, n, &alone))
    return learnt;
  if (alone.n_tokens == 1 && alone.length <= FOLD_MAX)
    {
      learnt.kind = KIND_START;
      learnt.length = (guint8) alone.length;
      memcpy (learnt.fold, alone.bytes, alone.length);
      return learnt;
    }
  if (alone.n_tokens != 0 || self->marker == '\0')
    return learnt;

  text[0] = self->marker;
  text[n + 1] = self->marker;
  if (!probe (self, text, n + 2, &between))
    return learnt;
  if (between.n_tokens == 2 && between.length == 2)
    learnt.kind = KIND_SEPARATOR;
  else if (between.n_tokens == 1 && between.length >= 2 && between.length - 2 <= FOLD_MAX &&
           between.bytes[0] == self->marker && between.bytes[between.length - 1] == self->marker)
    {
      learnt.kind = KIND_CONTINUE;
      learnt.length = (guint8) (between.length - 2);
      memcpy (learnt.fold, between.bytes + 1, learnt.length);
    }
  return learnt;
}

static Char *
learn_block (Tokenizer *self,
             guint32    block)
{
  Char *chars = g_new (Char, BLOCK_SIZE);

  for (guint i = 0; i < BLOCK_SIZE; i++)
    chars[i] = learn (self, (block << BLOCK_BITS) | i);
  self->blocks[block] = chars;
  return chars;
}

static inline const Char *
lookup (Tokenizer *self,
        guint32    c)
{
  static const Char unknown = { KIND_UNKNOWN, 0, { 0 } };
  Char *chars;

  if (G_UNLIKELY (c > LAST_CODE_POINT))
    return &unknown;
  chars = self->blocks[c >> BLOCK_BITS];
  if (G_UNLIKELY (chars == NULL))
    chars = learn_block (self, c >> BLOCK_BITS);
  return &chars[c & (BLOCK_SIZE - 1)];
}

/* unicode61's reading of a character (SQLite's READ_UTF8): a lead byte takes every
 * continuation byte that follows, however many; a lone continuation byte is itself; what
 * decodes below U+0080, to a surrogate, or to U+FFFE or U+FFFF is U+FFFD. */
static inline guint32
read_char (const guint8 **p,
           const guint8  *end)
{
  guint32 c = *(*p)++;

  if (c >= 0xC0)
    {
      if (c < 0xE0)
        c &= 0x1F;
      else if (c < 0xF0)
        c &= 0x0F;
      else if (c < 0xF8)
        c &= 0x07;
      else if (c < 0xFC)
        c &= 0x03;
      else if (c < 0xFE)
        c &= 0x01;
      else
        c = 0;
      while (*p != end && (**p & 0xC0) == 0x80)
        c = (c << 6) + (0x3Fu & *(*p)++);
      if (c < 0x80 || (c & 0xFFFFF800u) == 0xD800 || (c & 0xFFFFFFFEu) == 0xFFFE)
        c = 0xFFFD;
    }
  return c;
}

typedef struct
{
  void *data;
  int (*token) (void *, int, const char *, int, int, int);
  int   offset;
} Shifted;

static int
shifted_token_cb (void       *data,
                  int         flags,
                  const char *token,
                  int         n,
                  int         start,
                  int         end)
{
  Shifted *shifted = data;

  return shifted->token (shifted->data, flags, token, n, start + shifted->offset,
                         end + shifted->offset);
}

/* The rest of the text, from a place where unicode61 begins afresh (between tokens, or where
 * a token begins), by unicode61 itself. */
static int
tokenize_rest (Tokenizer  *self,
               void       *data,
               int         flags,
               const char *text,
               int         length,
               int         from,
               int       (*token) (void *, int, const char *, int, int, int))
{
  Shifted shifted = { data, token, from };

  return self->real.xTokenize (self->real_tokenizer, &shifted, flags, text + from,
                               length - from, shifted_token_cb);
}

static int
tokenize (Fts5Tokenizer *tokenizer,
          void          *data,
          int            flags,
          const char    *text,
          int            length,
          int          (*token) (void *, int, const char *, int, int, int))
{
  Tokenizer *self = (Tokenizer *) tokenizer;
  const guint8 *const begin = (const guint8 *) text;
  const guint8 *const end = begin + length;
  const guint8 *p = begin;
  const Char *const ascii = self->ascii;
  int rc = SQLITE_OK;

  if (self->all_to_unicode61)
    return tokenize_rest (self, data, flags, text, length, 0, token);

  /* A token is never longer than FOLD_MAX bytes per byte read. */
  if ((gsize) length * FOLD_MAX + 8 > self->out_size)
    {
      self->out_size = (gsize) length * FOLD_MAX + 8;
      g_free (self->out);
      self->out = g_malloc (self->out_size);
    }

  while (rc == SQLITE_OK)
    {
      const guint8 *start;
      const Char *ch;
      char *o = self->out;
      int token_end;

      /* Separators. */
      for (;;)
        {
          if (p == end)
            goto done;
          start = p;
          if (*p < 0x80)
            {
              ch = &ascii[*p++];
              if (ch->kind == KIND_START)
                break;
            }
          else
            {
              ch = lookup (self, read_char (&p, end));
              if (ch->kind == KIND_START)
                break;
              if (G_UNLIKELY (ch->kind == KIND_UNKNOWN))
                return tokenize_rest (self, data, flags, text, length, (int) (start - begin),
                                      token);
            }
        }

      /* The token, from its first character (ch). */
      memcpy (o, ch->fold, FOLD_MAX);
      o += ch->length;
      token_end = (int) (p - begin);
      while (p != end)
        {
          if (*p < 0x80)
            {
              ch = &ascii[*p];
              if (ch->kind != KIND_START)
                break;
              *o++ = ch->fold[0];
              p++;
            }
          else
            {
              ch = lookup (self, read_char (&p, end));
              if (ch->kind == KIND_SEPARATOR)
                break;
              if (G_UNLIKELY (ch->kind == KIND_UNKNOWN))
                return tokenize_rest (self, data, flags, text, length, (int) (start - begin),
                                      token);
              memcpy (o, ch->fold, FOLD_MAX);
              o += ch->length;
            }
          token_end = (int) (p - begin);
        }
      rc = token (data, 0, self->out, (int) (o - self->out), (int) (start - begin), token_end);
    }

done:
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer)
{
  Tokenizer *self = (Tokenizer *) tokenizer;

  if (self == NULL)
    return;
  if (self->real_tokenizer != NULL)
    self->real.xDelete (self->real_tokenizer);
  if (self->blocks != NULL)
    for (guint b = 2; b < N_BLOCKS; b++)
      g_free (self->blocks[b]);
  g_free (self->blocks);
  g_free (self->out);
  g_free (self);
}

static int
tokenizer_create (void           *data,
                  const char    **args,
                  int             n_args,
                  Fts5Tokenizer **out)
{
  const Module *module = data;
  Tokenizer *self = g_new0 (Tokenizer, 1);
  int rc;

  *out = NULL;
  self->real = module->real;
  rc = self->real.xCreate (module->real_data, args, n_args, &self->real_tokenizer);
  if (rc != SQLITE_OK)
    {
      self->real_tokenizer = NULL;
      tokenizer_delete ((Fts5Tokenizer *) self);
      return rc;
    }
  self->blocks = g_new0 (Char *, N_BLOCKS);

  /* The marker: the first of these that is a token of itself (learnt alone, with none). */
  for (const char *m = "abcdefghijklmnopqrstuvwxyz0123456789"; *m != '\0'; m++)
    {
      Char ch = learn (self, (guint8) *m);

      if (ch.kind == KIND_START && ch.length == 1 && ch.fold[0] == *m)
        {
          self->marker = *m;
          break;
        }
    }

  /* ASCII, which tokenize () reads from one array of 128, in two blocks. In a token an ASCII
   * character is its one folded byte: were one to only continue a token, fold to more or
   * less, or not be learnt, every text goes to unicode61. */
  self->blocks[0] = self->ascii;
  self->blocks[1] = self->ascii + BLOCK_SIZE;
  for (guint i = 0; i < 0x80; i++)
    {
      self->ascii[i] = learn (self, i);
      if (self->ascii[i].kind == KIND_UNKNOWN || self->ascii[i].kind == KIND_CONTINUE ||
          (self->ascii[i].kind == KIND_START && self->ascii[i].length != 1))
        self->all_to_unicode61 = TRUE;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return api;
}

int
likert_fts_tokenizer_learn_unicode61 (sqlite3 *db)
{
  fts5_api *api = get_fts5_api (db);
  fts5_tokenizer learnt = { tokenizer_create, tokenizer_delete, tokenize };
  Module *module;
  int rc;

  if (api == NULL)
    return SQLITE_ERROR;
  module = g_new0 (Module, 1);
  rc = api->xFindTokenizer (api, "unicode61", &module->real_data, &module->real);
  if (rc != SQLITE_OK)
    {
      g_free (module);
      return rc;
    }
  /* The newest tokenizer of a name is the one FTS5 finds. */
  return api->xCreateTokenizer (api, "unicode61", module, &learnt, g_free);
}
