/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-stats-csv"

#include "config.h"

#include <math.h>
#include <string.h>

#include "likert-stats-csv.h"
#include "likert-stats.h"

/* A value of the segment field and the statistics of the selected rows that have it. */
typedef struct
{
  const char  *value;
  LikertStats  stats;
} Segment;

/* Helpers */

/* A field of RFC 4180 CSV and its separator: quoted when it holds a separator, a quote or a
 * line break. */
static void
csv_field (GString    *line,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    g_string_append (line, text);
  else
    {
      g_string_append_c (line, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (line, '"');
          g_string_append_c (line, *p);
        }
      g_string_append_c (line, '"');
    }
  g_string_append_c (line, ',');
}

/* A number whatever the locale: the shortest text of up to 17 digits that reads back the same
 * (0.6125, not 0.61250000000000004); empty for NAN. */
static void
csv_double (GString *line,
            double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      csv_field (line, "");
      return;
    }
  for (int digits = 15; digits < 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        {
          csv_field (line, buffer);
          return;
        }
    }
  csv_field (line, g_ascii_dtostr (buffer, sizeof buffer, value));
}

static void
csv_count (GString *line,
           guint64  value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GUINT64_FORMAT, value);
  csv_field (line, buffer);
}

static void
csv_stats_line (GString           *out,
                const char        *question,
                const char        *segment,
                const LikertStats *stats)
{
  gsize start = out->len;

  csv_field (out, question);
  csv_field (out, segment);
  csv_count (out, stats->n);
  csv_count (out, stats->missing);
  csv_double (out, stats->mean);
  csv_double (out, stats->ci95_low);
  csv_double (out, stats->ci95_high);
  csv_double (out, stats->median);
  csv_double (out, stats->sd);
  csv_double (out, stats->top2box);
  csv_double (out, stats->top2box_low);
  csv_double (out, stats->top2box_high);
  csv_double (out, stats->nps);
  g_assert (out->len > start);
  g_string_truncate (out, out->len - 1);   /* the last separator */
  g_string_append (out, "\r\n");
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *sa = a;
  const Segment *sb = b;

  if (sa->stats.n != sb->stats.n)
    return sa->stats.n < sb->stats.n ? 1 : -1;
  return strcmp (sa->value, sb->value);
}

/* Public API */

char *
likert_stats_csv (LikertFrame   *frame,
                  const guint64 *selected,
                  const guint   *questions,
                  guint          n_questions,
                  gint           segment)
{
  GString *out = g_string_new ("question,segment,n,missing,mean,ci_low,ci_high,median,sd,"
                               "top2box,top2box_low,top2box_high,nps\r\n");

  g_return_val_if_fail (frame != NULL, g_string_free (out, FALSE));
  g_return_val_if_fail (questions != NULL || n_questions == 0, g_string_free (out, FALSE));

  if (segment >= 0 && (guint) segment >= likert_frame_get_n_categories (frame))
    segment = -1;
  for (guint i = 0; i < n_questions; i++)
    {
      const LikertField *field;

      if (questions[i] >= likert_frame_get_n_questions (frame))
        continue;
      field = likert_frame_get_question (frame, questions[i]);
      if (segment >= 0)
        {
          guint n_values = likert_frame_get_n_category_values (frame, (guint) segment);
          g_autofree LikertStats *stats = g_new0 (LikertStats, MAX (n_values, 1));
          g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));

          likert_frame_compute_segment_stats (frame, questions[i], (guint) segment, selected,
                                              stats);
          for (guint code = 0; code < n_values; code++)
            if (stats[code].n + stats[code].missing > 0)
              {
                Segment row;

                row.value = likert_frame_get_category_value (frame, (guint) segment, code);
                row.stats = stats[code];
                g_array_append_val (segments, row);
              }
          g_array_sort (segments, compare_segments);
          for (guint j = 0; j < segments->len; j++)
            csv_stats_line (out, field->header, g_array_index (segments, Segment, j).value,
                            &g_array_index (segments, Segment, j).stats);
        }
      else
        {
          LikertStats stats;

          likert_frame_compute_stats (frame, questions[i], selected, &stats);
          csv_stats_line (out, field->header, "", &stats);
        }
    }
  return g_string_free (out, FALSE);
}
