/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-chart-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "likert-chart-export.h"

typedef enum {
  FORMAT_UNKNOWN,
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ExportFormat;

G_DEFINE_QUARK (likert-chart-error-quark, likert_chart_error)

static ExportFormat
format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;

  return FORMAT_UNKNOWN;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  g_autofree char *display_name = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  display_name = g_filename_display_name (path);
  g_set_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_WRITE,
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not write the chart to “%s”: %s"),
               display_name, cairo_status_to_string (status));

  return FALSE;
}

static gboolean
export_png (const char                *path,
            double                     width,
            double                     height,
            double                     scale,
            const LikertChartStyle    *style,
            const LikertHistogramData *data,
            GError                   **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  likert_histogram_render (cr, width, height, style, data, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

static gboolean
export_vector (ExportFormat               format,
               const char                *path,
               double                     width,
               double                     height,
               const LikertChartStyle    *style,
               const LikertHistogramData *data,
               GError                   **error)
{
  LikertChartStyle opaque = *style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  /* A document without a background shows whatever the viewer puts behind it: make it white. */
  if (opaque.background.alpha <= 0)
    opaque.background = (LikertRgba) { 1.0, 1.0, 1.0, 1.0 };

  if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create (path, width, height);
  else
    surface = cairo_pdf_surface_create (path, width, height);

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return check_status (status, path, error);
    }

  cr = cairo_create (surface);
  likert_histogram_render (cr, width, height, &opaque, data, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Finishing writes the file; write errors show up only then. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

gboolean
likert_chart_export_histogram (const char                *path,
                               double                     width,
                               double                     height,
                               double                     scale,
                               const LikertChartStyle    *style,
                               const LikertHistogramData *data,
                               GError                   **error)
{
  ExportFormat format;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);

  switch (format)
    {
    case FORMAT_PNG:
      return export_png (path, width, height, scale, style, data, error);

    case FORMAT_SVG:
    case FORMAT_PDF:
      return export_vector (format, path, width, height, style, data, error);

    case FORMAT_UNKNOWN:
    default:
      {
        g_autofree char *display_name = g_filename_display_name (path);

        g_set_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_FORMAT,
                     /* Translators: %s is a file name */
                     _("Cannot export the chart to “%s”: the name must end in .png, .svg or .pdf"),
                     display_name);
        return FALSE;
      }
    }
}
