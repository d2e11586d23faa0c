/**
 * Words of the running text: a tokenizer that keeps offsets, a folding key for look-up
 * (case, diacritics and apostrophe forms ignored), and the small closed word lists the
 * recognisers share (titles, institution nouns, nationality adjectives, function words).
 */

export interface Token {
  /** The word as printed (a possessive `’s` is not part of it). */
  text: string;
  start: number;
  end: number;
  /** Folded form for look-up: lower case, no diacritics, ’ -> ', dashes -> -. */
  key: string;
  /** First character an upper-case letter. */
  cap: boolean;
  /** Two or more letters, all upper case (an abbreviation such as NATO, HMG). */
  upper: boolean;
  /** Immediately followed by a full stop. */
  dot: boolean;
  /** Followed by a possessive ’s / ' (the suffix is outside the token). */
  possessive: boolean;
  /** First word of a sentence (or of the segment). */
  sentenceStart: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’‐-][\p{L}\p{M}\p{N}]+)*/gu;

const FOLDED = new Map<string, string>();
const PLAIN = /^[a-z0-9'-]*$/;

export function fold(s: string): string {
  const lower = s.toLowerCase();
  if (/^[a-z0-9 '-]*$/.test(lower)) return lower;
  let f = FOLDED.get(s);
  if (f === undefined) {
    f = lower
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[’‘`]/g, "'")
      .replace(/[‐‑–—]/g, '-');
    if (FOLDED.size < 100_000) FOLDED.set(s, f);
  }
  return f;
}

/** Folded keys of the words of a name form (as `tokenize` would give them, without the rest). */
export function wordKeys(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let w = m[0];
    const n = w.length;
    if (n > 2 && (w[n - 1] === 's' || w[n - 1] === 'S') && (w[n - 2] === '’' || w[n - 2] === "'")) w = w.slice(0, n - 2);
    out.push(fold(w));
  }
  return out;
}

/** Folded key of a multi-word form: its words' keys joined by one space (stops and commas dropped). */
export function formKey(form: string): string {
  return wordKeys(form).join(' ');
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let word = m[0];
    let n = word.length;
    let possessive = false;
    if (n > 2 && (word[n - 1] === 's' || word[n - 1] === 'S') && (word[n - 2] === '’' || word[n - 2] === "'") && isLetter(word[n - 3])) {
      word = word.slice(0, n - 2);
      n -= 2;
      possessive = true;
    }
    const start = m.index;
    const end = start + n;
    const after = text[m.index + m[0].length];
    if (!possessive && after === '’' && (word[n - 1] === 's' || word[n - 1] === 'S') && !isLetter(text[m.index + m[0].length + 1])) {
      possessive = true; // plural possessive: Nations’
    }
    const first = word[0]!;
    const cap = first !== first.toLowerCase();
    let upper = false;
    if (cap) {
      let letters = 0;
      let lower = false;
      for (let k = 0; k < n && !lower; k++) {
        const ch = word[k]!;
        const lo = ch.toLowerCase();
        if (lo === ch.toUpperCase()) continue;
        letters++;
        if (lo === ch) lower = true;
      }
      upper = letters >= 2 && !lower;
    }
    tokens.push({
      text: word,
      start,
      end,
      key: cap || !PLAIN.test(word) ? fold(word) : word,
      cap,
      upper,
      dot: text[end] === '.' && !possessive,
      possessive,
      sentenceStart: false,
    });
  }
  markSentenceStarts(text, tokens);
  return tokens;
}

const ABBREVIATION_BEFORE_NAME = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'messrs', 'mme', 'mlle', 'gen', 'col', 'lt', 'capt', 'adm', 'gov', 'sen', 'rep', 'prof', 'rev', 'hon', 'no', 'nos', 'vol', 'p', 'pp', 'ff', 'jr', 'sr', 'm', 'mm', 'etc', 'viz', 'cf', 'ibid', 'op', 'cit', 'u', 's', 'n', 'k']);
const SKIPPED_BEFORE_WORD = new Set([' ', '\t', '\n', '\u00a0', '“', '”', '"', '‘', "'", '’', '(', '[', ']']);

function markSentenceStarts(text: string, tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    if (!prev) {
      t.sentenceStart = true;
      continue;
    }
    let k = t.start - 1;
    while (k >= prev.end && SKIPPED_BEFORE_WORD.has(text[k]!)) k--;
    const c = k >= prev.end ? text[k]! : '';
    if (c === '?' || c === '!' || c === ':' || c === ';') t.sentenceStart = true;
    else if (c === '.') {
      // "Mr. Thurston", "C. Burke": an abbreviation or an initial does not end a sentence.
      const abbreviation = k === prev.end && (ABBREVIATION_BEFORE_NAME.has(prev.key) || (prev.text.length === 1 && prev.cap));
      t.sentenceStart = !abbreviation;
    } else if (i === 1 && /^\d+$/.test(prev.text)) t.sentenceStart = true;
  }
}

/** Abbreviations inside a name (`St. John`, `Armour Jr.`). */
const NAME_ABBREVIATIONS = new Set(['st', 'jr', 'sr', 'mt', 'ft']);

/** The text between two tokens. */
export function gapBetween(text: string, a: Token, b: Token): string {
  return text.slice(a.end, b.start);
}

/** Words of a name may be separated by spaces, or by a stop after an initial (`C. Burke`, `U.N.`). */
export function isNameGap(gap: string, before: Token): boolean {
  if (/^[ \t\u00a0]+$/.test(gap)) return true;
  if (before.dot && /^\.[ \t\u00a0]*$/.test(gap)) return before.text.length === 1 || NAME_ABBREVIATIONS.has(before.key);
  return false;
}

/** `isNameGap` for the text between two tokens, without copying it. */
export function nameGapBetween(text: string, before: Token, after: Token): boolean {
  let k = before.end;
  const end = after.start;
  if (k >= end) return false;
  if (text[k] === '.') {
    if (!before.dot || !(before.text.length === 1 || NAME_ABBREVIATIONS.has(before.key))) return false;
    k++;
    if (k === end) return true;
  }
  for (; k < end; k++) {
    const c = text[k];
    if (c !== ' ' && c !== '\t' && c !== '\u00a0') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Word lists

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean).map(fold));

/** Honorifics: a name after them is a person's (and they are strong evidence). */
export const HONORIFICS = words(`
  Mr Mrs Miss Ms Messrs Dr Sir Dame Lady Lord Madame Mme Mlle Monsieur Herr Frau Señor Senor Señora Senora Signor Signora
  Professor Prof Reverend Rev Comrade Hon Honorable`);

/**
 * Titles and roles that may stand before a name (multi-word ones as phrases). The name after
 * them is a person's; the title itself stays outside the tag.
 */
export const TITLE_PHRASES: readonly string[] = [
  'Field Marshal', 'Air Chief Marshal', 'Air Marshal', 'Air Vice Marshal', 'Marshal', 'Generalissimo', 'General', 'Lieutenant General',
  'Major General', 'Brigadier General', 'Brigadier', 'Colonel', 'Lieutenant Colonel', 'Major', 'Captain', 'Lieutenant', 'Commander',
  'Lieutenant Commander', 'Admiral', 'Fleet Admiral', 'Vice Admiral', 'Rear Admiral', 'Commodore', 'Sergeant', 'Gen', 'Col', 'Lt', 'Capt', 'Adm',
  'President', 'Vice President', 'Prime Minister', 'Deputy Prime Minister', 'Premier', 'Vice Premier', 'Foreign Minister', 'Deputy Foreign Minister',
  'Minister', 'Vice Minister', 'Deputy Minister', 'Secretary', 'Secretary of State', 'Under Secretary', 'Under Secretary of State',
  'Assistant Secretary', 'Assistant Secretary of State', 'Deputy Under Secretary', 'Deputy Assistant Secretary', 'Acting Secretary',
  'Secretary General', 'Secretary-General', 'Ambassador', 'Chargé', 'Charge', 'Chargé d’Affaires', "Chargé d'Affaires", 'Consul', 'Consul General', 'Vice Consul',
  'Counselor', 'Governor', 'Governor General', 'Senator', 'Congressman', 'Representative', 'Judge', 'Justice', 'Chief Justice', 'Chancellor',
  'Vice Chancellor', 'King', 'Queen', 'Prince', 'Princess', 'Crown Prince', 'Emperor', 'Empress', 'Shah', 'Sultan', 'Emir', 'Amir', 'Sheikh',
  'Sheik', 'Imam', 'Pope', 'Cardinal', 'Archbishop', 'Bishop', 'Patriarch', 'Regent', 'Count', 'Countess', 'Baron', 'Baroness', 'Viscount',
  'Earl', 'Duke', 'Duchess', 'Marquess', 'Marquis', 'Chairman', 'Commissar', 'Mayor', 'Ayatollah', 'Maharaja', 'Nawab', 'Nizam', 'Gov', 'Sen', 'Rep',
  'Ethnarch', 'Colonial Secretary', 'Foreign Secretary', 'High Commissioner', 'Commissioner', 'Delegate', 'Envoy', 'Minister of State',
  'Chief of Staff', 'Attorney General', 'Director', 'Dictator', 'Caudillo', 'Generalisimo', 'Mullah', 'Pasha', 'Bey',
];

/** Peerage titles: `Viscount Montgomery of Alamein` names a title, not a person mention. */
export const PEERAGE = words('Viscount Baron Earl Lord Duke Marquess Marquis Count');

/** Words that continue a role and are never part of a name (`Secretary General`, `Minister Counselor`). */
export const ROLE_WORDS = words(`
  General Counselor Counsellor Extraordinary Plenipotentiary Designate Elect Emeritus Adviser Advisor Assistant Deputy Acting Chief Head
  Officer Attaché Attache Secretary Minister Ambassador Consul Director Chairman President Commander Delegate Representative Member Members
  Envoy Agent Observer Spokesman Leader Governor Commissioner Senator Chargé Charge Marshal Admiral Colonel Captain Staff Premier Council
  Administrator Administrators Mediator Rapporteur Inspector Controller Commandant Superintendent Treasurer Auditor Registrar Attorney
  Solicitor Viceroy Resident Negotiator Arbitrator Trustee Custodian Regent Sheriff Consuls Ministers Ambassadors Delegates Representatives`);

/** Head nouns of institution names (`British Embassy`, `Stalin Tank School`). */
export const ORG_HEADS = words(`
  School Schools Academy Academies University Universities College Colleges Institute Institutes Bank Banks Company Companies Corporation
  Corporations Party Parties Committee Committees Commission Commissions Council Councils Office Offices Ministry Ministries Department
  Departments Embassy Embassies Legation Legations Consulate Consulates Mission Missions Delegation Delegations Agency Agencies Administration
  Bureau Bureaus Board Boards Assembly Conference Conferences Organization Organizations Organisation Organisations Army Armies Navy Navies
  Command Government Governments Church Churches Federation League Association Associations Society Societies Front Movement Division Divisions
  Staff Secretariat Cabinet Parliament Senate Congress Court Tribunal Fund Authority Corps Police Club Directorate Headquarters Diet Duma
  Presidium Politburo Comintern Cominform Chamber Council Syndicate Trust Industries Railways Airlines Lines Institute Laboratory Library Museum
  Foundation Group Regiment Brigade Battalion Squadron Fleet Forces Force Guard Guards`);

/** Plural institution heads, for coordinated names (`Voroshilov and Frunze Military Academies`). */
export const ORG_HEADS_PLURAL: ReadonlyMap<string, string> = new Map([
  ['schools', 'School'], ['academies', 'Academy'], ['universities', 'University'], ['colleges', 'College'], ['institutes', 'Institute'],
  ['banks', 'Bank'], ['companies', 'Company'], ['corporations', 'Corporation'], ['parties', 'Party'], ['committees', 'Committee'],
  ['commissions', 'Commission'], ['councils', 'Council'], ['offices', 'Office'], ['ministries', 'Ministry'], ['departments', 'Department'],
  ['embassies', 'Embassy'], ['legations', 'Legation'], ['consulates', 'Consulate'], ['missions', 'Mission'], ['delegations', 'Delegation'],
  ['agencies', 'Agency'], ['associations', 'Association'], ['societies', 'Society'], ['armies', 'Army'], ['navies', 'Navy'],
  ['governments', 'Government'], ['churches', 'Church'], ['divisions', 'Division'], ['conferences', 'Conference'], ['organizations', 'Organization'],
]);

/** Heads of other named things: the capitalised words before them are not a person. */
export const THING_HEADS = words(`
  Plan Plans Doctrine Pact Treaty Agreement Agreements Declaration Line Canal Street Avenue Square Road Hotel Palace Hall House Building Bridge
  Island Islands River Sea Ocean Gulf Bay Strait Straits Mountains Mountain Zone Province Region Memorial Prize Award Report Act Law Bill
  Resolution Charter Convention Protocol Accord Conference Program Programme Project Proposal Proposals Formula Note Notes Memorandum
  Declaration Statement Speech Principles Points Peninsula Desert Valley Cape Port Harbor Harbour Airport Field Station Camp Prison Cathedral
  Mosque Temple Gate Gardens Park Tower Castle Fort Hotel Times Post Tribune Herald Gazette Pravda Izvestia Plaza Series Bulletin Review
  Journal Yearbook Papers Documents Record Records`);

/** Adjectives and demonyms of nations, regions and movements: never a place, person or institution by themselves. */
export const NATIONALITY = words(`
  American Americans British Briton Britons Soviet Soviets Russian Russians French German Germans Italian Italians Greek Greeks Turkish Turk
  Turks Cypriot Cypriots Egyptian Egyptians Iranian Iranians Persian Persians Chinese Japanese Korean Koreans Indian Indians Pakistani Pakistanis
  Afghan Afghans Arab Arabs Arabian Israeli Israelis Jewish Jew Jews Iraqi Iraqis Syrian Syrians Lebanese Jordanian Jordanians Saudi Saudis
  Yemeni Spanish Spaniards Portuguese Dutch Belgian Belgians Swiss Austrian Austrians Hungarian Hungarians Polish Pole Poles Czech Czechs
  Czechoslovak Czechoslovakian Slovak Yugoslav Yugoslavs Yugoslavian Bulgarian Bulgarians Rumanian Rumanians Romanian Romanians Albanian
  Albanians Finnish Finns Swedish Swedes Norwegian Norwegians Danish Danes Icelandic Irish Scottish Scots Welsh English Englishmen Canadian
  Canadians Mexican Mexicans Brazilian Brazilians Argentine Argentines Argentinian Chilean Chileans Peruvian Peruvians Ecuadoran Ecuadorans
  Ecuadorian Colombian Colombians Venezuelan Venezuelans Bolivian Bolivians Paraguayan Paraguayans Uruguayan Uruguayans Cuban Cubans Haitian
  Haitians Dominican Guatemalan Honduran Salvadoran Nicaraguan Panamanian Ethiopian Ethiopians Libyan Tunisian Moroccan Algerian Sudanese
  Australian Australians Indonesian Indonesians Philippine Filipino Filipinos Thai Siamese Burmese Vietnamese Ukrainian Ukrainians Armenian
  Armenians Latvian Lithuanian Estonian Allied Allies Axis Communist Communists Nazi Nazis Fascist Fascists Western Eastern Anglo Latin
  European Europeans Asian Asiatic African Africans Balkan Baltic Scandinavian Slav Slavs Slavic Ottoman Hellenic Byzantine Catholic Catholics
  Protestant Orthodox Moslem Moslems Muslim Muslims Mohammedan Hindu Hindus Sikh Sikhs Zionist Zionists Imperial Royal Federal National
  Socialist Socialists Bolshevik Bolsheviks Kurdish Kurds Macedonian Slovene Croat Croatian Serb Serbian Serbs Mongolian Manchurian Tibetan
  Nepalese Ceylonese Iberian Nordic Mediterranean Levantine Sovietized Hitlerite Franco Latin-American Pan-American Inter-American`);

/** Function words and other words that are capitalised only at the start of a sentence. */
export const FUNCTION_WORDS = words(`
  The A An And Or But Nor Of In On At For To From With By As Into Onto Upon Over Under Between Among Against During Before After Since Until
  Till About Above Below Through Throughout Without Within Across Along Around Behind Beyond Near Per Via Than Then Thus Hence However
  Therefore Moreover Furthermore Although Though While Whilst Whereas If Unless Whether When Where Why How What Which Who Whom Whose That
  This These Those There Here He She It We They I You Me Him Us Them His Her Hers Its Our Ours Their Theirs My Mine Your Yours One Ones Both
  Each Every Either Neither All Any Some Such No Not None Nothing Nobody Everyone Everybody Someone Somebody Anyone Other Another Many Much
  Most More Less Least Few Several Only Also Even Just Still Yet Already Again Once Twice Now Today Tomorrow Yesterday Tonight Perhaps
  Latter Former Accordingly Consequently Meanwhile Nevertheless Otherwise Instead Indeed Finally First Second Third Fourth Fifth Last Next Later Earlier
  Please Yes Is Are Was Were Be Been Being Has Have Had Do Does Did Will Would Shall Should May Might Must Can Could Let Following Regarding
  Concerning Re Sent Repeated Rptd Pass Passed Subject Participants Reference Ref Mytel Deptel Embtel Urtel Info FYI End Begin Text Quote Unquote Note Notes Copy Copies
  Sincerely Signed Respectfully Faithfully Very Truly Yours Source See Ibid Supra Infra Ante Post Not Printed Document Telegram Despatch
  Dispatch Airgram Memorandum Letter Message Instruction Circular Enclosure Annex Appendix Attachment Tab Vol Volume Page Pages Part Chapter
  Section Paragraph Article Item Point Points Question Questions Answer Answers Mister Sirs Gentlemen Excellency Excellencies Highness Majesty`);

/** Capitalised nouns of diplomatic prose that are neither persons nor places by themselves. */
export const COMMON_CAPITALISED = words(`
  Secretary Ambassador President Minister Prime Premier Chargé Charge Consul Counselor Department Embassy Legation Government Cabinet Parliament
  Congress Senate House Assembly Council Committee Commission Delegation Mission Agency Administration Bureau Office Ministry Staff Army Navy
  Air Force Forces Headquarters Command Crown Court Church Party King Queen Prince Princess Emperor Shah Sultan Pope Archbishop Bishop
  General Admiral Marshal Colonel Captain Major Lieutenant Governor Director Chief Head Chairman Commander Foreign Affairs Defense Defence
  Treasury War Interior Justice Finance Commerce Agriculture Labor Labour Trade Economic Political Military Naval Press Radio Agreement Treaty
  Pact Charter Plan Conference Declaration Protocol Resolution Act Law Bill Constitution Island Islands Republic Kingdom Empire State States
  Union Nations Commonwealth Dominion Dominions Colony Colonies Protectorate Territory Territories Province Provinces North South East West
  Northern Southern Eastern Western Central Middle Near Far Upper Lower Greater New Old Holy Saint St Mount Lake River Sea Ocean Gulf Bay
  January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday
  Sunday Christmas Easter Ramadan Independence Day Year Week Month Communism Socialism Fascism Nazism Imperialism Zionism Enosis
  Self-determination Self-government Ethnarchy Kremlin Whitehall Quai Wilhelmstrasse Porte Vatican Holy See Pentagon White Ibid Supra Infra
  Opposition Left Right Centre Center Liberal Liberals Conservative Conservatives Labor Laborite Tory Tories Democrat Democrats Republican
  Republicans Radical Radicals Communist Communists Nationalist Nationalists Royalist Royalists Leftist Rightist Greek-Cypriot Turkish-Cypriot
  Secret Confidential Top Restricted Priority Niact Urgent Personal Limited Distribution Official Use Only Eyes Exdis Nodis Limdis Operational
  Immediate Plain Code Cipher Mytel Deptel Embtel Urtel Reftel Contel Legtel Circtel Depcirtel Usdel Delga Gadel Secto Tosec Dulte Tedul
  OK Mr Mrs Messrs Sir Dr Miss`);

/** Speech and reporting verbs: a capitalised word right before one of them is likely a person. */
export const SPEECH_VERBS = words(`
  said says stated states told tells asked asks replied replies agreed agrees added adds mentioned mentions suggested suggests reported
  reports explained explains expressed expresses pointed emphasized emphasised stressed indicated indicates felt feels thought thinks
  believed believes noted notes remarked remarks observed observes declared declares insisted insists urged urges informed informs assured
  assures promised promises wished wishes hoped hopes opinioned volunteered questioned questions authorizes authorized concluded concludes
  realized realised commented comments inquired inquires requested requests proposed proposes denied denies admitted admits warned warns
  recalled recalls confirmed confirms acknowledged argued argues maintained maintains complained complains objected objects refused refuses
  accepted accepts expects expected intends intended wants wanted seemed seems appeared appears himself herself personally categorically
  briefly then also again later subsequently privately frankly`);

/** Name particles: part of a name when a capitalised word follows (`de Gaulle`, `van Kleffens`). */
export const PARTICLES = words('de da di del della dos das du van von der den ter la le al el bin ibn ben y zu');

/** Name suffixes after a surname (`Makarios III`, `Armour, Jr.`). */
export const SUFFIXES = words('Jr Sr II III IV V');

/**
 * Capitalised words that are also common English words: as a bare surname (no title, no forename)
 * they are not taken for a person unless the context says so.
 */
export const COMMON_WORDS = words(`
  Wood Woods Salt Young White Black Brown Green Gray Grey King Bell Hill Hall Park Long Short Little Small Rich Price Cook Baker Mason Miller
  Fisher Hunter Walker Turner Cooper Carter Porter Parker Page Day May March August Jay Rose Lay Knight Merchant Marshall Field Fields Ford
  Stone Lake Brook Rivers Wells Banks Steel Gold Silver Bird Fox Wolf Lamb Bush Reed Moss Frost Snow Winter Summer Spring Hope Faith Grace
  Joy Love Noble Sharp Strong Sterling Strange Swift Wise Bright Bond House Garden Rice Best Good Post Dean Bishop Chancellor Judge Pope
  Prince Duke Earl Bacon Nail Pike Crane Drake Swan Lodge Mills Law Laws Lane Mark Hand Bowie Gross Sweet Hood Marsh Ball Bishop Chase
  Church Cross Dale Glass Grant Guest Hart Hay Heath Holt Hope Horn Hurst Lee Low Lowe Major Mann Noon Paris Penny Poor Quick Rank Read
  Root Rush Sale Sands Savage Seal Shaw Short Sims Slater Speed Spencer Stock Street Taylor Temple Tower Trace Vane Wall Ward Waters
  Watts Webb West North South East Wing Wright Case Cash Coffee Cotton Craft Cross Early Fair Fine Flowers Friend Gay Hale Hardy Herring
  Husband Keys Kidd Land Lord Luck March Meek Moody Moore More Morrow Nash Oakes Parish Parsons Peck Pierce Pitt Power Proctor
  Rice Sayre Self Sheriff Short Stark Steele Story Strand Swift Tanner Vail Ware Warren Waugh Welch Wells Wilde Wise Woodward Worth Toon
  Staats Wolf Luce Dodge Russell Allen George Paul Gordon Thomas Howard Lincoln Jackson Washington Houston Cabot Murphy Willis`);

/** Month names (and their folded keys) to their number. */
export const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].map((m, i) => [m, i + 1]),
);

/** Common given names (English and European): a capitalised word before a surname that is one of these is a forename. */
export const FORENAMES = words(`
  Aaron Abraham Adam Adolf Adolph Adrian Alan Albert Alberto Alec Alexander Alexandre Alexis Alfred Alfredo Allan Allen Alvin Ambrose Amos
  Andre André Andrea Andreas Andrei Andrew Angelo Anthony Antoine Anton Antonio Archibald Arnold Arthur Augustus Averell Barbara Barnaby Ben
  Benjamin Bernard Bertrand Bill Bob Boris Bruce Bruno Burton Carl Carlo Carlos Cecil Cedric Charles Chester Christian Christopher Claude
  Clement Clifford Clyde Constantine Cordell Cyril Daniel David Dean Dennis Dimitri Dmitri Dominic Donald Douglas Duncan Dwight Earl Edgar
  Edmund Edouard Édouard Edward Edwin Eleanor Elizabeth Ellis Emil Emile Emilio Eric Ernest Ernesto Ernst Eugene Evangelos Felix Ferdinand
  Fernando Foster Francis Francisco Franco Frank Franklin Franz Frederick Friedrich Gamal Gaston Georg George Georges Georgi Gerald Gerard
  Giorgio Giovanni Giuseppe Gordon Gregory Guy Hans Harold Harry Heinrich Helmut Henri Henry Herbert Herman Hermann Hilary Homer Horace
  Howard Hubert Hugh Hugo Ian Igor Ivan Ivone Jack Jacob Jacques James Jan Jean Jefferson Jerome Jim Joachim Johann Johannes John Jonathan
  Jorge Jose José Joseph Juan Jules Julian Julius Karl Kenneth Klaus Konrad Konstantin Lawrence Lazar Leo Leon Leonard Leonid Lewis Livingston
  Louis Loy Lucius Ludwig Luigi Luis Manuel Marcel Margaret Maria Mario Mark Martin Mary Matthew Maurice Max Maxim Michael Michel Miguel
  Mikhail Miles Milton Mohammed Muhammad Nelson Nicholas Nicolas Nikita Nikolai Nils Noel Norman Oliver Oscar Otto Owen Panayotis Patrick Paul
  Paolo Pedro Percy Peter Philip Philippe Pierre Pietro Ralph Ray Raymond Reginald Rene René Richard Robert Roberto Roger Roland Ronald
  Rudolf Rudolph Rupert Russell Samuel Sergei Sidney Simon Sophocles Spyros Stafford Stanley Stefan Stephen Sumner Theodore Thomas Tom
  Trygve Ulysses Valentin Vasily Vernon Victor Vincent Vladimir Vyacheslav Walter Warren Wendell Wilhelm Will William Winston Winthrop
  Wolfgang Yves Andrei Anastas Georgii Haydar Selim Settar Nuri Adnan Celal Fatin Melih Nehat Feridun Alexandros Stylianos Nikolas Dean
  Chalmers Ivone Selwyn Pierson Cavendish Harold Anthony Walworth Julius Llewellyn Ridgway Chiang Mao Zhou Ali Ahmed Ahmad Hussein Hassan
  Abdul Abdullah Faisal Ibn Reza Ismail Mustafa Kemal Ismet Celal`);

/** Index of the first token that ends after `offset` (binary search; tokens.length if none). */
export function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
