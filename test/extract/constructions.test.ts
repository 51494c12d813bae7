/**
 * One construction per test, each on a short sentence written for the test.
 */
import { describe, expect, it } from "vitest";
import { extract, type ExtractionResult } from "../../src/extract/index.js";

const run = (body: string, publishedAt: Date | null = new Date("2023-06-15T12:00:00Z")) => {
  const r = extract({ title: "", body, publishedAt });
  const name = (k: string | null | undefined) => r.actors.find((a) => a.key === k)?.name;
  const claims = r.claims.map((c) => ({ ...c, speaker: name(c.speakerKey), targets: c.targetKeys.map(name) }));
  const events = r.events.map((e) => ({ ...e, who: e.participants.map((p) => `${p.role}:${name(p.actorKey)}`), where: name(e.locationKey) }));
  return { r, name, claims, events };
};
const actor = (r: ExtractionResult, n: string) => r.actors.find((a) => a.name === n);

describe("claim frames", () => {
  it("active 'X accused Y of Z'", () => {
    const { claims } = run("Greece accused Turkey of violating its airspace.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Greece", targets: ["Turkey"], negated: false, hedged: false });
    expect(claims[0].content).toContain("violating its airspace");
  });

  it("passive 'Y was accused by X of Z'", () => {
    const { claims } = run("Serbia was accused by Croatia of shelling border villages.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Croatia", targets: ["Serbia"] });
    expect(claims[0].evidence.rule).toContain("passive");
  });

  it("quote first, attribution after: '\"...,\" X declared'", () => {
    const { claims, r } = run(`Ukrainian President Volodymyr Zelensky visited Kharkiv. "We will never give up our land," Zelensky declared.`);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "STATE", speaker: "Volodymyr Zelensky", quote: "We will never give up our land" });
    expect(claims[0].evidence.rule).toContain("quote");
    expect(actor(r, "Volodymyr Zelensky")).toMatchObject({ kind: "PERSON", country: "UKR", role: "President of Ukraine" });
  });

  it("inverted attribution with a quote: '\"...,\" said X'", () => {
    const { claims } = run(`"The talks were constructive," said Norwegian Foreign Minister Espen Barth Eide.`);
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "STATE", speaker: "Espen Barth Eide", quote: "The talks were constructive" });
  });

  it("pronoun speaker resolves to the previous sentence's subject", () => {
    const { claims, r } = run("German Chancellor Olaf Scholz met workers in Hamburg on Tuesday. He accused Poland of blocking the pipeline deal.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Olaf Scholz", targets: ["Poland"] });
    const he = r.mentions.find((m) => m.text === "He")!;
    expect(r.actors.find((a) => a.key === he.actorKey)?.name).toBe("Olaf Scholz");
  });

  it("capital and seat of government as metonyms for the state", () => {
    const { claims, r } = run("Beijing condemned Japan's decision to release the water. The White House rejected the criticism.");
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "China", targets: ["Japan"] });
    expect(actor(r, "China")).toMatchObject({ kind: "COUNTRY", country: "CHN" });
    expect(actor(r, "United States")?.aliases).toContain("The White House");
  });

  it("acronym defined in parentheses names the organisation", () => {
    const { claims, r } = run("The North Atlantic Treaty Organization (NATO) held a summit in Vilnius. NATO warned Russia against further escalation.");
    const nato = actor(r, "North Atlantic Treaty Organization");
    expect(nato).toMatchObject({ kind: "ORGANIZATION" });
    expect(nato!.aliases).toEqual(expect.arrayContaining(["NATO", "North Atlantic Treaty Organization"]));
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "THREATEN", speaker: "North Atlantic Treaty Organization", targets: ["Russia"] });
  });

  it("negation: 'did not accuse'", () => {
    const { claims } = run("Egypt did not accuse Ethiopia of violating the agreement.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Egypt", targets: ["Ethiopia"], negated: true });
  });

  it("hedge: 'reportedly'", () => {
    const { claims } = run("Iran reportedly blamed Israel for the explosion at the plant.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Iran", targets: ["Israel"], hedged: true, negated: false });
  });

  it("respondsTo: a rejection answers the accusation aimed at the speaker's own forces", () => {
    const { claims, r } = run("Kenya accused Somali militants of attacking a border post. Somalia rejected the allegations.");
    expect(claims).toHaveLength(2);
    const [acc, rej] = r.claims;
    expect(claims[0]).toMatchObject({ kind: "ACCUSE", speaker: "Kenya", targets: ["Somali militants"] });
    expect(actor(r, "Somali militants")).toMatchObject({ kind: "GROUP", country: "SOM" });
    expect(claims[1]).toMatchObject({ kind: "REJECT", speaker: "Somalia", targets: ["Kenya"] });
    expect(rej.respondsToKey).toBe(acc.key);
  });

  it("'according to X, ...'", () => {
    const { claims } = run("According to the United Nations, more than 2,000 people fled Sudan last week.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "STATE", speaker: "United Nations" });
    expect(claims[0].content).toBe("more than 2,000 people fled Sudan last week");
    expect(claims[0].evidence.rule).toBe("claim.state.according-to");
  });

  it("'X called on Y to ...' and 'X urged Y to ...' are requests", () => {
    const { claims } = run("France called on Iran to release the detained journalists. Britain urged Israel to allow more aid.");
    expect(claims.map((c) => [c.kind, c.speaker, c.targets])).toEqual([
      ["REQUEST", "France", ["Iran"]],
      ["REQUEST", "United Kingdom", ["Israel"]],
    ]);
  });

  it("'X said (that) ...' targets what the content acts on, not the speaker's own state", () => {
    const { claims } = run("Polish Prime Minister Donald Tusk said Poland would expel Belarusian diplomats.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "STATE", speaker: "Donald Tusk", targets: ["Belarusian diplomats"] });
  });

  it("no claim without a resolvable speaker", () => {
    const { claims } = run("Analysts believe the deal will collapse. It was alleged that the vote was rigged.");
    expect(claims).toEqual([]);
  });
});

