/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-scale"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-scale.h"

/* The mapper runs on every cell of the file: nothing below allocates or takes a lock on the hot
 * path. Labels are compared through a normalised key (lower case, no accents, no Arabic harakat or
 * tatweel, one space between words) written into a stack buffer and looked up in an
 * open-addressing hash table built once from known_labels[]. */

typedef struct
{
  guint8      scale;     /* LikertLabelScale */
  guint8      value;     /* 1–5 */
  const char *language;  /* "en", "fr", "ar", "ru", "es" */
  const char *label;     /* as written; the first of a (scale, value, language) is canonical */
} KnownLabel;

#define SAT LIKERT_LABEL_SCALE_SATISFACTION
#define AGR LIKERT_LABEL_SCALE_AGREEMENT
#define LIK LIKERT_LABEL_SCALE_LIKELIHOOD
#define QUA LIKERT_LABEL_SCALE_QUALITY
#define NEU LIKERT_LABEL_SCALE_NEUTRAL

/* Several common wordings of each point, as survey tools and translators write them. Feminine
 * forms are listed where the language has them. */
static const KnownLabel known_labels[] = {
  /* English */
  { SAT, 1, "en", "Extremely dissatisfied" },
  { SAT, 1, "en", "Very dissatisfied" },
  { SAT, 1, "en", "Completely dissatisfied" },
  { SAT, 2, "en", "Somewhat dissatisfied" },
  { SAT, 2, "en", "Dissatisfied" },
  { SAT, 3, "en", "Neither satisfied nor dissatisfied" },
  { SAT, 3, "en", "Neither satisfied or dissatisfied" },
  { SAT, 4, "en", "Somewhat satisfied" },
  { SAT, 4, "en", "Satisfied" },
  { SAT, 5, "en", "Extremely satisfied" },
  { SAT, 5, "en", "Very satisfied" },
  { SAT, 5, "en", "Completely satisfied" },
  { AGR, 1, "en", "Strongly disagree" },
  { AGR, 1, "en", "Completely disagree" },
  { AGR, 2, "en", "Disagree" },
  { AGR, 2, "en", "Somewhat disagree" },
  { AGR, 3, "en", "Neither agree nor disagree" },
  { AGR, 3, "en", "Neither agree or disagree" },
  { AGR, 4, "en", "Agree" },
  { AGR, 4, "en", "Somewhat agree" },
  { AGR, 5, "en", "Strongly agree" },
  { AGR, 5, "en", "Completely agree" },
  { LIK, 1, "en", "Extremely unlikely" },
  { LIK, 1, "en", "Very unlikely" },
  { LIK, 1, "en", "Not at all likely" },
  { LIK, 2, "en", "Somewhat unlikely" },
  { LIK, 2, "en", "Unlikely" },
  { LIK, 3, "en", "Neither likely nor unlikely" },
  { LIK, 3, "en", "Neither likely or unlikely" },
  { LIK, 4, "en", "Somewhat likely" },
  { LIK, 4, "en", "Likely" },
  { LIK, 5, "en", "Extremely likely" },
  { LIK, 5, "en", "Very likely" },
  { QUA, 1, "en", "Very poor" },
  { QUA, 1, "en", "Terrible" },
  { QUA, 2, "en", "Poor" },
  { QUA, 3, "en", "Fair" },
  { QUA, 3, "en", "Average" },
  { QUA, 4, "en", "Good" },
  { QUA, 5, "en", "Excellent" },
  { QUA, 5, "en", "Very good" },
  { NEU, 3, "en", "Neutral" },

  /* French */
  { SAT, 1, "fr", "Très insatisfait" },
  { SAT, 1, "fr", "Très insatisfaite" },
  { SAT, 1, "fr", "Extrêmement insatisfait" },
  { SAT, 1, "fr", "Pas du tout satisfait" },
  { SAT, 1, "fr", "Pas du tout satisfaite" },
  { SAT, 2, "fr", "Plutôt insatisfait" },
  { SAT, 2, "fr", "Plutôt insatisfaite" },
  { SAT, 2, "fr", "Insatisfait" },
  { SAT, 2, "fr", "Insatisfaite" },
  { SAT, 2, "fr", "Peu satisfait" },
  { SAT, 2, "fr", "Plutôt pas satisfait" },
  { SAT, 3, "fr", "Ni satisfait ni insatisfait" },
  { SAT, 3, "fr", "Ni satisfaite ni insatisfaite" },
  { SAT, 3, "fr", "Moyennement satisfait" },
  { SAT, 4, "fr", "Plutôt satisfait" },
  { SAT, 4, "fr", "Plutôt satisfaite" },
  { SAT, 4, "fr", "Satisfait" },
  { SAT, 4, "fr", "Satisfaite" },
  { SAT, 5, "fr", "Très satisfait" },
  { SAT, 5, "fr", "Très satisfaite" },
  { SAT, 5, "fr", "Extrêmement satisfait" },
  { SAT, 5, "fr", "Tout à fait satisfait" },
  { SAT, 5, "fr", "Tout à fait satisfaite" },
  { AGR, 1, "fr", "Pas du tout d'accord" },
  { AGR, 1, "fr", "Tout à fait en désaccord" },
  { AGR, 1, "fr", "Fortement en désaccord" },
  { AGR, 2, "fr", "Plutôt pas d'accord" },
  { AGR, 2, "fr", "Pas d'accord" },
  { AGR, 2, "fr", "Plutôt en désaccord" },
  { AGR, 2, "fr", "En désaccord" },
  { AGR, 3, "fr", "Ni d'accord ni pas d'accord" },
  { AGR, 3, "fr", "Ni d'accord ni en désaccord" },
  { AGR, 4, "fr", "Plutôt d'accord" },
  { AGR, 4, "fr", "D'accord" },
  { AGR, 5, "fr", "Tout à fait d'accord" },
  { AGR, 5, "fr", "Entièrement d'accord" },
  { AGR, 5, "fr", "Fortement d'accord" },
  { LIK, 1, "fr", "Très improbable" },
  { LIK, 1, "fr", "Extrêmement improbable" },
  { LIK, 1, "fr", "Pas du tout probable" },
  { LIK, 2, "fr", "Plutôt improbable" },
  { LIK, 2, "fr", "Improbable" },
  { LIK, 2, "fr", "Peu probable" },
  { LIK, 3, "fr", "Ni probable ni improbable" },
  { LIK, 4, "fr", "Plutôt probable" },
  { LIK, 4, "fr", "Probable" },
  { LIK, 5, "fr", "Très probable" },
  { LIK, 5, "fr", "Extrêmement probable" },
  { QUA, 1, "fr", "Très mauvais" },
  { QUA, 1, "fr", "Très mauvaise" },
  { QUA, 2, "fr", "Mauvais" },
  { QUA, 2, "fr", "Mauvaise" },
  { QUA, 2, "fr", "Médiocre" },
  { QUA, 3, "fr", "Moyen" },
  { QUA, 3, "fr", "Moyenne" },
  { QUA, 3, "fr", "Passable" },
  { QUA, 4, "fr", "Bon" },
  { QUA, 4, "fr", "Bonne" },
  { QUA, 4, "fr", "Bien" },
  { QUA, 5, "fr", "Excellent" },
  { QUA, 5, "fr", "Excellente" },
  { QUA, 5, "fr", "Très bon" },
  { QUA, 5, "fr", "Très bonne" },
  { QUA, 5, "fr", "Très bien" },
  { NEU, 3, "fr", "Neutre" },

  /* Arabic (compared without harakat and tatweel, and with أ إ آ read as ا and ى as ي) */
  { SAT, 1, "ar", "غير راضٍ جدًا" },
  { SAT, 1, "ar", "غير راضٍ على الإطلاق" },
  { SAT, 1, "ar", "غير راضٍ إطلاقًا" },
  { SAT, 1, "ar", "غير راضية جدًا" },
  { SAT, 2, "ar", "غير راضٍ" },
  { SAT, 2, "ar", "غير راضي" },
  { SAT, 2, "ar", "غير راضية" },
  { SAT, 3, "ar", "لا راضٍ ولا غير راضٍ" },
  { SAT, 4, "ar", "راضٍ" },
  { SAT, 4, "ar", "راضي" },
  { SAT, 4, "ar", "راضية" },
  { SAT, 5, "ar", "راضٍ جدًا" },
  { SAT, 5, "ar", "راضي جدًا" },
  { SAT, 5, "ar", "راضية جدًا" },
  { SAT, 5, "ar", "راضٍ تمامًا" },
  { SAT, 5, "ar", "راضٍ للغاية" },
  { AGR, 1, "ar", "أعارض بشدة" },
  { AGR, 1, "ar", "غير موافق بشدة" },
  { AGR, 1, "ar", "لا أوافق بشدة" },
  { AGR, 1, "ar", "غير موافق على الإطلاق" },
  { AGR, 2, "ar", "أعارض" },
  { AGR, 2, "ar", "غير موافق" },
  { AGR, 2, "ar", "لا أوافق" },
  { AGR, 3, "ar", "لا أوافق ولا أعارض" },
  { AGR, 4, "ar", "أوافق" },
  { AGR, 4, "ar", "موافق" },
  { AGR, 5, "ar", "أوافق بشدة" },
  { AGR, 5, "ar", "موافق بشدة" },
  { AGR, 5, "ar", "موافق تمامًا" },
  { LIK, 1, "ar", "غير مرجح على الإطلاق" },
  { LIK, 1, "ar", "غير محتمل على الإطلاق" },
  { LIK, 1, "ar", "مستبعد جدًا" },
  { LIK, 2, "ar", "غير مرجح" },
  { LIK, 2, "ar", "غير محتمل" },
  { LIK, 2, "ar", "مستبعد" },
  { LIK, 3, "ar", "لا مرجح ولا غير مرجح" },
  { LIK, 4, "ar", "مرجح" },
  { LIK, 4, "ar", "محتمل" },
  { LIK, 5, "ar", "مرجح للغاية" },
  { LIK, 5, "ar", "مرجح جدًا" },
  { LIK, 5, "ar", "محتمل جدًا" },
  { QUA, 1, "ar", "سيئ جدًا" },
  { QUA, 1, "ar", "سيء جدًا" },
  { QUA, 1, "ar", "ضعيف جدًا" },
  { QUA, 2, "ar", "سيئ" },
  { QUA, 2, "ar", "سيء" },
  { QUA, 2, "ar", "ضعيف" },
  { QUA, 3, "ar", "مقبول" },
  { QUA, 3, "ar", "متوسط" },
  { QUA, 4, "ar", "جيد" },
  { QUA, 5, "ar", "ممتاز" },
  { QUA, 5, "ar", "جيد جدًا" },
  { NEU, 3, "ar", "محايد" },

  /* Russian (compared with ё read as е) */
  { SAT, 1, "ru", "Очень недоволен" },
  { SAT, 1, "ru", "Очень недовольна" },
  { SAT, 1, "ru", "Крайне недоволен" },
  { SAT, 1, "ru", "Полностью не удовлетворен" },
  { SAT, 1, "ru", "Совершенно не удовлетворен" },
  { SAT, 2, "ru", "Скорее недоволен" },
  { SAT, 2, "ru", "Скорее недовольна" },
  { SAT, 2, "ru", "Недоволен" },
  { SAT, 2, "ru", "Недовольна" },
  { SAT, 2, "ru", "Не удовлетворен" },
  { SAT, 2, "ru", "Скорее не удовлетворен" },
  { SAT, 3, "ru", "Ни доволен, ни недоволен" },
  { SAT, 3, "ru", "Ни довольна, ни недовольна" },
  { SAT, 4, "ru", "Скорее доволен" },
  { SAT, 4, "ru", "Скорее довольна" },
  { SAT, 4, "ru", "Доволен" },
  { SAT, 4, "ru", "Довольна" },
  { SAT, 4, "ru", "Удовлетворен" },
  { SAT, 4, "ru", "Удовлетворена" },
  { SAT, 4, "ru", "Скорее удовлетворен" },
  { SAT, 5, "ru", "Очень доволен" },
  { SAT, 5, "ru", "Очень довольна" },
  { SAT, 5, "ru", "Крайне доволен" },
  { SAT, 5, "ru", "Полностью удовлетворен" },
  { SAT, 5, "ru", "Полностью удовлетворена" },
  { SAT, 5, "ru", "Совершенно удовлетворен" },
  { AGR, 1, "ru", "Полностью не согласен" },
  { AGR, 1, "ru", "Полностью не согласна" },
  { AGR, 1, "ru", "Совершенно не согласен" },
  { AGR, 1, "ru", "Категорически не согласен" },
  { AGR, 2, "ru", "Скорее не согласен" },
  { AGR, 2, "ru", "Скорее не согласна" },
  { AGR, 2, "ru", "Не согласен" },
  { AGR, 2, "ru", "Не согласна" },
  { AGR, 3, "ru", "Ни согласен, ни не согласен" },
  { AGR, 3, "ru", "Ни согласна, ни не согласна" },
  { AGR, 4, "ru", "Скорее согласен" },
  { AGR, 4, "ru", "Скорее согласна" },
  { AGR, 4, "ru", "Согласен" },
  { AGR, 4, "ru", "Согласна" },
  { AGR, 5, "ru", "Полностью согласен" },
  { AGR, 5, "ru", "Полностью согласна" },
  { AGR, 5, "ru", "Совершенно согласен" },
  { LIK, 1, "ru", "Крайне маловероятно" },
  { LIK, 1, "ru", "Очень маловероятно" },
  { LIK, 1, "ru", "Совсем маловероятно" },
  { LIK, 2, "ru", "Скорее маловероятно" },
  { LIK, 2, "ru", "Маловероятно" },
  { LIK, 3, "ru", "Ни вероятно, ни маловероятно" },
  { LIK, 4, "ru", "Скорее вероятно" },
  { LIK, 4, "ru", "Вероятно" },
  { LIK, 5, "ru", "Крайне вероятно" },
  { LIK, 5, "ru", "Очень вероятно" },
  { QUA, 1, "ru", "Очень плохо" },
  { QUA, 1, "ru", "Очень плохой" },
  { QUA, 1, "ru", "Очень плохое" },
  { QUA, 2, "ru", "Плохо" },
  { QUA, 2, "ru", "Плохой" },
  { QUA, 2, "ru", "Плохое" },
  { QUA, 3, "ru", "Удовлетворительно" },
  { QUA, 3, "ru", "Средне" },
  { QUA, 4, "ru", "Хорошо" },
  { QUA, 4, "ru", "Хороший" },
  { QUA, 4, "ru", "Хорошее" },
  { QUA, 5, "ru", "Отлично" },
  { QUA, 5, "ru", "Отличный" },
  { QUA, 5, "ru", "Отличное" },
  { QUA, 5, "ru", "Очень хорошо" },
  { NEU, 3, "ru", "Нейтрально" },

  /* Spanish */
  { SAT, 1, "es", "Muy insatisfecho" },
  { SAT, 1, "es", "Muy insatisfecha" },
  { SAT, 1, "es", "Extremadamente insatisfecho" },
  { SAT, 1, "es", "Nada satisfecho" },
  { SAT, 1, "es", "Nada satisfecha" },
  { SAT, 2, "es", "Insatisfecho" },
  { SAT, 2, "es", "Insatisfecha" },
  { SAT, 2, "es", "Algo insatisfecho" },
  { SAT, 2, "es", "Poco satisfecho" },
  { SAT, 3, "es", "Ni satisfecho ni insatisfecho" },
  { SAT, 3, "es", "Ni satisfecha ni insatisfecha" },
  { SAT, 4, "es", "Satisfecho" },
  { SAT, 4, "es", "Satisfecha" },
  { SAT, 4, "es", "Algo satisfecho" },
  { SAT, 4, "es", "Bastante satisfecho" },
  { SAT, 5, "es", "Muy satisfecho" },
  { SAT, 5, "es", "Muy satisfecha" },
  { SAT, 5, "es", "Extremadamente satisfecho" },
  { SAT, 5, "es", "Totalmente satisfecho" },
  { AGR, 1, "es", "Totalmente en desacuerdo" },
  { AGR, 1, "es", "Muy en desacuerdo" },
  { AGR, 2, "es", "En desacuerdo" },
  { AGR, 2, "es", "Algo en desacuerdo" },
  { AGR, 3, "es", "Ni de acuerdo ni en desacuerdo" },
  { AGR, 4, "es", "De acuerdo" },
  { AGR, 4, "es", "Algo de acuerdo" },
  { AGR, 5, "es", "Totalmente de acuerdo" },
  { AGR, 5, "es", "Muy de acuerdo" },
  { LIK, 1, "es", "Muy improbable" },
  { LIK, 1, "es", "Extremadamente improbable" },
  { LIK, 1, "es", "Nada probable" },
  { LIK, 2, "es", "Improbable" },
  { LIK, 2, "es", "Poco probable" },
  { LIK, 3, "es", "Ni probable ni improbable" },
  { LIK, 4, "es", "Probable" },
  { LIK, 4, "es", "Algo probable" },
  { LIK, 5, "es", "Muy probable" },
  { LIK, 5, "es", "Extremadamente probable" },
  { QUA, 1, "es", "Muy malo" },
  { QUA, 1, "es", "Muy mala" },
  { QUA, 1, "es", "Pésimo" },
  { QUA, 2, "es", "Malo" },
  { QUA, 2, "es", "Mala" },
  { QUA, 2, "es", "Deficiente" },
  { QUA, 3, "es", "Regular" },
  { QUA, 3, "es", "Aceptable" },
  { QUA, 4, "es", "Bueno" },
  { QUA, 4, "es", "Buena" },
  { QUA, 5, "es", "Excelente" },
  { QUA, 5, "es", "Muy bueno" },
  { QUA, 5, "es", "Muy buena" },
  { NEU, 3, "es", "Neutral" },
  { NEU, 3, "es", "Neutro" },
};

