/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-csv.h"
#include "likert-swar.h"

struct _LikertCsvTokenizer
{
  GString           *text;          /* decoded text: the window the tokenizer works in */
  gsize              pos;
  gsize              base;          /* offset of text->str[0] in the whole decoded text */
  char               delimiter;
  char              *filename;

  LikertCsvFillFunc  fill;          /* NULL when all the text is in memory */
  gpointer           fill_data;
  gboolean           eof;

  guint              line;          /* line of the character at pos */
  gsize              line_start;    /* offset in text where that line starts */
  guint              record_line;

  GString           *buffer;        /* field contents, each NUL-terminated */
  gsize             *starts;        /* offsets into buffer, n_fields of them */
  struct FieldPos   *columns;       /* of each field; columns are counted only when asked */
  const char       **fields;        /* into buffer, n_fields of them */
  gsize             *lengths;       /* of each field in bytes, n_fields of them */
  guint              n_fields;
  guint              fields_size;   /* what starts, columns and fields have room for */
  guint8             special[256];  /* 1 for the bytes that end an unquoted run */
  gsize              end_offset;    /* where the last record's text ends */
  gsize              end_line_start;
};

typedef struct FieldPos
{
  gsize offset;       /* where the field starts in text */
  gsize line_start;   /* where its line starts */
} FieldPos;

typedef enum {
  PARSE_RECORD,
  PARSE_END,          /* no more records */
  PARSE_MORE,         /* the text ran out within a record: fill and parse it again */
  PARSE_ERROR,
} ParseResult;

G_DEFINE_QUARK (likert-csv-error-quark, likert_csv_error)

/* Line and 1-based character column of a byte offset in UTF-8 text (counting CR, LF, CRLF). */
static void
locate (const char *text,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  guint l = 1;
  gsize start = 0;

  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n'))
        {
          l++;
          start = i + 1;
        }
    }
  *line = l;
  *column = (guint) g_utf8_strlen (text + start, (gssize) (offset - start)) + 1;
}

static GBytes *
decode_utf16 (GBytes      *raw,
              gsize        skip,
              const char  *from,
              const char  *filename,
              GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (raw, &length);
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0, written = 0;
  char *text;

  text = g_convert (data + skip, (gssize) (length - skip), "UTF-8", from,
                    &bytes_read, &written, &local_error);
  if (text == NULL)
    {
      g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_ENCODING,
                   /* Translators: %s is a file name, %s an encoding name, %lu a byte offset */
                   _("%s: not valid %s text at byte %lu"),
                   filename, from, (unsigned long) (bytes_read + skip));
      return NULL;
    }

  /* U+0000 is never text: refused as the UTF-8 path and the streaming decoder refuse it. */
  {
    const char *nul = memchr (text, '\0', written);

    if (nul != NULL)
      {
        glong units = 0;
        g_autofree gunichar2 *before = g_utf8_to_utf16 (text, nul - text, NULL, &units, NULL);
        guint line, column;

        locate (text, (gsize) (nul - text), &line, &column);
        g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_ENCODING,
                     _("%s:%u:%u: NUL character at offset %lu: CSV text never contains one "
                       "(is the file really %s?)"),
                     filename, line, column, (gulong) (skip + 2 * (gsize) units), from);
        g_free (text);
        return NULL;
      }
  }
  return g_bytes_new_take (text, written);
}

GBytes *
likert_csv_decode (GBytes      *raw,
                   const char  *filename,
                   char       **encoding,
                   GError     **error)
{
  gsize length;
  const guchar *data = g_bytes_get_data (raw, &length);
  const char *end = NULL;
  gsize skip = 0;

  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    {
      *encoding = g_strdup ("UTF-16LE");
      return decode_utf16 (raw, 2, "UTF-16LE", filename, error);
    }
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    {
      *encoding = g_strdup ("UTF-16BE");
      return decode_utf16 (raw, 2, "UTF-16BE", filename, error);
    }
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    skip = 3;

  if (!g_utf8_validate ((const char *) data + skip, (gssize) (length - skip), &end))
    {
      guint line, column;
      gsize bad = (gsize) (end - (const char *) data);

      locate ((const char *) data + skip, bad - skip, &line, &column);
      g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_ENCODING,
                   /* Translators: file:line:column: message; %02X is the byte in hexadecimal */
                   _("%s:%u:%u: the byte 0x%02X at offset %lu is not valid UTF-8 text"),
                   filename, line, column, data[bad], (unsigned long) bad);
      return NULL;
    }

  *encoding = g_strdup (skip ? "UTF-8 (BOM)" : "UTF-8");
  return g_bytes_new_from_bytes (raw, skip, length - skip);
}

