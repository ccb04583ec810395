"""The demo proposals, written for their own challenges (cms/demo.py, by slug).

Each proposal is written in one language (`language`); most carry translations of the title
and summary, a few do not, so that the fallback to the original shows. Comment authors are
keys: a demo resident's first name (partners.demo.RESIDENTS), "resident" (the resident
account), "lead" (the proposal's lead, or the resident who wrote an individual's idea) or
"staff" (the editor account, answering for the museum).
"""

from ..models import ProposalStatus

KAMU = "Espoon kaupunginmuseo KAMU"
MUSEOTECH = "Museotech Oy"
KUULOKUVA = "Kuulokuva Oy"
SAAVUTETTAVA = "Saavutettava Design Oy"
POHJOINEN = "Pohjoinen VR Oy"
AALTO = "Aalto Museum Lab"
TAMPERE_RESEARCH = "Tampereen yliopiston kulttuuriperinnön tutkimusryhmä"
ABO = "Forskargruppen för tillgänglig kultur vid Åbo Akademi"
ESPOO_SEURA = "Espoo-seura ry"
VANTAA_SENIORS = "Vantaan seniorien kulttuuriystävät ry"
OULU_FAMILIES = "Oulun lapsiperheet ry"
TAMPERE_MUSEUMS = "Tampereen museot"

# The words staff use when they move a proposal, in the proposal's language.
REASONS = {
    "fi": {
        ProposalStatus.SHORTLISTED: "Vastaa hyvin haasteeseen. Etenee jatkoon.",
        ProposalStatus.SELECTED: "Valittu kokeiltavaksi.",
        ProposalStatus.DECLINED: "Kiitos ehdotuksesta. Tällä kertaa budjetti ei riitä siihen.",
    },
    "sv": {
        ProposalStatus.SHORTLISTED: "Svarar väl på utmaningen. Går vidare.",
        ProposalStatus.SELECTED: "Valt för en pilot.",
        ProposalStatus.DECLINED: "Tack för förslaget. Budgeten räcker inte till den här gången.",
    },
    "en": {
        ProposalStatus.SHORTLISTED: "A strong fit for the challenge. Goes on to the next round.",
        ProposalStatus.SELECTED: "Selected for a pilot.",
        ProposalStatus.DECLINED: "Thank you for the proposal. The budget does not stretch to it this time.",
    },
}

