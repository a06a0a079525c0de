<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AdminDialog</name>
    <message>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <source>&amp;Functions</source>
        <translation>&amp;Fonctions</translation>
    </message>
    <message>
        <source>&amp;Routing rules</source>
        <translation>Règles de &amp;routage</translation>
    </message>
    <message>
        <source>&amp;Promises</source>
        <translation>&amp;Engagements de service</translation>
    </message>
    <message>
        <source>R&amp;oot causes</source>
        <translation>&amp;Causes racines</translation>
    </message>
    <message>
        <source>T&amp;emplates</source>
        <translation>&amp;Modèles</translation>
    </message>
</context>
<context>
    <name>AnswerChannel</name>
    <message>
        <source>Answer on</source>
        <translation>Répondre par</translation>
    </message>
    <message>
        <source>The channel the customer used last</source>
        <translation>Le canal que le client a utilisé en dernier</translation>
    </message>
    <message>
        <source>&amp;Answer on:</source>
        <translation>&amp;Répondre par :</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Encrypted database</source>
        <translation>Base de données chiffrée</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Phrase secrète :</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <source>Ask a function about {reference}</source>
        <translation>Interroger une fonction sur {reference}</translation>
    </message>
    <message>
        <source>&amp;Ask</source>
        <translation>&amp;Interroger</translation>
    </message>
    <message>
        <source>You stay the owner: the functions answer you. Space ticks a function.</source>
        <translation>Vous restez responsable : les fonctions vous répondent. Espace coche une fonction.</translation>
    </message>
    <message>
        <source>answers within {hours} h</source>
        <translation>répond sous {hours} h</translation>
    </message>
    <message>
        <source>&amp;Functions:</source>
        <translation>&amp;Fonctions :</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <translation>&amp;Question :</translation>
    </message>
    <message>
        <source>What do you need to know?</source>
        <translation>Que voulez-vous savoir ?</translation>
    </message>
    <message>
        <source>Tick at least one function to ask.</source>
        <translation>Cochez au moins une fonction à interroger.</translation>
    </message>
</context>
<context>
    <name>AttachDialog</name>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Rattacher</translation>
    </message>
    <message>
        <source>A problem links complaints that share one cause to fix upstream.</source>
        <translation>Un problème relie des réclamations qui ont une même cause à corriger en amont.</translation>
    </message>
    <message>
        <source>A new problem…</source>
        <translation>Un nouveau problème…</translation>
    </message>
    <message>
        <source>&amp;Problem:</source>
        <translation>&amp;Problème :</translation>
    </message>
    <message>
        <source>&amp;New problem&apos;s title:</source>
        <translation>Titre du &amp;nouveau problème :</translation>
    </message>
    <message>
        <source>What goes wrong, e.g. Parcels stuck at Lyon depot</source>
        <translation>Ce qui ne va pas, p. ex. Colis bloqués au dépôt de Lyon</translation>
    </message>
    <message>
        <source>Give the new problem a title.</source>
        <translation>Donnez un titre au nouveau problème.</translation>
    </message>
    <message numerus="yes">
        <source>Attach %n complaint(s) to a problem</source>
        <translation>
            <numerusform>Rattacher %n réclamation à un problème</numerusform>
            <numerusform>Rattacher %n réclamations à un problème</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail — {title}</source>
        <translation>Journal d&apos;audit — {title}</translation>
    </message>
    <message>
        <source>✓ Every event shown checks against the hash chain.</source>
        <translation>✓ Chaque événement affiché est conforme à la chaîne d&apos;empreintes.</translation>
    </message>
    <message numerus="yes">
        <source>✗ %n event(s) were changed outside ComplaintDesk.</source>
        <translation>
            <numerusform>✗ %n événement a été modifié en dehors de ComplaintDesk.</numerusform>
            <numerusform>✗ %n événements ont été modifiés en dehors de ComplaintDesk.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Avant → après</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Contrôle</translation>
    </message>
    <message>
        <source>This event was changed outside ComplaintDesk (chain {chain}, #{seq}).</source>
        <translation>Cet événement a été modifié en dehors de ComplaintDesk (chaîne {chain}, n° {seq}).</translation>
    </message>
    <message>
        <source>(system)</source>
        <translation>(système)</translation>
    </message>
    <message>
        <source>✓ intact</source>
        <translation>✓ intact</translation>
    </message>
    <message>
        <source>✗ altered</source>
        <translation>✗ altéré</translation>
    </message>
</context>
<context>
    <name>AwaitedPanel</name>
    <message>
        <source>Contribution requests</source>
        <translation>Demandes de contribution</translation>
    </message>
    <message>
        <source>Customer commitments</source>
        <translation>Engagements du client</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>No contribution requests</source>
        <translation>Aucune demande de contribution</translation>
    </message>
    <message>
        <source>No customer commitments</source>
        <translation>Aucun engagement du client</translation>
    </message>
    <message>
        <source>LATE — {state}</source>
        <translation>EN RETARD — {state}</translation>
    </message>
    <message>
        <source>{function} · {state}</source>
        <translation>{function} · {state}</translation>
    </message>
    <message>
        <source>Due {when}</source>
        <translation>Échéance {when}</translation>
    </message>
    <message>
        <source>Q: {question}</source>
        <translation>Q : {question}</translation>
    </message>
    <message>
        <source>A: {answer}</source>
        <translation>R : {answer}</translation>
    </message>
    <message>
        <source>{state} · due {when}</source>
        <translation>{state} · échéance {when}</translation>
    </message>
    <message>
        <source>Reminders sent: {count}</source>
        <translation>Relances envoyées : {count}</translation>
    </message>
    <message>
        <source>Resolved: {outcome}</source>
        <translation>Résolue : {outcome}</translation>
    </message>
    <message>
        <source>Remedy: {remedy}</source>
        <translation>Réparation : {remedy}</translation>
    </message>
    <message>
        <source>Amount: {amount}</source>
        <translation>Montant : {amount}</translation>
    </message>
    <message>
        <source>Root cause: {cause}</source>
        <translation>Cause racine : {cause}</translation>
    </message>
    <message>
        <source>OVERDUE — {state}</source>
        <translation>EN RETARD — {state}</translation>
    </message>
    <message>
        <source>{sent} · next one {when}</source>
        <translation>{sent} · prochain le {when}</translation>
    </message>
    <message>
        <source>The customer sent something on {when}: fulfilled? (or Not yet)</source>
        <translation>Le client a envoyé quelque chose le {when} : tenu ? (ou Pas encore)</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nothing to show for this period</source>
        <translation>Rien à afficher pour cette période</translation>
    </message>
    <message>
        <source>Click to open these complaints</source>
        <translation>Cliquez pour ouvrir ces réclamations</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <source>Set the priority of {n} complaints</source>
        <translation>Définir la priorité de {n} réclamations</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorité :</translation>
    </message>
    <message>
        <source>priority of {n} complaints</source>
        <translation>priorité de {n} réclamations</translation>
    </message>
    <message>
        <source>{done} undone, {failed} not undone:

{lines}</source>
        <translation>{done} annulées, {failed} non annulées :

{lines}</translation>
    </message>
    <message>
        <source>Change the status of {n} complaints</source>
        <translation>Changer le statut de {n} réclamations</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Statut :</translation>
    </message>
    <message>
        <source>Working on {n} complaints…</source>
        <translation>Traitement de {n} réclamations…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Bulk action</source>
        <translation>Action groupée</translation>
    </message>
    <message>
        <source>Select complaints in the table first (Shift or Ctrl + click).</source>
        <translation>Sélectionnez d&apos;abord des réclamations dans le tableau (Maj ou Ctrl + clic).</translation>
    </message>
    <message>
        <source>Reassign {n} complaints</source>
        <translation>Réaffecter {n} réclamations</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>Réaffecter</translation>
    </message>
    <message>
        <source>Reassigned by a supervisor</source>
        <translation>Réaffectée par un superviseur</translation>
    </message>
    <message>
        <source>{done} changed, {failed} refused:

{lines}</source>
        <translation>{done} modifiée(s), {failed} refusée(s) :

{lines}</translation>
    </message>
    <message>
        <source>{done} complaints changed.</source>
        <translation>{done} réclamations modifiées.</translation>
    </message>
</context>
<context>
    <name>CallComplaintDialog</name>
    <message>
        <source>New complaint from {caller}</source>
        <translation>Nouvelle réclamation de {caller}</translation>
    </message>
    <message>
        <source>New customer and complaint</source>
        <translation>Nouveau client et nouvelle réclamation</translation>
    </message>
    <message>
        <source>&amp;Record complaint</source>
        <translation>&amp;Enregistrer la réclamation</translation>
    </message>
    <message>
        <source>Taken on the phone: it is yours once recorded. Ctrl+Enter records it.</source>
        <translation>Prise au téléphone : vous en êtes responsable une fois enregistrée. Ctrl+Entrée l&apos;enregistre.</translation>
    </message>
    <message>
        <source>Nobody has this number yet: say who is calling.</source>
        <translation>Personne n&apos;a encore ce numéro : indiquez qui appelle.</translation>
    </message>
    <message>
        <source>Customer &amp;name:</source>
        <translation>&amp;Nom du client :</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Téléphone :</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail :</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>In a few words, what is wrong</source>
        <translation>En quelques mots, ce qui ne va pas</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes :</translation>
    </message>
    <message>
        <source>What the customer says, as they say it</source>
        <translation>Ce que dit le client, avec ses mots</translation>
    </message>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>Ca&amp;tégorie :</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(pas encore connue)</translation>
    </message>
    <message>
        <source>(as routing decides)</source>
        <translation>(selon le routage)</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>P&amp;riorité :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Write the caller&apos;s name.</source>
        <translation>Indiquez le nom de l&apos;appelant.</translation>
    </message>
    <message>
        <source>Write the subject: in a few words, what is wrong.</source>
        <translation>Indiquez l&apos;objet : en quelques mots, ce qui ne va pas.</translation>
    </message>
    <message>
        <source>Pick a category from the list, or leave it empty.</source>
        <translation>Choisissez une catégorie dans la liste, ou laissez vide.</translation>
    </message>
</context>
<context>
    <name>CallNotesDialog</name>
    <message>
        <source>Outgoing call on {reference}</source>
        <translation>Appel sortant sur {reference}</translation>
    </message>
    <message>
        <source>Call on {reference}</source>
        <translation>Appel sur {reference}</translation>
    </message>
    <message>
        <source>&amp;Save call notes</source>
        <translation>&amp;Enregistrer les notes d&apos;appel</translation>
    </message>
    <message>
        <source>Incoming: the customer called</source>
        <translation>Entrant : le client a appelé</translation>
    </message>
    <message>
        <source>Outgoing: I called the customer</source>
        <translation>Sortant : j&apos;ai appelé le client</translation>
    </message>
    <message>
        <source>&amp;Call:</source>
        <translation>&amp;Appel :</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes :</translation>
    </message>
    <message>
        <source>What the customer said, what you said</source>
        <translation>Ce que le client a dit, ce que vous avez dit</translation>
    </message>
    <message>
        <source>{reference}: {subject}</source>
        <translation>{reference} : {subject}</translation>
    </message>
    <message>
        <source>Customer&apos;s number: {number}</source>
        <translation>Numéro du client : {number}</translation>
    </message>
    <message>
        <source>Write what was said on the call.</source>
        <translation>Notez ce qui a été dit pendant l&apos;appel.</translation>
    </message>
</context>
<context>
    <name>CallerProposals</name>
    <message>
        <source>This caller may also be</source>
        <translation>Cet appelant est peut-être aussi</translation>
    </message>
    <message>
        <source>Open &amp;their complaint</source>
        <translation>Ouvrir &amp;sa réclamation</translation>
    </message>
    <message>
        <source>no contact point</source>
        <translation>aucun moyen de contact</translation>
    </message>
    <message numerus="yes">
        <source>{name} ({contacts}) — %n open complaint(s)</source>
        <translation>
            <numerusform>{name} ({contacts}) — %n réclamation ouverte</numerusform>
            <numerusform>{name} ({contacts}) — %n réclamations ouvertes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidatesTab</name>
    <message>
        <source>Smallest cluster</source>
        <translation>Plus petit regroupement</translation>
    </message>
    <message>
        <source>F&amp;ind recurring complaints</source>
        <translation>&amp;Trouver les réclamations récurrentes</translation>
    </message>
    <message>
        <source>Choose a period and look for complaints that recur.</source>
        <translation>Choisissez une période et cherchez les réclamations qui se répètent.</translation>
    </message>
    <message>
        <source>Candidate problems</source>
        <translation>Problèmes candidats</translation>
    </message>
    <message>
        <source>Complaints of the candidate</source>
        <translation>Réclamations du candidat</translation>
    </message>
    <message>
        <source>&amp;Make a problem of it…</source>
        <translation>&amp;En faire un problème…</translation>
    </message>
    <message>
        <source>At &amp;least:</source>
        <translation>Au &amp;moins :</translation>
    </message>
    <message>
        <source>Comparing the complaints of the period…</source>
        <translation>Comparaison des réclamations de la période…</translation>
    </message>
    <message>
        <source>{count} candidate problems grouping {complaints} complaints.</source>
        <translation>{count} problèmes candidats regroupant {complaints} réclamations.</translation>
    </message>
    <message>
        <source>Nothing recurs in this period (or it is already attached to problems).</source>
        <translation>Rien ne se répète sur cette période (ou c&apos;est déjà rattaché à des problèmes).</translation>
    </message>
    <message>
        <source>Make a problem of {count} complaints</source>
        <translation>Faire un problème de {count} réclamations</translation>
    </message>
    <message>
        <source>&amp;Make problem</source>
        <translation>&amp;Créer le problème</translation>
    </message>
    <message>
        <source>Channels: {channels}. Sites: {sites}.</source>
        <translation>Canaux : {channels}. Sites : {sites}.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
</context>
<context>
    <name>CannedDialog</name>
    <message>
        <source>New canned response</source>
        <translation>Nouvelle réponse type</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>Agents find it by its title or words in it, in the customer&apos;s language.</source>
        <translation>Les agents la trouvent par son titre ou ses mots, dans la langue du client.</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titre :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>Dear {{ customer_name }}, …</source>
        <translation>Bonjour {{ customer_name }}, …</translation>
    </message>
    <message>
        <source>Type a title and the text of the canned response.</source>
        <translation>Saisissez le titre et le texte de la réponse type.</translation>
    </message>
</context>
<context>
    <name>CannedResponseButton</name>
    <message>
        <source>Canned</source>
        <translation>Réponses types</translation>
    </message>
    <message>
        <source>Insert a canned response, written for this customer</source>
        <translation>Insérer une réponse type, rédigée pour ce client</translation>
    </message>
    <message>
        <source>Reading the list…</source>
        <translation>Lecture de la liste…</translation>
    </message>
    <message>
        <source>No canned responses yet</source>
        <translation>Aucune réponse type pour l’instant</translation>
    </message>
</context>
<context>
    <name>CauseDialog</name>
    <message>
        <source>Add a root cause</source>
        <translation>Ajouter une cause racine</translation>
    </message>
    <message>
        <source>Edit a root cause</source>
        <translation>Modifier une cause racine</translation>
    </message>
    <message>
        <source>&amp;Add cause</source>
        <translation>&amp;Ajouter la cause</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Name in &amp;French:</source>
        <translation>Nom en &amp;français :</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucune pour l&apos;instant)</translation>
    </message>
    <message>
        <source>Responsible &amp;function:</source>
        <translation>&amp;Fonction responsable :</translation>
    </message>
    <message>
        <source>(top of the tree)</source>
        <translation>(haut de l&apos;arborescence)</translation>
    </message>
    <message>
        <source>&amp;Under:</source>
        <translation>&amp;Sous :</translation>
    </message>
    <message>
        <source>A cause needs a code and an English name.</source>
        <translation>Une cause doit avoir un code et un nom en anglais.</translation>
    </message>
    <message>
        <source>FCA return cau&amp;se:</source>
        <translation>Cau&amp;se dans la déclaration FCA :</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>An administrator reset your password. Choose your own now: the temporary one works only for this.</source>
        <translation>Un administrateur a réinitialisé votre mot de passe. Choisissez le vôtre maintenant : le mot de passe provisoire ne sert qu&apos;à cela.</translation>
    </message>
    <message>
        <source>Give your current password, then the new one twice.</source>
        <translation>Saisissez votre mot de passe actuel, puis le nouveau deux fois.</translation>
    </message>
    <message>
        <source>Change your password</source>
        <translation>Changer votre mot de passe</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Changer</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Mot de passe actuel</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>Confirmation du nouveau mot de passe</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Mot de passe &amp;actuel :</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Nouveau mot de passe :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>At least {count} characters.</source>
        <translation>Au moins {count} caractères.</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Les deux nouveaux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>ChannelPicker</name>
    <message>
        <source>Answer on</source>
        <translation>Répondre par</translation>
    </message>
    <message>
        <source>Email and social answers leave from here; a call, a letter or a word at the counter is recorded as said. Every one counts as a response.</source>
        <translation>Les réponses par e-mail et réseau social partent d’ici ; un appel, un courrier ou un échange au guichet est enregistré tel qu’il a eu lieu. Chacun compte comme une réponse.</translation>
    </message>
    <message>
        <source>The customer wrote in public: this reply will be public too.</source>
        <translation>Le client a écrit en public : cette réponse sera publique elle aussi.</translation>
    </message>
    <message>
        <source>{channel} · {to}</source>
        <translation>{channel} · {to}</translation>
    </message>
    <message>
        <source>Phone call (recorded)</source>
        <translation>Appel (enregistré)</translation>
    </message>
    <message>
        <source>Letter (recorded)</source>
        <translation>Courrier (enregistré)</translation>
    </message>
    <message>
        <source>At the counter (recorded)</source>
        <translation>Au guichet (enregistré)</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Every action, with its keys. Those without keys are found in the command palette ({keys}): type a few letters of their name.</source>
        <translation>Chaque action, avec ses touches. Celles qui n&apos;en ont pas se trouvent dans la palette de commandes ({keys}) : tapez quelques lettres de leur nom.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Actions and their shortcuts</source>
        <translation>Actions et leurs raccourcis</translation>
    </message>
    <message>
        <source>Anywhere in the window</source>
        <translation>Partout dans la fenêtre</translation>
    </message>
    <message>
        <source>palette ({keys})</source>
        <translation>palette ({keys})</translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
