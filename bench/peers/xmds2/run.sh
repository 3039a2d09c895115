#!/usr/bin/env bash
# Builds the two XMDS2 models beside this script and times them on this machine, for `vmse bench --peers`
# (which reads the "xmds2 sec42" line) or by hand:
#   bench/peers/xmds2/run.sh [WORKDIR]          PATHS=8 bench/peers/xmds2/run.sh   (a quick check)
# realization42.xmds: Section 4.2 at eps = 2^-6, PATHS realizations (default 201) in one process -> s/realization.
# example1.xmds:      Section 4.1 example 1 at eps = 2^-8, one solve of 3105 steps -> s.
# The times are XMDS2's own "Time elapsed for simulation" (the run of the generated program, without compiling
# it). Needs xmds2 (Debian: apt-get install -y xmds2), which brings a C++ compiler and FFTW.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-$(mktemp -d)}
paths=${PATHS:-201}
[[ $paths =~ ^[1-9][0-9]*$ ]] || { echo "PATHS must be a positive integer, got '$paths'" >&2; exit 2; }
command -v xmds2 >/dev/null || { echo "xmds2 is not installed (Debian: apt-get install -y xmds2)" >&2; exit 2; }

# Builds model $1 in $work/$1 (after the sed edits $2) and runs it; prints its simulation seconds.
build_and_time() {
  local model=$1 edit=$2 dir="$work/$1"
  mkdir -p "$dir"
  sed "$edit" "$here/$model.xmds" > "$dir/$model.xmds"
  (cd "$dir" && xmds2 "$model.xmds" > build.log 2>&1) || { echo "xmds2 could not build $model:" >&2;
    tail -n 20 "$dir/build.log" >&2; exit 1; }
  (cd "$dir" && "./$model" > run.log 2>&1) || { echo "$model failed:" >&2; tail -n 20 "$dir/run.log" >&2; exit 1; }
  sed -n 's/^Time elapsed for simulation is: \([0-9.eE+-]*\) seconds.*/\1/p' "$dir/run.log" | tail -n 1
}

grep -q 'paths="201"' "$here/realization42.xmds" || { echo "realization42.xmds: no paths=\"201\" to set" >&2; exit 1; }
sec42=$(build_and_time realization42 "s/paths=\"201\"/paths=\"$paths\"/")
ex1=$(build_and_time example1 "")
[ -n "$sec42" ] && [ -n "$ex1" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work" >&2; exit 1; }
awk -v s="$sec42" -v p="$paths" -v e="$ex1" 'BEGIN {
  printf "xmds2 sec42 eps=2^-6: %.4f s/realization; ex1 eps=2^-8 (3105 RK4IP steps): %.3f s\n", s / p, e }'
echo "outputs (models, build and run logs, .xsil densities) in $work"
