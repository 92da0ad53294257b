#!/usr/bin/env python3
"""Writes data/events/cameo.tsv: every CAMEO event code with its name, Goldstein
value, QuadClass and PLOVER type, mode and contexts.

Sources (facts only: codes, names, values):
  ../shared/data/cameo/CAMEO.goldsteinscale.txt   code -> Goldstein value (GDELT)
  ../shared/data/plover/CAMEO2PLOVER-2021.txt     code -> PLOVER type, mode,
                                                   contexts; the comment is the name
Names missing from the PLOVER table (the 01 and 02 families, which PLOVER drops,
and the two-digit roots) come from the CAMEO codebook, in the table below.

Usage: python3 tools/gen_cameo.py [SHARED_DATA_DIR] > data/events/cameo.tsv
       (SHARED_DATA_DIR defaults to ../shared/data relative to the repository;
       the codes found in only one source are listed on stderr)

Output: one line per code, sorted by code as a string; columns
  code  name  goldstein  quad_class  plover_type  plover_mode  plover_contexts
with several contexts joined by ";" and missing values left empty.
"""
import os
import re
import sys

# CAMEO codebook names for codes the PLOVER table does not name. The codebook's
# "..., not specified below" is left off, as the PLOVER table does.
CAMEO_NAMES = {
    "01": "Make public statement",
    "010": "Make statement",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "02": "Appeal",
    "020": "Make an appeal or request",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
    "03": "Express intent to cooperate",
    "04": "Consult",
    "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation",
    "07": "Provide aid",
    "08": "Yield",
    "09": "Investigate",
    "10": "Demand",
    "100": "Demand",  # the PLOVER table gives only its type, "REQUEST"
    "11": "Disapprove",
    "12": "Reject",
    "13": "Threaten",
    "14": "Protest",
    "15": "Exhibit force posture",
    "16": "Reduce relations",
    "17": "Coerce",
    "18": "Assault",
    "19": "Fight",
    "20": "Use unconventional mass violence",
}

# Spelling slips in the PLOVER table's names.
NAME_FIXES = {
    "Apolgize": "Apologize",
    "adminstrative": "administrative",
    "Ostruct": "Obstruct",
}

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

CODE_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*(.*)$")
# An editor's dated note after the name: "Ease curfew  21.09.17: ..."
DATED_NOTE = re.compile(r"\s+\d{2}\.\d{2}\.\d{2}:.*$")


