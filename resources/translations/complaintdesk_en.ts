<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CallerProposals</name>
    <message numerus="yes">
        <source>{name} ({contacts}) — %n open complaint(s)</source>
        <translation>
            <numerusform>{name} ({contacts}) — %n open complaint</numerusform>
            <numerusform>{name} ({contacts}) — %n open complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message numerus="yes">
        <source>%n complaint(s) or customer(s) found.</source>
        <translation>
            <numerusform>%n complaint or customer found.</numerusform>
            <numerusform>%n complaints or customers found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotificationIndicator</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OneCustomerPanel</name>
    <message numerus="yes">
        <source>This may be {name} ({contacts}) — %n open complaint(s)</source>
        <translation>
            <numerusform>This may be {name} ({contacts}) — %n open complaint</numerusform>
            <numerusform>This may be {name} ({contacts}) — %n open complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PoliciesTab</name>
    <message numerus="yes">
        <source>Done: %n open complaint(s) got new due dates.</source>
        <translation>
            <numerusform>Done: %n open complaint got new due dates.</numerusform>
            <numerusform>Done: %n open complaints got new due dates.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayNotices</name>
    <message numerus="yes">
        <source>%n new notifications</source>
        <translation>
            <numerusform>%n new notification</numerusform>
            <numerusform>%n new notifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>…and %n more</numerusform>
            <numerusform>…and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
