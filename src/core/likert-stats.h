/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-types.h"

G_BEGIN_DECLS

/* Descriptive statistics of one rating question, computed exactly from per-value counts.
 *
 * top2box is also the CSAT score as survey tools report it: the share of satisfied answers,
 * the two highest points of the scale (4–5 on 1–5, 6–7 on 1–7, 9–10 on 0–10). On scales of
 * fewer than four points it is the single highest point (see likert-stats.c). */
struct _LikertStats
{
  int     scale_min;
  int     scale_max;
  guint64 counts[LIKERT_MAX_SCALE]; /* counts[v - scale_min] */
  guint64 n;                        /* answered */
  guint64 missing;                  /* not answered */
  double  mean;                     /* NAN when n == 0 */
  double  median;                   /* NAN when n == 0 */
  double  sd;                       /* sample standard deviation (n - 1); NAN when n < 2 */
  double  se;                       /* sd / sqrt (n); NAN when n < 2 */
  double  ci95_low;                 /* t interval; NAN when n < 2 */
  double  ci95_high;
  double  top2box;                  /* fraction 0–1 of the two highest values; NAN when n == 0 */
  double  bottom2box;               /* fraction 0–1 of the two lowest values; NAN when n == 0 */
  double  nps;                      /* −100…100, only for 0–10 scales, else NAN */

  /* Appended fields: the ones above keep their layout. */
  double  top2box_low;              /* 95 % Wilson score interval of top2box (= CSAT), 0–1; */
  double  top2box_high;             /* NAN when n == 0 */
  double  nps_low;                  /* 95 % interval of nps (normal approximation, multinomial */
  double  nps_high;                 /* variance), clamped to −100…100; NAN where nps is NAN */
  guint64 promoters;                /* 0–10 scales: answers 9–10; else 0 */
  guint64 passives;                 /* 0–10 scales: answers 7–8; else 0 */
  guint64 detractors;               /* 0–10 scales: answers 0–6; else 0 */
};

/* Pearson's χ² test of independence of a segments × rating-values table. */
typedef struct
{
  double   statistic;   /* Pearson's X² */
  int      df;          /* (n_rows − 1) · (n_cols − 1) */
  double   p;           /* upper tail of χ²(df) at statistic */
  double   cramers_v;   /* √(X² / (n · (min (n_rows, n_cols) − 1))), 0–1 */
  guint    n_rows;      /* segments left after dropping those with no answers */
  guint    n_cols;      /* rating values left after dropping those nobody gave */
  gboolean low_expected; /* some expected count < 5: the χ² approximation is doubtful */
} LikertChi2;

/* Kruskal–Wallis H test across segments, on midranks, corrected for ties. */
typedef struct
{
  double h;             /* H / (1 − Σ(t³ − t) / (N³ − N)) */
  int    df;            /* segments with answers − 1 */
  double p;             /* upper tail of χ²(df) at h */
} LikertKruskal;

void     likert_stats_from_counts (LikertStats   *stats,
                                   int            scale_min,
                                   int            scale_max,
                                   const guint64 *counts,
                                   guint64        missing);

/* codes[i] is 0 for no answer, else value − scale_min + 1 (the frame's encoding).
 * filter, when not NULL, is a bitmap of n_rows bits (bit i of filter[i / 64]): only set rows count. */
void     likert_stats_compute     (LikertStats   *stats,
                                   int            scale_min,
                                   int            scale_max,
                                   const guint8  *codes,
                                   gsize          n_rows,
                                   const guint64 *filter);

gboolean likert_stats_small_n     (const LikertStats *stats);

/* Wilson score interval for successes / n at the given confidence (0.95 for 95 %):
 * NAN, NAN when n == 0. */
void     likert_wilson_interval   (guint64        successes,
                                   guint64        n,
                                   double         confidence,
                                   double        *low,
                                   double        *high);

/* table holds n_segments × n_points counts, row-major (table[s * n_points + v]): the answers of
 * segment s with the v-th value of the scale. Both tests ignore segments without answers;
 * they return FALSE (and NAN in *out) when fewer than two segments remain (χ²: or fewer than
 * two rating values, since then nothing can vary; Kruskal–Wallis: or when every answer has the
 * same value). */
gboolean likert_chi2              (const guint64 *table,
                                   guint          n_segments,
                                   guint          n_points,
                                   LikertChi2    *out);

gboolean likert_kruskal_wallis    (const guint64 *table,
                                   guint          n_segments,
                                   guint          n_points,
                                   LikertKruskal *out);

G_END_DECLS