#undef SAT
#undef AGR
#undef LIK
#undef QUA
#undef NEU

static const char * const label_scale_names[LIKERT_N_LABEL_SCALES] = {
  NULL, "satisfaction", "agreement", "likelihood", "quality", "neutral",
};

/* Normalised keys are short; anything longer is not a label. */
#define KEY_MAX 160
/* Cells longer than this (trimmed) are not labels or mixed forms: a fast reject for comments. */
#define CELL_LABEL_MAX 320

#define LABEL_SLOTS 1024  /* a power of two, several times the number of labels */
#define LABEL_POOL 16384

typedef struct
{
  guint16 offset;  /* in label_pool */
  guint8  length;  /* 0 = empty slot */
  guint8  scale;
  guint8  value;
} LabelSlot;

static LabelSlot label_slots[LABEL_SLOTS];
static char label_pool[LABEL_POOL];

/* Latin-1 letters U+00C0–U+00FF without their accents, in lower case (NULL: kept as they are). */
static const char * const latin1_fold[64] = {
  "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
  "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "ss",
  "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
  "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", NULL, "y",
};

/* English and French month names, full and abbreviated, with and without accents. */
static const struct
{
  const char *name;
  guint8      month;
} month_names[] = {
  { "january", 1 }, { "jan", 1 }, { "janvier", 1 }, { "janv", 1 },
  { "february", 2 }, { "feb", 2 }, { "février", 2 }, { "fevrier", 2 }, { "févr", 2 },
  { "fevr", 2 }, { "fév", 2 }, { "fev", 2 },
  { "march", 3 }, { "mar", 3 }, { "mars", 3 },
  { "april", 4 }, { "apr", 4 }, { "avril", 4 }, { "avr", 4 },
  { "may", 5 }, { "mai", 5 },
  { "june", 6 }, { "jun", 6 }, { "juin", 6 },
  { "july", 7 }, { "jul", 7 }, { "juillet", 7 }, { "juil", 7 },
  { "august", 8 }, { "aug", 8 }, { "août", 8 }, { "aout", 8 },
  { "september", 9 }, { "sep", 9 }, { "sept", 9 }, { "septembre", 9 },
  { "october", 10 }, { "oct", 10 }, { "octobre", 10 },
  { "november", 11 }, { "nov", 11 }, { "novembre", 11 },
  { "december", 12 }, { "dec", 12 }, { "décembre", 12 }, { "decembre", 12 }, { "déc", 12 },
};

