#!/bin/sh
# SASRec parity and speed, side by side in one script: the reference implementation
# (pmixer/SASRec.pytorch, a PyTorch port of the authors' code, run unmodified with Debian's
# python3-torch on CPU) and RecDistill's `sasrec` (bench_sasrec) on MovieLens 100K in time order,
# under the reference's protocol (leave-one-out, 100 sampled negatives per user, maxlen 200,
# hidden 50, 2 blocks, 1 head, dropout 0.2, BCE, Adam 1e-3 beta2 0.98, batch 128).
#
#   bench/sasrec_parity.sh REFERENCE_CHECKOUT ML100K_FOLDER BUILD_DIR [EPOCHS] [THREADS] [PADDINGS]
#
# REFERENCE_CHECKOUT: a checkout (or bare mirror) of github.com/pmixer/SASRec.pytorch; the script
# copies python/main.py, model.py and utils.py out of it (git show HEAD:… for a bare mirror).
# Prints both logs, then the comparison: test NDCG@10 / HR@10 (sampled) of each, their difference,
# median training seconds per epoch of each and the ratio. PADDINGS: `sasrec`'s padding settings to
# run, comma-separated (default "attended", the reference's behaviour; "attended,masked" runs both,
# masked being the authors' TensorFlow behaviour that lets batches skip the padding).
set -eu
ref=$1 data=$2 build=$3 epochs=${4:-200} threads=${5:-2} paddings=${6:-attended}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/data"
for f in main.py model.py utils.py; do
  if [ -f "$ref/python/$f" ]; then cp "$ref/python/$f" "$work/"; else git -C "$ref" show "HEAD:python/$f" > "$work/$f"; fi
done
# u.data → "user item" per line, each user's lines by time, ties in the file's order (stable sort).
awk '{print $1, $2, $4, NR}' "$data/u.data" | sort -k1,1n -k3,3n -k4,4n | awk '{print $1, $2}' > "$work/data/ml-100k.txt"

echo "== reference: pmixer/SASRec.pytorch ($(git -C "$ref" rev-parse --short HEAD 2>/dev/null || echo checkout)), $epochs epochs, torch threads $threads"
(cd "$work" && OMP_NUM_THREADS=$threads /usr/bin/python3 -c "import torch; torch.set_num_threads($threads); import sys; sys.argv=['main.py','--dataset=ml-100k','--train_dir=ref','--maxlen=200','--dropout_rate=0.2','--device=cpu','--num_epochs=$epochs']; exec(open('main.py').read())" \
  | grep -v '^loss in epoch' | tee "$work/ref.out")

for padding in $(echo "$paddings" | tr ',' ' '); do
  echo "== RecDistill sasrec, padding $padding, $epochs epochs, $threads threads"
  "$build/bench/bench_sasrec" "$data" --epochs "$epochs" --threads "$threads" --padding "$padding" | tee "$work/ours-$padding.out"
done

python3 - "$work" "$epochs" "$paddings" <<'EOF'
import re, statistics, sys
work, epochs, paddings = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(',')
ref = open(work + '/ref.out').read()
rows = re.findall(r'epoch:(\d+), time: ([\d.]+)\(s\), valid \(NDCG@10: ([\d.]+), HR@10: ([\d.]+)\), test \(NDCG@10: ([\d.]+), HR@10: ([\d.]+)\)', ref)
# The reference prints its training time accumulated since the start (evaluation excluded) at
# every 20th epoch: the seconds per epoch of each 20-epoch window.
per_epoch, prev = [], 0.0
for e, t, *_ in rows:
    per_epoch.append((float(t) - prev) / 20.0)
    prev = float(t)
last = rows[-1]
rn, rh = float(last[4]), float(last[5])
rs = statistics.median(per_epoch)
for padding in paddings:
    ours = dict(re.findall(r'RESULT (\S+) (\S+)', open(f'{work}/ours-{padding}.out').read()))
    on, oh = float(ours['test_SampledNDCG@10']), float(ours['test_SampledHR@10'])
    os_ = float(ours['median_epoch_seconds'])
    print(f"\n== comparison at epoch {last[0]} (sampled: 100 negatives), recdistill with padding {padding}")
    print(f"test NDCG@10  reference {rn:.4f}  recdistill {on:.4f}  difference {on - rn:+.4f}")
    print(f"test HR@10    reference {rh:.4f}  recdistill {oh:.4f}  difference {oh - rh:+.4f}")
    print(f"recdistill full ranking: test NDCG@10 {float(ours['test_NDCG@10']):.4f}, Hit@10 {float(ours['test_Hit@10']):.4f}")
    print(f"median training seconds per epoch: reference {rs:.3f}, recdistill {os_:.3f}, ratio {rs / os_:.2f}x")
EOF
