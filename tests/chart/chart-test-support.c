/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chart-test-support"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-chart-painter-private.h"

void
chart_test_canvas_init (ChartTestCanvas *canvas,
                        int              width,
                        int              height)
{
  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  canvas->cr = cairo_create (canvas->surface);
}

void
chart_test_canvas_finish (ChartTestCanvas *canvas)
{
  g_assert_cmpint (cairo_status (canvas->cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (canvas->surface);
}

void
chart_test_canvas_clear (ChartTestCanvas *canvas)
{
  g_clear_pointer (&canvas->cr, cairo_destroy);
  g_clear_pointer (&canvas->surface, cairo_surface_destroy);
}

void
chart_test_pixel (cairo_surface_t *surface,
                  int              x,
                  int              y,
                  guint           *red,
                  guint           *green,
                  guint           *blue,
                  guint           *alpha)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  memcpy (&pixel, data + (gsize) y * stride + (gsize) x * 4, sizeof pixel);
  *alpha = pixel >> 24;
  *red = (pixel >> 16) & 0xff;
  *green = (pixel >> 8) & 0xff;
  *blue = pixel & 0xff;

  if (*alpha > 0 && *alpha < 255)
    {
      *red = *red * 255 / *alpha;
      *green = *green * 255 / *alpha;
      *blue = *blue * 255 / *alpha;
    }
}

void
chart_test_assert_pixel_is (cairo_surface_t  *surface,
                            double            x,
                            double            y,
                            const LikertRgba *color)
{
  guint red, green, blue, alpha;

  chart_test_pixel (surface, (int) floor (x), (int) floor (y), &red, &green, &blue, &alpha);

  g_assert_cmpint (ABS ((int) alpha - (int) lround (color->alpha * 255)), <=, 1);
  g_assert_cmpint (ABS ((int) red - (int) lround (color->red * 255)), <=, 1);
  g_assert_cmpint (ABS ((int) green - (int) lround (color->green * 255)), <=, 1);
  g_assert_cmpint (ABS ((int) blue - (int) lround (color->blue * 255)), <=, 1);
}

void
chart_test_assert_centre_is (cairo_surface_t       *surface,
                             const LikertChartRect *rect,
                             const LikertRgba      *color)
{
  g_assert_cmpfloat (rect->width, >=, 1);
  g_assert_cmpfloat (rect->height, >=, 1);
  chart_test_assert_pixel_is (surface, rect->x + rect->width / 2, rect->y + rect->height / 2,
                              color);
}

gboolean
chart_test_has_ink (cairo_surface_t  *surface,
                    const LikertRgba *background,
                    double            x0,
                    double            y0,
                    double            x1,
                    double            y1)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = MAX ((int) y0, 0); y < MIN ((int) ceil (y1), height); y++)
    for (int x = MAX ((int) x0, 0); x < MIN ((int) ceil (x1), width); x++)
      {
        guint red, green, blue, alpha;

        chart_test_pixel (surface, x, y, &red, &green, &blue, &alpha);
        if (ABS ((int) red - (int) lround (background->red * 255)) > 8 ||
            ABS ((int) green - (int) lround (background->green * 255)) > 8 ||
            ABS ((int) blue - (int) lround (background->blue * 255)) > 8)
          return TRUE;
      }

  return FALSE;
}

LikertRgba
chart_test_over (const LikertRgba *color,
                 const LikertRgba *background)
{
  double a = color->alpha;

  return (LikertRgba) {
    color->red * a + background->red * (1 - a),
    color->green * a + background->green * (1 - a),
    color->blue * a + background->blue * (1 - a),
    1.0,
  };
}

void
chart_test_assert_inside (const LikertChartRect *inner,
                          const LikertChartRect *outer)
{
  const double slack = 1e-6;

  g_assert_cmpfloat (inner->x, >=, outer->x - slack);
  g_assert_cmpfloat (inner->y, >=, outer->y - slack);
  g_assert_cmpfloat (inner->x + inner->width, <=, outer->x + outer->width + slack);
  g_assert_cmpfloat (inner->y + inner->height, <=, outer->y + outer->height + slack);
}

gboolean
chart_test_rects_overlap (const LikertChartRect *a,
                          const LikertChartRect *b)
{
  const double slack = 1e-6;

  if (a->width <= 0 || a->height <= 0 || b->width <= 0 || b->height <= 0)
    return FALSE;

  return a->x < b->x + b->width - slack && b->x < a->x + a->width - slack &&
         a->y < b->y + b->height - slack && b->y < a->y + a->height - slack;
}

/* Exports */

typedef struct
{
  guint    depth;
  guint    elements;
  gboolean svg_root;
} XmlCheck;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  XmlCheck *check = user_data;

  if (check->depth == 0 && g_strcmp0 (element_name, "svg") == 0)
    check->svg_root = TRUE;
  check->depth++;
  check->elements++;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  XmlCheck *check = user_data;

  check->depth--;
}

