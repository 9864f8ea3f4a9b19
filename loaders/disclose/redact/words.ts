/**
 * Small closed word lists the name rules use as context. Lower case throughout.
 */

function words(text: string): ReadonlySet<string> {
  return new Set(text.trim().split(/\s+/));
}

/** Capitalised words that are not people: pronouns, family words, faiths, nationalities, days, services. */
export const NOT_NAMES = words(`
  i i'm i've i'd i'll im a an the my our your his her their its it this that these those we they he she you
  me us them all some any no yes not and but or so if when then also just now today tomorrow yesterday
  there here what who why how where which well oh ok okay thanks thank please hi hello dear
  mum mam mom mummy dad daddy nan nana nanna gran granny grandad grandma grandpa grandmother grandfather
  aunt auntie aunty uncle cousin brother sister son daughter wife husband partner friend mate
  god jesus christ allah lord buddha
  english british scottish welsh irish northern polish romanian indian pakistani bangladeshi nigerian
  ghanaian somali jamaican caribbean african asian european muslim christian catholic protestant jewish
  sikh hindu buddhist black white mixed gay lesbian bisexual trans queer lgbt lgbtq
  monday tuesday wednesday thursday friday saturday sunday january february march july september october
  november december christmas easter ramadan eid diwali hanukkah
  nhs gp a&e covid zoom teams whatsapp facebook instagram twitter tiktok youtube google
  council police probation court prison hospital jobcentre dwp
  recovery support group service services team staff everyone everybody someone somebody nobody people
  peer peers mentor mentors volunteer volunteers member members
  aa na ca sa smart twelve steps step
  england scotland wales ireland britain uk london
`);

/** Words that make a preceding given name part of a place or organisation ("Elizabeth House"). */
export const PLACE_WORDS = words(`
  house centre center project projects trust street st road rd lane avenue ave close way drive hall
  church chapel cathedral group café cafe network foundation service services team hub place park court
  lodge farm academy college school university hospital ward clinic unit community charity council
  partnership alliance forum collective kitchen gardens garden club society association line station
  square bridge terrace crescent gate green hill mill works recovery housing homes home ltd limited cic
  fellowship meeting meetings programme program award awards day week month fund appeal memorial theatre
  museum library market shop store hotel inn arms pub bar dock palace tower estate village town city
  valley bay island beach period fm radio prayer
`);

/** Words before a given name that make it a place ("St Helens", "Mount Pleasant"). */
export const PLACE_PREFIXES = words(`st st. saint mount port fort lake cape camp`);

/** The CHIME recovery themes and similar words that appear in capitalised lists beside "Hope". */
export const THEME_WORDS = words(`
  connectedness connection hope identity meaning empowerment optimism purpose recovery wellbeing
  belonging trust respect dignity courage resilience kindness compassion love peace
`);

/** Titles and forms of address followed by a name ("Mrs Patel", "Nurse Grace", "Auntie Joy"). */
export const TITLES = words(`
  mr mrs ms miss mx dr doctor nurse prof professor sister rev reverend father auntie aunty aunt uncle
  sir dame fr pastor imam rabbi
`);

/** Words between "my" and a name that make the next word a person ("my keyworker Sam"). */
export const RELATIONS = words(`
  keyworker key worker support social case probation officer recovery coach peer mentor sponsor
  counsellor counselor therapist psychiatrist psychologist nurse doctor gp friend mate partner wife
  husband boyfriend girlfriend son daughter brother sister mum mam dad nan gran cousin uncle aunt
  auntie niece nephew ex neighbour neighbor colleague boss manager landlord landlady sponsee
  best old little big younger older step grand
`);

/** Verbs after a word that make it a person ("Hope said…", "Grace rang me"). */
export const PERSON_VERBS = words(`
  said says told tells asked asks rang rings texted texts phoned phones messaged emailed replied
  explained shouted laughed cried promised reckons reckoned
`);

/** Nouns before "called"/"named" that make what follows a thing, not a person ("a group called Hope"). */
export const THING_NOUNS = words(`
  group charity organisation organization programme program project course app website site book film
  song album band place centre center service meeting café cafe club team scheme thing workshop
  podcast page campaign initiative company business shop pub hostel street road village town
`);

/** Greetings and sign-offs followed by a name ("Thanks Grace"). */
export const SALUTATIONS = words(`dear hi hello hey thanks cheers`);

/** Words before a month that make it a date ("in June", "since April", "last May"). */
export const TIME_WORDS = words(`
  in on since until till by from during last next early late mid end start beginning of this before after
  through throughout around every
`);

/** Words people put after "I'm" about themselves that no suffix rule catches ("I'm Proud", "I'm Sober"). */
export const SELF_DESCRIPTIONS = words(`
  proud sober clean happy free fine good well okay ok alive here still now not so very really just
  sorry glad ready strong honest sure afraid scared worried sad lonely lost back home done new safe calm
  tired grateful thankful blessed lucky open human
`);
