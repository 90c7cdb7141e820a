#!/usr/bin/env bash
# Benchmark: how long `rungs ladders` takes, start to finish (process start,
# parsing and validating the four built-in ladders, rendering the table).
#
#   bash bench/ladders.sh
#
# Needs hyperfine (installed from Debian's packages when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
cargo build --release --quiet
bin=target/release/rungs
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data
hyperfine --warmup 20 --runs 300 -N \
  "$bin ladders" \
  "$bin ladders --format json" \
  "$bin ladder show tech-lead --format json" \
  "$bin --version"
