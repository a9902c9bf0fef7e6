/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-painter"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "likert-chart-painter.h"
#include "likert-chart-painter-private.h"

#define DEFAULT_FONT    "Sans 10"
#define SWATCH_EM       0.8   /* legend swatches */
#define LEGEND_SPACE_EM 1.0   /* between legend items, and between a key's items */
#define LEGEND_MAX_LINES 2    /* a legend item wraps into this many lines before it is cut */
#define WORD_ROOM       2.0   /* a column of labels grows up to this much for its longest word */
#define TICK_SPACE_EM   1.5   /* the least room between two axis labels */
#define WRAPPED_LINE_SPACING 0.9 /* of the line height, for labels wrapped in a row */
#define WHITE_TEXT_MAX_LUMINANCE 0.3

/* What libadwaita 1.2 puts behind a transparent chart: window_bg_color. */
#define SURFACE_LIGHT { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1.0 }
#define SURFACE_DARK  { 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1.0 }

/* A layout's whole text and attributes, kept once set_box has cut it, so that another box
 * starts from them. */
typedef struct
{
  char          *text;
  PangoAttrList *attrs;   /* nullable */
} FullText;

static GQuark
full_text_quark (void)
{
  return g_quark_from_static_string ("likert-chart-full-text");
}

static void
full_text_free (gpointer data)
{
  FullText *full = data;

  g_free (full->text);
  g_clear_pointer (&full->attrs, pango_attr_list_unref);
  g_free (full);
}

/* For tests (likert-chart-painter-private.h); only ever set while nothing renders on another
 * thread. */
static LikertChartTextRecorder text_recorder;
static gpointer text_recorder_data;

static PangoFontDescription *
font_derive (const PangoFontDescription *base,
             PangoWeight                 weight,
             double                      size_factor)
{
  PangoFontDescription *font = pango_font_description_copy (base);
  int size = pango_font_description_get_size (font);

  if (size > 0 && size_factor != 1.0)
    {
      int scaled = (int) lround (size * size_factor);

      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font, scaled);
      else
        pango_font_description_set_size (font, scaled);
    }

  pango_font_description_set_weight (font, weight);

  return font;
}

