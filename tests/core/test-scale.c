/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "likert-scale.h"

#define SAT LIKERT_LABEL_SCALE_SATISFACTION
#define AGR LIKERT_LABEL_SCALE_AGREEMENT
#define LIK LIKERT_LABEL_SCALE_LIKELIHOOD
#define QUA LIKERT_LABEL_SCALE_QUALITY
#define NEU LIKERT_LABEL_SCALE_NEUTRAL

/* ------------------------------------------------------------------------------------------------
 * The functions the importer has always used
 */

static void
test_legacy (void)
{
  int v = 0;
  gint64 t = 0;
  int lo, hi;

  g_assert_true (likert_scale_parse_int (" 4 ", &v));
  g_assert_cmpint (v, ==, 4);
  g_assert_false (likert_scale_parse_int ("4.5", &v));
  g_assert_false (likert_scale_parse_int ("", &v));
  g_assert_true (likert_scale_parse_label ("Extremely satisfied", &v));
  g_assert_cmpint (v, ==, 5);
  g_assert_true (likert_scale_parse_label ("  somewhat DISSATISFIED ", &v));
  g_assert_cmpint (v, ==, 2);
  g_assert_true (likert_scale_parse_label ("Plutôt satisfait", &v));
  g_assert_cmpint (v, ==, 4);
  g_assert_false (likert_scale_parse_label ("The checkout was slow", &v));
  g_assert_false (likert_scale_parse_label ("5 - Extremely satisfied", &v));
  g_assert_false (likert_scale_parse_label ("", &v));
  g_assert_true (likert_scale_parse_label ("Bon", &v));
  g_assert_cmpint (v, ==, 4);
  g_assert_true (likert_scale_parse_label ("راض جدا", &v));
  g_assert_cmpint (v, ==, 5);

  g_assert_true (likert_scale_parse_time ("2025-03-01 14:02:11", &t));
  g_assert_cmpint (t, ==, 1740837731);
  g_assert_true (likert_scale_parse_time ("2025-03-01T15:02:11+01:00", &t));
  g_assert_cmpint (t, ==, 1740837731);
  g_assert_true (likert_scale_parse_time ("2025-03-01", &t));
  g_assert_cmpint (t, ==, 1740787200);
  g_assert_false (likert_scale_parse_time ("yesterday", &t));
  g_assert_false (likert_scale_parse_time ("2025-13-01 00:00:00", &t));
  /* One cell cannot tell d/m/y from m/d/y: the plain function refuses year-last dates. */
  g_assert_false (likert_scale_parse_time ("05/03/2024 10:33:07", &t));
  g_assert_false (likert_scale_parse_time ("13/03/2024", &t));

  likert_scale_guess_range (1, 5, "rating", &lo, &hi);
  g_assert_cmpint (lo, ==, 1); g_assert_cmpint (hi, ==, 5);
  likert_scale_guess_range (2, 4, "rating", &lo, &hi);
  g_assert_cmpint (lo, ==, 1); g_assert_cmpint (hi, ==, 5);
  likert_scale_guess_range (1, 7, "ease", &lo, &hi);
  g_assert_cmpint (lo, ==, 1); g_assert_cmpint (hi, ==, 7);
  likert_scale_guess_range (0, 10, "How likely are you to recommend us?", &lo, &hi);
  g_assert_cmpint (lo, ==, 0); g_assert_cmpint (hi, ==, 10);
  likert_scale_guess_range (3, 9, "How likely are you to recommend us?", &lo, &hi);
  g_assert_cmpint (lo, ==, 0); g_assert_cmpint (hi, ==, 10);
  likert_scale_guess_range (3, 9, "Recommanderiez-vous notre site ?", &lo, &hi);
  g_assert_cmpint (lo, ==, 0); g_assert_cmpint (hi, ==, 10);
  likert_scale_guess_range (3, 9, "Порекомендуете ли вы нас?", &lo, &hi);
  g_assert_cmpint (lo, ==, 0); g_assert_cmpint (hi, ==, 10);
  likert_scale_guess_range (3, 9, NULL, &lo, &hi);
  g_assert_cmpint (lo, ==, 1); g_assert_cmpint (hi, ==, 10);
}

/* ------------------------------------------------------------------------------------------------
 * Labels
 */

typedef struct
{
  const char *text;
  guint       scale;
  int         value;
} LabelCase;

/* Written independently of the table in likert-scale.c: the canonical wording of every point of
 * every scale in every language, and some of the other wordings. */
