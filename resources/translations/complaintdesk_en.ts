<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttachDialog</name>
    <message numerus="yes">
        <source>Attach %n complaint(s) to a problem</source>
        <translation>
            <numerusform>Attach %n complaint to a problem</numerusform>
            <numerusform>Attach %n complaints to a problem</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <source>✗ %n event(s) were changed outside ComplaintDesk.</source>
        <translation>
            <numerusform>✗ %n event was changed outside ComplaintDesk.</numerusform>
            <numerusform>✗ %n events were changed outside ComplaintDesk.</numerusform>
        </translation>
    </message>
</context>
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
    <name>Counted</name>
    <message numerus="yes">
        <source>%n complaint(s)</source>
        <translation>
            <numerusform>%n complaint</numerusform>
            <numerusform>%n complaints</numerusform>
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
            <numerusform>%n other change</numerusform>
            <numerusform>%n other changes</numerusform>
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
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) for a supervisor</source>
        <translation>
            <numerusform>%n conflict for a supervisor</numerusform>
            <numerusform>%n conflicts for a supervisor</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerCardDialog</name>
    <message numerus="yes">
        <source>{other}&apos;s %n complaint(s), messages and contact points will move to {name}. The merge can be undone from this card.</source>
        <translation>
            <numerusform>{other}&apos;s %n complaint, messages and contact points will move to {name}. The merge can be undone from this card.</numerusform>
            <numerusform>{other}&apos;s %n complaints, messages and contact points will move to {name}. The merge can be undone from this card.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n pair(s) to review: open one to compare and merge.</source>
        <translation>
            <numerusform>%n pair to review: open it to compare and merge.</numerusform>
            <numerusform>%n pairs to review: open one to compare and merge.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>%Ln complaint(s)</source>
        <translation>
            <numerusform>%Ln complaint</numerusform>
            <numerusform>%Ln complaints</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>in %n min</numerusform>
            <numerusform>in %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>in %n h</numerusform>
            <numerusform>in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n min</source>
        <translation>
            <numerusform>overdue by %n min</numerusform>
            <numerusform>overdue by %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n h</source>
        <translation>
            <numerusform>overdue by %n h</numerusform>
            <numerusform>overdue by %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>overdue by %n day</numerusform>
            <numerusform>overdue by %n days</numerusform>
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
    <name>QuarantineCounts</name>
    <message numerus="yes">
        <source>seen %n time(s)</source>
        <translation>
            <numerusform>seen %n time</numerusform>
            <numerusform>seen %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>retried %n time(s)</source>
        <translation>
            <numerusform>retried %n time</numerusform>
            <numerusform>retried %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message numerus="yes">
        <source>%n open complaint(s)</source>
        <translation>
            <numerusform>%n open complaint</numerusform>
            <numerusform>%n open complaints</numerusform>
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
