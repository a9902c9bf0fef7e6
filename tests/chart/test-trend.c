/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-trend"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-trend.h"

#define WIDTH  720
#define HEIGHT 380

static const LikertTrendPeriod months[] = {
  { "Jan 2024", 3.40, 3.20, 3.60, 400 },
  { "Feb 2024", 3.50, 3.30, 3.70, 420 },
  { "Mar 2024", 3.45, 3.25, 3.65, 380 },
  { "Apr 2024", NAN, NAN, NAN, 0 },
  { "May 2024", 3.70, 3.50, 3.90, 500 },
  { "Jun 2024", 3.20, 2.60, 3.80, 12 },
  { "Jul 2024", 3.80, 3.60, 4.00, 450 },
};

static const LikertTrendData sample = {
  "How satisfied are you?", "Mean (1–5)", months, G_N_ELEMENTS (months), FALSE, 1, 5,
};

typedef struct
{
  ChartTestCanvas     canvas;
  LikertTrendGeometry geometry;
} Rendered;

static void
render (Rendered               *out,
        int                     width,
        int                     height,
        const LikertChartStyle *style,
        const LikertTrendData  *data)
{
  chart_test_canvas_init (&out->canvas, width, height);
  memset (&out->geometry, 0xff, sizeof out->geometry);
  likert_trend_render (out->canvas.cr, width, height, style, data, &out->geometry);
  chart_test_canvas_finish (&out->canvas);
}

static void
assert_geometry (const LikertTrendGeometry *geometry,
                 const LikertTrendData     *data,
                 int                        width,
                 int                        height,
                 gboolean                   rtl)
{
  const LikertChartRect surface = { 0, 0, width, height };
  double slot = geometry->plot.width / data->n_periods;

  g_assert_cmpuint (geometry->n_periods, ==, data->n_periods);
  chart_test_assert_inside (&geometry->plot, &surface);
  g_assert_cmpfloat (geometry->axis_min, <, geometry->axis_max);

  /* The periods share the plot's width, the first at the start side. */
  g_assert_cmpfloat (fabs (fabs (geometry->x_step) - slot), <, 1e-9);
  if (rtl)
    {
      g_assert_cmpfloat (geometry->x_step, <, 0);
      g_assert_cmpfloat (fabs (geometry->x_first + slot / 2 -
                               (geometry->plot.x + geometry->plot.width)), <, 1e-9);
    }
  else
    {
      g_assert_cmpfloat (geometry->x_step, >, 0);
      g_assert_cmpfloat (fabs (geometry->x_first - slot / 2 - geometry->plot.x), <, 1e-9);
    }
  for (guint i = 0; i < data->n_periods; i++)
    {
      double x = likert_trend_geometry_x (geometry, i);

      g_assert_cmpfloat (x, >, geometry->plot.x);
      g_assert_cmpfloat (x, <, geometry->plot.x + geometry->plot.width);
    }

  g_assert_cmpfloat (likert_trend_geometry_y (geometry, geometry->axis_max), ==, geometry->plot.y);
  g_assert_cmpfloat (likert_trend_geometry_y (geometry, geometry->axis_min), ==,
                     geometry->plot.y + geometry->plot.height);

  /* The strip of n under the plot. */
  if (geometry->counts.height > 0)
    {
      chart_test_assert_inside (&geometry->counts, &surface);
      g_assert_cmpfloat (geometry->counts.y, >, geometry->plot.y + geometry->plot.height);
      g_assert_cmpfloat (geometry->counts.x, ==, geometry->plot.x);
    }

  g_assert_cmpuint (geometry->label_every, >=, 1);
}

static void
test_trend_geometry (void)
{
  Rendered rendered[2];

  for (guint d = 0; d < 2; d++)
    {
      LikertChartStyle style;
      const LikertTrendGeometry *geometry = &rendered[d].geometry;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = d == 1;
      render (&rendered[d], WIDTH, HEIGHT, &style, &sample);

      assert_geometry (geometry, &sample, WIDTH, HEIGHT, style.rtl);
      g_assert_cmpfloat (geometry->axis_min, ==, 1);
      g_assert_cmpfloat (geometry->axis_max, ==, 5);
      g_assert_cmpuint (geometry->label_every, ==, 1);
      g_assert_cmpuint (geometry->max_n, ==, 500);
      g_assert_cmpfloat (geometry->counts.height, >, 0);

      likert_chart_style_clear (&style);
    }

  /* Mirrored: time runs from the right. */
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    g_assert_cmpfloat (fabs (likert_trend_geometry_x (&rendered[1].geometry, i) -
                             (WIDTH - likert_trend_geometry_x (&rendered[0].geometry, i))),
                       <=, 1.0);

  for (guint d = 0; d < 2; d++)
    chart_test_canvas_clear (&rendered[d].canvas);
}

