/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-encoding"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <uchardet/uchardet.h>

#include "likert-encoding.h"
#include "likert-swar.h"

/* How the decoder turns bytes into UTF-8. */
typedef enum
{
  MODE_UTF8,     /* validation only: the bytes are copied */
  MODE_TABLE,    /* a stateless, ASCII-compatible single-byte encoding: a 256-entry table */
  MODE_ICONV,    /* everything else (UTF-16, UTF-32, CJK multibyte, stateful): GIConv */
} Mode;

/* The UTF-8 text of one byte in MODE_TABLE. */
typedef struct
{
  char   bytes[4];
  guint8 length;         /* 0: the byte is not valid in the encoding; ENTRY_NUL: it is U+0000 */
} Entry;

#define ENTRY_NUL 0xFF
#define CARRY_MAX 16     /* longest incomplete character held over (ISO-2022 escape + char) */

struct _LikertDecoder
{
  char     *encoding;    /* upper case, for messages */
  char     *filename;
  Mode      mode;
  GIConv    cd;          /* MODE_ICONV */
  Entry    *table;       /* MODE_TABLE */
  gsize     table_max;   /* longest entry */

  guint64   offset;      /* file offset of the next byte fed */
  guint8    carry[CARRY_MAX];
  gsize     carry_len;   /* an incomplete character from the end of the previous chunk */
  guint64   carry_offset;
  gsize     held;        /* in place: the bytes at the end of the caller's text that begin a
                          * character the read cut, checked with the next piece */

  guint     line;        /* 1-based line of the next character */
  guint     column;      /* characters already on that line */
  gboolean  last_was_cr; /* the text so far ends with CR (a LF next does not end a line) */
  gboolean  at_start;    /* nothing decoded yet: a U+FEFF here is a byte-order mark */
  gboolean  done;        /* final chunk fed or error reported */
};

G_DEFINE_QUARK (likert-encoding-error-quark, likert_encoding_error)

/* ---------------------------------------------------------------------------------------------
 * UTF-8 helpers */

/* Length of the sequence a UTF-8 lead byte starts; 0 for a byte that cannot start one. */
static inline guint
utf8_sequence_length (guint8 b)
{
  if (b >= 0xC2 && b <= 0xDF)
    return 2;
  if (b >= 0xE0 && b <= 0xEF)
    return 3;
  if (b >= 0xF0 && b <= 0xF4)
    return 4;
  return 0;
}

/* Whether b may follow seq[0..n) (n ≥ 1) in a well-formed sequence (RFC 3629: no overlong
 * forms, no surrogates, nothing above U+10FFFF). */
static inline gboolean
utf8_continues (const guint8 *seq,
                gsize         n,
                guint8        b)
{
  guint8 lo = 0x80, hi = 0xBF;

  if (n == 1)
    {
      switch (seq[0])
        {
        case 0xE0: lo = 0xA0; break;
        case 0xED: hi = 0x9F; break;
        case 0xF0: lo = 0x90; break;
        case 0xF4: hi = 0x8F; break;
        default: break;
        }
    }
  return b >= lo && b <= hi;
}

/* Length of the run of bytes 0x01–0x7F at the start of p[0..n), eight bytes at a time. */
static inline gsize
ascii_run (const guint8 *p,
           gsize         n)
{
  gsize i = 0;

  /* Past words of ASCII without a zero byte. */
  while (i + 8 <= n && (likert_swar_high (likert_swar_load (p + i)) |
                        likert_swar_zero (likert_swar_load (p + i))) == 0)
    i += 8;
  while (i < n && (guint) p[i] - 1u < 0x7Fu)
    i++;
  return i;
}

/* g_utf8_validate () with a length, eight ASCII bytes at a time where GLib looks at each byte
 * on its own: survey text is mostly ASCII. Valid UTF-8 by RFC 3629, no NUL; FALSE with *stop
 * at the first sequence that is not (test /encoding/decode/utf8-like-glib holds it to GLib). */
