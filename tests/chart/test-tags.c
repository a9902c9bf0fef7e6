/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tags"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-tags.h"

#define WIDTH  640
#define HEIGHT 320

static const LikertTagCount tags[] = {
  { "Delivery delay", 400, "#e01b24" },
  { "Friendly staff", 200, "#2ec27e" },
  { "Price", 100, NULL },
  { "Refund", 0, "#63452c" },
  { "A tag with a rather long name that cannot fit in its column", 50, "not a colour" },
};

static const LikertTagBarsData bars_data = { "Tags", tags, G_N_ELEMENTS (tags), 1000 };

static const char * const names[] = { "Delay", "Staff", "Price" };
static const char * const labels[] = { "Bad", "Poor", "Fair", "Good", "Great" };
static const guint64 counts[] = {
  160, 130, 70, 38, 14,
  4, 12, 40, 150, 200,
  0, 75, 62, 35, 15,
};
static const LikertTagHeatmapData heatmap_data = {
  "Tags by rating", 1, 5, labels, names, G_N_ELEMENTS (names), counts,
};

static void
assert_bars (const LikertTagBarsGeometry *geometry,
             const LikertTagBarsData     *data,
             int                          width,
             int                          height,
             gboolean                     rtl)
{
  const LikertChartRect surface = { 0, 0, width, height };

  chart_test_assert_inside (&geometry->plot, &surface);

  for (guint r = 0; r < geometry->n_rows; r++)
    {
      const LikertChartRect *bar = &geometry->bars[r];
      double expected = (double) data->tags[r].count / (double) geometry->max_count *
                        geometry->plot.width;

      g_assert_cmpfloat (fabs (bar->width - expected), <=, 0.5);
      chart_test_assert_inside (&geometry->rows[r], &surface);
      if (bar->width > 0)
        {
          chart_test_assert_inside (bar, &geometry->plot);
          chart_test_assert_inside (bar, &geometry->rows[r]);
        }

      /* From the start side. */
      if (rtl)
        g_assert_cmpfloat (bar->x + bar->width, ==, geometry->plot.x + geometry->plot.width);
      else
        g_assert_cmpfloat (bar->x, ==, geometry->plot.x);

      for (guint other = 0; other < r; other++)
        {
          g_assert_false (chart_test_rects_overlap (bar, &geometry->bars[other]));
          g_assert_false (chart_test_rects_overlap (&geometry->rows[r], &geometry->rows[other]));
        }
    }
}

static void
test_tag_bars_geometry (void)
{
  LikertTagBarsGeometry geometry[2];

  for (guint d = 0; d < 2; d++)
    {
      LikertChartStyle style;
      ChartTestCanvas canvas;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = d == 1;
      chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
      memset (&geometry[d], 0xff, sizeof geometry[d]);
      likert_tag_bars_render (canvas.cr, WIDTH, HEIGHT, &style, &bars_data, &geometry[d]);
      chart_test_canvas_finish (&canvas);

      g_assert_cmpuint (geometry[d].n_rows, ==, G_N_ELEMENTS (tags));
      g_assert_cmpuint (geometry[d].n_hidden, ==, 0);
      g_assert_cmpuint (geometry[d].max_count, ==, 400);
      assert_bars (&geometry[d], &bars_data, WIDTH, HEIGHT, style.rtl);
      g_assert_cmpfloat (geometry[d].bars[0].width, ==, geometry[d].plot.width);
      g_assert_cmpfloat (geometry[d].bars[3].width, ==, 0);

      chart_test_canvas_clear (&canvas);
      likert_chart_style_clear (&style);
    }

  for (guint r = 0; r < G_N_ELEMENTS (tags); r++)
    g_assert_cmpfloat (fabs (geometry[1].bars[r].x -
                             (WIDTH - geometry[0].bars[r].x - geometry[0].bars[r].width)), <=, 1.0);
}

