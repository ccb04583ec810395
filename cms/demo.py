"""Demo content of the cms: home, information pages, the museum's customer groups and themes,
and six Espoo City Museum challenges (one in each phase) in Finnish, Swedish and English.

Idempotent by slug: a second run finds everything and changes nothing. Pages are published
through revisions; translations are made with `copy_for_translation`, as the admin does.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from partners import notices as following
from partners.demo import ACCOUNTS
from partners.models import User

from .models import (
    ChallengeIndexPage,
    ChallengePage,
    CustomerGroup,
    EvaluationCriterion,
    HomePage,
    StandardPage,
    Theme,
)
from .workflows import assign_challenge_workflow

LANGUAGES = ("fi", "sv", "en")


# --- Content ------------------------------------------------------------------------------

HOME = {
    "fi": {
        "title": "Tori",
        "intro": "<p>Tori on Espoon kaupunginmuseon avoimen innovaation verkkopalvelu. Museo julkaisee "
        "palveluhaasteita, ja yritykset, tutkimusryhmät ja yhdistykset kehittävät niihin "
        "ratkaisuja yhdessä asukkaiden kanssa. Parhaita ideoita kokeillaan, ja toimivat palvelut "
        "julkaistaan luettelossa muiden kaupunkien käyttöön.</p>",
    },
    "sv": {
        "title": "Tori",
        "intro": "<p>Tori är Esbo stadsmuseums webbtjänst för öppen innovation. Museet "
        "publicerar tjänsteutmaningar, och företag, forskargrupper och föreningar utvecklar "
        "lösningar tillsammans med invånarna. De bästa idéerna piloteras och tjänster som "
        "fungerar publiceras i en katalog som andra städer kan använda.</p>",
    },
    "en": {
        "title": "Tori",
        "intro": "<p>Tori is the Espoo City Museum's open-innovation web service. The museum "
        "publishes service challenges; companies, research groups and associations develop "
        "solutions together with residents. The best ideas are piloted, and services that work "
        "are published in a catalogue that other cities can reuse.</p>",
    },
}

INDEX = {
    "fi": {
        "title": "Haasteet",
        "slug": "haasteet",
        "intro": "<p>Espoon kaupunginmuseon avoimet palveluhaasteet. Suodata vaiheen, "
        "asiakasryhmän tai teeman mukaan.</p>",
    },
    "sv": {
        "title": "Utmaningar",
        "slug": "utmaningar",
        "intro": "<p>Esbo stadsmuseums öppna tjänsteutmaningar. Filtrera efter fas, "
        "kundgrupp eller tema.</p>",
    },
    "en": {
        "title": "Challenges",
        "slug": "challenges",
        "intro": "<p>The Espoo City Museum's open service challenges. Filter by phase, customer "
        "group or theme.</p>",
    },
}

# slug: {language: (name, description, needs)}
CUSTOMER_GROUPS = {
    "families": {
        "fi": (
            "Lapsiperheet",
            "Perheet, joissa on alle kouluikäisiä ja kouluikäisiä lapsia.",
            "Tekemistä eri-ikäisille lapsille samaan aikaan, lastenvaunuilla kulkeminen, "
            "taukopaikat ja eväiden syöminen, lyhyet ja toiminnalliset sisällöt.",
        ),
        "sv": (
            "Barnfamiljer",
            "Familjer med barn under skolåldern och i skolåldern.",
            "Aktiviteter för barn i olika åldrar samtidigt, tillgänglighet med barnvagn, "
            "pausplatser och möjlighet att äta matsäck, korta och aktiverande innehåll.",
        ),
        "en": (
            "Families with children",
            "Families with children under school age and of school age.",
            "Things to do for children of different ages at once, access with prams, places to "
            "rest and eat a packed lunch, short and hands-on content.",
        ),
    },
    "seniors": {
        "fi": (
            "Ikääntyneet",
            "Eläkeikäiset espoolaiset, myös kotona asuvat ja palvelutaloissa asuvat.",
            "Selkeät ja rauhalliset sisällöt, istumapaikat, hyvä kuuluvuus ja luettavuus, "
            "yhteisöllisyys ja mahdollisuus osallistua myös kotoa.",
        ),
        "sv": (
            "Äldre",
            "Esbobor i pensionsåldern, också de som bor hemma eller på servicehus.",
            "Tydligt och lugnt innehåll, sittplatser, god hörbarhet och läsbarhet, gemenskap "
            "och möjlighet att delta också hemifrån.",
        ),
        "en": (
            "Seniors",
            "Retired Espoo residents, including those living at home or in sheltered housing.",
            "Clear and calm content, places to sit, good audibility and legibility, company "
            "and a way to take part from home too.",
        ),
    },
    "schools": {
        "fi": (
            "Koulut ja opettajat",
            "Espoon peruskoulut, lukiot ja niiden opettajat.",
            "Opetussuunnitelmaan sopivat sisällöt, helppo varaaminen, etäyhteydet luokkaan ja "
            "valmiit tehtävät ennen ja jälkeen vierailun.",
        ),
        "sv": (
            "Skolor och lärare",
            "Esbos grundskolor, gymnasier och deras lärare.",
            "Innehåll som passar läroplanen, enkel bokning, distansförbindelse till klassen och "
            "färdiga uppgifter före och efter besöket.",
        ),
        "en": (
            "Schools and teachers",
            "Espoo's comprehensive and upper secondary schools and their teachers.",
            "Content that fits the curriculum, easy booking, remote connections to the "
            "classroom and ready-made tasks before and after a visit.",
        ),
    },
    "tourists": {
        "fi": (
            "Matkailijat",
            "Koti- ja ulkomaiset matkailijat, jotka vierailevat Espoossa.",
            "Tietoa useilla kielillä, helppo löydettävyys, lyhyet vierailut ja yhteys muihin "
            "alueen kohteisiin.",
        ),
        "sv": (
            "Turister",
            "Inhemska och utländska turister som besöker Esbo.",
            "Information på flera språk, lätt att hitta, korta besök och koppling till andra "
            "besöksmål i regionen.",
        ),
        "en": (
            "Tourists",
            "Domestic and international visitors to Espoo.",
            "Information in several languages, easy to find, short visits and links to other "
            "sights in the region.",
        ),
    },
    "researchers": {
        "fi": (
            "Opiskelijat ja tutkijat",
            "Korkeakouluopiskelijat ja tutkijat, jotka käyttävät museon kokoelmia ja arkistoja.",
            "Kokoelmatietojen saatavuus verkossa, kuvien käyttöoikeudet, hakutyökalut ja "
            "asiantuntijoiden tavoitettavuus.",
        ),
        "sv": (
            "Studerande och forskare",
            "Högskolestuderande och forskare som använder museets samlingar och arkiv.",
            "Samlingsdata tillgängliga på nätet, bildrättigheter, sökverktyg och kontakt med "
            "sakkunniga.",
        ),
        "en": (
            "Students and researchers",
            "University students and researchers who use the museum's collections and archives.",
            "Collection data online, image rights, search tools and access to the museum's "
            "experts.",
        ),
    },
    "remote": {
        "fi": (
            "Ne, jotka eivät pääse paikan päälle",
            "Ihmiset, jotka eivät sairauden, liikkumisen, etäisyyden tai muun syyn vuoksi voi "
            "käydä museossa.",
            "Museosisällöt kotiin, saavutettavat verkkopalvelut, avustettu osallistuminen ja "
            "mahdollisuus olla vuorovaikutuksessa oppaan kanssa.",
        ),
        "sv": (
            "De som inte kan komma på plats",
            "Personer som på grund av sjukdom, rörlighet, avstånd eller annat inte kan besöka "
            "museet.",
            "Museiinnehåll hem, tillgängliga webbtjänster, assisterat deltagande och möjlighet "
            "att samtala med en guide.",
        ),
        "en": (
            "People who cannot visit in person",
            "People who cannot come to the museum because of illness, mobility, distance or "
            "other reasons.",
            "Museum content at home, accessible online services, assisted participation and a "
            "chance to talk with a guide.",
        ),
    },
    "newcomers": {
        "fi": (
            "Suomeen muuttaneet",
            "Espooseen muuttaneet ihmiset, joiden kotikieli on muu kuin suomi tai ruotsi.",
            "Sisällöt omalla kielellä ja selkosuomeksi, tietoa paikallishistoriasta ja "
            "kulttuurista, matala kynnys tulla museoon.",
        ),
        "sv": (
            "Nyinflyttade till Finland",
            "Personer som flyttat till Esbo och vars hemspråk är något annat än finska eller "
            "svenska.",
            "Innehåll på det egna språket och på lättläst finska, information om lokalhistoria "
            "och kultur, en låg tröskel att komma till museet.",
        ),
        "en": (
            "Newcomers to Finland",
            "People who have moved to Espoo and whose home language is not Finnish or Swedish.",
            "Content in their own language and in Easy Finnish, local history and culture, a "
            "low threshold to visit the museum.",
        ),
    },
}

THEMES = {
    "digital": {
        "fi": ("Digitaaliset elämykset", "Verkossa ja laitteilla koettavat museosisällöt."),
        "sv": ("Digitala upplevelser", "Museiinnehåll som upplevs på nätet och med enheter."),
        "en": ("Digital experiences", "Museum content experienced online and on devices."),
    },
    "accessibility": {
        "fi": ("Saavutettavuus", "Museo, johon jokainen pääsee ja jota jokainen voi käyttää."),
        "sv": ("Tillgänglighet", "Ett museum som alla kan nå och använda."),
        "en": ("Accessibility", "A museum everyone can reach and use."),
    },
    "learning": {
        "fi": ("Oppiminen", "Museo oppimisympäristönä kaikenikäisille."),
        "sv": ("Lärande", "Museet som lärmiljö för alla åldrar."),
        "en": ("Learning", "The museum as a place of learning for all ages."),
    },
    "family-weekends": {
        "fi": ("Perheviikonloput", "Viikonlopputoimintaa koko perheelle."),
        "sv": ("Familjehelger", "Helgaktiviteter för hela familjen."),
        "en": ("Family weekends", "Weekend activities for the whole family."),
    },
    "outreach": {
        "fi": ("Jalkautuminen", "Museo menee sinne, missä ihmiset ovat."),
        "sv": ("Uppsökande verksamhet", "Museet går dit människorna finns."),
        "en": ("Outreach", "The museum goes where people are."),
    },
}


def _p(text: str) -> tuple:
    return ("paragraph", RichText(f"<p>{text}</p>"))


def _h(text: str) -> tuple:
    return ("heading", {"text": text, "level": "h2"})


# Each challenge: its phase at seed time, settings, taxonomy, and text per language.
CHALLENGES = [
    {
        "slug": "museokaynti-kotisohvalta",
        "phase": "proposals",
        "voting": True,
        "budget_eur": 40000,
        "pilot_length_weeks": 12,
        "individuals_may_submit": True,
        "groups": ["seniors", "remote"],
        "themes": ["digital", "accessibility", "outreach"],
        "criteria_weights": [3, 2, 1],
        "fi": {
            "title": "Digitaaliset museokäynnit kotona asuville ikääntyneille",
            "summary": "Miten kotona asuva ikääntynyt, joka ei enää pääse museoon, voisi kokea "
            "näyttelyt, keskustella oppaan kanssa ja tavata muita museosta kiinnostuneita?",
            "body": [
                _h("Tausta"),
                _p(
                    "Moni pitkäaikainen museokävijä ei enää pääse KAMUun Tapiolaan. "
                    "Kotihoidon asiakkaat ja palvelutalojen asukkaat kertovat kaipaavansa sekä "
                    "näyttelyitä että yhteisiä keskusteluja."
                ),
                _p(
                    "Etsimme palvelua, joka toimii tabletilla tai television kautta ilman omaa "
                    "teknistä osaamista, ja jossa opas on mukana elävänä ihmisenä."
                ),
            ],
            "criteria": [
                ("Vaikuttavuus ikääntyneille", "Kuinka hyvin ratkaisu vähentää yksinäisyyttä."),
                ("Helppokäyttöisyys", "Toimiiko ratkaisu ilman teknistä osaamista?"),
                ("Kustannukset", "Käyttökustannukset kävijää kohden."),
            ],
        },
        "sv": {
            "title": "Digitala museibesök för äldre som bor hemma",
            "summary": "Hur kan en äldre person som bor hemma och inte längre kan ta sig till "
            "museet uppleva utställningarna, samtala med en guide och träffa andra?",
            "body": [
                _h("Bakgrund"),
                _p(
                    "Många trogna museibesökare kan inte längre ta sig till KAMU i Hagalund. "
                    "Hemvårdens klienter och invånare på servicehus saknar både utställningar "
                    "och samtal."
                ),
                _p(
                    "Vi söker en tjänst som fungerar på surfplatta eller tv utan egen teknisk "
                    "kunskap, med en guide som är med som en levande människa."
                ),
            ],
            "criteria": [
                ("Effekt för äldre", "Hur väl lösningen minskar ensamhet."),
                ("Användbarhet", "Fungerar lösningen utan teknisk kunskap?"),
                ("Kostnader", "Driftskostnad per besökare."),
            ],
        },
        "en": {
            "title": "Digital museum visits for seniors at home",
            "summary": "How could an older person living at home, who can no longer come to the "
            "museum, experience the exhibitions, talk with a guide and meet other people?",
            "body": [
                _h("Background"),
                _p(
                    "Many long-time visitors can no longer get to KAMU in Tapiola. Home care "
                    "clients and residents of sheltered housing tell us they miss both the "
                    "exhibitions and the conversations."
                ),
                _p(
                    "We are looking for a service that works on a tablet or a television without "
                    "technical skills, with a guide taking part as a real person."
                ),
            ],
            "criteria": [
                ("Impact for seniors", "How well the solution reduces loneliness."),
                ("Ease of use", "Does it work without technical skills?"),
                ("Costs", "Running costs per visitor."),
            ],
        },
    },
    {
        "slug": "perheviikonloput",
        "phase": "voting",
        "voting": True,
        "budget_eur": 25000,
        "pilot_length_weeks": 8,
        "individuals_may_submit": True,
        "groups": ["families"],
        "themes": ["family-weekends", "learning"],
        "criteria_weights": [2, 2, 1],
        "fi": {
            "title": "Perheviikonloput museossa",
            "summary": "Millainen viikonlopputoiminta saisi lapsiperheet viettämään museossa "
            "koko päivän – niin, että sekä taaperot että koululaiset viihtyvät?",
            "body": [
                _h("Mitä haemme"),
                _p(
                    "Toimintaa, joka sopii samanaikaisesti eri-ikäisille lapsille ja heidän "
                    "aikuisilleen, tukee museon näyttelyitä ja toimii myös ilman varausta."
                ),
                _p("Asukkaat äänestävät suosikkejaan ennen asiantuntija-arviointia."),
            ],
            "criteria": [
                ("Perheiden kiinnostus", "Asukasäänet ja kävijäarviot."),
                ("Yhteys näyttelyihin", "Tukeeko toiminta museon sisältöjä?"),
                ("Toteutettavuus", "Henkilöstön ja tilojen tarve."),
            ],
        },
        "sv": {
            "title": "Familjehelger på museet",
            "summary": "Vilka helgaktiviteter skulle få barnfamiljer att tillbringa en hel dag "
            "på museet – så att både småbarn och skolbarn trivs?",
            "body": [
                _h("Vad vi söker"),
                _p(
                    "Aktiviteter som samtidigt passar barn i olika åldrar och deras vuxna, stöder "
                    "museets utställningar och fungerar också utan bokning."
                ),
                _p("Invånarna röstar på sina favoriter före expertbedömningen."),
            ],
            "criteria": [
                ("Familjernas intresse", "Invånarnas röster och besökarnas omdömen."),
                ("Koppling till utställningarna", "Stöder aktiviteten museets innehåll?"),
                ("Genomförbarhet", "Behov av personal och lokaler."),
            ],
        },
        "en": {
            "title": "Family weekends at the museum",
            "summary": "What weekend activities would make families spend a whole day at the "
            "museum – with toddlers and school children both enjoying it?",
            "body": [
                _h("What we are looking for"),
                _p(
                    "Activities that suit children of different ages and their adults at the same "
                    "time, support the museum's exhibitions and work without booking."
                ),
                _p("Residents vote for their favourites before the expert evaluation."),
            ],
            "criteria": [
                ("Families' interest", "Resident votes and visitor ratings."),
                ("Link to the exhibitions", "Does the activity support the museum's content?"),
                ("Feasibility", "Staff and space needed."),
            ],
        },
    },
    {
        "slug": "etaoppitunnit-kouluille",
        "phase": "evaluation",
        "voting": False,
        "budget_eur": 30000,
        "pilot_length_weeks": 16,
        "individuals_may_submit": False,
        "groups": ["schools"],
        "themes": ["learning", "digital", "outreach"],
        "criteria_weights": [3, 2, 2],
        "fi": {
            "title": "Etäoppitunnit kouluille",
            "summary": "Museopedagogin vetämä oppitunti suoraan luokkaan: miten Espoon koulut "
            "voisivat käyttää museon kokoelmia opetuksessa ilman bussimatkaa?",
            "body": [
                _h("Tavoite"),
                _p(
                    "Jokainen espoolainen alakoululainen kohtaa paikallishistorian museon "
                    "esineiden kautta vähintään kerran vuodessa."
                ),
                _p(
                    "Ratkaisun tulee toimia koulujen nykyisillä laitteilla ja sisältää "
                    "opettajan materiaalit ennen ja jälkeen tunnin."
                ),
            ],
            "criteria": [
                ("Pedagoginen laatu", "Sopivuus opetussuunnitelmaan."),
                ("Tekninen toimivuus", "Toimii koulujen laitteilla."),
                ("Skaalautuvuus", "Kuinka moni luokka voi osallistua."),
            ],
        },
        "sv": {
            "title": "Distanslektioner för skolor",
            "summary": "En lektion ledd av en museipedagog direkt i klassrummet: hur skulle Esbos "
            "skolor kunna använda museets samlingar i undervisningen utan bussresa?",
            "body": [
                _h("Mål"),
                _p(
                    "Varje lågstadieelev i Esbo möter lokalhistorien genom museets föremål minst "
                    "en gång om året."
                ),
                _p(
                    "Lösningen ska fungera med skolornas nuvarande apparater och innehålla "
                    "material för läraren före och efter lektionen."
                ),
            ],
            "criteria": [
                ("Pedagogisk kvalitet", "Hur väl den passar läroplanen."),
                ("Teknisk funktion", "Fungerar med skolornas apparater."),
                ("Skalbarhet", "Hur många klasser kan delta."),
            ],
        },
        "en": {
            "title": "Remote lessons for schools",
            "summary": "A lesson led by a museum educator straight into the classroom: how could "
            "Espoo's schools use the museum's collections without a bus trip?",
            "body": [
                _h("Goal"),
                _p(
                    "Every primary school pupil in Espoo meets local history through the "
                    "museum's objects at least once a year."
                ),
                _p(
                    "The solution must work on the schools' current devices and include "
                    "material for the teacher before and after the lesson."
                ),
            ],
            "criteria": [
                ("Teaching quality", "Fit with the curriculum."),
                ("Technical reliability", "Works on the schools' devices."),
                ("Scalability", "How many classes can take part."),
            ],
        },
    },
    {
        "slug": "monikielinen-opas",
        "phase": "upcoming",
        "voting": True,
        "budget_eur": 35000,
        "pilot_length_weeks": 12,
        "individuals_may_submit": True,
        "groups": ["newcomers", "tourists"],
        "themes": ["accessibility", "digital"],
        "criteria_weights": [2, 2, 1],
        "fi": {
            "title": "Monikielinen museo-opas Suomeen muuttaneille",
            "summary": "Opas, joka kertoo Espoon historiasta arabiaksi, venäjäksi, somaliksi, "
            "ukrainaksi ja selkosuomeksi – ja kutsuu tulemaan museoon uudelleen.",
            "body": [
                _h("Miksi"),
                _p(
                    "Espoossa puhutaan yli sataa kieltä, mutta museon opastukset ovat suomeksi, "
                    "ruotsiksi ja englanniksi. Uudet espoolaiset kertovat, ettei museo tunnu "
                    "heidän paikaltaan."
                ),
                _p("Toivomme ratkaisuja, jotka on suunniteltu yhdessä kieliyhteisöjen kanssa."),
            ],
            "criteria": [
                ("Yhteiskehittäminen", "Kieliyhteisöjen osallisuus suunnittelussa."),
                ("Kielten kattavuus", "Kuinka monta kieltä ja kuinka hyvin."),
                ("Ylläpidettävyys", "Sisällön päivittämisen helppous."),
            ],
        },
        "sv": {
            "title": "Flerspråkig museiguide för nyinflyttade",
            "summary": "En guide som berättar om Esbos historia på arabiska, ryska, somaliska, "
            "ukrainska och lättläst finska – och bjuder in till nya besök.",
            "body": [
                _h("Varför"),
                _p(
                    "I Esbo talas över hundra språk, men museets guidningar är på finska, svenska "
                    "och engelska. Nya esbobor säger att museet inte känns som deras plats."
                ),
                _p("Vi hoppas på lösningar som planeras tillsammans med språkgemenskaperna."),
            ],
            "criteria": [
                ("Samutveckling", "Språkgemenskapernas delaktighet i planeringen."),
                ("Språklig täckning", "Hur många språk och hur väl."),
                ("Underhåll", "Hur lätt innehållet uppdateras."),
            ],
        },
        "en": {
            "title": "A multilingual museum guide for newcomers",
            "summary": "A guide that tells Espoo's history in Arabic, Russian, Somali, Ukrainian "
            "and Easy Finnish – and invites people to come back.",
            "body": [
                _h("Why"),
                _p(
                    "More than a hundred languages are spoken in Espoo, yet the museum's tours are "
                    "in Finnish, Swedish and English. New residents tell us the museum does not "
                    "feel like their place."
                ),
                _p("We hope for solutions designed together with the language communities."),
            ],
            "criteria": [
                ("Co-design", "How the language communities take part in the design."),
                ("Language coverage", "How many languages, and how well."),
                ("Maintainability", "How easily the content is kept up to date."),
            ],
        },
    },
    {
        "slug": "kosketeltavat-kokoelmat",
        "phase": "piloting",
        "voting": True,
        "budget_eur": 20000,
        "pilot_length_weeks": 10,
        "individuals_may_submit": False,
        "groups": ["remote", "families", "seniors"],
        "themes": ["accessibility", "learning"],
        "criteria_weights": [3, 1, 1],
        "fi": {
            "title": "Kosketeltavat kokoelmat näkövammaisille kävijöille",
            "summary": "3D-tulostetut esinekopiot ja äänikuvaukset, joiden avulla näkövammaiset "
            "kävijät voivat tutustua museon aarteisiin kosketellen.",
            "body": [
                _h("Pilotit käynnissä"),
                _p(
                    "Kaksi ehdotusta valittiin pilotoitaviksi. Kymmenen esineen kosketeltavat "
                    "kopiot ja äänikuvaukset ovat pilotissa KAMUn perusnäyttelyssä "
                    "WeeGee-talossa Tapiolassa, ja kosketuslaukku tulee pian lainattavaksi "
                    "Sellon kirjastoon Leppävaaraan."
                ),
                _p(
                    "Kerro kokemuksistasi pilotin sivulla. Palautteesi vaikuttaa siihen, "
                    "jäävätkö kopiot pysyvästi näyttelyyn."
                ),
            ],
            "criteria": [
                ("Saavutettavuus", "Näkövammaisten kävijöiden arviot."),
                ("Kestävyys", "Kopioiden kestävyys käytössä."),
                ("Hinta", "Hankinta- ja ylläpitokustannukset."),
            ],
        },
        "sv": {
            "title": "Samlingar att röra vid för synskadade besökare",
            "summary": "3D-utskrivna kopior av föremål och ljudbeskrivningar som låter synskadade "
            "besökare lära känna museets skatter genom att känna på dem.",
            "body": [
                _h("Piloterna pågår"),
                _p(
                    "Två förslag valdes ut för piloter. Kopior av tio föremål att röra vid och "
                    "ljudbeskrivningar testas i KAMU:s basutställning i WeeGee-huset i Hagalund, "
                    "och väskan med föremål kan snart lånas på Sellobiblioteket i Alberga."
                ),
                _p(
                    "Berätta om dina erfarenheter på pilotens sida. Din respons påverkar om "
                    "kopiorna blir kvar i utställningen för gott."
                ),
            ],
            "criteria": [
                ("Tillgänglighet", "Synskadade besökares omdömen."),
                ("Hållbarhet", "Hur kopiorna håller i bruk."),
                ("Pris", "Anskaffnings- och underhållskostnader."),
            ],
        },
        "en": {
            "title": "Touchable collections for visually impaired visitors",
            "summary": "3D-printed copies of objects and audio descriptions that let visually "
            "impaired visitors explore the museum's treasures by touch.",
            "body": [
                _h("Pilots under way"),
                _p(
                    "Two proposals were selected for pilots. Touchable replicas of ten objects "
                    "and audio descriptions are being tried out in KAMU's main exhibition in the "
                    "WeeGee building in Tapiola, and the touch bag will soon be on loan at Sello "
                    "library in Leppävaara."
                ),
                _p(
                    "Tell us how they work for you on the pilot's page. Your feedback helps "
                    "decide whether the replicas stay in the exhibition for good."
                ),
            ],
            "criteria": [
                ("Accessibility", "Ratings by visually impaired visitors."),
                ("Durability", "How the copies hold up in use."),
                ("Price", "Purchase and maintenance costs."),
            ],
        },
    },
    {
        "slug": "valokuva-arkisto-tutkijoille",
        "phase": "closed",
        "voting": True,
        "budget_eur": 15000,
        "pilot_length_weeks": 6,
        "individuals_may_submit": False,
        "groups": ["researchers"],
        "themes": ["digital", "learning"],
        "criteria_weights": [2, 1, 1],
        "fi": {
            "title": "Valokuva-arkisto opiskelijoiden ja tutkijoiden käyttöön",
            "summary": "Miten museon 200 000 kuvan arkisto saadaan haettavaksi verkossa niin, "
            "että käyttöoikeudet ovat selvät?",
            "body": [
                _h("Tulokset"),
                _p(
                    "Haaste on päättynyt, ja sen kolme pilottia on tehty. Kuvahaku avasi 20 000 "
                    "kuvaa verkkoon, ja se otettiin pysyvästi käyttöön. Tunnistustalkoissa Sellon "
                    "kirjastossa asukkaat tunnistivat satoja kuvia, ja talkoot jatkuvat kerran "
                    "kuussa. Käyttöoikeusmerkintöjen vaikutusta arvioidaan vielä."
                ),
                _p(
                    "Asukkaat äänestivät ehdotuksista verkossa, museon kioskilla ja QR-koodilla. "
                    "Äänestäjät asiakasryhmittäin näkyvät alempana tällä sivulla."
                ),
                _p(
                    "Hakupalvelu ja tunnistustalkoot ovat nyt palveluluettelossa muidenkin "
                    "museoiden käytettävissä."
                ),
            ],
            "criteria": [
                ("Hakujen laatu", "Löytyvätkö kuvat asiasanoilla ja paikoilla?"),
                ("Oikeuksien hallinta", "Käyttöoikeuksien selkeys."),
                ("Avoimuus", "Avoimet rajapinnat ja tiedostomuodot."),
            ],
        },
        "sv": {
            "title": "Fotoarkivet för studerande och forskare",
            "summary": "Hur görs museets arkiv med 200 000 bilder sökbart på nätet så att "
            "användningsrättigheterna är tydliga?",
            "body": [
                _h("Resultat"),
                _p(
                    "Utmaningen har avslutats och dess tre piloter har genomförts. Bildsökningen "
                    "lade ut 20 000 bilder på nätet och togs i permanent bruk. På bildtalkona på "
                    "Sellobiblioteket identifierade invånarna hundratals bilder, och talkona "
                    "fortsätter en gång i månaden. Effekten av märkningen av användningsrätt "
                    "utvärderas ännu."
                ),
                _p(
                    "Invånarna röstade på förslagen på nätet, vid museets kiosk och med QR-kod. "
                    "Röstarna per kundgrupp visas längre ner på sidan."
                ),
                _p("Söktjänsten och bildtalkona finns nu i katalogen för andra museer."),
            ],
            "criteria": [
                ("Sökkvalitet", "Hittas bilderna med ämnesord och platser?"),
                ("Rättighetshantering", "Tydliga användningsrättigheter."),
                ("Öppenhet", "Öppna gränssnitt och filformat."),
            ],
        },
        "en": {
            "title": "The photo archive for students and researchers",
            "summary": "How can the museum's archive of 200,000 photographs be searchable online "
            "with clear usage rights?",
            "body": [
                _h("Results"),
                _p(
                    "The challenge has ended and its three pilots are done. The photo search put "
                    "20,000 photographs online and was adopted for good. At the identification "
                    "sessions at Sello library residents identified hundreds of photos, and the "
                    "sessions go on once a month. The effect of the usage rights labels is still "
                    "being evaluated."
                ),
                _p(
                    "Residents voted on the proposals online, at the museum's kiosk and by QR "
                    "code. Who voted, by customer group, is shown further down this page."
                ),
                _p(
                    "The search service and the identification sessions are now in the catalogue "
                    "for other museums too."
                ),
            ],
            "criteria": [
                ("Search quality", "Can photos be found by subject and place?"),
                ("Rights management", "Clear usage rights."),
                ("Openness", "Open interfaces and file formats."),
            ],
        },
    },
]


def _accessibility_pages() -> dict:
    email = settings.ACCESSIBILITY_FEEDBACK_EMAIL
    return {
        "fi": {
            "title": "Saavutettavuusseloste",
            "slug": "saavutettavuusseloste",
            "summary": "Tämä seloste koskee Tori-palvelua, jota ylläpitää Espoon kaupunginmuseo.",
            "body": [
                _p(
                    "Espoon kaupunginmuseo pyrkii takaamaan Tori-verkkopalvelun saavutettavuuden "
                    "digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) mukaisesti. "
                    "Palvelu on tarkoitettu täyttämään WCAG 2.1 -ohjeiston AA-tason vaatimukset."
                ),
                _h("Saavutettavuuden tila"),
                _p(
                    "Palvelu täyttää saavutettavuusvaatimukset osittain. Alla luetellut "
                    "puutteet korjataan sitä mukaa kuin ne havaitaan."
                ),
                _h("Tunnetut puutteet"),
                _p(
                    "Kaikille museon vanhoille valokuville ja liitetiedostoille (PDF) ei vielä "
                    "ole tekstivastinetta. Upotetuista videoista osa on ilman tekstityksiä. "
                    "Käyttäjien lähettämien ehdotusten liitteiden saavutettavuutta emme pysty "
                    "takaamaan."
                ),
                _h("Anna palautetta"),
                _p(
                    f"Huomasitko saavutettavuuspuutteen? Kerro siitä meille sähköpostilla "
                    f"{email}. Vastaamme 14 päivän kuluessa."
                ),
                _h("Valvontaviranomainen"),
                _p(
                    "Jos huomaat sivustolla saavutettavuusongelmia, anna ensin palautetta meille. "
                    "Jos et ole tyytyväinen vastaukseen tai et saa vastausta kahden viikon "
                    "kuluessa, voit tehdä ilmoituksen Liikenne- ja viestintävirasto "
                    "Traficomiin. Traficomin sivuilla (saavutettavuusvaatimukset.fi) kerrotaan, "
                    "miten ilmoituksen voi tehdä ja miten asia käsitellään."
                ),
            ],
        },
        "sv": {
            "title": "Tillgänglighetsutlåtande",
            "slug": "tillganglighetsutlatande",
            "summary": "Detta utlåtande gäller tjänsten Tori som upprätthålls av Esbo stadsmuseum.",
            "body": [
                _p(
                    "Esbo stadsmuseum strävar efter att webbtjänsten Tori ska vara tillgänglig "
                    "i enlighet med lagen om tillhandahållande av digitala tjänster (306/2019). "
                    "Tjänsten är avsedd att uppfylla kraven på nivå AA i WCAG 2.1."
                ),
                _h("Tillgänglighetens status"),
                _p(
                    "Tjänsten uppfyller tillgänglighetskraven delvis. Bristerna nedan åtgärdas "
                    "när de upptäcks."
                ),
                _h("Kända brister"),
                _p(
                    "Alla museets gamla fotografier och bifogade filer (PDF) har ännu inte "
                    "textalternativ. En del inbäddade videor saknar undertexter. Vi kan inte "
                    "garantera tillgängligheten hos bilagor som användare skickat in."
                ),
                _h("Ge respons"),
                _p(
                    f"Märkte du en brist i tillgängligheten? Berätta för oss per e-post {email}. "
                    f"Vi svarar inom 14 dagar."
                ),
                _h("Tillsynsmyndighet"),
                _p(
                    "Om du märker tillgänglighetsproblem, ge först respons till oss. Om du inte "
                    "är nöjd med svaret eller inte får svar inom två veckor kan du göra en "
                    "anmälan till Transport- och kommunikationsverket Traficom. På Traficoms "
                    "webbplats (tillganglighetskrav.fi) berättas hur du gör en anmälan och hur "
                    "ärendet behandlas."
                ),
            ],
        },
        "en": {
            "title": "Accessibility statement",
            "slug": "accessibility-statement",
            "summary": "This statement applies to the Tori service maintained by the Espoo City Museum.",
            "body": [
                _p(
                    "The Espoo City Museum aims to make the Tori web service accessible in "
                    "accordance with the Act on the Provision of Digital Services (306/2019). "
                    "The service is intended to meet level AA of WCAG 2.1."
                ),
                _h("Compliance status"),
                _p(
                    "The service partially meets the accessibility requirements. The gaps "
                    "listed below are fixed as they are found."
                ),
                _h("Known gaps"),
                _p(
                    "Not all of the museum's old photographs and attached files (PDF) have text "
                    "alternatives yet. Some embedded videos have no captions. We cannot "
                    "guarantee the accessibility of attachments sent by users."
                ),
                _h("Give feedback"),
                _p(
                    f"Did you notice an accessibility gap? Tell us by e-mail at {email}. We "
                    f"answer within 14 days."
                ),
                _h("Enforcement authority"),
                _p(
                    "If you notice accessibility problems, first give feedback to us. If you are "
                    "not satisfied with our answer, or get no answer within two weeks, you can "
                    "report it to the Finnish Transport and Communications Agency Traficom. "
                    "Traficom's website (webaccessibility.fi) explains how to report and how the "
                    "matter is handled."
                ),
            ],
        },
    }


PRIVACY = {
    "fi": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "summary": "Miten Tori käsittelee henkilötietojasi.",
        "body": [
            _h("Rekisterinpitäjä"),
            _p("Espoon kaupunki, kulttuuripalvelut / Espoon kaupunginmuseo."),
            _h("Mitä tietoja käsittelemme ja miksi"),
            _p(
                "Käsittelemme nimeäsi, sähköpostiosoitettasi, organisaatiosi tietoja sekä "
                "lähettämiäsi ehdotuksia, kommentteja, ääniä ja palautteita. Käsittelyn "
                "perusteena on yleisen edun mukainen tehtävä (palvelujen kehittäminen) ja "
                "organisaatioiden osalta sopimus."
            ),
            _h("Säilytys ja luovutukset"),
            _p(
                "Tietoja säilytetään niin kauan kuin käyttäjätilisi on voimassa ja haasteen "
                "arkistointi edellyttää. Tietoja ei luovuteta EU:n ulkopuolelle."
            ),
            _h("Oikeutesi"),
            _p(
                "Sinulla on oikeus tarkastaa ja oikaista tietosi sekä pyytää niiden poistamista. "
                "Voit tehdä valituksen tietosuojavaltuutetun toimistoon."
            ),
        ],
    },
    "sv": {
        "title": "Dataskyddsbeskrivning",
        "slug": "dataskyddsbeskrivning",
        "summary": "Hur Tori behandlar dina personuppgifter.",
        "body": [
            _h("Personuppgiftsansvarig"),
            _p("Esbo stad, kulturtjänster / Esbo stadsmuseum."),
            _h("Vilka uppgifter vi behandlar och varför"),
            _p(
                "Vi behandlar ditt namn, din e-postadress, uppgifter om din organisation samt "
                "förslag, kommentarer, röster och respons som du skickar. Grunden är en uppgift "
                "av allmänt intresse (utveckling av tjänster) och för organisationer ett avtal."
            ),
            _h("Lagring och utlämnande"),
            _p(
                "Uppgifterna sparas så länge du har ett användarkonto och arkiveringen av "
                "utmaningen kräver det. Uppgifter lämnas inte ut utanför EU."
            ),
            _h("Dina rättigheter"),
            _p(
                "Du har rätt att granska och rätta dina uppgifter och be att de raderas. Du kan "
                "lämna klagomål till dataombudsmannens byrå."
            ),
        ],
    },
    "en": {
        "title": "Privacy notice",
        "slug": "privacy-notice",
        "summary": "How Tori processes your personal data.",
        "body": [
            _h("Controller"),
            _p("City of Espoo, Cultural Services / Espoo City Museum."),
            _h("What we process and why"),
            _p(
                "We process your name, e-mail address, your organisation's details and the "
                "proposals, comments, votes and feedback you send. The legal basis is a task in "
                "the public interest (developing services) and, for organisations, a contract."
            ),
            _h("Retention and disclosure"),
            _p(
                "Data is kept while your account exists and as long as archiving the challenge "
                "requires. Data is not transferred outside the EU."
            ),
            _h("Your rights"),
            _p(
                "You may access and correct your data and ask for it to be erased. You may "
                "lodge a complaint with the Office of the Data Protection Ombudsman."
            ),
        ],
    },
}


# --- Building -----------------------------------------------------------------------------


def _schedule(phase: str, now, *, voting: bool) -> dict:
    """Dates around `now` so that the challenge is in `phase` when seeded (periods of 3 weeks)."""
    period = timedelta(days=21)
    names = ["proposals_open", "proposals_close"]
    phases = ["upcoming", "proposals"]
    if voting:
        names.append("voting_close")
        phases.append("voting")
    names += ["evaluation_end", "pilots_end"]
    phases += ["evaluation", "piloting", "closed"]
    index = phases.index(phase)
    # boundary i opens phase i+1; `now` lies a week into the requested phase
    first = now - timedelta(days=7) - (index - 1) * period if index else now + timedelta(days=14)
    first = first.replace(hour=12, minute=0, second=0, microsecond=0)
    schedule = {name: first + i * period for i, name in enumerate(names)}
    if voting:
        schedule["voting_open"] = schedule["proposals_close"]
    else:
        schedule.update(voting_open=None, voting_close=None)
    return schedule


def _publish(page) -> None:
    page.save_revision().publish()


def _translation(page, locale):
    """The page's translation in `locale`, created as a draft copy when missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    return page.copy_for_translation(locale).specific, True


