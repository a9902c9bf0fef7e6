/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-wrap-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-wrap-layout.h"

struct _LikertWrapLayout
{
  GtkLayoutManager  parent_instance;

  int               column_spacing;
  int               row_spacing;
};

G_DEFINE_FINAL_TYPE (LikertWrapLayout, likert_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_COLUMN_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width a child gets on a line of width available (-1: unlimited). */
static int
child_width (GtkWidget *child,
             int        available)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (available >= 0 && natural > available)
    natural = MAX (minimum, available);
  return natural;
}

static int
child_height (GtkWidget *child,
              int        width,
              int       *minimum_out)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  if (minimum_out != NULL)
    *minimum_out = minimum;
  return natural;
}

/* Breaks the children into lines for a width, allocates them when asked, and returns the
 * height the lines take. */
static int
layout_lines (LikertWrapLayout *self,
              GtkWidget        *widget,
              int               width,
              gboolean          allocate)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GtkWidget *line_start = gtk_widget_get_first_child (widget);
  int y = 0;

  while (line_start != NULL)
    {
      GtkWidget *line_end = line_start;
      GtkWidget *child;
      int x = 0, line_height = 0, n = 0;

      /* Which children fit on this line (at least one). */
      for (child = line_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int w;

          if (!gtk_widget_should_layout (child))
            {
              line_end = gtk_widget_get_next_sibling (child);
              continue;
            }
          w = child_width (child, width);
          if (n > 0 && x + self->column_spacing + w > width)
            break;
          x += (n > 0 ? self->column_spacing : 0) + w;
          line_height = MAX (line_height, child_height (child, w, NULL));
          n++;
          line_end = gtk_widget_get_next_sibling (child);
        }

      if (allocate)
        {
          x = 0;
          for (child = line_start; child != line_end; child = gtk_widget_get_next_sibling (child))
            {
              int w, h;

              if (!gtk_widget_should_layout (child))
                continue;
              w = child_width (child, width);
              h = MIN (child_height (child, w, NULL), line_height);
              gtk_widget_size_allocate (child,
                                        &(GtkAllocation) {
                                          rtl ? width - x - w : x,
                                          y + (line_height - h) / 2,
                                          w, h },
                                        -1);
              x += w + self->column_spacing;
            }
        }

      if (n > 0)
        y += (y > 0 ? self->row_spacing : 0) + line_height;
      line_start = line_end;
    }
  return y;
}

static GtkSizeRequestMode
likert_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                     GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
likert_wrap_layout_measure (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            GtkOrientation    orientation,
                            int               for_size,
                            int              *minimum,
                            int              *natural,
                            int              *minimum_baseline,
                            int              *natural_baseline)
{
  LikertWrapLayout *self = LIKERT_WRAP_LAYOUT (manager);
  int min = 0, nat = 0, n = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child; naturally, one line. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += (n++ > 0 ? self->column_spacing : 0) + child_nat;
        }
    }
  else if (for_size < 0)
    {
      /* No width given: the height of one line is the natural one; every child on its own
       * line is the most it can need. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min;
          int child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          child_nat = child_height (child, -1, &child_min);
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
    }
  else
    min = nat = layout_lines (self, widget, for_size, FALSE);

  *minimum = min;
  *natural = MAX (min, nat);
}

static void
likert_wrap_layout_allocate (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             int               width,
                             int               height,
                             int               baseline)
{
  layout_lines (LIKERT_WRAP_LAYOUT (manager), widget, width, TRUE);
}

static void
likert_wrap_layout_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LikertWrapLayout *self = LIKERT_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_COLUMN_SPACING:
      g_value_set_int (value, self->column_spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_wrap_layout_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LikertWrapLayout *self = LIKERT_WRAP_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_COLUMN_SPACING:
      likert_wrap_layout_set_column_spacing (self, g_value_get_int (value));
      break;
    case PROP_ROW_SPACING:
      likert_wrap_layout_set_row_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
likert_wrap_layout_class_init (LikertWrapLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = likert_wrap_layout_get_property;
  object_class->set_property = likert_wrap_layout_set_property;
  layout_class->get_request_mode = likert_wrap_layout_get_request_mode;
  layout_class->measure = likert_wrap_layout_measure;
  layout_class->allocate = likert_wrap_layout_allocate;

  properties[PROP_COLUMN_SPACING] =
    g_param_spec_int ("column-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT16, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
likert_wrap_layout_init (LikertWrapLayout *self)
{
}

GtkLayoutManager *
likert_wrap_layout_new (void)
{
  return g_object_new (LIKERT_TYPE_WRAP_LAYOUT, NULL);
}

void
likert_wrap_layout_set_column_spacing (LikertWrapLayout *self,
                                       int               spacing)
{
  g_return_if_fail (LIKERT_IS_WRAP_LAYOUT (self));

  if (self->column_spacing == spacing)
    return;
  self->column_spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMN_SPACING]);
}

int
likert_wrap_layout_get_column_spacing (LikertWrapLayout *self)
{
  g_return_val_if_fail (LIKERT_IS_WRAP_LAYOUT (self), 0);
  return self->column_spacing;
}

void
likert_wrap_layout_set_row_spacing (LikertWrapLayout *self,
                                    int               spacing)
{
  g_return_if_fail (LIKERT_IS_WRAP_LAYOUT (self));

  if (self->row_spacing == spacing)
    return;
  self->row_spacing = spacing;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_SPACING]);
}

int
likert_wrap_layout_get_row_spacing (LikertWrapLayout *self)
{
  g_return_val_if_fail (LIKERT_IS_WRAP_LAYOUT (self), 0);
  return self->row_spacing;
}
