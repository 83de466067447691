"""Word lists the quote extractor reads English news copy with.

Small and hand-kept on purpose: every entry is here because wire copy uses it to introduce
speech, to title a person, or to name a place that must not be taken for a speaker.
"""


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that introduce reported speech, in the forms wire copy uses them.
SPEECH_VERBS = words(
    """
    said says say saying told tells telling added adds adding asked asks asking stated
    states declared declares declaring insisted insists insisting warned warns warning noted notes
    noting argued argues arguing explained explains explaining wrote writes writing
    tweeted tweets posted posts replied replies replying responded responds continued
    continues acknowledged acknowledges acknowledging admitted admits claimed claims
    claiming called calls calling described describes describing dubbed urged urges
    urging stressed stresses stressing emphasised emphasized emphasises emphasizes
    promised promises promising vowed vows vowing suggested suggests recalled recalls
    recalling announced announces remarked remarks conceded concedes predicted predicts
    observed observes cautioned cautions cautioning welcomed welcomes complained
    complains complaining agreed agrees countered counters joked jokes shouted shouts
    mused muses quipped quips answered answers answering testified testifies reiterated
    reiterates repeated repeats maintained maintains branded brands labelled labeled
    termed terms pledged pledges conceded defended defends defending accused accuses
    accusing denied denies denying denounced denounces condemned condemns criticised
    criticized criticises criticizes praised praises hailed hails dismissed dismisses
    reported reports instructed instructs exclaimed exclaims boasted boasts lamented
    laments scoffed scoffs protested protests objected objects retorted retorts snapped
    whispered whispers yelled yells demanded demands concluded
    concludes confirmed confirms recounted recounts interjected sighed tweets sang sung
    chanted chanting thanked speak speaks spoke revealed reveals confessed confesses
    gushed raved slammed slams blasted blasts fumed penned captioned explained
    begged begs pleaded pleads implored implores assailed assails derided derides mocked
    mocks ridiculed ridicules lambasted lambastes decried decries asserted asserts
    alleged alleges contended contends reckoned reckons opined wondered wonders
    texted emailed messaged laughed screamed murmured muttered ordered commented comments
    rejoined assured assures ruled indicated indicates estimated estimates highlighted
    highlighting hinted hints affirmed affirms reaffirmed reasoned speculated surmised
    proclaimed proclaims disagreed disagrees
    """
)
# Verbs by which someone holds a thing to be what a quotation after `as` says, in their
# words: `sees the lineup as its "Achilles heel"`, `rejected the claims as "false"`.
REGARDING_VERBS = words(
    """
    sees saw see seen views viewed view regards regarded regard considers considered consider
    rejected rejects reject characterised characterized characterises characterizes
    portrayed portrays depicted depicts
    """
)
# Speech verbs whose passive names the speaker after "by": described as "…" by the minister;
# and verbs of regarding, whose passive says whose view it is no more than theirs does:
# `has been seen as "…"`, `was regarded as "…"`.
PASSIVE_SPEECH = words(
    """
    described called branded dubbed labelled labeled termed hailed praised condemned
    criticised criticized denounced quoted
    seen viewed regarded considered characterised characterized portrayed depicted
    """
)
# What a speaker issues: "according to a statement from the ministry" is the ministry.
DOCUMENT_NOUNS = words(
    """
    statement report letter post tweet release document filing email memo notice
    announcement message transcript recording video interview briefing survey study
    analysis poll audit review
    """
)
# Multi-word speech verbs ("pointed out"): the first word and what must follow it.
SPEECH_PHRASES = {
    "pointed": "out",
    "points": "out",
    "pointing": "out",
    "went": "on",
    "hit": "out",
    "hits": "out",
    "shot": "back",
    "fired": "back",
    "chimed": "in",
}