def _snippets(model, data: dict, locales: dict, stdout) -> dict:
    """{(slug, language): snippet} for every slug and language, created when missing."""
    result = {}
    for slug, texts in data.items():
        original = model.objects.filter(locale=locales["fi"], slug=slug).first()
        for language in LANGUAGES:
            values = texts[language]
            fields = {"name": values[0], "description": values[1]}
            if len(values) > 2:
                fields["needs"] = values[2]
            existing = model.objects.filter(locale=locales[language], slug=slug).first()
            if existing is None:
                if language == "fi":
                    existing = original = model.objects.create(
                        locale=locales["fi"], slug=slug, **fields
                    )
                else:
                    existing = original.copy_for_translation(locales[language])
                    for name, value in fields.items():
                        setattr(existing, name, value)
                    existing.save()
                stdout.write(f"  {model._meta.verbose_name}: {existing.name}")
            result[(slug, language)] = existing
    return result


def _home_pages(locales, stdout) -> dict:
    home = HomePage.objects.filter(locale=locales["fi"]).first()
    if home is None:  # the cms.0002 migration creates it; keep going if someone removed it
        home = HomePage(title=HOME["fi"]["title"], slug="home", locale=locales["fi"])
        Page.get_first_root_node().add_child(instance=home)
        _publish(home)
    if not home.intro:
        home.intro = HOME["fi"]["intro"]
        _publish(home)
    homes = {"fi": home}
    for language in ("sv", "en"):
        page, created = _translation(home, locales[language])
        if created:
            page.title = HOME[language]["title"]
            page.intro = HOME[language]["intro"]
            _publish(page)
            stdout.write(f"  home page ({language})")
        homes[language] = page
    return homes


