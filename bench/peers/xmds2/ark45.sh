# XMDS2's adaptive ARK45 at the discretization error of vmse's accuracy mesh; sourced by run.sh (its functions
# build_and_time, paths_at and paper_mesh, its $here and $work) when ARK45_MESH is set, for `vmse bench --peers`
# (which reads the "xmds2 ark45" lines) or by hand:
#   ARK45_MESH="6:360 8:900" SEC42_EPS="6 8" bench/peers/xmds2/run.sh [WORKDIR]
# For each E:M of ARK45_MESH (M: the accuracy mesh's grid at eps = 2^-E, which vmse chooses), accuracy42.xmds
# (one path, fixed phases: the same problem in every run) is solved
#   - as the reference: RK4 in the interaction picture on the grid 2M with ARK45_REF_FACTOR (default 4) times the
#     paper's step count (4.25) (RK4's time error falls 16-fold per halving of the step);
#   - with ARK45 on the grid M at each tolerance of ARK45_TOLERANCES (default 1e-1 .. 1e-9, decades), loosest
#     first, until the L1 error of the final density against the reference, dx sum_j |rho_j - rho_ref(x_j)|
#     (XMDS2 puts x_j = j L/M on the domain (0, L), so the reference's even points are the grid M's points), is at
#     most ARK45_TARGET (default 4e-5, vmse's mesh.tolerance);
# then the passing tolerance is run again over P identical paths for its time (P: paths_at E, at least
# ARK45_MIN_PATHS, default 50: XMDS2 prints its time to 0.01 s, and one ARK45 solve takes a few hundredths), and
# two lines are printed (the first as soon as the reference is solved, so that vmse can measure its own error
# against XMDS2's reference):
#   xmds2 ark45 reference eps=2^-E M=2M: PATH-OF-ITS-XSIL
#   xmds2 ark45 eps=2^-E M=M tolerance=T error=ERR steps=S paths=P: SECONDS s/realization
# (S: the steps ARK45 attempted, from its log). When no tolerance of the ladder reaches the target (the grid M
# alone misses it), the line is `xmds2 ark45 eps=2^-E M=M tolerance=none error=ERR: above TARGET`, ERR the
# smallest error seen.
target=${ARK45_TARGET:-4e-5}
tolerances=${ARK45_TOLERANCES:-1e-1 1e-2 1e-3 1e-4 1e-5 1e-6 1e-7 1e-8 1e-9}
ref_factor=${ARK45_REF_FACTOR:-4}
min_paths=${ARK45_MIN_PATHS:-50}
[[ $min_paths =~ ^[1-9][0-9]*$ ]] || { echo "ARK45_MIN_PATHS must be a positive integer, got '$min_paths'" >&2; exit 2; }
[[ $ref_factor =~ ^[1-9][0-9]*$ ]] || { echo "ARK45_REF_FACTOR must be a positive integer, got '$ref_factor'" >&2; exit 2; }
awk -v t="$target" 'BEGIN { exit !(t + 0 > 0) }' || { echo "ARK45_TARGET must be > 0, got '$target'" >&2; exit 2; }
for literal in 'const real eps = 1.0 / 64.0;' 'const real amplitude = 1.5 * 0.125;' 'lattice="416"' \
    'algorithm="RK4" interval="0.4" steps="471"' '<name>accuracy42</name>'; do
  grep -qF "$literal" "$here/accuracy42.xmds" || { echo "accuracy42.xmds: no '$literal' to set" >&2; exit 1; }
done

# The final density of an accuracy42 run in folder $1 as "x rho" lines (the data rows of its .xsil).
density() {
  awk 'NF == 2 && $1 ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ && $2 ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/' "$1/accuracy42.xsil"
}

# L1 error of the density in folder $1 (grid M = $3) against the reference in folder $2 (grid 2M), L = 1.625.
l1_error() {
  paste <(density "$1") <(density "$2" | awk 'NR % 2 == 1') | awk -v m="$3" 'BEGIN { dx = 1.625 / m }
    { if (($1 - $3) ^ 2 > 1e-18) { printf "x %s against reference x %s\n", $1, $3 > "/dev/stderr"; bad = 1; exit 1 }
      d = $2 - $4; s += d < 0 ? -d : d; n++ }
    END { if (bad) exit 1; if (n != m) { printf "%d points, expected %d\n", n, m > "/dev/stderr"; exit 1 }
          printf "%.3e\n", s * dx }'
}

for pair in $ARK45_MESH; do
  [[ $pair =~ ^([0-9]+):([1-9][0-9]*)$ ]] || { echo "ARK45_MESH: E:M pairs, got '$pair'" >&2; exit 2; }
  e=${BASH_REMATCH[1]} m=${BASH_REMATCH[2]}
  mesh=$(paper_mesh "$e")
  read -r _ steps amp <<< "$mesh"
  physics="s|const real eps = 1.0 / 64.0;|const real eps = 1.0 / $((1 << e)).0;|; s|const real amplitude = 1.5 \* 0.125;|const real amplitude = $amp;|"
  ref_dir="accuracy42-eps$e-reference"
  build_and_time accuracy42 "$physics; s/lattice=\"416\"/lattice=\"$((2 * m))\"/; s/steps=\"471\"/steps=\"$((ref_factor * steps))\"/" "$ref_dir" > /dev/null
  echo "xmds2 ark45 reference eps=2^-$e M=$((2 * m)): $work/$ref_dir/accuracy42.xsil"
  chosen="" best=""
  for tol in $tolerances; do
    awk -v t="$tol" 'BEGIN { exit !(t + 0 > 0) }' || { echo "ARK45_TOLERANCES: each must be > 0, got '$tol'" >&2; exit 2; }
    adaptive="$physics; s/lattice=\"416\"/lattice=\"$m\"/; s/algorithm=\"RK4\" interval=\"0.4\" steps=\"471\"/algorithm=\"ARK45\" interval=\"0.4\" tolerance=\"$tol\"/"
    dir="accuracy42-eps$e-ark45-$tol"
    build_and_time accuracy42 "$adaptive" "$dir" > /dev/null
    err=$(l1_error "$work/$dir" "$work/$ref_dir" "$m")
    best=$(awk -v a="$best" -v b="$err" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
    if awk -v a="$err" -v t="$target" 'BEGIN { exit !(a + 0 <= t + 0) }'; then
      chosen=$tol
      break
    fi
  done
  if [ -z "$chosen" ]; then
    echo "xmds2 ark45 eps=2^-$e M=$m tolerance=none error=$best: above $target"
    continue
  fi
  attempted=$(sed -n 's/^ *Attempted \([0-9]*\) steps.*/\1/p' "$work/$dir/run.log" | tail -n 1)
  n=$(paths_at "$e")
  [ "$n" -ge "$min_paths" ] || n=$min_paths
  t=$(build_and_time accuracy42 "$adaptive; s|<name>accuracy42</name>|&\n  <driver name=\"multi-path\" paths=\"$n\" />|" "$dir-paths$n")
  [ -n "$t" ] || { echo "no 'Time elapsed' line in the XMDS2 output under $work/$dir-paths$n" >&2; exit 1; }
  awk -v e="$e" -v m="$m" -v tol="$chosen" -v err="$err" -v k="$attempted" -v s="$t" -v p="$n" 'BEGIN {
    printf "xmds2 ark45 eps=2^-%d M=%d tolerance=%s error=%s%s paths=%d: %.4f s/realization\n", e, m, tol, err,
      k == "" ? "" : " steps=" k, p, s / p }'
done