# Titles and offices that stand before a name ("Foreign Minister Abbas Araqchi").
TITLE_WORDS = words(
    """
    president vice prime minister foreign defence defense interior finance health
    economy economic trade transport justice education energy agriculture secretary
    general chancellor senator sen rep representative congressman congresswoman governor
    gov mayor chief executive officer director spokesman spokeswoman spokesperson
    supreme leader ayatollah king queen prince princess pope sheikh emir dr mr mrs ms
    miss sir dame lord lady judge justice ambassador commissioner chairman chairwoman
    chair ceo cfo professor prof lt col gen adm admiral captain capt colonel lieutenant
    sergeant deputy acting former state party opposition union lawyer attorney coach
    manager analyst economist spokesman head speaker premier councillor councilor
    councilwoman councilman moderator staff reporter correspondent editor candidate
    rev reverend bishop archbishop rabbi imam detective inspector superintendent officer
    mp mep msp mla administrator
    supt insp sgt det cpl const cmdr commr acp dcp dci dsupt maj brig
    """
)
# Titles of courtesy, not of office: "Ms Marsh" states no role.
COURTESY_TITLES = words("mr mrs ms miss mx dr sir dame lord lady madam monsieur herr")

# Nouns that head a title used instead of a name ("the minister", "the company").
PERSON_ROLE_NOUNS = words(
    """
    president minister secretary chancellor senator governor mayor executive director
    spokesman spokeswoman spokesperson leader king queen prince judge ambassador
    commissioner chairman chairwoman chair ceo professor lawyer attorney coach manager
    premier official general captain head economist analyst envoy negotiator councillor
    moderator candidate aide adviser advisor staffer source witness resident officer
    founder owner fellow researcher scientist editor correspondent reporter member
    supervisor inspector detective deputy partner principal teacher doctor duke duchess
    earl countess baron baroness rep publicist mp mep msp congressman congresswoman
    chief sheriff commander superintendent trooper prosecutor lawmaker legislator physician
    surgeon strategist pollster consultant historian expert organizer organiser coordinator
    administrator dean provost sergeant lieutenant colonel admiral assemblyman assemblywoman
    diplomat bishop pastor priest rabbi imam coroner investigator magistrate solicitor
    barrister vice-chancellor
    president-elect vice-president-elect governor-elect mayor-elect senator-elect
    premier-elect chancellor-elect
    """
)
# Role nouns that say what someone is, not an office: "the actress said" means the person
# the article is about (attribution._title), as no directory knows "actress".
DESCRIPTIVE_NOUNS = words(
    """
    actor actress singer star rapper player striker footballer model comedian host
    guitarist drummer bassist pianist songwriter frontman frontwoman
    presenter author writer novelist chef athlete musician artist filmmaker designer
    businessman businesswoman entrepreneur billionaire teenager boy girl man woman
    mother father mum mom dad son daughter wife husband veteran victim survivor
    """
)
# What someone is, capitalised before their name as a sentence opens ("Commuter Jane
# Hughes said"); not an office, and not whom "the driver" means (often someone unnamed).
PERSON_DESCRIPTIONS = words(
    """
    commuter passenger shopper driver nurse patient pupil student parent neighbour
    neighbor voter worker farmer customer tourist visitor volunteer activist
    campaigner protester developer baker architect landlord tenant homeowner
    """
)
ORGANISATION_NOUNS = words(
    """
    company firm ministry agency group union party government authority court office
    council committee bank department organisation organization statement developer
    operator regulator campaign club association embassy kremlin airline carrier team
    university college school hospital network label studio retailer chain charity
    league newspaper publisher broadcaster station watchdog church museum startup
    magazine manufacturer automaker insurer lender utility institute foundation
    """
)

# Words that open the description of a speaker the text does not name ("one resident who
# asked not to be named", "a source close to the talks", "officials", "two witnesses").
UNNAMED_DETERMINERS = words(
    """
    a an one some two three four five six several many another other others few most
    numerous various
    """
)
UNNAMED_PEOPLE = words(
    """
    officials sources residents witnesses analysts experts economists diplomats aides
    critics observers insiders officers police investigators prosecutors authorities
    organisers organizers protesters activists campaigners locals neighbours neighbors
    villagers workers employees staff members lawmakers legislators politicians
    scientists researchers doctors nurses teachers parents students voters fans
    people relatives family friends colleagues
    """
)
UNNAMED_ADJECTIVES = words(
    """
    senior junior local western foreign government military security police health
    administration company industry party opposition unnamed anonymous
    """
)

