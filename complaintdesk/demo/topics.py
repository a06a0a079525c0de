"""What demo customers complain about: the categories, products and the words they use.

Every text comes as an ``(English, French)`` pair, indexed by :data:`EN` and :data:`FR`.
Subjects and details take ``{product}``, ``{amount}`` and ``{date}``.
"""

from __future__ import annotations

from complaintdesk.demo.topic_kinds import EN, FR, Pair, Topic
from complaintdesk.demo.topics_everyday import EVERYDAY_TOPICS
from complaintdesk.demo.topics_money import MONEY_TOPICS

TOPICS: tuple[Topic, ...] = (*MONEY_TOPICS, *EVERYDAY_TOPICS)
"""Every topic, in the order of the taxonomy."""

__all__ = ["EN", "FR", "TOPICS", "Pair", "Topic"]
