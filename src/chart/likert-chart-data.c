/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "likert-chart-data.h"

/* The most periods a trend chart covers (some 27 years of days). */
#define MAX_PERIODS 10000

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* A row of a segmented chart: a value of the segment field (or everyone) and its statistics. */
typedef struct
{
  const char  *label;
  LikertStats  stats;
  const char  *value;   /* the frame's value; NULL for the row "All" */
} SegmentRow;

/* Helpers: memory */

static gpointer
own (LikertChartData *self,
     gpointer         pointer)
{
  g_ptr_array_add (self->owned, pointer);
  return pointer;
}

static const char *
own_string (LikertChartData *self,
            const char      *text)
{
  return text != NULL ? own (self, g_strdup (text)) : NULL;
}

static gboolean
row_selected (const guint64 *selected,
              guint          row)
{
  return selected == NULL || (selected[row / 64] >> (row % 64)) & 1;
}

/* Helpers: names */

static gboolean
data_error (GError    **error,
            const char *message)
{
  g_set_error_literal (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA, message);
  return FALSE;
}

static gboolean
find_question (LikertFrame           *frame,
               const LikertChartSpec *spec,
               guint                 *question,
               GError               **error)
{
  gint q;

  if (likert_frame_get_n_questions (frame) == 0)
    return data_error (error, _("The project has no rating questions"));
  if (spec->question == NULL)
    {
      *question = 0;
      return TRUE;
    }
  q = likert_frame_find_question (frame, spec->question);
  if (q < 0)
    {
      g_autofree char *message =
        /* Translators: %s is the name of a rating question */
        g_strdup_printf (_("There is no rating question “%s”"), spec->question);

      return data_error (error, message);
    }
  *question = (guint) q;
  return TRUE;
}

static int
compare_segment_rows (gconstpointer a,
                      gconstpointer b)
{
  const SegmentRow *ra = a;
  const SegmentRow *rb = b;

  if (ra->stats.n != rb->stats.n)
    return ra->stats.n < rb->stats.n ? 1 : -1;
  return strcmp (ra->label, rb->label);
}

/* The rows of a segmented chart of question: per value of spec->segment with selected rows,
 * most answers first; or one row "All". */
static GArray *
segment_rows (LikertChartData      *self,
              LikertFrame           *frame,
              guint                  question,
              const guint64         *selected,
              const LikertChartSpec *spec,
              GError               **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SegmentRow));
  g_autofree LikertStats *stats = NULL;
  guint n_values;
  gint category;

  if (spec->segment == NULL)
    {
      SegmentRow row = { _("All"), { 0 }, NULL };

      likert_frame_compute_stats (frame, question, selected, &row.stats);
      g_array_append_val (rows, row);
      return g_steal_pointer (&rows);
    }

  category = likert_frame_find_category (frame, spec->segment);
  if (category < 0)
    {
      g_autofree char *message =
        /* Translators: %s is the name of a field such as “country” */
        g_strdup_printf (_("There is no categorical field “%s”"), spec->segment);

      data_error (error, message);
      return NULL;
    }
  n_values = likert_frame_get_n_category_values (frame, (guint) category);
  stats = g_new0 (LikertStats, MAX (n_values, 1));
  likert_frame_compute_segment_stats (frame, question, (guint) category, selected, stats);
  for (guint code = 0; code < n_values; code++)
    if (stats[code].n + stats[code].missing > 0)
      {
        const char *value = likert_frame_get_category_value (frame, (guint) category, code);
        SegmentRow row;

        row.label = own_string (self, *value != '\0'
                                      ? value
                                      /* Translators: a segment of responses whose cell of
                                       * the field is empty */
                                      : C_("category value", "(empty)"));
        row.stats = stats[code];
        row.value = own_string (self, value);
        g_array_append_val (rows, row);
      }
  g_array_sort (rows, compare_segment_rows);
  return g_steal_pointer (&rows);
}

/* The frame's segment values of rows, in their order (NULL without a segment). */
static void
own_segment_values (LikertChartData       *self,
                    const LikertChartSpec *spec,
                    GArray                *rows)
{
  const char **values;

  if (spec->segment == NULL)
    return;
  values = own (self, g_new0 (const char *, rows->len + 1));
  for (guint i = 0; i < rows->len; i++)
    values[i] = g_array_index (rows, SegmentRow, i).value;
  self->segment_values = values;
}