static const LabelCase label_cases[] = {
  { "Extremely dissatisfied", SAT, 1 }, { "Somewhat dissatisfied", SAT, 2 },
  { "Neither satisfied nor dissatisfied", SAT, 3 }, { "Somewhat satisfied", SAT, 4 },
  { "Extremely satisfied", SAT, 5 }, { "Very dissatisfied", SAT, 1 }, { "Dissatisfied", SAT, 2 },
  { "Satisfied", SAT, 4 }, { "Very satisfied", SAT, 5 },
  { "Strongly disagree", AGR, 1 }, { "Disagree", AGR, 2 }, { "Neither agree nor disagree", AGR, 3 },
  { "Agree", AGR, 4 }, { "Strongly agree", AGR, 5 }, { "Somewhat agree", AGR, 4 },
  { "Extremely unlikely", LIK, 1 }, { "Somewhat unlikely", LIK, 2 },
  { "Neither likely nor unlikely", LIK, 3 }, { "Somewhat likely", LIK, 4 },
  { "Extremely likely", LIK, 5 }, { "Not at all likely", LIK, 1 }, { "Very likely", LIK, 5 },
  { "Very poor", QUA, 1 }, { "Poor", QUA, 2 }, { "Fair", QUA, 3 }, { "Average", QUA, 3 },
  { "Good", QUA, 4 }, { "Excellent", QUA, 5 }, { "Very good", QUA, 5 },
  { "Neutral", NEU, 3 },

  { "Très insatisfait", SAT, 1 }, { "Plutôt insatisfait", SAT, 2 },
  { "Ni satisfait ni insatisfait", SAT, 3 }, { "Plutôt satisfait", SAT, 4 },
  { "Très satisfait", SAT, 5 }, { "Satisfait", SAT, 4 }, { "Insatisfaite", SAT, 2 },
  { "Extrêmement satisfait", SAT, 5 },
  { "Pas du tout d'accord", AGR, 1 }, { "Plutôt pas d'accord", AGR, 2 },
  { "Ni d'accord ni pas d'accord", AGR, 3 }, { "Plutôt d'accord", AGR, 4 },
  { "Tout à fait d'accord", AGR, 5 }, { "D'accord", AGR, 4 }, { "En désaccord", AGR, 2 },
  { "Très improbable", LIK, 1 }, { "Plutôt improbable", LIK, 2 },
  { "Ni probable ni improbable", LIK, 3 }, { "Plutôt probable", LIK, 4 },
  { "Très probable", LIK, 5 }, { "Peu probable", LIK, 2 },
  { "Très mauvais", QUA, 1 }, { "Mauvais", QUA, 2 }, { "Moyen", QUA, 3 }, { "Bon", QUA, 4 },
  { "Très bon", QUA, 5 }, { "Médiocre", QUA, 2 },
  { "Neutre", NEU, 3 },

  { "غير راضٍ جدًا", SAT, 1 }, { "غير راضٍ", SAT, 2 }, { "لا راضٍ ولا غير راضٍ", SAT, 3 },
  { "راضٍ", SAT, 4 }, { "راضٍ جدًا", SAT, 5 }, { "غير راضٍ على الإطلاق", SAT, 1 },
  { "أعارض بشدة", AGR, 1 }, { "أعارض", AGR, 2 }, { "لا أوافق ولا أعارض", AGR, 3 },
  { "أوافق", AGR, 4 }, { "أوافق بشدة", AGR, 5 }, { "موافق بشدة", AGR, 5 },
  { "غير مرجح على الإطلاق", LIK, 1 }, { "غير مرجح", LIK, 2 }, { "لا مرجح ولا غير مرجح", LIK, 3 },
  { "مرجح", LIK, 4 }, { "مرجح للغاية", LIK, 5 },
  { "سيئ جدًا", QUA, 1 }, { "سيئ", QUA, 2 }, { "مقبول", QUA, 3 }, { "جيد", QUA, 4 },
  { "ممتاز", QUA, 5 },
  { "محايد", NEU, 3 },

  { "Очень недоволен", SAT, 1 }, { "Скорее недоволен", SAT, 2 },
  { "Ни доволен, ни недоволен", SAT, 3 }, { "Скорее доволен", SAT, 4 },
  { "Очень доволен", SAT, 5 }, { "Полностью удовлетворен", SAT, 5 }, { "Недовольна", SAT, 2 },
  { "Полностью не согласен", AGR, 1 }, { "Скорее не согласен", AGR, 2 },
  { "Ни согласен, ни не согласен", AGR, 3 }, { "Скорее согласен", AGR, 4 },
  { "Полностью согласен", AGR, 5 }, { "Согласна", AGR, 4 },
  { "Крайне маловероятно", LIK, 1 }, { "Скорее маловероятно", LIK, 2 },
  { "Ни вероятно, ни маловероятно", LIK, 3 }, { "Скорее вероятно", LIK, 4 },
  { "Крайне вероятно", LIK, 5 },
  { "Очень плохо", QUA, 1 }, { "Плохо", QUA, 2 }, { "Удовлетворительно", QUA, 3 },
  { "Хорошо", QUA, 4 }, { "Отлично", QUA, 5 },
  { "Нейтрально", NEU, 3 },

  { "Muy insatisfecho", SAT, 1 }, { "Insatisfecho", SAT, 2 },
  { "Ni satisfecho ni insatisfecho", SAT, 3 }, { "Satisfecho", SAT, 4 },
  { "Muy satisfecho", SAT, 5 }, { "Muy satisfecha", SAT, 5 },
  { "Totalmente en desacuerdo", AGR, 1 }, { "En desacuerdo", AGR, 2 },
  { "Ni de acuerdo ni en desacuerdo", AGR, 3 }, { "De acuerdo", AGR, 4 },
  { "Totalmente de acuerdo", AGR, 5 },
  { "Muy improbable", LIK, 1 }, { "Improbable", LIK, 2 }, { "Ni probable ni improbable", LIK, 3 },
  { "Probable", LIK, 4 }, { "Muy probable", LIK, 5 },
  { "Muy malo", QUA, 1 }, { "Malo", QUA, 2 }, { "Regular", QUA, 3 }, { "Bueno", QUA, 4 },
  { "Excelente", QUA, 5 },
  { "Neutro", NEU, 3 },
};

