#!/usr/bin/env bash
# Benchmark of an encrypted store (issue 23): 20,000 records, 5,000 people x 4
# quarters (bench/generate_org.py), with a roster (bench/generate_encrypted.py)
# giving each person and manager an age key, and an `hr` reader of everything
# whose identity is made by `rungs keygen`; `rungs encrypt` seals every record
# (a self or manager view to three keys: the person, the manager, hr).
# Everything is read as hr (`--identity`), so every record opens; with
# READER=person, as `Person 00000` instead (their key made by `rungs keygen`,
# their records sealed again to it with `rungs rekey`), who opens only their
# own 4 records: every other record is not for their key, and the summary
# cache remembers that rather than trying each again.
#
# Times, in one run of the script:
# - warm, with the summary cache: `rungs list` and `rungs team` (table and
#   JSON) beside `cat` of the same files. The goal: at most 0.5x `cat`.
# - the first run, which decrypts everything: `list` and `team` building the
#   cache from nothing, and `list` with the cache off, beside `age -d` of every
#   file (one process a file, one at a time and as many at a time as cores).
# and the peak memory of each.
#
#   bash bench/encrypted.sh              # 5,000 people: 20,000 records
#   bash bench/encrypted.sh 500          # 2,000 records, to try the script
#   BENCH_DIR=/tmp/enc bash bench/encrypted.sh   # keep and reuse the store
#   RUNS=15 FIRST_RUNS=5 bash bench/encrypted.sh  # runs per command: warm (default 5), first run (default 3)
#   FIRST=0 bash bench/encrypted.sh      # the warm runs only (the first-run group takes minutes)
#   READER=person bash bench/encrypted.sh  # read as one person, who opens only their own records
#
# The same records in plain text (generate_org.py's, before sealing) are kept
# beside the sealed store, and timed warm too: what sealing costs once cached.
#
# Needs hyperfine, age and GNU time (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v age >/dev/null || need+=(age)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}"; fi
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release --quiet
bin=$PWD/target/release/rungs
people=${1:-5000}
work=${BENCH_DIR:-$(mktemp -d)}
data=$work/sealed-$people
cache=$work/cache
id=$work/hr-identity.txt
runs=${RUNS:-5}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config NO_COLOR=1 RUNGS_CACHE_DIR=$cache
unset RUNGS_IDENTITY RUNGS_CACHE
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($1)"; }

mkdir -p "$work"
if [ ! -f "$id" ]; then
  "$bin" keygen -o "$id" > "$work/hr-public.txt"
fi
if [ ! -d "$data" ]; then
  echo "generating $people people x 4 quarters in $data, and its roster"
  rm -rf "$data.tmp"
  python3 bench/generate_org.py "$data.tmp" "$people" 4
  python3 bench/generate_encrypted.py "$data.tmp" "$people" "$(cat "$work/hr-public.txt")"
  /usr/bin/time -f "rungs encrypt: %e s, %M KiB" "$bin" --dir "$data.tmp" --identity "$id" encrypt
  mv "$data.tmp" "$data"
  sleep 3 # the summary cache keeps nothing changed in the last 2 s, so the warm runs would not be warm
fi
plain_data=$work/plain-$people # the same records, never sealed
if [ ! -d "$plain_data" ]; then
  python3 bench/generate_org.py "$plain_data.tmp" "$people" 4 && mv "$plain_data.tmp" "$plain_data"
  sleep 3
fi
reader=${READER:-hr}
case $reader in
  hr) ;;
  person)
    person_id=$work/person-identity-$people.txt
    if [ ! -f "$person_id" ]; then
      "$bin" keygen -o "$person_id" > "$work/person-public-$people.txt"
      # Person 00000 gets the new key; their records are sealed again to it.
      python3 - "$data/people.toml" "$(cat "$work/person-public-$people.txt")" <<'PY'