static void
test_tag_bars_pixels (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      LikertChartStyle style;
      ChartTestCanvas canvas;
      LikertTagBarsGeometry geometry;
      LikertRgba red, green;

      likert_chart_style_init_default (&style, dark);
      chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
      likert_tag_bars_render (canvas.cr, WIDTH, HEIGHT, &style, &bars_data, &geometry);
      chart_test_canvas_finish (&canvas);

      /* The tag's colour, else the accent (also for a colour that does not parse). */
      g_assert_true (likert_rgba_parse (&red, "#e01b24"));
      g_assert_true (likert_rgba_parse (&green, "#2ec27e"));
      chart_test_assert_centre_is (canvas.surface, &geometry.bars[0], &red);
      chart_test_assert_centre_is (canvas.surface, &geometry.bars[1], &green);
      chart_test_assert_centre_is (canvas.surface, &geometry.bars[2], &style.accent);
      chart_test_assert_centre_is (canvas.surface, &geometry.bars[4], &style.accent);

      /* The count after each bar. */
      for (guint r = 0; r < geometry.n_rows; r++)
        g_assert_true (chart_test_has_ink (canvas.surface, &style.background,
                                           geometry.bars[r].x + geometry.bars[r].width + 2,
                                           geometry.rows[r].y,
                                           geometry.bars[r].x + geometry.bars[r].width + 40,
                                           geometry.rows[r].y + geometry.rows[r].height));

      chart_test_canvas_clear (&canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_tag_bars_describe (void)
{
  const LikertTagBarsData counts_only = { NULL, tags, 2, 0 };
  g_autofree char *text = likert_tag_bars_describe (&bars_data);
  g_autofree char *plain = likert_tag_bars_describe (&counts_only);

  g_assert_nonnull (strstr (text, "Tag frequency, Tags. Shares of 1000 responses."));
  g_assert_nonnull (strstr (text, "Delivery delay: 400 (40.0 %)."));
  g_assert_nonnull (strstr (text, "Refund: 0 (0.0 %)."));
  g_assert_cmpstr (plain, ==, "Tag frequency. Delivery delay: 400. Friendly staff: 200.");
}

static void
test_tag_bars_edges (void)
{
  const LikertTagBarsData empty = { NULL, NULL, 0, 0 };
  const LikertTagCount zeros[] = { { "A", 0, NULL }, { "B", 0, NULL } };
  const LikertTagBarsData nothing = { NULL, zeros, 2, 0 };
  LikertTagCount many[100];
  const LikertTagBarsData lots = { NULL, many, G_N_ELEMENTS (many), 0 };
  LikertChartStyle style;
  ChartTestCanvas canvas;
  LikertTagBarsGeometry geometry;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, FALSE);

  chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
  likert_tag_bars_render (canvas.cr, WIDTH, HEIGHT, &style, &empty, &geometry);
  chart_test_canvas_finish (&canvas);
  g_assert_cmpuint (geometry.n_rows, ==, 0);
  chart_test_canvas_clear (&canvas);
  text = likert_tag_bars_describe (&empty);
  g_assert_cmpstr (text, ==, "Tag frequency. No tags.");

  chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
  likert_tag_bars_render (canvas.cr, WIDTH, HEIGHT, &style, &nothing, &geometry);
  chart_test_canvas_finish (&canvas);
  g_assert_cmpuint (geometry.n_rows, ==, 2);
  g_assert_cmpfloat (geometry.bars[0].width, ==, 0);
  chart_test_canvas_clear (&canvas);

  for (guint t = 0; t < G_N_ELEMENTS (many); t++)
    many[t] = (LikertTagCount) { "Tag", 100 - t, t % 2 ? "#123456" : NULL };
  for (int size = 0; size <= 400; size += 50)
    {
      chart_test_canvas_init (&canvas, size, size);
      likert_tag_bars_render (canvas.cr, size, size, &style, &lots, &geometry);
      chart_test_canvas_finish (&canvas);
      if (size >= 50)
        {
          g_assert_cmpuint (geometry.n_rows + geometry.n_hidden, ==, 100);
          assert_bars (&geometry, &lots, size, size, FALSE);
        }
      chart_test_canvas_clear (&canvas);
    }

  likert_chart_style_clear (&style);
}

static void
assert_heatmap (const LikertTagHeatmapGeometry *geometry,
                int                             width,
                int                             height,
                gboolean                        rtl)
{
  const LikertChartRect surface = { 0, 0, width, height };

  chart_test_assert_inside (&geometry->grid, &surface);

  for (guint r = 0; r < geometry->n_rows; r++)
    for (guint i = 0; i < geometry->n_columns; i++)
      {
        const LikertChartRect *cell = &geometry->cells[r][i];

        g_assert_cmpfloat (cell->width, >, 0);
        chart_test_assert_inside (cell, &geometry->grid);

        /* Columns from the start side, rows down. */
        if (i > 0)
          {
            if (rtl)
              g_assert_cmpfloat (cell->x + cell->width, <, geometry->cells[r][i - 1].x);
            else
              g_assert_cmpfloat (cell->x, >,
                                 geometry->cells[r][i - 1].x + geometry->cells[r][i - 1].width);
          }
        if (r > 0)
          g_assert_cmpfloat (cell->y, >,
                             geometry->cells[r - 1][i].y + geometry->cells[r - 1][i].height);
      }
}

static void
test_heatmap_geometry (void)
{
  LikertTagHeatmapGeometry geometry[2];

  for (guint d = 0; d < 2; d++)
    {
      LikertChartStyle style;
      ChartTestCanvas canvas;

      likert_chart_style_init_default (&style, FALSE);
      style.rtl = d == 1;
      chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
      memset (&geometry[d], 0xff, sizeof geometry[d]);
      likert_tag_heatmap_render (canvas.cr, WIDTH, HEIGHT, &style, &heatmap_data, &geometry[d]);
      chart_test_canvas_finish (&canvas);

      g_assert_cmpuint (geometry[d].n_rows, ==, 3);
      g_assert_cmpuint (geometry[d].n_columns, ==, 5);
      g_assert_cmpuint (geometry[d].n_hidden, ==, 0);
      g_assert_cmpuint (geometry[d].max_count, ==, 200);
      assert_heatmap (&geometry[d], WIDTH, HEIGHT, style.rtl);

      chart_test_canvas_clear (&canvas);
      likert_chart_style_clear (&style);
    }

  for (guint r = 0; r < 3; r++)
    for (guint i = 0; i < 5; i++)
      g_assert_cmpfloat (fabs (geometry[1].cells[r][i].x -
                               (WIDTH - geometry[0].cells[r][i].x - geometry[0].cells[r][i].width)),
                         <=, 1.0);
}

/* Whether some pixel in rect is within tolerance of color. */
static gboolean
has_color (cairo_surface_t       *surface,
           const LikertChartRect *rect,
           const LikertRgba      *color,
           int                    tolerance)
{
  for (int y = (int) rect->y; y < (int) (rect->y + rect->height); y++)
    for (int x = (int) rect->x; x < (int) (rect->x + rect->width); x++)
      {
        guint red, green, blue, alpha;

        chart_test_pixel (surface, x, y, &red, &green, &blue, &alpha);
        if (ABS ((int) red - (int) lround (color->red * 255)) <= tolerance &&
            ABS ((int) green - (int) lround (color->green * 255)) <= tolerance &&
            ABS ((int) blue - (int) lround (color->blue * 255)) <= tolerance)
          return TRUE;
      }

  return FALSE;
}

static void
test_heatmap_pixels (void)
{
  for (guint dark = 0; dark < 2; dark++)
    {
      LikertChartStyle style;
      ChartTestCanvas canvas;
      LikertTagHeatmapGeometry geometry;
      const LikertRgba white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };

      likert_chart_style_init_default (&style, dark);
      chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
      likert_tag_heatmap_render (canvas.cr, WIDTH, HEIGHT, &style, &heatmap_data, &geometry);
      chart_test_canvas_finish (&canvas);

      for (guint r = 0; r < 3; r++)
        for (guint i = 0; i < 5; i++)
          {
            const LikertChartRect *cell = &geometry.cells[r][i];
            LikertRgba fill = likert_tag_heatmap_cell_color (&style, counts[r * 5 + i], 200);
            LikertRgba expected = chart_test_over (&fill, &style.background);

            /* Beside the count in the middle, off the rounded corners. */
            chart_test_assert_pixel_is (canvas.surface, cell->x + 3, cell->y + cell->height / 2,
                                        &expected);
          }

      /* The fullest cell's count is written in the colour that reads on it: white on the light
       * theme's strong blue, black on the dark theme's pale one. Its fill is the accent. */
      {
        LikertRgba full = likert_tag_heatmap_cell_color (&style, 200, 200);

        g_assert_cmpfloat (full.alpha, ==, 1.0);
        g_assert_true (has_color (canvas.surface, &geometry.cells[1][4], dark ? &black : &white,
                                  40));
        g_assert_false (has_color (canvas.surface, &geometry.cells[1][4], dark ? &white : &black,
                                   40));
      }
      g_assert_cmpfloat (likert_tag_heatmap_cell_color (&style, 0, 200).alpha, ==, 0.0);

      chart_test_canvas_clear (&canvas);
      likert_chart_style_clear (&style);
    }
}