</context>
<context>
    <name>Cockpit</name>
    <message>
        <source>&amp;Filter…</source>
        <translation>&amp;Filtrer…</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Effacer les filtres</translation>
    </message>
    <message>
        <source>&amp;Save as view…</source>
        <translation>Enregistrer comme &amp;vue…</translation>
    </message>
    <message>
        <source>Rena&amp;me view…</source>
        <translation>Reno&amp;mmer la vue…</translation>
    </message>
    <message>
        <source>Dele&amp;te view</source>
        <translation>Supp&amp;rimer la vue</translation>
    </message>
    <message>
        <source>&amp;Workload</source>
        <translation>&amp;Charge de travail</translation>
    </message>
    <message>
        <source>Selected &amp;complaints</source>
        <translation>Réclamations &amp;sélectionnées</translation>
    </message>
    <message>
        <source>&amp;Reassign…</source>
        <translation>&amp;Réaffecter…</translation>
    </message>
    <message>
        <source>Set &amp;priority…</source>
        <translation>Définir la &amp;priorité…</translation>
    </message>
    <message>
        <source>Change &amp;status…</source>
        <translation>Changer le &amp;statut…</translation>
    </message>
    <message>
        <source>Save as a view</source>
        <translation>Enregistrer comme vue</translation>
    </message>
    <message>
        <source>Rename the view</source>
        <translation>Renommer la vue</translation>
    </message>
    <message>
        <source>No complaints match these filters</source>
        <translation>Aucune réclamation ne correspond à ces filtres</translation>
    </message>
    <message>
        <source>Press Esc in the filter bar or click Clear to see the whole queue.</source>
        <translation>Appuyez sur Échap dans la barre de filtres ou cliquez sur Effacer pour voir toute la file.</translation>
    </message>
    <message>
        <source>No complaints in this queue</source>
        <translation>Aucune réclamation dans cette file</translation>
    </message>
    <message>
        <source>Choose another queue on the left, or press F5 to refresh.</source>
        <translation>Choisissez une autre file à gauche, ou appuyez sur F5 pour actualiser.</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Palette de commandes</translation>
    </message>
    <message>
        <source>An action, a complaint reference, a customer&apos;s name or phone</source>
        <translation>Une action, une référence de réclamation, le nom ou le téléphone d&apos;un client</translation>
    </message>
    <message>
        <source>Search actions, complaints and customers</source>
        <translation>Chercher des actions, des réclamations et des clients</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Résultats</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>État de la recherche</translation>
    </message>
    <message>
        <source>Looking for complaints and customers…</source>
        <translation>Recherche des réclamations et des clients…</translation>
    </message>
    <message>
        <source>Enter runs the chosen line; Esc closes.</source>
        <translation>Entrée exécute la ligne choisie ; Échap ferme.</translation>
    </message>
    <message numerus="yes">
        <source>%n complaint(s) or customer(s) found.</source>
        <translation>
            <numerusform>%n réclamation ou client trouvé.</numerusform>
            <numerusform>%n réclamations ou clients trouvés.</numerusform>
        </translation>
    </message>
    <message>
        <source>No complaint or customer matches.</source>
        <translation>Aucune réclamation ni aucun client ne correspond.</translation>
    </message>
    <message>
        <source>Could not search: {}</source>
        <translation>Recherche impossible : {}</translation>
    </message>
    <message>
        <source>Complaint {reference}: {subject} ({customer})</source>
        <translation>Réclamation {reference} : {subject} ({customer})</translation>
    </message>
    <message>
        <source>Customer {name} {contact}</source>
        <translation>Client {name} {contact}</translation>
    </message>
    <message>
        <source>Not possible now</source>
        <translation>Impossible pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <source>Record a customer commitment</source>
        <translation>Enregistrer un engagement du client</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>The complaint waits on the customer until this is fulfilled or cancelled.</source>
        <translation>La réclamation attend le client jusqu&apos;à ce que l&apos;engagement soit tenu ou annulé.</translation>
    </message>
    <message>
        <source>&amp;What:</source>
        <translation>&amp;Quoi :</translation>
    </message>
    <message>
        <source>e.g. a copy of the bank statement</source>
        <translation>p. ex. une copie du relevé bancaire</translation>
    </message>
    <message>
        <source>&amp;Due by:</source>
        <translation>À fournir &amp;avant le :</translation>
    </message>
</context>
<context>
    <name>ComplaintActions</name>
    <message>
        <source>&amp;New complaint…</source>
        <translation>&amp;Nouvelle réclamation…</translation>
    </message>
    <message>
        <source>Record a complaint taken on the phone or at the counter</source>
        <translation>Enregistrer une réclamation reçue par téléphone ou au guichet</translation>
    </message>
    <message>
        <source>Co&amp;unter complaint…</source>
        <translation>Réclamation au &amp;guichet…</translation>
    </message>
    <message>
        <source>Record a complaint face to face and print the customer&apos;s receipt</source>
        <translation>Enregistrer une réclamation en face à face et imprimer le récépissé du client</translation>
    </message>
    <message>
        <source>Custom&amp;er card…</source>
        <translation>&amp;Fiche client…</translation>
    </message>
    <message>
        <source>The customer&apos;s whole story on every channel, and likely duplicates</source>
        <translation>Tout l&apos;historique du client sur chaque canal, et les doublons probables</translation>
    </message>
    <message>
        <source>&amp;Take</source>
        <translation>&amp;Prendre</translation>
    </message>
    <message>
        <source>T&amp;ransfer…</source>
        <translation>&amp;Transférer…</translation>
    </message>
    <message>
        <source>Assi&amp;gn…</source>
        <translation>Attri&amp;buer…</translation>
    </message>
    <message>
        <source>Ac&amp;knowledge</source>
        <translation>Accuser &amp;réception</translation>
    </message>
    <message>
        <source>&amp;Start work</source>
        <translation>&amp;Commencer le traitement</translation>
    </message>
    <message>
        <source>As&amp;k a function…</source>
        <translation>&amp;Interroger une fonction…</translation>
    </message>
    <message>
        <source>&amp;Answer…</source>
        <translation>Ré&amp;pondre…</translation>
    </message>
    <message>
        <source>&amp;Decline…</source>
        <translation>&amp;Décliner…</translation>
    </message>
    <message>
        <source>Cancel re&amp;quest…</source>
        <translation>Annuler la &amp;demande…</translation>
    </message>
    <message>
        <source>Customer &amp;commitment…</source>
        <translation>&amp;Engagement du client…</translation>
    </message>
    <message>
        <source>&amp;Fulfilled</source>
        <translation>&amp;Tenu</translation>
    </message>
    <message>
        <source>Re&amp;minded</source>
        <translation>Re&amp;lancé</translation>
    </message>
    <message>
        <source>Res&amp;olve…</source>
        <translation>Ré&amp;soudre…</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>C&amp;lôturer</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>Reti&amp;rer…</translation>
    </message>
    <message>
        <source>Become the owner of this complaint</source>
        <translation>Devenir responsable de cette réclamation</translation>
    </message>
    <message>
        <source>Hand it to a colleague, with a reason</source>
        <translation>La confier à un collègue, avec un motif</translation>
    </message>
    <message>
        <source>Give this unowned complaint to a colleague</source>
        <translation>Confier cette réclamation sans responsable à un collègue</translation>
    </message>
    <message>
        <source>Tell the customer it is in hand</source>
        <translation>Dire au client qu&apos;elle est prise en charge</translation>
    </message>
    <message>
        <source>Move it to in progress</source>
        <translation>La passer en cours de traitement</translation>
    </message>
    <message>
        <source>Ask one or more functions a question</source>
        <translation>Poser une question à une ou plusieurs fonctions</translation>
    </message>
    <message>
        <source>Answer the selected request for your function</source>
        <translation>Répondre à la demande sélectionnée pour votre fonction</translation>
    </message>
    <message>
        <source>Decline the selected request, with a reason</source>
        <translation>Décliner la demande sélectionnée, avec un motif</translation>
    </message>
    <message>
        <source>Withdraw the selected question, with a reason</source>
        <translation>Retirer la question sélectionnée, avec un motif</translation>
    </message>
    <message>
        <source>Record what the customer must provide, and by when</source>
        <translation>Noter ce que le client doit fournir, et avant quand</translation>
    </message>
    <message>
        <source>The customer provided the selected commitment</source>
        <translation>Le client a fourni l&apos;engagement sélectionné</translation>
    </message>
    <message>
        <source>The customer was reminded of the selected commitment</source>
        <translation>Le client a été relancé sur l&apos;engagement sélectionné</translation>
    </message>
    <message>
        <source>Outcome, remedy, amount and root cause</source>
        <translation>Issue, réparation, montant et cause racine</translation>
    </message>
    <message>
        <source>Close the resolved complaint</source>
        <translation>Clôturer la réclamation résolue</translation>
    </message>
    <message>
        <source>The customer withdrew it: say why</source>
        <translation>Le client l&apos;a retirée : dites pourquoi</translation>
    </message>
    <message>
        <source>{tip} ({keys})</source>
        <translation>{tip} ({keys})</translation>
    </message>
    <message>
        <source>Re&amp;ply to the customer</source>
        <translation>Ré&amp;pondre au client</translation>
    </message>
    <message>
        <source>Record a response or &amp;letter…</source>
        <translation>Enregistrer une réponse ou un &amp;courrier…</translation>
    </message>
    <message>
        <source>Add n&amp;ote</source>
        <translation>Ajouter une n&amp;ote</translation>
    </message>
    <message>
        <source>Write the answer under the timeline: email, social, or a call</source>
        <translation>Écrire la réponse sous l’historique : e-mail, réseau social ou appel</translation>
    </message>
    <message>
        <source>A final response, a holding reply or an answer, in a form</source>
        <translation>Une réponse définitive, une réponse d’attente ou une réponse, dans un formulaire</translation>
    </message>
    <message>
        <source>Write a note under the timeline: only colleagues read it</source>
        <translation>Écrire une note sous l’historique : seuls les collègues la lisent</translation>
    </message>
    <message>
        <source>Repl&amp;y to the customer…</source>
        <translation>Répondre au c&amp;lient…</translation>
    </message>
    <message>
        <source>Answer on the channel the customer prefers, else the one used last</source>
        <translation>Répondre par le canal que le client préfère, sinon par le dernier utilisé</translation>
    </message>
    <message>
        <source>Not &amp;yet</source>
        <translation>Pas &amp;encore</translation>
    </message>
    <message>
        <source>What the customer sent does not fulfil the selected commitment</source>
        <translation>Ce que le client a envoyé ne tient pas l&apos;engagement choisi</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Reply composer</source>
        <translation>Rédaction de la réponse</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>&amp;Répondre</translation>
    </message>
    <message>
        <source>An answer the customer receives</source>
        <translation>Une réponse que le client reçoit</translation>
    </message>
    <message>
        <source>Internal n&amp;ote</source>
        <translation>N&amp;ote interne</translation>
    </message>
    <message>
        <source>Only colleagues read notes; the customer never does</source>
        <translation>Seuls les collègues lisent les notes ; le client jamais</translation>
    </message>
    <message>
        <source>About this answer</source>
        <translation>À propos de cette réponse</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Write something first.</source>
        <translation>Écrivez d’abord quelque chose.</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>Draft kept</source>
        <translation>Brouillon conservé</translation>
    </message>
    <message>
        <source>A note for colleagues: the customer never sees it. Ctrl+Enter adds it.</source>
        <translation>Une note pour les collègues : le client ne la voit jamais. Ctrl+Entrée l’ajoute.</translation>
    </message>
    <message>
        <source>Write to the customer. Ctrl+Enter sends.</source>
        <translation>Écrivez au client. Ctrl+Entrée envoie.</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Ajouter la note</translation>
    </message>
    <message>
        <source>Only colleagues read notes (Ctrl+Enter)</source>
        <translation>Seuls les collègues lisent les notes (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>It leaves for the customer (Ctrl+Enter)</source>
        <translation>Elle part vers le client (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Record what the customer was told (Ctrl+Enter)</source>
        <translation>Enregistrer ce qui a été dit au client (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>Draft not kept: {why}</source>
        <translation>Brouillon non conservé : {why}</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Note ajoutée</translation>
    </message>
    <message>
        <source>Not sent: your text is kept.</source>
        <translation>Non envoyée : votre texte est conservé.</translation>
    </message>
</context>
<context>
    <name>ConcurrentEdit</name>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Team queue</source>
        <translation>File de l&apos;équipe</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>Remedy</source>
        <translation>Réparation</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Cause racine</translation>
    </message>
    <message>
        <source>Function responsible for the cause</source>
        <translation>Fonction responsable de la cause</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Prochaine échéance</translation>
    </message>
    <message>
        <source>Acknowledged at</source>
        <translation>Réception accusée le</translation>
    </message>
    <message>
        <source>First response at</source>
        <translation>Première réponse le</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>Résolue le</translation>
    </message>
    <message>
        <source>Closed at</source>
        <translation>Clôturée le</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvertes</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>pas encore</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>{field}: {before} → {after}</source>
        <translation>{field} : {before} → {after}</translation>
    </message>
</context>
<context>
    <name>ConcurrentEditDialog</name>
    <message>
        <source>Someone else changed this complaint</source>
        <translation>Quelqu&apos;un d&apos;autre a modifié cette réclamation</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Ce qui a changé</translation>
    </message>
    <message>
        <source>Its fields are back where they were, but things happened meanwhile.</source>
        <translation>Ses champs sont revenus à leur état précédent, mais d&apos;autres choses se sont passées entre-temps.</translation>
    </message>
    <message>
        <source>What changed:</source>
        <translation>Ce qui a changé :</translation>
    </message>
    <message>
        <source>What you typed is kept. Reload to see the complaint as it is now, check it, then try again.</source>
        <translation>Ce que vous avez saisi est conservé. Rechargez pour voir la réclamation telle qu&apos;elle est, vérifiez-la, puis réessayez.</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
</context>
<context>
    <name>CopyPolicyDialog</name>
    <message>
        <source>Copy a policy</source>
        <translation>Copier un engagement de service</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>The copy of “{name}” starts inactive: edit its targets, then activate it.</source>
        <translation>La copie de « {name} » est d&apos;abord inactive : modifiez ses objectifs, puis activez-la.</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (copie)</translation>
    </message>
    <message>
        <source>Type a code and a name for the copy.</source>
        <translation>Saisissez un code et un nom pour la copie.</translation>
    </message>
</context>
<context>
    <name>Counted</name>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n réclamation</numerusform>
            <numerusform>%n réclamations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other change(s)</source>
        <translation>
            <numerusform>%n autre modification</numerusform>
            <numerusform>%n autres modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n an</numerusform>
            <numerusform>%n ans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) for a supervisor</source>
        <translation>
            <numerusform>%n conflit pour un superviseur</numerusform>
            <numerusform>%n conflits pour un superviseur</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <source>Counter complaint</source>
        <translation>Réclamation au guichet</translation>
    </message>
    <message>
        <source>&amp;Record complaint</source>
        <translation>&amp;Enregistrer la réclamation</translation>
    </message>
    <message>
        <source>Find the customer by name, phone or email, or type a new one. The complaint is yours once recorded; the customer takes a printed receipt.</source>
        <translation>Cherchez le client par nom, téléphone ou e-mail, ou saisissez-en un nouveau. La réclamation est à vous une fois enregistrée ; le client repart avec un récépissé imprimé.</translation>
    </message>
    <message>
        <source>&amp;Find customer:</source>
        <translation>&amp;Chercher le client :</translation>
    </message>
    <message>
        <source>Name, phone or email</source>
        <translation>Nom, téléphone ou e-mail</translation>
    </message>
    <message>
        <source>Known customers</source>
        <translation>Clients connus</translation>
    </message>
    <message>
        <source>Post&amp;code:</source>
        <translation>Code &amp;postal :</translation>
    </message>
    <message>
        <source>Receipt &amp;language:</source>
        <translation>&amp;Langue du récépissé :</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(pas encore connue)</translation>
    </message>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>Ca&amp;tégorie :</translation>
    </message>
    <message>
        <source>&amp;What happened:</source>
        <translation>&amp;Ce qui s&apos;est passé :</translation>
    </message>
    <message>
        <source>In the customer&apos;s words</source>
        <translation>Avec les mots du client</translation>
    </message>
    <message>
        <source>What they &amp;want:</source>
        <translation>Ce qu&apos;il &amp;demande :</translation>
    </message>
    <message>
        <source>A refund, a replacement, an apology…</source>
        <translation>Un remboursement, un remplacement, des excuses…</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>Amount at stake</source>
        <translation>Montant en jeu</translation>
    </message>
    <message>
        <source>No known customer: fill in a new one below.</source>
        <translation>Client inconnu : saisissez-en un nouveau ci-dessous.</translation>
    </message>
    <message>
        <source>Could not look customers up: {}</source>
        <translation>Impossible de rechercher les clients : {}</translation>
    </message>
    <message>
        <source>Known customer: {name}. The complaint joins their history.</source>
        <translation>Client connu : {name}. La réclamation rejoint son historique.</translation>
    </message>
    <message>
        <source>{problem} Type the number as the customer gives it, e.g. 06 12 34 56 78, or with its country code, e.g. +44 20 7946 0958.</source>
        <translation>{problem} Saisissez le numéro comme le client le donne, p. ex. 06 12 34 56 78, ou avec l&apos;indicatif du pays, p. ex. +44 20 7946 0958.</translation>
    </message>
    <message>
        <source>Give the customer&apos;s name, or find them above.</source>
        <translation>Indiquez le nom du client, ou trouvez-le ci-dessus.</translation>
    </message>
    <message>
        <source>Write what happened, in the customer&apos;s words.</source>
        <translation>Décrivez ce qui s&apos;est passé, avec les mots du client.</translation>
    </message>
    <message>
        <source>The amount is a number such as 42.50.</source>
        <translation>Le montant est un nombre comme 42,50.</translation>
    </message>
    <message>
        <source>Discard this complaint?</source>
        <translation>Abandonner cette réclamation ?</translation>
    </message>
    <message>
        <source>What you typed has not been recorded and will be lost.</source>
        <translation>Ce que vous avez saisi n&apos;a pas été enregistré et sera perdu.</translation>
    </message>
    <message>
        <source>&amp;Keep typing</source>
        <translation>&amp;Continuer la saisie</translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message>
        <source>Customer card</source>
        <translation>Fiche client</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>{other}&apos;s record was merged into this one</source>
        <translation>La fiche de {other} a été fusionnée dans celle-ci</translation>
    </message>
    <message>
        <source>This record was merged into {other}&apos;s</source>
        <translation>Cette fiche a été fusionnée dans celle de {other}</translation>
    </message>
    <message>
        <source>{other}&apos;s record is separate again</source>
        <translation>La fiche de {other} est de nouveau séparée</translation>
    </message>
    <message>
        <source>Complaint opened</source>
        <translation>Réclamation ouverte</translation>
    </message>
    <message>
        <source>Records merged</source>
        <translation>Fiches fusionnées</translation>
    </message>
    <message>
        <source>Merge undone</source>
        <translation>Fusion annulée</translation>
    </message>
    <message>
        <source>{what} · public, anyone can read it</source>
        <translation>{what} · public, tout le monde peut le lire</translation>
    </message>
    <message>
        <source>{what} · waiting to leave</source>
        <translation>{what} · en attente d&apos;envoi</translation>
    </message>
    <message>
        <source>{what} · sending failed, will be retried</source>
        <translation>{what} · échec de l&apos;envoi, nouvel essai prévu</translation>
    </message>
    <message>
        <source>{what} · not written yet: its template does not render</source>
        <translation>{what} · pas encore rédigé : son modèle ne peut pas être appliqué</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionnée</translation>
    </message>
    <message>
        <source>Record kept</source>
        <translation>Fiche conservée</translation>
    </message>
    <message>
        <source>Record merged in</source>
        <translation>Fiche fusionnée</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Déplacé</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>About the customer</source>
        <translation>À propos du client</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Merged record</source>
        <translation>Fiche fusionnée</translation>
    </message>
    <message>
        <source>One timeline, every channel</source>
        <translation>Un seul historique, tous les canaux</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Doublons possibles</translation>
    </message>
    <message>
        <source>Merges</source>
        <translation>Fusions</translation>
    </message>
    <message>
        <source>&amp;Merge into this customer…</source>
        <translation>&amp;Fusionner dans ce client…</translation>
    </message>
    <message>
        <source>&amp;Undo merge</source>
        <translation>&amp;Annuler la fusion</translation>
    </message>
    <message>
        <source>postcode {code}</source>
        <translation>code postal {code}</translation>
    </message>
    <message>
        <source>No contact points</source>
        <translation>Aucune coordonnée</translation>
    </message>
    <message>
        <source>The record asked for was merged into this one.</source>
        <translation>La fiche demandée a été fusionnée dans celle-ci.</translation>
    </message>
    <message>
        <source>Customer card — {name}</source>
        <translation>Fiche client — {name}</translation>
    </message>
    <message>
        <source>No likely duplicate of this customer.</source>
        <translation>Aucun doublon probable de ce client.</translation>
    </message>
    <message>
        <source>Proposed, never merged on their own: check before merging.</source>
        <translation>Proposés, jamais fusionnés d&apos;office : vérifiez avant de fusionner.</translation>
    </message>
    <message>
        <source>Only a supervisor can merge records: tell one if these are the same.</source>
        <translation>Seul un superviseur peut fusionner des fiches : prévenez-en un si elles désignent la même personne.</translation>
    </message>
    <message>
        <source>Merge these records?</source>
        <translation>Fusionner ces fiches ?</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>Merged from the customer card</source>
        <translation>Fusionnées depuis la fiche client</translation>
    </message>
    <message numerus="yes">
        <source>{other}&apos;s %n complaint(s), messages and contact points will move to {name}. The merge can be undone from this card.</source>
        <translation>
            <numerusform>La réclamation de {other} (%n), ses messages et coordonnées passeront à {name}. La fusion peut être annulée depuis cette fiche.</numerusform>
            <numerusform>Les %n réclamations, messages et coordonnées de {other} passeront à {name}. La fusion peut être annulée depuis cette fiche.</numerusform>
        </translation>
    </message>
    <message>
        <source>A sender of {other}&apos;s record was linked to this customer</source>
        <translation>Un expéditeur de la fiche de {other} a été rattaché à ce client</translation>
    </message>
    <message>
        <source>A sender of this record was linked to {other}</source>
        <translation>Un expéditeur de cette fiche a été rattaché à {other}</translation>
    </message>
    <message>
        <source>{merged} was merged into {kept}</source>
        <translation>{merged} a été fusionnée dans {kept}</translation>
    </message>
    <message>
        <source>{merged} is separate from {kept} again</source>
        <translation>{merged} est de nouveau distincte de {kept}</translation>
    </message>
    <message>
        <source>Sender linked</source>
        <translation>Expéditeur rattaché</translation>
    </message>
    <message>
        <source>Complaints merged</source>
        <translation>Réclamations fusionnées</translation>
    </message>
    <message>
        <source>Complaint merge undone</source>
        <translation>Fusion de réclamations annulée</translation>
    </message>
</context>
<context>
    <name>CustomerLines</name>
    <message>
        <source>Customer &amp;name:</source>
        <translation>&amp;Nom du client :</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Téléphone :</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-mail :</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>ComplaintDesk — Dashboard</source>
        <translation>ComplaintDesk — Tableau de bord</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Dashboard status</source>
        <translation>État du tableau de bord</translation>
    </message>
    <message>
        <source>Complaints received, by channel</source>
        <translation>Réclamations reçues, par canal</translation>
    </message>
    <message>
        <source>Open now, by age</source>
        <translation>Ouvertes actuellement, par ancienneté</translation>
    </message>
    <message>
        <source>Promises kept, by responsible function</source>
        <translation>Engagements tenus, par fonction responsable</translation>
    </message>
    <message>
        <source>Promises kept, by channel</source>
        <translation>Engagements tenus, par canal</translation>
    </message>
    <message>
        <source>Promises broken, by day they fell due</source>
        <translation>Engagements non tenus, par jour d&apos;échéance</translation>
    </message>
    <message>
        <source>Root causes of complaints resolved (Pareto), by responsible function</source>
        <translation>Causes racines des réclamations résolues (Pareto), par fonction responsable</translation>
    </message>
    <message>
        <source>Customer satisfaction (1 to 10)</source>
        <translation>Satisfaction client (de 1 à 10)</translation>
    </message>
    <message>
        <source>No complaints in this period</source>
        <translation>Aucune réclamation sur cette période</translation>
    </message>
    <message>
        <source>Nothing was received, resolved or due in this period for this site. Choose a longer period or another site.</source>
        <translation>Rien n&apos;a été reçu, résolu ni n&apos;est arrivé à échéance sur cette période pour ce site. Choisissez une période plus longue ou un autre site.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Up to date ({seconds} s)</source>
        <translation>À jour ({seconds} s)</translation>
    </message>
    <message>
        <source>Could not compute the dashboard: {}</source>
        <translation>Impossible de calculer le tableau de bord : {}</translation>
    </message>
    <message>
        <source>Week of {day}</source>
        <translation>Semaine du {day}</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>par jour</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>par semaine</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>par mois</translation>
    </message>
    <message>
        <source>Complaints received, by channel — {grain} ({total} in all)</source>
        <translation>Réclamations reçues, par canal — {grain} ({total} au total)</translation>
    </message>
    <message>
        <source>Open now, by age ({count} open)</source>
        <translation>Ouvertes actuellement, par ancienneté ({count} ouvertes)</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>Réclamations ouvertes</translation>
    </message>
    <message>
        <source>{low}–{high} days</source>
        <translation>{low} à {high} jours</translation>
    </message>
    <message>
        <source>8+ weeks</source>
        <translation>8 semaines et plus</translation>
    </message>
    <message>
        <source>No function</source>
        <translation>Aucune fonction</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Engagements tenus</translation>
    </message>
    <message>
        <source>Promises broken, {grain}, by due day ({total})</source>
        <translation>Engagements non tenus, {grain}, par jour d&apos;échéance ({total})</translation>
    </message>
    <message>
        <source>Promises broken</source>
        <translation>Engagements non tenus</translation>
    </message>
    <message>
        <source>{cause} ({function}): {count} complaints; {share} % of all so far</source>
        <translation>{cause} ({function}) : {count} réclamations ; {share} % du total cumulé</translation>
    </message>
    <message>
        <source>Cumulative % of causes</source>
        <translation>% cumulé des causes</translation>
    </message>
    <message>
        <source>Customer satisfaction (1 to 10): no answers in this period</source>
        <translation>Satisfaction client (de 1 à 10) : aucune réponse sur cette période</translation>
    </message>
    <message>
        <source>Customer satisfaction: average {average} / 10 ({answers} answers)</source>
        <translation>Satisfaction client : moyenne {average} / 10 ({answers} réponses)</translation>
    </message>
    <message>
        <source>Score {score}: {count}</source>
        <translation>Note {score} : {count}</translation>
    </message>
    <message>
        <source>1–4 (unhappy)</source>
        <translation>1 à 4 (mécontent)</translation>
    </message>
    <message>
        <source>5–7</source>
        <translation>5 à 7</translation>
    </message>
    <message>
        <source>8–10 (happy)</source>
        <translation>8 à 10 (satisfait)</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Complaint details</source>
        <translation>Détails de la réclamation</translation>
    </message>
    <message>
        <source>Select a complaint to see its details</source>
        <translation>Sélectionnez une réclamation pour voir ses détails</translation>
    </message>
    <message>
        <source>Read only: you answer what is asked of your function; the owner handles the complaint.</source>
        <translation>Lecture seule : vous répondez à ce qui est demandé à votre fonction ; le responsable traite la réclamation.</translation>
    </message>
    <message>
        <source>{owner} owns this complaint: you can add a note; they or a supervisor can transfer it to you.</source>
        <translation>{owner} est responsable de cette réclamation : vous pouvez ajouter une note ; {owner} ou un superviseur peut vous la transférer.</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>Un collègue</translation>
    </message>
</context>
<context>
    <name>DuePreview</name>
    <message>
        <source>Preview: when would a complaint be due?</source>
        <translation>Aperçu : quand une réclamation arriverait-elle à échéance ?</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <source>(any segment)</source>
        <translation>(tout segment)</translation>
    </message>
    <message>
        <source>Customer segment</source>
        <translation>Segment du client</translation>
    </message>
    <message>
        <source>&amp;Received:</source>
        <translation>&amp;Reçue le :</translation>
    </message>
    <message>
        <source>Se&amp;gment:</source>
        <translation>Se&amp;gment :</translation>
    </message>
    <message>
        <source>Due dates for this receipt time</source>
        <translation>Échéances pour cette heure de réception</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Date d&apos;échéance</translation>
    </message>
    <message>
        <source>Due at</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>The policy as saved, whether active or not.</source>
        <translation>L&apos;engagement tel qu&apos;il est enregistré, actif ou non.</translation>
    </message>
    <message>
        <source>&amp;Received ({zone} time):</source>
        <translation>&amp;Reçue le (heure {zone}) :</translation>
    </message>
    <message>
        <source>Counted from when the customer sent it (a letter&apos;s date, an email&apos;s date); from its receipt when that is not known.</source>
        <translation>Compté à partir de l&apos;envoi par le client (date du courrier, date de l&apos;e-mail) ; à partir de la réception quand elle n&apos;est pas connue.</translation>
    </message>
    <message>
        <source>Counted from the complaint&apos;s receipt.</source>
        <translation>Compté à partir de la réception de la réclamation.</translation>
    </message>
    <message>
        <source>Due at ({zone})</source>
        <translation>Échéance ({zone})</translation>
    </message>
    <message>
        <source>This policy has no targets.</source>
        <translation>Cet engagement n&apos;a aucun objectif.</translation>
    </message>
</context>
<context>
    <name>DuplicateActions</name>
    <message>
        <source>Likely &amp;duplicate customers…</source>
        <translation>&amp;Doublons probables de clients…</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Likely duplicate customers</source>
        <translation>Doublons probables de clients</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Other record</source>
        <translation>Autre fiche</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Looking for likely duplicates…</source>
        <translation>Recherche des doublons probables…</translation>
    </message>
    <message>
        <source>&amp;Open customer card</source>
        <translation>&amp;Ouvrir la fiche client</translation>
    </message>
    <message>
        <source>No likely duplicate customer.</source>
        <translation>Aucun doublon probable de client.</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) to review: open one to compare and merge.</source>
        <translation>
            <numerusform>%n paire à examiner : ouvrez-la pour comparer et fusionner.</numerusform>
            <numerusform>%n paires à examiner : ouvrez-en une pour comparer et fusionner.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filters</source>
        <translation>Filtres</translation>
    </message>
    <message>
        <source>Filter:</source>
        <translation>Filtre :</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Clear every filter (Esc)</source>
        <translation>Effacer tous les filtres (Échap)</translation>
    </message>
    <message>
        <source>Complaints shown</source>
        <translation>Réclamations affichées</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>comptage…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Échéances</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Ancienneté</translation>
    </message>
    <message>
        <source>Any age</source>
        <translation>Toute ancienneté</translation>
    </message>
    <message>
        <source>Older than {days} days</source>
        <translation>Plus de {days} jours</translation>
    </message>
    <message>
        <source>Received on or after…</source>
        <translation>Reçues à partir du…</translation>
    </message>
    <message>
        <source>Received before…</source>
        <translation>Reçues avant le…</translation>
    </message>
    <message>
        <source>Received on or after</source>
        <translation>Reçues à partir du</translation>
    </message>
    <message>
        <source>Received before</source>
        <translation>Reçues avant le</translation>
    </message>
    <message>
        <source>&gt; {days} d</source>
        <translation>&gt; {days} j</translation>
    </message>
    <message>
        <source>from {day}</source>
        <translation>à partir du {day}</translation>
    </message>
    <message>
        <source>before {day}</source>
        <translation>avant le {day}</translation>
    </message>
    <message>
        <source>Age: {what}</source>
        <translation>Ancienneté : {what}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln complaint(s)</source>
        <translation>
            <numerusform>%Ln réclamation</numerusform>
            <numerusform>%Ln réclamations</numerusform>
        </translation>
    </message>
    <message>
        <source>Regulatory</source>
        <translation>Réglementaire</translation>
    </message>
</context>
<context>
    <name>FilterButton</name>
    <message>
        <source>(loading…)</source>
        <translation>(chargement…)</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field} : {value}</translation>
    </message>
    <message>
        <source>{field}: {first} +{more}</source>
        <translation>{field} : {first} +{more}</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Tous</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to ComplaintDesk</source>
        <translation>Bienvenue dans ComplaintDesk</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Confirmation du mot de passe</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Créer l&apos;administrateur</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the first administrator; they can then add everyone else.
