# Sourced by the scripts of this checkout: sets JAVA_HOME to a JDK >= 21, from JAVA_HOME or /usr/lib/jvm.
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_feature "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  echo "k8j: no JDK >= 21 found in JAVA_HOME or /usr/lib/jvm" >&2
  return 1
}

JAVA_HOME=$(find_jdk)
export JAVA_HOME

# JVM flags every k8j launch needs on this JDK: protobuf-java reads memory through sun.misc.Unsafe, which
# JDK 24+ warns about on first use (JEP 498); the flag that allows it quietly exists from JDK 23.
K8J_JVM_FLAGS=()
if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -ge 23 ] 2>/dev/null; then
  K8J_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
fi
