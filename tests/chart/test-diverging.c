/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-diverging"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-diverging.h"

#define WIDTH  720
#define HEIGHT 420

static const char * const labels[] = {
  "Very dissatisfied", "Dissatisfied", "Neither", "Satisfied", "Very satisfied",
};

/* Net scores: Germany +65, Morocco +55, Luxembourg (n = 12) 0, France −12.5 */
static const guint64 morocco[] = { 50, 100, 150, 400, 300 };   /* n 1000: 15 | 15 | 70 % */
static const guint64 france[] = { 100, 200, 300, 150, 50 };    /* n 800: 37.5 | 37.5 | 25 % */
static const guint64 germany[] = { 10, 30, 60, 200, 100 };     /* n 400: 10 | 15 | 75 % */
static const guint64 luxembourg[] = { 2, 2, 4, 2, 2 };         /* n 12: a third each */

static const LikertDivergingSegment segments[] = {
  { "Morocco", morocco },
  { "France", france },
  { "Germany", germany },
  { "Luxembourg", luxembourg },
};

static const LikertDivergingData sample = {
  "How satisfied are you?", 1, 5, labels, segments, G_N_ELEMENTS (segments),
};

typedef struct
{
  ChartTestCanvas         canvas;
  LikertDivergingGeometry geometry;
} Rendered;

static void
render (Rendered                  *out,
        int                        width,
        int                        height,
        const LikertChartStyle    *style,
        const LikertDivergingData *data)
{
  chart_test_canvas_init (&out->canvas, width, height);
  /* Poison the geometry: render must fill all of it. */
  memset (&out->geometry, 0xff, sizeof out->geometry);
  likert_diverging_render (out->canvas.cr, width, height, style, data, &out->geometry);
  chart_test_canvas_finish (&out->canvas);
}

static guint
n_points (const LikertDivergingData *data)
{
  return (guint) (data->scale_max - data->scale_min + 1);
}

static double
segment_total (const LikertDivergingData *data,
               guint                      s)
{
  double total = 0;

  for (guint i = 0; i < n_points (data); i++)
    total += (double) data->segments[s].counts[i];

  return total;
}

/* Everything that holds in either direction. */
static void
assert_geometry (const LikertDivergingGeometry *geometry,
                 const LikertDivergingData     *data,
                 int                            width,
                 int                            height,
                 gboolean                       rtl)
{
  const LikertChartRect surface = { 0, 0, width, height };
  guint n = n_points (data);
  double half = geometry->plot.width / 2.0;

  chart_test_assert_inside (&geometry->plot, &surface);
  g_assert_cmpfloat (fabs (geometry->centre_x - (geometry->plot.x + half)), <=, 1.0);
  g_assert_cmpfloat (geometry->percent_min, ==, geometry->percent_max);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      guint s = geometry->order[r];
      double total = segment_total (data, s);
      double edge = NAN;   /* where the previous piece ended, from the negative end */

      g_assert_cmpuint (s, <, data->n_segments);

      /* Sorted by net score, highest first. */
      if (r > 0 && !isnan (likert_diverging_net (data, s)))
        g_assert_cmpfloat (likert_diverging_net (data, geometry->order[r - 1]), >=,
                           likert_diverging_net (data, s));

      for (guint i = 0; i < n; i++)
        {
          const LikertChartRect *piece = &geometry->pieces[r][i];
          double share = total > 0 ? 100.0 * (double) data->segments[s].counts[i] / total : 0;
          double expected = share / geometry->percent_max * half;

          if (piece->width <= 0)
            continue;

          chart_test_assert_inside (piece, &geometry->plot);
          chart_test_assert_inside (piece, &geometry->rows[r]);

          /* Widths follow the shares (rounded to whole units at both edges). */
          g_assert_cmpfloat (fabs (piece->width - expected), <=, 1.0);

          /* Pieces follow one another without gaps or overlaps, negative end first. */
          if (!isnan (edge))
            g_assert_cmpfloat (rtl ? piece->x + piece->width : piece->x, ==, edge);
          edge = rtl ? piece->x : piece->x + piece->width;

          /* Nothing overlaps another row's pieces. */
          for (guint other = 0; other < r; other++)
            for (guint j = 0; j < n; j++)
              g_assert_false (chart_test_rects_overlap (piece, &geometry->pieces[other][j]));
        }
    }
}