/* The same labels as people and tools actually type them. */
static const LabelCase folded_cases[] = {
  { "EXTREMELY SATISFIED", SAT, 5 },
  { "extremely   satisfied", SAT, 5 },
  { "\tExtremely satisfied.\r\n", SAT, 5 },
  { "\xc2\xa0" "Extremely\xc2\xa0" "satisfied\xc2\xa0", SAT, 5 },     /* no-break spaces */
  { "TRÈS SATISFAIT", SAT, 5 },
  { "tres satisfait", SAT, 5 },
  { "Tre\xcc\x80s satisfait", SAT, 5 },                          /* decomposed è */
  { "PLUTÔT SATISFAITE", SAT, 4 },
  { "Pas d\xe2\x80\x99" "accord", AGR, 2 },                      /* ’ */
  { "Ni d'accord, ni pas d'accord", AGR, 3 },
  { "Très bien !", QUA, 5 },
  { "EXTRÊMEMENT IMPROBABLE", LIK, 1 },
  { "راض جدا", SAT, 5 },                                          /* no harakat */
  { "راضـــٍ جـدًا", SAT, 5 },                                      /* tatweel */
  { "راضي جدا", SAT, 5 },
  { "غير راض على الاطلاق", SAT, 1 },                               /* ا for إ */
  { "\xe2\x80\x8f" "ممتاز" "\xe2\x80\x8f", QUA, 5 },             /* right-to-left marks */
  { "ОЧЕНЬ ДОВОЛЕН", SAT, 5 },
  { "полностью удовлетворён", SAT, 5 },                          /* ё */
  { "ПОЛНОСТЬЮ УДОВЛЕТВОРЁН", SAT, 5 },                          /* Ё */
  { "Ни доволен ни недоволен", SAT, 3 },
  { "MUY SATISFECHO", SAT, 5 },
  { "pesimo", QUA, 1 },
  { "PÉSIMO", QUA, 1 },
};

static void
test_labels (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_cases); i++)
    {
      const LabelCase *c = &label_cases[i];
      guint scale = 99;
      int value = -1;
      LikertCellKind kind = likert_scale_classify (c->text, &value, &scale);

      g_test_message ("%s", c->text);
      g_assert_cmpint (kind, ==, LIKERT_CELL_LABEL);
      g_assert_cmpuint (scale, ==, c->scale);
      g_assert_cmpint (value, ==, c->value);
      value = -1;
      g_assert_true (likert_scale_parse_label (c->text, &value));
      g_assert_cmpint (value, ==, c->value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (folded_cases); i++)
    {
      const LabelCase *c = &folded_cases[i];
      guint scale = 99;
      int value = -1;

      g_test_message ("%s", c->text);
      g_assert_cmpint (likert_scale_classify (c->text, &value, &scale), ==, LIKERT_CELL_LABEL);
      g_assert_cmpuint (scale, ==, c->scale);
      g_assert_cmpint (value, ==, c->value);
    }
}

/* Every wording in the mapper's own table reads back as what the table says: no wording is listed
 * twice with two meanings, and every one survives its own normalisation. */
static void
test_label_table (void)
{
  guint counts[LIKERT_N_LABEL_SCALES][6] = { { 0 } };
  const char *languages[] = { "en", "fr", "ar", "ru", "es" };
  guint scale, i;
  int value;
  const char *language, *label;

  for (i = 0; likert_scale_known_label (i, &scale, &value, &language, &label); i++)
    {
      guint got_scale = 99;
      int got_value = -1;

      g_test_message ("%s %s", language, label);
      g_assert_cmpint (likert_scale_classify (label, &got_value, &got_scale), ==,
                       LIKERT_CELL_LABEL);
      g_assert_cmpuint (got_scale, ==, scale);
      g_assert_cmpint (got_value, ==, value);
      g_assert_cmpuint (scale, <, LIKERT_N_LABEL_SCALES);
      g_assert_cmpint (value, >=, 1);
      g_assert_cmpint (value, <=, 5);
      counts[scale][value]++;
    }
  g_assert_cmpuint (i, >, 250);

  /* Every point of every scale has a label in every language, and it is one of the table's. */
  for (scale = LIKERT_LABEL_SCALE_SATISFACTION; scale < LIKERT_N_LABEL_SCALES; scale++)
    for (value = 1; value <= 5; value++)
      {
        if (scale == LIKERT_LABEL_SCALE_NEUTRAL && value != 3)
          {
            g_assert_null (likert_scale_canonical_label (scale, value, "en"));
            continue;
          }
        g_assert_cmpuint (counts[scale][value], >=, G_N_ELEMENTS (languages));
        for (i = 0; i < G_N_ELEMENTS (languages); i++)
          {
            const char *canonical = likert_scale_canonical_label (scale, value, languages[i]);
            guint got_scale = 99;
            int got_value = -1;

            g_assert_nonnull (canonical);
            g_assert_cmpint (likert_scale_classify (canonical, &got_value, &got_scale), ==,
                             LIKERT_CELL_LABEL);
            g_assert_cmpuint (got_scale, ==, scale);
            g_assert_cmpint (got_value, ==, value);
          }
      }

  g_assert_cmpstr (likert_scale_canonical_label (SAT, 5, NULL), ==, "Extremely satisfied");
  g_assert_cmpstr (likert_scale_canonical_label (SAT, 1, "en"), ==, "Extremely dissatisfied");
  g_assert_cmpstr (likert_scale_canonical_label (SAT, 5, "fr_FR.UTF-8"), ==, "Très satisfait");
  g_assert_cmpstr (likert_scale_canonical_label (AGR, 1, "es"), ==, "Totalmente en desacuerdo");
  g_assert_cmpstr (likert_scale_canonical_label (QUA, 3, "ru"), ==, "Удовлетворительно");
  g_assert_cmpstr (likert_scale_canonical_label (SAT, 5, "ar"), ==, "راضٍ جدًا");
  g_assert_cmpstr (likert_scale_canonical_label (LIK, 2, "de"), ==, "Somewhat unlikely");
  g_assert_cmpstr (likert_scale_canonical_label (NEU, 3, "fr"), ==, "Neutre");
  g_assert_null (likert_scale_canonical_label (SAT, 6, "en"));
  g_assert_null (likert_scale_canonical_label (SAT, 0, "en"));
  g_assert_null (likert_scale_canonical_label (LIKERT_LABEL_SCALE_NONE, 3, "en"));
  g_assert_null (likert_scale_canonical_label (LIKERT_N_LABEL_SCALES, 3, "en"));

  g_assert_null (likert_scale_label_name (LIKERT_LABEL_SCALE_NONE));
  g_assert_cmpstr (likert_scale_label_name (SAT), ==, "satisfaction");
  g_assert_cmpstr (likert_scale_label_name (AGR), ==, "agreement");
  g_assert_cmpstr (likert_scale_label_name (LIK), ==, "likelihood");
  g_assert_cmpstr (likert_scale_label_name (QUA), ==, "quality");
  g_assert_cmpstr (likert_scale_label_name (NEU), ==, "neutral");
  g_assert_null (likert_scale_label_name (LIKERT_N_LABEL_SCALES));
}