# Words that make a run of capitalised words a place or an organisation, not a person.
NON_PERSON_WORDS = words(
    """
    forum union states federation ministry council party bank department university
    agency organization organisation company corp inc ltd group committee court house
    parliament assembly congress senate street road operation republic kingdom nations
    news times post journal airlines institute foundation association office army forces
    force guard police commission centre center authority energy airport port harbour
    harbor river valley sea gulf strait bay island islands coast mountains peninsula
    strip bank east west north south middle soviet arab emirates united summit
    conference exchange market index fund club league festival prize award cup games
    olympics church mosque temple hospital school college museum station bridge square
    palace plaza tower hall media broadcaster television radio network press agency
    reuters ministry bureau service services council treaty plan act accord accords pact city
    county province parish borough township prefecture oblast municipality day
    """
)

# Places of several words, none of which says so alone (`New York`, `Los Angeles`): a run
# of capitalised words that is one of them is no person (`he` cannot mean `New York`).
PLACE_NAMES = frozenset(
    (
        "new york",
        "new jersey",
        "new mexico",
        "new hampshire",
        "new zealand",
        "new delhi",
        "new orleans",
        "los angeles",
        "san francisco",
        "san diego",
        "san antonio",
        "san jose",
        "las vegas",
        "hong kong",
        "tel aviv",
        "abu dhabi",
        "kuala lumpur",
        "buenos aires",
        "sao paulo",
        "são paulo",
        "rio de janeiro",
        "sri lanka",
        "costa rica",
        "el salvador",
        "puerto rico",
        "saudi arabia",
        "st. louis",
        "st louis",
        "salt lake",
        "baton rouge",
        "santa monica",
        "santa barbara",
        "palo alto",
        "silicon valley",
        "wall street",
        "downing street",
        "capitol hill",
        "central park",
        "mexico city",
        "new york city",
        "kansas city",
    )
)

# Places wire copy names often enough to matter. Single words only; a run of capitalised
# words that contains one of NON_PERSON_WORDS is already not a person.
PLACES = words(
    """
    afghanistan albania algeria america andorra angola argentina armenia australia
    austria azerbaijan bahrain bangladesh belarus belgium bolivia bosnia brazil britain
    bulgaria cambodia cameroon canada chile china colombia congo croatia cuba cyprus
    czechia denmark ecuador egypt england estonia ethiopia europe finland france gaza
    georgia germany ghana greece guatemala haiti honduras hungary iceland india
    indonesia iran iraq ireland israel italy japan jordan kazakhstan kenya korea kosovo
    kuwait kyrgyzstan laos latvia lebanon libya lithuania luxembourg malaysia mali malta
    mexico moldova monaco mongolia montenegro morocco myanmar nepal netherlands
    nicaragua niger nigeria norway oman pakistan palestine panama paraguay peru
    philippines poland portugal qatar romania russia rwanda scotland senegal serbia
    singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan
    tajikistan tanzania thailand tunisia turkey turkmenistan uganda ukraine uruguay
    uzbekistan venezuela vietnam wales yemen zambia zimbabwe africa asia moscow tehran
    washington kyiv kiev beijing london paris berlin brussels jerusalem damascus baghdad
    ankara cairo riyadh tokyo delhi geneva vienna rome madrid warsaw minsk doha dubai
    isfahan natanz fordow petersburg gaza ramallah beirut us u.s. uk u.k. eu un nato
    opec iaea who alabama alaska arizona arkansas california colorado connecticut
    delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
    maryland massachusetts michigan minnesota mississippi missouri montana nebraska
    nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont wisconsin
    wyoming chicago boston seattle houston atlanta detroit denver miami dallas
    philadelphia baltimore brooklyn manhattan sacramento phoenix
    """
)
# Demonyms whose country does not share their first letters.
DEMONYMS = {
    "american": "united states",
    "u.s.": "united states",
    "us": "united states",
    "british": "united kingdom",
    "uk": "united kingdom",
    "u.k.": "united kingdom",
    "french": "france",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "turkish": "turkey",
    "polish": "poland",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "spanish": "spain",
    "greek": "greece",
    "irish": "ireland",
    "saudi": "saudi arabia",
    "emirati": "united arab emirates",
    "welsh": "wales",
    "scottish": "scotland",
}
DEMONYM_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "ic")

