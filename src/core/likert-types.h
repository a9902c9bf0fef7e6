/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LikertStore LikertStore;
typedef struct _LikertFrame LikertFrame;
typedef struct _LikertField LikertField;
typedef struct _LikertTag LikertTag;
typedef struct _LikertResponse LikertResponse;
typedef struct _LikertImportReport LikertImportReport;
typedef struct _LikertStats LikertStats;

/* The role a column plays in the analysis. Stored as text in the project (see likert_role_to_string). */
typedef enum {
  LIKERT_ROLE_OTHER,
  LIKERT_ROLE_ID,
  LIKERT_ROLE_TIME,
  LIKERT_ROLE_RATING,
  LIKERT_ROLE_TEXT,
  LIKERT_ROLE_CATEGORY,
  LIKERT_ROLE_LABEL,     /* the label twin of a numeric rating column ("5" ↔ "Extremely satisfied") */
} LikertRole;

typedef enum {
  LIKERT_STATUS_NEW,
  LIKERT_STATUS_REVIEWED,
  LIKERT_STATUS_FLAGGED,
  LIKERT_STATUS_EXCLUDED,
} LikertStatus;

/* Called from a worker thread; fraction in [0, 1]. */
typedef void (*LikertProgressFunc) (double fraction, gpointer user_data);

/* The largest number of points a rating scale may have (0–10 is 11). */
#define LIKERT_MAX_SCALE 11

/* A rating as response.ratings and the frame keep it: its place on a scale_min … scale_max
 * scale (value − scale_min + 1); 0 for no answer, or a value off the scale. */
static inline guint8
likert_rating_code (int value,
                    int scale_min,
                    int scale_max)
{
  return value >= scale_min && value <= scale_max ? (guint8) (value - scale_min + 1) : 0;
}

/* Whether code is an answer on a scale_min … scale_max scale (not 0, not past its end). */
static inline gboolean
likert_rating_code_is_answer (guint8 code,
                              int    scale_min,
                              int    scale_max)
{
  return code >= 1 && code <= scale_max - scale_min + 1;
}

const char *likert_role_to_string   (LikertRole   role);
LikertRole  likert_role_from_string (const char  *str);
const char *likert_status_to_string (LikertStatus status);
/* "new", "reviewed", "flagged", "excluded" (ASCII case ignored); FALSE for anything else. */
gboolean    likert_status_from_string (const char  *text,
                                       LikertStatus *status);

G_END_DECLS
