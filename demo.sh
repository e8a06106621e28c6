#!/usr/bin/env bash
# Runs the SecureWatch demo: builds the project when a source file is newer than the last build, then
# starts the control plane on http://localhost:8080 with an embedded PostgreSQL and an example
# inventory. Ctrl-C stops everything it started. Set QUARKUS_DATASOURCE_JDBC_URL (and the reactive URL,
# user and password) to use your own PostgreSQL instead; see docs/configuration.md.
set -euo pipefail
cd "$(dirname "$0")"

JAR=control-plane/server/target/quarkus-app/quarkus-run.jar

if [ ! -f "$JAR" ] || [ -n "$(find pom.xml control-plane -newer "$JAR" -type f -not -path '*/target/*' -print -quit)" ]; then
  echo "Building SecureWatch (the first build downloads its dependencies and takes a few minutes)..."
  ./mvnw -B -q -DskipTests package
fi
exec java -Dquarkus.profile=demo -jar "$JAR" "$@"
