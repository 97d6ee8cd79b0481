"""Word lists the matcher needs beyond the content: function words and intent cues.

Every list is written naturally, per language, and folded at import with the same
folding as the messages, so "поговорити", "pohovoryty" and "pogovorit" all meet.
"""

from __future__ import annotations

from bot.search.fold import fold, prefixes, words


def folded(*phrases: str) -> frozenset[str]:
    """The prefixes of every word of the phrases: matches every inflected form."""
    return frozenset(
        item for phrase in phrases for word in phrase.split() for item in prefixes(word)
    )


def stems(*phrases: str) -> frozenset[str]:
    """The index stems of every word of the phrases (bot.search.fold.stem)."""
    return frozenset(item for phrase in phrases for item in fold(phrase))


def exact(*phrases: str) -> frozenset[str]:
    """The whole sound keys of the words: matches only these forms. For short words
    whose stem would also be the start of a topic word ("сколько" / "školka",
    "human" / "humanitární")."""
    return frozenset(key for phrase in phrases for word in phrase.split() for key in words(word))


# Words that carry no topic: they would make every question look a little like every
# article. Czech, Ukrainian (also Latin), Russian and English. Exact forms, not stems.
STOPWORDS = exact(
    # Czech
    "a i o u v ve z ze s se si na do od po pro při za k ke je jsou byl bude mám máme má "
    "bych bys by jsi jej ji jí mu ho nich něj tom tomu toho této tyto "
    "mít mi mě mne můj moje moji jak jaký jaká jaké kde kdy kdo co proč kolik který která které "
    "to ten ta ty tam tady tento tato nebo ale že aby když jestli zda už jen také taky jsem "
    "jste jsme nějaký nějaké něco musím musí můžu může můžeme mohu lze potřebuji chci "
    "prosím dobrý den ahoj děkuji vás vám nás nám jeho její jejich tak ještě "
    "ani tedy vůbec velmi moc hodně všechno všichni vše všech jenom pouze dokonce teď nyní "
    "potom pak zde prostě potřebuju potřebujeme potřebujete chtěl chtěla chtěli chceme "
    "byla byli bylo svůj svoje své svou svých svým toto takový taková takové kam odkud "
    "sám sama náš naše naši váš vaše přes před mezi já on ona ono oni mnou tebe tobě "
    "něm nimi nějak někde nikam nic nemám nemá nemáme není nejsou nemůžu nechci nechce "
    "děkuju dík díky včera dnes zítra teda jo ano ne mně kterou kterého kteří abych "
    "řekli říkají říká vím nevím vedle dělat udělat chceš chtějí říkal řekl řekla pravda "
    "jako kolika existuje tebou jemu někdo nikdo vždy nikdy někdy často hned znovu skoro "
    "spolu zvlášť asi protože pokud zatím mohl mohla můžete budu budeme budou "
    "musíme musíte musejí nachází nacházejí žijeme smím smíme smí smějí kvůli tu než právě "
    "sem vlastně náhodou",
    # Ukrainian
    "і й та а але в у на з із зі до від по для про при за що як який яка яке які де коли хто "
    "чому скільки чи це цей ця ці той та ті там тут мені мене мій моя моє мої ми нам нас ви вам "
    "вас він вона вони їх його її є був була буде бути можна треба потрібно мушу можу хочу "
    "якщо щоб вже ще також так ні не нема немає будь ласка дякую привіт добрий день "
    "його її їм їй йому цього цьому цієї свій своє свою мою моєї "
    "або ж же б би ось взагалі дуже все всі весь вся всього всю яку якого якій якому "
    "котрий тільки лише навіть зараз тепер потім тоді теж просто може потрібна потрібен "
    "потрібні сказали кажуть каже знаю підкажіть скажіть хотів хотіла хочемо були було "
    "своя свої свого своїх такий така таке такі куди звідки навіщо сам сама самі наш наша "
    "наші ваш ваша ваші над через перед між я ти воно тебе тобі нього неї ними них щось "
    "якось десь нікуди нічого вчора сьогодні завтра ну так ок добре є після біля робити зробити "
    "хоче хочеш хочете хочуть хотіли сказав сказала маю має мають правда "
    "якийсь якась якесь якісь щодо бо себе собі своєї своїм своєю своїми "
    "мною тобою ним нею хтось комусь йти іти піду підемо ходити нами вами яким якими якою "
    "цим цією цих цими тією тими всім всіма завжди ніколи іноді одразу знову майже разом "
    "окремо мабуть напевно ніби наче тобто зокрема хіба поки маємо маєте міг могла "
    "можемо можете зможу зможемо будемо буду будуть "
    "ким знаходиться знаходяться живемо мужик мужика мужики саме власне "
    "shcho yak chy tse mene meni ya my vy mozhna treba "
    # Russian
    "и в во на с со к ко по для про при за что как какой какая какое какие где когда кто "
    "почему сколько ли это этот эта эти тот там тут мне меня мой моя моё мои мы нам нас вы "
    "вам вас он она они их его ее её есть был была будет можно нужно надо могу хочу "
    "если чтобы уже еще ещё тоже так нет не пожалуйста спасибо здравствуйте привет "
    "без ему ей этого этому свой свою мою моей меня "
    "или либо а но да же бы вот вообще очень всё все весь вся всех всего который "
    "которая которое которые которую котором которой только даже сейчас теперь потом "
    "тогда здесь также просто может нужна нужен нужны сказали говорят говорит сказал "
    "знаю подскажите скажите хотел хотела хотим были было своя свои своего своих такой "
    "такая такое такие куда откуда зачем сам сама сами наш наша наши ваш ваша ваши о об "
    "от из до над через перед между я ты оно тебя тебе него нее неё ней им ими них "
    "что-то кто-то как-то где-то никуда ничего вчера сегодня завтра ну ок хорошо после "
    "возле около делать сделать какую какого каком каким какими чем хочет хотят хочешь хотите хотели говорил говорила имею "
    "имеет правда своей своим своё своими должен должна должны себе "
    "мной мною тобой тобою ним нею кто-нибудь кому-то идти пойти пойду пойдём ходить "
    "себя мог могли можете смогу сможете будем буду будут разве хотя пока чтоб раз кого "
    "чему чего кем нему тем тех те всем всему всеми везде всегда никогда иногда часто "
    "сразу снова опять почти вместе отдельно нами вами "
    "какому берет берёт берут находится находятся живём живем именно shto jesli ",
    # English
    "a an the and or but of in on at to for from with by about as is are was were be been "
    "am do does did have had i me my mine we our you your he she it they them their this "
    "that these those there here what which who whom when where why how can could should "
    "would will shall may might must need want please hi hello thanks thank yes no not any "
    "some much many get got all now only just also then than so very too if because still "
    "again already even every other another same such own its im ive dont doesnt didnt "
    "cant wont isnt arent said says say told tell know think came come go goes went make "
    "made take took give gave like till til really actually basically something anything "
    "everything one ok okay his her him us into over let lets way thing things lot more most "
    "less well yesterday today tomorrow dear wants wanted wanna true after before through "
    "between "
    "during while since until out don doesn didn myself yourself someone somebody "
    "everyone nobody always never sometimes often almost together maybe perhaps probably "
    "whether though although unless yet quite rather able pls plz thx needed somewhere "
    "anywhere everywhere anyone anybody whatever whenever wherever exactly",
    # Polish: EU workers from Poland write in their own language (the Czech and
    # Slovak function words above already cover Slovaks)
    "czy się sie nie jest jestem jesteśmy jestes jesteś mamy muszę musze muszą moge mogę "
    "może moze można mozna gdzie kiedy ile dlaczego który która które żeby zeby albo "
    "oraz przez dla jeszcze już juz też tez mnie mój moja moje ja wy oni tylko bardzo "
    "proszę prosze dziękuję dziekuje witam dzień dzien dobry trzeba",
    # Latin Russian and Ukrainian "how much" (the Cyrillic forms are above)
    "kolko skolko skilky skilki",
    # Thanks, apologies and fillers of chat, which folded like topic words
    # ("sorry" like "sore", "угу" like "učit") or weighed as unknown words.
    "sco shco proshu nada shtob ladno spasybi vybachte probachte izvinite "
    "прошу нада штоб хоть хоча ага угу ладно окей спс пасиба спасибі дяк тре тра "
    "вибачте пробачте извините promiňte omlouvám omlouvam pardon sorry sorri sori",
    # Weights: no article is about them, and "kilo" folds like "kill" ("jak zhubnout 10
    # kilo" was answered with victim-support).
    "kilo kila kil kilogram kilogramy kilogramů kilogramu kg кіло кілограм кілограмів "
    "кило килограмм килограмма килограммов kilos kilograms",
)

