/**
 * Free-text answers for the sample, put together from fragments so that they read like many different
 * people wrote them: one seed per answer picks an opening, what happened, how it felt and sometimes a
 * closing thought, with the small habits of typed answers (no full stop, a lower-case start, "tbh").
 * Every fragment was written for this project. Each composer takes a seed, so the generators consume
 * exactly one draw of their own generator per answer and the rest of the sample stays as it was.
 */
import { Rng } from "./prng.ts";

const WHEN = [
  "Last winter",
  "The first time I mentioned my recovery",
  "When I went in about something else entirely",
  "After my relapse in the spring",
  "A couple of years ago",
  "When I was still using",
  "Only last month",
  "The day I finally asked for help",
  "When my daughter was poorly",
  "Not long after I got out",
  "At my last appointment",
  "Every single time",
];

/** What happened, with `{s}` for the setting ("the GP surgery"). */
const BAD = [
  "the way {s} spoke to me changed as soon as my notes came up",
  "I was left waiting while everyone who came in after me was seen",
  "staff at {s} talked about me to each other as if I wasn't there",
  "I was asked out loud, in front of everyone, whether I was still using",
  "they assumed I was there for drugs when I was genuinely in pain",
  "I was told to come back when I had sorted myself out",
  "somebody at {s} made a joke about people like me and the others laughed",
  "they spoke to my mum instead of me, like I couldn't answer for myself",
  "I was made to wait outside {s} rather than in the waiting area",
  "the receptionist at {s} looked me up and down and said they were full",
  "they wanted to talk about my past and not about why I'd come",
  "I was treated like a suspect for asking what a tablet was for",
  "nobody explained anything, they just assumed I wouldn't follow it",
  "they wrote 'drug seeking' on my notes and it followed me everywhere",
];

const GOOD = [
  "the nurse at {s} sat down with me and asked how I was really doing",
  "staff at {s} treated me like anyone else, no looks, no questions",
  "a peer worker came with me to {s} and the whole conversation was different",
  "they thanked me for being honest about my recovery",
  "the receptionist at {s} remembered my name",
  "someone finally asked me what I needed instead of telling me",
  "they explained everything and checked I was OK with it",
  "I was seen on time and nobody mentioned my history once",
];

const FELT_BAD = [
  "I walked out and didn't go back for months",
  "I felt about two inches tall",
  "it took me ages to pluck up the courage to go again",
  "I don't mention my past there any more",
  "I left without the help I went for",
  "I went home and cried",
  "it made me feel like I was wasting their time",
  "I still think about it when I have to go back",
  "I put off going even when I really needed to",
  "I just stopped telling anyone I was in recovery",
];

const FELT_GOOD = [
  "it made all the difference",
  "I came away feeling like a person, not a case number",
  "I've been back since without dreading it",
  "it's the first time in years I didn't feel judged",
  "I told everyone at group about it",
];

const CLOSING_BAD = [
  "Nobody should be spoken to like that.",
  "It's not the same for everyone, but it was for me.",
  "Training for staff would help.",
  "I know I'm not the only one.",
  "People in recovery deserve better.",
  "If it wasn't for my peer mentor I'd have given up.",
];

const CLOSING_GOOD = ["More of that please.", "It shows it can be done.", "I wish it was always like that.", "Credit where it's due."];

/** A stigma survey answer about one setting: a bad experience unless `good`. */
export function stigmaQuote(seed: number, setting: string, good: boolean): string {
  const rng = new Rng(seed);
  const when = rng.chance(0.6) ? `${rng.pick(WHEN)} ` : "";
  const what = rng.pick(good ? GOOD : BAD).replace(/\{s\}/g, setting);
  const felt = rng.pick(good ? FELT_GOOD : FELT_BAD);
  const joiner = rng.pick([" and ", ". ", ", so ", " and honestly "]);
  let text = `${when}${when ? what : capitalise(what)}${joiner}${joiner === ". " ? capitalise(felt) : felt}`;
  if (rng.chance(0.35)) text += `. ${rng.pick(good ? CLOSING_GOOD : CLOSING_BAD)}`;
  return typed(text, rng);
}

