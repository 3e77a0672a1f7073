"""The cues of speech a sentence may print: verbs of saying, claiming, urging, denying and
thinking in all their forms, the phrases that do the same ("called for", "according to", "is
critical of"), and which of them are cues only in some company."""

import re

from clippings.text import word_list

# Verbs of saying, thinking and claiming, by their base form; their forms are made below.
_REGULAR = word_list(
    """
    add announce claim deny accuse urge warn state declare insist argue assert contend note
    explain report tweet acknowledge admit confirm reveal predict promise vow pledge suggest
    stress emphasize emphasise complain boast joke recall concede reply respond testify estimate
    believe hope fear worry agree disagree criticize criticise praise blast slam condemn
    question propose recommend demand threaten allege speculate caution advise assure remind
    inform indicate signal hint describe conclude counter retort quip muse lament mention
    reiterate tout blame dismiss reject decry lambaste mock charge cite characterize label
    swear guarantee confess proclaim advocate recount wonder ask call push maintain
    observe suspect doubt forecast insinuate theorize opine post remark repeat
    continue support oppose endorse back favor favour want seek press defend
    attack highlight discuss address refer intend expect consider
    view regard name decline refuse approve list express raise offer learn
    understand decide prefer like love enjoy hate dislike dispute challenge downplay project
    anticipate wish encourage appeal plead invite instruct order notify publish email detail
    outline unveil release disclose imply tease protest object concur reckon assume
    suppose guess imagine recognize recognise realize realise accept embrace welcome applaud
    hail laud commend celebrate cheer brag champion promote lobby pressure denounce ridicule
    lash rip target characterise trust distrust determine focus vote
    regret disparage demonize rebuke implore echo deride scorn berate chide castigate excoriate
    assail bash fault skewer taunt belittle deplore rebuff spurn extol beg posit surmise bemoan
    grumble gripe fret scoff sneer ponder underscore reaffirm reassert relay convey broach
    petition rebut refute contradict perceive foresee envision envisage presume deem
    contemplate dread resist underline clarify specify elaborate attest verify corroborate
    profess avow disavow repudiate renounce retract recant apologize apologise thank
    congratulate credit pillory vilify smear malign insult lampoon minimize minimise
    answer exclaim shout yell whisper mutter murmur interject
    """
)
_IRREGULAR = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "think": ["think", "thinks", "thought"],
    "feel": ["feel", "feels", "felt"],
    "know": ["know", "knows", "knew"],
    "see": ["sees", "saw"],
    "find": ["found", "finds"],
    "show": ["show", "shows", "showed"],
    "swear": ["swore", "sworn"],
    "speak": ["spoke"],
    "choose": ["chose", "chosen", "choose", "chooses"],
    "seek": ["sought"],
}


_DOUBLING = {"slam", "quip", "admit", "regret", "rebut", "rip", "plan", "prefer", "refer", "commit"}


