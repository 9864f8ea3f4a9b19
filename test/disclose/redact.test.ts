import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PLACEHOLDERS, isValidNhsNumber, loadAllowList, redactText, type PersonalDataKind } from "../../loaders/disclose/redact.ts";
import { PipelineError } from "../../loaders/types.ts";

/** Redacts `text` and checks that exactly `raw` was found as `kind` and replaced by its placeholder. */
function expectRedacted(text: string, raw: string, kind: PersonalDataKind): void {
  const result = redactText(text);
  expect(result.text, text).not.toContain(raw);
  expect(result.text, text).toContain(PLACEHOLDERS[kind]);
  expect(
    result.findings.filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end)),
    text,
  ).toContain(raw);
}

function expectUntouched(text: string): void {
  const result = redactText(text);
  expect(result.text, text).toBe(text);
  expect(result.findings, text).toEqual([]);
}

describe("redactText: e-mail addresses", () => {
  it.each([
    ["Email me at jane.doe@example.com please", "jane.doe@example.com"],
    ["JANE_DOE99@HOTMAIL.CO.UK is my address", "JANE_DOE99@HOTMAIL.CO.UK"],
    ["contact: j.o'neill+recovery@mail.example.org.", "j.o'neill+recovery@mail.example.org"],
    ["reach me on sam.smith @ gmail.com", "sam.smith @ gmail.com"],
    ["(mo.khan@nhs.net)", "mo.khan@nhs.net"],
    ["write to zoë@example.co.uk", "zoë@example.co.uk"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "email"));

  it.each([
    ["my email is jane dot doe at gmail dot com", "jane dot doe at gmail dot com"],
    ["jane[at]example[dot]org", "jane[at]example[dot]org"],
    ["write to jane (at) example (dot) co (dot) uk", "jane (at) example (dot) co (dot) uk"],
    ["j.doe at hotmail if you want", "j.doe at hotmail"],
    ["mail jdoe(at)example.com today", "jdoe(at)example.com"],
  ])("spelled out: %s", (text, raw) => expectRedacted(text, raw, "email"));

  it("does not take 'at' in a sentence for an address", () => {
    expectUntouched("We met at the hall and I was working at Sky for a while.");
    expectUntouched("I'm at home most days.");
  });
});

describe("redactText: web addresses", () => {
  it.each([
    ["see https://example.com/jane?id=42 for it", "https://example.com/jane?id=42"],
    ["my page http://facebook.com/jane.doe.75!", "http://facebook.com/jane.doe.75"],
    ["go to www.myblog.co.uk/about, it's me", "www.myblog.co.uk/about"],
    ["link bit.ly/3xYz9 here", "bit.ly/3xYz9"],
    ["I write at janedoe.me", "janedoe.me"],
    ["jane at example.com", "example.com"],
    ["<a href=\"javascript:alert(document.cookie)\">x</a>", "javascript:alert(document.cookie)"],
    ["JavaScript:void(0)", "JavaScript:void(0)"],
    ["javascript:alert('hi')", "javascript:alert('hi')"],
    ["find me on recovery-stories.org.uk", "recovery-stories.org.uk"],
    ["my site is jane dot com", "jane dot com"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "url"));

  it("keeps a closing bracket that belongs to the address and drops one that closes the sentence", () => {
    expect(redactText("(see www.example.com/a_(b))").text).toBe("(see [url])");
  });

  it("does not take a missing space after a full stop for an address", () => {
    expectUntouched("I was clean.Me and my mum talk again.");
    expectUntouched("e.g. the report.pdf file, i.e. this one");
  });
});

describe("redactText: IP addresses", () => {
  it.each([
    ["logged from 192.168.0.1 yesterday", "192.168.0.1"],
    ["IP 8.8.8.8.", "8.8.8.8"],
    ["address 10.0.255.254", "10.0.255.254"],
    ["v6 fe80::1ff:fe23:4567:890a here", "fe80::1ff:fe23:4567:890a"],
    ["2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"],
    ["loopback ::1 and 2001:db8::", "2001:db8::"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "ip-address"));

  it("leaves times, version-like numbers and scores", () => {
    expectUntouched("at 10:30:45 and 9:05, version 1.2.3");
    expectUntouched("scores 256.1.1.1 are not addresses");
  });
});

describe("redactText: phone numbers", () => {
  it.each([
    ["call 07700 900123 anytime", "07700 900123"],
    ["07700900123", "07700900123"],
    ["mobile 07700-900-123.", "07700-900-123"],
    ["ring +44 7700 900123", "+44 7700 900123"],
    ["or +44 (0)20 7946 0958", "+44 (0)20 7946 0958"],
    ["0044 7700 900 123 from abroad", "0044 7700 900 123"],
    ["landline (0161) 496 0000", "(0161) 496 0000"],
    ["tel 0113 496 0123 asap", "0113 496 0123"],
    ["freephone 0800 123 4567", "0800 123 4567"],
    ["my cousin in the US is +1 202-555-0143", "+1 202-555-0143"],
    ["Irish number +353 85 123 4567", "+353 85 123 4567"],
    ["at 12:30 07700 900456", "07700 900456"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "phone"));

  it("keeps numbers in a comma-separated list apart", () => {
    const result = redactText("07700 900123, 07700900124, +44 7700 900125");
    expect(result.text).toBe("[phone], [phone], [phone]");
  });
});

describe("redactText: NHS numbers", () => {
  it.each(["4010232137", "943 476 5919", "943-476-5919", "450 557 7104", "4857773457", "320 123 4567"])(
    "redacts %s, which passes the modulus-11 check",
    (nhs) => {
      expect(isValidNhsNumber(nhs.replace(/\D/g, ""))).toBe(true);
      expectRedacted(`My NHS number is ${nhs}.`, nhs, "nhs-number");
    },
  );

  it.each(["4010232138", "943 476 5910", "1234567890"])("leaves %s, which fails the check, and asks for review", (digits) => {
    expect(isValidNhsNumber(digits.replace(/\D/g, ""))).toBe(false);
    const result = redactText(`number ${digits} here`);
    expect(result.text).toBe(`number ${digits} here`);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe("review");
    expect(result.reasons[0]).toMatch(/^digit-run: /);
  });

  it("lets the phone rule take a ten-digit number that is dialled", () => {
    const result = redactText("ring 0800 123 4567");
    expect(result.findings.map((f) => f.kind)).toEqual(["phone"]);
  });

  it("checks the modulus-11 rule exactly", () => {
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    // Check digit would be 10: never valid.
    expect(["0000000010", "1000000010"].some((n) => isValidNhsNumber(n))).toBe(false);
  });
});

describe("redactText: National Insurance numbers", () => {
  it.each([
    "AB123456C",
    "AB 12 34 56 C",
    "ab123456c",
    "JG 103759 A",
    "ZR-12-34-56-D",
    "OA123456B",
    "CE 654321 A",
  ])("redacts %s", (ni) => expectRedacted(`NI number: ${ni}.`, ni, "ni-number"));

  it.each([
    ["a D as first letter", "DA123456A"],
    ["an F", "FA123456A"],
    ["an I", "AI123456A"],
    ["a Q", "QQ123456C"],
    ["a U", "UA123456A"],
    ["a V", "AV123456A"],
    ["an O as second letter", "AO123456B"],
    ["the prefix BG", "BG123456A"],
    ["the prefix GB", "GB123456A"],
    ["the prefix KN", "KN123456A"],
    ["the prefix NK", "NK123456A"],
    ["the prefix NT", "NT123456A"],
    ["the prefix TN", "TN 12 34 56 A"],
    ["the prefix ZZ", "ZZ123456A"],
    ["a suffix after D", "AB123456E"],
  ])("leaves a number with %s", (_, text) => {
    expectUntouched(`ref ${text} ok`);
  });

  it("asks for review of a valid prefix and six digits without the letter", () => {
    const result = redactText("my NI is AB123456");
    expect(result.status).toBe("review");
    expect(result.reasons[0]).toMatch(/^possible-ni-number: /);
  });
});

describe("redactText: postcodes", () => {
  it.each([
    ["I live at SW1A 1AA now", "SW1A 1AA"],
    ["postcode m1 1ae", "m1 1ae"],
    ["B33 8TH.", "B33 8TH"],
    ["flat in CR2 6XH", "CR2 6XH"],
    ["EC1A1BB", "EC1A1BB"],
    ["Belfast BT7 1NN", "BT7 1NN"],
    ["LS1  4AP", "LS1  4AP"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "postcode"));

  it("leaves what has a postcode's shape but no real area", () => {
    expectUntouched("in wk3 4th gear");
  });

  it("asks for review of an outward code after a place word", () => {
    const result = redactText("she lives in SW1A with her kids");
    expect(result.findings).toEqual([]);
    expect(result.status).toBe("review");
    expect(result.reasons).toEqual([expect.stringMatching(/^outward-code: "SW1A"/)]);
  });

  it("does not doubt roads and lower-case words", () => {
    expect(redactText("stuck on the M1 again").status).toBe("publish");
    expect(redactText("in a1 condition").status).toBe("publish");
  });
});

describe("redactText: names", () => {
  it.each([
    ["Sarah helped me more than anyone.", "Sarah"],
    ["I met Mohammed at the café", "Mohammed"],
    ["My keyworker Dave Smith was brilliant", "Dave Smith"],
    ["my name is Xanthe and I'm in recovery", "Xanthe"],
    ["her name is zoe", "zoe"],
    ["I'm Tamsin, 34, from Leeds", "Tamsin"],
    ["a lady called Bernadette ran it", "Bernadette"],
    ["a bloke named Tel ran it", "Tel"],
    ["Mrs Okonkwo was kind", "Okonkwo"],
    ["Dr. Patel listened", "Patel"],
    ["Nurse Joy was lovely", "Joy"],
    ["my support worker, Kelechi, rang", "Kelechi"],
    ["Thanks Grace!", "Grace"],
    ["I'm Grace and this is my story", "Grace"],
    ["Jo from Recovery Connections came", "Jo"],
    ["Grace from the café", "Grace"],
    ["then Hope said I could do it", "Hope"],
    ["Siân and Seán came", "Siân"],
    ["Mary-Jane was there", "Mary-Jane"],
    ["Hope Williams was my mentor", "Hope Williams"],
    ["Sarah's mum came too", "Sarah"],
    ["Chloé came too", "Chloé"],
    ["JOHN SMITH was there", "JOHN SMITH"],
    ["Fr. Murphy heard me out", "Murphy"],
  ])("%s", (text, raw) => expectRedacted(text, raw, "name"));

  it("redacts a given name with its surname as one placeholder", () => {
    expect(redactText("I saw Sarah Jones-Smith today").text).toBe("I saw [name] today");
    expect(redactText("Mary Ann Okafor helped").text).toBe("[name] helped");
  });

  it("keeps a possessive outside the placeholder", () => {
    expect(redactText("Sarah's group").text).toBe("[name]'s group");
  });

  it("redacts every mention of a word once context shows it is a name", () => {
    const result = redactText("My daughter Hope is 5. Hope loves school.");
    expect(result.text).toBe("My daughter [name] is 5. [name] loves school.");
    expect(result.status).toBe("publish");
  });

  it("redacts names known to be in the export, whole and in parts", () => {
    const names = new Set(["Ngozi Eze", "Tel"]);
    expect(redactText("Ngozi Eze and Tel came; Eze stayed.", { names }).text).toBe("[name] and [name] came; [name] stayed.");
  });

  it("does not redact a known surname that is an everyday word in lower case", () => {
    const names = new Set(["Wood"]);
    expect(redactText("we walked in the wood with Wood", { names }).text).toBe("we walked in the wood with [name]");
  });

  it.each([
    "Hope is what keeps me going.",
    "I have hope now.",
    "Connectedness, Hope, Identity, Meaning and Empowerment",
    "The grace period ended in March.",
    "Café Hope and Hope House are great, and Hope Street too.",
    "Will you come? I will.",
    "May was a hard month; in June it got better.",
    "I'm Muslim and British.",
    "a group called Breaking Free",
    "a feeling called hope",
    "We meet at Elizabeth House near St Helens.",
    "There were amber warnings and a rose garden.",
    "Grant funding was cut. Dawn is my favourite time. Faith keeps me going.",
    "The Serenity Prayer hangs above my bed.",
    "Grace Period",
  ])("leaves everyday words alone: %s", (text) => {
    const result = redactText(text);
    expect(result.text).toBe(text);
    expect(result.status).toBe("publish");
  });
});

describe("redactText: review", () => {
  it("asks for review of a word-name capitalised mid-sentence", () => {
    const result = redactText("I went along with my mate and Grace to the meeting.");
    expect(result.text).toBe("I went along with my mate and Grace to the meeting.");
    expect(result.status).toBe("review");
    expect(result.reasons).toEqual([`ambiguous-name: "Grace" may be a person's name or an everyday word`]);
  });

  it.each([
    ["I went to see Tamsin about it", "possible-name"],
    ["I moved in with Zeb last year", "possible-name"],
    ["I moved in with Grace last year", "ambiguous-name"],
    ["follow @jane_doe for updates", "handle"],
    ["my client number is 12345678", "digit-run"],
    ["Grace Adebisi was there", "ambiguous-name"],
    ["Jack went to rehab with me", "ambiguous-name"],
    ["I found Joy in small things", "ambiguous-name"],
    ["I'm Grateful and I'm Proud", "possible-name"],
    ["Thanks Everyone and thanks Zeb", "possible-name"],
    ["Sarah, Jo and Zeb came along", "possible-name"],
  ])("%s", (text, code) => {
    const result = redactText(text);
    expect(result.status).toBe("review");
    expect(result.reasons.map((r) => r.split(":")[0])).toContain(code);
  });

  it("lets reviewed phrases through", () => {
    const allow = new Set(["with Grace", "12345678"]);
    const result = redactText("I went along with Grace, ref 12345678, call 07700 900123", { allow });
    expect(result.text).toBe("I went along with Grace, ref 12345678, call [phone]");
    expect(result.status).toBe("publish");
  });

  it("lets a whole reviewed text through", () => {
    const text = "Thanks to Samaritans on 116 123 and Hope House.";
    expect(redactText(text, { allow: new Set([text]) })).toEqual({ text, findings: [], status: "publish", reasons: [] });
  });

  it("publishes ordinary text with no findings", () => {
    expect(redactText("The peer support group helped me feel connected again.")).toEqual({
      text: "The peer support group helped me feel connected again.",
      findings: [],
      status: "publish",
      reasons: [],
    });
  });
});

describe("redactText: things that are not personal data", () => {
  it.each([
    "In 2024 we supported 1,000 people, up from 850 in 2019.",
    "BARC-10 score went from 22 to 48 (out of 60).",
    "It cost £1,000 or £12.50 a week.",
    "Next meeting 01/02/2024 at 10:30, or 2024-02-01T10:30.",
    "Between 2019 2020 and 2023-2024 things changed.",
    "Open 9am-5pm, 7 days; aged 18-24; 3/4 of members.",
    "Step 4 of the 12 steps, chapter 5.",
  ])("%s", (text) => {
    const result = redactText(text);
    expect(result.text).toBe(text);
    expect(result.status).toBe("publish");
  });

  it("leaves HTML and script payloads to the site's escaping, without crashing", () => {
    const text = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    expect(redactText(text).text).toBe(text);
  });

  it("copes with empty, odd and very long text", () => {
    expect(redactText("").text).toBe("");
    expect(redactText("\u0000\uFFFF\uD800 @ . : ").findings).toEqual([]);
    const long = "Recovery is possible. ".repeat(5000);
    expect(redactText(long).text).toBe(long);
  });
});

describe("redactText: output guarantees", () => {
  const mixed =
    "I'm Tamsin (tamsin.b@example.com, 07700 900123). NHS 943 476 5919, NI AB 12 34 56 C, " +
    "postcode LS1 4AP, see www.example.org or 192.168.1.20. My keyworker Dave said hi.";

  it("replaces everything with non-overlapping placeholders and keeps the rest", () => {
    const result = redactText(mixed);
    expect(result.text).toBe(
      "I'm [name] ([email], [phone]). NHS [NHS number], NI [NI number], postcode [postcode], see [url] or [IP address]. My keyworker [name] said hi.",
    );
    for (let i = 1; i < result.findings.length; i++) {
      expect(result.findings[i]!.start).toBeGreaterThanOrEqual(result.findings[i - 1]!.end);
    }
    for (const raw of ["Tamsin", "tamsin.b", "900123", "5919", "34 56", "LS1", "example.org", "192.168", "Dave"]) {
      expect(result.text).not.toContain(raw);
    }
  });

  it("gives offsets into the input", () => {
    const result = redactText(mixed);
    expect(result.findings.map((f) => mixed.slice(f.start, f.end))).toEqual([
      "Tamsin",
      "tamsin.b@example.com",
      "07700 900123",
      "943 476 5919",
      "AB 12 34 56 C",
      "LS1 4AP",
      "www.example.org",
      "192.168.1.20",
      "Dave",
    ]);
  });

  it("is pure: the same input gives the same output", () => {
    expect(redactText(mixed)).toEqual(redactText(mixed));
  });

});

describe("loadAllowList", () => {
  const dir = mkdtempSync(join(tmpdir(), "lero-allow-"));

  it("reads the phrases of a JSON object", () => {
    const file = join(dir, "allow.json");
    writeFileSync(file, JSON.stringify({ "Hope House": "a café, not a person", "with Grace": "a hymn" }));
    expect([...loadAllowList(file)]).toEqual(["Hope House", "with Grace"]);
  });

  it("is empty when the file does not exist", () => {
    expect(loadAllowList(join(dir, "missing.json")).size).toBe(0);
  });

  it.each([
    ["not JSON", "{", /is not valid JSON/],
    ["an array", "[]", /must be a JSON object/],
    ["a phrase without a reason", '{"Hope House": ""}', /gives no reason for "Hope House"/],
  ])("refuses %s with a format-error", (_, content, message) => {
    const file = join(dir, "bad.json");
    writeFileSync(file, content);
    expect(() => loadAllowList(file)).toThrow(PipelineError);
    expect(() => loadAllowList(file)).toThrow(message);
    try {
      loadAllowList(file);
    } catch (error) {
      expect((error as PipelineError).code).toBe("format-error");
    }
  });
});
