#!/usr/bin/env bash
# Builds kl42.xmds for one Karhunen-Loeve realization at eps = 2^-E on the grid M, runs it on the field file FIELD
# (which `vmse bench --ensemble --peers` writes) and prints
#   xmds2 kl eps=2^-E M=M steps=STEPS early=K algorithm=ALG paths=P attempted=S: SECONDS s/realization
#   xmds2 kl density eps=2^-E M=M algorithm=ALG: PATH-OF-THE-XSIL
# ALG: RK4 (the default) with STEPS equal steps over T = 0.4, in two parts (K = round(STEPS/20) steps, then the
# rest); or ARK45:TOL, XMDS2's adaptive ARK45 at tolerance TOL over the same two parts (S: the steps it attempted).
# P (default 1): identical paths in one process, for a time above XMDS2's 0.01 s resolution. SECONDS: XMDS2's own
# "Time elapsed for simulation" over P (the run, not the compile). The .xsil holds the density at t = K T/STEPS (an
# early time) and at T.
#   bench/peers/xmds2/kl.sh E M STEPS FIELD WORKDIR [ALG] [P]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 5 ] || { echo "usage: kl.sh E M STEPS FIELD WORKDIR [RK4|ARK45:TOL] [PATHS]" >&2; exit 2; }
e=$1 m=$2 steps=$3 field=$4 work=$5 alg=${6:-RK4} paths=${7:-1}
[[ $e =~ ^[0-9]+$ ]] && [ "$e" -ge 2 ] && [ "$e" -le 14 ] || { echo "E must be 2..14, got '$e'" >&2; exit 2; }
[[ $m =~ ^[1-9][0-9]*$ ]] || { echo "M must be a positive integer, got '$m'" >&2; exit 2; }
[[ $steps =~ ^[1-9][0-9]*$ ]] && [ "$steps" -ge 20 ] ||
  { echo "STEPS must be an integer >= 20, got '$steps'" >&2; exit 2; }
[ -r "$field" ] || { echo "FIELD: cannot read '$field'" >&2; exit 2; }
[[ $paths =~ ^[1-9][0-9]*$ ]] || { echo "PATHS must be a positive integer, got '$paths'" >&2; exit 2; }
case $alg in
  RK4) integrator() { echo "algorithm=\"RK4\" interval=\"$1\" steps=\"$2\""; } ;;
  ARK45:*)
    tol=${alg#ARK45:}
    awk -v t="$tol" 'BEGIN { exit !(t + 0 > 0) }' || { echo "ARK45:TOL needs TOL > 0, got '$tol'" >&2; exit 2; }
    integrator() { echo "algorithm=\"ARK45\" interval=\"$1\" tolerance=\"$tol\""; } ;;
  *) echo "ALG must be RK4 or ARK45:TOL, got '$alg'" >&2; exit 2 ;;
esac
command -v xmds2 >/dev/null || { echo "xmds2 is not installed (Debian: apt-get install -y xmds2)" >&2; exit 2; }
for literal in 'const real eps = 1.0 / 64.0;' 'const real amplitude = 0.125;' 'const int gridPoints = 416;' \
    'lattice="416"' 'algorithm="RK4" interval="0.020382165605095544" steps="24"' \
    'algorithm="RK4" interval="0.37961783439490449" steps="447"' '<name>kl42</name>'; do
  grep -qF "$literal" "$here/kl42.xmds" || { echo "kl42.xmds: no '$literal' to set" >&2; exit 1; }
done
# eps, eps^(1/2), the early step count and the two intervals, each to 17 digits
read -r eps amp early first rest <<< "$(awk -v e="$e" -v n="$steps" 'BEGIN { eps = 2 ^ -e; k = int(n / 20 + 0.5);
  printf "%.17g %.17g %d %.17g %.17g\n", eps, sqrt(eps), k, k * 0.4 / n, 0.4 - k * 0.4 / n }')"
dir="$work/kl42-eps$e-M$m-steps$steps-${alg/:/-}-paths$paths"
mkdir -p "$dir"
driver='<driver name="multi-path" paths="'$paths'" />'
[ "$paths" -gt 1 ] || driver=''
sed "s|const real eps = 1.0 / 64.0;|const real eps = $eps;|;
  s|const real amplitude = 0.125;|const real amplitude = $amp;|;
  s|const int gridPoints = 416;|const int gridPoints = $m;|; s|lattice=\"416\"|lattice=\"$m\"|;
  s|algorithm=\"RK4\" interval=\"0.020382165605095544\" steps=\"24\"|$(integrator "$first" "$early")|;
  s|algorithm=\"RK4\" interval=\"0.37961783439490449\" steps=\"447\"|$(integrator "$rest" "$((steps - early))")|;
  s|<name>kl42</name>|&$driver|" "$here/kl42.xmds" > "$dir/kl42.xmds"
(cd "$dir" && xmds2 kl42.xmds > build.log 2>&1) ||
  { echo "xmds2 could not build kl42:" >&2; tail -n 20 "$dir/build.log" >&2; exit 1; }
(cd "$dir" && KL_FIELD=$(realpath "$field") ./kl42 > run.log 2>&1) ||
  { echo "kl42 failed:" >&2; tail -n 20 "$dir/run.log" >&2; exit 1; }
t=$(sed -n 's/^Time elapsed for simulation is: \([0-9.eE+-]*\) seconds.*/\1/p' "$dir/run.log" | tail -n 1)
[ -n "$t" ] || { echo "no 'Time elapsed' line in $dir/run.log" >&2; exit 1; }
# "Attempted N steps" per part and path: the total per path
attempted=$(sed -n 's/^ *Attempted \([0-9]*\) steps.*/\1/p' "$dir/run.log" |
  awk -v p="$paths" '{ s += $1 } END { print int(s / p + 0.5) }')
awk -v e="$e" -v m="$m" -v n="$steps" -v k="$early" -v a="$alg" -v p="$paths" -v s="$attempted" -v t="$t" 'BEGIN {
  printf "xmds2 kl eps=2^-%d M=%d steps=%d early=%d algorithm=%s paths=%d attempted=%d: %.5f s/realization\n",
    e, m, n, k, a, p, s, t / p }'
echo "xmds2 kl density eps=2^-$e M=$m algorithm=$alg: $dir/kl42.xsil"