/* A copy of the question's labels, one (nullable) per scale point. */
static const char * const *
own_labels (LikertChartData   *self,
            const LikertField *field)
{
  guint n_points = (guint) (field->scale_max - field->scale_min + 1);
  const char **labels = own (self, g_new0 (const char *, n_points));

  for (guint i = 0; i < n_points && i < LIKERT_MAX_SCALE; i++)
    labels[i] = own_string (self, field->labels[i]);
  return labels;
}

/* Builders */

static gboolean
build_histogram (LikertChartData       *self,
                 LikertFrame           *frame,
                 guint                  question,
                 const guint64         *selected,
                 const LikertChartSpec *spec)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  LikertHistogramData *data = &self->histogram;
  LikertStats stats;

  likert_frame_compute_stats (frame, question, selected, &stats);
  data->title = own_string (self, field->header);
  data->scale_min = stats.scale_min;
  data->scale_max = stats.scale_max;
  data->counts = own (self, g_memdup2 (stats.counts, sizeof stats.counts));
  data->labels = own_labels (self, field);
  data->percent = spec->percent;
  return TRUE;
}

static gboolean
build_diverging (LikertChartData       *self,
                 LikertFrame           *frame,
                 guint                  question,
                 const guint64         *selected,
                 const LikertChartSpec *spec,
                 GError               **error)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  LikertDivergingData *data = &self->diverging;
  g_autoptr(GArray) rows = segment_rows (self, frame, question, selected, spec, error);
  LikertDivergingSegment *segments;

  if (rows == NULL)
    return FALSE;
  segments = own (self, g_new0 (LikertDivergingSegment, MAX (rows->len, 1)));
  for (guint i = 0; i < rows->len; i++)
    {
      SegmentRow *row = &g_array_index (rows, SegmentRow, i);

      segments[i].label = row->label;
      segments[i].counts = own (self, g_memdup2 (row->stats.counts, sizeof row->stats.counts));
    }
  data->title = own_string (self, field->header);
  data->scale_min = field->scale_min;
  data->scale_max = field->scale_max;
  data->labels = own_labels (self, field);
  data->segments = segments;
  data->n_segments = rows->len;
  own_segment_values (self, spec, rows);
  return TRUE;
}

/* MEAN and CSAT. */
static gboolean
build_interval (LikertChartData       *self,
                LikertFrame           *frame,
                guint                  question,
                const guint64         *selected,
                const LikertChartSpec *spec,
                GError               **error)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  LikertIntervalData *data = &self->interval;
  g_autoptr(GArray) rows = segment_rows (self, frame, question, selected, spec, error);
  gboolean csat = spec->kind == LIKERT_CHART_CSAT;
  LikertIntervalRow *out;
  LikertStats overall;

  if (rows == NULL)
    return FALSE;
  out = own (self, g_new0 (LikertIntervalRow, MAX (rows->len, 1)));
  for (guint i = 0; i < rows->len; i++)
    {
      const LikertStats *stats = &g_array_index (rows, SegmentRow, i).stats;

      out[i].label = g_array_index (rows, SegmentRow, i).label;
      out[i].value = csat ? stats->top2box : stats->mean;
      out[i].low = csat ? stats->top2box_low : stats->ci95_low;
      out[i].high = csat ? stats->top2box_high : stats->ci95_high;
      out[i].n = stats->n;
    }

  data->title = own_string (self, field->header);
  data->rows = out;
  data->n_rows = rows->len;
  data->percent = csat;
  if (csat)
    {
      data->value_name = own_string (self, _("CSAT (top-2-box)"));
      data->axis_min = 0.0;
      data->axis_max = 1.0;
    }
  else
    {
      /* Translators: the value axis of a chart of means; %d–%d is the scale, e.g. 1–5 */
      data->value_name = own (self, g_strdup_printf (_("Mean (%d–%d)"), field->scale_min,
                                                     field->scale_max));
      data->axis_min = field->scale_min;
      data->axis_max = field->scale_max;
    }
  data->reference = NAN;
  if (spec->segment != NULL)
    {
      likert_frame_compute_stats (frame, question, selected, &overall);
      data->reference = csat ? overall.top2box : overall.mean;
      data->reference_label = own_string (self, _("All"));
    }
  own_segment_values (self, spec, rows);
  return TRUE;
}