Database: {database}</source>
        <translation>Cette base de données n&apos;a encore aucun utilisateur. Créez le premier administrateur ; il pourra ensuite ajouter tous les autres.
Base de données : {database}</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Nom &amp;affiché :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>&amp;Confirmer le mot de passe :</translation>
    </message>
    <message>
        <source>The two passwords differ; type them again.</source>
        <translation>Les deux mots de passe diffèrent ; saisissez-les à nouveau.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Entrée</translation>
    </message>
</context>
<context>
    <name>FunctionDialog</name>
    <message>
        <source>Add a function</source>
        <translation>Ajouter une fonction</translation>
    </message>
    <message>
        <source>&amp;Add function</source>
        <translation>&amp;Ajouter la fonction</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Answers &amp;within (hours):</source>
        <translation>Répond &amp;sous (heures) :</translation>
    </message>
</context>
<context>
    <name>FunctionsTab</name>
    <message>
        <source>Functions and their members</source>
        <translation>Fonctions et leurs membres</translation>
    </message>
    <message>
        <source>Function or member</source>
        <translation>Fonction ou membre</translation>
    </message>
    <message>
        <source>Answers within</source>
        <translation>Répond sous</translation>
    </message>
    <message>
        <source>Add &amp;function…</source>
        <translation>Ajouter une &amp;fonction…</translation>
    </message>
    <message>
        <source>Add &amp;member…</source>
        <translation>Ajouter un &amp;membre…</translation>
    </message>
    <message>
        <source>No functions yet: add one.</source>
        <translation>Aucune fonction pour l&apos;instant : ajoutez-en une.</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>(no members yet)</source>
        <translation>(aucun membre pour l&apos;instant)</translation>
    </message>
