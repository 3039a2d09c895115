#!/usr/bin/env bash
# Runs one of the measurement harnesses in this folder (single-file Java programs, not part of vmse) against the
# built program: experiments whose figures docs/performance.md reports, kept so that they can be run again.
#   bench/harness/run.sh FieldInTime 8 4 24 3     the KL field interpolated in time: eps = 2^-8, E = 4, P = 24
#   bench/harness/run.sh FftwInPlace 1664         FFTW's copies by JNA, by buffer views, and none (on its buffer)
# Needs a JDK 17+, Maven and FFTW (libfftw3-double3). Time them on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../submit/common.sh"
name=${1:?usage: bench/harness/run.sh NAME [arguments]}
shift
build_if_stale
exec java -Xmx2g -cp "$jar:$lib/*" "$root/bench/harness/$name.java" "$@"
