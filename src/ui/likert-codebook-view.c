/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "likert-codebook-view"

#include "config.h"

#include <glib/gi18n.h>

#include "likert-codebook-view.h"
#include "likert-codebook.h"

/* How far a subtag stands in from its parent. */
#define INDENT_PX 18
#define SWATCH_PX 14

/* A tag in the list: the tree in display order (parents before children, siblings by name). */
typedef struct
{
  LikertTag  *tag;
  guint       depth;
  char       *path;          /* "A / B / C" */
  guint64     count;         /* responses under the filter with the tag */
  GtkWidget  *row;           /* borrowed: the list owns it */
  GtkLabel   *count_label;
} Node;

typedef enum {
  ASK_ADD_SUBTAG,
  ASK_RENAME,
  ASK_DESCRIBE,
  ASK_SHORTCUT,
  ASK_MOVE,
  ASK_MERGE,
  ASK_DELETE,
} AskKind;

/* What an open dialog asks about; its response "apply" does it. */
typedef struct
{
  LikertCodebookView *self;
  AdwMessageDialog   *dialog;       /* that owns this */
  GtkWidget          *extra;        /* what shows under the body, or NULL */
  AskKind             kind;
  gint64              tag_id;
  gint64              parent_id;    /* ASK_ADD_SUBTAG and ASK_RENAME: where the name goes */
  GtkEntry           *entry;
  GtkLabel           *problem;
  GtkTextView        *text_view;
  GtkDropDown        *choice;
  GArray             *choice_ids;   /* gint64 per item of choice */
  gint64              n_uses;       /* ASK_MERGE: the source's uses */
} Ask;

struct _LikertCodebookView
{
  GtkBox                parent_instance;

  /* template */
  GtkEntry             *new_tag_entry;
  GtkButton            *add_button;
  GtkMenuButton        *file_button;
  GtkLabel             *status_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkListBox           *list;

  LikertStore          *store;
  LikertFrame          *frame;
  char                 *author;
  guint64              *filter;      /* NULL: every row */
  GPtrArray            *nodes;       /* Node *, display order */
  GHashTable           *by_id;       /* gint64 * → Node * */
  AdwMessageDialog     *dialog;      /* weak: the open dialog */
  GtkFileChooserNative *chooser;
  GtkPopover           *palette;     /* weak: the open colour popover */
};

G_DEFINE_FINAL_TYPE (LikertCodebookView, likert_codebook_view, GTK_TYPE_BOX)

enum {
  FILTER_TAG,
  CHANGED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The Okabe–Ito palette, told apart by people with any common colour vision deficiency;
 * black made grey, to show in the dark style too. */
static const struct
{
  const char *colour;
  const char *name;
} palette[] = {
  /* Translators: names of the colours a tag can have, read out by screen readers */
  { "#e69f00", N_("Orange") },
  { "#56b4e9", N_("Sky blue") },
  { "#009e73", N_("Bluish green") },
  { "#f0e442", N_("Yellow") },
  { "#0072b2", N_("Blue") },
  { "#d55e00", N_("Vermilion") },
  { "#cc79a7", N_("Reddish purple") },
  { "#999999", N_("Grey") },
};

/* Helpers */

static void
node_free (gpointer data)
{
  Node *node = data;

  likert_tag_free (node->tag);
  g_free (node->path);
  g_free (node);
}

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_clear_pointer (&ask->choice_ids, g_array_unref);
  g_free (ask);
}

static Ask *
ask_of (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "likert-ask");
}