def _standard_pages(homes, texts: dict, stdout, *, feedback: bool = False) -> None:
    original = homes["fi"].get_children().filter(slug=texts["fi"]["slug"]).first()
    if original is None:
        original = StandardPage(
            title=texts["fi"]["title"],
            slug=texts["fi"]["slug"],
            summary=texts["fi"]["summary"],
            body=texts["fi"]["body"],
            show_in_footer=True,
        )
        homes["fi"].add_child(instance=original)
        _publish(original)
        stdout.write(f"  page: {original.title}")
    for language in ("sv", "en"):
        page, created = _translation(original, homes[language].locale)
        if created:
            page.title = texts[language]["title"]
            page.slug = texts[language]["slug"]
            page.summary = texts[language]["summary"]
            page.body = texts[language]["body"]
            page.show_in_footer = True
            _publish(page)
            stdout.write(f"  page: {page.title}")
    if feedback:
        # The accessibility statement carries the feedback form in every language.
        for page in StandardPage.objects.filter(translation_key=original.translation_key):
            if not page.accessibility_feedback:
                page.accessibility_feedback = True
                _publish(page)
                stdout.write(f"  feedback form on: {page.title}")


def _indexes(homes, stdout) -> dict:
    original = ChallengeIndexPage.objects.filter(locale=homes["fi"].locale).first()
    if original is None:
        original = ChallengeIndexPage(
            title=INDEX["fi"]["title"], slug=INDEX["fi"]["slug"], intro=INDEX["fi"]["intro"]
        )
        homes["fi"].add_child(instance=original)
        _publish(original)
        stdout.write(f"  page: {original.title}")
    indexes = {"fi": original}
    for language in ("sv", "en"):
        page, created = _translation(original, homes[language].locale)
        if created:
            page.title = INDEX[language]["title"]
            page.slug = INDEX[language]["slug"]
            page.intro = INDEX[language]["intro"]
            _publish(page)
            stdout.write(f"  page: {page.title}")
        indexes[language] = page
    for page in indexes.values():
        assign_challenge_workflow(page)
    return indexes


