"""The negotiation: each round after the zero draft as a list of edits on the previous round.

The density is that of a real negotiation: most provisions come through a round untouched or lightly
edited; each round also brings a few structural changes (an objective inserted, an action moved to
another objective, a paragraph split, two actions merged) and brackets opened in one round and resolved
in a later one.
"""
from __future__ import annotations

from .nodes import Edit, delete, insert, item, merge, move, objective, para, pre, reword, split, src

REV1: list[Edit] = [
    insert(pre("pr2b", "Recalling also the Paris Agreement, the Sendai Framework for Disaster Risk Reduction "
               "2015-2030 and the 2030 Agenda for Sustainable Development,"), after="pr2"),
    reword("pr6", "Determined to make an important contribution to averting, minimizing and addressing "
           "displacement, and to making human mobility in the context of climate change safe, orderly, regular "
           "and dignified,"),
    insert(para("v4b", "For the purposes of the Global Compact, climate-related human mobility refers to "
                "displacement, migration and planned relocation in the context of the adverse effects of climate "
                "change, disasters and environmental degradation, whether within or across borders."), after="v4"),
    reword("p5", "Complementarity: it complements, and does not duplicate, existing frameworks for refugees and "
           "for disaster displacement;"),
    insert(item("p6", "International cooperation: it recognizes that no State can address climate-related human "
                "mobility on its own, and calls for solidarity and shared responsibility.",
                src("decl:para.5 paraphrases")), after="p5"),
    reword("o1.commit", "We commit to strengthen the global evidence base on human mobility in the context of climate "
           "change by improving and investing in the collection, analysis and sharing of accurate, reliable and "
           "comparable data, disaggregated by sex, age, disability and other characteristics relevant in "
           "national contexts."),
    insert(item("o1.f", "Support national statistical offices in integrating questions on climate-related "
                "movements into censuses and household surveys;"), after="o1.b"),
    delete("o2.a"),
    insert(objective(
        "o10", "Integrate human mobility into national climate and development planning",
        "We commit to integrate human mobility into national adaptation plans, nationally determined "
        "contributions and disaster risk reduction strategies, and to establish national focal points on "
        "climate-related human mobility.", src("decl:para.11 quotes", "report:rec.1 paraphrases"),
        item("o10.a", "Establish national focal points on climate-related human mobility with a mandate to "
             "coordinate across ministries and levels of government;", src("report:rec.1 paraphrases")),
        item("o10.b", "Include human mobility in national adaptation plans and nationally determined "
             "contributions at their next revision, and report on progress in the follow-up to the Global "
             "Compact;", src("report:rec.1 paraphrases")),
        item("o10.c", "Involve local authorities and affected communities in the preparation of such plans.")),
        after="o2"),
    move("o3.b", after="o6.a"),
    reword("o4.commit", "We commit to expand and facilitate [pathways for regular migration / safe and regular "
           "pathways] for people whose countries of origin are affected by climate change, with full respect "
           "for their human rights."),
    reword("o5.b", "Develop regional guidelines on the admission, stay and protection of persons displaced across "
           "borders in the context of slow-onset events, drawing on existing regional practice;"),
    reword("o7.d", "Promote the inclusion of people who move in the social, economic and cultural life of "
           "receiving communities, including through language training and access to decent work;"),
    delete("o9.d"),
    reword("o9.c", "Issue or replace identity and civil registration documents for people who have lost them in "
           "disasters, free of charge."),
    reword("fu1", "We will review progress in implementing the Global Compact every [four / five] years in a "
           "high-level forum, with the participation of affected communities."),
]

REV2: list[Edit] = [
    delete("pr4"),
    reword("v4", "We recognize that human mobility, when it is safe, orderly and regular, can be an effective "
           "strategy of adaptation that reduces exposure, diversifies income and sustains families and "
           "communities."),
    reword("o2.c", "Strengthen the resilience of livelihoods through the diversification of income, access to "
           "insurance and adaptive social protection;"),
    reword("o5.b", "Develop regional guidelines[, as appropriate,] on the admission, stay and protection of "
           "persons displaced across borders in the context of slow-onset events, drawing on existing regional "
           "practice;"),
    reword("o6.e", "Document lessons learned from relocation and share them among States and communities;"),
    insert(item("o6.f", "Allocate dedicated budgets to planned relocation and seek international support where "
                "national resources are insufficient.", src("decl:annex.I.para.5 quotes")), after="o6.e"),
    reword("o8", "Facilitate remittances, the portability of social protection and the recognition of skills"),
    reword("o8.commit", "We commit to promote the faster, safer and cheaper transfer of remittances, the portability "
           "of social protection and the recognition of skills, so that people who move and their families can "
           "recover from disasters and adapt."),
    merge(["o8.b", "o8.c"], item(
        "o8.bc", "Make social protection systems shock-responsive and portable, including by concluding bilateral "
        "and regional agreements on the portability of social security entitlements and earned benefits, as set "
        "out in recommendation 8 of the report of the Special Envoy;",
        src("report:rec.8 cites", "decl:para.18 paraphrases"))),
    reword("o8.d", "Promote financial literacy and access to banking services for people who move and their "
           "families;"),
    move("o4.c", after="o8.d",
         text="Recognize the skills and qualifications of people who move, including through mutual recognition "
              "agreements, in cooperation with employers and educational institutions.",
         sources=src("report:rec.7 paraphrases")),
    split("im2", [
        para("im2a", "We decide to establish a capacity-building mechanism in the United Nations to support "
             "States in implementing the Global Compact, as proposed in recommendation 13 of the report of the "
             "Special Envoy.", src("report:rec.13 cites")),
        para("im2b", "The mechanism will comprise [a start-up fund,] a knowledge platform and a connection hub, "
             "and will draw on the expertise of the United Nations system, affected communities and other "
             "stakeholders.", src("report:rec.13 paraphrases")),
    ]),
    reword("fu3", "We request the Secretary-General to report to the General Assembly every two years on the "
           "implementation of the Global Compact and on the activities of the capacity-building mechanism."),
]

FINAL: list[Edit] = [
    reword("pr1", "Recalling the Declaration on Human Mobility in the Context of Climate Change, adopted by the "
           "General Assembly on 19 September 2024, in which we decided to launch a process of intergovernmental "
           "negotiations leading to the adoption of a global compact,"),
    reword("o1.e", "Ensure that data are collected, stored and used in full respect of the right to privacy and "
           "the protection of personal data."),
    reword("o4.commit", "We commit to expand and facilitate safe and regular pathways for people whose countries of "
           "origin are affected by climate change, with full respect for their human rights."),
    reword("o5.b", "Develop regional guidelines on the admission, stay and protection of persons displaced across "
           "borders in the context of slow-onset events, drawing on existing regional practice;"),
    delete("im1"),
    reword("im2b", "The mechanism will comprise a start-up fund, a knowledge platform and a connection hub, and "
           "will draw on the expertise of the United Nations system, affected communities and other "
           "stakeholders."),
    reword("fu1", "We will review progress in implementing the Global Compact every four years in a high-level "
           "forum, with the participation of affected communities."),
    insert(para("fu4", "We decide that the first high-level review forum will be held in 2030 under the auspices "
                "of the General Assembly."), after="fu3"),
]

ROUNDS: list[tuple[str, list[Edit]]] = [("rev1", REV1), ("rev2", REV2), ("final", FINAL)]