static void
check_svg (const char *path)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  XmlCheck check = { 0 };
  const char *start;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* GMarkup reads elements, not the XML declaration: start at the root. */
  start = strstr (contents, "<svg");
  g_assert_nonnull (start);

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &check, NULL);
  g_markup_parse_context_parse (context, start, (gssize) (length - (gsize) (start - contents)),
                                &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  g_assert_true (check.svg_root);
  g_assert_cmpuint (check.depth, ==, 0);
  g_assert_cmpuint (check.elements, >, 2);
}

static void
check_pdf (const char *path,
           const char *dir,
           double      width,
           double      height)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *page = g_build_filename (dir, "page.png", NULL);
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  int wait_status;
  const char *argv[] = { NULL, "-png", "-r", "72", "-singlefile", path, prefix, NULL };

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm is not installed: the PDF is not rendered");
      return;
    }

  argv[0] = pdftoppm;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &standard_error, &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  /* poppler complains on stderr about what it cannot read. */
  g_assert_cmpstr (standard_error, ==, "");

  surface = cairo_image_surface_create_from_png (page);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (ABS (cairo_image_surface_get_width (surface) - (int) lround (width)), <=, 1);
  g_assert_cmpint (ABS (cairo_image_surface_get_height (surface) - (int) lround (height)), <=, 1);
  cairo_surface_destroy (surface);

  g_assert_cmpint (g_remove (page), ==, 0);
}

void
chart_test_check_exports (LikertChartRenderFunc render,
                          gconstpointer         data,
                          double                width,
                          double                height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("likert-chart-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *loaded;
  LikertChartStyle style;
  double x_scale, y_scale;

  g_assert_no_error (error);
  likert_chart_style_init_default (&style, FALSE);

  png = g_build_filename (dir, "chart.png", NULL);
  g_assert_true (likert_chart_export (png, width, height, 2.0, &style, render, data, &error));
  g_assert_no_error (error);
  loaded = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (loaded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, (int) ceil (2 * width));
  g_assert_cmpint (cairo_image_surface_get_height (loaded), ==, (int) ceil (2 * height));
  cairo_surface_destroy (loaded);

  svg = g_build_filename (dir, "chart.svg", NULL);
  g_assert_true (likert_chart_export (svg, width, height, 1.0, &style, render, data, &error));
  g_assert_no_error (error);
  check_svg (svg);

  pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_assert_true (likert_chart_export (pdf, width, height, 1.0, &style, render, data, &error));
  g_assert_no_error (error);
  check_pdf (pdf, dir, width, height);

  /* The clipboard's forms: an image surface with its device scale, a PNG in memory. */
  loaded = likert_chart_render_image (width, height, 1.5, &style, render, data);
  g_assert_nonnull (loaded);
  g_assert_cmpint (cairo_image_surface_get_width (loaded), ==, (int) ceil (1.5 * width));
  cairo_surface_get_device_scale (loaded, &x_scale, &y_scale);
  g_assert_cmpfloat (x_scale, ==, 1.5);
  g_assert_cmpfloat (y_scale, ==, 1.5);
  cairo_surface_destroy (loaded);

  bytes = likert_chart_render_png (width, height, 1.0, &style, render, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 8);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x89PNG", 4);

  g_assert_cmpint (g_remove (png), ==, 0);
  g_assert_cmpint (g_remove (svg), ==, 0);
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  likert_chart_style_clear (&style);
}

/* Text */

static void
line_free (gpointer data)
{
  ChartTestLine *line = data;

  g_free (line->text);
  g_free (line);
}

/* text without the marks that draw nothing: isolates, word joiners. */
static char *
visible (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_FORMAT)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
record_cb (const char            *text,
           const LikertChartRect *extents,
           gboolean               ellipsized,
           gpointer               user_data)
{
  GPtrArray *lines = user_data;
  ChartTestLine *line = g_new0 (ChartTestLine, 1);

  line->text = visible (text);
  line->extents = *extents;
  line->ellipsized = ellipsized;
  g_ptr_array_add (lines, line);
}

static GPtrArray *recording;

void
chart_test_record_start (void)
{
  g_assert_null (recording);
  recording = g_ptr_array_new_with_free_func (line_free);
  likert_chart_painter_set_recorder (record_cb, recording);
}

GPtrArray *
chart_test_record_stop (void)
{
  g_assert_nonnull (recording);
  likert_chart_painter_set_recorder (NULL, NULL);
  return g_steal_pointer (&recording);
}

/* Words: runs between spaces (a no-break space too). */
static char **
split_words (const char *text)
{
  g_autofree char *plain = visible (text);
  GPtrArray *words = g_ptr_array_new ();
  const char *start = NULL;

  for (const char *p = plain; ; p = g_utf8_next_char (p))
    {
      gboolean space = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (space && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
          start = NULL;
        }
      else if (!space && start == NULL)
        {
          start = p;
        }

      if (*p == '\0')
        break;
    }

  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

/* word without the punctuation around it: "(0–6)", "shown:" and "shown" are the same word
 * ("…" after a cut drops the colon). */
static char *
bare (const char *word)
{
  const char *start = word;
  const char *end = word + strlen (word);

  while (*start != '\0' && g_unichar_ispunct (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && g_unichar_ispunct (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);

  return g_strndup (start, (gsize) (end - start));
}

static gboolean
has_letter (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;

  return FALSE;
}

char *
chart_test_lines_to_string (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const ChartTestLine *line = lines->pdata[i];

      g_string_append_printf (out, "%s[%s]", i > 0 ? " " : "", line->text);
    }

  return g_string_free (out, FALSE);
}

void
chart_test_assert_whole_words (GPtrArray          *lines,
                               const char * const *texts,
                               guint               n_texts)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_texts; i++)
    {
      g_auto(GStrv) words = texts[i] != NULL ? split_words (texts[i]) : NULL;

      for (guint w = 0; words != NULL && words[w] != NULL; w++)
        g_hash_table_add (known, bare (words[w]));
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const ChartTestLine *line = lines->pdata[i];
      g_auto(GStrv) words = split_words (line->text);

      if (line->ellipsized)
        {
          g_autofree char *all = chart_test_lines_to_string (lines);

          g_error ("Ellipsized by Pango: [%s] in %s", line->text, all);
        }

      for (guint w = 0; words[w] != NULL; w++)
        {
          /* The last word of a cut text: whole before its "…" (punctuation). */
          g_autofree char *word = bare (words[w]);

          if (has_letter (word) && !g_hash_table_contains (known, word))
            {
              g_autofree char *all = chart_test_lines_to_string (lines);

              g_error ("Not a whole word: “%s” in line [%s] of %s", word, line->text, all);
            }
        }
    }
}

char *
chart_test_lines_join (GPtrArray *lines,
                       guint      first,
                       guint      n)
{
  GString *out = g_string_new (NULL);

  for (guint i = first; i < MIN (first + n, lines->len); i++)
    {
      const ChartTestLine *line = lines->pdata[i];
      g_auto(GStrv) words = split_words (line->text);

      for (guint w = 0; words[w] != NULL; w++)
        g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[w]);
    }

  return g_string_free (out, FALSE);
}

