/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-types"

#include "config.h"

#include <string.h>

#include "likert-types.h"

static const char * const role_names[] = {
  [LIKERT_ROLE_OTHER] = "other",
  [LIKERT_ROLE_ID] = "id",
  [LIKERT_ROLE_TIME] = "time",
  [LIKERT_ROLE_RATING] = "rating",
  [LIKERT_ROLE_TEXT] = "text",
  [LIKERT_ROLE_CATEGORY] = "category",
  [LIKERT_ROLE_LABEL] = "label",
};

static const char * const status_names[] = {
  [LIKERT_STATUS_NEW] = "new",
  [LIKERT_STATUS_REVIEWED] = "reviewed",
  [LIKERT_STATUS_FLAGGED] = "flagged",
  [LIKERT_STATUS_EXCLUDED] = "excluded",
};

const char *
likert_role_to_string (LikertRole role)
{
  if ((guint) role < G_N_ELEMENTS (role_names))
    return role_names[role];
  return "other";
}

LikertRole
likert_role_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (strcmp (str, role_names[i]) == 0)
      return (LikertRole) i;
  return LIKERT_ROLE_OTHER;
}

const char *
likert_status_to_string (LikertStatus status)
{
  if ((guint) status < G_N_ELEMENTS (status_names))
    return status_names[status];
  return "new";
}

gboolean
likert_status_from_string (const char   *text,
                           LikertStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint s = 0; text != NULL && s < G_N_ELEMENTS (status_names); s++)
    if (g_ascii_strcasecmp (text, status_names[s]) == 0)
      {
        *status = (LikertStatus) s;
        return TRUE;
      }
  return FALSE;
}