static gboolean
utf8_validate (const char  *text,
               gsize        length,
               const char **stop)
{
  const guint8 *p = (const guint8 *) text, *end = p + length;

  while (p < end)
    {
      guint need;

      p += ascii_run (p, (gsize) (end - p));
      if (p == end)
        break;
      /* A NUL or the first byte of a longer sequence. */
      need = utf8_sequence_length (*p);
      if (need == 0 || (gsize) (end - p) < need)
        break;
      for (guint i = 1; i < need; i++)
        if (!utf8_continues (p, i, p[i]))
          {
            *stop = (const char *) p;
            return FALSE;
          }
      p += need;
    }
  *stop = (const char *) p;
  return p == end;
}

/* Whether p[0..n) is the start, but not the whole, of a well-formed sequence. */
static gboolean
utf8_is_prefix (const guint8 *p,
                gsize         n)
{
  guint need = utf8_sequence_length (p[0]);

  if (need == 0 || n >= need)
    return FALSE;
  for (gsize i = 1; i < n; i++)
    if (!utf8_continues (p, i, p[i]))
      return FALSE;
  return TRUE;
}

/* Characters in valid UTF-8 text: the bytes that are not continuation bytes. */
static gsize
count_chars (const char *text,
             gsize       length)
{
  gsize n = 0;

  for (gsize i = 0; i < length; i++)
    n += ((guint8) text[i] & 0xC0) != 0x80;
  return n;
}

/* ---------------------------------------------------------------------------------------------
 * Detection */

/* BOM-less UTF-16: text that is mostly Latin (or, in a CSV, has its delimiters, digits, dates
 * and ASCII headers) has a NUL in every code unit of U+0001–U+00FF. Require at least 30 % of
 * the pairs with exactly one NUL, nearly always on the same side. */
static const char *
detect_utf16 (const guint8 *data,
              gsize         length)
{
  gsize pairs = length / 2, le = 0, be = 0;

  for (gsize i = 0; i < pairs; i++)
    {
      guint8 a = data[2 * i], b = data[2 * i + 1];

      if (a != 0 && b == 0)
        le++;
      else if (a == 0 && b != 0)
        be++;
    }
  if (pairs == 0)
    return NULL;
  if (le * 10 >= pairs * 3 && be * 10 <= le)
    return "UTF-16LE";
  if (be * 10 >= pairs * 3 && le * 10 <= be)
    return "UTF-16BE";
  return NULL;
}

/* Whether data is UTF-8. NUL bytes do not count against it (the decoder reports them with their
 * line), nor does a character cut by the end of an incomplete sample. */
static gboolean
is_utf8 (const guint8 *data,
         gsize         length,
         gboolean      complete)
{
  const char *p = (const char *) data, *end = p + length;

  while (p < end)
    {
      const char *stop;

      if (g_utf8_validate (p, end - p, &stop))
        return TRUE;
      if (*stop == '\0')
        p = stop + 1;
      else
        return !complete && utf8_is_prefix ((const guint8 *) stop, (gsize) (end - stop));
    }
  return TRUE;
}

/* uchardet's answer as the name of the encoding to decode with. Where uchardet names an ISO
 * standard that Windows extends (printable characters in the C1 range 0x80–0x9F: € ‘ ’ “ ” … œ),
 * take the Windows code page, as browsers do (WHATWG Encoding Standard): real files from those
 * locales come from Windows, and C1 control characters never occur in a CSV. Likewise for the
 * Windows supersets of Shift_JIS and EUC-KR. */
static const char *
legacy_name (const char *charset)
{
  static const struct { const char *uchardet; const char *iconv; } aliases[] = {
    { "ASCII", "WINDOWS-1252" },     /* it sees no 8-bit text worth a guess */
    { "ISO-8859-1", "WINDOWS-1252" },
    { "ISO-8859-9", "WINDOWS-1254" },
    { "ISO-8859-11", "WINDOWS-874" },
    { "TIS-620", "WINDOWS-874" },
    { "SHIFT_JIS", "CP932" },
    { "EUC-KR", "CP949" },
  };

  if (charset == NULL || *charset == '\0')
    return "WINDOWS-1252";
  for (gsize i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_ascii_strcasecmp (charset, aliases[i].uchardet) == 0)
      return aliases[i].iconv;
  return charset;
}

