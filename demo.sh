#!/usr/bin/env bash
# Runs the SecureWatch demo: builds the project when a source file is newer than the last build, starts the
# control plane on http://localhost:8080 with an embedded PostgreSQL and an example inventory, the web console on
# http://localhost:8081, then one simulated cluster agent per seeded cluster, and a fake Consul per region. No Consul server can be installed
# here, so the fake follows Consul's documented HTTP API instead. Ctrl-C stops everything it started. Set
# QUARKUS_DATASOURCE_JDBC_URL (and the reactive URL, user and password) to use your own PostgreSQL
# instead; see docs/configuration.md.
#
# With --ha it runs two control-plane replicas (on 8180 and 8181) behind HAProxy on 8080, which needs Debian's
# haproxy package, so that failover can be shown by hand: kill -9 one replica and watch the other take the leader
# lease and serve. The replicas share the embedded PostgreSQL, which the first one starts on port 15432.
set -euo pipefail
cd "$(dirname "$0")"

ha=false
if [ "${1:-}" = "--ha" ]; then
  ha=true
  shift
  if ! command -v haproxy >/dev/null; then
    echo "--ha needs HAProxy: apt-get install -y haproxy" >&2
    exit 1
  fi
fi

CONTROL_PLANE=control-plane/server/target/quarkus-app/quarkus-run.jar
AGENT=agents/cluster-agent/target/quarkus-app/quarkus-run.jar
CONSOLE=console-ui/target/quarkus-app/quarkus-run.jar
CONSUL_FAKE=test-support/consul-fake/target/consul-fake-0.1.0-SNAPSHOT.jar
CONSUL_FAKE_CLASSPATH=test-support/consul-fake/target/classpath.txt

oldest_build=$CONTROL_PLANE
for build in "$AGENT" "$CONSOLE"; do
  if [ -f "$build" ] && [ "$build" -ot "$oldest_build" ]; then
    oldest_build=$build
  fi
done

# Lists the files that the build reads, NUL-separated. In a git checkout these are the tracked files and the new ones
# that git does not ignore, so files that the build writes itself, such as the console's generated frontend files,
# never count. Outside a checkout they are the same folders without the known build output.
build_sources() {
  local roots=(pom.xml control-plane agents console-ui test-support)
  if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard -- "${roots[@]}"
  else
    find "${roots[@]}" -type f -not -path '*/target/*' -not -path 'console-ui/src/main/frontend/generated/*' \
      -not -path 'console-ui/src/main/frontend/index.html' -print0
  fi
}

# Prints a source file newer than the oldest build output, or nothing. A tracked file deleted from the work tree is
# skipped.
newer_source() {
  build_sources | xargs -0 -r bash -c 'for file; do if [ "$file" -nt "$0" ]; then echo "$file"; exit 0; fi; done' \
    "$oldest_build"
}

if [ ! -f "$CONTROL_PLANE" ] || [ ! -f "$AGENT" ] || [ ! -f "$CONSOLE" ] || [ ! -f "$CONSUL_FAKE" ] \
    || [ ! -f "$CONSUL_FAKE_CLASSPATH" ] || [ -n "$(newer_source)" ]; then
  echo "Building SecureWatch (the first build downloads its dependencies and takes a few minutes)..."
  ./mvnw -B -q -DskipTests package -pl control-plane/server,agents/cluster-agent,console-ui,test-support/consul-fake -am
  ./mvnw -B -q dependency:build-classpath -pl test-support/consul-fake -Dmdep.outputFile=target/classpath.txt
fi

# One fake Consul datacenter per seeded region, on fixed loopback ports.
CONSUL_ADDRESSES="eu-west-1=http://127.0.0.1:18500,eu-central-1=http://127.0.0.1:18501,us-east-1=http://127.0.0.1:18502"

# A fixed place, cleared at every start, so that a demo killed with SIGKILL leaves no credentials behind for long.
agent_state="${TMPDIR:-/tmp}/securewatch-demo-agents"
rm -rf "$agent_state"
mkdir -p "$agent_state"
chmod 700 "$agent_state"
control_plane_pid=
second_replica_pid=
haproxy_pid=
console_pid=
agents_pid=
consul_pid=
stop() {
  trap - INT TERM EXIT
  for pid in $agents_pid $console_pid $haproxy_pid $second_replica_pid $control_plane_pid; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $agents_pid $console_pid $haproxy_pid $second_replica_pid $control_plane_pid; do
    wait "$pid" 2>/dev/null || true
  done
  # A first replica killed with SIGKILL leaves its embedded PostgreSQL running for the other one. Stop it too, and
  # delete its data as the first replica would have.
  database_dir="${TMPDIR:-/tmp}/securewatch-demo-postgres"
  if [ "$ha" = true ] && [ -f "$database_dir/postmaster.pid" ]; then
    postmaster_pid=$(head -n 1 "$database_dir/postmaster.pid")
    kill -TERM "$postmaster_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$postmaster_pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$postmaster_pid" 2>/dev/null || rm -rf "$database_dir"
  fi
  # The Consul fakes go last, so that the control plane can deregister itself and its catalog watch ends quietly.
  if [ -n "$consul_pid" ]; then
    kill -HUP "$consul_pid" 2>/dev/null || true
    wait "$consul_pid" 2>/dev/null || true
  fi
  rm -rf "$agent_state"
}
trap stop INT TERM EXIT

