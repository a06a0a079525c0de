"""What demo customers complain about: the categories, products and the words they use.

Every text comes as an ``(English, French)`` pair, indexed by :data:`EN` and :data:`FR`.
Subjects and details take ``{product}``, ``{amount}`` and ``{date}``.
"""

from __future__ import annotations

from dataclasses import dataclass

EN, FR = 0, 1

Pair = tuple[str, str]


@dataclass(frozen=True)
class Topic:
    """One leaf of the category taxonomy with the words customers use about it."""

    code: str
    name: Pair
    function: str
    root_causes: tuple[str, ...]
    products: tuple[Pair, ...]
    subjects: tuple[tuple[str, ...], tuple[str, ...]]
    details: tuple[tuple[str, ...], tuple[str, ...]]
    weight: int
    problem: str | None = None
    """Title of the recurring problem some of its complaints are linked to."""

    @property
    def parent(self) -> str:
        """Code of the top-level category."""
        return self.code.split(".", 1)[0]


CARDS = (
    ("Visa Classic card", "carte Visa Classic"),
    ("Mastercard Gold card", "carte Mastercard Gold"),
    ("Visa Premier card", "carte Visa Premier"),
)
LINES = (("mobile plan", "forfait mobile"), ("fibre broadband", "abonnement fibre"))
POLICIES = (
    ("home insurance", "assurance habitation"),
    ("car insurance", "assurance auto"),
    ("travel insurance", "assurance voyage"),
)

