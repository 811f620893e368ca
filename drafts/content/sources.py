"""The two source texts the compact draws on (fictional, written for this project).

DECLARATION: numbered paragraphs 1-32 in four sections, annex I (a framework for planned relocation)
and annex II (elements of the future compact), whose paragraphs restart at 1 and have lettered items.
REPORT: a report of a Special Envoy with numbered paragraphs and fourteen recommendations.
"""
from __future__ import annotations

from .nodes import Node, annex, item, para, rec, section

DECLARATION_TITLE = "Declaration on Human Mobility in the Context of Climate Change"
REPORT_TITLE = "Report of the Special Envoy of the Secretary-General on Climate-Related Human Mobility"


def _paras(prefix: str, texts: list[str]) -> list[Node]:
    return [para(f"{prefix}{n}", text) for n, text in enumerate(texts, 1)]


_INTRODUCTION = [
    "We, the Heads of State and Government and High Representatives, meeting at United Nations "
    "Headquarters on 19 September 2024, have decided to address together the movement of people in the "
    "context of the adverse effects of climate change, disasters and environmental degradation.",
    "Climate change is already reshaping where people can live and work. Sea-level rise, desertification, "
    "glacial retreat and more frequent and intense storms, floods and droughts are eroding livelihoods and "
    "compelling people to move, within and across borders.",
    "Most people who move in the context of climate change remain within their own country, and many of "
    "those who are most exposed lack the resources to move at all and remain trapped in places of growing "
    "risk.",
    "Human mobility, when it is safe, orderly and regular, can also be a strategy of adaptation that "
    "reduces exposure, diversifies income and sustains families and communities.",
    "We recognize that no State can address these movements on its own, and that they call for "
    "international cooperation grounded in solidarity, shared responsibility and respect for human rights.",
]

_ALL_PEOPLE = [
    "We reaffirm that all people who move in the context of climate change are rights holders, and we will "
    "fully protect their human rights and fundamental freedoms, regardless of status.",
    "We will take measures to prevent displacement by investing in adaptation, disaster risk reduction and "
    "resilience, consistent with the Paris Agreement and the Sendai Framework for Disaster Risk Reduction "
    "2015-2030.",
    "We will strengthen the collection, analysis and sharing of data on human mobility in the context of "
    "climate change, disaggregated by sex, age, disability and other characteristics relevant in national "
    "contexts.",
    "We will develop early warning systems that reach the last mile and are linked to anticipatory action, "
    "so that people at risk can move to safety before disaster strikes.",
    "We recognize that slow-onset events, including sea-level rise, salinization and land degradation, "
    "require long-term planning that goes beyond emergency response.",
    "We will integrate human mobility into national adaptation plans, nationally determined contributions "
    "and disaster risk reduction strategies.",
    "We will ensure that people displaced by disasters have access to humanitarian assistance, basic "
    "services, documentation and durable solutions without discrimination.",
    "We will expand and facilitate pathways for regular migration for people whose countries of origin are "
    "affected by climate change, including through labour mobility schemes, humanitarian visas and "
    "temporary protection arrangements.",
    "We will respect the principle of family unity and consider family reunification in the design of such "
    "pathways.",
    "We will pay particular attention to the needs of women and girls, children, older persons, persons with "
    "disabilities and indigenous peoples, who are disproportionately affected by the adverse effects of "
    "climate change.",
    "We recognize the knowledge of indigenous peoples and local communities in anticipating and adapting to "
    "environmental change, and we will ensure their full and effective participation in decisions that "
    "affect them.",
    "We will strengthen the resilience of cities and other receiving areas so that they can provide adequate "
    "housing, services and decent work to people arriving from areas at risk.",
    "We will promote the portability of social protection and of earned benefits for people who move in the "
    "context of climate change.",
    "We will facilitate the safe, fast and cheaper transfer of remittances, which help families and "
    "communities to recover from disasters and to adapt.",
    "We will combat xenophobia and discrimination against people who move in the context of climate change "
    "and promote a balanced public narrative.",
]