void
likert_chart_painter_init (LikertChartPainter     *painter,
                           cairo_t                *cr,
                           const LikertChartStyle *style,
                           double                  width)
{
  static const LikertRgba surface_light = SURFACE_LIGHT;
  static const LikertRgba surface_dark = SURFACE_DARK;
  g_autoptr(PangoLayout) probe = NULL;
  int probe_height;

  memset (painter, 0, sizeof *painter);
  painter->cr = cr;
  painter->style = style;
  painter->width = width;
  painter->rtl = style->rtl;
  painter->dark = likert_chart_style_is_dark (style);

  if (style->background.alpha >= 1.0)
    painter->surface = style->background;
  else
    painter->surface = likert_chart_mix (painter->dark ? &surface_dark : &surface_light,
                                         &(LikertRgba) { style->background.red,
                                                         style->background.green,
                                                         style->background.blue, 1.0 },
                                         MAX (style->background.alpha, 0.0));

  if (style->context != NULL)
    {
      /* The widget's context carries its font options, scale and direction. */
      painter->context = g_object_ref (style->context);
      pango_cairo_update_context (cr, painter->context);
    }
  else
    {
      painter->context = pango_cairo_create_context (cr);
      pango_context_set_base_dir (painter->context,
                                  style->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    }

  if (style->font != NULL)
    painter->font = pango_font_description_copy (style->font);
  else
    painter->font = pango_font_description_from_string (DEFAULT_FONT);

  painter->bold_font = font_derive (painter->font, PANGO_WEIGHT_BOLD, 1.0);
  painter->title_font = font_derive (painter->font, PANGO_WEIGHT_BOLD, 1.2);
  painter->small_font = font_derive (painter->font, PANGO_WEIGHT_NORMAL, 0.85);

  probe = pango_layout_new (painter->context);
  pango_layout_set_font_description (probe, painter->font);
  pango_layout_set_text (probe, "0", -1);
  pango_layout_get_pixel_size (probe, NULL, &probe_height);

  painter->em = MAX (probe_height, 1);
  painter->pad = ceil (painter->em * LIKERT_CHART_PAD_EM);
  painter->gap = ceil (painter->em * LIKERT_CHART_GAP_EM);
}

void
likert_chart_painter_clear (LikertChartPainter *painter)
{
  g_clear_object (&painter->context);
  g_clear_pointer (&painter->font, pango_font_description_free);
  g_clear_pointer (&painter->bold_font, pango_font_description_free);
  g_clear_pointer (&painter->title_font, pango_font_description_free);
  g_clear_pointer (&painter->small_font, pango_font_description_free);
}

double
likert_chart_painter_x (const LikertChartPainter *painter,
                        double                    x,
                        double                    width)
{
  return painter->rtl ? painter->width - x - width : x;
}

PangoLayout *
likert_chart_painter_value_layout (LikertChartPainter *painter,
                                   const char         *text,
                                   gsize               bold_length)
{
  const LikertRgba *muted = &painter->style->muted;
  PangoLayout *layout = likert_chart_painter_layout (painter, painter->font, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;

  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = 0;
  attr->end_index = (guint) bold_length;
  pango_attr_list_insert (attrs, attr);
  if (strlen (text) > bold_length)
    {
      attr = pango_attr_foreground_new ((guint16) (muted->red * G_MAXUINT16),
                                        (guint16) (muted->green * G_MAXUINT16),
                                        (guint16) (muted->blue * G_MAXUINT16));
      attr->start_index = (guint) bold_length;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_alpha_new ((guint16) (CLAMP (muted->alpha, 0.0, 1.0) *
                                                         G_MAXUINT16));
      attr->start_index = (guint) bold_length;
      pango_attr_list_insert (attrs, attr);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

PangoLayout *
likert_chart_painter_layout (LikertChartPainter         *painter,
                             const PangoFontDescription *font,
                             const char                 *text)
{
  PangoLayout *layout = pango_layout_new (painter->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
likert_chart_layout_align (PangoLayout    *layout,
                           PangoAlignment  alignment)
{
  PangoLayoutIter *iter;
  PangoRectangle logical;
  int width;

  pango_layout_set_alignment (layout, alignment);
  width = pango_layout_get_width (layout);
  if (alignment == PANGO_ALIGN_CENTER || width < 0)
    return;

  /* Pango aligns each line relative to its own direction when it runs against the context's:
   * look where the first line went and swap when it went to the other side. */
  iter = pango_layout_get_iter (layout);
  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  pango_layout_iter_free (iter);

  if (logical.width >= width - PANGO_SCALE / 2)
    return;

  if ((alignment == PANGO_ALIGN_LEFT && logical.x > PANGO_SCALE / 2) ||
      (alignment == PANGO_ALIGN_RIGHT && logical.x + logical.width < width - PANGO_SCALE / 2))
    pango_layout_set_alignment (layout, alignment == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
}

/* Whether the layout, wrapped at its width, keeps every line within it (Pango lets a word wider
 * than the width run over rather than break it) in at most max_lines lines. */
static gboolean
layout_fits (PangoLayout *layout,
             int          max_lines)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width <= pango_layout_get_width (layout) &&
         pango_layout_get_line_count (layout) <= max_lines;
}

/* What may go before the "…" of a cut: not the space, dash, opening bracket or separator that
 * led to the word left out ("412 ·…", "Neither (…" read as broken). */
static gboolean
dangles (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
      return TRUE;
    default:
      return g_unichar_isspace (c) || c == ',' || c == ';' || c == ':' || c == 0x00B7;
    }
}

/* text up to length, without what dangles at its end, then "…"; NULL when nothing is left. */
static char *
cut_text (const char *text,
          gsize       length)
{
  g_autofree char *kept = NULL;
  const char *end = text + length;

  while (end > text)
    {
      const char *previous = g_utf8_find_prev_char (text, end);

      if (!dangles (g_utf8_get_char (previous)))
        break;
      end = previous;
    }

  if (end == text)
    return NULL;

  kept = g_strndup (text, (gsize) (end - text));
  return g_strconcat (kept, "\u2026", NULL);
}

/* Sets the layout's text to cut (the first kept bytes of full's, then "…"), its attributes moved
 * with it: none may end inside the "…" (Pango reads past the text then). */
static void
set_cut_text (PangoLayout    *layout,
              const FullText *full,
              const char     *cut,
              gsize           kept)
{
  pango_layout_set_text (layout, cut, -1);

  if (full->attrs != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_copy (full->attrs);

      pango_attr_list_update (attrs, (int) kept, (int) (strlen (full->text) - kept),
                              (int) (strlen (cut) - kept));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

/* Cuts the layout's text (full) after its last whole word that keeps it within max_lines, and
 * marks the cut with "…"; "…" alone when not even the first word fits. Pango's own ellipsis cuts
 * anywhere in a word ("Neither sat…"); here the cuts are where Pango may break a line, so that
 * words stay whole in every script (between ideographs in Chinese, for one). */
static void
cut_at_word (PangoLayout    *layout,
             const FullText *full,
             int             max_lines)
{
  const char *text = full->text;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *best = NULL;
  gsize best_kept = 0;
  const PangoLogAttr *attrs;
  const char *p = text;
  int n_attrs;
  guint low, high;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  /* attrs[i] is the position before the ith character; the last one is the end of the text. */
  for (int i = 1; i < n_attrs - 1 && *p != '\0'; i++)
    {
      p = g_utf8_next_char (p);
      if (attrs[i].is_line_break)
        {
          gsize length = (gsize) (p - text);

          g_array_append_val (cuts, length);
        }
    }

  /* The longer the text kept, the more room it needs: the longest that fits, by bisection. */
  low = 0;
  high = cuts->len;
  while (low < high)
    {
      guint middle = (low + high) / 2;
      g_autofree char *candidate = cut_text (text, g_array_index (cuts, gsize, middle));

      if (candidate != NULL)
        {
          gsize kept = strlen (candidate) - strlen ("\u2026");

          set_cut_text (layout, full, candidate, kept);
          if (!layout_fits (layout, max_lines))
            {
              high = middle;
              continue;
            }
          g_free (best);
          best = g_steal_pointer (&candidate);
          best_kept = kept;
        }
      low = middle + 1;
    }

  set_cut_text (layout, full, best != NULL ? best : "\u2026", best_kept);
}

/* Joins a dash between digits to the digit after it (with a word joiner): Pango may break a line
 * after any dash, which would leave "Detractors (0–" over "6)". */
static void
glue_ranges (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *attrs = NULL;
  g_autoptr(GString) glued = NULL;
  gunichar before = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (glued != NULL)
        g_string_append_unichar (glued, c);

      if (g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION && g_unichar_isdigit (before) &&
          g_unichar_isdigit (g_utf8_get_char (next)))
        {
          if (glued == NULL)
            {
              glued = g_string_new_len (text, next - text);
              if (pango_layout_get_attributes (layout) != NULL)
                attrs = pango_attr_list_copy (pango_layout_get_attributes (layout));
            }
          /* Attributes after it move on by the joiner's three bytes. */
          if (attrs != NULL)
            pango_attr_list_update (attrs, (int) glued->len, 0, 3);
          g_string_append (glued, "\u2060");
        }

      before = c;
    }

  if (glued == NULL)
    return;

  pango_layout_set_text (layout, glued->str, (int) glued->len);
  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

gboolean
likert_chart_layout_set_box (PangoLayout    *layout,
                             double          width,
                             int             max_lines,
                             PangoAlignment  alignment)
{
  FullText *full = g_object_get_qdata (G_OBJECT (layout), full_text_quark ());
  gboolean fits;

  max_lines = MAX (max_lines, 1);
  if (full != NULL)
    {
      pango_layout_set_text (layout, full->text, -1);
      pango_layout_set_attributes (layout, full->attrs);
    }
  else
    {
      glue_ranges (layout);
    }

  /* Whole words only: Pango's PANGO_WRAP_WORD_CHAR and its ellipsis break inside words
   * ("Extr-eme-ly", "Neither sat…"), which reads as nonsense under a bar. */
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_height (layout, -1);

  fits = layout_fits (layout, max_lines);
  if (!fits)
    {
      if (full == NULL)
        {
          PangoAttrList *attrs = pango_layout_get_attributes (layout);

          full = g_new0 (FullText, 1);
          full->text = g_strdup (pango_layout_get_text (layout));
          full->attrs = attrs != NULL ? pango_attr_list_copy (attrs) : NULL;
          g_object_set_qdata_full (G_OBJECT (layout), full_text_quark (), full,
                                   full_text_free);
        }
      cut_at_word (layout, full, max_lines);
    }

  likert_chart_layout_align (layout, alignment);

  return fits;
}

int
likert_chart_layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

int
likert_chart_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

int
likert_chart_layout_lines (PangoLayout *layout)
{
  return pango_layout_get_line_count (layout);
}

void
likert_chart_set_source (cairo_t          *cr,
                         const LikertRgba *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
likert_chart_set_source_alpha (cairo_t          *cr,
                               const LikertRgba *color,
                               double            factor)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * factor);
}

static void
record_lines (PangoLayout *layout,
              double       x,
              double       y)
{
  const char *text = pango_layout_get_text (layout);
  gboolean ellipsized = pango_layout_is_ellipsized (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      g_autofree char *line_text = g_strndup (text + line->start_index, (gsize) line->length);
      PangoRectangle logical;
      LikertChartRect extents;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      extents.x = x + (double) logical.x / PANGO_SCALE;
      extents.y = y + (double) logical.y / PANGO_SCALE;
      extents.width = (double) logical.width / PANGO_SCALE;
      extents.height = (double) logical.height / PANGO_SCALE;
      text_recorder (line_text, &extents, ellipsized, text_recorder_data);
    }
  while (pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

void
likert_chart_painter_show (LikertChartPainter *painter,
                           PangoLayout        *layout,
                           const LikertRgba   *color,
                           double              x,
                           double              y)
{
  likert_chart_set_source (painter->cr, color);
  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, layout);

  if (G_UNLIKELY (text_recorder != NULL))
    record_lines (layout, x, y);
}

void
likert_chart_painter_set_recorder (LikertChartTextRecorder recorder,
                                   gpointer                user_data)
{
  text_recorder = recorder;
  text_recorder_data = user_data;
}

PangoLayout *
likert_chart_painter_title (LikertChartPainter *painter,
                            const char         *title,
                            double              width)
{
  PangoLayout *layout;

  if (title == NULL || title[0] == '\0')
    return NULL;

  layout = likert_chart_painter_layout (painter, painter->title_font, title);
  /* At the start of the chart: the right in a right-to-left interface. */
  likert_chart_layout_set_box (layout, width - 2 * painter->pad, 2,
                               painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);

  return layout;
}

void
likert_chart_painter_message (LikertChartPainter    *painter,
                              const char            *message,
                              const LikertChartRect *box)
{
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->title_font,
                                                               message);

  likert_chart_layout_set_box (layout, box->width, 2, PANGO_ALIGN_CENTER);
  likert_chart_painter_show (painter, layout, &painter->style->muted, box->x,
                             box->y + (box->height - likert_chart_layout_height (layout)) / 2.0);
}

void
likert_chart_draw_background (cairo_t                *cr,
                              const LikertChartStyle *style,
                              double                  width,
                              double                  height)
{
  if (style->background.alpha > 0 && width > 0 && height > 0)
    {
      likert_chart_set_source (cr, &style->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }
}

void
likert_chart_hline (cairo_t *cr,
                    double   x0,
                    double   x1,
                    double   y)
{
  /* Centred on a half unit, a 1-unit line covers whole pixels. */
  cairo_move_to (cr, x0, floor (y) + 0.5);
  cairo_line_to (cr, x1, floor (y) + 0.5);
  cairo_stroke (cr);
}

void
likert_chart_vline (cairo_t *cr,
                    double   x,
                    double   y0,
                    double   y1)
{
  cairo_move_to (cr, floor (x) + 0.5, y0);
  cairo_line_to (cr, floor (x) + 0.5, y1);
  cairo_stroke (cr);
}

void
likert_chart_rounded_rect (cairo_t               *cr,
                           const LikertChartRect *rect,
                           double                 radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MAX (0.0, MIN (radius, MIN (w, h) / 2.0));

  if (radius <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 1.5 * G_PI);
  cairo_close_path (cr);
}

/* Colours */

LikertRgba
likert_chart_mix (const LikertRgba *a,
                  const LikertRgba *b,
                  double            t)
{
  t = CLAMP (t, 0.0, 1.0);

  return (LikertRgba) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    a->alpha + (b->alpha - a->alpha) * t,
  };
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
likert_chart_luminance (const LikertRgba *color)
{
  return 0.2126 * to_linear (color->red) +
         0.7152 * to_linear (color->green) +
         0.0722 * to_linear (color->blue);
}

LikertRgba
likert_chart_over_surface (const LikertChartPainter *painter,
                           const LikertRgba         *fill)
{
  LikertRgba opaque = likert_chart_mix (&painter->surface,
                                        &(LikertRgba) { fill->red, fill->green, fill->blue, 1.0 },
                                        CLAMP (fill->alpha, 0.0, 1.0));

  opaque.alpha = 1.0;
  return opaque;
}

LikertRgba
likert_chart_text_on (const LikertChartPainter *painter,
                      const LikertRgba         *fill)
{
  LikertRgba opaque = likert_chart_over_surface (painter, fill);

  /* White while it keeps a contrast of at least 3:1 (relative luminance below 0.3), as GNOME
   * writes on its accent blue; the WCAG 2 ratio alone would pick black on every mid-tone,
   * which reads worse there. */
  if (likert_chart_luminance (&opaque) < WHITE_TEXT_MAX_LUMINANCE)
    return (LikertRgba) { 1.0, 1.0, 1.0, 1.0 };

  return (LikertRgba) { 0.0, 0.0, 0.0, 0.87 };
}

/* Text */

char *
likert_chart_isolate (char *text)
{
  /* FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: in a right-to-left paragraph "35.1 %"
   * keeps its sign after the number and "n = 12" stays one unit. */
  char *isolated = g_strconcat ("\u2068", text, "\u2069", NULL);

  g_free (text);
  return isolated;
}

char *
likert_chart_painter_number (const LikertChartPainter *painter,
                             char                     *text)
{
  return painter->rtl ? likert_chart_isolate (text) : text;
}

char *
likert_chart_format_count (guint64 count)
{
  /* Grouped as the locale does it ("1,750" in English, plain in C). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/* printf writes "-"; typography wants the minus sign. */
static char *
use_minus_sign (char *text)
{
  if (text[0] == '-')
    {
      char *signed_text = g_strconcat ("\u2212", text + 1, NULL);

      g_free (text);
      return signed_text;
    }

  return text;
}

/* value rounded to digits, without a negative zero. */
static double
rounded (double value,
         int    digits)
{
  double factor = pow (10.0, digits);
  double r = round (value * factor) / factor;

  return r == 0.0 ? 0.0 : r;
}

char *
likert_chart_format_percent (double percent,
                             int    digits)
{
  if (digits <= 0)
    /* Translators: a whole percentage in a chart, such as "35 %" */
    return use_minus_sign (g_strdup_printf (_("%.0f %%"), rounded (percent, 0)));

  /* Translators: a percentage in a chart, such as "35.1 %" */
  return use_minus_sign (g_strdup_printf (_("%.1f %%"), rounded (percent, 1)));
}

char *
likert_chart_format_number (double value,
                            int    digits)
{
  digits = CLAMP (digits, 0, 6);
  return use_minus_sign (g_strdup_printf ("%'.*f", digits, rounded (value, digits)));
}

char *
likert_chart_format_signed (double value,
                            int    digits)
{
  digits = CLAMP (digits, 0, 6);
  value = rounded (value, digits);

  if (value == 0.0)
    return g_strdup_printf ("%.*f", digits, 0.0);

  return use_minus_sign (g_strdup_printf ("%+.*f", digits, value));
}

char *
likert_chart_format_n (guint64 n)
{
  g_autofree char *count = likert_chart_format_count (n);

  if (n < LIKERT_CHART_SMALL_N)
    /* Translators: the size of a group too small to compare, as in "n = 12 ⚠" */
    return g_strdup_printf (_("n = %s ⚠"), count);

  /* Translators: the size of a group, as in "n = 812" */
  return g_strdup_printf (_("n = %s"), count);
}

double
likert_chart_nice_step (double range,
                        guint  max_ticks)
{
  static const double multiples[] = { 1.0, 2.0, 5.0, 10.0 };
  double raw, magnitude;

  if (!(range > 0))
    return 1.0;

  raw = range / MAX (max_ticks, 1);
  magnitude = pow (10.0, floor (log10 (raw)));

  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * magnitude >= raw * (1.0 - 1e-9))
      return multiples[i] * magnitude;

  return 10.0 * magnitude;
}

int
likert_chart_step_digits (double step)
{
  if (!(step > 0) || step >= 1.0 - 1e-9)
    return 0;

  return (int) MIN (6.0, ceil (-log10 (step) - 1e-9));
}

/* Legends and keys */

/* Narrows a wrapped layout's box to its longest line, so that it draws within the width it
 * measures (alignment within a wider box would move its lines away from where it is placed). */
static void
fit_box_to_text (PangoLayout    *layout,
                 PangoAlignment  alignment)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  pango_layout_set_width (layout, MAX (logical.width, 1));
  likert_chart_layout_align (layout, alignment);
}

/* Flows items into a line from start: as many as fit in width (at least one), space apart;
 * returns the end of the line and its width in *line_width. */
static guint
flow_line (const double *item_width,
           guint         n_items,
           guint         start,
           double        width,
           double        space,
           double       *line_width)
{
  guint end = start + 1;

  *line_width = item_width[start];
  while (end < n_items && *line_width + space + item_width[end] <= width)
    {
      *line_width += space + item_width[end];
      end++;
    }

  return end;
}

/* An item's text, at most max_text wide; FALSE in *whole when it had to be cut. */
static PangoLayout *
legend_text_layout (LikertChartPainter *painter,
                    const char         *text,
                    double              max_text,
                    gboolean           *whole)
{
  PangoAlignment start_side = painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  PangoLayout *layout = likert_chart_painter_layout (painter, painter->font, text);

  *whole = TRUE;
  /* Too long for a line of the legend: onto a second line at a word boundary, rather than cut
   * in a word. */
  if (likert_chart_layout_width (layout) > max_text)
    {
      *whole = likert_chart_layout_set_box (layout, max_text, LEGEND_MAX_LINES, start_side);
      fit_box_to_text (layout, start_side);
    }

  return layout;
}

gboolean
likert_chart_legend_fits (LikertChartPainter          *painter,
                          const LikertChartLegendItem *items,
                          guint                        n_items,
                          double                       width)
{
  double max_text = MAX (width - round (painter->em * SWATCH_EM) - painter->gap, 1.0);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->font,
                                                                   items[i].text);

      if (likert_chart_layout_width (layout) > max_text)
        return FALSE;
    }

  return TRUE;
}

double
likert_chart_legend (LikertChartPainter          *painter,
                     const LikertChartLegendItem *items,
                     guint                        n_items,
                     double                       x,
                     double                       y,
                     double                       width,
                     gboolean                     draw,
                     LikertChartRect             *swatches)
{
  double swatch = round (painter->em * SWATCH_EM);
  double space = round (painter->em * LEGEND_SPACE_EM);
  g_autofree double *item_width = g_new0 (double, MAX (n_items, 1));
  PangoLayout **layouts = g_new0 (PangoLayout *, MAX (n_items, 1));
  double max_text = MAX (width - swatch - painter->gap, 1.0);
  double line_y = y;
  guint line_start = 0;

  if (n_items == 0)
    {
      g_free (layouts);
      return 0;
    }

  for (guint i = 0; i < n_items; i++)
    {
      gboolean whole;

      layouts[i] = legend_text_layout (painter, items[i].text, max_text, &whole);
      item_width[i] = swatch + painter->gap + likert_chart_layout_width (layouts[i]);
    }

  while (line_start < n_items)
    {
      double line_width;
      guint line_end = flow_line (item_width, n_items, line_start, width, space, &line_width);
      double line_height = painter->em;
      double offset;

      for (guint i = line_start; i < line_end; i++)
        line_height = MAX (line_height, likert_chart_layout_height (layouts[i]));

      /* Centred; from the start side in reading order. */
      offset = MAX ((width - line_width) / 2.0, 0.0);
      for (guint i = line_start; i < line_end; i++)
        {
          double item_x = x + (painter->rtl ? width - offset - item_width[i] : offset);
          double text_height = likert_chart_layout_height (layouts[i]);
          PangoRectangle first_line;
          LikertChartRect box;

          /* Level with the first line of the text, when it wraps. */
          pango_layout_line_get_pixel_extents (pango_layout_get_line_readonly (layouts[i], 0),
                                               NULL, &first_line);
          box.x = round (painter->rtl ? item_x + item_width[i] - swatch : item_x);
          box.y = round (line_y + (line_height - text_height) / 2.0 +
                         (first_line.height - swatch) / 2.0);
          box.width = swatch;
          box.height = swatch;

          if (swatches != NULL)
            swatches[i] = box;

          if (draw)
            {
              double text_x = painter->rtl ? item_x : item_x + swatch + painter->gap;

              likert_chart_set_source (painter->cr, &items[i].color);
              likert_chart_rounded_rect (painter->cr, &box, swatch / 4.0);
              cairo_fill (painter->cr);
              likert_chart_painter_show (painter, layouts[i], &painter->style->foreground,
                                         text_x, line_y + (line_height - text_height) / 2.0);
            }

          offset += item_width[i] + space;
        }

      line_y += line_height;
      line_start = line_end;
      if (line_start < n_items)
        line_y += painter->gap;
    }

  for (guint i = 0; i < n_items; i++)
    g_object_unref (layouts[i]);
  g_free (layouts);

  return line_y - y;
}

/* "1 Extremely dissatisfied": the value bold, tied to the label's first word by a no-break space
 * so that a line never ends between them. */
static PangoLayout *
key_item_layout (LikertChartPainter       *painter,
                 const LikertChartKeyItem *item)
{
  g_autofree char *text = g_strconcat (item->value, "\u00a0", item->label, NULL);
  PangoLayout *layout = likert_chart_painter_layout (painter, painter->font, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  attr->start_index = 0;
  attr->end_index = (guint) strlen (item->value);
  pango_attr_list_insert (attrs, attr);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

/* The items whole, flowing into lines. */
static gboolean
key_items (LikertChartPainter       *painter,
           const LikertChartKeyItem *items,
           guint                     n_items,
           double                    x,
           double                    y,
           double                    width,
           gboolean                  draw,
           double                   *height)
{
  double space = round (painter->em * LEGEND_SPACE_EM);
  g_autofree double *item_width = g_new0 (double, n_items);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PangoLayout) separator = NULL;
  double line_y = y;
  guint line_start = 0;

  for (guint i = 0; i < n_items; i++)
    {
      PangoLayout *layout = key_item_layout (painter, &items[i]);

      g_ptr_array_add (layouts, layout);
      item_width[i] = likert_chart_layout_width (layout);
      /* Wider than the key: alone on its lines (the whole box is its), wrapped at its words,
       * centred; a word wider than the key cannot be shown whole. */
      if (item_width[i] > width)
        {
          if (!likert_chart_layout_set_box (layout, width, G_MAXINT, PANGO_ALIGN_CENTER))
            return FALSE;
          item_width[i] = width;
        }
    }

  /* Between two items on a line, a muted dot in the middle of the space. */
  separator = likert_chart_painter_layout (painter, painter->font, "\u00b7");

  while (line_start < n_items)
    {
      double line_width;
      guint line_end = flow_line (item_width, n_items, line_start, width, space, &line_width);
      double line_height = 0;
      double offset;

      for (guint i = line_start; i < line_end; i++)
        line_height = MAX (line_height, likert_chart_layout_height (layouts->pdata[i]));

      /* Centred; from the start side in reading order, as the values stand over the key. */
      offset = MAX ((width - line_width) / 2.0, 0.0);
      for (guint i = line_start; draw && i < line_end; i++)
        {
          double item_x = x + (painter->rtl ? width - offset - item_width[i] : offset);

          likert_chart_painter_show (painter, layouts->pdata[i], &painter->style->foreground,
                                     item_x, line_y);
          offset += item_width[i] + space;

          if (i + 1 < line_end)
            {
              double dot_width = likert_chart_layout_width (separator);
              double middle = offset - space / 2.0;

              likert_chart_painter_show (painter, separator, &painter->style->muted,
                                         x + (painter->rtl ? width - middle : middle) -
                                         dot_width / 2.0,
                                         line_y);
            }
        }

      line_y += line_height;
      line_start = line_end;
      if (line_start < n_items)
        line_y += painter->gap;
    }

  *height = line_y - y;
  return TRUE;
}

/* The items as one running text, wrapped at any word boundary. */
static gboolean
key_text (LikertChartPainter         *painter,
          const PangoFontDescription *font,
          const LikertChartKeyItem   *items,
          guint                       n_items,
          double                      x,
          double                      y,
          double                      width,
          gboolean                    draw,
          double                     *height)
{
  const LikertRgba *muted = &painter->style->muted;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(PangoLayout) layout = NULL;
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr;
  gboolean fits;

  for (guint i = 0; i < n_items; i++)
    {
      if (i > 0)
        {
          /* The dot ends a line rather than starts one. */
          g_string_append (text, "\u00a0");
          attr = pango_attr_foreground_new ((guint16) (muted->red * G_MAXUINT16),
                                            (guint16) (muted->green * G_MAXUINT16),
                                            (guint16) (muted->blue * G_MAXUINT16));
          attr->start_index = (guint) text->len;
          g_string_append (text, "\u00b7");
          attr->end_index = (guint) text->len;
          pango_attr_list_insert (attrs, attr);
          g_string_append_c (text, ' ');
        }

      /* Each item isolated: it reads in its own direction, its neutral characters kept from
       * its neighbours'. */
      g_string_append (text, "\u2068");
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = (guint) text->len;
      g_string_append (text, items[i].value);
      attr->end_index = (guint) text->len;
      pango_attr_list_insert (attrs, attr);
      g_string_append (text, "\u00a0");
      g_string_append (text, items[i].label);
      g_string_append (text, "\u2069");
    }

  /* A paragraph in the labels' direction, as any text of the chart: the items follow the bars
   * in Arabic; English labels read from the left in a right-to-left chart too, rather than in
   * lines that each run right to left through items broken over them. */
  layout = likert_chart_painter_layout (painter, font, text->str);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  fits = likert_chart_layout_set_box (layout, width, G_MAXINT, PANGO_ALIGN_CENTER);

  *height = fits ? likert_chart_layout_height (layout) : 0;
  if (fits && draw)
    likert_chart_painter_show (painter, layout, &painter->style->foreground, x, y);

  return fits;
}

gboolean
likert_chart_key (LikertChartPainter       *painter,
                  const LikertChartKeyItem *items,
                  guint                     n_items,
                  LikertChartKeyForm        form,
                  double                    x,
                  double                    y,
                  double                    width,
                  gboolean                  draw,
                  double                   *height)
{
  *height = 0;
  if (n_items == 0)
    return TRUE;
  if (!(width >= 1))
    return FALSE;

  switch (form)
    {
    case LIKERT_CHART_KEY_TEXT:
      return key_text (painter, painter->font, items, n_items, x, y, width, draw, height);
    case LIKERT_CHART_KEY_SMALL_TEXT:
      return key_text (painter, painter->small_font, items, n_items, x, y, width, draw, height);
    case LIKERT_CHART_KEY_ITEMS:
    default:
      return key_items (painter, items, n_items, x, y, width, draw, height);
    }
}

/* Value axes */

double
likert_chart_axis_x (const LikertChartAxis *axis,
                     double                 value)
{
  double range = axis->value_max - axis->value_min;

  if (!(range > 0))
    return (axis->x_min + axis->x_max) / 2.0;

  return axis->x_min + (value - axis->value_min) / range * (axis->x_max - axis->x_min);
}

char *
likert_chart_axis_label (const LikertChartAxis *axis,
                         double                 value,
                         int                    digits)
{
  switch (axis->format)
    {
    case LIKERT_CHART_AXIS_FRACTION:
      return likert_chart_format_percent (value * 100.0, MAX (digits - 2, 0));
    case LIKERT_CHART_AXIS_PERCENT:
      return likert_chart_format_percent (fabs (value), digits);
    case LIKERT_CHART_AXIS_SIGNED:
      return likert_chart_format_signed (value, digits);
    case LIKERT_CHART_AXIS_COUNT:
      return likert_chart_format_count ((guint64) MAX (round (value), 0.0));
    case LIKERT_CHART_AXIS_NUMBER:
    default:
      return likert_chart_format_number (value, digits);
    }
}

static int
axis_label_width (LikertChartPainter    *painter,
                  const LikertChartAxis *axis,
                  double                 value,
                  int                    digits)
{
  g_autofree char *text = likert_chart_axis_label (axis, value, digits);
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->font, text);

  return likert_chart_layout_width (layout);
}

double
likert_chart_axis_step (LikertChartPainter    *painter,
                        const LikertChartAxis *axis)
{
  double range = axis->value_max - axis->value_min;
  double length = fabs (axis->x_max - axis->x_min);
  int digits = axis->format == LIKERT_CHART_AXIS_COUNT ? 0 : 1;
  double label = MAX (axis_label_width (painter, axis, axis->value_min, digits),
                      axis_label_width (painter, axis, axis->value_max, digits));
  double step;

  if (axis->format == LIKERT_CHART_AXIS_FRACTION)
    digits = 3;

  label = MAX (label, axis_label_width (painter, axis, axis->value_min + range / 3.0, digits));
  step = likert_chart_nice_step (range, (guint) MAX (1.0, floor (length / (label + TICK_SPACE_EM *
                                                                                  painter->em))));

  /* Counts are whole. */
  if (axis->format == LIKERT_CHART_AXIS_COUNT)
    step = MAX (step, 1.0);

  return step;
}

double
likert_chart_axis_draw (LikertChartPainter    *painter,
                        const LikertChartAxis *axis,
                        double                 y0,
                        double                 y1,
                        gboolean               draw)
{
  cairo_t *cr = painter->cr;
  double step, first;
  int digits;
  double label_height = 0;

  if (!(axis->value_max > axis->value_min))
    return 0;

  step = likert_chart_axis_step (painter, axis);
  digits = likert_chart_step_digits (axis->format == LIKERT_CHART_AXIS_FRACTION ? step * 100.0
                                                                                 : step);
  if (axis->format == LIKERT_CHART_AXIS_FRACTION)
    digits += 2;
  first = ceil (axis->value_min / step - 1e-9) * step;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);

  for (guint i = 0; first + i * step <= axis->value_max + step * 1e-9; i++)
    {
      double value = first + i * step;
      g_autofree char *text = likert_chart_painter_number (painter,
                                                           likert_chart_axis_label (axis, value,
                                                                                    digits));
      g_autoptr(PangoLayout) layout = likert_chart_painter_layout (painter, painter->font, text);
      double x = likert_chart_axis_x (axis, value);
      double w = likert_chart_layout_width (layout);
      double span_left = MIN (axis->x_min, axis->x_max);
      double span_right = MAX (axis->x_min, axis->x_max);
      /* Centred on its tick, but within the axis: neighbouring panels' labels never meet. */
      double label_x = MAX (span_left, MIN (x - w / 2.0, span_right - w));

      label_height = MAX (label_height, likert_chart_layout_height (layout));

      if (!draw)
        continue;

      /* On the same pixels as a line drawn at the rounded position (a centre line). */
      likert_chart_set_source_alpha (cr, &painter->style->muted, LIKERT_CHART_GRID_ALPHA);
      likert_chart_vline (cr, round (x) - 0.5, y0, y1);
      likert_chart_painter_show (painter, layout, &painter->style->muted, label_x,
                                 y1 + painter->gap);
    }

  cairo_restore (cr);

  return label_height > 0 ? painter->gap + label_height : 0;
}

/* Rows */

void
likert_chart_rows_fit (LikertChartPainter *painter,
                       double              top,
                       double              height,
                       guint               n_rows,
                       double              min_em,
                       double              max_em,
                       LikertChartRows    *rows)
{
  double min_height = ceil (min_em * painter->em);
  double max_height = round (max_em * painter->em);

  rows->top = round (top);
  rows->n_rows = 0;
  rows->row_height = 0;

  if (n_rows == 0 || !(height >= min_height))
    return;

  rows->n_rows = MIN (n_rows, (guint) floor (height / min_height));
  rows->row_height = floor (MIN (height / rows->n_rows, max_height));
}

double
likert_chart_max_width (LikertChartPainter         *painter,
                        const PangoFontDescription *font,
                        const char * const         *texts,
                        guint                       n_texts)
{
  double widest = 0;

  for (guint i = 0; i < n_texts; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;

      if (texts[i] == NULL || texts[i][0] == '\0')
        continue;

      layout = likert_chart_painter_layout (painter, font, texts[i]);
      widest = MAX (widest, likert_chart_layout_width (layout));
    }

  return widest;
}

double
likert_chart_widest_word (LikertChartPainter         *painter,
                          const PangoFontDescription *font,
                          const char                 *text)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || text[0] == '\0')
    return 0;

  /* Wrapped in no room at all, a layout takes every break it may: a word a line. */
  layout = likert_chart_painter_layout (painter, font, text);
  pango_layout_set_width (layout, 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);

  return likert_chart_layout_width (layout);
}

double
likert_chart_label_width (LikertChartPainter         *painter,
                          const PangoFontDescription *font,
                          const char * const         *texts,
                          guint                       n_texts,
                          double                      max_width)
{
  g_autoptr(PangoLayout) ellipsis = NULL;
  double widest = ceil (likert_chart_max_width (painter, font, texts, n_texts));
  double word = 0;

  if (widest <= max_width)
    return widest;

  /* Labels wrap and are cut between words only: a word wider than the column leaves nothing
   * but "…" of its label. Room for the longest word and the "…" after it, when that is not too
   * much more; a little more room would change nothing. */
  for (guint i = 0; i < n_texts; i++)
    word = MAX (word, likert_chart_widest_word (painter, font, texts[i]));
  ellipsis = likert_chart_painter_layout (painter, font, "\u2026");
  word = ceil (word + likert_chart_layout_width (ellipsis));

  if (word > floor (max_width) && word <= WORD_ROOM * max_width)
    return MIN (widest, word);

  return MIN (widest, floor (max_width));
}

void
likert_chart_row_text (LikertChartPainter         *painter,
                       const PangoFontDescription *font,
                       const char                 *text,
                       double                      x,
                       double                      width,
                       double                      y_centre,
                       double                      height,
                       PangoAlignment              alignment,
                       const LikertRgba           *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  gboolean fits;
  double line_height;

  if (text == NULL || text[0] == '\0' || width < 1)
    return;

  layout = likert_chart_painter_layout (painter, font, text);
  fits = likert_chart_layout_set_box (layout, width, 1, alignment);
  line_height = MAX (likert_chart_layout_height (layout), 1);

  /* A second line, closer than usual, when the text needs it and the row has room. */
  if (!fits && 2 * WRAPPED_LINE_SPACING * line_height <= height)
    {
      pango_layout_set_line_spacing (layout, WRAPPED_LINE_SPACING);
      likert_chart_layout_set_box (layout, width, 2, alignment);
    }

  likert_chart_painter_show (painter, layout, color, x,
                             round (y_centre - likert_chart_layout_height (layout) / 2.0));
}

void
likert_chart_painter_more (LikertChartPainter *painter,
                           guint               n_hidden,
                           double              y)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (n_hidden == 0)
    return;

  /* Translators: under a chart too short for all its rows */
  text = g_strdup_printf (ngettext ("%u more not shown: make the chart taller",
                                    "%u more not shown: make the chart taller", n_hidden),
                          n_hidden);
  layout = likert_chart_painter_layout (painter, painter->small_font, text);
  likert_chart_layout_set_box (layout, painter->width - 2 * painter->pad, 1,
                               painter->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  likert_chart_painter_show (painter, layout, &painter->style->muted, painter->pad, y);
}