/* ------------------------------------------------------------------------------------------------
 * Cells
 */

typedef struct
{
  const char     *text;
  LikertCellKind  kind;
  int             value;
  guint           scale;
} CellCase;

static const CellCase cell_cases[] = {
  /* Missing answers */
  { "", LIKERT_CELL_MISSING, 0, 0 },
  { "   ", LIKERT_CELL_MISSING, 0, 0 },
  { "\xc2\xa0", LIKERT_CELL_MISSING, 0, 0 },
  { "NA", LIKERT_CELL_MISSING, 0, 0 },
  { "na", LIKERT_CELL_MISSING, 0, 0 },
  { "N/A", LIKERT_CELL_MISSING, 0, 0 },
  { " n/a ", LIKERT_CELL_MISSING, 0, 0 },
  { "N.A.", LIKERT_CELL_MISSING, 0, 0 },
  { "#N/A", LIKERT_CELL_MISSING, 0, 0 },
  { "-", LIKERT_CELL_MISSING, 0, 0 },
  { " -- ", LIKERT_CELL_MISSING, 0, 0 },
  { "\xe2\x80\x94", LIKERT_CELL_MISSING, 0, 0 },

  /* Integers: the scale is the importer's business */
  { "4", LIKERT_CELL_INT, 4, 0 },
  { " 10 ", LIKERT_CELL_INT, 10, 0 },
  { "6", LIKERT_CELL_INT, 6, 0 },
  { "0", LIKERT_CELL_INT, 0, 0 },
  { "+3", LIKERT_CELL_INT, 3, 0 },
  { "-1", LIKERT_CELL_INT, -1, 0 },
  { "007", LIKERT_CELL_INT, 7, 0 },
  { "٧", LIKERT_CELL_INT, 7, 0 },                 /* Arabic-Indic seven */
  { "١٠", LIKERT_CELL_INT, 10, 0 },
  { "123456789", LIKERT_CELL_INT, 123456789, 0 },
  { "1234567890", LIKERT_CELL_TEXT, 0, 0 },        /* an id, not a rating */

  /* Decimals are problems, not rounded */
  { "3.5", LIKERT_CELL_DECIMAL, 0, 0 },
  { "3,5", LIKERT_CELL_DECIMAL, 0, 0 },
  { " 4.0 ", LIKERT_CELL_DECIMAL, 0, 0 },
  { ".5", LIKERT_CELL_DECIMAL, 0, 0 },
  { "-2.5", LIKERT_CELL_DECIMAL, 0, 0 },
  { "٣٫٥", LIKERT_CELL_DECIMAL, 0, 0 },

  /* Mixed forms */
  { "5 - Extremely satisfied", LIKERT_CELL_MIXED, 5, SAT },
  { "5 \xe2\x80\x93 Extremely satisfied", LIKERT_CELL_MIXED, 5, SAT },   /* – */
  { "5 \xe2\x80\x94 Extremely satisfied", LIKERT_CELL_MIXED, 5, SAT },   /* — */
  { "5-Extremely satisfied", LIKERT_CELL_MIXED, 5, SAT },
  { "5. Très satisfait", LIKERT_CELL_MIXED, 5, SAT },
  { "(5) Extremely satisfied", LIKERT_CELL_MIXED, 5, SAT },
  { "[4] Agree", LIKERT_CELL_MIXED, 4, AGR },
  { "4) Agree", LIKERT_CELL_MIXED, 4, AGR },
  { "4: Agree", LIKERT_CELL_MIXED, 4, AGR },
  { "1 Strongly disagree", LIKERT_CELL_MIXED, 1, AGR },
  { "Extremely satisfied (5)", LIKERT_CELL_MIXED, 5, SAT },
  { "Très satisfait - 5", LIKERT_CELL_MIXED, 5, SAT },
  { "10 - Extremely likely", LIKERT_CELL_MIXED, 10, LIK },
  { "0 - Not at all likely", LIKERT_CELL_MIXED, 0, LIK },
  { "٥ - راضٍ جدًا", LIKERT_CELL_MIXED, 5, SAT },
  { "3 = Neutral", LIKERT_CELL_MIXED, 3, NEU },

  /* Labels */
  { "Extremely satisfied", LIKERT_CELL_LABEL, 5, SAT },
  { "Neutral", LIKERT_CELL_LABEL, 3, NEU },

  /* Free text */
  { "The checkout was slow", LIKERT_CELL_TEXT, 0, 0 },
  { "1. The checkout was slow", LIKERT_CELL_TEXT, 0, 0 },
  { "3 apples", LIKERT_CELL_TEXT, 0, 0 },
  { "5 stars", LIKERT_CELL_TEXT, 0, 0 },
  { "Top 5", LIKERT_CELL_TEXT, 0, 0 },
  { "4/5", LIKERT_CELL_TEXT, 0, 0 },
  { "3.", LIKERT_CELL_TEXT, 0, 0 },
  { ".", LIKERT_CELL_TEXT, 0, 0 },
  { "3.5.1", LIKERT_CELL_TEXT, 0, 0 },
  { "5 - ", LIKERT_CELL_TEXT, 0, 0 },
  { "(5)", LIKERT_CELL_TEXT, 0, 0 },
  { "Very", LIKERT_CELL_TEXT, 0, 0 },
  { "Extremely satisfied with the delivery", LIKERT_CELL_TEXT, 0, 0 },
  { "\xff\xfe", LIKERT_CELL_TEXT, 0, 0 },                  /* not UTF-8 */
  { "Tr\xc3", LIKERT_CELL_TEXT, 0, 0 },                     /* cut in the middle of a letter */
};

