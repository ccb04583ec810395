"""The demo pilots and offerings, in fi, sv and en (see seed.py).

Each pilot belongs to a demo proposal (ideas/demo/content.py, by key) of a challenge in its
piloting or closed phase. Texts are (fi, sv, en).
"""

from ideas.demo.content import (
    AALTO,
    ESPOO_SEURA,
    KAMU,
    KUULOKUVA,
    MUSEOTECH,
    POHJOINEN,
    SAAVUTETTAVA,
    TAMPERE_RESEARCH,
)
from marketplace.models import PilotOutcome, PilotStage, PriceModel

LANGUAGES = ("fi", "sv", "en")

VENUES = {
    "kamu": ("KAMU Espoon kaupunginmuseo", "Esbo stadsmuseum KAMU", "KAMU Espoo City Museum"),
    "sello": ("Sellon kirjasto", "Sellobiblioteket", "Sello library"),
    "weegee": ("WeeGee-näyttelykeskus", "utställningscentret WeeGee", "WeeGee exhibition centre"),
}

# (title, offset as a share of the pilot's length); the second is each pilot's own.
MILESTONES = [
    (
        (
            "Aloituspalaveri museon henkilökunnan kanssa",
            "Startmöte med museets personal",
            "Kick-off with the museum staff",
        ),
        0,
    ),
    (None, 1 / 6),
    (("Väliarviointi", "Halvtidsutvärdering", "Mid-pilot review"), 1 / 2),
    (("Loppuraportti", "Slutrapport", "Final report"), 1),
]

# For pilots of other proposals (not the demo's own): generic indicators.
GENERIC_INDICATORS = [
    (
        ("Kävijät viikossa", "Besökare per vecka", "Visitors per week"),
        ("kävijää", "besökare", "visitors"),
        40,
        90,
        True,
    ),
    (("Jonotusaika", "Väntetid", "Waiting time"), ("min", "min", "min"), 15, 5, False),
]
GENERIC_MILESTONE = ("Ensimmäiset kävijät", "De första besökarna", "First visitors")
GENERIC_FEEDBACK = [
    ("fi", 5, "Tosi hyvä! Tulemme uudestaan."),
    ("fi", 4, "Hyvä, mutta liian lyhyt."),
    ("sv", 4, "Trevligt, men det var svårt att hitta platsen."),
    ("fi", 3, "Ihan kiva. Ohjeet olisivat saaneet olla selkeämmät."),
    ("fi", 5, ""),
    ("sv", 5, "Jättebra, tack!"),
]

