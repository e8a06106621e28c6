#!/usr/bin/env bash
# Builds the container images of the control plane, the console and the cluster agent with Quarkus Jib, and
# writes each as a docker-save archive under target/images. No container engine runs and nothing is pushed.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: images/build.sh [--local-base [--rebuild-base]] [-- MAVEN_ARGUMENT...]

Builds the images securewatch/control-plane, securewatch/console and securewatch/cluster-agent, tagged with
the project version, and writes each as a docker-save archive:

  target/images/control-plane.tar  target/images/console.tar  target/images/cluster-agent.tar

Load one with "podman load -i FILE" or "docker load -i FILE". Nothing is pushed to a registry, and no
container engine is needed to build.

Without --local-base, Jib pulls the base image registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24
(quarkus.jib.base-jvm-image in each application.properties), which needs access to that registry.

Options:
  --local-base    Build on a Debian 12 base image with the OpenJDK 17 JRE, made on this machine from
                  Debian's packages with mmdebstrap, for machines that reach no container registry. It is
                  built once into $SECUREWATCH_IMAGE_CACHE (default ~/.cache/securewatch/images) and reused.
                  Needs root and Debian's package mirrors; installs mmdebstrap with apt-get when missing.
  --rebuild-base  With --local-base: build the base image again, for example to take Debian's security
                  updates. The cached base image is never updated otherwise.
  -h, --help      Print this help.
  --              Pass the remaining arguments to Maven, for example "-- -o" to build offline.
EOF
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
archive_dir=$repo/target/images
images=(control-plane console cluster-agent)
modules=control-plane/server,console-ui,agents/cluster-agent

# A change to the recipe in ensure_local_base needs a new base_name, so that a cached base image of the old
# recipe is not reused.
base_name=debian12-openjdk17-jre-r1
base_reference=localhost/securewatch/jre-base:$base_name
debian_suite=bookworm
debian_mirrors=(
    "deb http://deb.debian.org/debian bookworm main"
    "deb http://deb.debian.org/debian bookworm-updates main"
    "deb http://deb.debian.org/debian-security bookworm-security main"
)

work_dir=

fail() {
    echo "build.sh: $*" >&2
    exit 1
}

remove_work_dir() {
    if [[ -n $work_dir ]]; then
        rm -rf "$work_dir"
    fi
}

trap remove_work_dir EXIT
# An interrupted build exits through the EXIT trap as well.
trap 'exit 130' INT
trap 'exit 143' TERM

require_mmdebstrap() {
    if command -v mmdebstrap >/dev/null; then
        return
    fi
    if ! command -v apt-get >/dev/null; then
        fail "mmdebstrap is missing, and apt-get is not available to install it:" \
            "install mmdebstrap (a Debian package), or build without --local-base"
    fi
    echo "mmdebstrap is missing: installing it with apt-get (Debian package mmdebstrap)"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mmdebstrap
}

# Prints the OCI architecture name of this machine, which is also the architecture that mmdebstrap builds for.
oci_architecture() {
    local debian_architecture
    debian_architecture=$(dpkg --print-architecture)
    case $debian_architecture in
    amd64 | arm64) echo "$debian_architecture" ;;
    *) fail "the local base image is only set up for amd64 and arm64, not for this machine's $debian_architecture" ;;
    esac
}

# Wraps a root filesystem tar as a docker-save archive with one layer, the format that Jib reads for tar:// base
# images. The image runs as UID 185 with /home/jboss as its working directory, as the UBI OpenJDK images do.
write_docker_archive() {
    local rootfs=$1 output=$2 staging=$3
    local architecture created layer_digest config_digest
    architecture=$(oci_architecture)
    created=$(date -u +%Y-%m-%dT%H:%M:%SZ)

    layer_digest=$(sha256sum "$rootfs" | cut -d ' ' -f 1)
    mkdir -p "$staging/$layer_digest"
    mv "$rootfs" "$staging/$layer_digest/layer.tar"

    cat >"$staging/config.json" <<EOF
{"architecture":"$architecture","os":"linux","created":"$created",
 "config":{"User":"185","WorkingDir":"/home/jboss",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8",
         "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-$architecture"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_digest"]},
 "history":[{"created":"$created","created_by":"mmdebstrap --variant=apt --include=openjdk-17-jre-headless $debian_suite (images/build.sh)"}]}
EOF
    config_digest=$(sha256sum "$staging/config.json" | cut -d ' ' -f 1)
    mv "$staging/config.json" "$staging/$config_digest.json"

    printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]\n' \
        "$config_digest" "$base_reference" "$layer_digest" >"$staging/manifest.json"
    tar -cf "$output" -C "$staging" manifest.json "$config_digest.json" "$layer_digest/layer.tar"
}

