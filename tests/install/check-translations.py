#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every language in po/LINGUAS compiles (msgfmt --check) and translates every message of the
sources as they are now: a pot is extracted afresh with xgettext, the way meson's i18n module
does with the glib preset, and each of its messages (context, msgid and plural) must have a
translation in the .po that is neither missing, fuzzy nor empty. po/POTFILES.in must list only
files that exist, and every .c or .ui file under src/ or ui/ with a translatable string.

  check-translations.py SOURCE_ROOT"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib'): mesonbuild/modules/i18n.py PRESET_ARGS['glib'], plus
# the -k_ that mesonbuild/scripts/gettext.py always passes.
XGETTEXT_ARGS = [
    '-k_',
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

# A source file with one of these has translatable strings and belongs in POTFILES.in.
TRANSLATABLE = re.compile(r'(?<![\w])(?:_|N_|C_|NC_)\s*\(\s*"|(?<![\w])n?gettext\s*\(|'
                          r'translatable\s*=\s*"yes"')


def unquote(s):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError('not a quoted string: %r' % s)
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a', 'b': '\b',
               'f': '\f', 'v': '\v'}
    return re.sub(r'\\(.)', lambda m: escapes.get(m.group(1), '\\' + m.group(1)), s[1:-1])


def parse_po(path):
    """The messages of a PO file as a list of dicts: ctxt, id, plural, strs (list), fuzzy.
    Obsolete (#~) entries and the header are left out."""
    messages, cur, field = [], None, None

    def flush():
        nonlocal cur
        # the header (empty msgid, no context) is not a message
        if cur is not None and cur['id'] is not None and (cur['id'] or cur['ctxt'] is not None):
            messages.append(cur)
        cur = None

    def new():
        return {'ctxt': None, 'id': None, 'plural': None, 'strs': {}, 'fuzzy': False}

    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.startswith('#~') or not line.strip():
                if not line.strip():
                    flush()
                continue
            if line.startswith('#'):
                if cur is not None and cur['id'] is not None:
                    flush()
                if cur is None:
                    cur = new()
                if line.startswith('#,') and 'fuzzy' in line:
                    cur['fuzzy'] = True
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line)
            if m:
                kw, idx, value = m.group(1), m.group(2), unquote(m.group(3))
                if kw in ('msgctxt', 'msgid') and cur is not None and cur['id'] is not None \
                        and (kw == 'msgctxt' or cur['strs']):
                    flush()
                if cur is None:
                    cur = new()
                if kw == 'msgstr':
                    field = ('strs', int(idx or 0))
                    cur['strs'][field[1]] = value
                else:
                    field = ({'msgctxt': 'ctxt', 'msgid': 'id', 'msgid_plural': 'plural'}[kw], None)
                    cur[field[0]] = value
                continue
            if line.startswith('"') and cur is not None and field is not None:
                if field[0] == 'strs':
                    cur['strs'][field[1]] += unquote(line)
                else:
                    cur[field[0]] += unquote(line)
                continue
            raise SystemExit('%s:%d: cannot parse %r' % (path, n, line))
    flush()
    return messages


def key(message):
    return (message['ctxt'], message['id'], message['plural'])


def describe(k):
    ctxt, msgid, plural = k
    text = repr(msgid)
    if plural is not None:
        text += ' / plural ' + repr(plural)
    if ctxt is not None:
        text = '[%s] ' % ctxt + text
    return text


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..', '..'))
    po_dir = os.path.join(root, 'po')
    xgettext, msgfmt = shutil.which('xgettext'), shutil.which('msgfmt')
    if not xgettext or not msgfmt:
        print('xgettext or msgfmt not found: skipped')
        sys.exit(77)

    failures = []

    # POTFILES.in: every entry exists; every translatable source is listed.
    potfiles_in = os.path.join(po_dir, 'POTFILES.in')
    with open(potfiles_in, encoding='utf-8') as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            failures.append('po/POTFILES.in lists %s, which does not exist' % path)
    unlisted = []
    for top in ('src', 'ui'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(('.c', '.ui')):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, '/')
                with open(path, encoding='utf-8', errors='replace') as f:
                    if TRANSLATABLE.search(f.read()) and rel not in listed:
                        unlisted.append(rel)
    if unlisted:
        failures.append('files with translatable strings missing from po/POTFILES.in:\n  '
                        + '\n  '.join(unlisted))

    # A pot of the sources as they are now.
    with tempfile.TemporaryDirectory(prefix='likert-pot-') as tmp:
        pot = os.path.join(tmp, 'likert.pot')
        existing = [p for p in listed if os.path.isfile(os.path.join(root, p))]
        files_from = os.path.join(tmp, 'POTFILES')
        with open(files_from, 'w', encoding='utf-8') as f:
            f.write(''.join(p + '\n' for p in existing))
        r = subprocess.run([xgettext, '--package-name=likert', '-f', files_from, '-D', root,
                            '-o', pot] + XGETTEXT_ARGS, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit('xgettext failed:\n' + r.stdout + r.stderr)
        wanted = [key(m) for m in parse_po(pot)]
    if not wanted:
        failures.append('xgettext found no messages in the files of po/POTFILES.in')

    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        languages = [w for line in f if not line.lstrip().startswith('#') for w in line.split()]
    if not languages:
        failures.append('po/LINGUAS lists no language')

    for lang in languages:
        po = os.path.join(po_dir, lang + '.po')
        if not os.path.isfile(po):
            failures.append('%s: po/LINGUAS lists it, but po/%s.po does not exist' % (lang, lang))
            continue
        r = subprocess.run([msgfmt, '--check', '-o', os.devnull, po], capture_output=True,
                           text=True)
        if r.returncode != 0:
            failures.append('%s: msgfmt --check po/%s.po failed:\n%s'
                            % (lang, lang, (r.stdout + r.stderr).rstrip()))
        have = {key(m): m for m in parse_po(po)}
        missing, fuzzy, empty = [], [], []
        for k in wanted:
            m = have.get(k)
            if m is None:
                missing.append(k)
            elif m['fuzzy']:
                fuzzy.append(k)
            elif not m['strs'] or not all(m['strs'].values()):
                empty.append(k)
        for what, keys in (('missing from', missing), ('fuzzy in', fuzzy),
                           ('untranslated (empty msgstr) in', empty)):
            if keys:
                failures.append('%s: %d message%s of the sources %s po/%s.po:\n  %s'
                                % (lang, len(keys), '' if len(keys) == 1 else 's', what, lang,
                                   '\n  '.join(describe(k) for k in keys)))
        if not (missing or fuzzy or empty):
            print('%s: %d messages, all translated' % (lang, len(wanted)))

    if failures:
        sys.exit('\n'.join(failures) + '\n\nUpdate with: meson compile -C BUILDDIR likert-pot '
                 'likert-update-po, then translate the messages above.')


if __name__ == '__main__':
    main()
