#!/usr/bin/env bash
# Stands in for the docker CLI that Quarkus Jib runs when it builds an image for a local daemon, so that images
# build where no container engine runs. images/build.sh sets it as quarkus.jib.docker-executable-name.
# It implements the two commands that Jib 0.28 (Quarkus 3.33) runs:
#   info -f '{{json .}}'  prints this machine's OS and CPU architecture as JSON.
#   load                  reads the image, a docker-save tar, from standard input and stores it as
#                         $SECUREWATCH_IMAGE_ARCHIVE_DIR/NAME.tar, where NAME is the last part of the image's
#                         repository (securewatch/control-plane:0.1.0 becomes control-plane.tar).
set -euo pipefail

fail() {
    echo "docker-cli-to-archive.sh: $*" >&2
    exit 1
}

store_image() {
    local directory=${SECUREWATCH_IMAGE_ARCHIVE_DIR:-}
    [[ -n $directory ]] || fail "SECUREWATCH_IMAGE_ARCHIVE_DIR is not set; set it to the folder for the image archives"
    mkdir -p "$directory"

    local partial
    partial=$(mktemp "$directory/.load.XXXXXX")
    trap 'rm -f "$partial"' EXIT
    cat >"$partial"

    # Jib writes manifest.json as one line of JSON, and the first entry of RepoTags names the image.
    local repo_tag
    repo_tag=$(tar -xOf "$partial" manifest.json | sed -n 's/.*"RepoTags":\["\([^"]*\)".*/\1/p')
    [[ -n $repo_tag ]] || fail "the image on standard input has no RepoTags in its manifest.json"
    local name=${repo_tag##*/}
    name=${name%%:*}

    mv "$partial" "$directory/$name.tar"
    trap - EXIT
    # mktemp creates the file readable by its owner only, but an image archive contains no secret.
    chmod 644 "$directory/$name.tar"
    # docker load prints the same first line, which Jib logs at debug level.
    echo "Loaded image: $repo_tag"
    echo "Stored as $directory/$name.tar"
}

case "${1:-}" in
info)
    printf '{"OSType":"linux","Architecture":"%s"}\n' "$(uname -m)"
    ;;
load)
    store_image
    ;;
*)
    fail "unsupported command '${*}': only 'info' and 'load' are implemented, the commands that Jib runs"
    ;;
esac
