#!/usr/bin/env bash
# Benchmark: `rungs list` over every file and `rungs history` of one person,
# each beside `cat` of the same files and a jq pipeline that computes the same
# list, in one run, warm; plus peak memory. Two sizes: 10,000 assessments of
# 500 people, and 100,000 of 5,000 (about 4 KB each).
#
#   bash bench/list.sh            # both sizes
#   bash bench/list.sh 10000      # the small one only
#
# Needs hyperfine, jq and GNU time (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v jq >/dev/null || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
cargo build --release --quiet
bin=$PWD/target/release/rungs
work=${BENCH_DIR:-$(mktemp -d)}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config

# jq computes the same rows as `rungs list`: path, date, person, ..., ready_count, total.
jq_list='
  def met: . == "meets" or . == "exceeds";
  [ inputs | . as $a | input_filename as $p
    | [ .ratings[] | .competency ] | unique as $ids
    | [ $ids[] as $c
        | ($a.ratings | map(select(.competency == $c))) as $rs
        | ($rs | map(select(.level == $a.current)) | .[0]) as $now
        | (($rs | map(select(.level == $a.target)) | .[0]) // $now) as $next
        | (($next.rating | met) or (($now.rating | met) and ($now.rank >= $next.rank))) ] as $ready
    | { path: $p, date: $a.date, person: $a.person, assessor: $a.assessor,
        relationship: $a.relationship, ladder: $a.ladder.id, current: $a.current,
        target: $a.target, ready_count: ($ready | map(select(.)) | length), total: ($ready | length) } ]
  | sort_by(.person, .date)'

for files in ${1:-10000 100000}; do
  people=$((files / 20))
  data=$work/data-$files
  if [ ! -d "$data" ]; then
    echo "generating $files assessments of $people people in $data"
    python3 bench/generate.py "$data" "$people" 20
  fi
  echo
  echo "== $files assessments, $people people, $(du -sh "$data" | cut -f1) on disk"
  list=$(mktemp) && find "$data" -name '*.json' | sort > "$list"
  one=$data/person-00042
  hyperfine --warmup 2 --runs 5 -N --export-markdown "$work/list-$files.md" \
    -n "rungs list --format json" "$bin list --format json --dir $data" \
    -n "rungs list (table)" "$bin list --dir $data --color never" \
    -n "cat of the same files" "sh -c 'xargs cat < $list > /dev/null'" \
    -n "jq pipeline, same list" "sh -c 'xargs jq -n \"\$0\" < $list > /dev/null' '$jq_list'"
  hyperfine --warmup 5 --runs 50 -N --export-markdown "$work/history-$files.md" \
    -n "rungs history (one person)" "$bin history 'Person 00042' --format json --dir $data" \
    -n "cat of that person's files" "sh -c 'cat $one/*.json > /dev/null'" \
    -n "jq over that person's files" "sh -c 'jq -s length $one/*.json > /dev/null'"
  for format in json table; do
    /usr/bin/time -f "peak memory, rungs list --format $format: %M KiB" "$bin" list --format "$format" --dir "$data" > /dev/null
  done
  /usr/bin/time -f "peak memory, rungs history: %M KiB" "$bin" history 'Person 00042' --dir "$data" > /dev/null
  rm -f "$list"
done
echo
echo "data kept in $work (set BENCH_DIR to reuse it)"
