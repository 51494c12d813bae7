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
