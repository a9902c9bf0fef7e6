/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rating parser (likert-scale) on any cells (one per line): never a crash, and what it
 * says agrees with itself: an integer likert_scale_parse_int reads classifies as INT with the
 * same value; a label likert_scale_parse_label reads classifies as LABEL of a known scale
 * with the same point (1–5); every MIXED cell splits (likert_scale_split_mixed) into the same
 * number and a label inside the cell; the scale guessed from the values is a range. */
#include "config.h"

#include "likert-scale.h"
#include "fuzz-common.h"

static void
check_cell (const char *cell)
{
  int value = -12345, int_value = 0, label_value = 0, mixed_value = 0;
  guint label_scale = 999;
  LikertCellKind kind = likert_scale_classify (cell, &value, &label_scale);
  const char *label = NULL;
  gsize label_length = 0;
  gboolean split;

  FUZZ_CHECK (kind >= LIKERT_CELL_MISSING && kind <= LIKERT_CELL_TEXT);
  FUZZ_CHECK (likert_scale_classify (cell, NULL, NULL) == kind);
  if (kind == LIKERT_CELL_LABEL || kind == LIKERT_CELL_MIXED)
    {
      FUZZ_CHECK (label_scale > LIKERT_LABEL_SCALE_NONE && label_scale < LIKERT_N_LABEL_SCALES);
      FUZZ_CHECK (likert_scale_label_name (label_scale) != NULL);
    }
  else
    FUZZ_CHECK (label_scale == LIKERT_LABEL_SCALE_NONE);
  if (kind == LIKERT_CELL_MISSING || kind == LIKERT_CELL_DECIMAL || kind == LIKERT_CELL_TEXT)
    FUZZ_CHECK (value == 0);
  if (kind == LIKERT_CELL_LABEL)
    {
      FUZZ_CHECK (value >= 1 && value <= 5);
      FUZZ_CHECK (likert_scale_canonical_label (label_scale, value, "fr") != NULL);
    }

  if (likert_scale_parse_int (cell, &int_value))
    {
      FUZZ_CHECK (kind == LIKERT_CELL_INT);
      FUZZ_CHECK (value == int_value);
    }
  if (likert_scale_parse_label (cell, &label_value))
    {
      FUZZ_CHECK (label_value >= 1 && label_value <= 5);
      FUZZ_CHECK (kind == LIKERT_CELL_LABEL);
      FUZZ_CHECK (value == label_value);
    }

  split = likert_scale_split_mixed (cell, &mixed_value, &label, &label_length);
  if (kind == LIKERT_CELL_MIXED)
    {
      FUZZ_CHECK (split);
      FUZZ_CHECK (mixed_value == value);
    }
  if (split)
    {
      FUZZ_CHECK (label >= cell && label + label_length <= cell + strlen (cell));
      FUZZ_CHECK (label_length > 0);
      FUZZ_CHECK (g_utf8_validate (label, (gssize) label_length, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(GStrv) cells = fuzz_cells (data, size);
  int min_seen = G_MAXINT, max_seen = G_MININT;

  for (guint i = 0; cells[i] != NULL; i++)
    {
      int value;

      check_cell (cells[i]);
      if (likert_scale_classify (cells[i], &value, NULL) == LIKERT_CELL_INT)
        {
          min_seen = MIN (min_seen, value);
          max_seen = MAX (max_seen, value);
        }
    }
  if (cells[0] != NULL && min_seen <= max_seen)
    {
      int scale_min = 0, scale_max = 0;

      likert_scale_guess_range (min_seen, max_seen, cells[0], &scale_min, &scale_max);
      FUZZ_CHECK (scale_min <= scale_max);
    }
  return 0;
}