import re, sys
path, key = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r'(name = "Person 00000"\n(?:[^\[]*?\n)?keys = \[")[^"]*', lambda m: m.group(1) + key, text, count=1)
open(path, "w").write(text)
PY
      "$bin" --dir "$data" --identity "$id" rekey --person "Person 00000" | tail -1
      sleep 3
    fi
    id=$person_id
    ;;
  *) echo "READER is hr or person" >&2; exit 2 ;;
esac
all=$work/all-$people.txt # every record: what `list` and `team` read
find "$data" -name '*.json' | sort > "$all"
records=$(wc -l < "$all")
plain=$(xargs grep -L '^age-encryption.org/v1$' < "$all" | wc -l || true)
echo
echo "== $records records of $people people ($(du -sh "$data" | cut -f1) on disk), $plain of them not sealed"
echo "$(head -1 "$all"):"
head -c 200 "$(head -1 "$all")" | head -3
echo "…"
age -d -i "$work/hr-identity.txt" "$(head -1 "$all")" | head -2 | cut -c1-100
rows=$("$bin" --dir "$data" --identity "$id" list --format json | grep -c '"path"' || true)
echo "rungs list as $reader: $rows rows"
if [ "$reader" = hr ]; then
  [ "$rows" = "$records" ] || { echo "error: hr should open all $records records" >&2; exit 1; }
else
  [ "$rows" -ge 1 ] && [ "$rows" -lt "$records" ] || { echo "error: the person should open some records, not all" >&2; exit 1; }
  RUNGS_CACHE=off "$bin" --dir "$data" --identity "$id" list 2>&1 >/dev/null | tail -1
fi
cpus=$(nproc)

cat_all="sh -c 'xargs cat < $all > /dev/null'"
rungs="$bin --dir $data --identity $id"
run() { # name, hyperfine options and commands
  local name=$1; shift
  load "before $name"
  hyperfine -N --export-markdown "$work/$name-$people.md" "$@"
  load "after $name"
}

echo
echo "== warm: page cache and summary cache"
for store in "$rungs" "$bin --dir $plain_data"; do
  $store list > /dev/null
  $store team > /dev/null
done
echo "cache: $(du -ch "$cache"/* | tail -1 | cut -f1) in $cache (both stores)"
run warm --warmup 1 --runs "$runs" \
  -n "cat of every file" "$cat_all" \
  -n "rungs list (table)" "$rungs list" \
  -n "rungs list --format json" "$rungs list --format json" \
  -n "rungs team (table)" "$rungs team" \
  -n "rungs team --format json" "$rungs team --format json" \
  -n "rungs list (table), the plain store" "$bin --dir $plain_data list" \
  -n "rungs team (table), the plain store" "$bin --dir $plain_data team"

echo
echo "== the first run: every record decrypted"
if [ "${FIRST:-1}" = 0 ]; then echo "skipped (FIRST=0)"; else
run first --runs "${FIRST_RUNS:-3}" --prepare "rm -rf $cache" \
  -n "cat of every file" "$cat_all" \
  -n "rungs list, building the cache" "$rungs list" \
  -n "rungs team, building the cache" "$rungs team" \
  -n "rungs list, RUNGS_CACHE=off" "env RUNGS_CACHE=off $rungs list" \
  -n "age -d of every file, one at a time" "sh -c 'xargs -n 1 age -d -i $id < $all > /dev/null'" \
  -n "age -d of every file, $cpus at a time" "sh -c 'xargs -P $cpus -n 1 age -d -i $id < $all > /dev/null'"
fi

echo
echo "== peak memory (GNU time, maximum resident set)"
$rungs list > /dev/null
$rungs team > /dev/null
for args in "list" "list --format json" "team" "team --format json"; do
  # shellcheck disable=SC2086 # the arguments are meant to split
  /usr/bin/time -f "rungs $args, warm: %M KiB, %e s" $rungs $args > /dev/null
done
# shellcheck disable=SC2086
RUNGS_CACHE=off /usr/bin/time -f "rungs list, RUNGS_CACHE=off: %M KiB, %e s" $rungs list > /dev/null
load "after peak memory"
echo
echo "markdown tables in $work/*-$people.md; store kept in $work (set BENCH_DIR to reuse it)"