</context>
<context>
    <name>Handlers</name>
    <message>
        <source>take of {reference}</source>
        <translation>prise en charge de {reference}</translation>
    </message>
    <message>
        <source>Transfer {reference}</source>
        <translation>Transférer {reference}</translation>
    </message>
    <message>
        <source>&amp;Transfer</source>
        <translation>&amp;Transférer</translation>
    </message>
    <message>
        <source>transfer of {reference}</source>
        <translation>transfert de {reference}</translation>
    </message>
    <message>
        <source>Assign {reference}</source>
        <translation>Attribuer {reference}</translation>
    </message>
    <message>
        <source>&amp;Assign</source>
        <translation>&amp;Attribuer</translation>
    </message>
    <message>
        <source>assignment of {reference}</source>
        <translation>attribution de {reference}</translation>
    </message>
    <message>
        <source>Cancel the request to {function}</source>
        <translation>Annuler la demande à {function}</translation>
    </message>
    <message>
        <source>Cancel &amp;request</source>
        <translation>Annuler la &amp;demande</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>Why the answer is no longer needed</source>
        <translation>Pourquoi la réponse n&apos;est plus nécessaire</translation>
    </message>
    <message>
        <source>Question: {question}</source>
        <translation>Question : {question}</translation>
    </message>
    <message>
        <source>Withdraw {reference}</source>
        <translation>Retirer {reference}</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>Ce que le client a dit</translation>
    </message>
    <message>
        <source>Open contribution requests are cancelled with it.</source>
        <translation>Les demandes de contribution en cours sont annulées avec elle.</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Palette de commandes…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Pr&amp;eferences…</source>
        <translation>Préf&amp;érences…</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>&amp;Lock now</source>
        <translation>&amp;Verrouiller maintenant</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>My complaints</source>
        <translation>Mes réclamations</translation>
    </message>
    <message>
        <source>Team queue</source>
        <translation>File de l&apos;équipe</translation>
    </message>
    <message>
        <source>Asked of my function</source>
        <translation>Demandées à ma fonction</translation>
    </message>
    <message>
        <source>All open</source>
        <translation>Toutes les ouvertes</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <source>Late (promise broken)</source>
        <translation>Hors délai</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Sans responsable</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <comment>queue</comment>
        <translation>Résolues</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouvelle</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Réception accusée</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Waiting on customer</source>
        <translation>En attente du client</translation>
    </message>
    <message>
        <source>Waiting on function</source>
        <translation>En attente d&apos;une fonction</translation>
    </message>
    <message>
        <source>Resolved</source>
        <comment>status</comment>
        <translation>Résolue</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Rouverte</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Social</source>
        <translation>Réseaux sociaux</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Boutique</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Interne</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Dans les délais</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Engagements tenus</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <source>Branch clerk</source>
        <translation>Employé d&apos;agence</translation>
    </message>
    <message>
        <source>Function member</source>
        <translation>Membre d&apos;une fonction</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Superviseur</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrateur</translation>
    </message>
    <message>
        <source>From the customer</source>
        <translation>Du client</translation>
    </message>
    <message>
        <source>To the customer</source>
        <translation>Au client</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Note interne</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <source>Professional</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <source>Vulnerable</source>
        <translation>Vulnérable</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>Fondée</translation>
    </message>
    <message>
        <source>Partly upheld</source>
        <translation>Partiellement fondée</translation>
    </message>
    <message>
        <source>Not upheld</source>
        <translation>Non fondée</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>En attente de réponse</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Répondue</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Déclinée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Waiting on the customer</source>
        <translation>En attente du client</translation>
    </message>
    <message>
        <source>Fulfilled</source>
        <translation>Tenu</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>À tour de rôle</translation>
    </message>
    <message>
        <source>Least open load</source>
        <translation>Charge ouverte la plus faible</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>téléphone</translation>
    </message>
    <message>
        <source>email</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>social handle</source>
        <translation>identifiant social</translation>
    </message>
    <message>
        <source>same {kind} {value}</source>
        <translation>même {kind} {value}</translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>dans %n min</numerusform>
            <numerusform>dans %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>dans %n h</numerusform>
            <numerusform>dans %n h</numerusform>
        </translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>aujourd’hui {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>demain {time}</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <source>due {when}</source>
        <translation>échéance {when}</translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n min</source>
        <translation>
            <numerusform>en retard de %n min</numerusform>
            <numerusform>en retard de %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n h</source>
        <translation>
            <numerusform>en retard de %n h</numerusform>
            <numerusform>en retard de %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>en retard de %n jour</numerusform>
            <numerusform>en retard de %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>{date} {time}, {zone}</source>
        <translation>{date} {time}, {zone}</translation>
    </message>
    <message>
        <source>{there} ({here} here)</source>
        <translation>{there} ({here} ici)</translation>
    </message>
    <message>
        <source>Regulatory deadline at risk or missed</source>
        <translation>Délai réglementaire menacé ou dépassé</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Dépassée</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Respectée</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Sans objet</translation>
    </message>
    <message>
        <source>Unassigned: taken from the queue</source>
        <translation>Sans responsable : prise dans la file</translation>
    </message>
    <message>
        <source>Final response</source>
        <translation>Réponse définitive</translation>
    </message>
    <message>
        <source>Summary resolution</source>
        <translation>Résolution sommaire</translation>
    </message>
    <message>
        <source>Holding reply</source>
        <translation>Réponse d&apos;attente</translation>
    </message>
    <message>
        <source>missing: {sections}</source>
        <translation>manquant : {sections}</translation>
    </message>
    <message>
        <source>left empty: {sections}</source>
        <translation>laissé vide : {sections}</translation>
    </message>
    <message>
        <source>This letter cannot leave as it is — {problems}. Add each section with its heading and what it must say.</source>
        <translation>Ce courrier ne peut pas partir tel quel — {problems}. Ajoutez chaque partie avec son intitulé et ce qu&apos;elle doit dire.</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>Fusionnée</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
    <message>
        <source>similar {kind}: {value} / {other}</source>
        <translation>{kind} voisin : {value} / {other}</translation>
    </message>
    <message>
        <source>{value} and {other} look alike</source>
        <translation>{value} et {other} se ressemblent</translation>
    </message>
    <message>
        <source>{value} spells the name {other}</source>
        <translation>{value} écrit le nom {other}</translation>
    </message>
    <message>
        <source>the same handle on two services: {value} / {other}</source>
        <translation>le même identifiant sur deux services : {value} / {other}</translation>
    </message>
    <message>
        <source>{value} is the name the account {other} gives</source>
        <translation>{value} est le nom que donne le compte {other}</translation>
    </message>
    <message>
        <source>same name {value}</source>
        <translation>même nom {value}</translation>
    </message>
    <message>
        <source>nickname: {value} / {other}</source>
        <translation>diminutif : {value} / {other}</translation>
    </message>
    <message>
        <source>initial: {value} / {other}</source>
        <translation>initiale : {value} / {other}</translation>
    </message>
    <message>
        <source>close name ({score}%): {value} / {other}</source>
        <translation>nom proche ({score} %) : {value} / {other}</translation>
    </message>
    <message>
        <source>same postcode {value}</source>
        <translation>même code postal {value}</translation>
    </message>
    <message>
        <source>same address {value}</source>
        <translation>même adresse {value}</translation>
    </message>
</context>
<context>
    <name>LastAction</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Undo the last reversible action</source>
        <translation>Annuler la dernière action réversible</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Annuler : {what}</translation>
    </message>
    <message>
        <source>{what} done — Ctrl+Z to undo</source>
        <translation>{what} : fait — Ctrl+Z pour annuler</translation>
    </message>
    <message>
        <source>Not undone: someone changed this complaint after your {what}. Nothing was changed; reload it to see what they did.</source>
        <translation>Non annulé : quelqu’un a modifié cette réclamation après votre {what}. Rien n’a été changé ; rechargez-la pour voir ce qui a été fait.</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>Annulé : {what}</translation>
    </message>
    <message>
        <source>Not everything was undone</source>
        <translation>Tout n’a pas été annulé</translation>
    </message>
</context>
<context>
    <name>LinkCustomerDialog</name>
    <message>
        <source>Link the sender to a customer</source>
        <translation>Rattacher l&apos;expéditeur à un client</translation>
    </message>
    <message>
        <source>&amp;Link</source>
        <translation>&amp;Rattacher</translation>
    </message>
    <message>
        <source>The sender&apos;s address or handle joins the customer you pick: this complaint and their next messages land on that customer. Ctrl+Z undoes it.</source>
        <translation>L&apos;adresse ou l&apos;identifiant de l&apos;expéditeur rejoint le client choisi : cette réclamation et ses prochains messages arrivent chez ce client. Ctrl+Z l&apos;annule.</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Chercher :</translation>
    </message>
    <message>
        <source>name, phone or email</source>
        <translation>nom, téléphone ou e-mail</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>C&amp;lient :</translation>
    </message>
    <message>
        <source>Find and pick the customer first.</source>
        <translation>Cherchez et choisissez d&apos;abord le client.</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>ComplaintDesk is locked</source>
        <translation>ComplaintDesk est verrouillé</translation>
    </message>
    <message>
        <source>Signed in as {name} ({login}).</source>
        <translation>Connecté en tant que {name} ({login}).</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Votre mot de passe</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ComplaintDesk — {name}</source>
        <translation>ComplaintDesk — {name}</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Synchroniser</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Ctrl+{number}</source>
        <translation>Ctrl+{number}</translation>
    </message>
    <message>
        <source>Complaint actions</source>
        <translation>Actions sur la réclamation</translation>
    </message>
    <message>
        <source>Request actions</source>
        <translation>Actions sur les demandes</translation>
    </message>
    <message>
        <source>Commitment actions</source>
        <translation>Actions sur les engagements</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Complaint</source>
        <translation>&amp;Réclamation</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>Files d&apos;a&amp;ttente</translation>
    </message>
    <message>
        <source>&amp;Notifications…</source>
        <translation>&amp;Notifications…</translation>
    </message>
    <message>
        <source>&amp;Problems</source>
        <translation>&amp;Problèmes</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>R&amp;apports</translation>
    </message>
    <message>
        <source>Con&amp;figuration</source>
        <translation>Con&amp;figuration</translation>
    </message>
    <message>
        <source>&amp;Functions and routing rules…</source>
        <translation>&amp;Fonctions et règles de routage…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>You have no queue yet: an administrator must add you to a function before anything can be asked of you.</source>
        <translation>Vous n&apos;avez encore aucune file : un administrateur doit vous ajouter à une fonction avant qu&apos;on puisse vous demander quoi que ce soit.</translation>
    </message>
    <message>
        <source>{queue} ({count})</source>
        <translation>{queue} ({count})</translation>
    </message>
    <message>
        <source>Could not count the queues: {}</source>
        <translation>Impossible de compter les files : {}</translation>
    </message>
    <message>
        <source>Nothing asked of your function right now</source>
        <translation>Rien n&apos;est demandé à votre fonction pour l&apos;instant</translation>
    </message>
    <message>
        <source>Questions from complaint owners appear here. F5 looks again.</source>
        <translation>Les questions des responsables de réclamations apparaissent ici. F5 actualise.</translation>
    </message>
    <message>
        <source>No complaints in this queue</source>
        <translation>Aucune réclamation dans cette file</translation>
    </message>
    <message>
        <source>Choose another queue on the left, or press F5 to refresh.</source>
        <translation>Choisissez une autre file à gauche, ou appuyez sur F5 pour actualiser.</translation>
    </message>
    <message>
        <source>{reference} recorded. Why it went where it went: {why}</source>
        <translation>{reference} enregistrée. Pourquoi elle est allée là : {why}</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Add a member</source>
        <translation>Ajouter un membre</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>&amp;Ajouter le membre</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Fonction :</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>Type the member&apos;s login.</source>
        <translation>Saisissez l&apos;identifiant du membre.</translation>
    </message>
</context>
<context>
    <name>MoneyField</name>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>New complaint</source>
        <translation>Nouvelle réclamation</translation>
    </message>
    <message>
        <source>&amp;Record complaint</source>
        <translation>&amp;Enregistrer la réclamation</translation>
    </message>
    <message>
        <source>Phone, shop and letter complaints belong to you once recorded; email and social ones go to their team queue. Routing picks the function.</source>
        <translation>Les réclamations par téléphone, en boutique et par courrier sont à vous une fois enregistrées ; celles par e-mail et réseaux sociaux vont dans la file de leur équipe. Le routage choisit la fonction.</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>Ca&amp;nal :</translation>
    </message>
    <message>
        <source>Se&amp;gment:</source>
        <translation>Se&amp;gment :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>In a few words, what is wrong</source>
        <translation>En quelques mots, ce qui ne va pas</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>Ce que le client a dit</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(pas encore connue)</translation>
    </message>
    <message>
        <source>Ca&amp;tegory:</source>
        <translation>Ca&amp;tégorie :</translation>
    </message>
    <message>
        <source>&amp;Amount at stake:</source>
        <translation>&amp;Montant en jeu :</translation>
    </message>
    <message>
        <source>Amount at stake</source>
        <translation>Montant en jeu</translation>
    </message>
    <message>
        <source>Write the subject: in a few words, what is wrong.</source>
        <translation>Indiquez l&apos;objet : en quelques mots, ce qui ne va pas.</translation>
    </message>
    <message>
        <source>The amount is a number such as 42.50.</source>
        <translation>Le montant est un nombre comme 42,50.</translation>
    </message>
    <message>
        <source>Letter written &amp;on:</source>
        <translation>Courrier é&amp;crit le :</translation>
    </message>
    <message>
        <source>The date written on the letter: some rules count from the customer&apos;s sending.</source>
        <translation>La date écrite sur le courrier : certaines règles comptent à partir de l&apos;envoi par le client.</translation>
    </message>
</context>
<context>
    <name>NotificationIndicator</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Your unread notifications (Ctrl+I)</source>
        <translation>Vos notifications non lues (Ctrl+I)</translation>
    </message>
    <message>
        <source>Notifications could not be read: {}</source>
        <translation>Impossible de lire les notifications : {}</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n non lue</numerusform>
            <numerusform>%n non lues</numerusform>
        </translation>
    </message>
    <message>
        <source>No unread notifications</source>
        <translation>Aucune notification non lue</translation>
    </message>
</context>
<context>
    <name>NotificationsDialog</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>&amp;Open complaint</source>
        <translation>&amp;Ouvrir la réclamation</translation>
    </message>
    <message>
        <source>Mark all &amp;read</source>
        <translation>Tout marquer comme &amp;lu</translation>
    </message>
    <message>
        <source>Unread notifications</source>
        <translation>Notifications non lues</translation>
    </message>
    <message>
        <source>Nothing new. Notifications appear here.</source>
        <translation>Rien de nouveau. Les notifications apparaissent ici.</translation>
    </message>
</context>
<context>
    <name>OneCustomerPanel</name>
    <message>
        <source>One customer, one case</source>
        <translation>Un client, un dossier</translation>
    </message>
    <message>
        <source>The proposals could not be read: {error}</source>
        <translation>Les propositions n&apos;ont pas pu être lues : {error}</translation>
    </message>
    <message>
        <source>{old} was merged into this complaint: its reference leads here.</source>
        <translation>{old} a été fusionnée dans cette réclamation : sa référence mène ici.</translation>
    </message>
    <message>
        <source>Maybe the same customer</source>
        <translation>Peut-être le même client</translation>
    </message>
    <message>
        <source>Merge the records</source>
        <translation>Fusionner les fiches</translation>
    </message>
    <message>
        <source>&amp;Link the sender</source>
        <translation>&amp;Rattacher l&apos;expéditeur</translation>
    </message>
    <message>
        <source>Link to another customer…</source>
        <translation>Rattacher à un autre client…</translation>
    </message>
    <message numerus="yes">
        <source>This may be {name} ({contacts}) — %n open complaint(s)</source>
        <translation>
            <numerusform>C&apos;est peut-être {name} ({contacts}) — %n réclamation ouverte</numerusform>
            <numerusform>C&apos;est peut-être {name} ({contacts}) — %n réclamations ouvertes</numerusform>
        </translation>
    </message>
    <message>
        <source>no contact point</source>
        <translation>aucun moyen de contact</translation>
    </message>
    <message>
        <source>link of the sender to {name}</source>
        <translation>rattachement de l&apos;expéditeur à {name}</translation>
    </message>
    <message>
        <source>Merged from the workspace of {reference}</source>
        <translation>Fusionnées depuis l&apos;espace de travail de {reference}</translation>
    </message>
    <message>
        <source>merge of {name}&apos;s record</source>
        <translation>fusion de la fiche de {name}</translation>
    </message>
    <message>
        <source>Maybe the same grievance</source>
        <translation>Peut-être le même grief</translation>
    </message>
    <message>
        <source>&amp;Merge {reference} into this one</source>
        <translation>&amp;Fusionner {reference} dans celle-ci</translation>
    </message>
    <message>
        <source>Different grievances: link</source>
        <translation>Griefs différents : lier</translation>
    </message>
    <message>
        <source>Linked complaints</source>
        <translation>Réclamations liées</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Délier</translation>
    </message>
    <message>
        <source>The customer&apos;s other open complaints</source>
        <translation>Les autres réclamations ouvertes du client</translation>
    </message>
    <message>
        <source>Same grievance: merge into this one</source>
        <translation>Même grief : fusionner dans celle-ci</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Lier</translation>
    </message>
    <message>
        <source>Merged into this one</source>
        <translation>Fusionnées dans celle-ci</translation>
    </message>
    <message>
        <source>{merged} was merged into this complaint ({when})</source>
        <translation>{merged} a été fusionnée dans cette réclamation ({when})</translation>
    </message>
    <message>
        <source>Undo the merge</source>
        <translation>Annuler la fusion</translation>
    </message>
    <message>
        <source>{reference} — {status}, {channel}, received {when}: {subject}</source>
        <translation>{reference} — {status}, {channel}, reçue le {when} : {subject}</translation>
    </message>
    <message>
        <source>merge of {reference}</source>
        <translation>fusion de {reference}</translation>
    </message>
    <message>
        <source>Same grievance</source>
        <translation>Même grief</translation>
    </message>
    <message>
        <source>link with {reference}</source>
        <translation>lien avec {reference}</translation>
    </message>
    <message>
        <source>unlink of {reference}</source>
        <translation>suppression du lien avec {reference}</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Proposition</translation>
    </message>
</context>
<context>
    <name>OpeningIndicator</name>
    <message>
        <source>Opening the database…</source>
        <translation>Ouverture de la base de données…</translation>
    </message>
    <message>
        <source>Opening the database</source>
        <translation>Ouverture de la base de données</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Something unexpected went wrong ({kind}); nothing was saved.</source>
        <translation>Un problème inattendu est survenu ({kind}) ; rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>This could not be done</source>
        <translation>Impossible d&apos;effectuer cette action</translation>
    </message>
</context>
<context>
    <name>OwnerDialog</name>
    <message>
        <source>The new owner is notified and finds it in My complaints at once.</source>
        <translation>Le nouveau responsable est prévenu et la trouve aussitôt dans Mes réclamations.</translation>
    </message>
    <message>
        <source>Choose a colleague…</source>
        <translation>Choisissez un collègue…</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>&amp;Collègue :</translation>
    </message>
    <message>
        <source>Why: the new owner will read it</source>
        <translation>Motif : le nouveau responsable le lira</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source> (off duty)</source>
        <translation> (absent)</translation>
    </message>
    <message>
        <source>{name} ({where}){away}</source>
        <translation>{name} ({where}){away}</translation>
    </message>
    <message>
        <source>Choose the colleague first.</source>
        <translation>Choisissez d&apos;abord le collègue.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Custom dates</source>
        <translation>Dates personnalisées</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Tous les sites</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Site :</translation>
    </message>
</context>
<context>
    <name>PhoneDesk</name>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Téléphone</translation>
    </message>
    <message>
        <source>Show &amp;caller…</source>
        <translation>Afficher l&apos;&amp;appelant…</translation>
    </message>
    <message>
        <source>Log &amp;outbound call on this complaint…</source>
        <translation>Noter un appel s&amp;ortant sur cette réclamation…</translation>
    </message>
    <message>
        <source>Show caller</source>
        <translation>Afficher l&apos;appelant</translation>
    </message>
    <message>
        <source>Phone number:</source>
        <translation>Numéro de téléphone :</translation>
    </message>
    <message>
        <source>{reference} recorded from the call.</source>
        <translation>{reference} enregistrée à partir de l&apos;appel.</translation>
    </message>
    <message>
        <source>Open the complaint you called the customer about first.</source>
        <translation>Ouvrez d&apos;abord la réclamation pour laquelle vous avez appelé le client.</translation>
    </message>
</context>
<context>
    <name>PoliciesModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message>
        <source>&amp;Activate</source>
        <translation>&amp;Activer</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>&amp;Copy…</source>
        <translation>&amp;Copier…</translation>
    </message>
    <message>
        <source>No policies yet.</source>
        <translation>Aucun engagement de service pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Engagements de service</translation>
    </message>
    <message>
        <source>Service-level policies</source>
        <translation>Engagements de niveau de service</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Objectifs</translation>
    </message>
    <message>
        <source>Add &amp;target</source>
        <translation>Ajouter un &amp;objectif</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Warning threshold</source>
        <translation>Seuil d&apos;alerte</translation>
    </message>
    <message>
        <source>&amp;Pause while waiting on the customer</source>
        <translation>Suspendre pendant l&apos;attente du &amp;client</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Ca&amp;lendar:</source>
        <translation>Ca&amp;lendrier :</translation>
    </message>
    <message>
        <source>&amp;Warn the owner once this share of the time is used:</source>
        <translation>&amp;Alerter le responsable dès que cette part du délai est consommée :</translation>
    </message>
    <message>
        <source>Open complaints keep their due dates until they are recomputed.</source>
        <translation>Les réclamations ouvertes gardent leurs échéances jusqu&apos;à leur recalcul.</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>Recalculer</translation>
    </message>
    <message>
        <source>&amp;Recompute open complaints</source>
        <translation>&amp;Recalculer les réclamations ouvertes</translation>
    </message>
    <message>
        <source>Recomputing open complaints</source>
        <translation>Recalcul des réclamations ouvertes</translation>
    </message>
    <message>
        <source>Targets (select a policy)</source>
        <translation>Objectifs (sélectionnez un engagement)</translation>
    </message>
    <message>
        <source>Targets of {code} — {name}</source>
        <translation>Objectifs de {code} — {name}</translation>
    </message>
    <message>
        <source>Regulatory deadlines never pause.</source>
        <translation>Les échéances réglementaires ne sont jamais suspendues.</translation>
    </message>
    <message>
        <source>Recomputing open complaints…</source>
        <translation>Recalcul des réclamations ouvertes…</translation>
    </message>
    <message numerus="yes">
        <source>Done: %n open complaint(s) got new due dates.</source>
        <translation>
            <numerusform>Terminé : %n réclamation ouverte a reçu de nouvelles échéances.</numerusform>
            <numerusform>Terminé : %n réclamations ouvertes ont reçu de nouvelles échéances.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Targets</source>
        <translation>&amp;Objectifs</translation>
    </message>
    <message>
        <source>Sco&amp;pe</source>
        <translation>&amp;Périmètre</translation>
    </message>
    <message>
        <source>&amp;Due dates</source>
        <translation>É&amp;chéances</translation>
    </message>
    <message>
        <source>&amp;Which policy?</source>
        <translation>&amp;Quel engagement ?</translation>
    </message>
    <message>
        <source>its receipt</source>
        <translation>sa réception</translation>
    </message>
    <message>
        <source>the customer&apos;s sending, when known</source>
        <translation>l&apos;envoi par le client, s&apos;il est connu</translation>
    </message>
    <message>
        <source>Deadlines count from</source>
        <translation>Les délais courent à partir de</translation>
    </message>
    <message>
        <source>Deadlines count &amp;from:</source>
        <translation>Les délais courent à partir &amp;de :</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>As the system ({language})</source>
        <translation>Comme le système ({language})</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <source>Lock after minutes without use</source>
        <translation>Verrouiller après ce nombre de minutes sans utilisation</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>A new language shows the next time ComplaintDesk starts.</source>
        <translation>Une nouvelle langue s&apos;affiche au prochain démarrage de ComplaintDesk.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Thème :</translation>
    </message>
    <message>
        <source>&amp;Lock after:</source>
        <translation>&amp;Verrouiller après :</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <source>{name} is viewing</source>
        <translation>{name} consulte</translation>
    </message>
    <message>
        <source>{name} is writing a reply</source>
        <translation>{name} rédige une réponse</translation>
    </message>
    <message>
        <source>{name} is writing a note</source>
        <translation>{name} rédige une note</translation>
    </message>
</context>
<context>
    <name>ProblemActions</name>
    <message>
        <source>&amp;Problems and voice of the customer…</source>
        <translation>&amp;Problèmes et voix du client…</translation>
    </message>
    <message>
        <source>&amp;Attach to problem…</source>
        <translation>&amp;Rattacher à un problème…</translation>
    </message>
    <message>
        <source>Record &amp;satisfaction…</source>
        <translation>Noter la &amp;satisfaction…</translation>
    </message>
    <message>
        <source>Select complaints in the queue first (Shift or Ctrl for more).</source>
        <translation>Sélectionnez d&apos;abord des réclamations dans la file (Maj ou Ctrl pour en prendre plusieurs).</translation>
    </message>
    <message>
        <source>Satisfaction is asked once the complaint is resolved or closed.</source>
        <translation>La satisfaction se demande une fois la réclamation résolue ou clôturée.</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source>Open</source>
        <translation>Ouvertes</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>En cours d&apos;analyse</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Corrigé</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Cause racine</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>Common subject</source>
        <translation>Objet commun</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Sites</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Satisfaction /10</source>
        <translation>Satisfaction /10</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recommandations</translation>
    </message>
    <message>
        <source>Net promoter</source>
        <translation>Recommandation nette</translation>
    </message>
</context>
<context>
    <name>ProblemsTab</name>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <source>&amp;Open problems only</source>
        <translation>Problèmes &amp;ouverts seulement</translation>
    </message>
    <message>
        <source>Complaints of the problem</source>
        <translation>Réclamations du problème</translation>
    </message>
    <message>
        <source>Choose a problem on the left.</source>
        <translation>Choisissez un problème à gauche.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Add &amp;action…</source>
        <translation>Ajouter une &amp;action…</translation>
    </message>
    <message>
        <source>Actions taken</source>
        <translation>Actions menées</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>S&amp;tatut :</translation>
    </message>
    <message>
        <source>Actions taken by the responsible function:</source>
        <translation>Actions menées par la fonction responsable :</translation>
    </message>
    <message>
        <source>Complaints (double-click opens one):</source>
        <translation>Réclamations (un double-clic en ouvre une) :</translation>
    </message>
    <message>
        <source>No problem yet: attach complaints to one from the queue.</source>
        <translation>Aucun problème pour l&apos;instant : rattachez-y des réclamations depuis la file.</translation>
    </message>
    <message>
        <source>Owner: {owner} · Responsible function: {function} · Root cause: {cause}
{count} complaints · opened {opened}
{description}</source>
        <translation>Responsable : {owner} · Fonction responsable : {function} · Cause racine : {cause}
{count} réclamations · ouvert le {opened}
{description}</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(aucune description)</translation>
    </message>
    <message>
        <source>&lt;i&gt;No action recorded yet.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Aucune action enregistrée pour l&apos;instant.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Action taken on “{title}”</source>
        <translation>Action menée sur « {title} »</translation>
    </message>
    <message>
        <source>&amp;Add action</source>
        <translation>&amp;Ajouter l&apos;action</translation>
    </message>
    <message>
        <source>&amp;What was done:</source>
        <translation>&amp;Ce qui a été fait :</translation>
    </message>
    <message>
        <source>e.g. payment gateway retries disabled; supplier contacted</source>
        <translation>p. ex. relances de la passerelle de paiement désactivées ; fournisseur contacté</translation>
    </message>
</context>
<context>
    <name>ProblemsWindow</name>
    <message>
        <source>Problems and the voice of the customer</source>
        <translation>Problèmes et voix du client</translation>
    </message>
    <message>
        <source>&amp;Problems</source>
        <translation>&amp;Problèmes</translation>
    </message>
    <message>
        <source>&amp;Candidates</source>
        <translation>&amp;Candidats</translation>
    </message>
    <message>
        <source>&amp;Satisfaction</source>
        <translation>&amp;Satisfaction</translation>
    </message>
    <message>
        <source>&amp;Voice of the customer</source>
        <translation>&amp;Voix du client</translation>
    </message>
</context>
<context>
    <name>Promises</name>
    <message>
        <source>Acknowledge</source>
        <translation>Accusé de réception</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Première réponse</translation>
    </message>
    <message>
        <source>Summary resolution</source>
        <translation>Résolution sommaire</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Final response</source>
        <translation>Réponse définitive</translation>
    </message>
    <message>
        <source>Final response (exceptional)</source>
        <translation>Réponse définitive (exceptionnelle)</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>jours calendaires</translation>
    </message>
    <message>
        <source>working days (Mon–Sat)</source>
        <translation>jours ouvrables (lun.–sam.)</translation>
    </message>
    <message>
        <source>business days (Mon–Fri)</source>
        <translation>jours ouvrés (lun.–ven.)</translation>
    </message>
    <message>
        <source>open days (the calendar&apos;s)</source>
        <translation>jours d&apos;ouverture (selon le calendrier)</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>semaines</translation>
    </message>
    <message>
        <source>months</source>
        <translation>mois</translation>
    </message>
    <message>
        <source>business hours</source>
        <translation>heures ouvrées</translation>
    </message>
    <message>
        <source>Regulatory</source>
        <translation>Réglementaire</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Interne</translation>
    </message>
    <message>
        <source>an acknowledgement or any answer</source>
        <translation>un accusé de réception ou toute réponse</translation>
    </message>
    <message>
        <source>any answer</source>
        <translation>toute réponse</translation>
    </message>
    <message>
        <source>the resolution</source>
        <translation>la résolution</translation>
    </message>
    <message>
        <source>the final response</source>
        <translation>la réponse définitive</translation>
    </message>
    <message>
        <source>a final answer within the window</source>
        <translation>une réponse définitive dans le délai</translation>
    </message>
    <message>
        <source>site</source>
        <translation>site</translation>
    </message>
    <message>
        <source>site country</source>
        <translation>pays du site</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>canal</translation>
    </message>
    <message>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>product</source>
        <translation>produit</translation>
    </message>
    <message>
        <source>customer segment</source>
        <translation>segment du client</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priorité</translation>
    </message>
</context>
<context>
    <name>Quarantine</name>
    <message>
        <source>Attach to a complaint</source>
        <translation>Rattacher à une réclamation</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>&amp;Rattacher</translation>
    </message>
    <message>
        <source>&amp;Reference:</source>
        <translation>&amp;Référence :</translation>
    </message>
    <message>
        <source>Give the complaint&apos;s reference.</source>
        <translation>Indiquez la référence de la réclamation.</translation>
    </message>
    <message>
        <source>Attach to a customer</source>
        <translation>Rattacher à un client</translation>
    </message>
    <message>
        <source>&amp;Customer:</source>
        <translation>&amp;Client :</translation>
    </message>
    <message>
        <source>&amp;Found:</source>
        <translation>&amp;Trouvés :</translation>
    </message>
    <message>
        <source>Customers found</source>
        <translation>Clients trouvés</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Objet :</translation>
    </message>
    <message>
        <source>Find and pick the customer.</source>
        <translation>Cherchez puis choisissez le client.</translation>
    </message>
    <message>
        <source>The item becomes a customer message on that complaint&apos;s timeline.</source>
        <translation>L&apos;élément devient un message du client dans l&apos;historique de cette réclamation.</translation>
    </message>
    <message>
        <source>A complaint is opened for the customer you pick, routed as any other.</source>
        <translation>Une réclamation est ouverte pour le client choisi, routée comme toute autre.</translation>
    </message>
    <message>
        <source>name, email or phone</source>
        <translation>nom, e-mail ou téléphone</translation>
    </message>
    <message>
        <source>Quarantined items</source>
        <translation>Éléments en quarantaine</translation>
    </message>
    <message>
        <source>What the item holds</source>
        <translation>Contenu de l&apos;élément</translation>
    </message>
    <message>
        <source>Nothing waits in the quarantine: everything customers sent was stored.</source>
        <translation>Rien n&apos;attend en quarantaine : tout ce que les clients ont envoyé a été enregistré.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <source>Read it again and store it, once what was wrong is fixed</source>
        <translation>Le relire et l&apos;enregistrer, une fois la cause corrigée</translation>
    </message>
    <message>
        <source>Attach to a c&amp;ustomer…</source>
        <translation>Rattacher à un c&amp;lient…</translation>
    </message>
    <message>
        <source>Attach to a co&amp;mplaint…</source>
        <translation>Rattacher à une ré&amp;clamation…</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Écarter…</translation>
    </message>
    <message>
        <source>What customers sent that could not become a complaint on its own. Retry it once what was wrong is fixed, attach it by hand, or discard it saying why.</source>
        <translation>Ce que des clients ont envoyé et qui n&apos;a pas pu devenir une réclamation à lui seul. Réessayez une fois la cause corrigée, rattachez-le à la main, ou écartez-le en disant pourquoi.</translation>
    </message>
    <message>
        <source>Discard the item</source>
        <translation>Écarter l&apos;élément</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Écarter</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Pourquoi :</translation>
    </message>
    <message>
        <source>e.g. spam, a test message, already answered</source>
        <translation>p. ex. indésirable, message de test, déjà traité</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Quarantaine</translation>
    </message>
    <message>
        <source>What customers sent that waits for a decision</source>
        <translation>Ce que des clients ont envoyé et qui attend une décision</translation>
    </message>
    <message>
        <source>&amp;Quarantine</source>
        <translation>&amp;Quarantaine</translation>
    </message>
    <message>
        <source>The item is kept, marked discarded; the reason goes to the audit trail.</source>
        <translation>L&apos;élément est conservé, marqué écarté ; la raison est inscrite au journal d&apos;audit.</translation>
    </message>
    <message>
        <source>Quarantine ({count})</source>
        <translation>Quarantaine ({count})</translation>
    </message>
    <message>
        <source>No sender anybody could answer</source>
        <translation>Aucun expéditeur à qui répondre</translation>
    </message>
    <message>
        <source>Not an email message</source>
        <translation>Ce n&apos;est pas un e-mail</translation>
    </message>
    <message>
        <source>Too large</source>
        <translation>Trop volumineux</translation>
    </message>
    <message>
        <source>A required field is missing or broken</source>
        <translation>Un champ obligatoire manque ou est illisible</translation>
    </message>
    <message>
        <source>A field is too large</source>
        <translation>Un champ est trop volumineux</translation>
    </message>
    <message>
        <source>Refused while storing it</source>
        <translation>Refusé à l&apos;enregistrement</translation>
    </message>
    <message>
        <source>Storing it failed unexpectedly</source>
        <translation>L&apos;enregistrement a échoué de façon inattendue</translation>
    </message>
    <message>
        <source>Could not be stored</source>
        <translation>N&apos;a pas pu être enregistré</translation>
    </message>
    <message>
        <source>Email file</source>
        <translation>Fichier e-mail</translation>
    </message>
    <message>
        <source>Mailbox file</source>
        <translation>Fichier de boîte aux lettres</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Boîte aux lettres</translation>
    </message>
    <message>
        <source>Social media file</source>
        <translation>Fichier de réseau social</translation>
    </message>
    <message>
        <source>Social media gateway</source>
        <translation>Passerelle de réseaux sociaux</translation>
    </message>
    <message>
        <source>CFPB file</source>
        <translation>Fichier CFPB</translation>
    </message>
    <message>
        <source>Other source</source>
        <translation>Autre source</translation>
    </message>
    <message>
        <source>What it holds:</source>
        <translation>Contenu :</translation>
    </message>
    <message>
        <source>Only the beginning is kept: the item is larger than the quarantine keeps.</source>
        <translation>Seul le début est conservé : l&apos;élément dépasse ce que la quarantaine garde.</translation>
    </message>
    <message>
        <source>(nothing readable)</source>
        <translation>(rien de lisible)</translation>
    </message>
    <message>
        <source>Why it waits: {problem}.</source>
        <translation>Pourquoi il attend : {problem}.</translation>
    </message>
    <message>
        <source>Details: {reason}</source>
        <translation>Détails : {reason}</translation>
    </message>
    <message>
        <source>From: {kind}, {where}</source>
        <translation>Provenance : {kind}, {where}</translation>
    </message>
    <message>
        <source>Received: {when}; {seen}; {retried}.</source>
        <translation>Reçu : {when} ; {seen} ; {retried}.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçu</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Provenance</translation>
    </message>
    <message>
        <source>Why it waits</source>
        <translation>Pourquoi il attend</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
</context>
<context>
    <name>QuarantineCounts</name>
    <message numerus="yes">
        <source>seen %n time(s)</source>
        <translation>
            <numerusform>vu %n fois</numerusform>
            <numerusform>vu %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>retried %n time(s)</source>
        <translation>
            <numerusform>réessayé %n fois</numerusform>
            <numerusform>réessayé %n fois</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueExporter</name>
    <message>
        <source>Export the queue</source>
        <translation>Exporter la file</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV, séparé par des virgules (*.csv)</translation>
    </message>
    <message>
        <source>Exporting {name}…</source>
        <translation>Export de {name}…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Export failed: {}</source>
        <translation>Échec de l&apos;export : {}</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Export annulé ; aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Click to sort by this column; click again to reverse</source>
        <translation>Cliquez pour trier selon cette colonne ; cliquez à nouveau pour inverser</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>{state}: next promise due {when}</source>
        <translation>{state} : prochaine échéance {when}</translation>
    </message>
    <message>
        <source>Received {when}</source>
        <translation>Reçue le {when}</translation>
    </message>
    <message>
        <source>Nobody owns this complaint yet</source>
        <translation>Personne n&apos;est encore responsable de cette réclamation</translation>
    </message>
    <message>
        <source>The regulatory deadline, apart from the company&apos;s promises</source>
        <translation>Le délai réglementaire, à part des engagements de l’entreprise</translation>
    </message>
    <message>
        <source>Regulatory</source>
        <translation>Réglementaire</translation>
    </message>
    <message>
        <source>No regulatory deadline applies to this complaint</source>
        <translation>Aucun délai réglementaire ne s’applique à cette réclamation</translation>
    </message>
    <message>
        <source>Regulatory deadline: {state}</source>
        <translation>Délai réglementaire : {state}</translation>
    </message>
    <message>
        <source>Regulatory deadline ({state}): due {when}</source>
        <translation>Délai réglementaire ({state}) : échéance {when}</translation>
    </message>
</context>
<context>
    <name>QueueTable</name>
    <message>
        <source>Complaints in the queue</source>
        <translation>Réclamations de la file</translation>
    </message>
    <message>
        <source>No complaints in this queue</source>
        <translation>Aucune réclamation dans cette file</translation>
    </message>
    <message>
        <source>Choose another queue on the left, or press F5 to refresh.</source>
        <translation>Choisissez une autre file à gauche, ou appuyez sur F5 pour actualiser.</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receipt</source>
        <translation>Récépissé</translation>
    </message>
    <message>
        <source>Reading the receipt…</source>
        <translation>Lecture du récépissé…</translation>
    </message>
    <message>
        <source>&amp;A4 page</source>
        <translation>Page &amp;A4</translation>
    </message>
    <message>
        <source>&amp;Ticket printer (80 mm)</source>
        <translation>&amp;Imprimante à tickets (80 mm)</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papier :</translation>
    </message>
    <message>
        <source>Receipt preview</source>
        <translation>Aperçu du récépissé</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Enregistrer en PDF…</translation>
    </message>
    <message>
        <source>{reference} recorded. Hand {name} their receipt ({language}).</source>
        <translation>{reference} enregistrée. Remettez son récépissé à {name} ({language}).</translation>
    </message>
    <message>
        <source>The receipt cannot be shown: {}</source>
        <translation>Impossible d&apos;afficher le récépissé : {}</translation>
    </message>
    <message>
        <source>Not saved: {}</source>
        <translation>Non enregistré : {}</translation>
    </message>
    <message>
        <source>Saved to {}</source>
        <translation>Enregistré dans {}</translation>
    </message>
    <message>
        <source>Not printed: {}</source>
        <translation>Non imprimé : {}</translation>
    </message>
    <message>
        <source>Sent to {}</source>
        <translation>Envoyé à {}</translation>
    </message>
    <message>
        <source>Receipt {reference}</source>
        <translation>Récépissé {reference}</translation>
    </message>
    <message>
        <source>Save receipt as PDF</source>
        <translation>Enregistrer le récépissé en PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ReceivedDateDialog</name>
    <message>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>&amp;Day:</source>
        <translation>&amp;Jour :</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Decline the request</source>
        <translation>Décliner la demande</translation>
    </message>
    <message>
        <source>Answer the request</source>
        <translation>Répondre à la demande</translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation>&amp;Décliner</translation>
    </message>
    <message>
        <source>&amp;Send answer</source>
        <translation>&amp;Envoyer la réponse</translation>
    </message>
    <message>
        <source>{reference} — {subject}</source>
        <translation>{reference} — {subject}</translation>
    </message>
    <message>
        <source>Complaint:</source>
        <translation>Réclamation :</translation>
    </message>
    <message>
        <source>{function}, due {when}</source>
        <translation>{function}, échéance {when}</translation>
    </message>
    <message>
        <source>Asked of:</source>
        <translation>Demandée à :</translation>
    </message>
    <message>
        <source>Question:</source>
        <translation>Question :</translation>
    </message>
    <message>
        <source>Why your function cannot answer (not ours, need more information…)</source>
        <translation>Pourquoi votre fonction ne peut pas répondre (pas de notre ressort, besoin de précisions…)</translation>
    </message>
    <message>
        <source>Your function&apos;s answer: the owner is notified</source>
        <translation>La réponse de votre fonction : le responsable est prévenu</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>&amp;Answer:</source>
        <translation>&amp;Réponse :</translation>
    </message>
</context>
<context>
    <name>ReplyRouter</name>
    <message>
        <source>the channel the customer prefers</source>
        <translation>le canal que le client préfère</translation>
    </message>
    <message>
        <source>the channel the customer used last</source>
        <translation>le canal que le client a utilisé en dernier</translation>
    </message>
    <message>
        <source>the only way to reach the customer</source>
        <translation>le seul moyen de joindre le client</translation>
    </message>
    <message>
        <source>Goes by email to {address} — {why}.</source>
        <translation>Part par e-mail à {address} — {why}.</translation>
    </message>
    <message>
        <source>Goes on social media to {address} — {why}.</source>
        <translation>Part sur les réseaux sociaux à {address} — {why}.</translation>
    </message>
    <message>
        <source>Call the customer on {address} — {why}.</source>
        <translation>Appelez le client au {address} — {why}.</translation>
    </message>
    <message>
        <source>Write to the customer at {address} — {why}.</source>
        <translation>Écrivez au client à l&apos;adresse {address} — {why}.</translation>
    </message>
    <message>
        <source>The customer wrote in public: this reply will be public too, keep it short.</source>
        <translation>Le client a écrit en public : cette réponse sera publique aussi, restez bref.</translation>
    </message>
    <message>
        <source>Sent privately, on the conversation the customer wrote in.</source>
        <translation>Envoyée en privé, dans la conversation où le client a écrit.</translation>
    </message>
    <message>
        <source>Give the answer, then write here what you said.</source>
        <translation>Donnez la réponse, puis écrivez ici ce que vous avez dit.</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>&amp;Dashboard…</source>
        <translation>&amp;Tableau de bord…</translation>
    </message>
    <message>
        <source>&amp;Export the queue…</source>
        <translation>&amp;Exporter la file…</translation>
    </message>
    <message>
        <source>The queue is narrowed by channel, function, site, clock and received dates; it may also list complaints the chart did not count (resolution dates, root causes and scores are not queue filters).</source>
        <translation>La file est restreinte par canal, fonction, site, échéances et dates de réception ; elle peut aussi lister des réclamations que le graphique n&apos;a pas comptées (dates de résolution, causes racines et notes ne sont pas des filtres de file).</translation>
    </message>
    <message>
        <source>{rows} complaints exported to {path}</source>
        <translation>{rows} réclamations exportées dans {path}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset a password</source>
        <translation>Réinitialiser un mot de passe</translation>
    </message>
    <message>
        <source>Set a temporary password and tell it to the person: they must choose their own when they next sign in. Their current password is not shown and stops working.</source>
        <translation>Définissez un mot de passe provisoire et communiquez-le à la personne : elle devra choisir le sien à sa prochaine connexion. Son mot de passe actuel n&apos;est pas affiché et cesse de fonctionner.</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>&amp;Réinitialiser</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>Mot de passe provisoire</translation>
    </message>
    <message>
        <source>Temporary password again</source>
        <translation>Confirmation du mot de passe provisoire</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Temporary password:</source>
        <translation>Mot de passe &amp;provisoire :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve {reference}</source>
        <translation>Résoudre {reference}</translation>
    </message>
    <message>
        <source>&amp;Resolve</source>
        <translation>&amp;Résoudre</translation>
    </message>
    <message>
        <source>Choose the root cause…</source>
        <translation>Choisissez la cause racine…</translation>
    </message>
    <message>
        <source>Root &amp;cause:</source>
        <translation>&amp;Cause racine :</translation>
    </message>
    <message>
        <source>The cause&apos;s own function</source>
        <translation>La fonction propre à la cause</translation>
    </message>
    <message>
        <source>Cause is &amp;on:</source>
        <translation>Cause &amp;imputable à :</translation>
    </message>
    <message>
        <source>The function that must fix the cause (it may differ from who helped)</source>
        <translation>La fonction qui doit corriger la cause (elle peut différer de celle qui a aidé)</translation>
    </message>
    <message>
        <source>Why the open requests are no longer needed</source>
        <translation>Pourquoi les demandes en cours ne sont plus nécessaires</translation>
    </message>
    <message>
        <source>Cancel open requests &amp;because:</source>
        <translation>Annuler les demandes en cours &amp;car :</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Issue :</translation>
    </message>
    <message>
        <source>Re&amp;medy:</source>
        <translation>Ré&amp;paration :</translation>
    </message>
    <message>
        <source>What the customer gets (it may be &apos;none, explained&apos;)</source>
        <translation>Ce que le client obtient (éventuellement « aucune, explication donnée »)</translation>
    </message>
    <message>
        <source>Mone&amp;y:</source>
        <translation>Mo&amp;ntant :</translation>
    </message>
    <message>
        <source>Money is involved</source>
        <translation>Une somme d&apos;argent est en jeu</translation>
    </message>
    <message>
        <source>&amp;Amount:</source>
        <translation>&amp;Montant :</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>The customer reads the outcome and the remedy.</source>
        <translation>Le client lit l&apos;issue et la réparation.</translation>
    </message>
    <message>
        <source>Still waiting for an answer from: {functions}. Resolving cancels what is open, so say why it is no longer needed.</source>
        <translation>Réponse encore attendue de : {functions}. Résoudre annule ce qui est en cours : dites pourquoi ce n&apos;est plus nécessaire.</translation>
    </message>
    <message>
        <source>The amount is a number such as 42.50.</source>
        <translation>Le montant est un nombre comme 42,50.</translation>
    </message>
</context>
<context>
    <name>ResponseDialog</name>
    <message>
        <source>Record a response to the customer</source>
        <translation>Enregistrer une réponse au client</translation>
    </message>
    <message>
        <source>&amp;Record response</source>
        <translation>&amp;Enregistrer la réponse</translation>
    </message>
    <message>
        <source>A reply by phone, at the counter or by letter counts as a response.</source>
        <translation>Une réponse par téléphone, au guichet ou par courrier compte comme une réponse.</translation>
    </message>
    <message>
        <source>&amp;Channel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <source>&amp;What was said:</source>
        <translation>&amp;Ce qui a été dit :</translation>
    </message>
    <message>
        <source>The answer given</source>
        <translation>La réponse donnée</translation>
    </message>
    <message>
        <source>An answer</source>
        <translation>Une réponse</translation>
    </message>
    <message>
        <source>&amp;What it is:</source>
        <translation>&amp;Nature :</translation>
    </message>
    <message>
        <source>Final response &amp;by:</source>
        <translation>Réponse définitive au plus &amp;tard le :</translation>
    </message>
    <message>
        <source>We consent to the ombudsman considering it after the time limits</source>
        <translation>Nous acceptons que le médiateur l&apos;examine après l&apos;expiration des délais</translation>
    </message>
    <message>
        <source>Write what was said to the customer.</source>
        <translation>Écrivez ce qui a été dit au client.</translation>
    </message>
</context>
<context>
    <name>RootCauses</name>
    <message>
        <source>Advising, selling and arranging</source>
        <translation>Conseil, vente et intermédiation</translation>
    </message>
    <message>
        <source>Terms and disputed sums/charges</source>
        <translation>Conditions et sommes ou frais contestés</translation>
    </message>
    <message>
        <source>General admin/customer service</source>
        <translation>Gestion générale / service client</translation>
    </message>
    <message>
        <source>Arrears related</source>
        <translation>Liés aux impayés</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>(non rattachée)</translation>
    </message>
</context>
<context>
    <name>RootCausesTab</name>
    <message>
        <source>Root causes</source>
        <translation>Causes racines</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>In French</source>
        <translation>En français</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Responsible function</source>
        <translation>Fonction responsable</translation>
    </message>
    <message>
        <source>Add ca&amp;use…</source>
        <translation>Ajouter une ca&amp;use…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Re&amp;tire</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>{name} (retired)</source>
        <translation>{name} (retirée)</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>Réac&amp;tiver</translation>
    </message>
    <message>
        <source>FCA return cause</source>
        <translation>Cause dans la déclaration FCA</translation>
    </message>
</context>
<context>
    <name>RoutingWords</name>
    <message>
        <source>No routing rule applied</source>
        <translation>Aucune règle d’orientation ne s’est appliquée</translation>
    </message>
    <message>
        <source>A routing rule could not be applied; a person routes it by hand</source>
        <translation>Une règle d’orientation n’a pas pu s’appliquer ; une personne l’oriente à la main</translation>
    </message>
    <message>
        <source>No routing decision was recorded.</source>
        <translation>Aucune décision d’orientation n’a été enregistrée.</translation>
    </message>
    <message>
        <source>the text contains “{text}”</source>
        <translation>le texte contient « {text} »</translation>
    </message>
    <message>
        <source>{rule}: {reasons}.</source>
        <translation>{rule} : {reasons}.</translation>
    </message>
    <message>
        <source>Rule {position} “{name}” matched</source>
        <translation>La règle {position} « {name} » s’est appliquée</translation>
    </message>
    <message>
        <source>No specific rule matched; the default rule “{name}” applied</source>
        <translation>Aucune règle particulière ne correspondait ; la règle par défaut « {name} » s’est appliquée</translation>
    </message>
    <message>
        <source>it came by {channel}</source>
        <translation>elle est arrivée par {channel}</translation>
    </message>
    <message>
        <source>the customer is {segment}</source>
        <translation>le client est {segment}</translation>
    </message>
    <message>
        <source>its category is {category}</source>
        <translation>sa catégorie est {category}</translation>
    </message>
    <message>
        <source>it was received at {site}</source>
        <translation>elle a été reçue à {site}</translation>
    </message>
    <message>
        <source>the amount is {amount}</source>
        <translation>le montant est de {amount}</translation>
    </message>
    <message>
        <source>the text mentions “{word}”</source>
        <translation>le texte mentionne « {word} »</translation>
    </message>
    <message>
        <source>{rule}.</source>
        <translation>{rule}.</translation>
    </message>
    <message>
        <source>It set {settings}.</source>
        <translation>Elle a fixé {settings}.</translation>
    </message>
    <message>
        <source>Owner picked by {how}: {owner}.</source>
        <translation>Responsable choisi par {how} : {owner}.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>the function {function}</source>
        <translation>la fonction {function}</translation>
    </message>
    <message>
        <source>the priority {priority}</source>
        <translation>la priorité {priority}</translation>
    </message>
    <message>
        <source>the team queue {queue}</source>
        <translation>la file d’équipe {queue}</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Add a routing rule</source>
        <translation>Ajouter une règle de routage</translation>
    </message>
    <message>
        <source>&amp;Add rule</source>
        <translation>&amp;Ajouter la règle</translation>
    </message>
    <message>
        <source>Every condition given must hold; leave one empty to accept anything. Keywords and patterns ignore case and accents.</source>
        <translation>Toutes les conditions indiquées doivent être remplies ; laissez-en une vide pour tout accepter. Les mots-clés et les motifs ignorent la casse et les accents.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>C&amp;hannels:</source>
        <translation>Ca&amp;naux :</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>&amp;Mots-clés :</translation>
    </message>
    <message>
        <source>invoice, facture, refund</source>
        <translation>invoice, facture, remboursement</translation>
    </message>
    <message>
        <source>&amp;Patterns:</source>
        <translation>&amp;Motifs :</translation>
    </message>
    <message>
        <source>One regular expression a line</source>
        <translation>Une expression régulière par ligne</translation>
    </message>
    <message>
        <source>Ca&amp;tegories:</source>
        <translation>Ca&amp;tégories :</translation>
    </message>
    <message>
        <source>Se&amp;gments:</source>
        <translation>Se&amp;gments :</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Fonction :</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <source>P&amp;riority:</source>
        <translation>P&amp;riorité :</translation>
    </message>
    <message>
        <source>Team &amp;queue:</source>
        <translation>&amp;File d&apos;équipe :</translation>
    </message>
    <message>
        <source>Ass&amp;ignment:</source>
        <translation>Attri&amp;bution :</translation>
    </message>
    <message>
        <source>&amp;Default:</source>
        <translation>Par &amp;défaut :</translation>
    </message>
    <message>
        <source>Catch every complaint no other rule takes</source>
        <translation>Prend toute réclamation qu&apos;aucune autre règle ne prend</translation>
    </message>
    <message>
        <source>No categories are defined</source>
        <translation>Aucune catégorie n&apos;est définie</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>Donnez un nom à la règle.</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>channels</source>
        <translation>canaux</translation>
    </message>
    <message>
        <source>keywords</source>
        <translation>mots-clés</translation>
    </message>
    <message>
        <source>patterns</source>
        <translation>motifs</translation>
    </message>
    <message>
        <source>categories</source>
        <translation>catégories</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>segments</translation>
    </message>
    <message>
        <source>sites</source>
        <translation>sites</translation>
    </message>
    <message>
        <source>amount at least</source>
        <translation>montant d&apos;au moins</translation>
    </message>
    <message>
        <source>amount below</source>
        <translation>montant inférieur à</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Order</source>
        <translation>Ordre</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Team queue</source>
        <translation>File de l&apos;équipe</translation>
    </message>
    <message>
        <source>Owner picked by</source>
        <translation>Responsable choisi par</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>(anything)</source>
        <translation>(tout)</translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <source>&amp;Add rule…</source>
        <translation>&amp;Ajouter une règle…</translation>
    </message>
    <message>
        <source>What the rules would do</source>
        <translation>Ce que feraient les règles</translation>
    </message>
    <message>
        <source>Routing rules, in the order they are tried</source>
        <translation>Règles de routage, dans l&apos;ordre où elles sont essayées</translation>
    </message>
    <message>
        <source>&amp;Try on a complaint</source>
        <translation>&amp;Essayer sur une réclamation</translation>
    </message>
    <message>
        <source>&amp;Try on {reference}</source>
        <translation>&amp;Essayer sur {reference}</translation>
    </message>
    <message>
        <source>Select a complaint in the main window to try the rules on it.</source>
        <translation>Sélectionnez une réclamation dans la fenêtre principale pour y essayer les règles.</translation>
    </message>
    <message>
        <source>Try the rules on {reference} — “{subject}” — without changing it.</source>
        <translation>Essayer les règles sur {reference} — « {subject} » — sans la modifier.</translation>
    </message>
    <message>
        <source>If routed now: {why}</source>
        <translation>Si elle était routée maintenant : {why}</translation>
    </message>
    <message>
        <source>(anything)</source>
        <translation>(tout)</translation>
    </message>
    <message>
        <source>Because its conditions hold: {conditions}</source>
        <translation>Parce que ses conditions sont remplies : {conditions}</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>Function: {function} · Priority: {priority} · Team queue: {queue}</source>
        <translation>Fonction : {function} · Priorité : {priority} · File d&apos;équipe : {queue}</translation>
    </message>
    <message>
        <source>No rule would match: add a default rule.</source>
        <translation>Aucune règle ne correspondrait : ajoutez une règle par défaut.</translation>
    </message>
</context>
<context>
    <name>SatisfactionDialog</name>
    <message>
        <source>Customer satisfaction for {reference}</source>
        <translation>Satisfaction du client pour {reference}</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Ask: how satisfied are you with how we handled your complaint, from 1 to 10? And how likely are you to recommend us, from 0 to 10?</source>
        <translation>Demandez : de 1 à 10, êtes-vous satisfait de la façon dont nous avons traité votre réclamation ? Et de 0 à 10, quelle est la probabilité que vous nous recommandiez ?</translation>
    </message>
    <message>
        <source>&amp;Satisfaction (1–10):</source>
        <translation>&amp;Satisfaction (1 à 10) :</translation>
    </message>
    <message>
        <source>&amp;Recommendation (0–10):</source>
        <translation>&amp;Recommandation (0 à 10) :</translation>
    </message>
    <message>
        <source>not answered</source>
        <translation>sans réponse</translation>
    </message>
    <message>
        <source>Given &amp;by:</source>
        <translation>Donnée &amp;par :</translation>
    </message>
</context>
<context>
    <name>SatisfactionTab</name>
    <message>
        <source>S&amp;how</source>
        <translation>A&amp;fficher</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <source>By function</source>
        <translation>Par fonction</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>Par canal</translation>
    </message>
    <message>
        <source>Satisfaction by function</source>
        <translation>Satisfaction par fonction</translation>
    </message>
    <message>
        <source>Satisfaction by channel</source>
        <translation>Satisfaction par canal</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>Par conseiller</translation>
    </message>
    <message>
        <source>Satisfaction by agent</source>
        <translation>Satisfaction par conseiller</translation>
    </message>
    <message>
        <source>Satisfaction is from 1 to 10. Net promoter: % who would recommend us (9–10) minus % who would not (0–6). Scores given in the period.</source>
        <translation>La satisfaction va de 1 à 10. Recommandation nette : % de clients qui nous recommanderaient (9 à 10) moins % qui ne le feraient pas (0 à 6). Notes données sur la période.</translation>
    </message>
</context>
<context>
    <name>SaveViewDialog</name>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>e.g. Late email</source>
        <translation>p. ex. E-mails en retard</translation>
    </message>
    <message>
        <source>&amp;Share with the team</source>
        <translation>&amp;Partager avec l&apos;équipe</translation>
    </message>
    <message>
        <source>Give the view a name.</source>
        <translation>Donnez un nom à la vue.</translation>
    </message>
</context>
<context>
    <name>SavedViewList</name>
    <message>
        <source>Saved views</source>
        <translation>Vues enregistrées</translation>
    </message>
    <message>
        <source>Your view, shared with the team</source>
        <translation>Votre vue, partagée avec l&apos;équipe</translation>
    </message>
    <message>
        <source>Your view (only you see it)</source>
        <translation>Votre vue (vous seul la voyez)</translation>
    </message>
    <message>
        <source>Shared by {name}</source>
        <translation>Partagée par {name}</translation>
    </message>
    <message>
        <source>{view} ({count})</source>
        <translation>{view} ({count})</translation>
    </message>
</context>
<context>
    <name>SchemaWatch</name>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Read-only: the database was upgraded</source>
        <translation>Lecture seule : la base de données a été mise à jour</translation>
    </message>
    <message>
        <source>The database was upgraded</source>
        <translation>La base de données a été mise à jour</translation>
    </message>
    <message>
        <source>The database now has the structure of a newer ComplaintDesk (version {current}; this one needs {needed}). You can still read, but nothing more can be saved from this window: install the new version and restart ComplaintDesk.</source>
        <translation>La base de données a maintenant la structure d&apos;un ComplaintDesk plus récent (version {current} ; celui-ci a besoin de {needed}). Vous pouvez encore consulter, mais plus rien ne peut être enregistré depuis cette fenêtre : installez la nouvelle version et redémarrez ComplaintDesk.</translation>
    </message>
</context>
<context>
    <name>ScopeEditor</name>
    <message>
        <source>any site, or e.g. LON01, PAR01</source>
        <translation>tout site, ou par ex. LON01, PAR01</translation>
    </message>
    <message>
        <source>any country, or e.g. GB</source>
        <translation>tout pays, ou par ex. GB</translation>
    </message>
    <message>
        <source>any category, or e.g. cards.*</source>
        <translation>toute catégorie, ou par ex. cards.*</translation>
    </message>
    <message>
        <source>any product</source>
        <translation>tout produit</translation>
    </message>
    <message>
        <source>&amp;Sites:</source>
        <translation>&amp;Sites :</translation>
    </message>
    <message>
        <source>Site &amp;countries:</source>
        <translation>Pa&amp;ys des sites :</translation>
    </message>
    <message>
        <source>C&amp;hannels:</source>
        <translation>&amp;Canaux :</translation>
    </message>
    <message>
        <source>Cate&amp;gories:</source>
        <translation>Caté&amp;gories :</translation>
    </message>
    <message>
        <source>Pro&amp;ducts:</source>
        <translation>Pro&amp;duits :</translation>
    </message>
    <message>
        <source>Customer segme&amp;nts:</source>
        <translation>Segme&amp;nts de clients :</translation>
    </message>
    <message>
        <source>Priorit&amp;ies:</source>
        <translation>Priori&amp;tés :</translation>
    </message>
    <message>
        <source>Save &amp;scope</source>
        <translation>En&amp;registrer le périmètre</translation>
    </message>
    <message>
        <source>Empty means any. Of the active policies of a kind whose scope holds, the one that sets the most kinds of condition wins; ties go to the first.</source>
        <translation>Vide signifie « tout ». Parmi les engagements actifs d&apos;un type dont le périmètre s&apos;applique, celui qui fixe le plus de sortes de conditions l&apos;emporte ; à égalité, le premier.</translation>
    </message>
    <message>
        <source>Sites: {sites}</source>
        <translation>Sites : {sites}</translation>
    </message>
    <message>
        <source>Countries of the sites: {countries}</source>
        <translation>Pays des sites : {countries}</translation>
    </message>
    <message>
        <source>Category codes: {codes}</source>
        <translation>Codes de catégories : {codes}</translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message>
        <source>Caller</source>
        <translation>Appelant</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>Réclamations ouvertes</translation>
    </message>
    <message>
        <source>Last contacts</source>
        <translation>Derniers contacts</translation>
    </message>
    <message>
        <source>&amp;Open complaints</source>
        <translation>Réclamations &amp;ouvertes</translation>
    </message>
    <message>
        <source>&amp;Last contacts, every channel</source>
        <translation>&amp;Derniers contacts, tous canaux</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Échéances</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Prochaine échéance</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>What was said</source>
        <translation>Ce qui a été dit</translation>
    </message>
    <message>
        <source>&amp;New complaint for this caller…</source>
        <translation>&amp;Nouvelle réclamation pour cet appelant…</translation>
    </message>
    <message>
        <source>Log &amp;call on complaint…</source>
        <translation>Noter l&apos;&amp;appel sur la réclamation…</translation>
    </message>
    <message>
        <source>O&amp;pen complaint</source>
        <translation>O&amp;uvrir la réclamation</translation>
    </message>
    <message>
        <source>Incoming call: {number}</source>
        <translation>Appel entrant : {number}</translation>
    </message>
    <message>
        <source>Looking the caller up…</source>
        <translation>Recherche de l&apos;appelant…</translation>
    </message>
    <message>
        <source>Unknown caller: {number}</source>
        <translation>Appelant inconnu : {number}</translation>
    </message>
    <message>
        <source>No customer has this number. Record who they are with their complaint.</source>
        <translation>Aucun client n&apos;a ce numéro. Enregistrez qui il est avec sa réclamation.</translation>
    </message>
    <message>
        <source>&amp;New customer and complaint…</source>
        <translation>&amp;Nouveau client et nouvelle réclamation…</translation>
    </message>
    <message>
        <source>This number also belongs to: {names}. Possibly the same person.</source>
        <translation>Ce numéro appartient aussi à : {names}. Peut-être la même personne.</translation>
    </message>
    <message>
        <source>Call from {number}</source>
        <translation>Appel du {number}</translation>
    </message>
    <message>
        <source>Check the number the telephone passed, or type it with Phone ▸ Show caller… (F7).</source>
        <translation>Vérifiez le numéro transmis par le téléphone, ou saisissez-le avec Téléphone ▸ Afficher l&apos;appelant… (F7).</translation>
    </message>
    <message>
        <source>Segment: {segment}</source>
        <translation>Segment : {segment}</translation>
    </message>
    <message>
        <source>Language: {language}</source>
        <translation>Langue : {language}</translation>
    </message>
    <message>
        <source>Also reached at: {contacts}</source>
        <translation>Joignable aussi au : {contacts}</translation>
    </message>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n réclamation ouverte</numerusform>
            <numerusform>%n réclamations ouvertes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecurityActions</name>
    <message>
        <source>Audit &amp;trail of this complaint…</source>
        <translation>&amp;Journal d&apos;audit de cette réclamation…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>Changer mon &amp;mot de passe…</translation>
    </message>
    <message>
        <source>&amp;Reset a user&apos;s password…</source>
        <translation>&amp;Réinitialiser le mot de passe d&apos;un utilisateur…</translation>
    </message>
    <message>
        <source>Audit trail of a &amp;user…</source>
        <translation>Journal d&apos;audit d&apos;un &amp;utilisateur…</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Journal d&apos;audit</translation>
    </message>
    <message>
        <source>Open a complaint first.</source>
        <translation>Ouvrez d&apos;abord une réclamation.</translation>
    </message>
    <message>
        <source>Audit trail of a user</source>
        <translation>Journal d&apos;audit d&apos;un utilisateur</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Identifiant :</translation>
    </message>
</context>
<context>
    <name>SessionStatus</name>
    <message>
        <source>Database: {}</source>
        <translation>Base de données : {}</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Base de données utilisée</translation>
    </message>
    <message>
        <source>Mode: {}</source>
        <translation>Mode : {}</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Where this workstation keeps its data</source>
        <translation>Où ce poste conserve ses données</translation>
    </message>
    <message>
        <source>Signed in: {name} ({role})</source>
        <translation>Connecté : {name} ({role})</translation>
    </message>
    <message>
        <source>Signed-in user</source>
        <translation>Utilisateur connecté</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>autonome</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>agence</translation>
    </message>
    <message>
        <source>Working at site {}</source>
        <translation>Sur le site {}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to ComplaintDesk — {database}</source>
        <translation>Connexion à ComplaintDesk — {database}</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Sign in to ComplaintDesk</source>
        <translation>Connexion à ComplaintDesk</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>Base de données : {database}</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Identifiant :</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe :</translation>
    </message>
    <message>
        <source>Enter your login.</source>
        <translation>Saisissez votre identifiant.</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>ComplaintDesk cannot start</source>
        <translation>ComplaintDesk ne peut pas démarrer</translation>
    </message>
    <message>
        <source>An unexpected error stopped ComplaintDesk ({kind}: {error}). The details are in the log.</source>
        <translation>Une erreur inattendue a arrêté ComplaintDesk ({kind} : {error}). Les détails sont dans le journal.</translation>
    </message>
</context>
<context>
    <name>SubjectReport</name>
    <message>
        <source>Personal data export</source>
        <translation>Export des données personnelles</translation>
    </message>
    <message>
        <source>Personal data held about</source>
        <translation>Données personnelles détenues sur</translation>
    </message>
    <message>
        <source>Exported at</source>
        <translation>Exporté le</translation>
    </message>
    <message>
        <source>customer id</source>
        <translation>identifiant client</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>status</source>
        <translation>statut</translation>
    </message>
</context>
<context>
    <name>SyncConflicts</name>
    <message>
        <source>Two owners chosen</source>
        <translation>Deux responsables choisis</translation>
    </message>
    <message>
        <source>Customer edited in two places</source>
        <translation>Client modifié à deux endroits</translation>
    </message>
    <message>
        <source>Resolved while the customer wrote</source>
        <translation>Résolue pendant que le client écrivait</translation>
    </message>
    <message>
        <source>message</source>
        <translation>message</translation>
    </message>
    <message>
        <source>One message received in two places, kept once</source>
        <translation>Un même message reçu à deux endroits, gardé une fois</translation>
    </message>
    <message>
        <source>One customer recorded in two places, merged</source>
        <translation>Un même client enregistré à deux endroits, fusionné</translation>
    </message>
    <message>
        <source>A change set aside at the central server</source>
        <translation>Une modification mise de côté au serveur central</translation>
    </message>
    <message>
        <source>A change from the central server set aside here</source>
        <translation>Une modification du serveur central mise de côté ici</translation>
    </message>
    <message>
        <source>Another record already has the same values.</source>
        <translation>Un autre enregistrement a déjà les mêmes valeurs.</translation>
    </message>
    <message>
        <source>It refers to a record that is not here.</source>
        <translation>Elle renvoie à un enregistrement absent d&apos;ici.</translation>
    </message>
    <message>
        <source>A value it needs is missing.</source>
        <translation>Il lui manque une valeur obligatoire.</translation>
    </message>
    <message>
        <source>A value does not fit here.</source>
        <translation>Une valeur ne tient pas ici.</translation>
    </message>
    <message>
        <source>It could not be stored.</source>
        <translation>Elle n&apos;a pas pu être enregistrée.</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>site</source>
        <translation>site</translation>
    </message>
    <message>
        <source>function</source>
        <translation>fonction</translation>
    </message>
    <message>
        <source>category</source>
        <translation>catégorie</translation>
    </message>
    <message>
        <source>template</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>root cause</source>
        <translation>cause première</translation>
    </message>
    <message>
        <source>routing rule</source>
        <translation>règle d&apos;orientation</translation>
    </message>
    <message>
        <source>service-level policy</source>
        <translation>engagement de service</translation>
    </message>
    <message>
        <source>business calendar</source>
        <translation>calendrier ouvré</translation>
    </message>
    <message>
        <source>complaint</source>
        <translation>réclamation</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <source>contact point</source>
        <translation>coordonnée</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>problème</translation>
    </message>
    <message>
        <source>record</source>
        <translation>enregistrement</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Réclamation</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Linked complaint</source>
        <translation>Réclamation liée</translation>
    </message>
    <message>
        <source>Another record already has the same {fields}.</source>
        <translation>Un autre enregistrement a déjà la même valeur pour : {fields}.</translation>
    </message>
    <message>
        <source>Complaint or customer</source>
        <translation>Réclamation ou client</translation>
    </message>
    <message>
        <source>Settled version (in force)</source>
        <translation>Version retenue (en vigueur)</translation>
    </message>
    <message>
        <source>Other version</source>
        <translation>Autre version</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Survenu</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Conflits de synchronisation</translation>
    </message>
    <message>
        <source>{field}: {value}</source>
        <translation>{field} : {value}</translation>
    </message>
    <message>
        <source>Conflicts settled by sync</source>
        <translation>Conflits réglés par la synchronisation</translation>
    </message>
    <message>
        <source>Sync settled these by rule (the later change wins) so every workstation agrees. Check each one: keep the settled version, or keep the other one, which is recorded as your change.</source>
        <translation>La synchronisation les a réglés par une règle (la modification la plus récente l&apos;emporte) pour que tous les postes soient d&apos;accord. Vérifiez chacun : gardez la version retenue, ou gardez l&apos;autre, qui est alors enregistrée comme votre modification.</translation>
    </message>
    <message>
        <source>No conflicts to look at.</source>
        <translation>Aucun conflit à examiner.</translation>
    </message>
    <message>
        <source>Keep &amp;settled version</source>
        <translation>Garder la version &amp;retenue</translation>
    </message>
    <message>
        <source>Keep &amp;other version</source>
        <translation>Garder l&apos;&amp;autre version</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>The customer&apos;s message</source>
        <translation>Le message du client</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nom de famille</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>central not tried yet</source>
        <translation>serveur central pas encore contacté</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>jamais synchronisé</translation>
    </message>
    <message>
        <source>central reachable</source>
        <translation>serveur central joignable</translation>
    </message>
    <message>
        <source>central unreachable</source>
        <translation>serveur central injoignable</translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>rien en attente</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} ahead of the central server&apos;s (more than {tolerance}): set it right. Until then, changes made here are dated by the central server&apos;s time.</source>
        <translation>L&apos;horloge de cet ordinateur avance de {amount} sur celle du serveur central (plus de {tolerance}) : remettez-la à l&apos;heure. En attendant, les modifications faites ici sont datées à l&apos;heure du serveur central.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {amount} behind the central server&apos;s (more than {tolerance}): set it right. Until then, changes made here are dated by the central server&apos;s time.</source>
        <translation>L&apos;horloge de cet ordinateur retarde de {amount} sur celle du serveur central (plus de {tolerance}) : remettez-la à l&apos;heure. En attendant, les modifications faites ici sont datées à l&apos;heure du serveur central.</translation>
    </message>
    <message>
        <source>{list} waiting</source>
        <translation>{list} en attente</translation>
    </message>
    <message>
        <source>Branch: {reach} · {waiting} · {last}</source>
        <translation>Agence : {reach} · {waiting} · {last}</translation>
    </message>
    <message>
        <source>Branch: reading sync state…</source>
        <translation>Agence : lecture de l&apos;état de synchronisation…</translation>
    </message>
    <message>
        <source>Sync with the central server</source>
        <translation>Synchroniser avec le serveur central</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Branch: syncing…</source>
        <translation>Agence : synchronisation…</translation>
    </message>
    <message>
        <source>Branch: sync state unreadable</source>
        <translation>Agence : état de synchronisation illisible</translation>
    </message>
    <message>
        <source>clock {amount} ahead</source>
        <translation>horloge en avance de {amount}</translation>
    </message>
    <message>
        <source>clock {amount} behind</source>
        <translation>horloge en retard de {amount}</translation>
    </message>
    <message>
        <source>synced {when}</source>
        <translation>synchronisé {when}</translation>
    </message>
    <message>
        <source>Central server: {}</source>
        <translation>Serveur central : {}</translation>
    </message>
    <message>
        <source>{key}: sync now</source>
        <translation>{key} : synchroniser maintenant</translation>
    </message>
    <message>
        <source>Sync &amp;conflicts…</source>
        <translation>&amp;Conflits de synchronisation…</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} et {second}</translation>
    </message>
    <message>
        <source>Branch: {clock} · {reach} · {waiting} · {last}</source>
        <translation>Agence : {clock} · {reach} · {waiting} · {last}</translation>
    </message>
    <message>
        <source>Last attempt: {}</source>
        <translation>Dernière tentative : {}</translation>
    </message>
    <message>
        <source>Sync failed: {}</source>
        <translation>Échec de la synchronisation : {}</translation>
    </message>