/* ------------------------------------------------------------------------------------------------
 * Helpers: spaces, digits, UTF-8
 */

static inline gboolean
is_ascii_digit (guchar c)
{
  return c >= '0' && c <= '9';
}

static inline gboolean
is_ascii_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips spaces (ASCII and U+00A0) forwards. */
static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end)
    {
      if (is_ascii_space ((guchar) *p))
        p++;
      else if (end - p >= 2 && (guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        p += 2;
      else
        break;
    }
  return p;
}

/* Moves end back over spaces (ASCII and U+00A0). */
static const char *
trim_end (const char *start,
          const char *end)
{
  while (end > start)
    {
      if (is_ascii_space ((guchar) end[-1]))
        end--;
      else if (end - start >= 2 && (guchar) end[-2] == 0xC2 && (guchar) end[-1] == 0xA0)
        end -= 2;
      else
        break;
    }
  return end;
}

/* One decimal digit, ASCII or Arabic-Indic (U+0660–U+0669, U+06F0–U+06F9): its value, and p moved
 * past it; -1 when there is none. */
static inline int
read_digit (const char **pp,
            const char  *end)
{
  const guchar *p = (const guchar *) *pp;

  if (p < (const guchar *) end && is_ascii_digit (*p))
    {
      *pp += 1;
      return *p - '0';
    }
  if ((const guchar *) end - p >= 2)
    {
      if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9)
        {
          *pp += 2;
          return p[1] - 0xA0;
        }
      if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9)
        {
          *pp += 2;
          return p[1] - 0xB0;
        }
    }
  return -1;
}

