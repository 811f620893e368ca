"""The zero draft of the (fictional) Global Compact on Climate-Related Human Mobility.

Keys: pr* preambular paragraphs, v* vision paragraphs and p* principles, o<N> objectives (o<N>.commit the
commitment, o<N>.ch its chapeau, o<N>.<letter> its actions as first drafted), im* implementation and
fu* follow-up paragraphs. Keys stay fixed through every round, whatever the printed numbers become.
"""
from __future__ import annotations

from .nodes import Node, item, objective, para, pre, preamble, section, src, sub

TITLE = "Global Compact on Climate-Related Human Mobility"


def zero_draft() -> list[Node]:
    return [
        preamble(
            pre("pr1", "Recalling the Declaration on Human Mobility in the Context of Climate Change, adopted on "
                "19 September 2024, in which we decided to launch a process of intergovernmental negotiations "
                "leading to the adoption of a global compact,", src("decl:para.32 quotes")),
            pre("pr2", "Reaffirming the purposes and principles of the Charter of the United Nations and the "
                "Universal Declaration of Human Rights, and recalling the core international human rights "
                "treaties,"),
            pre("pr3", "Recognizing that climate change is already reshaping where people can live and work, and "
                "that storms, floods, droughts, sea-level rise and desertification increasingly compel people to "
                "move, within and across borders,", src("decl:para.2 paraphrases")),
            pre("pr4", "Acknowledging that most people who move in the context of climate change remain within "
                "their own country, while many of those who are most exposed lack the resources to move at all,",
                src("decl:para.3 quotes")),
            pre("pr5", "Taking note of the report of the Special Envoy of the Secretary-General on "
                "Climate-Related Human Mobility and the recommendations contained therein,"),
            pre("pr6", "Determined to make an important contribution to averting, minimizing and addressing "
                "displacement, and to making human mobility in the context of climate change safe, orderly and "
                "regular,"),
        ),
        section("s1", "I", "Vision and guiding principles",
                para("v1", "This Global Compact sets out a common understanding, shared responsibilities and "
                     "unity of purpose regarding human mobility in the context of climate change, disasters and "
                     "environmental degradation."),
                para("v2", "It is non-legally binding and upholds the sovereign right of States to determine their "
                     "national policies, in accordance with international law.",
                     src("decl:annex.II.para.2 paraphrases")),
                para("v3", "It is grounded in the 2030 Agenda for Sustainable Development, the Paris Agreement, the "
                     "Sendai Framework for Disaster Risk Reduction 2015-2030 and international human rights law.",
                     src("decl:annex.II.para.3 quotes")),
                para("v4", "The Global Compact recognizes that human mobility, when it is safe, orderly and "
                     "regular, can be a strategy of adaptation that reduces exposure, diversifies income and "
                     "sustains families and communities.", src("decl:para.4 quotes")),
                para("v5", "The Global Compact is based on the following cross-cutting and interdependent guiding "
                     "principles:", (),
                     item("p1", "People-centred: it places the rights and well-being of individuals and "
                          "communities at its core;", src("decl:annex.II.para.5 paraphrases")),
                     item("p2", "Human rights: it upholds the human rights and fundamental freedoms of all people "
                          "who move in the context of climate change, regardless of status;",
                          src("decl:para.6 paraphrases")),
                     item("p3", "Gender-responsive and child-sensitive: it addresses the specific needs of women, "
                          "girls and children;", src("decl:annex.II.para.5 paraphrases")),
                     item("p4", "Whole-of-government and whole-of-society: it involves local authorities, "
                          "affected communities, civil society, the private sector and academia;",
                          src("decl:annex.II.para.4 quotes")),
                     item("p5", "Complementarity: it complements, and does not duplicate, existing frameworks for "
                          "refugees and for disaster displacement.", src("decl:annex.II.para.6 quotes"))),
                para("v6", "We will implement the Global Compact in cooperation and partnership with migrants, "
                     "affected communities, civil society, local authorities, the private sector, academia and "
                     "the United Nations system.")),
        section("s2", "II", "Objectives and commitments",
                *objectives()),
        section("s3", "III", "Implementation",
                para("im1", "We will implement the Global Compact at the national, regional and global levels, "
                     "taking into account different national realities, capacities and levels of development."),
                para("im2", "We decide to establish a capacity-building mechanism in the United Nations, including "
                     "a start-up fund and a knowledge platform, to support States in implementing the Global "
                     "Compact, as proposed in recommendation 13 of the report of the Special Envoy.",
                     src("report:rec.13 cites")),
                para("im3", "We will mobilize adequate, predictable and additional financing for the "
                     "implementation of the Global Compact, including through the funding arrangements for loss "
                     "and damage.", src("decl:para.29 quotes"))),
        section("s4", "IV", "Follow-up and review",
                para("fu1", "We will review progress in implementing the Global Compact every four years in a "
                     "high-level forum, with the participation of affected communities.",
                     src("report:rec.14 quotes")),
                para("fu2", "We invite States to develop national implementation plans and to report on their "
                     "implementation voluntarily.", src("report:rec.14 paraphrases")),
                para("fu3", "We request the Secretary-General to report to the General Assembly every two years on "
                     "the implementation of the Global Compact.")),
    ]


