/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-nps"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-nps.h"

#define WIDTH  820
#define HEIGHT 320

static const LikertNpsRow devices[] = {
  { "All", { 1000, 1500, 2500 }, 30.0, 27.8, 32.2 },    /* 20 | 30 | 50 % */
  { "Phone", { 200, 300, 500 }, 30.0, 25.2, 34.8 },
  { "Desktop", { 500, 300, 200 }, -30.0, -35.1, -24.9 },
  { "Smart TV", { 5, 10, 10 }, 20.0, -9.0, 49.0 },       /* n 25: small */
  { "Other", { 0, 0, 0 }, NAN, NAN, NAN },
};

static const LikertNpsData sample = {
  "How likely are you to recommend us?", devices, G_N_ELEMENTS (devices),
};

typedef struct
{
  ChartTestCanvas   canvas;
  LikertNpsGeometry geometry;
} Rendered;

static void
render (Rendered               *out,
        int                     width,
        int                     height,
        const LikertChartStyle *style,
        const LikertNpsData    *data)
{
  chart_test_canvas_init (&out->canvas, width, height);
  memset (&out->geometry, 0xff, sizeof out->geometry);
  likert_nps_render (out->canvas.cr, width, height, style, data, &out->geometry);
  chart_test_canvas_finish (&out->canvas);
}

static double
score_x (const LikertNpsGeometry *geometry,
         double                   nps)
{
  return geometry->minus_100_x + (nps + 100.0) / 200.0 *
                                 (geometry->plus_100_x - geometry->minus_100_x);
}

static void
assert_geometry (const LikertNpsGeometry *geometry,
                 const LikertNpsData     *data,
                 int                      width,
                 int                      height,
                 gboolean                 rtl)
{
  const LikertChartRect surface = { 0, 0, width, height };

  chart_test_assert_inside (&geometry->bars, &surface);
  chart_test_assert_inside (&geometry->scores, &surface);
  g_assert_false (chart_test_rects_overlap (&geometry->bars, &geometry->scores));
  g_assert_cmpfloat (fabs (geometry->zero_x - (geometry->scores.x + geometry->scores.width / 2)),
                     <=, 1.0);

  /* The bars at the start side, the scores after them. */
  if (rtl)
    g_assert_cmpfloat (geometry->bars.x, >, geometry->scores.x);
  else
    g_assert_cmpfloat (geometry->bars.x, <, geometry->scores.x);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      const LikertNpsRow *row = &data->rows[r];
      const LikertNpsMark *mark = &geometry->marks[r];
      double n = (double) (row->counts[0] + row->counts[1] + row->counts[2]);
      double covered = 0;

      for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
        {
          const LikertChartRect *piece = &mark->pieces[g];

          if (piece->width <= 0)
            continue;

          chart_test_assert_inside (piece, &geometry->bars);
          g_assert_cmpfloat (fabs (piece->width - row->counts[g] / n * geometry->bars.width), <=,
                             1.0);
          covered += piece->width;

          /* Detractors, passives, promoters from the start side, edge to edge. */
          if (g > 0 && mark->pieces[g - 1].width > 0)
            {
              if (rtl)
                g_assert_cmpfloat (piece->x + piece->width, ==, mark->pieces[g - 1].x);
              else
                g_assert_cmpfloat (piece->x, ==, mark->pieces[g - 1].x + mark->pieces[g - 1].width);
            }
        }
      if (n > 0)
        g_assert_cmpfloat (covered, ==, geometry->bars.width);

      if (isnan (row->nps))
        {
          g_assert_true (isnan (mark->nps_x));
        }
      else
        {
          g_assert_cmpfloat (fabs (mark->nps_x - score_x (geometry, row->nps)), <=, 1e-6);
        }

      /* The whisker's ends at the interval's bounds. */
      if (isnan (row->low))
        {
          g_assert_true (isnan (mark->low_x));
          g_assert_true (isnan (mark->high_x));
        }
      else
        {
          g_assert_cmpfloat (fabs (mark->low_x - score_x (geometry, row->low)), <=, 0.5);
          g_assert_cmpfloat (fabs (mark->high_x - score_x (geometry, row->high)), <=, 0.5);
        }
    }
}