PILOTS = [
    {
        "proposal": "kosketeltavat-kopiot",
        "stage": PilotStage.RUNNING,
        "venue": "kamu",
        "budget_eur": 12000,
        "title": (
            "Kosketeltavat kopiot KAMUssa",
            "Kopior att röra vid på KAMU",
            "Touchable replicas at KAMU",
        ),
        "summary": (
            "Kymmenen museoesineen 3D-tulostetut kopiot ja äänikuvaukset ovat pilotissa KAMUn "
            "perusnäyttelyssä. Kerro, miten ne toimivat sinulle.",
            "3D-utskrivna kopior av tio föremål och ljudbeskrivningar testas i KAMU:s "
            "basutställning. Berätta hur de fungerar för dig.",
            "3D-printed replicas of ten objects and audio descriptions are being tried out in "
            "KAMU's main exhibition. Tell us how they work for you.",
        ),
        "milestone": (
            "Kopiot ja äänikuvaukset paikoillaan",
            "Kopiorna och ljudbeskrivningarna på plats",
            "Replicas and audio descriptions in place",
        ),
        "indicators": [
            (
                (
                    "Kopioita käyttäneet kävijät viikossa",
                    "Besökare som använt kopiorna per vecka",
                    "Visitors using the replicas per week",
                ),
                ("kävijää", "besökare", "visitors"),
                20,
                60,
                True,
            ),
            (
                (
                    "Äänikuvausten kuuntelukerrat päivässä",
                    "Lyssningar på ljudbeskrivningarna per dag",
                    "Audio description plays per day",
                ),
                ("kertaa", "gånger", "plays"),
                10,
                40,
                True,
            ),
        ],
        "feedback": [
            (
                "fi",
                5,
                "Sain vihdoin koskea esineisiin. Äänikuvaus oli selkeä ja rauhallinen.",
                "seniors",
            ),
            ("fi", 4, "Lapset tykkäsivät kopioista. Painikkeita voisi olla enemmän.", "families"),
            ("sv", 5, "Mycket fint! Ljudbeskrivningen på svenska var tydlig.", "seniors"),
            ("fi", 3, "Hyvä idea, mutta kopioita oli vaikea löytää ilman opasta.", "remote"),
        ],
    },
    {
        "proposal": "kosketuslaukku",
        "stage": PilotStage.PLANNED,
        "venue": "sello",
        "budget_eur": 8000,
        "title": (
            "Kosketuslaukku Sellon kirjastossa",
            "Väskan med föremål att röra vid på Sellobiblioteket",
            "The touch bag at Sello library",
        ),
        "summary": (
            "Kosketuslaukku tulee lainaan Sellon kirjastoon. Siinä on kuusi esinekopiota, "
            "äänikirja ja selkokielinen ohje. Kerran kuussa laukku avataan yhdessä "
            "vertaisoppaan kanssa.",
            "Väskan kommer att kunna lånas på Sellobiblioteket. Den innehåller sex kopior av "
            "föremål, en ljudbok och en lättläst instruktion. En gång i månaden öppnas väskan "
            "tillsammans med en kamratguide.",
            "The touch bag will be available to borrow at Sello library, with six replicas, "
            "an audiobook and an easy-to-read guide. Once a month a peer guide opens the bag "
            "with visitors.",
        ),
        "milestone": (
            "Laukku lainattavissa Sellon kirjastossa",
            "Väskan kan lånas på Sellobiblioteket",
            "Bag available at Sello library",
        ),
        "indicators": [
            (
                ("Laukun lainat kuukaudessa", "Lån av väskan per månad", "Bag loans per month"),
                ("lainaa", "lån", "loans"),
                0,
                8,
                True,
            ),
            (
                (
                    "Kosketushetkien osallistujat",
                    "Deltagare i beröringsstunderna",
                    "Touch session participants",
                ),
                ("henkeä", "personer", "people"),
                0,
                15,
                True,
            ),
        ],
        "feedback": [],
    },
    {
        "proposal": "kuvahaku",
        "stage": PilotStage.COMPLETED,
        "outcome": PilotOutcome.ADOPTED,
        "venue": "kamu",
        "budget_eur": 7000,
        "title": (
            "Kuva-arkiston haku verkossa",
            "Sökning i fotoarkivet på nätet",
            "Searching the photo archive online",
        ),
        "summary": (
            "20 000 museon kuvaa avattiin verkkoon haettaviksi kartalta, asiasanoilla ja "
            "vuosikymmenen mukaan. Haku otettiin pilotin jälkeen pysyvästi käyttöön.",
            "20 000 av museets bilder lades ut på nätet och kan sökas på en karta, med "
            "ämnesord och efter årtionde. Sökningen togs i permanent bruk efter piloten.",
            "20,000 of the museum's photographs were put online, searchable on a map, by "
            "subject and by decade. The search was kept in use after the pilot.",
        ),
        "milestone": ("Haku avattu verkossa", "Sökningen öppnad på nätet", "Search opened online"),
        "indicators": [
            (
                ("Haut päivässä", "Sökningar per dag", "Searches per day"),
                ("hakua", "sökningar", "searches"),
                50,
                300,
                True,
            ),
            (
                ("Aika kuvan löytämiseen", "Tid att hitta en bild", "Time to find a photo"),
                ("min", "min", "min"),
                20,
                3,
                False,
            ),
        ],
        "feedback": [
            (
                "fi",
                5,
                "Löysin kartalta kuvia kotikadustani 1960-luvulta. Loistava palvelu!",
                "researchers",
            ),
            ("fi", 4, "Haku toimii hyvin, mutta asiasanoja voisi olla enemmän.", "researchers"),
            ("sv", 4, "Bra att användningsvillkoren syns direkt vid bilden.", "researchers"),
            ("fi", 5, "Säästi gradussani viikkoja.", "researchers"),
            ("fi", 3, "Suurten kuvien lataus kesti välillä kauan.", "researchers"),
        ],
    },
    {
        "proposal": "tunnistustalkoot",
        "stage": PilotStage.COMPLETED,
        "outcome": PilotOutcome.CONTINUED,
        "venue": "sello",
        "budget_eur": 3000,
        "title": (
            "Kuvien tunnistustalkoot Sellossa",
            "Bildtalko på Sello",
            "Photo identification sessions at Sello",
        ),
        "summary": (
            "Asukkaat ja Espoo-seuran vapaaehtoiset tunnistivat talkoissa satoja vanhoja "
            "kuvia. Talkoot jatkuvat kerran kuussa Sellon kirjastossa.",
            "Invånare och frivilliga från Espoo-seura identifierade hundratals gamla bilder på "
            "talkon. Talkona fortsätter en gång i månaden på Sellobiblioteket.",
            "Residents and Espoo-seura's volunteers identified hundreds of old photographs at "
            "the sessions. They go on once a month at Sello library.",
        ),
        "milestone": ("Ensimmäiset talkoot", "Det första talkot", "First identification session"),
        "indicators": [
            (
                ("Tunnistetut kuvat", "Identifierade bilder", "Photos identified"),
                ("kuvaa", "bilder", "photos"),
                0,
                400,
                True,
            ),
            (
                ("Talkoisiin osallistuneet", "Deltagare i talkona", "Session participants"),
                ("henkeä", "personer", "people"),
                0,
                40,
                True,
            ),
        ],
        "feedback": [
            (
                "fi",
                5,
                "Talkoissa oli mukava muistella. Tunnistin kolme kuvaa Leppävaarasta.",
                "researchers",
            ),
            ("fi", 4, "Hyvin järjestetty. Näyttö olisi saanut olla isompi.", "researchers"),
            ("sv", 5, "Roligt att få hjälpa museet. Jag kommer gärna igen.", "researchers"),
        ],
    },
    {
        "proposal": "kayttooikeudet",
        "stage": PilotStage.EVALUATING,
        "venue": "weegee",
        "budget_eur": 5000,
        "title": (
            "Käyttöoikeusmerkinnät kuva-arkistoon",
            "Märkning av användningsrätt i fotoarkivet",
            "Usage rights labels for the photo archive",
        ),
        "summary": (
            "5 000 kuvan käyttöoikeudet selvitettiin ja merkittiin kolmella selkeällä "
            "merkinnällä. Arvioimme nyt, vähenivätkö lupakyselyt.",
            "Rättigheterna till 5 000 bilder utreddes och märktes med tre tydliga märkningar. "
            "Nu utvärderar vi om förfrågningarna om tillstånd minskade.",
            "The rights to 5,000 photos were cleared and labelled with three plain labels. We "
            "are now evaluating whether permission requests went down.",
        ),
        "milestone": (
            "Ensimmäiset 1 000 kuvaa merkitty",
            "De första 1 000 bilderna märkta",
            "First 1,000 photos labelled",
        ),
        "indicators": [
            (
                (
                    "Kuvat, joiden oikeudet on selvitetty",
                    "Bilder med utredda rättigheter",
                    "Photos with cleared rights",
                ),
                ("kuvaa", "bilder", "photos"),
                0,
                5000,
                True,
            ),
            (
                (
                    "Lupakyselyt museolle viikossa",
                    "Förfrågningar om tillstånd per vecka",
                    "Permission requests to the museum per week",
                ),
                ("kyselyä", "förfrågningar", "requests"),
                25,
                5,
                False,
            ),
        ],
        "feedback": [
            (
                "fi",
                4,
                "Merkinnät ovat selkeät. Nyt tiedän heti, saanko käyttää kuvaa.",
                "researchers",
            ),
            (
                "fi",
                2,
                'Moni kuva on vielä merkitty "kysy museolta". Toivottavasti niitä selvitetään '
                "lisää.",
                "researchers",
            ),
            ("sv", 4, "Tydligt och enkelt. Bra att texten finns på lättläst språk.", "researchers"),
        ],
    },
]

