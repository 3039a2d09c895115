#!/usr/bin/env bash
# Builds the two XMDS2 models beside this script and times them on this machine, for `vmse bench --peers`
# (which reads the "xmds2 sec42" and "xmds2 ex1" lines) or by hand:
#   bench/peers/xmds2/run.sh [WORKDIR]          PATHS=8 bench/peers/xmds2/run.sh   (a quick check)
#   SEC42_EPS="6 8 10" PATHS_8=8 PATHS_10=2 bench/peers/xmds2/run.sh             (the paper's three eps)
# realization42.xmds: Section 4.2 at eps = 2^-E for each E of SEC42_EPS (default 6) on the paper's mesh (4.25)
#                     (M = 6.5 2^E, ceil(T / (eps^1.2/8)) steps, field amplitude D eps^(1/2)), PATHS_E realizations
#                     in one process (PATHS, default 201, at E = 6; 8 at 8; 2 otherwise) -> s/realization.
# example1.xmds:      Section 4.1 example 1 at eps = 2^-8, one solve of 3105 steps -> s.
# The times are XMDS2's own "Time elapsed for simulation" (the run of the generated program, without compiling
# it). Needs xmds2 (Debian: apt-get install -y xmds2), which brings a C++ compiler and FFTW.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-$(mktemp -d)}
paths=${PATHS:-201}
[[ $paths =~ ^[1-9][0-9]*$ ]] || { echo "PATHS must be a positive integer, got '$paths'" >&2; exit 2; }
command -v xmds2 >/dev/null || { echo "xmds2 is not installed (Debian: apt-get install -y xmds2)" >&2; exit 2; }

# Builds model $1 in $work/$3 (default $1; after the sed edits $2) and runs it; prints its simulation seconds.
build_and_time() {
  local model=$1 edit=$2 dir="$work/${3:-$1}"
  mkdir -p "$dir"
  sed "$edit" "$here/$model.xmds" > "$dir/$model.xmds"
  (cd "$dir" && xmds2 "$model.xmds" > build.log 2>&1) || { echo "xmds2 could not build $model:" >&2;
    tail -n 20 "$dir/build.log" >&2; exit 1; }
  (cd "$dir" && "./$model" > run.log 2>&1) || { echo "$model failed:" >&2; tail -n 20 "$dir/run.log" >&2; exit 1; }
  sed -n 's/^Time elapsed for simulation is: \([0-9.eE+-]*\) seconds.*/\1/p' "$dir/run.log" | tail -n 1
}

# realization42.xmds is written for E = 6; every value that depends on eps is rewritten from it
for literal in 'paths="201"' 'const real eps = 1.0 / 64.0;' 'const real amplitude = 1.5 * 0.125;' \
    'lattice="416"' 'steps="471"'; do
  grep -qF "$literal" "$here/realization42.xmds" || { echo "realization42.xmds: no '$literal' to set" >&2; exit 1; }
done
for e in ${SEC42_EPS:-6}; do
  [[ $e =~ ^[0-9]+$ ]] && [ "$e" -ge 2 ] && [ "$e" -le 14 ] || { echo "SEC42_EPS: E must be 2..14, got '$e'" >&2; exit 2; }
  var=PATHS_$e
  if [ "$e" = 6 ]; then n=$paths; elif [ "$e" = 8 ]; then n=${!var:-8}; else n=${!var:-2}; fi
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$var must be a positive integer, got '$n'" >&2; exit 2; }
  read -r m steps amp < <(awk -v e="$e" 'BEGIN { eps = 2 ^ -e;
    steps = int(0.4 / (eps ^ 1.2 / 8) - 1e-9); if (steps < 0.4 / (eps ^ 1.2 / 8) - 1e-9) steps++;
    printf "%d %d %.17g\n", 6.5 * 2 ^ e, steps, 1.5 * sqrt(eps) }')
  t=$(build_and_time realization42 "s/paths=\"201\"/paths=\"$n\"/; s|const real eps = 1.0 / 64.0;|const real eps = 1.0 / $((1 << e)).0;|; s|const real amplitude = 1.5 \* 0.125;|const real amplitude = $amp;|; s/lattice=\"416\"/lattice=\"$m\"/; s/steps=\"471\"/steps=\"$steps\"/" "realization42-eps$e")
  [ -n "$t" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work" >&2; exit 1; }
  awk -v s="$t" -v p="$n" -v e="$e" -v m="$m" -v k="$steps" 'BEGIN {
    printf "xmds2 sec42 eps=2^-%d M=%d steps=%d paths=%d: %.4f s/realization\n", e, m, k, p, s / p }'
done
ex1=$(build_and_time example1 "")
[ -n "$ex1" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work" >&2; exit 1; }
awk -v e="$ex1" 'BEGIN { printf "xmds2 ex1 eps=2^-8 (3105 RK4IP steps): %.3f s\n", e }'
echo "outputs (models, build and run logs, .xsil densities) in $work"
