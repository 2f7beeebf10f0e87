//! Word lists: names for entities, and the vocabulary of the prose. Names avoid
//! ordinary English words, so a surname or acronym in the prose is always a mention.

/// Splits a space-separated list.
pub(crate) fn list(words: &'static str) -> Vec<&'static str> {
    words.split_whitespace().collect()
}

/// Splits a semicolon-separated list of phrases.
pub(crate) fn phrases(text: &'static str) -> Vec<&'static str> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

pub(crate) const FIRST_NAMES: &str = "Ana Boris Chen Dara Elif Farid Greta Hiroshi Ivana Jonas Katarina Lars Mariam \
    Nikolai Olena Pavel Quentin Rania Sergei Tamara Umar Vera Wojciech Xenia Yusuf Zofia Amira Bogdan Camille \
    Dmitri Esther Florian Gulnara Hamid Ines Jarek Kenji Leila Mateo Nadia Oskar Petra Rashid Sabine Tomasz \
    Ulrike Viktor Yana Zeynep Anders Beatriz Ciaran Daria Emre Fatima Gustav Helga Ilya Juliette Kamal Lucia \
    Marek Noemi Orhan Priya Ruslan Selin Taras Valentina";

pub(crate) const SURNAMES: &str = "Adler Bergstrom Castellano Dahlberg Ekman Fischer Gallardo Holmqvist Ivanova \
    Jensen Kowalczyk Lindqvist Moreau Novak Okonkwo Petrenko Quiroga Rasmussen Sandoval Tkachenko Urbanek \
    Vasquez Wiśniewska Yilmaz Zielinski Abramov Bianchi Chaudhry Delacroix Esposito Fontaine Gorski Haddad \
    Iglesias Jankowski Kuznetsov Lombardi Marchetti Nakamura Orlov Pellegrini Romanenko Schreiber Takahashi \
    Ueda Varga Weissman Yamamoto Zaharia Antonescu Bondarenko Ciobanu Dragomir Efimova Ferrante Grigoryan \
    Horvath Ishikawa Jovanovic Kaminski Lebedev Mazur Nowicki Oyelaran Popescu Reyes Sokolova Tanaka Ulyanov \
    Vukovic Wojcik Yakovlev Zubkov Amato Baranov Cardenas Dumitrescu Eriksen Galitsin Hakimi Ionescu Jablonski \
    Kovacs Lindgren Mendoza Nieminen Ostrowski Pavlenko Rinaldi Savchenko Tereshchenko Ugarte Volkova Wagner \
    Zelenko Andersen Brodsky Constantin Dobrev Engstrom Faraday Gavrilov Hoffmann Isaksen Kaczmarek Laurent \
    Mikhailova Nordstrom Olsen Petrovic Rossetti Stoica Toivonen Valentini Westergaard Zamora Achterberg \
    Belinsky Carvalho Demir Erdogan Falkenrath Grabowski Hayashi Ilic Karlsson Lozano Morozova Nazarenko \
    Ortega Przybylski Quintero Rahimi Shevchenko Tarasova Vidal Wasserman Yurchenko Zoltan";

/// Countries: name, demonym, acronym or "-".
pub(crate) const COUNTRIES: &[(&str, &str, &str)] = &[
    ("France", "French", "-"),
    ("Germany", "German", "-"),
    ("Poland", "Polish", "-"),
    ("Ukraine", "Ukrainian", "-"),
    ("Russia", "Russian", "-"),
    ("North Korea", "North Korean", "DPRK"),
    ("South Korea", "South Korean", "ROK"),
    ("United States", "American", "USA"),
    ("United Kingdom", "British", "UK"),
    ("Japan", "Japanese", "-"),
    ("Turkey", "Turkish", "-"),
    ("Romania", "Romanian", "-"),
    ("Moldova", "Moldovan", "-"),
    ("Belarus", "Belarusian", "-"),
    ("Finland", "Finnish", "-"),
    ("Sweden", "Swedish", "-"),
    ("Norway", "Norwegian", "-"),
    ("Estonia", "Estonian", "-"),
    ("Latvia", "Latvian", "-"),
    ("Lithuania", "Lithuanian", "-"),
    ("Hungary", "Hungarian", "-"),
    ("Slovakia", "Slovak", "-"),
    ("Czechia", "Czech", "-"),
    ("Italy", "Italian", "-"),
    ("Spain", "Spanish", "-"),
    ("Portugal", "Portuguese", "-"),
    ("Brazil", "Brazilian", "-"),
    ("Mexico", "Mexican", "-"),
    ("Canada", "Canadian", "-"),
    ("Australia", "Australian", "-"),
    ("India", "Indian", "-"),
    ("Pakistan", "Pakistani", "-"),
    ("Iran", "Iranian", "-"),
    ("Egypt", "Egyptian", "-"),
    ("Nigeria", "Nigerian", "-"),
    ("Kenya", "Kenyan", "-"),
    ("Kazakhstan", "Kazakh", "-"),
    ("Azerbaijan", "Azerbaijani", "-"),
    ("Armenia", "Armenian", "-"),
    ("Serbia", "Serbian", "-"),
    ("Bulgaria", "Bulgarian", "-"),
    ("Greece", "Greek", "-"),
    ("Indonesia", "Indonesian", "-"),
    ("Vietnam", "Vietnamese", "-"),
    ("Argentina", "Argentine", "-"),
    ("Chile", "Chilean", "-"),
];

pub(crate) const CITIES: &str = "Kyiv Kharkiv Odesa Lviv Dnipro Sudzha Belgorod Pyongyang Seoul Busan Warsaw Gdansk \
    Krakow Vilnius Riga Tallinn Helsinki Tampere Stockholm Gothenburg Oslo Bergen Bucharest Constanta Chisinau Minsk \
    Budapest Bratislava Prague Brno Vienna Graz Munich Hamburg Cologne Leipzig Lyon Marseille Toulouse Strasbourg \
    Milan Naples Turin Madrid Seville Valencia Lisbon Porto Ankara Izmir Istanbul Tbilisi Yerevan Baku Astana \
    Almaty Tashkent Cairo Lagos Nairobi Mumbai Karachi Jakarta Hanoi Osaka Nagoya Toronto Montreal Ottawa \
    Santiago Sofia Varna Athens Thessaloniki Belgrade Zagreb Ljubljana";

pub(crate) const PLACE_ROOTS: &str = "Azov Donets Dniester Prut Carpathian Kursk Bryansk Pripyat Narva Vistula Oder \
    Danube Tisza Sava Drina Morava Kama Volga Don Ural Amur Tumen Yalu Chongchon Imjin Han Baltic Aegean Ionian \
    Adriatic Caspian Aral Pontic Dinaric Balkan Rhodope Tatra Sudeten Harz Eifel Jura Vosges Ardennes Bohemian";

pub(crate) const PLACE_KINDS: &str = "Region Valley Basin Corridor Plain Highlands Lowlands Delta Coast Gorge Pass \
    Uplands";

pub(crate) const DOMAINS: &str = "Defence;Foreign Affairs;Energy;Finance;Justice;Health;Education;Agriculture;\
    Transport;Interior;Economy;Culture;Environment;Infrastructure;Labour;Trade;Digital Affairs";

pub(crate) const FIELDS: &str = "Strategic Studies;Security Policy;Conflict Research;Energy Transition;Public Health;\
    Migration Studies;Maritime Law;Arms Control;Nuclear Policy;Cyber Security;Economic Research;Human Rights;\
    Food Security;Climate Adaptation;Disinformation Research";

pub(crate) const INDUSTRIES: &str =
    "Shipbuilding Aerospace Steel Grain Pipeline Telecom Rail Mining Chemical Logistics \
    Munitions Optics Turbine";

pub(crate) const COMPANY_KINDS: &str = "Group Holdings Works Consortium Corporation";

pub(crate) const AGENCY_KINDS: &str = "Agency Service Directorate Commission Authority Bureau";

pub(crate) const PAPERS: &str = "Herald Times Post Courier Gazette Observer Chronicle Tribune Monitor Dispatch \
    Review Ledger";

pub(crate) const QUALIFIERS: &str = "New Northern Southern Eastern Western Central Upper Lower Greater Coastal Inner \
    Outer";

/// Newsroom staff, the articles' authors (plain names, not entities).
pub(crate) const STAFF: &str = "Tamilla Hasanova;Jonah Whitfield;Marta Kralj;Idris Okafor;Sofia Lindahl;\
    Benedikt Sauer;Aylin Korkmaz;Pietro Salvini;Hanna Wierzbicka;Lukas Brenner;Mei Tanabe;Oleksii Dovhan;\
    Clara Ibáñez;Ravi Menon;Agnes Tóth;Dmytro Melnyk;Elena Costa;Samir Bouzid;Greta Aalto;Nils Hedlund";

pub(crate) const TAGS: &str = "ukraine russia north-korea sanctions ceasefire treaties elections energy migration \
    intelligence disinformation nuclear arms-control air-defence grain shipping cyber human-rights courts \
    diplomacy nato european-union united-nations refugees economy budget defence-industry drones border \
    prisoners-of-war reconstruction corruption media-freedom climate infrastructure black-sea baltic balkans \
    caucasus central-asia";

// The prose vocabulary: a few hundred words in a handful of parts of speech.

pub(crate) const NOUNS: &str = "agreement border region report ministry statement treaty council envoy visit \
    meeting deployment ceasefire offensive convoy shipment budget decree resolution proposal investigation \
    inquiry hearing verdict court parliament committee coalition delegation mission summit briefing interview \
    document draft clause provision amendment deadline timetable framework package programme contract tender \
    pipeline railway bridge port airfield depot warehouse factory plant reactor grid substation corridor \
    checkpoint crossing frontier village town district province capital coastline harbour road highway \
    network system platform database archive estimate figure assessment forecast survey census audit \
    payment loan grant subsidy tariff quota licence permit sanction embargo waiver exemption appeal \
    complaint petition protest strike rally campaign election ballot referendum mandate majority minority \
    opposition government cabinet administration agency directorate service unit brigade battalion division \
    fleet squadron satellite radar drone missile shell artillery vehicle tank helicopter aircraft vessel";

pub(crate) const PLURALS: &str = "officials troops analysts diplomats soldiers residents workers engineers \
    lawmakers investigators inspectors observers journalists prosecutors judges negotiators volunteers \
    refugees farmers traders shipments sanctions talks figures estimates documents records payments \
    reserves supplies weapons systems drones missiles shells vehicles units forces authorities partners \
    allies neighbours donors creditors voters protesters monitors experts sources witnesses";

pub(crate) const ADJECTIVES: &str = "new first last early late public private national foreign local regional \
    federal provisional interim formal informal secret open detailed brief lengthy direct indirect military \
    civilian diplomatic economic legal political technical financial strategic tactical heavy light \
    northern southern eastern western central remote urban rural coastal inland independent joint bilateral \
    multilateral international domestic official unofficial previous current upcoming recent former senior \
    junior partial full significant modest sharp gradual sudden unexpected disputed contested confirmed \
    preliminary final annual quarterly monthly weekly";

pub(crate) const VERBS: &str = "confirmed denied announced rejected approved signed suspended extended delayed \
    questioned published released reviewed examined outlined described criticised welcomed defended \
    challenged accepted proposed postponed cancelled reported disclosed estimated revised expanded reduced \
    blocked cleared resumed halted restored repaired inspected monitored tracked recorded documented \
    verified disputed supported opposed endorsed drafted amended ratified negotiated renewed";

pub(crate) const ADVERBS: &str = "quietly publicly formally reportedly briefly repeatedly sharply largely partly \
    mostly already still again later recently finally initially separately jointly";

pub(crate) const PREPOSITIONS: &str = "in near across along around beyond inside outside under over through \
    towards against without within";

pub(crate) const TIMES: &str = "on Monday;on Tuesday;on Wednesday;on Thursday;on Friday;over the weekend;\
    last week;this month;in the spring;in the autumn;earlier this year;late last year;within days;\
    after midnight;before dawn;in the following weeks;at the end of the month";

pub(crate) const OPENERS: &str = "However;Meanwhile;At the same time;In practice;According to the statement;\
    By contrast;For now;Even so;In the meantime;On paper;Until then;As a result;In a separate move;\
    Earlier;Since then;Despite this";

pub(crate) const SAYS: &str = "said;told reporters;wrote;argued;insisted;added;noted;warned;claimed;stated";