VANTAA = "Vantaan kaupungin kulttuuripalvelut"

OFFERINGS = [
    {
        "slug": "kuva-arkiston-hakupalvelu",
        "pilot": "kuvahaku",
        "language": "fi",
        "title": (
            "Kuva-arkiston hakupalvelu",
            "Söktjänst för fotoarkiv",
            "Photo archive search service",
        ),
        "summary": (
            "Museon kuva-arkisto haettavaksi verkossa kartalta, asiasanoilla ja vuosikymmenen "
            "mukaan. Jokaisessa kuvassa näkyvät käyttöehdot.",
            "Museets fotoarkiv sökbart på nätet på en karta, med ämnesord och efter årtionde. "
            "Vid varje bild syns användningsvillkoren.",
            "A museum's photo archive, searchable online on a map, by subject and by decade. "
            "Each photo shows its terms of use.",
        ),
        "description": (
            "Kokeiltu Espoon kaupunginmuseossa 20 000 kuvalla. Haut lisääntyivät pilotin "
            "aikana kuusinkertaisiksi, ja kuvan löytämiseen kuluva aika lyheni muutamaan "
            "minuuttiin. Palvelu liitetään museon omaan kokoelmatietokantaan avoimen "
            "rajapinnan kautta. Hintaan sisältyvät käyttöönotto ja ylläpito.",
            "Testad på Esbo stadsmuseum med 20 000 bilder. Antalet sökningar sexdubblades under "
            "piloten, och tiden det tar att hitta en bild sjönk till några minuter. Tjänsten "
            "kopplas till museets egen samlingsdatabas via ett öppet gränssnitt. I priset ingår "
            "införande och underhåll.",
            "Piloted at the Espoo City Museum with 20,000 photographs. Searches grew sixfold "
            "during the pilot, and the time to find a photo fell to a few minutes. The service "
            "connects to the museum's own collections database through an open interface. "
            "The price includes set-up and maintenance.",
        ),
        "providers": [AALTO, MUSEOTECH, KAMU],
        "groups": ["researchers", "schools"],
        "themes": ["digital", "learning"],
        "cities": ["espoo", "tampere"],
        "languages": ["fi", "sv", "en"],
        "price_model": PriceModel.SUBSCRIPTION,
    },
    {
        "slug": "kuvien-tunnistustalkoot",
        "pilot": "tunnistustalkoot",
        "language": "fi",
        "title": (
            "Kuvien tunnistustalkoot",
            "Bildtalko för museer",
            "Photo identification sessions",
        ),
        "summary": (
            "Talkoot, joissa asukkaat tunnistavat museon vanhojen kuvien paikkoja ja ihmisiä. "
            "Tutkijat tarkistavat tiedot ennen julkaisua.",
            "Talko där invånarna identifierar platser och personer på museets gamla bilder. "
            "Forskare kontrollerar uppgifterna före publiceringen.",
            "Sessions where residents identify the places and people in a museum's old "
            "photographs. Researchers check the details before they are published.",
        ),
        "description": (
            "Pilotissa Sellon kirjastossa tunnistettiin yli 400 kuvaa neljissä talkoissa. "
            "Tarjoamme talkoiden ohjelman, vapaaehtoisten perehdytyksen ja tietojen "
            "tarkistuksen. Sopii kirjastoille, museoille ja kotiseutuyhdistyksille.",
            "I piloten på Sellobiblioteket identifierades över 400 bilder under fyra talkon. "
            "Vi erbjuder program för talkona, introduktion för frivilliga och kontroll av "
            "uppgifterna. Passar bibliotek, museer och hembygdsföreningar.",
            "In the pilot at Sello library over 400 photographs were identified in four "
            "sessions. We offer the programme, an introduction for volunteers and checking of "
            "the details. Suits libraries, museums and local heritage societies.",
        ),
        "providers": [ESPOO_SEURA, TAMPERE_RESEARCH],
        "groups": ["seniors", "researchers"],
        "themes": ["learning", "outreach"],
        "cities": ["espoo", "tampere"],
        "languages": ["fi", "sv"],
        "price_model": PriceModel.NEGOTIABLE,
    },
    {
        "slug": "kuvailutulkatut-opastukset",
        "pilot": None,
        "language": "fi",
        "title": (
            "Kuvailutulkatut opastukset",
            "Syntolkade guidningar",
            "Audio-described guided tours",
        ),
        "summary": (
            "Opastus, jossa kuvailutulkki kertoo, miltä näyttelyn esineet ja tilat näyttävät. "
            "Sopii näkövammaisille ja kaikille, jotka haluavat kuunnella.",
            "En guidning där en syntolk berättar hur föremålen och rummen i utställningen ser "
            "ut. Passar synskadade och alla som vill lyssna.",
            "A tour in which an audio describer tells what the objects and rooms of the "
            "exhibition look like. For visually impaired visitors and anyone who likes to "
            "listen.",
        ),
        "description": (
            "Käytössä Tampereen museoissa vuodesta 2025. Teemme kuvailut yhdessä museon "
            "oppaiden kanssa ja koulutamme oppaat. Opastuksia saa suomeksi ja ruotsiksi.",
            "I bruk på Tammerfors museer sedan 2025. Vi gör beskrivningarna tillsammans med "
            "museets guider och utbildar guiderna. Guidningar finns på finska och svenska.",
            "In use at the Tampere museums since 2025. We write the descriptions with the "
            "museum's guides and train them. Tours are available in Finnish and Swedish.",
        ),
        "providers": [KUULOKUVA, SAAVUTETTAVA],
        "groups": ["seniors", "remote", "tourists"],
        "themes": ["accessibility"],
        "cities": ["helsinki", "tampere", "espoo"],
        "languages": ["fi", "sv"],
        "price_model": PriceModel.PER_USE,
    },
    {
        "slug": "virtual-museum-visits",
        "pilot": None,
        "language": "en",
        "title": (
            "Virtuaaliset museokäynnit kotiin",
            "Virtuella museibesök hemma",
            "Virtual museum visits at home",
        ),
        "summary": (
            "Opastettu virtuaalikäynti museossa tietokoneella, tabletilla tai VR-laseilla. "
            "Opas on mukana etäyhteydellä.",
            "Ett guidat virtuellt besök i museet på dator, surfplatta eller med VR-glasögon. "
            "Guiden är med på distans.",
            "A guided virtual visit to the museum on a computer, a tablet or a VR headset, "
            "with a guide taking part remotely.",
        ),
        "description": (
            "Käytössä Pohjois-Pohjanmaan museossa Oulussa vuodesta 2024. Skannaamme "
            "näyttelyn 3D-malliksi ja koulutamme museon oppaat. Sopii palvelutaloille ja "
            "kotihoidolle.",
            "I bruk på Norra Österbottens museum i Uleåborg sedan 2024. Vi skannar "
            "utställningen till en 3D-modell och utbildar museets guider. Passar servicehus "
            "och hemvården.",
            "In use at the Museum of Northern Ostrobothnia in Oulu since 2024. We scan the "
            "exhibition into a 3D model and train the museum's guides. Suits sheltered housing "
            "and home care.",
        ),
        "providers": [POHJOINEN, AALTO],
        "groups": ["remote", "seniors"],
        "themes": ["digital", "outreach"],
        "cities": ["oulu", "espoo"],
        "languages": ["fi", "en"],
        "price_model": PriceModel.SUBSCRIPTION,
    },
    {
        "slug": "selkokieliset-nayttelytekstit",
        "pilot": None,
        "language": "fi",
        "title": (
            "Selkokieliset näyttelytekstit",
            "Utställningstexter på lättläst språk",
            "Easy-to-read exhibition texts",
        ),
        "summary": (
            "Kirjoitamme näyttelyn tekstit selkosuomeksi ja selkoruotsiksi ja testaamme ne "
            "lukijoiden kanssa.",
            "Vi skriver utställningens texter på lättläst finska och svenska och testar dem "
            "med läsare.",
            "We write an exhibition's texts in Easy Finnish and Easy Swedish and test them "
            "with readers.",
        ),
        "description": (
            "Käytössä Vantaan kaupunginmuseossa. Selkotekstit auttavat Suomeen muuttaneita, "
            "lapsia ja kaikkia, joille pitkät tekstit ovat raskaita. Hinta sovitaan "
            "näyttelyn koon mukaan.",
            "I bruk på Vanda stadsmuseum. Lättlästa texter hjälper nyinflyttade, barn och alla "
            "som tycker att långa texter är tunga. Priset beror på utställningens storlek.",
            "In use at the Vantaa City Museum. Easy-to-read texts help newcomers, children and "
            "anyone who finds long texts hard going. The price depends on the size of the "
            "exhibition.",
        ),
        "providers": [SAAVUTETTAVA, VANTAA],
        "groups": ["newcomers", "families", "tourists"],
        "themes": ["accessibility", "learning"],
        "cities": ["vantaa", "turku", "espoo"],
        "languages": ["fi", "sv"],
        "price_model": PriceModel.FIXED,
    },
]


def texts(triple, original: str, fields: tuple[str, ...]):
    """(original text, translations) from (fi, sv, en) tuples, one per field."""
    by_language = {code: [t[i] for t in triple] for i, code in enumerate(LANGUAGES)}
    original_texts = by_language[original]
    translations = {
        code: dict(zip(fields, values, strict=True))
        for code, values in by_language.items()
        if code != original
    }
    return original_texts, translations