def _forms(verb):
    if verb.endswith("e"):
        stem = verb[:-1]
        return [verb, verb + "s", verb + "d", stem + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("sh", "ch", "ss", "x")):
        return [verb, verb + "es", verb + "ed", verb + "ing"]
    if verb in _DOUBLING:
        doubled = verb + verb[-1]
        return [verb, verb + "s", doubled + "ed", doubled + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


VERB_FORMS = {form for verb in _REGULAR for form in _forms(verb)}
VERB_FORMS |= {form for forms in _IRREGULAR.values() for form in forms}
# Forms that, in news, name something else far more often than a saying: "shares", "states",
# "the release", "voted", "raised money", "saw", "chose".
VERB_FORMS -= {
    *_forms("raise"),
    *_forms("celebrate"),
    *_forms("release"),
    *_forms("publish"),
    *_forms("continue"),
    *_forms("appeal"),
    *_forms("offer"),
    *_forms("vote"),
    *_forms("like"),
    *_forms("observe"),
    *_forms("press"),
    "state",
    "states",
    "questions",
    "question",
    "report",
    "reports",
    "remarks",
    "remark",
    "note",
    "notes",
    "saw",
    "sees",
    "chose",
    "chosen",
    "choose",
    "chooses",
    "spoke",
    "know",
    "knows",
    "knew",
    "advocates",  # "refugee advocates said"
}
# Forms too often something else: only a cue with a speaker before them.
AMBIGUOUS = set(
    word_list(
        """
    post posts posting call calls calling charge charges report reports question questions
    counter signal signals label labels push pushed pushing pushes show shows shown observe
    found finds knows knew feels felt hope hopes fear fears worry doubt promise promises
    estimate estimates note notes tout ask cite cited mention reply tweet tweets blame joke
    jokes add adds added state states stated thought praise concern forecast demand demands mock
    maintain spoke recall recalled recalls respond responded forecasts advocate called support
    supports back backs backed want press attack attacks view views name names named list lists
    listed share shares shared raise raises raised offer offers offered like love order orders
    ordered release releases released detail details address addresses addressed target targets
    targeted plan plans planned vote votes voted lash rip rips ripped email emails project
    projects projected appeal appeals protest protests accept accepts accepted welcome welcomes
    welcomed learn learned learns expect expects expected consider considers considered object
    objects hail cheer cheers decline declined declines publish published publishes unveil
    unveiled unveils wish wishes pressure pressured promote promoted promotes enjoy enjoys
    enjoyed likes liked loves loved hate hates understand understands decide decides decided
    discuss discussed prefer prefers preferred regard regards regarded refer refers referred
    instruct challenge challenges challenged echo echoes echoed sought trust trusts trusted
    underscore underscores underscored answer answers answered shout shouts
    """
    )
)
# Cues a speaker may follow: "…,” said Trump", "added Mr. Gidley".
INVERTIBLE = set(
    word_list(
        """
    said says added adds wrote writes asked asks continued explained noted recalled argued
    insisted replied declared warned tweeted claimed concluded countered observed remarked
    stated suggested acknowledged admitted complained joked quipped answered exclaimed shouted
    interjected whispered
    """
    )
)
PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were|been|be|keeps|kept|[’']s|[’']re|[\w]+ly)\s+$", re.IGNORECASE
)
# Cues only a poll, a study or a report utters.
FINDINGS = {"show", "shows", "showed", "found", "finds"}
FINDER = re.compile(
    r"\b(?:polls?|polling|surveys?|study|studies|report|data|analysis|results|figures|numbers|"
    r"research|researchers|review|audit|investigation|probe|inquiry|census|count|tally|"
    r"records?|documents?|memo|filings?|emails?|investigators)\b|^(?:it|they)$",
    re.IGNORECASE,
)
PARTICIPLE_INTRODUCERS = re.compile(r"(?:,|\bby|\bwhile|\bafter|\bbefore)\s*$")
# Attitudes the writer attributes: "is critical of", "were worried about", "remains confident".
_ATTITUDES = (
    "critical|skeptical|sceptical|supportive|opposed|worried|concerned|angry|upset|confident|"
    "optimistic|pessimistic|nervous|tired|afraid|proud|wary|fond|aware|convinced|sure|certain|"
    "glad|happy|unhappy|disappointed|frustrated|satisfied|dissatisfied|comfortable|"
    "uncomfortable|eager|reluctant|willing|unwilling|determined|committed|hopeful|doubtful|"
    "adamant|insistent|furious|outraged|alarmed|troubled|excited|enthusiastic|cautious|"
    "dismissive|sympathetic|hostile|open|resistant|unsure|uncertain|convinced|persuaded|"
    "in favor|in favour|against|interested|intent|keen|quick|slow|careful|clear|vocal|silent|"
    "mum|quiet|loath|ready|bent"
)
PHRASES = [
    rf"(?:is|are|was|were|been|be|remains?|remained|seems?|seemed|appears?|appeared|feels?|felt|"
    rf"became|becomes?|grew|grows?|got|gets?)\s+(?:\w+ly\s+|not\s+|so\s+|very\s+|more\s+|"
    rf"less\s+|increasingly\s+|deeply\s+|highly\s+)*(?:{_ATTITUDES})\b"
    rf"(?:\s+(?:of|about|with|to|that|in|by|on|toward|towards|over|for))?",
    r"was quoted (?:as saying|as telling\b[^,.]*?|by [^,.]+? as saying)",
    r"(?:has |have |had )?called (?:for|on)",
    r"calls? (?:for|on)",
    r"(?:pointed|points|point) out",
    r"(?:made|makes) (?:the|a) (?:case|claim|point|argument)",
    r"(?:took|takes) (?:to|issue with)",
    r"went on to say",
    r"(?:put|puts) it",
    r"(?:pointed|points|point|pointing) to",
    r"(?:referred|refers|referring) to",
    r"(?:came|comes|come) out (?:against|for|in favor of)",
    r"(?:took|takes|take) aim at",
    r"(?:lashed|lashes) out at",
    r"(?:talked|talks|talk|talking|spoke|speaks|speak) (?:about|of)",
    r"(?:touched|touches|touch|touching) (?:on|upon)",
    r"(?:makes|made|make) no apolog(?:y|ies) for",
    r"(?:campaigned|campaigns|campaigning) (?:against|for|on)",
    r"(?:lined|lines|lining|line) up behind",
    r"(?:rallied|rallies|rallying) (?:behind|around)",
    r"(?:threw|throws|throwing|thrown) (?:his|her|their|its) (?:support|weight) behind",
    r"(?:weighed|weighs|weighing) in (?:on|with)",
    r"(?:weighed|weighs|weighing) whether",
    r"(?:spoke|speaks|speaking|spoken) out (?:against|for|about|on)",
    r"(?:sided|sides|siding) with",
    r"(?:pushed|pushes|pushing|pressed|presses|pressing|asked|asks|argued|argues) for",
    r"(?:is|was|are|were) (?:reported|quoted|cited|expected) (?:as saying|to say)",
    r"(?:would |will )?(?:voted|votes|vote|voting) (?:for|against)",
    r"(?:plans|planned|planning) to",
    r"(?:sees|see|seeing)(?=\s[^,.;]{1,60}?\sas\s)",  # "developers see golf courses as …"
    # Forms that are other words unless "that" follows: "the Associated Press reports that".
    r"(?:reports|reported|notes|noted|states|knows|knew|know|sees|saw|figures|figured|"
    r"remarks|learned|learns|hears|heard|reads|read)(?=\s+that\s)",
]
_VERBS = "|".join(sorted(VERB_FORMS, key=len, reverse=True))
# Not a part of a compound: "back-and-forth", "self-proclaimed", "so-called".
CUE = re.compile(rf"(?<![\w]-)\b(?:{'|'.join(PHRASES)}|{_VERBS})\b(?!-\w)", re.IGNORECASE)
ACCORDING_TO = re.compile(r"\b(?:according to|in the words of|as (?:told|reported) by)(?=\s)", re.I)


