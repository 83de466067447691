"""Words and names for synthetic data, drawn the way natural language draws them.

Word frequencies follow Zipf's law: the word of rank r turns up in proportion to 1/r, so a
handful of function words make most of every text, a few thousand content words make the
rest, and a long tail of rare words (made-up ones here, past the English list) occurs a few
hundred times in a million-quote data set. That spread is what makes a search for a
common word expensive and one for a rare word cheap, as on real data.
"""

import itertools
import random


def _split(words: str) -> list[str]:
    return words.split()


# English function words, most common first; they lead the frequency ranking.
FUNCTION_WORDS = _split("""
the of and to a in that is was he for it with as his on be at by i this had not are but
from or have an they which one you were her all she there would their we him been has
when who will more no if out so said what up its about into than them can only other new
some could time these two may then do first any my now such like our over man me even most
made after also did many before must through back years where much your way well down
should because each just those people how too little state good very make world still own
see men work long get here between both life being under never day same another know while
last might us great old year off come since against go came right used take three
""")

# Content words of news about politics, the economy and public life, roughly by frequency.
CONTENT_WORDS = _split("""
government president minister country percent million police report week officials
billion election party economy public health security law money market court military
war plan tax support city national policy percent company children oil price prices
workers jobs budget trade deal talks leader leaders vote voters campaign senate congress
parliament nation nations border migrants immigration schools education hospital doctors
crime prison energy gas climate emissions water food farmers wheat grain exports imports
growth inflation interest rates bank banks debt spending deficit wages unemployment
housing rent families women men young older population census survey poll data study
research scientists vaccine virus pandemic disease cases deaths patients insurance
medicare pensions benefits welfare reform agreement treaty sanctions troops missile
attack strike drone army navy forces peace ceasefire conflict refugees aid embassy
ambassador foreign domestic federal regional local mayor governor senator lawmakers
committee investigation inquiry evidence witness judge trial verdict lawsuit ruling
constitution rights freedom press media newspaper television internet online social
platform technology industry factory manufacturing coal nuclear solar wind power
electricity cars roads railway airport transport infrastructure construction investment
investors shares stocks currency dollar euro exchange central reserve fund funding
grants contracts corruption fraud scandal resignation protest protests strike union
unions minimum salary income poverty rich poor crisis recession recovery record highest
lowest increase decrease rise fall doubled tripled halved cut cuts raised lowered
announced claimed promised denied warned admitted insisted argued suggested estimated
reported according official figures numbers statistics average total annual monthly
daily nearly almost around about exactly least most twice half quarter third million
thousand hundred dozens several since during across within without despite although
however because therefore never always often rarely already still again ever
""")

# Syllables for the made-up words of the long tail, and for names in other languages.
_ONSETS = _split("b br c ch d dr f g gr h j k kl l m n p pr r s sh st t tr v w z")
_NUCLEI = _split("a e i o u ai ea ou")
_CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "st"]

FIRST_NAMES = _split("""
Aaron Abigail Adam Adrian Agnes Ahmed Aisha Alan Albert Alexander Alice Amara Amelia Ana
Andrea Andrew Angela Anna Anton Arjun Arthur Aurora Barbara Beatriz Benjamin Bernard Boris
Brian Camille Carlos Carmen Caroline Catherine Cecilia Charles Chen Chloe Christina Claire
Clara Daniel David Deborah Diana Dmitri Donald Dorothy Edward Elena Elif Elizabeth Emeka
Emily Emma Eric Ethan Eva Fatima Felix Fernando Fiona Francesca Frank Gabriel George Grace
Hannah Hassan Helen Henry Hiroshi Ibrahim Ingrid Irene Isaac Isabel Ivan James Jane Javier
Jean Jennifer Jessica Joan John Jorge Jose Joseph Julia Karen Katarzyna Kenji Kevin Kofi
Laura Leila Leon Linda Lucas Lucia Luis Maria Mark Marta Martin Mary Matteo Mei Michael
Michelle Miguel Mohammed Nadia Natalia Nicholas Nina Olga Oliver Olivia Omar Pablo Patricia
Paul Pedro Peter Priya Rachel Rafael Rahul Ravi Rebecca Richard Robert Rosa Ruth Samuel Sara
Sean Sergei Simon Sofia Sophie Stefan Stephen Susan Tanya Thomas Timothy Valentina Victor
Viktor Walter William Yara Yusuf Zainab Zoe
""")

LAST_NAMES = _split("""
Abbott Adeyemi Alvarez Andersen Arslan Bakker Banerjee Barros Becker Bennett Berg Bianchi
Bondarenko Brooks Brown Campbell Carter Castro Chang Chowdhury Clarke Cohen Costa Cruz
Daniels Dasgupta Davies Diaz Dubois Dunn Edwards Eriksson Evans Farouk Fernandes Fischer
Fitzgerald Fontaine Garcia Gonzalez Gordon Graham Gupta Haddad Hansen Harris Hassan Hayes
Hernandez Hoffmann Hughes Ibrahim Ivanova Jackson Jansen Johansson Johnson Jones Kaplan
Kelly Khan Kim Klein Kowalski Kozlov Kumar Larsen Laurent Lee Lewis Lindqvist Lopez Lund
Mahmoud Marino Martin Martinez Mendes Meyer Miller Mitchell Moreau Morris Murphy Nakamura
Nguyen Nielsen Novak Obi Okafor Olsen Ortiz Osei Park Patel Pereira Petrov Phillips Popescu
Quinn Ramirez Reed Reyes Richter Rivera Roberts Rodriguez Romano Rossi Russo Santos Sato
Schmidt Schneider Schulz Scott Shapiro Silva Singh Smith Sokolov Sorensen Stewart Suzuki
Tanaka Taylor Thomas Thompson Torres Turner Vargas Vasquez Volkov Wagner Walker Wang Watson
Weber Williams Wilson Wright Yamamoto Yilmaz Young Zhang Zimmermann
""")