/* The digit just before end, ASCII or Arabic-Indic; -1 when there is none. */
static inline int
read_digit_backwards (const char  *start,
                      const char **pend)
{
  const guchar *e = (const guchar *) *pend;

  if (e > (const guchar *) start && is_ascii_digit (e[-1]))
    {
      *pend -= 1;
      return e[-1] - '0';
    }
  if (e - (const guchar *) start >= 2)
    {
      if (e[-2] == 0xD9 && e[-1] >= 0xA0 && e[-1] <= 0xA9)
        {
          *pend -= 2;
          return e[-1] - 0xA0;
        }
      if (e[-2] == 0xDB && e[-1] >= 0xB0 && e[-1] <= 0xB9)
        {
          *pend -= 2;
          return e[-1] - 0xB0;
        }
    }
  return -1;
}

static inline gboolean
starts_with_digit (const char *p,
                   const char *end)
{
  return read_digit (&p, end) >= 0;
}

static inline gboolean
ends_with_digit (const char *start,
                 const char *end)
{
  return read_digit_backwards (start, &end) >= 0;
}

/* Up to max_digits digits; returns how many were read (0: none, p unchanged). */
static guint
read_number (const char **pp,
             const char  *end,
             guint        max_digits,
             int         *value)
{
  guint n = 0;
  int v = 0;
  int d;

  while (n < max_digits && (d = read_digit (pp, end)) >= 0)
    {
      v = v * 10 + d;
      n++;
    }
  *value = v;
  return n;
}

/* A dash used as a separator: "-", U+2013, U+2014; returns its length in bytes or 0. */
static inline gsize
dash_length (const char *p,
             const char *end)
{
  if (p < end && *p == '-')
    return 1;
  if (end - p >= 3 && (guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 &&
      ((guchar) p[2] == 0x93 || (guchar) p[2] == 0x94))
    return 3;
  return 0;
}

/* Decodes one UTF-8 sequence of 2–4 bytes at p; returns its length, 0 when it is invalid. */
static gsize
decode_utf8 (const guchar *p,
             const guchar *end,
             gunichar     *cp)
{
  gsize n;
  gunichar c;

  if (p[0] >= 0xC2 && p[0] <= 0xDF)
    {
      n = 2;
      c = p[0] & 0x1F;
    }
  else if (p[0] >= 0xE0 && p[0] <= 0xEF)
    {
      n = 3;
      c = p[0] & 0x0F;
    }
  else if (p[0] >= 0xF0 && p[0] <= 0xF4)
    {
      n = 4;
      c = p[0] & 0x07;
    }
  else
    return 0;

  if ((gsize) (end - p) < n)
    return 0;
  for (gsize i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        return 0;
      c = (c << 6) | (p[i] & 0x3F);
    }
  *cp = c;
  return n;
}

/* ------------------------------------------------------------------------------------------------
 * Label keys
 */

typedef struct
{
  char  *out;
  gsize  length;
  gsize  size;
  gboolean pending_space;
} KeyWriter;

static inline gboolean
key_put (KeyWriter  *w,
         const char *bytes,
         gsize       n)
{
  if (w->pending_space)
    {
      if (w->length + 1 > w->size)
        return FALSE;
      w->out[w->length++] = ' ';
      w->pending_space = FALSE;
    }
  if (w->length + n > w->size)
    return FALSE;
  memcpy (w->out + w->length, bytes, n);
  w->length += n;
  return TRUE;
}

static inline gboolean
key_put_unichar (KeyWriter *w,
                 gunichar   c)
{
  char buffer[4];
  gsize n;

  if (c < 0x80)
    {
      buffer[0] = (char) c;
      n = 1;
    }
  else if (c < 0x800)
    {
      buffer[0] = (char) (0xC0 | (c >> 6));
      buffer[1] = (char) (0x80 | (c & 0x3F));
      n = 2;
    }
  else if (c < 0x10000)
    {
      buffer[0] = (char) (0xE0 | (c >> 12));
      buffer[1] = (char) (0x80 | ((c >> 6) & 0x3F));
      buffer[2] = (char) (0x80 | (c & 0x3F));
      n = 3;
    }
  else
    {
      buffer[0] = (char) (0xF0 | (c >> 18));
      buffer[1] = (char) (0x80 | ((c >> 12) & 0x3F));
      buffer[2] = (char) (0x80 | ((c >> 6) & 0x3F));
      buffer[3] = (char) (0x80 | (c & 0x3F));
      n = 4;
    }
  return key_put (w, buffer, n);
}

static inline void
key_space (KeyWriter *w)
{
  if (w->length > 0)
    w->pending_space = TRUE;
}

/* Writes the comparison key of text[0..end) into out (size bytes, not NUL-terminated): lower case,
 * Latin accents and combining marks removed, Arabic harakat (U+064B–U+0652, U+0670) and tatweel
 * (U+0640) removed, أ إ آ → ا, ى → ي, ё → е, typographic apostrophes → ', spaces and commas → one
 * space, no trailing ".", "!" or space. Returns the key's length, or -1 when it does not fit or the
 * text is not valid UTF-8. */
static int
label_key (const char *text,
           const char *end,
           char       *out,
           gsize       size)
{
  KeyWriter w = { out, 0, size, FALSE };
  const guchar *p = (const guchar *) text;
  const guchar *e = (const guchar *) end;

  while (p < e)
    {
      guchar c = *p;
      gunichar cp;
      gsize n;

      if (c < 0x80)
        {
          char lower;

          p++;
          if (is_ascii_space (c) || c == ',')
            {
              key_space (&w);
              continue;
            }
          lower = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c == '`' ? '\'' : c);
          if (!key_put (&w, &lower, 1))
            return -1;
          continue;
        }

      n = decode_utf8 (p, e, &cp);
      if (n == 0)
        return -1;
      p += n;

      if (cp >= 0xC0 && cp <= 0xFF)
        {
          const char *folded = latin1_fold[cp - 0xC0];

          if (folded != NULL ? !key_put (&w, folded, strlen (folded)) : !key_put_unichar (&w, cp))
            return -1;
          continue;
        }

      switch (cp)
        {
        case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
        case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
        case 0x202F: case 0x3000:
          key_space (&w);
          continue;
        case 0x00AD: case 0x061C: case 0x200B: case 0x200C: case 0x200D: case 0x200E:
        case 0x200F: case 0x202A: case 0x202B: case 0x202C: case 0x202D: case 0x202E:
        case 0x2066: case 0x2067: case 0x2068: case 0x2069: case 0xFEFF:
        case 0x0640: case 0x0670:
          continue;
        case 0x00B4: case 0x02BC: case 0x2018: case 0x2019:
          cp = '\'';
          break;
        case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
          cp = '-';
          break;
        case 0x0152: case 0x0153:
          if (!key_put (&w, "oe", 2))
            return -1;
          continue;
        case 0x0622: case 0x0623: case 0x0625:
          cp = 0x0627;
          break;
        case 0x0649:
          cp = 0x064A;
          break;
        case 0x0401: case 0x0451:
          cp = 0x0435;
          break;
        default:
          if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x064B && cp <= 0x0652))
            continue;
          if (cp >= 0x0400 && cp <= 0x040F)
            cp += 0x50;
          else if (cp >= 0x0410 && cp <= 0x042F)
            cp += 0x20;
          break;
        }
      if (!key_put_unichar (&w, cp))
        return -1;
    }

  while (w.length > 0 && (out[w.length - 1] == '.' || out[w.length - 1] == '!'))
    w.length--;
  while (w.length > 0 && out[w.length - 1] == ' ')
    w.length--;
  return (int) w.length;
}