/* The Windows code page for the script of an ISO-8859 part, for samples that cannot be in the
 * ISO encoding because they have bytes in 0x80–0x9F: those are C1 control characters there,
 * which no text contains, and letters or punctuation in the Windows code page. (uchardet 0.0.7
 * calls a short Polish WINDOWS-1250 text ISO-8859-2, for instance.) */
static const char *
windows_counterpart (const char *iso)
{
  static const struct { const char *iso; const char *windows; } pairs[] = {
    { "ISO-8859-2", "WINDOWS-1250" },
    { "ISO-8859-4", "WINDOWS-1257" },
    { "ISO-8859-5", "WINDOWS-1251" },
    { "ISO-8859-6", "WINDOWS-1256" },
    { "ISO-8859-7", "WINDOWS-1253" },
    { "ISO-8859-8", "WINDOWS-1255" },
    { "ISO-8859-13", "WINDOWS-1257" },
    { "ISO-8859-15", "WINDOWS-1252" },
    { "ISO-8859-16", "WINDOWS-1250" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (g_ascii_strcasecmp (iso, pairs[i].iso) == 0)
      return pairs[i].windows;
  return NULL;
}

static char *
detect_legacy (const guint8 *data,
               gsize         length)
{
  uchardet_t detector = uchardet_new ();
  const char *name, *windows;
  char *result;
  GIConv cd;

  uchardet_handle_data (detector, (const char *) data, length);
  uchardet_data_end (detector);
  name = legacy_name (uchardet_get_charset (detector));

  windows = windows_counterpart (name);
  if (windows != NULL)
    {
      for (gsize i = 0; i < length; i++)
        {
          if (data[i] >= 0x80 && data[i] <= 0x9F)
            {
              g_debug ("uchardet says %s, but the sample has C1 bytes: %s", name, windows);
              name = windows;
              break;
            }
        }
    }
  result = g_ascii_strup (name, -1);
  uchardet_delete (detector);

  /* An answer iconv cannot decode (uchardet knows HZ-GB-2312, glibc does not) is no answer. */
  cd = g_iconv_open ("UTF-8", result);
  if (cd == (GIConv) -1)
    {
      g_debug ("uchardet says %s, which iconv does not know", result);
      g_free (result);
      return g_strdup ("WINDOWS-1252");
    }
  g_iconv_close (cd);
  return result;
}

/* ---------------------------------------------------------------------------------------------
 * Decoder helpers */

/* The line breaks in p[0..n): CRs, and LFs that do not follow a CR (after_cr: p[-1] was one,
 * even at the end of the previous piece). Sixteen bytes at a time where the compiler has
 * vectors (SSE2, NEON), the matches of each byte lane summed in a byte, 255 rounds at most. */
static guint64
count_breaks (const guint8 *p,
              gsize         n,
              gboolean      after_cr)
{
  guint64 lines;
  gsize i = 1;

  if (n == 0)
    return 0;
  lines = p[0] == '\r' || (p[0] == '\n' && !after_cr);
#if defined (__GNUC__)
  {
    typedef guint8 Bytes16 __attribute__ ((vector_size (16)));

    while (n - i >= 16)
      {
        Bytes16 sums = { 0 };
        guint rounds = 0;

        for (; rounds < 255 && n - i >= 16; rounds++, i += 16)
          {
            Bytes16 here, before;

            memcpy (&here, p + i, sizeof here);
            memcpy (&before, p + i - 1, sizeof before);
            /* each comparison is 0xFF (−1) in the lanes it matches */
            sums -= (Bytes16) (here == '\r');
            sums -= (Bytes16) ((here == '\n') & ~(before == '\r'));
          }
        for (guint k = 0; k < 16; k++)
          lines += sums[k];
      }
  }
#endif
  for (; i < n; i++)
    lines += p[i] == '\r' || (p[i] == '\n' && p[i - 1] != '\r');
  return lines;
}

/* Moves line and column past the UTF-8 text[0..length). CR always ends a line; LF does unless
 * it follows a CR. */
static void
count_lines (LikertDecoder *self,
             const char    *text,
             gsize          length)
{
  const guint8 *p = (const guint8 *) text;
  gsize last;

  if (length == 0)
    return;

  self->line += (guint) count_breaks (p, length, self->last_was_cr);
  for (last = length; last > 0 && p[last - 1] != '\r' && p[last - 1] != '\n'; last--)
    ;
  if (last > 0)
    self->column = (guint) count_chars (text + last, length - last);
  else
    self->column += (guint) count_chars (text, length);
  self->last_was_cr = p[length - 1] == '\r';
}

/* Takes out[start..] as decoded text: drops a leading byte-order mark, counts lines. */
static void
deliver (LikertDecoder *self,
         GString       *out,
         gsize          start)
{
  if (G_UNLIKELY (self->at_start) && out->len > start)
    {
      self->at_start = FALSE;
      if (out->len - start >= 3 && memcmp (out->str + start, "\xEF\xBB\xBF", 3) == 0)
        g_string_erase (out, (gssize) start, 3);
    }
  count_lines (self, out->str + start, out->len - start);
}

static gboolean
fail_invalid (LikertDecoder *self,
              guint64        offset,
              guint8         byte,
              GError       **error)
{
  self->done = TRUE;
  g_set_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID,
               /* Translators: file:line:column: message. %02X is a byte in hexadecimal, %lu its
                * offset in the file, the last %s an encoding name such as UTF-8 or WINDOWS-1252.
                * Example: "export.csv:12:7: byte 0xE9 at offset 1234 is not valid UTF-8 text" */
               _("%s:%u:%u: byte 0x%02X at offset %lu is not valid %s text"),
               self->filename, self->line, self->column + 1, (guint) byte, (gulong) offset,
               self->encoding);
  return FALSE;
}

static gboolean
fail_nul (LikertDecoder *self,
          guint64        offset,
          GError       **error)
{
  self->done = TRUE;
  g_set_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID,
               /* Translators: file:line:column: message. %lu is an offset in the file, the last
                * %s an encoding name such as UTF-8. NUL is the character U+0000. */
               _("%s:%u:%u: NUL character at offset %lu: CSV text never contains one "
                 "(is the file really %s?)"),
               self->filename, self->line, self->column + 1, (gulong) offset, self->encoding);
  return FALSE;
}

