#!/usr/bin/env python3
"""Writes data/actors/people/leaders.txt: office-holders 2000-2025 with dated roles.

Source: the office-holder table in ../shared/data/leaders (facts from Wikidata,
CC0; compiled by Peppercat, see NOTICE). Only facts are taken: names, Wikidata
ids, offices as codes, dates. Country names are mapped to ISO-3 with the ISO
3166-1 table of pycountry and the table below.

Roles: heads of state and government, deputies, ministers and cabinet secretaries
(<ISO3>GOV), speakers and presidents of legislatures (LEG), supreme-court judges
(JUD), chiefs of the general staff (MIL), and the heads of the UN, NATO, WHO, WTO
and the EU institutions. Where one person holds several at once, GOV wins, then
IGO, MIL, LEG, JUD, so roles never overlap.

Dates: end dates are exclusive. A `successor_start` end (the next holder's first
day) is used as is: the outgoing holder codes through the day before. Open rows
marked `open_as_of_2023-01-20_unverified` are cut at 2023-01-21 rather than
trusted. Year-only dates start on 1 January; a year-only end is taken as 1
January of that year, so a role is never claimed for days it may not cover.

Aliases: the full name (normalisation makes the form without diacritics match
too) and the surname where no other person in the file with an overlapping
tenure shares it and it is not a common word or another dictionary's name.

Usage: /tmp/v/bin/python tools/gen_leaders.py ../shared/data/leaders/officeholders_2000-2025.csv \
           data/actors/countries.txt data/actors/countries-extra.txt \
           data/actors/organisations.txt data/actors/agents.txt > data/actors/people/leaders.txt
(the dictionary files after the CSV reserve their aliases, which are then never surnames;
/tmp/v is a venv with pycountry.)
"""
import csv
import re
import sys
import unicodedata
from collections import defaultdict

import pycountry

CATALOG = {
    "Ivory Coast": "CIV", "Congo-Brazzaville": "COG", "Congo-Kinshasa": "COD",
    "Russia": "RUS", "Iran": "IRN", "Syria": "SYR", "Laos": "LAO",
    "North Korea": "PRK", "South Korea": "KOR", "Vietnam": "VNM", "Taiwan": "TWN",
    "Palestine": "PSE", "Kosovo": "KSV", "Federated States of Micronesia": "FSM",
    "Bolivia": "BOL", "Tanzania": "TZA", "Moldova": "MDA", "Brunei": "BRN",
    "Cabo Verde": "CPV", "Eswatini": "SWZ", "Timor-Leste": "TLS",
    "North Macedonia": "MKD", "Turkey": "TUR", "Netherlands": "NLD",
    "Venezuela": "VEN", "Czechia": "CZE", "Bahamas": "BHS", "Gambia": "GMB",
    "United States": "USA", "United Kingdom": "GBR", "Hong Kong": "HKG",
    "Curaçao": "CUW", "São Tomé and Príncipe": "STP", "Sint Maarten": "SXM",
    "Saint Kitts and Nevis": "KNA", "Saint Lucia": "LCA",
    "Saint Vincent and the Grenadines": "VCT", "Micronesia": "FSM",
}
# Catalogs that are not states, or whose officials would wrongly code as a state.
SKIP = {
    "Abkhazia", "Artsakh", "Donetsk", "Luhansk", "Northern Cyprus", "Somaliland",
    "South Ossetia", "Transnistria", "Scotland", "Wales", "Northern Ireland",
    "Georgia (US)", "Washington", "Victoria", "Punjab", "Berlin", "Hamburg",
    "Bremen", "New York", "Jersey", "Åland",
}
WORLD = [
    (r"^Secretary-General of the United Nations$", "IGOUNO"),
    (r"^Secretary General of NATO$", "IGOWSTNAT"),
    (r"^Director-General of the World Health Organization$", "IGOUNOHLHWHO"),
    (r"^Director-General of the World Trade Organization$", "IGOUNOBUSWTO"),
    (r"^President of the European Commission$", "IGOEUREEC"),
    (r"^President of the European Council$", "IGOEUREEC"),
    (r"^President of the European Parliament$", "IGOEUREEC"),
    (r"^High Representative of the Union", "IGOEUREEC"),
    (r"^European Commissioner", "IGOEUREEC"),
    (r"^Vice-President of the European Commission", "IGOEUREEC"),
]
LEGISLATURE = r"Senate|Assembly|Chamber|Parliament|Congress|House|Council of States|Bundestag|Bundesrat|Duma|Legislat|Diet|Sejm|Knesset|Riksdag|Storting|Folketing|Cortes|Majlis|Althing|Eduskunta|Saeima|Seimas|Riigikogu|Verkhovna|Rada|Sabha"
PRIORITY = {"GOV": 0, "IGO": 1, "MIL": 2, "LEG": 3, "JUD": 4}
EAST_ASIAN = {"CHN", "TWN", "KOR", "PRK", "HKG", "MAC", "SGP", "KHM"}
COMMON = set("""may brown white rice bush king power young little long rich major
green black hill wood stone church price bird bell rose love hope day hunt field
short gray grey strong wise fox cook well said will can mark bond sharp hall page
ward case lee park ban kim pen moon jordan chad mali peru lord just best ford
hard west north south east new old good free march may june august win land
said more most first last one two three the a an of and in on at to for by with
from as is it he she we they his her its no not do so but or if be was are has had
have this that who what when where why how all any some out up down over under
than then there here also only even back still very much many such own same other
after before again once while per via vs man men son sun tan van von der den del
dos das mar mai top war sea way law art arms army navy police state nation you i""".split())