static inline guint32
key_hash (const char *key,
          gsize       length)
{
  guint32 h = 2166136261u;

  for (gsize i = 0; i < length; i++)
    h = (h ^ (guchar) key[i]) * 16777619u;
  return h;
}

static void
build_label_table (void)
{
  gsize pool_used = 0;

  for (guint i = 0; i < G_N_ELEMENTS (known_labels); i++)
    {
      const KnownLabel *known = &known_labels[i];
      char key[KEY_MAX];
      int length = label_key (known->label, known->label + strlen (known->label), key, sizeof key);
      guint32 slot;

      if (length <= 0 || length > G_MAXUINT8 || pool_used + (gsize) length > LABEL_POOL)
        g_error ("label table: \"%s\" does not fit", known->label);

      for (slot = key_hash (key, (gsize) length) & (LABEL_SLOTS - 1);
           label_slots[slot].length != 0;
           slot = (slot + 1) & (LABEL_SLOTS - 1))
        {
          const LabelSlot *s = &label_slots[slot];

          if (s->length == length && memcmp (label_pool + s->offset, key, (gsize) length) == 0)
            break;
        }

      if (label_slots[slot].length != 0)
        {
          /* The same wording in two languages ("Excellent", "Probable"): fine if it means the
           * same; a conflict is a mistake in the table, which the tests catch. */
          if (label_slots[slot].scale != known->scale || label_slots[slot].value != known->value)
            g_critical ("label table: \"%s\" is listed with two meanings", known->label);
          continue;
        }

      memcpy (label_pool + pool_used, key, (gsize) length);
      label_slots[slot].offset = (guint16) pool_used;
      label_slots[slot].length = (guint8) length;
      label_slots[slot].scale = known->scale;
      label_slots[slot].value = known->value;
      pool_used += (gsize) length;
    }
}

static inline void
ensure_label_table (void)
{
  static gsize built = 0;

  if (g_once_init_enter (&built))
    {
      build_label_table ();
      g_once_init_leave (&built, 1);
    }
}

