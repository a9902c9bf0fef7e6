/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_IMPORT_ERROR (likert_import_error_quark ())

typedef enum {
  LIKERT_IMPORT_ERROR_EMPTY,     /* no header, or no records */
  LIKERT_IMPORT_ERROR_RAGGED,    /* a record with another number of fields than the header */
  LIKERT_IMPORT_ERROR_HEADER,    /* an empty or repeated column name */
} LikertImportError;

/* What an import found and did. */
struct _LikertImportReport
{
  gint64     dataset_id;
  char      *source_name;
  char      *encoding;
  char       delimiter;
  guint      n_records;
  guint      n_columns;
  GPtrArray *fields;         /* LikertField *: header, role and scale of each column */
  GPtrArray *notices;        /* char *: things the analyst should know (translated) */
};

GQuark              likert_import_error_quark (void);

/* Imports a header-row CSV into store in one transaction: all of it or, on error or
 * cancellation, nothing. progress is called from the calling thread. */
LikertImportReport *likert_import_file        (LikertStore         *store,
                                               const char          *path,
                                               LikertProgressFunc   progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* The same on a worker thread with its own connection to project_path (created if needed).
 * progress is called on the thread-default main context of the caller. */
void                likert_import_file_async  (const char          *project_path,
                                               const char          *path,
                                               LikertProgressFunc   progress,
                                               gpointer             progress_data,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
LikertImportReport *likert_import_file_finish (GAsyncResult        *result,
                                               GError             **error);

void                likert_import_report_free (LikertImportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertImportReport, likert_import_report_free)

G_END_DECLS
