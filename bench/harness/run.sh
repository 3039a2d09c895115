#!/usr/bin/env bash
# Runs one of the measurement harnesses in this folder (single-file Java programs, not part of vmse) against the
# built program: experiments whose figures docs/performance.md reports, kept so that they can be run again.
#   bench/harness/run.sh FieldInTime 8 3          the KL field in time as chosen against exact: eps = 2^-8
#   bench/harness/run.sh StepTime 1664 moving     one RK4IP step with a time-dependent mass filled by a copy
#   bench/harness/run.sh FftwInPlace 1664         FFTW's copies by JNA, by buffer views, and none (on its buffer)
#   bench/harness/run.sh StepTime 1664 moving none    that step with its transforms replaced by no-ops (or copy)
#   bench/harness/run.sh StepTime 416 warm-up 3000 500  a fresh JVM's first steps, ms a block
#   (VMSE_VECTOR_API=off in front: the step's scalar passes)
# Needs a JDK 17+, Maven and FFTW (libfftw3-double3). Time them on a quiet machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../submit/common.sh"
name=${1:?usage: bench/harness/run.sh NAME [arguments]}
shift
build_if_stale
exec java -Xmx2g ${vector_api[@]+"${vector_api[@]}"} -cp "$jar:$lib/*" "$root/bench/harness/$name.java" "$@"
