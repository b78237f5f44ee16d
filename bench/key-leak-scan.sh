#!/usr/bin/env bash
# Leak scanning: a generated repository of 10,000 commits (2,000 with --quick) on three branches,
# with a key version planted in one old commit, scanned by key-service from registration to the
# recorded result (mirror clone, every commit of every ref, fingerprint lookups). Baseline, in the
# same run: `git log --all -p | grep` for 64-hex tokens, a text search with no key matching at all.
quick=$1
commits=$([[ $quick == true ]] && echo 2000 || echo 10000)
source "$(dirname "${BASH_SOURCE[0]}")/key-service-stack.sh"
command -v git >/dev/null || { echo "git is needed" >&2; exit 1; }
bench KeyLeakScanBench "$SERVICE" "$(token Vigil.Admin)" "$KUBERNETES" "$work/repository" "$commits"