static void
test_trend_pixels (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      LikertChartStyle style;
      Rendered rendered;
      const LikertTrendGeometry *geometry = &rendered.geometry;
      LikertRgba band, count;

      likert_chart_style_init_default (&style, dark);
      render (&rendered, WIDTH, HEIGHT, &style, &sample);
      band = style.accent;
      band.alpha *= 0.22;
      band = chart_test_over (&band, &style.background);
      count = style.muted;
      count.alpha *= 0.6;
      count = chart_test_over (&count, &style.background);

      for (guint i = 0; i < G_N_ELEMENTS (months); i++)
        {
          const LikertTrendPeriod *period = &months[i];
          double x = likert_trend_geometry_x (geometry, i);

          if (isnan (period->value))
            {
              /* A gap: the line and the band break where they would have passed. */
              chart_test_assert_pixel_is (rendered.canvas.surface, x,
                                          likert_trend_geometry_y (geometry, 3.58),
                                          &style.background);
              chart_test_assert_pixel_is (rendered.canvas.surface, x,
                                          likert_trend_geometry_y (geometry, 3.42),
                                          &style.background);
              continue;
            }

          /* The dot, hollow for a small n; the band between it and the interval's ends. */
          chart_test_assert_pixel_is (rendered.canvas.surface, x,
                                      likert_trend_geometry_y (geometry, period->value),
                                      period->n < 30 ? &style.background : &style.accent);
          if (i > 0 && i + 1 < G_N_ELEMENTS (months) && !isnan (months[i - 1].value) &&
              !isnan (months[i + 1].value))
            chart_test_assert_pixel_is (rendered.canvas.surface, x,
                                        likert_trend_geometry_y (geometry, (period->high +
                                                                            period->value) / 2
                                                                           + 0.03), &band);

          /* Each n as a bar in the strip. */
          chart_test_assert_pixel_is (rendered.canvas.surface, x,
                                      geometry->counts.y + geometry->counts.height - 1, &count);
        }

      chart_test_canvas_clear (&rendered.canvas);
      likert_chart_style_clear (&style);
    }
}

/* Many periods: labels thinned, never overlapping. */
static void
test_trend_dense (void)
{
  LikertTrendPeriod days[400];
  char labels[400][16];
  const LikertTrendData data = { NULL, "CSAT", days, G_N_ELEMENTS (days), TRUE, 0, 0 };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      g_snprintf (labels[d], sizeof labels[d], "2024-%02u-%02u", 1 + d / 31, 1 + d % 31);
      days[d] = (LikertTrendPeriod) { labels[d], 0.5 + 0.2 * sin (d / 20.0),
                                      0.45 + 0.2 * sin (d / 20.0), 0.55 + 0.2 * sin (d / 20.0),
                                      40 + d % 7 };
    }
  days[100].value = 0.95;

  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, 300, &style, &data);
  assert_geometry (&rendered.geometry, &data, WIDTH, 300, FALSE);

  /* A label is about 70 units wide; periods are under 2. */
  g_assert_cmpuint (rendered.geometry.label_every, >, 30);
  g_assert_cmpfloat (rendered.geometry.label_every * fabs (rendered.geometry.x_step), >, 70);
  /* Fitted within 0–100 %. */
  g_assert_cmpfloat (rendered.geometry.axis_min, >=, 0);
  g_assert_cmpfloat (rendered.geometry.axis_max, <=, 1);
  g_assert_cmpfloat (rendered.geometry.axis_max, >=, 0.95);

  text = likert_trend_describe (&data);
  g_assert_nonnull (strstr (text, "Trend of CSAT over 400 periods."));
  g_assert_nonnull (strstr (text, "First: 2024-01-01: 50.0 %, interval 45.0 % to 55.0 %, n = 40."));
  g_assert_nonnull (strstr (text, "Highest: 2024-04-08: 95.0 %"));
  g_assert_null (strstr (text, "2024-02-01"));

  chart_test_canvas_clear (&rendered.canvas);
  likert_chart_style_clear (&style);
}