def _criteria(texts: list, weights: list) -> list:
    return [
        EvaluationCriterion(name=name, description=description, weight=weight, sort_order=order)
        for order, ((name, description), weight) in enumerate(zip(texts, weights, strict=True))
    ]


def _challenges(indexes, groups, themes, now, stdout) -> None:
    for spec in CHALLENGES:
        fi = spec["fi"]
        original = ChallengePage.objects.filter(
            locale=indexes["fi"].locale, slug=spec["slug"]
        ).first()
        if original is None:
            original = ChallengePage(
                title=fi["title"],
                slug=spec["slug"],
                summary=fi["summary"],
                body=fi["body"],
                owner_unit="Espoon kaupunginmuseo",
                budget_eur=spec["budget_eur"],
                pilot_length_weeks=spec["pilot_length_weeks"],
                individuals_may_submit=spec["individuals_may_submit"],
                **_schedule(spec["phase"], now, voting=spec["voting"]),
            )
            original.criteria = _criteria(fi["criteria"], spec["criteria_weights"])
            indexes["fi"].add_child(instance=original)
            original.customer_groups = [groups[(slug, "fi")] for slug in spec["groups"]]
            original.themes = [themes[(slug, "fi")] for slug in spec["themes"]]
            _publish(original)
            stdout.write(f"  challenge: {original.title} ({spec['phase']})")
        for language in ("sv", "en"):
            texts = spec[language]
            page, created = _translation(original, indexes[language].locale)
            if not created:
                continue
            page.title = texts["title"]
            page.summary = texts["summary"]
            page.body = texts["body"]
            page.owner_unit = {"sv": "Esbo stadsmuseum", "en": "Espoo City Museum"}[language]
            page.criteria = _criteria(texts["criteria"], spec["criteria_weights"])
            page.customer_groups = [groups[(slug, language)] for slug in spec["groups"]]
            page.themes = [themes[(slug, language)] for slug in spec["themes"]]
            _publish(page)
            stdout.write(f"  challenge: {page.title} ({language})")


