/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The chart data builders (likert-chart-data.h) and chart specs (likert-chart-spec.h), checked
 * against the frame's and likert-stats' own numbers on the sample. */
#include "config.h"

#include <math.h>

#include "likert-chart-data.h"
#include "likert-import.h"
#include "../core/test-common.h"

typedef struct
{
  TestDir      dir;
  char        *path;
  LikertStore *store;
  LikertFrame *frame;
} Fixture;

static void
open_project (Fixture    *f,
              const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertImportReport) report = NULL;

  test_dir_init (&f->dir);
  f->path = test_dir_file (&f->dir, "p.likert");
  f->store = likert_store_open (f->path, LIKERT_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = likert_import_file (f->store, csv, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->frame = likert_frame_load (f->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sample = test_sample_path ();

  open_project (f, sample);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->frame, likert_frame_unref);
  g_clear_object (&f->store);
  g_free (f->path);
  test_dir_clear (&f->dir);
}

static LikertChartData *
build (Fixture         *f,
       LikertChartKind  kind,
       const char      *segment)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(GError) error = NULL;
  LikertChartData *data;

  spec->kind = kind;
  spec->segment = g_strdup (segment);
  data = likert_chart_data_build (f->frame, NULL, spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

/* The stats of each value of category, by code. */
static LikertStats *
segment_stats (Fixture    *f,
               const char *field,
               guint      *n_values)
{
  gint category = likert_frame_find_category (f->frame, field);
  LikertStats *stats;

  g_assert_cmpint (category, >=, 0);
  *n_values = likert_frame_get_n_category_values (f->frame, (guint) category);
  stats = g_new0 (LikertStats, *n_values);
  likert_frame_compute_segment_stats (f->frame, 0, (guint) category, NULL, stats);
  return stats;
}

static const LikertStats *
stats_of (Fixture     *f,
          const char  *field,
          LikertStats *stats,
          const char  *value)
{
  gint category = likert_frame_find_category (f->frame, field);
  gint code = likert_frame_find_category_value (f->frame, (guint) category, value);

  g_assert_cmpint (code, >=, 0);
  return &stats[code];
}

static void
test_histogram (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LikertChartData) chart = build (f, LIKERT_CHART_HISTOGRAM, NULL);
  LikertStats stats;

  likert_frame_compute_stats (f->frame, 0, NULL, &stats);
  g_assert_cmpint (chart->histogram.scale_min, ==, 1);
  g_assert_cmpint (chart->histogram.scale_max, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (chart->histogram.counts[i], ==, stats.counts[i]);
  g_assert_cmpstr (chart->histogram.title, ==, "rating");
  g_assert_true (likert_chart_data_get_render_func (chart) == likert_histogram_draw);
}

static void
test_diverging (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LikertChartData) chart = build (f, LIKERT_CHART_DIVERGING, "country");
  g_autofree LikertStats *stats = NULL;
  g_autofree char *text = NULL;
  guint n_values, with_rows = 0;

  stats = segment_stats (f, "country", &n_values);
  for (guint v = 0; v < n_values; v++)
    with_rows += stats[v].n + stats[v].missing > 0;
  g_assert_cmpuint (chart->diverging.n_segments, ==, with_rows);

  text = likert_chart_data_describe (chart);
  for (guint i = 0; i < chart->diverging.n_segments; i++)
    {
      const LikertDivergingSegment *segment = &chart->diverging.segments[i];
      const LikertStats *s = stats_of (f, "country", stats, segment->label);
      g_autofree char *n = g_strdup_printf ("%s (n = %" G_GUINT64_FORMAT, segment->label, s->n);

      for (guint p = 0; p < 5; p++)
        g_assert_cmpuint (segment->counts[p], ==, s->counts[p]);
      if (i > 0)
        g_assert_cmpuint (stats_of (f, "country", stats,
                                    chart->diverging.segments[i - 1].label)->n, >=, s->n);
      g_assert_nonnull (strstr (text, n));
    }
}

static void
test_interval (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LikertChartData) mean = build (f, LIKERT_CHART_MEAN, "device");
  g_autoptr(LikertChartData) csat = build (f, LIKERT_CHART_CSAT, "device");
  g_autoptr(LikertChartData) all = build (f, LIKERT_CHART_MEAN, NULL);
  g_autofree LikertStats *stats = NULL;
  LikertStats overall;
  guint n_values;

  stats = segment_stats (f, "device", &n_values);
  likert_frame_compute_stats (f->frame, 0, NULL, &overall);
  g_assert_cmpuint (mean->interval.n_rows, ==, 3);
  g_assert_cmpuint (csat->interval.n_rows, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const LikertIntervalRow *m = &mean->interval.rows[i];
      const LikertIntervalRow *c = &csat->interval.rows[i];
      const LikertStats *s = stats_of (f, "device", stats, m->label);

      g_assert_cmpfloat (m->value, ==, s->mean);
      g_assert_cmpfloat (m->low, ==, s->ci95_low);
      g_assert_cmpfloat (m->high, ==, s->ci95_high);
      g_assert_cmpuint (m->n, ==, s->n);
      s = stats_of (f, "device", stats, c->label);
      g_assert_cmpfloat (c->value, ==, s->top2box);
      g_assert_cmpfloat (c->low, ==, s->top2box_low);
      g_assert_cmpfloat (c->high, ==, s->top2box_high);
    }
  g_assert_cmpfloat (mean->interval.reference, ==, overall.mean);
  g_assert_cmpfloat (csat->interval.reference, ==, overall.top2box);
  g_assert_true (csat->interval.percent);
  g_assert_false (mean->interval.percent);

  g_assert_cmpuint (all->interval.n_rows, ==, 1);
  g_assert_cmpfloat (all->interval.rows[0].value, ==, overall.mean);
  g_assert_true (isnan (all->interval.reference));
}

