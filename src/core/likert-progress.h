/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "likert-types.h"

G_BEGIN_DECLS

/* Carries progress from a worker thread to a main context, as sysprof does: the worker stores
 * the fraction under a lock and schedules at most one idle at a time, which calls func there. */
typedef struct _LikertProgress LikertProgress;

LikertProgress *likert_progress_new    (GMainContext       *context,
                                        LikertProgressFunc  func,
                                        gpointer            user_data);
void            likert_progress_report (LikertProgress     *self,
                                        double              fraction);
/* Stops further calls to func (call on the context's thread), then drops the reference. */
void            likert_progress_free   (LikertProgress     *self);

/* A LikertProgressFunc that forwards to likert_progress_report (user_data is the LikertProgress). */
void            likert_progress_forward (double             fraction,
                                         gpointer           user_data);

G_END_DECLS
