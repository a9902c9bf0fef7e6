/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-import"

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "likert-csv.h"
#include "likert-encoding.h"
#include "likert-facets.h"
#include "likert-fts-tokenizer.h"
#include "likert-import.h"
#include "likert-import-private.h"
#include "likert-progress.h"
#include "likert-store-private.h"
#include "likert-swar.h"
#include "likert-word-table.h"

/* The import pipeline of DESIGN.md, streamed so memory stays flat whatever the file's size:
 *
 *   reader (Reader: file → likert-encoding's decoder → UTF-8 text)
 *   → tokenizer (LikertCsvTokenizer over the reader)
 *   → shape (likert-shape: vendor, header rows, names, hints; from the first records)
 *   → mapper (likert-scale: what each cell says; Profile: what each column holds)
 *   → store (run: one transaction)
 *
 * A plan reads the file once, decides roles and scales and lists every problem; a run reads it
 * again and writes it, checking every row against the plan, in one transaction. In a run, a
 * thread of its own reads, checks and lays out the records while the caller's thread writes
 * them (see read_records and store_batch). likert_import_file () reads the file once: its run
 * goes on the plan of the beginning while its reader plans the whole file (see "One pass
 * instead of two"). */

#define CHUNK_SIZE      (1 << 20)
#define SNIFF_SIZE      (64 << 10)
#define SHAPE_RECORDS   50
#define SAMPLE_RECORDS  20000       /* distinct values are counted in the first records only */
#define DISTINCT_CAP    1000
#define ODD_CAP         64          /* positions kept per column and kind of odd cell */
#define SKIPPED_CAP     1000        /* skipped rows listed in the import record */

/* Where an import's time goes, with G_MESSAGES_DEBUG=likert-import: each phase's end, in ms
 * since the process's first trace, the CPU time of the thread that ended it and, where Linux
 * says (schedstat), how long that thread was ready to run but waited for a core (bench/import.sh
 * prints them with TRACE=1). */
static void
trace (const char *phase)
{
  static gsize start;
  struct timespec cpu = { 0 };
  g_autofree char *schedstat = NULL;
  double waited = -1;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  if (g_once_init_enter (&start))
    g_once_init_leave (&start, (gsize) g_get_monotonic_time ());
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  /* "<ns on a core> <ns waiting for one> <time slices>" */
  if (g_file_get_contents ("/proc/thread-self/schedstat", &schedstat, NULL, NULL))
    {
      char *end = NULL;

      g_ascii_strtoull (schedstat, &end, 10);
      if (end != NULL && *end == ' ')
        waited = (double) g_ascii_strtoull (end + 1, NULL, 10) / 1e6;
    }
  g_debug ("%8.1f ms  %-44s thread CPU %6.1f ms%s%.0f%s",
           (double) (g_get_monotonic_time () - (gint64) start) / 1000.0, phase,
           (double) cpu.tv_sec * 1000.0 + (double) cpu.tv_nsec / 1e6,
           waited >= 0 ? ", waited for a core " : "", MAX (waited, 0), waited >= 0 ? " ms" : "");
}

G_DEFINE_QUARK (likert-import-error-quark, likert_import_error)

/* ---------------------------------------------------------------------------------------------
 * Checksum: the SHA-256 of the file's bytes, recorded with each import. GLib's is portable C at
 * ~12 cycles a byte, a tenth of a million-row import; x86-64 processors with the SHA extensions
 * do it in ~2, so those get their own rounds, and every other machine GChecksum.
 */

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>

/* CPUID rather than __builtin_cpu_supports ("sha"), which clang 14 does not know. */
static gboolean
has_sha_ni (void)
{
  unsigned int a, b, c, d;

  if (!__get_cpuid (1, &a, &b, &c, &d) || !(c & bit_SSE4_1))
    return FALSE;
  return __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & (1u << 29)) != 0;
}
#endif

typedef struct
{
  GChecksum *fallback;          /* when the processor has no SHA extensions */
  guint32    state[8];
  guint8     block[64];
  gsize      block_len;
  guint64    length;
} Checksum;

#ifdef HAVE_SHA_NI
static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The compression function over n 64-byte blocks, with the SHA-NI instructions (Intel's
 * published scheme: four rounds per group, the message schedule four words at a time). */
__attribute__ ((target ("sha,sse4.1")))
static void
sha256_blocks (guint32      state[8],
               const guint8 *data,
               gsize         n)
{
  const __m128i mask = _mm_set_epi64x (0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i tmp = _mm_loadu_si128 ((const __m128i *) &state[0]);
  __m128i state1 = _mm_loadu_si128 ((const __m128i *) &state[4]);
  __m128i state0;

  tmp = _mm_shuffle_epi32 (tmp, 0xB1);                /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1B);          /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);          /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);       /* CDGH */

  for (; n > 0; n--, data += 64)
    {
      __m128i save0 = state0, save1 = state1;
      __m128i w[4];

#pragma GCC unroll 4
      for (guint i = 0; i < 4; i++)
        w[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), mask);

#pragma GCC unroll 16
      for (guint i = 0; i < 16; i++)
        {
          __m128i k = _mm_add_epi32 (w[i % 4], _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * i]));

          state1 = _mm_sha256rnds2_epu32 (state1, state0, k);
          if (i >= 3 && i < 15)
            {
              /* The next group's words: w[(i + 1) % 4] already holds msg1 of group i - 3. */
              __m128i next = _mm_add_epi32 (w[(i + 1) % 4],
                                            _mm_alignr_epi8 (w[i % 4], w[(i + 3) % 4], 4));

              w[(i + 1) % 4] = _mm_sha256msg2_epu32 (next, w[i % 4]);
            }
          state0 = _mm_sha256rnds2_epu32 (state0, state1, _mm_shuffle_epi32 (k, 0x0E));
          if (i >= 1 && i < 13)
            w[(i + 3) % 4] = _mm_sha256msg1_epu32 (w[(i + 3) % 4], w[i % 4]);
        }

      state0 = _mm_add_epi32 (state0, save0);
      state1 = _mm_add_epi32 (state1, save1);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);             /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xB1);          /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);       /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);          /* ABEF */
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}
#endif

static void
checksum_init (Checksum *sum)
{
  static const guint32 initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  memset (sum, 0, sizeof *sum);
#ifdef HAVE_SHA_NI
  if (has_sha_ni ())
    {
      memcpy (sum->state, initial, sizeof initial);
      return;
    }
#else
  (void) initial;
#endif
  sum->fallback = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
checksum_update (Checksum     *sum,
                 const guint8 *data,
                 gsize         length)
{
  if (sum->fallback != NULL)
    {
      g_checksum_update (sum->fallback, data, (gssize) length);
      return;
    }
#ifdef HAVE_SHA_NI
  sum->length += length;
  if (sum->block_len > 0)
    {
      gsize take = MIN (length, 64 - sum->block_len);

      memcpy (sum->block + sum->block_len, data, take);
      sum->block_len += take;
      data += take;
      length -= take;
      if (sum->block_len < 64)
        return;
      sha256_blocks (sum->state, sum->block, 1);
      sum->block_len = 0;
    }
  sha256_blocks (sum->state, data, length / 64);
  memcpy (sum->block, data + length / 64 * 64, length % 64);
  sum->block_len = length % 64;
#endif
}

/* The digest in lower-case hexadecimal, as g_checksum_get_string () writes it. */
static char *
checksum_finish (Checksum *sum)
{
  char *hex;

  if (sum->fallback != NULL)
    {
      hex = g_strdup (g_checksum_get_string (sum->fallback));
      g_clear_pointer (&sum->fallback, g_checksum_free);
      return hex;
    }
#ifdef HAVE_SHA_NI
  {
    guint64 bits = sum->length * 8;
    guint8 tail[128] = { 0 };
    gsize n = sum->block_len < 56 ? 64 : 128;

    memcpy (tail, sum->block, sum->block_len);
    tail[sum->block_len] = 0x80;
    for (guint i = 0; i < 8; i++)
      tail[n - 1 - i] = (guint8) (bits >> (8 * i));
    sha256_blocks (sum->state, tail, n / 64);
  }
#endif
  hex = g_malloc (65);
  for (guint i = 0; i < 8; i++)
    g_snprintf (hex + 8 * i, 9, "%08x", sum->state[i]);
  return hex;
}

static void
checksum_clear (Checksum *sum)
{
  g_clear_pointer (&sum->fallback, g_checksum_free);
}

/* ---------------------------------------------------------------------------------------------
 * Reader: the file's bytes, decoded, handed to the tokenizer a chunk at a time.
 */

typedef struct
{
  GInputStream  *stream;
  LikertDecoder *decoder;
  Checksum      *checksum;     /* nullable */
  guint8        *chunk;
  guint64        bytes_read;
  guint64        size;
  GBytes        *head;         /* the first bytes, read for detection, not yet decoded */
  GCancellable  *cancellable;
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->stream);
  g_clear_pointer (&reader->decoder, likert_decoder_free);
  if (reader->checksum)
    checksum_clear (reader->checksum);
  g_clear_pointer (&reader->checksum, g_free);
  g_clear_pointer (&reader->chunk, g_free);
  g_clear_pointer (&reader->head, g_bytes_unref);
}

/* Opens path, detects or takes the encoding, and sets up the decoder. */
static gboolean
reader_open (Reader       *reader,
             const char   *path,
             const char   *display_name,
             const char   *encoding,
             gboolean      checksum,
             char        **encoding_out,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *detected = NULL;
  gsize bom = 0;
  gsize n = 0;
  guint8 *head;

  reader->cancellable = cancellable;
  reader->stream = G_INPUT_STREAM (g_file_read (file, cancellable, error));
  if (reader->stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (reader->stream),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  reader->size = info ? (guint64) g_file_info_get_size (info) : 0;
  reader->chunk = g_malloc (CHUNK_SIZE);
  if (checksum)
    {
      reader->checksum = g_new (Checksum, 1);
      checksum_init (reader->checksum);
    }

  head = g_malloc (SNIFF_SIZE);
  if (!g_input_stream_read_all (reader->stream, head, SNIFF_SIZE, &n, cancellable, error))
    {
      g_free (head);
      return FALSE;
    }
  reader->bytes_read = n;
  if (reader->checksum)
    checksum_update (reader->checksum, head, n);

  detected = likert_encoding_detect (head, n, n < SNIFF_SIZE, &bom);
  if (encoding != NULL && g_ascii_strcasecmp (encoding, detected) != 0)
    {
      /* An encoding chosen by the analyst: a BOM is skipped only when it is that encoding's. */
      g_autofree char *upper = g_ascii_strup (encoding, -1);

      if (!((bom == 3 && g_str_equal (upper, "UTF-8")) ||
            (bom == 2 && g_str_has_prefix (upper, "UTF-16"))))
        bom = 0;
      g_free (detected);
      detected = g_strdup (encoding);
    }

  reader->decoder = likert_decoder_new (detected, display_name, error);
  if (reader->decoder == NULL)
    {
      g_free (head);
      return FALSE;
    }
  likert_decoder_set_offset (reader->decoder, bom);
  {
    g_autoptr(GBytes) whole = g_bytes_new_take (head, n);

    reader->head = g_bytes_new_from_bytes (whole, bom, n - bom);
  }
  *encoding_out = g_steal_pointer (&detected);
  return TRUE;
}

static gboolean
reader_fill (gpointer   user_data,
             GString   *text,
             gboolean  *eof,
             GError   **error)
{
  Reader *reader = user_data;
  gsize n = 0;

  if (reader->head != NULL)
    {
      g_autoptr(GBytes) head = g_steal_pointer (&reader->head);
      gsize length;
      const guint8 *data = g_bytes_get_data (head, &length);
      gboolean final = reader->bytes_read < SNIFF_SIZE;

      if (!likert_decoder_feed (reader->decoder, data, length, final, text, error))
        return FALSE;
      *eof = final;
      return TRUE;
    }

  if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
    return FALSE;

  /* UTF-8: read into the text, and checked there. */
  if (likert_decoder_reads_in_place (reader->decoder))
    {
      gsize before = text->len;
      gboolean ok;

      g_string_set_size (text, before + CHUNK_SIZE);
      ok = g_input_stream_read_all (reader->stream, text->str + before, CHUNK_SIZE, &n,
                                    reader->cancellable, error);
      g_string_truncate (text, before + n);
      if (!ok)
        return FALSE;
      reader->bytes_read += n;
      if (reader->checksum)
        checksum_update (reader->checksum, (const guint8 *) text->str + before, n);
      *eof = n < CHUNK_SIZE;
      return likert_decoder_feed_in_place (reader->decoder, text, n, *eof, error);
    }

  if (!g_input_stream_read_all (reader->stream, reader->chunk, CHUNK_SIZE, &n,
                                reader->cancellable, error))
    return FALSE;
  reader->bytes_read += n;
  if (reader->checksum)
    checksum_update (reader->checksum, reader->chunk, n);
  *eof = n < CHUNK_SIZE;
  return likert_decoder_feed (reader->decoder, reader->chunk, n, *eof, text, error);
}

static double
reader_fraction (Reader *reader)
{
  return reader->size ? (double) reader->bytes_read / (double) reader->size : 0;
}

/* ---------------------------------------------------------------------------------------------
 * Profiles: what each column holds, to decide its role and find its problems.
 */

typedef enum {
  ODD_DECIMAL,
  ODD_TEXT,           /* neither number nor known label */
  ODD_BIG,            /* an integer outside 0–10 */
  ODD_TIME_YMD,       /* not a time read year first, */
  ODD_TIME_DMY,       /* … nor day first, */
  ODD_TIME_MDY,       /* … nor month first: whichever order the column gets decides */
  N_ODD_KINDS
} OddKind;

#define ODD_TIME ODD_TIME_YMD
#define LABELS_CAP 16

typedef struct
{
  guint64  record;
  guint    line;
  guint    column;
  char    *value;
} Odd;

typedef struct
{
  guint64        non_empty;
  guint64        ints;                    /* whole numbers, any size */
  guint64        small_ints;              /* whole numbers 0–10 */
  guint64        labels;                  /* known labels, alone or with their number */
  guint64        decimals;
  guint64        text;
  guint64        int_counts[LIKERT_MAX_SCALE];
  int            int_min;
  int            int_max;
  int            label_min;
  int            label_max;
  guint64        label_votes[LIKERT_N_LABEL_SCALES];
  char          *label_text[LIKERT_MAX_SCALE];   /* first label seen for value v */
  GPtrArray     *label_names;             /* distinct labels alone in their cell, ≤ LABELS_CAP */
  GArray        *label_values;            /* int: each one's value in the known scales */
  LikertDateScan dates;
  guint64        sampled;                 /* non-empty cells in the sample */
  guint64        total_length;
  guint64        with_space;
  LikertWordTable *distinct;              /* the sample's values, ≤ DISTINCT_CAP */
  gboolean       distinct_overflow;
  guint64        n_odd[N_ODD_KINDS];
  GArray        *odd[N_ODD_KINDS];        /* Odd, at most ODD_CAP each */
  GArray        *at_value[LIKERT_MAX_SCALE]; /* Odd: where each small integer stands, ≤ ODD_CAP */
  gboolean       twin_candidate;          /* every cell so far a label or empty */
  gboolean       not_rating;              /* too many cells that are no rating: stop looking */
  gboolean       not_time;                /* a cell that is no time: stop looking */
  int            role_choice;             /* the LikertRole the analyst chose, else -1 */
  GHashTable    *label_choices;           /* word → value the analyst chose, or NULL */
  LikertWordTable *classified;            /* cell → its classification (classify_cell), or NULL */
  gboolean       classified_full;         /* CLASSIFIED_CAP cells in it: classify directly */
  LikertWordTable *words;                 /* word → count: the words met in the column
                                           * while it may be a rating, ≤ LIKERT_IMPORT_MAX_LABELS */
} Profile;

/* Past this many cells that are no rating (and 2 % of the column), a column is no rating. */
#define NOT_RATING_AFTER 100

static void
odd_clear (gpointer data)
{
  g_free (((Odd *) data)->value);
}

static GArray *
odd_array_new (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (Odd));

  g_array_set_clear_func (array, odd_clear);
  return array;
}

static void
profile_clear (Profile *p)
{
  g_clear_pointer (&p->distinct, likert_word_table_free);
  g_clear_pointer (&p->label_names, g_ptr_array_unref);
  g_clear_pointer (&p->label_values, g_array_unref);
  g_clear_pointer (&p->label_choices, g_hash_table_unref);
  g_clear_pointer (&p->words, likert_word_table_free);
  g_clear_pointer (&p->classified, likert_word_table_free);
  for (guint i = 0; i < LIKERT_MAX_SCALE; i++)
    {
      g_clear_pointer (&p->label_text[i], g_free);
      g_clear_pointer (&p->at_value[i], g_array_unref);
    }
  for (guint k = 0; k < N_ODD_KINDS; k++)
    g_clear_pointer (&p->odd[k], g_array_unref);
}

/* ---------------------------------------------------------------------------------------------
 * The plan
 */

/* What the planner read of a column's cell as a time in each order (YMD, DMY, MDY), kept for
 * the run's check of the same record (check_record), which would read it again. */
typedef struct
{
  const char *cell;       /* NULL: none */
  guint       line;       /* of its record */
  gboolean    read[3];
  gint64      when[3];
} RowTime;

typedef struct
{
  const LikertImportOptions *options;
  LikertImportPlan          *plan;
  LikertCsvTokenizer        *tokenizer;
  Profile                   *profiles;
  gboolean                  *twin;        /* twin[l * n + r]: label column l agrees with r */
  int                       *row_int;
  int                       *row_label;
  RowTime                   *row_time;
  GHashTable                *excluded;    /* reason → count */
  /* Where the record being profiled stands: records read for the shape stage are replayed
   * after it, when the tokenizer has moved on. */
  guint                      line;
  const guint               *columns;     /* per field while replaying, else NULL */
  guint                      end_column;
} Planner;

static const char * const id_names[] = {
  "id", "response id", "response_id", "responseid", "respondent id", "respondent_id",
  "respondentid", "submission id", "#", "number", "token", NULL
};

static const char * const text_words[] = {
  "comment", "feedback", "message", "why", "reason", "remark", "suggest", "explain", "tell us",
  "commentaire", "تعليق", "комментарий", "comentario", NULL
};

static gboolean
header_is (const char         *header,
           const char * const *names)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  return g_strv_contains (names, g_strstrip (folded));
}

static gboolean
header_has (const char         *header,
            const char * const *words)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  for (guint i = 0; words[i]; i++)
    if (strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static guint
planner_column (Planner *planner,
                guint    field)
{
  return planner->columns ? planner->columns[field]
                          : likert_csv_tokenizer_column (planner->tokenizer, field);
}

static void
add_odd (GArray     *array,
         Planner    *planner,
         guint64     record,
         guint       field,
         const char *value)
{
  Odd odd;

  if (array->len >= ODD_CAP)
    return;
  odd.record = record;
  odd.line = planner->line;
  odd.column = planner_column (planner, field);
  odd.value = g_strdup (value);
  g_array_append_val (array, odd);
}

/* A cell without the spaces around it; *copy holds it when it had some. */
static const char *
trim_word (const char *cell,
           char      **copy)
{
  gsize length = strlen (cell);

  *copy = NULL;
  if (length > 0 && (g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[length - 1])))
    return *copy = g_strstrip (g_strdup (cell));
  return cell;
}

