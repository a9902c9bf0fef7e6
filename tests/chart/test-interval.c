/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-interval"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-interval.h"

#define WIDTH  700
#define HEIGHT 360

static const LikertIntervalRow means[] = {
  { "Morocco", 3.62, 3.55, 3.70, 812 },
  { "France", 3.12, 3.02, 3.22, 640 },
  { "Luxembourg", 3.00, 2.20, 3.80, 12 },
  { "Spain", NAN, NAN, NAN, 0 },
  { "Chad", 4.00, NAN, NAN, 1 },
};

static const LikertIntervalData mean_data = {
  "How satisfied are you?", "Mean (1–5)", means, G_N_ELEMENTS (means), FALSE, 1, 5, 3.41, "All",
};

static const LikertIntervalRow shares[] = {
  { "Phone", 0.587, 0.553, 0.621, 812 },
  { "Desktop", 0.441, 0.403, 0.479, 640 },
};

static const LikertIntervalData csat_data = {
  NULL, "CSAT", shares, G_N_ELEMENTS (shares), TRUE, 0, 0, NAN, NULL,
};

typedef struct
{
  ChartTestCanvas        canvas;
  LikertIntervalGeometry geometry;
} Rendered;

static void
render (Rendered                 *out,
        int                       width,
        int                       height,
        const LikertChartStyle   *style,
        const LikertIntervalData *data)
{
  chart_test_canvas_init (&out->canvas, width, height);
  memset (&out->geometry, 0xff, sizeof out->geometry);
  likert_interval_render (out->canvas.cr, width, height, style, data, &out->geometry);
  chart_test_canvas_finish (&out->canvas);
}

static double
scaled_x (const LikertIntervalGeometry *geometry,
          double                        value)
{
  double t = (value - geometry->axis_min) / (geometry->axis_max - geometry->axis_min);

  return geometry->x_min + t * (geometry->x_max - geometry->x_min);
}

static void
assert_geometry (const LikertIntervalGeometry *geometry,
                 const LikertIntervalData     *data,
                 int                           width,
                 int                           height)
{
  const LikertChartRect surface = { 0, 0, width, height };

  chart_test_assert_inside (&geometry->plot, &surface);
  g_assert_cmpfloat (MIN (geometry->x_min, geometry->x_max), ==, geometry->plot.x);
  g_assert_cmpfloat (MAX (geometry->x_min, geometry->x_max), ==,
                     geometry->plot.x + geometry->plot.width);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      const LikertIntervalRow *row = &data->rows[r];
      const LikertIntervalMark *mark = &geometry->marks[r];

      chart_test_assert_inside (&mark->band, &surface);
      g_assert_cmpfloat (mark->y, >=, mark->band.y);
      g_assert_cmpfloat (mark->y, <=, mark->band.y + mark->band.height);
      if (r > 0)
        g_assert_cmpfloat (mark->band.y, >=, geometry->marks[r - 1].band.y +
                                             geometry->marks[r - 1].band.height);

      if (isnan (row->value))
        g_assert_true (isnan (mark->x));
      else
        g_assert_cmpfloat (fabs (mark->x - scaled_x (geometry, row->value)), <=, 1e-6);

      /* The whisker's ends at the interval's bounds, on whole units. */
      if (isnan (row->low))
        {
          g_assert_true (isnan (mark->low_x));
          g_assert_true (isnan (mark->high_x));
        }
      else
        {
          g_assert_cmpfloat (fabs (mark->low_x - scaled_x (geometry, row->low)), <=, 0.5);
          g_assert_cmpfloat (fabs (mark->high_x - scaled_x (geometry, row->high)), <=, 0.5);
          g_assert_cmpfloat (mark->low_x, >=, geometry->plot.x);
          g_assert_cmpfloat (mark->high_x, <=, geometry->plot.x + geometry->plot.width);
        }
    }
}