static Node *
find_node (LikertCodebookView *self,
           gint64              tag_id)
{
  return self->by_id != NULL ? g_hash_table_lookup (self->by_id, &tag_id) : NULL;
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
emit_error (LikertCodebookView *self,
            const GError       *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
emit_error_literal (LikertCodebookView *self,
                    const char         *message)
{
  g_autoptr(GError) error = g_error_new_literal (LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                                                 message);

  emit_error (self, error);
}

/* TRUE when ancestor_id is tag_id or one of its ancestors. */
static gboolean
is_within (LikertCodebookView *self,
           gint64              tag_id,
           gint64              ancestor_id)
{
  for (guint depth = 0; tag_id != 0 && depth <= self->nodes->len; depth++)
    {
      Node *node = find_node (self, tag_id);

      if (tag_id == ancestor_id)
        return TRUE;
      tag_id = node != NULL ? node->tag->parent_id : 0;
    }
  return FALSE;
}

static gboolean
has_children (LikertCodebookView *self,
              gint64              tag_id)
{
  for (guint i = 0; i < self->nodes->len; i++)
    if (((Node *) g_ptr_array_index (self->nodes, i))->tag->parent_id == tag_id)
      return TRUE;
  return FALSE;
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  const LikertTag *tag_a = *(LikertTag * const *) a;
  const LikertTag *tag_b = *(LikertTag * const *) b;
  int order = g_utf8_collate (tag_a->name, tag_b->name);

  return order != 0 ? order : (tag_a->id > tag_b->id) - (tag_a->id < tag_b->id);
}

/* Appends parent_id's subtags (stolen from tags), depth first. */
static void
add_subtree (LikertCodebookView *self,
             GPtrArray          *tags,
             GHashTable         *placed,
             gint64              parent_id,
             guint               depth,
             const char         *parent_path)
{
  for (guint i = 0; i < tags->len; i++)
    {
      LikertTag *tag = g_ptr_array_index (tags, i);
      Node *node;

      if (tag == NULL || tag->parent_id != parent_id || g_hash_table_contains (placed, &tag->id))
        continue;
      node = g_new0 (Node, 1);
      node->tag = tag;
      g_ptr_array_index (tags, i) = NULL;
      node->depth = depth;
      node->path = parent_path != NULL
                   ? g_strconcat (parent_path, LIKERT_CODEBOOK_PATH_SEPARATOR, tag->name, NULL)
                   : g_strdup (tag->name);
      g_ptr_array_add (self->nodes, node);
      g_hash_table_insert (placed, &node->tag->id, node);
      add_subtree (self, tags, placed, node->tag->id, depth + 1, node->path);
    }
}

/* The frame's tags after the codebook changed: new tags added, names followed; when a tag the
 * frame has is gone (a merge that took subtags along), everything read again. */
static void
sync_frame (LikertCodebookView *self)
{
  gboolean stale = FALSE;

  if (self->frame == NULL)
    return;
  for (guint t = 0; t < likert_frame_get_n_tags (self->frame); t++)
    if (find_node (self, likert_frame_get_tag_id (self->frame, t)) == NULL)
      stale = TRUE;
  if (stale)
    {
      g_autoptr(GError) error = NULL;

      if (!likert_frame_reload_tags (self->frame, self->store, &error))
        emit_error (self, error);
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (self->nodes, i);
      gint t = likert_frame_find_tag (self->frame, node->tag->id);

      if (t < 0)
        likert_frame_add_tag (self->frame, node->tag->id, node->tag->name);
      else if (g_strcmp0 (likert_frame_get_tag_name (self->frame, (guint) t), node->tag->name) != 0)
        likert_frame_rename_tag (self->frame, (guint) t, node->tag->name);
    }
}

static void
update_row_label (LikertCodebookView *self,
                  Node               *node)
{
  g_autofree char *count = format_count (node->count);
  g_autofree char *label = NULL;

  gtk_label_set_text (node->count_label, count);
  if (node->tag->shortcut != NULL)
    /* Translators: a tag in the codebook as a screen reader reads it: name, key, how many
     * responses under the current filter have the tag */
    label = g_strdup_printf (ngettext ("%s, key %s, %s response", "%s, key %s, %s responses",
                                       (gulong) MIN (node->count, G_MAXULONG)),
                             node->tag->name, node->tag->shortcut, count);
  else
    /* Translators: a tag in the codebook as a screen reader reads it: name, how many responses
     * under the current filter have the tag */
    label = g_strdup_printf (ngettext ("%s, %s response", "%s, %s responses",
                                       (gulong) MIN (node->count, G_MAXULONG)),
                             node->tag->name, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (node->row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* Counts from the frame's bitmaps, ANDed with the filter. */
static void
update_counts (LikertCodebookView *self)
{
  gsize n_words = self->frame != NULL ? likert_frame_bitmap_words (self->frame) : 0;
  g_autofree guint64 *scratch = g_new0 (guint64, MAX (n_words, 1));

  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (self->nodes, i);
      gint t = self->frame != NULL ? likert_frame_find_tag (self->frame, node->tag->id) : -1;

      node->count = 0;
      if (t >= 0)
        {
          const guint64 *rows = likert_frame_get_tag_rows (self->frame, (guint) t);

          if (self->filter != NULL)
            {
              for (gsize w = 0; w < n_words; w++)
                scratch[w] = rows[w] & self->filter[w];
              rows = scratch;
            }
          node->count = likert_bitmap_count (rows, n_words);
        }
      if (node->row != NULL)
        update_row_label (self, node);
    }
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *colour = user_data;
  double radius = MIN (width, height) / 2.0 - 1.0;
  GdkRGBA fill, ring;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &ring);
  cairo_arc (cr, width / 2.0, height / 2.0, MAX (radius, 1.0), 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.0);
  if (colour != NULL && gdk_rgba_parse (&fill, colour))
    {
      gdk_cairo_set_source_rgba (cr, &fill);
      cairo_fill_preserve (cr);
      /* A faint ring, so that light colours show on a light background. */
      ring.alpha *= 0.3f;
    }
  else
    {
      static const double dash[] = { 2.0, 2.0 };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      ring.alpha *= 0.6f;
    }
  gdk_cairo_set_source_rgba (cr, &ring);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (const char *colour,
            int         size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), swatch_draw, g_strdup (colour), g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             gint64      tag_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (tag_id));
  g_menu_append_item (menu, item);
}

static GMenuModel *
row_menu (gint64 tag_id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) show = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) place = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  append_item (show, _("_Show Responses"), "codebook.filter", tag_id);
  append_item (edit, _("_Add Subtag…"), "codebook.add-subtag", tag_id);
  append_item (edit, _("Re_name…"), "codebook.rename", tag_id);
  append_item (edit, _("_Colour…"), "codebook.recolour", tag_id);
  append_item (edit, _("_Description…"), "codebook.describe", tag_id);
  append_item (edit, _("_Key…"), "codebook.set-shortcut", tag_id);
  append_item (place, _("_Move…"), "codebook.move", tag_id);
  append_item (place, _("Mer_ge Into…"), "codebook.merge", tag_id);
  append_item (remove, _("_Delete…"), "codebook.delete", tag_id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (show));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (place));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  return G_MENU_MODEL (menu);
}

static gint64 row_tag_id (GtkWidget *row);

