#!/usr/bin/env python3
"""Writes a store with a roster for bench/roster.sh.

    python3 bench/generate_roster.py DIR [PEOPLE]

Defaults: 5,000 people in `people.toml`, in a reporting tree eight wide
(Person 00000 at the top, person P reporting to person (P-1)//8: five
levels), each with an email, the Tech Lead ladder, a level, a team and one
ssh-ed25519 key. Every person has a self and a manager assessment (the
shape `rungs assess` saves, from bench/generate_org.py), one in five three
peer views, one in ten an unfinished draft and one in four an open goal, some
overdue. Dates spread over 2025 and 2026, so `rungs due` finds some of
everything on 2026-07-01.

Deterministic: the same arguments give the same files.
"""
import base64
import json
import os
import random
import sys
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_org import assessment, write  # noqa: E402  the file shape rungs saves

WIDE = 8


def name(p):
    return f"Person {p:05d}"


def slug(p):
    return f"person-{p:05d}"


def key(rng):
    # The wire form of an ed25519 public key: the type's length and name, then 32 bytes.
    blob = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + bytes(rng.getrandbits(8) for _ in range(32))
    return "ssh-ed25519 " + base64.b64encode(blob).decode()


def main():
    root = sys.argv[1]
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    rng = random.Random(22)
    os.makedirs(root, mode=0o700, exist_ok=True)
    lines = ['cycle = "90d"\n']
    for p in range(people):
        lines.append("\n[[person]]\n")
        lines.append(f'name = "{name(p)}"\n')
        lines.append(f'email = "person{p:05d}@example.com"\n')
        if p > 0:
            lines.append(f'manager = "{name((p - 1) // WIDE)}"\n')
        lines.append('ladder = "tech-lead"\n')
        lines.append(f'level = "TL{4 + (p % 3)}"\n')
        lines.append(f'team = "Team {p // WIDE:04d}"\n')
        lines.append(f'keys = ["{key(rng)}"]\n')
    with open(os.path.join(root, "people.toml"), "w") as f:
        f.writelines(lines)
    os.chmod(os.path.join(root, "people.toml"), 0o600)
    files = 0
    for p in range(people):
        folder = os.path.join(root, slug(p))
        os.makedirs(folder, mode=0o700, exist_ok=True)
        me = name(p)
        boss = name((p - 1) // WIDE) if p > 0 else "Board Member"
        start = date(2025, 10, 1) + timedelta(days=rng.randrange(0, 270))
        views = [(me, "self", start), (boss, "manager", start + timedelta(days=7))]
        if p % 5 == 0:
            views += [(f"Peer {n}", "peer", start + timedelta(days=n)) for n in range(3)]
        for n, (assessor, relationship, when) in enumerate(views):
            suffix = f"-{n}" if relationship == "peer" else ""
            path = os.path.join(folder, f"{when}-tech-lead-{relationship}{suffix}.json")
            write(path, assessment(rng, me, assessor, relationship, when))
            files += 1
        if p % 10 == 0:
            draft = os.path.join(folder, ".draft-tech-lead-self.json")
            with open(draft, "w") as f:
                json.dump({"person": me, "ladder": "tech-lead"}, f)
        if p % 4 == 0:
            goals = os.path.join(folder, "goals")
            os.makedirs(goals, mode=0o700, exist_ok=True)
            gid = f"g{p:016x}"
            due = date(2026, 3, 1) + timedelta(days=rng.randrange(0, 200))
            goal = {"schema": 1, "id": gid, "person": me, "competency": "technology", "level": "TL5",
                    "text": "Lead a design review", "created": "2026-01-05", "due": str(due),
                    "status": "open", "closed": None}
            write(os.path.join(goals, f"{gid}.json"), goal)
            files += 1
    print(f"{people} people in people.toml, {files} files")


if __name__ == "__main__":
    main()