</context>
<context>
    <name>TargetsEditor</name>
    <message>
        <source>Target</source>
        <translation>Objectif</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Due by</source>
        <translation>Échéance à</translation>
    </message>
    <message>
        <source>end of the day</source>
        <translation>fin de journée</translation>
    </message>
    <message>
        <source>close of business</source>
        <translation>fermeture des bureaux</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove target</source>
        <translation>Supprimer l&apos;objectif</translation>
    </message>
    <message>
        <source>{what}, line {number}</source>
        <translation>{what}, ligne {number}</translation>
    </message>
    <message>
        <source>Met by</source>
        <translation>Tenu par</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <source>Acknowledgement email</source>
        <translation>E-mail d&apos;accusé de réception</translation>
    </message>
    <message>
        <source>Shop receipt text</source>
        <translation>Texte du reçu en boutique</translation>
    </message>
    <message>
        <source>Final response letter</source>
        <translation>Courrier de réponse définitive</translation>
    </message>
    <message>
        <source>Summary resolution</source>
        <translation>Résolution sommaire</translation>
    </message>
    <message>
        <source>Holding reply</source>
        <translation>Réponse d&apos;attente</translation>
    </message>
    <message>
        <source>Canned response</source>
        <translation>Réponse type</translation>
    </message>
    <message>
        <source>the complaint&apos;s reference</source>
        <translation>la référence de la réclamation</translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation>le nom du client</translation>
    </message>
    <message>
        <source>the complaint&apos;s subject</source>
        <translation>l&apos;objet de la réclamation</translation>
    </message>
    <message>
        <source>the day it was received</source>
        <translation>le jour de sa réception</translation>
    </message>
    <message>
        <source>the day and time it was received</source>
        <translation>le jour et l&apos;heure de sa réception</translation>
    </message>
    <message>
        <source>the day the customer sent it</source>
        <translation>le jour de son envoi par le client</translation>
    </message>
    <message>
        <source>the acknowledgement&apos;s promised date</source>
        <translation>la date promise pour l&apos;accusé de réception</translation>
    </message>
    <message>
        <source>the answer&apos;s promised date</source>
        <translation>la date promise pour la réponse</translation>
    </message>
    <message>
        <source>the regulator&apos;s deadline</source>
        <translation>l&apos;échéance réglementaire</translation>
    </message>
    <message>
        <source>the site&apos;s name</source>
        <translation>le nom du site</translation>
    </message>
    <message>
        <source>who answers</source>
        <translation>qui répond</translation>
    </message>
    <message>
        <source>today&apos;s date</source>
        <translation>la date du jour</translation>
    </message>
    <message>
        <source>our decision in a sentence</source>
        <translation>notre décision en une phrase</translation>
    </message>
    <message>
        <source>upheld, partly_upheld or not_upheld</source>
        <translation>upheld (fondée), partly_upheld (en partie) ou not_upheld (non fondée)</translation>
    </message>
    <message>
        <source>what we do about it</source>
        <translation>ce que nous faisons pour y remédier</translation>
    </message>
    <message>
        <source>the amount paid back</source>
        <translation>le montant remboursé</translation>
    </message>
    <message>
        <source>true when we let the ombudsman look at it out of time</source>
        <translation>vrai si nous laissons le médiateur l&apos;examiner hors délai</translation>
    </message>
    <message>
        <source>the date a holding reply promises</source>
        <translation>la date promise par une réponse d&apos;attente</translation>
    </message>
    <message>
        <source>why more time is needed</source>
        <translation>pourquoi il faut plus de temps</translation>
    </message>
    <message>
        <source>without a regulator</source>
        <translation>sans régulateur</translation>
    </message>