static void
test_nps_geometry (void)
{
  Rendered rendered[2];

  for (guint d = 0; d < 2; d++)
    {
      LikertChartStyle style;
      const LikertNpsGeometry *geometry = &rendered[d].geometry;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = d == 1;
      render (&rendered[d], WIDTH, HEIGHT, &style, &sample);

      g_assert_cmpuint (geometry->n_rows, ==, G_N_ELEMENTS (devices));
      g_assert_cmpuint (geometry->n_hidden, ==, 0);
      assert_geometry (geometry, &sample, WIDTH, HEIGHT, style.rtl);

      /* −100 at the start side. */
      if (style.rtl)
        g_assert_cmpfloat (geometry->minus_100_x, >, geometry->plus_100_x);
      else
        g_assert_cmpfloat (geometry->minus_100_x, <, geometry->plus_100_x);

      /* All: 20 | 30 | 50 % */
      g_assert_cmpfloat (fabs (geometry->marks[0].pieces[0].width - 0.2 * geometry->bars.width),
                         <=, 1.0);

      /* The legend over the bars, in order from the start side. */
      g_assert_true (geometry->has_legend);
      if (geometry->legend[0].y == geometry->legend[1].y)
        g_assert_true ((geometry->legend[0].x < geometry->legend[1].x) != style.rtl);

      likert_chart_style_clear (&style);
    }

  /* Mirrored. */
  for (guint r = 0; r < rendered[0].geometry.n_rows; r++)
    for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
      {
        const LikertChartRect *ltr = &rendered[0].geometry.marks[r].pieces[g];
        const LikertChartRect *rtl = &rendered[1].geometry.marks[r].pieces[g];

        g_assert_cmpfloat (fabs (rtl->x - (WIDTH - ltr->x - ltr->width)), <=, 1.0);
      }
  g_assert_cmpfloat (fabs (rendered[1].geometry.zero_x - (WIDTH - rendered[0].geometry.zero_x)),
                     <=, 1.0);

  for (guint d = 0; d < 2; d++)
    chart_test_canvas_clear (&rendered[d].canvas);
}

static void
test_nps_pixels (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      LikertChartStyle style;
      LikertRgba palette[3];
      Rendered rendered;
      const LikertNpsGeometry *geometry = &rendered.geometry;

      likert_chart_style_init_default (&style, dark);
      likert_chart_style_get_diverging (&style, 3, palette);
      render (&rendered, WIDTH, HEIGHT, &style, &sample);

      for (guint r = 0; r < 4; r++)
        for (guint g = 0; g < LIKERT_NPS_N_GROUPS; g++)
          {
            const LikertChartRect *piece = &geometry->marks[r].pieces[g];

            chart_test_assert_pixel_is (rendered.canvas.surface, piece->x + 2,
                                        piece->y + piece->height / 2, &palette[g]);
          }

      /* Dots: full, and hollow for the small group. */
      chart_test_assert_pixel_is (rendered.canvas.surface, geometry->marks[0].nps_x,
                                  geometry->marks[0].y, &style.accent);
      chart_test_assert_pixel_is (rendered.canvas.surface, geometry->marks[3].nps_x,
                                  geometry->marks[3].y, &style.background);

      chart_test_canvas_clear (&rendered.canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_nps_describe (void)
{
  g_autofree char *text = likert_nps_describe (&sample);

  g_assert_nonnull (strstr (text, sample.title));
  g_assert_nonnull (strstr (text, "All (n = 5000): 20.0 % detractors, 30.0 % passives, "
                                  "50.0 % promoters; NPS +30.0, interval +27.8 to +32.2."));
  g_assert_nonnull (strstr (text, "Desktop (n = 1000): 50.0 % detractors, 30.0 % passives, "
                                  "20.0 % promoters; NPS −30.0, interval −35.1 to −24.9."));
  g_assert_nonnull (strstr (text, "Smart TV (n = 25, a small sample):"));
  g_assert_nonnull (strstr (text, "Other: no answers."));
}

static void
test_nps_edges (void)
{
  const LikertNpsData empty = { NULL, NULL, 0 };
  const LikertNpsRow one = { NULL, { 0, 0, 7 }, 100.0, NAN, NAN };
  const LikertNpsData single = { NULL, &one, 1 };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, FALSE);

  render (&rendered, WIDTH, HEIGHT, &style, &empty);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 0);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_nps_describe (&empty);
  g_assert_nonnull (strstr (text, "No answers."));
  g_clear_pointer (&text, g_free);

  /* Only promoters, no interval, no label. */
  render (&rendered, WIDTH, HEIGHT, &style, &single);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 1);
  assert_geometry (&rendered.geometry, &single, WIDTH, HEIGHT, FALSE);
  g_assert_cmpfloat (rendered.geometry.marks[0].pieces[2].width, ==, rendered.geometry.bars.width);
  g_assert_true (isnan (rendered.geometry.marks[0].low_x));
  g_assert_cmpfloat (rendered.geometry.marks[0].nps_x, ==, rendered.geometry.plus_100_x);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_nps_describe (&single);
  g_assert_nonnull (strstr (text, ": 0.0 % detractors, 0.0 % passives, 100.0 % promoters; "
                                  "NPS +100.0."));
  g_clear_pointer (&text, g_free);

  for (int width = 0; width <= 400; width += 40)
    {
      render (&rendered, width, 200, &style, &sample);
      if (width >= 50 && rendered.geometry.n_rows > 0)
        assert_geometry (&rendered.geometry, &sample, width, 200, FALSE);
      chart_test_canvas_clear (&rendered.canvas);
    }

  likert_chart_style_clear (&style);
}

