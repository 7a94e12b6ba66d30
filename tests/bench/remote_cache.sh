#!/usr/bin/env bash
# The team cache over HTTP, measured in one run: a colleague's remote hit vs a
# local hit vs computing, for one model. Starts its own nginx (WebDAV PUT) on
# a free loopback port and stops it. Reports, asserts nothing.
#
#   tests/bench/remote_cache.sh BUILD [MODEL.cpp]   (default: models/bolt_and_nut.cpp)
#
# Each client has its own cache folder; scripts are compiled beforehand (they
# are never shared), so the times compare geometry work and transfers.
set -uo pipefail

BUILD=$(cd "${1:-build}" && pwd) || exit 2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODEL=$(realpath "${2:-$ROOT/models/bolt_and_nut.cpp}")
LAZYCAD=$BUILD/bin/lazycad
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$LAZYCAD" ] || { echo "remote_cache.sh: $LAZYCAD not built" >&2; exit 2; }
[ -x "$NGINX" ] || { echo "remote_cache.sh: nginx is not installed (make deps)" >&2; exit 2; }
WORK=$BUILD/bench/remote
rm -rf "$WORK"
mkdir -p "$WORK/nginx/data" "$WORK/logs"

# A free port: nobody answers on it.
for _ in $(seq 50); do
    PORT=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null || break
done
N=$WORK/nginx
cat >"$N/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $N/body;
    proxy_temp_path $N/proxy;
    fastcgi_temp_path $N/fastcgi;
    uwsgi_temp_path $N/uwsgi;
    scgi_temp_path $N/scgi;
    client_max_body_size 64m;
    server {
        listen 127.0.0.1:$PORT;
        root $N/data;
        location /cache/ { dav_methods PUT; create_full_put_path on; dav_access user:rw; }
    }
}
CONF
"$NGINX" -p "$N" -c "$N/nginx.conf" -e "$N/error.log" >"$N/log" 2>&1 &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null' EXIT
for _ in $(seq 100); do (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.05; done
URL=http://127.0.0.1:$PORT/cache
export LAZYCAD_CACHE_SECRET=bench-secret
unset LAZYCAD_REMOTE_CACHE

# run NAME CLIENT [REMOTE]: one `lazycad run` of the model; prints a row.
run() {
    local name=$1 client=$2 remote=${3-$URL} log=$WORK/logs/${2}-$RANDOM TIMEFORMAT='%R'
    { time LAZYCAD_CACHE_DIR=$WORK/$client "$LAZYCAD" run "$MODEL" ${remote:+--remote-cache "$remote"} \
        --stats=json >"$log" 2>&1; } 2>"$log.time"
    local wall stats
    wall=$(awk '{ printf "%.0f", $1 * 1000 }' "$log.time")
    stats=$(grep '^{' "$log" | tail -1)
    get() { echo "$stats" | grep -o "\"$1\":[-0-9.eE+]*" | cut -d: -f2 | awk '{ printf "%.1f", $1 }'; }
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$wall" "$(get compute_ms)" "$(get load_ms)" \
        "$(get store_ms)" "$(get computed | cut -d. -f1)" "$(get remote_hits | cut -d. -f1)" \
        "$(get disk_hits | cut -d. -f1)"
}

for client in alice bob; do
    LAZYCAD_CACHE_DIR=$WORK/$client "$LAZYCAD" tree "$MODEL" >"$WORK/logs/compile-$client" 2>&1
done
echo "## $(basename "$MODEL"): compute vs remote hit (HTTP, nginx on loopback) vs local hit"
echo
echo "| run | wall ms | compute ms | load ms | store ms | computed | remote hits | local hits |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
run "compute (alice, cold; uploads)" alice
run "remote hit (bob, empty folder)" bob
run "local hit (bob again; HEADs its roots)" bob
run "local hit, no remote configured" bob ""
echo
echo "Entries on the server: $(find "$N/data" -type f | wc -l), $(du -sk "$N/data" | cut -f1) kB."
echo "compute ms is OCCT time summed over threads; load ms includes verifying and parsing the entries."
