#!/usr/bin/env python3
"""A git fast-import stream of a repository with N commits, for bench/harvest.sh.

    python3 bench/generate_git.py 50000 | git -C REPO fast-import --quiet

Three authors take turns (Jo Park writes about a third, under two addresses
that a .mailmap joins); every 25th commit of the main line is the merge of a
branch of 5 commits; every 7th subject ends in `(#N)`, as a squash merge
does; one in 11 carries a Co-authored-by trailer. Files spread over src/,
docs/, .github/ and ui/, so that path rules have something to match.
Deterministic: the same N gives the same repository.
"""

import sys

AUTHORS = [
    ("Jo Park", "jo@example.com"),
    ("Sam Lee", "sam@example.com"),
    ("J. Park", "jpark@old.example"),
    ("Ana Ruiz", "ana@example.com"),
]
FOLDERS = ["src/core", "src/api", "docs/guide", ".github/workflows", "ui/components"]
START = 1_640_995_200  # 2022-01-01T00:00:00Z
STEP = 1_800  # one commit every half hour


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    out = sys.stdout.buffer
    mark = 0
    made = 0
    main_head = None
    pr = 0

    def commit(ref: str, parent, merge, who, text: str, path: str) -> int:
        nonlocal mark, made
        mark += 1
        made += 1
        name, email = who
        stamp = START + made * STEP
        body = text.encode()
        data = f"change {made}\n".encode()
        lines = [
            f"commit {ref}\n".encode(),
            f"mark :{mark}\n".encode(),
            f"author {name} <{email}> {stamp} +0000\n".encode(),
            f"committer {name} <{email}> {stamp} +0000\n".encode(),
            f"data {len(body)}\n".encode() + body + b"\n",
        ]
        if parent is not None:
            lines.append(f"from :{parent}\n".encode())
        if merge is not None:
            lines.append(f"merge :{merge}\n".encode())
        if path:
            lines.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        out.write(b"".join(lines))
        return mark

    mailmap = b"Jo Park <jo@example.com> <jpark@old.example>\n"
    mark += 1
    made += 1
    out.write(
        f"commit refs/heads/main\nmark :{mark}\nauthor Sam Lee <sam@example.com> {START} +0000\n"
        f"committer Sam Lee <sam@example.com> {START} +0000\ndata 15\nInitial commit\n".encode()
        + f"M 100644 inline .mailmap\ndata {len(mailmap)}\n".encode()
        + mailmap
        + b"\n"
    )
    main_head = mark
    line = 0
    while made < total:
        line += 1
        who = AUTHORS[line % len(AUTHORS)]
        folder = FOLDERS[line % len(FOLDERS)]
        if line % 25 == 0 and made + 6 <= total:
            branch = main_head
            for n in range(5):
                branch = commit("refs/heads/topic", branch, None, who, f"Topic {line}: step {n + 1}", f"{folder}/topic{line % 97}.txt")
            main_head = commit("refs/heads/main", main_head, branch, who, f"Merge branch 'topic-{line}'", "")
            continue
        subject = f"Change {line} in {folder}"
        if line % 7 == 0:
            pr += 1
            subject += f" (#{pr})"
        if line % 11 == 0:
            subject += "\n\nCo-authored-by: Jo Park <jo@example.com>"
        main_head = commit("refs/heads/main", main_head, None, who, subject, f"{folder}/file{line % 211}.txt")
    out.write(b"done\n")


if __name__ == "__main__":
    main()
