/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "likert-store.h"

G_BEGIN_DECLS

#define LIKERT_TYPE_IMPORTS_WINDOW (likert_imports_window_get_type ())
G_DECLARE_FINAL_TYPE (LikertImportsWindow, likert_imports_window, LIKERT, IMPORTS_WINDOW, AdwWindow)

/* The imports of a project, newest first: file, checksum, size, encoding, dialect, survey tool,
 * counts and the rows each one skipped, with their reasons. Reads store (the caller's
 * main-thread connection) once, when made. */
LikertImportsWindow      *likert_imports_window_new        (GtkWindow           *parent,
                                                            LikertStore         *store);

/* The imports listed, oldest first as the project records them (for tests). */
guint                     likert_imports_window_get_n_imports (LikertImportsWindow *self);
const LikertImportRecord *likert_imports_window_get_import (LikertImportsWindow *self,
                                                            guint                index);
/* The summary line shown under import index ("10 new · 2 skipped", …), for tests. */
char                     *likert_imports_window_dup_summary (LikertImportsWindow *self,
                                                             guint                index);

G_END_DECLS
