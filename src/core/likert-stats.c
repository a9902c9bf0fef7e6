/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "likert-stats.h"

/* A question with fewer answers than this is flagged as a small sample in the UI and the CLI. */
#define SMALL_N 30

/* Scales with fewer points than this have no room for a "top 2" that differs from half the
 * scale: 1–3 would put 2 of 3 points in the top box. There top2box / bottom2box count only the
 * single highest / lowest value (top-1 / bottom-1 box). */
#define MIN_POINTS_FOR_TWO_BOX 4

static void
stats_reset (LikertStats *stats,
             int          scale_min,
             int          scale_max,
             guint64      missing)
{
  memset (stats, 0, sizeof *stats);
  stats->scale_min = scale_min;
  stats->scale_max = scale_max;
  stats->missing = missing;
  stats->mean = NAN;
  stats->median = NAN;
  stats->sd = NAN;
  stats->se = NAN;
  stats->ci95_low = NAN;
  stats->ci95_high = NAN;
  stats->top2box = NAN;
  stats->bottom2box = NAN;
  stats->nps = NAN;
}

static gboolean
scale_is_valid (int scale_min,
                int scale_max)
{
  return scale_max >= scale_min && scale_max - scale_min < LIKERT_MAX_SCALE;
}

/* The scale value at 0-based rank `rank` of the sorted answers. */
static int
value_at_rank (const LikertStats *stats,
               guint64            rank)
{
  guint n_points = (guint) (stats->scale_max - stats->scale_min + 1);
  guint64 seen = 0;

  for (guint i = 0; i < n_points; i++)
    {
      seen += stats->counts[i];
      if (rank < seen)
        return stats->scale_min + (int) i;
    }

  g_assert_not_reached ();
  return stats->scale_max;
}

/* Counts the codes of rows[start, start + 64) whose bits are set in word. */
static inline void
count_word (guint64       *histogram,
            const guint8  *codes,
            gsize          start,
            guint64        word)
{
  if (word == G_MAXUINT64)
    {
      for (gsize j = 0; j < 64; j++)
        histogram[codes[start + j]]++;
      return;
    }

  while (word != 0)
    {
#if defined(__GNUC__) || defined(__clang__)
      guint bit = (guint) __builtin_ctzll (word);
#else
      guint bit = 0;

      while (((word >> bit) & 1) == 0)
        bit++;
#endif
      histogram[codes[start + bit]]++;
      word &= word - 1;
    }
}

void
likert_stats_from_counts (LikertStats   *stats,
                          int            scale_min,
                          int            scale_max,
                          const guint64 *counts,
                          guint64        missing)
{
  guint n_points;
  guint box;
  guint64 n = 0;
  guint64 top = 0;
  guint64 bottom = 0;
  double sum = 0.0;
  double sum_sq = 0.0;

  g_return_if_fail (stats != NULL);

  stats_reset (stats, scale_min, scale_max, missing);

  g_return_if_fail (scale_is_valid (scale_min, scale_max));
  g_return_if_fail (counts != NULL);

  n_points = (guint) (scale_max - scale_min + 1);
  for (guint i = 0; i < n_points; i++)
    {
      stats->counts[i] = counts[i];
      n += counts[i];
    }
  stats->n = n;

  if (n == 0)
    return;

  /* Mean first, then squared deviations from it: the two-pass formula stays accurate where the
   * one-pass Σx² − n·x̄² would cancel away digits at millions of answers. */
  for (guint i = 0; i < n_points; i++)
    sum += (double) counts[i] * (scale_min + (int) i);
  stats->mean = sum / (double) n;

  for (guint i = 0; i < n_points; i++)
    {
      double d = (scale_min + (int) i) - stats->mean;

      sum_sq += (double) counts[i] * d * d;
    }

  /* Odd n: the middle answer; even n: the average of the two middle answers. */
  stats->median = (value_at_rank (stats, (n - 1) / 2) + value_at_rank (stats, n / 2)) / 2.0;

  box = n_points >= MIN_POINTS_FOR_TWO_BOX ? 2 : 1;
  for (guint i = 0; i < box; i++)
    {
      bottom += counts[i];
      top += counts[n_points - 1 - i];
    }
  stats->top2box = (double) top / (double) n;
  stats->bottom2box = (double) bottom / (double) n;

  if (scale_min == 0 && scale_max == 10)
    {
      guint64 promoters = counts[9] + counts[10];
      guint64 detractors = 0;

      for (guint i = 0; i <= 6; i++)
        detractors += counts[i];

      stats->nps = 100.0 * ((double) promoters - (double) detractors) / (double) n;
    }

  if (n >= 2)
    {
      double t = gsl_cdf_tdist_Pinv (0.975, (double) (n - 1));

      stats->sd = sqrt (sum_sq / (double) (n - 1));
      stats->se = stats->sd / sqrt ((double) n);
      stats->ci95_low = stats->mean - t * stats->se;
      stats->ci95_high = stats->mean + t * stats->se;
    }
}

void
likert_stats_compute (LikertStats   *stats,
                      int            scale_min,
                      int            scale_max,
                      const guint8  *codes,
                      gsize          n_rows,
                      const guint64 *filter)
{
  guint64 histogram[256] = { 0 };
  guint64 counts[LIKERT_MAX_SCALE] = { 0 };
  guint64 missing = 0;
  guint n_points;

  g_return_if_fail (stats != NULL);

  stats_reset (stats, scale_min, scale_max, 0);

  g_return_if_fail (scale_is_valid (scale_min, scale_max));
  g_return_if_fail (codes != NULL || n_rows == 0);

  /* One pass over the codes into a 256-bin histogram; sorting the bins into scale values and
   * "missing" afterwards keeps the loop over a million rows free of branches. */
  if (filter == NULL)
    {
      for (gsize i = 0; i < n_rows; i++)
        histogram[codes[i]]++;
    }
  else
    {
      gsize n_full = n_rows / 64;
      gsize rest = n_rows % 64;

      for (gsize w = 0; w < n_full; w++)
        {
          if (filter[w] != 0)
            count_word (histogram, codes, w * 64, filter[w]);
        }

      /* Bits past n_rows in the last word are ignored. */
      if (rest > 0)
        {
          guint64 mask = (G_GUINT64_CONSTANT (1) << rest) - 1;

          count_word (histogram, codes, n_full * 64, filter[n_full] & mask);
        }
    }

  n_points = (guint) (scale_max - scale_min + 1);
  for (guint code = 0; code < G_N_ELEMENTS (histogram); code++)
    {
      /* Code 0 is no answer; codes past the scale are treated the same way. */
      if (code >= 1 && code <= n_points)
        counts[code - 1] = histogram[code];
      else
        missing += histogram[code];
    }

  likert_stats_from_counts (stats, scale_min, scale_max, counts, missing);
}

gboolean
likert_stats_small_n (const LikertStats *stats)
{
  g_return_val_if_fail (stats != NULL, FALSE);

  return stats->n < SMALL_N;
}
