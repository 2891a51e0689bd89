#!/usr/bin/env bash
# Prints what bench/run.sh measured: timed commands, recorded values, and per-service peak RSS and CPU of
# cht-backup's JVMs (sampled every second). Usage: bench/summary.sh <out dir>
set -euo pipefail
OUT=${1:?usage: summary.sh <out dir>}
cat "$OUT/machine.txt"
echo
printf '%-28s %9s %8s %12s %12s %5s\n' COMMAND WALL_S CPU_S MAX_RSS_MIB LOAD_BEFORE LOAD_AFTER
awk -F'\t' '{printf "%-28s %9s %8s %12s %12s %5s\n", $1, $2, $7, $3, $4, $5}' "$OUT/results.tsv"
echo
awk -F'\t' '{printf "%-40s %s\n", $1, $2}' "$OUT/values.tsv"
echo
echo "cht-backup JVMs over the whole run: peak RSS and CPU seconds used (sampled every second)"
printf '%-12s %14s %10s\n' SERVICE PEAK_RSS_MIB CPU_S
hz=$(sed -nE 's/# CLK_TCK=([0-9]+)/\1/p' "$OUT/ours-samples.tsv")
awk -F'\t' -v hz="$hz" '!/^#/ { if ($4 > peak[$2]) peak[$2] = $4; if ($5 > cpu[$2]) cpu[$2] = $5 }
  END { for (s in peak) printf "%-12s %14.0f %10.1f\n", s, peak[s] / 1024, cpu[s] / hz }' "$OUT/ours-samples.tsv" | sort