# A signal sent to the whole process group reaches every process at once. The fakes ignore INT and TERM, and
# stop() ends them last with HUP.
(
  trap '' INT TERM
  exec java -cp "$CONSUL_FAKE:$(cat "$CONSUL_FAKE_CLASSPATH")" io.securewatch.testsupport.consul.ConsulFakeMain \
    eu-west-1=18500 eu-central-1=18501 us-east-1=18502
) &
consul_pid=$!

first_port=8080
database_port=0
if [ "$ha" = true ]; then
  first_port=8180
  database_port=15432
fi

# Waits until the service on the port is ready, or fails when its process has ended.
await_ready() {
  for _ in $(seq 1 240); do
    if curl -sf "http://localhost:$1/health/ready" > /dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "A process stopped during start-up; see its output above." >&2
      exit 1
    fi
    sleep 0.5
  done
}

SECUREWATCH_CATALOG_CONSUL_ADDRESSES="$CONSUL_ADDRESSES" \
  SECUREWATCH_CATALOG_REGISTER_IN=eu-west-1 \
  QUARKUS_HTTP_PORT=$first_port \
  SECUREWATCH_DEMO_EMBEDDED_DATABASE_PORT=$database_port \
  java -Dquarkus.profile=demo -jar "$CONTROL_PLANE" "$@" &
control_plane_pid=$!
await_ready "$first_port" "$control_plane_pid"

if [ "$ha" = true ]; then
  # The second replica uses the first one's database, which is seeded already.
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:15432/securewatch \
    QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:15432/securewatch \
    QUARKUS_DATASOURCE_USERNAME=securewatch \
    QUARKUS_DATASOURCE_PASSWORD=securewatch \
    SECUREWATCH_CATALOG_CONSUL_ADDRESSES="$CONSUL_ADDRESSES" \
    SECUREWATCH_CATALOG_REGISTER_IN=eu-west-1 \
    QUARKUS_HTTP_PORT=8181 \
    java -Dquarkus.profile=demo -jar "$CONTROL_PLANE" "$@" &
  second_replica_pid=$!
  await_ready 8181 "$second_replica_pid"

  # TCP mode carries both the REST API and the agents' gRPC streams. A replica that fails its readiness check gets
  # no new connections, and streams last as long as the agents keep them open.
  haproxy_config="$agent_state/haproxy.cfg"
  printf '%s\n' \
    "defaults" \
    "  mode tcp" \
    "  timeout connect 2s" \
    "  timeout client 1h" \
    "  timeout server 1h" \
    "  retries 3" \
    "  option redispatch" \
    "frontend control_plane" \
    "  bind 127.0.0.1:8080" \
    "  default_backend replicas" \
    "backend replicas" \
    "  balance roundrobin" \
    "  option httpchk GET /health/ready" \
    "  server replica-1 127.0.0.1:8180 check inter 1s fall 2 rise 2" \
    "  server replica-2 127.0.0.1:8181 check inter 1s fall 2 rise 2" > "$haproxy_config"
  haproxy -db -f "$haproxy_config" &
  haproxy_pid=$!
  await_ready 8080 "$haproxy_pid"
  echo "Two control-plane replicas run behind HAProxy on http://localhost:8080: replica 1 on 8180 (pid"
  echo "$control_plane_pid) and replica 2 on 8181 (pid $second_replica_pid). Show failover with kill -9 on either"
  echo "one, and watch securewatch_leadership_leader on http://localhost:8180/metrics and :8181/metrics."
fi

# The simulated load at a fifth of the model's, so that securewatch-api runs well below its 20 replicas and any one
# region can be evacuated in a drill.
SECUREWATCH_AGENT_MODE=fleet \
  SECUREWATCH_AGENT_SIMULATED_LOAD_SCALE=0.2 \
  SECUREWATCH_AGENT_CONTROL_PLANE_URL=http://127.0.0.1:8080 \
  SECUREWATCH_AGENT_FLEET_API_USER=admin \
  SECUREWATCH_AGENT_FLEET_API_PASSWORD=admin \
  SECUREWATCH_AGENT_STATE_DIRECTORY="$agent_state" \
  SECUREWATCH_AGENT_FLEET_CONSUL_ADDRESSES="$CONSUL_ADDRESSES" \
  QUARKUS_HTTP_HOST=127.0.0.1 \
  java -jar "$AGENT" &
agents_pid=$!

# The web console, a client of the control plane's REST API; sign in with a demo user such as admin/admin.
SECUREWATCH_CONSOLE_CONTROL_PLANE_URL=http://127.0.0.1:8080 \
  java -jar "$CONSOLE" &
console_pid=$!

echo "Simulated agents are starting, one per cluster; watch them converge with"
echo "  curl -u admin:admin http://localhost:8080/api/v1/clusters/eu-west-1-a/status"
echo "The web console is at http://localhost:8081 (sign in as admin/admin)."
if [ "$ha" = true ]; then
  # Either replica may be killed by hand to show failover, so the demo lasts as long as HAProxy.
  wait "$haproxy_pid"
else
  wait "$control_plane_pid"
fi
