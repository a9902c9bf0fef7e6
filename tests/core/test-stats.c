/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-stats.h"

#define EPS 1e-9

/* A figure printed with `decimals` decimals equals ours when ours rounds to it:
 * |ours − printed| ≤ ½ · 10^−decimals (plus a hair for the binary form of the printed
 * decimal). */
#define assert_printed(ours, printed, decimals) \
  g_assert_cmpfloat_with_epsilon ((ours), (printed), 0.5 * pow (10.0, -(decimals)) + 1e-12)

static void
assert_all_undefined (const LikertStats *stats)
{
  g_assert_true (isnan (stats->mean));
  g_assert_true (isnan (stats->median));
  g_assert_true (isnan (stats->sd));
  g_assert_true (isnan (stats->se));
  g_assert_true (isnan (stats->ci95_low));
  g_assert_true (isnan (stats->ci95_high));
  g_assert_true (isnan (stats->top2box));
  g_assert_true (isnan (stats->bottom2box));
  g_assert_true (isnan (stats->nps));
  g_assert_true (isnan (stats->top2box_low));
  g_assert_true (isnan (stats->top2box_high));
  g_assert_true (isnan (stats->nps_low));
  g_assert_true (isnan (stats->nps_high));
}

/* The textbook example, worked by hand.
 *
 *   value  count  value × count  (value − 3.35)²  × count
 *     1      2         2           5.5225          11.0450
 *     2      3         6           1.8225           5.4675
 *     3      5        15           0.1225           0.6125
 *     4      6        24           0.4225           2.5350
 *     5      4        20           2.7225          10.8900
 *          ----      ---                           -------
 *   n =     20  Σ =   67                    SS =  30.5500
 *
 *   mean   = 67 / 20 = 3.35
 *   median = (10th + 11th answer) / 2 = (3 + 4) / 2 = 3.5  (cumulative counts 2, 5, 10, 16, 20)
 *   var    = SS / (n − 1) = 30.55 / 19 = 1.607894736842…
 *   sd     = √1.607894736842 = 1.268027892769…
 *   se     = sd / √20 = 1.268027892769 / 4.472135955 = 0.283539656559…
 *   CI     = 3.35 ± t(0.975, 19) × se = 3.35 ± 2.093024 × 0.283539656559
 *          = [2.756544693868, 3.943455306131]
 *   top2box    = (6 + 4) / 20 = 0.5
 *   bottom2box = (2 + 3) / 20 = 0.25
 */
static void
test_stats_textbook (void)
{
  const guint64 counts[] = { 2, 3, 5, 6, 4 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5, counts, 7);

  g_assert_cmpint (stats.scale_min, ==, 1);
  g_assert_cmpint (stats.scale_max, ==, 5);
  g_assert_cmpuint (stats.n, ==, 20);
  g_assert_cmpuint (stats.missing, ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_assert_cmpuint (stats.counts[i], ==, counts[i]);

  g_assert_cmpfloat_with_epsilon (stats.mean, 3.35, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 3.5, EPS);
  g_assert_cmpfloat_with_epsilon (stats.sd, 1.268027892769, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.se, 0.283539656559, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats.ci95_low, 2.756544693868, 1e-4);
  g_assert_cmpfloat_with_epsilon (stats.ci95_high, 3.943455306131, 1e-4);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 0.25, EPS);
  g_assert_true (isnan (stats.nps));
  g_assert_true (likert_stats_small_n (&stats));
}

/* Two answers, 1 and 3: mean 2, sd = √((1 + 1) / 1) = √2, se = √2 / √2 = 1,
 * CI = 2 ± t(0.975, 1) × 1 = 2 ± 12.706205. */
static void
test_stats_two_answers (void)
{
  const guint64 counts[] = { 1, 0, 1, 0, 0 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5, counts, 0);

  g_assert_cmpuint (stats.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (stats.mean, 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.sd, G_SQRT2, EPS);
  g_assert_cmpfloat_with_epsilon (stats.se, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.ci95_low, 2.0 - 12.706205, 1e-4);
  g_assert_cmpfloat_with_epsilon (stats.ci95_high, 2.0 + 12.706205, 1e-4);
  /* Nobody gave 4 or 5; one of two gave 1 or 2. */
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 0.5, EPS);
}

