/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Numbers and times as the interface shows them, in the user's locale: digits grouped
 * ("5 000", "5,000"), dates with the locale's month names. Exports stay locale-neutral and do
 * not use these. */
char *likert_format_count (guint64 n);
/* A response's time in the local zone; "Unknown time" for G_MININT64. */
char *likert_format_time  (gint64  when);

G_END_DECLS