</context>
<context>
    <name>TemplatesModel</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>(one per language)</source>
        <translation>(un par langue)</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté</translation>
    </message>
    <message>
        <source>As shipped</source>
        <translation>D&apos;origine</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>&amp;New canned response…</source>
        <translation>&amp;Nouvelle réponse type…</translation>
    </message>
    <message>
        <source>Re&amp;move canned response</source>
        <translation>Re&amp;tirer la réponse type</translation>
    </message>
    <message>
        <source>Subject or title</source>
        <translation>Objet ou titre</translation>
    </message>
    <message>
        <source>Template text</source>
        <translation>Texte du modèle</translation>
    </message>
    <message>
        <source>Variables this template may use</source>
        <translation>Variables que ce modèle peut utiliser</translation>
    </message>
    <message>
        <source>&amp;English</source>
        <translation>&amp;Anglais</translation>
    </message>
    <message>
        <source>&amp;French</source>
        <translation>&amp;Français</translation>
    </message>
    <message>
        <source>Preview with sample values</source>
        <translation>Aperçu avec des valeurs d&apos;exemple</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>A&amp;perçu</translation>
    </message>
    <message>
        <source>Put back the shipped te&amp;xt</source>
        <translation>Remettre le te&amp;xte d&apos;origine</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>&amp;Enregistrer le modèle</translation>
    </message>
    <message>
        <source>Su&amp;bject:</source>
        <translation>O&amp;bjet :</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>Te&amp;xte :</translation>
    </message>
    <message>
        <source>Variables (Enter inserts one):</source>
        <translation>Variables (Entrée en insère une) :</translation>
    </message>
    <message>
        <source>Preview with sample values in:</source>
        <translation>Aperçu avec des valeurs d&apos;exemple en :</translation>
    </message>
    <message>
        <source>Select a template.</source>
        <translation>Sélectionnez un modèle.</translation>
    </message>
    <message>
        <source>This kind of template is not given {unknown}. Allowed variables: {allowed}.</source>
        <translation>Ce type de modèle ne reçoit pas {unknown}. Variables permises : {allowed}.</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Objet : {subject}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>public: anyone can read it</source>
        <translation>public : tout le monde peut le lire</translation>
    </message>
    <message>
        <source>its Message-ID is also an earlier, different email&apos;s: both are kept</source>
        <translation>son Message-ID est aussi celui d&apos;un e-mail antérieur différent : les deux sont conservés</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu&apos;un</translation>
    </message>
    <message>
        <source>{who} acknowledged the complaint</source>
        <translation>{who} a accusé réception de la réclamation</translation>
    </message>
    <message>
        <source>back in progress ({who})</source>
        <translation>de nouveau en cours ({who})</translation>
    </message>
    <message>
        <source>now waiting on a function&apos;s answer</source>
        <translation>en attente de la réponse d&apos;une fonction</translation>
    </message>
    <message>
        <source>now waiting on the customer (promise clock paused)</source>
        <translation>en attente du client (délai d&apos;engagement suspendu)</translation>
    </message>
    <message>
        <source>{who} closed it</source>
        <translation>{who} l&apos;a clôturée</translation>
    </message>
    <message>
        <source>reopened: the customer wrote again</source>
        <translation>rouverte : le client a réécrit</translation>
    </message>
    <message>
        <source>{who} recorded that the customer withdrew it</source>
        <translation>{who} a noté que le client l&apos;a retirée</translation>
    </message>
    <message>
        <source>a function</source>
        <translation>une fonction</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Routée</translation>
    </message>
    <message>
        <source>{who} recorded the complaint</source>
        <translation>{who} a enregistré la réclamation</translation>
    </message>
    <message>
        <source>{who} recorded what the customer must provide</source>
        <translation>{who} a noté ce que le client doit fournir</translation>
    </message>
    <message>
        <source>{who} started work</source>
        <translation>{who} a commencé le traitement</translation>
    </message>
    <message>
        <source>{who} resolved it</source>
        <translation>{who} l&apos;a résolue</translation>
    </message>
    <message>
        <source>{who} recorded the complaint ({channel})</source>
        <translation>{who} a enregistré la réclamation ({channel})</translation>
    </message>
    <message>
        <source>{who} took ownership</source>
        <translation>{who} en est devenu responsable</translation>
    </message>
    <message>
        <source>{who} assigned it to {owner}</source>
        <translation>{who} l&apos;a attribuée à {owner}</translation>
    </message>
    <message>
        <source>{who} reminded the customer</source>
        <translation>{who} a relancé le client</translation>
    </message>
    <message>
        <source>the customer provided what was asked ({who})</source>
        <translation>le client a fourni ce qui était demandé ({who})</translation>
    </message>
    <message>
        <source>{who} cancelled the customer&apos;s commitment</source>
        <translation>{who} a annulé l&apos;engagement du client</translation>
    </message>
    <message>
        <source>{who} resolved it — {outcome}</source>
        <translation>{who} l&apos;a résolue — {outcome}</translation>
    </message>
    <message>
        <source>Routed to {where}</source>
        <translation>Routée vers {where}</translation>
    </message>
    <message>
        <source>{what} (by {when})</source>
        <translation>{what} (avant le {when})</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>un collègue</translation>
    </message>
    <message>
        <source>{who} transferred it to {to}</source>
        <translation>{who} l&apos;a transférée à {to}</translation>
    </message>
    <message>
        <source>{who} asked {function}</source>
        <translation>{who} a interrogé {function}</translation>
    </message>
    <message>
        <source>{who} answered for {function}</source>
        <translation>{who} a répondu pour {function}</translation>
    </message>
    <message>
        <source>{who} declined for {function}</source>
        <translation>{who} a décliné pour {function}</translation>
    </message>
    <message>
        <source>{who} cancelled the request to {function}</source>
        <translation>{who} a annulé la demande à {function}</translation>
    </message>
    <message>
        <source>ComplaintDesk</source>
        <translation>ComplaintDesk</translation>
    </message>
    <message>
        <source>the command line</source>
        <translation>la ligne de commande</translation>
    </message>
    <message>
        <source>synchronisation</source>
        <translation>la synchronisation</translation>
    </message>
    <message>
        <source>an import</source>
        <translation>un import</translation>
    </message>
    <message>
        <source>{who} changed the status</source>
        <translation>{who} a changé le statut</translation>
    </message>
    <message>
        <source>the acknowledgement email left</source>
        <translation>l’e-mail d’accusé de réception est parti</translation>
    </message>
    <message>
        <source>the customer&apos;s satisfaction was recorded</source>
        <translation>la satisfaction du client a été enregistrée</translation>
    </message>
    <message>
        <source>{sentence}: {text}</source>
        <translation>{sentence} : {text}</translation>
    </message>
    <message>
        <source>{who} changed the priority</source>
        <translation>{who} a changé la priorité</translation>
    </message>
    <message>
        <source>by {name}</source>
        <translation>par {name}</translation>
    </message>
    <message>
        <source>{who} set the priority to {priority}</source>
        <translation>{who} a mis la priorité à {priority}</translation>
    </message>
    <message>
        <source>{who} put it back in the team queue</source>
        <translation>{who} l’a remise dans la file d’équipe</translation>
    </message>
    <message>
        <source>file attached: {name}</source>
        <translation>fichier joint : {name}</translation>
    </message>
    <message>
        <source>file refused: {name}</source>
        <translation>fichier refusé : {name}</translation>
    </message>
    <message>
        <source>{who} linked it to a recurring problem</source>
        <translation>{who} l’a rattachée à un problème récurrent</translation>
    </message>
    <message>
        <source>recorded by {name}</source>
        <translation>enregistré par {name}</translation>
    </message>
    <message>
        <source>a reminder of what the customer must provide was sent</source>
        <translation>un rappel de ce que le client doit fournir a été envoyé</translation>
    </message>
    <message>
        <source>the owner was asked to remind the customer (no channel to send a reminder on)</source>
        <translation>le responsable est invité à relancer le client (aucun canal pour envoyer un rappel)</translation>
    </message>
    <message>
        <source>the customer sent something: is the commitment fulfilled? (the owner confirms)</source>
        <translation>le client a envoyé quelque chose : l&apos;engagement est-il tenu ? (le responsable confirme)</translation>
    </message>
    <message>
        <source>the customer&apos;s commitment is overdue: the promise clock runs again</source>
        <translation>l&apos;engagement du client est en retard : le délai promis court de nouveau</translation>
    </message>
    <message>
        <source>no satisfaction survey could be sent (no email address)</source>
        <translation>aucune enquête de satisfaction n&apos;a pu être envoyée (pas d&apos;adresse e-mail)</translation>
    </message>
    <message>
        <source>{who}: what the customer sent does not fulfil the commitment yet</source>
        <translation>{who} : ce que le client a envoyé ne tient pas encore l&apos;engagement</translation>
    </message>
    <message>
        <source>{who} merged {other} into this complaint</source>
        <translation>{who} a fusionné {other} dans cette réclamation</translation>
    </message>
    <message>
        <source>{who} merged this complaint into {other}</source>
        <translation>{who} a fusionné cette réclamation dans {other}</translation>
    </message>
    <message>
        <source>{who} undid the merge: {other} is separate again</source>
        <translation>{who} a annulé la fusion : {other} est de nouveau distincte</translation>
    </message>
    <message>
        <source>{who} undid the merge into {other}: this complaint is separate again</source>
        <translation>{who} a annulé la fusion dans {other} : cette réclamation est de nouveau distincte</translation>
    </message>
    <message>
        <source>{who} linked {other} (a different grievance)</source>
        <translation>{who} a lié {other} (un autre grief)</translation>
    </message>
    <message>
        <source>{who} removed the link with {other}</source>
        <translation>{who} a supprimé le lien avec {other}</translation>
    </message>
    <message>
        <source>looks like {others} of the same customer: merge them if it is one grievance</source>
        <translation>ressemble à {others} du même client : fusionnez-les s&apos;il s&apos;agit d&apos;un seul grief</translation>
    </message>
    <message>
        <source>{who} linked the sender to another customer record</source>
        <translation>{who} a rattaché l&apos;expéditeur à une autre fiche client</translation>
    </message>
    <message>
        <source>{who} merged the customer&apos;s records</source>
        <translation>{who} a fusionné les fiches du client</translation>
    </message>
    <message>
        <source>{who} undid a merge or a link of customer records</source>
        <translation>{who} a annulé une fusion ou un rattachement de fiches client</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Message kind</source>
        <translation>Type de message</translation>
    </message>
    <message>
        <source>Empty timeline</source>
        <translation>Historique vide</translation>
    </message>
    <message>
        <source>Nothing has been said or done on this complaint yet: it was recorded without a message, and no one has answered it. What you send or note below appears here.</source>
        <translation>Rien n’a encore été dit ni fait sur cette réclamation : elle a été enregistrée sans message et personne n’y a encore répondu. Ce que vous envoyez ou notez ci-dessous apparaîtra ici.</translation>
    </message>
    <message>
        <source>This complaint came without any message or history (an import keeps only its facts). What you send or note below appears here.</source>
        <translation>Cette réclamation est arrivée sans message ni historique (un import n’en garde que les faits). Ce que vous envoyez ou notez ci-dessous apparaîtra ici.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texte du message</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>en attente d’envoi</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>not sent yet: it will be tried again</source>
        <translation>pas encore envoyé : nouvel essai prévu</translation>
    </message>
