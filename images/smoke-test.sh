#!/usr/bin/env bash
# Runs the control-plane image from images/build.sh with podman against a database of its own on the machine's
# PostgreSQL, as the Helm chart runs it: non-root, read-only root filesystem, /tmp as the only writable folder.
# Checks that /health/ready and /health/live return 200 and that the image and its process run as a non-root UID.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: images/smoke-test.sh [--archive FILE] [--timeout SECONDS] [--runtime NAME] [--keep-image]

Loads the control-plane image archive into podman, creates a throwaway database on PostgreSQL at
127.0.0.1, runs the image against it in the production profile, waits for 200 from /health/ready
and then expects 200 from /health/live.
It fails unless the image's user is a numeric UID other than 0 and the application process runs as
that UID. At the end, or on any failure, it stops and removes the container it started, drops the
database and removes the image it loaded.

The container shares the host's network and listens on 127.0.0.1 only, on a free port. PostgreSQL
must accept the admin user without a password (trust authentication), as for the integration tests;
the application connects as the role securewatch, created when missing.

Options:
  --archive FILE     Image archive to test (default: target/images/control-plane.tar).
  --timeout SECONDS  How long to wait for /health/ready (default: 180).
  --runtime NAME     OCI runtime for podman run (default: runc, because crun 1.8 of Debian 12 rejects
                     hosts whose cgroups are in hybrid mode).
  --keep-image       Leave the loaded image in podman's local storage.
  -h, --help         Print this help.

Environment: SECUREWATCH_TEST_PG_PORT (default 5432) and SECUREWATCH_TEST_PG_ADMIN_USER (default
postgres), as for the integration tests. Needs podman and the OCI runtime (both installed with
apt-get when missing), psql and curl.
EOF
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg_host=127.0.0.1
pg_port=${SECUREWATCH_TEST_PG_PORT:-5432}
pg_admin=${SECUREWATCH_TEST_PG_ADMIN_USER:-postgres}
app_role=securewatch
app_password=securewatch

# Set as each resource is created, so that clean_up removes exactly what this run made.
database=
container_id=
loaded_image_id=
keep_image=false
runtime=runc
image_id=
image_user=

fail() {
    echo "smoke-test.sh: $*" >&2
    exit 1
}

psql_admin() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_admin" -d postgres "$@"
}

clean_up() {
    local status=$?
    set +e
    if [[ -n $container_id ]]; then
        if ((status != 0)); then
            echo "--- last 40 lines of the container's output ---"
            podman logs --tail 40 "$container_id" 2>&1
            echo "---"
        fi
        podman stop --time 15 "$container_id" >/dev/null
        local exit_code
        exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$container_id")
        echo "Stopped the container ${container_id:0:12} (exit code $exit_code)"
        podman rm "$container_id" >/dev/null && echo "Removed the container ${container_id:0:12}"
    fi
    if [[ -n $database ]]; then
        psql_admin -c "drop database if exists $database with (force)" && echo "Dropped the database $database"
    fi
    if [[ -n $loaded_image_id && $keep_image == false ]]; then
        podman rmi "$loaded_image_id" >/dev/null && echo "Removed the image ${loaded_image_id:0:12}"
    fi
    if ((status == 0)); then
        echo "Smoke test passed"
    else
        echo "Smoke test FAILED (exit code $status)" >&2
    fi
}