def objectives() -> list[Node]:
    return [
        objective(
            "o1", "Collect and share accurate data on climate-related human mobility",
            "We commit to strengthen the global evidence base on human mobility in the context of climate change "
            "by improving the collection, analysis and sharing of data, disaggregated by sex, age, disability and "
            "other characteristics relevant in national contexts.", src("decl:para.8 quotes"),
            item("o1.a", "Adopt common definitions and methodologies to record displacement, planned relocation "
                 "and migration in the context of climate change, and publish disaggregated data at least once a "
                 "year;", src("report:rec.2 quotes")),
            item("o1.b", "Record displacement beyond the emergency phase, including its duration and the outcomes "
                 "for the people concerned;", src("report:para.4 paraphrases")),
            item("o1.c", "Establish regional observatories on climate-related human mobility to collect and analyse "
                 "data in line with United Nations standards;"),
            item("o1.d", "Develop country profiles that combine climate risk projections with data on population "
                 "movements, to inform planning at the local and national levels;"),
            item("o1.e", "Ensure that data are collected and used in full respect of the right to privacy and the "
                 "protection of personal data."),
        ),
        objective(
            "o2", "Avert and minimize displacement through adaptation and disaster risk reduction",
            "We commit to avert and minimize displacement by investing in adaptation, disaster risk reduction and "
            "resilience, consistent with the Paris Agreement and the Sendai Framework for Disaster Risk Reduction "
            "2015-2030, so that people are not compelled to leave their homes.", src("decl:para.7 quotes"),
            item("o2.a", "Integrate human mobility into national adaptation plans, nationally determined "
                 "contributions and disaster risk reduction strategies, as recommended in recommendation 1 of the "
                 "report of the Special Envoy;", src("decl:para.11 quotes", "report:rec.1 cites")),
            item("o2.b", "Invest in climate-resilient infrastructure, water management and agriculture in areas "
                 "most exposed to slow-onset events, including sea-level rise, salinization and land degradation;",
                 src("decl:para.10 quotes")),
            item("o2.c", "Strengthen the resilience of livelihoods through the diversification of income, access to "
                 "insurance and [adaptive] social protection;"),
            item("o2.d", "Strengthen collaboration between humanitarian, development and climate actors, including "
                 "through:", (),
                 sub("o2.d.i", "Joint analysis of risks and needs;"),
                 sub("o2.d.ii", "Multi-year and flexible funding;"),
                 sub("o2.d.iii", "Common outcomes agreed with national and local authorities;")),
            item("o2.e", "Take into account the knowledge of indigenous peoples and local communities in "
                 "anticipating and adapting to environmental change.", src("decl:para.16 quotes")),
        ),
        objective(
            "o3", "Strengthen early warning and anticipatory action",
            "We commit to ensure that people at risk can move to safety before disaster strikes, by developing "
            "early warning systems that reach the last mile and are linked to anticipatory action.",
            src("decl:para.9 quotes"),
            item("o3.a", "Invest in early warning systems that cover the whole population by 2030, paired with "
                 "pre-arranged plans for evacuation and anticipatory cash transfers;", src("report:rec.3 quotes")),
            item("o3.b", "Map areas likely to become uninhabitable and develop, with the communities concerned, "
                 "long-term plans that combine in situ adaptation, voluntary migration and, as a last resort, "
                 "planned relocation;", src("report:rec.4 quotes")),
            item("o3.c", "Include people who move, including migrants in irregular situations, in national "
                 "emergency preparedness and evacuation plans;"),
            item("o3.d", "Ensure that evacuation shelters are accessible to persons with disabilities and older "
                 "persons, and that children are not separated from their parents during evacuation."),
        ),
        objective(
            "o4", "Expand regular pathways for people moving from areas affected by climate change",
            "We commit to expand and facilitate pathways for regular migration for people whose countries of "
            "origin are affected by climate change, with full respect for their human rights.",
            src("decl:para.13 quotes"),
            item("o4.a", "Create or expand labour mobility schemes, humanitarian visas and temporary protection "
                 "arrangements for people from countries severely affected by climate change, with clear criteria "
                 "and fair recruitment;", src("report:rec.5 quotes")),
            item("o4.b", "Respect the principle of family unity and consider family reunification in the design of "
                 "such pathways;", src("decl:para.14 quotes")),
            item("o4.c", "Recognize the skills and qualifications of people who move, in cooperation with "
                 "employers and educational institutions;", src("report:rec.7 quotes")),
            item("o4.d", "Provide pre-departure and post-arrival information and orientation on rights, obligations "
                 "and access to services;"),
            item("o4.e", "Promote bilateral and regional free movement arrangements that take climate risk into "
                 "account, building on existing regional consultative processes.", src("decl:para.30 paraphrases")),
        ),
        objective(
            "o5", "Protect people displaced across borders in the context of disasters",
            "We commit to protect people displaced across borders in the context of disasters and climate change, "
            "and to ensure that no such person is returned to a situation where their life, safety or dignity "
            "would be at risk, as set out in paragraph 27 of the Declaration.", src("decl:para.27 cites"),
            item("o5.a", "Grant admission and stay to people displaced across borders by sudden-onset disasters "
                 "until return in safety and dignity is possible, in line with recommendation 6 of the report of "
                 "the Special Envoy;", src("report:rec.6 cites")),
            item("o5.b", "Develop regional guidelines on the admission and protection of persons displaced across "
                 "borders in the context of slow-onset events;"),
            item("o5.c", "Ensure that displaced persons have access to humanitarian assistance, basic services, "
                 "documentation and durable solutions without discrimination;", src("decl:para.12 quotes")),
            item("o5.d", "Facilitate durable solutions, including voluntary return in safety and dignity when "
                 "conditions in areas of origin allow, local integration or settlement elsewhere.",
                 src("decl:para.28 quotes")),
        ),
        objective(
            "o6", "Plan and carry out relocation in a rights-based manner",
            "We commit to plan and carry out relocation only as a measure of last resort, with the free, prior and "
            "informed consent of the communities concerned, and in accordance with the framework for planned "
            "relocation contained in annex I to the Declaration.",
            src("decl:para.21 quotes", "decl:annex.I cites"),
            item("o6.a", "Adopt national laws or guidelines on planned relocation that require the free, prior and "
                 "informed consent of affected communities, independent monitoring and access to remedy;",
                 src("report:rec.10 quotes")),
            item("o6.b", "Secure tenure of land and housing at the new site before any movement takes place, as set "
                 "out in annex I, paragraph 4 (b), of the Declaration;", src("decl:annex.I.para.4.b cites")),
            item("o6.c", "Ensure that relocated communities enjoy an adequate standard of living at least "
                 "equivalent to that before relocation, and continued access to land, livelihoods and cultural "
                 "heritage;", src("decl:para.22 quotes")),
            item("o6.d", "Preserve the social cohesion, cultural identity and integrity of relocated communities, "
                 "and provide for independent monitoring and accessible grievance mechanisms;",
                 src("decl:annex.I.para.4.d paraphrases", "decl:annex.I.para.4.e paraphrases")),
            item("o6.e", "Document lessons learned from relocation and share them among States and communities.",
                 src("decl:annex.I.para.6 paraphrases")),
        ),
        objective(
            "o7", "Support people who stay in places at risk and the communities that receive those who move",
            "We commit to support people who are unable or unwilling to move from places at risk, and the host "
            "communities that receive displaced persons or relocated communities.",
            src("decl:para.24 paraphrases", "decl:para.23 paraphrases"),
            item("o7.a", "Strengthen the resilience of people who remain in places at risk and their access to "
                 "social protection, health care and education;", src("decl:para.24 paraphrases")),
            item("o7.b", "Invest in host communities and receiving areas so that they can provide adequate housing, "
                 "services and decent work to people arriving from areas at risk;",
                 src("decl:para.17 quotes", "decl:para.23 paraphrases")),
            item("o7.c", "Provide local authorities with direct access to adaptation and loss and damage finance to "
                 "prepare receiving areas for arrivals;", src("report:rec.11 quotes")),
            item("o7.d", "Promote the participation of people who move in the social, economic and cultural life "
                 "of receiving communities;"),
            item("o7.e", "Combat xenophobia and discrimination against people who move in the context of climate "
                 "change and promote a balanced public narrative.", src("decl:para.20 quotes")),
        ),
        objective(
            "o8", "Facilitate remittances and the portability of social protection",
            "We commit to promote the faster, safer and cheaper transfer of remittances and the portability of "
            "social protection, so that people who move and their families can recover from disasters and adapt.",
            src("decl:para.19 paraphrases", "decl:para.18 paraphrases"),
            item("o8.a", "Reduce the average cost of remittance transfers to less than 3 per cent and promote "
                 "digital and mobile transfer channels in disaster-affected areas;", src("report:rec.9 quotes")),
            item("o8.b", "Make social protection systems shock-responsive and portable, so that benefits follow "
                 "people who move, as set out in recommendation 8 of the report of the Special Envoy;",
                 src("report:rec.8 cites")),
            item("o8.c", "Conclude bilateral and regional agreements on the portability of social security "
                 "entitlements and earned benefits;", src("decl:para.18 paraphrases")),
            item("o8.d", "Promote financial literacy and access to banking services for people who move and their "
                 "families."),
        ),
        objective(
            "o9", "Prevent statelessness and secure rights in the context of loss of territory",
            "We commit to cooperate to prevent statelessness and to preserve the nationality and rights of persons "
            "affected by the loss of territory owing to sea-level rise.",
            src("decl:para.26 paraphrases", "report:rec.12 paraphrases"),
            item("o9.a", "Ensure that the loss of territory owing to sea-level rise does not in itself deprive any "
                 "person of nationality;", src("decl:para.26 paraphrases")),
            item("o9.b", "Secure the housing, land and property rights of displaced persons and relocated "
                 "communities, and ensure that loss of documentation does not deprive them of their rights;",
                 src("decl:para.25 quotes")),
            item("o9.c", "Issue or replace identity and civil registration documents for people who have lost them "
                 "in disasters, free of charge;"),
            item("o9.d", "Cooperate to preserve the cultural heritage and collective identity of communities "
                 "affected by the loss of territory."),
        ),
    ]
