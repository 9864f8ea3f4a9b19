/**
 * stories/*.md: illustrative impact stories with YAML front matter. Every story here was written for
 * the sample, describes no real person, and names only obviously fictional LEROs.
 */
import { stringify } from "yaml";

export interface Story {
  slug: string;
  title: string;
  lero: string;
  lero_consent: boolean;
  region: string;
  themes: string[];
  consent_given: boolean;
  consent_date: string;
  withdrawn?: string;
  illustrative: true;
  body: string;
}

const NOTICE = "> **Illustrative story.** Written for the sample data to show how stories appear on this site. It describes no real person, and the LERO named is fictional.";

export const STORIES: readonly Story[] = [
  {
    slug: "first-paid-shift-at-the-cafe",
    title: "A first paid shift at the recovery café",
    lero: "Sampleford Recovery Café (fictional)",
    lero_consent: true,
    region: "North East",
    themes: ["meaning", "identity", "empowerment"],
    consent_given: true,
    consent_date: "2025-02-11",
    illustrative: true,
    body: `He started by coming in for a cup of tea on Tuesday mornings and saying very little. After a few months he was washing up, then opening up, then training the new volunteers on the till.

This spring the café took him on for two paid shifts a week. "It's not the money," he says. "It's that someone wrote my name on the rota and expected me to turn up." He now helps run the Saturday breakfast, which the café began so that people who work in the week have somewhere to go.`,
  },
  {
    slug: "walking-back-into-the-community",
    title: "Walking back into the community",
    lero: "Exampleton Recovery Walkers (fictional)",
    lero_consent: true,
    region: "Yorkshire and The Humber",
    themes: ["connectedness", "hope"],
    consent_given: true,
    consent_date: "2025-03-04",
    illustrative: true,
    body: `The Sunday walk sets off from the same bench every week, whatever the weather. For one member, who had not left her flat much in two years, the first walk was a lap of the park with a volunteer beside her.

A year on she leads the shorter route herself and keeps an eye out for anyone walking at the back. She says the conversations happen more easily side by side than across a table, and that the walks gave her a reason to get up on the one day of the week she used to dread.`,
  },
  {
    slug: "a-parent-finds-other-families",
    title: "A parent finds other families who understand",
    lero: "Demoport Family Recovery Network (fictional)",
    lero_consent: true,
    region: "Wales",
    themes: ["connectedness", "hope"],
    consent_given: true,
    consent_date: "2024-11-19",
    illustrative: true,
    body: `When her son's alcohol use became too much to hide, she felt she could not tell anyone at work or at church. A leaflet at the GP surgery mentioned a family group on Wednesday evenings.

The group did not try to fix anything. Other parents listened, shared what had helped them, and reminded her to look after herself too. Her son is now in recovery and comes to some of the family events with her. She volunteers on the group's phone line for new families.`,
  },
  {
    slug: "from-group-member-to-peer-researcher",
    title: "From group member to peer researcher",
    lero: "Mockbridge Lived Experience Collective (fictional)",
    lero_consent: true,
    region: "North West",
    themes: ["identity", "empowerment", "meaning"],
    consent_given: true,
    consent_date: "2025-04-02",
    illustrative: true,
    body: `He left school at fifteen and assumed research was something done to people like him. After the peer-research training he carried out eight interviews with people who had stopped coming to the collective's groups.

What he heard changed things: the evening group moved to a ground-floor room, and new members are now met at the door by someone who has been in their shoes. "I was the person asking the questions this time," he says, "and people told me things they would never have told a form."`,
  },
  {
    slug: "what-an-allotment-season-grew",
    title: "What an allotment season grew",
    lero: "Testwick Recovery Community (fictional)",
    lero_consent: true,
    region: "West Midlands",
    themes: ["meaning", "connectedness"],
    consent_given: true,
    consent_date: "2024-10-08",
    illustrative: true,
    body: `The allotment was overgrown when the community took it on. Members cleared it over a winter of Saturday mornings, built raised beds from donated pallets and planted whatever they were given.

By late summer the produce was being cooked at the weekly recovery lunch. One member who had worked as a landscaper before his drinking took hold now runs the plot and teaches others. He says having something alive to look after every few days kept him steady through a hard year.`,
  },
  {
    slug: "met-at-the-gate-on-release-day",
    title: "Met at the gate on release day",
    lero: "Placeholder Vale Peer Hub (fictional)",
    lero_consent: true,
    region: "Scotland",
    themes: ["hope", "connectedness"],
    consent_given: true,
    consent_date: "2025-01-21",
    illustrative: true,
    body: `Release day used to mean a travel warrant, a bag of belongings and nowhere in particular to go. The hub now sends a peer worker to meet people at the prison gate, go with them to their first appointments and share a meal before the day ends.

One man met this way says that after his previous release, the first hours out were the most dangerous of his life. This time someone who had made the same journey was waiting for him. He has since trained as a gate volunteer himself.`,
  },
  {
    slug: "speaking-up-at-the-health-board",
    title: "Speaking up at the health board",
    lero: "Sampleford Recovery Café (fictional)",
    lero_consent: false,
    region: "London",
    themes: ["empowerment", "identity"],
    consent_given: true,
    consent_date: "2025-05-14",
    illustrative: true,
    body: `She had never spoken in a formal meeting before. With support from her LERO she prepared five minutes on what it is like to use a GP surgery when your records mention drug use.

The board asked her back to help rewrite the guidance for reception staff. She says the hardest part was the first sentence, and that seeing people take notes while she talked made her feel her experience counted as expertise. (The organisation asked not to be named with this story, so the site shows no LERO name.)`,
  },
  {
    slug: "an-online-group-for-the-hardest-hours",
    title: "An online group for the hours that are hardest",
    lero: "Exampleton Recovery Walkers (fictional)",
    lero_consent: true,
    region: "Northern Ireland",
    themes: ["connectedness", "hope"],
    consent_given: true,
    consent_date: "2025-02-25",
    illustrative: true,
    body: `Late evenings were when cravings hit hardest for many members, and when nothing in town was open. So the LERO started a video call at nine o'clock every night, hosted in turns by trained volunteers.

Some nights three people join, some nights twenty. A member who works shifts says it is the only group she can ever get to, and that just seeing familiar faces on the screen is often enough to get her through to the morning.`,
  },
  {
    slug: "teaching-others-to-save-a-life",
    title: "Teaching others to save a life",
    lero: "Demoport Family Recovery Network (fictional)",
    lero_consent: true,
    region: "South West",
    themes: ["meaning", "empowerment"],
    consent_given: true,
    consent_date: "2024-12-03",
    illustrative: true,
    body: `After a friend died from an overdose, he wanted to make sure it would not happen on his watch again. He trained to give naloxone and then to teach others how to use it.

He now runs short sessions at community events, in hostels and at the football club. People listen, he says, because he talks plainly and without judgement about what an overdose looks like and what to do. He keeps count of the kits handed out and of the messages from people who have used one.`,
  },
  {
    slug: "back-to-college-at-fifty",
    title: "Back to college at fifty",
    lero: "Mockbridge Lived Experience Collective (fictional)",
    lero_consent: true,
    region: "East Midlands",
    themes: ["identity", "hope", "meaning"],
    consent_given: true,
    consent_date: "2025-03-18",
    illustrative: true,
    body: `For years she described herself only by what she had lost. Volunteering at the collective's drop-in, she found she was good at listening and good at paperwork, and a staff member suggested a counselling course.

She enrolled at the local college at fifty, with the collective's employment group helping her fill in the forms. She is now in her second year and says the hardest lesson was believing she belonged in the classroom at all.`,
  },
  {
    slug: "finding-a-voice-in-the-recovery-choir",
    title: "Finding a voice in the recovery choir",
    lero: "Testwick Recovery Community (fictional)",
    lero_consent: true,
    region: "South East",
    themes: ["connectedness", "identity"],
    consent_given: true,
    consent_date: "2024-09-30",
    illustrative: true,
    body: `The choir started as a joke at a recovery café and now has thirty members and a concert every December. Nobody has to read music and nobody has to sing alone.

A member who used to avoid crowds says standing in a row of people, all breathing together, was the first time in years he felt part of something. His family came to the last concert. He says they had not seen him smile like that in a long time.`,
  },
  {
    slug: "rebuilding-trust-with-housing",
    title: "Rebuilding trust with a housing officer",
    lero: "Placeholder Vale Peer Hub (fictional)",
    lero_consent: true,
    region: "East of England",
    themes: ["hope", "empowerment"],
    consent_given: true,
    consent_date: "2024-08-20",
    withdrawn: "2025-05-12",
    illustrative: true,
    body: `This illustrative story has its consent withdrawn in the front matter. The build must leave it out of the site entirely, including the stories index, search, downloads and any count of stories.`,
  },
];

export function storyMarkdown(story: Story): string {
  const { body, ...front } = story;
  return `---\n${stringify(front, { lineWidth: 0 })}---\n\n${NOTICE}\n\n${body}\n`;
}