def quad_class(code):
    root = int(code[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    raise ValueError(f"code {code}: root {root} is not a CAMEO root (01-20)")


def read_goldstein(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if not parts[0].isdigit():  # the header row
                continue
            if len(parts) != 2:
                sys.exit(f"{path}:{n}: expected CODE<TAB>VALUE")
            float(parts[1])  # must be a number
            values[parts[0]] = parts[1].strip()
    return values


def clean_name(name):
    name = DATED_NOTE.sub("", name).strip()
    for wrong, right in NAME_FIXES.items():
        name = name.replace(wrong, right)
    return name


def read_plover(path):
    """Returns {code: (type, mode, [contexts], name)} and a list of notes.

    Each code is read from its own line; the root line a code stands under
    ("08: CONCEDE", "08: RETREAT") does not set its type. A root line gives the
    type of the two-digit root code; when a root appears with two types (08),
    the root takes the type of its general code (080).
    """
    rows = {}
    root_types = {}
    notes = []
    section = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = CODE_LINE.match(line)
            if not m:
                continue
            code, rest = m.group(1), m.group(2)
            body, _, comment = rest.partition("#")
            if len(code) == 2:
                section = code
                root_types.setdefault(code, [])
                ptype = body.strip().rstrip(",").strip()
                if ptype not in root_types[code]:
                    root_types[code].append(ptype)
                continue
            fields = body.split(",", 2)
            fields += [""] * (3 - len(fields))
            ptype = fields[0].strip()
            mode = fields[1].strip()
            contexts = [c for c in re.split(r"[\s,;]+", fields[2]) if c]
            name = clean_name(comment)
            if name.isupper():  # a type, not a name ("100: REQUEST, ... # REQUEST")
                name = ""
            if section and code[:2] != section:
                note = f"{code} is listed under root {section} in the PLOVER table"
                if note not in notes:
                    notes.append(note)
            if code in rows:
                notes.append(f"{code} appears twice in the PLOVER table; the later line is used")
            rows[code] = (ptype, mode, contexts, name)
    for root, types in root_types.items():
        if len(types) == 1:
            rows[root] = (types[0], "", [], "")
        else:
            general = rows.get(root + "0")
            ptype = general[0] if general else ""
            rows[root] = (ptype, "", [], "")
            notes.append(f"root {root} has types {', '.join(types)}; it takes {ptype or 'none'}, the type of {root}0")
    return rows, notes


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data")
    gpath = os.path.join(shared, "cameo", "CAMEO.goldsteinscale.txt")
    ppath = os.path.join(shared, "plover", "CAMEO2PLOVER-2021.txt")
    goldstein = read_goldstein(gpath)
    plover, notes = read_plover(ppath)

    only_g = sorted(set(goldstein) - set(plover))
    only_p = sorted(set(plover) - set(goldstein))
    inherited = {}
    for code in only_p:
        parent = code[:-1]
        while parent and parent not in goldstein:
            parent = parent[:-1]
        if parent:
            inherited[code] = parent

    out = sys.stdout
    out.write("# CAMEO event codes: name, Goldstein value, QuadClass, PLOVER type/mode/contexts.\n")
    out.write("# Generated by tools/gen_cameo.py; edit the script, not this file.\n")
    out.write("# Sources: CAMEO.goldsteinscale.txt (GDELT's Goldstein values) and\n")
    out.write("# CAMEO2PLOVER-2021.txt (PLOVER draft 0.8 conversion table), both in ../shared/data.\n")
    out.write("# Names: from the PLOVER table; codes it does not name take the CAMEO codebook name.\n")
    out.write("# Name fixes: " + ", ".join(f"{a} -> {b}" for a, b in NAME_FIXES.items())
              + "; dated editor's notes after a name are dropped.\n")
    out.write("# quad_class: " + ", ".join(f"{k} {v}" for k, v in QUAD_NAMES.items())
              + " (01-05, 06-08, 09-13, 14-20).\n")
    out.write("# PLOVER type: from each code's own line, so 163 is COERCE, 175 ASSAULT, 191 COERCE.\n")
    for note in notes:
        out.write(f"# Note: {note}.\n")
    if only_g:
        out.write("# Not in the PLOVER table (no PLOVER type): " + " ".join(only_g) + "\n")
    if only_p:
        out.write("# Not in the Goldstein table: " + " ".join(only_p) + "\n")
    for code, parent in sorted(inherited.items()):
        out.write(f"# Goldstein value of {code} is inherited from its parent {parent}.\n")
    out.write("# code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tplover_contexts\n")

    for code in sorted(set(goldstein) | set(plover)):
        ptype, mode, contexts, name = plover.get(code, ("", "", [], ""))
        if not name:
            name = CAMEO_NAMES.get(code, "")
        value = goldstein.get(code)
        if value is None and code in inherited:
            value = goldstein[inherited[code]]
        cells = [code, name, value or "", str(quad_class(code)), ptype, mode, ";".join(contexts)]
        for c in cells:
            if "\t" in c or "\n" in c:
                sys.exit(f"code {code}: a cell contains a tab or newline")
        out.write("\t".join(cells) + "\n")

    print(f"gen_cameo: {len(set(goldstein) | set(plover))} codes", file=sys.stderr)
    print("only in Goldstein table: " + " ".join(only_g), file=sys.stderr)
    print("only in PLOVER table: " + " ".join(only_p), file=sys.stderr)
    for note in notes:
        print("note: " + note, file=sys.stderr)


if __name__ == "__main__":
    main()
