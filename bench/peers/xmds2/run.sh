#!/usr/bin/env bash
# Builds the two XMDS2 models beside this script and times them on this machine, for `vmse bench --peers`
# (which reads the "xmds2 sec42" and "xmds2 ex1" lines) or by hand:
#   bench/peers/xmds2/run.sh [WORKDIR]          PATHS=8 bench/peers/xmds2/run.sh   (a quick check)
#   SEC42_EPS="6 8 10" PATHS_8=8 PATHS_10=2 bench/peers/xmds2/run.sh             (the paper's three eps)
# realization42.xmds: Section 4.2 at eps = 2^-E for each E of SEC42_EPS (default 6) on the paper's mesh (4.25)
#                     (M = 6.5 2^E, ceil(T / (eps^1.2/8)) steps, field amplitude D eps^(1/2)), PATHS_E realizations
#                     in one process (PATHS, default 201, at E = 6; 8 at 8; 2 otherwise) -> s/realization.
# example1.xmds:      Section 4.1 example 1 at eps = 2^-8, one solve of 3105 steps -> s.
# accuracy42.xmds:    for each E:M of ARK45_MESH (e.g. "6:360 8:900", vmse's accuracy mesh; unset: skipped),
#                     XMDS2's adaptive ARK45 on the grid M at equal discretization error: ark45.sh.
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
# Realizations (paths) timed at eps = 2^-$1: PATHS at E = 6, else PATHS_E (default 8 at E = 8, 2 otherwise).
paths_at() {
  local var=PATHS_$1 n
  if [ "$1" = 6 ]; then n=$paths; elif [ "$1" = 8 ]; then n=${!var:-8}; else n=${!var:-2}; fi
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "$var must be a positive integer, got '$n'" >&2; exit 2; }
  echo "$n"
}

# The paper's mesh (4.25) at eps = 2^-$1: "M steps amplitude", M = 6.5 2^E, ceil(T / (eps^1.2/8)), D eps^(1/2).
paper_mesh() {
  [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 2 ] && [ "$1" -le 14 ] || { echo "E must be 2..14, got '$1'" >&2; exit 2; }
  awk -v e="$1" 'BEGIN { eps = 2 ^ -e;
    steps = int(0.4 / (eps ^ 1.2 / 8) - 1e-9); if (steps < 0.4 / (eps ^ 1.2 / 8) - 1e-9) steps++;
    printf "%d %d %.17g\n", 6.5 * 2 ^ e, steps, 1.5 * sqrt(eps) }'
}

for e in ${SEC42_EPS:-6}; do
  n=$(paths_at "$e")
  mesh=$(paper_mesh "$e")
  read -r m steps amp <<< "$mesh"
  t=$(build_and_time realization42 "s/paths=\"201\"/paths=\"$n\"/; s|const real eps = 1.0 / 64.0;|const real eps = 1.0 / $((1 << e)).0;|; s|const real amplitude = 1.5 \* 0.125;|const real amplitude = $amp;|; s/lattice=\"416\"/lattice=\"$m\"/; s/steps=\"471\"/steps=\"$steps\"/" "realization42-eps$e")
  [ -n "$t" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work" >&2; exit 1; }
  awk -v s="$t" -v p="$n" -v e="$e" -v m="$m" -v k="$steps" 'BEGIN {
    printf "xmds2 sec42 eps=2^-%d M=%d steps=%d paths=%d: %.4f s/realization\n", e, m, k, p, s / p }'
done
ex1=$(build_and_time example1 "")
[ -n "$ex1" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work" >&2; exit 1; }
awk -v e="$ex1" 'BEGIN { printf "xmds2 ex1 eps=2^-8 (3105 RK4IP steps): %.3f s\n", e }'
if [ -n "${ARK45_MESH:-}" ]; then
  . "$here/ark45.sh"
fi
echo "outputs (models, build and run logs, .xsil densities) in $work"