</context>
<context>
    <name>TrayNotices</name>
    <message numerus="yes">
        <source>%n new notifications</source>
        <translation>
            <numerusform>%n nouvelle notification</numerusform>
            <numerusform>%n nouvelles notifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…et %n autre</numerusform>
            <numerusform>…et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VoiceOfCustomer</name>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Responses</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Net promoter</source>
        <translation>Recommandation nette</translation>
    </message>
    <message>
        <source>Mean satisfaction {mean} / 10 over {responses} responses; net promoter score {nps}.</source>
        <translation>Satisfaction moyenne {mean} / 10 sur {responses} réponses ; recommandation nette {nps}.</translation>
    </message>
    <message>
        <source>No complaint this month.</source>
        <translation>Aucune réclamation ce mois-ci.</translation>
    </message>
    <message>
        <source>No complaint resolved this month had a cause on this function&apos;s side.</source>
        <translation>Aucune réclamation résolue ce mois-ci n&apos;avait une cause du ressort de cette fonction.</translation>
    </message>
    <message>
        <source>No open problem on this function&apos;s side.</source>
        <translation>Aucun problème ouvert du ressort de cette fonction.</translation>
    </message>
    <message>
        <source>Voice of the customer</source>
        <translation>Voix du client</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>Réclamations</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Cause racine</translation>
    </message>
    <message>
        <source>Complaints resolved</source>
        <translation>Réclamations résolues</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>No customer gave a score this month.</source>
        <translation>Aucun client n&apos;a donné de note ce mois-ci.</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>Généré le</translation>
    </message>
    <message>
        <source>Causes this function is responsible for</source>
        <translation>Causes dont cette fonction est responsable</translation>
    </message>
    <message>
        <source>Promises kept</source>
        <translation>Engagements tenus</translation>
    </message>
    <message>
        <source>Open problems</source>
        <translation>Problèmes ouverts</translation>
    </message>
    <message>
        <source>Complaints received: {count} ({trend:+d} compared with the month before).</source>
        <translation>Réclamations reçues : {count} ({trend:+d} par rapport au mois précédent).</translation>
    </message>
    <message>
        <source>{kept} of promises kept: {met} met, {missed} missed, {resolved} resolved.</source>
        <translation>{kept} des engagements tenus : {met} tenus, {missed} manqués, {resolved} résolues.</translation>
    </message>