# Plzeň's streets carry the names of countries and towns ("Americká třída", "Klatovská",
# "Rokycanská"): a name next to one of these words is an address, not a question about
# America or Klatovy (bot.search.index.QueryTerms.street_names).
STREET_WORDS = exact(
    "ulice ulici ulicí ul třída třídy třídě třídu třídou tř náměstí náměstím nábřeží",
    "вулиця вулиці вулицю вул улица улице улицу ул",
    "vulytsia vulytsi vulica ulitsa ulica",
    "street st avenue",
)
# Greetings name a time of day that is also a topic word ("evening courses", "noční
# klid"), small talk a word that is also a topic ("справи" are also cases at an office):
# as a pair they say nothing, wherever they stand. Whole forms, word after word.
GREETINGS: frozenset[tuple[str, ...]] = frozenset(
    tuple(words(phrase))
    for phrase in (
        "dobrý večer", "dobré ráno", "dobré odpoledne", "dobrou noc",
        "добрий вечір", "доброго вечора", "доброго ранку", "добрий ранок", "доброї ночі",
        "dobryi vechir", "dobryj vechir", "dobrogo vechora", "dobroho vechora",
        "добрый вечер", "доброго вечера", "доброе утро", "доброго утра", "доброй ночи",
        "dobryi vecher", "dobryj vecher", "dobriy vecher",
        "good evening", "good morning", "good afternoon", "good night",
        # The service's team greeted, not the city's crisis team.
        "hi team", "hello team", "hey team", "dear team",
        "як справи", "yak spravy", "как дела", "kak dela",
    )
)  # fmt: skip


