/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LIKERT_ENCODING_ERROR (likert_encoding_error_quark ())

typedef enum {
  LIKERT_ENCODING_ERROR_INVALID,      /* bytes not valid in the encoding, a NUL, a cut character */
  LIKERT_ENCODING_ERROR_UNKNOWN,      /* iconv does not know the encoding */
} LikertEncodingError;

GQuark         likert_encoding_error_quark (void);

/* The reader stage's first step: the encoding of a file from its first bytes.
 *
 * data holds the start of the file (the caller passes up to 64 KiB); complete tells whether that
 * is the whole file (when it is not, a character cut at the end of the sample is fine).
 * Returns a canonical iconv name that likert_decoder_new() accepts: "UTF-8", "UTF-16LE",
 * "UTF-16BE", "UTF-32LE", "UTF-32BE", "WINDOWS-1252", "ISO-8859-6", "WINDOWS-1256", "KOI8-R",
 * "WINDOWS-1251", … Never NULL: a file nothing can be said about is "WINDOWS-1252" (see the
 * comment in likert-encoding.c for the order of the checks). *bom_length (may be NULL) receives
 * the length of the byte-order mark at the start of data: 0, 2, 3 or 4. */
char          *likert_encoding_detect      (const guint8  *data,
                                            gsize          length,
                                            gboolean       complete,
                                            gsize         *bom_length);

/* An incremental decoder to UTF-8 that never substitutes: a byte sequence that is not valid in
 * the encoding, a NUL character (CSV text never contains one) or a character cut by the end of
 * the file is an error naming the file, the line and column (1-based; counted in the text
 * decoded so far, where LF, CR and CRLF each end a line; columns count characters) and the
 * byte's offset in the file. Memory use is constant: only an incomplete character (a few
 * bytes) is held over between calls. */
typedef struct _LikertDecoder LikertDecoder;

/* encoding: any name iconv knows (case does not matter), for instance the result of
 * likert_encoding_detect() or a name the user chose. filename is used in messages.
 * An unknown encoding gives LIKERT_ENCODING_ERROR_UNKNOWN. */
LikertDecoder *likert_decoder_new          (const char    *encoding,
                                            const char    *filename,
                                            GError       **error);
void           likert_decoder_free         (LikertDecoder *self);

/* The file offset of the next byte fed, for messages: call it before the first feed with the
 * length of the byte-order mark the caller skipped. (A caller may also feed the mark: a U+FEFF
 * at the very start of the text is dropped.) */
void           likert_decoder_set_offset   (LikertDecoder *self,
                                            guint64        offset);

/* The encoding's canonical (upper-case) name. */
const char    *likert_decoder_get_encoding (LikertDecoder *self);

/* Appends the UTF-8 text of in[0..length) — the next chunk of the file, of any size; a
 * character may be split between chunks — to out. final: no input follows (a character left
 * incomplete is then an error). On error, out holds the text before the bad byte and the
 * decoder must not be fed again; nor after a final chunk. */
gboolean       likert_decoder_feed         (LikertDecoder *self,
                                            const guint8  *in,
                                            gsize          length,
                                            gboolean       final,
                                            GString       *out,
                                            GError       **error);

/* Whether the text is UTF-8, which the caller may then read straight into its own text and
 * have checked there (likert_decoder_feed_in_place ()), with no copy. */
gboolean       likert_decoder_reads_in_place (LikertDecoder *self);

/* Instead of likert_decoder_feed (), once likert_decoder_reads_in_place (): the last length
 * bytes of text are the next chunk of the file, appended by the caller. Checks them there.
 * The last bytes of text may begin a character that the chunk cut: they are checked with the
 * next chunk (they never hold a line break, so a tokenizer cannot end a record in them).
 * final and errors as for likert_decoder_feed (): on error text is cut before the bad byte. */
gboolean       likert_decoder_feed_in_place  (LikertDecoder *self,
                                              GString       *text,
                                              gsize          length,
                                              gboolean       final,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertDecoder, likert_decoder_free)

G_END_DECLS
