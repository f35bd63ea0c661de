# Sourced by ./gpushift and .ci/run: exports JAVA_HOME as a JDK >= 21 (the build targets Java 21), preferring the
# one already set, then the newest under /usr/lib/jvm. Returns non-zero with a message naming the fix when none exists.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    export JAVA_HOME; return 0
  fi
  local j best="" best_major=0 m
  for j in /usr/lib/jvm/*; do
    [ -x "$j/bin/javac" ] || continue
    m=$(java_major "$j"); [ -n "$m" ] || continue
    if [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best=$j; best_major=$m; fi
  done
  if [ -z "$best" ]; then
    echo "no JDK >= 21 found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm has none): install one, e.g. Temurin 21 or 25" >&2
    return 1
  fi
  export JAVA_HOME=$best PATH="$best/bin:$PATH"
}
