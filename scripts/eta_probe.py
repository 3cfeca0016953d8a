#!/usr/bin/env python3
"""How right the experiment ETA is: runs the quick demo through recdistill-cli and compares, at a
few points of the run, the experiment time left that the progress line printed with the time the
run really still took. Usage: scripts/eta_probe.py [BUILD_DIR] (default: build)."""
import os
import re
import subprocess
import sys
import time

build = sys.argv[1] if len(sys.argv) > 1 else 'build'
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cmd = [os.path.join(build, 'app', 'recdistill-cli'), 'distill',
       os.path.join(root, 'resources', 'experiments', 'quick-demo.json'), '--no-store']
t0 = time.time()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
rows = []  # (seconds since start, experiment seconds left as printed)
for line in p.stdout:
    m = re.search(r'ETA \d+ s \(experiment (\d+) s\)', line)
    if m:
        rows.append((time.time() - t0, int(m.group(1))))
p.wait()
end = time.time() - t0
print('quick demo: %.1f s, %d epoch lines' % (end, len(rows)))
for share in (0.25, 0.5, 0.62, 0.75, 0.84):
    row = next((r for r in rows if r[0] >= share * end), None)
    if row and end > row[0]:
        real = end - row[0]
        print('at %3.0f %%: said %3d s left, really %5.1f s (ratio %.2f)'
              % (share * 100, row[1], real, row[1] / real))
