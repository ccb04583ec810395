"""Demo customer-group profiles and a challenge's easy-read summary, in fi, sv and en.

Added to what cms/demo.py creates, only where the text is still empty: a second run, or an
editor's own text, is left alone.
"""

from wagtail.models import Locale

from .models import ChallengePage, CustomerGroup

# slug: {language: (preferred channels, barriers)}
PROFILES = {
    "families": {
        "fi": (
            "Viikonloppujen tapahtumat, perheiden somekanavat ja päiväkotien tiedotteet. "
            "Palautetta annetaan mieluiten paikan päällä, QR-koodilla tai lyhyellä lomakkeella.",
            "Pitkät jonot, kalliit liput koko perheelle, hankalat reitit lastenvaunuilla ja "
            "sisällöt, jotka sopivat vain yhdelle ikäryhmälle.",
        ),
        "sv": (
            "Evenemang på veckoslut, familjernas sociala medier och daghemmens meddelanden. "
            "Respons ges helst på plats, med QR-kod eller med en kort blankett.",
            "Långa köer, dyra biljetter för hela familjen, svåra vägar med barnvagn och innehåll "
            "som passar bara en åldersgrupp.",
        ),
        "en": (
            "Weekend events, families' social media and day-care newsletters. They prefer to "
            "give feedback on site, with a QR code or on a short form.",
            "Long queues, expensive tickets for the whole family, hard routes with prams and "
            "content that suits only one age group.",
        ),
    },
    "seniors": {
        "fi": (
            "Paperilomake, puhelin, opastettu käynti ja palvelutalojen ohjaajat. Moni antaa "
            "palautetta mieluiten henkilökunnan avustamana.",
            "Pitkät matkat, portaat, pieni teksti, huono kuuluvuus ja verkkopalvelut, jotka "
            "vaativat tunnuksia.",
        ),
        "sv": (
            "Pappersblankett, telefon, guidade besök och handledarna på servicehusen. Många ger "
            "helst respons med hjälp av personalen.",
            "Långa resor, trappor, liten text, dålig hörbarhet och webbtjänster som kräver "
            "inloggning.",
        ),
        "en": (
            "Paper forms, the telephone, guided visits and the staff of sheltered housing. Many "
            "prefer to give feedback with a staff member's help.",
            "Long journeys, stairs, small print, poor audibility and online services that need "
            "an account.",
        ),
    },
    "schools": {
        "fi": (
            "Opettajien sähköposti, Wilma-tiedotteet ja koulujen kulttuuripolku. Oppilaat "
            "antavat palautetta luokassa yhdessä tai tabletilla.",
            "Varaamisen vaiva, kuljetusten hinta, tiukat lukujärjestykset ja sisällöt, jotka "
            "eivät sovi opetussuunnitelmaan.",
        ),
        "sv": (
            "Lärarnas e-post, meddelanden i Wilma och skolornas kulturstig. Eleverna ger respons "
            "tillsammans i klassen eller på en surfplatta.",
            "Besvärlig bokning, dyra transporter, strama scheman och innehåll som inte passar "
            "läroplanen.",
        ),
        "en": (
            "Teachers' e-mail, Wilma notices and the schools' culture path. Pupils give feedback "
            "together in class or on a tablet.",
            "Booking effort, the cost of transport, tight timetables and content that does not "
            "fit the curriculum.",
        ),
    },
    "tourists": {
        "fi": (
            "Matkailusivustot, hotellien vinkit ja kioski museon aulassa. Palaute annetaan "
            "lyhyesti ja omalla kielellä.",
            "Kieli, jota ei osaa, vaikeasti löydettävä sisäänkäynti ja aukioloajat, jotka eivät "
            "sovi matkan aikatauluun.",
        ),
        "sv": (
            "Turistwebbplatser, hotellens tips och kiosken i museets entré. Respons ges kort och "
            "på det egna språket.",
            "Ett språk man inte kan, en ingång som är svår att hitta och öppettider som inte "
            "passar resans tidtabell.",
        ),
        "en": (
            "Travel websites, hotels' tips and the kiosk in the museum lobby. Feedback is short "
            "and in their own language.",
            "A language they do not know, an entrance that is hard to find and opening hours "
            "that do not fit the trip.",
        ),
    },
    "researchers": {
        "fi": (
            "Sähköposti, yliopistojen postituslistat ja verkkopalvelu. Palautetta annetaan "
            "mieluiten kirjallisesti ja yksityiskohtaisesti.",
            "Aineistot, joita ei löydä verkosta, epäselvät käyttöehdot ja pitkät odotusajat "
            "arkistoon.",
        ),
        "sv": (
            "E-post, universitetens e-postlistor och webbtjänsten. Respons ges helst skriftligt "
            "och i detalj.",
            "Material som inte finns på nätet, oklara användningsvillkor och långa väntetider "
            "till arkivet.",
        ),
        "en": (
            "E-mail, universities' mailing lists and the web service. They prefer to give "
            "written, detailed feedback.",
            "Material that cannot be found online, unclear terms of use and long waits for the "
            "archive.",
        ),
    },
    "remote": {
        "fi": (
            "Verkkopalvelu, puhelin ja kotihoidon tai omaisten apu. Palautetta annetaan kotoa, "
            "usein jonkun toisen avustamana.",
            "Sairaus, liikkumisen vaikeus tai pitkä matka. Myös laitteet ja yhteydet voivat "
            "olla esteenä.",
        ),
        "sv": (
            "Webbtjänsten, telefon och hjälp av hemvården eller anhöriga. Respons ges hemifrån, "
            "ofta med någon annans hjälp.",
            "Sjukdom, svårt att röra sig eller en lång resa. Också apparater och förbindelser "
            "kan vara ett hinder.",
        ),
        "en": (
            "The web service, the telephone and help from home care or relatives. Feedback is "
            "given from home, often with someone's help.",
            "Illness, difficulty moving or a long journey. Devices and connections can be a "
            "barrier too.",
        ),
    },
    "newcomers": {
        "fi": (
            "Kotoutumiskoulutus, järjestöt ja kirjastot. Palautetta annetaan mieluiten omalla "
            "kielellä tai selkokielellä, paikan päällä.",
            "Kieli, tieto siitä, mitä museo tarjoaa, ja lippujen hinta. Moni ei tiedä, että "
            "museoon saa tulla ilman opasta.",
        ),
        "sv": (
            "Integrationsutbildning, organisationer och bibliotek. Respons ges helst på det egna "
            "språket eller på lättläst språk, på plats.",
            "Språket, att veta vad museet erbjuder och biljettpriset. Många vet inte att man får "
            "komma till museet utan guide.",
        ),
        "en": (
            "Integration courses, associations and libraries. They prefer to give feedback in "
            "their own language or in easy language, on site.",
            "Language, knowing what the museum offers, and the price of tickets. Many do not "
            "know they may visit the museum without a guide.",
        ),
    },
}