def seed(*, stdout) -> None:
    """Create the cms demo content that is missing."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    now = timezone.now()
    groups = _snippets(CustomerGroup, CUSTOMER_GROUPS, locales, stdout)
    themes = _snippets(Theme, THEMES, locales, stdout)
    homes = _home_pages(locales, stdout)
    _standard_pages(homes, _accessibility_pages(), stdout, feedback=True)
    _standard_pages(homes, PRIVACY, stdout)
    indexes = _indexes(homes, stdout)
    _challenges(indexes, groups, themes, now, stdout)
    _resident_follows(stdout)


# The demo resident follows the challenge open for voting and those past it, so that the
# decisions, pilots and services seeded after this reach them as notices.
FOLLOWED_BY_RESIDENT = (
    "perheviikonloput",
    "etaoppitunnit-kouluille",
    "kosketeltavat-kokoelmat",
    "valokuva-arkisto-tutkijoille",
)


def _resident_follows(stdout) -> None:
    resident = User.objects.filter(email=ACCOUNTS["resident"][0]).first()
    if resident is None:
        return
    followed = 0
    for slug in FOLLOWED_BY_RESIDENT:
        challenge = ChallengePage.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if challenge is not None and following.can_follow(resident, challenge):
            following.follow(resident, challenge)
            followed += 1
    stdout.write(f"  {resident.display_name} follows {followed} challenges")