# Everyday words that name no topic of this service: shopping, prices, quality, time,
# places in general. Content needs them ("where to buy fireworks", "nearest police
# station", "drilling on Sunday"), so they are indexed, but a message whose only
# matches are such words ("where can I buy a good laptop", "коли зачиняється Лідл у
# неділю") is about something else. The index weighs them down (GENERIC_WEIGHT).
# Stems, as the index stores them: only words whose stem is not also a topic word in
# another language. Left out for that reason: "працює" (its stem is "práce"), "місто"
# ("městská policie"), "продати" ("продовжити"), "ціна" ("trestný čin"), "price"
# ("приїхати"), "internet" ("interpreter"), "люди" ("люди в жилетах"), "obchod"
# ("obchod s lidmi"), "expensive" ("expires").
GENERIC_STEMS = stems(
    # Czech
    "koupit koupím koupil levný levně levnější drahý dražší cena "
    "ceny stojí dobrý dobrou nejlepší lepší nejbližší blízko otevřeno zavřeno zavírá "
    "otevírá den dny týden týdně měsíc hodina hodiny neděle sobota víkend "
    "narozeniny kamarád kamarádi nový nová staré malý "
    "aplikace aplikaci mobil výlet "
    "dva dvě dvou tři tří třech čtyři čtyř",
    # Ukrainian
    "купити куплю дешевий дешево дорогий дорого коштує гарний "
    "хороший найкращий кращий найближчий найближча близько відчинено зачинено зачиняється "
    "відкривається день дні тиждень місяць година неділя неділю субота вихідні "
    "порекомендуйте новий нова старий "
    "малий магазин магазині додаток мобільний "
    "два дві двох три трьох чотири чотирьох",
    # Russian
    "купить куплю дешевый дешево дорогой дорого стоит хороший "
    "хорошую лучший лучше ближайший ближайшая близко открыто закрыто закрывается "
    "открывается день дни неделя месяц воскресенье суббота выходные "
    "посоветуйте порекомендуйте новый новая старый большой маленький "
    "магазин магазине приложение мобильный "
    "двух трёх трех четыре четырёх",
    # English
    "buy bought sell sold cheap cheaper cheapest cost costs good "
    "best better nearest near close closes closed open opens day days week month hour "
    "sunday saturday weekend birthday friend friends recommend new old "
    "big small shop store app online mobile morning tomorrow today mum mom "
    "two three four five six",
)

# Words that only colour a question made of function words ("а ви хто взагалі?", "so
# who are you anyway"): left out when it is compared with such a keyword.
FILLER_WORDS = exact(
    "a ale tak teda vlastně vůbec",
    "а ну так то взагалі власне же",
    "вообще собственно",
    "so well actually anyway then",
)

# Word forms read as another word before matching. "Робот" folds like "робота" (work),
# so "ты робот?" met the work articles; asked of the bot, it means "bot". The city's
# German and Russian names are Plzeň: "Pilsen" folds like "pills" and sent "dentist in
# Pilsen" to the health-advice topic.
READ_AS: dict[str, str] = {
    **dict.fromkeys(exact("robot robotem робот роботом"), words("bot")[0]),
    **dict.fromkeys(
        exact("pilsen pilzen pilzne pilzni пильзень пильзене пильзеня пільзень пільзені"),
        words("Plzeň")[0],
    ),
}

