/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The mapper stage: what a cell says as a rating or a time.
 *
 * Everything here runs on every cell of million-row files: no function allocates, none takes a
 * lock after the first call (the label table is built once, thread-safely), and none depends on
 * the process locale. Cells are UTF-8 (the reader has converted them).
 */

/* ------------------------------------------------------------------------------------------------
 * Ratings
 */

/* What a cell is, for a rating column. */
typedef enum
{
  LIKERT_CELL_MISSING,  /* "", "NA", "N/A", "n/a", "N.A.", "#N/A", "-", "--", "–", "—" */
  LIKERT_CELL_INT,      /* "4", " 10 ", "+3", "-1", "٥" (Arabic-Indic digits) */
  LIKERT_CELL_DECIMAL,  /* "3.5", "3,5", ".5": a problem where integers are expected */
  LIKERT_CELL_LABEL,    /* a label of a known scale: "Extremely satisfied", "Très satisfait" */
  LIKERT_CELL_MIXED,    /* a number and a known label: "5 - Extremely satisfied", "(5) Agree",
                         * "5. Très satisfait", "Extremely satisfied (5)" */
  LIKERT_CELL_TEXT,     /* anything else */
} LikertCellKind;

/* The known labelled scales, all five points (1 = the negative end). */
typedef enum
{
  LIKERT_LABEL_SCALE_NONE,          /* not a label */
  LIKERT_LABEL_SCALE_SATISFACTION,  /* Extremely dissatisfied … Extremely satisfied */
  LIKERT_LABEL_SCALE_AGREEMENT,     /* Strongly disagree … Strongly agree */
  LIKERT_LABEL_SCALE_LIKELIHOOD,    /* Extremely unlikely … Extremely likely */
  LIKERT_LABEL_SCALE_QUALITY,       /* Very poor, Poor, Fair, Good, Excellent */
  LIKERT_LABEL_SCALE_NEUTRAL,       /* a bare midpoint ("Neutral", "Neutre", "محايد", …), value 3:
                                     * fits any of the above; a column's scale is the one its
                                     * other labels name */
  LIKERT_N_LABEL_SCALES
} LikertLabelScale;

/* An integer, surrounding spaces allowed ("4", " 10 "), at most 9 digits, ASCII only. */
gboolean       likert_scale_parse_int        (const char *text,
                                              int        *value);

/* A label of a known scale, alone in the cell ("Extremely satisfied" → 5, "Plutôt satisfait" → 4,
 * "راض جدا" → 5), compared insensitively to case, accents, Arabic harakat and tatweel, and runs of
 * spaces. value receives the point, 1–5. Mixed forms ("5 - Agree") are not labels: see
 * likert_scale_classify(). */
gboolean       likert_scale_parse_label      (const char *text,
                                              int        *value);

/* Classifies a cell for rating use. value receives the integer for INT, LABEL and MIXED (for MIXED
 * the number written in the cell), 0 otherwise: for DECIMAL no rounded value is given — it is a
 * problem to report. label_scale receives a LikertLabelScale for LABEL and MIXED,
 * LIKERT_LABEL_SCALE_NONE otherwise. Either pointer may be NULL. Integers of more than 9 digits
 * are TEXT. */
LikertCellKind likert_scale_classify         (const char *cell,
                                              int        *value,
                                              guint      *label_scale);

/* Splits a number-and-label cell whatever its label, known or not ("7 - Best ever" → 7,
 * "Best ever"; "7. Best ever"; "(7) Best ever"; "Best ever (7)"; "Best ever - 7"), for proposing
 * a label map for a vendor's own labels. The number and the label must be set apart by a dash,
 * ".", ":", ")", "=" or brackets, or by a space alone when the label is a known one ("5 Agree";
 * "3 apples" is not split), and the label must hold a letter. Every MIXED cell splits.
 * label points into cell (not NUL-terminated: label_length bytes). Returns FALSE when the cell is
 * not of that form. */
gboolean       likert_scale_split_mixed      (const char  *cell,
                                              int         *value,
                                              const char **label,
                                              gsize       *label_length);

/* "satisfaction", "agreement", "likelihood", "quality", "neutral"; NULL for NONE or unknown ids. */
const char    *likert_scale_label_name       (guint       label_scale);

/* The label of a point (1–5) of a known scale in a language ("en", "fr", "ar", "ru", "es", or a
 * locale name such as "fr_FR.UTF-8"; NULL or any other language gives English), for the label map.
 * NULL when the scale or the point does not exist. */
const char    *likert_scale_canonical_label  (guint       label_scale,
                                              int         value,
                                              const char *language);

/* Walks the whole label table, i from 0 until it returns FALSE: every wording of every point of
 * every known scale in every language ("en", "fr", "ar", "ru", "es"), as written in the source
 * (accents included). For tests and for showing which wordings are understood. */
gboolean       likert_scale_known_label      (guint        i,
                                              guint       *label_scale,
                                              int         *value,
                                              const char **language,
                                              const char **label);