static void
test_trend (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LikertChartData) chart = NULL;
  g_autoptr(LikertChartData) weeks = NULL;
  guint64 total = 0, week_total = 0;
  LikertStats overall;

  spec->kind = LIKERT_CHART_TREND;
  chart = likert_chart_data_build (f->frame, NULL, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->trend.n_periods, ==, 24);
  g_assert_cmpstr (chart->trend.periods[0].label, ==, "2024-01");
  g_assert_cmpstr (chart->trend.periods[23].label, ==, "2025-12");
  for (guint p = 0; p < chart->trend.n_periods; p++)
    total += chart->trend.periods[p].n;
  likert_frame_compute_stats (f->frame, 0, NULL, &overall);
  g_assert_cmpuint (total, ==, overall.n);

  spec->period = LIKERT_PERIOD_WEEK;
  weeks = likert_chart_data_build (f->frame, NULL, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (weeks->trend.periods[0].label, ==, "2024-W01");
  for (guint p = 0; p < weeks->trend.n_periods; p++)
    {
      week_total += weeks->trend.periods[p].n;
      if (p > 0)
        g_assert_cmpstr (weeks->trend.periods[p - 1].label, <, weeks->trend.periods[p].label);
    }
  g_assert_cmpuint (week_total, ==, overall.n);
}

static void
test_tags (Fixture       *f,
           gconstpointer  data)
{
  guint slow = likert_frame_add_tag (f->frame, 1001, "slow");
  guint nice = likert_frame_add_tag (f->frame, 1002, "nice");
  const guint8 *codes = likert_frame_get_codes (f->frame, 0);
  guint64 expected[5] = { 0 };
  g_autoptr(LikertChartData) bars = NULL;
  g_autoptr(LikertChartData) heatmap = NULL;

  for (guint row = 0; row < 100; row++)
    {
      likert_frame_set_tag (f->frame, row, slow, TRUE);
      if (codes[row] > 0)
        expected[codes[row] - 1]++;
    }
  for (guint row = 0; row < 10; row++)
    likert_frame_set_tag (f->frame, row, nice, TRUE);

  bars = build (f, LIKERT_CHART_TAGS, NULL);
  g_assert_cmpuint (bars->tag_bars.n_tags, >=, 2);
  g_assert_cmpstr (bars->tag_bars.tags[0].name, ==, "slow");
  g_assert_cmpuint (bars->tag_bars.tags[0].count, ==, 100);
  g_assert_cmpstr (bars->tag_bars.tags[1].name, ==, "nice");
  g_assert_cmpuint (bars->tag_bars.tags[1].count, ==, 10);
  g_assert_cmpuint (bars->tag_bars.total, ==, likert_frame_get_n_rows (f->frame));

  heatmap = build (f, LIKERT_CHART_HEATMAP, NULL);
  g_assert_cmpstr (heatmap->heatmap.tags[0], ==, "slow");
  for (guint p = 0; p < 5; p++)
    g_assert_cmpuint (heatmap->heatmap.counts[p], ==, expected[p]);
}