static gboolean
fail_truncated (LikertDecoder *self,
                guint64        offset,
                GError       **error)
{
  self->done = TRUE;
  g_set_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_INVALID,
               /* Translators: file:line:column: message. The first %s after the numbers is an
                * encoding name such as UTF-16LE, %lu the offset where the character starts. */
               _("%s:%u:%u: the file ends in the middle of a %s character (offset %lu)"),
               self->filename, self->line, self->column + 1, self->encoding, (gulong) offset);
  return FALSE;
}

/* MODE_TABLE when the encoding is single-byte, stateless and ASCII-compatible: every byte alone
 * converts to one piece of text (or is invalid), bytes 0x01–0x7F to themselves, and all bytes
 * in one run convert to the concatenation of the pieces. NULL otherwise (multibyte, stateful,
 * composing like WINDOWS-1258, EBCDIC, …). */
static Entry *
build_table (GIConv  cd,
             gsize  *max_length)
{
  g_autofree Entry *table = g_new0 (Entry, 256);
  g_autoptr(GString) expected = g_string_new (NULL);
  char run[256], converted[256 * 4 + 16];
  gsize run_len = 0;
  char *inp, *outp;
  gsize inleft, outleft;

  for (guint b = 0; b < 256; b++)
    {
      char in = (char) b, piece[8];

      inp = &in;
      inleft = 1;
      outp = piece;
      outleft = sizeof piece;
      g_iconv (cd, NULL, NULL, NULL, NULL);
      if (g_iconv (cd, &inp, &inleft, &outp, &outleft) == (gsize) -1)
        {
          if (errno == EILSEQ)
            continue;                           /* invalid: length 0 */
          return NULL;                          /* EINVAL: a multibyte lead or an escape */
        }
      if (outp == piece || outp - piece > 4)
        return NULL;                            /* buffered (composing), or too long */
      if (b < 0x80 && !(outp - piece == 1 && piece[0] == (char) b))
        return NULL;                            /* not ASCII-compatible */
      if (memchr (piece, '\0', (gsize) (outp - piece)) != NULL)
        {
          table[b].length = ENTRY_NUL;
          continue;
        }
      memcpy (table[b].bytes, piece, (gsize) (outp - piece));
      table[b].length = (guint8) (outp - piece);
      *max_length = MAX (*max_length, table[b].length);
      g_string_append_len (expected, piece, outp - piece);
      run[run_len++] = (char) b;
    }

  /* statelessness: the valid bytes in one go give the same text */
  g_iconv (cd, NULL, NULL, NULL, NULL);
  inp = run;
  inleft = run_len;
  outp = converted;
  outleft = sizeof converted;
  if (g_iconv (cd, &inp, &inleft, &outp, &outleft) == (gsize) -1
      || g_iconv (cd, NULL, NULL, &outp, &outleft) == (gsize) -1
      || (gsize) (outp - converted) != expected->len
      || memcmp (converted, expected->str, expected->len) != 0)
    return NULL;
  return g_steal_pointer (&table);
}

