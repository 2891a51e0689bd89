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
[ -f "$OUT/ours-samples.tsv" ] || exit 0
echo "cht-backup JVMs over the whole run: peak RSS and CPU seconds used (sampled every second)"
printf '%-12s %14s %10s\n' SERVICE PEAK_RSS_MIB CPU_S
hz=$(sed -nE 's/# CLK_TCK=([0-9]+)/\1/p' "$OUT/ours-samples.tsv")
awk -F'\t' -v hz="$hz" '!/^#/ { if ($4 > peak[$2]) peak[$2] = $4; if ($5 > cpu[$2]) cpu[$2] = $5 }
  END { for (s in peak) printf "%-12s %14.0f %10.1f\n", s, peak[s] / 1024, cpu[s] / hz }' "$OUT/ours-samples.tsv" | sort
echo
echo "per snapshot, from trigger to the third location stored: CPU seconds and peak RSS of each JVM"
for stored in "$OUT"/ours-stored-*.txt; do
  [ -f "$stored" ] || continue
  snap=$(basename "$stored" .txt | sed 's/^ours-stored-//')
  took=$(awk -F'\t' -v k="ours_${snap}_all_three_stored_s" '$1 == k {print $2}' "$OUT/values.tsv")
  end=$(date -d "$(tail -1 "$stored" | awk '{print $1}')" +%s.%N)
  start=$(echo "$end - $took" | bc)
  echo "snapshot $snap: $took s"
  awk -F'\t' -v s="$start" -v e="$end" -v hz="$hz" '!/^#/ { t = $1 + 0; if (t <= s || !($2 in a)) a[$2] = $5; if (t <= e) b[$2] = $5;
      if (t >= s && t <= e && $4 > p[$2]) p[$2] = $4 }
    END { for (k in b) { c = (b[k] - a[k]) / hz; tot += c; printf "  %-12s %8.1f CPU s %8.0f MiB\n", k, c, p[k] / 1024 }
          printf "  %-12s %8.1f CPU s\n", "total", tot }' "$OUT/ours-samples.tsv" | sort
done
