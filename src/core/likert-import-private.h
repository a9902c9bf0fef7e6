/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-import.h"

G_BEGIN_DECLS

/* For tests: how runs build the full-text index. A survey's first import into a project whose
 * index is empty builds it on a thread of its own, beside the writer; the others, and every
 * run after _likert_import_set_inline_index (TRUE), index each row as the writer writes it.
 * Process-wide: set it while no import runs. */
void   _likert_import_set_inline_index        (gboolean inline_index);
/* How many runs so far built their index beside the writer (successful or not). */
guint  _likert_import_count_parallel_indexes  (void);
/* The index built beside the writer fails past this many pages, as on a full disk (0: no
 * limit). */
void   _likert_import_set_index_page_limit    (guint    pages);
/* likert_import_file () plans the first records records and runs the import on that plan
 * while the whole file is planned beside it (0: plans the whole file first). Process-wide. */
void   _likert_import_set_speculation         (guint    records);

G_END_DECLS
