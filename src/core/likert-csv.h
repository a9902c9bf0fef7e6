/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest record the streaming tokenizer holds (64 MiB): memory stays bounded whatever the
 * file, and a quote never closed in a large file is reported instead of read to the end. */
#define LIKERT_CSV_MAX_RECORD (64 * 1024 * 1024)

#define LIKERT_CSV_ERROR (likert_csv_error_quark ())

typedef enum {
  LIKERT_CSV_ERROR_ENCODING,          /* bytes not valid in the encoding */
  LIKERT_CSV_ERROR_UNTERMINATED,      /* a quoted field never closes */
  LIKERT_CSV_ERROR_QUOTE,             /* text after a closing quote */
  LIKERT_CSV_ERROR_TOO_LONG,          /* a record longer than LIKERT_CSV_MAX_RECORD bytes */
} LikertCsvError;

GQuark likert_csv_error_quark (void);

/* The reader stage: the file's bytes as UTF-8 text without BOM.
 * Recognises a UTF-8 BOM and UTF-16LE/BE BOMs; otherwise the text must be valid UTF-8.
 * On invalid input the error names the file, line and column of the first bad byte. */
GBytes *likert_csv_decode     (GBytes      *raw,
                               const char  *filename,
                               char       **encoding,
                               GError     **error);

/* Guesses the delimiter (',', ';', '\t' or '|') from the first records of UTF-8 text. */
char    likert_csv_sniff      (const char  *text,
                               gsize        length);

/* The tokenizer stage: RFC 4180 records from UTF-8 text, with quoted separators, doubled
 * quotes and line breaks inside quotes; CRLF, LF and CR line ends. */
typedef struct _LikertCsvTokenizer LikertCsvTokenizer;

/* Appends at least one byte of decoded text to text, or sets *eof; FALSE with error on failure. */
typedef gboolean (*LikertCsvFillFunc) (gpointer   user_data,
                                       GString   *text,
                                       gboolean  *eof,
                                       GError   **error);

LikertCsvTokenizer *likert_csv_tokenizer_new  (const char  *text,
                                               gsize        length,
                                               char         delimiter,
                                               const char  *filename);
/* A tokenizer over text that fill supplies piece by piece: only the current record and the
 * piece being read are held in memory. */
LikertCsvTokenizer *likert_csv_tokenizer_new_streaming (LikertCsvFillFunc  fill,
                                                        gpointer           fill_data,
                                                        char               delimiter,
                                                        const char        *filename);
void                likert_csv_tokenizer_free (LikertCsvTokenizer *self);

/* Bytes that may be read past the end of any field of a record (the next fields, or zeros):
 * loops that read a field eight bytes at a time need not stop short of its end. */
#define LIKERT_CSV_FIELD_PADDING 8

/* Reads the next record. Returns FALSE at the end of the text (error unset) or on a syntax
 * error (error set). fields and their columns stay valid until the next call; each field can
 * be read to LIKERT_CSV_FIELD_PADDING bytes past its length. */
gboolean            likert_csv_tokenizer_next (LikertCsvTokenizer  *self,
                                               const char * const **fields,
                                               guint               *n_fields,
                                               GError             **error);
/* The byte lengths of the last record's fields (as strlen () of each, without the call),
 * valid as long as its fields. */
const gsize        *likert_csv_tokenizer_lengths (LikertCsvTokenizer *self);
/* 1-based line where the last record started. */
guint               likert_csv_tokenizer_line (LikertCsvTokenizer  *self);
/* 1-based column (in characters) where field i of the last record started. */
guint               likert_csv_tokenizer_column (LikertCsvTokenizer *self,
                                                 guint               field);
/* 1-based column just after the last record's final character. */
guint               likert_csv_tokenizer_end_column (LikertCsvTokenizer *self);
/* Hands text to a streaming tokenizer ahead of what fill supplies (text already read, say
 * to sniff the delimiter); eof when that was all of it. */
void                likert_csv_tokenizer_push   (LikertCsvTokenizer *self,
                                                 const char         *text,
                                                 gsize               length,
                                                 gboolean            eof);
/* How much of the decoded text has been read. */
gsize               likert_csv_tokenizer_offset (LikertCsvTokenizer *self);
/* Back to the start (in-memory tokenizers only). */
void                likert_csv_tokenizer_rewind (LikertCsvTokenizer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertCsvTokenizer, likert_csv_tokenizer_free)

G_END_DECLS
