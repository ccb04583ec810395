"""Easy-read summaries (selkokieli, lättläst) for a demo pilot and a demo offering, in
Finnish and Swedish. Set only where the summary is still empty: a second run changes nothing."""

from marketplace.models import Offering, Pilot

# The pilot by its Finnish title, the offering by its slug: {language: text}.
PILOT_EASY_READ = {
    "Kosketeltavat kopiot KAMUssa": {
        "fi": "Museossa on kopioita kymmenestä vanhasta esineestä. Voit koskea niihin. Voit "
        "myös kuunnella, mitä esineistä kerrotaan. Kerro meille, mitä mieltä olet.",
        "sv": "I museet finns kopior av tio gamla föremål. Du får röra vid dem. Du kan också "
        "lyssna på vad som berättas om föremålen. Berätta för oss vad du tycker.",
    },
}
OFFERING_EASY_READ = {
    "selkokieliset-nayttelytekstit": {
        "fi": "Kirjoitamme museon tekstit helposti luettavalla suomella ja ruotsilla. Lukijat "
        "kokeilevat tekstejä ennen kuin ne tulevat näyttelyyn.",
        "sv": "Vi skriver museets texter på lättläst finska och svenska. Läsare provar texterna "
        "innan de kommer till utställningen.",
    },
}


def _fill(item, texts: dict) -> bool:
    """The summary in the item's own language, and its translation in the other."""
    if item.easy_read_summary:
        return False
    translations = dict(item.translations or {})
    for language, text in texts.items():
        if language == item.language:
            item.easy_read_summary = text
        else:
            translations[language] = {**translations.get(language, {}), "easy_read_summary": text}
    item.translations = translations
    item.save(update_fields=["easy_read_summary", "translations"])
    return True


def seed_easy_read(*, stdout=None) -> int:
    filled = 0
    for title, texts in PILOT_EASY_READ.items():
        for pilot in Pilot.objects.filter(title=title):
            filled += _fill(pilot, texts)
    for slug, texts in OFFERING_EASY_READ.items():
        for offering in Offering.objects.filter(slug=slug):
            filled += _fill(offering, texts)
    if stdout is not None:
        stdout.write(f"  easy-read summaries: {filled} filled in")
    return filled
