/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-frame.h"
#include "likert-store.h"

G_BEGIN_DECLS

/* Export of the responses of a project, with their annotations, as CSV or XLSX.
 *
 * Columns, in this order:
 *   - every field of every dataset, the original cell text (datasets with the same header in
 *     the same place share a column; a response has "" under a column its dataset lacks);
 *   - per rating question, "HEADER (value)": the rating as a number ("" when none);
 *   - Tags: the response's tags, each by its path ("Product / Checkout"), sorted, joined
 *     with "; "; Note; Status ("new", "reviewed", "flagged", "excluded": stable keywords,
 *     as likert-cli --status takes them); Sentiment (-1, 0, 1 or ""); Annotated by; Annotated
 *     at (UTC, ISO 8601: 2025-03-01T12:00:00Z; "" when never annotated).
 * Rows in file order (dataset, then record). The annotation headers are translated; the order
 * of the columns is fixed, so that a script can rely on it.
 *
 * Formula injection (OWASP, "CSV Injection"): in CSV a text cell that starts with = + - @ TAB
 * or CR is written with a ' in front (and quoted), so that a spreadsheet shows it as text
 * instead of running it. A cell is a number, and left alone, only when its column is numeric
 * (rating fields, the value columns, Sentiment) and it reads whole as a decimal number
 * (-3, +1.5, 2e3): "+1" under a comment column is text and is neutralised; "=1+1" under a
 * rating column is text too. Headers are text. Such a cell comes back from a re-import with
 * its ' (the data of a CSV cannot say "this was neutralised").
 * XLSX stores the same numbers as numbers and every other cell as a string cell, which no
 * spreadsheet evaluates: the text is written exactly as it was, without a '. (The quote-prefix
 * cell style would need libxlsxwriter 1.1.5; Debian 12 has 1.1.4.) Excel's limit of 32767
 * characters a cell truncates longer texts there; more than 1048575 responses or 16384
 * columns fail with LIKERT_EXPORT_ERROR_TOO_BIG. XLSX has a second sheet, "Codebook": each
 * tag's name, parent path, colour, description, shortcut, and how many of the exported
 * responses have it.
 *
 * The file is written beside the target under a temporary name and renamed over it only once
 * complete: a failed or cancelled export leaves neither a partial file nor a temporary one.
 * Errors name the file. */

#define LIKERT_EXPORT_ERROR (likert_export_error_quark ())

typedef enum {
  LIKERT_EXPORT_ERROR_FORMAT,       /* a file name or format name that is not CSV or XLSX */
  LIKERT_EXPORT_ERROR_TOO_BIG,      /* more rows or columns than a spreadsheet holds */
  LIKERT_EXPORT_ERROR_WRITE,        /* the XLSX writer failed */
} LikertExportError;

typedef enum {
  LIKERT_EXPORT_FORMAT_CSV,
  LIKERT_EXPORT_FORMAT_XLSX,
} LikertExportFormat;

/* Zero-initialised: CSV without BOM, every response. */
typedef struct
{
  LikertExportFormat  format;
  gboolean            bom;            /* CSV: begin with a UTF-8 byte order mark (for Excel) */
  const gint64       *response_ids;   /* ascending; NULL: every response of the project */
  gsize               n_response_ids;
} LikertExportOptions;

GQuark      likert_export_error_quark       (void);

/* The format of a file name by its extension (.csv, .xlsx, any case); FALSE when neither. */
gboolean    likert_export_format_for_path   (const char           *path,
                                             LikertExportFormat   *format);
/* "csv" or "xlsx"; FALSE with LIKERT_EXPORT_ERROR_FORMAT otherwise. */
gboolean    likert_export_format_from_string (const char          *name,
                                              LikertExportFormat  *format,
                                              GError             **error);

/* Writes the file at path. progress (nullable) is called on this thread with the fraction
 * done. n_exported (optional): how many responses were written. */
gboolean    likert_export_responses         (LikertStore               *store,
                                             const char                *path,
                                             const LikertExportOptions *options,
                                             LikertProgressFunc         progress,
                                             gpointer                   progress_data,
                                             GCancellable              *cancellable,
                                             guint64                   *n_exported,
                                             GError                   **error);

/* The same on a worker thread with its own connection to project_path (options and its ids
 * are copied); progress is called on the caller's thread-default main context. */
void        likert_export_responses_async   (const char                *project_path,
                                             const char                *path,
                                             const LikertExportOptions *options,
                                             LikertProgressFunc         progress,
                                             gpointer                   progress_data,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data);
gboolean    likert_export_responses_finish  (GAsyncResult              *result,
                                             guint64                   *n_exported,
                                             GError                   **error);

G_END_DECLS