char
likert_csv_sniff (const char *text,
                  gsize       length)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint lines = 0;
  char best = ',';
  guint best_count = 0;

  /* Count candidates outside quotes in the first lines; pick the most frequent. */
  for (gsize i = 0; i < length && lines < 20; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        lines++;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > best_count)
      {
        best = candidates[k];
        best_count = counts[k];
      }
  return best;
}

static LikertCsvTokenizer *
tokenizer_new (char        delimiter,
               const char *filename)
{
  LikertCsvTokenizer *self = g_new0 (LikertCsvTokenizer, 1);

  self->delimiter = delimiter;
  self->special[(guchar) delimiter] = self->special['\n'] = self->special['\r'] = 1;
  self->filename = g_strdup (filename);
  self->buffer = g_string_sized_new (1024);
  self->fields_size = 16;
  self->starts = g_new (gsize, self->fields_size);
  self->columns = g_new (FieldPos, self->fields_size);
  self->fields = g_new (const char *, self->fields_size + 1);
  self->lengths = g_new (gsize, self->fields_size);
  self->line = 1;
  return self;
}

LikertCsvTokenizer *
likert_csv_tokenizer_new (const char *text,
                          gsize       length,
                          char        delimiter,
                          const char *filename)
{
  LikertCsvTokenizer *self = tokenizer_new (delimiter, filename);

  self->text = g_string_new_len (text, (gssize) length);
  self->eof = TRUE;
  return self;
}

LikertCsvTokenizer *
likert_csv_tokenizer_new_streaming (LikertCsvFillFunc  fill,
                                    gpointer           fill_data,
                                    char               delimiter,
                                    const char        *filename)
{
  LikertCsvTokenizer *self = tokenizer_new (delimiter, filename);

  self->text = g_string_sized_new (1 << 20);
  self->fill = fill;
  self->fill_data = fill_data;
  return self;
}

void
likert_csv_tokenizer_push (LikertCsvTokenizer *self,
                           const char         *text,
                           gsize               length,
                           gboolean            eof)
{
  g_return_if_fail (self->fill != NULL);

  g_string_append_len (self->text, text, (gssize) length);
  self->eof = eof;
}

void
likert_csv_tokenizer_rewind (LikertCsvTokenizer *self)
{
  g_return_if_fail (self->fill == NULL);

  self->pos = 0;
  self->line = 1;
  self->line_start = 0;
  self->record_line = 0;
}

void
likert_csv_tokenizer_free (LikertCsvTokenizer *self)
{
  if (self == NULL)
    return;
  g_free (self->filename);
  g_string_free (self->text, TRUE);
  g_string_free (self->buffer, TRUE);
  g_free (self->starts);
  g_free (self->lengths);
  g_free (self->columns);
  g_free (self->fields);
  g_free (self);
}

static guint
column_at (LikertCsvTokenizer *self,
           gsize               offset)
{
  return (guint) g_utf8_strlen (self->text->str + self->line_start,
                                (gssize) (offset - self->line_start)) + 1;
}

static inline void
start_field (LikertCsvTokenizer *self)
{
  if (G_UNLIKELY (self->n_fields == self->fields_size))
    {
      self->fields_size *= 2;
      self->starts = g_renew (gsize, self->starts, self->fields_size);
      self->columns = g_renew (FieldPos, self->columns, self->fields_size);
      self->fields = g_renew (const char *, self->fields, self->fields_size + 1);
      self->lengths = g_renew (gsize, self->lengths, self->fields_size);
    }
  self->starts[self->n_fields] = self->buffer->len;
  self->columns[self->n_fields].offset = self->pos;
  self->columns[self->n_fields].line_start = self->line_start;
  self->n_fields++;
}

/* Appends text to the field contents: a copy, without a call while the buffer has room. */
static inline void
buffer_append (LikertCsvTokenizer *self,
               const char         *text,
               gsize               length)
{
  GString *buffer = self->buffer;

  if (G_LIKELY (buffer->len + length < buffer->allocated_len))
    {
      memcpy (buffer->str + buffer->len, text, length);
      buffer->len += length;
      buffer->str[buffer->len] = '\0';
    }
  else
    g_string_append_len (buffer, text, (gssize) length);
}