# Asking for a person: a talking (or chatting: "chci psát s člověkem") word shortly
# before a person word ("chci mluvit s člověkem", "connect me to an operator"), a person
# word next to "bot" ("людину, а не бота"), or a direct person word almost alone
# ("оператор", "human please"). Exact forms.
PERSON_WORDS = exact(
    "člověk člověkem člověka člověku živý živým živou živého skutečným operátor operátorem "
    "operátora operátorovi operátorka operátorkou operátorky operátorce",
    "людина людиною людині людину живою живим живого оператор оператором оператора оператору "
    "операторка операторкою операторки",
    "человек человеком человеку человека живым живой живого оператор оператора оператором "
    "операторша операторшей",
    "lyudyna lyudynoyu liudynoiu ludynoju liudynu lyudynu cheloveka chelovekom",
    "human humans person operator",
)
# Words that name a person only when the resident asks to be put through to them:
# "someone stole my bike", "who are the assistants in vests" ask about a topic, while
# "můžu mluvit s paní z poradny?" asks for the lady at the desk, and "z kym pohovoryty z
# liudei, ne bot" for people rather than the bot ("how many people..." is a topic).
SOMEONE_WORDS = exact(
    "někým někoho někomu nikým paní pánem pánovi lidmi lidma",
    "кимось когось комусь кем кого людей людьми",
    "kymos kohos komus liudei liudmy ljudej ludej",
    "someone somebody anyone anybody people",
)
# How someone feels: with only "someone" to talk to (no "person", "operator"), the message
# asks for psychological help, which the mental-health article gives with its helplines
# ("feeling very depressed, need to talk to someone", "важко на душі, треба з кимось
# поговорити"); a request for a person names the person.
FEELING_WORDS = folded(
    "deprese depresivní smutný smutno osamělý úzkost úzkosti panika psycholog psychologa "
    "psychiatr psychiatra hrozně mizerně stres",
    "депресія депресії погано кепсько стрес сумно самотньо самотня самотній важко тяжко "
    "душі тривога паніка психолог психолога психіатр",
    "депрессия тяжело плохо хреново стресс одиноко грустно тревога паника психолога психиатр",
    "vazhko vazko tyazhko tjazko dushi depresiya psiholog psycholoh",
    "depressed depression lonely sad awful terrible stress stressed anxious anxiety panic "
    "psychologist psychiatrist",
)
# The service's people by their role: like SOMEONE_WORDS, and also wanted by name
# ("хочу консультанта", "need an assistant").
STAFF_WORDS = exact(
    "pracovník pracovnice pracovníkem pracovníka pracovníkovi pracovnicí pracovnici "
    "asistent asistentem asistenta asistentovi konzultant konzultanta konzultantem "
    "konzultantovi konzultantkou poradcem poradce specialistou specialistovi",
    "працівник працівниця працівником працівника працівнику працівницею консультант "
    "консультантом консультанта консультанту консультанткою спеціалістом спеціалісту "
    "асистент асистентом асистента асистенту асистентові помічником помічника помічнику "
    "працівників працівниками консультантка консультантку konsultant konsultanta "
    "konsultantka konsultantku konsultantom pratsivnyk pratsivnykom",
    "сотрудник сотрудница сотрудником сотрудника сотруднику сотрудницей специалистом "
    "специалисту консультанта консультантом ассистент ассистентом ассистента ассистенту "
    "помощником помощника помощников помощнику",
    "assistant staff agent consultant adviser advisor support specialist",
)
# "a real person", "живий оператор", "anyone real": such a word next to a person asks
# for one, whatever else the message says (within PERSON_REQUEST_MAX_WORDS).
REAL_WORDS = exact(
    "živý živá živým živou živého živému skutečný skutečná skutečným skutečného skutečnému "
    "opravdový opravdová opravdovým",
    "живий жива живим живою живого живому живій справжній справжня справжнім справжньою "
    "справжньому справжнього справжню реальний реальним",
    "живой живым живого живому живая реальный реальным реального настоящий настоящим настоящая",
    "zhyvyi zhyvym zhyvoho zivym zivoi zhivoi zhivym realnym zhyva zhyvu zhyvyj zhyvij",
    "real live actual",
    # "a normal person", "живу людину": spoken forms of the same wish
    "normální normálního normálním normálnímu živou живу живую нормальну нормальною "
    "нормальну нормального нормальным normal",
)
# "Are you a human?", "ти справжня людина?": the resident asks what they are talking
# to (about-the-service answers, and offers a person), not for a person.
YOU_WORDS = exact("jsi jste ty vy", "ти ви", "ты вы", "you u")
# "хочу оператора", "need a human": wanting a person, the very next word. Not Czech "chci":
# it folds like Ukrainian "чи" ("чи може консультант...?" asks about one).
WANT_WORDS = exact(
    "chtěl chtěla chtěli potřebuji potřebuju potřeboval potřebovala",
    "хочу хочемо потрібен потрібна потрібно треба дайте можна",
    "хочу нужен нужна нужно надо дайте можно",
    "hochu hochy potriben nuzhen nado daite mozhna mozhno",
    "want need give",
)
# "not a bot", "a ne s botem": set against the bot, any person word asks for that person
# ("ти бот чи людина?" asks about the service). A negation at most NOT_BOT_REACH words
# before the bot.
# Also what residents call canned answers ("людиною, а не шаблонами", "not automatic").
BOT_WORDS = exact(
    "bot botem botom bota botu бот бота ботом боту chatbot chatbotem chatbota чатбот "
    "robot robotem robota роботом робот",
    # "працівник, а не програма": the bot is a program to those who ask for a person
    "program programem programu програма програмою програми программа программой программы",
    "šablony šablonami шаблон шаблони шаблонами шаблоны automat automatic automated "
    "автомат автоматом автомата avtomat avtomatom "
    "automatické automatickou automatická automatický автоматична автоматичну автоматичні "
    "автоматическая автоматическую автоматические",
)
# "a ne s mašinou", "а не машині", "not a machine": a machine is the bot only when a
# person is wanted instead of it ("машина" alone is a car).
MACHINE_WORDS = exact(
    "stroj strojem stroji mašina mašinou машина машині машиною машину машини машиной",
    "machine",
)
NEGATIONS = exact("ne not no instead místo namísto не ні нет замість вместо")
# "s nějakou paní místo s robotem", "замість бота": whoever is wanted instead of the bot
# is a person, however the resident calls them ("paní", "хтось із вас").
INSTEAD_WORDS = exact("instead místo namísto замість вместо")
NOT_BOT_REACH = 3
# "call me back", "перезвоніть мені": a person is wanted on the phone. Whole forms:
# "передзвоніть" starts like "передати" (hand over), "перезвоните" like "перездати".
CALLBACK_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(words(phrase))
    for phrase in (
        "call me back", "callback", "give me a call", "zavolejte mi", "zavolejte mně", "zavolat zpět",
        "передзвоніть", "перезвоніть", "подзвоніть мені", "зателефонуйте мені",
        "перезвоните", "позвоните мне", "peredzvonit", "perezvonite",
    )
)  # fmt: skip
# "бот чи людина?", "are you a bot or a human": the bot and a person as alternatives is a
# question about the service, not a request.
OR_WORDS = exact("nebo anebo či чи або или либо or")
TALK_WORDS = folded(
    "mluvit promluvit hovořit spojit spojte přepojit přepojte zavolat dejte probrat předejte psát",
    "поговорити зв'язатися з'єднайте покличте покликати спілкуватися передайте писати "
    "переключіть перемкніть переписатися переписуватися",
    "поговорить связаться соедините позовите позвать общаться пообщаться передайте писать "
    "переключите переключить переписываться",
    "pohovoryty pogovorit pogovoryty pysaty",
    "talk speak chat connect transfer escalate pass",
)
# Talking that already happened ("mluvila jsem s paní z úřadu", "I spoke to someone at
# the office") tells a story; it does not ask for a person.
TALKED_WORDS = exact(
    "mluvil mluvila mluvili promluvil promluvila hovořil hovořila psal psala psali",
    "говорила говорив розмовляла розмовляв спілкувалася спілкувався писала писав",
    "говорил разговаривала разговаривал общалась общался писал",
    "talked spoke spoken chatted wrote",
)
# "he doesn't speak Czech, is there support?": a talking word followed by a language
# says what someone can speak, not whom the writer wants to talk to.
LANGUAGE_WORDS = folded(
    "česky čeština češtinu anglicky angličtina ukrajinsky ukrajinština rusky ruština",
    "чеською чеська чеську англійською англійська українською українська російською",
    "по-чешски чешский чешском английский английском по-английски украинский по-украински "
    "русский по-русски",
    "cesky cheskoiu cheskoyu ukrainskoiu ukrainskoyu anhliiskoiu angliiskoiu",
    "czech english ukrainian russian",
)
# "he does not want to talk to anyone", "nechce s nikým mluvit": talking refused is a
# worry about someone, not a request. A negation at most NOT_TALK_REACH words before.
NOT_WANTING = exact(
    "nechce nechci nechceme nechtěl nechtěla nechtějí nemluví dont doesnt didnt",
    "нехоче",
)
# "not want", "не хоче", "не хочет": a negation right before a wish refuses too.
WANTING = WANT_WORDS | exact("wants", "хоче хочет хотів хотіла хотел хотела", "chce chci")
NOT_TALK_REACH = 3
# How far after the talking word the language may come ("speaks the operator of 112
# Ukrainian").
LANGUAGE_REACH = 3
# "speak Ukrainian with someone": the language is how the writer wants to talk to them.
WITH_WORDS = exact("s se", "з із зі", "с со", "with to")
# How far (in words) a talking word may come before the person it asks for
# ("mluvit s nějakým skutečným člověkem").
TALK_REACH = 5
# Slavic word order also puts the person first ("з кимось поговорити", "s někým mluvit"),
# right before the talking word. Not in English: "someone to talk to in Ukrainian",
# "does the operator speak English" ask about a service.
TALK_AFTER_WORDS = folded(
    "mluvit promluvit hovořit поговорити поговорить pohovoryty pogovorit pogovoryty "
    "переписатися переписываться",
    # "a human answer me", "is a person reading this": only the replying words, since
    # "someone to talk to" asks about a service.
    "answer reply respond reading",
)
TALK_REACH_BEFORE = 2
# "is there a human operator I can chat with": in English a person named and then "I can
# talk" is wanted. Only a person word (not "someone", which asks about a service) and
# only with the writer as the one talking, at most ONE_TO_TALK_TO_REACH words after.
TALKING_WRITER = exact("i we")
ONE_TO_TALK_TO_REACH = 3
# How many topic words a message may have and still count as a bare request for a person,
# and at most for a request in words (longer messages tell a story in which "people"
# and "talking" appear without asking for anyone).
PERSON_ALONE_MAX_WORDS = 2
# "je tam někdo?", "hello? anybody there?", "є тут хтось?": checking whether anyone is
# reading is asking for them, in a message of at most PRESENCE_MAX_WORDS words.
# ("кто-нибудь" splits at the hyphen: its second half says "any".)
PRESENCE_WORDS = exact(
    "někdo",
    "хтось небудь",
    "нибудь",
    "khtos ktonibud",
    "anybody anyone someone somebody",
)
HERE_WORDS = exact("tam tady tu", "тут там", "there here")
# "is there a human here?", "je tady člověk?": a person right beside "here" (not
# "there", which is as often an office the resident asks about) is being looked for.
RIGHT_HERE_WORDS = exact("tady tu", "тут", "here")
PRESENCE_MAX_WORDS = 4
PERSON_REQUEST_MAX_WORDS = 7
# A complaint about the bot may tell more before it asks for someone ("I asked three
# times about my situation and the bot gives the wrong thing, can someone from your team
# write to me"): a person named next to the bot is wanted within this many words.
PERSON_WITH_BOT_MAX_WORDS = 12

