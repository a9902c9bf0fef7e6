/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* An independent reading of a filter: its JSON (likert_filter_to_json) turned into an SQL
 * condition on `response r`, written with plain SQL over the project's tables (cells through
 * json_extract, answers, tags, annotations, the FTS tables) and none of likert-filter.c.
 * Tests compare the frame's numbers with it; bench/frame times it. */
char *likert_sql_oracle_condition (sqlite3    *db,
                                   const char *filter_json,
                                   GError    **error);

/* counts[0] = responses with no answer to question, counts[v − scale_min + 1] = answer v,
 * over the responses that pass condition; returns the number of responses. */
guint64 likert_sql_oracle_counts (sqlite3    *db,
                                  const char *condition,
                                  const char *question,
                                  int         scale_min,
                                  guint64    *counts,
                                  guint       n_counts);

G_END_DECLS