/* Claimed at once: a click on the swatch is no activation of the row (that filters). */
static void
swatch_pressed_cb (GtkGestureClick    *click,
                   int                 n_press,
                   double              x,
                   double              y,
                   LikertCodebookView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
swatch_released_cb (GtkGestureClick    *click,
                    int                 n_press,
                    double              x,
                    double              y,
                    LikertCodebookView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (gtk_event_controller_get_widget (
                                              GTK_EVENT_CONTROLLER (click)),
                                            GTK_TYPE_LIST_BOX_ROW);

  if (row != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "codebook.recolour", "x", row_tag_id (row));
}

static GtkWidget *
make_row (LikertCodebookView *self,
          Node               *node)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch;
  GtkGesture *click;
  GtkWidget *name = gtk_label_new (node->tag->name);
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = row_menu (node->tag->id);
  g_autofree char *colour_label = NULL;
  g_autofree char *menu_label = NULL;

  gtk_widget_set_margin_start (box, (int) (MIN (node->depth, 12) * INDENT_PX));

  /* A click on the swatch opens the palette; from the keyboard, the menu's Colour… does. */
  swatch = swatch_new (node->tag->colour, SWATCH_PX);
  gtk_widget_add_css_class (swatch, "tag-swatch");
  gtk_widget_set_tooltip_text (swatch, _("Change Colour"));
  /* Translators: the swatch that shows (and changes) a tag's colour; %s is the tag's name */
  colour_label = g_strdup_printf (_("Colour of “%s”"), node->tag->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  colour_label, -1);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (swatch_pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (swatch_released_cb), self);
  gtk_widget_add_controller (swatch, GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_margin_start (swatch, 4);
  gtk_widget_set_margin_end (swatch, 2);
  gtk_box_append (GTK_BOX (box), swatch);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "tag-name");
  if (node->tag->description != NULL && *node->tag->description != '\0')
    gtk_widget_set_tooltip_text (name, node->tag->description);
  gtk_box_append (GTK_BOX (box), name);

  if (node->tag->shortcut != NULL)
    {
      GtkWidget *key = gtk_label_new (node->tag->shortcut);
      g_autofree char *tooltip = NULL;

      /* Translators: tooltip of a tag's key in the codebook */
      tooltip = g_strdup_printf (_("Key: %s"), node->tag->shortcut);
      gtk_widget_set_tooltip_text (key, tooltip);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_add_css_class (key, "monospace");
      gtk_widget_add_css_class (key, "tag-shortcut");
      gtk_box_append (GTK_BOX (box), key);
    }

  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_label_set_width_chars (GTK_LABEL (count), 4);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "tag-count");
  gtk_widget_set_tooltip_text (count, _("Responses with this tag under the current filter"));
  gtk_box_append (GTK_BOX (box), count);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (menu_button), FALSE);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (menu_button, _("Tag Menu"));
  /* Translators: the menu button of a tag in the codebook; %s is the tag's name */
  menu_label = g_strdup_printf (_("Menu of “%s”"), node->tag->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  menu_label, -1);
  gtk_box_append (GTK_BOX (box), menu_button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (node->depth > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    node->path, -1);
  g_object_set_data (G_OBJECT (row), "likert-tag-id", &node->tag->id);
  g_object_set_data (G_OBJECT (row), "likert-menu-button", menu_button);
  g_object_set_data (G_OBJECT (row), "likert-swatch", swatch);
  node->row = row;
  node->count_label = GTK_LABEL (count);
  return row;
}

static void
remove_rows (LikertCodebookView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* Reads the codebook, rebuilds the list (keeping focus on focus_id's row when given) and
 * brings the frame's tags up to date. */
static void
rebuild (LikertCodebookView *self,
         gint64              focus_id)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GHashTable) placed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  Node *focus;

  remove_rows (self);
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->nodes, 0);

  if (self->store != NULL)
    {
      tags = likert_store_list_tags (self->store, &error);
      if (tags == NULL)
        emit_error (self, error);
    }
  if (tags != NULL)
    {
      g_ptr_array_set_free_func (tags, (GDestroyNotify) likert_tag_free);
      g_ptr_array_sort (tags, compare_tags);
      add_subtree (self, tags, placed, 0, 0, NULL);
      /* Tags whose parent is missing (a damaged file) show at the top level. */
      for (guint i = 0; i < tags->len; i++)
        {
          LikertTag *tag = g_ptr_array_index (tags, i);

          if (tag != NULL && !g_hash_table_contains (placed, &tag->id))
            {
              gint64 parent_id = tag->parent_id;

              add_subtree (self, tags, placed, parent_id, 0, NULL);
            }
        }
    }
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *node = g_ptr_array_index (self->nodes, i);

      g_hash_table_insert (self->by_id, &node->tag->id, node);
    }

  sync_frame (self);
  for (guint i = 0; i < self->nodes->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (self->nodes, i)));
  update_counts (self);

  gtk_stack_set_visible_child_name (self->stack, self->nodes->len > 0 ? "list" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_tag_entry), self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.import", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.export", self->nodes->len > 0);

  focus = focus_id != 0 ? find_node (self, focus_id) : NULL;
  if (focus != NULL)
    gtk_widget_grab_focus (focus->row);
}

/* After an edit: the list, the frame, and whoever listens. */
static void
edited (LikertCodebookView *self,
        gint64              focus_id)
{
  rebuild (self, focus_id);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gint64
row_tag_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "likert-tag-id");

  return id != NULL ? *id : 0;
}

/* The tag of the row that has the focus (or holds the widget that has it), or 0. */
static gint64
focused_tag (LikertCodebookView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return 0;
  row = GTK_IS_LIST_BOX_ROW (focus) ? focus : gtk_widget_get_ancestor (focus,
                                                                       GTK_TYPE_LIST_BOX_ROW);
  return row != NULL ? row_tag_id (row) : 0;
}

/* Dialogs */