/* The value the analyst chose for the word in cell, if any (LIKERT_LABEL_MISSING included). */
static gboolean
lookup_label_choice (GHashTable *choices,
                     const char *cell,
                     int        *value)
{
  g_autofree char *copy = NULL;
  const char *word = trim_word (cell, &copy);
  gpointer found;

  if (!g_hash_table_lookup_extended (choices, word, NULL, &found))
    return FALSE;
  *value = GPOINTER_TO_INT (found);
  return TRUE;
}

/* The label choices of options for column, or NULL when it has none. */
static GHashTable *
label_choices_new (const LikertImportOptions *options,
                   const char                *column)
{
  GHashTable *choices = NULL;

  for (guint i = 0; options->labels != NULL && i < options->labels->len; i++)
    {
      const LikertLabelChoice *choice = g_ptr_array_index (options->labels, i);

      if (g_strcmp0 (choice->column, column) != 0 || choice->label == NULL)
        continue;
      if (choices == NULL)
        choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (choices, g_strstrip (g_strdup (choice->label)),
                           GINT_TO_POINTER (choice->value));
    }
  return choices;
}

/* Where cell starts and (*end) ends without the ASCII spaces around it, in place. */
static const char *
trim_span (const char  *cell,
           const char **end)
{
  const char *e = cell + strlen (cell);

  while (cell < e && g_ascii_isspace (*cell))
    cell++;
  while (e > cell && g_ascii_isspace (e[-1]))
    e--;
  *end = e;
  return cell;
}

/* Counts a word of a column that may be a rating (without the spaces around it), for the
 * label map the analyst can edit. */
static void
note_word (Profile    *p,
           const char *cell)
{
  const char *end;
  const char *start = trim_span (cell, &end);
  guint64 *count;

  if (p->words == NULL)
    p->words = likert_word_table_new ();
  if ((count = likert_word_table_lookup (p->words, start, (gsize) (end - start))) != NULL)
    (*count)++;
  else if (likert_word_table_size (p->words) < LIKERT_IMPORT_MAX_LABELS)
    likert_word_table_insert (p->words, start, (gsize) (end - start), 1);
}

/* Adds cell, without the spaces around it, to the column's distinct label names (a label
 * seen on every row: compared in place, copied only when new). */
static void
note_label_name (Profile    *p,
                 const char *cell,
                 int         value)
{
  const char *end;
  const char *start = trim_span (cell, &end);

  for (guint i = 0; i < p->label_names->len; i++)
    {
      const char *name = g_ptr_array_index (p->label_names, i);

      if (strncmp (name, start, (gsize) (end - start)) == 0 && name[end - start] == '\0')
        return;
    }
  g_ptr_array_add (p->label_names, g_strndup (start, (gsize) (end - start)));
  g_array_append_val (p->label_values, value);
}

/* likert_scale_classify () of a cell, remembered for the column's first CLASSIFIED_CAP distinct
 * cells that do not begin with a digit: a label column repeats a few words on every row, and
 * the table finds one in a fraction of the time the label's key and lookup take (1,000,000
 * rows: about a tenth of the reader's work). Numbers are read directly, as fast. */
#define CLASSIFIED_CAP 1024

static LikertCellKind
classify_cell (Profile    *p,
               const char *cell,
               int        *value,
               guint      *label_scale)
{
  gsize length;
  const guint64 *memo;
  LikertCellKind kind;

  if (g_ascii_isdigit (cell[0]) || p->classified_full)
    return likert_scale_classify (cell, value, label_scale);

  length = strlen (cell);
  if (p->classified == NULL)
    p->classified = likert_word_table_new ();
  if ((memo = likert_word_table_lookup (p->classified, cell, length)) != NULL)
    {
      *value = (int) (gint32) (guint32) (*memo >> 32);
      *label_scale = (guint) (*memo >> 8) & 0xff;
      return (LikertCellKind) (*memo & 0xff);
    }
  kind = likert_scale_classify (cell, value, label_scale);
  likert_word_table_insert (p->classified, cell, length,
                            (guint64) (guint32) *value << 32 | (guint64) *label_scale << 8 | kind);
  p->classified_full = likert_word_table_size (p->classified) >= CLASSIFIED_CAP;
  return kind;
}

static void
profile_cell (Planner    *planner,
              guint       c,
              const char *cell,
              guint64     record,
              gboolean    time_hint)
{
  Profile *p = &planner->profiles[c];
  int value = 0;
  guint label_scale = 0;
  gboolean chosen = FALSE;
  LikertCellKind kind;

  planner->row_int[c] = -1;
  planner->row_label[c] = -1;
  if (cell[0] == '\0')
    return;

  p->non_empty++;
  if (p->not_rating)
    {
      /* Known not to be a rating: only its text, and perhaps its times, matter now. */
      p->text++;
      kind = LIKERT_CELL_TEXT;
      goto time;
    }
  /* The analyst's reading of a word comes before the known labels. */
  if (p->label_choices != NULL && lookup_label_choice (p->label_choices, cell, &value))
    {
      chosen = TRUE;
      note_word (p, cell);
      if (value == LIKERT_LABEL_MISSING)
        {
          p->non_empty--;
          return;
        }
      kind = LIKERT_CELL_LABEL;
      label_scale = LIKERT_LABEL_SCALE_NONE;
    }
  else
    kind = classify_cell (p, cell, &value, &label_scale);
  switch (kind)
    {
    case LIKERT_CELL_MISSING:
      p->non_empty--;
      return;

    case LIKERT_CELL_INT:
      if (p->ints == 0 || value < p->int_min)
        p->int_min = value;
      if (p->ints == 0 || value > p->int_max)
        p->int_max = value;
      p->ints++;
      if (value >= 0 && value < LIKERT_MAX_SCALE)
        {
          p->small_ints++;
          p->int_counts[value]++;
          if (p->at_value[value] == NULL)
            p->at_value[value] = odd_array_new ();
          add_odd (p->at_value[value], planner, record, c, cell);
          planner->row_int[c] = value;
        }
      else
        {
          p->n_odd[ODD_BIG]++;
          add_odd (p->odd[ODD_BIG], planner, record, c, cell);
        }
      p->twin_candidate = FALSE;
      break;

    case LIKERT_CELL_LABEL:
    case LIKERT_CELL_MIXED:
      if (p->labels == 0 || value < p->label_min)
        p->label_min = value;
      if (p->labels == 0 || value > p->label_max)
        p->label_max = value;
      p->labels++;
      if (label_scale > LIKERT_LABEL_SCALE_NONE && label_scale < LIKERT_N_LABEL_SCALES)
        p->label_votes[label_scale]++;
      if (kind == LIKERT_CELL_LABEL && !chosen)
        note_word (p, cell);
      if (kind == LIKERT_CELL_LABEL && p->label_names->len < LABELS_CAP)
        note_label_name (p, cell, value);
      if (value >= 0 && value < LIKERT_MAX_SCALE && p->label_text[value] == NULL)
        {
          const char *label = cell;
          gsize label_length = strlen (cell);
          int number;

          if (kind == LIKERT_CELL_MIXED)
            likert_scale_split_mixed (cell, &number, &label, &label_length);
          p->label_text[value] = g_strstrip (g_strndup (label, label_length));
        }
      if (value >= 0 && value < LIKERT_MAX_SCALE)
        {
          if (p->at_value[value] == NULL)
            p->at_value[value] = odd_array_new ();
          add_odd (p->at_value[value], planner, record, c, cell);
        }
      planner->row_label[c] = value;
      if (kind == LIKERT_CELL_MIXED)
        p->twin_candidate = FALSE;
      break;

    case LIKERT_CELL_DECIMAL:
      p->decimals++;
      p->n_odd[ODD_DECIMAL]++;
      add_odd (p->odd[ODD_DECIMAL], planner, record, c, cell);
      p->twin_candidate = FALSE;
      break;

    case LIKERT_CELL_TEXT:
    default:
      note_word (p, cell);
      p->text++;
      p->n_odd[ODD_TEXT]++;
      add_odd (p->odd[ODD_TEXT], planner, record, c, cell);
      p->twin_candidate = FALSE;
      break;
    }

  if (!p->not_rating && p->role_choice != LIKERT_ROLE_RATING &&
      p->text + p->decimals + p->n_odd[ODD_BIG] > NOT_RATING_AFTER &&
      (p->text + p->decimals + p->n_odd[ODD_BIG]) * 50 > p->non_empty)
    p->not_rating = TRUE;

time:
  if ((kind != LIKERT_CELL_INT || p->role_choice == LIKERT_ROLE_TIME) &&
      (!p->not_time || time_hint))
    {
      static const LikertDateOrder orders[] = {
        LIKERT_DATE_ORDER_YMD, LIKERT_DATE_ORDER_DMY, LIKERT_DATE_ORDER_MDY
      };
      guint parsed_before = p->dates.n_parsed;
      RowTime *row_time = &planner->row_time[c];
      gboolean *read = row_time->read;

      likert_date_scan_add_orders (&p->dates, cell, read, row_time->when);
      row_time->cell = cell;
      row_time->line = planner->line;
      if (p->dates.n_parsed == parsed_before && !time_hint)
        p->not_time = TRUE;
      else
        {
          /* Where the cell fails each order: the problems of whichever order is chosen. */
          for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
            if (!read[o])
              {
                p->n_odd[ODD_TIME_YMD + o]++;
                add_odd (p->odd[ODD_TIME_YMD + o], planner, record, c, cell);
              }
        }
    }

  if (record <= SAMPLE_RECORDS)
    {
      gsize length = strlen (cell);

      p->sampled++;
      p->total_length += length;
      if (memchr (cell, ' ', length) != NULL)
        p->with_space++;
      if (!p->distinct_overflow)
        {
          if (likert_word_table_size (p->distinct) >= DISTINCT_CAP)
            p->distinct_overflow = TRUE;
          else
            likert_word_table_insert (p->distinct, cell, length, 0);
        }
    }
}

static LikertImportProblem *
problem_new (guint64     record,
             guint       line,
             guint       column,
             const char *field,
             const char *value,
             char       *message)
{
  LikertImportProblem *problem = g_new0 (LikertImportProblem, 1);

  problem->record = record;
  problem->line = line;
  problem->column = column;
  problem->field = g_strdup (field);
  problem->value = g_strdup (value);
  problem->message = message;
  return problem;
}

static void
add_problem (LikertImportPlan    *plan,
             LikertImportProblem *problem)
{
  plan->n_problems++;
  if (plan->problems->len < LIKERT_IMPORT_MAX_PROBLEMS)
    g_ptr_array_add (plan->problems, problem);
  else
    likert_import_problem_free (problem);
}

/* Reads records into an array of GStrv, for the shape stage. */
typedef struct
{
  guint  line;
  guint  end_column;
  guint *columns;
} HeadPosition;

static void
head_position_clear (gpointer data)
{
  g_free (((HeadPosition *) data)->columns);
}

static gboolean
read_head (LikertCsvTokenizer  *tokenizer,
           GPtrArray           *records,
           GArray              *positions,
           GError             **error)
{
  const char * const *fields;
  guint n;
  g_autoptr(GError) local_error = NULL;

  while (records->len < SHAPE_RECORDS &&
         likert_csv_tokenizer_next (tokenizer, &fields, &n, &local_error))
    {
      GStrv copy = g_new0 (char *, n + 1);
      HeadPosition position;

      position.line = likert_csv_tokenizer_line (tokenizer);
      position.end_column = likert_csv_tokenizer_end_column (tokenizer);
      position.columns = g_new (guint, n);
      for (guint i = 0; i < n; i++)
        {
          copy[i] = g_strdup (fields[i]);
          position.columns[i] = likert_csv_tokenizer_column (tokenizer, i);
        }
      g_ptr_array_add (records, copy);
      g_array_append_val (positions, position);
    }
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank_record (const char * const *fields,
                 guint               n)
{
  return n == 1 && fields[0][0] == '\0';
}

static void
plan_record (Planner            *planner,
             const char * const *fields,
             guint               n,
             guint64             record)
{
  LikertImportPlan *plan = planner->plan;
  const guint n_columns = plan->n_columns;
  const char *reason = NULL;

  if (plan->preview->len < LIKERT_IMPORT_PREVIEW_ROWS)
    {
      GStrv copy = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        copy[i] = g_strdup (fields[i]);
      g_ptr_array_add (plan->preview, copy);
    }

  if (n != n_columns)
    {
      guint column = n > n_columns ? planner_column (planner, n_columns)
                     : planner->columns ? planner->end_column
                     : likert_csv_tokenizer_end_column (planner->tokenizer);

      plan->n_bad_records++;
      /* Translators: the numbers count fields */
      add_problem (plan, problem_new (record, planner->line, column, NULL, NULL,
                                      g_strdup_printf (ngettext ("this record has %u field; the "
                                                                 "header has %u",
                                                                 "this record has %u fields; the "
                                                                 "header has %u", n),
                                                       n, n_columns)));
      return;
    }

  if (likert_shape_excludes (plan->shape, fields, &reason))
    {
      gpointer count = g_hash_table_lookup (planner->excluded, reason);

      plan->n_excluded++;
      g_hash_table_insert (planner->excluded, (gpointer) reason,
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + 1));
      if (!planner->options->keep_excluded)
        return;
    }

  for (guint c = 0; c < n_columns; c++)
    profile_cell (planner, c, fields[c], record,
                  plan->shape->columns[c].role_hint == LIKERT_ROLE_TIME ||
                  planner->profiles[c].role_choice == LIKERT_ROLE_TIME);

  /* A label column is the twin of a number column when both say the same on every row. */
  for (guint l = 0; l < n_columns; l++)
    {
      if (!planner->profiles[l].twin_candidate)
        continue;
      for (guint r = 0; r < n_columns; r++)
        if (r != l && planner->twin[l * n_columns + r] &&
            planner->row_label[l] != planner->row_int[r])
          planner->twin[l * n_columns + r] = FALSE;
    }
}

static const LikertRatingChoice *
find_rating_choice (const LikertImportOptions *options,
                    const char                *name)
{
  for (guint i = 0; options->ratings != NULL && i < options->ratings->len; i++)
    {
      const LikertRatingChoice *choice = g_ptr_array_index (options->ratings, i);

      if (g_strcmp0 (choice->column, name) == 0)
        return choice;
    }
  return NULL;
}

static guint
best_label_scale (const Profile *p)
{
  guint best = LIKERT_LABEL_SCALE_NONE;

  for (guint s = 1; s < LIKERT_N_LABEL_SCALES; s++)
    if (s != LIKERT_LABEL_SCALE_NEUTRAL && p->label_votes[s] > p->label_votes[best])
      best = s;
  return best;
}

/* A rating column: nearly every value a number 0–10 or a known label (the rest are problems). */
static gboolean
looks_like_rating (const Profile *p,
                   const char    *header)
{
  guint64 good = p->small_ints + p->labels;

  if (p->non_empty == 0 || good == 0 || header_is (header, id_names))
    return FALSE;
  /* At most 2 % odd values, and a few distinct numbers. */
  return good * 50 >= p->non_empty * 49;
}