/* In row r, the edge between the negative and the positive side (or the neutral's middle). */
static double
meeting_x (const LikertDivergingGeometry *geometry,
           guint                          n,
           guint                          r,
           gboolean                       rtl)
{
  if (n % 2 == 1)
    {
      const LikertChartRect *neutral = &geometry->pieces[r][n / 2];

      return neutral->x + neutral->width / 2.0;
    }

  /* The first positive piece's inner edge. */
  return rtl ? geometry->pieces[r][n / 2].x + geometry->pieces[r][n / 2].width
             : geometry->pieces[r][n / 2].x;
}

static void
test_diverging_geometry_ltr (void)
{
  LikertChartStyle style;
  Rendered rendered;
  const LikertDivergingGeometry *geometry = &rendered.geometry;

  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, HEIGHT, &style, &sample);

  g_assert_cmpuint (geometry->n_rows, ==, 4);
  g_assert_cmpuint (geometry->n_hidden, ==, 0);
  assert_geometry (geometry, &sample, WIDTH, HEIGHT, FALSE);

  /* Germany +65, Morocco +55, Luxembourg 0, France −12.5 */
  g_assert_cmpuint (geometry->order[0], ==, 2);
  g_assert_cmpuint (geometry->order[1], ==, 0);
  g_assert_cmpuint (geometry->order[2], ==, 3);
  g_assert_cmpuint (geometry->order[3], ==, 1);

  /* The axis reaches the widest side in tens: Germany's 75 % + 7.5 % → 90 %. */
  g_assert_cmpfloat (geometry->percent_max, ==, 90.0);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      const LikertChartRect *neutral = &geometry->pieces[r][2];

      /* The neutral part straddles the centre line, its middle on it. */
      g_assert_cmpfloat (fabs (meeting_x (geometry, 5, r, FALSE) - geometry->centre_x), <=, 1.0);
      g_assert_cmpfloat (neutral->x, <, geometry->centre_x);
      g_assert_cmpfloat (neutral->x + neutral->width, >, geometry->centre_x);

      /* Negative to the left, positive to the right. */
      g_assert_cmpfloat (geometry->pieces[r][1].x + geometry->pieces[r][1].width, ==, neutral->x);
      g_assert_cmpfloat (geometry->pieces[r][3].x, ==, neutral->x + neutral->width);
      g_assert_cmpfloat (geometry->pieces[r][0].x, <, geometry->pieces[r][1].x);
      g_assert_cmpfloat (geometry->pieces[r][4].x, >, geometry->pieces[r][3].x);
    }

  /* The labels stand left of the bars, the n right of them. */
  g_assert_cmpfloat (geometry->plot.x, >, 100);
  g_assert_cmpfloat (geometry->plot.x + geometry->plot.width, <, WIDTH - 40);

  /* The legend: all five swatches, the negative one first from the left. */
  g_assert_true (geometry->has_legend);
  for (guint i = 1; i < 5; i++)
    if (geometry->legend[i].y == geometry->legend[i - 1].y)
      g_assert_cmpfloat (geometry->legend[i].x, >, geometry->legend[i - 1].x);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (geometry->legend[i].y + geometry->legend[i].height, <=, geometry->plot.y);

  chart_test_canvas_clear (&rendered.canvas);
  likert_chart_style_clear (&style);
}

