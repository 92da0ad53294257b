#!/usr/bin/env python3
"""Writes data/actors/countries.txt: every ISO 3166-1 country and territory.

Sources: the ISO 3166-1 table of the pycountry package (LGPL-2.1; names and codes
only, as facts) and the tables below, written by hand for dyad: news names,
adjectives and demonyms, capitals and seats of government (as metonyms for the
government), and Wikidata ids.

Usage: python3 -m venv /tmp/v && /tmp/v/bin/pip install pycountry
       /tmp/v/bin/python tools/gen_countries.py > data/actors/countries.txt
"""
import sys

import pycountry

# ISO-3: (extra names, adjectives and demonyms, capitals/seats). "|" separates.
# Capitals that are also common words or other places in the news are left out
# (Male, Victoria, Kingston, Georgetown, Santiago de Cuba...).
HAND = {
    "AFG": ("Afghanistan|Islamic Emirate of Afghanistan", "Afghan|Afghans|Afghani", "Kabul"),
    "ALB": ("", "Albanian|Albanians", "Tirana"),
    "DZA": ("", "Algerian|Algerians", "Algiers"),
    "AND": ("", "Andorran|Andorrans", ""),
    "AGO": ("", "Angolan|Angolans", "Luanda"),
    "ATG": ("", "Antiguan|Antiguans", ""),
    "ARG": ("", "Argentine|Argentinian|Argentines|Argentinians", "Buenos Aires|Casa Rosada"),
    "ARM": ("", "Armenian|Armenians", "Yerevan"),
    "AUS": ("", "Australian|Australians", "Canberra"),
    "AUT": ("", "Austrian|Austrians", "Vienna"),
    "AZE": ("", "Azerbaijani|Azeri|Azerbaijanis|Azeris", "Baku"),
    "BHS": ("Bahamas|The Bahamas", "Bahamian|Bahamians", "Nassau"),
    "BHR": ("", "Bahraini|Bahrainis", "Manama"),
    "BGD": ("", "Bangladeshi|Bangladeshis", "Dhaka"),
    "BRB": ("", "Barbadian|Barbadians|Bajan", "Bridgetown"),
    "BLR": ("Byelorussia", "Belarusian|Belarusians|Belarussian", "Minsk"),
    "BEL": ("", "Belgian|Belgians", ""),
    "BLZ": ("", "Belizean|Belizeans", "Belmopan"),
    "BEN": ("", "Beninese", "Porto-Novo|Cotonou"),
    "BTN": ("", "Bhutanese", "Thimphu"),
    "BOL": ("Bolivia", "Bolivian|Bolivians", "La Paz|Sucre"),
    "BIH": ("Bosnia|Bosnia-Herzegovina", "Bosnian|Bosnians|Herzegovinian", "Sarajevo"),
    "BWA": ("", "Botswanan|Motswana|Batswana", "Gaborone"),
    "BRA": ("", "Brazilian|Brazilians", "Brasilia|Planalto"),
    "BRN": ("Brunei", "Bruneian|Bruneians", "Bandar Seri Begawan"),
    "BGR": ("", "Bulgarian|Bulgarians", "Sofia"),
    "BFA": ("", "Burkinabe|Burkinabes", "Ouagadougou"),
    "BDI": ("", "Burundian|Burundians", "Gitega|Bujumbura"),
    "CPV": ("Cape Verde", "Cape Verdean|Cape Verdeans|Cabo Verdean", "Praia"),
    "KHM": ("", "Cambodian|Cambodians|Khmer", "Phnom Penh"),
    "CMR": ("", "Cameroonian|Cameroonians", "Yaounde"),
    "CAN": ("", "Canadian|Canadians", "Ottawa"),
    "CAF": ("", "Central African|Central Africans", "Bangui"),
    "TCD": ("", "Chadian|Chadians", "N'Djamena"),
    "CHL": ("", "Chilean|Chileans", "La Moneda"),
    "CHN": ("People's Republic of China|PRC|Mainland China", "Chinese", "Beijing|Peking|Zhongnanhai"),
    "COL": ("", "Colombian|Colombians", "Bogota"),
    "COM": ("", "Comorian|Comorans", "Moroni"),
    "COG": ("Congo-Brazzaville|Republic of Congo|Republic of the Congo", "Congolese", "Brazzaville"),
    "COD": ("Democratic Republic of Congo|Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|Congo", "", "Kinshasa"),
    "CRI": ("", "Costa Rican|Costa Ricans", ""),
    "CIV": ("Ivory Coast|Cote d'Ivoire", "Ivorian|Ivorians", "Yamoussoukro|Abidjan"),
    "HRV": ("", "Croatian|Croatians|Croat|Croats", "Zagreb"),
    "CUB": ("", "Cuban|Cubans", "Havana"),
    "CYP": ("", "Cypriot|Cypriots", "Nicosia"),
    "CZE": ("Czech Republic|Czechia", "Czech|Czechs", "Prague"),
    "DNK": ("", "Danish|Dane|Danes", "Copenhagen"),
    "DJI": ("", "Djiboutian|Djiboutians", ""),
    "DMA": ("", "Dominican", "Roseau"),
    "DOM": ("", "", "Santo Domingo"),
    "ECU": ("", "Ecuadorian|Ecuadorians|Ecuadoran", "Quito"),
    "EGY": ("", "Egyptian|Egyptians", "Cairo"),
    "SLV": ("", "Salvadoran|Salvadorans|Salvadorean", "San Salvador"),
    "GNQ": ("", "Equatoguinean|Equatorial Guinean", "Malabo"),
    "ERI": ("", "Eritrean|Eritreans", "Asmara"),
    "EST": ("", "Estonian|Estonians", "Tallinn"),
    "SWZ": ("Eswatini|Swaziland", "Swazi|Swazis", "Mbabane"),
    "ETH": ("", "Ethiopian|Ethiopians", "Addis Ababa"),
    "FJI": ("", "Fijian|Fijians", "Suva"),
    "FIN": ("", "Finnish|Finn|Finns", "Helsinki"),
    "FRA": ("", "French|Frenchman|Frenchmen", "Paris|Elysee|Elysee Palace|Quai d'Orsay|Matignon"),
    "GAB": ("", "Gabonese", "Libreville"),
    "GMB": ("Gambia|The Gambia", "Gambian|Gambians", "Banjul"),
    "GEO": ("", "Georgian|Georgians", "Tbilisi"),
    "DEU": ("", "German|Germans", "Berlin|Chancellery"),
    "GHA": ("", "Ghanaian|Ghanaians", "Accra"),
    "GRC": ("", "Greek|Greeks|Hellenic", "Athens"),
    "GRD": ("", "Grenadian|Grenadians", ""),
    "GTM": ("", "Guatemalan|Guatemalans", "Guatemala City"),
    "GIN": ("", "Guinean|Guineans", "Conakry"),
    "GNB": ("", "Bissau-Guinean", "Bissau"),
    "GUY": ("", "Guyanese", ""),
    "HTI": ("", "Haitian|Haitians", "Port-au-Prince"),
    "HND": ("", "Honduran|Hondurans", "Tegucigalpa"),
    "HUN": ("", "Hungarian|Hungarians", "Budapest"),
    "ISL": ("", "Icelandic|Icelander|Icelanders", "Reykjavik"),
    "IND": ("", "Indian|Indians", "New Delhi"),
    "IDN": ("", "Indonesian|Indonesians", "Jakarta"),
    "IRN": ("Iran|Islamic Republic of Iran", "Iranian|Iranians|Persian", "Tehran"),
    "IRQ": ("", "Iraqi|Iraqis", "Baghdad"),
    "IRL": ("Republic of Ireland|Eire", "Irish|Irishman", "Dublin"),
    "ISR": ("", "Israeli|Israelis", "Jerusalem"),
    "ITA": ("", "Italian|Italians", "Rome|Palazzo Chigi"),
    "JAM": ("", "Jamaican|Jamaicans", ""),
    "JPN": ("", "Japanese", "Tokyo"),
    "JOR": ("", "Jordanian|Jordanians", "Amman"),
    "KAZ": ("", "Kazakh|Kazakhs|Kazakhstani", "Astana|Nur-Sultan"),
    "KEN": ("", "Kenyan|Kenyans", "Nairobi"),
    "KIR": ("", "I-Kiribati", "Tarawa"),
    "PRK": ("North Korea|DPRK|Democratic People's Republic of Korea", "North Korean|North Koreans", "Pyongyang"),
    "KOR": ("South Korea|Republic of Korea|ROK", "South Korean|South Koreans", "Seoul|Blue House"),
    "KWT": ("", "Kuwaiti|Kuwaitis", "Kuwait City"),
    "KGZ": ("Kirghizia", "Kyrgyz|Kirghiz", "Bishkek"),
    "LAO": ("Laos", "Lao|Laotian|Laotians", "Vientiane"),
    "LVA": ("", "Latvian|Latvians", "Riga"),
    "LBN": ("", "Lebanese", "Beirut"),
    "LSO": ("", "Basotho|Mosotho", "Maseru"),
    "LBR": ("", "Liberian|Liberians", "Monrovia"),
    "LBY": ("", "Libyan|Libyans", "Tripoli"),
    "LIE": ("", "Liechtensteiner", "Vaduz"),
    "LTU": ("", "Lithuanian|Lithuanians", "Vilnius"),
    "LUX": ("", "Luxembourgish|Luxembourger|Luxembourgers", ""),
    "MDG": ("", "Malagasy|Madagascan", "Antananarivo"),
    "MWI": ("", "Malawian|Malawians", "Lilongwe"),
    "MYS": ("", "Malaysian|Malaysians", "Kuala Lumpur|Putrajaya"),
    "MDV": ("", "Maldivian|Maldivians", ""),
    "MLI": ("", "Malian|Malians", "Bamako"),
    "MLT": ("", "Maltese", "Valletta"),
    "MHL": ("", "Marshallese", "Majuro"),
    "MRT": ("", "Mauritanian|Mauritanians", "Nouakchott"),
    "MUS": ("", "Mauritian|Mauritians", "Port Louis"),
    "MEX": ("", "Mexican|Mexicans", "Mexico City|Los Pinos"),
    "FSM": ("Micronesia", "Micronesian|Micronesians", "Palikir"),
    "MDA": ("Moldova", "Moldovan|Moldovans", "Chisinau"),
    "MCO": ("", "Monegasque", ""),
    "MNG": ("", "Mongolian|Mongolians", "Ulaanbaatar|Ulan Bator"),
    "MNE": ("", "Montenegrin|Montenegrins", "Podgorica"),
    "MAR": ("", "Moroccan|Moroccans", "Rabat"),
    "MOZ": ("", "Mozambican|Mozambicans", "Maputo"),
    "MMR": ("Burma", "Myanmar|Burmese", "Naypyidaw|Naypyitaw"),
    "NAM": ("", "Namibian|Namibians", "Windhoek"),
    "NRU": ("", "Nauruan|Nauruans", ""),
    "NPL": ("", "Nepali|Nepalese|Nepalis", "Kathmandu"),
    "NLD": ("Netherlands|The Netherlands|Holland", "Dutch|Dutchman|Netherlander", "The Hague"),
    "NZL": ("", "New Zealander|New Zealanders|Kiwi", "Wellington"),
    "NIC": ("", "Nicaraguan|Nicaraguans", "Managua"),
    "NER": ("", "Nigerien|Nigeriens", "Niamey"),
    "NGA": ("", "Nigerian|Nigerians", "Abuja"),
    "MKD": ("North Macedonia|Macedonia|FYROM", "Macedonian|Macedonians", "Skopje"),
    "NOR": ("", "Norwegian|Norwegians", "Oslo"),
    "OMN": ("", "Omani|Omanis", "Muscat"),
    "PAK": ("", "Pakistani|Pakistanis", "Islamabad"),
    "PLW": ("", "Palauan|Palauans", ""),
    "PSE": ("Palestine|Palestinian territories|Palestinian Authority|West Bank|Gaza|Gaza Strip", "Palestinian|Palestinians", "Ramallah"),
    "PAN": ("", "Panamanian|Panamanians", "Panama City"),
    "PNG": ("", "Papua New Guinean|Papuan", "Port Moresby"),
    "PRY": ("", "Paraguayan|Paraguayans", "Asuncion"),
    "PER": ("", "Peruvian|Peruvians", "Lima"),
    "PHL": ("", "Filipino|Filipinos|Philippine", "Manila|Malacanang"),
    "POL": ("", "Polish|Pole|Poles", "Warsaw"),
    "PRT": ("", "Portuguese", "Lisbon"),
    "QAT": ("", "Qatari|Qataris", "Doha"),
    "ROU": ("Roumania", "Romanian|Romanians", "Bucharest"),
    "RUS": ("Russia|Russian Federation", "Russian|Russians", "Moscow|Kremlin"),
    "RWA": ("", "Rwandan|Rwandans", "Kigali"),
    "KNA": ("St Kitts and Nevis|St. Kitts and Nevis", "Kittitian", "Basseterre"),
    "LCA": ("St Lucia|St. Lucia", "Saint Lucian|St Lucian", "Castries"),
    "VCT": ("St Vincent and the Grenadines", "Vincentian", "Kingstown"),
    "WSM": ("", "Samoan|Samoans", "Apia"),
    "SMR": ("", "Sammarinese", ""),
    "STP": ("", "Santomean|Sao Tomean", ""),
    "SAU": ("", "Saudi|Saudis|Saudi Arabian", "Riyadh"),
    "SEN": ("", "Senegalese", "Dakar"),
    "SRB": ("", "Serbian|Serb|Serbs", "Belgrade"),
    "SYC": ("", "Seychellois", ""),
    "SLE": ("", "Sierra Leonean|Sierra Leoneans", "Freetown"),
    "SGP": ("", "Singaporean|Singaporeans", ""),
    "SVK": ("", "Slovak|Slovakian|Slovaks", "Bratislava"),
    "SVN": ("", "Slovenian|Slovene|Slovenes|Slovenians", "Ljubljana"),
    "SLB": ("", "Solomon Islander", "Honiara"),
    "SOM": ("", "Somali|Somalis", "Mogadishu"),
    "ZAF": ("", "South African|South Africans", "Pretoria|Union Buildings"),
    "SSD": ("", "South Sudanese", "Juba"),
    "ESP": ("", "Spanish|Spaniard|Spaniards", "Madrid|Moncloa"),
    "LKA": ("", "Sri Lankan|Sri Lankans", "Colombo"),
    "SDN": ("", "Sudanese", "Khartoum"),
    "SUR": ("", "Surinamese", "Paramaribo"),
    "SWE": ("", "Swedish|Swede|Swedes", "Stockholm"),
    "CHE": ("", "Swiss", "Bern|Berne"),
    "SYR": ("Syria", "Syrian|Syrians", "Damascus"),
    "TWN": ("Taiwan|Republic of China", "Taiwanese", "Taipei"),
    "TJK": ("", "Tajik|Tajiks|Tajikistani", "Dushanbe"),
    "TZA": ("Tanzania", "Tanzanian|Tanzanians", "Dodoma|Dar es Salaam"),
    "THA": ("Siam", "Thai|Thais", "Bangkok"),
    "TLS": ("East Timor|Timor-Leste", "Timorese|East Timorese", "Dili"),
    "TGO": ("", "Togolese", "Lome"),
    "TON": ("", "Tongan|Tongans", "Nuku'alofa"),
    "TTO": ("", "Trinidadian|Trinidadians|Tobagonian", "Port of Spain"),
    "TUN": ("", "Tunisian|Tunisians", "Tunis"),
    "TUR": ("Turkey|Turkiye|Republic of Turkey", "Turkish|Turk|Turks", "Ankara"),
    "TKM": ("", "Turkmen|Turkmens", "Ashgabat"),
    "TUV": ("", "Tuvaluan", "Funafuti"),
    "UGA": ("", "Ugandan|Ugandans", "Kampala"),
    "UKR": ("", "Ukrainian|Ukrainians", "Kyiv|Kiev"),
    "ARE": ("UAE|U.A.E.|Emirates", "Emirati|Emiratis", "Abu Dhabi"),
    "GBR": ("Britain|Great Britain|UK|U.K.|United Kingdom|England|Scotland|Wales|Northern Ireland",
            "British|Briton|Britons|Brit|Brits|English|Scottish|Scots|Welsh", "London|Downing Street|Whitehall|Number 10"),
    "USA": ("United States|United States of America|US|U.S.|U.S.A.|USA|America", "American|Americans|U.S.", "Washington|White House"),
    "URY": ("", "Uruguayan|Uruguayans", "Montevideo"),
    "UZB": ("", "Uzbek|Uzbeks|Uzbekistani", "Tashkent"),
    "VUT": ("", "Ni-Vanuatu", "Port Vila"),
    "VAT": ("Vatican|Holy See|Vatican City", "", ""),
    "VEN": ("Venezuela", "Venezuelan|Venezuelans", "Caracas|Miraflores"),
    "VNM": ("Vietnam|Viet Nam", "Vietnamese", "Hanoi"),
    "YEM": ("", "Yemeni|Yemenis", "Sanaa|Sana'a"),
    "ZMB": ("", "Zambian|Zambians", "Lusaka"),
    "ZWE": ("", "Zimbabwean|Zimbabweans", "Harare"),
    "HKG": ("Hong Kong", "Hong Konger|Hong Kongers", ""),
    "MAC": ("Macau|Macao", "Macanese", ""),
    "PRI": ("Puerto Rico", "Puerto Rican|Puerto Ricans", "San Juan"),
    "GRL": ("", "Greenlandic|Greenlander|Greenlanders", "Nuuk"),
    "ESH": ("Western Sahara", "Sahrawi|Sahrawis", ""),
    "CUW": ("Curacao", "", ""),
    "BES": ("Caribbean Netherlands|Bonaire|Sint Eustatius|Saba", "", ""),
}

