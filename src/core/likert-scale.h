/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mapper stage: what a cell says as a rating or a time. */

/* An integer, surrounding spaces allowed ("4", " 10 "). */
gboolean likert_scale_parse_int    (const char *text,
                                    int        *value);

/* A point of a known 5-point labelled scale ("Extremely satisfied" → 5, "Plutôt satisfait" → 4),
 * compared case-insensitively; scale_min/max receive the scale's range. */
gboolean likert_scale_parse_label  (const char *text,
                                    int        *value);

/* The scale a rating column is on, from the values seen and its header. */
void     likert_scale_guess_range  (int         min_seen,
                                    int         max_seen,
                                    const char *header,
                                    int        *scale_min,
                                    int        *scale_max);

/* A submission time ("2025-03-01 14:02:11", ISO 8601 with or without zone, or a date) as UTC
 * seconds; times without a zone are taken as UTC. */
gboolean likert_scale_parse_time   (const char *text,
                                    gint64     *utc_seconds);

G_END_DECLS
