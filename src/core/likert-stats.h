/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-types.h"

G_BEGIN_DECLS

/* Descriptive statistics of one rating question, computed exactly from per-value counts. */
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
};

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

G_END_DECLS
