#!/usr/bin/env bash
# Fuzzing: runs every fuzz target (the assessment loader and the read path of
# every command, the ladder parser, the answers-file parser) over mutations of
# the shipped files, in release mode, and prints per target the inputs run,
# the time, the panics and the inputs slower than 1 s.
#
#   bash bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET,...]    # default: 60, all
#
# FUZZ_SEED picks the random sequence (default 0x5eed). Failing inputs are
# saved under target/fuzz/TARGET/crashes and target/fuzz/TARGET/slow; replay
# them with FUZZ_REPLAY=PATH FUZZ_TARGETS=TARGET and the `fuzz::replay` test.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS=${1:-60} FUZZ_TARGETS=${2:-}
cargo test --release --locked --test integration --no-run
# Cap memory, so that an input that allocates without bound fails the run
# instead of exhausting the machine.
ulimit -v 8388608
cargo test --release --locked --test integration fuzz::run_from_environment -- --exact --ignored --nocapture