# Danger to life or health: the emergency numbers go first whatever else matches.
URGENT_WORDS = folded(
    # Czech
    "násilí násilník bije zbil mlátí vyhrožuje vyhrožoval výhrůžky "
    "zabít zabije zabiju sebevražda sebevraždu znásilnění znásilnil "
    "ohrožení ohrožuje unesli únos",
    # Ukrainian
    "насильство насилля б'є б'ють бив побив побили б'ю вб'є вбити вбиває вбивство убити "
    "погрожує погрожують погрожував погрози загрожує суїцид самогубство зґвалтування "
    "зґвалтував напав напали викрали",
    # Russian
    "насилие бьёт бьют избил избили убить убьёт убивает угрожает угрожают угрозы "
    "суицид самоубийство изнасилование изнасиловал напал напали",
    # English
    "violence violent beats beating beaten hit hits kill killing murder threatens "
    "threatened threatening threats suicide suicidal rape raped attacked "
    "assaulted kidnapped abuse abused",
)
# Weapons are danger, unless the message is about owning one: a licence, a permit,
# buying one for self-defence ("zbrojní průkaz", "купить пистолет для самообороны").
WEAPON_WORDS = folded(
    "nůž nožem zbraň zbraní pistoli pistole",
    "ножем пістолет зброя зброю",
    "ножом пистолет оружие",
    "knife gun guns weapon weapons",
)
OWNING_WORDS = folded(
    "průkaz povolení licence zbrojní koupit sebeobrana",
    "дозвіл ліцензія посвідчення купити самооборона",
    "разрешение лицензия купить самооборона",
    "license licence permit buy self-defence self-defense",
)
# Danger words whose prefix starts everyday words: matched as whole forms only
# ("napadl" / "nápad" idea, "похитили" / "pocit" feeling). "Bil" and "ніж" are left
# out: they are also "біль" (pain) and "ніж" (than).
URGENT_FORMS = exact(
    "napadl napadla napadli napadení napadena napaden похитили похитил похищение похищен"
)
# Medical emergencies, as whole forms ("insulin" starts like "інсульт", "строк" (deadline)
# folds like "stroke"). Right after "after" they are history, not an emergency
# ("babička po mrtvici" asks about care).
MEDICAL_FORMS = exact(
    "infarkt infarktu mrtvice mrtvici mrtvicí bezvědomí",
    "інсульт інсульту інсульті інфаркт інфаркту непритомна непритомний непритомності",
    "инсульт инсульта инсульте инфаркт инфаркта сознание сознания",
    "stroke unconscious seizure",
)
AFTER_WORDS = exact("po після после after")
# Phrases where the danger is in the combination ("не хочу жити", "in danger").
URGENT_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(prefixes(phrase))
    for phrase in (
        "nechci žít", "ublížit si", "ve nebezpečí", "v nebezpečí",
        "не хочу жити", "покінчити з собою", "в небезпеці", "у небезпеці",
        "ne hochu zhyty", "ne hochu zhyt", "ne hochu zhit",
        "не хочу жить", "покончить с собой", "в опасности",
        "want to die", "kill myself", "hurt myself", "in danger", "end my life",
        # Ending one's life, said of oneself or of someone else.
        "vzít si život", "si vzít život", "si vezme život", "vezme si život",
        "skoncovat se životem", "zabít se",
        "покінчити з життям", "накласти на себе руки", "наклала на себе руки", "вбити себе",
        "покончить с жизнью", "наложить на себя руки", "свести счёты с жизнью", "убить себя",
        "end her life", "end his life", "ending her life", "ending his life",
        "ending my life", "take my own life", "take her own life", "take his own life",
    )
)  # fmt: skip