static void
test_diverging_geometry_rtl (void)
{
  LikertChartStyle style;
  Rendered ltr, rtl;
  const LikertDivergingGeometry *geometry = &rtl.geometry;

  likert_chart_style_init_default (&style, FALSE);
  render (&ltr, WIDTH, HEIGHT, &style, &sample);
  style.rtl = TRUE;
  render (&rtl, WIDTH, HEIGHT, &style, &sample);

  assert_geometry (geometry, &sample, WIDTH, HEIGHT, TRUE);
  g_assert_cmpuint (geometry->n_rows, ==, ltr.geometry.n_rows);

  /* The mirror image of the left-to-right chart. */
  g_assert_cmpfloat (geometry->plot.x, ==,
                     WIDTH - ltr.geometry.plot.x - ltr.geometry.plot.width);
  g_assert_cmpfloat (fabs (geometry->centre_x - (WIDTH - ltr.geometry.centre_x)), <=, 1.0);
  for (guint r = 0; r < geometry->n_rows; r++)
    {
      g_assert_cmpuint (geometry->order[r], ==, ltr.geometry.order[r]);

      for (guint i = 0; i < 5; i++)
        {
          const LikertChartRect *piece = &geometry->pieces[r][i];
          const LikertChartRect *mirror = &ltr.geometry.pieces[r][i];

          g_assert_cmpfloat (fabs (piece->x - (WIDTH - mirror->x - mirror->width)), <=, 1.0);
          g_assert_cmpfloat (fabs (piece->width - mirror->width), <=, 1.0);
          g_assert_cmpfloat (piece->y, ==, mirror->y);
        }

      /* Negative on the right now. */
      g_assert_cmpfloat (geometry->pieces[r][0].x, >, geometry->centre_x);
      g_assert_cmpfloat (geometry->pieces[r][4].x + geometry->pieces[r][4].width, <,
                         geometry->centre_x);
      g_assert_cmpfloat (fabs (meeting_x (geometry, 5, r, TRUE) - geometry->centre_x), <=, 1.0);
    }

  /* The legend too: the negative swatch first from the right. */
  for (guint i = 1; i < 5; i++)
    if (geometry->legend[i].y == geometry->legend[i - 1].y)
      g_assert_cmpfloat (geometry->legend[i].x, <, geometry->legend[i - 1].x);

  chart_test_canvas_clear (&ltr.canvas);
  chart_test_canvas_clear (&rtl.canvas);
  likert_chart_style_clear (&style);
}