/* Looks up text[0..end) (already trimmed) as a known label. */
static gboolean
lookup_label (const char *text,
              const char *end,
              int        *value,
              guint      *scale)
{
  char key[KEY_MAX];
  int length;
  guint32 slot;

  if (end - text > CELL_LABEL_MAX || text == end)
    return FALSE;
  length = label_key (text, end, key, sizeof key);
  if (length <= 0)
    return FALSE;

  ensure_label_table ();
  for (slot = key_hash (key, (gsize) length) & (LABEL_SLOTS - 1);
       label_slots[slot].length != 0;
       slot = (slot + 1) & (LABEL_SLOTS - 1))
    {
      const LabelSlot *s = &label_slots[slot];

      if (s->length == length && memcmp (label_pool + s->offset, key, (gsize) length) == 0)
        {
          *value = s->value;
          *scale = s->scale;
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------------
 * Cells
 */

static gboolean
is_missing (const char *s,
            const char *e)
{
  gsize n = (gsize) (e - s);
  char lower[5];

  if (n == 0)
    return TRUE;
  if (n == 1)
    return s[0] == '-';
  if (n == 2 && s[0] == '-' && s[1] == '-')
    return TRUE;
  if (n == 3 && dash_length (s, e) == 3)
    return TRUE;
  if (n > 4)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    lower[i] = g_ascii_tolower (s[i]);
  lower[n] = '\0';
  return strcmp (lower, "na") == 0 || strcmp (lower, "n/a") == 0 || strcmp (lower, "n.a.") == 0 ||
         strcmp (lower, "n.a") == 0 || strcmp (lower, "#n/a") == 0;
}

/* A number, alone: INT, DECIMAL, or neither (TEXT). */
static LikertCellKind
classify_number (const char *s,
                 const char *e,
                 int        *value)
{
  const char *p = s;
  gboolean negative = FALSE;
  guint n_int, n_frac = 0;
  int v;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  n_int = read_number (&p, e, 9, &v);
  if (n_int == 9 && starts_with_digit (p, e))
    return LIKERT_CELL_TEXT;  /* too long for a rating: an id, a phone number */
  if (p == e)
    {
      if (n_int == 0)
        return LIKERT_CELL_TEXT;
      *value = negative ? -v : v;
      return LIKERT_CELL_INT;
    }

  if (*p == '.' || *p == ',')
    p++;
  else if (e - p >= 2 && (guchar) p[0] == 0xD9 && (guchar) p[1] == 0xAB)  /* U+066B ٫ */
    p += 2;
  else
    return LIKERT_CELL_TEXT;

  while (p < e && read_digit (&p, e) >= 0)
    n_frac++;
  if (p == e && n_frac > 0)
    return LIKERT_CELL_DECIMAL;
  return LIKERT_CELL_TEXT;
}

/* "5 - label", "5. label", "5: label", "5) label", "(5) label", "[5] label", and, unless
 * need_separator is set, "5 label". */
static gboolean
split_prefix (const char  *s,
              const char  *e,
              gboolean     need_separator,
              int         *value,
              const char **label,
              const char **label_end)
{
  const char *p = s, *q;
  char close = 0;
  gboolean separated = FALSE, spaced;
  gsize dash;
  int v;

  if (*p == '(' || *p == '[')
    {
      close = *p == '(' ? ')' : ']';
      p = skip_spaces (p + 1, e);
    }
  if (read_number (&p, e, 3, &v) == 0)
    return FALSE;
  if (close != 0)
    {
      p = skip_spaces (p, e);
      if (p == e || *p != close)
        return FALSE;
      p++;
      separated = TRUE;
    }

  q = skip_spaces (p, e);
  spaced = q > p;
  p = q;
  if (p < e && (*p == '.' || *p == ':' || *p == ')' || *p == '='))
    {
      p = skip_spaces (p + 1, e);
      separated = TRUE;
    }
  else if ((dash = dash_length (p, e)) > 0)
    {
      p = skip_spaces (p + dash, e);
      separated = TRUE;
    }

  if (spaced && !need_separator)
    separated = TRUE;

  /* The label is text: "5.5" or "5 6" are not a number and a label. */
  if (!separated || p == e || *p == '.' || *p == ',' || starts_with_digit (p, e))
    return FALSE;

  *value = v;
  *label = p;
  *label_end = e;
  return TRUE;
}

/* "label (5)", "label [5]", "label - 5", "label: 5", "label = 5". */
static gboolean
split_suffix (const char  *s,
              const char  *e,
              int         *value,
              const char **label,
              const char **label_end)
{
  const char *p = e;
  char open = 0;
  int v = 0, scale = 1, d;
  guint n = 0;

  if (p[-1] == ')' || p[-1] == ']')
    {
      open = p[-1] == ')' ? '(' : '[';
      p = trim_end (s, p - 1);
    }
  while (n < 3 && (d = read_digit_backwards (s, &p)) >= 0)
    {
      v += d * scale;
      scale *= 10;
      n++;
    }
  if (n == 0)
    return FALSE;

  p = trim_end (s, p);
  if (open != 0)
    {
      if (p == s || p[-1] != open)
        return FALSE;
      p--;
    }
  else if (p > s && (p[-1] == '-' || p[-1] == ':' || p[-1] == '='))
    p--;
  else if (p - s >= 3 && dash_length (p - 3, p) == 3)
    p -= 3;
  else
    return FALSE;

  p = trim_end (s, p);
  if (p == s || ends_with_digit (s, p))
    return FALSE;

  *value = v;
  *label = s;
  *label_end = p;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------
 * Times
 */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
valid_date (int y,
            int m,
            int d)
{
  static const guint8 days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int days;

  if (y < 1 || m < 1 || m > 12 || d < 1)
    return FALSE;
  days = days_in_month[m - 1];
  if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
    days = 29;
  return d <= days;
}

/* Exactly n ASCII digits. */
static gboolean
read_fixed (const char **pp,
            const char  *end,
            guint        n,
            int         *value)
{
  const char *p = *pp;
  int v = 0;

  if ((gsize) (end - p) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!is_ascii_digit ((guchar) p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  if (p + n < end && is_ascii_digit ((guchar) p[n]))
    return FALSE;
  *pp = p + n;
  *value = v;
  return TRUE;
}

/* 1 to max ASCII digits, and no more. */
static gboolean
read_ascii_number (const char **pp,
                   const char  *end,
                   guint        max,
                   int         *value)
{
  const char *p = *pp;
  int v = 0;
  guint n = 0;

  while (p < end && is_ascii_digit ((guchar) *p))
    {
      if (++n > max)
        return FALSE;
      v = v * 10 + (*p++ - '0');
    }
  if (n == 0)
    return FALSE;
  *pp = p;
  *value = v;
  return TRUE;
}

/* A month name (English or French, any case; an abbreviation may end with "."). */
static gboolean
read_month_name (const char **pp,
                 const char  *end,
                 int         *month)
{
  const char *p = *pp;
  char word[16];
  gsize n = 0;

  while (p < end && (g_ascii_isalpha (*p) || (guchar) *p >= 0x80))
    {
      guchar c = (guchar) *p;

      if (n + 1 >= sizeof word)
        return FALSE;
      if (c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
      else if (n > 0 && (guchar) word[n - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        c += 0x20;  /* É → é, Û → û */
      word[n++] = (char) c;
      p++;
    }
  word[n] = '\0';
  if (n == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (word, month_names[i].name) == 0)
      {
        if (p < end && *p == '.')
          p++;
        *pp = p;
        *month = month_names[i].month;
        return TRUE;
      }
  return FALSE;
}

/* The date at the start of [p, end): its fields and the shape it had. */
typedef enum
{
  DATE_NONE,
  DATE_YEAR_FIRST,   /* 2024-03-05, 2024/03/05 */
  DATE_YEAR_LAST,    /* 05/03/2024 — a and b need an order */
  DATE_MONTH_NAME,   /* March 5, 2024; 5 mars 2024 */
} DateShape;

typedef struct
{
  DateShape shape;
  int       year;
  int       a;  /* year first: month; year last: first field; month name: month */
  int       b;  /* year first: day; year last: second field; month name: day */
} DateParts;

static gboolean
read_date (const char **pp,
           const char  *end,
           DateParts   *date)
{
  const char *p = *pp;
  int n1;

  if (p < end && g_ascii_isalpha (*p))
    {
      /* "March 5, 2024", "Mar 5 2024", "March 5th, 2024" */
      if (!read_month_name (&p, end, &date->a))
        return FALSE;
      if (p == end || !is_ascii_space ((guchar) *p))
        return FALSE;
      p = skip_spaces (p, end);
      if (!read_ascii_number (&p, end, 2, &date->b))
        return FALSE;
      if (end - p >= 2 && g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]))
        {
          char s0 = g_ascii_tolower (p[0]), s1 = g_ascii_tolower (p[1]);

          if ((s0 == 's' && s1 == 't') || (s0 == 'n' && s1 == 'd') || (s0 == 'r' && s1 == 'd') ||
              (s0 == 't' && s1 == 'h'))
            p += 2;
        }
      if (p < end && *p == ',')
        p++;
      if (p == end || !is_ascii_space ((guchar) *p))
        return FALSE;
      p = skip_spaces (p, end);
      if (!read_fixed (&p, end, 4, &date->year))
        return FALSE;
      date->shape = DATE_MONTH_NAME;
      *pp = p;
      return TRUE;
    }

  if (!read_ascii_number (&p, end, 4, &n1))
    return FALSE;

  if (p - *pp == 4)
    {
      /* "2024-03-05", "2024/03/05" */
      char sep;

      if (p == end || (*p != '-' && *p != '/'))
        return FALSE;
      sep = *p++;
      if (!read_ascii_number (&p, end, 2, &date->a) || p == end || *p != sep)
        return FALSE;
      p++;
      if (!read_ascii_number (&p, end, 2, &date->b))
        return FALSE;
      date->year = n1;
      date->shape = DATE_YEAR_FIRST;
      *pp = p;
      return TRUE;
    }

  if (p - *pp > 2 || p == end)
    return FALSE;

  if (*p == '/' || *p == '.' || *p == '-')
    {
      /* "05/03/2024", "5.3.2024", "05-03-2024" */
      char sep = *p++;

      if (!read_ascii_number (&p, end, 2, &date->b) || p == end || *p != sep)
        return FALSE;
      p++;
      if (!read_fixed (&p, end, 4, &date->year))
        return FALSE;
      date->a = n1;
      date->shape = DATE_YEAR_LAST;
      *pp = p;
      return TRUE;
    }

  /* "5 March 2024", "5 mars 2024", "1er mars 2024" */
  if (end - p >= 2 && n1 == 1 && p[0] == 'e' && p[1] == 'r')
    p += 2;
  if (p == end || !is_ascii_space ((guchar) *p))
    return FALSE;
  p = skip_spaces (p, end);
  if (!read_month_name (&p, end, &date->a))
    return FALSE;
  if (p == end || !is_ascii_space ((guchar) *p))
    return FALSE;
  p = skip_spaces (p, end);
  if (!read_fixed (&p, end, 4, &date->year))
    return FALSE;
  date->b = n1;
  date->shape = DATE_MONTH_NAME;
  *pp = p;
  return TRUE;
}

/* "AM", "pm", "a.m.", "P.M." */
static gboolean
read_meridiem (const char **pp,
               const char  *end,
               gboolean    *pm)
{
  const char *p = *pp;
  char c;

  if (p == end)
    return FALSE;
  c = g_ascii_tolower (*p);
  if (c != 'a' && c != 'p')
    return FALSE;
  p++;
  if (p < end && *p == '.')
    p++;
  if (p == end || g_ascii_tolower (*p) != 'm')
    return FALSE;
  p++;
  if (p < end && *p == '.')
    p++;
  if (p < end && g_ascii_isalnum (*p))
    return FALSE;
  *pm = c == 'p';
  *pp = p;
  return TRUE;
}

/* "+01:00", "+0100", "+01", "+1", "-03:30" → seconds east of UTC. */
static gboolean
read_offset (const char **pp,
             const char  *end,
             int         *offset)
{
  const char *p = *pp;
  const char *hours_start;
  int sign, h, m = 0;

  if (p == end || (*p != '+' && *p != '-'))
    return FALSE;
  sign = *p++ == '-' ? -1 : 1;
  hours_start = p;
  if (!read_ascii_number (&p, end, 4, &h))
    return FALSE;
  if (p - hours_start == 4)
    {
      m = h % 100;
      h /= 100;
    }
  else if (p - hours_start == 3)
    return FALSE;
  else if (p < end && *p == ':')
    {
      p++;
      if (!read_fixed (&p, end, 2, &m))
        return FALSE;
    }
  if (h > 14 || m > 59)
    return FALSE;
  *offset = sign * (h * 3600 + m * 60);
  *pp = p;
  return TRUE;
}

static gboolean
parse_time_parts (const char      *text,
                  LikertDateOrder  order,
                  DateParts       *date,
                  gint64          *utc_seconds)
{
  const char *end = text + strlen (text);
  const char *s = skip_spaces (text, end);
  const char *e = trim_end (s, end);
  const char *p = s;
  int year, month, day;
  int hour = 0, minute = 0, second = 0, offset = 0;

  if (!read_date (&p, e, date))
    return FALSE;

  year = date->year;
  switch (date->shape)
    {
    case DATE_YEAR_FIRST:
    case DATE_MONTH_NAME:
      month = date->a;
      day = date->b;
      break;
    case DATE_YEAR_LAST:
      if (order == LIKERT_DATE_ORDER_DMY)
        {
          day = date->a;
          month = date->b;
        }
      else if (order == LIKERT_DATE_ORDER_MDY)
        {
          month = date->a;
          day = date->b;
        }
      else
        return FALSE;
      break;
    case DATE_NONE:
    default:
      return FALSE;
    }
  if (!valid_date (year, month, day))
    return FALSE;

  if (p < e)
    {
      gboolean pm = FALSE, meridiem;
      const char *before;

      /* "T", ", " or spaces, and the French "à" */
      if (*p == 'T' && date->shape == DATE_YEAR_FIRST)
        p++;
      else
        {
          if (*p == ',')
            p++;
          before = p;
          p = skip_spaces (p, e);
          if (p == before)
            return FALSE;
          if (e - p >= 3 && (guchar) p[0] == 0xC3 && (guchar) p[1] == 0xA0 && p[2] == ' ')
            p = skip_spaces (p + 2, e);
        }

      if (!read_ascii_number (&p, e, 2, &hour) || p == e || *p != ':')
        return FALSE;
      p++;
      if (!read_fixed (&p, e, 2, &minute))
        return FALSE;
      if (p < e && *p == ':')
        {
          p++;
          if (!read_fixed (&p, e, 2, &second))
            return FALSE;
          if (p < e && (*p == '.' || *p == ',') && p + 1 < e && is_ascii_digit ((guchar) p[1]))
            {
              p++;
              while (p < e && is_ascii_digit ((guchar) *p))
                p++;
            }
        }

      before = p;
      p = skip_spaces (p, e);
      meridiem = read_meridiem (&p, e, &pm);
      if (!meridiem)
        p = before;

      if (minute > 59 || second > 59)
        return FALSE;
      if (meridiem)
        {
          if (hour < 1 || hour > 12)
            return FALSE;
          hour = hour % 12 + (pm ? 12 : 0);
        }
      else if (hour > 23)
        return FALSE;

      /* The zone: "Z", "+01:00", " UTC", " GMT+1" */
      before = p;
      p = skip_spaces (p, e);
      if (p < e)
        {
          if (*p == 'Z' && p == before)
            p++;
          else if (*p == '+' || *p == '-')
            {
              if (!read_offset (&p, e, &offset))
                return FALSE;
            }
          else if (e - p >= 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0 ||
                                  g_ascii_strncasecmp (p, "GMT", 3) == 0))
            {
              p += 3;
              if (p < e && (*p == '+' || *p == '-') && !read_offset (&p, e, &offset))
                return FALSE;
            }
          else
            return FALSE;
        }
    }

  if (p != e)
    return FALSE;

  *utc_seconds = days_from_civil (year, (guint) month, (guint) day) * 86400 +
                 hour * 3600 + minute * 60 + second - offset;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------
 * Public API
 */

gboolean
likert_scale_parse_int (const char *text,
                        int        *value)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 v = 0;
  guint digits = 0;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');
  while (*p >= '0' && *p <= '9' && digits < 9)
    {
      v = v * 10 + (*p++ - '0');
      digits++;
    }
  while (*p == ' ' || *p == '\t')
    p++;
  if (digits == 0 || *p != '\0')
    return FALSE;
  *value = (int) (negative ? -v : v);
  return TRUE;
}

gboolean
likert_scale_parse_label (const char *text,
                          int        *value)
{
  const char *s, *e;
  guint scale;
  int v;

  e = text + strlen (text);
  s = skip_spaces (text, e);
  e = trim_end (s, e);

  /* Fast reject: labels start with a letter. */
  if (s == e || (guchar) *s < 'A')
    return FALSE;
  if (!lookup_label (s, e, &v, &scale))
    return FALSE;
  *value = v;
  return TRUE;
}

LikertCellKind
likert_scale_classify (const char *cell,
                       int        *value,
                       guint      *label_scale)
{
  const char *s, *e, *label, *label_end;
  LikertCellKind kind;
  guint scale = LIKERT_LABEL_SCALE_NONE;
  int v = 0, label_value;
  guchar first, last;

  if (value != NULL)
    *value = 0;
  if (label_scale != NULL)
    *label_scale = LIKERT_LABEL_SCALE_NONE;

  e = cell + strlen (cell);
  s = skip_spaces (cell, e);
  e = trim_end (s, e);
  if (is_missing (s, e))
    return LIKERT_CELL_MISSING;

  first = (guchar) *s;
  last = (guchar) e[-1];
  if (is_ascii_digit (first) || first == '-' || first == '+' || first == '.' || first == ',' ||
      starts_with_digit (s, e))
    {
      kind = classify_number (s, e, &v);
      if (kind != LIKERT_CELL_TEXT)
        {
          if (value != NULL)
            *value = v;
          return kind;
        }
    }

  if (e - s > CELL_LABEL_MAX)
    return LIKERT_CELL_TEXT;

  kind = LIKERT_CELL_TEXT;
  if ((is_ascii_digit (first) || first == '(' || first == '[' || starts_with_digit (s, e)) &&
      split_prefix (s, e, FALSE, &v, &label, &label_end))
    {
      if (lookup_label (label, label_end, &label_value, &scale))
        kind = LIKERT_CELL_MIXED;
    }
  else if (lookup_label (s, e, &v, &scale))
    kind = LIKERT_CELL_LABEL;
  else if ((last == ')' || last == ']' || ends_with_digit (s, e)) &&
           split_suffix (s, e, &v, &label, &label_end) &&
           lookup_label (label, label_end, &label_value, &scale))
    kind = LIKERT_CELL_MIXED;

  if (kind == LIKERT_CELL_TEXT)
    return kind;
  if (value != NULL)
    *value = v;
  if (label_scale != NULL)
    *label_scale = scale;
  return kind;
}

gboolean
likert_scale_split_mixed (const char  *cell,
                          int         *value,
                          const char **label,
                          gsize       *label_length)
{
  const char *s, *e, *ls, *le;
  guint known_scale;
  int v, known_value;

  e = cell + strlen (cell);
  s = skip_spaces (cell, e);
  e = trim_end (s, e);
  if (s == e || e - s > CELL_LABEL_MAX)
    return FALSE;

  /* "5 Agree" (a space only) as likert_scale_classify() reads it, but not "3 apples". */
  if (!split_prefix (s, e, TRUE, &v, &ls, &le) &&
      !(split_prefix (s, e, FALSE, &v, &ls, &le) &&
        lookup_label (ls, le, &known_value, &known_scale)) &&
      !split_suffix (s, e, &v, &ls, &le))
    return FALSE;

  /* The label must say something: at least one letter (any script). */
  for (const char *p = ls; p < le; p++)
    if (g_ascii_isalpha (*p) || (guchar) *p >= 0xC0)
      {
        *value = v;
        *label = ls;
        *label_length = (gsize) (le - ls);
        return TRUE;
      }
  return FALSE;
}

const char *
likert_scale_label_name (guint label_scale)
{
  if (label_scale >= LIKERT_N_LABEL_SCALES)
    return NULL;
  return label_scale_names[label_scale];
}

const char *
likert_scale_canonical_label (guint       label_scale,
                              int         value,
                              const char *language)
{
  static const char * const languages[] = { "en", "fr", "ar", "ru", "es" };
  const char *wanted = "en";
  const char *english = NULL;

  if (language != NULL && g_ascii_isalpha (language[0]) && g_ascii_isalpha (language[1]) &&
      !g_ascii_isalpha (language[2]))
    for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
      if (g_ascii_tolower (language[0]) == languages[i][0] &&
          g_ascii_tolower (language[1]) == languages[i][1])
        wanted = languages[i];

  for (guint i = 0; i < G_N_ELEMENTS (known_labels); i++)
    {
      const KnownLabel *known = &known_labels[i];

      if (known->scale != label_scale || known->value != value)
        continue;
      if (strcmp (known->language, wanted) == 0)
        return known->label;
      if (english == NULL && strcmp (known->language, "en") == 0)
        english = known->label;
    }
  return english;
}

gboolean
likert_scale_known_label (guint        i,
                          guint       *label_scale,
                          int         *value,
                          const char **language,
                          const char **label)
{
  if (i >= G_N_ELEMENTS (known_labels))
    return FALSE;
  *label_scale = known_labels[i].scale;
  *value = known_labels[i].value;
  *language = known_labels[i].language;
  *label = known_labels[i].label;
  return TRUE;
}

void
likert_scale_guess_range (int         min_seen,
                          int         max_seen,
                          const char *header,
                          int        *scale_min,
                          int        *scale_max)
{
  /* Called once per column: allocating here is fine. */
  static const char * const nps_words[] = {
    "recommend", "nps", "recommand", "recomend", "рекоменд", "توصي", "ترشيح",
  };
  g_autofree char *folded = g_utf8_casefold (header ? header : "", -1);
  gboolean nps_like = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (nps_words) && !nps_like; i++)
    nps_like = strstr (folded, nps_words[i]) != NULL;

  if (nps_like || min_seen == 0 || max_seen > 7)
    {
      *scale_min = min_seen == 0 || nps_like ? 0 : 1;
      *scale_max = 10;
    }
  else if (max_seen <= 5)
    {
      *scale_min = 1;
      *scale_max = 5;
    }
  else
    {
      *scale_min = 1;
      *scale_max = 7;
    }
}

void
likert_date_scan_init (LikertDateScan *scan)
{
  memset (scan, 0, sizeof *scan);
}

/* The scan of cell; with read, also what likert_scale_time_orders () says of it, from the same
 * parses (a year-first or month-name date is read once, not twice). */
static void
scan_add (LikertDateScan *scan,
          const char     *cell,
          gboolean       *read,
          gint64         *whens)
{
  const char *end = cell + strlen (cell);
  const char *s = skip_spaces (cell, end);
  DateParts date = { DATE_NONE, 0, 0, 0 };
  gboolean dmy, mdy;
  gint64 when = 0, when_mdy = 0;

  /* Missing answers ("", "N/A", "-") are no evidence either way. */
  if (is_missing (s, trim_end (s, end)))
    {
      if (read != NULL)
        likert_scale_time_orders (cell, read, whens);
      return;
    }
  scan->n_seen++;

  dmy = parse_time_parts (cell, LIKERT_DATE_ORDER_DMY, &date, &when);
  if (date.shape == DATE_YEAR_LAST)
    {
      mdy = parse_time_parts (cell, LIKERT_DATE_ORDER_MDY, &date, &when_mdy);
      scan->year_last++;
      if (date.a > 12)
        scan->first_gt12++;
      if (date.b > 12)
        scan->second_gt12++;
      if (read != NULL)
        {
          gint64 when_ymd = 0;

          read[0] = likert_scale_parse_time_with_order (cell, LIKERT_DATE_ORDER_YMD, &when_ymd);
          read[1] = dmy;
          read[2] = mdy;
          if (whens != NULL)
            {
              whens[0] = when_ymd;
              whens[1] = when;
              whens[2] = when_mdy;
            }
        }
    }
  else
    {
      mdy = dmy;
      if (dmy)
        scan->iso++;
      /* The order decides only between the day and month of a year-last date. */
      if (read != NULL)
        read[0] = read[1] = read[2] = dmy;
      if (whens != NULL)
        whens[0] = whens[1] = whens[2] = when;
    }

  scan->ok_dmy += dmy;
  scan->ok_mdy += mdy;
  scan->n_parsed += dmy || mdy;
}

void
likert_date_scan_add (LikertDateScan *scan,
                      const char     *cell)
{
  scan_add (scan, cell, NULL, NULL);
}

void
likert_date_scan_add_orders (LikertDateScan *scan,
                             const char     *cell,
                             gboolean        read[3],
                             gint64          when[3])
{
  scan_add (scan, cell, read, when);
}

LikertDateOrder
likert_date_scan_result (const LikertDateScan *scan,
                         gboolean             *ambiguous)
{
  gboolean all_dmy = scan->ok_dmy == scan->n_seen;
  gboolean all_mdy = scan->ok_mdy == scan->n_seen;
  LikertDateOrder order = LIKERT_DATE_ORDER_UNKNOWN;
  gboolean unsure = FALSE;

  if (scan->n_seen == 0)
    order = LIKERT_DATE_ORDER_UNKNOWN;
  else if (all_dmy && all_mdy)
    {
      if (scan->year_last == 0)
        order = LIKERT_DATE_ORDER_YMD;
      else
        unsure = TRUE;
    }
  else if (all_dmy)
    order = LIKERT_DATE_ORDER_DMY;
  else if (all_mdy)
    order = LIKERT_DATE_ORDER_MDY;

  if (ambiguous != NULL)
    *ambiguous = unsure;
  return order;
}

gboolean
likert_scale_parse_time_with_order (const char      *text,
                                    LikertDateOrder  order,
                                    gint64          *utc_seconds)
{
  DateParts date = { DATE_NONE, 0, 0, 0 };

  return parse_time_parts (text, order, &date, utc_seconds);
}

void
likert_scale_time_orders (const char *text,
                          gboolean    read[3],
                          gint64      when[3])
{
  DateParts date = { DATE_NONE, 0, 0, 0 };
  gint64 times[3] = { 0, 0, 0 };

  /* The order decides only between the day and month of a year-last date. */
  read[0] = parse_time_parts (text, LIKERT_DATE_ORDER_YMD, &date, &times[0]);
  if (date.shape == DATE_YEAR_LAST)
    {
      read[1] = likert_scale_parse_time_with_order (text, LIKERT_DATE_ORDER_DMY, &times[1]);
      read[2] = likert_scale_parse_time_with_order (text, LIKERT_DATE_ORDER_MDY, &times[2]);
    }
  else
    {
      read[1] = read[2] = read[0];
      times[1] = times[2] = times[0];
    }
  if (when != NULL)
    memcpy (when, times, sizeof times);
}

gboolean
likert_scale_parse_time (const char *text,
                         gint64     *utc_seconds)
{
  return likert_scale_parse_time_with_order (text, LIKERT_DATE_ORDER_YMD, utc_seconds);
}