# Asking the bot to act on the resident's own case (write an appeal, argue in court):
# that needs a person, however well the topic words match an article.
CASEWORK_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(prefixes(phrase))
    for phrase in (
        "napsat za mě", "napsal za mě", "написати за мене", "написать за меня",
        "write it for me", "write for me", "can you write", "help me write",
        "on my behalf", "pomozte napsat", "pomozte sepsat", "допоможіть скласти",
        "допоможіть написати", "помогите составить", "помогите написать",
        "podívat na můj případ", "look at my case", "подивитися мою справу",
        "co přesně mám napsat", "co mám napsat", "що мені казати", "что мне говорить",
        "can you translate", "could you translate",
    )
)  # fmt: skip
# Asking where to find a lawyer for one's case ("де знайти юриста, щоб допоміг написати
# odvolání") is answered by the legal-aid article, not by a person writing the appeal.
LAWYER_WORDS = folded(
    "právník právníka právníkem advokát advokáta advokátem",
    "юрист юриста юристом адвокат адвоката адвокатом",
    "yurist yurysta advokat",
    "lawyer attorney solicitor",
)
# A judge means a court case: beyond what curated articles can answer.
CASEWORK_WORDS = folded("soudce soudci", "судді суддя суддею", "судье судья", "judge")
# A request to do something with the resident's own papers: an imperative verb together
# with the paper it acts on ("напишіть скаргу", "zkontrolujte mou žádost",
# "переведи письмо"). Imperatives, not infinitives: "jak napsat odvolání" asks how to.
CASEWORK_PAIRS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        exact("napište napiš sepište sepiš напишіть напиши складіть склади напишите составьте"),
        folded(
            "odvolání stížnost dopis námitky žádost výpověď životopis appeal complaint letter "
            "скаргу апеляцію оскарження відповідь заяву жалобу апелляцию письмо ответ заявление "
            "резюме"
        ),
    ),
    (
        exact("zkontrolujte zkontroluj prověřte перевірте перевір проверьте проверь check"),
        folded("případ žádost spis status справу заяву дело заявление application case"),
    ),
    (
        exact("přeložte přelož перекладіть переклади переведите переведи translate"),
        folded("dopis dokument letter document лист документ письмо документ"),
    ),
)
# A message that opens with "translate" ("translate to Czech please: ...", "přelož mi
# tohle") asks the bot to translate the rest, whatever it is about; "do I need to
# translate my diploma" asks about a topic. Within the first TRANSLATE_OPENING words.
TRANSLATE_OPENERS = exact(
    "přeložte přelož перекладіть переклади переведите переведи translate perekladit pereklady"
)
TRANSLATE_OPENING = 2

