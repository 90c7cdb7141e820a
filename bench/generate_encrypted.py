#!/usr/bin/env python3
"""Writes the roster (people.toml) of a store made by bench/generate_org.py,
so that `rungs encrypt` can seal it, for bench/encrypted.sh.

    python3 bench/generate_encrypted.py DIR PEOPLE HR_KEY

Lists every person (`Person 00000` …) with their manager (`Manager 0000` …,
eight reports each, as generate_org.py names them), every manager, and one
`HR Reader` with the `hr` role, whose key is HR_KEY (from `rungs keygen`):
the reader of everything. Each person and manager gets a distinct age key
(`age1…`), made here from a seeded generator, so a self or manager view is
sealed to three keys, as in a real store: the person, the manager, `hr`.
Only the public halves are written; nobody but `hr` opens anything in the
benchmark.

Deterministic: the same arguments give the same file.
"""
import os
import random
import sys

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_org import MANAGED  # noqa: E402  the reporting lines of the store

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def polymod(values):
    generator = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    check = 1
    for v in values:
        top = check >> 25
        check = (check & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            check ^= generator[i] if (top >> i) & 1 else 0
    return check


def bech32(hrp, data):
    """Bech32 (not bech32m), as age writes its keys."""
    bits, acc, out = 0, 0, []
    for byte in data:
        acc = acc << 8 | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append(acc >> bits & 31)
    if bits:
        out.append(acc << (5 - bits) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    mod = polymod(expanded + out + [0] * 6) ^ 1
    checksum = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in out + checksum)


def key(rng):
    secret = X25519PrivateKey.from_private_bytes(bytes(rng.getrandbits(8) for _ in range(32)))
    return bech32("age", secret.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def main():
    root, people, hr = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(23)
    managers = (people + MANAGED - 1) // MANAGED
    lines = [f'\n[[person]]\nname = "HR Reader"\nroles = ["hr"]\nkeys = ["{hr}"]\n']
    for m in range(managers):
        lines.append(f'\n[[person]]\nname = "Manager {m:04d}"\nkeys = ["{key(rng)}"]\n')
    for p in range(people):
        lines.append(
            f'\n[[person]]\nname = "Person {p:05d}"\nmanager = "Manager {p // MANAGED:04d}"\n'
            f'ladder = "tech-lead"\nlevel = "TL4"\nkeys = ["{key(rng)}"]\n'
        )
    path = os.path.join(root, "people.toml")
    with open(path, "w") as f:
        f.writelines(lines)
    os.chmod(path, 0o600)
    print(f"people.toml: {people} people, {managers} managers and one hr reader, each with an age key")


if __name__ == "__main__":
    main()