TOPICS: tuple[Topic, ...] = (
    Topic(
        "billing.double_charge",
        ("Charged twice", "Double facturation"),
        "billing",
        ("billing_system_error", "manual_error"),
        (*LINES, ("home insurance", "assurance habitation")),
        (
            ("Charged twice for my {product}", "Double charge of {amount}", "Billed twice"),
            (
                "Facturé deux fois : {product}",
                "Double prélèvement de {amount}",
                "Prélevé deux fois",
            ),
        ),
        (
            (
                "I was charged {amount} twice on {date} for my {product}.",
                "My statement shows two identical debits of {amount} on {date}.",
            ),
            (
                "J'ai été facturé deux fois {amount} le {date} ({product}).",
                "Mon relevé affiche deux prélèvements identiques de {amount} le {date}.",
            ),
        ),
        12,
        "Duplicate direct debits after the billing migration",
    ),
    Topic(
        "billing.incorrect_amount",
        ("Wrong amount billed", "Montant facturé erroné"),
        "billing",
        ("pricing_change", "billing_system_error", "customer_error"),
        LINES,
        (
            ("Wrong amount on my {product} bill", "Unexpected fees on my invoice"),
            ("Montant erroné sur ma facture", "Frais inattendus sur ma facture"),
        ),
        (
            (
                "My latest bill for my {product} is {amount}, far above the agreed price.",
                "Fees I never agreed to were added to my invoice on {date}.",
            ),
            (
                "Ma dernière facture ({product}) s'élève à {amount}, bien au-delà du tarif prévu.",
                "Des frais que je n'ai jamais acceptés figurent sur ma facture du {date}.",
            ),
        ),
        10,
    ),
    Topic(
        "cards.blocked",
        ("Card blocked", "Carte bloquée"),
        "it",
        ("fraud_rule", "release_defect", "customer_error"),
        CARDS,
        (
            (
                "My card was blocked without warning",
                "Card refused at the till",
                "Card blocked abroad",
            ),
            (
                "Carte bloquée sans prévenir",
                "Carte refusée en caisse",
                "Carte bloquée à l'étranger",
            ),
        ),
        (
            (
                "My {product} was blocked on {date} and I could not pay for my shopping.",
                "I was abroad on {date} when my {product} stopped working; I had no way to pay.",
            ),
            (
                "Ma {product} a été bloquée le {date} et je n'ai pas pu régler mes courses.",
                "J'étais à l'étranger le {date} quand ma {product} a cessé de fonctionner.",
            ),
        ),
        9,
    ),
    Topic(
        "cards.disputed_payment",
        ("Disputed card payment", "Paiement par carte contesté"),
        "billing",
        ("third_party", "fraud_rule", "customer_error"),
        CARDS,
        (
            ("Unknown payment of {amount} on my card", "I did not make this transaction"),
            ("Paiement inconnu de {amount} sur ma carte", "Je n'ai pas effectué cette opération"),
        ),
        (
            (
                "A payment of {amount} I do not recognise appeared on {date}; I still have my card",
                "I disputed a payment of {amount} on {date} and I am still waiting for a refund.",
            ),
            (
                "Un paiement de {amount} que je ne reconnais pas est apparu le {date}.",
                "J'ai contesté un paiement de {amount} le {date} et j'attends toujours le "
                "remboursement.",
            ),
        ),
        8,
    ),
    Topic(
        "accounts.closure",
        ("Account closure delay", "Clôture de compte tardive"),
        "care",
        ("manual_error", "unclear_information"),
        (("current account", "compte courant"), ("savings account", "livret d'épargne")),
        (
            (
                "Account still open after my closure request",
                "Fees charged after closing my account",
            ),
            ("Compte toujours ouvert malgré ma demande", "Frais prélevés après la clôture"),
        ),
        (
            (
                "I asked on {date} to close my {product}, yet I was charged {amount} since.",
                "My {product} should have been closed weeks ago and fees keep coming.",
            ),
            (
                "J'ai demandé le {date} la clôture de mon {product}, et on m'a prélevé {amount}.",
                "Mon {product} aurait dû être clôturé il y a des semaines ; les frais continuent.",
            ),
        ),
        5,
    ),
    Topic(
        "loans.fees",
        ("Loan fees and rates", "Frais et taux de crédit"),
        "billing",
        ("pricing_change", "unclear_information", "customer_error"),
        (("personal loan", "prêt personnel"), ("car loan", "prêt auto"), ("mortgage", "prêt immo")),
        (
            ("Early repayment fees on my {product}", "Interest rate higher than agreed"),
            ("Frais de remboursement anticipé : {product}", "Taux supérieur à celui convenu"),
        ),
        (
            (
                "I was charged {amount} in early repayment fees on my {product}, "
                "which my contract does not mention.",
                "The rate applied to my {product} since {date} is higher than the one I signed.",
            ),
            (
                "On m'a facturé {amount} de frais de remboursement anticipé sur mon {product}, "
                "alors que mon contrat n'en prévoit pas.",
                "Le taux appliqué à mon {product} depuis le {date} dépasse celui signé.",
            ),
        ),
        5,
    ),
    Topic(
        "insurance.claim_refused",
        ("Insurance claim refused", "Sinistre refusé"),
        "legal",
        ("contract_exclusion", "unclear_information"),
        POLICIES,
        (
            ("Insurance claim refused", "Water damage claim rejected", "My claim was turned down"),
            ("Sinistre refusé", "Refus de prise en charge d'un dégât des eaux", "Dossier refusé"),
        ),
        (
            (
                "My {product} claim for damage on {date} was refused over an exclusion "
                "I was never told about.",
                "You refused to pay {amount} for my {product} claim without any explanation.",
            ),
            (
                "Ma déclaration de sinistre du {date} ({product}) a été refusée au motif d'une "
                "exclusion dont je n'avais jamais été informé.",
                "Vous refusez de régler {amount} au titre de mon {product}, sans explication.",
            ),
        ),
        6,
    ),
    Topic(
        "insurance.claim_delay",
        ("Slow claim handling", "Lenteur de gestion du sinistre"),
        "claims",
        ("claims_backlog", "third_party"),
        POLICIES,
        (
            ("No news on my claim for weeks", "Claim payment of {amount} still pending"),
            ("Aucune nouvelle de mon sinistre", "Indemnisation de {amount} toujours en attente"),
        ),
        (
            (
                "I declared a claim on my {product} on {date} and have heard nothing since.",
                "The expert agreed {amount} on {date} but nothing has been paid.",
            ),
            (
                "J'ai déclaré un sinistre ({product}) le {date} et je n'ai plus de nouvelles.",
                "L'expert a validé {amount} le {date} mais rien n'a été versé.",
            ),
        ),
        5,
        "Claims backlog after the spring storms",
    ),
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
