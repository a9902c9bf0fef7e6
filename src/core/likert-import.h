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
  GPtrArray       *roles;           /* LikertRoleChoice *: roles chosen for columns */
  GPtrArray       *labels;          /* LikertLabelChoice *: how to read words of rating columns */
} LikertImportOptions;

/* A role chosen for a column, whatever its values say. A chosen identifier or time column
 * takes the place of any other the file's layout or values suggest. RATING reads the column on
 * the scale its header or values give (a LikertRatingChoice, which comes first, also chooses the
 * scale); LABEL cannot be chosen. */
typedef struct
{
  char       *column;
  LikertRole  role;
} LikertRoleChoice;

/* A value chosen for a word in a rating column ("Meh" → 3, "Don't know" → missing), read
 * before the column's own labels and the known ones. The word is compared with the cell, spaces
 * around it aside, exactly. */
#define LIKERT_LABEL_MISSING (-1)   /* LikertLabelChoice.value: the word is a missing value */
#define LIKERT_LABEL_UNREAD  (-2)   /* LikertFoundLabel.value: the import cannot read the word */

typedef struct
{
  char *column;
  char *label;
  int   value;                      /* 0–10, or LIKERT_LABEL_MISSING */
} LikertLabelChoice;

/* A word found in a rating column, and how the plan reads it. */
typedef struct
{
  char    *label;                   /* as written, spaces around it trimmed */
  guint64  count;                   /* cells holding it */
  int      value;                   /* 0–10, LIKERT_LABEL_MISSING or LIKERT_LABEL_UNREAD */
} LikertFoundLabel;

#define LIKERT_IMPORT_MAX_LABELS 32

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
  GPtrArray      **labels;          /* n_columns, each NULL but for rating columns:
                                     * LikertFoundLabel *, the words (not numbers) found in the
                                     * column: the unread ones first, then in the order of their
                                     * values, the missing ones last, the most frequent first
                                     * among equals; at most LIKERT_IMPORT_MAX_LABELS, the first
                                     * met */
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

/* Adds "COLUMN=ROLE", ROLE one of id, time, rating, text, category, other (as
 * likert_role_to_string () writes them); the last "=" splits (column names may hold some). */
gboolean            likert_import_options_add_role (LikertImportOptions *options,
                                                    const char          *spec,
                                                    GError             **error);
/* Chooses role for column, replacing an earlier choice of a role for it. */
void                likert_import_options_set_role (LikertImportOptions *options,
                                                    const char          *column,
                                                    LikertRole           role);
/* Chooses how to read label in column (value 0–10 or LIKERT_LABEL_MISSING), replacing an earlier
 * choice for that label. */
void                likert_import_options_set_label (LikertImportOptions *options,
                                                     const char          *column,
                                                     const char          *label,
                                                     int                  value);
/* Deep copy: to, uninitialised, receives a copy of from (which may be NULL: the defaults). */
void                likert_import_options_copy     (LikertImportOptions       *to,
                                                    const LikertImportOptions *from);

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
/* How the run would read cell in rating column column of plan, with options (as planned; may
 * be NULL): the label choices first, then the column's labels, then the known labels and
 * numbers. value receives the point for INT, LABEL and MIXED. A label chosen as missing is
 * LIKERT_CELL_MISSING. */
LikertCellKind      likert_import_plan_read_rating (const LikertImportPlan *plan,
                                                    const LikertImportOptions *options,
                                                    guint                 column,
                                                    const char           *cell,
                                                    int                  *value);

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

/* Plan and run in one call (options may be NULL), reading the file once where it can: the
 * run starts on the plan of the file's beginning while the whole file is planned beside it,
 * and stands only when the two plans agree (else it is run again on the whole plan). */
LikertImportReport *likert_import_file             (LikertStore          *store,
                                                    const char           *path,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* The same; when it fails for problems in the file that options do not let it skip
 * (LIKERT_IMPORT_ERROR_PROBLEMS, nothing written), *problems is the whole file's plan, which
 * lists them (else NULL). */
LikertImportReport *likert_import_file_listing_problems (LikertStore          *store,
                                                         const char           *path,
                                                         const LikertImportOptions *options,
                                                         LikertProgressFunc    progress,
                                                         gpointer              progress_data,
                                                         GCancellable         *cancellable,
                                                         LikertImportPlan    **problems,
                                                         GError              **error);

/* The same into the project at project_path, opened with flags (LIKERT_STORE_OPEN_CREATE to
 * create it) on a thread of its own while the file's beginning is planned, and closed before
 * it returns. When the project cannot be opened, error says so and nothing is imported. */
LikertImportReport *likert_import_file_into        (const char           *project_path,
                                                    LikertStoreOpenFlags  flags,
                                                    const char           *path,
                                                    const LikertImportOptions *options,
                                                    LikertProgressFunc    progress,
                                                    gpointer              progress_data,
                                                    GCancellable         *cancellable,
                                                    LikertImportPlan    **problems,
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
