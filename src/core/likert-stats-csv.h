/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-frame.h"

G_BEGIN_DECLS

/* The statistics table as CSV (RFC 4180, CRLF line ends), as `likert-cli stats --csv` prints it
 * and the window copies it: the header
 *   question,segment,n,missing,mean,ci_low,ci_high,median,sd,top2box,top2box_low,top2box_high,nps
 * then a line per question in questions, or, when segment is a categorical field (≥ 0), a line
 * per question and value of that field that has selected rows, most answers first, then by
 * value. Rows are those set in selected (all when NULL). Numbers whatever the locale, in the
 * shortest text that reads back the same; empty where a statistic is undefined (NAN). */
char *likert_stats_csv (LikertFrame   *frame,
                        const guint64 *selected,
                        const guint   *questions,
                        guint          n_questions,
                        gint           segment);

G_END_DECLS
