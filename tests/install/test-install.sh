#!/bin/sh
# `meson install` into a temporary prefix installs a complete, launchable application.
# Usage: test-install.sh BUILD_DIR
set -eu
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c \
  'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$dest$prefix"

fail() { echo "not installed: $1" >&2; exit 1; }
[ -x "$root/bin/likert" ] || fail bin/likert
[ -x "$root/bin/likert-cli" ] || fail bin/likert-cli
libexecdir=$(meson introspect "$build" --buildoptions | python3 -c \
  'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "libexecdir"))')
[ -x "$root/$libexecdir/likert/likert-cli-full" ] || fail "$libexecdir/likert/likert-cli-full"
for f in share/applications/app.likert.Likert.desktop \
         share/metainfo/app.likert.Likert.metainfo.xml \
         share/glib-2.0/schemas/app.likert.Likert.gschema.xml \
         share/mime/packages/app.likert.Likert.xml \
         share/icons/hicolor/scalable/apps/app.likert.Likert.svg \
         share/icons/hicolor/symbolic/apps/app.likert.Likert-symbolic.svg \
         share/locale/fr/LC_MESSAGES/likert.mo \
         share/locale/ar/LC_MESSAGES/likert.mo \
         share/likert/samples/website-feedback.csv; do
  [ -f "$root/$f" ] || fail "$f"
done

# Launchable from there: the version, and the CLI on the installed sample.
version=$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/bin/likert" --version)
[ "$version" = "likert $(meson introspect "$build" --projectinfo | python3 -c \
  'import json, sys; print(json.load(sys.stdin)["version"])')" ] || fail "likert --version said: $version"
"$root/bin/likert-cli" import "$root/share/likert/samples/website-feedback.csv" -o "$dest/s.likert" >/dev/null
"$root/bin/likert-cli" stats "$dest/s.likert" --json | grep -q '"responses": 5000' || fail "likert-cli stats"
# A command that draws: likert-cli runs the installed likert-cli-full, found from its own folder.
"$root/bin/likert-cli" report "$dest/s.likert" -o "$dest/h.png" >/dev/null
[ -s "$dest/h.png" ] || fail "likert-cli report: no histogram"
echo "installed and launched from $prefix"