def norm(text):
    """dyad_text::normalize in Python: lower case, diacritics folded."""
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    for a, b in (("ı", "i"), ("ø", "o"), ("ł", "l"), ("đ", "d"), ("ð", "d"), ("ß", "ss"),
                 ("æ", "ae"), ("œ", "oe"), ("þ", "th"), ("’", "'")):
        folded = folded.replace(a, b)
    folded = folded.strip()
    return folded[4:] if folded.startswith("the ") else folded


def iso3(catalog):
    if catalog in SKIP:
        return None
    if catalog in CATALOG:
        return CATALOG[catalog]
    try:
        return pycountry.countries.lookup(catalog).alpha_3
    except LookupError:
        return None


def sector(position):
    """The sector of one office title, or None to leave it out."""
    p = position.strip()
    low = p.lower()
    if re.search(r"ambassador|permanent representative|governor of|central bank|mayor|first lady|"
                 r"deputy minister|vice minister|vice-minister|state secretary|minister of state|"
                 r"assistant|under-secretary|undersecretary|director|chief of staff to|spokes|adviser|advisor|"
                 r"lieutenant governor|^governor$|commissioner|ombudsman|auditor|rector|secretary general of the",
                 low):
        return None
    if re.search(r"^speaker|^deputy speaker|^president of the (" + LEGISLATURE.lower() + ")", low) or \
       (low.startswith("president of the") and re.search(LEGISLATURE.lower(), low)):
        return "LEG"
    if re.search(r"chief justice|justice of the supreme court|president of the (supreme|constitutional) court", low):
        return "JUD"
    if re.search(r"chief of (the )?(general )?staff|chief of defence|chief of the defence|commander of the armed forces", low):
        return "MIL"
    if re.search(r"^(president|vice president|vice-president|prime minister|premier|vice premier|"
                 r"deputy prime minister|first deputy prime minister|chancellor|federal chancellor|vice-chancellor|"
                 r"king|queen|monarch|emir|sultan|supreme leader|head of state|governor-general|governor general|"
                 r"taoiseach|tánaiste|president of the government|president of the council of ministers|"
                 r"chairman of the council of ministers|federal councillor|captain regent|"
                 r"attorney general|attorney-general|foreign secretary|home secretary|defence secretary|"
                 r"chancellor of the exchequer|secretary of state|secretary of (defense|defence|the treasury|homeland security|"
                 r"the interior|commerce|energy|agriculture|labor|health|education|transportation|veterans affairs|"
                 r"housing|state))", low):
        return "GOV"
    if re.search(r"^(minister|first minister|federal minister|cabinet minister)\b", low) or re.search(r"\bminister (of|for)\b", low):
        return "GOV"
    return None


