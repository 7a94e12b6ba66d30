#!/usr/bin/env bash
# `make bench`: the figures of issue 5, printed as a Markdown table and written
# to BUILD/bench/results.md. It reports and asserts nothing; a failed run shows
# as "error" in its row (its output is kept under BUILD/bench/).
#
#   tests/bench/run.sh BUILD [MODEL.cpp ...]      (default: every models/*.cpp)
#
# Environment: BENCH_WARM_REPS (warm runs per model, default 5),
# BENCH_REPS (in-process repetitions, default 5 / 200 for cache hits),
# BENCH_TWIN_REPS (runs per length of the threaded-rod twin, default 3).
#
# Each model gets its own cache folder under BUILD/bench/cache/. "Cold" means
# no shape in the cache but the script already compiled (compile time is
# section 6), so cold vs warm compares geometry work, not the compiler.
# Section 2 edits the parameter named by a `// bench-edit: NAME` line in the
# model (or sets it: `// bench-edit: NAME=VALUE`), else its first numeric
# param("name", number).
set -uo pipefail

BUILD=$(cd "${1:-build}" && pwd) || exit 2
shift || true
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LAZYCAD=$BUILD/bin/lazycad
WORK=$BUILD/bench
WARM_REPS=${BENCH_WARM_REPS:-5}
if [ $# -gt 0 ]; then MODELS=("$@"); else MODELS=("$ROOT"/models/*.cpp); fi
[ -x "$LAZYCAD" ] || { echo "run.sh: $LAZYCAD not built" >&2; exit 2; }
rm -rf "$WORK/cache" "$WORK/logs"
mkdir -p "$WORK/cache" "$WORK/logs"
# The bench programs compile scripts through the runner: keep those in WORK too.
export LAZYCAD_CACHE_DIR=$WORK/cache/default

# timed LOG CMD...: run CMD (stdout+stderr to LOG); sets MS (wall), CPU
# (user + sys of the process and its children: less sensitive to a busy
# machine than wall time), both in ms, and RC.
timed() {
    local log=$1 TIMEFORMAT='%R %U %S'
    shift
    { time "$@" >"$log" 2>&1; } 2>"$log.time"
    RC=$?
    read -r MS CPU < <(awk '{ printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000 }' "$log.time")
}

# field LOG KEY: a number from the last --stats=json line of LOG ("?" if none).
field() {
    local v
    v=$(grep '^{' "$1" | tail -1 | grep -o "\"$2\":[-0-9.eE+]*" | cut -d: -f2)
    if [[ $v == *.* ]]; then awk -v v="$v" 'BEGIN { printf "%.1f\n", v }'; else echo "${v:-?}"; fi
}
# kv LOG KEY: the value of a "KEY value" line printed by a bench program.
kv() { awk -v k="$2" '$1 == k { print $2 }' "$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "-" }'; }
add() { awk -v a="$1" -v b="$2" -v c="${3:-0}" 'BEGIN { printf "%.1f", a + b + c }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The parameter section 2 edits, and an edited value: numbers grow by 5 %,
# whole numbers by one.
edit_param() {
    local m=$1 name line
    # `// bench-edit: NAME=VALUE` gives the edit outright (for a parameter whose
    # default is not a literal).
    line=$(sed -n 's|^// bench-edit: *\([A-Za-z_][A-Za-z0-9_]*=[^ ]*\).*|\1|p' "$m" | head -1)
    if [ -n "$line" ]; then echo "$line"; return 0; fi
    name=$(sed -n 's|^// bench-edit: *\([A-Za-z_][A-Za-z0-9_]*\).*|\1|p' "$m" | head -1)
    if [ -n "$name" ]; then
        line=$(grep -o "param(\"$name\", *[-0-9.]*" "$m" | head -1)
    else
        line=$(grep -o 'param("[A-Za-z_][A-Za-z0-9_]*", *[-0-9][0-9.]*' "$m" | head -1)
    fi
    [ -n "$line" ] || return 1
    name=$(echo "$line" | sed 's/param("\([^"]*\)".*/\1/')
    local value=${line##*[, ]}
    if [[ $value == *.* ]]; then
        value=$(awk -v v="$value" 'BEGIN { printf "%.6g", v * 1.05 }')
    else
        value=$((value + 1))
    fi
    echo "$name=$value"
}

row() { local IFS='|'; echo "| $* |"; }

out=$WORK/results.md
{
echo "# lazycad benchmarks"
echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)),"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')."
echo "Times are milliseconds: wall clock, and \"cpu\" = user + sys of the process (on a busy machine"
echo "wall time includes waiting for a core). \"eval\" is compute + load + store from \`--stats=json\`"
echo "(compute summed over worker threads). Command: \`tests/bench/run.sh $(basename "$BUILD")\`."
echo
} >"$out"
cat "$out"

declare -A COLD_MS WARM_MS
section() { echo; echo "## $1"; echo; } 
emit() { tee -a "$out"; }

# --- 1 and 6: compile, cold, warm --------------------------------------------------
section "1. Cold vs warm \`lazycad run\` (whole process and evaluation)" | emit
row model nodes "cold ms" "warm ms" "ratio" "cold cpu" "warm cpu" "cpu ratio" "cold eval" "warm eval" "eval ratio" | emit
row --- ---: ---: ---: ---: ---: ---: ---: ---: ---: ---: | emit
declare -A COMPILE_FIRST COMPILE_CACHED COMPILE_CPU
for m in "${MODELS[@]}"; do
    name=$(basename "$m" .cpp)
    cache=$WORK/cache/$name
    log=$WORK/logs/$name
    # Section 6 first: `tree` compiles the script without evaluating anything.
    timed "$log.compile1" "$LAZYCAD" tree "$m" --cache-dir "$cache" -v
    COMPILE_FIRST[$name]=$(sed -n 's/.*script compiled (\([0-9.]*\) ms).*/\1/p' "$log.compile1")
    [ $RC = 0 ] || COMPILE_FIRST[$name]=error
    COMPILE_CPU[$name]=$CPU
    timed "$log.compile2" "$LAZYCAD" tree "$m" --cache-dir "$cache" -v
    COMPILE_CACHED[$name]=$(sed -n 's/.*script loaded from cache (\([0-9.]*\) ms).*/\1/p' "$log.compile2")

    rm -rf "$cache/objects"
    timed "$log.cold" "$LAZYCAD" run "$m" --cache-dir "$cache" --stats=json
    if [ $RC != 0 ]; then row "$name" error - - - - - - - - - | emit; continue; fi
    cold=$MS cold_cpu=$CPU
    cold_eval=$(add "$(field "$log.cold" compute_ms)" "$(field "$log.cold" load_ms)" "$(field "$log.cold" store_ms)")
    warms=() warm_cpus=() warm_evals=()
    for _ in $(seq "$WARM_REPS"); do
        timed "$log.warm" "$LAZYCAD" run "$m" --cache-dir "$cache" --stats=json
        warms+=("$MS")
        warm_cpus+=("$CPU")
        warm_evals+=("$(add "$(field "$log.warm" compute_ms)" "$(field "$log.warm" load_ms)" "$(field "$log.warm" store_ms)")")
    done
    warm=$(echo "${warms[*]}" | median)
    warm_eval=$(echo "${warm_evals[*]}" | median)
    warm_cpu=$(echo "${warm_cpus[*]}" | median)
    COLD_MS[$name]=$cold
    WARM_MS[$name]=$warm
    row "$name" "$(field "$log.cold" nodes)" "$cold" "$warm" "$(ratio "$cold" "$warm")×" \
        "$cold_cpu" "$warm_cpu" "$(ratio "$cold_cpu" "$warm_cpu")×" \
        "$cold_eval" "$warm_eval" "$(ratio "$cold_eval" "$warm_eval")×" | emit
done
# The floor of any run: starting the process and loading its libraries; and
# below that, an empty program linking only the libraries a cache hit needs
# (OCCT's BRep toolkits, built with BIND_NOW, and OpenSSL).
starts=() start_cpus=() floors=()
floor=$WORK/empty-brep-program
echo 'int main() { return 0; }' | c++ -x c++ - -o "$floor" -Wl,--no-as-needed -lTKBRep -lcrypto \
    >"$WORK/logs/floor-build" 2>&1 || floor=
for _ in $(seq "$WARM_REPS"); do
    timed "$WORK/logs/help" "$LAZYCAD" --help
    starts+=("$MS")
    start_cpus+=("$CPU")
    if [ -n "$floor" ]; then
        timed "$WORK/logs/floor" "$floor"
        floors+=("$MS")
    fi
done
echo | emit
echo "Warm: median of $WARM_REPS runs. Process start-up alone (\`lazycad --help\`, $(ldd "$LAZYCAD" | wc -l) shared" | emit
echo "libraries): $(echo "${starts[*]}" | median) ms wall, $(echo "${start_cpus[*]}" | median) ms cpu; an empty" | emit
echo "program linking only TKBRep and libcrypto: $(echo "${floors[*]:-?}" | median) ms wall." | emit

# --- 2: edit one leaf parameter ------------------------------------------------------
section "2. Edit one leaf parameter (cache filled) vs cold" | emit
row model edit "edit ms" "cold ms" "computed / nodes" "disk hits" | emit
row --- --- ---: ---: ---: ---: | emit
for m in "${MODELS[@]}"; do
    name=$(basename "$m" .cpp)
    [ -n "${COLD_MS[$name]:-}" ] || continue
    edit=$(edit_param "$m") || { row "$name" "(no numeric param)" - - - - | emit; continue; }
    log=$WORK/logs/$name.edit
    timed "$log" "$LAZYCAD" run "$m" --cache-dir "$WORK/cache/$name" -D "$edit" --stats=json
    if [ $RC != 0 ]; then row "$name" "$edit" error - - - | emit; continue; fi
    row "$name" "\`$edit\`" "$MS" "${COLD_MS[$name]}" \
        "$(field "$log" computed) / $(field "$log" nodes)" "$(field "$log" disk_hits)" | emit
done

# --- 3: laziness overhead --------------------------------------------------------------
section "3. Laziness overhead: plate_with_holes through lazycad (no cache, 1 job) vs plain OCCT" | emit
twin=$BUILD/bin/bench_overhead_twin
log=$WORK/logs/overhead
if [ -x "$twin" ] && timed "$log" "$twin" "$ROOT/models/plate_with_holes.cpp" "${BENCH_REPS:-5}" && [ $RC = 0 ]; then
    row "in-process, median of $(kv "$log" reps)" "ms" | emit
    row --- ---: | emit
    row "plain OCCT calls (twin)" "$(kv "$log" occt_ms)" | emit
    row "lazycad, --no-cache, --jobs 1" "$(kv "$log" lazycad_ms)" | emit
    row "**overhead vs plain OCCT**" "**$(kv "$log" overhead_pct) %**" | emit
    row "(for reference) plain OCCT + BRepCheck of every boolean result" "$(kv "$log" occt_check_ms)" | emit
    row "(for reference) the same, topology-only BRepCheck" "$(kv "$log" occt_topology_check_ms)" | emit
    row "volumes (twin / lazycad)" "$(kv "$log" occt_volume) / $(kv "$log" lazycad_volume)" | emit
    timed "$log.occt-process" "$twin" --occt-only
    occt_process=$MS occt_cpu=$CPU
    cache=$WORK/cache/plate_with_holes
    "$LAZYCAD" tree "$ROOT/models/plate_with_holes.cpp" --cache-dir "$cache" >/dev/null 2>&1
    rm -rf "$cache/objects"
    timed "$log.lazycad-process" "$LAZYCAD" run "$ROOT/models/plate_with_holes.cpp" --cache-dir "$cache" --jobs 1 --stats=json
    echo | emit
    echo "Whole processes (wall / cpu): twin ${occt_process} / ${occt_cpu} ms; \`lazycad run --jobs 1\` with an empty" | emit
    echo "shape cache (script compiled) ${MS} / ${CPU} ms." | emit
else
    echo "bench_overhead_twin failed or is not built (see $log)" | emit
fi

# --- 4: cache hit vs bare read ------------------------------------------------------------
section "4. Cache hit vs a bare BinTools::Read of the same bytes" | emit
hitbench=$BUILD/bin/bench_cache_hit
row model "payload bytes" "hit ms" "store load ms" "bare read ms" "parse only ms" "hit / bare" "hit / parse" | emit
row --- ---: ---: ---: ---: ---: ---: ---: | emit
for m in "${MODELS[@]}"; do
    name=$(basename "$m" .cpp)
    [ -n "${COLD_MS[$name]:-}" ] || continue
    log=$WORK/logs/$name.hit
    if [ -x "$hitbench" ] && timed "$log" "$hitbench" "$m" "$WORK/cache/$name" "${BENCH_REPS:-200}" && [ $RC = 0 ]; then
        row "$name" "$(kv "$log" payload_bytes)" "$(kv "$log" hit_ms)" "$(kv "$log" load_ms)" \
            "$(kv "$log" bare_ms)" "$(kv "$log" parse_ms)" "$(kv "$log" hit_over_bare)×" \
            "$(kv "$log" hit_over_parse)×" | emit
    else
        row "$name" error - - - - - - | emit
    fi
done
echo | emit
echo "hit: evaluate() of the displayed shapes with the memory cache cleared (graph walk, file read," | emit
echo "header + SHA-256 check, BinTools::Read); store load: the directory store alone; bare read:" | emit
echo "BinTools::Read(shape, file) of the payload alone; parse only: from bytes in memory; medians." | emit

# --- 5: parallel speed-up ---------------------------------------------------------------------
section "5. Parallel speed-up: two_branches, empty shape cache" | emit
m=$ROOT/models/two_branches.cpp
cache=$WORK/cache/two_branches-jobs
"$LAZYCAD" tree "$m" --cache-dir "$cache" >/dev/null 2>&1
row jobs "process ms" "cpu ms" "compute ms (summed)" | emit
row ---: ---: ---: ---: | emit
declare -A JOBS_MS
for j in 1 2; do
    rm -rf "$cache/objects"
    timed "$WORK/logs/jobs$j" "$LAZYCAD" run "$m" --cache-dir "$cache" --jobs $j --stats=json
    JOBS_MS[$j]=$MS
    [ $RC = 0 ] && row "$j" "$MS" "$CPU" "$(field "$WORK/logs/jobs$j" compute_ms)" | emit || row "$j" error - - | emit
done
echo | emit
echo "Speed-up on 2 jobs: $(ratio "${JOBS_MS[1]}" "${JOBS_MS[2]}")× (load average now: $(cut -d' ' -f1-3 /proc/loadavg))." | emit
# The same kind of work without lazycad: what this machine allows at best.
log=$WORK/logs/threads
if [ -x "$twin" ] && timed "$log" "$twin" --threads "$m" "${BENCH_REPS:-3}" && [ $RC = 0 ]; then
    echo | emit
    row "in-process, alternating, median of ${BENCH_REPS:-3}" "1 thread ms" "2 threads ms" "speed-up" | emit
    row --- ---: ---: ---: | emit
    row "lazycad evaluate(), two_branches, no cache" "$(kv "$log" jobs1_ms)" "$(kv "$log" jobs2_ms)" "$(kv "$log" jobs_speedup)×" | emit
    row "plain OCCT: two plate_with_holes twins (ceiling)" "$(kv "$log" serial_ms)" "$(kv "$log" parallel_ms)" "$(kv "$log" speedup)×" | emit
fi

# --- 7: the validity policy's cost (issue 11) ---------------------------------------------------
section "7. Validity policy: cold evaluation with the checks on vs off (in-process, no cache, 1 job)" | emit
log=$WORK/logs/policy
row model "on cpu ms" "off cpu ms" "overhead" "checks" "check ms" "checks on a warm run" | emit
row --- ---: ---: ---: ---: ---: ---: | emit
if [ -x "$twin" ] && "$twin" --policy "${BENCH_REPS:-5}" "${MODELS[@]}" >"$log" 2>&1; then
    while read -r _ name on off pct checks check_ms warm; do
        if [ "$on" = error ]; then row "$name" error - - - - - | emit; continue; fi
        row "$name" "$on" "$off" "$pct %" "$checks" "$check_ms" "$warm" | emit
    done < <(grep '^policy ' "$log")
else
    echo "bench_overhead_twin --policy failed (see $log)" | emit
fi
echo | emit
echo "on: every displayed result checked (BRepCheck, positive volume), every boolean's volume bounded;" | emit
echo "off: LAZYCAD_BENCH_NO_VALIDITY=1 (checks of fillets, sweeps, threads, ... as before). Medians." | emit

# --- 8: warm render vs warm run (issue 14) -------------------------------------------------------
section "8. Warm \`lazycad render\` vs warm \`lazycad run\` of bolt_and_nut, side by side" | emit
log=$WORK/logs/render
m=$ROOT/models/bolt_and_nut.cpp
render_cmd=("$ROOT/tests/bench/render_vs_run.sh" "$LAZYCAD" "$m" "$WORK/cache/render" "$WORK/render" "${BENCH_RENDER_REPS:-7}")
if [ -z "${DISPLAY:-}" ]; then render_cmd=(xvfb-run -a -s "-screen 0 1280x1024x24" "${render_cmd[@]}"); fi
if [ -x "$BUILD/bin/lazycad-render" ] && "${render_cmd[@]}" >"$log" 2>&1; then
    col() { awk -v w="$1" -v c="$2" '$1 == w { print $c }' "$log" | tr '\n' ' '; }
    run_med=$(col pair 2 | median) render_med=$(col pair 3 | median)
    run_min=$(col pair 2 | tr ' ' '\n' | grep -v '^$' | sort -g | head -1)
    render_min=$(col pair 3 | tr ' ' '\n' | grep -v '^$' | sort -g | head -1)
    run_cpu=$(col pair 4 | median) render_cpu=$(col pair 5 | median)
    row "$(grep -c '^pair' "$log") pairs, alternating" "run ms" "render ms" "**render / run**" | emit
    row --- ---: ---: ---: | emit
    row "median, wall" "$run_med" "$render_med" "**$(ratio "$render_med" "$run_med")×**" | emit
    row "min, wall" "$run_min" "$render_min" "$(ratio "$render_min" "$run_min")×" | emit
    row "median, cpu (user + sys)" "$run_cpu" "$render_cpu" "$(ratio "$render_cpu" "$run_cpu")×" | emit
    row "a plain box, render: median wall / cpu" - "$(col box 2 | median) / $(col box 3 | median)" - | emit
    echo | emit
    echo "Each render writes a 1024x768 PNG from the cached meshes (Xvfb, Mesa llvmpipe); render cpu" | emit
    echo "includes Mesa's rasteriser threads. One render's phases (-v): $(sed -n 's/^phases lazycad render: //p' "$log")." | emit
else
    echo "render bench failed or lazycad-render is not built (see $log)" | emit
fi

# --- 9: the threaded rod against a native OCCT program (issue 16) -------------------------------
section "9. Threaded rod: lazycad cold vs its native OCCT twin (M10x1.5, alternating)" | emit
log=$WORK/logs/thread-twin
if [ -x "$BUILD/bin/bench_thread" ] && "$BUILD/bin/bench_thread" --twin "${BENCH_TWIN_REPS:-3}" >"$log" 2>&1; then
    grep -E '^(\||Medians)' "$log" | emit
else
    echo "bench_thread --twin failed (see $log)" | emit
fi

# --- 10: chains of booleans and the graph's own cost (issue 16) ---------------------------------
# BENCH_CHAIN_N holes (default 1000) as a chain of cuts, folded into one n-ary cut, vs
# plate - union_all(holes); the chain link by link (LAZYCAD_BENCH_NO_FOLD=1) only for
# BENCH_UNFOLDED_N holes (default 100): it is O(N^2), 315 s at N = 1000.
section "10. Chain storage: plate - c1 - ... - cN (folded) vs plate - union_all(cs), cold, own cache" | emit
chainbench=$BUILD/bin/bench_chain
log=$WORK/logs/chain
if [ -x "$chainbench" ] && "$chainbench" "$WORK/chain" "${BENCH_CHAIN_N:-1000}" "${BENCH_UNFOLDED_N:-100}" >"$log" 2>&1; then
    row form holes "cold ms" "cold cpu ms" "entries written" "bytes written" "root entry bytes" "bytes / root entry" | emit
    row --- ---: ---: ---: ---: ---: ---: ---: | emit
    for f in chain union_all folded_small unfolded; do
        holes=$(kv "$log" holes)
        case $f in folded_small|unfolded) holes=$(kv "$log" unfolded_holes) ;; esac
        row "$f" "$holes" "$(kv "$log" ${f}_ms)" "$(kv "$log" ${f}_cpu_ms)" "$(kv "$log" ${f}_stored)" "$(kv "$log" ${f}_bytes)" \
            "$(kv "$log" ${f}_entry)" "$(ratio "$(kv "$log" ${f}_bytes)" "$(kv "$log" ${f}_entry)")×" | emit
    done
    echo | emit
    echo "Chain cold / union_all cold: $(ratio "$(kv "$log" chain_ms)" "$(kv "$log" union_all_ms)")× wall, $(ratio "$(kv "$log" chain_cpu_ms)" "$(kv "$log" union_all_cpu_ms)")× cpu. Making a node:" | emit
    echo "$(kv "$log" node_us) µs wall, $(kv "$log" node_cpu_us) µs cpu (median of 5 rounds of 100 000 translates). Entry write $(kv "$log" store_MBps) MB/s," | emit
    echo "read $(kv "$log" load_MBps) MB/s, cpu (the store policy's rates, eval/evaluator.cpp)." | emit
else
    echo "bench_chain failed or is not built (see $log)" | emit
fi

# --- 6: script compile time ------------------------------------------------------------------
section "6. Script compile time" | emit
row model "first compile ms" "cpu ms (whole \`tree\` process)" "cached ms" | emit
row --- ---: ---: ---: | emit
for m in "${MODELS[@]}"; do
    name=$(basename "$m" .cpp)
    row "$name" "${COMPILE_FIRST[$name]:-?}" "${COMPILE_CPU[$name]:-?}" "${COMPILE_CACHED[$name]:-?}" | emit
done
echo | emit
echo "Written to $out"