static void
ask_set_problem (Ask        *ask,
                 const char *problem)
{
  gboolean shown = problem != NULL && *problem != '\0';

  gtk_label_set_text (ask->problem, shown ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (ask->problem), shown);
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
ask_validate (AdwMessageDialog *dialog,
              Ask              *ask)
{
  LikertCodebookView *self = ask->self;
  g_autofree char *text = ask->entry != NULL ? entry_text (ask->entry) : NULL;
  g_autofree char *problem = NULL;
  gboolean ok = TRUE;

  switch (ask->kind)
    {
    case ASK_ADD_SUBTAG:
    case ASK_RENAME:
      {
        gint64 other;

        if (*text == '\0')
          ok = FALSE;
        else if (strstr (text, LIKERT_CODEBOOK_PATH_SEPARATOR) != NULL)
          {
            /* Translators: %s is " / ", what separates the names of a tag path */
            problem = g_strdup_printf (_("A tag’s name cannot hold “%s”."),
                                       LIKERT_CODEBOOK_PATH_SEPARATOR);
            ok = FALSE;
          }
        else if ((other = likert_codebook_find (self->store, ask->parent_id, text)) != 0
                 && other != ask->tag_id)
          {
            problem = g_strdup_printf (_("There is already a tag “%s” here."), text);
            ok = FALSE;
          }
      }
      break;
    case ASK_SHORTCUT:
      {
        gint64 other = *text != '\0' ? likert_codebook_find_shortcut (self->store, text) : 0;
        Node *node = other != 0 && other != ask->tag_id ? find_node (self, other) : NULL;

        if (node != NULL)
          {
            /* Translators: a key already taken; the second %s is a tag's name */
            problem = g_strdup_printf (_("“%s” is already the key of “%s”."), text,
                                       node->tag->name);
            ok = FALSE;
          }
      }
      break;
    case ASK_MOVE:
      {
        guint selected = gtk_drop_down_get_selected (ask->choice);

        ok = selected < ask->choice_ids->len
             && g_array_index (ask->choice_ids, gint64, selected) != ask->parent_id;
      }
      break;
    case ASK_MERGE:
      {
        guint selected = gtk_drop_down_get_selected (ask->choice);
        Node *source = find_node (self, ask->tag_id);
        Node *target = selected < ask->choice_ids->len
                       ? find_node (self, g_array_index (ask->choice_ids, gint64, selected))
                       : NULL;
        g_autofree char *uses = format_count ((guint64) ask->n_uses);
        g_autoptr(GString) body = g_string_new (NULL);

        ok = source != NULL && target != NULL;
        if (ok)
          {
            /* Translators: %1$s responses, %2$s the tag merged, %3$s the tag it merges into */
            g_string_printf (body, ngettext ("The %1$s response tagged “%2$s” will be tagged "
                                             "“%3$s” instead, and “%2$s” will be deleted.",
                                             "The %1$s responses tagged “%2$s” will be tagged "
                                             "“%3$s” instead, and “%2$s” will be deleted.",
                                             (gulong) MIN ((guint64) ask->n_uses, G_MAXULONG)),
                             uses, source->tag->name, target->path);
            if (has_children (self, ask->tag_id))
              {
                g_string_append_c (body, ' ');
                /* Translators: %s is a tag's name */
                g_string_append_printf (body, _("Its subtags move under “%s”; a subtag whose "
                                                "name is already there merges with it."),
                                        target->tag->name);
              }
            adw_message_dialog_set_body (dialog, body->str);
          }
      }
      break;
    case ASK_DESCRIBE:
    case ASK_DELETE:
    default:
      break;
    }
  if (ask->problem != NULL)
    ask_set_problem (ask, problem);
  adw_message_dialog_set_response_enabled (dialog, "apply", ok);
}

static void
ask_entry_changed_cb (GtkEditable      *editable,
                      AdwMessageDialog *dialog)
{
  ask_validate (dialog, ask_of (dialog));
}

static void
ask_choice_notify_cb (GObject          *object,
                      GParamSpec       *pspec,
                      AdwMessageDialog *dialog)
{
  ask_validate (dialog, ask_of (dialog));
}

/* Enter in the entry answers as the default button would. */
static void
ask_entry_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  if (!adw_message_dialog_get_response_enabled (dialog, "apply"))
    return;
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "apply");
  if (gtk_widget_get_visible (GTK_WIDGET (dialog)))
    gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static void
ask_apply (LikertCodebookView *self,
           Ask                *ask)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ask->entry != NULL ? entry_text (ask->entry) : NULL;
  gint64 focus_id = ask->tag_id;
  gboolean ok = FALSE;

  if (self->store == NULL || (ask->kind != ASK_ADD_SUBTAG && find_node (self, ask->tag_id) == NULL))
    return;

  switch (ask->kind)
    {
    case ASK_ADD_SUBTAG:
      {
        gint64 id = likert_codebook_create (self->store, text, ask->tag_id, NULL, NULL, NULL,
                                            self->author, &error);

        ok = id != 0;
        focus_id = id;
      }
      break;
    case ASK_RENAME:
      ok = likert_codebook_rename (self->store, ask->tag_id, text, self->author, &error);
      if (ok && self->frame != NULL && likert_frame_find_tag (self->frame, ask->tag_id) >= 0)
        likert_frame_rename_tag (self->frame,
                                 (guint) likert_frame_find_tag (self->frame, ask->tag_id), text);
      break;
    case ASK_DESCRIBE:
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (ask->text_view);
        GtkTextIter start, end;
        g_autofree char *description = NULL;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        description = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
        ok = likert_codebook_set_description (self->store, ask->tag_id, description,
                                              self->author, &error);
      }
      break;
    case ASK_SHORTCUT:
      ok = likert_codebook_set_shortcut (self->store, ask->tag_id, text, self->author, &error);
      break;
    case ASK_MOVE:
      {
        guint selected = gtk_drop_down_get_selected (ask->choice);

        if (selected >= ask->choice_ids->len)
          return;
        ok = likert_codebook_move (self->store, ask->tag_id,
                                   g_array_index (ask->choice_ids, gint64, selected),
                                   self->author, &error);
      }
      break;
    case ASK_MERGE:
      {
        guint selected = gtk_drop_down_get_selected (ask->choice);
        gint64 target_id;
        gint source, target;

        if (selected >= ask->choice_ids->len)
          return;
        target_id = g_array_index (ask->choice_ids, gint64, selected);
        ok = likert_codebook_merge (self->store, ask->tag_id, target_id, self->author, NULL,
                                    &error);
        source = self->frame != NULL ? likert_frame_find_tag (self->frame, ask->tag_id) : -1;
        target = self->frame != NULL ? likert_frame_find_tag (self->frame, target_id) : -1;
        if (ok && source >= 0 && target >= 0)
          likert_frame_merge_tag (self->frame, (guint) source, (guint) target);
        focus_id = target_id;
      }
      break;
    case ASK_DELETE:
      {
        Node *node = find_node (self, ask->tag_id);
        gint t;

        focus_id = node != NULL ? node->tag->parent_id : 0;
        ok = likert_codebook_delete (self->store, ask->tag_id, self->author, NULL, &error);
        t = self->frame != NULL ? likert_frame_find_tag (self->frame, ask->tag_id) : -1;
        if (ok && t >= 0)
          likert_frame_remove_tag (self->frame, (guint) t);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      emit_error (self, error);
      return;
    }
  edited (self, focus_id);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  Ask *ask = ask_of (dialog);

  if (g_strcmp0 (response, "apply") == 0 && ask->self != NULL)
    ask_apply (ask->self, ask);
}

