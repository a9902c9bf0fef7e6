/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The time parser (likert-scale) on any cells (one per line): never a crash;
 * likert_scale_parse_time is parse_time_with_order YMD; a time read prints as ISO 8601 UTC
 * and reads back to the same second; the order a date scan of the cells decides reads every
 * cell that is not missing. */
#include "config.h"

#include "likert-scale.h"
#include "fuzz-common.h"

static void
check_round_trip (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *iso = NULL;
  gint64 again = 0;

  if (time == NULL)   /* outside years 1–9999: GLib cannot print it */
    return;
  iso = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", g_date_time_get_year (time),
                         g_date_time_get_month (time), g_date_time_get_day_of_month (time),
                         g_date_time_get_hour (time), g_date_time_get_minute (time),
                         g_date_time_get_second (time));
  FUZZ_CHECK (likert_scale_parse_time (iso, &again));
  if (again != seconds)
    {
      fprintf (stderr, "%s reads as %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT "\n", iso,
               again, seconds);
      FUZZ_CHECK (again == seconds);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) cells = fuzz_cells (data, size);
  LikertDateScan scan;
  LikertDateOrder order;
  gboolean ambiguous = 99;

  likert_date_scan_init (&scan);
  for (guint i = 0; cells[i] != NULL; i++)
    {
      gint64 plain = 1, ymd = 2, t;
      gboolean ok_plain = likert_scale_parse_time (cells[i], &plain);
      gboolean ok_ymd = likert_scale_parse_time_with_order (cells[i], LIKERT_DATE_ORDER_YMD, &ymd);

      FUZZ_CHECK (ok_plain == ok_ymd);
      if (ok_plain)
        {
          FUZZ_CHECK (plain == ymd);
          check_round_trip (plain);
        }
      for (LikertDateOrder o = LIKERT_DATE_ORDER_UNKNOWN; o <= LIKERT_DATE_ORDER_MDY; o++)
        if (likert_scale_parse_time_with_order (cells[i], o, &t))
          check_round_trip (t);
      likert_date_scan_add (&scan, cells[i]);
    }

  order = likert_date_scan_result (&scan, &ambiguous);
  FUZZ_CHECK (ambiguous == TRUE || ambiguous == FALSE);
  FUZZ_CHECK (scan.n_parsed <= scan.n_seen);
  FUZZ_CHECK (!ambiguous || order == LIKERT_DATE_ORDER_UNKNOWN);
  if (order != LIKERT_DATE_ORDER_UNKNOWN)
    for (guint i = 0; cells[i] != NULL; i++)
      {
        gint64 t;

        if (likert_scale_classify (cells[i], NULL, NULL) == LIKERT_CELL_MISSING)
          continue;
        if (!likert_scale_parse_time_with_order (cells[i], order, &t))
          {
            fprintf (stderr, "the scan chose order %d, which does not read “%s”\n", order,
                     cells[i]);
            FUZZ_CHECK (FALSE);
          }
      }
  return 0;
}