static void
test_classify (void)
{
  g_autofree char *long_text = NULL;
  GString *s;
  int value;
  guint scale;

  for (guint i = 0; i < G_N_ELEMENTS (cell_cases); i++)
    {
      const CellCase *c = &cell_cases[i];

      value = -1;
      scale = 99;
      g_test_message ("\"%s\"", c->text);
      g_assert_cmpint (likert_scale_classify (c->text, &value, &scale), ==, c->kind);
      g_assert_cmpint (value, ==, c->value);
      g_assert_cmpuint (scale, ==, c->scale);
    }

  /* NULL out-parameters are fine. */
  g_assert_cmpint (likert_scale_classify ("5 - Agree", NULL, NULL), ==, LIKERT_CELL_MIXED);
  g_assert_cmpint (likert_scale_classify ("3.5", NULL, NULL), ==, LIKERT_CELL_DECIMAL);

  /* Long comments are rejected without looking them up. */
  s = g_string_new (NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append (s, "Très satisfait ");
  long_text = g_string_free (s, FALSE);
  g_assert_cmpint (likert_scale_classify (long_text, &value, &scale), ==, LIKERT_CELL_TEXT);
}

static void
test_split_mixed (void)
{
  static const struct
  {
    const char *text;
    int         value;
    const char *label;  /* NULL: not split */
  } cases[] = {
    { "7 - Best ever", 7, "Best ever" },
    { "  7 – Best ever  ", 7, "Best ever" },
    { "7. Best ever", 7, "Best ever" },
    { "(7) Best ever", 7, "Best ever" },
    { "[ 7 ] Best ever", 7, "Best ever" },
    { "Best ever (7)", 7, "Best ever" },
    { "Best ever - 7", 7, "Best ever" },
    { "Best ever: 10", 10, "Best ever" },
    { "5 - Extremely satisfied", 5, "Extremely satisfied" },
    { "٥ - ممتاز", 5, "ممتاز" },
    { "1 Strongly disagree", 1, "Strongly disagree" },
    { "3 apples", 0, NULL },
    { "Top 5", 0, NULL },
    { "5 - 6", 0, NULL },
    { "5.5", 0, NULL },
    { "5 - ???", 0, NULL },
    { "5", 0, NULL },
    { "", 0, NULL },
    { "(5)", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *label = NULL;
      gsize length = 0;
      int value = -1;
      gboolean split = likert_scale_split_mixed (cases[i].text, &value, &label, &length);

      g_test_message ("\"%s\"", cases[i].text);
      if (cases[i].label == NULL)
        {
          g_assert_false (split);
          continue;
        }
      g_assert_true (split);
      g_assert_cmpint (value, ==, cases[i].value);
      g_assert_cmpuint (length, ==, strlen (cases[i].label));
      g_assert_true (strncmp (label, cases[i].label, length) == 0);
    }
}

/* ------------------------------------------------------------------------------------------------
 * Times
 */

typedef struct
{
  const char      *text;
  LikertDateOrder  order;
  gint64           expected;
} TimeCase;

#define YMD LIKERT_DATE_ORDER_YMD
#define DMY LIKERT_DATE_ORDER_DMY
#define MDY LIKERT_DATE_ORDER_MDY
#define UNK LIKERT_DATE_ORDER_UNKNOWN

/* Expected values from Python:
 *   python3 -c "from datetime import datetime as D, timezone as Z, timedelta as T; \
 *     print(int(D(2024,3,5,10,33,7, tzinfo=Z(T(minutes=60))).timestamp()))"
 * with the date, time and offset (minutes east of UTC) of each line. */
static const TimeCase time_cases[] = {
  /* Qualtrics, LimeSurvey, Hotjar, Typeform: 2024-03-05 10:33:07 UTC */
  { "2024-03-05 10:33:07", YMD, 1709634787 },
  { "2024-03-05 10:33:07", UNK, 1709634787 },
  { "2024-03-05 10:33:07", DMY, 1709634787 },
  { "2024-03-05T10:33:07Z", YMD, 1709634787 },
  { "  2024-03-05T10:33:07.250Z  ", YMD, 1709634787 },
  { "2024-03-05 10:33:07 UTC", YMD, 1709634787 },
  { "2024-03-05 10:33:07 GMT", YMD, 1709634787 },
  /* zones */
  { "2024-03-05T10:33:07+01:00", YMD, 1709631187 },      /* offset 60 */
  { "2024-03-05T10:33:07+0100", YMD, 1709631187 },
  { "2024-03-05T10:33:07+01", YMD, 1709631187 },
  { "2024-03-05T10:33:07.250-05:00", YMD, 1709652787 },  /* offset -300 */
  { "2024-03-05 10:33:07 +05:30", YMD, 1709614987 },     /* offset 330 */
  { "2024-03-05 10:33:07 UTC+02:00", YMD, 1709627587 },  /* offset 120 */
  { "2024-12-31T23:30:00-01:00", YMD, 1735691400 },      /* 2025-01-01 00:30 UTC */
  /* Google Forms */
  { "2024/03/05 10:33:07 AM GMT+1", YMD, 1709631187 },
  { "2024/03/05 10:33:07 PM GMT-3", YMD, 1709688787 },   /* 22:33:07, offset -180 */
  { "05/03/2024 10:33:07", DMY, 1709634787 },
  { "05.03.2024 10:33", DMY, 1709634780 },
  /* SurveyMonkey */
  { "03/05/2024 10:33:07 AM", MDY, 1709634787 },
  { "3/5/2024, 10:33:07 PM", MDY, 1709677987 },          /* 22:33:07 */
  { "03-05-2024 10:33:07", MDY, 1709634787 },
  /* Hotjar and month names */
  { "March 5, 2024 10:33", YMD, 1709634780 },
  { "March 5, 2024 10:33", DMY, 1709634780 },
  { "Mar. 5, 2024, 10:33 p.m.", YMD, 1709677980 },       /* 22:33 */
  { "MARCH 5TH, 2024 10:33", YMD, 1709634780 },
  { "5 March 2024 10:33", YMD, 1709634780 },
  { "5 mars 2024 10:33", YMD, 1709634780 },
  { "5 août 2024 à 10:33", YMD, 1722853980 },            /* 2024-08-05 10:33 */
  { "1er mars 2024", YMD, 1709251200 },
  { "29 FÉVRIER 2024", YMD, 1709164800 },
  /* 12-hour clocks */
  { "2024-03-05 12:00:00 AM", YMD, 1709596800 },         /* 00:00 */
  { "2024-03-05 12:30 AM", YMD, 1709598600 },            /* 00:30 */
  { "2024-03-05 12:00 PM", YMD, 1709640000 },            /* 12:00 */
  { "2024-03-05 12:30 PM", YMD, 1709641800 },            /* 12:30 */
  { "2024-03-05 11:59:59 pm", YMD, 1709683199 },         /* 23:59:59 */
  { "2024-03-05 10:33:07AM", YMD, 1709634787 },
  /* dates alone, leap days, before 1970 */
  { "2024-03-05", YMD, 1709596800 },
  { "2024-02-29", YMD, 1709164800 },
  { "2000-02-29", YMD, 951782400 },
  { "1969-12-31 23:59:59", YMD, -1 },
  { "2025-03-01", YMD, 1740787200 },
};

static const TimeCase bad_time_cases[] = {
  { "", YMD, 0 },
  { "yesterday", YMD, 0 },
  { "2025-02-29", YMD, 0 },
  { "2025-02-30 10:00", YMD, 0 },
  { "1900-02-29", YMD, 0 },
  { "2025-13-01", YMD, 0 },
  { "2025-00-10", YMD, 0 },
  { "2024-03-05 24:00", YMD, 0 },
  { "2024-03-05 24:00:00", YMD, 0 },
  { "2024-03-05 10:60", YMD, 0 },
  { "2024-03-05 10:33:60", YMD, 0 },
  { "2024-03-05 13:00 PM", YMD, 0 },
  { "2024-03-05 0:30 AM", YMD, 0 },
  { "2024-03-05 10:33 EST", YMD, 0 },
  { "2024-03-05 10:33 +15:00", YMD, 0 },
  { "2024-03-05 10:33 +01:60", YMD, 0 },
  { "2024-03-05T", YMD, 0 },
  { "2024-03-05 10", YMD, 0 },
  { "2024-03-05x", YMD, 0 },
  { "2024-03-05 10:33:07 and more", YMD, 0 },
  { "20240305", YMD, 0 },
  { "2024", YMD, 0 },
  { "05/03/2024", YMD, 0 },
  { "05/03/2024", UNK, 0 },
  { "13/13/2024", DMY, 0 },
  { "31/04/2024", DMY, 0 },
  { "04/31/2024", MDY, 0 },
  { "13/05/2024", MDY, 0 },
  { "05/03/24", DMY, 0 },
  { "05/03-2024", DMY, 0 },
  { "March 32, 2024", YMD, 0 },
  { "Smarch 5, 2024", YMD, 0 },
  { "March 5 2024 10:33 AMX", YMD, 0 },
};

static void
test_times (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_cases); i++)
    {
      gint64 t = 0;

      g_test_message ("\"%s\" (order %d)", time_cases[i].text, time_cases[i].order);
      g_assert_true (likert_scale_parse_time_with_order (time_cases[i].text, time_cases[i].order,
                                                         &t));
      g_assert_cmpint (t, ==, time_cases[i].expected);
      if (time_cases[i].order == YMD)
        {
          t = 0;
          g_assert_true (likert_scale_parse_time (time_cases[i].text, &t));
          g_assert_cmpint (t, ==, time_cases[i].expected);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_time_cases); i++)
    {
      gint64 t = 42;

      g_test_message ("\"%s\" (order %d)", bad_time_cases[i].text, bad_time_cases[i].order);
      g_assert_false (likert_scale_parse_time_with_order (bad_time_cases[i].text,
                                                          bad_time_cases[i].order, &t));
      g_assert_cmpint (t, ==, 42);
    }
}