static gboolean
is_canonical_label (guint       scale,
                    int         value,
                    const char *text)
{
  static const char * const languages[] = { "en", "fr", "ar", "ru", "es" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const char *canonical = likert_scale_canonical_label (scale, value, languages[l]);

      if (canonical != NULL && g_utf8_collate (canonical, text) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const char *text;
  int         value;
  gboolean    canonical;
} Label;

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const Label *la = a, *lb = b;

  if (la->value != lb->value)
    return la->value - lb->value;
  return la->canonical - lb->canonical;
}

/* The languages of a known label's wording, as a bit per language ("Excellent" is English and
 * French); 0 when it is none. */
static guint
label_languages (const char *text)
{
  static const char * const languages[] = { "en", "fr", "ar", "ru", "es" };
  guint scale, mask = 0;
  int value;
  const char *language, *label;

  for (guint i = 0; likert_scale_known_label (i, &scale, &value, &language, &label); i++)
    if (g_utf8_collate (label, text) == 0)
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        if (g_str_equal (language, languages[l]))
          mask |= 1u << l;
  return mask;
}

/* Two labels of a column that the known scales give the same value ("Very good" and
 * "Excellent" are both the top of some quality scales): when the column offers as many labels
 * as it has points, they are its own scale, numbered in order — canonical wording last among
 * equals. The labels then map the column's cells (rating_value ()). */
static gboolean
relabel_collisions (LikertField   *field,
                    const Profile *p,
                    int            scale_min,
                    int            scale_max)
{
  guint n = p->label_names->len;
  guint scale = best_label_scale (p);
  g_autofree Label *labels = NULL;
  gboolean collision = FALSE;

  if (n < 2 || n > LIKERT_MAX_SCALE || p->small_ints > 0 || (scale_min == 0 && scale_max != 0) ||
      p->label_choices != NULL)
    return FALSE;
  /* Synonyms in two languages ("Agree", "D'accord") are no collision: one language only. */
  {
    guint common = ~0u;

    for (guint i = 0; i < n; i++)
      common &= label_languages (g_ptr_array_index (p->label_names, i));
    if (common == 0)
      return FALSE;
  }

  labels = g_new0 (Label, n);
  for (guint i = 0; i < n; i++)
    {
      labels[i].text = g_ptr_array_index (p->label_names, i);
      labels[i].value = g_array_index (p->label_values, int, i);
      labels[i].canonical = is_canonical_label (scale, labels[i].value, labels[i].text);
      for (guint k = 0; k < i; k++)
        collision |= labels[k].value == labels[i].value;
    }
  if (!collision)
    return FALSE;

  qsort (labels, n, sizeof (Label), compare_labels);
  field->scale_min = 1;
  field->scale_max = (int) n;
  for (guint i = 0; i < n; i++)
    {
      g_free (field->labels[i]);
      field->labels[i] = g_strdup (labels[i].text);
    }
  return TRUE;
}

static void
set_rating (LikertField   *field,
            const Profile *p,
            int            scale_min,
            int            scale_max)
{
  guint scale = best_label_scale (p);

  field->role = LIKERT_ROLE_RATING;
  if (relabel_collisions (field, p, scale_min, scale_max))
    return;
  if (scale_min == 0 && scale_max == 0)
    {
      int lo = p->labels ? p->label_min : 10, hi = p->labels ? p->label_max : 0;

      /* The values seen within 0–10: one stray 42 is a problem, not a wider scale. */
      for (int v = 0; v < LIKERT_MAX_SCALE; v++)
        if (p->int_counts[v] > 0)
          {
            lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
      if (lo <= hi)
        likert_scale_guess_range (lo, hi, field->header, &scale_min, &scale_max);
      else
        {
          scale_min = 1;
          scale_max = 5;
        }
    }
  field->scale_min = scale_min;
  field->scale_max = scale_max;
  for (int v = scale_min; v <= scale_max && v - scale_min < LIKERT_MAX_SCALE; v++)
    {
      const char *label = v >= 0 && v < LIKERT_MAX_SCALE ? p->label_text[v] : NULL;

      if (label == NULL && p->labels > 0 && scale != LIKERT_LABEL_SCALE_NONE)
        label = likert_scale_canonical_label (scale, v, NULL);
      g_free (field->labels[v - scale_min]);
      field->labels[v - scale_min] = g_strdup (label);
    }
}

static void
set_time (Planner       *planner,
          LikertField   *field,
          const Profile *p)
{
  LikertImportPlan *plan = planner->plan;
  gboolean ambiguous = FALSE;
  LikertDateOrder order = likert_date_scan_result (&p->dates, &ambiguous);

  field->role = LIKERT_ROLE_TIME;
  if (planner->options->date_order != LIKERT_DATE_ORDER_UNKNOWN)
    plan->date_order = planner->options->date_order;
  else if (order != LIKERT_DATE_ORDER_UNKNOWN)
    plan->date_order = order;
  else if (p->dates.year_last > 0)
    {
      /* Every year-last date reads both ways (or some read neither): day first, as most of
       * the world writes; the analyst can choose the other order. */
      plan->date_order = p->dates.ok_mdy > p->dates.ok_dmy ? LIKERT_DATE_ORDER_MDY
                                                            : LIKERT_DATE_ORDER_DMY;
      plan->date_order_ambiguous = ambiguous;
    }
}

static void
decide_roles (Planner *planner)
{
  LikertImportPlan *plan = planner->plan;
  const guint n_columns = plan->n_columns;
  gboolean have_time = FALSE, have_id = FALSE;
  gboolean chosen_time = FALSE, chosen_id = FALSE;
  guint n_ratings = 0;

  plan->fields = g_new0 (LikertField *, n_columns);
  plan->date_order = LIKERT_DATE_ORDER_YMD;

  /* The vendor's word on the time and the identifier comes before any guess. */
  for (guint c = 0; c < n_columns; c++)
    {
      LikertRole hint = plan->shape->columns[c].role_hint;

      have_time |= hint == LIKERT_ROLE_TIME;
      have_id |= hint == LIKERT_ROLE_ID;
      /* … and the analyst's before the vendor's. */
      chosen_time |= planner->profiles[c].role_choice == LIKERT_ROLE_TIME;
      chosen_id |= planner->profiles[c].role_choice == LIKERT_ROLE_ID;
    }
  have_time |= chosen_time;
  have_id |= chosen_id;

  for (guint c = 0; c < n_columns; c++)
    {
      const Profile *p = &planner->profiles[c];
      const LikertShapeColumn *column = &plan->shape->columns[c];
      const LikertRatingChoice *choice = find_rating_choice (planner->options, column->name);
      LikertField *field = g_new0 (LikertField, 1);
      guint distinct = likert_word_table_size (p->distinct);
      double mean_length = p->sampled ? (double) p->total_length / (double) p->sampled : 0;
      gboolean ambiguous = FALSE;
      LikertDateOrder order = likert_date_scan_result (&p->dates, &ambiguous);
      gboolean is_time = p->non_empty > 0 && p->ints == 0 &&
                         (order != LIKERT_DATE_ORDER_UNKNOWN || ambiguous);

      field->position = c;
      field->header = g_strdup (column->name);
      field->role = LIKERT_ROLE_OTHER;
      plan->fields[c] = field;

      if (choice != NULL)
        set_rating (field, p, choice->scale_min, choice->scale_max);
      else if (p->role_choice == LIKERT_ROLE_RATING)
        set_rating (field, p, column->scale_min, column->scale_max);
      else if (p->role_choice == LIKERT_ROLE_TIME)
        set_time (planner, field, p);
      else if (p->role_choice >= 0)
        field->role = (LikertRole) p->role_choice;
      else if (column->role_hint == LIKERT_ROLE_ID && !chosen_id)
        field->role = LIKERT_ROLE_ID;
      else if (column->role_hint == LIKERT_ROLE_TIME && !chosen_time)
        set_time (planner, field, p);
      else if (column->metadata)
        field->role = LIKERT_ROLE_OTHER;
      else if (!have_id && ((header_is (column->name, id_names) &&
                             (p->distinct_overflow || distinct == p->sampled) &&
                             p->non_empty == plan->n_records - plan->n_bad_records)))
        {
          field->role = LIKERT_ROLE_ID;
          have_id = TRUE;
        }
      else if (!have_time && is_time && p->dates.n_parsed == p->non_empty)
        {
          set_time (planner, field, p);
          have_time = TRUE;
        }
      else if (column->role_hint == LIKERT_ROLE_RATING)
        set_rating (field, p, column->scale_min, column->scale_max);
      else if (column->role_hint == LIKERT_ROLE_TEXT)
        field->role = LIKERT_ROLE_TEXT;
      else if (looks_like_rating (p, column->name))
        set_rating (field, p, 0, 0);
      else if (p->non_empty > 0 &&
               (header_has (column->name, text_words) ||
                (p->with_space * 2 >= p->sampled && (mean_length >= 25 || p->distinct_overflow))))
        field->role = LIKERT_ROLE_TEXT;
      else if (p->non_empty > 0 && !p->distinct_overflow &&
               distinct <= MAX (20u, MIN (200u, (guint) (plan->n_records / 5))))
        field->role = LIKERT_ROLE_CATEGORY;
    }

  /* Label twins: "Extremely satisfied" beside "5" names the number rather than repeating it. */
  for (guint l = 0; l < n_columns; l++)
    {
      LikertField *label_field = plan->fields[l];

      if (label_field->role != LIKERT_ROLE_RATING || !planner->profiles[l].twin_candidate ||
          planner->profiles[l].labels == 0 || planner->profiles[l].role_choice >= 0)
        continue;
      for (guint r = 0; r < n_columns; r++)
        {
          LikertField *number_field = plan->fields[r];

          if (r == l || !planner->twin[l * n_columns + r] ||
              number_field->role != LIKERT_ROLE_RATING || planner->profiles[r].labels > 0 ||
              number_field->scale_min != label_field->scale_min ||
              number_field->scale_max != label_field->scale_max)
            continue;

          label_field->role = LIKERT_ROLE_LABEL;
          label_field->label_of = r; /* a column index until the store gives field ids */
          for (guint v = 0; v < LIKERT_MAX_SCALE; v++)
            {
              g_free (number_field->labels[v]);
              number_field->labels[v] = g_steal_pointer (&label_field->labels[v]);
            }
          break;
        }
    }

  for (guint c = 0; c < n_columns; c++)
    if (plan->fields[c]->role == LIKERT_ROLE_RATING)
      n_ratings++;
  if (n_ratings == 0)
    g_ptr_array_add (plan->notices, g_strdup (_("No rating column was found: the responses are "
                                                "imported with their text and categories only.")));
  if (plan->date_order_ambiguous)
    g_ptr_array_add (plan->notices,
                     g_strdup (_("Every date in the file reads both as day/month and as "
                                 "month/day: they are read as day/month. Choose the other "
                                 "order if that is wrong.")));
}

static LikertCellKind rating_value (const LikertField *field,
                                    GHashTable        *choices,
                                    const char        *cell,
                                    int               *value);

static void
found_label_free (LikertFoundLabel *found)
{
  g_free (found->label);
  g_free (found);
}

static int
compare_found_labels (gconstpointer a,
                      gconstpointer b)
{
  const LikertFoundLabel *fa = *(LikertFoundLabel * const *) a;
  const LikertFoundLabel *fb = *(LikertFoundLabel * const *) b;

  /* The unread ones first, then in the scale's order, then the missing ones; the most frequent
   * first among equals. */
  int va = fa->value == LIKERT_LABEL_MISSING ? G_MAXINT : fa->value;
  int vb = fb->value == LIKERT_LABEL_MISSING ? G_MAXINT : fb->value;

  if (va != vb)
    return va < vb ? -1 : 1;
  if (fa->count != fb->count)
    return fa->count > fb->count ? -1 : 1;
  return strcmp (fa->label, fb->label);
}

/* The words of each rating column, read as the run will read them. */
static void
list_labels (Planner *planner)
{
  LikertImportPlan *plan = planner->plan;

  plan->labels = g_new0 (GPtrArray *, plan->n_columns);
  for (guint c = 0; c < plan->n_columns; c++)
    {
      const Profile *p = &planner->profiles[c];
      const LikertField *field = plan->fields[c];

      if (field->role != LIKERT_ROLE_RATING)
        continue;
      plan->labels[c] = g_ptr_array_new_with_free_func ((GDestroyNotify) found_label_free);
      if (p->words == NULL)
        continue;
      for (guint w = 0; w < likert_word_table_size (p->words); w++)
        {
          LikertFoundLabel *found = g_new0 (LikertFoundLabel, 1);
          int value = 0;
          guint64 count;
          const char *word = likert_word_table_word (p->words, w, NULL, &count);
          LikertCellKind kind = rating_value (field, p->label_choices, word, &value);

          found->label = g_strdup (word);
          found->count = count;
          found->value = kind == LIKERT_CELL_MISSING ? LIKERT_LABEL_MISSING
                         : kind == LIKERT_CELL_INT || kind == LIKERT_CELL_LABEL ||
                           kind == LIKERT_CELL_MIXED ? value
                         : LIKERT_LABEL_UNREAD;
          g_ptr_array_add (plan->labels[c], found);
        }
      g_ptr_array_sort (plan->labels[c], compare_found_labels);
    }
}

static char *
column_names (const LikertImportPlan *plan)
{
  GString *names = g_string_new (NULL);

  for (guint c = 0; c < plan->n_columns; c++)
    g_string_append_printf (names, "%s“%s”", c ? C_("list separator", ", ") : "",
                            plan->shape->columns[c].name);
  return g_string_free (names, FALSE);
}

static const LikertRoleChoice *
find_role_choice (const LikertImportOptions *options,
                  const char                *name)
{
  const LikertRoleChoice *found = NULL;

  for (guint i = 0; options->roles != NULL && i < options->roles->len; i++)
    {
      const LikertRoleChoice *choice = g_ptr_array_index (options->roles, i);

      if (g_strcmp0 (choice->column, name) == 0)
        found = choice;
    }
  return found;
}

/* The analyst's roles and label readings, on the columns they name: each must exist. */
static gboolean
apply_choices (Planner  *planner,
               GError  **error)
{
  const LikertImportOptions *options = planner->options;
  const LikertImportPlan *plan = planner->plan;
  const char *unknown = NULL;

  for (guint i = 0; options->roles != NULL && i < options->roles->len && !unknown; i++)
    {
      const LikertRoleChoice *choice = g_ptr_array_index (options->roles, i);

      unknown = choice->column;
      for (guint c = 0; c < plan->n_columns && unknown; c++)
        if (g_strcmp0 (plan->shape->columns[c].name, choice->column) == 0)
          unknown = NULL;
    }
  for (guint i = 0; options->labels != NULL && i < options->labels->len && !unknown; i++)
    {
      const LikertLabelChoice *choice = g_ptr_array_index (options->labels, i);

      unknown = choice->column;
      for (guint c = 0; c < plan->n_columns && unknown; c++)
        if (g_strcmp0 (plan->shape->columns[c].name, choice->column) == 0)
          unknown = NULL;
    }
  if (unknown != NULL)
    {
      g_autofree char *names = column_names (plan);

      g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION,
                   /* Translators: a file name, a column name the user gave, the columns */
                   _("%s: there is no column “%s” (the columns are %s)"),
                   plan->source_name, unknown, names);
      return FALSE;
    }

  for (guint c = 0; c < plan->n_columns; c++)
    {
      Profile *p = &planner->profiles[c];
      const char *name = plan->shape->columns[c].name;
      const LikertRoleChoice *role = find_role_choice (options, name);

      p->role_choice = -1;
      if (find_rating_choice (options, name) != NULL)
        p->role_choice = LIKERT_ROLE_RATING;
      else if (role != NULL && role->role <= LIKERT_ROLE_CATEGORY)
        p->role_choice = (int) role->role;
      p->label_choices = label_choices_new (options, name);
    }
  return TRUE;
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const LikertImportProblem *pa = *(LikertImportProblem * const *) a;
  const LikertImportProblem *pb = *(LikertImportProblem * const *) b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return pa->column < pb->column ? -1 : pa->column > pb->column;
}

static char *
odd_message (OddKind            kind,
             const char        *value,
             const LikertField *field)
{
  switch (kind)
    {
    case ODD_DECIMAL:
      /* Translators: %s is a cell, then the scale's ends */
      return g_strdup_printf (_("“%s” is not a whole number (the scale is %d–%d)"),
                              value, field->scale_min, field->scale_max);
    case ODD_TEXT:
      /* Translators: %s is a cell, then the scale's ends */
      return g_strdup_printf (_("“%s” is neither a number nor a known label (the scale is %d–%d)"),
                              value, field->scale_min, field->scale_max);
    case ODD_BIG:
      /* Translators: %s is a cell, then the scale's ends */
      return g_strdup_printf (_("%s is outside the scale %d–%d"),
                              value, field->scale_min, field->scale_max);
    case ODD_TIME_YMD:
    case ODD_TIME_DMY:
    case ODD_TIME_MDY:
    default:
      /* Translators: %s is a cell */
      return g_strdup_printf (_("“%s” is not a date and time"), value);
    }
}

/* Lists the odd cells kept (at most ODD_CAP); those past the cap are counted, not listed. */
static void
add_odd_problems (LikertImportPlan  *plan,
                  const GArray      *odds,
                  guint64            total,
                  const LikertField *field,
                  OddKind            kind)
{
  guint listed = odds ? odds->len : 0;

  for (guint i = 0; i < listed; i++)
    {
      const Odd *odd = &g_array_index (odds, Odd, i);

      add_problem (plan, problem_new (odd->record, odd->line, odd->column, field->header,
                                      odd->value, odd_message (kind, odd->value, field)));
    }
  if (total > listed)
    plan->n_problems += total - listed;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  guint64 ra = *(const guint64 *) a, rb = *(const guint64 *) b;

  return ra < rb ? -1 : ra > rb;
}

/* Problems of the columns as decided: values a rating column cannot take, times not read. */
static void
find_value_problems (Planner *planner)
{
  LikertImportPlan *plan = planner->plan;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint64 listed_before = plan->n_problems;
  guint64 unlisted = 0;
  guint first = plan->problems->len;
  guint64 distinct = 0;

  for (guint c = 0; c < plan->n_columns; c++)
    {
      const Profile *p = &planner->profiles[c];
      const LikertField *field = plan->fields[c];

      if (field->role == LIKERT_ROLE_RATING)
        {
          add_odd_problems (plan, p->odd[ODD_DECIMAL], p->n_odd[ODD_DECIMAL], field, ODD_DECIMAL);
          add_odd_problems (plan, p->odd[ODD_TEXT], p->n_odd[ODD_TEXT], field, ODD_TEXT);
          add_odd_problems (plan, p->odd[ODD_BIG], p->n_odd[ODD_BIG], field, ODD_BIG);
          for (int v = 0; v < LIKERT_MAX_SCALE; v++)
            if ((v < field->scale_min || v > field->scale_max) && p->at_value[v] != NULL)
              add_odd_problems (plan, p->at_value[v],
                                MAX (p->int_counts[v], (guint64) p->at_value[v]->len),
                                field, ODD_BIG);
        }
      else if (field->role == LIKERT_ROLE_TIME)
        {
          OddKind kind = plan->date_order == LIKERT_DATE_ORDER_DMY ? ODD_TIME_DMY
                         : plan->date_order == LIKERT_DATE_ORDER_MDY ? ODD_TIME_MDY
                         : ODD_TIME_YMD;

          add_odd_problems (plan, p->odd[kind], p->n_odd[kind], field, kind);
        }
    }

  /* Rows with value problems: each listed one once; unlisted ones may share rows (at most). */
  for (guint i = first; i < plan->problems->len; i++)
    {
      LikertImportProblem *problem = g_ptr_array_index (plan->problems, i);
      g_array_append_val (records, problem->record);
    }
  g_array_sort (records, compare_records);
  for (guint i = 0; i < records->len; i++)
    if (i == 0 || g_array_index (records, guint64, i) != g_array_index (records, guint64, i - 1))
      distinct++;
  unlisted = plan->n_problems - listed_before - (plan->problems->len - first);
  plan->n_bad_records += distinct + unlisted;

  g_ptr_array_sort (plan->problems, compare_problems);
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const char *ra = *(const char * const *) a, *rb = *(const char * const *) b;
  gsize ca = GPOINTER_TO_SIZE (g_hash_table_lookup (user_data, ra));
  gsize cb = GPOINTER_TO_SIZE (g_hash_table_lookup (user_data, rb));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return g_strcmp0 (ra, rb);
}

static void
report_excluded (Planner *planner)
{
  GHashTableIter iter;
  gpointer reason, count;
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  LikertImportPlan *plan = planner->plan;

  if (plan->n_excluded == 0)
    return;
  /* In a stable order: most frequent reason first, then by name. */
  g_hash_table_iter_init (&iter, planner->excluded);
  while (g_hash_table_iter_next (&iter, &reason, &count))
    g_ptr_array_add (order, reason);
  g_ptr_array_sort_with_data (order, compare_reasons, planner->excluded);
  for (guint i = 0; i < order->len; i++)
    {
      reason = g_ptr_array_index (order, i);
      count = g_hash_table_lookup (planner->excluded, reason);
      if (reasons->len > 0)
        g_string_append (reasons, C_("list separator", ", "));
      /* Translators: a reason and how many records it concerns */
      g_string_append_printf (reasons, _("%s: %lu"), (const char *) reason,
                              (gulong) GPOINTER_TO_SIZE (count));
    }
  g_ptr_array_add (plan->notices,
                   g_strdup_printf (planner->options->keep_excluded
                                    ? ngettext ("%lu record is marked by the survey tool as not a "
                                                "real response (%s); it is imported anyway.",
                                                "%lu records are marked by the survey tool as not "
                                                "real responses (%s); they are imported anyway.",
                                                (gulong) plan->n_excluded)
                                    : ngettext ("%lu record is marked by the survey tool as not a "
                                                "real response (%s); it is left out.",
                                                "%lu records are marked by the survey tool as not "
                                                "real responses (%s); they are left out.",
                                                (gulong) plan->n_excluded),
                                    (gulong) plan->n_excluded, reasons->str));
}

static void
planner_clear (Planner *planner)
{
  for (guint c = 0; planner->profiles != NULL && c < planner->plan->n_columns; c++)
    profile_clear (&planner->profiles[c]);
  g_free (planner->profiles);
  g_free (planner->twin);
  g_free (planner->row_int);
  g_free (planner->row_label);
  g_free (planner->row_time);
  g_clear_pointer (&planner->excluded, g_hash_table_unref);
}

static void
planner_init_columns (Planner *planner)
{
  const guint n = planner->plan->n_columns;

  planner->profiles = g_new0 (Profile, n);
  planner->twin = g_new (gboolean, (gsize) n * n);
  planner->row_int = g_new (int, n);
  planner->row_label = g_new (int, n);
  planner->row_time = g_new0 (RowTime, n);
  for (guint c = 0; c < n; c++)
    {
      Profile *p = &planner->profiles[c];

      p->distinct = likert_word_table_new ();
      p->label_names = g_ptr_array_new_with_free_func (g_free);
      p->label_values = g_array_new (FALSE, FALSE, sizeof (int));
      p->twin_candidate = TRUE;
      likert_date_scan_init (&p->dates);
      for (guint k = 0; k < N_ODD_KINDS; k++)
        p->odd[k] = odd_array_new ();
    }
  for (gsize i = 0; i < (gsize) n * n; i++)
    planner->twin[i] = TRUE;
}

static char *
display_delimiter (char delimiter)
{
  return delimiter == '\t' ? g_strdup ("\\t") : g_strdup_printf ("%c", delimiter);
}

/* A plan of path with nothing decided yet. */
static LikertImportPlan *
plan_new (const char *path)
{
  LikertImportPlan *plan = g_new0 (LikertImportPlan, 1);

  plan->path = g_strdup (path);
  plan->source_name = g_path_get_basename (path);
  plan->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_import_problem_free);
  plan->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  plan->notices = g_ptr_array_new_with_free_func (g_free);
  return plan;
}