# challenge slug: [proposal, …]
PROPOSALS = {
    "museokaynti-kotisohvalta": [
        {
            "key": "vr-servicehus",
            "team_note": "Anteckning för teamet: servicehuset i Hagalund vill vara med från början."
            " Vi behöver tolv VR-glasögon och en laddningsstation – Pohjoinen VR tar fram en offert"
            " före fredag.",
            "status": ProposalStatus.DRAFT,
            "team": [VANTAA_SENIORS, POHJOINEN],
            "groups": ["seniors", "remote"],
            "language": "sv",
            "title": "Museibesök med VR-glasögon på servicehuset",
            "summary": "Personalen på servicehuset lånar ut VR-glasögon till invånarna. En "
            "guide från museet är med på varje besök på distans och svarar på frågor.",
            "body": "Många som bor på servicehus kan inte längre åka till KAMU. Med VR-glasögon "
            "kan de gå runt i utställningen i sin egen takt.\n\n"
            "Guiden talar med gruppen via högtalaren. Besöket tar 30 minuter, så att ingen "
            "blir trött eller illamående.\n\n"
            "Vi testar först med två servicehus i Esbo. Vi mäter hur många som deltar och hur "
            "de trivs.",
            "translations": {
                "fi": {
                    "title": "Museokäynti VR-laseilla palvelutalossa",
                    "summary": "Palvelutalon henkilökunta lainaa asukkaille VR-laseja. Museon "
                    "opas on etänä mukana jokaisella käynnillä ja vastaa kysymyksiin.",
                },
                "en": {
                    "title": "Museum visits with VR headsets in sheltered housing",
                    "summary": "Staff at sheltered housing lend VR headsets to residents. A "
                    "museum guide joins every visit remotely and answers questions.",
                },
            },
        },
        {
            "key": "olohuonemuseo",
            "status": ProposalStatus.SUBMITTED,
            "team": [KUULOKUVA, ESPOO_SEURA, SAAVUTETTAVA],
            "groups": ["seniors", "remote"],
            "language": "fi",
            "title": "Olohuonemuseo: opastettu museokäynti tabletilla",
            "summary": "Museon opas vie pienen ryhmän näyttelyyn tabletin kautta kerran "
            "viikossa. Tabletissa on yksi iso painike, ja kotihoito auttaa ensimmäisellä "
            "kerralla.",
            "body": "Olohuonemuseossa opas kulkee näyttelyssä kameran kanssa. Kotona asuvat "
            "ikääntyneet näkevät ja kuulevat hänet tabletilta ja voivat kysyä suoraan.\n\n"
            "Ryhmässä on enintään kahdeksan ihmistä, jotta kaikki ehtivät puhua. Espoo-seuran "
            "vapaaehtoiset soittavat osallistujille päivää ennen ja muistuttavat käynnistä.\n\n"
            "Tabletit lainataan kotihoidon kautta. Mittaamme osallistujien määrää ja kysymme "
            "jokaisen käynnin jälkeen, tuntuiko olo vähemmän yksinäiseltä.",
            "translations": {
                "sv": {
                    "title": "Vardagsrumsmuseet: guidat museibesök på surfplatta",
                    "summary": "En guide från museet tar med en liten grupp till utställningen "
                    "via surfplatta en gång i veckan. Surfplattan har en enda stor knapp, och "
                    "hemvården hjälper till första gången.",
                },
                "en": {
                    "title": "Living-room museum: a guided visit on a tablet",
                    "summary": "A museum guide takes a small group round the exhibition on a "
                    "tablet once a week. The tablet has one big button, and home care helps "
                    "the first time.",
                },
            },
            "comments": [
                (
                    "marjatta",
                    "Äitini on 89-vuotias eikä ole koskaan käyttänyt tablettia. Riittääkö yksi "
                    "painike oikeasti?",
                    [
                        (
                            "lead",
                            "Riittää. Tabletti avautuu suoraan käyntiin, ja ensimmäisellä "
                            "kerralla kotihoitaja tai vapaaehtoinen on vieressä. Kokeilimme tätä "
                            "jo kahdessa palvelutalossa.",
                        )
                    ],
                ),
                (
                    "ingrid",
                    "Blir det guidningar på svenska också? Många äldre i Esbo har svenska som "
                    "modersmål.",
                    [
                        (
                            "staff",
                            "Tack för en viktig fråga! Vi har bett teamet berätta hur de ordnar "
                            "svenska grupper, och vi tar med det i bedömningen.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "museo-tv",
            "status": ProposalStatus.WITHDRAWN,
            "team": [MUSEOTECH],
            "groups": ["seniors"],
            "language": "fi",
            "title": "Museo-tv palvelutalojen yhteistiloihin",
            "summary": "Viikoittainen suora lähetys museosta palvelutalojen yhteistilojen "
            "televisioihin. Katsojat voivat lähettää kysymyksiä hoitajan kautta.",
            "body": "Moni palvelutalon asukas ei enää jaksa lähteä museoon, mutta yhteistilan "
            "televisio on auki joka päivä.\n\n"
            "Lähetämme KAMUsta WeeGee-talosta 30 minuutin suoran lähetyksen joka torstai kello "
            "14, jotta siitä tulee tuttu tapa. Jokaisessa lähetyksessä esitellään yksi esine ja "
            "sen tarina, esimerkiksi Tapiolan rakentamisen ajalta.\n\n"
            "Hoitaja voi lähettää katsojien kysymykset tekstiviestinä, ja opas vastaa niihin "
            "lähetyksen lopussa. Aloittaisimme viidessä espoolaisessa palvelutalossa ja "
            "laskisimme katsojat ja kysymykset joka viikko.",
            "withdraw_reason": "Päätimme liittyä toiseen tiimiin, jonka ehdotus on lähellä "
            "omaamme.",
            "translations": {
                "sv": {
                    "title": "Musei-tv i servicehusens gemensamma utrymmen",
                    "summary": "En direktsändning från museet varje vecka till tv:n i "
                    "servicehusens gemensamma utrymmen.",
                },
                "en": {
                    "title": "Museum TV for the common rooms of sheltered housing",
                    "summary": "A weekly live broadcast from the museum to the televisions in "
                    "the common rooms of sheltered housing.",
                },
            },
        },
        {
            "key": "puhelinopastus",
            "status": ProposalStatus.SUBMITTED,
            "team": [],
            "author": "veikko",
            "groups": ["seniors"],
            "language": "fi",
            "title": "Puhelinopastus niille, joilla ei ole nettiä",
            "summary": "Opas soittaa sovittuna aikana ja kertoo yhdestä esineestä kerrallaan. "
            "Esineiden kuvat tulevat postissa etukäteen.",
            "body": "Monella ikäihmisellä ei ole tablettia eikä nettiyhteyttä, mutta puhelin "
            "on aina lähellä.\n\n"
            "Museo lähettäisi postissa kuusi kuvakorttia KAMUn esineistä. Opas soittaisi "
            "kerran viikossa sovittuna aikana ja kertoisi 20 minuutin ajan yhden kortin "
            "esineestä. Puhelun aikana saa kysyä ja muistella.\n\n"
            "Pilotin voisi aloittaa heti esimerkiksi 20 kauklahtelaisen ja "
            "leppävaaralaisen kanssa, sillä se ei vaadi laitteita eikä opettelua.",
            "comments": [
                (
                    "pirjo",
                    "Hieno idea! Olen heikkonäköinen. Voisiko postissa tulla kuvan sijaan "
                    "kohokuva tai pieni kopio esineestä?",
                    [("lead", "Kiitos, tosi hyvä ajatus. Lisään sen ehdotukseen.")],
                ),
            ],
        },
    ],
    "perheviikonloput": [
        {
            "key": "aarrejahti",
            "status": ProposalStatus.SUBMITTED,
            "team": [MUSEOTECH, OULU_FAMILIES],
            "groups": ["families"],
            "language": "fi",
            "title": "Aarrejahti KAMUssa",
            "summary": "Perhe kulkee näyttelyiden läpi tehtäväpolkua puhelimen tai "
            "paperikartan avulla. Tehtävät on tehty kahdelle ikätasolle: alle kouluikäisille "
            "ja koululaisille.",
            "body": "Aarrejahdissa perhe etsii näyttelyistä kymmenen esinettä. Jokaisen "
            "esineen luona on tehtävä, jonka pienet tekevät kuvien avulla ja isommat "
            "lukemalla.\n\n"
            "Polun voi kulkea sovelluksella tai paperikartalla, joten oma puhelin ei ole "
            "pakollinen. Lopuksi lapsi saa aarrearkusta pienen palkinnon.\n\n"
            "Oulun lapsiperheet ry testaa tehtävät perheiden kanssa ennen pilottia. Mittaamme, "
            "kuinka moni perhe kulkee polun loppuun.",
            # Seen only by the team, staff and the evaluators who accepted the terms.
            "confidential_pricing": "Pilotin hinta on 18 600 € (alv 0 %):\n"
            "– sovellus ja tehtäväpolku 9 800 €\n"
            "– paperikartat, 2 000 kpl, 1 400 €\n"
            "– testaus perheiden kanssa 3 200 €\n"
            "– palkinnot 600 €\n"
            "– ylläpito pilotin ajan 3 600 €.\n"
            "Pilotin jälkeen lisenssi maksaa 450 € kuukaudessa.",
            "confidential_details": "Tehtäväpolun sisätilapaikannus perustuu MuseoTechin omaan "
            "Bluetooth-majakkatekniikkaan ja sen kalibrointimenetelmään, joita emme julkaise.",
            "translations": {
                "sv": {
                    "title": "Skattjakt på KAMU",
                    "summary": "Familjen följer en uppgiftsstig genom utställningarna med "
                    "mobilen eller en papperskarta. Uppgifterna finns för två åldrar: barn "
                    "under skolåldern och skolbarn.",
                },
                "en": {
                    "title": "Treasure hunt at KAMU",
                    "summary": "Families follow a trail of tasks through the exhibitions with a "
                    "phone or a paper map. The tasks come in two levels: for children under "
                    "school age and for school children.",
                },
            },
            "comments": [
                (
                    "sanna",
                    "Toimiiko polku myös ilman puhelinta? Meidän lapsilla ei vielä ole omaa "
                    "puhelinta.",
                    [
                        (
                            "lead",
                            "Toimii. Jokainen perhe saa infosta paperikartan ja tarrat. "
                            "Sovellus on vapaaehtoinen.",
                        )
                    ],
                ),
                (
                    "jari",
                    "Kuinka kauan polku kestää? Taaperon kanssa tunti on jo pitkä aika.",
                    [
                        (
                            "lead",
                            "Lyhyt reitti kestää noin puoli tuntia ja pitkä noin tunnin. "
                            "Puolivälissä on taukopaikka, jossa voi syödä eväitä.",
                        )
                    ],
                ),
            ],
            # An advert that has nothing to do with the proposal: a resident reports it and
            # the moderator hides it, giving the reason. The text itself insults no one.
            "hidden": (
                "advertiser",
                "Lastenjuhlat ja pomppulinnat edullisesti koko pääkaupunkiseudulle! Varaa "
                "seuraavat juhlasi osoitteessa juhlariemu.example ja saat 20 % alennuksen.",
                "sanna",
                "Mainos, joka ei liity ehdotukseen.",
                "Piilotettu: mainos, joka ei liity ehdotukseen. Keskustelu on tarkoitettu "
                "ehdotusta koskeville kysymyksille ja kommenteille.",
            ),
        },
        {
            "key": "lordagsverkstad",
            "status": ProposalStatus.SUBMITTED,
            "team": [KUULOKUVA, ESPOO_SEURA, SAAVUTETTAVA],
            "groups": ["families"],
            "language": "sv",
            "title": "Lördagsverkstad: bygg ett eget museum",
            "summary": "Barnen bygger ett litet museum i en skokartong av saker som de har med "
            "sig hemifrån och spelar in en egen ljudguide till det. Familjerna kan komma och "
            "gå utan bokning.",
            "body": "Verkstaden är öppen på lördagar kl. 11–15 i museets verkstadsrum. En "
            "museipedagog och frivilliga från Espoo-seura hjälper till.\n\n"
            "Barnen väljer ett föremål hemifrån, bygger en monter åt det och spelar in en kort "
            "berättelse med Kuulokuvas enkla inspelare. De minsta bygger tillsammans med en "
            "vuxen.\n\n"
            "Handledarna talar finska och svenska. Vi räknar hur många familjer som kommer och "
            "hur länge de stannar.",
            "translations": {
                "fi": {
                    "title": "Lauantaipaja: rakenna oma museo",
                    "summary": "Lapset rakentavat kenkälaatikkoon pienen museon kotoa "
                    "tuomistaan esineistä ja äänittävät sille oman ääniopastuksen. Perheet "
                    "voivat tulla ja mennä ilman varausta.",
                },
                "en": {
                    "title": "Saturday workshop: build your own museum",
                    "summary": "Children build a little museum in a shoebox from things they "
                    "bring from home and record their own audio guide for it. Families come "
                    "and go without booking.",
                },
            },
            "comments": [
                (
                    "ingrid",
                    "Underbart! Går det att delta på finska också? Vår familj är tvåspråkig.",
                    [
                        (
                            "lead",
                            "Absolut. Handledarna talar både finska och svenska, och barnen får "
                            "använda det språk de vill.",
                        )
                    ],
                ),
                (
                    "tiina",
                    "Minkä ikäisille lapsille paja sopii?",
                    [
                        (
                            "lead",
                            "Noin 3–12-vuotiaille. Pienimmät rakentavat aikuisen kanssa, "
                            "isommat äänittävät myös opastuksen.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "evaspiknik",
            "status": ProposalStatus.SUBMITTED,
            "team": [OULU_FAMILIES],
            "groups": ["families"],
            "language": "fi",
            "title": "Eväspiknik museon aulassa",
            "summary": "Sunnuntaisin museon aula muuttuu piknikpaikaksi, jossa on vilttejä, "
            "syöttötuoleja ja mikroaaltouuni. Aulasta lähtee joka tasatunti 20 minuutin "
            "opastus perheille.",
            "body": "Lapsiperheet kertovat, että museopäivä loppuu usein nälkään. Kun eväät "
            "saa syödä rauhassa, päivä voi jatkua.\n\n"
            "Aulaan tuodaan viltit, matalat pöydät ja syöttötuolit. Joka tasatunti aulasta "
            "lähtee lyhyt opastus, jonka aikana lapset saavat koskea yhteen esineeseen.\n\n"
            "Olemme järjestäneet samanlaisia piknikpäiviä Oulussa. Mittaamme, kuinka kauan "
            "perheet viipyvät museossa.",
            "translations": {
                "sv": {
                    "title": "Picknick i museets lobby",
                    "summary": "På söndagar blir museets lobby en picknickplats med filtar, "
                    "barnstolar och mikrovågsugn. Varje heltimme börjar en guidning på 20 "
                    "minuter för familjer.",
                },
                "en": {
                    "title": "Picnic Sundays in the museum lobby",
                    "summary": "On Sundays the museum lobby becomes a picnic area with rugs, "
                    "high chairs and a microwave. A 20-minute family tour leaves from the "
                    "lobby every hour.",
                },
            },
            "comments": [
                (
                    "jari",
                    "Loistavaa, eväät ovat meille aina ongelma museoissa. Saako omat eväät "
                    "todella ottaa mukaan?",
                    [
                        (
                            "staff",
                            "Kiitos kommentista! Omat eväät saa syödä KAMUn aulan pöydissä jo "
                            "nyt. Tässä ehdotuksessa tilaa olisi enemmän ja se sopisi myös "
                            "pienille lapsille.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "tarinanurkka",
            "status": ProposalStatus.SUBMITTED,
            "team": [],
            "author": "kaisu",
            "groups": ["families"],
            "language": "fi",
            "title": "Isovanhempien tarinanurkka",
            "summary": "Isovanhemmat kertovat lapsenlapsilleen, mitä museon esineet "
            "merkitsivät heidän omassa lapsuudessaan. Nurkassa on tuttuja esineitä, joihin "
            "saa koskea.",
            "body": "Käyn museossa lastenlasteni kanssa. Parhaat hetket ovat olleet ne, kun "
            "olen kertonut, miten jotain esinettä käytettiin, kun olin itse pieni.\n\n"
            "Nurkkaan tarvitaan sohva, muutama vanha esine, joihin saa koskea, ja kortteja, "
            'joissa on kysymyksiä, kuten "Mitä leikit, kun olit seitsemän?".\n\n'
            "Tämä ei maksa paljon, ja se sopii myös isovanhemmille, jotka eivät jaksa kävellä "
            "koko näyttelyä.",
            "translations": {
                "sv": {
                    "title": "Morföräldrarnas berättarhörna",
                    "summary": "Mor- och farföräldrar berättar för barnbarnen vad museets "
                    "föremål betydde i deras egen barndom. I hörnan finns bekanta föremål som "
                    "man får röra vid.",
                },
            },
            "comments": [
                (
                    "marjatta",
                    "Ihana ajatus. Voisiko nurkassa olla myös vanhoja leikkejä?",
                    [
                        (
                            "lead",
                            "Kiitos! Kyllä, ajattelin esimerkiksi hyppynarua ja kuulapelejä.",
                        )
                    ],
                ),
            ],
        },
    ],
    "etaoppitunnit-kouluille": [
        {
            "key": "esine-luokassa",
            "team_note": "Tiimin muistiinpano: Aalto Museum Lab hoitaa opettajien palautekyselyn. "
            "Sovitaan vielä, ketkä kolme koulua Leppävaarasta ja Kauklahdesta kokeilevat ensin.",
            "status": ProposalStatus.SHORTLISTED,
            "team": [MUSEOTECH, AALTO],
            "groups": ["schools"],
            "language": "fi",
            "title": "Esine luokassa: etätunti KAMUn kokoelmista",
            "summary": "Museopedagogi näyttää esineitä dokumenttikameralla, ja oppilaat "
            "kysyvät suoraan. Opettaja saa etukäteen tehtävät ja laatikon, jossa on kolme "
            "esinekopiota.",
            "body": "Tunti kestää 45 minuuttia ja sopii 3.–6. luokille. Aiheina ovat "
            "esimerkiksi Espoon kartanot, maatalon arki ja koulu sata vuotta sitten.\n\n"
            "Laatikko tulee kouluun viikkoa ennen tuntia. Oppilaat tutkivat kopioita ja "
            "keksivät kysymyksiä, joihin museopedagogi vastaa tunnilla.\n\n"
            "Tunti toimii selaimessa koulun omilla laitteilla. Aalto Museum Lab kerää "
            "opettajien ja oppilaiden palautteen.",
            "translations": {
                "sv": {
                    "title": "Föremålet i klassen: en distanslektion ur KAMU:s samlingar",
                    "summary": "En museipedagog visar föremål med dokumentkamera och eleverna "
                    "frågar direkt. Läraren får uppgifter och en låda med tre kopior av "
                    "föremål i förväg.",
                },
                "en": {
                    "title": "An object in the classroom: a remote lesson from KAMU's collections",
                    "summary": "A museum educator shows objects on a document camera and the "
                    "pupils ask questions directly. The teacher gets tasks and a box with "
                    "three replicas in advance.",
                },
            },
            "comments": [
                (
                    "kaisu",
                    "Entisenä opettajana pidän siitä, että tehtävät tulevat etukäteen. Toimiiko "
                    "yhteys koulujen verkossa?",
                    [
                        (
                            "lead",
                            "Toimii. Tunti kulkee selaimessa, eikä koulun tarvitse asentaa "
                            "mitään. Kokeilimme sitä kahdessa espoolaisessa koulussa.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "ask-the-curator",
            "status": ProposalStatus.SUBMITTED,
            "team": [AALTO],
            "groups": ["schools"],
            "language": "en",
            "title": "Ask the curator: live lessons from the collections store",
            "summary": "Once a month a museum expert answers pupils' questions live from the "
            "collections store. Classes send their questions in advance, and the recording "
            "stays available to the school.",
            "body": "Pupils rarely see where a museum keeps most of its objects. In these "
            "lessons a curator walks through the store with a camera and opens the drawers "
            "the classes asked about.\n\n"
            "Classes send questions through a simple form a week before. Each lesson is "
            "recorded and subtitled in Finnish and Swedish.\n\n"
            "We will study with teachers whether the lessons change how pupils talk about local "
            "history.",
            "translations": {
                "fi": {
                    "title": "Kysy amanuenssilta: suoria oppitunteja kokoelmavarastosta",
                    "summary": "Kerran kuussa museon asiantuntija vastaa oppilaiden "
                    "kysymyksiin suoraan kokoelmavarastosta. Luokat lähettävät kysymykset "
                    "etukäteen, ja tallenne jää koulun käyttöön.",
                },
                "sv": {
                    "title": "Fråga intendenten: direktlektioner från samlingsmagasinet",
                    "summary": "En gång i månaden svarar en sakkunnig från museet direkt från "
                    "magasinet på elevernas frågor. Klasserna skickar frågorna i förväg, och "
                    "inspelningen finns kvar för skolan.",
                },
            },
            "comments": [
                (
                    "oskari",
                    "Tallenteet olisivat hyödyllisiä myös opettajaopiskelijoille. Tuleeko "
                    "niihin tekstitys?",
                    [
                        (
                            "lead",
                            "Hyvä kysymys, kiitos. Kyllä, jokaiseen tallenteeseen tulee "
                            "tekstitys suomeksi ja ruotsiksi.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "museet-kommer",
            "status": ProposalStatus.SUBMITTED,
            "team": [ABO, KUULOKUVA],
            "groups": ["schools"],
            "language": "sv",
            "title": "Museet kommer till klassen – på svenska",
            "summary": "Distanslektioner för Esbos svenskspråkiga skolor, med lärarmaterial på "
            "svenska och ljudbeskrivningar som också elever med synnedsättning kan följa.",
            "body": "Esbos svenskspråkiga skolor får sällan museilektioner på sitt eget språk. "
            "Vi gör tre lektioner om Esbos historia för lågstadiet.\n\n"
            "Varje lektion har en ljudbeskrivning av föremålen, så att elever med "
            "synnedsättning kan följa med lika bra som de andra.\n\n"
            "Forskargruppen intervjuar lärare och elever efter lektionerna och skriver en kort "
            "rapport till museet.",
            "translations": {
                "fi": {
                    "title": "Museo tulee luokkaan – ruotsiksi",
                    "summary": "Etäoppitunteja Espoon ruotsinkielisille kouluille. Opettajan "
                    "materiaalit ovat ruotsiksi, ja äänikuvausten avulla myös näkövammaiset "
                    "oppilaat voivat seurata tuntia.",
                },
                "en": {
                    "title": "The museum comes to class – in Swedish",
                    "summary": "Remote lessons for Espoo's Swedish-language schools, with "
                    "teacher's material in Swedish and audio descriptions that pupils with "
                    "visual impairments can follow too.",
                },
            },
            "comments": [
                (
                    "mats",
                    "Äntligen något för de svenska skolorna. Kan lågstadiet och högstadiet "
                    "delta i samma lektion?",
                    [
                        (
                            "lead",
                            "Tack! Vi planerar skilda lektioner, eftersom innehållet och "
                            "uppgifterna skiljer sig mycket mellan åldrarna.",
                        )
                    ],
                ),
            ],
        },
    ],
    "kosketeltavat-kokoelmat": [
        {
            "key": "kosketeltavat-kopiot",
            "select_reason": "Valittu kokeiltavaksi KAMUn perusnäyttelyssä. Näkövammaisten "
            "kävijöiden arviot olivat parhaat, ja kopiot kestävät kosketusta.",
            "team_note": "Tiimin muistiinpano: ensimmäiset neljä kopiota tulostetaan ensi viikolla."
            " Kuulokuva äänittää ruotsinkieliset kuvaukset samalla käynnillä KAMUssa.",
            "status": ProposalStatus.SELECTED,
            "team": [MUSEOTECH, KUULOKUVA, ABO],
            "groups": ["seniors", "remote", "families"],
            "language": "fi",
            "title": "Kosketeltavat kopiot ja äänikuvaukset",
            "summary": "Teemme kymmenestä museon esineestä 3D-tulostetut kopiot, joita saa "
            "koskea. Jokaisen kopion vieressä on painike, josta kuulee esineen tarinan ja "
            "kuvailun.",
            "body": "Valitsemme esineet yhdessä Näkövammaisten liiton paikallisyhdistyksen "
            "kanssa. Kopiot tulostetaan kestävästä materiaalista, ja ne ovat oikean "
            "kokoisia.\n\n"
            "Kuulokuva tekee jokaisesta esineestä kolmen minuutin äänikuvauksen suomeksi, "
            "ruotsiksi ja englanniksi. Painikkeissa on pistekirjoitus.\n\n"
            "Åbo Akademin tutkijat haastattelevat kävijöitä pilotin aikana. Mittaamme, kuinka "
            "moni kävijä käyttää kopioita ja kuinka kauan.",
            "translations": {
                "sv": {
                    "title": "Kopior att röra vid och ljudbeskrivningar",
                    "summary": "Vi gör 3D-utskrivna kopior av tio föremål i museet som man får "
                    "röra vid. Bredvid varje kopia finns en knapp som spelar upp föremålets "
                    "historia och en beskrivning.",
                },
                "en": {
                    "title": "Touchable replicas and audio descriptions",
                    "summary": "We make 3D-printed replicas of ten of the museum's objects that "
                    "visitors may touch. Next to each replica a button plays the object's "
                    "story and a description.",
                },
            },
            "comments": [
                (
                    "pirjo",
                    "Olen heikkonäköinen ja odotan tätä kovasti. Onko painikkeissa pistekirjoitus?",
                    [
                        (
                            "lead",
                            "On. Painikkeissa on pistekirjoitus ja kohokuvio, ja ne ovat aina "
                            "samassa kohdassa kopion oikealla puolella.",
                        )
                    ],
                ),
                (
                    "emma",
                    "Finns ljudbeskrivningarna på svenska?",
                    [("lead", "Ja, varje ljudbeskrivning finns på finska, svenska och engelska.")],
                ),
            ],
        },
        {
            "key": "kosketuslaukku",
            "select_reason": "Valittu kokeiltavaksi Sellon kirjastossa. Laukku vie kokoelmat "
            "niillekin, jotka eivät pääse Tapiolaan asti, ja kustannukset ovat pienet.",
            "team_note": "Tiimin muistiinpano: Sellon kirjasto tarvitsee laukun mitat ja "
            "puhdistusohjeen ennen kuin laukku lisätään lainattaviin.",
            "status": ProposalStatus.SELECTED,
            "team": [SAAVUTETTAVA, VANTAA_SENIORS],
            "groups": ["seniors", "remote"],
            "language": "fi",
            "title": "Kosketuslaukku kirjastoon",
            "summary": "Laukku, jossa on kuusi kosketeltavaa esinekopiota ja äänikirja, kiertää "
            "Espoon kirjastoissa. Ensimmäinen kohde on Sellon kirjasto.",
            "body": "Kaikki eivät pääse KAMUun, mutta kirjastoon pääsee moni. Laukun voi "
            "lainata kirjastokortilla kahdeksi viikoksi.\n\n"
            "Laukussa on kuusi kopiota, äänikirja muistitikulla ja selkokielinen ohje. "
            "Vertaisoppaat pitävät kirjastossa kerran kuussa kosketushetken, jossa laukku "
            "avataan yhdessä.\n\n"
            "Kirjasto puhdistaa kopiot jokaisen lainan jälkeen. Laskemme lainat ja kysymme "
            "lainaajilta, mitä he laukusta oppivat.",
            "translations": {
                "sv": {
                    "title": "En väska med föremål att röra vid för biblioteket",
                    "summary": "En väska med sex kopior av föremål och en ljudbok cirkulerar "
                    "på Esbos bibliotek. Den första platsen är Sellobiblioteket.",
                },
                "en": {
                    "title": "A touch bag for the library",
                    "summary": "A bag with six touchable replicas and an audiobook travels "
                    "round Espoo's libraries. The first stop is Sello library.",
                },
            },
            "comments": [
                (
                    "veikko",
                    "Miten laukku puhdistetaan lainojen välillä?",
                    [
                        (
                            "lead",
                            "Kirjasto pyyhkii kopiot jokaisen lainan jälkeen. Materiaali "
                            "kestää desinfioinnin.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "haptic-gloves",
            "status": ProposalStatus.DECLINED,
            "team": [POHJOINEN, AALTO],
            "groups": ["remote"],
            "language": "en",
            "title": "Haptic gloves for fragile objects",
            "summary": "Visitors wear haptic gloves and feel virtual 3D models of objects "
            "that are too fragile to copy or touch.",
            "body": "Some of the museum's most interesting objects are too fragile even for a "
            "3D scanner's turntable. We scan them in place and build virtual models.\n\n"
            "With haptic gloves a visitor feels the shape and surface of the object while a "
            "guide tells its story.\n\n"
            "We would test the gloves with twenty visually impaired visitors and compare them "
            "with printed replicas.",
            "decline_reason": "Thank you for a bold proposal. The gloves cost more than this "
            "challenge's budget allows.",
            "translations": {
                "fi": {
                    "title": "Haptiset käsineet hauraille esineille",
                    "summary": "Kävijät pukevat haptiset käsineet ja tuntevat virtuaaliset "
                    "3D-mallit esineistä, jotka ovat liian hauraita kopioitaviksi tai "
                    "kosketeltaviksi.",
                },
                "sv": {
                    "title": "Haptiska handskar för ömtåliga föremål",
                    "summary": "Besökarna tar på sig haptiska handskar och känner virtuella "
                    "3D-modeller av föremål som är för ömtåliga att kopiera eller röra vid.",
                },
            },
            "comments": [
                (
                    "ahmed",
                    "Kuulostaa kiinnostavalta. Eikö käsineiden pukeminen ole hankalaa "
                    "vanhemmille kävijöille?",
                    [
                        (
                            "lead",
                            "A fair point. In our tests most people needed help the first time, "
                            "so a guide would always be there.",
                        )
                    ],
                ),
            ],
        },
    ],
    "valokuva-arkisto-tutkijoille": [
        {
            "key": "kuvahaku",
            "select_reason": "Valittu kokeiltavaksi. Haku vastaa suoraan tutkijoiden tarpeeseen, ja"
            " avoin rajapinta sopii museon kokoelmatietokantaan.",
            "team_note": "Tiimin muistiinpano: Museotech siirtää ensimmäiset 5 000 kuvaa "
            "testipalvelimelle. Tarkistetaan asiasanat Tapiolan ja Leppävaaran kuvista ennen "
            "julkaisua.",
            "status": ProposalStatus.SELECTED,
            "team": [AALTO, MUSEOTECH],
            "groups": ["researchers"],
            "language": "fi",
            "title": "Kuvahaku paikan ja asiasanan mukaan",
            "summary": "Avaamme 20 000 kuvaa verkkoon. Kuvia voi hakea kartalta, asiasanoilla "
            "ja vuosikymmenen mukaan, ja jokaisessa kuvassa näkyy, miten sitä saa käyttää.",
            "body": "Tutkijat ja opiskelijat kertovat, että kuvia on vaikea löytää, jos ei "
            "tiedä niiden numeroa. Haku toimii siksi kartalla ja tavallisilla sanoilla.\n\n"
            "Aloitamme 20 000 kuvasta, joiden tiedot ovat jo kunnossa. Hakupalvelu käyttää "
            "avointa rajapintaa, joten kuvia voi hakea myös omista ohjelmista.\n\n"
            "Mittaamme hakujen määrää ja sitä, kuinka usein haku löytää kuvan ensimmäisellä "
            "sivulla.",
            "translations": {
                "sv": {
                    "title": "Bildsökning efter plats och ämnesord",
                    "summary": "Vi lägger ut 20 000 bilder på nätet. Bilderna kan sökas på en "
                    "karta, med ämnesord och efter årtionde, och vid varje bild syns hur den "
                    "får användas.",
                },
                "en": {
                    "title": "Photo search by place and subject",
                    "summary": "We put 20,000 photographs online. They can be searched on a "
                    "map, by subject and by decade, and each photo shows how it may be used.",
                },
            },
            "comments": [
                (
                    "oskari",
                    "Teen gradua Espoon kartanoista, ja tämä säästäisi viikkoja. Saako kuvat "
                    "ladattua painokelpoisina?",
                    [
                        (
                            "staff",
                            "Kiitos, hienoa kuulla! Vapaasti käytettävät kuvat saa ladattua "
                            "suurina tiedostoina. Muista kuvista voit pyytää tiedoston "
                            "museolta.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "tunnistustalkoot",
            "select_reason": "Valittu kokeiltavaksi Sellon kirjastossa. Talkoot tuovat arkistoon "
            "tietoa, jota museolla ei muuten ole, ja budjetti on pieni.",
            "team_note": "Tiimin muistiinpano: Sellon kirjaston monitoimitila on varattu "
            "ensimmäisiin talkoisiin. Espoo-seura tuo kahvit, tutkijat tuovat tunnistuslomakkeet.",
            "status": ProposalStatus.SELECTED,
            "team": [ESPOO_SEURA, TAMPERE_RESEARCH],
            "groups": ["researchers"],
            "language": "fi",
            "title": "Tunnistustalkoot: asukkaat kertovat, mitä kuvissa on",
            "summary": "Espoo-seuran vapaaehtoiset ja museon kävijät tunnistavat kuvien "
            "paikkoja ja ihmisiä talkoissa ja verkossa. Tutkijat tarkistavat tiedot ennen "
            "julkaisua.",
            "body": "Tuhansista kuvista ei tiedetä, missä ne on otettu. Moni vanha espoolainen "
            "tunnistaa paikan heti.\n\n"
            "Järjestämme talkoita Sellon kirjastossa. Kuvat näytetään isolta näytöltä, ja "
            "tunnistukset kirjataan suoraan kuvan tietoihin. Samat kuvat ovat myös verkossa.\n\n"
            "Tampereen yliopiston tutkijat tarkistavat jokaisen tunnistuksen. Laskemme, kuinka "
            "monta kuvaa saa paikan tai vuoden.",
            "translations": {
                "sv": {
                    "title": "Bildtalko: invånarna berättar vad bilderna visar",
                    "summary": "Frivilliga från Espoo-seura och museets besökare identifierar "
                    "platser och personer på bilderna på talkon och på nätet. Forskare "
                    "kontrollerar uppgifterna före publiceringen.",
                },
                "en": {
                    "title": "Identification sessions: residents tell what the photos show",
                    "summary": "Espoo-seura's volunteers and museum visitors identify places "
                    "and people in the photos at sessions and online. Researchers check the "
                    "details before they are published.",
                },
            },
            "comments": [
                (
                    "marjatta",
                    "Asuin lapsena Espoonkartanossa. Tulen mielelläni talkoisiin!",
                    [
                        (
                            "lead",
                            "Tervetuloa! Ensimmäiset talkoot pidetään Sellon kirjastossa. "
                            "Ilmoitamme ajan tällä sivulla.",
                        )
                    ],
                ),
            ],
        },
        {
            "key": "kayttooikeudet",
            "select_reason": "Valittu kokeiltavaksi. Selkeät käyttöoikeudet ovat edellytys sille, "
            "että tutkijat voivat julkaista kuvia.",
            "team_note": "Tiimin muistiinpano: lahjoitussopimukset 1950–1970-luvuilta ovat KAMUn "
            "arkistossa WeeGeellä. Käydään ne läpi kahdessa erässä.",
            "status": ProposalStatus.SELECTED,
            "team": [TAMPERE_MUSEUMS, SAAVUTETTAVA],
            "groups": ["researchers"],
            "language": "fi",
            "title": "Selkeät käyttöoikeudet jokaiseen kuvaan",
            "summary": "Selvitämme 5 000 kuvan oikeudet ja merkitsemme ne selvästi: vapaa "
            "käyttö, käyttö nimeä mainiten tai kysy museolta. Tutkija näkee ehdot ennen "
            "latausta.",
            "body": "Moni tutkija jättää kuvan käyttämättä, koska ei tiedä, saako sitä "
            "julkaista. Tampereen museoissa sama ongelma ratkaistiin kolmella selkeällä "
            "merkinnällä.\n\n"
            "Käymme läpi kuvaajat ja lahjoitussopimukset. Jokainen kuva saa merkinnän, joka "
            "näkyy kuvan vieressä selkokielellä.\n\n"
            "Mittaamme, kuinka monen kuvan oikeudet ovat selvillä, ja kuinka moni lupakysely "
            "museolle jää pois.",
            "translations": {
                "sv": {
                    "title": "Tydliga användningsrättigheter för varje bild",
                    "summary": "Vi utreder rättigheterna till 5 000 bilder och märker dem "
                    "tydligt: fri användning, användning med namnet angivet eller fråga "
                    "museet. Forskaren ser villkoren före nedladdningen.",
                },
                "en": {
                    "title": "Clear usage rights for every photo",
                    "summary": "We clear the rights to 5,000 photos and label them plainly: "
                    "free to use, use with credit, or ask the museum. Researchers see the "
                    "terms before they download.",
                },
            },
        },
        {
            "key": "ar-kavely",
            "status": ProposalStatus.DECLINED,
            "team": [POHJOINEN],
            "groups": ["researchers"],
            "language": "fi",
            "title": "Vanhat kuvat lisätyssä todellisuudessa",
            "summary": "Kävelykierros, jolla puhelimen kamera näyttää vanhan kuvan samassa "
            "paikassa, jossa se aikanaan otettiin.",
            "body": "Arkiston kuvista ei aina tiedetä tarkasti, mistä ne on otettu. "
            "Kävelykierroksella puhelin tunnistaa paikan ja näyttää vanhan kuvan nykyisen "
            "näkymän päällä, ja kulkija voi vahvistaa kuvan paikan tai korjata sen.\n\n"
            "Kierros tehtäisiin aluksi kymmeneen kohteeseen Tapiolassa ja Leppävaarassa, ja "
            "jokaisessa kohteessa olisi 2–3 kuvaa 1950–1980-luvuilta.\n\n"
            "Kuuden viikon pilotissa laskisimme, kuinka monen kuvan paikkatieto tarkentuu ja "
            "kuinka moni kulkija kävelee koko kierroksen.",
            "decline_reason": "Hyvä idea, mutta se palvelee matkailijoita enemmän kuin "
            "tutkijoita. Toivomme, että tarjoatte sitä tulevaan haasteeseen.",
            "comments": [
                (
                    "oskari",
                    "Tämä olisi hieno lisä historian opetukseen.",
                    [
                        (
                            "staff",
                            "Kiitos! Olemme samaa mieltä, että idea on hyvä. Tämä haaste "
                            "etsi palvelua tutkijoille, joten ehdotus ei edennyt. Toivomme, "
                            "että tiimi tarjoaa sitä myöhemmin.",
                        )
                    ],
                ),
            ],
        },
    ],
}


def all_proposals():
    """(challenge slug, proposal) for every demo proposal."""
    for slug, proposals in PROPOSALS.items():
        for proposal in proposals:
            yield slug, proposal


BY_KEY = {proposal["key"]: (slug, proposal) for slug, proposal in all_proposals()}