/* An even scale has no neutral part: the centre line is where negative meets positive. */
static void
test_diverging_even (void)
{
  static const char * const four_labels[] = { "Poor", "Fair", "Good", "Excellent" };
  static const guint64 a[] = { 10, 30, 40, 20 };
  static const guint64 b[] = { 40, 30, 20, 10 };
  const LikertDivergingSegment four_segments[] = { { "A", a }, { "B", b } };
  const LikertDivergingData data = { NULL, 1, 4, four_labels, four_segments, 2 };
  gboolean directions[] = { FALSE, TRUE };

  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      LikertChartStyle style;
      Rendered rendered;
      const LikertDivergingGeometry *geometry = &rendered.geometry;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = directions[d];
      render (&rendered, 500, 240, &style, &data);

      g_assert_cmpuint (geometry->n_rows, ==, 2);
      assert_geometry (geometry, &data, 500, 240, style.rtl);

      for (guint r = 0; r < 2; r++)
        {
          const LikertChartRect *last_negative = &geometry->pieces[r][1];
          const LikertChartRect *first_positive = &geometry->pieces[r][2];

          if (style.rtl)
            {
              g_assert_cmpfloat (last_negative->x, ==, geometry->centre_x);
              g_assert_cmpfloat (first_positive->x + first_positive->width, ==,
                                 geometry->centre_x);
            }
          else
            {
              g_assert_cmpfloat (last_negative->x + last_negative->width, ==,
                                 geometry->centre_x);
              g_assert_cmpfloat (first_positive->x, ==, geometry->centre_x);
            }
        }

      /* A (+20) above B (−40). */
      g_assert_cmpuint (geometry->order[0], ==, 0);

      chart_test_canvas_clear (&rendered.canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_diverging_pixels (void)
{
  gboolean dark_modes[] = { FALSE, TRUE };

  for (guint d = 0; d < G_N_ELEMENTS (dark_modes); d++)
    {
      LikertChartStyle style;
      LikertRgba palette[5];
      Rendered rendered;
      const LikertDivergingGeometry *geometry = &rendered.geometry;
      guint sampled = 0;

      likert_chart_style_init_default (&style, dark_modes[d]);
      likert_chart_style_get_diverging (&style, 5, palette);
      render (&rendered, WIDTH, HEIGHT, &style, &sample);

      for (guint r = 0; r < geometry->n_rows; r++)
        for (guint i = 0; i < 5; i++)
          {
            const LikertChartRect *piece = &geometry->pieces[r][i];

            if (piece->width < 6)
              continue;

            /* Beside the share written in the middle: shares keep a gap to the edges. */
            chart_test_assert_pixel_is (rendered.canvas.surface, piece->x + 2,
                                        piece->y + piece->height / 2, &palette[i]);
            chart_test_assert_pixel_is (rendered.canvas.surface, piece->x + piece->width / 2,
                                        piece->y + 1, &palette[i]);
            sampled++;
          }
      g_assert_cmpuint (sampled, >=, 16);

      /* Between two bars, on the centre line: the line's colour, not the background. */
      g_assert_true (chart_test_has_ink (rendered.canvas.surface, &style.background,
                                         geometry->centre_x - 1,
                                         geometry->pieces[0][0].y +
                                         geometry->pieces[0][0].height + 1,
                                         geometry->centre_x + 1,
                                         geometry->pieces[1][0].y - 1));
      /* The corners are background. */
      chart_test_assert_pixel_is (rendered.canvas.surface, 1, HEIGHT - 2, &style.background);
      chart_test_assert_pixel_is (rendered.canvas.surface, WIDTH - 2, 1, &style.background);

      chart_test_canvas_clear (&rendered.canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_diverging_describe (void)
{
  g_autofree char *text = likert_diverging_describe (&sample);
  const char *first, *second, *third, *fourth;

  g_assert_nonnull (strstr (text, sample.title));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (strstr (text, labels[i]));

  g_assert_nonnull (strstr (text, "Negative: 1 (Very dissatisfied), 2 (Dissatisfied)."));
  g_assert_nonnull (strstr (text, "Neutral: 3 (Neither)."));
  g_assert_nonnull (strstr (text, "Germany (n = 400): 10.0 % negative, 15.0 % neutral, "
                                  "75.0 % positive, net +65.0."));
  g_assert_nonnull (strstr (text, "Morocco (n = 1000): 15.0 % negative, 15.0 % neutral, "
                                  "70.0 % positive, net +55.0."));
  g_assert_nonnull (strstr (text, "France (n = 800): 37.5 % negative, 37.5 % neutral, "
                                  "25.0 % positive, net −12.5."));
  g_assert_nonnull (strstr (text, "Luxembourg (n = 12, a small sample): 33.3 % negative, "
                                  "33.3 % neutral, 33.3 % positive, net 0.0."));

  /* In the chart's order. */
  first = strstr (text, "Germany (");
  second = strstr (text, "Morocco (");
  third = strstr (text, "Luxembourg (");
  fourth = strstr (text, "France (");
  g_assert_true (first < second && second < third && third < fourth);
}

static void
test_diverging_small_n (void)
{
  LikertChartStyle style;
  Rendered rendered;
  const LikertDivergingGeometry *geometry = &rendered.geometry;
  guint row = G_MAXUINT;
  double label_x1;

  likert_chart_style_init_default (&style, FALSE);
  render (&rendered, WIDTH, HEIGHT, &style, &sample);

  for (guint r = 0; r < geometry->n_rows; r++)
    if (geometry->order[r] == 3)
      row = r;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  /* "n = 12 ⚠" beside the bar, at the end of its row. */
  label_x1 = geometry->rows[row].x + geometry->rows[row].width;
  g_assert_true (chart_test_has_ink (rendered.canvas.surface, &style.background,
                                     geometry->plot.x + geometry->plot.width + 4,
                                     geometry->rows[row].y, label_x1,
                                     geometry->rows[row].y + geometry->rows[row].height));

  chart_test_canvas_clear (&rendered.canvas);
  likert_chart_style_clear (&style);
}

static void
test_diverging_edges (void)
{
  static const guint64 none[] = { 0, 0, 0, 0, 0 };
  static const guint64 neutral[] = { 0, 0, 42, 0, 0 };
  static const guint64 eleven[] = { 5, 3, 4, 8, 10, 30, 25, 40, 60, 45, 30 };
  const LikertDivergingSegment with_empty[] = {
    { "Nobody", none }, { "Neutral", neutral }, { NULL, morocco },
  };
  const LikertDivergingSegment tens[] = { { "Phone", eleven }, { "Desktop", eleven } };
  const LikertDivergingData empty = { "Nothing", 1, 5, labels, NULL, 0 };
  const LikertDivergingData partial = { NULL, 1, 5, NULL, with_empty, 3 };
  const LikertDivergingData ten = { "Recommend", 0, 10, NULL, tens, 2 };
  const LikertDivergingData single = { NULL, 3, 3, NULL, (LikertDivergingSegment[]) {
                                         { "One", neutral } }, 1 };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, FALSE);

  /* No segments: a message, no bars. */
  render (&rendered, WIDTH, HEIGHT, &style, &empty);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 0);
  g_assert_cmpuint (rendered.geometry.n_hidden, ==, 0);
  g_assert_true (chart_test_has_ink (rendered.canvas.surface, &style.background,
                                     0, HEIGHT / 3, WIDTH, HEIGHT));
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_diverging_describe (&empty);
  g_assert_nonnull (strstr (text, "No segments."));
  g_clear_pointer (&text, g_free);

  /* A segment without answers goes last, empty; an all-neutral one is centred. */
  render (&rendered, WIDTH, HEIGHT, &style, &partial);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 3);
  g_assert_cmpuint (rendered.geometry.order[0], ==, 2);
  g_assert_cmpuint (rendered.geometry.order[1], ==, 1);
  g_assert_cmpuint (rendered.geometry.order[2], ==, 0);
  assert_geometry (&rendered.geometry, &partial, WIDTH, HEIGHT, FALSE);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat (rendered.geometry.pieces[2][i].width, ==, 0);
  g_assert_cmpfloat (rendered.geometry.pieces[1][2].width, >, 0);
  g_assert_cmpfloat (fabs (rendered.geometry.pieces[1][2].x +
                           rendered.geometry.pieces[1][2].width / 2 -
                           rendered.geometry.centre_x), <=, 1.0);
  g_assert_true (isnan (likert_diverging_net (&partial, 0)));
  g_assert_cmpfloat (likert_diverging_net (&partial, 1), ==, 0.0);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_diverging_describe (&partial);
  g_assert_nonnull (strstr (text, "Nobody: no answers."));
  g_assert_nonnull (strstr (text, "Neutral (n = 42): 0.0 % negative, 100.0 % neutral, "
                                  "0.0 % positive, net 0.0."));
  g_clear_pointer (&text, g_free);

  /* 0–10: five negative points, 5 neutral, five positive. */
  render (&rendered, WIDTH, HEIGHT, &style, &ten);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 2);
  assert_geometry (&rendered.geometry, &ten, WIDTH, HEIGHT, FALSE);
  g_assert_cmpfloat (fabs (meeting_x (&rendered.geometry, 11, 0, FALSE) -
                           rendered.geometry.centre_x), <=, 1.0);
  g_assert_cmpfloat (rendered.geometry.pieces[0][4].x + rendered.geometry.pieces[0][4].width, ==,
                     rendered.geometry.pieces[0][5].x);
  chart_test_canvas_clear (&rendered.canvas);
  text = likert_diverging_describe (&ten);
  g_assert_nonnull (strstr (text, "Negative: 0, 1, 2, 3, 4. Neutral: 5. "
                                  "Positive: 6, 7, 8, 9, 10."));
  g_clear_pointer (&text, g_free);

  /* A one-point scale: all neutral. */
  render (&rendered, 300, 200, &style, &single);
  g_assert_cmpuint (rendered.geometry.n_rows, ==, 1);
  g_assert_cmpfloat (fabs (rendered.geometry.pieces[0][0].x +
                           rendered.geometry.pieces[0][0].width / 2 -
                           rendered.geometry.centre_x), <=, 1.0);
  chart_test_canvas_clear (&rendered.canvas);

  likert_chart_style_clear (&style);
}

static void
test_diverging_tiny (void)
{
  const int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 49, 300 }, { 300, 49 }, { 50, 50 }, { 80, 60 },
                           { 120, 90 }, { 2000, 60 } };
  LikertChartStyle style;

  likert_chart_style_init_default (&style, FALSE);
  style.rtl = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      Rendered rendered;

      render (&rendered, sizes[i][0], sizes[i][1], &style, &sample);
      if (sizes[i][0] < 50 || sizes[i][1] < 50)
        {
          g_assert_cmpuint (rendered.geometry.n_rows, ==, 0);
          if (sizes[i][0] > 0 && sizes[i][1] > 0)
            g_assert_false (chart_test_has_ink (rendered.canvas.surface, &style.background, 0, 0,
                                                sizes[i][0], sizes[i][1]));
        }
      else
        {
          assert_geometry (&rendered.geometry, &sample, sizes[i][0], sizes[i][1], TRUE);
          g_assert_cmpuint (rendered.geometry.n_rows + rendered.geometry.n_hidden, ==, 4);
        }
      chart_test_canvas_clear (&rendered.canvas);
    }

  likert_chart_style_clear (&style);
}