static inline void
end_field (LikertCsvTokenizer *self)
{
  buffer_append (self, "", 1);
}

/* Drops the text before the current record and reads more after it: at least as much again
 * as the window holds, so that a record parsed again from its start after each read (a field of
 * many megabytes, or a quote never closed) costs linear time, not quadratic. */
static gboolean
refill (LikertCsvTokenizer  *self,
        gsize                record_start,
        GError             **error)
{
  gsize before = self->text->len;
  gsize target;

  g_assert (self->fill != NULL && !self->eof);

  if (record_start > 0)
    {
      g_string_erase (self->text, 0, (gssize) record_start);
      self->base += record_start;
      self->line_start = self->line_start >= record_start ? self->line_start - record_start : 0;
      self->pos = 0;
      before = self->text->len;
    }
  if (before >= LIKERT_CSV_MAX_RECORD)
    {
      g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_TOO_LONG,
                   /* Translators: file:line: message; %u MiB is the limit */
                   _("%s:%u: the record that starts here is longer than %u MiB (is a quote "
                     "never closed?)"), self->filename, self->record_line,
                   (guint) (LIKERT_CSV_MAX_RECORD / (1024 * 1024)));
      return FALSE;
    }
  target = before + MAX (before, 1);
  while (!self->eof && self->text->len < target)
    if (!self->fill (self->fill_data, self->text, &self->eof, error))
      return FALSE;
  return TRUE;
}

static ParseResult
parse_record (LikertCsvTokenizer  *self,
              GError             **error)
{
  const char *t = self->text->str;
  const gsize length = self->text->len;
  const char delim = self->delimiter;
  const guint8 *special = self->special;

  if (self->pos >= length)
    return self->eof ? PARSE_END : PARSE_MORE;

  self->record_line = self->line;
  start_field (self);

  while (self->pos < length)
    {
      char c = t[self->pos];

      if (c == '"' && self->buffer->len == self->starts[self->n_fields - 1])
        {
          /* A quoted field: runs to the closing quote; "" is a literal quote. */
          guint open_line = self->line;
          gsize open_pos = self->pos;
          gsize open_line_start = self->line_start;

          self->pos++;
          for (;;)
            {
              const char *quote;
              gsize chunk;

              if (self->pos >= length)
                {
                  guint open_column;

                  if (!self->eof)
                    return PARSE_MORE;
                  open_column = (guint) g_utf8_strlen (t + open_line_start,
                                                       (gssize) (open_pos - open_line_start)) + 1;
                  g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_UNTERMINATED,
                               /* Translators: file:line:column: message */
                               _("%s:%u:%u: the quoted field that starts here is never closed"),
                               self->filename, open_line, open_column);
                  return PARSE_ERROR;
                }
              quote = memchr (t + self->pos, '"', length - self->pos);
              chunk = quote ? (gsize) (quote - (t + self->pos)) : length - self->pos;

              /* Count the line ends inside the quoted text (most of it has none). */
              if (memchr (t + self->pos, '\n', chunk) != NULL ||
                  memchr (t + self->pos, '\r', chunk) != NULL)
                for (gsize i = self->pos; i < self->pos + chunk; i++)
                  if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= length || t[i + 1] != '\n')))
                    {
                      self->line++;
                      self->line_start = i + 1;
                    }
              buffer_append (self, t + self->pos, chunk);
              self->pos += chunk;
              if (quote == NULL)
                continue;

              /* A quote at the very end of the window may be the first of a doubled pair. */
              if (self->pos + 1 >= length && !self->eof)
                return PARSE_MORE;
              self->pos++;
              if (self->pos < length && t[self->pos] == '"')
                {
                  buffer_append (self, "\"", 1);
                  self->pos++;
                  continue;
                }
              break;
            }

          /* After the closing quote: a delimiter, a line end or the end of the text. */
          if (self->pos < length && t[self->pos] != delim &&
              t[self->pos] != '\n' && t[self->pos] != '\r')
            {
              g_set_error (error, LIKERT_CSV_ERROR, LIKERT_CSV_ERROR_QUOTE,
                           _("%s:%u:%u: unexpected text after a closing quote"),
                           self->filename, self->line, column_at (self, self->pos));
              return PARSE_ERROR;
            }
          continue;
        }

      if (c == delim)
        {
          end_field (self);
          self->pos++;
          start_field (self);
          continue;
        }

      if (c == '\n' || c == '\r')
        {
          /* A CR at the end of the window may be the first half of a CRLF. */
          if (c == '\r' && self->pos + 1 >= length && !self->eof)
            return PARSE_MORE;
          self->end_offset = self->pos;
          self->end_line_start = self->line_start;
          self->pos += (c == '\r' && self->pos + 1 < length && t[self->pos + 1] == '\n') ? 2 : 1;
          self->line++;
          self->line_start = self->pos;
          goto done;
        }

      /* An unquoted run up to the next special character, eight bytes at a time while the
       * run is that long (the tokenizer's heaviest loop). */
      {
        gsize run = self->pos;

#if LIKERT_SWAR_FIND
        while (run + 8 <= length)
          {
            guint64 word = likert_swar_load (t + run);
            guint64 found = likert_swar_equal (word, (guint8) delim) |
                            likert_swar_equal (word, '\n') | likert_swar_equal (word, '\r');

            if (found != 0)
              {
                run += likert_swar_first (found);
                goto run_end;
              }
            run += 8;
          }
#endif
        while (run < length && !special[(guchar) t[run]])
          run++;
#if LIKERT_SWAR_FIND
      run_end:
#endif
        buffer_append (self, t + self->pos, run - self->pos);
        self->pos = run;
      }
    }

  /* The text ended without a line end: the last record, or more to read. */
  if (!self->eof)
    return PARSE_MORE;
  self->end_offset = self->pos;
  self->end_line_start = self->line_start;