_AT_RISK = [
    "We recognize that planned relocation should be a measure of last resort, undertaken only when other "
    "adaptation options are exhausted, and with the free, prior and informed consent of the communities "
    "concerned.",
    "We will ensure that communities that are relocated enjoy an adequate standard of living at least "
    "equivalent to that before relocation, and continued access to land, livelihoods, cultural heritage and "
    "places of spiritual significance.",
    "We will support host communities that receive displaced persons or relocated communities, including "
    "through investment in infrastructure and services.",
    "We will address the needs of people who are unable or unwilling to move from places at risk, including "
    "by strengthening their resilience and access to social protection.",
    "We will secure housing, land and property rights of displaced persons and relocated communities, and "
    "ensure that loss of documentation does not deprive them of their rights.",
    "We acknowledge that the loss of territory owing to sea-level rise raises questions of statehood, "
    "nationality and maritime zones, and we will cooperate to prevent statelessness in such situations.",
    "We will ensure that no person displaced across borders in the context of disasters and climate change "
    "is returned to a situation where their life, safety or dignity would be at risk.",
    "We will facilitate durable solutions, including voluntary return in safety and dignity when conditions "
    "in areas of origin allow, local integration or settlement elsewhere.",
]

_FOLLOW_UP = [
    "We will mobilize adequate, predictable and additional financing for the measures set out in this "
    "Declaration, including through the funding arrangements for loss and damage.",
    "We will strengthen regional and subregional cooperation, building on existing regional consultative "
    "processes and free movement arrangements.",
    "We request the Secretary-General to present recommendations on ways to strengthen international "
    "cooperation on human mobility in the context of climate change.",
    "We decide to launch a process of intergovernmental negotiations leading to the adoption of a global "
    "compact on climate-related human mobility in 2026, on the basis of the elements set out in annex II "
    "to the present Declaration.",
]


def _numbered(prefix: str, start: int, texts: list[str]) -> list[Node]:
    return [para(f"{prefix}{n}", text) for n, text in enumerate(texts, start)]


def declaration() -> list[Node]:
    n1, n2, n3 = len(_INTRODUCTION), len(_ALL_PEOPLE), len(_AT_RISK)
    return [
        section("d.I", "I", "Introduction", *_numbered("d", 1, _INTRODUCTION)),
        section("d.II", "II", "Commitments that apply to all people who move in the context of climate change",
                *_numbered("d", n1 + 1, _ALL_PEOPLE)),
        section("d.III", "III", "Commitments for communities at risk of displacement",
                *_numbered("d", n1 + n2 + 1, _AT_RISK)),
        section("d.IV", "IV", "Means of implementation and follow-up", *_numbered("d", n1 + n2 + n3 + 1, _FOLLOW_UP)),
        annex("a1", "I", "Framework for planned relocation",
              para("a1.1", "The present framework sets out principles to guide States in planning and carrying "
                   "out the relocation of communities at risk."),
              para("a1.2", "Planned relocation should be initiated only where it is necessary to protect life "
                   "and livelihoods and where other measures of adaptation cannot reasonably reduce the risk."),
              para("a1.3", "Relocation decisions should be taken with the full participation of the affected "
                   "communities, including women, youth, older persons and persons with disabilities."),
              para("a1.4", "Relocation plans should, at a minimum:", (),
                   item("a1.4a", "Identify suitable sites in consultation with both relocating and host "
                        "communities;"),
                   item("a1.4b", "Secure tenure of land and housing at the new site before any movement takes "
                        "place;"),
                   item("a1.4c", "Provide for the restoration of livelihoods and access to education, health "
                        "care and other services;"),
                   item("a1.4d", "Preserve social cohesion, cultural identity and, wherever possible, the "
                        "integrity of the community;"),
                   item("a1.4e", "Include independent monitoring and accessible grievance mechanisms.")),
              para("a1.5", "States should allocate dedicated budgets to planned relocation and seek "
                   "international support where national resources are insufficient."),
              para("a1.6", "Lessons learned from relocation should be documented and shared among States and "
                   "communities.")),
        annex("a2", "II", "Elements towards a global compact on climate-related human mobility",
              para("a2.1", "The global compact would set out a range of principles, commitments and "
                   "understandings among Member States regarding human mobility in the context of climate "
                   "change."),
              para("a2.2", "It would be non-legally binding and would respect the sovereign right of States to "
                   "determine their national policies, in accordance with international law."),
              para("a2.3", "It would be grounded in the 2030 Agenda for Sustainable Development, the Paris "
                   "Agreement, the Sendai Framework for Disaster Risk Reduction 2015-2030 and international "
                   "human rights law."),
              para("a2.4", "It would take a whole-of-government and whole-of-society approach, involving local "
                   "authorities, affected communities, civil society, the private sector and academia."),
              para("a2.5", "It would be people-centred and gender-responsive, and would address the specific "
                   "needs of children."),
              para("a2.6", "It would complement, and not duplicate, existing frameworks for refugees and for "
                   "disaster displacement."),
              para("a2.7", "It would be developed through an open, transparent and inclusive process of "
                   "consultations and negotiations."),
              para("a2.8", "The global compact could include, but would not be limited to, the following "
                   "elements:", (),
                   item("a2.8a", "Averting, minimizing and addressing displacement through adaptation and "
                        "disaster risk reduction;"),
                   item("a2.8b", "Improving data and knowledge on climate-related human mobility;"),
                   item("a2.8c", "Expanding regular pathways for people moving from areas affected by climate "
                        "change;"),
                   item("a2.8d", "Protecting the human rights of people who move, and of those who stay, in the "
                        "context of climate change;"),
                   item("a2.8e", "Planning and carrying out relocation in a rights-based manner;"),
                   item("a2.8f", "Protecting people displaced across borders in the context of disasters;"),
                   item("a2.8g", "Mobilizing financing, including from the funding arrangements for loss and "
                        "damage;"),
                   item("a2.8h", "Strengthening international and regional cooperation and follow-up.")),
              para("a2.9", "The global compact should include a mechanism for implementation, capacity-building "
                   "and follow-up and review."),
              para("a2.10", "Member States would consider the recommendations of the Secretary-General in "
                   "developing the global compact.")),
    ]