static void
test_nps (void)
{
  Fixture f = { 0 };
  g_autoptr(GString) csv = g_string_new ("id,score,group\n");
  g_autoptr(LikertChartData) chart = NULL;
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LikertStats stats;

  for (guint i = 0; i < 110; i++)
    g_string_append_printf (csv, "%u,%u,%s\n", i + 1, i % 11, i % 2 ? "odd" : "even");
  test_dir_init (&f.dir);
  path = test_dir_write (&f.dir, "nps.csv", csv->str, -1);
  {
    TestDir keep = f.dir;

    open_project (&f, path);
    test_dir_clear (&keep);
  }

  likert_frame_compute_stats (f.frame, 0, NULL, &stats);
  g_assert_cmpint (stats.scale_max, ==, 10);
  spec->kind = LIKERT_CHART_NPS;
  chart = likert_chart_data_build (f.frame, NULL, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->nps.n_rows, ==, 1);
  g_assert_cmpuint (chart->nps.rows[0].counts[LIKERT_NPS_DETRACTORS], ==, stats.detractors);
  g_assert_cmpuint (chart->nps.rows[0].counts[LIKERT_NPS_PROMOTERS], ==, stats.promoters);
  g_assert_cmpfloat (chart->nps.rows[0].nps, ==, stats.nps);
  g_assert_cmpfloat (chart->nps.rows[0].low, ==, stats.nps_low);
  g_clear_pointer (&chart, likert_chart_data_free);

  spec->segment = g_strdup ("group");
  chart = likert_chart_data_build (f.frame, NULL, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chart->nps.n_rows, ==, 2);
  fixture_teardown (&f, NULL);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(GError) error = NULL;

  spec->kind = LIKERT_CHART_NPS;
  g_assert_null (likert_chart_data_build (f->frame, NULL, spec, &error));
  g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA);
  g_clear_error (&error);

  spec->kind = LIKERT_CHART_DIVERGING;
  spec->segment = g_strdup ("planet");
  g_assert_null (likert_chart_data_build (f->frame, NULL, spec, &error));
  g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA);
  g_clear_error (&error);

  g_clear_pointer (&spec->segment, g_free);
  spec->question = g_strdup ("speed");
  g_assert_null (likert_chart_data_build (f->frame, NULL, spec, &error));
  g_assert_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_DATA);
}

static void
test_spec_json (void)
{
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();
  g_autoptr(LikertChartSpec) back = NULL;
  g_autoptr(LikertFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *plain = NULL;

  spec->kind = LIKERT_CHART_CSAT;
  spec->question = g_strdup ("rating");
  spec->segment = g_strdup ("country");
  spec->period = LIKERT_PERIOD_WEEK;
  spec->percent = TRUE;
  likert_filter_add_value (spec->filter, "device", "mobile");
  likert_filter_set_search (spec->filter, "slow");

  json = likert_chart_spec_to_json (spec);
  g_assert_nonnull (strstr (json, "\"chart\""));
  back = likert_chart_spec_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->kind, ==, LIKERT_CHART_CSAT);
  g_assert_cmpstr (back->question, ==, "rating");
  g_assert_cmpstr (back->segment, ==, "country");
  g_assert_cmpint (back->period, ==, LIKERT_PERIOD_WEEK);
  g_assert_true (back->percent);
  g_assert_true (likert_filter_equal (back->filter, spec->filter));
  g_assert_true (likert_chart_spec_equal (back, spec));
  again = likert_chart_spec_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* A saved chart is a view: the filter reads it, ignoring "chart". */
  filter = likert_filter_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (likert_filter_equal (filter, spec->filter));

  /* A plain view has no chart. */
  plain = likert_filter_to_json (spec->filter);
  g_assert_null (likert_chart_spec_from_json (plain, &error));
  g_assert_error (error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_NO_CHART);
  g_clear_error (&error);

  g_assert_null (likert_chart_spec_from_json ("{\"chart\": {\"kind\": \"pie\"}}", &error));
  g_assert_error (error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (likert_chart_spec_from_json ("[]", &error));
  g_assert_error (error, LIKERT_CHART_SPEC_ERROR, LIKERT_CHART_SPEC_ERROR_PARSE);

  for (guint k = 0; k < LIKERT_CHART_N_KINDS; k++)
    {
      LikertChartKind kind;

      g_assert_true (likert_chart_kind_from_string (likert_chart_kind_to_string (k), &kind));
      g_assert_cmpuint (kind, ==, k);
    }
}

static void
test_render_spec (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const extensions[] = { "png", "svg", "pdf" };
  g_autoptr(LikertChartSpec) spec = likert_chart_spec_new ();

  spec->kind = LIKERT_CHART_DIVERGING;
  spec->segment = g_strdup ("device");
  likert_filter_set_search (spec->filter, "slow");
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", extensions[i]);
      g_autofree char *path = test_dir_file (&f->dir, name);
      g_autoptr(GError) error = NULL;

      g_assert_true (likert_chart_render_spec_to_file (f->frame, f->store, spec, path, 400, 300,
                                                       1.0, i == 1, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/chart-data/histogram", test_histogram);
  ADD ("/chart-data/diverging", test_diverging);
  ADD ("/chart-data/interval", test_interval);
  ADD ("/chart-data/trend", test_trend);
  ADD ("/chart-data/tags", test_tags);
  ADD ("/chart-data/errors", test_errors);
  ADD ("/chart-data/render-spec", test_render_spec);
#undef ADD
  g_test_add_func ("/chart-data/nps", test_nps);
  g_test_add_func ("/chart-data/spec-json", test_spec_json);
  return g_test_run ();
}