COUNTRIES = _split("""
Argentina Australia Austria Belgium Brazil Canada Chile China Colombia Denmark Egypt
Estonia Finland France Germany Ghana Greece Hungary India Indonesia Iran Ireland Israel
Italy Japan Kenya Latvia Lithuania Mexico Morocco Netherlands Nigeria Norway Pakistan Peru
Poland Portugal Romania Russia Serbia Singapore Spain Sweden Switzerland Turkey Ukraine
""")

ROLE_TITLES = [
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Finance Minister",
    "Health Minister",
    "Minister of Defence",
    "Senator",
    "Member of Parliament",
    "Governor",
    "Mayor",
    "Central Bank Governor",
    "Opposition Leader",
    "Party Chair",
    "Spokesperson",
    "Chief Executive",
    "Ambassador",
    "Army Chief of Staff",
    "Trade Union Leader",
]

ORGANISATION_KINDS = [
    "Ministry of Finance",
    "Ministry of Health",
    "Ministry of Defence",
    "Ministry of Foreign Affairs",
    "National Statistics Office",
    "Central Bank",
    "Electoral Commission",
    "Chamber of Commerce",
    "Federation of Trade Unions",
    "Green Party",
    "Labour Party",
    "Conservative Party",
    "Liberal Party",
    "Armed Forces",
    "Police Service",
    "Energy Agency",
]

TOPICS = [
    "Economy",
    "Inflation",
    "Jobs and wages",
    "Taxes",
    "Public debt",
    "Trade",
    "Energy",
    "Climate",
    "Health care",
    "Vaccines",
    "Education",
    "Housing",
    "Immigration",
    "Crime",
    "Elections",
    "Corruption",
    "Defence",
    "Foreign policy",
    "Ukraine war",
    "Middle East",
    "Agriculture",
    "Transport",
    "Technology",
    "Media",
    "Human rights",
    "Pensions",
    "Welfare",
    "Environment",
    "Water",
    "Science",
]

OCCASIONS = [
    "a press conference",
    "a campaign rally",
    "a television interview",
    "a radio interview",
    "a parliamentary debate",
    "a party congress",
    "a news briefing",
    "an economic forum",
    "a security conference",
    "a town hall meeting",
    "a summit of leaders",
    "a speech to the nation",
    "a committee hearing",
    "a podcast",
    "a post on social media",
]

SPEECH_VERBS = ["said", "told reporters", "said on Tuesday", "added", "insisted", "argued"]


class Vocabulary:
    """A Zipf-distributed word source: `words(n)` draws n words by frequency.

    Drawing from a weighted distribution one word at a time costs a bisection each; a
    table in which each word stands as often as its share of text makes every draw a
    uniform pick instead (random.choices without weights), several times faster. The
    table has 2**22 slots, so even the rarest word stands at least once.
    """

    TABLE_SIZE = 1 << 22

    def __init__(self, rng: random.Random, size: int = 40_000, exponent: float = 1.0):
        self.rng = rng
        self.ranked = list(dict.fromkeys(FUNCTION_WORDS + CONTENT_WORDS))
        self.ranked += itertools.islice(_made_up_words(rng, set(self.ranked)), size)
        self.ranked = self.ranked[:size]
        harmonic = sum(1 / (rank**exponent) for rank in range(1, len(self.ranked) + 1))
        table: list[str] = []
        for rank, word in enumerate(self.ranked, start=1):
            share = 1 / (rank**exponent) / harmonic
            table.extend([word] * max(1, round(share * self.TABLE_SIZE)))
        self._table = table
        # Words of the middle and end of the ranking, for rare-word and foreign text.
        self._tail = self.ranked[len(self.ranked) // 2 :]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(self._table, k=count)

    def sentence(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def foreign_sentence(self, low: int, high: int) -> str:
        words = self.rng.choices(self._tail, k=self.rng.randint(low, high))
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def rank_of(self, word: str) -> int:
        return self.ranked.index(word) + 1


def _made_up_words(rng: random.Random, taken: set[str]):
    """Pronounceable words no dictionary has: the rare tail of the vocabulary."""
    while True:
        syllables = rng.choice((1, 2, 2, 2, 3, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_NUCLEI) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if word not in taken and 3 <= len(word) <= 12:
            taken.add(word)
            yield word


def zipf_weights(count: int, exponent: float = 1.0) -> list[float]:
    """Cumulative weights for random.choices: item i is drawn in proportion to 1/(i+1)^s."""
    return list(itertools.accumulate(1 / (rank**exponent) for rank in range(1, count + 1)))