static gboolean
build_nps (LikertChartData       *self,
           LikertFrame           *frame,
           guint                  question,
           const guint64         *selected,
           const LikertChartSpec *spec,
           GError               **error)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  g_autoptr(GArray) rows = NULL;
  LikertNpsRow *out;

  if (field->scale_min != 0 || field->scale_max != 10)
    {
      g_autofree char *message =
        /* Translators: %s is the name of a rating question */
        g_strdup_printf (_("An NPS chart needs a 0–10 question; “%s” is rated %d–%d"),
                         field->header, field->scale_min, field->scale_max);

      return data_error (error, message);
    }
  if ((rows = segment_rows (self, frame, question, selected, spec, error)) == NULL)
    return FALSE;

  out = own (self, g_new0 (LikertNpsRow, MAX (rows->len, 1)));
  for (guint i = 0; i < rows->len; i++)
    {
      const LikertStats *stats = &g_array_index (rows, SegmentRow, i).stats;

      out[i].label = g_array_index (rows, SegmentRow, i).label;
      out[i].counts[LIKERT_NPS_DETRACTORS] = stats->detractors;
      out[i].counts[LIKERT_NPS_PASSIVES] = stats->passives;
      out[i].counts[LIKERT_NPS_PROMOTERS] = stats->promoters;
      out[i].nps = stats->nps;
      out[i].low = stats->nps_low;
      out[i].high = stats->nps_high;
    }
  self->nps.title = own_string (self, field->header);
  self->nps.rows = out;
  self->nps.n_rows = rows->len;
  own_segment_values (self, spec, rows);
  return TRUE;
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, y;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (y + (*month <= 2));
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* A period's key: day number, the day number of its week's Monday, or year × 12 + month − 1. */
static gint64
period_key (LikertPeriod period,
            gint64       time)
{
  gint64 days = floor_div (time, SECONDS_PER_DAY);
  int year, month, day;

  switch (period)
    {
    case LIKERT_PERIOD_DAY:
      return days;
    case LIKERT_PERIOD_WEEK:
      /* 1970-01-01 was a Thursday: Monday is 3 days before. */
      return days - ((days + 3) - floor_div (days + 3, 7) * 7);
    case LIKERT_PERIOD_MONTH:
    case LIKERT_PERIOD_N_PERIODS:
    default:
      civil_from_days (days, &year, &month, &day);
      return (gint64) year * 12 + month - 1;
    }
}