/* Readies planner for plan's data records, once plan has its shape. */
static gboolean
planner_start (Planner                   *planner,
               LikertImportPlan          *plan,
               const LikertImportOptions *options,
               LikertCsvTokenizer        *tokenizer,
               GError                   **error)
{
  planner->options = options;
  planner->plan = plan;
  planner->tokenizer = tokenizer;
  planner->excluded = g_hash_table_new (g_str_hash, g_str_equal);

  plan->n_columns = plan->shape->n_columns;
  for (guint i = 0; options->ratings != NULL && i < options->ratings->len; i++)
    {
      const LikertRatingChoice *choice = g_ptr_array_index (options->ratings, i);
      gboolean found = FALSE;

      for (guint c = 0; c < plan->n_columns && !found; c++)
        found = g_strcmp0 (plan->shape->columns[c].name, choice->column) == 0;
      if (!found)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint c = 0; c < plan->n_columns; c++)
            g_string_append_printf (names, "%s“%s”", c ? C_("list separator", ", ") : "",
                                    plan->shape->columns[c].name);
          g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION,
                       /* Translators: a file name, a column name the user gave, the columns */
                       _("%s: there is no column “%s” to read as a rating (the columns are %s)"),
                       plan->source_name, choice->column, names->str);
          return FALSE;
        }
    }
  for (guint i = 0; plan->shape->notices != NULL && i < plan->shape->notices->len; i++)
    g_ptr_array_add (plan->notices, g_strdup (g_ptr_array_index (plan->shape->notices, i)));
  planner_init_columns (planner);
  return apply_choices (planner, error);
}

/* Decides the plan from its n_records data records, all given to plan_record (). */
static gboolean
planner_finish (Planner   *planner,
                guint64    n_records,
                Checksum  *checksum,
                GError   **error)
{
  LikertImportPlan *plan = planner->plan;

  plan->n_records = n_records;
  if (n_records == 0)
    {
      g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                   _("%s: the file has a header but no responses"), plan->source_name);
      return FALSE;
    }
  decide_roles (planner);
  list_labels (planner);
  find_value_problems (planner);
  report_excluded (planner);
  plan->sha256 = checksum_finish (checksum);
  return TRUE;
}

/* The plan of path; of its first limit data records only, unless limit is 0 (*complete then
 * says whether that was the whole file: if not, the counts, the problems and the checksum are
 * the beginning's). */
static LikertImportPlan *
plan_file (const char                *path,
           const LikertImportOptions *options,
           guint64                    limit,
           gboolean                  *complete,
           LikertProgressFunc         progress,
           gpointer                   progress_data,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autoptr(GPtrArray) head = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) head_positions = g_array_new (FALSE, FALSE, sizeof (HeadPosition));
  g_autoptr(GError) local_error = NULL;
  LikertImportOptions defaults;
  Planner planner = { 0 };
  Reader reader = { 0 };
  const char * const *fields;
  guint n;
  guint64 record = 0;
  guint first_data;
  gboolean ok = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    {
      likert_import_options_init (&defaults);
      options = &defaults;
    }

  plan = plan_new (path);
  if (!reader_open (&reader, path, plan->source_name, options->encoding, TRUE, &plan->encoding,
                    cancellable, error))
    goto out;
  plan->size = reader.size;

  /* The delimiter from the first decoded text. */
  {
    g_autoptr(GString) sniff = g_string_new (NULL);
    gboolean eof = FALSE;

    if (!reader_fill (&reader, sniff, &eof, error))
      goto out;
    plan->delimiter = options->delimiter ? options->delimiter
                                         : likert_csv_sniff (sniff->str, sniff->len);
    tokenizer = likert_csv_tokenizer_new_streaming (reader_fill, &reader, plan->delimiter,
                                                    plan->source_name);
    /* Hand the sniffed text back: the tokenizer reads it first. */
    likert_csv_tokenizer_push (tokenizer, sniff->str, sniff->len, eof);
  }

  /* The shape stage, on the first records. */
  g_array_set_clear_func (head_positions, head_position_clear);
  if (!read_head (tokenizer, head, head_positions, error))
    goto out;
  plan->shape = likert_shape_detect ((const char * const * const *) head->pdata, head->len,
                                     options->shape, options->header_rows, &local_error);
  if (plan->shape == NULL)
    {
      if (g_error_matches (local_error, LIKERT_SHAPE_ERROR, LIKERT_SHAPE_ERROR_EMPTY))
        g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_EMPTY,
                     _("%s: the file is empty"), plan->source_name);
      else
        g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION,
                     "%s: %s", plan->source_name, local_error->message);
      goto out;
    }
  if (!planner_start (&planner, plan, options, tokenizer, error))
    goto out;

  /* The mapper stage over every data record: first those read for the shape, then the rest. */
  first_data = plan->shape->skip_rows + plan->shape->header_rows;
  for (guint i = first_data; i < head->len; i++)
    {
      GStrv cells = g_ptr_array_index (head, i);
      const HeadPosition *position = &g_array_index (head_positions, HeadPosition, i);
      guint count = g_strv_length (cells);

      if (is_blank_record ((const char * const *) cells, count))
        continue;
      planner.line = position->line;
      planner.columns = position->columns;
      planner.end_column = position->end_column;
      plan_record (&planner, (const char * const *) cells, count, ++record);
    }
  planner.columns = NULL;
  *complete = TRUE;
  while (likert_csv_tokenizer_next (tokenizer, &fields, &n, &local_error))
    {
      if (is_blank_record (fields, n))
        continue;
      planner.line = likert_csv_tokenizer_line (tokenizer);
      plan_record (&planner, fields, n, ++record);
      if ((record & 8191) == 0 && progress)
        progress (reader_fraction (&reader), progress_data);
      if (limit > 0 && record >= limit)
        {
          *complete = FALSE;
          break;
        }
    }
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  if (!planner_finish (&planner, record, reader.checksum, error))
    goto out;
  if (progress)
    progress (1.0, progress_data);
  ok = TRUE;

out:
  planner_clear (&planner);
  reader_clear (&reader);
  if (options == &defaults)
    likert_import_options_clear (&defaults);
  return ok ? g_steal_pointer (&plan) : NULL;
}

LikertImportPlan *
likert_import_plan_file (const char                *path,
                         const LikertImportOptions *options,
                         LikertProgressFunc         progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  gboolean complete;

  return plan_file (path, options, 0, &complete, progress, progress_data, cancellable, error);
}

void
likert_import_plan_free (LikertImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->source_name);
  g_free (plan->sha256);
  g_free (plan->encoding);
  g_clear_pointer (&plan->shape, likert_shape_free);
  for (guint c = 0; plan->fields != NULL && c < plan->n_columns; c++)
    likert_field_free (plan->fields[c]);
  g_free (plan->fields);
  g_clear_pointer (&plan->problems, g_ptr_array_unref);
  g_clear_pointer (&plan->preview, g_ptr_array_unref);
  g_clear_pointer (&plan->notices, g_ptr_array_unref);
  for (guint c = 0; plan->labels != NULL && c < plan->n_columns; c++)
    g_clear_pointer (&plan->labels[c], g_ptr_array_unref);
  g_free (plan->labels);
  g_free (plan);
}

/* ---------------------------------------------------------------------------------------------
 * The run: the store stage.
 */

#define BATCH_ROWS      1024
#define BATCH_BYTES     (256 << 10) /* a batch is handed on at BATCH_ROWS rows or this many bytes */
/* Going round the reader, the writer and the indexer. On two cores the three threads take
 * turns, and one that gets a core needs batches ahead to use it: 6 → 32 took 1,000,000 rows
 * from 1.90 to 1.65 s; the bytes held stay about BATCHES × BATCH_BYTES (peak RSS 39 MB). */
#define BATCHES         32
#define NO_VALUE        G_MININT   /* no rating value */

/* The index built beside the writer (see index_records): a temporary database of its own. */
typedef struct
{
  char         *path;        /* removed by indexer_free () */
  sqlite3      *db;
  sqlite3_stmt *insert;
  GThread      *thread;
  GAsyncQueue  *queue;       /* Batch: written, to index; the last one ends the thread */
  GAsyncQueue  *empty;       /* the pipeline's: where indexed batches go back to the reader */
  GError       *error;       /* the thread's, read after the join */
  gint          failed;      /* atomic: error is set, the writer stops */
  gint          stop;        /* atomic: the writer failed, the thread indexes no more */
} Indexer;

typedef struct _Syncer Syncer;   /* see "The disk set to work early" */

/* A speculative run's plan of the whole file (see "One pass instead of two"), made by its
 * reader from the records it reads, with the encoding, delimiter and shape of the beginning's
 * plan (which decided them from the first records alone). */
typedef struct
{
  Planner            planner;    /* its plan grows while the reader reads */
  guint64            record;
  LikertImportPlan  *whole;      /* the file read to its end: the whole file's plan, */
  GError            *error;      /* … or why the file could not be planned (neither: the run
                                  * stopped before the end) */
  gboolean           retry;      /* the plans disagree: run again on the whole plan */
} Speculation;

typedef struct
{
  LikertStore               *store;
  const LikertImportPlan    *plan;
  const LikertImportOptions *options;
  LikertField              **fields;         /* the dataset's, by position */
  GHashTable               **label_choices;  /* by position, each nullable: the analyst's */
  GPtrArray                 *owned_fields;   /* when the dataset existed before */
  gint64                     dataset_id;
  gint64                     import_id;
  gboolean                   appending;
  int                        key_column;
  int                        time_column;
  GArray                    *existing;       /* Seen: the dataset's responses by hash, sorted
                                              * (the reader thread's, during the run) */
  gint64                     next_record;    /* numbers responses across the dataset's imports */
  guint                      n_records;
  guint                      n_new;
  guint                      n_duplicates;
  guint                      n_skipped;
  guint                      n_excluded;
  GString                   *skipped;        /* JSON array of the first skipped rows */
  LikertFacetCoder          *facets;
  guint                     *ratings;        /* the positions of the rating fields */
  guint                      n_ratings;
  gint64                     last_id;        /* the last response id given */
  LikertBlock                block;          /* the responses for response_block not yet
                                              * written, of one batch or more */
  sqlite3_stmt              *insert_response;
  sqlite3_stmt              *insert_text;    /* NULL when the indexer indexes */
  Indexer                   *indexer;        /* nullable */
  Speculation               *spec;           /* nullable: a speculative run's */
  Syncer                    *syncer;         /* nullable: ended by the reader, freed after the
                                              * commit */
  const LikertImportPlan    *whole;          /* a speculative run's plan of the whole file, once
                                              * it agreed: its notices go in the report */
} Runner;

static gboolean
speculation_start (Speculation               *spec,
                   const LikertImportPlan    *beginning,
                   const LikertImportOptions *options,
                   LikertCsvTokenizer        *tokenizer,
                   GError                   **error)
{
  LikertImportPlan *plan = plan_new (beginning->path);

  plan->size = beginning->size;
  plan->encoding = g_strdup (beginning->encoding);
  plan->delimiter = beginning->delimiter;
  plan->shape = likert_shape_copy (beginning->shape);
  return planner_start (&spec->planner, plan, options, tokenizer, error);
}

/* The data record the reader's tokenizer stands on, for the whole file's plan. */
static void
speculation_plan (Speculation        *spec,
                  LikertCsvTokenizer *tokenizer,
                  const char * const *fields,
                  guint               n)
{
  spec->planner.line = likert_csv_tokenizer_line (tokenizer);
  plan_record (&spec->planner, fields, n, ++spec->record);
}

/* The reader at the file's end (read_error NULL: checksum has the whole file), or stopped by
 * read_error. */
static void
speculation_end (Speculation  *spec,
                 Checksum     *checksum,
                 const GError *read_error)
{
  if (read_error != NULL)
    spec->error = g_error_copy (read_error);
  else if (planner_finish (&spec->planner, spec->record, checksum, &spec->error))
    {
      planner_clear (&spec->planner);
      spec->whole = g_steal_pointer (&spec->planner.plan);
    }
  trace ("reader: whole file planned");
}

static void
speculation_clear (Speculation *spec)
{
  if (spec->planner.plan != NULL)
    {
      planner_clear (&spec->planner);
      g_clear_pointer (&spec->planner.plan, likert_import_plan_free);
    }
  g_clear_pointer (&spec->whole, likert_import_plan_free);
  g_clear_error (&spec->error);
}

/* FNV-1a: a fast 64-bit hash to recognise responses seen in an earlier import. */
static guint64
hash64 (const char *s,
        gsize       length)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < length; i++)
    {
      h ^= (guchar) s[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

static int
compare_hashes (gconstpointer a,
                gconstpointer b)
{
  guint64 ha = *(const guint64 *) a, hb = *(const guint64 *) b;

  return ha < hb ? -1 : ha > hb;
}

/* How many responses with a hash the dataset holds and how many of them this import has met:
 * identical rows (no ID column) are as many responses as there are rows. */
typedef struct
{
  guint64 hash;
  guint   held;
  guint   met;
} Seen;

static gboolean
seen_before (Runner  *runner,
             guint64  hash)
{
  guint lo = 0, hi = runner->existing ? runner->existing->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Seen *seen = &g_array_index (runner->existing, Seen, mid);

      if (seen->hash == hash)
        {
          if (seen->met >= seen->held)
            return FALSE;
          seen->met++;
          return TRUE;
        }
      if (seen->hash < hash)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* A newer export of a survey already imported: same shape and same column names. */
static gint64
find_same_survey (Runner  *runner,
                  GError **error)
{
  const LikertImportPlan *plan = runner->plan;
  g_autoptr(GPtrArray) fields = likert_store_list_fields (runner->store, error);
  g_autoptr(GHashTable) mismatched = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  gint64 found = 0;

  if (fields == NULL)
    return -1;

  for (guint i = 0; i < fields->len; i++)
    {
      LikertField *field = g_ptr_array_index (fields, i);
      gint64 *key = g_memdup2 (&field->dataset_id, sizeof field->dataset_id);
      guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      if (field->position >= plan->n_columns ||
          g_strcmp0 (field->header, plan->fields[field->position]->header) != 0)
        g_hash_table_add (mismatched, key);
      g_hash_table_replace (counts, key, GUINT_TO_POINTER (seen + 1));
    }

  stmt = _likert_store_prepare (runner->store, "SELECT id, shape FROM dataset ORDER BY id", error);
  if (stmt == NULL)
    return -1;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *shape = (const char *) sqlite3_column_text (stmt, 1);

      if (g_strcmp0 (shape, likert_shape_kind_to_string (plan->shape->kind)) == 0 &&
          !g_hash_table_contains (mismatched, &id) &&
          GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id)) == plan->n_columns)
        found = id;
    }
  sqlite3_reset (stmt);
  return found;
}

