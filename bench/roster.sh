#!/usr/bin/env bash
# Benchmark of the roster: 5,000 people in people.toml (bench/generate_roster.py),
# each with a self and a manager assessment, some peers, goals and drafts.
# Times, warm, `rungs roster` (table and JSON), `rungs due` (everyone, and
# --under the top of the tree with --depth all) and `rungs team --under` the
# top of the tree (--depth all), each beside `cat` of what it reads: the
# roster alone for `roster`; the roster and every file of the people in
# scope for `due` and `team`. The goal: each under 0.3 s warm.
#
#   bash bench/roster.sh              # 5,000 people
#   bash bench/roster.sh 500          # a smaller roster, to try the script
#   BENCH_DIR=/tmp/roster bash bench/roster.sh   # keep and reuse the generated data
#
# Needs hyperfine (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release --quiet
bin=$PWD/target/release/rungs
people=${1:-5000}
work=${BENCH_DIR:-$(mktemp -d)}
data=$work/roster-$people
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config NO_COLOR=1 RUNGS_TODAY=2026-07-01 RUNGS_CACHE_DIR=$work/cache
if [ ! -d "$data" ]; then
  python3 bench/generate_roster.py "$data.tmp" "$people" && mv "$data.tmp" "$data"
fi
top="Person 00000"
files=$work/files-$people.txt   # the roster and every file of everyone: what `due` and `team` read at most
{ echo "$data/people.toml"; find "$data" -name '*.json' | sort; } > "$files"
echo "== $people people, $(du -h "$data/people.toml" | cut -f1) roster, $(wc -l < "$files") files ($(du -sh "$data" | cut -f1))"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" --dir "$data" roster check
"$bin" --dir "$data" team --under "$top" --depth all --format json > /dev/null  # fills the summary cache
hyperfine -N --warmup 3 --export-markdown "$work/roster-$people.md" \
  -n "cat people.toml" "cat $data/people.toml" \
  -n "rungs roster" "$bin --dir $data roster" \
  -n "rungs roster --format json" "$bin --dir $data roster --format json" \
  -n "cat roster + all files" "sh -c 'xargs -d \"\\n\" cat < $files > /dev/null'" \
  -n "rungs due" "$bin --dir $data due" \
  -n "rungs due --under top --depth all --format json" "$bin --dir $data due --under '$top' --depth all --format json" \
  -n "rungs team --under top --depth all" "$bin --dir $data team --under '$top' --depth all" \
  -n "rungs team --under top (direct reports)" "$bin --dir $data team --under '$top'"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "results: $work/roster-$people.md"
