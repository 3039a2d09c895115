# Sourced by submit/vmse and submit/cluster: where the build puts vmse, how to (re)build it, and the JVM options
# Spark 4 needs on Java 17.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/spark-job/target/spark-job.jar"
lib="$root/spark-job/target/lib"
# vmse and its libraries without Spark, shipped to a cluster's executors (the -Pcluster profile)
assembly="$root/spark-job/target/spark-job-cluster.jar"

# Spark 4 on Java 17 needs these opens (the same list as the tests' argLine in pom.xml)
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)

# the JDK's incubating vector API, which the RK4IP step uses where the JVM resolves it (the same option as the
# tests' argLine in pom.xml; Spark 4 gives it to the driver and executors its own launcher starts). The JVM says
# "WARNING: Using incubator modules: jdk.incubator.vector" on stderr as it starts. VMSE_VECTOR_API=off leaves it out
# of the JVMs these scripts start: the step then runs scalar loops, with the same bits, about 20 % slower at 2^-8, but
# without the JIT's first few tenths of a second on the vector loops (docs/performance.md).
vector_api=(--add-modules=jdk.incubator.vector)
case "${VMSE_VECTOR_API:-on}" in
  on) ;;
  off) vector_api=() ;;
  *) echo "VMSE_VECTOR_API must be on or off, got '$VMSE_VECTOR_API'" >&2; exit 2 ;;
esac

# whether a source file is newer than $1 (or $1 is missing)
older_than_sources() {
  [ -f "$1" ] || return 0
  [ -n "$(find "$root/pom.xml" "$root/solver-kernel" "$root/spark-job" \
      \( -path '*/target' -prune \) -o \( -type f -newer "$1" -print \) 2>/dev/null | head -n 1)" ]
}

# builds spark-job.jar and target/lib (Spark included) on first use or when the sources changed
build_if_stale() {
  local stale=1
  # a plain -Pcluster build leaves Spark out of lib/: the local launcher needs it
  if [ -f "$jar" ] && [ -d "$lib" ] && compgen -G "$lib/spark-core_2.13-*.jar" >/dev/null && ! older_than_sources "$jar"; then
    stale=0
  fi
  if [ $stale = 1 ]; then
    echo "vmse: building (first use or sources changed) ..." >&2
    rm -rf "$lib" # copy-dependencies only adds: a stale jar of an older version would shadow the right one
    (cd "$root" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2 || {
      echo "vmse: the build failed; run 'mvn -B -DskipTests package' in $root to see why" >&2
      exit 1
    }
  fi
}

# builds the assembly on first use or when the sources changed; lib/ is left as it is (-Dmdep.skip)
assembly_if_stale() {
  if older_than_sources "$assembly" || [ "$assembly" -ot "$jar" ]; then
    echo "vmse: assembling $assembly (vmse and its libraries, for a cluster's executors) ..." >&2
    (cd "$root" && mvn -q -B -Dstyle.color=never -Pcluster -DskipTests -Dmdep.skip=true package) >&2 || {
      echo "vmse: the build failed; run 'mvn -B -Pcluster -DskipTests package' in $root to see why" >&2
      exit 1
    }
  fi
}