static Ask *
ask_new (LikertCodebookView *self,
         AskKind             kind,
         gint64              tag_id,
         const char         *heading,
         const char         *body,
         const char         *apply_label,
         gboolean            destructive)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  Ask *ask = g_new0 (Ask, 1);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "apply", apply_label);
  adw_message_dialog_set_response_appearance (dialog, "apply",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE
                                                          : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (!destructive)
    adw_message_dialog_set_default_response (dialog, "apply");

  ask->self = self;
  ask->dialog = dialog;
  ask->kind = kind;
  ask->tag_id = tag_id;
  g_object_set_data_full (G_OBJECT (dialog), "likert-ask", ask, ask_free);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), NULL);

  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  return ask;
}

/* The box under the body that entries and choices go in. */
static GtkBox *
ask_box (Ask *ask)
{
  if (ask->extra == NULL)
    ask->extra = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  return GTK_BOX (ask->extra);
}

static GtkLabel *
ask_add_problem (GtkBox *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problem"), -1);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
ask_add_entry (Ask        *ask,
               const char *text,
               const char *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_box_append (ask_box (ask), entry);
  ask->entry = GTK_ENTRY (entry);
  ask->problem = ask_add_problem (ask_box (ask));
  g_signal_connect (entry, "changed", G_CALLBACK (ask_entry_changed_cb), ask->dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (ask_entry_activate_cb), ask->dialog);
}

static void
ask_add_choice (Ask           *ask,
                GtkStringList *items,
                guint          selected,
                const char    *accessible_label)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                           "string");
  GtkWidget *choice = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (items)), expression);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (choice), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_box_append (ask_box (ask), choice);
  ask->choice = GTK_DROP_DOWN (choice);
  g_signal_connect (choice, "notify::selected", G_CALLBACK (ask_choice_notify_cb), ask->dialog);
}

static void
ask_present (Ask *ask)
{
  AdwMessageDialog *dialog = ask->dialog;

  if (ask->extra != NULL)
    adw_message_dialog_set_extra_child (dialog, ask->extra);
  ask_validate (dialog, ask);
  gtk_window_present (GTK_WINDOW (dialog));
  if (ask->entry != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (ask->entry));
}

/* Actions */

/* How many responses have node's tag; −1 after emitting the error. */
static gint64
count_uses (LikertCodebookView *self,
            Node               *node)
{
  g_autoptr(GError) error = NULL;
  gint64 n_uses = likert_codebook_count_uses (self->store, node->tag->id, &error);

  if (n_uses < 0)
    emit_error (self, error);
  return n_uses;
}

static Node *
action_node (LikertCodebookView *self,
             GVariant           *parameter)
{
  if (self->store == NULL || parameter == NULL)
    return NULL;
  return find_node (self, g_variant_get_int64 (parameter));
}

static void
action_create (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LikertCodebookView *self = LIKERT_CODEBOOK_VIEW (widget);
  g_autofree char *name = entry_text (self->new_tag_entry);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->store == NULL)
    return;
  if (*name == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->new_tag_entry));
      return;
    }
  /* New top-level tags take the palette's colours in turn. */
  id = likert_codebook_create (self->store, name, 0,
                               palette[self->nodes->len % G_N_ELEMENTS (palette)].colour,
                               NULL, NULL, self->author, &error);
  if (id == 0)
    {
      emit_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->new_tag_entry), "");
  edited (self, 0);
}

static void
tag_filter (LikertCodebookView *self,
            Node               *node)
{
  g_signal_emit (self, signals[FILTER_TAG], 0, node->tag->id);
}

static void
tag_add_subtag (LikertCodebookView *self,
                Node               *node)
{
  g_autofree char *heading = NULL;
  Ask *ask;

  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("New Subtag of “%s”"), node->tag->name);
  ask = ask_new (self, ASK_ADD_SUBTAG, node->tag->id, heading, NULL, _("_Add"), FALSE);
  ask->parent_id = node->tag->id;
  ask_add_entry (ask, NULL, _("Name of the new subtag"));
  ask_present (ask);
}

static void
tag_rename (LikertCodebookView *self,
            Node               *node)
{
  g_autofree char *heading = NULL;
  Ask *ask;

  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Rename “%s”"), node->tag->name);
  ask = ask_new (self, ASK_RENAME, node->tag->id, heading,
                 _("The responses that have the tag keep it under its new name."),
                 _("_Rename"), FALSE);
  ask->parent_id = node->tag->parent_id;
  ask_add_entry (ask, node->tag->name, _("New name"));
  ask_present (ask);
  gtk_editable_select_region (GTK_EDITABLE (ask->entry), 0, -1);
}

static void
tag_describe (LikertCodebookView *self,
              Node               *node)
{
  g_autofree char *heading = NULL;
  GtkWidget *scrolled, *view;
  Ask *ask;

  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Description of “%s”"), node->tag->name);
  ask = ask_new (self, ASK_DESCRIBE, node->tag->id, heading,
                 _("When to apply the tag, for whoever codes the responses."),
                 _("_Save"), FALSE);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            node->tag->description != NULL ? node->tag->description : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Description"), -1);
  ask->text_view = GTK_TEXT_VIEW (view);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  ask->extra = scrolled;
  ask_present (ask);
  gtk_widget_grab_focus (view);
}

