/**
 * Free text for the sample, written for this project. Quotes are invented, first-person and ordinary;
 * none is copied from anywhere. The traps hold fake personal data only (example.org addresses, Ofcom
 * drama phone numbers, well-known public postcodes, the NHS's published test number).
 */

/** How each setting reads inside a sentence. */
export const SETTING_PHRASE: Record<string, string> = {
  GP: "the GP surgery",
  "Mental health service": "the mental health team",
  "Hospital or A&E": "A&E",
  Pharmacy: "the pharmacy",
  Dentist: "the dentist",
  Police: "the police",
  "Housing service": "the housing office",
  "Job centre or employment service": "the job centre",
};

export const STIGMA_QUOTES: readonly string[] = [
  "As soon as my history came up on the screen, the way {s} spoke to me changed.",
  "I sat for hours and nobody checked on me once they knew why I was there.",
  "I don't mention my past at {s} any more. It isn't worth the look I get.",
  "I was treated like I was after something when I was genuinely in pain.",
  "Eleven years in recovery and I still feel like I have to prove myself at {s}.",
  "When a peer worker came with me, the whole conversation was different.",
  "I put off going to {s} for months because of how it went the last time.",
  "They talked about me to a colleague as if I wasn't in the room.",
  "I was told to come back when I had sorted myself out.",
  "The receptionist at {s} remembered my name and it made all the difference.",
  "I felt like a case number, not a person.",
  "They were more interested in my history than in what was wrong that day.",
  "It took a lot of courage to go to {s}, and this time I was glad I did.",
  "I was asked in front of a full waiting room whether I was still using.",
  "Nobody explained anything. They just assumed I wouldn't follow it.",
  "Honestly, {s} were brilliant with me. No judgement at all.",
  "My son was struggling and staff looked at me as if it was my fault.",
  "As a worker I see people turned away before they get through the door.",
  "I left without the help I went for and felt worse about myself.",
  "They made me feel I was wasting their time.",
  "Someone finally asked me what I needed instead of telling me.",
  "Being served at a different counter from everyone else at {s} is humiliating.",
  "My mum came with me to {s} and they spoke to her instead of me.",
  "I was open about my recovery and they thanked me for telling them.",
];

export const FEEDBACK: readonly string[] = [
  "I never thought someone like me could do research. I've now done three interviews for our LERO.",
  "Practising interviews with each other took the fear out of it for me.",
  "More time on analysis please, it went too quickly for me.",
  "Doing it online meant I could fit it round the school run.",
  "The trainers had lived experience themselves and that mattered a lot.",
  "A follow-up session once we've done our fieldwork would really help.",
  "The ethics day made me think hard about how we look after people's stories.",
  "The connection kept dropping on a couple of the online days.",
  "It has given me the confidence to speak up at our board meetings.",
  "Handouts in larger print would help next time.",
  "Best thing I've done since coming into recovery.",
  "Mixing people from different LEROs was great, I learned loads from the others.",
  "Some of the words were new to me but everyone was patient.",
];

export const INNOVATIONS: readonly string[] = [
  "We started a Saturday recovery breakfast run by volunteers. It now draws people who never came to weekday groups.",
  "A walking group that doubles as a litter pick, run with the local parks team.",
  "Peer navigators meet people on the day they leave hospital and walk with them to their first group.",
  "We trained six members as peer researchers to find out why people stop coming.",
  "An online evening group for parents who cannot get to daytime sessions.",
  "A social enterprise café that gives members paid shifts and a reference.",
  "Members designed a short feedback card to replace our long questionnaire.",
  "Naloxone training at every community event, delivered by members with lived experience.",
  "A family drop-in where children have their own activities while parents get support.",
  "A recovery allotment whose produce is cooked and shared at the café.",
  "Members meet people at the gate on release from the local prison.",
  "A monthly recovery-friendly gig night with no alcohol on sale.",
];

export const NOTES: readonly string[] = [
  "Our values were written by members at an away day and are read out at the start of each meeting.",
  "Every new volunteer shadows an experienced one for a month before leading a group.",
  "We keep a simple attendance log, with consent, and review it each quarter.",
  "Members sit on the interview panel for every paid role.",
  "Supervision is monthly for everyone, paid or unpaid.",
  "A one-page summary of our accounts goes on the noticeboard every year.",
  "Naloxone kits are kept at the café and six volunteers are trained to use them.",
  "We ask for feedback at every group and report back on what changed.",
];

/** Planted free-text traps: personal data and markup that the pipeline must redact or neutralise. */
export const STIGMA_TRAPS = [
  { what: "e-mail address", consent: "Yes", text: "If anyone wants to hear more they can email me on sam.walker82@example.org, I'm happy to talk." },
  { what: "UK phone number", consent: "Yes", text: "The duty worker said to ring 020 7946 0321 but nobody ever answered." },
  { what: "UK postcode", consent: "Yes", text: "The surgery on the corner near LS1 4DY refused to register me twice." },
  { what: "personal name", consent: "Yes", text: "Dr Helen Okafor was the only one who treated me like a human being." },
  { what: "NHS number (valid check digit; the NHS's published test number)", consent: "Yes", text: "They kept losing my records even though I gave them my NHS number 943 476 5919 every time." },
  { what: "National Insurance number", consent: "Yes", text: "At the job centre they read my NI number AB 12 34 56 C out loud across the office." },
  { what: "URL", consent: "Yes", text: "I wrote about what happened on my blog at https://www.example.org/my-story if you want the full version." },
  { what: "cell starting with = (spreadsheet formula)", consent: "Yes", text: '=HYPERLINK("https://www.example.org","click for my story") they never listened anyway' },
  { what: "HTML script payload", consent: "Yes", text: "<script>alert(1)</script> staff laughed when I said I was in recovery" },
  { what: "e-mail address and phone number, consent refused", consent: "No", text: "Contact me at kerry.h@example.org or 0161 496 0123 if you need anything else." },
] as const;

/** Consented quotes with nothing to redact (they should be published as written). */
export const CLEAN_CONSENTED_QUOTES = [
  "The nurse sat down next to me and asked how I was really doing. Nobody had done that in years.",
  "I nearly walked out of the waiting room, but the pharmacist said good morning like I was any other customer.",
] as const;

export const AUDIT_TRAPS = [
  { what: "UK phone number and URL", text: "Our new helpline (0113 496 0000) and booking page https://www.example.org/recovery-cafe opened in May." },
  { what: "HTML image payload", text: '<img src=x onerror=alert(1)> Peer-led drop-in at the library every Thursday.' },
  { what: "personal name", text: "Our coordinator Priya Sharma set up a weekly women's group with the local refuge." },
] as const;

export const WORKFORCE_TRAPS = [
  { what: "e-mail address", text: "Loved it. Please send the slides to jordan.hale@example.org as I lost my copy." },
  { what: "javascript: URL", text: "Here is our project page: javascript:alert(1)" },
  { what: "cell starting with = (spreadsheet formula)", text: "=1+1 is about as much maths as I could do before day 5!" },
] as const;

export const STANDARDS_TRAPS = [
  { what: "UK postcode", text: "Groups run from our hub at NE1 4ST; the address is on every leaflet." },
  { what: "personal name", text: "Our safeguarding lead is Marcus Doyle, who trains every new volunteer." },
] as const;