# Capitalised words that begin sentences or clauses but never names.
NOT_NAMES = words(
    """
    a an the in on at to of for from by with without about after before during while
    when whenever where why what how who whom whose which that this these those there
    here it its he she they his her their we our i you your my me him them us but and or
    nor so yet if unless although though because since as asked speaking earlier later
    meanwhile however still also then now today yesterday tomorrow tonight last next
    first second third one two three four five many some several most all both each
    every no not never key points takeaways conclusion january february march april may
    june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday mon tue wed thu fri sat sun jan feb mar apr jun jul
    aug sep sept oct nov dec is are was were be been has have had do does did will would
    can could should let like just even only such other another more less much very well
    over under despite beyond among between against within through across along around
    according instead rather whether stay read see for informed local
    """
)

# Numbers written out, which open a sentence capitalised (`Fifty-one percent say`, `Dozens
# gathered`): a count of people, never a name.
NUMBER_WORDS = words(
    """
    six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    hundreds thousand thousands million millions dozen dozens
    """
)


def is_number_word(folded: str) -> bool:
    """A number written out, hyphenated or not: "fifty", "fifty-one"."""
    return folded.split("-")[0] in NUMBER_WORDS


# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words(
    """
    mr mrs ms dr st sen rep gov gen lt col capt adm sgt prof jr sr inc co corp ltd no vs
    etc u.s u.k e.g i.e jan feb mar apr aug sept oct nov dec
    """
)

# Words before a quoted span that make it a title of a work, a name, or a term.
WORK_NOUNS = words(
    """
    book novel memoir film movie documentary song album play series show report article
    essay poem paper headline column episode podcast programme program painting opera
    musical exhibition slogan tagline catchphrase hashtag campaign motto anthem titled
    entitled reading sign signs banner banners placard placards
    """
)
# Nouns a term is given as the name of: "the technique called "mental chronometry"".
TERM_NOUNS = words(
    """
    technique method approach process procedure phenomenon concept theory effect
    condition syndrome disorder strategy practice tactic idea principle test task model
    movement trend style feature tool system scheme programme program initiative
    """
)
# Nouns of a grade a scale gives, the grade quoted after `of`: `a rating of "hazardous"`.
GRADE_NOUNS = words(
    """
    rating ratings grade grades category classification designation status level score
    """
)
# Words before a quotation that no one said, only seemed to: `as if to say "…"`.
HYPOTHETICAL_CUES = ("as if to say", "as though to say", "as if saying", "as though saying")
TERM_CUES = (
    "so-called",
    "the word",
    "the term",
    "the phrase",
    "the words",
    "known as",
    "nicknamed",
    "code-named",
    "codenamed",
    "the alias",
)