# Adjectives that are also another country's or the same word ("Dominican",
# "Congolese", "Guinean") are kept on one country only, to keep the lint clean.
# Wikidata ids of countries most in the news.
WIKIDATA = {
    "USA": "Q30", "GBR": "Q145", "FRA": "Q142", "DEU": "Q183", "RUS": "Q159",
    "CHN": "Q148", "TUR": "Q43", "GRC": "Q41", "ISR": "Q801", "IRN": "Q794",
    "IND": "Q668", "JPN": "Q17", "UKR": "Q212", "SYR": "Q858", "IRQ": "Q796",
    "AFG": "Q889", "PAK": "Q843", "EGY": "Q79", "SAU": "Q851", "BRA": "Q155",
    "ITA": "Q38", "ESP": "Q29", "CAN": "Q16", "AUS": "Q408", "MEX": "Q96",
    "KOR": "Q884", "PRK": "Q423", "ZAF": "Q258", "NGA": "Q1033", "IDN": "Q252",
    "ARG": "Q414", "PSE": "Q219060", "ARE": "Q878", "QAT": "Q846", "LBN": "Q822",
}

EXAMPLES = {
    "TUR": "Ankara said it would respond. => TURGOV",
    "GRC": "Greek protesters marched in Athens. => GRCOPP",
    "ARE": "Emirati officials met the delegation. => AREGOV",
    "CIV": "Ivorian troops crossed the border. => CIVMIL",
    "GBR": "Downing Street declined to comment. => GBRGOV",
    "FRA": "The Elysee said the talks were useful. => FRAGOV",
    "RUS": "Russian troops moved toward the border. => RUSMIL",
    "ISR": "The Israeli army said it had struck the site. => ISRMIL",
    "USA": "The White House welcomed the vote. => USAGOV",
}