static void
test_heatmap_describe (void)
{
  g_autofree char *text = likert_tag_heatmap_describe (&heatmap_data);

  g_assert_nonnull (strstr (text, "Responses by tag and rating, Tags by rating."));
  g_assert_nonnull (strstr (text, "Delay (412): 1 (Bad) 160, 2 (Poor) 130, 3 (Fair) 70, "
                                  "4 (Good) 38, 5 (Great) 14."));
  g_assert_nonnull (strstr (text, "Price (187): 1 (Bad) 0,"));
}

static void
test_heatmap_edges (void)
{
  const LikertTagHeatmapData empty = { NULL, 1, 5, NULL, NULL, 0, NULL };
  guint64 ten_counts[2 * 11] = { 0 };
  const char * const ten_names[] = { "X", "Y" };
  const LikertTagHeatmapData ten = { NULL, 0, 10, NULL, ten_names, 2, ten_counts };
  LikertChartStyle style;
  ChartTestCanvas canvas;
  LikertTagHeatmapGeometry geometry;
  g_autofree char *text = NULL;

  likert_chart_style_init_default (&style, FALSE);

  chart_test_canvas_init (&canvas, WIDTH, HEIGHT);
  likert_tag_heatmap_render (canvas.cr, WIDTH, HEIGHT, &style, &empty, &geometry);
  chart_test_canvas_finish (&canvas);
  g_assert_cmpuint (geometry.n_rows, ==, 0);
  chart_test_canvas_clear (&canvas);
  text = likert_tag_heatmap_describe (&empty);
  g_assert_cmpstr (text, ==, "Responses by tag and rating. No tags.");
  g_clear_pointer (&text, g_free);

  /* 0–10, all zero. */
  ten_counts[13] = 5;
  for (int width = 0; width <= 800; width += 100)
    {
      chart_test_canvas_init (&canvas, width, 240);
      likert_tag_heatmap_render (canvas.cr, width, 240, &style, &ten, &geometry);
      chart_test_canvas_finish (&canvas);
      if (width >= 200)
        {
          g_assert_cmpuint (geometry.n_columns, ==, 11);
          assert_heatmap (&geometry, width, 240, FALSE);
        }
      chart_test_canvas_clear (&canvas);
    }
  text = likert_tag_heatmap_describe (&ten);
  g_assert_nonnull (strstr (text, "Y (5): 0: 0, 1: 0, 2: 5,"));

  likert_chart_style_clear (&style);
}