/* Everyone answered 4: no spread, the interval collapses onto the mean. */
static void
test_stats_no_spread (void)
{
  const guint64 counts[] = { 0, 0, 0, 10, 0 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5, counts, 0);

  g_assert_cmpfloat_with_epsilon (stats.mean, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 4.0, EPS);
  g_assert_cmpfloat (stats.sd, ==, 0.0);
  g_assert_cmpfloat (stats.se, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (stats.ci95_low, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.ci95_high, 4.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 0.0, EPS);
}

/* 0–10: detractors 0–6 = 1 + 2 + 1 = 4 of 20 (20 %), passives 7–8 = 6, promoters 9–10 = 10 of 20
 * (50 %): NPS = 50 − 20 = 30. mean = (5·2 + 6 + 7·3 + 8·3 + 9·5 + 10·5) / 20 = 156 / 20 = 7.8;
 * median = (10th + 11th) / 2 = (8 + 9) / 2 = 8.5 (cumulative counts at 0, 5, 6, 7, 8, 9, 10:
 * 1, 3, 4, 7, 10, 15, 20). */
static void
test_stats_nps (void)
{
  const guint64 counts[] = { 1, 0, 0, 0, 0, 2, 1, 3, 3, 5, 5 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 0, 10, counts, 0);

  g_assert_cmpuint (stats.n, ==, 20);
  g_assert_cmpfloat_with_epsilon (stats.nps, 30.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.mean, 7.8, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 8.5, EPS);
  /* Top two of 0–10 are 9 and 10; bottom two 0 and 1. */
  g_assert_cmpfloat_with_epsilon (stats.top2box, 10.0 / 20.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 1.0 / 20.0, EPS);
}

static void
test_stats_nps_extremes (void)
{
  guint64 counts[11] = { 0 };
  LikertStats stats;

  counts[10] = 7;
  likert_stats_from_counts (&stats, 0, 10, counts, 0);
  g_assert_cmpfloat_with_epsilon (stats.nps, 100.0, EPS);

  counts[10] = 0;
  counts[6] = 3;
  likert_stats_from_counts (&stats, 0, 10, counts, 0);
  g_assert_cmpfloat_with_epsilon (stats.nps, -100.0, EPS);

  /* Only passives. */
  counts[6] = 0;
  counts[7] = 2;
  counts[8] = 2;
  likert_stats_from_counts (&stats, 0, 10, counts, 0);
  g_assert_cmpfloat_with_epsilon (stats.nps, 0.0, EPS);
}

/* NPS is defined for 0–10 only: not for 1–10 or 1–5. */
static void
test_stats_nps_other_scales (void)
{
  const guint64 counts[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 10, counts, 0);
  g_assert_true (isnan (stats.nps));
  g_assert_false (isnan (stats.mean));

  likert_stats_from_counts (&stats, 1, 5, counts, 0);
  g_assert_true (isnan (stats.nps));
}

static void
test_stats_empty (void)
{
  const guint64 counts[] = { 0, 0, 0, 0, 0 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5, counts, 12);

  g_assert_cmpuint (stats.n, ==, 0);
  g_assert_cmpuint (stats.missing, ==, 12);
  assert_all_undefined (&stats);
  g_assert_true (likert_stats_small_n (&stats));

  likert_stats_from_counts (&stats, 0, 10, (const guint64[11]) { 0 }, 0);
  assert_all_undefined (&stats);
}

static void
test_stats_single (void)
{
  const guint64 counts[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
  LikertStats stats;

  likert_stats_from_counts (&stats, 0, 10, counts, 0);

  g_assert_cmpuint (stats.n, ==, 1);
  g_assert_cmpfloat_with_epsilon (stats.mean, 9.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 9.0, EPS);
  g_assert_true (isnan (stats.sd));
  g_assert_true (isnan (stats.se));
  g_assert_true (isnan (stats.ci95_low));
  g_assert_true (isnan (stats.ci95_high));
  g_assert_cmpfloat_with_epsilon (stats.top2box, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 0.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.nps, 100.0, EPS);
}

static void
test_stats_median (void)
{
  LikertStats stats;

  /* Odd n: 1, 2, 3 → 2. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 1, 1, 1, 0, 0 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, 2.0, EPS);

  /* Even n: 1, 2 → 1.5. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 1, 1, 0, 0, 0 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, 1.5, EPS);

  /* Even n across a gap: 2, 2, 4, 4 → 3, a value nobody gave. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 0, 2, 0, 2, 0 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, 3.0, EPS);

  /* Even n, both middle answers equal: 1, 4, 4, 5 → 4. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 1, 0, 0, 2, 1 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, 4.0, EPS);

  /* Odd n, skewed: 1 ×4, 5 ×3 → the 4th of 7 answers is 1. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 4, 0, 0, 0, 3 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, 1.0, EPS);

  /* A scale not starting at 1: −2…2, answers −2, −1 → −1.5. */
  likert_stats_from_counts (&stats, -2, 2, (const guint64[]) { 1, 1, 0, 0, 0 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.median, -1.5, EPS);
  g_assert_cmpfloat_with_epsilon (stats.mean, -1.5, EPS);
}

/* Fewer than four points: the boxes hold the single highest and lowest value. */
static void
test_stats_short_scale_boxes (void)
{
  LikertStats stats;

  /* 1–3 with counts 1, 2, 3: top box = 3 / 6, bottom box = 1 / 6. */
  likert_stats_from_counts (&stats, 1, 3, (const guint64[]) { 1, 2, 3 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 1.0 / 6.0, EPS);

  /* 1–4 uses two values again: (3 + 4) / 10 and (1 + 2) / 10. */
  likert_stats_from_counts (&stats, 1, 4, (const guint64[]) { 1, 2, 3, 4 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.7, EPS);
  g_assert_cmpfloat_with_epsilon (stats.bottom2box, 0.3, EPS);
}

/* Codes: 0 = missing, else value − scale_min + 1. */
static void
test_stats_compute_codes (void)
{
  /* Scale 1–5: values 1, 2, 3, 3, 5, missing, missing. */
  const guint8 codes[] = { 1, 2, 3, 3, 5, 0, 0 };
  LikertStats stats;

  likert_stats_compute (&stats, 1, 5, codes, G_N_ELEMENTS (codes), NULL);

  g_assert_cmpuint (stats.n, ==, 5);
  g_assert_cmpuint (stats.missing, ==, 2);
  g_assert_cmpuint (stats.counts[0], ==, 1);
  g_assert_cmpuint (stats.counts[1], ==, 1);
  g_assert_cmpuint (stats.counts[2], ==, 2);
  g_assert_cmpuint (stats.counts[3], ==, 0);
  g_assert_cmpuint (stats.counts[4], ==, 1);
  /* (1 + 2 + 3 + 3 + 5) / 5 = 2.8 */
  g_assert_cmpfloat_with_epsilon (stats.mean, 2.8, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 3.0, EPS);

  /* Scale 0–10: code 1 is the value 0, code 11 the value 10. */
  likert_stats_compute (&stats, 0, 10, (const guint8[]) { 1, 11, 11, 0 }, 4, NULL);
  g_assert_cmpuint (stats.n, ==, 3);
  g_assert_cmpuint (stats.missing, ==, 1);
  g_assert_cmpuint (stats.counts[0], ==, 1);
  g_assert_cmpuint (stats.counts[10], ==, 2);
  g_assert_cmpfloat_with_epsilon (stats.mean, 20.0 / 3.0, EPS);

  /* No rows at all. */
  likert_stats_compute (&stats, 1, 5, NULL, 0, NULL);
  g_assert_cmpuint (stats.n, ==, 0);
  g_assert_cmpuint (stats.missing, ==, 0);
  assert_all_undefined (&stats);
}

static void
test_stats_out_of_scale (void)
{
  /* Scale 1–5 has codes 1…5; 6, 7 and 255 are not on it. */
  const guint8 codes[] = { 6, 1, 7, 255, 5, 0 };
  LikertStats stats;

  likert_stats_compute (&stats, 1, 5, codes, G_N_ELEMENTS (codes), NULL);

  g_assert_cmpuint (stats.n, ==, 2);
  g_assert_cmpuint (stats.missing, ==, 4);
  g_assert_cmpuint (stats.counts[0], ==, 1);
  g_assert_cmpuint (stats.counts[4], ==, 1);
  g_assert_cmpfloat_with_epsilon (stats.mean, 3.0, EPS);
}

/* A filter spanning three 64-bit words (the last one partial, with stray bits past the end),
 * checked against counting the selected rows one by one. */
static void
test_stats_filter (void)
{
  enum { N_ROWS = 150 };
  guint8 codes[N_ROWS];
  guint64 filter[3] = { 0 };
  guint64 expected[5] = { 0 };
  guint64 expected_missing = 0;
  LikertStats stats;

  for (guint i = 0; i < N_ROWS; i++)
    {
      codes[i] = (guint8) (i % 7); /* 0 (missing), 1…5, and 6 (off the scale) */

      /* Every third row, plus the whole second word. */
      if (i % 3 == 0 || (i >= 64 && i < 128))
        {
          filter[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
          if (codes[i] >= 1 && codes[i] <= 5)
            expected[codes[i] - 1]++;
          else
            expected_missing++;
        }
    }
  /* Rows 150…191 do not exist: their bits must be ignored. */
  filter[2] |= ~((G_GUINT64_CONSTANT (1) << (N_ROWS - 128)) - 1);

  likert_stats_compute (&stats, 1, 5, codes, N_ROWS, filter);

  for (guint v = 0; v < 5; v++)
    g_assert_cmpuint (stats.counts[v], ==, expected[v]);
  g_assert_cmpuint (stats.missing, ==, expected_missing);
  g_assert_cmpuint (stats.n, ==,
                    expected[0] + expected[1] + expected[2] + expected[3] + expected[4]);
  /* Rows 0, 3, …, 63 and 129, 132, …, 147 (22 + 7) and the 64 rows 64…127. */
  g_assert_cmpuint (stats.n + stats.missing, ==, 22 + 64 + 7);

  /* An empty filter selects nothing. */
  memset (filter, 0, sizeof filter);
  likert_stats_compute (&stats, 1, 5, codes, N_ROWS, filter);
  g_assert_cmpuint (stats.n, ==, 0);
  g_assert_cmpuint (stats.missing, ==, 0);
  assert_all_undefined (&stats);
}

/* A single selected row in a filter: exactly that row counts. */
static void
test_stats_filter_single_row (void)
{
  const guint8 codes[] = { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5 };
  guint64 filter[1] = { G_GUINT64_CONSTANT (1) << 3 };
  LikertStats stats;

  likert_stats_compute (&stats, 1, 5, codes, G_N_ELEMENTS (codes), filter);

  g_assert_cmpuint (stats.n, ==, 1);
  g_assert_cmpuint (stats.counts[3], ==, 1);
  g_assert_cmpfloat_with_epsilon (stats.mean, 4.0, EPS);
}

static void
test_stats_small_n (void)
{
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 5, 5, 5, 5, 9 }, 100);
  g_assert_cmpuint (stats.n, ==, 29);
  g_assert_true (likert_stats_small_n (&stats));

  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 5, 5, 5, 5, 10 }, 0);
  g_assert_cmpuint (stats.n, ==, 30);
  g_assert_false (likert_stats_small_n (&stats));
}

/* Large counts stay exact: a million answers split evenly over 1–5 have mean 3, median 3,
 * sd = √(2 · 10⁶ / (10⁶ − 1)) (Σ(v − 3)² = 200000 · (4 + 1 + 0 + 1 + 4) = 2 · 10⁶). */
static void
test_stats_large (void)
{
  LikertStats stats;

  likert_stats_from_counts (&stats, 1, 5,
                            (const guint64[]) { 200000, 200000, 200000, 200000, 200000 }, 0);

  g_assert_cmpuint (stats.n, ==, 1000000);
  g_assert_cmpfloat_with_epsilon (stats.mean, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.median, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon (stats.sd, sqrt (2e6 / 999999.0), EPS);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.4, EPS);
}

/* Wilson score intervals.
 *
 * Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion: comparison
 * of seven methods. Statistics in Medicine 17, 857–872, Table II, method 3 (score method without
 * continuity correction), printed to 4 decimals: the four worked examples (a)–(d).
 *
 * The others are worked from the formula (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
 * with z = 1.959963984540054 (95 %) or 2.575829303548901 (99 %), to 12 decimals. */
typedef struct
{
  guint64     successes;
  guint64     n;
  double      confidence;
  double      low;
  double      high;
  int         decimals;
  const char *source;
} WilsonCase;

static const WilsonCase wilson_cases[] = {
  { 81, 263, 0.95, 0.2553, 0.3662, 4, "Newcombe 1998, Table II (a)" },
  { 15, 148, 0.95, 0.0624, 0.1605, 4, "Newcombe 1998, Table II (b)" },
  { 0, 20, 0.95, 0.0000, 0.1611, 4, "Newcombe 1998, Table II (c)" },
  { 1, 29, 0.95, 0.0061, 0.1718, 4, "Newcombe 1998, Table II (d)" },
  /* p̂ = 81/263 = 0.307985, z² / n = 6.634897 / 263 = 0.025228: centre = (0.307985 + 0.012614) /
   * 1.025228 = 0.312710, half = 2.512446 × √(0.00081038 + 0.00002398) = 0.072573. */
  { 81, 263, 0.99, 0.240136902688, 0.385282502318, 11, "by hand, 99 %" },
  /* p̂ = ½: symmetric about ½, half = z / (1 + z²/20) × √(1/80 + z²/1600)
   *      = 1.959964 / 1.192073 × √(0.0125 + 0.002401) = 1.644164 × 0.122069 = 0.200702. */
  { 10, 20, 0.95, 0.299298008198, 0.700701991802, 11, "by hand, p̂ = ½" },
  /* All successes: the upper bound is exactly 1, the lower one mirrors (c) of Newcombe. */
  { 20, 20, 0.95, 1.0 - 0.1611, 1.0, 4, "mirror of Newcombe (c)" },
};

static void
test_stats_wilson (void)
{
  double low;
  double high;

  for (guint i = 0; i < G_N_ELEMENTS (wilson_cases); i++)
    {
      const WilsonCase *c = &wilson_cases[i];

      g_test_message ("%s: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, c->source,
                      c->successes, c->n);
      likert_wilson_interval (c->successes, c->n, c->confidence, &low, &high);
      assert_printed (low, c->low, c->decimals);
      assert_printed (high, c->high, c->decimals);
    }

  /* The bounds at p̂ = 0 and p̂ = 1 are exact. */
  likert_wilson_interval (0, 20, 0.95, &low, &high);
  g_assert_cmpfloat (low, ==, 0.0);
  likert_wilson_interval (20, 20, 0.95, &low, &high);
  g_assert_cmpfloat (high, ==, 1.0);

  /* No answers: no interval. */
  likert_wilson_interval (0, 0, 0.95, &low, &high);
  g_assert_true (isnan (low));
  g_assert_true (isnan (high));
}

/* likert_stats_from_counts fills the 95 % Wilson interval of top2box (= CSAT on 1–5). */
static void
test_stats_top2box_interval (void)
{
  LikertStats stats;

  /* The textbook counts: 6 + 4 = 10 of 20 gave 4 or 5 — the p̂ = ½ case of the Wilson table. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 2, 3, 5, 6, 4 }, 0);
  g_assert_cmpfloat_with_epsilon (stats.top2box, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (stats.top2box_low, 0.299298008198, 1e-11);
  g_assert_cmpfloat_with_epsilon (stats.top2box_high, 0.700701991802, 1e-11);

  /* 1–7: CSAT is the share of 6s and 7s; 0 of 20 → [0, 0.1611] (Newcombe 1998, Table II (c)). */
  likert_stats_from_counts (&stats, 1, 7, (const guint64[]) { 4, 4, 4, 4, 4, 0, 0 }, 0);
  g_assert_cmpfloat (stats.top2box, ==, 0.0);
  g_assert_cmpfloat (stats.top2box_low, ==, 0.0);
  assert_printed (stats.top2box_high, 0.1611, 4);

  /* 0–10: CSAT is the share of 9s and 10s: 81 of 263 → Newcombe 1998, Table II (a). */
  likert_stats_from_counts (&stats, 0, 10,
                            (const guint64[]) { 20, 20, 20, 20, 20, 20, 20, 22, 20, 40, 41 }, 0);
  g_assert_cmpuint (stats.n, ==, 263);
  assert_printed (stats.top2box_low, 0.2553, 4);
  assert_printed (stats.top2box_high, 0.3662, 4);
}

/* NPS intervals, worked by hand.
 *
 * Var(p̂_P − p̂_D) = (p_P (1 − p_P) + p_D (1 − p_D) + 2 p_P p_D) / n;
 * CI = NPS ± z · 100 · √Var, z = Φ⁻¹(0.975) = 1.959963984540054, clamped to −100…100. */
typedef struct
{
  guint64     counts[11];
  double      nps;
  double      low;
  double      high;
  guint64     promoters;
  guint64     passives;
  guint64     detractors;
  const char *source;
} NpsCase;

static const NpsCase nps_cases[] = {
  /* test_stats_nps's counts: P = 10, D = 4 of 20: p_P = 0.5, p_D = 0.2, NPS = 30;
   * Var = (0.25 + 0.16 + 0.2) / 20 = 0.0305, √Var = 0.174642491966,
   * half = 195.9963984540054 × 0.174642491966 = 34.229299442316. */
  { { 1, 0, 0, 0, 0, 2, 1, 3, 3, 5, 5 }, 30.0, -4.229299442316, 64.229299442316, 10, 6, 4,
    "by hand, NPS 30" },
  /* P = 9, D = 1 of 10: p_P = 0.9, p_D = 0.1, NPS = 80; Var = (0.09 + 0.09 + 0.18) / 10 = 0.036,
   * √Var = 0.189736659610, half = 37.187701938274: 117.19 is clamped to 100. */
  { { 1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 5 }, 80.0, 42.812298061726, 100.0, 9, 0, 1,
    "by hand, clamped above" },
  /* Mirrored: P = 1, D = 9: NPS = −80, the interval [−100 (clamped), −42.81]. */
  { { 5, 0, 0, 4, 0, 0, 0, 0, 0, 1, 0 }, -80.0, -100.0, -42.812298061726, 1, 0, 9,
    "by hand, clamped below" },
  /* Everybody a promoter: Var = 0, the interval is the point 100. */
  { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7 }, 100.0, 100.0, 100.0, 7, 0, 0, "no spread" },
  /* Only passives: NPS 0, Var = 0. */
  { { 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0 }, 0.0, 0.0, 0.0, 0, 4, 0, "only passives" },
};

static void
test_stats_nps_interval (void)
{
  LikertStats stats;

  for (guint i = 0; i < G_N_ELEMENTS (nps_cases); i++)
    {
      const NpsCase *c = &nps_cases[i];

      g_test_message ("%s", c->source);
      likert_stats_from_counts (&stats, 0, 10, c->counts, 0);
      g_assert_cmpfloat_with_epsilon (stats.nps, c->nps, EPS);
      g_assert_cmpfloat_with_epsilon (stats.nps_low, c->low, 1e-9);
      g_assert_cmpfloat_with_epsilon (stats.nps_high, c->high, 1e-9);
      g_assert_cmpuint (stats.promoters, ==, c->promoters);
      g_assert_cmpuint (stats.passives, ==, c->passives);
      g_assert_cmpuint (stats.detractors, ==, c->detractors);
      g_assert_cmpuint (stats.promoters + stats.passives + stats.detractors, ==, stats.n);
    }

  /* Not a 0–10 scale: no NPS, no interval, no groups. */
  likert_stats_from_counts (&stats, 1, 5, (const guint64[]) { 1, 2, 3, 4, 5 }, 0);
  g_assert_true (isnan (stats.nps_low));
  g_assert_true (isnan (stats.nps_high));
  g_assert_cmpuint (stats.promoters, ==, 0);
  g_assert_cmpuint (stats.passives, ==, 0);
  g_assert_cmpuint (stats.detractors, ==, 0);
}

/* χ² tests of independence.
 *
 * Agresti, A. (2007). An Introduction to Categorical Data Analysis, 2nd ed., Table 2.5: party
 * identification by gender (Agresti prints X² = 30.1, df = 2). Worked by hand: row totals 1557,
 * 1200; column totals 1246, 566, 945; N = 2757; expected counts 703.6714, 319.6453, 533.6834 /
 * 542.3286, 246.3547, 411.3166; X² = Σ (O − E)² / E = 3668733438511 / 122005828000
 * = 30.070149095755; with df = 2 the χ² tail is exp (−X² / 2) = 2.953589183211e-07;
 * V = √(30.070149095755 / 2757) = 0.104435802356. GNU PSPP prints 30.070149 and .104436
 * (tests/data/stats/pspp-reference.txt, lines 164 and 175).
 *
 * The Physicians' Health Study 2 × 2 table (placebo / aspirin × myocardial infarction yes / no:
 * 189 / 10845, 104 / 10933; Agresti 2007, chapter 2). Worked by hand with the 2 × 2 formula
 * X² = N (ad − bc)² / (R₁ R₂ C₁ C₂): ad − bc = 189 · 10933 − 10845 · 104 = 938457; R₁ R₂ C₁ C₂ =
 * 11034 · 11037 · 293 · 21778 = 777086986314132; X² = 22071 · 938457² / 777086986314132
 * = 25.013883967194; with df = 1 the tail is erfc (√(X² / 2)) = 5.691896973741e-07;
 * V = |φ| = 938457 / √777086986314132 = 0.033665072965. */
typedef struct
{
  guint64     table[4 * 5];
  guint       n_segments;
  guint       n_points;
  double      statistic;
  int         df;
  double      p;
  double      cramers_v;
  guint       n_rows;
  guint       n_cols;
  gboolean    low_expected;
  const char *source;
} Chi2Case;

static const Chi2Case chi2_cases[] = {
  { { 762, 327, 468,
      484, 239, 477 }, 2, 3,
    30.070149095755, 2, 2.953589183211e-07, 0.104435802356, 2, 3, FALSE, "Agresti Table 2.5" },
  /* The same with an empty segment and an unused rating value: dropped, same answer. */
  { { 762, 0, 327, 468,
      0, 0, 0, 0,
      484, 0, 239, 477 }, 3, 4,
    30.070149095755, 2, 2.953589183211e-07, 0.104435802356, 2, 3, FALSE, "Agresti, padded" },
  /* Transposed: rows and columns play the same part. */
  { { 762, 484,
      327, 239,
      468, 477 }, 3, 2,
    30.070149095755, 2, 2.953589183211e-07, 0.104435802356, 3, 2, FALSE, "Agresti, transposed" },
  { { 189, 10845,
      104, 10933 }, 2, 2,
    25.013883967194, 1, 5.691896973741e-07, 0.033665072965, 2, 2, FALSE, "Physicians' Health" },
  /* Perfect association: X² = N = 10 (each cell (5 − 2.5)² / 2.5 = 2.5, four cells), V = 1,
   * p = erfc (√5) = 1.565402258010e-03; expected counts 2.5 < 5. */
  { { 5, 0,
      0, 5 }, 2, 2,
    10.0, 1, 1.565402258010e-03, 1.0, 2, 2, TRUE, "by hand, perfect association" },
  /* Independence: proportional rows, X² = 0, p = 1, V = 0. */
  { { 10, 20, 30,
      20, 40, 60 }, 2, 3,
    0.0, 2, 1.0, 0.0, 2, 3, FALSE, "by hand, independent" },
};

static void
test_stats_chi2 (void)
{
  LikertChi2 chi2;

  for (guint i = 0; i < G_N_ELEMENTS (chi2_cases); i++)
    {
      const Chi2Case *c = &chi2_cases[i];

      g_test_message ("%s", c->source);
      g_assert_true (likert_chi2 (c->table, c->n_segments, c->n_points, &chi2));
      g_assert_cmpfloat_with_epsilon (chi2.statistic, c->statistic, 1e-6);
      g_assert_cmpint (chi2.df, ==, c->df);
      g_assert_cmpfloat_with_epsilon (chi2.p, c->p, 1e-6 * c->p + 1e-15);
      g_assert_cmpfloat_with_epsilon (chi2.cramers_v, c->cramers_v, 1e-6);
      g_assert_cmpuint (chi2.n_rows, ==, c->n_rows);
      g_assert_cmpuint (chi2.n_cols, ==, c->n_cols);
      g_assert_cmpint (chi2.low_expected, ==, c->low_expected);
    }

  /* GSL's tails against the closed forms for 2 and 1 degrees of freedom, from libm. */
  g_assert_true (likert_chi2 (chi2_cases[0].table, 2, 3, &chi2));
  g_assert_cmpfloat_with_epsilon (chi2.p, exp (-chi2.statistic / 2.0), 1e-12 * chi2.p);
  g_assert_true (likert_chi2 (chi2_cases[3].table, 2, 2, &chi2));
  g_assert_cmpfloat_with_epsilon (chi2.p, erfc (sqrt (chi2.statistic / 2.0)), 1e-12 * chi2.p);
}

static void
test_stats_chi2_degenerate (void)
{
  LikertChi2 chi2;

  /* One segment. */
  g_assert_false (likert_chi2 ((const guint64[]) { 1, 2, 3 }, 1, 3, &chi2));
  g_assert_true (isnan (chi2.statistic));
  g_assert_true (isnan (chi2.p));
  g_assert_true (isnan (chi2.cramers_v));
  g_assert_cmpuint (chi2.n_rows, ==, 1);

  /* Two segments, but one of them empty. */
  g_assert_false (likert_chi2 ((const guint64[]) { 1, 2, 3, 0, 0, 0 }, 2, 3, &chi2));

  /* Everybody gave the same value. */
  g_assert_false (likert_chi2 ((const guint64[]) { 0, 4, 0, 0, 7, 0 }, 2, 3, &chi2));
  g_assert_cmpuint (chi2.n_rows, ==, 2);
  g_assert_cmpuint (chi2.n_cols, ==, 1);

  /* Nothing at all. */
  g_assert_false (likert_chi2 ((const guint64[]) { 0, 0, 0, 0 }, 2, 2, &chi2));
  g_assert_false (likert_chi2 (NULL, 0, 0, &chi2));
}

/* Kruskal–Wallis tests.
 *
 * Conover, W. J. (1999). Practical Nonparametric Statistics, 3rd ed., Example 5.2.1: corn yields
 * under four methods, 34 plots, seven groups of ties (values 77…101, so a 4 × 25 table here).
 * Worked with exact fractions from the formula: H before correction = 25.464372749100,
 * correction 1 − Σ(t³ − t) / (N³ − N) = 1 − 240 / 39270 = 929 / 935, H = 93332019 / 3641680
 * = 25.628835866963; df = 3, whose χ² tail is erfc (√(H/2)) + √(2H/π) e^(−H/2)
 * = 1.140572777029e-05. GNU PSPP prints 25.628836 and .000011
 * (tests/data/stats/pspp-reference.txt, lines 203 and 205). */
static const int conover_yields[][10] = {
  { 83, 91, 94, 89, 89, 96, 91, 92, 90, 0 },
  { 91, 90, 81, 83, 84, 83, 88, 91, 89, 84 },
  { 101, 100, 91, 93, 96, 95, 94, 0, 0, 0 },
  { 78, 82, 81, 77, 79, 81, 80, 81, 0, 0 },
};

typedef struct
{
  guint64     table[4 * 3];
  guint       n_segments;
  guint       n_points;
  double      h;
  int         df;
  double      p;
  const char *source;
} KruskalCase;

/* By hand, every value tied: segment A answered 1, 1, 2 and B 2, 3, 3 (N = 6). Midranks:
 * 1 → (1 + 2) / 2 = 1.5, 2 → 3.5, 3 → 5.5. R_A = 1.5 + 1.5 + 3.5 = 6.5, R_B = 3.5 + 5.5 + 5.5
 * = 14.5. H = 12 / 42 × (6.5² + 14.5²) / 3 − 21 = 64 / 21; ties Σ(t³ − t) = 3 × 6 = 18, N³ − N =
 * 210, correction 1 − 18 / 210 = 32 / 35; H = 64/21 × 35/32 = 10 / 3. df = 1: p = erfc (√(5/3))
 * = 6.788915486183e-02. */
static const KruskalCase kruskal_cases[] = {
  { { 2, 1, 0,
      0, 1, 2 }, 2, 3, 10.0 / 3.0, 1, 6.788915486183e-02, "by hand, all tied" },
  /* An empty segment between them takes no part. */
  { { 2, 1, 0,
      0, 0, 0,
      0, 1, 2 }, 3, 3, 10.0 / 3.0, 1, 6.788915486183e-02, "by hand, empty segment" },
  /* Identical distributions: every mean rank is (N + 1) / 2, H = 0, p = 1. */
  { { 1, 2, 3,
      1, 2, 3,
      2, 4, 6 }, 3, 3, 0.0, 2, 1.0, "by hand, no difference" },
};

static void
test_stats_kruskal (void)
{
  enum { LOWEST = 77, N_VALUES = 101 - 77 + 1 };
  guint64 table[4 * N_VALUES] = { 0 };
  LikertKruskal kw;

  for (guint s = 0; s < G_N_ELEMENTS (conover_yields); s++)
    for (guint i = 0; i < G_N_ELEMENTS (conover_yields[s]) && conover_yields[s][i] != 0; i++)
      table[s * N_VALUES + (guint) (conover_yields[s][i] - LOWEST)]++;

  g_assert_true (likert_kruskal_wallis (table, 4, N_VALUES, &kw));
  g_assert_cmpfloat_with_epsilon (kw.h, 93332019.0 / 3641680.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kw.h, 25.628835866963, 1e-6);
  g_assert_cmpint (kw.df, ==, 3);
  g_assert_cmpfloat_with_epsilon (kw.p, 1.140572777029e-05, 1e-6 * 1.140572777029e-05);
  /* GNU PSPP, pspp-reference.txt lines 203 and 205. */
  assert_printed (kw.h, 25.628836, 6);
  assert_printed (kw.p, 0.000011, 6);

  for (guint i = 0; i < G_N_ELEMENTS (kruskal_cases); i++)
    {
      const KruskalCase *c = &kruskal_cases[i];

      g_test_message ("%s", c->source);
      g_assert_true (likert_kruskal_wallis (c->table, c->n_segments, c->n_points, &kw));
      g_assert_cmpfloat_with_epsilon (kw.h, c->h, 1e-9);
      g_assert_cmpint (kw.df, ==, c->df);
      g_assert_cmpfloat_with_epsilon (kw.p, c->p, 1e-9);
    }
}

static void
test_stats_kruskal_degenerate (void)
{
  LikertKruskal kw;

  /* One segment with answers. */
  g_assert_false (likert_kruskal_wallis ((const guint64[]) { 1, 2, 3, 0, 0, 0 }, 2, 3, &kw));
  g_assert_true (isnan (kw.h));
  g_assert_true (isnan (kw.p));

  /* Every answer the same value: all ranks tied, H is 0 / 0. */
  g_assert_false (likert_kruskal_wallis ((const guint64[]) { 0, 3, 0, 0, 5, 0 }, 2, 3, &kw));
  g_assert_true (isnan (kw.h));

  g_assert_false (likert_kruskal_wallis (NULL, 0, 0, &kw));
}

/* A million answers in three segments: the centred sums keep H accurate where the textbook
 * form would subtract two numbers near 3 · 10⁶. Identical segments give H = 0 exactly enough. */
static void
test_stats_kruskal_large (void)
{
  const guint64 table[] = {
    100000, 50000, 30000, 60000, 93333,
    100000, 50000, 30000, 60000, 93333,
    100000, 50000, 30000, 60000, 93333,
  };
  LikertKruskal kw;
  LikertChi2 chi2;

  g_assert_true (likert_kruskal_wallis (table, 3, 5, &kw));
  g_assert_cmpfloat_with_epsilon (kw.h, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kw.p, 1.0, 1e-9);

  g_assert_true (likert_chi2 (table, 3, 5, &chi2));
  g_assert_cmpfloat_with_epsilon (chi2.statistic, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (chi2.cramers_v, 0.0, 1e-6);
}

/* GNU PSPP 1.6.2 on tests/data/stats/pspp-reference.csv (pspp-reference.sps): every figure
 * below is printed in tests/data/stats/pspp-reference.txt, at the line named, to 6 decimals;
 * ours must round to it. */
static void
load_pspp_reference (guint64 table[3][5],
                     guint64 counts[5],
                     guint64 *missing)
{
  const char *root = g_getenv ("LIKERT_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root ? root : SOURCE_ROOT, "tests", "data", "stats",
                                            "pspp-reference.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  memset (table, 0, sizeof (guint64) * 3 * 5);
  memset (counts, 0, sizeof (guint64) * 5);
  *missing = 0;

  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "id,segment,rating");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      guint segment;
      guint64 rating;

      g_assert_cmpuint (g_strv_length (cells), ==, 3);
      g_assert_true (cells[1][0] >= 'a' && cells[1][0] <= 'c' && cells[1][1] == '\0');
      segment = (guint) (cells[1][0] - 'a');
      rows++;

      if (cells[2][0] == '\0')
        {
          (*missing)++;
          continue;
        }

      g_assert_true (g_ascii_string_to_unsigned (cells[2], 10, 1, 5, &rating, NULL));
      table[segment][rating - 1]++;
      counts[rating - 1]++;
    }

  g_assert_cmpuint (rows, ==, 60);
}

static void
test_stats_pspp_reference (void)
{
  guint64 table[3][5];
  guint64 counts[5];
  guint64 missing;
  LikertStats stats;
  LikertChi2 chi2;
  LikertKruskal kw;

  load_pspp_reference (table, counts, &missing);

  /* FREQUENCIES /STATISTICS=MEAN MEDIAN STDDEV SEMEAN. */
  likert_stats_from_counts (&stats, 1, 5, counts, missing);
  g_assert_cmpuint (stats.n, ==, 57);           /* line 5: N Valid 57 */
  g_assert_cmpuint (stats.missing, ==, 3);      /* line 6: Missing 3 */
  assert_printed (stats.mean, 3.035088, 6);     /* line 8: Mean */
  assert_printed (stats.se, 0.167850, 6);       /* line 10: S.E. Mean */
  assert_printed (stats.median, 3.000000, 6);   /* line 12: Median */
  assert_printed (stats.sd, 1.267237, 6);       /* line 14: Std Dev */

  /* EXAMINE /STATISTICS=DESCRIPTIVES: the t interval of the mean. */
  assert_printed (stats.ci95_low, 2.698844, 6);  /* line 34: 95% CI Lower Bound */
  assert_printed (stats.ci95_high, 3.371331, 6); /* line 35: Upper Bound */
  assert_printed (stats.sd * stats.sd, 1.605890, 6); /* line 41: Variance */

  /* CROSSTABS /TABLES=rating BY segnum /STATISTICS=CHISQ PHI. */
  g_assert_cmpuint (table[0][0], ==, 5);        /* lines 75–83: the counts of segment a */
  g_assert_cmpuint (table[1][2], ==, 10);       /* line 79: rating 3, segment b */
  g_assert_true (likert_chi2 (&table[0][0], 3, 5, &chi2));
  assert_printed (chi2.statistic, 12.736974, 6); /* line 92: Pearson Chi-Square */
  g_assert_cmpint (chi2.df, ==, 8);              /* line 92: df */
  assert_printed (chi2.p, 0.121226, 6);          /* line 92: Asymptotic Sig. */
  assert_printed (chi2.cramers_v, 0.334257, 6);  /* line 103: Cramer's V */
  g_assert_true (chi2.low_expected);             /* 57 answers in 15 cells */

  /* NPAR TESTS /K-W=rating BY segnum(1,3). */
  g_assert_true (likert_kruskal_wallis (&table[0][0], 3, 5, &kw));
  assert_printed (kw.h, 4.768721, 6);           /* line 122: Chi-Square */
  g_assert_cmpint (kw.df, ==, 2);               /* line 123: df */
  assert_printed (kw.p, 0.092148, 6);           /* line 124: Asymp. Sig. */
}

/* The Agresti table through PSPP too (lines 164 and 175 of pspp-reference.txt). */
static void
test_stats_pspp_agresti (void)
{
  LikertChi2 chi2;

  g_assert_true (likert_chi2 (chi2_cases[0].table, 2, 3, &chi2));
  assert_printed (chi2.statistic, 30.070149, 6); /* line 164: Pearson Chi-Square */
  assert_printed (chi2.p, 0.000000, 6);          /* line 164: Asymptotic Sig. */
  assert_printed (chi2.cramers_v, 0.104436, 6);  /* line 175: Cramer's V */
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/textbook", test_stats_textbook);
  g_test_add_func ("/stats/two-answers", test_stats_two_answers);
  g_test_add_func ("/stats/no-spread", test_stats_no_spread);
  g_test_add_func ("/stats/nps", test_stats_nps);
  g_test_add_func ("/stats/nps-extremes", test_stats_nps_extremes);
  g_test_add_func ("/stats/nps-other-scales", test_stats_nps_other_scales);
  g_test_add_func ("/stats/empty", test_stats_empty);
  g_test_add_func ("/stats/single", test_stats_single);
  g_test_add_func ("/stats/median", test_stats_median);
  g_test_add_func ("/stats/short-scale-boxes", test_stats_short_scale_boxes);
  g_test_add_func ("/stats/compute-codes", test_stats_compute_codes);
  g_test_add_func ("/stats/out-of-scale", test_stats_out_of_scale);
  g_test_add_func ("/stats/filter", test_stats_filter);
  g_test_add_func ("/stats/filter-single-row", test_stats_filter_single_row);
  g_test_add_func ("/stats/small-n", test_stats_small_n);
  g_test_add_func ("/stats/large", test_stats_large);
  g_test_add_func ("/stats/wilson", test_stats_wilson);
  g_test_add_func ("/stats/top2box-interval", test_stats_top2box_interval);
  g_test_add_func ("/stats/nps-interval", test_stats_nps_interval);
  g_test_add_func ("/stats/chi2", test_stats_chi2);
  g_test_add_func ("/stats/chi2-degenerate", test_stats_chi2_degenerate);
  g_test_add_func ("/stats/kruskal", test_stats_kruskal);
  g_test_add_func ("/stats/kruskal-degenerate", test_stats_kruskal_degenerate);
  g_test_add_func ("/stats/kruskal-large", test_stats_kruskal_large);
  g_test_add_func ("/stats/pspp-reference", test_stats_pspp_reference);
  g_test_add_func ("/stats/pspp-agresti", test_stats_pspp_agresti);

  return g_test_run ();
}