/* ---------------------------------------------------------------------------------------------
 * The three ways to decode */

/* Where utf8_validate () stopped, n bytes before the end of a chunk, at offset: TRUE when
 * the bytes begin a character that the chunk cut (held over for the next one), else FALSE with
 * the error for a NUL or an ill-formed sequence. */
static gboolean
utf8_stop_is_cut (LikertDecoder  *self,
                  const guint8   *bad,
                  gsize           n,
                  guint64         offset,
                  GError        **error)
{
  if (*bad == 0)
    return fail_nul (self, offset, error);
  if (!utf8_is_prefix (bad, n))
    return fail_invalid (self, offset, *bad, error);
  return TRUE;
}

static gboolean
feed_utf8 (LikertDecoder *self,
           const guint8  *in,
           gsize          length,
           GString       *out,
           GError       **error)
{
  gsize pos = 0;

  if (self->carry_len > 0)
    {
      guint need = utf8_sequence_length (self->carry[0]);
      gsize start;

      while (self->carry_len < need && pos < length)
        {
          if (!utf8_continues (self->carry, self->carry_len, in[pos]))
            return fail_invalid (self, self->carry_offset, self->carry[0], error);
          self->carry[self->carry_len++] = in[pos++];
        }
      if (self->carry_len < need)
        return TRUE;
      if (!g_utf8_validate ((const char *) self->carry, need, NULL))
        return fail_invalid (self, self->carry_offset, self->carry[0], error);
      start = out->len;
      g_string_append_len (out, (const char *) self->carry, need);
      self->carry_len = 0;
      deliver (self, out, start);
    }

  if (pos < length)
    {
      const char *text = (const char *) in + pos, *stop;
      gsize n = length - pos, good, start = out->len;
      gboolean valid = utf8_validate (text, n, &stop);

      good = (gsize) (stop - text);
      g_string_append_len (out, text, (gssize) good);
      deliver (self, out, start);
      if (!valid)
        {
          const guint8 *bad = (const guint8 *) stop;
          guint64 bad_offset = self->offset + pos + good;

          if (!utf8_stop_is_cut (self, bad, n - good, bad_offset, error))
            return FALSE;
          memcpy (self->carry, bad, n - good);
          self->carry_len = n - good;
          self->carry_offset = bad_offset;
        }
    }
  return TRUE;
}

static gboolean
feed_table (LikertDecoder *self,
            const guint8  *in,
            gsize          length,
            GString       *out,
            GError       **error)
{
  gsize start = out->len, i = 0;
  char *o;

  /* room for the worst case, and for the 4-byte copies of the last entry */
  g_string_set_size (out, start + length * self->table_max + 4);
  o = out->str + start;

  while (i < length)
    {
      gsize run = ascii_run (in + i, length - i);

      memcpy (o, in + i, run);
      o += run;
      i += run;
      while (i < length && (in[i] >= 0x80 || in[i] == 0))
        {
          const Entry *entry = &self->table[in[i]];

          if (G_UNLIKELY (entry->length == 0 || entry->length == ENTRY_NUL))
            {
              g_string_truncate (out, (gsize) (o - out->str));
              deliver (self, out, start);
              if (entry->length == 0)
                return fail_invalid (self, self->offset + i, in[i], error);
              return fail_nul (self, self->offset + i, error);
            }
          memcpy (o, entry->bytes, 4);
          o += entry->length;
          i++;
        }
    }
  g_string_truncate (out, (gsize) (o - out->str));
  deliver (self, out, start);
  return TRUE;
}

