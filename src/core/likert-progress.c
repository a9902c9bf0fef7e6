/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-progress"

#include "config.h"

#include "likert-progress.h"

struct _LikertProgress
{
  GMutex              lock;
  GMainContext       *context;
  LikertProgressFunc  func;
  gpointer            user_data;
  double              fraction;
  gboolean            pending;
  gboolean            stopped;
};

static void
progress_clear (gpointer data)
{
  LikertProgress *self = data;

  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
}

static gboolean
progress_dispatch (gpointer data)
{
  LikertProgress *self = data;
  double fraction;
  gboolean stopped;

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  stopped = self->stopped;
  self->pending = FALSE;
  g_mutex_unlock (&self->lock);

  if (!stopped && self->func != NULL)
    self->func (fraction, self->user_data);
  return G_SOURCE_REMOVE;
}

static void
progress_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_clear);
}

LikertProgress *
likert_progress_new (GMainContext       *context,
                     LikertProgressFunc  func,
                     gpointer            user_data)
{
  LikertProgress *self = g_atomic_rc_box_new0 (LikertProgress);

  g_mutex_init (&self->lock);
  self->context = context ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  self->func = func;
  self->user_data = user_data;
  return self;
}

void
likert_progress_report (LikertProgress *self,
                        double          fraction)
{
  gboolean schedule;

  g_mutex_lock (&self->lock);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  schedule = !self->pending && !self->stopped;
  self->pending = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, progress_dispatch,
                             g_atomic_rc_box_acquire (self), progress_unref);
      g_source_set_static_name (source, "[likert] progress");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

void
likert_progress_forward (double   fraction,
                         gpointer user_data)
{
  likert_progress_report (user_data, fraction);
}

void
likert_progress_free (LikertProgress *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  g_mutex_unlock (&self->lock);
  progress_unref (self);
}
