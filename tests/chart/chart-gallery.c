/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chart-gallery"

/* Renders every chart kind with realistic data, light, dark and right-to-left (Arabic), into
 * PNG files for people to look at: chart-gallery [OUTDIR [PREFIX]] (default /tmp/charts; only
 * the charts whose name starts with PREFIX). The "-large" ones are narrow with the font at 150 %,
 * as the large text setting makes them. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include <pango/pangocairo.h>

#include "likert-chart-export.h"
#include "likert-diverging.h"
#include "likert-histogram.h"
#include "likert-interval.h"
#include "likert-nps.h"
#include "likert-trend.h"
#include "likert-tags.h"

typedef struct
{
  const char            *name;
  double                 width;
  double                 height;
  LikertChartRenderFunc  render;
  gconstpointer          data;
  gconstpointer          data_rtl;
  const char            *font;      /* nullable: the default */
} Chart;

static const char * const labels_en[] = {
  "Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
  "Very satisfied",
};
static const char * const labels_ar[] = {
  "غير راضٍ جدًا", "غير راضٍ", "محايد", "راضٍ", "راضٍ جدًا",
};

static const guint64 country_counts[][5] = {
  { 60, 95, 180, 310, 167 },    /* Morocco */
  { 88, 120, 150, 190, 92 },    /* France */
  { 30, 44, 90, 260, 301 },     /* Germany */
  { 120, 150, 110, 130, 60 },   /* Spain */
  { 40, 70, 160, 280, 230 },    /* Italy */
  { 25, 30, 60, 140, 190 },     /* Netherlands */
  { 2, 3, 2, 3, 2 },            /* Luxembourg: small n */
  { 70, 95, 140, 200, 110 },    /* United Kingdom */
  { 55, 62, 98, 150, 121 },     /* Belgium */
  { 15, 22, 48, 90, 75 },       /* Portugal */
};
static const char * const countries_en[] = {
  "Morocco", "France", "Germany", "Spain", "Italy", "Netherlands", "Luxembourg",
  "United Kingdom of Great Britain and Northern Ireland", "Belgium", "Portugal",
};
static const char * const countries_ar[] = {
  "المغرب", "فرنسا", "ألمانيا", "إسبانيا", "إيطاليا", "هولندا", "لوكسمبورغ",
  "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية", "بلجيكا", "البرتغال",
};

#define N_COUNTRIES G_N_ELEMENTS (countries_en)

/* The wording of the sample survey: long words under narrow bars. */
static const char * const satisfaction_en[] = {
  "Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied",
  "Somewhat satisfied", "Extremely satisfied",
};
static const char * const satisfaction_ar[] = {
  "غير راضٍ على الإطلاق", "غير راضٍ إلى حد ما", "لا راضٍ ولا غير راضٍ", "راضٍ إلى حد ما",
  "راضٍ تمامًا",
};

static const guint64 all_counts[] = { 507, 691, 1038, 1853, 1348 };
static const LikertHistogramData histogram_en = {
  "Overall, how satisfied are you with our service?", 1, 5, all_counts, labels_en, TRUE,
};
static const LikertHistogramData histogram_ar = {
  "بشكل عام، ما مدى رضاك عن خدمتنا؟", 1, 5, all_counts, labels_ar, TRUE,
};

static const LikertHistogramData rating_en = {
  "rating", 1, 5, all_counts, satisfaction_en, FALSE,
};
static const LikertHistogramData rating_ar = {
  "التقييم", 1, 5, all_counts, satisfaction_ar, FALSE,
};

static LikertDivergingSegment segments_en[N_COUNTRIES];
static LikertDivergingSegment segments_ar[N_COUNTRIES];

static LikertDivergingData diverging_en = {
  "Overall, how satisfied are you with our service?", 1, 5, labels_en, segments_en, N_COUNTRIES,
};
static LikertDivergingData diverging_ar = {
  "بشكل عام، ما مدى رضاك عن خدمتنا؟", 1, 5, labels_ar, segments_ar, N_COUNTRIES,
};

static LikertIntervalRow means_en[N_COUNTRIES];
static LikertIntervalRow means_ar[N_COUNTRIES];
static LikertIntervalRow csat_en[N_COUNTRIES];
static LikertIntervalRow csat_ar[N_COUNTRIES];

