#!/usr/bin/env bash
# One ensemble through a fresh loopback standalone cluster of N one-core workers, measured from outside: the Spark
# job's throughput (samples / spark_seconds from summary.json), the wall time of the whole command, the driver's
# peak heap (largest heap before a collection, from -Xlog:gc) and most live heap (largest after one), and its
# largest resident set (/usr/bin/time). Used for docs/scaling.md.
#   bench/cluster-run.sh N [vmse run arguments after the experiment file...]
#   bench/cluster-run.sh 2 --set eps=2^-6 --set samples=200 --set rte.enabled=false
# Environment: CONF (default conf/paper-sec42.conf), DRIVER_HEAP (default 4g), PORT/UI_PORT (default 7377/8380),
# WORKER_MEMORY (default 1g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workers=${1:?usage: bench/cluster-run.sh N [vmse run arguments]}
shift
conf=${CONF:-conf/paper-sec42.conf}
port=${PORT:-7377}
ui_port=${UI_PORT:-8380}
scratch=$(mktemp -d /tmp/vmse-cluster-run.XXXXXX)
out="$scratch/out"

cd "$root"
submit/cluster up --workers "$workers" --port "$port" --ui-port "$ui_port" --worker-memory "${WORKER_MEMORY:-1g}" \
  >"$scratch/cluster.log" 2>&1 || { cat "$scratch/cluster.log" >&2; exit 1; }
trap 'submit/cluster down >/dev/null 2>&1 || true' EXIT

start=$(date +%s.%N)
JAVA_OPTS="-Xmx${DRIVER_HEAP:-4g} -Xlog:gc:file=$scratch/gc.log" \
  /usr/bin/time -f "%M" -o "$scratch/rss" \
  submit/vmse run "$conf" "$@" --master "spark://127.0.0.1:$port" --out "$out" --quiet >"$scratch/run.log" 2>&1 \
  || { echo "the run failed:" >&2; tail -n 30 "$scratch/run.log" >&2; exit 1; }
end=$(date +%s.%N)

samples=$(grep -o '"samples" *: *[0-9]*' "$out/summary.json" | head -1 | grep -o '[0-9]*$')
spark=$(grep -o '"spark_seconds" *: *[0-9.eE+-]*' "$out/summary.json" | head -1 | grep -o '[0-9.eE+-]*$')
# G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 3.2ms"
read -r before after < <(grep -o '[0-9]*M->[0-9]*M' "$scratch/gc.log" \
  | awk -F'[M>-]+' '{ if ($1 > b) b = $1; if ($2 > a) a = $2 } END { print b + 0, a + 0 }')
awk -v w="$workers" -v n="$samples" -v s="$spark" -v t0="$start" -v t1="$end" -v b="$before" -v a="$after" \
  -v rss="$(cat "$scratch/rss")" 'BEGIN {
  printf "workers %d  samples %d  spark_seconds %.1f  realizations/s %.2f  command wall %.1f s  driver heap: peak %d MB before GC, most live %d MB after GC; driver max RSS %d MB\n",
    w, n, s, n / s, t1 - t0, b, a, rss / 1024 }'
echo "log, gc log and output in $scratch"
