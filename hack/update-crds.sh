#!/usr/bin/env bash
# Regenerates the gpushift.io CRDs from the Java classes in api/ and copies them to crds/ and helm/gpushift/crds/.
# The drift test in api/ (CrdDriftTest) fails until the committed copies match the generator's output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The build needs JDK 21+; use the one this project is developed with when none is chosen.
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
./mvnw -B -q -pl api process-classes
generated="api/target/classes/META-INF/fabric8"
for dest in crds helm/gpushift/crds; do
  mkdir -p "$dest"
  rm -f "$dest"/*.gpushift.io-v1.yml
  cp "$generated"/*.gpushift.io-v1.yml "$dest"/
done
echo "CRDs updated in crds/ and helm/gpushift/crds/:"
ls crds/*.gpushift.io-v1.yml
