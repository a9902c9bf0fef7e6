/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-painter"

/* The painter's text boxes: wrapped and cut between words only. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "chart-test-support.h"
#include "likert-chart-painter.h"

#define ELLIPSIS "\u2026"

static const char * const texts[] = {
  "Neither satisfied nor dissatisfied",
  "Extremely dissatisfied",
  "United Kingdom of Great Britain and Northern Ireland",
  "غير راضٍ على الإطلاق",
  "Detractors (0–6)",
  "Supercalifragilisticexpialidocious",
};

typedef struct
{
  ChartTestCanvas    canvas;
  LikertChartStyle   style;
  LikertChartPainter painter;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  chart_test_canvas_init (&fixture->canvas, 400, 300);
  likert_chart_style_init_default (&fixture->style, FALSE);
  likert_chart_painter_init (&fixture->painter, fixture->canvas.cr, &fixture->style, 400);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  likert_chart_painter_clear (&fixture->painter);
  likert_chart_style_clear (&fixture->style);
  chart_test_canvas_clear (&fixture->canvas);
}

/* The text of each line of the layout, as drawn. */
static GStrv
layout_lines (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      g_autofree char *line_text = g_strndup (text + line->start_index, (gsize) line->length);

      g_strv_builder_add (builder, line_text);
    }

  return g_strv_builder_end (builder);
}

/* Whether word (without what draws nothing) is one of the words of text. */
static gboolean
is_word_of (const char *word,
            const char *text)
{
  g_autofree char *plain = g_strdup (word);
  g_auto(GStrv) words = g_strsplit_set (text, " ", -1);
  char *joiner;

  /* The word joiner glued into "0–⁠6". */
  while ((joiner = strstr (plain, "\u2060")) != NULL)
    memmove (joiner, joiner + strlen ("\u2060"), strlen (joiner + strlen ("\u2060")) + 1);

  return g_strv_contains ((const char * const *) words, plain);
}

/* In any box, a text is wrapped between words and cut after a whole word: every line holds
 * whole words of it, the last of a cut text followed by "…". */
static void
test_set_box_words (Fixture       *fixture,
                    gconstpointer  data)
{
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    for (int lines = 1; lines <= 3; lines++)
      for (double width = 5; width <= 400; width += 5)
        {
          g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&fixture->painter,
                                                                       fixture->painter.font,
                                                                       texts[t]);
          gboolean fits = likert_chart_layout_set_box (layout, width, lines, PANGO_ALIGN_CENTER);
          const char *shown = pango_layout_get_text (layout);
          g_auto(GStrv) drawn = layout_lines (layout);
          PangoRectangle logical;

          g_assert_false (pango_layout_is_ellipsized (layout));
          g_assert_cmpint (pango_layout_get_line_count (layout), <=, lines);

          if (fits)
            {
              /* All of it, within the box. */
              g_assert_cmpuint (strlen (shown), >=, strlen (texts[t]));
              pango_layout_get_extents (layout, NULL, &logical);
              g_assert_cmpint (logical.width, <=, (int) (width * PANGO_SCALE));
            }
          else
            {
              g_assert_true (g_str_has_suffix (shown, ELLIPSIS));
            }

          for (guint l = 0; drawn[l] != NULL; l++)
            {
              g_auto(GStrv) words = g_strsplit_set (g_strstrip (drawn[l]), " ", -1);

              for (guint w = 0; words[w] != NULL; w++)
                {
                  g_autofree char *word = g_strdup (words[w]);

                  if (word[0] == '\0')
                    continue;
                  if (drawn[l + 1] == NULL && words[w + 1] == NULL &&
                      g_str_has_suffix (word, ELLIPSIS))
                    word[strlen (word) - strlen (ELLIPSIS)] = '\0';
                  if (word[0] != '\0' && !is_word_of (word, texts[t]))
                    g_error ("“%s” of “%s” in %g × %d lines: not a whole word (%s)", word,
                             texts[t], width, lines, shown);
                }
            }
        }
}

/* A box set again starts from the whole text, not from an earlier cut. */
static void
test_set_box_again (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&fixture->painter,
                                                               fixture->painter.font,
                                                               texts[0]);

  g_assert_false (likert_chart_layout_set_box (layout, 80, 1, PANGO_ALIGN_LEFT));
  g_assert_cmpstr (pango_layout_get_text (layout), ==, "Neither" ELLIPSIS);
  g_assert_true (likert_chart_layout_set_box (layout, 80, 4, PANGO_ALIGN_LEFT));
  g_assert_cmpstr (pango_layout_get_text (layout), ==, texts[0]);
  g_assert_cmpint (pango_layout_get_line_count (layout), >=, 2);

  /* Not even its first word fits: "…" stands for it. */
  g_assert_false (likert_chart_layout_set_box (layout, 20, 3, PANGO_ALIGN_LEFT));
  g_assert_cmpstr (pango_layout_get_text (layout), ==, ELLIPSIS);
}