/* Day number of a civil date (H. Hinnant's algorithm, the inverse of civil_from_days). */
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 era, y = year - (month <= 2);
  guint yoe, doy, doe;

  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (guint) ((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1);
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

/* The first second (UTC) of the period of key. */
static gint64
period_start (LikertPeriod period,
              gint64       key)
{
  if (period == LIKERT_PERIOD_MONTH)
    return days_from_civil (floor_div (key, 12), (int) (key - floor_div (key, 12) * 12) + 1, 1)
           * SECONDS_PER_DAY;
  return key * SECONDS_PER_DAY;
}

static gint64
period_step (LikertPeriod period)
{
  return period == LIKERT_PERIOD_WEEK ? 7 : 1;
}

static char *
period_label (LikertPeriod period,
              gint64       key)
{
  g_autoptr(GDateTime) date = NULL;

  if (period == LIKERT_PERIOD_MONTH)
    return g_strdup_printf ("%04d-%02d", (int) floor_div (key, 12),
                            (int) (key - floor_div (key, 12) * 12) + 1);
  date = g_date_time_new_from_unix_utc (key * SECONDS_PER_DAY);
  if (date == NULL)
    return g_strdup ("?");
  return g_date_time_format (date, period == LIKERT_PERIOD_WEEK ? "%G-W%V" : "%Y-%m-%d");
}

static gboolean
build_trend (LikertChartData       *self,
             LikertFrame           *frame,
             guint                  question,
             const guint64         *selected,
             const LikertChartSpec *spec,
             GError               **error)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  const gint64 *times = likert_frame_get_times (frame);
  const guint8 *codes = likert_frame_get_codes (frame, question);
  guint n_rows = likert_frame_get_n_rows (frame);
  guint n_points = (guint) (field->scale_max - field->scale_min + 1);
  gint64 step = period_step (spec->period);
  gint64 first = G_MAXINT64, last = G_MININT64;
  g_autofree guint64 *counts = NULL;
  g_autofree guint64 *missing = NULL;
  LikertTrendPeriod *periods;
  gint64 *bounds;
  guint n_periods = 0;

  for (guint row = 0; row < n_rows; row++)
    if (row_selected (selected, row) && times[row] != G_MININT64)
      {
        gint64 key = period_key (spec->period, times[row]);

        first = MIN (first, key);
        last = MAX (last, key);
      }
  if (first <= last)
    {
      if ((last - first) / step >= MAX_PERIODS)
        return data_error (error, _("The responses span too many periods for a trend chart; "
                                    "choose a longer period"));
      n_periods = (guint) ((last - first) / step + 1);
    }

  counts = g_new0 (guint64, MAX (n_periods, 1) * n_points);
  missing = g_new0 (guint64, MAX (n_periods, 1));
  for (guint row = 0; row < n_rows; row++)
    if (row_selected (selected, row) && times[row] != G_MININT64)
      {
        guint p = (guint) ((period_key (spec->period, times[row]) - first) / step);

        if (codes[row] == 0 || codes[row] > n_points)
          missing[p]++;
        else
          counts[p * n_points + codes[row] - 1]++;
      }

  periods = own (self, g_new0 (LikertTrendPeriod, MAX (n_periods, 1)));
  bounds = own (self, g_new0 (gint64, n_periods + 1));
  for (guint p = 0; p <= n_periods && n_periods > 0; p++)
    bounds[p] = period_start (spec->period, first + (gint64) p * step);
  self->period_bounds = bounds;
  for (guint p = 0; p < n_periods; p++)
    {
      LikertStats stats;

      likert_stats_from_counts (&stats, field->scale_min, field->scale_max,
                                counts + p * n_points, missing[p]);
      periods[p].label = own (self, period_label (spec->period, first + (gint64) p * step));
      periods[p].value = stats.mean;
      periods[p].low = stats.ci95_low;
      periods[p].high = stats.ci95_high;
      periods[p].n = stats.n;
    }

  self->trend.title = own_string (self, field->header);
  self->trend.value_name = own (self, g_strdup_printf (_("Mean (%d–%d)"), field->scale_min,
                                                       field->scale_max));
  self->trend.periods = periods;
  self->trend.n_periods = n_periods;
  self->trend.axis_min = field->scale_min;
  self->trend.axis_max = field->scale_max;
  return TRUE;
}

typedef struct
{
  guint       tag;
  guint64     count;
  const char *name;
} TagCount;

static int
compare_tag_counts (gconstpointer a,
                    gconstpointer b)
{
  const TagCount *ta = a;
  const TagCount *tb = b;

  if (ta->count != tb->count)
    return ta->count < tb->count ? 1 : -1;
  return g_strcmp0 (ta->name, tb->name);
}

/* Every tag with its count of selected rows, most first. */
static GArray *
tag_counts (LikertFrame   *frame,
            const guint64 *selected)
{
  guint n_tags = likert_frame_get_n_tags (frame);
  gsize n_words = likert_frame_bitmap_words (frame);
  GArray *tags = g_array_new (FALSE, TRUE, sizeof (TagCount));

  for (guint t = 0; t < n_tags; t++)
    {
      const guint64 *bits = likert_frame_get_tag_rows (frame, t);
      TagCount tag = { t, 0, likert_frame_get_tag_name (frame, t) };

      for (gsize w = 0; bits != NULL && w < n_words; w++)
        tag.count += (guint64) __builtin_popcountll (bits[w] & (selected ? selected[w]
                                                                         : G_MAXUINT64));
      g_array_append_val (tags, tag);
    }
  g_array_sort (tags, compare_tag_counts);
  return tags;
}

static gboolean
build_tags (LikertChartData *self,
            LikertFrame     *frame,
            const guint64   *selected)
{
  g_autoptr(GArray) tags = tag_counts (frame, selected);
  LikertTagCount *out = own (self, g_new0 (LikertTagCount, MAX (tags->len, 1)));

  for (guint i = 0; i < tags->len; i++)
    {
      out[i].name = own_string (self, g_array_index (tags, TagCount, i).name);
      out[i].count = g_array_index (tags, TagCount, i).count;
    }
  self->tag_bars.title = own_string (self, _("Tags"));
  self->tag_bars.tags = out;
  self->tag_bars.n_tags = tags->len;
  self->tag_bars.total = self->n_selected;
  return TRUE;
}

