#!/usr/bin/env python3
"""Keeps docs/CLI-FLAGS.md true to partita-cli.

Usage: cli_flags_table_check.py PATH/TO/partita-cli PATH/TO/docs/CLI-FLAGS.md

For every tool section of the page it runs `partita-cli <verb> --help` and checks each row of the table:
  yes / differs  the flag is listed by --help (or, for a row noted "not listed in --help", the parser accepts it
                 and --help indeed does not list it);
  no             the flag is not listed by --help and the parser refuses it ("unknown option").
It also checks that every flag --help lists is either a row or on the section's "Partita-only flags:" line (so a
new flag cannot be added without updating the page), and that the summary table's counts match the rows.
Every mismatch is printed; the exit status is 1 when there is any, including a missing binary or an empty page.
Python 3 standard library only.
"""
import os
import re
import subprocess
import sys

STATES = ("yes", "differs", "no")
HIDDEN_NOTE = "not listed in --help"
SECTION_RE = re.compile(r"^## (kafka-[\w-]+\.sh) \(`partita-cli ([\w-]+)`\)\s*$")
ROW_RE = re.compile(r"^\|\s*`(--[\w.-]+)`\s*\|\s*([^|]*?)\s*\|(.*)\|\s*$")
SUMMARY_RE = re.compile(r"^\|\s*(kafka-[\w-]+\.sh|\*\*all\*\*)\s*\|\s*([\w-]*)\s*\|" + r"\s*\**(\d+)\**\s*\|" * 4 + r"\s*$")
EXTRAS_PREFIX = "Partita-only flags:"
# An option line of partita-cli's --help (cli_args.cc FormatHelp): two spaces, then the option's name.
HELP_OPTION_RE = re.compile(r"^  (--[\w.-]+)")


def parse_page(text):
    """Returns (sections, summary): sections maps verb -> {tool, rows: [(flag, state, notes)], extras: set}."""
    sections, summary, current = {}, {}, None
    for line in text.splitlines():
        m = SECTION_RE.match(line)
        if m:
            current = sections.setdefault(m.group(2), {"tool": m.group(1), "rows": [], "extras": set()})
            continue
        if line.startswith("## "):
            current = None  # a section that is not a tool's (e.g. the summary)
            continue
        m = SUMMARY_RE.match(line)
        if m:
            summary[m.group(1)] = tuple(int(m.group(i)) for i in range(3, 7))
            continue
        if current is None:
            continue
        if line.startswith(EXTRAS_PREFIX):
            current["extras"].update(re.findall(r"`(--[\w.-]+)`", line))
            continue
        m = ROW_RE.match(line)
        if m:
            current["rows"].append((m.group(1), m.group(2), m.group(3).strip()))
    return sections, summary


def run(binary, args):
    return subprocess.run([binary] + args, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)


def listed_options(binary, verb, problems):
    r = run(binary, [verb, "--help"])
    options = {m.group(1) for m in map(HELP_OPTION_RE.match, r.stdout.splitlines()) if m}
    if r.returncode != 0 or not options:
        problems.append(f"{verb}: `partita-cli {verb} --help` exited {r.returncode} listing {len(options)} options")
    return options


def parser_accepts(binary, verb, flag):
    # The parser reads every argument before acting on --help, so an unknown flag is reported and nothing runs;
    # "--flag=x" cannot swallow the --help after it (a switch answers "takes no value", which still means known).
    r = run(binary, [verb, flag + "=x", "--help"])
    return f"unknown option '{flag}'" not in r.stderr


def check_section(binary, verb, section, problems):
    listed = listed_options(binary, verb, problems)
    seen = set()
    for flag, state, notes in section["rows"]:
        where = f"{section['tool']} {flag} ({verb}, marked {state!r})"
        if flag in seen:
            problems.append(f"{where}: row appears twice")
        seen.add(flag)
        if state not in STATES:
            problems.append(f"{where}: state must be one of {', '.join(STATES)}")
            continue
        if state == "no":
            if flag in listed:
                problems.append(f"{where}: --help lists it")
            elif parser_accepts(binary, verb, flag):
                problems.append(f"{where}: the parser accepts it")
        elif HIDDEN_NOTE in notes:
            if flag in listed:
                problems.append(f"{where}: noted '{HIDDEN_NOTE}' but --help lists it")
            if not parser_accepts(binary, verb, flag):
                problems.append(f"{where}: the parser refuses it")
        elif flag not in listed:
            problems.append(f"{where}: --help does not list it")
    for flag in sorted(section["extras"] & seen):
        problems.append(f"{verb}: {flag} is both a Kafka row and a partita-only flag")
    for flag in sorted(section["extras"] - listed):
        problems.append(f"{verb}: partita-only flag {flag} is not listed by --help")
    for flag in sorted(listed - seen - section["extras"]):
        problems.append(f"{verb}: --help lists {flag}, which is neither a row nor a partita-only flag")


def check_summary(sections, summary, problems):
    total = [0, 0, 0, 0]
    for verb, section in sections.items():
        states = [s for _, s, _ in section["rows"]]
        counts = (len(states), states.count("yes"), states.count("differs"), states.count("no"))
        total = [a + b for a, b in zip(total, counts)]
        if summary.get(section["tool"]) != counts:
            problems.append(f"summary row of {section['tool']}: {summary.get(section['tool'])}, rows give {counts}")
    if summary.get("**all**") != tuple(total):
        problems.append(f"summary total: {summary.get('**all**')}, rows give {tuple(total)}")
    for tool in sorted(set(summary) - {"**all**"} - {s["tool"] for s in sections.values()}):
        problems.append(f"summary row of {tool} has no section")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    binary, page = argv[1], argv[2]
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"FAIL: no partita-cli binary at {binary}")
        return 1
    with open(page, encoding="utf-8") as f:
        sections, summary = parse_page(f.read())
    problems = []
    if not sections:
        problems.append(f"{page}: no tool sections found")
    for verb, section in sections.items():
        if not section["rows"]:
            problems.append(f"{section['tool']} ({verb}): the table has no rows")
        check_section(binary, verb, section, problems)
    check_summary(sections, summary, problems)
    for p in problems:
        print("MISMATCH:", p)
    rows = sum(len(s["rows"]) for s in sections.values())
    print(f"{len(sections)} tools, {rows} flags checked, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