static LikertIntervalData mean_en = {
  "Overall, how satisfied are you with our service?", "Mean (1–5) with its 95 % interval",
  means_en, N_COUNTRIES, FALSE, 0, 0, NAN, "All",
};
static LikertIntervalData mean_ar = {
  "بشكل عام، ما مدى رضاك عن خدمتنا؟", "المتوسط (١–٥)", means_ar, N_COUNTRIES, FALSE, 0, 0, NAN,
  "الكل",
};
static LikertIntervalData top2_en = {
  "Satisfied or very satisfied (CSAT)", "CSAT with its 95 % Wilson interval", csat_en,
  N_COUNTRIES, TRUE, 0, 1, NAN, "All",
};
static LikertIntervalData top2_ar = {
  "راضٍ أو راضٍ جدًا", "نسبة الرضا", csat_ar, N_COUNTRIES, TRUE, 0, 1, NAN, "الكل",
};

static LikertNpsRow devices_en[] = {
  { "All devices", { 1210, 1480, 2310 }, 0, 0, 0 },
  { "iPhone", { 310, 420, 810 }, 0, 0, 0 },
  { "Android phone", { 420, 510, 690 }, 0, 0, 0 },
  { "Windows desktop", { 300, 350, 420 }, 0, 0, 0 },
  { "Mac", { 120, 150, 330 }, 0, 0, 0 },
  { "Tablet", { 55, 40, 50 }, 0, 0, 0 },
  { "Smart TV", { 5, 10, 10 }, 0, 0, 0 },
  { "Other", { 0, 0, 0 }, 0, 0, 0 },
};
static LikertNpsRow devices_ar[G_N_ELEMENTS (devices_en)];
static const char * const devices_ar_names[] = {
  "كل الأجهزة", "آيفون", "هاتف أندرويد", "حاسوب ويندوز", "ماك", "جهاز لوحي", "تلفاز ذكي", "غير ذلك",
};

static LikertNpsData nps_en = {
  "How likely are you to recommend us to a friend or colleague?", devices_en,
  G_N_ELEMENTS (devices_en),
};
static LikertNpsData nps_ar = {
  "ما مدى احتمال أن توصي بنا لصديق أو زميل؟", devices_ar, G_N_ELEMENTS (devices_ar),
};

#define N_MONTHS 24
#define N_DAYS   240

static LikertTrendPeriod months_en[N_MONTHS];
static LikertTrendPeriod months_ar[N_MONTHS];
static LikertTrendPeriod days[N_DAYS];
static char *month_labels_en[N_MONTHS];
static char *month_labels_ar[N_MONTHS];
static char *day_labels[N_DAYS];

static LikertTrendData trend_en = {
  "Overall, how satisfied are you with our service?", "Mean (1–5) by month, 95 % interval",
  months_en, N_MONTHS, FALSE, 0, 0,
};
static LikertTrendData trend_ar = {
  "بشكل عام، ما مدى رضاك عن خدمتنا؟", "المتوسط الشهري", months_ar, N_MONTHS, FALSE, 0, 0,
};
static LikertTrendData trend_days = {
  "Satisfied or very satisfied (CSAT) by day", "CSAT", days, N_DAYS, TRUE, 0, 0,
};

static const LikertTagCount tags_en[] = {
  { "Delivery delay", 412, "#e01b24" },
  { "Friendly staff", 388, "#2ec27e" },
  { "Price too high", 247, "#f5c211" },
  { "App crashes or freezes while paying at checkout", 131, "#9141ac" },
  { "Website navigation", 96, NULL },
  { "Refund", 12, "#63452c" },
};
static const LikertTagCount tags_ar[] = {
  { "تأخر التسليم", 412, "#e01b24" },
  { "موظفون ودودون", 388, "#2ec27e" },
  { "السعر مرتفع", 247, "#f5c211" },
  { "تعطل التطبيق أو تجمده أثناء الدفع", 131, "#9141ac" },
  { "التنقل في الموقع", 96, NULL },
  { "استرداد المبلغ", 12, "#63452c" },
};
static const LikertTagBarsData tag_bars_en = { "Tags on 5,000 responses", tags_en, 6, 5000 };
static const LikertTagBarsData tag_bars_ar = { "الوسوم على 5000 رد", tags_ar, 6, 5000 };

static const char * const tag_names_en[] = {
  "Delivery delay", "Friendly staff", "Price too high",
  "App crashes or freezes while paying at checkout", "Website navigation", "Refund",
};
static const char * const tag_names_ar[] = {
  "تأخر التسليم", "موظفون ودودون", "السعر مرتفع", "تعطل التطبيق أو تجمده أثناء الدفع",
  "التنقل في الموقع", "استرداد المبلغ",
};
static const guint64 tag_counts[] = {
  160, 130, 70, 38, 14,
  4, 12, 40, 150, 182,
  60, 75, 62, 35, 15,
  48, 40, 22, 15, 6,
  12, 20, 30, 22, 12,
  5, 4, 2, 1, 0,
};
static const LikertTagHeatmapData heatmap_en = {
  "Tags by satisfaction", 1, 5, labels_en, tag_names_en, 6, tag_counts,
};
static const LikertTagHeatmapData heatmap_ar = {
  "الوسوم حسب الرضا", 1, 5, labels_ar, tag_names_ar, 6, tag_counts,
};