/* Where the input that converted to U+0000 starts: converts again from the same point, one
 * more byte at a time, until the output holds the NUL; the character that ends there starts
 * where the converter stopped before. (Counting the output before the NUL would not do: a
 * composing encoding such as WINDOWS-1258 holds a character back, waiting for a combining mark,
 * and writes it with the next one, so the output can hold text from before this input. For a
 * stateful encoding such as ISO-2022-JP the conversion restarts in the initial state; a NUL
 * in such files is not worth more.) */
static gsize
nul_input_position (LikertDecoder *self,
                    const char    *in,
                    gsize          length)
{
  GIConv cd = g_iconv_open ("UTF-8", self->encoding);
  char *inp = (char *) in;
  gsize position = 0;

  if (cd == (GIConv) -1)
    return 0;
  for (gsize end = 1; end <= length; end++)
    {
      char buffer[64], *outp = buffer;
      gsize outleft = sizeof buffer;
      gsize inleft = end - (gsize) (inp - in);
      const char *before = inp;

      g_iconv (cd, &inp, &inleft, &outp, &outleft);
      if (memchr (buffer, '\0', sizeof buffer - outleft) != NULL)
        {
          position = (gsize) (before - in);
          break;
        }
    }
  g_iconv_close (cd);
  return position;
}

/* Converts in[0..length) (in the file at offset base) to out; stops before an incomplete
 * character at the end: *consumed tells how far it got. */
static gboolean
iconv_block (LikertDecoder *self,
             const guint8  *in,
             gsize          length,
             guint64        base,
             GString       *out,
             gsize         *consumed,
             GError       **error)
{
  char *inp = (char *) in;
  gsize inleft = length;

  *consumed = 0;
  while (inleft > 0)
    {
      gsize start = out->len, room = inleft * 3 + 16, result, produced;
      char *call_in = inp, *outp, *nul;
      gsize outleft = room;
      int saved_errno;

      g_string_set_size (out, start + room);
      outp = out->str + start;
      result = g_iconv (self->cd, &inp, &inleft, &outp, &outleft);
      saved_errno = errno;
      produced = room - outleft;
      g_string_truncate (out, start + produced);

      nul = memchr (out->str + start, '\0', produced);
      if (G_UNLIKELY (nul != NULL))
        {
          gsize before = (gsize) (nul - (out->str + start));
          gsize at = nul_input_position (self, call_in, (gsize) (inp - call_in) + inleft);

          g_string_truncate (out, start + before);
          deliver (self, out, start);
          return fail_nul (self, base + (gsize) (call_in - (char *) in) + at, error);
        }
      deliver (self, out, start);

      if (result != (gsize) -1)
        break;
      if (saved_errno == E2BIG)
        continue;
      if (saved_errno == EINVAL)
        break;
      /* EILSEQ */
      return fail_invalid (self, base + (gsize) (inp - (char *) in), (guint8) *inp, error);
    }
  *consumed = length - inleft;
  return TRUE;
}

/* Keeps in[0..length), an incomplete character at offset, for the next chunk. */
static gboolean
hold_over (LikertDecoder *self,
           const guint8  *in,
           gsize          length,
           guint64        offset,
           GError       **error)
{
  if (length > CARRY_MAX)
    return fail_invalid (self, offset, in[0], error);    /* no character is that long */
  memmove (self->carry, in, length);
  self->carry_len = length;
  self->carry_offset = offset;
  return TRUE;
}