static LikertDateOrder
scan_column (const char * const *cells,
             LikertDateScan     *scan,
             gboolean           *ambiguous)
{
  likert_date_scan_init (scan);
  for (guint i = 0; cells[i] != NULL; i++)
    likert_date_scan_add (scan, cells[i]);
  return likert_date_scan_result (scan, ambiguous);
}

static void
test_date_scan (void)
{
  const char *dmy[] = { "05/03/2024 10:00", "", "13/03/2024 09:00", "01/02/2024", NULL };
  const char *mdy[] = { "03/05/2024 10:33:07 AM", "03/13/2024 01:00:00 PM", "  ", NULL };
  const char *unsure[] = { "05/03/2024", "01/02/2024 10:00", "12/12/2024", NULL };
  const char *conflict[] = { "13/03/2024", "03/13/2024", NULL };
  const char *iso[] = { "2024-03-05 10:33:07", "2024/03/05 10:33:07 AM GMT+1", "March 5, 2024",
                        NULL };
  const char *iso_and_dmy[] = { "2024-03-05 10:33:07", "25/12/2024 08:00", NULL };
  const char *not_dates[] = { "2024-03-05", "hello", NULL };
  const char *bad_day[] = { "05/03/2024", "31/02/2024", NULL };
  const char *empty[] = { "", " ", "N/A", "-", NULL };
  const char *with_missing[] = { "13/03/2024", "N/A", "", "-", "01/02/2024", NULL };
  LikertDateScan scan;
  gboolean ambiguous = TRUE;

  g_assert_cmpint (scan_column (dmy, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_DMY);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.n_seen, ==, 3);
  g_assert_cmpuint (scan.n_parsed, ==, 3);
  g_assert_cmpuint (scan.first_gt12, ==, 1);
  g_assert_cmpuint (scan.second_gt12, ==, 0);
  g_assert_cmpuint (scan.year_last, ==, 3);
  g_assert_cmpuint (scan.iso, ==, 0);

  ambiguous = TRUE;
  g_assert_cmpint (scan_column (mdy, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_MDY);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.second_gt12, ==, 1);

  ambiguous = FALSE;
  g_assert_cmpint (scan_column (unsure, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_UNKNOWN);
  g_assert_true (ambiguous);
  g_assert_cmpuint (scan.n_parsed, ==, 3);

  ambiguous = TRUE;
  g_assert_cmpint (scan_column (conflict, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_UNKNOWN);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.first_gt12, ==, 1);
  g_assert_cmpuint (scan.second_gt12, ==, 1);
  g_assert_cmpuint (scan.n_parsed, ==, 2);

  ambiguous = TRUE;
  g_assert_cmpint (scan_column (iso, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_YMD);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.iso, ==, 3);

  g_assert_cmpint (scan_column (iso_and_dmy, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_DMY);
  g_assert_false (ambiguous);

  ambiguous = TRUE;
  g_assert_cmpint (scan_column (not_dates, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_UNKNOWN);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.n_parsed, ==, 1);

  /* 31/02 is no date either way: the column is not a time column. */
  ambiguous = TRUE;
  g_assert_cmpint (scan_column (bad_day, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_UNKNOWN);
  g_assert_false (ambiguous);

  ambiguous = TRUE;
  g_assert_cmpint (scan_column (empty, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_UNKNOWN);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.n_seen, ==, 0);

  g_assert_cmpint (scan_column (with_missing, &scan, &ambiguous), ==, LIKERT_DATE_ORDER_DMY);
  g_assert_false (ambiguous);
  g_assert_cmpuint (scan.n_seen, ==, 2);

  g_assert_cmpint (scan_column (dmy, &scan, NULL), ==, LIKERT_DATE_ORDER_DMY);
}

/* ------------------------------------------------------------------------------------------------
 * A micro benchmark, reported, not asserted. The cells cycle through a few dozen strings, so they
 * stay in cache: these are upper bounds of the mapper's own cost, not of an import.
 */

#define BENCH_CELLS 1000000

static void
test_benchmark (void)
{
  static const char * const rating_cells[] = {
    "4", "5", " 3 ", "10", "", "N/A", "3.5", "Extremely satisfied", "Somewhat dissatisfied",
    "Très satisfait", "Plutôt d'accord", "راضٍ جدًا", "Очень доволен", "Muy satisfecho",
    "5 - Extremely satisfied", "(4) Agree", "The checkout was slow and the page froze twice",
    "Neither satisfied nor dissatisfied",
  };
  static const char * const label_cells[] = {
    "Extremely satisfied", "Somewhat dissatisfied", "Neither agree nor disagree", "Agree",
    "Très satisfait", "Plutôt d'accord", "راضٍ جدًا", "غير موافق", "Очень доволен",
    "Скорее не согласен", "Muy satisfecho", "En desacuerdo",
  };
  static const char * const time_cells[] = {
    "2024-03-05 10:33:07", "2024-03-05T10:33:07+01:00", "2024/03/05 10:33:07 AM GMT+1",
    "05/03/2024 10:33:07", "March 5, 2024 10:33", "2024-12-31 23:59:59",
  };
  const char **cells = g_new (const char *, BENCH_CELLS);
  gint64 start, elapsed, when, sum = 0;
  int value;
  guint scale;

  for (guint i = 0; i < BENCH_CELLS; i++)
    cells[i] = rating_cells[(i * 7919u) % G_N_ELEMENTS (rating_cells)];
  start = g_get_monotonic_time ();
  for (guint i = 0; i < BENCH_CELLS; i++)
    sum += likert_scale_classify (cells[i], &value, &scale) + value;
  elapsed = MAX (g_get_monotonic_time () - start, 1);
  g_test_message ("classify: %d cells in %.1f ms, %.1f M cells/s (checksum %" G_GINT64_FORMAT ")",
                  BENCH_CELLS, elapsed / 1000.0, BENCH_CELLS / (double) elapsed, sum);

  /* The slow path alone: every cell a label, half of them not ASCII. */
  for (guint i = 0; i < BENCH_CELLS; i++)
    cells[i] = label_cells[(i * 7919u) % G_N_ELEMENTS (label_cells)];
  sum = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < BENCH_CELLS; i++)
    sum += likert_scale_classify (cells[i], &value, &scale) + value;
  elapsed = MAX (g_get_monotonic_time () - start, 1);
  g_test_message ("classify, labels only: %d cells in %.1f ms, %.1f M cells/s (checksum %"
                  G_GINT64_FORMAT ")",
                  BENCH_CELLS, elapsed / 1000.0, BENCH_CELLS / (double) elapsed, sum);

  for (guint i = 0; i < BENCH_CELLS; i++)
    cells[i] = time_cells[(i * 7919u) % G_N_ELEMENTS (time_cells)];
  sum = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < BENCH_CELLS; i++)
    if (likert_scale_parse_time_with_order (cells[i], LIKERT_DATE_ORDER_DMY, &when))
      sum += when;
  elapsed = MAX (g_get_monotonic_time () - start, 1);
  g_test_message ("parse_time: %d cells in %.1f ms, %.1f M cells/s (checksum %" G_GINT64_FORMAT
                  ")", BENCH_CELLS, elapsed / 1000.0, BENCH_CELLS / (double) elapsed, sum);

  g_free (cells);
}

/* likert_scale_time_orders says what the three orders say, one by one, and the times they
 * read; a scan that reads them on the way says the same, and counts as likert_date_scan_add ()
 * does. */
static void
test_time_orders (void)
{
  static const char * const cells[] = {
    "2024-03-05", "2024-03-05 10:33:07+01:00", "2024/3/5", "05/03/2024", "13/03/2024",
    "03/13/2024", "5 mars 2024", "March 5, 2024 3:00 PM", "31/02/2024", "2024-02-30", "",
    "hello", "05/03/2024 25:00", "1/2/3", "12/12/2012T10:00", "N/A", " - ", "2024-03-05T25:00",
    "5/3/24", "Mar 5 2024 10:00 PM UTC",
  };
  LikertDateScan scan, scan_orders;
  static const LikertDateOrder orders[] = {
    LIKERT_DATE_ORDER_YMD, LIKERT_DATE_ORDER_DMY, LIKERT_DATE_ORDER_MDY
  };

  likert_date_scan_init (&scan);
  likert_date_scan_init (&scan_orders);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      gboolean read[3], read_on_the_way[3];
      gint64 when[3], when_on_the_way[3];

      likert_scale_time_orders (cells[i], read, when);
      for (guint o = 0; o < 3; o++)
        {
          gint64 expected = 0;

          g_assert_cmpint (read[o], ==,
                           likert_scale_parse_time_with_order (cells[i], orders[o], &expected));
          if (read[o])
            g_assert_cmpint (when[o], ==, expected);
        }

      likert_date_scan_add (&scan, cells[i]);
      likert_date_scan_add_orders (&scan_orders, cells[i], read_on_the_way, when_on_the_way);
      g_assert_cmpmem (read_on_the_way, sizeof read_on_the_way, read, sizeof read);
      for (guint o = 0; o < 3; o++)
        if (read[o])
          g_assert_cmpint (when_on_the_way[o], ==, when[o]);
      g_assert_cmpmem (&scan_orders, sizeof scan_orders, &scan, sizeof scan);
    }
  g_assert_cmpuint (scan.n_parsed, >, 0);
  g_assert_cmpuint (scan.year_last, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scale/legacy", test_legacy);
  g_test_add_func ("/scale/labels", test_labels);
  g_test_add_func ("/scale/label-table", test_label_table);
  g_test_add_func ("/scale/classify", test_classify);
  g_test_add_func ("/scale/split-mixed", test_split_mixed);
  g_test_add_func ("/scale/times", test_times);
  g_test_add_func ("/scale/date-scan", test_date_scan);
  g_test_add_func ("/scale/time-orders", test_time_orders);
  g_test_add_func ("/scale/benchmark", test_benchmark);
  return g_test_run ();
}