# A challenge's easy-read summary: slug of the original page: {language: text}.
CHALLENGE_EASY_READ = {
    "museokaynti-kotisohvalta": {
        "fi": "Moni vanha ihminen ei pääse enää museoon. Museo haluaa, että he voivat katsoa "
        "näyttelyitä kotona. He voivat myös jutella oppaan kanssa. Kerro, miten sen voisi "
        "tehdä.",
        "sv": "Många äldre kan inte längre komma till museet. Museet vill att de kan se "
        "utställningarna hemma. De kan också prata med en guide. Berätta hur det kunde gå till.",
    },
}


def seed(*, stdout) -> None:
    """Fill in the demo groups' channels and barriers and the challenges' easy-read summaries
    where they are empty."""
    filled = 0
    for slug, texts in PROFILES.items():
        for language, (channels, barriers) in texts.items():
            group = CustomerGroup.objects.filter(slug=slug, locale__language_code=language).first()
            if group is None or (group.channels and group.barriers):
                continue
            group.channels = group.channels or channels
            group.barriers = group.barriers or barriers
            group.save(update_fields=["channels", "barriers"])
            filled += 1
    for slug, texts in CHALLENGE_EASY_READ.items():
        original = ChallengePage.objects.filter(slug=slug).first()
        if original is None:
            continue
        for language, text in texts.items():
            locale = Locale.objects.filter(language_code=language).first()
            page = original.get_translation_or_none(locale) if locale else None
            if page is None or page.specific.easy_read_summary:
                continue
            page = page.specific
            page.easy_read_summary = text
            page.save_revision().publish()
            filled += 1
    stdout.write(f"  customer-group profiles and easy-read summaries: {filled} filled in")