static void
test_interval_geometry (void)
{
  gboolean directions[] = { FALSE, TRUE };
  Rendered rendered[2];

  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      LikertChartStyle style;
      const LikertIntervalGeometry *geometry = &rendered[d].geometry;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = directions[d];
      render (&rendered[d], WIDTH, HEIGHT, &style, &mean_data);

      g_assert_cmpuint (geometry->n_rows, ==, G_N_ELEMENTS (means));
      g_assert_cmpuint (geometry->n_hidden, ==, 0);
      assert_geometry (geometry, &mean_data, WIDTH, HEIGHT);

      /* The axis the caller asked for, lowest at the start side. */
      g_assert_cmpfloat (geometry->axis_min, ==, 1);
      g_assert_cmpfloat (geometry->axis_max, ==, 5);
      if (style.rtl)
        g_assert_cmpfloat (geometry->x_min, >, geometry->x_max);
      else
        g_assert_cmpfloat (geometry->x_min, <, geometry->x_max);

      /* The reference line at 3.41. */
      g_assert_cmpfloat (fabs (geometry->reference_x - scaled_x (geometry, 3.41)), <=, 0.5);

      likert_chart_style_clear (&style);
    }

  /* Mirrored. */
  for (guint r = 0; r < rendered[0].geometry.n_rows; r++)
    {
      const LikertIntervalMark *ltr = &rendered[0].geometry.marks[r];
      const LikertIntervalMark *rtl = &rendered[1].geometry.marks[r];

      g_assert_cmpfloat (rtl->y, ==, ltr->y);
      if (!isnan (ltr->x))
        g_assert_cmpfloat (fabs (rtl->x - (WIDTH - ltr->x)), <=, 1.0);
      if (!isnan (ltr->low_x))
        {
          g_assert_cmpfloat (fabs (rtl->low_x - (WIDTH - ltr->low_x)), <=, 1.0);
          g_assert_cmpfloat (rtl->low_x, >, rtl->high_x);
        }
    }
  g_assert_cmpfloat (rendered[1].geometry.plot.x, ==,
                     WIDTH - rendered[0].geometry.plot.x - rendered[0].geometry.plot.width);
  /* Labels at the start: more room before the plot than after it in LTR… */
  g_assert_cmpfloat (rendered[0].geometry.plot.x, >, 80);

  for (guint d = 0; d < 2; d++)
    chart_test_canvas_clear (&rendered[d].canvas);
}

/* A percent chart fits its axis to the intervals, within 0–100 %. */
static void
test_interval_percent (void)
{
  LikertChartStyle style;
  Rendered rendered;
  const LikertIntervalGeometry *geometry = &rendered.geometry;

  likert_chart_style_init_default (&style, TRUE);
  render (&rendered, 500, 200, &style, &csat_data);

  g_assert_cmpuint (geometry->n_rows, ==, 2);
  assert_geometry (geometry, &csat_data, 500, 200);
  g_assert_cmpfloat (geometry->axis_min, >=, 0.0);
  g_assert_cmpfloat (geometry->axis_min, <=, 0.403);
  g_assert_cmpfloat (geometry->axis_max, >=, 0.621);
  g_assert_cmpfloat (geometry->axis_max, <=, 1.0);
  g_assert_true (isnan (geometry->reference_x));

  chart_test_canvas_clear (&rendered.canvas);
  likert_chart_style_clear (&style);
}