static gboolean
build_heatmap (LikertChartData *self,
               LikertFrame     *frame,
               guint            question,
               const guint64   *selected)
{
  const LikertField *field = likert_frame_get_question (frame, question);
  const guint8 *codes = likert_frame_get_codes (frame, question);
  guint n_rows = likert_frame_get_n_rows (frame);
  guint n_points = (guint) (field->scale_max - field->scale_min + 1);
  g_autoptr(GArray) tags = tag_counts (frame, selected);
  const char **names = own (self, g_new0 (const char *, MAX (tags->len, 1)));
  guint64 *counts = own (self, g_new0 (guint64, MAX (tags->len, 1) * n_points));

  for (guint i = 0; i < tags->len; i++)
    {
      guint tag = g_array_index (tags, TagCount, i).tag;
      const guint64 *bits = likert_frame_get_tag_rows (frame, tag);

      names[i] = own_string (self, g_array_index (tags, TagCount, i).name);
      for (guint row = 0; bits != NULL && row < n_rows; row++)
        if (row_selected (bits, row) && row_selected (selected, row) &&
            codes[row] > 0 && codes[row] <= n_points)
          counts[i * n_points + codes[row] - 1]++;
    }
  /* Translators: the title of a heat map; %s is a rating question */
  self->heatmap.title = own (self, g_strdup_printf (_("Tags × %s"), field->header));
  self->heatmap.scale_min = field->scale_min;
  self->heatmap.scale_max = field->scale_max;
  self->heatmap.labels = own_labels (self, field);
  self->heatmap.tags = names;
  self->heatmap.n_tags = tags->len;
  self->heatmap.counts = counts;
  return TRUE;
}

/* Public API */

LikertChartData *
likert_chart_data_build (LikertFrame           *frame,
                         const guint64         *selected,
                         const LikertChartSpec *spec,
                         GError               **error)
{
  g_autoptr(LikertChartData) self = g_new0 (LikertChartData, 1);
  guint question = 0;
  gboolean ok;

  g_return_val_if_fail (spec->kind < LIKERT_CHART_N_KINDS, NULL);

  self->kind = spec->kind;
  self->owned = g_ptr_array_new_with_free_func (g_free);
  self->n_selected = selected != NULL
                     ? likert_bitmap_count (selected, likert_frame_bitmap_words (frame))
                     : likert_frame_get_n_rows (frame);

  if (spec->kind != LIKERT_CHART_TAGS && !find_question (frame, spec, &question, error))
    return NULL;

  switch (spec->kind)
    {
    case LIKERT_CHART_HISTOGRAM:
      ok = build_histogram (self, frame, question, selected, spec);
      break;
    case LIKERT_CHART_DIVERGING:
      ok = build_diverging (self, frame, question, selected, spec, error);
      break;
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT:
      ok = build_interval (self, frame, question, selected, spec, error);
      break;
    case LIKERT_CHART_NPS:
      ok = build_nps (self, frame, question, selected, spec, error);
      break;
    case LIKERT_CHART_TREND:
      ok = build_trend (self, frame, question, selected, spec, error);
      break;
    case LIKERT_CHART_TAGS:
      ok = build_tags (self, frame, selected);
      break;
    case LIKERT_CHART_HEATMAP:
      ok = build_heatmap (self, frame, question, selected);
      break;
    case LIKERT_CHART_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
  return ok ? g_steal_pointer (&self) : NULL;
}

void
likert_chart_data_free (LikertChartData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->owned, g_ptr_array_unref);
  g_free (data);
}