/* The scale a rating column is on, from the values seen and its header. */
void           likert_scale_guess_range      (int         min_seen,
                                              int         max_seen,
                                              const char *header,
                                              int        *scale_min,
                                              int        *scale_max);

/* ------------------------------------------------------------------------------------------------
 * Times
 */

/* How to read a date whose year comes last ("05/03/2024", "05.03.2024", "05-03-2024"). Dates with
 * the year first ("2024-03-05", "2024/03/05") and dates with a month name ("March 5, 2024",
 * "5 mars 2024") read the same whatever the order. */
typedef enum
{
  LIKERT_DATE_ORDER_UNKNOWN,  /* year-last dates are not accepted */
  LIKERT_DATE_ORDER_YMD,      /* the same: year-last dates are not accepted */
  LIKERT_DATE_ORDER_DMY,      /* 05/03/2024 = 5 March */
  LIKERT_DATE_ORDER_MDY,      /* 05/03/2024 = 3 May */
} LikertDateOrder;

/* A column scan, to decide d/m/y against m/d/y: zero it (or likert_date_scan_init()), feed every
 * cell of the column, then ask likert_date_scan_result(). Missing cells (LIKERT_CELL_MISSING: "",
 * "N/A", "-", …) are skipped, not counted. Plain counters: scans of parts of a column can be summed
 * field by field. */
typedef struct
{
  guint n_seen;       /* cells fed, missing ones left out */
  guint n_parsed;     /* cells that are a time under at least one order */
  guint first_gt12;   /* year-last dates whose first field is over 12 (a day: d/m/y) */
  guint second_gt12;  /* year-last dates whose second field is over 12 (a day: m/d/y) */
  guint iso;          /* times read the same whatever the order (year first, month name) */
  guint year_last;    /* times with a year-last date */
  guint ok_dmy;       /* cells that are a time read as d/m/y */
  guint ok_mdy;       /* cells that are a time read as m/d/y */
} LikertDateScan;

void             likert_date_scan_init    (LikertDateScan       *scan);
void             likert_date_scan_add     (LikertDateScan       *scan,
                                           const char           *cell);
/* likert_date_scan_add (), and into read and when (which may be NULL) what
 * likert_scale_time_orders () says of cell, with fewer parses than the two. */
void             likert_date_scan_add_orders (LikertDateScan    *scan,
                                              const char        *cell,
                                              gboolean           read[3],
                                              gint64             when[3]);

/* The order that reads every cell fed:
 * - YMD when no cell has a year-last date (ISO-like columns);
 * - DMY when some first field is over 12 and every cell reads as d/m/y; MDY likewise;
 * - UNKNOWN with *ambiguous = TRUE when every cell reads both ways (no field over 12): the UI asks;
 * - UNKNOWN with *ambiguous = FALSE when no order reads every cell (conflicting evidence, a cell
 *   that is not a time at all, or nothing fed): the column is not a time column.
 * ambiguous may be NULL. */
LikertDateOrder  likert_date_scan_result  (const LikertDateScan *scan,
                                           gboolean             *ambiguous);

/* A time as UTC seconds. Accepted, with surrounding spaces:
 * - dates: "2024-03-05", "2024/03/05", "05/03/2024" / "05.03.2024" / "05-03-2024" (year last:
 *   only with order DMY or MDY), "March 5, 2024", "Mar 5 2024", "5 March 2024", "5 mars 2024",
 *   "1er mars 2024" (English and French month names, full or abbreviated, any case);
 * - then optionally a time, after "T", spaces or ", ": "10:33", "10:33:07", "10:33:07.123",
 *   24-hour or 12-hour with "AM"/"PM"/"a.m."/"p.m." (12:00 AM = 00:00, 12:30 PM = 12:30);
 * - then optionally a zone: "Z", "+01:00", "+0100", "+01", "UTC", "GMT", "GMT+1", "UTC-03:30".
 * No zone means UTC. Impossible dates (2025-02-29) and times (24:00, 10:60, 13:00 PM) are
 * rejected, as is anything else. Pure arithmetic: no GDateTime, no allocation, no locale. */
gboolean         likert_scale_parse_time_with_order (const char      *text,
                                                     LikertDateOrder  order,
                                                     gint64          *utc_seconds);

/* Whether text reads as a time in each order: read[0] year-month-day, read[1] day-month-year,
 * read[2] month-day-year, as likert_scale_parse_time_with_order() would say (read once when
 * the order cannot matter: a year-first or month-name date). */
void             likert_scale_time_orders           (const char      *text,
                                                     gboolean         read[3],
                                                     gint64           when[3]);

/* likert_scale_parse_time_with_order (text, LIKERT_DATE_ORDER_YMD, …): ISO 8601 with or without
 * zone, year-first slash dates and month-name dates; year-last dates ("05/03/2024") are rejected
 * because one cell cannot tell d/m/y from m/d/y — scan the column with LikertDateScan and use
 * likert_scale_parse_time_with_order() for those. */
gboolean         likert_scale_parse_time            (const char      *text,
                                                     gint64          *utc_seconds);

G_END_DECLS
