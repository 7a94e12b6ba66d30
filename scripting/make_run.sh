#!/usr/bin/env bash
# `make run`: open the viewer on the default model; with no display, export the
# model and render a picture off-screen instead.
set -euo pipefail
build=${1:-build}
model=${2:-models/bolt.cpp}
out=${3:-out}
bin="$build/bin"
name=$(basename "$model" .cpp)
mkdir -p "$out"

if [ -n "${DISPLAY:-}" ] && [ -x "$bin/lazycad-view" ]; then
  exec "$bin/lazycad" view "$model"
fi

echo "make run: no display; exporting $model and rendering a picture instead"
"$bin/lazycad" run "$model" --stats
"$bin/lazycad" export "$model" -o "$out/$name.step"
"$bin/lazycad" export "$model" -o "$out/$name.stl"
if [ -x "$bin/lazycad-render" ] && command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x1024x24" "$bin/lazycad" render "$model" -o "$out/$name.png"
  echo "make run: wrote $out/$name.step, $out/$name.stl and $out/$name.png"
else
  echo "make run: wrote $out/$name.step and $out/$name.stl (no viewer built: no picture)"
fi