# Verbs whose complement is what was said: after them "in a statement" is how, not what.
SAYING = (
    set(_IRREGULAR["say"] + _IRREGULAR["tell"] + _IRREGULAR["write"])
    | {
        form
        for verb in (
            "add",
            "announce",
            "state",
            "declare",
            "note",
            "explain",
            "report",
            "post",
            "tweet",
            "testify",
            "reply",
            "respond",
            "comment",
            "remark",
            "continue",
            "claim",
            "argue",
            "insist",
            "warn",
            "acknowledge",
            "admit",
            "confirm",
            "write",
        )
        for form in _forms(verb)
    }
    | {"spoke", "speaks", "speak", "talked", "talks", "was"}
)


# Speech the writer names as a thing someone said: "Trump's call for a ban", "her support for
# the deal", "the senator's criticism of the plan".
_SAID_THINGS = (
    "call|calls|support|criticism|criticisms|endorsement|opposition|proposal|proposals|pledge|"
    "promise|promises|vow|claim|claims|assertion|insistence|refusal|warning|warnings|argument|"
    "arguments|remarks|comments|comment|suggestion|demand|demands|threat|threats|accusation|"
    "accusations|allegation|allegations|denial|praise|attack|attacks|defense|defence|embrace|"
    "rejection|dismissal|push|plea|appeal|request|complaint|complaints|concerns|doubts|"
    "views|view|stance|position|positions|description|characterization|assessment|prediction|"
    "predictions|apology|admission|acknowledgment|acknowledgement|announcement|declaration|"
    "decision|refusal|plan|plans|intention|intent|desire|goal|bid|reluctance|"
    "determination|commitment|hope|hopes|fear|fears|belief|beliefs|disdain|distaste|contempt|"
    "disapproval|approval|backing|advocacy|condemnation|objection|objections|reaction|"
    "response|message|pitch|case"
)
NOMINAL = re.compile(
    r"(?P<who>\b(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*[’']s)\s+"
    r"(?:\w+\s+)?"
    rf"(?P<cue>(?:{_SAID_THINGS})\s+(?:for|of|to|that|on|against|about|with))\b"
)


