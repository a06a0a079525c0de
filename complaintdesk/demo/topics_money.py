"""Demo topics about money: billing, cards, accounts, loans and insurance claims."""

from __future__ import annotations

from complaintdesk.demo.topic_kinds import CARDS, LINES, POLICIES, Topic

MONEY_TOPICS: tuple[Topic, ...] = (
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
)