static gboolean
feed_iconv (LikertDecoder *self,
            const guint8  *in,
            gsize          length,
            gboolean       final,
            GString       *out,
            GError       **error)
{
  gsize pos = 0, consumed;

  if (self->carry_len > 0)
    {
      /* finish the held-over character with the first bytes of this chunk */
      guint8 head[2 * CARRY_MAX];
      gsize take = MIN (length, sizeof head - self->carry_len);
      gsize held = self->carry_len;

      memcpy (head, self->carry, held);
      if (take > 0)
        memcpy (head + held, in, take);
      self->carry_len = 0;
      if (!iconv_block (self, head, held + take, self->carry_offset, out, &consumed, error))
        return FALSE;
      if (consumed < held)
        {
          /* still incomplete: this chunk was shorter than the character */
          if (take < length)
            return fail_invalid (self, self->carry_offset + consumed, head[consumed], error);
          if (!hold_over (self, head + consumed, held + take - consumed,
                          self->carry_offset + consumed, error))
            return FALSE;
          pos = length;
        }
      else
        pos = consumed - held;
    }

  if (pos < length)
    {
      if (!iconv_block (self, in + pos, length - pos, self->offset + pos, out, &consumed, error))
        return FALSE;
      pos += consumed;
      if (pos < length
          && !hold_over (self, in + pos, length - pos, self->offset + pos, error))
        return FALSE;
    }

  if (final && self->carry_len == 0)
    {
      /* the end of the input: let the converter write what it holds (composing encodings) */
      char buffer[64], *outp = buffer;
      gsize outleft = sizeof buffer, start = out->len;

      g_iconv (self->cd, NULL, NULL, &outp, &outleft);
      g_string_append_len (out, buffer, (gssize) (outp - buffer));
      if (memchr (out->str + start, '\0', out->len - start) != NULL)
        {
          g_string_truncate (out, start);
          return fail_nul (self, self->offset + length, error);
        }
      deliver (self, out, start);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Public API */

/* Detection, in order of certainty:
 *  1. a byte-order mark: EF BB BF is UTF-8, FF FE 00 00 UTF-32LE, 00 00 FE FF UTF-32BE,
 *     FF FE UTF-16LE, FE FF UTF-16BE (Excel's "Unicode text");
 *  2. the NUL-byte pattern of UTF-16 without a mark (see detect_utf16());
 *  3. UTF-8, if the sample is valid UTF-8 (pure ASCII included): legacy 8-bit text is almost
 *     never valid UTF-8 by chance;
 *  4. uchardet's statistical guess among the legacy encodings, mapped to the name iconv should
 *     decode with (see legacy_name(): ISO-8859-1 → WINDOWS-1252, …), and an ISO-8859 answer
 *     that the sample contradicts to the Windows code page of the script (windows_counterpart());
 *     an answer of UTF-8 stays (a UTF-8 file with a stray bad byte: the decoder names it);
 *  5. when uchardet has no answer (or says ASCII, or names an encoding iconv lacks):
 *     WINDOWS-1252, the most common legacy encoding of survey exports (Excel on Western
 *     Windows), in which nearly every byte is valid.
 * A guess can be wrong (a short sample with few non-ASCII letters): the importer lets the user
 * override it, and the decoder reports bytes that are not valid in the chosen encoding. */
char *
likert_encoding_detect (const guint8 *data,
                        gsize         length,
                        gboolean      complete,
                        gsize        *bom_length)
{
  static const struct { const char *bom; gsize length; const char *name; } boms[] = {
    { "\xEF\xBB\xBF", 3, "UTF-8" },
    { "\xFF\xFE\0\0", 4, "UTF-32LE" },    /* before UTF-16LE: same first two bytes */
    { "\0\0\xFE\xFF", 4, "UTF-32BE" },
    { "\xFF\xFE", 2, "UTF-16LE" },
    { "\xFE\xFF", 2, "UTF-16BE" },
  };
  const char *name;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (bom_length != NULL)
    *bom_length = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (boms); i++)
    {
      if (length >= boms[i].length && memcmp (data, boms[i].bom, boms[i].length) == 0)
        {
          if (bom_length != NULL)
            *bom_length = boms[i].length;
          return g_strdup (boms[i].name);
        }
    }

  name = detect_utf16 (data, length);
  if (name != NULL)
    return g_strdup (name);

  if (is_utf8 (data, length, complete))
    return g_strdup ("UTF-8");

  return detect_legacy (data, length);
}

LikertDecoder *
likert_decoder_new (const char  *encoding,
                    const char  *filename,
                    GError     **error)
{
  g_autoptr(LikertDecoder) self = NULL;

  g_return_val_if_fail (encoding != NULL, NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LikertDecoder, 1);
  self->encoding = g_ascii_strup (encoding, -1);
  self->filename = g_strdup (filename);
  self->cd = (GIConv) -1;
  self->line = 1;
  self->at_start = TRUE;

  if (strcmp (self->encoding, "UTF-8") == 0 || strcmp (self->encoding, "UTF8") == 0)
    {
      self->mode = MODE_UTF8;
      return g_steal_pointer (&self);
    }

  self->cd = g_iconv_open ("UTF-8", self->encoding);
  if (self->cd == (GIConv) -1)
    {
      g_set_error (error, LIKERT_ENCODING_ERROR, LIKERT_ENCODING_ERROR_UNKNOWN,
                   /* Translators: the first %s is a file name, the second an encoding name
                    * as the user typed it */
                   _("%s: unknown encoding “%s”"), filename, encoding);
      return NULL;
    }

  self->table = build_table (self->cd, &self->table_max);
  self->mode = self->table != NULL ? MODE_TABLE : MODE_ICONV;
  /* a fresh converter: the probes may have left a character buffered in the old one */
  g_iconv_close (self->cd);
  self->cd = (GIConv) -1;
  if (self->mode == MODE_ICONV)
    self->cd = g_iconv_open ("UTF-8", self->encoding);
  return g_steal_pointer (&self);
}

void
likert_decoder_free (LikertDecoder *self)
{
  if (self == NULL)
    return;
  if (self->cd != (GIConv) -1)
    g_iconv_close (self->cd);
  g_free (self->table);
  g_free (self->encoding);
  g_free (self->filename);
  g_free (self);
}

void
likert_decoder_set_offset (LikertDecoder *self,
                           guint64        offset)
{
  g_return_if_fail (self != NULL);

  self->offset = offset;
}

const char *
likert_decoder_get_encoding (LikertDecoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->encoding;
}

gboolean
likert_decoder_reads_in_place (LikertDecoder *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->mode == MODE_UTF8;
}

gboolean
likert_decoder_feed_in_place (LikertDecoder *self,
                              GString       *text,
                              gsize          length,
                              gboolean       final,
                              GError       **error)
{
  gsize start, n, good;
  const char *stop;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->mode == MODE_UTF8, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (text != NULL && length <= text->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A character cut by the last piece fed by likert_decoder_feed (): its first bytes go
   * before this piece, as if held in place. */
  if (self->carry_len > 0)
    {
      g_string_insert_len (text, (gssize) (text->len - length), (const char *) self->carry,
                           (gssize) self->carry_len);
      self->held = self->carry_len;
      self->carry_len = 0;
    }
  g_return_val_if_fail (self->held + length <= text->len, FALSE);

  start = text->len - length - self->held;
  n = text->len - start;
  if (utf8_validate (text->str + start, n, &stop))
    good = n;
  else
    good = (gsize) (stop - (text->str + start));
  count_lines (self, text->str + start, good);
  if (good < n &&
      !utf8_stop_is_cut (self, (const guint8 *) stop, n - good, self->offset - self->held + good,
                         error))
    {
      g_string_truncate (text, start + good);
      return FALSE;
    }
  self->held = n - good;
  self->offset += length;
  if (final)
    {
      self->done = TRUE;
      if (self->held > 0)
        {
          g_string_truncate (text, start + good);
          return fail_truncated (self, self->offset - self->held, error);
        }
    }
  return TRUE;
}

gboolean
likert_decoder_feed (LikertDecoder *self,
                     const guint8  *in,
                     gsize          length,
                     gboolean       final,
                     GString       *out,
                     GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->done, FALSE);
  g_return_val_if_fail (in != NULL || length == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (self->mode)
    {
    case MODE_UTF8:
      ok = feed_utf8 (self, in, length, out, error);
      break;
    case MODE_TABLE:
      ok = feed_table (self, in, length, out, error);
      break;
    case MODE_ICONV:
    default:
      ok = feed_iconv (self, in, length, final, out, error);
      break;
    }
  if (!ok)
    return FALSE;

  self->offset += length;
  if (final)
    {
      self->done = TRUE;
      if (self->carry_len > 0)
        return fail_truncated (self, self->carry_offset, error);
    }
  return TRUE;
}