describe("events", () => {
  it("announced withdrawal from an organisation is SANCTION/withdraw", () => {
    const { events } = run("Hungary announced its intention to withdraw from the International Criminal Court.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "SANCTION", mode: "withdraw", status: "ANNOUNCED", who: ["AGENT:Hungary", "TARGET:International Criminal Court"] });
  });

  it("an arrest with a place (capital -> country) and a relative date", () => {
    const { events } = run("Police arrested dozens of opposition activists in Tbilisi on Monday.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "COERCE", status: "OCCURRED", where: "Georgia", locationText: "Tbilisi", date: "2023-06-12", datePrecision: "DAY" });
    expect(events[0].who).toEqual(["AGENT:police", "TARGET:activists"]);
  });

  it("nominal trigger with possessor agent, place and year", () => {
    const { events } = run("Relations soured after Ethiopia's military offensive in Tigray in 2021.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "ASSAULT", status: "OCCURRED", who: ["AGENT:Ethiopia"], locationText: "Tigray", date: "2021-01-01", datePrecision: "YEAR" });
  });

  it("hypothetical and negated events are not emitted", () => {
    const { events } = run("Chile could withdraw from the Pacific Alliance. Peru did not attack Ecuador.");
    expect(events).toEqual([]);
  });

  it("the same event reported twice is merged", () => {
    const { events } = run("Mali announced its withdrawal from the Economic Community of West African States (ECOWAS). Mali's withdrawal from ECOWAS surprised observers.");
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe("SANCTION");
  });
});

describe("more constructions", () => {
  it("passive event: 'Y were killed by X' makes X the agent and Y the target", () => {
    const { events } = run("Three Malian soldiers were killed by Islamist militants near Gao.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "ASSAULT" });
    expect(events[0].who).toEqual(["AGENT:militants", "TARGET:Malian soldiers"]);
  });

  it("plural demonyms are groups of their country", () => {
    const { events, r } = run("Israeli soldiers arrested more than 100 Palestinians in Hebron.");
    expect(events[0]).toMatchObject({ kind: "COERCE", who: ["AGENT:Israeli soldiers", "TARGET:Palestinians"] });
    expect(actor(r, "Palestinians")).toMatchObject({ kind: "GROUP", country: "PSE" });
  });

  it("threatened or refused actions are claims, not events", () => {
    const { claims, events } = run("Iran threatened to attack Saudi Arabia. Kenya refused to expel Somali diplomats. The minister declined to comment.");
    expect(claims.map((c) => [c.kind, c.speaker])).toEqual([["THREATEN", "Iran"], ["REJECT", "Kenya"]]);
    expect(events).toEqual([]);
  });

  it("expletive 'it' is not a speaker; referential 'it' is", () => {
    const { claims } = run("It is unclear whether the talks will resume. Switzerland said it had expelled two Russian diplomats.");
    expect(claims.map((c) => [c.kind, c.speaker])).toEqual([["STATE", "Switzerland"]]);
  });
});

describe("coordination, noun-phrase heads and pronouns", () => {
  it("coordinated subjects: 'X and Y agreed' is a claim by each", () => {
    const { claims } = run("Kenya and Uganda agreed to reopen the border crossing at Busia.");
    expect(claims.map((c) => [c.kind, c.speaker]).sort()).toEqual([["AGREE", "Kenya"], ["AGREE", "Uganda"]]);
    expect(claims.find((c) => c.speaker === "Kenya")!.evidence.rule).toContain("coordinated");
  });

  it("coordinated subjects of an event are all agents", () => {
    const { events } = run("Chile and Argentina signed a border treaty in Santiago.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "SUPPORT" });
    expect(events[0].who).toEqual(["AGENT:Chile", "AGENT:Argentina"]);
  });

  it("a modifier PP does not steal the subject: 'Rebels in northern Mali rejected ...'", () => {
    const { claims } = run("Rebels in the Sahel region of Mali flatly rejected the peace plan.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "REJECT", speaker: "rebels" });
    expect(claims[0].evidence.rule).toContain("pp-head");
  });

  it("'they' resolves to the group that is the subject", () => {
    const { events } = run("Somali militants said they had ambushed a government convoy.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "ASSAULT" });
    expect(events[0].who).toEqual(["AGENT:Somali militants"]);
  });

  it("a trailing attribution is not part of the content: no target 'Norwegian officials'", () => {
    const { claims } = run("Norway agreed to host the next round of talks, a Norwegian official said.");
    expect(claims.find((c) => c.kind === "AGREE")).toMatchObject({ speaker: "Norway", targets: [] });
  });
});

describe("PLOVER frames", () => {
  it("promised help is AGREE (intent), aimed at the recipient", () => {
    const { events } = run("Japan will provide emergency food aid to Nepal.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "AGREE", status: "ANNOUNCED" });
    expect(events[0].who).toEqual(["AGENT:Japan", "TARGET:Nepal"]);
    expect(events[0].evidence.rule).toBe("event.verb.aid.intent");
  });

  it("readiness for force, or force on a condition, is THREATEN", () => {
    const a = run("Ghana will withdraw its troops from Togo unless the talks resume.");
    expect(a.events).toHaveLength(1);
    expect(a.events[0]).toMatchObject({ kind: "THREATEN" });
    expect(a.events[0].who).toEqual(["AGENT:Ghana", "TARGET:Togo"]);
    const b = run("The militants vowed to attack the capital.");
    expect(b.claims[0]).toMatchObject({ kind: "THREATEN", speaker: "militants" });
  });

  it("'X said Y must ...' is a REQUEST aimed at Y", () => {
    const { claims } = run("Sweden said that Hungary must release the detained activists.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "REQUEST", speaker: "Sweden", targets: ["Hungary"] });
    expect(claims[0].evidence.rule).toBe("claim.request.obligation");
  });

  it("an object's nationality is the target: 'rejected a Chilean proposal'", () => {
    const { claims, r } = run("Peru rejected a Chilean proposal on fishing quotas.");
    expect(claims[0]).toMatchObject({ kind: "REJECT", speaker: "Peru", targets: ["Chile"] });
    expect(r.mentions.some((m) => m.text === "Chilean")).toBe(true);
  });

  it("opening an investigation is ACCUSE (PLOVER 2021 merges INVESTIGATE)", () => {
    const { events } = run("Italian police opened an investigation into the smuggling network.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "ACCUSE", status: "OCCURRED" });
    expect(events[0].who).toEqual(["AGENT:Italian police"]);
    expect(events[0].evidence.rule).toBe("event.noun.accuse");
  });

  it("an act with no counterpart is aimed at its place", () => {
    const { events } = run("Indian authorities imposed a curfew in Srinagar on Monday.");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "COERCE" });
    expect(events[0].who).toEqual(["AGENT:India", "TARGET:Srinagar"]);
  });

  it("obligations and conditions are not acts: 'must agree', 'unless X accepted'", () => {
    const { claims, events } = run("Germany said Serbia must cooperate with the court. Iran threatened to strike unless Iraq accepted its terms.");
    expect(claims.map((c) => [c.kind, c.speaker])).toEqual([["REQUEST", "Germany"], ["THREATEN", "Iran"]]);
    expect(events).toEqual([]);
  });

  it("a refused concession is REJECT: 'would not release'", () => {
    const { events, claims } = run("Belarus said it would not release the political prisoners.");
    expect(claims.filter((c) => c.kind !== "STATE")).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "REJECT" });
    expect(events[0].evidence.rule).toBe("event.verb.concede.refusal");
  });

  it("what a claim answers is not a second event: 'rejected Serbia's demand'", () => {
    const { claims, events } = run("Kosovo rejected Serbia's demand for new elections.");
    expect(claims.map((c) => [c.kind, c.speaker, c.targets])).toEqual([["REJECT", "Kosovo", ["Serbia"]]]);
    expect(events).toEqual([]);
  });

  it("an organisation modifying the subject's head noun acts: 'The ASEAN forum agreed'", () => {
    const { claims } = run("The Association of Southeast Asian Nations (ASEAN) forum has agreed to set up a disaster centre in Jakarta.");
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ kind: "AGREE", speaker: "Association of Southeast Asian Nations", targets: ["Indonesia"] });
    expect(claims[0].evidence.rule).toContain("modifier");
  });

  it("a reduced relative ('demonstrators protesting ...') after an object is not a new event", () => {
    const { events } = run("Kenyan police used tear gas to disperse students protesting tuition fees.");
    expect(events.map((e) => e.kind)).not.toContain("PROTEST");
  });
});


describe("event constructions (round 2)", () => {
  const kinds = (events: ReturnType<typeof run>["events"]) => events.map((e) => `${e.kind} ${e.who.join(" ")}`);

  it("a past tense after a proper-noun subject is the main verb: 'X met with Y'", () => {
    const { events } = run("Chancellor Angela Merkel met with French President Emmanuel Macron on Monday.");
    expect(kinds(events)).toEqual(["CONSULT AGENT:Angela Merkel TARGET:Emmanuel Macron"]);
  });

  it("a participle after a noun is still a reduced relative when the clause has a verb after it", () => {
    const { events } = run("Peacekeepers deployed in the region have left.");
    expect(events).toHaveLength(0);
  });

  it("RETREAT 'pulled out of X' takes X as target", () => {
    const { events } = run("Russian troops pulled out of Georgia.");
    expect(kinds(events)).toEqual(["RETREAT AGENT:Russian troops TARGET:Georgia"]);
  });

  it("a hostile act's 'against X' a few words on names the target: 'mobilized reservists for a war against X'", () => {
    const { events } = run("Britain mobilized army reservists for a possible war against Iraq on Tuesday.");
    expect(kinds(events)).toEqual(["MOBILIZE AGENT:United Kingdom TARGET:Iraq"]);
  });

  it("AID 'provided X with Y': the direct object receives", () => {
    const { events } = run("Japan provided Haiti with food.");
    expect(kinds(events)).toEqual(["AID AGENT:Japan TARGET:Haiti"]);
  });

  it("ACCUSE 'an inquiry into abuses carried out by X' targets X", () => {
    const { events } = run("The UN opened an inquiry into abuses carried out by Ethiopian troops.");
    expect(kinds(events)).toEqual(["ACCUSE AGENT:UN TARGET:Ethiopian troops"]);
  });

  it("a participle chain with bare numbers inherits the target: ', killing one and arresting 12'", () => {
    const { events } = run("Police opened fire on demonstrators, killing one and arresting 12.");
    expect(kinds(events)).toEqual(["ASSAULT AGENT:police TARGET:demonstrators", "COERCE AGENT:police TARGET:demonstrators"]);
  });

  it("an unnamed crowd as the subject of a protest verb: 'Thousands marched ... against X'", () => {
    const { events } = run("Thousands marched in Caracas against President Nicolas Maduro.");
    expect(kinds(events)).toEqual(["PROTEST AGENT:protesters TARGET:Nicolas Maduro"]);
  });

  it("an unnamed crowd's protest folds into the named protesters' protest in the same sentence", () => {
    const { events } = run("Chilean students rioted after a demonstration calling for the resignation of President Sebastian Pinera.");
    expect(kinds(events)).toEqual(["PROTEST AGENT:Chilean students TARGET:Sebastian Pinera"]);
  });

  it("a threatened blockade targets the place blockaded", () => {
    const { events } = run("Greek farmers said they would blockade Athens.");
    expect(kinds(events)).toEqual(["THREATEN AGENT:Greek farmers TARGET:Greece"]);
  });

  it("martial law imposed at home targets the government's own country", () => {
    const { events } = run("Thailand imposed martial law in Bangkok.");
    expect(kinds(events)).toEqual(["COERCE AGENT:Thailand TARGET:Thailand"]);
  });

  it("inflected light verbs pass their subject to the nominal trigger: 'staged rallies against X'", () => {
    const { events } = run("Activists from the Labour Party staged rallies against Prime Minister Boris Johnson.");
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe("PROTEST");
    expect(events[0].who).toContain("TARGET:Boris Johnson");
    expect(events[0].who.some((w) => w.startsWith("AGENT:") && w !== "AGENT:protesters")).toBe(true);
  });

  it("'security forces' is an actor, and a nationality behind 'scores of' is the target", () => {
    const { events } = run("Security forces in Mali have tortured scores of Nigerien migrants.");
    expect(events).toHaveLength(1);
    expect(events[0].who[0]).toMatch(/^AGENT:.*security forces$/i);
    expect(events[0].who).toContain("TARGET:Nigerien immigrants");
  });

  it("'received' / 'hosted' are a meeting only with a direct actor object", () => {
    expect(run("The mayor received his degree in Boston.").events).toHaveLength(0);
    expect(kinds(run("Brazil hosted Indian Prime Minister Narendra Modi.").events)).toEqual(["CONSULT AGENT:Brazil TARGET:Narendra Modi"]);
  });

  it("'demonstrate' / 'rally' with a direct object are no protest", () => {
    expect(run("These reforms demonstrate how President Lula governs.").events).toHaveLength(0);
    expect(run("He has rallied the world to support Moldova.").events).toHaveLength(0);
    expect(run("Students demonstrated against the Serbian government on Sunday.").events.map((e) => e.kind)).toEqual(["PROTEST"]);
  });

  it("'host a meeting between X and Y' is a meeting with both sides", () => {
    const { events } = run("Norway hosted a meeting between Colombia and Venezuela.");
    expect(events).toHaveLength(1);
    expect(events[0].kind).toBe("CONSULT");
    expect(events[0].who).toEqual(expect.arrayContaining(["AGENT:Norway", "TARGET:Colombia", "TARGET:Venezuela"]));
  });

  it("a plain negated cooperative fact is no refusal; a negated promise is", () => {
    expect(run("Lula had not met Bolsonaro.").events).toHaveLength(0);
    const { events } = run("Brazil said it would not meet the demands of Argentina.");
    expect(events.map((e) => e.kind)).toEqual(["REJECT"]);
  });
});

describe("round 3: the rest of the CAMEO verb classes, and names the gazetteer lacks", () => {
  it("a phrasal refusal counts only with its particle: 'ruled out' is REJECT, 'ruled that' is not", () => {
    expect(run("Iran ruled out talks with the United States.").claims.map((c) => `${c.kind} ${c.speaker}`)).toEqual(["REJECT Iran"]);
    expect(run("Iran ruled that talks with the United States were over.").claims.filter((c) => c.kind === "REJECT")).toEqual([]);
  });

  it("'lashed out at Y' is an accusation against Y", () => {
    const { claims } = run("Opposition leader Juan Guaido lashed out at President Nicolas Maduro.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["ACCUSE Juan Guaido -> Nicolas Maduro"]);
  });

  it("praise verbs beyond 'praise': 'congratulated Y' is SUPPORT", () => {
    const { claims } = run("President Emmanuel Macron congratulated Joe Biden on his victory.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["SUPPORT Emmanuel Macron -> Joe Biden"]);
  });

  it("a noun governed by its verb: 'lodged a protest with Y' is ACCUSE, not a street protest", () => {
    const { events } = run("China lodged a formal protest with Japan over the visit.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ACCUSE AGENT:China TARGET:Japan"]);
    expect(events[0].evidence.rule).toBe("event.noun.accuse");
  });

  it("'reached a deal with Y' is AGREE; the same noun without the verb is not", () => {
    expect(run("Kenya reached a deal with Somalia on the border.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["AGREE AGENT:Kenya TARGET:Somalia"]);
    expect(run("Kenya discussed a deal with Somalia on the border.").events.filter((e) => e.kind === "AGREE")).toEqual([]);
  });

  it("'X claimed responsibility for the attack' makes X the attacker", () => {
    const { events, r } = run("The Houthi movement claimed responsibility for the attacks.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:Houthi movement"]);
    expect(actor(r, "Houthi movement")?.kind).toBe("ORGANIZATION");
  });

  it("a nominal attack names its agent in a participle ('carried out by X') or as a modifier ('an Al-Qaeda attack')", () => {
    expect(run("Dozens died in the attack, reportedly conducted by the Taliban.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:Taliban"]);
    expect(run("In 2006, the refinery was the target of an Al-Qaeda suicide attack.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:Al-Qaeda"]);
  });

  it("'the Taliban', 'Hamas': unknown names that act become actors; a name modifying a noun does not", () => {
    const t = run("The Taliban met on Monday with Zalmay Khalilzad in Qatar.");
    expect(t.events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["CONSULT AGENT:Taliban TARGET:Zalmay Khalilzad"]);
    expect(actor(t.r, "Taliban")?.kind).toBe("ORGANIZATION");
    expect(run("Hamas fired rockets at Israel.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:Hamas TARGET:Israel"]);
    expect(run("Three soldiers were killed by Islamist militants.").events[0].who).toEqual(["AGENT:militants", "TARGET:soldiers"]);
  });

  it("a national body named by its acronym: 'the Belarusian KGB' is an organisation of Belarus", () => {
    const { events, r } = run("The Belarusian KGB arrested 33 Russian contractors.");
    expect(actor(r, "Belarusian KGB")).toMatchObject({ kind: "ORGANIZATION", country: "BLR" });
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["COERCE AGENT:Belarusian KGB TARGET:Russia"]);
  });

  it("clashes 'in front of parliament with the police': every side is an agent", () => {
    const { events } = run("The protesters clashed in front of parliament with the police.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:protesters AGENT:police"]);
  });

  it("an intention verb before the act: 'planning to visit Y' is AGREE, 'plans to impose' a threat; a noun 'offer to' is someone else's", () => {
    expect(run("Widodo was planning to visit Wiranto in hospital.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["AGREE AGENT:Widodo TARGET:Wiranto"]);
    expect(run("Greece plans to impose restrictions on Turkish imports.").events.map((e) => e.kind)).toEqual(["THREATEN"]);
    expect(run("Yasser Arafat rejected a US offer to host a summit.").events.filter((e) => e.kind === "AGREE")).toEqual([]);
  });

  it("a country name modifying a group: 'United States military forces' is a group of the United States", () => {
    const { events, r } = run("On Thursday, United States military forces killed Qasem Soleimani in an airstrike.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:American forces TARGET:Qasem Soleimani"]);
    expect(actor(r, "American forces")).toMatchObject({ kind: "GROUP", country: "USA" });
  });

  it("'X, fiancée of Y, addressed reporters, calling for ...': the participle belongs to X, not to the apposition", () => {
    const { claims } = run("Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed reporters in New York, calling for his killers to be brought to justice.");
    expect(claims.map((c) => `${c.kind} ${c.speaker}`)).toEqual(["REQUEST Hatice Cengiz"]);
  });

  it("names that open with a demonym or end in an organisation word are organisations ('Turkish Airlines', 'Quds Force')", () => {
    const { r } = run("Turkish Airlines cancelled flights after the Quds Force threatened shipping.");
    expect(actor(r, "Turkish Airlines")).toMatchObject({ kind: "ORGANIZATION", country: "TUR" });
    expect(actor(r, "Quds Force")?.kind).toBe("ORGANIZATION");
  });

  it("'accused Y of shelling Z': the shelling is Y's act, not the accuser's; also 'Y was charged with killing Z'", () => {
    const a = run("Greece accused Turkey of shelling Cyprus.");
    expect(a.claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["ACCUSE Greece -> Turkey"]);
    expect(a.events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:Turkey TARGET:Cyprus"]);
    expect(run("Three soldiers were charged with killing two protesters.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:soldiers TARGET:protesters"]);
  });

  it("'dismissed an appeal from Y to lay down arms': Y, whose appeal it was, is the target", () => {
    const { claims } = run("The rebels dismissed an appeal from President Laurent Gbagbo to lay down their arms.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["REJECT rebels -> Laurent Gbagbo"]);
  });

  it("an inverted attribution ', said spokesperson for X' closes the clause: X is not the act's counterpart", () => {
    const { events } = run("Israel will evacuate all 21 settlements in the Gaza Strip in mid-August, said spokesperson for the Israeli prime minister.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).not.toContainEqual(expect.stringContaining("Prime Minister"));
  });

  it("the tagger's misreadings are repaired: 'police tortured/NOUN detainees', 'Human Rights Watch/VERB said/ADJ'", () => {
    const { claims, events } = run("Human Rights Watch said police tortured detainees.");
    expect(claims.map((c) => `${c.kind} ${c.speaker}`)).toEqual(["STATE Human Rights Watch"]);
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:police TARGET:prisoners"]);
    // An adjective before its noun stays one: no mobilisation in "Moslem armed forces".
    expect(run("Bosnian Croat and Moslem armed forces met in Sarajevo.").events.filter((e) => e.kind === "MOBILIZE")).toEqual([]);
  });

  it("'their forces' stand for the actor 'their' refers to; leaving a place is a retreat from it", () => {
    const { events } = run("Bosnian Serbs said their forces had completed their withdrawal from the besieged town of Gorazde.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["RETREAT AGENT:Bosnian Serbs TARGET:Gorazde"]);
  });

  it("'the town of X' is a place even when the name is unknown", () => {
    const { r } = run("Militants attacked the town of Qaryatain on Monday.");
    expect(actor(r, "Qaryatain")?.kind).toBe("LOCATION");
  });

  it("a group noun after an organisation is that organisation's people: 'U.N. helicopters evacuated the wounded from X' (AID to X)", () => {
    const { events, r } = run("U.N. helicopters evacuated the wounded from the besieged town of Gorazde on Friday.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["AID AGENT:U.N. helicopters TARGET:Gorazde"]);
    expect(actor(r, "U.N. helicopters")?.parentKey).toBe(actor(r, "U.N.")?.key);
  });

  it("resigning has no counterpart: the place in the rest of the sentence is not its target", () => {
    const { events } = run("President Eduard Shevardnadze resigned Sunday as the opposition threatened to storm his residence in Tbilisi.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")} ${e.where ?? "-"}`)).toEqual(["RETREAT AGENT:Eduard Shevardnadze -"]);
  });

  it("conjoined nationalities share the noun: 'French and Egyptian warships' are two actors acting together, with no counterpart", () => {
    const { events } = run("French and Egyptian warships on Monday launched 10 days of war games in the Mediterranean Sea.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["COOPERATE AGENT:French warships AGENT:Egyptian warships"]);
  });

  it("'the Turkish and Greek sides of the divided island of Cyprus have agreed': the sides agree, not the island", () => {
    const { claims } = run("The Turkish and Greek sides of the divided island of Cyprus have agreed to share information.");
    expect(claims.map((c) => `${c.kind} ${c.speaker}`).sort()).toEqual(["AGREE Greece", "AGREE Türkiye"]);
  });

  it("coordinated objects are all targets: 'sentenced David and Louise Turpin', 'attacked Israel, Jordan and Egypt'", () => {
    expect(run("Judge Bernard Schwartz sentenced David and Louise Turpin to life in prison.").events[0].who).toEqual(["AGENT:Bernard Schwartz", "TARGET:David", "TARGET:Louise Turpin"]);
    expect(run("Iran attacked Israel, Jordan and Egypt.").events[0].who).toEqual(["AGENT:Iran", "TARGET:Israel", "TARGET:Jordan", "TARGET:Egypt"]);
  });

  it("a serial comma still coordinates: 'China, Iran, and Russia have pledged funds to Syria' (a pledge is an AGREE)", () => {
    const { events } = run("China, Iran, and Russia have pledged funds to Syria.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["AGREE AGENT:China AGENT:Iran AGENT:Russia TARGET:Syria"]);
  });

  it("victims named by what they were doing, and 'a woman named X'", () => {
    expect(run("On Saturday morning, a gunman shot shoppers at a Walmart store in El Paso.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:gunmen TARGET:shoppers"]);
    expect(run("Fields killed a woman named Heather Heyer.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:Fields TARGET:Heather Heyer"]);
  });

  it("word senses that are no events: 'hails from', 'roll call', 'deploy AI', 'fought for justice', 'retreated from a goal', 'withdrew its warnings'", () => {
    const none = (body: string) => {
      const { claims, events } = run(body);
      return [...claims.filter((c) => c.kind !== "STATE").map((c) => c.kind), ...events.map((e) => e.kind)];
    };
    expect(none("Senator Mark Kelly hails from Arizona.")).toEqual([]);
    expect(none("The Senate held a roll call vote on Tuesday.")).toEqual([]);
    expect(none("Microsoft will deploy AI across its products.")).toEqual([]);
    expect(none("Activists fought for justice for decades.")).toEqual([]);
    expect(none("The government retreated from a previous goal.")).toEqual([]);
    expect(none("The National Hurricane Center withdrew its tropical storm warnings.")).toEqual([]);
    // ... while the military senses still count.
    expect(run("Russia deployed troops to the border.").events.map((e) => e.kind)).toEqual(["MOBILIZE"]);
    expect(run("Rebels fought government troops in Aleppo.").events.map((e) => e.kind)).toEqual(["ASSAULT"]);
  });

  it("an investigation accuses someone named, or of wrongdoing: not 'the cause of the crash'", () => {
    expect(run("The NTSB will investigate the cause of the crash.").events).toEqual([]);
    expect(run("Prosecutors opened an investigation into corruption at the ministry.").events.map((e) => e.kind)).toEqual(["ACCUSE"]);
  });

  it("questions in the narration, and acts that were cancelled, report nothing", () => {
    expect(run("Did Red Hat meet with IBM executives?").events).toEqual([]);
    expect(run("Obama's planned trip to Warsaw, which was cancelled, drew criticism.").events).toEqual([]);
    expect(run("The opposition accused the government of fraud?").claims).toEqual([]);
  });

  it("the by-phrase after a nominal act is its agent only for agentive participles: not 'the threat posed by Iran'", () => {
    expect(run("Officials discussed the threat posed by Iran.").events.filter((e) => e.kind === "THREATEN")).toEqual([]);
    expect(run("Last week a car bombing killed five, another attack ascribed to the Taliban.").events.some((e) => e.who.includes("AGENT:Taliban"))).toBe(true);
  });

  it("documents, contractions and name suffixes never become actors: 'The Executive Order calls for'", () => {
    expect(run("The Executive Order calls for new audits of federal contractors.").claims).toEqual([]);
  });

  it("'the withdrawal of X from Y': X withdraws from Y; a demanded withdrawal has not happened", () => {
    expect(run("The withdrawal of Serbian forces from Bosnia began on Monday.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["RETREAT AGENT:Serbian forces TARGET:Bosnia and Herzegovina"]);
    const { events, claims } = run("European Community foreign ministers demanded the withdrawal of Serbian forces from Bosnia.");
    expect(events).toEqual([]);
    expect(claims.map((c) => c.kind)).toEqual(["REQUEST"]);
  });

  it("'met today in Istanbul with X': the place is stepped over and X is the counterpart", () => {
    const { events } = run("National Security Advisor Jake Sullivan met today in Istanbul with Chinese Foreign Minister Wang Yi.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["CONSULT AGENT:Jake Sullivan TARGET:Wang Yi"]);
  });

  it("'Associates of Navalny alleged': the speaker is not Navalny; 'a number of journalists' still are the journalists", () => {
    expect(run("Associates of Alexei Navalny alleged he drank poisoned tea.").claims.filter((c) => c.speaker === "Alexei Navalny")).toEqual([]);
    expect(run("A number of journalists were injured after being attacked by protesters.").events.map((e) => e.who.join(" "))).toEqual(["AGENT:protesters TARGET:journalists"]);
  });

  it("a warning of a hazard threatens no one; a warning of retaliation does", () => {
    expect(run("The National Hurricane Center warned of potential flash floods.").claims.map((c) => c.kind)).toEqual(["STATE"]);
    expect(run("Iran warned of a crushing response to any attack.").claims.map((c) => c.kind)).toEqual(["THREATEN"]);
  });

  it("a commitment's infinitive follows its verb: 'offers an opportunity to make commitments' commits no one", () => {
    expect(run("The Generation Equality Forum offers an opportunity to make bold commitments.").claims.filter((c) => c.kind === "AGREE")).toEqual([]);
    expect(run("Michael Siegel agreed to answer some questions.").claims.filter((c) => c.kind === "AGREE")).toEqual([]);
    expect(run("Norway offered to mediate between Israel and the Palestinians.").claims.map((c) => c.kind)).toEqual(["AGREE"]);
  });

  it("storms and viruses never act: 'Typhoon Phanfone killed at least 20'", () => {
    expect(run("Typhoon Phanfone made landfall on Tuesday, killing at least 20 people.").events).toEqual([]);
  });

  it("meetings read off real statements: 'spoke today with Y', 'held an introductory call with Y'", () => {
    expect(run("Vice President Kamala Harris spoke today with President Kais Saied.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["CONSULT AGENT:Kamala Harris TARGET:Kais Saied"]);
    expect(run("Jake Sullivan held an introductory call with Director Chang Hojin on January 9.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["CONSULT AGENT:Jake Sullivan TARGET:Chang Hojin"]);
  });

  it("'launched missiles targeting Y' aims at Y; 'placed X under house arrest' coerces X; a court 'struck down' rejects", () => {
    expect(run("Iran launched missiles targeting US troops in Iraqi military bases.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:Iran TARGET:American troops"]);
    expect(run("Police placed Mugabe under house arrest.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["COERCE AGENT:police TARGET:Mugabe"]);
    expect(run("The Supreme Court struck down the law.").events.map((e) => e.kind)).toEqual(["REJECT"]);
  });

  it("'declined X's offer to resign' rejects X's offer", () => {
    const { claims } = run("Ukrainian President Volodymyr Zelensky declined Prime Minister Oleksiy Honcharuk's offer to resign.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["REJECT Volodymyr Zelensky -> Oleksiy Honcharuk"]);
  });

  it("a second verb shares the first one's subject: 'labeled X a terrorist and levied sanctions against Iran'", () => {
    const { events } = run("The United States labeled Soleimani as a terrorist and levied sanctions against Iran.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["SANCTION AGENT:United States TARGET:Iran"]);
  });

  it("an object pronoun is not its own clause's subject: 'police fired tear gas at them' (them = the protesters)", () => {
    const { events } = run("Protesters marched on parliament. Police fired tear gas at them.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toContainEqual("COERCE AGENT:police TARGET:protesters");
  });

  it("a statement that judges an actor criticises or praises it: '\"Trump treats the rule of law with utter contempt,\" said X'", () => {
    const { claims } = run(`"President Donald Trump treats the rule of law with utter contempt," said California Attorney General Xavier Becerra.`);
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")} ${c.evidence.rule}`)).toEqual(["ACCUSE Xavier Becerra -> Donald Trump claim.accuse.quote.evaluative"]);
    // A negated judgement turns around; a statement with no judgement stays a statement.
    expect(run(`Senator Bernie Sanders said Joe Biden is not corrupt.`).claims.map((c) => c.kind)).toEqual(["SUPPORT"]);
    expect(run(`Senator Bernie Sanders said Joe Biden will visit Ohio.`).claims.map((c) => c.kind)).toEqual(["STATE"]);
  });

  it("agentless passives: 'killed in a US operation' (the United States), 'Police said 71 protesters were arrested' (the police)", () => {
    expect(run("Trump said Hamza bin Laden has been killed in a US counter-terrorism operation.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["ASSAULT AGENT:United States TARGET:Hamza bin Laden"]);
    expect(run("Police said at least 71 protesters were arrested Friday night.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["COERCE AGENT:police TARGET:protesters"]);
    // Someone else's report of an arrest does not make them the arresting party.
    expect(run("Amnesty International said at least 71 protesters were arrested.").events.filter((e) => e.who.includes("AGENT:Amnesty International"))).toEqual([]);
  });

  it("'joined Mexico in a new partnership' is cooperation with Mexico", () => {
    expect(run("The United States joined Mexico in a new strategic partnership to share information.").events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["COOPERATE AGENT:United States TARGET:Mexico"]);
  });

  it("protesters gathering is a protest; leaders gathering is not", () => {
    expect(run("On Friday, thousands of protesters gathered around the police headquarters.").events.map((e) => e.kind)).toEqual(["PROTEST"]);
    expect(run("World leaders gathered in Paris.").events).toEqual([]);
  });

  it("'asked Carrie Lam, who is supported by Beijing, to resign': the infinitive after a relative clause", () => {
    expect(run("Protesters had asked Carrie Lam, who is supported by Beijing, to resign.").claims.filter((c) => c.kind === "REQUEST").map((c) => `${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["protesters -> Carrie Lam"]);
  });

  it("'the President', 'the foreign minister' name the holder of that title named earlier; an accused act still happened", () => {
    const { claims, events } = run("President Joe Biden met Emmanuel Macron on Monday. The President condemned Russia's invasion of Ukraine.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["ACCUSE Joe Biden -> Russia"]);
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toContainEqual("ASSAULT AGENT:Russia TARGET:Ukraine");
    expect(run("Foreign Minister Sergei Lavrov spoke in Moscow. Later the foreign minister accused NATO of provocations.").claims.map((c) => c.speaker)).toEqual(["Sergei Lavrov"]);
    // With no holder named, the office is no actor.
    expect(run("The president accused NATO of provocations.").claims).toEqual([]);
  });

  it("a demonym before a titled name stays the person's country, not an organisation: 'Norwegian Fisheries Minister Ingrid Solberg'", () => {
    const { claims, r } = run("Norwegian Fisheries Minister Ingrid Solberg accused Iceland of overfishing.");
    expect(claims.map((c) => `${c.kind} ${c.speaker} -> ${c.targets.join(",")}`)).toEqual(["ACCUSE Ingrid Solberg -> Iceland"]);
    expect(actor(r, "Ingrid Solberg")).toMatchObject({ kind: "PERSON", country: "NOR" });
  });

  it("Arabic names with the article: 'Abu Mahdi al-Muhandis' then 'al-Muhandis' is one person; 'Al-Qaeda' is an organisation", () => {
    const { events } = run("Abu Mahdi al-Muhandis was killed. The United States had also levied individual sanctions against al-Muhandis.");
    expect(events.map((e) => `${e.kind} ${e.who.join(" ")}`)).toEqual(["SANCTION AGENT:United States TARGET:Abu Mahdi al-Muhandis"]);
    expect(actor(run("Al-Qaeda claimed responsibility for the bombing.").r, "Al-Qaeda")?.kind).toBe("ORGANIZATION");
  });
});