static void
tag_set_shortcut (LikertCodebookView *self,
                  Node               *node)
{
  g_autofree char *heading = NULL;
  Ask *ask;

  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Key for “%s”"), node->tag->name);
  ask = ask_new (self, ASK_SHORTCUT, node->tag->id, heading,
                 _("One letter, digit or sign that tags the response in view. Leave it "
                   "empty for no key."),
                 _("_Set"), FALSE);
  ask_add_entry (ask, node->tag->shortcut, _("Key"));
  gtk_entry_set_max_length (ask->entry, 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (ask->entry), 3);
  gtk_entry_set_alignment (ask->entry, 0.5f);
  gtk_widget_set_halign (GTK_WIDGET (ask->entry), GTK_ALIGN_CENTER);
  ask_present (ask);
  gtk_editable_select_region (GTK_EDITABLE (ask->entry), 0, -1);
}

static void
tag_move (LikertCodebookView *self,
          Node               *node)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  guint selected = 0;
  gint64 none = 0;
  Ask *ask;

  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Move “%s”"), node->tag->name);
  ask = ask_new (self, ASK_MOVE, node->tag->id, heading,
                 _("Choose the tag to put it under. Its subtags move with it."),
                 _("_Move"), FALSE);
  ask->parent_id = node->tag->parent_id;
  ask->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (items, _("Top Level"));
  g_array_append_val (ask->choice_ids, none);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *other = g_ptr_array_index (self->nodes, i);

      if (is_within (self, other->tag->id, node->tag->id))
        continue;
      if (other->tag->id == node->tag->parent_id)
        selected = ask->choice_ids->len;
      gtk_string_list_append (items, other->path);
      g_array_append_val (ask->choice_ids, other->tag->id);
    }
  ask_add_choice (ask, items, selected, _("New parent"));
  ask_present (ask);
  gtk_widget_grab_focus (GTK_WIDGET (ask->choice));
}

static void
tag_merge (LikertCodebookView *self,
           Node               *node)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  gint64 n_uses;
  Ask *ask;

  if (self->nodes->len < 2)
    {
      emit_error_literal (self, _("There is no other tag to merge into"));
      return;
    }
  n_uses = count_uses (self, node);
  if (n_uses < 0)
    return;
  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Merge “%s”?"), node->tag->name);
  ask = ask_new (self, ASK_MERGE, node->tag->id, heading, NULL, _("_Merge"), TRUE);
  ask->n_uses = n_uses;
  ask->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->nodes->len; i++)
    {
      Node *other = g_ptr_array_index (self->nodes, i);

      if (other == node)
        continue;
      gtk_string_list_append (items, other->path);
      g_array_append_val (ask->choice_ids, other->tag->id);
    }
  ask_add_choice (ask, items, 0, _("Tag to merge into"));
  ask_present (ask);
  gtk_widget_grab_focus (GTK_WIDGET (ask->choice));
}

static void
tag_delete (LikertCodebookView *self,
            Node               *node)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *uses = NULL;
  gint64 n_uses;

  n_uses = count_uses (self, node);
  if (n_uses < 0)
    return;
  uses = format_count ((guint64) n_uses);
  /* Translators: %s is a tag's name */
  heading = g_strdup_printf (_("Delete “%s”?"), node->tag->name);
  if (n_uses > 0)
    /* Translators: %1$s is a number of responses, %2$s a tag's name */
    g_string_printf (body, ngettext ("%1$s response loses the tag “%2$s”.",
                                     "%1$s responses lose the tag “%2$s”.",
                                     (gulong) MIN ((guint64) n_uses, G_MAXULONG)),
                     uses, node->tag->name);
  else
    g_string_assign (body, _("No response has the tag."));
  if (has_children (self, node->tag->id))
    {
      Node *parent = find_node (self, node->tag->parent_id);

      g_string_append_c (body, ' ');
      if (parent != NULL)
        /* Translators: %s is a tag's name */
        g_string_append_printf (body, _("Its subtags move up, under “%s”."), parent->tag->name);
      else
        g_string_append (body, _("Its subtags move up to the top level."));
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("Undo brings it back."));
  ask_present (ask_new (self, ASK_DELETE, node->tag->id, heading, body->str, _("_Delete"), TRUE));
}

static gboolean
unparent_idle_cb (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
palette_closed_cb (GtkPopover *popover,
                   gpointer    user_data)
{
  /* Unparented once the popover's own handlers are done. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_idle_cb, g_object_ref (popover),
                   g_object_unref);
}

static GtkWidget *
palette_button (gint64      tag_id,
                const char *colour,
                const char *name,
                gboolean    current)
{
  GtkWidget *button = gtk_button_new ();
  g_autofree char *label = NULL;

  gtk_button_set_child (GTK_BUTTON (button), swatch_new (colour, 22));
  gtk_widget_add_css_class (button, "circular");
  /* The current colour stands on a button's background, the others are flat. */
  if (current)
    /* Translators: %s is the name of a colour, the one the tag has */
    label = g_strdup_printf (_("%s (current colour)"), name);
  else
    gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label != NULL ? label : name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "codebook.set-colour");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new ("(xs)", tag_id, colour ? colour : ""));
  return button;
}

static void
tag_recolour (LikertCodebookView *self,
              Node               *node)
{
  GtkWidget *swatch, *grid, *popover;
  graphene_rect_t bounds;
  guint columns = 4;

  if (self->palette != NULL)
    gtk_popover_popdown (self->palette);
  swatch = g_object_get_data (G_OBJECT (node->row), "likert-swatch");
  /* The view holds the popover, pointing at the swatch: rows are rebuilt under it. */
  if (!gtk_widget_compute_bounds (swatch, GTK_WIDGET (self), &bounds))
    graphene_rect_init (&bounds, 0, 0, 1, 1);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    gtk_grid_attach (GTK_GRID (grid),
                     palette_button (node->tag->id, palette[i].colour, _(palette[i].name),
                                     g_strcmp0 (node->tag->colour, palette[i].colour) == 0),
                     (int) (i % columns), (int) (i / columns), 1, 1);
  gtk_grid_attach (GTK_GRID (grid),
                   palette_button (node->tag->id, NULL, _("No Colour"), node->tag->colour == NULL),
                   0, (int) (G_N_ELEMENTS (palette) + columns - 1) / (int) columns, 1, 1);
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                 MAX ((int) bounds.size.width, 1),
                                                 MAX ((int) bounds.size.height, 1) });
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Colours"), -1);
  g_signal_connect (popover, "closed", G_CALLBACK (palette_closed_cb), NULL);
  self->palette = GTK_POPOVER (popover);
  g_object_add_weak_pointer (G_OBJECT (popover), (gpointer *) &self->palette);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