/* "Detractors (0–6)" never breaks after its dash; the bold on "0" moves with the text. */
static void
test_set_box_ranges (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PangoLayout) layout = likert_chart_painter_layout (&fixture->painter,
                                                               fixture->painter.font,
                                                               "Detractors (0–6) and (7–8)");
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  g_auto(GStrv) drawn = NULL;
  g_autoptr(GSList) list = NULL;
  const char *text;

  /* On "(7–8)". */
  bold->start_index = strlen ("Detractors (0–6) and ");
  bold->end_index = strlen ("Detractors (0–6) and (7–8)");
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  for (double width = 10; width < 200; width += 2)
    {
      likert_chart_layout_set_box (layout, width, 8, PANGO_ALIGN_LEFT);
      g_clear_pointer (&drawn, g_strfreev);
      drawn = layout_lines (layout);
      for (guint l = 0; drawn[l] != NULL; l++)
        g_assert_false (g_str_has_suffix (g_strstrip (drawn[l]), "–"));
    }

  text = pango_layout_get_text (layout);
  list = pango_attr_list_get_attributes (pango_layout_get_attributes (layout));
  g_assert_cmpuint (g_slist_length (list), ==, 1);
  bold = list->data;
  g_assert_cmpstr (text + bold->start_index, ==, "(7–\u20608)");
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
}

static void
test_widest_word (Fixture       *fixture,
                  gconstpointer  data)
{
  LikertChartPainter *painter = &fixture->painter;
  g_autoptr(PangoLayout) word = likert_chart_painter_layout (painter, painter->font,
                                                             "dissatisfied");
  g_autoptr(PangoLayout) all = likert_chart_painter_layout (painter, painter->font, texts[0]);
  double widest = likert_chart_widest_word (painter, painter->font, texts[0]);

  g_assert_cmpfloat (widest, ==, likert_chart_layout_width (word));
  g_assert_cmpfloat (widest, <, likert_chart_layout_width (all));
  g_assert_cmpfloat (likert_chart_widest_word (painter, painter->font, ""), ==, 0);

  /* A column of labels: the widest label when it fits, else the cap, but room for the longest
   * word and its "…" when that is less than twice the cap. */
  {
    const char * const column[] = { "Germany", "Netherlands" };
    double netherlands = likert_chart_max_width (painter, painter->font, column + 1, 1);
    double germany = likert_chart_max_width (painter, painter->font, column, 1);

    g_assert_cmpfloat (likert_chart_label_width (painter, painter->font, column, 2, 500), ==,
                       ceil (netherlands));
    g_assert_cmpfloat (likert_chart_label_width (painter, painter->font, column, 2,
                                                 germany), ==, ceil (netherlands));
    g_assert_cmpfloat (likert_chart_label_width (painter, painter->font, column, 2,
                                                 netherlands / 3), ==, floor (netherlands / 3));
  }
}

/* The key: whole items when they fit a line, else wrapped at their words; refused when a word is
 * wider than the box. */
static void
test_key (Fixture       *fixture,
          gconstpointer  data)
{
  const LikertChartKeyItem items[] = {
    { "1", "Extremely dissatisfied" }, { "2", "Somewhat dissatisfied" },
    { "3", "Neither satisfied nor dissatisfied" },
  };
  LikertChartPainter *painter = &fixture->painter;
  double items_height, text_height, small_height, narrow_height;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *read = NULL;

  g_assert_true (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_ITEMS, 0, 0, 240, FALSE,
                                   &items_height));
  g_assert_true (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_TEXT, 0, 0, 240, FALSE,
                                   &text_height));
  g_assert_true (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_SMALL_TEXT, 0, 0, 240,
                                   FALSE, &small_height));
  g_assert_cmpfloat (text_height, <=, items_height);
  g_assert_cmpfloat (small_height, <=, text_height);

  /* Narrower than "3 Neither satisfied nor dissatisfied": that item alone wraps. */
  chart_test_record_start ();
  g_assert_true (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_ITEMS, 0, 0, 150, TRUE,
                                   &narrow_height));
  lines = chart_test_record_stop ();
  chart_test_assert_whole_words (lines, (const char *[]) { items[0].label, items[1].label,
                                                           items[2].label }, 3);
  read = chart_test_lines_join (lines, 0, lines->len);
  g_assert_nonnull (strstr (read, "1 Extremely dissatisfied"));
  g_assert_nonnull (strstr (read, "2 Somewhat dissatisfied"));
  g_assert_nonnull (strstr (read, "3 Neither satisfied nor dissatisfied"));
  g_assert_cmpfloat (narrow_height, >, items_height);

  /* "dissatisfied" is wider than 40 units. */
  g_assert_false (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_ITEMS, 0, 0, 40, FALSE,
                                    &narrow_height));
  g_assert_false (likert_chart_key (painter, items, 3, LIKERT_CHART_KEY_TEXT, 0, 0, 40, FALSE,
                                    &narrow_height));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/painter/set-box-words", Fixture, NULL, fixture_set_up, test_set_box_words,
              fixture_tear_down);
  g_test_add ("/painter/set-box-again", Fixture, NULL, fixture_set_up, test_set_box_again,
              fixture_tear_down);
  g_test_add ("/painter/set-box-ranges", Fixture, NULL, fixture_set_up, test_set_box_ranges,
              fixture_tear_down);
  g_test_add ("/painter/widest-word", Fixture, NULL, fixture_set_up, test_widest_word,
              fixture_tear_down);
  g_test_add ("/painter/key", Fixture, NULL, fixture_set_up, test_key, fixture_tear_down);

  status = g_test_run ();
  chart_test_reset_caches ();

  return status;
}