/* More segments than fit: the first ones by score, a note for the rest. */
static void
test_diverging_many (void)
{
  LikertDivergingSegment many[80];
  const LikertDivergingData data = { "Many", 1, 5, labels, many, G_N_ELEMENTS (many) };
  LikertChartStyle style;
  Rendered rendered;
  g_autofree char *text = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (many); s++)
    many[s] = (LikertDivergingSegment) { s % 2 ? "Odd" : "Even", s % 3 ? morocco : france };

  likert_chart_style_init_default (&style, TRUE);
  render (&rendered, WIDTH, HEIGHT, &style, &data);

  g_assert_cmpuint (rendered.geometry.n_rows, >, 3);
  g_assert_cmpuint (rendered.geometry.n_rows, <, 20);
  g_assert_cmpuint (rendered.geometry.n_rows + rendered.geometry.n_hidden, ==, 80);
  assert_geometry (&rendered.geometry, &data, WIDTH, HEIGHT, FALSE);

  /* All of them in the description. */
  text = likert_diverging_describe (&data);
  {
    guint found = 0;

    for (const char *p = strstr (text, "(n = "); p != NULL; p = strstr (p + 1, "(n = "))
      found++;
    g_assert_cmpuint (found, ==, 80);
  }

  chart_test_canvas_clear (&rendered.canvas);
  likert_chart_style_clear (&style);
}

