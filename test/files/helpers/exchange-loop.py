"""Swaps two paths atomically (renameat2 RENAME_EXCHANGE) in a loop, for the folder-swap race tests.

usage: exchange-loop.py A B SECONDS  -- prints the number of swaps made; exits 1 if a swap fails.
"""
import ctypes
import os
import sys
import time

AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)
first, second, seconds = os.fsencode(sys.argv[1]), os.fsencode(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + seconds
swaps = 0
print("ready", flush=True)
while time.monotonic() < deadline:
    if libc.renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE) != 0:
        print(os.strerror(ctypes.get_errno()), file=sys.stderr)
        sys.exit(1)
    swaps += 1
print(swaps, flush=True)
