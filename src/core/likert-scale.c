/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-scale"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "likert-scale.h"

typedef struct
{
  const char *label;   /* case-folded */
  int         value;
} KnownLabel;

/* 5-point satisfaction and agreement scales as survey tools write them. */
static const KnownLabel known_labels[] = {
  { "extremely dissatisfied", 1 },
  { "very dissatisfied", 1 },
  { "très insatisfait", 1 },
  { "extrêmement insatisfait", 1 },
  { "strongly disagree", 1 },
  { "pas du tout d'accord", 1 },
  { "somewhat dissatisfied", 2 },
  { "dissatisfied", 2 },
  { "plutôt insatisfait", 2 },
  { "insatisfait", 2 },
  { "disagree", 2 },
  { "pas d'accord", 2 },
  { "neither satisfied nor dissatisfied", 3 },
  { "neutral", 3 },
  { "ni satisfait ni insatisfait", 3 },
  { "neutre", 3 },
  { "neither agree nor disagree", 3 },
  { "somewhat satisfied", 4 },
  { "satisfied", 4 },
  { "plutôt satisfait", 4 },
  { "satisfait", 4 },
  { "agree", 4 },
  { "d'accord", 4 },
  { "extremely satisfied", 5 },
  { "very satisfied", 5 },
  { "très satisfait", 5 },
  { "extrêmement satisfait", 5 },
  { "strongly agree", 5 },
  { "tout à fait d'accord", 5 },
};

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
  g_autofree char *folded = NULL;
  gsize length;

  while (*text == ' ' || *text == '\t')
    text++;
  length = strlen (text);
  while (length > 0 && (text[length - 1] == ' ' || text[length - 1] == '\t'))
    length--;

  /* Fast reject: labels are short, and start with a letter. */
  if (length < 5 || length > 64 || (guchar) text[0] < 'A')
    return FALSE;

  folded = g_utf8_casefold (text, (gssize) length);
  for (guint i = 0; i < G_N_ELEMENTS (known_labels); i++)
    if (strcmp (folded, known_labels[i].label) == 0)
      {
        *value = known_labels[i].value;
        return TRUE;
      }
  return FALSE;
}

void
likert_scale_guess_range (int         min_seen,
                          int         max_seen,
                          const char *header,
                          int        *scale_min,
                          int        *scale_max)
{
  g_autofree char *folded = g_utf8_casefold (header ? header : "", -1);
  gboolean nps_like = strstr (folded, "recommend") != NULL || strstr (folded, "nps") != NULL;

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

gboolean
likert_scale_parse_time (const char *text,
                         gint64     *utc_seconds)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  char iso[64];
  gsize length = strlen (text);

  /* YYYY-MM-DD at least, and nothing absurdly long. */
  if (length < 10 || length >= sizeof iso - 10 || !g_ascii_isdigit (text[0]) || text[4] != '-')
    return FALSE;

  memcpy (iso, text, length + 1);
  if (length == 10)
    memcpy (iso + 10, "T00:00:00", sizeof "T00:00:00");
  else if (iso[10] == ' ')
    iso[10] = 'T';

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (iso, utc);
  if (dt == NULL)
    return FALSE;
  *utc_seconds = g_date_time_to_unix (dt);
  return TRUE;
}