/* Column headings and the key: whole words */

#define NBSP "\u00a0"

static const char * const long_labels[] = {
  "Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied",
  "Somewhat satisfied", "Extremely satisfied",
};
static const char * const long_names[] = {
  "Delivery delay", "Friendly staff", "Price too high",
  "App crashes or freezes while paying at checkout", "Website navigation", "Refund",
};
static const guint64 long_counts[] = {
  160, 130, 70, 38, 14,
  4, 12, 40, 150, 182,
  60, 75, 62, 35, 15,
  48, 40, 22, 15, 6,
  12, 20, 30, 22, 12,
  5, 4, 2, 1, 0,
};
static const LikertTagHeatmapData long_heatmap = {
  "Tags by satisfaction", 1, 5, long_labels, long_names, G_N_ELEMENTS (long_names), long_counts,
};

static GPtrArray *
render_heatmap (int                         width,
                int                         height,
                const LikertChartStyle     *style,
                const LikertTagHeatmapData *data,
                LikertTagHeatmapGeometry   *geometry)
{
  ChartTestCanvas canvas;

  chart_test_canvas_init (&canvas, width, height);
  chart_test_record_start ();
  likert_tag_heatmap_render (canvas.cr, width, height, style, data, geometry);
  chart_test_canvas_finish (&canvas);
  chart_test_canvas_clear (&canvas);

  return chart_test_record_stop ();
}