void
chart_test_reset_caches (void)
{
  GWeakRef font_map;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* Pango sorts fonts on worker threads that hold the font map until they are done: only once
   * it is gone are its fonts, and cairo's caches of them, free. Resetting cairo before that
   * fails its assertion that no font is alive (now and then, in a short test). */
  g_weak_ref_init (&font_map, pango_cairo_font_map_get_default ());
  pango_cairo_font_map_set_default (NULL);
  for (;;)
    {
      GObject *alive = g_weak_ref_get (&font_map);

      if (alive == NULL)
        break;
      g_object_unref (alive);
      if (g_get_monotonic_time () > deadline)
        break;
      g_usleep (1000);
    }
  g_weak_ref_clear (&font_map);

  cairo_debug_reset_static_data ();
}

void
chart_test_style_init (LikertChartStyle *style,
                       const char       *font,
                       gboolean          rtl)
{
  likert_chart_style_init_default (style, FALSE);
  pango_font_description_free (style->font);
  style->font = pango_font_description_from_string (font);
  style->rtl = rtl;
  if (rtl)
    {
      style->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_context_set_base_dir (style->context, PANGO_DIRECTION_RTL);
    }
}

void
chart_test_sweep (ChartTestEachFunc each,
                  gpointer          user_data)
{
  for (guint d = 0; d < 2; d++)
    for (guint f = 0; f < 2; f++)
      for (int width = 160; width <= 960; width += 80)
        for (int height = 160; height <= 560; height += 100)
          {
            LikertChartStyle style;

            chart_test_style_init (&style, f == 0 ? "Sans 10" : "Sans 15", d == 1);
            each (&style, width, height, user_data);
            likert_chart_style_clear (&style);
          }
}

typedef struct
{
  LikertChartRenderFunc  render;
  gconstpointer          data;
  const char * const    *texts;
  guint                  n_texts;
} WholeWords;

static void
check_whole_words (const LikertChartStyle *style,
                   int                     width,
                   int                     height,
                   gpointer                user_data)
{
  WholeWords *w = user_data;
  ChartTestCanvas canvas;
  g_autoptr(GPtrArray) lines = NULL;

  chart_test_canvas_init (&canvas, width, height);
  chart_test_record_start ();
  w->render (canvas.cr, width, height, style, w->data);
  lines = chart_test_record_stop ();
  chart_test_canvas_finish (&canvas);
  chart_test_assert_whole_words (lines, w->texts, w->n_texts);
  chart_test_canvas_clear (&canvas);
}

void
chart_test_sweep_whole_words (LikertChartRenderFunc  render,
                              gconstpointer          data,
                              const char * const    *texts,
                              guint                  n_texts)
{
  WholeWords w = { render, data, texts, n_texts };

  chart_test_sweep (check_whole_words, &w);
}
