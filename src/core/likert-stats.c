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

/* The intervals stored in LikertStats are 95 % ones: 0.975 is the upper quantile of the normal
 * or t distribution that they use. */
#define CONFIDENCE 0.95
#define CONFIDENCE_QUANTILE 0.975

/* Below this expected count a cell makes the χ² approximation doubtful (Cochran's rule). */
#define MIN_EXPECTED 5.0

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
  stats->top2box_low = NAN;
  stats->top2box_high = NAN;
  stats->nps_low = NAN;
  stats->nps_high = NAN;
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

/* The row and column totals of table, and how many of each are not zero. */
static guint64
table_margins (const guint64 *table,
               guint          n_segments,
               guint          n_points,
               guint64       *row_totals,
               guint64       *col_totals,
               guint         *n_rows,
               guint         *n_cols)
{
  guint64 total = 0;

  *n_rows = 0;
  *n_cols = 0;

  for (guint s = 0; s < n_segments; s++)
    {
      row_totals[s] = 0;
      for (guint v = 0; v < n_points; v++)
        row_totals[s] += table[(gsize) s * n_points + v];
      total += row_totals[s];
      if (row_totals[s] > 0)
        (*n_rows)++;
    }

  for (guint v = 0; v < n_points; v++)
    {
      col_totals[v] = 0;
      for (guint s = 0; s < n_segments; s++)
        col_totals[v] += table[(gsize) s * n_points + v];
      if (col_totals[v] > 0)
        (*n_cols)++;
    }

  return total;
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
  /* On 1–5 this is also CSAT, the share of 4s and 5s; on 1–7 the 6s and 7s, on 0–10 the 9s and
   * 10s. */
  stats->top2box = (double) top / (double) n;
  stats->bottom2box = (double) bottom / (double) n;
  likert_wilson_interval (top, n, CONFIDENCE, &stats->top2box_low, &stats->top2box_high);

  if (scale_min == 0 && scale_max == 10)
    {
      double p_promoters;
      double p_detractors;
      double variance;
      double half;

      stats->promoters = counts[9] + counts[10];
      stats->passives = counts[7] + counts[8];
      for (guint i = 0; i <= 6; i++)
        stats->detractors += counts[i];

      p_promoters = (double) stats->promoters / (double) n;
      p_detractors = (double) stats->detractors / (double) n;
      stats->nps = 100.0 * (p_promoters - p_detractors);

      /* NPS / 100 = p_P − p_D, a difference of two shares of one multinomial sample:
       * Var = (p_P (1 − p_P) + p_D (1 − p_D) + 2 p_P p_D) / n, the covariance term being
       * −p_P p_D / n. A normal interval on it, clamped to the range NPS can take. */
      variance = (p_promoters * (1.0 - p_promoters) + p_detractors * (1.0 - p_detractors)
                  + 2.0 * p_promoters * p_detractors) / (double) n;
      half = gsl_cdf_ugaussian_Pinv (CONFIDENCE_QUANTILE) * 100.0 * sqrt (variance);
      stats->nps_low = CLAMP (stats->nps - half, -100.0, 100.0);
      stats->nps_high = CLAMP (stats->nps + half, -100.0, 100.0);
    }

  if (n >= 2)
    {
      double t = gsl_cdf_tdist_Pinv (CONFIDENCE_QUANTILE, (double) (n - 1));

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

void
likert_wilson_interval (guint64  successes,
                        guint64  n,
                        double   confidence,
                        double  *low,
                        double  *high)
{
  double z;
  double z2;
  double p;
  double denominator;
  double centre;
  double half;

  g_return_if_fail (low != NULL);
  g_return_if_fail (high != NULL);

  *low = NAN;
  *high = NAN;

  g_return_if_fail (successes <= n);
  g_return_if_fail (confidence > 0.0 && confidence < 1.0);

  if (n == 0)
    return;

  /* Wilson (1927): the proportions π that a score test of p̂ = π would not reject,
   *   (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). */
  z = gsl_cdf_ugaussian_Pinv (0.5 + confidence / 2.0);
  z2 = z * z;
  p = (double) successes / (double) n;
  denominator = 1.0 + z2 / (double) n;
  centre = (p + z2 / (2.0 * (double) n)) / denominator;
  half = z / denominator * sqrt (p * (1.0 - p) / (double) n + z2 / (4.0 * (double) n * (double) n));

  /* At p̂ = 0 and p̂ = 1 the bounds are exactly 0 and 1; rounding must not move them off. */
  *low = successes == 0 ? 0.0 : CLAMP (centre - half, 0.0, 1.0);
  *high = successes == n ? 1.0 : CLAMP (centre + half, 0.0, 1.0);
}

gboolean
likert_chi2 (const guint64 *table,
             guint          n_segments,
             guint          n_points,
             LikertChi2    *out)
{
  g_autofree guint64 *row_totals = NULL;
  g_autofree guint64 *col_totals = NULL;
  guint64 total;
  double statistic = 0.0;
  guint n_rows;
  guint n_cols;

  g_return_val_if_fail (out != NULL, FALSE);

  out->statistic = NAN;
  out->df = 0;
  out->p = NAN;
  out->cramers_v = NAN;
  out->n_rows = 0;
  out->n_cols = 0;
  out->low_expected = FALSE;

  g_return_val_if_fail (table != NULL || n_segments == 0 || n_points == 0, FALSE);

  row_totals = g_new (guint64, MAX (n_segments, 1));
  col_totals = g_new (guint64, MAX (n_points, 1));
  total = table_margins (table, n_segments, n_points, row_totals, col_totals, &n_rows, &n_cols);

  /* Empty rows and columns are left out: they have no expected counts and no degrees of
   * freedom. */
  out->n_rows = n_rows;
  out->n_cols = n_cols;
  if (n_rows < 2 || n_cols < 2)
    return FALSE;

  /* X² = Σ (O − E)² / E, E = row total × column total / N: summed term by term rather than as
   * N (Σ O² / (R C) − 1), which cancels digits away when X² is small against N. */
  for (guint s = 0; s < n_segments; s++)
    {
      if (row_totals[s] == 0)
        continue;

      for (guint v = 0; v < n_points; v++)
        {
          double expected;
          double d;

          if (col_totals[v] == 0)
            continue;

          expected = (double) row_totals[s] * (double) col_totals[v] / (double) total;
          d = (double) table[(gsize) s * n_points + v] - expected;
          statistic += d * d / expected;
          if (expected < MIN_EXPECTED)
            out->low_expected = TRUE;
        }
    }

  out->statistic = statistic;
  out->df = (int) ((n_rows - 1) * (n_cols - 1));
  out->p = gsl_cdf_chisq_Q (statistic, out->df);
  out->cramers_v = MIN (sqrt (statistic / ((double) total * (MIN (n_rows, n_cols) - 1))), 1.0);

  return TRUE;
}

gboolean
likert_kruskal_wallis (const guint64 *table,
                       guint          n_segments,
                       guint          n_points,
                       LikertKruskal *out)
{
  g_autofree guint64 *row_totals = NULL;
  g_autofree guint64 *col_totals = NULL;
  g_autofree double *centred_ranks = NULL;
  guint64 total;
  guint64 below = 0;
  double n;
  double half_n1;
  double ties = 0.0;
  double correction;
  double sum = 0.0;
  guint n_rows;
  guint n_cols;

  g_return_val_if_fail (out != NULL, FALSE);

  out->h = NAN;
  out->df = 0;
  out->p = NAN;

  g_return_val_if_fail (table != NULL || n_segments == 0 || n_points == 0, FALSE);

  row_totals = g_new (guint64, MAX (n_segments, 1));
  col_totals = g_new (guint64, MAX (n_points, 1));
  centred_ranks = g_new (double, MAX (n_points, 1));
  total = table_margins (table, n_segments, n_points, row_totals, col_totals, &n_rows, &n_cols);

  /* Segments without answers take no part. One segment has nothing to compare with; one value
   * given by everybody leaves every rank tied (the tie correction is 0). */
  if (n_rows < 2 || n_cols < 2)
    return FALSE;

  n = (double) total;
  half_n1 = (n + 1.0) / 2.0;

  /* The t answers with the v-th value share the ranks below + 1 … below + t: their midrank is
   * below + (t + 1) / 2. Kept centred on the mean rank (N + 1) / 2, so that the sums below do
   * not cancel digits away at a million answers. */
  for (guint v = 0; v < n_points; v++)
    {
      double t = (double) col_totals[v];

      centred_ranks[v] = (double) below + (t + 1.0) / 2.0 - half_n1;
      below += col_totals[v];

      /* Σ (t³ − t) / (N³ − N), each term as a product of ratios no larger than 1. */
      ties += (t / n) * ((t - 1.0) / (n - 1.0)) * ((t + 1.0) / (n + 1.0));
    }
  correction = 1.0 - ties;

  /* H = 12 / (N (N + 1)) Σ R_i² / n_i − 3 (N + 1)
   *   = 12 / (N (N + 1)) Σ n_i (R̄_i − (N + 1) / 2)²,
   * the second form free of the cancellation between two terms of order N. */
  for (guint s = 0; s < n_segments; s++)
    {
      double rank_sum = 0.0;

      if (row_totals[s] == 0)
        continue;

      for (guint v = 0; v < n_points; v++)
        rank_sum += (double) table[(gsize) s * n_points + v] * centred_ranks[v];

      sum += rank_sum * rank_sum / (double) row_totals[s];
    }

  out->h = 12.0 / (n * (n + 1.0)) * sum / correction;
  out->df = (int) n_rows - 1;
  out->p = gsl_cdf_chisq_Q (out->h, out->df);

  return TRUE;
}
