/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "likert-scale.h"
#include "likert-shape.h"
#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_IMPORT_ERROR (likert_import_error_quark ())

typedef enum {
  LIKERT_IMPORT_ERROR_EMPTY,     /* no header, or no records */
  LIKERT_IMPORT_ERROR_RAGGED,    /* a record with another number of fields than the header */
  LIKERT_IMPORT_ERROR_HEADER,    /* an empty or repeated column name */
  LIKERT_IMPORT_ERROR_PROBLEMS,  /* values that are not what their column expects */
  LIKERT_IMPORT_ERROR_OPTION,    /* an option that does not fit the file */
} LikertImportError;

/* What the analyst decided; every field has a "detect" value. */
typedef struct
{
  char            *encoding;        /* NULL: detect */
  char             delimiter;       /* 0: sniff */
  LikertShapeKind  shape;           /* LIKERT_SHAPE_AUTO: detect */
  int              header_rows;     /* -1: the shape's */
  GPtrArray       *ratings;         /* LikertRatingChoice *: columns declared as ratings */
  LikertDateOrder  date_order;      /* UNKNOWN: detect */
  gboolean         skip_bad_rows;   /* import the rest when some rows have problems */
  gboolean         keep_excluded;   /* import the rows the vendor marks as tests or previews */
} LikertImportOptions;

typedef struct
{
  char *column;                     /* a column name */
  int   scale_min;                  /* both 0: guess the scale from the values */
  int   scale_max;
} LikertRatingChoice;

/* A value or a record that is not what the import expects. */
typedef struct
{
  guint64  record;                  /* 1-based data record */
  guint    line;                    /* 1-based line in the file */
  guint    column;                  /* 1-based character column in that line */
  char    *field;                   /* nullable: the column's name */
  char    *value;                   /* nullable: the cell as written */
  char    *message;                 /* translated */
} LikertImportProblem;

/* What a file holds and how it would be imported: the result of reading it once. */
typedef struct
{
  char            *path;
  char            *source_name;
  guint64          size;
  char            *sha256;
  char            *encoding;
  char             delimiter;
  LikertShape     *shape;
  guint            n_columns;
  LikertField    **fields;          /* n_columns: header, role, scale, labels of each column */
  LikertDateOrder  date_order;
  gboolean         date_order_ambiguous;
  guint64          n_records;       /* data records, excluded ones included */
  guint64          n_excluded;      /* vendor tests, previews, spam: left out by default */
  guint64          n_bad_records;   /* records with at least one problem */
  guint64          n_problems;      /* all problems; at most LIKERT_IMPORT_MAX_PROBLEMS listed */
  GPtrArray       *problems;        /* LikertImportProblem * */
  GPtrArray       *preview;         /* GStrv: the first data records as parsed */
  GPtrArray       *notices;         /* char *: things the analyst should know (translated) */
} LikertImportPlan;

#define LIKERT_IMPORT_MAX_PROBLEMS 1000
#define LIKERT_IMPORT_PREVIEW_ROWS 20

/* What an import found and did. */
struct _LikertImportReport
{
  gint64     dataset_id;
  gint64     import_id;
  char      *source_name;
  char      *encoding;
  char       delimiter;
  char      *shape;          /* likert_shape_kind_to_string () */
  guint      n_records;      /* data records read */
  guint      n_new;          /* responses added */
  guint      n_duplicates;   /* already in the project from an earlier import */
  guint      n_skipped;      /* bad rows skipped (with skip_bad_rows) */
  guint      n_excluded;     /* vendor tests and previews left out */
  guint      n_columns;
  GPtrArray *fields;         /* LikertField *: header, role and scale of each column */
  GPtrArray *notices;        /* char *: things the analyst should know (translated) */
};

GQuark              likert_import_error_quark      (void);

void                likert_import_options_init     (LikertImportOptions  *options);
void                likert_import_options_clear    (LikertImportOptions  *options);
/* Adds "COLUMN" or "COLUMN:MIN-MAX" (as likert-cli's --rating takes it). */
gboolean            likert_import_options_add_rating (LikertImportOptions *options,
                                                      const char          *spec,
                                                      GError             **error);

/* Reads the whole file (streamed: memory stays flat) and works out how it would import:
 * encoding, dialect, shape, roles, scales and every problem. Writes nothing. options may be
 * NULL. Fails only when the file cannot be read as CSV at all (I/O, encoding, a quote never
 * closed); value problems are listed in the plan. */
LikertImportPlan   *likert_import_plan_file        (const char           *path,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void                likert_import_plan_free        (LikertImportPlan     *plan);

/* Imports what plan describes, in one transaction: all of it or, on error, cancellation or a
 * crash, nothing. A plan with problems imports only with options->skip_bad_rows. A newer
 * export of a survey already in the project adds only its new responses. */
LikertImportReport *likert_import_run              (LikertStore          *store,
                                                    const LikertImportPlan *plan,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

/* Plan and run in one call (options may be NULL). */
LikertImportReport *likert_import_file             (LikertStore          *store,
                                                    const char           *path,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

/* The same on worker threads: a plan, and a run with its own connection to project_path
 * (created if needed). progress is called on the caller's thread-default main context. */
void                likert_import_plan_async       (const char           *path,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
LikertImportPlan   *likert_import_plan_finish      (GAsyncResult         *result,
                                                    GError              **error);
void                likert_import_run_async        (const char           *project_path,
                                                    LikertImportPlan     *plan,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
LikertImportReport *likert_import_run_finish       (GAsyncResult         *result,
                                                    GError              **error);

/* Compatibility for the walking skeleton's callers: plan and run on a worker thread. */
void                likert_import_file_async       (const char           *project_path,
                                                    const char           *path,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
LikertImportReport *likert_import_file_finish      (GAsyncResult         *result,
                                                    GError              **error);

void                likert_import_problem_free     (LikertImportProblem  *problem);
void                likert_import_report_free      (LikertImportReport   *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LikertImportOptions, likert_import_options_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertImportPlan, likert_import_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertImportReport, likert_import_report_free)

G_END_DECLS