require_tools() {
    if ! command -v podman >/dev/null || ! command -v "$runtime" >/dev/null; then
        command -v apt-get >/dev/null || fail "podman or $runtime is missing; install both"
        echo "podman or $runtime is missing: installing the Debian packages podman and $runtime with apt-get"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman "$runtime"
    fi
    command -v psql >/dev/null || fail "psql is missing; install the PostgreSQL client (Debian package postgresql-client)"
    command -v curl >/dev/null || fail "curl is missing; install it (Debian package curl)"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
    local port attempt
    for attempt in {1..50}; do
        port=$((20000 + RANDOM % 20000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    fail "found no free port on 127.0.0.1 in 50 attempts between 20000 and 39999"
}

# Loads the archive and sets image_id, and loaded_image_id too unless podman's storage contained the image
# already. The image id is the SHA-256 digest of the image's configuration, so it is known before the load.
load_image() {
    local archive=$1 config reference
    [[ -f $archive ]] || fail "$archive is missing; build it first with images/build.sh --local-base"
    config=$(tar -xOf "$archive" manifest.json | sed -n 's/.*"Config":"\([^"]*\)".*/\1/p')
    [[ -n $config ]] || fail "$archive has no image configuration in its manifest.json; is it a docker-save archive?"
    image_id=$(tar -xOf "$archive" "$config" | sha256sum | cut -d ' ' -f 1)
    local held_already=false
    if podman image exists "$image_id"; then
        held_already=true
    fi

    reference=$(podman load --input "$archive" | sed -n 's/^Loaded image[^:]*: *//p' | tail -n 1)
    podman image exists "$image_id" || fail "podman load did not store the image $image_id from $archive"
    if [[ $held_already == false ]]; then
        loaded_image_id=$image_id
    fi
    echo "Loaded $archive as $reference (${image_id:0:12})"
}

# Prints the image configuration and fails unless its user is a numeric UID other than 0. Kubernetes can only
# check runAsNonRoot against a numeric user.
check_image_user() {
    echo "Image configuration (podman image inspect):"
    podman image inspect --format '{{json .Config}}' "$image_id"
    image_user=$(podman image inspect --format '{{.Config.User}}' "$image_id")
    echo "User: ${image_user:-(none)}"
    if [[ ! $image_user =~ ^[0-9]+(:[0-9]+)?$ ]]; then
        fail "the image's user '$image_user' is not a numeric UID: set quarkus.jib.user to one"
    fi
    if ((${image_user%%:*} == 0)); then
        fail "the image runs as root (user '$image_user'): set quarkus.jib.user to a non-root UID"
    fi
}

create_database() {
    psql_admin -c "do \$\$ begin if not exists (select from pg_roles where rolname = '$app_role') then
        create role $app_role login nosuperuser nobypassrls password '$app_password'; end if; end \$\$"
    local name
    name=securewatch_smoke_$(date +%s)_$((RANDOM % 10000))
    psql_admin -c "create database $name owner $app_role"
    database=$name
    echo "Created the database $database on $pg_host:$pg_port"
}

# Starts the image as the Helm chart runs it: the image's own user, a read-only root filesystem with a tmpfs on
# /tmp only (the chart's emptyDir), no capabilities and no privilege escalation. The production profile needs an
# OIDC provider, which is looked up at the first request that needs it: the address given here is a closed port,
# because /health/ready checks the database only.
start_container() {
    local port=$1
    container_id=$(podman run --detach --runtime "$runtime" --network host \
        --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,exec,nosuid,nodev,size=256m,mode=1777 \
        --cap-drop ALL --security-opt no-new-privileges \
        --ulimit nofile=4096:4096 --ulimit nproc=4096:4096 \
        --env QUARKUS_HTTP_HOST=127.0.0.1 \
        --env QUARKUS_HTTP_PORT="$port" \
        --env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$database" \
        --env QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$database" \
        --env QUARKUS_DATASOURCE_USERNAME="$app_role" \
        --env QUARKUS_DATASOURCE_PASSWORD="$app_password" \
        --env QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:1/realms/securewatch \
        --env QUARKUS_OIDC_CLIENT_ID=securewatch-control-plane \
        --env SECUREWATCH_IDENTITY_KEYCLOAK_ENABLED=false \
        "$image_id")
    echo "Started the container ${container_id:0:12}, listening on 127.0.0.1:$port"
}

wait_until_ready() {
    local url=$1 timeout=$2 started=$SECONDS status
    while true; do
        if [[ $(podman inspect --format '{{.State.Running}}' "$container_id") != true ]]; then
            fail "the container exited before it was ready"
        fi
        status=$(curl --silent --max-time 5 --output /dev/null --write-out '%{http_code}' "$url" || true)
        if [[ $status == 200 ]]; then
            echo "GET $url returned 200 after $((SECONDS - started)) s:"
            curl --silent --max-time 5 "$url"
            echo
            return
        fi
        if ((SECONDS - started >= timeout)); then
            fail "GET $url did not return 200 within $timeout s (last status: $status)"
        fi
        sleep 1
    done
}

check_liveness() {
    local url=$1 status
    status=$(curl --silent --max-time 5 --output /dev/null --write-out '%{http_code}' "$url" || true)
    [[ $status == 200 ]] || fail "GET $url returned $status, expected 200"
    echo "GET $url returned 200"
}

# Fails unless the application, process 1 of the container, runs as the image's UID. The UID is read inside the
# container, so that the check holds for rootless podman too, whose host UIDs differ.
check_process_user() {
    local uid
    uid=$(podman exec "$container_id" cat /proc/1/status | awk '/^Uid:/ { print $2 }')
    echo "The application process runs as UID $uid"
    if [[ $uid != "${image_user%%:*}" ]]; then
        fail "the application process runs as UID $uid, not as the image's user $image_user"
    fi
}

main() {
    local archive=$repo/target/images/control-plane.tar timeout=180
    while (($# > 0)); do
        case $1 in
        --archive)
            (($# >= 2)) || fail "--archive needs a file"
            archive=$2
            shift
            ;;
        --timeout)
            [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--timeout needs a whole number of seconds, not '${2:-}'"
            timeout=$2
            shift
            ;;
        --runtime)
            [[ -n ${2:-} ]] || fail "--runtime needs the name of an OCI runtime, such as runc or crun"
            runtime=$2
            shift
            ;;
        --keep-image) keep_image=true ;;
        -h | --help)
            usage
            return 0
            ;;
        *) fail "unknown argument '$1'; see images/smoke-test.sh --help" ;;
        esac
        shift
    done

    require_tools
    trap clean_up EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    local port
    port=$(free_port)
    load_image "$archive"
    check_image_user
    create_database
    start_container "$port"
    wait_until_ready "http://127.0.0.1:$port/health/ready" "$timeout"
    check_liveness "http://127.0.0.1:$port/health/live"
    check_process_user
}

main "$@"