action_set_colour (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LikertCodebookView *self = LIKERT_CODEBOOK_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *colour = NULL;
  gint64 tag_id = 0;

  g_variant_get (parameter, "(x&s)", &tag_id, &colour);
  if (self->store == NULL || find_node (self, tag_id) == NULL)
    return;
  if (self->palette != NULL)
    gtk_popover_popdown (self->palette);
  if (!likert_codebook_recolour (self->store, tag_id, *colour != '\0' ? colour : NULL,
                                 self->author, &error))
    {
      emit_error (self, error);
      return;
    }
  edited (self, tag_id);
}

static void
show_import_summary (LikertCodebookView         *self,
                     const LikertCodebookImport *counts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: the first part of what an import of a codebook did */
  g_string_printf (text, ngettext ("Imported the codebook: %u tag added", "Imported the "
                                   "codebook: %u tags added", counts->n_created),
                   counts->n_created);
  g_string_append (text, " · ");
  /* Translators: tags whose colour, description or key an imported codebook changed */
  g_string_append_printf (text, ngettext ("%u updated", "%u updated", counts->n_updated),
                          counts->n_updated);
  if (counts->n_shortcuts_skipped > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u key left out: another tag had it",
                                              "%u keys left out: other tags had them",
                                              counts->n_shortcuts_skipped),
                              counts->n_shortcuts_skipped);
    }
  gtk_label_set_text (self->status_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) qdc = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Codebooks"));
  gtk_file_filter_add_pattern (all, "*.qdc");
  gtk_file_filter_add_pattern (all, "*.QDC");
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_set_name (qdc, _("REFI-QDA Codebook (.qdc)"));
  gtk_file_filter_add_suffix (qdc, "qdc");
  gtk_file_filter_set_name (csv, _("CSV (.csv)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_add_filter (chooser, qdc);
  gtk_file_chooser_add_filter (chooser, csv);
}

static void
chooser_response_cb (GtkNativeDialog    *native,
                     int                 response,
                     LikertCodebookView *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native))
                    == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      emit_error_literal (self, _("The codebook can only be in a local file"));
      return;
    }
  if (saving ? !likert_codebook_view_export (self, path, &error)
             : !likert_codebook_view_import (self, path, &error))
    emit_error (self, error);
}

static void
open_chooser (LikertCodebookView   *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->store == NULL)
    return;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (saving ? _("Export Codebook")
                                                      : _("Import Codebook"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action,
                                               saving ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (self->chooser));
  if (saving)
    {
      g_autofree char *base = g_path_get_basename (likert_store_get_path (self->store));
      char *dot = strrchr (base, '.');
      g_autofree char *name = NULL;

      if (dot != NULL && dot != base)
        *dot = '\0';
      /* Translators: the file name an exported codebook is offered; %s is the project's */
      name = g_strdup_printf (_("%s codebook.qdc"), base);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (LIKERT_CODEBOOK_VIEW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (LIKERT_CODEBOOK_VIEW (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

/* Keys on a row */

static gboolean
key_action (LikertCodebookView *self,
            const char         *action)
{
  gint64 tag_id = focused_tag (self);

  if (tag_id == 0)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), action, "x", tag_id);
  return TRUE;
}

static gboolean
key_rename_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  return key_action (LIKERT_CODEBOOK_VIEW (widget), "codebook.rename");
}

static gboolean
key_delete_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  return key_action (LIKERT_CODEBOOK_VIEW (widget), "codebook.delete");
}

static gboolean
key_menu_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  LikertCodebookView *self = LIKERT_CODEBOOK_VIEW (widget);
  Node *node = find_node (self, focused_tag (self));

  if (node == NULL)
    return FALSE;
  gtk_menu_button_popup (g_object_get_data (G_OBJECT (node->row), "likert-menu-button"));
  return TRUE;
}

/* Callbacks */

static void
row_activated_cb (GtkListBox         *list,
                  GtkListBoxRow      *row,
                  LikertCodebookView *self)
{
  gint64 tag_id = row_tag_id (GTK_WIDGET (row));

  if (tag_id != 0)
    g_signal_emit (self, signals[FILTER_TAG], 0, tag_id);
}

static void
new_tag_activate_cb (GtkEntry           *entry,
                     LikertCodebookView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.create", NULL);
}

static void
new_tag_changed_cb (GtkEditable        *editable,
                    LikertCodebookView *self)
{
  g_autofree char *name = entry_text (self->new_tag_entry);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.create",
                                 self->store != NULL && *name != '\0');
}

/* The actions on a tag (its id the parameter). */
static const struct
{
  const char *name;
  void      (*run) (LikertCodebookView *self,
                    Node               *node);
} tag_actions[] = {
  { "codebook.filter", tag_filter },
  { "codebook.add-subtag", tag_add_subtag },
  { "codebook.rename", tag_rename },
  { "codebook.recolour", tag_recolour },
  { "codebook.describe", tag_describe },
  { "codebook.set-shortcut", tag_set_shortcut },
  { "codebook.move", tag_move },
  { "codebook.merge", tag_merge },
  { "codebook.delete", tag_delete },
};

static void
action_tag (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LikertCodebookView *self = LIKERT_CODEBOOK_VIEW (widget);
  Node *node = action_node (self, parameter);

  for (guint i = 0; node != NULL && i < G_N_ELEMENTS (tag_actions); i++)
    if (g_str_equal (action_name, tag_actions[i].name))
      {
        tag_actions[i].run (self, node);
        return;
      }
}

/* GObject */