const STARTED = ["We started", "We set up", "Members started", "This year we began", "We piloted", "Our volunteers launched"];
const ACTIVITY = [
  "a Saturday recovery breakfast",
  "a walking group that doubles as a litter pick",
  "an online evening group for parents",
  "a recovery allotment",
  "a social enterprise café with paid shifts for members",
  "peer navigators who meet people on the day they leave hospital",
  "a monthly alcohol-free gig night",
  "a family drop-in with activities for children",
  "naloxone training at our community events",
  "a meet-at-the-gate service for people leaving prison",
  "a short feedback card designed by members",
  "a women-only group on Tuesday mornings",
  "a cooking-on-a-budget course",
  "a peer research project on why people stop coming",
];
const WITH = ["", " with the local parks team", " with our housing association", " with the library", " with a local college", " with two other LEROs", " with the council's public health team"];
const RESULT = [
  "It now draws people who never came to weekday groups",
  "About a dozen people come most weeks",
  "Three members have gone on to paid work from it",
  "It has become the way most new people first find us",
  "Members run it themselves now",
  "Referrals from the hospital have doubled since",
  "It's small but it's growing",
  "We're still learning what works",
];

/** An audit answer describing one new activity. */
export function innovationDescription(seed: number): string {
  const rng = new Rng(seed);
  return `${rng.pick(STARTED)} ${rng.pick(ACTIVITY)}${rng.pick(WITH)}. ${rng.pick(RESULT)}.`;
}

const LIKED = [
  "Practising interviews with each other took the fear out of it",
  "The trainers having lived experience themselves mattered a lot",
  "Doing it online meant I could fit it round the school run",
  "The ethics day made me think hard about how we look after people's stories",
  "Mixing people from different LEROs was great",
  "Going through real questionnaires line by line helped",
  "Being trusted to run a focus group on the last day",
  "Everyone was patient when the words were new to me",
];
const WANTED = [
  "more time on analysis please, it went too quickly",
  "a follow-up session once we've done our fieldwork would help",
  "handouts in larger print next time",
  "the connection kept dropping on a couple of the online days",
  "a bit less jargon in the first session",
  "I'd have liked more on writing up",
  "",
  "",
];
const OVERALL = [
  "I never thought someone like me could do research.",
  "It has given me the confidence to speak up at board meetings.",
  "Best thing I've done since coming into recovery.",
  "I've already done three interviews for our LERO.",
  "I'd recommend it to anyone.",
  "",
];

/** A trainee's feedback on the peer research course. */
export function trainingFeedback(seed: number): string {
  const rng = new Rng(seed);
  const wanted = rng.pick(WANTED);
  const parts = [`${rng.pick(LIKED)}.`, wanted ? `${capitalise(wanted)}.` : "", rng.pick(OVERALL)].filter((p) => p !== "");
  return typed(parts.join(" "), rng);
}

const PRACTICE = [
  "Our values were written by members at an away day and are read out at the start of each meeting",
  "Every new volunteer shadows an experienced one for a month before leading a group",
  "We keep a simple attendance log, with consent, and review it each quarter",
  "Members sit on the interview panel for every paid role",
  "Supervision is monthly for everyone, paid or unpaid",
  "A one-page summary of our accounts goes on the noticeboard every year",
  "Naloxone kits are kept at the café with trained volunteers on every shift",
  "We ask for feedback at every group and report back on what changed",
  "Our safeguarding policy is reviewed every year by the board and two members",
  "New members are given a buddy for their first six weeks",
];
const SINCE = ["", " since 2022", " since we became a charity", " and it's written into our handbook", " and the board checks it twice a year"];

/** A good-practice note beside a quality standard. */
export function goodPracticeNote(seed: number): string {
  const rng = new Rng(seed);
  return `${rng.pick(PRACTICE)}${rng.pick(SINCE)}.`;
}

/** A seed for one answer, drawn from the generator that decides everything else about the row. */
export function seedFrom(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The small habits of answers typed on a phone: sometimes no full stop, a lower-case start or "tbh". */
function typed(text: string, rng: Rng): string {
  let out = text.endsWith(".") ? text : `${text}.`;
  if (rng.chance(0.15)) out = out.slice(0, -1);
  if (rng.chance(0.08)) out = out.charAt(0).toLowerCase() + out.slice(1);
  if (rng.chance(0.05)) out = `${out.replace(/\.$/, "")} tbh`;
  return out;
}