static gboolean
load_existing (Runner  *runner,
               GError **error)
{
  g_autoptr(GPtrArray) fields = likert_store_list_fields (runner->store, error);
  g_autoptr(GArray) hashes = NULL;
  sqlite3_stmt *stmt;
  guint n = runner->plan->n_columns;

  if (fields == NULL)
    return FALSE;
  runner->owned_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  runner->fields = g_new0 (LikertField *, n);
  for (guint i = 0; i < fields->len; i++)
    {
      LikertField *field = g_ptr_array_index (fields, i);

      if (field->dataset_id != runner->dataset_id || field->position >= n)
        continue;
      runner->fields[field->position] = field;
      g_ptr_array_add (runner->owned_fields, g_ptr_array_steal_index (fields, i));
      i--;
    }

  /* What identifies a response: its key, else its whole row. */
  runner->key_column = -1;
  for (guint c = 0; c < n; c++)
    if (runner->fields[c]->role == LIKERT_ROLE_ID)
      runner->key_column = (int) c;

  hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  stmt = _likert_store_prepare (runner->store,
                                runner->key_column >= 0
                                ? "SELECT response_key FROM response WHERE dataset_id = ?"
                                : "SELECT cells FROM response WHERE dataset_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, runner->dataset_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      guint64 h = hash64 (text, (gsize) sqlite3_column_bytes (stmt, 0));

      g_array_append_val (hashes, h);
    }
  sqlite3_reset (stmt);
  g_array_sort (hashes, compare_hashes);
  runner->existing = g_array_new (FALSE, FALSE, sizeof (Seen));
  for (guint i = 0; i < hashes->len; i++)
    {
      guint64 h = g_array_index (hashes, guint64, i);

      if (i > 0 && h == g_array_index (hashes, guint64, i - 1))
        g_array_index (runner->existing, Seen, runner->existing->len - 1).held++;
      else
        {
          Seen seen = { h, 1, 0 };
          g_array_append_val (runner->existing, seen);
        }
    }

  stmt = _likert_store_prepare (runner->store,
                                "SELECT coalesce (max (record), 0) FROM response WHERE dataset_id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, runner->dataset_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    runner->next_record = sqlite3_column_int64 (stmt, 0) + 1;
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
labels_json (const LikertField *field)
{
  g_autoptr(GString) json = g_string_new ("{");
  gboolean any = FALSE;

  for (int v = field->scale_min; v <= field->scale_max && v - field->scale_min < LIKERT_MAX_SCALE; v++)
    {
      const char *label = field->labels[v - field->scale_min];
      g_autofree char *quoted = NULL;

      if (label == NULL)
        continue;
      quoted = _likert_json_string_array (&label, 1);
      /* quoted is ["…"]: keep the string between the brackets */
      g_string_append_printf (json, "%s\"%d\":%.*s", any ? "," : "", v,
                              (int) strlen (quoted) - 2, quoted + 1);
      any = TRUE;
    }
  g_string_append_c (json, '}');
  return any ? g_string_free (g_steal_pointer (&json), FALSE) : NULL;
}

static gboolean
store_dataset (Runner  *runner,
               GError **error)
{
  const LikertImportPlan *plan = runner->plan;
  g_autofree char *uuid = _likert_uuid ();
  g_autofree char *name = NULL;
  g_autofree char *dialect = NULL;
  g_autofree char *delimiter = display_delimiter (plan->delimiter);
  const char *dot = strrchr (plan->source_name, '.');
  sqlite3 *db = _likert_store_get_db (runner->store);
  sqlite3_stmt *stmt;

  name = dot ? g_strndup (plan->source_name, (gsize) (dot - plan->source_name))
             : g_strdup (plan->source_name);
  dialect = g_strdup_printf ("{\"delimiter\":\"%s\",\"header_rows\":%u}", delimiter,
                             plan->shape->header_rows);

  stmt = _likert_store_prepare (runner->store,
                                "INSERT INTO dataset (uuid, name, source_name, sha256, encoding, "
                                "dialect, shape, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plan->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, plan->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, plan->encoding, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dialect, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, likert_shape_kind_to_string (plan->shape->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  if (!_likert_store_step_done (runner->store, stmt, error))
    return FALSE;
  runner->dataset_id = sqlite3_last_insert_rowid (db);

  /* The fields: copies of the plan's, given their ids. */
  runner->owned_fields = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  runner->fields = g_new0 (LikertField *, plan->n_columns);
  runner->key_column = -1;
  for (guint c = 0; c < plan->n_columns; c++)
    {
      const LikertField *source = plan->fields[c];
      const LikertShapeColumn *column = &plan->shape->columns[c];
      LikertField *field = g_new0 (LikertField, 1);
      g_autofree char *json = NULL;

      *field = *source;
      field->header = g_strdup (source->header);
      for (guint v = 0; v < LIKERT_MAX_SCALE; v++)
        field->labels[v] = g_strdup (source->labels[v]);
      field->dataset_id = runner->dataset_id;
      runner->fields[c] = field;
      g_ptr_array_add (runner->owned_fields, field);
      if (field->role == LIKERT_ROLE_ID && runner->key_column < 0)
        runner->key_column = (int) c;

      json = labels_json (field);
      stmt = _likert_store_prepare (runner->store,
                                    "INSERT INTO field (dataset_id, position, header, role, "
                                    "scale_min, scale_max, labels, question, metadata) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, runner->dataset_id);
      sqlite3_bind_int (stmt, 2, (int) c);
      sqlite3_bind_text (stmt, 3, field->header, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, likert_role_to_string (field->role), -1, SQLITE_STATIC);
      if (field->role == LIKERT_ROLE_RATING)
        {
          sqlite3_bind_int (stmt, 5, field->scale_min);
          sqlite3_bind_int (stmt, 6, field->scale_max);
        }
      sqlite3_bind_text (stmt, 7, json, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, column->question, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, column->metadata);
      if (!_likert_store_step_done (runner->store, stmt, error))
        return FALSE;
      field->id = sqlite3_last_insert_rowid (db);
    }

  runner->next_record = 1;

  /* Label twins point at their number's field, now that it has an id. */
  for (guint c = 0; c < plan->n_columns; c++)
    {
      LikertField *field = runner->fields[c];

      if (field->role != LIKERT_ROLE_LABEL)
        continue;
      field->label_of = runner->fields[field->label_of]->id;
      stmt = _likert_store_prepare (runner->store, "UPDATE field SET label_of = ? WHERE id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, field->label_of);
      sqlite3_bind_int64 (stmt, 2, field->id);
      if (!_likert_store_step_done (runner->store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
store_import (Runner  *runner,
              GError **error)
{
  const LikertImportPlan *plan = runner->plan;
  g_autofree char *delimiter = display_delimiter (plan->delimiter);
  g_autofree char *dialect = g_strdup_printf ("{\"delimiter\":\"%s\"}", delimiter);
  sqlite3_stmt *stmt;

  stmt = _likert_store_prepare (runner->store,
                                "INSERT INTO import (dataset_id, source_name, sha256, size, "
                                "encoding, dialect, shape, header_rows, imported_at, author, "
                                "n_records, n_new, n_duplicates, n_skipped) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, runner->dataset_id);
  sqlite3_bind_text (stmt, 2, plan->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plan->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (gint64) plan->size);
  sqlite3_bind_text (stmt, 5, plan->encoding, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, dialect, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, likert_shape_kind_to_string (plan->shape->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, (int) plan->shape->header_rows);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 10, likert_default_author (), -1, SQLITE_STATIC);
  if (!_likert_store_step_done (runner->store, stmt, error))
    return FALSE;
  runner->import_id = sqlite3_last_insert_rowid (_likert_store_get_db (runner->store));
  return TRUE;
}

static gboolean
finish_import (Runner  *runner,
               GError **error)
{
  sqlite3_stmt *stmt;

  g_string_append_c (runner->skipped, ']');
  stmt = _likert_store_prepare (runner->store,
                                "UPDATE import SET n_records = ?, n_new = ?, n_duplicates = ?, "
                                "n_skipped = ?, skipped = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, runner->n_records);
  sqlite3_bind_int64 (stmt, 2, runner->n_new);
  sqlite3_bind_int64 (stmt, 3, runner->n_duplicates);
  sqlite3_bind_int64 (stmt, 4, runner->n_skipped);
  sqlite3_bind_text (stmt, 5, runner->n_skipped ? runner->skipped->str : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, runner->import_id);
  return _likert_store_step_done (runner->store, stmt, error);
}

/* What a rating cell says, on its field's scale: its own labels first (a column may number its
 * labels its own way), then the known labels and numbers. */
static LikertCellKind
rating_value (const LikertField *field,
              GHashTable        *choices,
              const char        *cell,
              int               *value)
{
  if (choices != NULL && lookup_label_choice (choices, cell, value))
    {
      if (*value != LIKERT_LABEL_MISSING)
        return LIKERT_CELL_LABEL;
      *value = 0;
      return LIKERT_CELL_MISSING;
    }
  if (!g_ascii_isdigit (cell[0]))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (cell));

      for (int i = 0; i <= field->scale_max - field->scale_min && i < LIKERT_MAX_SCALE; i++)
        if (field->labels[i] != NULL && g_utf8_collate (field->labels[i], trimmed) == 0)
          {
            *value = field->scale_min + i;
            return LIKERT_CELL_LABEL;
          }
    }
  return likert_scale_classify (cell, value, NULL);
}

/* The time in cell (column c of the tokenizer's record) in the plan's date order: what the
 * whole file's planner read of it, when it just read this record, else read now. */
static gboolean
read_time (const Runner       *runner,
           LikertCsvTokenizer *tokenizer,
           guint               c,
           const char         *cell,
           gint64             *when)
{
  const LikertDateOrder order = runner->plan->date_order;
  const RowTime *row_time = runner->spec != NULL ? &runner->spec->planner.row_time[c] : NULL;
  const guint o = order == LIKERT_DATE_ORDER_DMY ? 1 : order == LIKERT_DATE_ORDER_MDY ? 2 : 0;

  G_STATIC_ASSERT (LIKERT_DATE_ORDER_UNKNOWN != LIKERT_DATE_ORDER_DMY &&
                   LIKERT_DATE_ORDER_UNKNOWN != LIKERT_DATE_ORDER_MDY);
  /* UNKNOWN reads as YMD does: no year-last dates. */
  if (row_time != NULL && row_time->cell == cell &&
      row_time->line == likert_csv_tokenizer_line (tokenizer))
    {
      *when = row_time->when[o];
      return row_time->read[o];
    }
  return likert_scale_parse_time_with_order (cell, order, when);
}

/* Checks a record against the dataset's fields; NULL when it is good, else why not. A good
 * record's rating values are in values (by position; NO_VALUE for none) and its time in when. */
static char *
check_record (Runner              *runner,
              LikertCsvTokenizer  *tokenizer,
              const char * const  *fields,
              guint                n,
              guint               *column,
              int                 *values,
              gboolean            *has_when,
              gint64              *when)
{
  const guint n_columns = runner->plan->n_columns;

  if (n != n_columns)
    {
      *column = n > n_columns ? likert_csv_tokenizer_column (tokenizer, n_columns)
                              : likert_csv_tokenizer_end_column (tokenizer);
      return g_strdup_printf (ngettext ("this record has %u field; the header has %u",
                                        "this record has %u fields; the header has %u", n),
                              n, n_columns);
    }

  for (guint c = 0; c < n_columns; c++)
    {
      const LikertField *field = runner->fields[c];
      const char *cell = fields[c];
      int value = 0;

      values[c] = NO_VALUE;
      if (cell[0] == '\0')
        continue;
      if (field->role == LIKERT_ROLE_RATING)
        {
          LikertCellKind kind = rating_value (field, runner->label_choices[c], cell, &value);

          if (kind == LIKERT_CELL_MISSING)
            continue;
          if ((kind == LIKERT_CELL_INT || kind == LIKERT_CELL_LABEL || kind == LIKERT_CELL_MIXED) &&
              value >= field->scale_min && value <= field->scale_max)
            {
              values[c] = value;
              continue;
            }
          *column = likert_csv_tokenizer_column (tokenizer, c);
          return odd_message (kind == LIKERT_CELL_DECIMAL ? ODD_DECIMAL
                              : kind == LIKERT_CELL_TEXT ? ODD_TEXT : ODD_BIG, cell, field);
        }
      if ((int) c == runner->time_column)
        {
          if (!read_time (runner, tokenizer, c, cell, when))
            {
              *column = likert_csv_tokenizer_column (tokenizer, c);
              return odd_message (ODD_TIME, cell, field);
            }
          *has_when = TRUE;
        }
    }
  return NULL;
}

static void
note_skipped (Runner     *runner,
              guint       line,
              guint       column,
              const char *reason)
{
  g_autofree char *quoted = NULL;

  runner->n_skipped++;
  if (runner->n_skipped > SKIPPED_CAP)
    return;
  quoted = _likert_json_string_array (&reason, 1);
  g_string_append_printf (runner->skipped, "%s{\"line\":%u,\"column\":%u,\"reason\":%.*s}",
                          runner->n_skipped > 1 ? "," : "", line, column,
                          (int) strlen (quoted) - 2, quoted + 1);
}

/* The bytes of word that need an escape in JSON: a control character, a quote or a
 * backslash (likert_swar_*: the lowest one marked exactly). */
static inline guint64
escapes_in (guint64 word)
{
  return likert_swar_below (word, 0x20) | likert_swar_equal (word, '"') |
         likert_swar_equal (word, '\\');
}

/* Appends the escape of byte c to o; returns the end. */
static inline char *
json_escape (char   *o,
             guchar  c)
{
  *o++ = '\\';
  switch (c)
    {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default:
      o += g_snprintf (o, 6, "u%04x", c);
    }
  return o;
}

/* Appends s[0..length) to out as a JSON string, quotes included: the same text as
 * _likert_json_append_string () writes (earlier imports' cells are matched by their hash).
 * The reader's heaviest loop. s is a tokenizer's field, readable LIKERT_CSV_FIELD_PADDING bytes
 * past its end: it is read, and copied, eight bytes at a time, the last word's bytes past the
 * end masked off (they are higher, so a match among them cannot hide a lower one) and
 * overwritten by what follows. out must have room for 6 * length + 2 + 8 bytes. */
static gsize
json_string (char       *out,
             const char *s,
             gsize       length)
{
  char *o = out;
  gsize i = 0;

  G_STATIC_ASSERT (LIKERT_CSV_FIELD_PADDING >= 8);
  *o++ = '"';
#if LIKERT_SWAR_FIND
  while (i < length)
    {
      gsize start = i;

      for (;; i += 8)
        {
          guint64 word = likert_swar_load (s + i);
          guint64 found = escapes_in (word);

          if (i + 8 > length)
            found &= G_MAXUINT64 >> (8 * (8 - (length - i)));
          if (found != 0)
            {
              i += likert_swar_first (found);
              break;
            }
          if (i + 8 >= length)
            {
              i = length;
              break;
            }
        }
      for (gsize j = start; j < i; j += 8)
        memcpy (o + (j - start), s + j, 8);
      o += i - start;
      if (i == length)
        break;
      o = json_escape (o, (guchar) s[i++]);
    }
#else
  while (i < length)
    {
      gsize start = i;

      while (i < length && (guchar) s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
        i++;
      memcpy (o, s + start, i - start);
      o += i - start;
      if (i == length)
        break;
      o = json_escape (o, (guchar) s[i++]);
    }
#endif
  *o++ = '"';
  return (gsize) (o - out);
}

/* ---------------------------------------------------------------------------------------------
 * The run's two threads: a reader decodes, tokenizes and checks the records, leaves out those
 * an earlier import of the survey brought, and lays each new one out in a batch (its cells as
 * JSON, its text for the index, its key, its facets, its rating values; the categorical values
 * met first); the writer (the caller's thread) only runs a few statements per batch (see "A
 * batch as a table"), for SQLite is the pipeline's heaviest stage. BATCHES batches go round
 * between them (and the indexer, when there is one), so the memory held stays flat whatever
 * the file's size, and the writer never waits on parsing.
 */


typedef struct
{
  guint    line;
  gboolean has_when;
  gint64   when;
  gint64   id;          /* the response's, once written (0: not written) */
  gsize    cells;       /* offset in the batch's bytes of its cells as a JSON array */
  gsize    cells_len;
  gsize    text;        /* … of its text for the index (text_len 0: none) */
  gsize    text_len;
  gsize    key;         /* … of its response key, NUL-terminated (NO_KEY: none) */
  gsize    key_len;
  gsize    facets;      /* … of its facets (likert_facet_coder_size () bytes) */
  gsize    ratings;     /* … of its ratings (a byte per rating field) */
  gint64   record;      /* its number in the dataset, once written */
} Row;

#define NO_KEY G_MAXSIZE

typedef struct
{
  GArray   *rows;       /* Row */
  char     *bytes;      /* each row's fields (NUL-terminated, in order), cells and text */
  gsize     len;
  gsize     size;
  GArray   *new_values; /* LikertFacetValue: met first in this batch, for field_value */
  double    fraction;   /* of the file read when the batch was handed over */
  gboolean  last;       /* the reader's last batch; error set when it failed */
  GError   *error;
} Batch;

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), BATCH_ROWS);
  batch->new_values = likert_facet_values_new ();
  batch->size = BATCH_BYTES;
  batch->bytes = g_malloc (batch->size);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_array_unref (batch->rows);
  g_array_unref (batch->new_values);
  g_free (batch->bytes);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* Ready to be filled again. */
static void
batch_reset (Batch *batch)
{
  g_array_set_size (batch->rows, 0);
  g_array_set_size (batch->new_values, 0);
  batch->len = 0;
  batch->last = FALSE;
  g_clear_error (&batch->error);
}

static char *
batch_reserve (Batch *batch,
               gsize  n)
{
  if (batch->len + n > batch->size)
    {
      while (batch->len + n > batch->size)
        batch->size *= 2;
      batch->bytes = g_realloc (batch->bytes, batch->size);
    }
  return batch->bytes + batch->len;
}

/* Lays out a good record: the values check_record () read, its cells, text, key and facets.
 * FALSE, and nothing laid out, for a response an earlier import of the survey brought. */
static gboolean
batch_add (Batch              *batch,
           Runner             *runner,
           const char * const *fields,
           const gsize        *lengths,
           guint               n,
           guint               line,
           const int          *values,
           gboolean            has_when,
           gint64              when)
{
  Row row = { .line = line, .has_when = has_when, .when = when, .key = NO_KEY };
  const gsize facet_size = likert_facet_coder_size (runner->facets);
  gsize total = 0;
  char *o;

  for (guint c = 0; c < n; c++)
    total += lengths[c];

  /* cells (6 bytes per escaped byte at worst), text, key, facets, ratings */
  o = batch_reserve (batch, 8 * total + 8 * n + facet_size + runner->n_ratings + 16);
  row.cells = batch->len;
  *o++ = '[';
  for (guint c = 0; c < n; c++)
    {
      if (c > 0)
        *o++ = ',';
      o += json_string (o, fields[c], lengths[c]);
    }
  *o++ = ']';
  row.cells_len = (gsize) (o - batch->bytes) - row.cells;

  if (runner->appending &&
      seen_before (runner, runner->key_column >= 0
                           ? hash64 (fields[runner->key_column], lengths[runner->key_column])
                           : hash64 (batch->bytes + row.cells, row.cells_len)))
    {
      runner->n_duplicates++;
      return FALSE;
    }

  row.text = (gsize) (o - batch->bytes);
  for (guint c = 0; c < n; c++)
    if (runner->fields[c]->role == LIKERT_ROLE_TEXT && lengths[c] > 0)
      {
        if (o - batch->bytes > (gssize) row.text)
          *o++ = '\n';
        memcpy (o, fields[c], lengths[c]);
        o += lengths[c];
      }
  row.text_len = (gsize) (o - batch->bytes) - row.text;
  if (runner->key_column >= 0)
    {
      row.key = (gsize) (o - batch->bytes);
      row.key_len = lengths[runner->key_column];
      memcpy (o, fields[runner->key_column], lengths[runner->key_column] + 1);
      o += lengths[runner->key_column] + 1;
    }
  row.facets = (gsize) (o - batch->bytes);
  /* Cannot fail: new values are only noted, for the writer to store. */
  likert_facet_coder_encode (runner->facets, fields, lengths, n, (guint8 *) o, batch->new_values,
                             NULL);
  o += facet_size;
  /* Its ratings: each value's place on its field's scale, 0 for none (schema 5). */
  row.ratings = (gsize) (o - batch->bytes);
  for (guint r = 0; r < runner->n_ratings; r++)
    {
      const guint c = runner->ratings[r];

      *o++ = (char) likert_rating_code (values[c], runner->fields[c]->scale_min,
                                        runner->fields[c]->scale_max);
    }
  batch->len = (gsize) (o - batch->bytes);
  g_array_append_val (batch->rows, row);
  return TRUE;
}

/* The disk set to work early. A project's pages reach the disk at the commit's sync, which
 * was 250 ms of a large import's end: the pages written, and the filesystem's journal of the
 * blocks they were given. A thread of the run syncs the project (or its log) every
 * WRITEBACK_BATCHES batches and once more at the file's end, so that the disk works while the
 * reader reads and the writer writes, and SQLite's own sync at the commit finds little left
 * (1,000,000 rows: 155 → 22 ms). The last one comes when the writer has written its last
 * batch: it flushes the writer's end while the index is committed and copied. Durability is
 * SQLite's, as before: this only moves the disk's work earlier, off the threads that have
 * any. */
#define WRITEBACK_BATCHES 32

typedef enum
{
  SYNC_NOW = 1,
  SYNC_LAST,      /* sync, and end */
  SYNC_QUIT       /* end: the run failed */
} SyncOrder;

struct _Syncer
{
  int          fd;
  GThread     *thread;
  GAsyncQueue *orders;    /* SyncOrder */
  gint         pending;   /* atomic: a SYNC_NOW not yet taken (they do not pile up) */
};

static void
sync_fd (int fd)
{
#ifdef HAVE_FDATASYNC
  fdatasync (fd);
#else
  g_fsync (fd);
#endif
}

static gpointer
syncer_thread (gpointer data)
{
  Syncer *syncer = data;
  SyncOrder order;

  do
    {
      order = GPOINTER_TO_INT (g_async_queue_pop (syncer->orders));
      g_atomic_int_set (&syncer->pending, 0);
      if (order != SYNC_QUIT)
        sync_fd (syncer->fd);
    }
  while (order == SYNC_NOW);
  trace ("sync thread: done");
  return NULL;
}

/* A syncer of store's file (its log, when it has one), or NULL when it cannot be opened. */
static Syncer *
syncer_new (LikertStore *store)
{
  const char *path = likert_store_get_path (store);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  int fd = g_open (wal, O_RDONLY | O_CLOEXEC, 0);
  Syncer *syncer;

  if (fd < 0)
    fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  syncer = g_new0 (Syncer, 1);
  syncer->fd = fd;
  syncer->orders = g_async_queue_new ();
  syncer->thread = g_thread_new ("likert-import-sync", syncer_thread, syncer);
  return syncer;
}

/* Orders a sync, unless one is waiting already. */
static void
syncer_sync (Syncer *syncer)
{
  if (syncer != NULL && g_atomic_int_compare_and_exchange (&syncer->pending, 0, 1))
    g_async_queue_push (syncer->orders, GINT_TO_POINTER (SYNC_NOW));
}

/* The last order: a last sync (the writer wrote its last batch), or none. */
static void
syncer_end (Syncer  *syncer,
            gboolean sync)
{
  if (syncer != NULL)
    g_async_queue_push (syncer->orders, GINT_TO_POINTER (sync ? SYNC_LAST : SYNC_QUIT));
}

/* After syncer_end (), and after the commit: waits for the thread. */
static void
syncer_free (Syncer *syncer)
{
  if (syncer == NULL)
    return;
  g_thread_join (syncer->thread);
  g_async_queue_unref (syncer->orders);
  g_close (syncer->fd, NULL);
  g_free (syncer);
}

typedef struct
{
  Runner             *runner;
  Reader             *reader;
  LikertCsvTokenizer *tokenizer;
  GAsyncQueue        *full;      /* Batch: read, to write */
  GAsyncQueue        *empty;     /* Batch: written, to fill */
  gint                stop;      /* atomic: the writer failed, the reader stops */
} Pipeline;

/* The reader thread: every record of the file, checked against the plan; the good ones in
 * batches. Its last batch says how it ended. */
static gpointer
read_records (gpointer data)
{
  Pipeline *pipeline = data;
  Runner *runner = pipeline->runner;
  LikertCsvTokenizer *tokenizer = pipeline->tokenizer;
  const LikertImportPlan *plan = runner->plan;
  const guint first_data = plan->shape->skip_rows + plan->shape->header_rows;
  const char * const *fields;
  guint n;
  guint raw = 0;
  GError *error = NULL;
  g_autofree int *values = g_new (int, plan->n_columns);
  Batch *batch = g_async_queue_pop (pipeline->empty);
  guint n_batches = 0;
  Speculation *spec = runner->spec;
  gboolean bad_record = FALSE;

  while (!g_atomic_int_get (&pipeline->stop) &&
         likert_csv_tokenizer_next (tokenizer, &fields, &n, &error))
    {
      g_autofree char *problem = NULL;
      const char *reason = NULL;
      guint column = 1;
      gboolean has_when = FALSE;
      gint64 when = 0;

      if (raw++ < first_data || is_blank_record (fields, n))
        continue;
      runner->n_records++;
      if (spec != NULL)
        speculation_plan (spec, tokenizer, fields, n);

      /* The vendor's tests and previews are left out whatever they hold. */
      if (likert_shape_excludes (plan->shape, fields, &reason) && !runner->options->keep_excluded)
        {
          runner->n_excluded++;
          continue;
        }

      problem = check_record (runner, tokenizer, fields, n, &column, values, &has_when, &when);
      if (problem != NULL)
        {
          guint line = likert_csv_tokenizer_line (tokenizer);

          if (!runner->options->skip_bad_rows)
            {
              g_set_error (&error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS,
                           "%s:%u:%u: %s", plan->source_name, line, column, problem);
              bad_record = TRUE;
              break;
            }
          note_skipped (runner, line, column, problem);
          continue;
        }

      if (batch_add (batch, runner, fields, likert_csv_tokenizer_lengths (tokenizer), n,
                     likert_csv_tokenizer_line (tokenizer), values, has_when, when) &&
          (batch->rows->len == BATCH_ROWS || batch->len >= BATCH_BYTES))
        {
          batch->fraction = reader_fraction (pipeline->reader);
          g_async_queue_push (pipeline->full, batch);
          batch = g_async_queue_pop (pipeline->empty);
          if (++n_batches % WRITEBACK_BATCHES == 0)
            syncer_sync (runner->syncer);
        }
    }

  /* The whole file's plan, unless the writer stopped the run; after a bad record, from the rest
   * of the file, for it says which problems the file has and how many. */
  if (spec != NULL && !g_atomic_int_get (&pipeline->stop))
    {
      g_autoptr(GError) rest_error = NULL;

      if (bad_record)
        while (likert_csv_tokenizer_next (tokenizer, &fields, &n, &rest_error))
          if (!is_blank_record (fields, n))
            speculation_plan (spec, tokenizer, fields, n);
      speculation_end (spec, pipeline->reader->checksum, bad_record ? rest_error : error);
    }

  batch->fraction = reader_fraction (pipeline->reader);
  batch->last = TRUE;
  batch->error = error;
  trace ("reader: file read");
  /* One more sync as the writer ends (syncer_end () is the writer's, in run_records). */
  if (error == NULL && !g_atomic_int_get (&pipeline->stop))
    syncer_sync (runner->syncer);
  g_async_queue_push (pipeline->full, batch);
  return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * A batch as a table. One INSERT … SELECT per batch, reading the rows from an eponymous virtual
 * table, took more than a third off the writer's time (1,000,000 rows: 1.52 → 0.95 s of CPU)
 * against one INSERT per row: the statement is stepped once, its cursor on the target stays
 * open at the table's end, and no value is bound per row. The batch goes in as a pointer
 * (sqlite3_bind_pointer, typed), into the hidden column "batch" of likert_batch_responses
 * (record, line, response_key, submitted_at, cells, facets, has_text, ratings); what is the
 * same for every row (the dataset and the import) is bound to the statement instead. Only SQL
 * given directly may use it (SQLITE_VTAB_DIRECTONLY). Each response is one row of one table
 * (schema 6): a row per answer as well cost the writer a fifth more.
 *
 * Not the text: a statement that may write many rows of an FTS5 table opens a savepoint on
 * it, and FTS5 then writes its pending terms out as a new segment; one per batch made the
 * index's work half as much again. Its rows go in one statement each (insert_text).
 */

#define INSERT_TEXT "INSERT INTO response_text (rowid, text) VALUES (?, ?)"

/* Indexes the text of batch's written rows with stmt (INSERT_TEXT). A failed statement is not
 * reset (see insert_from_batch). */
static gboolean
insert_text (sqlite3_stmt *stmt,
             const Batch  *batch)
{
  for (guint i = 0; i < batch->rows->len; i++)
    {
      const Row *row = &g_array_index (batch->rows, Row, i);

      if (row->id == 0 || row->text_len == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_text (stmt, 2, batch->bytes + row->text, (int) row->text_len, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

#define BATCH_POINTER_TYPE "likert-import-batch"

/* What the statement reads: a written batch, with its rows' ids and records set. */
typedef struct
{
  const Batch  *batch;
  const Runner *runner;
  gsize         facet_size;
} BatchSource;

typedef struct
{
  sqlite3_vtab_cursor  base;
  const BatchSource   *source;
  guint                row;
} BatchCursor;

enum
{
  BATCH_RECORD,
  BATCH_LINE,
  BATCH_RESPONSE_KEY,
  BATCH_SUBMITTED_AT,
  BATCH_CELLS,
  BATCH_FACETS,
  BATCH_HAS_TEXT,
  BATCH_RATINGS,
  BATCH_BATCH       /* hidden: the batch, as a pointer */
};

static int
batch_table_connect (sqlite3             *db,
                     void                *aux,
                     int                  argc,
                     const char * const  *argv,
                     sqlite3_vtab       **vtab,
                     char               **message)
{
  sqlite3_vtab *table;
  int rc;

  rc = sqlite3_declare_vtab (db, "CREATE TABLE x (record, line, response_key, submitted_at, "
                                 "cells, facets, has_text, ratings, batch HIDDEN)");
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_vtab_config (db, SQLITE_VTAB_DIRECTONLY);
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  *vtab = table;
  return SQLITE_OK;
}

static int
batch_table_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* Only with the batch given (batch = ?): without it there is nothing to read. */
static int
batch_table_best_index (sqlite3_vtab       *vtab,
                        sqlite3_index_info *info)
{
  for (int i = 0; i < info->nConstraint; i++)
    if (info->aConstraint[i].iColumn == BATCH_BATCH &&
        info->aConstraint[i].op == SQLITE_INDEX_CONSTRAINT_EQ)
      {
        if (!info->aConstraint[i].usable)
          return SQLITE_CONSTRAINT;
        info->aConstraintUsage[i].argvIndex = 1;
        info->aConstraintUsage[i].omit = 1;
        info->estimatedCost = BATCH_ROWS;
        info->estimatedRows = BATCH_ROWS;
        return SQLITE_OK;
      }
  return SQLITE_CONSTRAINT;
}

static int
batch_cursor_open (sqlite3_vtab         *vtab,
                   sqlite3_vtab_cursor **cursor)
{
  BatchCursor *c = sqlite3_malloc (sizeof *c);

  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof *c);
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
batch_cursor_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
batch_cursor_filter (sqlite3_vtab_cursor  *cursor,
                     int                   index_number,
                     const char           *index_string,
                     int                   argc,
                     sqlite3_value       **argv)
{
  BatchCursor *c = (BatchCursor *) cursor;

  c->source = argc > 0 ? sqlite3_value_pointer (argv[0], BATCH_POINTER_TYPE) : NULL;
  c->row = 0;
  return SQLITE_OK;
}

static int
batch_cursor_next (sqlite3_vtab_cursor *cursor)
{
  ((BatchCursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
batch_cursor_eof (sqlite3_vtab_cursor *cursor)
{
  const BatchCursor *c = (const BatchCursor *) cursor;

  return c->source == NULL || c->row >= c->source->batch->rows->len;
}

static int
batch_cursor_column (sqlite3_vtab_cursor *cursor,
                     sqlite3_context     *context,
                     int                  column)
{
  const BatchCursor *c = (const BatchCursor *) cursor;
  const Runner *runner = c->source->runner;
  const Batch *batch = c->source->batch;
  const Row *row = &g_array_index (batch->rows, Row, c->row);

  switch (column)
    {
    case BATCH_RECORD: sqlite3_result_int64 (context, row->record); break;
    case BATCH_LINE: sqlite3_result_int64 (context, row->line); break;
    case BATCH_RESPONSE_KEY:
      if (row->key != NO_KEY)
        sqlite3_result_text (context, batch->bytes + row->key, (int) row->key_len, SQLITE_STATIC);
      break;
    case BATCH_SUBMITTED_AT:
      if (row->has_when)
        sqlite3_result_int64 (context, row->when);
      break;
    case BATCH_CELLS:
      sqlite3_result_text (context, batch->bytes + row->cells, (int) row->cells_len,
                           SQLITE_STATIC);
      break;
    case BATCH_FACETS:
      if (c->source->facet_size > 0)
        sqlite3_result_blob (context, batch->bytes + row->facets, (int) c->source->facet_size,
                             SQLITE_STATIC);
      break;
    case BATCH_HAS_TEXT: sqlite3_result_int (context, row->text_len > 0); break;
    case BATCH_RATINGS:
      if (runner->n_ratings > 0)
        sqlite3_result_blob (context, batch->bytes + row->ratings, (int) runner->n_ratings,
                             SQLITE_STATIC);
      break;
    default:
      break;
    }
  return SQLITE_OK;
}

static int
batch_cursor_rowid (sqlite3_vtab_cursor *cursor,
                    sqlite3_int64       *rowid)
{
  *rowid = ((const BatchCursor *) cursor)->row;
  return SQLITE_OK;
}

static const sqlite3_module batch_table_module = {
  .iVersion = 0,
  .xCreate = NULL,    /* eponymous only */
  .xConnect = batch_table_connect,
  .xBestIndex = batch_table_best_index,
  .xDisconnect = batch_table_disconnect,
  .xOpen = batch_cursor_open,
  .xClose = batch_cursor_close,
  .xFilter = batch_cursor_filter,
  .xNext = batch_cursor_next,
  .xEof = batch_cursor_eof,
  .xColumn = batch_cursor_column,
  .xRowid = batch_cursor_rowid,
};

/* Runs stmt (an INSERT … SELECT from a batch table) over source. A failed statement is not
 * reset: the caller says why while SQLite still has the reason (a full disk, say), then resets
 * it. */
static gboolean
insert_from_batch (sqlite3_stmt      *stmt,
                   const BatchSource *source)
{
  sqlite3_bind_pointer (stmt, 1, (void *) source, BATCH_POINTER_TYPE, NULL);
  sqlite3_bind_int64 (stmt, 2, source->runner->dataset_id);
  sqlite3_bind_int64 (stmt, 3, source->runner->import_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The writer's statements, prepared for this run: each writes a whole batch. OR FAIL: a
 * failing row stops the statement without undoing the batch's rows before it, which spares
 * SQLite a statement journal; the import's transaction is rolled back whole anyway. */
static gboolean
prepare_inserts (Runner  *runner,
                 GError **error)
{
  sqlite3 *db = _likert_store_get_db (runner->store);

  /* The batch table on db, for this connection's life. */
  if (sqlite3_create_module_v2 (db, "likert_batch_responses", &batch_table_module, NULL,
                                NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (db, "INSERT OR FAIL INTO response (dataset_id, import_id, record, line, "
                              "response_key, submitted_at, cells, facets, has_text, ratings) "
                              "SELECT ?2, ?3, record, line, response_key, "
                              "submitted_at, cells, facets, has_text, ratings "
                              "FROM likert_batch_responses WHERE batch = ?1",
                          -1, SQLITE_PREPARE_PERSISTENT, &runner->insert_response, NULL) != SQLITE_OK ||
      (runner->indexer == NULL &&
       sqlite3_prepare_v3 (db, INSERT_TEXT, -1, SQLITE_PREPARE_PERSISTENT, &runner->insert_text,
                           NULL) != SQLITE_OK))
    {
      _likert_store_set_error (runner->store, error, _("Could not prepare a query"));
      return FALSE;
    }
  return TRUE;
}

/* Writes source's rows with stmt (see insert_from_batch). */
static gboolean
insert_batch (LikertStore        *store,
              sqlite3_stmt       *stmt,
              const BatchSource  *source,
              GError            **error)
{
  if (!insert_from_batch (stmt, source))
    {
      _likert_store_set_error (store, error, _("Could not write to the project"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

/* The writer: a batch's responses and their text in the index (or, when an
 * indexer indexes, their ids in the batch for it). */
static gboolean
store_batch (Runner  *runner,
             Batch   *batch,
             GError **error)
{
  const BatchSource source = { batch, runner, likert_facet_coder_size (runner->facets) };

  if (!likert_facet_coder_store (runner->facets, batch->new_values, error))
    return FALSE;
  for (guint i = 0; i < batch->rows->len; i++)
    {
      Row *row = &g_array_index (batch->rows, Row, i);

      row->id = ++runner->last_id;
      row->record = runner->next_record++;
    }
  if (!insert_batch (runner->store, runner->insert_response, &source, error))
    return FALSE;
  /* SQLite gave the rows the ids given above (see run_records); were it ever otherwise, the
   * text would go to other responses: stop. */
  if (batch->rows->len > 0 &&
      sqlite3_last_insert_rowid (_likert_store_get_db (runner->store)) != runner->last_id)
    {
      g_set_error_literal (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_CORRUPT,
                           _("Could not write to the project"));
      return FALSE;
    }
  /* The frame's columns, in blocks of consecutive ids (above) that gather batches up to
   * LIKERT_BLOCK_MAX_ROWS responses: a block of one batch (~20 KB) left a third of a page
   * unused. The last block is written after the last batch (run_records). */
  for (guint i = 0; i < batch->rows->len; i++)
    {
      const Row *row = &g_array_index (batch->rows, Row, i);

      if (!_likert_block_takes (&runner->block, row->id, runner->dataset_id, source.facet_size,
                                runner->n_ratings) &&
          !_likert_store_write_block (runner->store, &runner->block, error))
        return FALSE;
      _likert_block_add (&runner->block, row->id, runner->dataset_id, row->has_when, row->when,
                         row->text_len > 0, (const guint8 *) batch->bytes + row->facets,
                         source.facet_size, (const guint8 *) batch->bytes + row->ratings,
                         runner->n_ratings);
    }
  if (runner->insert_text != NULL && !insert_text (runner->insert_text, batch))
    {
      _likert_store_set_error (runner->store, error, _("Could not write to the project"));
      sqlite3_reset (runner->insert_text);
      return FALSE;
    }
  runner->n_new += batch->rows->len;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * The index beside the writer. Its FTS5 inserts were a third of the writer's time: a survey's
 * first import into a project whose index is still empty gives them a thread and a database of
 * their own (a temporary file, without journal), fed the writer's batches once it has written
 * them and given their rows ids. The reader gets the batches back from the indexer, so memory
 * stays as flat as before. After the run, the project takes the index's tables whole, in the
 * import's transaction (_likert_store_replace_index). Other imports (a newer export of a
 * survey, an index with rows already) index each row as the writer writes it.
 */

static gint inline_index_forced;     /* atomic: _likert_import_set_inline_index () */
static gint n_parallel_indexes;      /* atomic: _likert_import_count_parallel_indexes () */
static gint index_page_limit;        /* atomic: _likert_import_set_index_page_limit () */

static void
indexer_set_error (Indexer     *indexer,
                   GError     **error,
                   const char  *what)
{
  /* Translators: the first %s is a file name, the second what failed, the third SQLite's reason */
  g_set_error (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_IO, _("%s: %s: %s"),
               indexer->path, what, sqlite3_errmsg (indexer->db));
}

static void
indexer_free (Indexer *indexer)
{
  /* run_records () joins the thread whatever happens. */
  g_assert (indexer->thread == NULL);
  g_clear_pointer (&indexer->insert, sqlite3_finalize);
  g_clear_pointer (&indexer->db, sqlite3_close);
  g_clear_pointer (&indexer->queue, g_async_queue_unref);
  if (indexer->path != NULL)
    g_remove (indexer->path);
  g_free (indexer->path);
  g_clear_error (&indexer->error);
  g_free (indexer);
}

/* The temporary database, its twin of response_text and its transaction. */
static gboolean
indexer_open (Indexer     *indexer,
              const char  *definition,
              gint64       page_size,
              GError     **error)
{
  g_autofree char *pragmas = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *tail = NULL;
  int fd;
  int rc;

  fd = g_file_open_tmp ("likert-index-XXXXXX.db", &indexer->path, error);
  if (fd < 0)
    return FALSE;
  g_close (fd, NULL);
  if (sqlite3_open_v2 (indexer->path, &indexer->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                       NULL) != SQLITE_OK)
    {
      indexer_set_error (indexer, error, _("Could not build the search index"));
      return FALSE;
    }
  sqlite3_db_config (indexer->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  /* unicode61, learnt: the same tokens, a third less of the indexer's work on text outside
   * ASCII (likert-fts-tokenizer.h). Before the table is made, which reads its tokenizer. */
  if (likert_fts_tokenizer_learn_unicode61 (indexer->db) != SQLITE_OK)
    {
      indexer_set_error (indexer, error, _("Could not build the search index"));
      return FALSE;
    }

  /* A file thrown away at the end, whatever happens: no journal, no sync. The project's page
   * size, before the first table. (A PRAGMA takes no bound value: its numbers are written in,
   * from integers.) */
  pragmas = g_strdup_printf ("PRAGMA page_size = %" G_GINT64_FORMAT ";"
                             "PRAGMA journal_mode = OFF;"
                             "PRAGMA synchronous = OFF;",
                             page_size);
  if (g_atomic_int_get (&index_page_limit) > 0)
    {
      g_autofree char *all = g_steal_pointer (&pragmas);

      pragmas = g_strdup_printf ("%sPRAGMA max_page_count = %d;", all,
                                 g_atomic_int_get (&index_page_limit));
    }
  if (sqlite3_exec (indexer->db, pragmas, NULL, NULL, NULL) != SQLITE_OK)
    {
      indexer_set_error (indexer, error, _("Could not build the search index"));
      return FALSE;
    }

  /* The project's own definition, so that the two cannot differ: one statement. */
  rc = sqlite3_prepare_v2 (indexer->db, definition, -1, &stmt, &tail);
  if (rc == SQLITE_OK && (stmt == NULL || (tail != NULL && *tail != '\0')))
    rc = SQLITE_MISUSE;
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if ((rc != SQLITE_DONE && rc != SQLITE_OK) ||
      sqlite3_exec (indexer->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v3 (indexer->db, INSERT_TEXT, -1, SQLITE_PREPARE_PERSISTENT,
                          &indexer->insert, NULL) != SQLITE_OK)
    {
      indexer_set_error (indexer, error, _("Could not build the search index"));
      return FALSE;
    }
  return TRUE;
}

/* Sets runner->indexer when this run builds its index beside the writer (its thread not yet
 * started); FALSE only when the project could not be read. */
static gboolean
open_indexer (Runner  *runner,
              GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *definition = NULL;
  gint64 page_size = 0;
  gboolean has_text = FALSE;
  Indexer *indexer;

  for (guint c = 0; c < runner->plan->n_columns; c++)
    if (runner->fields[c]->role == LIKERT_ROLE_TEXT)
      has_text = TRUE;
  /* A newer export's ids are not known before the writer has weighed each row. */
  if (runner->appending || !has_text || g_atomic_int_get (&inline_index_forced))
    return TRUE;
  if (!_likert_store_describe_empty_index (runner->store, &definition, &page_size, error))
    return FALSE;
  if (definition == NULL)
    return TRUE;

  indexer = g_new0 (Indexer, 1);
  if (!indexer_open (indexer, definition, page_size, &local_error))
    {
      /* Only slower: the writer indexes, as it does for the other imports. */
      g_debug ("The writer indexes the text: %s", local_error->message);
      indexer_free (indexer);
      return TRUE;
    }
  indexer->queue = g_async_queue_new ();
  runner->indexer = indexer;
  g_atomic_int_inc (&n_parallel_indexes);
  return TRUE;
}

static gboolean
index_batch (Indexer     *indexer,
             const Batch *batch)
{
  if (!insert_text (indexer->insert, batch))
    {
      indexer_set_error (indexer, &indexer->error, _("Could not build the search index"));
      sqlite3_reset (indexer->insert);
      return FALSE;
    }
  return TRUE;
}

/* The indexer thread: the text of every batch the writer wrote, then the commit. After a
 * failure, its own or the writer's, it only hands the batches back, to the last one. */
static gpointer
index_records (gpointer data)
{
  Indexer *indexer = data;
  gboolean ok = TRUE;
  gboolean last;

  do
    {
      Batch *batch = g_async_queue_pop (indexer->queue);

      last = batch->last;
      if (ok && !g_atomic_int_get (&indexer->stop) && !index_batch (indexer, batch))
        {
          ok = FALSE;
          g_atomic_int_set (&indexer->failed, 1);
        }
      batch_reset (batch);
      g_async_queue_push (indexer->empty, batch);
    }
  while (!last);
  trace ("indexer: last batch indexed");

  if (ok && !g_atomic_int_get (&indexer->stop) &&
      sqlite3_exec (indexer->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      indexer_set_error (indexer, &indexer->error, _("Could not build the search index"));
      g_atomic_int_set (&indexer->failed, 1);
    }
  return NULL;
}

/* After the writer's last batch: FALSE, with the indexer's reason, when it failed. Its database
 * is closed, for the project to read. */
static gboolean
join_indexer (Indexer  *indexer,
              GError  **error)
{
  g_thread_join (g_steal_pointer (&indexer->thread));
  g_clear_pointer (&indexer->insert, sqlite3_finalize);
  if (indexer->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&indexer->error));
      return FALSE;
    }
  if (sqlite3_close (indexer->db) != SQLITE_OK)
    {
      indexer_set_error (indexer, error, _("Could not build the search index"));
      return FALSE;
    }
  indexer->db = NULL;
  return TRUE;
}

static gboolean
run_records (Runner              *runner,
             Reader              *reader,
             LikertCsvTokenizer  *tokenizer,
             LikertProgressFunc   progress,
             gpointer             progress_data,
             GError             **error)
{
  Pipeline pipeline = { runner, reader, tokenizer, NULL, NULL, 0 };
  g_autoptr(GError) local_error = NULL;
  GThread *thread;
  Batch *batch;
  Indexer *indexer;
  gboolean ok;
  gboolean last;
  sqlite3_stmt *stmt;

  /* Responses get their ids here, so that a batch's text need not ask for them:
   * the ids SQLite gives them, each one past the largest in the table. The insert leaves the
   * id to SQLite, which then finds its place at the table's end without looking it up (a
   * tenth of the writer's time for 1,000,000 rows); store_batch () checks it gave these. */
  stmt = _likert_store_prepare (runner->store, "SELECT coalesce (max (id), 0) FROM response",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    runner->last_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  runner->ratings = g_new (guint, runner->plan->n_columns);
  for (guint c = 0; c < runner->plan->n_columns; c++)
    if (runner->fields[c]->role == LIKERT_ROLE_RATING)
      runner->ratings[runner->n_ratings++] = c;
  if (!open_indexer (runner, error) || !prepare_inserts (runner, error))
    return FALSE;
  indexer = runner->indexer;

  pipeline.full = g_async_queue_new ();
  pipeline.empty = g_async_queue_new_full ((GDestroyNotify) batch_free);
  for (guint i = 0; i < BATCHES; i++)
    g_async_queue_push (pipeline.empty, batch_new ());
  if (indexer != NULL)
    {
      indexer->empty = pipeline.empty;
      indexer->thread = g_thread_new ("likert-import-index", index_records, indexer);
    }
  runner->syncer = syncer_new (runner->store);
  thread = g_thread_new ("likert-import-read", read_records, &pipeline);

  /* Until the reader's last batch, even after a failure: it may be waiting for an empty one,
   * and the indexer for the last one. */
  ok = TRUE;
  do
    {
      batch = g_async_queue_pop (pipeline.full);
      last = batch->last;
      if (ok && batch->error != NULL)
        {
          local_error = g_steal_pointer (&batch->error);
          ok = FALSE;
        }
      /* The indexer failed: its reason comes with the join. */
      if (ok && indexer != NULL && g_atomic_int_get (&indexer->failed))
        ok = FALSE;
      /* Cancelled after the reader read its last bytes: the writer stops too (the reader,
       * many batches ahead, may have seen no cancellation). */
      if (ok && g_cancellable_set_error_if_cancelled (reader->cancellable, &local_error))
        ok = FALSE;
      if (ok && !store_batch (runner, batch, &local_error))
        ok = FALSE;
      if (!ok)
        {
          g_atomic_int_set (&pipeline.stop, 1);
          if (indexer != NULL)
            g_atomic_int_set (&indexer->stop, 1);
        }
      else if (progress)
        progress (batch->fraction, progress_data);

      /* Through the indexer, which hands it back to the reader; else straight back. */
      if (indexer != NULL)
        g_async_queue_push (indexer->queue, batch);
      else if (last)
        batch_free (batch);
      else
        {
          batch_reset (batch);
          g_async_queue_push (pipeline.empty, batch);
        }
    }
  while (!last);
  g_thread_join (thread);
  if (ok && !_likert_store_write_block (runner->store, &runner->block, &local_error))
    ok = FALSE;
  syncer_end (runner->syncer, ok);
  trace ("writer: last batch written, reader joined");
  if (indexer != NULL)
    {
      g_autoptr(GError) index_error = NULL;

      if (!join_indexer (indexer, &index_error) && local_error == NULL)
        {
          local_error = g_steal_pointer (&index_error);
          ok = FALSE;
        }
      trace ("indexer joined");
    }
  g_async_queue_unref (pipeline.empty);
  g_async_queue_unref (pipeline.full);

  /* Inside the import's transaction: a failure from here on rolls the whole import back. */
  if (ok && indexer != NULL && !_likert_store_replace_index (runner->store, indexer->path,
                                                             &local_error))
    ok = FALSE;
  if (indexer != NULL)
    trace ("index copied into the project");

  if (!ok)
    {
      g_assert (local_error != NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static LikertImportReport *
make_report (Runner *runner)
{
  const LikertImportPlan *plan = runner->plan;
  LikertImportReport *report = g_new0 (LikertImportReport, 1);
  const GPtrArray *notices;

  report->dataset_id = runner->dataset_id;
  report->import_id = runner->import_id;
  report->source_name = g_strdup (plan->source_name);
  report->encoding = g_strdup (plan->encoding);
  report->delimiter = plan->delimiter;
  report->shape = g_strdup (likert_shape_kind_to_string (plan->shape->kind));
  report->n_records = runner->n_records;
  report->n_new = runner->n_new;
  report->n_duplicates = runner->n_duplicates;
  report->n_skipped = runner->n_skipped;
  report->n_excluded = runner->n_excluded;
  report->n_columns = plan->n_columns;
  report->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) likert_field_free);
  for (guint c = 0; c < plan->n_columns; c++)
    {
      g_ptr_array_add (report->fields, runner->fields[c]);
      runner->fields[c] = NULL;
    }
  g_ptr_array_set_free_func (runner->owned_fields, NULL);
  report->notices = g_ptr_array_new_with_free_func (g_free);
  notices = runner->whole != NULL ? runner->whole->notices : plan->notices;
  for (guint i = 0; i < notices->len; i++)
    g_ptr_array_add (report->notices, g_strdup (g_ptr_array_index (notices, i)));
  if (runner->appending)
    {
      g_ptr_array_add (report->notices,
                       g_strdup_printf (ngettext ("This survey was imported before: %u new "
                                                  "response was added.",
                                                  "This survey was imported before: %u new "
                                                  "responses were added.", runner->n_new),
                                        runner->n_new));
      g_ptr_array_add (report->notices,
                       g_strdup_printf (ngettext ("%u response was already in the project.",
                                                  "%u responses were already in the project.",
                                                  runner->n_duplicates),
                                        runner->n_duplicates));
    }
  if (runner->n_skipped > 0)
    g_ptr_array_add (report->notices,
                     g_strdup_printf (ngettext ("%u row with problems was skipped.",
                                                "%u rows with problems were skipped.",
                                                runner->n_skipped),
                                      runner->n_skipped));
  return report;
}

static void
runner_clear (Runner *runner)
{
  _likert_block_clear (&runner->block);
  g_clear_pointer (&runner->facets, likert_facet_coder_free);
  g_clear_pointer (&runner->owned_fields, g_ptr_array_unref);
  g_free (runner->fields);
  for (guint c = 0; runner->label_choices != NULL && c < runner->plan->n_columns; c++)
    g_clear_pointer (&runner->label_choices[c], g_hash_table_unref);
  g_clear_pointer (&runner->label_choices, g_free);
  g_clear_pointer (&runner->existing, g_array_unref);
  g_clear_pointer (&runner->ratings, g_free);
  g_clear_pointer (&runner->insert_response, sqlite3_finalize);
  g_clear_pointer (&runner->insert_text, sqlite3_finalize);
  g_clear_pointer (&runner->indexer, indexer_free);
  g_clear_pointer (&runner->syncer, syncer_free);
  if (runner->skipped)
    g_string_free (runner->skipped, TRUE);
}

/* ---------------------------------------------------------------------------------------------
 * One pass instead of two. likert_import_file () plans the first SPECULATE_RECORDS records only
 * and runs the import on that plan at once; the run's reader also gives every record it reads
 * to a plan of the whole file (see Speculation), so the file is read, decoded and tokenized
 * once. Just before the commit the two plans are compared: when they agree on everything the
 * run used (roles, scales, labels, the date order, no problem anywhere), the import stands,
 * with the whole file's checksum and notices; else it is rolled back and run again on the
 * whole plan, as it always was. A file no longer than the beginning is planned whole and run
 * once.
 */

#define SPECULATE_RECORDS 20000

static gint speculate_records = SPECULATE_RECORDS;   /* atomic: _likert_import_set_speculation */

static gboolean
same_field (const LikertField *a,
            const LikertField *b)
{
  if (a->role != b->role || a->scale_min != b->scale_min || a->scale_max != b->scale_max ||
      a->label_of != b->label_of || g_strcmp0 (a->header, b->header) != 0)
    return FALSE;
  for (guint v = 0; v < LIKERT_MAX_SCALE; v++)
    if (g_strcmp0 (a->labels[v], b->labels[v]) != 0)
      return FALSE;
  return TRUE;
}

/* Whether a run on the beginning's plan wrote what a run on the whole file's would. */
static gboolean
plans_agree (const LikertImportPlan *beginning,
             const LikertImportPlan *whole)
{
  if (beginning->n_problems > 0 || whole->n_problems > 0 ||
      beginning->delimiter != whole->delimiter ||
      g_strcmp0 (beginning->encoding, whole->encoding) != 0 ||
      beginning->shape->kind != whole->shape->kind ||
      beginning->shape->header_rows != whole->shape->header_rows ||
      beginning->shape->skip_rows != whole->shape->skip_rows ||
      beginning->n_columns != whole->n_columns ||
      beginning->date_order != whole->date_order ||
      beginning->date_order_ambiguous != whole->date_order_ambiguous)
    return FALSE;
  for (guint c = 0; c < whole->n_columns; c++)
    if (!same_field (beginning->fields[c], whole->fields[c]))
      return FALSE;
  return TRUE;
}

/* Before a speculative run commits: the whole plan, and whether the run stands. FALSE with
 * error set when the whole file could not be planned (its error is the import's, as it would
 * have been), FALSE with spec->retry set when the plans disagree. When they agree, the
 * dataset and the import record get the whole file's checksum. */
static gboolean
speculation_holds (Speculation  *spec,
                   Runner       *runner,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  /* The reader read to the end: it planned the file whole, or says why it could not. */
  if (spec->whole == NULL)
    {
      g_assert (spec->error != NULL);
      g_propagate_error (error, g_steal_pointer (&spec->error));
      return FALSE;
    }
  if (!plans_agree (runner->plan, spec->whole))
    {
      spec->retry = TRUE;
      return FALSE;
    }

  runner->whole = spec->whole;
  stmt = _likert_store_prepare (runner->store, "UPDATE import SET sha256 = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, spec->whole->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, runner->import_id);
  if (!_likert_store_step_done (runner->store, stmt, error))
    return FALSE;
  if (runner->appending)
    return TRUE;
  stmt = _likert_store_prepare (runner->store, "UPDATE dataset SET sha256 = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, spec->whole->sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, runner->dataset_id);
  return _likert_store_step_done (runner->store, stmt, error);
}

void
_likert_import_set_speculation (guint records)
{
  g_atomic_int_set (&speculate_records, (gint) MIN (records, (guint) G_MAXINT));
}

static LikertImportReport *run_plan (LikertStore               *store,
                                     const LikertImportPlan    *plan,
                                     const LikertImportOptions *options,
                                     LikertProgressFunc         progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     Speculation               *spec,
                                     GError                   **error);

LikertImportReport *
likert_import_run (LikertStore               *store,
                   const LikertImportPlan    *plan,
                   const LikertImportOptions *options,
                   LikertProgressFunc         progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  return run_plan (store, plan, options, progress, progress_data, cancellable, NULL, error);
}

static LikertImportReport *
run_plan (LikertStore               *store,
          const LikertImportPlan    *plan,
          const LikertImportOptions *options,
          LikertProgressFunc         progress,
          gpointer                   progress_data,
          GCancellable              *cancellable,
          Speculation               *spec,
          GError                   **error)
{
  g_autoptr(LikertCsvTokenizer) tokenizer = NULL;
  g_autofree char *encoding = NULL;
  LikertImportOptions defaults;
  LikertImportReport *report = NULL;
  Runner runner = { 0 };
  Reader reader = { 0 };
  gboolean journal_changed = FALSE;

  _likert_block_init (&runner.block);
  if (options == NULL)
    {
      likert_import_options_init (&defaults);
      options = &defaults;
    }

  if (plan->n_problems > 0 && !options->skip_bad_rows)
    {
      const LikertImportProblem *first = g_ptr_array_index (plan->problems, 0);

      guint64 more = plan->n_problems - 1;

      if (more == 0)
        g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS, "%s:%u:%u: %s",
                     plan->source_name, first->line, first->column, first->message);
      else
        g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_PROBLEMS,
                     /* Translators: file:line:column: the first problem, then how many more */
                     ngettext ("%s:%u:%u: %s (and %lu more problem)",
                               "%s:%u:%u: %s (and %lu more problems)", (gulong) more),
                     plan->source_name, first->line, first->column, first->message,
                     (gulong) more);
      goto out;
    }

  runner.store = store;
  runner.plan = plan;
  runner.options = options;
  runner.time_column = -1;
  runner.skipped = g_string_new ("[");
  runner.label_choices = g_new0 (GHashTable *, plan->n_columns);
  for (guint c = 0; c < plan->n_columns; c++)
    runner.label_choices[c] = label_choices_new (options, plan->fields[c]->header);

  /* The same bytes as planned, in the same encoding (with their checksum for the whole
   * file's plan, when the reader makes it). */
  if (!reader_open (&reader, plan->path, plan->source_name, plan->encoding, spec != NULL,
                    &encoding, cancellable, error))
    goto out;
  tokenizer = likert_csv_tokenizer_new_streaming (reader_fill, &reader, plan->delimiter,
                                                  plan->source_name);
  if (spec != NULL && !speculation_start (spec, plan, options, tokenizer, error))
    goto out;
  runner.spec = spec;

  if (!_likert_store_begin_import (store, &journal_changed, error))
    goto out;

  runner.dataset_id = find_same_survey (&runner, error);
  if (runner.dataset_id < 0)
    goto fail;
  runner.appending = runner.dataset_id > 0;
  if (runner.appending ? !load_existing (&runner, error) : !store_dataset (&runner, error))
    goto fail;
  for (guint c = 0; c < plan->n_columns; c++)
    if (runner.fields[c]->role == LIKERT_ROLE_TIME && runner.time_column < 0)
      runner.time_column = (int) c;
  runner.facets = likert_facet_coder_new (store, runner.fields, plan->n_columns, error);
  if (runner.facets == NULL)
    goto fail;

  trace ("run: transaction begun");
  if (!store_import (&runner, error) ||
      !run_records (&runner, &reader, tokenizer, progress, progress_data, error) ||
      !finish_import (&runner, error) ||
      (spec != NULL && !speculation_holds (spec, &runner, error)))
    goto fail;
  trace ("run: import recorded, plans compared");
  if (!_likert_store_commit (store, error))
    goto fail;
  trace ("run: committed");

  _likert_store_detach_index (store);
  _likert_store_end_import (store, journal_changed);
  trace ("run: journal back to WAL");
  if (progress)
    progress (1.0, progress_data);
  report = make_report (&runner);
  goto out;

fail:
  _likert_store_rollback (store);
  _likert_store_detach_index (store);
  _likert_store_end_import (store, journal_changed);

out:
  runner_clear (&runner);
  reader_clear (&reader);
  if (options == &defaults)
    likert_import_options_clear (&defaults);
  return report;
}

typedef struct
{
  LikertProgressFunc progress;
  gpointer           progress_data;
  double             start;
  double             span;
} ProgressSpan;

static void
span_progress (double   fraction,
               gpointer user_data)
{
  ProgressSpan *span = user_data;

  span->progress (span->start + span->span * fraction, span->progress_data);
}

/* Whether a run on plan fails for its problems before it writes (see run_plan). */
static gboolean
stops_at_problems (const LikertImportPlan    *plan,
                   const LikertImportOptions *options)
{
  return plan->n_problems > 0 && (options == NULL || !options->skip_bad_rows);
}

LikertImportReport *
likert_import_file (LikertStore               *store,
                    const char                *path,
                    const LikertImportOptions *options,
                    LikertProgressFunc         progress,
                    gpointer                   progress_data,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  return likert_import_file_listing_problems (store, path, options, progress, progress_data,
                                              cancellable, NULL, error);
}

/* A project being opened on a thread of its own while the file's beginning is planned. */
typedef struct
{
  const char           *path;
  LikertStoreOpenFlags  flags;
  GThread              *thread;
  LikertStore          *store;    /* or … */
  GError               *error;    /* … why it could not be opened */
} Opening;

static gpointer
open_project (gpointer data)
{
  Opening *opening = data;

  opening->store = likert_store_open (opening->path, opening->flags, &opening->error);
  return NULL;
}

/* likert_import_file_listing_problems () into store, or into the project that opening opens
 * (store NULL), which it then waits for after planning the beginning. */
static LikertImportReport *
import_file (LikertStore               *store,
             Opening                   *opening,
             const char                *path,
             const LikertImportOptions *options,
             LikertProgressFunc         progress,
             gpointer                   progress_data,
             GCancellable              *cancellable,
             LikertImportPlan         **problems,
             GError                   **error)
{
  g_autoptr(LikertImportPlan) plan = NULL;
  g_autoptr(GError) run_error = NULL;
  g_autoptr(GError) plan_error = NULL;
  Speculation spec = { 0 };
  ProgressSpan span = { progress, progress_data, 0, 0.05 };
  LikertImportReport *report;
  gboolean complete;

  if (problems != NULL)
    *problems = NULL;

  trace ("import: start");
  plan = plan_file (path, options, (guint64) g_atomic_int_get (&speculate_records), &complete,
                    progress ? span_progress : NULL, &span, cancellable, &plan_error);
  /* A project that cannot be opened says so first, as when it was opened before planning. */
  if (opening != NULL)
    {
      g_thread_join (g_steal_pointer (&opening->thread));
      if (opening->store == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&opening->error));
          return NULL;
        }
      store = opening->store;
    }
  if (plan == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&plan_error));
      return NULL;
    }
  trace ("import: beginning planned");
  span.start = 0.05;
  span.span = 0.95;

  /* Problems at the beginning: the whole file's plan says which, and how many. */
  if (complete || plan->n_problems > 0)
    {
      if (!complete)
        {
          g_clear_pointer (&plan, likert_import_plan_free);
          plan = likert_import_plan_file (path, options, NULL, NULL, cancellable, error);
          if (plan == NULL)
            return NULL;
        }
      report = run_plan (store, plan, options, progress ? span_progress : NULL, &span,
                         cancellable, NULL, error);
      if (report == NULL && problems != NULL && stops_at_problems (plan, options))
        *problems = g_steal_pointer (&plan);
      return report;
    }

  report = run_plan (store, plan, options, progress ? span_progress : NULL, &span, cancellable,
                     &spec, &run_error);

  /* A run that failed before the plans were compared: the failure of the whole plan is the
   * import's (as it was when the plan came first), and a disagreement means the run failed
   * for reading the file the wrong way. */
  if (report == NULL && !spec.retry && run_error != NULL && spec.whole != NULL &&
      !plans_agree (plan, spec.whole))
    {
      g_clear_error (&run_error);
      spec.retry = TRUE;
    }
  else if (report == NULL && spec.whole == NULL && spec.error != NULL)
    {
      g_clear_error (&run_error);
      run_error = g_steal_pointer (&spec.error);
    }

  if (spec.retry)
    {
      report = run_plan (store, spec.whole, options, progress ? span_progress : NULL, &span,
                         cancellable, NULL, &run_error);
      if (report == NULL && problems != NULL && stops_at_problems (spec.whole, options))
        *problems = g_steal_pointer (&spec.whole);
    }
  if (report == NULL)
    g_propagate_error (error, g_steal_pointer (&run_error));

  speculation_clear (&spec);
  return report;
}

LikertImportReport *
likert_import_file_listing_problems (LikertStore               *store,
                                     const char                *path,
                                     const LikertImportOptions *options,
                                     LikertProgressFunc         progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     LikertImportPlan         **problems,
                                     GError                   **error)
{
  g_return_val_if_fail (LIKERT_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return import_file (store, NULL, path, options, progress, progress_data, cancellable,
                      problems, error);
}

LikertImportReport *
likert_import_file_into (const char                *project_path,
                         LikertStoreOpenFlags       flags,
                         const char                *path,
                         const LikertImportOptions *options,
                         LikertProgressFunc         progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         LikertImportPlan         **problems,
                         GError                   **error)
{
  Opening opening = { project_path, flags, NULL, NULL, NULL };
  LikertImportReport *report;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* Opening a project (creating it, or checking one not remembered as sound) and planning the
   * beginning of the file need nothing of each other: they overlap. */
  opening.thread = g_thread_new ("likert-import-open", open_project, &opening);
  report = import_file (NULL, &opening, path, options, progress, progress_data, cancellable,
                        problems, error);
  g_clear_object (&opening.store);
  g_clear_error (&opening.error);
  return report;
}

/* ---------------------------------------------------------------------------------------------
 * Options, results
 */

void
likert_import_options_init (LikertImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->shape = LIKERT_SHAPE_AUTO;
  options->header_rows = -1;
  options->date_order = LIKERT_DATE_ORDER_UNKNOWN;
}

static void
rating_choice_free (LikertRatingChoice *choice)
{
  g_free (choice->column);
  g_free (choice);
}

void
likert_import_options_clear (LikertImportOptions *options)
{
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->ratings, g_ptr_array_unref);
  g_clear_pointer (&options->roles, g_ptr_array_unref);
  g_clear_pointer (&options->labels, g_ptr_array_unref);
}

static void
role_choice_free (LikertRoleChoice *choice)
{
  g_free (choice->column);
  g_free (choice);
}

static void
label_choice_free (LikertLabelChoice *choice)
{
  g_free (choice->column);
  g_free (choice->label);
  g_free (choice);
}

gboolean
likert_import_options_add_role (LikertImportOptions  *options,
                                const char           *spec,
                                GError              **error)
{
  static const LikertRole roles[] = {
    LIKERT_ROLE_ID, LIKERT_ROLE_TIME, LIKERT_ROLE_RATING, LIKERT_ROLE_TEXT, LIKERT_ROLE_CATEGORY,
    LIKERT_ROLE_OTHER,
  };
  const char *equals;
  g_autofree char *column = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  equals = strrchr (spec, '=');
  if (equals != NULL && equals > spec)
    {
      column = g_strndup (spec, (gsize) (equals - spec));
      name = g_strstrip (g_ascii_strdown (equals + 1, -1));
      for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
        if (g_str_equal (name, likert_role_to_string (roles[i])))
          {
            likert_import_options_set_role (options, column, roles[i]);
            return TRUE;
          }
    }
  g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION,
               /* Translators: %s is what the user wrote; do not translate the role names */
               _("“%s”: a role is written COLUMN=ROLE, the role one of id, time, rating, text, "
                 "category or other"),
               spec);
  return FALSE;
}

void
likert_import_options_set_role (LikertImportOptions *options,
                                const char          *column,
                                LikertRole           role)
{
  LikertRoleChoice *choice;

  g_return_if_fail (options != NULL);
  g_return_if_fail (column != NULL);

  for (guint i = 0; options->roles != NULL && i < options->roles->len; i++)
    {
      choice = g_ptr_array_index (options->roles, i);
      if (g_str_equal (choice->column, column))
        {
          choice->role = role;
          return;
        }
    }
  choice = g_new0 (LikertRoleChoice, 1);
  choice->column = g_strdup (column);
  choice->role = role;
  if (options->roles == NULL)
    options->roles = g_ptr_array_new_with_free_func ((GDestroyNotify) role_choice_free);
  g_ptr_array_add (options->roles, choice);
}

void
likert_import_options_set_label (LikertImportOptions *options,
                                 const char          *column,
                                 const char          *label,
                                 int                  value)
{
  LikertLabelChoice *choice;

  g_return_if_fail (options != NULL);
  g_return_if_fail (column != NULL);
  g_return_if_fail (label != NULL);
  g_return_if_fail (value == LIKERT_LABEL_MISSING || (value >= 0 && value < LIKERT_MAX_SCALE));

  for (guint i = 0; options->labels != NULL && i < options->labels->len; i++)
    {
      choice = g_ptr_array_index (options->labels, i);
      if (g_str_equal (choice->column, column) && g_str_equal (choice->label, label))
        {
          choice->value = value;
          return;
        }
    }
  choice = g_new0 (LikertLabelChoice, 1);
  choice->column = g_strdup (column);
  choice->label = g_strdup (label);
  choice->value = value;
  if (options->labels == NULL)
    options->labels = g_ptr_array_new_with_free_func ((GDestroyNotify) label_choice_free);
  g_ptr_array_add (options->labels, choice);
}

gboolean
likert_import_options_add_rating (LikertImportOptions  *options,
                                  const char           *spec,
                                  GError              **error)
{
  LikertRatingChoice *choice = g_new0 (LikertRatingChoice, 1);
  const char *colon = strrchr (spec, ':');
  g_autoptr(GRegex) scale = g_regex_new ("^\\s*(\\d{1,2})\\s*-\\s*(\\d{1,2})\\s*$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  /* "COLUMN:MIN-MAX" only when what follows the last colon is a range: column names may hold
   * colons of their own ("Q1: How satisfied?"). */
  if (colon != NULL && g_regex_match (scale, colon + 1, 0, &match))
    {
      g_autofree char *lo_text = g_match_info_fetch (match, 1);
      g_autofree char *hi_text = g_match_info_fetch (match, 2);
      int lo = atoi (lo_text), hi = atoi (hi_text);

      if (hi > 10 || hi <= lo)
        {
          g_set_error (error, LIKERT_IMPORT_ERROR, LIKERT_IMPORT_ERROR_OPTION,
                       /* Translators: %s is what the user wrote */
                       _("“%s”: a rating scale is written MIN-MAX, from 0 to 10 (as in 1-5)"),
                       spec);
          g_free (choice);
          return FALSE;
        }
      choice->scale_min = lo;
      choice->scale_max = hi;
      choice->column = g_strndup (spec, (gsize) (colon - spec));
    }
  else
    choice->column = g_strdup (spec);

  if (options->ratings == NULL)
    options->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_choice_free);
  g_ptr_array_add (options->ratings, choice);
  return TRUE;
}

void
likert_import_problem_free (LikertImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->value);
  g_free (problem->message);
  g_free (problem);
}

void
likert_import_report_free (LikertImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->source_name);
  g_free (report->encoding);
  g_free (report->shape);
  g_clear_pointer (&report->fields, g_ptr_array_unref);
  g_clear_pointer (&report->notices, g_ptr_array_unref);
  g_free (report);
}

/* ---------------------------------------------------------------------------------------------
 * On worker threads
 */

typedef struct
{
  char                *project_path;
  char                *path;
  LikertImportPlan    *plan;
  LikertImportOptions  options;
  LikertProgress      *progress;
} ImportTask;

static void
import_task_free (ImportTask *data)
{
  g_free (data->project_path);
  g_free (data->path);
  g_clear_pointer (&data->plan, likert_import_plan_free);
  likert_import_options_clear (&data->options);
  likert_progress_free (data->progress);
  g_free (data);
}

static void
copy_options (LikertImportOptions       *to,
              const LikertImportOptions *from)
{
  likert_import_options_init (to);
  if (from == NULL)
    return;
  *to = *from;
  to->encoding = g_strdup (from->encoding);
  to->ratings = NULL;
  for (guint i = 0; from->ratings != NULL && i < from->ratings->len; i++)
    {
      const LikertRatingChoice *choice = g_ptr_array_index (from->ratings, i);
      LikertRatingChoice *copy = g_new0 (LikertRatingChoice, 1);

      *copy = *choice;
      copy->column = g_strdup (choice->column);
      if (to->ratings == NULL)
        to->ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_choice_free);
      g_ptr_array_add (to->ratings, copy);
    }
  to->roles = NULL;
  for (guint i = 0; from->roles != NULL && i < from->roles->len; i++)
    {
      const LikertRoleChoice *choice = g_ptr_array_index (from->roles, i);

      likert_import_options_set_role (to, choice->column, choice->role);
    }
  to->labels = NULL;
  for (guint i = 0; from->labels != NULL && i < from->labels->len; i++)
    {
      const LikertLabelChoice *choice = g_ptr_array_index (from->labels, i);

      likert_import_options_set_label (to, choice->column, choice->label, choice->value);
    }
}

void
likert_import_options_copy (LikertImportOptions       *to,
                            const LikertImportOptions *from)
{
  g_return_if_fail (to != NULL);
  copy_options (to, from);
}

LikertCellKind
likert_import_plan_read_rating (const LikertImportPlan    *plan,
                                const LikertImportOptions *options,
                                guint                      column,
                                const char                *cell,
                                int                       *value)
{
  g_autoptr(GHashTable) choices = NULL;
  LikertCellKind kind;
  int read = 0;

  g_return_val_if_fail (plan != NULL, LIKERT_CELL_TEXT);
  g_return_val_if_fail (column < plan->n_columns, LIKERT_CELL_TEXT);
  g_return_val_if_fail (cell != NULL, LIKERT_CELL_TEXT);

  if (options != NULL)
    choices = label_choices_new (options, plan->fields[column]->header);
  kind = rating_value (plan->fields[column], choices, cell, &read);
  if (value != NULL)
    *value = read;
  return kind;
}

static GTask *
import_task_new (const char                *project_path,
                 const char                *path,
                 LikertImportPlan          *plan,
                 const LikertImportOptions *options,
                 LikertProgressFunc         progress,
                 gpointer                   progress_data,
                 GCancellable              *cancellable,
                 GAsyncReadyCallback        callback,
                 gpointer                   user_data,
                 gpointer                   source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ImportTask *data = g_new0 (ImportTask, 1);

  data->project_path = g_strdup (project_path);
  data->path = g_strdup (path);
  data->plan = plan;
  copy_options (&data->options, options);
  if (progress)
    data->progress = likert_progress_new (NULL, progress, progress_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[likert] import");
  g_task_set_task_data (task, data, (GDestroyNotify) import_task_free);
  return task;
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportTask *data = task_data;
  GError *error = NULL;
  LikertImportPlan *plan;

  plan = likert_import_plan_file (data->path, &data->options,
                                  data->progress ? likert_progress_forward : NULL, data->progress,
                                  cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) likert_import_plan_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportTask *data = task_data;
  g_autoptr(LikertStore) store = NULL;
  GError *error = NULL;
  LikertImportReport *report = NULL;

  store = likert_store_open (data->project_path, LIKERT_STORE_OPEN_CREATE, &error);
  if (store != NULL && data->plan != NULL)
    report = likert_import_run (store, data->plan, &data->options,
                                data->progress ? likert_progress_forward : NULL, data->progress,
                                cancellable, &error);
  else if (store != NULL)
    report = likert_import_file (store, data->path, &data->options,
                                 data->progress ? likert_progress_forward : NULL, data->progress,
                                 cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) likert_import_report_free);
}

void
likert_import_plan_async (const char                *path,
                          const LikertImportOptions *options,
                          LikertProgressFunc         progress,
                          gpointer                   progress_data,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = import_task_new (NULL, path, NULL, options, progress, progress_data,
                                           cancellable, callback, user_data,
                                           likert_import_plan_async);
  g_task_run_in_thread (task, plan_thread);
}

LikertImportPlan *
likert_import_plan_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Takes plan (the run owns it from here). */
void
likert_import_run_async (const char                *project_path,
                         LikertImportPlan          *plan,
                         const LikertImportOptions *options,
                         LikertProgressFunc         progress,
                         gpointer                   progress_data,
                         GCancellable              *cancellable,
                         GAsyncReadyCallback        callback,
                         gpointer                   user_data)
{
  g_autoptr(GTask) task = import_task_new (project_path, plan->path, plan, options, progress,
                                           progress_data, cancellable, callback, user_data,
                                           likert_import_run_async);
  g_task_run_in_thread (task, run_thread);
}

LikertImportReport *
likert_import_run_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
likert_import_file_async (const char          *project_path,
                          const char          *path,
                          LikertProgressFunc   progress,
                          gpointer             progress_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = import_task_new (project_path, path, NULL, NULL, progress,
                                           progress_data, cancellable, callback, user_data,
                                           likert_import_file_async);
  g_task_run_in_thread (task, run_thread);
}

LikertImportReport *
likert_import_file_finish (GAsyncResult  *result,
                           GError       **error)
{
  return likert_import_run_finish (result, error);
}

/* ---------------------------------------------------------------------------------------------
 * For tests
 */

void
_likert_import_set_inline_index (gboolean inline_index)
{
  g_atomic_int_set (&inline_index_forced, inline_index != FALSE);
}

guint
_likert_import_count_parallel_indexes (void)
{
  return (guint) g_atomic_int_get (&n_parallel_indexes);
}

void
_likert_import_set_index_page_limit (guint pages)
{
  g_atomic_int_set (&index_page_limit, (gint) MIN (pages, (guint) G_MAXINT));
}
