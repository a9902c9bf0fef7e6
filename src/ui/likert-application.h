/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LIKERT_TYPE_APPLICATION (likert_application_get_type ())
G_DECLARE_FINAL_TYPE (LikertApplication, likert_application, LIKERT, APPLICATION, AdwApplication)

LikertApplication *likert_application_new (void);

G_END_DECLS
