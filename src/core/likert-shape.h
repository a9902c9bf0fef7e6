/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "likert-types.h"

G_BEGIN_DECLS

/* The shape stage: which survey tool wrote a file, how many header rows it has, what its
 * columns are called and what the tool says about them. Detected from signatures in the
 * first records (header names, Qualtrics' ImportId row, SurveyMonkey's continuation row),
 * never from the file name; anything unrecognised is PLAIN. */

#define LIKERT_SHAPE_ERROR (likert_shape_error_quark ())

typedef enum {
  LIKERT_SHAPE_ERROR_EMPTY,       /* no records, or only blank ones */
  LIKERT_SHAPE_ERROR_MISFIT,      /* a forced kind or number of header rows does not fit */
} LikertShapeError;

typedef enum {
  LIKERT_SHAPE_AUTO = -1,         /* for likert_shape_detect (): detect the kind */
  LIKERT_SHAPE_PLAIN,             /* one header row (or, forced, 2–3 merged ones) */
  LIKERT_SHAPE_HEADERLESS,        /* no header row: columns are "Column 1", "Column 2", … */
  LIKERT_SHAPE_GOOGLE_FORMS,
  LIKERT_SHAPE_SURVEYMONKEY,
  LIKERT_SHAPE_QUALTRICS,
  LIKERT_SHAPE_LIMESURVEY,
  LIKERT_SHAPE_HOTJAR,
  LIKERT_SHAPE_TYPEFORM,
} LikertShapeKind;

#define LIKERT_SHAPE_N_KINDS (LIKERT_SHAPE_TYPEFORM + 1)

typedef struct
{
  char       *name;          /* the column's name in the project: unique, never empty */
  char       *question;      /* nullable: the full question text (SurveyMonkey row 1,
                              * Qualtrics row 2, a Google Forms grid's question) */
  char       *import_id;     /* nullable: Qualtrics' ImportId ("QID2_1", "startDate") */
  LikertRole  role_hint;     /* what the vendor's layout says; LIKERT_ROLE_OTHER: no opinion */
  int         scale_min;     /* the scale when the vendor states it ("Emotion (1-5)"), */
  int         scale_max;     /* else 0, 0 */
  gboolean    metadata;      /* vendor bookkeeping (IP address, duration, seed…): kept in the
                              * project, not offered for analysis by default */
} LikertShapeColumn;

typedef struct
{
  LikertShapeKind    kind;
  guint              skip_rows;      /* leading blank records before the header */
  guint              header_rows;    /* 0 (headerless) to 3; data starts at skip_rows +
                                      * header_rows */
  guint              n_columns;      /* the widest header row (the first record if headerless) */
  LikertShapeColumn *columns;
  int                status_column;  /* Qualtrics' Status column, else -1 */
  GPtrArray         *notices;        /* char *, translated: names made unique or given */
} LikertShape;

GQuark       likert_shape_error_quark         (void);

/* "plain", "headerless", "google-forms", … as stored in the project. */
const char  *likert_shape_kind_to_string      (LikertShapeKind   kind);
gboolean     likert_shape_kind_from_string    (const char       *str,
                                               LikertShapeKind  *kind);
/* "Plain CSV with a header row", "Google Forms", … translated. */
const char  *likert_shape_kind_display_name   (LikertShapeKind   kind);

/* Detects the shape from the first records of a file (typically 50). records[i] is the
 * NULL-terminated array of the cells of record i. force_kind (LIKERT_SHAPE_AUTO to detect)
 * and force_header_rows (-1 to detect, else 0–3) override detection; when they do not fit
 * the file (too few records, a kind that has another number of header rows) the result is
 * NULL and error is set. */
LikertShape *likert_shape_detect              (const char * const * const *records,
                                               guint                       n_records,
                                               LikertShapeKind             force_kind,
                                               int                         force_header_rows,
                                               GError                    **error);

/* TRUE when a data record should be excluded by default — a Qualtrics preview, test, spam
 * or synthetic response — with a translated reason (a static string). */
gboolean     likert_shape_excludes            (const LikertShape          *shape,
                                               const char * const         *record,
                                               const char                **reason);

LikertShape *likert_shape_copy                (const LikertShape          *shape);
void         likert_shape_free                (LikertShape                *shape);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LikertShape, likert_shape_free)

G_END_DECLS