# Names another entry owns ("Congo" is the Republic of the Congo's short name).
TAKEN = {"COD": ("Congo",)}


def clean(name):
    return name.replace(",", "").strip()


def main():
    out = sys.stdout
    out.write("# Generated by tools/gen_countries.py from the ISO 3166-1 table of pycountry\n")
    out.write("# (names and codes) and the script's own hand-written tables of news names,\n")
    out.write("# adjectives, demonyms, capitals and seats of government. Do not edit by hand:\n")
    out.write("# change the script and run it again. Historical states: countries-extra.txt.\n\n")
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = c.alpha_3
        extra, adjectives, seats = HAND.get(code, ("", "", ""))
        candidates = extra.split("|") + [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        candidates = [n.strip() for n in candidates if n and "," not in n and "(" not in n]
        if not candidates:
            # "Virgin Islands, British" -> "British Virgin Islands"
            head, _, tail = c.name.partition(",")
            candidates = [f"{tail.strip()} {head.strip()}"]
        names = []
        for n in candidates:
            if n not in names and n not in TAKEN.get(code, ()):
                names.append(n)
        primary = names.pop(0)
        out.write(f"country {code} {primary}\n")
        if names:
            out.write(f"  names: {' | '.join(names)}\n")
        if adjectives:
            out.write(f"  adjectives: {adjectives.replace('|', ' | ')}\n")
        if seats:
            out.write(f"  seats: {seats.replace('|', ' | ')}\n")
        if code in WIKIDATA:
            out.write(f"  wikidata: {WIKIDATA[code]}\n")
        if code in EXAMPLES:
            out.write(f"  example: {EXAMPLES[code]}\n")
        out.write("\n")


if __name__ == "__main__":
    main()
