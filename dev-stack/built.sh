# Sourced by ./vigil and the benchmarks: is_built JAR MODULE... is true when JAR exists and no source, resource
# or POM of the modules (nor of vigil-common, the root POM or the event schemas) changed since it
# was built, so neither the stack nor a benchmark runs a stale build.
is_built() {
  local jar=$1 module
  shift
  [[ -f "$jar" ]] || return 1
  local paths=("$ROOT/pom.xml" "$ROOT/common/src" "$ROOT/common/pom.xml" "$ROOT/docs/events")
  for module in "$@"; do paths+=("$ROOT/$module/src" "$ROOT/$module/pom.xml"); done
  [[ -z "$(find "${paths[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]]
}