def world_code(position):
    for pattern, code in WORLD:
        if re.search(pattern, position):
            return code
    return None


def parse_date(text, is_end):
    text = text.strip()
    if not text:
        return None
    parts = text.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01"
    return text[:10]


OPEN = "9999-12-31"

# Changes after the table ends (2025-01-31), written by hand from news reports
# and checked; only changes whose dates were confirmed are listed. People with no
# row in the table at all are in data/actors/people/extra.txt.
# Exclusive end dates of roles that were open in the table.
HAND_ENDS = {
    "Q61053": "2025-05-06",     # Olaf Scholz, Chancellor until Merz took office
    "Q564328": "2025-05-06",    # Annalena Baerbock, Foreign Minister
    "Q1288810": "2025-05-06",   # Nancy Faeser, Interior Minister
    "Q50807721": "2025-05-06",  # Jörg Kukies, Finance Minister
    "Q109943": "2025-05-06",    # Robert Habeck, Vice-Chancellor
    "Q3099714": "2025-03-14",   # Justin Trudeau, Prime Minister until Carney
    "Q12963": "2025-09-10",     # François Bayrou, Prime Minister; Lecornu named 9 Sept
    "Q1335527": "2025-10-21",   # Shigeru Ishiba, Prime Minister until Takaichi
    "Q1654639": "2025-10-21",   # Takeshi Iwaya, Foreign Minister until Motegi
    "Q5530859": "2025-10-21",   # Gen Nakatani, Defence Minister until Koizumi
    "Q6378155": "2025-10-21",   # Katsunobu Katō, Finance Minister until Katayama
    "Q18164278": "2025-09-05",  # Angela Rayner, Deputy Prime Minister, resigned
    # United Kingdom: reshuffle of 5 September 2025 (new titles in HAND_ROLES).
    "Q534727": "2025-09-05",    # David Lammy, Foreign Secretary until the reshuffle
    "Q291057": "2025-09-05",    # Yvette Cooper, Home Secretary until the reshuffle
    "Q695007": "2025-09-05",    # Shabana Mahmood, Justice Secretary until the reshuffle
    # Canada: Carney ministries of 14 March and 13 May 2025 (new posts in HAND_ROLES).
    "Q3034854": "2025-03-14",   # Dominic LeBlanc, Minister of Finance until Champagne
    "Q21159815": "2025-03-14",  # François-Philippe Champagne, Industry until Finance
    "Q67442310": "2025-03-14",  # Anita Anand, Transport and Internal Trade
    "Q15054353": "2025-05-13",  # Mélanie Joly, Foreign Affairs until Anand
    "Q4908168": "2025-05-13",   # Bill Blair, National Defence, left the cabinet
    "Q3018407": "2025-05-13",   # David McGuinty, Public Safety until Anandasangaree
    "Q21160212": "2025-05-13",  # Gary Anandasangaree, until Public Safety
    # France: Lecornu named 9 Sept 2025; Lecornu I named 5 Oct, Lecornu II 12 Oct.
    "Q20089181": "2025-10-05",  # Sébastien Lecornu, Armed Forces until Le Maire
    "Q45192006": "2025-10-05",  # Éric Lombard, Economy until Lescure
    "Q2926942": "2025-10-12",   # Bruno Retailleau, Interior until Nuñez
    "Q2942097": "2025-10-12",   # Catherine Vautrin, Labour until the Armed Forces
    # Japan: Takaichi cabinet, 21 Oct 2025.
    "Q7446719": "2025-10-21",   # Seiichiro Murakami, Internal Affairs until Hayashi
    "Q1141271": "2025-10-21",   # Yoshimasa Hayashi, Chief Cabinet Secretary
    # South Korea.
    "Q31178879": "2025-05-02",  # Choi Sang-mok, Finance (and acting President to 24 Mar), resigned 1 May
    "Q12617124": "2025-07-21",  # Cho Tae-yul, Foreign Affairs until Cho Hyun
    "Q131444190": "2025-07-25", # Kim Seon-ho, Defence (acting) until Ahn Gyu-back
    # Argentina.
    "Q5550326": "2025-10-28",   # Gerardo Werthein, Foreign Affairs until Quirno
    "Q9056861": "2025-12-02",   # Patricia Bullrich, Security until Monteoliva
    "Q21856230": "2025-12-12",  # Luis Petri, Defence until Presti
    # Indonesia: reshuffle of 8 Sept 2025.
    "Q3177708": "2025-09-08",   # Sri Mulyani, Finance until Purbaya
    "Q12477379": "2025-09-08",  # Budi Gunawan, Coordinating Minister for Politics and Security
    # Mexico.
    "Q7357736": "2025-03-08",   # Rogelio Ramírez de la O, Finance until Amador
    # Brazil.
    "Q7322696": "2026-01-10",   # Ricardo Lewandowski, Justice and Public Security, last day 9 Jan 2026
    "Q3069485": "2026-03-20",   # Fernando Haddad, Finance, left 19 Mar 2026 to run in São Paulo
    # United States.
    "Q465749": "2026-03-24",    # Kristi Noem, Homeland Security until Mullin (confirmed 23 Mar 2026)
}
# Names of people whose only rows in the table are offices dyad leaves out.
HAND_NAMES = {
    "Q1705028": ("Sanae Takaichi", "female"),
    "Q1655453": ("Toshimitsu Motegi", "male"),
    "Q661410": ("Shinjirō Koizumi", "male"),
    "Q192533": ("Mark Carney", "male"),
    "Q12612463": ("Lee Jae-myung", "male"),
    "Q57665": ("Jens Stoltenberg", "male"),
}
# New roles of people who are in the table: (code, start, end or "", title).
HAND_ROLES = {
    "Q1705028": [("JPNGOV", "2025-10-21", "", "Prime Minister")],          # Sanae Takaichi
    "Q1655453": [("JPNGOV", "2025-10-21", "", "Minister for Foreign Affairs")],  # Toshimitsu Motegi
    "Q661410": [("JPNGOV", "2025-10-21", "", "Minister of Defence")],      # Shinjirō Koizumi
    "Q192533": [("CANGOV", "2025-03-14", "", "Prime Minister")],           # Mark Carney
    "Q12612463": [("KORGOV", "2025-06-04", "", "President")],              # Lee Jae-myung
    # Before the table tracked the office: NATO shows only Rutte.
    "Q57665": [("IGOWSTNAT", "2014-10-01", "2024-10-01", "Secretary General of NATO")],  # Jens Stoltenberg
    "Q85783": [("DEUGOV", "2025-05-06", "", "Minister of the Interior")],   # Alexander Dobrindt
    # United Kingdom, 5 Sept 2025.
    "Q534727": [("GBRGOV", "2025-09-05", "", "Deputy Prime Minister / Secretary of State for Justice")],  # David Lammy
    "Q291057": [("GBRGOV", "2025-09-05", "", "Secretary of State for Foreign, Commonwealth and Development Affairs")],  # Yvette Cooper
    "Q695007": [("GBRGOV", "2025-09-05", "", "Secretary of State for the Home Department")],  # Shabana Mahmood
    # Canada.
    "Q3034854": [("CANGOV", "2025-03-14", "2025-05-13", "Minister of International Trade and Intergovernmental Affairs"),
                 ("CANGOV", "2025-05-13", "", "Minister responsible for Canada-U.S. Trade, Intergovernmental Affairs and One Canadian Economy")],  # Dominic LeBlanc
    "Q21159815": [("CANGOV", "2025-03-14", "", "Minister of Finance")],   # François-Philippe Champagne
    "Q67442310": [("CANGOV", "2025-03-14", "2025-05-13", "Minister of Innovation, Science and Industry"),
                  ("CANGOV", "2025-05-13", "", "Minister of Foreign Affairs")],  # Anita Anand
    "Q15054353": [("CANGOV", "2025-05-13", "", "Minister of Industry")],  # Mélanie Joly
    "Q3018407": [("CANGOV", "2025-05-13", "", "Minister of National Defence")],  # David McGuinty
    "Q21160212": [("CANGOV", "2025-05-13", "", "Minister of Public Safety")],  # Gary Anandasangaree
    # Australia: the table's "Treasurer" rows match no office pattern.
    "Q16217223": [("AUSGOV", "2022-05-23", "", "Treasurer")],             # Jim Chalmers
    # France.
    "Q20089181": [("FRAGOV", "2025-09-10", "", "Prime Minister")],        # Sébastien Lecornu
    "Q993472": [("FRAGOV", "2025-10-05", "2025-10-12", "Minister of the Armed Forces")],  # Bruno Le Maire
    "Q30130489": [("FRAGOV", "2025-10-05", "", "Minister of the Economy and Finance")],  # Roland Lescure
    "Q2942097": [("FRAGOV", "2025-10-12", "", "Minister of the Armed Forces")],  # Catherine Vautrin
    # Japan.
    "Q1141271": [("JPNGOV", "2025-10-21", "", "Minister for Internal Affairs and Communications")],  # Yoshimasa Hayashi
    # South Korea: Han reinstated by the Constitutional Court on 24 Mar 2025, resigned 1 May.
    "Q356666": [("KORGOV", "2025-03-24", "2025-05-02", "Prime Minister / acting President")],  # Han Duck-soo
    # Brazil.
    "Q23893528": [("BRAGOV", "2026-01-13", "", "Minister of Justice and Public Security")],  # Wellington César Lima e Silva
}


