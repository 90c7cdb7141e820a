#!/usr/bin/env bash
# Benchmark: `rungs calibrate` over 5,000 people with three views each (their
# own and two managers', 15,000 files of about 4 KB), warm, with the bootstrap
# (1,000 resamples of every interval), beside `cat` of the same files in the
# same run. The goal: under 2 s.
#
#   bash bench/calibrate.sh           # 5,000 people
#   bash bench/calibrate.sh 500       # another size
#
# Needs hyperfine (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release --quiet
bin=$PWD/target/release/rungs
work=${BENCH_DIR:-$(mktemp -d)}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config RUNGS_TODAY=2026-12-01
people=${1:-5000}
data=$work/calibrate-$people
if [ ! -d "$data" ]; then
  echo "generating $people people, three views each, in $data"
  python3 bench/generate_calibrate.py "$data" "$people"
fi
list=$(mktemp) && find "$data" -name '*.json' | sort > "$list"
echo "== $(wc -l < "$list") files, $people people, $(du -sh "$data" | cut -f1) on disk"
"$bin" calibrate --dir "$data" | sed -n '1,12p'
hyperfine --warmup 2 --runs 10 -N --export-markdown "$work/calibrate-$people.md" \
  -n "rungs calibrate --format json" "$bin calibrate --format json --dir $data" \
  -n "rungs calibrate (table)" "$bin calibrate --dir $data --color never" \
  -n "rungs calibrate --format html" "$bin calibrate --format html -o $work/pack.html --dir $data" \
  -n "cat of the same files" "sh -c 'xargs cat < $list > /dev/null'"
cat "$work/calibrate-$people.md"
