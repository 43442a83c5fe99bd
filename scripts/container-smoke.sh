#!/bin/sh
# Builds the container image from the Dockerfile and runs the smoke test against it
# (tests/integration/smoke.test.ts with SMOKE_IMAGE): health, a workshop, two clients in sync,
# the JSON export, `kill -9` of the container and a new one on the same /data volume. Needs a
# container engine and the base image (node:24-slim) at hand; not part of .ci/run, whose
# machines cannot pull images.
#
#   sh scripts/container-smoke.sh
#   CONTAINER_ENGINE=docker sh scripts/container-smoke.sh
#
# CONTAINER_ENGINE may carry global flags ("podman --runtime runc"); CONTAINER_BUILD_ARGS and
# CONTAINER_RUN_ARGS add flags to `build` and `run` (a sandbox may need
# "--isolation chroot" and "--ulimit nofile=…").
set -eu
cd "$(dirname "$0")/.."
engine=${CONTAINER_ENGINE:-podman}
image=${SMOKE_IMAGE:-coalition-board:smoke}
format=''
case "$engine" in podman*) format='--format docker' ;; esac # keeps HEALTHCHECK (OCI images drop it)
# shellcheck disable=SC2086 # the engine and the extra flags are word lists on purpose
$engine build $format ${CONTAINER_BUILD_ARGS:-} -t "$image" .
SMOKE_IMAGE=$image CONTAINER_ENGINE=$engine exec sh scripts/with-node.sh node node_modules/vitest/vitest.mjs run tests/integration/smoke.test.ts
