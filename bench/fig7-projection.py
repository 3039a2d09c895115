#!/usr/bin/env python3
"""Fig. 7 (10,000 realizations at eps = 2^-6, 2^-8, 2^-10, Gaussian and uniform xi) projected onto C one-core
executors from measured per-eps figures (docs/scaling.md says where each input comes from).

    python3 bench/fig7-projection.py [--write-mb-s 200] [--cores 16,64,1024]

Model, per ensemble: the blocks (ensemble.blockSize = 8) are cut into P = min(max(64, 4 C), blocks) tasks of equal
size (EnsembleJob.partitions); the tasks run in ceil(P / C) waves; every task's result passes through the driver's one
scheduler thread, which decodes it, stores it as a checkpoint block and merges it, one after another. The ensemble
takes the longer of the compute makespan and (first task + all the driver's serial work). Results that finish in the
same wave wait, decoded, in the driver's memory until that thread takes them: at most min(P, C) of them.
"""
import argparse
import math

# seconds per realization on one core, RK4IP/FFTW (docs/performance.md; conf/paper-sec42.conf for 2^-10)
SECONDS_PER_REALIZATION = {6: 0.025, 8: 0.35, 10: 8.0}
# bytes one task ships back (vmse bench --scaling: result B/task)
RESULT_BYTES = {6: 371571, 8: 2515635, 10: 26666931}
# driver ms per result: decode + merge + encode for the checkpoint (vmse bench --scaling, load average 5)
DRIVER_MS = {6: 0.9 + 0.02 + 0.6, 8: 1.7 + 0.12 + 1.5, 10: 11.7 + 1.89 + 13.3}
# one RTE limit (delta initial data) at dx = dk = 2^-10, dt = 2^-8 (vmse bench --rte); a run solves two
RTE_SECONDS = 8.62
SAMPLES = 10000
BLOCK_SIZE = 8


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-mb-s", type=float, default=200.0,
                        help="the driver's checkpoint write rate, MB/s (assumed; HDFS, three replicas)")
    parser.add_argument("--cores", default="16,64,1024")
    args = parser.parse_args()
    blocks = math.ceil(SAMPLES / BLOCK_SIZE)
    print("cores  eps    tasks  waves  task s   makespan s  driver s/result  driver s  ensemble s  RTE s  "
          "bytes to driver GB  waiting results GB")
    for cores in (int(c) for c in args.cores.split(",")):
        tasks = min(max(64, 4 * cores), blocks)
        per_xi = 0.0
        for e in (6, 8, 10):
            task_seconds = math.ceil(blocks / tasks) * BLOCK_SIZE * SECONDS_PER_REALIZATION[e]
            waves = math.ceil(tasks / cores)
            makespan = waves * task_seconds
            per_result = DRIVER_MS[e] / 1e3 + RESULT_BYTES[e] / (args.write_mb_s * 1e6)
            driver = tasks * per_result
            ensemble = max(makespan, task_seconds + driver)
            rte = 2 * RTE_SECONDS
            per_xi += max(ensemble, rte)
            print(f"{cores:5d}  2^-{e:<3d} {tasks:5d}  {waves:5d}  {task_seconds:7.1f}  {makespan:10.1f}  "
                  f"{per_result:15.3f}  {driver:8.1f}  {ensemble:10.1f}  {rte:5.1f}  "
                  f"{tasks * RESULT_BYTES[e] / 1e9:18.2f}  {min(tasks, cores) * RESULT_BYTES[e] / 1e9:18.2f}")
        print(f"{cores:5d}  Fig. 7 (both xi, eps one after another): {2 * per_xi:.0f} s = {2 * per_xi / 3600:.2f} h")


if __name__ == "__main__":
    main()
