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

/* Draws into a new image surface; the status tells whether it worked. */
static cairo_surface_t *
render_image (double                  width,
              double                  height,
              double                  scale,
              const LikertChartStyle *style,
              LikertChartRenderFunc   render,
              gconstpointer           data,
              cairo_status_t         *status)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  *status = cairo_surface_status (surface);
  if (*status != CAIRO_STATUS_SUCCESS)
    return surface;

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  render (cr, width, height, style, data);
  *status = cairo_status (cr);
  cairo_destroy (cr);

  if (*status == CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_flush (surface);
      *status = cairo_surface_status (surface);
    }

  return surface;
}

/* The file is made in memory, then written whole: g_file_set_contents writes a temporary file
 * beside path and renames it over path only once complete, so a failure (a full disk) leaves
 * neither a partial chart nor a temporary file, and is reported. */
static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_file (const char   *path,
            GByteArray   *bytes,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;

  if (g_file_set_contents (path, (const char *) bytes->data, (gssize) bytes->len, &local_error))
    return TRUE;
  display_name = g_filename_display_name (path);
  g_set_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_WRITE,
               _("Could not write the chart to “%s”: %s"), display_name, local_error->message);
  return FALSE;
}

static gboolean
export_png (const char              *path,
            double                   width,
            double                   height,
            double                   scale,
            const LikertChartStyle  *style,
            LikertChartRenderFunc    render,
            gconstpointer            data,
            GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;
  cairo_surface_t *surface = render_image (width, height, scale, style, render, data, &status);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_destroy (surface);

  return check_status (status, path, error) && write_file (path, bytes, error);
}

static gboolean
export_vector (ExportFormat             format,
               const char              *path,
               double                   width,
               double                   height,
               const LikertChartStyle  *style,
               LikertChartRenderFunc    render,
               gconstpointer            data,
               GError                 **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  LikertChartStyle opaque = *style;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  /* A document without a background shows whatever the viewer puts behind it: make it white. */
  if (opaque.background.alpha <= 0)
    opaque.background = (LikertRgba) { 1.0, 1.0, 1.0, 1.0 };

  if (format == FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_cb, bytes, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, width, height);

  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return check_status (status, path, error);
    }

  cr = cairo_create (surface);
  render (cr, width, height, &opaque, data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  /* Finishing writes the document out. */
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return check_status (status, path, error) && write_file (path, bytes, error);
}

gboolean
likert_chart_export (const char              *path,
                     double                   width,
                     double                   height,
                     double                   scale,
                     const LikertChartStyle  *style,
                     LikertChartRenderFunc    render,
                     gconstpointer            data,
                     GError                 **error)
{
  ExportFormat format;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (render != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_path (path);

  switch (format)
    {
    case FORMAT_PNG:
      return export_png (path, width, height, scale, style, render, data, error);

    case FORMAT_SVG:
    case FORMAT_PDF:
      return export_vector (format, path, width, height, style, render, data, error);

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

cairo_surface_t *
likert_chart_render_image (double                  width,
                           double                  height,
                           double                  scale,
                           const LikertChartStyle *style,
                           LikertChartRenderFunc   render,
                           gconstpointer           data)
{
  cairo_status_t status;
  cairo_surface_t *surface;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (render != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  surface = render_image (width, height, scale, style, render, data, &status);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

GBytes *
likert_chart_render_png (double                   width,
                         double                   height,
                         double                   scale,
                         const LikertChartStyle  *style,
                         LikertChartRenderFunc    render,
                         gconstpointer            data,
                         GError                 **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  cairo_status_t status;
  cairo_surface_t *surface;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (scale > 0, NULL);
  g_return_val_if_fail (style != NULL, NULL);
  g_return_val_if_fail (render != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_byte_array_new ();
  surface = render_image (width, height, scale, style, render, data, &status);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LIKERT_CHART_ERROR, LIKERT_CHART_ERROR_WRITE,
                   /* Translators: %s is the reason */
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
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
  return likert_chart_export (path, width, height, scale, style, likert_histogram_draw, data,
                              error);
}