static void
likert_codebook_view_dispose (GObject *object)
{
  LikertCodebookView *self = LIKERT_CODEBOOK_VIEW (object);

  if (self->dialog != NULL)
    {
      AdwMessageDialog *dialog = self->dialog;
      Ask *ask = ask_of (dialog);

      ask->self = NULL;
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->list != NULL)
    remove_rows (self);
  if (self->palette != NULL)
    {
      GtkWidget *palette_popover = GTK_WIDGET (self->palette);

      g_object_remove_weak_pointer (G_OBJECT (palette_popover), (gpointer *) &self->palette);
      self->palette = NULL;
      gtk_widget_unparent (palette_popover);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), LIKERT_TYPE_CODEBOOK_VIEW);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->nodes, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->frame, likert_frame_unref);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->filter, g_free);

  G_OBJECT_CLASS (likert_codebook_view_parent_class)->dispose (object);
}

static void
likert_codebook_view_class_init (LikertCodebookViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = likert_codebook_view_dispose;

  /**
   * LikertCodebookView::filter-tag:
   * @tag_id: the tag the user activated
   *
   * The user asks for the responses that have the tag.
   */
  signals[FILTER_TAG] = g_signal_new ("filter-tag", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * LikertCodebookView::changed:
   *
   * The codebook changed (and the frame's tags with it).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LikertCodebookView::error:
   * @error: what went wrong, translated
   *
   * Something the user should be told once: an edit the codebook refused, a file that could
   * not be read or written.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                 G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/app/likert/Likert/likert-codebook-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, new_tag_entry);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, add_button);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, file_button);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, stack);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LikertCodebookView, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_tag_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_tag_changed_cb);

  gtk_widget_class_install_action (widget_class, "codebook.create", NULL, action_create);
  gtk_widget_class_install_action (widget_class, "codebook.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "codebook.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "codebook.set-colour", "(xs)",
                                   action_set_colour);
  for (guint i = 0; i < G_N_ELEMENTS (tag_actions); i++)
    gtk_widget_class_install_action (widget_class, tag_actions[i].name, "x", action_tag);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, key_rename_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, key_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, key_delete_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, key_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, key_menu_cb, NULL);
}

static void
likert_codebook_view_init (LikertCodebookView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "codebook-view");
  self->nodes = g_ptr_array_new_with_free_func (node_free);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  rebuild (self, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.create", FALSE);
}

/* Public API */

GtkWidget *
likert_codebook_view_new (void)
{
  return g_object_new (LIKERT_TYPE_CODEBOOK_VIEW, NULL);
}

void
likert_codebook_view_set_project (LikertCodebookView *self,
                                  LikertStore        *store,
                                  LikertFrame        *frame,
                                  const char         *author)
{
  g_return_if_fail (LIKERT_IS_CODEBOOK_VIEW (self));
  g_return_if_fail (store == NULL || LIKERT_IS_STORE (store));

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  if (frame != self->frame)
    g_clear_pointer (&self->filter, g_free);
  g_set_object (&self->store, store);
  if (frame != NULL)
    likert_frame_ref (frame);
  g_clear_pointer (&self->frame, likert_frame_unref);
  self->frame = frame;
  g_free (self->author);
  self->author = g_strdup (author);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  rebuild (self, 0);
  new_tag_changed_cb (GTK_EDITABLE (self->new_tag_entry), self);
}

void
likert_codebook_view_set_filter (LikertCodebookView *self,
                                 const guint64      *rows)
{
  g_return_if_fail (LIKERT_IS_CODEBOOK_VIEW (self));

  g_clear_pointer (&self->filter, g_free);
  if (rows != NULL && self->frame != NULL)
    self->filter = g_memdup2 (rows, likert_frame_bitmap_words (self->frame) * sizeof (guint64));
  update_counts (self);
}

void
likert_codebook_view_refresh (LikertCodebookView *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  gboolean same;

  g_return_if_fail (LIKERT_IS_CODEBOOK_VIEW (self));

  /* After tagging, the codebook is most often as it was: then only the counts change. */
  tags = self->store != NULL ? likert_store_list_tags (self->store, NULL) : NULL;
  same = tags != NULL && tags->len == self->nodes->len;
  for (guint i = 0; same && i < tags->len; i++)
    {
      const LikertTag *tag = g_ptr_array_index (tags, i);
      const Node *node = find_node (self, tag->id);

      same = node != NULL && node->tag->parent_id == tag->parent_id
             && g_strcmp0 (node->tag->name, tag->name) == 0
             && g_strcmp0 (node->tag->colour, tag->colour) == 0
             && g_strcmp0 (node->tag->description, tag->description) == 0
             && g_strcmp0 (node->tag->shortcut, tag->shortcut) == 0
             && self->frame != NULL && likert_frame_find_tag (self->frame, tag->id) >= 0;
    }
  if (same)
    update_counts (self);
  else
    rebuild (self, focused_tag (self));
}

static gboolean
has_store (LikertCodebookView  *self,
           GError             **error)
{
  if (self->store != NULL)
    return TRUE;
  g_set_error_literal (error, LIKERT_STORE_ERROR, LIKERT_STORE_ERROR_INVALID,
                       _("No project is open"));
  return FALSE;
}

gboolean
likert_codebook_view_import (LikertCodebookView  *self,
                             const char          *path,
                             GError             **error)
{
  LikertCodebookImport counts = { 0 };

  g_return_val_if_fail (LIKERT_IS_CODEBOOK_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!has_store (self, error))
    return FALSE;
  if (!likert_codebook_import (self->store, path, likert_codebook_format_for_path (path),
                               self->author, &counts, error))
    return FALSE;
  edited (self, 0);
  show_import_summary (self, &counts);
  return TRUE;
}

gboolean
likert_codebook_view_export (LikertCodebookView  *self,
                             const char          *path,
                             GError             **error)
{
  g_return_val_if_fail (LIKERT_IS_CODEBOOK_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!has_store (self, error))
    return FALSE;
  return likert_codebook_export (self->store, path, likert_codebook_format_for_path (path),
                                 error);
}
