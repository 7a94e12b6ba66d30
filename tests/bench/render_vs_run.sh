#!/usr/bin/env bash
# Warm `lazycad render` next to warm `lazycad run` of the same model, one
# after the other, REPS times (section 8 of run.sh). Needs an X display: run.sh
# starts it under xvfb-run when $DISPLAY is unset. Prints one line per pair:
#   pair RUN_MS RENDER_MS RUN_CPU_MS RENDER_CPU_MS
# and, for reference, the same for a plain box: `box RENDER_MS RENDER_CPU_MS`.
#
#   tests/bench/render_vs_run.sh LAZYCAD MODEL.cpp CACHE_DIR OUT_DIR REPS
set -uo pipefail
LAZYCAD=$1 MODEL=$2 CACHE=$3 OUT=$4 REPS=${5:-7}
mkdir -p "$OUT"

# ms LOG CMD...: wall and user+sys in ms, on one line.
ms() {
    local log=$1 TIMEFORMAT='%R %U %S'
    shift
    { time "$@" >"$log" 2>&1; } 2>"$log.time" || { echo "error"; return 1; }
    awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' "$log.time"
}

box=$OUT/box.cpp
printf '#include <lazycad/lazycad.hpp>\nusing namespace lazycad;\nLAZYCAD_MODEL() { display(box(10, 20, 30)); }\n' >"$box"
# Warm everything once: the compiled scripts, the shapes and meshes, Mesa's shader cache.
for m in "$MODEL" "$box"; do
    "$LAZYCAD" render "$m" -o "$OUT/warm-up.png" --cache-dir "$CACHE" >"$OUT/warm-up.log" 2>&1 || { echo "render failed: $(cat "$OUT/warm-up.log")" >&2; exit 1; }
done
"$LAZYCAD" run "$MODEL" --cache-dir "$CACHE" >/dev/null 2>&1
for _ in $(seq "$REPS"); do
    read -r run_ms run_cpu < <(ms "$OUT/run.log" "$LAZYCAD" run "$MODEL" --cache-dir "$CACHE")
    read -r render_ms render_cpu < <(ms "$OUT/render.log" "$LAZYCAD" render "$MODEL" -o "$OUT/model.png" --cache-dir "$CACHE")
    echo "pair $run_ms $render_ms $run_cpu $render_cpu"
    read -r box_ms box_cpu < <(ms "$OUT/box.log" "$LAZYCAD" render "$box" -o "$OUT/box.png" --cache-dir "$CACHE")
    echo "box $box_ms $box_cpu"
done
# Where a render's time goes (-v), from one more run.
"$LAZYCAD" render "$MODEL" -o "$OUT/model.png" --cache-dir "$CACHE" -v 2>&1 | grep '^lazycad render:' | sed 's/^/phases /'