done:
  end_field (self);
  return PARSE_RECORD;
}

gboolean
likert_csv_tokenizer_next (LikertCsvTokenizer  *self,
                           const char * const **fields,
                           guint               *n_fields,
                           GError             **error)
{
  gsize record_start = self->pos;
  guint line = self->line;
  gsize line_start = self->line_start;

  for (;;)
    {
      ParseResult result;

      g_string_truncate (self->buffer, 0);
      self->n_fields = 0;

      result = parse_record (self, error);
      if (result == PARSE_RECORD)
        break;
      if (result != PARSE_MORE)
        return FALSE;

      /* Start the record again on a window that holds more of it. */
      self->pos = record_start;
      self->line = line;
      self->line_start = line_start;
      if (!refill (self, record_start, error))
        return FALSE;
      record_start = 0;
      line_start = self->line_start;
    }

  /* Zeros after the last field's NUL, in the buffer's own memory: any field can be read a word
   * at a time past its end (LIKERT_CSV_FIELD_PADDING). */
  {
    gsize length = self->buffer->len;

    g_string_set_size (self->buffer, length + LIKERT_CSV_FIELD_PADDING);
    memset (self->buffer->str + length, 0, LIKERT_CSV_FIELD_PADDING);
    g_string_truncate (self->buffer, length);
  }

  /* Each field is followed by its NUL in the buffer, the next field right after it. */
  for (guint i = 0; i < self->n_fields; i++)
    {
      self->fields[i] = self->buffer->str + self->starts[i];
      self->lengths[i] = (i + 1 < self->n_fields ? self->starts[i + 1] : self->buffer->len) -
                         self->starts[i] - 1;
    }
  self->fields[self->n_fields] = NULL;

  *fields = self->fields;
  *n_fields = self->n_fields;
  return TRUE;
}

const gsize *
likert_csv_tokenizer_lengths (LikertCsvTokenizer *self)
{
  return self->lengths;
}

guint
likert_csv_tokenizer_line (LikertCsvTokenizer *self)
{
  return self->record_line;
}

guint
likert_csv_tokenizer_column (LikertCsvTokenizer *self,
                             guint               field)
{
  const FieldPos *where;

  g_return_val_if_fail (field < self->n_fields, 1);
  where = &self->columns[field];
  return (guint) g_utf8_strlen (self->text->str + where->line_start,
                                (gssize) (where->offset - where->line_start)) + 1;
}

guint
likert_csv_tokenizer_end_column (LikertCsvTokenizer *self)
{
  return (guint) g_utf8_strlen (self->text->str + self->end_line_start,
                                (gssize) (self->end_offset - self->end_line_start)) + 1;
}

gsize
likert_csv_tokenizer_offset (LikertCsvTokenizer *self)
{
  return self->base + self->pos;
}