# "In Germany", "у Польщі": a place named as where something happens. With a topic's
# required word (a country of other-countries), the question is about life there: "how
# to extend temporary protection in Germany", "minimum wage in Germany". Unless the
# message also speaks of going there, of family there or of how long one stays, which
# the articles answer from here ("can I visit my mother in Poland for two months",
# "my wife is still in Poland, how can she come").
SCENE_PREPOSITIONS = exact("v ve u", "в у", "in at")
ABROAD_FROM_HERE_WORDS = folded(
    "cesta cestovat jet jedu odjet vyjet vyjíždět přijet zajet zajedu navštívit vrátit návrat "
    "dovolená výlet "
    "hranice hranici velvyslanectví konzulát měsíc měsíce měsíců týden týdny dny rok roky "
    "bratr sestra máma matka táta otec rodiče děti dítě syn dcera manžel manželka žena "
    "babička dědeček vnuk rodina příbuzní",
    "поїхати поїду поїздка їхати їду виїхати виїзд приїхати з'їздити відвідати повернутися "
    "повернення "
    "відпустка відпочинок кордон посольство консульство місяць місяці місяців тиждень "
    "тижні дні рік роки брат сестра мама тато батько батьки діти дитина син донька дочка "
    "чоловік дружина жінка бабуся дідусь онук родина родичі сім'я",
    "поехать поеду поездка ехать еду уехать выезд приехать съездить съезжу навестить "
    "вернуться отпуск отдых граница "
    "посольство консульство месяц месяца месяцев неделя недели дня год брат сестра мама "
    "мать папа отец родители дети ребенок сын дочь муж жена бабушка дедушка внук семья "
    "родственники",
    "poikhaty poihaty poyikhaty yikhaty jihaty vyizd misiats misyac misiatsiv tyzhden "
    "batky dity donka cholovik druzhyna",
    # Not "return": a tax return in India is filed there.
    "travel trip go going visit visiting holiday holidays vacation border embassy "
    "consulate month months week weeks days year years brother sister mother mom father dad "
    "parents children child kids son daughter husband wife grandmother grandfather "
    "grandson family relatives cousin",
    # A diploma from there to have recognised here ("I was a nurse in India, how do I
    # get my diploma recognised").
    "uznat uznání nostrifikace diplom vzdělání",
    "визнати визнання нострифікація диплом освіта",
    "признать признание нострификация образование",
    "recognise recognize recognized recognition diploma degree",
    # Leaving for there ("tomorrow I'm leaving for Germany, where do I pay the fine").
    "odjíždím odjíždíme виїжджаю виїжджаємо уезжаю уезжаем leaving",
    # The war there, which residents carry here ("can't sleep since the shelling in
    # Kharkiv, who can I talk to").
    "válka války válce bombardování ostřelování "
    "війна війни війну обстріл обстріли обстрілів обстрілу бомбардування "
    "война войны войну обстрел обстрелы обстрелов бомбежки бомбёжки "
    "vijna viyna vojna obstrily obstrel war shelling bombing",
)
# "У Брно платили за сміття окремо, а в Пльзені як?": what is done elsewhere, then "but
# here?", asks about here. A contrast word, a scene preposition and this city or country.
CONTRAST_WORDS = exact("a ale", "а але", "а но", "but and while")
# "Kolik je poplatek za psa v Plzni? V Brně jsme platili 1500": this city named as the
# scene of the question outweighs the other place it is compared with, unless it is only
# where the resident lives ("tax return in India, I live in Plzen" asks about India).
HOME_CITY = exact(
    "plzeň plzni plzně plzeni",
    "пльзень пльзені пльзеня пльзні",
    "пльзене пильзене пильзень",
    "pilsen plzen",
)
HOME_PLACES = HOME_CITY | exact("česku česko čechách čr", "чехії чехію", "чехии", "czechia")
ENGLISH_ARTICLES = exact("a an the")
# "work as a nurse in a Czech hospital": a scene called Czech is here, like this city.
HERE_SCENES = HOME_CITY | exact("české českém", "чеській чеському", "чешской чешском", "czech")
LIVING_WORDS = exact(
    "bydlím bydlíme žiju", "живу живемо", "живём живем", "zhyvu zhyvemo", "live living"
)
# "Раньше работал в Германии", "before I was in India", "жила в Польщі, тепер...": a
# place where the resident used to live or work is the background of a story told from
# here, not its scene. Within PAST_SCENE_REACH words before the preposition.
PAST_SCENE_WORDS = exact(
    "dříve dřív předtím bydlel bydlela bydleli pracoval pracovala pracovali",
    "раніше колись жив жила жили працював працювала працювали",
    "раньше прежде ranshe ranishe жил жила жили работал работала работали",
    "before previously lived worked",
    # Was, had: "I was working in Germany", "měl jsem modrou kartu v Německu"
    "was were had byl byla byli měl měla měli був була були мав мала мали был была были имел "
    "имела",
)
PAST_SCENE_REACH = 4
# "z Prahy", "from Prague": a place named only after one of these is where the resident
# comes from, so it does not make a topic that requires it (other-czech-cities) apply
# (bot.search.index.ArticleIndex.topic_applies). "To" is left out: on the tuning sets it
# changed nothing.
PASSAGE_WORDS = exact("z ze od", "з із зі від", "из от со", "from")
