"""A hand-written set of calqued official names and their legitimate near neighbours.

Used by tests/test_semantic.py and bench/embedding_quality.py. None of the calques is
listed in the shipped glossaries: the semantic rule (TQ301), not a list, must find them.
Each calque imitates a real route from Spanish or French word order or word choice.
Neighbours are correct English names of *other* bodies, or correct paraphrases, placed
next to the related accepted form so the "accepted form elsewhere" signal is tempted.
"""

from __future__ import annotations

# (text, calqued phrase, term to suggest)
CALQUES = [
    ("Russia never joined the Munitions in Cluster Convention, he said.",
     "Munitions in Cluster Convention", "Convention on Cluster Munitions"),
    ("The attack was claimed by the State Islamic, the police said.",
     "State Islamic", "Islamic State"),
    ("Fighters of the Group Wagner left Bakhmut on Monday.", "Group Wagner", "Wagner Group"),
    ("The Bank Central European raised rates again.", "Bank Central European", "ECB"),
    ("A spokesman for the House White declined to comment.", "House White", "White House"),
    ("The vote in the Parliament European was postponed.", "Parliament European",
     "European Parliament"),
    ("The World Health Organization met in Geneva. The World Organization of Health said "
     "cases were rising.", "World Organization of Health", "WHO"),
    ("Argentina owes the IMF billions. The International Monetary Bottom asked for reforms.",
     "International Monetary Bottom", "IMF"),
    ("Putin is wanted by the International Penal Court in The Hague.",
     "International Penal Court", "ICC"),
    ("The Security Council met on Friday. The Council of Security will vote again.",
     "Council of Security", "Security Council"),
]  # fmt: skip

# Texts in which TQ301 must stay silent: correct forms and legitimate neighbours.
NEIGHBOURS = [
    "Ukraine has not joined the Convention on Cluster Munitions.",
    "The NATO-Ukraine Council met in Vilnius. The NATO-Russia Council has not met since 2019.",
    "The NATO-Russia Council was set up in 2002.",
    "The European Council met in Brussels. The Council of Europe expelled Russia in 2022.",
    "The European Central Bank and the European Investment Bank signed a deal.",
    "The Attorney General's Office said so. The Office of the Attorney General later denied it.",
    "The International Court of Justice and the International Criminal Court sit in The Hague.",
    "The European Court of Human Rights ruled against Poland.",
    "Spain's Constitutional Tribunal and the Constitutional Court of Colombia both ruled.",
    "The Supreme Court of Justice of Mexico upheld the law.",
    "The Federal Reserve Bank of New York and the Federal Reserve disagreed.",
    "The Inter-American Development Bank and the World Bank will lend more.",
    "The foreign ministry and the Ministry of Foreign Affairs of Ukraine issued statements.",
    "The World Trade Organization and the World Health Organization met in Geneva.",
    "Islamic State fighters attacked. The Islamic Republic of Iran condemned it.",
    "The White House and the House of Representatives disagreed.",
    "The Wagner Group and the Group of Seven were discussed.",
]