static void
test_trend_describe (void)
{
  g_autofree char *text = likert_trend_describe (&sample);

  g_assert_nonnull (strstr (text, "Trend of Mean (1–5) for How satisfied are you? "
                                  "over 7 periods."));
  g_assert_nonnull (strstr (text, "Jan 2024: 3.40, interval 3.20 to 3.60, n = 400."));
  g_assert_nonnull (strstr (text, "Apr 2024: no answers."));
  g_assert_nonnull (strstr (text, "Jun 2024: 3.20, interval 2.60 to 3.80, n = 12, "
                                  "a small sample."));
  g_assert_nonnull (strstr (text, "Jul 2024: 3.80, interval 3.60 to 4.00, n = 450."));
}

static void
test_trend_edges (void)
{
  const LikertTrendData empty = { "Nothing", NULL, NULL, 0, FALSE, 0, 0 };
  const LikertTrendPeriod lone[] = { { "Q1", 0.4, 0.3, 0.5, 100 } };
  const LikertTrendData single = { NULL, NULL, lone, 1, TRUE, 0, 0 };
  const LikertTrendPeriod blank[] = { { NULL, NAN, NAN, NAN, 0 }, { NULL, NAN, NAN, NAN, 0 } };
  const LikertTrendData unknown = { NULL, NULL, blank, 2, FALSE, 0, 0 };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, TRUE);

  render (&rendered, WIDTH, HEIGHT, &style, &empty);
  g_assert_cmpuint (rendered.geometry.n_periods, ==, 0);
  g_assert_true (chart_test_has_ink (rendered.canvas.surface, &style.background, 0, 0, WIDTH,
                                     HEIGHT));
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_trend_describe (&empty);
  g_assert_nonnull (strstr (text, "over 0 periods."));
  g_clear_pointer (&text, g_free);

  /* One period: a dot and its interval, centred. */
  render (&rendered, WIDTH, HEIGHT, &style, &single);
  assert_geometry (&rendered.geometry, &single, WIDTH, HEIGHT, FALSE);
  chart_test_assert_pixel_is (rendered.canvas.surface,
                              likert_trend_geometry_x (&rendered.geometry, 0),
                              likert_trend_geometry_y (&rendered.geometry, 0.4), &style.accent);
  chart_test_canvas_clear (&rendered.canvas);

  /* No values at all. */
  render (&rendered, WIDTH, HEIGHT, &style, &unknown);
  assert_geometry (&rendered.geometry, &unknown, WIDTH, HEIGHT, FALSE);
  g_assert_cmpuint (rendered.geometry.max_n, ==, 0);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_trend_describe (&unknown);
  g_assert_nonnull (strstr (text, ": no answers. : no answers."));
  g_clear_pointer (&text, g_free);

  for (int size = 0; size <= 200; size += 25)
    {
      render (&rendered, size, size, &style, &sample);
      if (size < 50)
        g_assert_cmpuint (rendered.geometry.n_periods, ==, 0);
      else if (rendered.geometry.n_periods > 0)
        assert_geometry (&rendered.geometry, &sample, size, size, FALSE);
      chart_test_canvas_clear (&rendered.canvas);
    }

  likert_chart_style_clear (&style);
}

/* Whole words */

/* In a narrow chart and large text, the title, the caption and the periods' labels are cut
 * between words only, in either direction. */
static void
test_trend_whole_words (void)
{
  static const LikertTrendData data = {
    "Overall, how satisfied are you with our service?",
    "Mean (1–5) by month with its 95 % interval", months, G_N_ELEMENTS (months), FALSE, 1, 5,
  };
  const char * const texts[] = {
    data.title, data.value_name, "Jan Feb Mar Apr May Jun Jul No periods Too small n",
  };

  chart_test_sweep_whole_words (likert_trend_draw, &data, texts, G_N_ELEMENTS (texts));
}

static void
test_trend_export (void)
{
  chart_test_check_exports (likert_trend_draw, &sample, WIDTH, HEIGHT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trend/geometry", test_trend_geometry);
  g_test_add_func ("/trend/pixels", test_trend_pixels);
  g_test_add_func ("/trend/dense", test_trend_dense);
  g_test_add_func ("/trend/describe", test_trend_describe);
  g_test_add_func ("/trend/edges", test_trend_edges);
  g_test_add_func ("/trend/whole-words", test_trend_whole_words);
  g_test_add_func ("/trend/export", test_trend_export);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
