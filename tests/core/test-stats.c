/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-stats.h"

#define EPS 1e-9

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

  return g_test_run ();
}
