#!/usr/bin/env bash
# Re-encryption throughput: the key-service jar rewraps its credential vault after a rotation
# (batches of 1000, one transaction each, progress written with every batch). Baseline, in the same
# run and on the same rows: plain AES-GCM decrypt and encrypt with batched JDBC UPDATEs.
quick=$1
credentials=$([[ $quick == true ]] && echo 20000 || echo 200000)
source "$(dirname "${BASH_SOURCE[0]}")/key-service-stack.sh"
bench KeyRewrapBench "$SERVICE" "$(token Vigil.Admin)" "$(token Vigil.Service)" "$JDBC" "$KUBERNETES" "$credentials"