/* Equal scores keep the caller's order. */
static void
test_diverging_order_stable (void)
{
  const LikertDivergingSegment same[] = {
    { "C", france }, { "A", morocco }, { "B", france }, { "D", morocco },
  };
  const LikertDivergingData data = { NULL, 1, 5, NULL, same, 4 };
  guint order[4];

  likert_diverging_order (&data, order);
  g_assert_cmpuint (order[0], ==, 1);
  g_assert_cmpuint (order[1], ==, 3);
  g_assert_cmpuint (order[2], ==, 0);
  g_assert_cmpuint (order[3], ==, 2);
}

/* The palette: ordered by lightness from the extremes in, grey in the middle, red to blue. */
static void
test_diverging_palette (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      LikertChartStyle style;

      likert_chart_style_init_default (&style, dark);
      g_assert_true (likert_chart_style_is_dark (&style) == (gboolean) dark);

      for (guint n = 1; n <= LIKERT_CHART_MAX_POINTS; n++)
        {
          LikertRgba colors[LIKERT_CHART_MAX_POINTS];

          likert_chart_style_get_diverging (&style, n, colors);

          for (guint i = 0; i < n; i++)
            {
              g_assert_cmpfloat (colors[i].alpha, ==, 1.0);

              if (n % 2 == 1 && i == n / 2)
                {
                  g_assert_cmpfloat (colors[i].red, ==, colors[i].green);
                  g_assert_cmpfloat (colors[i].green, ==, colors[i].blue);
                }
              else if (i < n / 2)
                {
                  g_assert_cmpfloat (colors[i].red, >, colors[i].blue);
                }
              else
                {
                  g_assert_cmpfloat (colors[i].blue, >, colors[i].red);
                }
            }

          /* Lightness: in light styles the extremes are darkest, in dark ones lightest. */
          for (guint i = 0; i + 1 < n / 2; i++)
            {
              double outer = colors[i].red + colors[i].green + colors[i].blue;
              double inner = colors[i + 1].red + colors[i + 1].green + colors[i + 1].blue;
              double outer_pos = colors[n - 1 - i].red + colors[n - 1 - i].green +
                                 colors[n - 1 - i].blue;
              double inner_pos = colors[n - 2 - i].red + colors[n - 2 - i].green +
                                 colors[n - 2 - i].blue;

              if (dark)
                {
                  g_assert_cmpfloat (outer, >, inner);
                  g_assert_cmpfloat (outer_pos, >, inner_pos);
                }
              else
                {
                  g_assert_cmpfloat (outer, <, inner);
                  g_assert_cmpfloat (outer_pos, <, inner_pos);
                }
            }
        }

      likert_chart_style_clear (&style);
    }

  /* On screen the background is transparent: the foreground tells. */
  {
    LikertChartStyle style;
    LikertRgba parsed;

    likert_chart_style_init_default (&style, TRUE);
    style.background.alpha = 0;
    g_assert_true (likert_chart_style_is_dark (&style));
    likert_chart_style_clear (&style);

    g_assert_true (likert_rgba_parse (&parsed, "#FF8000"));
    g_assert_cmpfloat (parsed.red, ==, 1.0);
    g_assert_cmpfloat (fabs (parsed.green - 128 / 255.0), <, 1e-9);
    g_assert_cmpfloat (parsed.blue, ==, 0.0);
    g_assert_false (likert_rgba_parse (&parsed, "red"));
    g_assert_false (likert_rgba_parse (&parsed, "#12345"));
    g_assert_false (likert_rgba_parse (&parsed, "#12345g"));
    g_assert_false (likert_rgba_parse (&parsed, NULL));
  }
}

