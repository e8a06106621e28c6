#!/usr/bin/env bash
# Measures the inventory API of one control-plane replica with wrk: start-up time, latency and throughput
# of reads and creates, and resident memory. Needs wrk (apt-get install wrk), a built project
# (./mvnw -DskipTests package) and PostgreSQL at 127.0.0.1:5432 with trust authentication for the
# postgres user. It creates the database securewatch_bench, uses port 18080, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=18080
DB=securewatch_bench
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
TENANTS=${TENANTS:-1000}
JAR=control-plane/server/target/quarkus-app/quarkus-run.jar
AUTH="Authorization: Basic $(printf admin:admin | base64)"
LOG=$(mktemp)

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)" -c "create database $DB owner securewatch"

QUARKUS_PROFILE=demo QUARKUS_HTTP_PORT=$PORT \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:5432/$DB \
  QUARKUS_DATASOURCE_USERNAME=securewatch QUARKUS_DATASOURCE_PASSWORD=securewatch \
  java -Xmx512m -jar "$JAR" > "$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -f "$LOG"' EXIT

for _ in $(seq 1 120); do
  curl -sf "localhost:$PORT/health/ready" > /dev/null && break
  sleep 0.5
done
echo "== start-up"
grep -o "started in [0-9.]*s" "$LOG"

echo "== seeding $TENANTS tenants"
for i in $(seq 1 "$TENANTS"); do
  printf '{"slug":"bench-%05d","displayName":"Bench %d","tier":"shared","residencyZones":["EU"],"regions":["eu-west-1"],"quota":{"cpuMillis":1000,"memoryBytes":1073741824,"pods":10}}\n' "$i" "$i"
done | while read -r body; do
  curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "localhost:$PORT/api/v1/tenants"
done

run() {
  echo "== $1"
  shift
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" "$@" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
}

run "GET one region" "http://localhost:$PORT/api/v1/regions/eu-west-1"
run "GET tenant page (50 of $TENANTS, with regions)" "http://localhost:$PORT/api/v1/tenants?limit=50"
run "GET audit page (50)" "http://localhost:$PORT/api/v1/audit-events?limit=50"
run "POST create cluster" -s benchmarks/create-cluster.lua "http://localhost:$PORT/api/v1/clusters"

echo "== resident memory after the runs"
ps -o rss= -p "$SERVER" | awk '{printf "%.0f MiB\n", $1 / 1024}'
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB with (force)"