static void
test_interval_pixels (void)
{
  gboolean dark_modes[] = { FALSE, TRUE };

  for (guint d = 0; d < G_N_ELEMENTS (dark_modes); d++)
    {
      LikertChartStyle style;
      Rendered rendered;
      const LikertIntervalGeometry *geometry = &rendered.geometry;

      likert_chart_style_init_default (&style, dark_modes[d]);
      render (&rendered, WIDTH, HEIGHT, &style, &mean_data);

      /* Dots in the accent; the small group's hollow, the background inside. */
      chart_test_assert_pixel_is (rendered.canvas.surface, geometry->marks[0].x,
                                  geometry->marks[0].y, &style.accent);
      chart_test_assert_pixel_is (rendered.canvas.surface, geometry->marks[1].x,
                                  geometry->marks[1].y, &style.accent);
      chart_test_assert_pixel_is (rendered.canvas.surface, geometry->marks[2].x,
                                  geometry->marks[2].y, &style.background);

      /* The whisker between the dot and its end, 2 units thick on the row's line. */
      chart_test_assert_pixel_is (rendered.canvas.surface,
                                  (geometry->marks[2].low_x + geometry->marks[2].x) / 2,
                                  geometry->marks[2].y, &style.accent);
      chart_test_assert_pixel_is (rendered.canvas.surface,
                                  (geometry->marks[2].low_x + geometry->marks[2].x) / 2,
                                  geometry->marks[2].y - 1, &style.accent);

      chart_test_canvas_clear (&rendered.canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_interval_describe (void)
{
  g_autofree char *text = likert_interval_describe (&mean_data);
  g_autofree char *percent = likert_interval_describe (&csat_data);

  g_assert_nonnull (strstr (text, "Mean (1–5)"));
  g_assert_nonnull (strstr (text, mean_data.title));
  g_assert_nonnull (strstr (text, "Reference line, All: 3.41."));
  g_assert_nonnull (strstr (text, "Morocco: 3.62, interval 3.55 to 3.70, n = 812."));
  g_assert_nonnull (strstr (text, "France: 3.12, interval 3.02 to 3.22, n = 640."));
  g_assert_nonnull (strstr (text, "Luxembourg: 3.00, interval 2.20 to 3.80, n = 12, "
                                  "a small sample."));
  g_assert_nonnull (strstr (text, "Spain: no answers."));
  g_assert_nonnull (strstr (text, "Chad: 4.00, n = 1, a small sample."));

  g_assert_nonnull (strstr (percent, "Phone: 58.7 %, interval 55.3 % to 62.1 %, n = 812."));
  g_assert_null (strstr (percent, "Reference"));
}

static void
test_interval_edges (void)
{
  const LikertIntervalData empty = { "Nothing", NULL, NULL, 0, FALSE, 0, 0, NAN, NULL };
  const LikertIntervalRow same[] = { { "A", 0.5, NAN, NAN, 40 }, { "B", 0.5, NAN, NAN, 40 } };
  const LikertIntervalData flat = { NULL, NULL, same, 2, TRUE, 0, 0, NAN, NULL };
  const LikertIntervalRow outside[] = { { "A", 4.5, 3.8, 5.4, 40 } };
  const LikertIntervalData clamped = { NULL, NULL, outside, 1, FALSE, 1, 5, 9.0, NULL };
  LikertIntervalRow many[90];
  const LikertIntervalData lots = { NULL, NULL, many, G_N_ELEMENTS (many), FALSE, 0, 0, NAN,
                                    NULL };
  const int sizes[][2] = { { 0, 0 }, { 30, 30 }, { 50, 50 }, { 90, 400 }, { 400, 60 } };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, FALSE);

  render (&rendered, WIDTH, HEIGHT, &style, &empty);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 0);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_interval_describe (&empty);
  g_assert_nonnull (strstr (text, "No segments."));
  g_clear_pointer (&text, g_free);

  /* All values equal, no intervals: an axis around them. */
  render (&rendered, WIDTH, HEIGHT, &style, &flat);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 2);
  g_assert_cmpfloat (rendered.geometry.axis_min, <, 0.5);
  g_assert_cmpfloat (rendered.geometry.axis_max, >, 0.5);
  assert_geometry (&rendered.geometry, &flat, WIDTH, HEIGHT);
  chart_test_canvas_clear (&rendered.canvas);

  /* An interval beyond the axis stops at its end; so does the reference. */
  render (&rendered, WIDTH, HEIGHT, &style, &clamped);
  g_assert_cmpfloat (rendered.geometry.marks[0].high_x, ==,
                     rendered.geometry.plot.x + rendered.geometry.plot.width);
  g_assert_cmpfloat (rendered.geometry.reference_x, ==,
                     rendered.geometry.plot.x + rendered.geometry.plot.width);
  chart_test_canvas_clear (&rendered.canvas);

  for (guint r = 0; r < G_N_ELEMENTS (many); r++)
    many[r] = (LikertIntervalRow) { "Row", 1.0 + r / 30.0, 0.9 + r / 30.0, 1.1 + r / 30.0, r };
  render (&rendered, WIDTH, HEIGHT, &style, &lots);
  g_assert_cmpuint (rendered.geometry.n_rows, >, 3);
  g_assert_cmpuint (rendered.geometry.n_rows + rendered.geometry.n_hidden, ==, 90);
  assert_geometry (&rendered.geometry, &lots, WIDTH, HEIGHT);
  chart_test_canvas_clear (&rendered.canvas);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      render (&rendered, sizes[i][0], sizes[i][1], &style, &mean_data);
      if (sizes[i][0] >= 50 && sizes[i][1] >= 50)
        assert_geometry (&rendered.geometry, &mean_data, sizes[i][0], sizes[i][1]);
      else
        g_assert_cmpuint (rendered.geometry.n_rows, ==, 0);
      chart_test_canvas_clear (&rendered.canvas);
    }

  likert_chart_style_clear (&style);
}

/* Whole words */

/* In a narrow chart and large text, labels, captions and the reference's name wrap and are cut
 * between words only, in either direction. */
static void
test_interval_whole_words (void)
{
  static const LikertIntervalRow long_rows[] = {
    { "United Kingdom of Great Britain and Northern Ireland", 3.62, 3.55, 3.70, 812 },
    { "Netherlands", 3.12, 3.02, 3.22, 640 },
    { "Luxembourg", 3.00, 2.20, 3.80, 12 },
    { "Spain", NAN, NAN, NAN, 0 },
  };
  static const LikertIntervalData data = {
    "Overall, how satisfied are you with our service?", "Mean (1–5) with its 95 % interval",
    long_rows, G_N_ELEMENTS (long_rows), FALSE, 1, 5, 3.41, "All the responses",
  };
  const char * const texts[] = {
    data.title, data.value_name, data.reference_label, long_rows[0].label, long_rows[1].label,
    long_rows[2].label, long_rows[3].label, "n = no answers No segments Too small",
    "more not shown: make the chart taller",
  };

  chart_test_sweep_whole_words (likert_interval_draw, &data, texts, G_N_ELEMENTS (texts));
}

static void
test_interval_export (void)
{
  chart_test_check_exports (likert_interval_draw, &mean_data, WIDTH, HEIGHT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interval/geometry", test_interval_geometry);
  g_test_add_func ("/interval/percent", test_interval_percent);
  g_test_add_func ("/interval/pixels", test_interval_pixels);
  g_test_add_func ("/interval/describe", test_interval_describe);
  g_test_add_func ("/interval/edges", test_interval_edges);
  g_test_add_func ("/interval/whole-words", test_interval_whole_words);
  g_test_add_func ("/interval/export", test_interval_export);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
