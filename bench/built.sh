# Sourced by the benchmarks: is_built JAR MODULE... is true when JAR exists and no source, resource
# or POM of the modules (and of vigil-common) changed since it was built, so a benchmark never
# measures a stale build.
is_built() {
  local jar=$1; shift
  [[ -f "$jar" ]] || return 1
  local dirs=("$ROOT/common/src" "$ROOT/common/pom.xml" "$ROOT/docs/events")
  for module in "$@"; do dirs+=("$ROOT/$module/src" "$ROOT/$module/pom.xml"); done
  [[ -z "$(find "${dirs[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]]
}