/* Whole words */

/* In a narrow chart and large text, the legend's names and the rows' labels wrap and are cut
 * between words only, in either direction; the legend goes across the chart rather than cut a
 * name. */
typedef struct
{
  const LikertNpsData *data;
  const char * const  *texts;
  guint                n_texts;
} Words;

/* At each size: whole words, and the legend names each group. */
static void
check_nps_words (const LikertChartStyle *style,
                 int                     width,
                 int                     height,
                 gpointer                user_data)
{
  const Words *words = user_data;
  Rendered rendered;
  g_autoptr(GPtrArray) lines = NULL;

  chart_test_record_start ();
  render (&rendered, width, height, style, words->data);
  lines = chart_test_record_stop ();
  chart_test_assert_whole_words (lines, words->texts, words->n_texts);

  if (rendered.geometry.has_legend)
    {
      g_autofree char *read = chart_test_lines_join (lines, 0, lines->len);

      g_assert_nonnull (strstr (read, "Detractors (0–"));
      g_assert_nonnull (strstr (read, "Passives (7–"));
      g_assert_nonnull (strstr (read, "Promoters (9–"));
    }

  chart_test_canvas_clear (&rendered.canvas);
}

static void
test_nps_whole_words (void)
{
  static const LikertNpsRow long_rows[] = {
    { "All devices", { 1210, 1480, 2310 }, 22.0, 20.0, 24.0 },
    { "Android phone", { 420, 510, 690 }, 16.7, 13.0, 20.0 },
    { "Windows desktop", { 300, 350, 420 }, 11.2, 7.0, 15.0 },
    { "Smart TV", { 5, 10, 10 }, 20.0, -9.0, 49.0 },
  };
  static const LikertNpsData data = {
    "How likely are you to recommend us to a friend or colleague?", long_rows,
    G_N_ELEMENTS (long_rows),
  };
  const char * const texts[] = {
    data.title, long_rows[0].label, long_rows[1].label, long_rows[2].label, long_rows[3].label,
    "Detractors Passives Promoters NPS n = no answers No answers Too small to",
    "more not shown: make the chart taller",
  };

  Words words = { &data, texts, G_N_ELEMENTS (texts) };

  chart_test_sweep (check_nps_words, &words);
}

static void
test_nps_export (void)
{
  chart_test_check_exports (likert_nps_draw, &sample, WIDTH, HEIGHT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nps/geometry", test_nps_geometry);
  g_test_add_func ("/nps/pixels", test_nps_pixels);
  g_test_add_func ("/nps/describe", test_nps_describe);
  g_test_add_func ("/nps/edges", test_nps_edges);
  g_test_add_func ("/nps/whole-words", test_nps_whole_words);
  g_test_add_func ("/nps/export", test_nps_export);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