def read(path):
    people = {}
    rows = defaultdict(list)  # qid -> [(start, end, code, title, country)]
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            catalog, position, qid = r["catalog"], r["position"], r["personID"]
            if not qid.startswith("Q"):
                continue
            if catalog in ("World", "European Union"):
                code = world_code(position)
                country = None
            else:
                country = iso3(catalog)
                parts = [sector(p) for p in position.split(" / ")]
                parts = [s for s in parts if s]
                if not country or not parts:
                    continue
                code = country + min(parts, key=PRIORITY.get)
            if not code:
                continue
            start = parse_date(r["start"], False)
            end = parse_date(r["end"], True)
            if r["end_basis"].startswith("open_as_of_2023-01-20") and not r["end"]:
                end = "2023-01-21"
            end = end or OPEN
            if not start or end <= start or end <= "2000-01-01":
                continue
            label = re.sub(r"\s*\(.*?\)\s*", " ", r["person"]).strip()
            # Abbreviated middle words ("Mohd.", "McD.") are written out or left out
            # in news; keep the rest of the name.
            label = " ".join(w for w in label.split() if not (w.endswith(".") and len(w) > 2))
            if not label or label == qid:
                continue
            people[qid] = (label, r["gender"])
            rows[qid].append((start, end, code, position, country))
    for qid, end in HAND_ENDS.items():
        rows[qid] = [(s, end if e == OPEN else min(e, end), c, t, k) for s, e, c, t, k in rows[qid]]
        rows[qid] = [r for r in rows[qid] if r[0] < r[1]]
    for qid, roles in HAND_ROLES.items():
        if qid not in people:
            people[qid] = HAND_NAMES[qid]
        for code, start, end, title in roles:
            rows[qid].append((start, end or OPEN, code, title, code[:3]))
    return people, rows


