"""What the email benchmark's customers write: subjects and bodies in English and French."""

from __future__ import annotations

ENGLISH = (
    ("Charged twice for my order", "Hello,\n\nMy card was charged twice for order 4471 on "
     "3 January. Please refund the second payment as soon as possible."),
    ("Parcel never delivered", "Dear team,\n\nThe tracking says delivered but nothing arrived. "
     "Nobody in the building received it. What will you do about it?"),
    ("Wrong invoice amount", "Hello,\n\nThe invoice for December shows 89.90 instead of the "
     "59.90 agreed in my contract. Please correct it."),
    ("Rude staff at the counter", "I was treated very rudely at your Lyon branch yesterday "
     "afternoon when asking about my refund. This is unacceptable."),
    ("Internet down for a week", "My connection has been down since last Monday. Three calls, "
     "no technician. I work from home and need this fixed."),
    ("Refund still not received", "You promised a refund within 10 days a month ago. I have "
     "received nothing. Please tell me when it will be paid."),
)  # fmt: skip

FRENCH = (
    ("Facture prélevée deux fois", "Bonjour,\n\nMa facture de mars a été prélevée deux fois sur "
     "mon compte. Merci de me rembourser le second prélèvement."),
    ("Colis jamais reçu", "Madame, Monsieur,\n\nLe suivi indique que le colis est livré mais je "
     "n'ai rien reçu. Je vous demande un nouvel envoi ou un remboursement."),
    ("Erreur sur ma facture", "Bonjour,\n\nLe montant de ma facture ne correspond pas à mon "
     "contrat : 89,90 € au lieu de 59,90 €. Merci de corriger."),
    ("Accueil désagréable en agence", "Bonjour,\n\nJ'ai été très mal reçu à l'agence de Nantes "
     "samedi. Je souhaite que ma réclamation soit prise en compte."),
    ("Coupure internet depuis une semaine", "Bonjour,\n\nPlus de connexion depuis lundi dernier, "
     "aucun technicien n'est venu malgré trois appels. Merci d'intervenir."),
    ("Remboursement toujours pas reçu", "Bonjour,\n\nVous m'aviez promis un remboursement sous "
     "10 jours il y a un mois. Je n'ai toujours rien reçu. Cordialement"),
)  # fmt: skip

NAMES = (
    ("Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Inès", "James",
     "Karim", "Léa", "Marc", "Nadia", "Oscar", "Paula", "Quentin", "Rose", "Sami", "Tom"),
    ("Martin", "Bernard", "Dubois", "Smith", "Jones", "Moreau", "Taylor", "Laurent", "Brown",
     "Lefebvre", "Wilson", "Garcia", "Roux", "Evans", "Fournier", "Walker", "Girard", "Mercier"),
)  # fmt: skip