_RECOMMENDATIONS = [
    "States should establish national focal points on climate-related human mobility and include mobility in "
    "their national adaptation plans and nationally determined contributions.",
    "States should adopt common definitions and methodologies to record displacement, planned relocation and "
    "migration in the context of climate change, and publish disaggregated data at least once a year.",
    "States should invest in early warning systems that cover the whole population by 2030, paired with "
    "pre-arranged plans for evacuation and anticipatory cash transfers.",
    "States should map areas likely to become uninhabitable and develop, with the communities concerned, "
    "long-term plans that combine in situ adaptation, voluntary migration and, as a last resort, planned "
    "relocation.",
    "States should create or expand labour mobility schemes, humanitarian visas and temporary protection "
    "arrangements for people from countries severely affected by climate change, with clear criteria and "
    "fair recruitment.",
    "States should ensure that people displaced across borders by sudden-onset disasters are granted "
    "admission and stay until return in safety and dignity is possible.",
    "States should recognize and transfer the skills and qualifications of people who move, in cooperation "
    "with employers and educational institutions.",
    "States should ensure that social protection systems are shock-responsive and portable, so that benefits "
    "follow people who move.",
    "States should reduce the average cost of remittance transfers to less than 3 per cent and promote "
    "digital and mobile transfer channels in disaster-affected areas.",
    "States should adopt national laws or guidelines on planned relocation that require the free, prior and "
    "informed consent of affected communities, independent monitoring and access to remedy.",
    "States should provide local authorities with direct access to adaptation and loss and damage finance to "
    "prepare receiving areas for arrivals.",
    "States should cooperate to preserve the nationality of persons affected by the loss of territory and to "
    "prevent statelessness.",
    "The United Nations system should establish a capacity-building mechanism, including a start-up fund and "
    "a knowledge platform, to support States in implementing commitments on climate-related human mobility.",
    "States should review progress every four years in a high-level forum, with the participation of "
    "affected communities, and report on their implementation voluntarily.",
]


def report() -> list[Node]:
    return [
        section("r.I", "I", "Introduction",
                para("r1", "The present report is submitted pursuant to paragraph 31 of the Declaration on Human "
                     "Mobility in the Context of Climate Change, in which the Secretary-General was requested to "
                     "present recommendations on ways to strengthen international cooperation."),
                para("r2", "It draws on consultations held in all regions in 2024 and 2025 with Member States, "
                     "affected communities, local authorities, civil society, international organizations and "
                     "experts.")),
        section("r.II", "II", "Findings",
                para("r3", "The number of people displaced by disasters each year now regularly exceeds twenty "
                     "million, and projections suggest that slow-onset events could compel far larger numbers "
                     "to move by 2050."),
                para("r4", "Data remain fragmented: few countries record displacement beyond the emergency phase, "
                     "and almost none track the outcomes of planned relocation."),
                para("r5", "Regular pathways available to people from affected countries are few, small in scale "
                     "and rarely designed with climate risk in mind."),
                para("r6", "Financing for mobility-related adaptation is scarce and hard for local authorities "
                     "and communities to reach.")),
        section("r.III", "III", "Recommendations",
                *[rec(f"rec{n}", text) for n, text in enumerate(_RECOMMENDATIONS, 1)]),
    ]