/* Whole words */

typedef struct
{
  const LikertDivergingData *data;
  const char * const        *texts;
  guint                      n_texts;
} Words;

/* At each size: whole words, and every scale label in the legend whole, unless the chart is
 * narrower than about its longest word and a swatch ("dissatisfied" at 150 % is some 110
 * units). */
static void
check_diverging_words (const LikertChartStyle *style,
                       int                     width,
                       int                     height,
                       gpointer                user_data)
{
  const Words *words = user_data;
  const LikertDivergingData *data = words->data;
  Rendered rendered;
  g_autoptr(GPtrArray) lines = NULL;

  chart_test_record_start ();
  render (&rendered, width, height, style, data);
  lines = chart_test_record_stop ();
  chart_test_assert_whole_words (lines, words->texts, words->n_texts);

  if (rendered.geometry.has_legend && width >= 240)
    {
      g_autofree char *read = chart_test_lines_join (lines, 0, lines->len);

      for (int v = data->scale_min; v <= data->scale_max; v++)
        if (strstr (read, data->labels[v - data->scale_min]) == NULL)
          g_error ("%d × %d, %s, %s: “%s” not in the legend: %s", width, height,
                   pango_font_description_to_string (style->font), style->rtl ? "rtl" : "ltr",
                   data->labels[v - data->scale_min], read);
    }

  chart_test_canvas_clear (&rendered.canvas);
}

/* Long names, in a narrow chart and large text: the legend and the row labels wrap and are cut
 * between words only, in either direction; the legend moves across the chart rather than cut a
 * name. */
static void
test_diverging_whole_words (void)
{
  static const char * const long_labels[] = {
    "Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied",
    "Somewhat satisfied", "Extremely satisfied",
  };
  static const LikertDivergingSegment long_segments[] = {
    { "Netherlands", morocco },
    { "United Kingdom of Great Britain and Northern Ireland", france },
    { "Germany", germany },
    { "Luxembourg", luxembourg },
  };
  static const LikertDivergingData data = {
    "Overall, how satisfied are you with our service?", 1, 5, long_labels, long_segments,
    G_N_ELEMENTS (long_segments),
  };
  const char * const texts[] = {
    data.title, long_labels[0], long_labels[1], long_labels[2], long_labels[3], long_labels[4],
    long_segments[0].label, long_segments[1].label, long_segments[2].label,
    long_segments[3].label, "n = No answers No segments Too small",
    "more not shown: make the chart taller",
  };

  Words words = { &data, texts, G_N_ELEMENTS (texts) };

  chart_test_sweep (check_diverging_words, &words);
}

static void
test_diverging_export (void)
{
  chart_test_check_exports (likert_diverging_draw, &sample, WIDTH, HEIGHT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diverging/geometry-ltr", test_diverging_geometry_ltr);
  g_test_add_func ("/diverging/geometry-rtl", test_diverging_geometry_rtl);
  g_test_add_func ("/diverging/even", test_diverging_even);
  g_test_add_func ("/diverging/pixels", test_diverging_pixels);
  g_test_add_func ("/diverging/describe", test_diverging_describe);
  g_test_add_func ("/diverging/small-n", test_diverging_small_n);
  g_test_add_func ("/diverging/edges", test_diverging_edges);
  g_test_add_func ("/diverging/tiny", test_diverging_tiny);
  g_test_add_func ("/diverging/many", test_diverging_many);
  g_test_add_func ("/diverging/order-stable", test_diverging_order_stable);
  g_test_add_func ("/diverging/palette", test_diverging_palette);
  g_test_add_func ("/diverging/whole-words", test_diverging_whole_words);
  g_test_add_func ("/diverging/export", test_diverging_export);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
