"""Demo topics about everyday service: deliveries, staff, the app, the network, data."""

from __future__ import annotations

from complaintdesk.demo.topic_kinds import LINES, Topic

EVERYDAY_TOPICS: tuple[Topic, ...] = (
    Topic(
        "delivery.late",
        ("Late delivery", "Livraison en retard"),
        "logistics",
        ("carrier_delay", "warehouse_error"),
        (("new SIM card", "carte SIM"), ("router", "box internet"), ("phone", "téléphone")),
        (
            ("Order still not delivered", "{product} delivery two weeks late", "Parcel never came"),
            (
                "Commande toujours pas livrée",
                "Livraison en retard : {product}",
                "Colis jamais reçu",
            ),
        ),
        (
            (
                "I ordered a {product} on {date} and it has still not arrived, despite "
                "the promised 48-hour delivery.",
                "The tracking says my {product} was delivered on {date}, but I never got it.",
            ),
            (
                "J'ai commandé le {date} ({product}) et je n'ai toujours rien reçu, malgré "
                "la livraison promise sous 48 heures.",
                "Le suivi indique une livraison le {date} ({product}), mais je n'ai rien reçu.",
            ),
        ),
        9,
        "Carrier missing deliveries in the south-west",
    ),
    Topic(
        "delivery.damaged",
        ("Damaged delivery", "Livraison endommagée"),
        "logistics",
        ("warehouse_error", "carrier_delay"),
        (("router", "box internet"), ("phone", "téléphone")),
        (
            ("Item arrived damaged", "Broken {product} delivered"),
            ("Article reçu endommagé", "Reçu cassé : {product}"),
        ),
        (
            (
                "The {product} delivered on {date} was broken when I opened the box.",
                "My {product} arrived with a cracked screen on {date}.",
            ),
            (
                "Le colis livré le {date} ({product}) était cassé à l'ouverture.",
                "Écran fissuré à la livraison du {date} ({product}).",
            ),
        ),
        4,
    ),
    Topic(
        "service.staff_attitude",
        ("Staff attitude", "Attitude du personnel"),
        "quality",
        ("staff_behaviour", "customer_error"),
        (("branch visit", "visite en agence"), ("phone call", "appel au service client")),
        (
            ("Rude staff at the branch", "Adviser hung up on me", "Very poor welcome in your shop"),
            ("Personnel désagréable", "Le conseiller m'a raccroché au nez", "Accueil déplorable"),
        ),
        (
            (
                "On {date} the adviser was dismissive and rude, and refused to give their name.",
                "I waited forty minutes on {date} and was then sent away without an answer.",
            ),
            (
                "Le {date}, le conseiller s'est montré méprisant et a refusé de donner son nom.",
                "J'ai attendu quarante minutes le {date} pour repartir sans réponse.",
            ),
        ),
        7,
    ),
    Topic(
        "digital.app_outage",
        ("App or website outage", "Panne de l'application ou du site"),
        "it",
        ("release_defect", "network_incident"),
        (("mobile app", "application mobile"), ("online banking", "banque en ligne")),
        (
            ("App not working since the update", "Cannot log in to {product}", "Transfer failed"),
            ("Application inutilisable", "Impossible de me connecter", "Virement échoué"),
        ),
        (
            (
                "Since the update on {date} the {product} crashes at login; I cannot pay my bills.",
                "A transfer of {amount} failed on {date} but my account was debited anyway.",
            ),
            (
                "Depuis la mise à jour du {date}, impossible d'utiliser : {product}.",
                "Un virement de {amount} a échoué le {date} mais mon compte a été débité.",
            ),
        ),
        7,
        "Mobile app crashes at login after release 5.2",
    ),
    Topic(
        "telecom.network",
        ("Network outage", "Panne réseau"),
        "it",
        ("network_incident", "third_party"),
        LINES,
        (
            ("No internet connection for a week", "Repeated network outages"),
            ("Plus d'internet depuis une semaine", "Coupures réseau à répétition"),
        ),
        (
            (
                "My {product} has been down since {date}; I work from home and lose money.",
                "The connection drops several times a day since {date}.",
            ),
            (
                "Mon {product} ne fonctionne plus depuis le {date} ; je télétravaille.",
                "La connexion coupe plusieurs fois par jour depuis le {date}.",
            ),
        ),
        6,
    ),
    Topic(
        "telecom.cancellation",
        ("Cancellation not processed", "Résiliation non prise en compte"),
        "legal",
        ("manual_error", "unclear_information"),
        LINES,
        (
            ("Cancellation not taken into account", "Still billed after cancelling"),
            ("Résiliation non prise en compte", "Toujours facturé après résiliation"),
        ),
        (
            (
                "I cancelled my {product} on {date} and I was still billed {amount}.",
                "My cancellation letter of {date} was ignored.",
            ),
            (
                "J'ai résilié mon {product} le {date} et on m'a encore facturé {amount}.",
                "Mon courrier de résiliation du {date} a été ignoré.",
            ),
        ),
        4,
    ),
    Topic(
        "accounts.personal_data",
        ("Personal data", "Données personnelles"),
        "legal",
        ("manual_error", "third_party"),
        (("customer account", "espace client"),),
        (
            ("My personal data was shared without consent", "Marketing calls despite opting out"),
            ("Données personnelles partagées sans accord", "Démarchage malgré mon opposition"),
        ),
        (
            (
                "Since {date} I receive calls from partners I never allowed to contact me.",
                "I asked on {date} to stop all marketing and it goes on.",
            ),
            (
                "Depuis le {date}, des partenaires que je n'ai jamais autorisés m'appellent.",
                "J'ai demandé le {date} l'arrêt de toute prospection, sans effet.",
            ),
        ),
        3,
    ),
)