def segments(spans):
    """Non-overlapping (start, end, code, title) from possibly overlapping spans."""
    bounds = sorted({s for s, *_ in spans} | {e for _, e, *_ in spans})
    out = []
    for a, b in zip(bounds, bounds[1:]):
        covering = [x for x in spans if x[0] <= a and x[1] >= b]
        if not covering:
            continue
        best = min(covering, key=lambda x: (PRIORITY.get(x[2][3:6] if not x[2].startswith("IGO") else "IGO", 9), x[0]))
        if out and out[-1][2] == best[2] and out[-1][1] == a:
            titles = out[-1][3] if best[3] in out[-1][3].split("; ") else f"{out[-1][3]}; {best[3]}"
            out[-1] = (out[-1][0], b, best[2], titles)
        else:
            out.append((a, b, best[2], best[3]))
    return out


def main():
    path = sys.argv[1]
    reserved = set()
    for extra in sys.argv[2:]:  # other dictionary files: their aliases are not surnames
        for line in open(extra, encoding="utf-8"):
            line = line.split(" #")[0].strip()
            if line.startswith(("names:", "adjectives:", "seats:", "nouns:")):
                reserved |= {norm(a.strip()) for a in line.split(":", 1)[1].split("|")}
            elif line.startswith(("country ", "organisation ")):
                reserved.add(norm(line.split(None, 2)[2]) if len(line.split(None, 2)) > 2 else "")
    people, rows = read(path)
    roles = {qid: segments(spans) for qid, spans in rows.items()}
    roles = {q: r for q, r in roles.items() if r}

    def country_of(qid):
        national = [r for r in roles[qid] if not r[2].startswith("IGO")]
        return national[-1][2][:3] if national else None

    def surname(qid):
        words = people[qid][0].split()
        if len(words) < 2:
            return None
        c = country_of(qid)
        return words[0] if c in EAST_ASIAN else words[-1]

    # Who could be meant by a name on some date: names shared by people whose
    # tenures overlap are left out, for surnames and full names alike.
    def overlapping(a, b):
        return any(x[0] < y[1] and y[0] < x[1] for x in roles[a] for y in roles[b])

    by_surname = defaultdict(list)
    by_name = defaultdict(list)
    for qid in roles:
        s = surname(qid)
        if s:
            by_surname[norm(s)].append(qid)
        by_name[norm(people[qid][0])].append(qid)

    def unique(qid, key, table):
        return all(other == qid or not overlapping(qid, other) for other in table[key])

    out = sys.stdout
    out.write("# Generated by tools/gen_leaders.py from ../shared/data/leaders/officeholders_2000-2025.csv\n")
    out.write("# (facts from Wikidata, CC0; compiled by Peppercat; see NOTICE) and pycountry's ISO 3166-1\n")
    out.write("# table. Do not edit by hand: change the script, or add people to people/extra.txt.\n")
    out.write("# Role ends are exclusive. Format: docs/actors.md.\n")
    order = sorted(roles, key=lambda q: (country_of(q) or "~", norm(people[q][0]), q))
    count = 0
    for qid in order:
        label, gender = people[qid]
        key = norm(label)
        full_ok = unique(qid, key, by_name) and key not in reserved
        s = surname(qid)
        aliases = []
        if s and norm(s) != key:
            k = norm(s)
            ok = (unique(qid, k, by_surname) and k not in COMMON and k not in reserved
                  and len(k) >= 3 and k not in by_name)
            if ok:
                aliases.append(s)
        if not full_ok:
            # Two people of this name held office at the same time: neither name
            # can say which, so neither is listed.
            continue
        out.write(f"\nperson {qid} {label}\n")
        if aliases:
            out.write(f"  names: {' | '.join(aliases)}\n")
        c = country_of(qid)
        if c:
            out.write(f"  country: {c}\n")
        if gender in ("male", "female"):
            out.write(f"  gender: {gender}\n")
        for start, end, code, title in roles[qid]:
            end_text = "" if end == OPEN else end
            out.write(f"  role: {code} {start}..{end_text} {title}\n")
        count += 1
    sys.stderr.write(f"{count} people\n")


if __name__ == "__main__":
    main()
