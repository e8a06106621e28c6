#!/usr/bin/env bash
# Runs the SecureWatch demo: builds the project when needed, then starts the control plane on
# http://localhost:8080 with an embedded PostgreSQL and an example inventory. Ctrl-C stops everything
# it started. Set QUARKUS_DATASOURCE_JDBC_URL (and the reactive URL, user and password) to use your own
# PostgreSQL instead; see docs/configuration.md.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building SecureWatch (the first build downloads its dependencies and takes a few minutes)..."
./mvnw -B -q -DskipTests package
exec java -Dquarkus.profile=demo -jar control-plane/server/target/quarkus-app/quarkus-run.jar "$@"
