#!/usr/bin/env bash
# Benchmark at organisation scale: 200,000 assessments, 50,000 people x 4
# quarters, self and manager views (bench/generate_org.py). Times, warm,
# `rungs list` (table and JSON), `list --ratings --format csv` and `rungs team`
# (table and JSON), each beside `cat` of the same files; then the same cold,
# after dropping the page cache, where the machine allows it; and the peak
# memory of each. The load average is printed before and after each run.
#
# `list` and `team` keep a summary cache (docs/security.md), here in
# $BENCH_DIR/cache. "Warm" runs have the cache; "cold" runs drop the page
# cache but the cache file stays on disk (it is read cold too). The runs that
# build the cache from nothing, and `list` with the cache off, are timed too,
# so nothing is hidden.
#
#   bash bench/org.sh                 # the full 200,000 files
#   bash bench/org.sh 2000            # a smaller organisation (people), to try the script
#   BENCH_DIR=/tmp/org bash bench/org.sh   # keep and reuse the generated data
#   COLD=0 bash bench/org.sh          # skip the cold runs
#
# Needs hyperfine and GNU time (installed from Debian's packages when missing).
# Dropping the page cache needs root on a machine that allows it; where it is
# not allowed the cold runs are skipped and the output says so.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
cargo build --release --quiet
bin=$PWD/target/release/rungs
people=${1:-50000}
work=${BENCH_DIR:-$(mktemp -d)}
data=$work/data-$people
cache=$work/cache
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config NO_COLOR=1 RUNGS_CACHE_DIR=$cache
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($1)"; }

if [ ! -d "$data" ]; then
  echo "generating $people people x 4 quarters in $data"
  python3 bench/generate_org.py "$data.tmp" "$people" 4 && mv "$data.tmp" "$data"
fi
all=$work/all-$people.txt    # every file: what `list` reads
latest=$work/team-$people.txt # each person's newest self and newest manager file: what `team` reads
find "$data" -name '*.json' | sort > "$all"
awk -F/ '{ d = $0; sub("/[^/]*$", "", d); v = ($NF ~ /-manager\.json$/) ? "m" : "s"; last[d v] = $0 }
         END { for (k in last) print last[k] }' "$all" | sort > "$latest"
echo
echo "== $(wc -l < "$all") files of $people people ($(du -sh "$data" | cut -f1) on disk); team reads $(wc -l < "$latest")"
cpus=$(nproc)

cat_all="sh -c 'xargs cat < $all > /dev/null'"
cat_team="sh -c 'xargs cat < $latest > /dev/null'"
run() { # name, hyperfine options and commands
  local name=$1; shift
  load "before $name"
  hyperfine -N --export-markdown "$work/$name-$people.md" "$@"
  load "after $name"
}

echo
echo "== without the cache: the first run, which builds it, and the cache turned off"
run build --runs 3 --prepare "rm -rf $cache" \
  -n "rungs list, building the cache" "$bin list --dir $data" \
  -n "rungs team, building the cache" "$bin team --dir $data" \
  -n "rungs list, RUNGS_CACHE=off" "env RUNGS_CACHE=off $bin list --dir $data" \
  -n "cat of every file" "$cat_all"
$bin list --dir "$data" > /dev/null
echo "cache: $(du -h "$cache"/* | cut -f1) in $cache"

echo
echo "== warm"
run list-warm --warmup 1 --runs 5 \
  -n "rungs list (table)" "$bin list --dir $data" \
  -n "rungs list --format json" "$bin list --format json --dir $data" \
  -n "rungs list --ratings --format csv" "$bin list --ratings --format csv --dir $data" \
  -n "cat of every file" "$cat_all"
run team-warm --warmup 1 --runs 5 \
  -n "rungs team (table)" "$bin team --dir $data" \
  -n "rungs team --format json" "$bin team --format json --dir $data" \
  -n "cat of the files team reads" "$cat_team"

echo
echo "== peak memory (GNU time, maximum resident set), warm"
for args in "list" "list --format json" "list --ratings --format csv" "team" "team --format json"; do
  # shellcheck disable=SC2086 # the arguments are meant to split
  /usr/bin/time -f "rungs $args: %M KiB, %e s" "$bin" $args --dir "$data" > /dev/null
done
for args in "list" "team"; do
  rm -rf "$cache"
  # shellcheck disable=SC2086
  /usr/bin/time -f "rungs $args, building the cache: %M KiB, %e s" "$bin" $args --dir "$data" > /dev/null
done
load "after peak memory"

echo
echo "== cold"
drop='sh -c "sync; echo 3 > /proc/sys/vm/drop_caches"'
if [ "${COLD:-1}" = 0 ]; then
  echo "cold runs skipped (COLD=0)"
elif ! (sync && echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null; then
  echo "cold runs skipped: this machine does not allow dropping the page cache"
  echo "(writing /proc/sys/vm/drop_caches failed; run as root on a machine that allows it)"
else
  $bin list --dir "$data" > /dev/null  # the cache is on disk; the page cache is dropped before each run
  sample=$(head -1 "$all")
  echo "page cache dropped: $(fincore --noheadings --output RES "$sample" 2>/dev/null || echo '?') of $sample resident"
  run list-cold --runs 3 --prepare "$drop" \
    -n "rungs list, cold" "$bin list --dir $data" \
    -n "rungs list --ratings --format csv, cold" "$bin list --ratings --format csv --dir $data" \
    -n "cat of every file, cold" "$cat_all" \
    -n "cat of every file, $cpus readers, cold" "sh -c 'xargs -P $cpus -n 1000 cat < $all > /dev/null'"
  run team-cold --runs 3 --prepare "$drop" \
    -n "rungs team, cold" "$bin team --dir $data" \
    -n "cat of the files team reads, cold" "$cat_team"
fi
echo
echo "markdown tables in $work/*-$people.md; data kept in $work (set BENCH_DIR to reuse it)"