static void
assert_heatmap_words (GPtrArray                  *lines,
                      const LikertTagHeatmapData *data)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_ptr_array_add (texts, (gpointer) data->title);
  g_ptr_array_add (texts, "Total");
  g_ptr_array_add (texts, "more not shown: make the chart taller Too small No tags");
  for (int i = 0; i <= data->scale_max - data->scale_min; i++)
    g_ptr_array_add (texts, (gpointer) data->labels[i]);
  for (guint t = 0; t < data->n_tags; t++)
    g_ptr_array_add (texts, (gpointer) data->tags[t]);

  chart_test_assert_whole_words (lines, (const char * const *) texts->pdata, texts->len);
}

/* Labels too long for their columns: the columns get their values alone, and a key under the
 * grid names them, whole, in either direction. */
static void
test_heatmap_key (void)
{
  for (guint d = 0; d < 2; d++)
    {
      LikertChartStyle style;
      LikertTagHeatmapGeometry geometry;
      g_autoptr(GPtrArray) lines = NULL;
      g_autofree char *key = NULL;
      double grid_bottom;
      guint key_start = 0;

      chart_test_style_init (&style, "Sans 10", d == 1);
      lines = render_heatmap (380, 300, &style, &long_heatmap, &geometry);
      assert_heatmap_words (lines, &long_heatmap);
      g_assert_cmpuint (geometry.n_rows, >=, 3);
      grid_bottom = geometry.grid.y + geometry.grid.height;

      /* Over each column its value alone. */
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *number = g_strdup_printf ("%u", i + 1);
          const LikertChartRect *cell = &geometry.cells[0][i];
          gboolean found = FALSE;

          for (guint l = 0; l < lines->len; l++)
            {
              const ChartTestLine *line = lines->pdata[l];

              if (line->extents.y + line->extents.height > geometry.grid.y + 1)
                continue;
              if (line->extents.x >= cell->x - 2 &&
                  line->extents.x + line->extents.width <= cell->x + cell->width + 2)
                {
                  g_assert_cmpstr (line->text, ==, number);
                  found = TRUE;
                }
            }
          g_assert_true (found);
        }

      /* Under the grid, the key. */
      while (key_start < lines->len &&
             ((ChartTestLine *) lines->pdata[key_start])->extents.y < grid_bottom)
        key_start++;
      key = chart_test_lines_join (lines, key_start, lines->len - key_start);
      for (guint i = 0; i < 5; i++)
        {
          g_autofree char *item = g_strdup_printf ("%u %s", i + 1, long_labels[i]);

          if (strstr (key, item) == NULL)
            g_error ("“%s” is not in the key “%s”", item, key);
        }

      likert_chart_style_clear (&style);
    }
}