# Builds the Debian base image into the cache unless it is there already, and sets base_archive to its path.
ensure_local_base() {
    local rebuild=$1
    local cache_dir=${SECUREWATCH_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/securewatch/images}
    base_archive=$cache_dir/$base_name.tar
    if [[ -f $base_archive && $rebuild == false ]]; then
        echo "Using the local base image $base_archive, built $(date -r "$base_archive" '+%Y-%m-%d %H:%M')" \
            "(--rebuild-base builds it again)"
        return
    fi

    if [[ $(id -u) -ne 0 ]]; then
        fail "building the local base image runs mmdebstrap --mode=root, which needs root:" \
            "run this script as root, or build without --local-base where a registry is reachable"
    fi
    require_mmdebstrap
    mkdir -p "$cache_dir"
    local free_mebibytes
    free_mebibytes=$(df --output=avail -BM "$cache_dir" | tail -n 1 | tr -dc '0-9')
    # The root filesystem tar and the archive made from it are about 330 MiB each.
    if ((free_mebibytes < 1024)); then
        fail "only $free_mebibytes MiB are free in $cache_dir, and building the base image needs 1 GiB there:" \
            "free space, or set SECUREWATCH_IMAGE_CACHE to a folder on another disk"
    fi

    echo "Building the local base image $base_archive from Debian $debian_suite packages (about a minute)"
    work_dir=$(mktemp -d "$cache_dir/.build-$base_name.XXXXXX")
    # openjdk-17-jre-headless registers its man page with update-alternatives, which fails without man1. The man
    # pages themselves, documentation (but the copyright files) and translations are left out. The host's
    # resolv.conf and hostname, which mmdebstrap copies in, are removed because container runtimes provide them,
    # and so are the device nodes under /dev.
    mmdebstrap --mode=root --variant=apt --format=tar \
        --include=openjdk-17-jre-headless \
        --aptopt='Acquire::Retries "3"' \
        --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
        --customize-hook='chroot "$1" groupadd --system --gid 185 jboss' \
        --customize-hook='chroot "$1" useradd --system --uid 185 --gid 0 --groups jboss --create-home --home-dir /home/jboss --shell /usr/sbin/nologin jboss' \
        --customize-hook='rm -f "$1/etc/resolv.conf" "$1/etc/hostname"' \
        "$debian_suite" - "${debian_mirrors[@]}" |
        mmtarfilter --path-exclude='/dev/*' >"$work_dir/rootfs.tar"

    write_docker_archive "$work_dir/rootfs.tar" "$work_dir/base.tar" "$work_dir/image"
    mv "$work_dir/base.tar" "$base_archive"
    echo "Built the local base image $base_archive ($(du -h "$base_archive" | cut -f 1))"
}

source_revision() {
    local revision
    revision=$(git -C "$repo" rev-parse HEAD 2>/dev/null) || return 0
    if ! git -C "$repo" diff --quiet HEAD 2>/dev/null; then
        revision+=-dirty
    fi
    echo "$revision"
}

build_images() {
    local base_image=$1
    shift
    local maven_arguments=(
        -B package -pl "$modules" -am -DskipTests
        -Dquarkus.container-image.build=true
        "-Dquarkus.jib.docker-executable-name=$repo/images/docker-cli-to-archive.sh"
    )
    if [[ -n $base_image ]]; then
        maven_arguments+=("-Dquarkus.jib.base-jvm-image=$base_image")
    fi
    local revision
    revision=$(source_revision)
    if [[ -n $revision ]]; then
        maven_arguments+=("-Dquarkus.container-image.labels.\"org.opencontainers.image.revision\"=$revision")
    fi

    local image
    for image in "${images[@]}"; do
        rm -f "$archive_dir/$image.tar"
    done
    export SECUREWATCH_IMAGE_ARCHIVE_DIR=$archive_dir
    (cd "$repo" && ./mvnw "${maven_arguments[@]}" "$@")
}

# Prints one line for each archive: path, size, image reference and the user in its configuration.
report_archives() {
    local image archive manifest config user
    for image in "${images[@]}"; do
        archive=$archive_dir/$image.tar
        [[ -f $archive ]] || fail "$archive is missing after the build; see the Maven output above"
        manifest=$(tar -xOf "$archive" manifest.json)
        config=$(sed -n 's/.*"Config":"\([^"]*\)".*/\1/p' <<<"$manifest")
        user=$(tar -xOf "$archive" "$config" | sed -n 's/.*"User":"\([^"]*\)".*/\1/p')
        printf '%-40s %6s  %s  user %s\n' "${archive#"$repo"/}" "$(du -h "$archive" | cut -f 1)" \
            "$(sed -n 's/.*"RepoTags":\["\([^"]*\)".*/\1/p' <<<"$manifest")" "${user:-(none)}"
    done
}

main() {
    local local_base=false rebuild_base=false
    while (($# > 0)); do
        case $1 in
        --local-base) local_base=true ;;
        --rebuild-base) rebuild_base=true ;;
        -h | --help)
            usage
            return 0
            ;;
        --)
            shift
            break
            ;;
        *)
            fail "unknown argument '$1'; see images/build.sh --help"
            ;;
        esac
        shift
    done
    if [[ $rebuild_base == true && $local_base == false ]]; then
        fail "--rebuild-base goes with --local-base"
    fi

    local base_image=
    if [[ $local_base == true ]]; then
        ensure_local_base "$rebuild_base"
        base_image=tar://$base_archive
    else
        echo "Building on the registry base image of quarkus.jib.base-jvm-image, which needs access to its registry" \
            "(--local-base builds without one)"
    fi
    build_images "$base_image" "$@"
    report_archives
}

main "$@"
