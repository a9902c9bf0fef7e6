/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LIKERT_TYPE_WRAP_LAYOUT (likert_wrap_layout_get_type ())
G_DECLARE_FINAL_TYPE (LikertWrapLayout, likert_wrap_layout, LIKERT, WRAP_LAYOUT, GtkLayoutManager)

/* Lays children out in a line at their natural widths, starting a new line when the next one
 * does not fit (like words in a paragraph), from the right in right-to-left text. Height for
 * width. GTK 4.8 has no wrap box; AdwWrapBox came with libadwaita 1.7. */
GtkLayoutManager *likert_wrap_layout_new                (void);
void              likert_wrap_layout_set_column_spacing (LikertWrapLayout *self,
                                                         int               spacing);
int               likert_wrap_layout_get_column_spacing (LikertWrapLayout *self);
void              likert_wrap_layout_set_row_spacing    (LikertWrapLayout *self,
                                                         int               spacing);
int               likert_wrap_layout_get_row_spacing    (LikertWrapLayout *self);

G_END_DECLS