# What the writer reports as seeming, expected or believed, no one named: "Investors seem to
# agree", "Clinton is widely expected to win", "the deal is seen as a setback".
HEDGE = re.compile(
    r"\b(?:(?:seems?|seemed|appears?|appeared)\s+(?:to|like)|reportedly|allegedly|"
    r"purportedly|supposedly|"
    r"(?:is|are|was|were|be|been)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+)*"
    r"(?:expected|likely|unlikely|seen|viewed|considered|believed|thought|poised|"
    r"rumou?red|said|reported|understood)\s+(?:to|as)|it\s+is\s+(?:\w+ly\s+)?(?:expected|"
    r"believed|thought|hoped|feared|understood|unclear|clear)\s+(?:that|whether))\b",
    re.IGNORECASE,
)
# Sayings and beliefs named as a thing, what they hold following "that": "an admission from
# Elizabeth Warren that …", "complaints that it was underfunded", "his insistence that …".
_CLAIM_NOUNS = (
    "claims?|suggestions?|assertions?|insistence|beliefs?|complaints?|admission|"
    "disappointment|recognition|concerns?|fears?|hopes?|warnings?|arguments?|notion|ideas?|"
    "allegations?|accusations?|charges?|observation|findings?|promises?|pledges?|"
    "predictions?|conviction|signs?|evidence|reports?|news|assurances?|speculation|"
    "rumou?rs?|expectations?|assumption|impression|perception|sense|acknowledge?ment|"
    "statements?|announcement|confirmation|denials?|contention|theory|view"
)
CLAIM_THAT = re.compile(
    rf"\b(?P<cue>(?:{_CLAIM_NOUNS}))"
    r"(?:\s+(?:from|by)\s+(?P<who>[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*){0,3}))?"
    r"\s+that\s",
    re.IGNORECASE,
)


# A cue in the passive with its speaker after "by": "a plan criticized by unions", "was
# endorsed last week by the Times".
_PARTICIPLES = "|".join(
    sorted(
        (form for form in VERB_FORMS if form.endswith("ed") or form in {"written", "told"}),
        key=len,
        reverse=True,
    )
)
PASSIVE_BY = re.compile(
    rf"\b(?P<cue>(?:{_PARTICIPLES}))\s+(?:\w+ly\s+|(?:last|this|on|in)\s+\w+\s+)?by\s+"
    r"(?P<who>(?:the\s+|a\s+|an\s+)?(?:[\w’'.&%-]+\s+){0,6}?[\w’'.&%-]+)"
    r"(?=\s*(?:[,;:!?)—–]|\.(?!\d)|$|\s(?:and|but|as|who|which|that|in|on|at|for|to|after|before|"
    r"during|because|while|over|with)\b))",
    re.IGNORECASE,
)