/* With room, the labels stay under the values over the columns, and there is no key. */
static void
test_heatmap_headers (void)
{
  LikertChartStyle style;
  LikertTagHeatmapGeometry geometry;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) over = g_ptr_array_new ();
  g_autofree char *headers = NULL;

  chart_test_style_init (&style, "Sans 10", FALSE);
  lines = render_heatmap (900, 500, &style, &long_heatmap, &geometry);
  assert_heatmap_words (lines, &long_heatmap);

  /* Over the grid, below the title: the headings, in order. */
  for (guint l = 0; l < lines->len; l++)
    {
      const ChartTestLine *line = lines->pdata[l];

      if (line->extents.y < geometry.grid.y && g_strcmp0 (line->text, long_heatmap.title) != 0)
        g_ptr_array_add (over, (gpointer) line);
    }
  headers = chart_test_lines_join (over, 0, over->len);
  g_assert_cmpstr (headers, ==, "1 Extremely dissatisfied 2 Somewhat dissatisfied 3 Neither "
                                "satisfied nor dissatisfied 4 Somewhat satisfied 5 Extremely "
                                "satisfied Total");
  for (guint l = 0; l < lines->len; l++)
    g_assert_null (strstr (((ChartTestLine *) lines->pdata[l])->text, NBSP));

  likert_chart_style_clear (&style);
}

/* At any size, in either direction, large text or not: never a word broken or cut. */
static void
test_tags_whole_words (void)
{
  for (guint d = 0; d < 2; d++)
    for (guint f = 0; f < 2; f++)
      for (int width = 160; width <= 960; width += 80)
        for (int height = 160; height <= 560; height += 100)
          {
            LikertChartStyle style;
            LikertTagHeatmapGeometry geometry;
            LikertTagBarsGeometry bars_geometry;
            const LikertTagCount counts_of_names[] = {
              { long_names[0], 412, NULL }, { long_names[3], 131, NULL },
              { long_names[4], 96, NULL },
            };
            const LikertTagBarsData bars = { "Tags on 5,000 responses", counts_of_names, 3,
                                             5000 };
            const char * const bar_texts[] = { bars.title, long_names[0], long_names[3],
                                               long_names[4],
                                               "more not shown: make the chart taller",
                                               "Too small No tags" };
            g_autoptr(GPtrArray) lines = NULL;
            ChartTestCanvas canvas;

            chart_test_style_init (&style, f == 0 ? "Sans 10" : "Sans 15", d == 1);
            lines = render_heatmap (width, height, &style, &long_heatmap, &geometry);
            assert_heatmap_words (lines, &long_heatmap);
            g_clear_pointer (&lines, g_ptr_array_unref);

            chart_test_canvas_init (&canvas, width, height);
            chart_test_record_start ();
            likert_tag_bars_render (canvas.cr, width, height, &style, &bars, &bars_geometry);
            lines = chart_test_record_stop ();
            chart_test_canvas_finish (&canvas);
            chart_test_canvas_clear (&canvas);
            chart_test_assert_whole_words (lines, bar_texts, G_N_ELEMENTS (bar_texts));

            likert_chart_style_clear (&style);
          }
}

static void
test_tags_export (void)
{
  chart_test_check_exports (likert_tag_bars_draw, &bars_data, WIDTH, HEIGHT);
  chart_test_check_exports (likert_tag_heatmap_draw, &heatmap_data, WIDTH, HEIGHT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tags/bars-geometry", test_tag_bars_geometry);
  g_test_add_func ("/tags/bars-pixels", test_tag_bars_pixels);
  g_test_add_func ("/tags/bars-describe", test_tag_bars_describe);
  g_test_add_func ("/tags/bars-edges", test_tag_bars_edges);
  g_test_add_func ("/tags/heatmap-geometry", test_heatmap_geometry);
  g_test_add_func ("/tags/heatmap-pixels", test_heatmap_pixels);
  g_test_add_func ("/tags/heatmap-describe", test_heatmap_describe);
  g_test_add_func ("/tags/heatmap-edges", test_heatmap_edges);
  g_test_add_func ("/tags/heatmap-key", test_heatmap_key);
  g_test_add_func ("/tags/heatmap-headers", test_heatmap_headers);
  g_test_add_func ("/tags/whole-words", test_tags_whole_words);
  g_test_add_func ("/tags/export", test_tags_export);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