/* The statistics src/core computes, done simply. */
static void
mean_interval (const guint64 *counts,
               guint          n_points,
               LikertIntervalRow *row)
{
  double sum = 0, sum2 = 0, mean, sd, half;
  guint64 n = 0;

  for (guint i = 0; i < n_points; i++)
    {
      n += counts[i];
      sum += (double) counts[i] * (i + 1);
      sum2 += (double) counts[i] * (i + 1) * (i + 1);
    }
  row->n = n;
  mean = n > 0 ? sum / n : NAN;
  sd = n > 1 ? sqrt ((sum2 - n * mean * mean) / (n - 1)) : NAN;
  half = n > 1 ? 1.96 * sd / sqrt ((double) n) : NAN;
  row->value = mean;
  row->low = mean - half;
  row->high = mean + half;
}

static void
wilson (guint64            successes,
        guint64            n,
        LikertIntervalRow *row)
{
  double z = 1.96, p = n > 0 ? (double) successes / n : NAN;
  double centre = (p + z * z / (2.0 * n)) / (1 + z * z / n);
  double half = z * sqrt (p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);

  row->n = n;
  row->value = p;
  row->low = centre - half;
  row->high = centre + half;
}

static void
fill_data (void)
{
  guint64 all[5] = { 0 };

  for (guint i = 0; i < N_COUNTRIES; i++)
    {
      const guint64 *c = country_counts[i];

      segments_en[i] = (LikertDivergingSegment) { countries_en[i], country_counts[i] };
      segments_ar[i] = (LikertDivergingSegment) { countries_ar[i], country_counts[i] };
      mean_interval (c, 5, &means_en[i]);
      means_en[i].label = countries_en[i];
      means_ar[i] = means_en[i];
      means_ar[i].label = countries_ar[i];
      wilson (c[3] + c[4], c[0] + c[1] + c[2] + c[3] + c[4], &csat_en[i]);
      csat_en[i].label = countries_en[i];
      csat_ar[i] = csat_en[i];
      csat_ar[i].label = countries_ar[i];
      for (guint p = 0; p < 5; p++)
        all[p] += c[p];
    }

  for (guint m = 0; m < N_MONTHS; m++)
    {
      static const char * const en[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec" };
      static const char * const ar[] = { "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                                         "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
                                         "ديسمبر" };
      LikertTrendPeriod *p = &months_en[m];
      double n = m == 7 ? 18 : 180 + 90 * sin (m / 3.0) + 6 * m;
      double sd = 1.1;

      month_labels_en[m] = g_strdup_printf ("%s %d", en[m % 12], 2023 + m / 12);
      month_labels_ar[m] = g_strdup_printf ("%s %d", ar[m % 12], 2023 + m / 12);
      p->label = month_labels_en[m];
      p->n = m == 15 ? 0 : (guint64) n;
      p->value = m == 15 ? NAN : 3.3 + 0.02 * m + 0.15 * sin (m / 2.5);
      p->low = m == 15 ? NAN : p->value - 1.96 * sd / sqrt (n);
      p->high = m == 15 ? NAN : p->value + 1.96 * sd / sqrt (n);
      months_ar[m] = *p;
      months_ar[m].label = month_labels_ar[m];
    }

  for (guint d = 0; d < N_DAYS; d++)
    {
      LikertTrendPeriod *p = &days[d];
      double n = 20 + 15 * (1 + sin (d / 7.0 * G_PI)) + d / 10.0;
      guint64 successes;

      day_labels[d] = g_strdup_printf ("2024-%02u-%02u", 1 + d / 30, 1 + d % 30);
      successes = (guint64) round (n * (0.55 + 0.1 * sin (d / 40.0) + 0.05 * cos (d * 1.3)));
      {
        LikertIntervalRow row;

        wilson (successes, (guint64) n, &row);
        p->value = row.value;
        p->low = row.low;
        p->high = row.high;
        p->n = row.n;
      }
      p->label = day_labels[d];
    }

  for (guint i = 0; i < G_N_ELEMENTS (devices_en); i++)
    {
      LikertNpsRow *row = &devices_en[i];
      double n = (double) (row->counts[0] + row->counts[1] + row->counts[2]);
      double d = row->counts[0] / n, p = row->counts[2] / n;
      double se = sqrt ((p + d - (p - d) * (p - d)) / n);

      row->nps = n > 0 ? 100 * (p - d) : NAN;
      row->low = n > 1 ? MAX (-100, row->nps - 196 * se) : NAN;
      row->high = n > 1 ? MIN (100, row->nps + 196 * se) : NAN;
      devices_ar[i] = *row;
      devices_ar[i].label = devices_ar_names[i];
    }

  {
    LikertIntervalRow overall;

    mean_interval (all, 5, &overall);
    mean_en.reference = mean_ar.reference = overall.value;
    wilson (all[3] + all[4], all[0] + all[1] + all[2] + all[3] + all[4], &overall);
    top2_en.reference = top2_ar.reference = overall.value;
  }
}

static void
shoot (const char  *dir,
       const Chart *chart)
{
  static const struct { const char *suffix; gboolean dark; gboolean rtl; } variants[] = {
    { "light", FALSE, FALSE }, { "dark", TRUE, FALSE }, { "rtl", FALSE, TRUE },
    { "rtl-dark", TRUE, TRUE },
  };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("%s-%s.png", chart->name, variants[v].suffix);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      LikertChartStyle style;

      likert_chart_style_init_default (&style, variants[v].dark);
      style.rtl = variants[v].rtl;
      if (chart->font != NULL)
        {
          pango_font_description_free (style.font);
          style.font = pango_font_description_from_string (chart->font);
        }
      if (!likert_chart_export (path, chart->width, chart->height, 1.0, &style, chart->render,
                                variants[v].rtl ? chart->data_rtl : chart->data, &error))
        g_printerr ("%s\n", error->message);
      else
        g_print ("%s\n", path);
      likert_chart_style_clear (&style);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : "/tmp/charts";
  const char *only = argc > 2 ? argv[2] : NULL;
  const Chart charts[] = {
    { "histogram-percent", 700, 420, likert_histogram_draw, &histogram_en, &histogram_ar },
    { "histogram-large", 340, 300, likert_histogram_draw, &rating_en, &rating_ar, "Sans 15" },
    { "histogram-large-tall", 340, 520, likert_histogram_draw, &rating_en, &rating_ar,
      "Sans 15" },
    { "histogram-large-wide", 900, 420, likert_histogram_draw, &rating_en, &rating_ar,
      "Sans 15" },
    { "diverging", 760, 520, likert_diverging_draw, &diverging_en, &diverging_ar },
    { "diverging-small", 360, 300, likert_diverging_draw, &diverging_en, &diverging_ar },
    { "diverging-large", 380, 420, likert_diverging_draw, &diverging_en, &diverging_ar,
      "Sans 15" },
    { "mean", 760, 480, likert_interval_draw, &mean_en, &mean_ar },
    { "csat", 760, 480, likert_interval_draw, &top2_en, &top2_ar },
    { "csat-small", 340, 260, likert_interval_draw, &top2_en, &top2_ar },
    { "nps", 860, 420, likert_nps_draw, &nps_en, &nps_ar },
    { "nps-small", 420, 300, likert_nps_draw, &nps_en, &nps_ar },
    { "nps-large", 480, 420, likert_nps_draw, &nps_en, &nps_ar, "Sans 15" },
    { "trend", 860, 440, likert_trend_draw, &trend_en, &trend_ar },
    { "trend-small", 380, 260, likert_trend_draw, &trend_en, &trend_ar },
    { "trend-days", 860, 380, likert_trend_draw, &trend_days, &trend_days },
    { "tags", 700, 320, likert_tag_bars_draw, &tag_bars_en, &tag_bars_ar },
    { "tags-small", 320, 220, likert_tag_bars_draw, &tag_bars_en, &tag_bars_ar },
    { "heatmap", 760, 400, likert_tag_heatmap_draw, &heatmap_en, &heatmap_ar },
    { "heatmap-small", 380, 300, likert_tag_heatmap_draw, &heatmap_en, &heatmap_ar },
    { "heatmap-large", 480, 420, likert_tag_heatmap_draw, &heatmap_en, &heatmap_ar, "Sans 15" },
  };

  setlocale (LC_ALL, "");
  fill_data ();
  g_mkdir_with_parents (dir, 0755);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    if (only == NULL || g_str_has_prefix (charts[i].name, only))
      shoot (dir, &charts[i]);

  return 0;
}