</context>
<context>
    <name>VoiceView</name>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation>A&amp;fficher</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>Enregistrer en &amp;PDF…</translation>
    </message>
    <message>
        <source>Voice of the customer</source>
        <translation>Voix du client</translation>
    </message>
    <message>
        <source>&amp;Function:</source>
        <translation>&amp;Fonction :</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>&amp;Mois :</translation>
    </message>
    <message>
        <source>No function is yours to read: ask an administrator.</source>
        <translation>Aucune fonction ne vous est ouverte en lecture : demandez à un administrateur.</translation>
    </message>
    <message>
        <source>Save the page as a PDF</source>
        <translation>Enregistrer la page en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save the PDF: {error}</source>
        <translation>Impossible d&apos;enregistrer le PDF : {error}</translation>
    </message>
</context>
<context>
    <name>WhichPolicyBox</name>
    <message>
        <source>Which policy does a complaint get?</source>
        <translation>Quel engagement une réclamation reçoit-elle ?</translation>
    </message>
    <message>
        <source>(any product)</source>
        <translation>(tout produit)</translation>
    </message>
    <message>
        <source>S&amp;ite:</source>
        <translation>S&amp;ite :</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <source>Categor&amp;y:</source>
        <translation>Catégor&amp;ie :</translation>
    </message>
    <message>
        <source>Pro&amp;duct:</source>
        <translation>Pro&amp;duit :</translation>
    </message>
    <message>
        <source>Customer se&amp;gment:</source>
        <translation>Se&amp;gment du client :</translation>
    </message>
    <message>
        <source>Priorit&amp;y:</source>
        <translation>P&amp;riorité :</translation>
    </message>
    <message>
        <source>Which policies apply</source>
        <translation>Les engagements qui s&apos;appliquent</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(sans catégorie)</translation>
    </message>
    <message>
        <source>Regulatory deadlines</source>
        <translation>Échéances réglementaires</translation>
    </message>
    <message>
        <source>Company promise</source>
        <translation>Engagement de l&apos;entreprise</translation>
    </message>
    <message>
        <source>{kind}: none applies.</source>
        <translation>{kind} : aucun ne s&apos;applique.</translation>
    </message>
    <message>
        <source>{condition} is {value}</source>
        <translation>{condition} : {value}</translation>
    </message>
    <message>
        <source>{kind}: {name} ({code})</source>
        <translation>{kind} : {name} ({code})</translation>
    </message>
    <message>
        <source>because {reasons}.</source>
        <translation>parce que {reasons}.</translation>
    </message>
    <message>
        <source>because it applies to every complaint.</source>
        <translation>parce qu&apos;il s&apos;applique à toute réclamation.</translation>
    </message>
    <message>
        <source>Also applies, but less specific or later: {codes}.</source>
        <translation>S&apos;applique aussi, mais moins précis ou placé après : {codes}.</translation>
    </message>
    <message>
        <source>Not {code}: this complaint is outside its {conditions}.</source>
        <translation>Pas {code} : cette réclamation est hors de son périmètre ({conditions}).</translation>
    </message>
</context>
<context>
    <name>Window</name>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au :</translation>
    </message>
</context>
<context>
    <name>WorkloadModel</name>
    <message>
        <source>Open</source>
        <translation>Ouvertes</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>À risque</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Click or press Enter: open these complaints in the queue</source>
        <translation>Cliquez ou appuyez sur Entrée : ouvrir ces réclamations dans la file</translation>
    </message>
</context>
<context>
    <name>WorkloadPanel</name>
    <message>
        <source>Workload</source>
        <translation>Charge de travail</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Conseiller</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Workload per agent</source>
        <translation>Charge de travail par conseiller</translation>
    </message>
    <message>
        <source>Workload per function</source>
        <translation>Charge de travail par fonction</translation>
    </message>
    <message>
        <source>Per agent</source>
        <translation>Par conseiller</translation>
    </message>
    <message>
        <source>Per function</source>
        <translation>Par fonction</translation>
    </message>
    <message>
        <source>Workload — could not count: {}</source>
        <translation>Charge de travail — comptage impossible : {}</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <source>Customer and routing</source>
        <translation>Client et routage</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>Engagement</translation>
    </message>
    <message>
        <source>Why is this here?</source>
        <translation>Pourquoi est-elle ici ?</translation>
    </message>
    <message>
        <source>Team queue: {queue}</source>
        <translation>File d&apos;équipe : {queue}</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>Faits</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>(no description)</source>
        <translation>(aucune description)</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>{segment} · {language}</source>
        <translation>{segment} · {language}</translation>
    </message>
    <message>
        <source>Segment and language</source>
        <translation>Segment et langue</translation>
    </message>
    <message>
        <source>No contact points</source>
        <translation>Aucune coordonnée</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Reçue</translation>
    </message>
    <message>
        <source>Acknowledge by</source>
        <translation>Accuser réception avant le</translation>
    </message>
    <message>
        <source>Resolve by</source>
        <translation>Résoudre avant le</translation>
    </message>
    <message>
        <source>Regulatory deadline</source>
        <translation>Échéance réglementaire</translation>
    </message>
    <message>
        <source>{}:</source>
        <translation>{} :</translation>
    </message>
    <message>
        <source>Who else is on this complaint</source>
        <translation>Qui d’autre est sur cette réclamation</translation>
    </message>
    <message>
        <source>{state} · {when}</source>
        <translation>{state} · {when}</translation>
    </message>
    <message>
        <source>Due {when}</source>
        <translation>Échéance : {when}</translation>
    </message>
</context>
<context>
    <name>owner</name>
    <message>
        <source>{name}: {rate} % of {count} resolved complaints kept their promise</source>
        <translation>{name} : {rate} % des {count} réclamations résolues ont tenu leur engagement</translation>
    </message>
</context>
</TS>