# Gender cues for he/she. Deliberately few: an unknown gender simply matches either.
FEMALE_WORDS = words(
    """
    mrs ms miss madam dame lady queen princess spokeswoman chairwoman congresswoman
    businesswoman she her anna maria mary elizabeth helena helen ingrid mara sarah emma
    olga irina natalia elena ana laura julia sophie marie anne claire karen linda susan
    lisa nancy angela hillary kamala ursula theresa margaret jacinda giorgia christine
    nadia fatima leila amira priya sanna kaja annalena liz sofia eva hanna hannah
    jennifer jessica ashley amanda stephanie nicole melissa rebecca michelle kimberly
    amy deborah dorothy barbara patricia jane janet joan judith katherine kathryn
    catherine kate rachel rose ruth sandra sharon shirley victoria alice grace fiona
    emily olivia charlotte amelia isabella chloe lucy jenny heather megan nancy paula
    diane donna carol cheryl denise tina tracy wendy yvonne zoe nicola gillian alison
    actress mother mum mom daughter wife girl woman sister grandmother widow
    ally allison andrea angie beth betty brenda brittany carrie cindy courtney crystal
    danielle diana ellen erin evelyn frances gloria gwen holly jacqueline jill joanne
    joy julie kathleen kathy kristen kristin lauren lori lynn martha meghan melanie
    monica natalie nina pamela peggy penelope rita sally samantha sara shannon sheila
    sonia sonya stacy teresa tiffany valerie vanessa vera virginia yolanda elaine
    carolyn debra mia ava abigail ella maya ruby chelsea kirsten greta nikki elise
    marsha tulsi rashida ayanna nadine agnes irene eleanor louise harriet
    ann gayle abby adriana aisha alexandra alexis alicia alyssa amber anita annie audrey
    becky bernice bonnie brianna brooke caitlin camila candace carla carmen caroline
    cassandra cecilia charlene christina claudia colleen connie cynthia debbie dolores
    doris edith eileen elisa ellie elsa emilia erica erika esther felicia florence gabriela
    gabrielle gail gina gretchen haley hazel heidi ida isabel jackie jasmine janice jeanne
    jenna jessie joanna jocelyn jodi josephine joyce juanita judy juliet kaitlyn kara karin
    katie katrina kayla kendra kristina lara latoya leah lena lillian lily lindsay lindsey
    liza lois loretta lorraine lucia lydia madeline marcia margarita marian marilyn marina
    marisa marjorie marlene maureen maxine melinda mercedes meredith michele mildred
    miranda miriam molly mona myra naomi natasha nora norma patti pauline phyllis
    priscilla rachael raquel regina renee rhonda roberta rosa rosemary roxanne sabrina
    samira selena serena sherry shelley silvia simone stella sue suzanne sylvia tamara
    tammy tanya tara terri thelma tracey trisha valentina veronica vicki vivian whitney
    wilma yasmin zainab carissa kristy dennise amrita renada bernadette
    """
)
MALE_WORDS = words(
    """
    mr sir lord king prince spokesman chairman congressman businessman he him his john
    james robert michael william david richard joseph thomas charles peter paul mark
    george donald joe barack vladimir sergei dmitry ali abbas hassan mohammed muhammad
    ahmed karl tomas thomas ilya emmanuel olaf boris rishi keir xi narendra benjamin
    recep volodymyr jens antonio pedro jan lars erik igor viktor pavel tom tim jim bob
    bill steve steven stephen brian kevin jason jeffrey jeff ryan gary eric scott
    matthew andrew daniel christopher anthony kenneth edward ed ronald mitch
    patrick sean timothy frank henry jack harry arthur walter ben nick nicholas greg
    adam alan alexander luis carlos jose juan miguel ahmad omar khalid father dad son
    husband boy man brother grandfather widower
    aaron adrian albert andy austin barry bernie brad brandon brett bruce bryan carl
    chad clarence craig curtis dale dan danny darren dave dennis derek doug douglas
    dustin earl elijah eugene evan franklin fred gavin gerald glenn gordon harold
    howard ian jacob jake jared jeremy jerry jesse joel johnny jon jonathan joshua
    justin keith ken kurt kyle lance larry lawrence leonard lewis louis marco marcus
    mario martin matt max mike mitchell nathan neil noah norman oliver oscar phil
    philip ralph randy raymond rick ricky rob rodney roger ron roy rudy russell samuel
    seth shane stanley stuart ted tony travis trevor troy vernon victor vincent wade
    wayne wesley willie zach nigel hugh rupert simon graham colin malcolm
    abdul abraham alberto alejandro alfredo alvaro amir andre andres angelo anton armando
    arnold arturo audley benny bernard billy blake bobby brendan brent bryce byron caleb
    calvin cecil cesar chris christian clifford clint clyde cody conrad cory darius
    darrell desmond devin diego dominic don donovan duane dylan eddie edgar eduardo edwin
    elliot elliott emilio enrique ernest ernesto esteban ethan everett fabian felix
    fernando floyd francis francisco frederick gabriel garrett gene gilbert giovanni
    gregory guillermo gustavo hank hans harvey hector herbert herman isaac ivan jacques
    jaime jamal javier jay jeffery jerome jimmy joaquin joey jorge josh julian julio
    kareem karim kent kirk lamar leo leon leroy lloyd lorenzo lucas luke manuel marc
    marvin mateo maurice melvin micah milton mohamed morris moses nathaniel neal nelson
    nikolai orlando owen pablo pete pierre rafael ramon randall raul reginald ricardo
    robbie roberto roland ronnie ruben salvador sam sammy santiago saul sebastian sergio
    sheldon sidney spencer stefan sylvester terrence terry theodore todd tommy tyler
    tyrone usman xavier yusuf zachary joachim klaus wolfgang dmitri alexei alexey yuri
    andrei mikhail nikita sergey francois laurent pascal marcel gerard hamid hussein
    mahmoud mustafa rashid tariq yasser kofi kwame ravi raj rahul amit arjun vijay sanjay
    hiroshi takeshi kenji
    """
)