LikertChartRenderFunc
likert_chart_data_get_render_func (const LikertChartData *data)
{
  switch (data->kind)
    {
    case LIKERT_CHART_HISTOGRAM: return likert_histogram_draw;
    case LIKERT_CHART_DIVERGING: return likert_diverging_draw;
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT: return likert_interval_draw;
    case LIKERT_CHART_NPS: return likert_nps_draw;
    case LIKERT_CHART_TREND: return likert_trend_draw;
    case LIKERT_CHART_TAGS: return likert_tag_bars_draw;
    case LIKERT_CHART_HEATMAP: return likert_tag_heatmap_draw;
    case LIKERT_CHART_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
likert_chart_data_describe (const LikertChartData *data)
{
  switch (data->kind)
    {
    case LIKERT_CHART_HISTOGRAM: return likert_histogram_describe (&data->histogram);
    case LIKERT_CHART_DIVERGING: return likert_diverging_describe (&data->diverging);
    case LIKERT_CHART_MEAN:
    case LIKERT_CHART_CSAT: return likert_interval_describe (&data->interval);
    case LIKERT_CHART_NPS: return likert_nps_describe (&data->nps);
    case LIKERT_CHART_TREND: return likert_trend_describe (&data->trend);
    case LIKERT_CHART_TAGS: return likert_tag_bars_describe (&data->tag_bars);
    case LIKERT_CHART_HEATMAP: return likert_tag_heatmap_describe (&data->heatmap);
    case LIKERT_CHART_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

guint64 *
likert_chart_spec_select (LikertFrame           *frame,
                          LikertStore           *store,
                          const LikertChartSpec *spec,
                          guint                 *n_selected,
                          GError               **error)
{
  g_autofree guint64 *matches = NULL;
  g_autofree guint64 *selected = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *search = likert_filter_get_search (spec->filter);
  guint n = 0;

  if (search != NULL && *search != '\0')
    {
      g_return_val_if_fail (store != NULL, NULL);
      matches = likert_frame_search (frame, store, search, NULL, error);
      if (matches == NULL)
        return NULL;
    }
  selected = likert_filter_select (spec->filter, frame, matches, NULL, &n, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n_selected != NULL)
    *n_selected = n;
  return g_steal_pointer (&selected);
}

/* Writes the chart to path or, when png is not NULL, renders it to PNG bytes in *png. */
static gboolean
write_chart (const LikertChartData  *data,
             const char             *path,
             GBytes                **png,
             double                  width,
             double                  height,
             double                  scale,
             gboolean                dark,
             gboolean                rtl,
             GError                **error)
{
  LikertChartRenderFunc render = likert_chart_data_get_render_func (data);
  LikertChartStyle style;
  gboolean ok;

  likert_chart_style_init_default (&style, dark);
  style.rtl = rtl;
  if (png == NULL)
    ok = likert_chart_export (path, width, height, scale, &style, render, &data->histogram,
                              error);
  else
    ok = (*png = likert_chart_render_png (width, height, scale, &style, render,
                                          &data->histogram, error)) != NULL;
  likert_chart_style_clear (&style);
  return ok;
}

GBytes *
likert_chart_data_render_png (const LikertChartData *data,
                              double                 width,
                              double                 height,
                              double                 scale,
                              gboolean               dark,
                              gboolean               rtl,
                              GError               **error)
{
  GBytes *png = NULL;

  write_chart (data, NULL, &png, width, height, scale, dark, rtl, error);
  return png;
}

gboolean
likert_chart_data_export_full (const LikertChartData *data,
                               const char            *path,
                               double                 width,
                               double                 height,
                               double                 scale,
                               gboolean               dark,
                               gboolean               rtl,
                               GError               **error)
{
  return write_chart (data, path, NULL, width, height, scale, dark, rtl, error);
}

gboolean
likert_chart_data_export (const LikertChartData *data,
                          const char            *path,
                          double                 width,
                          double                 height,
                          double                 scale,
                          gboolean               dark,
                          GError               **error)
{
  return likert_chart_data_export_full (data, path, width, height, scale, dark, FALSE, error);
}

static LikertChartData *
build_for_spec (LikertFrame           *frame,
                LikertStore           *store,
                const LikertChartSpec *spec,
                GError               **error)
{
  g_autofree guint64 *selected = likert_chart_spec_select (frame, store, spec, NULL, error);

  if (selected == NULL)
    return NULL;
  return likert_chart_data_build (frame, selected, spec, error);
}

gboolean
likert_chart_render_spec_to_file (LikertFrame           *frame,
                                  LikertStore           *store,
                                  const LikertChartSpec *spec,
                                  const char            *path,
                                  double                 width,
                                  double                 height,
                                  double                 scale,
                                  gboolean               dark,
                                  GError               **error)
{
  g_autoptr(LikertChartData) data = build_for_spec (frame, store, spec, error);

  return data != NULL && likert_chart_data_export (data, path, width, height, scale, dark, error);
}

char *
likert_chart_spec_describe (LikertFrame           *frame,
                            LikertStore           *store,
                            const LikertChartSpec *spec,
                            GError               **error)
{
  g_autoptr(LikertChartData) data = build_for_spec (frame, store, spec, error);

  return data != NULL ? likert_chart_data_describe (data) : NULL;
}
