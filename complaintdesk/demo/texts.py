"""What demo agents, customers and functions write to each other, in English and French.

Each pool is a pair ``(English texts, French texts)``. Placeholders: ``{name}`` (customer),
``{reference}``, ``{agent}`` (owner), ``{due}`` (a date) and ``{remedy}``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

Pool = tuple[tuple[str, ...], tuple[str, ...]]

MONTHS = (
    (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    (
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre",
    ),
)  # fmt: skip


@lru_cache(maxsize=4096)
def date_text(day: int, language: int) -> str:
    """Return a date (days since 1970-01-01) as people write it: "4 March 2025", "4 mars 2025"."""
    when = date.fromordinal(date(1970, 1, 1).toordinal() + day)
    return f"{when.day} {MONTHS[language][when.month - 1]} {when.year}"


ACKNOWLEDGEMENTS: Pool = (
    (
        "Dear {name},\n\nThank you for contacting us. Your complaint is registered under the "
        "reference {reference} and I am handling it personally. You will have our answer by "
        "{due} at the latest.\n\nKind regards,\n{agent}",
        "Dear {name},\n\nWe have received your complaint ({reference}). I will look into it "
        "and come back to you before {due}.\n\nBest regards,\n{agent}",
    ),
    (
        "Bonjour {name},\n\nNous avons bien reçu votre réclamation, enregistrée sous la "
        "référence {reference}. J'en assure le suivi et vous répondrai au plus tard le "
        "{due}.\n\nCordialement,\n{agent}",
        "Madame, Monsieur,\n\nVotre réclamation {reference} a bien été enregistrée. Nous nous "
        "engageons à vous répondre avant le {due}.\n\nBien cordialement,\n{agent}",
    ),
)
SPOKEN_ACKNOWLEDGEMENTS: Pool = (
    (
        "Complaint confirmed during the call; reference {reference} given to the customer.",
        "Printed receipt handed over at the counter: reference {reference}, answer by {due}.",
    ),
    (
        "Réclamation confirmée pendant l'appel ; référence {reference} communiquée au client.",
        "Récépissé remis au guichet : référence {reference}, réponse promise avant le {due}.",
    ),
)
UPDATES: Pool = (
    (
        "Dear {name},\n\nWe are still looking into {reference} and will update you shortly."
        "\n\n{agent}",
        "Dear {name},\n\nA quick update: our specialists are checking your file. Thank you for "
        "your patience.\n\n{agent}",
    ),
    (
        "Bonjour {name},\n\nNous poursuivons l'analyse de votre dossier {reference} et "
        "reviendrons très vite vers vous.\n\n{agent}",
        "Bonjour {name},\n\nPetit point d'étape : nos équipes spécialisées vérifient votre "
        "dossier. Merci de votre patience.\n\n{agent}",
    ),
)
INFORMATION_REQUESTS: Pool = (
    (
        "Dear {name},\n\nTo move forward with {reference}, could you please send us a copy of "
        "your latest statement?\n\n{agent}",
        "Dear {name},\n\nCould you send us photos of the item and of its packaging?\n\n{agent}",
    ),
    (
        "Bonjour {name},\n\nAfin de poursuivre l'instruction de {reference}, pourriez-vous nous "
        "transmettre une copie de votre dernier relevé ?\n\n{agent}",
        "Bonjour {name},\n\nPourriez-vous nous envoyer des photos de l'article et de son "
        "emballage ?\n\n{agent}",
    ),
)
FOLLOW_UPS: Pool = (
    (
        "Any news about my complaint {reference}?",
        "Here is the document you asked for.",
        "I am still waiting for an answer. This is not acceptable.",
        "Please call me back, I am available this afternoon.",
        "I forgot to mention that it happened again yesterday.",
    ),
    (
        "Avez-vous du nouveau concernant ma réclamation {reference} ?",
        "Vous trouverez ci-joint le justificatif demandé.",
        "J'attends toujours une réponse. Ce n'est pas acceptable.",
        "Merci de me rappeler, je suis disponible cet après-midi.",
        "J'ai oublié de préciser que le problème s'est reproduit hier.",
    ),
)
NOTES: Pool = (
    (
        "Called the customer, left a voicemail.",
        "Checked the account history: the customer's account of events is confirmed.",
        "Asked the responsible function for its analysis.",
        "Customer confirmed the details by phone.",
        "Listened to the call recording: the adviser did not follow the script.",
        "Second line reviewed the file; waiting for their conclusion.",
    ),
    (
        "Appel au client, message laissé sur le répondeur.",
        "Historique du compte vérifié : la version du client est confirmée.",
        "Analyse demandée à la fonction responsable.",
        "Le client a confirmé les éléments par téléphone.",
        "Écoute de l'enregistrement : le conseiller n'a pas suivi la procédure.",
        "Dossier relu par le second niveau ; conclusion attendue.",
    ),
)
FINAL_RESPONSES: dict[str, Pool] = {
    "upheld": (
        (
            "Dear {name},\n\nWe have completed our review of {reference}. You were right and we "
            "apologise. {remedy}\n\nKind regards,\n{agent}",
        ),
        (
            "Bonjour {name},\n\nNous avons terminé l'examen de votre réclamation {reference}. "
            "Vous aviez raison et nous vous prions de nous en excuser. {remedy}\n\n"
            "Cordialement,\n{agent}",
        ),
    ),
    "partly_upheld": (
        (
            "Dear {name},\n\nThis is our final response to {reference}. We agree with part of "
            "your complaint. {remedy} If you are not satisfied, you may refer your complaint to "
            "the ombudsman within six months of this letter.\n\nKind regards,\n{agent}",
        ),
        (
            "Bonjour {name},\n\nVoici notre réponse définitive à {reference}. Votre réclamation "
            "est en partie fondée. {remedy} Si cette réponse ne vous satisfait pas, vous pouvez "
            "saisir gratuitement le médiateur dans un délai d'un an.\n\nCordialement,\n{agent}",
        ),
    ),
    "not_upheld": (
        (
            "Dear {name},\n\nThis is our final response to {reference}. After a full review we "
            "cannot uphold your complaint: the charge was applied as your contract provides. "
            "If you are not satisfied, you may refer your complaint to the ombudsman within six "
            "months of this letter.\n\nKind regards,\n{agent}",
        ),
        (
            "Bonjour {name},\n\nVoici notre réponse définitive à {reference}. Après examen "
            "complet, nous ne pouvons pas donner une suite favorable à votre demande : les "
            "conditions de votre contrat ont été appliquées. Vous pouvez saisir gratuitement le "
            "médiateur dans un délai d'un an.\n\nCordialement,\n{agent}",
        ),
    ),
}
REMEDIES: dict[str, Pool] = {
    "upheld": (
        (
            "We have refunded {amount} to your account.",
            "We have cancelled the charge of {amount}.",
            "As a goodwill gesture we have credited {amount}.",
        ),
        (
            "Nous avons remboursé {amount} sur votre compte.",
            "Nous avons annulé le prélèvement de {amount}.",
            "À titre commercial, nous avons crédité {amount}.",
        ),
    ),
    "partly_upheld": (
        ("As a goodwill gesture we have credited {amount}.", "We have refunded {amount}."),
        ("À titre commercial, nous avons crédité {amount}.", "Nous avons remboursé {amount}."),
    ),
}
THANKS: Pool = (
    ("Thank you for sorting this out.", "Thanks, the refund has arrived."),
    ("Merci pour votre retour, le problème est réglé.", "Merci, le remboursement est arrivé."),
)
WITHDRAWALS: Pool = (
    ("Please close my complaint, the problem has solved itself in the meantime.",),
    ("Vous pouvez clôturer ma réclamation, le problème s'est résolu entre-temps.",),
)
COMMITMENTS: Pool = (
    (
        "Send a copy of the latest bank statement",
        "Send photos of the damaged item",
        "Return the signed claim form",
        "Confirm the postal address for the replacement",
    ),
    (
        "Envoyer une copie du dernier relevé bancaire",
        "Envoyer des photos de l'article endommagé",
        "Retourner le formulaire de sinistre signé",
        "Confirmer l'adresse postale pour le remplacement",
    ),
)
QUESTIONS: dict[str, tuple[str, ...]] = {
    "billing": (
        "Please check the debits of the last two months and confirm whether a refund is due.",
        "Can you confirm the price applied and the date of the last tariff change?",
    ),
    "logistics": (
        "Where is the parcel? Please ask the carrier for proof of delivery.",
        "Can you ship a replacement today and give me the tracking number?",
    ),
    "it": (
        "Please check the card authorisation logs for the date given by the customer.",
        "Was there an incident on the app or the network at that time?",
    ),
    "quality": ("Please review the call recording and tell me what you find.",),
    "legal": ("Does the exclusion apply to this contract version? I need your opinion.",),
    "claims": ("What is the status of this claim and when will the payment be made?",),
    "care": ("Please check the closure request history on this account.",),
}
ANSWERS: dict[str, tuple[str, ...]] = {
    "billing": (
        "Second debit confirmed as an error; refund ordered.",
        "Price correct, see the tariff letter sent two months ago.",
    ),
    "logistics": ("Carrier confirms the parcel was lost; replacement shipped.",),
    "it": ("Logs show the fraud rule blocked the card; rule has been tuned.",),
    "quality": ("Recording reviewed: the adviser was abrupt; coaching planned.",),
    "legal": ("The exclusion does not apply to this version of the contract.",),
    "claims": ("Payment approved, it will be made within five working days.",),
    "care": ("The closure request was received but never processed; fixed today.",),
}

OPENINGS = (
    ("Hello,", "Good morning,", "To whom it may concern,", "Hi,"),
    ("Bonjour,", "Madame, Monsieur,", "Bonjour,", "Bonsoir,"),
)
REQUESTS = (
    (
        "Please refund me as soon as possible.",
        "I expect an explanation and a correction.",
        "This is the second time I have contacted you about this.",
        "I would like this sorted out this week.",
        "If I get no answer I will go to the ombudsman.",
    ),
    (
        "Merci de me rembourser au plus vite.",
        "J'attends une explication et une régularisation.",
        "C'est la deuxième fois que je vous contacte à ce sujet.",
        "Je souhaite que ce soit réglé cette semaine.",
        "Sans réponse de votre part, je saisirai le médiateur.",
    ),
)
