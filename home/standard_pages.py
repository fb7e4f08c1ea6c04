"""Text of the fixed pages (about, privacy, accessibility statement), in Dutch. Their titles are in
the translation catalogue (English menu and headings at /en/); the text is Dutch only."""

from django.utils.translation import gettext_noop


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]


STANDARD_PAGES = [
    {
        "slug": "over",
        "title": gettext_noop("Over het kennisnetwerk"),
        "menu": True,
        "intro": "Een landelijk kennisnetwerk en register van aanpakken rond relaties en scheiden.",
        "body": _p(
            "Uit de quickscan van 2025 onder gemeenten blijkt dat gemeenten en regio's graag van "
            "elkaar leren, maar niet goed weten wie waar staat. Op deze site beschrijven "
            "coördinatoren de aanpak van hun gemeente of regio: visie, partners, financiering, "
            "aanbod, sturing, evaluatie, knelpunten en behoeften.",
            "Het ministerie van Justitie en Veiligheid organiseert en beveelt bijeenkomsten aan "
            "waarin regio's hun aanpak, knelpunten en behoeften met elkaar bespreken.",
            "De gegevens over gemeenten, regio's en inwonertallen komen van het CBS (CC BY 4.0); "
            "de kaartgrenzen van CBS / PDOK (CC BY 4.0).",
        ),
    },
    {
        "slug": "privacy",
        "title": gettext_noop("Privacyverklaring"),
        "menu": False,
        "intro": "Welke persoonsgegevens deze site verwerkt, waarom en hoe lang.",
        "body": _p(
            "Openbare profielen bevatten alleen functionele e-mailadressen van organisaties. Namen "
            "en gegevens van contactpersonen zijn alleen zichtbaar voor geverifieerde leden en komen "
            "nooit in de openbare zoekindex of de open data.",
            "Aanmeldingen voor bijeenkomsten: we bewaren naam, e-mailadres, organisatie, gemeente en "
            "rol om de bijeenkomst te organiseren. Standaard 90 dagen na de bijeenkomst worden deze "
            "gegevens gewist; alleen aantallen blijven bewaard.",
            "Leden kunnen hun gegevens op elk moment downloaden en hun account verwijderen via hun "
            "accountpagina.",
        ),
    },
    {
        "slug": "toegankelijkheid",
        "title": gettext_noop("Toegankelijkheidsverklaring"),
        "menu": False,
        "intro": "Deze site streeft naar toegankelijkheid volgens WCAG 2.1 niveau AA.",
        "body": _p(
            "De pagina's zijn gebouwd met semantische HTML, werken zonder JavaScript, zijn met het "
            "toetsenbord te bedienen en hebben een link om direct naar de inhoud te gaan. Grafieken "
            "hebben een tekstuele samenvatting en een tabel met de cijfers.",
            "Elke wijziging wordt automatisch getoetst met axe in een echte browser. Loopt u toch "
            "tegen een probleem aan, meld het dan via het contactadres van het kennisnetwerk.",
        ),
    },
]
